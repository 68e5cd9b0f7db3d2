"""Figures of notebook 05: minority participation in elections, 2001–2025.

Drawing only: the tables come from :mod:`kosovo_hr.indicators.participation`.
Vote shares of parties classified as representing a non-majority community
(cited table ``kosovo_hr/data/parties/subjects.csv``), from the election
results of source ``zgjedhjet_info``.  Elections of 2001–2007 were held on
the 30 pre-2008 municipalities and 2010 on 37 (Mitrovica undivided): their
shares are painted over every current polygon of the old unit (the share is
that of the whole unit).  Every figure states the share of votes that could
not be classified.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

from ..indicators.participation import PARTY_TABLE, on_current_map, participation, region_shares
from ..plots.i18n import check_lang, label, unit_names
from ..plots.sources_line import add_source_line
from . import figure

if TYPE_CHECKING:
    from matplotlib.figure import Figure

NOTEBOOK = "05_minority_participation.ipynb"
SOURCES = ["zgjedhjet_info", PARTY_TABLE, "geoboundaries_adm2"]
#: Fixed class bounds (percent) shared by every panel.
SHARE_BINS = [1, 5, 10, 25, 50, 75, 100]

LABELS = {
    "parl_title": {
        "sq": "Votat për partitë e komuniteteve joshumicë, zgjedhjet parlamentare sipas komunës (%)",
        "sr": "Glasovi za stranke nevećinskih zajednica, parlamentarni izbori po opštinama (%)",
        "en": "Votes for non-majority community parties, parliamentary elections by municipality (%)",
    },
    "seats_title": {
        "sq": "Ulëset e partive të komuniteteve joshumicë në kuvendet komunale, 2017 dhe 2025 (%)",
        "sr": "Mesta stranaka nevećinskih zajednica u opštinskim skupštinama, 2017. i 2025. (%)",
        "en": "Seats of non-majority community parties in municipal assemblies, 2017 and 2025 (%)",
    },
    "trend_title": {
        "sq": "Votat për partitë e komuniteteve joshumicë sipas rajonit të OSBE-së, zgjedhjet parlamentare",
        "sr": "Glasovi za stranke nevećinskih zajednica po regionima OEBS-a, parlamentarni izbori",
        "en": "Votes for non-majority community parties by OSCE region, parliamentary elections",
    },
    "share": {"sq": "% e votave të vlefshme", "sr": "% važećih glasova", "en": "% of valid votes"},
    "seat_share": {"sq": "% e ulëseve", "sr": "% mesta", "en": "% of seats"},
    "unclassified_band": {
        "sq": "brezi: + votat e paklasifikuara", "sr": "pojas: + neklasifikovani glasovi",
        "en": "band: + unclassified votes"},
    "map_note": {
        "sq": ("2001–2007: 30 komunat e para 2008 (vlera e njësisë së vjetër në të gjitha komunat e saj të sotme); "
               "2010: Mitrovica e pandarë. Bojkotet në komunat me shumicë serbe i bëjnë numrat e vegjël atje "
               "të pakrahasueshëm. Klasifikimi i partive: tabelë e cituar; pjesa e paklasifikuar raportohet."),
        "sr": ("2001–2007: 30 opština pre 2008. (vrednost stare jedinice na svim današnjim opštinama); "
               "2010: nepodeljena Mitrovica. Bojkoti u opštinama sa srpskom većinom čine male brojeve tamo "
               "neuporedivim. Klasifikacija stranaka: citirana tabela; neklasifikovani udeo se navodi."),
        "en": ("2001–2007: the 30 pre-2008 municipalities (the old unit's value on all its current "
               "municipalities); 2010: Mitrovica undivided. Boycotts in Serb-majority municipalities make small "
               "counts there incomparable. Party classification: cited table; the unclassified share is reported."),
    },
    "seats_note": {
        "sq": ("2025: Zubin Potoku mungon në burim. Vushtrria 2025: dy rreshta partish serbe me përqindje që nuk "
               "përputhen me votat e Vushtrrisë (ndoshta të një komune tjetër) dhe madhësi kuvendi 15 kundrejt 33 "
               "ulëseve të listuara; treguar siç janë në burim."),
        "sr": ("2025: Zubin Potok nedostaje u izvoru. Vučitrn 2025: dva reda srpskih stranaka sa procentima koji ne "
               "odgovaraju glasovima Vučitrna (verovatno druge opštine) i veličina skupštine 15 naspram 33 navedena "
               "mesta; prikazano kako stoji u izvoru."),
        "en": ("2025: Zubin Potok is missing from the source. Vushtrri 2025: two Serb-party rows whose shares do not "
               "fit Vushtrri's votes (probably another municipality's) and an assembly size of 15 against 33 seats "
               "listed; shown as in the source."),
    },
    "unclassified_max": {
        "sq": "Pjesa më e madhe e votave të paklasifikuara në një komunë: {:.1f}%",
        "sr": "Najveći neklasifikovani udeo glasova u jednoj opštini: {:.1f}%",
        "en": "Largest unclassified vote share in one municipality: {:.1f}%",
    },
    "unclassified_seats_max": {
        "sq": "Pjesa më e madhe e ulëseve të paklasifikuara në një komunë: {:.1f}%",
        "sr": "Najveći neklasifikovani udeo mesta u jednoj opštini: {:.1f}%",
        "en": "Largest unclassified seat share in one municipality: {:.1f}%",
    },
    "local_assembly_2017": {"sq": "Kuvendi komunal 2017", "sr": "Opštinska skupština 2017.",
                            "en": "Municipal assembly 2017"},
    "local_assembly_2025": {"sq": "Kuvendi komunal 2025", "sr": "Opštinska skupština 2025.",
                            "en": "Municipal assembly 2025"},
    "feb": {"sq": "shkurt", "sr": "februar", "en": "Feb"},
    "dec": {"sq": "dhjetor", "sr": "decembar", "en": "Dec"},
}


def election_title(eid: str, lang: str) -> str:
    """Short panel title of an election in ``lang``."""
    if eid.startswith("local_assembly"):
        return label(eid, lang, LABELS)
    year = eid.split("_")[1]
    if eid.endswith("_02"):
        return f"{year} ({label('feb', lang, LABELS)})"
    if eid.endswith("_12"):
        return f"{year} ({label('dec', lang, LABELS)})"
    return year


def _participation(kind: str) -> pd.DataFrame:
    return participation(type=kind)


@figure("participation_parliamentary_maps", notebook=NOTEBOOK, sources=SOURCES)
def parliamentary_maps(lang: str) -> "Figure":
    """Small multiples: non-majority community parties' vote share, each parliamentary election."""
    from ..plots import small_multiples

    check_lang(lang)
    p = _participation("parliamentary")
    m = on_current_map(p, "non_majority_vote_share")
    order = list(dict.fromkeys(p.sort_values("date")["election"]))
    m["panel"] = m["election"].map({e: i for i, e in enumerate(order)})
    titles = {i: election_title(e, lang) for i, e in enumerate(order)}
    note = label("map_note", lang, LABELS) + " " + label("unclassified_max", lang, LABELS).format(
        float(p["unclassified_vote_share"].max()))
    return small_multiples(m, "non_majority_vote_share", "panel", ncols=5, bins=SHARE_BINS, lang=lang,
                           title=label("parl_title", lang, LABELS), facet_titles=titles,
                           legend_title=label("share", lang, LABELS), sources=SOURCES, note=note,
                           cmap="PuBu", fmt="{:.0f}", panel_size=2.6)


@figure("participation_local_seats", notebook=NOTEBOOK, sources=SOURCES)
def local_seats(lang: str) -> "Figure":
    """Two maps: non-majority community parties' seat share in municipal assemblies, 2017 vs 2025."""
    from ..plots import small_multiples

    check_lang(lang)
    p = _participation("local_assembly")
    m = on_current_map(p, "non_majority_seat_share")
    titles = {e: label(e, lang, LABELS) for e in m["election"].unique()}
    note = label("seats_note", lang, LABELS) + " " + label("unclassified_seats_max", lang, LABELS).format(
        float(p["unclassified_seat_share"].max()))
    return small_multiples(m, "non_majority_seat_share", "election", ncols=2, bins=SHARE_BINS, lang=lang,
                           title=label("seats_title", lang, LABELS), facet_titles=titles,
                           legend_title=label("seat_share", lang, LABELS), sources=SOURCES, note=note,
                           cmap="PuBu", fmt="{:.0f}", panel_size=3.6)


@figure("participation_region_trends", notebook=NOTEBOOK, sources=["zgjedhjet_info", PARTY_TABLE])
def region_trends(lang: str) -> "Figure":
    """Lines: non-majority vote share by OSCE region and Kosovo over parliamentary elections.

    The shaded band adds the unclassified votes: the true share lies inside it.
    """
    import matplotlib.pyplot as plt

    check_lang(lang)
    reg = region_shares("parliamentary")
    reg["when"] = pd.to_datetime(reg["date"])
    disp = unit_names(lang, "osce_region")
    disp["kosovo"] = label("kosovo", lang)
    fig, ax = plt.subplots(figsize=(9, 5.5))
    colours = plt.get_cmap("tab10")
    for i, (code, g) in enumerate(sorted(reg.groupby("code"), key=lambda kv: kv[0] == "kosovo")):
        g = g.sort_values("when")
        y = g["non_majority_vote_share"].astype(float)
        hi = y + g["unclassified_vote_share"].astype(float)
        style: dict[str, Any] = (dict(color="black", linewidth=2.4) if code == "kosovo"
                                 else dict(color=colours(i), linewidth=1.5))
        ax.plot(g["when"], y, marker="o", markersize=3, label=disp[code], **style)
        ax.fill_between(g["when"], y, hi, color=style["color"], alpha=0.15, linewidth=0)
    ax.set_ylabel(label("share", lang, LABELS))
    ax.set_xlabel(label("year", lang))
    ax.set_ylim(bottom=0)
    ax.set_title(label("trend_title", lang, LABELS), fontsize=11)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8, title=label("unclassified_band", lang, LABELS), title_fontsize=7,
              loc="upper left", bbox_to_anchor=(1.0, 1.0))
    fig.subplots_adjust(right=0.75, bottom=0.2)
    add_source_line(fig, ["zgjedhjet_info", PARTY_TABLE], lang, note=label("map_note", lang, LABELS))
    return fig
