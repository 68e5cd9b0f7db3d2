"""Figures of notebook 06: conflict legacy (Kosovo Memory Book) and community security (Kosovo Mosaic).

Drawing only: the tables come from :mod:`kosovo_hr.indicators.conflict` and
:mod:`kosovo_hr.indicators.mosaic` (their names are re-exported here for the
notebook). Memory Book maps use the 30 pre-2008 municipalities drawn as unions of
today's municipalities (:mod:`kosovo_hr.geo.pre2008`); counts of 1–4 persons
are suppressed (primary + secondary, :func:`kosovo_hr.stats.suppression.suppress`).
Mosaic maps show survey shares (perceptions) by municipality.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..indicators import conflict as kmb
from ..indicators import mosaic
from ..indicators.conflict import (
    COMMUNITY_GROUPS,
    KMB_SOURCE,
    POP_SOURCE,
    THRESHOLD,
    VIOLATIONS,
    published_region_totals,
    region_totals,
    suppressed_rates,
)
from ..indicators.mosaic import INSTITUTIONS, SECURITY_PROBLEMS, WAVES, security_problems
from ..plots import choropleth, deferred_drawing
from ..plots.i18n import label, unit_names
from ..plots.sources_line import add_source_line
from . import figure

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

NOTEBOOK = "06_conflict_legacy_and_security.ipynb"
__all__ = ["LABELS", "KMB_SOURCE", "POP_SOURCE", "THRESHOLD", "VIOLATIONS", "COMMUNITY_GROUPS", "INSTITUTIONS",
           "SECURITY_PROBLEMS", "suppressed_rates", "region_totals", "published_region_totals",
           "security_problems", "killed_disappeared_map", "community_map", "region_totals_chart",
           "institutions_small_multiples", "security_problem_chart", "kmb", "mosaic"]

_KMB_TEXT = {
    "sq": ("Humanitarian Law Center, Libri i Kujtimit i Kosovës (numërime agregate, kosovatools/data @28c327e)",
           "regjistrimi i vitit 1991 sipas GeoHive/Entit Statistikor të Kosovës (kosovo_hr/data/population)"),
    "sr": ("Fond za humanitarno pravo, Kosovska knjiga pamćenja (zbirni brojevi, kosovatools/data @28c327e)",
           "popis 1991. prema GeoHive/Statističkom zavodu Kosova (kosovo_hr/data/population)"),
    "en": (KMB_SOURCE, POP_SOURCE),
}


def _kmb_sources(lang: str, boundaries: bool = True) -> list[str]:
    """Source line entries for Memory Book figures, in ``lang``."""
    return (["geoboundaries_adm2"] if boundaries else []) + list(_KMB_TEXT[lang])

LABELS = {
    "killed": {"sq": "Të vrarë", "sr": "Ubijeni", "en": "Killed"},
    "disappeared": {"sq": "Të zhdukur", "sr": "Nestali", "en": "Disappeared (missing)"},
    "war_caused_death": {"sq": "Vdekje e shkaktuar nga lufta", "sr": "Smrt izazvana ratom",
                         "en": "War-caused death"},
    "rates_title": {
        "sq": "Të vrarë dhe të zhdukur 1998–2000 për 1 000 banorë (regjistrimi 1991), sipas komunave para 2008",
        "sr": "Ubijeni i nestali 1998–2000 na 1.000 stanovnika (popis 1991), po opštinama pre 2008.",
        "en": "Killed and disappeared 1998–2000 per 1,000 residents (1991 census), by pre-2008 municipality",
    },
    "per_1000": {"sq": "për 1 000 banorë", "sr": "na 1.000 stanovnika", "en": "per 1,000 residents"},
    "suppressed": {"sq": "E fshehur: më pak se 5 persona,\nose për të mbrojtur një të tillë",
                   "sr": "Skriveno: manje od 5 osoba,\nili radi zaštite takve ćelije",
                   "en": "Suppressed: fewer than 5 persons,\nor to protect such a cell"},
    "rates_note": {
        "sq": ("Kujdes: shqiptarët e Kosovës e bojkotuan regjistrimin e vitit 1991, prandaj shifrat e tij mbështeten "
               "pjesërisht në vlerësime zyrtare. Libri i Kujtimit i Kosovës është projekt dokumentimi me metodën e vet. "
               "Komunat para 2008 vizatohen si bashkime të komunave të sotme; kufijtë e Graçanicës, Novobërdës, "
               "Malishevës dhe Dragashit ndryshuan. Numërimet 1–4 fshihen (edhe disa qeliza shtesë)."),
        "sr": ("Napomena: kosovski Albanci bojkotovali su popis 1991, pa se njegovi podaci delom zasnivaju na zvaničnim "
               "procenama. Kosovska knjiga pamćenja je dokumentacioni projekat sa sopstvenom metodom. Opštine pre 2008. "
               "prikazane su kao unije današnjih opština; granice Gračanice, Novog Brda, Mališeva i Dragaša su se menjale. "
               "Brojevi 1–4 su skriveni (kao i neke dodatne ćelije)."),
        "en": ("Caveat: Kosovo Albanians boycotted the 1991 census, so its figures rest partly on official estimates. "
               "The Kosovo Memory Book is a documentation project with its own method. Pre-2008 municipalities are drawn "
               "as unions of today's; the boundaries of Graçanicë, Novobërdë, Malishevë and Dragash changed. Counts of "
               "1–4 are suppressed (with some further cells)."),
    },
    "community_title": {
        "sq": "Të vrarë dhe të zhdukur 1998–2000 sipas komunitetit të viktimave, për 1 000 banorë të komunës (1991)",
        "sr": "Ubijeni i nestali 1998–2000 po zajednici žrtava, na 1.000 stanovnika opštine (1991)",
        "en": "Killed and disappeared 1998–2000 by community of the victims, per 1,000 residents of the municipality (1991)",
    },
    "community_note": {
        "sq": "Emëruesi është e gjithë popullsia e komunës në vitin 1991, jo ajo e komunitetit (nuk ka shifra të publikuara të 1991 sipas komunitetit në këtë projekt).",
        "sr": "Imenilac je celokupno stanovništvo opštine 1991, a ne stanovništvo zajednice (podaci popisa 1991 po zajednicama nisu uneti u ovaj projekat).",
        "en": "The denominator is the municipality's whole 1991 population, not the community's (no 1991 figures by community are committed in this project).",
    },
    "albanian": {"sq": "Shqiptarë", "sr": "Albanci", "en": "Albanians"},
    "serb": {"sq": "Serbë", "sr": "Srbi", "en": "Serbs"},
    "roma_ashkali_egyptian": {"sq": "Romë, ashkali, egjiptianë", "sr": "Romi, Aškalije, Egipćani",
                              "en": "Roma, Ashkali, Egyptians"},
    "other": {"sq": "Komunitete të tjera", "sr": "Ostale zajednice", "en": "Other communities"},
    "regions_title": {
        "sq": "Libri i Kujtimit i Kosovës 1998–2000: persona sipas rajonit të OSBE-së dhe shkeljes",
        "sr": "Kosovska knjiga pamćenja 1998–2000: osobe po regionu OEBS-a i vrsti kršenja",
        "en": "Kosovo Memory Book 1998–2000: persons by OSCE region and violation",
    },
    "persons": {"sq": "Persona", "sr": "Osobe", "en": "Persons"},
    "outside_kosovo": {"sq": "Jashtë Kosovës", "sr": "Van Kosova", "en": "Outside Kosovo"},
    "kosovo_place_unknown": {"sq": "Kosovë, vendi i panjohur", "sr": "Kosovo, mesto nepoznato",
                             "en": "Kosovo, place unknown"},
    "place_not_recorded": {"sq": "Vendi i paregjistruar", "sr": "Mesto nije zabeleženo",
                           "en": "Place not recorded"},
    "regions_note": {
        "sq": "Komunat para 2008 i caktohen rajonit të OSBE-së të pasardhëseve të tyre (të gjithë në të njëjtin rajon). Shkalla për 1 000 banorë (1991) në kllapa.",
        "sr": "Opštine pre 2008. dodeljene su regionu OEBS-a svojih naslednica (sve u istom regionu). Stopa na 1.000 stanovnika (1991) u zagradi.",
        "en": "Pre-2008 municipalities are assigned to the OSCE region of their successors (all in one region). Rate per 1,000 residents (1991) in brackets.",
    },
    "institutions_title": {
        "sq": "Kënaqësia me institucionet, Kosovo Mosaic 2003–2015 (pjesa e të anketuarve)",
        "sr": "Zadovoljstvo institucijama, Kosovo Mosaic 2003–2015 (udeo ispitanika)",
        "en": "Satisfaction with institutions, Kosovo Mosaic 2003–2015 (share of respondents)",
    },
    "Satisfaction with Kosovo Police": {"sq": "Policia e Kosovës", "sr": "Kosovska policija",
                                        "en": "Kosovo Police"},
    "Satisfaction with Municipal Assembly": {"sq": "Kuvendi komunal", "sr": "Skupština opštine",
                                             "en": "Municipal Assembly"},
    "Satisfaction with the Mayor": {"sq": "Kryetari i komunës", "sr": "Predsednik opštine",
                                    "en": "Mayor"},
    "not_asked": {"sq": "Nuk ka të dhëna\npër këtë valë", "sr": "Nema podataka\nza ovaj talas",
                  "en": "Not in the data\nfor this wave"},
    "share": {"sq": "Pjesa e të kënaqurve", "sr": "Udeo zadovoljnih", "en": "Share satisfied"},
    "institutions_note": {
        "sq": "Perceptime nga anketa me mostra të vogla komunale (madhësia e mostrës nuk jepet): dallimet e vogla janë zhurmë. Para 2013 Mitrovica e pandarë ka një vlerë për jugun dhe veriun. Rreshti i zhvendosur i skedarit nuk përdoret.",
        "sr": "Percepcije iz ankete sa malim opštinskim uzorcima (veličina uzorka nije data): male razlike su šum. Pre 2013. nepodeljena Mitrovica ima jednu vrednost za jug i sever. Pomereni red datoteke nije korišćen.",
        "en": "Perceptions from a survey with small municipal samples (sample sizes not given): small differences are noise. Before 2013 the undivided Mitrovica has one value for south and north. The file's shifted row is not used.",
    },
    "security_title": {
        "sq": "Marrëdhëniet ndëretnike, liria e lëvizjes dhe siguria si problemi kryesor (Kosovo Mosaic)",
        "sr": "Međuetnički odnosi, sloboda kretanja i bezbednost kao glavni problem (Kosovo Mosaic)",
        "en": "Inter-ethnic relations, freedom of movement and security as the top problem (Kosovo Mosaic)",
    },
    "map_2015": {"sq": "Marrëdhëniet ndëretnike, 2015", "sr": "Međuetnički odnosi, 2015.",
                 "en": "Inter-ethnic relations, 2015"},
    "not_listed": {"sq": "Nuk është ndër problemet e raportuara", "sr": "Nije među navedenim problemima",
                   "en": "Not among the problems reported"},
    "share_naming": {"sq": "Pjesa që e përmend si problemin kryesor", "sr": "Udeo koji ga navodi kao glavni problem",
                     "en": "Share naming it the top problem"},
    "inter-ethnic relations": {"sq": "Marrëdhëniet ndëretnike", "sr": "Međuetnički odnosi",
                               "en": "Inter-ethnic relations"},
    "limited freedom of movement": {"sq": "Liri e kufizuar e lëvizjes", "sr": "Ograničena sloboda kretanja",
                                    "en": "Limited freedom of movement"},
    "lack of general or personal security": {"sq": "Mungesë sigurie të përgjithshme ose personale",
                                             "sr": "Nedostatak opšte ili lične bezbednosti",
                                             "en": "Lack of general or personal security"},
    "crime": {"sq": "Krimi", "sr": "Kriminal", "en": "Crime"},
    "security_note": {
        "sq": "Skedari jep vetëm problemet kryesore të raportuara për çdo komunë: një qelizë e zbrazët do të thotë 'nuk u raportua', jo zero. Në vitin 2015 nuk raportohet 'liria e lëvizjes' as 'siguria' për asnjë komunë.",
        "sr": "Datoteka daje samo glavne navedene probleme za svaku opštinu: prazna ćelija znači 'nije navedeno', a ne nulu. Za 2015. 'sloboda kretanja' i 'bezbednost' nisu navedeni ni za jednu opštinu.",
        "en": "The file gives only the main problems reported for each municipality: an empty cell means 'not reported', not zero. In 2015 neither 'freedom of movement' nor 'security' is reported for any municipality.",
    },
}

# ---------------------------------------------------------------------- drawing

def pre2008_map(data: pd.DataFrame, column: str, *, ax: "Axes", bins: list[float], lang: str,
                title: str | None = None, cmap: str = "OrRd", fmt: str = "{:.1f}",
                legend: bool = True, labels: bool = False) -> "Axes":
    """Choropleth of ``data[column]`` on the 30 pre-2008 municipalities (suppressed cells hatched)."""
    return choropleth(data, column, level="pre2008", ax=ax, bins=bins, lang=lang, title=title, cmap=cmap,
                      fmt=fmt, legend=legend, labels=labels, source_line=False,
                      legend_title=label("per_1000", lang, LABELS),
                      missing_label=label("suppressed", lang, LABELS))


def _rate_bins(values: pd.Series) -> list[float]:
    from ..plots import class_bins

    bins = class_bins(values.dropna().astype(float), "quantiles", 5)
    return [round(b, 2) if i < len(bins) - 1 else float(np.ceil(b * 100) / 100) for i, b in enumerate(bins)]


# ---------------------------------------------------------------------- figures

@figure("conflict_killed_disappeared_rates", notebook=NOTEBOOK,
        sources=["geoboundaries_adm2", KMB_SOURCE, POP_SOURCE])
def killed_disappeared_map(lang: str = "en") -> "Figure":
    """Killed and disappeared per 1,000 residents (1991) by pre-2008 municipality, two panels."""
    import matplotlib.pyplot as plt

    df = suppressed_rates()
    bins = _rate_bins(df["rate"])
    fig, axes = plt.subplots(1, 2, figsize=(12, 6.6))
    with deferred_drawing(fig):
        _draw_violation_panels(df, axes, bins, lang)
    fig.subplots_adjust(right=0.84)
    fig.suptitle(label("rates_title", lang, LABELS), fontsize=11)
    add_source_line(fig, _kmb_sources(lang), lang,
                    note=label("rates_note", lang, LABELS))
    return fig


def _draw_violation_panels(df, axes, bins, lang) -> None:
    for i, (ax, vio) in enumerate(zip(axes, ("killed", "disappeared"))):
        sub = df[df["violation"] == vio]
        pre2008_map(sub, "rate", ax=ax, bins=bins, lang=lang, title=label(vio, lang, LABELS),
                    legend=(i == 1), labels=True)


@figure("conflict_rates_by_community", notebook=NOTEBOOK,
        sources=["geoboundaries_adm2", KMB_SOURCE, POP_SOURCE])
def community_map(lang: str = "en") -> "Figure":
    """Killed + disappeared by community group of the victims, per 1,000 residents (1991)."""
    import matplotlib.pyplot as plt

    df = suppressed_rates(by=("community_group",))
    bins = _rate_bins(df["rate"])
    fig, axes = plt.subplots(2, 2, figsize=(11, 10.5))
    with deferred_drawing(fig):
        for i, (ax, grp) in enumerate(zip(axes.flat, COMMUNITY_GROUPS)):
            pre2008_map(df[df["community_group"] == grp], "rate", ax=ax, bins=bins, lang=lang,
                        title=label(grp, lang, LABELS), legend=(i == 1), fmt="{:.2f}")
    fig.subplots_adjust(right=0.82)
    fig.suptitle(label("community_title", lang, LABELS), fontsize=11)
    add_source_line(fig, _kmb_sources(lang), lang,
                    note=label("community_note", lang, LABELS) + "\n" + label("rates_note", lang, LABELS))
    return fig


@figure("conflict_osce_region_totals", notebook=NOTEBOOK, sources=[KMB_SOURCE, POP_SOURCE])
def region_totals_chart(lang: str = "en") -> "Figure":
    """Stacked bars: persons by OSCE region and violation, plus outside / unknown categories.

    Drawn from :func:`published_region_totals`: a suppressed cell has no bar
    segment of its own; where the row total is published, the suppressed
    cells together are drawn as one hatched segment.
    """
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    from ..plots.choropleth import MISSING_STYLE

    t = published_region_totals()
    reg_names = unit_names(lang, "osce_region")
    order = sorted([c for c in t["code"] if c in reg_names], key=lambda c: -t.set_index("code").loc[c, "total"])
    order += [c for c in ("outside_kosovo", "kosovo_place_unknown", "place_not_recorded") if c in set(t["code"])]
    t = t.set_index("code").loc[order]
    ticks = []
    for c in order:
        if c in reg_names:
            ticks.append(f"{reg_names[c]}\n({t.loc[c, 'rate_per_1000']:.1f})")
        else:
            ticks.append(label(c, lang, LABELS))
    fig, ax = plt.subplots(figsize=(10, 6.8))
    fig.subplots_adjust(left=0.22, right=0.95, top=0.92, bottom=0.3)
    left = np.zeros(len(order))
    colours = {"killed": "#b2182b", "disappeared": "#ef8a62", "war_caused_death": "#999999"}
    for vio in VIOLATIONS:
        vals = t[vio].astype("Float64").fillna(0).to_numpy(dtype=float)
        ax.barh(range(len(order)), vals, left=left, color=colours[vio], label=label(vio, lang, LABELS))
        left += vals
    total = t["total"].astype("Float64")
    hidden = (total.fillna(0).to_numpy(dtype=float) - left).clip(min=0)
    ax.barh(range(len(order)), hidden, left=left, **MISSING_STYLE)
    for i, tot in enumerate(total):
        if pd.isna(tot):
            text, x = f" < {THRESHOLD}", 0.0
        else:
            text, x = f" {int(tot):,}".replace(",", " " if lang != "en" else ","), float(tot)
        ax.text(x, i, text, va="center", fontsize=8)
    ax.set_yticks(range(len(order)), ticks, fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel(label("persons", lang, LABELS))
    ax.set_xlim(0, total.max() * 1.12)
    handles, _ = ax.get_legend_handles_labels()
    handles.append(Patch(**MISSING_STYLE, label=label("suppressed", lang, LABELS)))
    ax.legend(handles=handles, fontsize=8, loc="lower right")
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_title(label("regions_title", lang, LABELS), fontsize=11)
    add_source_line(fig, _kmb_sources(lang, boundaries=False), lang,
                    note=label("regions_note", lang, LABELS) + "\n" + label("rates_note", lang, LABELS))
    return fig


@figure("mosaic_institutions_small_multiples", notebook=NOTEBOOK, sources=["geoboundaries_adm2", "undp_mosaic"])
def institutions_small_multiples(lang: str = "en") -> "Figure":
    """Satisfaction with the Municipal Assembly, the Mayor and the Kosovo Police over the five waves."""
    import matplotlib.pyplot as plt

    data = mosaic.institutions()
    bins = [0.2, 0.4, 0.6, 0.8, 1.0]
    fig, axes = plt.subplots(len(INSTITUTIONS), len(WAVES), figsize=(15, 10))
    with deferred_drawing(fig):
        _draw_institution_grid(data, axes, bins, lang)
    fig.subplots_adjust(right=0.86)
    fig.suptitle(label("institutions_title", lang, LABELS), fontsize=12)
    add_source_line(fig, ["geoboundaries_adm2", "undp_mosaic"], lang, note=label("institutions_note", lang, LABELS))
    return fig


def _draw_institution_grid(data, axes, bins, lang) -> None:
    for r, ind in enumerate(INSTITUTIONS):
        for c, wave in enumerate(WAVES):
            ax = axes[r, c]
            m = mosaic.institution_map(ind, wave, data)
            if m.empty:
                ax.set_axis_off()
                ax.text(0.5, 0.5, label("not_asked", lang, LABELS), ha="center", va="center",
                        fontsize=9, color="#666666", transform=ax.transAxes)
            else:
                choropleth(m[["code", "share"]], "share", ax=ax, lang=lang, bins=bins, cmap="RdYlGn", fmt="{:.1f}",
                           legend=(r == 0 and c == len(WAVES) - 1), source_line=False,
                           legend_title=label("share", lang, LABELS))
                kos = m["kosovo_share"].dropna()
                if len(kos):
                    ax.text(0.02, 0.98, f"{label('kosovo', lang)}: {kos.iloc[0]:.2f}", transform=ax.transAxes,
                            fontsize=7, va="top")
            if r == 0:
                ax.set_title(str(wave), fontsize=10)
            if c == 0:
                ax.text(-0.08, 0.5, label(ind, lang, LABELS), rotation=90, ha="center", va="center",
                        fontsize=10, transform=ax.transAxes)


@figure("mosaic_security_top_problem", notebook=NOTEBOOK, sources=["geoboundaries_adm2", "undp_mosaic"])
def security_problem_chart(lang: str = "en") -> "Figure":
    """2015 map of inter-ethnic relations as top problem + dot chart of all security problems 2012/2015."""
    import matplotlib.pyplot as plt

    m15 = mosaic.problem_map("inter-ethnic relations", 2015)
    fig, (ax_map, ax_dot) = plt.subplots(1, 2, figsize=(15, 7.5), gridspec_kw={"width_ratios": [1, 1.1]})
    fig.subplots_adjust(left=0.02, right=0.78, wspace=0.45, bottom=0.2)
    with deferred_drawing(fig):
        choropleth(m15[["code", "share"]], "share", ax=ax_map, lang=lang, bins=[0.05, 0.1, 0.15, 0.2],
                   cmap="Purples", fmt="{:.2f}", source_line=False, title=label("map_2015", lang, LABELS),
                   legend_title=label("share_naming", lang, LABELS),
                   missing_label=label("not_listed", lang, LABELS))
    leg = ax_map.get_legend()  # moved below the map, in two columns
    texts = [t.get_text() for t in leg.texts]
    handles = leg.legend_handles
    leg.remove()
    ax_map.legend(handles, texts, title=label("share_naming", lang, LABELS), loc="upper left",
                  bbox_to_anchor=(0.0, 0.0), ncols=2, fontsize=7, title_fontsize=7)
    s = security_problems()
    muni = unit_names(lang, historic=True)
    regions = unit_names(lang, "osce_region")
    s["label"] = [f"{muni[c]} ({regions[r]})" for c, r in zip(s["code"], s["osce_region"])]
    rows = list(dict.fromkeys(s["label"]))
    colours = dict(zip(SECURITY_PROBLEMS, ("#6a3d9a", "#1f78b4", "#33a02c", "#e31a1c")))
    markers = {2012: "o", 2015: "s"}
    for (ind, yr), g in s.groupby(["indicator", "year"]):
        ax_dot.scatter(g["share"], [rows.index(x) for x in g["label"]], color=colours[ind],
                       marker=markers[yr], s=40, label=f"{label(ind, lang, LABELS)}, {yr}")
    ax_dot.set_yticks(range(len(rows)), rows, fontsize=8)
    ax_dot.invert_yaxis()
    ax_dot.set_xlim(0, max(0.3, float(s["share"].max()) * 1.1))
    ax_dot.set_xlabel(label("share_naming", lang, LABELS))
    ax_dot.grid(axis="x", color="#dddddd")
    ax_dot.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.02, 1.0))
    ax_dot.spines[["top", "right"]].set_visible(False)
    fig.suptitle(label("security_title", lang, LABELS), fontsize=12)
    add_source_line(fig, ["geoboundaries_adm2", "undp_mosaic"], lang, note=label("security_note", lang, LABELS))
    return fig
