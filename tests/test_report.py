"""The report book as a reader gets it: pages per language, links that resolve, every figure once,
the table behind each figure, caveats and sources from the data, the user's records suppressed
and never copied.

The book is built once per session (figures drawn once, into pytest's temporary folder) with a
synthetic record file made here with a fixed seed; ``tests/test_report_browser.py`` opens the
same book in Chromium.
"""

from __future__ import annotations

import csv
import hashlib
import re
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from kosovo_hr import boundaries, cli
from kosovo_hr.report import FIGURE_TABLES, NoTable, ReportError, book_langs, build_report, check_page
from kosovo_hr.report.labels import HTML_LANG, LABEL_LANGS, labels

SEED = 20261201
SECRET = "PRIVATE-NOTE-7f3a"  # free text of every synthetic record: must appear nowhere in the book


def _records_file(path: Path) -> Path:
    """Synthetic trafficking records (fixed seed): 400 valid rows over 2015-2022 plus 2 bad ones."""
    import kosovo_hr as kh

    rng = np.random.default_rng(SEED)
    muni = kh.municipalities()
    rows = []
    for k in range(400):
        m = muni.iloc[int(rng.integers(len(muni)))]
        year = int(rng.integers(2015, 2023))
        rows.append(
            {
                "Record ID": f"case-{k:04d}",
                "Date": f"{year}-{int(rng.integers(1, 13)):02d}-15",
                "Municipality": m[["name_sq", "name_sr", "name_en"][k % 3]],
                "Stage": ["victim_identified", "investigation"][k % 2],
                "Form": "sex_trafficking",
                "N persons": int(rng.integers(1, 4)),
                "Source": "test shelter",
                "Notes": SECRET,
            }
        )
    rows.append(
        {
            "Record ID": "bad-1",
            "Date": "2019-13-01",
            "Municipality": "Prizren",
            "Stage": "victim_identified",
            "Form": "sex_trafficking",
            "N persons": 1,
            "Source": "test shelter",
            "Notes": SECRET,
        }
    )
    rows.append(
        {
            "Record ID": "bad-2",
            "Date": "2019-05-01",
            "Municipality": "Atlantis",
            "Stage": "victim_identified",
            "Form": "sex_trafficking",
            "N persons": 1,
            "Source": "test shelter",
            "Notes": SECRET,
        }
    )
    pd.DataFrame(rows).to_csv(path, index=False)
    return path


def build_book(tmp_path_factory) -> dict:
    """Draw every figure in every language (PNG and SVG) and build the book with records, once per session."""
    base = tmp_path_factory.getbasetemp() / "report_book"
    done = base / "done"
    paths = {"figures": base / "figures", "out": base / "book", "records": base / "private" / "cases.csv"}
    if not done.exists():
        base.mkdir(parents=True, exist_ok=True)
        paths["records"].parent.mkdir(parents=True, exist_ok=True)
        _records_file(paths["records"])
        boundaries("municipality")  # the maps need it: without mirror or network the conftest hook skips
        assert cli.main(["figures", "--lang", "all", "--format", "png,svg", "--outdir", str(paths["figures"])]) == 0
        assert (
            cli.main(
                [
                    "report",
                    "--lang",
                    "all",
                    "--outdir",
                    str(paths["out"]),
                    "--figures",
                    str(paths["figures"]),
                    "--records",
                    str(paths["records"]),
                    "--domain",
                    "trafficking",
                ]
            )
            == 0
        )
        done.write_text("ok")
    return paths


@pytest.fixture(scope="session")
def book(tmp_path_factory) -> dict:
    return build_book(tmp_path_factory)


def _parse(path: Path):
    import html5lib

    return html5lib.parse(path.read_bytes(), treebuilder="etree", namespaceHTMLElements=False)


def _index(book) -> list[dict]:
    with (book["figures"] / "index.csv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _text(el) -> str:
    return "".join(el.itertext())


# --- structure ---------------------------------------------------------------------------------


def test_one_page_per_language_with_its_lang_attribute(book):
    for lang in book_langs():
        page = book["out"] / lang / "index.html"
        doc = _parse(page)
        assert doc.get("lang") == HTML_LANG[lang]
        assert doc.find(".//h1") is not None and doc.find(".//title").text.strip()


def test_pages_pass_strict_html_and_accessibility_checks(book):
    for lang in book_langs():
        assert check_page(book["out"] / lang / "index.html", root=book["out"]) == []


def test_checker_catches_broken_pages(book, tmp_path):
    good = (book["out"] / "en" / "index.html").read_text(encoding="utf-8")
    cases = {
        "no lang": good.replace(f'<html lang="{HTML_LANG["en"]}">', "<html>", 1),
        "no alt": re.sub(r' alt="[^"]*"', "", good, count=1),
        "h2 to h4": re.sub(r"<h3([^>]*)>(.*?)</h3>", r"<h4\1>\2</h4>", good, count=1),
        "missing file": good.replace('src="figures/', 'src="figures/nope-', 1),
        "network": good.replace('href="style.css"', 'href="https://example.org/style.css"', 1),
        "parse error": good.replace('<p class="intro">', '<p class="intro"><div>', 1),
        "outside root": good.replace('href="style.css"', 'href="../../../../etc/passwd"', 1),
    }
    copy = tmp_path / "en"
    shutil.copytree(book["out"] / "en", copy)  # the page's assets beside it, inside the new root
    page = copy / "index.html"
    for o in book_langs():  # the switcher's targets
        if o != "en":
            (tmp_path / o).mkdir()
            (tmp_path / o / "index.html").write_text("", encoding="utf-8")
    assert check_page(page, root=tmp_path) == []  # the copy passes as it is
    for name, html in cases.items():
        assert html != good, name
        page.write_text(html, encoding="utf-8")
        assert check_page(page, root=tmp_path), name


def test_every_link_resolves_to_a_file_under_the_outdir(book):
    root = book["out"].resolve()
    for lang in book_langs():
        page = book["out"] / lang / "index.html"
        doc = _parse(page)
        refs = [
            (el.tag, el.get(a))
            for el in doc.iter()
            if isinstance(el.tag, str)
            for a in ("src", "href")
            if el.get(a) is not None
        ]
        assert len(refs) > 50
        for tag, ref in refs:
            if ref.startswith(("http://", "https://")):
                assert tag == "a", (tag, ref)  # citations only; nothing the page loads
                continue
            if ref.startswith("#") or ref == "data:,":
                continue
            target = (page.parent / ref).resolve()
            assert target.is_relative_to(root) and target.is_file(), (lang, ref)


def test_every_figure_of_the_index_once_per_page_with_its_image_and_table(book):
    from kosovo_hr.export import load_all_tables

    tables = load_all_tables()
    index = _index(book)
    for lang in book_langs():
        names = sorted({r["figure"] for r in index if r["lang"] == lang})
        assert len(names) >= 18
        page = book["out"] / lang / "index.html"
        doc = _parse(page)
        arts = [a for a in doc.iter("article") if a.get("data-figure")]
        assert sorted(a.get("data-figure") for a in arts) == names  # each exactly once
        for art in arts:
            name = art.get("data-figure")
            img = art.find(".//img")
            png = page.parent / img.get("src")
            assert png.read_bytes() == (book["figures"] / lang / f"{name}.png").read_bytes()
            assert img.get("alt").strip() and art.find(".//h3") is not None
            svg = [a.get("href") for a in art.iter("a") if a.get("type") == "image/svg+xml"]
            assert svg == [f"figures/{name}.svg"], name
            assert (page.parent / svg[0]).read_bytes() == (book["figures"] / lang / f"{name}.svg").read_bytes()
            csv_links = [a.get("href") for a in art.iter("a") if (a.get("href") or "").endswith(".csv")]
            mapped = FIGURE_TABLES[name]
            if isinstance(mapped, NoTable):
                assert not csv_links and art.find(".//p[@class='no-table']") is not None
                continue
            assert csv_links == [f"tables/{mapped}.csv"]
            df = pd.read_csv(page.parent / csv_links[0], encoding="utf-8-sig")
            expected = tables[mapped].build()
            assert len(df) == len(expected) and list(df.columns) == [c for c in expected.columns if c != "geometry"]
            shown = art.find(".//table[@class='data']")
            if len(expected) <= 40:
                assert shown is not None and len(shown.findall("./tbody/tr")) == len(expected), name
            else:
                assert shown is None


def test_sections_follow_the_notebooks(book):
    index = _index(book)
    order = sorted({(r["notebook"], r["domain"]) for r in index})
    doc = _parse(book["out"] / "en" / "index.html")
    ids = [s.get("id") for s in doc.iter("section") if (s.get("id") or "").startswith("domain-")]
    assert ids == [f"domain-{d}" for _, d in order]
    assert ids[0] == "domain-municipalities" and ids[-1].startswith("domain-conflict")


def test_figure_table_mapping_covers_every_registered_figure():
    from kosovo_hr.export import load_all_tables
    from kosovo_hr.figures import load_all

    figures, tables = load_all(), load_all_tables()
    assert sorted(set(figures) - set(FIGURE_TABLES)) == []  # no figure forgotten
    for name, t in FIGURE_TABLES.items():
        if name not in figures:
            continue  # a retired figure (or one not yet merged): harmless
        if isinstance(t, NoTable):
            assert t.reason in labels(), name
            continue
        assert t in tables, (name, t)
        # the table is built from what the figure draws: a source in common, the same domain module
        assert set(tables[t].sources) & set(figures[name].sources), (name, t)
        assert tables[t].build.__module__.rsplit(".", 1)[-1] == figures[name].domain or tables[
            t
        ].build.__module__.startswith("kosovo_hr.indicators"), (name, t)


def test_labels_complete_in_every_language_with_the_same_placeholders():
    fields = re.compile(r"{(\w+)}")
    for key, texts in labels().items():
        assert set(texts) == set(LABEL_LANGS)
        want = set(fields.findall(texts["en"]))
        for lang, s in texts.items():
            assert s.strip(), (key, lang)
            assert set(fields.findall(s)) == want, (key, lang)
    cyr = re.compile("[\u0400-\u04ff]")
    # Cyrillic texts are Cyrillic (bar technical words: PDF, SVG, CSV, file names)
    for key, texts in labels().items():
        latin_words = re.findall(r"\b[A-Za-z]{4,}\b", fields.sub("", texts["sr-Cyrl"]))
        allowed = {
            "kosovo_hr",
            "municipalities",
            "records",
            "load_records",
            "rejected",
            "index",
            "figures",
            "stage",
            "victim_identified",
        }
        assert not [w for w in latin_words if w not in allowed and w.lower() not in {"html"}], (key, latin_words)
        if texts["sr-Cyrl"] not in ("PDF",):
            assert cyr.search(texts["sr-Cyrl"]) or not re.search("[A-Za-z]", texts["sr-Cyrl"]), key


def test_every_domain_has_a_title():
    from kosovo_hr.figures import load_all

    for spec in load_all().values():
        assert f"domain_{spec.domain}" in labels(), spec.domain


# --- text in the page's language -----------------------------------------------------------------


def test_language_switcher_links_every_other_page(book):
    langs = book_langs()
    for lang in langs:
        doc = _parse(book["out"] / lang / "index.html")
        nav = doc.find(".//nav[@class='languages']")
        links = {a.get("data-lang"): a.get("href") for a in nav.iter("a")}
        assert links == {o: f"../{o}/index.html" for o in langs if o != lang}
        assert (book["out"] / lang / links[next(iter(links))]).is_file()
        current = nav.find(".//span[@aria-current='page']")
        assert current is not None and _text(current) == labels()["language_name"][lang]


def test_place_names_from_the_gazetteer_in_each_language(book):
    import kosovo_hr as kh

    muni = kh.municipalities().set_index("code")
    col = {"sq": "name_sq", "sr": "name_sr", "sr-Cyrl": "name_sr_cyrl", "en": "name_en"}
    for lang in book_langs():
        caveats = _text(_parse(book["out"] / lang / "index.html").find(".//section[@id='caveats']"))
        for code in ("mitrovice_e_veriut", "zubin_potok", "leposaviq"):
            assert muni.loc[code, col[lang]] in caveats, (lang, code)
        others = [
            c
            for c in col
            if c != lang and muni.loc["mitrovice_e_veriut", col[c]] != muni.loc["mitrovice_e_veriut", col[lang]]
        ]
        for other in others:
            assert muni.loc["mitrovice_e_veriut", col[other]] not in caveats, (lang, other)


def test_caveats_are_computed_from_the_data(book):
    import kosovo_hr as kh
    from kosovo_hr.export import load_all_tables

    m = kh.municipalities()
    inferred = int((m["osce_region_evidence"] == "inferred_from_counts").sum())
    doc = _parse(book["out"] / "en" / "index.html")
    caveats = {d.get("data-caveat"): _text(d) for d in doc.iter("div") if d.get("data-caveat")}
    assert f"{len(m) - inferred} of the {len(m)} municipalities" in caveats["regions"]
    assert f"for these {inferred} it is inferred" in caveats["regions"]
    assert {"census_2011", "census_2024", "unclassified", "national_only", "suppression_rule"} <= set(caveats)
    p = load_all_tables()["participation_parliamentary"].build()
    g = p.groupby("election")[["votes_unclassified", "votes_total"]].sum()
    high = (g["votes_unclassified"] / g["votes_total"]).max()
    assert f"to {high * 100:.2f}%" in caveats["unclassified"]
    rates = load_all_tables()["conflict_rates_pre2008"].build()
    n_primary = int((rates["suppression_reason"] == "primary").sum())
    assert (
        f"conflict_rates_pre2008.csv: rows suppressed {int(rates['suppressed'].sum())} of {len(rates)} "
        f"(primary: {n_primary}" in caveats["suppression_rule"]
    )
    assert "Counts of 1 to 4 are suppressed" in caveats["suppression_rule"]
    listed = _text(doc.find(".//div[@data-caveat='national_only']/ul"))
    for name in ("trafficking_victims_identified", "hate_incidents_odihr"):
        title = _text(doc.find(f".//article[@data-figure='{name}']//h3"))
        assert title in listed, name


def test_sources_section_lists_catalogue_pins_and_table_hashes(book):
    import importlib.resources

    from kosovo_hr.sources import catalogue

    section = _parse(book["out"] / "sq" / "index.html").find(".//section[@id='sources']")
    text = _text(section)
    src = catalogue()["geoboundaries_adm2"]
    assert src.version in text and src.licence in text and "2020" in text
    for f, sha in src.files.items():
        assert f in text and sha in text
    data = importlib.resources.files("kosovo_hr").joinpath("data/national/trafficking.csv").read_bytes()
    assert hashlib.sha256(data).hexdigest() in text
    assert "Trafficking in Persons Report" in text  # a document the trafficking rows cite


# --- the user's records -------------------------------------------------------------------------


def test_records_sections_state_load_summary_coverage_and_suppression(book):
    from kosovo_hr.records import load_records

    res = load_records(book["records"], "trafficking")
    assert len(res.rejected) == 2
    sec = _parse(book["out"] / "en" / "index.html").find(".//section[@id='records']")
    text = _text(sec)
    assert f"Rows read: {res.n_rows}; accepted: {len(res.records)}; rejected: {len(res.rejected)}." in text
    assert "every year from 2015 to 2022" in text and "Small counts are suppressed" in text
    assert "stage = victim_identified" in text and "Unknown municipality names: 1 " in text
    muni = pd.read_csv(book["out"] / "en" / "tables" / "records_municipal.csv", encoding="utf-8-sig")
    counts = muni["count"].dropna()
    assert len(muni) == 38 and not counts.between(1, 4).any()
    assert muni["suppressed"].any()  # the synthetic file has small cells
    region = pd.read_csv(book["out"] / "en" / "tables" / "records_osce_region.csv", encoding="utf-8-sig")
    assert len(region) == 5 and sec.find(".//img") is not None


def test_records_file_never_copied_into_the_book(book):
    raw = book["records"].read_bytes()
    for f in book["out"].rglob("*"):
        if f.is_file():
            data = f.read_bytes()
            assert data != raw, f
            assert SECRET.encode() not in data and b"case-0001" not in data, f
            assert f.name != book["records"].name
    assert str(book["records"].parent).encode() not in (book["out"] / "en" / "index.html").read_bytes()


def test_records_need_a_domain_and_a_file_outside_the_book(book, tmp_path, capsys):
    assert (
        cli.main(
            ["report", "--outdir", str(tmp_path), "--figures", str(book["figures"]), "--records", str(book["records"])]
        )
        == 2
    )
    assert "--records and --domain go together" in capsys.readouterr().err
    inside = tmp_path / "en" / "cases.csv"
    inside.parent.mkdir()
    inside.write_bytes(book["records"].read_bytes())
    with pytest.raises(ReportError, match="inside the output folder"):
        build_report(tmp_path, ["en"], figures_dir=book["figures"], records=inside, domain="trafficking")


def test_unknown_language_is_refused(book, tmp_path):
    with pytest.raises(ReportError, match="unknown language"):
        build_report(tmp_path, ["de"], figures_dir=book["figures"])
