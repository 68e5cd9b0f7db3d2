"""Unit lookups in the gazetteer (successors, membership, spreading) and the one aggregation engine."""

from __future__ import annotations

import pandas as pd
import pytest

import kosovo_hr as kh
from kosovo_hr.gazetteer import LEVELS, covers, members, membership, parents, spread_to_current, successors
from kosovo_hr.geo.pre2008 import pre2008_units, to_pre2008
from kosovo_hr.stats import aggregate


def test_successors_of_historic_units():
    assert successors("mitrovice_pre2013") == ("mitrovice_e_jugut", "mitrovice_e_veriut")
    assert set(successors("prishtine_pre2008")) == {"prishtine", "gracanice"}
    table = successors()
    assert len(table) == 31 and all(table.values())
    with pytest.raises(ValueError, match="not a historic unit"):
        successors("prishtine")


def test_covers_and_parents():
    assert covers("prishtine") == {"prishtine"}
    assert covers("mitrovice_pre2008") == {"mitrovice_e_jugut", "mitrovice_e_veriut"}
    assert parents("gracanice") == ("prishtine", "lipjan", "fushe_kosove")
    assert parents("prishtine") == ()
    with pytest.raises(ValueError, match="atlantis"):
        covers("atlantis")


def test_one_list_of_levels_and_membership_at_each():
    assert LEVELS == ("municipality", "osce_region", "district", "kosovo", "pre2008")
    m = kh.municipalities()
    for level in LEVELS:
        mapping = membership(level)
        assert set(m["code"]) <= set(mapping)  # every current municipality has a unit at every level
    assert membership("osce_region")["mitrovice_pre2013"] == "osce_mitrovice"
    assert membership("pre2008")["gracanice"] == "prishtine_pre2008"
    assert membership("pre2008")["mitrovice_pre2013"] == "mitrovice_pre2008"
    assert "mitrovice_pre2013" not in membership("municipality")
    assert membership(to="district") == membership("district")  # old spelling
    assert sum(len(v) for v in members("pre2008").values()) == 38 and len(members("pre2008")) == 30
    with pytest.raises(ValueError, match="level must be one of"):
        membership("continent")


def test_membership_of_pre2008_units_agrees_with_their_table():
    units = pre2008_units().set_index("code")
    region = membership("osce_region")
    for unit, row in units.iterrows():
        assert region[unit] == row["osce_region"]
        assert set(successors(unit)) == set(row["successors"].split(";"))


def test_spread_to_current_gives_every_successor_the_row():
    df = pd.DataFrame({"code": ["mitrovice_pre2013", "peje", "prizren_pre2008"], "share": [0.4, 0.5, 0.6]})
    out = spread_to_current(df).set_index("code")
    assert out.loc["mitrovice_e_jugut", "share"] == out.loc["mitrovice_e_veriut", "share"] == 0.4
    assert out.loc["mamushe", "share"] == out.loc["prizren", "share"] == 0.6
    assert out.loc["mamushe", "expanded_from"] == "prizren_pre2008"
    assert pd.isna(out.loc["peje", "expanded_from"]) and len(out) == 5
    with pytest.raises(ValueError, match="kosovo"):
        spread_to_current(pd.DataFrame({"code": ["kosovo"], "share": [0.1]}))


def test_to_pre2008_is_the_aggregation_engine():
    m = kh.municipalities()[["code", "area_km2"]].assign(n=range(38), year=2020)
    m.loc[m["code"] == "junik", "n"] = None
    a = to_pre2008(m, counts=["n"], by=["year"])
    b = aggregate(m, "pre2008", counts=["n"], population=None, by=["year"], whole=False, keep_empty=False)
    pd.testing.assert_frame_equal(a, b[a.columns.tolist()])
    assert pd.isna(a.set_index("code").loc["decan_pre2008", "n"])  # missing member: missing, not a partial sum


def test_aggregate_refuses_overlapping_historic_units():
    df = pd.DataFrame({"code": ["mitrovice_pre2013", "mitrovice_pre2008"], "n": [1, 2]})
    with pytest.raises(ValueError, match="counted twice"):
        aggregate(df, "osce_region", counts=["n"], population=None, by=())


def test_year_aware_resolution_gives_the_code_the_pre2008_tables_use():
    from kosovo_hr.indicators.conflict import conflict_rates

    assert kh.resolve("Prizren", year=1999) == "prizren"  # the name itself
    assert kh.resolve("Prizren", year=1999, level="pre2008") == "prizren_pre2008"
    assert kh.resolve("Mitrovicë", year=1999, level="pre2008") == "mitrovice_pre2008"
    assert kh.resolve_many(["Graçanicë", "Deçan"], level="pre2008") == {
        "Graçanicë": "prishtine_pre2008",
        "Deçan": "decan_pre2008",
    }
    rates = conflict_rates()
    for name in ("Prizren", "Mitrovica", "Gjakovë", "Podujevë"):
        code = kh.resolve(name, year=1999, level="pre2008")
        assert (rates["code"] == code).sum() == 1, name  # filtering by the resolved code finds its row
    with pytest.raises(ValueError, match="level must be one of"):
        kh.resolve("Prizren", level="osce_region")
