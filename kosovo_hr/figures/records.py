"""Maps of users' own records (not in the registry of published figures: they need the user's file)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import KosovoHRKeyError
from ..indicators.records import SUPPRESS_BELOW, check_mappable, pooled_suppressed
from ..plots.records_map import SUBJECTS, records_map

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes

__all__ = ["map_pooled_rates", "SUBJECTS"]


def map_pooled_rates(
    indicators: pd.DataFrame,
    *,
    subject: str = "records",
    lang: str = "en",
    threshold: int | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Choropleth of the pooled (average yearly) rate per municipality, small counts suppressed.

    ``indicators`` is :func:`kosovo_hr.municipal_indicators`' frame; ``subject``
    (a key of :data:`SUBJECTS`) names what is mapped in the title;
    ``threshold`` (default :data:`~kosovo_hr.indicators.records.SUPPRESS_BELOW`)
    is the count below which a municipality is suppressed. Suppression cannot
    be turned off here: publish unsuppressed counts only from your own tables,
    knowingly.
    """
    if subject not in SUBJECTS:
        raise KosovoHRKeyError(f"unknown subject {subject!r}; choose one of {', '.join(SUBJECTS)}")
    threshold = SUPPRESS_BELOW if threshold is None else threshold
    check_mappable(indicators)
    pool = pooled_suppressed(indicators, threshold=threshold)
    yrs = indicators.loc[indicators["population"].notna(), "year"]
    span = f"{int(yrs.min())}–{int(yrs.max())}" if len(yrs) else ""
    return records_map(pool, subject=subject, years=span, threshold=threshold, lang=lang, ax=ax)
