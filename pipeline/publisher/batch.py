"""Request bodies and idempotency keys for a batch of document versions."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..register import Pending

if TYPE_CHECKING:
    from ..config import Endpoint

CONTENT_TYPES = {"json": "application/json", "jsonl": "application/x-ndjson"}


def derive_document_key(document_id: str, extractor_version: str) -> str:
    """Idempotency key of one document version: stable across runs and publishers."""
    return hashlib.sha256(f"findings-document\n{document_id}\n{extractor_version}".encode("utf-8")).hexdigest()


def derive_batch_key(member_keys: list[str]) -> str:
    """Key of a multi-document request: a hash of its members' keys (order-independent)."""
    return hashlib.sha256(("findings-batch\n" + "\n".join(sorted(member_keys))).encode("ascii")).hexdigest()


@dataclass(frozen=True, slots=True)
class Batch:
    items: tuple[Pending, ...]
    as_array: bool  # json endpoints with batch_size > 1 always receive an array

    @property
    def keys(self) -> list[tuple[str, str]]:
        return [p.key for p in self.items]

    @property
    def idempotency_key(self) -> str:
        members = [derive_document_key(*p.key) for p in self.items]
        return members[0] if len(members) == 1 and not self.as_array else derive_batch_key(members)

    def render_body(self, fmt: str) -> bytes:
        """The stored JSON texts, unchanged: one object, a JSON array, or newline-delimited lines."""
        payloads = [p.payload for p in self.items]
        if fmt == "jsonl":
            text = "".join(p + "\n" for p in payloads)
        elif self.as_array:
            text = "[" + ",".join(payloads) + "]"
        else:
            text = payloads[0]
        return text.encode("utf-8")


def make_batch(endpoint: Endpoint, items: list[Pending]) -> Batch:
    return Batch(tuple(items), as_array=endpoint.format == "json" and endpoint.batch_size > 1)
