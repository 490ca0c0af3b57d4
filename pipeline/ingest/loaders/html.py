"""HTML news pages: the article text and title by trafilatura, the publication date by our own rules.

Measured with `python -m pipeline.quality.html_compare` on every HTML page we hold (the sample
corpus, corpora/bad and tests/data/html_portals: 23 pages copying the structure of Vietnamese portals
and papers); figures in the README. What each part uses and why:

- article text, tables and title: trafilatura (favor_precision). Our former text-density picker
  (kept only as the measured baseline, pipeline/quality/html_density.py) lost whole articles on table
  layouts and DotNetNuke portals: word F1 0.962 against trafilatura's 0.972.
- publication date: ours, because htmldate measurably loses (33 of 40 pages right against our 37: it
  takes dates from sidebar lists and URL folders and misses Vietnamese bylines). In order: <meta>, JSON-LD
  datePublished, <time datetime>, then a byline near the title ("Thứ Hai, 12/02/2024 08:15",
  "Cập nhật: 19-03-2024", cue words in pipeline/data/cues.yaml). htmldate, without its free-text
  search, only fills in when those find nothing.
- decoding and parsing: ours, though trafilatura decodes our UTF-16 and Windows-1258 test pages as
  well: the date rules need the page tree anyway, so the page is decoded (the TXT loader's decoder)
  and parsed once, and trafilatura is handed a copy of that tree.

Scripts are never executed and nothing is fetched: the page is parsed by lxml without network access.
"""

from __future__ import annotations

import copy
import json
import logging
import re
from datetime import date
from functools import cache

import htmldate
import lxml.html
from lxml import etree
from trafilatura import bare_extraction

from pipeline.datafiles import load_data
from pipeline.errors import SetAside
from pipeline.ingest.datelines import find_byline, parse_date_text
from pipeline.ingest.decoding import decode_bytes, sniff_utf16
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
_MIN_ARTICLE = 80  # characters of text below which a page holds no article
# trafilatura's output elements that hold text, and the block kind they become
_TEXT_KINDS = {"p": "paragraph", "head": "heading", "item": "paragraph", "quote": "paragraph",
               "code": "paragraph"}
# trafilatura warns "discarding data" on pages without an article: our set-aside reason says so already
logging.getLogger("trafilatura").setLevel(logging.ERROR)
_NESTED = ("list", "table")  # walked on their own, not as part of the text around them
# trafilatura's settings (links kept only to measure the link share); dates are ours, see above
EXTRACT_OPTIONS = dict(favor_precision=True, with_metadata=True, include_comments=False, include_tables=True,
                       include_images=False, include_links=True, include_formatting=False, deduplicate=False)


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
    article = extract_article(root)
    blocks = article_blocks(article.body)
    if sum(len(normalise_text(b.text)) for b in blocks) < _MIN_ARTICLE:
        raise SetAside("no_article", "the article holds too little text")
    if link_share(article.body) > 0.5:
        raise SetAside("no_article", "the page holds mostly links")
    title = normalise_text(article.title or "") or None
    if title and normalise_text(blocks[0].text) != title:
        blocks.insert(0, RawBlock(text=title, kind="heading"))
    published = find_meta_date(root) or find_byline_date(copy.deepcopy(root), title) or find_htmldate(root)
    return Loaded(blocks=tuple(number_paragraphs(blocks)), title=title, published=published)


def extract_article(root):
    """trafilatura's article (title and body tree) of a parsed page; SetAside when it finds none."""
    article = bare_extraction(copy.deepcopy(root), date_extraction_params={"extensive_search": False},
                              **EXTRACT_OPTIONS)
    if article is None or article.body is None:
        raise SetAside("no_article", "no element holds an article")
    return article


def article_blocks(body) -> list[RawBlock]:
    """Blocks of trafilatura's body tree in reading order: paragraphs (one per line), headings, list
    items and table cells."""
    out: list[RawBlock] = []
    tables = [0]

    def walk(el) -> None:
        for child in el.iterchildren(etree.Element):
            if child.tag == "table":
                out.extend(table_blocks(child, tables[0]))
                tables[0] += 1
                continue
            if child.tag in _TEXT_KINDS:
                out.extend(RawBlock(text=line, kind=_TEXT_KINDS[child.tag]) for line in own_lines(child))
            walk(child)

    walk(body)
    return out


def link_share(body) -> float:
    """The share of the article's characters that are link text (<ref> in trafilatura's tree)."""
    total = len("".join("".join(body.itertext()).split()))
    links = sum(len("".join("".join(ref.itertext()).split())) for ref in body.iter("ref"))
    return links / total if total else 1.0


def own_lines(el) -> list[str]:
    """Lines of an element's own text (<lb/> breaks a line); nested blocks, lists and tables are walked
    on their own."""
    parts = [el.text or ""]
    for child in el.iterchildren():
        if child.tag == "lb":
            parts.append("\n")
        elif isinstance(child.tag, str) and child.tag not in _NESTED and child.tag not in _TEXT_KINDS:
            parts.append("".join(child.itertext()))
        parts.append(child.tail or "")
    return [line for line in "".join(parts).split("\n") if line.strip()]


def table_blocks(table, index: int) -> list[RawBlock]:
    """One block per non-empty cell of trafilatura's <table><row><cell>, with its row and column."""
    blocks = []
    for r, row in enumerate(table.iterchildren("row")):
        for c, cell in enumerate(row.iterchildren("cell")):
            text = " ".join("".join(cell.itertext()).split())
            if text:
                blocks.append(RawBlock(text=text, kind="table_cell", table=index, row=r, col=c))
    return blocks


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


def find_htmldate(root) -> date | None:
    """htmldate's date from markup and URLs only (its free-text search picks up dates of the body)."""
    found = htmldate.find_date(copy.deepcopy(root), extensive_search=False, original_date=True)
    return date.fromisoformat(found) if found else None


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


def find_byline_date(root, title: str | None) -> date | None:
    """A byline date in the lines around the title (bylines sit just above or below it), else at the top
    of the page once its furniture is stripped. Changes `root`."""
    strip_furniture(root)
    body = root.find("body") if root.find("body") is not None else root
    lines = [b.text for b in page_lines(body)]
    start = 0
    if title:
        for i, line in enumerate(lines):
            if normalise_text(line) == title:
                start = max(i - 2, 0)
                break
    hit = find_byline(lines[start:])
    return hit[1] if hit else None


def page_lines(container) -> list[RawBlock]:
    """The text lines of a page in document order (link lists and data tables left out)."""
    out: list[RawBlock] = []
    buf: list[str] = []

    def flush() -> None:
        text = "".join(buf)
        buf.clear()
        out.extend(RawBlock(text=line) for line in text.split("\n") if line.strip())

    def walk(el, top: bool = False, in_text_block: bool = False) -> None:
        if not isinstance(el.tag, str):
            buf.append(el.tail or "")
            return
        tag = el.tag
        if tag == "br":
            # Inside a <p> a <br> is a soft line break; in bare <div> text it separates lines.
            buf.append(" " if in_text_block else "\n")
        elif (tag == "table" and is_data_table(el)) or (tag in _BLOCK_TAGS and not top and is_link_list(el)):
            pass  # data tables, related-article lists and tag clouds hold no byline
        else:
            block = tag in _BLOCK_TAGS
            if block:
                flush()
            buf.append(el.text or "")
            inner = in_text_block or tag in _TEXT_BLOCKS
            for child in el:
                walk(child, in_text_block=inner)
            if block:
                flush()
        if not top:
            buf.append(el.tail or "")

    walk(container, top=True)
    flush()
    return out


def is_data_table(table) -> bool:
    """A table of data, not a layout table wrapping the page (nested tables, headings, long cells)."""
    if any(el is not table for el in table.iter("table", "h1", "h2")):
        return False
    return all(len(cell.text_content()) <= 1000 for cell in table.iter("td", "th"))


def is_link_list(el) -> bool:
    text = el.text_content().strip()
    return bool(text) and link_density(el) > 0.5


def link_density(el) -> float:
    text = len(" ".join(el.text_content().split()))
    if not text:
        return 1.0
    links = sum(len(" ".join(a.text_content().split())) for a in el.iter("a"))
    return min(links / text, 1.0)
