"""Abbreviation expansion and the name key used to match unit and inspector names.

`normalise_name` is the one matching rule of the project (extractors and the
scorer both use it): two spellings of one name give the same key.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from extractors.lexicon import load_data



# Vietnamese tone marks as combining characters; circumflex, breve and horn are
# letters' own marks and stay where they are.
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")
_MARKED_VOWELS = frozenset("âăêôơư")
_VOWELS = frozenset("aeiouyâăêôơư")
# Clusters whose tone sits on the second vowel even with no final consonant.
_SECOND_VOWEL_CLUSTERS = ("oa", "oe", "uy", "uê", "uơ")
_SYLLABLE = re.compile(r"[^\W\d_]+")
_PUNCT = re.compile(r"[^\w\s]|_")
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=1)
def load_abbreviations() -> tuple[tuple[str, str, bool], ...]:
    """(abbr, expansion, case_sensitive) from the data file, longest abbreviation first."""
    rows = load_data("abbreviations.yaml")["abbreviations"]
    items = [(unicodedata.normalize("NFC", r["abbr"]), unicodedata.normalize("NFC", r["expansion"]),
              bool(r.get("case_sensitive", False))) for r in rows]
    return tuple(sorted(items, key=lambda r: -len(r[0])))


@lru_cache(maxsize=1)
def _abbreviation_pattern() -> tuple[re.Pattern, dict[str, str]]:
    """One alternation over all abbreviations; a dict maps each matched form to its expansion."""
    parts, table = [], {}
    for abbr, expansion, case_sensitive in load_abbreviations():
        body = re.escape(abbr)
        # A trailing dot ("TP.") may be glued to the next word ("TP.Hà Nội"); a letter may not.
        tail = "" if abbr.endswith(".") else r"(?![^\W_])"
        parts.append(f"(?<![^\\W_]){body if case_sensitive else f'(?i:{body})'}{tail}")
        table[abbr if case_sensitive else abbr.lower()] = expansion
    return re.compile("|".join(parts)), table


def expand(name: str) -> str:
    """`name` with every known abbreviation written out and a free-standing "&" read as "và"."""
    pattern, table = _abbreviation_pattern()
    text = unicodedata.normalize("NFC", name)

    def replace(m: re.Match) -> str:
        found = m.group()
        expansion = table.get(found) or table.get(found.lower(), found)
        glued = found.endswith(".") and m.end() < len(text) and not text[m.end()].isspace()
        return expansion + (" " if glued else "")

    text = pattern.sub(replace, text)
    text = re.sub(r"\s*&\s*", " và ", text)
    return _SPACES.sub(" ", text).strip()


def _place_tone(syllable: str) -> str:
    """One lower-case syllable (NFD) with its tone mark moved to the modern position."""
    tones = [c for c in syllable if c in _TONES]
    if not tones:
        return unicodedata.normalize("NFC", syllable)
    base = unicodedata.normalize("NFC", "".join(c for c in syllable if c not in _TONES))
    start = 0
    if base.startswith("qu") or (base.startswith("gi") and any(c in _VOWELS for c in base[2:])):
        start = 2  # the u of "qu" and the i of "gi" are part of the consonant
    vowels = [i for i in range(start, len(base)) if base[i] in _VOWELS]
    if not vowels:
        return unicodedata.normalize("NFC", syllable)
    marked = [i for i in vowels if base[i] in _MARKED_VOWELS]
    cluster = base[vowels[0]:vowels[-1] + 1]
    if marked:
        target = marked[-1]
    elif vowels[-1] < len(base) - 1 or cluster.endswith(_SECOND_VOWEL_CLUSTERS):
        target = vowels[-1]  # a final consonant, or oa/oe/uy: tone on the last vowel
    elif len(vowels) >= 2:
        target = vowels[-2]  # open syllable ending in a diphthong: "của", "mái"
    else:
        target = vowels[0]
    out = base[:target + 1] + tones[0] + base[target + 1:]
    return unicodedata.normalize("NFC", out)


def fold_tones(text: str) -> str:
    """Lower-case `text` with tone marks in one placement (hòa/hoà, thủy/thuỷ compare equal).

    Keeps the length of NFC input, so offsets into the result are offsets into `text`.
    """
    lowered = text.lower()
    if len(lowered) != len(text):  # a letter whose lower case is longer ("İ") keeps its case
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return _SYLLABLE.sub(lambda m: _fold_syllable(m.group()), lowered)


@lru_cache(maxsize=65536)  # a language has few distinct syllables; documents repeat them endlessly
def _fold_syllable(syllable: str) -> str:
    folded = _place_tone(unicodedata.normalize("NFD", syllable))
    return folded if len(folded) == len(syllable) else syllable


def normalise_name(name: str) -> str:
    """The matching key of a name: NFC, abbreviations expanded, "&" as "và", lower case,
    punctuation dropped, spaces collapsed, one tone-mark placement.

    "Sở TN&MT Hà Nội" and "Sở Tài nguyên và Môi trường Hà Nội" give the same key; so do
    "Ban Thi đua - Khen thưởng" and "Ban Thi đua – Khen thưởng", "hòa" and "hoà".
    """
    text = expand(unicodedata.normalize("NFC", name or ""))
    text = _PUNCT.sub(" ", fold_tones(text))
    return _SPACES.sub(" ", text).strip()
