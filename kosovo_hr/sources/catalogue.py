"""Declarations of the external sources the project reads.

Each source is declared once, in a JSON file under
``kosovo_hr/sources/catalogue/`` (one file per source), with:

``id``            short name used in code (``fetch("geoboundaries_adm2", ...)``)
``title``         what the source is
``producer``      who made the data
``base_url``      canonical download address, pinned to a commit or version
``files``         ``{path under base_url: sha256}``; each file is verified
``landing_page``  where a person reads about the source (not the download URL)
``licence``       licence, as the source states it
``citation``      how to cite it; ``attribution`` what a figure must print
``caveats``       what users must know before using it
``version``       the pinned commit or release
``notes``         optional remarks (e.g. why a source declares no files)

The bytes are never committed to the repository: they are fetched on the
user's machine (see :mod:`kosovo_hr.sources.download`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    import pandas as pd

REQUIRED = ("id", "title", "producer", "base_url", "files", "landing_page", "licence",
            "citation", "attribution", "caveats", "version")


@dataclass(frozen=True)
class Source:
    """One declared external source (see the module docstring for fields)."""

    id: str
    title: str
    producer: str
    base_url: str
    files: dict[str, str]
    landing_page: str
    licence: str
    citation: str
    attribution: str
    caveats: list[str]
    version: str
    notes: dict[str, str] = field(default_factory=dict)

    def url(self, file: str) -> str:
        """Canonical download URL of one of the source's files."""
        self._check_file(file)
        return self.base_url.rstrip("/") + "/" + file

    def mirror_path(self, file: str) -> str:
        """Relative path of ``file`` in a mirror directory: ``<host>/<url path>``."""
        parts = urlsplit(self.url(file))
        return parts.netloc + parts.path

    def sha256(self, file: str) -> str:
        """Declared sha256 of one of the source's files."""
        self._check_file(file)
        return self.files[file]

    def _check_file(self, file: str) -> None:
        if file not in self.files:
            listed = "\n  ".join(sorted(self.files))
            raise KeyError(f"source {self.id!r} declares no file {file!r}; it declares:\n  {listed}")


def _validate(raw: dict, origin: str) -> Source:
    missing = [k for k in REQUIRED if k not in raw]
    if missing:
        raise ValueError(f"source declaration {origin} lacks {missing}")
    for f, h in raw["files"].items():
        if len(h) != 64 or any(c not in "0123456789abcdef" for c in h):
            raise ValueError(f"source {raw['id']}: file {f} has no valid sha256 ({h!r})")
    if not isinstance(raw["caveats"], list):
        raise ValueError(f"source {raw['id']}: caveats must be a list of sentences")
    return Source(**{k: raw[k] for k in raw if k in Source.__dataclass_fields__})


@lru_cache(maxsize=None)
def catalogue() -> dict[str, Source]:
    """All declared sources, by id."""
    out: dict[str, Source] = {}
    folder = resources.files("kosovo_hr.sources").joinpath("catalogue")
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if not entry.name.endswith(".json"):
            continue
        src = _validate(json.loads(entry.read_text(encoding="utf-8")), entry.name)
        if src.id in out:
            raise ValueError(f"source id {src.id!r} declared twice")
        out[src.id] = src
    return out


def get_source(source_id: str) -> Source:
    """The declaration of one source; the error lists the known ids."""
    cat = catalogue()
    if source_id not in cat:
        raise KeyError(f"unknown source {source_id!r}; declared sources: {', '.join(sorted(cat))}")
    return cat[source_id]


def sources_table() -> "pd.DataFrame":
    """A DataFrame with one row per declared source (id, title, licence, citation...)."""
    import pandas as pd

    rows = [
        {"id": s.id, "title": s.title, "producer": s.producer, "version": s.version,
         "files": len(s.files), "licence": s.licence, "citation": s.citation,
         "attribution": s.attribution, "landing_page": s.landing_page,
         "caveats": " ".join(s.caveats)}
        for s in catalogue().values()
    ]
    return pd.DataFrame(rows)
