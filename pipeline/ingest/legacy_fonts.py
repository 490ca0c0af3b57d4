"""Legacy Vietnamese font encodings (TCVN3/ABC, VNI): detection and conversion to Unicode.

Text typed with these fonts reaches us as Latin-1-looking characters ("Céng hßa",
"Coäng hoøa"). The byte tables are data (data/legacy_fonts.yaml); whether a text is
legacy is decided by how many of its words become valid Vietnamese syllables.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from pipeline.datafiles import load_data
from pipeline.errors import SetAside

TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
_ONSET = r"(?:ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|[bcdđghklmnpqrstvx])?"
_NUCLEUS = r"[aăâeêioôơuưy]{1,3}"
_CODA = r"(?:ch|ng|nh|[cmnpt])?"
_SYLLABLE = re.compile(f"{_ONSET}{_NUCLEUS}{_CODA}")
_WORD = re.compile(r"[^\W\d_]+")
# Characters that only exist in Unicode Vietnamese (never in a Latin-1 reading).
_VIET_ONLY = re.compile("[ăĂđĐĩĨũŨơƠưƯ\u1ea0-\u1ef9]")
_SAMPLE = 200_000  # characters scored; enough to decide, bounded cost


@cache
def _tcvn3_table() -> dict[int, str]:
    return {k: v for k, v in load_data("legacy_fonts")["tcvn3"].items()}


@cache
def _vni_tables() -> tuple[dict[str, str], dict[str, str]]:
    data = load_data("legacy_fonts")["vni"]
    combining = load_data("legacy_fonts")["combining"]
    letters = {chr(k): v for k, v in data["letters"].items()}
    marks = {chr(k): "".join(combining[name] for name in names) for k, names in data["marks"].items()}
    return letters, marks


def convert_tcvn3(text: str) -> str:
    """Text shown in a TCVN3 (ABC) font, read as Latin-1, to Unicode NFC."""
    return text.translate(_tcvn3_table())


def convert_vni(text: str) -> str:
    """Text shown in a VNI font, read as Latin-1, to Unicode NFC."""
    letters, marks = _vni_tables()
    out: list[str] = []
    for ch in text:
        if ch in marks and out and out[-1][:1].lower() in "aeiouyơư":
            out.append(marks[ch])  # a mark byte only means a mark right after a vowel
        else:
            out.append(letters.get(ch, ch))
    return unicodedata.normalize("NFC", "".join(out))


def is_syllable(word: str) -> bool:
    """Whether `word` is shaped like one Vietnamese syllable (at most one tone mark)."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = sum(1 for ch in decomposed if ch in TONE_MARKS)
    if tones > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in TONE_MARKS))
    return _SYLLABLE.fullmatch(bare) is not None


def score_vietnamese(text: str) -> tuple[float, int]:
    """(share of non-ASCII words that are valid syllables, number of such words)."""
    words = [w for w in _WORD.findall(text[:_SAMPLE]) if not w.isascii()]
    if not words:
        return 0.0, 0
    return sum(map(is_syllable, words)) / len(words), len(words)


def has_unicode_vietnamese(text: str) -> bool:
    """Whether the text holds letters that exist only in Unicode Vietnamese."""
    return _VIET_ONLY.search(text[:_SAMPLE]) is not None


CONVERTERS = {"tcvn3": convert_tcvn3, "vni": convert_vni}


def detect_legacy_font(text: str) -> str | None:
    """'tcvn3' or 'vni' when the text is in that encoding, None when it is not legacy;
    SetAside('legacy_font') when it looks legacy but no table converts it cleanly."""
    sample = text[:_SAMPLE]
    if not re.search("[\u00a1-\u00ff]", sample):
        return None
    own, n_words = score_vietnamese(sample)
    if has_unicode_vietnamese(sample) and own >= 0.8:
        return None
    best, name = max((score_vietnamese(convert(sample))[0], name) for name, convert in CONVERTERS.items())
    if best >= 0.85 and best >= own + 0.15:
        return name
    if n_words >= 3 and best >= 0.5 and best >= own + 0.25:
        raise SetAside("legacy_font", f"looks like {name} but only {best:.0%} of words convert cleanly")
    return None


def repair_legacy_font(text: str) -> str:
    """The text converted to Unicode if it is TCVN3/VNI, else unchanged."""
    name = detect_legacy_font(text)
    return CONVERTERS[name](text) if name else text
