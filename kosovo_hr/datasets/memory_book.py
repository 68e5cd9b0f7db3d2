"""Kosovo Memory Book person records (HLC), 1998–2000, read without personal data.

Source: Humanitarian Law Center, *Kosovo Memory Book*: the public copy of its
person records in ``kosovatools/data`` at commit ``28c327e`` (declared source
``kosovo_memory_book``: 15 JSON parts ``data/war/deaths-part-NN.json``,
13,548 records, fetched and hash-checked by :func:`kosovo_hr.sources.fetch`).

**Personal data.** Each record names a victim and gives their place and date
of birth. :func:`read_memory_book` removes ``fullName``, ``placeOfBirth`` and
``dateOfBirth`` while the JSON parser builds each record (an
``object_pairs_hook``), so they exist in no dict, frame, cache table, export,
figure or notebook output made by kosovo_hr. Only a whitelist of fields is
kept; a field the reader does not know stops the read (naming the field,
never a value), so a new personal field cannot slip through.

Two steps, in the project's one direction of flow:

* :func:`read_memory_book` parses the parts into a frame in the columns of
  the records engine's ``"conflict"`` schema (:mod:`kosovo_hr.records.schema`):
  ``date`` (as written, ISO ``YYYY-MM-DD``), ``municipality``
  (``placeOfIncident`` as written; empty → missing), ``violation``,
  ``status``, ``community`` (English categories, from the committed label
  tables in ``kosovo_hr/data/conflict/``), ``sex`` (``male``/``female``),
  ``age`` (whole years, missing where the source has none), ``source``.
  The copy has no record identifier, so there is no ``record_id``.
* :func:`kosovo_hr.records.memory_book.load_memory_book` validates, resolves and places them through
  :func:`kosovo_hr.records.load_records` (``"conflict"`` schema, pre-2008
  units): places outside Kosovo (``places_outside_kosovo.csv``) get the code
  ``outside_kosovo``, "Kosovë" ``kosovo_place_unknown``, an empty place
  ``place_not_recorded``.

Caveats: the Memory Book is a documentation project with its own method, not
a survey; every date is written as a full date although a day written
``01`` can stand for an unknown day (see
:func:`kosovo_hr.indicators.conflict_records.day_of_month_profile`); counts
of small groups must be published through
:func:`kosovo_hr.stats.suppression.suppress`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pandas as pd

from ..errors import KosovoHRValueError

__all__ = [
    "FIELDS",
    "KOSOVO_UNKNOWN_NAMES",
    "PERSONAL_FIELDS",
    "SOURCE_ID",
    "SOURCE_TAG",
    "MemoryBookFormatError",
    "hlc_published_totals",
    "memory_book_extra",
    "read_memory_book",
]

SOURCE_ID = "kosovo_memory_book"
#: The ``source`` value of every record (the same tag as the committed counts table).
SOURCE_TAG = "hlc_kmb_kosovatools_28c327e"
#: Fields dropped while parsing: they never leave the JSON parser.
PERSONAL_FIELDS = frozenset({"fullName", "placeOfBirth", "dateOfBirth"})
#: Fields kept, and the schema column each becomes.
FIELDS = {
    "dateOfIncident": "date",
    "placeOfIncident": "municipality",
    "violation": "violation",
    "civilianStatus": "status",
    "ethnicity": "community",
    "gender": "sex",
    "ageAtIncident": "age",
}
#: Source spellings meaning "somewhere in Kosovo, place unknown".
KOSOVO_UNKNOWN_NAMES = ("Kosovë", "Kosova", "Kosovo")
SEX = {"m": "male", "f": "female"}
META_KEYS = frozenset({"meta", "records"})


class MemoryBookFormatError(KosovoHRValueError):
    """The JSON parts do not have the documented layout (unknown field, count mismatch, bad label)."""


def _drop_personal(pairs: list[tuple[str, object]]) -> dict:
    """``object_pairs_hook``: build each JSON object without the personal fields.

    Applied to every object of the file (records, ``meta`` and the top
    level); record objects are recognised by holding any record field.
    """
    keys = {k for k, _ in pairs}
    if keys & (PERSONAL_FIELDS | set(FIELDS)):
        unknown = sorted(keys - PERSONAL_FIELDS - set(FIELDS))
        out = {k: v for k, v in pairs if k in FIELDS}
        if unknown:
            out["__unknown_fields__"] = unknown  # field names only, never their values
        return out
    return dict(pairs)


def _parts(paths: Iterable[str | Path] | None) -> list[Path]:
    if paths is not None:
        return [Path(p) for p in paths]
    from ..sources import fetch, get_source

    src = get_source(SOURCE_ID)
    return [fetch(SOURCE_ID, f, progress=False) for f in sorted(src.files)]


@lru_cache(maxsize=1)
def _labels() -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """ethnicity label → community category; field → {source label: category}."""

    def read(name: str) -> pd.DataFrame:
        with resources.files("kosovo_hr.data").joinpath(f"conflict/{name}").open("rb") as f:
            return pd.read_csv(f, dtype=str, keep_default_na=False, encoding="utf-8")

    comm = read("community_labels.csv")
    cats = read("categories.csv")
    community = {e: c.strip().lower().replace(" ", "_") for e, c in zip(comm["ethnicity"], comm["community"])}
    categories = {f: dict(zip(g["value"], g["category"])) for f, g in cats.groupby("field")}
    return community, categories


def read_memory_book(paths: Iterable[str | Path] | None = None) -> pd.DataFrame:
    """The Memory Book records as a frame in the ``"conflict"`` schema's columns (no personal data).

    Parameters
    ----------
    paths : the JSON parts to read (default: the 15 declared parts of source
        ``kosovo_memory_book``, fetched from the cache or mirror with a
        sha256 check).

    Returns one row per record with ``date`` (str, as written),
    ``municipality`` (str as written, ``<NA>`` when empty), ``violation``
    (``killed``/``disappeared``/``war_caused_death``), ``status``
    (``civilian``/``armed``), ``community`` (e.g. ``albanian``, ``serb``,
    ``roma``, ``montenegrin``; categories of ``community_labels.csv``),
    ``sex`` (``male``/``female``), ``age`` (``Int64``, years; ``<NA>`` where
    the source gives none) and ``source``. Columns are strings (``string``
    dtype) except ``age``.

    Raises :class:`MemoryBookFormatError` for an unknown field (named, its
    values never shown), a part whose record count disagrees with its
    ``meta.count``, parts whose ``meta.total`` disagree or do not add up,
    and labels missing from the committed label tables (all listed).
    """
    community, categories = _labels()
    rows: dict[str, list] = {c: [] for c in FIELDS.values()}
    totals, n, unknown_fields = set(), 0, set()
    for path in _parts(paths):
        with open(path, encoding="utf-8") as f:
            doc = json.load(f, object_pairs_hook=_drop_personal)
        if not isinstance(doc, dict) or set(doc) != META_KEYS or not isinstance(doc["records"], list):
            raise MemoryBookFormatError(
                f"{path}: expected an object with 'meta' and 'records'; "
                f"found keys {sorted(doc) if isinstance(doc, dict) else type(doc)}"
            )
        recs, meta = doc["records"], doc["meta"]
        if meta.get("count") != len(recs):
            raise MemoryBookFormatError(
                f"{path}: meta.count is {meta.get('count')} but the part holds {len(recs)} records"
            )
        totals.add(meta.get("total"))
        for i, r in enumerate(recs):
            unknown_fields.update(r.pop("__unknown_fields__", ()))
            lacking = set(FIELDS) - set(r)
            if lacking:
                raise MemoryBookFormatError(f"{path}: record {i + 1} lacks the field(s) {sorted(lacking)}")
            for field, col in FIELDS.items():
                rows[col].append(r.get(field))
        n += len(recs)
    if unknown_fields:
        raise MemoryBookFormatError(
            f"fields not known to the reader: {sorted(unknown_fields)}; add each to FIELDS (if it holds "
            f"no personal data) or to PERSONAL_FIELDS in kosovo_hr/datasets/memory_book.py"
        )
    if len(totals) != 1 or totals.pop() != n:
        raise MemoryBookFormatError(
            f"the parts hold {n} records but their meta.total values are "
            f"{sorted(t for t in totals if t is not None)}; are all parts there?"
        )

    df = pd.DataFrame(rows)
    problems = []
    for col, table in (
        ("violation", categories["violation"]),
        ("status", categories["status"]),
        ("community", community),
        ("sex", SEX),
    ):
        miss = sorted(set(df[col].dropna()) - set(table)) + (["<missing>"] if df[col].isna().any() else [])
        if miss:
            problems.append(f"{col}: {miss}")
        df[col] = df[col].map(table)
    if problems:
        raise MemoryBookFormatError(
            "labels not in kosovo_hr/data/conflict/categories.csv or "
            "community_labels.csv (or sex not m/f): " + "; ".join(problems)
        )
    place = df["municipality"].astype("string").str.strip()
    df["municipality"] = place.mask(place == "")
    df["date"] = df["date"].astype("string")
    ages = pd.to_numeric(df["age"], errors="coerce")
    bad_age = df["age"].notna() & (ages.isna() | (ages % 1 != 0))
    if bad_age.any():
        raise MemoryBookFormatError(f"{int(bad_age.sum())} ageAtIncident value(s) are not whole numbers")
    df["age"] = ages.astype("Int64")
    for c in ("violation", "status", "community", "sex"):
        df[c] = df[c].astype("string")
    df["source"] = pd.array([SOURCE_TAG] * len(df), dtype="string")
    return df


def memory_book_extra() -> dict[str, str]:
    """The ``extra=`` codes for places that are not Kosovo municipalities.

    Every place of ``kosovo_hr/data/conflict/places_outside_kosovo.csv`` →
    ``outside_kosovo``; "Kosovë" (and "Kosova", "Kosovo") →
    ``kosovo_place_unknown``. A place in neither the gazetteer nor this
    mapping is rejected by the records engine with the closest known
    spellings: add a place outside Kosovo to that table, with its country.
    """
    with resources.files("kosovo_hr.data").joinpath("conflict/places_outside_kosovo.csv").open("rb") as f:
        outside = pd.read_csv(f, dtype=str, keep_default_na=False, encoding="utf-8")
    extra = {p: "outside_kosovo" for p in outside["place_of_incident"]}
    extra.update({p: "kosovo_place_unknown" for p in KOSOVO_UNKNOWN_NAMES})
    return extra


def hlc_published_totals() -> pd.DataFrame:
    """Totals the HLC itself published, transcribed with their primary document (one row each).

    From ``kosovo_hr/data/conflict/hlc_published_totals.csv``: ``figure``
    (``persons_killed_or_disappeared``, ``albanians``, ``serbs``,
    ``roma_bosniaks_montenegrins_and_other_non_albanians``, ``civilians``),
    ``persons`` (int), ``period``, the two-level citation columns
    (``primary`` = ``hlc_kosovo_human_losses``, ``primary_status``,
    ``primary_locator``, ``read_via``; the document itself is in
    :func:`kosovo_hr.citations.load_citations`) and ``note`` (the sentence
    as the page words it). The page (HLC Kosovo, "Human Losses – The Kosovo
    Memory Book", http://hlc-kosovo.org/?p=1235) is undated as read; its
    total (13,535) differs slightly from the 13,548 records of the copy,
    which is later or differently compiled.
    """
    with resources.files("kosovo_hr.data").joinpath("conflict/hlc_published_totals.csv").open("rb") as f:
        t = pd.read_csv(f, dtype=str, keep_default_na=False, encoding="utf-8")
    t["persons"] = t["persons"].astype(int)
    return t
