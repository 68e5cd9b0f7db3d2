"""Figures of notebook 02: trafficking in human beings, national series (public data only).

Every figure is drawn from the cited table ``kosovo_hr/data/national/trafficking.csv``
(one source per row), through :mod:`kosovo_hr.indicators.trafficking`. Figures
from different producers are drawn side by side, never added. The drawing
helpers shared with the hate-crime and displacement figures live in
:mod:`kosovo_hr.plots.series`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..indicators import trafficking as ind
from ..indicators.trafficking import FORMS
from ..plots import add_source_line
from ..plots.i18n import label
from ..plots.series import FAMILY, draw_counts, draw_other_values, style_year_axis
from ..plots.series import trend_text as _trend_text
from . import figure

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["LABELS", "FAMILY", "FORMS", "trend_text", "draw_counts", "draw_other_values", "style_year_axis",
           "victims_identified", "victims_by_form"]

NOTEBOOK = "02_trafficking.ipynb"
SOURCE = (f"{ind.SOURCE_TABLE} (US Department of State, Trafficking in Persons reports 2017, "
          "2020-2022; Ministry of Internal Affairs and Kosovo Police figures as reported by Insajderi "
          "and KosovaPress)")

LABELS = {
    "victims_title": {
        "sq": "Viktima të trafikimit të identifikuara në Kosovë, sipas vitit",
        "sr": "Identifikovane žrtve trgovine ljudima na Kosovu, po godini",
        "en": "Victims of trafficking identified in Kosovo, by year",
    },
    "victims_axis": {"sq": "Viktima të identifikuara", "sr": "Identifikovane žrtve", "en": "Victims identified"},
    "tip": {
        "sq": "Raporti TIP i DASH (të dhëna të qeverisë), me interval 95%",
        "sr": "Izveštaj TIP Stejt departmenta (podaci vlade), sa intervalom 95%",
        "en": "US State Dept TIP report (government data), with 95% interval",
    },
    "mia": {
        "sq": "Ministria e Punëve të Brendshme (2018 ndoshta vit i pjesshëm)",
        "sr": "Ministarstvo unutrašnjih poslova (2018 možda deo godine)",
        "en": "Ministry of Internal Affairs (2018 possibly a partial year)",
    },
    "kp": {
        "sq": "Policia e Kosovës (vajza viktima, 2022)",
        "sr": "Kosovska policija (devojčice žrtve, 2022)",
        "en": "Kosovo Police (girls identified as victims, 2022)",
    },
    "trend": {
        "sq": "Prirja {years}: {apc:+.1f}% në vit (95%: {lo:+.1f}% deri {hi:+.1f}%; {family}, me popullsinë si offset)",
        "sr": "Trend {years}: {apc:+.1f}% godišnje (95%: {lo:+.1f}% do {hi:+.1f}%; {family}, sa stanovništvom kao offset)",
        "en": "Trend {years}: {apc:+.1f}% a year (95%: {lo:+.1f}% to {hi:+.1f}%; {family}, population offset)",
    },
    "no_trend": {
        "sq": "Shumë pak vite për një prirje ({reason})",
        "sr": "Premalo godina za trend ({reason})",
        "en": "Too few years for a trend ({reason})",
    },
    "victims_note": {
        "sq": "Shifrat e burimeve të ndryshme tregohen krah për krah, pa u mbledhur. Pa shifër TIP për 2017. "
              "Shifrat për pjesë të vitit (2007, 2019 jan-shtator) nuk tregohen. Asnjë shifër publike sipas komunës.",
        "sr": "Brojke različitih izvora prikazane su jedna pored druge, bez sabiranja. Nema brojke TIP za 2017. "
              "Brojke za deo godine (2007, 2019 jan-sept) nisu prikazane. Nema javnih brojki po opštinama.",
        "en": "Figures from different sources are shown side by side, never added. No TIP figure for 2017. "
              "Part-year figures (2007, 2019 Jan-Sep) not shown. No public figures by municipality.",
    },
    "forms_title": {
        "sq": "Viktima të identifikuara sipas formës së shfrytëzimit (raportet TIP)",
        "sr": "Identifikovane žrtve po obliku eksploatacije (izveštaji TIP)",
        "en": "Victims identified by form of exploitation (TIP reports)",
    },
    "victims_sex_trafficking": {"sq": "Trafikim seksual", "sr": "Seksualna eksploatacija",
                                "en": "Sex trafficking"},
    "victims_forced_labor": {"sq": "Punë e detyruar", "sr": "Prinudni rad", "en": "Forced labour"},
    "victims_forced_begging": {"sq": "Lypje e detyruar", "sr": "Prinudno prosjačenje", "en": "Forced begging"},
    "victims_identified": {"sq": "Gjithsej të identifikuara", "sr": "Ukupno identifikovanih",
                           "en": "Total identified"},
    "forms_note": {
        "sq": "Format nuk mblidhen gjithmonë në totalin (p.sh. 2018: edhe 1 rast skllavërie). Pa ndarje para 2018.",
        "sr": "Oblici se ne sabiraju uvek u ukupan broj (npr. 2018: i 1 slučaj ropstva). Bez podele pre 2018.",
        "en": "Forms do not always add up to the total (e.g. 2018: also 1 case of slavery). No breakdown before 2018.",
    },
    "persons": {"sq": "Persona", "sr": "Osobe", "en": "Persons"},
}

def trend_text(trend: dict, lang: str, labels: dict = LABELS) -> str:
    """One line describing a :func:`kosovo_hr.indicators.national.national_trend` result in ``lang``."""
    return _trend_text(trend, lang, labels)


# --- figures ---------------------------------------------------------------------------------

@figure("trafficking_victims_identified", notebook=NOTEBOOK, sources=[ind.SOURCE_TABLE])
def victims_identified(lang: str) -> "Figure":
    """Victims identified per year: TIP series with 95% intervals and trend; other producers beside it."""
    import matplotlib.pyplot as plt

    df = ind.published()
    tab = ind.victims_series()
    tr = ind.victims_trend()
    other = ind.other_producers()
    fig, ax = plt.subplots(figsize=(8, 4.8))
    draw_counts(ax, tab, color="#4e79a7", name=label("tip", lang, LABELS))
    others = [("victims_identified_MIA", "mia", "D", "#e15759"), ("victims_identified_KP", "kp", "s", "#f28e2b")]
    years = list(tab["year"])
    for measure, key, marker, color in others:
        sub = other[other["measure"] == measure]
        ax.scatter(sub["year_end"].astype(float) + 0.25, sub["value"], marker=marker, s=40, color=color,
                   label=label(key, lang, LABELS), zorder=4)
        years += list(sub["year_end"].astype(int))
    style_year_axis(ax, lang, years)
    ax.set_ylabel(label("victims_axis", lang, LABELS))
    ax.set_title(label("victims_title", lang, LABELS) + "\n" + trend_text(tr, lang), fontsize=10)
    ax.legend(fontsize=7, frameon=False, loc="upper right")
    ax.set_ylim(0, max(tab["value_upper"].max(), df["value"][df["measure"].isin(["victims_identified_MIA"])].max()) * 1.25)
    fig.tight_layout(rect=(0, 0.1, 1, 1))
    add_source_line(fig, [SOURCE], lang, note=label("victims_note", lang, LABELS))
    return fig


@figure("trafficking_victims_by_form", notebook=NOTEBOOK, sources=[ind.SOURCE_TABLE])
def victims_by_form(lang: str) -> "Figure":
    """Victims identified by form of exploitation, 2018-2021 (TIP), next to the total."""
    import matplotlib.pyplot as plt

    tip = ind.tip_rows()
    forms = ind.forms_by_year()  # one figure per year; a repeated figure is not added
    years = sorted(tip.loc[tip["measure"].isin(FORMS), "year_end"].astype(int).unique())
    fig, ax = plt.subplots(figsize=(8, 4.5))
    colors = ["#4e79a7", "#f28e2b", "#59a14f"]
    w = 0.2
    for k, (m, c) in enumerate(zip(FORMS, colors)):
        sub = forms[m]
        ax.bar(sub["year"].astype(float) + (k - 1) * w, sub["value"], width=w, color=c,
               label=label(m, lang, LABELS), zorder=2)
        draw_other_values(ax, sub, color=c, offset=(k - 1) * w)
    tot = ind.tip_totals(years)
    ax.scatter(tot["year"].astype(float) + 2 * w, tot["value"], marker="_", s=300, color="#222222",
               linewidths=2, label=label("victims_identified", lang, LABELS), zorder=3)
    draw_other_values(ax, tot, color="#222222", offset=2 * w)
    style_year_axis(ax, lang, years)
    ax.set_ylabel(label("persons", lang, LABELS))
    ax.set_title(label("forms_title", lang, LABELS), fontsize=10)
    ax.legend(fontsize=7, frameon=False)
    fig.tight_layout(rect=(0, 0.1, 1, 1))
    add_source_line(fig, [SOURCE], lang, note=label("forms_note", lang, LABELS))
    return fig
