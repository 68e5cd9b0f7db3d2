"""Rates per population with exact Poisson (Garwood) confidence intervals.

A rate is ``count / population * per``. Its interval treats the count as
Poisson and uses the exact (Garwood 1936) limits, expressed with the
chi-square distribution::

    lower = chi2.ppf(alpha / 2, 2 k) / 2          (0 when k = 0)
    upper = chi2.ppf(1 - alpha / 2, 2 k + 2) / 2

divided by the population and multiplied by ``per``. The limits are
conservative (coverage at least ``conf``) and correct for zero counts: for
k = 0 and 95 % the upper limit is 3.689 events (the "rule of three" is its
one-sided cousin), for k = 5 the limits are 1.6235 and 11.6683 events.

The population is treated as known. For the four northern municipalities
(no census in 2011, a boycotted census in 2024) the denominators are ASK
estimates (see :mod:`kosovo_hr.datasets.population`): their rates carry an
extra, unquantified uncertainty that the interval does not include.

Reference: Garwood, F. (1936). Fiducial limits for the Poisson distribution.
Biometrika 28(3/4), 437-442; Ulm, K. (1990). A simple method to calculate
the confidence interval of a standardized mortality ratio. Am J Epidemiol
131(2), 373-375.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike
from scipy.stats import chi2

from ..errors import KosovoHRValueError
from ._validate import check_counts, check_population, check_unique

__all__ = ["poisson_interval", "rates"]


def poisson_interval(count: ArrayLike, conf: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """Exact (Garwood) limits for a Poisson mean given observed ``count`` (array-like).

    Returns ``(lower, upper)`` in events. NaN counts give NaN limits; zero
    counts give lower 0.
    """
    if not 0 < conf < 1:
        raise KosovoHRValueError(f"conf must lie strictly between 0 and 1, got {conf!r}")
    k = np.asarray(count, dtype=float)
    alpha = 1.0 - conf
    with np.errstate(invalid="ignore"):
        lower = np.where(k > 0, chi2.ppf(alpha / 2, 2 * np.where(k > 0, k, 1)) / 2, 0.0)
        upper = chi2.ppf(1 - alpha / 2, 2 * k + 2) / 2
    lower = np.where(np.isnan(k), np.nan, lower)
    return lower, upper


def rates(
    df: pd.DataFrame,
    count: str = "count",
    population: str = "population",
    *,
    per: float = 100_000,
    conf: float = 0.95,
    key: Sequence[str] | None = None,
    allow_missing: bool = False,
    prefix: str = "rate",
) -> pd.DataFrame:
    """Add ``rate``, ``rate_lower`` and ``rate_upper`` (per ``per`` people) to a copy of ``df``.

    Parameters
    ----------
    df : one row per unit (e.g. municipality-year) with a count and a population.
    count : column of event counts (whole numbers >= 0; nullable Int allowed).
    population : column of population at risk (people, > 0).
    per : rate base, e.g. 100_000 for "per 100,000 people".
    conf : confidence level of the exact Poisson interval (default 0.95).
    key : columns that must identify rows uniquely, e.g. ``("code", "year")``;
        duplicated keys raise ``ValueError``.
    allow_missing : missing counts or populations raise by default. With
        ``True`` those rows get NaN rate and limits: missing is never 0
        (suppressed counts, from :func:`kosovo_hr.stats.suppress`, are NA).
    prefix : name of the rate column (limits are ``<prefix>_lower/_upper``).

    Errors: negative or non-integer counts, zero or negative population,
    missing values (unless ``allow_missing``), duplicated keys; each message
    names the offending rows.
    """
    if per <= 0:
        raise KosovoHRValueError(f"per must be positive, got {per!r}")
    check_unique(df, key)
    ids = tuple(key) if key else ("code", "year")
    k = check_counts(df, count, allow_missing=allow_missing, id_cols=ids)
    p = check_population(df, population, allow_missing=allow_missing, id_cols=ids)
    lo, hi = poisson_interval(k, conf)
    out = df.copy()
    with np.errstate(invalid="ignore"):
        out[prefix] = k / p * per
        out[f"{prefix}_lower"] = lo / p * per
        out[f"{prefix}_upper"] = hi / p * per
    return out
