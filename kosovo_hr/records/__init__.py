"""Users' own record files: schemas, reading, validation, name resolution and placement.

    import kosovo_hr as kh
    res = kh.load_records("data/raw/incidents.xlsx", domain="hate_incident")
    res.rejected            # every rejected row, with its reason
    res.duplicates          # repeated rows and record ids
    counts = kh.count_records(res.records, by=("code", "year"))   # kosovo_hr.indicators.records

The schemas are documented in :mod:`kosovo_hr.records.schema` and
``data/raw/README.md``; how files and cells are read in
:mod:`kosovo_hr.records.read` and :mod:`kosovo_hr.records.parse`. Counts,
rates and trends of records are indicators (:mod:`kosovo_hr.indicators.records`).
"""

from .errors import RecordsDuplicateError, RecordsError, RecordsSchemaError, RecordsValidationError, RecordsWarning
from .headers import header_aliases
from .load import load_records
from .result import RecordsResult
from .schema import DOMAINS, SCHEMAS, RecordSchema, get_schema

__all__ = [
    "DOMAINS",
    "SCHEMAS",
    "RecordSchema",
    "RecordsDuplicateError",
    "RecordsError",
    "RecordsResult",
    "RecordsSchemaError",
    "RecordsValidationError",
    "RecordsWarning",
    "get_schema",
    "header_aliases",
    "load_records",
]
