"""Users' own record files: schemas, validation, placement and counts.

    from kosovo_hr.records import load_records, count_records
    res = load_records("data/raw/incidents.xlsx", domain="hate_incident")
    res.rejected            # every rejected row, with its reason
    counts = count_records(res.records, by=("code", "year"))

The schemas are documented in :mod:`kosovo_hr.records.schema` and
``data/raw/README.md``.
"""

from .count import count_records
from .load import RecordsResult, RecordsSchemaError, RecordsValidationError, load_records
from .report import map_pooled_rates, municipal_indicators, pooled, region_trends
from .schema import DOMAINS, SCHEMAS, RecordSchema, get_schema

__all__ = ["DOMAINS", "SCHEMAS", "RecordSchema", "RecordsResult", "RecordsSchemaError",
           "RecordsValidationError", "count_records", "get_schema", "load_records",
           "map_pooled_rates", "municipal_indicators", "pooled", "region_trends"]
