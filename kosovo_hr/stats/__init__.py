"""Indicator statistics: rates with exact intervals, aggregation, small-count
protection, Empirical Bayes smoothing, count-model trends, rate-adjusted
Moran's I and representation indices.

    from kosovo_hr.stats import rates, aggregate, suppress, trend
    r = rates(df, "count", "population", per=100_000)        # + rate, rate_lower, rate_upper
    reg = aggregate(df, "osce_region")                      # sums, then recomputes rates
    pub = suppress(r, threshold=5, group=("year",))         # primary + secondary suppression
    t = trend(panel, level="municipality")                  # APC with CI, GLM + log-pop offset
"""

from .aggregate import aggregate, membership
from .rates import poisson_interval, rates
from .representation import representation_index
from .smoothing import eb_smooth
from .spatial import MoranResult, moran_rate
from .suppression import feasible_intervals, feasible_values, suppress
from .trends import TrendFit, fit_trend, predict, trend

__all__ = [
    "MoranResult",
    "TrendFit",
    "aggregate",
    "eb_smooth",
    "feasible_intervals",
    "feasible_values",
    "fit_trend",
    "membership",
    "moran_rate",
    "poisson_interval",
    "predict",
    "rates",
    "representation_index",
    "suppress",
    "trend",
]
