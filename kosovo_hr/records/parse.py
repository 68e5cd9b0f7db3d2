"""Column-wise reading of cells: missing values, text, categories, numbers and dates.

Every parser takes the distinct values of a column (``pandas.factorize``) and
returns per distinct value the typed value and, where the value cannot be
read, a message naming what is wrong and how to fix it. The caller maps the
results back to rows with the factor codes, so a column of a million cells
holding a few thousand distinct dates is parsed a few thousand times.
High-cardinality number columns (coordinates) are parsed with vectorised
string operations.

Reading rules (the same for CSV, Excel, Parquet and DataFrames)
---------------------------------------------------------------
* **Missing**: an empty cell, or a cell holding only ``NA``, ``N/A``,
  ``None``, ``null`` or ``nan`` (any case; :data:`MISSING_TEXT`). ``-`` is
  *not* missing: in a count it may mean zero, so it is refused.
* **Whole numbers** (``n_persons``): digits only. ``1.000`` or ``1,000`` is
  refused (it may be one thousand) unless ``thousands=`` says which
  character groups thousands; then only well-formed groups (``1.000``,
  ``12.345.678``) are read. A number cell from Excel must be whole.
* **Decimal numbers** (coordinates): a decimal point; a decimal comma
  (``42,66``) only with ``decimal=","``.
* **Dates**: ``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY`` (optionally with a time,
  which is ignored), ``dd.mm.yyyy`` / ``d.m.yyyy`` (with or without the final
  dot Serbian writes) and ``mm.yyyy``, which are day-first without
  ambiguity, and Excel date cells. Slashed or dashed day/month dates
  (``3/4/2021``, ``03-04-21``) could be either order: they are refused unless
  ``dayfirst=True`` or ``False`` is given; a two-digit year is then read in
  the century that does not put it after this year. Each accepted date
  records its format (``date_format``).
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from collections.abc import Sequence

import numpy as np
import pandas as pd

#: Cell texts read as missing (compared case-insensitively after trimming spaces).
MISSING_TEXT = ("", "na", "n/a", "none", "null", "nan")

_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?)?)?$")
_DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})\.?$")
_DOTTED_MONTH = re.compile(r"^(\d{1,2})\.(\d{4})\.?$")
_SLASHED = re.compile(r"^(\d{1,2})([/-])(\d{1,2})\2(\d{2}|\d{4})$")


#: Every way :func:`parse_date` may record how a date was written (the categories of ``date_format``).
DATE_FORMATS = (
    "YYYY-MM-DD",
    "YYYY-MM",
    "YYYY",
    "dd.mm.yyyy",
    "mm.yyyy",
    "date cell",
    "dd/mm/yyyy",
    "dd/mm/yy",
    "mm/dd/yyyy",
    "mm/dd/yy",
    "dd-mm-yyyy",
    "dd-mm-yy",
    "mm-dd-yyyy",
    "mm-dd-yy",
)
PRECISIONS = ("day", "month", "year")


def _missing_values(values: pd.Series, all_text: bool = False) -> np.ndarray:
    """Boolean per value: None/NaN, or text in :data:`MISSING_TEXT`."""
    na = values.isna().to_numpy(dtype=bool)
    if values.dtype == object or pd.api.types.is_string_dtype(values.dtype):
        text = values.map(lambda v: isinstance(v, str)) if values.dtype == object and not all_text else ~values.isna()
        s = values[text.to_numpy(dtype=bool)].astype("str").str.strip().str.lower()
        hit = np.zeros(len(values), dtype=bool)
        hit[np.flatnonzero(text.to_numpy(dtype=bool))] = s.isin(MISSING_TEXT).to_numpy(dtype=bool)
        na = na | hit
    return na


def factorize(values: pd.Series) -> tuple[np.ndarray, pd.Series]:
    """``(codes, uniques)`` with missing cells (None/NaN, or one of :data:`MISSING_TEXT`) coded -1.

    ``uniques`` may still hold the missing values' spellings; no row points at them.
    """
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    codes = np.asarray(codes, dtype=np.int64)
    uniq = pd.Series(np.asarray(uniques, dtype=object), dtype=object)
    if len(uniq):
        miss = _missing_values(uniq, all_text=pd.api.types.is_string_dtype(values.dtype))
        if miss.any():
            hit = codes >= 0
            drop = np.zeros(len(codes), dtype=bool)
            drop[hit] = miss[codes[hit]]
            codes[drop] = -1
    return codes, uniq


def norm_category(value: object) -> str:
    return re.sub(r"[\s\-]+", "_", str(value).strip().lower())


def norm_header(name: object) -> str:
    """Header as matched: trimmed, lower case, no diacritics, spaces/hyphens/dots as ``_``."""
    s = unicodedata.normalize("NFKD", str(name).strip().lower())
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = s.replace("đ", "dj")
    s = re.sub(r"[\s\-_.:/]+", "_", s).strip("_")
    return s


# ---------------------------------------------------------------------------------------------------- numbers


def _num_pattern(decimal: str, thousands: str | None, whole: bool) -> re.Pattern:
    d, t = re.escape(decimal), re.escape(thousands) if thousands else None
    intpart = rf"(?:\d{{1,3}}(?:{t}\d{{3}})+|\d+)" if t else r"\d+"
    if whole:
        return re.compile(rf"^\+?{intpart}$")
    return re.compile(rf"^[+-]?(?:{intpart}(?:{d}\d*)?|{d}\d+)(?:[eE][+-]?\d+)?$")


def parse_numbers(
    uniques: pd.Series,
    *,
    whole: bool,
    thousands: str | None = None,
    decimal: str = ".",
    minimum: float | None = None,
    maximum: float | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """``(values, errors)`` per unique value; values float64 (NaN where in error)."""
    n = len(uniques)
    out = np.full(n, np.nan)
    err = np.empty(n, dtype=object)
    if n == 0:
        return out, err
    is_text = uniques.map(lambda v: isinstance(v, str)).to_numpy(dtype=bool)
    # numbers already typed (Excel number cells, Parquet/DataFrame numeric columns)
    typed = np.flatnonzero(~is_text)
    for i in typed:
        v = uniques.iloc[i]
        if isinstance(v, bool) or not isinstance(v, (int, float, np.integer, np.floating)):
            err[i] = f"{v!r} is not a number"
        else:
            out[i] = float(v)
    if is_text.any():
        idx = np.flatnonzero(is_text)
        s = pd.Series(uniques.iloc[idx].to_numpy(), dtype="str").str.strip()
        ok = s.str.fullmatch(_num_pattern(decimal, thousands, whole).pattern).to_numpy(dtype=bool)
        clean = s
        if thousands:
            clean = clean.str.replace(thousands, "", regex=False)
        if decimal != ".":
            clean = clean.str.replace(decimal, ".", regex=False)
        vals = pd.to_numeric(clean.where(ok), errors="coerce").to_numpy(dtype=float)
        out[idx] = np.where(ok, vals, np.nan)
        for k in np.flatnonzero(~ok):
            err[idx[k]] = _number_error(s.iloc[k], whole=whole, thousands=thousands, decimal=decimal)
    bad_finite = ~np.isfinite(out) & (err == None)  # noqa: E711 (element-wise)
    for i in np.flatnonzero(bad_finite):
        err[i] = f"{uniques.iloc[i]!r} is not a finite number"
    if whole:
        frac = np.isfinite(out) & (out != np.floor(out))
        for i in np.flatnonzero(frac):
            err[i] = f"{uniques.iloc[i]!r} is not a whole number"
    if minimum is not None:
        for i in np.flatnonzero(np.isfinite(out) & (out < minimum) & (err == None)):  # noqa: E711
            err[i] = f"{uniques.iloc[i]!r} is below the minimum {minimum:g}"
    if maximum is not None:
        for i in np.flatnonzero(np.isfinite(out) & (out > maximum) & (err == None)):  # noqa: E711
            err[i] = f"{uniques.iloc[i]!r} is above the maximum {maximum:g}"
    out[err != None] = np.nan  # noqa: E711
    return out, err


_GROUPED = re.compile(r"^\d{1,3}(?:([.,\u00a0\u202f' ])\d{3})+$")


def _number_error(s: str, *, whole: bool, thousands: str | None, decimal: str) -> str:
    g = _GROUPED.match(s)
    if g and g.group(1) != thousands:
        sep = g.group(1)
        given = f" (thousands={thousands!r} was given)" if thousands else ""
        return (
            f"{s!r} looks like a number written with {sep!r} between thousands{given}; it is not read as "
            f"{s.split(sep)[0]}: pass thousands={sep!r} if that is what the file means"
            + ("" if whole or sep == decimal else f", or decimal={sep!r} if it is a decimal mark")
        )
    if not whole and decimal == "." and re.fullmatch(r"[+-]?\d+,\d+", s):
        return f"{s!r} has a decimal comma: pass decimal=',' to read it"
    if whole and re.fullmatch(r"\+?\d+[.,]\d+", s):
        return (
            f"{s!r} is not a whole number as written (a decimal or a thousands separator?): fix the cell, "
            f"or pass thousands= if it groups thousands"
        )
    return f"{s!r} is not a {'whole ' if whole else ''}number"


# ---------------------------------------------------------------------------------------------------- dates


def _two_digit_year(yy: int, today: _dt.date) -> int:
    y = 2000 + yy
    return y if y <= today.year else 1900 + yy


def parse_date(
    value: object, *, dayfirst: bool | None, today: _dt.date
) -> tuple[pd.Timestamp | None, int | None, int | None, str | None, str | None, str | None]:
    """``(date, year, month, precision, format, error)`` for one cell value."""
    if isinstance(value, (pd.Timestamp, _dt.datetime, _dt.date, np.datetime64)):
        ts = pd.Timestamp(value)
        if ts is pd.NaT:
            return None, None, None, None, None, "missing (required)"
        return ts.normalize(), ts.year, ts.month, "day", "date cell", None
    if (
        isinstance(value, (int, np.integer))
        and not isinstance(value, bool)
        or isinstance(value, (float, np.floating))
        and float(value).is_integer()
    ):
        if 1000 <= int(value) <= 9999:
            value = str(int(value))  # a year typed as a number
        else:
            return (
                None,
                None,
                None,
                None,
                None,
                (
                    f"{value!r} is a number, not a date (an Excel date serial? format the column as a date or "
                    f"write YYYY-MM-DD)"
                ),
            )
    s = str(value).strip()
    y = mo = d = None
    fmt = None
    m = _ISO.match(s)
    if m:
        y, mo, d = (int(g) if g else None for g in m.groups())
        fmt = "YYYY-MM-DD" if d else ("YYYY-MM" if mo else "YYYY")
    elif m := _DOTTED.match(s):
        d, mo, y = (int(g) for g in m.groups())
        fmt = "dd.mm.yyyy"
    elif m := _DOTTED_MONTH.match(s):
        mo, y = (int(g) for g in m.groups())
        fmt = "mm.yyyy"
    elif m := _SLASHED.match(s):
        a, sep, b, yy = m.group(1), m.group(2), m.group(3), m.group(4)
        if dayfirst is None:
            return (
                None,
                None,
                None,
                None,
                None,
                (
                    f"{s!r} is ambiguous ({int(a)}/{int(b)} could be day/month or month/day): pass dayfirst=True "
                    f"(day first, as written in Kosovo) or dayfirst=False"
                ),
            )
        d, mo = (int(a), int(b)) if dayfirst else (int(b), int(a))
        y = int(yy) if len(yy) == 4 else _two_digit_year(int(yy), today)
        fmt = (f"dd{sep}mm{sep}" if dayfirst else f"mm{sep}dd{sep}") + ("yyyy" if len(yy) == 4 else "yy")
    else:
        return None, None, None, None, None, (f"{s!r} is not a date (write YYYY-MM-DD, dd.mm.yyyy, YYYY-MM or YYYY)")
    assert y is not None  # every branch above that matched set the year
    try:
        if mo == 0 or d == 0:  # a month or day written 00 is no date (not the 1st)
            raise ValueError
        _dt.date(y, mo or 1, d or 1)
    except ValueError:
        return None, None, None, None, None, f"{s!r} is not a valid calendar date"
    precision = "day" if d else ("month" if mo else "year")
    if not 1678 <= y <= 2261:  # outside what a datetime64[ns] holds
        return None, y, mo, precision, fmt, f"{s!r}: the year {y} is not plausible for a record (check the cell)"
    return pd.Timestamp(year=y, month=mo or 1, day=d or 1), y, mo, precision, fmt, None


#: The forms most files use, read for all distinct values at once: (pattern, strptime format, date_format).
_COMMON_FORMS = (
    (r"\d{4}-\d{2}-\d{2}", "%Y-%m-%d", "YYYY-MM-DD"),
    (r"\d{1,2}\.\d{1,2}\.\d{4}\.?", "%d.%m.%Y", "dd.mm.yyyy"),
)


def _parse_common_forms(text: pd.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(matched, dates, format positions)`` for values written ``YYYY-MM-DD`` or ``d.m.yyyy`` (vectorised).

    The same result :func:`parse_date` gives, for the two forms most files use;
    a value that does not match, or is no calendar date, is left to it (which
    says what is wrong).
    """
    n = len(text)
    matched = np.zeros(n, dtype=bool)
    dates = np.full(n, np.datetime64("NaT"), dtype="datetime64[ns]")
    fmt = np.full(n, -1, dtype=np.int32)
    for pattern, strp, label in _COMMON_FORMS:
        m = text.str.fullmatch(pattern).to_numpy(dtype=bool, na_value=False) & ~matched
        if not m.any():
            continue
        ts = pd.to_datetime(text[m].str.rstrip("."), format=strp, errors="coerce")
        t = ts.to_numpy(dtype="datetime64[ns]")
        years = ts.dt.year.to_numpy(dtype=float, na_value=np.nan)
        good = ~np.isnat(t) & (years >= 1678) & (years <= 2261)
        idx = np.flatnonzero(m)[good]
        matched[idx] = True
        dates[idx] = t[good]
        fmt[idx] = DATE_FORMATS.index(label)
    return matched, dates, fmt


class _CommonForms:
    """Dates read in the common forms earlier in the file: value -> position in ``dates``/``formats``."""

    def __init__(self) -> None:
        self.pos: dict[str, int] = {}
        self.dates = np.empty(0, dtype="datetime64[ns]")
        self.formats = np.empty(0, dtype=np.int32)

    def lookup(self, values: np.ndarray) -> np.ndarray:
        get = self.pos.get
        return np.fromiter((get(v, -1) for v in values), dtype=np.int64, count=len(values))

    def add(self, values: np.ndarray, dates: np.ndarray, formats: np.ndarray) -> None:
        # positions in the arrays (a value given twice, e.g. as written and trimmed, points at its last copy)
        n = len(self.dates)
        self.pos.update(zip(values, range(n, n + len(values))))
        self.dates = np.concatenate([self.dates, dates])
        self.formats = np.concatenate([self.formats, formats.astype(np.int32)])


def parse_dates(
    uniques: pd.Series, *, dayfirst: bool | None, min_year: int, today: _dt.date, cache: dict | None = None
) -> dict[str, np.ndarray]:
    """Per unique value: ``date`` (datetime64), ``year``, ``month``, ``precision``, ``format``, ``error``.

    The common forms are read for all values at once; every other value by
    :func:`parse_date`, once per file (``cache`` holds the results of
    earlier chunks, by value).

    A year before ``min_year``, or a date (its first day, for month or year
    precision) after ``today``, is an error, so no date outside the plausible
    range reaches a count.
    """
    n = len(uniques)
    res = {
        "date": np.full(n, np.datetime64("NaT"), dtype="datetime64[ns]"),
        "year": np.zeros(n, dtype=np.int64),
        "month": np.zeros(n, dtype=np.int64),
        "precision": np.full(n, -1, dtype=np.int32),
        "format": np.full(n, -1, dtype=np.int32),
        "error": np.empty(n, dtype=object),
    }
    if n == 0:
        return res
    cache = {} if cache is None else cache
    values = uniques.to_numpy(dtype=object)
    is_text = np.fromiter((isinstance(v, str) for v in values), dtype=bool, count=n)
    done = np.zeros(n, dtype=bool)
    if is_text.sum() >= 64:
        # values read in an earlier chunk of the file (looked up at once), then the others at once
        common = cache.setdefault("common forms", _CommonForms())
        t_idx = np.flatnonzero(is_text)
        pos = common.lookup(values[t_idx])
        seen = pos >= 0
        hit = t_idx[seen]
        res["date"][hit] = common.dates[pos[seen]]
        res["format"][hit] = common.formats[pos[seen]]
        done[hit] = True
        t_idx = t_idx[~seen]
        if len(t_idx):
            matched, dates, fmt = _parse_common_forms(pd.Series(values[t_idx], dtype="str").str.strip())
            idx = t_idx[matched]
            done[idx] = True
            res["date"][idx] = dates[matched]
            res["format"][idx] = fmt[matched]
            common.add(values[idx], dates[matched], fmt[matched])
        res["precision"][done] = PRECISIONS.index("day")
    for i in np.flatnonzero(~done):
        v = values[i]
        key = (type(v), v)
        got = cache.get(key)
        if got is None:
            got = cache[key] = parse_date(v, dayfirst=dayfirst, today=today)
        ts, y, mo, p, fmt_i, err = got
        if err is not None:
            res["error"][i] = err
            continue
        assert ts is not None and p is not None and fmt_i is not None
        res["date"][i] = ts.to_datetime64().astype("datetime64[ns]")
        res["precision"][i], res["format"][i] = PRECISIONS.index(p), DATE_FORMATS.index(fmt_i)
        res["month"][i] = mo or 0
    ok = ~np.isnat(res["date"])
    d = res["date"]
    years = d.astype("datetime64[Y]").astype(np.int64) + 1970
    months = d.astype("datetime64[M]").astype(np.int64) % 12 + 1
    res["year"] = np.where(ok, years, 0)
    # month precision comes from the form: a date known to the year has no month
    res["month"] = np.where(ok & (res["precision"] != PRECISIONS.index("year")), months, 0)
    early = ok & (years < min_year)
    late = ok & ~early & ((years > today.year) | (d > np.datetime64(today.isoformat(), "ns")))
    for i in np.flatnonzero(early):
        res["error"][i] = (
            f"{values[i]!r}: the year {years[i]} is before {min_year}, the earliest year accepted (pass min_year=)"
        )
    for i in np.flatnonzero(late):
        res["error"][i] = f"{values[i]!r} is after today ({today.isoformat()}): a date in the future cannot be a record"
    bad = early | late
    res["date"][bad] = np.datetime64("NaT")
    res["year"][bad] = 0
    res["month"][bad] = 0
    res["precision"][bad] = -1
    res["format"][bad] = -1
    return res


def category_values(uniques: pd.Series, allowed: Sequence[str], column: str) -> tuple[np.ndarray, np.ndarray]:
    """``(positions in allowed or -1, errors)`` per unique value."""
    pos = {c: i for i, c in enumerate(allowed)}
    idx = np.full(len(uniques), -1, dtype=np.int32)
    err = np.empty(len(uniques), dtype=object)
    for i, v in enumerate(uniques):
        k = pos.get(norm_category(v))
        if k is None:
            err[i] = f"{v!r} is not an allowed value (allowed: {', '.join(allowed)})"
        else:
            idx[i] = k
    return idx, err
