"""Read, validate, resolve and place users' own record files, column by column.

:func:`load_records` never drops a row silently: every row ends up in
``result.records`` (valid, with a ``code``), in ``result.rejected`` (with
every reason, naming the spreadsheet row and column) or, for a repeated
record, in ``result.duplicates`` (naming the row it repeats). Problems of the
whole file (unreadable encoding, no header, required or reserved columns)
raise :class:`RecordsSchemaError` listing every problem at once.

The engine works on whole columns (:mod:`kosovo_hr.records.cells`): the
columns it parses or resolves (dates, numbers, categories, municipality
names) are read once per distinct value (:mod:`kosovo_hr.records.parse`) and
kept as codes into those values until the frame is built, so each derived
column is expanded once; names are resolved once per distinct spelling;
points are placed with one spatial index query
(:mod:`kosovo_hr.records.locate`); a row's problems are gathered per column
and joined only for the rows that have any. A CSV of moderate size
(:data:`~kosovo_hr.records.read.ONE_PIECE_BYTES`) is read in one piece, a
larger file in chunks of :data:`~kosovo_hr.records.read.CHUNK_ROWS` rows (the
next read in a thread while the engine works on the current one, two held at
most), so memory grows with the accepted records, not with the raw text.
Column work runs in a few threads (pyarrow and numpy release the GIL);
``THREADS = False`` does it all in the caller's thread, with the same result.
``benchmarks/records_engine.py`` measures it against ``pandas.read_csv`` and
``geopandas.sjoin``.

Row numbers are spreadsheet row numbers: the header is row 1, the first
record row 2, whatever blank rows the file holds.
"""

from __future__ import annotations

import datetime as _dt
from collections import Counter
from dataclasses import dataclass, field
from numbers import Integral
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..errors import KosovoHRValueError
from ..gazetteer import historic_units
from ..geo.pre2008 import pre2008_code_map
from .cells import Cells, read_cells, slots_in_use
from .duplicates import ENGINE_COLUMNS, find_duplicates, hashes_distinct, string_hashes
from .errors import RecordsSchemaError
from .headers import RESERVED, match_headers
from .locate import TOLERANCE_M, distance_to, locate_points
from .names import NameResolver, check_extra
from .parse import DATE_FORMATS, PRECISIONS, category_values, parse_dates, parse_numbers
from .read import ROW, prefetch, read_chunks
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
    pool: Any = None  # concurrent.futures.ThreadPoolExecutor, or None to work in the caller's thread
    one_piece: bool = False  # the file comes in one chunk


def _code_categories(schema: RecordSchema) -> list[str]:
    from ..gazetteer import municipalities

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


def _slots(per_unique: np.ndarray, fill) -> np.ndarray:
    """Per-unique results with one more slot, for the rows coded -1 (missing): index with the row codes."""
    return np.append(per_unique, np.asarray([fill], dtype=per_unique.dtype))


#: one problem of some rows: (label, row positions, message per row)
_Error = tuple[str, np.ndarray, np.ndarray]


def _unique_errors(errors: list[_Error], label: str, u_err: np.ndarray, codes: np.ndarray) -> None:
    """Append the rows' errors from per-unique errors, if any unique value has one."""
    bad = u_err != None  # noqa: E711 (element-wise)
    if bad.any():
        rows = np.flatnonzero(_slots(bad, False)[codes])
        errors.append((label, rows, u_err[codes[rows]]))


def _mask_error(errors: list[_Error], label: str, mask: np.ndarray, message: str) -> None:
    if mask.any():
        rows = np.flatnonzero(mask)
        errors.append((label, rows, np.full(len(rows), message, dtype=object)))


def _parse_dates(c: Cells, opt: _Options) -> dict:
    """The distinct dates of a column parsed (per distinct value: see :func:`parse_dates`)."""
    uniq = c.factor()[1]
    return parse_dates(uniq, dayfirst=opt.dayfirst, min_year=opt.min_year, today=opt.today, cache=opt.date_cache)


def _id_hashes(ids: Cells) -> np.ndarray:
    """A 64-bit hash of each row's record id (rows without one: any value), to show the ids all differ."""
    if ids.text is not None:  # per row (ids are not factorized), from a CSV
        return string_hashes(ids.text)
    assert ids.dictionary is not None and ids.codes is not None
    # per distinct id (cells from Excel or a DataFrame), one more slot for the rows without one (code -1)
    return np.append(string_hashes(ids.dictionary), np.uint64(0))[ids.codes]


def _cells(raw: pd.DataFrame, opt: _Options, derived: dict) -> dict[str, Cells]:
    """Every column read once (in threads: the work is in pyarrow, which releases the GIL).

    ``derived`` receives, in the column's own thread when read in threads,
    the parsed distinct values of the (one) date column (``"dates"``) and
    the hashes of the record ids (``"id_hashes"``), so that work overlaps
    the other columns' reading.
    """
    kinds = {c.name: c.kind for c in opt.schema.columns}
    cols = [c for c in raw.columns if c != "row"]
    text = {c: kinds.get(c, "text") == "text" for c in cols}
    factor = {c: not text[c] or c == "municipality" for c in cols}

    def one(c: str) -> Cells:
        return read_cells(raw[c], factor=factor[c], text=text[c])

    date_col = next((c for c in cols if kinds.get(c) == "date"), None)

    def one_and_more(c: str) -> Cells:
        cells = one(c)
        if c == date_col:  # parsed at once, in the same thread, while the other columns are read
            derived.setdefault("dates", {})[c] = _parse_dates(cells, opt)
        elif c == "record_id":
            derived["id_hashes"] = _id_hashes(cells)
        return cells

    if opt.pool is None or len(raw) < 50_000 or len(cols) < 2:
        return {c: one_and_more(c) for c in cols}

    # in the order they are needed: the date, the names (resolved with the dates' years), the rest
    todo = sorted(cols, key=lambda c: (c != date_col, c != "municipality"))
    futures = {c: opt.pool.submit(one_and_more, c) for c in todo}
    return {c: futures[c].result() for c in cols}


def _process(raw: pd.DataFrame, opt: _Options, formats: Counter) -> tuple[dict, pd.DataFrame, int]:
    """(records as columns, rejected, blank rows) of one chunk of raw cells."""
    schema = opt.schema
    derived: dict[str, Any] = {}  # the date column's parsed values, the record ids' hashes
    cells = _cells(raw, opt, derived)
    cols = list(cells)
    blank = np.logical_and.reduce([cells[c].missing for c in cols]) if cols else np.ones(len(raw), dtype=bool)
    n_blank = int(blank.sum())
    if n_blank:
        keep_rows = ~blank
        raw = raw.loc[keep_rows].reset_index(drop=True)
        cells = {c: v.subset(keep_rows) for c, v in cells.items()}
    n = len(raw)
    errors: list[_Error] = []
    out: dict[str, Any] = {"row": raw["row"].to_numpy(dtype=np.int64)}
    if "id_hashes" in derived:  # per row, filtered with the rows (see the end, and _ids_distinct)
        out["_id_hash"] = derived["id_hashes"] if not n_blank else derived["id_hashes"][~blank]
        out["_id_missing"] = cells["record_id"].missing
    codes_of: dict[str, np.ndarray] = {}  # row codes of the factorized columns, for the _Take columns
    year_ok = np.zeros(n, dtype=bool)
    years = np.zeros(n, dtype=np.int64)
    for col in schema.columns:
        name = col.name
        c = cells.get(name)
        if col.kind == "date":
            if c is None:
                _mask_error(errors, name, np.ones(n, dtype=bool), "missing (required)")
                out.update(
                    date=np.full(n, np.datetime64("NaT"), dtype="datetime64[ns]"),
                    year=years,
                    month=np.zeros(n, dtype=np.int64),
                    date_precision=np.full(n, -1, dtype=np.int32),
                    date_format=np.full(n, -1, dtype=np.int32),
                )
                continue
            codes, uniq = c.factor()
            # parsed once per distinct value when the column was read (leaving blank rows out keeps them)
            r = derived.get("dates", {}).get(name)
            if r is None:  # a second date column
                r = _parse_dates(c, opt)
            _unique_errors(errors, name, r["error"], codes)
            if col.required:
                _mask_error(errors, name, c.missing, "missing (required)")
            u_ok = _slots(r["error"] == None, False)  # noqa: E711 (element-wise)
            year_ok = u_ok[codes]
            codes_of[name] = codes
            out["date"] = _Take(name, _slots(r["date"], np.datetime64("NaT")))
            year_table = _slots(r["year"], 0)
            years = year_table[codes]  # per row, for this chunk's work
            # the frame's column: these rows, for a file in one piece; else taken once at the end (the chunks
            # keep 4 bytes a row of codes, not 8 of years)
            out["year"] = years if opt.one_piece else _Take(name, year_table)
            # a month only where the date is valid and known to the month
            out["month"] = _Take(name, _slots(np.where(u_ok[:-1], r["month"], 0), 0))
            out["date_precision"] = _Take(name, _slots(r["precision"].astype(np.int8), -1))
            out["date_format"] = _Take(name, _slots(r["format"].astype(np.int8), -1))
            per_unique = np.bincount(codes if year_ok.all() else codes[year_ok], minlength=len(uniq))
            used = np.bincount(r["format"][r["format"] >= 0], weights=per_unique[r["format"] >= 0])
            formats.update({k: int(v) for k, v in enumerate(used) if v})
            continue
        if c is None:
            if col.required:
                _mask_error(errors, name, np.ones(n, dtype=bool), "missing (required)")
            if col.kind in ("int", "float"):
                out[name] = _Const(np.nan if col.default is None else float(col.default), n)
            elif col.kind == "category":
                dflt = col.categories.index(col.default) if col.default is not None else -1
                out[name] = _Const(_small_int(len(col.categories))(dflt), n)
            else:
                out[name] = _Const(None if not col.default else str(col.default), n)
            continue
        if col.kind == "text":
            out[name] = c
        elif col.kind == "category":
            codes, uniq = c.factor()
            idx, e = category_values(uniq, col.categories, name)
            dflt = col.categories.index(col.default) if col.default is not None else -1
            codes_of[name] = codes
            out[name] = _Take(name, _slots(idx.astype(_small_int(len(col.categories))), dflt))
            _unique_errors(errors, name, e, codes)
        else:
            codes, uniq = c.factor()
            vals, e = parse_numbers(
                uniq,
                whole=col.kind == "int",
                thousands=opt.thousands,
                decimal=opt.decimal,
                minimum=col.minimum,
                maximum=col.maximum,
            )
            out[name] = _slots(vals, np.nan if col.default is None else float(col.default))[codes]  # per row: placing
            _unique_errors(errors, name, e, codes)
        if col.required:
            _mask_error(errors, name, c.missing, "missing (required)")

    _place(cells, out, errors, years, year_ok, opt, n)

    # every problem of a row, in the order of the columns
    bad = np.zeros(n, dtype=bool)
    for _, rows, _m in errors:
        bad[rows] = True
    bad_idx = np.flatnonzero(bad)
    if len(bad_idx):
        at = np.concatenate([rows for _, rows, _m in errors])
        order = np.concatenate([np.full(len(rows), k) for k, (_, rows, _m) in enumerate(errors)])
        msgs = np.concatenate([_prefix(label) + m.astype(object) for label, _, m in errors])
        table = pd.DataFrame({"at": at, "k": order, "msg": msgs}).sort_values(["at", "k"], kind="stable")
        reasons = table.groupby("at", sort=True)["msg"].agg("; ".join)
        rejected = _as_written(raw.iloc[bad_idx].reset_index(drop=True))
        rejected.insert(1, "reason", reasons.loc[bad_idx].to_numpy())
    else:
        rejected = _as_written(raw.iloc[:0].copy())
        rejected.insert(1, "reason", pd.Series([], dtype=object))
    for u in opt.user_columns:  # extra columns of the file, as text
        out[u] = cells[u]
    for k, v in list(out.items()):
        if isinstance(v, Cells):  # text: per distinct value when the column was factorized, else per row
            if v.as_read is not None:  # the text as read: shared, not rebuilt from its distinct values
                out[k] = v.as_read
            elif v.codes is not None and v.dictionary is not None:
                codes_of[k] = v.codes
                out[k] = _Take(k, _arrow_slots(v.dictionary))
            else:
                out[k] = v.as_text()
    if len(bad_idx):
        keep = ~bad
        mask = None
        codes_of = {k: v[keep] for k, v in codes_of.items()}
        n_keep = int(keep.sum())
        for k, v in list(out.items()):
            if isinstance(v, np.ndarray):
                out[k] = v[keep]
            elif isinstance(v, _Const):
                out[k] = _Const(v.value, n_keep)
            elif not isinstance(v, _Take):
                import pyarrow as pa

                mask = pa.array(keep) if mask is None else mask
                out[k] = v.filter(mask)
    out["_codes"] = codes_of
    if "_id_hash" in out:  # the hashes of the records' ids (those with one), for _ids_distinct
        no_id = out.pop("_id_missing")
        out["_id_hash"] = out["_id_hash"][~no_id] if no_id.any() else out["_id_hash"]
    else:  # the file has no record_id: no id repeats (rather than hashing a column of nothing later)
        out["_id_hash"] = np.zeros(0, dtype=np.uint64)
    return out, rejected, n_blank


@dataclass
class _Const:
    """A column the file does not have: one value (the schema's default, or missing) on every row."""

    value: Any
    n: int


def _same(a: Any, b: Any) -> bool:
    return a == b or (isinstance(a, float) and isinstance(b, float) and np.isnan(a) and np.isnan(b))


def _per_row(v: Any, n: int) -> Any:
    return np.full(n, v.value) if isinstance(v, _Const) else v


@dataclass
class _Take:
    """A column kept per distinct value: ``table[codes]`` (the codes of column ``key``; -1 takes the last slot)."""

    key: str
    table: Any  # numpy array or pyarrow.Array, one slot more than the distinct values


def _arrow_slots(dictionary):
    import pyarrow as pa

    return pa.concat_arrays([dictionary, pa.nulls(1, type=dictionary.type)])


def _as_written(cells: pd.DataFrame) -> pd.DataFrame:
    """Raw cells of rejected rows as Arrow text (``string[pyarrow]``), whatever form the reader gave them in.

    The CSV reader gives large strings, a Parquet file or DataFrame may give
    dictionary-encoded text: the rejected rows hold one kind of text.
    """
    import pyarrow as pa

    for c in cells.columns:
        dt = cells[c].dtype
        if isinstance(dt, pd.ArrowDtype) and (
            pa.types.is_dictionary(dt.pyarrow_dtype) or pa.types.is_large_string(dt.pyarrow_dtype)
        ):
            cells[c] = cells[c].astype(pd.ArrowDtype(pa.string()))
    return cells


def _place(
    cells: dict[str, Cells],
    out: dict[str, Any],
    errors: list[_Error],
    years: np.ndarray,
    year_ok: np.ndarray,
    opt: _Options,
    n: int,
) -> None:
    """``code`` and ``location_method``: from the municipality name, the coordinates, or the schema's blank code."""
    points = "latitude" in cells or "longitude" in cells
    if points:
        lat = np.asarray(_per_row(out["latitude"], n), dtype=float)  # numbers are kept per row
        lon = np.asarray(_per_row(out["longitude"], n), dtype=float)
        lat_given = ~cells["latitude"].missing if "latitude" in cells else np.zeros(n, dtype=bool)
        lon_given = ~cells["longitude"].missing if "longitude" in cells else np.zeros(n, dtype=bool)
        half = lat_given != lon_given
        msg_half = "missing: give both latitude and longitude, or neither"
        _mask_error(errors, "latitude", half & ~lat_given, msg_half)
        _mask_error(errors, "longitude", half & ~lon_given, msg_half)
    if "municipality" in cells:
        m_codes, m_uniq = cells["municipality"].factor()
        names_given = m_codes >= 0
        c_name, e_rows, e_msgs = opt.names.resolve(m_codes, m_uniq, years, year_ok)
        if len(e_rows):
            errors.append(("municipality", e_rows, e_msgs))
    else:
        names_given = np.zeros(n, dtype=bool)
        c_name = np.full(n, -1, dtype=np.int32)
    if not points:  # names only
        method = np.where(c_name >= 0, np.int8(LOCATION_METHODS.index("name")), np.int8(-1))
        _blank_place_and_level(errors, c_name, method, names_given, None, None, out, opt, n)
        return
    c_pt = np.full(n, -1, dtype=np.int32)
    m_pt = np.full(n, -1, dtype=np.int32)
    idx = np.flatnonzero(lat_given & lon_given & np.isfinite(lat) & np.isfinite(lon))
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
            msgs = [
                f"point ({a:.5f}, {b:.5f}) is outside Kosovo (more than {km:g} km from every "
                f"municipality)" + (" (latitude and longitude look swapped)" if s else "")
                for a, b, s in zip(lat[out_i], lon[out_i], sw)
            ]
            errors.append(("latitude/longitude", out_i, np.asarray(msgs, dtype=object)))

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
        ok_b = b[agree]
        final[ok_b], method[ok_b] = c_name[ok_b], LOCATION_METHODS.index("name_and_coordinates")
        no_b, d_no = b[~agree], dist[~agree]
        if opt.on_disagreement == "name":
            final[no_b], method[no_b] = c_name[no_b], LOCATION_METHODS.index("name")
        elif opt.on_disagreement == "coordinates":
            final[no_b], method[no_b] = c_pt[no_b], LOCATION_METHODS.index("coordinates")
        elif len(no_b):
            m_codes, m_uniq = cells["municipality"].factor()
            msgs = [
                f"the name {m_uniq.iloc[m_codes[i]]!r} is {cats[c_name[i]]}, the point lies in "
                f"{cats[c_pt[i]]} ({d / 1000:.1f} km from {cats[c_name[i]]}); correct one, or pass "
                f"on_disagreement='name' or 'coordinates'"
                for i, d in zip(no_b, d_no)
            ]
            errors.append(("municipality/latitude/longitude", no_b, np.asarray(msgs, dtype=object)))
    _blank_place_and_level(errors, final, method, names_given, lat_given, lon_given, out, opt, n)


def _blank_place_and_level(
    errors: list[_Error],
    final: np.ndarray,
    method: np.ndarray,
    names_given: np.ndarray,
    lat_given: np.ndarray | None,
    lon_given: np.ndarray | None,
    out: dict[str, Any],
    opt: _Options,
    n: int,
) -> None:
    """Rows with no place (the schema's blank code, or an error), then codes at the schema's level.

    ``lat_given``/``lon_given``: None when the file has no coordinates.
    """
    schema = opt.schema
    nowhere = ~names_given
    if lat_given is not None and lon_given is not None:
        nowhere &= ~lat_given & ~lon_given
    if schema.blank_place is not None:
        final[nowhere] = opt.names.pos[schema.blank_place]
        method[nowhere] = LOCATION_METHODS.index("not_recorded")
    else:
        _mask_error(errors, "municipality", nowhere, "missing: give the municipality or both latitude and longitude")
    if opt.to_level is not None:
        has = final >= 0
        mapped = np.full(n, -1, dtype=np.int32)
        mapped[has] = opt.to_level[final[has]]
        lost = np.flatnonzero(has & (mapped < 0))
        if len(lost):
            msgs = [f"{opt.codes[c]} is no pre-2008 municipality" for c in final[lost]]
            errors.append(("municipality", lost, np.asarray(msgs, dtype=object)))
        final = mapped
    out["code"] = final.astype(np.int16) if len(opt.codes) < 2**15 else final
    out["location_method"] = method.astype(np.int8, copy=False)


def _prefix(label: str) -> str:
    """``column 'x': `` for one column, ``columns 'x'/'y': `` for a problem between columns."""
    cols = label.split("/")
    return f"column {cols[0]!r}: " if len(cols) == 1 else f"columns {'/'.join(repr(c) for c in cols)}: "


def _small_int(n: int):
    """The smallest integer type a categorical of ``n`` categories keeps its codes in (pandas' own choice)."""
    return np.int8 if n < 127 else np.int16 if n < 32_767 else np.int32


def _categorical(
    codes: np.ndarray, categories, *, used_only: bool = False, table: np.ndarray | None = None
) -> pd.Categorical:
    """A categorical from positions in ``categories`` (-1: missing); ``used_only`` keeps the categories that occur.

    ``table``: when given, ``codes`` are positions in it (-1: its last slot)
    and each row's category is ``table[code]``, one take from a small table
    (rather than a take per row and another to renumber the used categories).
    """
    categories = list(categories)
    codes = np.asarray(codes)
    if used_only:
        if table is not None:
            present = np.zeros(len(table), dtype=bool)
            present[codes] = True  # the table's slots that some row takes (-1: its last)
            values = table[present]
        else:
            values = codes
        seen = slots_in_use(values, len(categories))  # the categories some row holds (-1, missing: none)
        n_used = int(seen.sum())
        small = _small_int(n_used)
        remap = np.full(len(categories) + 1, -1, dtype=small)
        remap[:-1][seen] = np.arange(n_used, dtype=small)
        if table is not None:
            table = remap[table]
        else:
            codes = remap[codes]
        categories = [c for c, s in zip(categories, seen) if s]
    if table is not None:
        codes = table.astype(_small_int(len(categories)), copy=False)[codes]
    return pd.Categorical.from_codes(codes, categories=categories)


#: Keys of a chunk's output that several columns read (kept until the frame is built).
_SHARED = ("_codes",)


def _finish(chunks: list[dict], schema: RecordSchema, opt: _Options) -> pd.DataFrame:
    """One frame from the chunks' columns: categories from their positions, text as text.

    A column kept per distinct value (:class:`_Take`) is expanded once, into
    the final array, from the chunks' tables laid end to end; each chunk's
    piece of a column is dropped once the column is built.
    """
    import pyarrow as pa

    codes_all: dict[str, np.ndarray] = {}

    def constant(value: Any, n: int):
        if value is None or isinstance(value, str):
            arr = pa.nulls(n, type=pa.large_string())
            return arr if value is None else arr.fill_null(value)
        return np.full(n, value)

    def one(c: dict, key: str):
        """One chunk's piece of a column, per row."""
        v = c[key]
        if isinstance(v, _Const):
            return constant(v.value, v.n)
        if not isinstance(v, _Take):
            return v
        k = c["_codes"][v.key]
        k = np.where(k < 0, len(v.table) - 1, k)
        return v.table[k] if isinstance(v.table, np.ndarray) else v.table.take(pa.array(k))

    def codes(key: str, code_key: str) -> np.ndarray:
        """The row codes of ``code_key`` over all chunks, as positions in the chunks' tables laid end to end."""
        if code_key not in codes_all and len(chunks) == 1:
            codes_all[code_key] = chunks[0]["_codes"][code_key]  # -1 indexes a numpy table's last slot
        if code_key not in codes_all:
            # a chunk's table holds its missing value in its last slot, the same value in every chunk: a row's
            # -1 (missing) becomes the previous chunk's last slot (or, in the first chunk, -1: the last one's)
            sizes = [len(c[key].table) for c in chunks]
            out = np.empty(
                sum(len(c["_codes"][code_key]) for c in chunks), dtype=np.int64 if sum(sizes) >= 2**31 else np.int32
            )
            at = off = 0
            for c, size in zip(chunks, sizes):
                k = c["_codes"][code_key]
                np.add(k, off, out=out[at : at + len(k)], casting="unsafe")
                at += len(k)
                off += size
            codes_all[code_key] = out
        return codes_all[code_key]

    def rows(key: str):
        pieces = [c[key] for c in chunks]
        first = pieces[0]
        if all(isinstance(v, _Const) and _same(v.value, first.value) for v in pieces):
            return constant(first.value, sum(v.n for v in pieces))
        if all(isinstance(v, _Take) for v in pieces):  # one take from all the chunks' tables
            tables = [v.table for v in pieces]
            k = codes(key, first.key)
            if isinstance(tables[0], np.ndarray):
                return (np.concatenate(tables) if len(tables) > 1 else tables[0])[k]
            table = pa.concat_arrays(tables) if len(tables) > 1 else tables[0]
            return table.take(pa.array(np.where(k < 0, len(table) - 1, k)))  # arrow takes no negative position
        parts = [one(c, key) for c in chunks]  # per row in every chunk, or kinds mixed across chunks
        if isinstance(parts[0], np.ndarray):
            return parts[0] if len(parts) == 1 else np.concatenate(parts)
        flat = [a for p in parts for a in (p.chunks if isinstance(p, pa.ChunkedArray) else [p])]
        flat = [a if a.type == pa.large_string() else a.cast(pa.large_string()) for a in flat]  # Parquet: string
        return pa.chunked_array(flat, type=pa.large_string()) if flat else pa.chunked_array([], type=pa.large_string())

    def category(key: str, categories, used_only: bool = False) -> pd.Categorical:
        pieces = [c[key] for c in chunks]
        if all(isinstance(v, _Take) and isinstance(v.table, np.ndarray) for v in pieces):
            tables = [v.table for v in pieces]
            table = np.concatenate(tables) if len(tables) > 1 else tables[0]
            return _categorical(codes(key, pieces[0].key), categories, used_only=used_only, table=table)
        return _categorical(rows(key), categories, used_only=used_only)

    def text(key: str) -> pd.Series:
        arr = rows(key)
        if arr.type != pa.large_string():  # the "str" dtype's storage: then pandas takes the chunks as they are
            arr = arr.cast(pa.large_string())
        return pd.Series(arr, dtype="str")

    # the codes of every column kept per value, laid end to end once (before the columns are built in threads)
    for key, v in chunks[0].items():
        if isinstance(v, _Take) and all(isinstance(c[key], _Take) for c in chunks):
            codes(key, v.key)

    def integer(name: str) -> pd.arrays.IntegerArray:
        x = rows(name)
        ok = np.isfinite(x)
        return pd.arrays.IntegerArray(np.where(ok, x, 0).astype("int64"), ~ok)

    def month() -> pd.arrays.IntegerArray:
        m = rows("month").astype("int64", copy=False)
        return pd.arrays.IntegerArray(m, m <= 0)

    build: dict[str, Any] = {"row": lambda: rows("row")}
    for col in schema.columns:
        name = col.name
        if col.kind == "category":
            build[name] = lambda name=name, cats=col.categories: category(name, cats)
        elif col.kind == "int":
            build[name] = lambda name=name: integer(name)
        elif col.kind == "float":
            build[name] = lambda name=name: rows(name).astype("float64", copy=False)
        elif col.kind == "date":
            build[name] = lambda name=name: rows(name)
        else:
            build[name] = lambda name=name: text(name)
    build["year"] = lambda: rows("year").astype("int64", copy=False)
    build["month"] = month
    build["date_precision"] = lambda: category("date_precision", PRECISIONS)
    # only the categories that occur (the gazetteer's are many); the order stays the gazetteer's
    build["date_format"] = lambda: category("date_format", DATE_FORMATS, used_only=True)
    build["code"] = lambda: category("code", opt.codes, used_only=True)
    build["location_method"] = lambda: category("location_method", LOCATION_METHODS)
    for u in opt.user_columns:
        build[u] = lambda u=u: text(u)
    threads = opt.pool is not None and sum(len(c["row"]) for c in chunks) >= 50_000

    def built(key: str, f) -> Any:
        value = f()
        if isinstance(value, np.ndarray) and not value.flags.writeable:  # a view of the reader's cells
            value = value.copy()  # the frame's columns can be written to
        for c in chunks:  # each chunk's piece is freed once the column is built: memory stays near one frame
            if key in c and key not in _SHARED:
                del c[key]
        return value

    if threads:
        data = dict(zip(build, opt.pool.map(lambda kf: built(*kf), build.items())))  # takes release the GIL
    else:
        data = {k: built(k, f) for k, f in build.items()}
    return pd.DataFrame(data, copy=False)


#: Work in threads (reading ahead, columns of large chunks, hashing record ids); False: all in the caller's thread.
THREADS = True


def _ids_distinct(chunks: list[dict], pool) -> Any:
    """Whether the records' ids all differ: True when their 64-bit hashes do, else False (they may repeat).

    False sends find_duplicates straight to its exact comparison of the ids
    (two hashes alike may still be two different ids: the comparison says);
    None (no ids, or not hashed) leaves the question to it.

    Takes the chunks' hashes of their records' ids (each chunk's own, hashed
    while its columns were read) out of the chunks, and compares them in
    ``pool`` if given (while the frame is built): the answer, or its future.
    """
    if not chunks or any("_id_hash" not in c for c in chunks):
        return None
    hashes = [c.pop("_id_hash") for c in chunks]

    def distinct() -> bool:
        return hashes_distinct(np.concatenate(hashes) if len(hashes) > 1 else hashes[0])

    return distinct() if pool is None else pool.submit(distinct)


def _new_pool():
    """Threads for the column work of one load (pyarrow compute releases the GIL); shut down when the load ends.

    One pool per call, not one per process: a pool made before a ``fork``
    would have no threads in the child.
    """
    import os
    from concurrent.futures import ThreadPoolExecutor

    # one worker per core (at least two, at most four): more would only share the cores, and slow the
    # columns needed first
    return ThreadPoolExecutor(max_workers=max(2, min(4, os.cpu_count() or 2)), thread_name_prefix="kosovo_hr")


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
    chunk_rows: int | None = None,
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
    chunk_rows : rows read at a time (default
        :data:`~kosovo_hr.records.read.CHUNK_ROWS`; a CSV of up to
        :data:`~kosovo_hr.records.read.ONE_PIECE_BYTES` is then read in one
        piece). Memory grows with the chunk, not with the file.

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
    whole_rows = isinstance(chunk_rows, Integral) and not isinstance(chunk_rows, bool)
    if chunk_rows is not None and (not whole_rows or chunk_rows < 1):
        raise KosovoHRValueError(f"chunk_rows must be a whole number of rows, at least 1 (got {chunk_rows!r})")
    extra = check_extra(extra, schema)
    where = str(Path(source)) if not isinstance(source, pd.DataFrame) else "DataFrame"

    pool = _new_pool() if THREADS else None
    try:
        info, chunks = read_chunks(source, sheet=sheet, encoding=encoding, sep=sep, chunk_rows=chunk_rows)
        formats: Counter = Counter()
        frames, rejected, n_blank = [], [], 0
        opt: _Options | None = None
        info_columns: dict = {}
        bar = None
        rows_done = 0
        try:
            for k, raw in enumerate(prefetch(chunks) if pool is not None else chunks):
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
                        pool=pool,
                        one_piece=info.one_piece,
                    )
                    renamed = ["row", *new]
                else:
                    raw.columns = renamed[: raw.shape[1]]
                if k == 1 and progress:
                    from tqdm.auto import tqdm

                    bar = tqdm(unit=" rows", desc=f"reading {Path(where).name}", initial=rows_done)
                rec, rej, nb = _process(raw, opt, formats)
                frames.append(rec)
                if len(rej):
                    rejected.append(rej)
                n_blank += nb
                if bar is not None and k >= 1:
                    bar.update(len(raw))
                rows_done += len(raw)
        finally:
            if bar is not None:
                bar.close()
        assert opt is not None
        ids_distinct = _ids_distinct(frames, pool)  # from the hashes made while each chunk's columns were read
        records = _finish(frames, schema, opt)
        frames.clear()
        if pool is not None and ids_distinct is not None:
            ids_distinct = ids_distinct.result()
        records, dups, n_dropped = find_duplicates(records, rejected, on_duplicate, schema, ids_distinct=ids_distinct)
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
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
