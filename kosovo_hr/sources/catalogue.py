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
from pathlib import PurePosixPath, PureWindowsPath
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from ..errors import KosovoHRError, KosovoHRValueError

if TYPE_CHECKING:
    import pandas as pd


class UnknownSourceError(KosovoHRError, KeyError):
    """No source, or no file of a source, is declared under that name."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


class CatalogueError(KosovoHRValueError):
    """A source declaration is incomplete or unsafe; it is refused when the catalogue is read."""


def safe_relative_path(path: str, *, what: str = "path") -> str:
    """Return ``path`` if it is a plain relative path, else raise :class:`CatalogueError`.

    Refused: empty paths, absolute paths (``/x``, ``C:\\x``, ``\\\\host``), any ``..``
    part and backslashes. Declared file names and cache paths must stay inside
    the cache folder they are joined to.
    """
    if not isinstance(path, str) or not path.strip():
        raise CatalogueError(f"{what} must be a non-empty relative path, got {path!r}")
    win = PureWindowsPath(path)
    posix = PurePosixPath(path)
    if posix.is_absolute() or win.is_absolute() or win.drive or path.startswith(("/", "\\", "~")):
        raise CatalogueError(f"{what} {path!r} is absolute; declare paths relative to the source's base_url")
    if "\\" in path:
        raise CatalogueError(f"{what} {path!r} contains a backslash; use '/' between folders")
    if any(part in ("..", ".") for part in path.split("/")):
        raise CatalogueError(f"{what} {path!r} contains '..' or '.'; declare the file's plain path")
    return path


REQUIRED = (
    "id",
    "title",
    "producer",
    "base_url",
    "files",
    "landing_page",
    "licence",
    "citation",
    "attribution",
    "caveats",
    "version",
)


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
    #: the files hold personal data (names, birth dates): never copied into the cache (see ``fetch``)
    personal_data: bool = False

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

    def __post_init__(self) -> None:  # declarations built in code are checked like those read from JSON
        for f in self.files:
            safe_relative_path(f, what=f"source {self.id}: file")

    def _check_file(self, file: str) -> None:
        if file not in self.files:
            listed = "\n  ".join(sorted(self.files))
            raise UnknownSourceError(f"source {self.id!r} declares no file {file!r}; it declares:\n  {listed}")


def _validate(raw: dict, origin: str) -> Source:
    missing = [k for k in REQUIRED if k not in raw]
    if missing:
        raise CatalogueError(f"source declaration {origin} lacks {missing}")
    safe_relative_path(raw["id"], what=f"{origin}: source id")
    safe_relative_path(raw["version"], what=f"{origin}: version")
    if "/" in raw["id"] or "/" in raw["version"]:
        raise CatalogueError(f"{origin}: id and version are folder names; they cannot contain '/'")
    for f, h in raw["files"].items():
        safe_relative_path(f, what=f"source {raw['id']}: file")
        if len(h) != 64 or any(c not in "0123456789abcdef" for c in h):
            raise CatalogueError(f"source {raw['id']}: file {f} has no valid sha256 ({h!r})")
    if not isinstance(raw["caveats"], list):
        raise CatalogueError(f"source {raw['id']}: caveats must be a list of sentences")
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
            raise CatalogueError(f"source id {src.id!r} declared twice")
        out[src.id] = src
    return out


def get_source(source_id: str) -> Source:
    """The declaration of one source; the error lists the known ids."""
    cat = catalogue()
    if source_id not in cat:
        raise UnknownSourceError(f"unknown source {source_id!r}; declared sources: {', '.join(sorted(cat))}")
    return cat[source_id]


def sources_table() -> "pd.DataFrame":
    """A DataFrame with one row per declared source (id, title, licence, citation...)."""
    import pandas as pd

    rows = [
        {
            "id": s.id,
            "title": s.title,
            "producer": s.producer,
            "version": s.version,
            "files": len(s.files),
            "licence": s.licence,
            "citation": s.citation,
            "attribution": s.attribution,
            "landing_page": s.landing_page,
            "caveats": " ".join(s.caveats),
        }
        for s in catalogue().values()
    ]
    return pd.DataFrame(rows)
