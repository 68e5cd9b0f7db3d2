"""Figures of notebook 00: the municipalities and the OSCE regions they belong to."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from ..indicators import municipalities as ind
from ..plots import choropleth
from ..plots.choropleth import hatch_units
from ..plots.i18n import label, unit_names
from . import figure

if TYPE_CHECKING:
    from matplotlib.figure import Figure

GAZETTEER_TABLE = "kosovo_hr/data/municipalities.csv"


#: One Okabe–Ito colour per region: distinct for the common colour-vision deficiencies.
REGION_COLORS = {
    "osce_gjilan": "#56B4E9",
    "osce_mitrovice": "#E69F00",
    "osce_peje": "#009E73",
    "osce_prishtine": "#D55E00",
    "osce_prizren": "#CC79A7",
}


@figure(
    "osce_regions",
    notebook="00_municipalities_and_regions.ipynb",
    sources=["geoboundaries_adm2", "kosovo_hr/data/municipalities.csv"],
)
def osce_regions_map(lang: str = "en") -> "Figure":
    """The 38 municipalities coloured by OSCE region; inferred assignments hatched."""
    from matplotlib.patches import Patch

    m = ind.region_assignment()
    ax = choropleth(
        m[["code", "osce_region"]],
        "osce_region",
        lang=lang,
        colors=REGION_COLORS,
        category_labels=unit_names(lang, "osce_region"),
        labels=True,
        title=label("municipalities.regions_title", lang),
        sources=["geoboundaries_adm2", GAZETTEER_TABLE],
        legend=False,
    )
    hatch_units(ax, ind.inferred_assignments(), hatch="...", edgecolor="white")
    handles = [Patch(facecolor=REGION_COLORS[c], label=t) for c, t in unit_names(lang, "osce_region").items()]
    handles.append(
        Patch(facecolor="#cccccc", edgecolor="white", hatch="...", label=label("municipalities.inferred", lang))
    )
    ax.legend(
        handles=handles, title=label("osce_region", lang), loc="lower left", bbox_to_anchor=(1.0, 0.0), alignment="left"
    )
    return cast("Figure", ax.figure)


@figure(
    "osce_region_evidence",
    notebook="00_municipalities_and_regions.ipynb",
    sources=["geoboundaries_adm2", "kosovo_hr/data/municipalities.csv"],
)
def region_evidence_map(lang: str = "en") -> "Figure":
    """What each municipality's OSCE-region assignment rests on."""
    m = ind.region_assignment()
    colors = {
        "osce_profile": "#1b7837",
        "osce_event_press": "#7fbf7b",
        "osce_factsheet": "#d9f0d3",
        "inferred_from_counts": "#bdbdbd",
    }
    ax = choropleth(
        m[["code", "osce_region_evidence"]],
        "osce_region_evidence",
        lang=lang,
        colors=colors,
        category_labels={k: label(f"municipalities.{k}", lang) for k in colors},
        labels=True,
        title=label("municipalities.evidence_title", lang),
        sources=["geoboundaries_adm2", GAZETTEER_TABLE],
    )
    return cast("Figure", ax.figure)
