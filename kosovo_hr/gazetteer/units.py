"""Unit lookups: which current municipalities a code covers and which unit it belongs to.

The one place where the ``;``-joined columns of the gazetteer tables
(``successors`` of :func:`historic_units`, ``parent`` of
:func:`municipalities`) are read; everything else asks these functions.

Levels
------
:data:`LEVELS` is the project's one list of unit levels (the ``level=``
argument everywhere):

* ``municipality``: the 38 current municipalities;
* ``osce_region``: the five OSCE regions (``osce_*``);
* ``district``: the seven districts (``district_*``);
* ``kosovo``: the single unit ``kosovo``;
* ``pre2008``: the 30 municipalities of 2000–2007 (``<code>_pre2008``, see
  :mod:`kosovo_hr.geo.pre2008`), unions of today's municipalities.

A historic unit (``mitrovice_pre2013``, the ``*_pre2008`` units) belongs to
the unit at a level when all its successors belong to that one unit.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, overload

from ..errors import KosovoHRValueError
from .tables import historic_units, municipalities

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "LEVELS",
    "successors",
    "covers",
    "parents",
    "membership",
    "members",
    "is_historic",
    "check_level",
    "spread_to_current",
]

#: Unit levels of the whole API (``level=``), finest first.
LEVELS = ("municipality", "osce_region", "district", "kosovo", "pre2008")

#: ``valid_until`` of the 30 pre-2008 municipalities in ``historic_units.csv``.
_PRE2008_VALID_UNTIL = 2007


def check_level(level: str, allowed: tuple[str, ...] = LEVELS) -> str:
    """Return ``level`` or raise ``ValueError`` naming the levels ``allowed`` here (a subset of LEVELS)."""
    if level not in allowed:
        raise KosovoHRValueError(f"level must be one of {', '.join(allowed)}; got {level!r}")
    return level


def _split(value: object) -> tuple[str, ...]:
    return tuple(p for p in str(value or "").split(";") if p)


@lru_cache(maxsize=1)
def _successors() -> dict[str, tuple[str, ...]]:
    h = historic_units()
    return {code: _split(s) for code, s in zip(h["code"], h["successors"])}


@lru_cache(maxsize=1)
def _pre2008_units() -> tuple[str, ...]:
    h = historic_units()
    return tuple(h.loc[h["valid_until"] == _PRE2008_VALID_UNTIL, "code"])


@lru_cache(maxsize=1)
def _current() -> tuple[str, ...]:
    return tuple(municipalities()["code"])


@overload
def successors(code: None = None) -> dict[str, tuple[str, ...]]: ...
@overload
def successors(code: str) -> tuple[str, ...]: ...
def successors(code: str | None = None) -> tuple[str, ...] | dict[str, tuple[str, ...]]:
    """Current municipality codes whose union covers the historic unit ``code``.

    ``successors("mitrovice_pre2013")`` -> ``("mitrovice_e_jugut", "mitrovice_e_veriut")``.
    Without ``code``: a dict of every historic unit to its successors.
    Raises ``ValueError`` for a code that is not a historic unit (current
    municipalities have no successors; use :func:`covers`).
    """
    table = _successors()
    if code is None:
        return dict(table)
    if code not in table:
        raise KosovoHRValueError(
            f"{code!r} is not a historic unit (kosovo_hr.historic_units()); "
            f"historic units are {', '.join(sorted(table))}"
        )
    return table[code]


def is_historic(code: str) -> bool:
    """Whether ``code`` is a row of :func:`historic_units`."""
    return code in _successors()


def covers(code: str) -> frozenset[str]:
    """Current municipality codes whose territory a row keyed ``code`` covers.

    A current municipality covers itself; a historic unit its successors.
    Raises ``ValueError`` for codes of neither kind.
    """
    if code in _successors():
        return frozenset(_successors()[code])
    if code in _current():
        return frozenset((code,))
    raise KosovoHRValueError(
        f"unknown unit code {code!r}: not a municipality or historic unit of the gazetteer; "
        f"use kosovo_hr.harmonize to turn names into codes"
    )


@lru_cache(maxsize=1)
def _parents() -> dict[str, tuple[str, ...]]:
    m = municipalities()
    return {c: _split(p) for c, p in zip(m["code"], m["parent"])}


@overload
def parents(code: None = None) -> dict[str, tuple[str, ...]]: ...
@overload
def parents(code: str) -> tuple[str, ...]: ...
def parents(code: str | None = None) -> tuple[str, ...] | dict[str, tuple[str, ...]]:
    """Codes a post-2005 municipality was carved from (``()`` for the others); all of them without ``code``."""
    table = _parents()
    if code is None:
        return dict(table)
    if code not in table:
        raise KosovoHRValueError(f"{code!r} is not a current municipality code")
    return table[code]


@lru_cache(maxsize=None)
def _membership(level: str) -> dict[str, str]:
    check_level(level)
    m = municipalities()
    if level == "municipality":
        mapping = {c: c for c in m["code"]}
    elif level == "kosovo":
        mapping = {c: "kosovo" for c in m["code"]}
    elif level == "pre2008":
        mapping = {c: u for u in _pre2008_units() for c in _successors()[u]}
    else:
        mapping = dict(zip(m["code"], m[level]))
    for unit, succ in _successors().items():
        if level == "municipality":
            continue  # a historic unit is not one of today's municipalities, even with one successor
        targets = {mapping.get(s) for s in succ}
        if len(targets) == 1 and None not in targets:
            mapping[unit] = targets.pop()
    return mapping


def membership(level: str = "osce_region", *, to: str | None = None) -> dict[str, str]:
    """Map every municipality and historic-unit code to its unit at ``level`` (see :data:`LEVELS`).

    Historic units map to the unit of their successors when these share one
    (``mitrovice_pre2013`` -> ``osce_mitrovice``; at ``level="pre2008"`` ->
    ``mitrovice_pre2008``); at ``level="municipality"`` only current codes
    map. ``to=`` is the old spelling of ``level=``.
    """
    if to is not None:
        level = to
    return dict(_membership(level))


def members(level: str = "osce_region") -> dict[str, frozenset[str]]:
    """Each unit at ``level`` -> the current municipality codes it is made of."""
    out: dict[str, set[str]] = {}
    mapping = _membership(level)
    for c in _current():
        out.setdefault(mapping[c], set()).add(c)
    return {u: frozenset(s) for u, s in out.items()}


def spread_to_current(df: pd.DataFrame, code: str = "code") -> pd.DataFrame:
    """Give each successor of a historic unit the unit's row (for drawing on today's map).

    Rows keyed by a historic unit (``mitrovice_pre2013``, ``prishtine_pre2008``
    ...) are repeated once per successor, with ``code`` the successor and
    ``expanded_from`` the historic code: every polygon of the old unit shows
    the whole unit's value. Rows of current municipalities pass unchanged
    (``expanded_from`` missing); other codes (``kosovo``, region codes) raise
    ``ValueError``. The one spread-to-current-map helper of the package.
    """
    import pandas as pd

    unknown = sorted({str(c) for c in df[code]} - set(_current()) - set(_successors()))
    if unknown:
        raise KosovoHRValueError(
            f"codes {unknown} are neither current municipalities nor historic units; "
            f"drop region or Kosovo rows before spreading to the current map"
        )
    hist = df[code].isin(list(_successors()))
    keep = df[~hist].assign(expanded_from=pd.NA)
    parts = [keep]
    old = df[hist]
    if len(old):
        succ = old[code].map(lambda c: list(_successors()[c]))
        spread = old.assign(expanded_from=old[code], **{code: succ}).explode(code)
        parts.append(spread)
    out = pd.concat(parts).sort_index(kind="stable").reset_index(drop=True)
    out["expanded_from"] = out["expanded_from"].astype("object")
    return out
