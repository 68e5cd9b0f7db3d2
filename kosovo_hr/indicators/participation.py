"""Minority participation: community parties' votes and seats, turnout, representation.

Built on :func:`kosovo_hr.datasets.elections.load_elections` and the cited
community classification (:mod:`kosovo_hr.datasets.elections.parties`).

Definitions (per election and municipality; the same after aggregation,
where counts are summed and shares recomputed — never averaged):

``votes_total``           valid votes: the municipality's valid ballots where
                          the source gives them (municipal assembly 2025), else
                          the sum of subject votes (parliamentary files: equal
                          to the source's votes cast, see the checks)
``votes_non_majority``    votes for subjects classified as representing a
                          non-majority community (Serb, Bosniak, Turkish, Roma,
                          Ashkali, Egyptian, Gorani, Montenegrin)
``votes_unclassified``    votes for subjects with no cited classification
``votes_unlisted``        valid votes not attributed to any listed subject
                          (municipal assembly 2025 lists only seat winners)
``non_majority_vote_share``  100 × non-majority / total (percent)
``unclassified_vote_share``  100 × (unclassified + unlisted) / total: the share
                          the indicator could not classify; the true
                          non-majority share lies between
                          ``non_majority_vote_share`` and that plus this
``seats_*``, ``non_majority_seat_share``  the same for assembly seats
                          (municipal assembly elections only)

Caveats: boycotts (Serb-majority municipalities in 2001–2010, the north
since) make very low turnout and vote counts there incomparable; the 2025
municipal assembly file has no Zubin Potok; 2001–2007 rows are the 30
pre-2008 municipalities and 2010 has Mitrovica undivided — compare with later
years only through :func:`kosovo_hr.geo.pre2008.to_pre2008` or at region level.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pandas as pd

from kosovo_hr.datasets.elections import classify, load_elections, load_turnout
from kosovo_hr.gazetteer import LEVELS as GAZETTEER_LEVELS

from ..errors import KosovoHRValueError
from . import table

__all__ = [
    "participation",
    "community_votes",
    "turnout",
    "representation",
    "add_change",
    "aggregate_participation",
    "aggregate_turnout",
    "on_pre2008_units",
    "on_current_map",
    "region_shares",
    "LEVELS",
]

#: Levels participation is reported at (a subset of kosovo_hr.gazetteer.LEVELS).
LEVELS = tuple(lv for lv in GAZETTEER_LEVELS if lv in ("municipality", "osce_region", "kosovo"))
#: Cited classification of electoral subjects by community.
PARTY_TABLE = "kosovo_hr/data/parties/subjects.csv"
_KEY = ["election", "type", "round", "year", "date", "municipal_map"]
_COUNTS = [
    "votes_total",
    "votes_non_majority",
    "votes_albanian_or_multiethnic",
    "votes_unclassified",
    "votes_unlisted",
    "seats_total",
    "seats_non_majority",
    "seats_unclassified",
]


def _classified(election, kind) -> pd.DataFrame:
    res = load_elections(election, kind)
    res = res[res["type"] != "mayor"] if kind is None else res
    if (res["type"] == "mayor").any():
        raise KosovoHRValueError(
            "participation indicators are for party lists (parliamentary, local_assembly), not mayoral candidates"
        )
    return classify(res)


def _valid_ballots(election, kind) -> pd.DataFrame:
    t = load_turnout(election, kind)
    return t.loc[t["valid_ballots"].notna(), ["election", "code", "valid_ballots"]]


def participation(
    election: str | Sequence[str] | None = None,
    type: str | None = None,
    *,  # noqa: A002
    kind: str | None = None,
) -> pd.DataFrame:
    """Non-majority community parties' vote and seat shares per (election, municipality).

    ``type``: ``"parliamentary"`` or ``"local_assembly"`` (default both; ``kind=`` is its old name).
    Columns: election key, ``code``, the counts of the module docstring (Int64;
    seats ``<NA>`` where the election has none), and the shares in percent
    (Float64).  Raises :class:`~kosovo_hr.datasets.elections.parties.UnknownSubjectError`
    for a subject absent from the classification table.
    """
    kind = kind if kind is not None else type  # kind= is the old name of type=
    c = _classified(election, kind)
    c["nm"] = c["non_majority"].fillna(False).astype(bool)
    c["unc"] = c["community"] == "unclassified"
    c["alb"] = c["community"] == "albanian_or_multiethnic"
    has_seats = c.groupby("election")["seats"].transform(lambda s: s.notna().any())
    g = c.assign(
        v_nm=c["votes"].where(c["nm"], 0),
        v_unc=c["votes"].where(c["unc"], 0),
        v_alb=c["votes"].where(c["alb"], 0),
        s_nm=c["seats"].where(c["nm"], 0).where(has_seats),
        s_unc=c["seats"].where(c["unc"], 0).where(has_seats),
    ).groupby(_KEY + ["code"], dropna=False, sort=False)
    out = g.agg(
        votes_listed=("votes", "sum"),
        votes_non_majority=("v_nm", "sum"),
        votes_albanian_or_multiethnic=("v_alb", "sum"),
        votes_unclassified=("v_unc", "sum"),
        seats_total=("seats", lambda s: s.sum(min_count=1)),
        seats_non_majority=("s_nm", lambda s: s.sum(min_count=1)),
        seats_unclassified=("s_unc", lambda s: s.sum(min_count=1)),
    ).reset_index()
    vb = _valid_ballots(election, kind)
    out = out.merge(vb, on=["election", "code"], how="left")
    out["votes_total"] = out["valid_ballots"].fillna(out["votes_listed"])
    out["votes_unlisted"] = out["votes_total"] - out["votes_listed"]
    if (out["votes_unlisted"] < 0).any():
        bad = out.loc[out["votes_unlisted"] < 0, ["election", "code"]].to_dict("records")
        raise KosovoHRValueError(f"listed votes exceed valid ballots in {bad}: see checks.run_checks()")
    out = out.drop(columns=["valid_ballots", "votes_listed"])
    for col in _COUNTS:
        out[col] = out[col].astype("Int64")
    return _shares(out)


def _shares(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()

    def pct(a, b):
        a = out[a].astype("Float64")
        b = out[b].astype("Float64")
        return (100 * a / b.where(b > 0)).astype("Float64")

    out["non_majority_vote_share"] = pct("votes_non_majority", "votes_total")
    out["albanian_or_multiethnic_vote_share"] = pct("votes_albanian_or_multiethnic", "votes_total")
    out["unclassified_vote_share"] = (
        100
        * (out["votes_unclassified"] + out["votes_unlisted"]).astype("Float64")
        / out["votes_total"].astype("Float64").where(out["votes_total"] > 0)
    )
    out["non_majority_seat_share"] = pct("seats_non_majority", "seats_total")
    out["unclassified_seat_share"] = pct("seats_unclassified", "seats_total")
    return out


def community_votes(
    election: str | Sequence[str] | None = None,
    type: str | None = None,
    *,  # noqa: A002
    kind: str | None = None,
) -> pd.DataFrame:
    """Votes (and seats) per (election, municipality, community), long format, with shares in percent.

    The community ``unlisted`` holds valid votes not attributed to any listed
    subject (municipal assembly 2025).
    """
    kind = kind if kind is not None else type  # kind= is the old name of type=
    c = _classified(election, kind)
    long = (
        c.groupby(_KEY + ["code", "community"], sort=False)
        .agg(votes=("votes", "sum"), seats=("seats", lambda s: s.sum(min_count=1)))
        .reset_index()
    )
    p = participation(election, kind)
    unl = p.loc[p["votes_unlisted"] > 0, _KEY + ["code", "votes_unlisted"]].rename(columns={"votes_unlisted": "votes"})
    unl["community"] = "unlisted"
    long = pd.concat([long, unl], ignore_index=True)
    tot = p.set_index(["election", "code"])["votes_total"]
    key = pd.MultiIndex.from_frame(long[["election", "code"]])
    long["votes_total"] = tot.reindex(key).to_numpy()
    long["vote_share"] = 100 * long["votes"].astype("Float64") / long["votes_total"].astype("Float64")
    return long


def turnout(
    election: str | Sequence[str] | None = None,
    type: str | None = None,
    *,  # noqa: A002
    kind: str | None = None,
) -> pd.DataFrame:
    """Electorate, valid votes and turnout per municipality where the electorate is known.

    ``turnout`` is the percentage printed in the source; ``valid_votes_per_electorate``
    = 100 × valid votes / electorate (computable at every level).  Parliamentary
    2001–2007 and municipal assembly 2025 only.
    """
    kind = kind if kind is not None else type  # kind= is the old name of type=
    t = load_turnout(election, kind)
    t = t[t["electorate"].notna()].copy()
    valid = t["valid_ballots"].fillna(t["votes_cast"])
    t["valid_votes"] = valid.astype("Int64")
    t["valid_votes_per_electorate"] = 100 * valid.astype("Float64") / t["electorate"].astype("Float64")
    return t[
        _KEY[:2]
        + [
            "year",
            "date",
            "municipal_map",
            "code",
            "electorate",
            "votes_cast",
            "valid_votes",
            "turnout",
            "valid_votes_per_electorate",
        ]
    ].reset_index(drop=True)


def aggregate_participation(
    df: pd.DataFrame, level: str = "osce_region", *, partial: bool = False, to: str | None = None
) -> pd.DataFrame:
    """Sum :func:`participation` counts to OSCE regions or Kosovo and recompute the shares.

    Summing and flags are those of :func:`kosovo_hr.stats.aggregate.aggregate`
    (per election; 2001–2007 rows, map ``pre2008_30``, with
    ``boundaries="pre2008"``): a region missing a municipality of the
    election's map (e.g. Zubin Potok in the 2025 municipal assembly file), or
    with a missing count, is incomplete; its counts and shares are ``<NA>``
    unless ``partial=True``; ``complete`` and ``missing_members`` say which.
    Seats are summed only for elections that have them.  One row per election
    and region with input rows, in the order they first appear in ``df``.
    ``level``: ``"osce_region"`` or ``"kosovo"`` (``to=`` is its old name).
    """
    level = to if to is not None else level  # to= is the old name of level=
    if level not in ("osce_region", "kosovo"):
        raise KosovoHRValueError(f"level must be 'osce_region' or 'kosovo'; got {level!r}")
    out = _by_seats(df.reset_index(drop=True), lambda g, counts: _aggregate(g, level, counts, _KEY, partial))
    out = out.sort_values("_first", kind="stable").reset_index(drop=True)
    return _shares(out[_KEY + ["code", *_COUNTS, "n_members", "complete", "missing_members"]])


def _by_seats(df: pd.DataFrame, sum_counts: Callable[[pd.DataFrame, list[str]], pd.DataFrame]) -> pd.DataFrame:
    """``sum_counts(frame, counts)`` on elections with and without seats apart; counts as Int64.

    Seat columns are all missing for elections without seats (parliamentary):
    summing them would only flag every unit incomplete.
    """
    has_seats = df.groupby("election")["seats_total"].transform(lambda s: s.notna().any())
    parts = []
    for seats, g in df.groupby(has_seats):
        counts = _COUNTS if seats else [c for c in _COUNTS if not c.startswith("seats")]
        parts.append(sum_counts(g, counts))
    out = pd.concat(parts, ignore_index=True)
    for col in _COUNTS:
        out[col] = (
            pd.to_numeric(out[col].astype(object), errors="coerce").round().astype("Int64")
            if col in out
            else pd.array([pd.NA] * len(out), dtype="Int64")
        )
    return out


def _aggregate(df: pd.DataFrame, to: str, counts: Sequence[str], keys: list[str], partial: bool) -> pd.DataFrame:
    """:func:`kosovo_hr.stats.aggregate.aggregate` per election (``keys``) of election rows.

    Rows on the ``pre2008_30`` map get pre-2008 boundaries (a municipality
    created later is covered by its parent). Returns one row per (election,
    unit) group of ``df`` (``aggregate`` also returns units without rows: they
    are dropped) with ``keys``, ``code``, the counts, ``n_members``,
    ``complete``, ``missing_members`` and ``_first``, the index label of the
    group's first row in ``df`` (to sort the groups back into input order).
    """
    from kosovo_hr.gazetteer import membership
    from kosovo_hr.stats.aggregate import aggregate

    groups = df.groupby(keys, sort=False, dropna=False)
    d = df.assign(
        _election=groups.ngroup(),
        boundary=df["municipal_map"].eq("pre2008_30").map({True: "pre2008", False: "current"}),
    )
    out = aggregate(d, to, counts=counts, population=None, by=["_election"], partial=partial)
    unit = d["code"].map(membership(to)).rename("code")
    first = pd.Series(d.index, index=pd.MultiIndex.from_arrays([d["_election"], unit])).groupby(level=[0, 1]).min()
    out = out.join(first.rename("_first"), on=["_election", "code"], how="inner")
    key_values = pd.DataFrame([dict(zip(keys, k)) for k, _ in groups], columns=keys)  # the keys as groupby gives them
    return pd.concat(
        [
            key_values.iloc[out["_election"]].reset_index(drop=True),
            out[["code", *counts, "n_members", "complete", "missing_members", "_first"]].reset_index(drop=True),
        ],
        axis=1,
    )


def aggregate_turnout(
    df: pd.DataFrame, level: str = "osce_region", *, partial: bool = False, to: str | None = None
) -> pd.DataFrame:
    """Sum electorate and valid votes of :func:`turnout` rows; recompute valid votes per electorate.

    Summing and flags as in :func:`aggregate_participation`: a unit missing a
    municipality of the election's map (Zubin Potok, municipal assembly 2025)
    is incomplete, ``<NA>`` unless ``partial=True`` (then the ratio covers the
    municipalities present); see ``complete`` and ``missing_members``.
    """
    level = to if to is not None else level  # to= is the old name of level=
    out = _aggregate(
        df.reset_index(drop=True),
        level,
        ["electorate", "valid_votes"],
        ["election", "type", "year", "date", "municipal_map"],
        partial,
    )
    out = out.sort_values("_first", kind="stable").drop(columns="_first").reset_index(drop=True)
    out["valid_votes_per_electorate"] = 100 * out["valid_votes"].astype("Float64") / out["electorate"].astype("Float64")
    return out


def add_change(df: pd.DataFrame, columns: Sequence[str] = ("non_majority_vote_share",)) -> pd.DataFrame:
    """Add ``<column>_change`` (percentage points) against the previous election of the same type.

    Per ``code`` and election type, in date order.  Across a change of
    municipal map (2007→2010→2014) a municipality's change is ``<NA>``: its
    territory differed; regions and Kosovo compare across maps.
    """
    out = df.sort_values(["type", "code", "date"]).copy()
    g = out.groupby(["type", "code"], sort=False)
    prev_map = g["municipal_map"].shift()
    out["previous_election"] = g["election"].shift()
    is_region = out["code"].str.startswith("osce_") | (out["code"] == "kosovo")
    comparable = (prev_map == out["municipal_map"]) | is_region
    for col in columns:
        out[f"{col}_change"] = (out[col] - g[col].shift()).where(comparable).astype("Float64")
    return out.sort_index()


def _population_share_non_majority(year: int = 2011) -> pd.DataFrame:
    """Non-majority share of the population per municipality, where every part is known."""
    from kosovo_hr.datasets.population import load_population_by_community

    p = load_population_by_community(years=year)
    w = p.pivot_table(index="code", columns="community", values="population", aggfunc="first")
    tot = p.groupby("code")["total"].first()
    parts = ["serbs", "bosniaks", "turks", "gorani"]
    rae = w[["roma", "ashkali", "egyptians"]].sum(axis=1, min_count=3)
    if "roma_ashkali_egyptians_combined" in w:
        rae = rae.fillna(w["roma_ashkali_egyptians_combined"])
    nm = w[parts].sum(axis=1, min_count=len(parts)) + rae
    out = pd.DataFrame(
        {
            "code": w.index,
            "population_non_majority": nm.astype("Float64").to_numpy(),
            "population_total": tot.reindex(w.index).astype("Float64").to_numpy(),
        }
    )
    out["population_share"] = out["population_non_majority"] / out["population_total"]
    out["population_year"] = year
    return out


def representation(
    election: str | Sequence[str] | None = "local_assembly_2025", *, population_year: int = 2011
) -> pd.DataFrame:
    """Seat share of non-majority parties over the non-majority population share, per municipality.

    Seats: municipal assembly results; population: the cited community table
    of :func:`kosovo_hr.datasets.population.load_population_by_community`
    (2011 census; incomplete, so many municipalities have ``<NA>`` with the
    ``reason``).  Non-majority population = Serbs + Bosniaks + Turks + Gorani +
    Roma/Ashkali/Egyptians (Montenegrins and 'other' are not separable).  The
    index is computed by :func:`kosovo_hr.stats.representation.representation_index`.
    """
    from kosovo_hr.stats.representation import representation_index

    p = participation(election, type="local_assembly")
    pop = _population_share_non_majority(population_year)
    d = p.merge(pop, on="code", how="left")
    d["seat_share"] = d["seats_non_majority"].astype("Float64") / d["seats_total"].astype("Float64")
    d["population_share"] = d["population_share"].astype("Float64")
    out = representation_index(d, "seat_share", "population_share", column="representation_ratio")
    return out[
        _KEY
        + [
            "code",
            "seats_total",
            "seats_non_majority",
            "seat_share",
            "population_non_majority",
            "population_total",
            "population_share",
            "population_year",
            "representation_ratio",
            "reason",
            "unclassified_seat_share",
        ]
    ]


def on_pre2008_units(df: pd.DataFrame, *, partial: bool = False) -> pd.DataFrame:
    """Sum :func:`participation` counts to the 30 pre-2008 municipalities and recompute shares.

    The way to compare 2001–2007 results with later elections on the same
    territory: rows of the 2001–2007 elections are already pre-2008 units
    (their codes are mapped to ``<code>_pre2008``); later rows are summed over
    the current municipalities that make up each old unit (union
    approximation: see :mod:`kosovo_hr.geo.pre2008` for the boundary caveats).
    A unit with a member missing (Zubin Potok, municipal assembly 2025) is
    ``<NA>`` unless ``partial=True``.
    """
    from kosovo_hr.geo.pre2008 import pre2008_code_map, to_pre2008

    cmap = pre2008_code_map()
    d = df.copy()
    old = d["municipal_map"] == "pre2008_30"
    d.loc[old, "code"] = d.loc[old, "code"].map(cmap)
    return _shares(_by_seats(d, lambda g, counts: to_pre2008(g, counts=counts, by=_KEY, partial=partial)))


def on_current_map(df: pd.DataFrame, column: str) -> pd.DataFrame:
    """One row per current municipality per election: old units' values spread over their successors.

    Rows of 2001–2007 (``pre2008_30`` map: codes read as their pre-2008
    unit, :func:`kosovo_hr.gazetteer.membership` at ``level="pre2008"``) and
    of 2010 (``mitrovice_pre2013``) are given to every current municipality
    of the old unit by :func:`kosovo_hr.gazetteer.spread_to_current` (the
    value is that of the whole unit). Municipalities without a row are
    ``NaN``. Columns ``election``, ``code``, ``column``.
    """
    from kosovo_hr.gazetteer import membership, municipalities, spread_to_current

    current = list(municipalities()["code"])
    unit_of = membership("pre2008")
    out = []
    for (eid, mp), g in df.groupby(["election", "municipal_map"], sort=False):
        g = g[["code", column]]
        if mp == "pre2008_30":
            g = g.assign(code=g["code"].map(unit_of))
        spread = spread_to_current(g).set_index("code")[column]
        vals = spread.reindex(current)
        out.append(pd.DataFrame({"election": eid, "code": current, column: vals.to_numpy()}))
    res = pd.concat(out, ignore_index=True)
    res[column] = pd.to_numeric(res[column].astype(object), errors="coerce").astype("float64")
    return res


def region_shares(type: str = "parliamentary") -> pd.DataFrame:  # noqa: A002
    """:func:`participation` of every election of ``type`` summed to the OSCE regions and Kosovo.

    Rows of :func:`aggregate_participation` at ``level="osce_region"`` then
    ``level="kosovo"`` (counts, shares, ``complete``, ``missing_members``).
    """
    p = participation(type=type)
    return pd.concat(
        [aggregate_participation(p, "osce_region"), aggregate_participation(p, "kosovo")], ignore_index=True
    )


# --- tables exported by `kosovo-hr export` ---------------------------------------------------


@table(
    "participation_parliamentary",
    description="Parliamentary elections 2001-2025 by municipality "
    "(as it existed: `municipal_map`): non-majority community parties' votes, vote share and the "
    "share of votes that could not be classified (kosovo_hr.participation()).",
    sources=["zgjedhjet_info", PARTY_TABLE],
    municipal=True,
)
def participation_parliamentary_table() -> pd.DataFrame:
    return participation(type="parliamentary")


@table(
    "participation_local_assembly",
    description="Municipal assembly elections 2017 and 2025 by "
    "municipality: community parties' votes and seats (kosovo_hr.participation(type='local_assembly')).",
    sources=["zgjedhjet_info", PARTY_TABLE],
    municipal=True,
)
def participation_local_table() -> pd.DataFrame:
    return participation(type="local_assembly")
