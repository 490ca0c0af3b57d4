"""Findings pipeline: load inspection reports, extract grounded findings, register and publish them."""

__version__ = "1.18.0"
