"""Block normalisation (NFC, tone placement, whitespace) and assembly with exact offsets."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.ingest.normalise import assemble, join_lines, normalise_text
from pipeline.ingest.record import RawBlock


@pytest.mark.parametrize("old, new", [
    ("hoà", "hòa"), ("thuỷ", "thủy"), ("khoẻ", "khỏe"), ("hoá", "hóa"), ("uý", "úy"), ("Uỷ ban", "Ủy ban"),
    ("HOÀ BÌNH", "HÒA BÌNH"), ("THUỶ", "THỦY"), ("Thuý", "Thúy"), ("toạ đàm", "tọa đàm"), ("xoã", "xõa"),
    ("hoè", "hòe"), ("loè", "lòe"), ("tuỳ", "tùy"), ("huỷ", "hủy"), ("luỹ", "lũy"), ("oà", "òa"),
    ("Khoẻ mạnh, thuỷ lợi.", "Khỏe mạnh, thủy lợi."),
])
def test_old_tone_placement_becomes_modern(old, new):
    assert normalise_text(old) == new


@pytest.mark.parametrize("word", [
    "quý", "Quý", "QUÝ", "quỳ", "quá", "giá", "già", "hoàng", "khuyết", "ngoài", "ngoáy", "thuở", "Khuê",
    "huỳnh", "hòa", "thủy", "quà", "quyết", "tuyển", "giữa", "hoạch", "oai",
])
def test_words_whose_tone_is_already_in_place_are_untouched(word):
    assert normalise_text(word) == word


def test_decomposed_input_is_composed():
    decomposed = unicodedata.normalize("NFD", "Cộng hòa xã hội")
    assert normalise_text(decomposed) == "Cộng hòa xã hội"
    # cp1258-style: base letter + combining tone, old placement
    assert normalise_text("thuy\u0309") == "thủy"


def test_whitespace_and_invisible_characters():
    raw = " \tĐoàn\u00a0 kiểm\u200b tra\r\n công\u2003vụ\u00ad\x00\x07 \ufeff"
    assert normalise_text(raw) == "Đoàn kiểm tra công vụ"
    assert normalise_text("\u200b\u200c\x00  ") == ""


def test_assemble_joins_paragraphs_and_table_rows_with_exact_offsets():
    raw = [
        RawBlock("  Kiểm tra công vụ  ", kind="heading", paragraph=0),
        RawBlock("\u200b", paragraph=1),  # empty after normalising: dropped
        RawBlock("Đoàn kiểm tra hoà nhã.", paragraph=2),
        RawBlock("Đơn vị", kind="table_cell", table=0, row=0, col=0),
        RawBlock("Số hồ sơ", kind="table_cell", table=0, row=0, col=1),
        RawBlock("Sở A", kind="table_cell", table=0, row=1, col=0),
        RawBlock("12", kind="table_cell", table=0, row=1, col=1),
        RawBlock("Kết thúc.", paragraph=3, page=2),
    ]
    text, blocks = assemble(raw)
    assert text == ("Kiểm tra công vụ\n\nĐoàn kiểm tra hòa nhã.\n\nĐơn vị | Số hồ sơ\nSở A | 12"
                    "\n\nKết thúc.")
    assert [text[b.start:b.end] for b in blocks] == [
        "Kiểm tra công vụ", "Đoàn kiểm tra hòa nhã.", "Đơn vị", "Số hồ sơ", "Sở A", "12", "Kết thúc."]
    cell = blocks[5]
    assert (cell.kind, cell.table, cell.row, cell.col) == ("table_cell", 0, 1, 1)
    assert blocks[0].kind == "heading" and blocks[-1].page == 2 and blocks[-1].paragraph == 3


def test_assemble_of_nothing():
    assert assemble([]) == ("", [])


@pytest.mark.parametrize("lines, joined", [
    (["Đoàn kiểm tra đã làm", "việc với Sở."], "Đoàn kiểm tra đã làm việc với Sở."),
    (["công chức viên chức chuyên ngh-", "iệp hóa"], "công chức viên chức chuyên nghiệp hóa"),
    (["kiểm tra hành chín\u00ad", "h công vụ"], "kiểm tra hành chính công vụ"),
    (["Độc lập -", "Tự do"], "Độc lập - Tự do"),  # a dash after a space is punctuation
    (["Số: 12/BB-", "ĐKT"], "Số: 12/BB- ĐKT"),  # capital after the hyphen: not a broken word
    (["a", "", "  b  "], "a b"),
])
def test_join_lines(lines, joined):
    assert join_lines(lines) == joined


# --- properties ------------------------------------------------------------------------------

VIET = "aăâeêioôơuưyđAĂÂEÊIOÔƠUƯYĐàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
text_strategy = st.text(
    alphabet=st.one_of(
        st.sampled_from(VIET + "qghkntbc  .,-|\n\t\u00a0\u200b\x00\ufeff\u00ad"),
        st.sampled_from("\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b"),
        st.characters(codec="utf-8"),
    ),
    max_size=40,
)
kinds = st.sampled_from(["paragraph", "heading", "table_cell"])
raw_block = st.builds(RawBlock, text=text_strategy, kind=kinds,
                      table=st.integers(0, 2), row=st.integers(0, 2), col=st.integers(0, 3))


@settings(max_examples=300, deadline=None)
@given(text_strategy)
def test_normalise_text_is_idempotent_and_nfc(text):
    once = normalise_text(text)
    assert normalise_text(once) == once
    assert unicodedata.is_normalized("NFC", once)
    assert once == once.strip() and "  " not in once and "\n" not in once


@settings(max_examples=200, deadline=None)
@given(st.lists(raw_block, max_size=12))
def test_assembled_offsets_point_at_each_normalised_block(raws):
    text, blocks = assemble(raws)
    expected = [normalise_text(r.text) for r in raws if normalise_text(r.text)]
    assert [text[b.start:b.end] for b in blocks] == expected
    assert all(a.end < b.start for a, b in zip(blocks, blocks[1:]))  # ordered, separated
    assert not text or (blocks[0].start == 0 and blocks[-1].end == len(text))
