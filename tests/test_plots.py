"""Choropleths: missing drawn as missing, fixed bins, languages, source line."""

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pandas as pd
import pytest

import kosovo_hr as kh
from kosovo_hr.plots import class_bins, source_text


@pytest.fixture(scope="module")
def areas():
    m = kh.municipalities()[["code", "area_km2"]]
    return m[~m["code"].isin(["zvecan", "leposaviq"])]  # two municipalities without data


def _legend_texts(ax):
    return [t.get_text() for t in ax.get_legend().get_texts()]


@pytest.mark.parametrize("lang,missing", [("sq", "Pa të dhëna"), ("sr", "Nema podataka"), ("en", "No data")])
def test_missing_is_hatched_and_in_the_legend(areas, lang, missing):
    ax = kh.choropleth(areas, "area_km2", lang=lang)
    assert missing in _legend_texts(ax)
    hatched = [c for c in ax.collections if c.get_hatch()]
    assert hatched, "missing municipalities must be drawn hatched"
    assert "geoBoundaries" in "".join(t.get_text() for t in ax.figure.texts)


def test_nan_values_are_missing_not_zero():
    m = kh.municipalities()[["code"]].assign(v=np.nan)
    m.loc[0, "v"] = 5.0
    ax = kh.choropleth(m, "v", bins=[10, 20])
    texts = _legend_texts(ax)
    assert texts[0] == "≤ 10" and "No data" in texts


def test_fixed_bins_shared_and_must_cover_values(areas):
    bins = class_bins(areas["area_km2"], "quantiles", 4)
    assert len(bins) == 4 and bins[-1] == areas["area_km2"].max()
    ax = kh.choropleth(areas, "area_km2", bins=[100, 300, 700], fmt="{:.0f}")
    assert _legend_texts(ax)[:3] == ["≤ 100", "100 – 300", "300 – 700"]
    with pytest.raises(ValueError, match="exceed the last class bound"):
        kh.choropleth(areas, "area_km2", bins=[100, 300])


def test_labels_in_the_requested_language():
    m = kh.municipalities()[["code", "area_km2"]]
    ax = kh.choropleth(m, "area_km2", lang="sr", labels=True)
    texts = {t.get_text() for t in ax.texts}
    assert "Uroševac" in texts and "Ferizaj" not in texts


def test_rejects_unknown_codes_and_duplicates():
    with pytest.raises(ValueError, match="codes not in"):
        kh.choropleth(pd.DataFrame({"code": ["atlantis"], "v": [1]}), "v")
    with pytest.raises(ValueError, match="duplicated"):
        kh.choropleth(pd.DataFrame({"code": ["peje", "peje"], "v": [1, 2]}), "v")


def test_small_multiples_share_bins():
    m = kh.municipalities()[["code", "area_km2"]]
    data = pd.concat([m.assign(panel=2011), m.assign(panel=2024, area_km2=m["area_km2"] * 2)])
    fig = kh.small_multiples(data, "area_km2", "panel", ncols=2, k=3)
    maps = [ax for ax in fig.axes if ax.get_title()]
    assert [ax.get_title() for ax in maps] == ["2011", "2024"]
    assert [ax.get_legend() for ax in fig.axes if ax.get_legend()] == []
    assert len(fig.legends) == 1  # one legend for all panels, beside the grid


def test_source_text_uses_declared_attribution():
    text = source_text(["geoboundaries_adm2", "My committed table"], "sq")
    assert text.startswith("Burimi: ") and "OpenStreetMap" in text and "My committed table" in text


def test_categorical_colors_must_cover_every_category():
    m = kh.municipalities()[["code", "osce_region"]]
    with pytest.raises(ValueError, match="no colour"):
        kh.choropleth(m, "osce_region", colors={"osce_peje": "red"})


def test_grouped_bars_draw_the_frames_own_intervals():
    import matplotlib.pyplot as plt

    from kosovo_hr.plots.charts import grouped_bars

    f = pd.DataFrame(
        {
            "year": [2018, 2018, 2020],
            "src": ["a", "b", "a"],
            "value": [10.0, 12.0, 9.0],
            "lower": [5.0, np.nan, 4.0],
            "upper": [18.0, np.nan, 17.0],
        }
    )
    fig, ax = plt.subplots()
    _, pos = grouped_bars(
        ax,
        f,
        x="year",
        y="value",
        hue="src",
        order=[2018, 2020],
        lower="lower",
        upper="upper",
        labels={"a": "TIP", "b": "MIA"},
        hatch={"b": "///"},
    )
    heights = sorted(p.get_height() for c in ax.containers[:2] for p in c if np.isfinite(p.get_height()))
    assert heights == [9.0, 10.0, 12.0]
    whiskers = [seg for coll in ax.collections for seg in coll.get_segments()]
    assert sorted((s[0][1], s[1][1]) for s in whiskers) == [(4.0, 17.0), (5.0, 18.0)]  # no whisker for b
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["TIP", "MIA"]
    assert pos[(2020, "a")] == pytest.approx(1.0)  # alone in its year: centred, no gap for b
    assert pos[(2018, "a")] == pytest.approx(-0.2) and pos[(2018, "b")] == pytest.approx(0.2)
    plt.close(fig)


def test_heatmap_writes_localised_values_and_leaves_missing_blank():
    import matplotlib.pyplot as plt

    from kosovo_hr.plots.charts import heatmap

    fig, ax = plt.subplots()
    heatmap(
        ax, pd.DataFrame([[1.25, 2.0], [np.nan, 40.5]], index=["x", "y"], columns=["c1", "c2"]), lang="sr", fmt="{:.1f}"
    )
    assert sorted(t.get_text() for t in ax.texts) == ["1,2", "2,0", "40,5"]  # the missing cell: no number
    plt.close(fig)
