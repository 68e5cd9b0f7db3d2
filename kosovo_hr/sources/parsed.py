"""Parsed sources cached by the sha256 of their bytes, so work is not done twice.

Parsing some sources is slow (the election results are Dart source code,
read by a strict literal parser: about 1.5 s for the 26 files, paid again in
every process, notebook kernel and ``kosovo-hr figures`` run). The parsed
form of a verified file is stored once in ``<cache>/parsed/`` under a name
made of the file's sha256 and the parser's name and version; any process
that needs the same bytes parsed by the same parser reads it back.

* The key is the sha256 of the source bytes (declared in the catalogue and
  checked by :func:`kosovo_hr.sources.fetch`), so a different file never
  reuses another's parse. Bump the parser version when its output changes.
* The stored payload is JSON (never pickle: a cache file cannot run code),
  with the sha256 of the payload inside; a damaged or edited entry is
  ignored and rebuilt.
* Writes are atomic (:mod:`kosovo_hr.atomic`): concurrent processes may
  both build an entry; the last complete one wins.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from ..atomic import atomic_write_bytes
from ..errors import KosovoHRValueError
from .download import cache_dir

__all__ = ["cached_parse", "parsed_cache_path"]

T = TypeVar("T")
_NAME = re.compile(r"[A-Za-z0-9_.-]+")


def parsed_cache_path(sha256: str, parser: str) -> Path:
    """Where the parse of bytes with ``sha256`` by ``parser`` (e.g. ``"dart-v1"``) is stored."""
    if not re.fullmatch(r"[0-9a-f]{64}", sha256):
        raise KosovoHRValueError(f"not a sha256: {sha256!r}")
    if not _NAME.fullmatch(parser):
        raise KosovoHRValueError(f"parser name must be letters, digits, '_', '.', '-': {parser!r}")
    return cache_dir() / "parsed" / f"{sha256}.{parser}.json"


def cached_parse(
    sha256: str, parser: str, build: Callable[[], T], *, encode: Callable[[T], Any], decode: Callable[[Any], T]
) -> T:
    """The parse of the bytes with ``sha256``: read from the cache, or ``build()`` and store it.

    ``encode`` turns the parse into JSON-compatible data, ``decode`` back;
    ``decode(encode(x))`` must equal ``x``.
    """
    path = parsed_cache_path(sha256, parser)
    if path.is_file():
        try:
            doc = json.loads(path.read_bytes())
            payload = doc["payload"]
            if (
                doc.get("source_sha256") == sha256
                and doc.get("parser") == parser
                and hashlib.sha256(payload.encode("utf-8")).hexdigest() == doc.get("payload_sha256")
            ):
                return decode(json.loads(payload))
        except (OSError, ValueError, KeyError, TypeError):
            pass
        print(f"kosovo_hr: parsed cache {path} is damaged; parsing the source again", file=sys.stderr)
    value = build()
    payload = json.dumps(encode(value), ensure_ascii=False, separators=(",", ":"))
    doc = {
        "source_sha256": sha256,
        "parser": parser,
        "payload_sha256": hashlib.sha256(payload.encode("utf-8")).hexdigest(),
        "payload": payload,
    }
    try:
        atomic_write_bytes(path, json.dumps(doc, ensure_ascii=False).encode("utf-8"))
    except OSError as err:  # a read-only cache costs time, never correctness
        print(f"kosovo_hr: could not store the parse in {path} ({err})", file=sys.stderr)
    return value
