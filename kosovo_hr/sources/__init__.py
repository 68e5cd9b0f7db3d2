"""Declared external sources and their verified download."""

from .catalogue import Source, catalogue, get_source, sources_table
from .download import (
    FetchError,
    HashMismatchError,
    MirrorMissingError,
    MirrorNotFoundError,
    OfflineError,
    cache_dir,
    fetch,
    fetch_all,
    mirror_dir,
    offline,
)

__all__ = [
    "FetchError",
    "HashMismatchError",
    "MirrorMissingError",
    "MirrorNotFoundError",
    "OfflineError",
    "Source",
    "cache_dir",
    "catalogue",
    "fetch",
    "fetch_all",
    "get_source",
    "mirror_dir",
    "offline",
    "sources_table",
]
