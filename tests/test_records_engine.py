"""The column-wise engine gives the same answer however the file is cut: chunks, threads, vectorised dates.

The engine reads a file in chunks, reads the next chunk in a thread while it
works on the current one, reads columns in threads on large chunks, keeps a
column per distinct value or per row depending on what the chunk holds, and
parses the common date forms for all distinct values at once. None of that
may change a single value: these tests load the same seeded file cut in
different ways and compare every cell, and compare the vectorised date
reading with the one-value reader.
"""

from __future__ import annotations

import datetime as _dt
import itertools
import threading
import warnings

import numpy as np
import pandas as pd
import pytest

from kosovo_hr.records import load_records
from kosovo_hr.records.parse import parse_date, parse_dates
from kosovo_hr.records.read import prefetch

SEED = 20261201


def _log(path, n: int) -> None:
    """A seeded hate-incident log of ``n`` rows with bad cells, blank lines, repeats and several spellings."""
    rng = np.random.default_rng(SEED)
    names = np.array(["Prizren", "Призрен", "Prishtinë", "Priština", "Gjakovë", "Đakovica", "Atlantis", " Pejë "])
    days = pd.date_range("2015-01-01", "2024-12-31", freq="D")
    d = days[rng.integers(len(days), size=n)]
    dates = np.where(rng.random(n) < 0.5, d.strftime("%Y-%m-%d"), d.strftime("%-d.%-m.%Y"))
    dates[rng.random(n) < 0.01] = "31.02.2021"  # no such day
    dates[rng.random(n) < 0.01] = "2999-01-01"  # implausible
    ids = np.char.add("id-", rng.permutation(n).astype(str)).astype(object)
    ids[rng.random(n) < 0.02] = ""  # some rows without an id
    frame = pd.DataFrame(
        {
            "record_id": ids,
            "date": dates,
            "municipality": names[rng.integers(len(names), size=n)],
            "category": rng.choice(["violent_attack", "threat", "Hate speech", "arson?"], n, p=[0.4, 0.3, 0.29, 0.01]),
            "bias_motivation": rng.choice(["ethnicity_nationality", "unknown", "NA"], n),
            "source": rng.choice(["monitor A", "police request 2024/17", ""], n, p=[0.5, 0.49, 0.01]),
        }
    )
    frame = pd.concat([frame, frame.iloc[:50]], ignore_index=True)  # 50 exact repeats at the end
    text = frame.to_csv(index=False, lineterminator="\n").splitlines()
    for k in (10, 5000, 20_001):  # blank lines: later row numbers must stay spreadsheet rows
        text.insert(k, "")
    path.write_text("\n".join(text) + "\n", encoding="utf-8")


def _load(path, chunk_rows: int):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return load_records(path, "hate_incident", chunk_rows=chunk_rows, progress=False)


@pytest.fixture(scope="module")
def cut_three_ways(tmp_path_factory):
    path = tmp_path_factory.mktemp("engine") / "log.csv"
    _log(path, 60_000)
    # one chunk read with column threads; chunks of 20,000 (ids kept per row, no threads); chunks of
    # 3,000 (ids kept per distinct value) with a last chunk of another kind
    return {k: _load(path, k) for k in (100_000, 20_000, 3_000)}


def test_same_records_however_the_file_is_cut(cut_three_ways):
    ref = cut_three_ways[100_000]
    assert len(ref.records) > 30_000 and len(ref.rejected) > 10_000  # the file holds both, so both are compared
    for k, res in cut_three_ways.items():
        pd.testing.assert_frame_equal(res.records, ref.records, check_categorical=True, obj=f"records, chunks of {k}")


def test_same_rejections_and_duplicates_however_the_file_is_cut(cut_three_ways):
    ref = cut_three_ways[100_000]
    # the 50 repeated rows that are valid are dropped as copies of the first 50 (the others are rejected)
    copies = ref.duplicates[(ref.duplicates["kind"] == "exact_duplicate") & (ref.duplicates["row"] > 60_003)]
    assert 10 < len(copies) <= 50 and (copies["row"] - copies["same_as_row"]).isin([60_002, 60_003]).all()
    for k, res in cut_three_ways.items():
        got, want = res.rejected.astype(str), ref.rejected.astype(str)
        pd.testing.assert_frame_equal(got, want, obj=f"rejected, chunks of {k}")
        pd.testing.assert_frame_equal(res.duplicates, ref.duplicates, obj=f"duplicates, chunks of {k}")
        assert res.info["blank_rows"] == ref.info["blank_rows"] == 3
        assert res.info["date_formats"] == ref.info["date_formats"]
        assert res.unknown_names == ref.unknown_names


def test_rows_are_spreadsheet_rows_across_chunks_and_blank_lines(cut_three_ways, tmp_path):
    res = cut_three_ways[3_000]
    rows = pd.concat([res.records["row"], res.rejected["row"], res.duplicates["row"]])
    # 60,050 records + header + 3 blank lines: every line but the header and the blank ones is accounted for once
    assert rows.is_unique and len(rows) == 60_050
    assert sorted(set(range(2, 60_055)) - set(rows)) == [11, 5001, 20_002]


def test_vectorised_dates_read_as_the_one_value_reader():
    rng = np.random.default_rng(SEED)
    today = _dt.date(2026, 12, 1)
    days = pd.date_range("1900-01-01", "2030-12-31", freq="7D")
    pick = days[rng.integers(len(days), size=400)]
    values = list(pick.strftime("%Y-%m-%d")) + list(pick.strftime("%d.%m.%Y")) + list(pick.strftime("%-d.%-m.%Y."))
    values += ["31.02.2021", "2021-02-29", "00.01.2020", "1.13.2020", "2021-13-01", "1677-12-31", "9999-01-01"]
    values += ["2021", "03.2021", "3/4/2021", " 2021-03-04 ", "2021-03-04 10:00", "04.03.21", "x", "1944-05-05"]
    uniq = pd.Series(list(dict.fromkeys(values)), dtype=object)
    got = parse_dates(uniq, dayfirst=None, min_year=1945, today=today)
    ref = parse_dates(uniq.iloc[:50], dayfirst=None, min_year=1945, today=today)  # too few: one value at a time
    for i, v in enumerate(uniq):
        ts, y, mo, p, fmt, err = parse_date(v, dayfirst=None, today=today)
        if err is None and ts is not None and (y < 1945 or ts > pd.Timestamp(today)):
            err = "out of range"
        assert (got["error"][i] is None) == (err is None), v
        if err is None:
            assert pd.Timestamp(got["date"][i]) == ts, v
            assert (got["year"][i], got["month"][i]) == (y, mo or 0), v
        if i < 50:
            for key in got:
                a, b = got[key][i], ref[key][i]
                assert (a == b) or (pd.isna(a) and pd.isna(b)), (v, key)


def test_vectorised_dates_reuse_earlier_chunks_exactly():
    today = _dt.date(2026, 12, 1)
    values = pd.Series([f"{d}.{m}.2020" for d, m in itertools.product(range(1, 32), range(1, 13))], dtype=object)
    cache: dict = {}
    first = parse_dates(values, dayfirst=None, min_year=1945, today=today, cache=cache)
    backwards = values.iloc[::-1].reset_index(drop=True)
    again = parse_dates(backwards, dayfirst=None, min_year=1945, today=today, cache=cache)
    for key in first:
        np.testing.assert_array_equal(np.asarray(first[key][::-1]), np.asarray(again[key]), err_msg=key)
    assert (first["error"] != None).sum() == 6  # noqa: E711 (30.2, 31.2, 31.4, 31.6, 31.9, 31.11; 2020 is a leap year)


def test_prefetch_gives_every_chunk_then_the_readers_error():
    def chunks():
        yield 1
        yield 2
        raise ValueError("line 3 is broken")

    got = []
    with pytest.raises(ValueError, match="line 3"):
        for c in prefetch(chunks()):
            got.append(c)
    assert got == [1, 2]


def test_prefetch_stops_the_reader_when_the_caller_stops():
    closed = []

    def endless():
        try:
            yield from itertools.count()
        finally:
            closed.append(True)

    it = prefetch(endless())
    assert next(it) == 0
    it.close()  # the caller stops (an error in its loop): the reader thread must end and close its file
    assert closed == [True]


def test_same_records_without_threads(cut_three_ways, tmp_path, monkeypatch):
    import kosovo_hr.records.load as engine

    path = tmp_path / "log.csv"
    _log(path, 60_000)
    monkeypatch.setattr(engine, "THREADS", False)
    res = _load(path, 100_000)
    ref = cut_three_ways[100_000]
    pd.testing.assert_frame_equal(res.records, ref.records)
    pd.testing.assert_frame_equal(res.rejected.astype(str), ref.rejected.astype(str))


def test_prefetch_reads_at_most_one_chunk_ahead():
    produced = []

    def chunks():
        for i in range(6):
            produced.append(i)
            yield i

    taken = 0
    for _ in prefetch(chunks()):
        taken += 1
        threading.Event().wait(0.05)  # the caller works on its chunk; the reader may read one more, not two
        assert len(produced) <= taken + 1, (len(produced), taken)
    assert taken == 6


@pytest.mark.parametrize(
    "kind", ["arrow", "arrow_dictionary", "object"], ids=["arrow strings", "arrow dictionary", "cells from Excel"]
)
@pytest.mark.parametrize("factor", [True, False])
def test_a_column_is_read_the_same_whatever_it_came_as(kind, factor):
    import pyarrow as pa

    from kosovo_hr.records.cells import read_cells

    cells = [" Prizren", "Prizren ", "", "NA", " n/a ", None, "Pejë", "null", "Prizren", "None"]
    if kind == "arrow":
        col = pd.Series(cells, dtype=pd.ArrowDtype(pa.string()))
    elif kind == "arrow_dictionary":
        col = pd.Series(pd.arrays.ArrowExtensionArray(pa.array(cells).dictionary_encode()))
    else:
        col = pd.Series(cells, dtype=object)
    got = read_cells(col, factor=factor, text=True)
    missing = [False, False, True, True, True, True, False, True, False, True]
    assert got.missing.tolist() == missing
    assert got.as_text().to_pylist() == ["Prizren", "Prizren", None, None, None, None, "Pejë", None, "Prizren", None]
    codes, uniq = got.factor()
    assert [uniq.iloc[c] if c >= 0 else None for c in codes] == got.as_text().to_pylist()


def test_dates_cached_between_chunks_stay_with_their_rows(tmp_path):
    # a date written once with a space and once without: two cells, one value; the cache of earlier chunks
    # must still give every later row its own date (it once shifted every row of the third chunk)
    days = [(_dt.date(2020, 1, 1) + _dt.timedelta(i)).isoformat() for i in range(200)]
    dates = days[:99] + [" " + days[0]] + days[100:200] + days[100:200]
    frame = pd.DataFrame(
        {
            "record_id": [f"r{i}" for i in range(300)],
            "date": dates,
            "municipality": "Prizren",
            "category": "threat",
            "bias_motivation": "unknown",
            "source": "OSCE",
        }
    )
    path = tmp_path / "dates.csv"
    frame.to_csv(path, index=False)
    whole = _load(path, None)
    assert whole.records["date"].dt.strftime("%Y-%m-%d").tolist() == [d.strip() for d in dates]
    for k in (100, 64, 7):
        pd.testing.assert_frame_equal(_load(path, k).records, whole.records, obj=f"chunks of {k}")


def test_cells_from_a_dataframe_are_quoted_trimmed_as_from_a_csv(tmp_path):
    frame = pd.DataFrame(
        {
            "date": [" 1900-01-01", "2021-03-04"],
            "municipality": ["Prizren", "Prizren"],
            "category": ["threat", " bogus "],
            "bias_motivation": ["unknown", "unknown"],
            "source": ["OSCE", "OSCE"],
        },
        dtype=object,
    )
    path = tmp_path / "t.csv"
    frame.to_csv(path, index=False)
    from_csv, from_frame = _load(path, None), _load(frame, None)
    assert from_frame.rejected["reason"].tolist() == from_csv.rejected["reason"].tolist()
    reasons = from_frame.rejected["reason"]
    assert "'1900-01-01'" in reasons.iloc[0] and "'bogus'" in reasons.iloc[1]


@pytest.mark.parametrize("block", [7, 1 << 15], ids=["blocks of 7", "blocks as used"])
def test_string_hashes_agree_for_equal_strings_wherever_they_lie(block, monkeypatch):
    # all-different hashes are taken as proof of all-different ids: equal strings must hash alike whatever their
    # place in the buffer (8-byte words read across cells, slices, 32- and 64-bit offsets) and whatever the
    # other strings hashed with them (a block holding a longer string once hashed the short ones differently)
    import pyarrow as pa

    import kosovo_hr.records.duplicates as dup

    monkeypatch.setattr(dup, "_BLOCK", block)
    rng = np.random.default_rng(SEED)
    kinds = ["", "a", "ab", "abcdefg", "abcdefgh", "abcdefghi", "Prishtinë", "Приштина", "x" * 40, "id-1", "id-1 "]
    values = [kinds[i] for i in rng.integers(len(kinds), size=5_000)]
    for arr in (pa.array(values), pa.array(values, pa.large_string()), pa.array(values).slice(1_233, 2_000)):
        seen: dict = {}
        for v, h in zip(arr.to_pylist(), dup._string_hashes(arr)):
            assert seen.setdefault(v, h) == h, v
        assert len(set(seen.values())) == len(seen) == len(kinds)  # and these few differ
    alone = {v: dup._string_hashes(pa.array([v]))[0] for v in kinds}
    assert all(alone[v] == h for v, h in zip(values, dup._string_hashes(pa.array(values))))


def test_ids_found_distinct_or_repeated_exactly_even_when_hashes_collide(monkeypatch):
    import pyarrow as pa

    import kosovo_hr.records.duplicates as dup

    ids = pa.chunked_array([pa.array([f"r{i}" for i in range(1_000)]), pa.array(["x", None, None])])
    repeated = pa.chunked_array([*ids.chunks, pa.array(["r5"])])
    assert dup.all_distinct(ids) and not dup.all_distinct(repeated)  # missing ids are no repeat
    # every hash alike: the answer must come from comparing the ids themselves
    monkeypatch.setattr(dup, "_string_hashes", lambda arr: np.zeros(len(arr), dtype=np.uint64))
    assert dup.all_distinct(ids) and not dup.all_distinct(repeated)


def test_cells_said_to_need_no_trimming_need_none():
    import pyarrow as pa
    import pyarrow.compute as pc

    from kosovo_hr.records.cells import _trimmed_already

    rng = np.random.default_rng(SEED)
    parts = ["a", "Z", "ë", "Ж", "1", "-", " ", "\t", "\n", "\x1c", "\x85", "\u00a0", "\u2003", "\u3000", "\ufeff"]
    said_plain = 0
    for _ in range(3_000):
        cells = ["".join(rng.choice(parts, size=rng.integers(0, 4))) for _ in range(rng.integers(1, 5))]
        arr = pa.array(cells)
        if _trimmed_already(arr):
            said_plain += 1
            assert pc.utf8_trim_whitespace(arr).equals(arr), cells
    assert said_plain > 100  # the check is not always "no"
    assert _trimmed_already(pa.array(["r1", "monitor A", ""])) and not _trimmed_already(pa.array(["r1", " r2"]))


def test_text_shared_as_read_is_the_text_rebuilt(tmp_path):
    # a column that needs no trimming is given as the reader read it; one that does is rebuilt from its
    # distinct values; both must hold what the same cells give from a DataFrame (no sharing there)
    import pyarrow as pa

    from kosovo_hr.records.cells import read_cells

    rng = np.random.default_rng(SEED)
    n = 3_000
    clean = pd.Series(rng.choice(["Prizren", "Призрен", "Pejë"], n), dtype=object)
    frame = pd.DataFrame(
        {
            "record_id": [f"r{i}" for i in range(n)],
            "date": "2021-03-04",
            "municipality": clean,
            "category": "threat",
            "bias_motivation": "unknown",
            "source": np.where(rng.random(n) < 0.5, " OSCE", "CSO"),
        }
    )
    assert (
        read_cells(pd.Series(clean, dtype=pd.ArrowDtype(pa.large_string())), factor=True, text=True).as_read is not None
    )
    assert (
        read_cells(pd.Series(" " + clean, dtype=pd.ArrowDtype(pa.large_string())), factor=True, text=True).as_read
        is None
    )
    for muni in (clean, clean.where(rng.random(n) < 0.5, " " + clean + " ")):
        frame["municipality"] = muni
        path = tmp_path / "t.csv"
        frame.to_csv(path, index=False)
        from_csv, from_frame = _load(path, None).records, _load(frame.astype(object), None).records
        pd.testing.assert_frame_equal(from_csv.drop(columns="date_format"), from_frame.drop(columns="date_format"))
        assert from_csv["municipality"].tolist() == clean.tolist()
        assert from_csv["source"].isin(["OSCE", "CSO"]).all()


def _arrow_chunked_frame(frame: pd.DataFrame, pieces: int) -> pd.DataFrame:
    """The same cells as Arrow large strings in ``pieces`` chunks per column (as pandas reads a large CSV)."""
    import pyarrow as pa

    table = pa.Table.from_pandas(frame.astype(str), preserve_index=False)
    step = -(-len(frame) // pieces)
    table = pa.concat_tables([table.slice(i, step) for i in range(0, len(frame), step)])
    table = table.cast(pa.schema([(f.name, pa.large_string()) for f in table.schema]))
    assert table.column(0).num_chunks == pieces
    return table.to_pandas(types_mapper=pd.ArrowDtype)


def test_columns_in_many_arrow_chunks_read_as_the_same_cells_as_objects(monkeypatch):
    # pandas gives a large CSV's columns in several Arrow chunks: each is trimmed, checked for missing text and
    # hashed on its own; the answer must be the cells' own, with threads or without
    import kosovo_hr.records.load as load

    rng = np.random.default_rng(SEED)
    n = 60_000
    names = np.array(["Prizren", "Призрен", "Pejë", "Gjakovë"])
    frame = pd.DataFrame(
        {
            "record_id": [f"id-{i}" for i in range(n)],
            "date": "2021-03-04",
            "municipality": names[rng.integers(len(names), size=n)],
            "category": "threat",
            "bias_motivation": rng.choice(["unknown", "ethnicity_nationality"], n),
            "source": "OSCE",
        }
    )
    frame.loc[40_000:40_100, "source"] = " police "  # padded cells in one chunk only
    frame.loc[50_000:50_010, "bias_motivation"] = "NA"  # missing text in another (a required column: rejected)
    frame.loc[55_000, "record_id"] = "id-7"  # a repeated id, chunks apart
    frame.loc[55_000, "category"] = "hate_speech"
    want = _load(frame.astype(object), None)
    assert want.duplicates["row"].tolist() == [9, 55_002]
    assert want.rejected["row"].tolist() == [9, *range(50_002, 50_013), 55_002]
    for threads in (True, False):
        monkeypatch.setattr(load, "THREADS", threads)
        for chunk_rows in (None, 25_000):
            got = _load(_arrow_chunked_frame(frame, 6), chunk_rows)
            pd.testing.assert_frame_equal(got.records, want.records, obj=f"threads {threads}, chunks {chunk_rows}")
            pd.testing.assert_frame_equal(got.duplicates, want.duplicates)
            pd.testing.assert_frame_equal(got.rejected.astype(str), want.rejected.astype(str))


@pytest.mark.parametrize("chunk_rows", [None, 100])
def test_every_column_of_the_records_can_be_written_to(tmp_path, chunk_rows):
    # a column that is a view of the reader's cells would be read-only ("assignment destination is read-only");
    # a clean file, as then no rejected row makes the engine copy the columns
    path = tmp_path / "log.csv"
    n = 300
    frame = pd.DataFrame(
        {
            "record_id": [f"r{i}" for i in range(n)],
            "date": "2021-03-04",
            "municipality": "Prizren",
            "category": "threat",
            "bias_motivation": "unknown",
            "source": "OSCE",
        }
    )
    frame.to_csv(path, index=False)
    assert _load(path, chunk_rows).rejected.empty
    columns = _load(path, chunk_rows).records.columns
    for col in columns:
        records = _load(path, chunk_rows).records
        records.loc[0, col] = records[col].iloc[1]
        assert records[col].iloc[0] == records[col].iloc[1] or pd.isna(records[col].iloc[1])


def test_rejected_cells_are_arrow_text_as_before(tmp_path):
    path = tmp_path / "log.csv"
    _log(path, 300)
    rejected = _load(path, None).rejected
    assert len(rejected) and str(rejected["date"].dtype) == "string[pyarrow]"
