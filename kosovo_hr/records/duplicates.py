"""Records counted once: exact copies of a row, and one record id used for different records.

A row *repeats* another when every column the file brought holds the same
value (after reading: ``04.03.2021`` and ``2021-03-04`` are the same date,
but ``Prizren`` and ``Призрен`` are different cells). The comparison is
exact (integer codes per column), narrowed first to the rows whose
``record_id`` repeats or is empty when the file has ids. Whether any id
repeats is first asked of 64-bit hashes of the ids (:func:`string_hashes`,
sorted): all different proves the ids all differ, the common case, in a few
milliseconds a million; any two alike send the question to an exact
comparison of the ids themselves, so no answer rests on a hash.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from .cells import large_text, string_buffers
from .errors import RecordsDuplicateError, RecordsWarning
from .schema import RecordSchema

#: Columns the engine adds (never part of what makes two rows the same record).
ENGINE_COLUMNS = ("row", "year", "month", "date_precision", "date_format", "code", "location_method")


def _row_codes(df: pd.DataFrame, cols: list[str]) -> pd.DataFrame:
    """Each column as exact integer codes (equal values, equal codes; missing -1)."""
    out = {}
    for c in cols:
        s = df[c]
        if isinstance(s.dtype, pd.CategoricalDtype):
            out[c] = s.cat.codes.to_numpy()
        elif pd.api.types.is_datetime64_any_dtype(s.dtype):
            out[c] = s.to_numpy().view("int64")
        else:
            out[c] = pd.factorize(s, use_na_sentinel=True)[0]
    return pd.DataFrame(out)


#: Odd 64-bit constants of a multiply-xorshift mix (the finaliser of MurmurHash3, and the golden ratio).
_MIX = np.uint64(0xFF51AFD7ED558CCD)
_SEED = np.uint64(0x9E3779B97F4A7C15)
#: Strings hashed at a time.
_BLOCK = 1 << 15
#: The low ``k`` bytes of a word, for k = 0..8.
_LOW_BYTES = np.array([(1 << (8 * k)) - 1 for k in range(9)], dtype=np.uint64)


def string_hashes(values) -> np.ndarray:
    """A 64-bit hash per cell of a pyarrow (chunked) string array (null cells: any value; leave them out)."""
    import pyarrow as pa

    chunks = values.chunks if isinstance(values, pa.ChunkedArray) else [values]
    hashes = [_string_hashes(c) for c in chunks]
    if not hashes:
        return np.zeros(0, dtype=np.uint64)
    return np.concatenate(hashes) if len(hashes) > 1 else hashes[0]


def hashes_distinct(hashes: np.ndarray) -> bool:
    """True when no two hashes are equal (sorted in place): then no two of the values hashed are."""
    hashes.sort()
    return not (hashes[1:] == hashes[:-1]).any()


def _string_hashes(arr) -> np.ndarray:
    """A 64-bit hash of each string of a pyarrow string array, read 8 bytes at a time (null slots: drop them).

    A string's hash depends on its bytes only (not on its place, nor on the
    other strings), so equal strings always hash alike and all-different
    hashes prove all-different strings; equal hashes prove nothing (the
    caller then compares the strings).
    """
    arr = large_text(arr)
    n = len(arr)
    if n == 0:
        return np.zeros(0, dtype=np.uint64)
    offsets, data = string_buffers(arr)
    out = np.empty(n, dtype=np.uint64)
    end = int(offsets[-1])
    # the strings whose bytes all lie 8 or more before the end are read in place, 8 bytes at a time; the last
    # few (those reaching into the last 8 bytes) from a small copy with 8 zero bytes after it
    tail = int(np.searchsorted(offsets[1:], end - 8, side="right")) if end >= 8 else 0
    if tail:
        _hash_words(offsets[: tail + 1], _words(data[:end]), end - 8, out[:tail])
    if tail < n:
        first = int(offsets[tail])
        padded = np.zeros(end - first + 8, dtype=np.uint8)
        padded[: end - first] = data[first:end]
        _hash_words(offsets[tail:] - first, _words(padded), end - first, out[tail:])
    return out


def _words(data: np.ndarray) -> np.ndarray:
    """The 8-byte little-endian word starting at each byte of ``data`` that has 8 bytes from it (unaligned)."""
    return np.ndarray(shape=(max(len(data) - 7, 0),), dtype="<u8", buffer=data, strides=(1,))


def _hash_words(offsets: np.ndarray, words: np.ndarray, last: int, out: np.ndarray) -> None:
    """Hash the strings between ``offsets`` into ``out``, from ``words`` (``last``: the last word's position)."""
    for b in range(0, len(out), _BLOCK):  # a block at a time: the temporaries stay small (in cache, no fresh pages)
        start = offsets[b : b + _BLOCK + 1]
        length = np.diff(start)
        start = start[:-1]
        h = out[b : b + _BLOCK]
        np.multiply(length.astype(np.uint64), _SEED, out=h)
        for k in range(0, int(length.max(initial=0)), 8):
            # a round per 8 bytes of each string, and only for the strings that have them: a string's hash
            # must not depend on how long the other strings of its block are
            pos = np.minimum(start + k, last)  # a string already read: any word (masked to nothing)
            w = words[pos]
            w &= _LOW_BYTES[np.clip(length - k, 0, 8)]
            mixed = h ^ w
            mixed *= _MIX
            mixed ^= mixed >> np.uint64(33)
            live = length > k
            h[...] = mixed if live.all() else np.where(live, mixed, h)


def all_distinct(values) -> bool:
    """True when no value (missing ones left out) repeats: the common case of unique record ids.

    ``values``: a pandas Series, or pyarrow (chunked) string array. The
    values are hashed to 64 bits and the hashes sorted: all hashes different
    proves all values different (equal values always hash alike). Equal
    hashes (a repeated value, or by chance two values hashing alike) are
    settled exactly by pyarrow's hash table, so the answer never rests on
    the hash.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    if isinstance(values, pd.Series):
        values = values.array._pa_array if hasattr(values.array, "_pa_array") else pa.array(values.astype("str"))
    h = string_hashes(values)
    nulls = values.null_count
    if nulls:
        h = h[~values.is_null().to_numpy(zero_copy_only=False)]
    if hashes_distinct(h):
        return True
    # unique() keeps one null among the values: count it out rather than copy the column without its nulls
    return len(pc.unique(values)) - (1 if nulls else 0) == len(values) - nulls


def find_duplicates(
    records: pd.DataFrame,
    rejected: list[pd.DataFrame],
    policy: str,
    schema: RecordSchema,
    ids_distinct: bool | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame, int]:
    """(records, duplicates table, exact duplicates dropped); repeated ids with other values go to ``rejected``.

    ``ids_distinct``: whether the ``record_id`` values are all different, if
    the caller already knows (the loader checks it while the frame is built):
    True skips the search for repeated ids; False means they may repeat (the
    ids are then compared exactly).
    """
    content = [c for c in records.columns if c not in ENGINE_COLUMNS and c != "date_format"]
    empty = pd.DataFrame(
        {
            "row": pd.Series([], dtype="int64"),
            "kind": pd.Series([], dtype=object),
            "same_as_row": pd.Series([], dtype="Int64"),
            "record_id": pd.Series([], dtype=object),
        }
    )
    if len(records) < 2:
        return records, empty, 0
    # rows can only be exact copies where every column repeats: narrow to rows whose record_id (the most
    # selective column, when present) repeats or is empty, then compare every column of those exactly
    if "record_id" in records.columns:
        rid = records["record_id"]
        if ids_distinct is None:
            ids_distinct = all_distinct(rid)
        if ids_distinct:
            cand = np.flatnonzero(rid.isna().to_numpy())  # no id repeats: only rows without an id can be copies
        else:
            cand = np.flatnonzero(rid.isna().to_numpy() | rid.duplicated(keep=False).to_numpy())
    else:
        cand = np.arange(len(records))
    exact = np.zeros(len(records), dtype=bool)
    first_row = np.zeros(len(records), dtype=np.int64)
    if len(cand) > 1:
        sub = records.iloc[cand]
        codes = _row_codes(sub, content)
        dup = codes.duplicated(keep="first").to_numpy()
        if dup.any():
            group = codes.groupby(list(codes.columns), sort=False).ngroup().to_numpy()
            first = pd.Series(sub["row"].to_numpy()).groupby(group).min()
            exact[cand[dup]] = True
            first_row[cand[dup]] = first.reindex(group[dup]).to_numpy()
    tables = []
    if exact.any():
        tables.append(
            pd.DataFrame(
                {
                    "row": records["row"].to_numpy()[exact],
                    "kind": "exact_duplicate",
                    "same_as_row": first_row[exact],
                    "record_id": None,
                }
            )
        )
    conflict = np.zeros(len(records), dtype=bool)
    if "record_id" in records.columns and not ids_distinct:
        rid = records["record_id"]
        has = rid.notna().to_numpy() & ~exact
        rep = np.zeros(len(records), dtype=bool)
        rep[has] = rid[has].duplicated(keep=False).to_numpy()
        if rep.any():
            conflict = rep
            r = records.loc[rep, ["row", "record_id"]]
            tables.append(
                pd.DataFrame(
                    {
                        "row": r["row"].to_numpy(),
                        "kind": "repeated_record_id",
                        "same_as_row": pd.NA,
                        "record_id": r["record_id"].to_numpy(),
                    }
                )
            )
    if not tables:
        return records, empty, 0
    table = pd.concat(tables, ignore_index=True).sort_values("row").reset_index(drop=True)
    table["same_as_row"] = table["same_as_row"].astype("Int64")
    n_exact, n_ids = int(exact.sum()), int(conflict.sum())
    what = (
        (f"{n_exact} row(s) repeat an earlier row exactly" if n_exact else "")
        + (" and " if n_exact and n_ids else "")
        + (f"{n_ids} row(s) share a record_id with a row holding other values" if n_ids else "")
    )
    if policy == "error":
        lines = [
            f"  row {r}: " + (f"same as row {s}" if k == "exact_duplicate" else f"record_id {i!r} repeated")
            for r, k, s, i in zip(table["row"], table["kind"], table["same_as_row"], table["record_id"])
        ]
        raise RecordsDuplicateError(
            f"{what}:\n"
            + "\n".join(lines[:200])
            + ("\n  ..." if len(lines) > 200 else "")
            + "\nRemove the copies, or pass on_duplicate='drop' or 'keep'."
        )
    if policy == "keep":
        warnings.warn(
            f"{what}; all are kept (on_duplicate='keep') and will be counted: see result.duplicates",
            RecordsWarning,
            stacklevel=3,
        )
        return records, table, 0
    # drop: exact copies leave; rows of a repeated id with different values are rejected (which is right is unknown)
    if n_ids:
        groups = records.loc[conflict].groupby("record_id", observed=True)["row"].agg(list)
        rows_of = {k: v for k, v in groups.items()}
        rej = records.loc[conflict].copy()
        rej["reason"] = [
            f"column 'record_id': {i!r} is also the id of row(s) "
            f"{', '.join(str(x) for x in rows_of[i] if x != r)} with other values; keep one record "
            f"per id, or give them different ids"
            for r, i in zip(rej["row"], rej["record_id"])
        ]
        rej = rej[["row", "reason", *[c for c in rej.columns if c not in ("row", "reason") and c in content]]]
        rejected.append(rej.astype({c: object for c in rej.columns if c not in ("row",)}))
    warnings.warn(
        f"{what}: "
        + (f"the {n_exact} exact copies are dropped (each record is counted once)" if n_exact else "")
        + ("; " if n_exact and n_ids else "")
        + (f"the {n_ids} rows with a repeated record_id are rejected" if n_ids else "")
        + ". See result.duplicates. If the copies are distinct records, give each a record_id.",
        RecordsWarning,
        stacklevel=3,
    )
    return records.loc[~exact & ~conflict].reset_index(drop=True), table, n_exact
