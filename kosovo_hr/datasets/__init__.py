"""Loaders: one module per source, each returning a tidy frame keyed by municipality code and year."""
