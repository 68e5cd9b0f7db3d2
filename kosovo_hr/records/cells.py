"""One column of a raw chunk, read once: missing cells, distinct values, trimmed text.

Every column of a chunk becomes a :class:`Cells`: which rows are missing
(an empty cell or one of :data:`~kosovo_hr.records.parse.MISSING_TEXT`), and
either the column's distinct values with one code per row (the columns the
engine parses or resolves: dates, numbers, categories, municipality names,
which hold few distinct values), or the trimmed text itself (free text:
record ids, sources, notes). Cells from a CSV file are Arrow strings and are
read with ``pyarrow.compute``, the factors on their distinct values only;
cells from Excel, Parquet or a DataFrame (numbers, dates, text mixed) go
through ``pandas.factorize``. Nothing is interpreted here: parsing the distinct
values is :mod:`kosovo_hr.records.parse`'s work.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from .errors import RecordsSchemaError
from .parse import MISSING_TEXT, factorize

__all__ = ["Cells", "read_cells", "large_text", "slots_in_use", "string_buffers"]

_MAX_MISSING_LEN = max(len(t) for t in MISSING_TEXT)


@dataclass
class Cells:
    """A column read once. ``codes`` is -1 where the cell is missing.

    ``uniques``: the distinct values (trimmed text, or the typed cell value
    from Excel/DataFrame), one per code; ``None`` when the column is kept as
    ``text`` (Arrow strings, trimmed, one per row). ``dictionary``: the
    trimmed distinct values as Arrow strings (null where missing), for a text
    column kept per distinct value.
    """

    missing: np.ndarray
    codes: np.ndarray | None = None
    uniques: pd.Series | None = None
    text: Any = None  # pyarrow (chunked) array of trimmed text (missing: as written, see ``missing``)
    dictionary: Any = None  # pyarrow.Array, per code
    #: the cells as the reader gave them, per row (a pyarrow (chunked) array), when that is the trimmed text
    #: already (no cell needs trimming, none is missing): a text column then shares it rather than rebuild it
    as_read: Any = None

    def __len__(self) -> int:
        return len(self.missing)

    def subset(self, keep: np.ndarray) -> Cells:
        """The rows where ``keep`` is true."""
        import pyarrow as pa

        return Cells(
            missing=self.missing[keep],
            codes=None if self.codes is None else self.codes[keep],
            uniques=self.uniques,
            text=None if self.text is None else self.text.filter(pa.array(keep)),
            dictionary=self.dictionary,
            as_read=None if self.as_read is None else self.as_read.filter(pa.array(keep)),
        )

    def factor(self) -> tuple[np.ndarray, pd.Series]:
        """``(codes, uniques)``, factorizing the text now if the column was kept as text."""
        if self.codes is None:
            idx, dictionary = _encode(self.text)
            idx = np.where(self.missing, np.int32(-1), idx)
            self.codes = idx
            self.dictionary = dictionary
            self.uniques = pd.Series(dictionary.to_numpy(zero_copy_only=False), dtype=object)
        assert self.uniques is not None
        return self.codes, self.uniques

    def as_text(self):
        """Per-row trimmed text as a pyarrow (chunked) array (null where missing)."""
        import pyarrow as pa
        import pyarrow.compute as pc

        if self.as_read is not None:
            return self.as_read
        if self.text is not None:
            text = self.text
            if self.missing.any():
                if isinstance(text, pa.ChunkedArray):
                    text = text.combine_chunks()
                text = pc.if_else(pa.array(self.missing), pa.scalar(None, text.type), text)
            return text
        assert self.codes is not None and self.dictionary is not None
        idx = pa.array(self.codes, mask=self.codes < 0)
        return self.dictionary.take(idx)


def _is_arrow_text(values: pd.Series) -> bool:
    import pyarrow as pa

    dt = values.dtype
    if isinstance(dt, pd.ArrowDtype):
        return pa.types.is_string(dt.pyarrow_dtype) or pa.types.is_large_string(dt.pyarrow_dtype)
    return isinstance(dt, pd.StringDtype) and dt.storage == "pyarrow"


def _is_arrow_dictionary(values: pd.Series) -> bool:
    import pyarrow as pa

    dt = values.dtype
    return (
        isinstance(dt, pd.ArrowDtype)
        and pa.types.is_dictionary(dt.pyarrow_dtype)
        and pa.types.is_string(dt.pyarrow_dtype.value_type)
    )


def large_text(arr):
    """A pyarrow (chunked) array as strings: string and large string as they are, anything else cast to large."""
    import pyarrow as pa

    return arr if pa.types.is_string(arr.type) or pa.types.is_large_string(arr.type) else arr.cast(pa.large_string())


def slots_in_use(codes: np.ndarray, n: int) -> np.ndarray:
    """Which of ``n`` slots some code takes (a code of -1, missing, takes none), without a copy of the codes."""
    used = np.zeros(n + 1, dtype=bool)
    used[codes] = True  # -1 marks the extra last flag
    return used[:-1]


def _positions(indices) -> np.ndarray:
    """Dictionary indices (a pyarrow array) as int32 positions, -1 for a null cell."""
    import pyarrow.compute as pc

    if indices.null_count:
        indices = pc.fill_null(indices, -1)
    return indices.to_numpy().astype(np.int32, copy=False)


def _encode(arr) -> tuple[np.ndarray, Any]:
    """``(indices, dictionary)`` of a pyarrow (chunked) string array: int32 positions (-1: null), distinct values.

    A chunked array is encoded as it is, not joined into one first: pyarrow
    gives its chunks one dictionary (if one day it does not, they are
    unified, at the cost of a pass).
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    enc = pc.dictionary_encode(arr)
    if isinstance(enc, pa.ChunkedArray):
        if enc.num_chunks == 0:
            return np.zeros(0, dtype=np.int32), pa.array([], type=arr.type)
        dictionary = enc.chunk(enc.num_chunks - 1).dictionary
        if not all(c.dictionary.equals(dictionary) for c in enc.chunks):
            enc = enc.unify_dictionaries()
            dictionary = enc.chunk(0).dictionary
        indices = pa.chunked_array([c.indices for c in enc.chunks])
    else:
        dictionary, indices = enc.dictionary, enc.indices
    return _positions(indices), dictionary


def _read_dictionary(values: pd.Series) -> Cells:
    """A column the reader dictionary-encoded (one dictionary for the chunk): read per distinct value."""
    import pyarrow as pa
    import pyarrow.compute as pc

    arr = values.array._pa_array
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.unify_dictionaries().combine_chunks() if arr.num_chunks != 1 else arr.chunk(0)
    return _from_encoded(_positions(arr.indices), arr.dictionary, pc)


def _from_encoded(indices: np.ndarray, dictionary, pc, as_read: Any = None) -> Cells:
    """Cells from dictionary positions (-1: null) and values: trimmed once per value, missing values coded -1.

    ``as_read``: the cells per row, kept when no value needs trimming and none is missing.
    """
    import pyarrow as pa

    trimmed = pc.utf8_trim_whitespace(dictionary)
    miss_u = pc.is_in(pc.utf8_lower(trimmed), value_set=pa.array(MISSING_TEXT)).to_numpy(zero_copy_only=False)
    # position per distinct value, -1 for the missing ones; the last slot serves null cells (index -1)
    u_code = np.append(np.where(miss_u, -1, np.arange(len(miss_u))), -1).astype(np.int32)
    codes = u_code[indices] if miss_u.any() else indices  # no value missing: the positions are the codes
    uniq = pd.Series(trimmed.to_numpy(zero_copy_only=False), dtype=object)
    text = pc.if_else(pa.array(miss_u), pa.scalar(None, trimmed.type), trimmed) if miss_u.any() else trimmed
    if as_read is not None and (miss_u.any() or (indices < 0).any() or not trimmed.equals(dictionary)):
        as_read = None
    return Cells(missing=codes < 0, codes=codes, uniques=uniq, dictionary=text, as_read=as_read)


def _arrow(values: pd.Series):
    import pyarrow as pa

    if not hasattr(values.array, "_pa_array"):
        return pa.array(values.array, type=pa.large_string())
    arr = values.array._pa_array  # chunked as the reader made it: pyarrow compute works on the chunks
    if isinstance(arr, pa.ChunkedArray) and arr.num_chunks == 1:
        arr = arr.chunk(0)
    return large_text(arr)


def read_cells(values: pd.Series, *, factor: bool, text: bool) -> Cells:
    """Read one raw column.

    ``factor``: the caller needs the distinct values (names, dates,
    categories, numbers); ``text``: the column is text (cells from Excel or a
    DataFrame are then turned into text as written, numbers included; other
    columns keep the typed cell values for the parsers). A text column that
    is not a factor (ids, sources, notes) is kept as trimmed text, one per
    row: trimming a million cells is cheaper than hashing them, and the
    records frame holds the text anyway. A chunk of the reader's whose cells
    all begin and end with printable ASCII is not trimmed at all (it would
    come out the same), and only cells as short as a missing-value text are
    compared with those.
    """
    if _is_arrow_dictionary(values):
        return _read_dictionary(values)
    if not _is_arrow_text(values):
        return _read_typed(values, text=text)
    import pyarrow as pa
    import pyarrow.compute as pc

    arr = _arrow(values)
    if not factor:  # kept per row: trimming is cheaper than hashing, and the frame wants the text anyway
        pieces = arr.chunks if isinstance(arr, pa.ChunkedArray) else [arr]
        missing = np.zeros(len(arr), dtype=bool)
        rows, at = [], 0
        for piece in pieces:  # a chunk of the reader's at a time: the work arrays stay small
            piece = piece if _trimmed_already(piece) else pc.utf8_trim_whitespace(piece)
            rows.append(piece)
            # the missing-value texts are ASCII (and no other character lowers to their letters): a cell can only
            # be one if it has as few bytes as they have letters
            offsets, _ = string_buffers(piece)
            cand = np.flatnonzero(np.diff(offsets) <= _MAX_MISSING_LEN)
            if piece.null_count:
                cand = np.union1d(cand, np.flatnonzero(piece.is_null().to_numpy(zero_copy_only=False)))
            if len(cand):
                sub = pc.utf8_lower(piece.take(pa.array(cand)))
                hit = pc.or_(pc.is_null(sub), pc.is_in(sub, value_set=pa.array(MISSING_TEXT)))  # null: missing
                missing[at + cand] = hit.to_numpy(zero_copy_only=False)
            at += len(piece)
        return Cells(missing=missing, text=rows[0] if len(rows) == 1 else pa.chunked_array(rows, type=arr.type))
    indices, dictionary = _encode(arr)
    return _from_encoded(indices, dictionary, pc, as_read=arr if text else None)  # only text columns use it


def string_buffers(arr) -> tuple[np.ndarray, np.ndarray]:
    """The offsets (one more than the cells) and bytes of a pyarrow string or large string array, as numpy views."""
    import pyarrow as pa

    off_type = np.int64 if pa.types.is_large_string(arr.type) else np.int32
    _, off_buf, data_buf = arr.buffers()
    if len(arr) == 0:
        return np.zeros(1, dtype=off_type), np.zeros(0, dtype=np.uint8)
    skip = arr.offset * np.dtype(off_type).itemsize
    offsets = np.frombuffer(off_buf, dtype=off_type, count=len(arr) + 1, offset=skip)
    data = np.zeros(0, dtype=np.uint8) if data_buf is None else np.frombuffer(data_buf, dtype=np.uint8)
    return offsets, data


#: Bytes a cell may begin or end with and still need no trimming: printable ASCII, 0x21 up to 0x7E. Every
#: whitespace character pyarrow trims begins (and ends) with another byte: an ASCII control or space, or a
#: byte of a multi-byte character.
_PLAIN_FIRST, _PLAIN_COUNT = 0x21, 0x7F - 0x21


def _trimmed_already(arr) -> bool:
    """True when no cell of a pyarrow string array begins or ends with anything but printable ASCII.

    Such cells need no trimming (``pyarrow.compute.utf8_trim_whitespace``
    would copy them unchanged), which two bytes per cell tell; False says
    only that some cell may need it.
    """
    offsets, data = string_buffers(arr)
    start, end = offsets[:-1], offsets[1:]
    full = end > start
    if not full.all():
        start, end = start[full], end[full]
    if not len(start):
        return True
    for edge in (data[start], data[end - 1]):
        edge -= _PLAIN_FIRST  # in place, as bytes: anything below 0x21 wraps round to 0xDF and above
        if not (edge < _PLAIN_COUNT).all():
            return False
    return True


def _read_typed(values: pd.Series, *, text: bool) -> Cells:
    """Cells from Excel, Parquet or a DataFrame: numbers and dates as typed, text trimmed."""
    import pyarrow as pa

    try:
        codes, uniq = factorize(values)
    except TypeError:  # unhashable cells: lists, dicts, sets in a DataFrame
        bad = next(v for v in values if not isinstance(v, Hashable))
        raise RecordsSchemaError(
            f"column {values.name!r} holds a {type(bad).__name__} ({bad!r:.60}): a cell must be text, a number or "
            f"a date; turn the column into text first (e.g. df[{values.name!r}].astype(str))"
        ) from None
    codes = codes.astype(np.int32)
    if not text:  # text cells trimmed, as in every other reader (the parsers' messages quote them so)
        uniq = uniq.map(lambda v: v.strip() if isinstance(v, str) else v)
        return Cells(missing=codes < 0, codes=codes, uniques=uniq)
    # a text column: each distinct value as text (numbers as written in the cell), trimmed
    as_text = pd.Series(uniq, dtype=object).map(lambda v: v if isinstance(v, str) else str(v)).str.strip()
    t_codes, t_uniq = factorize(pd.Series(as_text, dtype="str"))
    remap = np.append(np.where(t_codes >= 0, t_codes, -1), -1).astype(np.int32)
    codes = remap[codes]
    dictionary = pa.array(pd.Series(t_uniq, dtype=object).str.strip(), type=pa.large_string())
    uniques = pd.Series(dictionary.to_numpy(zero_copy_only=False))
    return Cells(missing=codes < 0, codes=codes, uniques=uniques, dictionary=dictionary)
