"""Command line: ``kosovo-hr sources | fetch | figures | export | report``.

``kosovo-hr figures --lang all --format png,svg,pdf`` redraws every registered
figure into ``figures/<lang>/<name>.<format>`` (sq, sr, sr-Cyrl, en; PNG at
300 dpi; SVG and PDF with text kept as text) and writes the manifest
``figures/index.csv`` (figure, language, title, caption, alt, notebook,
sources, data version).
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
from pathlib import Path

from .atomic import atomic_path
from .figures import LANGS


def _size(path: Path) -> str:
    n = float(path.stat().st_size)
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return ""


def _cmd_sources(args: argparse.Namespace) -> int:
    from .sources import catalogue

    if not args.downloadable:
        from .citations import publishers

        pubs = publishers()
        print(
            f"Publishers cited by the committed tables ({len(pubs)}; primary documents and "
            "where they were read, see kosovo_hr/data/citations.csv):"
        )
        for r in pubs.itertuples(index=False):
            print(f"  {r.publisher}: {r.n_rows} row(s) in {r.tables}")
        print()
        print("Downloadable sources (fetched with a sha256 check by `kosovo-hr fetch`):")
        print()
    for s in catalogue().values():
        print(
            f"{s.id}\n  {s.title}\n  version: {s.version}\n  licence: {s.licence}\n"
            f"  cite: {s.citation}\n  landing page: {s.landing_page}\n  files: {len(s.files)}"
        )
        if not s.files and "files" in s.notes:
            print(f"  ({s.notes['files']})")
        for c in s.caveats:
            print(f"  caveat: {c}")
        print()
    return 0


def _cmd_fetch(args: argparse.Namespace) -> int:
    from .sources import catalogue, fetch

    cat = catalogue()
    unknown = [sid for sid in args.source if sid not in cat]
    if unknown:
        raise SystemExit(f"kosovo-hr: unknown source(s) {unknown}; declared sources: {', '.join(cat)}")
    written = []
    for sid in args.source or list(cat):
        if not cat[sid].files and not args.quiet:
            print(f"{sid}: no files to fetch ({cat[sid].notes.get('files', 'none declared')})", file=sys.stderr)
        for f in cat[sid].files:
            path = fetch(sid, f, progress=not args.quiet)
            written.append(path)
            if not args.quiet:
                print(f"{path} ({_size(path)})")
    if written and not args.quiet:
        from .sources import cache_dir

        total = sum(p.stat().st_size for p in written) / 2**20
        print(f"{len(written)} file(s) verified in the cache {cache_dir()} ({total:.1f} MB)")
    return 0


def data_version() -> str:
    """Package version plus the pinned version of every declared source."""
    from . import __version__
    from .sources import catalogue

    pins = ";".join(f"{s.id}@{s.version[:12]}" for s in catalogue().values())
    return f"kosovo_hr {__version__}; {pins}"


FORMATS = ("png", "svg", "pdf")
#: Manifest columns: the first are read by the report book, the rest are the manifest's original ones.
INDEX_COLUMNS = (
    "figure",
    "language",
    "title",
    "caption",
    "alt",
    "lang",
    "path",
    "files",
    "notebook",
    "domain",
    "sources",
    "data_version",
)


def parse_formats(text: str) -> list[str]:
    """``"png,svg"`` -> ``["png", "svg"]``; unknown formats are an error naming the known ones."""
    formats = [f.strip().lower() for f in text.split(",") if f.strip()]
    bad = [f for f in formats if f not in FORMATS]
    if bad or not formats:
        raise SystemExit(
            f"kosovo-hr: unknown format(s) {bad or text!r}; use a comma-separated list of {', '.join(FORMATS)}"
        )
    return list(dict.fromkeys(formats))


def draw_figures(
    outdir: Path,
    langs: list[str],
    only: list[str] | None = None,
    dpi: int = 300,
    formats: list[str] | tuple[str, ...] = ("png",),
) -> list[dict]:
    """Draw registered figures in each language and format; return the manifest rows."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from .figures import figure_texts, load_all
    from .plots.style import project_style

    registry = load_all()
    names = only or sorted(registry)
    unknown = sorted(set(names) - set(registry))
    if unknown:
        raise SystemExit(f"unknown figure(s) {unknown}; known: {', '.join(sorted(registry))}")
    version = data_version()
    rows = []
    for lang in langs:
        (outdir / lang).mkdir(parents=True, exist_ok=True)
        for name in names:
            spec = registry[name]
            texts = figure_texts(name, lang)  # before drawing: a missing text fails fast
            fig = spec.draw(lang)
            files = []
            with project_style():  # svg.fonttype, pdf.fonttype are read when saving
                for fmt in formats:
                    path = outdir / lang / f"{name}.{fmt}"
                    meta = {"Title": texts["title"]} if fmt in ("svg", "pdf") else {}
                    with atomic_path(path) as tmp:  # an interrupted run leaves the previous file, not half of one
                        fig.savefig(tmp, dpi=dpi, bbox_inches="tight", format=fmt, metadata=meta or None)
                    files.append(path.relative_to(outdir).as_posix())
                    print(f"  {path}", file=sys.stderr)
            plt.close(fig)
            rows.append(
                {
                    "figure": name,
                    "language": lang,
                    **texts,
                    "lang": lang,
                    "path": files[0],
                    "files": "; ".join(files),
                    "notebook": spec.notebook,
                    "domain": spec.domain,
                    "sources": "; ".join(spec.sources),
                    "data_version": version,
                }
            )
    return rows


def _draw_language(job: tuple) -> list[dict]:
    """One language's figures, in a worker process (see ``--jobs``)."""
    outdir, lang, only, dpi, formats = job
    return draw_figures(outdir, [lang], only, dpi=dpi, formats=formats)


def draw_figures_parallel(
    outdir: Path, langs: list[str], only: list[str] | None, *, dpi: int, formats: list[str] | tuple[str, ...], jobs: int
) -> list[dict]:
    """:func:`draw_figures`, one language per worker process when ``jobs`` > 1 (same files, same rows)."""
    jobs = max(1, min(jobs, len(langs)))
    if jobs == 1:
        return draw_figures(outdir, langs, only, dpi=dpi, formats=formats)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    work = [(outdir, lang, only, dpi, tuple(formats)) for lang in langs]
    with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn")) as pool:
        return [row for rows in pool.map(_draw_language, work) for row in rows]


def _cmd_figures(args: argparse.Namespace) -> int:
    langs = list(LANGS) if args.lang == "all" else [args.lang]
    outdir = Path(args.outdir)
    rows = draw_figures_parallel(
        outdir,
        langs,
        args.only,
        dpi=args.dpi,
        formats=parse_formats(args.format),
        jobs=args.jobs if args.jobs > 0 else (os.cpu_count() or 1),
    )
    index = outdir / "index.csv"
    keep = []
    if index.exists():  # keep manifest rows of languages/figures not redrawn now
        with index.open(encoding="utf-8") as f:
            drawn = {(r["figure"], r["lang"]) for r in rows}
            keep = [r for r in csv.DictReader(f) if (r["figure"], r["lang"]) not in drawn]
    with atomic_path(index) as tmp, tmp.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(INDEX_COLUMNS), lineterminator="\n", restval="")
        w.writeheader()
        w.writerows(
            sorted(
                ({c: r.get(c, "") for c in INDEX_COLUMNS} for r in keep + rows), key=lambda r: (r["lang"], r["figure"])
            )
        )
    print(f"{len(rows)} figure(s) written to {outdir}/ ({', '.join(langs)}); manifest {index}")
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from .export import export_all

    paths = export_all(Path(args.outdir))
    if not args.quiet:
        for p in paths:
            print(f"  {p} ({_size(p)})")
        total = sum(p.stat().st_size for p in paths) / 2**20
        print(f"{len(paths)} file(s) written to {args.outdir}/ ({total:.1f} MB)")
    return 0


def _cmd_report(args: argparse.Namespace) -> int:
    from .records import RecordsError
    from .report import ReportError, build_report

    langs = list(LANGS) if args.lang == "all" else [args.lang]

    def draw_missing(figures_dir: Path, missing: list[str]) -> None:  # the figures the book shows, drawn first
        for lang in missing:
            if main(["figures", "--lang", lang, "--format", "png,svg", "--outdir", str(figures_dir)]):
                raise ReportError(f"kosovo-hr figures --lang {lang} failed")

    try:
        pages = build_report(
            args.outdir,
            langs,
            figures_dir=args.figures,
            records=args.records,
            domain=args.domain,
            suppress_small=not args.no_suppression,
            draw_missing=draw_missing,
        )
    except (ReportError, RecordsError, FileNotFoundError) as err:
        print(f"kosovo-hr report: {err}", file=sys.stderr)
        return 2
    for page in pages:
        print(page)
    return 0


def build_parser() -> argparse.ArgumentParser:
    from . import __version__

    p = argparse.ArgumentParser(prog="kosovo-hr", description=__doc__.splitlines()[0])
    p.add_argument(
        "--version", action="version", version=f"kosovo-hr {__version__}", help="print the package version and exit"
    )
    sub = p.add_subparsers(dest="command", required=True)
    s = sub.add_parser(
        "sources",
        help="list every publisher the committed tables cite, then every downloadable source with licence and citation",
    )
    s.add_argument(
        "--downloadable", action="store_true", help="list only the downloadable sources (the files `fetch` verifies)"
    )
    s.set_defaults(func=_cmd_sources)
    s = sub.add_parser("fetch", help="download (or copy from the mirror) and verify source files")
    s.add_argument("source", nargs="*", help="source ids (default: all)")
    s.add_argument(
        "-q", "--quiet", action="store_true", help="print nothing: no progress bars, no list of the files fetched"
    )
    s.set_defaults(func=_cmd_fetch)
    s = sub.add_parser("figures", help="regenerate every figure")
    s.add_argument(
        "--lang", choices=[*LANGS, "all"], default="all", help="language of the labels (default: all languages)"
    )
    s.add_argument(
        "--outdir", default="figures", help="folder for <lang>/<figure>.png and index.csv (default: figures)"
    )
    s.add_argument("--only", nargs="*", help="figure names (default: all)")
    s.add_argument(
        "--format",
        default="png",
        help="comma-separated output formats: png, svg, pdf (default: png); SVG and PDF keep text as text",
    )
    s.add_argument("--dpi", type=int, default=300, help="resolution of PNG output (default: 300)")
    s.add_argument(
        "--jobs", type=int, default=0, help="languages drawn at once, one process each (default 0: one per CPU core)"
    )
    s.set_defaults(func=_cmd_figures)
    s = sub.add_parser("export", help="write the tidy tables behind the figures")
    s.add_argument(
        "--outdir",
        default="data/processed",
        help="folder for the CSV files, index.csv and the GeoPackage (default: data/processed)",
    )
    s.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="print nothing (by default every file written is listed with its size)",
    )
    s.set_defaults(func=_cmd_export)
    s = sub.add_parser("report", help="build the report book: <outdir>/<lang>/index.html with figures and tables")
    s.add_argument(
        "--lang", choices=[*LANGS, "all"], default="all", help="language of the page (default: all, one folder each)"
    )
    s.add_argument("--outdir", default="report", help="folder of the book: <outdir>/<lang>/index.html")
    s.add_argument("--figures", default="figures", help="figures folder with index.csv (missing figures are drawn)")
    s.add_argument("--records", help="your own record file (CSV or .xlsx); never copied into the book")
    s.add_argument("--domain", help="domain of --records: trafficking, hate_incident or displacement")
    s.add_argument("--no-suppression", action="store_true", help="show small counts of --records (say why)")
    s.set_defaults(func=_cmd_report)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except Exception as err:  # user-facing: one clear line, not a traceback
        from .errors import KosovoHRError

        if isinstance(err, KosovoHRError):
            print(f"kosovo-hr: {err}", file=sys.stderr)
            return 2
        raise


if __name__ == "__main__":
    sys.exit(main())
