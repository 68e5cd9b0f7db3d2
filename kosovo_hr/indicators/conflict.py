"""Conflict legacy (notebook 06): Kosovo Memory Book rates, suppressed tables and OSCE-region totals.

Counts from :func:`kosovo_hr.datasets.conflict.load_conflict_victims` on the
30 pre-2008 municipalities; rates per 1,000 residents of the 1991 census
(:func:`kosovo_hr.datasets.conflict.population_1991`); counts of 1–4
persons suppressed (primary + secondary, :func:`kosovo_hr.stats.suppress`).
See :mod:`kosovo_hr.datasets.conflict` for the caveats that go with every use.
"""

from __future__ import annotations

import pandas as pd

from ..datasets.conflict import VIOLATIONS, load_conflict_victims, population_1991
from ..errors import KosovoHRValueError
from ..gazetteer import membership
from ..stats.rates import rates
from ..stats.suppression import suppress
from . import table

__all__ = [
    "KMB_SOURCE",
    "POP_SOURCE",
    "THRESHOLD",
    "VIOLATIONS",
    "COMMUNITY_GROUPS",
    "conflict_rates",
    "suppressed_rates",
    "region_totals",
    "published_region_totals",
]

KMB_SOURCE = "Humanitarian Law Center, Kosovo Memory Book (aggregate counts, kosovatools/data @28c327e)"
POP_SOURCE = "1991 census via GeoHive/Statistical Office of Kosovo (kosovo_hr/data/population)"
#: Smallest count published; counts 1 to THRESHOLD - 1 are suppressed.
THRESHOLD = 5
COMMUNITY_GROUPS = ("albanian", "serb", "roma_ashkali_egyptian", "other")


def conflict_rates(
    violations: tuple[str, ...] | list[str] = ("killed", "disappeared"),
    *,
    by: tuple[str, ...] | list[str] = (),
    per: float = 1_000,
    victims: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Persons per ``per`` residents (1991 census) by pre-2008 municipality.

    Parameters
    ----------
    violations : which violations to count together (default killed +
        disappeared; add ``"war_caused_death"`` for all records).
    by : extra columns of :func:`load_conflict_victims` to keep apart, e.g.
        ``("community_group",)`` or ``("year",)``. Every pre-2008 unit gets a
        row for every combination (zero where no record).
    victims : a frame from :func:`load_conflict_victims` (default: load it).

    Returns ``code``, *by*, ``persons``, ``population_1991``, ``rate``,
    ``rate_lower``, ``rate_upper`` (exact Poisson 95 % interval,
    :func:`kosovo_hr.stats.rates.rates`). Only the 30 municipalities: records
    outside Kosovo, with an unknown place in Kosovo or with no place are not
    in any municipal numerator — count them with :func:`load_conflict_victims`
    and report them beside any map. The denominator is the whole 1991
    population, not that of the community (no 1991 community figures are
    committed), so a community breakdown reads "victims of community X per
    1,000 residents of the municipality". See the module caveats.
    """
    v = load_conflict_victims() if victims is None else victims
    bad = sorted(set(violations) - set(VIOLATIONS))
    if bad:
        raise KosovoHRValueError(f"unknown violations {bad}; choose from {VIOLATIONS}")
    by = list(by)
    sel = v[(v["place_category"] == "municipality") & v["violation"].isin(list(violations))]
    counts = sel.groupby(["code", *by], as_index=False)["persons"].sum()
    pop = population_1991()
    grid = pop[["code"]]
    for col in by:
        grid = grid.merge(pd.DataFrame({col: sorted(v[col].dropna().unique())}), how="cross")
    out = grid.merge(counts, on=["code", *by], how="left")
    out["persons"] = out["persons"].fillna(0).astype(int)  # a unit with no record has 0 records
    out = out.merge(pop[["code", "population_1991"]], on="code", how="left")
    return rates(out, "persons", "population_1991", per=per, key=["code", *by])


def suppressed_rates(
    violations: tuple[str, ...] = ("killed", "disappeared"),
    *,
    by: tuple[str, ...] = ("violation",),
    threshold: int = THRESHOLD,
) -> pd.DataFrame:
    """Rates per 1,000 (1991) by pre-2008 unit with small counts suppressed.

    ``by="violation"`` gives one row per unit and violation; ``by=("community_group",)``
    one per unit and community group (killed and disappeared together).
    Secondary suppression protects the published totals of every ``by``
    group (e.g. each violation's Kosovo total) and, for two-way tables,
    each unit's total too.
    """
    v = load_conflict_victims()
    by = tuple(by)
    if by == ("violation",):
        parts = [conflict_rates((x,), victims=v).assign(violation=x) for x in violations]
        df = pd.concat(parts, ignore_index=True)
        groups: list[tuple[str, ...]] = [("violation",)]
    else:
        df = conflict_rates(violations, by=by, victims=v)
        groups = [by, ("code",)]
    return suppress(df, "persons", threshold=threshold, group=groups)


def region_totals() -> pd.DataFrame:
    """Persons by OSCE region (or explicit non-municipal category) and violation, with 1991 rates.

    Rows ``code`` = OSCE region code or ``outside_kosovo`` /
    ``kosovo_place_unknown`` / ``place_not_recorded``; columns one per
    violation, ``total``, ``population_1991`` (regions only) and
    ``rate_per_1000`` with exact Poisson limits for killed + disappeared.
    Regional totals are large, so no suppression is needed; the caller
    should still check ``min`` before publishing a cross-tabulation.
    """
    v = load_conflict_victims()
    region = membership("osce_region")  # pre-2008 units map to the region of their successors
    v["unit"] = v["code"].map(region).fillna(v["code"])
    wide = v.pivot_table(index="unit", columns="violation", values="persons", aggfunc="sum", fill_value=0)
    wide["total"] = wide.sum(axis=1)
    pop = population_1991()
    pop["unit"] = pop["code"].map(region)
    wide = wide.join(pop.groupby("unit")["population_1991"].sum())
    wide = wide.reset_index().rename(columns={"unit": "code"})
    wide["killed_disappeared"] = wide["killed"] + wide["disappeared"]
    regions = wide[wide["population_1991"].notna()].copy()
    regions = rates(regions, "killed_disappeared", "population_1991", per=1000, key=["code"])
    out = pd.concat([regions, wide[wide["population_1991"].isna()]], ignore_index=True)
    return out.rename(columns={"rate": "rate_per_1000"})


def published_region_totals(threshold: int = THRESHOLD) -> pd.DataFrame:
    """:func:`region_totals` as published: counts of 1 to ``threshold - 1`` suppressed.

    The three violation counts of each row are suppressed with
    :func:`kosovo_hr.stats.suppress` (primary and secondary), protecting
    each row's total and each violation's Kosovo total; a row total that is
    itself small is suppressed too, and ``killed_disappeared`` is left empty
    wherever one of its parts is. Suppressed cells are ``<NA>``, never 0;
    ``suppressed`` marks the rows concerned.
    """
    t = region_totals()
    long = t.melt(id_vars="code", value_vars=list(VIOLATIONS), var_name="violation", value_name="persons")
    long = suppress(long, "persons", threshold=threshold, group=[("code",), ("violation",)])
    wide = long.pivot(index="code", columns="violation", values="persons")[list(VIOLATIONS)]
    out = t.set_index("code")
    out[list(VIOLATIONS)] = wide.astype("Int64")
    part_hidden = wide[["killed", "disappeared"]].isna().any(axis=1)
    out["killed_disappeared"] = out["killed_disappeared"].astype("Int64").mask(part_hidden)
    small_total = out["total"].between(1, threshold - 1)
    out["total"] = out["total"].astype("Int64").mask(small_total)
    out["suppressed"] = wide.isna().any(axis=1) | small_total
    return out.reset_index()


# --- tables exported by `kosovo-hr export` ---------------------------------------------------


@table(
    "conflict_rates_pre2008",
    description="Killed and disappeared 1998-2000 per 1,000 residents "
    "(1991 census) by pre-2008 municipality, counts of 1-4 suppressed (with secondary suppression).",
    sources=[KMB_SOURCE, POP_SOURCE],
)
def conflict_rates_table() -> pd.DataFrame:
    return suppressed_rates()


@table(
    "conflict_osce_region_totals",
    description="Killed, disappeared and war-caused deaths 1998-2000 "
    "by OSCE region, places outside Kosovo and unknown places kept as their own rows.",
    sources=[KMB_SOURCE, POP_SOURCE],
)
def conflict_regions_table() -> pd.DataFrame:
    return published_region_totals()


@table(
    "conflict_rates_by_community",
    description="Killed and disappeared 1998-2000 by pre-2008 municipality and community group of the "
    "victims, per 1,000 residents of the municipality (1991 census: the whole population, not the group's), "
    "counts of 1-4 suppressed (with secondary suppression within each group and each municipality).",
    sources=[KMB_SOURCE, POP_SOURCE],
)
def conflict_community_table() -> pd.DataFrame:
    return suppressed_rates(by=("community_group",))
