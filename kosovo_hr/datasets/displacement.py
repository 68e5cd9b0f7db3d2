"""Displacement and returns: cited national figures for Kosovo.

Sources (one per row, see ``kosovo_hr/data/national/displacement.csv``):
UNHCR, IDMC (quoting UNHCR and governments), UNMIK, the Ministry for
Communities and Returns, Serbia's Commissariat for Refugees and Migration.

Caveats
-------
* Stocks and flows: IDP numbers are stocks counted at a date
  (``period == "point_in_time"``); returns are flows over a year.
* ``scope`` separates people displaced inside Kosovo (``kosovo``) from IDPs
  from Kosovo living in Serbia (``displaced_from_kosovo_in_serbia``).
* Definitions differ: registered IDPs (~200,000, Serbia's Commissariat) vs
  IDPs with displacement-related needs (UNHCR/IDMC, 68,000–97,000); UNHCR
  returns vs the Ministry's (2015: 770 vs 704). Kept side by side, never
  added.
* Partial years (2014 Jan–Jun, 2018–2019 Jan–Oct) and cumulative totals are
  context, not series. All figures are for Kosovo as a whole.
"""

from __future__ import annotations

import pandas as pd

from ..errors import KosovoHRValueError
from .national import load_national

SCOPES = ("kosovo", "displaced_from_kosovo_in_serbia", "displaced_in_serbia_and_kosovo")


def load_displacement(*, series_only: bool = False, scope: str | None = None) -> pd.DataFrame:
    """Cited displacement and returns figures, one row per published figure (47 rows).

    ``scope`` keeps one of :data:`SCOPES`; ``series_only`` drops partial
    years, cumulative totals and undated rows.  Columns as in
    :func:`kosovo_hr.datasets.national.load_national`, plus ``scope``.
    """
    df = load_national("displacement", series_only=series_only)
    if scope is not None:
        if scope not in SCOPES:
            raise KosovoHRValueError(f"scope must be one of {', '.join(SCOPES)}; got {scope!r}")
        df = df[df["scope"] == scope].reset_index(drop=True)
    return df
