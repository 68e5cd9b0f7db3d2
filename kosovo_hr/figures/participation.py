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

from typing import TYPE_CHECKING

import pandas as pd

from ..indicators.participation import PARTY_TABLE, on_current_map, participation, region_shares
from ..plots import format_number, month_name
from ..plots.i18n import check_lang, label, unit_names
from ..plots.sources_line import add_source_line
from ..plots.style import PRINT_WIDTH_IN
from . import figure

if TYPE_CHECKING:
    from matplotlib.figure import Figure

NOTEBOOK = "05_minority_participation.ipynb"
SOURCES = ["zgjedhjet_info", PARTY_TABLE, "geoboundaries_adm2"]
#: Fixed class bounds (percent) shared by every panel.
SHARE_BINS = [1, 5, 10, 25, 50, 75, 100]


def election_title(eid: str, lang: str, short: bool = False) -> str:
    """Short panel title of an election in ``lang`` (``short``: year and abbreviated month on two lines)."""
    if eid.startswith("local_assembly"):
        return label(f"participation.{eid}", lang)
    parts = eid.split("_")
    year = parts[1]
    if len(parts) > 2:  # two elections in one year: the month tells them apart
        if short:
            return f"{year}\n{month_name(int(parts[2]), lang, 'abbreviated')}"
        return f"{year} ({month_name(int(parts[2]), lang)})"
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
    titles = {i: election_title(e, lang, short=True).replace("\n", " ") for i, e in enumerate(order)}
    note = (
        label("participation.map_note", lang)
        + " "
        + label("participation.unclassified_max", lang).format(
            share=format_number(float(p["unclassified_vote_share"].max()), lang, 1)
        )
    )
    return small_multiples(
        m,
        "non_majority_vote_share",
        "panel",
        ncols=4,
        bins=SHARE_BINS,
        lang=lang,
        title=label("participation.parl_title", lang),
        facet_titles=titles,
        legend_title=label("participation.share", lang),
        sources=SOURCES,
        note=note,
        cmap="PuBu",
        fmt="{:.0f}",
    )


@figure("participation_local_seats", notebook=NOTEBOOK, sources=SOURCES)
def local_seats(lang: str) -> "Figure":
    """Two maps: non-majority community parties' seat share in municipal assemblies, 2017 vs 2025."""
    from ..plots import small_multiples

    check_lang(lang)
    p = _participation("local_assembly")
    m = on_current_map(p, "non_majority_seat_share")
    titles = {e: label(f"participation.{e}", lang) for e in m["election"].unique()}
    note = (
        label("participation.seats_note", lang)
        + " "
        + label("participation.unclassified_seats_max", lang).format(
            share=format_number(float(p["unclassified_seat_share"].max()), lang, 1)
        )
    )
    return small_multiples(
        m,
        "non_majority_seat_share",
        "election",
        ncols=2,
        bins=SHARE_BINS,
        lang=lang,
        title=label("participation.seats_title", lang),
        facet_titles=titles,
        legend_title=label("participation.seat_share", lang),
        sources=SOURCES,
        note=note,
        cmap="PuBu",
        fmt="{:.0f}",
    )


@figure("participation_region_trends", notebook=NOTEBOOK, sources=["zgjedhjet_info", PARTY_TABLE])
def region_trends(lang: str) -> "Figure":
    """Lines: non-majority vote share by OSCE region and Kosovo over parliamentary elections.

    The shaded band adds the unclassified votes: the true share lies inside it.
    """
    import matplotlib.pyplot as plt

    from ..plots.charts import trend_lines

    check_lang(lang)
    reg = region_shares("parliamentary")
    reg["when"] = pd.to_datetime(reg["date"])
    reg["share"] = reg["non_majority_vote_share"].astype(float)
    reg["upper"] = reg["share"] + reg["unclassified_vote_share"].astype(float)
    disp = unit_names(lang, "osce_region")
    disp["kosovo"] = label("kosovo", lang)
    codes = sorted(c for c in reg["code"].unique() if c != "kosovo") + ["kosovo"]
    fig, ax = plt.subplots(figsize=(PRINT_WIDTH_IN, 3.6))
    trend_lines(
        ax,
        reg,
        x="when",
        y="share",
        hue="code",
        lower="share",
        upper="upper",
        labels=disp,
        hue_order=codes,
        emphasis="kosovo",
    )
    ax.set_ylabel(label("participation.share", lang))
    ax.set_ylim(bottom=0)
    ax.set_title(label("participation.trend_title", lang), loc="left")
    ax.grid(axis="y")
    ax.legend(
        title=label("participation.unclassified_band", lang),
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
        alignment="left",
    )
    add_source_line(fig, ["zgjedhjet_info", PARTY_TABLE], lang, note=label("participation.map_note", lang))
    return fig


@figure("participation_heatmap", notebook=NOTEBOOK, sources=["zgjedhjet_info", PARTY_TABLE])
def participation_heatmap(lang: str) -> "Figure":
    """Heatmap (seaborn): non-majority community parties' vote share, municipality x parliamentary election.

    Municipalities are grouped by OSCE region; 2001-2007 and 2010 values are
    those of the old unit, repeated on each of its current municipalities.
    Missing cells (no result for that municipality) stay blank.
    """
    import matplotlib.pyplot as plt

    from ..plots.charts import heatmap
    from ..plots.i18n import region_labels

    check_lang(lang)
    p = _participation("parliamentary")
    m = on_current_map(p, "non_majority_vote_share")
    order = list(dict.fromkeys(p.sort_values("date")["election"]))
    rows = region_labels(m["code"].unique(), lang)
    wide = m.pivot(index="code", columns="election", values="non_majority_vote_share").reindex(
        index=list(rows), columns=order
    )
    wide.index = list(rows.values())
    wide.columns = [election_title(e, lang, short=True) for e in order]
    fig, ax = plt.subplots(figsize=(PRINT_WIDTH_IN, 8.6))
    heatmap(
        ax, wide, lang=lang, fmt="{:.0f}", cmap="PuBu", vmin=0, vmax=100, cbar_label=label("participation.share", lang)
    )
    import textwrap

    ax.set_title(textwrap.fill(label("participation.heatmap_title", lang), 70), loc="right")
    ax.tick_params(axis="x", rotation=0)
    note = (
        label("participation.map_note", lang)
        + " "
        + label("participation.unclassified_max", lang).format(
            share=format_number(float(p["unclassified_vote_share"].max()), lang, 1)
        )
    )
    add_source_line(fig, ["zgjedhjet_info", PARTY_TABLE], lang, note=note)
    return fig
