"""From validated records to municipal indicators, OSCE-region trends and a map.

The three domain notebooks call these when the user sets ``RECORDS_PATH``:

    res = load_records(path, domain)
    ind = municipal_indicators(res.records, weight="n_persons")   # code x year
    region_trends(ind)                                            # APC per OSCE region
    map_pooled_rates(ind, lang="sq")                              # choropleth

Rates are per 100,000 residents with exact Poisson intervals
(:func:`kosovo_hr.stats.rates`); populations are interpolated between the
2011 and 2024 censuses (:func:`kosovo_hr.datasets.population.population_for_years`,
geometric).  Years outside 2011–2024, and records coded to historic units,
have no population: their rates are missing, never guessed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pandas as pd

from ..plots.i18n import label
from .count import count_records

if TYPE_CHECKING:
    from matplotlib.axes import Axes

LABELS = {
    "map_title": {
        "sq": "Regjistrimet e përdoruesit për 100 000 banorë në vit, {years}",
        "sr": "Zapisi korisnika na 100.000 stanovnika godišnje, {years}",
        "en": "User's records per 100,000 residents a year, {years}",
    },
    "map_note": {
        "sq": "Të dhëna të përdoruesit (jo publike); normat mbi pak raste janë të paqëndrueshme.",
        "sr": "Podaci korisnika (nisu javni); stope zasnovane na malo slučajeva su nestabilne.",
        "en": "User's own records (not public data); rates on few events are unstable.",
    },
}


def municipal_indicators(records: pd.DataFrame, *, weight: str | None = None,
                         years: Sequence[int] | None = None, codes: Sequence[str] | None = None,
                         by: Sequence[str] = ("code", "year"), per: float = 100_000) -> pd.DataFrame:
    """Counts (zero-filled over the declared coverage, see :func:`count_records`), population and rates.

    Returns the :func:`count_records` frame plus ``population`` (NaN where no
    denominator exists) and ``rate``, ``rate_lower``, ``rate_upper`` per ``per``.
    """
    from ..datasets.population import population_for_years
    from ..stats import rates

    counts = count_records(records, by=by, weight=weight, years=years, codes=codes)
    yrs = sorted({int(y) for y in counts["year"] if 2011 <= int(y) <= 2024}) if len(counts) else []
    if yrs:
        pop = population_for_years(yrs, method="geometric")[["code", "year", "population"]]
        counts = counts.merge(pop, on=["code", "year"], how="left")
    else:
        counts["population"] = float("nan")
    counts["population"] = pd.to_numeric(counts["population"]).astype(float)
    if len(counts) == 0:
        return counts.assign(rate=pd.Series(dtype=float), rate_lower=pd.Series(dtype=float),
                             rate_upper=pd.Series(dtype=float))
    return rates(counts, per=per, key=tuple(by), allow_missing=True)


def region_trends(indicators: pd.DataFrame, **kwargs) -> pd.DataFrame:
    """Annual percent change per OSCE region (:func:`kosovo_hr.stats.trend`, GLM with population offset).

    Municipality-years without a population are dropped before aggregation;
    regions missing members in a year get no figure for that year (the
    stats module's rule), so a trend never rests on a partial region.
    """
    from ..stats import trend

    use = indicators[indicators["population"].notna()][["code", "year", "count", "population"]]
    return trend(use, by="osce_region", **kwargs)


def pooled(indicators: pd.DataFrame, per: float = 100_000) -> pd.DataFrame:
    """Counts and populations summed over the years per municipality, with rates (years with population only).

    The summed population is in person-years, so the rate is the average yearly rate over
    the years pooled.
    """
    from ..stats import rates

    use = indicators[indicators["population"].notna()]
    out = use.groupby("code", as_index=False)[["count", "population"]].sum()
    return rates(out, per=per, key=("code",))


def map_pooled_rates(indicators: pd.DataFrame, *, lang: str = "en", ax: "Axes | None" = None) -> "Axes":
    """Choropleth of the pooled (average yearly) rate per municipality over all years with a population."""
    from ..plots import choropleth

    pool = pooled(indicators)
    yrs = indicators.loc[indicators["population"].notna(), "year"]
    span = f"{int(yrs.min())}–{int(yrs.max())}" if len(yrs) else ""
    return choropleth(pool, "rate", lang=lang, ax=ax, fmt="{:,.1f}",
                      title=label("map_title", lang, LABELS).format(years=span),
                      legend_title=label("per_100k", lang),
                      note=label("map_note", lang, LABELS))
