"""Text normalisation for one block, and assembly of blocks into the document text with offsets."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from pipeline.ingest.record import Block, RawBlock

TONES = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook, dot below
_DROP_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co"})
# Letters, digits, spaces and the common punctuation: a block made of these alone has nothing to drop.
_PLAIN = re.compile(r"[\w\s!-/:-@\[-`{-~\u00a0-\u00ac\u00ae-\u00bf\u2010-\u2027\u2030-\u205e\u20ab\u20ac]*")
_ONSET = "bcdđghklmnpqrstvx"
# Open syllables oa/oe/uy carrying the tone on the second vowel (hoà, khoẻ, thuỷ) get it moved
# to the first (hòa, khỏe, thủy), the form the output spec uses. The onset must be consonants
# only, and uy after q is skipped: in quý the u belongs to the onset "qu".
_OLD_TONE = re.compile(
    rf"\b(?P<onset>[{_ONSET}]*)(?P<first>[ou])(?P<second>[àáảãạèéẻẽẹ]|[ỳýỷỹỵ])(?![^\W\d_])",
    re.IGNORECASE,
)
PARAGRAPH_SEP = "\n\n"
ROW_SEP = "\n"
CELL_SEP = " | "


def normalise_text(text: str) -> str:
    """One block's text: NFC, modern tone placement, no control/zero-width chars, single spaces."""
    kept = text if _PLAIN.fullmatch(text) else "".join(
        ch for ch in text if ch.isspace() or unicodedata.category(ch) not in _DROP_CATEGORIES)
    nfc = unicodedata.normalize("NFC", kept)
    return " ".join(_OLD_TONE.sub(_move_tone, nfc).split())


def _move_tone(m: re.Match) -> str:
    first, second = m["first"], m["second"]
    pairs = {"o": "ae", "u": "y"}
    decomposed = unicodedata.normalize("NFD", second)
    base, tone = decomposed[0], decomposed[1:]
    if base.lower() not in pairs[first.lower()] or not tone or tone not in TONES:
        return m[0]  # e.g. "oỳ", "uà": not a cluster whose tone placement varies
    if first.lower() == "u" and m["onset"][-1:].lower() == "q":
        return m[0]  # quý, quỳ: "qu" is the onset, y the only vowel
    return m["onset"] + unicodedata.normalize("NFC", first + tone) + base


def assemble(raw_blocks: Iterable[RawBlock]) -> tuple[str, list[Block]]:
    """Normalise blocks and join them: paragraphs by a blank line, table rows by a newline,
    the cells of a row by " | ". Every Block's [start, end) holds exactly its normalised text."""
    parts: list[str] = []
    blocks: list[Block] = []
    pos = 0
    prev: RawBlock | None = None
    for raw in raw_blocks:
        text = normalise_text(raw.text)
        if not text:
            continue
        if prev is not None:
            sep = _separator(prev, raw)
            parts.append(sep)
            pos += len(sep)
        parts.append(text)
        blocks.append(Block(pos, pos + len(text), raw.kind, raw.page, raw.paragraph, raw.table, raw.row, raw.col))
        pos += len(text)
        prev = raw
    return "".join(parts), blocks


def _separator(prev: RawBlock, cur: RawBlock) -> str:
    if prev.kind == "table_cell" and cur.kind == "table_cell" and prev.table == cur.table:
        return CELL_SEP if prev.row == cur.row else ROW_SEP
    return PARAGRAPH_SEP


# A line ending in one of these, right after a letter, was hyphen-broken inside a word
# (pdfium reports a soft hyphen it generated as \x02 or \ufffe).
_BREAK_HYPHENS = ("-", "\u00ad", "\u2010", "\x02", "\ufffe")


def join_lines(lines: Iterable[str]) -> str:
    """Re-join the visual lines of one paragraph: a space between lines, and a word that was
    hyphen-broken at a line end ("kiểm tra công chức viên chuyên-" / "nghiệp") made whole again."""
    out = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if not out:
            out = line
        elif _is_broken_word(out, line):
            out = out[:-1] + line
        else:
            out = out + " " + line
    return out


def _is_broken_word(prev: str, nxt: str) -> bool:
    if not prev.endswith(_BREAK_HYPHENS) or len(prev) < 2:
        return False
    return prev[-2].isalpha() and nxt[0].isalpha() and nxt[0].islower()
