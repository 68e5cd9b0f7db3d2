"""Municipality and region names from the gazetteer in a page's language."""

from __future__ import annotations

from functools import lru_cache

from .labels import text

#: gazetteer name column of each page language
NAME_COLUMN = {"sq": "name_sq", "sr": "name_sr", "sr-Cyrl": "name_sr_cyrl", "en": "name_en"}


@lru_cache(maxsize=None)
def place_names(lang: str) -> dict[str, str]:
    """``code -> name`` in ``lang`` for the municipalities, OSCE regions, districts and historic units,
    plus ``kosovo``."""
    from ..gazetteer import districts, historic_units, municipalities, regions

    col = NAME_COLUMN[lang]
    out: dict[str, str] = {}
    for table in (historic_units, districts, regions, municipalities):
        df = table()
        if col in df.columns:
            out.update(zip(df["code"], df[col]))
    out["kosovo"] = text("kosovo", lang)
    return out


def place(code: object, lang: str) -> str:
    """The name of ``code`` in ``lang``; a code the gazetteer does not know is shown as it is."""
    return place_names(lang).get(str(code), str(code))
