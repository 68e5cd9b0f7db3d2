"""Two-level citations of the committed tables: the primary document and where it was read.

Every table under ``kosovo_hr/data/`` that transcribes facts from public
documents carries, per row,

* ``primary``: an id in ``kosovo_hr/data/citations.csv`` (publisher, title,
  year, address, how the project read it) or ``primary_not_found``;
* ``primary_status``: ``read`` (the figure was read in the primary document,
  at its publisher or in an unaltered copy of it), ``located`` (the document
  was found but the figure was read in a report quoting it), ``named`` (the
  source read names the document, the project has not read it) or
  ``not_found``;
* ``primary_locator``: table, page or passage;
* ``read_via``: the id of the copy or secondary report it was read in, empty
  when it was read at the primary's own address.

``municipalities.csv`` has the same columns for its OSCE-region assignment,
prefixed ``osce_region_``.  :func:`provenance_summary` reports, per table,
the share of rows whose primary document was read, the share that name one
(read, located or named) and the share whose only citation is a copy site:
no primary document named, and read on a copy site (a mirror, a
document-sharing site, a GitHub copy, an aggregator or an archive).  A
``named`` primary was not read by the project: the share read is the strict
measure, the share identified says where a reviewer should look.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import pandas as pd

from .errors import KosovoHRValueError

NOT_FOUND = "primary_not_found"
STATUSES = ("read", "located", "named", "not_found")
KINDS = ("primary", "secondary", "copy")

#: table (path under kosovo_hr/data) -> (column prefix, which rows carry a cited fact)
TABLES: dict[str, tuple[str, str]] = {
    "national/trafficking.csv": ("", "every row"),
    "national/hate_incidents.csv": ("", "every row"),
    "national/displacement.csv": ("", "every row"),
    "population/population.csv": ("", "every row"),
    "population/population_by_community.csv": ("", "rows with a population figure (empty cells are gaps)"),
    "population/estimates_context.csv": ("", "every row"),
    "population/osce_profiles_2011.csv": ("", "every row (the project's transcription of OSCE profiles)"),
    "parties/subjects.csv": ("", "classified subjects (unclassified rows claim nothing)"),
    "conflict/kosovo_memory_book_counts.csv": ("", "every row"),
    "conflict/hlc_published_totals.csv": ("", "every row (totals HLC published)"),
    "municipalities.csv": ("osce_region_", "every row (the OSCE-region assignment)"),
    "regions.csv": ("", "every row (municipalities per OSCE regional centre)"),
    "districts.csv": ("", "every row"),
}
#: Committed tables with no per-row citation, and why.
NOT_CITED: dict[str, str] = {
    "aliases.csv": "spellings; column `source` names where each was met (reference table or declared source)",
    "ambiguous.csv": "names whose meaning changed by date; the note cites the source",
    "historic_units.csv": "derived from municipalities.csv (unions of today's municipalities)",
    "pre2008_units.csv": "derived from municipalities.csv (parents and notes), column `source`",
    "population/sources.csv": "the citation of each population source id (superseded by citations.csv)",
    "conflict/community_labels.csv": "the project's translations of the source's labels (no figures)",
    "conflict/categories.csv": "the project's translations of the source's labels (no figures)",
    "conflict/places_outside_kosovo.csv": "countries of place names (no figures)",
    "citations.csv": "the registry itself",
    "records/header_aliases.csv": "column-name spellings accepted in users' record files (no figures)",
    "labels.csv": "the texts of figures in four languages; source credits name publishers (no figures)",
    "latin_names.csv": "proper names kept in Latin script in Serbian Cyrillic texts (no figures)",
}


def _read(rel: str) -> pd.DataFrame:
    path = resources.files("kosovo_hr.data").joinpath(rel)
    with path.open("r", encoding="utf-8") as f:
        return pd.read_csv(f, dtype=str, keep_default_na=False)


@lru_cache(maxsize=1)
def _registry() -> pd.DataFrame:
    reg = _read("citations.csv")
    if not reg["id"].is_unique:
        raise KosovoHRValueError("citations.csv: duplicate ids")
    bad = sorted(set(reg["kind"]) - set(KINDS))
    if bad:
        raise KosovoHRValueError(f"citations.csv: unknown kind(s) {bad}")
    return reg


def load_citations() -> pd.DataFrame:
    """The citation registry (one row per document or address read), a copy."""
    return _registry().copy()


def row_citations(table: str) -> pd.DataFrame:
    """Per cited row of ``table``: primary, primary_status, primary_locator, read_via, read_via_kind, copy_only.

    Raises ``ValueError`` when a row cites an id absent from the registry or
    has an unknown status, so a table cannot point at nothing.
    """
    if table not in TABLES:
        raise KosovoHRValueError(f"no cited table {table!r}; choose one of {', '.join(TABLES)}")
    prefix, _ = TABLES[table]
    df = _read(table)
    cols = [f"{prefix}{c}" for c in ("primary", "primary_status", "primary_locator", "read_via")]
    missing = [c for c in cols if c not in df.columns]
    if missing:
        raise KosovoHRValueError(f"{table}: lacks citation columns {missing}")
    out = df[cols].copy()
    out.columns = ["primary", "primary_status", "primary_locator", "read_via"]
    if table == "parties/subjects.csv":
        out = out[df["community"] != "unclassified"]
    elif table == "population/population_by_community.csv":
        out = out[df["population"] != ""]
    reg = _registry().set_index("id")
    ids = set(reg.index)
    unknown = sorted((set(out["primary"]) - {NOT_FOUND} - ids) | (set(out["read_via"]) - {""} - ids))
    if unknown:
        raise KosovoHRValueError(f"{table}: citation ids not in citations.csv: {unknown}")
    bad = sorted(set(out["primary_status"]) - set(STATUSES))
    if bad:
        raise KosovoHRValueError(f"{table}: unknown primary_status {bad}")
    if ((out["primary"] == NOT_FOUND) != (out["primary_status"] == "not_found")).any():
        raise KosovoHRValueError(f"{table}: primary_not_found must go with status not_found and only with it")
    out["read_via_kind"] = out["read_via"].map(reg["kind"]).fillna("")
    out["copy_only"] = (out["primary_status"] == "not_found") & (out["read_via_kind"] == "copy")
    return out


def provenance_summary() -> pd.DataFrame:
    """One row per cited table: rows, shares with a primary read / identified, and copy-only."""
    rows = []
    for table, (_, which) in TABLES.items():
        c = row_citations(table)
        n = len(c)
        st = c["primary_status"]
        rows.append(
            {
                "table": table,
                "rows": n,
                "rows_counted": which,
                "primary_read": int((st == "read").sum()),
                "primary_located": int((st == "located").sum()),
                "primary_named": int((st == "named").sum()),
                "primary_not_found": int((st == "not_found").sum()),
                "copy_only": int(c["copy_only"].sum()),
                "share_primary_read": (st == "read").mean() if n else float("nan"),
                "share_primary_identified": (st != "not_found").mean() if n else float("nan"),
                "share_copy_only": c["copy_only"].mean() if n else float("nan"),
            }
        )
    return pd.DataFrame(rows)


def publishers() -> pd.DataFrame:
    """Every publisher the committed tables cite (primary documents and the copies read), with row counts."""
    reg = _registry().set_index("id")
    recs = []
    for table in TABLES:
        c = row_citations(table)
        for col in ("primary", "read_via"):
            ids = c.loc[~c[col].isin(["", NOT_FOUND]), col]
            for i, n in ids.value_counts().items():
                recs.append(
                    {"publisher": reg.at[i, "publisher"], "kind": reg.at[i, "kind"], "table": table, "n": int(n)}
                )
    df = pd.DataFrame(recs)
    out = (
        df.groupby("publisher")
        .agg(
            kind=("kind", lambda s: ", ".join(sorted(set(s)))),
            n_rows=("n", "sum"),
            tables=("table", lambda s: ", ".join(sorted(set(s)))),
        )
        .reset_index()
    )
    return out.sort_values(["n_rows", "publisher"], ascending=[False, True], ignore_index=True)
