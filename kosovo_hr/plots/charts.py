"""Statistical (non-map) charts through seaborn, in the project style: grouped bars, trend lines with bands, heatmaps.

Drawing only: every function takes a tidy frame built by :mod:`kosovo_hr.indicators`
(or a dataset loader) and an Axes.  Intervals are the frame's own
``*_lower``/``*_upper`` (or ``lower``/``upper``) columns, never recomputed
here; seaborn's own bootstrap intervals are switched off.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pandas as pd

from .numbers import format_spec
from .style import PALETTE

if TYPE_CHECKING:
    from matplotlib.axes import Axes


def interval_columns(frame: pd.DataFrame, value: str = "value") -> tuple[str, str]:
    """Names of the interval columns of ``frame``: ``<value>_lower``/``<value>_upper`` (the project's
    vocabulary), or ``lower``/``upper`` in tables written before it."""
    if f"{value}_lower" in frame.columns:
        return f"{value}_lower", f"{value}_upper"
    return "lower", "upper"


def palette(levels: Sequence, colours: dict | None = None) -> dict:
    """Colour of each level: ``colours`` where given, else seaborn's colour-blind palette in order."""
    import seaborn as sns

    base = sns.color_palette(PALETTE, max(len(levels), 1))
    return {lvl: (colours or {}).get(lvl, base[i]) for i, lvl in enumerate(levels)}


def grouped_bars(
    ax: "Axes",
    frame: pd.DataFrame,
    *,
    x: str,
    y: str,
    hue: str,
    order: Sequence | None = None,
    hue_order: Sequence | None = None,
    labels: dict | None = None,
    colours: dict | None = None,
    lower: str | None = None,
    upper: str | None = None,
    hatch: dict | None = None,
) -> tuple[dict, dict]:
    """Bars of ``y`` per ``x`` category, one bar per ``hue`` level side by side (seaborn ``barplot``).

    The bars present in a category are centred on it (no gap for a level
    without a value that year). ``lower``/``upper`` columns draw whiskers
    (e.g. exact Poisson 95% limits) where they are not missing; ``labels``
    maps hue level -> legend text; ``hatch`` maps hue level -> hatch pattern.
    Returns the colour of each hue level and the x position of each bar,
    ``{(category, level): x}`` (e.g. to mark other sources' values).
    """
    import seaborn as sns

    order = list(order) if order is not None else sorted(frame[x].unique())
    hue_order = list(hue_order) if hue_order is not None else list(dict.fromkeys(frame[hue]))
    cols = palette(hue_order, colours)
    data = frame.copy()
    data["_hue"] = data[hue].map(lambda h: (labels or {}).get(h, str(h)))
    names = [(labels or {}).get(h, str(h)) for h in hue_order]
    sns.barplot(
        data=data,
        x=x,
        y=y,
        hue="_hue",
        order=order,
        hue_order=names,
        palette=[cols[h] for h in hue_order],
        errorbar=None,
        ax=ax,
        saturation=1,
        zorder=2,
        width=0.8,
    )
    n = len(hue_order)
    width = 0.8 / n
    bars = list(ax.containers[-n:])  # one BarContainer per hue level, in hue order
    present: dict = {}  # category index -> [(level index, patch)]
    for j, h in enumerate(hue_order):
        values = data[data[hue] == h].set_index(x)
        for patch in bars[j]:
            pos = patch.get_x() + patch.get_width() / 2
            i = int(round(pos - (j - (n - 1) / 2) * width))
            if order[i] in values.index and pd.notna(values.loc[order[i], y]):
                present.setdefault(i, []).append((j, patch))
    positions = {}
    for i, items in present.items():
        for k, (j, patch) in enumerate(sorted(items, key=lambda t: t[0])):
            centre = i + (k - (len(items) - 1) / 2) * width
            patch.set_x(centre - patch.get_width() / 2)
            h = hue_order[j]
            positions[(order[i], h)] = centre
            row = data[(data[hue] == h) & (data[x] == order[i])].iloc[0]
            if hatch and h in hatch:
                patch.set_facecolor("white")
                patch.set_edgecolor(cols[h])
                patch.set_hatch(hatch[h])
            if lower and upper and pd.notna(row[lower]) and pd.notna(row[upper]):
                v = float(row[y])
                ax.errorbar(
                    centre,
                    v,
                    yerr=[[v - float(row[lower])], [float(row[upper]) - v]],
                    fmt="none",
                    ecolor="#222222",
                    elinewidth=0.9,
                    capsize=2.5,
                    zorder=3,
                )
    ax.set_xlabel("")
    _untitled_legend(ax, hatch, cols, labels)
    return cols, positions


def other_values(ax: "Axes", tab: pd.DataFrame, positions: dict, level, *, color) -> None:
    """Hollow markers at the values other sources give for a bar of :func:`grouped_bars` (years they disagree)."""
    from .series import draw_other_values

    at = {cat: x for (cat, lvl), x in positions.items() if lvl == level}
    sub = tab[tab["year"].isin(at)]
    if len(sub):
        draw_other_values(ax, sub.assign(year=sub["year"].map(at)), color=color)


def _untitled_legend(
    ax: "Axes", hatch: dict | None = None, cols: dict | None = None, labels: dict | None = None
) -> None:
    """Drop seaborn's legend title (the internal hue column) and show hatched levels hatched."""
    from matplotlib.patches import Patch

    leg = ax.get_legend()
    if leg is None:
        return
    leg.set_title("")
    for h, pattern in (hatch or {}).items():
        text = (labels or {}).get(h, str(h))
        for handle, t in zip(leg.legend_handles, leg.get_texts()):
            if t.get_text() == text and isinstance(handle, Patch):
                handle.set_facecolor("white")
                handle.set_edgecolor((cols or {}).get(h, "#444444"))
                handle.set_hatch(pattern)


def trend_lines(
    ax: "Axes",
    frame: pd.DataFrame,
    *,
    x: str,
    y: str,
    hue: str,
    lower: str | None = None,
    upper: str | None = None,
    labels: dict | None = None,
    colours: dict | None = None,
    hue_order: Sequence | None = None,
    emphasis: str | None = None,
) -> dict:
    """One line of ``y`` over ``x`` per ``hue`` level (seaborn ``lineplot``), with a band from ``lower`` to ``upper``.

    ``emphasis`` names one level drawn thicker and black (e.g. Kosovo as a
    whole beside its regions). Returns the colour of each level.
    """
    import seaborn as sns

    hue_order = list(hue_order) if hue_order is not None else list(dict.fromkeys(frame[hue]))
    cols = palette([h for h in hue_order if h != emphasis], colours)
    if emphasis is not None:
        cols[emphasis] = "#111111"
    data = frame.sort_values(x).copy()
    data["_hue"] = data[hue].map(lambda h: (labels or {}).get(h, str(h)))
    names = [(labels or {}).get(h, str(h)) for h in hue_order]
    sns.lineplot(
        data=data,
        x=x,
        y=y,
        hue="_hue",
        hue_order=names,
        palette=[cols[h] for h in hue_order],
        errorbar=None,
        marker="o",
        markersize=4,
        linewidth=1.5,
        ax=ax,
        legend="auto",
    )
    for line, h in zip(ax.get_lines(), hue_order):
        if h == emphasis:
            line.set_linewidth(2.6)
    if lower and upper:
        for h in hue_order:
            g = data[data[hue] == h]
            ax.fill_between(
                g[x], g[lower].astype(float), g[upper].astype(float), color=cols[h], alpha=0.15, linewidth=0
            )
    ax.set_xlabel("")
    _untitled_legend(ax)
    return cols


def heatmap(
    ax: "Axes",
    wide: pd.DataFrame,
    *,
    lang: str,
    fmt: str = "{:.0f}",
    cmap: str = "PuBu",
    vmin: float | None = None,
    vmax: float | None = None,
    cbar_label: str | None = None,
    missing_text: str = "",
) -> None:
    """A seaborn heatmap of ``wide`` (rows x columns) with each cell's value written in ``lang``.

    Missing cells stay blank (white, hatched) and are not coloured as zero.
    """
    import seaborn as sns

    from .style import check_cmap

    check_cmap(cmap, "sequential")
    values = wide.astype(float)
    annot = values.map(lambda v: format_spec(v, fmt, lang) if pd.notna(v) else missing_text)
    sns.heatmap(
        values,
        ax=ax,
        cmap=cmap,
        vmin=vmin,
        vmax=vmax,
        annot=annot.to_numpy(),
        fmt="",
        annot_kws={"fontsize": 6.5},
        linewidths=0.4,
        linecolor="white",
        cbar_kws={"label": cbar_label, "shrink": 0.6},
    )
    ax.patch.set(hatch="////", edgecolor="#bbbbbb", facecolor="white")
    ax.set_xlabel("")
    ax.set_ylabel("")
    ax.tick_params(length=0)
