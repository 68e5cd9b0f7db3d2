"""The 30 pre-2008 municipalities, drawn and aggregated on today's boundaries.

Between the 2000 local elections and the decentralisation law of 2008 (Law
03/L-041) Kosovo had 30 municipalities. Eight municipalities were created
afterwards (Junik, Mamushë, Hani i Elezit as 2005 pilot units made
municipalities in 2008; Graçanicë 2009; Ranillug, Kllokot, Partesh 2010;
Mitrovicë e Veriut 2013), so data recorded on the old units (the 1991
census, the Kosovo Memory Book 1998–2000, the parliamentary elections of
2001, 2004 and 2007) cannot be put on today's 38 polygons directly.

This module gives each pre-2008 municipality a code,
``<code of its main successor>_pre2008`` (``prishtine_pre2008``,
``mitrovice_pre2008`` for the undivided Mitrovicë), and defines it as the
union of the current municipalities that came out of it:

=========================  ==========================================
pre-2008 unit              today's municipalities
=========================  ==========================================
``prishtine_pre2008``      Prishtinë + Graçanicë
``decan_pre2008``          Deçan + Junik
``prizren_pre2008``        Prizren + Mamushë
``kacanik_pre2008``        Kaçanik + Hani i Elezit
``kamenice_pre2008``       Kamenicë + Ranillug
``viti_pre2008``           Viti + Kllokot
``gjilan_pre2008``         Gjilan + Partesh
``mitrovice_pre2008``      Mitrovicë e Jugut + Mitrovicë e Veriut
22 others                  the municipality of the same name
=========================  ==========================================

Caveats (kept per unit in ``boundary_note``): the unions are an
approximation of the old boundaries. Graçanicë took settlements from Lipjan
and Fushë Kosovë as well as from Prishtinë (OSCE 2015 profile), so the
Prishtinë union is slightly too large and Lipjan and Fushë Kosovë slightly
too small; Novobërdë's boundaries changed under the 2008 decentralisation
(today's polygon is not the old, much less populous municipality);
Malishevë was re-established by UNMIK only in July 2000 from settlements of
Rahovec, Suharekë, Klinë and Drenas, and Dragash joined the former Gora
municipality with the Opolje settlements of Prizren — figures for these
units before 2000 are their source's own re-attribution. Sources:
``kosovo_hr/data/pre2008_units.csv`` (column ``source``), the gazetteer's
``parent`` and ``notes`` columns and ``shared/reference/municipalities.SOURCES.md``.

The units are rows of :func:`kosovo_hr.historic_units` (valid until 2007),
so :func:`kosovo_hr.stats.aggregate` maps them to OSCE regions. That table
(``kosovo_hr/data/historic_units.csv``) is the single source of their
Albanian and Serbian names, ``valid_until`` and ``successors``;
``pre2008_units.csv`` holds only what it lacks (English name without the
"(before 2008)" suffix, main successor, ``valid_from``, boundary note,
source).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

import pandas as pd

from ..errors import KosovoHRValueError
from ..gazetteer.units import membership

if TYPE_CHECKING:
    import geopandas as gpd

__all__ = ["pre2008_units", "pre2008_code_map", "to_pre2008", "pre2008_boundaries"]

#: Columns of :func:`pre2008_units` read from the two tables (before the derived region/district).
_COLUMNS = [
    "code",
    "name_sq",
    "name_sr",
    "name_sr_cyrl",
    "name_en",
    "main_successor",
    "successors",
    "valid_from",
    "valid_until",
    "boundary_note",
    "source",
]


@lru_cache(maxsize=1)
def _units() -> pd.DataFrame:
    from kosovo_hr.gazetteer import historic_units, municipalities, successors

    with resources.files("kosovo_hr.data").joinpath("pre2008_units.csv").open("rb") as f:
        own = pd.read_csv(f, dtype=str, keep_default_na=False, encoding="utf-8")
    hist = historic_units()[["code", "name_sq", "name_sr", "name_sr_cyrl", "valid_until", "successors"]]
    df = own.merge(hist, on="code", how="left", validate="one_to_one", indicator=True)
    lacking = df.loc[df.pop("_merge") != "both", "code"].tolist()
    if lacking:
        raise KosovoHRValueError(
            f"pre2008_units.csv: units {lacking} have no row in historic_units.csv, which "
            f"holds their names, valid_until and successors: add them there"
        )
    df = df[_COLUMNS].astype({"valid_from": int})
    muni = municipalities().set_index("code")
    succ_of = successors()
    parts = [c for u in df["code"] for c in succ_of[u]]
    twice = sorted({c for c in parts if parts.count(c) > 1})
    absent = sorted(set(muni.index) - set(parts))
    if twice or absent or not df["code"].is_unique:
        raise KosovoHRValueError(
            f"the pre-2008 units' successors (historic_units.csv) must cover each "
            f"current municipality exactly once: "
            f"in two units {twice}, in none {absent}"
        )
    regions, districts = [], []
    for unit in df["code"]:
        codes = list(succ_of[unit])
        unknown = [c for c in codes if c not in muni.index]
        if unknown:
            raise KosovoHRValueError(f"historic_units.csv: unknown successor codes {unknown}")
        reg = set(muni.loc[codes, "osce_region"])
        dis = set(muni.loc[codes, "district"])
        regions.append(reg.pop() if len(reg) == 1 else pd.NA)
        districts.append(dis.pop() if len(dis) == 1 else pd.NA)
    df["osce_region"] = regions
    df["district"] = districts
    return df


def pre2008_units() -> pd.DataFrame:
    """The 30 municipalities of 2000–2007, one row each, keyed by ``code``.

    Columns: ``code`` (``<main successor>_pre2008``), ``name_sq``, ``name_sr``,
    ``name_sr_cyrl``, ``name_en``, ``main_successor`` (current code),
    ``successors`` (current codes whose union covers the unit, ``;``-joined),
    ``valid_from``/``valid_until`` (2000/2007), ``boundary_note`` (where the
    union differs from the real old boundary), ``source``, and the derived
    ``osce_region`` and ``district`` (shared by all successors). Names in
    Albanian and Serbian, ``valid_until`` and ``successors`` come from
    :func:`kosovo_hr.historic_units`. Returns a copy.
    """
    return _units().copy()


def pre2008_code_map() -> dict[str, str]:
    """Map every current municipality code (and pre-2008 / historic unit code) to its unit.

    ``mitrovice_e_jugut`` and ``mitrovice_e_veriut`` map to ``mitrovice_pre2008``;
    so does the gazetteer's ``mitrovice_pre2013`` (what plain "Mitrovica"
    resolves to before 2013). Unit codes map to themselves. The same as
    ``kosovo_hr.gazetteer.membership("pre2008")``.
    """
    return membership("pre2008")


def to_pre2008(
    df: pd.DataFrame, counts: Sequence[str], by: Sequence[str] = (), *, code: str = "code", partial: bool = False
) -> pd.DataFrame:
    """Sum count columns of a municipal frame to the 30 pre-2008 units.

    A call of the one aggregation engine,
    ``kosovo_hr.stats.aggregate(df, "pre2008", counts=..., population=None,
    whole=False, keep_empty=False)``: the complete / partial / missing-member
    rules are those of :func:`kosovo_hr.stats.aggregate`.

    Parameters
    ----------
    df : rows keyed by ``code``: current municipality codes, pre-2008 unit
        codes (passed through) or ``mitrovice_pre2013``.
    counts : columns to add up (counts, votes, persons, population, areas).
        Never pass rates or shares: they cannot be summed.
    by : other key columns kept apart (e.g. ``("year",)``).
    partial : when False (default) a unit whose successors are not all
        present, or have a missing value, gets a missing (NA) total for that
        column — never a silent partial sum. When True the present members
        are summed; read ``complete`` and ``missing_members`` then.

    Returns one row per (unit ``code``, *by*) present in ``df`` with the
    summed columns (``Int64`` when every input value is a whole number, else
    ``Float64``; missing stays missing), ``n_members`` (rows summed),
    ``complete`` and ``missing_members`` (codes absent or with a missing
    value, ``;``-joined). Raises ``ValueError`` for unknown codes or for a
    territory counted twice within a group (e.g. both ``mitrovice_pre2013``
    and ``mitrovice_e_veriut``).
    """
    from ..stats.aggregate import aggregate

    out = aggregate(
        df,
        "pre2008",
        counts=counts,
        population=None,
        by=by,
        code=code,
        partial=partial,
        boundaries="current",
        whole=False,
        keep_empty=False,
    )
    return out.rename(columns={code: "code"})[["code", *by, *counts, "n_members", "complete", "missing_members"]]


def pre2008_boundaries() -> "gpd.GeoDataFrame":
    """Polygons of the 30 pre-2008 municipalities (EPSG:4326), dissolved from today's 38.

    Built from :func:`kosovo_hr.boundaries` (geoBoundaries ADM2, CC BY-SA 2.0,
    © OpenStreetMap contributors: print its attribution on every map) by
    uniting each unit's successors; see the module docstring for where the
    unions differ from the real old boundaries. Columns: those of
    :func:`pre2008_units` plus ``geometry`` and ``area_km2_computed``.
    """
    import geopandas as gpd

    from .boundaries import PROJECTED_CRS, boundaries

    muni = boundaries("municipality")[["code", "geometry"]]
    muni["unit"] = muni["code"].map(pre2008_code_map())
    if muni["unit"].isna().any():
        lacking = list(muni.loc[muni["unit"].isna(), "code"])
        raise KosovoHRValueError(f"municipalities without a pre-2008 unit: {lacking}")
    dissolved = muni[["unit", "geometry"]].dissolve(by="unit").reset_index().rename(columns={"unit": "code"})
    out = gpd.GeoDataFrame(
        _units().merge(dissolved, on="code", validate="one_to_one"), geometry="geometry", crs=muni.crs
    )
    out["area_km2_computed"] = out.geometry.to_crs(PROJECTED_CRS).area / 1e6
    return out
