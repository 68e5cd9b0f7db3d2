"""Sum municipal counts and populations to OSCE regions, districts or Kosovo.

Rates are never averaged: counts and populations are summed and the rate is
recomputed from the sums (:func:`kosovo_hr.stats.rates`).

Codes are mapped through the gazetteer (``kosovo_hr.municipalities()``):
``osce_region``, ``district`` or the single unit ``kosovo``. Historic units
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

A historic unit and one of its successors in the same ``by`` group (e.g.
``mitrovice_pre2013`` and ``mitrovice_e_veriut`` in one year) cover the same
territory twice: :class:`ValueError`.

Flags added: ``n_members`` (rows summed), ``complete`` (all columns
complete), ``missing_members`` (codes absent or with a missing value,
``;``-separated). A unit none of whose members is in the frame for a ``by``
group still gets its row there (missing totals, ``n_members`` 0).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ._validate import check_counts

__all__ = ["aggregate", "membership"]

LEVELS = ("osce_region", "district", "kosovo")


def membership(to: str) -> dict[str, str]:
    """Map every municipality and historic-unit code to its unit at level ``to``."""
    from kosovo_hr.gazetteer import historic_units, municipalities

    if to not in LEVELS:
        raise ValueError(f"to must be one of {LEVELS}, got {to!r}")
    m = municipalities()
    if to == "kosovo":
        mapping = {c: "kosovo" for c in m["code"]}
    else:
        mapping = dict(zip(m["code"], m[to]))
    for _, h in historic_units().iterrows():
        targets = {mapping.get(s) for s in str(h["successors"]).split(";")}
        if len(targets) == 1 and None not in targets:
            mapping[h["code"]] = targets.pop()
    return mapping


def _coverage(present: set[str], pre2008: bool, successors: dict[str, set[str]],
              parents: dict[str, list[str]]) -> set[str]:
    """Municipality codes whose territory the present codes cover.

    ``successors``: historic unit -> current codes; ``parents``: municipality ->
    the codes it was carved from (used for pre-2008 frames).
    """
    covered = set(present)
    for unit, succ in successors.items():
        if unit in present:
            covered |= succ
    if not pre2008:
        return covered
    for code, ps in parents.items():
        if any(p in covered for p in ps):
            covered.add(code)
    return covered


def aggregate(df: pd.DataFrame, to: str = "osce_region", *, counts: Sequence[str] = ("count",),
              population: str | None = "population", by: Sequence[str] = ("year",),
              code: str = "code", partial: bool = False,
              boundaries: str | None = None, per: float = 100_000,
              conf: float = 0.95) -> pd.DataFrame:
    """Sum ``counts`` and ``population`` from municipalities to ``to`` and recompute rates.

    Parameters
    ----------
    df : municipal rows with a ``code`` column (gazetteer codes).
    to : ``"osce_region"``, ``"district"`` or ``"kosovo"``.
    counts : count columns to sum (whole numbers; checked like :func:`rates`).
    population : population column to sum, or None for counts only.
    by : other key columns kept apart (default ``("year",)``; ``()`` for none).
    partial : see the module docstring; default False gives NA for incomplete
        regions.
    boundaries : ``"current"``, ``"pre2008"`` or None (see module docstring).

    Returns one row per (``code`` of the target unit, *by*), with the summed
    columns (nullable Int64), ``n_members``, ``complete``, ``missing_members``
    and, when ``population`` is given, ``rate`` / ``rate_lower`` /
    ``rate_upper`` for the first count column (``<count>_rate`` ... for others).
    """
    from .rates import rates as _rates

    by = list(by or ())
    counts = list(counts)
    if code not in df.columns:
        raise KeyError(f"column {code!r} not found; aggregate needs municipality codes "
                       f"(use kosovo_hr.harmonize to add them)")
    mapping = membership(to)
    unknown = sorted(set(df[code].dropna().astype(str)) - set(mapping))
    if unknown or df[code].isna().any():
        raise ValueError(f"unknown municipality codes {unknown}" +
                         (" and missing codes" if df[code].isna().any() else "") +
                         "; use kosovo_hr.harmonize to turn names into gazetteer codes")
    if df.duplicated([code] + by).any():
        dup = df.loc[df.duplicated([code] + by, keep=False), [code] + by]
        raise ValueError(f"duplicated ({code}, {', '.join(by)}) rows:\n{dup.head(10).to_string()}")
    values = {c: check_counts(df, c, id_cols=[code] + by) for c in counts}
    if population is not None:
        pop = pd.to_numeric(df[population]).astype("Float64").to_numpy(dtype=float, na_value=np.nan)
        if (np.isfinite(pop) & (pop < 0)).any():
            raise ValueError(f"column {population!r} has negative values")
        values[population] = pop
    work = pd.DataFrame({code: df[code].astype(str).to_numpy()})
    for c in by:
        work[c] = df[c].to_numpy()
    work["_unit"] = work[code].map(mapping)
    if boundaries is None:
        pre = (df["boundary"].astype(str).eq("pre2008").to_numpy() if "boundary" in df.columns
               else np.zeros(len(df), bool))
    elif boundaries in ("current", "pre2008"):
        pre = np.full(len(df), boundaries == "pre2008")
    else:
        raise ValueError(f"boundaries must be 'current', 'pre2008' or None, got {boundaries!r}")
    work["_pre2008"] = pre
    for c, v in values.items():
        work[c] = v
    from kosovo_hr.gazetteer import historic_units, municipalities

    m = municipalities()
    members_of: dict[str, set[str]] = {}
    for c_ in m["code"]:
        members_of.setdefault(mapping[c_], set()).add(c_)
    hist = historic_units()
    successors = {h: set(str(s_).split(";")) for h, s_ in zip(hist["code"], hist["successors"])}
    parents = {c_: [p for p in str(par or "").split(";") if p] for c_, par in zip(m["code"], m["parent"])}

    rows = []
    group_cols = ["_unit"] + by
    for keys, g in work.groupby(group_cols, sort=True, dropna=False):
        keys = keys if isinstance(keys, tuple) else (keys,)
        unit = keys[0]
        row = {code: unit, **dict(zip(by, keys[1:]))}
        present = set(g[code])
        overlap = sorted(f"{h} and {', '.join(sorted(successors[h] & present))}"
                         for h in present & set(successors) if successors[h] & present)
        if overlap:
            raise ValueError(f"unit {unit!r}, {dict(zip(by, keys[1:]))}: the frame holds both "
                             f"{'; '.join(overlap)}, whose territories overlap (summing them would "
                             f"count the same area twice); keep either the historic unit or its "
                             f"successors for that period")
        covered = _coverage(present, bool(g["_pre2008"].all()), successors, parents)
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
            row["_other_members"] = [missing_by_column[c] != missing_by_column[population]
                                     for c in counts]
        row["n_members"] = len(g)
        row["complete"] = complete_all
        row["missing_members"] = ";".join(sorted(missing_codes))
        rows.append(row)
    # a unit none of whose members appears in a `by` group is missing too, not left out
    seen = {tuple(map(str, (r[code], *(r[b] for b in by)))) for r in rows}
    combos = list(work[by].drop_duplicates().itertuples(index=False, name=None)) if by else \
        [()] * bool(len(work))
    absent_rows = [{code: unit, **dict(zip(by, combo)), **{c: np.nan for c in values},
                    "n_members": 0, "complete": False,
                    "missing_members": ";".join(sorted(members_of[unit]))}
                   for unit in sorted(members_of) for combo in combos
                   if tuple(map(str, (unit, *combo))) not in seen]
    out = pd.DataFrame(rows + absent_rows)
    if out.empty:  # nothing to aggregate: an empty result with the usual columns
        out = pd.DataFrame({c: pd.Series(dtype="float64") for c in [code, *by, *values]}
                           | {"n_members": pd.Series(dtype="int64"), "complete": pd.Series(dtype="bool"),
                              "missing_members": pd.Series(dtype="str")})
    if absent_rows:
        out = out.sort_values([code] + by, kind="stable")
    for c in values:
        out[c] = pd.array(np.round(out[c].to_numpy()), dtype="Float64").astype("Int64") \
            if c != population else out[c]
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
