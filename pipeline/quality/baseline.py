"""The generic baseline the README compares against: underthesea's CRF NER and dateparser, nothing else.

Entities starting with "Đoàn" become inspectors, whatever their type (the CRF often tags the word
as PER; Đoàn is also a surname, a known false alarm); other ORG/LOC entities become inspected
units. dateparser's `search_dates` gives the dates: it fills a partial date (no year, no day)
from today, the baseline's known weakness, kept on purpose.
"""

from __future__ import annotations

import hashlib
import unicodedata
from pathlib import Path

from dateparser.search import search_dates
from underthesea import ner, sent_tokenize

NAME = "baseline-underthesea-ner-dateparser"
VERSION = "1.0.0"
UNIT_TAGS = ("ORG", "LOC")


def locate_tokens(text: str, tokens: list[str], start: int) -> list[tuple[int, int]]:
    """Offsets of consecutive tokens in `text` from `start`; a token not found gets an empty span."""
    spans, cursor = [], start
    for token in tokens:
        found = text.find(token, cursor)
        if found < 0:
            spans.append((cursor, cursor))
            continue
        spans.append((found, found + len(token)))
        cursor = found + len(token)
    return spans


def group_entities(tags: list[str], spans: list[tuple[int, int]]) -> list[tuple[str, int, int]]:
    """(type, start, end) of each BIO entity."""
    entities: list[list] = []
    for tag, (start, end) in zip(tags, spans):
        kind = tag[2:] if tag[:2] in ("B-", "I-") else None
        if kind and tag.startswith("I-") and entities and entities[-1][0] == kind and entities[-1][3]:
            entities[-1][2] = end
        elif kind:
            entities.append([kind, start, end, True])
        elif entities:
            entities[-1][3] = False  # an O closes the open entity
    return [(kind, start, end) for kind, start, end, _ in entities]


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans: underthesea's sentences inside each line (a line break always ends one)."""
    spans = []
    for line_start, line in _lines(text):
        cursor = 0
        for sentence in sent_tokenize(line):
            found = line.find(sentence, cursor)
            if found >= 0:
                spans.append((line_start + found, line_start + found + len(sentence)))
                cursor = found + len(sentence)
    return spans


def _lines(text: str) -> list[tuple[int, str]]:
    """(offset, line) of every non-blank line."""
    out, offset = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((offset, line))
        offset += len(line) + 1
    return out


def find_entities(text: str) -> list[tuple[str, int, int]]:
    """Named entities of `text`, sentence by sentence, with offsets into `text`."""
    entities = []
    for start, end in split_sentences(text):
        rows = ner(text[start:end])
        spans = locate_tokens(text, [row[0] for row in rows], start)
        entities += group_entities([row[-1] for row in rows], spans)
    return entities


def build_units(text: str, entities: list[tuple[str, int, int]]) -> tuple[list[dict], list[dict]]:
    """Units (inspected, and inspector) and inspections from the entities."""
    units, inspections = [], []
    for kind, start, end in entities:
        name = text[start:end].strip()
        if not name:
            continue
        if name.startswith("Đoàn"):
            inspections.append({"inspector": name, "dates": [], "basis": [], "units": []})
            units.append(_unit(name, "inspector", start, end))
        elif kind in UNIT_TAGS:
            units.append(_unit(name, "inspected", start, end))
    return units, inspections


def _unit(name: str, role: str, start: int, end: int) -> dict:
    return {"name": name, "canonical": None, "level": "other", "role": role, "province": None,
            "spans": [[start, end]]}


def find_dates(text: str) -> list[dict]:
    """Every date dateparser finds, as ISO values (partial dates completed from today)."""
    found = search_dates(text, languages=["vi"]) or []
    dates, cursor = [], 0
    for phrase, moment in found:
        start = text.find(phrase, cursor)
        span = [start, start + len(phrase)] if start >= 0 else None
        cursor = start + len(phrase) if start >= 0 else cursor
        dates.append({"value": moment.date().isoformat(), "text": phrase, "role": "other", "span": span})
    return dates


def extract_baseline(path: Path) -> dict:
    """A prediction-format output document for the text file at `path`."""
    raw = Path(path).read_bytes()
    text = unicodedata.normalize("NFC", raw.decode("utf-8"))
    units, inspections = build_units(text, find_entities(text))
    return {
        "schema_version": "1.0",
        "document_id": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        "source": {"uri": str(path), "format": "txt", "kind": "news", "sha256": hashlib.sha256(raw).hexdigest()},
        "title": None,
        "published": None,
        "relevant": True,
        "relevance": {"score": None, "reason": "baseline: no relevance model, every document kept"},
        "text": text,
        "inspections": inspections,
        "units": units,
        "dates": find_dates(text),
        "doc_refs": [],
        "counts": [],
        "findings": [],
        "sanctions": [],
        "extractor": {"name": NAME, "version": VERSION},
    }
