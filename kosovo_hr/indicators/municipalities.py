"""Gazetteer tables behind the maps of notebook 00: the OSCE region of each municipality and its evidence."""

from __future__ import annotations

import pandas as pd

from ..errors import KosovoHRValueError
from ..gazetteer import REGION_EVIDENCE, municipalities

__all__ = ["REGION_EVIDENCE", "region_assignment", "inferred_assignments"]


def region_assignment() -> pd.DataFrame:
    """The 38 municipalities with ``osce_region`` and ``osce_region_evidence`` (what the assignment rests on).

    Raises ``ValueError`` when the gazetteer uses an evidence category that
    :data:`REGION_EVIDENCE` does not document.
    """
    m = municipalities()[["code", "osce_region", "osce_region_evidence"]]
    unknown = set(m["osce_region_evidence"]) - set(REGION_EVIDENCE)
    if unknown:
        raise KosovoHRValueError(f"gazetteer has undocumented evidence categories: {sorted(unknown)}")
    return m.reset_index(drop=True)


def inferred_assignments() -> list[str]:
    """Codes of the municipalities whose OSCE region is inferred from counts (no OSCE document states it)."""
    m = region_assignment()
    return list(m.loc[m["osce_region_evidence"] == "inferred_from_counts", "code"])
