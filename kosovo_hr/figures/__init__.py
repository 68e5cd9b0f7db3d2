"""Every figure the project publishes, registered once and drawn in sq, sr or en.

A figure is a function ``fn(lang: str) -> matplotlib.figure.Figure`` decorated
with :func:`figure`, in a module of this package named after its notebook
domain (``municipalities``, ``population``, ``participation``...).  Notebooks
call the same functions, and ``kosovo-hr figures`` draws them all headless
into ``figures/<lang>/<name>.png`` with a manifest ``figures/index.csv``.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass

from ..errors import KosovoHRValueError

#: Languages of every figure (the same as kosovo_hr.plots.i18n.LANGS, kept here so the CLI starts light).
LANGS = ("sq", "sr", "en")


@dataclass(frozen=True)
class FigureSpec:
    name: str
    domain: str
    notebook: str
    sources: tuple[str, ...]
    draw: Callable


REGISTRY: dict[str, FigureSpec] = {}


def figure(name: str, *, notebook: str, sources: tuple[str, ...] | list[str]) -> Callable[[Callable], Callable]:
    """Register a figure function under a stable file name (no extension).

    ``sources`` names the declared source ids and committed tables it draws on;
    they go into the manifest.
    """

    def deco(fn: Callable) -> Callable:
        if name in REGISTRY and REGISTRY[name].draw is not fn:
            raise KosovoHRValueError(f"figure {name!r} registered twice")
        domain = fn.__module__.rsplit(".", 1)[-1]
        REGISTRY[name] = FigureSpec(name, domain, notebook, tuple(sources), fn)
        return fn

    return deco


def load_all() -> dict[str, FigureSpec]:
    """Import every figure module of this package and return the registry."""
    for mod in pkgutil.iter_modules(__path__):
        if not mod.name.startswith("_"):
            importlib.import_module(f"{__name__}.{mod.name}")
    return REGISTRY
