"""The report book: a browsable figure-and-table page per language.

    from kosovo_hr.report import build_report
    build_report("report", ["sq", "en"])     # report/sq/index.html, report/en/index.html

or ``kosovo-hr report --lang all --outdir report``.  Each page has one section
per domain in notebook order; every figure with its title, caption, alt text,
source line, PNG/SVG links and the export table behind it (CSV, and an HTML
table when short); caveats computed from the data; sources from the catalogue
and the cited tables; a language switcher.  ``records=``/``domain=`` add the
municipal and OSCE-region sections from the user's own records (suppressed by
default).  Pages are checked by :func:`kosovo_hr.report.check.check_page`.
"""

from .build import ReportError, book_langs, build_report
from .check import check_page
from .figure_tables import FIGURE_TABLES, NoTable, table_for

__all__ = ["FIGURE_TABLES", "NoTable", "ReportError", "book_langs", "build_report", "check_page", "table_for"]
