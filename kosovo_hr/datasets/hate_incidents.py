"""Hate incidents: cited national figures for Kosovo.

Sources (one per row, see ``kosovo_hr/data/national/hate_incidents.csv``):
OSCE/ODIHR hate-crime reporting (incidents reported by the OSCE Mission in
Kosovo, UNHCR and NGOs), 2017–2024; Kosovo Police figures on incidents at
religious and heritage sites (through the US religious-freedom reports and
news); the Ministry for Communities and Returns; the Serbian government.

Caveats
-------
* Definitions differ between producers: ODIHR incidents, Kosovo Police
  religious-site incidents and Serbian-government counts are separate
  measures (each its own ``measure``), never one series.
* ODIHR published totals for 2017–2021 and 2024, but only counts by type for
  2022 and 2023 (violent attacks, threats, attacks on property); the project
  does not add the types into a total.
* The number of reporting organisations changes from year to year (see
  ``note``): ODIHR totals reflect who reported as much as what happened.
* Rows with an unknown year (old ODIHR page, 2009–2015) and multi-year totals
  are context, not series.
* All figures are for Kosovo as a whole.
"""

from __future__ import annotations

import pandas as pd

from .national import load_national

#: ODIHR's yearly total of reported hate incidents.
MAIN_SERIES = "incidents_total"
#: ODIHR's types, published instead of a total for 2022 and 2023.
ODIHR_TYPES = ("violent_attacks_against_people", "threats", "attacks_against_property")


def load_hate_incidents(*, series_only: bool = False) -> pd.DataFrame:
    """Cited hate-incident figures, one row per published figure (42 rows).

    ``series_only=True`` drops partial years, multi-year totals and undated
    rows.  Columns as in :func:`kosovo_hr.datasets.national.load_national`.
    """
    return load_national("hate_incidents", series_only=series_only)
