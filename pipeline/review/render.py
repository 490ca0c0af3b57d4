"""The document text cut into segments at item boundaries, for server-side highlighting.

Each segment is plain text (escaped by the template) with the kinds and item refs covering it; the
innermost item's kind gives its colour, evidence sentences an underline.
"""

from __future__ import annotations

from dataclasses import dataclass

from .items import Item


@dataclass(slots=True)
class Segment:
    start: int
    text: str
    refs: list[str]  # items whose spans cover the segment
    kind: str | None  # kind of the narrowest covering span
    context: list[str]  # items whose evidence sentence covers the segment
    context_kind: str | None


def segment_text(text: str, items: list[Item]) -> list[Segment]:
    """Cut `text` at every span boundary of the (non-rejected) items."""
    marks: list[tuple[int, int, Item, bool]] = []
    for item in items:
        if item.state == "rejected":
            continue
        for start, end in item.spans:
            if 0 <= start < end <= len(text):
                marks.append((start, end, item, False))
        if item.context and 0 <= item.context[0] < item.context[1] <= len(text):
            marks.append((item.context[0], item.context[1], item, True))
    cuts = sorted({0, len(text)} | {m[0] for m in marks} | {m[1] for m in marks})
    starts: dict[int, list] = {}
    for mark in marks:
        starts.setdefault(mark[0], []).append(mark)
    active: list[tuple[int, int, Item, bool]] = []
    segments = []
    for start, end in zip(cuts, cuts[1:]):
        active = [m for m in active if m[1] > start] + starts.get(start, [])
        spans = sorted((m for m in active if not m[3]), key=lambda m: m[1] - m[0])
        contexts = sorted((m for m in active if m[3]), key=lambda m: m[1] - m[0])
        segments.append(Segment(start, text[start:end], [m[2].ref for m in spans],
                                spans[0][2].kind if spans else None, [m[2].ref for m in contexts],
                                contexts[0][2].kind if contexts else None))
    return segments
