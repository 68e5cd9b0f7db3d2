"""Participation indicators: counts summed, shares recomputed, unclassified reported."""

from __future__ import annotations

import pandas as pd
import pytest

from kosovo_hr.indicators import participation as P


@pytest.fixture(scope="module")
def muni():
    return P.participation()


def test_municipal_shares(muni):
    g = muni[(muni["election"] == "local_assembly_2025") & (muni["code"] == "mitrovice_e_veriut")].iloc[0]
    # 15 seats; Srpska Lista 10 + Srpska Demokratija 1 classified Serb; the rest listed in the file
    assert g["seats_total"] == 15
    assert g["votes_total"] == 7567  # valid ballots of the statistics block
    assert g["seats_non_majority"] == 11 and g["seats_unclassified"] == 2  # read in the file
    assert g["non_majority_seat_share"] == pytest.approx(100 * 11 / 15)
    d = muni[(muni["election"] == "parliamentary_2001") & (muni["code"] == "decan")].iloc[0]
    assert d["votes_total"] == 17415 and d["votes_unlisted"] == 0
    parl = muni[muni["type"] == "parliamentary"]
    assert parl["seats_total"].isna().all() and parl["non_majority_seat_share"].isna().all()
    tot = parl["votes_non_majority"] + parl["votes_albanian_or_multiethnic"] + parl["votes_unclassified"]
    assert (tot == parl["votes_total"]).all()


def test_unclassified_share_is_reported(muni):
    assert muni["unclassified_vote_share"].notna().all()
    l25 = muni[muni["election"] == "local_assembly_2025"]
    assert (l25["votes_unlisted"] >= 0).all() and (l25["votes_unlisted"] > 0).sum() == 34  # seat winners only
    assert (l25.loc[l25["votes_unlisted"] > 0, "unclassified_vote_share"] > 0).all()


def test_aggregation_sums_counts_not_shares(muni):
    k = P.aggregate_participation(muni, "kosovo")
    p19 = k[k["election"] == "parliamentary_2019"].iloc[0]
    m19 = muni[muni["election"] == "parliamentary_2019"]
    assert p19["votes_total"] == m19["votes_total"].sum()
    assert p19["non_majority_vote_share"] == pytest.approx(
        100 * m19["votes_non_majority"].sum() / m19["votes_total"].sum()
    )
    assert p19["non_majority_vote_share"] != pytest.approx(m19["non_majority_vote_share"].mean())
    # Zubin Potok missing from the 2025 assembly file: Mitrovica region and Kosovo are incomplete -> NA
    r = P.aggregate_participation(muni, "osce_region")
    mit = r[(r["election"] == "local_assembly_2025") & (r["code"] == "osce_mitrovice")].iloc[0]
    assert not mit["complete"] and mit["missing_members"] == "zubin_potok"
    assert pd.isna(mit["non_majority_seat_share"])
    assert r[(r["election"] == "parliamentary_2001")]["complete"].all()
    part = P.aggregate_participation(muni, "osce_region", partial=True)
    assert (
        part[(part["election"] == "local_assembly_2025") & (part["code"] == "osce_mitrovice")]["seats_total"]
        .notna()
        .all()
    )


def test_change_is_missing_across_map_changes(muni):
    ch = P.add_change(muni[muni["type"] == "parliamentary"])
    decan = ch[ch["code"] == "decan"].set_index("election")
    assert pd.isna(decan.loc["parliamentary_2010", "non_majority_vote_share_change"])  # 2007 map -> 2010 map
    assert pd.isna(decan.loc["parliamentary_2014", "non_majority_vote_share_change"])
    assert decan.loc["parliamentary_2017", "non_majority_vote_share_change"] == pytest.approx(
        decan.loc["parliamentary_2017", "non_majority_vote_share"]
        - decan.loc["parliamentary_2014", "non_majority_vote_share"]
    )


def test_turnout_and_representation():
    t = P.turnout()
    assert set(t["election"]) == {
        "parliamentary_2001",
        "parliamentary_2004",
        "parliamentary_2007",
        "local_assembly_2025",
    }
    d = t[(t["election"] == "parliamentary_2001") & (t["code"] == "decan")].iloc[0]
    assert d["valid_votes_per_electorate"] == pytest.approx(100 * 17415 / 26613)
    k = P.aggregate_turnout(t, "kosovo").set_index("election")
    assert k.loc["parliamentary_2004", "electorate"] == t.loc[t["election"] == "parliamentary_2004", "electorate"].sum()
    assert pd.isna(k.loc["local_assembly_2025", "valid_votes_per_electorate"])  # Zubin Potok missing
    assert k.loc["local_assembly_2025", "missing_members"] == "zubin_potok"
    rep = P.representation("local_assembly_2025")
    assert (rep.loc[rep["population_share"].isna(), "reason"] == "population missing").all()
    ok = rep[rep["representation_ratio"].notna()]
    assert len(ok) >= 3
    assert (ok["representation_ratio"] == ok["seat_share"] / ok["population_share"]).all()


def test_mayors_are_refused():
    with pytest.raises(ValueError, match="not mayoral candidates"):
        P.participation(kind="mayor")


def test_pre2008_units_compare_like_with_like(muni):
    u = P.on_pre2008_units(muni)
    assert u.groupby("election")["code"].nunique()["parliamentary_2019"] == 30
    m19 = muni[muni["election"] == "parliamentary_2019"].set_index("code")
    pr = u[(u["election"] == "parliamentary_2019") & (u["code"] == "prishtine_pre2008")].iloc[0]
    assert pr["votes_total"] == m19.loc["prishtine", "votes_total"] + m19.loc["gracanice", "votes_total"]
    assert pr["complete"]
    p01 = muni[(muni["election"] == "parliamentary_2001") & (muni["code"] == "prishtine")].iloc[0]
    u01 = u[(u["election"] == "parliamentary_2001") & (u["code"] == "prishtine_pre2008")].iloc[0]
    assert u01["votes_total"] == p01["votes_total"]
    mit10 = u[(u["election"] == "parliamentary_2010") & (u["code"] == "mitrovice_pre2008")].iloc[0]
    assert (
        mit10["votes_total"]
        == muni[(muni["election"] == "parliamentary_2010") & (muni["code"] == "mitrovice_pre2013")]["votes_total"].iloc[
            0
        ]
    )


def test_aggregation_of_pre2008_elections_and_missing_values(muni):
    # 2001 rows are the 30 pre-2008 units: Deçan absent leaves Deçan and Junik uncovered
    p01 = muni[muni["election"] == "parliamentary_2001"]
    r = P.aggregate_participation(p01[p01["code"] != "decan"], "osce_region").set_index("code")
    assert not r.loc["osce_peje", "complete"] and r.loc["osce_peje", "missing_members"] == "decan;junik"
    assert pd.isna(r.loc["osce_peje", "votes_total"]) and r.drop(index="osce_peje")["complete"].all()
    part = P.aggregate_participation(p01[p01["code"] != "decan"], "kosovo", partial=True).iloc[0]
    assert part["votes_total"] == p01["votes_total"].sum() - p01.set_index("code").loc["decan", "votes_total"]
    # a missing count makes its region incomplete, never a silent partial sum
    t = P.turnout()
    t04 = t[t["election"] == "parliamentary_2004"].copy()
    t04.loc[t04["code"] == "peje", "valid_votes"] = pd.NA
    k = P.aggregate_turnout(t04, "kosovo").iloc[0]
    assert not k["complete"] and k["missing_members"] == "peje" and pd.isna(k["valid_votes"])
    assert k["electorate"] == t04["electorate"].sum()
