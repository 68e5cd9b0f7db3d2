"""Election loader on the real mirror files: counts, hand-checked values, bad input."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from kosovo_hr.datasets.elections import DartParseError, ElectionDataError, list_elections, load_elections, load_turnout
from kosovo_hr.datasets.elections import load as L
from kosovo_hr.gazetteer import UnknownMunicipalityError

BASE = "raw.githubusercontent.com/genti2004-cmyk/zgjedhjet_info/34886e3c8cf9d56fd62d683b861cdab0a73671aa/"


@pytest.fixture(scope="module")
def results():
    return load_elections()


def _text(mirror, file):
    return (mirror / BASE / file).read_text(encoding="utf-8")


def _count_rows(mirror, e) -> int:
    """Count the records in the raw file with a regex, independently of the parser."""
    text = _text(mirror, e.results_file)
    if e.type == "parliamentary":
        return len(re.findall(r"^\s*MunicipalityPartyResult\(", text, re.M))
    if e.id == "local_assembly_2017":
        return len(re.findall(r"^\s*PartyResult\(", text, re.M))
    if e.id == "local_assembly_2025":
        return len(re.findall(r"^\s*Local2025AssemblyPartyResult\(", text, re.M))
    rounds = re.findall(
        r"^\s*(?:HistoricalMayorCandidate|Local2025MayorCandidate)\([^()]*?round: (\d)", text, re.M | re.S
    )
    return sum(1 for r in rounds if int(r) == e.round)


def test_every_election_loads_with_the_files_row_count(results, mirror):
    assert len(L.ELECTIONS) == 18
    counts = results.groupby("election").size()
    for e in L.ELECTIONS:
        assert counts[e.id] == _count_rows(mirror, e), e.id
    assert counts["parliamentary_2001"] == 780 and counts["parliamentary_2019"] == 950
    assert counts["local_assembly_2025"] == 202 and counts["mayor_2017_r2"] == 40


def test_municipal_maps(results):
    units = results.groupby("election")["code"].nunique()
    maps = results.groupby("election")["municipal_map"].first()
    for eid in ("parliamentary_2001", "parliamentary_2004", "parliamentary_2007"):
        assert units[eid] == 30 and maps[eid] == "pre2008_30"
    assert units["parliamentary_2010"] == 37 and maps["parliamentary_2010"] == "2010_37"
    p10 = set(results.loc[results["election"] == "parliamentary_2010", "code"])
    assert "mitrovice_pre2013" in p10 and "mitrovice_e_veriut" not in p10
    assert units["parliamentary_2014"] == 38
    # 2014 "Mitrovicë" is South Mitrovica; the 2025 municipal assembly file lacks Zubin Potok
    m14 = results[(results["election"] == "parliamentary_2014") & (results["municipality_name"] == "Mitrovicë")]
    assert set(m14["code"]) == {"mitrovice_e_jugut"}
    assert units["local_assembly_2025"] == 37
    assert "zubin_potok" not in set(results.loc[results["election"] == "local_assembly_2025", "code"])
    assert results["code"].notna().all()


HAND_CHECKED = [
    # election, municipality code, subject (or candidate), column, value — read in the files
    ("parliamentary_2001", "decan", "LIDHJA DEMOKRATIKE E KOSOVËS", "votes", 9266),
    ("parliamentary_2001", "decan", "LIDHJA DEMOKRATIKE E KOSOVËS", "vote_share", 53.207005),
    ("parliamentary_2004", "decan", "LIDHJA DEMOKRATIKE E KOSOVËS", "votes", 10312),
    ("parliamentary_2007", "decan", "ALEANCA PËR ARDHMËRINË E KOSOVËS", "votes", 7834),
    ("parliamentary_2010", "mitrovice_pre2013", "PARTIA DEMOKRATIKE E KOSOVËS", "votes", 10226),
    (
        "parliamentary_2014",
        "mitrovice_e_jugut",
        "PARTIA DEMOKRATIKE E KOSOVËS - PARTIA E DREJTËSISË - "
        "LËVIZJA PËR BASHKIM - PARTIA SHQIPTARE DEMOKRISTIANE E KOSOVËS - PARTIA KONSERVATORE E KOSOVËS",
        "votes",
        13102,
    ),
    ("parliamentary_2017", "mitrovice_e_jugut", "LËVIZJA VETËVENDOSJE!", "votes", 10346),
    ("parliamentary_2019", "gracanice", "SRPSKA LISTA", "votes", 8233),
    ("parliamentary_2019", "decan", "AAK-PSD KOALICIONI 100% KOSOVË", "votes", 10288),
    ("parliamentary_2021", "gracanice", "SRPSKA LISTA", "votes", 4347),
    ("parliamentary_2025_02", "gracanice", "SRPSKA LISTA", "votes", 6726),
    ("parliamentary_2025_12", "gracanice", "SRPSKA LISTA", "votes", 6660),
    ("parliamentary_2025_12", "gracanice", "SRPSKA LISTA", "vote_share", 62.6942),
    ("local_assembly_2017", "decan", "AAK - ALEANCA PËR ARDHMËRINË E KOSOVËS", "votes", 9119),
    ("local_assembly_2017", "decan", "AAK - ALEANCA PËR ARDHMËRINË E KOSOVËS", "seats", 17),
    ("local_assembly_2025", "decan", "AAK - ALEANCA PËR ARDHMËRINË E KOSOVËS", "votes", 8079),
    ("local_assembly_2025", "decan", "AAK - ALEANCA PËR ARDHMËRINË E KOSOVËS", "seats", 11),
    ("local_assembly_2025", "mitrovice_e_veriut", "SRPSKA LISTA", "seats", 10),
    ("mayor_2017_r1", "decan", "BASHKIM RAMOSAJ", "votes", 10434),
    ("mayor_2021_r1", "decan", "BASHKIM RAMOSAJ", "votes", 9843),
    ("mayor_2025_r1", "decan", "BASHKIM RAMOSAJ", "votes", 8645),
]


@pytest.mark.parametrize("election, code, who, column, value", HAND_CHECKED)
def test_hand_checked_values(results, election, code, who, column, value):
    r = results[
        (results["election"] == election)
        & (results["code"] == code)
        & ((results["subject_name"] == who) | (results["candidate"] == who))
    ]
    assert len(r) == 1
    assert r[column].iloc[0] == value


def test_hand_checked_turnout():
    t = load_turnout()
    d01 = t[(t["election"] == "parliamentary_2001") & (t["code"] == "decan")].iloc[0]
    assert (d01["electorate"], d01["votes_cast"], d01["turnout"]) == (26613, 17415, 66.347274)
    d25 = t[(t["election"] == "local_assembly_2025") & (t["code"] == "decan")].iloc[0]
    assert (d25["electorate"], d25["votes_cast"], d25["valid_ballots"], d25["assembly_seats"]) == (
        43759,
        17188,
        15949,
        21,
    )
    # no electorate after 2007 in the parliamentary files: missing, never 0
    p19 = t[t["election"] == "parliamentary_2019"]
    assert len(p19) == 38 and p19["electorate"].isna().all() and p19["turnout"].isna().all()
    assert (p19["votes_cast"] > 0).all()


#: Copy/mirror sites the polling dates must not be sourced from.
WEAK_DATE_DOMAINS = ("wikimili.com", "abcdef.wiki", "wiki.x.io", "unpeudhistoire.fr", "docslib.org")


def test_every_election_has_a_dated_source():
    from urllib.parse import urlparse

    assert set(L.DATE_SOURCES) == {e.id for e in L.ELECTIONS}
    for e in L.ELECTIONS:
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", e.date) and int(e.date[:4]) == e.year, e.id
        host = urlparse(L.DATE_SOURCES[e.id].split()[0]).netloc
        assert host and not host.endswith(WEAK_DATE_DOMAINS), (e.id, host)
    le = list_elections()
    assert le["date_source"].str.match(r"https?://").all()


def test_list_and_filters():
    le = list_elections()
    assert list(le["election"])[:2] == ["parliamentary_2001", "parliamentary_2004"]
    assert le.set_index("election").loc["parliamentary_2025_12", "date"] == "2025-12-28"
    assert set(load_elections(kind="mayor")["type"]) == {"mayor"}
    assert set(load_elections(["mayor_2021_r2"])["round"]) == {2}
    with pytest.raises(KeyError, match="unknown election 'parliamentary_1999'.*parliamentary_2001"):
        load_elections("parliamentary_1999")
    with pytest.raises(ValueError, match="type must be one of"):
        load_elections(kind="presidential")


def _fields(mirror, e, edit):
    from kosovo_hr.datasets.elections.dart import const_fields

    return const_fields(edit(_text(mirror, e.results_file)), origin=e.results_file)


def test_unknown_municipality_names_the_file(mirror):
    e = L.get_election("parliamentary_2019")
    fields = _fields(mirror, e, lambda t: t.replace("municipalityName: 'Deçan'", "municipalityName: 'Atlantis'", 1))
    with pytest.raises(UnknownMunicipalityError, match=r"Atlantis \(in lib/src/features/parliamentary_2019"):
        L.election_results(e, fields)


def test_malformed_or_truncated_files_raise(mirror, tmp_path):
    e = L.get_election("parliamentary_2004")
    text = _text(mirror, e.results_file)
    bad = tmp_path / "bad.dart"
    bad.write_text(text.replace("votes: 10312,", "votes: 10312 + 1,", 1), encoding="utf-8")
    with pytest.raises(DartParseError, match=r"bad.dart, line \d+, column \d+: expected ',' or '\)'"):
        L.read_const_fields(bad)
    trunc = tmp_path / "trunc.dart"
    trunc.write_text(text[: len(text) // 2], encoding="utf-8")
    with pytest.raises(DartParseError, match="trunc.dart, line .*(end of file|unterminated)"):
        L.read_const_fields(trunc)


def test_records_with_missing_or_wrong_fields_raise(mirror):
    e = L.get_election("parliamentary_2004")
    f = _fields(mirror, e, lambda t: t.replace("votes: 10312,", "", 1))
    with pytest.raises(
        ElectionDataError,
        match=r"parliamentary_2004_municipality_party_data.dart, line \d+: "
        r"MunicipalityPartyResult lacks 'votes'",
    ):
        L.election_results(e, f)
    f = _fields(mirror, e, lambda t: t.replace("votes: 10312,", "votes: '10312',", 1))
    with pytest.raises(ElectionDataError, match="votes = '10312' is not int"):
        L.election_results(e, f)
    f = _fields(mirror, e, lambda t: t.replace("votes: 10312,", "votes: -5,", 1))
    with pytest.raises(ElectionDataError, match="is negative"):
        L.election_results(e, f)
    f = _fields(mirror, e, lambda t: re.sub(r"percentage: [\d.]+", "percentage: true", t, count=1))
    with pytest.raises(ElectionDataError, match="percentage = True is not"):
        L.election_results(e, f)
    f = _fields(
        mirror,
        e,
        lambda t: t.replace(
            "static const List<MunicipalityPartyResult> results", "static const List<MunicipalityPartyResult> rows"
        ),
    )
    with pytest.raises(ElectionDataError, match="no `static const` field 'results'"):
        L.election_results(e, f)


def test_local_2017_label_must_name_the_municipality(mirror):
    e = L.get_election("local_assembly_2017")
    f = _fields(mirror, e, lambda t: t.replace("name: 'Deçan/Dečani · AAK", "name: 'AAK", 1))
    with pytest.raises(ElectionDataError, match="is not '<municipality> · <subject>'"):
        L.election_results(e, f)


def test_mayor_round_mismatch(mirror):
    e = L.get_election("mayor_2021_r1")
    text = _text(mirror, e.results_file)
    i = text.index("round: 1,")
    f = _fields(mirror, e, lambda t: t[:i] + "round: 2," + t[i + len("round: 1,") :])
    with pytest.raises(ElectionDataError, match="candidate of round 2 .* listed under firstRound"):
        L.election_results(e, f)


def test_types(results):
    assert str(results["votes"].dtype) == "Int64" and str(results["vote_share"].dtype) == "Float64"
    assert results["seats"].notna().sum() == 364 + 202
    assert results.loc[results["type"] == "parliamentary", "seats"].isna().all()
    assert isinstance(results, pd.DataFrame)
