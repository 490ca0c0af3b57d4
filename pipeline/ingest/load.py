"""Load one file into a normalised Document: size check, sniffing, loader, legacy fonts,
assembly, then kind, title and publication date."""

from __future__ import annotations

import os
import re
import struct
import zipfile
import zlib
from functools import cache
from pathlib import Path

from lxml import etree
from pypdfium2 import PdfiumError

from pipeline.datafiles import load_data
from pipeline.ingest.datelines import find_byline, find_place_date
from pipeline.errors import SetAside
from pipeline.ingest.legacy_fonts import CONVERTERS, detect_legacy_font, has_unicode_vietnamese
from pipeline.ingest.limits import Limits
from pipeline.ingest.loaders import get_loader
from pipeline.ingest.normalise import assemble, normalise_text
from pipeline.ingest.record import Document, Loaded, RawBlock, sha256_bytes
from pipeline.ingest.sniff import detect_format

# Errors parsing libraries raise on damaged input; anything else from a loader is our bug.
_PARSE_ERRORS = (ValueError, KeyError, IndexError, EOFError, OSError, UnicodeError, struct.error,
                 zlib.error, zipfile.BadZipFile, etree.Error, PdfiumError, RecursionError)
_HEAD_CHARS = 3000  # kind, title and date cues are looked for near the top only


def load_document(source: str | os.PathLike | bytes, *, source_uri: str, limits: Limits) -> Document:
    """The normalised Document for a path or raw bytes; SetAside with a reason code otherwise."""
    try:
        data = read_source(source, limits)
        if not data.strip():
            raise SetAside("empty")
        fmt = detect_format(data, source_uri or str(source))
        loaded = run_loader(fmt, data, limits)
        return build_document(loaded, data, fmt, source_uri, limits)
    except SetAside:
        raise
    except Exception as exc:  # never let a traceback escape: the batch goes on
        raise SetAside("internal_error", f"{type(exc).__name__}: {exc}") from None


def read_source(source: str | os.PathLike | bytes, limits: Limits) -> bytes:
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
    else:
        try:
            size = os.path.getsize(source)
            if size > limits.max_bytes:
                raise SetAside("too_large", f"{size} bytes, limit {limits.max_bytes}")
            data = Path(source).read_bytes()
        except OSError as exc:
            raise SetAside("internal_error", f"cannot read {source}: {exc.strerror or exc}") from None
    if len(data) > limits.max_bytes:
        raise SetAside("too_large", f"{len(data)} bytes, limit {limits.max_bytes}")
    return data


def run_loader(fmt: str, data: bytes, limits: Limits) -> Loaded:
    """The format's loader, with any exception it lets out turned into a set-aside reason."""
    try:
        return get_loader(fmt).load(data, limits)
    except SetAside:
        raise
    except MemoryError:
        raise SetAside("too_large", "out of memory while parsing") from None
    except _PARSE_ERRORS as exc:
        raise SetAside("corrupt", f"{fmt}: {type(exc).__name__}: {exc}") from None
    except Exception as exc:
        raise SetAside("internal_error", f"{fmt} loader: {type(exc).__name__}: {exc}") from None


def build_document(loaded: Loaded, data: bytes, fmt: str, source_uri: str, limits: Limits) -> Document:
    text, blocks = assemble(repair_blocks(loaded.blocks))
    if not text:
        raise SetAside("empty", f"the {fmt} file holds no text")
    if len(text) > limits.max_chars:
        raise SetAside("too_large", f"{len(text)} characters of text, limit {limits.max_chars}")
    lines = [line for line in text[:_HEAD_CHARS].split("\n") if line.strip()]
    kind = detect_kind(lines)
    byline = find_byline(lines)
    published = loaded.published
    if published is None and kind == "minutes":
        published = find_place_date(lines)
    if published is None and byline:
        published = byline[1]
    title = normalise_text(loaded.title) if loaded.title else None
    title = title or guess_title(lines, kind, byline[0] if byline else None)
    return Document(source_uri=source_uri, format=fmt, kind=kind, sha256=sha256_bytes(data), text=text,
                    title=title, published=published, blocks=tuple(blocks))


def repair_blocks(blocks: tuple[RawBlock, ...]) -> list[RawBlock]:
    """Convert blocks typed in a legacy font (TCVN3/VNI); the decision is taken over all blocks
    that hold no Unicode Vietnamese, so a mixed document converts only its legacy parts."""
    legacy = [b for b in blocks if not has_unicode_vietnamese(b.text)]
    name = detect_legacy_font("\n".join(b.text for b in legacy)) if legacy else None
    if not name:
        return list(blocks)
    convert = CONVERTERS[name]
    ids = {id(b) for b in legacy}
    return [RawBlock(convert(b.text), b.kind, b.page, b.paragraph, b.table, b.row, b.col) if id(b) in ids else b
            for b in blocks]


@cache
def _minutes_cues() -> dict:
    cues = load_data("cues")["minutes"]
    return {
        "window": cues["window_lines"],
        "motto": [_letters(m) for m in cues["motto"]],
        "titles": [t.lower() for t in cues["titles"]],
        "type_headings": {t.lower() for t in cues["type_headings"]},
        "number": re.compile(cues["number_pattern"], re.IGNORECASE),
    }


def _letters(text: str) -> str:
    """Lower-case letters only: cue phrases compare whatever the dashes and spacing."""
    return "".join(ch for ch in text.lower() if ch.isalpha())


def detect_kind(lines: list[str]) -> str:
    """'minutes' when the top of the text opens like an official document, else 'news'."""
    cues = _minutes_cues()
    head = lines[: cues["window"]]
    cells = [cell.strip() for line in head for cell in line.split(" | ")]  # header tables
    if any(motto in _letters(line) for line in head for motto in cues["motto"]):
        return "minutes"
    has_number = any(cues["number"].match(cell) for cell in cells)
    titled = [i for i, cell in enumerate(cells) if cell.lower().startswith(tuple(cues["titles"]))]
    if titled and (has_number or titled[0] == 0):
        return "minutes"
    return "news"


def guess_title(lines: list[str], kind: str, byline: int | None) -> str | None:
    """News: the line above the byline, else the first line. Minutes: the title cue line
    ("BIÊN BẢN"), with the line after it when the cue stands alone."""
    if not lines:
        return None
    if kind == "minutes":
        cues = _minutes_cues()
        titles = tuple(cues["titles"])
        for i, line in enumerate(lines):
            if line.lower().startswith(titles):
                if line.lower() in titles and i + 1 < len(lines):
                    return f"{line} {lines[i + 1]}"
                return line
        for i, line in enumerate(lines[: cues["window"] + 5]):  # "QUYẾT ĐỊNH" / "Về việc thành lập ..."
            if line.strip().lower() in cues["type_headings"]:
                return f"{line.strip()} {lines[i + 1]}" if i + 1 < len(lines) else line.strip()
        return None
    if byline:
        return lines[byline - 1]
    return lines[1] if byline == 0 and len(lines) > 1 else lines[0]
