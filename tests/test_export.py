"""`kosovo_hr.export`: spreadsheet-friendly CSV tables and the municipal GeoPackage."""

from __future__ import annotations

import pandas as pd
import pytest

from kosovo_hr import export
from kosovo_hr.datasets.trafficking import load_trafficking


def test_export_tables_writes_bom_csv_and_index(tmp_path):
    paths = export.export_tables(tmp_path)
    names = {p.name for p in paths}
    assert {"trafficking_national.csv", "hate_incidents_national.csv", "displacement_national.csv",
            "trafficking_victims_series.csv", "index.csv"} <= names
    raw = (tmp_path / "trafficking_national.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    back = pd.read_csv(tmp_path / "trafficking_national.csv", encoding="utf-8-sig", dtype=str,
                       keep_default_na=False)
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
    assert (df["lower"] < df["value"]).all()
    with pytest.raises(ValueError, match="no exported table"):
        export.export_tables(tmp_path, names=["nope"])


@pytest.fixture
def municipal_table():
    name = "_test_municipal"

    @export.table(name, description="test", sources=["test"], municipal=True)
    def _t() -> pd.DataFrame:
        return pd.DataFrame({"code": ["prishtine", "prizren", "kosovo"], "year": [2020, 2020, 2020],
                             "value": [1.5, None, 3.0]})

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
    paths = export.export_all(tmp_path)
    assert paths[-1] == tmp_path / export.GEOPACKAGE and paths[-1].exists()
    assert (tmp_path / "index.csv").exists() and (tmp_path / "displacement_returns_series.csv").exists()
