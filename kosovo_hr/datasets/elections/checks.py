"""Data checks on the election results, reported as tables (never fixed silently).

:func:`run_checks` returns one row per finding, with columns ``check,
election, code, municipality_name, subject_name, expected, found,
difference, detail``.  The checks:

``votes_vs_cast``      sum of subject votes in a municipality against the
                       source's votes cast (parliamentary) or valid ballots
                       (local assembly 2025): any difference is listed;
``share_vs_votes``     printed vote share against votes / sum of votes in the
                       municipality × 100; listed when off by more than
                       ``share_tolerance`` percentage points;
``seats_vs_assembly``  seats summed per municipality against the assembly size
                       (local assembly 2025, the only file that gives it);
``turnout_vs_counts``  printed turnout against votes cast / electorate × 100;
``duplicate``          the same subject (or candidate) twice in one
                       municipality and election;
``coverage``           municipalities missing from an election, against the
                       map of its year (30 / 37 / 38 units);
``runoff``             a mayoral run-off listed where the first-round leader
                       had over 50 %, or none where nobody had;
``crosscheck_2019``    every disagreement between the 2019 parliamentary
                       figures and the independent transcription
                       ``elections_2019_gentrexha`` (:func:`crosscheck_2019`):
                       ``found`` = our votes, ``expected`` = theirs, ``detail``
                       = the status (votes differ, share differs, only in one
                       file, duplicate block) and the source lines.

The result is one table: filter it like any frame
(``f[f["check"] == "crosscheck_2019"]``) or with ``run_checks(checks=[...])``;
:func:`summary` counts findings per check and election.
"""

from __future__ import annotations

import pandas as pd

from ...errors import KosovoHRValueError
from .load import ELECTIONS, load_elections, load_turnout, map_units

CHECK_COLUMNS = [
    "check",
    "election",
    "code",
    "municipality_name",
    "subject_name",
    "expected",
    "found",
    "difference",
    "detail",
]

_EXPECTED_UNITS = {"pre2008_30": 30, "2010_37": 37, "current_38": 38}


def _rows(df: pd.DataFrame, check: str, **const) -> pd.DataFrame:
    df = df.copy()
    df["check"] = check
    for k, v in const.items():
        df[k] = v
    for c in CHECK_COLUMNS:
        if c not in df:
            df[c] = pd.NA
    return df[CHECK_COLUMNS]


def check_votes_vs_cast(results: pd.DataFrame, turnout: pd.DataFrame) -> pd.DataFrame:
    """Sum of subject votes per municipality vs votes cast / valid ballots."""
    res = results[results["type"] != "mayor"]
    tot = res.groupby(["election", "code", "municipality_name"], as_index=False)["votes"].sum()
    t = turnout.copy()
    t["expected"] = t["valid_ballots"].fillna(t["votes_cast"]) if "valid_ballots" in t else t["votes_cast"]
    m = t[["election", "code", "expected"]].merge(tot, on=["election", "code"], how="outer")
    m = m[m["expected"].notna() | m["election"].isin(t["election"])]
    m["found"] = m["votes"]
    m["difference"] = m["found"] - m["expected"]
    bad = m[m["difference"].isna() | (m["difference"] != 0)].copy()
    bad["detail"] = bad["election"].map(
        lambda e: (
            "valid ballots (local 2025 file lists only seat-winning subjects)"
            if e == "local_assembly_2025"
            else "votes cast per the municipality file"
        )
    )
    bad.loc[bad["found"].isna(), "detail"] = "municipality has totals but no subject rows"
    bad.loc[bad["expected"].isna(), "detail"] = "municipality has subject rows but no totals"
    return _rows(bad, "votes_vs_cast")


def check_shares(
    results: pd.DataFrame, turnout: pd.DataFrame | None = None, share_tolerance: float = 0.05
) -> pd.DataFrame:
    """Printed vote share vs recomputed share (percentage points).

    The denominator is the municipality's valid ballots where the source gives
    them (local assembly 2025), else the sum of the subjects' votes.
    """
    r = results.copy()
    denom = r.groupby(["election", "code"])["votes"].transform("sum")
    if turnout is not None and "valid_ballots" in turnout and turnout["valid_ballots"].notna().any():
        vb = turnout[turnout["valid_ballots"].notna()].set_index(["election", "code"])["valid_ballots"]
        key = pd.MultiIndex.from_frame(r[["election", "code"]])
        valid = pd.Series(vb.reindex(key).to_numpy(), index=r.index)
        denom = valid.fillna(denom)
    recomputed = (r["votes"].astype("Float64") / denom.astype("Float64")) * 100
    r["expected"] = recomputed.round(4)
    r["found"] = r["vote_share"]
    r["difference"] = (r["found"] - r["expected"]).round(4)
    bad = r[(r["difference"].abs() > share_tolerance) & denom.gt(0)].copy()
    bad["subject_name"] = bad["subject_name"].where(
        bad["candidate"].isna(), bad["candidate"] + " (" + bad["subject_name"] + ")"
    )
    bad["detail"] = bad["type"].map(
        {
            "local_assembly": "recomputed from valid ballots (2025) or the subjects' votes (2017)",
            "mayor": "round totals recomputed from candidates listed",
            "parliamentary": "recomputed from the municipality's subject votes",
        }
    )
    return _rows(bad, "share_vs_votes")


def check_seats(results: pd.DataFrame, turnout: pd.DataFrame) -> pd.DataFrame:
    """Seats per municipality vs assembly size, where the source gives the size."""
    seats = (
        results[results["seats"].notna()]
        .groupby(["election", "code", "municipality_name"], as_index=False)["seats"]
        .sum()
    )
    size = turnout[turnout["assembly_seats"].notna()][["election", "code", "assembly_seats"]]
    m = seats.merge(size, on=["election", "code"], how="left")
    m["found"], m["expected"] = m["seats"], m["assembly_seats"]
    m["difference"] = m["found"] - m["expected"]
    bad = m[m["expected"].notna() & (m["difference"] != 0)].copy()
    bad["detail"] = "seats of the subjects listed vs assembly size"
    no_size = m[m["expected"].isna()].groupby("election", as_index=False).agg(found=("found", "sum"))
    no_size["detail"] = "assembly size not in the source: seat total not checkable"
    return pd.concat([_rows(bad, "seats_vs_assembly"), _rows(no_size, "seats_vs_assembly")], ignore_index=True)


def check_turnout(turnout: pd.DataFrame, tolerance: float = 0.05) -> pd.DataFrame:
    t = turnout[turnout["electorate"].notna() & turnout["turnout"].notna()].copy()
    t["expected"] = (t["votes_cast"].astype("Float64") / t["electorate"].astype("Float64") * 100).round(4)
    t["found"] = t["turnout"]
    t["difference"] = (t["found"] - t["expected"]).round(4)
    bad = t[t["difference"].abs() > tolerance].copy()
    bad["detail"] = "printed turnout vs votes cast / electorate"
    return _rows(bad, "turnout_vs_counts")


def check_duplicates(results: pd.DataFrame) -> pd.DataFrame:
    key = ["election", "code", "subject_name", "candidate"]
    r = results.copy()
    r["candidate"] = r["candidate"].fillna("")
    d = r[r.duplicated(key, keep=False)].copy()
    d = d.groupby(key + ["municipality_name"], as_index=False).agg(
        found=("votes", "size"), detail=("source_line", lambda s: "source lines " + ", ".join(map(str, s)))
    )
    d["expected"] = 1
    return _rows(d, "duplicate")


def check_coverage(results: pd.DataFrame) -> pd.DataFrame:
    """Municipalities of the election's map (:func:`.load.map_units`) with no row, and unit counts."""
    rows = []
    for e in ELECTIONS:
        got = results[results["election"] == e.id]
        if got.empty:
            continue
        n = got["code"].nunique()
        exp = _EXPECTED_UNITS[e.municipal_map]
        missing = ", ".join(sorted(map_units(e.municipal_map) - set(got["code"])))
        if n != exp or missing:
            if e.type == "mayor" and e.round == 2:
                continue  # run-offs are held only where no candidate won outright
            rows.append(
                dict(
                    election=e.id,
                    expected=exp,
                    found=n,
                    difference=n - exp,
                    detail=f"missing: {missing}" if missing else "unit count differs",
                    code=missing or pd.NA,
                )
            )
    return _rows(
        pd.DataFrame(rows, columns=["election", "expected", "found", "difference", "detail", "code"]), "coverage"
    )


def check_runoffs(results: pd.DataFrame) -> pd.DataFrame:
    """Run-offs against first-round majorities (a run-off is due when no one passed 50 %)."""
    rows = []
    for e in ELECTIONS:
        if e.type != "mayor" or e.round != 1:
            continue
        r1 = results[results["election"] == e.id]
        r2_id = e.id[:-1] + "2"
        if r1.empty or not (results["election"] == r2_id).any():
            continue
        lead = r1.sort_values("vote_share").groupby("code").tail(1).set_index("code")
        r2 = set(results.loc[results["election"] == r2_id, "code"])
        for code, row in lead.iterrows():
            has = code in r2
            if has == (row["vote_share"] > 50):
                rows.append(
                    dict(
                        election=r2_id,
                        code=code,
                        municipality_name=row["municipality_name"],
                        subject_name=row["candidate"],
                        found=row["vote_share"],
                        expected=50.0,
                        detail=(
                            "run-off listed although the first-round leader had over 50 %"
                            if has
                            else "no run-off listed although nobody had over 50 %"
                        ),
                    )
                )
    return _rows(
        pd.DataFrame(
            rows, columns=["election", "code", "municipality_name", "subject_name", "found", "expected", "detail"]
        ),
        "runoff",
    )


CHECKS = (
    "votes_vs_cast",
    "share_vs_votes",
    "seats_vs_assembly",
    "turnout_vs_counts",
    "duplicate",
    "coverage",
    "runoff",
    "crosscheck_2019",
)


def check_crosscheck_2019() -> pd.DataFrame:
    """:func:`crosscheck_2019` as check rows (``found`` ours, ``expected`` the other transcription)."""
    x = crosscheck_2019()
    lines = (
        "lines "
        + x["line_zgjedhjet"].astype("string").fillna("-")
        + " / "
        + x["line_gentrexha"].astype("string").fillna("-")
    )
    df = pd.DataFrame(
        {
            "election": "parliamentary_2019",
            "code": x["code"],
            "municipality_name": x["municipality_label"],
            "subject_name": x["subject_name"],
            "expected": x["votes_gentrexha"],
            "found": x["votes_zgjedhjet"],
            "difference": x["difference"],
            "detail": x["status"].astype("string") + " (" + lines + ")",
        }
    )
    return _rows(df, "crosscheck_2019")


def run_checks(
    election: str | list[str] | None = None, share_tolerance: float = 0.05, *, checks: list[str] | None = None
) -> pd.DataFrame:
    """Every finding of every check (see the module docstring), one row each.

    ``election`` limits the elections read; ``checks`` keeps only the named
    checks (:data:`CHECKS`).  The 2019 cross-check runs when
    ``parliamentary_2019`` is among the elections (it reads the second
    transcription through ``fetch``).
    """
    wanted = list(CHECKS) if checks is None else list(checks)
    unknown = sorted(set(wanted) - set(CHECKS))
    if unknown:
        raise KosovoHRValueError(f"unknown check(s) {unknown}; choose from {', '.join(CHECKS)}")
    res = load_elections(election)
    tur = load_turnout(election)
    run = {
        "votes_vs_cast": lambda: check_votes_vs_cast(res, tur),
        "share_vs_votes": lambda: check_shares(res, tur, share_tolerance),
        "seats_vs_assembly": lambda: check_seats(res, tur),
        "turnout_vs_counts": lambda: check_turnout(tur),
        "duplicate": lambda: check_duplicates(res),
        "coverage": lambda: check_coverage(res),
        "runoff": lambda: check_runoffs(res),
        "crosscheck_2019": lambda: (
            check_crosscheck_2019()
            if "parliamentary_2019" in set(res["election"])
            else pd.DataFrame(columns=CHECK_COLUMNS)
        ),
    }
    parts = [run[c]() for c in wanted]
    parts = [p for p in parts if len(p)]
    if not parts:
        return pd.DataFrame(columns=CHECK_COLUMNS).astype({c: "Float64" for c in ("expected", "found", "difference")})
    out = pd.concat(parts, ignore_index=True)
    for c in ("expected", "found", "difference"):
        out[c] = pd.to_numeric(out[c].astype(object), errors="coerce").astype("Float64")
    return out


def summary(checks: pd.DataFrame) -> pd.DataFrame:
    """Number of findings per check and election."""
    return (
        checks.groupby(["check", "election"])
        .size()
        .rename("findings")
        .reset_index()
        .sort_values(["check", "election"], ignore_index=True)
    )


# -- 2019 cross-check -----------------------------------------------------

GENTREXHA_ID = "elections_2019_gentrexha"
GENTREXHA_FILE = "municipalities_2019.csv"


def load_gentrexha_2019() -> pd.DataFrame:
    """The independent 2019 transcription, tidy: label, code, subject_name, votes, vote_share."""
    from kosovo_hr.gazetteer import resolve_many
    from kosovo_hr.sources import fetch

    raw = pd.read_csv(fetch(GENTREXHA_ID, GENTREXHA_FILE, progress=False), dtype=str, keep_default_na=False)
    expected = ["Subjekti Politik", "Numri i votave", "Përqindja e votave të vlefshme", "Komuna"]
    if list(raw.columns) != expected:
        raise KosovoHRValueError(f"{GENTREXHA_FILE}: columns {list(raw.columns)}, expected {expected}")
    df = pd.DataFrame(
        {
            "label": raw["Komuna"],
            "subject_name": raw["Subjekti Politik"].str.strip(),
            "votes": pd.to_numeric(raw["Numri i votave"], errors="raise").astype("Int64"),
            "vote_share": pd.to_numeric(raw["Përqindja e votave të vlefshme"], errors="raise").astype("Float64"),
            "source_line": pd.array(range(2, len(raw) + 2), dtype="Int64"),
        }
    )
    df["code"] = df["label"].map(resolve_many(list(df["label"]), year=2019))
    return df


def crosscheck_2019() -> pd.DataFrame:
    """Every disagreement between the two 2019 transcriptions, one row each.

    Columns: ``code, municipality_label`` (as the CSV spells it),
    ``subject_name, votes_zgjedhjet, votes_gentrexha, difference,
    share_zgjedhjet, share_gentrexha, status`` where status is
    ``votes differ``, ``share differs`` (> 0.01 pp), ``only in zgjedhjet_info``,
    ``only in gentrexha``, or ``duplicate block in gentrexha`` (a second block
    of rows for one municipality under another label; each row of that block
    that disagrees is listed).
    """
    ours = load_elections("parliamentary_2019")[
        ["code", "municipality_name", "subject_name", "votes", "vote_share", "source_line"]
    ]
    theirs = load_gentrexha_2019()
    labels = theirs.groupby("code")["label"].agg(lambda s: list(dict.fromkeys(s)))
    primary = {}
    for code, labs in labels.items():
        # the label spelt like ours is the primary block; any other is a duplicate block
        names = set(ours.loc[ours["code"] == code, "municipality_name"])
        primary[code] = next((lab for lab in labs if lab in names), labs[0])
    theirs["duplicate_block"] = theirs["label"] != theirs["code"].map(primary)
    out = []
    for dup, block in theirs.groupby("duplicate_block"):
        m = ours.merge(
            block,
            on=["code", "subject_name"],
            how="outer" if not dup else "inner",
            suffixes=("_zgjedhjet", "_gentrexha"),
            indicator=True,
        )
        m["status"] = pd.NA
        m.loc[m["_merge"] == "left_only", "status"] = "only in zgjedhjet_info"
        m.loc[m["_merge"] == "right_only", "status"] = "only in gentrexha"
        both = m["_merge"] == "both"
        vd = both & (m["votes_zgjedhjet"] != m["votes_gentrexha"])
        sd = both & ~vd & ((m["vote_share_zgjedhjet"] - m["vote_share_gentrexha"]).abs() > 0.01)
        m.loc[vd, "status"] = "votes differ"
        m.loc[sd, "status"] = "share differs"
        if dup:
            m.loc[m["status"].notna(), "status"] = "duplicate block in gentrexha: " + m["status"]
        out.append(m[m["status"].notna()])
    res = pd.concat(out, ignore_index=True)
    res = res.rename(
        columns={
            "label": "municipality_label",
            "vote_share_zgjedhjet": "share_zgjedhjet",
            "vote_share_gentrexha": "share_gentrexha",
            "source_line_zgjedhjet": "line_zgjedhjet",
            "source_line_gentrexha": "line_gentrexha",
        }
    )
    res["municipality_label"] = res["municipality_label"].fillna(res["municipality_name"])
    res["difference"] = res["votes_zgjedhjet"] - res["votes_gentrexha"]
    cols = [
        "code",
        "municipality_label",
        "subject_name",
        "votes_zgjedhjet",
        "votes_gentrexha",
        "difference",
        "share_zgjedhjet",
        "share_gentrexha",
        "status",
        "line_zgjedhjet",
        "line_gentrexha",
    ]
    return res[cols].sort_values(["code", "status", "subject_name"], ignore_index=True)


def crosscheck_2019_blocks() -> pd.DataFrame:
    """Which of our 2019 municipalities each block of the 2019 CSV resembles most.

    One row per municipality label of the CSV: the code its label resolves to,
    the code whose subject votes are closest (smallest sum of absolute vote
    differences over the subjects both list) and both distances.  A label whose
    best match is another municipality is a mislabelled block: shown, not fixed.
    """
    ours = load_elections("parliamentary_2019")
    theirs = load_gentrexha_2019()
    wide = ours.pivot_table(index="subject_name", columns="code", values="votes", aggfunc="sum")
    rows = []
    for label, block in theirs.groupby("label", sort=False):
        v = block.set_index("subject_name")["votes"]
        common = wide.index.intersection(v.index)
        dist = (wide.loc[common].sub(v.loc[common].astype(float), axis=0)).abs().sum()
        code = block["code"].iloc[0]
        best = dist.idxmin()
        rows.append(
            dict(
                municipality_label=label,
                resolved_code=code,
                best_match=best,
                distance_resolved=float(dist[code]),
                distance_best=float(dist[best]),
                votes_gentrexha=int(v.sum()),
                mislabelled=best != code,
            )
        )
    return pd.DataFrame(rows)
