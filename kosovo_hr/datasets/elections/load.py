"""Election results by municipality, 2001–2025, as tidy frames.

Source: ``zgjedhjet_info`` (a transcription of the Central Election
Commission's official results; see ``kosovo_hr.get_source("zgjedhjet_info")``
for the licence and caveats).  The files are Dart source; only their literal
values are read, by the strict parser in :mod:`.dart`.

Elections (ids as used everywhere in the package; :func:`list_elections`):

* ``parliamentary_2001`` … ``parliamentary_2021``, ``parliamentary_2025_02``
  (9 February 2025) and ``parliamentary_2025_12`` (28 December 2025): votes per
  subject per municipality; votes cast per municipality; electorate and
  turnout only for 2001, 2004 and 2007;
* ``local_assembly_2017`` and ``local_assembly_2025``: municipal assembly
  votes and seats per subject (2025: electorate, ballots and assembly size too;
  the 2025 file lists only subjects that won seats and has no Zubin Potok);
* ``mayor_2017_r1``/``_r2``, ``mayor_2021_r1``/``_r2``, ``mayor_2025_r1``/``_r2``:
  votes per mayoral candidate, first round and run-off.

Municipalities as they existed
------------------------------
Each row keeps the municipality that existed at the election, resolved with
``kosovo_hr.resolve(name, year=<election year>)``: 2001–2007 use the 30
pre-2008 municipalities (their codes are today's codes of the same-named
municipality, but the territory was larger: pre-2008 Prishtinë included
today's Graçanicë, and so on); 2010 uses 37 units, Mitrovica unsplit
(``mitrovice_pre2013``); 2013 on the current 38.  The column ``municipal_map``
says which: ``pre2008_30``, ``2010_37`` or ``current_38``.  Compare across maps
only through unions of today's municipalities (``kosovo_hr.geo.pre2008`` when
available), never by code alone.

Units: ``votes`` are counts of valid votes; ``vote_share`` is the percentage
(0–100) as printed in the source (it is *not* recomputed; see
:mod:`.checks`); ``seats`` are assembly seats (local assembly only).
Missing values are ``<NA>``, never 0.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from ...errors import KosovoHRError, KosovoHRKeyError, KosovoHRValueError
from .dart import PARSER, Call, DartParseError, decode, encode, read_const_fields

SOURCE_ID = "zgjedhjet_info"
_F = "lib/src/features/"


class ElectionDataError(KosovoHRError, ValueError):
    """An election file holds something the loader cannot accept as data."""


@dataclass(frozen=True)
class Election:
    """One election as held in the source files."""

    id: str
    type: str  # parliamentary | local_assembly | mayor
    round: int | None  # mayoral round (1, 2); None otherwise
    year: int
    date: str  # ISO date of polling day
    results_file: str  # path under the source's base_url
    results_field: str  # static const field holding the rows
    turnout_file: str | None = None
    turnout_field: str | None = None

    @property
    def municipal_map(self) -> str:
        return municipal_map(self.year)


def municipal_map(year: int) -> str:
    """Which municipal map an election year uses: pre2008_30, 2010_37 or current_38."""
    if year < 2008:
        return "pre2008_30"
    if year < 2013:
        return "2010_37"
    return "current_38"


def map_units(municipal_map: str) -> set[str]:
    """Gazetteer codes of the units of a municipal map (what ``resolve(name, year)`` gives there).

    ``current_38``: today's 38; ``2010_37``: today's with South and North Mitrovica
    replaced by ``mitrovice_pre2013``; ``pre2008_30``: the main successor of each
    pre-2008 unit (:func:`kosovo_hr.geo.pre2008.pre2008_units`), Mitrovicë as
    ``mitrovice_pre2013``.  Derived from the gazetteer, never listed by hand.
    """
    from kosovo_hr.gazetteer import municipalities, successors

    current = set(municipalities()["code"])
    if municipal_map == "current_38":
        return current
    mitro = "mitrovice_pre2013"
    split = set(successors(mitro))
    if municipal_map == "2010_37":
        return (current - split) | {mitro}
    if municipal_map == "pre2008_30":
        from kosovo_hr.geo.pre2008 import pre2008_units

        return (set(pre2008_units()["main_successor"]) - split) | {mitro}
    raise KosovoHRValueError(f"unknown municipal map {municipal_map!r}; known: pre2008_30, 2010_37, current_38")


def _parl(year: str, folder: str, date: str) -> Election:
    d = f"{_F}{folder}/data/{folder}"
    return Election(
        f"parliamentary_{year}",
        "parliamentary",
        None,
        int(year[:4]),
        date,
        f"{d}_municipality_party_data.dart",
        "results",
        f"{d}_municipality_data.dart",
        "results",
    )


_MAYOR = {
    2017: (f"{_F}historical_mayors/data/historical_mayor_2017_data.dart", "2017-10-22", "2017-11-19"),
    2021: (f"{_F}historical_mayors/data/historical_mayor_2021_data.dart", "2021-10-17", "2021-11-14"),
    2025: (f"{_F}local_2025/data/local_2025_mayor_data.dart", "2025-10-12", "2025-11-09"),
}

#: Every election in the source, in date order (polling dates: see ``DATE_NOTE``).
ELECTIONS: tuple[Election, ...] = tuple(
    sorted(
        [
            _parl("2001", "parliamentary_2001", "2001-11-17"),
            _parl("2004", "parliamentary_2004", "2004-10-23"),
            _parl("2007", "parliamentary_2007", "2007-11-17"),
            _parl("2010", "parliamentary_2010", "2010-12-12"),
            _parl("2014", "parliamentary_2014", "2014-06-08"),
            _parl("2017", "parliamentary_2017", "2017-06-11"),
            _parl("2019", "parliamentary_2019", "2019-10-06"),
            _parl("2021", "parliamentary_2021", "2021-02-14"),
            Election(
                "parliamentary_2025_02",
                "parliamentary",
                None,
                2025,
                "2025-02-09",
                f"{_F}parliamentary_2025/data/parliamentary_2025_municipality_party_data.dart",
                "results",
                f"{_F}parliamentary_2025/data/parliamentary_2025_municipality_data.dart",
                "results",
            ),
            Election(
                "parliamentary_2025_12",
                "parliamentary",
                None,
                2025,
                "2025-12-28",
                f"{_F}parliamentary_2025_december/data/parliamentary_2025_december_municipality_party_data.dart",
                "results",
                f"{_F}parliamentary_2025_december/data/parliamentary_2025_december_municipality_data.dart",
                "results",
            ),
            Election(
                "local_assembly_2017",
                "local_assembly",
                None,
                2017,
                "2017-10-22",
                f"{_F}local_2017/data/local_2017_assembly_subject_data.dart",
                "results",
            ),
            Election(
                "local_assembly_2025",
                "local_assembly",
                None,
                2025,
                "2025-10-12",
                f"{_F}local_2025/data/local_2025_assembly_party_data.dart",
                "results",
                f"{_F}local_2025/data/local_2025_assembly_data.dart",
                "statistics",
            ),
            *[
                Election(f"mayor_{y}_r{r}", "mayor", r, y, (d1, d2)[r - 1], path, "municipalities")
                for y, (path, d1, d2) in _MAYOR.items()
                for r in (1, 2)
            ],
        ],
        key=lambda e: (e.date, e.id),
    )
)

DATE_NOTE = (
    "Polling dates are not in the source files, which give only the year (and 'december' "
    "for Dec 2025); each was read in the page of DATE_SOURCES. Run-off dates apply to the "
    "municipalities that held a run-off."
)

#: Where each polling date was read: the election commission (KQZ/CEC), observer missions (Council of
#: Europe, EU EOM/EEAS, OSCE), news reports, or the English Wikipedia article when nothing better was
#: found.  Never a copy site (wikimili, abcdef.wiki, wiki.x.io, docslib, ...): tests check this.
DATE_SOURCES: dict[str, str] = {
    "parliamentary_2001": "https://wcd.coe.int/ViewDoc.jsp?p=&id=886359&direct=true (Council of Europe "
    "Congress, CG/Bur (8) 98: report on the election observation mission to Kosovo, "
    "17 November 2001)",
    "parliamentary_2004": "https://rm.coe.int/168071a49c (Council of Europe Congress, report on the "
    "Kosovo Assembly elections of 23 October 2004)",
    "parliamentary_2007": "https://www.osce.org/kosovo/100512 (OSCE Mission in Kosovo, elections page: "
    "vote count during Kosovo's elections, 17 November 2007)",
    "parliamentary_2010": "https://en.wikipedia.org/wiki/2010_Kosovan_parliamentary_election",
    "parliamentary_2014": "https://eeas.europa.eu/delegations/haiti/23915/eu-election-observation-mission-"
    "kosovo-2014_ar (EEAS: EU EOM to the legislative elections of 8 June 2014)",
    "parliamentary_2017": "https://www.rferl.org/a/kosovo-general-election-june-11/28480621.html",
    "parliamentary_2019": "https://www.eeas.europa.eu/eom-kosovo-2019/eu-observers-present-their-final-"
    "report-including-23-recommendations-improve-future-elections-kosovo_en (EU EOM "
    "final report on the 6 October 2019 early legislative elections)",
    "parliamentary_2021": "https://www.europeansources.info/record/kosovan-parliamentary-election-14-february-2021/",
    "parliamentary_2025_02": "https://prishtinainsight.com/eu-observers-hail-peaceful-and-vibrant-kosovo-"
    "elections-criticise-harsh-rhetoric (EU EOM preliminary statement of "
    "11 February 2025 on the 9 February parliamentary elections)",
    "parliamentary_2025_12": "https://europeanwesternbalkans.com/2025/11/20/osmani-calls-snap-parliamentary-"
    "election-for-28-december/",
    "local_assembly_2017": "https://en.wikipedia.org/wiki/2017_Kosovan_local_elections",
    "mayor_2017_r1": "https://en.wikipedia.org/wiki/2017_Kosovan_local_elections",
    "mayor_2017_r2": "https://en.wikipedia.org/wiki/2017_Kosovan_local_elections",
    "mayor_2021_r1": "https://kqz-ks.org/an/municipal-mayor-elections/municipal-mayor-elections-2021 "
    "(CEC: date of elections 17 October 2021)",
    "mayor_2021_r2": "https://eeas.europa.eu/headquarters/headquarters-homepage/107419/election-day-and-"
    "runoff-election-day-kosovo-municipal-elections-2021_my (EEAS, EU EOM Kosovo 2021: "
    "run-off election day 14 November)",
    "local_assembly_2025": "https://www.ajc.com/news/2025/10/most-key-municipalities-in-kosovo-are-headed-"
    "to-runoffs-local-election-results-show",
    "mayor_2025_r1": "https://www.ajc.com/news/2025/10/most-key-municipalities-in-kosovo-are-headed-"
    "to-runoffs-local-election-results-show",
    "mayor_2025_r2": "https://prishtinainsight.com/kosovo-elects-mayors-in-18-runoffs",
}

ELECTION_TYPES = ("parliamentary", "local_assembly", "mayor")

RESULT_COLUMNS = [
    "election",
    "type",
    "round",
    "year",
    "date",
    "municipal_map",
    "municipality_name",
    "code",
    "subject_code",
    "subject_name",
    "short_name",
    "candidate",
    "votes",
    "vote_share",
    "seats",
    "rank",
    "source_file",
    "source_line",
]

TURNOUT_COLUMNS = [
    "election",
    "type",
    "year",
    "date",
    "municipal_map",
    "municipality_name",
    "code",
    "electorate",
    "votes_cast",
    "turnout",
    "valid_ballots",
    "invalid_ballots",
    "assembly_seats",
    "source_file",
    "source_line",
]


def get_election(election_id: str) -> Election:
    """The :class:`Election` with this id; the error lists the known ids."""
    for e in ELECTIONS:
        if e.id == election_id:
            return e
    raise KosovoHRKeyError(f"unknown election {election_id!r}; known: {', '.join(e.id for e in ELECTIONS)}")


def list_elections() -> pd.DataFrame:
    """One row per election: id, type, round, year, date (with ``date_source``), municipal map, files."""
    return pd.DataFrame(
        [
            {
                "election": e.id,
                "type": e.type,
                "round": e.round,
                "year": e.year,
                "date": e.date,
                "municipal_map": e.municipal_map,
                "results_file": e.results_file,
                "turnout_file": e.turnout_file,
                "date_source": DATE_SOURCES[e.id],
            }
            for e in ELECTIONS
        ]
    ).astype({"round": "Int64"})


# -- reading files --------------------------------------------------------


def _path(file: str) -> Path:
    from kosovo_hr.sources import fetch

    return fetch(SOURCE_ID, file, progress=False)


@lru_cache(maxsize=None)
def _fields(file: str) -> dict[str, Any]:
    """The ``static const`` fields of a results file, parsed once per file version (cached by sha256)."""
    from kosovo_hr.sources import get_source
    from kosovo_hr.sources.parsed import cached_parse

    path = _path(file)  # fetched and verified against the declared sha256
    sha = get_source(SOURCE_ID).sha256(file)
    return cached_parse(
        sha,
        PARSER,
        lambda: read_const_fields(path, origin=file),
        encode=lambda f: {k: encode(v) for k, v in f.items()},
        decode=lambda d: {k: decode(v) for k, v in d.items()},
    )


def _field(file: str, name: str, fields: dict[str, Any] | None = None) -> list:
    fields = _fields(file) if fields is None else fields
    if name not in fields:
        raise ElectionDataError(f"{file}: no `static const` field {name!r} (found: {', '.join(fields) or 'none'})")
    value = fields[name]
    if not isinstance(value, list) or not value:
        raise ElectionDataError(f"{file}: field {name!r} is not a non-empty list")
    return value


def _need(call: Any, file: str, types: tuple[str, ...], required: Mapping[str, Any]) -> dict:
    """Check one record: its constructor and the type of each required field."""
    if not isinstance(call, Call) or call.type not in types:
        what = call.type if isinstance(call, Call) else type(call).__name__
        raise ElectionDataError(
            f"{file}, line {getattr(call, 'line', '?')}: expected {' or '.join(types)}(...), found {what}"
        )
    for k, t in required.items():
        if k not in call.fields:
            raise ElectionDataError(f"{file}, line {call.line}: {call.type} lacks {k!r}")
        v = call.fields[k]
        if not isinstance(v, t) or (isinstance(v, bool) and t is not bool):  # bool is an int subclass
            raise ElectionDataError(
                f"{file}, line {call.line}: {call.type}.{k} = {v!r} is not {getattr(t, '__name__', t)}"
            )
        if isinstance(v, (int, float)) and not isinstance(v, bool) and v < 0:
            raise ElectionDataError(f"{file}, line {call.line}: {call.type}.{k} = {v!r} is negative")
    return call.fields


def _resolve(names: list[str], year: int, file: str) -> dict[str, str]:
    from kosovo_hr.gazetteer import UnknownMunicipalityError, resolve

    out, bad = {}, []
    for n in dict.fromkeys(names):
        try:
            out[n] = resolve(n, year=year)
        except UnknownMunicipalityError:
            bad.append(n)
    if bad:
        from kosovo_hr.gazetteer import resolve_many

        try:
            resolve_many(bad, year=year)
        except UnknownMunicipalityError as exc:
            raise UnknownMunicipalityError({f"{n} (in {file})": v for n, v in exc.unmatched.items()}) from None
    return out


_PARTY_REQ = {
    "municipalityName": str,
    "subjectCode": str,
    "subjectName": str,
    "shortName": str,
    "votes": int,
    "percentage": (int, float),
    "rank": int,
}
_L17_REQ = {"name": str, "shortName": str, "votes": int, "percentage": (int, float), "seats": int}
_L25_REQ = {
    "municipalityName": str,
    "subjectCode": int,
    "subjectName": str,
    "seats": int,
    "votes": int,
    "percentage": (int, float),
}
_CAND_REQ = {
    "municipalityCode": str,
    "municipalityName": str,
    "fullName": str,
    "subjectName": str,
    "votes": int,
    "percentage": (int, float),
    "round": int,
}
_MAYOR_MUNI_REQ = {"code": str, "name": str, "firstRound": list, "secondRound": list}


def _result_rows(e: Election, fields: dict[str, Any] | None = None) -> list[dict]:
    file = e.results_file
    rows: list[dict] = []
    if e.type == "parliamentary":
        for c in _field(file, e.results_field, fields):
            f = _need(c, file, ("MunicipalityPartyResult",), _PARTY_REQ)
            rows.append(
                dict(
                    municipality_name=f["municipalityName"],
                    subject_code=f["subjectCode"],
                    subject_name=f["subjectName"],
                    short_name=f["shortName"],
                    candidate=None,
                    votes=f["votes"],
                    vote_share=float(f["percentage"]),
                    seats=None,
                    rank=f["rank"],
                    source_line=c.line,
                )
            )
    elif e.id == "local_assembly_2017":
        for c in _field(file, e.results_field, fields):
            f = _need(c, file, ("PartyResult",), _L17_REQ)
            if f["name"].count(" · ") != 1:
                raise ElectionDataError(
                    f"{file}, line {c.line}: name {f['name']!r} is not '<municipality> · <subject>'"
                )
            muni, subject = f["name"].split(" · ")
            rows.append(
                dict(
                    municipality_name=muni.strip(),
                    subject_code=None,
                    subject_name=subject.strip(),
                    short_name=f["shortName"],
                    candidate=None,
                    votes=f["votes"],
                    vote_share=float(f["percentage"]),
                    seats=f["seats"],
                    rank=None,
                    source_line=c.line,
                )
            )
    elif e.id == "local_assembly_2025":
        for c in _field(file, e.results_field, fields):
            f = _need(c, file, ("Local2025AssemblyPartyResult",), _L25_REQ)
            rows.append(
                dict(
                    municipality_name=f["municipalityName"],
                    subject_code=str(f["subjectCode"]),
                    subject_name=f["subjectName"],
                    short_name=None,
                    candidate=None,
                    votes=f["votes"],
                    vote_share=float(f["percentage"]),
                    seats=f["seats"],
                    rank=None,
                    source_line=c.line,
                )
            )
    elif e.type == "mayor":
        key = "firstRound" if e.round == 1 else "secondRound"
        for m in _field(file, e.results_field, fields):
            mf = _need(m, file, ("HistoricalMayorMunicipality", "Local2025MayorMunicipality"), _MAYOR_MUNI_REQ)
            for c in mf[key]:
                f = _need(c, file, ("HistoricalMayorCandidate", "Local2025MayorCandidate"), _CAND_REQ)
                if f["round"] != e.round or f["municipalityName"] != mf["name"]:
                    raise ElectionDataError(
                        f"{file}, line {c.line}: candidate of round {f['round']} in "
                        f"{f['municipalityName']!r} listed under {key} of {mf['name']!r}"
                    )
                rows.append(
                    dict(
                        municipality_name=f["municipalityName"],
                        subject_code=None,
                        subject_name=f["subjectName"],
                        short_name=None,
                        candidate=f["fullName"],
                        votes=f["votes"],
                        vote_share=float(f["percentage"]),
                        seats=None,
                        rank=None,
                        source_line=c.line,
                    )
                )
    else:  # pragma: no cover - registry and branches kept in step
        raise ElectionDataError(f"no reader for election {e.id}")
    return rows


def _frame(e: Election, rows: list[dict], columns: list[str], file: str) -> pd.DataFrame:
    df = pd.DataFrame(rows)
    codes = _resolve(list(df["municipality_name"]), e.year, file)
    df["code"] = df["municipality_name"].map(codes)
    for k, v in dict(
        election=e.id,
        type=e.type,
        round=e.round,
        year=e.year,
        date=e.date,
        municipal_map=e.municipal_map,
        source_file=file,
    ).items():
        df[k] = v
    for c in columns:
        if c not in df:
            df[c] = None
    return df[columns]


_INT = [
    "round",
    "year",
    "votes",
    "seats",
    "rank",
    "source_line",
    "electorate",
    "votes_cast",
    "valid_ballots",
    "invalid_ballots",
    "assembly_seats",
]


def _types(df: pd.DataFrame) -> pd.DataFrame:
    for c in df.columns:
        if c in _INT:
            df[c] = pd.array(df[c].astype(object).where(df[c].notna(), None), dtype="Int64")
        elif c in ("vote_share", "turnout"):
            df[c] = pd.to_numeric(df[c].astype(object), errors="raise").astype("Float64")
        else:
            df[c] = df[c].astype("string")
    return df


def _select(election: str | Sequence[str] | None, kind: str | None) -> list[Election]:
    if kind is not None and kind not in ELECTION_TYPES:
        raise KosovoHRValueError(f"type must be one of {', '.join(ELECTION_TYPES)}; got {kind!r}")
    if election is None:
        chosen = list(ELECTIONS)
    else:
        ids = [election] if isinstance(election, str) else list(election)
        chosen = [get_election(i) for i in ids]
    return [e for e in chosen if kind is None or e.type == kind]


def election_results(e: Election, fields: dict[str, Any] | None = None) -> pd.DataFrame:
    """The tidy results of one election (``fields``: parsed file, for tests)."""
    return _types(_frame(e, _result_rows(e, fields), RESULT_COLUMNS, e.results_file))


@lru_cache(maxsize=None)
def _results_cached(eid: str) -> pd.DataFrame:
    return election_results(get_election(eid))


def load_elections(
    election: str | Sequence[str] | None = None,
    type: str | None = None,
    *,  # noqa: A002
    kind: str | None = None,
) -> pd.DataFrame:
    """Votes per subject (or mayoral candidate) per municipality, one row each.

    Parameters
    ----------
    election : an election id or a list of ids (see :func:`list_elections`); all when None.
    type : ``"parliamentary"``, ``"local_assembly"`` or ``"mayor"`` to keep one type of
        election (the ``type`` column); ``kind=`` is its old name.

    Returns
    -------
    DataFrame with columns ``election, type, round, year, date, municipal_map,
    municipality_name`` (as spelt in the source), ``code`` (gazetteer code of
    the unit as it existed), ``subject_code, subject_name, short_name,
    candidate`` (mayors), ``votes`` (valid votes), ``vote_share`` (percent as
    printed), ``seats`` (local assembly), ``rank`` (parliamentary, as printed),
    ``source_file, source_line`` (where each row was read).

    Raises
    ------
    DartParseError : a file holds a construct other than a data literal
        (message names the file, line and column); nothing is returned.
    ElectionDataError : a record lacks a field or has a wrong type.
    UnknownMunicipalityError : a municipality name is not in the gazetteer.
    """
    kind = kind if kind is not None else type
    frames = [_results_cached(e.id) for e in _select(election, kind)]
    if not frames:
        raise KosovoHRValueError(f"no election matches election={election!r}, type={kind!r}")
    return pd.concat(frames, ignore_index=True)


def _turnout_rows(e: Election, fields: dict[str, Any] | None = None) -> list[dict]:
    file, field_name = e.turnout_file, e.turnout_field
    if file is None or field_name is None:
        return []
    rows = []
    if e.type == "parliamentary":
        req = {
            "name": str,
            "voters": int,
            "votesCast": int,
            "turnoutPercentage": (int, float),
            "hasVoterStatistics": bool,
        }
        for c in _field(file, field_name, fields):
            f = _need(c, file, ("MunicipalityResult",), req)
            has = f["hasVoterStatistics"]
            if not has and (f["voters"] != 0 or f["turnoutPercentage"] != 0):
                raise ElectionDataError(f"{file}, line {c.line}: voters given although hasVoterStatistics is false")
            rows.append(
                dict(
                    municipality_name=f["name"],
                    electorate=f["voters"] if has else None,
                    votes_cast=f["votesCast"],
                    turnout=float(f["turnoutPercentage"]) if has else None,
                    source_line=c.line,
                )
            )
    elif e.id == "local_assembly_2025":
        req = {
            "municipalityName": str,
            "electorate": int,
            "votersTotal": int,
            "turnout": (int, float),
            "validBallots": int,
            "invalidAndBlankBallots": int,
            "assemblySeats": int,
        }
        for c in _field(file, field_name, fields):
            f = _need(c, file, ("Local2025MunicipalityStatistics",), req)
            rows.append(
                dict(
                    municipality_name=f["municipalityName"],
                    electorate=f["electorate"],
                    votes_cast=f["votersTotal"],
                    turnout=float(f["turnout"]),
                    valid_ballots=f["validBallots"],
                    invalid_ballots=f["invalidAndBlankBallots"],
                    assembly_seats=f["assemblySeats"],
                    source_line=c.line,
                )
            )
    return rows


def election_turnout(e: Election, fields: dict[str, Any] | None = None) -> pd.DataFrame:
    """Per-municipality electorate / votes cast / turnout of one election (may be empty)."""
    if e.turnout_file is None:
        return pd.DataFrame(columns=TURNOUT_COLUMNS)
    return _types(_frame(e, _turnout_rows(e, fields), TURNOUT_COLUMNS, e.turnout_file))


@lru_cache(maxsize=None)
def _turnout_cached(eid: str) -> pd.DataFrame:
    return election_turnout(get_election(eid))


def load_turnout(
    election: str | Sequence[str] | None = None,
    type: str | None = None,
    *,  # noqa: A002
    kind: str | None = None,
) -> pd.DataFrame:
    """Electorate, votes cast and turnout per municipality, where the source gives them.

    Columns: ``election, type, year, date, municipal_map, municipality_name,
    code, electorate`` (registered voters), ``votes_cast`` (parliamentary: the
    source's "votesCast"; local 2025: voters who voted), ``turnout`` (percent,
    as printed), ``valid_ballots, invalid_ballots, assembly_seats`` (local
    assembly 2025 only), ``source_file, source_line``.

    Electorate and turnout exist only for parliamentary 2001–2007 and the 2025
    municipal assembly election; elsewhere they are ``<NA>``.  Elections with
    no per-municipality totals in the source (local assembly 2017, mayors)
    have no rows.
    """
    kind = kind if kind is not None else type  # kind= is the old name of type=
    frames = [_turnout_cached(e.id) for e in _select(election, kind) if e.turnout_file]
    if not frames:
        return _types(pd.DataFrame(columns=TURNOUT_COLUMNS))
    return pd.concat(frames, ignore_index=True)


__all__ = [
    "ELECTIONS",
    "Election",
    "ElectionDataError",
    "DartParseError",
    "get_election",
    "list_elections",
    "load_elections",
    "load_turnout",
    "municipal_map",
    "map_units",
    "election_results",
    "election_turnout",
]
