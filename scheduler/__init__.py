"""Sekasin shift scheduler: from availability spreadsheets to the roster that answers most."""

__version__ = "0.1.0"
