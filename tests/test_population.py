"""Population denominators: committed table against the published totals."""

import pandas as pd
import pytest

import kosovo_hr as kh
from kosovo_hr.datasets.population import (
    NORTH,
    load_population,
    load_population_by_community,
    population_for_years,
    population_sources,
)


def test_published_totals():
    allp = load_population(series="all")
    tot = allp.groupby("series")["population"].sum()
    assert tot["census_1991"] == 1_956_196
    assert tot["census_2024_enumerated"] == 1_585_566
    assert tot["census_2024"] == 1_602_515
    assert tot["ask_estimate_2014"] == 1_804_944
    census11 = allp[(allp["series"] == "census_2011") & (allp["kind"] == "census")]
    assert census11["population"].sum() == 1_739_825 and len(census11) == 34
    assert tot["census_2011"] == 1_780_021  # with KAS's northern estimates


def test_one_row_per_code_year_and_known_codes():
    df = load_population()
    assert not df.duplicated(["code", "year"]).any()
    codes = set(kh.municipalities()["code"])
    assert set(df.loc[df["year"] > 1991, "code"]) == codes
    assert set(df["source"]) <= set(population_sources()["source"])
    assert df["population"].notna().all()


def test_north_is_flagged_as_estimate():
    df = load_population(years=[2011, 2024])
    north = df[df["code"].isin(NORTH)]
    assert len(north) == 8 and north["is_estimate"].all() and (north["kind"] == "estimate").all()
    south = df[~df["code"].isin(NORTH)]
    assert (south["kind"] == "census").all() and not south["is_estimate"].any()
    assert len(load_population(kind="census", years=2024)) == 34
    enum = load_population(series="census_2024_enumerated").set_index("code")
    assert enum.loc["zvecan", "population"] == 434
    assert load_population(years=2024).set_index("code").loc["zvecan", "population"] == 2867


def test_1991_for_the_30_pre2008_municipalities():
    df = load_population(kind="census", years=[1991])
    assert len(df) == 30 and (df["boundary"] == "pre2008").all()
    assert "mitrovice_pre2013" in set(df["code"])
    later = {
        "gracanice",
        "hani_i_elezit",
        "junik",
        "kllokot",
        "mamushe",
        "partesh",
        "ranillug",
        "mitrovice_e_veriut",
        "mitrovice_e_jugut",
    }
    assert not later & set(df["code"])
    assert df.set_index("code").loc["prishtine", "population"] == 199_654


def test_values_match_reference_files(reference):
    ref = pd.read_csv(reference / "census" / "census2024_municipal.csv")
    ref = ref[~ref["municipality"].str.startswith("KOSOVA")]
    codes = kh.resolve_many(ref["municipality"], year=2024)
    want = dict(zip(ref["municipality"].map(codes), ref["pop2024_census_final_enumerated"]))
    got = load_population(series="census_2024_enumerated").set_index("code")["population"]
    assert got.to_dict() == want
    gh = pd.read_csv(reference / "population_geohive.csv", dtype={"code": str})
    want14 = dict(zip(gh["municipality"].map(kh.resolve_many(gh["municipality"], year=2024)), gh["pop_2014_estimate"]))
    assert load_population(years=2014).set_index("code")["population"].to_dict() == want14
    g91 = gh.dropna(subset=["pop_1991_census"])
    want91 = dict(
        zip(
            g91["municipality"].map(kh.resolve_many(g91["municipality"], year=1991)), g91["pop_1991_census"].astype(int)
        )
    )
    assert load_population(years=1991).set_index("code")["population"].to_dict() == want91
    want11 = dict(zip(ref["municipality"].map(codes), ref["pop2011_census_ask"]))
    got11 = load_population(years=2011, kind="census").set_index("code")["population"]
    assert got11.to_dict() == {k: v for k, v in want11.items() if v == v}


def test_interpolation_linear_and_geometric():
    lin = population_for_years([2011, 2017, 2024], "linear").set_index(["code", "year"])
    p11, p24 = 198_897, 227_466
    assert lin.loc[("prishtine", 2011), "population"] == p11
    assert lin.loc[("prishtine", 2017), "population"] == pytest.approx(p11 + (p24 - p11) * 6 / 13)
    assert lin.loc[("prishtine", 2017), "kind"] == "interpolated"
    geo = population_for_years([2017], "geometric").set_index("code")
    assert geo.loc["prishtine", "population"] == pytest.approx(p11 * (p24 / p11) ** (6 / 13))
    assert geo.loc["zvecan", "is_estimate"] and "estimate" in geo.loc["zvecan", "note"]
    three = population_for_years([2013], anchors=("census_2011", "ask_estimate_2014", "census_2024")).set_index("code")
    assert three.loc["prishtine", "population"] == pytest.approx(198_897 + (207_062 - 198_897) * 2 / 3)
    with pytest.raises(ValueError, match="outside the anchor years"):
        population_for_years([2030])
    with pytest.raises(ValueError, match="method"):
        population_for_years([2015], "spline")


def test_users_own_denominators():
    own = pd.DataFrame({"code": ["peje", "peje"], "year": [2000, 2010], "population": [100_000, 90_000]})
    out = population_for_years([2005], population=own)
    assert out["population"].iloc[0] == pytest.approx(95_000) and out["source"].iloc[0] == "user+user"
    with pytest.raises(ValueError, match="duplicated"):
        population_for_years([2005], population=pd.concat([own, own]))


def test_users_own_anchors_are_kind_user_unless_given():
    own = pd.DataFrame({"code": ["peje", "peje"], "year": [2000, 2010], "population": [100_000, 90_000]})
    out = population_for_years([2000, 2005, 2010], population=own).set_index("year")
    assert out.loc[2000, "kind"] == "user" and out.loc[2010, "kind"] == "user"
    assert out.loc[2005, "kind"] == "interpolated" and out.loc[2000, "source"] == "user"
    given = population_for_years([2000], population=own.assign(kind="census"))
    assert given["kind"].tolist() == ["census"]


def test_community_population_keeps_gaps():
    df = load_population_by_community(2011)
    prishtine = df[(df["code"] == "prishtine")].set_index("community")
    ferizaj = df[(df["code"] == "ferizaj")].set_index("community")
    assert pd.isna(ferizaj.loc["egyptians", "population"])  # not found: a gap, not 0
    assert prishtine.loc["bosniaks", "population"] == 400
    gjilan = df[df["code"] == "gjilan"]
    assert gjilan["population"].sum() == 90_178  # complete row sums to the census total
    bos = df[(df["community"] == "bosniaks") & (df["kind"] == "census")]
    assert bos["population"].sum() == 27_533  # national 2011 Bosniak total
    north = load_population_by_community(2024, "serbs_with_ask_estimate")
    assert north["population"].sum() == 19_449
    with pytest.raises(ValueError, match="unknown community"):
        load_population_by_community(community="martians")


def test_errors():
    with pytest.raises(ValueError, match="no population figures"):
        load_population(years=[2000])
    with pytest.raises(ValueError, match="unknown series"):
        load_population(series="census_1981")
    with pytest.raises(ValueError, match="unknown kind"):
        load_population(kind="guess")


@pytest.mark.parametrize("lang", ["sq", "sr", "sr-Cyrl", "en"])
def test_population_figures_draw_in_each_language(lang):
    import matplotlib.pyplot as plt

    from kosovo_hr.figures import load_all
    from kosovo_hr.plots import label

    reg = load_all()
    for name, key in (("population_change_2011_2024", "change_title"), ("population_region_totals", "regions_title")):
        fig = reg[name].draw(lang)
        titles = [ax.get_title(loc) for ax in fig.axes for loc in ("center", "left")]
        assert label(f"population.{key}", lang) in titles
        plt.close(fig)


def test_population_change_leaves_the_north_missing():
    from kosovo_hr.indicators.population import population_change, region_totals

    ch = population_change().set_index("code")
    assert ch.loc[list(NORTH), "change_pct"].isna().all()
    assert ch.drop(list(NORTH))["change_pct"].notna().all()
    assert ch.loc["prishtine", "change_pct"] == pytest.approx((227_466 / 198_897 - 1) * 100)
    rt = region_totals()
    assert rt.groupby("year")["total"].sum().to_dict() == {2011: 1_780_021, 2024: 1_602_515}
    assert rt[rt["estimate"] > 0]["osce_region"].unique().tolist() == ["osce_mitrovice"]


def test_context_estimates_are_flagged():
    from kosovo_hr.datasets.population import load_population_context

    ctx = load_population_context()
    assert len(ctx) == 27 and set(ctx["code"]) <= set(kh.municipalities()["code"])
    assert ctx["ask_official"].sum() == 19  # 16 for 2021, 2 for 2020, 1 for 2016
    assert ctx.set_index(["code", "year"]).loc[("prishtine", 2021), "population"] == 218_781
    assert not ctx.loc[ctx["estimator"] == "OSCE", "ask_official"].any()
