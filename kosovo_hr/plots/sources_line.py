"""The source and licence line printed at the foot of every figure."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from .i18n import label

if TYPE_CHECKING:
    from matplotlib.figure import Figure


def source_text(sources: Sequence[str], lang: str, note: str | None = None) -> str:
    """"Source: ..." in ``lang``; declared source ids become their attribution.

    Anything that is not a declared source id (e.g. the citation of a
    committed table) is printed as given.
    """
    from ..sources import catalogue

    cat = catalogue()
    parts: list[str] = []
    for s in sources:
        text = cat[s].attribution if s in cat else s
        if text not in parts:
            parts.append(text)
    line = f"{label('source', lang)}: " + "; ".join(parts)
    if note:
        line += "\n" + note
    return line


def add_source_line(fig: "Figure", sources: Sequence[str], lang: str, note: str | None = None) -> None:
    """Print the sources (and an optional caveat ``note``) at the bottom of ``fig``."""
    import textwrap

    text = source_text(sources, lang, note)
    wrapped = "\n".join(textwrap.fill(p, 150) for p in text.split("\n"))
    fig.text(0.01, 0.005, wrapped, ha="left", va="bottom", fontsize=6, color="#444444")
    fig.subplots_adjust(bottom=max(fig.subplotpars.bottom, 0.04 + 0.018 * wrapped.count("\n")))
