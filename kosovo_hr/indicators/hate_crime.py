"""Hate incidents, national series (notebook 04): the tables behind its figures.

From the cited table ``kosovo_hr/data/national/hate_incidents.csv``. Different
producers and definitions (ODIHR incidents, Kosovo Police incidents at
religious sites, Serbian government counts) are separate measures, never added.
"""

from __future__ import annotations

import pandas as pd

from ..datasets.hate_incidents import ODIHR_TYPES, load_hate_incidents
from . import table
from .national import national_trend, one_per_year, series_table, table_path

__all__ = [
    "SOURCE_TABLE",
    "ODIHR_TYPES",
    "SITE_MEASURES",
    "published",
    "odihr_series",
    "odihr_trend",
    "yearly",
    "partial_year",
]

SOURCE_TABLE = table_path("hate_incidents")
SITE_MEASURES = ("kp_incidents_orthodox_sites", "serbia_claimed_incidents_orthodox_sites")


def published() -> pd.DataFrame:
    """Every cited figure, one row each (:func:`kosovo_hr.load_hate_incidents`)."""
    return load_hate_incidents()


def odihr_series() -> pd.DataFrame:
    """OSCE/ODIHR yearly totals with exact Poisson limits and Kosovo's population."""
    return series_table(load_hate_incidents(), "incidents_total")


def odihr_trend() -> dict:
    """Annual percent change of :func:`odihr_series` (count GLM with a population offset)."""
    return national_trend(odihr_series())


def yearly(measure: str) -> pd.DataFrame:
    """One value per year of ``measure`` (copies reported, never added)."""
    return one_per_year(load_hate_incidents(), measure)


def partial_year(measure: str) -> pd.DataFrame:
    """Figures of ``measure`` covering part of a year: not series values, drawn apart."""
    df = load_hate_incidents()
    return df[(df["measure"] == measure) & (df["period"] == "partial_year")]


# --- tables exported by `kosovo-hr export` ---------------------------------------------------


@table(
    "hate_incidents_national",
    description="Cited national hate-incident figures, one row per "
    "published figure with its source (kosovo_hr.load_hate_incidents()).",
    sources=[SOURCE_TABLE],
)
def hate_national_table() -> pd.DataFrame:
    return load_hate_incidents()


@table(
    "hate_incidents_odihr_series",
    description="OSCE/ODIHR yearly totals of hate incidents, with exact Poisson 95% limits and Kosovo's population.",
    sources=[SOURCE_TABLE, "kosovo_hr/data/population/population.csv"],
)
def odihr_series_table() -> pd.DataFrame:
    return odihr_series()
