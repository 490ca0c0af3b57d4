"""The review workbench in a real browser: Debian's Chromium driven by Playwright, against the app served
by uvicorn on loopback over a register built from corpora/sample (plus one hostile report).

Set FINDINGS_REVIEW_SCREENSHOTS=DIR to keep screenshots of the three main pages (the README's come from it).
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pipeline.cli import main as findings_main  # noqa: E402
from pipeline.register import open_register  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
HOSTILE = """<script>window.__pwned = 1; alert("title")</script> Kiểm tra công vụ tại UBND xã Hòa Bình

Ngày 12/3/2024, Đoàn kiểm tra công vụ tỉnh Nghệ An kiểm tra đột xuất tại UBND xã Hòa Bình, huyện Nghi Lộc.
<img src=x onerror="window.__pwned = 2; alert('img')"> <a href="javascript:window.__pwned=3">bấm vào đây</a>
Kết quả: phát hiện 2 công chức không đeo thẻ công chức <b onmouseover="window.__pwned=4">khi làm việc</b>.
<iframe src="javascript:parent.__pwned=5"></iframe><svg onload="window.__pwned=6"></svg>
Đoàn đề nghị UBND xã chấn chỉnh kỷ luật, kỷ cương hành chính.
"""

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed")


@pytest.fixture(scope="module")
def workbench(tmp_path_factory):
    """(base URL, register URL, work dir): the sample corpus and the hostile report, extracted and loaded."""
    work = tmp_path_factory.mktemp("review")
    hostile = work / "hostile.txt"
    hostile.write_text(HOSTILE, encoding="utf-8")
    assert findings_main(["extract", str(ROOT / "corpora" / "sample"), str(hostile), "--out", str(work / "out")]) == 0
    url = f"sqlite:///{work / 'register.sqlite'}"
    assert findings_main(["register", "load", str(work / "out"), "--db", url]) == 0

    import uvicorn

    from pipeline.review.app import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(url, reviewer="Lan"), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", url, work
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser_page():
    from playwright.sync_api import sync_playwright

    profile = tempfile.mkdtemp(prefix="findings-chromium-")
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(profile, executable_path=CHROMIUM, args=ARGS, headless=True,
                                                       viewport={"width": 1400, "height": 900})
        page = context.new_page()
        page.dialogs = []
        page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
        yield page
        context.close()
    shutil.rmtree(profile, ignore_errors=True)


def document_id(db_url: str, stem: str) -> str:
    with open_register(db_url) as reg:
        (doc,) = reg.db.fetch_one("SELECT document_id FROM document_versions WHERE source_uri LIKE ?", (f"%{stem}%",))
    return doc


def screenshot(page, name: str) -> None:
    target = os.environ.get("FINDINGS_REVIEW_SCREENSHOTS")
    if target:
        Path(target).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(target) / name))


SEGMENT_STATE = """ref => {
  const seg = [...document.querySelectorAll('#text .seg')].find(s => s.dataset.refs.split(' ').includes(ref));
  const box = seg.getBoundingClientRect(), pane = document.getElementById('text').getBoundingClientRect();
  return {flash: seg.classList.contains('flash'), kind: seg.className,
          visible: box.top >= pane.top && box.bottom <= pane.bottom && box.bottom <= innerHeight};
}"""


def test_overview_shows_charts_and_the_documents(workbench, browser_page):
    base, _, _ = workbench
    page = browser_page
    page.goto(base + "/")
    assert page.locator("figure.chart svg").count() == 3
    assert "42 documents" in page.locator(".totals").inner_text()
    assert page.locator("table.docs tbody tr").count() == 42
    screenshot(page, "review-overview.png")
    page.select_option("select[name=province]", "Nghệ An")
    page.click("form.filters button")
    assert "province=Ngh" in page.url
    assert 0 < page.locator("table.docs tbody tr").count() < 42


def test_clicking_a_finding_scrolls_to_its_span_and_flashes_it(workbench, browser_page):
    base, db_url, _ = workbench
    page = browser_page
    page.goto(f"{base}/documents/{document_id(db_url, 'd01_nghean')}")
    last = page.locator("li.item", has=page.locator("button.goto.k-compliant")).last
    ref = last.get_attribute("data-ref")
    assert not page.evaluate(SEGMENT_STATE, ref)["visible"]  # far down the text at first
    last.locator("button.goto").click()
    state = page.evaluate(SEGMENT_STATE, ref)
    assert state["flash"] and state["visible"] and "k-compliant" in state["kind"]
    screenshot(page, "review-document.png")


def test_reject_an_item_and_add_one_by_selecting_text(workbench, browser_page):
    base, db_url, _ = workbench
    page = browser_page
    doc = document_id(db_url, "d01_nghean")
    page.goto(f"{base}/documents/{doc}")
    badge = page.locator("li.item").filter(has=page.locator("button.goto.k-violation")).filter(
        has=page.locator("span.label", has_text=re.compile(r"^no_badge")))
    ref = badge.get_attribute("data-ref")
    badge.get_by_role("button", name="Reject").click()
    page.wait_for_load_state()
    assert "rejected" in page.locator(f"[id='item-{ref}']").get_attribute("class")

    chosen = "Văn phòng - Thống kê"
    page.evaluate("""chosen => {
      const walker = document.createTreeWalker(document.getElementById('text'), NodeFilter.SHOW_TEXT);
      let node;
      while ((node = walker.nextNode()) && node.data.indexOf(chosen) < 0) {}
      const range = document.createRange(), at = node.data.indexOf(chosen);
      range.setStart(node, at);
      range.setEnd(node, at + chosen.length);
      getSelection().removeAllRanges();
      getSelection().addRange(range);
      document.getElementById('text').dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
    }""", chosen)
    form = page.locator("#add-form")
    assert form.is_visible() and form.locator(".chosen").inner_text() == chosen
    form.locator("select[name=kind]").select_option("inspected")
    form.get_by_role("button", name="Add item").click()
    page.wait_for_load_state()
    added = page.locator("li.item.added")
    assert added.count() == 1 and chosen in added.inner_text()
    with open_register(db_url) as reg:
        text = reg.db.fetch_one("SELECT payload FROM document_versions WHERE document_id = ?", (doc,))[0]
        detail = reg.db.fetch_one("SELECT detail, reviewer FROM review_corrections WHERE action = 'add'")
    import json

    span = json.loads(detail[0])["item"]["spans"][0]
    assert json.loads(text)["text"][span[0]:span[1]] == chosen and detail[1] == "Lan"
    assert "k-inspected" in page.evaluate(SEGMENT_STATE, added.get_attribute("data-ref"))["kind"]
    page.click("#mark-reviewed")
    page.wait_for_load_state()
    assert page.locator(".review-state .state").inner_text() == "reviewed"


def test_export_gold_then_eval_shows_the_corrections(workbench, capsys):
    _, db_url, work = workbench
    gold = work / "gold"
    assert findings_main(["review", "export-gold", str(gold), "--db", db_url]) == 0
    [gold_file] = list(gold.glob("*.json"))
    assert gold_file.with_suffix(".txt").is_file()
    capsys.readouterr()
    assert findings_main(["eval", str(gold)]) == 0
    out = capsys.readouterr().out
    assert re.search(r"violations \+: .*no_badge", out)  # the extractor still finds what the analyst rejected
    assert re.search(r"units −: .*Văn phòng - Thống kê", out)  # and misses what the analyst added


def test_what_changed_after_a_reprocess(workbench, browser_page):
    """A second extractor version of one document: the run page and the side-by-side diff."""
    import json

    base, db_url, work = workbench
    doc = document_id(db_url, "d02_bacgiang")
    with open_register(db_url) as reg:
        output = json.loads(reg.payload(doc))
        output["extractor"]["version"] = "9.0.0"
        output["findings"][0]["status"] = "compliant" if output["findings"][0]["status"] == "violation" else "violation"
        removed = output["findings"].pop()
        run_id = reg.start_run("reprocess", {"extractor_version": "9.0.0"})
        reg.record_document(output, run_id=run_id)
        reg.finish_run(run_id, {})
    page = browser_page
    page.goto(f"{base}/runs")
    page.locator(f"a[href='/runs/{run_id}']").click()
    assert "1 documents whose findings changed" in page.locator(".totals").inner_text()
    assert page.locator("table.codes tbody tr").count() >= 2
    page.locator("table.docs a", has_text="→").click()
    rows = page.locator("table.diff tbody tr")
    assert page.locator("tr.removed", has_text=removed["code"]).count() == 1
    assert page.locator("tr.changed", has_text="status").count() == 1
    assert rows.count() == 2
    screenshot(page, "review-changes.png")


def test_a_hostile_document_executes_nothing(workbench, browser_page):
    base, db_url, _ = workbench
    page = browser_page
    page.dialogs.clear()
    page.goto(base + "/")
    page.goto(f"{base}/documents/{document_id(db_url, 'hostile')}")
    page.hover("#text")
    page.locator("#text").click()
    text = page.locator("#text").inner_text()
    assert "<script>" in text and "onerror=" in text and 'href="javascript:' in text
    assert page.locator("#text script, #text img, #text a, #text iframe, #text svg, #text b").count() == 0
    assert page.locator("main script, main img, main iframe").count() == 0
    assert page.evaluate("window.__pwned") is None and page.evaluate("parent.__pwned") is None
    assert page.dialogs == []
