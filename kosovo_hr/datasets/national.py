"""Shared loader for the cited national tables in ``kosovo_hr/data/national/`` (no statistics here:
intervals and trends are in :mod:`kosovo_hr.indicators.national`).

Each table holds one published figure per row with its source (see that
folder's ``README.md``).  :func:`load_national` reads one of them into a tidy
frame; :func:`one_per_year` turns the rows of one series into one value per
year *without ever adding figures from different sources together*.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

import pandas as pd

from ..errors import KosovoHRValueError

#: The tables shipped in ``kosovo_hr/data/national``.
TABLES = ("trafficking", "hate_incidents", "displacement")
#: ``period`` values, in the order of the README.
PERIODS = ("calendar_year", "partial_year", "multi_year", "cumulative", "point_in_time", "undated")
QUALIFIERS = ("exact", "approx", "estimate", "lower_bound")
#: Columns every national table has, in order.
COLUMNS = (
    "row_id",
    "year_as_published",
    "year_start",
    "year_end",
    "period",
    "geography",
    "code",
    "measure",
    "value",
    "value_as_published",
    "qualifier",
    "unit",
    "unit_as_published",
    "series",
    "producer",
    "source_title",
    "source_url",
    "quote",
    "note",
)
SOURCE_COLUMNS = ("producer", "source_title", "source_url", "quote", "note")


def table_path(name: str) -> str:
    """Path of a national table inside the package, for manifests (``kosovo_hr/data/national/<name>.csv``)."""
    if name not in TABLES:
        raise KosovoHRValueError(f"no national table {name!r}; choose one of {', '.join(TABLES)}")
    return f"kosovo_hr/data/national/{name}.csv"


@lru_cache(maxsize=None)
def _read(name: str) -> pd.DataFrame:
    if name not in TABLES:
        raise KosovoHRValueError(f"no national table {name!r}; choose one of {', '.join(TABLES)}")
    path = resources.files("kosovo_hr.data.national") / f"{name}.csv"
    with resources.as_file(path) as p:
        df = pd.read_csv(p, dtype=str, keep_default_na=False)
    missing = [c for c in COLUMNS if c not in df.columns]
    if missing:
        raise KosovoHRValueError(f"{name}.csv lacks columns {missing}")
    for col in ("year_start", "year_end"):
        df[col] = pd.to_numeric(df[col].where(df[col] != "")).astype("Int64")
    df["value"] = pd.to_numeric(df["value"]).astype(float)
    bad = set(df["period"]) - set(PERIODS)
    if bad:
        raise KosovoHRValueError(f"{name}.csv: unknown period values {sorted(bad)}")
    bad = set(df["qualifier"]) - set(QUALIFIERS)
    if bad:
        raise KosovoHRValueError(f"{name}.csv: unknown qualifier values {sorted(bad)}")
    if df["source_url"].eq("").any() or df["source_title"].eq("").any():
        raise KosovoHRValueError(f"{name}.csv: every row needs a source title and URL")
    return df


def load_national(name: str, *, series_only: bool = False) -> pd.DataFrame:
    """One cited national table as a tidy frame (a copy; one row per published figure).

    Parameters
    ----------
    name : ``"trafficking"``, ``"hate_incidents"`` or ``"displacement"``.
    series_only : keep only rows that can sit on a yearly time axis
        (``period`` ``calendar_year`` or ``point_in_time``); partial years,
        multi-year and cumulative totals and undated rows are context only.

    Columns are described in ``kosovo_hr/data/national/README.md``: the period
    (``year_start``, ``year_end``, ``period``), ``geography``/``code`` (always
    ``kosovo``: no public source here is finer), ``measure``, ``value``
    (float), ``qualifier``, ``unit``, ``series`` and the source of the row
    (``producer``, ``source_title``, ``source_url``, ``quote``, ``note``).
    Empty strings mean "not given"; ``year_start``/``year_end`` are
    nullable integers.
    """
    df = _read(name).copy()
    if series_only:
        df = df[df["series"] != ""].reset_index(drop=True)
    return df


def one_per_year(frame: pd.DataFrame, series: str, *, prefer: str = "latest") -> pd.DataFrame:
    """One row per year of one ``series``, never adding figures from different sources.

    When several rows give the same series and year (the same figure repeated
    by two publications, or two producers disagreeing), one row is kept and
    the others are reported, not summed:

    ``n_sources``      how many rows gave this year
    ``agree``          whether all of them give the same value
    ``values_all``     every value given, ``;``-separated in row order
    ``row_ids``        the ``row_id`` of every row for this year

    ``prefer="latest"`` keeps the row appearing last in the table (the
    reference lists later publications after earlier ones); ``"first"`` the
    first.  Rows with a lower-bound or approximate qualifier keep it.
    Returns columns ``year``, ``value``, ``qualifier``, ``unit``, ``producer``,
    ``source_title``, ``source_url``, ``row_id`` plus the four above, sorted
    by year.
    """
    if prefer not in ("latest", "first"):
        raise KosovoHRValueError("prefer must be 'latest' or 'first'")
    sub = frame[(frame["series"] == series) & frame["year_end"].notna()]
    if sub.empty:
        known = sorted(s for s in frame["series"].unique() if s)
        raise KosovoHRValueError(f"no rows for series {series!r}; series in this frame: {known}")
    out = []
    for year, grp in sub.groupby("year_end", sort=True):
        keep = grp.iloc[-1] if prefer == "latest" else grp.iloc[0]
        vals = grp["value"].tolist()
        out.append(
            {
                "year": int(year),
                "value": float(keep["value"]),
                "qualifier": keep["qualifier"],
                "unit": keep["unit"],
                "producer": keep["producer"],
                "source_title": keep["source_title"],
                "source_url": keep["source_url"],
                "row_id": keep["row_id"],
                "n_sources": len(grp),
                "agree": len(set(vals)) == 1,
                "values_all": ";".join(f"{v:g}" for v in vals),
                "row_ids": ";".join(grp["row_id"]),
            }
        )
    return pd.DataFrame(out)


def conflicts(frame: pd.DataFrame) -> pd.DataFrame:
    """Series-years where the sources give different values (kept side by side).

    Groups rows by comparable concept: same ``series`` and year, and also
    the same base measure across producers (trafficking ``victims_identified``
    vs ``victims_identified_MIA``).  Returns one row per source figure with
    ``concept`` and ``year``.
    """
    sub = frame[frame["year_end"].notna() & frame["period"].isin(["calendar_year", "point_in_time"])].copy()
    sub["concept"] = sub["measure"].str.replace(r"_(MIA|KP|MCR|govt)$", "", regex=True)
    keyed = sub.groupby(["concept", "year_end"])["value"].transform("nunique")
    out = sub[keyed > 1].rename(columns={"year_end": "year"})
    return (
        out[["concept", "year", "measure", "value", "qualifier", "producer", "source_title", "row_id", "note"]]
        .sort_values(["concept", "year", "row_id"])
        .reset_index(drop=True)
    )


def kosovo_population(years: Iterable[int]) -> pd.Series:
    """Kosovo's population per year (persons, float), for trend offsets; NaN outside 2011–2024.

    Sum over the 38 municipalities of :func:`kosovo_hr.datasets.population.population_for_years`
    (geometric interpolation between census 2011 and census 2024, with ASK's
    estimates for the four northern municipalities).  Years without both
    anchors are NaN (no extrapolation), so a trend drops them rather than
    inventing a denominator.  The interpolation is computed once per set of
    years (cached); each call returns a new Series, indexed by ``years`` in
    the order given.
    """
    years = [int(y) for y in years]
    tot = _kosovo_totals(tuple(sorted({y for y in years if 2011 <= y <= 2024})))
    return pd.Series([float(tot.get(y, float("nan"))) for y in years], index=years, name="population")


@lru_cache(maxsize=None)
def _kosovo_totals(years: tuple[int, ...]) -> dict[int, float]:
    """Kosovo's interpolated population for sorted, distinct ``years`` inside 2011–2024 (cached).

    Callers must not modify the returned dict (:func:`kosovo_population` only reads it).
    """
    from .population import population_for_years

    if not years:
        return {}
    pop = population_for_years(list(years), method="geometric")
    return {int(y): float(v) for y, v in pop.groupby("year")["population"].sum().items()}
