"""Data checks and the 2019 cross-check report real findings; the party table is cited and strict."""

from __future__ import annotations

import pandas as pd
import pytest

from kosovo_hr.datasets.elections import checks, classify, load_elections, parties, subjects
from kosovo_hr.datasets.elections.parties import UnknownSubjectError


@pytest.fixture(scope="module")
def findings():
    return checks.run_checks()


def test_known_findings_are_reported(findings):
    cov = findings[findings["check"] == "coverage"]
    assert list(cov["election"]) == ["local_assembly_2025"] and list(cov["code"]) == ["zubin_potok"]
    # the 2025 assembly file lists only seat winners: listed votes fall short of valid ballots
    vc = findings[(findings["check"] == "votes_vs_cast")]
    assert set(vc["election"]) == {"local_assembly_2025"} and (vc["difference"] < 0).all()
    seats = findings[(findings["check"] == "seats_vs_assembly") & (findings["code"] == "vushtrri")]
    assert (seats["expected"].iloc[0], seats["found"].iloc[0]) == (15, 33)
    # parliamentary files: subject votes add up exactly to votes cast, shares match
    assert not ((findings["check"] == "votes_vs_cast") & findings["election"].str.startswith("parl")).any()
    assert not ((findings["check"] == "share_vs_votes") & findings["election"].str.startswith("parl")).any()
    assert not (findings["check"] == "duplicate").any()
    # Parteš 2017: the file lists a run-off although the first-round leader had 59.73 %
    ro = findings[findings["check"] == "runoff"]
    assert list(zip(ro["election"], ro["code"], ro["found"])) == [("mayor_2017_r2", "partesh", 59.73)]


def test_duplicate_check_catches_a_planted_duplicate():
    r = load_elections("parliamentary_2019")
    d = checks.check_duplicates(pd.concat([r, r.iloc[[5]]], ignore_index=True))
    assert len(d) == 1 and d["found"].iloc[0] == 2


@pytest.mark.parametrize(
    "election, dropped",
    [("parliamentary_2010", "gracanice"), ("parliamentary_2004", "decan"), ("parliamentary_2019", "junik")],
)
def test_coverage_names_a_missing_municipality_on_every_map(election, dropped):
    r = load_elections(election)
    cov = checks.check_coverage(r[r["code"] != dropped])
    assert list(cov["election"]) == [election] and list(cov["code"]) == [dropped]


def test_crosscheck_2019_lists_known_disagreements():
    x = checks.crosscheck_2019()
    g = x[(x["code"] == "gracanice") & (x["subject_name"] == "SRPSKA LISTA")].iloc[0]
    assert (g["votes_zgjedhjet"], g["votes_gentrexha"], g["status"]) == (8233, 7887, "votes differ")
    assert x["status"].str.startswith("duplicate block in gentrexha").any()
    assert (x["status"] == "only in zgjedhjet_info").sum() == 25  # Obiliq has no block of its own
    b = checks.crosscheck_2019_blocks()
    mis = b[b["mislabelled"]]
    assert list(zip(mis["municipality_label"], mis["best_match"])) == [("Novobërdë", "obiliq")]


def test_party_table_is_cited():
    s = subjects()
    assert len(s) == 370 and s["subject_name"].is_unique
    classified = s[s["community"] != "unclassified"]
    assert (classified["source_url"].str.startswith("http")).all()
    assert (s.loc[s["community"] == "unclassified", "source_url"] == "").all()
    p = parties().set_index("party_key")
    assert p.loc["SLS", "community"] == "serb" and p.loc["KDTP", "community"] == "turkish"
    assert p.loc["KDTP", "n_names"] > 1


def test_party_table_equals_reference(reference):
    ref = pd.read_csv(reference / "parties" / "subjects_detail.csv", dtype=str, keep_default_na=False).set_index(
        "subject_name"
    )
    s = subjects().set_index("subject_name")
    extra = sorted(set(s.index) - set(ref.index))
    assert extra == ["Naša Bošnjačka Koalicija (Naša Inicijativa i Bošnjačka stranka)"]  # see SOURCES.md
    assert s.loc[extra[0], "community"] == "unclassified"
    both = s.drop(extra)
    # names the project classified from a source it read, unclassified in the reference (see SOURCES.md)
    differ = sorted(both.index[both["community"] != ref.loc[both.index, "community"]])
    assert differ == ["ALTERNATIVA", "FER", "Koalicioni për Familje", "NOVA DEMOKRATIJA"]
    assert (ref.loc[differ, "community"] == "unclassified").all()
    assert s.loc[differ, "source_url"].str.startswith("http").all()
    assert s.loc[differ, "reference_row"].str.contains("reclassified by the project").all()
    same = both.drop(differ)
    assert same["community"].equals(ref.loc[same.index, "community"])
    assert same["source_url"].equals(ref.loc[same.index, "source_url"])
    assert not same["reference_row"].str.contains("reclassified").any()


def test_every_subject_in_the_files_is_in_the_table():
    c = classify(load_elections())
    assert c["community"].notna().all()
    sl = c[c["subject_name"] == "SRPSKA LISTA"]
    assert set(sl["community"]) == {"serb"} and sl["non_majority"].all()
    assert c.loc[c["community"] == "unclassified", "non_majority"].isna().all()


def test_unknown_subject_is_named():
    r = load_elections("parliamentary_2021").head(3).copy()
    r.loc[r.index[0], "subject_name"] = "PARTIA E RE IMAGJINARE"
    with pytest.raises(UnknownSubjectError, match="'PARTIA E RE IMAGJINARE' \\(seen in parliamentary_2021\\)"):
        classify(r)


def test_run_checks_includes_the_2019_crosscheck(findings):
    x = findings[findings["check"] == "crosscheck_2019"]
    assert len(x) == len(checks.crosscheck_2019()) > 0
    g = x[
        (x["code"] == "gracanice")
        & (x["subject_name"].str.contains("Srpska", case=False))
        & x["detail"].str.startswith("votes differ")
    ]
    assert (g["found"].iloc[0], g["expected"].iloc[0]) == (8233, 7887)
    only = checks.run_checks("parliamentary_2019", checks=["crosscheck_2019"])
    assert set(only["check"]) == {"crosscheck_2019"} and len(only) == len(x)
    assert checks.run_checks("parliamentary_2017", checks=["crosscheck_2019"]).empty
    with pytest.raises(ValueError, match="unknown check"):
        checks.run_checks(checks=["nope"])
