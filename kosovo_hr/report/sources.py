"""The sources section: declared sources from the catalogue and the project's cited tables.

For each declared source (``kosovo_hr/sources/catalogue/*.json``) a figure or
table of the book names: publisher (``producer``), title, year, licence,
pinned version, every file with its sha256, the landing page and the
citation.  The year is the catalogue's ``year`` field where one is declared,
else the year in parentheses of the citation ("Runfola et al. (2020)"), else
left empty: it is never guessed from other dates.

For each committed table the book cites (``kosovo_hr/data/...csv``): the file,
its sha256 as shipped in this package, and the documents its rows cite
(columns ``producer``/``source_title``/``source_url``, or the rows of the
``sources.csv`` beside it that its ``source`` column names).  Any other
source text is listed as cited.
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources

PACKAGE_PREFIX = "kosovo_hr/"
_YEAR = re.compile(r"\((\d{4})\)")


@dataclass
class DeclaredSource:
    id: str
    publisher: str
    title: str
    year: str
    licence: str
    version: str
    files: list[tuple[str, str]]
    landing_page: str
    citation: str


@dataclass
class CitedTable:
    path: str
    sha256: str
    documents: list[dict[str, str]] = field(default_factory=list)


@dataclass
class Sources:
    declared: list[DeclaredSource]
    tables: list[CitedTable]
    other: list[str]


def _year(src) -> str:
    declared = getattr(src, "year", None)
    if declared:
        return str(declared)
    m = _YEAR.search(src.citation)
    return m.group(1) if m else ""


def _package_file(path: str):
    """The packaged file behind ``kosovo_hr/<...>`` (a Traversable), or None."""
    if not path.startswith(PACKAGE_PREFIX):
        return None
    node = resources.files("kosovo_hr")
    for part in path[len(PACKAGE_PREFIX) :].split("/"):
        node = node.joinpath(part)
    return node if node.is_file() else None


def _rows(node) -> list[dict[str, str]]:
    with node.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def _documents(node) -> list[dict[str, str]]:
    """Distinct documents cited by the rows of a committed CSV."""
    rows = _rows(node)
    if not rows:
        return []
    cols = set(rows[0])
    seen: dict[tuple, dict[str, str]] = {}
    if "source_title" in cols:
        for r in rows:
            key = (r.get("producer", ""), r["source_title"], r.get("source_url", ""))
            seen.setdefault(key, {"publisher": key[0], "title": key[1], "url": key[2]})
        return list(seen.values())
    sibling = node.parent.joinpath("sources.csv") if hasattr(node, "parent") else None
    if "source" in cols and sibling is not None and sibling.is_file():
        used = {r["source"] for r in rows}
        for r in _rows(sibling):
            if r.get("source") in used:
                seen.setdefault(
                    (r["source"],), {"publisher": "", "title": r.get("citation", r["source"]), "url": r.get("url", "")}
                )
        return list(seen.values())
    if "source_url" in cols:
        for r in rows:
            if r["source_url"]:
                seen.setdefault((r["source_url"],), {"publisher": "", "title": "", "url": r["source_url"]})
        return list(seen.values())
    return []


def collect_sources(cited: Iterable[str]) -> Sources:
    """Split the source names cited by the book's figures and tables into the three kinds above."""
    from ..sources import catalogue

    cat = catalogue()
    declared, tables, other = [], [], []
    for name in dict.fromkeys(cited):  # keep first-seen order, once each
        if name in cat:
            s = cat[name]
            declared.append(
                DeclaredSource(
                    id=s.id,
                    publisher=s.producer,
                    title=s.title,
                    year=_year(s),
                    licence=s.licence,
                    version=s.version,
                    files=sorted(s.files.items()),
                    landing_page=s.landing_page,
                    citation=s.citation,
                )
            )
        elif (node := _package_file(name)) is not None:
            tables.append(
                CitedTable(
                    path=name,
                    sha256=hashlib.sha256(node.read_bytes()).hexdigest(),
                    documents=_documents(node) if name.endswith(".csv") else [],
                )
            )
        else:
            other.append(name)
    declared.sort(key=lambda d: d.id)
    tables.sort(key=lambda t: t.path)
    return Sources(declared, tables, other)
