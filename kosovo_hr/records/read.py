"""Read a user's record file into chunks of raw cells, losslessly.

Every format ends as the same thing: chunks of a frame whose cells are the
values as written (text from CSV, the cell value from Excel or Parquet, the
value from a DataFrame), plus a ``row`` column. No cell is interpreted here:
numbers, dates, missing-value words and names are read by
:mod:`kosovo_hr.records.parse` and :mod:`kosovo_hr.records.load`, the same way
for every format.

Row numbers
-----------
``row`` is the row a person sees: in a CSV or an Excel sheet the spreadsheet
row (the header is row 1, the first record row 2; blank rows keep their
number, so every later number stays right). A Parquet file or a DataFrame
has no rows to point at: ``row`` is the record's position + 1, as if the
table were written to a sheet under a header row.

CSV files
---------
* **Encoding**: UTF-8, UTF-8 with BOM and UTF-16 (with BOM, or without one
  when every other byte is 0) are detected. Anything else is refused with a
  message naming the likely encoding (charset-normalizer's guess on the first
  64 KiB; Windows-1250 for Serbian and Albanian text saved by Excel on
  Windows) and the ``encoding=`` argument. Nothing is decoded by a guess.
* **Separator**: comma, semicolon, tab or ``|``, detected from the first lines
  (the one that splits the header into the most cells and the next lines into
  as many), or given with ``sep=``.
* A line with more cells than the header is a whole-file error naming the
  line (a separator inside a cell must be quoted); a line with fewer cells is
  read with the rest empty.
* Blank lines above the header are skipped; the header keeps its row number.
* A file up to :data:`ONE_PIECE_BYTES` is read in one piece, a larger one in
  chunks of :data:`CHUNK_ROWS` rows (or ``chunk_rows=``); :func:`prefetch`
  reads the next chunk while the engine works on the current one.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .errors import RecordsSchemaError

#: Name of the column holding the spreadsheet row in raw chunks (no header can collide with it).
ROW = "\x00row"
#: Rows per chunk: bounds memory on large files (two chunks of raw cells are held at a time).
CHUNK_ROWS = 500_000
#: Rows of a CSV's first chunk: work starts on it while the next chunk is read.
FIRST_CHUNK_ROWS = 100_000
#: A CSV up to this size (bytes) is read in one piece unless ``chunk_rows`` is given (about 3.7 million rows
#: of a typical log): pandas reads a whole file on two cores, chunk by chunk on one. Peak memory is then
#: about 1.4 times ``read_csv``'s; a larger file in chunks holds two chunks of raw cells at a time.
ONE_PIECE_BYTES = 256 * 2**20
SEPARATORS = (",", ";", "\t", "|")
CSV_SUFFIXES = (".csv", ".txt", ".tsv")
EXCEL_SUFFIXES = (".xlsx", ".xlsm")
PARQUET_SUFFIXES = (".parquet", ".pq")
_SAMPLE = 64 * 1024


@dataclass
class ReadInfo:
    """How the file was read: what a methods section should state."""

    source: str
    format: str
    encoding: str | None = None
    sep: str | None = None
    sheet: str | None = None
    header: list[str] = field(default_factory=list)
    #: True when the file was read in one piece (a CSV of moderate size), not chunk by chunk
    one_piece: bool = False

    def as_dict(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if v not in (None, [])}


def _encoding_of(path: Path, head: bytes) -> str:
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    sample = head[:4096]
    if len(sample) >= 4:
        odd, even = sample[1::2].count(0), sample[0::2].count(0)
        if odd > 0.4 * len(sample) / 2 and even == 0:
            return "utf-16-le"
        if even > 0.4 * len(sample) / 2 and odd == 0:
            return "utf-16-be"
    return "utf-8"


def _not_utf8(path: Path, err: UnicodeDecodeError) -> RecordsSchemaError:
    from charset_normalizer import from_bytes

    with open(path, "rb") as f:
        sample = f.read(_SAMPLE * 4)
    best = from_bytes(
        sample, cp_isolation=["cp1250", "cp1252", "iso8859_2", "iso8859_1", "cp1251", "mac_latin2"]
    ).best()
    guess = best.encoding if best is not None else "cp1250"
    names = {
        "cp1250": "Windows-1250 (central European: Serbian Latin and Albanian text saved by Excel)",
        "cp1252": "Windows-1252 (western European)",
        "cp1251": "Windows-1251 (Cyrillic)",
        "iso8859_2": "ISO-8859-2 (Latin-2)",
        "iso8859_1": "ISO-8859-1 (Latin-1)",
    }
    return RecordsSchemaError(
        f"{path}: the file is not UTF-8 (byte {err.object[err.start : err.start + 1]!r} at position "
        f"{err.start}); it looks like {names.get(guess, guess)}. Read it with encoding={guess!r} (check "
        f"that names such as 'Đakovica' or 'Ferizaj' come out right), or save it again as 'CSV UTF-8'."
    )


def _sniff_sep(path: Path, text: str) -> str:
    lines = [ln for ln in text.splitlines()[:50] if ln.strip()]
    if not lines:
        return ","
    best, best_key = None, (1, -1)
    for sep in SEPARATORS:
        rows = list(csv.reader(io.StringIO("\n".join(lines[:20])), delimiter=sep))
        n = len(rows[0]) if rows else 0
        if n <= 1:
            continue
        agree = sum(len(r) == n for r in rows[1:])  # the next lines split into as many cells: a tie-breaker
        if (n, agree) > best_key:
            best, best_key = sep, (n, agree)
    if best is None:
        found = ", ".join(repr(s) for s in SEPARATORS)
        raise RecordsSchemaError(
            f"{path}: cannot tell the separator: the header splits into one column with each of {found}. "
            f"Pass sep= (e.g. sep=';'), or check that the first line is the header."
        )
    return best


def _csv_chunks(
    path: Path, info: ReadInfo, encoding: str | None, sep: str | None, chunk_rows: int | None
) -> Iterator[pd.DataFrame]:
    with open(path, "rb") as f:
        head = f.read(_SAMPLE)
    if not head.strip():
        raise RecordsSchemaError(
            f"{path}: the file is empty; it needs a header row with the schema's columns (see data/raw/README.md)"
        )
    enc = encoding or _encoding_of(path, head)
    try:
        text = head.decode(enc, errors="strict" if len(head) < _SAMPLE else "ignore")
    except UnicodeDecodeError as err:
        raise _not_utf8(path, err) from None
    except LookupError:
        raise RecordsSchemaError(f"{path}: unknown encoding {enc!r}; use e.g. 'utf-8' or 'cp1250'") from None
    info.encoding = enc
    info.sep = sep or _sniff_sep(path, text.lstrip("\ufeff"))
    # blank lines above the header are skipped (as in a sheet); the rows keep their numbers
    lines = text.lstrip("\ufeff").splitlines()
    above = next((i for i, ln in enumerate(lines) if ln.strip()), 0)
    import pyarrow as pa

    # every cell as text (pyarrow strings: no number or date is guessed); blank lines kept as empty rows
    options = dict(
        sep=info.sep,
        header=None,
        dtype=pd.ArrowDtype(pa.large_string()),  # large: the records frame's "str" columns take it as it is
        na_filter=False,
        keep_default_na=False,
        skip_blank_lines=False,
        encoding=enc,
        engine="c",
        quotechar='"',
        skiprows=above,
    )
    one_piece = chunk_rows is None and path.stat().st_size <= ONE_PIECE_BYTES
    info.one_piece = one_piece
    rows = chunk_rows or CHUNK_ROWS
    reader = None if one_piece else pd.read_csv(path, chunksize=rows, **options)

    def pieces() -> Iterator[pd.DataFrame]:
        if reader is None:  # a file of moderate size: one read (pandas then uses more than one core)
            yield pd.read_csv(path, **options)
            return
        first = True
        while True:
            # the first chunk is small (the engine starts on it while the next is read) and holds the header
            try:
                yield reader.get_chunk(min(rows, FIRST_CHUNK_ROWS) + 1 if first else rows)
            except StopIteration:
                return
            first = False

    offset = 1 + above  # spreadsheet row of the first data line of the next chunk, minus one
    header: list[str] | None = None
    try:
        for chunk in pieces():
            if header is None:
                header = [str(h) for h in chunk.iloc[0]]
                chunk = chunk.iloc[1:]
                info.header = header
            chunk.columns = header[: chunk.shape[1]] + [f"column_{i + 1}" for i in range(len(header), chunk.shape[1])]
            chunk.insert(0, ROW, range(offset + 1, offset + 1 + len(chunk)))
            offset += len(chunk)
            yield chunk.reset_index(drop=True)
    except UnicodeDecodeError as err:
        if encoding is None and enc in ("utf-8", "utf-8-sig"):
            raise _not_utf8(path, err) from None
        raise RecordsSchemaError(
            f"{path}: cannot decode the file as {enc!r} ({err}); pass the right encoding="
        ) from None
    except pd.errors.EmptyDataError:
        raise RecordsSchemaError(f"{path}: the file has no header row (only blank lines)") from None
    except pd.errors.ParserError as err:
        raise RecordsSchemaError(
            f"{path}: {str(err).strip()}. A line has more cells than the header: quote cells that contain the "
            f"separator {info.sep!r}, or pass the right sep=."
        ) from None
    finally:
        if reader is not None:
            reader.close()
    if header is None:
        raise RecordsSchemaError(f"{path}: the file is empty; it needs a header row")


def _excel_chunks(path: Path, info: ReadInfo, sheet: str | int | None, chunk_rows: int) -> Iterator[pd.DataFrame]:
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as err:  # openpyxl raises many kinds for a damaged or non-Excel file
        raise RecordsSchemaError(f"{path}: cannot open the workbook ({err})") from None
    try:
        names = wb.sheetnames
        if sheet is None:
            if len(names) > 1:
                raise RecordsSchemaError(
                    f"{path}: the workbook has {len(names)} sheets "
                    f"({', '.join(repr(n) for n in names)}); choose one with sheet="
                )
            ws = wb[names[0]]
        elif isinstance(sheet, int):
            if not 0 <= sheet < len(names):
                raise RecordsSchemaError(f"{path}: no sheet number {sheet}; sheets are {names}")
            ws = wb[names[sheet]]
        else:
            if sheet not in names:
                raise RecordsSchemaError(f"{path}: no sheet {sheet!r}; sheets are {names}")
            ws = wb[sheet]
        info.sheet = ws.title
        rows = ws.iter_rows(values_only=True)
        header: list[str] | None = None
        first = 1
        for values in rows:
            if header is None:
                if values is None or all(v is None or str(v).strip() == "" for v in values):
                    first += 1
                    continue  # blank rows above the header
                header = ["" if v is None else str(v) for v in values]
                while header and header[-1] == "":
                    header.pop()
                info.header = header
                break
        if header is None:
            raise RecordsSchemaError(f"{path}: sheet {ws.title!r} is empty; the first row must be the header")
        width = len(header)
        buf: list[tuple] = []
        row0 = first + 1
        for values in rows:
            buf.append(tuple(values[:width]) + (None,) * (width - len(values)))
            extra = values[width:]
            if any(v is not None and str(v).strip() != "" for v in extra):
                raise RecordsSchemaError(
                    f"{path}: row {row0 + len(buf) - 1} of sheet {ws.title!r} has values "
                    f"right of the last header cell; give those columns a header"
                )
            if len(buf) >= chunk_rows:
                yield _frame(buf, header, row0)
                row0 += len(buf)
                buf = []
        yield _frame(buf, header, row0)
    finally:
        wb.close()


def _frame(buf: list[tuple], header: list[str], row0: int) -> pd.DataFrame:
    df = (
        pd.DataFrame.from_records(buf, columns=range(len(header)))
        if buf
        else pd.DataFrame({i: pd.Series([], dtype=object) for i in range(len(header))})
    )
    df = df.astype(object)
    df.columns = header
    df.insert(0, ROW, range(row0, row0 + len(df)))
    return df


def _frame_chunks(frame: pd.DataFrame, info: ReadInfo, chunk_rows: int) -> Iterator[pd.DataFrame]:
    info.header = [str(c) for c in frame.columns]
    n = len(frame)
    for start in range(0, max(n, 1), chunk_rows):
        chunk = frame.iloc[start : start + chunk_rows].reset_index(drop=True)
        chunk.columns = info.header
        chunk.insert(0, ROW, range(start + 2, start + 2 + len(chunk)))
        yield chunk


def _parquet_chunks(path: Path, info: ReadInfo, chunk_rows: int) -> Iterator[pd.DataFrame]:
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(path)
    except Exception as err:  # pyarrow's errors for a damaged file
        raise RecordsSchemaError(f"{path}: cannot read the Parquet file ({err})") from None
    info.header = list(pf.schema_arrow.names)
    start = 0
    empty = True
    for batch in pf.iter_batches(batch_size=chunk_rows):
        empty = False
        chunk = batch.to_pandas()
        chunk.insert(0, ROW, range(start + 2, start + 2 + len(chunk)))
        start += len(chunk)
        yield chunk
    if empty:
        yield pd.DataFrame({ROW: pd.Series([], dtype="int64"), **{c: pd.Series([], dtype=object) for c in info.header}})


def prefetch(chunks: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    """The same chunks, the next one read in a thread while the caller works on the current one.

    Parsing holds the GIL for much of its time and the engine's column work
    (pyarrow, numpy) releases it, so the two overlap. The reader starts on a
    chunk only once the caller has taken the one before, so at most two
    chunks are held at a time (memory stays bounded). An error of the reader
    is raised here, at the chunk where it happened. Closing the generator
    stops the reader.
    """
    import queue
    import threading

    q: queue.Queue = queue.Queue()
    may_read = threading.Semaphore(1)
    stop = threading.Event()
    done = object()

    def wait_turn() -> bool:
        """Wait until the caller has taken the last chunk; False when it has stopped listening."""
        while not stop.is_set():
            if may_read.acquire(timeout=0.1):
                return True
        return False

    def run() -> None:
        try:
            it = iter(chunks)
            while wait_turn():
                try:
                    chunk = next(it)
                except StopIteration:
                    q.put((done, None))
                    return
                q.put((chunk, None))
        except BaseException as err:  # handed to the caller's thread
            q.put((None, err))
        finally:
            close = getattr(chunks, "close", None)
            if close is not None:
                close()  # the file is closed by the thread that read it

    t = threading.Thread(target=run, name="kosovo_hr-reader", daemon=True)
    t.start()
    try:
        while True:
            item, err = q.get()
            may_read.release()  # the reader may start on the next chunk while the caller works on this one
            if err is not None:
                raise err
            if item is done:
                return
            yield item
            item = None  # not held while the next is read
    finally:
        stop.set()
        t.join()


def read_chunks(
    source: str | Path | pd.DataFrame,
    *,
    sheet: str | int | None = None,
    encoding: str | None = None,
    sep: str | None = None,
    chunk_rows: int | None = None,
) -> tuple[ReadInfo, Iterator[pd.DataFrame]]:
    """``(info, chunks)``: how the source is read, and an iterator of raw chunks with the row in :data:`ROW`.

    ``info`` is filled in as the first chunk is read (encoding, separator,
    sheet, header as written). ``chunk_rows``: rows per chunk (default
    :data:`CHUNK_ROWS`; a CSV up to :data:`ONE_PIECE_BYTES` is then read in
    one piece).
    """
    if isinstance(source, pd.DataFrame):
        info = ReadInfo(source="DataFrame", format="dataframe")
        return info, _frame_chunks(source, info, chunk_rows or CHUNK_ROWS)
    path = Path(source)
    if not path.exists():
        raise FileNotFoundError(f"no records file at {path}")
    suffix = path.suffix.lower()
    if suffix in EXCEL_SUFFIXES:
        info = ReadInfo(source=str(path), format="excel")
        return info, _excel_chunks(path, info, sheet, chunk_rows or CHUNK_ROWS)
    if suffix in PARQUET_SUFFIXES:
        info = ReadInfo(source=str(path), format="parquet")
        return info, _parquet_chunks(path, info, chunk_rows or CHUNK_ROWS)
    if suffix in CSV_SUFFIXES:
        info = ReadInfo(source=str(path), format="csv")
        return info, _csv_chunks(path, info, encoding, sep, chunk_rows)
    if suffix == ".xls":
        raise RecordsSchemaError(f"{path}: old Excel (.xls) files are not read; save the sheet as .xlsx or CSV UTF-8")
    raise RecordsSchemaError(
        f"{path}: unsupported file type {suffix!r}; use .csv, .xlsx or .parquet (or pass a pandas DataFrame)"
    )
