"""Trafficking in human beings, national series (notebook 02): the tables behind its figures.

Every value comes from the cited table ``kosovo_hr/data/national/trafficking.csv``
(one source per row). Figures from different producers stay separate rows,
never added.
"""

from __future__ import annotations

import pandas as pd

from ..datasets.trafficking import load_trafficking
from . import table
from .national import national_trend, one_per_year, series_table, table_path

__all__ = [
    "SOURCE_TABLE",
    "FORMS",
    "OTHER_PRODUCERS",
    "published",
    "victims_series",
    "victims_trend",
    "other_producers",
    "tip_rows",
    "forms_by_year",
    "tip_totals",
]

SOURCE_TABLE = table_path("trafficking")
#: Forms of exploitation reported by the TIP reports (2018 on).
FORMS = ("victims_sex_trafficking", "victims_forced_labor", "victims_forced_begging")
#: Figures of other producers drawn beside the TIP series: measure -> label key.
OTHER_PRODUCERS = {"victims_identified_MIA": "mia", "victims_identified_KP": "kp"}


def published() -> pd.DataFrame:
    """Every cited figure, one row each (:func:`kosovo_hr.load_trafficking`)."""
    return load_trafficking()


def victims_series() -> pd.DataFrame:
    """Victims identified per year (TIP), one value per year with exact Poisson limits and population."""
    return series_table(load_trafficking(), "victims_identified")


def victims_trend() -> dict:
    """Annual percent change of :func:`victims_series` (count GLM with a population offset)."""
    return national_trend(victims_series())


def other_producers() -> pd.DataFrame:
    """Calendar-year figures of the Ministry of Internal Affairs and the Kosovo Police (never added to TIP)."""
    df = load_trafficking()
    return df[df["measure"].isin(list(OTHER_PRODUCERS)) & (df["period"] == "calendar_year")].reset_index(drop=True)


def tip_rows() -> pd.DataFrame:
    """Calendar-year rows of the US State Department TIP reports."""
    df = load_trafficking()
    return df[df["producer"].str.startswith("US Department of State") & (df["period"] == "calendar_year")]


def forms_by_year() -> dict[str, pd.DataFrame]:
    """One value per year for each form of exploitation (:data:`FORMS`), from the TIP reports."""
    tip = tip_rows()
    return {m: one_per_year(tip, m) for m in FORMS}


def tip_totals(years: list[int] | None = None) -> pd.DataFrame:
    """TIP total of victims identified, one value per year (only ``years`` when given)."""
    tot = one_per_year(tip_rows(), "victims_identified")
    return tot if years is None else tot[tot["year"].isin(years)]


# --- tables exported by `kosovo-hr export` ---------------------------------------------------


@table(
    "trafficking_national",
    description="Cited national trafficking figures, one row per published "
    "figure with its source (kosovo_hr.load_trafficking()).",
    sources=[SOURCE_TABLE],
)
def trafficking_national_table() -> pd.DataFrame:
    return load_trafficking()


@table(
    "trafficking_victims_series",
    description="Victims of trafficking identified per year (TIP "
    "reports), one value per year with exact Poisson 95% limits and Kosovo's population.",
    sources=[SOURCE_TABLE, "kosovo_hr/data/population/population.csv"],
)
def victims_series_table() -> pd.DataFrame:
    return victims_series()
