"""One vocabulary across the public API: level=, years=, *_lower/*_upper, one meaning per argument name."""

from __future__ import annotations

import inspect

import pandas as pd
import pytest

import kosovo_hr as kh


def test_every_exported_table_names_intervals_x_lower_x_upper():
    from kosovo_hr.indicators import load_all

    for name, spec in load_all().items():
        cols = list(spec.build().columns)
        assert not {"lower", "upper"} & set(cols), name
        for c in cols:
            if c.endswith("_lower"):
                assert c[: -len("_lower")] + "_upper" in cols, (name, c)


def test_unit_level_is_level_everywhere_old_spellings_still_work():
    from kosovo_hr.indicators.participation import aggregate_participation

    df = kh.municipalities()[["code"]].assign(count=1, population=100, year=2020)
    pd.testing.assert_frame_equal(kh.aggregate(df, level="district"), kh.aggregate(df, to="district"))
    from kosovo_hr.stats import membership

    assert membership(to="osce_region") == membership(level="osce_region") == kh.membership("osce_region")
    p = kh.participation("parliamentary_2019")
    pd.testing.assert_frame_equal(aggregate_participation(p, level="kosovo"), aggregate_participation(p, to="kosovo"))
    for fn in (kh.aggregate, kh.choropleth, kh.boundaries, kh.membership, kh.resolve, aggregate_participation):
        assert "level" in inspect.signature(fn).parameters, fn


def test_kind_has_one_meaning_other_uses_renamed_with_the_old_name_kept():
    # kind = kind of population figure (census / estimate), as the `kind` column of load_population
    assert set(kh.load_population(kind="census")["kind"]) == {"census"}
    # elections: type= (the `type` column)
    pd.testing.assert_frame_equal(kh.load_elections(type="mayor"), kh.load_elections(kind="mayor"))
    pd.testing.assert_frame_equal(kh.participation(type="local_assembly"), kh.participation(kind="local_assembly"))
    # Mosaic: table=; smoothing: method=
    assert "table" in inspect.signature(kh.load_mosaic).parameters
    assert "method" in inspect.signature(kh.eb_smooth).parameters


@pytest.mark.parametrize("fn", ["load_population", "load_population_by_community", "population_for_years"])
def test_years_filters(fn):
    assert "years" in inspect.signature(getattr(kh, fn)).parameters


def test_every_public_name_resolves():
    for name in kh.__all__:
        assert getattr(kh, name) is not None, name


def test_trend_level_and_its_old_spelling():
    import numpy as np

    rng = np.random.default_rng(5)
    m = kh.municipalities()[["code"]]
    df = pd.concat(
        [m.assign(year=y, population=50_000, count=rng.poisson(20, len(m))) for y in range(2015, 2021)],
        ignore_index=True,
    )
    pd.testing.assert_frame_equal(kh.trend(df, level="osce_region"), kh.trend(df, by="osce_region"))
    pd.testing.assert_frame_equal(kh.trend(df, level="municipality"), kh.trend(df, by="code"))
    assert len(kh.trend(df)) == 1 and len(kh.trend(df, level="district")) == 7
    with pytest.raises(ValueError, match="level must be"):
        kh.trend(df, level="continent")
