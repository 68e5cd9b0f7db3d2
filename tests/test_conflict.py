"""Kosovo Memory Book counts: totals, places, labels, rates."""

from __future__ import annotations

import pandas as pd
import pytest

from kosovo_hr.datasets.conflict import (
    NOT_RECORDED,
    OUTSIDE,
    UNKNOWN_IN_KOSOVO,
    UnknownPlaceError,
    load_conflict_victims,
    population_1991,
)
from kosovo_hr.gazetteer import UnknownMunicipalityError
from kosovo_hr.geo.pre2008 import pre2008_units
from kosovo_hr.indicators.conflict import conflict_rates


@pytest.fixture(scope="module")
def victims() -> pd.DataFrame:
    return load_conflict_victims()


def test_totals_match_the_source(victims):
    assert victims["persons"].sum() == 13_548
    by_year = victims.groupby("year")["persons"].sum().to_dict()
    assert by_year == {1998: 2_152, 1999: 11_225, 2000: 171}
    assert victims.loc[victims["code"] == "gjakove_pre2008", "persons"].sum() == 1_667


def test_committed_table_equals_reference(victims, reference):
    ref = pd.read_csv(reference / "conflict" / "kosovo_memory_book_counts.csv", dtype=str, keep_default_na=False)
    assert len(victims) == len(ref)
    assert victims["persons"].tolist() == ref["persons"].astype(int).tolist()
    assert victims["place"].tolist() == ref["place_of_incident"].tolist()


def test_every_place_is_a_unit_or_an_explicit_category(victims):
    units = set(pre2008_units()["code"])
    assert set(victims["code"]) <= units | {OUTSIDE, UNKNOWN_IN_KOSOVO, NOT_RECORDED}
    assert victims["code"].notna().all()
    muni = victims[victims["place_category"] == "municipality"]
    assert set(muni["code"]) == units  # all 30 pre-2008 municipalities appear
    cats = victims.groupby("place_category")["persons"].sum().to_dict()
    assert cats["kosovo_place_unknown"] == 16 and cats["not_recorded"] == 2
    assert cats["outside_kosovo"] == 393
    assert victims.loc[victims["place"] == "Mitrovicë", "code"].eq("mitrovice_pre2008").all()
    assert victims.loc[victims["place"] == "Niš", "country"].eq("Serbia").all()


def test_labels_translated_and_originals_kept(victims):
    assert set(victims["violation"]) == {"killed", "disappeared", "war_caused_death"}
    assert set(victims["status"]) == {"civilian", "armed"}
    alb = victims[victims["ethnicity_source"] == "Shqiptar"]
    assert (alb["community"] == "Albanian").all() and (alb["community_group"] == "albanian").all()
    assert victims.loc[victims["ethnicity_source"] == "Rom", "community"].eq("Roma").all()
    assert victims["community"].notna().all()


def test_unknown_places_are_all_listed(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "place_of_incident,year,ethnicity,violation,status,persons\n"
        "Gjakovë,1999,Shqiptar,vrasje,civil,3\n"
        "Atlantis,1999,Serb,vrasje,civil,1\n"
        "Nowhere Town,1998,Rom,zhdukje,civil,2\n",
        encoding="utf-8",
    )
    with pytest.raises(UnknownPlaceError) as err:
        load_conflict_victims(bad)
    assert "Atlantis" in str(err.value) and "Nowhere Town" in str(err.value)
    assert isinstance(err.value, UnknownMunicipalityError)


def test_unknown_label_fails(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "place_of_incident,year,ethnicity,violation,status,persons\nGjakovë,1999,Marsian,vrasje,civil,3\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="Marsian"):
        load_conflict_victims(bad)


def test_population_1991_covers_the_30_units():
    pop = population_1991()
    assert len(pop) == 30 and pop["population_1991"].sum() == 1_956_196
    assert pop.set_index("code").loc["mitrovice_pre2008", "population_1991"] == 104_885


def test_rates_per_1000(victims):
    r = conflict_rates(victims=victims).set_index("code")
    assert len(r) == 30
    sel = victims[(victims["code"] == "gjakove_pre2008") & victims["violation"].isin(["killed", "disappeared"])]
    assert r.loc["gjakove_pre2008", "persons"] == sel["persons"].sum()
    assert r.loc["gjakove_pre2008", "rate"] == pytest.approx(sel["persons"].sum() / 115_097 * 1000)
    assert (r["rate_lower"] <= r["rate"]).all() and (r["rate"] <= r["rate_upper"]).all()
    by = conflict_rates(by=["community_group"], victims=victims)
    assert len(by) == 30 * 4
    assert by["persons"].sum() == r["persons"].sum()


def test_small_counts_are_suppressed_on_maps():
    from kosovo_hr.indicators.conflict import suppressed_rates

    for by in (("violation",), ("community_group",)):
        df = suppressed_rates(by=by)
        published = df["persons"].dropna()
        assert not published.between(1, 4).any()
        assert df.loc[df["suppressed"], "rate"].isna().all()
        assert (df["suppression_reason"] == "primary").any()


def test_region_totals_keep_every_record():
    from kosovo_hr.indicators.conflict import region_totals

    t = region_totals().set_index("code")
    assert t["total"].sum() == 13_548
    assert {"outside_kosovo", "kosovo_place_unknown", "place_not_recorded"} <= set(t.index)
    assert t.loc["osce_prishtine", "population_1991"] == 359_808  # Prishtinë, Fushë Kosovë, Lipjan, Obiliq, Shtime
    assert t["population_1991"].sum() == 1_956_196


def test_figures_are_registered_and_translated():
    import matplotlib.pyplot as plt

    from kosovo_hr.figures import conflict as figs
    from kosovo_hr.figures import load_all

    reg = load_all()
    mine = {n for n, s in reg.items() if s.domain == "conflict"}
    assert mine == {
        "conflict_killed_disappeared_rates",
        "conflict_rates_by_community",
        "conflict_osce_region_totals",
        "mosaic_institutions_small_multiples",
        "mosaic_security_top_problem",
    }
    for lang, word in (("sq", "rajonit"), ("sr", "regionu"), ("en", "OSCE region")):
        fig = figs.region_totals_chart(lang)
        texts = " ".join(t.get_text() for ax in fig.axes for t in [ax.title]) + " ".join(
            t.get_text() for t in fig.texts
        )
        assert word in texts
        plt.close(fig)


def test_published_region_totals_hide_small_counts_and_keep_large_ones():
    from kosovo_hr.indicators.conflict import published_region_totals, region_totals

    raw = region_totals().set_index("code")
    pub = published_region_totals().set_index("code")
    cells = ["killed", "disappeared", "war_caused_death", "total"]
    small = raw[cells].apply(lambda s: s.between(1, 4))
    assert small.to_numpy().any()  # the real table has small cells to protect
    assert pub[cells].where(small).isna().all().all()  # every small cell hidden
    shown = pub[cells].notna()
    assert (pub[cells][shown] == raw[cells][shown]).all().all()  # nothing altered
    regions = [c for c in pub.index if c.startswith("osce_")]
    assert not pub.loc[regions, "suppressed"].any()  # large regional counts stay published


def test_community_table_is_exported_suppressed_as_the_map():
    from kosovo_hr import export
    from kosovo_hr.indicators.conflict import suppressed_rates
    from kosovo_hr.report.figure_tables import FIGURE_TABLES

    assert FIGURE_TABLES["conflict_rates_by_community"] == "conflict_rates_by_community"
    export.load_all_tables()
    table = export.TABLES["conflict_rates_by_community"].build()
    pd.testing.assert_frame_equal(table, suppressed_rates(by=("community_group",)))
    shown = table["persons"].dropna().astype(int)
    assert ((shown == 0) | (shown >= 5)).all() and table["suppressed"].any()
    # no hidden count follows from a municipality's total or a community group's: never one hidden alone
    for key in ("code", "community_group"):
        hidden = table["persons"].isna().groupby(table[key]).sum()
        assert ((hidden == 0) | (hidden >= 2)).all(), key
