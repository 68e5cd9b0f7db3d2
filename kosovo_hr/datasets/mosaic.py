"""UNDP Kosovo Mosaic: municipal survey shares, 2003–2015, with strict row validation.

Source ``undp_mosaic`` (``kosovo_hr.get_source("undp_mosaic")``): UNDP Kosovo's
*Kosovo Mosaic* surveys as consolidated by Open Data Kosovo
(``opendatakosovo/UNKT-MDG-visualizer``, GPL-2.0; cite UNDP Kosovo):

* ``kind="satisfaction"`` — share (0–1) of respondents satisfied with a public
  service or institution (Kosovo Police, Municipal Assembly, the Mayor,
  Municipal Administration, health, schools, utilities...) in the waves
  2003, 2006, 2009, 2012 and 2015 (not every indicator in every wave: the
  Kosovo Police only 2012 and 2015).
* ``kind="problems"`` — share naming each problem the municipality's most
  important one (2012, 2015). Only the problems reported for a municipality
  are filled; an empty cell is missing (the problem was not among those
  reported), never zero.

Caveats: shares are perceptions from municipal samples of a few hundred
respondents or fewer (no sample sizes are in the files), so small
differences are noise. "Mitrovica" is the undivided municipality before
2013 (code ``mitrovice_pre2013``) and South Mitrovica in 2015.

Validation
----------
The files use old-Mac (CR) line endings; lines are counted as the file's
records (header = line 1). A row is rejected, with its line number and a
reason, when

* its number of fields differs from the header's (short or long row);
* its year is not an integer wave year, or a cell is not a number in [0, 1];
* it has values under columns of units that did not exist in its wave
  (North/South Mitrovica before 2013) — the signature of a shifted row, as
  line 15 of the indicators file ("Satisfaction with public health", 2012);
* two columns naming the same municipality in that wave both hold values;
* (satisfaction only) the Kosovo-wide value is missing while municipal
  values are present.

Rejected rows are never re-aligned or partly used. By default
:func:`load_mosaic` returns the valid rows and exposes the rejected ones:
:func:`mosaic_rejected` gives them as a table (they travel as records in
``frame.attrs["rejected"]``); with
``strict=True`` any rejected row raises :class:`MosaicRowError`, whose
``rejected`` attribute holds the table.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import KosovoHRError, KosovoHRValueError
from ..gazetteer import historic_units, resolve_many, spread_to_current, successors
from ..sources import fetch

__all__ = [
    "load_mosaic",
    "mosaic_rejected",
    "read_mosaic_file",
    "MosaicRowError",
    "expand_for_map",
    "FILES",
    "SOURCE_ID",
]

SOURCE_ID = "undp_mosaic"
FILES = {
    "satisfaction": "1538e1a2caba9c6c55c0f3b7f36763c2e76ee0c2/data/consolidated_indicators_mod.csv",
    "problems": "95f926d525ea00ba8a06d4362b65bf27c4b9256c/data/raw_data/problems.csv",
}
WAVES = (2003, 2006, 2009, 2012, 2015)
KOSOVO = "kosovo"
#: Columns that name a unit existing only from the given year.
_FROM_YEAR = {"mitrovice_e_veriut": 2013, "mitrovice_e_jugut": 2013}
REJECTED_COLUMNS = ["line", "indicator", "year", "n_fields", "reason", "raw"]


class MosaicRowError(KosovoHRError, ValueError):
    """Rows of a Mosaic file failed validation; ``rejected`` is the table of them."""

    def __init__(self, path: str, rejected: pd.DataFrame):
        self.rejected = rejected
        lines = [f"{path}: {len(rejected)} row(s) rejected (never shifted or partly used):"]
        for r in rejected.itertuples():
            lines.append(f"  line {r.line}: {r.reason}")
        lines.append("Leave strict unset to get the valid rows, with this table in frame.attrs['rejected'].")
        super().__init__("\n".join(lines))


def _records(text: str) -> list[str]:
    """Split on CR, LF or CRLF; a final empty record (trailing newline) is dropped."""
    recs = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if recs and recs[-1] == "":
        recs = recs[:-1]
    return recs


def _column_codes(columns: list[str], year: int) -> dict[str, str]:
    out = {c: KOSOVO for c in columns if c.strip().lower() == "kosovo"}
    names = [c for c in columns if c not in out]
    out.update(resolve_many(names, year=year))
    return out


def read_mosaic_file(path: str | Path, kind: str = "satisfaction") -> tuple[pd.DataFrame, pd.DataFrame]:
    """Parse and validate one Mosaic file (any line endings) into ``(data, rejected)``.

    ``data``: one row per (indicator, year, column) of every valid row —
    ``indicator``, ``year``, ``column`` (as written), ``code`` (gazetteer
    code, ``kosovo`` for the Kosovo-wide value), ``share`` (float, NaN where
    the cell is empty), ``line``. ``rejected``: ``line``, ``indicator``,
    ``year``, ``n_fields``, ``reason``, ``raw``. See the module docstring.
    """
    path = Path(path)
    recs = _records(path.read_bytes().decode("utf-8"))
    if not recs:
        raise KosovoHRValueError(f"{path}: empty file")
    header = next(csv.reader([recs[0]]))
    header = [h.strip() for h in header]
    if len(header) < 3:
        raise KosovoHRValueError(f"{path}: header has {len(header)} fields; expected indicator, year, places…")
    places = header[2:]
    hist = historic_units().set_index("code")
    rows, rejected = [], []
    code_cache: dict[int, dict[str, str]] = {}
    for lineno, rec in enumerate(recs[1:], start=2):
        if rec.strip() == "":
            continue
        fields = next(csv.reader([rec]))
        ind = fields[0].strip() if fields else ""
        yr_raw = fields[1].strip() if len(fields) > 1 else ""

        def reject(
            reason: str,
            lineno: int = lineno,
            ind: str = ind,
            yr_raw: str = yr_raw,
            fields: list[str] = fields,
            rec: str = rec,
        ) -> None:  # this row's values, bound now
            rejected.append(
                {
                    "line": lineno,
                    "indicator": ind,
                    "year": yr_raw,
                    "n_fields": len(fields),
                    "reason": reason,
                    "raw": rec,
                }
            )

        if len(fields) != len(header):
            kind_ = "short" if len(fields) < len(header) else "long"
            reject(f"{kind_} row: {len(fields)} fields, header has {len(header)}")
            continue
        try:
            year = int(yr_raw)
        except ValueError:
            reject(f"year {yr_raw!r} is not an integer")
            continue
        if year not in WAVES:
            reject(f"year {year} is not a Mosaic wave {WAVES}")
            continue
        cells = [c.strip() for c in fields[2:]]
        values = pd.to_numeric(pd.Series(cells).replace("", np.nan), errors="coerce")
        bad = [(p, c) for p, c, v in zip(places, cells, values) if c != "" and (pd.isna(v) or not 0 <= v <= 1)]
        if bad:
            reject("cells that are not shares in [0, 1]: " + ", ".join(f"{p}={c!r}" for p, c in bad))
            continue
        if year not in code_cache:
            code_cache[year] = _column_codes(places, year)
        codes = [code_cache[year][p] for p in places]
        present = set(codes)
        # units that did not exist in this wave, or whose territory another column covers
        void = {c for c in codes if _FROM_YEAR.get(c, 0) > year}
        for c in present & set(hist.index):
            if hist.loc[c, "valid_until"] >= year:
                void |= set(successors(c))
        shifted = [p for p, c, v in zip(places, codes, values) if c in void and pd.notna(v)]
        if shifted:
            reject(f"values under columns for units that did not exist in {year} ({', '.join(shifted)}): shifted row?")
            continue
        seen: dict[str, str] = {}
        clash = []
        for p, c, v in zip(places, codes, values):
            if pd.notna(v):
                if c in seen:
                    clash.append(f"{seen[c]} and {p} -> {c}")
                seen[c] = p
        if clash:
            reject("two columns for the same municipality both hold values: " + "; ".join(clash))
            continue
        kos = [v for c, v in zip(codes, values) if c == KOSOVO]
        if kind == "satisfaction" and kos and pd.isna(kos[0]) and values.notna().any():
            reject("Kosovo-wide value missing while municipal values are present: shifted row?")
            continue
        kept: dict[str, tuple[str, float]] = {}
        for p, c, v in zip(places, codes, values):
            if c in void:
                continue
            if c not in kept or (pd.isna(kept[c][1]) and pd.notna(v)):
                kept[c] = (p, float(v))
        for c, (p, v) in kept.items():
            rows.append({"indicator": ind, "year": year, "column": p, "code": c, "share": v, "line": lineno})
    data = pd.DataFrame(rows, columns=["indicator", "year", "column", "code", "share", "line"])
    data["share"] = data["share"].astype("float64")
    return data, pd.DataFrame(rejected, columns=REJECTED_COLUMNS)


def load_mosaic(
    table: str = "satisfaction", *, strict: bool | None = None, path: str | Path | None = None, kind: str | None = None
) -> pd.DataFrame:
    """UNDP Kosovo Mosaic shares as a tidy frame; rejected rows are exposed, not raised.

    Parameters
    ----------
    table : ``"satisfaction"`` (satisfaction with services and institutions,
        five waves) or ``"problems"`` (share naming each problem the top
        problem, 2012 and 2015). ``kind=`` is the old name of this argument.
    strict : ``None`` (default) returns the valid rows with the rejected
        ones in ``frame.attrs["rejected"]`` (the real satisfaction file has
        one shifted row, line 15; read them with :func:`mosaic_rejected`); ``True``
        raises :class:`MosaicRowError` if any row fails validation.
        ``False`` keeps the old return value ``(data, rejected)`` for code
        written before (deprecated; use the default).
    path : read this file instead of the declared source (same layout).

    Returns columns ``kind`` (the table), ``indicator``, ``year`` (wave),
    ``code`` (gazetteer code; ``mitrovice_pre2013`` for "Mitrovica" before
    2013; ``kosovo`` for the Kosovo-wide rows), ``column`` (name as written),
    ``share`` (0–1, NaN = missing), ``kosovo_share`` (the Kosovo-wide value of
    the same indicator and wave), ``line`` (line in the file), ``source``.
    """
    if kind is not None:
        table = kind
    if table not in FILES:
        raise KosovoHRValueError(f"table must be one of {', '.join(FILES)}; got {table!r}")
    src = Path(path) if path is not None else fetch(SOURCE_ID, FILES[table])
    data, rejected = read_mosaic_file(src, table)
    if strict and len(rejected):
        raise MosaicRowError(str(path or f"{SOURCE_ID}:{FILES[table]}"), rejected)
    kos = data[data["code"] == KOSOVO][["indicator", "year", "share"]].rename(columns={"share": "kosovo_share"})
    data = data.merge(kos, on=["indicator", "year"], how="left", validate="many_to_one")
    data.insert(0, "kind", table)
    data["source"] = SOURCE_ID if path is None else str(path)
    data = data[["kind", "indicator", "year", "code", "column", "share", "kosovo_share", "line", "source"]]
    data = data.sort_values(["indicator", "year", "code"]).reset_index(drop=True)
    if strict is False:  # the old (data, rejected) return, kept until its callers move on
        return data, rejected
    # records, not a frame: pandas compares attrs when frames are combined, which a frame in attrs breaks
    data.attrs["rejected"] = rejected.to_dict("records")
    return data


def mosaic_rejected(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows :func:`load_mosaic` rejected for ``frame`` (``line``, ``indicator``, ``year``, ``reason``...)."""
    if "rejected" not in frame.attrs:
        raise KosovoHRValueError(
            "this frame carries no rejected rows: pass the frame load_mosaic() returned "
            "(operations such as merge may drop pandas attrs)"
        )
    return pd.DataFrame(frame.attrs["rejected"], columns=REJECTED_COLUMNS)


def expand_for_map(df: pd.DataFrame, code: str = "code") -> pd.DataFrame:
    """Give each successor of a historic unit (e.g. ``mitrovice_pre2013``) the unit's row.

    For drawing waves before 2013 on today's map: South and North Mitrovica
    both show the undivided municipality's share (one survey value for their
    union), marked in ``expanded_from``. Drops the ``kosovo`` rows. A call of
    :func:`kosovo_hr.gazetteer.spread_to_current`.
    """
    return spread_to_current(df[df[code] != KOSOVO], code=code)
