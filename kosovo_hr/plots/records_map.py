"""The map of users' own records: pooled yearly rate per municipality, small counts suppressed.

Drawing only: the table is :func:`kosovo_hr.indicators.records.pooled_suppressed`, and
:func:`kosovo_hr.figures.records.map_pooled_rates` builds it and draws it in one call.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import KosovoHRKeyError
from .i18n import label

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes

#: What a records map can show, per domain and the filter the notebooks apply (the title names it).
SUBJECTS = ("trafficking_victim_identified", "displacement_return", "hate_incident", "records")


def records_map(
    pool: pd.DataFrame,
    *,
    subject: str = "records",
    years: str = "",
    threshold: int = 5,
    lang: str = "en",
    ax: Axes | None = None,
) -> Axes:
    """Draw the pooled, suppressed table (:func:`kosovo_hr.indicators.records.pooled_suppressed`).

    ``subject`` (a key of :data:`SUBJECTS`) names what is mapped in the title,
    ``years`` the span pooled; ``threshold`` is the count below which the table
    was suppressed (named in the legend and the note).
    """
    from .choropleth import choropleth

    if subject not in SUBJECTS:
        raise KosovoHRKeyError(f"unknown subject {subject!r}; choose one of {', '.join(SUBJECTS)}")
    return choropleth(
        pool,
        "rate",
        lang=lang,
        ax=ax,
        fmt="{:,.1f}",
        title=label("records_map.map_title", lang).format(
            subject=label(f"records_map.subject.{subject}", lang), years=years
        ),
        legend_title=label("per_100k", lang),
        missing_label=label("records_map.missing_or_suppressed", lang).format(threshold=threshold),
        note=label("records_map.map_note", lang).format(threshold=threshold),
    )
