"""Build the package's gazetteer tables from the project's reference transcription.

Reads ``../shared/reference/municipalities.csv`` (38 rows, every column
sourced in ``municipalities.SOURCES.md``) and writes

* ``kosovo_hr/data/municipalities.csv``: the gazetteer, keyed by ``code``;
* ``kosovo_hr/data/aliases.csv``: every accepted spelling, with its kind and
  where it comes from.

Run from the repository root: ``python tools/build_gazetteer.py``.  The
outputs are committed; this script documents how they were made and is run
again only when the reference table changes.  Aliases that do not come from
the reference table are listed below in ``EXTRA_ALIASES`` with their source.
"""

from __future__ import annotations

import csv
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT.parent / "shared" / "reference" / "municipalities.csv"
OUT = ROOT / "kosovo_hr" / "data"

REGION_CODES = {
    "Gjilan/Gnjilane": "osce_gjilan",
    "Mitrovicë/Mitrovica": "osce_mitrovice",
    "Pejë/Peć": "osce_peje",
    "Prishtinë/Priština": "osce_prishtine",
    "Prizren": "osce_prizren",
}

# Names the reference lists as aliases of South Mitrovica although before the
# 2013 split they named the whole (pre-2013) municipality.  They are resolved
# by date through ``ambiguous.csv`` instead (see kosovo_hr/gazetteer/resolve.py).
AMBIGUOUS_MITROVICA = {"Mitrovicë", "Mitrovica", "Kosovska Mitrovica", "Titova Mitrovica"}
# Alias entries of the reference that are not names of the whole municipality.
NOT_ALIASES = {"Gora (Serbian-system municipality, covers part)"}

# Albanian definite (nominative) and genitive forms, as used in running text and
# in the official style "Komuna e <genitive>" (e.g. "Komuna e Prishtinës").
# Grammatical forms of the official Albanian names; written out, not generated.
ALBANIAN_FORMS = {
    "decan": ["Deçani", "Deçanit"],
    "dragash": ["Dragashi", "Dragashit"],
    "drenas": ["Drenasi", "Drenasit", "Gllogoci", "Gllogocit", "Gllogovci"],
    "ferizaj": ["Ferizaji", "Ferizajt"],
    "fushe_kosove": ["Fushë Kosova", "Fushë Kosovës"],
    "gjakove": ["Gjakova", "Gjakovës"],
    "gjilan": ["Gjilani", "Gjilanit"],
    "gracanice": ["Graçanica", "Graçanicës"],
    "hani_i_elezit": ["Hanit të Elezit"],
    "istog": ["Istogu", "Istogut"],
    "junik": ["Juniku", "Junikut"],
    "kamenice": ["Kamenica", "Kamenicës"],
    "kacanik": ["Kaçaniku", "Kaçanikut"],
    "kline": ["Klina", "Klinës"],
    "kllokot": ["Kllokoti", "Kllokotit"],
    "leposaviq": ["Leposaviqi", "Leposaviqit"],
    "lipjan": ["Lipjani", "Lipjanit"],
    "malisheve": ["Malisheva", "Malishevës"],
    "mamushe": ["Mamusha", "Mamushës"],
    "mitrovice_e_jugut": ["Mitrovica e Jugut", "Mitrovicës së Jugut"],
    "mitrovice_e_veriut": ["Mitrovica e Veriut", "Mitrovicës së Veriut"],
    "novoberde": ["Novobërda", "Novobërdës"],
    "obiliq": ["Obiliqi", "Obiliqit"],
    "partesh": ["Parteshi", "Parteshit"],
    "peje": ["Peja", "Pejës"],
    "podujeve": ["Podujeva", "Podujevës"],
    "prishtine": ["Prishtina", "Prishtinës"],
    "prizren": ["Prizreni", "Prizrenit"],
    "rahovec": ["Rahoveci", "Rahovecit"],
    "ranillug": ["Ranillugu", "Ranillugut"],
    "shtime": ["Shtimja", "Shtimes"],
    "shterpce": ["Shtërpca", "Shtërpcës"],
    "skenderaj": ["Skenderaji", "Skenderajt"],
    "suhareke": ["Suhareka", "Suharekës"],
    "viti": ["Vitia", "Vitisë"],
    "vushtrri": ["Vushtrria", "Vushtrrisë"],
    "zubin_potok": ["Zubin Potoku", "Zubin Potokut"],
    "zvecan": ["Zveçani", "Zveçanit"],
}

# Spellings met in sources that the reference table does not list.
# (alias, code, kind, source)
EXTRA_ALIASES = [
    # geoBoundaries gbOpen XKX ADM2 (shapeName, "Municipality of ...")
    ("Han i Elezit", "hani_i_elezit", "alternative", "geoBoundaries XKX ADM2 shapeName"),
    ("Gracanica", "gracanice", "alternative", "geoBoundaries XKX ADM2 shapeName"),
    ("Suhareka", "suhareke", "alternative", "geoBoundaries XKX ADM2 shapeName"),
    # Election results transcription (genti2004-cmyk/zgjedhjet_info)
    ("Hani Elezit", "hani_i_elezit", "alternative", "election results files (zgjedhjet_info)"),
    ("Mamushe", "mamushe", "alternative", "election results files (zgjedhjet_info)"),
    ("Ranilluk", "ranillug", "alternative", "election results files (zgjedhjet_info, local 2017: 'Ranilluk/Ranillug')"),
    # UNDP Kosovo Mosaic files (opendatakosovo/UNKT-MDG-visualizer)
    ("Gliogovc", "drenas", "alternative", "UNDP Kosovo Mosaic indicator file header"),
    ("Novoberda", "novoberde", "alternative", "UNDP Kosovo Mosaic indicator file header"),
    ("Mitrovica South", "mitrovice_e_jugut", "english", "UNDP Kosovo Mosaic indicator file header"),
    ("Mitrovica North", "mitrovice_e_veriut", "english", "UNDP Kosovo Mosaic indicator file header"),
    # ASK (Kosovo Agency of Statistics) PxWeb labels, see shared/docs/askdata.md
    ("Gllogovc", "drenas", "old", "ASK PxWeb municipality labels; KQZ 2021 voter list"),
    ("Mitrovicë Jugore", "mitrovice_e_jugut", "official_sq_variant", "ASK PxWeb municipality labels"),
    # Serbian names in Cyrillic for old and alternative Serbian names
    ("Ђенерал Јанковић", "hani_i_elezit", "old", "Serbian Cyrillic of Đeneral Janković (reference alias)"),
    (
        "Јужна Косовска Митровица",
        "mitrovice_e_jugut",
        "official_sr_variant",
        "Serbian Cyrillic of Južna Kosovska Mitrovica",
    ),
    (
        "Južna Kosovska Mitrovica",
        "mitrovice_e_jugut",
        "official_sr_variant",
        "Serbian administrative usage for South Mitrovica",
    ),
    ("Severna Kosovska Mitrovica", "mitrovice_e_veriut", "official_sr_variant", "reference alias"),
    ("Северна Косовска Митровица", "mitrovice_e_veriut", "official_sr_variant", "reference alias"),
    ("Klokot-Vrbovac", "kllokot", "old", "reference alias"),
    ("Клокот-Врбовац", "kllokot", "old", "reference alias"),
    # English forms in common use (UN, OSCE, EU documents)
    ("Pristina", "prishtine", "english", "UN/EU English usage"),
    ("Pec", "peje", "english", "UN/EU English usage (Peć without diacritics)"),
    ("South Mitrovica", "mitrovice_e_jugut", "english", "reference name_en"),
    ("Zvecan", "zvecan", "english", "English without diacritics"),
    # Turkish names (Turkish is an official language in Prizren, Mamushë and others)
    ("Priştine", "prishtine", "turkish", "tr.wikipedia article title"),
    ("İpek", "peje", "turkish", "reference alias (Ottoman/Turkish name)"),
    ("Yakova", "gjakove", "turkish", "tr.wikipedia article title"),
]


def slug(name: str) -> str:
    """ASCII slug of an Albanian official name: the gazetteer's ``code``."""
    s = unicodedata.normalize("NFKD", name.lower())
    s = "".join(c for c in s if not unicodedata.combining(c))
    return "_".join(s.replace("-", " ").split())


def split_aliases(cell: str) -> list[str]:
    out = []
    for part in cell.split(";"):
        part = part.strip()
        if not part or part in NOT_ALIASES:
            continue
        # "Klokot-Vrbovac (Клокот-Врбовац)": a name with its Cyrillic form.
        if "(" in part and part.endswith(")"):
            head, _, inner = part[:-1].partition("(")
            inner = inner.strip()
            part = head.strip()
            if any("\u0400" <= c <= "\u04ff" for c in inner):
                out.append(inner)
        out.append(part)
    return out


def main() -> int:
    rows = list(csv.DictReader(REFERENCE.open(encoding="utf-8")))
    assert len(rows) == 38, len(rows)
    code_of = {r["name_sq"]: slug(r["name_sq"]) for r in rows}
    # North Mitrovica's parent is the pre-2013 municipality of Mitrovicë, a
    # historic unit (see kosovo_hr/data/historic_units.csv).
    code_of["Mitrovicë"] = "mitrovice_pre2013"
    gaz = []
    aliases: list[tuple[str, str, str, str]] = []
    for r in rows:
        code = code_of[r["name_sq"]]
        parents = [p.strip() for p in r["parent_municipality"].split(";") if p.strip()]
        gaz.append(
            {
                "code": code,
                "kas_code": int(r["official_code"]),
                "kas_code_source": r["official_code_source"],
                "name_sq": r["name_sq"],
                "name_sr": r["name_sr"],
                "name_sr_cyrl": r["name_sr_cyrl"],
                "name_en": r["name_en"],
                "district": "district_" + slug(r["district"]),
                "osce_region": REGION_CODES[r["osce_region"]],
                "osce_region_evidence": r["osce_region_evidence"],
                "osce_region_source": r["osce_region_source"],
                "year_established": r["year_established"],
                "parent": ";".join(code_of[p] for p in parents),
                "area_km2": r["area_km2"],
                "notes": r["notes"],
            }
        )
        aliases += [
            (r["name_sq"], code, "official_sq", "shared/reference/municipalities.csv name_sq"),
            (r["name_sr"], code, "official_sr", "shared/reference/municipalities.csv name_sr"),
            (r["name_sr_cyrl"], code, "official_sr_cyrl", "shared/reference/municipalities.csv name_sr_cyrl"),
            (r["name_en"], code, "english", "shared/reference/municipalities.csv name_en"),
        ]
        for a in split_aliases(r["other_aliases"]):
            if a in AMBIGUOUS_MITROVICA:
                continue
            aliases.append((a, code, "alternative", "shared/reference/municipalities.csv other_aliases"))
        for a in ALBANIAN_FORMS[code]:
            aliases.append((a, code, "albanian_form", "Albanian definite/genitive form of name_sq"))
    aliases += EXTRA_ALIASES
    # Drop exact repeats (same alias, same code); keep the first source.
    seen: dict[str, str] = {}
    unique = []
    for a in aliases:
        if a[0] in seen:
            if seen[a[0]] != a[1]:
                raise SystemExit(f"alias {a[0]!r} points to {seen[a[0]]} and {a[1]}")
            continue
        seen[a[0]] = a[1]
        unique.append(a)
    gaz.sort(key=lambda g: g["code"])
    with (OUT / "municipalities.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(gaz[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(gaz)
    with (OUT / "aliases.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["alias", "code", "kind", "source"])
        w.writerows(sorted(unique, key=lambda a: (a[1], a[2], a[0])))
    print(f"{len(gaz)} municipalities, {len(unique)} aliases")
    # OSCE-region evidence class, primary document and where it was read (issue 13)
    import build_citations

    build_citations.main()
    return 0


if __name__ == "__main__":
    sys.exit(main())
