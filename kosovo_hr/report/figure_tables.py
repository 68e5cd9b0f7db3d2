"""Which exported table (``kosovo-hr export``) stands behind each figure.

The mapping would best be a field of the figure registration
(``@figure(..., table=...)``); until the figure modules carry it, it lives
here.  A figure registration that has a ``table`` attribute wins over this
mapping.  Entries of figures no longer registered are ignored.  Every
registered figure must appear here, mapped to a table name
of :data:`kosovo_hr.export.TABLES` or explicitly to no table, with the reason
(a label key of ``labels.csv``); ``tests/test_report.py`` checks both.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass


@dataclass(frozen=True)
class NoTable:
    """A figure with no exported table behind it; ``reason`` is a key of ``labels.csv``."""

    reason: str


#: figure name -> exported table name, or NoTable(reason)
FIGURE_TABLES: dict[str, str | NoTable] = {
    "osce_regions": NoTable("no_table_gazetteer"),
    "osce_region_evidence": NoTable("no_table_gazetteer"),
    "population_change_2011_2024": "population_change_2011_2024",
    "population_region_totals": "population_osce_regions",
    "trafficking_victims_identified": "trafficking_victims_series",
    "trafficking_victims_by_form": "trafficking_national",
    "displacement_idps": "displacement_national",
    "displacement_returns": "displacement_returns_series",
    "hate_incidents_odihr": "hate_incidents_odihr_series",
    "hate_orthodox_sites_sources": "hate_incidents_national",
    "participation_parliamentary_maps": "participation_parliamentary",
    "participation_local_seats": "participation_local_assembly",
    "participation_region_trends": "participation_parliamentary",
    "participation_heatmap": "participation_parliamentary",
    "conflict_killed_disappeared_rates": "conflict_rates_pre2008",
    "conflict_rates_by_community": "conflict_rates_by_community",
    "conflict_osce_region_totals": "conflict_osce_region_totals",
    "mosaic_institutions_small_multiples": "mosaic_satisfaction",
    "mosaic_security_top_problem": "mosaic_security_problems",
    "memory_book_age_sex": "memory_book_age_sex_status",
    "memory_book_day_of_month": "memory_book_day_of_month",
    "memory_book_monthly_osce_regions": "memory_book_monthly_osce_region",
    "memory_book_monthly_pre2008_heatmap": "memory_book_monthly_pre2008",
    "memory_book_status_monthly": "memory_book_status_monthly",
}


def table_for(figure: str, spec: object | None = None) -> str | NoTable:
    """The table behind ``figure``: the registration's ``table`` field if it has one, else the mapping."""
    declared = getattr(spec, "table", None)
    if declared is not None:
        return declared if isinstance(declared, str) else NoTable("no_table_not_exported")
    if figure not in FIGURE_TABLES:  # a new figure: the book still builds; tests/test_report.py fails
        warnings.warn(
            f"figure {figure!r} has no table in kosovo_hr/report/figure_tables.py: map it to the name "
            f"of its exported table, or to NoTable(<label key>) if it has none",
            stacklevel=2,
        )
        return NoTable("no_table_not_exported")
    return FIGURE_TABLES[figure]
