"""The map of users' own records: pooled yearly rate per municipality, small counts suppressed.

Drawing only: the table is :func:`kosovo_hr.indicators.records.pooled_suppressed`, and
:func:`kosovo_hr.figures.records.map_pooled_rates` builds it and draws it in one call.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import KosovoHRKeyError
from .i18n import label

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes

#: What a records map can show, per domain and the filter the notebooks apply (the title names it).
SUBJECTS = {
    "trafficking_victim_identified": {
        "sq": "Viktima të trafikimit me njerëz të identifikuara",
        "sr": "Identifikovane žrtve trgovine ljudima",
        "en": "Victims of trafficking in human beings identified",
    },
    "displacement_return": {"sq": "Persona të kthyer", "sr": "Povratnici (osobe)", "en": "Returnees (persons)"},
    "hate_incident": {
        "sq": "Incidente të motivuara nga urrejtja",
        "sr": "Incidenti motivisani mržnjom",
        "en": "Hate-motivated incidents",
    },
    "records": {"sq": "Regjistrime", "sr": "Zapisi", "en": "Records"},
}
LABELS = {
    "map_title": {
        "sq": "{subject} për 100 000 banorë në vit, {years}\n(regjistrimet tuaja)",
        "sr": "{subject} na 100.000 stanovnika godišnje, {years}\n(vaši zapisi)",
        "en": "{subject} per 100,000 residents a year, {years}\n(your own records)",
    },
    "map_note": {
        "sq": "Të dhëna të përdoruesit (jo publike); normat mbi pak raste janë të paqëndrueshme. "
        "Numërimet nën {threshold} fshihen (edhe disa qeliza shtesë, për të mbrojtur totalin).",
        "sr": "Podaci korisnika (nisu javni); stope zasnovane na malo slučajeva su nestabilne. "
        "Brojevi manji od {threshold} su skriveni (i još neke ćelije, radi zaštite ukupnog broja).",
        "en": "User's own records (not public data); rates on few events are unstable. "
        "Counts below {threshold} are suppressed (with further cells where needed to protect the total).",
    },
    "missing_or_suppressed": {
        "sq": "pa të dhëna, ose e fshehur\n(numërim nën {threshold})",
        "sr": "nema podataka, ili skriveno\n(broj manji od {threshold})",
        "en": "no data, or suppressed\n(count below {threshold})",
    },
}


def records_map(
    pool: pd.DataFrame,
    *,
    subject: str = "records",
    years: str = "",
    threshold: int = 5,
    lang: str = "en",
    ax: Axes | None = None,
) -> Axes:
    """Draw the pooled, suppressed table (:func:`kosovo_hr.indicators.records.pooled_suppressed`).

    ``subject`` (a key of :data:`SUBJECTS`) names what is mapped in the title,
    ``years`` the span pooled; ``threshold`` is the count below which the table
    was suppressed (named in the legend and the note).
    """
    from .choropleth import choropleth

    if subject not in SUBJECTS:
        raise KosovoHRKeyError(f"unknown subject {subject!r}; choose one of {', '.join(SUBJECTS)}")
    return choropleth(
        pool,
        "rate",
        lang=lang,
        ax=ax,
        fmt="{:,.1f}",
        title=label("map_title", lang, LABELS).format(subject=label(subject, lang, SUBJECTS), years=years),
        legend_title=label("per_100k", lang),
        missing_label=label("missing_or_suppressed", lang, LABELS).format(threshold=threshold),
        note=label("map_note", lang, LABELS).format(threshold=threshold),
    )
