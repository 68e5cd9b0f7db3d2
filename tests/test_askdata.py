"""ASKdata loader, offline, on small SYNTHETIC JSON-stat 2.0 documents written by these tests.

The documents follow the JSON-stat 2.0 standard (https://json-stat.org/format/):
class/id/size/dimension/value, categories with index and label, optional
status. Their numbers are made up for the tests and are not ASK data.
"""

import json
import urllib.request

import numpy as np
import pandas as pd
import pytest

import kosovo_hr as kh
from kosovo_hr.datasets import askdata as A
from kosovo_hr.sources import OfflineError, get_source

TABLE = "Census population/1_Demographic_Characteristics/census2024_05.px"
QUERY = [{"code": "Viti", "selection": {"filter": "item", "values": ["2024"]}}]


def synthetic_doc():
    """3 municipality labels x 2 years x 2 groups; codes deliberately NOT ASK's order."""
    return {
        "version": "2.0",
        "class": "dataset",
        "label": "SYNTHETIC test table",
        "source": "kosovo_hr tests (synthetic)",
        "updated": "2024-12-01",
        "id": ["Komuna", "Viti", "Etnia"],
        "size": [3, 2, 2],
        "dimension": {
            "Komuna": {
                "label": "Komuna",
                "category": {
                    # index as an object: positions differ from the key order and from ASK codes
                    "index": {"7": 2, "0": 0, "19": 1},
                    "label": {"19": "Prishtinë", "0": "Kosova", "7": "Gllogovc"},
                },
            },
            "Viti": {"label": "Viti", "category": {"index": ["2011", "2024"]}},
            "Etnia": {"label": "Etnia", "category": {"index": ["A", "B"], "label": {"A": "Group A", "B": "Group B"}}},
        },
        "value": [100, None, 110, 5, 60, 1, 70, 2, 40, 0, 40, 3],
        "status": {"1": ":"},
    }


def test_parse_jsonstat_row_major_and_labels():
    f = A.parse_jsonstat(synthetic_doc())
    assert len(f) == 12
    assert f.columns.tolist() == [
        "Komuna",
        "Komuna_code",
        "Viti",
        "Viti_code",
        "Etnia",
        "Etnia_code",
        "value",
        "status",
    ]
    # position 2 of Komuna is category "7" (Gllogovc): last dimension varies fastest
    row = f[(f["Komuna"] == "Gllogovc") & (f["Viti"] == "2024") & (f["Etnia_code"] == "B")]
    assert row["value"].item() == 3 and row["Komuna_code"].item() == "7"
    assert np.isnan(f.loc[1, "value"]) and f.loc[1, "status"] == ":"
    assert A.parse_jsonstat(synthetic_doc(), null_as_zero=True).loc[1, "value"] == 0
    assert f.attrs["label"] == "SYNTHETIC test table"


def test_parse_sparse_values_and_errors():
    doc = synthetic_doc()
    doc["value"] = {"0": 1, "11": 9}
    f = A.parse_jsonstat(doc)
    assert f["value"].notna().sum() == 2 and f["value"].iloc[-1] == 9
    bad = synthetic_doc()
    bad["value"] = [1, 2]
    with pytest.raises(ValueError, match="2 values for 12 cells"):
        A.parse_jsonstat(bad)
    with pytest.raises(ValueError, match="JSON-stat 1.x"):
        A.parse_jsonstat({"dataset": {}})


def test_label_resolution_not_position():
    codes = A.resolve_municipality_labels(["Kosova", "Gllogovc", "Prishtinë", "Jashtë Kosovës", "Mitrovicë"])
    assert codes == {
        "Kosova": "kosovo",
        "Gllogovc": "drenas",
        "Prishtinë": "prishtine",
        "Jashtë Kosovës": "outside_kosovo",
        "Mitrovicë": "mitrovice_e_jugut",
    }
    with pytest.raises(kh.UnknownMunicipalityError, match="Atlantis"):
        A.resolve_municipality_labels(["Atlantis", "Pejë"])


def test_paths_follow_mirror_layout_and_hash_the_body():
    get_path = A.askdata_path(TABLE)
    assert get_path == (
        "askdata.rks-gov.net/api/v1/en/ASKdata/Census population/1_Demographic_Characteristics/census2024_05.px"
    )
    body = {"query": QUERY, "response": {"format": "json-stat2"}}
    canon = json.dumps(body, sort_keys=True, separators=(",", ":"))
    import hashlib

    h = hashlib.sha256(canon.encode()).hexdigest()[:16]
    assert A.askdata_path(TABLE, QUERY) == f"{get_path}.query-{h}.json"
    assert A.askdata_path(TABLE, QUERY) == A.askdata_path(TABLE, body)
    assert A.askdata_path(TABLE, QUERY) != A.askdata_path(TABLE, [])
    assert A.table_url(TABLE).startswith(get_source("askdata").base_url)
    assert "%20" in A.table_url(TABLE)


@pytest.fixture
def no_network(monkeypatch):
    calls = []

    def refuse(*args, **kwargs):
        calls.append(args)
        raise AssertionError("network access attempted")

    monkeypatch.setattr(urllib.request, "urlopen", refuse)
    return calls


def test_offline_refuses_network(tmp_path, monkeypatch, no_network):
    monkeypatch.setenv("KOSOVO_HR_OFFLINE", "1")
    monkeypatch.setenv("KOSOVO_HR_CACHE", str(tmp_path / "cache"))
    (tmp_path / "empty_mirror").mkdir()  # a mirror folder that lacks the file (a missing folder is its own error)
    monkeypatch.setenv("KOSOVO_HR_MIRROR", str(tmp_path / "empty_mirror"))
    with pytest.raises(OfflineError, match="KOSOVO_HR_OFFLINE"):
        A.load_askdata(TABLE, QUERY)
    assert no_network == []


def test_load_from_mirror_then_cache(tmp_path, monkeypatch, no_network):
    mirror = tmp_path / "mirror"
    target = mirror / A.askdata_path(TABLE, QUERY)
    target.parent.mkdir(parents=True)
    target.write_text(json.dumps(synthetic_doc()), encoding="utf-8")
    monkeypatch.setenv("KOSOVO_HR_OFFLINE", "1")
    monkeypatch.setenv("KOSOVO_HR_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("KOSOVO_HR_MIRROR", str(mirror))
    f = A.load_askdata(TABLE, QUERY)
    assert no_network == []
    assert set(f["code"]) == {"kosovo", "prishtine", "drenas"}
    # census table: the null cell is a true zero
    assert f.attrs["null_as_zero"] and (f["value"] == 0).sum() == 2
    assert f.attrs["retrieval"]["method"] == "POST" and len(f.attrs["retrieval"]["sha256"]) == 64
    # second call comes from the cache even without the mirror
    monkeypatch.setenv("KOSOVO_HR_MIRROR", str(tmp_path / "gone"))
    g = A.load_askdata(TABLE, QUERY)
    pd.testing.assert_frame_equal(f, g)
    # a non-census table keeps nulls missing
    other = "Some folder/labour01.px"
    t2 = mirror / A.askdata_path(other, QUERY)
    t2.parent.mkdir(parents=True)
    t2.write_text(json.dumps(synthetic_doc()), encoding="utf-8")
    monkeypatch.setenv("KOSOVO_HR_MIRROR", str(mirror))
    assert A.load_askdata(other, QUERY)["value"].isna().sum() == 1


def test_online_post_body(tmp_path, monkeypatch):
    """Without offline mode the loader POSTs the PxWeb body (the service is faked here)."""
    sent = {}

    class FakeResp:
        def __init__(self, payload):
            self.payload = payload

        def read(self, n=-1):
            out, self.payload = (self.payload, b"") if n < 0 else (self.payload[:n], self.payload[n:])
            return out

        def __enter__(self):
            return self

        def __exit__(self, *a):
            return False

    def fake_urlopen(req, timeout=None):
        sent["method"], sent["url"], sent["body"] = req.get_method(), req.full_url, req.data
        return FakeResp(json.dumps(synthetic_doc()).encode())

    monkeypatch.setattr(urllib.request, "urlopen", fake_urlopen)
    monkeypatch.setenv("KOSOVO_HR_OFFLINE", "0")
    monkeypatch.setenv("KOSOVO_HR_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("KOSOVO_HR_MIRROR", raising=False)
    f = A.load_askdata(TABLE, QUERY)
    assert sent["method"] == "POST" and "census2024_05.px" in sent["url"]
    assert json.loads(sent["body"]) == {"query": QUERY, "response": {"format": "json-stat2"}}
    assert len(f) == 12


def test_edited_cached_response_is_not_used(tmp_path, monkeypatch, no_network, capsys):
    """The sha256 recorded when a response was stored is re-checked on every read."""
    mirror = tmp_path / "mirror"
    target = mirror / A.askdata_path(TABLE, QUERY)
    target.parent.mkdir(parents=True)
    target.write_text(json.dumps(synthetic_doc()), encoding="utf-8")
    monkeypatch.setenv("KOSOVO_HR_OFFLINE", "1")
    monkeypatch.setenv("KOSOVO_HR_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("KOSOVO_HR_MIRROR", str(mirror))
    good = A.load_askdata(TABLE, QUERY)
    cached = A.fetch_askdata(TABLE, A._body(QUERY))
    assert cached.is_relative_to(tmp_path / "cache")
    doc = synthetic_doc()
    doc["value"] = [v * 10 if v is not None else v for v in doc["value"]]  # an edited value
    cached.write_text(json.dumps(doc), encoding="utf-8")
    again = A.load_askdata(TABLE, QUERY)  # refetched from the mirror, not the edited copy
    pd.testing.assert_frame_equal(good, again)
    assert "does not match the sha256 recorded" in capsys.readouterr().err
    cached.write_text(json.dumps(doc), encoding="utf-8")
    monkeypatch.delenv("KOSOVO_HR_MIRROR")
    with pytest.raises(OfflineError):  # no good copy anywhere: an error, never the edited numbers
        A.load_askdata(TABLE, QUERY)
    assert no_network == []
