"""Cited national yearly figures (trafficking, hate incidents, displacement).

See ``README.md`` in this folder for the columns and caveats; load the tables
with :func:`kosovo_hr.load_trafficking`, :func:`kosovo_hr.load_hate_incidents`
and :func:`kosovo_hr.load_displacement`.
"""
