"""Figures of notebook 02: trafficking in human beings, national series (public data only).

Every figure is drawn from the cited table ``kosovo_hr/data/national/trafficking.csv``
(one source per row), through :mod:`kosovo_hr.indicators.trafficking`. Figures
from different producers are drawn side by side, never added. The drawing
helpers shared with the hate-crime and displacement figures live in
:mod:`kosovo_hr.plots.series`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..indicators import trafficking as ind
from ..indicators.trafficking import FORMS
from ..plots import add_source_line, format_int
from ..plots.charts import grouped_bars, interval_columns, other_values
from ..plots.i18n import label
from ..plots.series import FAMILY, draw_counts, draw_other_values, style_year_axis
from ..plots.series import trend_text as _trend_text
from ..plots.style import PRINT_WIDTH_IN, wrap
from . import figure

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = [
    "FAMILY",
    "FORMS",
    "trend_text",
    "draw_counts",
    "draw_other_values",
    "style_year_axis",
    "victims_identified",
    "victims_by_form",
]

NOTEBOOK = "02_trafficking.ipynb"


def trend_text(trend: dict, lang: str, prefix: str = "trafficking") -> str:
    """One line describing a :func:`kosovo_hr.indicators.national.national_trend` result in ``lang``."""
    return _trend_text(trend, lang, prefix)


# --- figures ---------------------------------------------------------------------------------


@figure("trafficking_victims_identified", notebook=NOTEBOOK, sources=[ind.SOURCE_TABLE])
def victims_identified(lang: str) -> "Figure":
    """Victims identified per year: TIP series with exact 95% intervals beside the ministry's figures.

    Grouped bars by year (seaborn), one colour per producer, never added.
    The police figure of 2022 counts girls only: it is not a total and is
    named in the note instead of being drawn on the totals' axis.
    """
    import matplotlib.pyplot as plt
    import seaborn as sns

    tab = ind.victims_series().assign(producer="tip")
    tr = ind.victims_trend()
    other = ind.other_producers()
    mia = other[other["measure"] == "victims_identified_MIA"]
    mia = pd.DataFrame({"year": mia["year_end"].astype(int), "value": mia["value"].astype(float), "producer": "mia"})
    lo, hi = interval_columns(tab)
    tab = tab.rename(columns={lo: "lower", hi: "upper"})
    frame = pd.concat([tab[["year", "value", "lower", "upper", "producer"]], mia], ignore_index=True)
    frame["year"] = frame["year"].astype(int)
    order = sorted(frame["year"].unique())
    fig, ax = plt.subplots(figsize=(PRINT_WIDTH_IN, 3.6))
    cols, pos = grouped_bars(
        ax,
        frame,
        x="year",
        y="value",
        hue="producer",
        order=order,
        hue_order=["tip", "mia"],
        labels={"tip": label("trafficking.tip", lang), "mia": label("trafficking.mia", lang)},
        lower="lower",
        upper="upper",
    )
    other_values(ax, tab, pos, "tip", color=cols["tip"])
    ax.set_ylabel(label("trafficking.victims_axis", lang))
    ax.grid(axis="y")
    ax.set_title(wrap(label("trafficking.victims_title", lang) + "\n" + trend_text(tr, lang), fig), loc="left")
    sns.move_legend(ax, "upper right", title=None)  # keeps the handles grouped_bars styled
    kp = other[other["measure"] == "victims_identified_KP"]
    note = label("trafficking.victims_note", lang)
    if len(kp):
        note += " " + label("trafficking.kp_note", lang).format(
            n=format_int(kp["value"].iloc[0], lang), year=int(kp["year_end"].iloc[0])
        )
    add_source_line(fig, [ind.SOURCE_TABLE], lang, note=note)
    return fig


@figure("trafficking_victims_by_form", notebook=NOTEBOOK, sources=[ind.SOURCE_TABLE])
def victims_by_form(lang: str) -> "Figure":
    """Victims identified by form of exploitation, 2018-2021 (TIP), next to the total (hatched)."""
    import matplotlib.pyplot as plt
    import seaborn as sns

    tip = ind.tip_rows()
    forms = ind.forms_by_year()  # one figure per year; a repeated figure is not added
    years = sorted(tip.loc[tip["measure"].isin(FORMS), "year_end"].astype(int).unique())
    tot = ind.tip_totals(years)
    parts = [forms[m].assign(form=m) for m in FORMS] + [tot.assign(form="victims_identified")]
    frame = pd.concat([p[["year", "value", "form"]] for p in parts], ignore_index=True)
    frame["year"] = frame["year"].astype(int)
    levels = [*FORMS, "victims_identified"]
    fig, ax = plt.subplots(figsize=(PRINT_WIDTH_IN, 3.4))
    cols, pos = grouped_bars(
        ax,
        frame,
        x="year",
        y="value",
        hue="form",
        order=years,
        hue_order=levels,
        labels={m: label(f"trafficking.{m}", lang) for m in levels},
        colours={"victims_identified": "#444444"},
        hatch={"victims_identified": "////"},
    )
    for m in levels:
        other_values(ax, forms[m] if m in forms else tot, pos, m, color=cols[m])
    ax.set_ylabel(label("trafficking.persons", lang))
    ax.grid(axis="y")
    ax.set_title(label("trafficking.forms_title", lang), loc="left")
    sns.move_legend(ax, "upper left", ncols=2, title=None)
    ax.set_ylim(0, float(frame["value"].max()) * 1.35)
    add_source_line(fig, ["tip_reports"], lang, note=label("trafficking.forms_note", lang))
    return fig
