"""Municipality names in records: ``extra=`` checked, each distinct spelling resolved once.

Resolution is the gazetteer's (:func:`kosovo_hr.resolve_many`: exact lookup
after normalisation, never fuzzy); this module only makes it work on whole
columns across the chunks of a file, and turns every failure into a row
error that names the spelling and its closest known forms.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..gazetteer import AmbiguousMunicipalityError, UnknownMunicipalityError, historic_units, resolve_many
from .cells import slots_in_use
from .errors import RecordsSchemaError
from .schema import RecordSchema


def check_extra(extra: dict[str, str] | None, schema: RecordSchema) -> dict[str, str]:
    """Every code of ``extra=`` must be a gazetteer code (or one of the schema's special codes)."""
    if not extra:
        return {}
    import difflib

    from ..gazetteer import municipalities

    known = set(municipalities()["code"]) | set(historic_units()["code"]) | set(schema.special_codes)
    bad = {name: code for name, code in extra.items() if code not in known}
    if bad:
        items = "; ".join(
            f"{name!r} -> {code!r}"
            + (
                f" (closest codes: {', '.join(close)})"
                if (close := difflib.get_close_matches(str(code), sorted(known), n=3, cutoff=0.5))
                else ""
            )
            for name, code in bad.items()
        )
        raise RecordsSchemaError(
            f"extra= maps names to unknown code(s): {items}. Codes are those of "
            f"kosovo_hr.municipalities() (column 'code')"
            + (f" or {', '.join(schema.special_codes)}" if schema.special_codes else "")
        )
    return dict(extra)


class NameResolver:
    """Resolves distinct (name, year) once for the whole file, across chunks, to positions in ``codes``."""

    def __init__(self, extra: dict[str, str], pos: dict[str, int]):
        self.extra = extra
        self.pos = pos
        self.plain: dict[str, str] = {}  # name -> code (year does not matter)
        self.by_year: dict[tuple[str, int], str] = {}
        self.unknown: dict[str, list[str]] = {}
        self.ambiguous: dict[str, str] = {}  # name -> what it depends on

    def _batch(self, names: list[str], year: int | None) -> dict[str, str]:
        out: dict[str, str] = {}
        pending = list(names)
        while pending:
            try:
                out.update(resolve_many(pending, year=year, extra=self.extra))
                break
            except UnknownMunicipalityError as err:
                self.unknown.update(err.unmatched)
                pending = [p for p in pending if p not in err.unmatched]
            except AmbiguousMunicipalityError as err:
                if year is not None:  # cannot happen: the year settles it
                    raise
                self.ambiguous.update(err.ambiguous)
                pending = [p for p in pending if p not in err.ambiguous]
        return out

    def resolve(
        self, codes_f: np.ndarray, uniq: pd.Series, years: np.ndarray, year_ok: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``(code positions, error rows, error messages)`` from the factorized names (missing: -1).

        Each distinct spelling is resolved once per file; only a name whose
        municipality depends on the year is looked at row by row.
        """
        strs = [str(u).strip() for u in uniq]
        used = slots_in_use(codes_f, len(strs))  # the names some row holds
        new = [
            s
            for k, s in enumerate(strs)
            if used[k] and s not in self.plain and s not in self.unknown and s not in self.ambiguous
        ]
        new = list(dict.fromkeys(new))
        if new:
            self.plain.update(self._batch(new, None))
        # one slot per distinct name, and a last one for missing cells (code -1)
        u_pos = np.array([self.pos[self.plain[s]] if s in self.plain else -1 for s in strs] + [-1], dtype=np.int32)
        code = u_pos[codes_f]
        u_err = np.full(len(strs) + 1, None, dtype=object)
        for k, s in enumerate(strs):
            if used[k] and s in self.unknown:
                close = self.unknown.get(s, [])
                hint = f" (closest known: {', '.join(repr(c) for c in close)})" if close else ""
                u_err[k] = f"unknown municipality name {s!r}{hint}; fix it or pass extra={{{s!r}: code}}"
        bad = u_err != None  # noqa: E711 (element-wise)
        err_rows = np.flatnonzero(bad[codes_f]) if bad.any() else np.zeros(0, dtype=np.int64)
        err_msgs = u_err[codes_f[err_rows]]
        amb = np.array([used[k] and s in self.ambiguous for k, s in enumerate(strs)] + [False], dtype=bool)
        if amb.any():
            rows_amb, msgs_amb = [], []
            for i in np.flatnonzero(amb[codes_f]):
                s = strs[codes_f[i]]
                if not year_ok[i]:
                    rows_amb.append(i)
                    msgs_amb.append(f"{s!r} depends on the year ({self.ambiguous[s]}); give a valid date")
                    continue
                key = (s, int(years[i]))
                if key not in self.by_year:
                    self.by_year[key] = self._batch([s], key[1])[s]
                code[i] = self.pos[self.by_year[key]]
            if rows_amb:
                order = np.argsort(np.concatenate([err_rows, rows_amb]), kind="stable")
                err_rows = np.concatenate([err_rows, np.asarray(rows_amb, dtype=np.int64)])[order]
                err_msgs = np.concatenate([err_msgs, np.asarray(msgs_amb, dtype=object)])[order]
        return code, err_rows, err_msgs
