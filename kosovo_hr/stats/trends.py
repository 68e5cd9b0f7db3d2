"""Trends in counts: Poisson / negative binomial GLMs with a log-population offset.

Model, for each group (municipality, OSCE region, Kosovo...)::

    log E[count_t] = log(population_t) + b0 + b1 * (t - t0)

fitted with :class:`statsmodels.genmod.generalized_linear_model.GLM`.
The annual percent change is ``APC = 100 * (exp(b1) - 1)``, with the
Wald interval ``100 * (exp(b1 -/+ z * se) - 1)``.

Family
------
``family="poisson"`` fits Poisson. ``"negbin"`` fits a negative binomial
(NB2) GLM whose dispersion ``alpha`` is first estimated by maximum
likelihood (:class:`statsmodels.discrete.discrete_model.NegativeBinomial`
with the same offset). ``"auto"`` fits Poisson, and switches to negative
binomial when the Pearson dispersion statistic (Pearson chi2 / residual df)
exceeds ``overdispersion`` (default 1.5): counts of rare events vary more
than Poisson allows, and ignoring it gives intervals that are too narrow.
With ``"auto"``, if the NB likelihood cannot be maximised, a quasi-Poisson
fit (Poisson with the scale estimated from Pearson chi2) is used and
reported as ``"quasipoisson"``; with ``"negbin"`` the failure is raised.

Too sparse
----------
No model is fitted (APC NaN, ``too_sparse=True``, reason given) when a group
has fewer than ``min_years`` (default 3) years with both a count and a
population, or fewer than ``min_total`` (default 10) events in all: a slope
from two points or a handful of events is noise. Rows with a missing count
or population are dropped (missing is never read as 0), and ``n_years``
counts only the years used.

Exposure
--------
:func:`predict` takes the population explicitly for every year predicted:
a prediction without a denominator would silently assume the fitting
population.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike
from scipy.stats import norm

from ..errors import KosovoHRValueError
from ._validate import check_counts, check_population

__all__ = ["TrendFit", "fit_trend", "predict", "trend"]

MIN_YEARS = 3
MIN_TOTAL = 10
OVERDISPERSION = 1.5


@dataclass
class TrendFit:
    """One fitted trend. ``result`` is the statsmodels GLM result (None if too sparse)."""

    family: str
    t0: float
    result: Any | None
    n_years: int
    total: float
    too_sparse: bool
    reason: str = ""
    alpha: float | None = None
    dispersion: float = float("nan")
    info: dict = field(default_factory=dict)

    def apc(self, conf: float = 0.95) -> tuple[float, float, float]:
        """Annual percent change and its Wald interval (NaN when too sparse)."""
        if self.result is None:
            return (np.nan, np.nan, np.nan)
        b = float(np.asarray(self.result.params)[1])
        se = float(np.asarray(self.result.bse)[1])
        z = norm.ppf(0.5 + conf / 2)
        return tuple(100 * (np.exp(x) - 1) for x in (b, b - z * se, b + z * se))

    def predict(self, time: ArrayLike, population: ArrayLike) -> np.ndarray:
        """Expected counts at ``time`` for the given ``population`` (see :func:`predict`)."""
        return predict(self, time, population)


def predict(fit: TrendFit, time: ArrayLike, population: ArrayLike) -> np.ndarray:
    """Expected counts for years ``time`` with population ``population`` (same length).

    The population is passed to statsmodels explicitly as ``exposure``
    (the offset is its log); there is no default denominator.
    """
    if fit.result is None:
        raise KosovoHRValueError(f"no model was fitted ({fit.reason}); nothing to predict")
    t = np.asarray(time, dtype=float)
    p = np.asarray(population, dtype=float)
    if t.shape != p.shape:
        raise KosovoHRValueError("time and population must have the same length")
    if np.any(~np.isfinite(p)) or np.any(p <= 0):
        raise KosovoHRValueError("population must be positive and not missing for every predicted year")
    exog = np.column_stack([np.ones_like(t), t - fit.t0])
    return np.asarray(fit.result.predict(exog, exposure=p))


def fit_trend(
    count: ArrayLike,
    population: ArrayLike,
    time: ArrayLike,
    *,
    family: str = "auto",
    min_years: int = MIN_YEARS,
    min_total: float = MIN_TOTAL,
    overdispersion: float = OVERDISPERSION,
) -> TrendFit:
    """Fit one series (arrays of equal length; NaN rows are dropped)."""
    import statsmodels.api as sm
    from statsmodels.discrete.discrete_model import NegativeBinomial

    if family not in ("auto", "poisson", "negbin"):
        raise KosovoHRValueError(f"family must be 'auto', 'poisson' or 'negbin', got {family!r}")
    y = np.asarray(count, dtype=float)
    p = np.asarray(population, dtype=float)
    t = np.asarray(time, dtype=float)
    ok = np.isfinite(y) & np.isfinite(p) & np.isfinite(t)
    y, p, t = y[ok], p[ok], t[ok]
    if len(np.unique(t)) != len(t):
        raise KosovoHRValueError("a time value repeats within one group; aggregate first or pass `by`")
    n, total = len(np.unique(t)), float(y.sum())
    t0 = float(np.min(t)) if n else np.nan
    reasons = []
    if n < min_years:
        reasons.append(f"{n} year(s) with data (< {min_years})")
    if total < min_total:
        reasons.append(f"total count {total:g} (< {min_total:g})")
    if reasons:
        return TrendFit(
            family="none", t0=t0, result=None, n_years=n, total=total, too_sparse=True, reason="; ".join(reasons)
        )
    X = np.column_stack([np.ones(n), t - t0])
    off = np.log(p)
    pois = sm.GLM(y, X, family=sm.families.Poisson(), offset=off).fit()
    disp = float(pois.pearson_chi2 / pois.df_resid) if pois.df_resid > 0 else np.nan
    use_nb = family == "negbin" or (family == "auto" and np.isfinite(disp) and disp > overdispersion)
    if not use_nb:
        return TrendFit("poisson", t0, pois, n, total, False, dispersion=disp)
    try:
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            nbml = NegativeBinomial(y, X, loglike_method="nb2", offset=off).fit(disp=0, maxiter=200)
        alpha = float(np.asarray(nbml.params)[-1])
        if not (np.isfinite(alpha) and alpha > 0 and nbml.mle_retvals.get("converged", True)):
            raise RuntimeError("NB alpha not estimable")
        nb = sm.GLM(y, X, family=sm.families.NegativeBinomial(alpha=alpha), offset=off).fit()
        nb_disp = float(nb.pearson_chi2 / nb.df_resid) if nb.df_resid > 0 else np.nan
        return TrendFit(
            "negbin", t0, nb, n, total, False, alpha=alpha, dispersion=nb_disp, info={"poisson_dispersion": disp}
        )
    except Exception as err:  # noqa: BLE001 - fall back, and say so
        if family == "negbin":
            raise RuntimeError(f"negative binomial fit failed: {err}") from err
        qp = sm.GLM(y, X, family=sm.families.Poisson(), offset=off).fit(scale="X2")
        return TrendFit("quasipoisson", t0, qp, n, total, False, dispersion=disp, info={"negbin_error": str(err)})


def trend(
    df: pd.DataFrame,
    count: str = "count",
    population: str = "population",
    time: str = "year",
    *,
    level: str | None = None,
    by: str | Sequence[str] | None = None,
    family: str = "auto",
    conf: float = 0.95,
    min_years: int = MIN_YEARS,
    min_total: float = MIN_TOTAL,
    overdispersion: float = OVERDISPERSION,
    code: str = "code",
) -> pd.DataFrame:
    """Annual percent change of a rate, per group, with a count GLM and log-population offset.

    Parameters
    ----------
    df : rows keyed by (code, time) with counts and populations.
    level : the unit level of the trends: ``"municipality"`` (one per code),
        ``"osce_region"`` / ``"district"`` / ``"kosovo"`` (summed with
        :func:`kosovo_hr.stats.aggregate`; incomplete unit-years are dropped,
        as aggregate gives them NA). ``None`` with ``by=None``: one series for Kosovo.
    by : other column name(s) of ``df`` to keep apart (within each unit when
        ``level`` is given). The old spellings ``by="code"`` and
        ``by="osce_region"`` / ``"district"`` / ``"kosovo"`` still mean the level.
    family : ``"auto"``, ``"poisson"`` or ``"negbin"`` (see module doc).

    Returns one row per group: the group columns, ``apc``, ``apc_lower``,
    ``apc_upper`` (percent per year), ``family``, ``dispersion`` (Pearson
    chi2 / df of the model used; for ``auto`` a Poisson value <= 1.5 kept
    Poisson), ``alpha`` (NB dispersion), ``n_years``, ``total``,
    ``too_sparse`` and ``reason``.
    """
    from .aggregate import aggregate

    check_counts(df, count)
    check_population(df, population, allow_missing=True)
    data = df
    if level is None and isinstance(by, str) and by in ("code", "osce_region", "district", "kosovo"):
        level, by = ("municipality" if by == "code" else by), None  # the old spelling of level=
    extra = [] if by is None else ([by] if isinstance(by, str) else list(by))
    one_series = level is None and not extra  # Kosovo as a whole, without a group column
    if one_series:
        level = "kosovo"
    groups: list[str]
    if level in ("osce_region", "district", "kosovo"):
        data = aggregate(df, level, counts=(count,), population=population, by=(time, *extra), code=code)
        data = data.rename(columns={code: level})
        groups = ([] if one_series else [level]) + extra
    elif level == "municipality":
        groups = [code, *extra]
    elif level is None:
        groups = extra
    else:
        raise KosovoHRValueError(f"level must be 'municipality', 'osce_region', 'district' or 'kosovo'; got {level!r}")
    rows = []
    iterator = data.groupby(groups, sort=True) if groups else [((), data)]
    for keys, g in iterator:
        keys = keys if isinstance(keys, tuple) else (keys,)
        y = pd.to_numeric(g[count]).astype("Float64").to_numpy(dtype=float, na_value=np.nan)
        p = pd.to_numeric(g[population]).astype("Float64").to_numpy(dtype=float, na_value=np.nan)
        fit = fit_trend(
            y,
            p,
            g[time].to_numpy(dtype=float),
            family=family,
            min_years=min_years,
            min_total=min_total,
            overdispersion=overdispersion,
        )
        apc, lo, hi = fit.apc(conf)
        rows.append(
            {
                **dict(zip(groups, keys)),
                "apc": apc,
                "apc_lower": lo,
                "apc_upper": hi,
                "family": fit.family,
                "dispersion": fit.dispersion,
                "alpha": np.nan if fit.alpha is None else fit.alpha,
                "n_years": fit.n_years,
                "total": fit.total,
                "too_sparse": fit.too_sparse,
                "reason": fit.reason,
            }
        )
    return pd.DataFrame(rows)
