"""Honest choropleth maps of municipal values with OSCE-region outlines.

* Missing values are drawn as missing: hatched, with their own legend entry;
  a municipality absent from the data is missing, never zero.
* Class bins can be fixed (``bins=``) so small multiples share one legend.
* OSCE region boundaries are drawn on top; labels use the gazetteer names in
  Albanian, Serbian or English (``lang=``).
* The figure carries the source attribution and licence of the boundaries
  and of every source named in ``sources``.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ..gazetteer import LEVELS as GAZETTEER_LEVELS
from ..gazetteer import names
from .i18n import check_lang, label
from .sources_line import add_source_line

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

MISSING_STYLE: dict[str, Any] = {"facecolor": "white", "edgecolor": "#8c8c8c", "hatch": "////", "linewidth": 0.4}
#: Aspect ratio for lon/lat axes at Kosovo's latitude (about 42.6° N).
ASPECT = 1 / math.cos(math.radians(42.6))
SCHEMES = ("quantiles", "equal_interval", "natural_breaks", "fisher_jenks")
#: Levels that have polygons (kosovo_hr.gazetteer.LEVELS but the single unit ``kosovo``).
LEVELS = tuple(lv for lv in GAZETTEER_LEVELS if lv != "kosovo")


@contextmanager
def deferred_drawing(fig: "Figure") -> Iterator["Figure"]:
    """Skip the full re-render geopandas asks for after every layer.

    geopandas calls ``canvas.draw_idle()`` after each ``plot``; on the Agg
    canvas that renders the whole figure, so a grid of maps costs quadratic
    time. Inside this block the figure is rendered only when saved or shown.
    Nested use is safe.
    """
    canvas = fig.canvas
    saved = canvas.__dict__.get("draw_idle")
    canvas.draw_idle = lambda *args, **kwargs: None  # type: ignore[method-assign]
    try:
        yield fig
    finally:
        if saved is None:
            del canvas.draw_idle
        else:
            canvas.draw_idle = saved  # type: ignore[method-assign]


def _boundaries(level: str):
    if level == "pre2008":
        from ..geo.pre2008 import pre2008_boundaries

        return pre2008_boundaries()
    from ..geo import boundaries

    if level not in LEVELS:
        raise ValueError(f"level must be one of {', '.join(LEVELS)}; got {level!r}")
    return boundaries(level)


def _area_names(level: str, lang: str) -> dict[str, str]:
    if level == "pre2008":
        from ..geo.pre2008 import pre2008_units

        u = pre2008_units()
        return dict(zip(u["code"], u[f"name_{lang}"]))
    return names(lang, level)


def class_bins(values: Sequence[float], scheme: str = "quantiles", k: int = 5) -> list[float]:
    """Upper class bounds for ``values`` (NaN ignored) with a mapclassify scheme.

    Use the result as ``bins=`` for every panel of a set of small multiples
    so that colours mean the same thing in each.
    """
    import mapclassify

    v = pd.Series(values, dtype="float64").dropna().to_numpy()
    if v.size == 0:
        raise ValueError("no non-missing values to classify")
    k = max(1, min(k, np.unique(v).size))
    makers = {
        "quantiles": mapclassify.Quantiles,
        "equal_interval": mapclassify.EqualInterval,
        "natural_breaks": mapclassify.NaturalBreaks,
        "fisher_jenks": mapclassify.FisherJenks,
    }
    if scheme not in makers:
        raise ValueError(f"scheme must be one of {', '.join(SCHEMES)}; got {scheme!r}")
    return [float(b) for b in np.unique(makers[scheme](v, k=k).bins)]


def _classify(values: pd.Series, bins: Sequence[float]) -> pd.Series:
    """Class index 0..len(bins)-1: value v goes to the first class with v <= bound."""
    edges = np.asarray(bins, dtype="float64")
    idx = np.searchsorted(edges, values.to_numpy(dtype="float64"), side="left")
    idx = idx.astype("float64")
    idx[values.isna().to_numpy()] = np.nan
    return pd.Series(idx, index=values.index)


def _bin_labels(bins: Sequence[float], fmt: str) -> list[str]:
    """Legend texts: "≤ b0", "b0 – b1", ... (classes are right-closed)."""
    out = [f"≤ {fmt.format(bins[0])}"]
    out += [f"{fmt.format(lo)} – {fmt.format(hi)}" for lo, hi in zip(bins[:-1], bins[1:])]
    return out


def _map_frame(data: pd.DataFrame, column: str, level: str):
    if "code" not in data.columns:
        raise KeyError("data needs a 'code' column (gazetteer codes); use kosovo_hr.harmonize first")
    if data["code"].duplicated().any():
        dup = data.loc[data["code"].duplicated(), "code"].unique().tolist()
        raise ValueError(f"one row per area is needed; duplicated codes: {dup} (filter by year first?)")
    geo = _boundaries(level)
    unknown = sorted(set(data["code"]) - set(geo["code"]))
    if unknown:
        raise ValueError(f"codes not in the {level} boundaries: {unknown}")
    return geo[["code", "geometry"]].merge(data[["code", column]], on="code", how="left")


def hatch_units(ax: "Axes", codes: Sequence[str], *, level: str = "municipality", hatch: str = "...",
                edgecolor: str = "white") -> "Axes":
    """Overlay a hatch on the polygons of ``codes`` (e.g. assignments that rest on inference)."""
    geo = _boundaries(level)
    geo[geo["code"].isin(list(codes))].plot(ax=ax, facecolor="none", edgecolor=edgecolor, hatch=hatch,
                                            linewidth=0)
    return ax


def choropleth(
    data: pd.DataFrame,
    column: str,
    *,
    level: str = "municipality",
    lang: str = "en",
    bins: Sequence[float] | None = None,
    scheme: str = "quantiles",
    k: int = 5,
    cmap: str = "YlOrRd",
    categorical: bool | None = None,
    colors: dict | None = None,
    category_labels: dict | None = None,
    title: str | None = None,
    legend_title: str | None = None,
    ax: "Axes | None" = None,
    sources: Sequence[str] = ("geoboundaries_adm2",),
    note: str | None = None,
    labels: bool = False,
    fmt: str = "{:,.0f}",
    regions: bool = True,
    legend: bool = True,
    source_line: bool = True,
    missing_label: str | None = None,
) -> "Axes":
    """Draw ``data[column]`` on the map of municipalities (or regions/districts).

    Parameters
    ----------
    data : frame with a ``code`` column and ``column``; one row per area.
    level : "municipality", "osce_region", "district" or "pre2008" (the 30
        municipalities of 2000–2008, see :mod:`kosovo_hr.geo.pre2008`).
    lang : "sq", "sr" or "en" for labels and legend texts.
    bins : fixed upper class bounds (see :func:`class_bins`); otherwise computed
        from the data with ``scheme`` and ``k``.
    categorical : colour by category rather than by class (default: when the
        column is not numeric). ``colors`` maps category -> colour and
        ``category_labels`` category -> legend text.
    sources : declared source ids (their attribution is printed) or free text
        citations for committed tables.
    labels : write each area's name (in ``lang``) on the map.
    missing_label : legend text for missing areas (default "no data" in
        ``lang``; e.g. "suppressed (small count)" for protected cells).

    Returns the matplotlib Axes. Missing values are hatched and listed in the
    legend as "no data" in ``lang``.
    """
    import matplotlib.pyplot as plt

    check_lang(lang)
    geo = _map_frame(data, column, level)
    if ax is None:
        _, ax = plt.subplots(figsize=(7.5, 8))
    with deferred_drawing(ax.figure):  # type: ignore[arg-type]
        _draw(ax, geo, column, level=level, lang=lang, bins=bins, scheme=scheme, k=k, cmap=cmap,
              categorical=categorical, colors=colors, category_labels=category_labels, title=title,
              legend_title=legend_title, labels=labels, fmt=fmt, regions=regions, legend=legend,
              missing_label=missing_label)
    if source_line:
        add_source_line(ax.figure, sources, lang, note=note)  # type: ignore[arg-type]
    return ax


def _draw(ax, geo, column, *, level, lang, bins, scheme, k, cmap, categorical, colors, category_labels,
          title, legend_title, labels, fmt, regions, legend, missing_label) -> None:
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    values = geo[column]
    if categorical is None:
        categorical = not pd.api.types.is_numeric_dtype(values)
    handles: list = []
    missing = values.isna()
    if categorical:
        cats = sorted(pd.unique(values.dropna()), key=str)
        if colors is None:
            palette = plt.get_cmap("tab10")
            colors = {c: palette(i % 10) for i, c in enumerate(cats)}
        lacking = [c for c in cats if c not in colors]
        if lacking:
            raise ValueError(f"colors has no colour for categor(ies) {lacking}; give one for each of {cats}")
        for c in cats:
            sel = values == c
            geo[sel].plot(ax=ax, color=colors[c], edgecolor="white", linewidth=0.5)
            text = (category_labels or {}).get(c, str(c))
            handles.append(Patch(facecolor=colors[c], edgecolor="white", label=text))
    else:
        numeric = pd.to_numeric(values, errors="raise").astype("float64")
        if bins is None:
            bins = class_bins(numeric, scheme, k) if numeric.notna().any() else [0.0]
        bins = list(bins)
        if numeric.max() > bins[-1]:
            raise ValueError(
                f"values up to {numeric.max()} exceed the last class bound {bins[-1]}; "
                "pass bins whose last bound covers every panel (see class_bins)"
            )
        cls = _classify(numeric, bins)
        palette = plt.get_cmap(cmap, len(bins))
        for i in range(len(bins)):
            sel = cls == i
            if sel.any():
                geo[sel].plot(ax=ax, color=palette(i), edgecolor="white", linewidth=0.5)
        for i, text in enumerate(_bin_labels(bins, fmt)):
            handles.append(Patch(facecolor=palette(i), edgecolor="white", label=text))
    if missing.any():
        geo[missing].plot(ax=ax, **MISSING_STYLE)
    handles.append(Patch(**MISSING_STYLE, label=missing_label or label("missing", lang)))
    if regions and level in ("municipality", "pre2008"):
        _boundaries("osce_region").boundary.plot(ax=ax, color="#222222", linewidth=1.4)
        handles.append(Line2D([], [], color="#222222", linewidth=1.4, label=label("region_outline", lang)))
    if labels:
        display = _area_names(level, lang)
        for code, pt in zip(geo["code"], geo.geometry.representative_point()):
            ax.annotate(display[code], (pt.x, pt.y), ha="center", va="center", fontsize=6,
                        color="#111111")
    ax.set_aspect(ASPECT)
    ax.set_axis_off()
    if title:
        ax.set_title(title, fontsize=11)
    if legend:
        ax.legend(handles=handles, title=legend_title, loc="lower left", fontsize=7,
                  title_fontsize=8, frameon=True, framealpha=0.9, bbox_to_anchor=(1.0, 0.0))


def small_multiples(
    data: pd.DataFrame,
    column: str,
    facet: str,
    *,
    ncols: int = 3,
    bins: Sequence[float] | None = None,
    scheme: str = "quantiles",
    k: int = 5,
    lang: str = "en",
    title: str | None = None,
    facet_titles: dict | None = None,
    legend_title: str | None = None,
    sources: Sequence[str] = ("geoboundaries_adm2",),
    note: str | None = None,
    level: str = "municipality",
    cmap: str = "YlOrRd",
    fmt: str = "{:,.0f}",
    panel_size: float = 3.2,
) -> "Figure":
    """One map per value of ``facet`` (e.g. year), all with the same class bins.

    ``bins`` default to classes computed once over all panels, so a colour
    means the same value in every panel. Areas missing in a panel are hatched.
    """
    import matplotlib.pyplot as plt

    check_lang(lang)
    values = sorted(pd.unique(data[facet].dropna()))
    if not values:
        raise ValueError(f"no values in facet column {facet!r}")
    if bins is None:
        bins = class_bins(data[column], scheme, k)
    nrows = math.ceil(len(values) / ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(panel_size * ncols + 1.8, panel_size * 1.15 * nrows + 0.8),
                             squeeze=False)
    with deferred_drawing(fig):
        for i, (ax, v) in enumerate(zip(axes.flat, values)):
            sub = data[data[facet] == v]
            choropleth(sub, column, level=level, lang=lang, bins=bins, cmap=cmap, ax=ax,
                       title=(facet_titles or {}).get(v, str(v)), legend=(i == len(values) - 1),
                       legend_title=legend_title, fmt=fmt, source_line=False)
    for ax in list(axes.flat)[len(values):]:
        ax.set_axis_off()
    if title:
        fig.suptitle(title, fontsize=12)
    add_source_line(fig, sources, lang, note=note)
    return fig
