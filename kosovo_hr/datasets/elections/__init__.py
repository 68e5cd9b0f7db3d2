"""Kosovo election results by municipality, 2001–2025 (source ``zgjedhjet_info``).

* :func:`load_elections`, :func:`load_turnout`, :func:`list_elections` (:mod:`.load`);
* :mod:`.dart`, the strict reader of the Dart data literals;
* :mod:`.parties`, the cited community classification of electoral subjects;
* :mod:`.checks`, the data checks and the 2019 cross-check.
"""

from .dart import DartParseError
from .load import ELECTIONS, ElectionDataError, get_election, list_elections, load_elections, load_turnout
from .parties import UnknownSubjectError, classify, parties, subjects

__all__ = [
    "DartParseError",
    "ELECTIONS",
    "ElectionDataError",
    "UnknownSubjectError",
    "classify",
    "get_election",
    "list_elections",
    "load_elections",
    "load_turnout",
    "parties",
    "subjects",
]
