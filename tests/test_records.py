"""Users' own record files: validation, name resolution, point-in-polygon, counts.

Every fixture file is generated here, with a fixed seed, into pytest's tmp_path.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import kosovo_hr as kh
from kosovo_hr.indicators.records import count_records
from kosovo_hr.records import RecordsSchemaError, RecordsValidationError, get_schema, load_records

SEED = 20241122
YEARS = (2019, 2020, 2021, 2022)


def _points():
    """A point inside each municipality (representative point, deterministic)."""
    b = kh.boundaries("municipality")
    rp = b.geometry.representative_point()
    return {c: (p.y, p.x) for c, p in zip(b["code"], rp)}


def _good_rows(rng, n=60):
    muni = kh.municipalities()
    pts = _points()
    rows, codes = [], []
    for k in range(n):
        i = int(rng.integers(len(muni)))
        m = muni.iloc[i]
        col = ["name_sq", "name_sr", "name_en", "name_sr_cyrl"][int(rng.integers(4))]
        year = int(rng.choice(YEARS))
        date = f"{year}-{int(rng.integers(1, 13)):02d}-{int(rng.integers(1, 29)):02d}"
        row = {
            "Date": date,
            "Municipality": m[col],
            "Settlement": "",
            "Latitude": "",
            "Longitude": "",
            "Category": ["violent_attack", "Threat", "attack on property"][int(rng.integers(3))],
            "Bias motivation": ["ethnicity_nationality", "anti_muslim", "anti_christian"][int(rng.integers(3))],
            "Affected community": "",
            "Source": "test monitor",
            "Record ID": f"g{k}",
        }
        kind = k % 3
        if kind == 1:  # coordinates only
            row["Municipality"] = ""
            row["Latitude"], row["Longitude"] = (f"{v:.6f}" for v in pts[m["code"]])
        elif kind == 2:  # both, agreeing
            row["Latitude"], row["Longitude"] = (f"{v:.6f}" for v in pts[m["code"]])
        rows.append(row)
        codes.append((m["code"], year))
    return rows, codes


def _bad_rows():
    pts = _points()
    base = {
        "Date": "2021-06-01",
        "Municipality": "Prizren",
        "Settlement": "",
        "Latitude": "",
        "Longitude": "",
        "Category": "threat",
        "Bias motivation": "unknown",
        "Affected community": "",
        "Source": "test monitor",
    }
    lat, lon = pts["gjakove"]
    bad = {
        "bad_date": {**base, "Date": "2021-02-30", "Record ID": "b_date"},
        "not_a_date": {**base, "Date": "last spring", "Record ID": "b_text_date"},
        "bad_category": {**base, "Category": "vandalism", "Record ID": "b_cat"},
        "unknown_name_1": {**base, "Municipality": "Atlantis", "Record ID": "b_name1"},
        "unknown_name_2": {**base, "Municipality": "Prizrenn City", "Record ID": "b_name2"},
        "outside": {**base, "Municipality": "", "Latitude": "44.8176", "Longitude": "20.4569", "Record ID": "b_out"},
        "swapped": {
            **base,
            "Municipality": "",
            "Latitude": f"{lon:.6f}",
            "Longitude": f"{lat:.6f}",
            "Record ID": "b_swap",
        },
        "disagree": {
            **base,
            "Municipality": "Prizren",
            "Latitude": f"{lat:.6f}",
            "Longitude": f"{lon:.6f}",
            "Record ID": "b_disagree",
        },
        "missing_source": {**base, "Source": "", "Record ID": "b_source"},
        "half_point": {**base, "Latitude": "42.2", "Record ID": "b_half"},
        "nowhere": {**base, "Municipality": "", "Record ID": "b_nowhere"},
    }
    return bad


@pytest.fixture(scope="module")
def fixture_frame():
    rng = np.random.default_rng(SEED)
    good, codes = _good_rows(rng)
    bad = _bad_rows()
    rows = good + list(bad.values())
    order = rng.permutation(len(rows))
    frame = pd.DataFrame([rows[i] for i in order])
    return frame, codes, bad


def _write(frame, path):
    if path.suffix == ".xlsx":
        frame.to_excel(path, index=False, engine="openpyxl")
    else:
        frame.to_csv(path, index=False, encoding="utf-8")
    return path


@pytest.fixture(scope="module", params=[".csv", ".xlsx"])
def loaded(request, fixture_frame, tmp_path_factory):
    frame, codes, bad = fixture_frame
    path = _write(frame, tmp_path_factory.mktemp("records") / f"incidents{request.param}")
    return load_records(path, domain="hate_incident"), frame, codes, bad


def _reason(res, record_id):
    r = res.rejected[res.rejected["record_id"] == record_id]
    assert len(r) == 1, f"{record_id} not rejected exactly once"
    return r["reason"].iloc[0], int(r["row"].iloc[0])


def test_every_row_accounted_for(loaded):
    res, frame, codes, bad = loaded
    assert res.n_rows == len(frame)
    assert len(res.records) == len(codes)
    assert len(res.rejected) == len(bad)
    assert set(res.rejected["record_id"]) == {r["Record ID"] for r in bad.values()}


def test_good_rows_placed_correctly(loaded):
    res, frame, codes, bad = loaded
    got = sorted(zip(res.records["code"], res.records["year"].astype(int)))
    assert got == sorted(codes)
    assert set(res.records["location_method"]) == {"name", "coordinates", "name_and_coordinates"}
    assert set(res.records["category"]) <= {"violent_attack", "threat", "attack_on_property"}
    assert (res.records["date_precision"] == "day").all()


#: Town centres (lat, lon) read off a map independently of the boundary file the loader searches,
#: each well inside its municipality (test data only).
TOWN_CENTRES = {
    "prishtine": (42.6629, 21.1655),
    "prizren": (42.2139, 20.7397),
    "peje": (42.6593, 20.2887),
    "gjilan": (42.4635, 21.4694),
    "ferizaj": (42.3702, 21.1553),
    "gjakove": (42.3803, 20.4308),
}


def test_points_not_taken_from_the_polygons_are_placed_correctly(tmp_path):
    base = {
        "Date": "2021-06-01",
        "Municipality": "",
        "Settlement": "",
        "Category": "threat",
        "Bias motivation": "unknown",
        "Affected community": "",
        "Source": "test monitor",
    }
    rows = [
        {**base, "Latitude": f"{lat}", "Longitude": f"{lon}", "Record ID": code}
        for code, (lat, lon) in TOWN_CENTRES.items()
    ]
    res = load_records(_write(pd.DataFrame(rows), tmp_path / "towns.csv"), domain="hate_incident")
    assert len(res.rejected) == 0
    assert dict(zip(res.records["record_id"], res.records["code"])) == {c: c for c in TOWN_CENTRES}


def test_row_numbers_are_spreadsheet_rows(loaded):
    res, frame, codes, bad = loaded
    for rid in ("b_date", "b_cat", "b_out"):
        _, row = _reason(res, rid)
        assert frame["Record ID"].iloc[row - 2] == rid


def test_rejection_reasons_name_the_column(loaded):
    res, *_ = loaded
    assert "column 'date'" in _reason(res, "b_date")[0] and "not a valid calendar date" in _reason(res, "b_date")[0]
    assert "not a date" in _reason(res, "b_text_date")[0]
    reason = _reason(res, "b_cat")[0]
    assert "column 'category'" in reason and "'vandalism'" in reason and "attack_on_property" in reason
    assert "unknown municipality name 'Atlantis'" in _reason(res, "b_name1")[0]
    assert "outside Kosovo" in _reason(res, "b_out")[0]
    assert "look swapped" in _reason(res, "b_swap")[0]
    reason = _reason(res, "b_disagree")[0]
    assert "disagree" in reason and "prizren" in reason and "gjakove" in reason
    assert "column 'source': missing (required)" in _reason(res, "b_source")[0]
    assert "give both latitude and longitude" in _reason(res, "b_half")[0]
    assert "give the municipality or both latitude and longitude" in _reason(res, "b_nowhere")[0]


def test_unknown_names_listed_at_once(loaded):
    res, *_ = loaded
    assert set(res.unknown_names) == {"Atlantis", "Prizrenn City"}
    with pytest.raises(RecordsValidationError) as err:
        res.raise_if_rejected()
    assert "Atlantis" in str(err.value) and "Prizrenn City" in str(err.value)


def test_extra_spellings_and_disagreement_policy(fixture_frame, tmp_path):
    frame, codes, bad = fixture_frame
    path = _write(frame, tmp_path / "x.csv")
    res = load_records(path, "hate_incident", extra={"Prizrenn City": "prizren"}, on_disagreement="coordinates")
    assert set(res.unknown_names) == {"Atlantis"}
    rec = res.records.set_index("record_id")
    assert rec.loc["b_name2", "code"] == "prizren"
    assert rec.loc["b_disagree", "code"] == "gjakove" and rec.loc["b_disagree", "location_method"] == "coordinates"
    with pytest.raises(RecordsValidationError):
        load_records(path, "hate_incident", strict=True)


def test_counts_zero_filled_over_covered_years(loaded):
    res, frame, codes, bad = loaded
    counts = count_records(res.records, by=("code", "year"))
    assert len(counts) == 38 * len(YEARS)
    assert counts[["code", "year"]].duplicated().sum() == 0
    assert counts["count"].sum() == len(codes)
    expected = pd.Series(1, index=pd.MultiIndex.from_tuples(codes)).groupby(level=[0, 1]).sum()
    got = counts.set_index(["code", "year"])["count"]
    assert (got.reindex(expected.index) == expected).all()
    assert (got.drop(expected.index) == 0).all()
    assert counts["osce_region"].notna().all()
    sparse = count_records(res.records, zero_fill=False)
    assert (sparse["count"] > 0).all() and sparse["count"].sum() == len(codes)
    by_cat = count_records(res.records, by=("code", "year", "category"))
    assert by_cat["count"].sum() == len(codes) and len(by_cat) == 38 * len(YEARS) * 3


def test_counts_declared_coverage(loaded):
    res, *_ = loaded
    c = count_records(res.records, years=range(2018, 2024))
    assert set(c["year"]) == set(range(2018, 2024)) and c.loc[c["year"] == 2018, "count"].eq(0).all()
    with pytest.raises(ValueError, match="outside the declared coverage"):
        count_records(res.records, years=[2019])


def test_counts_feed_rates(loaded):
    from kosovo_hr.datasets.population import population_for_years
    from kosovo_hr.stats import poisson_interval, rates

    res, frame, codes, _ = loaded
    counts = count_records(res.records)
    pop = population_for_years(YEARS)[["code", "year", "population"]]
    out = rates(counts.merge(pop, on=["code", "year"]), key=("code", "year"))
    assert (out["rate_upper"] > 0).all() and (out.loc[out["count"] == 0, "rate"] == 0).all()
    # the counts are the records, and each rate is that count over that population, per 100,000
    expected = pd.Series(codes).value_counts()
    got = out[out["count"] > 0].set_index(["code", "year"])["count"]
    assert got.sum() == len(codes) and {k: int(v) for k, v in got.items()} == {k: int(v) for k, v in expected.items()}
    population = out["population"].astype(float)
    assert np.allclose(out["rate"], out["count"].astype(float) / population * 1e5)
    lo, hi = poisson_interval(out["count"].astype(float))
    assert np.allclose(out["rate_lower"], lo / population * 1e5)
    assert np.allclose(out["rate_upper"], hi / population * 1e5)


def test_missing_required_columns_listed(tmp_path):
    frame = pd.DataFrame({"date": ["2021-01-01"], "municipality": ["Prizren"], "category": ["threat"]})
    path = _write(frame, tmp_path / "missing.csv")
    with pytest.raises(RecordsSchemaError) as err:
        load_records(path, "hate_incident")
    assert "bias_motivation" in str(err.value) and "source" in str(err.value)


def test_empty_files(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    with pytest.raises(RecordsSchemaError, match="empty"):
        load_records(empty, "hate_incident")
    header = tmp_path / "header.csv"
    header.write_text(",".join(get_schema("hate_incident").names) + "\n")
    res = load_records(header, "hate_incident")
    assert len(res.records) == 0 and len(res.rejected) == 0
    assert len(count_records(res.records)) == 0
    xl = tmp_path / "header.xlsx"
    pd.DataFrame(columns=list(get_schema("hate_incident").names)).to_excel(xl, index=False)
    assert load_records(xl, "hate_incident").n_rows == 0


def test_other_domains_and_weights(tmp_path):
    rng = np.random.default_rng(SEED + 1)
    n = 12
    frame = pd.DataFrame(
        {
            "date": [f"{int(y)}-05" for y in rng.choice([2014, 2015], n)],
            "municipality": rng.choice(["Gjilan", "Gnjilane", "Peć", "Klinë"], n),
            "movement": rng.choice(["return", "Return", "relocation"], n),
            "n_persons": rng.integers(1, 9, n),
            "source": "test",
            "record_id": [f"m{i}" for i in range(n)],  # distinct records, though some rows are otherwise alike
        }
    )
    frame.loc[0, "n_persons"] = 0
    res = load_records(_write(frame, tmp_path / "moves.xlsx"), "displacement")
    assert len(res.rejected) == 1 and "below the minimum" in res.rejected["reason"].iloc[0]
    assert (res.records["date_precision"] == "month").all()
    c = count_records(res.records, weight="n_persons")
    assert c["count"].sum() == frame["n_persons"].iloc[1:].sum()
    tr = pd.DataFrame(
        {
            "date": ["2020", "2021-03-02"],
            "municipality": ["Ferizaj", "Uroševac"],
            "stage": ["victim identified", "conviction"],
            "form": ["sex_trafficking", "forced labour"],
            "source": ["test", "test"],
        }
    )
    res = load_records(_write(tr, tmp_path / "t.csv"), "trafficking")
    assert list(res.records["code"]) == ["ferizaj", "ferizaj"]
    assert list(res.records["n_persons"]) == [1, 1]
    assert list(res.records["date_precision"]) == ["year", "day"]


def test_mitrovica_before_2013_is_the_historic_unit(tmp_path):
    frame = pd.DataFrame(
        {
            "date": ["2010-01-01", "2015-01-01"],
            "municipality": ["Mitrovica", "Mitrovica"],
            "category": "threat",
            "bias_motivation": "unknown",
            "source": "test",
        }
    )
    res = load_records(_write(frame, tmp_path / "m.csv"), "hate_incident")
    assert list(res.records["code"]) == ["mitrovice_pre2013", "mitrovice_e_jugut"]
    c = count_records(res.records)
    y2010 = c[c["year"] == 2010]
    assert "mitrovice_e_jugut" not in set(y2010["code"]) and "mitrovice_pre2013" in set(y2010["code"])
    assert c["count"].sum() == 2


def test_unknown_domain(tmp_path):
    with pytest.raises(ValueError, match="unknown records domain"):
        load_records(tmp_path / "x.csv", "elections")


def test_excel_date_cells_and_numeric_years(tmp_path):
    import datetime as dt

    frame = pd.DataFrame(
        {
            "date": [dt.datetime(2021, 4, 5), 2020, "2019-11"],
            "municipality": ["Gjakovë", "Đakovica", "Ђаковица"],
            "category": "threat",
            "bias_motivation": "unknown",
            "source": "test",
        }
    )
    res = load_records(_write(frame, tmp_path / "dates.xlsx"), "hate_incident")
    assert len(res.rejected) == 0
    assert list(res.records["year"]) == [2021, 2020, 2019]
    assert list(res.records["date_precision"]) == ["day", "year", "month"]
    assert set(res.records["code"]) == {"gjakove"}


def test_historic_name_agrees_with_point_in_a_successor(tmp_path):
    lat, lon = _points()["mitrovice_e_veriut"]
    frame = pd.DataFrame(
        {
            "date": ["2010-06-01"],
            "municipality": ["Kosovska Mitrovica"],
            "latitude": [lat],
            "longitude": [lon],
            "category": "threat",
            "bias_motivation": "unknown",
            "source": "test",
        }
    )
    res = load_records(_write(frame, tmp_path / "hist.csv"), "hate_incident")
    assert len(res.rejected) == 0
    assert res.records["code"].tolist() == ["mitrovice_pre2013"]
    assert res.records["location_method"].tolist() == ["name_and_coordinates"]


def test_empty_category_counted_as_unknown(loaded):
    res, frame, codes, bad = loaded
    assert res.records["affected_community"].isna().all()  # the fixture leaves it empty
    c = count_records(res.records, by=("code", "year", "affected_community"))
    assert set(c["affected_community"]) == {"unknown"} and c["count"].sum() == len(codes)
    recs = res.records.copy()
    recs["affected_community"] = recs["affected_community"].astype(object)
    recs.iloc[0, recs.columns.get_loc("affected_community")] = "serbs"
    recs.iloc[1, recs.columns.get_loc("affected_community")] = "  "
    c = count_records(recs, by=("code", "year", "affected_community"), zero_fill=False, missing="not given")
    assert c.groupby("affected_community")["count"].sum().to_dict() == {"not given": len(codes) - 1, "serbs": 1}


def test_records_without_code_are_reported(loaded):
    res, frame, codes, bad = loaded
    recs = res.records.copy()
    recs.loc[recs.index[:2], "code"] = pd.NA
    with pytest.warns(UserWarning, match="2 record"):
        c = count_records(recs)
    assert c["count"].sum() == len(codes) - 2


def _split_records(res):
    recs = res.records.copy()
    recs["affected_community"] = np.where(np.arange(len(recs)) % 2 == 0, "serbs", "roma")
    return recs


def test_trends_and_pooled_keep_extra_by_columns_apart(loaded):
    from kosovo_hr import map_pooled_rates, municipal_indicators, pooled, region_trends

    res, *_ = loaded
    recs = _split_records(res)
    ind = municipal_indicators(recs, by=("code", "year", "affected_community"), years=YEARS)
    whole = municipal_indicators(recs, years=YEARS)
    # population is counted once per code x year in each community's figures, never twice
    pool = pooled(ind)
    assert len(pool) == 2 * 38 and not pool.duplicated(["code", "affected_community"]).any()
    person_years = pooled(whole).set_index("code")["population"]
    for _comm, grp in pool.groupby("affected_community"):
        assert np.allclose(grp.set_index("code")["population"].reindex(person_years.index), person_years)
    assert pool["count"].sum() == len(recs)
    rt = region_trends(ind)
    assert list(rt.columns[:2]) == ["osce_region", "affected_community"] and len(rt) == 5 * 2
    for comm in ("serbs", "roma"):
        alone = region_trends(municipal_indicators(recs[recs["affected_community"] == comm], years=YEARS))
        got = rt[rt["affected_community"] == comm].drop(columns="affected_community").reset_index(drop=True)
        pd.testing.assert_frame_equal(got, alone)
        assert rt.loc[rt["affected_community"] == comm, "total"].sum() == (recs["affected_community"] == comm).sum()
    with pytest.raises(ValueError, match="one value at a time"):
        map_pooled_rates(ind)
    with pytest.raises(ValueError, match="no other column tells apart"):
        pooled(pd.concat([whole, whole]))
