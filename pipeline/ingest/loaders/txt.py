"""Plain text: decode, then one block per paragraph."""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

from pipeline.ingest.decoding import decode_bytes
from pipeline.errors import SetAside
from pipeline.ingest.limits import Limits
from pipeline.ingest.normalise import join_lines
from pipeline.ingest.record import Loaded, RawBlock


def load(data: bytes, limits: Limits) -> Loaded:
    """Paragraphs are blank-line separated chunks when the file is hard-wrapped, else single lines;
    runs of "a | b | c" or tab-separated lines are tables, one block per cell."""
    if not data.strip():
        raise SetAside("empty")
    parts = split_tables(decode_bytes(data).splitlines())
    wrapped = is_hard_wrapped([c for part in parts if isinstance(part, list) for c in split_chunks(part)])
    blocks: list[RawBlock] = []
    paragraph = table = 0
    for part in parts:
        if isinstance(part, _Table):
            blocks += [RawBlock(text=cell, kind="table_cell", table=table, row=r, col=c)
                       for r, row in enumerate(part.rows) for c, cell in enumerate(row) if cell]
            table += 1
            continue
        chunks = split_chunks(part)
        for text in ([join_lines(chunk) for chunk in chunks] if wrapped else [ln for ch in chunks for ln in ch]):
            blocks.append(RawBlock(text=text, paragraph=paragraph))
            paragraph += 1
    return Loaded(blocks=tuple(blocks))


@dataclass(frozen=True, slots=True)
class _Table:
    rows: list[list[str]]


_TAB_CELLS = re.compile(r"\t+")
_RULE_CELL = re.compile(r"[-:=+ ]*")  # "|---|:--:|" under a header


def table_row(line: str) -> list[str] | None:
    """The cells of a line written as a table row ("a | b | c", "| a | b |", tab-separated)."""
    body = line.strip()
    if "\t" in body:
        cells = _TAB_CELLS.split(body)
    elif " | " in body or body.startswith("|"):
        cells = body.strip("|").split("|")
    else:
        return None
    cells = [c.strip() for c in cells]
    return cells if len(cells) >= 2 else None


def split_tables(lines: list[str]) -> list[list[str] | _Table]:
    """Prose line runs and tables, in order. A table is two or more row lines with the same number
    of cells (blank lines between rows allowed); a lone "Ngày đăng 14/06/2023 | 08:30" stays prose."""
    parts: list[list[str] | _Table] = []
    prose: list[str] = []
    i = 0
    while i < len(lines):
        if table_row(lines[i]) is None:
            prose.append(lines[i])
            i += 1
            continue
        rows, j, end = [], i, i
        while j < len(lines):
            if not lines[j].strip():
                j += 1
                continue
            row = table_row(lines[j])
            rule = row is not None and all(_RULE_CELL.fullmatch(c) for c in row)  # "|---|---|"
            if row is None or (rows and len(row) != len(rows[0]) and not rule):
                break
            if not (rows and rule):
                rows.append(row)
            j = end = j + 1
        if len(rows) >= 2:
            parts += [prose, _Table(rows)] if prose else [_Table(rows)]
            prose, i = [], end
        else:
            prose.append(lines[i])
            i += 1
    if prose:
        parts.append(prose)
    return parts


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
