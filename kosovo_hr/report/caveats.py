"""The caveats section, computed from the data each time the book is built (never typed).

* OSCE regions: how many municipalities' region an OSCE document states and
  which are inferred (gazetteer column ``osce_region_evidence``);
* the northern census boycott: municipalities whose 2011 or 2024 figure is an
  estimate (population table, ``is_estimate``);
* unclassified votes: the Kosovo-wide share of votes for subjects whose
  community no source states, lowest and highest over the parliamentary
  elections (``participation_parliamentary``);
* national-only figures: figures whose table holds no municipal values;
* suppressed cells: every table of the book with a ``suppressed`` column,
  counted by ``suppression_reason``, with the threshold of
  :func:`kosovo_hr.stats.suppress`.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass, field

import pandas as pd

from .labels import join_names, percent, text
from .places import place


@dataclass
class Caveat:
    """One paragraph of the caveats section; ``items`` become a list under it."""

    key: str
    text: str
    items: list[str] = field(default_factory=list)


def suppression_threshold() -> int:
    """The default threshold of :func:`kosovo_hr.stats.suppress` (counts below it are suppressed)."""
    from ..stats import suppress

    return int(inspect.signature(suppress).parameters["threshold"].default)


def region_caveat(lang: str) -> Caveat:
    from ..gazetteer import municipalities

    m = municipalities()
    inferred = m[m["osce_region_evidence"] == "inferred_from_counts"]
    names = sorted((place(c, lang) for c in inferred["code"]), key=str.casefold)
    return Caveat(
        "regions",
        text(
            "caveat_regions",
            lang,
            stated=len(m) - len(inferred),
            total=len(m),
            inferred=len(inferred),
            names=join_names(names, lang),
        ),
    )


def census_caveats(population: pd.DataFrame, lang: str) -> list[Caveat]:
    """One caveat per census year (2011, 2024) with municipalities whose figure is an estimate."""
    out = []
    for year in (2011, 2024):
        est = population[(population["year"] == year) & population["is_estimate"].astype(bool)]
        if len(est):
            names = sorted((place(c, lang) for c in est["code"].unique()), key=str.casefold)
            out.append(Caveat(f"census_{year}", text("caveat_census", lang, year=year, names=join_names(names, lang))))
    return out


def unclassified_caveat(parliamentary: pd.DataFrame, lang: str) -> Caveat | None:
    """Kosovo-wide share of unclassified votes per parliamentary election: lowest, highest and when."""
    from babel.dates import format_date

    from .labels import LOCALE

    need = {"election", "date", "votes_unclassified", "votes_total"}
    if not need <= set(parliamentary.columns) or parliamentary.empty:
        return None
    g = parliamentary.groupby(["election", "date"], as_index=False)[["votes_unclassified", "votes_total"]].sum()
    g = g[g["votes_total"] > 0]
    share = g["votes_unclassified"] / g["votes_total"]
    top = g.loc[share.idxmax()]
    when = format_date(pd.Timestamp(top["date"]).date(), "LLLL y", locale=LOCALE[lang])
    return Caveat(
        "unclassified",
        text(
            "caveat_unclassified",
            lang,
            low=percent(share.min(), lang, 2),
            high=percent(share.max(), lang, 2),
            election=when,
        ),
    )


def is_national_only(df: pd.DataFrame) -> bool:
    """True when a table has no municipal (or regional) values: no ``code`` column or only ``kosovo``."""
    if "code" not in df.columns:
        return "osce_region" not in df.columns
    return bool(df["code"].dropna().astype(str).isin(["kosovo"]).all())


def suppression_caveats(frames: dict[str, pd.DataFrame], lang: str) -> list[Caveat]:
    out = [Caveat("suppression_rule", text("caveat_suppression_rule", lang, max=suppression_threshold() - 1))]
    items = []
    for name in sorted(frames):
        df = frames[name]
        if "suppressed" not in df.columns:
            continue
        sup = df["suppressed"].fillna(False).astype(bool)
        if not sup.any():
            continue
        reason = df["suppression_reason"].astype(str) if "suppression_reason" in df.columns else None
        primary = int((reason == "primary").sum()) if reason is not None else "—"
        secondary = int((reason == "secondary").sum()) if reason is not None else "—"
        items.append(
            text(
                "caveat_suppressed_table",
                lang,
                name=f"{name}.csv",
                n=int(sup.sum()),
                rows=len(df),
                primary=primary,
                secondary=secondary,
            )
        )
    if items:
        out[0].items = items
    else:
        out.append(Caveat("no_suppressed", text("caveat_no_suppressed", lang)))
    return out


def build_caveats(lang: str, frames: dict[str, pd.DataFrame], national_only: list[str]) -> list[Caveat]:
    """Every caveat of a page in ``lang``.

    ``frames``: the tables of the book by name (the export tables
    ``population`` and ``participation_parliamentary`` are read from it when
    present); ``national_only``: titles of the figures whose table has no
    municipal values.
    """
    caveats = [region_caveat(lang)]
    if "population" in frames:
        caveats += census_caveats(frames["population"], lang)
    if "participation_parliamentary" in frames:
        c = unclassified_caveat(frames["participation_parliamentary"], lang)
        if c is not None:
            caveats.append(c)
    if national_only:
        caveats.append(Caveat("national_only", text("caveat_national_only", lang), items=list(national_only)))
    caveats += suppression_caveats(frames, lang)
    return caveats
