"""Keep secrets out of logs, exceptions, stored errors and output."""

from __future__ import annotations

import re

MASK = "***"
_BEARER = re.compile(r"(?i)(bearer\s+)[^\s\"',;]+")


def redact_text(text: str, secrets: list[str | None] | tuple = ()) -> str:
    """Replace every secret (and anything after 'Bearer ') with a mask."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, MASK)
    return _BEARER.sub(lambda m: m.group(1) + MASK, text)
