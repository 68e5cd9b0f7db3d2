"""Figures of notebook 06 drawn from the Kosovo Memory Book *records* (no personal data).

Monthly counts 1998–2000 by OSCE region and by pre-2008 municipality, age and
sex, civilians and members of armed formations, and the day-of-month check
of the dates. Every count is published through
:func:`kosovo_hr.stats.suppression.suppress` (1–4 suppressed, primary and
secondary): suppressed cells are hatched, never drawn as 0. Tables (and the
suppressed ones registered for ``kosovo-hr export``) are in
:mod:`kosovo_hr.indicators.conflict_records`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ..plots.i18n import label
from ..plots.sources_line import add_source_line
from ..plots.style import PRINT_WIDTH_IN, wrap
from . import figure

if TYPE_CHECKING:
    from matplotlib.figure import Figure

NOTEBOOK = "06_conflict_legacy_and_security.ipynb"
SOURCE = "kosovo_memory_book"
THRESHOLD = 5
COLOURS = {"civilian": "#4393c3", "armed": "#b2182b", "female": "#c51b7d", "male": "#2166ac"}


def _fmt(value: float, lang: str, decimals: int = 0) -> str:
    """A number as ``lang`` writes it (Babel, :func:`kosovo_hr.plots.numbers.format_number`)."""
    from ..plots.numbers import format_number

    return format_number(value, lang, decimals)


def _count(value: float, lang: str) -> str:
    """A count for a caption: ``< 5`` for a count of 1–4 (never printed), else the number in ``lang``."""
    return f"< {THRESHOLD}" if 0 < value < THRESHOLD else _fmt(value, lang)


def _month_labels(lang: str) -> list[str]:
    """Tick labels for the 36 months: the month's short name (CLDR via Babel), year under January."""
    from ..plots.numbers import month_name

    return [
        f"{month_name(m, lang, 'abbreviated')}\n{y}"
        if m == 1
        else (month_name(m, lang, "abbreviated") if m in (4, 7, 10) else "")
        for y in (1998, 1999, 2000)
        for m in range(1, 13)
    ]


def _place_name(code: str, lang: str) -> str:
    from ..indicators.conflict_records import place_names

    names = place_names(lang)
    return names[code] if code in names else label(f"conflict_records.{code}", lang)


def _sources(lang: str) -> list[str]:  # one text in every language: the declared attribution
    return [SOURCE]


def _hatch_style() -> dict:
    from ..plots.choropleth import MISSING_STYLE

    return dict(MISSING_STYLE)


# ------------------------------------------------------------------ figures


@figure("memory_book_monthly_osce_regions", notebook=NOTEBOOK, sources=[SOURCE])
def monthly_regions_chart(lang: str = "en") -> Figure:
    """Monthly persons 1998–2000, one panel per OSCE region and one for places outside Kosovo."""
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    from ..indicators.conflict_records import monthly_counts

    df = monthly_counts(level="osce_region")
    panels = [c for c in dict.fromkeys(df["code"]) if c.startswith("osce_")] + ["outside_kosovo"]
    raw = monthly_counts(level="osce_region", suppress_small=False).groupby("code")["persons"].sum()
    panels = sorted(panels[:-1], key=lambda c: -raw[c]) + ["outside_kosovo"]
    fig, axes = plt.subplots(len(panels), 1, figsize=(PRINT_WIDTH_IN, 8.4), sharex=True)
    x = np.arange(36)
    ymax = float(df["persons"].astype("Float64").max())
    hatch = _hatch_style()
    for ax, code in zip(axes, panels):
        sub = df[df["code"] == code].sort_values("period")
        vals = sub["persons"].astype("Float64")
        ax.bar(x, vals.fillna(0).to_numpy(dtype=float), color="#8c2d04", width=0.8)
        sup = sub["suppressed"].to_numpy()
        ax.bar(x[sup], np.full(sup.sum(), ymax * 0.04), width=0.8, **hatch)
        ax.set_ylim(0, ymax * 1.1)
        yt = [t for t in ax.get_yticks() if t <= ymax * 1.1]
        ax.set_yticks(yt, [_fmt(t, lang) for t in yt])
        ax.text(
            0.005,
            0.92,
            f"{_place_name(code, lang)}: {_count(raw[code], lang)}",
            transform=ax.transAxes,
            va="top",
            fontweight="bold",
        )
        ax.spines[["top", "right"]].set_visible(False)
        ax.tick_params(labelsize=8)
        for b in (12, 24):
            ax.axvline(b - 0.5, color="#bbbbbb", lw=0.6)
    axes[-1].set_xticks(x, _month_labels(lang))
    fig.supylabel(label("conflict_records.persons_per_month", lang))
    axes[0].legend(
        handles=[Patch(**hatch, label=label("conflict_records.suppressed", lang))], loc="upper right", frameon=False
    )
    fig.suptitle(wrap(label("conflict_records.regions_title", lang), fig), x=0.01, ha="left")
    fig.subplots_adjust(left=0.12, right=0.98, top=0.92, hspace=0.3)
    note = "\n".join(
        [
            label("conflict_records.month_note", lang),
            label("conflict_records.not_in_panels", lang).format(
                unknown=_count(raw["kosovo_place_unknown"], lang), none=_count(raw["place_not_recorded"], lang)
            ),
            label("conflict_records.records_note", lang),
        ]
    )
    add_source_line(fig, _sources(lang), lang, note=note)
    return fig


@figure("memory_book_monthly_pre2008_heatmap", notebook=NOTEBOOK, sources=[SOURCE])
def monthly_heatmap(lang: str = "en") -> Figure:
    """Persons by month (columns) and pre-2008 municipality (rows), classed colours, suppressed hatched."""
    import matplotlib.pyplot as plt
    from matplotlib.colors import BoundaryNorm, ListedColormap
    from matplotlib.patches import Patch, Rectangle

    from ..indicators.conflict_records import monthly_counts, unit_regions

    df = monthly_counts(level="pre2008")
    units = unit_regions()
    units["name"] = [_place_name(c, lang) for c in units["code"]]
    order = list(units.sort_values(["osce_region", "name"])["code"]) + [
        "outside_kosovo",
        "kosovo_place_unknown",
        "place_not_recorded",
    ]
    wide = df.pivot(index="code", columns="period", values="persons").loc[order]
    sup = df.pivot(index="code", columns="period", values="suppressed").loc[order].to_numpy(dtype=bool)
    vals = wide.astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    bounds: list[float] = [0, 1, 10, 25, 50, 100, 250, 500, 1000]
    colours = ["#ffffff", "#fee8c8", "#fdd49e", "#fdbb84", "#fc8d59", "#ef6548", "#d7301f", "#990000"]
    cmap = ListedColormap(colours)
    bounds[-1] = max(float(np.nanmax(vals)), bounds[-1]) + 1
    norm = BoundaryNorm(bounds, cmap.N)
    fig, ax = plt.subplots(figsize=(PRINT_WIDTH_IN, 7.8))
    ax.imshow(np.where(np.isnan(vals), 0, vals), cmap=cmap, norm=norm, aspect="auto", interpolation="none")
    hatch = _hatch_style()
    for i, j in zip(*np.nonzero(sup)):
        ax.add_patch(Rectangle((j - 0.5, i - 0.5), 1, 1, **hatch))
    ax.set_yticks(range(len(order)), [_place_name(c, lang) for c in order])
    ax.set_xticks(range(36), _month_labels(lang))
    regions = units.set_index("code").loc[order[:-3], "osce_region"].to_numpy()
    for i in range(1, len(regions)):
        if regions[i] != regions[i - 1]:
            ax.axhline(i - 0.5, color="#555555", lw=0.8)
    ax.axhline(len(regions) - 0.5, color="#555555", lw=1.2)
    for b in (12, 24):
        ax.axvline(b - 0.5, color="#555555", lw=0.8)
    legend = [Patch(facecolor=colours[0], edgecolor="#bbbbbb", label="0")]
    labels_ = (
        ["5–9"]
        + [f"{_fmt(bounds[k], lang)}–{_fmt(bounds[k + 1] - 1, lang)}" for k in range(2, 7)]
        + [f"{_fmt(1000, lang)}+"]
    )
    for c, t in zip(colours[1:], labels_):
        legend.append(Patch(facecolor=c, edgecolor="#bbbbbb", label=t))
    legend.append(Patch(**hatch, label=label("conflict_records.suppressed", lang)))
    ax.legend(
        handles=legend,
        loc="upper center",
        bbox_to_anchor=(0.4, -0.07),
        ncol=4,
        frameon=False,
        title=label("conflict_records.persons_per_month", lang),
    )
    fig.suptitle(wrap(label("conflict_records.heatmap_title", lang), fig), x=0.01, ha="left")
    fig.subplots_adjust(left=0.27, right=0.99, top=0.93, bottom=0.2)
    add_source_line(
        fig,
        _sources(lang),
        lang,
        note="\n".join(
            [
                label("conflict_records.heat_rows_note", lang),
                label("conflict_records.month_note", lang),
                label("conflict_records.records_note", lang),
            ]
        ),
    )
    return fig


@figure("memory_book_age_sex", notebook=NOTEBOOK, sources=[SOURCE])
def age_sex_pyramid(lang: str = "en") -> Figure:
    """Two age pyramids (women left, men right): civilians, and members of armed formations."""
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    from ..indicators.conflict_records import age_groups, age_sex_structure

    df = age_sex_structure(by=("status",))
    groups = age_groups()
    y = np.arange(len(groups))
    hatch = _hatch_style()
    fig, axes = plt.subplots(1, 2, figsize=(PRINT_WIDTH_IN, 4.8), sharey=True)
    top = float(df["persons"].astype("Float64").max())
    for ax, status in zip(axes, ("civilian", "armed")):
        sub = df[df["status"] == status].set_index(["age_group", "sex"])
        for sex, sign in (("female", -1), ("male", 1)):
            s = sub.xs(sex, level="sex").reindex(groups)
            vals = s["persons"].astype("Float64")
            ax.barh(
                y,
                sign * vals.fillna(0).to_numpy(dtype=float),
                color=COLOURS[sex],
                height=0.8,
                label=label(f"conflict_records.{sex}", lang),
            )
            hidden = s["suppressed"].to_numpy(dtype=bool)
            ax.barh(y[hidden], np.full(hidden.sum(), sign * top * 0.03), height=0.8, **hatch)
        ax.axvline(0, color="#333333", lw=0.6)
        ax.set_xlim(-top * 1.05, top * 1.05)
        ticks = ax.get_xticks()
        ax.set_xticks(ticks, [_fmt(abs(t), lang) for t in ticks])
        ax.set_xlim(-top * 1.05, top * 1.05)
        ax.set_title(f"{label(f'conflict_records.{status}', lang)}")
        ax.spines[["top", "right"]].set_visible(False)
        ax.set_xlabel(label("conflict_records.persons", lang))
    axes[0].set_yticks(y, groups[:-1] + [label("conflict_records.unknown_age", lang)])
    axes[0].set_ylabel(label("conflict_records.age", lang))
    handles = [
        Patch(color=COLOURS["female"], label=label("conflict_records.female", lang)),
        Patch(color=COLOURS["male"], label=label("conflict_records.male", lang)),
        Patch(**hatch, label=label("conflict_records.suppressed", lang)),
    ]
    fig.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0.02), ncol=3, frameon=False)
    fig.suptitle(wrap(label("conflict_records.age_title", lang), fig), x=0.01, ha="left")
    unknown = _raw_unknown_age()
    fig.subplots_adjust(left=0.12, right=0.98, top=0.84, bottom=0.12, wspace=0.1)
    add_source_line(
        fig,
        _sources(lang),
        lang,
        note="\n".join(
            [
                label("conflict_records.age_note", lang).format(n=_count(unknown, lang)),
                label("conflict_records.records_note", lang),
            ]
        ),
    )
    return fig


def _raw_unknown_age() -> int:
    from ..indicators.conflict_records import memory_book_records

    return int(memory_book_records()["age"].isna().sum())


@figure("memory_book_status_monthly", notebook=NOTEBOOK, sources=[SOURCE])
def status_monthly_chart(lang: str = "en") -> Figure:
    """Stacked monthly bars: civilians and members of armed formations (all places)."""
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    from ..indicators.conflict_records import status_monthly

    df = status_monthly()
    x = np.arange(36)
    hatch = _hatch_style()
    fig, ax = plt.subplots(figsize=(PRINT_WIDTH_IN, 3.8))
    bottom = np.zeros(36)
    ymax = float(df.groupby("period")["persons"].sum().max())
    hidden_any = np.zeros(36, dtype=bool)
    for status in ("armed", "civilian"):
        sub = df[df["status"] == status].sort_values("period")
        v = sub["persons"].astype("Float64").fillna(0).to_numpy(dtype=float)
        ax.bar(x, v, bottom=bottom, color=COLOURS[status], width=0.8, label=label(f"conflict_records.{status}", lang))
        bottom += v
        hidden_any |= sub["suppressed"].to_numpy(dtype=bool)
    ax.bar(x[hidden_any], np.full(hidden_any.sum(), ymax * 0.02), bottom=bottom[hidden_any], width=0.8, **hatch)
    ax.set_xticks(x, _month_labels(lang))
    ax.set_ylabel(label("conflict_records.persons_per_month", lang))
    yt = ax.get_yticks()
    ax.set_yticks(yt, [_fmt(t, lang) for t in yt])
    ax.set_ylim(0, ymax * 1.05)
    for b in (12, 24):
        ax.axvline(b - 0.5, color="#bbbbbb", lw=0.6)
    handles, _ = ax.get_legend_handles_labels()
    handles.append(Patch(**hatch, label=label("conflict_records.suppressed", lang)))
    ax.legend(handles=handles[::-1][1:] + [handles[-1]], loc="upper right", frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    fig.suptitle(wrap(label("conflict_records.status_title", lang), fig), x=0.01, ha="left")
    fig.subplots_adjust(top=0.84, bottom=0.2)
    add_source_line(
        fig,
        _sources(lang),
        lang,
        note="\n".join([label("conflict_records.month_note", lang), label("conflict_records.records_note", lang)]),
    )
    return fig


@figure("memory_book_day_of_month", notebook=NOTEBOOK, sources=[SOURCE])
def day_of_month_chart(lang: str = "en") -> Figure:
    """For each day of the month: in how many of the 36 months it holds more records than a typical day.

    Day 01 stands out: a day written 01 often stands for an unknown day.
    """
    import matplotlib.pyplot as plt

    from ..indicators.conflict_records import day01_summary, day_of_month_profile

    prof = day_of_month_profile()
    s = day01_summary()
    fig, ax = plt.subplots(figsize=(PRINT_WIDTH_IN, 3.6))
    colours = ["#b2182b" if d == 1 else "#999999" for d in prof["day"]]
    ax.bar(prof["day"], prof["months_above_typical"], color=colours, width=0.8)
    ax.axhline(
        s["months_other_above"], color="#333333", lw=0.8, ls="--", label=label("conflict_records.other_days_mean", lang)
    )
    ax.legend(loc="upper right", frameon=False)
    ticks = [d for d in prof["day"] if d == 1 or d % 5 == 0]
    ax.set_xticks(ticks, [f"{d:02d}" for d in ticks])
    ax.set_xlabel(label("conflict_records.day", lang))
    ax.set_ylabel(label("conflict_records.months_above", lang).format(n=s["months"]))
    ax.set_ylim(0, s["months"])
    ax.spines[["top", "right"]].set_visible(False)
    fig.suptitle(wrap(label("conflict_records.day_title", lang), fig), x=0.01, ha="left")
    fig.subplots_adjust(top=0.84, bottom=0.18)
    note = label("conflict_records.day_note", lang).format(
        above=_fmt(s["months_day01_above"], lang),
        months=_fmt(s["months"], lang),
        other=_fmt(s["months_other_above"], lang, 1),
        d01=_fmt(s["day01"], lang),
        excess=_fmt(s["excess"], lang),
        jan01=_fmt(s["jan01"], lang),
        jant=_fmt(s["jan_typical"], lang),
    )
    add_source_line(fig, _sources(lang), lang, note=note + "\n" + label("conflict_records.records_note", lang))
    return fig
