"""Kosovo Memory Book person records: source, reader without personal data, engine, committed counts.

The records are in the mirror only (``mirror`` fixture); the small synthetic
JSON parts written here hold invented, fixed values, in ``tmp_path`` only.
"""

from __future__ import annotations

import json
from importlib import resources

import pandas as pd
import pytest

from kosovo_hr.datasets import memory_book as mb
from kosovo_hr.datasets.conflict import load_conflict_victims
from kosovo_hr.records.memory_book import load_memory_book
from kosovo_hr.records.schema import CONFLICT_COMMUNITIES, get_schema
from kosovo_hr.sources import get_source

COLUMNS = ["date", "municipality", "violation", "status", "community", "sex", "age", "source"]


def _package_csv(name: str) -> pd.DataFrame:
    with resources.files("kosovo_hr.data").joinpath(f"conflict/{name}").open("rb") as f:
        return pd.read_csv(f, dtype=str, keep_default_na=False, encoding="utf-8")


def _raw_records(mirror) -> list[dict]:
    """The parts as written, personal fields included: for the privacy assertions only."""
    src = get_source(mb.SOURCE_ID)
    out = []
    for f in sorted(src.files):
        out += json.loads((mirror / src.mirror_path(f)).read_text(encoding="utf-8"))["records"]
    return out


@pytest.fixture(scope="module")
def frame(mirror) -> pd.DataFrame:
    return mb.read_memory_book()


@pytest.fixture(scope="module")
def loaded(mirror):
    return load_memory_book()


def committed_counts() -> pd.Series:
    """The committed table's persons by (place as written, year, community, violation, status) categories."""
    t = _package_csv("kosovo_memory_book_counts.csv")
    comm = _package_csv("community_labels.csv")
    cats = _package_csv("categories.csv")
    cat = {f: dict(zip(g["value"], g["category"])) for f, g in cats.groupby("field")}
    community = dict(zip(comm["ethnicity"], comm["community"].str.lower().str.replace(" ", "_")))
    t = t.assign(
        place=t["place_of_incident"],
        year=t["year"].astype(int),
        community=t["ethnicity"].map(community),
        violation=t["violation"].map(cat["violation"]),
        status=t["status"].map(cat["status"]),
        persons=t["persons"].astype(int),
    )
    assert t[["community", "violation", "status"]].notna().all().all()
    return t.groupby(["place", "year", "community", "violation", "status"])["persons"].sum()


def record_counts(records: pd.DataFrame, year: pd.Series) -> pd.Series:
    """The records counted the same way (place as written, empty for no place)."""
    df = pd.DataFrame(
        {
            "place": records["municipality"].astype(object).fillna("").astype(str),
            "year": year.astype(int),
            "community": records["community"].astype(str),
            "violation": records["violation"].astype(str),
            "status": records["status"].astype(str),
        }
    )
    return df.value_counts().rename("persons").sort_index()


# ---------------------------------------------------------------- the source


def test_source_declares_the_15_parts_with_the_mirror_hashes(mirror):
    src = get_source(mb.SOURCE_ID)
    assert src.version == "28c327e5a8851f98590a37d270d7df832535779d"
    assert sorted(src.files) == [f"data/war/deaths-part-{i:02d}.json" for i in range(1, 16)]
    sums = dict(line.split()[::-1] for line in (mirror / "SHA256SUMS").read_text().splitlines())
    for f, h in src.files.items():
        assert sums["./" + src.mirror_path(f)] == h
    assert src.licence == "none stated in the copy"
    assert "Humanitarian Law Center, Kosovo Memory Book" in src.citation


# ---------------------------------------------------------------- the reader


def test_reader_keeps_only_schema_columns(frame):
    assert list(frame.columns) == COLUMNS
    assert len(frame) == 13_548
    assert set(frame.columns) <= set(get_schema("conflict").names)
    assert not set(frame.columns) & {"fullName", "placeOfBirth", "dateOfBirth", "name", "record_id"}


def test_no_personal_data_in_any_frame_or_export(mirror, frame, loaded, tmp_path):
    from kosovo_hr import export
    from kosovo_hr.indicators import conflict_records  # noqa: F401  (registers the tables)

    raw = _raw_records(mirror)
    full_names = {r["fullName"].strip() for r in raw if r.get("fullName")}
    assert len(full_names) > 10_000  # the check below has something to find
    birth_dates = [r.get("dateOfBirth") for r in raw]
    names = [t for t in export.TABLES if t.startswith("memory_book_")]
    assert len(names) >= 5
    export.export_tables(tmp_path, names=names)
    frames = {"reader": frame, "records": loaded.records, "rejected": loaded.rejected, "duplicates": loaded.duplicates}
    frames.update(
        {
            p.stem: pd.read_csv(p, dtype=str, keep_default_na=False, encoding="utf-8-sig")
            for p in tmp_path.glob("memory_book_*.csv")
        }
    )
    assert len(frames) == 4 + len(names)
    for what, df in frames.items():
        lowered = {str(c).lower() for c in df.columns}
        assert not lowered & {
            "fullname",
            "full_name",
            "name",
            "placeofbirth",
            "place_of_birth",
            "dateofbirth",
            "date_of_birth",
        }, what
        for col in df.columns:
            values = set(df[col].dropna().astype(str).str.strip())
            assert not values & full_names, (what, col)
            if len(df) == len(birth_dates) and col != "date":
                # no column carries the birth dates under another name
                same = sum(str(a) == str(b) for a, b in zip(df[col].astype(str), birth_dates))
                assert same < len(df) / 100, (what, col)


def _write_part(path, records, **meta):
    meta = {"chunk": 1, "count": len(records), "total": len(records), **meta}
    path.write_text(json.dumps({"meta": meta, "records": records}), encoding="utf-8")
    return path


RECORD = {
    "fullName": "Emri Mbiemri",
    "gender": "f",
    "ethnicity": "Rom",
    "violation": "zhdukje",
    "civilianStatus": "civil",
    "placeOfIncident": "Pejë",
    "placeOfBirth": "Vendlindja",
    "dateOfIncident": "1999-04-12",
    "dateOfBirth": "1960-01-01",
    "ageAtIncident": 39,
}


def test_personal_fields_never_leave_the_parser(tmp_path, monkeypatch):
    seen = []
    original = mb._drop_personal
    monkeypatch.setattr(mb, "_drop_personal", lambda pairs: seen.append(out := original(pairs)) or out)
    df = mb.read_memory_book([_write_part(tmp_path / "p.json", [RECORD, {**RECORD, "ageAtIncident": None}])])
    assert not any(k in d for d in seen for k in mb.PERSONAL_FIELDS)
    assert df.loc[0, "community"] == "roma" and df.loc[0, "sex"] == "female"
    assert df.loc[0, "violation"] == "disappeared" and df.loc[0, "status"] == "civilian"
    assert df["age"].tolist()[0] == 39 and pd.isna(df["age"].tolist()[1])
    text = df.to_csv()
    assert "Emri" not in text and "Vendlindja" not in text and "1960" not in text


def test_unknown_field_stops_the_read_without_showing_its_value(tmp_path):
    part = _write_part(tmp_path / "p.json", [{**RECORD, "fatherName": "Babai"}])
    with pytest.raises(mb.MemoryBookFormatError, match="fatherName") as err:
        mb.read_memory_book([part])
    assert "Babai" not in str(err.value)


def test_counts_and_labels_are_checked(tmp_path):
    with pytest.raises(mb.MemoryBookFormatError, match="meta.count"):
        mb.read_memory_book([_write_part(tmp_path / "a.json", [RECORD], count=2, total=1)])
    with pytest.raises(mb.MemoryBookFormatError, match="meta.total"):
        mb.read_memory_book([_write_part(tmp_path / "b.json", [RECORD], total=5)])
    bad = {**RECORD, "violation": "vrasja", "ethnicity": "Marsian"}
    with pytest.raises(mb.MemoryBookFormatError, match="vrasja.*|Marsian"):
        mb.read_memory_book([_write_part(tmp_path / "c.json", [bad])])
    with pytest.raises(mb.MemoryBookFormatError, match="lacks"):
        mb.read_memory_book([_write_part(tmp_path / "d.json", [{k: v for k, v in RECORD.items() if k != "violation"}])])


def test_dates_are_full_iso_dates(frame):
    assert frame["date"].str.fullmatch(r"(1998|1999|2000)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])").all()
    assert (frame["age"].dropna().between(0, 120)).all()
    assert frame["municipality"].isna().sum() == 2


def test_schema_communities_cover_the_label_table():
    comm = _package_csv("community_labels.csv")
    wanted = set(comm["community"].str.lower().str.replace(" ", "_"))
    assert wanted <= set(CONFLICT_COMMUNITIES)
    assert set(CONFLICT_COMMUNITIES) - wanted == {"other", "unknown"}


# ---------------------------------------------------------------- the committed counts, exactly


def test_reader_frame_equals_the_committed_counts(frame):
    got = record_counts(frame, frame["date"].str[:4])
    want = committed_counts()
    pd.testing.assert_series_equal(got, want.sort_index(), check_names=False)


def test_the_comparison_fails_on_a_perturbed_mapping(frame):
    want = committed_counts().sort_index()
    moved = frame.copy()
    moved.loc[0, "municipality"] = "Prizren" if moved.loc[0, "municipality"] != "Prizren" else "Pejë"
    relabelled = frame.assign(status=frame["status"].replace({"civilian": "armed", "armed": "civilian"}))
    for bad in (moved, relabelled):
        assert not record_counts(bad, bad["date"].str[:4]).equals(want)


def test_engine_records_equal_the_committed_counts(loaded):
    assert len(loaded.rejected) == 0 and len(loaded.records) == 13_548
    rec = loaded.records
    got = record_counts(rec, rec["year"])
    pd.testing.assert_series_equal(got, committed_counts().sort_index(), check_names=False)
    assert rec.groupby("year").size().to_dict() == {1998: 2_152, 1999: 11_225, 2000: 171}


def test_engine_codes_equal_the_committed_placement(loaded):
    """Pre-2008 unit codes (year-aware, Mitrovicë 1999 → mitrovice_pre2008) and special codes."""
    rec = loaded.records.astype({"code": str, "violation": str, "status": str, "municipality": object})
    got = rec.groupby(["code", "year", "violation", "status"]).size()
    v = load_conflict_victims()
    want = v.groupby(["code", "year", "violation", "status"])["persons"].sum()
    want = want[want > 0]
    pd.testing.assert_series_equal(got.sort_index(), want.sort_index(), check_names=False, check_dtype=False)
    assert set(rec.loc[rec["municipality"].isna(), "code"]) == {"place_not_recorded"}
    assert set(rec.loc[rec["municipality"] == "Kosovë", "code"]) == {"kosovo_place_unknown"}
    assert set(rec.loc[rec["municipality"] == "Mitrovicë", "code"]) == {"mitrovice_pre2008"}
    assert (rec["code"] == "outside_kosovo").sum() == 393


def test_identical_rows_are_distinct_persons_and_kept(mirror, frame, loaded):
    """Without names many records look alike; in the source every record differs, so all are kept."""
    raw = _raw_records(mirror)
    assert len({json.dumps(r, sort_keys=True) for r in raw}) == len(raw)
    assert frame.duplicated().sum() > 1_000  # alike once names are dropped ...
    assert len(loaded.records) == len(raw)  # ... and none dropped as a duplicate


# ---------------------------------------------------------------- indicators from the records


@pytest.fixture(scope="module")
def cr(loaded):
    from kosovo_hr.indicators import conflict_records

    return conflict_records


def test_monthly_counts_add_up_to_the_committed_totals(cr):
    for level in ("pre2008", "osce_region", "kosovo"):
        m = cr.monthly_counts(level=level, suppress_small=False)
        assert len(m) == len(m["code"].unique()) * 36
        assert m["persons"].sum() == 13_548
        assert m.groupby("year")["persons"].sum().to_dict() == {1998: 2_152, 1999: 11_225, 2000: 171}
    y99 = cr.monthly_counts(level="osce_region", years=[1999], suppress_small=False)
    assert set(y99["year"]) == {1999} and y99["persons"].sum() == 11_225 and len(y99) == 8 * 12
    with pytest.raises(ValueError, match="1998-2000"):
        cr.monthly_counts(years=[2001])
    m = cr.monthly_counts(level="pre2008", suppress_small=False)
    v = load_conflict_victims()
    want = v.groupby(["code", "year"])["persons"].sum()
    got = m.groupby(["code", "year"])["persons"].sum()
    assert (got.reindex(want.index) == want).all()
    assert got.drop(want.index).eq(0).all()


def test_published_monthly_counts_hide_1_to_4(cr):
    for level in ("pre2008", "osce_region"):
        m = cr.monthly_counts(level=level)
        shown = m["persons"].dropna()
        assert not shown.between(1, 4).any()
        assert (m["suppression_reason"] == "primary").sum() > 0
        raw = cr.monthly_counts(level=level, suppress_small=False)
        assert (m["persons"].isna() == m["suppressed"]).all()
        keep = m["persons"].notna()
        assert (m.loc[keep, "persons"] == raw.loc[keep, "persons"]).all()


def test_age_sex_and_status(cr, frame):
    a = cr.age_sex_structure(suppress_small=False)
    assert a["persons"].sum() == 13_548
    assert a.loc[a["age_group"] == "unknown", "persons"].sum() == frame["age"].isna().sum()
    pub = cr.age_sex_structure()
    assert not pub["persons"].dropna().between(1, 4).any()
    s = cr.status_by(by="community_group", suppress_small=False)
    v = load_conflict_victims()
    want = v.pivot_table(index="community_group", columns="status", values="persons", aggfunc="sum")
    assert s.set_index("community_group")["civilian"].astype(int).to_dict() == want["civilian"].to_dict()
    lo, hi = s["civilian_share_lower"], s["civilian_share_upper"]
    assert ((lo <= s["civilian_share"]) & (s["civilian_share"] <= hi)).all()
    sm = cr.status_monthly(suppress_small=False)
    assert sm.groupby("status")["persons"].sum().to_dict() == {"armed": 3_215, "civilian": 10_333}


def test_day01_finding_is_computed_from_the_dates(cr, frame):
    s = cr.day01_summary()
    assert s["day01"] == frame["date"].str.endswith("-01").sum()
    assert s["jan01"] == frame["date"].str[5:].eq("01-01").sum()
    assert s["month01"] == frame["date"].str[5:7].eq("01").sum()
    prof = cr.day_of_month_profile()
    assert prof["persons"].sum() == 13_548 and len(prof) == 31
    assert s["months_day01_above"] == prof.loc[0, "months_above_typical"]
    assert s["months_day01_above"] > prof.loc[1:, "months_above_typical"].max()  # day 01 stands out


def test_comparison_with_the_published_hlc_totals(cr):
    c = cr.compare_with_hlc_published()
    row = c.set_index("figure").loc["persons_killed_or_disappeared"]
    assert row["hlc_published"] == 13_535 and row["records_in_copy"] == 13_548
    from kosovo_hr.citations import load_citations

    reg = load_citations().set_index("id")
    assert (c["primary"] == "hlc_kosovo_human_losses").all()
    assert reg.at["hlc_kosovo_human_losses", "url"].startswith("http://hlc-kosovo.org/")
    parts = c.set_index("figure")["hlc_published"]
    assert (
        parts["albanians"] + parts["serbs"] + parts["roma_bosniaks_montenegrins_and_other_non_albanians"]
        == parts["persons_killed_or_disappeared"]
    )


def test_figures_registered_in_every_language(cr):
    from kosovo_hr import figures
    from kosovo_hr.plots.sources_line import source_credit

    reg = figures.load_all()
    mine = [s for s in reg.values() if s.domain == "conflict_records"]
    assert len(mine) == 5
    for spec in mine:
        assert "kosovo_memory_book" in spec.sources
        for lang in figures.LANGS:
            fig = spec.draw(lang)
            texts = " ".join(t.get_text() for t in fig.texts).replace("\n", " ")
            credit = source_credit("kosovo_memory_book", lang)
            assert credit.split(",")[0] in texts, (spec.name, lang)  # the HLC's name, in lang
