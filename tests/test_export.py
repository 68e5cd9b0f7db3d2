"""`kosovo_hr.export`: spreadsheet-friendly CSV tables and the municipal GeoPackage."""

from __future__ import annotations

import pandas as pd
import pytest

from kosovo_hr import export
from kosovo_hr.datasets.trafficking import load_trafficking


def test_export_tables_writes_bom_csv_and_index(tmp_path):
    paths = export.export_tables(tmp_path)
    names = {p.name for p in paths}
    assert {
        "trafficking_national.csv",
        "hate_incidents_national.csv",
        "displacement_national.csv",
        "trafficking_victims_series.csv",
        "index.csv",
    } <= names
    raw = (tmp_path / "trafficking_national.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    back = pd.read_csv(tmp_path / "trafficking_national.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    orig = load_trafficking()
    assert len(back) == len(orig) and list(back.columns) == list(orig.columns)
    assert "përpjekjet" in " ".join(back["source_title"])  # non-ASCII survives
    # missing is an empty cell, never 0
    assert (back.loc[orig["year_start"].isna().to_numpy(), "year_start"] == "").all()
    index = pd.read_csv(tmp_path / "index.csv", encoding="utf-8-sig")
    assert set(index["file"]) == names - {"index.csv"}
    assert index.set_index("table").loc["trafficking_national", "rows"] == 37


def test_semicolon_option_and_unknown_table(tmp_path):
    export.export_tables(tmp_path, names=["hate_incidents_odihr_series"], sep=";")
    df = pd.read_csv(tmp_path / "hate_incidents_odihr_series.csv", sep=";", encoding="utf-8-sig")
    assert list(df["year"]) == [2017, 2018, 2019, 2020, 2021, 2024]
    assert (df["value_lower"] < df["value"]).all()
    with pytest.raises(ValueError, match="no exported table"):
        export.export_tables(tmp_path, names=["nope"])


@pytest.fixture
def municipal_table():
    name = "_test_municipal"

    @export.table(name, description="test", sources=["test"], municipal=True)
    def _t() -> pd.DataFrame:
        return pd.DataFrame(
            {"code": ["prishtine", "prizren", "kosovo"], "year": [2020, 2020, 2020], "value": [1.5, None, 3.0]}
        )

    yield name
    export.TABLES.pop(name, None)


def test_registry_rejects_duplicates(municipal_table):
    with pytest.raises(ValueError, match="registered twice"):
        export.table(municipal_table, description="x", sources=[])(lambda: pd.DataFrame())


def test_geopackage_layers(tmp_path, municipal_table):
    import pyogrio

    path = export.export_geopackage(tmp_path / "m.gpkg", names=[municipal_table, "trafficking_national"])
    layers = dict(pyogrio.list_layers(path))
    assert set(layers) == {"municipalities", municipal_table}  # national tables are not municipal
    import geopandas as gpd

    muni = gpd.read_file(path, layer="municipalities")
    assert len(muni) == 38 and muni["code"].is_unique
    lay = gpd.read_file(path, layer=municipal_table)
    assert sorted(lay["code"]) == ["prishtine", "prizren"]  # 'kosovo' has no polygon
    assert lay.set_index("code")["value"].isna().loc["prizren"]


def test_export_all_writes_csvs_and_geopackage(tmp_path):
    import geopandas as gpd
    import numpy as np
    import pyogrio

    import kosovo_hr as kh

    paths = export.export_all(tmp_path)
    assert paths[-1] == tmp_path / export.GEOPACKAGE and paths[-1].exists()
    specs = export.load_all_tables()
    index = pd.read_csv(tmp_path / "index.csv", encoding="utf-8-sig").set_index("table")
    assert sorted(index.index) == sorted(specs) and len(specs) >= 15
    current = set(kh.municipalities()["code"])
    layers = dict(pyogrio.list_layers(paths[-1]))
    assert set(layers) == {"municipalities"} | {n for n, s in specs.items() if s.municipal}
    for name, spec in specs.items():
        built = spec.build().drop(columns="geometry", errors="ignore")
        back = pd.read_csv(tmp_path / f"{name}.csv", encoding="utf-8-sig", low_memory=False)
        assert back.shape == built.shape and list(back.columns) == list(built.columns), name
        assert index.loc[name, "rows"] == len(built)
        for c in built.columns:  # the numbers written are the numbers built (missing stays missing)
            if pd.api.types.is_numeric_dtype(built[c]) and not pd.api.types.is_bool_dtype(built[c]):
                a = built[c].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
                b = pd.to_numeric(back[c], errors="coerce").to_numpy(dtype=float)
                assert np.allclose(a, b, equal_nan=True, rtol=1e-9), (name, c)
        if spec.municipal:
            lay = gpd.read_file(paths[-1], layer=name)
            assert len(lay) == built["code"].isin(current).sum(), name
            assert set(lay["code"]) <= current and lay.geometry.notna().all()


def test_a_failed_csv_write_leaves_the_previous_file(tmp_path, monkeypatch):
    """A full disk mid-write must not leave a truncated CSV that still opens."""
    export.export_tables(tmp_path, names=["trafficking_national"])
    target = tmp_path / "trafficking_national.csv"
    before = target.read_bytes()
    real = pd.DataFrame.to_csv

    def full_disk(self, path, *args, **kwargs):
        real(self.head(3), path, *args, **kwargs)  # part of the table reached the disk
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pd.DataFrame, "to_csv", full_disk)
    with pytest.raises(OSError, match="No space"):
        export.export_tables(tmp_path, names=["trafficking_national"])
    assert target.read_bytes() == before
    assert not list(tmp_path.glob(".part-*"))


def test_a_killed_second_geopackage_export_keeps_the_first(tmp_path, monkeypatch, municipal_table):
    import geopandas as gpd
    import pyogrio

    path = export.export_geopackage(tmp_path / "m.gpkg", names=[municipal_table])
    first = dict(pyogrio.list_layers(path))
    real = gpd.GeoDataFrame.to_file
    calls = []

    def killed(self, filename, *args, **kwargs):
        calls.append(kwargs.get("layer"))
        if len(calls) == 2:
            raise KeyboardInterrupt  # the process is stopped between two layers
        return real(self, filename, *args, **kwargs)

    monkeypatch.setattr(gpd.GeoDataFrame, "to_file", killed)
    with pytest.raises(KeyboardInterrupt):
        export.export_geopackage(path, names=[municipal_table])
    monkeypatch.undo()
    assert dict(pyogrio.list_layers(path)) == first
    assert len(gpd.read_file(path, layer=municipal_table)) == 2
    assert not list(tmp_path.glob(".part-*"))


def _hostile_frame():
    # what a user's record file may carry into a count table (test data only)
    return pd.DataFrame(
        {
            "code": ["prishtine", "prizren", "peje", "gjakove", "ferizaj"],
            "category": ['=HYPERLINK("http://x","click")', "+381 38 000", "-1+2", "@SUM(A1:A9)", "ordinary"],
            "count": [1, -2, 3, 4, 5],
        }
    )


def test_formula_like_text_is_neutralised_in_csv(tmp_path):
    path = export.write_csv(_hostile_frame(), tmp_path / "user_counts.csv")
    back = pd.read_csv(path, encoding="utf-8-sig", dtype=str)
    assert list(back["category"]) == [
        '\'=HYPERLINK("http://x","click")',
        "'+381 38 000",
        "'-1+2",
        "'@SUM(A1:A9)",
        "ordinary",
    ]
    assert list(back["count"]) == ["1", "-2", "3", "4", "5"]  # numbers are never touched
    raw = path.read_text(encoding="utf-8-sig")
    assert not any(line.split(",")[1].startswith(("=", "+", "-", "@")) for line in raw.splitlines()[1:])


def test_formula_like_text_is_neutralised_in_xlsx(tmp_path):
    import openpyxl

    path = export.write_xlsx(_hostile_frame(), tmp_path / "user_counts.xlsx")
    ws = openpyxl.load_workbook(path).active
    cells = [ws.cell(row=r, column=2) for r in range(2, 7)]
    assert all(c.data_type == "s" for c in cells)  # text, not formulas
    assert [c.value for c in cells][:2] == ['\'=HYPERLINK("http://x","click")', "'+381 38 000"]
    assert ws.cell(row=3, column=3).value == -2
