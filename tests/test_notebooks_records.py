"""The own-records branch of notebooks 02–04 runs, on a seeded synthetic record file per domain.

The synthetic files are written to pytest's tmp_path only; the notebooks are
executed in memory (nbclient) with ``RECORDS_PATH`` pointing at them and are
never saved, so no synthetic number reaches data/, figures/ or a stored
notebook output.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import kosovo_hr as kh
from kosovo_hr.records import get_schema

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
SEED = 20261202

CASES = {
    "trafficking": ("02_trafficking.ipynb", {"stage": "victim_identified"}),
    "displacement": ("03_displacement.ipynb", {"movement": "return"}),
    "hate_incident": ("04_hate_crime.ipynb", {}),
}


def synthetic_records(domain: str, n: int, rng: np.random.Generator) -> pd.DataFrame:
    """``n`` records of ``domain`` in the spellings and formats real logs use, plus a few bad rows."""
    schema = get_schema(domain)
    muni = kh.municipalities()
    names = pd.concat([muni[c] for c in ("name_sq", "name_sr", "name_en", "name_sr_cyrl")]).dropna().to_numpy()
    days = pd.date_range("2012-01-01", "2023-12-31", freq="D")
    d = days[rng.integers(len(days), size=n)]
    frame = pd.DataFrame(
        {
            "record_id": [f"{domain[:2]}{i:05d}" for i in range(n)],
            "date": np.where(rng.random(n) < 0.5, d.strftime("%Y-%m-%d"), d.strftime("%d.%m.%Y")),
            "municipality": names[rng.integers(len(names), size=n)],
            "source": "synthetic test log",
        }
    )
    for col in schema.columns:
        if col.kind == "category" and col.name not in frame:
            frame[col.name] = rng.choice(list(col.categories), n)
        elif col.kind == "int" and col.name not in frame:
            frame[col.name] = rng.integers(1, 6, n)
    frame.loc[: n // 2, list(CASES[domain][1])] = list(CASES[domain][1].values()) or frame.loc[: n // 2, []]
    frame.loc[n - 3, "municipality"] = "Atlantis"  # unknown name: rejected
    frame.loc[n - 2, "date"] = "3/4/21"  # ambiguous date: rejected
    return pd.concat([frame, frame.iloc[[0]]], ignore_index=True)  # one exact duplicate


@pytest.mark.parametrize("domain", list(CASES))
def test_own_records_branch_runs(domain, tmp_path, monkeypatch):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    notebook, _ = CASES[domain]
    path = tmp_path / f"{domain}.csv"
    synthetic_records(domain, 1500, np.random.default_rng(SEED)).to_csv(path, index=False)
    nb = nbformat.read(NOTEBOOKS / notebook, as_version=4)
    params = [c for c in nb.cells if c.cell_type == "code" and "RECORDS_PATH = None" in c.source]
    assert len(params) == 1, "the parameter cell sets RECORDS_PATH = None"
    params[0].source = params[0].source.replace("RECORDS_PATH = None", f"RECORDS_PATH = {str(path)!r}")
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")  # figures as outputs
    client = nbclient.NotebookClient(
        nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOKS)}}
    )
    client.execute()  # raises CellExecutionError naming the failing cell
    text = "\n".join(
        o.get("text", "") if o.get("output_type") == "stream" else str(o.get("data", {}).get("text/plain", ""))
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.get("outputs", [])
    )
    assert "1501 row(s) read as" in text and "2 rejected, 1 exact duplicate(s) dropped" in text
    assert "RECORDS_PATH is not set" not in text
    images = [
        o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if "image/png" in o.get("data", {})
    ]
    assert images, "the records branch draws its map"
