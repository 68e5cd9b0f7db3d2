"""Fetch declared source files into a local cache, verified by sha256.

Where the bytes come from, in order:

1. the cache (``KOSOVO_HR_CACHE``, default ``~/.cache/kosovo_hr``, or
   ``$XDG_CACHE_HOME/kosovo_hr``): used when its sha256 matches; a cached
   file whose hash no longer matches is discarded and fetched again;
2. a mirror directory (``KOSOVO_HR_MIRROR``) laid out as ``<host>/<url path>``:
   an alternative origin for the same bytes, copied after the same check.  A
   relative path is taken from the repository root (the folder holding
   ``pyproject.toml``; the current folder for an installed package without
   one), resolved once and written back as an absolute path, so notebooks run
   from ``notebooks/``, pytest and JupyterLab kernels all see the same folder.
   A mirror path that is not a folder is an error naming the resolved path;
3. the canonical URL, downloaded with a progress bar, unless offline mode
   (``KOSOVO_HR_OFFLINE=1``) forbids any network access.

A file whose hash does not match the declaration is never used: it is
removed and :class:`HashMismatchError` names the file, the expected and the
actual hash and what to do.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
import tempfile
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .catalogue import Source, get_source

ENV_CACHE = "KOSOVO_HR_CACHE"
ENV_MIRROR = "KOSOVO_HR_MIRROR"
ENV_OFFLINE = "KOSOVO_HR_OFFLINE"
TIMEOUT_S = 60


class FetchError(RuntimeError):
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
        how = "" if Path(m).expanduser().is_absolute() else \
            f" ({m!r} is relative, so it was taken from {repository_root() or Path.cwd()})"
        raise MirrorNotFoundError(
            f"{ENV_MIRROR} points to {path}{how}, which is not a folder. Set it to the mirror "
            f"folder (laid out as <host>/<url path>), or unset it to use the cache and the network.")
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
    return cache_dir() / source.id / source.version / file


def fetch(source_id: str, file: str | None = None, *, progress: bool = True) -> Path:
    """Return the local path of a declared source file, fetching it if needed.

    ``file`` may be omitted for sources that declare a single file.
    Raises :class:`HashMismatchError`, :class:`OfflineError`,
    :class:`MirrorMissingError` or :class:`FetchError` with advice.
    """
    source = get_source(source_id)
    if file is None:
        if not source.files:
            raise ValueError(f"source {source_id!r} declares no files to fetch "
                             f"({source.notes.get('files', 'see its declaration')})")
        if len(source.files) != 1:
            raise ValueError(f"source {source_id!r} has {len(source.files)} files; name one")
        file = next(iter(source.files))
    expected = source.sha256(file)
    mirror = mirror_dir()  # a mirror path that is not a folder is an error even when the cache holds the file
    target = cached_path(source, file)
    if target.exists():
        if sha256_of(target) == expected:
            return target
        print(f"kosovo_hr: cached {target} does not match its declared sha256; fetching it again",
              file=sys.stderr)
        target.unlink()

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


@contextmanager
def _staged(target: Path) -> Iterator[Path]:
    """A temporary file beside ``target``, removed unless the block moved it into place."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".part-")
    os.close(fd)
    try:
        yield Path(tmp)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _install(origin_path: Path, target: Path, expected: str, *, source: Source, file: str) -> None:
    with _staged(target) as tmp:
        shutil.copyfile(origin_path, tmp)
        _verify(tmp, expected, source=source, origin=f"mirror file {origin_path}",
                advice=f"The mirror copy is damaged or a different version: replace it with "
                       f"{source.url(file)}.")
        os.replace(tmp, target)


def _verify(path: Path, expected: str, *, source: Source, origin: str, advice: str) -> None:
    actual = sha256_of(path)
    if actual != expected:
        raise HashMismatchError(
            f"{source.id}: the {origin} has sha256 {actual}, but the declaration expects "
            f"{expected}. The file was not used. {advice}"
        )


def _download(source: Source, file: str, target: Path, expected: str, progress: bool) -> None:
    url = source.url(file)
    with _staged(target) as tmp:
        try:
            with urllib.request.urlopen(url, timeout=TIMEOUT_S) as resp, open(tmp, "wb") as out:
                total = int(resp.headers.get("Content-Length") or 0) or None
                bar = _progress_bar(total, f"{source.id}: {Path(file).name}", progress)
                for block in iter(lambda: resp.read(1 << 16), b""):
                    out.write(block)
                    bar.update(len(block))
                bar.close()
        except OSError as err:  # urllib.error.URLError and TimeoutError are OSErrors
            raise FetchError(
                f"{source.id}: could not download {url} ({err}). Check the network, or set "
                f"{ENV_MIRROR} to a mirror directory holding {source.mirror_path(file)}."
            ) from err
        _verify(tmp, expected, source=source, origin=f"download from {url}",
                advice="The upstream file changed: report it to the kosovo_hr maintainers, who "
                       f"must review the new version ({source.landing_page}) before updating the "
                       "declared hash.")
        os.replace(tmp, target)


def _progress_bar(total: int | None, desc: str, enabled: bool):
    from tqdm.auto import tqdm

    return tqdm(total=total, desc=desc, unit="B", unit_scale=True, disable=not enabled,
                file=sys.stderr, leave=False)


def fetch_all(progress: bool = True) -> list[Path]:
    """Fetch every file of every declared source; return their paths."""
    from .catalogue import catalogue

    return [fetch(s.id, f, progress=progress) for s in catalogue().values() for f in s.files]
