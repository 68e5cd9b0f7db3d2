"""Empirical Bayes smoothing of rates (global and spatial).

Raw rates of rare events are noisy where populations are small (Partesh,
Mamushë, Kllokot): one event can make a municipality top a map. Empirical
Bayes (EB) smoothing shrinks each raw rate towards a reference rate, more
strongly the smaller the population (Marshall 1991):

    r_i = count_i / population_i
    m   = sum(count) / sum(population)                       (reference rate)
    s2  = sum(population_i (r_i - m)^2) / sum(population) - m / mean(population)
    s2  = max(s2, 0)                                         (method of moments)
    w_i = s2 / (s2 + m / population_i)
    eb_i = w_i r_i + (1 - w_i) m

*Global* EB uses all units for ``m`` and ``s2``. *Spatial* EB computes them
over each unit and its queen-contiguous neighbours (municipalities sharing a
border or a corner: pass ``w=kosovo_hr.geo.queen_weights(codes)``), i.e. the formula of
PySAL's ``esda.smoothing.Spatial_Empirical_Bayes`` with ``s2`` floored at 0.
When ``s2 = 0`` the rates are all shrunk to the reference rate: the data
show no variation beyond Poisson noise.

Smoothed rates are for maps and ranking, not for reporting a municipality's
own rate (report the raw rate with its interval, :func:`kosovo_hr.stats.rates`).

Reference: Marshall, R. J. (1991). Mapping disease and mortality rates using
empirical Bayes estimators. Applied Statistics 40(2), 283-294.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from libpysal.weights import W

from ._validate import check_counts, check_population, check_unique

__all__ = ["eb_smooth", "spatial_groups"]


def _eb(e: np.ndarray, b: np.ndarray, groups: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Smoothed rates and weights ``w_i`` (unit ``i``'s reference set is ``groups[i]``)."""
    r = e / b
    out = np.empty_like(r)
    weight = np.empty_like(r)
    for i, idx in enumerate(groups):
        ei, bi = e[idx], b[idx]
        m = ei.sum() / bi.sum()
        s2 = (bi * (r[idx] - m) ** 2).sum() / bi.sum() - m / bi.mean()
        s2 = max(s2, 0.0)
        w = s2 / (s2 + m / b[i]) if (s2 + m / b[i]) > 0 else 0.0
        out[i] = w * r[i] + (1 - w) * m
        weight[i] = w
    return out, weight


def spatial_groups(codes: list[str], w: W | None) -> list[np.ndarray]:
    """Each unit's position with those of its neighbours in ``w`` (positions in ``codes``)."""
    if w is None:
        raise ValueError("spatial statistics need the spatial weights: pass w=kosovo_hr.geo.queen_weights(codes) "
                         "(or your own libpysal W whose ids are the codes)")
    pos = {c: i for i, c in enumerate(codes)}
    missing = [c for c in codes if c not in w.neighbors]
    if missing:
        raise ValueError(f"the weights have no entry for {missing} (no boundary for these codes?)")
    return [np.array([i] + [pos[j] for j in w.neighbors[c] if j in pos]) for i, c in enumerate(codes)]


def eb_smooth(df: pd.DataFrame, count: str = "count", population: str = "population", *,
              kind: str = "global", per: float = 100_000, code: str = "code", w: W | None = None,
              column: str = "rate_eb", by: str | list[str] | None = None) -> pd.DataFrame:
    """Add an Empirical Bayes smoothed rate (per ``per`` people) as ``column``.

    Parameters
    ----------
    df : one row per municipality (for one year, or use ``by``), no missing
        counts or populations (smoothing cannot invent them: drop those rows
        explicitly first).
    by : column(s), e.g. ``"year"``, to smooth each group separately.
    kind : ``"global"`` or ``"spatial"`` (needs a ``code`` column and the
        spatial weights ``w``, a libpysal ``W`` whose ids are the codes, e.g.
        ``kosovo_hr.geo.queen_weights(df["code"])``: statistics do no I/O).
    Also adds ``rate_raw`` and ``eb_weight`` (share of the raw rate kept,
    0..1; global only, NaN for spatial).
    """
    if kind not in ("global", "spatial"):
        raise ValueError(f"kind must be 'global' or 'spatial', got {kind!r}")
    if by is not None:
        parts = [eb_smooth(g, count, population, kind=kind, per=per, code=code, w=w,
                           column=column) for _, g in df.groupby(by, sort=False)]
        return pd.concat(parts).loc[df.index]
    e = check_counts(df, count, allow_missing=False, id_cols=(code,))
    b = check_population(df, population, allow_missing=False, id_cols=(code,))
    n = len(df)
    if kind == "global":
        groups = [np.arange(n)] * n
    else:
        if code not in df.columns:
            raise KeyError(f"spatial smoothing needs a {code!r} column")
        check_unique(df, [code])
        groups = spatial_groups(df[code].astype(str).tolist(), w)
    out = df.copy()
    smoothed, weight = _eb(e, b, groups)
    out["rate_raw"] = e / b * per
    out[column] = smoothed * per
    out["eb_weight"] = weight if kind == "global" else np.nan
    return out
