"""One style for every figure: seaborn's "ticks" theme, DejaVu Sans, text kept as text in SVG and PDF.

Figures are drawn at the size they are printed: :data:`PRINT_WIDTH_IN` is the
text width of an A4 report page (16 cm), and no text is smaller than
:data:`MIN_TEXT_PT` at that width.  DejaVu Sans ships with matplotlib and
covers Albanian (ë, ç), Serbian Latin (č, ć, đ, š, ž) and Cyrillic.
SVG keeps text as ``<text>`` elements (``svg.fonttype = "none"``) and PDF
embeds TrueType fonts (Type 42) so that a designer can edit every word.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

from ..errors import KosovoHRValueError

#: Printed width of a full-width figure: the 16 cm text block of an A4 report page.
PRINT_WIDTH_IN = 16 / 2.54
#: Smallest text (points) at the printed width: the source line and every label.
MIN_TEXT_PT = 8.0
#: Default resolution of PNG output (print quality).
PNG_DPI = 300
FONT = "DejaVu Sans"

#: Colour-blind-safe palettes (ColorBrewer schemes marked colour-blind safe, and viridis family).
SEQUENTIAL = (
    "Blues",
    "BuGn",
    "BuPu",
    "GnBu",
    "Greens",
    "Greys",
    "OrRd",
    "Oranges",
    "PuBu",
    "PuBuGn",
    "PuRd",
    "Purples",
    "RdPu",
    "Reds",
    "YlGn",
    "YlGnBu",
    "YlOrBr",
    "YlOrRd",
    "viridis",
    "cividis",
    "mako",
    "rocket",
)
DIVERGING = ("RdBu", "PuOr", "BrBG", "PiYG", "PRGn", "RdYlBu")
#: Qualitative colours that stay distinct for the common colour-vision deficiencies (Okabe & Ito 2008).
OKABE_ITO = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000")
#: Line/bar colours of the statistical figures (seaborn's colour-blind palette, ordered).
PALETTE = "colorblind"
TEXT_COLOUR = "#222222"
MUTED = "#555555"


@lru_cache(maxsize=1)
def rc() -> dict:
    """The rcParams of the project style (seaborn "ticks" + paper sizes + print/vector settings)."""
    import seaborn as sns

    params = {**sns.axes_style("ticks"), **sns.plotting_context("paper")}
    params.update(
        {
            "font.family": "sans-serif",
            "font.sans-serif": [FONT],
            "font.size": 8.5,
            "axes.titlesize": 10,
            "axes.labelsize": 8.5,
            "xtick.labelsize": 8,
            "ytick.labelsize": 8,
            "legend.fontsize": 8,
            "legend.title_fontsize": 8,
            "figure.titlesize": 11,
            "axes.edgecolor": MUTED,
            "axes.labelcolor": TEXT_COLOUR,
            "text.color": TEXT_COLOUR,
            "xtick.color": MUTED,
            "ytick.color": MUTED,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.grid": False,
            "grid.color": "#dddddd",
            "legend.frameon": False,
            "figure.dpi": 100,
            "savefig.dpi": PNG_DPI,
            "savefig.bbox": "tight",
            "savefig.pad_inches": 0.08,
            "svg.fonttype": "none",
            "pdf.fonttype": 42,
            "ps.fonttype": 42,
            "axes.unicode_minus": True,
            "hatch.linewidth": 0.6,
        }
    )
    params["axes.prop_cycle"] = __import__("cycler").cycler(color=sns.color_palette(PALETTE))
    return params


@contextmanager
def project_style() -> Iterator[None]:
    """Draw (and save) inside this block to get the project style; rcParams are restored after."""
    import matplotlib as mpl

    with mpl.rc_context(rc()):
        yield


def use_style() -> None:
    """Set the project style for the rest of the session (e.g. at the top of a notebook)."""
    import matplotlib as mpl

    mpl.rcParams.update(rc())


def check_cmap(cmap: str, scale: str) -> str:
    """``cmap`` if it is a colour-blind-safe palette of the right kind for ``scale``.

    ``scale="sequential"`` (rates, shares, counts) takes one of
    :data:`SEQUENTIAL`; ``scale="diverging"`` (change around zero) one of
    :data:`DIVERGING`.  A ``_r`` suffix (reversed) is allowed.
    """
    allowed = {"sequential": SEQUENTIAL, "diverging": DIVERGING}
    if scale not in allowed:
        raise KosovoHRValueError(f"scale must be 'sequential' or 'diverging'; got {scale!r}")
    base = cmap[:-2] if cmap.endswith("_r") else cmap
    if base not in allowed[scale]:
        raise KosovoHRValueError(
            f"palette {cmap!r} is not a colour-blind-safe {scale} palette; use one of {', '.join(allowed[scale])}"
        )
    return cmap


def wrap(text: str, fig, share: float = 1.0, size: float = 10.0) -> str:
    """``text`` broken (line by line) into lines that fit ``share`` of ``fig``'s width at ``size`` pt."""
    import textwrap

    chars = max(30, int(fig.get_figwidth() * share * 72 / (size * 0.56)))
    return "\n".join(textwrap.fill(line, chars) for line in text.split("\n"))
