"""Match the headers of a user's file to a schema's columns.

Real logs are kept by people, not by our schema. A header is matched, in
this order:

1. through ``columns={"as written": "name"}`` given by the caller (the key is
   matched as written, or after the normalisation below; the value is a
   schema column, or any other name to rename an extra column);
2. to a schema column of the same name after normalisation (trimmed, lower
   case, diacritics dropped, spaces, hyphens and dots read as ``_``:
   "Bias motivation" = ``bias_motivation``);
3. through the curated table of header aliases
   ``kosovo_hr/data/records/header_aliases.csv`` (Albanian, Serbian Latin and
   Cyrillic, English headers: ``Komuna``, ``Opština``, ``Data``, ``Datum``,
   ``Numri i viktimave``...), per schema column and domain;
4. otherwise the column is kept as an extra column under its normalised name.

Two headers that land on the same column, and headers that would overwrite a
column the engine writes (:data:`RESERVED`), are refused up front, all listed
at once, with the ``columns=`` call that fixes them.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import pandas as pd

from .errors import RecordsSchemaError
from .parse import norm_header

#: Columns the engine writes into ``records`` / ``rejected``: a file may not bring its own.
RESERVED = ("row", "reason", "year", "month", "date_precision", "date_format", "code", "location_method")


@lru_cache(maxsize=1)
def header_aliases() -> pd.DataFrame:
    """The curated header aliases: ``column, header, language, domain, note`` (``domain`` ``*`` = all)."""
    with resources.files("kosovo_hr.data").joinpath("records/header_aliases.csv").open("rb") as f:
        table = pd.read_csv(f, dtype=str, keep_default_na=False)
    table["key"] = table["header"].map(norm_header)
    return table


def _alias_map(domain: str, names: tuple[str, ...]) -> dict[str, str]:
    t = header_aliases()
    t = t[t["domain"].isin(["*", domain]) & t["column"].isin(names)]
    # a domain-specific alias wins over a general one for the same header
    t = t.assign(_o=(t["domain"] == "*").astype(int)).sort_values("_o")
    return dict(zip(t["key"][::-1], t["column"][::-1]))


def match_headers(
    header: list[str], domain: str, names: tuple[str, ...], columns: dict[str, str] | None, where: str
) -> tuple[list[str], dict[str, str]]:
    """``(new_names, matched)``: the name of every header, and ``{schema column: header as written}``."""
    columns = dict(columns or {})
    by_norm = {norm_header(k): v for k, v in columns.items()}
    used_keys: set[str] = set()
    aliases = _alias_map(domain, names)
    out: list[str] = []
    for h in header:
        key = norm_header(h)
        if h in columns:
            out.append(columns[h])
            used_keys.add(h)
        elif key in by_norm:
            out.append(by_norm[key])
            used_keys.update(k for k in columns if norm_header(k) == key)
        elif key in names:
            out.append(key)
        elif key in aliases:
            out.append(aliases[key])
        else:
            out.append(key or "unnamed")
    problems = []
    unused = [k for k in columns if k not in used_keys]
    if unused:
        problems.append(f"columns= names header(s) not in the file: {', '.join(repr(k) for k in unused)}")
    seen: dict[str, list[str]] = {}
    for h, n in zip(header, out):
        seen.setdefault(n, []).append(h)
    for n, hs in seen.items():
        if len(hs) > 1:
            problems.append(
                f"headers {', '.join(repr(h) for h in hs)} all read as column {n!r}: keep one, or "
                f"rename the others with columns={{{hs[1]!r}: 'another_name'}}"
            )
    reserved = [(h, n) for h, n in zip(header, out) if n in RESERVED]
    if reserved:
        fix = ", ".join(f"{h!r}: '{n}_in_file'" for h, n in reserved)
        problems.append(
            f"header(s) {', '.join(repr(h) for h, _ in reserved)} would overwrite column(s) the "
            f"engine writes ({', '.join(RESERVED)}): rename them with columns={{{fix}}}"
        )
    if problems:
        raise RecordsSchemaError(f"{where}: " + "; ".join(problems))
    matched = {n: h for h, n in zip(header, out) if n in names}
    return out, matched
