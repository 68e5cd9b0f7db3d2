"""Checks of a report page: strict HTML parsing, basic accessibility, links that resolve.

:func:`check_page` returns every problem found (an empty list when the page
passes):

* the page parses under html5lib's strict mode (any parse error of the
  WHATWG algorithm, a missing doctype included, is a problem);
* ``<html lang>`` is set; every ``<img>`` has a non-empty ``alt``; there is
  one ``<h1>`` and headings never skip a level going down; ``id`` values are
  unique; every table has header cells;
* every ``src`` and ``href`` is relative and points to an existing file under
  ``root`` (fragments to an ``id`` of the page); only ``<a>`` may point to an
  ``http(s)`` address (a citation's landing page), never an image,
  stylesheet or script; ``data:`` is allowed for the (empty) icon only.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

XHTML = "{http://www.w3.org/1999/xhtml}"


def _parse(data: bytes):
    import html5lib

    parser = html5lib.HTMLParser(
        strict=True, namespaceHTMLElements=False, tree=html5lib.treebuilders.getTreeBuilder("etree")
    )
    return parser.parse(data)


def check_page(path: str | Path, root: str | Path | None = None) -> list[str]:
    """Problems of the page at ``path``; links must stay inside ``root`` (default: the page's folder)."""
    import html5lib

    path = Path(path)
    root = Path(root or path.parent).resolve()
    problems: list[str] = []
    try:
        doc = _parse(path.read_bytes())
    except html5lib.html5parser.ParseError as err:
        return [f"HTML parse error (html5lib, strict): {err}"]
    html = doc if doc.tag == "html" else doc.find(".//html")
    if html is None or not html.get("lang"):
        problems.append("<html> has no lang attribute")

    ids: dict[str, int] = {}
    for el in doc.iter():
        if isinstance(el.tag, str) and el.get("id"):
            ids[el.get("id")] = ids.get(el.get("id"), 0) + 1
    problems += [f"id {i!r} used {n} times" for i, n in ids.items() if n > 1]

    for img in doc.iter("img"):
        if not (img.get("alt") or "").strip():
            problems.append(f"<img src={img.get('src')!r}> has no alt text")

    levels = [
        int(el.tag[1])
        for el in doc.iter()
        if isinstance(el.tag, str) and len(el.tag) == 2 and el.tag[0] == "h" and el.tag[1] in "123456"
    ]
    if levels.count(1) != 1:
        problems.append(f"{levels.count(1)} <h1> elements (want exactly one)")
    for prev, cur in zip(levels, levels[1:]):
        if cur > prev + 1:
            problems.append(f"heading level jumps from h{prev} to h{cur}")
            break
    if levels and levels[0] != 1:
        problems.append(f"the first heading is h{levels[0]}, not h1")

    for table in doc.iter("table"):
        if table.find(".//th") is None:
            problems.append("a <table> has no header cells")

    for el in doc.iter():
        if not isinstance(el.tag, str):
            continue
        for attr in ("src", "href"):
            ref = el.get(attr)
            if ref is None:
                continue
            parts = urlsplit(ref)
            if parts.scheme in ("http", "https"):
                if el.tag != "a":
                    problems.append(f"<{el.tag} {attr}={ref!r}> loads from the network")
                continue
            if parts.scheme == "data":
                if not (el.tag == "link" and el.get("rel") == "icon"):
                    problems.append(f"<{el.tag}> uses a data: URL")
                continue
            if parts.scheme or parts.netloc or ref.startswith("/"):
                problems.append(f"<{el.tag} {attr}={ref!r}> is not a relative link")
                continue
            if not parts.path:
                if parts.fragment and parts.fragment not in ids:
                    problems.append(f"link to #{parts.fragment}: no such id")
                continue
            target = (path.parent / unquote(parts.path)).resolve()
            if not target.is_relative_to(root):
                problems.append(f"<{el.tag} {attr}={ref!r}> points outside {root}")
            elif not target.is_file():
                problems.append(f"<{el.tag} {attr}={ref!r}>: no such file")
    return problems
