"""Municipalities, OSCE regions and districts, and name resolution."""

from .normalize import normalize
from .resolve import (
    AmbiguousMunicipalityError,
    UnknownMunicipalityError,
    harmonize,
    resolve,
    resolve_many,
)
from .tables import (
    REGION_EVIDENCE,
    aliases,
    districts,
    historic_units,
    municipalities,
    name_column,
    names,
    regions,
)
from .units import LEVELS, check_level, covers, is_historic, members, membership, parents, spread_to_current, successors

__all__ = [
    "AmbiguousMunicipalityError",
    "UnknownMunicipalityError",
    "REGION_EVIDENCE",
    "aliases",
    "districts",
    "harmonize",
    "historic_units",
    "municipalities",
    "name_column",
    "names",
    "normalize",
    "regions",
    "resolve",
    "resolve_many",
    "LEVELS",
    "check_level",
    "covers",
    "is_historic",
    "members",
    "membership",
    "parents",
    "spread_to_current",
    "successors",
]
