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

GAZETTEER_SOURCE = "kosovo_hr gazetteer (OSCE municipal profiles, KAS, KQZ; see kosovo_hr/data/SOURCES.md)"

LABELS = {
    "regions_title": {
        "sq": "Komunat e Kosovës sipas rajonit të OSBE-së",
        "sr": "Opštine Kosova po regionu OEBS-a",
        "en": "Kosovo's municipalities by OSCE region",
    },
    "inferred": {
        "sq": "Rajoni i nxjerrë nga numri i komunave\npër qendër (asnjë dokument i OSBE-së\nnuk e thotë për këtë komunë)",
        "sr": "Region izveden iz broja opština\npo centru (nijedan dokument OEBS-a\nto ne navodi za ovu opštinu)",
        "en": "Region inferred from the OSCE's count\nof municipalities per centre (no OSCE\ndocument states it for this municipality)",
    },
    "evidence_title": {
        "sq": "Dëshmia për caktimin e rajonit të OSBE-së",
        "sr": "Dokaz za pripadnost regionu OEBS-a",
        "en": "Evidence for each municipality's OSCE region",
    },
    "osce_profile": {
        "sq": "Profili komunal i OSBE-së",
        "sr": "Opštinski profil OEBS-a",
        "en": "OSCE municipal profile",
    },
    "osce_event_press": {
        "sq": "Ngjarje rajonale e OSBE-së (shtyp) dhe numri i OSBE-së",
        "sr": "Regionalni događaj OEBS-a (štampa) i broj OEBS-a",
        "en": "OSCE regional event (press) and OSCE count",
    },
    "osce_factsheet": {
        "sq": "Fletë informative e OSBE-së",
        "sr": "Informativni list OEBS-a",
        "en": "OSCE factsheet",
    },
    "inferred_from_counts": {
        "sq": "E nxjerrë nga numri për qendër",
        "sr": "Izvedeno iz broja po centru",
        "en": "Inferred from counts per centre",
    },
}

REGION_COLORS = {
    "osce_gjilan": "#4e79a7",
    "osce_mitrovice": "#f28e2b",
    "osce_peje": "#59a14f",
    "osce_prishtine": "#e15759",
    "osce_prizren": "#b07aa1",
}


@figure("osce_regions", notebook="00_municipalities_and_regions.ipynb",
        sources=["geoboundaries_adm2", "kosovo_hr/data/municipalities.csv"])
def osce_regions_map(lang: str = "en") -> "Figure":
    """The 38 municipalities coloured by OSCE region; inferred assignments hatched."""
    from matplotlib.patches import Patch

    m = ind.region_assignment()
    ax = choropleth(
        m[["code", "osce_region"]], "osce_region", lang=lang, colors=REGION_COLORS,
        category_labels=unit_names(lang, "osce_region"), labels=True,
        title=label("regions_title", lang, LABELS), sources=["geoboundaries_adm2", GAZETTEER_SOURCE],
        legend=False,
    )
    hatch_units(ax, ind.inferred_assignments(), hatch="...", edgecolor="white")
    handles = [Patch(facecolor=REGION_COLORS[c], label=t) for c, t in unit_names(lang, "osce_region").items()]
    handles.append(Patch(facecolor="#cccccc", edgecolor="white", hatch="...", label=label("inferred", lang, LABELS)))
    ax.legend(handles=handles, title=label("osce_region", lang), loc="lower left",
              bbox_to_anchor=(1.0, 0.0), fontsize=7, title_fontsize=8)
    return cast("Figure", ax.figure)


@figure("osce_region_evidence", notebook="00_municipalities_and_regions.ipynb",
        sources=["geoboundaries_adm2", "kosovo_hr/data/municipalities.csv"])
def region_evidence_map(lang: str = "en") -> "Figure":
    """What each municipality's OSCE-region assignment rests on."""
    m = ind.region_assignment()
    colors = {"osce_profile": "#1b7837", "osce_event_press": "#7fbf7b", "osce_factsheet": "#d9f0d3",
              "inferred_from_counts": "#bdbdbd"}
    ax = choropleth(
        m[["code", "osce_region_evidence"]], "osce_region_evidence", lang=lang, colors=colors,
        category_labels={k: label(k, lang, LABELS) for k in colors}, labels=True,
        title=label("evidence_title", lang, LABELS), sources=["geoboundaries_adm2", GAZETTEER_SOURCE],
    )
    return cast("Figure", ax.figure)
