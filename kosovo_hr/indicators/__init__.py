"""Indicators built from the datasets: one module per theme (participation, ...)."""
