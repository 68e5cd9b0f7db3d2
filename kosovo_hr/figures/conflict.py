"""Figures of notebook 06: conflict legacy (Kosovo Memory Book) and community security (Kosovo Mosaic).

Drawing only: the tables come from :mod:`kosovo_hr.indicators.conflict` and
:mod:`kosovo_hr.indicators.mosaic` (their names are re-exported here for the
notebook). Memory Book maps use the 30 pre-2008 municipalities drawn as unions of
today's municipalities (:mod:`kosovo_hr.geo.pre2008`); counts of 1–4 persons
are suppressed (primary + secondary, :func:`kosovo_hr.stats.suppression.suppress`).
Mosaic maps show survey shares (perceptions) by municipality.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..indicators import mosaic
from ..indicators.conflict import (
    COMMUNITY_GROUPS,
    KMB_SOURCE,
    POP_SOURCE,
    THRESHOLD,
    VIOLATIONS,
    published_region_totals,
    suppressed_rates,
)
from ..indicators.mosaic import INSTITUTIONS, SECURITY_PROBLEMS, WAVES, security_problems
from ..plots import choropleth, deferred_drawing, format_int, format_number, format_percent
from ..plots.i18n import label, unit_names
from ..plots.sources_line import add_source_line
from ..plots.style import PRINT_WIDTH_IN
from . import figure

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

NOTEBOOK = "06_conflict_legacy_and_security.ipynb"
# drawing only: the tables are kosovo_hr.indicators.conflict and kosovo_hr.indicators.mosaic
__all__ = [
    "pre2008_map",
    "killed_disappeared_map",
    "community_map",
    "region_totals_chart",
    "institutions_small_multiples",
    "security_problem_chart",
]

#: Short credits of the Memory Book figures (labels ``source.<entry>``): the counts and the 1991 census.
KMB_CREDITS = ["kosovo_hr/data/conflict/kosovo_memory_book_counts.csv", "population_1991"]


def _kmb_sources(lang: str, boundaries: bool = True) -> list[str]:
    """Source line entries for Memory Book figures (their credits are written in ``lang``)."""
    return (["geoboundaries_adm2"] if boundaries else []) + KMB_CREDITS


# ---------------------------------------------------------------------- drawing


def pre2008_map(
    data: pd.DataFrame,
    column: str,
    *,
    ax: "Axes",
    bins: list[float],
    lang: str,
    title: str | None = None,
    cmap: str = "OrRd",
    fmt: str = "{:.1f}",
    legend: bool = True,
    labels: bool = False,
    legend_values: pd.Series | None = None,
) -> "Axes":
    """Choropleth of ``data[column]`` on the 30 pre-2008 municipalities (suppressed cells hatched).

    ``legend_values``: the values of every panel that shares the legend (its classes are listed).
    """
    return choropleth(
        data,
        column,
        level="pre2008",
        ax=ax,
        bins=bins,
        lang=lang,
        title=title,
        cmap=cmap,
        fmt=fmt,
        legend=legend,
        labels=labels,
        source_line=False,
        legend_values=legend_values,
        legend_title=label("conflict.per_1000", lang),
        missing_label=label("conflict.suppressed", lang),
    )


def _rate_bins(values: pd.Series) -> list[float]:
    from ..plots import class_bins

    bins = class_bins(values.dropna().astype(float), "quantiles", 5)
    return [round(b, 2) if i < len(bins) - 1 else float(np.ceil(b * 100) / 100) for i, b in enumerate(bins)]


# ---------------------------------------------------------------------- figures


@figure("conflict_killed_disappeared_rates", notebook=NOTEBOOK, sources=["geoboundaries_adm2", KMB_SOURCE, POP_SOURCE])
def killed_disappeared_map(lang: str = "en") -> "Figure":
    """Killed and disappeared per 1,000 residents (1991) by pre-2008 municipality, two panels."""
    import matplotlib.pyplot as plt

    df = suppressed_rates()
    bins = _rate_bins(df["rate"])
    fig, axes = plt.subplots(1, 2, figsize=(PRINT_WIDTH_IN, 3.6))
    with deferred_drawing(fig):
        _draw_violation_panels(df, axes, bins, lang)
    fig.subplots_adjust(left=0.0, right=0.74, wspace=0.02, top=0.8)
    fig.suptitle(_wrap(label("conflict.rates_title", lang), fig), x=0.01, ha="left")
    add_source_line(fig, _kmb_sources(lang), lang, note=label("conflict.rates_note", lang))
    return fig


def _draw_violation_panels(df, axes, bins, lang) -> None:
    for i, (ax, vio) in enumerate(zip(axes, ("killed", "disappeared"))):
        sub = df[df["violation"] == vio]
        pre2008_map(
            sub,
            "rate",
            ax=ax,
            bins=bins,
            lang=lang,
            title=label(f"conflict.{vio}", lang),
            legend=(i == 1),
            labels=(i == 0),  # names once: the second panel has the same units
            legend_values=df["rate"],
        )


@figure("conflict_rates_by_community", notebook=NOTEBOOK, sources=["geoboundaries_adm2", KMB_SOURCE, POP_SOURCE])
def community_map(lang: str = "en") -> "Figure":
    """Killed + disappeared by community group of the victims, per 1,000 residents (1991)."""
    import matplotlib.pyplot as plt

    df = suppressed_rates(by=("community_group",))
    bins = _rate_bins(df["rate"])
    fig, axes = plt.subplots(2, 2, figsize=(PRINT_WIDTH_IN, 6.4))
    with deferred_drawing(fig):
        for i, (ax, grp) in enumerate(zip(axes.flat, COMMUNITY_GROUPS)):
            pre2008_map(
                df[df["community_group"] == grp],
                "rate",
                ax=ax,
                bins=bins,
                lang=lang,
                title=label(f"conflict.{grp}", lang),
                legend=(i == 1),
                fmt="{:.2f}",
                legend_values=df["rate"],
            )
    fig.subplots_adjust(left=0.0, right=0.7, wspace=0.02, hspace=0.1, top=0.88)
    fig.suptitle(_wrap(label("conflict.community_title", lang), fig), x=0.01, ha="left")
    add_source_line(
        fig,
        _kmb_sources(lang),
        lang,
        note=label("conflict.community_note", lang) + "\n" + label("conflict.rates_note", lang),
    )
    return fig


@figure("conflict_osce_region_totals", notebook=NOTEBOOK, sources=[KMB_SOURCE, POP_SOURCE])
def region_totals_chart(lang: str = "en") -> "Figure":
    """Stacked bars: persons by OSCE region and violation, plus outside / unknown categories.

    Drawn from :func:`published_region_totals`: a suppressed cell has no bar
    segment of its own; where the row total is published, the suppressed
    cells together are drawn as one hatched segment.
    """
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    from ..plots.choropleth import MISSING_STYLE

    t = published_region_totals()
    reg_names = unit_names(lang, "osce_region")
    order = sorted([c for c in t["code"] if c in reg_names], key=lambda c: -t.set_index("code").loc[c, "total"])
    order += [c for c in ("outside_kosovo", "kosovo_place_unknown", "place_not_recorded") if c in set(t["code"])]
    t = t.set_index("code").loc[order]
    ticks = []
    for c in order:
        if c in reg_names:
            ticks.append(f"{reg_names[c]}\n({format_number(t.loc[c, 'rate_per_1000'], lang, 1)})")
        else:
            ticks.append(label(f"conflict.{c}", lang))
    fig, ax = plt.subplots(figsize=(PRINT_WIDTH_IN, 4.2))
    left = np.zeros(len(order))
    colours = {"killed": "#b2182b", "disappeared": "#ef8a62", "war_caused_death": "#999999"}
    for vio in VIOLATIONS:
        vals = t[vio].astype("Float64").fillna(0).to_numpy(dtype=float)
        ax.barh(range(len(order)), vals, left=left, color=colours[vio], label=label(f"conflict.{vio}", lang))
        left += vals
    total = t["total"].astype("Float64")
    hidden = (total.fillna(0).to_numpy(dtype=float) - left).clip(min=0)
    ax.barh(range(len(order)), hidden, left=left, **MISSING_STYLE)
    for i, tot in enumerate(total):
        if pd.isna(tot):
            text, x = f" < {THRESHOLD}", 0.0
        else:
            text, x = " " + format_int(int(tot), lang), float(tot)
        ax.text(x, i, text, va="center")
    ax.set_yticks(range(len(order)), ticks)
    ax.invert_yaxis()
    ax.set_xlabel(label("conflict.persons", lang))
    ax.set_xlim(0, total.max() * 1.12)
    handles, _ = ax.get_legend_handles_labels()
    handles.append(Patch(**MISSING_STYLE, label=label("conflict.suppressed", lang)))
    ax.legend(handles=handles, loc="lower right")
    fig.suptitle(_wrap(label("conflict.regions_title", lang), fig), x=0.01, ha="left")
    add_source_line(
        fig,
        _kmb_sources(lang, boundaries=False),
        lang,
        note=label("conflict.regions_note", lang) + "\n" + label("conflict.rates_note", lang),
    )
    return fig


@figure("mosaic_institutions_small_multiples", notebook=NOTEBOOK, sources=["geoboundaries_adm2", "undp_mosaic"])
def institutions_small_multiples(lang: str = "en") -> "Figure":
    """Satisfaction with the Municipal Assembly, the Mayor and the Kosovo Police over the five waves."""
    import matplotlib.pyplot as plt

    data = mosaic.institutions()
    bins = [0.2, 0.4, 0.6, 0.8, 1.0]
    fig, axes = plt.subplots(len(INSTITUTIONS), len(WAVES), figsize=(PRINT_WIDTH_IN, 4.6))
    with deferred_drawing(fig):
        _draw_institution_grid(data, axes, bins, lang)
    fig.subplots_adjust(left=0.06, right=0.8, wspace=0.03, hspace=0.06, top=0.86)
    leg = next(ax.get_legend() for ax in axes.flat if ax.get_legend())  # one legend, right of the grid
    handles, texts = leg.legend_handles, [t.get_text() for t in leg.get_texts()]
    leg.remove()
    fig.legend(
        handles,
        texts,
        title=label("conflict.share", lang),
        loc="center left",
        bbox_to_anchor=(0.81, 0.5),
        frameon=False,
        alignment="left",
    )
    fig.suptitle(_wrap(label("conflict.institutions_title", lang), fig), x=0.01, ha="left")
    add_source_line(fig, ["geoboundaries_adm2", "undp_mosaic"], lang, note=label("conflict.institutions_note", lang))
    return fig


def _draw_institution_grid(data, axes, bins, lang) -> None:
    for r, ind in enumerate(INSTITUTIONS):
        for c, wave in enumerate(WAVES):
            ax = axes[r, c]
            m = mosaic.institution_map(ind, wave, data)
            if m.empty:
                ax.set_axis_off()
                ax.text(
                    0.5,
                    0.5,
                    label("conflict.not_asked", lang),
                    ha="center",
                    va="center",
                    fontsize=7,
                    color="#555555",
                    transform=ax.transAxes,
                )
            else:
                choropleth(
                    m[["code", "share"]],
                    "share",
                    ax=ax,
                    lang=lang,
                    bins=bins,
                    cmap="YlGnBu",
                    fmt="{:.0%}",
                    legend=(r == 0 and c == len(WAVES) - 1),
                    source_line=False,
                    legend_title=label("conflict.share", lang),
                    legend_values=data["share"],
                )
                kos = m["kosovo_share"].dropna()
                if len(kos):
                    ax.text(
                        0.0,
                        1.0,
                        f"{label('kosovo', lang)}: {format_percent(kos.iloc[0], lang)}",
                        transform=ax.transAxes,
                        fontsize=6.5,
                        va="top",
                    )
            if r == 0:
                ax.set_title(str(wave), fontsize=8.5)
            if c == 0:
                ax.text(
                    -0.06,
                    0.5,
                    label(f"conflict.{ind}", lang),
                    rotation=90,
                    ha="center",
                    va="center",
                    fontsize=7.5,
                    transform=ax.transAxes,
                )


@figure("mosaic_security_top_problem", notebook=NOTEBOOK, sources=["undp_mosaic"])
def security_problem_chart(lang: str = "en") -> "Figure":
    """Dot chart (seaborn): share naming a security-related problem as the top problem, 2012 and 2015.

    Only the municipalities and problems the survey file reports are drawn:
    a map of 2015 was almost all "not reported" and is not drawn any more.
    """
    import matplotlib.pyplot as plt
    import seaborn as sns

    from ..plots.numbers import number_formatter

    s = security_problems()
    muni = unit_names(lang, historic=True)
    regions = unit_names(lang, "osce_region")
    s["label"] = [f"{muni[c]} ({regions[r]})" for c, r in zip(s["code"], s["osce_region"])]
    rows = list(dict.fromkeys(s["label"]))
    s["problem"] = s["indicator"].map(lambda i: label(f"conflict.{i}", lang))
    s["wave"] = s["year"].astype(int).astype(str)
    fig, ax = plt.subplots(figsize=(PRINT_WIDTH_IN, 0.22 * len(rows) + 1.4))
    sns.scatterplot(
        data=s,
        x="share",
        y="label",
        hue="problem",
        style="wave",
        markers={"2012": "o", "2015": "s"},
        hue_order=[label(f"conflict.{i}", lang) for i in SECURITY_PROBLEMS if i in set(s["indicator"])],
        palette="colorblind",
        s=36,
        ax=ax,
        zorder=3,
    )
    ax.set_yticks(range(len(rows)), rows)
    ax.set_ylabel("")
    ax.set_xlim(0, max(0.3, float(s["share"].max()) * 1.1))
    ax.xaxis.set_major_formatter(number_formatter(lang, percent=True))
    ax.set_xlabel(label("conflict.share_naming", lang))
    ax.grid(axis="x")
    handles, texts = ax.get_legend_handles_labels()  # seaborn's section titles are the column names
    names = {"problem": label("conflict.problem", lang), "wave": label("conflict.wave", lang)}
    if (seaborn_legend := ax.get_legend()) is not None:
        seaborn_legend.remove()
    fig.suptitle(_wrap(label("conflict.security_title", lang), fig), x=0.01, ha="left")
    fig.tight_layout(rect=(0, 0, 1, 0.9))
    fig.legend(
        handles, [names.get(t, t) for t in texts], loc="upper left", bbox_to_anchor=(0.01, 0.0), ncols=2, frameon=False
    )  # below the chart, so the figure keeps the page width
    add_source_line(fig, ["undp_mosaic"], lang, note=label("conflict.security_note", lang))
    return fig


def _wrap(text: str, fig, share: float = 1.0) -> str:
    """``text`` broken into lines that fit ``share`` of the figure width at title size."""
    import textwrap

    return textwrap.fill(text, max(30, int(fig.get_figwidth() * share * 72 / (10.5 * 0.56))))
