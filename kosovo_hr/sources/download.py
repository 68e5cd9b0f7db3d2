"""Fetch source files into a local cache, verified by sha256: the one fetch path of the package.

Where the bytes come from, in order:

1. the cache (``KOSOVO_HR_CACHE``, default ``~/.cache/kosovo_hr``, or
   ``$XDG_CACHE_HOME/kosovo_hr``): used when its sha256 matches; a cached
   file whose hash no longer matches is replaced (fetched again);
2. a mirror directory (``KOSOVO_HR_MIRROR``) laid out as ``<host>/<url path>``:
   an alternative origin for the same bytes, copied after the same check.  A
   relative path is taken from the repository root (the folder holding
   ``pyproject.toml``; the current folder for an installed package without
   one), resolved once and written back as an absolute path, so notebooks run
   from ``notebooks/``, pytest and JupyterLab kernels all see the same folder.
   A mirror path that is not a folder is an error naming the resolved path;
3. the canonical URL, downloaded with a progress bar, unless offline mode
   (``KOSOVO_HR_OFFLINE=1``) forbids any network access.

Two kinds of source go through here:

* declared files (:func:`fetch`): the sha256 is declared in the catalogue;
* responses of a query service such as ASKdata (:func:`fetch_response`):
  the sha256 of the response is recorded in a ``.meta.json`` beside the
  cached copy when it is first stored, and re-checked on every read.

A file whose hash does not match is never used: :class:`HashMismatchError`
names the file, the expected and the actual hash and what to do.

Safety: every write goes to a temporary ``.part-*`` file in the target's
folder and is renamed into place (``os.replace``, atomic), so a reader never
sees half a file and two processes fetching the same file both succeed;
``.part-*`` files older than :data:`STALE_PART_S` (left by a killed process)
are removed. A download has a read timeout (:data:`TIMEOUT_S`) and a total
time limit (:data:`TOTAL_LIMIT_S`, env ``KOSOVO_HR_DOWNLOAD_LIMIT_S``).
"""

from __future__ import annotations

import atexit
import datetime as _dt
import hashlib
import json
import os
import shutil
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

from ..atomic import STALE_PART_S, atomic_write_bytes, clean_stale_parts, staged
from ..errors import KosovoHRError, KosovoHRValueError
from .catalogue import Source, get_source, safe_relative_path

__all__ = [
    "ENV_CACHE",
    "ENV_MIRROR",
    "ENV_OFFLINE",
    "ENV_LIMIT",
    "TIMEOUT_S",
    "TOTAL_LIMIT_S",
    "STALE_PART_S",
    "FetchError",
    "HashMismatchError",
    "OfflineError",
    "MirrorMissingError",
    "DownloadTimeLimitError",
    "cache_dir",
    "mirror_dir",
    "offline",
    "sha256_of",
    "cached_path",
    "download_limit_s",
    "fetch",
    "fetch_all",
    "fetch_response",
    "response_meta",
]

ENV_CACHE = "KOSOVO_HR_CACHE"
ENV_MIRROR = "KOSOVO_HR_MIRROR"
ENV_OFFLINE = "KOSOVO_HR_OFFLINE"
ENV_LIMIT = "KOSOVO_HR_DOWNLOAD_LIMIT_S"
#: Seconds without data before a download is abandoned (per read).
TIMEOUT_S = 60
#: Seconds a whole download may take (a server trickling bytes cannot hang a run).
TOTAL_LIMIT_S = 900


class FetchError(KosovoHRError, RuntimeError):
    """A declared file could not be obtained."""


class HashMismatchError(FetchError):
    """The bytes obtained differ from the declared sha256; they were not used."""


class OfflineError(FetchError):
    """Offline mode is on and the file is neither cached nor in the mirror."""


class MirrorMissingError(OfflineError):
    """Offline mode is on, a mirror is set, but the file is not in it."""


class MirrorNotFoundError(FetchError):
    """``KOSOVO_HR_MIRROR`` names a folder that does not exist."""


def cache_dir() -> Path:
    """The cache folder (created on demand)."""
    if os.environ.get(ENV_CACHE):
        return Path(os.environ[ENV_CACHE]).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "kosovo_hr"


def repository_root() -> Path | None:
    """The source checkout this package runs from (holds ``pyproject.toml``), or None."""
    root = Path(__file__).resolve().parents[2]
    return root if (root / "pyproject.toml").is_file() else None


def mirror_dir() -> Path | None:
    """The mirror folder from ``KOSOVO_HR_MIRROR`` (absolute), or None when unset.

    A relative value is resolved against :func:`repository_root` (or the
    current folder without a checkout) and written back to the environment,
    so it is resolved once per process and inherited by child processes.
    Raises :class:`MirrorNotFoundError` naming the resolved path when it is
    not a folder.
    """
    m = os.environ.get(ENV_MIRROR)
    if not m:
        return None
    path = Path(m).expanduser()
    if not path.is_absolute():
        base = repository_root() or Path.cwd()
        path = (base / path).resolve()
        os.environ[ENV_MIRROR] = str(path)
    if not path.is_dir():
        how = (
            ""
            if Path(m).expanduser().is_absolute()
            else f" ({m!r} is relative, so it was taken from {repository_root() or Path.cwd()})"
        )
        raise MirrorNotFoundError(
            f"{ENV_MIRROR} points to {path}{how}, which is not a folder. Set it to the mirror "
            f"folder (laid out as <host>/<url path>), or unset it to use the cache and the network."
        )
    return path


def offline() -> bool:
    """True when ``KOSOVO_HR_OFFLINE`` is set to 1/true/yes."""
    return os.environ.get(ENV_OFFLINE, "").strip().lower() in {"1", "true", "yes", "on"}


def sha256_of(path: Path) -> str:
    """Hex sha256 of a file, read in blocks."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def cached_path(source: Source, file: str) -> Path:
    """Where ``file`` of ``source`` lives in the cache: ``<cache>/<id>/<version>/<file>``."""
    return _inside(cache_dir(), source.id, source.version, file)


def _inside(root: Path, *parts: str) -> Path:
    """``root/parts...``, refusing any part that is absolute or climbs out with ``..``."""
    for p in parts:
        safe_relative_path(p, what="cache path part")
    path = root.joinpath(*parts)
    if not path.resolve().is_relative_to(root.resolve()):
        raise FetchError(f"refusing to write outside the cache: {path}")
    return path


def download_limit_s() -> float:
    """Total time limit of one download in seconds (``KOSOVO_HR_DOWNLOAD_LIMIT_S`` or :data:`TOTAL_LIMIT_S`)."""
    raw = os.environ.get(ENV_LIMIT, "").strip()
    if not raw:
        return float(TOTAL_LIMIT_S)
    try:
        value = float(raw)
    except ValueError:
        raise KosovoHRValueError(f"{ENV_LIMIT} must be a number of seconds, got {raw!r}") from None
    if value <= 0:
        raise KosovoHRValueError(f"{ENV_LIMIT} must be positive, got {raw!r}")
    return value


def fetch(source_id: str, file: str | None = None, *, progress: bool = True) -> Path:
    """Return the local path of a declared source file, fetching it if needed.

    ``file`` may be omitted for sources that declare a single file.
    Raises :class:`HashMismatchError`, :class:`OfflineError`,
    :class:`MirrorMissingError` or :class:`FetchError` with advice.
    """
    source = get_source(source_id)
    if file is None:
        if not source.files:
            raise KosovoHRValueError(
                f"source {source_id!r} declares no files to fetch ({source.notes.get('files', 'see its declaration')})"
            )
        if len(source.files) != 1:
            raise KosovoHRValueError(f"source {source_id!r} has {len(source.files)} files; name one")
        file = next(iter(source.files))
    expected = source.sha256(file)
    mirror = mirror_dir()  # a mirror path that is not a folder is an error even when the cache holds the file
    if source.personal_data:
        return _fetch_uncached(source, file, expected, mirror, progress)
    target = cached_path(source, file)
    clean_stale_parts(target.parent)
    if target.exists():
        if sha256_of(target) == expected:
            return target
        # not deleted: the good copy is renamed over it (another process may be doing the same)
        print(f"kosovo_hr: cached {target} does not match its declared sha256; fetching it again", file=sys.stderr)

    if mirror is not None:
        candidate = mirror / source.mirror_path(file)
        if candidate.is_file():
            _install(candidate, target, expected, source=source, file=file)
            return target
        if offline():
            raise MirrorMissingError(
                f"{source.id}: {file} is not in the mirror (looked for {candidate}) and "
                f"{ENV_OFFLINE} is set, so it will not be downloaded. Add the file to the mirror "
                f"at that path, or unset {ENV_OFFLINE} to download it from {source.url(file)}."
            )
    if offline():
        raise OfflineError(
            f"{source.id}: {file} is not in the cache ({target}) and {ENV_OFFLINE} is set. "
            f"Set {ENV_MIRROR} to a mirror directory holding <host>/<url path>, or unset "
            f"{ENV_OFFLINE} to download it from {source.url(file)}."
        )
    _download(source, file, target, expected, progress)
    return target


_UNCACHED: dict[tuple[str, str], Path] = {}


def _fetch_uncached(source: Source, file: str, expected: str, mirror: Path | None, progress: bool) -> Path:
    """A verified copy of a personal-data file that never enters the cache.

    From a mirror, the mirror file itself is verified and returned (nothing is
    copied). Otherwise the file is downloaded into a private temporary folder
    of this process, removed when the process ends. A copy that an older
    version left in the cache is deleted.
    """
    stale = cached_path(source, file)
    if stale.exists():
        stale.unlink()
        print(f"kosovo_hr: removed {stale}: {source.id} holds personal data and is no longer cached", file=sys.stderr)
    if mirror is not None:
        candidate = mirror / source.mirror_path(file)
        if candidate.is_file():
            _verify(
                candidate,
                expected,
                source=source,
                origin=f"mirror file {candidate}",
                advice=f"The mirror copy is damaged or a different version: replace it with {source.url(file)}.",
            )
            return candidate
        if offline():
            raise MirrorMissingError(
                f"{source.id}: {file} is not in the mirror (looked for {candidate}) and {ENV_OFFLINE} is set, so "
                f"it will not be downloaded. Add the file to the mirror at that path, or unset {ENV_OFFLINE}."
            )
    if offline():
        raise OfflineError(
            f"{source.id}: {file} holds personal data, is never cached, and {ENV_OFFLINE} is set. "
            f"Set {ENV_MIRROR} to a mirror directory holding <host>/<url path>."
        )
    key = (source.id, file)
    if key in _UNCACHED and _UNCACHED[key].exists():
        return _UNCACHED[key]
    folder = Path(tempfile.mkdtemp(prefix="kosovo_hr-personal-"))
    os.chmod(folder, 0o700)
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    target = folder / Path(file).name
    _download(source, file, target, expected, progress)
    _UNCACHED[key] = target
    return target


def _install(origin_path: Path, target: Path, expected: str, *, source: Source, file: str) -> None:
    with staged(target) as tmp:
        shutil.copyfile(origin_path, tmp)
        _verify(
            tmp,
            expected,
            source=source,
            origin=f"mirror file {origin_path}",
            advice=f"The mirror copy is damaged or a different version: replace it with {source.url(file)}.",
        )
        os.replace(tmp, target)


def _verify(path: Path, expected: str, *, source: Source, origin: str, advice: str) -> None:
    actual = sha256_of(path)
    if actual != expected:
        raise HashMismatchError(
            f"{source.id}: the {origin} has sha256 {actual}, but the declaration expects "
            f"{expected}. The file was not used. {advice}"
        )


class DownloadTimeLimitError(FetchError):
    """A download took longer than the total time limit and was abandoned."""


def _read_url(request: str | urllib.request.Request, out: Path, *, desc: str, progress: bool) -> None:
    """Stream ``request`` into ``out`` with a read timeout and a total time limit."""
    limit = download_limit_s()
    start = time.monotonic()
    with urllib.request.urlopen(request, timeout=TIMEOUT_S) as resp, open(out, "wb") as fh:
        headers = getattr(resp, "headers", None) or {}
        total = int(headers.get("Content-Length") or 0) or None
        bar = _progress_bar(total, desc, progress)
        try:
            while True:
                block = resp.read(1 << 16)
                if not block:
                    break
                fh.write(block)
                bar.update(len(block))
                if time.monotonic() - start > limit:
                    raise DownloadTimeLimitError(
                        f"{desc}: the download took more than {limit:g} s and was abandoned; "
                        f"retry, raise {ENV_LIMIT}, or use a mirror ({ENV_MIRROR})"
                    )
        finally:
            bar.close()


def _download(source: Source, file: str, target: Path, expected: str, progress: bool) -> None:
    url = source.url(file)
    with staged(target) as tmp:
        try:
            _read_url(url, tmp, desc=f"{source.id}: {Path(file).name}", progress=progress)
        except DownloadTimeLimitError:
            raise
        except OSError as err:  # urllib.error.URLError and TimeoutError are OSErrors
            raise FetchError(
                f"{source.id}: could not download {url} ({err}). Check the network, or set "
                f"{ENV_MIRROR} to a mirror directory holding {source.mirror_path(file)}."
            ) from err
        _verify(
            tmp,
            expected,
            source=source,
            origin=f"download from {url}",
            advice="The upstream file changed: report it to the kosovo_hr maintainers, who "
            f"must review the new version ({source.landing_page}) before updating the "
            "declared hash.",
        )
        os.replace(tmp, target)


def _progress_bar(total: int | None, desc: str, enabled: bool):
    from tqdm.auto import tqdm

    return tqdm(total=total, desc=desc, unit="B", unit_scale=True, disable=not enabled, file=sys.stderr, leave=False)


def fetch_all(progress: bool = True) -> list[Path]:
    """Fetch every file of every declared source; return their paths."""
    from .catalogue import catalogue

    return [fetch(s.id, f, progress=progress) for s in catalogue().values() for f in s.files]


# --------------------------------------------------------------------------- query services


def _meta_path(target: Path) -> Path:
    return target.with_name(target.name + ".meta.json")


def response_meta(target: Path) -> dict:
    """The provenance recorded beside a cached response (url, method, body, sha256, origin, time)."""
    return json.loads(_meta_path(target).read_text(encoding="utf-8"))


def _cached_response_ok(target: Path) -> bool:
    """True when ``target`` and its ``.meta.json`` exist and the bytes still have the recorded sha256."""
    if not target.is_file():
        return False
    try:
        recorded = response_meta(target)["sha256"]
    except (OSError, ValueError, KeyError):
        print(f"kosovo_hr: cached {target} has no readable provenance record; fetching it again", file=sys.stderr)
        return False
    if sha256_of(target) != recorded:
        print(
            f"kosovo_hr: cached {target} does not match the sha256 recorded when it was stored "
            f"(edited or damaged); fetching it again",
            file=sys.stderr,
        )
        return False
    return True


def _store_response(payload: bytes, target: Path, *, url: str, body: dict | None, origin: str) -> None:
    meta = {
        "url": url,
        "method": "GET" if body is None else "POST",
        "body": body,
        "sha256": hashlib.sha256(payload).hexdigest(),
        "origin": origin,
        "retrieved_utc": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
    }
    # the record first: a reader that sees the new bytes always finds their hash
    atomic_write_bytes(_meta_path(target), json.dumps(meta, indent=1, ensure_ascii=False).encode("utf-8"))
    atomic_write_bytes(target, payload)


def fetch_response(
    source_id: str,
    rel: str,
    *,
    url: str,
    body: dict | None = None,
    refresh: bool = False,
    check: Callable[[bytes], None] | None = None,
) -> Path:
    """Local path of a query service's response (GET ``url``, or POST ``body`` as JSON), cached and verified.

    ``rel`` is the response's path in the mirror and under ``<cache>/<source_id>/``
    (e.g. ``<host>/<url path>.query-<hash>.json``). The cache is used when
    the bytes still have the sha256 recorded when they were stored (checked on
    every read; an edited or damaged copy is fetched again); then the mirror
    (copied), then, unless offline, the service. ``check(payload)`` may raise
    :class:`FetchError` to refuse a response (e.g. not JSON) before it is
    stored. ``refresh=True`` skips the cache (not the offline rule).
    """
    get_source(source_id)  # a declared source only
    target = _inside(cache_dir(), source_id, *Path(safe_relative_path(rel, what="response path")).parts)
    clean_stale_parts(target.parent)
    if not refresh and _cached_response_ok(target):
        return target
    mirror = mirror_dir()
    if mirror is not None and (mirror / rel).is_file():
        payload = (mirror / rel).read_bytes()
        if check is not None:
            check(payload)
        _store_response(payload, target, url=url, body=body, origin=f"mirror {mirror / rel}")
        return target
    if offline():
        raise OfflineError(
            f"{source_id}: {rel} is not in the cache ({target}) nor in the mirror "
            f"({mirror / rel if mirror else ENV_MIRROR + ' not set'}) and {ENV_OFFLINE} is "
            f"set, so the service will not be contacted. Unset {ENV_OFFLINE} to "
            f"query {url}, or place the response at that mirror path."
        )
    data = None if body is None else json.dumps(body).encode("utf-8")
    req = urllib.request.Request(
        url,
        data=data,
        method="GET" if body is None else "POST",
        headers={"Content-Type": "application/json", "Accept": "application/json"},
    )
    with staged(target) as tmp:
        try:
            _read_url(req, tmp, desc=f"{source_id}: {Path(rel).name}", progress=False)
        except DownloadTimeLimitError:
            raise
        except OSError as err:
            raise FetchError(
                f"{source_id}: could not {req.get_method()} {url} ({err}). Check the query "
                f"and the network, or use a mirror ({ENV_MIRROR})."
            ) from err
        payload = tmp.read_bytes()
    if check is not None:
        check(payload)
    _store_response(payload, target, url=url, body=body, origin="service")
    return target
