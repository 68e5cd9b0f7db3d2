"""Boundaries of municipalities, OSCE regions and districts, and spatial weights between municipalities."""

from .boundaries import LEVELS, PROJECTED_CRS, boundaries
from .weights import queen_weights

__all__ = ["LEVELS", "PROJECTED_CRS", "boundaries", "queen_weights"]
