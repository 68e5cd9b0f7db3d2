"""The records map and its table: small counts suppressed by default, the subject named in the title."""

from __future__ import annotations

import pandas as pd
import pytest

import kosovo_hr as kh


def _indicators():
    muni = kh.municipalities()["code"].tolist()
    rows = [
        {
            "date": f"{2015 + k % 5}-06-01",
            "municipality": c,
            "category": "threat",
            "bias_motivation": "unknown",
            "source": "t",
            "record_id": f"{c}{k}",
        }
        for i, c in enumerate(muni)
        for k in range(i % 9)
    ]
    res = kh.load_records(pd.DataFrame(rows), "hate_incident")
    return kh.municipal_indicators(res.records)


def test_pooled_table_suppresses_small_counts():
    ind = _indicators()
    pool = kh.pooled_suppressed(ind)
    raw = kh.pooled(ind).set_index("code")["count"]
    small = raw[(raw > 0) & (raw < 5)].index
    assert len(small) > 5
    p = pool.set_index("code")
    assert p.loc[small, "count"].isna().all() and p.loc[small, "rate"].isna().all()
    assert (p.loc[small, "suppression_reason"] == "primary").all()
    shown = p["count"].notna()
    assert (p.loc[shown, "count"].astype(int) == raw[shown]).all()
    assert ((p.loc[shown, "count"] == 0) | (p.loc[shown, "count"] >= 5)).all()


@pytest.mark.parametrize("lang", ["sq", "sr", "en"])
def test_map_names_its_subject_and_suppresses(lang):
    ind = _indicators()
    ax = kh.map_pooled_rates(ind, subject="hate_incident", lang=lang)
    title = ax.get_title()
    assert {
        "sq": "Incidente të motivuara nga urrejtja",
        "sr": "Incidenti motivisani mržnjom",
        "en": "Hate-motivated incidents",
    }[lang] in title
    texts = [t.get_text() for t in ax.get_legend().get_texts()]
    assert any("5" in t and ("suppress" in t or "fshehur" in t or "skriveno" in t) for t in texts)
    with pytest.raises(KeyError, match="unknown subject"):
        kh.map_pooled_rates(ind, subject="victims", lang=lang)
