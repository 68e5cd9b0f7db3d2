"""The records map and its table: small counts suppressed by default, the subject named in the title."""

from __future__ import annotations

import pandas as pd
import pytest

import kosovo_hr as kh


def _indicators_of(n: dict[str, int]):
    """Indicators from ``n[code]`` threat records per municipality, spread over 2015-2019."""
    rows = [
        {
            "date": f"{2015 + k % 5}-06-01",
            "municipality": c,
            "category": "threat",
            "bias_motivation": "unknown",
            "source": "t",
            "record_id": f"{c}{k}",
        }
        for c, k_max in n.items()
        for k in range(k_max)
    ]
    res = kh.load_records(pd.DataFrame(rows), "hate_incident")
    return kh.municipal_indicators(res.records)


def _indicators():
    return _indicators_of({c: i % 9 for i, c in enumerate(kh.municipalities()["code"])})


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


def _indicators_one_small_in_a_region():
    """One region with a single small count (its total would give it away), another with two."""
    muni = kh.municipalities()
    regions = sorted(muni["osce_region"].unique())
    n = {c: 10 for c in muni["code"]}
    first = muni[muni["osce_region"] == regions[0]]["code"].tolist()
    second = muni[muni["osce_region"] == regions[1]]["code"].tolist()
    n[first[0]] = 2
    n[second[0]] = n[second[1]] = 3
    return _indicators_of(n)


@pytest.mark.parametrize("make", [_indicators, _indicators_one_small_in_a_region])
def test_region_tables_hide_every_small_count_from_the_published_totals(make):
    ind = make()
    muni, region = kh.pooled_by_region(ind)
    raw = kh.pooled(ind).set_index("code")["count"]
    m = muni.set_index("code")
    # municipal counts shown are the pooled counts; the small ones are hidden
    shown = m["count"].notna()
    assert (m.loc[shown, "count"].astype(int) == raw[shown]).all()
    assert m.loc[raw[(raw > 0) & (raw < 5)].index, "count"].isna().all()
    # region totals are the sums of all their municipalities' counts (hidden ones included)
    full = m.assign(count=raw).groupby("osce_region")["count"].sum()
    r = region.set_index("osce_region")
    assert (r.loc[r["count"].notna(), "count"].astype(int) == full[r["count"].notna()]).all()
    # no hidden count can be worked out from its region's total or from Kosovo's: never one hidden alone
    hidden = m["count"].isna().groupby(m["osce_region"]).sum()
    assert ((hidden == 0) | (hidden >= 2)).all(), hidden
    assert m["count"].isna().sum() != 1
    assert set(region["osce_region"]) == set(kh.municipalities()["osce_region"])


def test_region_tables_unsuppressed_on_request():
    ind = _indicators()
    muni, region = kh.pooled_by_region(ind, suppress_small=False)
    assert muni["count"].notna().all() and not muni["suppressed"].any()
    assert region["count"].sum() == muni["count"].sum() == kh.pooled(ind)["count"].sum()
