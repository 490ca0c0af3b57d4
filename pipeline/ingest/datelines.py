"""Publication dates stated in text lines: bylines of news items, place-date lines of minutes."""

from __future__ import annotations

import re
from datetime import date
from functools import cache

from pipeline.datafiles import load_data

_DMY = re.compile(r"(?<!\d)(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})(?!\d)")
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
# A line that is nothing but a written-out date: "Ngày 08 tháng 10 năm 2021".
_WORD_DATE_LINE = re.compile(r"\W*(?:ngày\s+)?(\d{1,2})\s+tháng\s+(\d{1,2})\s*,?\s+năm\s+(\d{4})\W*", re.IGNORECASE)


@cache
def _cues() -> dict:
    return load_data("cues")["dates"]


@cache
def _place_date() -> re.Pattern:
    return re.compile(_cues()["place_date_pattern"], re.IGNORECASE)


def make_date(year: int, month: int, day: int) -> date | None:
    """A date, or None when the numbers are no calendar day or an implausible year."""
    if not 1900 <= year <= 2100:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_date_text(text: str) -> date | None:
    """The first ISO (2022-02-12...) or day-first (12/02/2022) date in `text`."""
    m = _ISO.search(text)
    if m:
        return make_date(int(m[1]), int(m[2]), int(m[3]))
    m = _DMY.search(text)
    if m:
        return make_date(int(m[3]), int(m[2]), int(m[1]))
    return None


def find_byline(lines: list[str]) -> tuple[int, date] | None:
    """(index, date) of a byline among the first non-empty lines: a short line holding a date,
    e.g. "12/02/2022 10:13 AM", "Ngày đăng 21/02/2019 | 17:30 | View count: 6922"; after a cue an ISO
    date counts too (a stored page's metadata line "date 2025-11-12 ...").
    A date line, then a headline, then right under it another date line: that byline dates the
    article, the line above the headline is the site's clock ("English Thứ Ba, 25-02-2020, 18:24 (GMT+7)")."""
    headline = next((k for k, line in enumerate(lines) if _headline_length(line)), len(lines))
    first = None
    after_headline = False  # the previous line is a headline under the first date line
    for i, line, found in _window_dates(lines, headline):
        if found is not None and first is None:
            first = i, found
        elif found is not None and after_headline:
            return i, found
        after_headline = first is not None and found is None and _is_headline(line)
    return first


def _window_dates(lines: list[str], headline: int):
    """(index, line, date or None) of the non-empty lines in the byline window; date None unless the
    line is a byline candidate."""
    cues = _cues()
    seen = 0
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        if _is_link_item(lines, i):
            continue  # a related-links block above the article ("Tin liên quan ... -") is not counted
        seen += 1
        if seen > cues["byline_window_lines"]:
            return
        if len(line.split()) > cues["byline_max_words"] and not starts_with_cue(line):
            yield i, line, _timestamp_date(line)
            continue
        if i < headline and any(p.search(line) for p in _widget_dates()):
            yield i, line, None  # "Thứ năm, 26/11/2020" above the headline: the site's calendar, not the article's date
            continue
        found = parse_date_text(line) if _DMY.search(line) or starts_with_cue(line) else None
        if found is None and (word := _WORD_DATE_LINE.fullmatch(line.strip())):
            found = make_date(int(word[3]), int(word[2]), int(word[1]))
        yield i, line, found


def _is_link_item(lines: list[str], i: int) -> bool:
    """A line of a related-links list: a bare dash, a title ending in " -", or a title before a bare dash."""
    line = lines[i].strip()
    nxt = next((other.strip() for other in lines[i + 1:] if other.strip()), "")
    return line == "-" or line.endswith(" -") or nxt == "-"


def headline_span(text: str, limit: int = 2000) -> tuple[int, int] | None:
    """The first headline line in `text[:limit]`, as (start, end) offsets."""
    return next(((m.start(), m.end()) for m in re.finditer(r"[^\n]+", text[:limit]) if _headline_length(m[0])), None)


def widget_span(text: str, limit: int) -> tuple[int, int] | None:
    """The line of a site's calendar widget ("Hà Nội, ngày 07-12-2019") above the headline, if any."""
    headline = headline_span(text, limit)
    for m in re.finditer(r"[^\n]+", text[:headline[0] if headline else limit]):
        if any(p.search(m[0]) for p in _widget_dates()):
            return m.start(), m.end()
    return None


def _headline_length(line: str) -> bool:
    """A line long enough for a headline that does not open with a byline cue ("date 2025-11-12 ...")."""
    return len(line.split()) >= _cues()["headline_min_words"] and not starts_with_cue(line)


def _is_headline(line: str) -> bool:
    """A line of headline length that holds no date and is no byline."""
    return _headline_length(line) and not _DMY.search(line) and not _ISO.search(line)


def starts_with_cue(line: str) -> bool:
    low = line.strip().lower()
    return any(low.startswith(cue) and not low[len(cue):len(cue) + 1].isalnum() for cue in _cues()["byline_cues"])


def find_place_date(lines: list[str]) -> date | None:
    """The date of a minutes' place-date line ("Hà Nội, ngày 05 tháng 9 năm 2024"), else of the
    session it opens with ("Hôm nay, ... ngày 27 tháng 02 năm 2024")."""
    for patterns in ([_place_date()], _session_dates()):
        for line in lines:
            for pattern in patterns:
                m = pattern.search(line)
                found = make_date(int(m[3]), int(m[2]), int(m[1])) if m else None
                if found:
                    return found
    return None


def _timestamp_date(line: str) -> date | None:
    """The date of a timestamp ("30/01/2020 15:13") opening or closing a long line, if any."""
    for pattern in _timestamp_lines():
        m = pattern.search(line.strip())
        if m:
            return make_date(int(m[3]), int(m[2]), int(m[1]))
    return None


@cache
def _timestamp_lines() -> list[re.Pattern]:
    return [re.compile(p, re.IGNORECASE) for p in _cues()["timestamp_line_patterns"]]


@cache
def _widget_dates() -> list[re.Pattern]:
    return [re.compile(p, re.IGNORECASE) for p in _cues()["widget_date_patterns"]]


@cache
def _session_dates() -> list[re.Pattern]:
    return [re.compile(p, re.IGNORECASE) for p in _cues()["session_date_patterns"]]
