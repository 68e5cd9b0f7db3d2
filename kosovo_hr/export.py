"""Export the tidy tables behind the figures: CSV for spreadsheets, GeoPackage for GIS.

Tables are registered in :mod:`kosovo_hr.indicators` (decorator
:func:`kosovo_hr.indicators.table`, one module per theme); this module only
writes them.  ``municipal=True`` marks tables keyed by a municipality
``code`` column: they also go into the GeoPackage.

CSV format (opens cleanly in Excel, LibreOffice and pandas)
-----------------------------------------------------------
* UTF-8 **with a byte-order mark** (so Excel shows ë, ç, š, č, ć, ž and
  Cyrillic correctly), comma-separated, ``.`` as decimal mark, CRLF line ends,
  header on the first line, no index column.
* Missing values are empty cells (never 0); dates are ISO ``YYYY-MM-DD``.
* In locales whose spreadsheets expect ``;`` (much of Europe), open the file
  with Data > From Text/CSV, or export with ``sep=";"``.
* ``index.csv`` lists every table with its description, sources and row count.
* Text that a spreadsheet would run as a formula (a cell beginning with
  ``=``, ``+``, ``-``, ``@``, a tab or a carriage return, as users' record
  files may hold) is written with a leading apostrophe ``'``, which
  spreadsheets show as text and do not execute (CSV and XLSX alike,
  :func:`neutralise_formulas`). Numbers are never changed. To read the text
  back exactly, drop one leading ``'`` where the next character is one of those.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from .atomic import atomic_path
from .errors import KosovoHRValueError
from .indicators import TABLES, TableSpec, load_all, table

__all__ = [
    "CSV_ENCODING",
    "GEOPACKAGE",
    "TABLES",
    "TableSpec",
    "table",
    "load_all_tables",
    "write_csv",
    "write_xlsx",
    "neutralise_formulas",
    "export_tables",
    "export_geopackage",
    "export_all",
]

#: First characters that make a spreadsheet cell a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

#: Encoding of every CSV written here: UTF-8 with BOM.
CSV_ENCODING = "utf-8-sig"


def load_all_tables() -> dict[str, TableSpec]:
    """Import every indicator module (where tables are registered) and return the registry."""
    return load_all()


def neutralise_formulas(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` whose text cells a spreadsheet would run as formulas start with ``'``.

    Cells of text (object or string) columns that begin with one of
    :data:`FORMULA_STARTS` (``=1+1``, ``+381...``, ``-2`` typed as text,
    ``@SUM(...)``) get a leading apostrophe, which Excel and LibreOffice
    display as text and never evaluate. Numeric columns are left alone.
    Column names are treated the same way.
    """
    out = df.copy()

    def fix(v):
        return "'" + v if isinstance(v, str) and v.startswith(FORMULA_STARTS) else v

    for c in out.columns:
        s = out[c]
        if pd.api.types.is_object_dtype(s) or pd.api.types.is_string_dtype(s):
            if not pd.api.types.is_datetime64_any_dtype(s):
                out[c] = s.map(fix, na_action="ignore") if s.notna().any() else s
    out.columns = [fix(c) for c in out.columns]
    return out


def _tabular(df: pd.DataFrame) -> pd.DataFrame:
    """What is written: ISO dates, no geometry, formula-like text neutralised."""
    out = df.copy()
    for c in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[c]):
            out[c] = out[c].dt.strftime("%Y-%m-%d")
    if "geometry" in out.columns:
        out = out.drop(columns="geometry")
    return neutralise_formulas(out)


def write_csv(df: pd.DataFrame, path: str | Path, *, sep: str = ",") -> Path:
    """Write ``df`` as spreadsheet-friendly CSV (UTF-8 with BOM, CRLF, empty cells for missing).

    Formula-like text is neutralised (:func:`neutralise_formulas`); the file is
    written to a temporary file beside ``path`` and renamed into place.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    out = _tabular(df)
    with atomic_path(path) as tmp:  # a full disk or a kill leaves the old file, never a truncated one
        out.to_csv(tmp, index=False, encoding=CSV_ENCODING, sep=sep, lineterminator="\r\n", na_rep="")
    return path


def write_xlsx(df: pd.DataFrame, path: str | Path, *, sheet: str = "data") -> Path:
    """Write ``df`` as an Excel workbook (one sheet), with the same rules as :func:`write_csv`.

    Formula-like text is neutralised (openpyxl would otherwise store a cell
    beginning with ``=`` as a formula); missing values are empty cells; the
    file is written to a temporary file and renamed into place.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    out = _tabular(df)
    with atomic_path(path) as tmp:
        out.to_excel(tmp, sheet_name=sheet, index=False, engine="openpyxl")
    return path


def _select(names: Sequence[str] | None) -> list[TableSpec]:
    load_all_tables()
    if names is None:
        return [TABLES[n] for n in sorted(TABLES)]
    unknown = [n for n in names if n not in TABLES]
    if unknown:
        raise KosovoHRValueError(f"no exported table(s) {unknown}; registered: {sorted(TABLES)}")
    return [TABLES[n] for n in names]


def _built(spec: TableSpec, frames: dict[str, pd.DataFrame] | None) -> pd.DataFrame:
    """The table of ``spec``, from ``frames`` when it was built already."""
    return frames[spec.name] if frames is not None and spec.name in frames else spec.build()


def export_tables(
    outdir: str | Path = "data/processed",
    names: Sequence[str] | None = None,
    *,
    sep: str = ",",
    frames: dict[str, pd.DataFrame] | None = None,
) -> list[Path]:
    """Write every registered table (or ``names``) to ``outdir/<name>.csv`` and an ``index.csv``.

    ``frames`` may hold tables built already, by name. Returns the paths
    written (tables first, ``index.csv`` last).
    """
    outdir = Path(outdir)
    written, index = [], []
    for spec in _select(names):
        df = _built(spec, frames)
        written.append(write_csv(df, outdir / f"{spec.name}.csv", sep=sep))
        index.append(
            {
                "table": spec.name,
                "file": f"{spec.name}.csv",
                "rows": len(df),
                "municipal": spec.municipal,
                "description": spec.description,
                "sources": "; ".join(spec.sources),
            }
        )
    written.append(write_csv(pd.DataFrame(index), outdir / "index.csv", sep=sep))
    return written


def export_geopackage(
    path: str | Path = "data/processed/kosovo_hr_municipal.gpkg",
    names: Sequence[str] | None = None,
    *,
    frames: dict[str, pd.DataFrame] | None = None,
) -> Path:
    """Write a GeoPackage: layer ``municipalities`` (boundaries and gazetteer) plus one layer per
    municipal table (each row joined to its municipality's polygon by ``code``).

    Rows whose ``code`` is not one of the 38 municipalities (historic units,
    Kosovo totals) have no polygon and are left out of that layer; the CSV
    export keeps them.  Layers are EPSG:4326; boundaries are geoBoundaries
    (CC BY-SA 2.0, © OpenStreetMap contributors).
    """
    import geopandas as gpd

    from .geo import boundaries

    path = Path(path)
    muni = boundaries("municipality")
    geom = muni[["code", "geometry"]]
    specs = [s for s in _select(names) if s.municipal]
    layers = []
    for spec in specs:  # every layer built before anything is written
        df = _built(spec, frames)
        if "code" not in df.columns:
            raise KosovoHRValueError(f"table {spec.name!r} is marked municipal but has no 'code' column")
        df = df.drop(columns="geometry", errors="ignore")
        layer = gpd.GeoDataFrame(geom.merge(df, on="code", how="inner"), geometry="geometry", crs=muni.crs)
        for c in layer.columns:  # GPKG has no nullable-int/str extension types
            if (
                c != "geometry"
                and not pd.api.types.is_numeric_dtype(layer[c])
                and not pd.api.types.is_datetime64_any_dtype(layer[c])
            ):
                layer[c] = layer[c].astype(object)
        layers.append((spec.name, layer))
    with atomic_path(path) as tmp:  # the previous GeoPackage stays whole until the new one is complete
        muni.to_file(tmp, layer="municipalities", driver="GPKG")
        for name, layer in layers:
            layer.to_file(tmp, layer=name, driver="GPKG")
    return path


#: File name of the GeoPackage written by :func:`export_all`.
GEOPACKAGE = "kosovo_hr_municipal.gpkg"


def export_all(outdir: str | Path = "data/processed", *, sep: str = ",") -> list[Path]:
    """What ``kosovo-hr export`` does: every table as CSV, ``index.csv``, and the municipal GeoPackage.

    Returns the paths written. Re-running overwrites the files; each file is
    written to a temporary file beside it and renamed into place, so an
    interrupted run leaves the previous complete files.
    """
    outdir = Path(outdir)
    frames = {spec.name: spec.build() for spec in _select(None)}  # each table built once
    paths = export_tables(outdir, sep=sep, frames=frames)
    paths.append(export_geopackage(outdir / GEOPACKAGE, frames=frames))
    return paths
