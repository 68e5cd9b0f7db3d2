"""Every figure the project publishes, registered once and drawn in sq, sr, sr-Cyrl or en.

A figure is a function ``fn(lang: str) -> matplotlib.figure.Figure`` decorated
with :func:`figure`, in a module of this package named after its notebook
domain (``municipalities``, ``population``, ``participation``...).  Notebooks
call the same functions, and ``kosovo-hr figures`` draws them all headless
into ``figures/<lang>/<name>.<format>`` with a manifest ``figures/index.csv``.

Calling a registered figure draws it in the project style
(:mod:`kosovo_hr.plots.style`), writes the numbers of its axes in ``lang``
(Babel) and sets its source line below everything else.  Its title, one-
sentence caption and alt text are the labels ``figure.<name>.title``,
``.caption`` and ``.alt`` (:func:`figure_texts`).
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass

from ..errors import KosovoHRValueError

#: Languages of every figure (the same as kosovo_hr.plots.i18n.LANGS, kept here so the CLI starts light).
LANGS = ("sq", "sr", "sr-Cyrl", "en")
#: Texts of every figure in the manifest, per language (labels ``figure.<name>.<kind>``).
TEXT_KINDS = ("title", "caption", "alt")


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
        @functools.wraps(fn)
        def draw(lang: str = "en"):
            from ..plots.i18n import check_lang
            from ..plots.style import project_style

            check_lang(lang)
            with project_style():
                fig = fn(lang)
                finish_figure(fig, lang)
            return fig

        if name in REGISTRY and getattr(REGISTRY[name].draw, "__wrapped__", None) is not fn:
            raise KosovoHRValueError(f"figure {name!r} registered twice")
        domain = fn.__module__.rsplit(".", 1)[-1]
        REGISTRY[name] = FigureSpec(name, domain, notebook, tuple(sources), draw)
        return draw

    return deco


def finish_figure(fig, lang: str) -> None:
    """Localise the numbers on the axes and put the source line below every other artist."""
    from ..plots.numbers import localise_axes
    from ..plots.sources_line import place_source_line

    localise_axes(fig, lang)
    place_source_line(fig)


def figure_texts(name: str, lang: str) -> dict[str, str]:
    """Title, caption (one sentence) and alt text of figure ``name`` in ``lang``, for the manifest."""
    from ..plots.i18n import label

    return {kind: label(f"figure.{name}.{kind}", lang) for kind in TEXT_KINDS}


def load_all() -> dict[str, FigureSpec]:
    """Import every figure module of this package and return the registry."""
    for mod in pkgutil.iter_modules(__path__):
        if not mod.name.startswith("_"):
            importlib.import_module(f"{__name__}.{mod.name}")
    return REGISTRY


#: Figures drawn in a notebook but not published by ``kosovo-hr figures`` (name -> module:function).
UNPUBLISHED: dict[str, str] = {
    "displacement_returns": "displacement:returns",  # notebook 03; see its docstring for why
}


def figure_names(*, unpublished: bool = False) -> list[str]:
    """Names of the registered figures (``figures/<lang>/<name>.png``), sorted.

    With ``unpublished=True`` the figures drawn only in a notebook
    (:data:`UNPUBLISHED`) are listed too.
    """
    names = set(load_all())
    if unpublished:
        names |= set(UNPUBLISHED)
    return sorted(names)


def draw_figure(name: str, lang: str = "en"):
    """Draw figure ``name`` in ``lang`` (sq, sr, sr-Cyrl, en) and return the matplotlib Figure.

    ``name`` is a registry name as in ``kosovo-hr figures`` (:func:`figure_names`)
    or a notebook-only figure of :data:`UNPUBLISHED`; the figure is drawn exactly
    as ``kosovo-hr figures`` draws it, without being written anywhere.
    """
    registry = load_all()
    if name in registry:
        return registry[name].draw(lang)
    if name in UNPUBLISHED:
        module, fn = UNPUBLISHED[name].split(":")
        return getattr(importlib.import_module(f"{__name__}.{module}"), fn)(lang)
    from ..errors import KosovoHRKeyError

    raise KosovoHRKeyError(f"unknown figure {name!r}; known: {', '.join(figure_names(unpublished=True))}")
