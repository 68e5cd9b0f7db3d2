"""Users' own record files: schemas, reading, validation, placement and counts.

    from kosovo_hr.records import load_records, count_records
    res = load_records("data/raw/incidents.xlsx", domain="hate_incident")
    res.rejected            # every rejected row, with its reason
    res.duplicates          # repeated rows and record ids
    counts = count_records(res.records, by=("code", "year"))

The schemas are documented in :mod:`kosovo_hr.records.schema` and
``data/raw/README.md``; how files and cells are read in
:mod:`kosovo_hr.records.read` and :mod:`kosovo_hr.records.parse`.
"""

from .count import count_records
from .errors import RecordsDuplicateError, RecordsError, RecordsSchemaError, RecordsValidationError
from .headers import header_aliases
from .load import RecordsResult, RecordsWarning, load_records
from .report import map_pooled_rates, municipal_indicators, pooled, region_trends
from .schema import DOMAINS, SCHEMAS, RecordSchema, get_schema

__all__ = ["DOMAINS", "SCHEMAS", "RecordSchema", "RecordsDuplicateError", "RecordsError", "RecordsResult",
           "RecordsSchemaError", "RecordsValidationError", "RecordsWarning", "count_records", "get_schema",
           "header_aliases", "load_records", "map_pooled_rates", "municipal_indicators", "pooled",
           "region_trends"]
