"""Nothing counted twice, nothing overwritten, nothing crashes the file; placement equals the sjoin rule."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import kosovo_hr as kh
from kosovo_hr.indicators.records import count_records
from kosovo_hr.records import RecordsDuplicateError, RecordsSchemaError, RecordsWarning, load_records
from kosovo_hr.records.locate import TOLERANCE_M, locate_points, locate_points_sjoin

SEED = 20261201


def _log(rows: list[dict]) -> pd.DataFrame:
    base = {
        "date": "2021-05-05",
        "municipality": "Prizren",
        "category": "threat",
        "bias_motivation": "unknown",
        "source": "monitor",
    }
    return pd.DataFrame([{**base, **r} for r in rows])


# ------------------------------------------------------------------------------------------- duplicates


def _dup_frame():
    return _log(
        [
            {"record_id": "a"},
            {"record_id": "a"},  # an exact copy
            {"record_id": "b"},
            {"record_id": "b", "category": "hate_speech"},  # one id, two records
            {"record_id": "c"},
            {},
            {},
        ]
    )  # no id: two identical rows


def test_duplicates_dropped_by_default_and_counted_once():
    with pytest.warns(RecordsWarning) as w:
        res = load_records(_dup_frame(), "hate_incident")
    msg = str(w[0].message)
    assert "2 row(s) repeat an earlier row exactly" in msg and "2 row(s) share a record_id" in msg
    assert res.records["row"].tolist() == [2, 6, 7]  # a (first), c, the first id-less row
    assert res.info["duplicates_dropped"] == 2
    d = res.duplicates
    assert d[d["kind"] == "exact_duplicate"][["row", "same_as_row"]].values.tolist() == [[3, 2], [8, 7]]
    assert d[d["kind"] == "repeated_record_id"]["row"].tolist() == [4, 5]
    assert set(res.rejected["row"]) == {4, 5}
    assert all("is also the id of row(s)" in r for r in res.rejected["reason"])
    assert count_records(res.records, zero_fill=False)["count"].sum() == 3
    assert res.n_rows == 7


def test_duplicates_kept_or_raised_on_request():
    with pytest.warns(RecordsWarning, match="all are kept"):
        keep = load_records(_dup_frame(), "hate_incident", on_duplicate="keep")
    assert len(keep.records) == 7 and len(keep.duplicates) == 4
    with pytest.raises(RecordsDuplicateError, match=r"row 3: same as row 2"):
        load_records(_dup_frame(), "hate_incident", on_duplicate="error")
    with pytest.raises(ValueError, match="on_duplicate"):
        load_records(_dup_frame(), "hate_incident", on_duplicate="sum")


def test_no_warning_without_duplicates():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        res = load_records(_log([{"record_id": str(i)} for i in range(5)]), "hate_incident")
    assert len(res.duplicates) == 0 and len(res.records) == 5


def test_an_id_repeated_only_by_a_rejected_row_is_no_repeat(tmp_path):
    # ids are compared among the records: a rejected row (here a bad date) does not make its id a repeat,
    # in one piece or in chunks (each chunk's ids hashed while it is read)
    frame = _log([{"record_id": f"r{i}"} for i in range(6)] + [{"record_id": "r2", "date": "31.02.2021"}])
    path = tmp_path / "log.csv"
    frame.to_csv(path, index=False)
    for chunk_rows in (None, 2):
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            res = load_records(path, "hate_incident", chunk_rows=chunk_rows, progress=False)
        assert len(res.records) == 6 and len(res.duplicates) == 0 and res.rejected["row"].tolist() == [8]


@pytest.mark.parametrize("chunk_rows", [None, 2, 1])
def test_a_repeated_id_is_found_whatever_the_other_ids(tmp_path, chunk_rows):
    # the two "A1" rows fall in different chunks, one beside a long id: they must still be found the same
    frame = _log(
        [
            {"record_id": "A1"},
            {"record_id": "B1"},
            {"record_id": "A1", "category": "hate_speech"},
            {"record_id": "LONGLONGLONGID"},
        ]
    )
    path = tmp_path / "log.csv"
    frame.to_csv(path, index=False)
    with pytest.warns(RecordsWarning, match="2 row\\(s\\) share a record_id"):
        res = load_records(path, "hate_incident", chunk_rows=chunk_rows, progress=False)
    assert res.records["record_id"].tolist() == ["B1", "LONGLONGLONGID"]
    assert res.duplicates["row"].tolist() == [2, 4] and set(res.duplicates["kind"]) == {"repeated_record_id"}


def test_a_repeated_id_and_a_copy_found_in_a_large_file_with_one_long_id():
    # 40,000 rows: the ids are hashed in blocks, the long id in the first, the repeats in different ones
    n = 40_000
    frame = _log([{"record_id": f"ID{i:06d}", "source": f"s{i}"} for i in range(n)])
    frame.loc[0, "record_id"] = "A-MUCH-LONGER-ID-17"
    frame.loc[10, "record_id"] = "ID039999"  # the id of the last row
    frame.loc[5] = frame.loc[39_998]  # an exact copy, id and all
    with pytest.warns(RecordsWarning):
        res = load_records(frame, "hate_incident", progress=False)
    d = res.duplicates
    assert d[["row", "kind"]].values.tolist() == [
        [12, "repeated_record_id"],
        [40_000, "exact_duplicate"],
        [40_001, "repeated_record_id"],
    ]
    assert len(res.records) == n - 3


def test_ids_all_missing_in_a_sheet_or_frame_are_no_problem():
    # a chunk whose ids are all empty has no distinct id to hash (it once crashed the load)
    frame = _log([{"record_id": None}, {"record_id": "A2", "date": "2021-05-06"}]).astype(object)
    for chunk_rows in (None, 1):
        res = load_records(frame, "hate_incident", chunk_rows=chunk_rows, progress=False)
        assert len(res.records) == 2 and res.records["record_id"].isna().tolist() == [True, False]
    assert load_records(frame.iloc[:1], "hate_incident", progress=False).records["record_id"].isna().all()


def test_same_record_in_two_spellings_is_not_an_exact_copy():
    res = load_records(_log([{"municipality": "Prizren"}, {"municipality": "Призрен"}]), "hate_incident")
    assert len(res.records) == 2 and len(res.duplicates) == 0


# ------------------------------------------------------------------------------------------- reserved columns


def test_reserved_columns_refused_up_front_all_listed():
    frame = _log([{}]).assign(year="1999", code="X1", row="7", reason="none", location_method="GPS")
    with pytest.raises(RecordsSchemaError) as err:
        load_records(frame, "hate_incident")
    msg = str(err.value)
    for c in ("'year'", "'code'", "'row'", "'reason'", "'location_method'"):
        assert c in msg
    assert "columns={" in msg
    fix = {
        "year": "year_reported",
        "code": "police_code",
        "row": "row_in_file",
        "reason": "motive_text",
        "location_method": "how_located",
    }
    res = load_records(frame, "hate_incident", columns=fix)
    assert res.records[["year", "code", "police_code", "year_reported"]].values.tolist() == [
        [2021, "prizren", "X1", "1999"]
    ]


# ------------------------------------------------------------------------------------------- row numbers


def test_blank_lines_keep_spreadsheet_row_numbers(tmp_path):
    text = (
        "date,municipality,category,bias_motivation,source\n"
        "2021,Prizren,threat,unknown,a\n\n\n"
        "2021,Atlantis,threat,unknown,b\n,,,,\n"
        "2021,Pejë,vandalism,unknown,c\n"
    )
    (tmp_path / "gaps.csv").write_text(text, encoding="utf-8")
    res = load_records(tmp_path / "gaps.csv", "hate_incident")
    assert res.records["row"].tolist() == [2]
    assert res.rejected["row"].tolist() == [5, 7]
    assert res.info["blank_rows"] == 3
    frame = pd.read_csv(tmp_path / "gaps.csv", skip_blank_lines=False, dtype=str)
    with pd.ExcelWriter(tmp_path / "gaps.xlsx") as w:
        frame.to_excel(w, index=False)
    xl = load_records(tmp_path / "gaps.xlsx", "hate_incident")
    assert xl.rejected["row"].tolist() == [5, 7] and xl.records["row"].tolist() == [2]


def test_one_bad_cell_does_not_crash_the_file(tmp_path):
    frame = _log([{"date": d} for d in ["2021-01-01", 44561, "1e5", "12.13.2021", "31.02.2021", "2021-01-02"]])
    frame.to_excel(tmp_path / "cells.xlsx", index=False)
    res = load_records(tmp_path / "cells.xlsx", "hate_incident")
    assert res.records["row"].tolist() == [2, 7]
    assert res.rejected["row"].tolist() == [3, 4, 5, 6]
    assert "Excel date serial" in res.rejected["reason"].iloc[0]


# ------------------------------------------------------------------------------------------- extra= codes


def test_extra_codes_checked_against_the_gazetteer():
    with pytest.raises(RecordsSchemaError) as err:
        load_records(
            _log([{"municipality": "Prizreni i vjetër"}]),
            "hate_incident",
            extra={"Prizreni i vjetër": "prizrren", "Gllogovc": "gllogoc"},
        )
    msg = str(err.value)
    assert "'prizrren'" in msg and "'gllogoc'" in msg and "closest codes: prizren" in msg
    ok = load_records(
        _log([{"municipality": "Prizreni i vjetër"}]), "hate_incident", extra={"Prizreni i vjetër": "prizren"}
    )
    assert ok.records["code"].tolist() == ["prizren"]


# ------------------------------------------------------------------------------------------- placement


def _points_near_borders(n: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Points on the municipal borders moved up to 2 km in a random direction (EPSG:32634)."""
    import geopandas as gpd
    import shapely

    from kosovo_hr.geo.boundaries import PROJECTED_CRS

    muni = kh.boundaries("municipality").to_crs(PROJECTED_CRS)
    lines = shapely.boundary(np.asarray(muni.geometry.values))
    lengths = shapely.length(lines)
    k = rng.choice(len(lines), size=n, p=lengths / lengths.sum())
    on = shapely.line_interpolate_point(lines[k], rng.random(n), normalized=True)
    ang, r = rng.uniform(0, 2 * np.pi, n), rng.uniform(0, 2000, n)
    x, y = shapely.get_x(on) + r * np.cos(ang), shapely.get_y(on) + r * np.sin(ang)
    pts = gpd.GeoSeries(gpd.points_from_xy(x, y), crs=PROJECTED_CRS).to_crs("EPSG:4326")
    return pts.y.to_numpy(), pts.x.to_numpy()


def test_placement_identical_to_sjoin_rule_near_borders():
    lat, lon = _points_near_borders(24_000, np.random.default_rng(SEED))
    ours = locate_points(lat, lon)
    ref = locate_points_sjoin(lat, lon)
    assert (ours["method"] == "within").sum() > 10_000
    assert (ours["method"] == "nearest").sum() > 1_000 and (ours["method"] == "outside").sum() > 300
    assert ours["method"].tolist() == ref["method"].tolist()
    assert ours["code"].fillna("-").tolist() == ref["code"].fillna("-").tolist()
    np.testing.assert_allclose(ours["distance_m"].to_numpy(), ref["distance_m"].to_numpy(), rtol=1e-9)
    assert (ours.loc[ours["method"] == "nearest", "distance_m"] <= TOLERANCE_M).all()


def test_placement_of_points_not_finite_or_far_away():
    out = locate_points([np.nan, 44.8176, 42.6629], [21.0, 20.4569, 21.1655])
    assert out["method"].tolist() == ["outside", "outside", "within"]
    assert out["code"].iloc[2] == "prishtine" and pd.isna(out["code"].iloc[0])
