"""A small table as the report shows it: names in the page's language, numbers per language (Babel)."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from .labels import number, text
from .places import place

#: Tables with more rows than this are offered as CSV only.
MAX_ROWS = 40
#: At most this many columns are shown; the CSV has them all.
MAX_COLUMNS = 10
#: Text columns whose longest value exceeds this are left to the CSV (URLs, quotes, notes).
MAX_TEXT = 60
#: Columns holding a unit code, shown by name in the page's language.
PLACE_COLUMNS = ("code", "osce_region")


@dataclass
class Cell:
    text: str
    missing: bool = False
    numeric: bool = False


@dataclass
class HtmlTable:
    caption: str
    columns: list[str]
    rows: list[list[Cell]]
    note: str = ""
    hidden: list[str] = field(default_factory=list)


def _is_year(col: str) -> bool:
    return col == "year" or col.startswith("year_") or col.endswith("_year")


def cell(value: object, col: str, lang: str) -> Cell:
    """One cell: missing as "—", booleans as yes/no, years unformatted, codes as names, numbers by Babel."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return Cell("—", missing=True)
    if isinstance(value, (bool,)) or type(value).__name__ == "bool_":
        return Cell(text("yes" if value else "no", lang))
    if col in PLACE_COLUMNS:
        return Cell(place(value, lang))
    if isinstance(value, pd.Timestamp):
        return Cell(value.strftime("%Y-%m-%d"))
    if isinstance(value, (int, float)) or pd.api.types.is_number(value):
        v = float(value)  # type: ignore[arg-type]  # a number, checked above
        if _is_year(col) and v.is_integer():
            return Cell(str(int(v)), numeric=True)
        if v.is_integer() or "population" in col:  # interpolated populations are shown whole
            return Cell(number(round(v), lang, 0), numeric=True)
        return Cell(number(round(v, 2), lang), numeric=True)
    return Cell(str(value))


#: Columns that trace rows or cite (the sources section lists the documents): shown only when there is room.
BOOKKEEPING = (
    "row_id",
    "row_ids",
    "values_all",
    "n_sources",
    "line",
    "column",
    "kind",
    "producer",
    "source",
    "source_title",
    "source_url",
)


def _bookkeeping(col: str) -> bool:
    return col in BOOKKEEPING or col.endswith("_id")


def shown_columns(df: pd.DataFrame, max_columns: int = MAX_COLUMNS) -> list[str]:
    """The columns shown on the page: long text columns and ``geometry`` are left to the CSV."""
    cols = []
    for c in df.columns:
        if c == "geometry":
            continue
        s = df[c]
        if s.dtype == object or pd.api.types.is_string_dtype(s):
            lengths = s.dropna().astype(str).str.len()
            if len(lengths) and lengths.max() > MAX_TEXT:
                continue
        cols.append(c)
    if len(cols) > max_columns:  # bookkeeping columns give way first, so intervals stay in view
        main = [c for c in cols if not _bookkeeping(c)][:max_columns]
        extra = [c for c in cols if _bookkeeping(c)][: max_columns - len(main)]
        cols = [c for c in cols if c in main or c in extra]  # in the table's own order
    return cols


def html_table(
    df: pd.DataFrame,
    lang: str,
    caption: str,
    *,
    columns: list[str] | None = None,
    headers: dict[str, str] | None = None,
) -> HtmlTable:
    """``df`` as an :class:`HtmlTable` for the ``table.html.j2`` template."""
    cols = columns if columns is not None else shown_columns(df)
    hidden = [c for c in df.columns if c not in cols and c != "geometry"]
    rows = [[cell(v, c, lang) for c, v in zip(cols, rec)] for rec in df[cols].itertuples(index=False, name=None)]
    note = text("missing_legend", lang)
    if hidden:
        note = text("table_columns_shown", lang, shown=len(cols), cols=len(cols) + len(hidden)) + " " + note
    named = {c: f"{text('col_name', lang)} ({c})" for c in PLACE_COLUMNS}  # codes are shown by name
    heads = [(headers or {}).get(c, named.get(c, c)) for c in cols]
    return HtmlTable(caption=caption, columns=heads, rows=rows, note=note, hidden=hidden)
