"""Labels in Albanian (sq), Serbian Latin (sr) and English (en).

Each figure module keeps its own ``LABELS = {key: {"sq": ..., "sr": ..., "en": ...}}``
and calls :func:`label`; labels shared by every figure live in :data:`COMMON`.
Place names come from the gazetteer (:func:`unit_names`, ``kosovo_hr.names(lang)``), never from here.
"""

from __future__ import annotations

from ..gazetteer.tables import LANGS, historic_units, names

COMMON: dict[str, dict[str, str]] = {
    "missing": {"sq": "Pa të dhëna", "sr": "Nema podataka", "en": "No data"},
    "source": {"sq": "Burimi", "sr": "Izvor", "en": "Source"},
    "osce_region": {"sq": "Rajoni i OSBE-së", "sr": "Region OEBS-a", "en": "OSCE region"},
    "municipality": {"sq": "Komuna", "sr": "Opština", "en": "Municipality"},
    "year": {"sq": "Viti", "sr": "Godina", "en": "Year"},
    "kosovo": {"sq": "Kosova", "sr": "Kosovo", "en": "Kosovo"},
    "region_outline": {"sq": "Kufiri i rajonit të OSBE-së", "sr": "Granica regiona OEBS-a",
                       "en": "OSCE region boundary"},
    "per_100k": {"sq": "për 100 000 banorë", "sr": "na 100.000 stanovnika", "en": "per 100,000 residents"},
}


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}; got {lang!r}")
    return lang


def label(key: str, lang: str, table: dict[str, dict[str, str]] | None = None) -> str:
    """The label ``key`` in ``lang``, from ``table`` or :data:`COMMON`."""
    check_lang(lang)
    for t in (table or {}, COMMON):
        if key in t:
            return t[key][lang]
    raise KeyError(f"no label {key!r}; add it with sq, sr and en texts")


def unit_names(lang: str, level: str = "municipality", *, historic: bool = False) -> dict[str, str]:
    """Display names of the units at ``level`` in ``lang`` (from the gazetteer).

    ``historic=True`` adds the former municipalities (``mitrovice_pre2013``,
    ``*_pre2008``) for labelling rows of old waves or elections.
    """
    out = names(lang, level)
    if historic:
        h = historic_units()
        out.update({c: n for c, n in zip(h["code"], h[f"name_{lang}"]) if c not in out})
    return out
