"""Time the report book for every language from a warm cache (target: under 60 s on 2 cores).

Run: python benchmarks/report_build.py [--runs 3] [--keep DIR]

Each step runs as the user runs it, in a fresh interpreter (``kosovo-hr ...``), into a temporary
folder:

1. ``kosovo-hr fetch --quiet``: warms the source cache (not timed as part of the book);
2. ``kosovo-hr figures --lang all --format png,svg`` (where ``--format`` exists): every figure in
   every language, once (the figures half of README's main command);
3. ``kosovo-hr report --lang all --outdir ...`` on those figures, ``--runs`` times: the book.

Prints the wall time of each step (median of the book runs), the whole (figures + book), the
book's share of it, and the size of the book. A speed claim is a ratio: the book's cost is given
against drawing the figures it shows.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _run(*args: str) -> float:
    t0 = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "kosovo_hr.cli", *args], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    return time.perf_counter() - t0


def _has_format() -> bool:
    r = subprocess.run([sys.executable, "-m", "kosovo_hr.cli", "figures", "--help"], capture_output=True, text=True)
    return "--format" in r.stdout


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--keep", help="build into this folder instead of a temporary one")
    args = ap.parse_args()
    work = Path(args.keep or tempfile.mkdtemp(prefix="kosovo_hr-report-bench-"))
    figs, out = work / "figures", work / "book"

    _run("fetch", "--quiet")
    fmt = ["--format", "png,svg"] if _has_format() else []
    t_fig = _run("figures", "--lang", "all", "--outdir", str(figs), *fmt)
    books = [_run("report", "--lang", "all", "--outdir", str(out), "--figures", str(figs)) for _ in range(args.runs)]
    t_book = statistics.median(books)
    pages = sorted(p.parent.name for p in out.glob("*/index.html"))
    size = sum(f.stat().st_size for f in out.rglob("*") if f.is_file())
    print(f"languages: {', '.join(pages)}; formats: {'png,svg' if fmt else 'png'}")
    print(f"figures (all languages): {t_fig:.1f} s")
    print(f"book from those figures: {t_book:.1f} s (median of {args.runs}: {', '.join(f'{t:.1f}' for t in books)})")
    print(
        f"whole book, figures + pages: {t_fig + t_book:.1f} s (target < 60 s); "
        f"pages cost {t_book / t_fig:.2f}x drawing the figures"
    )
    print(f"book size: {size / 1e6:.1f} MB in {sum(1 for f in out.rglob('*') if f.is_file())} files under {out}")


if __name__ == "__main__":
    main()
