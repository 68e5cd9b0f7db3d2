"""Transcribe shared/reference population tables into kosovo_hr/data/population/
(population.csv, population_by_community.csv, estimates_context.csv).

Run from the repository root: python tools/build_population.py (outputs are committed;
tests/test_population.py checks every value against the reference files)."""

import sys
from pathlib import Path

import pandas as pd

import kosovo_hr as kh

ROOT = Path(__file__).resolve().parents[1]
R = str(ROOT.parent / "shared" / "reference") + "/"
OUT = str(ROOT / "kosovo_hr" / "data" / "population") + "/"
NORTH = {"leposaviq", "zubin_potok", "zvecan", "mitrovice_e_veriut"}


def main() -> int:
    g = pd.read_csv(R + "population_geohive.csv", dtype={"code": str})
    c = pd.read_csv(R + "census/census2024_municipal.csv")
    c = c[~c.municipality.str.startswith("KOSOVA")]
    e = pd.read_csv(R + "census/census2011_ethnicity_municipal.csv")
    rows = []
    # 1991 census (GeoHive): pre-2008 units
    for _, r in g.iterrows():
        if pd.isna(r.pop_1991_census):
            continue
        code = kh.resolve(r.municipality, year=1991)
        rows.append(
            dict(
                code=code,
                year=1991,
                population=int(r.pop_1991_census),
                kind="census",
                series="census_1991",
                is_estimate=True,
                boundary="pre2008",
                source="geohive_sok",
                name_in_source=r.municipality,
                note="1991 census, boycotted by Kosovo Albanians: figures rest partly on official estimates; "
                "pre-2008 boundaries (includes the territory of municipalities created later)",
            )
        )
    # 2011 census (ASK census2024_10), cross-checked with GeoHive
    gh11 = {kh.resolve(n, year=2024): v for n, v in zip(g.municipality, g.pop_2011_census)}
    for _, r in c.iterrows():
        code = kh.resolve(r.municipality, year=2024)
        if pd.isna(r.pop2011_census_ask):
            continue
        assert gh11[code] == r.pop2011_census_ask, (code, gh11[code], r.pop2011_census_ask)
        rows.append(
            dict(
                code=code,
                year=2011,
                population=int(r.pop2011_census_ask),
                kind="census",
                series="census_2011",
                is_estimate=False,
                boundary="current",
                source="ask_census2024_10",
                name_in_source=r.municipality,
                note="2011 census as enumerated (same figure in GeoHive's SOK table)"
                + (
                    "; enumerated area = today's South Mitrovica (the north was not enumerated)"
                    if code == "mitrovice_e_jugut"
                    else ""
                ),
            )
        )
    # 2011 KAS estimates for the north
    for _, r in e.iterrows():
        if pd.isna(r.pop2011_kas_estimate_north):
            continue
        code = kh.resolve(r.municipality, year=2024)
        rows.append(
            dict(
                code=code,
                year=2011,
                population=int(r.pop2011_kas_estimate_north),
                kind="estimate",
                series="census_2011",
                is_estimate=True,
                boundary="current",
                source="kas_estimation_2011",
                name_in_source=r.municipality,
                note="not enumerated in the 2011 census (boycott); KAS estimate (Estimation of Kosovo population 2011)",
            )
        )
    # 2014 KAS estimate (GeoHive)
    for _, r in g.iterrows():
        code = kh.resolve(r.municipality, year=2024)
        rows.append(
            dict(
                code=code,
                year=2014,
                population=int(r.pop_2014_estimate),
                kind="estimate",
                series="ask_estimate_2014",
                is_estimate=True,
                boundary="current",
                source="geohive_sok",
                name_in_source=r.municipality,
                note="KAS/SOK population estimate for 2014 (as tabulated by GeoHive)",
            )
        )
    # 2024 census final
    for _, r in c.iterrows():
        code = kh.resolve(r.municipality, year=2024)
        north = code in NORTH
        rows.append(
            dict(
                code=code,
                year=2024,
                population=int(r.pop2024_census_final_enumerated),
                kind="census",
                series="census_2024_enumerated",
                is_estimate=False,
                boundary="current",
                source="ask_census2024_10",
                name_in_source=r.municipality,
                note=(
                    "census largely boycotted here: the enumerated count covers only part of the population"
                    if north
                    else "2024 census final, as enumerated"
                ),
            )
        )
        rows.append(
            dict(
                code=code,
                year=2024,
                population=int(r.pop2024_census_final_with_ask_north_estimate),
                kind="estimate" if north else "census",
                series="census_2024",
                is_estimate=north,
                boundary="current",
                source="ask_census2024_63" if north else "ask_census2024_10",
                name_in_source=r.municipality,
                note=(
                    "ASK estimate for a municipality where the 2024 census was largely boycotted "
                    f"(enumerated: {int(r.pop2024_census_final_enumerated):,})"
                    if north
                    else "2024 census final (identical in ASK's enumerated and 'with estimation' tables)"
                ),
            )
        )
    df = pd.DataFrame(rows)
    df.to_csv(OUT + "population.csv", index=False)
    for s in ["census_1991", "census_2011", "ask_estimate_2014", "census_2024_enumerated", "census_2024"]:
        print(s, df[df.series == s].population.sum(), len(df[df.series == s]))
    print(df[(df.series == "census_2011") & (df.kind == "census")].population.sum())

    # community population
    groups = [
        "albanians",
        "serbs",
        "bosniaks",
        "turks",
        "roma",
        "ashkali",
        "egyptians",
        "gorani",
        "roma_ashkali_egyptians_combined",
        "other",
        "not_declared_or_unknown",
    ]
    crow = []
    for _, r in e.iterrows():
        code = kh.resolve(r.municipality, year=2024)
        north = code in NORTH
        for grp in groups:
            v = r[grp]
            src = "ecmi_bosniak_profile" if grp == "bosniaks" else "various_2011_ethnicity"
            crow.append(
                dict(
                    code=code,
                    year=2011,
                    community=grp,
                    population=None if pd.isna(v) else int(v),
                    total=None if pd.isna(r.pop2011_census_ask) else int(r.pop2011_census_ask),
                    kind="census",
                    is_estimate=False,
                    source=src,
                    source_detail=r.source if isinstance(r.source, str) else "",
                    note=(
                        "not enumerated in 2011 (boycott)"
                        if north
                        else ("" if not pd.isna(v) else "not found in the sources read: a gap, not zero")
                    ),
                )
            )
        if north:
            for grp, col in [("albanians", "albanians_osce2013_via_ecmi"), ("bosniaks", "bosniaks_osce2013_via_ecmi")]:
                v = r[col]
                if pd.notna(v):
                    crow.append(
                        dict(
                            code=code,
                            year=2013,
                            community=grp,
                            population=int(v),
                            total=None,
                            kind="estimate",
                            is_estimate=True,
                            source="ecmi_osce2013",
                            source_detail=r.source,
                            note="OSCE 2013 municipal-profile estimate quoted by ECMI (rounded), not a census count",
                        )
                    )
    for _, r in c.iterrows():
        code = kh.resolve(r.municipality, year=2024)
        if pd.notna(r.eth2024_albanians):
            groups24 = ["albanians", "serbs", "bosniaks", "turks", "roma", "ashkali", "egyptians", "gorani", "other"]
            shown = int(sum(r["eth2024_" + grp] for grp in groups24 if pd.notna(r["eth2024_" + grp])))
            total = int(r.pop2024_census_final_enumerated)
            for grp in groups24:
                v = r["eth2024_" + grp]
                crow.append(
                    dict(
                        code=code,
                        year=2024,
                        community=grp,
                        population=None if pd.isna(v) else int(v),
                        total=total,
                        kind="census",
                        is_estimate=False,
                        source="citypopulation_peje",
                        source_detail=r.source_ethnicity,
                        note=f"groups shown sum to {shown:,} of {total:,} ({total - shown:,} not shown by the source)",
                    )
                )
        if pd.notna(r.serbs2024_enumerated):
            crow.append(
                dict(
                    code=code,
                    year=2024,
                    community="serbs",
                    population=int(r.serbs2024_enumerated),
                    total=int(r.pop2024_census_final_enumerated),
                    kind="census",
                    is_estimate=False,
                    source="ask_census2024_63",
                    source_detail=r.source_north_estimate,
                    note="as enumerated; census largely boycotted in the north",
                )
            )
            crow.append(
                dict(
                    code=code,
                    year=2024,
                    community="serbs_with_ask_estimate",
                    population=int(r.serbs2024_with_ask_estimate),
                    total=int(r.pop2024_census_final_with_ask_north_estimate),
                    kind="estimate",
                    is_estimate=True,
                    source="ask_census2024_63",
                    source_detail=r.source_north_estimate,
                    note="ASK 'with estimation' figure for Serbs",
                )
            )
    # gaps filled from the OSCE municipal profiles (2011 census, source KAS), transcribed by the
    # project in kosovo_hr/data/population/osce_profiles_2011.csv; where the reference has a figure
    # the two must agree
    osce = pd.read_csv(OUT + "osce_profiles_2011.csv", dtype={"population": int})
    osce_at = {(o.code, o.community): o for o in osce.itertuples()}
    for row in crow:
        o = osce_at.get((row["code"], row["community"])) if row["year"] == 2011 else None
        if o is None:
            continue
        if row["population"] is None:
            row.update(
                population=int(o.population),
                source="osce_profiles_2011",
                source_detail=f"{o.osce_profile} (see citations.csv); groups sum to the census total {o.profile_total:,}",
                note="filled from the OSCE municipal profile, which prints the 2011 census (source: KAS); a gap in the reference",
            )
        else:
            assert row["population"] == o.population, (row, o)
    cdf = pd.DataFrame(crow)
    cdf["population"] = cdf["population"].astype("Int64")
    cdf["total"] = cdf["total"].astype("Int64")
    cdf.to_csv(OUT + "population_by_community.csv", index=False)
    print(len(cdf), cdf.population.notna().sum())

    # other yearly estimates (context only, never denominators)
    x = pd.read_csv(R + "census/estimates_municipal.csv", keep_default_na=False)
    ctx = pd.DataFrame(
        {
            "code": [kh.resolve(n, year=int(y)) for n, y in zip(x.municipality, x.year)],
            "year": x.year,
            "population": x.population,
            "estimator": x.estimator,
            "ask_official": x.estimator == "ASK",
            "name_in_source": x.municipality,
            "source": x.source_url,
            "note": x.notes,
        }
    )
    ctx.to_csv(OUT + "estimates_context.csv", index=False)
    print(len(ctx), ctx.ask_official.sum())

    # two-level citation columns (primary, primary_status, primary_locator, read_via) and citations.csv
    import build_citations  # tools/ is on sys.path when run as a script

    build_citations.main()
    return 0


if __name__ == "__main__":
    sys.exit(main())
