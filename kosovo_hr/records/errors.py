"""Errors of the records engine (every one says what to change in the file or the call)."""

from __future__ import annotations

from ..errors import KosovoHRValueError


class RecordsError(KosovoHRValueError):
    """Base of the records engine's errors (a :class:`kosovo_hr.KosovoHRError` and a ``ValueError``)."""


class RecordsSchemaError(RecordsError):
    """The file as a whole cannot be read as the schema: empty, unreadable encoding, required
    columns missing, reserved or duplicated column names, a sheet to choose."""


class RecordsValidationError(RecordsError):
    """Raised by ``strict=True`` or :meth:`RecordsResult.raise_if_rejected`: lists every rejected row."""


class RecordsDuplicateError(RecordsError):
    """Raised by ``on_duplicate="error"``: lists the duplicated rows and repeated record ids."""


class RecordsWarning(UserWarning):
    """Something in the file was read in a way the user should know of (duplicates dropped)."""
