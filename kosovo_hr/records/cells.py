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

__all__ = ["Cells", "read_cells"]

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
    text: Any = None  # pyarrow.Array of trimmed text (missing: as written, see ``missing``)
    dictionary: Any = None  # pyarrow.Array, per code

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
        )

    def factor(self) -> tuple[np.ndarray, pd.Series]:
        """``(codes, uniques)``, factorizing the text now if the column was kept as text."""
        if self.codes is None:
            import pyarrow.compute as pc

            enc = pc.dictionary_encode(self.text)
            idx = pc.fill_null(enc.indices, -1).to_numpy(zero_copy_only=False).astype(np.int32)
            idx[self.missing] = -1
            self.codes = idx
            self.dictionary = enc.dictionary
            self.uniques = pd.Series(enc.dictionary.to_numpy(zero_copy_only=False), dtype=object)
        assert self.uniques is not None
        return self.codes, self.uniques

    def as_text(self):
        """Per-row trimmed text as a ``pyarrow.Array`` (null where missing)."""
        import pyarrow as pa
        import pyarrow.compute as pc

        if self.text is not None:
            text = self.text
            if self.missing.any():
                text = pc.if_else(pa.array(self.missing), pa.scalar(None, pa.string()), text)
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


def _read_dictionary(values: pd.Series) -> Cells:
    """A column the reader dictionary-encoded (one dictionary for the chunk): read per distinct value."""
    import pyarrow as pa
    import pyarrow.compute as pc

    arr = values.array._pa_array
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.unify_dictionaries().combine_chunks() if arr.num_chunks != 1 else arr.chunk(0)
    return _from_encoded(arr.indices, arr.dictionary, pc)


def _from_encoded(indices, dictionary, pc) -> Cells:
    """Cells from dictionary indices and values: trimmed once per value, missing values coded -1."""
    import pyarrow as pa

    trimmed = pc.utf8_trim_whitespace(dictionary)
    miss_u = pc.is_in(pc.utf8_lower(trimmed), value_set=pa.array(MISSING_TEXT)).to_numpy(zero_copy_only=False)
    # position per distinct value, -1 for the missing ones; the last slot serves null cells (index -1)
    u_code = np.append(np.where(miss_u, -1, np.arange(len(miss_u))), -1).astype(np.int32)
    if indices.null_count:
        indices = pc.fill_null(indices, -1)
    codes = u_code[indices.to_numpy(zero_copy_only=False)]
    uniq = pd.Series(trimmed.to_numpy(zero_copy_only=False), dtype=object)
    text = pc.if_else(pa.array(miss_u), pa.scalar(None, pa.string()), trimmed) if miss_u.any() else trimmed
    return Cells(missing=codes < 0, codes=codes, uniques=uniq, dictionary=text)


def _arrow(values: pd.Series):
    import pyarrow as pa

    arr = pa.array(values.array, type=pa.string()) if not hasattr(values.array, "_pa_array") else values.array._pa_array
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks() if arr.num_chunks != 1 else arr.chunk(0)
    if arr.type != pa.string():
        arr = arr.cast(pa.string())
    return arr


def read_cells(values: pd.Series, *, factor: bool, text: bool) -> Cells:
    """Read one raw column.

    ``factor``: the caller needs the distinct values (names, dates,
    categories, numbers); ``text``: the column is text (cells from Excel or a
    DataFrame are then turned into text as written, numbers included; other
    columns keep the typed cell values for the parsers). A text column that
    is not a factor (ids, sources, notes) is kept as trimmed text, one per
    row: trimming a million cells is cheaper than hashing them, and the
    records frame holds the text anyway.
    """
    if _is_arrow_dictionary(values):
        return _read_dictionary(values)
    if not _is_arrow_text(values):
        return _read_typed(values, text=text)
    import pyarrow as pa
    import pyarrow.compute as pc

    arr = _arrow(values)
    if not factor:  # kept per row: trimming is cheaper than hashing, and the frame wants the text anyway
        rows: Any = pc.utf8_trim_whitespace(arr)
        short = pc.less_equal(pc.utf8_length(rows), _MAX_MISSING_LEN)
        missing = np.zeros(len(arr), dtype=bool)
        cand = np.flatnonzero(pc.fill_null(short, True).to_numpy(zero_copy_only=False))
        if len(cand):
            sub = pc.utf8_lower(rows.take(pa.array(cand)))
            hit = pc.or_(pc.is_null(sub), pc.is_in(sub, value_set=pa.array(MISSING_TEXT)))  # a null cell is missing
            missing[cand] = hit.to_numpy(zero_copy_only=False)
        return Cells(missing=missing, text=rows)
    enc = pc.dictionary_encode(arr)
    return _from_encoded(enc.indices, enc.dictionary, pc)


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
    dictionary = pa.array(pd.Series(t_uniq, dtype=object).str.strip(), type=pa.string())
    uniques = pd.Series(dictionary.to_numpy(zero_copy_only=False))
    return Cells(missing=codes < 0, codes=codes, uniques=uniques, dictionary=dictionary)
