"""Numbers, percentages and dates written the way each language writes them (through Babel).

sq: ``12 345,7`` (no-break space, decimal comma); sr and sr-Cyrl: ``12.345,7``;
en: ``12,345.7``.  Month names come from the CLDR data Babel ships.  Nothing
here hand-writes a separator: every text is Babel's.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any, Literal

from ..errors import KosovoHRValueError
from .i18n import LOCALES, check_lang

_SPEC = re.compile(r"^\{(?:[^:{}]*):(?P<sign>[+ -])?(?P<group>[,_])?(?:\.(?P<dec>\d+))?(?P<type>[fd%g])?\}$")


def _locale(lang: str) -> str:
    return LOCALES[check_lang(lang)]


def _pattern(decimals: int, sign: bool, grouping: bool, percent: bool = False) -> str:
    body = ("#,##0" if grouping else "0") + ("." + "0" * decimals if decimals > 0 else "")
    if percent:
        body += "%"
    return f"+{body};-{body}" if sign else body


def format_number(value: float, lang: str, decimals: int = 0, *, sign: bool = False, grouping: bool = True) -> str:
    """``value`` with ``decimals`` decimals in ``lang`` (``sign=True`` writes ``+`` before positives).

    NaN gives an empty string. Rounding is half-even (Babel's), as in the
    CLDR standard.
    """
    from babel.numbers import format_decimal

    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if sign and round(float(value), decimals) == 0:
        sign, value = False, 0.0  # zero has no sign ("0", not "+0" or "-0")
    text = format_decimal(
        value,
        format=_pattern(decimals, sign, grouping),
        locale=_locale(lang),
        decimal_quantization=True,
        group_separator=grouping,
    )
    return _typographic_minus(text)


def _typographic_minus(text: str) -> str:
    """The minus sign (U+2212) rather than a hyphen, as in print ("−20 – −10", not "-20 – -10")."""
    return "\u2212" + text[1:] if text.startswith("-") else text


def format_int(value: float, lang: str) -> str:
    """A count with the thousands separator of ``lang`` (``1 000``, ``1.000``, ``1,000``)."""
    return format_number(value, lang, 0)


def format_percent(share: float, lang: str, decimals: int = 0, *, sign: bool = False) -> str:
    """A share (0.253) as a percentage in ``lang`` (``25,3 %``-style per CLDR)."""
    from babel.numbers import format_percent as _fp

    if share is None or (isinstance(share, float) and math.isnan(share)):
        return ""
    if sign and round(float(share) * 100, decimals) == 0:
        sign, share = False, 0.0
    return _typographic_minus(
        _fp(share, format=_pattern(decimals, sign, True, percent=True), locale=_locale(lang), decimal_quantization=True)
    )


def format_spec(value: float, spec: str, lang: str) -> str:
    """Write ``value`` as a Python format string such as ``"{:+.1f}"`` asks, in ``lang``.

    Understood: sign ``+``, grouping ``,``, ``.N`` decimals and the types
    ``f``, ``d``, ``g`` (numbers) and ``%`` (share written as a percentage).
    Any other text of the format string is a ValueError, so that no number is
    written with English separators by accident.
    """
    m = _SPEC.match(spec)
    if m is None:
        raise KosovoHRValueError(
            f"number format {spec!r} not understood; use e.g. '{{:,.0f}}', '{{:+.1f}}' or '{{:.0%}}'"
        )
    decimals = int(m["dec"]) if m["dec"] is not None else 0
    sign = m["sign"] == "+"
    if m["type"] == "%":
        return format_percent(value, lang, decimals, sign=sign)
    return format_number(value, lang, decimals, sign=sign, grouping=True)


def month_name(month: int, lang: str, width: Literal["wide", "abbreviated", "narrow"] = "wide") -> str:
    """Name of ``month`` (1-12) in ``lang``: width "wide" (shkurt, februar, фебруар, February) or "abbreviated"."""
    from babel.dates import get_month_names

    return get_month_names(width, context="stand-alone", locale=_locale(lang))[int(month)]


def format_date(value: Any, lang: str, pattern: str = "medium") -> str:
    """A date in ``lang`` ("medium", "long" or a CLDR pattern such as ``"MMMM y"``)."""
    from babel.dates import format_date as _fd

    if not isinstance(value, dt.date):
        value = dt.date.fromisoformat(str(value)[:10])
    return _fd(value, format=pattern, locale=_locale(lang))


def _decimals_for(values) -> int:
    """Fewest decimals that write every value exactly (0, 2.5, 5 -> 1; 0.25 -> 2), at most 6."""
    vals = [float(v) for v in values if math.isfinite(v)]
    for d in range(7):
        if all(abs(round(v, d) - v) <= 1e-9 * max(1.0, abs(v)) for v in vals):
            return d
    return 6


def number_formatter(lang: str, *, percent: bool = False):
    """A matplotlib tick formatter writing tick values in ``lang``.

    Every tick gets the same, fewest decimals that write all of them exactly
    (0, 2.5, 5 -> "0,0", "2,5", "5,0" in sq).  With
    ``percent=True`` the values are shares written as percentages.
    """
    from matplotlib.ticker import Formatter

    check_lang(lang)

    class _Localised(Formatter):
        def __call__(self, x, pos=None):  # one tick
            return self.format_ticks([x])[0]

        def format_ticks(self, values):
            if percent:
                d = _decimals_for([v * 100 for v in values])
                return [format_percent(v, lang, d) for v in values]
            d = _decimals_for(values)
            return [format_number(v, lang, d) for v in values]

    return _Localised()


def localise_axes(fig, lang: str) -> None:
    """Give every linear numeric axis of ``fig`` that uses matplotlib's default formatter a localised one.

    Axes with fixed tick labels (years, categories), dates or a formatter a
    figure chose itself are left as they are.
    """
    from matplotlib.ticker import ScalarFormatter

    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            if axis.get_scale() == "linear" and type(axis.get_major_formatter()) is ScalarFormatter:
                axis.set_major_formatter(number_formatter(lang))
