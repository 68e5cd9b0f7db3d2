"""Population denominators for Kosovo's municipalities (census 1991, 2011, 2024; ASK estimates).

The figures come from a cited table committed with the package,
``kosovo_hr/data/population/population.csv`` (sources in ``sources.csv`` and
``SOURCES.md`` next to it), transcribed from GeoHive's table of the
Statistical Office of Kosovo and from ASK's census 2024 tables. Every row
carries its ``source`` id.

Series (``series`` column)
--------------------------
``census_1991``            30 pre-2008 municipalities, sum 1,956,196. Kosovo
                           Albanians boycotted the census: figures rest partly
                           on official estimates (``is_estimate`` True).
                           ``boundary`` = ``"pre2008"``: later municipalities are
                           inside their parents; Mitrovicë is undivided
                           (``mitrovice_pre2013``).
``census_2011``            34 enumerated municipalities (1,739,825) plus KAS's
                           2011 estimates for the four northern ones
                           (``kind="estimate"``), together 1,780,021.
``ask_estimate_2014``      KAS estimate for all 38 (1,804,944).
``census_2024_enumerated`` 2024 census final as enumerated, 38 rows (1,585,566);
                           in the north the count is partial (boycott).
``census_2024``            the same with ASK's estimate for the four northern
                           municipalities (``kind="estimate"``), 1,602,515.

By default :func:`load_population` returns the *denominator* series, one
row per (code, year): ``census_1991``, ``census_2011``,
``ask_estimate_2014`` and ``census_2024``. Ask for
``series="census_2024_enumerated"`` (or ``"all"``) to see the enumerated
2024 counts.

The four northern municipalities (Leposaviq, Zubin Potok, Zveçan,
Mitrovicë e Veriut) have no census count in 2011 and a boycotted one in
2024: their denominators are ASK/KAS estimates, flagged ``is_estimate``,
never passed off as counts.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from importlib import resources

import numpy as np
import pandas as pd

from ..errors import KosovoHRKeyError, KosovoHRValueError

__all__ = [
    "NORTH",
    "SERIES",
    "DENOMINATOR_SERIES",
    "load_population",
    "load_population_by_community",
    "load_population_context",
    "population_for_years",
    "population_sources",
]

NORTH = ("leposaviq", "zubin_potok", "zvecan", "mitrovice_e_veriut")
SERIES = ("census_1991", "census_2011", "ask_estimate_2014", "census_2024_enumerated", "census_2024")
DENOMINATOR_SERIES = ("census_1991", "census_2011", "ask_estimate_2014", "census_2024")
#: ``kind`` values: the table's rows, population_for_years' interpolated years, and
#: ``"user"`` for anchors from a frame passed as ``population=`` without a ``kind`` column.
KINDS = ("census", "estimate", "interpolated", "user")


def _read(name: str) -> pd.DataFrame:
    """A population table as a new frame (the file is read once)."""
    return _read_file(name).copy()


@lru_cache(maxsize=None)
def _read_file(name: str) -> pd.DataFrame:
    path = resources.files("kosovo_hr.data").joinpath("population").joinpath(name)
    with path.open("r", encoding="utf-8") as f:
        df = pd.read_csv(f, keep_default_na=False, na_values=[""])
    for c in ("note", "source_detail", "caveats", "url"):
        if c in df.columns:
            df[c] = df[c].fillna("")
    return df


@lru_cache(maxsize=None)
def _table() -> pd.DataFrame:
    df = _read("population.csv")
    df["population"] = df["population"].astype("Int64")
    df["year"] = df["year"].astype(int)
    df["is_estimate"] = df["is_estimate"].astype(bool)
    return df


def population_sources() -> pd.DataFrame:
    """Citation, address and caveats of every source id used in the population tables."""
    return _read("sources.csv")


def load_population(
    kind: str | Sequence[str] | None = None,
    years: int | Iterable[int] | None = None,
    *,
    series: str | Sequence[str] | None = None,
) -> pd.DataFrame:
    """Tidy population table: code, year, population, kind, series, is_estimate, boundary, source, note.

    Parameters
    ----------
    kind : ``"census"`` or ``"estimate"`` (or a list) to keep only those rows.
        ``load_population(kind="census", years=[1991])`` gives the 1991 census
        for the 30 pre-2008 municipalities.
    years : a year or list of years (1991, 2011, 2014, 2024).
    series : None for the denominator series (one row per code and year, see
        the module docstring), ``"all"`` for every series, or series names.

    Population in persons (nullable Int64). See ``population_sources()`` for
    citations.
    """
    df = _table().copy()
    if series is None:
        keep = list(DENOMINATOR_SERIES)
    elif series == "all":
        keep = list(SERIES)
    else:
        keep = [series] if isinstance(series, str) else list(series)
        bad = sorted(set(keep) - set(SERIES))
        if bad:
            raise KosovoHRValueError(f"unknown series {bad}; known: {', '.join(SERIES)}")
    df = df[df["series"].isin(keep)]
    if kind is not None:
        kinds = [kind] if isinstance(kind, str) else list(kind)
        bad = sorted(set(kinds) - {"census", "estimate"})
        if bad:
            raise KosovoHRValueError(
                f"unknown kind {bad}; the table holds 'census' and 'estimate' rows "
                f"('interpolated' rows come from population_for_years)"
            )
        df = df[df["kind"].isin(kinds)]
    if years is not None:
        ys = [years] if isinstance(years, (int, np.integer)) else [int(y) for y in years]
        unknown = sorted(set(ys) - set(_table()["year"]))
        if unknown:
            raise KosovoHRValueError(
                f"no population figures for {unknown}; the table holds "
                f"{sorted(set(_table()['year']))}. For other years use "
                f"population_for_years()"
            )
        df = df[df["year"].isin(ys)]
    return df.sort_values(["year", "series", "code"]).reset_index(drop=True)


def load_population_by_community(
    years: int | Iterable[int] | None = None, community: str | Sequence[str] | None = None
) -> pd.DataFrame:
    """Population by community (ethnic group) per municipality, where published.

    Columns: code, year, community, population (Int64; ``<NA>`` where no
    source gave the figure: a gap, never 0), total (municipal census total),
    kind, is_estimate, source, source_detail, note.

    Coverage (see ``kosovo_hr/data/population/SOURCES.md``): 2011 census
    complete for 7 municipalities and partial for 12, Bosniaks for 31; the
    four northern municipalities were not enumerated in 2011 (OSCE 2013
    estimates for Albanians/Bosniaks there, year 2013, flagged); 2024 for
    Pejë and for Serbs in the four northern municipalities (enumerated and
    ``serbs_with_ask_estimate``). Online users can get the full tables from
    ASK with :func:`kosovo_hr.datasets.askdata.load_askdata` (``census2024_05``,
    ``census2024_63``).
    """
    df = _read("population_by_community.csv")
    for c in ("population", "total"):
        df[c] = df[c].astype("Int64")
    df["is_estimate"] = df["is_estimate"].astype(bool)
    if years is not None:
        ys = [years] if isinstance(years, (int, np.integer)) else [int(y) for y in years]
        df = df[df["year"].isin(ys)]
    if community is not None:
        cs = [community] if isinstance(community, str) else list(community)
        bad = sorted(set(cs) - set(df["community"]))
        if bad:
            raise KosovoHRValueError(f"unknown community {bad}; known: {sorted(set(df['community']))}")
        df = df[df["community"].isin(cs)]
    return df.reset_index(drop=True)


def load_population_context() -> pd.DataFrame:
    """Other published yearly estimates for some municipalities: context, not denominators.

    Columns: code, year, population, estimator (``ASK`` or a secondary/other
    estimator), ask_official (bool), name_in_source, source (address read), note.
    ASK estimates for 2021 (16 municipalities), 2020 (2) and 2016 (1), plus
    secondary compilations and non-ASK figures (OSCE, MOCR, ECMI), flagged.
    Patchy: no single year covers all 38 municipalities, so no function uses
    them; compare, do not mix them into a series.
    """
    df = _read("estimates_context.csv")
    df["population"] = df["population"].astype("Int64")
    df["ask_official"] = df["ask_official"].astype(bool)
    return df


def population_for_years(
    years: Iterable[int],
    method: str = "linear",
    *,
    population: pd.DataFrame | None = None,
    anchors: Sequence[str] = ("census_2011", "census_2024"),
    codes: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Yearly denominators by interpolating between anchor years, per municipality.

    Method
    ------
    For a year t between anchor years t0 < t1 with populations P0, P1:

    * ``"linear"``:    P(t) = P0 + (P1 - P0) (t - t0) / (t1 - t0)
    * ``"geometric"``: P(t) = P0 (P1 / P0) ** ((t - t0) / (t1 - t0))
      (constant annual growth rate; preferable over long gaps).

    Anchor years return the anchor figure unchanged (kind census/estimate);
    other years are ``kind="interpolated"`` and ``is_estimate=True``.
    Populations are not rounded (persons, float). There is no extrapolation:
    years outside the anchors raise ``ValueError``.

    Default anchors are the censuses 2011 and 2024 (with KAS/ASK estimates for
    the four northern municipalities, so their yearly figures are flagged
    ``is_estimate`` and noted). Add ``"ask_estimate_2014"`` to pass through the
    2014 estimate (a projection made before the 2024 census showed large
    emigration). The 1991 census is not an anchor: its units are the pre-2008
    municipalities and the 1991-2011 period includes war and mass
    displacement, so straight-line denominators would be meaningless.

    ``population`` : your own frame with ``code``, ``year``, ``population``
    (optionally ``kind``, ``is_estimate``, ``source``, ``note``); each code's
    years are its anchors. Missing columns default to ``kind="user"`` (the
    project cannot tell a census from an estimate: give ``kind`` yourself to
    say), ``is_estimate=False``, ``source="user"`` and an empty note.
    ``codes`` restricts the municipalities.
    """
    if method not in ("linear", "geometric"):
        raise KosovoHRValueError(f"method must be 'linear' or 'geometric', got {method!r}")
    years = sorted({int(y) for y in years})
    if population is None:
        base = load_population(series=list(anchors))
        if base["boundary"].eq("pre2008").any():
            raise KosovoHRValueError("the 1991 census cannot be an anchor (pre-2008 boundaries)")
        if base.duplicated(["code", "year"]).any():
            raise KosovoHRValueError(
                f"anchors {list(anchors)} give two figures for the same year; pass one "
                f"series per year (e.g. census_2024 or census_2024_enumerated)"
            )
    else:
        missing = {"code", "year", "population"} - set(population.columns)
        if missing:
            raise KosovoHRKeyError(f"your population frame lacks columns {sorted(missing)}")
        base = population.copy()
        for c, default in (("kind", "user"), ("is_estimate", False), ("source", "user"), ("note", "")):
            if c not in base.columns:
                base[c] = default
        if base.duplicated(["code", "year"]).any():
            raise KosovoHRValueError("your population frame has duplicated (code, year) rows")
        p = pd.to_numeric(base["population"]).astype("Float64")
        if (p.isna() | (p <= 0)).any():
            raise KosovoHRValueError("your population frame has missing, zero or negative populations")
    if codes is not None:
        base = base[base["code"].isin(list(codes))]
    rows = []
    for code, g in base.groupby("code", sort=True):
        g = g.sort_values("year")
        ys = g["year"].to_numpy(dtype=int)
        ps = g["population"].astype(float).to_numpy()
        for t in years:
            if t in ys:
                r = g[g["year"] == t].iloc[0]
                rows.append(
                    {
                        "code": code,
                        "year": t,
                        "population": float(r["population"]),
                        "kind": r["kind"],
                        "is_estimate": bool(r["is_estimate"]),
                        "method": "anchor",
                        "source": r["source"],
                        "note": r.get("note", ""),
                    }
                )
                continue
            if t < ys.min() or t > ys.max():
                raise KosovoHRValueError(
                    f"{code}: year {t} is outside the anchor years "
                    f"{ys.min()}-{ys.max()}; no extrapolation is done. Pass your "
                    f"own `population` frame with figures covering {t}"
                )
            i = np.searchsorted(ys, t) - 1
            t0, t1, p0, p1 = ys[i], ys[i + 1], ps[i], ps[i + 1]
            f = (t - t0) / (t1 - t0)
            val = p0 + (p1 - p0) * f if method == "linear" else p0 * (p1 / p0) ** f
            r0, r1 = g.iloc[i], g.iloc[i + 1]
            est_anchor = bool(r0["is_estimate"]) or bool(r1["is_estimate"])
            rows.append(
                {
                    "code": code,
                    "year": t,
                    "population": val,
                    "kind": "interpolated",
                    "is_estimate": True,
                    "method": method,
                    "source": f"{r0['source']}+{r1['source']}",
                    "note": f"{method} interpolation between {t0} and {t1}"
                    + ("; an anchor is itself an estimate" if est_anchor else ""),
                }
            )
    return pd.DataFrame(rows)
