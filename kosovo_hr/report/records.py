"""The municipal and OSCE-region sections built from a user's own record file.

Only public functions are used: :mod:`kosovo_hr.records` reads and
validates (``load_records``, ``get_schema``), :mod:`kosovo_hr.indicators.records`
counts and suppresses (``municipal_indicators``, ``pooled_by_region``,
``region_trends``, ``SUPPRESS_BELOW``).  The file is read once; what reaches
the book is aggregated and, by default, suppressed:

* per municipality: records pooled over the years (person-years of
  population, so the rate is the average yearly rate), small counts
  suppressed with :func:`kosovo_hr.stats.suppress`, grouped by OSCE region and
  over Kosovo so that no suppressed count can be worked out from a region's
  or Kosovo's total;
* per OSCE region: the totals (suppressed in turn) and the annual percent
  change (:func:`kosovo_hr.indicators.records.region_trends`).

The records file itself, its rows, names and free text never enter the
book; the page names the file by its base name only.  Coverage is stated: the
default count assumes a Kosovo-wide log from the first to the last year of
the file (:func:`kosovo_hr.indicators.records.count_records`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, cast

import pandas as pd

from .htmltable import HtmlTable, html_table
from .labels import number, text

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: Records counted per domain: one stage or movement at a time, never added across.
DOMAIN_FILTER: dict[str, tuple[str, str]] = {
    "trafficking": ("stage", "victim_identified"),
    "displacement": ("movement", "return"),
}

DOMAIN_TITLE = {
    "trafficking": "domain_trafficking",
    "displacement": "domain_displacement",
    "hate_incident": "domain_hate_crime",
}


@dataclass
class RecordsBook:
    """What the book shows from a record file (built once, rendered per language)."""

    file_name: str
    domain: str
    n_rows: int
    n_accepted: int
    n_rejected: int
    n_duplicates: int
    n_unknown_names: int
    filter: tuple[str, str, int] | None
    municipal: pd.DataFrame  # code, count, population, rate, rate_lower, rate_upper, suppressed, suppression_reason
    region: pd.DataFrame  # osce_region, count, population, rate..., suppressed, suppression_reason
    trends: pd.DataFrame  # osce_region, apc, apc_lower, apc_upper, n_years, total, reason
    first_year: int | None
    last_year: int | None
    pop_years: tuple[int, int] | None
    n_codes: int
    suppressed: bool


def build_records(path: str | Path, domain: str, *, suppress_small: bool = True) -> RecordsBook:
    """Read, validate and aggregate the user's records of ``domain`` for the book."""
    from ..indicators.records import SUPPRESS_BELOW, municipal_indicators, pooled_by_region, region_trends
    from ..records import get_schema, load_records

    res = load_records(path, domain)
    schema = get_schema(domain)
    records = res.records
    filt = None
    if domain in DOMAIN_FILTER:
        col, value = DOMAIN_FILTER[domain]
        records = records[records[col].astype(str) == value]
        filt = (col, value, len(records))
    ind = municipal_indicators(records, weight=getattr(schema, "weight", None))
    with_pop = ind[ind["population"].notna()]
    muni, region = pooled_by_region(ind, suppress_small=suppress_small, threshold=SUPPRESS_BELOW)
    trends = region_trends(ind) if len(with_pop) else pd.DataFrame()
    years = sorted(int(y) for y in ind["year"].unique()) if len(ind) else []
    pyears = sorted(int(y) for y in with_pop["year"].unique())
    return RecordsBook(
        file_name=Path(path).name,
        domain=domain,
        n_rows=res.n_rows,
        n_accepted=len(res.records),
        n_rejected=len(res.rejected),
        n_duplicates=int(getattr(res, "info", {}).get("duplicates_dropped", 0) or 0),
        n_unknown_names=len(res.unknown_names),
        filter=filt,
        municipal=muni,
        region=region,
        trends=trends,
        first_year=years[0] if years else None,
        last_year=years[-1] if years else None,
        pop_years=(pyears[0], pyears[-1]) if pyears else None,
        n_codes=int(ind["code"].nunique()),
        suppressed=suppress_small,
    )


MUNI_COLUMNS = ("code", "count", "population", "rate", "rate_lower", "rate_upper", "suppression_reason")
TREND_COLUMNS = ("osce_region", "apc", "apc_lower", "apc_upper", "n_years", "total")


def _headers(lang: str) -> dict[str, str]:
    return {
        "code": text("col_name", lang),
        "osce_region": text("col_name", lang),
        "count": text("col_count", lang),
        "population": text("col_population", lang),
        "rate": text("col_rate", lang),
        "rate_lower": "95% −",
        "rate_upper": "95% +",
        "suppression_reason": text("col_suppressed", lang),
        "apc": text("col_apc", lang),
        "apc_lower": "95% −",
        "apc_upper": "95% +",
        "n_years": text("col_years", lang),
        "total": text("col_total", lang),
    }


def _localised_reasons(df: pd.DataFrame, lang: str, threshold: int) -> pd.DataFrame:
    if "suppression_reason" not in df.columns:
        return df
    words = {
        "primary": text("suppressed_primary", lang, max=threshold - 1),
        "secondary": text("suppressed_secondary", lang),
        "": "",
    }
    return df.assign(suppression_reason=df["suppression_reason"].map(lambda r: words.get(r, r)))


def records_page(book: RecordsBook, lang: str, *, map_png: dict | None, municipal_csv: str, region_csv: str) -> dict:
    """The template context of the records section in ``lang``."""
    from .caveats import suppression_threshold

    thr = suppression_threshold()
    heads = _headers(lang)
    title = text("records_title", lang, domain=text(DOMAIN_TITLE.get(book.domain, "records_municipal"), lang))
    notes = []
    if book.n_duplicates:
        notes.append(text("records_duplicates", lang, n=number(book.n_duplicates, lang, 0)))
    if book.n_unknown_names:
        notes.append(text("records_unknown_names", lang, n=number(book.n_unknown_names, lang, 0)))
    if book.filter:
        col, value, n = book.filter
        notes.append(text("records_filter", lang, column=col, value=value, n=number(n, lang, 0)))
    if book.first_year is not None:
        span = f"{book.pop_years[0]}–{book.pop_years[1]}" if book.pop_years else "—"
        notes.append(
            text(
                "records_coverage",
                lang,
                n_codes=book.n_codes,
                first=book.first_year,
                last=book.last_year,
                pop_years=span,
            )
        )
    if book.suppressed:
        n = int(book.municipal["suppressed"].sum() + book.region["suppressed"].sum())
        notes.append(text("records_suppressed", lang, n=n))
    else:
        notes.append(text("records_not_suppressed", lang))

    def table(df: pd.DataFrame, cols: tuple[str, ...], caption: str) -> HtmlTable:
        use = [c for c in cols if c in df.columns]
        return html_table(_localised_reasons(df, lang, thr), lang, caption, columns=use, headers=heads)

    return {
        "title": title,
        "intro": text("records_intro", lang, file=book.file_name),
        "summary": text(
            "records_summary",
            lang,
            n=number(book.n_rows, lang, 0),
            accepted=number(book.n_accepted, lang, 0),
            rejected=number(book.n_rejected, lang, 0),
        ),
        "rejected_hint": text("records_rejected_hint", lang) if book.n_rejected else "",
        "notes": notes,
        "map": map_png,
        "municipal": table(book.municipal, MUNI_COLUMNS, text("records_municipal", lang)),
        "region": table(book.region, ("osce_region",) + MUNI_COLUMNS[1:], text("records_region", lang)),
        "trends": (table(book.trends, TREND_COLUMNS, text("col_apc", lang)) if len(book.trends) else None),
        "municipal_csv": municipal_csv,
        "municipal_csv_text": text("records_csv", lang, name=Path(municipal_csv).name),
        "region_csv": region_csv,
        "region_csv_text": text("records_csv", lang, name=Path(region_csv).name),
    }


#: what the records map names as its subject, per domain (keys of kosovo_hr.plots.records_map.SUBJECTS)
MAP_SUBJECT = {
    "trafficking": "trafficking_victim_identified",
    "displacement": "displacement_return",
    "hate_incident": "hate_incident",
}


def draw_records_map(book: RecordsBook, lang: str, path: Path) -> Path | None:
    """The project's records map (:func:`kosovo_hr.plots.records_map.records_map`) of the book's suppressed
    municipal table; None without rates."""
    import matplotlib.pyplot as plt

    from ..indicators.records import SUPPRESS_BELOW
    from ..plots.records_map import records_map

    df = book.municipal
    if "rate" not in df.columns or df["rate"].notna().sum() == 0:
        return None
    span = f"{book.pop_years[0]}–{book.pop_years[1]}" if book.pop_years else ""
    subject = MAP_SUBJECT.get(book.domain, "records")
    try:
        ax = records_map(df, subject=subject, years=span, threshold=SUPPRESS_BELOW, lang=lang)
    except (KeyError, ValueError):  # the map's labels lack this language: Serbian Latin for Cyrillic, else English
        plt.close("all")
        ax = records_map(
            df, subject=subject, years=span, threshold=SUPPRESS_BELOW, lang="sr" if lang == "sr-Cyrl" else "en"
        )
    fig = cast("Figure", ax.figure)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110, bbox_inches="tight")
    plt.close(fig)
    return path
