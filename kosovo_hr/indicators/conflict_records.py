"""What only the Kosovo Memory Book *records* show: timing, age and sex, civilians and armed.

Built on :func:`kosovo_hr.datasets.memory_book.load_memory_book` (HLC, Kosovo
Memory Book; person records via ``kosovatools/data`` @ ``28c327e``), which
keeps no names, places or dates of birth. The committed aggregate table
(:func:`kosovo_hr.datasets.conflict.load_conflict_victims`) has place, year,
community, violation and status only; the records add the month and day of
the incident, the victim's sex and age. The suppressed tables are registered
for ``kosovo-hr export`` (``memory_book_*``).

Every table a figure or export publishes goes through
:func:`kosovo_hr.stats.suppression.suppress` (counts of 1–4 suppressed,
primary and secondary, threshold 5 by default), with the groups whose totals
are published named in each function. Unsuppressed counts are only returned
with ``suppress_small=False``, for checks and further aggregation — never
publish those.

Caveats
-------
* The Memory Book is a documentation project with its own method, not a
  survey; counts are revised as documentation proceeds.
* Places are the 30 pre-2008 municipalities (``<code>_pre2008``); places
  outside Kosovo, "Kosovë" and records with no place keep their own codes
  (``outside_kosovo``, ``kosovo_place_unknown``, ``place_not_recorded``) and
  are rows of every place table, never dropped.
* **Day 01.** Every date is written in full, but the first of the month is
  over-represented: :func:`day_of_month_profile` and :func:`first_day_excess`
  measure by how much. A record whose day was unknown but whose month was
  known stays in the right month, so monthly counts are unaffected by it;
  only a record whose month was unknown too (written ``YYYY-01-01``) would
  inflate January — :func:`first_day_excess` bounds that number.
* Age is missing for some records (``age_group`` ``unknown``).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import pandas as pd

from ..errors import KosovoHRValueError
from . import table

__all__ = [
    "AGE_BINS",
    "MONTHS",
    "SPECIAL_CODES",
    "age_sex_structure",
    "compare_with_hlc_published",
    "day01_summary",
    "day_of_month_profile",
    "place_names",
    "unit_regions",
    "first_day_excess",
    "memory_book_records",
    "monthly_counts",
    "status_by",
    "status_monthly",
]

SPECIAL_CODES = ("outside_kosovo", "kosovo_place_unknown", "place_not_recorded")
#: The 36 months the Memory Book covers.
MONTHS = pd.period_range("1998-01", "2000-12", freq="M")
#: Lower bounds of the 5-year age groups; the last is open (85+).
AGE_BINS = tuple(range(0, 90, 5))
THRESHOLD = 5
LEVELS = ("pre2008", "osce_region", "kosovo")


@lru_cache(maxsize=1)
def _records() -> pd.DataFrame:
    from ..records.memory_book import load_memory_book

    res = load_memory_book(strict=True)
    return res.records


def memory_book_records() -> pd.DataFrame:
    """The Memory Book person records as placed by the records engine (a copy; no personal data).

    Columns of :func:`kosovo_hr.datasets.memory_book.load_memory_book`'s
    ``records`` (``code`` = pre-2008 unit or a special code, ``year``,
    ``month``, ``violation``, ``status``, ``community``, ``sex``, ``age``...)
    plus ``community_group`` (``albanian``, ``serb``,
    ``roma_ashkali_egyptian``, ``other``), ``osce_region`` (of the pre-2008
    unit; the special code for records not in a municipality) and ``day``
    (day of month as written). Read once per session.
    """
    rec = _records().copy()
    for c in ("code", "violation", "status", "community", "sex", "municipality"):
        rec[c] = rec[c].astype("string")  # the engine's categoricals, as plain text for grouping
    groups = _community_groups()
    rec["community_group"] = rec["community"].map(groups).astype("string")
    rec["osce_region"] = rec["code"].map(_unit_regions()).fillna(rec["code"]).astype("string")
    rec["day"] = rec["date"].dt.day.astype("Int64")
    return rec


@lru_cache(maxsize=1)
def _unit_regions() -> dict[str, str]:
    from ..geo.pre2008 import pre2008_units

    u = pre2008_units()
    return dict(zip(u["code"], u["osce_region"]))


@lru_cache(maxsize=1)
def _community_groups() -> dict[str, str]:
    from importlib import resources

    with resources.files("kosovo_hr.data").joinpath("conflict/community_labels.csv").open("rb") as f:
        t = pd.read_csv(f, dtype=str, keep_default_na=False, encoding="utf-8")
    return dict(zip(t["community"].str.lower().str.replace(" ", "_"), t["community_group"]))


def _units(level: str) -> list[str]:
    from ..geo.pre2008 import pre2008_units

    if level == "pre2008":
        return sorted(pre2008_units()["code"]) + list(SPECIAL_CODES)
    if level == "osce_region":
        return sorted(set(_unit_regions().values())) + list(SPECIAL_CODES)
    return ["kosovo"]


def _place_column(rec: pd.DataFrame, level: str) -> pd.Series:
    if level not in LEVELS:
        raise KosovoHRValueError(f"level must be one of {', '.join(LEVELS)}; got {level!r}")
    if level == "pre2008":
        return rec["code"]
    if level == "osce_region":
        return rec["osce_region"]
    return pd.Series("kosovo", index=rec.index, dtype="string")


def _select(records: pd.DataFrame | None, violations: Sequence[str] | None) -> pd.DataFrame:
    rec = memory_book_records() if records is None else records
    if violations is not None:
        known = {"killed", "disappeared", "war_caused_death"}
        bad = sorted(set(violations) - known)
        if bad:
            raise KosovoHRValueError(f"unknown violations {bad}; choose from {sorted(known)}")
        rec = rec[rec["violation"].isin(list(violations))]
    return rec


def _maybe_suppress(df: pd.DataFrame, groups, suppress_small: bool, threshold: int) -> pd.DataFrame:
    if not suppress_small:
        return df
    from ..stats.suppression import suppress

    return suppress(df, "persons", threshold=threshold, group=groups)


def monthly_counts(
    records: pd.DataFrame | None = None,
    *,
    level: str = "pre2008",
    years: Sequence[int] | None = None,
    violations: Sequence[str] | None = None,
    suppress_small: bool = True,
    threshold: int = THRESHOLD,
) -> pd.DataFrame:
    """Persons by place and month of incident, January 1998 – December 2000.

    Parameters
    ----------
    records : a frame of :func:`memory_book_records` (default: load it).
    level : ``"pre2008"`` (30 pre-2008 units + the three special codes),
        ``"osce_region"`` (5 OSCE regions + special codes) or ``"kosovo"``.
    years : keep only these years of 1998–2000 (default all three).
    violations : which violations to count (default all three).
    suppress_small : suppress counts of 1 to ``threshold - 1`` (default).
        Secondary suppression protects each month's total over all places
        and each place's total in each year (those totals are public in the
        committed counts table).

    Returns one row per place ``code`` and month (every combination, 0
    where no record): ``code``, ``year``, ``month``, ``period`` (``YYYY-MM``),
    ``persons`` (``Int64``; ``<NA>`` where suppressed), and ``suppressed``,
    ``suppression_reason`` when suppressed. Months are as written: see the
    module caveat on day 01 (monthly counts are not shifted by a placeholder
    day, only by a placeholder month).
    """
    rec = _select(records, violations)
    place = _place_column(rec, level)
    counts = pd.DataFrame({"code": place, "period": rec["date"].dt.to_period("M")}).value_counts()
    grid = pd.MultiIndex.from_product([_units(level), MONTHS], names=["code", "period"])
    extra = sorted(set(counts.index) - set(grid))
    if extra:
        raise KosovoHRValueError(f"records outside the grid of places and months 1998-2000: {extra[:5]}")
    if years is not None:
        bad = sorted(set(years) - {1998, 1999, 2000})
        if bad:
            raise KosovoHRValueError(f"years {bad} are outside the Memory Book's 1998-2000")
        grid = grid[grid.get_level_values("period").year.isin(list(years))]
    out = counts.reindex(grid, fill_value=0).rename("persons").reset_index()
    out.insert(1, "year", out["period"].dt.year.astype(int))
    out.insert(2, "month", out["period"].dt.month.astype(int))
    out["period"] = out["period"].astype(str)
    out["persons"] = out["persons"].astype("Int64")
    return _maybe_suppress(out, [("period",), ("code", "year")], suppress_small, threshold)


def _age_group(age: pd.Series) -> pd.Series:
    labels = [f"{a}-{a + 4}" for a in AGE_BINS[:-1]] + [f"{AGE_BINS[-1]}+"]
    cut = pd.cut(
        age.astype("Float64").to_numpy(dtype=float, na_value=np.nan),
        bins=list(AGE_BINS) + [np.inf],
        right=False,
        labels=labels,
    )
    return pd.Series(cut, index=age.index).cat.add_categories("unknown").fillna("unknown")


def age_groups() -> list[str]:
    """The age-group labels in order (``0-4`` ... ``85+``, ``unknown``)."""
    return [f"{a}-{a + 4}" for a in AGE_BINS[:-1]] + [f"{AGE_BINS[-1]}+", "unknown"]


def age_sex_structure(
    records: pd.DataFrame | None = None,
    *,
    by: Sequence[str] = ("status",),
    violations: Sequence[str] | None = None,
    suppress_small: bool = True,
    threshold: int = THRESHOLD,
) -> pd.DataFrame:
    """Persons by 5-year age group at the incident, sex and ``by`` (default civilian/armed status).

    Returns ``age_group`` (``0-4`` … ``85+``, ``unknown`` where the source
    gives no age), ``sex``, the ``by`` columns, ``persons`` (every
    combination, 0 where none) and the suppression columns. Secondary
    suppression protects the total of each sex within each ``by`` group
    (each half of a pyramid); totals of an age group over sexes and ``by``
    groups are not protected, so do not publish them beside this table
    (they are not in the committed counts either).
    """
    rec = _select(records, violations)
    by = list(by)
    df = pd.DataFrame({"age_group": _age_group(rec["age"]), "sex": rec["sex"], **{c: rec[c] for c in by}})
    cats = [age_groups(), ["female", "male"]] + [sorted(rec[c].dropna().unique()) for c in by]
    grid = pd.MultiIndex.from_product(cats, names=["age_group", "sex", *by])
    unexpected = sorted(set(df["sex"].dropna()) - {"female", "male"})
    if unexpected:
        raise KosovoHRValueError(f"sex values other than female/male: {unexpected}")
    out = df.value_counts().reindex(grid, fill_value=0).rename("persons").reset_index()
    out["persons"] = out["persons"].astype("Int64")
    return _maybe_suppress(out, [("sex", *by)], suppress_small, threshold)


def status_monthly(
    records: pd.DataFrame | None = None, *, suppress_small: bool = True, threshold: int = THRESHOLD
) -> pd.DataFrame:
    """Persons by month and status (civilian / member of an armed formation), Kosovo-wide.

    Includes every record (also outside Kosovo and place unknown). Returns
    ``year``, ``month``, ``period``, ``status``, ``persons`` and the
    suppression columns (each month's total and each status's total in
    each year are protected).
    """
    rec = memory_book_records() if records is None else records
    counts = pd.DataFrame({"period": rec["date"].dt.to_period("M"), "status": rec["status"]}).value_counts()
    grid = pd.MultiIndex.from_product([MONTHS, ["civilian", "armed"]], names=["period", "status"])
    out = counts.reindex(grid, fill_value=0).rename("persons").reset_index()
    out.insert(0, "year", out["period"].dt.year.astype(int))
    out.insert(1, "month", out["period"].dt.month.astype(int))
    out["period"] = out["period"].astype(str)
    out["persons"] = out["persons"].astype("Int64")
    return _maybe_suppress(out, [("period",), ("status", "year")], suppress_small, threshold)


def status_by(
    records: pd.DataFrame | None = None,
    *,
    by: str = "community_group",
    suppress_small: bool = True,
    threshold: int = THRESHOLD,
) -> pd.DataFrame:
    """Civilians and members of armed formations by ``by`` (e.g. ``community_group``, ``violation``,
    ``osce_region``, ``year``, ``sex``), with the share of civilians.

    Returns ``by``, ``civilian``, ``armed``, ``total``, ``civilian_share``
    (0–1) with a Wilson 95 % interval ``civilian_share_lower`` /
    ``civilian_share_upper`` (statsmodels), one row per value of ``by``.
    With ``suppress_small`` a count of 1–4 (and the cells protecting it) is
    ``<NA>`` and the share of that row is not given.
    """
    from statsmodels.stats.proportion import proportion_confint

    rec = memory_book_records() if records is None else records
    long = (
        pd.DataFrame({by: rec[by], "status": rec["status"]})
        .value_counts()
        .reindex(
            pd.MultiIndex.from_product(
                [sorted(rec[by].dropna().unique()), ["civilian", "armed"]], names=[by, "status"]
            ),
            fill_value=0,
        )
        .rename("persons")
        .reset_index()
    )
    long["persons"] = long["persons"].astype("Int64")
    total = long.groupby(by)["persons"].sum()
    long = _maybe_suppress(long, [(by,), ("status",)], suppress_small, threshold)
    wide = long.pivot(index=by, columns="status", values="persons")[["civilian", "armed"]]
    wide["total"] = total.astype("Int64")
    if suppress_small:
        wide["total"] = wide["total"].mask(wide["total"].between(1, threshold - 1))
    ok = wide[["civilian", "armed"]].notna().all(axis=1) & (wide["total"].fillna(0) > 0)
    civ = wide["civilian"].astype("Float64")
    n = wide["total"].astype("Float64")
    share = (civ / n).where(ok)
    lo, hi = proportion_confint(
        civ.where(ok).fillna(0).to_numpy(dtype=float), n.where(ok).fillna(1).to_numpy(dtype=float), method="wilson"
    )
    wide["civilian_share"] = share
    wide["civilian_share_lower"] = pd.array(np.where(ok, lo, np.nan), dtype="Float64")
    wide["civilian_share_upper"] = pd.array(np.where(ok, hi, np.nan), dtype="Float64")
    wide.columns.name = None
    return wide.reset_index()


def _day_table(rec: pd.DataFrame) -> pd.DataFrame:
    """Persons by month (rows, the 36 months) and day of the month as written (columns 1–31)."""
    t = pd.DataFrame({"period": rec["date"].dt.to_period("M"), "day": rec["date"].dt.day})
    return t.value_counts().unstack("day", fill_value=0).reindex(index=MONTHS, columns=range(1, 32), fill_value=0)


def day_of_month_profile(records: pd.DataFrame | None = None) -> pd.DataFrame:
    """How often each day of the month is written: one row per ``day`` (1–31).

    ``persons`` and ``share`` (0–1) of all records; ``months_with_day`` (29–31
    do not exist in every one of the 36 months) and ``per_month`` (persons
    per month that has the day); ``months_above_typical``: in how many of
    the 36 months the day holds more persons than that month's typical day
    (the median of its days 2–28). The last measure is robust to a massacre
    on one day (it counts the month once); a day written for unknown days
    stands out in it. Diagnostic of the dates as written, Kosovo-wide.
    """
    rec = memory_book_records() if records is None else records
    tab = _day_table(rec)
    counts = tab.sum(axis=0)
    typical = tab.loc[:, 2:28].median(axis=1)
    lengths = pd.Series([p.days_in_month for p in MONTHS])
    out = pd.DataFrame(
        {
            "day": range(1, 32),
            "persons": counts.to_numpy(),
            "months_with_day": [int((lengths >= k).sum()) for k in range(1, 32)],
            "months_above_typical": tab.gt(typical, axis=0).sum(axis=0).to_numpy(),
        }
    )
    out["share"] = out["persons"] / out["persons"].sum()
    out["per_month"] = out["persons"] / out["months_with_day"]
    return out


def first_day_excess(records: pd.DataFrame | None = None) -> pd.DataFrame:
    """For each month 1998–2000: persons dated the 1st against a typical day of that month.

    ``day01`` persons dated the 1st; ``typical_day`` the median count of
    days 2–28 of the same month (the days every month has; a median, so a
    massacre on one day does not raise it); ``excess`` = ``day01`` minus
    ``typical_day``, floored at 0 — a rough estimate of how many records
    carry 01 for an unknown day. ``month_total`` persons in the month.
    Records whose day is unknown stay in their month, so ``month_total`` is
    unaffected; only records dated 1 January could stand for an unknown
    month (see :func:`day01_summary`).
    """
    rec = memory_book_records() if records is None else records
    tab = _day_table(rec)
    out = pd.DataFrame(
        {
            "period": [str(p) for p in MONTHS],
            "year": [p.year for p in MONTHS],
            "month": [p.month for p in MONTHS],
            "day01": tab[1].to_numpy(),
            "typical_day": tab.loc[:, 2:28].median(axis=1).to_numpy(),
            "month_total": tab.sum(axis=1).to_numpy(),
        }
    )
    out["excess"] = (out["day01"] - out["typical_day"]).clip(lower=0)
    return out


def day01_summary(records: pd.DataFrame | None = None) -> dict[str, float]:
    """The day-01 finding in numbers (all computed from the records).

    Keys: ``records``; ``day01`` (persons dated the 1st of a month) and
    ``day01_share``; ``other_day_mean`` (persons dated the 2nd, the 3rd, …
    the 28th of a month, averaged over those 27 days; every month has them) and
    ``day01_ratio`` (persons dated the 1st divided by that mean);
    ``excess`` (sum of :func:`first_day_excess` — a rough count of records
    whose day is not known); ``month01`` (persons in a January) and
    ``month01_share``; ``jan01`` (persons dated 1 January of a year),
    ``jan_typical`` (sum over the years of the median of 2–28 January) and
    ``jan01_excess`` — an upper bound on the records that could stand for
    an unknown month and so inflate the January counts;
    ``months_day01_above`` (months, of 36, in which day 01 holds more
    persons than the month's typical day) and ``months_other_above``
    (the same, averaged over days 2–28).
    """
    rec = memory_book_records() if records is None else records
    prof = day_of_month_profile(rec)
    ex = first_day_excess(rec)
    jan = ex[ex["month"] == 1]
    n = len(rec)
    d01 = int(prof.loc[prof["day"] == 1, "persons"].iloc[0])
    other = prof[(prof["day"] >= 2) & (prof["day"] <= 28)]
    month01 = int((rec["date"].dt.month == 1).sum())
    return {
        "records": n,
        "day01": d01,
        "day01_share": d01 / n,
        "other_day_mean": float(other["persons"].mean()),
        "day01_ratio": float(d01 / other["persons"].mean()),
        "excess": float(ex["excess"].sum()),
        "month01": month01,
        "month01_share": month01 / n,
        "jan01": int(jan["day01"].sum()),
        "jan_typical": float(jan["typical_day"].sum()),
        "jan01_excess": float(jan["excess"].sum()),
        "months": len(MONTHS),
        "months_day01_above": int(prof.loc[prof["day"] == 1, "months_above_typical"].iloc[0]),
        "months_other_above": float(other["months_above_typical"].mean()),
    }


def compare_with_hlc_published(records: pd.DataFrame | None = None) -> pd.DataFrame:
    """The records of the copy against the totals HLC published (:func:`hlc_published_totals`).

    Returns ``figure``, ``hlc_published`` (with its citation: ``primary``,
    an id of :func:`kosovo_hr.citations.load_citations`, and
    ``primary_locator``), ``records_in_copy`` (the same figure counted from
    the records) and ``difference`` (copy minus published). The copy holds a
    few more records than the page: documentation goes on.
    """
    from ..datasets.memory_book import hlc_published_totals

    rec = memory_book_records() if records is None else records
    pub = hlc_published_totals()
    counted = {
        "persons_killed_or_disappeared": len(rec),
        "albanians": int((rec["community"] == "albanian").sum()),
        "serbs": int((rec["community"] == "serb").sum()),
        "roma_bosniaks_montenegrins_and_other_non_albanians": int((~rec["community"].isin(["albanian", "serb"])).sum()),
        "civilians": int((rec["status"] == "civilian").sum()),
    }
    unknown = sorted(set(pub["figure"]) - set(counted))
    if unknown:
        raise KosovoHRValueError(f"hlc_published_totals.csv figures with no counting rule: {unknown}")
    out = pub[["figure", "persons", "primary", "primary_locator"]].rename(columns={"persons": "hlc_published"})
    out.insert(2, "records_in_copy", out["figure"].map(counted).astype(int))
    out.insert(3, "difference", out["records_in_copy"] - out["hlc_published"])
    return out


def unit_regions() -> pd.DataFrame:
    """The 30 pre-2008 units with their OSCE region: ``code``, ``osce_region`` (for ordering tables)."""
    from ..geo.pre2008 import pre2008_units

    return pre2008_units()[["code", "osce_region"]]


def place_names(lang: str) -> dict[str, str]:
    """Display names in ``lang`` of the pre-2008 units (without a "(before 2008)" suffix) and OSCE regions.

    From :func:`kosovo_hr.geo.pre2008.pre2008_units` and the gazetteer; the
    special codes (outside Kosovo, ...) are labelled by the figures.
    """
    from ..gazetteer import names
    from ..geo.pre2008 import pre2008_units

    u = pre2008_units()
    col = "name_sr_cyrl" if lang == "sr-Cyrl" else f"name_{lang}"
    if col not in u.columns:
        raise KosovoHRValueError(f"no unit names in language {lang!r}")
    return {**dict(zip(u["code"], u[col])), **names(lang, "osce_region")}


# ------------------------------------------------------------------ exported tables (suppressed)

SOURCE = "kosovo_memory_book"


@table(
    "memory_book_monthly_pre2008",
    sources=[SOURCE],
    description="Kosovo Memory Book records: persons by pre-2008 municipality (and outside Kosovo / place "
    "unknown / not recorded) and month 1998-2000; counts of 1-4 suppressed (primary + secondary).",
)
def _monthly_pre2008_table() -> pd.DataFrame:
    return monthly_counts(level="pre2008")


@table(
    "memory_book_monthly_osce_region",
    sources=[SOURCE],
    description="Kosovo Memory Book records: persons by OSCE region (and outside Kosovo / place unknown / not "
    "recorded) and month 1998-2000; counts of 1-4 suppressed (primary + secondary).",
)
def _monthly_region_table() -> pd.DataFrame:
    return monthly_counts(level="osce_region")


@table(
    "memory_book_age_sex_status",
    sources=[SOURCE],
    description="Kosovo Memory Book records: persons by 5-year age group at the incident, sex and status "
    "(civilian / armed formation), Kosovo-wide; counts of 1-4 suppressed (primary + secondary).",
)
def _age_sex_table() -> pd.DataFrame:
    return age_sex_structure(by=("status",))


@table(
    "memory_book_status_monthly",
    sources=[SOURCE],
    description="Kosovo Memory Book records: civilians and members of armed formations by month 1998-2000, "
    "all places; counts of 1-4 suppressed (primary + secondary).",
)
def _status_monthly_table() -> pd.DataFrame:
    return status_monthly()


@table(
    "memory_book_day_of_month",
    sources=[SOURCE],
    description="Kosovo Memory Book records: persons by the day of the month written in the date of the "
    "incident (diagnostic: day 01 can stand for an unknown day), Kosovo-wide.",
)
def _day_of_month_table() -> pd.DataFrame:
    return day_of_month_profile()
