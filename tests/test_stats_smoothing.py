"""Empirical Bayes smoothing, rate-adjusted Moran's I and representation indices."""

import numpy as np
import pandas as pd
import pytest
from esda.smoothing import Empirical_Bayes, Spatial_Empirical_Bayes

import kosovo_hr as kh
from kosovo_hr.datasets.population import load_population
from kosovo_hr.geo import queen_weights
from kosovo_hr.stats.representation import representation_index
from kosovo_hr.stats.smoothing import eb_smooth
from kosovo_hr.stats.spatial import moran_rate


@pytest.fixture(scope="module")
def frame():
    # synthetic overdispersed counts on the real 2024 denominators (test only)
    pop = load_population(years=2024).sort_values("code").reset_index(drop=True)
    rng = np.random.default_rng(2024)
    risk = rng.gamma(2.0, 2e-4 / 2.0, len(pop))
    pop["count"] = rng.poisson(pop["population"].astype(float) * risk)
    return pop[["code", "count", "population"]]


def test_queen_weights_real_boundaries():
    w = queen_weights()
    assert w.n == 38 and not w.islands
    assert set(w.neighbors["mamushe"]) == {"prizren", "rahovec", "suhareke"}
    assert "zvecan" in w.neighbors["mitrovice_e_veriut"]


def test_global_eb_matches_closed_form_and_esda(frame):
    out = eb_smooth(frame)
    e = frame["count"].to_numpy(float)
    b = frame["population"].to_numpy(float)
    m = e.sum() / b.sum()
    s2 = (b * (e / b - m) ** 2).sum() / b.sum() - m / b.mean()
    assert s2 > 0  # overdispersed example: esda and the clamped formula agree
    wgt = s2 / (s2 + m / b)
    assert np.allclose(out["rate_eb"] / 1e5, wgt * e / b + (1 - wgt) * m)
    assert np.allclose(out["rate_eb"] / 1e5, Empirical_Bayes(e, b).r.ravel())
    # shrinkage: smoothed rates lie between raw rate and the global mean
    lo = np.minimum(e / b, m) * 1e5 - 1e-9
    hi = np.maximum(e / b, m) * 1e5 + 1e-9
    assert ((out["rate_eb"] >= lo) & (out["rate_eb"] <= hi)).all()
    # the smallest municipality is shrunk more than Prishtinë
    wt = out.set_index("code")["eb_weight"]
    assert wt["partesh"] < wt["prishtine"]


def test_global_eb_without_extra_variation_gives_the_mean():
    df = pd.DataFrame({"count": [10, 20, 30], "population": [1000, 2000, 3000]})
    out = eb_smooth(df)
    assert np.allclose(out["rate_eb"], 1000.0)


def test_spatial_eb_matches_esda(frame):
    w = queen_weights(frame["code"])
    out = eb_smooth(frame, method="spatial", w=w)
    ref = Spatial_Empirical_Bayes(frame["count"].to_numpy(float), frame["population"].to_numpy(float), w).r.ravel()
    assert np.allclose(out["rate_eb"] / 1e5, ref)


def test_smoothing_errors(frame):
    bad = frame.copy()
    bad.loc[0, "population"] = None
    with pytest.raises(ValueError, match="missing"):
        eb_smooth(bad)
    with pytest.raises(ValueError, match="kind"):
        eb_smooth(frame, method="kernel")
    with pytest.raises(ValueError, match="no boundary"):
        queen_weights(frame["code"].replace("decan", "mitrovice_pre2013"))
    with pytest.raises(ValueError, match="no boundary"):
        eb_smooth(
            frame.assign(code=frame["code"].replace("decan", "mitrovice_pre2013")), method="spatial", w=queen_weights()
        )
    with pytest.raises(ValueError, match="queen_weights"):  # statistics do no I/O: the weights are passed
        eb_smooth(frame, method="spatial")


def test_moran_rate_seeded_and_matches_esda(frame):
    from esda.moran import Moran_Rate

    w = queen_weights(frame["code"])
    r1 = moran_rate(frame, w=w, permutations=199, seed=1)
    r2 = moran_rate(frame, w=w, permutations=199, seed=1)
    assert r1 == r2
    ref = Moran_Rate(
        frame["count"].to_numpy(float),
        frame["population"].to_numpy(float),
        queen_weights(frame["code"]),
        permutations=0,
    )
    assert r1.I == pytest.approx(ref.I)
    assert r1.expected_I == pytest.approx(-1 / 37)
    assert 0 < r1.p_value <= 1 and r1.n == 38
    assert set(r1.as_dict()) >= {"I", "p_value", "permutations", "seed"}


def test_moran_detects_clustered_pattern():
    # rates high in the east (Gjilan region) and low elsewhere: positive autocorrelation
    m = kh.municipalities().sort_values("code")
    pop = np.full(len(m), 50000)
    count = np.where(m["osce_region"] == "osce_gjilan", 200, 20)
    df = pd.DataFrame({"code": m["code"], "count": count, "population": pop})
    r = moran_rate(df, w=queen_weights(df["code"]), permutations=499, seed=3)
    assert r.I > 0.2 and r.p_value < 0.01


def test_representation_index_shares_and_counts():
    d = pd.DataFrame({"community": ["a", "b"], "seat_share": [0.5, 0.5], "population_share": [0.8, 0.2]})
    out = representation_index(d)
    assert out["representation_index"].tolist() == pytest.approx([0.625, 2.5])
    c = pd.DataFrame(
        {
            "code": ["x", "x", "x", "y", "y"],
            "community": list("abcab"),
            "seats": [10, 5, 0, 3, 2],
            "pop": [800, 150, 50, None, 10],
        }
    )
    out = representation_index(c, seats="seats", population="pop", by=["code"])
    assert out["representation_index"].iloc[:3].tolist() == pytest.approx([(10 / 15) / 0.8, (5 / 15) / 0.15, 0.0])
    assert out["reason"].iloc[3] == "population missing"
    assert np.isnan(out["representation_index"].iloc[4])
    assert out["reason"].iloc[4] == "population total incomplete"
    # with the published total the complete rows can be computed
    c["total"] = [1000, 1000, 1000, 500, 500]
    out = representation_index(c, seats="seats", population="pop", by=["code"], population_total="total")
    assert out["representation_index"].iloc[4] == pytest.approx((2 / 5) / (10 / 500))


def test_representation_errors():
    with pytest.raises(ValueError, match="share between 0 and 1"):
        representation_index(pd.DataFrame({"seat_share": [1.5], "population_share": [0.2]}))
    with pytest.raises(ValueError, match="both"):
        representation_index(pd.DataFrame({"s": [1]}), seats="s")


def test_smoothing_by_year_equals_separate_calls(frame):
    two = pd.concat([frame.assign(year=2023), frame.assign(year=2024, count=frame["count"] * 2)], ignore_index=True)
    w = queen_weights(sorted(set(two["code"])))
    out = eb_smooth(two, method="spatial", by="year", w=w)
    sep = eb_smooth(two[two["year"] == 2024], method="spatial", w=w)
    assert np.allclose(out.loc[out["year"] == 2024, "rate_eb"], sep["rate_eb"])
    assert out.index.equals(two.index)


def test_variance_floor_wrapper_around_esda():
    """Rates varying less than Poisson noise: esda's global EB overshoots the mean; the wrapper gives the mean."""
    df = pd.DataFrame({"count": [9, 21, 30], "population": [1000, 2000, 3000]})
    e, b = df["count"].to_numpy(float), df["population"].to_numpy(float)
    m = e.sum() / b.sum()
    raw_esda = Empirical_Bayes(e, b).r.ravel()
    assert not np.allclose(raw_esda, m)  # without the floor the rates are pushed past the mean
    out = eb_smooth(df)
    assert np.allclose(out["rate_eb"] / 1e5, m) and (out["eb_weight"] == 0).all()
    # old spelling of the argument still works
    pd.testing.assert_frame_equal(eb_smooth(df, kind="global"), out)


def test_spatial_eb_does_not_depend_on_row_order(frame):
    w = queen_weights()  # ordered as the boundaries, not as the frame
    shuffled = frame.sample(frac=1, random_state=7)
    a = eb_smooth(shuffled, method="spatial", w=w).sort_values("code")["rate_eb"].to_numpy()
    b = eb_smooth(frame.sort_values("code"), method="spatial", w=queen_weights(sorted(frame["code"])))
    assert np.allclose(a, b["rate_eb"].to_numpy())
