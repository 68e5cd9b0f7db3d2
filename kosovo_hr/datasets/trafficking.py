"""Trafficking in human beings: cited national yearly figures for Kosovo.

Sources (one per row, see ``kosovo_hr/data/national/trafficking.csv``): the US
Department of State's Trafficking in Persons (TIP) reports 2017 (through a
news copy), 2020, 2021 and 2022, which quote the government's figures; the
Ministry of Internal Affairs and Kosovo Police as quoted in the news.

Caveats
-------
* Victims identified 2015–2016 and 2018–2021 come from the TIP reports; 2017
  only from the Ministry (16), which also gives 6 for 2018 against the TIP's
  15 (its 2018 may be a partial year). Kept side by side, never added.
* Jan–Sep figures (2007, 2019) are partial years: context, not series.
* No prosecution or conviction counts were readable in the sources.
* All figures are for Kosovo as a whole: nothing public is municipal.
"""

from __future__ import annotations

import pandas as pd

from .national import load_national

#: The main yearly series (TIP reports, government data).
MAIN_SERIES = "victims_identified"


def load_trafficking(*, series_only: bool = False) -> pd.DataFrame:
    """Cited trafficking figures, one row per published figure (37 rows).

    ``series_only=True`` drops partial years (context only).  See
    :func:`kosovo_hr.datasets.national.load_national` for the columns and
    :func:`kosovo_hr.datasets.national.one_per_year` to get one value per
    year of a series without adding sources together.
    """
    return load_national("trafficking", series_only=series_only)
