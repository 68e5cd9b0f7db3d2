"""Deterministic normalisation of municipality names before exact lookup.

Normalisation never guesses: it folds case, spacing, punctuation, diacritics
and script (Serbian Cyrillic to Latin) and strips administrative prefixes such
as "Municipality of", "Komuna e" or "Opština".  The normalised key is then
looked up *exactly* in the curated alias table.
"""

from __future__ import annotations

import re
import unicodedata

# Serbian Cyrillic to Serbian Latin (Gaj's alphabet), lower case.
_CYRILLIC = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "д": "d",
    "ђ": "đ",
    "е": "e",
    "ж": "ž",
    "з": "z",
    "и": "i",
    "ј": "j",
    "к": "k",
    "л": "l",
    "љ": "lj",
    "м": "m",
    "н": "n",
    "њ": "nj",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "ћ": "ć",
    "у": "u",
    "ф": "f",
    "х": "h",
    "ц": "c",
    "ч": "č",
    "џ": "dž",
    "ш": "š",
}

# Administrative words before or after a name, already normalised.
_PREFIXES = (
    "the municipality of ",
    "municipality of ",
    "komuna e ",
    "komuna ",
    "opstina ",
    "opcina ",
    "municipality ",
    "belediyesi ",
)
_SUFFIXES = (" municipality", " komuna", " opstina", " belediyesi")

_SEPARATORS = re.compile(r"[\s\-_.,'’`]+")


def _fold(text: str, dj: str) -> str:
    text = unicodedata.normalize("NFC", text).casefold()
    text = "".join(_CYRILLIC.get(c, c) for c in text)
    text = text.replace("đ", dj).replace("ı", "i")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return _SEPARATORS.sub(" ", text).strip()


def _strip_affixes(key: str) -> str:
    changed = True
    while changed:
        changed = False
        for p in _PREFIXES:
            if key.startswith(p) and len(key) > len(p):
                key, changed = key[len(p) :], True
        for s in _SUFFIXES:
            if key.endswith(s) and len(key) > len(s):
                key, changed = key[: -len(s)], True
    return key.strip()


def normalize(name: str) -> str:
    """Return the lookup key of ``name``.

    >>> normalize("Municipality of Fushë-Kosovë")
    'fushe kosove'
    >>> normalize("Општина Приштина")
    'pristina'
    >>> normalize("  ĐAKOVICA ")
    'djakovica'
    """
    return _strip_affixes(_fold(str(name), "dj"))


def alias_keys(alias: str) -> set[str]:
    """Keys under which a curated alias is stored.

    Besides :func:`normalize`, a name with "đ" is also stored with the letter
    written as plain "d" ("Dakovica"), the usual way it is lost when
    diacritics are stripped.
    """
    return {normalize(alias), _strip_affixes(_fold(alias, "d"))}


def split_parts(name: str) -> list[str]:
    """Parts of a bilingual or annotated name.

    "Prishtinë/Priština" gives both sides; "Gllogoci (Drenasi)" gives the name
    and the one in parentheses.  A plain name gives itself.
    """
    text = str(name)
    parts: list[str] = []
    m = re.fullmatch(r"\s*(.*?)\s*\((.*?)\)\s*", text)
    if m:
        text, inner = m.group(1), m.group(2)
        parts.extend(split_parts(inner))
    parts[:0] = [p for p in re.split(r"\s*/\s*|\s+-\s+", text) if p.strip()]
    return parts
