"""Texts of the report pages in every language, read from ``labels.csv`` (package data).

``labels.csv`` has one row per key and one column per language (``sq``, ``sr``,
``sr-Cyrl``, ``en``); the Cyrillic column is written out, not transliterated on
the fly.  :func:`text` fills ``{placeholders}`` with already formatted values.
Numbers are formatted per language by Babel (:func:`number`, :func:`percent`).
"""

from __future__ import annotations

import csv
import io
from functools import lru_cache
from importlib import resources

from ..errors import KosovoHRKeyError

#: Every language a report page can be written in (the columns of labels.csv).
LABEL_LANGS = ("sq", "sr", "sr-Cyrl", "en")

#: BCP 47 tag of each page (the ``lang`` attribute) and the Babel locale for its numbers.
HTML_LANG = {"sq": "sq", "sr": "sr-Latn", "sr-Cyrl": "sr-Cyrl", "en": "en"}
LOCALE = {"sq": "sq_AL", "sr": "sr_Latn_RS", "sr-Cyrl": "sr_Cyrl_RS", "en": "en_GB"}


class ReportLabelError(KosovoHRKeyError):
    """A report text is missing for a key or a language."""


@lru_cache(maxsize=None)
def labels() -> dict[str, dict[str, str]]:
    """``{key: {lang: text}}`` from ``labels.csv``."""
    raw = resources.files("kosovo_hr.report").joinpath("labels.csv").read_text(encoding="utf-8")
    reader = csv.DictReader(io.StringIO(raw, newline=""))
    missing = [c for c in ("key", *LABEL_LANGS) if c not in (reader.fieldnames or [])]
    if missing:
        raise ReportLabelError(f"kosovo_hr/report/labels.csv lacks the column(s) {missing}")
    return {row["key"]: {lang: row[lang] for lang in LABEL_LANGS} for row in reader}


def text(key: str, lang: str, **values: object) -> str:
    """The text ``key`` in ``lang``, with ``{placeholders}`` filled from ``values``."""
    table = labels()
    if key not in table:
        raise ReportLabelError(f"no report label {key!r}: add a row to kosovo_hr/report/labels.csv")
    if lang not in LABEL_LANGS:
        raise ReportLabelError(f"no report language {lang!r}; choose one of {', '.join(LABEL_LANGS)}")
    s = table[key][lang]
    if not s.strip():
        raise ReportLabelError(f"report label {key!r} has no {lang!r} text in kosovo_hr/report/labels.csv")
    return s.format(**values) if values else s


def number(value: float | int, lang: str, digits: int | None = None) -> str:
    """``value`` with the decimal mark and grouping of ``lang`` (Babel)."""
    from babel.numbers import format_decimal

    if digits is None:
        return format_decimal(value, locale=LOCALE[lang])
    fmt = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(value, format=fmt, locale=LOCALE[lang])


def percent(share: float, lang: str, digits: int = 1) -> str:
    """A share (0.123) as a percentage in ``lang`` with the locale's own pattern (Babel), e.g. ``12,3%``."""
    from babel import Locale
    from babel.numbers import format_percent

    pattern = Locale.parse(LOCALE[lang]).percent_formats[None].pattern  # e.g. "#,##0%" or "#,##0 %"
    last = pattern.rindex("0") + 1
    fmt = pattern[:last] + ("." + "0" * digits if digits else "") + pattern[last:]
    return format_percent(share, format=fmt, locale=LOCALE[lang])


def join_names(items: list[str], lang: str) -> str:
    """A list in ``lang`` ("A, B and C") by Babel's list patterns."""
    from babel.lists import format_list

    return format_list(items, locale=LOCALE[lang]) if items else ""
