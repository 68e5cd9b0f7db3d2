"""Indicators from users' own records: counts per municipality and year, rates, trends, pooled maps.

The three domain notebooks call these when the user sets ``RECORDS_PATH``:

    res = kh.load_records(path, domain)
    ind = kh.municipal_indicators(res.records, weight="n_persons")   # code x year
    kh.region_trends(ind)                                           # APC per OSCE region
    kh.pooled_suppressed(ind)                                       # the table behind the map
    kh.map_pooled_rates(ind, subject="hate_incident", lang="sq")    # the map (figures.records)

Rates are per 100,000 residents with exact Poisson intervals
(:func:`kosovo_hr.stats.rates`); populations are interpolated between the
2011 and 2024 censuses (:func:`kosovo_hr.datasets.population.population_for_years`,
geometric).  Years outside 2011–2024, and records coded to historic units,
have no population: their rates are missing, never guessed.

Zero-filling
------------
A monitoring log says nothing about municipality-years it did not cover, so
a missing combination is *missing*, not zero, unless the user says what the
log covered.  :func:`count_records` zero-fills the municipality-years that
are declared covered:

* ``years=None`` (default): the log is assumed to cover **every
  municipality** in **every year from its first to its last record year**
  (a Kosovo-wide monitor).  State this assumption when publishing.
* ``years=[...]`` / ``codes=[...]``: the years and municipalities the log
  actually covered; only those are zero-filled.
* ``zero_fill=False``: only combinations with at least one record appear.

Records placed in the historic unit ``mitrovice_pre2013`` (plain "Mitrovica"
before 2013) keep that code; in those years the two successor municipalities
are not zero-filled (they would be double counted with the historic unit).
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence

import pandas as pd

from ..errors import KosovoHRKeyError, KosovoHRValueError
from ..gazetteer import historic_units, municipalities

#: Counts of 1 to ``SUPPRESS_BELOW - 1`` are suppressed by default wherever records are mapped or tabled.
SUPPRESS_BELOW = 5


def count_records(
    records: pd.DataFrame,
    by: Sequence[str] = ("code", "year"),
    *,
    weight: str | None = None,
    years: Sequence[int] | None = None,
    codes: Sequence[str] | None = None,
    zero_fill: bool = True,
    count: str = "count",
    missing: str = "unknown",
) -> pd.DataFrame:
    """Count records per ``by`` (default municipality code × year).

    Parameters
    ----------
    records : ``RecordsResult.records`` (or any frame with the ``by`` columns).
    by : grouping columns; must include ``code`` and ``year`` for zero-filling.
        Extra columns (``category``, ``stage``...) are crossed with the covered
        municipality-years using the values seen in the records. Records with
        an empty value in an extra text column are counted under ``missing``.
        Records without a ``code`` or ``year`` (never the case for
        ``load_records`` output), or with an empty number column (``month``),
        cannot be placed: they are left out with a warning giving their number.
    weight : sum this column instead of counting rows (e.g. ``"n_persons"``
        for displacement and trafficking records); missing weights count 1.
    years, codes : the coverage of the log (see the module docstring).
    zero_fill : fill covered combinations without records with 0.
    count : name of the output column.
    missing : the value standing for an empty extra ``by`` column (default
        ``"unknown"``, the schemas' own word for it, so empty and "unknown"
        records are counted together).

    Returns
    -------
    Frame with the ``by`` columns, ``count`` (int64) and ``osce_region``; keyed
    uniquely by ``by``; sorted.
    """
    by = list(by)
    absent = [c for c in by if c not in records.columns]
    if absent:
        raise KosovoHRKeyError(f"records lack column(s) {absent}; columns are {list(records.columns)}")
    df = records.copy()
    if weight is None:
        df["_w"] = 1
    else:
        if weight not in df.columns:
            raise KosovoHRKeyError(f"no weight column {weight!r} in records")
        df["_w"] = pd.to_numeric(df[weight]).fillna(1)
    extra = [c for c in by if c not in ("code", "year")]
    for c in extra:
        if pd.api.types.is_numeric_dtype(df[c]):
            continue  # a number column (e.g. month) cannot hold the text label: reported below
        empty = df[c].isna() | df[c].astype(str).str.strip().eq("")
        if empty.any():
            df[c] = df[c].astype(object).where(~empty, missing)
    unplaced = df[by].isna().any(axis=1)
    if unplaced.any():
        warnings.warn(
            f"{int(unplaced.sum())} record(s) without a value in {[c for c in by if df[c].isna().any()]} "
            f"are left out of the counts; fill or drop them before counting (load_records always "
            f"gives code and year)",
            stacklevel=2,
        )
        df = df[~unplaced]
    df["year"] = df["year"].astype(int) if "year" in by else df.get("year")
    grouped = df.groupby(by, dropna=False, observed=True)["_w"].sum().rename(count).reset_index()
    if zero_fill:
        if not {"code", "year"} <= set(by):
            raise KosovoHRValueError("zero-filling needs 'code' and 'year' in by; pass zero_fill=False")
        if years is None:
            yrs = range(int(df["year"].min()), int(df["year"].max()) + 1) if len(df) else []
        else:
            yrs = [int(y) for y in years]
        all_codes = list(codes) if codes is not None else list(municipalities()["code"])
        hist = historic_units()
        succ = dict(zip(hist["code"], hist["successors"].str.split(";")))
        frames = []
        for y in yrs:
            present = set(df.loc[df["year"] == y, "code"])
            drop = {s for h in present if h in succ for s in succ[h]}
            cs = [c for c in all_codes if c not in drop] + sorted(h for h in present if h in succ)
            frames.append(pd.DataFrame({"code": cs, "year": y}))
        grid = (
            pd.concat(frames, ignore_index=True)
            if frames
            else pd.DataFrame({"code": pd.Series([], dtype=object), "year": pd.Series([], dtype=int)})
        )
        for c in extra:
            levels = pd.DataFrame({c: sorted(df[c].unique())})
            grid = grid.merge(levels, how="cross")
        grid["year"] = grid["year"].astype(int)
        grouped["year"] = grouped["year"].astype(int)
        for c in by:
            if c != "year":
                grid[c] = grid[c].astype(object)
                grouped[c] = grouped[c].astype(object)
        outside = grouped.merge(grid, on=by, how="left", indicator=True)
        outside = outside[outside["_merge"] == "left_only"]
        if len(outside):
            raise KosovoHRValueError(
                f"{len(outside)} record group(s) fall outside the declared coverage (years/codes), e.g. "
                f"{outside[by].head(3).to_dict('records')}; widen years=/codes= or pass zero_fill=False"
            )
        grouped = grid.merge(grouped, on=by, how="left")
        grouped[count] = grouped[count].fillna(0)
    grouped[count] = grouped[count].astype("int64")
    if "code" in grouped.columns:
        from ..stats.aggregate import membership

        # historic units belong to the region of their successors when they share one
        grouped["osce_region"] = grouped["code"].map(membership("osce_region"))
    return grouped.sort_values(by).reset_index(drop=True)


def municipal_indicators(
    records: pd.DataFrame,
    *,
    weight: str | None = None,
    years: Sequence[int] | None = None,
    codes: Sequence[str] | None = None,
    by: Sequence[str] = ("code", "year"),
    per: float = 100_000,
) -> pd.DataFrame:
    """Counts (zero-filled over the declared coverage, see :func:`count_records`), population and rates.

    Returns the :func:`count_records` frame plus ``population`` (NaN where no
    denominator exists) and ``rate``, ``rate_lower``, ``rate_upper`` per ``per``.
    """
    from ..datasets.population import population_for_years
    from ..stats import rates

    counts = count_records(records, by=by, weight=weight, years=years, codes=codes)
    yrs = sorted({int(y) for y in counts["year"] if 2011 <= int(y) <= 2024}) if len(counts) else []
    if yrs:
        pop = population_for_years(yrs, method="geometric")[["code", "year", "population"]]
        counts = counts.merge(pop, on=["code", "year"], how="left")
    else:
        counts["population"] = float("nan")
    counts["population"] = pd.to_numeric(counts["population"]).astype(float)
    if len(counts) == 0:
        return counts.assign(
            rate=pd.Series(dtype=float), rate_lower=pd.Series(dtype=float), rate_upper=pd.Series(dtype=float)
        )
    return rates(counts, per=per, key=tuple(by), allow_missing=True)


#: Columns of a :func:`municipal_indicators` frame other than its extra ``by`` columns.
INDICATOR_COLUMNS = ("code", "year", "count", "osce_region", "population", "rate", "rate_lower", "rate_upper")


def _split_by(indicators: pd.DataFrame) -> list[str]:
    """The extra ``by`` columns (``category``, ``affected_community``...) that split code × year, else ``[]``.

    Each value of these columns is its own series: counts of different values
    are never added, and each code × year's population is used once per value.
    """
    if not indicators.duplicated(["code", "year"]).any():
        return []
    extra = [c for c in indicators.columns if c not in INDICATOR_COLUMNS]
    if not extra or indicators.duplicated(["code", "year", *extra]).any():
        raise KosovoHRValueError(
            "the indicators have duplicated (code, year) rows that no other column tells apart; "
            "pass the frame municipal_indicators returned (one row per code, year and by value)"
        )
    return extra


def region_trends(indicators: pd.DataFrame, **kwargs) -> pd.DataFrame:
    """Annual percent change per OSCE region (:func:`kosovo_hr.stats.trend`, GLM with population offset).

    Municipality-years without a population are dropped before aggregation;
    regions missing members in a year get no figure for that year (the
    stats module's rule), so a trend never rests on a partial region.

    When the indicators were counted with extra ``by`` columns (e.g.
    ``by=("code", "year", "affected_community")``), each value gets its own
    trend per region (one row per region and value, the value in its column):
    values are not added together, and each municipality-year's population
    enters every value's series once.  For one trend over all records, count
    without the extra column.
    """
    from ..stats import trend

    extra = _split_by(indicators)
    use = indicators[indicators["population"].notna()]
    cols = ["code", "year", "count", "population"]
    groups = list(use.groupby(extra, sort=True, dropna=False)) if extra else []
    if not groups:
        return trend(use[cols], by="osce_region", **kwargs)
    out = []
    for keys, grp in groups:
        res = trend(grp[cols], by="osce_region", **kwargs)
        for i, (c, v) in enumerate(zip(extra, keys if isinstance(keys, tuple) else (keys,))):
            res.insert(1 + i, c, v)  # after osce_region
        out.append(res)
    return pd.concat(out, ignore_index=True)


def pooled(indicators: pd.DataFrame, per: float = 100_000) -> pd.DataFrame:
    """Counts and populations summed over the years per municipality, with rates (years with population only).

    The summed population is in person-years, so the rate is the average yearly rate over
    the years pooled.  With extra ``by`` columns (see :func:`region_trends`) there is one
    row per municipality and value, each summing that value's counts and the
    municipality's population once per year.
    """
    from ..stats import rates

    extra = _split_by(indicators)
    use = indicators[indicators["population"].notna()]
    out = use.groupby(["code", *extra], as_index=False, dropna=False)[["count", "population"]].sum()
    return rates(out, per=per, key=("code", *extra))


def check_mappable(indicators: pd.DataFrame) -> None:
    """Refuse indicators split by extra columns: a map shows one value per municipality."""
    extra = _split_by(indicators)
    if extra:
        first = indicators[extra[0]].dropna().iloc[0] if indicators[extra[0]].notna().any() else None
        raise KosovoHRValueError(
            f"the indicators are split by {extra} and a map shows one value per municipality: "
            f"map one value at a time, e.g. indicators[indicators[{extra[0]!r}] == {first!r}], "
            f"or count without {extra}"
        )


def pooled_suppressed(
    indicators: pd.DataFrame, *, threshold: int = SUPPRESS_BELOW, per: float = 100_000
) -> pd.DataFrame:
    """:func:`pooled` with small counts suppressed: what a map or table of victims' records may show.

    Pooled counts of 1 to ``threshold - 1`` are suppressed (primary), and
    further cells as needed (secondary) so that none can be recovered from the
    Kosovo-wide total of the records (:func:`kosovo_hr.stats.suppress` with the
    whole table as one group). Rates and intervals of suppressed cells are
    blanked; ``suppressed`` and ``suppression_reason`` say which and why.
    """
    from ..stats import suppress

    pool = pooled(indicators, per=per)
    extra = [c for c in pool.columns if c not in (*INDICATOR_COLUMNS, "population")]
    # the total over municipalities (of each value of an extra column) is known: protect it
    return suppress(
        pool, "count", threshold=threshold, group=tuple(extra), derived=("rate", "rate_lower", "rate_upper")
    )


def pooled_by_region(
    indicators: pd.DataFrame, *, suppress_small: bool = True, threshold: int = SUPPRESS_BELOW, per: float = 100_000
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(municipal, region)``: pooled counts and rates per municipality and per OSCE region, published together.

    ``municipal``: :func:`pooled` with the municipality's ``osce_region``;
    ``region``: the same summed per OSCE region (``osce_region``, ``count``,
    ``population`` in person-years, ``rate``, ``rate_lower``, ``rate_upper``
    per ``per``). With ``suppress_small`` (the default for victims' records)
    municipal counts of 1 to ``threshold - 1`` are suppressed, and further
    cells as needed so that none can be worked out from its region's total or
    from Kosovo's (:func:`kosovo_hr.stats.suppress`); region totals below
    ``threshold`` are suppressed in turn. Both tables carry ``suppressed`` and
    ``suppression_reason`` (False and empty when nothing is suppressed).
    Years without a population are left out, as in :func:`pooled`.
    """
    from ..stats import rates, suppress

    with_pop = indicators[indicators["population"].notna()]
    muni = (
        pooled(indicators, per=per)
        if len(with_pop)
        else indicators.iloc[0:0][["code", "count", "population", "rate", "rate_lower", "rate_upper"]]
    )
    muni = muni.merge(indicators[["code", "osce_region"]].drop_duplicates("code"), on="code", how="left")
    muni["count"] = muni["count"].astype("int64")
    region = (
        muni.groupby("osce_region", as_index=False)[["count", "population"]]
        .sum()
        .rename(columns={"osce_region": "code"})
    )
    region = rates(region, per=per, key=("code",)) if len(region) else region
    region = region.rename(columns={"code": "osce_region"})
    if suppress_small and len(muni):
        # region and Kosovo totals are published: no suppressed cell may be worked out from them
        muni = suppress(muni, "count", threshold=threshold, group=[("osce_region",), ()])
        region = suppress(region, "count", threshold=threshold, group=())
    for df in (muni, region):
        if "suppressed" not in df.columns:
            df["suppressed"] = False
            df["suppression_reason"] = ""
    return muni.sort_values("code").reset_index(drop=True), region.reset_index(drop=True)
