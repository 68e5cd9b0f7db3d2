"""Local formats: encodings, separators, dates, numbers, missing-value words, headers, sheets, inputs.

Each test writes a small file into tmp_path and asserts either the documented
lossless reading or the clear error that says how to fix the file.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from kosovo_hr.errors import KosovoHRError
from kosovo_hr.records import RecordsSchemaError, header_aliases, load_records
from kosovo_hr.records.parse import MISSING_TEXT

HEADER = "date,municipality,category,bias_motivation,source"


def _csv(tmp_path, text: str, name="log.csv", encoding="utf-8") -> str:
    p = tmp_path / name
    p.write_bytes(text.encode(encoding))
    return str(p)


def _reason(res, row: int) -> str:
    return res.rejected.loc[res.rejected["row"] == row, "reason"].iloc[0]


# ------------------------------------------------------------------------------------------- encodings


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be"])
def test_unicode_encodings_detected(tmp_path, encoding):
    text = HEADER + "\n2021-03-04,Đakovica,threat,unknown,Udruženje\n2021-03-05,Graçanicë,threat,unknown,Shoqata\n"
    res = load_records(_csv(tmp_path, text, encoding=encoding), "hate_incident")
    assert list(res.records["code"]) == ["gjakove", "gracanice"]
    assert list(res.records["source"]) == ["Udruženje", "Shoqata"]
    assert res.info["encoding"].startswith("utf-")


def test_windows_1250_refused_with_the_fix_then_read(tmp_path):
    text = HEADER + "\n2021-03-04,Đakovica,threat,unknown,Udruženje građana\n"
    path = _csv(tmp_path, text, encoding="cp1250")
    with pytest.raises(RecordsSchemaError) as err:
        load_records(path, "hate_incident")
    msg = str(err.value)
    assert "not UTF-8" in msg and "encoding='cp1250'" in msg and "Windows-1250" in msg
    res = load_records(path, "hate_incident", encoding="cp1250")
    assert res.records["code"].tolist() == ["gjakove"]
    assert res.records["source"].iloc[0] == "Udruženje građana"


# ------------------------------------------------------------------------------------------- separators


@pytest.mark.parametrize("sep", [",", ";", "\t", "|"])
def test_separator_detected(tmp_path, sep):
    rows = [HEADER.split(","), ["04.03.2021", "Prizren", "threat", "unknown", "monitor, Prizren office"]]
    text = "\n".join(sep.join(f'"{c}"' if sep == "," and "," in c else c for c in r) for r in rows) + "\n"
    res = load_records(_csv(tmp_path, text), "hate_incident")
    assert res.info["sep"] == sep
    assert res.records["source"].iloc[0] == "monitor, Prizren office"


def test_separator_given_and_undetectable(tmp_path):
    with pytest.raises(RecordsSchemaError, match="sep="):
        load_records(_csv(tmp_path, "date municipality\n2021 Prizren\n"), "hate_incident")
    text = HEADER.replace(",", ";") + "\n2021;Prizren;threat;unknown;x\n"
    assert len(load_records(_csv(tmp_path, text), "hate_incident", sep=";").records) == 1


def test_line_with_too_many_cells_is_named(tmp_path):
    text = HEADER + "\n2021,Prizren,threat,unknown,x\n2021,Prizren,threat,unknown,a,b\n"
    with pytest.raises(RecordsSchemaError, match=r"line 3.*quote"):
        load_records(_csv(tmp_path, text), "hate_incident")


# ------------------------------------------------------------------------------------------- dates


def test_day_first_dates_read_and_formats_recorded(tmp_path):
    text = (
        HEADER
        + "\n"
        + "\n".join(
            f"{d},Prizren,threat,unknown,x"
            for d in ["04.03.2021", "4.3.2021", "04.03.2021.", "2021-03-04", "03.2021", "2021"]
        )
    )
    res = load_records(_csv(tmp_path, text + "\n"), "hate_incident", on_duplicate="keep")
    r = res.records
    assert list(r["date"].dt.strftime("%Y-%m-%d")) == ["2021-03-04"] * 4 + ["2021-03-01", "2021-01-01"]
    assert list(r["date_precision"]) == ["day"] * 4 + ["month", "year"]
    assert list(r["date_format"]) == ["dd.mm.yyyy"] * 3 + ["YYYY-MM-DD", "mm.yyyy", "YYYY"]
    assert res.info["date_formats"] == {"dd.mm.yyyy": 3, "YYYY-MM-DD": 1, "mm.yyyy": 1, "YYYY": 1}


def test_slashed_dates_need_dayfirst(tmp_path):
    text = HEADER + "\n3/4/21,Prizren,threat,unknown,x\n25/12/2020,Prizren,threat,unknown,y\n"
    path = _csv(tmp_path, text)
    res = load_records(path, "hate_incident")
    assert len(res.records) == 0 and len(res.rejected) == 2
    assert "ambiguous" in _reason(res, 2) and "dayfirst=True" in _reason(res, 2)
    day = load_records(path, "hate_incident", dayfirst=True).records
    assert list(day["date"].dt.strftime("%Y-%m-%d")) == ["2021-04-03", "2020-12-25"]
    assert list(day["date_format"]) == ["dd/mm/yy", "dd/mm/yyyy"]
    month = load_records(path, "hate_incident", dayfirst=False)
    assert month.records["date"].dt.strftime("%Y-%m-%d").tolist() == ["2021-03-04"]
    assert "not a valid calendar date" in _reason(month, 3)  # 12/25 as month/day does not exist


def test_implausible_years_are_row_errors_not_a_crash(tmp_path):
    future = (dt.date.today() + dt.timedelta(days=40)).isoformat()
    dates = ["0999", "2999", "2099-01-01", "1900-05-05", future, "2201", "2021-02-30", "last spring"]
    text = (
        HEADER
        + "\n"
        + "\n".join(f"{d},Prizren,threat,unknown,{i}" for i, d in enumerate(dates))
        + "\n2021-06-01,Prizren,threat,unknown,ok\n"
    )
    res = load_records(_csv(tmp_path, text), "hate_incident")
    assert res.records["source"].tolist() == ["ok"]
    assert len(res.rejected) == len(dates)
    assert res.rejected["row"].tolist() == list(range(2, 2 + len(dates)))
    assert "not plausible" in _reason(res, 2) and "not plausible" in _reason(res, 3)
    assert "after today" in _reason(res, 4) and "after today" in _reason(res, 6)
    assert "before 1945" in _reason(res, 5) and "min_year=" in _reason(res, 5)
    assert "not a valid calendar date" in _reason(res, 8)
    assert "not a date" in _reason(res, 9)
    # the counts table spans only the plausible years
    assert len(load_records(_csv(tmp_path, text), "hate_incident", min_year=1900).records) == 2


# ------------------------------------------------------------------------------------------- numbers

TRAFFICKING = "date,municipality,stage,form,n_persons,latitude,longitude,source"


def test_thousands_separators_never_read_as_a_smaller_number(tmp_path):
    text = (
        TRAFFICKING + "\n2021,Prizren,victim_identified,unknown,1.000,,,a\n2021,Prizren,victim_identified,"
        'unknown,"1,000",,,b\n2021,Prizren,victim_identified,unknown,12,,,c\n'
    )
    path = _csv(tmp_path, text)
    res = load_records(path, "trafficking")
    assert res.records["n_persons"].tolist() == [12]
    assert "thousands='.'" in _reason(res, 2) and "is not read as 1" in _reason(res, 2)
    assert "thousands=','" in _reason(res, 3)
    dotted = load_records(path, "trafficking", thousands=".")
    assert dotted.records["n_persons"].tolist() == [1000, 12]
    assert "thousands=','" in _reason(dotted, 3)


def test_decimal_comma_needs_decimal_option(tmp_path):
    text = TRAFFICKING.replace(",", ";") + "\n2021;;victim_identified;unknown;2;42,6629;21,1655;a\n"
    path = _csv(tmp_path, text)
    res = load_records(path, "trafficking")
    assert len(res.records) == 0 and "decimal=','" in _reason(res, 2)
    ok = load_records(path, "trafficking", decimal=",")
    assert ok.records["code"].tolist() == ["prishtine"]
    assert ok.records["latitude"].iloc[0] == pytest.approx(42.6629)


def test_dash_and_text_in_a_count_are_refused(tmp_path):
    text = (
        TRAFFICKING + "\n2021,Prizren,victim_identified,unknown,-,,,a\n2021,Prizren,victim_identified,"
        "unknown,two,,,b\n2021,Prizren,victim_identified,unknown,2.5,,,c\n"
    )
    res = load_records(_csv(tmp_path, text), "trafficking")
    assert len(res.records) == 0
    assert "not a whole number" in _reason(res, 2) and "not a whole number" in _reason(res, 3)
    assert "not a whole number" in _reason(res, 4)


# ------------------------------------------------------------------------------------------- missing words


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_missing_value_words_are_read_the_same_in_csv_and_excel(tmp_path, suffix):
    words = [w.upper() if i % 2 else w.title() for i, w in enumerate(MISSING_TEXT) if w]
    frame = pd.DataFrame(
        {
            "date": "2021-05-05",
            "municipality": "Prizren",
            "category": "threat",
            "bias_motivation": "unknown",
            "source": [f"s{i}" for i in range(len(words))],
            "affected_community": words,
            "notes": words,
        }
    )
    path = tmp_path / f"words{suffix}"
    (frame.to_csv(path, index=False) if suffix == ".csv" else frame.to_excel(path, index=False))
    res = load_records(path, "hate_incident")
    assert len(res.records) == len(words) and len(res.rejected) == 0
    assert res.records["affected_community"].isna().all() and res.records["notes"].isna().all()
    # a required column holding only a missing-value word is missing
    frame["source"] = "N/A"
    frame.to_csv(tmp_path / "na.csv", index=False)
    bad = load_records(tmp_path / "na.csv", "hate_incident")
    assert len(bad.records) == 0 and "column 'source': missing (required)" in bad.rejected["reason"].iloc[0]


# ------------------------------------------------------------------------------------------- headers


def test_albanian_and_serbian_headers(tmp_path):
    sq = (
        "Data,Komuna,Faza,Forma e shfrytëzimit,Numri i viktimave,Burimi\n"
        "04.03.2021,Ferizaj,victim_identified,forced_labour,3,Policia\n"
    )
    res = load_records(_csv(tmp_path, sq, "sq.csv"), "trafficking")
    assert res.records[["code", "n_persons", "source"]].values.tolist() == [["ferizaj", 3, "Policia"]]
    assert res.info["columns"]["n_persons"] == "Numri i viktimave"
    sr = "Datum,Opština,Kategorija,Motiv,Izvor\n04.03.2021.,Uroševac,threat,unknown,Policija\n"
    res = load_records(_csv(tmp_path, sr, "sr.csv"), "hate_incident")
    assert res.records["code"].tolist() == ["ferizaj"] and res.info["columns"]["municipality"] == "Opština"
    cyr = "Датум,Општина,category,bias_motivation,Извор\n2021-03-04,Урошевац,threat,unknown,Полиција\n"
    assert load_records(_csv(tmp_path, cyr, "cyr.csv"), "hate_incident").records["code"].tolist() == ["ferizaj"]


def test_header_alias_table_is_well_formed():
    from kosovo_hr.records import SCHEMAS

    t = header_aliases()
    assert {"column", "header", "language", "domain"} <= set(t.columns)
    assert set(t["language"]) <= {"sq", "sr", "sr-Cyrl", "en"}
    assert set(t["domain"]) <= {"*", *SCHEMAS}
    for _, r in t.iterrows():  # every alias names a column of a schema it applies to
        doms = SCHEMAS if r["domain"] == "*" else [r["domain"]]
        assert any(r["column"] in SCHEMAS[d].names for d in doms), r.to_dict()
    clash = t.groupby(["key", "domain"])["column"].nunique()
    assert (clash == 1).all(), clash[clash > 1]


def test_explicit_columns_mapping_and_its_errors(tmp_path):
    text = "Kur,Ku,Cfare,Pse,Nga kush\n2021,Prizren,threat,unknown,x\n"
    path = _csv(tmp_path, text)
    with pytest.raises(RecordsSchemaError, match="required column"):
        load_records(path, "hate_incident")
    cols = {"Kur": "date", "Ku": "municipality", "Cfare": "category", "Pse": "bias_motivation", "Nga kush": "source"}
    assert load_records(path, "hate_incident", columns=cols).records["code"].tolist() == ["prizren"]
    with pytest.raises(RecordsSchemaError, match="not in the file: 'Kurr'"):
        load_records(path, "hate_incident", columns={**cols, "Kurr": "date"})


def test_two_headers_on_one_column_refused(tmp_path):
    text = "Data,Datum,municipality,category,bias_motivation,source\n2021,2021,Prizren,threat,unknown,x\n"
    with pytest.raises(RecordsSchemaError, match="'Data', 'Datum' all read as column 'date'"):
        load_records(_csv(tmp_path, text), "hate_incident")


# ------------------------------------------------------------------------------------------- inputs


def test_excel_sheets(tmp_path):
    path = tmp_path / "book.xlsx"
    good = pd.DataFrame(
        {"Data": ["2021-05-05"], "Komuna": ["Pejë"], "Kategoria": ["threat"], "Motivi": ["unknown"], "Burimi": ["x"]}
    )
    with pd.ExcelWriter(path) as w:
        pd.DataFrame({"note": ["read me"]}).to_excel(w, sheet_name="Udhëzime", index=False)
        good.to_excel(w, sheet_name="Incidentet", index=False)
    with pytest.raises(RecordsSchemaError, match=r"2 sheets \('Udhëzime', 'Incidentet'\); choose one with sheet="):
        load_records(path, "hate_incident")
    assert load_records(path, "hate_incident", sheet="Incidentet").records["code"].tolist() == ["peje"]
    assert load_records(path, "hate_incident", sheet=1).info["sheet"] == "Incidentet"
    with pytest.raises(RecordsSchemaError, match="no sheet 'X'"):
        load_records(path, "hate_incident", sheet="X")


def test_dataframe_and_parquet_inputs_read_like_a_csv(tmp_path):
    frame = pd.DataFrame(
        {
            "Datum": ["04.03.2021", "2021-03", None],
            "Opština": ["Peć", "Пећ", "Prizren"],
            "category": ["threat"] * 3,
            "bias_motivation": ["unknown"] * 3,
            "source": ["a", "b", "c"],
        }
    )
    a = load_records(frame, "hate_incident")
    frame.to_parquet(tmp_path / "f.parquet")
    b = load_records(tmp_path / "f.parquet", "hate_incident")
    frame.to_csv(tmp_path / "f.csv", index=False)
    c = load_records(tmp_path / "f.csv", "hate_incident")
    for res in (a, b, c):
        assert res.records["code"].tolist() == ["peje", "peje"]
        assert res.rejected["row"].tolist() == [4] and "missing (required)" in res.rejected["reason"].iloc[0]
    assert a.info["format"] == "dataframe" and b.info["format"] == "parquet"


def test_old_excel_and_unknown_types_refused(tmp_path):
    for name in ("old.xls", "log.json"):
        (tmp_path / name).write_bytes(b"x")
        with pytest.raises(RecordsSchemaError, match="xlsx"):
            load_records(tmp_path / name, "hate_incident")


# ------------------------------------------------------------------------------------------- all at once


def test_one_file_with_every_local_format_at_once(tmp_path):
    """A Serbian-Latin Windows export: cp1250, semicolons, Serbian headers, day-first dates with the
    final dot, decimal commas, thousands points, N/A cells, a blank line and a duplicated row."""
    lines = [
        "Datum;Opština;Faza;Oblik eksploatacije;Broj žrtava;Geografska širina;Geografska dužina;Izvor;Napomena",
        "04.03.2021.;Đakovica;victim_identified;sex_trafficking;1.200;;;Policija;N/A",
        "5.3.2021;;victim_identified;forced_labour;2;42,38;20,43;Policija;terenski rad",
        "",
        "2021-03;Uroševac;victim_identified;unknown;3;;;Udruženje građana;",
        "06/03/21;Prizren;conviction;unknown;1;;;Sud;datum u formatu dd/mm/yy",
        "2021-03;Uroševac;victim_identified;unknown;3;;;Udruženje građana;",
    ]
    path = _csv(tmp_path, "\r\n".join(lines) + "\r\n", encoding="cp1250")
    with pytest.warns(UserWarning, match="repeat an earlier row exactly"):
        res = load_records(path, "trafficking", encoding="cp1250", thousands=".", decimal=",", dayfirst=True)
    r = res.records
    assert res.info["sep"] == ";" and res.info["encoding"] == "cp1250"
    assert r["row"].tolist() == [2, 3, 5, 6]  # the blank line keeps its number
    assert r["code"].tolist() == ["gjakove", "gjakove", "ferizaj", "prizren"]
    assert r["n_persons"].tolist() == [1200, 2, 3, 1]
    assert r["location_method"].tolist() == ["name", "coordinates", "name", "name"]
    assert r["date_format"].tolist() == ["dd.mm.yyyy", "dd.mm.yyyy", "YYYY-MM", "dd/mm/yy"]
    assert r["notes"].isna().tolist() == [True, False, True, False]
    assert r["source"].iloc[2] == "Udruženje građana"
    assert res.duplicates[["row", "kind", "same_as_row"]].values.tolist() == [[7, "exact_duplicate", 5]]
    assert len(res.rejected) == 0
    assert np.isclose(r["latitude"].iloc[1], 42.38)


@pytest.mark.parametrize("date", ["2021-00-01", "2021-03-00", "00.01.2021", "01.00.2021", "00.2021", "2021-00"])
def test_a_month_or_day_written_00_is_no_date(tmp_path, date):
    head = "date,municipality,category,bias_motivation,source\n"
    res = load_records(_csv(tmp_path, f"{head}{date},Prizren,threat,unknown,A\n"), "hate_incident")
    assert len(res.records) == 0
    assert "not a valid calendar date" in res.rejected["reason"].iloc[0]


def test_blank_lines_above_the_header_are_skipped_and_rows_keep_their_numbers(tmp_path):
    body = (
        "date,municipality,category,bias_motivation,source\n"
        "2021-03-04,Prizren,threat,unknown,A\n\n2021-03-05,Pejë,threat,unknown,A\n"
    )
    res = load_records(_csv(tmp_path, "\n  \n" + body), "hate_incident")
    assert res.records["row"].tolist() == [4, 6]  # the header is row 3 of the sheet
    with pytest.raises(RecordsSchemaError, match="empty"):
        load_records(_csv(tmp_path, "\n\n\n"), "hate_incident")


@pytest.mark.parametrize("bad", [0, -1, 2.5, "10", True])
def test_chunk_rows_must_be_a_whole_number_of_rows(tmp_path, bad):
    path = _csv(tmp_path, "date,municipality,category,bias_motivation,source\n2021-03-04,Prizren,threat,unknown,A\n")
    with pytest.raises(KosovoHRError, match="chunk_rows"):
        load_records(path, "hate_incident", chunk_rows=bad)


def test_a_dataframe_cell_holding_a_list_is_refused_naming_the_column():
    frame = pd.DataFrame(
        {
            "date": ["2021-03-04"],
            "municipality": ["Prizren"],
            "category": ["threat"],
            "bias_motivation": ["unknown"],
            "source": ["A"],
            "notes": [["x", "y"]],
        }
    )
    with pytest.raises(RecordsSchemaError, match="column 'notes' holds a list"):
        load_records(frame, "hate_incident")
