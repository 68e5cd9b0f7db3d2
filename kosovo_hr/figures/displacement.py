"""Figures of notebook 03: displacement and returns, national figures (public data only).

Drawn from the cited table ``kosovo_hr/data/national/displacement.csv``
through :mod:`kosovo_hr.indicators.displacement`. IDP
numbers are stocks (estimates or registrations at a date), drawn without
intervals: a Poisson interval describes chance variation of event counts, not
the uncertainty of an estimated stock. Returns are yearly counts of persons
and carry exact Poisson 95% limits where the figure is exact.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..indicators import displacement as ind
from ..indicators.displacement import RETURNS, STOCKS_KOSOVO, STOCKS_SERBIA, returns_table
from ..plots import add_source_line
from ..plots.charts import interval_columns, palette
from ..plots.i18n import label
from ..plots.series import draw_other_values, style_year_axis
from ..plots.style import PRINT_WIDTH_IN
from . import figure

if TYPE_CHECKING:
    from matplotlib.figure import Figure

NOTEBOOK = "03_displacement.ipynb"
#: Marker of each qualifier: filled circle = a count or registration (exact or rounded), hollow triangle = an
#: estimate or a lower bound; the legend says so.
KIND = {"exact": "count", "approx": "count", "estimate": "estimate", "lower_bound": "estimate"}
MARKERS = {"count": "o", "estimate": "^"}


@figure("displacement_idps", notebook=NOTEBOOK, sources=[ind.SOURCE_TABLE])
def idps(lang: str) -> "Figure":
    """IDP stocks inside Kosovo and from Kosovo in Serbia, by source (seaborn lines and markers).

    Filled circles are counts or registrations, hollow triangles estimates or
    lower bounds; each panel has its own scale (the Serbian figures are ten
    times larger) and one legend under both panels explains colours and shapes.
    """
    import matplotlib.pyplot as plt
    import seaborn as sns
    from matplotlib.lines import Line2D

    fig, axes = plt.subplots(1, 2, figsize=(PRINT_WIDTH_IN, 3.3))
    handles = []
    for ax, measures, key in ((axes[0], STOCKS_KOSOVO, "in_kosovo"), (axes[1], STOCKS_SERBIA, "in_serbia")):
        rows = ind.stocks(measures)
        frame = pd.concat([rows[m].assign(measure=m) for m in measures], ignore_index=True)
        frame = frame.assign(
            year=frame["year_end"].astype(int), value=frame["value"].astype(float), kind=frame["qualifier"].map(KIND)
        )
        cols = palette(measures)
        if key == "in_serbia":  # a different set of producers: its own colours, after the first panel's
            cols = dict(zip(measures, sns.color_palette("colorblind", 6)[2:]))
        sns.lineplot(
            data=frame,
            x="year",
            y="value",
            hue="measure",
            palette=cols,
            ax=ax,
            legend=False,
            linewidth=0.9,
            alpha=0.7,
            errorbar=None,
            estimator=None,
        )
        for kind, marker in MARKERS.items():
            sub = frame[frame["kind"] == kind]
            for m, g in sub.groupby("measure"):
                ax.scatter(
                    g["year"],
                    g["value"],
                    marker=marker,
                    s=26,
                    zorder=3,
                    linewidths=1.1,
                    facecolors=cols[m] if kind == "count" else "white",
                    edgecolors=cols[m],
                )
        handles += [
            Line2D([], [], color=cols[m], marker="o", linewidth=1, label=label(f"displacement.{m}", lang))
            for m in measures
        ]
        ax.set_title(label(f"displacement.{key}", lang))
        ax.set_ylim(0, float(frame["value"].max()) * 1.1)
        years = sorted(frame["year"].unique())
        step = 1 if max(years) - min(years) <= 8 else 5  # every year on a short span, every fifth on a long one
        style_year_axis(ax, lang, [y for y in range(min(years) // step * step, max(years) + 1, step)] + [max(years)])
        ax.set_xlabel("")
        ax.set_ylabel(label("displacement.persons", lang) if key == "in_kosovo" else "")
    handles += [
        Line2D([], [], linestyle="none", marker="o", color="#444444", label=label("displacement.marker_count", lang)),
        Line2D(
            [],
            [],
            linestyle="none",
            marker="^",
            markerfacecolor="white",
            markeredgecolor="#444444",
            label=label("displacement.marker_estimate", lang),
        ),
    ]
    fig.suptitle(label("displacement.idps_title", lang), x=0.02, ha="left")
    fig.tight_layout(rect=(0, 0, 1, 0.95))
    fig.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.02, 0.0), ncols=2, frameon=False)
    add_source_line(fig, [ind.SOURCE_TABLE], lang, note=label("displacement.idps_note", lang))
    return fig


def returns(lang: str) -> "Figure":
    """Returns per year by definition and producer, with exact Poisson 95% intervals.

    Not among the published figures (``kosovo-hr figures``): six values from
    five definitions say less than the table behind them
    (:func:`kosovo_hr.indicators.displacement.returns_table`, exported as
    ``displacement_returns_series``); kept for notebook 03.
    """
    import matplotlib.pyplot as plt
    import numpy as np

    from ..plots.style import project_style

    tab = returns_table()
    with project_style():
        fig, ax = plt.subplots(figsize=(PRINT_WIDTH_IN, 3.4))
        cols = palette(RETURNS)
        offsets = np.linspace(-0.24, 0.24, len(RETURNS))
        for m, off in zip(RETURNS, offsets):
            c = cols[m]
            sub = tab[tab["measure"] == m]
            x = sub["year"].to_numpy(float) + off
            y = sub["value"].to_numpy(float)
            lo, hi = interval_columns(sub)
            err = np.vstack([y - sub[lo].to_numpy(float), sub[hi].to_numpy(float) - y])
            ax.errorbar(
                x,
                y,
                yerr=np.nan_to_num(err),
                fmt="o",
                color=c,
                capsize=3,
                ms=5,
                mfc=c if (sub["qualifier"] == "exact").all() else "none",
                label=label(f"displacement.{m}", lang),
            )
            draw_other_values(ax, sub, color=c, offset=off)
        style_year_axis(ax, lang, tab["year"])
        ax.set_ylim(0, None)
        ax.set_ylabel(label("displacement.persons", lang))
        ax.set_title(label("displacement.returns_title", lang), loc="left")
        ax.legend()
        add_source_line(fig, [ind.SOURCE_TABLE], lang, note=label("displacement.returns_note", lang))
    return fig
