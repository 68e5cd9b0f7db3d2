"""Representation index: a community's share of seats (or votes) over its share of population.

    index = (seats_c / seats_total) / (population_c / population_total)

1 means proportional representation, < 1 under- and > 1 over-representation.
Shares may be given directly (0..1) or computed from counts per group.

Missing population data
-----------------------
Population by community is incomplete (see
:func:`kosovo_hr.datasets.population.load_population_by_community`: the 2011
census by community is complete for only some municipalities, the north was
not enumerated). Where a community's population or population share is
missing the index is **NaN** with ``reason="population missing"``, never
computed against 0 or a filled-in value. When shares are computed from counts
(``population_total`` not given), the denominator is the sum of the groups
present; if any group's population is missing that sum is not the true total,
so every index in the group is NaN (``reason="population total incomplete"``)
unless you pass the published total with ``population_total``. A population
share of 0 with seats gives ``inf`` flagged ``reason="zero population share"``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..errors import KosovoHRValueError

__all__ = ["representation_index"]


def representation_index(
    df: pd.DataFrame,
    share: str = "seat_share",
    population_share: str = "population_share",
    *,
    seats: str | None = None,
    population: str | None = None,
    by: Sequence[str] = (),
    population_total: str | None = None,
    column: str = "representation_index",
) -> pd.DataFrame:
    """Add ``column`` (and ``reason``) to a copy of ``df``.

    Either pass share columns (``share`` and ``population_share``, 0..1), or
    counts with ``seats=`` and ``population=`` to compute shares within each
    ``by`` group (e.g. ``("code", "year")``). ``population_total`` names a
    column holding the published total population of the group (optional).
    """
    out = df.copy()
    by = list(by)
    if seats is not None or population is not None:
        if seats is None or population is None:
            raise KosovoHRValueError("pass both seats= and population= (counts), or neither (shares)")
        s = pd.to_numeric(out[seats]).astype("Float64").to_numpy(dtype=float, na_value=np.nan)
        p = pd.to_numeric(out[population]).astype("Float64").to_numpy(dtype=float, na_value=np.nan)
        if (s[np.isfinite(s)] < 0).any() or (p[np.isfinite(p)] < 0).any():
            raise KosovoHRValueError("seats/votes and population must not be negative")
        key = out[by].astype(str).agg("|".join, axis=1) if by else pd.Series("all", index=out.index)
        tmp = pd.DataFrame({"k": key.to_numpy(), "s": s, "p": p})
        s_tot = tmp.groupby("k")["s"].transform(lambda x: x.sum(min_count=1)).to_numpy()
        if population_total is not None:
            p_tot = pd.to_numeric(out[population_total]).astype("Float64").to_numpy(dtype=float, na_value=np.nan)
            incomplete = np.zeros(len(out), bool)
        else:
            p_tot = tmp.groupby("k")["p"].transform("sum").to_numpy()
            incomplete = tmp.groupby("k")["p"].transform(lambda x: x.isna().any()).to_numpy(bool)
        with np.errstate(invalid="ignore", divide="ignore"):
            ss, ps = s / s_tot, p / p_tot
        out[share] = ss
        out[population_share] = ps
    else:
        ss = pd.to_numeric(out[share]).astype("Float64").to_numpy(dtype=float, na_value=np.nan)
        ps = pd.to_numeric(out[population_share]).astype("Float64").to_numpy(dtype=float, na_value=np.nan)
        incomplete = np.zeros(len(out), bool)
    for name, v in ((share, ss), (population_share, ps)):
        f = v[np.isfinite(v)]
        if ((f < 0) | (f > 1 + 1e-9)).any():
            raise KosovoHRValueError(f"{name} must be a share between 0 and 1")
    with np.errstate(invalid="ignore", divide="ignore"):
        idx = ss / ps
    reason = np.full(len(out), "", dtype=object)
    reason[np.isnan(ss)] = "seat/vote share missing"
    reason[np.isnan(ps)] = "population missing"
    reason[incomplete & ~np.isnan(ps)] = "population total incomplete"
    zero = (ps == 0) & np.isfinite(ss)
    idx = np.where(incomplete, np.nan, idx)
    idx = np.where(zero & (ss > 0), np.inf, np.where(zero, np.nan, idx))
    reason[zero] = "zero population share"
    out[column] = idx
    out["reason"] = reason
    return out
