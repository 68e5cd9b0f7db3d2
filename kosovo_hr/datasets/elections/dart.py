"""A small, strict reader of the Dart *literals* in the election data files.

The election results (source ``zgjedhjet_info``) are published as Dart source
code: classes whose ``static const`` fields hold lists of constructor calls::

    static const List<MunicipalityPartyResult> results = [
      MunicipalityPartyResult(municipalityName: 'Deçan', subjectCode: '135',
                              shortName: 'AAK', votes: 7956, percentage: 49.1779, rank: 1),
    ];

This module reads such literals as data.  Nothing is executed or evaluated.
Only these constructs are accepted inside a literal:

* string literals in single or double quotes (escapes ``\\n \\t \\r \\b \\f \\v
  \\\\ \\' \\" \\$ \\xHH \\uXXXX \\u{X…}``; an unescaped ``$`` (interpolation),
  raw ``r'…'`` and multi-line ``'''…'''`` strings are refused), and adjacent
  string literals (concatenated, as in Dart);
* integers and decimal numbers (optionally negative), ``true``, ``false``, ``null``;
* lists ``[a, b,]`` and maps ``{k: v,}``, each optionally ``const``;
* constructor calls ``Name(field: value, ...)`` with named arguments only,
  returned as :class:`Call` (its ``type`` and ``fields``).

Anything else (an identifier reference, an operator, a positional argument, a
string interpolation, a truncated file...) raises :class:`DartParseError`
naming the file, line and column.  Code outside the ``static const`` fields
(methods, getters, imports) is skipped, never interpreted; each
``static const`` field of the file must parse in full.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...errors import KosovoHRError, KosovoHRTypeError

__all__ = ["Call", "DartParseError", "PARSER", "parse_literal", "const_fields", "read_const_fields", "encode", "decode"]


class DartParseError(KosovoHRError, ValueError):
    """A Dart data file holds something the strict literal reader refuses."""

    def __init__(self, message: str, origin: str, line: int, col: int):
        self.origin, self.line, self.col = origin, line, col
        super().__init__(f"{origin}, line {line}, column {col}: {message}")


@dataclass(frozen=True)
class Call:
    """A constructor call ``type(name: value, ...)``; ``line`` is where it starts."""

    type: str
    fields: dict[str, Any] = field(hash=False)
    line: int = 0


_IDENT = re.compile(r"[A-Za-z_$][A-Za-z0-9_$]*")
_NUMBER = re.compile(r"-?(?:\d+\.\d+(?:[eE][+-]?\d+)?|\d+(?:[eE][+-]?\d+)?)")
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", "'": "'", '"': '"', "$": "$", "b": "\b", "f": "\f", "v": "\v"}


class _Reader:
    def __init__(self, text: str, origin: str, pos: int = 0):
        self.text, self.origin, self.pos = text, origin, pos

    # -- location and errors ----------------------------------------------
    def where(self, pos: int | None = None) -> tuple[int, int]:
        p = self.pos if pos is None else pos
        line = self.text.count("\n", 0, p) + 1
        col = p - (self.text.rfind("\n", 0, p) + 1) + 1
        return line, col

    def error(self, message: str, pos: int | None = None) -> DartParseError:
        line, col = self.where(pos)
        return DartParseError(message, self.origin, line, col)

    # -- whitespace and comments --------------------------------------------
    def skip(self) -> None:
        t, n = self.text, len(self.text)
        while self.pos < n:
            c = t[self.pos]
            if c in " \t\r\n\ufeff":
                self.pos += 1
            elif t.startswith("//", self.pos):
                end = t.find("\n", self.pos)
                self.pos = n if end < 0 else end + 1
            elif t.startswith("/*", self.pos):
                end = t.find("*/", self.pos + 2)
                if end < 0:
                    raise self.error("unterminated /* comment")
                self.pos = end + 2
            else:
                return

    def peek(self) -> str:
        self.skip()
        if self.pos >= len(self.text):
            raise self.error("unexpected end of file (truncated literal?)")
        return self.text[self.pos]

    def expect(self, ch: str) -> None:
        got = self.peek()
        if got != ch:
            raise self.error(f"expected {ch!r}, found {self._snippet()!r}")
        self.pos += 1

    def _snippet(self) -> str:
        return self.text[self.pos : self.pos + 20].split("\n")[0]

    # -- values -------------------------------------------------------------
    def value(self) -> Any:
        c = self.peek()
        if c in "'\"":
            out = self.string()
            while self.peek() in "'\"":  # adjacent literals concatenate
                out += self.string()
            return out
        if c == "[":
            return self.sequence("[", "]")
        if c == "{":
            return self.mapping()
        if c == "-" or c.isdigit():
            return self.number()
        m = _IDENT.match(self.text, self.pos)
        if not m:
            raise self.error(f"unexpected {self._snippet()!r}")
        word = m.group()
        start = self.pos
        self.pos = m.end()
        if word == "true":
            return True
        if word == "false":
            return False
        if word == "null":
            return None
        if word == "const":
            nxt = self.peek()
            if nxt == "[":
                return self.sequence("[", "]")
            if nxt == "{":
                return self.mapping()
            return self.value_after_const(start)
        if word[0].isupper() and self.peek() == "(":
            return self.call(word, start)
        if word[0].isupper() and self.peek() == "<":
            # typed literal such as <String>[...] is written `<T>[`; a generic call is refused
            raise self.error(f"unsupported generic construct after {word!r}", start)
        raise self.error(f"unexpected identifier {word!r} (only literals are read, never names or expressions)", start)

    def value_after_const(self, start: int) -> Any:
        m = _IDENT.match(self.text, self.pos)
        if m and m.group()[0].isupper():
            self.pos = m.end()
            if self.peek() == "(":
                return self.call(m.group(), m.start())
        raise self.error("'const' must be followed by a list, map or constructor call", start)

    def number(self) -> int | float:
        m = _NUMBER.match(self.text, self.pos)
        if not m:
            raise self.error(f"malformed number {self._snippet()!r}")
        self.pos = m.end()
        if self.pos < len(self.text) and (self.text[self.pos].isalnum() or self.text[self.pos] in "_."):
            raise self.error(f"malformed number {self.text[m.start() : self.pos + 1]!r}", m.start())
        s = m.group()
        return float(s) if any(ch in s for ch in ".eE") else int(s)

    def string(self) -> str:
        t = self.text
        start = self.pos
        q = t[self.pos]  # a quote: raw strings (r'...') never get here, `r` reads as an identifier
        if t.startswith(q * 3, self.pos):
            raise self.error("multi-line strings are not accepted in data", start)
        self.pos += 1
        out: list[str] = []
        while True:
            if self.pos >= len(t):
                raise self.error("unterminated string (truncated file?)", start)
            c = t[self.pos]
            if c == q:
                self.pos += 1
                return "".join(out)
            if c == "\n":
                raise self.error("unterminated string at end of line", start)
            if c == "$":
                raise self.error("string interpolation ('$') is not data; refusing to read it")
            if c == "\\":
                self.pos += 1
                if self.pos >= len(t):
                    raise self.error("unterminated escape", start)
                e = t[self.pos]
                if e in _ESCAPES:
                    out.append(_ESCAPES[e])
                    self.pos += 1
                elif e == "u":
                    out.append(self.unicode_escape())
                elif e == "x":
                    h = t[self.pos + 1 : self.pos + 3]
                    if not re.fullmatch(r"[0-9A-Fa-f]{2}", h):
                        raise self.error("malformed \\x escape")
                    out.append(chr(int(h, 16)))
                    self.pos += 3
                else:
                    raise self.error(f"unknown escape '\\{e}'")
                continue
            out.append(c)
            self.pos += 1

    def unicode_escape(self) -> str:
        t = self.text
        self.pos += 1  # past 'u'
        if t.startswith("{", self.pos):
            end = t.find("}", self.pos)
            h = t[self.pos + 1 : end] if end > 0 else ""
            if not re.fullmatch(r"[0-9A-Fa-f]{1,6}", h):
                raise self.error("malformed \\u{...} escape")
            self.pos = end + 1
        else:
            h = t[self.pos : self.pos + 4]
            if not re.fullmatch(r"[0-9A-Fa-f]{4}", h):
                raise self.error("malformed \\uXXXX escape")
            self.pos += 4
        return chr(int(h, 16))

    def sequence(self, open_: str, close: str) -> list:
        self.expect(open_)
        out: list[Any] = []
        while True:
            if self.peek() == close:
                self.pos += 1
                return out
            out.append(self.value())
            c = self.peek()
            if c == ",":
                self.pos += 1
            elif c != close:
                raise self.error(f"expected ',' or {close!r} in list, found {self._snippet()!r}")

    def mapping(self) -> dict:
        self.expect("{")
        out: dict = {}
        while True:
            if self.peek() == "}":
                self.pos += 1
                return out
            kpos = self.pos
            key = self.value()
            if isinstance(key, (list, dict, Call)):
                raise self.error("map keys must be strings, numbers, booleans or null", kpos)
            if key in out:
                raise self.error(f"duplicate map key {key!r}", kpos)
            self.expect(":")
            out[key] = self.value()
            c = self.peek()
            if c == ",":
                self.pos += 1
            elif c != "}":
                raise self.error(f"expected ',' or '}}' in map, found {self._snippet()!r}")

    def call(self, type_: str, start: int) -> Call:
        line, _ = self.where(start)
        self.expect("(")
        fields: dict[str, Any] = {}
        while True:
            if self.peek() == ")":
                self.pos += 1
                return Call(type_, fields, line)
            m = _IDENT.match(self.text, self.pos)
            if not m:
                raise self.error(f"expected a named argument in {type_}(...), found {self._snippet()!r}")
            name = m.group()
            self.pos = m.end()
            if self.peek() != ":":
                raise self.error(f"positional or non-literal argument {name!r} in {type_}(...)", m.start())
            self.pos += 1
            if name in fields:
                raise self.error(f"argument {name!r} given twice in {type_}(...)", m.start())
            fields[name] = self.value()
            c = self.peek()
            if c == ",":
                self.pos += 1
            elif c != ")":
                raise self.error(f"expected ',' or ')' in {type_}(...), found {self._snippet()!r}")


def parse_literal(text: str, origin: str = "<string>") -> Any:
    """Parse one Dart literal (the whole of ``text``) into Python values."""
    r = _Reader(text, origin)
    out = r.value()
    r.skip()
    if r.pos != len(text):
        raise r.error(f"unexpected text after the literal: {r._snippet()!r}")
    return out


_CONST_FIELD = re.compile(
    r"^[ \t]*static[ \t]+const[ \t]+(?P<type>[A-Za-z_][\w<>, ?]*?)[ \t]+(?P<name>[A-Za-z_]\w*)[ \t]*=", re.MULTILINE
)


def const_fields(text: str, origin: str = "<string>") -> dict[str, Any]:
    """Every ``static const <Type> name = <literal>;`` field of a Dart file, parsed.

    Returns ``{name: value}``.  Each literal must parse completely and end with
    ``;``; a truncated or malformed literal raises :class:`DartParseError`.
    A file with no such field is an error too (it holds no data we can read).
    """
    out: dict[str, Any] = {}
    for m in _CONST_FIELD.finditer(text):
        r = _Reader(text, origin, m.end())
        value = r.value()
        r.expect(";")
        name = m.group("name")
        if name in out:
            raise r.error(f"field {name!r} declared twice", m.start())
        out[name] = value
    if not out:
        raise DartParseError("no `static const` data field found", origin, 1, 1)
    return out


#: Version of the parsed form (bump when the reader's output changes: it keys the parsed-source cache).
PARSER = "dart-literals-v1"


def encode(value: Any) -> Any:
    """JSON-compatible form of parsed literals (lists, maps, :class:`Call`, scalars), for caching."""
    if isinstance(value, Call):
        return {"$call": value.type, "line": value.line, "fields": {k: encode(v) for k, v in value.fields.items()}}
    if isinstance(value, dict):
        return {"$map": [[encode(k), encode(v)] for k, v in value.items()]}
    if isinstance(value, list):
        return [encode(v) for v in value]
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    raise KosovoHRTypeError(f"cannot encode {type(value).__name__}")


def decode(value: Any) -> Any:
    """Inverse of :func:`encode`."""
    if isinstance(value, list):
        return [decode(v) for v in value]
    if isinstance(value, dict):
        if "$call" in value:
            return Call(value["$call"], {k: decode(v) for k, v in value["fields"].items()}, value["line"])
        return {decode(k): decode(v) for k, v in value["$map"]}
    return value


def read_const_fields(path: str | Path, origin: str | None = None) -> dict[str, Any]:
    """Read a Dart file (UTF-8) and return :func:`const_fields` of it."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise DartParseError(f"not valid UTF-8 ({exc.reason})", origin or str(p), 1, 1) from exc
    return const_fields(text, origin or p.name)
