"""Tables from the Kosovo Agency of Statistics' open PxWeb service (ASKdata), as tidy frames.

ASKdata (``https://askdata.rks-gov.net/api/v1/{en|sq|sr}/ASKdata/<folder>/<table>.px``)
is declared as the source ``askdata`` (``kosovo_hr/sources/catalogue/askdata.json``).
It is a query service, so it cannot be pinned to files with a sha256 like the
other sources; instead this module caches every response and records its
provenance:

* ``GET`` a table URL returns its metadata (variables, codes, labels);
  ``POST`` a query ``{"query": [...], "response": {"format": "json-stat2"}}``
  returns the data as JSON-stat 2.0.
* **Cache and mirror layout**: the response to a GET is stored at
  ``<host>/<url path>`` (the URL path unquoted, e.g. with the space of
  ``Census population``), and the response to a POST at
  ``<host>/<url path>.query-<h>.json`` where ``<h>`` is the first 16 hex
  digits of the sha256 of the request body serialised as canonical JSON
  (sorted keys, no spaces; see :func:`query_hash`). The same relative path is
  looked up in ``KOSOVO_HR_MIRROR`` (copied, never downloaded) and in the
  cache (``KOSOVO_HR_CACHE``, folder ``askdata/``). Each cached response has a
  ``.meta.json`` with URL, method, body, sha256 and UTC retrieval time: cite
  the table with that date. Requests go through the package's one fetch path
  (:func:`kosovo_hr.sources.download.fetch_response`), which re-checks the
  recorded sha256 on every read.
* **Offline mode** (``KOSOVO_HR_OFFLINE=1``): only the cache and the mirror
  are read; anything else raises :class:`kosovo_hr.sources.OfflineError`
  without touching the network.

Municipalities are resolved by **label** through the gazetteer
(:func:`kosovo_hr.resolve_many`), never by position or ASK code: the
municipality variable is named ``KOMUNA``/``Komuna``/``komuna`` in different
tables, its codes follow different orders, and labels vary
(Gllogoc/Gllogovc). Rows for Kosovo as a whole ("Kosova", "Gjithsej",
"Total") get the code ``kosovo`` and "Jashtë Kosovës" (outside Kosovo)
``outside_kosovo``. Unknown labels raise
:class:`kosovo_hr.UnknownMunicipalityError` listing all of them (pass
``extra={label: code}`` after checking).

Missing cells: in ASK census tables a blank or ":" cell is a true zero
(rows add up to their printed totals, as recorded in the project's notes on the
service, ``shared/docs/askdata.md``; check it on each new table); elsewhere ":"
is missing. By default
(``null_as_zero=None``) nulls are read as 0 only for tables whose name starts
with ``census``; the JSON-stat ``status`` is kept in a ``status`` column.
"""

from __future__ import annotations

import hashlib
import json
import urllib.parse
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd

from kosovo_hr.sources import FetchError, get_source
from kosovo_hr.sources.download import fetch_response, response_meta

from ..errors import KosovoHRKeyError, KosovoHRValueError

__all__ = [
    "SOURCE_ID",
    "table_url",
    "askdata_path",
    "fetch_askdata",
    "askdata_metadata",
    "load_askdata",
    "parse_jsonstat",
    "query_hash",
    "resolve_municipality_labels",
]

SOURCE_ID = "askdata"
MUNICIPALITY_DIMS = ("komuna", "municipality", "opstina", "komunat")
KOSOVO_LABELS = {
    "kosova",
    "kosovë",
    "kosove",
    "kosovo",
    "gjithsej",
    "total",
    "ukupno",
    "kosova gjithsej",
    "republika e kosovës",
    "republic of kosovo",
}
OUTSIDE_LABELS = {"jashtë kosovës", "jashte kosoves", "outside kosovo", "van kosova", "van kosova/izvan kosova"}


def table_url(table: str, lang: str = "en") -> str:
    """Canonical URL of an ASKdata table, e.g. ``census2024_05`` under its folder path."""
    if lang not in ("en", "sq", "sr"):
        raise KosovoHRValueError(f"lang must be 'en', 'sq' or 'sr', got {lang!r}")
    base = get_source(SOURCE_ID).base_url.rstrip("/")
    table = table.strip("/")
    return f"{base}/{lang}/ASKdata/" + urllib.parse.quote(table)


def _body(query: list | dict | None) -> dict | None:
    if query is None:
        return None
    if isinstance(query, dict) and "query" in query:
        body = dict(query)
    else:
        body = {"query": list(query)}
    body.setdefault("response", {"format": "json-stat2"})
    return body


def query_hash(body: dict) -> str:
    """First 16 hex digits of sha256 of the canonical JSON of a POST body."""
    canon = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canon.encode("utf-8")).hexdigest()[:16]


def askdata_path(table: str, query: list | dict | None = None, lang: str = "en") -> str:
    """Relative path ``<host>/<url path>[.query-<hash>.json]`` used in the mirror and cache."""
    parts = urllib.parse.urlsplit(table_url(table, lang))
    rel = parts.netloc + urllib.parse.unquote(parts.path)
    body = _body(query)
    return rel if body is None else f"{rel}.query-{query_hash(body)}.json"


def _check_json(payload: bytes) -> None:
    try:
        json.loads(payload)
    except ValueError as err:
        raise FetchError(f"askdata: the response is not JSON ({payload[:200]!r})") from err


def fetch_askdata(table: str, query: list | dict | None = None, lang: str = "en", *, refresh: bool = False) -> Path:
    """Local path of the response to GET (``query=None``) or POST ``query`` on ``table``.

    Goes through the package's one fetch path,
    :func:`kosovo_hr.sources.download.fetch_response`: the cache (used only
    while the bytes keep the sha256 recorded when they were stored: an edited
    cached response is fetched again), then the mirror, then (unless offline)
    the service. ``refresh=True`` skips the cache (not the offline rule).
    """
    return fetch_response(
        SOURCE_ID,
        askdata_path(table, query, lang),
        url=table_url(table, lang),
        body=_body(query),
        refresh=refresh,
        check=_check_json,
    )


def askdata_metadata(table: str, lang: str = "en", *, refresh: bool = False) -> dict:
    """The table's metadata (``title``, ``variables`` with codes, values, valueTexts)."""
    return json.loads(fetch_askdata(table, None, lang, refresh=refresh).read_text(encoding="utf-8"))


def parse_jsonstat(doc: dict, *, null_as_zero: bool = False) -> pd.DataFrame:
    """A JSON-stat 2.0 dataset as a long frame: one row per cell.

    For every dimension ``d`` the frame has ``d`` (category label) and
    ``d_code`` (category id); then ``value`` (float, NaN for null unless
    ``null_as_zero``) and ``status`` (JSON-stat status or ""). Cells are
    ordered row-major (the last dimension varies fastest), as the standard
    specifies; categories are placed by their ``index``, not by the order of
    ``label``.
    """
    if doc.get("class") not in (None, "dataset") or "dimension" not in doc:
        if "dataset" in doc:  # JSON-stat 1.x bundle
            raise KosovoHRValueError("this looks like JSON-stat 1.x; ask ASKdata for format json-stat2")
        raise KosovoHRValueError("not a JSON-stat 2.0 dataset (needs class 'dataset', id, size, dimension, value)")
    ids, size = list(doc["id"]), list(doc["size"])
    if len(ids) != len(size):
        raise KosovoHRValueError("JSON-stat: 'id' and 'size' differ in length")
    cats = []
    for d, n in zip(ids, size):
        cat = doc["dimension"][d].get("category", {})
        index = cat.get("index")
        labels = cat.get("label", {})
        if index is None:
            if len(labels) != 1 and n != len(labels):
                raise KosovoHRValueError(f"JSON-stat: dimension {d!r} has no index")
            order = list(labels)
        elif isinstance(index, list):
            order = list(index)
        else:
            order = [None] * len(index)
            for k, pos in index.items():
                order[int(pos)] = k
        if len(order) != n:
            raise KosovoHRValueError(f"JSON-stat: dimension {d!r} has {len(order)} categories, size {n}")
        cats.append((order, [labels.get(k, k) for k in order]))
    total = int(np.prod(size)) if size else 0
    raw = doc.get("value", [])
    values = np.full(total, np.nan)
    if isinstance(raw, dict):
        for k, v in raw.items():
            values[int(k)] = np.nan if v is None else float(v)
    else:
        if len(raw) != total:
            raise KosovoHRValueError(f"JSON-stat: {len(raw)} values for {total} cells")
        values = np.array([np.nan if v is None else float(v) for v in raw], dtype=float)
    status = np.full(total, "", dtype=object)
    st = doc.get("status")
    if isinstance(st, str):
        status[:] = st
    elif isinstance(st, list):
        status[: len(st)] = [s or "" for s in st]
    elif isinstance(st, dict):
        for k, s in st.items():
            status[int(k)] = s or ""
    if null_as_zero:
        values = np.where(np.isnan(values), 0.0, values)
    grids = np.meshgrid(*[np.arange(n) for n in size], indexing="ij") if size else []
    out = {}
    for d, (order, labels), g in zip(ids, cats, grids):
        pos = g.ravel()
        out[d] = np.asarray(labels, dtype=object)[pos]
        out[f"{d}_code"] = np.asarray(order, dtype=object)[pos]
    out["value"] = values
    out["status"] = status
    frame = pd.DataFrame(out)
    frame.attrs["label"] = doc.get("label", "")
    frame.attrs["updated"] = doc.get("updated", "")
    frame.attrs["source"] = doc.get("source", "")
    return frame


def resolve_municipality_labels(
    labels: Iterable[str], *, year: int | None = 2024, extra: dict[str, str] | None = None
) -> dict[str, str]:
    """Map ASK municipality labels to gazetteer codes (plus ``kosovo`` / ``outside_kosovo``)."""
    from kosovo_hr.gazetteer import normalize, resolve_many

    labels = list(dict.fromkeys(labels))
    kosovo = {normalize(k) for k in KOSOVO_LABELS}
    outside = {normalize(k) for k in OUTSIDE_LABELS}
    special = {}
    rest = []
    for lab in labels:
        key = str(lab).strip().lower()
        if key in KOSOVO_LABELS or normalize(key) in kosovo:
            special[lab] = "kosovo"
        elif key in OUTSIDE_LABELS or normalize(key) in outside:
            special[lab] = "outside_kosovo"
        else:
            rest.append(lab)
    return {**special, **resolve_many(rest, year=year, extra=extra)}


def _municipality_dim(dims: list[str], municipality: str | None) -> str | None:
    if municipality is not None:
        if municipality not in dims:
            raise KosovoHRKeyError(f"no dimension {municipality!r}; the table has {dims}")
        return municipality
    for d in dims:
        if d.lower() in MUNICIPALITY_DIMS:
            return d
    return None


def load_askdata(
    table: str,
    query: list | dict | None = None,
    lang: str = "en",
    *,
    municipality: str | None = None,
    year: int | None = 2024,
    null_as_zero: bool | None = None,
    extra: dict[str, str] | None = None,
    refresh: bool = False,
) -> pd.DataFrame:
    """Query an ASKdata table and return a tidy frame with municipalities resolved.

    Parameters
    ----------
    table : path under ``ASKdata/``, e.g.
        ``"Census population/1_Demographic_Characteristics/census2024_63.px"``.
    query : PxWeb query: a list of ``{"code": VAR, "selection": {"filter": "item",
        "values": [...]}}`` (or the full body). ``None`` selects everything
        (an empty query), which ASKdata allows up to 100,000 cells.
    municipality : name of the municipality dimension (auto-detected:
        KOMUNA/Komuna/komuna).
    year : year whose municipal map the labels refer to (2024: current
        municipalities, "Mitrovicë" = South Mitrovica).
    null_as_zero : see the module docstring (None: True for ``census*`` tables).

    Returns the long frame of :func:`parse_jsonstat` plus ``code`` (gazetteer
    code, ``kosovo`` or ``outside_kosovo``) when the table has a municipality
    dimension. ``attrs`` carry the table, URL and retrieval metadata.
    """
    body = _body(query if query is not None else [])
    path = fetch_askdata(table, body, lang, refresh=refresh)
    doc = json.loads(path.read_text(encoding="utf-8"))
    if null_as_zero is None:
        null_as_zero = Path(table).name.lower().startswith("census")
    frame = parse_jsonstat(doc, null_as_zero=null_as_zero)
    dims = list(doc["id"])
    mdim = _municipality_dim(dims, municipality)
    if mdim is not None:
        codes = resolve_municipality_labels(frame[mdim].unique(), year=year, extra=extra)
        frame.insert(0, "code", frame[mdim].map(codes))
    frame.attrs.update(
        {
            "table": table,
            "url": table_url(table, lang),
            "lang": lang,
            "source_id": SOURCE_ID,
            "null_as_zero": bool(null_as_zero),
            "retrieval": response_meta(path),
        }
    )
    return frame
