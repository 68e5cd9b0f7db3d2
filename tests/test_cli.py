"""The command line: sources, fetch, figures (every language, manifest)."""

import csv
import os
import subprocess
import sys

import pytest

from kosovo_hr import cli


def test_sources_lists_licence_and_citation(capsys):
    assert cli.main(["sources"]) == 0
    out = capsys.readouterr().out
    assert "geoboundaries_adm2" in out and "licence: CC BY-SA 2.0" in out and "cite:" in out


def test_fetch_one_source_from_the_mirror(capsys, mirror):
    assert cli.main(["fetch", "geoboundaries_adm2"]) == 0
    assert "geoBoundaries-XKX-ADM2_simplified.topojson" in capsys.readouterr().out


def test_fetch_a_source_without_files_says_so(capsys):
    assert cli.main(["fetch", "askdata"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "" and "askdata: no files to fetch" in captured.err


def test_fetch_unknown_source_lists_the_declared_ones():
    with pytest.raises(SystemExit, match="unknown source.*geoboundaries_adm2"):
        cli.main(["fetch", "nope"])


def test_figures_in_every_language_with_a_manifest(tmp_path, mirror):  # the CLI reports fetch errors as exit 2
    assert cli.main(["figures", "--lang", "all", "--outdir", str(tmp_path), "--only", "osce_regions"]) == 0
    for lang in ("sq", "sr", "sr-Cyrl", "en"):
        assert (tmp_path / lang / "osce_regions.png").stat().st_size > 10_000
    rows = list(csv.DictReader((tmp_path / "index.csv").open(encoding="utf-8")))
    assert {r["lang"] for r in rows} == {"sq", "sr", "sr-Cyrl", "en"}
    assert all("geoboundaries_adm2" in r["sources"] and "geoboundaries_adm2@" in r["data_version"] for r in rows)


def test_offline_cold_cache_message_is_one_line(tmp_path):
    env = dict(os.environ, KOSOVO_HR_CACHE=str(tmp_path / "c"), KOSOVO_HR_OFFLINE="1")
    env.pop("KOSOVO_HR_MIRROR", None)
    r = subprocess.run(
        [sys.executable, "-m", "kosovo_hr.cli", "fetch", "-q"], env=env, capture_output=True, text=True, timeout=120
    )
    assert r.returncode == 2
    assert r.stderr.startswith("kosovo-hr: ") and "KOSOVO_HR_OFFLINE" in r.stderr
    assert r.stderr.count("\n") == 1, r.stderr  # no traceback


def test_import_is_light():
    code = (
        "import sys, kosovo_hr; heavy = [m for m in ('pandas', 'geopandas', 'matplotlib', 'statsmodels') "
        "if m in sys.modules]; print(heavy)"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.stdout.strip() == "[]", r.stdout + r.stderr


def test_figures_drawn_in_parallel_equal_one_process(tmp_path):
    """``--jobs``: one language per process gives the same manifest rows and files as one process."""
    from kosovo_hr import cli

    one = cli.draw_figures_parallel(tmp_path / "a", ["sq", "en"], ["osce_regions"], dpi=30, formats=["svg"], jobs=1)
    two = cli.draw_figures_parallel(tmp_path / "b", ["sq", "en"], ["osce_regions"], dpi=30, formats=["svg"], jobs=2)
    assert [(r["figure"], r["lang"], r["files"], r["title"]) for r in one] == [
        (r["figure"], r["lang"], r["files"], r["title"]) for r in two
    ]
    for lang in ("sq", "en"):
        assert (tmp_path / "b" / lang / "osce_regions.svg").stat().st_size > 1000
