"""Yearly national series as indicators: one value per year with exact Poisson limits, and trends.

Built on the cited national tables (:mod:`kosovo_hr.datasets.national`):
:func:`series_table` adds exact Poisson intervals and Kosovo's population to
:func:`kosovo_hr.datasets.national.one_per_year`; :func:`national_trend`
fits the annual percent change with a population offset. Shared by the
trafficking, hate-crime and displacement indicators.
"""

from __future__ import annotations

import pandas as pd

from ..datasets.national import conflicts, kosovo_population, load_national, one_per_year, table_path
from ..stats.rates import poisson_interval
from ..stats.trends import fit_trend

__all__ = [
    "series_table",
    "national_trend",
    "one_per_year",
    "conflicts",
    "kosovo_population",
    "load_national",
    "table_path",
]


def series_table(frame: pd.DataFrame, series: str, *, conf: float = 0.95) -> pd.DataFrame:
    """One value per year of ``series`` with an exact Poisson interval and Kosovo's population.

    Adds ``value_lower``/``value_upper`` (exact Garwood limits, events, at ``conf``) to
    :func:`one_per_year`, and ``population`` (:func:`kosovo_population`).  The
    interval treats the published count as a Poisson draw from the year's
    underlying rate: it expresses year-to-year chance variation, not errors of
    recording or definition, which are larger.  Rows that are not exact counts
    (``approx``, ``estimate``, ``lower_bound``) get no interval (NaN).
    """
    out = one_per_year(frame, series)
    lo, hi = poisson_interval(out["value"].to_numpy(), conf=conf)
    exact = (out["qualifier"] == "exact").to_numpy()
    out["value_lower"] = [float(x) if e else float("nan") for x, e in zip(lo, exact)]
    out["value_upper"] = [float(x) if e else float("nan") for x, e in zip(hi, exact)]
    out["population"] = kosovo_population(out["year"]).to_numpy()
    out.insert(0, "series", series)
    return out


def national_trend(table: pd.DataFrame, *, conf: float = 0.95) -> dict:
    """Annual percent change of a :func:`series_table` (count GLM, log-population offset).

    Uses :func:`kosovo_hr.stats.trends.fit_trend` (Poisson, or negative
    binomial when over-dispersed).  Years without a population (outside
    2011–2024) or without an exact count are left out.  Returns ``apc``,
    ``apc_lower``, ``apc_upper`` (% per year), ``family``, ``n_years``,
    ``years`` (first–last used), ``too_sparse`` and ``reason``.
    """
    use = table[(table["qualifier"] == "exact") & table["population"].notna()]
    fit = fit_trend(use["value"].to_numpy(float), use["population"].to_numpy(float), use["year"].to_numpy(float))
    apc, lo, hi = fit.apc(conf)
    return {
        "series": table["series"].iloc[0] if len(table) else "",
        "apc": apc,
        "apc_lower": lo,
        "apc_upper": hi,
        "family": fit.family,
        "n_years": fit.n_years,
        "years": f"{int(use['year'].min())}-{int(use['year'].max())}" if len(use) else "",
        "too_sparse": fit.too_sparse,
        "reason": fit.reason,
    }
