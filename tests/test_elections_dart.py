"""The strict Dart literal reader: accepts the data constructs, refuses everything else."""

from __future__ import annotations

import re

import pytest

from kosovo_hr.datasets.elections.dart import Call, DartParseError, const_fields, parse_literal, read_const_fields


def test_literals():
    v = parse_literal("""const [
      Foo(a: 'x\\'y', b: "d\\u00ebq", c: -3, d: 4.50, e: null, f: true, g: false,
          h: {'k': 1, 2: [1, 2,],}, i: 'ab' 'cd', j: '\\u{1F600}\\$'),
    ]""")
    assert isinstance(v, list) and len(v) == 1
    c = v[0]
    assert isinstance(c, Call) and c.type == "Foo"
    assert c.fields == {
        "a": "x'y",
        "b": "dëq",
        "c": -3,
        "d": 4.5,
        "e": None,
        "f": True,
        "g": False,
        "h": {"k": 1, 2: [1, 2]},
        "i": "abcd",
        "j": "\U0001f600$",
    }
    assert isinstance(c.fields["c"], int) and isinstance(c.fields["d"], float)


@pytest.mark.parametrize(
    "text, message",
    [
        ("[Foo(a: 'x' + 'y')]", "expected ',' or ')'"),
        ("[Foo(a: bar)]", "unexpected identifier 'bar'"),
        ("[Foo('positional')]", "expected a named argument"),
        ("[Foo(a: '$name')]", "interpolation"),
        ("[Foo(a: 1, a: 2)]", "given twice"),
        ("[Foo(a: 1)", "end of file"),
        ("[Foo(a: 'unterminated)]", "unterminated string"),
        ("[Foo(a: 1.2.3)]", "malformed number"),
        ("[Foo(a: '\\q')]", "unknown escape"),
        ("[1] extra", "after the literal"),
        ("[foo()]", "unexpected identifier 'foo'"),
    ],
)
def test_refuses(text, message):
    with pytest.raises(DartParseError, match=re.escape(message)):
        parse_literal(text, origin="t.dart")


def test_error_names_file_line_and_column():
    text = "[\n  Foo(a: 1),\n  Foo(a: x),\n]"
    with pytest.raises(DartParseError) as exc:
        parse_literal(text, origin="results.dart")
    assert exc.value.origin == "results.dart" and exc.value.line == 3 and exc.value.col == 10
    assert str(exc.value).startswith("results.dart, line 3, column 10:")


def test_const_fields_skips_methods_but_parses_every_field(tmp_path):
    src = """import 'x.dart';
class D {
  const D._();
  static const List<R> results = [
    R(votes: 1),
  ];
  static List<R> forX(String n) => results.where((e) => e.n == n).toList();
  static const Map<String, int> seats = {'a': 2};
}
"""
    assert const_fields(src, "d.dart") == {"results": [Call("R", {"votes": 1}, line=5)], "seats": {"a": 2}}
    p = tmp_path / "trunc.dart"
    p.write_text(src[: src.index("R(votes") + 8], encoding="utf-8")
    with pytest.raises(DartParseError, match=r"trunc.dart, line 5, column \d+: unexpected end of file"):
        read_const_fields(p)


def test_const_field_must_end_with_semicolon():
    with pytest.raises(DartParseError, match="expected ';'"):
        const_fields("static const List<R> a = [1]\nstatic const int b = 2;", "x.dart")


def test_file_without_data_and_bad_encoding(tmp_path):
    with pytest.raises(DartParseError, match="no `static const` data field"):
        const_fields("class A {}", "a.dart")
    p = tmp_path / "latin1.dart"
    p.write_bytes("static const List<R> a = ['Deçan'];".encode("latin-1"))
    with pytest.raises(DartParseError, match="latin1.dart.*not valid UTF-8"):
        read_const_fields(p)
