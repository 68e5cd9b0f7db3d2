"""Spatial weights between municipalities, built from the boundaries and passed to the statistics.

:mod:`kosovo_hr.stats` does no I/O: its spatial functions
(:func:`kosovo_hr.stats.eb_smooth` with ``kind="spatial"``,
:func:`kosovo_hr.stats.moran_rate`) take a libpysal ``W`` built here.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..errors import KosovoHRValueError

if TYPE_CHECKING:
    from libpysal.weights import W

__all__ = ["queen_weights"]


def queen_weights(codes: Iterable[str] | None = None) -> W:
    """Queen contiguity (libpysal ``W``) between municipalities, ids = gazetteer codes.

    Municipalities sharing a border or a corner are neighbours. Built from
    :func:`kosovo_hr.boundaries` (geoBoundaries ADM2, simplified). ``codes``
    restricts and orders the units (e.g. the frame's codes); a code without
    a current-municipality polygon raises ``ValueError``.
    """
    from libpysal.weights import Queen, w_subset

    from .boundaries import boundaries

    b = boundaries("municipality")
    w = Queen.from_dataframe(b, ids=b["code"].tolist(), use_index=False, silence_warnings=True)
    if codes is not None:
        codes = list(codes)
        unknown = sorted(set(codes) - set(w.id_order))
        if unknown:
            raise KosovoHRValueError(
                f"no boundary for codes {unknown}; spatial weights need the 38 current municipalities"
            )
        w = w_subset(w, codes, silence_warnings=True)
        w.id_order = codes
    return w
