"""The 30 pre-2008 municipalities: coverage, aggregation, boundaries, historic units."""

from __future__ import annotations

import pandas as pd
import pytest

import kosovo_hr as kh
from kosovo_hr.geo.pre2008 import pre2008_boundaries, pre2008_code_map, pre2008_units, to_pre2008


def test_thirty_units_cover_all_38_municipalities_exactly_once():
    units = pre2008_units()
    assert len(units) == 30 and units["code"].is_unique
    parts = [c for s in units["successors"] for c in s.split(";")]
    assert sorted(parts) == sorted(kh.municipalities()["code"])  # each of 38 exactly once
    assert all(
        units["code"]
        == units["main_successor"].where(units["main_successor"] != "mitrovice_e_jugut", "mitrovice") + "_pre2008"
    )


@pytest.mark.parametrize(
    "unit, successors",
    [
        ("prishtine_pre2008", {"prishtine", "gracanice"}),
        ("decan_pre2008", {"decan", "junik"}),
        ("prizren_pre2008", {"prizren", "mamushe"}),
        ("kacanik_pre2008", {"kacanik", "hani_i_elezit"}),
        ("kamenice_pre2008", {"kamenice", "ranillug"}),
        ("viti_pre2008", {"viti", "kllokot"}),
        ("gjilan_pre2008", {"gjilan", "partesh"}),
        ("mitrovice_pre2008", {"mitrovice_e_jugut", "mitrovice_e_veriut"}),
        ("gjakove_pre2008", {"gjakove"}),
    ],
)
def test_known_unions(unit, successors):
    row = pre2008_units().set_index("code").loc[unit]
    assert set(row["successors"].split(";")) == successors


def test_complex_transfers_are_documented():
    notes = pre2008_units().set_index("code")["boundary_note"]
    for unit in ("lipjan_pre2008", "fushe_kosove_pre2008", "prishtine_pre2008"):
        assert "Graçanicë" in notes[unit]
    assert "2008 decentralisation" in notes["novoberde_pre2008"]
    assert "2000" in notes["malisheve_pre2008"] and "Gora" in notes["dragash_pre2008"]
    assert pre2008_units()["source"].str.len().gt(0).all()


def test_every_unit_lies_in_one_osce_region():
    assert pre2008_units()["osce_region"].notna().all()


def test_historic_units_and_resolver_still_work():
    hist = kh.historic_units().set_index("code")
    assert "mitrovice_pre2013" in hist.index
    for unit in pre2008_units()["code"]:
        assert hist.loc[unit, "valid_until"] == 2007
    assert kh.resolve("Prishtinë") == "prishtine"
    assert kh.resolve("Mitrovicë", year=1999) == "mitrovice_pre2013"
    assert pre2008_code_map()["mitrovice_pre2013"] == "mitrovice_pre2008"


def test_to_pre2008_sums_and_keeps_missing_missing():
    df = pd.DataFrame(
        {"code": ["prishtine", "gracanice", "decan", "gjakove"], "n": [10, 5, 3, None], "year": [2001] * 4}
    )
    out = to_pre2008(df, counts=["n"], by=["year"]).set_index("code")
    assert out.loc["prishtine_pre2008", "n"] == 15 and out.loc["prishtine_pre2008", "complete"]
    assert pd.isna(out.loc["decan_pre2008", "n"])  # Junik absent: no partial sum
    assert out.loc["decan_pre2008", "missing_members"] == "junik"
    assert pd.isna(out.loc["gjakove_pre2008", "n"])  # missing value stays missing
    part = to_pre2008(df, counts=["n"], by=["year"], partial=True).set_index("code")
    assert part.loc["decan_pre2008", "n"] == 3 and not part.loc["decan_pre2008", "complete"]


def test_to_pre2008_whole_units_pass_through_and_double_counting_fails():
    ok = to_pre2008(pd.DataFrame({"code": ["mitrovice_pre2013"], "n": [7]}), counts=["n"])
    assert ok.loc[0, "code"] == "mitrovice_pre2008" and ok.loc[0, "n"] == 7 and ok.loc[0, "complete"]
    with pytest.raises(ValueError, match="counted twice"):
        to_pre2008(pd.DataFrame({"code": ["mitrovice_pre2013", "mitrovice_e_veriut"], "n": [7, 1]}), counts=["n"])
    with pytest.raises(ValueError, match="atlantis"):
        to_pre2008(pd.DataFrame({"code": ["atlantis"], "n": [1]}), counts=["n"])


def test_areas_of_all_38_add_up_per_unit():
    m = kh.municipalities()[["code", "area_km2"]]
    out = to_pre2008(m, counts=["area_km2"])
    assert len(out) == 30 and out["complete"].all()
    assert out["area_km2"].sum() == pytest.approx(m["area_km2"].sum())
    assert out.set_index("code").loc["decan_pre2008", "area_km2"] == pytest.approx(293.97 + 77.78)


def test_boundaries_dissolve_to_30_units():
    g = pre2008_boundaries()
    assert len(g) == 30 and g["code"].is_unique and str(g.crs) == "EPSG:4326"
    muni = kh.boundaries("municipality")
    assert g["area_km2_computed"].sum() == pytest.approx(muni["area_km2_computed"].sum(), rel=1e-6)
    a = g.set_index("code")["area_km2_computed"]
    b = muni.set_index("code")["area_km2_computed"]
    assert a["prishtine_pre2008"] == pytest.approx(b["prishtine"] + b["gracanice"], rel=1e-6)


def test_whole_counts_stay_integers():
    df = pd.DataFrame({"code": ["viti", "kllokot"], "votes": [100, 20]})
    out = to_pre2008(df, counts=["votes"])
    assert str(out["votes"].dtype) == "Int64" and out.loc[0, "votes"] == 120


def test_successors_have_one_source():
    # names, valid_until and successors live in historic_units.csv only
    from importlib import resources

    with resources.files("kosovo_hr.data").joinpath("pre2008_units.csv").open("rb") as f:
        own = pd.read_csv(f, dtype=str, keep_default_na=False)
    assert not {"successors", "valid_until", "name_sq", "name_sr", "name_sr_cyrl"} & set(own.columns)
    assert set(own["code"]) <= set(kh.historic_units()["code"])
