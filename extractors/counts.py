"""Counts: a number (or fraction) followed by a countable noun ("5/6 công chức", "1.100 hồ sơ").

A number is a count only when a noun from count_nouns.yaml follows it, and not when a label
word stands before it ("số 2", "mức độ 3", "năm 2023") or it is part of a date.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from extractors.base import Mention
from extractors.dates import find_date_spans
from extractors.lexicon import load_data
from extractors.numerals import DIGITS, load_numerals, number_pattern, parse_number


_CLAUSE_CHARS = 400  # longest clause followed after a count's noun
_PREDICATE_WORDS = 6  # words allowed between a count and its "trên tổng số N"
_LABEL_GAP = 100  # characters allowed between "số hồ sơ" and its "là 154"
_PART_GAP = 24  # characters allowed between "nhưng" and its part ("có 15 cán bộ nhưng vắng đến 10 người")
_ROUNDING = 0.1  # how far an exact figure may lie from the rounded one that restates it ("hơn 4.100": 4.143)

# A table: two or more consecutive lines of " | " cells (rows joined by "\n", pipeline.ingest.normalise.assemble).
# Atomic lines: a failed match must not retry every way of splitting every row.
_TABLE = re.compile(r"(?:^|(?<=\n))(?>[^\n]* \| [^\n]*)(?:\n(?>[^\n]* \| [^\n]*))+")
_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")
_CELL_NUMBER = re.compile(r"(?P<v>\d{1,3}(?:\.\d{3})+|\d+)(?:\s*/\s*(?P<t>\d{1,3}(?:\.\d{3})+|\d+))?")


def _alt(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


@dataclass(frozen=True, slots=True)
class _CountGrammar:
    count: re.Pattern
    total_after: re.Pattern
    blocker: re.Pattern
    exception: re.Pattern
    ambiguous: dict[str, re.Pattern]
    clause_end: re.Pattern
    not_count: re.Pattern
    total_first: re.Pattern
    total_first_same: re.Pattern
    total_first_kept: re.Pattern
    part_cue: re.Pattern
    non_count_header: re.Pattern
    head: re.Pattern
    years: range
    labelled: re.Pattern
    share_after: re.Pattern
    label_free: frozenset[str]
    one_heads: frozenset[str]
    approximate: re.Pattern
    page_counter: re.Pattern
    part_link: re.Pattern
    head_group: dict[str, str]


@lru_cache(maxsize=1)
def load_count_grammar() -> _CountGrammar:
    """Compile count_nouns.yaml and the numerals into the count grammar (once)."""
    data = load_data("count_nouns.yaml")
    heads = [n for group in data["nouns"].values() for n in group]
    head = rf"(?:{_alt(heads)})(?!\w)"
    noun = rf"{head}(?:\s*(?:,|và|hoặc)\s*{head}){{0,8}}(?:\s+(?:{_alt(data['modifiers'])})(?!\w)){{0,3}}"
    num = number_pattern()
    links = _alt(data["total_links"])
    count = (
        rf"(?:(?<![\w.,/:\-])|(?<=[^\W\d_]/))(?P<num>{num})"  # "khởi tố 26 vụ/41 bị can": a second count
        rf"(?:\s*(?P<link>{links})\s*(?P<total>{num}))?"
        rf"[^\S\n]+(?:(?:{_alt(data['fillers'])})\s+)?(?P<noun>{noun})"  # a number ending a line counts nothing below
    )
    # "4 hồ sơ giải quyết trễ hẹn trên tổng số 120 hồ sơ": a short predicate may stand between.
    total_after = (rf"(?:\s+[^\W\d_]+){{0,{_PREDICATE_WORDS}}}?\s*,?\s*(?:trên|trong)\s+tổng(?:\s+số)?\s+(?:(?:{_alt(data['approximators'])})\s+)?(?P<total>{num})(?:\s+(?:{_alt(data['fillers'])}\s+)?{noun})?")
    return _CountGrammar(
        count=re.compile(count, re.IGNORECASE),
        total_after=re.compile(total_after, re.IGNORECASE),
        blocker=re.compile(rf"(?<!\w)(?:{_alt(data['preceded_by_blockers'])})\s*:?\s*$", re.IGNORECASE),
        exception=re.compile(rf"(?<!\w)(?:{_alt(data['blocker_exceptions'])})\s*:?\s*$", re.IGNORECASE),
        ambiguous={w: re.compile(rf"(?<!\w)(?:{_alt(before)})\s*$", re.IGNORECASE)
                   for w, before in data["ambiguous_number_words"].items()},
        clause_end=re.compile("[" + re.escape(data["clause_end_chars"]) + r"](?!\d)"),
        not_count=re.compile(rf"(?:{_alt(data['not_counts'])})(?!\w)", re.IGNORECASE),
        total_first=re.compile(rf"(?<!\w)(?:{_alt(data['total_first'])})\s*:?\s*$", re.IGNORECASE),
        total_first_same=re.compile(rf"(?<!\w)(?:{_alt(data['total_first_same_kind'])})\s*:?\s*$", re.IGNORECASE),
        total_first_kept=re.compile(rf"(?<!\w)(?:{_alt(data['total_first_kept'])})\s*:?\s*$", re.IGNORECASE),
        part_cue=re.compile(rf"[^.;:!?\n]*(?<!\w)(?:{_alt(data['part_cues'])})\s*$", re.IGNORECASE),
        non_count_header=re.compile(rf"(?<!\w)(?:{_alt(data['table_non_count_headers'])})(?!\w)", re.IGNORECASE),
        head=re.compile(head, re.IGNORECASE),
        years=range(data["years"][0], data["years"][1] + 1),
        labelled=re.compile(_labelled_pattern(data, head), re.IGNORECASE),
        share_after=re.compile(rf"\s*\(\s*(?:(?:{_alt(data['share_words'])})\s*)?\d+(?:,\d+)?\s*%", re.IGNORECASE),
        label_free=frozenset(n.lower() for n in data["label_free_nouns"]),
        one_heads=frozenset(n.lower() for n in data["one_counts_before"]),
        approximate=re.compile(rf"(?<!\w)(?:{_alt(data['approximators'])})\s*$", re.IGNORECASE),
        page_counter=re.compile(rf"(?:{_alt(data['page_counters'])})(?!\w)", re.IGNORECASE),
        part_link=re.compile(rf"\s+(?:{_alt(data['part_links'])})(?!\w)[^.;!?\n]{{0,{_PART_GAP}}}", re.IGNORECASE),
        head_group={" ".join(n.lower().split()): group for group, nouns in data["nouns"].items() for n in nouns},
    )


def _labelled_pattern(data: dict, head: str) -> str:
    """A number ending its phrase after its noun: "khiển trách 28,", "số hồ sơ quá hạn còn 154",
    "tham nhũng: 5 (6,8%)" (the share is checked by the caller)."""
    ends = r"(?!\s*[%/])(?![.,]?\d)(?!\s*[^\W\d_])"  # not "154 ngày", "12,5%", "1.5", "15/6"
    num = rf"(?P<num>{DIGITS})(?:\s*/\s*(?P<total>{DIGITS}))?{ends}"
    form = rf"(?<!\w)(?P<form>{_alt(data['counted_after_forms'])})\s*:?\s*"
    label = rf"(?<!\w)số(?:\s+lượng)?\s+(?P<noun>{head})[^.;:!?\n\d]{{0,{_LABEL_GAP}}}?\s*(?:{_alt(data['label_links'])})\s*"
    topic = r"(?<![^\W\d_])(?P<topic>[^\W\d_][^:;.!?\n()\d%]{0,80}?)\s*:\s*"
    return rf"(?:{form}|{label}|{topic}){num}"


def extract_counts(text: str) -> list[Mention]:
    """Every count of people, units, records or events, with its total when given as a fraction."""
    g = load_count_grammar()
    date_spans = find_date_spans(text)
    mentions: list[Mention] = []
    resume = 0
    for m in g.count.finditer(text):
        if (m.start() < resume or _overlaps(m.start("num"), m.end("num"), date_spans) or g.not_count.match(text, m.start())
                or g.page_counter.match(text, m.start("noun"))):
            continue
        value = _count_value(text, m, g)
        if not value:
            continue  # no count, or "0 hồ sơ": an absence, not a quantity
        total = _whole(parse_number(m["total"])) if m["total"] else None
        if m["total"] and (total is None or total < value):
            continue  # "5/3 hồ sơ" is not a part of a whole
        end = m.end()
        after = g.total_after.match(text, end) if total is None else None
        if after and (later := _whole(parse_number(after["total"]))) is not None and later >= value:
            total, end = later, after.end()
            resume = end  # the total's own noun phrase is not a second count
        limit = min(len(text), m.end("noun") + _CLAUSE_CHARS)  # bounded: unpunctuated text stays linear
        clause = g.clause_end.search(text, m.end("noun"), limit)
        data = {"value": value, "total": total, "noun": m["noun"], "noun_start": m.start("noun"),
                "noun_end": m.end("noun"), "clause_end": clause.start() if clause else limit}
        mentions.append(Mention(m.start(), end, "count", data))
    mentions = _join_total_first(text, mentions, g) + _read_tables(text, g) + _labelled(text, g, date_spans)
    mentions.sort(key=lambda x: (x.start, x.end))
    links = _link_list_lines(text)
    if links:
        mentions = [m for m in mentions if not _overlaps(m.start, m.start + 1, links)]
    return _drop_rounded(text, _join_parts(text, mentions, g), g)


_LINK_SEPARATOR = re.compile(r"(?m)^[^\S\n]*-[^\S\n]*$|[^\S\n]-[^\S\n]*$")


def _link_list_lines(text: str) -> list[tuple[int, int]]:
    """Lines of a list of other articles' headlines ("… 8 tỉnh sau đặc biệt chú ý" between lines "-", or
    after a headline ending " -"): page furniture, whose numbers count nothing of the report."""
    if "-\n" not in text and not text.rstrip().endswith("-"):
        return []
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    marked = [bool(_LINK_SEPARATOR.search(text, s, e)) and " | " not in text[s:e] for s, e in lines]  # "| -": an empty cell
    out = []
    for k, (s, e) in enumerate(lines):
        if marked[k] or (k and marked[k - 1]) or (k + 1 < len(lines) and text[lines[k + 1][0]:lines[k + 1][1]].strip() == "-"):
            out.append((s, e))
    return out


def _join_parts(text: str, mentions: list[Mention], g: _CountGrammar) -> list[Mention]:
    """ "Xã A có 21 cán bộ nhưng vắng đến 14 người": the part a whole is set against right after its noun
    is a count of that whole (14 of 21), which is no count of its own unless it was checked ("kiểm tra
    26 hồ sơ"). Parts are things of the whole's kind (people, units, records, events) adding up to no
    more than it. ("N hồ sơ, trong đó M ..." is a breakdown: the gold keeps its counts apart.)"""
    out: list[Mention] = []
    i = 0
    while i < len(mentions):
        whole = mentions[i]
        group = _group(whole, g)
        link = (g.part_link.match(text, whole.end, mentions[i + 1].start)
                if i + 1 < len(mentions) and whole.data["total"] is None and group else None)
        if link is None or link.end() != mentions[i + 1].start:
            out.append(whole)
            i += 1
            continue
        part = mentions[i + 1]
        if part.data["total"] is not None or _group(part, g) != group or part.data["value"] > whole.data["value"]:
            out.append(whole)
            i += 1
            continue
        if g.total_first_kept.search(text, max(0, whole.start - 20), whole.start):
            out.append(whole)
        out.append(Mention(part.start, part.end, "count", {**part.data, "total": whole.data["value"]}))
        i += 2
    return out


def _group(m: Mention, g: _CountGrammar) -> str | None:
    """Whether a count counts people, units, records or events (None for a table column or a topic)."""
    return g.head_group.get(_head(m.data["noun"], g))


def count_kind(noun: str) -> str:
    """What a count's noun names: people, units, records or events, else the noun itself (a column, a topic)."""
    g = load_count_grammar()
    return g.head_group.get(_head(noun or "", g)) or " ".join((noun or "").lower().split())


def _drop_rounded(text: str, mentions: list[Mention], g: _CountGrammar) -> list[Mention]:
    """A rounded figure in the headline ("Hơn 4.100 đảng viên bị kỷ luật") that restates an exact one
    of the same noun below ("4.143 đảng viên", "hơn 4.930 hồ sơ ... trong tổng số N") is no second count."""
    body = text.find("\n", len(text) - len(text.lstrip()))  # the first line is the headline
    if body < 0:
        return mentions

    def restated(m: Mention) -> bool:
        if m.start >= body or m.data["total"] is not None or not g.approximate.search(text, 0, m.start):
            return False
        head, value = _head(m.data["noun"], g), m.data["value"]
        return any(o.start >= body and _head(o.data["noun"], g) == head
                   and abs(o.data["value"] - value) <= value * _ROUNDING for o in mentions)

    return [m for m in mentions if not restated(m)]


def _join_total_first(text: str, mentions: list[Mention], g: _CountGrammar) -> list[Mention]:
    """ "trong tổng số 48 công chức, có 45 người": one count 45 of 48, not two counts
    ("kiểm tra 26 hồ sơ, có 20 hồ sơ": 20 of 26, and 26 stays)."""
    out: list[Mention] = []
    skip = set()
    for i, whole in enumerate(mentions):
        if i in skip:
            continue
        part = mentions[i + 1] if i + 1 < len(mentions) else None
        before = (max(0, whole.start - 20), whole.start)
        kept = g.total_first_kept.search(text, *before)
        if (part is not None and whole.data["total"] is None and part.data["total"] is None
                and part.data["value"] < whole.data["value"] + (kept is None)
                and (kept or g.total_first.search(text, *before) or (
                    g.total_first_same.search(text, *before) and _group(part, g) == _group(whole, g)
                    and not _breakdown_after(text, part, mentions[i + 2:i + 3], g)))
                and g.part_cue.match(text, whole.end, part.start)):
            if kept:
                out.append(whole)
            start = part.start if kept else whole.start  # the part's own span, for the finding it counts
            out.append(Mention(start, part.end, "count", {**part.data, "total": whole.data["value"]}))
            skip.add(i + 1)
        else:
            out.append(whole)
    return out


def _breakdown_after(text: str, part: Mention, following: list[Mention], g: _CountGrammar) -> bool:
    """Another count of the part's kind next in its sentence: "có 22 vụ ..., 18 vụ ..." splits the whole."""
    return bool(following) and _group(following[0], g) == _group(part, g) \
        and not re.search(r"[.;!?\n]", text[part.end:following[0].start])


def _labelled(text: str, g: _CountGrammar, date_spans: list[tuple[int, int]]) -> list[Mention]:
    """Counts whose noun comes first: "cảnh cáo 21," and "số hồ sơ quá hạn còn 154,"."""
    out = []
    for m in g.labelled.finditer(text):
        value = _whole(parse_number(m["num"]))
        total = _whole(parse_number(m["total"])) if m["total"] else None
        if not value or _overlaps(m.start("num"), m.end(), date_spans) or (m["total"] and (total or 0) < value):
            continue
        if m["topic"] and not g.share_after.match(text, m.end()):
            continue
        key = "form" if m["form"] else "noun" if m["noun"] else "topic"
        data = {"value": value, "total": total, "noun": m[key], "noun_start": m.start(key), "noun_end": m.end(key),
                "clause_end": m.end()}
        out.append(Mention(m.start(), m.end(), "count", data))
    return out


def _read_tables(text: str, g: _CountGrammar) -> list[Mention]:
    """Whole non-zero numbers in table cells ("Cẩm Vịnh | 21 | 2"), counting what their column header names
    (a zero cell records an absence, not a quantity)."""
    mentions = []
    for block in _TABLE.finditer(text):
        rows = [(m.start(), m[0]) for m in re.finditer(r"[^\n]+", block[0])]
        header = _cells(block.start() + rows[0][0], rows[0][1])
        for row_start, row in rows[1:]:
            for col, (start, end, cell) in enumerate(_cells(block.start() + row_start, row)):
                value = _table_value(cell)
                if not value or not value[0] or col >= len(header) or g.non_count_header.search(header[col][2]):
                    continue
                h_start, h_end, h_text = header[col]
                data = {"value": value[0], "total": value[1], "noun": h_text, "noun_start": h_start,
                        "noun_end": h_end, "clause_end": block.start() + row_start + len(row)}
                mentions.append(Mention(start, end, "count", data))
    return mentions


def _cells(offset: int, row: str) -> list[tuple[int, int, str]]:
    """A row's cells with their offsets, whitespace trimmed."""
    out, pos = [], 0
    for part in row.split(" | "):
        lead = len(part) - len(part.lstrip())
        cell = part.strip()
        out.append((offset + pos + lead, offset + pos + lead + len(cell), cell))
        pos += len(part) + 3
    return out


def _table_value(cell: str) -> tuple[int, int | None] | None:
    m = _CELL_NUMBER.fullmatch(cell)
    if not m:
        return None
    value = int(m["v"].replace(".", ""))
    total = int(m["t"].replace(".", "")) if m["t"] else None
    return None if total is not None and total < value else (value, total)


def _count_value(text: str, m: re.Match, g: _CountGrammar) -> int | None:
    """The count's integer value, or None when the number is a label, an article or not whole."""
    start = m.start()
    left = text[max(0, start - 24):start]
    surface = m["num"]
    if (g.blocker.search(left) and not g.exception.search(left) and not _THOUSANDS.fullmatch(surface)
            and _head(m["noun"], g) not in g.label_free):
        return None
    if len(surface) == 4 and surface.isdigit() and int(surface) in g.years:
        return None  # a year
    if not surface[0].isdigit():
        if surface[0].isupper() and m["noun"][0].isupper():
            return None  # "quận Hai Bà Trưng", "Năm Căn": a name, not a count
        words = surface.lower().split()
        if len(words) == 1 and words[0] not in load_numerals().count_alone:
            return None  # "một cán bộ" reads as "a cán bộ"
        if len(words) == 1 and parse_number(surface) == 1 and _head(m["noun"], g) not in g.one_heads:
            return None  # "tại một hộ dân": the article, not a count
        guard = g.ambiguous.get(words[0])
        if guard is not None and guard.search(left):
            return None
    return _whole(parse_number(surface))


def _head(noun: str, g: _CountGrammar) -> str:
    """The head noun that opens a count's noun phrase, lower case, single-spaced."""
    m = g.head.match(noun)
    return " ".join(m[0].lower().split()) if m else ""


def _whole(value: int | float | None) -> int | None:
    return value if isinstance(value, int) else None


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """Whether [start, end) meets any of the sorted, short spans (a date is never long)."""
    k = bisect_left(spans, (end, -1))
    return any(s < end and start < e for s, e in spans[max(0, k - 4):k])
