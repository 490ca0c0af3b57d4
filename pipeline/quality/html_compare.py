"""Old and new HTML loaders on every HTML page we hold, scored against the article each page carries.

    python -m pipeline.quality.html_compare [--json FILE]

Pages: corpora/sample/*.html (article = title and body of corpora/source/<stem>.yaml), corpora/bad/
menu_only.html (no article: must be set aside) and tests/data/html_portals/*.html (expected.yaml).
Per page: text F1 over word tokens (multiset, title included), title exact, date exact, milliseconds.
The loaders compared: `density` (our former text-density picker, pipeline/quality/html_density.py),
`trafilatura` (trafilatura and htmldate alone, as configured by the loader) and `loader`
(pipeline/ingest/loaders/html.py: what the pipeline uses). Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from pipeline.errors import SetAside
from pipeline.ingest.limits import Limits
from pipeline.ingest.load import build_document
from pipeline.ingest.normalise import normalise_text
from pipeline.ingest.record import Loaded, RawBlock

ROOT = Path(__file__).resolve().parents[2]
PORTALS = ROOT / "tests" / "data" / "html_portals"
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Page:
    name: str
    path: Path
    title: str | None  # None: the page holds no article
    published: date | None
    text: str


def collect_pages() -> list[Page]:
    """Every HTML page of the corpora and the portal test corpus, with its expected article."""
    pages = []
    for path in sorted((ROOT / "corpora" / "sample").glob("*.html")):
        source = yaml.safe_load((ROOT / "corpora" / "source" / f"{path.stem}.yaml").read_text(encoding="utf-8"))
        pages.append(_page(path, source["title"], source.get("published"), source["body"]))
    pages.append(Page("bad/menu_only", ROOT / "corpora" / "bad" / "menu_only.html", None, None, ""))
    expected = yaml.safe_load((PORTALS / "expected.yaml").read_text(encoding="utf-8"))
    for name, item in expected.items():
        pages.append(_page(PORTALS / f"{name}.html", item["title"], item.get("published"), item["body"]))
    return pages


def _page(path: Path, title: str, published, body: list) -> Page:
    parts = [title]
    for item in body:
        if isinstance(item, str):
            parts.append(item)
        elif "heading" in item:
            parts.append(item["heading"])
        else:
            parts.extend(cell for row in item["table"] for cell in row)
    day = date.fromisoformat(str(published)) if published else None
    return Page(f"{path.parent.name}/{path.stem}", path, title, day, "\n".join(parts))


def token_counts(text: str) -> Counter:
    return Counter(_WORD.findall(normalise_text(text)))


def score_text(expected: str, got: str) -> tuple[int, int, int]:
    """(matched, expected, got) word tokens."""
    want, have = token_counts(expected), token_counts(got)
    return sum((want & have).values()), sum(want.values()), sum(have.values())


def f1(matched: int, expected: int, got: int) -> float:
    if not expected and not got:
        return 1.0
    return 2 * matched / (expected + got) if expected + got else 0.0


Loader = Callable[[bytes, Limits], Loaded]


def run_page(page: Page, load: Loader, limits: Limits) -> dict:
    """One loader on one page: the Document the pipeline would build, scored."""
    data = page.path.read_bytes()
    started = time.perf_counter()
    try:
        doc = build_document(load(data, limits), data, "html", page.name, limits)
    except SetAside as exc:
        doc, reason = None, exc.code
    ms = (time.perf_counter() - started) * 1000
    if page.title is None:  # a page without an article: right when set aside
        ok = doc is None
        return {"matched": 0, "expected": 0, "got": 0 if ok else len(token_counts(doc.text)),
                "f1": 1.0 if ok else 0.0, "title": ok, "date": ok, "ms": ms}
    if doc is None:
        return {"matched": 0, "expected": sum(token_counts(page.text).values()), "got": 0, "f1": 0.0,
                "title": False, "date": False, "ms": ms, "set_aside": reason}
    matched, expected, got = score_text(page.text, doc.text)
    return {"matched": matched, "expected": expected, "got": got, "f1": f1(matched, expected, got),
            "title": normalise_text(doc.title or "") == normalise_text(page.title),
            "date": doc.published == page.published, "ms": ms}


def trafilatura_alone(data: bytes, limits: Limits) -> Loaded:
    """trafilatura's text, title and date (htmldate with its default, extensive search); of ours only the
    decoding, the block map and the document assembly every loader goes through."""
    from trafilatura import bare_extraction

    from pipeline.ingest.loaders.html import (EXTRACT_OPTIONS, article_blocks, decode_html, number_paragraphs,
                                              parse_html)

    article = bare_extraction(parse_html(decode_html(data)), **EXTRACT_OPTIONS)
    if article is None or article.body is None:
        raise SetAside("no_article", "trafilatura found no article")
    blocks = article_blocks(article.body)
    if article.title and (not blocks or normalise_text(blocks[0].text) != normalise_text(article.title)):
        blocks.insert(0, RawBlock(article.title, "heading"))
    published = date.fromisoformat(article.date) if article.date else None
    return Loaded(blocks=tuple(number_paragraphs(blocks)), title=article.title, published=published)


def loaders() -> dict[str, Loader]:
    from pipeline.ingest.loaders import html
    from pipeline.quality import html_density

    return {"density": html_density.load, "trafilatura": trafilatura_alone, "loader": html.load}


def compare(pages: list[Page] | None = None) -> dict:
    """Per page and per loader scores, and totals per loader over all pages and per folder."""
    pages = pages or collect_pages()
    limits = Limits()
    results = {}
    for name, load in loaders().items():
        run_page(pages[0], load, limits)  # warm-up: imports and first-call costs stay out of the timings
        results[name] = {p.name: run_page(p, load, limits) for p in pages}
    groups = {"all": [p.name for p in pages]}
    for p in pages:
        groups.setdefault(p.name.split("/")[0], []).append(p.name)
    totals = {group: {name: summarise([rows[n] for n in names]) for name, rows in results.items()}
              for group, names in groups.items()}
    return {"pages": results, "totals": totals}


def summarise(rows: list[dict]) -> dict:
    m, e, g = (sum(r[k] for r in rows) for k in ("matched", "expected", "got"))
    return {"pages": len(rows), "text_precision": m / g if g else 0.0, "text_recall": m / e if e else 0.0,
            "text_f1": f1(m, e, g), "mean_page_f1": sum(r["f1"] for r in rows) / len(rows),
            "titles": sum(r["title"] for r in rows), "dates": sum(r["date"] for r in rows),
            "ms": sum(r["ms"] for r in rows)}


def format_report(report: dict) -> str:
    names = list(report["pages"])
    head = f"{'page':34}" + "".join(f" | {n:^22}" for n in names)
    sub = f"{'':34}" + " | F1    title date   ms " * len(names)
    lines = [head, sub]
    for page in next(iter(report["pages"].values())):
        row = f"{page[:34]:34}"
        for n in names:
            r = report["pages"][n][page]
            row += f" | {r['f1']:.3f}  {'ok' if r['title'] else '--':^5} {'ok' if r['date'] else '--':^4} {r['ms']:5.1f}"
        lines.append(row)
    for group, totals in report["totals"].items():
        lines.append(f"\n{group}:")
        for n, t in totals.items():
            lines.append(f"  {n:12} text P {t['text_precision']:.3f} R {t['text_recall']:.3f} "
                         f"F1 {t['text_f1']:.3f} (mean per page {t['mean_page_f1']:.3f}); titles {t['titles']}/"
                         f"{t['pages']}, dates {t['dates']}/{t['pages']}; {t['ms'] / t['pages']:.1f} ms a page")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.quality.html_compare", description=__doc__.split("\n")[0])
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the figures as JSON")
    args = parser.parse_args(argv)
    report = compare()
    print(format_report(report))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
