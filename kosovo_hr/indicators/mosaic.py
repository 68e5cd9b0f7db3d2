"""Community security (notebook 06): UNDP Kosovo Mosaic satisfaction and top-problem shares.

Survey shares (perceptions) by municipality from :func:`kosovo_hr.load_mosaic`.
Small municipal samples (sizes not given): small differences are noise.
Before 2013 the undivided Mitrovica has one value for south and north
(:func:`kosovo_hr.gazetteer.spread_to_current` puts it on both polygons).
"""

from __future__ import annotations

import pandas as pd

from ..datasets.mosaic import WAVES, expand_for_map, load_mosaic
from ..gazetteer import membership
from . import table

__all__ = [
    "WAVES",
    "INSTITUTIONS",
    "SECURITY_PROBLEMS",
    "satisfaction",
    "institutions",
    "institution_map",
    "problems",
    "problem_map",
    "security_problems",
]

INSTITUTIONS = (
    "Satisfaction with Municipal Assembly",
    "Satisfaction with the Mayor",
    "Satisfaction with Kosovo Police",
)
SECURITY_PROBLEMS = (
    "inter-ethnic relations",
    "limited freedom of movement",
    "lack of general or personal security",
    "crime",
)


def satisfaction() -> pd.DataFrame:
    """Satisfaction shares by indicator, wave and unit; rows the file shifts are left out (listed by the loader)."""
    return load_mosaic("satisfaction")  # the rejected rows travel in .attrs["rejected"]


def institutions() -> pd.DataFrame:
    """Satisfaction with the Municipal Assembly, the Mayor and the Kosovo Police (:data:`INSTITUTIONS`)."""
    data = satisfaction()
    return data[data["indicator"].isin(INSTITUTIONS)]


def institution_map(indicator: str, wave: int, data: pd.DataFrame | None = None) -> pd.DataFrame:
    """Rows of one indicator and wave on today's map (``code``, ``share``, ``kosovo_share``); empty if not asked."""
    data = institutions() if data is None else data
    sub = data[(data["indicator"] == indicator) & (data["year"] == wave)]
    if sub.empty:
        return sub[["code", "share", "kosovo_share"]]
    return expand_for_map(sub)[["code", "share", "kosovo_share"]]


def problems() -> pd.DataFrame:
    """The problems file: share naming each problem the top problem, 2012 and 2015."""
    return load_mosaic("problems")


def problem_map(indicator: str = "inter-ethnic relations", year: int = 2015) -> pd.DataFrame:
    """Municipal rows (``code``, ``share``) of one problem and wave; municipalities not listed are absent."""
    p = problems()
    return p[(p["indicator"] == indicator) & (p["year"] == year) & (p["code"] != "kosovo")][["code", "share"]]


def security_problems() -> pd.DataFrame:
    """Rows of the Mosaic problems file on security-related problems where a share is reported."""
    p = problems()
    p = p[p["indicator"].isin(SECURITY_PROBLEMS) & p["share"].notna()].copy()
    p["osce_region"] = p["code"].map(membership("osce_region"))  # historic units included
    return p.sort_values(["osce_region", "code", "year", "indicator"]).reset_index(drop=True)


# --- tables exported by `kosovo-hr export` ---------------------------------------------------


@table(
    "mosaic_satisfaction",
    description="UNDP Kosovo Mosaic: share of respondents satisfied, by "
    "indicator, wave and municipality (rows the file shifts are left out and listed by the loader).",
    sources=["undp_mosaic"],
    municipal=True,
)
def mosaic_satisfaction_table() -> pd.DataFrame:
    return satisfaction()


@table(
    "mosaic_security_problems",
    description="UNDP Kosovo Mosaic: share naming a security-related "
    "problem (inter-ethnic relations, freedom of movement, personal security) as the top problem.",
    sources=["undp_mosaic"],
    municipal=True,
)
def mosaic_security_table() -> pd.DataFrame:
    return security_problems()
