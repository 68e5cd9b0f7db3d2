"""Today's copy-only share per table, from the committed files' own citation columns.

Run from the repository root: ``python tools/provenance_baseline.py``. Prints one line
per table, ``'table': (copy_only_rows, rows),``, ready to paste as a baseline.
"""

import csv
import re
import sys

sys.path.insert(0, "tools")
from build_citations import _relevant_parts, site_kind  # noqa: E402  (needs tools/ on sys.path)

D = "kosovo_hr/data/"


def urls(s):
    return re.findall(r"https?://\S+", s) or ([s] if s else [])


def copy_only(addrs):
    addrs = [a for a in addrs if a]
    return bool(addrs) and all(site_kind(a) == "copy" for a in addrs)


def _rows(rel):
    return csv.DictReader(open(D + rel))


def main() -> int:
    src = {r["source"]: r for r in _rows("population/sources.csv")}
    res = {}

    def put(t, flags):
        res[t] = (sum(flags), len(flags))

    for n in ["trafficking", "hate_incidents", "displacement"]:
        put(f"national/{n}.csv", [copy_only([r["source_url"]]) for r in _rows(f"national/{n}.csv")])
    put("population/population.csv", [copy_only([src[r["source"]]["url"]]) for r in _rows("population/population.csv")])
    fl = []
    for r in _rows("population/population_by_community.csv"):
        if r["population"] == "":
            continue
        u = src[r["source"]]["url"]
        addrs = [u] if u else []
        if r["source"] == "various_2011_ethnicity":
            addrs += urls(" ".join(_relevant_parts(r["source_detail"], r["community"])))
        fl.append(copy_only(addrs))
    put("population/population_by_community.csv", fl)
    put(
        "population/estimates_context.csv",
        [copy_only(urls(r["source"])[:1]) for r in _rows("population/estimates_context.csv")],
    )
    put(
        "parties/subjects.csv",
        [copy_only(r["source_url"].split()) for r in _rows("parties/subjects.csv") if r["community"] != "unclassified"],
    )
    put(
        "conflict/kosovo_memory_book_counts.csv",
        [copy_only(["github kosovatools"]) for r in _rows("conflict/kosovo_memory_book_counts.csv")],
    )
    put("regions.csv", [False for r in _rows("regions.csv")])  # OSCE municipal profiles named
    put("districts.csv", [True for r in _rows("districts.csv")])  # Wikipedia list via a GitHub plugin copy
    put("municipalities.csv", [False for r in _rows("municipalities.csv")])  # OSCE docs, press, or inference
    for k, (a, b) in res.items():
        print(f"    {k!r}: ({a}, {b}),")
    return 0


if __name__ == "__main__":
    sys.exit(main())
