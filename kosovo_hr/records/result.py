"""What :func:`kosovo_hr.records.load_records` returns."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from .errors import RecordsValidationError


@dataclass
class RecordsResult:
    """What :func:`load_records` found in a file.

    ``records``        valid rows: ``row`` (spreadsheet row), the schema's
                       columns typed, ``year``, ``month`` (missing when the
                       date has year precision), ``date_precision``
                       (day/month/year), ``date_format`` (how the date was
                       written), ``code`` (gazetteer code), ``location_method``
                       (``name``, ``coordinates``, ``coordinates_nearest``,
                       ``name_and_coordinates``, ``not_recorded``) and any
                       extra columns of the file (as text).
    ``rejected``       rejected rows: ``row``, ``reason`` (every problem of the
                       row, ``; ``-separated) and the row's cells as written.
    ``duplicates``     rows that repeat an earlier row exactly (``row``,
                       ``same_as_row``) and rows whose ``record_id`` repeats
                       with different values (``record_id``, ``rows``).
    ``unknown_names``  every municipality name not in the gazetteer, with the
                       closest known spellings (fix them, or pass ``extra=``).
    ``info``           how the file was read: format, encoding, separator,
                       sheet, headers matched, date formats found, options.
    """

    domain: str
    path: str
    records: pd.DataFrame
    rejected: pd.DataFrame
    unknown_names: dict[str, list[str]] = field(default_factory=dict)
    duplicates: pd.DataFrame = field(default_factory=pd.DataFrame)
    info: dict = field(default_factory=dict)

    @property
    def n_rows(self) -> int:
        """Rows read (blank rows are not records and are not counted)."""
        return len(self.records) + len(self.rejected) + int(self.info.get("duplicates_dropped", 0))

    def summary(self) -> str:
        lines = [
            f"{self.path}: {self.n_rows} row(s) read as {self.domain!r}: "
            f"{len(self.records)} accepted, {len(self.rejected)} rejected"
            + (
                f", {self.info['duplicates_dropped']} exact duplicate(s) dropped"
                if self.info.get("duplicates_dropped")
                else ""
            )
            + "."
        ]
        if self.unknown_names:
            lines.append(
                f"{len(self.unknown_names)} unknown municipality name(s): "
                + ", ".join(repr(n) for n in self.unknown_names)
            )
        fm = self.info.get("date_formats")
        if fm:
            lines.append("dates written as " + ", ".join(f"{k} ({v})" for k, v in fm.items()))
        return "\n".join(lines)

    def raise_if_rejected(self) -> None:
        """Raise :class:`RecordsValidationError` listing every rejected row, if any."""
        if len(self.rejected):
            lines = [self.summary()] + [
                f"  row {r}: {why}" for r, why in zip(self.rejected["row"], self.rejected["reason"])
            ]
            raise RecordsValidationError("\n".join(lines))

    def __repr__(self) -> str:
        return f"RecordsResult({self.summary()!r})"
