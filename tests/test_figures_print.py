"""Figures fit for print: four languages, vector text, localised, print-size source line, maps that read.

The CLI tests draw a representative subset (a labelled categorical map, a
diverging map, a grouped bar chart, a national series) in every language as
PNG and SVG. CI draws every figure in its main job and then runs these tests
on that folder: with ``KOSOVO_HR_FIGURES_DIR`` set (the ``--outdir`` of
``kosovo-hr figures --lang all --format png,svg``), every figure in it is checked.
"""

import csv
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pandas as pd
import pytest

import kosovo_hr as kh
from kosovo_hr import cli
from kosovo_hr.plots import class_colours, label
from kosovo_hr.plots.i18n import LANGS, label_table, latin_names, latin_outside_names
from kosovo_hr.plots.sources_line import GID, source_fontsize, source_text
from kosovo_hr.plots.style import MIN_TEXT_PT, PRINT_WIDTH_IN

SUBSET = ["osce_regions", "population_change_2011_2024", "population_region_totals", "trafficking_victims_identified"]
PATH = re.compile(r"kosovo_hr/|data/|\.csv\b|\.json\b|/[a-z_]+/")


@pytest.fixture(scope="module")
def drawn(tmp_path_factory):
    """(folder, figure names): the subset drawn now, or every figure of KOSOVO_HR_FIGURES_DIR."""
    given = os.environ.get("KOSOVO_HR_FIGURES_DIR")
    if given:
        from kosovo_hr.figures import load_all

        return Path(given), sorted(load_all())
    out = tmp_path_factory.mktemp("figures")
    from kosovo_hr import boundaries

    boundaries("municipality")  # the maps need it: without mirror or network the conftest hook skips
    assert cli.main(["figures", "--lang", "all", "--format", "png,svg", "--outdir", str(out), "--only", *SUBSET]) == 0
    return out, sorted(SUBSET)


def _svg_texts(path) -> list[str]:
    root = ET.parse(path).getroot()
    return ["".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text")]


def _english_words() -> set[str]:
    """Words of the English label texts that are not also Albanian/Serbian words, names or numbers."""
    table = label_table()
    other = set()
    for texts in table.values():
        for lang in ("sq", "sr"):
            other |= {w.lower() for w in re.findall(r"[^\W\d_]+", texts[lang])}
    names = {w.lower() for n in latin_names() for w in re.findall(r"[^\W\d_]+", n)}
    places = {
        w.lower()
        for lang in ("sq", "sr", "en")
        for level in ("municipality", "osce_region")
        for n in kh.names(lang, level).values()
        for w in re.findall(r"[^\W\d_]+", n)
    }
    english = {w.lower() for texts in table.values() for w in re.findall(r"[^\W\d_]+", texts["en"])}
    return {w for w in english - other - names - places if len(w) >= 4}


def test_same_names_in_every_language_and_manifest_texts(drawn):
    drawn, names = drawn
    listings = {lang: sorted(p.name for p in (drawn / lang).iterdir()) for lang in LANGS}
    assert listings["sq"] == [f"{n}.{ext}" for n in names for ext in ("png", "svg")]
    assert all(v == listings["sq"] for v in listings.values())
    rows = list(csv.DictReader((drawn / "index.csv").open(encoding="utf-8")))
    assert len(rows) == len(names) * 4
    for col in ("figure", "language", "title", "caption", "alt", "lang", "path", "notebook", "sources", "data_version"):
        assert col in rows[0]
    cyr = {r["figure"]: r for r in rows if r["language"] == "sr-Cyrl"}
    assert cyr["osce_regions"]["title"] == "Општине Косова по региону ОЕБС-а"
    assert all(r["alt"] and r["caption"] and r["title"] for r in rows)


def test_svg_text_is_text_and_in_the_figures_language(drawn):
    drawn, names = drawn
    english = _english_words()
    assert {"source", "municipality", "victims"} <= english
    for lang in LANGS:
        for name in names:
            svg = drawn / lang / f"{name}.svg"
            raw = svg.read_text(encoding="utf-8")
            texts = _svg_texts(svg)
            assert len(texts) > 5 and 'id="DejaVuSans' not in raw  # text elements, not glyph outlines
            joined = " ".join(texts)
            assert not PATH.search(joined), (lang, name, PATH.search(joined))
            if lang == "en":
                continue
            words = {w.lower() for w in re.findall(r"[^\W\d_]+", joined)}
            assert words & english == set(), (lang, name, sorted(words & english))
            if lang == "sr-Cyrl":
                assert latin_outside_names(joined) == [], (name, latin_outside_names(joined))


def test_png_is_print_resolution(drawn):
    from PIL import Image

    drawn, _ = drawn
    with Image.open(drawn / "sq" / "osce_regions.png") as im:
        assert round(im.info["dpi"][0]) == 300
        assert im.width / 300 >= PRINT_WIDTH_IN * 0.9


def test_source_line_is_8_pt_at_printed_width_and_names_no_path():
    fig = kh.choropleth(kh.municipalities()[["code", "area_km2"]], "area_km2", lang="sq").figure
    line = [t for t in fig.texts if t.get_gid() == GID]
    assert len(line) == 1
    assert line[0].get_fontsize() * PRINT_WIDTH_IN / max(fig.get_figwidth(), PRINT_WIDTH_IN) >= MIN_TEXT_PT
    fig.set_figwidth(PRINT_WIDTH_IN * 2)
    assert source_fontsize(fig) == 2 * MIN_TEXT_PT
    text = source_text(["geoboundaries_adm2", "kosovo_hr/data/population/population.csv"], "sr-Cyrl")
    assert text.startswith("Извор: границе: geoBoundaries 2020") and "kosovo_hr/" not in text
    with pytest.raises(KeyError, match="source.kosovo_hr/data/undeclared.csv"):
        source_text(["kosovo_hr/data/undeclared.csv"], "sq")


def test_diverging_scale_is_centred_on_zero():
    bins = [-30, -20, -10, 0, 20, 90]
    cols = class_colours(bins, "RdBu", "diverging")
    red = [c[0] - c[2] for c in cols]
    assert all(r > 0 for r in red[:4]) and all(r < 0 for r in red[4:])  # declines red, growth blue
    light = [0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2] for c in cols]
    assert abs(light[3] - light[4]) < 0.06  # one step either side of zero: about equally light
    assert light[3] > light[2] > light[1] > light[0] and light[4] > light[5]
    with pytest.raises(ValueError, match="class bound"):
        class_colours([-5, 5, 10], "RdBu", "diverging")
    with pytest.raises(ValueError, match="colour-blind-safe"):
        class_colours([1, 2], "RdYlGn", "sequential")
    m = kh.municipalities()[["code"]].assign(v=np.linspace(-25, 40, 38))
    ax = kh.choropleth(m, "v", bins=bins, fmt="{:+.0f}", lang="sr")
    texts = [t.get_text() for t in ax.get_legend().get_texts()]
    assert texts[:2] == ["\u221230 – \u221220", "\u221220 – \u221210"]  # no value <= -30: class not listed
    assert "0 – +20" in texts and "Nema podataka" not in texts


def test_legend_lists_present_classes_and_no_data_only_when_missing():
    m = kh.municipalities()[["code"]].assign(v=np.where(np.arange(38) % 2, 1.0, 3.0))
    ax = kh.choropleth(m, "v", bins=[1, 2, 3], fmt="{:.0f}")
    texts = [t.get_text() for t in ax.get_legend().get_texts()]
    assert texts == ["≤ 1", "2 – 3", label("region_outline", "en")]


def test_small_multiples_legend_covers_every_panel():
    m = kh.municipalities()[["code"]]
    data = pd.concat([m.assign(panel=1, v=1.0), m.assign(panel=2, v=3.0).iloc[1:]])
    fig = kh.small_multiples(data, "v", "panel", ncols=2, bins=[1, 2, 3], fmt="{:.0f}")
    (legend,) = fig.legends
    texts = [t.get_text() for t in legend.get_texts()]
    assert texts[:3] == ["≤ 1", "2 – 3", "No data"]


def test_map_labels_do_not_collide_and_have_a_halo():
    fig, ax = matplotlib.pyplot.subplots(figsize=(PRINT_WIDTH_IN, PRINT_WIDTH_IN))
    kh.choropleth(kh.municipalities()[["code", "area_km2"]], "area_km2", lang="sr-Cyrl", labels=True, ax=ax)
    fig.canvas.draw()
    labels = [t for t in ax.texts if (t.get_gid() or "").startswith("label-") and t.get_gid() != "label-key"]
    assert len(labels) == 38
    assert all(t.get_path_effects() for t in labels)
    boxes = [t.get_window_extent() for t in labels]
    overlaps = [
        (a.get_text(), b.get_text())
        for i, (a, ba) in enumerate(zip(labels, boxes))
        for b, bb in list(zip(labels, boxes))[i + 1 :]
        if ba.overlaps(bb)
    ]
    assert overlaps == []
    key = next((t for t in ax.texts if t.get_gid() == "label-key"), None)
    numbered = [t.get_text() for t in labels if t.get_text().isdigit()]
    if numbered:
        assert key is not None and key.get_text().startswith("1\u00a0")
    key_text = key.get_text().replace("\u00a0", " ") if key else ""
    assert "Приштина" in {t.get_text() for t in labels} or "Приштина" in key_text


def test_pdf_embeds_truetype_text(tmp_path):
    import matplotlib.pyplot as plt

    from kosovo_hr.plots import project_style

    with project_style():
        fig, ax = plt.subplots(figsize=(3, 2))
        ax.set_title("Општине Kosova — Komunat e Kosovës")
        fig.savefig(tmp_path / "t.pdf")
        fig.savefig(tmp_path / "t.svg")
    plt.close(fig)
    raw = (tmp_path / "t.pdf").read_bytes()
    assert b"/FontFile2" in raw and b"/Type3" not in raw and b"DejaVuSans" in raw
    assert "Општине Kosova — Komunat e Kosovës" in _svg_texts(tmp_path / "t.svg")


def test_formats_are_checked():
    assert cli.parse_formats("png, SVG,pdf,png") == ["png", "svg", "pdf"]
    with pytest.raises(SystemExit, match="unknown format.*png, svg, pdf"):
        cli.parse_formats("png,tiff")
    args = cli.build_parser().parse_args(["figures"])
    assert args.format == "png" and args.dpi == 300 and args.lang == "all"
