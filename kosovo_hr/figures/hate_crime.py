"""Figures of notebook 04: hate incidents, national series (public data only).

Drawn from the cited table ``kosovo_hr/data/national/hate_incidents.csv``
through :mod:`kosovo_hr.indicators.hate_crime`.
Different producers and definitions (ODIHR incidents, Kosovo Police incidents
at religious sites, Serbian government counts) are separate measures, drawn
side by side and never added.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..indicators import hate_crime as ind
from ..indicators.hate_crime import ODIHR_TYPES, SITE_MEASURES
from ..plots import add_source_line
from ..plots.i18n import label
from ..plots.series import draw_counts, draw_other_values, style_year_axis, trend_text
from . import figure
from .trafficking import LABELS as TRAFFICKING_LABELS

if TYPE_CHECKING:
    from matplotlib.figure import Figure

NOTEBOOK = "04_hate_crime.ipynb"
SOURCE_ODIHR = f"{ind.SOURCE_TABLE} (OSCE/ODIHR Hate Crime Reporting, Kosovo, 2017-2024)"
SOURCE_SITES = (f"{ind.SOURCE_TABLE} (Kosovo Police and Government of Serbia figures as "
                "cited by RksNews, 27 Feb 2026)")

LABELS = {
    "odihr_title": {
        "sq": "Incidente urrejtjeje të raportuara te OSBE/ODIHR për Kosovën",
        "sr": "Incidenti iz mržnje prijavljeni OEBS/ODIHR za Kosovo",
        "en": "Hate incidents reported to OSCE/ODIHR for Kosovo",
    },
    "incidents": {"sq": "Incidente", "sr": "Incidenti", "en": "Incidents"},
    "incidents_total": {
        "sq": "Gjithsej (me interval 95%)", "sr": "Ukupno (sa intervalom 95%)", "en": "Total (with 95% interval)"},
    "violent_attacks_against_people": {
        "sq": "Sulme të dhunshme ndaj njerëzve", "sr": "Nasilni napadi na ljude",
        "en": "Violent attacks against people"},
    "threats": {"sq": "Kërcënime", "sr": "Pretnje", "en": "Threats"},
    "attacks_against_property": {"sq": "Sulme ndaj pronës", "sr": "Napadi na imovinu",
                                 "en": "Attacks against property"},
    "trend": {
        **TRAFFICKING_LABELS["trend"],
        "en": "Trend of totals {years}: {apc:+.1f}% a year (95%: {lo:+.1f}% to {hi:+.1f}%; {family}, population offset)",
    },
    "no_trend": TRAFFICKING_LABELS["no_trend"],
    "odihr_note": {
        "sq": "Për 2022 dhe 2023 ODIHR botoi vetëm llojet, jo totalin: nuk mblidhen këtu. Numri i organizatave "
              "raportuese ndryshon nga viti në vit. Asnjë shifër publike sipas komunës.",
        "sr": "Za 2022. i 2023. ODIHR je objavio samo vrste, ne ukupan broj: ovde se ne sabiraju. Broj "
              "organizacija koje prijavljuju menja se iz godine u godinu. Nema javnih brojki po opštinama.",
        "en": "For 2022 and 2023 ODIHR published types only, no total: they are not added up here. The number "
              "of reporting organisations changes from year to year. No public figures by municipality.",
    },
    "sites_title": {
        "sq": "Incidente në objekte të Kishës Ortodokse Serbe: dy burime, dy shifra",
        "sr": "Incidenti na objektima Srpske pravoslavne crkve: dva izvora, dve brojke",
        "en": "Incidents at Serbian Orthodox sites: two sources, two figures",
    },
    "kp_incidents_orthodox_sites": {"sq": "Policia e Kosovës", "sr": "Kosovska policija", "en": "Kosovo Police"},
    "serbia_claimed_incidents_orthodox_sites": {"sq": "Qeveria e Serbisë", "sr": "Vlada Srbije",
                                                "en": "Government of Serbia"},
    "cases": {"sq": "Raste", "sr": "Slučajevi", "en": "Cases"},
    "part_of_year": {"sq": "pjesë e vitit", "sr": "deo godine", "en": "part of the year"},
    "sites_note": {
        "sq": "Përkufizimet dhe mbulimi ndryshojnë mes burimeve; 2025: Policia janar-tetor. Burim dytësor "
              "(RksNews), me kornizim politik.",
        "sr": "Definicije i obuhvat se razlikuju među izvorima; 2025: policija januar-oktobar. Sekundarni izvor "
              "(RksNews), sa političkim okvirom.",
        "en": "Definitions and coverage differ between the sources; 2025: police figure Jan-Oct. Secondary "
              "source (RksNews) with a partisan framing.",
    },
}


@figure("hate_incidents_odihr", notebook=NOTEBOOK, sources=[ind.SOURCE_TABLE])
def odihr_incidents(lang: str) -> "Figure":
    """ODIHR totals per year with 95% intervals and trend; 2022-2023 by type (not added)."""
    import matplotlib.pyplot as plt

    tab = ind.odihr_series()
    tr = ind.odihr_trend()
    fig, ax = plt.subplots(figsize=(8, 4.8))
    draw_counts(ax, tab, color="#59a14f", name=label("incidents_total", lang, LABELS))
    colors = ["#e15759", "#f28e2b", "#76b7b2"]
    w = 0.25
    years = list(tab["year"])
    for k, (m, c) in enumerate(zip(ODIHR_TYPES, colors)):
        sub = ind.yearly(m)  # one figure per year, copies reported (never stacked or added)
        ax.bar(sub["year"].astype(float) + (k - 1) * w, sub["value"], width=w, color=c,
               label=label(m, lang, LABELS), zorder=2)
        draw_other_values(ax, sub, color=c, offset=(k - 1) * w)
        years += list(sub["year"])
    style_year_axis(ax, lang, years)
    ax.set_ylabel(label("incidents", lang, LABELS))
    ax.set_title(label("odihr_title", lang, LABELS) + "\n" + trend_text(tr, lang, LABELS), fontsize=10)
    ax.legend(fontsize=7, frameon=False, loc="upper right")
    ax.set_ylim(0, tab["value_upper"].max() * 1.15)
    fig.tight_layout(rect=(0, 0.1, 1, 1))
    add_source_line(fig, [SOURCE_ODIHR], lang, note=label("odihr_note", lang, LABELS))
    return fig


@figure("hate_orthodox_sites_sources", notebook=NOTEBOOK, sources=[ind.SOURCE_TABLE])
def orthodox_sites(lang: str) -> "Figure":
    """Kosovo Police vs Government of Serbia counts of incidents at Orthodox sites, 2023-2025."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 4.5))
    w = 0.35
    years: list[int] = []
    for k, (m, c) in enumerate(zip(SITE_MEASURES, ["#4e79a7", "#e15759"])):
        sub = ind.yearly(m)
        x = sub["year"].astype(float) + (k - 0.5) * w
        bars = ax.bar(x, sub["value"], width=w, color=c, label=label(m, lang, LABELS), zorder=2)
        ax.bar_label(bars, fmt="%.0f", fontsize=7)
        draw_other_values(ax, sub, color=c, offset=(k - 0.5) * w)
        years += list(sub["year"])
        # figures covering part of a year are not series values: drawn hatched, labelled as such
        part = ind.partial_year(m)
        if len(part):
            xp = part["year_end"].astype(float) + (k - 0.5) * w
            pbars = ax.bar(xp, part["value"], width=w, facecolor="white", edgecolor=c, hatch="///",
                           label=f"{label(m, lang, LABELS)} ({label('part_of_year', lang, LABELS)})", zorder=2)
            ax.bar_label(pbars, fmt="%.0f", fontsize=7)
            years += [int(y) for y in part["year_end"]]
    style_year_axis(ax, lang, years)
    ax.set_ylabel(label("cases", lang, LABELS))
    ax.set_title(label("sites_title", lang, LABELS), fontsize=10)
    ax.legend(fontsize=8, frameon=False)
    fig.tight_layout(rect=(0, 0.1, 1, 1))
    add_source_line(fig, [SOURCE_SITES], lang, note=label("sites_note", lang, LABELS))
    return fig
