"""Figures of notebook 02: trafficking in human beings, national series (public data only).

Every figure is drawn from the cited table ``kosovo_hr/data/national/trafficking.csv``
(one source per row). Figures from different producers are drawn side by side,
never added. This module also holds the small drawing helpers the hate-crime
and displacement figures share (:func:`draw_counts`, :func:`trend_text`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..datasets.national import national_trend, one_per_year, series_table, table_path
from ..datasets.trafficking import load_trafficking
from ..export import table
from ..plots import add_source_line
from ..plots.i18n import label
from . import figure

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

NOTEBOOK = "02_trafficking.ipynb"
SOURCE = (f"{table_path('trafficking')} (US Department of State, Trafficking in Persons reports 2017, "
          "2020-2022; Ministry of Internal Affairs and Kosovo Police figures as reported by Insajderi "
          "and KosovaPress)")

LABELS = {
    "victims_title": {
        "sq": "Viktima të trafikimit të identifikuara në Kosovë, sipas vitit",
        "sr": "Identifikovane žrtve trgovine ljudima na Kosovu, po godini",
        "en": "Victims of trafficking identified in Kosovo, by year",
    },
    "victims_axis": {"sq": "Viktima të identifikuara", "sr": "Identifikovane žrtve", "en": "Victims identified"},
    "tip": {
        "sq": "Raporti TIP i DASH (të dhëna të qeverisë), me interval 95%",
        "sr": "Izveštaj TIP Stejt departmenta (podaci vlade), sa intervalom 95%",
        "en": "US State Dept TIP report (government data), with 95% interval",
    },
    "mia": {
        "sq": "Ministria e Punëve të Brendshme (2018 ndoshta vit i pjesshëm)",
        "sr": "Ministarstvo unutrašnjih poslova (2018 možda deo godine)",
        "en": "Ministry of Internal Affairs (2018 possibly a partial year)",
    },
    "kp": {
        "sq": "Policia e Kosovës (vajza viktima, 2022)",
        "sr": "Kosovska policija (devojčice žrtve, 2022)",
        "en": "Kosovo Police (girls identified as victims, 2022)",
    },
    "trend": {
        "sq": "Prirja {years}: {apc:+.1f}% në vit (95%: {lo:+.1f}% deri {hi:+.1f}%; {family}, me popullsinë si offset)",
        "sr": "Trend {years}: {apc:+.1f}% godišnje (95%: {lo:+.1f}% do {hi:+.1f}%; {family}, sa stanovništvom kao offset)",
        "en": "Trend {years}: {apc:+.1f}% a year (95%: {lo:+.1f}% to {hi:+.1f}%; {family}, population offset)",
    },
    "no_trend": {
        "sq": "Shumë pak vite për një prirje ({reason})",
        "sr": "Premalo godina za trend ({reason})",
        "en": "Too few years for a trend ({reason})",
    },
    "victims_note": {
        "sq": "Shifrat e burimeve të ndryshme tregohen krah për krah, pa u mbledhur. Pa shifër TIP për 2017. "
              "Shifrat për pjesë të vitit (2007, 2019 jan-shtator) nuk tregohen. Asnjë shifër publike sipas komunës.",
        "sr": "Brojke različitih izvora prikazane su jedna pored druge, bez sabiranja. Nema brojke TIP za 2017. "
              "Brojke za deo godine (2007, 2019 jan-sept) nisu prikazane. Nema javnih brojki po opštinama.",
        "en": "Figures from different sources are shown side by side, never added. No TIP figure for 2017. "
              "Part-year figures (2007, 2019 Jan-Sep) not shown. No public figures by municipality.",
    },
    "forms_title": {
        "sq": "Viktima të identifikuara sipas formës së shfrytëzimit (raportet TIP)",
        "sr": "Identifikovane žrtve po obliku eksploatacije (izveštaji TIP)",
        "en": "Victims identified by form of exploitation (TIP reports)",
    },
    "victims_sex_trafficking": {"sq": "Trafikim seksual", "sr": "Seksualna eksploatacija",
                                "en": "Sex trafficking"},
    "victims_forced_labor": {"sq": "Punë e detyruar", "sr": "Prinudni rad", "en": "Forced labour"},
    "victims_forced_begging": {"sq": "Lypje e detyruar", "sr": "Prinudno prosjačenje", "en": "Forced begging"},
    "victims_identified": {"sq": "Gjithsej të identifikuara", "sr": "Ukupno identifikovanih",
                           "en": "Total identified"},
    "forms_note": {
        "sq": "Format nuk mblidhen gjithmonë në totalin (p.sh. 2018: edhe 1 rast skllavërie). Pa ndarje para 2018.",
        "sr": "Oblici se ne sabiraju uvek u ukupan broj (npr. 2018: i 1 slučaj ropstva). Bez podele pre 2018.",
        "en": "Forms do not always add up to the total (e.g. 2018: also 1 case of slavery). No breakdown before 2018.",
    },
    "persons": {"sq": "Persona", "sr": "Osobe", "en": "Persons"},
}

FAMILY = {"poisson": "Poisson", "negbin": "NB", "quasipoisson": "quasi-Poisson"}


# --- helpers shared by the national-series figures ------------------------------------------

def trend_text(trend: dict, lang: str, labels: dict = LABELS) -> str:
    """One line describing a :func:`kosovo_hr.datasets.national.national_trend` result in ``lang``."""
    if trend["too_sparse"] or not np.isfinite(trend["apc"]):
        return label("no_trend", lang, labels).format(reason=trend["reason"] or "-")
    return label("trend", lang, labels).format(
        years=trend["years"], apc=trend["apc"], lo=trend["apc_lower"], hi=trend["apc_upper"],
        family=FAMILY.get(trend["family"], trend["family"]))


def draw_counts(ax: "Axes", tab: pd.DataFrame, *, color: str, name: str, width: float = 0.6,
                offset: float = 0.0) -> None:
    """Bars of a :func:`series_table` with exact Poisson whiskers where the count is exact."""
    x = tab["year"].to_numpy(float) + offset
    y = tab["value"].to_numpy(float)
    ax.bar(x, y, width=width, color=color, label=name, zorder=2)
    ok = tab["lower"].notna().to_numpy()
    if ok.any():
        err = np.vstack([y[ok] - tab["lower"].to_numpy(float)[ok], tab["upper"].to_numpy(float)[ok] - y[ok]])
        ax.errorbar(x[ok], y[ok], yerr=err, fmt="none", ecolor="#222222", elinewidth=1, capsize=3, zorder=3)


def draw_other_values(ax: "Axes", tab: pd.DataFrame, *, color: str, offset: float = 0.0) -> None:
    """Hollow markers at the values :func:`one_per_year` did not keep, in years where the sources disagree.

    ``tab`` is a :func:`one_per_year` (or :func:`series_table`) frame; years whose
    sources agree draw nothing, so the kept figure stands alone.
    """
    for _, row in tab[~tab["agree"].astype(bool)].iterrows():
        others = [float(v) for v in str(row["values_all"]).split(";")
                  if not np.isclose(float(v), row["value"], rtol=1e-5)]  # values_all is written with :g
        ax.scatter([row["year"] + offset] * len(others), others, marker="o", s=30, facecolors="none",
                   edgecolors=color, zorder=4)


def style_year_axis(ax: "Axes", lang: str, years: Iterable[int]) -> None:
    """Ticks at every year given, the translated "year" label, light horizontal grid."""
    years = sorted({int(y) for y in years})
    ax.set_xticks(years)
    ax.set_xticklabels([str(y) for y in years], rotation=0, fontsize=8)
    ax.set_xlabel(label("year", lang))
    ax.grid(axis="y", color="#dddddd", zorder=0)
    ax.spines[["top", "right"]].set_visible(False)


# --- tables behind the figures ---------------------------------------------------------------

@table("trafficking_national", description="Cited national trafficking figures, one row per published "
       "figure with its source (kosovo_hr.load_trafficking()).", sources=[table_path("trafficking")])
def trafficking_national_table() -> pd.DataFrame:
    return load_trafficking()


@table("trafficking_victims_series", description="Victims of trafficking identified per year (TIP "
       "reports), one value per year with exact Poisson 95% limits and Kosovo's population.",
       sources=[table_path("trafficking"), "kosovo_hr/data/population/population.csv"])
def victims_series_table() -> pd.DataFrame:
    return series_table(load_trafficking(), "victims_identified")


# --- figures ---------------------------------------------------------------------------------

@figure("trafficking_victims_identified", notebook=NOTEBOOK, sources=[table_path("trafficking")])
def victims_identified(lang: str) -> "Figure":
    """Victims identified per year: TIP series with 95% intervals and trend; other producers beside it."""
    import matplotlib.pyplot as plt

    df = load_trafficking()
    tab = series_table(df, "victims_identified")
    tr = national_trend(tab)
    fig, ax = plt.subplots(figsize=(8, 4.8))
    draw_counts(ax, tab, color="#4e79a7", name=label("tip", lang, LABELS))
    others = [("victims_identified_MIA", "mia", "D", "#e15759"), ("victims_identified_KP", "kp", "s", "#f28e2b")]
    years = list(tab["year"])
    for measure, key, marker, color in others:
        sub = df[(df["measure"] == measure) & (df["period"] == "calendar_year")]
        ax.scatter(sub["year_end"].astype(float) + 0.25, sub["value"], marker=marker, s=40, color=color,
                   label=label(key, lang, LABELS), zorder=4)
        years += list(sub["year_end"].astype(int))
    style_year_axis(ax, lang, years)
    ax.set_ylabel(label("victims_axis", lang, LABELS))
    ax.set_title(label("victims_title", lang, LABELS) + "\n" + trend_text(tr, lang), fontsize=10)
    ax.legend(fontsize=7, frameon=False, loc="upper right")
    ax.set_ylim(0, max(tab["upper"].max(), df["value"][df["measure"].isin(["victims_identified_MIA"])].max()) * 1.25)
    fig.tight_layout(rect=(0, 0.1, 1, 1))
    add_source_line(fig, [SOURCE], lang, note=label("victims_note", lang, LABELS))
    return fig


FORMS = ("victims_sex_trafficking", "victims_forced_labor", "victims_forced_begging")


@figure("trafficking_victims_by_form", notebook=NOTEBOOK, sources=[table_path("trafficking")])
def victims_by_form(lang: str) -> "Figure":
    """Victims identified by form of exploitation, 2018-2021 (TIP), next to the total."""
    import matplotlib.pyplot as plt

    df = load_trafficking()
    tip = df[df["producer"].str.startswith("US Department of State") & (df["period"] == "calendar_year")]
    years = sorted(tip.loc[tip["measure"].isin(FORMS), "year_end"].astype(int).unique())
    fig, ax = plt.subplots(figsize=(8, 4.5))
    colors = ["#4e79a7", "#f28e2b", "#59a14f"]
    w = 0.2
    for k, (m, c) in enumerate(zip(FORMS, colors)):
        sub = one_per_year(tip, m)  # one figure per year; a repeated figure is not added
        ax.bar(sub["year"].astype(float) + (k - 1) * w, sub["value"], width=w, color=c,
               label=label(m, lang, LABELS), zorder=2)
        draw_other_values(ax, sub, color=c, offset=(k - 1) * w)
    tot = one_per_year(tip, "victims_identified")
    tot = tot[tot["year"].isin(years)]
    ax.scatter(tot["year"].astype(float) + 2 * w, tot["value"], marker="_", s=300, color="#222222",
               linewidths=2, label=label("victims_identified", lang, LABELS), zorder=3)
    draw_other_values(ax, tot, color="#222222", offset=2 * w)
    style_year_axis(ax, lang, years)
    ax.set_ylabel(label("persons", lang, LABELS))
    ax.set_title(label("forms_title", lang, LABELS), fontsize=10)
    ax.legend(fontsize=7, frameon=False)
    fig.tight_layout(rect=(0, 0.1, 1, 1))
    add_source_line(fig, [SOURCE], lang, note=label("forms_note", lang, LABELS))
    return fig
