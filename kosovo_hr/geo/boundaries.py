"""Boundaries from the declared geoBoundaries ADM2 file, keyed by gazetteer code.

Municipal polygons come from geoBoundaries gbOpen XKX ADM2 (source
``geoboundaries_adm2``; CC BY-SA 2.0, © OpenStreetMap contributors). Their
names are resolved through the gazetteer and must match the 38 municipalities
one-to-one. OSCE regions and districts are dissolved from municipalities
through the gazetteer, never drawn from another file.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from ..errors import KosovoHRValueError
from ..gazetteer import LEVELS as GAZETTEER_LEVELS
from ..gazetteer import districts, municipalities, regions, resolve_many
from ..sources import fetch

if TYPE_CHECKING:
    import geopandas as gpd

SOURCE_ID = "geoboundaries_adm2"
FILE = "geoBoundaries-XKX-ADM2_simplified.topojson"
#: Build year of the boundary file; names such as plain "Mitrovica" are read as of it.
BOUNDARY_YEAR = 2021
#: Projected CRS used for areas and distances (UTM zone 34N, metres).
PROJECTED_CRS = "EPSG:32634"
#: Levels with boundaries in this module: those of kosovo_hr.gazetteer.LEVELS drawn from the ADM2 file
#: (``pre2008`` polygons come from :func:`kosovo_hr.geo.pre2008.pre2008_boundaries`).
LEVELS = tuple(lv for lv in GAZETTEER_LEVELS if lv in ("municipality", "osce_region", "district"))


@lru_cache(maxsize=1)
def _municipal() -> "gpd.GeoDataFrame":
    import geopandas as gpd

    raw = gpd.read_file(fetch(SOURCE_ID, FILE))
    if raw.crs is None:
        raw = raw.set_crs("EPSG:4326")
    codes = resolve_many(raw["shapeName"], year=BOUNDARY_YEAR)
    raw["code"] = raw["shapeName"].map(codes)
    gaz = municipalities()
    dup = raw["code"][raw["code"].duplicated()].tolist()
    missing = sorted(set(gaz["code"]) - set(raw["code"]))
    if dup or missing or len(raw) != len(gaz):
        raise KosovoHRValueError(
            f"{FILE}: features do not match the 38 municipalities one-to-one "
            f"(duplicated: {dup}, missing: {missing}, features: {len(raw)})"
        )
    geo = raw[["code", "shapeName", "geometry"]].rename(columns={"shapeName": "source_name"})
    geo = geo.merge(gaz, on="code", validate="one_to_one")
    geo["geometry"] = geo.geometry.make_valid()
    return gpd.GeoDataFrame(geo, geometry="geometry", crs="EPSG:4326").sort_values("code").reset_index(drop=True)


def boundaries(level: str = "municipality") -> "gpd.GeoDataFrame":
    """Polygons of Kosovo's municipalities, OSCE regions or districts (EPSG:4326).

    Parameters
    ----------
    level : "municipality" (38 rows, all gazetteer columns), "osce_region"
        (5 rows) or "district" (7 rows).

    Every frame is keyed by ``code`` and carries names in Albanian, Serbian
    (Latin and Cyrillic) and English and ``area_km2_computed`` (km², computed
    in UTM 34N, EPSG:32634). The published ``area_km2`` of the gazetteer is
    kept for municipalities. Cite the source's attribution
    (``kosovo_hr.get_source("geoboundaries_adm2").attribution``) on maps.
    """
    if level not in LEVELS:
        raise KosovoHRValueError(f"level must be one of {', '.join(LEVELS)}; got {level!r}")
    return _level(level).copy()


@lru_cache(maxsize=None)
def _level(level: str) -> "gpd.GeoDataFrame":
    """Built once per level: every municipal map draws the region outlines."""
    import geopandas as gpd

    muni = _municipal().copy()
    if level == "municipality":
        out = muni
    else:
        groups = regions() if level == "osce_region" else districts()
        keep = ["code", "name_sq", "name_sr", "name_sr_cyrl", "name_en"]
        dissolved = muni[[level, "geometry"]].dissolve(by=level).reset_index()
        dissolved["n_municipalities"] = dissolved[level].map(muni[level].value_counts())
        dissolved = dissolved.rename(columns={level: "code"})
        out = gpd.GeoDataFrame(
            groups[keep].merge(dissolved, on="code", validate="one_to_one"),
            geometry="geometry",
            crs=muni.crs,
        )
    out["area_km2_computed"] = out.geometry.to_crs(PROJECTED_CRS).area / 1e6
    return out.reset_index(drop=True)
