"""The gazetteer tables shipped with the package (``kosovo_hr/data``).

``municipalities.csv`` is built by ``tools/build_gazetteer.py`` from the
project's reference transcription (``shared/reference/municipalities.csv``),
whose sources are given column by column in that folder's
``municipalities.SOURCES.md``.

Codes
-----
``code`` is the project's key for a municipality everywhere after a loader:
the ASCII, lower-case, underscore-joined form of the official Albanian name
("prishtine", "fushe_kosove", "mitrovice_e_veriut").  It is an identifier,
not a name: it never changes when spellings or numbering change.  ``kas_code``
is the Kosovo Agency of Statistics' number (1–38, the order of ASK's PxWeb
census tables); for 31 and 33–37 older GeoHive tables number differently,
which ``kas_code_source`` records, so join on ``code``, never on ``kas_code``.

OSCE regions (``osce_gjilan``, ``osce_mitrovice``, ``osce_peje``,
``osce_prishtine``, ``osce_prizren``) and districts (``district_*``) have codes
of their own.  Caveat: 12 of the 38 municipality-to-OSCE-region assignments
are stated by an OSCE document and 3 by a press report of an OSCE event
(``osce_region_evidence_class`` ``osce_document``, ``other_document``;
detail in ``osce_region_evidence``); the other 23 are ``inference``
(``inferred_from_counts``): consistent with the OSCE's published number of
municipalities per regional centre, but not determined by it (exchanging any
two inferred municipalities of different regions keeps every count).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from importlib import resources

import pandas as pd

from ..errors import KosovoHRValueError

REGION_EVIDENCE = {
    "osce_profile": "stated in an OSCE municipal profile",
    "osce_event_press": "named in an OSCE-organised regional event (press report) and the OSCE's count",
    "osce_factsheet": "named in an OSCE factsheet (text layer garbled)",
    "inferred_from_counts": "inferred: consistent with the OSCE's count of municipalities per centre, not stated",
}

#: Languages of names: Albanian, Serbian Latin, Serbian Cyrillic (column ``name_sr_cyrl``), English.
LANGS = ("sq", "sr", "sr-Cyrl", "en")


def _read(name: str) -> pd.DataFrame:
    with resources.files("kosovo_hr.data").joinpath(name).open("rb") as f:
        return pd.read_csv(f, dtype=str, keep_default_na=False, encoding="utf-8")


@lru_cache(maxsize=None)
def _municipalities() -> pd.DataFrame:
    df = _read("municipalities.csv")
    df["kas_code"] = df["kas_code"].astype(int)
    df["area_km2"] = pd.to_numeric(df["area_km2"])
    df["year_established"] = pd.to_numeric(df["year_established"]).astype("Int64")
    return df


def municipalities() -> pd.DataFrame:
    """The 38 current municipalities of Kosovo, one row each, keyed by ``code``.

    Columns: ``code``, ``kas_code``, ``kas_code_source``, ``name_sq``
    (official Albanian), ``name_sr`` (official Serbian, Latin), ``name_sr_cyrl``,
    ``name_en`` (English convention), ``district`` (district code),
    ``osce_region`` (region code), ``osce_region_evidence``,
    ``osce_region_source``, ``osce_region_evidence_class`` (``osce_document``,
    ``other_document``, ``inference``), ``osce_region_primary`` (document id in
    ``kosovo_hr/data/citations.csv`` or ``primary_not_found``),
    ``osce_region_primary_status``, ``osce_region_primary_locator``,
    ``osce_region_read_via``, ``year_established`` (only where a source gives it;
    sources count pilot units, laws and constitutive assemblies differently),
    ``parent`` (the code(s) of the municipality a post-2005 unit was carved
    from, ";"-separated), ``area_km2`` (km², as published), ``notes``.

    Returns a new frame each call; modifying it does not affect the package.
    """
    return _municipalities().copy()


def regions() -> pd.DataFrame:
    """The five OSCE regions (regional centres of the OSCE Mission in Kosovo).

    Columns: ``code``, ``name_sq``, ``name_sr``, ``name_sr_cyrl``, ``name_en``
    (OSCE bilingual usage), ``centre`` (municipality code of the seat),
    ``osce_municipality_count`` (as published by the OSCE), ``source``, and
    ``n_municipalities`` (count in this gazetteer).
    """
    return _regions().copy()


@lru_cache(maxsize=None)
def _regions() -> pd.DataFrame:
    df = _read("regions.csv")
    df["osce_municipality_count"] = df["osce_municipality_count"].astype(int)
    counts = _municipalities()["osce_region"].value_counts()
    df["n_municipalities"] = df["code"].map(counts).fillna(0).astype(int)
    return df


def districts() -> pd.DataFrame:
    """The seven districts (statistical/judicial regions) with their names."""
    return _read("districts.csv")


@lru_cache(maxsize=None)
def _historic_units() -> pd.DataFrame:
    df = _read("historic_units.csv")
    df["valid_until"] = df["valid_until"].astype(int)
    return df


def historic_units() -> pd.DataFrame:
    """Former municipalities that some sources still report on.

    Each row gives the unit's names, the last year it existed
    (``valid_until``) and the current municipality codes whose union covers it
    (``successors``): the pre-2013 Mitrovica and the 30 municipalities of
    2000–2008 (``*_pre2008``, see :mod:`kosovo_hr.geo.pre2008`). Returns a copy.
    """
    return _historic_units().copy()


@lru_cache(maxsize=None)
def aliases() -> pd.DataFrame:
    """Every accepted spelling: ``alias``, ``code``, ``kind``, ``source``."""
    return _read("aliases.csv")


@lru_cache(maxsize=None)
def ambiguous_aliases() -> pd.DataFrame:
    """Names whose meaning depends on the date (see :func:`resolve`)."""
    df = _read("ambiguous.csv")
    df["split_year"] = df["split_year"].astype(int)
    return df


def name_column(lang: str) -> str:
    """Column of :func:`municipalities` holding names in ``lang`` (sq, sr, sr-Cyrl, en)."""
    if lang not in LANGS:
        raise KosovoHRValueError(f"lang must be one of {', '.join(LANGS)}; got {lang!r}")
    return "name_sr_cyrl" if lang == "sr-Cyrl" else f"name_{lang}"


def names(lang: str = "en", level: str = "municipality") -> dict[str, str]:
    """Map code -> display name in ``lang`` for municipalities, regions or districts."""
    col = name_column(lang)
    table: dict[str, Callable[[], pd.DataFrame]] = {
        "municipality": _municipalities,
        "osce_region": _regions,
        "district": districts,
    }
    if level not in table:
        raise KosovoHRValueError(f"level must be one of {', '.join(table)}; got {level!r}")
    df = table[level]()
    return dict(zip(df["code"], df[col]))
