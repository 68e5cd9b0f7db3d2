"""The gazetteer: 38 municipalities, 5 OSCE regions, 7 districts, against the reference table."""

import csv

import pandas as pd
import pytest

import kosovo_hr as kh
from kosovo_hr.gazetteer import REGION_EVIDENCE, districts

NAME_COLUMNS = ["name_sq", "name_sr", "name_sr_cyrl", "name_en"]


def test_38_complete_rows():
    m = kh.municipalities()
    assert len(m) == 38
    assert m["code"].is_unique
    for col in ["code", *NAME_COLUMNS, "district", "osce_region", "osce_region_evidence"]:
        assert (m[col].str.strip() != "").all(), col
    assert m["area_km2"].notna().all() and (m["area_km2"] > 0).all()


def test_codes_are_ascii_slugs_and_kas_codes_are_1_to_38():
    m = kh.municipalities()
    assert m["code"].str.fullmatch(r"[a-z_]+").all()
    assert sorted(m["kas_code"]) == list(range(1, 39))


def test_cyrillic_names_are_cyrillic():
    for name in kh.municipalities()["name_sr_cyrl"]:
        letters = [c for c in name if c.isalpha()]
        assert all("\u0400" <= c <= "\u04ff" for c in letters), name


UPGRADED = {"Fushë Kosovë": "osce_profile", "Prishtinë": "osce_profile"}


def test_matches_reference_table(reference):
    rows = list(csv.DictReader((reference / "municipalities.csv").open(encoding="utf-8")))
    ref = {r["name_sq"]: r for r in rows}
    m = kh.municipalities().set_index("name_sq")
    assert set(m.index) == set(ref)
    regions = kh.regions().set_index("name_en")["code"]
    for name, r in ref.items():
        assert m.loc[name, "kas_code"] == int(r["official_code"])
        assert m.loc[name, "name_sr_cyrl"] == r["name_sr_cyrl"]
        assert m.loc[name, "osce_region"] == regions[r["osce_region"]]
        # the project upgraded Fushë Kosovë and Prishtinë from a press report to the OSCE profiles it read (issue 13)
        assert m.loc[name, "osce_region_evidence"] == UPGRADED.get(name, r["osce_region_evidence"])
        assert m.loc[name, "area_km2"] == pytest.approx(float(r["area_km2"]))


def test_five_regions_match_osce_published_counts():
    r = kh.regions()
    assert len(r) == 5
    assert (r["n_municipalities"] == r["osce_municipality_count"]).all()
    assert r["n_municipalities"].sum() == 38
    assert set(kh.municipalities()["osce_region"]) == set(r["code"])
    centres = kh.municipalities().set_index("code").loc[r["centre"], "osce_region"]
    assert list(centres) == list(r["code"])


def test_region_evidence_is_documented_and_counted():
    m = kh.municipalities()
    assert set(m["osce_region_evidence"]) <= set(REGION_EVIDENCE)
    # 15 stated by an OSCE document, 23 inferred (shared/reference/README.md)
    assert (m["osce_region_evidence"] == "inferred_from_counts").sum() == 23


def test_districts_and_regions_differ_where_documented():
    m = kh.municipalities().set_index("code")
    assert len(districts()) == 7
    assert set(m["district"]) == set(districts()["code"])
    assert m.loc["shtime", "district"] == "district_ferizaj"
    assert m.loc["shtime", "osce_region"] == "osce_prishtine"
    assert m.loc["novoberde", "osce_region"] == "osce_gjilan"


def test_parents_of_new_municipalities():
    m = kh.municipalities().set_index("code")
    assert m.loc["gracanice", "parent"] == "prishtine;lipjan;fushe_kosove"
    assert m.loc["mitrovice_e_veriut", "parent"] == "mitrovice_pre2013"
    assert m.loc["partesh", "parent"] == "gjilan"
    units = kh.historic_units().set_index("code")
    assert units.loc["mitrovice_pre2013", "successors"] == "mitrovice_e_jugut;mitrovice_e_veriut"


def test_municipalities_returns_a_copy():
    m = kh.municipalities()
    m.loc[0, "name_en"] = "changed"
    assert kh.municipalities().loc[0, "name_en"] != "changed"


@pytest.mark.parametrize(
    "lang,expected", [("sq", "Prishtinë"), ("sr", "Priština"), ("sr-Cyrl", "Приштина"), ("en", "Pristina")]
)
def test_names_by_language(lang, expected):
    assert kh.names(lang)["prishtine"] == expected
    assert len(kh.names(lang, "osce_region")) == 5


def test_names_bad_language():
    with pytest.raises(ValueError, match="sq, sr, sr-Cyrl, en"):
        kh.names("de")


def test_alias_table_has_a_source_for_every_row():
    a = kh.gazetteer.aliases()
    assert (a["source"].str.strip() != "").all()
    assert set(a["code"]) == set(kh.municipalities()["code"])
    assert isinstance(a, pd.DataFrame)
