"""Drawing helpers for yearly national series (bars with exact Poisson whiskers, copies, year axes).

Moved here from the trafficking figures, which the hate-crime and
displacement figures shared; drawing only, the tables come from
:mod:`kosovo_hr.indicators.national`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .i18n import label
from .numbers import format_number

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["FAMILY", "trend_text", "draw_counts", "draw_other_values", "style_year_axis"]

#: Model families named in trend lines: label keys ``family.<name>`` in the label table.
FAMILY = ("poisson", "negbin", "quasipoisson")


def trend_text(trend: dict, lang: str, prefix: str) -> str:
    """One line describing a :func:`kosovo_hr.indicators.national.national_trend` result in ``lang``.

    The templates are the labels ``<prefix>.trend`` and ``<prefix>.no_trend``
    (fields ``{years}``, ``{apc}``, ``{lo}``, ``{hi}``, ``{family}``: the
    percentages are written by Babel in ``lang``, with a sign).
    """
    if trend["too_sparse"] or not np.isfinite(trend["apc"]):
        return label(f"{prefix}.no_trend", lang).format(reason=trend["reason"] or "-")
    pct = {
        k: format_number(trend[c], lang, 1, sign=True)
        for k, c in (("apc", "apc"), ("lo", "apc_lower"), ("hi", "apc_upper"))
    }
    years = str(trend["years"]).replace("-", "\u2013")
    family = label(f"family.{trend['family']}", lang)
    return label(f"{prefix}.trend", lang).format(years=years, family=family, **pct)


def draw_counts(
    ax: "Axes", tab: pd.DataFrame, *, color: str, name: str, width: float = 0.6, offset: float = 0.0
) -> None:
    """Bars of a :func:`series_table` with exact Poisson whiskers where the count is exact."""
    x = tab["year"].to_numpy(float) + offset
    y = tab["value"].to_numpy(float)
    ax.bar(x, y, width=width, color=color, label=name, zorder=2)
    ok = tab["value_lower"].notna().to_numpy()
    if ok.any():
        lo, hi = tab["value_lower"].to_numpy(float)[ok], tab["value_upper"].to_numpy(float)[ok]
        err = np.vstack([y[ok] - lo, hi - y[ok]])
        ax.errorbar(x[ok], y[ok], yerr=err, fmt="none", ecolor="#222222", elinewidth=1, capsize=3, zorder=3)


def draw_other_values(ax: "Axes", tab: pd.DataFrame, *, color: str, offset: float = 0.0) -> None:
    """Hollow markers at the values :func:`one_per_year` did not keep, in years where the sources disagree.

    ``tab`` is a :func:`one_per_year` (or :func:`series_table`) frame; years whose
    sources agree draw nothing, so the kept figure stands alone.
    """
    for _, row in tab[~tab["agree"].astype(bool)].iterrows():
        others = [
            float(v) for v in str(row["values_all"]).split(";") if not np.isclose(float(v), row["value"], rtol=1e-5)
        ]  # values_all is written with :g
        ax.scatter(
            [row["year"] + offset] * len(others),
            others,
            marker="o",
            s=30,
            facecolors="none",
            edgecolors=color,
            zorder=4,
        )


def style_year_axis(ax: "Axes", lang: str, years: Iterable[int]) -> None:
    """Ticks at every year given, the translated "year" label, light horizontal grid."""
    years = sorted({int(y) for y in years})
    ax.set_xticks(years)
    ax.set_xticklabels([str(y) for y in years], rotation=0)
    ax.set_xlabel(label("year", lang))
    ax.grid(axis="y", color="#dddddd", zorder=0)
    ax.spines[["top", "right"]].set_visible(False)
