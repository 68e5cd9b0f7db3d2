"""Shared input checks for the statistics functions (clear errors naming rows)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..errors import KosovoHRKeyError, KosovoHRTypeError, KosovoHRValueError

MAX_LISTED = 10


def _rows(df: pd.DataFrame, mask, cols: Sequence[str] = ()) -> str:
    """Describe offending rows by index (and ``cols`` such as code/year when present)."""
    idx = df.index[np.asarray(mask, dtype=bool)]
    show = [c for c in cols if c in df.columns]
    parts = []
    for i in idx[:MAX_LISTED]:
        label = ", ".join(f"{c}={df.at[i, c]!r}" for c in show)
        parts.append(f"row {i!r}" + (f" ({label})" if label else ""))
    more = f" and {len(idx) - MAX_LISTED} more" if len(idx) > MAX_LISTED else ""
    return "; ".join(parts) + more


def as_float(df: pd.DataFrame, column: str) -> np.ndarray:
    """Column as a float array with NaN for missing (pd.NA, None, NaN)."""
    if column not in df.columns:
        raise KosovoHRKeyError(f"column {column!r} not found; the frame has: {', '.join(map(str, df.columns))}")
    s = df[column]
    if not (pd.api.types.is_numeric_dtype(s) or s.isna().all()):
        raise KosovoHRTypeError(
            f"column {column!r} must be numeric, not {s.dtype}; convert it with pd.to_numeric(df[{column!r}]) first"
        )
    return pd.to_numeric(s, errors="raise").astype("Float64").to_numpy(dtype=float, na_value=np.nan)


def check_counts(
    df: pd.DataFrame, column: str, *, allow_missing: bool = True, id_cols: Sequence[str] = ("code", "year")
) -> np.ndarray:
    """Counts as floats; error on negative or non-integer values (naming the rows)."""
    x = as_float(df, column)
    bad = np.isfinite(x) & (x < 0)
    if bad.any():
        raise KosovoHRValueError(
            f"column {column!r} holds negative counts in {_rows(df, bad, id_cols)}; "
            f"counts of events or people cannot be negative: correct the input"
        )
    frac = np.isfinite(x) & (np.abs(x - np.round(x)) > 1e-9)
    if frac.any():
        raise KosovoHRValueError(
            f"column {column!r} holds non-integer counts in {_rows(df, frac, id_cols)}; "
            f"pass whole numbers of events (not rates or shares)"
        )
    if np.isinf(x).any():
        raise KosovoHRValueError(f"column {column!r} holds infinite values in {_rows(df, np.isinf(x), id_cols)}")
    if not allow_missing and np.isnan(x).any():
        raise KosovoHRValueError(
            f"column {column!r} is missing in {_rows(df, np.isnan(x), id_cols)}; "
            f"fill it with the true value or pass allow_missing=True to get NaN "
            f"(never 0) for those rows"
        )
    return x


def check_population(
    df: pd.DataFrame, column: str, *, allow_missing: bool = False, id_cols: Sequence[str] = ("code", "year")
) -> np.ndarray:
    """Population as floats; error on zero/negative and (unless allowed) missing values."""
    p = as_float(df, column)
    bad = np.isfinite(p) & (p <= 0)
    if bad.any():
        raise KosovoHRValueError(
            f"column {column!r} is zero or negative in {_rows(df, bad, id_cols)}; "
            f"a rate needs a positive population: use the population at risk, or "
            f"drop these rows"
        )
    if np.isinf(p).any():
        raise KosovoHRValueError(f"column {column!r} is infinite in {_rows(df, np.isinf(p), id_cols)}")
    if not allow_missing and np.isnan(p).any():
        raise KosovoHRValueError(
            f"column {column!r} is missing in {_rows(df, np.isnan(p), id_cols)}; "
            f"supply a denominator (e.g. kosovo_hr.population_for_years) or pass "
            f"allow_missing=True to get NaN rates (never 0) for those rows"
        )
    return p


def check_unique(df: pd.DataFrame, key: Sequence[str] | None) -> None:
    """Error if the key columns (e.g. ``("code", "year")``) repeat."""
    if not key:
        return
    key = list(key)
    missing = [k for k in key if k not in df.columns]
    if missing:
        raise KosovoHRKeyError(f"key columns {missing} not in the frame")
    dup = df.duplicated(key, keep=False).to_numpy()
    if dup.any():
        raise KosovoHRValueError(
            f"duplicated {tuple(key)} rows: {_rows(df, dup, key)}; each key must "
            f"appear once (aggregate or deduplicate first)"
        )
