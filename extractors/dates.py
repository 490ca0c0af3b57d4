"""Calendar dates in Vietnamese report text, with their role (published, inspection, deadline...).

Grammar: an optional lead ("các ngày", "sáng ngày"), optional leading days of a list or range
("02, 03", "10 -"), then a core date: D/M[/YYYY], D-M[-YYYY], D.M.YYYY or "D tháng M [năm YYYY]".
A missing year comes from the end of a range (or the list it closes), else from the publication date,
else stays None: without a publication day, a day and month are no resolvable date (a page stamped with
a year and month only, "date 2025-03", and a page whose byline was not found alike).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from extractors.base import Mention
from extractors.lexicon import load_data
from pipeline.ingest.datelines import widget_span

ROLES = ("published", "inspection", "period_start", "period_end", "document", "deadline", "other")
_CONTEXT_CHARS = 80  # left context searched for role cues
_MAX_LISTED_DAYS = 8  # "các ngày 02, 03, 04 tháng 8": days before the one carrying the month
_SENTENCE_CHARS = 300  # how far a sentence is followed for inspection cues
_BOUNDARY = re.compile(r"[.!?;]\s|\n")
_TIME = re.compile(r"\d{1,2}\s*[:h]\s*\d{2}(?::\d{2})?")
# A cited document's number ends right before its date: "207/KH-UBND ngày 15/02/2019".
_DOC_NUMBER_BEFORE = re.compile(r"(?:\d+[/\-][^\s,;]*[A-ZĐ][^\s,;]*|(?<!\w)[Ss]ố\s*:?\s*\d+)\s*,?\s*$")
# "Hà Nội, ngày 05 tháng 9 năm 2024": place and date heading a document.
_PLACE_HEADING = re.compile(r"(?:^|\n|\|)\s*(?P<place>[^\W\d_][^\n,|.;:]{1,40}),\s*$")


def _alt(words: list[str]) -> str:
    """Alternation of phrases, longest first, spaces matching any whitespace."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True, slots=True)
class _Grammar:
    date: re.Pattern
    date_alone: re.Pattern  # the same without leading days
    day: re.Pattern
    range_between: re.Pattern
    list_between: re.Pattern
    bare_cue: re.Pattern
    paren_cue: re.Pattern  # "thứ tư (14.3)", "sáng nay (28-12)", "trong 2 ngày (7 và 8/10)"
    role_cues: tuple[tuple[str, re.Pattern], ...]
    inspection: re.Pattern
    header_extras: re.Pattern
    header_chars: int
    byline_words: int
    byline_chars: int


@lru_cache(maxsize=1)
def load_grammar() -> _Grammar:
    """Compile dates.yaml into the date grammar (once)."""
    data = load_data("dates.yaml")
    lead = data["lead"]
    tod, day_word, plural = _alt(lead["time_of_day"]), _alt(lead["day"]), _alt(lead["plural"])
    conn = _alt(data["range_connectors"] + data["list_connectors"])
    lead_re = rf"(?:(?:{plural})\s+)?(?P<tod>(?:{tod})\s+)?(?P<ngay>(?:{day_word})\s*)?"  # "ngày27/4/2018"
    # Bounded repeats: an unbounded list would make "1, 1, 1, ..." quadratic.
    days_re = rf"(?P<days>(?:\d{{1,2}}\s*(?:{conn})\s*(?:(?:{tod}|{day_word})\s+){{0,2}}){{1,{_MAX_LISTED_DAYS}}})?"
    core_re = (
        r"(?P<d>\d{1,2})(?:(?P<sep>[/.\-])(?P<m>\d{1,2})(?!\d)(?:(?P=sep)(?P<y>\d{4})|\s+năm\s+(?P<y2>\d{4}))?"
        r"|\s+tháng\s+(?P<wm>\d{1,2})(?!\d)(?:\s*,?\s*năm\s+(?P<wy>\d{4})|\s*,\s*(?P<wy2>(?:19|20)\d{2})(?!\d))?)"
    )
    # A full date may touch the next one: "01/01/2022-31/12/2022".
    # "1/7-30/8/2025": a day and month may touch the full date closing their range.
    full_next = r"\d{1,2}/\d{1,2}/\d{4}"
    after_full = rf"(?<=\d{{4}}-)|(?:(?<=/\d-)|(?<=/\d\d-))(?={full_next})"
    date_re = rf"(?<![\w/.])(?:(?<!-)|{after_full}){lead_re}@DAYS@{core_re}(?!(?!đến|tới)[\w/]|\.\d|-(?!{full_next})\d)"  # "21/7đến": glued in a PDF
    role_follow = rf"(?:\s+(?:{tod}|{day_word}|{plural}))*\s*:?\s*$"  # "Ngày ban hành: 21/04/2017"
    role_cues = tuple(
        (role, re.compile(rf"(?<!\w)(?:{_alt(cues)}){role_follow}", re.IGNORECASE))
        for role, cues in data["roles"].items()
    )
    return _Grammar(
        date=re.compile(date_re.replace("@DAYS@", days_re), re.IGNORECASE),
        date_alone=re.compile(date_re.replace("@DAYS@", "(?P<days>)"), re.IGNORECASE),
        day=re.compile(r"\d{1,2}"),
        range_between=re.compile(rf"\s*(?:{_alt(data['range_connectors'])})\s*", re.IGNORECASE),
        list_between=re.compile(rf"\s*(?:{_alt(data['list_connectors'])})\s*", re.IGNORECASE),
        bare_cue=re.compile(rf"(?<!\w)(?:{_alt(data['bare_date_cues'])})\s*$", re.IGNORECASE),
        paren_cue=re.compile(rf"(?<!\w)(?:{_alt(data['paren_date_cues'])})\s*\(\s*$", re.IGNORECASE),
        role_cues=role_cues,
        inspection=re.compile(rf"(?<!\w)(?:{_alt(data['inspection_cues'])})(?!\w)", re.IGNORECASE),
        header_extras=re.compile(rf"(?<!\w)(?:{_alt(data['header_line_extras'])})(?!\w)", re.IGNORECASE),
        header_chars=int(data["header_chars"]),
        byline_words=int(data["byline_max_words"]),
        byline_chars=int(data["byline_chars"]),
    )


@dataclass(slots=True)
class _Atom:
    """One date read from a match, before year resolution and role assignment."""

    start: int
    end: int
    day: int
    month: int
    year: int | None
    cued: bool  # stated with a year or after a date cue word
    word_form: bool = False  # "ngày 5 tháng 9 năm 2024"
    range_role: str | None = None  # period_start / period_end inside "10 - 12/3"
    link: str | None = None  # "range" / "list" (comma) / "list_word" (và): how it joins the next atom
    grouped: bool = False  # one of several dates in one phrase ("ngày 10 và 11/2/2022")


def extract_dates(text: str, published: dt.date | None = None) -> list[Mention]:
    """Every resolvable-looking date mention; value None when its year cannot be known."""
    g = load_grammar()
    atoms = _link_atoms(text, _read_atoms(text, g), g)
    mentions = []
    widget = widget_span(text, g.header_chars)
    if widget:
        atoms = [a for a in atoms if not widget[0] <= a.start < widget[1]]
    atoms = _drop_site_clock(text, atoms, published, g)
    # Only the publication day lends its year: another full date earlier in the text ("15/11/2018 ...
    # Trước đó, ngày 14/11") or a year-month stamp ("date 2025-03") does not.
    default_year = published.year if published else None
    for atom in atoms:
        if not atom.cued:
            continue
        year = atom.year if atom.year is not None else default_year
        value = _iso(year, atom.month, atom.day) if year is not None else None
        if year is not None and value is None:
            continue  # 31/2: not a calendar date
        role = _assign_role(text, atom, value, published, g)
        mentions.append(Mention(atom.start, atom.end, "date",
                                {"value": value, "text": text[atom.start:atom.end], "role": role}))
    mentions.sort(key=lambda m: (m.start, m.end))
    return mentions


def _drop_site_clock(text: str, atoms: list[_Atom], published: dt.date | None, g: _Grammar) -> list[_Atom]:
    """Short lines above the byline ("English Thứ Ba, 25-02-2020, 18:24", "06:00 ngày 29/03/2024 | HOTLINE")
    show the day the page was saved, and related-links items there date other articles: not dates of
    the report, dropped when the byline gives another day."""
    if published is None:
        return atoms
    byline = next((a for a in atoms if a.start < g.byline_chars and a.year is not None
                   and _iso(a.year, a.month, a.day) == published.isoformat()
                   and (_short_line(text, a.start, g) or _line_at(text, a.start).startswith(text[a.start:a.end]))),
                  None)
    if byline is None:
        return atoms
    return [a for a in atoms if a.start >= byline.start or a.year is None or not _furniture_line(text, a.start, g)]


def _line_at(text: str, pos: int) -> str:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return text[start:end if end >= 0 else len(text)]


def _short_line(text: str, pos: int, g: _Grammar) -> bool:
    return len(_line_at(text, pos).split()) <= g.byline_words


def _furniture_line(text: str, pos: int, g: _Grammar) -> bool:
    """A short line, or an item of a related-links list ("Tử vi hàng ngày 5/2/2026 ... -")."""
    return _short_line(text, pos, g) or _line_at(text, pos).rstrip().endswith(" -")


def find_date_spans(text: str) -> list[tuple[int, int]]:
    """Sorted spans of every date phrase, without resolving years or roles (cheap, for masking)."""
    g = load_grammar()
    return sorted({(a.start, a.end) for a in _link_atoms(text, _read_atoms(text, g), g) if a.cued})


def _read_atoms(text: str, g: _Grammar) -> list[_Atom]:
    atoms: list[_Atom] = []
    pos = 0
    while (m := g.date.search(text, pos)) is not None:
        if m["days"] and m["sep"] == "-" and re.search(r"\d-\d", m["days"]):
            m = g.date_alone.match(text, m.start())  # "ngày 1-7 đến ngày 30-9": two dates, no day list
        pos = m.end()
        days = m["days"]
        paren = _in_cued_parentheses(text, m, g)
        prefix_ok = bool(days) and bool(m["ngay"] or paren or _ends_with_from(text, m.start()))
        if days and not prefix_ok:
            # "27, ngày 14/1/2022" is a number then a date: read again after the number.
            pos = m.start("days") + len(g.day.match(days)[0])
            continue
        atom = _read_core(text, m, g, paren)
        if atom is None:
            continue
        if prefix_ok:
            atom.grouped = True
            atoms.extend(_prefix_atoms(text, m, atom, g))
        atoms.append(atom)
    return atoms


def _in_cued_parentheses(text: str, m: re.Match, g: _Grammar) -> bool:
    """ "thứ tư (14.3)", "sáng nay (28-12)": a date alone in parentheses after a day word."""
    return (text[m.end():m.end() + 3].lstrip().startswith(")")
            and bool(g.paren_cue.search(text, max(0, m.start() - 20), m.start())))


def _read_core(text: str, m: re.Match, g: _Grammar, paren: bool = False) -> _Atom | None:
    """The date after any leading days, or None when it is no calendar date here."""
    if m["sep"] == "." and not (m["y"] or m["ngay"] or m["tod"] or paren):
        return None  # "4.3" is a decimal, not a date; "ngày 4.9" is one
    day, month = int(m["d"]), int(m["m"] or m["wm"])
    year_s = m["y"] or m["y2"] or m["wy"] or m["wy2"]
    year = int(year_s) if year_s else None
    if not _plausible(day, month, year):
        return None
    word_form = m["wm"] is not None
    if word_form and not (year or m["ngay"] or m["days"]):
        return None  # "3 tháng 8" without ngày or year may be a duration
    cued = bool(year or m["ngay"] or m["tod"] or paren) or bool(g.bare_cue.search(text, max(0, m.start() - 12), m.start()))
    return _Atom(m.start(), m.end(), day, month, year, cued, word_form)


def _ends_with_from(text: str, pos: int) -> bool:
    return text[max(0, pos - 4):pos].lower().rstrip().endswith("từ")


def _prefix_atoms(text: str, m: re.Match, core: _Atom, g: _Grammar) -> list[_Atom]:
    """The leading days of "các ngày 02, 03 tháng 8" / "10 - 12/3": month and year from the core."""
    base = m.start("days")
    days = list(g.day.finditer(m["days"]))
    out = []
    for k, dm in enumerate(days):
        between_end = days[k + 1].start() + base if k + 1 < len(days) else m.start("d")
        between = text[dm.end() + base:between_end]
        is_range = bool(g.range_between.match(between) and not g.list_between.fullmatch(between))
        day = int(dm[0])
        if not _plausible(day, core.month, core.year):
            return []
        atom = _Atom(core.start, core.end, day, core.month, core.year, core.cued, core.word_form, grouped=True)
        if is_range:
            atom.range_role, core.range_role = "period_start", "period_end"
            if day > core.day:  # "28 - 3/3": the start is in the month before
                atom.month = core.month - 1 or 12
                if atom.month == 12 and core.year:
                    atom.year = core.year - 1
        out.append(atom)
    return out


def _link_atoms(text: str, atoms: list[_Atom], g: _Grammar) -> list[_Atom]:
    """Join neighbouring dates of a range or list: they lend each other acceptance and year."""
    atoms.sort(key=lambda a: (a.start, a.end))
    pairs = []
    for a, b in zip(atoms, atoms[1:]):
        if a.end > b.start:
            continue  # one phrase (a day list): resolved when read
        between = text[a.end:b.start]
        if g.range_between.fullmatch(between):
            a.link = "range"
            a.range_role, b.range_role = a.range_role or "period_start", "period_end"
        elif g.list_between.fullmatch(between):
            a.link = "list" if "," in between or ";" in between else "list_word"
        else:
            continue
        pairs.append((a, b))
    for a, b in reversed(pairs):  # the year usually closes the chain: "ngày 7/2, 8/2 và 9/2/2022"
        a.cued = a.cued or b.cued
        if a.year is None and b.year is not None:
            before = a.link == "range" and (a.month, a.day) > (b.month, b.day)
            a.year = b.year - 1 if before else b.year
    for a, b in pairs:
        # "ngày 7/2 đến 11/2", "ngày 7/2 và 8/2"; not after a bare comma ("ngày 10/2, 5/6 công chức").
        if a.link != "list":
            b.cued = b.cued or a.cued
        if a.link == "range" and b.year is None and a.year is not None:
            b.year = a.year
    return atoms


def _assign_role(text: str, atom: _Atom, value: str | None, published: dt.date | None, g: _Grammar) -> str:
    line_start = text.rfind("\n", max(0, atom.start - _CONTEXT_CHARS), atom.start) + 1  # bounded: stays linear
    left = text[max(line_start, atom.start - _CONTEXT_CHARS):atom.start]
    lead = _lead_text(text, atom)
    context = _TIME.sub(" ", left) + lead  # "Cập nhật lúc 10:13 ngày 12/02/2022"
    cues = {role: bool(rx.search(context)) for role, rx in g.role_cues}
    if cues.get("published") or _is_header_date(text, atom, line_start, value, published, g):
        return "published"
    if cues.get("document") or _DOC_NUMBER_BEFORE.search(left) or _is_place_heading(text, atom):
        return "document"
    if cues.get("deadline"):
        return "deadline"
    if atom.range_role:
        return atom.range_role
    if cues.get("period_start"):
        return "period_start"
    if cues.get("period_end"):
        return "period_end"
    if g.inspection.search(_sentence_of(text, atom.start, atom.end)):
        return "inspection"
    return "other"


def _is_place_heading(text: str, atom: _Atom) -> bool:
    """ "Hà Nội, ngày 05 tháng 9 năm 2024" on a line (or table cell) of its own dates the document."""
    if not (atom.word_form and atom.year):
        return False
    after = text[atom.end:atom.end + 40]
    if not re.match(r"[ \t.]*(?:\n|\||$)", after):
        return False
    heading = _PLACE_HEADING.search(text, max(0, atom.start - 60), atom.start)
    return heading is not None and heading["place"][0].isupper()


def _lead_text(text: str, atom: _Atom) -> str:
    """The cue words inside the span before its first digit ("sáng ngày ")."""
    span = text[atom.start:atom.end]
    first_digit = next((k for k, ch in enumerate(span) if ch.isdigit()), 0)
    return span[:first_digit]


def _is_header_date(text: str, atom: _Atom, line_start: int, value: str | None,
                    published: dt.date | None, g: _Grammar) -> bool:
    """A date alone on a line near the top ("12/02/2022 10:13 AM") dates the article itself."""
    if atom.start > g.header_chars or atom.year is None or atom.grouped or atom.link or atom.range_role:
        return False
    bare = text[atom.start].isdigit()  # no "ngày"/"sáng" lead: body dates usually have one
    if bare and published is not None and value == published.isoformat():
        return True
    line_end = text.find("\n", atom.end)
    line_end = len(text) if line_end < 0 else line_end
    rest = text[line_start:atom.start] + " " + text[atom.end:line_end]
    rest = g.header_extras.sub(" ", _TIME.sub(" ", rest))
    return not re.sub(r"[\s|,\-–()/:.]+", "", rest)


def _sentence_of(text: str, start: int, end: int) -> str:
    left = text[max(0, start - _SENTENCE_CHARS):start]
    cut = max((m.end() for m in _BOUNDARY.finditer(left)), default=0)
    right = text[end:end + _SENTENCE_CHARS]
    stop = _BOUNDARY.search(right)
    return left[cut:] + " " + (right[:stop.start()] if stop else right)


def _plausible(day: int, month: int, year: int | None) -> bool:
    if year is not None and not 1900 <= year <= 2100:
        return False
    return _iso(year if year is not None else 2000, month, day) is not None  # 2000: leap, so 29/2 passes


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None
