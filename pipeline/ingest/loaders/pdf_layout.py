"""Geometry of PDF text: rectangles to lines, lines to paragraphs, running headers/footers.

Coordinates are PDF points with y growing upwards (pdfium's convention).
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass

from pipeline.ingest.normalise import join_lines

_PAGE_NUMBER = re.compile(r"^(?:trang|page)?\s*[-–—]?\s*\d{1,4}\s*(?:(?:/|of|trên)\s*\d{1,4})?\s*[-–—]?$",
                          re.IGNORECASE)
_LIST_START = re.compile(r"^(?:[-–+•●▪*]\s|\d{1,2}[.)]\s|[a-zđ][.)]\s|[IVX]{1,5}[.)]\s)")
_SENTENCE_END = (".", ":", ";", "!", "?", "…", '"', "”", ")")


@dataclass(slots=True)
class Line:
    text: str
    x0: float
    bottom: float
    x1: float
    top: float

    @property
    def height(self) -> float:
        return max(self.top - self.bottom, 1.0)


def group_lines(rects: list[tuple[tuple[float, float, float, float], str]]) -> list[Line]:
    """Text rectangles (left, bottom, right, top) and their text, merged into lines, top to bottom."""
    lines: list[Line] = []
    for (left, bottom, right, top), text in sorted(rects, key=lambda r: (-r[0][3], r[0][0])):
        mid = (top + bottom) / 2
        for line in lines:
            if line.bottom <= mid <= line.top:
                _add_to_line(line, left, bottom, right, top, text)
                break
        else:
            lines.append(Line(text, left, bottom, right, top))
    for line in lines:
        line.text = line.text.strip()
    return sorted((ln for ln in lines if ln.text), key=lambda ln: (-ln.top, ln.x0))


def _add_to_line(line: Line, left, bottom, right, top, text) -> None:
    if left >= line.x1 - 1:
        gap = " " if left - line.x1 > line.height * 0.15 and not line.text.endswith(" ") else ""
        line.text = line.text + gap + text
    else:  # a rectangle left of what we have: rare, keep reading order by x
        line.text = text + " " + line.text
    line.x0, line.x1 = min(line.x0, left), max(line.x1, right)
    line.bottom, line.top = min(line.bottom, bottom), max(line.top, top)


def drop_running_lines(pages: list[list[Line]], heights: list[float]) -> list[list[Line]]:
    """Remove page numbers and headers/footers repeated at the top or bottom of most pages.
    Only the first/last lines of a page lying in its top or bottom margin band are candidates."""
    edge, band = 2, 0.1
    candidates = []
    for lines, height in zip(pages, heights):
        ends = lines[:edge] + lines[-edge:]
        candidates.append({id(ln) for ln in ends
                           if ln.bottom > height * (1 - band) or ln.top < height * band})
    counts: Counter = Counter()
    for lines, ids in zip(pages, candidates):
        counts.update({_shape(ln.text) for ln in lines if id(ln) in ids})
    threshold = max(2, (len(pages) + 1) // 2)
    running = {key for key, n in counts.items() if n >= threshold} if len(pages) >= 2 else set()
    return [[ln for ln in lines
             if id(ln) not in ids or not (_shape(ln.text) in running or _PAGE_NUMBER.match(ln.text))]
            for lines, ids in zip(pages, candidates)]


def _shape(text: str) -> str:
    """A line's text with digits blanked, so 'Trang 3' and 'Trang 4' compare equal."""
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


def split_paragraphs(lines: list[Line]) -> list[str]:
    """Group a page's lines into paragraphs: a break at a wide vertical gap, after a line that
    stops short of the right margin, at an indented first line, or at a list item."""
    if not lines:
        return []
    steps = [a.bottom - b.bottom for a, b in zip(lines, lines[1:]) if a.bottom - b.bottom > 0]
    step = statistics.median(steps) if steps else lines[0].height * 1.2
    left = min(ln.x0 for ln in lines)
    right = max(ln.x1 for ln in lines)
    width = max(right - left, 1.0)
    groups: list[list[Line]] = [[lines[0]]]
    for prev, cur in zip(lines, lines[1:]):
        gap = prev.bottom - cur.bottom
        breaks = (
            gap > step * 1.4
            or gap < -prev.height  # went back up the page: a new column or block
            or prev.x1 < right - width * 0.15
            or cur.x0 > left + cur.height * 1.5 and cur.x0 > prev.x0 + cur.height
            or _LIST_START.match(cur.text) is not None
        )
        if breaks:
            groups.append([cur])
        else:
            groups[-1].append(cur)
    return [join_lines(ln.text for ln in group) for group in groups]


def continues(prev_paragraph: str, next_paragraph: str) -> bool:
    """Whether a paragraph cut by a page break goes on at the top of the next page."""
    return (bool(prev_paragraph) and bool(next_paragraph)
            and not prev_paragraph.rstrip().endswith(_SENTENCE_END)
            and next_paragraph[0].islower())
