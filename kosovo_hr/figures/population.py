"""Figures of notebook 01: population 2011-2024 by municipality and OSCE region.

Figures draw on the committed population table (``kosovo_hr/data/population``,
see :mod:`kosovo_hr.datasets.population`). The four northern municipalities
have no 2011 census count (KAS estimate) and a largely boycotted 2024 census
(ASK estimate): the change map shows them as "no data" rather than comparing
two estimates with a census, and the bar chart draws their estimates hatched.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..datasets.population import NORTH, load_population
from ..gazetteer import names
from ..plots import choropleth
from ..plots.i18n import check_lang, label
from ..plots.sources_line import add_source_line
from . import figure

if TYPE_CHECKING:
    from matplotlib.figure import Figure

NOTEBOOK = "01_population_and_rates.ipynb"
POP_TABLE = "kosovo_hr/data/population/population.csv"
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


def population_change() -> pd.DataFrame:
    """Percent change census 2011 -> census 2024 per municipality (NaN for the north).

    Columns: code, pop2011, pop2024, change_pct, note.
    """
    p = load_population(years=[2011, 2024])
    wide = p.pivot(index="code", columns="year", values="population").astype("Int64")
    est = p.pivot(index="code", columns="year", values="is_estimate")
    out = pd.DataFrame({"code": wide.index, "pop2011": wide[2011].to_numpy(),
                        "pop2024": wide[2024].to_numpy()})
    any_est = (est[2011] | est[2024]).to_numpy()
    change = (out["pop2024"].astype(float) / out["pop2011"].astype(float) - 1) * 100
    out["change_pct"] = change.where(~any_est).astype(float)
    out["note"] = np.where(any_est, "estimate in 2011 and/or 2024: not compared", "")
    return out.reset_index(drop=True)


def region_totals() -> pd.DataFrame:
    """OSCE-region population 2011 and 2024: census counts and ASK estimates for the north."""
    from ..stats.aggregate import membership

    p = load_population(years=[2011, 2024]).copy()
    p["osce_region"] = p["code"].map(membership("osce_region"))
    p["part"] = np.where(p["is_estimate"], "estimate", "census")
    t = p.groupby(["osce_region", "year", "part"])["population"].sum().unstack("part").fillna(0)
    t["total"] = t["census"] + t["estimate"]
    return t.reset_index()


def north_enumerated_2024() -> int:
    """People the boycotted 2024 census enumerated in the four northern municipalities."""
    enum = load_population(series="census_2024_enumerated")
    return int(enum.loc[enum["code"].isin(NORTH), "population"].sum())


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
    rnames = names(lang, level="osce_region")
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


# --- tables exported by `kosovo-hr export` ---------------------------------------------------

from ..export import table  # noqa: E402  (registration only)


@table("population", description="Population by municipality and year: censuses 1991 (pre-2008 "
       "units), 2011 and 2024, ASK's 2014 estimate; `is_estimate` marks ASK estimates and the 1991 "
       "figures (kosovo_hr.load_population()).", sources=[POP_TABLE])
def population_table() -> pd.DataFrame:
    return load_population()


@table("population_change_2011_2024", description="Census population 2011 and 2024 and the change "
       "in percent per municipality; not computed where either figure is an estimate (the north).",
       sources=[POP_TABLE], municipal=True)
def population_change_table() -> pd.DataFrame:
    return population_change()


@table("population_osce_regions", description="OSCE-region population 2011 and 2024: census counts "
       "and ASK estimates for the four northern municipalities, kept apart.", sources=[POP_TABLE])
def population_regions_table() -> pd.DataFrame:
    return region_totals()
