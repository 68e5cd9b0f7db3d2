"""Rates with exact Poisson intervals, and aggregation to regions."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import gamma, poisson

import kosovo_hr as kh
from kosovo_hr.stats.aggregate import aggregate
from kosovo_hr.stats.rates import poisson_interval, rates


def test_garwood_published_values():
    # Garwood (1936) exact 95% limits, as tabulated e.g. by Ulm (1990)
    lo, hi = poisson_interval([0, 5])
    assert lo[0] == 0
    assert hi[0] == pytest.approx(3.6889, abs=1e-4)
    assert lo[1] == pytest.approx(1.6235, abs=1e-4)
    assert hi[1] == pytest.approx(11.6683, abs=1e-4)


@pytest.mark.parametrize("k", [1, 2, 7, 30, 250])
def test_limits_match_gamma_quantiles_and_tail_definition(k):
    lo, hi = poisson_interval([k], conf=0.9)
    assert lo[0] == pytest.approx(gamma.ppf(0.05, k))
    assert hi[0] == pytest.approx(gamma.ppf(0.95, k + 1))
    # defining property: P(X >= k | lo) = P(X <= k | hi) = alpha/2
    assert poisson.sf(k - 1, lo[0]) == pytest.approx(0.05)
    assert poisson.cdf(k, hi[0]) == pytest.approx(0.05)


def test_rates_frame_values():
    df = pd.DataFrame(
        {"code": ["partesh", "prishtine"], "year": [2024, 2024], "count": [0, 5], "population": [3240, 227466]}
    )
    out = rates(df, key=("code", "year"))
    assert out.loc[0, "rate"] == 0 and out.loc[0, "rate_lower"] == 0
    assert out.loc[0, "rate_upper"] == pytest.approx(3.6889 / 3240 * 1e5, rel=1e-4)
    assert out.loc[1, "rate"] == pytest.approx(5 / 227466 * 1e5)
    assert out.loc[1, "rate_upper"] == pytest.approx(11.6683 / 227466 * 1e5, rel=1e-4)
    assert list(df.columns) == ["code", "year", "count", "population"]  # input untouched


def test_per_and_nullable_counts():
    df = pd.DataFrame({"count": pd.array([3, None], dtype="Int64"), "population": [1000, 1000]})
    out = rates(df, per=1000, allow_missing=True)
    assert out["rate"].iloc[0] == pytest.approx(3.0)
    assert np.isnan(out["rate"].iloc[1]) and np.isnan(out["rate_lower"].iloc[1])


def test_missing_population_gives_nan_never_zero_when_allowed():
    df = pd.DataFrame({"count": [3, 4], "population": [1000, np.nan]})
    with pytest.raises(ValueError, match="missing in row 1"):
        rates(df)
    out = rates(df, allow_missing=True)
    assert np.isnan(out["rate"].iloc[1]) and np.isnan(out["rate_upper"].iloc[1])


@pytest.mark.parametrize(
    "counts,pops,match",
    [
        ([-1, 2], [10, 10], "negative counts in row 0"),
        ([1.5, 2], [10, 10], "non-integer"),
        ([1, 2], [0, 10], "zero or negative in row 0"),
        ([1, 2], [10, -3], "zero or negative in row 1"),
    ],
)
def test_bad_input(counts, pops, match):
    with pytest.raises(ValueError, match=match):
        rates(pd.DataFrame({"count": counts, "population": pops}))


def test_duplicated_keys_and_bad_conf():
    df = pd.DataFrame({"code": ["peje", "peje"], "year": [2020, 2020], "count": [1, 2], "population": [10, 10]})
    with pytest.raises(ValueError, match="duplicated"):
        rates(df, key=("code", "year"))
    with pytest.raises(ValueError, match="conf"):
        rates(df, conf=1.2)
    with pytest.raises(TypeError, match="numeric"):
        rates(pd.DataFrame({"count": ["a"], "population": [1]}))


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 5000), st.integers(1, 10**6)), min_size=1, max_size=20),
    st.sampled_from([0.8, 0.9, 0.95, 0.99]),
)
def test_interval_contains_estimate(rows, conf):
    df = pd.DataFrame(rows, columns=["count", "population"])
    out = rates(df, conf=conf)
    assert (out["rate_lower"] <= out["rate"] + 1e-12).all()
    assert (out["rate"] <= out["rate_upper"]).all()
    assert (out["rate_upper"] > 0).all()


# --- aggregation -----------------------------------------------------------


def _frame(years=(2020, 2021), seed=0):
    rng = np.random.default_rng(seed)
    m = kh.municipalities()
    rows = [(c, y, int(rng.integers(0, 50)), int(rng.integers(1000, 200000))) for c in m["code"] for y in years]
    return pd.DataFrame(rows, columns=["code", "year", "count", "population"])


def test_aggregate_osce_region_sums_and_recomputes_rates():
    df = _frame()
    out = aggregate(df, "osce_region")
    assert len(out) == 10 and out["complete"].all()
    m = kh.municipalities().set_index("code")["osce_region"]
    gjilan = df[(df["code"].map(m) == "osce_gjilan") & (df["year"] == 2020)]
    row = out[(out["code"] == "osce_gjilan") & (out["year"] == 2020)].iloc[0]
    assert row["count"] == gjilan["count"].sum() and row["n_members"] == 11
    assert row["rate"] == pytest.approx(gjilan["count"].sum() / gjilan["population"].sum() * 1e5)
    # never the mean of municipal rates
    assert row["rate"] != pytest.approx((gjilan["count"] / gjilan["population"]).mean() * 1e5)


def test_aggregate_missing_member_is_flagged_not_summed():
    df = _frame(years=(2020,))
    df.loc[df["code"] == "partesh", "count"] = np.nan
    out = aggregate(df, "osce_region").set_index("code")
    assert pd.isna(out.loc["osce_gjilan", "count"]) and not out.loc["osce_gjilan", "complete"]
    assert out.loc["osce_gjilan", "missing_members"] == "partesh"
    assert np.isnan(out.loc["osce_gjilan", "rate"])
    assert out.loc["osce_peje", "complete"]
    part = aggregate(df, "osce_region", partial=True).set_index("code")
    assert (
        part.loc["osce_gjilan", "count"]
        == df[df["code"].map(kh.municipalities().set_index("code")["osce_region"]) == "osce_gjilan"]["count"].sum()
    )
    absent = aggregate(df[df["code"] != "junik"], "kosovo")
    assert absent["missing_members"].iloc[0] == "junik;partesh" and pd.isna(absent["count"].iloc[0])


def test_aggregate_region_without_any_member_is_a_missing_row():
    df = _frame()
    region = kh.municipalities().set_index("code")["osce_region"]
    df = df[~((df["code"].map(region) == "osce_peje") & (df["year"] == 2021))]
    out = aggregate(df, "osce_region").set_index(["code", "year"])
    row = out.loc[("osce_peje", 2021)]
    assert pd.isna(row["count"]) and np.isnan(row["rate"]) and not row["complete"]
    assert row["n_members"] == 0 and "peje" in row["missing_members"].split(";")
    assert out.loc[("osce_peje", 2020), "complete"] and len(out) == 10


def test_aggregate_partial_rate_needs_the_same_members_and_no_double_territory():
    df = _frame(years=(2020,))
    df.loc[df["code"] == "partesh", "count"] = np.nan
    part = aggregate(df, "osce_region", partial=True).set_index("code")
    # the count misses Partesh, the population does not: no rate from mismatched sums
    assert part.loc["osce_gjilan", "count"] > 0 and np.isnan(part.loc["osce_gjilan", "rate"])
    assert part.loc["osce_peje", "rate"] > 0
    both = pd.concat(
        [
            _frame(years=(2020,)),
            pd.DataFrame({"code": ["mitrovice_pre2013"], "year": [2020], "count": [3], "population": [1000]}),
        ],
        ignore_index=True,
    )
    with pytest.raises(ValueError, match="mitrovice_pre2013 and mitrovice_e_jugut"):
        aggregate(both, "kosovo")


def test_aggregate_pre2008_units_cover_new_municipalities():
    from kosovo_hr.datasets.population import load_population

    pop = load_population(kind="census", years=[1991]).assign(count=1)
    out = aggregate(pop, "osce_region", by=("year",))
    assert out["complete"].all()
    assert out["population"].sum() == 1_956_196
    # read as current boundaries, the eight later municipalities are missing
    cur = aggregate(pop, "kosovo", boundaries="current")
    assert not cur["complete"].iloc[0] and "gracanice" in cur["missing_members"].iloc[0]
    assert "mitrovice_e_veriut" not in cur["missing_members"].iloc[0]  # via mitrovice_pre2013


def test_aggregate_unknown_codes_error():
    df = _frame(years=(2020,))
    df.loc[0, "code"] = "atlantis"
    with pytest.raises(ValueError, match="atlantis"):
        aggregate(df, "district")
    with pytest.raises(ValueError, match="level must be"):
        aggregate(_frame(), "continent")
    with pytest.raises(ValueError, match="duplicated"):
        aggregate(pd.concat([_frame(years=(2020,))] * 2), "kosovo")


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 10**6), st.sampled_from(["osce_region", "district", "kosovo"]))
def test_aggregation_preserves_totals(seed, level):
    df = _frame(years=(2019, 2020), seed=seed)
    out = aggregate(df, level)
    assert out["count"].sum() == df["count"].sum()
    assert out["population"].sum() == df["population"].sum()
    assert (out.groupby("year")["count"].sum() == df.groupby("year")["count"].sum()).all()


def test_aggregate_of_no_rows_is_an_empty_frame_with_the_usual_columns():
    empty = pd.DataFrame(
        {
            "code": pd.Series(dtype=str),
            "year": pd.Series(dtype=int),
            "count": pd.Series(dtype=int),
            "population": pd.Series(dtype=float),
        }
    )
    out = aggregate(empty, "osce_region")
    assert len(out) == 0
    assert {"code", "year", "count", "population", "complete", "rate", "rate_lower"} <= set(out.columns)


@pytest.mark.parametrize("conf", [0.8, 0.9, 0.95, 0.99])
def test_poisson_interval_matches_statsmodels(conf):
    """The exact (Garwood) limits agree with statsmodels' exact central interval."""
    from statsmodels.stats.rates import confint_poisson

    counts = np.array([0, 1, 2, 3, 4, 5, 10, 37, 100, 1234, 10_000])
    lo, hi = poisson_interval(counts, conf=conf)
    for k, a, b in zip(counts, lo, hi):
        ref_lo, ref_hi = confint_poisson(int(k), 1.0, method="exact-c", alpha=1 - conf)
        assert a == pytest.approx(0.0 if k == 0 else float(ref_lo), rel=1e-9, abs=1e-12)
        assert b == pytest.approx(float(ref_hi), rel=1e-9)


def test_rate_limits_match_statsmodels_with_exposure():
    from statsmodels.stats.rates import confint_poisson

    df = pd.DataFrame(
        {"code": ["prishtine", "partesh"], "year": [2024, 2024], "count": [40, 2], "population": [227_466, 1_729]}
    )
    out = rates(df, per=100_000)
    for _, r in out.iterrows():
        lo, hi = confint_poisson(int(r["count"]), r["population"] / 100_000, method="exact-c", alpha=0.05)
        assert r["rate_lower"] == pytest.approx(float(lo), rel=1e-9)
        assert r["rate_upper"] == pytest.approx(float(hi), rel=1e-9)
