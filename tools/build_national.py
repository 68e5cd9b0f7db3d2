"""Transcribe shared/reference/national/*.csv into kosovo_hr/data/national/.

Run from the repository root: python tools/build_national.py (outputs are committed;
tests/test_national_series.py checks the values against the reference files)."""

import re
import sys
from pathlib import Path

import pandas as pd

from kosovo_hr.datasets.national import COLUMNS

ROOT = Path(__file__).resolve().parents[1]
REF = str(ROOT.parent / "shared" / "reference" / "national")
OUT = str(ROOT / "kosovo_hr" / "data" / "national")

PRODUCER_BY_URL = {
    "web.archive.org": "IDMC country overview (web.archive.org copy)",
    "astra.rs": "Kosovo Police anti-trafficking unit (via Tanjug/Astra)",
    "insajderi.com": "Ministry of Internal Affairs (via Insajderi)",
    "kosovapress.com": "Kosovo Police THB Directorate (via KosovaPress)",
    "tip.childhub.org": "Kosovo Police (via ChildHub/Terre des hommes)",
    "state.gov/reports/20": "US Department of State, TIP report (government of Kosovo data)",
    "tetovasot.com": "US Department of State, TIP report 2017 (via Tetova Sot)",
    "hatecrime.osce.org/country/none": "OSCE/ODIHR hate crime reporting (old page)",
    "exit.al": "Kosovo Police (via US IRF report 2020, via Exit News)",
    "hatecrime.osce.org/ru/node/1484": "OSCE/ODIHR hate crime reporting",
    "infobalkans.com": "Ministry for Communities and Returns (minister's statement, via InfoBalkans)",
    "naslovi.net": "Kosovo Police (to RFE/RL, via naslovi.net)",
    "prishtinainsight.com/kosovos": "OSCE Mission in Kosovo report (via Prishtina Insight)",
    "prishtinainsight.com/tag": "US Department of State, IRF report 2021 (via Prishtina Insight)",
    "rks.news": "Kosovo Police / Government of Serbia (via RksNews)",
    "ecoi.net": "Kosovo Police (via US IRF report 2022, via ecoi.net)",
    "urdupoint.com": "Serbian Government Office for Kosovo and Metohija (via Sputnik/UrduPoint)",
    "kosovocompromise.com": "Ministry for Communities and Returns / UNHCR (via Tanjug, Kosovo Compromise)",
    "mzp-rks.org": "Ministry for Communities and Returns (UNHCR data)",
    "internal-displacement.org": "IDMC (UNHCR data)",
    "refworld.org": "IDMC Global Overview (via refworld)",
    "kirs.gov.rs": "Commissariat for Refugees and Migration of Serbia",
    "reporting.unhcr.org": "UNHCR Regional Office for South Eastern Europe",
    "romarights.wordpress.com": "UNMIK / UNHCR statistics (via romarights blog)",
    "unhcr.org/rs": "UNHCR Serbia",
    "finanzafunzionale.it": "US human rights report 2019, UNHCR data (Italian copy)",
}
# rks.news rows name their producer in the measure
RKS_SERBIA = "Government of Serbia (as cited by RksNews)"
RKS_KP = "Kosovo Police records (via RksNews)"


def producer(url, measure):
    if "rks.news" in url:
        return RKS_SERBIA if measure.startswith("serbia_") else RKS_KP
    for k, v in PRODUCER_BY_URL.items():
        if k in url:
            return v
    raise KeyError(url)


PARTIAL = re.compile(r"jan_to_|_jan_to")
# a note such as "2025 KP data Jan-Oct": the figure covers part of the year
PARTIAL_NOTE = re.compile(r"\bJan(uary)?\s*[-–]\s*[A-Z][a-z]{2}", re.I)
STOCK_PREFIX = ("idps_in_kosovo", "idps_from_kosovo", "idps_in_serbia", "idps_unhcr")


def period_of(domain, year, measure, note):
    y = str(year).strip()
    if y.startswith("unknown") or y.startswith("undated"):
        if "cumulative" in measure:
            return None, None, "cumulative"
        return None, None, "undated"
    m = re.fullmatch(r"(\d{4})-(\d{4})-(\d{2})", y)
    if m:  # 1999-2007-03: cumulative since 1999 to March 2007
        return int(m.group(1)), int(m.group(2)), "cumulative"
    m = re.fullmatch(r"(\d{4})-(\d{4})", y)
    if m:
        return int(m.group(1)), int(m.group(2)), "multi_year"
    yi = int(y)
    if "cumulative" in measure:
        return None, yi, "cumulative"
    if domain == "displacement" and (measure.startswith(STOCK_PREFIX) or measure.endswith("_peak")):
        return yi, yi, "point_in_time"
    if PARTIAL.search(measure) or "partial year" in str(note) or PARTIAL_NOTE.search(str(note)):
        return yi, yi, "partial_year"
    return yi, yi, "calendar_year"


# What a document read later adds to a row (the value is unchanged): (domain, year, measure, value)
# -> (period or None to keep it, note appended).  The reference's year is kept in year_as_published.
PERIOD_CORRECTIONS = {
    ("hate_incidents", "2019", "kp_incidents_religious_sites_or_cemeteries", "61"): (
        "partial_year",
        "period: January-September 2019. The 2019 IRF report (Executive Summary, read in its ecoi.net copy) "
        "says 'National police reported 61 religiously motivated incidents, most targeting religious sites, "
        "including cemeteries, in the first nine months of the year'; the 2020 report quoted here gives the "
        "same 61 as the 2019 figure, so this is a nine-month count, not a whole-year value, and its "
        "definition (religiously motivated) differs from the 2020 count (police classified none of 2020's "
        "57 as religiously motivated)",
    ),
    ("hate_incidents", "2021", "incidents_at_muslim_and_orthodox_sites", ">80"): (
        None,
        "the exact figure, read later in Prishtina Insight's article quoting the 2021 IRF report: 'National "
        "police said they received reports of 87 incidents targeting religious sites during the year, compared "
        "with 57 incidents in 2020. The incidents targeted 56 Muslim, 30 SOC [Serbian Orthodox Church], and one "
        "Roman Catholic property' (86 at Muslim and Orthodox sites); the row keeps the lower bound it was "
        "transcribed with",
    ),
}


def qualifier(value, unit):
    u = str(unit)
    v = str(value).strip()
    if v.startswith(">") or "lower bound" in u:
        return "lower_bound"
    if "approx" in u:
        return "approx"
    if "estimate" in u:
        return "estimate"
    return "exact"


def scope_of(measure):
    if measure == "idps_unhcr_serbia_incl_kosovo":
        return "displaced_in_serbia_and_kosovo"
    if measure == "idp_returns_from_serbia_to_kosovo_cumulative":
        return "kosovo"
    if "serbia" in measure and not measure.startswith("serbia_claimed"):
        return "displaced_from_kosovo_in_serbia"
    return "kosovo"


# the columns the package's loader reads, in its order (one definition: kosovo_hr.datasets.national.COLUMNS)
COLS = list(COLUMNS)


def main() -> int:
    for domain in ["trafficking", "hate_incidents", "displacement"]:
        d = pd.read_csv(f"{REF}/{domain}.csv", dtype=str, keep_default_na=False)
        rows = []
        for i, r in enumerate(d.itertuples(index=False), start=1):
            ys, ye, period = period_of(domain, r.year, r.measure, r.note)
            v = r.value.strip()
            correction = PERIOD_CORRECTIONS.get((domain, r.year, r.measure, v))
            if correction and correction[0]:
                period = correction[0]
            val = float(v.lstrip(">").replace(",", ""))
            unit = r.unit.split(" (")[0].strip()
            series = r.measure if period in ("calendar_year", "point_in_time") and ye is not None else ""
            note = r.note
            if domain == "hate_incidents" and r.reporting_organisations:
                note = f"reporting organisations: {r.reporting_organisations}" + (f"; {note}" if note else "")
            if correction:
                note = f"{note}; {correction[1]}" if note else correction[1]
            row = dict(
                row_id=f"{domain[:4]}_{i:03d}",
                year_as_published=r.year,
                year_start=ys,
                year_end=ye,
                period=period,
                geography="kosovo",
                code="kosovo",
                measure=r.measure,
                value=val,
                value_as_published=v,
                qualifier=qualifier(v, r.unit),
                unit=unit,
                unit_as_published=r.unit,
                series=series,
                producer=producer(r.source_url, r.measure),
                source_title=r.source_title,
                source_url=r.source_url,
                quote=r.quote,
                note=note,
            )
            if domain == "displacement":
                row["scope"] = scope_of(r.measure)
            rows.append(row)
        out = pd.DataFrame(rows)
        cols = COLS + (["scope"] if domain == "displacement" else [])
        out = out[cols]
        out["year_start"] = out["year_start"].astype("Int64")
        out["year_end"] = out["year_end"].astype("Int64")
        out["value"] = out["value"].map(lambda x: f"{x:g}")
        out.to_csv(f"{OUT}/{domain}.csv", index=False, lineterminator="\n")
        print(domain, len(out), out.period.value_counts().to_dict())

    # two-level citation columns (primary, primary_status, primary_locator, read_via) and citations.csv
    import build_citations  # tools/ is on sys.path when run as a script

    build_citations.main()
    return 0


if __name__ == "__main__":
    sys.exit(main())
