"""Count-model trends with population offsets."""

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm

import kosovo_hr as kh
from kosovo_hr.stats.trends import fit_trend, predict, trend

# perfect-fit examples are exact by design
pytestmark = pytest.mark.filterwarnings("ignore::statsmodels.tools.sm_exceptions.PerfectSeparationWarning")


def test_perfect_doubling_closed_form():
    # counts double each year at constant population: APC = 100 % exactly
    y = np.array([10, 20, 40, 80])
    pop = np.full(4, 5000)
    f = fit_trend(y, pop, [2000, 2001, 2002, 2003], family="poisson")
    apc, lo, hi = f.apc()
    assert apc == pytest.approx(100.0, rel=1e-6)
    # hand-computed Wald SE: Var(b) = 1 / sum(mu_i (t_i - tbar_mu)^2), mu = y at a perfect fit
    t = np.arange(4.0)
    tbar = (y * t).sum() / y.sum()
    se = 1 / np.sqrt((y * (t - tbar) ** 2).sum())
    assert lo == pytest.approx(100 * (np.exp(np.log(2) - 1.959964 * se) - 1), rel=1e-5)
    assert hi == pytest.approx(100 * (np.exp(np.log(2) + 1.959964 * se) - 1), rel=1e-5)
    assert f.dispersion == pytest.approx(0, abs=1e-8)


def test_offset_is_used():
    # constant counts, population halving: the rate doubles each year
    f = fit_trend([50, 50, 50, 50], [8000, 4000, 2000, 1000], [1, 2, 3, 4], family="poisson")
    assert f.apc()[0] == pytest.approx(100.0, rel=1e-6)


def test_predict_passes_exposure_explicitly():
    f = fit_trend([10, 20, 40, 80], [5000] * 4, [2000, 2001, 2002, 2003], family="poisson")
    assert predict(f, [2004], [5000])[0] == pytest.approx(160, rel=1e-6)
    assert f.predict([2004], [10000])[0] == pytest.approx(320, rel=1e-6)
    with pytest.raises(ValueError, match="population"):
        predict(f, [2004], [np.nan])
    with pytest.raises(ValueError, match="same length"):
        predict(f, [2004, 2005], [1])


def test_matches_statsmodels_on_example():
    y = np.array([12, 15, 11, 20, 24, 19, 30])
    pop = np.array([1.0, 1.1, 1.1, 1.2, 1.3, 1.3, 1.4]) * 1e5
    t = np.arange(2015, 2022)
    ref = sm.GLM(y, sm.add_constant(t - 2015.0), family=sm.families.Poisson(), exposure=pop).fit()
    f = fit_trend(y, pop, t, family="poisson")
    assert f.apc()[0] == pytest.approx(100 * (np.exp(ref.params[1]) - 1))
    assert f.dispersion == pytest.approx(ref.pearson_chi2 / ref.df_resid)


def test_auto_switches_to_negbin_on_overdispersion():
    rng = np.random.default_rng(7)
    t = np.arange(2000, 2020)
    mu = 40 * 1.03 ** (t - 2000)
    y = rng.negative_binomial(2, 2 / (2 + mu))
    f_auto = fit_trend(y, np.full(20, 1e5), t)
    f_pois = fit_trend(y, np.full(20, 1e5), t, family="poisson")
    assert f_pois.dispersion > 1.5
    assert f_auto.family == "negbin" and f_auto.alpha > 0
    _, lo_a, hi_a = f_auto.apc()
    _, lo_p, hi_p = f_pois.apc()
    assert hi_a - lo_a > hi_p - lo_p  # honest, wider interval


def test_too_sparse_flags():
    f = fit_trend([1, 2], [100, 100], [2020, 2021])
    assert f.too_sparse and "2 year(s)" in f.reason and np.isnan(f.apc()[0])
    f = fit_trend([1, 0, 2, 1], [100] * 4, [1, 2, 3, 4])
    assert f.too_sparse and "total count 4" in f.reason
    # missing years are dropped, not read as zero
    f = fit_trend([5, np.nan, 7, np.nan], [100] * 4, [1, 2, 3, 4])
    assert f.too_sparse and f.n_years == 2


def _panel(seed=0):
    rng = np.random.default_rng(seed)
    m = kh.municipalities()
    rows = [(c, y, int(rng.poisson(8)), 20000) for c in m["code"] for y in range(2015, 2023)]
    return pd.DataFrame(rows, columns=["code", "year", "count", "population"])


def test_trend_by_levels():
    df = _panel()
    kos = trend(df)
    assert len(kos) == 1 and kos["total"].iloc[0] == df["count"].sum()
    assert kos["n_years"].iloc[0] == 8
    reg = trend(df, by="osce_region")
    assert sorted(reg["osce_region"]) == sorted(kh.regions()["code"])
    per = trend(df, by="code")
    assert len(per) == 38 and {
        "apc",
        "apc_lower",
        "apc_upper",
        "family",
        "dispersion",
        "n_years",
        "total",
        "too_sparse",
        "reason",
    } <= set(per.columns)
    assert (per["apc_lower"] <= per["apc"]).all() and (per["apc"] <= per["apc_upper"]).all()


def test_trend_errors():
    df = _panel()
    with pytest.raises(ValueError, match="family"):
        trend(df, by="code", family="gaussian")
    dup = pd.concat([df, df])
    with pytest.raises(ValueError, match="repeats|duplicated"):
        trend(dup, by="code")
