"""The one base class of the errors kosovo_hr raises: catch :class:`KosovoHRError` to handle any of them.

Every error class of the library derives from it and, where it has one, from
the built-in type it refines (``ValueError`` for bad input, ``KeyError`` for
unknown keys, ``RuntimeError`` for fetch failures), so existing
``except ValueError`` code keeps working.
"""

from __future__ import annotations

__all__ = ["KosovoHRError", "KosovoHRValueError", "KosovoHRKeyError", "KosovoHRTypeError"]


class KosovoHRError(Exception):
    """Base of every error the library raises on purpose (``kosovo_hr.KosovoHRError``)."""


class KosovoHRValueError(KosovoHRError, ValueError):
    """Bad input: the message says what is wrong and what to do."""


class KosovoHRKeyError(KosovoHRError, KeyError):
    """An unknown name (table, column, election, source): the message lists the known ones."""

    def __str__(self) -> str:  # KeyError would print the message in quotes
        return str(self.args[0]) if self.args else ""


class KosovoHRTypeError(KosovoHRError, TypeError):
    """A value of the wrong type (e.g. a text column where counts are needed)."""
