"""The source line printed at the foot of every figure: short, in the figure's language, fit for print.

Each entry of ``sources`` is a declared source id (``geoboundaries_adm2``), the
path of a committed table (``kosovo_hr/data/population/population.csv``) or a
label key; its short credit (publisher and years, no file path) is the label
``source.<entry>`` of the label table in ``lang``.  The full citation of every
source stays in ``figures/index.csv`` and ``kosovo-hr sources``.

The line is set at :data:`~kosovo_hr.plots.style.MIN_TEXT_PT` (8 pt) or
more *at the printed width*: a figure wider than the page is scaled down
when printed, so its source line is set larger by the same factor.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .i18n import has_label, label
from .style import MIN_TEXT_PT, MUTED, PRINT_WIDTH_IN

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: gid of the source-line text artist (found again in tests and SVG files).
GID = "source-line"
_PATH = re.compile(r"(?:kosovo_hr|data|shared|figures)/[\w./-]+|\b[\w-]+\.(?:csv|json|md|xlsx|topojson)\b")


def source_credit(entry: str, lang: str) -> str:
    """The short credit of one source entry in ``lang`` (the ``source.<entry>`` label).

    A declared source or committed table without a credit is a
    :class:`~kosovo_hr.plots.i18n.LabelError`; free text (anything else) is
    printed as given, minus file paths.
    """
    key = f"source.{entry}"
    if has_label(key):
        return label(key, lang)
    from ..sources import catalogue

    if entry in catalogue() or _PATH.fullmatch(entry):
        return label(key, lang)  # raises, naming the key and the language
    return re.sub(r"\s*\(\s*\)", "", _PATH.sub("", entry)).strip(" ;,")


def source_text(sources: Sequence[str], lang: str, note: str | None = None) -> str:
    """ "Source: ..." in ``lang`` from the short credits of ``sources`` (repeats dropped), then ``note``."""
    parts: list[str] = []
    for s in sources:
        text = source_credit(s, lang)
        if text and text not in parts:
            parts.append(text)
    line = f"{label('source', lang)}: " + "; ".join(parts)
    if note:
        line += "\n" + note
    return line


def source_fontsize(fig: "Figure") -> float:
    """Font size (pt) that prints at :data:`MIN_TEXT_PT` when ``fig`` is scaled to the page width."""
    width = fig.get_figwidth()
    return MIN_TEXT_PT * max(1.0, width / PRINT_WIDTH_IN)


def add_source_line(fig: "Figure", sources: Sequence[str], lang: str, note: str | None = None) -> None:
    """Print the sources (and an optional caveat ``note``) at the bottom of ``fig``, wrapped to its width.

    The text sits below the axes (the figure is saved with a tight bounding
    box, so the line adds height, never overlaps) and carries ``gid="source-line"``.
    """
    size = source_fontsize(fig)
    chars = max(40, int(fig.get_figwidth() * 72 / (size * 0.56)))  # DejaVu Sans averages ~0.56 em
    text = source_text(sources, lang, note)
    wrapped = "\n".join(textwrap.fill(p, chars) for p in text.split("\n"))
    fig.text(
        0.01,
        0.0,
        wrapped,
        ha="left",
        va="top",
        fontsize=size,
        color=MUTED,
        gid=GID,
        transform=fig.transFigure,
        linespacing=1.25,
    )
    place_source_line(fig)


def place_source_line(fig: "Figure") -> None:
    """Put the source line(s) of ``fig`` just below everything else drawn so far (no overlap).

    Called by :func:`add_source_line` and again when a registered figure is
    finished (its body may add artists after the source line).
    """
    lines = [t for t in fig.texts if t.get_gid() == GID]
    if not lines:
        return
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]  # Agg and other raster canvases
    for t in lines:
        t.set_visible(False)
    bbox = fig.get_tightbbox(renderer)
    for t in lines:
        t.set_visible(True)
    w, h = fig.get_figwidth(), fig.get_figheight()
    for t in lines:
        t.set_position((bbox.x0 / w, bbox.y0 / h - 0.06 / h))
