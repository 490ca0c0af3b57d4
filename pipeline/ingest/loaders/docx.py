"""Word .docx: the zip is checked before python-docx sees it, then the body is read in order."""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import PurePosixPath

import docx
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from pipeline.errors import SetAside
from pipeline.ingest.limits import Limits
from pipeline.ingest.record import Loaded, RawBlock

MAX_RATIO = 200  # uncompressed/compressed; Word XML stays far below, zip bombs far above
RATIO_FLOOR = 1 << 20  # members smaller than this may compress as they like
_DTD_MARKERS = tuple(
    marker.encode(codec)
    for marker in ("<!doctype", "<!entity")
    for codec in ("ascii", "utf-16-le", "utf-16-be")
)
_CHUNK = 1 << 16


def load(data: bytes, limits: Limits) -> Loaded:
    """Paragraphs and tables of the main body (headers/footers excluded), title from core properties."""
    if not data:
        raise SetAside("empty")
    check_archive(data, limits)
    try:
        document = docx.Document(io.BytesIO(data))
    except (KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise SetAside("corrupt", f"not a readable Word document: {exc}") from None
    blocks = read_body(document)
    title = (document.core_properties.title or "").strip() or first_heading(blocks)
    return Loaded(blocks=tuple(blocks), title=title or None)


def check_archive(data: bytes, limits: Limits) -> None:
    """Reject what is not a Word zip, what expands too far, and XML parts with DTDs/entities."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError, OSError) as exc:
        raise SetAside("corrupt", f"broken zip archive: {exc}") from None
    names = {info.filename for info in infos}
    if "word/document.xml" not in names:
        raise SetAside("unsupported_format", "zip archive without word/document.xml")
    if sum(info.file_size for info in infos) > limits.max_decompressed:
        raise SetAside("decompression_limit", "declared uncompressed size exceeds the limit")
    for info in infos:
        path = PurePosixPath(info.filename.replace("\\", "/"))
        if path.is_absolute() or ".." in path.parts:
            raise SetAside("unsafe", f"zip member path escapes the archive: {info.filename}")
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise SetAside("decompression_limit", f"compression ratio of {info.filename} is implausible")
    # Declared sizes can lie: decompress for real, counting, and look inside XML parts.
    total = 0
    for info in infos:
        is_xml = info.filename.endswith((".xml", ".rels"))
        tail = b""
        try:
            with archive.open(info) as member:
                while chunk := member.read(_CHUNK):
                    total += len(chunk)
                    if total > limits.max_decompressed:
                        raise SetAside("decompression_limit", "archive expands beyond the limit")
                    if is_xml and _has_dtd(tail + chunk):
                        raise SetAside("unsafe", f"DTD or ENTITY declaration in {info.filename}")
                    tail = chunk[-32:]
        except RuntimeError as exc:  # zipfile's way of saying a member is password-protected
            raise SetAside("encrypted" if "encrypted" in str(exc) else "corrupt", str(exc)) from None
        except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError, zlib.error) as exc:
            raise SetAside("corrupt", f"cannot decompress {info.filename}: {exc}") from None


def _has_dtd(chunk: bytes) -> bool:
    low = chunk.lower()
    return any(marker in low for marker in _DTD_MARKERS)


def read_body(document) -> list[RawBlock]:
    """Body children in document order; content controls (w:sdt) are looked into."""
    blocks: list[RawBlock] = []
    counters = {"paragraph": 0, "table": 0}
    headings = heading_style_ids(document)

    def visit(element) -> None:
        for child in element.iterchildren():
            if child.tag == qn("w:p"):
                paragraph = Paragraph(child, document)
                kind = "heading" if paragraph_style_id(child) in headings else "paragraph"
                blocks.append(RawBlock(text=paragraph.text, kind=kind, paragraph=counters["paragraph"]))
                counters["paragraph"] += 1
            elif child.tag == qn("w:tbl"):
                blocks.extend(table_blocks(Table(child, document), counters["table"]))
                counters["table"] += 1
            elif child.tag in (qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")):
                visit(child)

    visit(document.element.body)
    return blocks


def heading_style_ids(document) -> set[str]:
    """Ids of paragraph styles named Heading N or Title (read once: python-docx's per-paragraph
    style lookup scans all styles and dominates load time on long documents)."""
    ids = set()
    for style in document.styles.element.iterchildren(qn("w:style")):
        name = style.find(qn("w:name"))
        label = name.get(qn("w:val")) if name is not None else ""
        style_id = style.get(qn("w:styleId")) or ""
        if label.lower().startswith(("heading", "title")) or style_id.startswith(("Heading", "Title")):
            ids.add(style_id)
    return ids


def paragraph_style_id(p_element) -> str | None:
    style = p_element.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    return style.get(qn("w:val")) if style is not None else None


def table_blocks(table: Table, index: int) -> list[RawBlock]:
    """One block per distinct cell (a merged cell is listed once, at its first grid column)."""
    blocks = []
    for r, row in enumerate(table.rows):
        seen = set()
        for c, cell in enumerate(row.cells):
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            text = cell_text(cell)
            if text.strip():
                blocks.append(RawBlock(text=text, kind="table_cell", table=index, row=r, col=c))
    return blocks


def cell_text(cell) -> str:
    """A cell's paragraphs and nested tables' text, in order."""
    parts = []
    for item in cell.iter_inner_content():
        if isinstance(item, Paragraph):
            parts.append(item.text)
        else:
            parts.extend(cell_text(c) for row in item.rows for c in row.cells)
    return "\n".join(parts)


def first_heading(blocks: list[RawBlock]) -> str | None:
    for block in blocks:
        if block.kind == "heading" and block.text.strip():
            return block.text.strip()
    return None
