"""The one document record that flows from loader to sink."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True, slots=True)
class RawBlock:
    """A piece of text as a loader found it, with where it came from."""

    text: str
    kind: str = "paragraph"  # paragraph | heading | table_cell
    page: int | None = None  # 1-based, PDF only
    paragraph: int | None = None  # 0-based index of the paragraph in its source
    table: int | None = None  # 0-based table index
    row: int | None = None
    col: int | None = None


@dataclass(frozen=True, slots=True)
class Block:
    """A span [start, end) of the normalised text and its location in the source."""

    start: int
    end: int
    kind: str = "paragraph"
    page: int | None = None
    paragraph: int | None = None
    table: int | None = None
    row: int | None = None
    col: int | None = None

    def to_json(self) -> dict:
        out = {"start": self.start, "end": self.end, "kind": self.kind}
        for key in ("page", "paragraph", "table", "row", "col"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        return out


@dataclass(frozen=True, slots=True)
class Loaded:
    """What a loader returns: raw blocks in reading order plus metadata the source states."""

    blocks: tuple[RawBlock, ...]
    title: str | None = None
    published: date | None = None
    pages: int | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """An immutable, normalised document. All offsets anywhere index `text`."""

    source_uri: str
    format: str  # txt | html | pdf | docx
    kind: str  # news | minutes
    sha256: str  # of the raw bytes
    text: str
    title: str | None = None
    published: date | None = None
    blocks: tuple[Block, ...] = field(default_factory=tuple)
    document_id: str = ""

    def __post_init__(self):
        if not self.document_id:
            object.__setattr__(self, "document_id", sha256_text(self.text))

    def block_at(self, offset: int) -> Block | None:
        """The block holding character `offset`, if any."""
        lo, hi = 0, len(self.blocks) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            b = self.blocks[mid]
            if offset < b.start:
                hi = mid - 1
            elif offset >= b.end:
                lo = mid + 1
            else:
                return b
        return None


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
