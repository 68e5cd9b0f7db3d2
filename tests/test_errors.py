"""One base exception: every error class of the library derives from kosovo_hr.KosovoHRError."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest

import kosovo_hr as kh

#: Error classes in code owned elsewhere that do not derive from KosovoHRError yet (shrink-only list).
PENDING: set[str] = set()


def _error_classes():
    for mod in pkgutil.walk_packages(kh.__path__, "kosovo_hr."):
        module = importlib.import_module(mod.name)
        for _, obj in inspect.getmembers(module, inspect.isclass):
            if obj.__module__ == mod.name and issubclass(obj, Exception) and not issubclass(obj, Warning):
                yield f"{obj.__module__}.{obj.__qualname__}", obj


def test_every_library_error_derives_from_the_base():
    classes = dict(_error_classes())
    assert len(classes) >= 12
    stray = sorted(
        n
        for n, c in classes.items()
        if not issubclass(c, kh.KosovoHRError) and not any(issubclass(c, classes[p]) for p in PENDING if p in classes)
    )
    assert not stray, f"errors not deriving from kosovo_hr.KosovoHRError: {stray}"
    fixed = sorted(p for p in PENDING if p in classes and issubclass(classes[p], kh.KosovoHRError))
    assert not fixed, f"remove from PENDING (fixed): {fixed}"


def test_the_base_is_public_and_old_except_clauses_still_work():
    assert kh.KosovoHRError is importlib.import_module("kosovo_hr.errors").KosovoHRError
    with pytest.raises(kh.KosovoHRError):
        kh.resolve("Atlantis")
    with pytest.raises(ValueError):  # existing `except ValueError` code keeps working
        kh.resolve("Atlantis")
    with pytest.raises(kh.KosovoHRError, match="declares no files"):
        kh.fetch("askdata")
    with pytest.raises(KeyError, match="unknown source"):
        kh.get_source("nope")


def test_no_bare_builtin_errors_in_the_library():
    """Errors raised on purpose are KosovoHR* classes (which still derive from ValueError etc.)."""
    import ast
    from pathlib import Path

    root = Path(kh.__file__).parent
    found = []
    files = sorted(root.rglob("*.py"))
    assert {"cli.py", "citations.py", "plots/choropleth.py", "datasets/elections/checks.py"} <= {
        f.relative_to(root).as_posix() for f in files
    }  # the whole package, no exemptions
    for path in files:
        rel = path.relative_to(root).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Raise)
                and isinstance(node.exc, ast.Call)
                and getattr(node.exc.func, "id", "") in ("ValueError", "KeyError", "TypeError")
            ):
                found.append(f"{rel}:{node.lineno}")
    assert not found, f"raise a kosovo_hr.errors class instead: {found}"
    with pytest.raises(kh.KosovoHRError, match="unknown municipality codes"):
        kh.aggregate(
            __import__("pandas").DataFrame({"code": ["atlantis"], "count": [1], "population": [1], "year": [2020]})
        )
