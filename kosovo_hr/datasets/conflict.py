"""Kosovo Memory Book: people killed, disappeared or dead from war causes, 1998–2000.

Source: Humanitarian Law Center (HLC / HLC Kosovo), *Kosovo Memory Book*
("Humanitarian Law Center, Kosovo Memory Book"), counted from the public
copy of its records in ``kosovatools/data`` at commit ``28c327e`` and
committed as aggregate counts only — no names or personal data — in
``kosovo_hr/data/conflict/kosovo_memory_book_counts.csv`` (see ``SOURCES.md``
there). 13,548 records (HLC's own published total, on an undated HLC Kosovo page: 13,535;
see ``hlc_published_totals.csv``).

Caveats, to keep with every use:

* The Memory Book is a **documentation project with its own method**
  (records assembled from witness statements, media, exhumation and
  missing-persons lists), not a survey; counts are revised as documentation
  proceeds.
* Places are recorded on the **30 pre-2008 municipalities** (Mitrovicë = the
  undivided municipality): units are coded ``<code>_pre2008`` and drawn as
  unions of today's municipalities (:mod:`kosovo_hr.geo.pre2008`).
  Malishevë was only re-established in 2000; incidents of 1998–99 there
  follow the source's own attribution.
* Places **outside Kosovo** (Serbia, Montenegro, Albania, North Macedonia),
  "Kosovë" (**place unknown within Kosovo**) and records with **no place**
  are kept as rows of their own (``code`` = ``outside_kosovo``,
  ``kosovo_place_unknown``, ``place_not_recorded``), never dropped.
* Rates per 1,000 residents use the **1991 census**, the last before the war.
  Kosovo Albanians **boycotted the 1991 census**, so its Kosovo figures rest
  partly on official estimates; population moved a great deal between 1991
  and 1998–99. Read the rates as orders of magnitude.
* Counts for small groups are small: publish them with
  :func:`kosovo_hr.stats.suppression.suppress`. Rates and suppressed tables are
  built in :mod:`kosovo_hr.indicators.conflict`.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

import pandas as pd

from ..errors import KosovoHRValueError
from ..gazetteer import UnknownMunicipalityError, resolve_many
from ..geo.pre2008 import pre2008_code_map, pre2008_units

__all__ = [
    "load_conflict_victims",
    "population_1991",
    "UnknownPlaceError",
    "OUTSIDE",
    "UNKNOWN_IN_KOSOVO",
    "NOT_RECORDED",
    "CITATION",
]

OUTSIDE = "outside_kosovo"
UNKNOWN_IN_KOSOVO = "kosovo_place_unknown"
NOT_RECORDED = "place_not_recorded"
#: Source spellings meaning "somewhere in Kosovo, place unknown".
KOSOVO_UNKNOWN_NAMES = {"Kosovë", "Kosova", "Kosovo"}
CITATION = (
    "Humanitarian Law Center, Kosovo Memory Book (counts from kosovatools/data @28c327e); 1991 census via GeoHive/SOK"
)
COUNTS_FILE = "conflict/kosovo_memory_book_counts.csv"
VIOLATIONS = ("killed", "disappeared", "war_caused_death")


class UnknownPlaceError(UnknownMunicipalityError):
    """Places of incident that are neither a Kosovo municipality nor a listed outside place."""

    def __init__(self, unmatched: dict[str, list[str]]):
        super().__init__(unmatched)
        self.args = (
            f"{len(unmatched)} place(s) of incident are neither a pre-2008 Kosovo municipality, "
            "nor listed in kosovo_hr/data/conflict/places_outside_kosovo.csv, nor 'Kosovë'/empty:\n"
            + "\n".join(
                f"  {n!r}" + (f": closest known municipality spellings {close}" if close else "")
                for n, close in unmatched.items()
            )
            + "\nAdd a place outside Kosovo to that table (with its country), or fix the name.",
        )

    def __str__(self) -> str:
        return self.args[0]


def _read_package_csv(name: str) -> pd.DataFrame:
    with resources.files("kosovo_hr.data").joinpath(name).open("rb") as f:
        return pd.read_csv(f, dtype=str, keep_default_na=False, encoding="utf-8")


@lru_cache(maxsize=1)
def _labels() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    return (
        _read_package_csv("conflict/places_outside_kosovo.csv"),
        _read_package_csv("conflict/community_labels.csv"),
        _read_package_csv("conflict/categories.csv"),
    )


def _classify_places(places: pd.Series, years: pd.Series) -> pd.DataFrame:
    """(place, year) -> place_category, code, country. Raises listing every unknown place."""
    outside, _, _ = _labels()
    country = dict(zip(outside["place_of_incident"], outside["country"]))
    units = set(pre2008_units()["code"])
    pairs = pd.DataFrame({"place": places, "year": years}).drop_duplicates()
    rows, unknown = [], {}
    for place, year in zip(pairs["place"], pairs["year"]):
        p = place.strip()
        if p == "":
            rows.append((place, year, "not_recorded", NOT_RECORDED, pd.NA))
        elif p in KOSOVO_UNKNOWN_NAMES:
            rows.append((place, year, "kosovo_place_unknown", UNKNOWN_IN_KOSOVO, "Kosovo"))
        elif p in country:
            rows.append((place, year, "outside_kosovo", OUTSIDE, country[p]))
        else:
            try:  # the same resolution users get: resolve(name, year, level="pre2008")
                code = resolve_many([p], year=int(year), level="pre2008")[p]
            except UnknownMunicipalityError as e:
                unknown.update(e.unmatched)
                continue
            if code not in units:
                unknown[p] = [f"resolves to {code}, which is no pre-2008 unit"]
                continue
            rows.append((place, year, "municipality", code, "Kosovo"))
    if unknown:
        raise UnknownPlaceError(unknown)
    return pd.DataFrame(rows, columns=["place", "year", "place_category", "code", "country"])


def load_conflict_victims(path: str | Path | None = None) -> pd.DataFrame:
    """The Kosovo Memory Book counts as a tidy frame (one row per cell of the source table).

    Parameters
    ----------
    path : a CSV with the source's columns (``place_of_incident, year,
        ethnicity, violation, status, persons``); default the committed table.

    Returns columns: ``place`` (as written; "" when not recorded),
    ``place_category`` (``municipality``, ``outside_kosovo``,
    ``kosovo_place_unknown``, ``not_recorded``), ``code`` (pre-2008 unit code,
    or ``outside_kosovo`` / ``kosovo_place_unknown`` / ``place_not_recorded``),
    ``country``, ``year`` (of the incident), ``community`` (English),
    ``community_group`` (``albanian``, ``serb``, ``roma_ashkali_egyptian``,
    ``other``), ``ethnicity_source`` (the Albanian label), ``violation``
    (``killed``, ``disappeared``, ``war_caused_death``), ``violation_source``,
    ``status`` (``civilian``, ``armed``), ``status_source``, ``persons``
    (int), ``source``. Every record is kept: the ``persons`` total equals the
    source's (13,548).

    Raises :class:`UnknownPlaceError` listing every unknown place, and
    ``ValueError`` for unknown ethnicity, violation or status labels or bad
    counts. See the module docstring for caveats.
    """
    if path is None:
        return _committed_victims().copy()
    return _tidy_victims(pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8"), path)


@lru_cache(maxsize=1)
def _committed_victims() -> pd.DataFrame:
    """The committed table, read and checked once per session."""
    return _tidy_victims(_read_package_csv(COUNTS_FILE), None)


def _tidy_victims(raw: pd.DataFrame, path: str | Path | None) -> pd.DataFrame:
    """Validate the source's columns and labels and build the tidy frame (see load_conflict_victims)."""
    need = ["place_of_incident", "year", "ethnicity", "violation", "status", "persons"]
    lacking = [c for c in need if c not in raw.columns]
    if lacking:
        raise KosovoHRValueError(f"{path or COUNTS_FILE}: columns {lacking} missing; found {list(raw.columns)}")
    persons = pd.to_numeric(raw["persons"], errors="coerce")
    years = pd.to_numeric(raw["year"], errors="coerce")
    bad = raw[persons.isna() | (persons < 0) | (persons % 1 != 0) | years.isna()]
    if len(bad):
        raise KosovoHRValueError(f"rows with a bad year or persons count (line = index + 2):\n{bad.head(10)}")
    raw = raw.assign(persons=persons.astype(int), year=years.astype(int))
    places = _classify_places(raw["place_of_incident"], raw["year"])
    out = raw.merge(
        places, left_on=["place_of_incident", "year"], right_on=["place", "year"], how="left", validate="many_to_one"
    )
    _, comm, cats = _labels()
    unknown: dict[str, list[str]] = {}
    miss = sorted(set(out["ethnicity"]) - set(comm["ethnicity"]))
    if miss:
        unknown["ethnicity"] = miss
    cat = {f: dict(zip(g["value"], g["category"])) for f, g in cats.groupby("field")}
    for field in ("violation", "status"):
        miss = sorted(set(out[field]) - set(cat[field]))
        if miss:
            unknown[field] = miss
    if unknown:
        raise KosovoHRValueError(
            "labels not in kosovo_hr/data/conflict/community_labels.csv or categories.csv: "
            + "; ".join(f"{k}: {v}" for k, v in unknown.items())
        )
    c = comm.set_index("ethnicity")
    out["community"] = out["ethnicity"].map(c["community"])
    out["community_group"] = out["ethnicity"].map(c["community_group"])
    out["violation_source"] = out["violation"]
    out["status_source"] = out["status"]
    out["violation"] = out["violation"].map(cat["violation"])
    out["status"] = out["status"].map(cat["status"])
    if "source" not in out.columns:
        out["source"] = str(path)
    out = out.rename(columns={"ethnicity": "ethnicity_source"})
    cols = [
        "place",
        "place_category",
        "code",
        "country",
        "year",
        "community",
        "community_group",
        "ethnicity_source",
        "violation",
        "violation_source",
        "status",
        "status_source",
        "persons",
        "source",
    ]
    return out[cols].reset_index(drop=True)


def population_1991() -> pd.DataFrame:
    """1991 census population of the 30 pre-2008 units: ``code`` (unit), ``population_1991``, ``source``.

    Read through :func:`kosovo_hr.datasets.population.load_population`
    (``kosovo_hr/data/population/population.csv``, GeoHive citing the
    Statistical Office of Kosovo). The 1991 figures are on pre-2008
    boundaries. Caveat: Kosovo Albanians boycotted the 1991 census; its
    Kosovo figures rest partly on official estimates.
    """
    from .population import load_population

    pop = load_population(kind="census", years=[1991])
    pop = pop[pop["series"].astype(str) == "census_1991"]
    pop = pop[pd.to_numeric(pop["population"], errors="coerce").notna()]
    mapping = pre2008_code_map()
    unknown = sorted(set(pop["code"]) - set(mapping))
    if unknown:
        raise KosovoHRValueError(f"1991 population rows with codes outside the pre-2008 units: {unknown}")
    out = pd.DataFrame(
        {
            "code": pop["code"].map(mapping),
            "population_1991": pd.to_numeric(pop["population"]).astype(int),
            "source": pop["source"].astype(str),
        }
    )
    if out["code"].duplicated().any() or set(out["code"]) != set(pre2008_units()["code"]):
        raise KosovoHRValueError(
            f"1991 population does not cover the 30 pre-2008 units exactly once: {sorted(out['code'])}"
        )
    return out.sort_values("code").reset_index(drop=True)
