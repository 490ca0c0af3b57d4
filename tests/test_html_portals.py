"""The HTML loader on the portal test corpus (tests/data/html_portals) and every HTML page of the corpora:
floors under today's figures (README, "HTML pages"), and the block map of trafilatura's output."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline.ingest.limits import Limits
from pipeline.ingest.loaders import html
from pipeline.quality.html_compare import PORTALS, collect_pages, run_page, summarise

LIMITS = Limits()


@pytest.fixture(scope="module")
def scores() -> dict[str, dict]:
    return {page.name: run_page(page, html.load, LIMITS) for page in collect_pages()}


def test_every_portal_page_has_its_expected_article():
    import yaml

    expected = yaml.safe_load((PORTALS / "expected.yaml").read_text(encoding="utf-8"))
    assert sorted(expected) == sorted(p.stem for p in PORTALS.glob("*.html"))
    assert len(expected) >= 20
    for item in expected.values():
        assert item["title"] and item["body"] and date.fromisoformat(str(item["published"]))


def test_loader_floors(scores):
    total = summarise(list(scores.values()))
    assert total["pages"] == 40
    assert total["text_f1"] >= 0.97 and total["titles"] >= 35 and total["dates"] >= 38
    assert all(r["f1"] == 1.0 and r["title"] and r["date"] for name, r in scores.items()
               if not name.startswith("html_portals/"))  # sample pages and the menu-only page
    assert min(r["f1"] for r in scores.values()) >= 0.7  # no article lost whole


def blocks_of(name: str):
    return html.load((PORTALS / f"{name}.html").read_bytes(), LIMITS)


def test_table_cells_keep_row_and_column():
    loaded = blocks_of("p08_bang_ketqua")
    cells = [(b.text, b.table, b.row, b.col) for b in loaded.blocks if b.kind == "table_cell"]
    assert cells[:4] == [("Đơn vị", 0, 0, 0), ("Số CBCC", 0, 0, 1), ("Vắng không lý do", 0, 0, 2),
                         ("Hồ sơ trễ hạn", 0, 0, 3)]
    assert cells[-1] == ("1", 0, 4, 3) and len(cells) == 20
    paragraphs = [b for b in loaded.blocks if b.kind != "table_cell"]
    assert [b.paragraph for b in paragraphs] == list(range(len(paragraphs)))
    assert loaded.published == date(2024, 6, 21)


def test_headings_list_items_and_line_breaks():
    loaded = blocks_of("p21_tieude_phu")
    assert [b.text for b in loaded.blocks if b.kind == "heading"] == [
        "Kết luận thanh tra công vụ tại Sở Giao thông vận tải", "Kết quả đạt được", "Tồn tại, hạn chế", "Kiến nghị"]
    items = [b.text for b in blocks_of("p20_danh_sach").blocks]
    assert "Kho lưu trữ tại 2 đơn vị chưa bảo đảm điều kiện phòng cháy, chữa cháy;" in items
    assert not any("Hướng dẫn lập hồ sơ điện tử" in t for t in items)  # the related list stays out
    br = [b.text for b in blocks_of("p14_div_br").blocks]
    assert len(br) == 5 and br[2].startswith("Tại Trung tâm Y tế huyện")  # <br><br> separates paragraphs


def test_comments_and_menus_stay_out():
    texts = " ".join(b.text for b in blocks_of("p09_binhluan_dai").blocks)
    assert "Đoàn đề nghị UBND xã tăng cường phối hợp" in texts
    assert "biên lai" not in texts and "Trang chủ" not in texts


def test_nested_blocks_are_read_once():
    quote = ("<html><body><article><h1>Kết luận thanh tra tại xã Hòa Phong</h1><p>Thanh tra huyện đã công bố kết luận "
             "thanh tra tại UBND xã Hòa Phong, huyện Hòa Vang, với nhiều nội dung cần chấn chỉnh.</p><blockquote>"
             "<p>Đề nghị UBND xã kiểm điểm trách nhiệm của công chức địa chính và kế toán xã để xảy ra sai sót.</p>"
             "<p>Báo cáo kết quả khắc phục trước ngày 30/6/2024 về Thanh tra huyện.</p></blockquote></article>"
             "</body></html>")
    texts = [b.text for b in html.load(quote.encode(), LIMITS).blocks]
    assert sum("kiểm điểm trách nhiệm" in t for t in texts) == 1 and sum("Báo cáo kết quả" in t for t in texts) == 1
