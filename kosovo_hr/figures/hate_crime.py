"""Figures of notebook 04: hate incidents, national series (public data only).

Drawn from the cited table ``kosovo_hr/data/national/hate_incidents.csv``
through :mod:`kosovo_hr.indicators.hate_crime`.
Different producers and definitions (ODIHR incidents, Kosovo Police incidents
at religious sites, Serbian government counts) are separate measures, drawn
side by side and never added.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..indicators import hate_crime as ind
from ..indicators.hate_crime import ODIHR_TYPES, SITE_MEASURES
from ..plots import add_source_line, format_int
from ..plots.charts import grouped_bars, interval_columns, other_values, palette
from ..plots.i18n import label
from ..plots.series import draw_other_values, style_year_axis, trend_text
from ..plots.style import PRINT_WIDTH_IN, wrap
from . import figure

if TYPE_CHECKING:
    from matplotlib.figure import Figure

NOTEBOOK = "04_hate_crime.ipynb"


@figure("hate_incidents_odihr", notebook=NOTEBOOK, sources=[ind.SOURCE_TABLE])
def odihr_incidents(lang: str) -> "Figure":
    """ODIHR totals per year with 95% intervals and trend beside the types (grouped bars, never added)."""
    import matplotlib.pyplot as plt
    import seaborn as sns

    tab = ind.odihr_series()
    lo, hi = interval_columns(tab)
    tab = tab.rename(columns={lo: "lower", hi: "upper"})
    tr = ind.odihr_trend()
    types = {m: ind.yearly(m) for m in ODIHR_TYPES}  # one figure per year, copies reported
    frame = pd.concat(
        [tab.assign(kind="total")[["year", "value", "lower", "upper", "kind"]]]
        + [t.assign(kind=m)[["year", "value", "kind"]] for m, t in types.items()],
        ignore_index=True,
    )
    frame["year"] = frame["year"].astype(int)
    order = sorted(frame["year"].unique())
    levels = ["total", *ODIHR_TYPES]
    fig, ax = plt.subplots(figsize=(PRINT_WIDTH_IN, 3.6))
    cols, pos = grouped_bars(
        ax,
        frame,
        x="year",
        y="value",
        hue="kind",
        order=order,
        hue_order=levels,
        labels={
            "total": label("hate_crime.incidents_total", lang),
            **{m: label(f"hate_crime.{m}", lang) for m in ODIHR_TYPES},
        },
        colours={"total": "#444444"},
        lower="lower",
        upper="upper",
    )
    for m in ODIHR_TYPES:
        other_values(ax, types[m], pos, m, color=cols[m])
    ax.set_ylabel(label("hate_crime.incidents", lang))
    ax.grid(axis="y")
    ax.set_title(
        wrap(label("hate_crime.odihr_title", lang) + "\n" + trend_text(tr, lang, "hate_crime"), fig), loc="left"
    )
    sns.move_legend(ax, "upper right", title=None)
    ax.set_ylim(0, float(tab["upper"].max()) * 1.15)
    add_source_line(fig, ["hate_odihr"], lang, note=label("hate_crime.odihr_note", lang))
    return fig


@figure("hate_orthodox_sites_sources", notebook=NOTEBOOK, sources=[ind.SOURCE_TABLE])
def orthodox_sites(lang: str) -> "Figure":
    """Kosovo Police vs Government of Serbia counts of incidents at Orthodox sites, 2023-2025."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(PRINT_WIDTH_IN, 3.4))
    w = 0.35
    colours = palette(SITE_MEASURES)
    years: list[int] = []
    for k, (m, c) in enumerate(zip(SITE_MEASURES, [colours[m] for m in SITE_MEASURES])):
        sub = ind.yearly(m)
        x = sub["year"].astype(float) + (k - 0.5) * w
        bars = ax.bar(x, sub["value"], width=w, color=c, label=label(f"hate_crime.{m}", lang), zorder=2)
        ax.bar_label(bars, labels=[format_int(v, lang) for v in sub["value"]], padding=1)
        draw_other_values(ax, sub, color=c, offset=(k - 0.5) * w)
        years += list(sub["year"])
        # figures covering part of a year are not series values: drawn hatched, labelled as such
        part = ind.partial_year(m)
        if len(part):
            xp = part["year_end"].astype(float) + (k - 0.5) * w
            pbars = ax.bar(
                xp,
                part["value"],
                width=w,
                facecolor="white",
                edgecolor=c,
                hatch="///",
                label=f"{label(f'hate_crime.{m}', lang)} ({label('hate_crime.part_of_year', lang)})",
                zorder=2,
            )
            ax.bar_label(pbars, labels=[format_int(v, lang) for v in part["value"]], padding=1)
            years += [int(y) for y in part["year_end"]]
    style_year_axis(ax, lang, years)
    ax.set_ylabel(label("hate_crime.cases", lang))
    ax.set_title(label("hate_crime.sites_title", lang), loc="left")
    ax.legend(loc="upper left")
    ax.set_ylim(0, ax.get_ylim()[1] * 1.6)  # room for the legend above the tallest bar
    add_source_line(fig, ["hate_sites"], lang, note=label("hate_crime.sites_note", lang))
    return fig
