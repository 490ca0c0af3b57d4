"""PDF: pypdfium2 for text (fast), pdfplumber only on pages that draw tables, tesseract for scans."""

from __future__ import annotations

import io
import time

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from pipeline.errors import SetAside
from pipeline.ingest.limits import Limits
from pipeline.ingest.loaders import ocr
from pipeline.ingest.loaders.pdf_layout import Line, continues, drop_running_lines, group_lines, split_paragraphs
from pipeline.ingest.normalise import join_lines
from pipeline.ingest.record import Loaded, RawBlock

MIN_TABLE_PATHS = 4  # path objects on a page before it is worth asking pdfplumber for tables
MIN_PAGE_TEXT = 10  # characters below which a page with images is treated as a scan


def load(data: bytes, limits: Limits) -> Loaded:
    """Blocks of all pages in reading order; tables as cells; scans OCRed when tesseract is there."""
    deadline = time.monotonic() + limits.max_seconds
    if b"%%EOF" not in data[-4096:]:
        raise SetAside("corrupt", "no %%EOF marker: the PDF is truncated")
    pdf = open_pdf(data)
    try:
        if len(pdf) > limits.max_pages:
            raise SetAside("too_many_pages", f"{len(pdf)} pages, limit {limits.max_pages}")
        pages, heights, tables, scanned = read_pages(pdf, data, deadline)
        ocr_text = ocr_pages(pdf, scanned, deadline)
        blocks = build_blocks(drop_running_lines(pages, heights), tables, ocr_text)
        return Loaded(blocks=tuple(blocks), title=metadata_title(pdf), pages=len(pdf))
    finally:
        pdf.close()


def read_pages(pdf, data: bytes, deadline: float):
    """Per page: text lines outside tables, height; plus tables by page and the scanned pages."""
    pages: list[list[Line]] = []
    heights: list[float] = []
    tables: dict[int, list] = {}
    scanned: list[int] = []
    finder = TableFinder(data)
    try:
        for index in range(len(pdf)):
            check_deadline(deadline)
            page = pdf[index]
            heights.append(page.get_height())
            lines, n_paths, n_images = read_page(page)
            if n_paths >= MIN_TABLE_PATHS:
                found = finder.find_tables(index, page.get_height())
                if found:
                    tables[index] = found
                    lines = [ln for ln in lines if not any(_inside(ln, bbox) for bbox, _ in found)]
            if sum(len(ln.text) for ln in lines) < MIN_PAGE_TEXT and n_images and index not in tables:
                scanned.append(index)
            pages.append(lines)
    finally:
        finder.close()
    return pages, heights, tables, scanned


def open_pdf(data: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD:
            raise SetAside("encrypted", "the PDF needs a password") from None
        raise SetAside("corrupt", f"pdfium cannot open the file: {exc}") from None


def check_deadline(deadline: float) -> None:
    if time.monotonic() > deadline:
        raise SetAside("timeout", "PDF processing exceeded the time limit")


def read_page(page) -> tuple[list[Line], int, int]:
    """The page's text lines plus its counts of path and image objects."""
    textpage = page.get_textpage()
    try:
        rects = []
        for i in range(textpage.count_rects()):
            rect = textpage.get_rect(i)
            rects.append((rect, textpage.get_text_bounded(*rect)))
    finally:
        textpage.close()
    n_paths = n_images = 0
    for obj in page.get_objects():
        n_paths += obj.type == pdfium_c.FPDF_PAGEOBJ_PATH
        n_images += obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE
    return group_lines(rects), n_paths, n_images


class TableFinder:
    """pdfplumber, opened on first use: only documents with drawn tables pay for parsing twice."""

    def __init__(self, data: bytes):
        self.data = data
        self.plumb = None
        self.unreadable = False

    def find_tables(self, index: int, height: float) -> list[tuple[tuple, list[list[str]]]]:
        """Tables of the page; none when pdfminer cannot parse what pdfium could (the page's text is kept)."""
        if self.unreadable:
            return []
        try:
            return self._find_tables(index, height)
        except _plumber_errors():
            self.unreadable = self.plumb is None
            return []

    def _find_tables(self, index: int, height: float) -> list[tuple[tuple, list[list[str]]]]:
        """(bbox in pdfium coordinates, rows of cell texts) of ruled tables with 2+ rows and columns."""
        if self.plumb is None:
            import pdfplumber

            self.plumb = pdfplumber.open(io.BytesIO(self.data))
        page = self.plumb.pages[index]
        out = []
        for table in page.find_tables():
            rows = table.extract()
            if len(rows) < 2 or max(len(r) for r in rows) < 2:
                continue
            x0, top, x1, bottom = table.bbox
            cells = [[join_lines((c or "").splitlines()) for c in r] for r in rows]
            out.append(((x0, height - bottom, x1, height - top), cells))
        page.close()  # drop pdfplumber's per-page caches
        return out

    def close(self) -> None:
        if self.plumb is not None:
            try:
                self.plumb.close()  # walks the page tree again
            except _plumber_errors():
                pass


def _plumber_errors() -> tuple[type[BaseException], ...]:
    """What pdfplumber/pdfminer raise on a damaged file."""
    from pdfminer.psexceptions import PSException
    from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

    return PSException, PdfminerException, MalformedPDFException, RecursionError


def _inside(line: Line, bbox: tuple) -> bool:
    x0, bottom, x1, top = bbox
    mid_y = (line.top + line.bottom) / 2
    mid_x = (line.x0 + line.x1) / 2
    return bottom <= mid_y <= top and x0 <= mid_x <= x1


def ocr_pages(pdf, indexes: list[int], deadline: float) -> dict[int, str]:
    """OCR text of scanned pages; SetAside('needs_ocr') when the document is all scans and
    tesseract is unavailable (a partly scanned document keeps its text layer)."""
    if not indexes:
        return {}
    if not ocr.tesseract_ready():
        if len(indexes) == len(pdf):
            raise SetAside("needs_ocr", "no text layer and tesseract (vie) is not available")
        return {}
    out = {}
    for index in indexes:
        check_deadline(deadline)
        out[index] = ocr.ocr_page(pdf[index], timeout=deadline - time.monotonic())
    return out


def build_blocks(pages: list[list[Line]], tables: dict[int, list], ocr_text: dict[int, str]) -> list[RawBlock]:
    """Paragraphs and table cells page by page, in vertical order; a paragraph cut by a page
    break is joined to its continuation."""
    blocks: list[RawBlock] = []
    n_tables = 0
    for index, lines in enumerate(pages):
        items: list[tuple[float, object]] = []  # (top, paragraph lines | table rows)
        for bbox, rows in tables.get(index, []):
            items.append((bbox[3], rows))
        for group in _line_groups(lines, [bbox for bbox, _ in tables.get(index, [])]):
            items.append((group[0].top, group))
        items.sort(key=lambda item: -item[0])
        page_blocks: list[RawBlock] = []
        for _, item in items:
            if item and isinstance(item[0], Line):
                page_blocks.extend(RawBlock(text=p, page=index + 1) for p in split_paragraphs(item))
            else:
                page_blocks.extend(_table_blocks(item, n_tables, index + 1))
                n_tables += 1
        if index in ocr_text:
            page_blocks.extend(RawBlock(text=p, page=index + 1) for p in ocr_paragraphs(ocr_text[index]))
        if (blocks and page_blocks and blocks[-1].kind == "paragraph" and page_blocks[0].kind == "paragraph"
                and continues(blocks[-1].text, page_blocks[0].text)):
            blocks[-1] = RawBlock(text=join_lines([blocks[-1].text, page_blocks[0].text]), page=blocks[-1].page)
            page_blocks = page_blocks[1:]
        blocks.extend(page_blocks)
    numbered, n = [], 0
    for b in blocks:
        if b.kind == "table_cell":
            numbered.append(b)
        else:
            numbered.append(RawBlock(b.text, b.kind, b.page, n))
            n += 1
    return numbered


def _line_groups(lines: list[Line], bboxes: list[tuple]) -> list[list[Line]]:
    """Runs of lines cut where a table starts, so text above and below a table stays in place."""
    cuts = sorted((bbox[3] for bbox in bboxes), reverse=True)
    groups: list[list[Line]] = [[]]
    for line in lines:
        while cuts and line.top < cuts[0]:
            cuts.pop(0)
            groups.append([])
        groups[-1].append(line)
    return [g for g in groups if g]


def _table_blocks(rows: list[list[str]], table: int, page: int) -> list[RawBlock]:
    return [RawBlock(text=cell, kind="table_cell", page=page, table=table, row=r, col=c)
            for r, row in enumerate(rows) for c, cell in enumerate(row) if cell.strip()]


def ocr_paragraphs(text: str) -> list[str]:
    """Tesseract separates paragraphs by blank lines; lines inside one are re-joined."""
    paragraphs, current = [], []
    for line in text.splitlines():
        if line.strip():
            current.append(line)
        elif current:
            paragraphs.append(join_lines(current))
            current = []
    if current:
        paragraphs.append(join_lines(current))
    return paragraphs


def metadata_title(pdf) -> str | None:
    """The Title metadata unless it is a file name left by the producing application."""
    try:
        title = (pdf.get_metadata_dict().get("Title") or "").strip()
    except (pdfium.PdfiumError, ValueError):
        return None
    if title.lower().startswith("microsoft word") or title.lower().endswith((".doc", ".docx", ".pdf")):
        return None
    return title or None
