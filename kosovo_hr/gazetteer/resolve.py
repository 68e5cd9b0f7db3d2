"""Resolve municipality names, as sources spell them, to gazetteer codes.

Resolution is exact: a name is normalised (:func:`normalize`) and looked up in
the curated alias table (``kosovo_hr/data/aliases.csv``).  Nothing is matched
by similarity.  A name that is not in the table raises
:class:`UnknownMunicipalityError`, which lists every unmatched name with the
closest known spellings, so the user can fix the data or propose an alias.

Names that changed meaning
--------------------------
Before North Mitrovica was established in 2013, "Mitrovicë"/"Mitrovica"/
"Kosovska Mitrovica" named the whole municipality; after it, sources use the
plain name for South Mitrovica.  Such names raise
:class:`AmbiguousMunicipalityError` unless a ``year`` is given: for years
before 2013 they resolve to the historic unit ``mitrovice_pre2013`` (see
:func:`kosovo_hr.historic_units`), from 2013 on to ``mitrovice_e_jugut``.
Unambiguous names ("Mitrovicë e Jugut", "Severna Mitrovica") need no year.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

from ..errors import KosovoHRError, KosovoHRKeyError
from .normalize import alias_keys, normalize, split_parts
from .tables import aliases, ambiguous_aliases, historic_units, municipalities

if TYPE_CHECKING:
    import pandas as pd


class UnknownMunicipalityError(KosovoHRError, ValueError):
    """One or more names match no municipality in the alias table.

    ``unmatched`` maps each unknown name to its closest known spellings.
    """

    def __init__(self, unmatched: dict[str, list[str]]):
        self.unmatched = unmatched
        lines = [f"{len(unmatched)} municipality name(s) not found in the gazetteer:"]
        for name, close in unmatched.items():
            hint = ", ".join(repr(c) for c in close) if close else "no close spelling"
            lines.append(f"  {name!r}: closest known: {hint}")
        lines.append(
            "Fix the names in the data, or pass `extra={name: code}` for a spelling "
            "you have checked (kosovo_hr.municipalities() lists the codes)."
        )
        super().__init__("\n".join(lines))


class AmbiguousMunicipalityError(KosovoHRError, ValueError):
    """A name whose meaning depends on the date was given without a year."""

    def __init__(self, ambiguous: dict[str, str]):
        self.ambiguous = ambiguous
        lines = ["municipality name(s) whose meaning changed over time; pass year= to resolve:"]
        lines += [f"  {name!r}: {rule}" for name, rule in ambiguous.items()]
        super().__init__("\n".join(lines))


@lru_cache(maxsize=None)
def _index() -> tuple[dict[str, str], dict[str, tuple[int, str, str]], dict[str, str]]:
    """(key -> code, key -> (split_year, before, from), key -> display alias)."""
    exact: dict[str, str] = {}
    display: dict[str, str] = {}
    for alias, code in zip(aliases()["alias"], aliases()["code"]):
        for key in alias_keys(alias):
            if exact.setdefault(key, code) != code:
                raise RuntimeError(f"alias table: key {key!r} maps to {exact[key]} and {code}")
            display.setdefault(key, alias)
    for code in municipalities()["code"]:
        exact.setdefault(normalize(code), code)
    for code in historic_units()["code"]:
        exact.setdefault(normalize(code), code)
    dated: dict[str, tuple[int, str, str]] = {}
    amb = ambiguous_aliases()
    for alias, y, before, after in zip(amb["alias"], amb["split_year"], amb["code_before"], amb["code_from"]):
        for key in alias_keys(alias):
            if key in exact:
                raise RuntimeError(f"alias {alias!r} is both ambiguous and exact")
            dated[key] = (y, before, after)
            display.setdefault(key, alias)
    return exact, dated, display


def _lookup(part: str, year: int | None) -> str | tuple[str, str, str, str] | None:
    """Code, or ("ambiguous", rule, code before, code from), or None."""
    exact, dated, _ = _index()
    key = normalize(part)
    if key in exact:
        return exact[key]
    if key in dated:
        split, before, after = dated[key]
        if year is None:
            return ("ambiguous", f"before {split}: {before}; from {split}: {after}", before, after)
        return before if int(year) < split else after
    return None


def _closest(name: str, n: int = 3) -> list[str]:
    _, _, display = _index()
    keys = []
    for part in [name, *split_parts(name)]:
        keys += difflib.get_close_matches(normalize(part), list(display), n=n, cutoff=0.6)
    seen: list[str] = []
    for k in keys:
        if display[k] not in seen:
            seen.append(display[k])
    return seen


def _resolve_one(name: str, year: int | None, extra: dict[str, str]) -> str | tuple[str, ...] | None:
    if name in extra:
        return extra[name]
    whole = _lookup(name, year)
    if whole is not None:
        return whole
    parts = split_parts(name)
    if len(parts) < 2:
        return None
    found = [_lookup(p, year) for p in parts]
    if any(f is None for f in found):
        return None
    codes = {f for f in found if isinstance(f, str)}
    if len(codes) > 1:
        return None
    if codes:
        code = codes.pop()
        # a part whose meaning depends on the year ("Mitrovica") must be able to
        # mean that same unit: "Mitrovica/Zvečan" is unknown, not Zvečan.
        if any(code not in f[2:] for f in found if isinstance(f, tuple)):
            return None
        return code
    return found[0]


def _resolve_all(pairs: Iterable[tuple[str, int | None]], extra: dict[str, str]) -> dict[tuple[str, int | None], str]:
    """Resolve distinct (name, year) pairs; raise one error listing *every* failure."""
    codes: dict[tuple[str, int | None], str] = {}
    unknown: dict[str, list[str]] = {}
    ambiguous: dict[str, str] = {}
    for name, year in dict.fromkeys(pairs):
        out = _resolve_one(name, year, extra)
        if out is None:
            if name not in unknown:
                unknown[name] = _closest(name)
        elif isinstance(out, tuple):
            ambiguous[name] = out[1]
        else:
            codes[(name, year)] = out
    if unknown:
        raise UnknownMunicipalityError(unknown)
    if ambiguous:
        raise AmbiguousMunicipalityError(ambiguous)
    return codes


def _at_level(codes: dict, level: str) -> dict:
    """Codes re-keyed to the unit at ``level`` that covers them (``municipality``: unchanged)."""
    if level == "municipality":
        return codes
    from .units import check_level, membership

    check_level(level, ("municipality", "pre2008"))
    unit_of = membership(level)
    return {k: unit_of.get(c, c) for k, c in codes.items()}


def resolve(
    name: str, year: int | None = None, extra: dict[str, str] | None = None, *, level: str = "municipality"
) -> str:
    """Return the gazetteer code of a municipality name.

    Accepts Albanian (definite, indefinite and genitive forms), Serbian Latin
    and Cyrillic, English, Turkish, old and alternative names, official
    bilingual forms ("Prishtinë/Priština"), administrative prefixes
    ("Municipality of", "Komuna e", "Opština"), any case, spacing or
    diacritics, and the code itself.  Matching is exact after normalisation.

    Parameters
    ----------
    name : the name as written in the source.
    year : the year the source refers to; needed only for names whose meaning
        changed (plain "Mitrovica", see the module docstring).
    extra : user-checked spellings, ``{name as written: code}``, consulted first.
    level : ``"municipality"`` (default: the code of the name itself, e.g.
        ``prizren``, or ``mitrovice_pre2013`` for plain "Mitrovica" before
        2013) or ``"pre2008"``: the code of the pre-2008 municipality that
        covers it, as the tables on the 30 units of 2000–2007 are keyed
        (``resolve("Prizren", year=1999, level="pre2008")`` ->
        ``prizren_pre2008``, the code of the Kosovo Memory Book and 1991
        census rows).

    Raises
    ------
    UnknownMunicipalityError : the name is not in the alias table (the message
        gives the closest known spellings).
    AmbiguousMunicipalityError : the name's meaning depends on ``year``.
    """
    return _at_level(_resolve_all([(name, year)], extra or {}), level)[(name, year)]


def resolve_many(
    names: Iterable[str],
    year: int | None = None,
    extra: dict[str, str] | None = None,
    *,
    level: str = "municipality",
) -> dict[str, str]:
    """Resolve distinct names at once; raise one error listing *every* failure (``level`` as in :func:`resolve`)."""
    codes = _at_level(_resolve_all(((name, year) for name in names), extra or {}), level)
    return {name: code for (name, _), code in codes.items()}


def harmonize(
    df: "pd.DataFrame",
    column: str,
    *,
    year: int | str | None = None,
    code_column: str = "code",
    extra: dict[str, str] | None = None,
) -> "pd.DataFrame":
    """Return a copy of ``df`` with a ``code_column`` resolved from ``column``.

    ``year`` is either a year for the whole frame or the name of a column
    holding each row's year (used only for names whose meaning changed).
    Every distinct unknown name is reported in a single
    :class:`UnknownMunicipalityError`; missing names (NaN/empty) are reported
    too, since a row without a municipality cannot be placed.
    """
    import pandas as pd

    if column not in df.columns:
        raise KosovoHRKeyError(f"column {column!r} not in frame; columns are {list(df.columns)}")
    out = df.copy()
    values = out[column]
    missing = values.isna() | (values.astype(str).str.strip() == "")
    if missing.any():
        rows = list(out.index[missing][:10])
        raise UnknownMunicipalityError({f"<empty name in rows {rows}>": []})
    if isinstance(year, str):
        keys = list(zip(values.astype(str), (None if pd.isna(y) else int(y) for y in out[year])))
        mapping = _resolve_all(keys, extra or {})
        out[code_column] = [mapping[k] for k in keys]
    else:
        codes = resolve_many(values.astype(str).unique(), year=year, extra=extra)
        out[code_column] = values.astype(str).map(codes)
    return out
