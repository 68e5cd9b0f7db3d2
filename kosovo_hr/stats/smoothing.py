"""Empirical Bayes smoothing of rates (global and spatial), computed by PySAL's esda.

Raw rates of rare events are noisy where populations are small (Partesh,
Mamushë, Kllokot): one event can make a municipality top a map. Empirical
Bayes (EB) smoothing shrinks each raw rate towards a reference rate, more
strongly the smaller the population (Marshall 1991):

    r_i = count_i / population_i
    m   = sum(count) / sum(population)                       (reference rate)
    s2  = sum(population_i (r_i - m)^2) / sum(population) - m / mean(population)
    w_i = s2 / (s2 + m / population_i)
    eb_i = w_i r_i + (1 - w_i) m

The rates come from ``esda.smoothing.Empirical_Bayes`` (*global*: ``m`` and
``s2`` over all units) and ``esda.smoothing.Spatial_Empirical_Bayes``
(*spatial*: over each unit and its neighbours in the weights ``w``, e.g.
queen contiguity, ``kosovo_hr.geo.queen_weights(codes)``; statistics do no
I/O, so the weights are passed in).

The project's variance floor
----------------------------
The method-of-moments ``s2`` can come out negative when the rates vary less
than Poisson noise alone would make them. esda floors it at 0 in the spatial
smoother but not in the global one, where a negative ``s2`` gives weights
outside 0..1 (rates pushed *beyond* the mean). :func:`eb_smooth` keeps the
floor for both: when the global ``s2 <= 0`` every rate is the reference rate
``m`` (the data show no variation beyond noise), and ``eb_weight`` is 0.

Smoothed rates are for maps and ranking, not for reporting a municipality's
own rate (report the raw rate with its interval, :func:`kosovo_hr.stats.rates`).

Reference: Marshall, R. J. (1991). Mapping disease and mortality rates using
empirical Bayes estimators. Applied Statistics 40(2), 283-294.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..errors import KosovoHRKeyError, KosovoHRValueError

if TYPE_CHECKING:
    from libpysal.weights import W

from ._validate import check_counts, check_population, check_unique

__all__ = ["eb_smooth", "spatial_groups"]


def _global_variance(e: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    """Reference rate ``m`` and the method-of-moments between-unit variance ``s2`` (may be negative)."""
    m = e.sum() / b.sum()
    s2 = (b * (e / b - m) ** 2).sum() / b.sum() - m / b.mean()
    return float(m), float(s2)


def _global_eb(e: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """esda's global EB with the project's floor ``s2 >= 0``; returns (rates, weights)."""
    from esda.smoothing import Empirical_Bayes

    m, s2 = _global_variance(e, b)
    if s2 <= 0:  # the variance floor: no variation beyond Poisson noise
        return np.full_like(e, m, dtype=float), np.zeros_like(e, dtype=float)
    return Empirical_Bayes(e, b).r.ravel().astype(float), s2 / (s2 + m / b)


def _spatial_eb(e: np.ndarray, b: np.ndarray, codes: list[str], w: W | None) -> np.ndarray:
    """esda's spatial EB (which floors each local ``s2`` at 0) over weights re-ordered to ``codes``."""
    from esda.smoothing import Spatial_Empirical_Bayes
    from libpysal.weights import w_subset

    spatial_groups(codes, w)  # checks that every code has an entry
    assert w is not None
    ws = w_subset(w, codes, silence_warnings=True) if list(w.id_order) != codes else w
    ws.id_order = codes
    return Spatial_Empirical_Bayes(e, b, ws).r.ravel().astype(float)


def spatial_groups(codes: list[str], w: W | None) -> list[np.ndarray]:
    """Each unit's position with those of its neighbours in ``w`` (positions in ``codes``)."""
    if w is None:
        raise KosovoHRValueError(
            "spatial statistics need the spatial weights: "
            "pass w=kosovo_hr.geo.queen_weights(codes) "
            "(or your own libpysal W whose ids are the codes)"
        )
    pos = {c: i for i, c in enumerate(codes)}
    missing = [c for c in codes if c not in w.neighbors]
    if missing:
        raise KosovoHRValueError(f"the weights have no entry for {missing} (no boundary for these codes?)")
    return [np.array([i] + [pos[j] for j in w.neighbors[c] if j in pos]) for i, c in enumerate(codes)]


def eb_smooth(
    df: pd.DataFrame,
    count: str = "count",
    population: str = "population",
    *,
    method: str = "global",
    per: float = 100_000,
    code: str = "code",
    w: W | None = None,
    column: str = "rate_eb",
    by: str | list[str] | None = None,
    kind: str | None = None,
) -> pd.DataFrame:
    """Add an Empirical Bayes smoothed rate (per ``per`` people) as ``column``.

    Parameters
    ----------
    df : one row per municipality (for one year, or use ``by``), no missing
        counts or populations (smoothing cannot invent them: drop those rows
        explicitly first).
    by : column(s), e.g. ``"year"``, to smooth each group separately.
    method : ``"global"`` or ``"spatial"`` (needs a ``code`` column and the
        spatial weights ``w``, a libpysal ``W`` whose ids are the codes, e.g.
        ``kosovo_hr.geo.queen_weights(df["code"])``: statistics do no I/O).
    kind : old name of ``method``.
    Also adds ``rate_raw`` and ``eb_weight`` (share of the raw rate kept,
    0..1; global only, NaN for spatial). Rates by esda; see the module
    docstring for the variance floor this wrapper adds.
    """
    if kind is not None:
        method = kind
    if method not in ("global", "spatial"):
        raise KosovoHRValueError(f"method (kind) must be 'global' or 'spatial', got {method!r}")
    kind = method
    if by is not None:
        parts = [
            eb_smooth(g, count, population, method=method, per=per, code=code, w=w, column=column)
            for _, g in df.groupby(by, sort=False)
        ]
        return pd.concat(parts).loc[df.index]
    e = check_counts(df, count, allow_missing=False, id_cols=(code,))
    b = check_population(df, population, allow_missing=False, id_cols=(code,))
    if kind == "global":
        smoothed, weight = _global_eb(e, b)
    else:
        if code not in df.columns:
            raise KosovoHRKeyError(f"spatial smoothing needs a {code!r} column")
        check_unique(df, [code])
        smoothed = _spatial_eb(e, b, df[code].astype(str).tolist(), w)
        weight = np.full(len(df), np.nan)
    out = df.copy()
    out["rate_raw"] = e / b * per
    out[column] = smoothed * per
    out["eb_weight"] = weight
    return out
