"""Figures of notebook 06 drawn from the Kosovo Memory Book *records* (no personal data).

Monthly counts 1998–2000 by OSCE region and by pre-2008 municipality, age and
sex, civilians and members of armed formations, and the day-of-month check
of the dates. Every count is published through
:func:`kosovo_hr.stats.suppression.suppress` (1–4 suppressed, primary and
secondary): suppressed cells are hatched, never drawn as 0. Tables (and the
suppressed ones registered for ``kosovo-hr export``) are in
:mod:`kosovo_hr.indicators.conflict_records`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ..plots.i18n import label
from ..plots.sources_line import add_source_line
from ..plots.style import PRINT_WIDTH_IN, wrap
from . import figure

if TYPE_CHECKING:
    from matplotlib.figure import Figure

NOTEBOOK = "06_conflict_legacy_and_security.ipynb"
SOURCE = "kosovo_memory_book"
THRESHOLD = 5
COLOURS = {"civilian": "#4393c3", "armed": "#b2182b", "female": "#c51b7d", "male": "#2166ac"}

LABELS = {
    "regions_title": {
        "sq": "Libri i Kujtimit i Kosovës: persona sipas muajit të ngjarjes dhe rajonit të OSBE-së, 1998–2000",
        "sr": "Kosovska knjiga pamćenja: osobe po mesecu događaja i regionu OEBS-a, 1998–2000.",
        "en": "Kosovo Memory Book: persons by month of the incident and OSCE region, 1998–2000",
    },
    "heatmap_title": {
        "sq": "Libri i Kujtimit i Kosovës: persona sipas muajit dhe komunës para 2008, 1998–2000",
        "sr": "Kosovska knjiga pamćenja: osobe po mesecu i opštini pre 2008., 1998–2000.",
        "en": "Kosovo Memory Book: persons by month and pre-2008 municipality, 1998–2000",
    },
    "age_title": {
        "sq": "Libri i Kujtimit i Kosovës: mosha dhe gjinia e personave, civilë dhe pjesëtarë të formacioneve të armatosura",
        "sr": "Kosovska knjiga pamćenja: starost i pol osoba, civili i pripadnici oružanih formacija",
        "en": "Kosovo Memory Book: age and sex of the persons, civilians and members of armed formations",
    },
    "status_title": {
        "sq": "Libri i Kujtimit i Kosovës: civilë dhe pjesëtarë të formacioneve të armatosura sipas muajit, 1998–2000",
        "sr": "Kosovska knjiga pamćenja: civili i pripadnici oružanih formacija po mesecu, 1998–2000.",
        "en": "Kosovo Memory Book: civilians and members of armed formations by month, 1998–2000",
    },
    "day_title": {
        "sq": "Libri i Kujtimit i Kosovës: dita e muajit siç është shkruar në datën e ngjarjes",
        "sr": "Kosovska knjiga pamćenja: dan u mesecu kako je upisan u datumu događaja",
        "en": "Kosovo Memory Book: day of the month as written in the date of the incident",
    },
    "persons": {"sq": "Persona", "sr": "Osobe", "en": "Persons"},
    "persons_per_month": {"sq": "Persona për muaj", "sr": "Osoba mesečno", "en": "Persons per month"},
    "day": {"sq": "Dita e muajit", "sr": "Dan u mesecu", "en": "Day of the month"},
    "per_month_with_day": {
        "sq": "Persona, mesatarisht për muaj që e ka këtë ditë",
        "sr": "Osobe, prosečno po mesecu koji ima taj dan",
        "en": "Persons, average per month that has this day",
    },
    "civilian": {"sq": "Civilë", "sr": "Civili", "en": "Civilians"},
    "armed": {
        "sq": "Pjesëtarë të formacioneve të armatosura",
        "sr": "Pripadnici oružanih formacija",
        "en": "Members of armed formations",
    },
    "female": {"sq": "Gra", "sr": "Žene", "en": "Women and girls"},
    "male": {"sq": "Burra", "sr": "Muškarci", "en": "Men and boys"},
    "age": {
        "sq": "Mosha në kohën e ngjarjes (vjet)",
        "sr": "Starost u vreme događaja (godine)",
        "en": "Age at the incident (years)",
    },
    "unknown_age": {"sq": "e panjohur", "sr": "nepoznata", "en": "unknown"},
    "suppressed": {
        "sq": "E fshehur: 1–4 persona,\nose për të mbrojtur një të tillë",
        "sr": "Skriveno: 1–4 osobe,\nili radi zaštite takve ćelije",
        "en": "Suppressed: 1–4 persons,\nor to protect such a cell",
    },
    "outside_kosovo": {"sq": "Jashtë Kosovës", "sr": "Van Kosova", "en": "Outside Kosovo"},
    "kosovo_place_unknown": {
        "sq": "Kosovë, vendi i panjohur",
        "sr": "Kosovo, mesto nepoznato",
        "en": "Kosovo, place unknown",
    },
    "place_not_recorded": {"sq": "Vendi i paregjistruar", "sr": "Mesto nije zabeleženo", "en": "Place not recorded"},
    "day01": {"sq": "Dita 01", "sr": "Dan 01", "en": "Day 01"},
    "other_days": {"sq": "Ditët e tjera", "sr": "Ostali dani", "en": "Other days"},
    "records_note": {
        "sq": "Regjistrime personale pa emra e të dhëna lindjeje. Libri i Kujtimit i Kosovës është projekt dokumentimi me metodën e vet, jo anketë. Numërimet 1–4 fshihen (edhe disa qeliza shtesë, që të mos nxirren nga totalet).",
        "sr": "Lični zapisi bez imena i podataka o rođenju. Kosovska knjiga pamćenja je dokumentacioni projekat sa sopstvenom metodom, a ne anketa. Brojevi 1–4 su skriveni (kao i neke dodatne ćelije, da se ne bi izveli iz zbirova).",
        "en": "Person records without names or birth data. The Kosovo Memory Book is a documentation project with its own method, not a survey. Counts of 1–4 are suppressed (with some further cells, so they cannot be worked out from the totals).",
    },
    "month_note": {
        "sq": "Muaji i ngjarjes siç është shkruar. Dita 01 shfaqet më shpesh se ditët e tjera (shih figurën e ditëve); një ditë e panjohur nuk e ndryshon muajin.",
        "sr": "Mesec događaja kako je upisan. Dan 01 se javlja češće od ostalih dana (vidi sliku dana); nepoznat dan ne menja mesec.",
        "en": "Month of the incident as written. Day 01 occurs more often than other days (see the day-of-month figure); an unknown day does not change the month.",
    },
    "not_in_panels": {
        "sq": "Jo në panele: Kosovë, vendi i panjohur ({unknown}); vendi i paregjistruar ({none}).",
        "sr": "Nije u panelima: Kosovo, mesto nepoznato ({unknown}); mesto nije zabeleženo ({none}).",
        "en": "Not in the panels: Kosovo, place unknown ({unknown}); place not recorded ({none}).",
    },
    "heat_rows_note": {
        "sq": "Komunat para 2008 (Mitrovicë = komuna e pandarë), të renditura sipas rajonit të OSBE-së; pastaj vendet jashtë Kosovës dhe të panjohura.",
        "sr": "Opštine pre 2008. (Mitrovica = nepodeljena opština), poređane po regionu OEBS-a; zatim mesta van Kosova i nepoznata.",
        "en": "Pre-2008 municipalities (Mitrovicë = the undivided municipality), ordered by OSCE region; then places outside Kosovo and unknown.",
    },
    "age_note": {
        "sq": "Mosha mungon për {n} persona (rreshti 'e panjohur').",
        "sr": "Starost nedostaje za {n} osoba (red 'nepoznata').",
        "en": "Age is missing for {n} persons (row 'unknown').",
    },
    "day_note": {
        "sq": "Dita 01 ka më shumë persona se dita tipike e muajit (mediana e ditëve 2–28) në {above} nga {months} muaj; ditët e tjera mesatarisht në {other}. {d01} persona kanë datë me ditën 01, rreth {excess} më shumë se sa një ditë tipike: një ditë e panjohur duket se shkruhet 01. Numërimet ditore janë të pasigurta; ato mujore jo, sepse muaji mbetet. Vetëm {jan01} persona kanë datën 1 janar të tre viteve (kundrejt {jant} në një ditë tipike të janarit): një muaj i panjohur ndikon pak.",
        "sr": "Dan 01 ima više osoba od tipičnog dana u mesecu (medijana dana 2–28) u {above} od {months} meseci; ostali dani prosečno u {other}. {d01} osoba ima datum sa danom 01, oko {excess} više nego tipičan dan: izgleda da se nepoznat dan upisuje kao 01. Dnevni brojevi su nepouzdani; mesečni nisu, jer mesec ostaje. Samo {jan01} osoba ima datum 1. januar sve tri godine (prema {jant} na tipičan dan januara): nepoznat mesec malo utiče.",
        "en": "Day 01 holds more persons than the month's typical day (median of days 2–28) in {above} of {months} months; other days on average in {other}. {d01} persons are dated day 01, about {excess} more than on a typical day: an unknown day appears to be written 01. Daily counts are unreliable; monthly counts are not, since the month stays. Only {jan01} persons are dated 1 January of the three years (against {jant} on a typical January day): an unknown month matters little.",
    },
    "months_above": {
        "sq": "Muaj (nga {n}) mbi ditën tipike",
        "sr": "Meseci (od {n}) iznad tipičnog dana",
        "en": "Months (of {n}) above the typical day",
    },
    "other_days_mean": {"sq": "mesatarja e ditëve 2–28", "sr": "prosek dana 2–28", "en": "average of days 2–28"},
}


def _fmt(value: float, lang: str, decimals: int = 0) -> str:
    """A number as ``lang`` writes it (Babel, :func:`kosovo_hr.plots.numbers.format_number`)."""
    from ..plots.numbers import format_number

    return format_number(value, lang, decimals)


def _count(value: float, lang: str) -> str:
    """A count for a caption: ``< 5`` for a count of 1–4 (never printed), else the number in ``lang``."""
    return f"< {THRESHOLD}" if 0 < value < THRESHOLD else _fmt(value, lang)


def _month_labels(lang: str) -> list[str]:
    """Tick labels for the 36 months: the month's short name (CLDR via Babel), year under January."""
    from ..plots.numbers import month_name

    return [
        f"{month_name(m, lang, 'abbreviated')}\n{y}"
        if m == 1
        else (month_name(m, lang, "abbreviated") if m in (4, 7, 10) else "")
        for y in (1998, 1999, 2000)
        for m in range(1, 13)
    ]


def _place_name(code: str, lang: str) -> str:
    from ..indicators.conflict_records import place_names

    names = place_names(lang)
    return names[code] if code in names else label(code, lang, LABELS)


def _sources(lang: str) -> list[str]:  # one text in every language: the declared attribution
    return [SOURCE]


def _hatch_style() -> dict:
    from ..plots.choropleth import MISSING_STYLE

    return dict(MISSING_STYLE)


# ------------------------------------------------------------------ figures


@figure("memory_book_monthly_osce_regions", notebook=NOTEBOOK, sources=[SOURCE])
def monthly_regions_chart(lang: str = "en") -> Figure:
    """Monthly persons 1998–2000, one panel per OSCE region and one for places outside Kosovo."""
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    from ..indicators.conflict_records import monthly_counts

    df = monthly_counts(level="osce_region")
    panels = [c for c in dict.fromkeys(df["code"]) if c.startswith("osce_")] + ["outside_kosovo"]
    raw = monthly_counts(level="osce_region", suppress_small=False).groupby("code")["persons"].sum()
    panels = sorted(panels[:-1], key=lambda c: -raw[c]) + ["outside_kosovo"]
    fig, axes = plt.subplots(len(panels), 1, figsize=(PRINT_WIDTH_IN, 8.4), sharex=True)
    x = np.arange(36)
    ymax = float(df["persons"].astype("Float64").max())
    hatch = _hatch_style()
    for ax, code in zip(axes, panels):
        sub = df[df["code"] == code].sort_values("period")
        vals = sub["persons"].astype("Float64")
        ax.bar(x, vals.fillna(0).to_numpy(dtype=float), color="#8c2d04", width=0.8)
        sup = sub["suppressed"].to_numpy()
        ax.bar(x[sup], np.full(sup.sum(), ymax * 0.04), width=0.8, **hatch)
        ax.set_ylim(0, ymax * 1.1)
        yt = [t for t in ax.get_yticks() if t <= ymax * 1.1]
        ax.set_yticks(yt, [_fmt(t, lang) for t in yt])
        ax.text(
            0.005,
            0.92,
            f"{_place_name(code, lang)}: {_count(raw[code], lang)}",
            transform=ax.transAxes,
            va="top",
            fontweight="bold",
        )
        ax.spines[["top", "right"]].set_visible(False)
        ax.tick_params(labelsize=8)
        for b in (12, 24):
            ax.axvline(b - 0.5, color="#bbbbbb", lw=0.6)
    axes[-1].set_xticks(x, _month_labels(lang))
    fig.supylabel(label("persons_per_month", lang, LABELS))
    axes[0].legend(handles=[Patch(**hatch, label=label("suppressed", lang, LABELS))], loc="upper right", frameon=False)
    fig.suptitle(wrap(label("regions_title", lang, LABELS), fig), x=0.01, ha="left")
    fig.subplots_adjust(left=0.12, right=0.98, top=0.92, hspace=0.3)
    note = "\n".join(
        [
            label("month_note", lang, LABELS),
            label("not_in_panels", lang, LABELS).format(
                unknown=_count(raw["kosovo_place_unknown"], lang), none=_count(raw["place_not_recorded"], lang)
            ),
            label("records_note", lang, LABELS),
        ]
    )
    add_source_line(fig, _sources(lang), lang, note=note)
    return fig


@figure("memory_book_monthly_pre2008_heatmap", notebook=NOTEBOOK, sources=[SOURCE])
def monthly_heatmap(lang: str = "en") -> Figure:
    """Persons by month (columns) and pre-2008 municipality (rows), classed colours, suppressed hatched."""
    import matplotlib.pyplot as plt
    from matplotlib.colors import BoundaryNorm, ListedColormap
    from matplotlib.patches import Patch, Rectangle

    from ..indicators.conflict_records import monthly_counts, unit_regions

    df = monthly_counts(level="pre2008")
    units = unit_regions()
    units["name"] = [_place_name(c, lang) for c in units["code"]]
    order = list(units.sort_values(["osce_region", "name"])["code"]) + [
        "outside_kosovo",
        "kosovo_place_unknown",
        "place_not_recorded",
    ]
    wide = df.pivot(index="code", columns="period", values="persons").loc[order]
    sup = df.pivot(index="code", columns="period", values="suppressed").loc[order].to_numpy(dtype=bool)
    vals = wide.astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    bounds: list[float] = [0, 1, 10, 25, 50, 100, 250, 500, 1000]
    colours = ["#ffffff", "#fee8c8", "#fdd49e", "#fdbb84", "#fc8d59", "#ef6548", "#d7301f", "#990000"]
    cmap = ListedColormap(colours)
    bounds[-1] = max(float(np.nanmax(vals)), bounds[-1]) + 1
    norm = BoundaryNorm(bounds, cmap.N)
    fig, ax = plt.subplots(figsize=(PRINT_WIDTH_IN, 7.8))
    ax.imshow(np.where(np.isnan(vals), 0, vals), cmap=cmap, norm=norm, aspect="auto", interpolation="none")
    hatch = _hatch_style()
    for i, j in zip(*np.nonzero(sup)):
        ax.add_patch(Rectangle((j - 0.5, i - 0.5), 1, 1, **hatch))
    ax.set_yticks(range(len(order)), [_place_name(c, lang) for c in order])
    ax.set_xticks(range(36), _month_labels(lang))
    regions = units.set_index("code").loc[order[:-3], "osce_region"].to_numpy()
    for i in range(1, len(regions)):
        if regions[i] != regions[i - 1]:
            ax.axhline(i - 0.5, color="#555555", lw=0.8)
    ax.axhline(len(regions) - 0.5, color="#555555", lw=1.2)
    for b in (12, 24):
        ax.axvline(b - 0.5, color="#555555", lw=0.8)
    legend = [Patch(facecolor=colours[0], edgecolor="#bbbbbb", label="0")]
    labels_ = (
        ["5–9"]
        + [f"{_fmt(bounds[k], lang)}–{_fmt(bounds[k + 1] - 1, lang)}" for k in range(2, 7)]
        + [f"{_fmt(1000, lang)}+"]
    )
    for c, t in zip(colours[1:], labels_):
        legend.append(Patch(facecolor=c, edgecolor="#bbbbbb", label=t))
    legend.append(Patch(**hatch, label=label("suppressed", lang, LABELS)))
    ax.legend(
        handles=legend,
        loc="upper center",
        bbox_to_anchor=(0.4, -0.07),
        ncol=4,
        frameon=False,
        title=label("persons_per_month", lang, LABELS),
    )
    fig.suptitle(wrap(label("heatmap_title", lang, LABELS), fig), x=0.01, ha="left")
    fig.subplots_adjust(left=0.27, right=0.99, top=0.93, bottom=0.2)
    add_source_line(
        fig,
        _sources(lang),
        lang,
        note="\n".join(
            [
                label("heat_rows_note", lang, LABELS),
                label("month_note", lang, LABELS),
                label("records_note", lang, LABELS),
            ]
        ),
    )
    return fig


@figure("memory_book_age_sex", notebook=NOTEBOOK, sources=[SOURCE])
def age_sex_pyramid(lang: str = "en") -> Figure:
    """Two age pyramids (women left, men right): civilians, and members of armed formations."""
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    from ..indicators.conflict_records import age_groups, age_sex_structure

    df = age_sex_structure(by=("status",))
    groups = age_groups()
    y = np.arange(len(groups))
    hatch = _hatch_style()
    fig, axes = plt.subplots(1, 2, figsize=(PRINT_WIDTH_IN, 4.8), sharey=True)
    top = float(df["persons"].astype("Float64").max())
    for ax, status in zip(axes, ("civilian", "armed")):
        sub = df[df["status"] == status].set_index(["age_group", "sex"])
        for sex, sign in (("female", -1), ("male", 1)):
            s = sub.xs(sex, level="sex").reindex(groups)
            vals = s["persons"].astype("Float64")
            ax.barh(
                y,
                sign * vals.fillna(0).to_numpy(dtype=float),
                color=COLOURS[sex],
                height=0.8,
                label=label(sex, lang, LABELS),
            )
            hidden = s["suppressed"].to_numpy(dtype=bool)
            ax.barh(y[hidden], np.full(hidden.sum(), sign * top * 0.03), height=0.8, **hatch)
        ax.axvline(0, color="#333333", lw=0.6)
        ax.set_xlim(-top * 1.05, top * 1.05)
        ticks = ax.get_xticks()
        ax.set_xticks(ticks, [_fmt(abs(t), lang) for t in ticks])
        ax.set_xlim(-top * 1.05, top * 1.05)
        ax.set_title(f"{label(status, lang, LABELS)}")
        ax.spines[["top", "right"]].set_visible(False)
        ax.set_xlabel(label("persons", lang, LABELS))
    axes[0].set_yticks(y, groups[:-1] + [label("unknown_age", lang, LABELS)])
    axes[0].set_ylabel(label("age", lang, LABELS))
    handles = [
        Patch(color=COLOURS["female"], label=label("female", lang, LABELS)),
        Patch(color=COLOURS["male"], label=label("male", lang, LABELS)),
        Patch(**hatch, label=label("suppressed", lang, LABELS)),
    ]
    fig.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0.02), ncol=3, frameon=False)
    fig.suptitle(wrap(label("age_title", lang, LABELS), fig), x=0.01, ha="left")
    unknown = _raw_unknown_age()
    fig.subplots_adjust(left=0.12, right=0.98, top=0.84, bottom=0.12, wspace=0.1)
    add_source_line(
        fig,
        _sources(lang),
        lang,
        note="\n".join(
            [label("age_note", lang, LABELS).format(n=_count(unknown, lang)), label("records_note", lang, LABELS)]
        ),
    )
    return fig


def _raw_unknown_age() -> int:
    from ..indicators.conflict_records import memory_book_records

    return int(memory_book_records()["age"].isna().sum())


@figure("memory_book_status_monthly", notebook=NOTEBOOK, sources=[SOURCE])
def status_monthly_chart(lang: str = "en") -> Figure:
    """Stacked monthly bars: civilians and members of armed formations (all places)."""
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    from ..indicators.conflict_records import status_monthly

    df = status_monthly()
    x = np.arange(36)
    hatch = _hatch_style()
    fig, ax = plt.subplots(figsize=(PRINT_WIDTH_IN, 3.8))
    bottom = np.zeros(36)
    ymax = float(df.groupby("period")["persons"].sum().max())
    hidden_any = np.zeros(36, dtype=bool)
    for status in ("armed", "civilian"):
        sub = df[df["status"] == status].sort_values("period")
        v = sub["persons"].astype("Float64").fillna(0).to_numpy(dtype=float)
        ax.bar(x, v, bottom=bottom, color=COLOURS[status], width=0.8, label=label(status, lang, LABELS))
        bottom += v
        hidden_any |= sub["suppressed"].to_numpy(dtype=bool)
    ax.bar(x[hidden_any], np.full(hidden_any.sum(), ymax * 0.02), bottom=bottom[hidden_any], width=0.8, **hatch)
    ax.set_xticks(x, _month_labels(lang))
    ax.set_ylabel(label("persons_per_month", lang, LABELS))
    yt = ax.get_yticks()
    ax.set_yticks(yt, [_fmt(t, lang) for t in yt])
    ax.set_ylim(0, ymax * 1.05)
    for b in (12, 24):
        ax.axvline(b - 0.5, color="#bbbbbb", lw=0.6)
    handles, _ = ax.get_legend_handles_labels()
    handles.append(Patch(**hatch, label=label("suppressed", lang, LABELS)))
    ax.legend(handles=handles[::-1][1:] + [handles[-1]], loc="upper right", frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    fig.suptitle(wrap(label("status_title", lang, LABELS), fig), x=0.01, ha="left")
    fig.subplots_adjust(top=0.84, bottom=0.2)
    add_source_line(
        fig,
        _sources(lang),
        lang,
        note="\n".join([label("month_note", lang, LABELS), label("records_note", lang, LABELS)]),
    )
    return fig


@figure("memory_book_day_of_month", notebook=NOTEBOOK, sources=[SOURCE])
def day_of_month_chart(lang: str = "en") -> Figure:
    """For each day of the month: in how many of the 36 months it holds more records than a typical day.

    Day 01 stands out: a day written 01 often stands for an unknown day.
    """
    import matplotlib.pyplot as plt

    from ..indicators.conflict_records import day01_summary, day_of_month_profile

    prof = day_of_month_profile()
    s = day01_summary()
    fig, ax = plt.subplots(figsize=(PRINT_WIDTH_IN, 3.6))
    colours = ["#b2182b" if d == 1 else "#999999" for d in prof["day"]]
    ax.bar(prof["day"], prof["months_above_typical"], color=colours, width=0.8)
    ax.axhline(s["months_other_above"], color="#333333", lw=0.8, ls="--", label=label("other_days_mean", lang, LABELS))
    ax.legend(loc="upper right", frameon=False)
    ticks = [d for d in prof["day"] if d == 1 or d % 5 == 0]
    ax.set_xticks(ticks, [f"{d:02d}" for d in ticks])
    ax.set_xlabel(label("day", lang, LABELS))
    ax.set_ylabel(label("months_above", lang, LABELS).format(n=s["months"]))
    ax.set_ylim(0, s["months"])
    ax.spines[["top", "right"]].set_visible(False)
    fig.suptitle(wrap(label("day_title", lang, LABELS), fig), x=0.01, ha="left")
    fig.subplots_adjust(top=0.84, bottom=0.18)
    note = label("day_note", lang, LABELS).format(
        above=_fmt(s["months_day01_above"], lang),
        months=_fmt(s["months"], lang),
        other=_fmt(s["months_other_above"], lang, 1),
        d01=_fmt(s["day01"], lang),
        excess=_fmt(s["excess"], lang),
        jan01=_fmt(s["jan01"], lang),
        jant=_fmt(s["jan_typical"], lang),
    )
    add_source_line(fig, _sources(lang), lang, note=note + "\n" + label("records_note", lang, LABELS))
    return fig
