"""The Kosovo Memory Book person records through the records engine (``"conflict"`` schema).

:func:`kosovo_hr.datasets.memory_book.read_memory_book` parses the declared
source ``kosovo_memory_book`` without names, places or dates of birth;
:func:`load_memory_book` validates, resolves and places the records with
:func:`kosovo_hr.records.load_records`, like any user's record file: names on
the 30 pre-2008 municipalities (year-aware), places outside Kosovo
(``kosovo_hr/data/conflict/places_outside_kosovo.csv``) → ``outside_kosovo``,
"Kosovë" → ``kosovo_place_unknown``, no place → ``place_not_recorded``.
Source: Humanitarian Law Center, Kosovo Memory Book (records via
``kosovatools/data`` @ ``28c327e``).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .result import RecordsResult

__all__ = ["load_memory_book"]


def load_memory_book(paths: Iterable[str | Path] | None = None, **kwargs) -> RecordsResult:
    """The Memory Book records validated and placed by :func:`kosovo_hr.records.load_records`.

    ``result.records`` has the ``"conflict"`` schema's columns plus the
    engine's ``year``, ``month``, ``date_precision``, ``code`` (a pre-2008
    unit code such as ``mitrovice_pre2008``, or ``outside_kosovo``,
    ``kosovo_place_unknown``, ``place_not_recorded``) and
    ``location_method``. No names, places or dates of birth (see the module
    docstring). ``kwargs`` go to ``load_records`` (e.g. ``strict=True``).

    Duplicates: once names and birth data are dropped, many records look
    alike (same date, place, violation, status, community, sex and age:
    1,733 of the 13,548 repeat an earlier one), but in the source every
    record differs — they are different persons. So every record is kept
    (``on_duplicate="keep"``), and the engine's warning about it is not
    shown; ``result.duplicates`` still lists those rows.
    """
    import warnings

    from ..datasets.memory_book import memory_book_extra, read_memory_book
    from .errors import RecordsWarning
    from .load import load_records

    kwargs.setdefault("on_duplicate", "keep")
    kwargs.setdefault("progress", False)
    with warnings.catch_warnings():
        if kwargs["on_duplicate"] == "keep":
            warnings.filterwarnings("ignore", message=".*on_duplicate='keep'.*", category=RecordsWarning)
        return load_records(read_memory_book(paths), "conflict", extra=memory_book_extra(), **kwargs)
