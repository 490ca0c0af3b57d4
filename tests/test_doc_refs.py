"""Cited document numbers: forms, type, date, issuer, own number, negatives, seed gold, robustness."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.doc_refs import extract_doc_refs
from extractors.lexicon import load_data

SHARED = Path("/work/shared")


def refs_in(text: str, published: dt.date | None = None) -> list[dict]:
    out = []
    for m in extract_doc_refs(text, published):
        assert m.label == "doc_ref"
        assert m.data["number"] in text[m.start:m.end]
        out.append(m.data)
    return out


def test_offsets_and_fields_of_a_full_citation():
    text = "Thực hiện Kế hoạch số 207/KH-UBND ngày 15/02/2019 của UBND huyện Mỹ Đức về kiểm tra công vụ."
    [m] = extract_doc_refs(text)
    assert text[m.start:m.end] == "Kế hoạch số 207/KH-UBND"
    assert m.data == {"number": "207/KH-UBND", "type": "Kế hoạch", "date": "2019-02-15",
                      "issuer": "UBND huyện Mỹ Đức", "issuer_code": "UBND", "own": False}


@pytest.mark.parametrize("text, number, type_name", [
    ("theo Quyết định số 99/QĐ-UBND của Chủ tịch UBND tỉnh.", "99/QĐ-UBND", "Quyết định"),
    ("Thực hiện Chỉ thị 26/CT-TTg của Thủ tướng", "26/CT-TTg", "Chỉ thị"),
    ("theo Nghị định 112/2020/NĐ-CP.", "112/2020/NĐ-CP", "Nghị định"),
    ("quán triệt Chỉ thị 17-CT/TU của Ban Thường vụ Tỉnh ủy", "17-CT/TU", "Chỉ thị"),
    ("quán triệt Chỉ thị 27 của Bộ Chính trị", "27", "Chỉ thị"),
    ("theo Chỉ thị số 01/CT-UBND ngày 14/1/2022 của UBND TP", "01/CT-UBND", "Chỉ thị"),
    ("Công văn số 1234/SNV-CCVC gửi các đơn vị", "1234/SNV-CCVC", "Công văn"),
    ("căn cứ số 45/KH-SNV, Đoàn đã", "45/KH-SNV", "Kế hoạch"),
    ("thực hiện kế hoạch số 10306/KH-UBND", "10306/KH-UBND", "Kế hoạch"),
    ("theo Thông tư 01/2021/TT-BNV", "01/2021/TT-BNV", "Thông tư"),
    ("Hướng dẫn số 05-HD/BTCTW", "05-HD/BTCTW", "Hướng dẫn"),
    ("theo kế hoạch kiểm tra công vụ năm 2023 số 12/KH-UBND", "12/KH-UBND", "Kế hoạch"),
    ("Văn bản số 55/UBND-NC của UBND huyện", "55/UBND-NC", "Công văn"),
    ("thực hiện Quy định số 12-QĐ/TƯ của Bộ Chính trị", "12-QĐ/TƯ", "Quy định"),
    ("theo Công văn 88/VP.UBND-TH của văn phòng", "88/VP.UBND-TH", "Công văn"),
    ("trái với quy định số 845 của Ban Thường vụ", "845", "Quy định"),
    ("vi phạm quy định 47 của Bộ Chính trị", "47", "Quy định"),
    ("theo Chỉ thị 19 nên các xã phải dừng", "19", "Chỉ thị"),
    ("chưa hoàn thành Kế hoạch 03, đến cuối quý", "03", "Kế hoạch"),  # zero-padded: a number, not a quantity
])
def test_number_and_type(text, number, type_name):
    [data] = refs_in(text)
    assert (data["number"], data["type"]) == (number, type_name)


@pytest.mark.parametrize("text, issuer", [
    ("theo Chỉ thị số 01/CT-UBND ngày 14/1/2022 của UBND TP. Hà Nội; tiếp nhận", "UBND TP. Hà Nội"),
    ("theo Chỉ thị số 01/CT-UBND ngày 14/1/2022 của UBND TP; tiếp nhận", "UBND TP"),
    ("Kế hoạch số 10306/KH-UBND của UBND tỉnh và Quyết định số 99/QĐ-UBND", "UBND tỉnh"),
    ("Quyết định số 99/QĐ-UBND ngày 17/01/2018 của Chủ tịch UBND tỉnh.", "Chủ tịch UBND tỉnh"),
    ("Kế hoạch số 5/KH-SLĐ của Sở Lao động, Thương binh và Xã hội về việc kiểm tra", "Sở Lao động, Thương binh và Xã hội"),
    ("Kế hoạch số 6/KH-STNMT của Sở Tài nguyên và Môi trường, Đoàn", "Sở Tài nguyên và Môi trường"),
    ("Kế hoạch số 7/KH-UBND của UBND thành phố Hà Nội.", "UBND thành phố Hà Nội"),
    ("Kế hoạch số 8/KH-UBND ban hành tháng 3", None),
])
def test_issuer_after_cua(text, issuer):
    assert refs_in(text)[0]["issuer"] == issuer


def test_date_following_the_number_uses_published_year_when_missing():
    text = "Quyết định 1234 ngày 5/3 của UBND tỉnh"
    assert refs_in(text, dt.date(2020, 6, 1))[0]["date"] == "2020-03-05"
    assert refs_in(text)[0]["date"] is None


def test_own_number_of_minutes_is_marked():
    text = "ỦY BAN NHÂN DÂN\nSố: 12/BB-ĐKT\nHà Nội, ngày 05 tháng 9 năm 2024\n\nThực hiện Kế hoạch số 3/KH-SNV."
    got = [(d["number"], d["own"]) for d in refs_in(text)]
    assert got == [("12/BB-ĐKT", True), ("3/KH-SNV", False)]


def test_own_number_in_a_flattened_letterhead():
    text = ("UBND TỈNH NGHỆ AN ĐOÀN KIỂM TRA CÔNG VỤ Số: 12/BB-ĐKT | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM "
            "Nghệ An, ngày 05 tháng 9 năm 2024\n\nCăn cứ Quyết định số 1520/QĐ-UBND ngày 26/8/2024.")
    assert [(d["number"], d["own"]) for d in refs_in(text)] == [("12/BB-ĐKT", True), ("1520/QĐ-UBND", False)]


@pytest.mark.parametrize("text", [
    "có 5/6 công chức và 7/9 hồ sơ",
    "ngày 12/02/2022 Đoàn kiểm tra",
    "Kế hoạch 2023 của huyện",
    "Báo cáo 6 tháng đầu năm",
    "theo quy định 3 ngày làm việc",
    "quy định 15 ngày phải trả kết quả",
    "xem https://kinhtedothi.vn/giam-sat/2023/KH-abc",
    "dịch vụ công mức độ 3",
    "theo kế hoạch 05 cuộc thanh tra",
    "Báo cáo 06 tháng đầu năm",
])
def test_not_doc_refs(text):
    assert refs_in(text) == []


def test_doc_types_yaml_is_well_formed():
    data = load_data("doc_types.yaml")
    assert data["version"] == 1
    names = set()
    for t in data["types"]:
        assert set(t) == {"name", "words", "codes", "bare_number"}
        assert isinstance(t["name"], str) and t["name"] not in names
        names.add(t["name"])
        assert all(isinstance(w, str) and w == w.lower() for w in t["words"])
        assert all(isinstance(c, str) and c[0].isupper() for c in t["codes"])
        assert isinstance(t["bare_number"], bool)
    assert {"Kế hoạch", "Quyết định", "Chỉ thị", "Nghị định", "Thông tư", "Công văn"} <= names
    assert isinstance(data["max_words_between"], int)
    for key in ("issuer_stop_words", "issuer_admin_words", "issuer_abbreviations", "own_number_labels",
                "bare_number_followers"):
        assert all(isinstance(w, str) and w for w in data[key]), key


def _seed_cases():
    return sorted((SHARED / "gold").glob("*.json")) if (SHARED / "gold").is_dir() else []


@pytest.mark.skipif(not _seed_cases(), reason="shared seeds not available")
@pytest.mark.parametrize("gold_path", _seed_cases(), ids=lambda p: p.stem[:3])
def test_seed_doc_refs_match_gold(gold_path):
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    text = (SHARED / "seeds" / f"{gold_path.stem}.txt").read_text(encoding="utf-8")
    found = {d["number"] for d in refs_in(text) if not d["own"]}
    assert found == set(gold["doc_refs"])


_TOKENS = ["Kế hoạch", "số", "số:", "Số:", "207/KH-UBND", "17-CT/TU", "112/2020/NĐ-CP", "Chỉ thị", "27",
           "ngày", "15/02/2019", "của", "UBND", "huyện", "Mỹ Đức", "và", ",", ".", "\n", "TP.", "về"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_TOKENS), st.text(max_size=6)), max_size=30),
       st.one_of(st.none(), st.dates()))
def test_never_raises_and_spans_are_inside(tokens, published):
    text = " ".join(tokens)
    for m in extract_doc_refs(text, published):
        assert 0 <= m.start < m.end <= len(text)
        assert m.data["number"]


@pytest.mark.parametrize("text, number", [
    ("Theo Chỉ thị 14/ CT-UBND ngày 2/3/2020 của tỉnh, cán bộ phải đeo thẻ.", "14/CT-UBND"),  # stray space
    ("Thực hiện Chỉ thị số 09- CT/HU của Huyện ủy, đoàn đã kiểm tra.", "09-CT/HU"),
    ("Theo tinh thần Chỉ thị 15 năm 2019 của UBND tỉnh, các xã đã chấn chỉnh.", "15"),
    ("Ban Thường vụ ban hành Quyết định số 218/QĐ/HU cảnh cáo ông B.", "218/QĐ/HU"),  # Party symbol after a slash
    ("đã ký Quyết định số 905 - QĐ/HU xử lý đảng viên vi phạm", "905-QĐ/HU"),  # spaces round the dash
    ("Kết luận thanh tra (số 11 ngày 3/8/2021) do thị xã ban hành nêu rõ", "11"),  # "(số N" after the type word
])
def test_loosely_written_numbers(text, number):
    assert [m.data["number"] for m in extract_doc_refs(text)] == [number]


def test_bare_number_restating_a_full_citation_is_one_reference():
    text = "Thực hiện Đề án 07-ĐA/TU của Tỉnh ủy, các xã đã triển khai Đề án số 07 về chuyển đổi số."
    assert [m.data["number"] for m in extract_doc_refs(text)] == ["07-ĐA/TU"]
    assert [m.data["number"] for m in extract_doc_refs("kế hoạch 12 tháng của huyện")] == []  # a period, no number


def test_bare_numbers_of_plans_letters_and_projects_are_cited():
    # the gold rule: a bare "Chỉ thị 26" is listed as 26; plans, letters and projects are cited the same way
    text = ("Theo Kế hoạch 41, đoàn kiểm tra 9 xã. Sở đã có công văn 518 về việc tuyển dụng. "
            "Thất thoát xảy ra khi làm Đề án 77 của tỉnh.")
    assert [m.data["number"] for m in extract_doc_refs(text)] == ["41", "518", "77"]
    assert extract_doc_refs("Huyện lập kế hoạch 5 năm và gửi 3 văn bản cho xã.") == []


def test_stray_space_needs_a_full_symbol():
    assert extract_doc_refs("đạt 5/ Hà Nội và 3/ UBND xã") == []


def test_a_party_symbol_after_a_slash_gives_type_and_issuer():
    [data] = refs_in("Theo Quyết định số 352/QĐ/HU, cán bộ này bị khiển trách.")
    assert (data["type"], data["issuer_code"]) == ("Quyết định", "HU")


def test_numbers_listed_under_one_label_are_each_a_reference():
    text = "thực hiện các kết luận số 14, 15, 16 và 17 ngày 28.11.2025 của Thanh tra tỉnh."
    got = [(d["number"], d["type"], d["date"], d["issuer"]) for d in refs_in(text)]
    assert got == [(n, "Kết luận", "2025-11-28", "Thanh tra tỉnh") for n in ("14", "15", "16", "17")]
    text = "Quyết định số 2041- QĐ/HU; 2042 - QĐ/HU; 2043 - QĐ/HU nhằm xử lý ba cán bộ sai phạm"
    assert [m.data["number"] for m in extract_doc_refs(text)] == ["2041-QĐ/HU", "2042-QĐ/HU", "2043-QĐ/HU"]
    assert [d["number"] for d in refs_in("theo kế hoạch số 5, 6 đơn vị đã kiểm tra")] == ["5"]  # a quantity after
    assert refs_in("thửa đất số 543, 545, 546, tờ bản đồ số 41") == []


@pytest.mark.parametrize("text, number", [
    ("Tuần trước, Sở Y tế đã có thông báo số 512 /TB-SYT về kết quả kiểm tra.", "512/TB-SYT"),  # space before "/"
    ("Đoàn đã nhận văn bản số 77 /VPUB-K.II của Văn phòng UBND tỉnh.", "77/VPUB-K.II"),
])
def test_a_space_before_the_slash_of_a_full_symbol(text, number):
    assert [m.data["number"] for m in extract_doc_refs(text)] == [number]


def test_a_labelled_bare_number_may_run_on_into_the_sentence():
    text = "Xã Đồi Mây đã có Báo cáo số 64 gửi Phòng Nội vụ; huyện cũng ra Công văn số 310 nhắc nhở các xã."
    assert [m.data["number"] for m in extract_doc_refs(text)] == ["64", "310"]
    # a counted noun or a time unit after it makes the number a quantity
    assert extract_doc_refs("Sở lập báo cáo số 6 tháng đầu năm và văn bản số 12 hồ sơ trễ hạn.") == []
