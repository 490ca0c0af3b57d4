"""Plain text: decode, then one block per paragraph."""

from __future__ import annotations

import statistics

from pipeline.decoding import decode_bytes
from pipeline.errors import SetAside
from pipeline.limits import Limits
from pipeline.normalise import join_lines
from pipeline.record import Loaded, RawBlock


def load(data: bytes, limits: Limits) -> Loaded:
    """Paragraphs are blank-line separated chunks when the file is hard-wrapped, else single lines."""
    if not data.strip():
        raise SetAside("empty")
    lines = decode_bytes(data).splitlines()
    chunks = split_chunks(lines)
    if is_hard_wrapped(chunks):
        paragraphs = [join_lines(chunk) for chunk in chunks]
    else:
        paragraphs = [line for chunk in chunks for line in chunk]
    blocks = tuple(RawBlock(text=p, paragraph=i) for i, p in enumerate(paragraphs))
    return Loaded(blocks=blocks)


def split_chunks(lines: list[str]) -> list[list[str]]:
    """Runs of non-blank lines."""
    chunks: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            chunks[-1].append(line)
        elif chunks[-1]:
            chunks.append([])
    return [c for c in chunks if c]


def is_hard_wrapped(chunks: list[list[str]]) -> bool:
    """Text wrapped at a fixed width: most lines continue a chunk and lines are of similar, modest length."""
    lengths = [len(line.strip()) for chunk in chunks for line in chunk]
    if len(lengths) < 4:
        return False
    continued = sum(len(c) - 1 for c in chunks) / len(lengths)
    longest = sorted(lengths)[int(len(lengths) * 0.9)]
    return continued >= 0.5 and longest <= 100 and statistics.median(lengths) >= 40
