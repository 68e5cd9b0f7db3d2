"""Indicators built from the datasets: one module per theme, and the registry of exported tables.

Every table a figure, the export or a report uses is computed here
(``kosovo_hr/indicators/<theme>.py``): figures import these modules and
:mod:`kosovo_hr.plots` only, and ``kosovo-hr export`` writes the tables
registered below. Themes: ``municipalities`` (gazetteer tables),
``population``, ``trafficking``, ``displacement``, ``hate_crime``,
``national`` (shared series helpers), ``participation`` (elections),
``conflict`` (Kosovo Memory Book), ``mosaic`` (UNDP Kosovo Mosaic,
community security).

A table is a function returning a DataFrame, decorated with :func:`table`::

    from kosovo_hr.indicators import table

    @table("population_municipal", description="...", sources=["census_2024"], municipal=True)
    def _population_table() -> pd.DataFrame: ...

``municipal=True`` marks tables keyed by a municipality ``code`` column: they
also go into the GeoPackage (:func:`kosovo_hr.export.export_geopackage`).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import KosovoHRValueError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["TABLES", "TableSpec", "table", "load_all"]


@dataclass(frozen=True)
class TableSpec:
    name: str
    description: str
    sources: tuple[str, ...]
    municipal: bool
    build: Callable[[], "pd.DataFrame"]


TABLES: dict[str, TableSpec] = {}


def table(
    name: str, *, description: str, sources: Sequence[str], municipal: bool = False
) -> Callable[[Callable[[], "pd.DataFrame"]], Callable[[], "pd.DataFrame"]]:
    """Register ``fn() -> DataFrame`` as the exported table ``name`` (file ``<name>.csv``)."""

    def deco(fn: Callable[[], "pd.DataFrame"]) -> Callable[[], "pd.DataFrame"]:
        if name in TABLES and TABLES[name].build is not fn:
            raise KosovoHRValueError(f"table {name!r} registered twice")
        TABLES[name] = TableSpec(name, description, tuple(sources), municipal, fn)
        return fn

    return deco


def load_all() -> dict[str, TableSpec]:
    """Import every indicator module of this package and return the table registry."""
    for mod in pkgutil.iter_modules(__path__):
        if not mod.name.startswith("_"):
            importlib.import_module(f"{__name__}.{mod.name}")
    return TABLES
