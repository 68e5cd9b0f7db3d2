"""Displacement and returns, national figures (notebook 03): the tables behind its figures.

From the cited table ``kosovo_hr/data/national/displacement.csv``. IDP
numbers are stocks (estimates or registrations at a date), without
intervals: a Poisson interval describes chance variation of event counts,
not the uncertainty of an estimated stock. Returns are yearly counts of
persons and carry exact Poisson 95% limits where the figure is exact.
"""

from __future__ import annotations

import pandas as pd

from ..datasets.displacement import load_displacement
from . import table
from .national import series_table, table_path

__all__ = ["SOURCE_TABLE", "STOCKS_KOSOVO", "STOCKS_SERBIA", "RETURNS", "published", "stocks", "returns_table"]

SOURCE_TABLE = table_path("displacement")
STOCKS_KOSOVO = ("idps_in_kosovo", "idps_in_kosovo_collective_centres")
STOCKS_SERBIA = (
    "idps_from_kosovo_registered_in_serbia",
    "idps_from_kosovo_in_serbia",
    "idps_from_kosovo_in_serbia_govt",
    "idps_in_serbia_with_displacement_needs",
)
RETURNS = (
    "minority_voluntary_returns",
    "idp_returns",
    "returns",
    "displaced_returned_MCR",
    "idp_returns_within_kosovo",
)


def published(series_only: bool = False) -> pd.DataFrame:
    """Every cited figure (:func:`kosovo_hr.load_displacement`), or only rows usable as series."""
    return load_displacement(series_only=series_only)


def stocks(measures: tuple[str, ...]) -> dict[str, pd.DataFrame]:
    """Series rows of each IDP stock measure (dated estimates or registrations, no interval)."""
    df = load_displacement(series_only=True)
    return {m: df[df["measure"] == m] for m in measures}


@table(
    "displacement_national",
    description="Cited national displacement and returns figures, one row per "
    "published figure with its source (kosovo_hr.load_displacement()).",
    sources=[SOURCE_TABLE],
)
def displacement_national_table() -> pd.DataFrame:
    return load_displacement()


@table(
    "displacement_returns_series",
    description="Returns per year, one value per measure and year "
    "(calendar years only; each measure is its own definition and producer, never added to another), with "
    "exact Poisson 95% limits for exact counts and whether the sources of a year agree.",
    sources=[SOURCE_TABLE],
)
def returns_table() -> pd.DataFrame:
    """One row per return measure and year (:func:`kosovo_hr.indicators.national.series_table` per measure).

    Measures of different definitions or producers (``RETURNS``) stay separate rows; a
    figure given twice for the same measure and year is one row, with ``n_sources``,
    ``agree`` and ``values_all`` reporting the copies.
    """
    df = load_displacement(series_only=True)
    tabs = [series_table(df, m) for m in RETURNS if (df["series"] == m).any()]
    out = pd.concat(tabs, ignore_index=True).rename(columns={"series": "measure"})
    out = out.merge(df[["row_id", "note"]], on="row_id", how="left")
    cols = [
        "row_id",
        "year",
        "measure",
        "value",
        "qualifier",
        "value_lower",
        "value_upper",
        "producer",
        "source_title",
        "source_url",
        "note",
        "n_sources",
        "agree",
        "values_all",
    ]
    return out[cols].sort_values(["year", "measure"]).reset_index(drop=True)
