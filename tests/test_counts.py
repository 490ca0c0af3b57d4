"""Counts: number + countable noun, fractions, negatives (labels, dates, percentages), seed gold."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.counts import extract_counts
from extractors.lexicon import load_data

SHARED = Path("/work/shared")


def counts_in(text: str) -> list[tuple[int, int | None, str]]:
    out = []
    for m in extract_counts(text):
        d = m.data
        assert m.label == "count"
        assert text[d["noun_start"]:d["noun_end"]] == d["noun"]
        assert m.start <= d["noun_start"] < d["noun_end"] <= m.end <= len(text)
        out.append((d["value"], d["total"], d["noun"]))
    return out


def test_offsets_of_a_planted_fraction():
    text = "Tại thời điểm kiểm tra có 5/6 công chức trực tiếp nhận hồ sơ (vắng 1 người có lý do)."
    first, second = extract_counts(text)
    assert text[first.start:first.end] == "5/6 công chức"
    assert (first.data["value"], first.data["total"]) == (5, 6)
    assert text[second.start:second.end] == "1 người"
    assert text[second.data["clause_end"]] == ")"


@pytest.mark.parametrize("phrase, value, total, noun", [
    ("1.100 hồ sơ hành chính", 1100, None, "hồ sơ hành chính"),
    ("450 nghìn hồ sơ TTHC", 450000, None, "hồ sơ TTHC"),
    ("07 đơn vị", 7, None, "đơn vị"),
    ("87 các đơn vị", 87, None, "đơn vị"),
    ("12 phòng, ban, đơn vị", 12, None, "phòng, ban, đơn vị"),
    ("19 cán bộ, công chức cấp xã", 19, None, "cán bộ, công chức cấp xã"),
    ("100 cơ quan, đơn vị", 100, None, "cơ quan, đơn vị"),
    ("7/9 hồ sơ", 7, 9, "hồ sơ"),
    ("185/263 công chức", 185, 263, "công chức"),
    ("36 trên tổng số 42 cán bộ", 36, 42, "cán bộ"),
    ("36 cán bộ trên tổng số 42 cán bộ", 36, 42, "cán bộ"),
    ("2 trong số 5 hồ sơ", 2, 5, "hồ sơ"),
    ("4 hồ sơ giải quyết trễ hẹn trên tổng số 120 hồ sơ", 4, 120, "hồ sơ"),
    ("95 hồ sơ bị trễ hạn trong tổng số hơn 2.400 hồ sơ", 95, 2400, "hồ sơ"),
    ("trong năm 1.250 đơn", 1250, None, "đơn"),
    ("hai mươi lăm cán bộ", 25, None, "cán bộ"),
    ("mười hai xã", 12, None, "xã"),
    ("ba trường hợp", 3, None, "trường hợp"),
    ("tổng số 42 cán bộ", 42, None, "cán bộ"),
    ("một công chức địa chính", 1, None, "công chức"),
    ("phát hiện một nhân viên hút thuốc", 1, None, "nhân viên"),
    ("xử lý kỷ luật 5 cán bộ", 5, None, "cán bộ"),
    ("định kỳ 10 trên tổng số 15 kỳ", 10, 15, "kỳ"),
    ("6 bàn làm việc", 6, None, "bàn làm việc"),
    ("213 vụ", 213, None, "vụ"),
    ("56 lượt", 56, None, "lượt"),
    ("214 biên chế công chức", 214, None, "biên chế công chức"),
    ("4/11 ủy viên ban chấp hành", 4, 11, "ủy viên"),
    ("12 thửa đất", 12, None, "thửa đất"),
    ("3/8 ngôi nhà", 3, 8, "ngôi nhà"),
    ("2 chi bộ", 2, None, "chi bộ"),
    ("5.000 tờ gấp", 5000, None, "tờ gấp"),
    ("phê bình 4 chủ tịch cấp xã", 4, None, "chủ tịch cấp xã"),
    ("kết luận 3 cuộc thanh tra", 3, None, "cuộc thanh tra"),  # a label word before "cuộc" labels nothing
    ("đề nghị kiểm điểm 7 trường hợp", 7, None, "trường hợp"),
    ("đoàn chỉ ra 6 vi phạm", 6, None, "vi phạm"),
    ("nêu rõ cả 4 sai phạm", 4, None, "sai phạm"),
    ("không kỷ luật 3 Phó Hiệu trưởng", 3, None, "Phó Hiệu trưởng"),  # people named by their title
    ("kỷ luật 9 Đảng ủy viên", 9, None, "Đảng ủy viên"),
    ("kiểm tra 2 đảng ủy cơ sở", 2, None, "đảng ủy cơ sở"),
    ("có 14 Đảng bộ trực thuộc", 14, None, "Đảng bộ trực thuộc"),
    ("phải thực hiện 53 kết luận thanh tra", 53, None, "kết luận thanh tra"),
    ("có 21/27 việc hoàn thành", 21, 27, "việc"),
    ("kỷ luật 2 nguyên Chủ tịch UBND tỉnh", 2, None, "Chủ tịch"),  # former holders of a title
    ("kỷ luật 3 Phó CT huyện", 3, None, "Phó CT"),
    ("cả 2 ông đều nhận", 2, None, "ông"),
    ("bà A với hai cấp phó chịu trách nhiệm", 2, None, "cấp phó"),
])
def test_count_forms(phrase, value, total, noun):
    assert counts_in(f"Qua kiểm tra, {phrase} được ghi nhận.") == [(value, total, noun)]


@pytest.mark.parametrize("text", [
    "Trưởng Đoàn giám sát số 2 đề nghị",
    "tập trung theo tinh thần “3 rõ”: rõ người",
    "bộ phận 1 cửa các xã",
    "dịch vụ công trực tuyến mức độ 3 đạt hiệu quả",
    "cấp độ 4 hồ sơ",
    "lần thứ 3 cán bộ",
    "100% cán bộ đeo thẻ",
    "95,5% hồ sơ đúng hạn",
    "kiểm tra năm 2019 các xã",
    "Từ năm 2021 đến năm 2023, các cơ quan",
    "nhiệm kỳ 2021 - 2026 tổ chức họp",
    "(giảm 6 đảng viên so với năm trước)",  # a change, not a count
    "số vụ việc tăng 12 vụ so với cùng kỳ",
    "sai phạm trong kỳ thi tuyển sinh 2019 Thông báo của Ủy ban",
    "theo Điều 5 cán bộ, khoản 2 hồ sơ",
    "tại số 12 phố Hàng Bài",
    "lúc 17:30 cán bộ ra về",
    "ngày 7/2 hồ sơ được trả",
    "tháng 2/2022 các xã",
    "một số cán bộ, công chức",
    "một cửa liên thông",
    "một trong những cán bộ",
    "trong năm cơ quan đã",
    "1,5 triệu đồng",
    "Chỉ thị 27 cán bộ",
    "  1. Tiếp tục làm tốt công tác",
    "Ảnh 1. Cán bộ làm việc",
    "gọi 0912.345.678 người nghe",
    "5/3 hồ sơ",
    "một bộ phận cán bộ còn chậm",
    "ông đến nhà một người dân để ăn cỗ",  # "một" before citizens, places, events: the article "a"
    "vào một buổi chiều thứ sáu",
    "tại một xã miền núi",
    "HĐND quận Hai Bà Trưng thành lập",  # a number word in a name
    "Số vụ vi phạm: 0\nUBND xã Hiền Ninh báo cáo",  # a number ending a line does not count the next
    "Đăng ngày: 11-09-2019; 225 lần đọc",  # a page's counters
    "Bài viết có 1.024 lượt xem",
    "xác nhận tại trang 4 giấy chứng nhận",  # a page number
    "bà Lựu phải lên xã đến sáu lần vẫn chưa được cấp giấy",  # how often an action repeats, not a count
    "mức thu cao gấp 3 lần năm trước",  # a multiplier
])
def test_not_counts(text):
    assert counts_in(text) == []


@pytest.mark.parametrize("text, value, total", [
    ("Trong tổng số 48 công chức, người lao động có 45 người đã có mặt.", 45, 48),
    ("Trong tổng số 64 hồ sơ tiếp nhận từ đầu năm 2019, có 9 hồ sơ trễ hạn.", 9, 64),
])
def test_total_first_joins_into_one_count(text, value, total):
    [m] = extract_counts(text)
    assert (m.data["value"], m.data["total"]) == (value, total)
    assert text[m.start:m.end].startswith(str(total)) and text[m.start:m.end].endswith(m.data["noun"])


@pytest.mark.parametrize("text, expected", [
    ("Các hình thức: khiển trách 12; cảnh cáo 4 (20%), cách chức 1.", [(12, None), (4, None), (1, None)]),
    ("Trong kỳ, số hồ sơ giải quyết quá hạn còn 37, chiếm 2%.", [(37, None)]),
    ("Số đơn thư thuộc thẩm quyền của huyện là 18. Đã giải quyết xong.", [(18, None)]),
    ("Lúc 8 giờ, số công chức có mặt là 11/13.", [(11, 13)]),
    ("Các vi phạm: lối sống: 9 (12,5%); tham nhũng: 3 (chiếm 4%).", [(9, None), (3, None)]),
])
def test_noun_before_the_number(text, expected):
    assert [(v, t) for v, t, _ in counts_in(text)] == expected


@pytest.mark.parametrize("text", [
    "Số hồ sơ trễ hạn là 0, đạt yêu cầu.",   # zero records an absence
    "Có 0 hồ sơ trễ hạn.",
    "số hồ sơ đúng hạn là 98,5% tổng số",     # a rate
    "số hồ sơ tồn là 14 ngày trước",           # a word follows: not a bare number
    "Thời hạn: 14 (ngày làm việc)",            # a topic's number needs a share in brackets
])
def test_noun_before_the_number_negatives(text):
    assert all(v != 0 and v not in (98, 14) for v, _, _ in counts_in(text))


def test_part_set_against_its_whole_right_after_it():
    text = "Phường C có 18 công chức nhưng vắng đến 11 người. Phường D có 9 công chức."
    assert [(v, t) for v, t, _ in counts_in(text)] == [(11, 18), (9, None)]
    other_kind = "Phường C có 18 công chức nhưng chỉ giải quyết 11 hồ sơ."  # not a part of the whole
    assert [(v, t) for v, t, _ in counts_in(other_kind)] == [(18, None), (11, None)]
    breakdown = "tiếp nhận 100 hồ sơ, trong đó 5 hồ sơ trễ hạn."  # the gold keeps a breakdown's counts apart
    assert [(v, t) for v, t, _ in counts_in(breakdown)] == [(100, None), (5, None)]


def test_cases_and_their_accused_are_two_counts():
    text = "Công an đã khởi tố 26 vụ/41 bị can về tham nhũng."
    assert [(v, t) for v, t, _ in counts_in(text)] == [(26, None), (41, None)]


def test_headlines_of_other_articles_count_nothing():
    text = ("Đoàn kiểm tra phát hiện 5 cán bộ đi muộn.\nTin khác\n-\nMiền Bắc mưa to, 8 tỉnh cần chú ý\n-\n"
            "Chuyển hồ sơ dự án tới cơ quan điều tra -\nVụ tai nạn khiến 3 người tử vong\nXã hội")
    assert [v for v, _, _ in counts_in(text)] == [5]
    body = "Đoàn kiểm tra 4 đơn vị - 3 xã.\nCó 2 xã chậm."  # a dash inside a line is no list of links
    assert [v for v, _, _ in counts_in(body)] == [4, 3, 2]
    table = "Đơn vị | Hồ sơ | Trễ hạn\nXã A | 24 | -\nXã B | 21 | 1"  # "-" in a cell is empty
    assert [m.data["value"] for m in extract_counts(table)] == [24, 21, 1]


def test_checked_total_stays_a_count():
    text = "Đoàn kiểm tra 30 hồ sơ lưu tại bộ phận một cửa, phát hiện có 8 hồ sơ trễ hẹn."
    assert [(v, t) for v, t, _ in counts_in(text)] == [(30, None), (8, 30)]


def test_a_whole_after_trong_joins_a_part_of_its_kind_standing_alone():
    text = "Trong 30 viên chức bị kỷ luật có 12 người vi phạm về tài chính."
    assert [(v, t) for v, t, _ in counts_in(text)] == [(12, 30)]
    text = "Trong số 6 cuộc thanh tra, có 5 đơn vị vi phạm."  # not of one kind: two counts
    assert [(v, t) for v, t, _ in counts_in(text)] == [(6, None), (5, None)]
    text = "Trong 70 vụ việc có 41 vụ việc thuộc thẩm quyền huyện, 29 vụ việc thuộc thẩm quyền xã."  # a breakdown
    assert [(v, t) for v, t, _ in counts_in(text)] == [(70, None), (41, None), (29, None)]


def test_total_first_needs_the_same_sentence():
    text = "Tổng số 48 công chức. Có 45 người đã có mặt."
    assert [(v, t) for v, t, _ in counts_in(text)] == [(48, None), (45, None)]


def test_rounded_headline_figure_restating_an_exact_one_is_dropped():
    text = "Hơn 300 cán bộ bị nhắc nhở\nNăm qua, đoàn kiểm tra phát hiện 312 cán bộ đi muộn."
    assert [v for v, _, _ in counts_in(text)] == [312]
    assert [v for v, _, _ in counts_in(text.replace("Hơn", "Gần").replace("312", "296"))] == [296]
    kept = "Hơn 300 hồ sơ trễ hạn\nĐoàn kiểm tra phát hiện 312 cán bộ đi muộn."  # another noun
    assert [v for v, _, _ in counts_in(kept)] == [300, 312]
    body = "Tiêu đề\nHơn 300 cán bộ được kiểm tra, 312 cán bộ đạt."  # not the headline
    assert [v for v, _, _ in counts_in(body)] == [300, 312]


def test_table_cells_count_what_the_column_header_names():
    text = ("Kết quả kiểm tra:\n\nSTT | Xã | Tổng số CBCC | Đi muộn | Tỷ lệ (%) | Năm\n"
            "1 | Cẩm Bình | 22 | 0 | 95 | 2023\n2 | Cẩm Vịnh | 21 | 2 | 90 | 2023\n3 | Cẩm Hà | 19 | - | 90 | 2023\n\nHết.")
    got = [(text[m.start:m.end], m.data["value"], m.data["noun"]) for m in extract_counts(text)]
    assert got == [("22", 22, "Tổng số CBCC"), ("21", 21, "Tổng số CBCC"), ("2", 2, "Đi muộn"),
                   ("19", 19, "Tổng số CBCC")]  # a zero cell records an absence, not a count
    m = extract_counts(text)[0]
    assert text[m.data["noun_start"]:m.data["noun_end"]] == "Tổng số CBCC"


def test_single_line_with_cells_is_no_table():
    text = "UBND TỈNH NGHỆ AN Số: 12/BB-ĐKT | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM 2024 | 5"
    assert counts_in(text) == []


def test_calendar_grid_is_not_counts():
    grid = "Tháng 7, 2020\nCN T2 T3 T4 T5 T6 T7\n25 26 27 28 29 30 1\n2 3 4 5 6 7 8\n30 31 1 2 3 4 5"
    assert counts_in(grid) == []


def test_count_nouns_yaml_is_well_formed():
    data = load_data("count_nouns.yaml")
    assert data["version"] == 1
    assert set(data["nouns"]) >= {"people", "units", "records", "events"}
    for key, words in [*data["nouns"].items(), ("modifiers", data["modifiers"]), ("fillers", data["fillers"]),
                       ("blockers", data["preceded_by_blockers"]), ("exceptions", data["blocker_exceptions"]),
                       ("links", data["total_links"]), ("not_counts", data["not_counts"]),
                       ("total_first", data["total_first"]), ("part_cues", data["part_cues"]),
                       ("headers", data["table_non_count_headers"]), ("page_counters", data["page_counters"]),
                       ("part_links", data["part_links"])]:
        assert isinstance(words, list) and words and all(isinstance(w, str) and w.strip() for w in words), key
    assert all(isinstance(v, list) for v in data["ambiguous_number_words"].values())
    assert isinstance(data["clause_end_chars"], str) and "." in data["clause_end_chars"]
    # A number word must never be a noun, or "năm năm" would count itself.
    nouns = {w.lower() for group in data["nouns"].values() for w in group}
    assert not nouns & {"năm", "hai", "ba", "một", "số", "cửa"}
    # A noun listed twice in different kinds would make a part's kind ambiguous.
    listed = [w.lower() for group in data["nouns"].values() for w in set(group)]
    assert len(listed) == len(set(listed))


def _seed_cases():
    return sorted((SHARED / "gold").glob("*.json")) if (SHARED / "gold").is_dir() else []


@pytest.mark.skipif(not _seed_cases(), reason="shared seeds not available")
@pytest.mark.parametrize("gold_path", _seed_cases(), ids=lambda p: p.stem[:3])
def test_seed_counts_match_gold(gold_path):
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    text = (SHARED / "seeds" / f"{gold_path.stem}.txt").read_text(encoding="utf-8")
    found = {(v, t) for v, t, _ in counts_in(text)}
    assert found == {(c["value"], c.get("total")) for c in gold["counts"]}


_TOKENS = ["5/6", "1.100", "07", "hai", "mươi", "lăm", "một", "năm", "số", "cán bộ", "công chức", ",", "và",
           "hồ sơ", "trên tổng số", "42", "%", "ngày", "7/2", "\n", "các", "đơn vị", "nghìn", "2023", "|",
           "\n\n", "trong tổng số", "có"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_TOKENS), st.text(max_size=6)), max_size=30))
def test_never_raises_and_spans_are_inside(tokens):
    text = " ".join(tokens)
    for m in extract_counts(text):
        assert 0 <= m.start < m.end <= len(text)
        assert isinstance(m.data["value"], int)
        assert m.data["total"] is None or m.data["total"] >= m.data["value"]
        assert m.data["noun_end"] <= m.data["clause_end"] <= len(text)


@pytest.mark.parametrize("text", [
    "Theo lãnh đạo huyện, ông H là một cán bộ trẻ, được luân chuyển về xã.",
    "Sau đó, một người phụ nữ di chuyển lại chiếc xe.",
])
def test_the_article_mot_is_no_count(text):
    assert [c.data["value"] for c in extract_counts(text)] == []
