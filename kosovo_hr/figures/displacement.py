"""Figures of notebook 03: displacement and returns, national figures (public data only).

Drawn from the cited table ``kosovo_hr/data/national/displacement.csv``
through :mod:`kosovo_hr.indicators.displacement`. IDP
numbers are stocks (estimates or registrations at a date), drawn without
intervals: a Poisson interval describes chance variation of event counts, not
the uncertainty of an estimated stock. Returns are yearly counts of persons
and carry exact Poisson 95% limits where the figure is exact.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ..indicators import displacement as ind
from ..indicators.displacement import RETURNS, STOCKS_KOSOVO, STOCKS_SERBIA, returns_table
from ..plots import add_source_line
from ..plots.i18n import label
from ..plots.series import draw_other_values, style_year_axis
from . import figure

if TYPE_CHECKING:
    from matplotlib.figure import Figure

NOTEBOOK = "03_displacement.ipynb"
SOURCE = (f"{ind.SOURCE_TABLE} (UNHCR; IDMC; UNMIK; Ministry for Communities and Returns; "
          "Commissariat for Refugees and Migration of Serbia)")

LABELS = {
    "idps_title": {
        "sq": "Të zhvendosur brenda vendit (IDP): në Kosovë dhe nga Kosova në Serbi",
        "sr": "Interno raseljena lica (IRL): na Kosovu i sa Kosova u Srbiji",
        "en": "Internally displaced persons (IDPs): in Kosovo, and from Kosovo in Serbia",
    },
    "in_kosovo": {"sq": "Brenda Kosovës", "sr": "Unutar Kosova", "en": "Inside Kosovo"},
    "in_serbia": {"sq": "Nga Kosova, në Serbi", "sr": "Sa Kosova, u Srbiji", "en": "From Kosovo, in Serbia"},
    "persons": {"sq": "Persona", "sr": "Osobe", "en": "Persons"},
    "idps_in_kosovo": {"sq": "IDP në Kosovë (UNHCR/IDMC)", "sr": "IRL na Kosovu (UNHCR/IDMC)",
                       "en": "IDPs in Kosovo (UNHCR/IDMC)"},
    "idps_in_kosovo_collective_centres": {"sq": "Në qendra kolektive", "sr": "U kolektivnim centrima",
                                          "en": "In collective centres"},
    "idps_from_kosovo_registered_in_serbia": {"sq": "Të regjistruar (Komesariati i Serbisë)",
                                              "sr": "Registrovani (Komesarijat Srbije)",
                                              "en": "Registered (Serbia's Commissariat)"},
    "idps_from_kosovo_in_serbia": {"sq": "IDP nga Kosova në Serbi (IDMC/Komesariati)",
                                   "sr": "IRL sa Kosova u Srbiji (IDMC/Komesarijat)",
                                   "en": "IDPs from Kosovo in Serbia (IDMC/Commissariat)"},
    "idps_from_kosovo_in_serbia_govt": {"sq": "Qeveria e Serbisë (qershor 2014)", "sr": "Vlada Srbije (jun 2014)",
                                        "en": "Government of Serbia (June 2014)"},
    "idps_in_serbia_with_displacement_needs": {"sq": "Me nevoja nga zhvendosja (IDMC)",
                                               "sr": "Sa potrebama usled raseljenja (IDMC)",
                                               "en": "With displacement-related needs (IDMC)"},
    "idps_note": {
        "sq": "Numra të vlerësuar ose të regjistruar në një datë; pa interval. Përkufizimet ndryshojnë "
              "(të regjistruar kundrejt me nevoja). Shifrat pa vit nuk tregohen. Asnjë shifër publike sipas komunës.",
        "sr": "Procenjeni ili registrovani brojevi na određeni datum; bez intervala. Definicije se razlikuju "
              "(registrovani naspram sa potrebama). Brojke bez godine nisu prikazane. Nema javnih brojki po opštinama.",
        "en": "Estimated or registered numbers at a date; no interval. Definitions differ (registered vs "
              "with needs). Undated figures not shown. No public figures by municipality.",
    },
    "returns_title": {
        "sq": "Kthimet në Kosovë sipas vitit, sipas burimit dhe përkufizimit",
        "sr": "Povratak na Kosovo po godini, po izvoru i definiciji",
        "en": "Returns to Kosovo by year, by source and definition",
    },
    "minority_voluntary_returns": {"sq": "Kthime vullnetare të pakicave (UNHCR)",
                                   "sr": "Dobrovoljni povratak manjina (UNHCR)",
                                   "en": "Minority voluntary returns (UNHCR)"},
    "idp_returns": {"sq": "Kthime të IDP (UNHCR përmes IDMC)", "sr": "Povratak IRL (UNHCR preko IDMC)",
                    "en": "IDP returns (UNHCR via IDMC)"},
    "returns": {"sq": "Kthime (UNHCR)", "sr": "Povratak (UNHCR)", "en": "Returns (UNHCR)"},
    "displaced_returned_MCR": {"sq": "Të kthyer (Ministria për Komunitete dhe Kthim)",
                               "sr": "Vraćeni (Ministarstvo za zajednice i povratak)",
                               "en": "Returned (Ministry for Communities and Returns)"},
    "idp_returns_within_kosovo": {"sq": "Kthime të IDP brenda Kosovës (UNHCR)",
                                  "sr": "Povratak IRL unutar Kosova (UNHCR)",
                                  "en": "Returns of IDPs within Kosovo (UNHCR)"},
    "returns_note": {
        "sq": "Çdo seri është një përkufizim tjetër; nuk mblidhen. Intervale 95% Poisson të sakta. Shifrat për "
              "pjesë të vitit (2014, 2018, 2019) nuk tregohen.",
        "sr": "Svaka serija je druga definicija; ne sabiraju se. Tačni Poisson intervali 95%. Brojke za deo "
              "godine (2014, 2018, 2019) nisu prikazane.",
        "en": "Each series is a different definition; they are not added. Exact Poisson 95% intervals. "
              "Part-year figures (2014, 2018, 2019) not shown.",
    },
}

MARKERS = {"exact": "o", "approx": "o", "estimate": "^", "lower_bound": "^"}


@figure("displacement_idps", notebook=NOTEBOOK, sources=[ind.SOURCE_TABLE])
def idps(lang: str) -> "Figure":
    """IDP stocks: inside Kosovo (2000-2015) and from Kosovo in Serbia (2000-2015), by source."""
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 2, figsize=(10, 4.6))
    colors = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759"]
    for ax, measures, key in ((axes[0], STOCKS_KOSOVO, "in_kosovo"), (axes[1], STOCKS_SERBIA, "in_serbia")):
        years: list[int] = []
        rows = ind.stocks(measures)
        for m, c in zip(measures, colors):
            sub = rows[m]
            for q, grp in sub.groupby("qualifier"):
                ax.scatter(grp["year_end"].astype(int), grp["value"], color=c, marker=MARKERS[q],
                           facecolors="none" if q != "exact" else c, s=36, zorder=3)
            srt = sub.sort_values("year_end")
            ax.plot(srt["year_end"].astype(int), srt["value"], color=c, lw=0.8, alpha=0.6,
                    label=label(m, lang, LABELS))
            years += list(sub["year_end"].astype(int))
        ax.set_title(label(key, lang, LABELS), fontsize=9)
        ax.set_ylim(0, None)
        ax.yaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:,.0f}".replace(",", " ")))
        style_year_axis(ax, lang, [y for y in years if y % 5 == 0 or y == max(years)])
        ax.set_ylabel(label("persons", lang, LABELS))
        ax.legend(fontsize=6.5, frameon=False, loc="lower left")
    fig.suptitle(label("idps_title", lang, LABELS), fontsize=10)
    fig.tight_layout(rect=(0, 0.1, 1, 0.97))
    add_source_line(fig, [SOURCE], lang, note=label("idps_note", lang, LABELS))
    return fig


@figure("displacement_returns", notebook=NOTEBOOK, sources=[ind.SOURCE_TABLE])
def returns(lang: str) -> "Figure":
    """Returns per year by definition and producer, with exact Poisson 95% intervals."""
    import matplotlib.pyplot as plt

    tab = returns_table()
    fig, ax = plt.subplots(figsize=(8, 4.6))
    colors = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#b07aa1"]
    offsets = np.linspace(-0.24, 0.24, len(RETURNS))
    for m, c, off in zip(RETURNS, colors, offsets):
        sub = tab[tab["measure"] == m]
        x = sub["year"].to_numpy(float) + off
        y = sub["value"].to_numpy(float)
        err = np.vstack([y - sub["value_lower"].to_numpy(float), sub["value_upper"].to_numpy(float) - y])
        ax.errorbar(x, y, yerr=np.nan_to_num(err), fmt="o", color=c, capsize=3, ms=5,
                    mfc=c if (sub["qualifier"] == "exact").all() else "none", label=label(m, lang, LABELS))
        draw_other_values(ax, sub, color=c, offset=off)
    style_year_axis(ax, lang, tab["year"])
    ax.set_ylim(0, None)
    ax.set_ylabel(label("persons", lang, LABELS))
    ax.set_title(label("returns_title", lang, LABELS), fontsize=10)
    ax.legend(fontsize=7, frameon=False)
    fig.tight_layout(rect=(0, 0.1, 1, 1))
    add_source_line(fig, [SOURCE], lang, note=label("returns_note", lang, LABELS))
    return fig
