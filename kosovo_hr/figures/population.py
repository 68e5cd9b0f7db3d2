"""Figures of notebook 01: population 2011-2024 by municipality and OSCE region.

Drawing only: the tables come from :mod:`kosovo_hr.indicators.population`. Figures draw on the committed population table (``kosovo_hr/data/population``,
see :mod:`kosovo_hr.datasets.population`). The four northern municipalities
have no 2011 census count (KAS estimate) and a largely boycotted 2024 census
(ASK estimate): the change map shows them as "no data" rather than comparing
two estimates with a census, and the bar chart draws their estimates hatched.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ..indicators.population import POP_TABLE, north_enumerated_2024, population_change, region_totals
from ..plots import choropleth
from ..plots.i18n import check_lang, label, unit_names
from ..plots.sources_line import add_source_line
from . import figure

if TYPE_CHECKING:
    from matplotlib.figure import Figure

NOTEBOOK = "01_population_and_rates.ipynb"
POP_SOURCE = ("Kosovo Agency of Statistics: census 2011 and 2024 (census2024_10, census2024_63), "
              "KAS estimates 2011 for the north (kosovo_hr/data/population)")
CHANGE_BINS = [-30, -20, -10, 0, 20, 90]

LABELS = {
    "change_title": {
        "sq": "Ndryshimi i popullsisë 2011–2024 sipas komunave (regjistrimet)",
        "sr": "Promena broja stanovnika 2011–2024 po opštinama (popisi)",
        "en": "Population change 2011–2024 by municipality (censuses)",
    },
    "change_legend": {"sq": "Ndryshimi (%)", "sr": "Promena (%)", "en": "Change (%)"},
    "change_note": {
        "sq": ("Katër komunat veriore (Leposaviq, Zubin Potok, Zveçan, Mitrovicë e Veriut) tregohen pa të dhëna: "
               "regjistrimi 2011 nuk u mbajt atje dhe ai i 2024 u bojkotua kryesisht; ASK ka vetëm vlerësime."),
        "sr": ("Četiri severne opštine (Leposavić, Zubin Potok, Zvečan, Severna Mitrovica) prikazane su bez podataka: "
               "popis 2011. tamo nije održan, a popis 2024. je uglavnom bojkotovan; ASK ima samo procene."),
        "en": ("The four northern municipalities (Leposaviq, Zubin Potok, Zveçan, North Mitrovica) are shown as no data: "
               "the 2011 census was not held there and the 2024 census was largely boycotted; ASK has only estimates."),
    },
    "regions_title": {
        "sq": "Popullsia sipas rajoneve të OSBE-së, 2011 dhe 2024",
        "sr": "Stanovništvo po regionima OEBS-a, 2011. i 2024.",
        "en": "Population by OSCE region, 2011 and 2024",
    },
    "population": {"sq": "Popullsia (mijë)", "sr": "Stanovništvo (hiljade)", "en": "Population (thousands)"},
    "census": {"sq": "Regjistrimi", "sr": "Popis", "en": "Census"},
    "estimate": {"sq": "Vlerësim i ASK për veriun", "sr": "Procena ASK za sever",
                 "en": "ASK estimate for the north"},
    "regions_note": {
        "sq": ("Vlerësimet e ASK për katër komunat veriore (pa regjistrim 2011, regjistrim i bojkotuar 2024) "
               "vizatohen me viza; numërimi i 2024 atje ishte vetëm {n} banorë."),
        "sr": ("Procene ASK za četiri severne opštine (bez popisa 2011, bojkotovan popis 2024) prikazane su "
               "šrafirano; popisano je tamo 2024. bilo samo {n} stanovnika."),
        "en": ("ASK estimates for the four northern municipalities (no 2011 census, 2024 census boycotted) "
               "are hatched; the 2024 enumeration there counted only {n} people."),
    },
}


def _thousands(n: int, lang: str) -> str:
    """``n`` with the thousands separator of ``lang`` (sq: space, sr: point, en: comma)."""
    return f"{n:,}".replace(",", {"sq": " ", "sr": ".", "en": ","}[lang])


@figure("population_change_2011_2024", notebook=NOTEBOOK, sources=["geoboundaries_adm2", POP_TABLE])
def population_change_map(lang: str = "en") -> "Figure":
    """Map: census population change 2011-2024 (%), north shown as no data."""
    import matplotlib.pyplot as plt

    check_lang(lang)
    fig, ax = plt.subplots(figsize=(7.5, 8.2))
    choropleth(population_change(), "change_pct", lang=lang, bins=CHANGE_BINS, cmap="RdBu",
               title=label("change_title", lang, LABELS),
               legend_title=label("change_legend", lang, LABELS), ax=ax,
               sources=("geoboundaries_adm2", POP_SOURCE), note=label("change_note", lang, LABELS),
               fmt="{:+.0f}")
    return fig


@figure("population_region_totals", notebook=NOTEBOOK, sources=[POP_TABLE])
def region_totals_bars(lang: str = "en") -> "Figure":
    """Bar chart: population by OSCE region 2011 and 2024, northern estimates hatched."""
    import matplotlib.pyplot as plt

    check_lang(lang)
    t = region_totals()
    regs = sorted(t["osce_region"].unique())
    rnames = unit_names(lang, level="osce_region")
    fig, ax = plt.subplots(figsize=(8, 4.8))
    x = np.arange(len(regs))
    width = 0.38
    for j, (year, colour) in enumerate(((2011, "#9ecae1"), (2024, "#3182bd"))):
        sub = t[t["year"] == year].set_index("osce_region").reindex(regs)
        pos = x + (j - 0.5) * width
        ax.bar(pos, sub["census"] / 1000, width, color=colour, label=f"{label('census', lang, LABELS)} {year}")
        ax.bar(pos, sub["estimate"] / 1000, width, bottom=sub["census"] / 1000, color="white",
               edgecolor=colour, hatch="///", label=label("estimate", lang, LABELS) if j else None)
    ax.set_xticks(x, [rnames.get(r, r) for r in regs])
    ax.set_ylabel(label("population", lang, LABELS))
    ax.set_title(label("regions_title", lang, LABELS))
    ax.set_ylim(0, float(t["total"].max()) / 1000 * 1.3)
    ax.legend(frameon=False, loc="upper left", ncols=3, fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    fig.subplots_adjust(bottom=0.2)
    note = label("regions_note", lang, LABELS).format(n=_thousands(north_enumerated_2024(), lang))
    add_source_line(fig, [POP_SOURCE], lang, note=note)
    return fig
