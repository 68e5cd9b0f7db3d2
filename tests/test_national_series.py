"""The cited national tables (trafficking, hate incidents, displacement) and their loaders."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.stats import chi2

from kosovo_hr.datasets.displacement import load_displacement
from kosovo_hr.datasets.hate_incidents import load_hate_incidents
from kosovo_hr.datasets.national import COLUMNS, conflicts, kosovo_population, one_per_year
from kosovo_hr.datasets.trafficking import load_trafficking
from kosovo_hr.indicators.national import national_trend, series_table

LOADERS = {"trafficking": load_trafficking, "hate_incidents": load_hate_incidents, "displacement": load_displacement}
ROWS = {"trafficking": 37, "hate_incidents": 42, "displacement": 47}


@pytest.mark.parametrize("name", list(LOADERS))
def test_row_counts_columns_and_sources(name):
    df = LOADERS[name]()
    assert len(df) == ROWS[name]
    assert list(df.columns[: len(COLUMNS)]) == list(COLUMNS)
    assert df["row_id"].is_unique
    for col in ("source_title", "source_url", "quote", "producer"):
        assert (df[col].str.len() > 0).all(), col
    assert df["source_url"].str.startswith("http").all()
    assert set(df["geography"]) == {"kosovo"} and set(df["code"]) == {"kosovo"}
    assert df["value"].notna().all()


@pytest.mark.parametrize("name", list(LOADERS))
def test_matches_reference_row_by_row(name, reference):
    ref = pd.read_csv(reference / "national" / f"{name}.csv", dtype=str, keep_default_na=False)
    df = LOADERS[name]()
    assert list(df["measure"]) == list(ref["measure"])
    assert list(df["year_as_published"]) == list(ref["year"])
    assert list(df["value_as_published"]) == list(ref["value"])
    assert list(df["source_url"]) == list(ref["source_url"])
    assert list(df["quote"]) == list(ref["quote"])
    expected = [float(v.lstrip(">")) for v in ref["value"]]
    assert np.allclose(df["value"], expected)


def test_exact_values():
    t = load_trafficking()
    tip2018 = t[(t["measure"] == "victims_identified") & (t["year_end"] == 2018)]
    assert tip2018["value"].tolist() == [15.0]
    mia2018 = t[(t["measure"] == "victims_identified_MIA") & (t["year_end"] == 2018)]
    assert mia2018["value"].tolist() == [6.0]
    h = load_hate_incidents()
    assert h.loc[(h["measure"] == "incidents_total") & (h["year_end"] == 2017), "value"].tolist() == [53.0]
    over80 = h[h["value_as_published"] == ">80"]
    assert over80["qualifier"].tolist() == ["lower_bound"] and over80["value"].tolist() == [80.0]
    d = load_displacement()
    assert sorted(d.loc[(d["measure"] == "idps_in_kosovo") & (d["year_end"] == 2013), "value"]) == [17300, 17500]
    cum = d[d["year_as_published"] == "1999-2007-03"].iloc[0]
    assert (cum["year_start"], cum["year_end"], cum["period"]) == (1999, 2007, "cumulative")


def test_periods_and_context_rows():
    h = load_hate_incidents()
    undated = h[h["year_as_published"].str.startswith("unknown")]
    assert len(undated) == 4
    assert (undated["period"] == "undated").all() and undated["year_end"].isna().all()
    assert (undated["series"] == "").all()
    multi = h[h["year_as_published"] == "2014-2020"]
    assert (multi["period"] == "multi_year").all() and (multi["year_start"] == 2014).all()
    series = load_hate_incidents(series_only=True)
    assert set(series["period"]) <= {"calendar_year", "point_in_time"}
    assert len(series) == (h["series"] != "").sum() < len(h)
    # the 2019 police count of incidents at religious sites covers January-September (the 2019 IRF
    # report, read), although the 2020 report gives it as the 2019 figure: a part-year value, not a series value
    r2019 = h[h["row_id"] == "hate_019"].iloc[0]
    assert (r2019["value"], r2019["period"], r2019["series"]) == (61, "partial_year", "")
    assert "first nine months" in r2019["note"] and r2019["primary"] == "usdos_irf_2019"
    t = load_trafficking()
    partial = t[t["measure"].str.contains("jan_to_sep")]
    assert len(partial) == 3 and (partial["period"] == "partial_year").all()


def test_displacement_scope():
    d = load_displacement()
    serbia = load_displacement(scope="displaced_from_kosovo_in_serbia")
    assert len(serbia) == 13
    assert serbia["measure"].str.contains("serbia").all()
    assert "idp_returns_from_serbia_to_kosovo_cumulative" in set(d.loc[d["scope"] == "kosovo", "measure"])
    with pytest.raises(ValueError, match="scope must be"):
        load_displacement(scope="nowhere")


def test_sources_are_never_summed():
    t = load_trafficking()
    per_year = one_per_year(t, "victims_identified").set_index("year")
    # 2019 is given by TIP 2020 and TIP 2021: one figure (26), not 52
    assert per_year.loc[2019, "value"] == 26
    assert per_year.loc[2019, "n_sources"] == 2 and per_year.loc[2019, "agree"]
    assert per_year.loc[2019, "values_all"] == "26;26"
    assert 2017 not in per_year.index  # only the ministry gives 2017: another series
    assert per_year["value"].sum() == 28 + 36 + 15 + 26 + 17 + 22
    # disagreeing producers are reported side by side
    c = conflicts(t)
    c2018 = c[c["year"] == 2018]
    assert sorted(c2018["value"]) == [6, 15]
    d = load_displacement()
    two = one_per_year(d, "idps_in_kosovo").set_index("year").loc[2013]
    assert not two["agree"] and two["values_all"] == "17300;17500" and two["value"] == 17500


def test_one_per_year_unknown_series():
    with pytest.raises(ValueError, match="no rows for series"):
        one_per_year(load_trafficking(), "convictions")


def test_series_table_intervals_and_trend():
    tab = series_table(load_trafficking(), "victims_identified")
    row = tab.set_index("year").loc[2018]
    assert row["value_lower"] == pytest.approx(chi2.ppf(0.025, 30) / 2)
    assert row["value_upper"] == pytest.approx(chi2.ppf(0.975, 32) / 2)
    assert (tab["value_lower"] < tab["value"]).all() and (tab["value"] < tab["value_upper"]).all()
    assert tab["population"].between(1.4e6, 1.9e6).all()
    tr = national_trend(tab)
    assert tr["n_years"] == 6 and tr["years"] == "2015-2021" and not tr["too_sparse"]
    assert tr["apc_lower"] < tr["apc"] < tr["apc_upper"]


def test_kosovo_population_missing_outside_anchors():
    pop = kosovo_population([2010, 2011, 2024, 2025])
    assert np.isnan(pop[2010]) and np.isnan(pop[2025])
    assert pop[2011] > pop[2024] > 1.5e6


def test_kosovo_population_is_cached_and_returns_copies():
    from kosovo_hr.datasets import national

    national._kosovo_totals.cache_clear()
    first = kosovo_population([2015, 2012, 2015])
    assert list(first.index) == [2015, 2012, 2015] and first[2012] > first[2015].iloc[0]
    first[:] = 0.0  # the caller's copy, not the cache
    again = kosovo_population([2012, 2015])
    assert national._kosovo_totals.cache_info().hits == 1
    assert again[2012] > again[2015] > 1.5e6


def _with_extra_row(df, row_id, value):
    extra = df[df["row_id"] == row_id].assign(row_id=row_id + "_copy", value=float(value))
    return pd.concat([df, extra], ignore_index=True)


def test_returns_table_one_row_per_measure_year_never_summed(monkeypatch):
    import kosovo_hr.indicators.displacement as disp

    tab = disp.returns_table()
    assert not tab.duplicated(["measure", "year"]).any()
    y2015 = tab[tab["year"] == 2015].set_index("measure")["value"]
    assert y2015["returns"] == 770 and y2015["displaced_returned_MCR"] == 704  # two definitions, two rows
    assert tab["agree"].all() and (tab["n_sources"] == 1).all()
    real = load_displacement(series_only=True)
    monkeypatch.setattr(disp, "load_displacement", lambda series_only=False: _with_extra_row(real, "disp_006", 780))
    dup = disp.returns_table()
    assert len(dup) == len(tab)
    row = dup[(dup["measure"] == "returns") & (dup["year"] == 2015)].iloc[0]
    assert row["value"] == 780 and row["n_sources"] == 2 and not row["agree"] and row["values_all"] == "770;780"


def test_forms_figure_draws_one_figure_per_year(monkeypatch):
    import kosovo_hr.figures.trafficking as traf_figs
    import kosovo_hr.indicators.trafficking as traf

    real = load_trafficking()
    # a second TIP copy of 2018 sex trafficking that disagrees (11 in the table)
    monkeypatch.setattr(traf, "load_trafficking", lambda series_only=False: _with_extra_row(real, "traf_003", 9))
    ax = traf_figs.victims_by_form("en").axes[0]
    bar = ax.containers[0][0]  # first level (sex trafficking), first year (2018)
    assert round(bar.get_height()) == 9  # the later copy, not 11 + 9
    x = bar.get_x() + bar.get_width() / 2
    hollow = [c.get_offsets()[0].tolist() for c in ax.collections if len(c.get_offsets()) == 1]
    assert [round(x, 6), 11.0] in [[round(px, 6), y] for px, y in hollow]


MY_FIGURES = {
    "trafficking_victims_identified": "Victims of trafficking identified",
    "trafficking_victims_by_form": "form of exploitation",
    "hate_incidents_odihr": "OSCE/ODIHR",
    "hate_orthodox_sites_sources": "Serbian Orthodox sites",
    "displacement_idps": "Internally displaced persons",
}
TITLE_SQ = {"trafficking_victims_identified": "Viktima të trafikimit", "hate_incidents_odihr": "Incidente urrejtjeje"}


def _texts(fig):
    out = [t.get_text() for t in fig.texts]
    if fig._suptitle is not None:
        out.append(fig._suptitle.get_text())
    for ax in fig.axes:
        out += [ax.get_title(), ax.get_title("left"), ax.get_ylabel(), ax.get_xlabel()]
        leg = ax.get_legend()
        if leg is not None:
            out += [t.get_text() for t in leg.get_texts()]
    return "\n".join(out)


@pytest.mark.parametrize("name", sorted(MY_FIGURES))
def test_figures_draw_in_three_languages_with_sources(name):
    import kosovo_hr.figures.displacement  # noqa: F401  (registers only this issue's figures)
    import kosovo_hr.figures.hate_crime  # noqa: F401
    import kosovo_hr.figures.trafficking  # noqa: F401
    from kosovo_hr.figures import REGISTRY

    spec = REGISTRY[name]
    assert spec.sources and all(s.startswith("kosovo_hr/data/national/") for s in spec.sources)
    texts = {lang: _texts(spec.draw(lang)) for lang in ("sq", "sr", "sr-Cyrl", "en")}
    assert MY_FIGURES[name] in texts["en"]
    if name in TITLE_SQ:
        assert TITLE_SQ[name] in texts["sq"]
    assert "Burimi:" in texts["sq"] and "Izvor:" in texts["sr"] and "Извор:" in texts["sr-Cyrl"]
    assert "Source:" in texts["en"]
    assert all("kosovo_hr/" not in t for t in texts.values())  # the full citation is in the manifest, not the figure
    assert len(set(texts.values())) == 4
