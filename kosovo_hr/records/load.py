"""Read, validate and place users' own record files (CSV or Excel).

:func:`load_records` never drops a row silently: every row ends up either in
``result.records`` (valid, with a municipality ``code``) or in
``result.rejected`` with the reason, naming the spreadsheet row and column.
Problems that concern the whole file (no header, a required column missing)
raise :class:`RecordsSchemaError` listing every problem at once.

Row numbers are spreadsheet row numbers: the header is row 1, the first
record row 2, as a user sees them in Excel or LibreOffice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..gazetteer import AmbiguousMunicipalityError, UnknownMunicipalityError, historic_units, resolve_many
from .locate import TOLERANCE_M, distance_to, locate_points
from .schema import RecordSchema, get_schema

DISAGREEMENT = ("reject", "name", "coordinates")


class RecordsSchemaError(ValueError):
    """The file as a whole does not fit the schema (empty, or required columns missing)."""


class RecordsValidationError(ValueError):
    """Raised by ``strict=True`` or :meth:`RecordsResult.raise_if_rejected`: lists every rejected row."""


@dataclass
class RecordsResult:
    """What :func:`load_records` found in a file.

    ``records``        valid rows: ``row`` (spreadsheet row), the schema's
                       columns normalised, ``year``, ``month``,
                       ``date_precision`` (day/month/year), ``code`` (gazetteer
                       code), ``location_method`` (``name``, ``coordinates``,
                       ``coordinates_nearest``, ``name_and_coordinates``) and
                       any extra columns of the file.
    ``rejected``       rejected rows: ``row``, ``reason`` (every problem of the
                       row, ``; ``-separated) and the row's raw values.
    ``unknown_names``  every municipality name not in the gazetteer, with the
                       closest known spellings (fix them, or pass ``extra=``).
    """

    domain: str
    path: str
    records: pd.DataFrame
    rejected: pd.DataFrame
    unknown_names: dict[str, list[str]] = field(default_factory=dict)

    @property
    def n_rows(self) -> int:
        return len(self.records) + len(self.rejected)

    def summary(self) -> str:
        lines = [f"{self.path}: {self.n_rows} row(s) read as {self.domain!r}: "
                 f"{len(self.records)} accepted, {len(self.rejected)} rejected."]
        if self.unknown_names:
            lines.append(f"{len(self.unknown_names)} unknown municipality name(s): "
                         + ", ".join(repr(n) for n in self.unknown_names))
        return "\n".join(lines)

    def raise_if_rejected(self) -> None:
        """Raise :class:`RecordsValidationError` listing every rejected row, if any."""
        if len(self.rejected):
            lines = [self.summary()] + [f"  row {r}: {why}" for r, why in
                                        zip(self.rejected["row"], self.rejected["reason"])]
            raise RecordsValidationError("\n".join(lines))

    def __repr__(self) -> str:
        return f"RecordsResult({self.summary()!r})"


def _norm_header(name: object) -> str:
    return re.sub(r"[\s\-]+", "_", str(name).strip().lower())


def _norm_category(value: str) -> str:
    return re.sub(r"[\s\-]+", "_", value.strip().lower())


def _read_table(path: Path) -> pd.DataFrame:
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        try:
            df = pd.read_excel(path, sheet_name=0, dtype=object, engine="openpyxl")
        except ValueError as err:  # e.g. a sheet with nothing in it
            raise RecordsSchemaError(f"{path}: cannot read the first sheet ({err})") from err
    elif suffix in (".csv", ".txt"):
        try:
            df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        except pd.errors.EmptyDataError as err:
            raise RecordsSchemaError(
                f"{path}: the file is empty; it needs a header row with the schema's columns "
                f"(see data/raw/README.md)") from err
    else:
        raise RecordsSchemaError(f"{path}: unsupported file type {suffix!r}; use .csv or .xlsx")
    if df.shape[1] == 0:
        raise RecordsSchemaError(f"{path}: no columns found; the first row must be the header")
    df.columns = [_norm_header(c) for c in df.columns]
    dup = sorted({c for c in df.columns if list(df.columns).count(c) > 1})
    if dup:
        raise RecordsSchemaError(f"{path}: duplicated column(s) {dup} after normalising names")
    # one representation of "empty" for every cell: None; everything else str or the Excel object
    df = pd.DataFrame({c: pd.Series([None if _is_blank(v) else v for v in df[c]], dtype=object)
                       for c in df.columns})
    # drop rows that are entirely empty (trailing blank lines); they are not records
    blank = df.isna().all(axis=1) if len(df) else pd.Series([], dtype=bool)
    df.insert(0, "row", np.arange(len(df)) + 2)
    return df[~blank.to_numpy()].reset_index(drop=True)


def _is_blank(v) -> bool:
    if v is None or v is pd.NA or v is pd.NaT:
        return True
    if isinstance(v, float) and np.isnan(v):
        return True
    return isinstance(v, str) and v.strip() == ""


_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


def _parse_date(value) -> tuple[pd.Timestamp | None, int | None, int | None, str | None, str | None]:
    """(date, year, month, precision, error)."""
    if isinstance(value, (pd.Timestamp,)) or hasattr(value, "year") and hasattr(value, "month"):
        ts = pd.Timestamp(value)
        return ts.normalize(), ts.year, ts.month, "day", None
    if isinstance(value, (int, float)) and not isinstance(value, bool) and float(value).is_integer():
        value = str(int(value))  # a year typed as a number in Excel
    s = str(value).strip()
    m = _DATE_RE.match(s)
    if not m:
        return None, None, None, None, f"{s!r} is not a date (use YYYY-MM-DD, YYYY-MM or YYYY)"
    y, mo, d = (int(g) if g else None for g in m.groups())
    try:
        ts = pd.Timestamp(year=y, month=mo or 1, day=d or 1)
    except ValueError:
        return None, None, None, None, f"{s!r} is not a valid calendar date"
    precision = "day" if d else ("month" if mo else "year")
    return ts, y, mo, precision, None


def _parse_number(value, col) -> tuple[float | None, str | None]:
    try:
        x = float(str(value).strip().replace(",", ".")) if isinstance(value, str) else float(value)
    except (TypeError, ValueError):
        return None, f"{value!r} is not a number"
    if not np.isfinite(x):
        return None, f"{value!r} is not a finite number"
    if col.kind == "int" and not float(x).is_integer():
        return None, f"{value!r} is not a whole number"
    if col.minimum is not None and x < col.minimum:
        return None, f"{value!r} is below the minimum {col.minimum:g}"
    if col.maximum is not None and x > col.maximum:
        return None, f"{value!r} is above the maximum {col.maximum:g}"
    return x, None


def _validate_cells(df: pd.DataFrame, schema: RecordSchema) -> tuple[pd.DataFrame, dict[int, list[str]]]:
    """Typed copy of the schema columns and ``{index: [problems]}``."""
    problems: dict[int, list[str]] = {}

    def bad(i, col, msg):
        problems.setdefault(i, []).append(f"column {col!r}: {msg}")

    out = df.copy()
    n = len(df)
    dates, years, months, precs = [None] * n, [None] * n, [None] * n, [None] * n
    for i, v in enumerate(df["date"]):
        if v is None:
            bad(i, "date", "missing (required)")
            continue
        ts, y, mo, p, err = _parse_date(v)
        if err:
            bad(i, "date", err)
        dates[i], years[i], months[i], precs[i] = ts, y, mo, p
    out["date"] = pd.array(dates, dtype="datetime64[ns]") if n else pd.Series([], dtype="datetime64[ns]")
    out["year"] = pd.array(years, dtype="Int64")
    out["month"] = pd.array(months, dtype="Int64")
    out["date_precision"] = pd.array(precs, dtype="string")

    for col in schema.columns:
        if col.name == "date":
            continue
        values = list(df[col.name]) if col.name in df.columns else [None] * n
        typed: list = [None] * n
        for i, v in enumerate(values):
            if v is None:
                if col.required:
                    bad(i, col.name, "missing (required)")
                elif col.default is not None:
                    typed[i] = col.default
                continue
            if col.kind == "text":
                typed[i] = str(v).strip()
            elif col.kind == "category":
                c = _norm_category(str(v))
                if c not in col.categories:
                    bad(i, col.name, f"{v!r} is not an allowed value (allowed: {', '.join(col.categories)})")
                else:
                    typed[i] = c
            elif col.kind in ("int", "float"):
                x, err = _parse_number(v, col)
                if err:
                    bad(i, col.name, err)
                else:
                    typed[i] = x
        if col.kind == "int":
            out[col.name] = pd.array([None if t is None else int(t) for t in typed], dtype="Int64")
        elif col.kind == "float":
            out[col.name] = pd.array(typed, dtype="Float64")
        else:
            out[col.name] = pd.array(typed, dtype="string")
    # municipality or both coordinates
    for i in range(n):
        lat_given = df["latitude"].iloc[i] is not None if "latitude" in df.columns else False
        lon_given = df["longitude"].iloc[i] is not None if "longitude" in df.columns else False
        if lat_given != lon_given:
            bad(i, "latitude" if not lat_given else "longitude",
                "missing: give both latitude and longitude, or neither")
        if pd.isna(out["municipality"].iloc[i]) and not (lat_given and lon_given):
            bad(i, "municipality", "missing: give the municipality or both latitude and longitude")
    return out, problems


def _resolve_names(names: pd.Series, years: pd.Series, extra: dict[str, str] | None
                   ) -> tuple[list[str | None], dict[str, list[str]], dict[int, str]]:
    """Codes per row, every unknown name with its closest spellings, per-row errors."""
    codes: list[str | None] = [None] * len(names)
    unknown: dict[str, list[str]] = {}
    errors: dict[int, str] = {}
    frame = pd.DataFrame({"n": names.astype(object), "y": years.astype(object)})
    for y, grp in frame[frame["n"].notna()].groupby("y", dropna=False, sort=False):
        yy = None if pd.isna(y) else int(y)
        pending = list(dict.fromkeys(grp["n"]))
        mapping: dict[str, str] = {}
        ambiguous: dict[str, str] = {}
        while pending:
            try:
                mapping.update(resolve_many(pending, year=yy, extra=extra))
                break
            except UnknownMunicipalityError as err:
                unknown.update(err.unmatched)
                pending = [p for p in pending if p not in err.unmatched]
            except AmbiguousMunicipalityError as err:
                ambiguous.update(err.ambiguous)
                pending = [p for p in pending if p not in err.ambiguous]
        for i, n in zip(grp.index, grp["n"]):
            if n in mapping:
                codes[i] = mapping[n]
            elif n in ambiguous:
                errors[i] = f"column 'municipality': {n!r} depends on the year ({ambiguous[n]}); give a full date"
            else:
                close = unknown.get(n, [])
                hint = f" (closest known: {', '.join(repr(c) for c in close)})" if close else ""
                errors[i] = (f"column 'municipality': unknown municipality name {n!r}{hint}; fix it or pass "
                             f"extra={{{n!r}: code}}")
    return codes, unknown, errors


def load_records(
    path: str | Path,
    domain: str,
    *,
    extra: dict[str, str] | None = None,
    tolerance_m: float = TOLERANCE_M,
    on_disagreement: str = "reject",
    strict: bool = False,
) -> RecordsResult:
    """Read a CSV or Excel (.xlsx) file of records of ``domain`` and validate every row.

    Parameters
    ----------
    path : the file (``.csv`` UTF-8 with or without BOM; ``.xlsx`` first sheet).
    domain : ``"trafficking"``, ``"hate_incident"`` or ``"displacement"``; the
        columns are documented in :mod:`kosovo_hr.records.schema` and
        ``data/raw/README.md``.
    extra : spellings you have checked, ``{name as written: code}``.
    tolerance_m : a point in no polygon but within this many metres of a
        municipality (simplified borders) goes to the nearest one.
    on_disagreement : when a row has both a municipality name and
        coordinates placing it in a different municipality (further than
        ``tolerance_m`` from the named one): ``"reject"`` the row (default),
        or trust the ``"name"`` or the ``"coordinates"``.
    strict : raise :class:`RecordsValidationError` if any row is rejected.

    Returns
    -------
    :class:`RecordsResult` with ``records``, ``rejected`` and ``unknown_names``.

    Raises
    ------
    RecordsSchemaError : empty file, or required columns missing (all listed).
    """
    schema = get_schema(domain)
    if on_disagreement not in DISAGREEMENT:
        raise ValueError(f"on_disagreement must be one of {', '.join(DISAGREEMENT)}")
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"no records file at {path}")
    raw = _read_table(path)
    missing = [c for c in schema.required if c not in raw.columns]
    if missing:
        raise RecordsSchemaError(
            f"{path}: required column(s) missing: {', '.join(missing)}. Columns found: "
            f"{', '.join(c for c in raw.columns if c != 'row')}. The {domain!r} schema is in "
            f"data/raw/README.md (kosovo_hr.records.get_schema({domain!r}).describe()).")
    typed, problems = _validate_cells(raw, schema)

    # municipality names (rows whose date failed are resolved without a year)
    names = typed["municipality"].astype(object).where(typed["municipality"].notna(), None)
    codes, unknown, name_err = _resolve_names(names, typed["year"], extra)
    for i, msg in name_err.items():
        problems.setdefault(i, []).append(msg)

    # coordinates
    has_pt = (typed["latitude"].notna() & typed["longitude"].notna()).to_numpy()
    pt_code: list[str | None] = [None] * len(typed)
    pt_method: list[str | None] = [None] * len(typed)
    idx = np.flatnonzero(has_pt)
    if len(idx):
        lat = typed["latitude"].to_numpy(dtype=float, na_value=np.nan)[idx]
        lon = typed["longitude"].to_numpy(dtype=float, na_value=np.nan)[idx]
        located = locate_points(lat, lon, tolerance_m=tolerance_m)
        outside = np.flatnonzero(located["method"].to_numpy() == "outside")
        # only points outside Kosovo are tried the other way round, for the hint
        swapped = locate_points(lon[outside], lat[outside], tolerance_m=tolerance_m)
        looks_swapped = {int(k) for k, m in zip(outside, swapped["method"]) if m != "outside"}
        for k, i in enumerate(idx):
            if located["method"].iloc[k] == "outside":
                d_km = located["distance_m"].iloc[k] / 1000
                hint = " (latitude and longitude look swapped)" if k in looks_swapped else ""
                problems.setdefault(i, []).append(
                    f"columns 'latitude'/'longitude': point ({lat[k]:.5f}, {lon[k]:.5f}) is outside Kosovo, "
                    f"{d_km:.1f} km from the nearest municipality{hint}")
            else:
                pt_code[i] = located["code"].iloc[k]
                pt_method[i] = located["method"].iloc[k]

    final: list[str | None] = [None] * len(typed)
    method: list[str | None] = [None] * len(typed)
    hist = historic_units()
    successors = dict(zip(hist["code"], hist["successors"].str.split(";")))
    check = [i for i in range(len(typed)) if codes[i] and pt_code[i]]
    if check:
        d = distance_to([codes[i] for i in check],
                        typed["latitude"].to_numpy(dtype=float, na_value=np.nan)[check],
                        typed["longitude"].to_numpy(dtype=float, na_value=np.nan)[check])
        dist = dict(zip(check, d))
    else:
        dist = {}
    for i in range(len(typed)):
        c_name, c_pt = codes[i], pt_code[i]
        if c_name and c_pt:
            same = c_name == c_pt or c_pt in successors.get(c_name, []) or dist[i] <= tolerance_m
            if same:
                final[i], method[i] = c_name, "name_and_coordinates"
            elif on_disagreement == "reject":
                problems.setdefault(i, []).append(
                    f"columns 'municipality'/'latitude'/'longitude' disagree: the name "
                    f"{typed['municipality'].iloc[i]!r} is {c_name}, the point lies in {c_pt} "
                    f"({dist[i] / 1000:.1f} km from {c_name}); correct one, or pass on_disagreement='name' "
                    f"or 'coordinates'")
            elif on_disagreement == "name":
                final[i], method[i] = c_name, "name"
            else:
                final[i], method[i] = c_pt, "coordinates"
        elif c_name:
            final[i], method[i] = c_name, "name"
        elif c_pt and pd.isna(typed["municipality"].iloc[i]):
            final[i], method[i] = c_pt, "coordinates" if pt_method[i] == "within" else "coordinates_nearest"

    typed["code"] = pd.array(final, dtype="string")
    typed["location_method"] = pd.array(method, dtype="string")
    bad_idx = sorted(problems)
    ok = np.ones(len(typed), dtype=bool)
    ok[bad_idx] = False
    first = ["row", *schema.names, "year", "month", "date_precision", "code", "location_method"]
    extras = [c for c in typed.columns if c not in first]
    records = typed.loc[ok, first + extras].reset_index(drop=True)
    rejected = raw.iloc[bad_idx].copy()
    rejected.insert(1, "reason", ["; ".join(problems[i]) for i in bad_idx])
    rejected = rejected.reset_index(drop=True)
    result = RecordsResult(domain=domain, path=str(path), records=records, rejected=rejected,
                           unknown_names=unknown)
    if strict:
        result.raise_if_rejected()
    return result
