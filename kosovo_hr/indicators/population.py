"""Population indicators of notebook 01: change 2011-2024 by municipality and OSCE-region totals.

Drawn on the committed population table (``kosovo_hr/data/population``,
see :mod:`kosovo_hr.datasets.population`). The four northern municipalities
have no 2011 census count (KAS estimate) and a largely boycotted 2024 census
(ASK estimate): their change is not computed, and region totals keep their
estimates apart from census counts.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..datasets.population import NORTH, load_population
from ..gazetteer import membership
from . import table

__all__ = ["POP_TABLE", "NORTH", "population_change", "region_totals", "north_enumerated_2024"]

POP_TABLE = "kosovo_hr/data/population/population.csv"


def population_change() -> pd.DataFrame:
    """Percent change census 2011 -> census 2024 per municipality (NaN for the north).

    Columns: code, pop2011, pop2024, change_pct, note.
    """
    p = load_population(years=[2011, 2024])
    wide = p.pivot(index="code", columns="year", values="population").astype("Int64")
    est = p.pivot(index="code", columns="year", values="is_estimate")
    out = pd.DataFrame({"code": wide.index, "pop2011": wide[2011].to_numpy(), "pop2024": wide[2024].to_numpy()})
    any_est = (est[2011] | est[2024]).to_numpy()
    change = (out["pop2024"].astype(float) / out["pop2011"].astype(float) - 1) * 100
    out["change_pct"] = change.where(~any_est).astype(float)
    out["note"] = np.where(any_est, "estimate in 2011 and/or 2024: not compared", "")
    return out.reset_index(drop=True)


def region_totals() -> pd.DataFrame:
    """OSCE-region population 2011 and 2024: census counts and ASK estimates for the north."""
    p = load_population(years=[2011, 2024]).copy()
    p["osce_region"] = p["code"].map(membership("osce_region"))
    p["part"] = np.where(p["is_estimate"], "estimate", "census")
    t = p.groupby(["osce_region", "year", "part"])["population"].sum().unstack("part").fillna(0)
    t["total"] = t["census"] + t["estimate"]
    return t.reset_index()


def north_enumerated_2024() -> int:
    """People the boycotted 2024 census enumerated in the four northern municipalities."""
    enum = load_population(series="census_2024_enumerated")
    return int(enum.loc[enum["code"].isin(NORTH), "population"].sum())


# --- tables exported by `kosovo-hr export` ---------------------------------------------------


@table(
    "population",
    description="Population by municipality and year: censuses 1991 (pre-2008 "
    "units), 2011 and 2024, ASK's 2014 estimate; `is_estimate` marks ASK estimates and the 1991 "
    "figures (kosovo_hr.load_population()).",
    sources=[POP_TABLE],
)
def population_table() -> pd.DataFrame:
    return load_population()


@table(
    "population_change_2011_2024",
    description="Census population 2011 and 2024 and the change "
    "in percent per municipality; not computed where either figure is an estimate (the north).",
    sources=[POP_TABLE],
    municipal=True,
)
def population_change_table() -> pd.DataFrame:
    return population_change()


@table(
    "population_osce_regions",
    description="OSCE-region population 2011 and 2024: census counts "
    "and ASK estimates for the four northern municipalities, kept apart.",
    sources=[POP_TABLE],
)
def population_regions_table() -> pd.DataFrame:
    return region_totals()
