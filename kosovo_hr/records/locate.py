"""Place points (latitude/longitude) in municipalities by point-in-polygon.

The polygons are :func:`kosovo_hr.boundaries` (geoBoundaries ADM2, simplified).
Simplification leaves slivers along borders and the outer edge, so a point
that falls in no polygon but lies within ``tolerance_m`` metres of one is
given to the nearest municipality (``location_method`` says so).  Points
further away are outside Kosovo and are rejected with their distance.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

#: Default distance (metres) within which a point outside every polygon goes to the nearest one.
TOLERANCE_M = 1000.0


def locate_points(lat: ArrayLike, lon: ArrayLike, *, tolerance_m: float = TOLERANCE_M) -> pd.DataFrame:
    """Municipality code for each point.

    Returns a frame aligned with the inputs: ``code`` (None when outside),
    ``method`` (``within``, ``nearest`` or ``outside``) and ``distance_m``
    (0 inside a polygon, else the distance to the nearest municipality).
    """
    import geopandas as gpd

    from ..geo import boundaries
    from ..geo.boundaries import PROJECTED_CRS

    lat = np.asarray(lat, dtype=float)
    lon = np.asarray(lon, dtype=float)
    out = pd.DataFrame({"code": pd.Series([None] * len(lat), dtype=object),
                        "method": "outside", "distance_m": np.nan})
    if len(lat) == 0:
        return out
    muni = boundaries("municipality")[["code", "geometry"]]
    pts = gpd.GeoDataFrame({"i": np.arange(len(lat))}, geometry=gpd.points_from_xy(lon, lat), crs="EPSG:4326")
    hit = gpd.sjoin(pts, muni, how="left", predicate="within")
    hit = hit[~hit["i"].duplicated()]  # a point on a shared edge: keep the first polygon
    inside = hit["code"].notna().to_numpy()
    out.loc[inside, "code"] = hit.loc[hit["code"].notna(), "code"].to_numpy()
    out.loc[inside, "method"] = "within"
    out.loc[inside, "distance_m"] = 0.0
    rest = np.flatnonzero(~inside)
    if len(rest):
        mp = muni.to_crs(PROJECTED_CRS)
        pp = pts.iloc[rest].to_crs(PROJECTED_CRS)
        near = gpd.sjoin_nearest(pp, mp, how="left", distance_col="distance_m")
        near = near[~near["i"].duplicated()].set_index("i")
        for i in rest:
            d = float(near.loc[i, "distance_m"])
            out.loc[i, "distance_m"] = d
            if d <= tolerance_m:
                out.loc[i, "code"] = near.loc[i, "code"]
                out.loc[i, "method"] = "nearest"
    return out


def distance_to(codes: Sequence[str], lat: ArrayLike, lon: ArrayLike) -> np.ndarray:
    """Distance in metres from each point to the polygon of the matching municipality code.

    Codes that are historic units (``mitrovice_pre2013``) are measured to the
    union of their successors; unknown codes give NaN.
    """
    import geopandas as gpd
    import shapely

    from ..gazetteer import historic_units
    from ..geo import boundaries
    from ..geo.boundaries import PROJECTED_CRS

    muni = boundaries("municipality").to_crs(PROJECTED_CRS).set_index("code").geometry
    polys = dict(muni.items())
    hist = historic_units()
    for code, members in zip(hist["code"], hist["successors"]):
        parts = [polys[m] for m in str(members).split(";") if m in polys]
        if parts:
            polys[code] = shapely.union_all(parts)
    pts = gpd.GeoSeries(gpd.points_from_xy(np.asarray(lon, float), np.asarray(lat, float)),
                        crs="EPSG:4326").to_crs(PROJECTED_CRS)
    return np.array([pt.distance(polys[c]) if c in polys else np.nan for c, pt in zip(codes, pts)])
