"""Small-count protection for publishing victim-level counts.

Why a threshold of 5 by default
-------------------------------
Counts of 1-4 victims in a municipality (Partesh has ~1,800-3,200 people,
Mamushë ~5,500) can point to identifiable people, particularly combined with
community, year or the type of incident. A minimum cell frequency of 5 is a
widely used rule of thumb in official statistics and health reporting for
tabular data of this kind (see e.g. Eurostat/ESSnet, *Handbook on
Statistical Disclosure Control*, 2010, chapter 4 on frequency tables). It is
a convention, not a guarantee: raise ``threshold`` (e.g. to 10) for very
sensitive data (sexual violence, trafficking victims), and never lower it
for publication without a reason.

Rules
-----
* **Primary suppression:** a cell with ``0 < count < threshold`` is
  suppressed. Zeros are published as 0 (a zero identifies nobody); missing
  counts stay missing.
* **Secondary suppression:** for every group of cells whose total may be
  published or computed (``group``, e.g. all municipalities of one year, so
  the Kosovo total of that year; or several groupings for a two-way table),
  more cells are suppressed (smallest non-zero first, then zeros) until
  (a) at least two cells of the group are suppressed, (b) the suppressed
  cells together hold at least ``threshold`` events (so the residual
  "total minus published cells" is not itself a small count) and (c) no
  suppressed cell can be pinned to one value from the total, the published
  cells and the public bounds. Since ``suppression_reason`` is published,
  an outsider knows that a primary cell lies in 1..threshold-1 and that a
  secondary cell does *not* (it is 0 or threshold..residual); rule (c) is
  checked exactly on these sets of whole numbers. Rules (a)-(c) are checked
  for each grouping in turn and repeated until nothing changes.
* A suppressed cell becomes ``<NA>`` in a nullable ``Int64`` column, never
  0; ``suppressed`` (bool) and ``suppression_reason`` (``"primary"``,
  ``"secondary"`` or ``""``) say why. Columns derived from the count
  (``rate``, ``rate_lower``, ``rate_upper`` by default) are blanked too.

The reason column tells readers that a primary cell is 1-4; that is what a
"<5" marker says anyway. A group of one cell cannot be protected by
suppressing cells; such groups are listed in ``df.attrs["suppression_warnings"]``
(publish no total for them).

Multi-way tables with linked totals can need linear-programming based
methods (e.g. tau-ARGUS) for a full audit; this function guarantees rules
(a)-(c) per grouping.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..errors import KosovoHRValueError
from ._validate import check_counts

__all__ = ["suppress", "feasible_intervals", "feasible_values"]

DERIVED = ("rate", "rate_lower", "rate_upper")


def feasible_intervals(
    published_total: float, values: np.ndarray, suppressed: np.ndarray, primary: np.ndarray, threshold: int
) -> list[tuple[float, float]]:
    """Interval an outsider can derive for each suppressed cell of one group.

    Knowing the group total, the published cells and the bounds (primary
    cells 1..threshold-1, other suppressed cells 0..residual), each
    suppressed cell lies in ``[lo, hi]`` with
    ``lo = max(own_lo, residual - sum(others' hi))`` and
    ``hi = min(own_hi, residual - sum(others' lo))``.

    These are interval bounds: they ignore that a secondary cell cannot lie
    in 1..threshold-1 (its reason says it is not primary), so a cell can be
    pinned although ``hi > lo`` (e.g. cells 1 and 5 of a group whose other
    cells are published: residual 6, and 5 is the only secondary value that
    fits). :func:`suppress` checks the exact sets (:func:`feasible_values`).
    """
    residual = published_total - values[~suppressed].sum()
    idx = np.flatnonzero(suppressed)
    lo = np.where(primary[idx], 1.0, 0.0)
    hi = np.where(primary[idx], threshold - 1.0, residual)
    out = []
    for j in range(len(idx)):
        others_hi = hi.sum() - hi[j]
        others_lo = lo.sum() - lo[j]
        out.append((max(lo[j], residual - others_hi), min(hi[j], residual - others_lo)))
    return out


def _add_range(bits: int, lo: int, hi: int, limit: int) -> int:
    """The sums ``s + x`` (up to ``limit``) for ``s`` in ``bits`` and ``lo <= x <= hi``.

    Sets of whole numbers are Python ints used as bit sets: bit i set means i is in the set.
    """
    if hi < lo:
        return 0
    keep = (1 << (limit + 1)) - 1
    out, span = bits, 0
    while span < hi - lo:  # add 0..hi-lo by doubling the span covered, then shift by lo
        step = min(span + 1, hi - lo - span)
        out = (out | (out << step)) & keep
        span += step
    return (out << lo) & keep


def feasible_values(residual: int, primary: np.ndarray, threshold: int) -> list[list[int]]:
    """Every value an outsider cannot rule out for each suppressed cell of one group.

    ``residual`` is the group total minus its published cells; ``primary``
    (one bool per suppressed cell) says which cells are primary. A primary
    cell lies in 1..threshold-1; any other suppressed cell is 0 or
    threshold..residual (it would be primary otherwise); together they sum
    to ``residual``. A cell with a single feasible value is disclosed.
    """
    return [
        [x for x, bit in enumerate(bin(b)[:1:-1]) if bit == "1"] for b in _feasible_bits(residual, primary, threshold)
    ]


def _feasible_bits(residual: float, primary: np.ndarray, threshold: int) -> list[int]:
    """:func:`feasible_values` as bit sets (bit x set: value x is feasible)."""
    r = int(round(residual))

    def add(bits: int, is_primary: bool) -> int:
        if is_primary:
            return _add_range(bits, 1, threshold - 1, r)
        return bits | _add_range(bits, threshold, r, r)

    own = [add(1, bool(p)) for p in primary]
    out = []
    for j in range(len(own)):
        others = 1
        for k, p in enumerate(primary):
            if k != j:
                others = add(others, bool(p))
        # x is feasible when R - x is a possible sum of the other cells
        mirrored = int(format(others, f"0{r + 1}b")[::-1], 2)
        out.append(own[j] & mirrored)
    return out


def _group_ok(v: np.ndarray, sup: np.ndarray, prim: np.ndarray, threshold: int) -> bool:
    if not sup.any():
        return True
    if sup.sum() < 2 or v[sup].sum() < threshold:
        return False
    residual = v[sup].sum()  # = group total - published cells
    return all(bin(b).count("1") > 1 for b in _feasible_bits(residual, prim[sup], threshold))


def suppress(
    df: pd.DataFrame,
    count: str = "count",
    *,
    threshold: int = 5,
    group: Sequence[str] | Sequence[Sequence[str]] | None = ("year",),
    derived: Sequence[str] = DERIVED,
) -> pd.DataFrame:
    """Return a copy of ``df`` with small counts suppressed (primary + secondary).

    Parameters
    ----------
    count : count column (whole numbers >= 0; missing allowed and kept missing).
    threshold : counts 1..threshold-1 are suppressed (default 5, see module doc).
    group : the cells whose total is published (or can be computed), e.g.
        ``("year",)``: all rows of one year form a group, whose total is the
        Kosovo figure of that year. Pass a list of such tuples for several
        groupings, e.g. ``[("year",), ("code",)]`` for a code x year table
        whose row and column totals are both published; ``()`` makes the whole
        frame one group; ``None`` applies primary suppression only (only safe
        when no total is published anywhere).
    derived : columns blanked wherever the count is suppressed (if present).

    Returns the frame with ``count`` as nullable ``Int64`` (``<NA>`` where
    suppressed), ``suppressed`` and ``suppression_reason`` columns.
    """
    if threshold < 2:
        raise KosovoHRValueError("threshold must be at least 2")
    v = check_counts(df, count)
    missing = np.isnan(v)
    prim = (v > 0) & (v < threshold)
    sup = prim.copy()
    if group is None:
        groupings: list[list[str]] = []
    elif len(group) == 0:
        groupings = [[]]
    elif isinstance(group[0], str):
        groupings = [[str(g) for g in group]]
    else:
        groupings = [list(g) for g in group]
    warnings: list[str] = []
    vals = np.where(missing, 0.0, v)
    # Each pass only adds suppressed cells, so at most len(df) passes change anything:
    # the loop always ends with every grouping checked and unchanged.
    for _ in range(len(df) + 1):
        changed = False
        for cols in groupings:
            keys = df[cols].astype(str).agg("|".join, axis=1).to_numpy() if cols else np.zeros(len(df), dtype=int)
            for k in pd.unique(keys):
                members = np.flatnonzero((keys == k) & ~missing)
                gv, gs, gp = vals[members], sup[members], prim[members]
                while not _group_ok(gv, gs, gp, threshold):
                    cand = np.flatnonzero(~gs)
                    if len(cand) == 0:
                        msg = (
                            f"group {dict(zip(cols, str(k).split('|')))}: cannot protect by "
                            f"cell suppression alone; do not publish its total"
                        )
                        if msg not in warnings:
                            warnings.append(msg)
                        break
                    # smallest non-zero first, then zeros
                    order = sorted(cand, key=lambda j: (gv[j] == 0, gv[j]))
                    gs[order[0]] = True
                    changed = True
                sup[members] = gs
        if not changed:
            break
    out = df.copy()
    ints = pd.array(np.where(missing, 0, v).astype("int64"), dtype="Int64")
    ints[missing | sup] = pd.NA
    out[count] = ints
    out["suppressed"] = sup
    out["suppression_reason"] = np.where(prim, "primary", np.where(sup, "secondary", ""))
    for c in derived:
        if c in out.columns:
            out[c] = out[c].astype("Float64")
            out.loc[sup, c] = pd.NA
    out.attrs["suppression_warnings"] = warnings
    return out
