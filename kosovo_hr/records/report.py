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


#: Columns of a :func:`municipal_indicators` frame other than its extra ``by`` columns.
INDICATOR_COLUMNS = ("code", "year", "count", "osce_region", "population", "rate", "rate_lower", "rate_upper")


def _split_by(indicators: pd.DataFrame) -> list[str]:
    """The extra ``by`` columns (``category``, ``affected_community``...) that split code × year, else ``[]``.

    Each value of these columns is its own series: counts of different values
    are never added, and each code × year's population is used once per value.
    """
    if not indicators.duplicated(["code", "year"]).any():
        return []
    extra = [c for c in indicators.columns if c not in INDICATOR_COLUMNS]
    if not extra or indicators.duplicated(["code", "year", *extra]).any():
        raise ValueError("the indicators have duplicated (code, year) rows that no other column tells apart; "
                         "pass the frame municipal_indicators returned (one row per code, year and by value)")
    return extra


def region_trends(indicators: pd.DataFrame, **kwargs) -> pd.DataFrame:
    """Annual percent change per OSCE region (:func:`kosovo_hr.stats.trend`, GLM with population offset).

    Municipality-years without a population are dropped before aggregation;
    regions missing members in a year get no figure for that year (the
    stats module's rule), so a trend never rests on a partial region.

    When the indicators were counted with extra ``by`` columns (e.g.
    ``by=("code", "year", "affected_community")``), each value gets its own
    trend per region (one row per region and value, the value in its column):
    values are not added together, and each municipality-year's population
    enters every value's series once.  For one trend over all records, count
    without the extra column.
    """
    from ..stats import trend

    extra = _split_by(indicators)
    use = indicators[indicators["population"].notna()]
    cols = ["code", "year", "count", "population"]
    groups = list(use.groupby(extra, sort=True, dropna=False)) if extra else []
    if not groups:
        return trend(use[cols], by="osce_region", **kwargs)
    out = []
    for keys, grp in groups:
        res = trend(grp[cols], by="osce_region", **kwargs)
        for i, (c, v) in enumerate(zip(extra, keys if isinstance(keys, tuple) else (keys,))):
            res.insert(1 + i, c, v)  # after osce_region
        out.append(res)
    return pd.concat(out, ignore_index=True)


def pooled(indicators: pd.DataFrame, per: float = 100_000) -> pd.DataFrame:
    """Counts and populations summed over the years per municipality, with rates (years with population only).

    The summed population is in person-years, so the rate is the average yearly rate over
    the years pooled.  With extra ``by`` columns (see :func:`region_trends`) there is one
    row per municipality and value, each summing that value's counts and the
    municipality's population once per year.
    """
    from ..stats import rates

    extra = _split_by(indicators)
    use = indicators[indicators["population"].notna()]
    out = use.groupby(["code", *extra], as_index=False, dropna=False)[["count", "population"]].sum()
    return rates(out, per=per, key=("code", *extra))


def map_pooled_rates(indicators: pd.DataFrame, *, lang: str = "en", ax: "Axes | None" = None) -> "Axes":
    """Choropleth of the pooled (average yearly) rate per municipality over all years with a population."""
    from ..plots import choropleth

    extra = _split_by(indicators)
    if extra:
        first = indicators[extra[0]].dropna().iloc[0] if indicators[extra[0]].notna().any() else None
        raise ValueError(f"the indicators are split by {extra} and a map shows one value per municipality: "
                         f"map one value at a time, e.g. indicators[indicators[{extra[0]!r}] == {first!r}], "
                         f"or count without {extra}")
    pool = pooled(indicators)
    yrs = indicators.loc[indicators["population"].notna(), "year"]
    span = f"{int(yrs.min())}–{int(yrs.max())}" if len(yrs) else ""
    return choropleth(pool, "rate", lang=lang, ax=ax, fmt="{:,.1f}",
                      title=label("map_title", lang, LABELS).format(years=span),
                      legend_title=label("per_100k", lang),
                      note=label("map_note", lang, LABELS))
