"""Parsed sources are cached by the sha256 of their bytes (JSON, verified, atomic)."""

from __future__ import annotations

import hashlib
import json

import pytest

from kosovo_hr.datasets.elections import dart
from kosovo_hr.sources.parsed import cached_parse, parsed_cache_path

SHA = hashlib.sha256(b"some bytes").hexdigest()
DART = """class X {
  static const List<R> r = [R(name: 'Deçan', votes: 7956, share: 49.1779, ok: true,
    meta: {'a': null, 1: [2, 3.0]}),];
}
"""


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("KOSOVO_HR_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_parse_is_built_once_and_read_back_equal(cache):
    calls = []

    def build():
        calls.append(1)
        return dart.const_fields(DART, "x.dart")

    enc = lambda f: {k: dart.encode(v) for k, v in f.items()}  # noqa: E731
    dec = lambda d: {k: dart.decode(v) for k, v in d.items()}  # noqa: E731
    first = cached_parse(SHA, dart.PARSER, build, encode=enc, decode=dec)
    second = cached_parse(SHA, dart.PARSER, build, encode=enc, decode=dec)
    assert calls == [1] and first == second
    rec = second["r"][0]
    assert rec.fields["votes"] == 7956 and isinstance(rec.fields["votes"], int)
    assert rec.fields["share"] == 49.1779 and rec.fields["meta"] == {"a": None, 1: [2, 3.0]}
    assert isinstance(rec.fields["meta"][1][1], float) and rec.line == 2
    # another source version or parser version is another entry
    other = hashlib.sha256(b"other bytes").hexdigest()
    cached_parse(other, dart.PARSER, build, encode=enc, decode=dec)
    cached_parse(SHA, "dart-literals-v2", build, encode=enc, decode=dec)
    assert calls == [1, 1, 1]


def test_damaged_entry_is_rebuilt_not_used(cache, capsys):
    build = lambda: {"n": 1}  # noqa: E731
    cached_parse(SHA, "t-v1", build, encode=dict, decode=dict)
    path = parsed_cache_path(SHA, "t-v1")
    doc = json.loads(path.read_text())
    doc["payload"] = '{"n": 999}'  # edited numbers, old hash
    path.write_text(json.dumps(doc))
    assert cached_parse(SHA, "t-v1", build, encode=dict, decode=dict) == {"n": 1}
    assert "damaged" in capsys.readouterr().err
    assert json.loads(json.loads(path.read_text())["payload"]) == {"n": 1}


def test_unsafe_keys_refused():
    with pytest.raises(ValueError):
        parsed_cache_path("../../etc", "p")
    with pytest.raises(ValueError):
        parsed_cache_path(SHA, "../p")


def test_election_files_parse_the_same_through_the_cache(mirror):
    from kosovo_hr.datasets.elections import load as L

    file = L.ELECTIONS[0].results_file
    fresh = dart.read_const_fields(L._path(file), origin=file)
    L._fields.cache_clear()
    via_cache = L._fields(file)  # stored now (or read back)
    L._fields.cache_clear()
    again = L._fields(file)  # read back from the parsed cache
    assert fresh == via_cache == again
    sha = __import__("kosovo_hr").get_source(L.SOURCE_ID).sha256(file)
    assert parsed_cache_path(sha, dart.PARSER).is_file()
