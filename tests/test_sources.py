"""Declared sources and verified fetching: mirror, cache, offline, download and every error path."""

import hashlib
import http.server
import re
import shutil
import threading
from functools import partial

import pytest

from kosovo_hr import sources as S
from kosovo_hr.sources import download as F

PAYLOAD = b"name,value\nPrishtine,1\n"
#: Requests the fake server answered (one log line each).
requests: list[str] = []
SHA = hashlib.sha256(PAYLOAD).hexdigest()


def test_catalogue_declarations_are_complete():
    cat = S.catalogue()
    assert "geoboundaries_adm2" in cat
    for src in cat.values():
        assert src.licence and src.citation and src.attribution and src.landing_page and src.caveats
        for f in src.files:
            url = src.url(f)
            assert url.startswith("https://")
            # pinned: the address names a commit, never a branch such as main
            assert re.search(r"/[0-9a-f]{40}/", url), f"{src.id}: {url} is not pinned to a commit"


def test_every_declared_file_is_in_the_mirror_with_its_hash(mirror):
    sums = {}
    for line in (mirror / "SHA256SUMS").read_text().splitlines():
        h, path = line.split(maxsplit=1)
        sums[path.lstrip("./").lstrip("*")] = h
    for src in S.catalogue().values():
        for f in src.files:
            assert sums.get(src.mirror_path(f)) == src.sha256(f), f"{src.id}: {f}"


def test_sources_table_lists_every_source():
    # read the declarations independently of catalogue(): every JSON file is one row, fields as written
    import json
    from pathlib import Path

    folder = Path(S.__file__).parent / "catalogue"
    declared = {d["id"]: d for d in (json.loads(p.read_text(encoding="utf-8")) for p in folder.glob("*.json"))}
    assert len(declared) >= 5 and "geoboundaries_adm2" in declared
    t = S.sources_table().set_index("id")
    assert sorted(t.index) == sorted(declared) and t.index.is_unique
    for sid, d in declared.items():
        assert t.loc[sid, "licence"] == d["licence"] and t.loc[sid, "citation"] == d["citation"]
        assert t.loc[sid, "files"] == len(d["files"]) and t.loc[sid, "version"] == d["version"]


def test_unknown_source_and_file():
    with pytest.raises(KeyError, match="declared sources"):
        S.get_source("nope")
    with pytest.raises(KeyError, match="declares no file"):
        S.fetch("geoboundaries_adm2", "nope.json")
    with pytest.raises(ValueError, match="declares no files to fetch"):
        S.fetch("askdata")  # tables are queried on demand, see kosovo_hr.datasets.askdata
    with pytest.raises(ValueError, match="has 2 files; name one"):
        S.fetch("geoboundaries_adm2")


@pytest.fixture
def fake_source(monkeypatch):
    """A declared source served from a local HTTP server on 127.0.0.1."""
    root = None
    servers = []
    requests.clear()

    def make(tmp_path, payload=PAYLOAD, serve=True):
        nonlocal root
        root = tmp_path / "www"
        (root / "data").mkdir(parents=True)
        (root / "data" / "table.csv").write_bytes(payload)
        handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
        handler.func.log_message = lambda self, fmt, *a: requests.append(fmt % a)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        port = server.server_address[1]
        if serve:
            threading.Thread(target=server.serve_forever, daemon=True).start()
            servers.append(server)
        else:
            server.server_close()
        src = S.Source(
            id="fake",
            title="t",
            producer="p",
            base_url=f"http://127.0.0.1:{port}/data",
            files={"table.csv": SHA},
            landing_page="https://example.org/landing",
            licence="CC0",
            citation="c",
            attribution="a",
            caveats=["x"],
            version="v1",
        )
        monkeypatch.setattr(F, "get_source", lambda sid: src)
        return src

    yield make
    for s in servers:
        s.shutdown()
        s.server_close()


@pytest.fixture
def env(monkeypatch, tmp_path):
    monkeypatch.setenv("KOSOVO_HR_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("KOSOVO_HR_MIRROR", raising=False)
    monkeypatch.delenv("KOSOVO_HR_OFFLINE", raising=False)
    return monkeypatch


def _mirror_with(tmp_path, src, payload):
    m = tmp_path / "mirror"
    target = m / src.mirror_path("table.csv")
    target.parent.mkdir(parents=True)
    target.write_bytes(payload)
    return m


def test_download_with_hash_check_then_cache_without_network(env, tmp_path, fake_source):
    fake_source(tmp_path)
    path = S.fetch("fake", "table.csv", progress=False)
    assert path.read_bytes() == PAYLOAD and path.is_relative_to(tmp_path / "cache")
    assert len(requests) == 1
    # second call, online: from the cache, the server is not asked again
    assert S.fetch("fake", "table.csv", progress=False) == path
    assert len(requests) == 1
    # and offline too
    env.setenv("KOSOVO_HR_OFFLINE", "1")
    assert S.fetch("fake", "table.csv") == path and path.read_bytes() == PAYLOAD


def test_tampered_download_is_rejected_and_not_kept(env, tmp_path, fake_source):
    fake_source(tmp_path, payload=b"tampered\n")
    with pytest.raises(S.HashMismatchError) as e:
        S.fetch("fake", "table.csv", progress=False)
    msg = str(e.value)
    assert SHA in msg and hashlib.sha256(b"tampered\n").hexdigest() in msg
    assert "upstream file changed" in msg
    assert not list((tmp_path / "cache").rglob("table.csv"))
    assert not list((tmp_path / "cache").rglob(".part-*"))


def test_network_failure_says_what_to_do(env, tmp_path, fake_source):
    fake_source(tmp_path, serve=False)
    with pytest.raises(S.FetchError, match="could not download.*KOSOVO_HR_MIRROR") as e:
        S.fetch("fake", "table.csv", progress=False)
    assert type(e.value) is S.FetchError  # not a hash or offline error
    assert not list((tmp_path / "cache").rglob(".part-*"))


def test_offline_with_cold_cache(env, tmp_path, fake_source):
    fake_source(tmp_path)
    env.setenv("KOSOVO_HR_OFFLINE", "1")
    with pytest.raises(S.OfflineError, match="not in the cache"):
        S.fetch("fake", "table.csv")


def test_mirror_is_used_offline(env, tmp_path, fake_source):
    src = fake_source(tmp_path, serve=False)
    env.setenv("KOSOVO_HR_MIRROR", str(_mirror_with(tmp_path, src, PAYLOAD)))
    env.setenv("KOSOVO_HR_OFFLINE", "1")
    assert S.fetch("fake", "table.csv").read_bytes() == PAYLOAD


def test_tampered_mirror_file_is_rejected(env, tmp_path, fake_source):
    src = fake_source(tmp_path, serve=False)
    env.setenv("KOSOVO_HR_MIRROR", str(_mirror_with(tmp_path, src, b"tampered\n")))
    env.setenv("KOSOVO_HR_OFFLINE", "1")
    with pytest.raises(S.HashMismatchError, match="mirror file.*replace it with http://127.0.0.1"):
        S.fetch("fake", "table.csv")
    assert not list((tmp_path / "cache").rglob("table.csv"))


def test_file_missing_in_mirror_offline(env, tmp_path, fake_source):
    fake_source(tmp_path, serve=False)
    (tmp_path / "empty_mirror").mkdir()
    env.setenv("KOSOVO_HR_MIRROR", str(tmp_path / "empty_mirror"))
    env.setenv("KOSOVO_HR_OFFLINE", "1")
    with pytest.raises(S.MirrorMissingError, match="not in the mirror"):
        S.fetch("fake", "table.csv")


def test_file_missing_in_mirror_online_falls_back_to_download(env, tmp_path, fake_source):
    fake_source(tmp_path)
    (tmp_path / "empty_mirror").mkdir()
    env.setenv("KOSOVO_HR_MIRROR", str(tmp_path / "empty_mirror"))
    assert S.fetch("fake", "table.csv", progress=False).read_bytes() == PAYLOAD


def test_corrupted_cache_is_replaced(env, tmp_path, fake_source, capsys):
    src = fake_source(tmp_path, serve=False)
    env.setenv("KOSOVO_HR_MIRROR", str(_mirror_with(tmp_path, src, PAYLOAD)))
    env.setenv("KOSOVO_HR_OFFLINE", "1")
    path = S.fetch("fake", "table.csv")
    path.write_bytes(b"corrupted")
    assert S.fetch("fake", "table.csv").read_bytes() == PAYLOAD
    assert "does not match" in capsys.readouterr().err


def test_real_source_from_the_shared_mirror(env, tmp_path, mirror):
    env.setenv("KOSOVO_HR_MIRROR", str(mirror))
    env.setenv("KOSOVO_HR_OFFLINE", "1")
    path = S.fetch("geoboundaries_adm2", "geoBoundaries-XKX-ADM2-metaData.json")
    assert '"boundaryISO": "XKX"' in path.read_text()
    assert str(path).startswith(str(tmp_path / "cache"))


def test_real_source_tampered_copy_of_the_mirror(env, tmp_path, mirror):
    src = S.get_source("geoboundaries_adm2")
    f = "geoBoundaries-XKX-ADM2-metaData.json"
    copy = tmp_path / "m" / src.mirror_path(f)
    copy.parent.mkdir(parents=True)
    shutil.copyfile(mirror / src.mirror_path(f), copy)
    with open(copy, "ab") as fh:
        fh.write(b" ")
    env.setenv("KOSOVO_HR_MIRROR", str(tmp_path / "m"))
    env.setenv("KOSOVO_HR_OFFLINE", "1")
    with pytest.raises(S.HashMismatchError, match=src.sha256(f)):
        S.fetch("geoboundaries_adm2", f)


# --------------------------------------------------------------------------- safety


def _declaration(**over):
    raw = {
        "id": "fake",
        "title": "t",
        "producer": "p",
        "base_url": "https://example.org/x",
        "files": {"table.csv": SHA},
        "landing_page": "https://example.org",
        "licence": "CC0",
        "citation": "c",
        "attribution": "a",
        "caveats": ["x"],
        "version": "v1",
    }
    raw.update(over)
    return raw


@pytest.mark.parametrize(
    "bad", ["/etc/passwd", "../outside.csv", "data/../../outside.csv", "C:\\x.csv", "a\\b.csv", "./table.csv", ""]
)
def test_catalogue_refuses_unsafe_file_paths(bad):
    from kosovo_hr.sources.catalogue import CatalogueError, _validate

    with pytest.raises(CatalogueError):
        _validate(_declaration(files={bad: SHA}), "test.json")
    with pytest.raises(CatalogueError):
        S.Source(**{k: v for k, v in _declaration(files={bad: SHA}).items()})
    assert issubclass(CatalogueError, ValueError)


@pytest.mark.parametrize("field, bad", [("id", "../x"), ("version", "/abs"), ("version", "a/b")])
def test_catalogue_refuses_unsafe_id_and_version(field, bad):
    from kosovo_hr.sources.catalogue import CatalogueError, _validate

    with pytest.raises(CatalogueError):
        _validate(_declaration(**{field: bad}), "test.json")


def test_an_absolute_declared_path_never_deletes_the_file(env, tmp_path, monkeypatch):
    victim = tmp_path / "precious.csv"
    victim.write_bytes(b"keep me")
    src = S.Source(
        id="fake",
        title="t",
        producer="p",
        base_url="https://example.org/x",
        files={"ok.csv": SHA},
        landing_page="l",
        licence="CC0",
        citation="c",
        attribution="a",
        caveats=["x"],
        version="v1",
    )
    object.__setattr__(src, "files", {str(victim): "0" * 64})  # smuggled past the checks
    monkeypatch.setattr(F, "get_source", lambda sid: src)
    from kosovo_hr.errors import KosovoHRError

    with pytest.raises(KosovoHRError, match="absolute"):  # refused again where the cache path is built
        S.fetch("fake", str(victim))
    assert victim.read_bytes() == b"keep me"


def test_stale_part_files_are_cleaned_fresh_ones_kept(env, tmp_path, fake_source):
    import os
    import time

    src = fake_source(tmp_path)
    folder = F.cached_path(src, "table.csv").parent
    folder.mkdir(parents=True)
    stale, fresh = folder / ".part-killed", folder / ".part-running"
    stale.write_bytes(b"half")
    fresh.write_bytes(b"half")
    old = time.time() - F.STALE_PART_S - 10
    os.utime(stale, (old, old))
    assert S.fetch("fake", "table.csv", progress=False).read_bytes() == PAYLOAD
    assert not stale.exists() and fresh.exists()


def test_download_has_a_total_time_limit(env, tmp_path, fake_source):
    fake_source(tmp_path, payload=PAYLOAD)
    env.setenv("KOSOVO_HR_DOWNLOAD_LIMIT_S", "0.000001")
    with pytest.raises(F.DownloadTimeLimitError, match="KOSOVO_HR_DOWNLOAD_LIMIT_S"):
        S.fetch("fake", "table.csv", progress=False)
    assert not list((tmp_path / "cache").rglob("table.csv"))
    assert not list((tmp_path / "cache").rglob(".part-*"))
    env.setenv("KOSOVO_HR_DOWNLOAD_LIMIT_S", "nonsense")
    with pytest.raises(ValueError, match="number of seconds"):
        S.fetch("fake", "table.csv", progress=False)


def _fetch_in_child(args):
    cache, mirror = args
    import os

    os.environ.update(KOSOVO_HR_CACHE=cache, KOSOVO_HR_MIRROR=mirror, KOSOVO_HR_OFFLINE="1")
    return S.fetch("fake", "table.csv", progress=False).read_bytes()


def test_concurrent_fetches_over_a_corrupt_cache_all_succeed(env, tmp_path, fake_source, monkeypatch):
    import multiprocessing
    import time

    src = fake_source(tmp_path, serve=False)
    real_sha = F.sha256_of

    def slow_sha(path):  # every process sees the corrupt copy before any of them replaces it
        out = real_sha(path)
        time.sleep(0.3)
        return out

    monkeypatch.setattr(F, "sha256_of", slow_sha)
    mirror = _mirror_with(tmp_path, src, PAYLOAD)
    target = F.cached_path(src, "table.csv")
    ctx = multiprocessing.get_context("fork")  # children inherit the fake declaration
    for _ in range(3):
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(b"corrupt")
        with ctx.Pool(6) as pool:
            got = pool.map(_fetch_in_child, [(str(tmp_path / "cache"), str(mirror))] * 12)
        assert got == [PAYLOAD] * 12
        assert target.read_bytes() == PAYLOAD
    assert not list(target.parent.glob(".part-*"))


def _personal(src):
    import dataclasses

    return dataclasses.replace(src, personal_data=True)


def test_personal_data_download_never_enters_the_cache(env, tmp_path, fake_source, monkeypatch):
    src = _personal(fake_source(tmp_path))
    monkeypatch.setattr(F, "get_source", lambda sid: src)
    stale = F.cached_path(src, "table.csv")  # left by an older version: removed
    stale.parent.mkdir(parents=True)
    stale.write_bytes(PAYLOAD)
    path = S.fetch("fake", "table.csv", progress=False)
    assert path.read_bytes() == PAYLOAD and not path.is_relative_to(tmp_path / "cache")
    assert not stale.exists() and not [p for p in (tmp_path / "cache").rglob("*") if p.is_file()]
    assert (path.parent.stat().st_mode & 0o777) == 0o700
    assert S.fetch("fake", "table.csv", progress=False) == path and len(requests) == 1  # once per process
    env.setenv("KOSOVO_HR_OFFLINE", "1")
    F._UNCACHED.clear()
    with pytest.raises(S.OfflineError, match="never cached"):
        S.fetch("fake", "table.csv")


def test_personal_data_from_a_mirror_is_verified_in_place(env, tmp_path, fake_source, monkeypatch):
    src = _personal(fake_source(tmp_path))
    monkeypatch.setattr(F, "get_source", lambda sid: src)
    m = _mirror_with(tmp_path, src, PAYLOAD)
    env.setenv("KOSOVO_HR_MIRROR", str(m))
    env.setenv("KOSOVO_HR_OFFLINE", "1")
    path = S.fetch("fake", "table.csv")
    assert path == m / src.mirror_path("table.csv")
    assert not (tmp_path / "cache").exists() or not any((tmp_path / "cache").rglob("*.csv"))
    path.write_bytes(b"tampered\n")
    with pytest.raises(S.HashMismatchError):
        S.fetch("fake", "table.csv")


def test_the_memory_book_is_declared_personal():
    assert S.get_source("kosovo_memory_book").personal_data
    assert not S.get_source("geoboundaries_adm2").personal_data
