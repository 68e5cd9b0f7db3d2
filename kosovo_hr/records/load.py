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
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..errors import KosovoHRValueError
from ..gazetteer import historic_units
from .duplicates import ENGINE_COLUMNS, find_duplicates
from .errors import RecordsSchemaError
from .headers import RESERVED, match_headers
from .locate import TOLERANCE_M, distance_to, locate_points
from .names import NameResolver, check_extra
from .parse import (
    DATE_FORMATS,
    MISSING_TEXT,
    PRECISIONS,
    category_values,
    factorize,
    parse_dates,
    parse_numbers,
    take,
    take_index,
)
from .read import CHUNK_ROWS, ROW, read_chunks
from .result import RecordsResult
from .schema import RecordSchema, get_schema

__all__ = ["load_records", "MIN_YEAR", "DISAGREEMENT", "ON_DUPLICATE"]

DISAGREEMENT = ("reject", "name", "coordinates")
ON_DUPLICATE = ("drop", "keep", "error")
#: Earliest year a record may carry by default (the end of the Second World War); later than today is never accepted.
MIN_YEAR = 1945


# ------------------------------------------------------------------------------------------------- one chunk

LOCATION_METHODS = ("name", "coordinates", "coordinates_nearest", "name_and_coordinates", "not_recorded")


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
    names: NameResolver
    user_columns: list[str]
    codes: list[str]  # the categories of ``code``
    successors: dict[str, set[str]]
    to_level: np.ndarray | None  # position -> position at the schema's level (-1: none), for level="pre2008"
    date_cache: dict = field(default_factory=dict)


def _code_categories(schema: RecordSchema) -> list[str]:
    from ..gazetteer import municipalities
    from ..geo.pre2008 import pre2008_code_map

    cats = list(municipalities()["code"]) + list(historic_units()["code"])
    cats += sorted(set(pre2008_code_map().values()) - set(cats)) + list(schema.special_codes)
    return list(dict.fromkeys(cats))


def _options(schema: RecordSchema, extra: dict[str, str], user_columns: list[str], **kw) -> _Options:
    cats = _code_categories(schema)
    pos = {c: i for i, c in enumerate(cats)}
    hist = historic_units()
    succ = {h: set(str(s).split(";")) for h, s in zip(hist["code"], hist["successors"])}
    to_level = None
    if schema.level == "pre2008":
        from ..geo.pre2008 import pre2008_code_map

        m = pre2008_code_map()
        special = set(schema.special_codes)
        to_level = np.array(
            [i if c in special else pos.get(m.get(c, ""), -1) for i, c in enumerate(cats)], dtype=np.int32
        )
    elif schema.level != "municipality":
        raise KosovoHRValueError(f"schema {schema.domain!r}: unknown level {schema.level!r}")
    return _Options(
        schema=schema,
        extra=extra,
        names=NameResolver(extra, pos),
        user_columns=user_columns,
        codes=cats,
        successors=succ,
        to_level=to_level,
        **kw,
    )


def _text(raw: pd.Series) -> tuple[pd.Series, np.ndarray, tuple[np.ndarray, pd.Series] | None]:
    """(trimmed text with missing as NA, missing mask, factor codes and values or None), with pyarrow compute.

    A column with few distinct values (names, sources) is trimmed and checked
    once per value, and its factorisation is returned for reuse.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    if not (isinstance(raw.dtype, pd.ArrowDtype) or pd.api.types.is_string_dtype(raw.dtype)):
        raw = raw.astype("str").where(raw.notna())  # Excel/DataFrame cells: numbers kept as written
    arr = pa.array(raw, type=pa.string(), from_pandas=True)
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    missing_text = pa.array(MISSING_TEXT)
    enc = pc.dictionary_encode(arr)
    if len(enc.dictionary) <= max(1, len(arr) // 4):
        trimmed = pc.utf8_trim_whitespace(enc.dictionary)
        miss_v = pc.is_in(pc.utf8_lower(trimmed), value_set=missing_text).to_numpy(zero_copy_only=False)
        out = pc.take(trimmed, enc.indices)
        idx = pc.fill_null(enc.indices, -1).to_numpy(zero_copy_only=False).astype(np.int64)
        miss = idx < 0
        miss[~miss] = miss_v[idx[~miss]]
        idx[miss] = -1
        fac = (idx, pd.Series(trimmed.to_numpy(zero_copy_only=False), dtype=object))
    else:
        fac = None
        out = pc.utf8_trim_whitespace(arr)
        miss = pc.is_null(out).to_numpy(zero_copy_only=False) | pc.fill_null(
            pc.is_in(pc.utf8_lower(out), value_set=missing_text), False
        ).to_numpy(zero_copy_only=False)
    s = pd.Series(pd.arrays.ArrowExtensionArray(out), index=raw.index).astype("str")
    return s.where(~miss), miss, fac


def _process(raw: pd.DataFrame, opt: _Options, formats: Counter) -> tuple[dict, pd.DataFrame, int]:
    """(records as columns, rejected, blank rows) of one chunk of raw cells."""
    schema = opt.schema
    cols = [c for c in raw.columns if c != "row"]
    fac: dict[str, tuple[np.ndarray, pd.Series]] = {}
    text: dict[str, pd.Series] = {}
    missing: dict[str, np.ndarray] = {}
    kinds = {c.name: c.kind for c in schema.columns}
    for c in cols:
        if kinds.get(c, "text") == "text":
            text[c], missing[c], f = _text(raw[c])
            if c == "municipality":  # resolved once per distinct spelling
                fac[c] = f if f is not None else factorize(text[c])
        else:
            fac[c] = factorize(raw[c])
            missing[c] = fac[c][0] < 0
    blank = np.logical_and.reduce([missing[c] for c in cols]) if cols else np.ones(len(raw), dtype=bool)
    n_blank = int(blank.sum())
    if n_blank:
        keep_rows = ~blank
        raw = raw.loc[keep_rows].reset_index(drop=True)
        missing = {c: m[keep_rows] for c, m in missing.items()}
        fac = {c: (f[0][keep_rows], f[1]) for c, f in fac.items()}
        text = {c: t[keep_rows].reset_index(drop=True) for c, t in text.items()}
    n = len(raw)
    errors: list[tuple[str, np.ndarray]] = []
    out: dict[str, Any] = {"row": raw["row"].to_numpy(dtype=np.int64)}

    def required_missing(name: str) -> None:
        _add_mask_error(
            errors, name, missing[name] if name in missing else np.ones(n, dtype=bool), "missing (required)"
        )

    year_ok = np.zeros(n, dtype=bool)
    years = np.zeros(n, dtype=np.int64)
    for col in schema.columns:
        name = col.name
        present = name in raw.columns
        if col.kind == "date":
            codes, uniq = fac[name]
            r = parse_dates(uniq, dayfirst=opt.dayfirst, min_year=opt.min_year, today=opt.today, cache=opt.date_cache)
            ok = codes >= 0
            e = take(r["error"], codes)
            e[~ok] = "missing (required)" if col.required else None
            errors.append((name, e))
            year_ok = e == None  # noqa: E711
            safe = np.maximum(codes, 0)
            out["date"] = np.where(ok, r["date"][safe], np.datetime64("NaT"))
            years = np.where(ok, r["year"][safe], 0)
            months = np.where(ok, r["month"][safe], 0)
            month = pd.array(months, dtype="Int64")
            month[~(year_ok & (months > 0))] = pd.NA
            out["year"], out["month"] = years, month
            out["date_precision"] = take_index(r["precision"], codes)
            out["date_format"] = take_index(r["format"], codes)
            used = np.bincount(out["date_format"][year_ok], minlength=len(DATE_FORMATS))
            formats.update({k: int(v) for k, v in enumerate(used) if v})
            continue
        if not present:
            if col.required:
                required_missing(name)
            if col.kind in ("int", "float"):
                out[name] = np.full(n, np.nan if col.default is None else float(col.default))
            elif col.kind == "category":
                dflt = col.categories.index(col.default) if col.default is not None else -1
                out[name] = np.full(n, dflt, dtype=np.int32)
            else:
                out[name] = (
                    pd.Series([col.default] * n, dtype="str")
                    if col.default
                    else pd.Series(pd.NA, index=range(n), dtype="str")
                )
            continue
        if col.kind == "text":
            out[name] = text[name]
        elif col.kind == "category":
            codes, uniq = fac[name]
            idx, e = category_values(uniq, col.categories, name)
            dflt = col.categories.index(col.default) if col.default is not None else -1
            out[name] = take_index(idx, codes, fill=dflt)
            _add_unique_errors(errors, name, e, codes)
        else:
            codes, uniq = fac[name]
            vals, e = parse_numbers(
                uniq,
                whole=col.kind == "int",
                thousands=opt.thousands,
                decimal=opt.decimal,
                minimum=col.minimum,
                maximum=col.maximum,
            )
            x = np.full(n, np.nan if col.default is None else float(col.default))
            ok = codes >= 0
            x[ok] = vals[codes[ok]]
            out[name] = x
            _add_unique_errors(errors, name, e, codes)
        if col.required:
            required_missing(name)

    # place: municipality name, coordinates, or the schema's code for "not recorded"
    lat = np.asarray(out.get("latitude", np.full(n, np.nan)), dtype=float)
    lon = np.asarray(out.get("longitude", np.full(n, np.nan)), dtype=float)
    lat_given = ~missing["latitude"] if "latitude" in missing else np.zeros(n, dtype=bool)
    lon_given = ~missing["longitude"] if "longitude" in missing else np.zeros(n, dtype=bool)
    half = lat_given != lon_given
    msg_half = "missing: give both latitude and longitude, or neither"
    _add_mask_error(errors, "latitude", half & ~lat_given, msg_half)
    _add_mask_error(errors, "longitude", half & ~lon_given, msg_half)
    if "municipality" in fac:
        m_codes, m_uniq = fac["municipality"]
        names_given = m_codes >= 0
        c_name, e_name = opt.names.resolve(m_codes, m_uniq, years, year_ok)
        errors.append(("municipality", e_name))
    else:
        names_given = np.zeros(n, dtype=bool)
        c_name = np.full(n, -1, dtype=np.int32)
    has_pt = lat_given & lon_given & np.isfinite(lat) & np.isfinite(lon)
    c_pt = np.full(n, -1, dtype=np.int32)
    m_pt = np.full(n, -1, dtype=np.int32)
    e_pt = np.full(n, None, dtype=object)
    idx = np.flatnonzero(has_pt)
    if len(idx):
        located = locate_points(lat[idx], lon[idx], tolerance_m=opt.tolerance_m)
        meth = located["method"].to_numpy(dtype=object)
        inside = meth != "outside"
        pos = opt.names.pos
        c_pt[idx[inside]] = [pos[c] for c in located["code"].to_numpy(dtype=object)[inside]]
        m_pt[idx[inside]] = np.where(
            meth[inside] == "within",
            LOCATION_METHODS.index("coordinates"),
            LOCATION_METHODS.index("coordinates_nearest"),
        )
        out_i = idx[~inside]
        if len(out_i):
            sw = locate_points(lon[out_i], lat[out_i], tolerance_m=opt.tolerance_m)["method"].to_numpy() != "outside"
            km = opt.tolerance_m / 1000
            e_pt[out_i] = [
                f"point ({a:.5f}, {b:.5f}) is outside Kosovo (more than {km:g} km from every "
                f"municipality)" + (" (latitude and longitude look swapped)" if s else "")
                for a, b, s in zip(lat[out_i], lon[out_i], sw)
            ]
    errors.append(("latitude/longitude", e_pt))

    final = np.full(n, -1, dtype=np.int32)
    method = np.full(n, -1, dtype=np.int32)
    both = (c_name >= 0) & (c_pt >= 0)
    only_name = (c_name >= 0) & ~both
    only_pt = (c_pt >= 0) & ~names_given
    final[only_name], method[only_name] = c_name[only_name], LOCATION_METHODS.index("name")
    final[only_pt], method[only_pt] = c_pt[only_pt], m_pt[only_pt]
    if both.any():
        b = np.flatnonzero(both)
        cats = opt.codes
        same = (c_name[b] == c_pt[b]) | np.array(
            [cats[c_pt[i]] in opt.successors.get(cats[c_name[i]], ()) for i in b], dtype=bool
        )
        check = b[~same]
        dist = np.zeros(len(b))
        if len(check):
            dist[~same] = distance_to([cats[c] for c in c_name[check]], lat[check], lon[check])
        agree = same | (dist <= opt.tolerance_m)
        e_dis = np.full(n, None, dtype=object)
        ok_b = b[agree]
        final[ok_b], method[ok_b] = c_name[ok_b], LOCATION_METHODS.index("name_and_coordinates")
        no_b, d_no = b[~agree], dist[~agree]
        if opt.on_disagreement == "name":
            final[no_b], method[no_b] = c_name[no_b], LOCATION_METHODS.index("name")
        elif opt.on_disagreement == "coordinates":
            final[no_b], method[no_b] = c_pt[no_b], LOCATION_METHODS.index("coordinates")
        else:
            written = out["municipality"]
            e_dis[no_b] = [
                f"the name {written.iloc[i]!r} is {cats[c_name[i]]}, the point lies in "
                f"{cats[c_pt[i]]} ({d / 1000:.1f} km from {cats[c_name[i]]}); correct one, or pass "
                f"on_disagreement='name' or 'coordinates'"
                for i, d in zip(no_b, d_no)
            ]
        errors.append(("municipality/latitude/longitude", e_dis))
    nowhere = ~names_given & ~lat_given & ~lon_given
    if schema.blank_place is not None:
        final[nowhere] = opt.names.pos[schema.blank_place]
        method[nowhere] = LOCATION_METHODS.index("not_recorded")
    else:
        _add_mask_error(
            errors, "municipality", nowhere, "missing: give the municipality or both latitude and longitude"
        )
    if opt.to_level is not None:
        has = final >= 0
        mapped = np.full(n, -1, dtype=np.int32)
        mapped[has] = opt.to_level[final[has]]
        lost = has & (mapped < 0)
        e_lost = np.full(n, None, dtype=object)
        e_lost[lost] = [f"{opt.codes[c]} is no pre-2008 municipality" for c in final[lost]]
        errors.append(("municipality", e_lost))
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
    rec = {k: (v[keep].reset_index(drop=True) if isinstance(v, pd.Series) else v[keep]) for k, v in out.items()}
    for c in opt.user_columns:  # extra columns of the file, as text
        rec[c] = text[c][keep].reset_index(drop=True)
    return rec, rejected, n_blank


def _add_unique_errors(errors: list, label: str, u_err: np.ndarray, codes: np.ndarray) -> None:
    """Append the rows' errors from per-unique errors, if any unique value has one."""
    if (u_err != None).any():  # noqa: E711
        errors.append((label, take(u_err, codes)))


def _add_mask_error(errors: list, label: str, mask: np.ndarray, message: str) -> None:
    if mask.any():
        e = np.full(len(mask), None, dtype=object)
        e[mask] = message
        errors.append((label, e))


def _prefix(label: str) -> str:
    """``column 'x': `` for one column, ``columns 'x'/'y': `` for a problem between columns."""
    cols = label.split("/")
    return f"column {cols[0]!r}: " if len(cols) == 1 else f"columns {'/'.join(repr(c) for c in cols)}: "


def _finish(chunks: list[dict], schema: RecordSchema, opt: _Options) -> pd.DataFrame:
    """One frame from the chunks' columns: categories from their positions, text as text."""

    def cat(key: str, categories) -> pd.Categorical:
        return pd.Categorical.from_codes(np.concatenate([c[key] for c in chunks]), categories=list(categories))

    def cat_or_none(key: str, categories) -> pd.Categorical:
        return cat(key, categories)

    data: dict[str, object] = {"row": np.concatenate([c["row"] for c in chunks])}
    for col in schema.columns:
        name = col.name
        if col.kind == "category":
            data[name] = cat(name, col.categories)
        elif col.kind == "int":
            data[name] = pd.array(np.concatenate([c[name] for c in chunks]), dtype="Float64").astype("Int64")
        elif col.kind == "float":
            data[name] = np.concatenate([c[name] for c in chunks]).astype("float64")
        elif col.kind == "date":
            data[name] = np.concatenate([c[name] for c in chunks])
        else:
            data[name] = pd.concat([c[name] for c in chunks], ignore_index=True).astype("str")
    data["year"] = np.concatenate([c["year"] for c in chunks]).astype("int64")
    data["month"] = pd.array(np.concatenate([c["month"] for c in chunks]), dtype="Int64")
    data["date_precision"] = cat_or_none("date_precision", PRECISIONS)
    data["date_format"] = cat_or_none("date_format", DATE_FORMATS)
    data["code"] = cat_or_none("code", opt.codes)
    data["location_method"] = cat_or_none("location_method", LOCATION_METHODS)
    for c in opt.user_columns:
        data[c] = pd.concat([ch[c] for ch in chunks], ignore_index=True).astype("str")
    df = pd.DataFrame(data)
    # only the categories that occur (the gazetteer's are many); the order stays the gazetteer's
    for c in ("code", "date_format"):
        df[c] = df[c].cat.remove_unused_categories()
    return df


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
    decimal: str | None = None,
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
        ``1.234,5``; ``decimal`` defaults to ``","`` when ``thousands="."``,
        else ``"."``). Without ``thousands=`` a count written ``1.000`` is
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
        raise KosovoHRValueError(f"on_disagreement must be one of {', '.join(DISAGREEMENT)}")
    if on_duplicate not in ON_DUPLICATE:
        raise KosovoHRValueError(f"on_duplicate must be one of {', '.join(ON_DUPLICATE)}")
    if decimal is None:
        decimal = "," if thousands == "." else "."
    if thousands is not None and thousands == decimal:
        raise KosovoHRValueError(f"thousands= and decimal= cannot both be {decimal!r}")
    extra = check_extra(extra, schema)
    info, chunks = read_chunks(source, sheet=sheet, encoding=encoding, sep=sep, chunk_rows=chunk_rows)
    where = info.source if not isinstance(source, pd.DataFrame) else "DataFrame"
    formats: Counter = Counter()
    frames, rejected, n_blank = [], [], 0
    opt: _Options | None = None
    bar = None
    try:
        for k, raw in enumerate(chunks):
            if opt is None:
                header = [c for c in raw.columns if c != ROW]
                new, matched = match_headers(header, domain, schema.names, columns, where)
                info_columns = matched
                raw.columns = ["row", *new]
                _check_required(raw, schema, where, domain)
                opt = _options(
                    schema,
                    extra,
                    [c for c in new if c not in schema.names],
                    dayfirst=dayfirst,
                    thousands=thousands,
                    decimal=decimal,
                    min_year=min_year,
                    today=_dt.date.today(),
                    tolerance_m=tolerance_m,
                    on_disagreement=on_disagreement,
                )
                renamed = ["row", *new]
            else:
                raw.columns = renamed[: raw.shape[1]]
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
    records = _finish(frames, schema, opt)
    records, dups, n_dropped = find_duplicates(records, rejected, on_duplicate, schema)
    rej_cols = ["row", "reason"]
    rejected_df = (
        pd.concat(rejected, ignore_index=True)
        if rejected
        else pd.DataFrame({"row": pd.Series([], dtype="int64"), "reason": pd.Series([], dtype=object)})
    )
    rejected_df = rejected_df[rej_cols + [c for c in rejected_df.columns if c not in rej_cols]]
    rejected_df = rejected_df.sort_values("row", kind="stable").reset_index(drop=True)
    info_d = info.as_dict()
    info_d.update(
        {
            "columns": info_columns,
            "blank_rows": n_blank,
            "date_formats": {DATE_FORMATS[int(k)]: int(v) for k, v in formats.most_common()},
            "duplicates_dropped": n_dropped,
            "dayfirst": dayfirst,
            "thousands": thousands,
            "decimal": decimal,
            "min_year": min_year,
            "level": schema.level,
        }
    )
    result = RecordsResult(
        domain=domain,
        path=where,
        records=records,
        rejected=rejected_df,
        unknown_names=dict(opt.names.unknown),
        duplicates=dups,
        info=info_d,
    )
    if strict:
        result.raise_if_rejected()
    return result


def _check_required(raw: pd.DataFrame, schema: RecordSchema, where: str, domain: str) -> None:
    missing = [c for c in schema.required if c not in raw.columns]
    has_place = (
        "municipality" in raw.columns or {"latitude", "longitude"} <= set(raw.columns) or schema.blank_place is not None
    )
    if not has_place:
        missing.append("municipality (or latitude and longitude)")
    if missing:
        raise RecordsSchemaError(
            f"{where}: required column(s) missing: {', '.join(missing)}. Columns found: "
            f"{', '.join(c for c in raw.columns if c != 'row')}. The {domain!r} schema is in "
            f"data/raw/README.md (kosovo_hr.records.get_schema({domain!r}).describe()); headers the alias "
            f"table does not know can be named with columns={{'as written': 'schema column'}}."
        )


assert set(ENGINE_COLUMNS) <= set(RESERVED)
