"""Notebooks use the public API only: ``import kosovo_hr as kh`` and ``kh.<name>``, never a submodule."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

import kosovo_hr as kh

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))

#: Notebooks not switched to the public API yet (shrink-only). Notebook 06 is being edited elsewhere:
#: remove it from here as soon as it imports ``kosovo_hr`` only (the test then fails until you do).
PENDING: set[str] = set()


def _code(nb: Path) -> str:
    cells = json.loads(nb.read_text(encoding="utf-8"))["cells"]
    lines = ("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    # IPython magics (%matplotlib, !cmd) are not Python
    return "\n".join(
        "\n".join("" if ln.lstrip().startswith(("%", "!")) else ln for ln in src.splitlines()) for src in lines
    )


def deep_imports(source: str) -> list[str]:
    """Imports of kosovo_hr in ``source`` that bypass the flat public API (``kosovo_hr.__all__``)."""
    bad = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            bad += [a.name for a in node.names if a.name.startswith("kosovo_hr.")]
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "kosovo_hr":
            if node.module != "kosovo_hr":
                bad.append(f"from {node.module} import ...")
            else:  # `from kosovo_hr import x` is public only if x is a public name, not a submodule
                bad += [f"from kosovo_hr import {a.name}" for a in node.names if a.name not in kh.__all__]
    return bad


def test_the_check_catches_deep_imports():
    assert deep_imports("import kosovo_hr as kh\nfrom kosovo_hr import resolve") == []
    assert deep_imports("from kosovo_hr.figures import municipalities as figs") == ["from kosovo_hr.figures import ..."]
    assert deep_imports("import kosovo_hr.citations") == ["kosovo_hr.citations"]
    assert deep_imports("from kosovo_hr import figures") == ["from kosovo_hr import figures"]


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_imports_the_public_api_only(nb):
    bad = deep_imports(_code(nb))
    if nb.name in PENDING:
        assert bad, f"{nb.name} uses the public API only now: remove it from PENDING in {__file__}"
        pytest.xfail(f"{nb.name} still imports submodules (pending): {bad}")
    assert not bad, f"{nb.name}: use `import kosovo_hr as kh` and kh.<name> instead of {bad}"


def test_every_notebook_figure_is_drawn_by_name():
    """Names given to kh.draw_figure in the notebooks are known figures."""
    known = set(kh.figure_names(unpublished=True))
    used = set()
    for nb in NOTEBOOKS:
        for node in ast.walk(ast.parse(_code(nb))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "draw_figure"
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                used.add(node.args[0].value)
    assert len(used) >= 13
    assert used <= known, sorted(used - known)


def test_draw_figure_refuses_an_unknown_name_and_lists_the_known():
    with pytest.raises(kh.KosovoHRError, match="unknown figure 'osce_region'; known: .*osce_regions"):
        kh.draw_figure("osce_region")
    with pytest.raises(KeyError):
        kh.draw_figure("nope", "sq")
