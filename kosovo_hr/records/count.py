"""Aggregate validated records to municipality × year counts.

Zero-filling
------------
A monitoring log says nothing about municipality-years it did not cover, so
a missing combination is *missing*, not zero, unless the user says what the
log covered.  :func:`count_records` zero-fills the municipality-years that
are declared covered:

* ``years=None`` (default): the log is assumed to cover **every
  municipality** in **every year from its first to its last record year**
  (a Kosovo-wide monitor).  State this assumption when publishing.
* ``years=[...]`` / ``codes=[...]``: the years and municipalities the log
  actually covered; only those are zero-filled.
* ``zero_fill=False``: only combinations with at least one record appear.

Records placed in the historic unit ``mitrovice_pre2013`` (plain "Mitrovica"
before 2013) keep that code; in those years the two successor municipalities
are not zero-filled (they would be double counted with the historic unit).
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence

import pandas as pd

from ..gazetteer import historic_units, municipalities


def count_records(
    records: pd.DataFrame,
    by: Sequence[str] = ("code", "year"),
    *,
    weight: str | None = None,
    years: Sequence[int] | None = None,
    codes: Sequence[str] | None = None,
    zero_fill: bool = True,
    count: str = "count",
    missing: str = "unknown",
) -> pd.DataFrame:
    """Count records per ``by`` (default municipality code × year).

    Parameters
    ----------
    records : ``RecordsResult.records`` (or any frame with the ``by`` columns).
    by : grouping columns; must include ``code`` and ``year`` for zero-filling.
        Extra columns (``category``, ``stage``...) are crossed with the covered
        municipality-years using the values seen in the records. Records with
        an empty value in an extra text column are counted under ``missing``.
        Records without a ``code`` or ``year`` (never the case for
        ``load_records`` output), or with an empty number column (``month``),
        cannot be placed: they are left out with a warning giving their number.
    weight : sum this column instead of counting rows (e.g. ``"n_persons"``
        for displacement and trafficking records); missing weights count 1.
    years, codes : the coverage of the log (see the module docstring).
    zero_fill : fill covered combinations without records with 0.
    count : name of the output column.
    missing : the value standing for an empty extra ``by`` column (default
        ``"unknown"``, the schemas' own word for it, so empty and "unknown"
        records are counted together).

    Returns
    -------
    Frame with the ``by`` columns, ``count`` (int64) and ``osce_region``; keyed
    uniquely by ``by``; sorted.
    """
    by = list(by)
    absent = [c for c in by if c not in records.columns]
    if absent:
        raise KeyError(f"records lack column(s) {absent}; columns are {list(records.columns)}")
    df = records.copy()
    if weight is None:
        df["_w"] = 1
    else:
        if weight not in df.columns:
            raise KeyError(f"no weight column {weight!r} in records")
        df["_w"] = pd.to_numeric(df[weight]).fillna(1)
    extra = [c for c in by if c not in ("code", "year")]
    for c in extra:
        if pd.api.types.is_numeric_dtype(df[c]):
            continue  # a number column (e.g. month) cannot hold the text label: reported below
        empty = df[c].isna() | df[c].astype(str).str.strip().eq("")
        if empty.any():
            df[c] = df[c].astype(object).where(~empty, missing)
    unplaced = df[by].isna().any(axis=1)
    if unplaced.any():
        warnings.warn(f"{int(unplaced.sum())} record(s) without a value in {[c for c in by if df[c].isna().any()]} "
                      f"are left out of the counts; fill or drop them before counting (load_records always "
                      f"gives code and year)", stacklevel=2)
        df = df[~unplaced]
    df["year"] = df["year"].astype(int) if "year" in by else df.get("year")
    grouped = df.groupby(by, dropna=False, observed=True)["_w"].sum().rename(count).reset_index()
    if zero_fill:
        if not {"code", "year"} <= set(by):
            raise ValueError("zero-filling needs 'code' and 'year' in by; pass zero_fill=False")
        if years is None:
            yrs = range(int(df["year"].min()), int(df["year"].max()) + 1) if len(df) else []
        else:
            yrs = [int(y) for y in years]
        all_codes = list(codes) if codes is not None else list(municipalities()["code"])
        hist = historic_units()
        succ = dict(zip(hist["code"], hist["successors"].str.split(";")))
        frames = []
        for y in yrs:
            present = set(df.loc[df["year"] == y, "code"])
            drop = {s for h in present if h in succ for s in succ[h]}
            cs = [c for c in all_codes if c not in drop] + sorted(h for h in present if h in succ)
            frames.append(pd.DataFrame({"code": cs, "year": y}))
        grid = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame({"code": pd.Series([], dtype=object), "year": pd.Series([], dtype=int)})
        for c in extra:
            levels = pd.DataFrame({c: sorted(df[c].unique())})
            grid = grid.merge(levels, how="cross")
        grid["year"] = grid["year"].astype(int)
        grouped["year"] = grouped["year"].astype(int)
        for c in by:
            if c != "year":
                grid[c] = grid[c].astype(object)
                grouped[c] = grouped[c].astype(object)
        outside = grouped.merge(grid, on=by, how="left", indicator=True)
        outside = outside[outside["_merge"] == "left_only"]
        if len(outside):
            raise ValueError(
                f"{len(outside)} record group(s) fall outside the declared coverage (years/codes), e.g. "
                f"{outside[by].head(3).to_dict('records')}; widen years=/codes= or pass zero_fill=False")
        grouped = grid.merge(grouped, on=by, how="left")
        grouped[count] = grouped[count].fillna(0)
    grouped[count] = grouped[count].astype("int64")
    if "code" in grouped.columns:
        from ..stats.aggregate import membership

        # historic units belong to the region of their successors when they share one
        grouped["osce_region"] = grouped["code"].map(membership("osce_region"))
    return grouped.sort_values(by).reset_index(drop=True)
