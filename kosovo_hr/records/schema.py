"""One documented record schema per domain for users' own record files.

A record file is a CSV, an Excel workbook (.xlsx), a Parquet file or a
pandas DataFrame with one row per record (how each is read:
:mod:`kosovo_hr.records.read`; how cells are read: :mod:`kosovo_hr.records.parse`).
Headers are matched case- and diacritic-insensitively, with spaces and
hyphens read as underscores ("Bias motivation" = ``bias_motivation``), and
through a curated table of Albanian and Serbian headers (``Komuna``,
``Opština``, ``Datum``...; :mod:`kosovo_hr.records.headers`).
Columns not in the schema are kept as extra columns.

Columns every domain shares
---------------------------
``date``          required. ``YYYY-MM-DD``, ``dd.mm.yyyy``, ``YYYY-MM``,
                  ``mm.yyyy`` or ``YYYY`` (an Excel date cell is fine; slashed
                  dates need ``dayfirst=``). Records known only to the month or
                  year keep that precision (``date_precision``).
``municipality``  the municipality as written in the record, in any language
                  or spelling the gazetteer knows (``kosovo_hr.resolve``).
                  Required unless ``latitude`` and ``longitude`` are given.
``settlement``    optional: village or town, kept as written.
``latitude``, ``longitude``  optional, decimal degrees (WGS84). Both or
                  neither. Points are placed in a municipality by
                  point-in-polygon; points outside Kosovo are rejected.
``source``        required: who recorded the event (organisation, police
                  request reference, case file...).
``record_id``     optional: the user's own identifier.

Category values are matched case-insensitively, with spaces and hyphens read
as underscores ("Violent attack" = ``violent_attack``).  ``unknown`` is
always allowed in a category column so that missing knowledge is said, not
guessed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..errors import KosovoHRKeyError, KosovoHRValueError

if TYPE_CHECKING:
    import pandas as pd

DOMAINS = ("trafficking", "hate_incident", "displacement", "conflict")

#: Communities as in the census and Kosovo's Law on Communities.
COMMUNITIES = (
    "albanian",
    "serb",
    "bosniak",
    "turkish",
    "gorani",
    "roma",
    "ashkali",
    "egyptian",
    "montenegrin",
    "croat",
    "other",
    "unknown",
)


@dataclass(frozen=True)
class Column:
    """One column of a record schema.

    ``kind``: ``date``, ``text``, ``category`` (one of ``categories``),
    ``int`` (whole number >= ``minimum``), ``float`` (with ``minimum``/
    ``maximum``).
    """

    name: str
    kind: str
    required: bool
    description: str
    categories: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    default: str | float | None = None


@dataclass(frozen=True)
class RecordSchema:
    """The columns of one domain and what one record means."""

    domain: str
    record: str
    columns: tuple[Column, ...]
    #: column holding the number of persons a record stands for (None: each record counts 1)
    weight: str | None = None
    notes: tuple[str, ...] = field(default=())
    #: codes outside the gazetteer that ``extra=`` may map a place to (e.g. ``outside_kosovo``)
    special_codes: tuple[str, ...] = ()
    #: code given to a row with neither a municipality nor coordinates (None: the row is rejected)
    blank_place: str | None = None
    #: unit level of ``code``: ``municipality`` (today's, or ``mitrovice_pre2013``), or ``pre2008``
    #: (resolved names mapped to the 30 pre-2008 municipalities, ``<code>_pre2008``)
    level: str = "municipality"

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.required)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KosovoHRKeyError(name)

    def describe(self) -> pd.DataFrame:
        """The schema as a table (column, type, required, allowed values, description)."""
        import pandas as pd

        return pd.DataFrame(
            [
                {
                    "column": c.name,
                    "type": c.kind,
                    "required": c.required,
                    "allowed": ", ".join(c.categories),
                    "description": c.description,
                }
                for c in self.columns
            ]
        )


_COMMON_HEAD = (
    Column("record_id", "text", False, "Your own identifier of the record."),
    Column("date", "date", True, "Date of the event: YYYY-MM-DD, YYYY-MM or YYYY."),
    Column(
        "municipality",
        "text",
        False,
        "Municipality as written (any spelling the gazetteer knows). Required unless coordinates are given.",
    ),
    Column("settlement", "text", False, "Village or town, as written."),
    Column(
        "latitude",
        "float",
        False,
        "Latitude, decimal degrees WGS84 (optional; with longitude).",
        minimum=-90,
        maximum=90,
    ),
    Column(
        "longitude",
        "float",
        False,
        "Longitude, decimal degrees WGS84 (optional; with latitude).",
        minimum=-180,
        maximum=180,
    ),
)
_COMMON_TAIL = (
    Column("source", "text", True, "Who recorded the event (organisation, police data request, case file)."),
    Column("notes", "text", False, "Free text."),
)

HATE_CATEGORIES = (
    "violent_attack",
    "threat",
    "attack_on_property",
    "attack_on_religious_site",
    "desecration_of_graves",
    "hate_speech",
    "other",
    "unknown",
)
BIAS_MOTIVATIONS = (
    "ethnicity_nationality",
    "anti_muslim",
    "anti_christian",
    "anti_semitic",
    "anti_roma",
    "sexual_orientation_gender_identity",
    "gender",
    "disability",
    "religion_other",
    "other",
    "unknown",
)
TRAFFICKING_FORMS = (
    "sex_trafficking",
    "forced_labour",
    "forced_begging",
    "slavery_servitude",
    "forced_marriage",
    "other",
    "unknown",
)
TRAFFICKING_STAGES = ("victim_identified", "investigation", "prosecution", "conviction")
MOVEMENTS = ("return", "displacement", "relocation")
# conflict: person records such as the Kosovo Memory Book (categories of kosovo_hr/data/conflict/)
CONFLICT_VIOLATIONS = ("killed", "disappeared", "war_caused_death", "unknown")
CONFLICT_STATUS = ("civilian", "armed", "unknown")
#: the ``community`` column of kosovo_hr/data/conflict/community_labels.csv, lower case (a test checks it)
CONFLICT_COMMUNITIES = (
    "albanian",
    "serb",
    "roma",
    "ashkali",
    "egyptian",
    "bosniak",
    "gorani",
    "turkish",
    "montenegrin",
    "hungarian",
    "croat",
    "macedonian",
    "bulgarian",
    "yugoslav",
    "slovene",
    "russian",
    "rusyn",
    "ukrainian",
    "romanian",
    "slovak",
    "czech",
    "german",
    "italian",
    "french",
    "english",
    "algerian",
    "chinese",
    "other",
    "unknown",
)
CONFLICT_SPECIAL_CODES = ("outside_kosovo", "kosovo_place_unknown", "place_not_recorded")

SCHEMAS: dict[str, RecordSchema] = {
    "hate_incident": RecordSchema(
        domain="hate_incident",
        record="one incident (an event, whatever the number of victims)",
        columns=_COMMON_HEAD
        + (
            Column(
                "category",
                "category",
                True,
                "Type of incident (ODIHR's types: violent attacks against people, threats, attacks "
                "against property; religious sites and graves separately).",
                HATE_CATEGORIES,
            ),
            Column(
                "bias_motivation", "category", True, "Bias the incident showed (ODIHR's categories).", BIAS_MOTIVATIONS
            ),
            Column("affected_community", "category", False, "Community of the victims or target.", COMMUNITIES),
        )
        + _COMMON_TAIL,
        notes=("A count of incidents is a count of what was reported to the recorder, not of what happened.",),
    ),
    "trafficking": RecordSchema(
        domain="trafficking",
        record="one person (victim) or one case at one stage of the criminal-justice chain",
        columns=_COMMON_HEAD
        + (
            Column(
                "stage",
                "category",
                True,
                "What the record is: a victim identified, or an investigation, prosecution or conviction.",
                TRAFFICKING_STAGES,
            ),
            Column("form", "category", True, "Form of exploitation.", TRAFFICKING_FORMS),
            Column("victim_sex", "category", False, "Sex of the victim.", ("female", "male", "other", "unknown")),
            Column(
                "victim_age_group",
                "category",
                False,
                "Child (under 18) or adult at identification.",
                ("child", "adult", "unknown"),
            ),
            Column(
                "victim_citizenship",
                "category",
                False,
                "Citizen of Kosovo or foreign national.",
                ("kosovo", "foreign", "unknown"),
            ),
            Column(
                "n_persons", "int", False, "Number of persons the record stands for (default 1).", minimum=1, default=1
            ),
        )
        + _COMMON_TAIL,
        weight="n_persons",
        notes=(
            "The municipality is where the victim was identified or the case was opened; say which in "
            "`notes` if your records mix the two.",
        ),
    ),
    "displacement": RecordSchema(
        domain="displacement",
        record="one movement (a return, a new displacement or a relocation) of one household or group",
        columns=_COMMON_HEAD
        + (
            Column(
                "movement",
                "category",
                True,
                "Return to Kosovo or to the place of origin, new displacement, or relocation elsewhere.",
                MOVEMENTS,
            ),
            Column("n_persons", "int", True, "Number of persons who moved.", minimum=1),
            Column("community", "category", False, "Community of the persons.", COMMUNITIES),
            Column("origin", "text", False, "Where they came from (place or country), as written; not resolved."),
        )
        + _COMMON_TAIL,
        weight="n_persons",
        notes=("The municipality is where the persons arrived (returns, relocations) or left from (displacement).",),
    ),
    "conflict": RecordSchema(
        domain="conflict",
        record="one person killed, disappeared or dead from war-related causes (e.g. a Kosovo Memory Book record)",
        columns=_COMMON_HEAD
        + (
            Column("violation", "category", True, "What happened to the person.", CONFLICT_VIOLATIONS),
            Column("status", "category", True, "Civilian, or member of an armed formation.", CONFLICT_STATUS),
            Column("community", "category", False, "Community (ethnicity) of the person.", CONFLICT_COMMUNITIES),
            Column("sex", "category", False, "Sex of the person.", ("female", "male", "unknown")),
            Column("age", "int", False, "Age at the incident, whole years.", minimum=0, maximum=120),
        )
        + _COMMON_TAIL,
        special_codes=CONFLICT_SPECIAL_CODES,
        blank_place="place_not_recorded",
        level="pre2008",
        notes=(
            "The municipality is the place of the incident, on the 30 pre-2008 municipalities "
            "(Mitrovicë = the undivided municipality): codes are pre-2008 unit codes.",
            "Places outside Kosovo go to `outside_kosovo` and a place known only as 'in Kosovo' to "
            "`kosovo_place_unknown` through `extra=`; a record with no place gets "
            "`place_not_recorded`. None of these is dropped or put in a municipality.",
            "Person records hold personal data: read names and birth data nowhere "
            "(kosovo_hr.datasets.memory_book drops them while parsing).",
        ),
    ),
}


def get_schema(domain: str) -> RecordSchema:
    """The :class:`RecordSchema` of ``domain`` (one of :data:`DOMAINS`)."""
    if domain not in SCHEMAS:
        raise KosovoHRValueError(f"unknown records domain {domain!r}; choose one of {', '.join(DOMAINS)}")
    return SCHEMAS[domain]
