"""Date grammar: planted phrases with exact offsets, roles, negatives, seed gold, robustness."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.dates import ROLES, extract_dates, find_date_spans
from extractors.lexicon import load_data

PUB = dt.date(2022, 2, 12)
SHARED = Path("/work/shared")


def dates_in(sentence: str, published: dt.date | None = PUB) -> list[tuple[str, str | None, str]]:
    """(surface, value, role) of every date, checking each span against the text."""
    out = []
    for m in extract_dates(sentence, published):
        assert m.label == "date"
        assert sentence[m.start:m.end] == m.data["text"]
        out.append((m.data["text"], m.data["value"], m.data["role"]))
    return out


def test_offsets_of_a_planted_date():
    text = "Sáng nay, Đoàn đã làm việc. Ngày 12/02/2022 Đoàn kiểm tra Sở Nội vụ."
    [m] = extract_dates(text, None)
    assert (m.start, m.end) == (text.index("Ngày 12"), text.index(" Đoàn kiểm"))
    assert m.data == {"value": "2022-02-12", "text": "Ngày 12/02/2022", "role": "inspection"}


@pytest.mark.parametrize("phrase, value", [
    ("ngày 12/02/2022", "2022-02-12"),
    ("ngày 02 tháng 8 năm 2023", "2023-08-02"),
    ("ngày 5 tháng 9, năm 2024", "2024-09-05"),
    ("ngày 4/3/2023", "2023-03-04"),
    ("ngày 04.3.2023", "2023-03-04"),
    ("ngày 4-3-2023", "2023-03-04"),
    ("ngày 4-3", "2022-03-04"),
    ("sáng 11/2", "2022-02-11"),
    ("chiều ngày 5/3", "2022-03-05"),
    ("ngày 25/4", "2022-04-25"),
    ("ngày 29/2/2024", "2024-02-29"),
    ("ngày18/5/2021", "2021-05-18"),          # no space after "ngày"
    ("ngày 6.3", "2022-03-06"),               # dotted day and month after a day word
    ("ngày 9 tháng 10, 2021", "2021-10-09"),  # year after a comma
])
def test_single_date_forms(phrase, value):
    text = f"Theo báo cáo, {phrase}, đơn vị đã tiếp nhận hồ sơ."
    assert [(s, v) for s, v, _ in dates_in(text)] == [(phrase, value)]


def test_year_comes_only_from_published():
    text = "Theo báo cáo, ngày 25/4, Đoàn giám sát đã làm việc với huyện."
    assert dates_in(text, None) == [("ngày 25/4", None, "inspection")]
    assert dates_in(text, dt.date(2024, 5, 1)) == [("ngày 25/4", "2024-04-25", "inspection")]


def test_calendar_widget_above_the_headline_is_no_date():
    text = "Hà Nội, ngày 07-12-2019\n\nHĐND huyện tổ chức 11 cuộc giám sát năm 2019\nNgày 16/7/2019, đoàn làm việc."
    assert [v for _, v, _ in dates_in(text, None)] == ["2019-07-16"]
    minutes = "Hà Nội, ngày 05 tháng 9 năm 2024\nBIÊN BẢN kiểm tra"  # a minutes' place-date line stays
    assert [v for _, v, _ in dates_in(minutes, None)] == ["2024-09-05"]


def test_range_back_fills_year_from_its_end():
    text = "Tính từ ngày 7/2 đến sáng 11/2/2022, Sở đã tiếp nhận 1.100 hồ sơ."
    assert dates_in(text, None) == [
        ("ngày 7/2", "2022-02-07", "period_start"),
        ("sáng 11/2/2022", "2022-02-11", "period_end"),
    ]


def test_range_glued_to_its_connector():
    text = "Kết quả từ ngày 21/7đến 20/8/2021 tại bộ phận một cửa."  # words glued by a PDF's text layer
    assert [v for _, v, _ in dates_in(text, None)] == ["2021-07-21", "2021-08-20"]


def test_a_day_and_month_touching_the_full_date_that_closes_their_range():
    text = "Chỉ trong đợt từ ngày 4/3-19/5/2024, xã nhận 210 hồ sơ."
    assert [(v, r) for _, v, r in dates_in(text, None)] == [("2024-03-04", "period_start"),
                                                            ("2024-05-19", "period_end")]
    assert dates_in("Tỷ lệ 3/8-5/9 công chức.", None) == []  # no full date closes them: shares, not days


def test_range_across_new_year_starts_the_year_before():
    text = "Từ 25/12 đến 5/1/2023 Đoàn đã kiểm tra."
    assert [v for _, v, _ in dates_in(text, None)] == ["2022-12-25", "2023-01-05"]


@pytest.mark.parametrize("text, values", [
    ("Từ ngày 7/2 đến 11/2 Đoàn làm việc.", ["2022-02-07", "2022-02-11"]),
    ("Ngày 7/2 và 8/2 Đoàn làm việc.", ["2022-02-07", "2022-02-08"]),
    ("Ngày 7/2, 8/2 và 9/2/2021 Đoàn làm việc.", ["2021-02-07", "2021-02-08", "2021-02-09"]),
    ("Từ 7/2/2021 đến 11/2 Đoàn làm việc.", ["2021-02-07", "2021-02-11"]),
    ("Ngày 10/2, 5/6 công chức có mặt.", ["2022-02-10"]),
])
def test_linked_dates_share_acceptance_and_year(text, values):
    assert [v for _, v, _ in dates_in(text)] == values


def test_day_list_gives_one_date_per_day():
    text = "Trong các ngày 02, 03 tháng 8 năm 2023, Sở Nội vụ đã tổ chức Đoàn Kiểm tra."
    phrase = "các ngày 02, 03 tháng 8 năm 2023"
    assert dates_in(text, None) == [(phrase, "2023-08-02", "inspection"), (phrase, "2023-08-03", "inspection")]


def test_day_range_inside_one_phrase():
    text = "Đoàn kiểm tra làm việc từ ngày 28 - 3/3/2022 tại huyện."
    assert [(v, r) for _, v, r in dates_in(text)] == [("2022-02-28", "period_start"), ("2022-03-03", "period_end")]


@pytest.mark.parametrize("text, values", [
    ("Thanh tra giai đoạn 1/7/2019-30/6/2021 tại huyện.", ["2019-07-01", "2021-06-30"]),
    ("Từ ngày 2-5 đến ngày 15-8, bộ phận tiếp nhận 900 hồ sơ.", ["2022-05-02", "2022-08-15"]),
])
def test_ranges_of_two_full_dates(text, values):
    assert [(v, r) for _, v, r in dates_in(text)] == list(zip(values, ["period_start", "period_end"]))


def test_number_before_a_date_is_not_a_day():
    text = "Sở tiếp nhận 27, ngày 14/1/2022 trả kết quả."
    assert [s for s, _, _ in dates_in(text)] == ["ngày 14/1/2022"]


@pytest.mark.parametrize("text, role", [
    ("12/02/2022 10:13 AM\n\nĐoàn Kiểm tra công vụ đến Sở.", "published"),
    ("Tin tức\nNgày đăng 21/02/2019 | 17:30 | View count: 6922\n\nNội dung.", "published"),
    ("Thứ Sáu, 12/02/2022 - 10:13 (GMT+7)\n\nNội dung.", "published"),
    ("BIÊN BẢN\nHà Nội, ngày 05 tháng 9 năm 2024\n\nHôm nay.", "document"),
    ("Thực hiện kế hoạch số 207/KH-UBND ngày 15/02/2019 của UBND huyện.", "document"),
    ("Văn bản được ký ngày 3/4/2021 gửi các sở.", "document"),
    ("Gửi báo cáo về Đoàn kiểm tra công vụ Thành phố trước ngày 16/2/2022.", "deadline"),
    ("Đơn vị hoàn thành chậm nhất ngày 20/3/2022.", "deadline"),
    ("Kể từ ngày 1/3/2022 các đơn vị thực hiện.", "period_start"),
    ("Ngày 10/2 đã tiến hành kiểm tra công vụ nội bộ.", "inspection"),
    ("Ngày 10/2 Sở đã ban hành quy chế mới.", "other"),
])
def test_roles(text, role):
    body = "Mở đầu.\n\n" + "x " * 400 + text if role not in ("published",) else text
    [(_, _, got)] = dates_in(body)
    assert got == role


@pytest.mark.parametrize("text", [
    "dự kiến triển khai đánh giá từ tháng 2/2022.",
    "kế hoạch công tác năm 2023 của huyện",
    "có 7/9 hồ sơ đã có kết quả, còn 2/9 hồ sơ chưa có",
    "có 5/6 công chức trực tiếp nhận hồ sơ",
    "Kế hoạch số 207/KH-UBND",
    "theo Nghị định 112/2020/NĐ-CP và Thông tư 01/2021/TT-BNV",
    "lúc 17:30 đoàn rời đi",
    "tỷ số 2-1 nghiêng về đội nhà",
    "điểm trung bình 4.3 của lớp",
    "ngày 31/2/2022 không có trên lịch",
    "ngày 12/13/2022 sai tháng",
    "trong 3 tháng 8 đơn vị được kiểm tra",
    "giai đoạn 2021-2025",
    "Các tin đã đưa ngày:\nTháng 7, 2020\nCN T2 T3 T4 T5 T6 T7\n25 26 27 28 29 30 1\n2 3 4 5 6 7 8",
])
def test_not_dates(text):
    assert dates_in(text) == []


def test_find_date_spans_matches_extract_dates():
    text = "Từ ngày 7/2 đến sáng 11/2/2022, có 7/9 hồ sơ; các ngày 02, 03 tháng 8 năm 2023 Đoàn làm việc."
    assert find_date_spans(text) == sorted({(m.start, m.end) for m in extract_dates(text, None)})
    assert len(find_date_spans(text)) == 3


def test_a_year_month_stamp_leaves_day_month_dates_unresolved():
    # The stamp says the page has no publication day: neither its year nor an earlier full date's
    # year is lent to "9/5" (corpora/README.md, "Dates").
    stamped = "date 2023-05\nSáng 9/5, đoàn kiểm tra đến xã."
    assert [v for _, v, _ in dates_in(stamped, None)] == [None]
    after_full = "date 2024-12\nChỉ thị 20 ngày 28-2-2022 của Tỉnh ủy. Lúc 15 giờ ngày 8-10, ông rời trụ sở."
    assert [v for _, v, _ in dates_in(after_full, None)] == ["2022-02-28", None]
    assert [v for _, v, _ in dates_in(stamped, dt.date(2024, 1, 2))] == ["2024-05-09"]  # a known day wins


@pytest.mark.parametrize("text, values", [
    ("hội đồng kỷ luật đã họp từ ngày thứ tư (14.3) và quyết định", ["2022-03-14"]),
    ("Suốt hai ngày (14 và 15/9), tổ công tác của huyện rà soát hồ sơ", ["2022-09-14", "2022-09-15"]),
    ("ông cho biết, sáng nay (28-12) đoàn đến xã", ["2022-12-28"]),
])
def test_a_day_and_month_in_parentheses_after_a_day_word(text, values):
    assert [v for _, v, _ in dates_in(text)] == values


@pytest.mark.parametrize("text", ["tỷ lệ (4.3) và", "mục 2 (1/5) hồ sơ", "thứ tư (14.3 triệu đồng)",
                                  "quá hạn 3 ngày (2/5 hồ sơ)"])
def test_parentheses_without_a_day_word_or_closing_stay_numbers(text):
    assert dates_in(text) == []


def test_a_site_clock_above_the_byline_is_no_date_of_the_report():
    text = ("English Thứ Năm, 12-03-2020, 07:45 (GMT+7)\n\nMột tiêu đề viết sẵn cho phép thử chấn chỉnh kỷ cương\n\n"
            "Đăng ngày: 11-09-2019; 225 lần đọc\n\nĐoàn kiểm tra làm việc ngày 10/9/2019 tại xã.")
    assert [v for _, v, _ in dates_in(text, dt.date(2019, 9, 11))] == ["2019-09-11", "2019-09-10"]
    assert [v for _, v, _ in dates_in(text, None)][0] == "2020-03-12"  # no known byline: nothing dropped


def test_related_links_above_the_byline_are_no_dates_of_the_report():
    text = ("-\nLịch cắt điện ngày 9/4/2026 ở vài phường ven sông, bà con nên chủ động sắp xếp -\n"
            "Xã hội\n14/06/2017 09:05Cho thôi giữ chức một Phó giám đốc sở\nThông báo của tỉnh phát đi chiều 13/6 nêu rõ.")
    assert [v for _, v, _ in dates_in(text, dt.date(2017, 6, 14))] == ["2017-06-14", "2017-06-13"]


def test_without_publication_day_a_yearless_date_stays_unresolved():
    # The gold lends only the publication date's year: an earlier full date's year is not borrowed.
    text = "Cập nhật 12/11/2019 Đoàn kiểm tra báo cáo. Trước đó, sáng 9/11, đoàn đến xã."
    assert [v for _, v, _ in dates_in(text, None)] == ["2019-11-12", None]
    assert [v for _, v, _ in dates_in(text, dt.date(2019, 11, 12))] == ["2019-11-12", "2019-11-09"]
    assert [v for _, v, _ in dates_in("Từ ngày 7/2 đến 11/2/2022 Đoàn làm việc.", None)] == ["2022-02-07", "2022-02-11"]


def test_every_mention_is_sorted_and_has_a_known_role():
    text = "Từ ngày 7/2 đến 11/2/2022 Đoàn kiểm tra; báo cáo trước ngày 16/2/2022; ngày 10/2 họp."
    ms = extract_dates(text, PUB)
    assert [m.start for m in ms] == sorted(m.start for m in ms)
    assert {m.data["role"] for m in ms} <= set(ROLES)


def test_dates_yaml_is_well_formed():
    data = load_data("dates.yaml")
    assert data["version"] == 1
    for key in ("plural", "time_of_day", "day"):
        assert _is_word_list(data["lead"][key]), key
    for key in ("bare_date_cues", "paren_date_cues", "range_connectors", "list_connectors", "inspection_cues",
                "header_line_extras"):
        assert _is_word_list(data[key]), key
    assert set(data["roles"]) <= set(ROLES) and all(_is_word_list(v) for v in data["roles"].values())
    assert isinstance(data["header_chars"], int) and data["header_chars"] > 0
    assert isinstance(data["byline_max_words"], int) and data["byline_max_words"] > 0
    assert isinstance(data["byline_chars"], int) and data["byline_chars"] > 0


def _is_word_list(value) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(w, str) and w.strip() for w in value)


def _seed_cases():
    if not (SHARED / "gold").is_dir():
        return []
    return sorted((SHARED / "gold").glob("*.json"))


@pytest.mark.skipif(not _seed_cases(), reason="shared seeds not available")
@pytest.mark.parametrize("gold_path", _seed_cases(), ids=lambda p: p.stem[:3])
def test_seed_dates_match_gold(gold_path):
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    text = (SHARED / "seeds" / f"{gold_path.stem}.txt").read_text(encoding="utf-8")
    published = dt.date.fromisoformat(gold["published"]) if gold["published"] else None
    found = {m.data["value"] for m in extract_dates(text, published) if m.data["value"]}
    assert found == set(gold["dates"])


_TOKENS = ["ngày", "các", "sáng", "từ", "đến", "và", ",", "-", "/", ".", "tháng", "năm", "trước", "\n",
           "12/02/2022", "7/2", "02", "2022", "31/2", "Hà Nội,", "số", "207/KH-UBND", "hồ sơ", "9/9"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_TOKENS), st.text(max_size=6)), max_size=30),
       st.sampled_from(["", " "]), st.one_of(st.none(), st.dates()))
def test_never_raises_and_spans_are_inside(tokens, glue, published):
    text = glue.join(tokens)
    for m in extract_dates(text, published):
        assert 0 <= m.start < m.end <= len(text)
        assert m.data["role"] in ROLES
        if m.data["value"] is not None:
            dt.date.fromisoformat(m.data["value"])
