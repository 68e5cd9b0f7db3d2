"""UNDP Kosovo Mosaic loader: hand-checked values, validation, missing values."""

from __future__ import annotations

import math

import pandas as pd
import pytest

import kosovo_hr as kh
from kosovo_hr.datasets.mosaic import MosaicRowError, expand_for_map, load_mosaic, mosaic_rejected, read_mosaic_file


@pytest.fixture(scope="module")
def sat() -> tuple[pd.DataFrame, pd.DataFrame]:
    data = load_mosaic("satisfaction")
    return data, mosaic_rejected(data)


@pytest.fixture(scope="module")
def problems() -> pd.DataFrame:
    return load_mosaic("problems")


def value(df, indicator, year, code):
    sel = df[(df["indicator"] == indicator) & (df["year"] == year) & (df["code"] == code)]
    assert len(sel) == 1, (indicator, year, code, len(sel))
    return sel["share"].iloc[0]


# Values read by eye from the CR-only file (lines 2, 134, 135, 147 of
# consolidated_indicators_mod.csv; lines 8 and 14 of problems.csv).
@pytest.mark.parametrize(
    "indicator, year, code, expected",
    [
        ("Satisfaction with family medical centers", 2003, "prishtine", 0.719),
        ("Satisfaction with family medical centers", 2003, "mitrovice_pre2013", 0.790),
        ("Satisfaction with family medical centers", 2003, "kosovo", 0.802),
        ("Satisfaction with Kosovo Police", 2012, "leposaviq", 0.369),
        ("Satisfaction with Kosovo Police", 2012, "drenas", 0.874),
        ("Satisfaction with Kosovo Police", 2012, "gracanice", 0.322),
        ("Satisfaction with Kosovo Police", 2015, "mitrovice_e_jugut", 0.874),
        ("Satisfaction with Kosovo Police", 2015, "mitrovice_e_veriut", 0.176),
        ("Satisfaction with Kosovo Police", 2015, "kosovo", 0.707),
        ("Satisfaction with Municipal Assembly", 2015, "gracanice", 0.005),
        ("Satisfaction with Municipal Assembly", 2015, "junik", 0.162),
    ],
)
def test_hand_checked_satisfaction_values(sat, indicator, year, code, expected):
    assert value(sat[0], indicator, year, code) == pytest.approx(expected)


def test_hand_checked_problem_values(problems):
    assert value(problems, "inter-ethnic relations", 2015, "mitrovice_e_veriut") == pytest.approx(0.145)
    assert value(problems, "inter-ethnic relations", 2015, "zubin_potok") == pytest.approx(0.078)
    assert value(problems, "limited freedom of movement", 2012, "zubin_potok") == pytest.approx(0.144)
    # empty = not among the problems reported: missing, never 0
    assert math.isnan(value(problems, "inter-ethnic relations", 2015, "prishtine"))
    # plain "Mitrovica" is South Mitrovica in 2015 and the undivided unit in 2012
    assert value(problems, "unemployment", 2015, "mitrovice_e_jugut") == pytest.approx(0.4)
    assert value(problems, "unemployment", 2012, "mitrovice_pre2013") == pytest.approx(0.559)


def test_the_shifted_row_of_the_real_file_is_rejected(sat):
    data, rejected = sat
    assert rejected["line"].tolist() == [15]
    assert rejected.loc[0, "indicator"] == "Satisfaction with public health"
    assert "did not exist in 2012" in rejected.loc[0, "reason"]
    pub = data[(data["indicator"] == "Satisfaction with public health")]
    assert 2012 not in set(pub["year"])  # never used, not even partly
    with pytest.raises(MosaicRowError, match="line 15"):
        load_mosaic("satisfaction", strict=True)


def test_missing_stays_missing_and_every_wave_covers_the_map(sat):
    data = sat[0]
    transport = data[(data["indicator"] == "Satisfaction with public transport") & (data["year"] == 2003)]
    assert len(transport) > 30 and transport["share"].isna().all()
    assert math.isnan(value(data, "Satisfaction with the Mayor", 2003, "gracanice"))
    assert set(data["year"]) == {2003, 2006, 2009, 2012, 2015}
    assert data["share"].dropna().between(0, 1).all()
    codes15 = set(data.loc[data["year"] == 2015, "code"])
    assert codes15 == set(kh.municipalities()["code"]) | {"kosovo"}
    police = data[data["indicator"] == "Satisfaction with Kosovo Police"]
    assert set(police["year"]) == {2012, 2015}
    assert (police["kosovo_share"].dropna().isin([0.816, 0.707])).all()


def test_expand_for_map_gives_the_undivided_value_to_both_mitrovicas(sat):
    sub = sat[0][(sat[0]["indicator"] == "Satisfaction with the Mayor") & (sat[0]["year"] == 2003)]
    m = expand_for_map(sub).set_index("code")
    assert len(m) == 38 and "kosovo" not in m.index
    assert m.loc["mitrovice_e_veriut", "share"] == m.loc["mitrovice_e_jugut", "share"] == pytest.approx(0.677)
    assert m.loc["mitrovice_e_veriut", "expanded_from"] == "mitrovice_pre2013"


HEADER = "indicator,Year,Pristina,Mitrovica,Mitrovica South,Mitrovica North,Gjilan,Kosovo"


def write(tmp_path, *rows, eol="\r"):
    p = tmp_path / "fixture.csv"
    p.write_bytes(eol.join([HEADER, *rows]).encode())
    return p


def test_short_row_is_reported_with_its_line(tmp_path):
    p = write(tmp_path, "A,2012,0.5,0.4,,,0.3,0.45", "B,2012,0.5,0.4,0.3,0.45")
    with pytest.raises(MosaicRowError, match=r"line 3: short row: 6 fields, header has 8"):
        load_mosaic(path=p, strict=True)
    data = load_mosaic(path=p)
    rej = mosaic_rejected(data)
    assert rej["line"].tolist() == [3] and set(data["indicator"]) == {"A"}


def test_shifted_row_is_rejected_not_realigned(tmp_path):
    # 2012 values slid right by two columns: values under the 2015-only Mitrovica columns
    p = write(tmp_path, "A,2012,0.5,,0.4,0.3,0.2,", "B,2015,0.5,,0.4,0.3,0.2,0.41")
    data = load_mosaic(path=p)
    rej = mosaic_rejected(data)
    assert rej["line"].tolist() == [2]
    assert "Mitrovica South, Mitrovica North" in rej.loc[0, "reason"]
    assert value(data, "B", 2015, "mitrovice_e_veriut") == pytest.approx(0.3)


def test_bad_cells_long_rows_and_clashes(tmp_path):
    p = write(
        tmp_path,
        "A,2012,0.5,abc,,,0.3,0.4",  # not a number
        "B,2012,0.5,0.4,,,1.3,0.4",  # out of range
        "C,2012,0.5,0.4,,,0.3,0.4,0.9",  # long
        "D,2015,0.5,0.6,0.4,0.3,0.2,0.4",  # Mitrovica and Mitrovica South both -> south
        "E,2010,0.5,0.4,,,0.3,0.4",  # not a wave
        "F,2009,,,,,,",
        eol="\n",
    )  # all missing: kept as missing
    data, rej = read_mosaic_file(p)
    assert rej["line"].tolist() == [2, 3, 4, 5, 6]
    assert "not shares" in rej.loc[0, "reason"] and "long row" in rej.loc[2, "reason"]
    assert "same municipality" in rej.loc[3, "reason"]
    assert set(data["indicator"]) == {"F"} and data["share"].isna().all()


def test_load_mosaic_returns_a_frame_and_keeps_the_old_tuple_spelling(sat):
    import kosovo_hr as kh

    data, rejected = sat
    frame = kh.load_mosaic("satisfaction")
    assert isinstance(frame, pd.DataFrame) and len(frame) == len(data)
    pd.testing.assert_frame_equal(kh.mosaic_rejected(frame), rejected)
    old_data, old_rejected = load_mosaic("satisfaction", strict=False)  # notebook 06 still reads it so
    pd.testing.assert_frame_equal(old_data, frame)
    pd.testing.assert_frame_equal(old_rejected, rejected)
    pd.testing.assert_frame_equal(load_mosaic(kind="problems"), load_mosaic("problems"))
    with pytest.raises(ValueError, match="carries no rejected rows"):
        mosaic_rejected(pd.DataFrame())
