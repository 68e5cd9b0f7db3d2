"""Name resolution: real-world spellings, unknown and ambiguous names."""

import csv
import re
from pathlib import Path

import pandas as pd
import pytest

import kosovo_hr as kh

SPELLINGS = list(csv.DictReader((Path(__file__).parent / "data" / "spellings.csv").open(encoding="utf-8")))


def test_enough_real_world_spellings_with_cyrillic():
    assert len(SPELLINGS) >= 150
    assert sum(any("\u0400" <= c <= "\u04ff" for c in s["spelling"]) for s in SPELLINGS) >= 38
    assert {s["code"] for s in SPELLINGS} == set(kh.municipalities()["code"])


@pytest.mark.parametrize("row", SPELLINGS, ids=[s["spelling"] for s in SPELLINGS])
def test_spelling_resolves(row):
    assert kh.resolve(row["spelling"]) == row["code"]


@pytest.mark.parametrize("prefix", ["Municipality of ", "Komuna e ", "Opština ", "Општина ", "  "])
def test_prefixes_case_and_spacing(prefix):
    assert kh.resolve(f"{prefix}  fushë   KOSOVË ") == "fushe_kosove"


def test_codes_resolve_to_themselves():
    for code in kh.municipalities()["code"]:
        assert kh.resolve(code) == code


def test_unknown_name_lists_closest():
    with pytest.raises(kh.UnknownMunicipalityError) as e:
        kh.resolve("Prishtna")
    assert "'Prishtna'" in str(e.value)
    assert "Prishtina" in e.value.unmatched["Prishtna"]


def test_no_fuzzy_match_of_partial_names():
    for name in ["Prishtin", "Mitrovicë e", "Kosovo", "Gora", "Prizren2"]:
        with pytest.raises(kh.UnknownMunicipalityError):
            kh.resolve(name)


def test_bilingual_parts_must_agree():
    with pytest.raises(kh.UnknownMunicipalityError):
        kh.resolve("Prishtinë/Prizren")


def test_a_dated_part_does_not_let_another_municipality_through():
    # plain "Mitrovica" never means Zvečan or Leposaviq, whatever the year
    for name in ["Mitrovica/Zvečan", "Zvečan (Mitrovica)", "Mitrovicë/Leposaviq"]:
        with pytest.raises(kh.UnknownMunicipalityError):
            kh.resolve(name)
    assert kh.resolve("Mitrovicë/Južna Kosovska Mitrovica") == "mitrovice_e_jugut"


def test_mitrovica_is_ambiguous_without_a_year():
    for name in [
        "Mitrovica",
        "Mitrovicë",
        "Kosovska Mitrovica",
        "Косовска Митровица",
        "Mitrovicë/Mitrovica",
        "Municipality of Mitrovica",
    ]:
        with pytest.raises(kh.AmbiguousMunicipalityError, match="year"):
            kh.resolve(name)
    assert kh.resolve("Mitrovica", year=2010) == "mitrovice_pre2013"
    assert kh.resolve("Mitrovicë", year=2013) == "mitrovice_e_jugut"
    assert kh.resolve("Kosovska Mitrovica", year=2021) == "mitrovice_e_jugut"
    # explicit names need no year
    assert kh.resolve("Mitrovicë e Jugut") == "mitrovice_e_jugut"


def test_extra_user_checked_spellings():
    assert kh.resolve("Prishtina e Re", extra={"Prishtina e Re": "prishtine"}) == "prishtine"


def test_harmonize_reports_every_unknown_name_at_once():
    df = pd.DataFrame({"komuna": ["Prishtinë", "Xyz", "Pejë", "Abc", "Xyz"]})
    with pytest.raises(kh.UnknownMunicipalityError) as e:
        kh.harmonize(df, "komuna")
    assert set(e.value.unmatched) == {"Xyz", "Abc"}


def test_harmonize_adds_codes_and_keeps_rows():
    df = pd.DataFrame({"komuna": ["Приштина", "Peć", "Gllogoc", "Priština"], "n": [1, 2, 3, 4]})
    out = kh.harmonize(df, "komuna")
    assert list(out["code"]) == ["prishtine", "peje", "drenas", "prishtine"]
    assert list(out["n"]) == [1, 2, 3, 4]
    assert "code" not in df.columns


def test_harmonize_with_a_year_column():
    df = pd.DataFrame({"m": ["Mitrovica", "Mitrovica", "Pejë"], "year": [2009, 2015, 2009]})
    out = kh.harmonize(df, "m", year="year")
    assert list(out["code"]) == ["mitrovice_pre2013", "mitrovice_e_jugut", "peje"]


def test_harmonize_with_a_year_column_holding_missing_years():
    df = pd.DataFrame({"m": ["Pejë", "Pejë", "Mitrovica"], "year": [None, 2009, 2009]})
    out = kh.harmonize(df, "m", year="year")
    assert list(out["code"]) == ["peje", "peje", "mitrovice_pre2013"]


def test_harmonize_rejects_missing_names():
    df = pd.DataFrame({"m": ["Pejë", None]})
    with pytest.raises(kh.UnknownMunicipalityError, match="empty"):
        kh.harmonize(df, "m")


def _dart_names(mirror):
    names = set()
    for f in mirror.glob("raw.githubusercontent.com/genti2004-cmyk/**/*.dart"):
        names |= set(re.findall(r"municipalityName: '([^']*)'", f.read_text(encoding="utf-8")))
    return names


def test_every_municipality_name_in_the_election_files_resolves(mirror):
    names = _dart_names(mirror)
    assert len(names) >= 38
    codes = kh.resolve_many(names, year=2021)
    assert set(codes.values()) == set(kh.municipalities()["code"])


def test_every_name_in_the_mosaic_header_resolves(mirror):
    f = next(mirror.glob("raw.githubusercontent.com/opendatakosovo/**/consolidated_indicators_mod.csv"))
    header = f.read_bytes().split(b"\r")[0].decode("utf-8").split(",")
    names = [h for h in header[2:] if h != "Kosovo"]
    codes = kh.resolve_many(names, year=2009)
    assert codes["Mitrovica"] == "mitrovice_pre2013"
    assert codes["Mitrovica North"] == "mitrovice_e_veriut"
    assert len(set(codes.values())) == len(names)
