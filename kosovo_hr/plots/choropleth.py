"""Honest choropleth maps of municipal values with OSCE-region outlines.

* Missing values are drawn as missing: hatched, with their own legend entry;
  a municipality absent from the data is missing, never zero.
* Class bins can be fixed (``bins=``) so small multiples share one legend.
* OSCE region boundaries are drawn on top; labels use the gazetteer names in
  Albanian, Serbian (Latin or Cyrillic) or English (``lang=``), with a white
  halo, and numbers in a key where a name does not fit.
* Colour-blind-safe palettes only: sequential for rates and shares,
  diverging and centred on zero for change (:func:`class_colours`).
* The figure carries the source attribution and licence of the boundaries
  and of every source named in ``sources``.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, cast

import numpy as np
import pandas as pd

from ..errors import KosovoHRKeyError, KosovoHRValueError
from ..gazetteer import LEVELS as GAZETTEER_LEVELS
from ..gazetteer import names
from .i18n import check_lang, label, name_column
from .numbers import format_spec
from .sources_line import add_source_line
from .style import OKABE_ITO, PRINT_WIDTH_IN, check_cmap

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
        raise KosovoHRValueError(f"level must be one of {', '.join(LEVELS)}; got {level!r}")
    return boundaries(level)


def _area_names(level: str, lang: str) -> dict[str, str]:
    if level == "pre2008":
        from ..geo.pre2008 import pre2008_units

        u = pre2008_units()
        return dict(zip(u["code"], u[name_column(lang)]))
    return names(lang, level)


def class_bins(values: Sequence[float], scheme: str = "quantiles", k: int = 5) -> list[float]:
    """Upper class bounds for ``values`` (NaN ignored) with a mapclassify scheme.

    Use the result as ``bins=`` for every panel of a set of small multiples
    so that colours mean the same thing in each.
    """
    import mapclassify

    v = pd.Series(values, dtype="float64").dropna().to_numpy()
    if v.size == 0:
        raise KosovoHRValueError("no non-missing values to classify")
    k = max(1, min(k, np.unique(v).size))
    makers = {
        "quantiles": mapclassify.Quantiles,
        "equal_interval": mapclassify.EqualInterval,
        "natural_breaks": mapclassify.NaturalBreaks,
        "fisher_jenks": mapclassify.FisherJenks,
    }
    if scheme not in makers:
        raise KosovoHRValueError(f"scheme must be one of {', '.join(SCHEMES)}; got {scheme!r}")
    return [float(b) for b in np.unique(makers[scheme](v, k=k).bins)]


def _classify(values: pd.Series, bins: Sequence[float]) -> pd.Series:
    """Class index 0..len(bins)-1: value v goes to the first class with v <= bound."""
    edges = np.asarray(bins, dtype="float64")
    idx = np.searchsorted(edges, values.to_numpy(dtype="float64"), side="left")
    idx = idx.astype("float64")
    idx[values.isna().to_numpy()] = np.nan
    return pd.Series(idx, index=values.index)


def _bin_labels(bins: Sequence[float], fmt: str, lang: str = "en") -> list[str]:
    """Legend texts: "≤ b0", "b0 – b1", ... (classes are right-closed), numbers written in ``lang``."""

    def f(v: float) -> str:
        return format_spec(v, fmt, lang)

    out = [f"≤ {f(bins[0])}"]
    out += [f"{f(lo)} – {f(hi)}" for lo, hi in zip(bins[:-1], bins[1:])]
    return out


def class_colours(bins: Sequence[float], cmap: str, scale: str) -> list:
    """One colour per class of ``bins`` from a colour-blind-safe palette.

    Sequential: light to dark, never white (white is kept for "no data").
    Diverging: classes below zero take one side of the palette and classes
    above zero the other, with the same step of intensity on both sides, so
    that a colour's side says the sign and its depth the size: zero must be
    a class bound.
    """
    import matplotlib.pyplot as plt

    check_cmap(cmap, scale)
    pal = plt.get_cmap(cmap)
    n = len(bins)
    if scale == "sequential":
        return [pal(x) for x in np.linspace(0.18, 0.92, n)] if n > 1 else [pal(0.6)]
    edges = [float(b) for b in bins]
    if 0.0 not in edges[:-1]:
        raise KosovoHRValueError(f"a diverging scale is centred on zero: give 0 as a class bound (bins {list(bins)})")
    n_neg = edges.index(0.0) + 1  # classes up to and including the one ending at 0
    n_pos = n - n_neg
    m = max(n_neg, n_pos)
    neg = [pal(0.5 - 0.44 * j / m) for j in range(n_neg, 0, -1)]
    pos = [pal(0.5 + 0.44 * j / m) for j in range(1, n_pos + 1)]
    return neg + pos


def _map_frame(data: pd.DataFrame, column: str, level: str):
    if "code" not in data.columns:
        raise KosovoHRKeyError("data needs a 'code' column (gazetteer codes); use kosovo_hr.harmonize first")
    if data["code"].duplicated().any():
        dup = data.loc[data["code"].duplicated(), "code"].unique().tolist()
        raise KosovoHRValueError(f"one row per area is needed; duplicated codes: {dup} (filter by year first?)")
    geo = _boundaries(level)
    unknown = sorted(set(data["code"]) - set(geo["code"]))
    if unknown:
        raise KosovoHRValueError(f"codes not in the {level} boundaries: {unknown}")
    return geo[["code", "geometry"]].merge(data[["code", column]], on="code", how="left")


def hatch_units(
    ax: "Axes", codes: Sequence[str], *, level: str = "municipality", hatch: str = "...", edgecolor: str = "white"
) -> "Axes":
    """Overlay a hatch on the polygons of ``codes`` (e.g. assignments that rest on inference)."""
    geo = _boundaries(level)
    geo[geo["code"].isin(list(codes))].plot(ax=ax, facecolor="none", edgecolor=edgecolor, hatch=hatch, linewidth=0)
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
    cmap: str | None = None,
    scale: str | None = None,
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
    legend_values: pd.Series | None = None,
) -> "Axes":
    """Draw ``data[column]`` on the map of municipalities (or regions/districts).

    Parameters
    ----------
    data : frame with a ``code`` column and ``column``; one row per area.
    level : "municipality", "osce_region", "district" or "pre2008" (the 30
        municipalities of 2000–2008, see :mod:`kosovo_hr.geo.pre2008`).
    lang : "sq", "sr", "sr-Cyrl" or "en" for labels, numbers and legend texts.
    bins : fixed upper class bounds (see :func:`class_bins`); otherwise computed
        from the data with ``scheme`` and ``k``.
    scale : "sequential" (rates, shares, counts; default) or "diverging"
        (change: centred on zero, which must be a class bound). Default:
        diverging when the bounds run from below zero to above it.
    cmap : a colour-blind-safe palette of that kind (see
        :data:`kosovo_hr.plots.style.SEQUENTIAL` / ``DIVERGING``); default
        ``YlOrRd`` / ``RdBu``. Others are refused.
    categorical : colour by category rather than by class (default: when the
        column is not numeric). ``colors`` maps category -> colour (default
        Okabe–Ito) and ``category_labels`` category -> legend text.
    sources : declared source ids or committed table paths; their short
        credits (label ``source.<id>``) are printed in ``lang``.
    labels : write each area's name (in ``lang``) on the map, with a white
        halo; an area too small for its name, or whose name would collide
        with another, gets a number, explained in a key under the map.
    fmt : Python format of the class bounds (``"{:,.0f}"``, ``"{:+.0f}"``,
        ``"{:.1f}"``); the number itself is written by Babel in ``lang``.
    missing_label : legend text for missing areas (default "no data" in
        ``lang``; e.g. "suppressed (small count)" for protected cells).
    legend_values : the values of every panel sharing this legend (small
        multiples): the legend lists the classes present in any of them.

    Returns the matplotlib Axes. Missing values are hatched; the legend
    lists only the classes present, and "no data" when an area is missing.
    """
    import matplotlib.pyplot as plt

    check_lang(lang)
    geo = _map_frame(data, column, level)
    if ax is None:
        _, ax = plt.subplots(figsize=(PRINT_WIDTH_IN, PRINT_WIDTH_IN * 0.95))
    fig = cast("Figure", ax.figure)
    with deferred_drawing(fig):
        _draw(
            ax,
            geo,
            column,
            level=level,
            lang=lang,
            bins=bins,
            scheme=scheme,
            k=k,
            cmap=cmap,
            scale=scale,
            categorical=categorical,
            colors=colors,
            category_labels=category_labels,
            title=title,
            legend_title=legend_title,
            labels=labels,
            fmt=fmt,
            regions=regions,
            legend=legend,
            missing_label=missing_label,
            legend_values=legend_values,
        )
    if source_line:
        add_source_line(fig, sources, lang, note=note)
    return ax


def _numeric_classes(values: pd.Series, bins, scheme, k):
    numeric = pd.to_numeric(values, errors="raise").astype("float64")
    if bins is None:
        bins = class_bins(numeric, scheme, k) if numeric.notna().any() else [0.0]
    bins = list(bins)
    if numeric.max() > bins[-1]:
        raise KosovoHRValueError(
            f"values up to {numeric.max()} exceed the last class bound {bins[-1]}; "
            "pass bins whose last bound covers every panel (see class_bins)"
        )
    return numeric, bins


def _draw(
    ax,
    geo,
    column,
    *,
    level,
    lang,
    bins,
    scheme,
    k,
    cmap,
    scale,
    categorical,
    colors,
    category_labels,
    title,
    legend_title,
    labels,
    fmt,
    regions,
    legend,
    missing_label,
    legend_values,
) -> None:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    values = geo[column]
    if categorical is None:
        categorical = not pd.api.types.is_numeric_dtype(values)
    handles: list = []
    missing = values.isna()
    fills: dict = {}  # code -> fill colour (to choose label colours)
    if categorical:
        cats = sorted(pd.unique(values.dropna()), key=str)
        if colors is None:
            colors = {c: OKABE_ITO[i % len(OKABE_ITO)] for i, c in enumerate(cats)}
        lacking = [c for c in cats if c not in colors]
        if lacking:
            raise KosovoHRValueError(f"colors has no colour for categor(ies) {lacking}; give one for each of {cats}")
        for c in cats:
            sel = values == c
            geo[sel].plot(ax=ax, color=colors[c], edgecolor="white", linewidth=0.5)
            fills.update(dict.fromkeys(geo.loc[sel, "code"], colors[c]))
            text = (category_labels or {}).get(c, str(c))
            handles.append(Patch(facecolor=colors[c], edgecolor="white", label=text))
    else:
        numeric, bins = _numeric_classes(values, bins, scheme, k)
        if scale is None:
            scale = "diverging" if bins[0] < 0 < bins[-1] or (min(bins) < 0 and numeric.max() > 0) else "sequential"
        cmap = cmap or ("RdBu" if scale == "diverging" else "YlOrRd")
        palette = class_colours(bins, cmap, scale)
        cls = _classify(numeric, bins)
        for i in range(len(bins)):
            sel = cls == i
            if sel.any():
                geo[sel].plot(ax=ax, color=palette[i], edgecolor="white", linewidth=0.5)
                fills.update(dict.fromkeys(geo.loc[sel, "code"], palette[i]))
        present = set(cls.dropna().astype(int))
        if legend_values is not None:
            lv = pd.to_numeric(pd.Series(legend_values), errors="raise").astype("float64")
            present |= set(_classify(lv, bins).dropna().astype(int))
            missing_any = bool(missing.any() or lv.isna().any())
        else:
            missing_any = bool(missing.any())
        for i, text in enumerate(_bin_labels(bins, fmt, lang)):
            if i in present:
                handles.append(Patch(facecolor=palette[i], edgecolor="white", label=text))
    if categorical:
        missing_any = bool(missing.any())
    if missing.any():
        geo[missing].plot(ax=ax, **MISSING_STYLE)
    if missing_any:
        handles.append(Patch(**MISSING_STYLE, label=missing_label or label("missing", lang)))
    if regions and level in ("municipality", "pre2008"):
        _boundaries("osce_region").boundary.plot(ax=ax, color="#222222", linewidth=1.2)
        handles.append(Line2D([], [], color="#222222", linewidth=1.2, label=label("region_outline", lang)))
    ax.set_aspect(ASPECT)
    ax.set_axis_off()
    if labels:
        place_labels(ax, geo, _area_names(level, lang), lang)
    if title:
        ax.set_title(title)
    if legend:
        ax.legend(
            handles=handles,
            title=legend_title,
            loc="lower left",
            frameon=True,
            framealpha=0.9,
            edgecolor="none",
            bbox_to_anchor=(1.0, 0.0),
            alignment="left",
        )


def _halo():
    from matplotlib import patheffects

    return [patheffects.withStroke(linewidth=2.2, foreground="white", alpha=0.9)]


def _label_size(fig) -> float:
    """Map label size: 7 pt at the printed width."""
    return 7.0 * max(1.0, fig.get_figwidth() / PRINT_WIDTH_IN)


def place_labels(ax: "Axes", geo, display: dict[str, str], lang: str, fontsize: float | None = None) -> list[str]:
    """Write area names on the map without collisions; return the codes that got a number instead.

    Each name is measured with the renderer and placed at its area's
    representative point, on one line or broken at a space into two.  An
    area too small for its name gets a number (reserved first); the other
    names are placed largest area first, and one that would overlap a name
    or number already placed gets a number too.  The numbers are explained
    in a key under the map, sorted by name.  Every text has a white halo, so
    it reads on the darkest class colour.
    """
    import shapely
    from matplotlib.font_manager import FontProperties

    fig = cast("Figure", ax.figure)
    size = fontsize or _label_size(fig)
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]  # Agg and other raster canvases
    prop = FontProperties(size=size)
    bold = FontProperties(size=size, weight="bold")
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    pos = ax.get_position()
    w_in, h_in = pos.width * fig.get_figwidth(), pos.height * fig.get_figheight()
    scale = min(w_in / (x1 - x0), h_in / ((y1 - y0) * ASPECT))  # inches per degree of longitude
    pad = 1.2 / 72  # halo, inches

    def box(x, y, lines, fp=prop):
        sizes = [renderer.get_text_width_height_descent(t, fp, ismath=False) for t in lines]
        w_px = max(s[0] for s in sizes)
        h_px = size * fig.dpi / 72 * 1.15 * len(lines)
        w = (w_px / fig.dpi + 2 * pad) / scale / 2
        h = (h_px / fig.dpi + 2 * pad) / scale / ASPECT / 2
        return (x - w, y - h, x + w, y + h)

    def overlaps(a, b):
        return not (a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1])

    def options(name):
        words = name.split(" ")
        opts = [[name]]
        if len(words) > 1:
            cut = min(range(1, len(words)), key=lambda i: abs(len(" ".join(words[:i])) - len(" ".join(words[i:]))))
            opts.append([" ".join(words[:cut]), " ".join(words[cut:])])
        return opts

    # degrees² are enough to order areas by size (no projection needed for a ranking)
    order = geo.assign(_area=shapely.area(geo.geometry.to_numpy())).sort_values("_area", ascending=False)
    from shapely.ops import polylabel

    overhang = 4 / 72 / scale  # a halo text may overhang its area by 4 pt
    points: dict = {}
    fitting: dict[str, list[tuple]] = {}  # code -> [(point, lines), ...] that fit inside the area
    for code, shape in zip(order["code"], order.geometry):
        grown = shape.buffer(overhang)
        part = max(getattr(shape, "geoms", [shape]), key=lambda g: g.area)
        # the pole of inaccessibility (farthest from the edges) first, then points left/right/above/below it
        pole = polylabel(part, tolerance=(x1 - x0) / 500)
        dx, dy = (x1 - x0) / 60, (y1 - y0) / 60
        candidates = [pole, shape.representative_point()] + [
            type(pole)(pole.x + i * dx, pole.y + j * dy) for i, j in ((0, 1), (0, -1), (-1, 0), (1, 0))
        ]
        points[code] = pole
        fitting[code] = [
            (pt, ls)
            for pt in candidates
            for ls in options(display[code])
            if grown.contains(_box_polygon(box(pt.x, pt.y, ls)))
        ]
    numbered = [c for c in order["code"] if not fitting[c]]
    placed = [box(points[c].x, points[c].y, [str(len(numbered))], bold) for c in numbered]
    names_placed = []
    for code in order["code"]:
        if code in numbered:
            continue
        for pt, lines in fitting[code]:
            b = box(pt.x, pt.y, lines)
            if not any(overlaps(b, p) for p in placed):
                placed.append(b)
                names_placed.append((code, pt, lines))
                break
        else:
            numbered.append(code)
    for code, pt, lines in names_placed:
        ax.annotate(
            "\n".join(lines),
            (pt.x, pt.y),
            ha="center",
            va="center",
            fontsize=size,
            color="#111111",
            path_effects=_halo(),
            linespacing=1.0,
            gid=f"label-{code}",
        )
    if numbered:
        numbered.sort(key=lambda c: display[c])
        key_lines = []
        for n, code in enumerate(numbered, start=1):
            pt = points[code]
            ax.annotate(
                str(n),
                (pt.x, pt.y),
                ha="center",
                va="center",
                fontsize=size,
                color="#111111",
                fontweight="bold",
                path_effects=_halo(),
                gid=f"label-{code}",
            )
            key_lines.append(f"{n}\u00a0{display[code]}".replace(" ", "\u00a0"))
        # the key: one paragraph wrapped to the width of the map ("1 Name · 2 Name · ...")
        width_in = fig.get_figwidth() * (1 - pos.x0) * 0.95  # may run on under a neighbouring panel or legend
        chars = max(20, int(width_in * 72 / (size * 0.6)))
        lines, line = [], ""
        for item in key_lines:  # greedy: whole items, separators only between items of one line
            if line and len(line) + 5 + len(item) > chars:
                lines.append(line)
                line = item
            else:
                line = f"{line}  ·  {item}" if line else item
        lines.append(line)
        text = "\n".join(lines)
        ax.text(
            0.0,
            0.0,
            text,
            transform=ax.transAxes,
            ha="left",
            va="top",
            fontsize=size,
            color="#111111",
            gid="label-key",
            linespacing=1.3,
        )
    return numbered


def _box_polygon(b):
    from shapely.geometry import box as shp_box

    return shp_box(*b)


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
    cmap: str | None = None,
    scale: str | None = None,
    fmt: str = "{:,.0f}",
    panel_size: float | None = None,
) -> "Figure":
    """One map per value of ``facet`` (e.g. year), all with the same class bins and one legend.

    ``bins`` default to classes computed once over all panels, so a colour
    means the same value in every panel; the legend lists the classes present
    in any panel. Areas missing in a panel are hatched. The figure is sized
    to the printed page width unless ``panel_size`` (inches) is given.
    """
    import matplotlib.pyplot as plt

    check_lang(lang)
    values = sorted(pd.unique(data[facet].dropna()))
    if not values:
        raise KosovoHRValueError(f"no values in facet column {facet!r}")
    if bins is None:
        bins = class_bins(data[column], scheme, k)
    ncols = min(ncols, len(values))
    nrows = math.ceil(len(values) / ncols)
    legend_w = 1.7
    if panel_size is None:
        panel_size = (PRINT_WIDTH_IN - legend_w) / ncols
    fig, axes = plt.subplots(
        nrows, ncols, figsize=(panel_size * ncols + legend_w, panel_size * 1.12 * nrows + 0.5), squeeze=False
    )
    # every panel's values on the full map (missing areas included), for one legend of present classes
    geo_codes = _boundaries(level)["code"]
    every = pd.concat(
        [geo_codes.to_frame().merge(data[data[facet] == v][["code", column]], on="code", how="left") for v in values]
    )[column]
    with deferred_drawing(fig):
        for i, (ax, v) in enumerate(zip(axes.flat, values)):
            sub = data[data[facet] == v]
            choropleth(
                sub,
                column,
                level=level,
                lang=lang,
                bins=bins,
                cmap=cmap,
                scale=scale,
                ax=ax,
                legend=(i == len(values) - 1),
                legend_title=legend_title,
                fmt=fmt,
                source_line=False,
                legend_values=every,
            )
            ax.set_title((facet_titles or {}).get(v, str(v)), fontsize=8.5, pad=2)
    for ax in list(axes.flat)[len(values) :]:
        ax.set_axis_off()
    # one legend for the figure, right of the grid (not on a panel, where it could cover a map)
    last = axes.flat[len(values) - 1]
    leg = last.get_legend()
    handles, texts = leg.legend_handles, [t.get_text() for t in leg.get_texts()]
    leg.remove()
    right = 1 - legend_w / fig.get_figwidth()
    top = 1 - (0.6 if title else 0.2) / fig.get_figheight()
    fig.subplots_adjust(left=0.01, right=right, wspace=0.04, hspace=0.18, top=top, bottom=0.01)
    fig.legend(
        handles,
        texts,
        title=legend_title,
        loc="center left",
        bbox_to_anchor=(right + 0.01, 0.5),
        frameon=False,
        alignment="left",
    )
    if title:
        import textwrap

        fig.suptitle(
            textwrap.fill(title, int(fig.get_figwidth() * 72 / (11 * 0.56))),
            x=0.01,
            ha="left",
            y=1 - 0.08 / fig.get_figheight(),
            va="top",
        )
    add_source_line(fig, sources, lang, note=note)
    return fig
