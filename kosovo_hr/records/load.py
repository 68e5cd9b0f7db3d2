"""Read, validate, resolve and place users' own record files, column by column.

:func:`load_records` never drops a row silently: every row ends up in
``result.records`` (valid, with a ``code``), in ``result.rejected`` (with
every reason, naming the spreadsheet row and column) or, for a repeated
record, in ``result.duplicates`` (naming the row it repeats). Problems of the
whole file (unreadable encoding, no header, required or reserved columns)
raise :class:`RecordsSchemaError` listing every problem at once.

The engine works on whole columns: each column's distinct values are read
once (:mod:`kosovo_hr.records.parse`) and mapped back to the rows; names are
resolved once per distinct spelling; points are placed with one spatial
index query (:mod:`kosovo_hr.records.locate`). Files are read in chunks of
:data:`~kosovo_hr.records.read.CHUNK_ROWS` rows, so memory grows with the
accepted records, not with the raw text. ``benchmarks/records_engine.py``
measures it against ``pandas.read_csv`` and ``geopandas.sjoin``.

Row numbers are spreadsheet row numbers: the header is row 1, the first
record row 2, whatever blank rows the file holds.
"""

from __future__ import annotations

import datetime as _dt
import warnings
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..gazetteer import AmbiguousMunicipalityError, UnknownMunicipalityError, historic_units, resolve_many
from .errors import RecordsDuplicateError, RecordsSchemaError, RecordsValidationError
from .headers import RESERVED, match_headers
from .locate import TOLERANCE_M, distance_to, locate_points
from .parse import (category_values, factorize, is_missing, parse_dates, parse_numbers, take)
from .read import CHUNK_ROWS, read_chunks
from .schema import RecordSchema, get_schema

__all__ = ["load_records", "RecordsResult", "RecordsWarning", "MIN_YEAR", "DISAGREEMENT", "ON_DUPLICATE",
           "RecordsSchemaError", "RecordsValidationError", "RecordsDuplicateError"]

DISAGREEMENT = ("reject", "name", "coordinates")
ON_DUPLICATE = ("drop", "keep", "error")
#: Earliest year a record may carry by default (the end of the Second World War); later than today is never accepted.
MIN_YEAR = 1945
#: Columns the engine adds to the schema's (never taken from the file: see :data:`~.headers.RESERVED`).
ENGINE_COLUMNS = ("row", "year", "month", "date_precision", "date_format", "code", "location_method")


class RecordsWarning(UserWarning):
    """Something in the file was read in a way the user should know of (duplicates dropped)."""


@dataclass
class RecordsResult:
    """What :func:`load_records` found in a file.

    ``records``        valid rows: ``row`` (spreadsheet row), the schema's
                       columns typed, ``year``, ``month`` (missing when the
                       date has year precision), ``date_precision``
                       (day/month/year), ``date_format`` (how the date was
                       written), ``code`` (gazetteer code), ``location_method``
                       (``name``, ``coordinates``, ``coordinates_nearest``,
                       ``name_and_coordinates``, ``not_recorded``) and any
                       extra columns of the file (as text).
    ``rejected``       rejected rows: ``row``, ``reason`` (every problem of the
                       row, ``; ``-separated) and the row's cells as written.
    ``duplicates``     rows that repeat an earlier row exactly (``row``,
                       ``same_as_row``) and rows whose ``record_id`` repeats
                       with different values (``record_id``, ``rows``).
    ``unknown_names``  every municipality name not in the gazetteer, with the
                       closest known spellings (fix them, or pass ``extra=``).
    ``info``           how the file was read: format, encoding, separator,
                       sheet, headers matched, date formats found, options.
    """

    domain: str
    path: str
    records: pd.DataFrame
    rejected: pd.DataFrame
    unknown_names: dict[str, list[str]] = field(default_factory=dict)
    duplicates: pd.DataFrame = field(default_factory=pd.DataFrame)
    info: dict = field(default_factory=dict)

    @property
    def n_rows(self) -> int:
        """Rows read (blank rows are not records and are not counted)."""
        return len(self.records) + len(self.rejected) + int(self.info.get("duplicates_dropped", 0))

    def summary(self) -> str:
        lines = [f"{self.path}: {self.n_rows} row(s) read as {self.domain!r}: "
                 f"{len(self.records)} accepted, {len(self.rejected)} rejected"
                 + (f", {self.info['duplicates_dropped']} exact duplicate(s) dropped"
                    if self.info.get("duplicates_dropped") else "") + "."]
        if self.unknown_names:
            lines.append(f"{len(self.unknown_names)} unknown municipality name(s): "
                         + ", ".join(repr(n) for n in self.unknown_names))
        fm = self.info.get("date_formats")
        if fm:
            lines.append("dates written as " + ", ".join(f"{k} ({v})" for k, v in fm.items()))
        return "\n".join(lines)

    def raise_if_rejected(self) -> None:
        """Raise :class:`RecordsValidationError` listing every rejected row, if any."""
        if len(self.rejected):
            lines = [self.summary()] + [f"  row {r}: {why}" for r, why in
                                        zip(self.rejected["row"], self.rejected["reason"])]
            raise RecordsValidationError("\n".join(lines))

    def __repr__(self) -> str:
        return f"RecordsResult({self.summary()!r})"


# ------------------------------------------------------------------------------------------------- options

def _check_extra(extra: dict[str, str] | None, schema: RecordSchema) -> dict[str, str]:
    """Every code of ``extra=`` must be a gazetteer code (or one of the schema's special codes)."""
    if not extra:
        return {}
    import difflib

    from ..gazetteer import municipalities

    known = set(municipalities()["code"]) | set(historic_units()["code"]) | set(schema.special_codes)
    bad = {name: code for name, code in extra.items() if code not in known}
    if bad:
        items = "; ".join(f"{name!r} -> {code!r}" + (f" (closest codes: {', '.join(close)})" if (
            close := difflib.get_close_matches(str(code), sorted(known), n=3, cutoff=0.5)) else "")
            for name, code in bad.items())
        raise RecordsSchemaError(f"extra= maps names to unknown code(s): {items}. Codes are those of "
                                 f"kosovo_hr.municipalities() (column 'code')"
                                 + (f" or {', '.join(schema.special_codes)}" if schema.special_codes else ""))
    return dict(extra)


# ------------------------------------------------------------------------------------------------- names

class _Names:
    """Resolves distinct (name, year) once for the whole file, across chunks."""

    def __init__(self, extra: dict[str, str]):
        self.extra = extra
        self.plain: dict[str, str] = {}       # name -> code (year does not matter)
        self.by_year: dict[tuple[str, int], str] = {}
        self.unknown: dict[str, list[str]] = {}
        self.ambiguous: dict[str, str] = {}   # name -> what it depends on

    def _batch(self, names: list[str], year: int | None) -> dict[str, str]:
        out: dict[str, str] = {}
        pending = list(names)
        while pending:
            try:
                out.update(resolve_many(pending, year=year, extra=self.extra))
                break
            except UnknownMunicipalityError as err:
                self.unknown.update(err.unmatched)
                pending = [p for p in pending if p not in err.unmatched]
            except AmbiguousMunicipalityError as err:
                if year is not None:  # cannot happen: the year settles it
                    raise
                self.ambiguous.update(err.ambiguous)
                pending = [p for p in pending if p not in err.ambiguous]
        return out

    def resolve(self, names: pd.Series, years: np.ndarray, year_ok: np.ndarray
                ) -> tuple[np.ndarray, np.ndarray]:
        """(codes, errors) per row; ``names`` as written (missing: None)."""
        codes_f, uniq = factorize(names)
        strs = [str(u).strip() for u in uniq]
        new = [s for s in dict.fromkeys(strs) if s not in self.plain and s not in self.unknown
               and s not in self.ambiguous]
        if new:
            self.plain.update(self._batch(new, None))
        n = len(names)
        code = np.full(n, None, dtype=object)
        err = np.full(n, None, dtype=object)
        u_code = np.array([self.plain.get(s) for s in strs], dtype=object)
        code[:] = take(u_code, codes_f)
        u_unknown = np.array([s in self.unknown for s in strs], dtype=bool)
        u_amb = np.array([s in self.ambiguous for s in strs], dtype=bool)
        for k in np.flatnonzero(u_unknown):
            close = self.unknown.get(strs[k], [])
            hint = f" (closest known: {', '.join(repr(c) for c in close)})" if close else ""
            msg = (f"unknown municipality name {strs[k]!r}{hint}; fix it or pass "
                   f"extra={{{strs[k]!r}: code}}")
            err[codes_f == k] = msg
        if u_amb.any():
            rows = np.flatnonzero(np.isin(codes_f, np.flatnonzero(u_amb)))
            for i in rows:
                s = strs[codes_f[i]]
                if not year_ok[i]:
                    err[i] = f"{s!r} depends on the year ({self.ambiguous[s]}); give a valid date"
                    continue
                key = (s, int(years[i]))
                if key not in self.by_year:
                    self.by_year[key] = self._batch([s], key[1])[s]
                code[i] = self.by_year[key]
        return code, err


# ------------------------------------------------------------------------------------------------- one chunk

@dataclass
class _Options:
    schema: RecordSchema
    extra: dict[str, str]
    dayfirst: bool | None
    thousands: str | None
    decimal: str
    min_year: int
    today: _dt.date
    tolerance_m: float
    on_disagreement: str
    names: _Names
    user_columns: list[str]


def _process(raw: pd.DataFrame, opt: _Options, formats: Counter) -> tuple[pd.DataFrame, pd.DataFrame, int]:
    """(records, rejected, blank rows) of one chunk of raw cells."""
    schema = opt.schema
    cols = [c for c in raw.columns if c != "row"]
    missing = {c: is_missing(raw[c]) for c in cols}
    blank = np.logical_and.reduce([missing[c] for c in cols]) if cols else np.ones(len(raw), dtype=bool)
    n_blank = int(blank.sum())
    if n_blank:
        raw = raw.loc[~blank].reset_index(drop=True)
        missing = {c: m[~blank] for c, m in missing.items()}
    n = len(raw)
    errors: list[tuple[str, np.ndarray]] = []
    out: dict[str, object] = {"row": raw["row"].to_numpy(dtype=np.int64)}

    def missing_required(name: str) -> None:
        if name in raw.columns:
            e = np.where(missing[name], "missing (required)", None).astype(object)
        else:
            e = np.full(n, "missing (required)", dtype=object)
        errors.append((name, e))

    # the date first: names whose meaning changed need the year
    year_ok = np.zeros(n, dtype=bool)
    years = np.zeros(n, dtype=np.int64)
    for col in schema.columns:
        name = col.name
        present = name in raw.columns
        if col.kind == "date":
            codes, uniq = factorize(raw[name])
            r = parse_dates(uniq, dayfirst=opt.dayfirst, min_year=opt.min_year, today=opt.today)
            ok = codes >= 0
            e = take(r["error"], codes)
            e[~ok] = "missing (required)" if col.required else None
            errors.append((name, e))
            good = ok & (e == None)  # noqa: E711
            year_ok = good
            dates = np.full(n, np.datetime64("NaT"), dtype="datetime64[ns]")
            dates[ok] = r["date"][codes[ok]]
            years = np.where(ok, r["year"][np.maximum(codes, 0)], 0)
            months = np.where(ok, r["month"][np.maximum(codes, 0)], 0)
            out["date"] = dates
            out["year"] = years
            out["month"] = pd.array(np.where(good & (months > 0), months, 0), dtype="Int64")
            out["month"][~(good & (months > 0))] = pd.NA
            out["date_precision"] = take(r["precision"], codes)
            fmt = take(r["format"], codes)
            out["date_format"] = fmt
            formats.update(Counter(f for f in fmt[good]))
            continue
        if not present:
            if col.required:
                missing_required(name)
            if col.kind in ("int", "float"):
                out[name] = np.full(n, np.nan if col.default is None else float(col.default))
            else:
                out[name] = np.full(n, col.default, dtype=object)
            continue
        m = missing[name]
        if col.kind == "text":
            s = raw[name].astype("str").str.strip()
            out[name] = np.where(m, None, s.to_numpy(dtype=object))
        elif col.kind == "category":
            codes, uniq = factorize(raw[name])
            vals, e = category_values(uniq, col.categories, name)
            out[name] = take(vals, codes, fill=col.default)
            errors.append((name, take(e, codes)))
        else:
            codes, uniq = factorize(raw[name])
            vals, e = parse_numbers(uniq, whole=col.kind == "int", thousands=opt.thousands,
                                    decimal=opt.decimal, minimum=col.minimum, maximum=col.maximum)
            x = np.full(n, np.nan if col.default is None else float(col.default))
            ok = codes >= 0
            x[ok] = vals[codes[ok]]
            out[name] = x
            errors.append((name, take(e, codes)))
        if col.required:
            errors.append((name, np.where(m, "missing (required)", None).astype(object)))

    # place: municipality name, coordinates, or the schema's code for "not recorded"
    lat = np.asarray(out.get("latitude", np.full(n, np.nan)), dtype=float)
    lon = np.asarray(out.get("longitude", np.full(n, np.nan)), dtype=float)
    lat_given = ~missing["latitude"] if "latitude" in missing else np.zeros(n, dtype=bool)
    lon_given = ~missing["longitude"] if "longitude" in missing else np.zeros(n, dtype=bool)
    half = lat_given != lon_given
    errors.append(("latitude", np.where(half & ~lat_given, "missing: give both latitude and longitude, or neither",
                                        None).astype(object)))
    errors.append(("longitude", np.where(half & ~lon_given, "missing: give both latitude and longitude, or neither",
                                         None).astype(object)))
    names_given = ~missing["municipality"] if "municipality" in missing else np.zeros(n, dtype=bool)
    names = pd.Series(out["municipality"], dtype=object) if "municipality" in out else pd.Series([None] * n)
    c_name, e_name = opt.names.resolve(names.where(names_given, None), years, year_ok)
    errors.append(("municipality", e_name))
    has_pt = lat_given & lon_given & np.isfinite(lat) & np.isfinite(lon)
    c_pt = np.full(n, None, dtype=object)
    m_pt = np.full(n, None, dtype=object)
    e_pt = np.full(n, None, dtype=object)
    idx = np.flatnonzero(has_pt)
    if len(idx):
        located = locate_points(lat[idx], lon[idx], tolerance_m=opt.tolerance_m)
        meth = located["method"].to_numpy(dtype=object)
        inside = meth != "outside"
        c_pt[idx[inside]] = located["code"].to_numpy(dtype=object)[inside]
        m_pt[idx[inside]] = np.where(meth[inside] == "within", "coordinates", "coordinates_nearest")
        out_i = idx[~inside]
        if len(out_i):
            sw = locate_points(lon[out_i], lat[out_i], tolerance_m=opt.tolerance_m)["method"].to_numpy() != "outside"
            km = opt.tolerance_m / 1000
            e_pt[out_i] = [f"point ({a:.5f}, {b:.5f}) is outside Kosovo (more than {km:g} km from every "
                           f"municipality)" + (" (latitude and longitude look swapped)" if s else "")
                           for a, b, s in zip(lat[out_i], lon[out_i], sw)]
    errors.append(("latitude/longitude", e_pt))

    final = np.full(n, None, dtype=object)
    method = np.full(n, None, dtype=object)
    both = (c_name != None) & (c_pt != None)  # noqa: E711
    only_name = (c_name != None) & ~both  # noqa: E711
    only_pt = (c_pt != None) & ~names_given  # noqa: E711
    final[only_name], method[only_name] = c_name[only_name], "name"
    final[only_pt], method[only_pt] = c_pt[only_pt], m_pt[only_pt]
    if both.any():
        succ = {h: set(str(s).split(";")) for h, s in zip(historic_units()["code"], historic_units()["successors"])}
        b = np.flatnonzero(both)
        same = np.array([c_name[i] == c_pt[i] or c_pt[i] in succ.get(c_name[i], ()) for i in b], dtype=bool)
        check = b[~same]
        dist = np.zeros(len(b))
        if len(check):
            dist[~same] = distance_to(list(c_name[check]), lat[check], lon[check])
        agree = same | (dist <= opt.tolerance_m)
        e_dis = np.full(n, None, dtype=object)
        for i, ok, d in zip(b, agree, dist):
            if ok:
                final[i], method[i] = c_name[i], "name_and_coordinates"
            elif opt.on_disagreement == "name":
                final[i], method[i] = c_name[i], "name"
            elif opt.on_disagreement == "coordinates":
                final[i], method[i] = c_pt[i], "coordinates"
            else:
                e_dis[i] = (f"the name {names.iloc[i]!r} is {c_name[i]}, the point lies in {c_pt[i]} "
                            f"({d / 1000:.1f} km from {c_name[i]}); correct one, or pass "
                            f"on_disagreement='name' or 'coordinates'")
        errors.append(("municipality/latitude/longitude", e_dis))
    nowhere = ~names_given & ~lat_given & ~lon_given
    if schema.blank_place is not None:
        final[nowhere], method[nowhere] = schema.blank_place, "not_recorded"
    else:
        errors.append(("municipality", np.where(
            nowhere, "missing: give the municipality or both latitude and longitude", None).astype(object)))
    if schema.level == "pre2008":
        from ..geo.pre2008 import pre2008_code_map

        to_unit = pre2008_code_map()
        special = set(schema.special_codes)
        mapped = np.array([c if c is None or c in special else to_unit.get(c) for c in final], dtype=object)
        lost = (final != None) & (mapped == None)  # noqa: E711
        errors.append(("municipality", np.where(
            lost, np.array([f"{c} is no pre-2008 municipality" for c in final], dtype=object), None)))
        final = mapped
    out["code"] = final
    out["location_method"] = method

    # every problem of a row, in the order of the columns
    bad = np.zeros(n, dtype=bool)
    for _, e in errors:
        bad |= e != None  # noqa: E711
    bad_idx = np.flatnonzero(bad)
    if len(bad_idx):
        parts = {}
        for k, (label, e) in enumerate(errors):
            v = e[bad_idx]
            hit = v != None  # noqa: E711
            if hit.any():
                msg = np.full(len(bad_idx), None, dtype=object)
                msg[hit] = _prefix(label) + v[hit].astype(object)
                parts[k] = msg
        stacked = pd.DataFrame(parts, dtype=object).stack()
        reasons = stacked[stacked.notna()].groupby(level=0).agg("; ".join)
        rejected = raw.iloc[bad_idx].reset_index(drop=True)
        rejected.insert(1, "reason", reasons.reindex(range(len(bad_idx))).to_numpy())
    else:
        rejected = raw.iloc[:0].copy()
        rejected.insert(1, "reason", pd.Series([], dtype=object))
    keep = ~bad
    rec = {k: v[keep] for k, v in out.items()}
    for c in opt.user_columns:  # extra columns of the file, as text
        rec[c] = np.where(missing[c], None, raw[c].astype("str").str.strip().to_numpy(dtype=object))[keep]
    return pd.DataFrame(rec), rejected, n_blank


def _prefix(label: str) -> str:
    """``column 'x': `` for one column, ``columns 'x'/'y': `` for a problem between columns."""
    cols = label.split("/")
    return f"column {cols[0]!r}: " if len(cols) == 1 else f"columns {'/'.join(repr(c) for c in cols)}: "


def _finish(frames: list[pd.DataFrame], schema: RecordSchema, user_columns: list[str]) -> pd.DataFrame:
    df = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    order = ["row", *schema.names, "year", "month", "date_precision", "date_format", "code", "location_method",
             *user_columns]
    df = df[order]
    for col in schema.columns:
        if col.kind == "category":
            df[col.name] = pd.Categorical(df[col.name], categories=list(col.categories))
        elif col.kind == "int":
            df[col.name] = pd.array(df[col.name].to_numpy(dtype=float), dtype="Float64").astype("Int64")
        elif col.kind == "float":
            df[col.name] = df[col.name].astype("float64")
        elif col.kind == "text":
            df[col.name] = df[col.name].astype("str").where(df[col.name].notna(), None)
    for c in ("date_precision", "date_format", "code", "location_method"):
        df[c] = df[c].astype("category")
    df["year"] = df["year"].astype("int64")
    return df


# ------------------------------------------------------------------------------------------------- duplicates

def _duplicates(records: pd.DataFrame, rejected: list[pd.DataFrame], policy: str, schema: RecordSchema
                ) -> tuple[pd.DataFrame, pd.DataFrame, int]:
    """(records, duplicates table, exact duplicates dropped); repeated ids with other values go to ``rejected``."""
    content = [c for c in records.columns if c not in ENGINE_COLUMNS and c != "date_format"]
    empty = pd.DataFrame({"row": pd.Series([], dtype="int64"), "kind": pd.Series([], dtype=object),
                          "same_as_row": pd.Series([], dtype="Int64"), "record_id": pd.Series([], dtype=object)})
    if len(records) < 2:
        return records, empty, 0
    h = pd.util.hash_pandas_object(records[content], index=False).to_numpy()
    cand = pd.Series(h).duplicated(keep=False).to_numpy()
    exact = np.zeros(len(records), dtype=bool)
    first_row = np.zeros(len(records), dtype=np.int64)
    if cand.any():
        sub = records.loc[cand, content + ["row"]]
        dup = sub.duplicated(subset=content, keep="first").to_numpy()  # exact comparison of the candidates
        if dup.any():
            firsts = sub.groupby(content, dropna=False, observed=True, sort=False)["row"].transform("min")
            exact[np.flatnonzero(cand)[dup]] = True
            first_row[np.flatnonzero(cand)[dup]] = firsts.to_numpy()[dup]
    tables = []
    if exact.any():
        tables.append(pd.DataFrame({"row": records["row"].to_numpy()[exact], "kind": "exact_duplicate",
                                    "same_as_row": first_row[exact], "record_id": None}))
    conflict = np.zeros(len(records), dtype=bool)
    if "record_id" in records.columns:
        rid = records["record_id"]
        has = rid.notna().to_numpy() & ~exact
        rep = np.zeros(len(records), dtype=bool)
        rep[has] = rid[has].duplicated(keep=False).to_numpy()
        if rep.any():
            conflict = rep
            r = records.loc[rep, ["row", "record_id"]]
            tables.append(pd.DataFrame({"row": r["row"].to_numpy(), "kind": "repeated_record_id",
                                        "same_as_row": pd.NA, "record_id": r["record_id"].to_numpy()}))
    if not tables:
        return records, empty, 0
    table = pd.concat(tables, ignore_index=True).sort_values("row").reset_index(drop=True)
    table["same_as_row"] = table["same_as_row"].astype("Int64")
    n_exact, n_ids = int(exact.sum()), int(conflict.sum())
    what = (f"{n_exact} row(s) repeat an earlier row exactly" if n_exact else "") + \
           (" and " if n_exact and n_ids else "") + \
           (f"{n_ids} row(s) share a record_id with a row holding other values" if n_ids else "")
    if policy == "error":
        lines = [f"  row {r}: " + (f"same as row {s}" if k == "exact_duplicate" else f"record_id {i!r} repeated")
                 for r, k, s, i in zip(table["row"], table["kind"], table["same_as_row"], table["record_id"])]
        raise RecordsDuplicateError(f"{what}:\n" + "\n".join(lines[:200])
                                    + ("\n  ..." if len(lines) > 200 else "")
                                    + "\nRemove the copies, or pass on_duplicate='drop' or 'keep'.")
    if policy == "keep":
        warnings.warn(f"{what}; all are kept (on_duplicate='keep') and will be counted: see result.duplicates",
                      RecordsWarning, stacklevel=3)
        return records, table, 0
    # drop: exact copies leave; rows of a repeated id with different values are rejected (which is right is unknown)
    if n_ids:
        groups = records.loc[conflict].groupby("record_id", observed=True)["row"].agg(list)
        rows_of = {k: v for k, v in groups.items()}
        rej = records.loc[conflict].copy()
        rej["reason"] = [f"column 'record_id': {i!r} is also the id of row(s) "
                         f"{', '.join(str(x) for x in rows_of[i] if x != r)} with other values; keep one record "
                         f"per id, or give them different ids" for r, i in zip(rej["row"], rej["record_id"])]
        rej = rej[["row", "reason", *[c for c in rej.columns if c not in ("row", "reason") and c in content]]]
        rejected.append(rej.astype({c: object for c in rej.columns if c not in ("row",)}))
    warnings.warn(f"{what}: " + (f"the {n_exact} exact copies are dropped (each record is counted once)" if n_exact
                                 else "") + ("; " if n_exact and n_ids else "")
                  + (f"the {n_ids} rows with a repeated record_id are rejected" if n_ids else "")
                  + ". See result.duplicates. If the copies are distinct records, give each a record_id.",
                  RecordsWarning, stacklevel=3)
    return records.loc[~exact & ~conflict].reset_index(drop=True), table, n_exact


# ------------------------------------------------------------------------------------------------- entry point

def load_records(
    source: str | Path | pd.DataFrame,
    domain: str,
    *,
    columns: dict[str, str] | None = None,
    sheet: str | int | None = None,
    encoding: str | None = None,
    sep: str | None = None,
    dayfirst: bool | None = None,
    thousands: str | None = None,
    decimal: str = ".",
    extra: dict[str, str] | None = None,
    tolerance_m: float = TOLERANCE_M,
    on_disagreement: str = "reject",
    on_duplicate: str = "drop",
    min_year: int = MIN_YEAR,
    strict: bool = False,
    progress: bool = True,
    chunk_rows: int = CHUNK_ROWS,
) -> RecordsResult:
    """Read a record file of ``domain``, validate every row, resolve names and place points.

    Parameters
    ----------
    source : a ``.csv``/``.txt``/``.tsv`` file (UTF-8, UTF-8 with BOM or UTF-16;
        separator detected), an Excel workbook ``.xlsx``, a ``.parquet`` file,
        or a pandas DataFrame already open in the notebook.
    domain : ``"trafficking"``, ``"hate_incident"``, ``"displacement"`` or
        ``"conflict"``; the columns are in :mod:`kosovo_hr.records.schema` and
        ``data/raw/README.md``.
    columns : ``{"header as written": "schema column"}`` for headers the
        curated alias table does not know (it knows ``Komuna``, ``Opština``,
        ``Datum``, ``Numri i viktimave``...).
    sheet : the workbook's sheet (name or 0-based number); needed when it has
        several.
    encoding : the CSV's encoding when it is not UTF-8 or UTF-16, e.g.
        ``"cp1250"`` (Windows-1250).
    sep : the CSV's separator when it should not be detected.
    dayfirst : how to read slashed dates (``3/4/2021``): ``True`` day first,
        ``False`` month first; without it they are rejected as ambiguous.
    thousands, decimal : the characters grouping thousands and marking
        decimals in number cells (``thousands="."``, ``decimal=","`` for
        ``1.234,5``). Without ``thousands=`` a count written ``1.000`` is
        rejected, never read as 1.
    extra : spellings you have checked, ``{name as written: code}``; every
        code must be a gazetteer code (or a special code of the schema).
    tolerance_m : a point in no polygon but within this many metres of a
        municipality (simplified borders) goes to the nearest one.
    on_disagreement : when a row's name and point are in different
        municipalities (further than ``tolerance_m`` from the named one):
        ``"reject"`` the row (default), or trust the ``"name"`` or the
        ``"coordinates"``.
    on_duplicate : ``"drop"`` (default: a row repeating an earlier row
        exactly is dropped, rows sharing a ``record_id`` with other values are
        rejected; a :class:`RecordsWarning` says how many), ``"keep"`` (keep
        all, warn) or ``"error"`` (raise :class:`RecordsDuplicateError`).
        ``result.duplicates`` lists them in every case.
    min_year : the earliest plausible year (default :data:`MIN_YEAR`);
        dates after today are always rejected.
    strict : raise :class:`RecordsValidationError` if any row is rejected.
    progress : show a progress bar on files of more than one chunk.

    Returns
    -------
    :class:`RecordsResult` with ``records``, ``rejected``, ``duplicates``,
    ``unknown_names`` and ``info``.

    Raises
    ------
    RecordsSchemaError : the file cannot be read as a table of the schema (all
        problems listed).
    """
    schema = get_schema(domain)
    if on_disagreement not in DISAGREEMENT:
        raise ValueError(f"on_disagreement must be one of {', '.join(DISAGREEMENT)}")
    if on_duplicate not in ON_DUPLICATE:
        raise ValueError(f"on_duplicate must be one of {', '.join(ON_DUPLICATE)}")
    if thousands is not None and thousands == decimal:
        raise ValueError(f"thousands= and decimal= cannot both be {decimal!r}")
    extra = _check_extra(extra, schema)
    info, chunks = read_chunks(source, sheet=sheet, encoding=encoding, sep=sep, chunk_rows=chunk_rows)
    where = info.source if not isinstance(source, pd.DataFrame) else "DataFrame"
    formats: Counter = Counter()
    frames, rejected, n_blank = [], [], 0
    opt: _Options | None = None
    bar = None
    try:
        for k, raw in enumerate(chunks):
            if opt is None:
                header = [c for c in raw.columns if c != "row"]
                new, matched = match_headers(header, domain, schema.names, columns, where)
                info_columns = matched
                raw.columns = ["row", *new]
                _check_required(raw, schema, where, domain)
                opt = _Options(schema=schema, extra=extra, dayfirst=dayfirst, thousands=thousands, decimal=decimal,
                               min_year=min_year, today=_dt.date.today(), tolerance_m=tolerance_m,
                               on_disagreement=on_disagreement, names=_Names(extra),
                               user_columns=[c for c in new if c not in schema.names])
                renamed = ["row", *new]
            else:
                raw.columns = renamed[:raw.shape[1]]
            if k == 1 and progress:
                from tqdm.auto import tqdm

                bar = tqdm(unit=" rows", desc=f"reading {Path(where).name}", initial=chunk_rows)
            rec, rej, nb = _process(raw, opt, formats)
            frames.append(rec)
            if len(rej):
                rejected.append(rej)
            n_blank += nb
            if bar is not None and k >= 1:
                bar.update(len(raw))
    finally:
        if bar is not None:
            bar.close()
    assert opt is not None
    records = _finish(frames, schema, opt.user_columns)
    records, dups, n_dropped = _duplicates(records, rejected, on_duplicate, schema)
    rej_cols = ["row", "reason"]
    rejected_df = pd.concat(rejected, ignore_index=True) if rejected else pd.DataFrame(
        {"row": pd.Series([], dtype="int64"), "reason": pd.Series([], dtype=object)})
    rejected_df = rejected_df[rej_cols + [c for c in rejected_df.columns if c not in rej_cols]]
    rejected_df = rejected_df.sort_values("row", kind="stable").reset_index(drop=True)
    info_d = info.as_dict()
    info_d.update({"columns": info_columns, "date_formats": dict(formats.most_common()), "blank_rows": n_blank,
                   "duplicates_dropped": n_dropped, "dayfirst": dayfirst, "thousands": thousands,
                   "decimal": decimal, "min_year": min_year, "level": schema.level})
    result = RecordsResult(domain=domain, path=where, records=records, rejected=rejected_df,
                           unknown_names=dict(opt.names.unknown), duplicates=dups, info=info_d)
    if strict:
        result.raise_if_rejected()
    return result


def _check_required(raw: pd.DataFrame, schema: RecordSchema, where: str, domain: str) -> None:
    missing = [c for c in schema.required if c not in raw.columns]
    has_place = "municipality" in raw.columns or {"latitude", "longitude"} <= set(raw.columns) \
        or schema.blank_place is not None
    if not has_place:
        missing.append("municipality (or latitude and longitude)")
    if missing:
        raise RecordsSchemaError(
            f"{where}: required column(s) missing: {', '.join(missing)}. Columns found: "
            f"{', '.join(c for c in raw.columns if c != 'row')}. The {domain!r} schema is in "
            f"data/raw/README.md (kosovo_hr.records.get_schema({domain!r}).describe()); headers the alias "
            f"table does not know can be named with columns={{'as written': 'schema column'}}.")


assert set(ENGINE_COLUMNS) <= set(RESERVED)
