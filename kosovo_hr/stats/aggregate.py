"""The one aggregation engine: sum municipal counts to OSCE regions, districts, Kosovo or pre-2008 units.

Rates are never averaged: counts and populations are summed and the rate is
recomputed from the sums (:func:`kosovo_hr.stats.rates`).

Codes are mapped through the gazetteer (:func:`kosovo_hr.gazetteer.membership`):
``level`` is ``osce_region``, ``district``, the single unit ``kosovo`` or
``pre2008`` (the 30 municipalities of 2000–2007, what
:func:`kosovo_hr.geo.pre2008.to_pre2008` calls). Historic units
(``kosovo_hr.historic_units()``, e.g. ``mitrovice_pre2013``) map to the
region of their successors when all successors share it. An unknown code
raises :class:`ValueError` listing every unknown code.

Missing values
--------------
A region is *complete* for a value column when every one of its member
municipalities is present in the frame (for that ``by`` group) and the value
is not missing for any of them. A successor of a historic unit counts as
present when the historic unit is (``mitrovice_pre2013`` covers South and North
Mitrovica). With ``boundaries="pre2008"`` (frames on the 30 pre-2008
municipalities, such as census 1991 or the Kosovo Memory Book), a
municipality created after 2005 counts as present when its parent is, since
its territory is inside the parent. ``boundaries=None`` reads a ``boundary``
column when the frame has one (as :func:`kosovo_hr.load_population` does),
else assumes current boundaries.

* ``partial=False`` (default): an incomplete region gets a missing (NA)
  total for that column, never a silent partial sum.
* ``partial=True``: the sum of the members that are present is returned.
  Use this only with the flags below in view. The rate is left missing
  where the count and the population sums cover different members.

Rows whose territories overlap in the same ``by`` group (a historic unit and
one of its successors, e.g. ``mitrovice_pre2013`` and ``mitrovice_e_veriut``
in one year, or ``mitrovice_pre2013`` and ``mitrovice_pre2008``) would count
the same territory twice: :class:`ValueError`.

Flags added: ``n_members`` (rows summed), ``complete`` (all columns
complete), ``missing_members`` (codes absent or with a missing value,
``;``-separated). A unit none of whose members is in the frame for a ``by``
group still gets its row there (missing totals, ``n_members`` 0).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..errors import KosovoHRKeyError, KosovoHRValueError
from ..gazetteer.units import LEVELS, check_level, covers, is_historic, members, membership, parents
from ._validate import as_float, check_counts

__all__ = ["aggregate", "membership", "LEVELS", "AGGREGATE_LEVELS"]

#: Levels :func:`aggregate` sums to (all of :data:`kosovo_hr.gazetteer.LEVELS` but ``municipality``).
AGGREGATE_LEVELS = tuple(lv for lv in LEVELS if lv != "municipality")


def _coverage(present: set[str], pre2008: bool, parent_of: dict[str, tuple[str, ...]]) -> set[str]:
    """Current municipality codes whose territory the present codes cover.

    For frames on pre-2008 boundaries a municipality carved out later is
    covered when one of its parents is.
    """
    covered: set[str] = set()
    for c in present:
        covered |= covers(c)
    if not pre2008:
        return covered
    for code, ps in parent_of.items():
        if any(p in covered or (p in present) for p in ps):
            covered.add(code)
    return covered


def _check_overlap(unit: str, group: dict, codes: Sequence[str]) -> None:
    """Raise when two rows of one group cover the same current municipality."""
    seen: dict[str, str] = {}
    clashes = []
    for c in sorted(codes, key=lambda x: (not is_historic(x), x)):  # historic units named first
        for m in sorted(covers(c)):
            if m in seen and seen[m] != c:
                clashes.append(f"{seen[m]} and {c}")
            seen[m] = c
    if clashes:
        raise KosovoHRValueError(
            f"unit {unit!r}, {group}: territory counted twice: the frame holds "
            f"{'; '.join(dict.fromkeys(clashes))}, whose territories overlap (summing them "
            f"would count the same area twice); keep either the historic unit or its "
            f"successors for that period"
        )


def _values(df: pd.DataFrame, column: str, ids: list[str], whole: bool) -> np.ndarray:
    if whole:
        return check_counts(df, column, id_cols=ids)
    x = as_float(df, column)
    if (np.isfinite(x) & (x < 0)).any() or np.isinf(x).any():
        raise KosovoHRValueError(
            f"column {column!r} has negative or infinite values; only amounts that add up "
            f"(counts, areas, populations) can be aggregated"
        )
    return x


def aggregate(
    df: pd.DataFrame,
    level: str = "osce_region",
    *,
    counts: Sequence[str] = ("count",),
    population: str | None = "population",
    by: Sequence[str] = ("year",),
    code: str = "code",
    partial: bool = False,
    boundaries: str | None = None,
    per: float = 100_000,
    conf: float = 0.95,
    whole: bool = True,
    keep_empty: bool = True,
    to: str | None = None,
) -> pd.DataFrame:
    """Sum ``counts`` and ``population`` from municipalities to ``level`` and recompute rates.

    Parameters
    ----------
    df : rows with a ``code`` column (gazetteer codes: current municipalities
        or historic units).
    level : ``"osce_region"``, ``"district"``, ``"kosovo"`` or ``"pre2008"``
        (``to=`` is the old spelling).
    counts : columns to sum (whole numbers, checked like :func:`rates`; with
        ``whole=False`` any non-negative amount, such as an area in km²).
    population : population column to sum, or None for counts only.
    by : other key columns kept apart (default ``("year",)``; ``()`` for none).
    partial : see the module docstring; default False gives NA for incomplete
        units.
    boundaries : ``"current"``, ``"pre2008"`` or None (see module docstring).
    keep_empty : also return units none of whose members is in a ``by``
        group (missing totals, ``n_members`` 0); False leaves them out.

    Returns one row per (``code`` of the target unit, *by*), with the summed
    columns (nullable Int64 for whole numbers), ``n_members``, ``complete``,
    ``missing_members`` and, when ``population`` is given, ``rate`` /
    ``rate_lower`` / ``rate_upper`` for the first count column
    (``<count>_rate`` ... for others).
    """
    from .rates import rates as _rates

    if to is not None:
        level = to
    if level not in AGGREGATE_LEVELS:
        raise KosovoHRValueError(
            f"level must be one of {', '.join(AGGREGATE_LEVELS)}; got {level!r} (to= is the old name of level=)"
        )
    check_level(level)
    by = list(by or ())
    counts = list(counts)
    if not counts:
        raise KosovoHRValueError("name the count columns to sum, e.g. counts=['persons']")
    if code not in df.columns:
        raise KosovoHRKeyError(
            f"column {code!r} not found; aggregate needs municipality codes (use kosovo_hr.harmonize to add them)"
        )
    lacking = [c for c in [*counts, *by] if c not in df.columns]
    if lacking:
        raise KosovoHRKeyError(f"columns {lacking} not in frame; columns are {list(df.columns)}")
    mapping = membership(level)
    unknown = sorted(set(df[code].dropna().astype(str)) - set(mapping))
    if unknown or df[code].isna().any():
        raise KosovoHRValueError(
            f"unknown municipality codes {unknown}"
            + (" and missing codes" if df[code].isna().any() else "")
            + f" for level {level!r}; use kosovo_hr.harmonize to turn names into gazetteer codes"
        )
    if df.duplicated([code] + by).any():
        dup = df.loc[df.duplicated([code] + by, keep=False), [code] + by]
        raise KosovoHRValueError(f"duplicated ({code}, {', '.join(by)}) rows:\n{dup.head(10).to_string()}")
    values = {c: _values(df, c, [code] + by, whole) for c in counts}
    if population is not None:
        pop = pd.to_numeric(df[population]).astype("Float64").to_numpy(dtype=float, na_value=np.nan)
        if (np.isfinite(pop) & (pop < 0)).any():
            raise KosovoHRValueError(f"column {population!r} has negative values")
        values[population] = pop
    work = pd.DataFrame({code: df[code].astype(str).to_numpy()})
    for c in by:
        work[c] = df[c].to_numpy()
    work["_unit"] = work[code].map(mapping)
    if boundaries is None:
        pre = (
            df["boundary"].astype(str).eq("pre2008").to_numpy() if "boundary" in df.columns else np.zeros(len(df), bool)
        )
    elif boundaries in ("current", "pre2008"):
        pre = np.full(len(df), boundaries == "pre2008")
    else:
        raise KosovoHRValueError(f"boundaries must be 'current', 'pre2008' or None, got {boundaries!r}")
    work["_pre2008"] = pre
    for c, v in values.items():
        work[c] = v
    members_of = {u: set(s) for u, s in members(level).items()}
    parent_of = parents()

    rows = []
    group_cols = ["_unit"] + by
    for keys, g in work.groupby(group_cols, sort=True, dropna=False):
        keys = keys if isinstance(keys, tuple) else (keys,)
        unit = keys[0]
        row = {code: unit, **dict(zip(by, keys[1:]))}
        _check_overlap(unit, dict(zip(by, keys[1:])), list(g[code]))
        present = set(g[code])
        covered = _coverage(present, bool(g["_pre2008"].all()), parent_of)
        absent = sorted(members_of[unit] - covered)
        complete_all = not absent
        missing_codes = set(absent)
        missing_by_column = {}
        for c in values:
            v = g[c].to_numpy()
            miss = np.isnan(v)
            missing_by_column[c] = frozenset(g[code][miss])
            missing_codes |= missing_by_column[c]
            ok = not absent and not miss.any()
            complete_all &= ok
            row[c] = np.nansum(v) if (ok or partial) and (~miss).any() else np.nan
        if population is not None:  # a partial sum's rate needs the same members above and below
            row["_other_members"] = [missing_by_column[c] != missing_by_column[population] for c in counts]
        row["n_members"] = len(g)
        row["complete"] = complete_all
        row["missing_members"] = ";".join(sorted(missing_codes))
        rows.append(row)
    # a unit none of whose members appears in a `by` group is missing too, not left out
    seen = {tuple(map(str, (r[code], *(r[b] for b in by)))) for r in rows}
    combos = list(work[by].drop_duplicates().itertuples(index=False, name=None)) if by else [()] * bool(len(work))
    absent_rows = (
        [
            {
                code: unit,
                **dict(zip(by, combo)),
                **{c: np.nan for c in values},
                "n_members": 0,
                "complete": False,
                "missing_members": ";".join(sorted(members_of[unit])),
            }
            for unit in sorted(members_of)
            for combo in combos
            if tuple(map(str, (unit, *combo))) not in seen
        ]
        if keep_empty
        else []
    )
    out = pd.DataFrame(rows + absent_rows)
    if out.empty:  # nothing to aggregate: an empty result with the usual columns
        out = pd.DataFrame(
            {c: pd.Series(dtype="float64") for c in [code, *by, *values]}
            | {
                "n_members": pd.Series(dtype="int64"),
                "complete": pd.Series(dtype="bool"),
                "missing_members": pd.Series(dtype="str"),
            }
        )
    if absent_rows:
        out = out.sort_values([code] + by, kind="stable")
    for c in counts:
        if whole:
            out[c] = pd.array(np.round(out[c].to_numpy(dtype=float)), dtype="Float64").astype("Int64")
        else:
            out[c] = pd.array(out[c].to_numpy(dtype=float), dtype="Float64")
            given = pd.Series(values[c]).dropna()
            if len(given) and (given % 1 == 0).all():
                out[c] = out[c].astype("Int64")  # whole amounts stay whole numbers
    if population is not None:
        out[population] = pd.array(out[population].to_numpy(), dtype="Float64")
        if out[population].dropna().mod(1).eq(0).all():
            out[population] = out[population].astype("Int64")
        other = out.pop("_other_members") if "_other_members" in out else [None] * len(out)
        for i, c in enumerate(counts):
            prefix = "rate" if i == 0 else f"{c}_rate"
            out = _rates(out, c, population, per=per, conf=conf, allow_missing=True, prefix=prefix)
            mismatch = np.array([isinstance(o, list) and o[i] for o in other], dtype=bool)
            out.loc[mismatch, [prefix, f"{prefix}_lower", f"{prefix}_upper"]] = np.nan
    return out.reset_index(drop=True)
