"""HTML news pages: the article text (picked by text density), its title and publication date.

Scripts are never executed: the page is parsed by lxml, and script/style/iframe... are dropped.
"""

from __future__ import annotations

import json
from datetime import date
import re
from collections import defaultdict
from functools import cache

import lxml.html
from lxml import etree

from pipeline.datafiles import load_data
from pipeline.ingest.datelines import find_byline, parse_date_text
from pipeline.ingest.decoding import decode_bytes, sniff_utf16
from pipeline.errors import SetAside
from pipeline.ingest.limits import Limits
from pipeline.ingest.normalise import normalise_text
from pipeline.ingest.record import Loaded, RawBlock

_DROP_TAGS = ("script", "style", "noscript", "iframe", "form", "nav", "footer", "aside", "svg",
              "button", "select", "textarea", "template", "object", "embed", "canvas", "menu",
              "dialog", "input", "link", "meta", "head")
_BLOCK_TAGS = frozenset("p div section article main header h1 h2 h3 h4 h5 h6 li ul ol dl dt dd "
                        "blockquote pre figure figcaption caption address center hr tr table "
                        "tbody thead tfoot td th".split())
_HEADINGS = frozenset("h1 h2 h3 h4 h5 h6".split())
_TEXT_BLOCKS = _HEADINGS | {"p", "li", "dt", "dd", "figcaption", "caption", "th", "td"}
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_BAD_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_MIN_PARAGRAPH = 25  # characters for an element to count as article prose when scoring
_MIN_ARTICLE = 80  # characters of text below which a page holds no article


@cache
def _cues() -> dict:
    return load_data("cues")["html"]


@cache
def _boilerplate() -> re.Pattern:
    words = "|".join(re.escape(w) for w in sorted(_cues()["boilerplate_words"], key=len, reverse=True))
    return re.compile(rf"(?:^|[\s_-])(?:{words})(?:$|[\s_-])", re.IGNORECASE)


def load(data: bytes, limits: Limits) -> Loaded:
    """Article blocks, title and date of an HTML page; SetAside('no_article') when it has none."""
    root = parse_html(decode_html(data))
    published = find_meta_date(root)
    title = find_title(root)
    strip_furniture(root)
    body = root.find("body") if root.find("body") is not None else root
    container = pick_container(body)
    if container is None:
        raise SetAside("no_article", "no element holds enough prose")
    blocks = extract_blocks(container)
    if sum(len(normalise_text(b.text)) for b in blocks) < _MIN_ARTICLE:
        raise SetAside("no_article", "the densest element holds too little text")
    heading = find_heading(body, container)
    title = title_from(heading, title)
    if heading is not None and not _contains(container, heading):
        blocks = [RawBlock(text=heading.text_content(), kind="heading")] + blocks
    if published is None:
        published = find_byline_date(body, heading)
    blocks = tuple(number_paragraphs(blocks))
    return Loaded(blocks=blocks, title=title, published=published)


def number_paragraphs(blocks: list[RawBlock]):
    """Give non-table blocks their 0-based paragraph index."""
    n = 0
    for b in blocks:
        if b.kind == "table_cell":
            yield b
        else:
            yield RawBlock(b.text, b.kind, None, n)
            n += 1


def decode_html(data: bytes) -> str:
    """UTF-8 when valid, else the declared charset, else the generic text decoder."""
    if not data.strip():
        raise SetAside("empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or sniff_utf16(data):
        return decode_bytes(data)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    m = _CHARSET.search(data[:4096])
    if m:
        try:
            return data.decode(m[1].decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_bytes(data)


def parse_html(text: str) -> etree._Element:
    text = _BAD_XML_CHARS.sub("", _XML_DECL.sub("", text, count=1))
    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, recover=True)
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise SetAside("no_article", f"unparsable HTML: {exc}") from None
    return root


def find_meta_date(root) -> date | None:
    """Publication date from <meta>, JSON-LD datePublished, or <time datetime> (in that order)."""
    wanted = _cues()["date_meta"]
    found: dict[str, date] = {}
    for meta in root.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        if key in wanted and key not in found:
            value = parse_date_text(meta.get("content") or "")
            if value:
                found[key] = value
    for key in wanted:
        if key in found:
            return found[key]
    for script in root.iter("script"):
        if (script.get("type") or "").lower() == "application/ld+json":
            value = _ld_json_date(script.text or "")
            if value:
                return value
    for time_el in root.iter("time"):
        value = parse_date_text(time_el.get("datetime") or "")
        if value:
            return value
    return None


def _ld_json_date(text: str):
    try:
        data = json.loads(text)
    except ValueError:
        return None
    stack = [data]
    while stack:  # the date may sit in a nested @graph
        item = stack.pop()
        if isinstance(item, dict):
            if isinstance(item.get("datePublished"), str):
                return parse_date_text(item["datePublished"])
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return None


def find_title(root) -> str | None:
    """og:title, else <title> (an h1 near the article is preferred later)."""
    for meta in root.iter("meta"):
        if (meta.get("property") or meta.get("name") or "").lower() == "og:title":
            text = normalise_text(meta.get("content") or "")
            if text:
                return text
    title = root.find(".//title")
    if title is not None:
        return normalise_text(title.text_content()) or None
    return None


def strip_furniture(root) -> None:
    """Drop elements that never hold article text: scripts, menus, footers, share bars..."""
    for el in list(root.iter(*_DROP_TAGS)):
        if el.getparent() is not None:
            el.drop_tree()
    pattern = _boilerplate()
    total = len(root.text_content())
    for el in list(root.iter(etree.Element)):
        if el.tag in ("html", "body") or el.getparent() is None:
            continue
        marks = f"{el.get('class') or ''} {el.get('id') or ''} {el.get('role') or ''}"
        # A "furniture" class on a wrapper holding most of the page (class="has-sidebar") is kept.
        if marks.strip() and pattern.search(marks) and len(el.text_content()) < total / 2:
            el.drop_tree()


def pick_container(body):
    """The element whose paragraphs carry the most prose, discounted by its share of link text."""
    scores: dict = defaultdict(float)
    for el in body.iter(etree.Element):
        text = _own_text(el) if el.tag in ("div", "td", "section", "article") else None
        if el.tag in ("p", "pre", "blockquote", "li"):
            text = el.text_content()
        if text is None:
            continue
        text = " ".join(text.split())
        if len(text) < _MIN_PARAGRAPH:
            continue
        points = 1 + text.count(",") + min(len(text) // 100, 3)
        holder = el if el.tag in ("div", "td", "section", "article") else el.getparent()
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
    parts = [el.text or ""] + [child.tail or "" for child in el]
    return " ".join(parts)


def link_density(el) -> float:
    text = len(" ".join(el.text_content().split()))
    if not text:
        return 1.0
    links = sum(len(" ".join(a.text_content().split())) for a in el.iter("a"))
    return min(links / text, 1.0)


def extract_blocks(container) -> list[RawBlock]:
    """Blocks of the container in document order; link lists and tables handled on the way."""
    out: list[RawBlock] = []
    buf: list[str] = []
    tables = [0]

    def flush(kind: str = "paragraph") -> None:
        text = "".join(buf)
        buf.clear()
        for line in text.split("\n"):
            if line.strip():
                out.append(RawBlock(text=line, kind=kind))

    def walk(el, top: bool = False, in_text_block: bool = False) -> None:
        if not isinstance(el.tag, str):
            buf.append(el.tail or "")
            return
        tag = el.tag
        if tag == "br":
            # Inside a <p> a <br> is a soft line break; in bare <div> text it separates paragraphs.
            buf.append(" " if in_text_block else "\n")
        elif tag == "table" and _is_data_table(el):
            flush()
            out.extend(table_blocks(el, tables[0]))
            tables[0] += 1
        elif tag in _BLOCK_TAGS and not top and _is_link_list(el):
            pass  # related-article lists and tag clouds inside the article
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


def _is_link_list(el) -> bool:
    text = el.text_content().strip()
    return bool(text) and link_density(el) > 0.5


def _is_data_table(table) -> bool:
    """A table of data, not a layout table wrapping the page (nested tables, headings, long cells)."""
    if any(el is not table for el in table.iter("table", "h1", "h2")):
        return False
    return all(len(cell.text_content()) <= 1000 for cell in table.iter("td", "th"))


def table_blocks(table, index: int) -> list[RawBlock]:
    blocks = []
    rows = [tr for tr in table.iter("tr")]
    for r, tr in enumerate(rows):
        cells = [c for c in tr if isinstance(c.tag, str) and c.tag in ("td", "th")]
        for c, cell in enumerate(cells):
            text = " ".join(b.text for b in extract_blocks(cell))  # <p>s inside a cell
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


def _contains(ancestor, el) -> bool:
    return any(p is ancestor for p in el.iterancestors()) or el is ancestor


def title_from(heading, fallback: str | None) -> str | None:
    if heading is not None:
        return normalise_text(heading.text_content()) or fallback
    return fallback


def find_byline_date(body, heading):
    """A byline date in the lines around the h1 (bylines sit just above or below it), else at the top."""
    lines = [b.text for b in extract_blocks(body) if b.kind != "table_cell"]
    start = 0
    if heading is not None:
        wanted = normalise_text(heading.text_content())
        for i, line in enumerate(lines):
            if normalise_text(line) == wanted:
                start = max(i - 2, 0)
                break
    hit = find_byline(lines[start:])
    return hit[1] if hit else None
