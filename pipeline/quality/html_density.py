"""Our former HTML article picker (text density), kept only as the baseline that
`pipeline.quality.html_compare` measures the trafilatura loader against. The pipeline never uses it.

It picks the element whose paragraphs carry the most prose, discounted by link text, and takes the
nearest h1 as the title; decoding and dates are the loader's own (pipeline/ingest/loaders/html.py).
"""

from __future__ import annotations

import copy
from collections import defaultdict

from lxml import etree

from pipeline.errors import SetAside
from pipeline.ingest.limits import Limits
from pipeline.ingest.loaders.html import (_BLOCK_TAGS, _HEADINGS, _MIN_ARTICLE, _TEXT_BLOCKS, decode_html,
                                          find_byline_date, find_meta_date, is_data_table, is_link_list,
                                          link_density, number_paragraphs, parse_html, strip_furniture)
from pipeline.ingest.normalise import normalise_text
from pipeline.ingest.record import Loaded, RawBlock

_MIN_PARAGRAPH = 25  # characters for an element to count as article prose when scoring
_HOLDERS = ("div", "td", "section", "article")


def load(data: bytes, limits: Limits) -> Loaded:
    """Article blocks, title and date of an HTML page by text density."""
    root = parse_html(decode_html(data))
    published = find_meta_date(root)
    title = find_title(root)
    page = copy.deepcopy(root)
    strip_furniture(root)
    body = root.find("body") if root.find("body") is not None else root
    container = pick_container(body)
    if container is None:
        raise SetAside("no_article", "no element holds enough prose")
    blocks = extract_blocks(container)
    if sum(len(normalise_text(b.text)) for b in blocks) < _MIN_ARTICLE:
        raise SetAside("no_article", "the densest element holds too little text")
    heading = find_heading(body, container)
    if heading is not None:
        title = normalise_text(heading.text_content()) or title
        if not any(p is container for p in heading.iterancestors()) and heading is not container:
            blocks = [RawBlock(text=heading.text_content(), kind="heading")] + blocks
    if published is None:
        published = find_byline_date(page, title)
    return Loaded(blocks=tuple(number_paragraphs(blocks)), title=title, published=published)


def find_title(root) -> str | None:
    """og:title, else <title>."""
    for meta in root.iter("meta"):
        if (meta.get("property") or meta.get("name") or "").lower() == "og:title":
            text = normalise_text(meta.get("content") or "")
            if text:
                return text
    title = root.find(".//title")
    return normalise_text(title.text_content()) or None if title is not None else None


def pick_container(body):
    """The element whose paragraphs carry the most prose, discounted by its share of link text."""
    scores: dict = defaultdict(float)
    for el in body.iter(etree.Element):
        text = _own_text(el) if el.tag in _HOLDERS else None
        if el.tag in ("p", "pre", "blockquote", "li"):
            text = el.text_content()
        if text is None:
            continue
        text = " ".join(text.split())
        if len(text) < _MIN_PARAGRAPH:
            continue
        points = 1 + text.count(",") + min(len(text) // 100, 3)
        holder = el if el.tag in _HOLDERS else el.getparent()
        if holder is None:
            continue
        scores[holder] += points
        grand = holder.getparent()
        if grand is not None:
            scores[grand] += points / 2
    if not scores:
        return None
    return max(scores, key=lambda el: scores[el] * (1 - link_density(el)))


def _own_text(el) -> str:
    """Text directly inside `el`, not in child elements (prose in <div>text<br>text</div> pages)."""
    return " ".join([el.text or ""] + [child.tail or "" for child in el])


def extract_blocks(container) -> list[RawBlock]:
    """Blocks of the container in document order; link lists skipped, data tables as cells."""
    out: list[RawBlock] = []
    buf: list[str] = []
    tables = [0]

    def flush(kind: str = "paragraph") -> None:
        text = "".join(buf)
        buf.clear()
        out.extend(RawBlock(text=line, kind=kind) for line in text.split("\n") if line.strip())

    def walk(el, top: bool = False, in_text_block: bool = False) -> None:
        if not isinstance(el.tag, str):
            buf.append(el.tail or "")
            return
        tag = el.tag
        if tag == "br":
            buf.append(" " if in_text_block else "\n")
        elif tag == "table" and is_data_table(el):
            flush()
            out.extend(table_blocks(el, tables[0]))
            tables[0] += 1
        elif tag in _BLOCK_TAGS and not top and is_link_list(el):
            pass
        else:
            block = tag in _BLOCK_TAGS
            if block:
                flush()
            buf.append(el.text or "")
            inner = in_text_block or tag in _TEXT_BLOCKS
            for child in el:
                walk(child, in_text_block=inner)
            if block:
                flush("heading" if tag in _HEADINGS else "paragraph")
        if not top:
            buf.append(el.tail or "")

    walk(container, top=True)
    flush()
    return out


def table_blocks(table, index: int) -> list[RawBlock]:
    blocks = []
    for r, tr in enumerate(table.iter("tr")):
        cells = [c for c in tr if isinstance(c.tag, str) and c.tag in ("td", "th")]
        for c, cell in enumerate(cells):
            text = " ".join(b.text for b in extract_blocks(cell))
            if text.strip():
                blocks.append(RawBlock(text=text, kind="table_cell", table=index, row=r, col=c))
    return blocks


def find_heading(body, container):
    """The article's h1: inside the container, else the last h1 before it, else the first h1."""
    inside = container.find(".//h1")
    if inside is not None and normalise_text(inside.text_content()):
        return inside
    order = {el: i for i, el in enumerate(body.iter())}
    h1s = [h for h in body.iter("h1") if normalise_text(h.text_content())]
    before = [h for h in h1s if order[h] < order.get(container, 0)]
    if before:
        return before[-1]
    return h1s[0] if h1s else None
