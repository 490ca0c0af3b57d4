"""Safety limits per document. Exceeding one sets the document aside with a reason."""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Limits:
    max_bytes: int = 50 * 1024 * 1024  # raw file size
    max_pages: int = 500  # PDF pages
    max_decompressed: int = 200 * 1024 * 1024  # total uncompressed size of a DOCX/zip
    max_seconds: float = 120.0  # wall time per document
    max_chars: int = 2_000_000  # normalised text length

    @classmethod
    def from_env(cls, **overrides) -> "Limits":
        """Defaults, then FINDINGS_MAX_* environment variables, then explicit overrides (None ignored)."""
        values = {}
        for name, typ in (("max_bytes", int), ("max_pages", int), ("max_decompressed", int),
                          ("max_seconds", float), ("max_chars", int)):
            env = os.environ.get(f"FINDINGS_{name.upper()}")
            if env:
                values[name] = typ(env)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)
