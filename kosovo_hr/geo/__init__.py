"""Boundaries of municipalities, OSCE regions and districts."""

from .boundaries import LEVELS, PROJECTED_CRS, boundaries

__all__ = ["LEVELS", "PROJECTED_CRS", "boundaries"]
