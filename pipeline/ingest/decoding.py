"""Bytes to str: BOMs, UTF-8, UTF-16 (with or without BOM), Windows-1258 and legacy font encodings."""

from __future__ import annotations

import codecs
import unicodedata

from pipeline.errors import SetAside
from pipeline.ingest.legacy_fonts import convert_tcvn3, convert_vni, score_vietnamese

_BOMS = (  # UTF-32 first: its LE BOM starts with the UTF-16 LE BOM
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Control bytes that do not occur in text; NUL is counted apart (stray NULs are tolerated).
_CONTROL = frozenset(range(1, 0x20)) - {0x09, 0x0A, 0x0C, 0x0D, 0x1A, 0x1B} | {0x7F}
_HEAD = 8192


def decode_bytes(data: bytes) -> str:
    """Decode text bytes; raise SetAside('encoding') or ('unsupported_format') when they are not text."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(codec, errors="replace")
    utf16 = sniff_utf16(data)
    if utf16:
        try:
            return data.decode(utf16)
        except UnicodeDecodeError:
            pass
    if looks_binary(data):
        raise SetAside("unsupported_format", "binary content, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    mostly = decode_mostly_utf8(data)
    return mostly if mostly is not None else decode_8bit(data)


def decode_mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with a few damaged bytes (replaced by U+FFFD) when valid multi-byte sequences
    far outnumber the bad ones; None when the bytes are some 8-bit encoding instead."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ord(ch) >= 0x80) - bad
    return text if good >= 3 * bad else None


def sniff_utf16(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when the NUL pattern says so (ASCII-heavy text has one NUL per char)."""
    head = data[:_HEAD - _HEAD % 2]
    if len(head) < 4 or len(data) % 2:
        return None
    even, odd = head[0::2], head[1::2]
    even_nul, odd_nul = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_nul > 0.3 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.3 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def looks_binary(data: bytes) -> bool:
    """Many control bytes or mostly NULs mean this is not a text file; a few stray NULs are fine."""
    head = data[:_HEAD]
    if not head:
        return False
    controls = sum(1 for b in head if b in _CONTROL)
    return controls / len(head) > 0.03 or head.count(0) / len(head) > 0.3


def decode_8bit(data: bytes) -> str:
    """Pick Windows-1258, TCVN3 or VNI by how Vietnamese the result reads."""
    latin = data.decode("latin-1")
    candidates = [
        ("cp1258", unicodedata.normalize("NFC", data.decode("cp1258", errors="replace"))),
        ("tcvn3", convert_tcvn3(latin)),
        ("vni", convert_vni(latin)),
    ]
    scored = [(score_vietnamese(text), i, name, text) for i, (name, text) in enumerate(candidates)]
    # Higher score wins; ties go to the earlier (real code page) candidate.
    (score, n_words), _, name, text = max(scored, key=lambda s: (s[0][0], -s[1]))
    if n_words == 0 or score >= 0.85:
        return text
    if name != "cp1258" and score >= 0.5:
        raise SetAside("legacy_font", f"8-bit text, best guess {name} converts only {score:.0%} of words")
    raise SetAside("encoding", f"8-bit text, no encoding reads as Vietnamese (best {name} {score:.0%})")
