"""The package's layers import in one direction only (read from the source, not from a running import).

    sources, gazetteer -> stats -> geo -> datasets / records -> indicators -> plots -> figures / export / cli

Each module's ``import`` and ``from ... import`` statements (top level and
inside functions, relative or absolute) are parsed with :mod:`ast`; an
import of a layer not in :data:`ALLOWED` for the importing layer fails.
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "kosovo_hr"

#: Layer -> layers it may import (besides itself). ``plots`` draws, so it never reads indicators;
#: ``figures`` reads indicators and draws with plots, nothing else.
ALLOWED: dict[str, set[str]] = {
    "errors": set(),  # the base exception, importable from every layer (see BASE)
    "atomic": set(),  # atomic file writes, used by every layer that writes files
    "gazetteer": set(),
    "sources": set(),
    "citations": set(),  # the committed tables' two-level citations (package data only)
    "stats": {"gazetteer"},
    "geo": {"gazetteer", "sources", "stats"},
    "datasets": {"gazetteer", "sources", "geo"},
    "records": {"gazetteer", "sources", "geo", "datasets"},
    "indicators": {"gazetteer", "sources", "stats", "geo", "datasets", "records"},
    "plots": {"gazetteer", "sources", "geo"},
    "figures": {"indicators", "plots"},
    "export": {"indicators", "geo"},
    "report": {"gazetteer", "sources", "stats", "records", "indicators", "plots", "figures", "export"},
    "cli": {
        "gazetteer",
        "sources",
        "citations",
        "stats",
        "geo",
        "datasets",
        "records",
        "indicators",
        "plots",
        "figures",
        "export",
        "report",
    },
    "__init__": set(),  # the flat API names modules as strings and imports them lazily
}

#: Layers every layer may import.
BASE = {"errors", "atomic"}

#: Imports that run against the direction today, each with the reason and who removes it.
#: The test also fails when one of these is no longer there, so the list only shrinks.
KNOWN_EXCEPTIONS: dict[tuple[str, str], str] = {}


def _module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _layer(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "kosovo_hr":
        return None
    if len(parts) == 1:
        return "__init__"
    return parts[1]


def imported_modules(source: str, module: str, is_package: bool, known: set[str]) -> list[str]:
    """Absolute names of the kosovo_hr modules that ``source`` (the text of ``module``) imports.

    ``from X import a`` imports module ``X.a`` when that is one of the ``known`` modules, else ``X``.
    """
    out = []
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            out += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            out += [f"{target}.{a.name}" if f"{target}.{a.name}" in known else target for a in node.names]
    return [m for m in out if m.split(".")[0] == "kosovo_hr"]


def violations(files: dict[str, tuple[str, bool]]) -> dict[tuple[str, str], list[str]]:
    """(importing module, imported layer) -> imported modules, for every import against :data:`ALLOWED`."""
    found: dict[tuple[str, str], list[str]] = {}
    known = set(files) | set(_package_files())
    for module, (source, is_package) in files.items():
        layer = _layer(module)
        if layer in (None, "data"):
            continue
        if layer not in ALLOWED:
            raise AssertionError(f"module {module} is in no known layer ({layer!r}): add it to ALLOWED")
        for target in imported_modules(source, module, is_package, known):
            tl = _layer(target)
            if tl in (None, layer, "__init__") or tl in ALLOWED[layer] or tl in BASE:
                continue
            found.setdefault((module, tl), []).append(target)
    return found


@functools.lru_cache(maxsize=1)
def _read_package() -> tuple[tuple[str, str, bool], ...]:
    return tuple(
        (_module_name(p), p.read_text(encoding="utf-8"), p.name == "__init__.py") for p in sorted(PACKAGE.rglob("*.py"))
    )


def _package_files() -> dict[str, tuple[str, bool]]:
    return {m: (src, pkg) for m, src, pkg in _read_package()}


def test_imports_follow_the_layers():
    found = violations(_package_files())
    new = {k: v for k, v in found.items() if k not in KNOWN_EXCEPTIONS}
    assert not new, "imports against the layer direction:\n" + "\n".join(
        f"  {m} imports {sorted(set(t))} (layer {layer!r} is not allowed for this module)"
        for (m, layer), t in sorted(new.items())
    )
    gone = sorted(set(KNOWN_EXCEPTIONS) - set(found))
    assert not gone, f"these exceptions are fixed: remove them from KNOWN_EXCEPTIONS: {gone}"


def test_allowed_layers_have_one_direction():
    order: list[str] = []
    pending = dict(ALLOWED)
    while pending:
        ready = [k for k, deps in pending.items() if deps <= set(order)]
        assert ready, f"ALLOWED has a cycle among {sorted(pending)}"
        order += sorted(ready)
        for k in ready:
            del pending[k]


@pytest.mark.parametrize(
    "module, source, layer",
    [
        ("kosovo_hr.datasets.fake", "from ..stats import rates", "stats"),
        ("kosovo_hr.datasets.fake", "def f():\n    from kosovo_hr.figures import conflict", "figures"),
        ("kosovo_hr.figures.fake", "from ..datasets.mosaic import load_mosaic", "datasets"),
        ("kosovo_hr.figures.fake", "from ..gazetteer import names", "gazetteer"),
        ("kosovo_hr.plots.fake", "from ..indicators import conflict", "indicators"),
        ("kosovo_hr.stats.fake", "import kosovo_hr.geo.boundaries", "geo"),
        ("kosovo_hr.errors", "from .gazetteer import names", "gazetteer"),
        ("kosovo_hr.export", "from . import figures", "figures"),
    ],
)
def test_the_checker_sees_imports_against_the_direction(module, source, layer):
    found = violations({module: (source, False)})
    assert (module, layer) in found


def test_the_checker_accepts_imports_along_the_direction():
    ok = {
        "kosovo_hr.figures.fake": (
            "from ..indicators import conflict\nfrom ..plots import choropleth\nfrom . import figure",
            False,
        ),
        "kosovo_hr.indicators.__init__": ("from . import table", True),
    }
    assert violations(ok) == {}
