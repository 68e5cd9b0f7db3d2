"""Today's copy-only share per table, from the committed files' own citation columns."""
import csv, re, sys
sys.path.insert(0, "tools")
from build_citations import site_kind, _relevant_parts
D = "kosovo_hr/data/"
def urls(s): return re.findall(r"https?://\S+", s) or ([s] if s else [])
def copy_only(addrs):
    addrs=[a for a in addrs if a]
    return bool(addrs) and all(site_kind(a)=="copy" for a in addrs)
src = {r["source"]: r for r in csv.DictReader(open(D+"population/sources.csv"))}
res = {}
def put(t, flags): res[t]=(sum(flags), len(flags))
for n in ["trafficking","hate_incidents","displacement"]:
    put(f"national/{n}.csv", [copy_only([r["source_url"]]) for r in csv.DictReader(open(D+f"national/{n}.csv"))])
put("population/population.csv", [copy_only([src[r["source"]]["url"]]) for r in csv.DictReader(open(D+"population/population.csv"))])
fl=[]
for r in csv.DictReader(open(D+"population/population_by_community.csv")):
    if r["population"]=="": continue
    u=src[r["source"]]["url"]
    addrs=[u] if u else []
    if r["source"]=="various_2011_ethnicity":
        addrs += urls(" ".join(_relevant_parts(r["source_detail"], r["community"])))
    fl.append(copy_only(addrs))
put("population/population_by_community.csv", fl)
put("population/estimates_context.csv", [copy_only(urls(r["source"])[:1]) for r in csv.DictReader(open(D+"population/estimates_context.csv"))])
put("parties/subjects.csv", [copy_only(r["source_url"].split()) for r in csv.DictReader(open(D+"parties/subjects.csv")) if r["community"]!="unclassified"])
put("conflict/kosovo_memory_book_counts.csv", [copy_only(["github kosovatools"]) for r in csv.DictReader(open(D+"conflict/kosovo_memory_book_counts.csv"))])
put("regions.csv", [False for r in csv.DictReader(open(D+"regions.csv"))])  # OSCE municipal profiles named
put("districts.csv", [True for r in csv.DictReader(open(D+"districts.csv"))])  # Wikipedia list via a GitHub plugin copy
put("municipalities.csv", [False for r in csv.DictReader(open(D+"municipalities.csv"))])  # OSCE docs, press, or inference
for k,(a,b) in res.items(): print(f"    {k!r}: ({a}, {b}),")
