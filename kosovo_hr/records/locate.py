"""Place points (latitude/longitude) in municipalities, vectorised.

The polygons are :func:`kosovo_hr.boundaries` (geoBoundaries ADM2,
simplified). The rule, identical to ``geopandas.sjoin(points, municipalities,
predicate="within")`` followed by ``sjoin_nearest(max_distance=tolerance_m)``
for the points left over:

1. a point **within** a municipality polygon (WGS84) gets that municipality
   (``within``; on overlapping simplified polygons, the first municipality in
   the boundary table);
2. a point within no polygon but within ``tolerance_m`` metres (measured in
   EPSG:32634) of one goes to the **nearest** municipality (``nearest``;
   simplified borders leave slivers along borders and the outer edge); on a
   tie, the first in the boundary table;
3. any other point is **outside** Kosovo (``code`` None): more than
   ``tolerance_m`` from every municipality. Its distance is not computed (it
   would cost more than the whole placement).

Both steps test whole arrays of points against prepared polygons (step 1
only the points in each polygon's bounding box; step 2 only the points near
the outline, through an STRtree); a million points take less time than one
``geopandas.sjoin`` (see ``benchmarks/records_engine.py``).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

#: Default distance (metres) within which a point outside every polygon goes to the nearest one.
TOLERANCE_M = 1000.0


@lru_cache(maxsize=1)
def _index() -> dict:
    """Municipal polygons prepared for whole-array tests, in WGS84 and in EPSG:32634."""
    import shapely
    from pyproj import Transformer

    from ..geo import boundaries
    from ..geo.boundaries import PROJECTED_CRS

    muni = boundaries("municipality")
    geo = np.asarray(muni.geometry.values)
    proj = np.asarray(muni.geometry.to_crs(PROJECTED_CRS).values)
    shapely.prepare(geo)
    shapely.prepare(proj)
    return {
        "codes": muni["code"].to_numpy(dtype=object),
        "geo": geo,
        "bounds": shapely.bounds(geo),
        "proj": proj,
        "tree": shapely.STRtree(proj),
        "outline": shapely.union_all(proj),
        "transform": Transformer.from_crs("EPSG:4326", PROJECTED_CRS, always_xy=True),
    }


@lru_cache(maxsize=8)
def _near_outline(tolerance_m: float):
    """The municipalities' union buffered by a little more than ``tolerance_m`` (prepared).

    A cheap pre-test: a point outside it is further than ``tolerance_m`` from
    every municipality (the margin covers the buffer's approximation of arcs).
    """
    import shapely

    buf = shapely.buffer(_index()["outline"], tolerance_m + max(10.0, 0.01 * tolerance_m), quad_segs=16)
    shapely.prepare(buf)
    return buf


def locate_points(lat: ArrayLike, lon: ArrayLike, *, tolerance_m: float = TOLERANCE_M) -> pd.DataFrame:
    """Municipality code for each point.

    Returns a frame aligned with the inputs: ``code`` (None when outside or
    not finite), ``method`` (``within``, ``nearest`` or ``outside``) and
    ``distance_m`` (0 inside a polygon, the distance for ``nearest``, NaN for
    ``outside``).
    """
    import shapely

    lat = np.asarray(lat, dtype=float)
    lon = np.asarray(lon, dtype=float)
    n = len(lat)
    code = np.full(n, None, dtype=object)
    method = np.full(n, "outside", dtype=object)
    dist = np.full(n, np.nan)
    if n == 0:
        return pd.DataFrame({"code": code, "method": method, "distance_m": dist})
    ix = _index()
    codes = ix["codes"]
    todo = np.isfinite(lat) & np.isfinite(lon)
    # 1. within: each prepared polygon tests the points inside its bounding box (the first polygon wins)
    for k, (g, (x0, y0, x1, y1)) in enumerate(zip(ix["geo"], ix["bounds"])):
        box = np.flatnonzero(todo & (lon >= x0) & (lon <= x1) & (lat >= y0) & (lat <= y1))
        if len(box):
            hit = box[shapely.contains_xy(g, lon[box], lat[box])]
            code[hit], method[hit], dist[hit] = codes[k], "within", 0.0
            todo[hit] = False
    # 2. nearest within the tolerance, in metres, for the points near the outline only
    rest = np.flatnonzero(todo)
    if len(rest) and tolerance_m > 0:
        x, y = ix["transform"].transform(lon[rest], lat[rest])
        x, y = np.asarray(x), np.asarray(y)
        near = shapely.contains_xy(_near_outline(tolerance_m), x, y)
        rest, x, y = rest[near], x[near], y[near]
        if len(rest):
            pts = shapely.points(x, y)
            qi, qt = ix["tree"].query(pts, predicate="dwithin", distance=tolerance_m)
            if len(qi):
                d = shapely.distance(pts[qi], ix["proj"][qt])
                order = np.lexsort((qt, d, qi))  # per point: the nearest, then the first in the table
                qi, qt, d = qi[order], qt[order], d[order]
                first = np.ones(len(qi), dtype=bool)
                first[1:] = qi[1:] != qi[:-1]
                rows = rest[qi[first]]
                code[rows], method[rows], dist[rows] = codes[qt[first]], "nearest", d[first]
    return pd.DataFrame({"code": code, "method": method, "distance_m": dist})


@lru_cache(maxsize=1)
def _unit_polygons() -> dict[str, object]:
    """Projected polygon per municipality code and per historic unit (union of its successors)."""
    import shapely

    from ..gazetteer import historic_units

    ix = _index()
    polys = dict(zip(ix["codes"], ix["proj"]))
    hist = historic_units()
    for unit, members in zip(hist["code"], hist["successors"]):
        parts = [polys[m] for m in str(members).split(";") if m in polys]
        if parts:
            polys[unit] = shapely.union_all(parts)
    return polys


def distance_to(codes: Sequence[str], lat: ArrayLike, lon: ArrayLike) -> np.ndarray:
    """Distance in metres from each point to the polygon of the matching municipality code.

    Codes that are historic units (``mitrovice_pre2013``) are measured to the
    union of their successors; unknown codes give NaN.
    """
    import shapely

    polys = _unit_polygons()
    x, y = _index()["transform"].transform(np.asarray(lon, float), np.asarray(lat, float))
    geoms = np.array([polys.get(c) for c in codes], dtype=object)
    known = np.array([g is not None for g in geoms], dtype=bool)
    out = np.full(len(geoms), np.nan)
    if known.any():
        out[known] = shapely.distance(shapely.points(np.asarray(x)[known], np.asarray(y)[known]), geoms[known])
    return out


def locate_points_sjoin(lat: ArrayLike, lon: ArrayLike, *, tolerance_m: float = TOLERANCE_M) -> pd.DataFrame:
    """The same rule as :func:`locate_points`, written with ``geopandas.sjoin`` and ``sjoin_nearest``.

    Slower; it is the definition :func:`locate_points` is checked against (tests
    and ``benchmarks/records_engine.py``). Same return value.
    """
    import geopandas as gpd

    from ..geo import boundaries
    from ..geo.boundaries import PROJECTED_CRS

    lat = np.asarray(lat, dtype=float)
    lon = np.asarray(lon, dtype=float)
    n = len(lat)
    muni = boundaries("municipality")[["code", "geometry"]].reset_index(drop=True)
    pts = gpd.GeoDataFrame({"i": np.arange(n)}, geometry=gpd.points_from_xy(lon, lat), crs="EPSG:4326")
    pts = pts[np.isfinite(lat) & np.isfinite(lon)]
    hit = gpd.sjoin(pts, muni, how="inner", predicate="within")
    hit = hit.sort_values(["i", "index_right"]).drop_duplicates("i")
    code = np.full(n, None, dtype=object)
    method = np.full(n, "outside", dtype=object)
    dist = np.full(n, np.nan)
    i = hit["i"].to_numpy()
    code[i], method[i], dist[i] = hit["code"].to_numpy(dtype=object), "within", 0.0
    rest = pts[~pts["i"].isin(i)]
    if len(rest) and tolerance_m > 0:
        near = gpd.sjoin_nearest(
            rest.to_crs(PROJECTED_CRS),
            muni.to_crs(PROJECTED_CRS),
            how="inner",
            max_distance=tolerance_m,
            distance_col="d",
        )
        near = near.sort_values(["i", "d", "index_right"]).drop_duplicates("i")
        j = near["i"].to_numpy()
        code[j], method[j], dist[j] = near["code"].to_numpy(dtype=object), "nearest", near["d"].to_numpy()
    return pd.DataFrame({"code": code, "method": method, "distance_m": dist})
