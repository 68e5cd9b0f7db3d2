"""kosovo_hr: human-rights indicators for Kosovo's municipalities and OSCE regions.

The public API is flat and imported lazily, so ``import kosovo_hr`` is light:
pandas, geopandas and matplotlib load only when a function needs them.

    import kosovo_hr as kh
    kh.municipalities()             # the 38 municipalities (gazetteer)
    kh.resolve("Uroševac")          # -> "ferizaj"
    kh.harmonize(df, "komuna")      # adds a `code` column
    kh.boundaries("osce_region")    # GeoDataFrame, EPSG:4326
    kh.choropleth(frame, "value", lang="sq")
    kh.draw_figure("osce_regions", "sr-Cyrl")   # a published figure by name (kh.figure_names())

The notebooks use only these names (tests/test_notebooks_api.py).
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

# public name -> module that defines it ("module:attribute" where the public name differs)
_API: dict[str, str] = {
    # the one base class of every library error
    "KosovoHRError": "kosovo_hr.errors",
    # gazetteer
    "municipalities": "kosovo_hr.gazetteer",
    "regions": "kosovo_hr.gazetteer",
    "districts": "kosovo_hr.gazetteer",
    "historic_units": "kosovo_hr.gazetteer",
    "resolve": "kosovo_hr.gazetteer",
    "resolve_many": "kosovo_hr.gazetteer",
    "harmonize": "kosovo_hr.gazetteer",
    "normalize": "kosovo_hr.gazetteer",
    "names": "kosovo_hr.gazetteer",
    "LEVELS": "kosovo_hr.gazetteer",
    "membership": "kosovo_hr.gazetteer",
    "successors": "kosovo_hr.gazetteer",
    "covers": "kosovo_hr.gazetteer",
    "spread_to_current": "kosovo_hr.gazetteer",
    "UnknownMunicipalityError": "kosovo_hr.gazetteer",
    "AmbiguousMunicipalityError": "kosovo_hr.gazetteer",
    # sources
    "fetch": "kosovo_hr.sources",
    "get_source": "kosovo_hr.sources",
    "sources_table": "kosovo_hr.sources",
    # citations of the facts we transcribe
    "load_citations": "kosovo_hr.citations",
    # population denominators and ASK's open data service
    "load_population": "kosovo_hr.datasets.population",
    "load_population_by_community": "kosovo_hr.datasets.population",
    "population_for_years": "kosovo_hr.datasets.population",
    "population_sources": "kosovo_hr.datasets.population",
    "population_change": "kosovo_hr.indicators.population",
    "load_askdata": "kosovo_hr.datasets.askdata",
    # national series and users' own records (trafficking, hate incidents, displacement)
    "load_trafficking": "kosovo_hr.datasets.trafficking",
    "TRAFFICKING_FORMS": "kosovo_hr.indicators.trafficking:FORMS",
    "load_hate_incidents": "kosovo_hr.datasets.hate_incidents",
    "ODIHR_TYPES": "kosovo_hr.datasets.hate_incidents",
    "ORTHODOX_SITE_MEASURES": "kosovo_hr.indicators.hate_crime:SITE_MEASURES",
    "load_displacement": "kosovo_hr.datasets.displacement",
    "returns_table": "kosovo_hr.indicators.displacement",
    "one_per_year": "kosovo_hr.datasets.national",
    "series_table": "kosovo_hr.indicators.national",
    "national_trend": "kosovo_hr.indicators.national",
    "source_conflicts": "kosovo_hr.datasets.national:conflicts",
    "load_records": "kosovo_hr.records",
    "get_schema": "kosovo_hr.records",
    "RecordsResult": "kosovo_hr.records",
    "RecordsSchemaError": "kosovo_hr.records",
    "RecordsValidationError": "kosovo_hr.records",
    "RecordsDuplicateError": "kosovo_hr.records",
    "RecordsWarning": "kosovo_hr.records",
    "count_records": "kosovo_hr.indicators.records",
    "municipal_indicators": "kosovo_hr.indicators.records",
    "region_trends": "kosovo_hr.indicators.records",
    "pooled": "kosovo_hr.indicators.records",
    "pooled_suppressed": "kosovo_hr.indicators.records",
    "pooled_by_region": "kosovo_hr.indicators.records",
    "map_pooled_rates": "kosovo_hr.figures.records",
    "export_tables": "kosovo_hr.export",
    "export_geopackage": "kosovo_hr.export",
    "write_csv": "kosovo_hr.export",
    "write_xlsx": "kosovo_hr.export",
    # conflict legacy (Kosovo Memory Book), pre-2008 municipalities, UNDP Kosovo Mosaic
    "load_conflict_victims": "kosovo_hr.datasets.conflict",
    "conflict_rates": "kosovo_hr.indicators.conflict",
    "UnknownPlaceError": "kosovo_hr.datasets.conflict",
    "load_mosaic": "kosovo_hr.datasets.mosaic",
    "MosaicRowError": "kosovo_hr.datasets.mosaic",
    "mosaic_rejected": "kosovo_hr.datasets.mosaic",
    "pre2008_units": "kosovo_hr.geo.pre2008",
    "pre2008_code_map": "kosovo_hr.geo.pre2008",
    "to_pre2008": "kosovo_hr.geo.pre2008",
    "pre2008_boundaries": "kosovo_hr.geo.pre2008",
    # elections and minority participation
    "load_elections": "kosovo_hr.datasets.elections",
    "load_turnout": "kosovo_hr.datasets.elections",
    "list_elections": "kosovo_hr.datasets.elections",
    "election_subjects": "kosovo_hr.datasets.elections:subjects",
    "election_checks": "kosovo_hr.datasets.elections.checks:run_checks",
    "election_checks_summary": "kosovo_hr.datasets.elections.checks:summary",
    "election_crosscheck_2019": "kosovo_hr.datasets.elections.checks:crosscheck_2019",
    "election_crosscheck_2019_blocks": "kosovo_hr.datasets.elections.checks:crosscheck_2019_blocks",
    "participation": "kosovo_hr.indicators.participation",
    "aggregate_participation": "kosovo_hr.indicators.participation",
    "add_participation_change": "kosovo_hr.indicators.participation:add_change",
    "participation_on_pre2008_units": "kosovo_hr.indicators.participation:on_pre2008_units",
    "turnout_indicators": "kosovo_hr.indicators.participation:turnout",
    "aggregate_turnout": "kosovo_hr.indicators.participation",
    "minority_representation": "kosovo_hr.indicators.participation:representation",
    "suppressed_rates": "kosovo_hr.indicators.conflict",
    "conflict_region_totals": "kosovo_hr.indicators.conflict:published_region_totals",
    "MOSAIC_INSTITUTIONS": "kosovo_hr.indicators.mosaic:INSTITUTIONS",
    "mosaic_security_problems": "kosovo_hr.indicators.mosaic:security_problems",
    # Kosovo Memory Book person records (no names, places or dates of birth)
    "load_memory_book": "kosovo_hr.records.memory_book",
    "memory_book_records": "kosovo_hr.indicators.conflict_records",
    "memory_book_monthly": "kosovo_hr.indicators.conflict_records:monthly_counts",
    "memory_book_status": "kosovo_hr.indicators.conflict_records:status_by",
    "memory_book_age_sex": "kosovo_hr.indicators.conflict_records:age_sex_structure",
    "memory_book_day01": "kosovo_hr.indicators.conflict_records:day01_summary",
    "memory_book_first_day_excess": "kosovo_hr.indicators.conflict_records:first_day_excess",
    "memory_book_vs_hlc_published": "kosovo_hr.indicators.conflict_records:compare_with_hlc_published",
    # indicator statistics
    "rates": "kosovo_hr.stats",
    "poisson_interval": "kosovo_hr.stats",
    "aggregate": "kosovo_hr.stats",
    "suppress": "kosovo_hr.stats",
    "trend": "kosovo_hr.stats",
    "eb_smooth": "kosovo_hr.stats",
    "moran_rate": "kosovo_hr.stats",
    "representation_index": "kosovo_hr.stats",
    # geography and maps
    "boundaries": "kosovo_hr.geo",
    "queen_weights": "kosovo_hr.geo",
    "choropleth": "kosovo_hr.plots",
    "small_multiples": "kosovo_hr.plots",
    # the published figures, drawn by name as `kosovo-hr figures` draws them
    "draw_figure": "kosovo_hr.figures",
    "figure_names": "kosovo_hr.figures",
}

__all__ = sorted(_API)


def __getattr__(name: str) -> Any:
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'kosovo_hr' has no attribute {name!r}")
    module, _, attribute = module.partition(":")
    value = getattr(importlib.import_module(module), attribute or name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_API))
