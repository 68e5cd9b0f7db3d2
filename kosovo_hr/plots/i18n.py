"""Texts of figures in Albanian (sq), Serbian Latin (sr), Serbian Cyrillic (sr-Cyrl) and English (en).

Labels are data: ``kosovo_hr/data/labels.csv`` has one row per label key and
one column per language (``key, sq, sr, sr-Cyrl, en``).  ``sq``, ``sr`` and
``en`` are always written out; ``sr-Cyrl`` is left empty where the Cyrillic
text is the transliteration of ``sr`` (:func:`to_cyrillic`) and written out
only where transliteration would be wrong.  Place names never come from here
but from the gazetteer (``kosovo_hr.names(lang)``, its ``name_sr_cyrl``
column for Cyrillic).

:func:`label` also accepts a module-level ``{key: {"sq": ..., "sr": ..., "en": ...}}``
dictionary (``table=``) for code that has not moved its texts into the table
yet; Cyrillic is then transliterated from its ``sr`` text.
"""

from __future__ import annotations

import csv
import io
import re
from functools import lru_cache
from importlib import resources

from ..errors import KosovoHRKeyError, KosovoHRValueError

#: Every language a figure, map or label can be drawn in.
LANGS = ("sq", "sr", "sr-Cyrl", "en")
#: Languages written out in every row of the label table (sr-Cyrl may be derived from sr).
WRITTEN = ("sq", "sr", "en")
#: Babel locale of each language.
LOCALES = {"sq": "sq", "sr": "sr_Latn", "sr-Cyrl": "sr_Cyrl", "en": "en"}
LABEL_TABLE = "labels.csv"
LATIN_NAMES = "latin_names.csv"


class LabelError(KosovoHRKeyError):
    """A label key is missing, or has no text in the language asked for."""

    def __init__(self, key: str, lang: str, reason: str = "no label") -> None:
        self.key, self.lang = key, lang
        super().__init__(
            f"{reason} {key!r} in language {lang!r}: add a row (key, sq, sr, sr-Cyrl, en) "
            f"to kosovo_hr/data/{LABEL_TABLE}"
        )

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0])


def check_lang(lang: str) -> str:
    """``lang`` if it is one of :data:`LANGS`, else a ValueError naming them."""
    if lang not in LANGS:
        raise KosovoHRValueError(f"lang must be one of {', '.join(LANGS)}; got {lang!r}")
    return lang


def _read_csv(name: str) -> list[dict[str, str]]:
    text = resources.files("kosovo_hr.data").joinpath(name).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text, newline="")))


@lru_cache(maxsize=1)
def label_table() -> dict[str, dict[str, str]]:
    """The label table as ``{key: {lang: text}}``; empty sr-Cyrl cells are transliterated.

    Raises ValueError on a duplicated key or a row missing one of the written
    languages (the table is checked whole, and the error lists every problem).
    """
    return build_label_table(_read_csv(LABEL_TABLE))


def build_label_table(rows: list[dict[str, str]]) -> dict[str, dict[str, str]]:
    """Check label rows (``key, sq, sr, sr-Cyrl, en``) and return ``{key: {lang: text}}``."""
    out: dict[str, dict[str, str]] = {}
    problems = []
    for i, r in enumerate(rows, start=2):
        key = r["key"]
        if key in out:
            problems.append(f"line {i}: key {key!r} repeated")
        lacking = [lang for lang in WRITTEN if not (r.get(lang) or "").strip()]
        if lacking:
            problems.append(f"line {i}: key {key!r} has no text in {', '.join(lacking)}")
        out[key] = {lang: _unescape(r.get(lang) or "") for lang in LANGS}
    if problems:
        raise KosovoHRValueError(f"kosovo_hr/data/{LABEL_TABLE}: " + "; ".join(problems))
    for texts in out.values():
        if not texts["sr-Cyrl"]:
            texts["sr-Cyrl"] = to_cyrillic(texts["sr"])
    return out


def _unescape(text: str) -> str:
    """Cells write a line break as ``\\n``."""
    return text.replace("\\n", "\n")


def label(key: str, lang: str, table: dict[str, dict[str, str]] | None = None) -> str:
    """The text of label ``key`` in ``lang``.

    Looked up in ``table`` (a module dictionary, for code not yet moved to
    the label table) and then in the label table.  A missing key or language
    raises :class:`LabelError` naming both.
    """
    check_lang(lang)
    if table and key in table:
        texts = table[key]
        if lang == "sr-Cyrl" and "sr-Cyrl" not in texts and "sr" in texts:
            return to_cyrillic(texts["sr"])
        if not texts.get(lang):
            raise LabelError(key, lang, "no text for label")
        return texts[lang]
    row = label_table().get(key)
    if row is None:
        raise LabelError(key, lang)
    if not row.get(lang):
        raise LabelError(key, lang, "no text for label")
    return row[lang]


def has_label(key: str) -> bool:
    """Whether ``key`` is in the label table."""
    return key in label_table()


# --- Serbian Latin -> Cyrillic ---------------------------------------------------------------


@lru_cache(maxsize=1)
def latin_names() -> tuple[str, ...]:
    """Proper names kept in Latin script in Cyrillic text (``kosovo_hr/data/latin_names.csv``), longest first."""
    names = [r["name"] for r in _read_csv(LATIN_NAMES) if r["name"].strip()]
    return tuple(sorted(set(names), key=len, reverse=True))


#: Kept as written: format fields ({years}, {apc:+.1f}), web addresses, and the listed proper names.
_FIELD = r"\{[^{}]*\}|https?://\S+|\b[\w.-]+\.(?:org|info|com|net|int|eu)\b"


@lru_cache(maxsize=1)
def _protected() -> re.Pattern:
    names = "|".join(re.escape(n) for n in latin_names())
    return re.compile(f"{_FIELD}|(?<!\\w)(?:{names})(?!\\w)" if names else _FIELD)


def to_cyrillic(text: str) -> str:
    """Serbian Latin ``text`` in Serbian Cyrillic (lj -> љ, nj -> њ, dž -> џ, ...).

    The letters are converted by ``cyrtranslit`` (Serbian table); format
    fields such as ``{years}``, web addresses and the proper names of
    :func:`latin_names` (publishers, projects, web sites that are written in
    Latin script in Serbian Cyrillic texts too) are kept as they are.  Where
    the letter rule is wrong (a digraph across a morpheme boundary such as
    "nadživeti", or a foreign word), write the Cyrillic text out in the
    ``sr-Cyrl`` column of the label table instead.
    """
    out, pos = [], 0
    for m in _protected().finditer(text):
        out.append(_letters(text[pos : m.start()]))
        out.append(m.group(0))
        pos = m.end()
    out.append(_letters(text[pos:]))
    return "".join(out)


#: Upper-case digraphs, which cyrtranslit 1.2 splits into two letters (LJ -> ЛЈ).
_UPPER_DIGRAPHS = {"LJ": "Љ", "NJ": "Њ", "DŽ": "Џ"}


def _letters(text: str) -> str:
    import cyrtranslit

    for lat, cyr in _UPPER_DIGRAPHS.items():
        text = text.replace(lat, cyr)
    return cyrtranslit.to_cyrillic(text, "sr")


LATIN_LETTER = re.compile(r"[A-Za-zČčĆćĐđŠšŽžËëÇç]")


def latin_outside_names(text: str) -> list[str]:
    """Words of ``text`` with Latin letters that are not listed proper names, fields or addresses.

    Used to check that a Cyrillic text is Cyrillic apart from the names of sources.
    """
    rest = _protected().sub(" ", text)
    return [w for w in re.findall(r"[\w'-]+", rest) if LATIN_LETTER.search(w)]


def name_column(lang: str) -> str:
    """Column of the gazetteer tables holding names in ``lang`` (``name_sr_cyrl`` for sr-Cyrl)."""
    from ..gazetteer.tables import name_column as _name_column

    return _name_column(check_lang(lang))


def unit_names(lang: str, level: str = "municipality", *, historic: bool = False) -> dict[str, str]:
    """Display names of the units at ``level`` in ``lang`` (from the gazetteer; Cyrillic for sr-Cyrl).

    ``historic=True`` adds the former municipalities (``mitrovice_pre2013``,
    ``*_pre2008``) for labelling rows of old waves or elections.
    """
    from ..gazetteer.tables import historic_units, names

    out = names(check_lang(lang), level)
    if historic:
        h = historic_units()
        out.update({c: n for c, n in zip(h["code"], h[name_column(lang)]) if c not in out})
    return out


def region_labels(codes, lang: str) -> dict[str, str]:
    """``code -> "Name (OSCE region)"`` in ``lang``, ordered by region and then name (for row labels)."""
    from ..gazetteer import membership

    region = membership("osce_region")
    names = unit_names(lang, historic=True)
    regions = unit_names(lang, "osce_region")
    ordered = sorted(codes, key=lambda c: (region.get(c, ""), names[c]))
    return {c: f"{names[c]} ({regions[region[c]]})" if region.get(c) in regions else names[c] for c in ordered}
