"""Build the report book: ``<outdir>/<lang>/index.html`` with its figures, tables and stylesheet.

Each language folder is self-contained (``index.html``, ``style.css``,
``figures/``, ``tables/``), every link is relative, nothing is loaded from the
network: the folder opens from disk, can be zipped, e-mailed or served.  The
language switcher links the sibling folders.

Figures come from the manifest ``figures/index.csv`` that ``kosovo-hr
figures`` writes (columns ``figure, lang, path, notebook, domain, sources,
data_version`` and, where present, ``title, caption, alt``); ``kosovo-hr
report`` draws the figures missing for a language first, with that command.  Tables are the export tables
(:mod:`kosovo_hr.export`), each built once per book.
"""

from __future__ import annotations

import csv
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import KosovoHRError
from .figure_tables import NoTable, table_for
from .htmltable import MAX_ROWS, html_table
from .labels import HTML_LANG, number, text


class ReportError(KosovoHRError):
    """The report cannot be built as asked; the message says what to do."""


#: Figure file formats linked from the page, beside the PNG shown.
FORMATS = ("svg", "pdf")


def book_langs() -> tuple[str, ...]:
    """The languages of the book: the figures' languages (:data:`kosovo_hr.figures.LANGS`)."""
    from ..figures import LANGS

    return tuple(LANGS)


@dataclass
class FigureRow:
    """One figure of the manifest in one language."""

    name: str
    lang: str
    png: Path
    notebook: str
    domain: str
    sources: list[str]
    title: str
    caption: str
    alt: str
    fallback: bool


def read_index(figures_dir: Path) -> list[dict[str, str]]:
    index = figures_dir / "index.csv"
    if not index.exists():
        return []
    with index.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def missing_figures(figures_dir: Path, langs: Sequence[str]) -> list[str]:
    """The languages of ``langs`` in which some registered figure is not in ``figures_dir`` (or its manifest)."""
    from ..figures import load_all

    registry = load_all()
    have = {(r["figure"], r["lang"]) for r in read_index(figures_dir) if (figures_dir / r["path"]).exists()}
    return [lang for lang in langs if any((name, lang) not in have for name in registry)]


def _first_line(doc: str | None) -> str:
    return (doc or "").strip().split("\n")[0].strip()


def figure_rows(index: list[dict[str, str]], lang: str, figures_dir: Path, registry: dict) -> list[FigureRow]:
    """The manifest's figures in ``lang`` (one each), with title, caption and alt text.

    Where the manifest has no ``title``/``caption``/``alt`` for the figure and
    language yet, the figure function's docstring (English) stands in, and the
    page marks that text as English.
    """
    out: dict[str, FigureRow] = {}
    for r in index:
        if r["lang"] != lang or r["figure"] in out:
            continue
        path = figures_dir / r["path"]
        if path.suffix.lower() != ".png":
            path = path.with_suffix(".png")
        if not path.exists():
            raise ReportError(
                f"{figures_dir}/index.csv lists {r['path']} but the file is missing: "
                f"run kosovo-hr figures --lang {lang} --outdir {figures_dir}"
            )
        title, caption, alt = (r.get(k, "") or "" for k in ("title", "caption", "alt"))
        fallback = not (title and alt)
        if fallback:  # marked as English text on the other pages
            spec = registry.get(r["figure"])
            doc = _first_line(getattr(getattr(spec, "draw", None), "__doc__", None)) or r["figure"]
            title, caption, alt = doc, caption or "", doc
        out[r["figure"]] = FigureRow(
            name=r["figure"],
            lang=lang,
            png=path,
            notebook=r.get("notebook", ""),
            domain=r.get("domain", ""),
            sources=[
                s
                for s in (
                    registry[r["figure"]].sources if r["figure"] in registry else r.get("sources", "").split("; ")
                )
                if s
            ],
            title=title,
            caption=caption,
            alt=alt,
            fallback=fallback and lang != "en",
        )
    return list(out.values())


def source_line(row: FigureRow, index_row: dict[str, str] | None) -> tuple[str, bool]:
    """The source line printed on the figure, in the page's language where the plots speak it."""
    if index_row and index_row.get("source_line"):
        return index_row["source_line"], False
    from ..plots.sources_line import source_text

    try:
        return source_text(row.sources, row.lang), False
    except (ValueError, KeyError):
        return source_text(row.sources, "en"), True


def _png_size(path: Path) -> tuple[int, int]:
    from PIL import Image

    with Image.open(path) as im:
        return im.size


def _copy(src: Path, dst: Path) -> None:
    dst.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dst)


def _environment():
    from jinja2 import Environment, PackageLoader, StrictUndefined
    from markupsafe import Markup

    env = Environment(
        loader=PackageLoader("kosovo_hr.report", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=False,
        lstrip_blocks=False,
    )
    table_tpl = env.get_template("table.html.j2")
    env.globals["table_html"] = lambda table: Markup(table_tpl.render(table=table))  # rendered, escaped there
    return env


def _texts(lang: str) -> dict[str, str]:
    from .labels import labels

    return {k: text(k, lang) for k, v in labels().items() if "{" not in v[lang]}


def build_report(
    outdir: str | Path,
    langs: Sequence[str] | None = None,
    *,
    figures_dir: str | Path = "figures",
    records: str | Path | None = None,
    domain: str | None = None,
    suppress_small: bool = True,
    check: bool = True,
    draw_missing: Callable[[Path, list[str]], object] | None = None,
) -> list[Path]:
    """Write the book for ``langs`` (default: every language) into ``outdir``; return the pages written.

    ``records``/``domain`` add the sections built from the user's own record
    file (see :mod:`kosovo_hr.report.records`); ``suppress_small=False`` shows
    small counts (say why when publishing).  With ``check`` every page is
    validated (:func:`kosovo_hr.report.check.check_page`) and a
    :class:`ReportError` lists every problem.  ``draw_missing(figures_dir,
    langs)`` is called for the languages whose figures are missing (``kosovo-hr
    report`` draws them with ``kosovo-hr figures``); without it, missing
    figures are an error that says which command draws them.
    """
    from .. import __version__
    from ..export import TABLES, load_all_tables, write_csv
    from ..figures import load_all
    from .caveats import build_caveats, is_national_only
    from .sources import collect_sources

    all_langs = book_langs()
    langs = list(langs or all_langs)
    unknown = [lang for lang in langs if lang not in all_langs]
    if unknown:
        raise ReportError(f"unknown language(s) {unknown}; the book has {', '.join(all_langs)}")
    if (records is None) != (domain is None):
        raise ReportError(
            "--records and --domain go together: pass both, e.g. --records cases.xlsx --domain trafficking"
        )
    outdir, figures_dir = Path(outdir), Path(figures_dir)
    if records is not None and Path(records).resolve().is_relative_to(outdir.resolve()):
        raise ReportError(
            f"the records file {records} lies inside the output folder {outdir}: the book must "
            f"not carry it; choose another --outdir"
        )

    registry = load_all()
    load_all_tables()
    todo = missing_figures(figures_dir, langs)
    if todo and draw_missing is not None:
        draw_missing(figures_dir, todo)
        todo = missing_figures(figures_dir, langs)
    if todo:
        raise ReportError(
            f"figures missing in {figures_dir}/ for {', '.join(todo)}: run kosovo-hr figures --lang "
            f"{todo[0] if len(todo) == 1 else 'all'} --outdir {figures_dir}"
        )
    index = read_index(figures_dir)
    by_key = {(r["figure"], r["lang"]): r for r in index}

    # tables: each built once for the whole book
    per_lang = {lang: figure_rows(index, lang, figures_dir, registry) for lang in langs}
    names = {r.name for rows in per_lang.values() for r in rows}
    mapping = {n: table_for(n, registry.get(n)) for n in sorted(names)}
    needed = sorted({t for t in mapping.values() if isinstance(t, str)} | {"population", "participation_parliamentary"})
    missing_tables = [t for t in needed if t not in TABLES]
    if missing_tables:
        raise ReportError(f"no export table(s) {missing_tables}: fix kosovo_hr/report/figure_tables.py")
    frames = {t: TABLES[t].build() for t in needed}
    book_tables = {t for t in mapping.values() if isinstance(t, str)}

    cited = [s for rows in per_lang.values() for r in rows for s in r.sources]
    cited += [s for t in sorted(book_tables) for s in TABLES[t].sources]
    sources = collect_sources(cited)

    book = None
    if records is not None:
        from .records import build_records

        assert domain is not None  # checked above: --records and --domain go together
        book = build_records(records, domain, suppress_small=suppress_small)

    version = next((r["data_version"] for r in index if r.get("data_version")), "—")  # as the figures record it
    env = _environment()
    page_tpl = env.get_template("page.html.j2")
    css = (Path(__file__).parent / "templates" / "style.css").read_bytes()
    existing = [lang for lang in all_langs if lang in langs or (outdir / lang / "index.html").exists()]
    written = []
    for lang in langs:
        final = outdir / lang
        root = outdir / f".{lang}.part"  # staged: a failed build never leaves a half-written page folder
        if root.exists():
            shutil.rmtree(root)
        (root / "figures").mkdir(parents=True)
        (root / "tables").mkdir()
        (root / "style.css").write_bytes(css)
        for t in sorted(book_tables):
            write_csv(frames[t], root / "tables" / f"{t}.csv")

        domains: dict[str, dict] = {}
        national_only = []
        order = {name: i for i, name in enumerate(registry)}  # the figure modules' own order within a notebook
        for fr in sorted(per_lang[lang], key=lambda r: (r.notebook, r.domain, order.get(r.name, len(order)), r.name)):
            fig_dir = root / "figures"
            _copy(fr.png, fig_dir / fr.png.name)
            links = {}
            for ext in FORMATS:
                alt = fr.png.with_suffix(f".{ext}")
                if alt.exists():
                    _copy(alt, fig_dir / alt.name)
                    links[ext] = f"figures/{alt.name}"
            w, h = _png_size(fr.png)
            line, _ = source_line(fr, by_key.get((fr.name, lang)))
            entry = {
                "name": fr.name,
                "title": fr.title,
                "caption": fr.caption,
                "alt": fr.alt,
                "fallback": fr.fallback,
                "png": f"figures/{fr.png.name}",
                "svg": links.get("svg"),
                "pdf": links.get("pdf"),
                "width": w,
                "height": h,
                "source_line": line,
                "table": None,
                "no_table": None,
            }
            tab = mapping[fr.name]
            if isinstance(tab, NoTable):
                entry["no_table"] = text(tab.reason, lang)
            else:
                df = frames[tab]
                entry["table"] = {
                    "name": tab,
                    "csv": f"tables/{tab}.csv",
                    "link_text": text("table_csv", lang, name=tab, rows=number(len(df), lang, 0), cols=len(df.columns)),
                    "html": (
                        html_table(df, lang, text("table_caption", lang, name=tab)) if len(df) <= MAX_ROWS else None
                    ),
                    "long_text": text("table_long", lang, rows=number(len(df), lang, 0)),
                }
                if is_national_only(df):
                    national_only.append(fr.title)
            sec = domains.setdefault(
                fr.domain,
                {
                    "id": f"domain-{fr.domain}",
                    "notebook": fr.notebook,
                    "title": text(f"domain_{fr.domain}", lang),
                    "figures": [],
                },
            )
            sec["figures"].append(entry)

        rec_ctx = None
        if book is not None:
            rec_dir = root / "tables"
            write_csv(book.municipal, rec_dir / "records_municipal.csv")
            write_csv(book.region, rec_dir / "records_osce_region.csv")
            from .records import draw_records_map, records_page

            png = draw_records_map(book, lang, root / "figures" / "records_map.png")
            map_ctx = None
            if png is not None:
                w, h = _png_size(png)
                map_ctx = {
                    "png": "figures/records_map.png",
                    "alt": text("records_map_alt", lang),
                    "width": w,
                    "height": h,
                    "source_line": text("records_map_source", lang),
                }
            rec_ctx = records_page(
                book,
                lang,
                map_png=map_ctx,
                municipal_csv="tables/records_municipal.csv",
                region_csv="tables/records_osce_region.csv",
            )

        page = {
            "lang": lang,
            "html_lang": HTML_LANG[lang],
            "switcher": [
                {
                    "lang": o,
                    "html_lang": HTML_LANG[o],
                    "name": text("language_name", o),
                    "href": f"../{o}/index.html",
                    "current": o == lang,
                }
                for o in existing
            ],
            "sections": list(domains.values()),
            "caveats": build_caveats(lang, frames, national_only),
            "sources": sources,
            "cited_tables_intro": text("cited_tables_intro", lang, version=__version__),
            "records": rec_ctx,
            "built_with": text("built_with", lang, version=__version__, data_version=version),
        }
        html = page_tpl.render(page=page, t=_texts(lang))
        (root / "index.html").write_text(html, encoding="utf-8")
        if final.exists():
            shutil.rmtree(final)  # a page never links to a file left from an earlier build
        root.rename(final)
        written.append(final / "index.html")

    if check:
        from .check import check_page

        problems = [f"{p}: {msg}" for p in written for msg in check_page(p, root=outdir)]
        if problems:
            raise ReportError("the report pages do not pass the checks:\n  " + "\n  ".join(problems))
    return written
