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

__all__ = [
    "AmbiguousMunicipalityError", "UnknownMunicipalityError", "REGION_EVIDENCE", "aliases",
    "districts", "harmonize", "historic_units", "municipalities", "name_column", "names",
    "normalize", "regions", "resolve", "resolve_many",
]
