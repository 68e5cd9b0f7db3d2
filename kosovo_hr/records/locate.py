"""Place points (latitude/longitude) in municipalities, vectorised.

The polygons are :func:`kosovo_hr.boundaries` (geoBoundaries ADM2,
simplified). The rule, identical to ``geopandas.sjoin(points, municipalities,
predicate="within")`` followed by ``sjoin_nearest`` for the points left over:

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

Both steps run on a shapely STRtree over whole arrays of points: a million
points take about as long as one ``geopandas.sjoin`` (see
``benchmarks/records_engine.py``).
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
def _index():
    """(codes, WGS84 tree, projected polygons, projected tree, transformer) of the municipalities."""
    import shapely
    from pyproj import Transformer

    from ..geo import boundaries
    from ..geo.boundaries import PROJECTED_CRS

    muni = boundaries("municipality")
    codes = muni["code"].to_numpy(dtype=object)
    geo = np.asarray(muni.geometry.values)
    proj = np.asarray(muni.geometry.to_crs(PROJECTED_CRS).values)
    shapely.prepare(geo)
    shapely.prepare(proj)
    return (codes, shapely.STRtree(geo), proj, shapely.STRtree(proj),
            Transformer.from_crs("EPSG:4326", PROJECTED_CRS, always_xy=True))


def _first_per_point(point_idx: np.ndarray, poly_idx: np.ndarray, key: np.ndarray | None = None
                     ) -> tuple[np.ndarray, np.ndarray]:
    """One polygon per point: the smallest ``key`` (then polygon index)."""
    order = np.lexsort((poly_idx, point_idx) if key is None else (poly_idx, key, point_idx))
    p, q = point_idx[order], poly_idx[order]
    first = np.ones(len(p), dtype=bool)
    first[1:] = p[1:] != p[:-1]
    return p[first], q[first] if key is None else (q[first], key[order][first])


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
    codes, tree, proj, ptree, tf = _index()
    finite = np.flatnonzero(np.isfinite(lat) & np.isfinite(lon))
    pts = shapely.points(lon[finite], lat[finite])
    pi, ti = tree.query(pts, predicate="within")
    if len(pi):
        p, q = _first_per_point(pi, ti)
        rows = finite[p]
        code[rows], method[rows], dist[rows] = codes[q], "within", 0.0
    rest = finite[np.setdiff1d(np.arange(len(finite)), pi, assume_unique=False)] if len(pi) else finite
    if len(rest) and tolerance_m > 0:
        x, y = tf.transform(lon[rest], lat[rest])
        pp = shapely.points(x, y)
        qi, qt = ptree.query(pp, predicate="dwithin", distance=tolerance_m)
        if len(qi):
            d = shapely.distance(pp[qi], proj[qt])
            p, (q, dd) = _first_per_point(qi, qt, d)
            rows = rest[p]
            code[rows], method[rows], dist[rows] = codes[q], "nearest", dd
    return pd.DataFrame({"code": code, "method": method, "distance_m": dist})


@lru_cache(maxsize=1)
def _unit_polygons() -> dict[str, object]:
    """Projected polygon per municipality code and per historic unit (union of its successors)."""
    import shapely

    from ..gazetteer import historic_units

    codes, _, proj, _, _ = _index()
    polys = dict(zip(codes, proj))
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
    _, _, _, _, tf = _index()
    x, y = tf.transform(np.asarray(lon, float), np.asarray(lat, float))
    geoms = np.array([polys.get(c) for c in codes], dtype=object)
    known = np.array([g is not None for g in geoms], dtype=bool)
    out = np.full(len(geoms), np.nan)
    if known.any():
        out[known] = shapely.distance(shapely.points(np.asarray(x)[known], np.asarray(y)[known]),
                                      geoms[known].astype(object))
    return out
