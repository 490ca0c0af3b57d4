"""One small loader per format; each exposes load(data: bytes, limits) -> record.Loaded."""

from __future__ import annotations

from importlib import import_module
from types import ModuleType

FORMATS = ("txt", "html", "pdf", "docx")


def get_loader(fmt: str) -> ModuleType:
    """The loader module for a format name from sniff.detect_format."""
    if fmt not in FORMATS:
        raise KeyError(fmt)
    return import_module(f"pipeline.ingest.loaders.{fmt}")
