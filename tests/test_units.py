"""Units: exact spans, lists and shared heads, roles, provinces, the seeds' gold, data file, robustness."""

import json
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.lexicon import load_data
from extractors.abbreviations import normalise_name
from extractors.base import Mention
from extractors.inspectors import extract_inspectors
from extractors.unit_scan import LEVEL_WORD, load_vocabulary
from extractors.units import extract_units

SHARED = Path("/work/shared")
LEVELS = set(LEVEL_WORD) | {"so", "ban", "chi_cuc", "phong", "bo_phan_mot_cua", "other"}


def split(text: str) -> list[tuple[int, int]]:
    """Sentences for tests: lines, cut after . ! ? before a capital (not after "TP.")."""
    spans = []
    for line in re.finditer(r"[^\n]+", text):
        start = line.start()
        for m in re.finditer(r"(?<!TP\.)(?<=[.!?])\s+(?=[A-ZĐÀ-Ỹ])", line.group()):
            spans.append((start, line.start() + m.start()))
            start = line.start() + m.end()
        spans.append((start, line.end()))
    return spans


def units_of(text: str) -> list:
    return extract_units(text, split(text))


def by_name(text: str) -> dict:
    return {m.data["name"]: m for m in units_of(text)}


def inspected(text: str) -> set[str]:
    return {m.data["canonical"] for m in units_of(text) if m.data["role"] == "inspected"}


# ---------------------------------------------------------------- spans


def test_span_covers_the_unit_as_written():
    text = "Đoàn kiểm tra công vụ tỉnh đã kiểm tra đột xuất tại UBND xã Hợp Tiến, huyện Mỹ Đức."
    unit = by_name(text)["UBND xã Hợp Tiến"]
    assert (unit.start, unit.end) == (text.index("UBND xã"), text.index(", huyện"))
    assert unit.data["spans"] == [[unit.start, unit.end]]
    assert "huyện Mỹ Đức" not in by_name(text)  # a parent qualifier is not a unit of its own


@pytest.mark.parametrize("written", [" (TP. Vũng Tàu)", " thuộc TP. Vũng Tàu", " - TP. Vũng Tàu"])
def test_a_parent_in_brackets_or_after_thuoc_is_a_qualifier(written):
    text = f"Đoàn kiểm tra công vụ tỉnh đã kiểm tra đột xuất tại UBND xã Long Sơn{written} và UBND phường 7."
    units = by_name(text)
    assert "UBND xã Long Sơn" in units and "UBND phường 7" in units
    assert not [name for name in units if "Vũng Tàu" in name]


def test_commas_inside_a_known_name_do_not_split_it():
    text = ("Chiều qua, tổ công tác đến làm việc tại Sở Lao động, Thương binh và Xã hội Hải Phòng và "
            "Sở Văn hóa, Thể thao và Du lịch.")
    names = sorted(by_name(text))
    assert names == ["Sở Lao động, Thương binh và Xã hội Hải Phòng", "Sở Văn hóa, Thể thao và Du lịch"]


def test_mentions_of_one_unit_merge_by_canonical_key():
    text = ("Đoàn kiểm tra tại Sở LĐTB&XH Hà Nội. Sở đã tiếp nhận 10 hồ sơ. "
            "Đại diện Sở Lao động - Thương binh và Xã hội cho biết đã xử lý xong.")
    units = units_of(text)
    assert len(units) == 1
    unit = units[0]
    assert unit.data["name"] == "Sở LĐTB&XH Hà Nội"
    assert unit.data["canonical"] == "Sở Lao động, Thương binh và Xã hội Hà Nội"
    assert unit.data["level"] == "so" and unit.data["province"] == "Hà Nội"
    assert len(unit.data["spans"]) == 2
    for s, e in unit.data["spans"]:
        assert text[s:e].startswith("Sở L")


def test_shared_head_gives_one_unit_per_place():
    text = "Đoàn kiểm tra tỉnh vừa kiểm tra 2 Bộ phận tiếp nhận và trả kết quả huyện Việt Yên, Hiệp Hòa."
    units = [m for m in units_of(text) if m.data["role"] == "inspected"]
    assert [m.data["canonical"] for m in units] == ["huyện Việt Yên", "huyện Hiệp Hòa"]
    assert text[units[1].start:units[1].end] == "Hiệp Hòa"
    assert all(m.data["level"] == "bo_phan_mot_cua" and m.data["province"] == "Bắc Giang" for m in units)


def test_xa_with_its_huyen_in_a_semicolon_list():
    text = "Tổ kiểm tra đã kiểm tra tại UBND xã Hợp Tiến, huyện Mỹ Đức; UBND xã Tiến Xuân, huyện Thạch Thất."
    assert inspected(text) == {"Ủy ban nhân dân xã Hợp Tiến", "Ủy ban nhân dân xã Tiến Xuân"}
    assert {m.data["province"] for m in units_of(text) if m.data["level"] == "xa"} == {"Hà Nội"}


def test_one_stop_shop_is_the_unit_of_its_place():
    text = "Đoàn kiểm tra công vụ tại Bộ phận một cửa, một cửa liên thông xã Hợp Tiến"
    unit = by_name(text)["Bộ phận một cửa, một cửa liên thông xã Hợp Tiến"]
    assert unit.data["canonical"] == "xã Hợp Tiến" and unit.data["level"] == "bo_phan_mot_cua"
    assert unit.data["role"] == "inspected"


def test_bare_heads_are_not_units():
    text = "Sở đã ban hành kế hoạch. UBND huyện giao các xã, thị trấn thực hiện. Phòng làm việc gọn gàng."
    assert units_of(text) == []


def test_job_titles_are_not_units():
    text = "Đồng chí Trần Văn A, Phó Chánh Văn phòng, Phó Chánh Thanh tra Sở phát biểu."
    assert units_of(text) == []


def test_a_person_after_a_city_is_not_part_of_its_name():
    text = "Phó Chủ tịch HĐND TP Phạm Quí Tiên phát biểu."
    assert [m.data["name"] for m in units_of(text)] == ["HĐND TP"]


# ---------------------------------------------------------------- roles


@pytest.mark.parametrize("text, unit, role", [
    ("Tại Sở Y tế, Đoàn ghi nhận nhiều kết quả.", "Sở Y tế", "inspected"),
    ("Sở Nội vụ đã kiểm tra tại các cơ quan, đơn vị, trong đó có Sở Giao thông vận tải.", "Sở Giao thông vận tải",
     "inspected"),
    ("Đoàn đã kiểm tra đột xuất tại UBND các xã Bình Mỹ, Mỹ Đức và UBND thị trấn Cái Dầu.", "xã Bình Mỹ",
     "inspected"),
    ("Tình hình giữ nề nếp, giờ giấc làm việc tại Bộ phận Một cửa huyện Phong Thổ",
     "Bộ phận Một cửa huyện Phong Thổ", "inspected"),
    ("Đoàn kiểm tra đã làm việc với huyện Thạch Thất, Sở Tài chính.", "Sở Tài chính", "inspected"),
    ("Năm 2023, Sở đã tiến hành thanh tra Chi nhánh Văn phòng Đăng ký đất đai huyện Ứng Hòa.",
     "Chi nhánh Văn phòng Đăng ký đất đai huyện Ứng Hòa", "inspected"),
    ("Đại diện lãnh đạo xã Đại Hưng giải trình các ý kiến của Đoàn.", "xã Đại Hưng", "inspected"),
    ("Đơn vị được kiểm tra: UBND phường Hòa Khánh Bắc, quận Liên Chiểu.", "UBND phường Hòa Khánh Bắc", "inspected"),
    ("Sở Nội vụ đã tổ chức Đoàn kiểm tra tại 02 đơn vị trực thuộc Sở: Ban Tôn giáo và Chi cục Văn thư - Lưu trữ.",
     "Sở Nội vụ", "inspector"),
    ("Sở Nội vụ đã tổ chức Đoàn kiểm tra tại 02 đơn vị trực thuộc Sở: Ban Tôn giáo và Chi cục Văn thư - Lưu trữ.",
     "Chi cục Văn thư - Lưu trữ", "inspected"),
    ("Thực hiện Kế hoạch số 5/KH-UBND của UBND huyện Mỹ Đức, Đoàn kiểm tra đã kiểm tra tại xã Hợp Tiến.",
     "UBND huyện Mỹ Đức", "mentioned"),
    # the issuer written inside the body's name is its parent, not a second inspector
    ("Đoàn kiểm tra công vụ của UBND huyện Mỹ Đức đã kiểm tra đột xuất tại xã Hợp Tiến.",
     "UBND huyện Mỹ Đức", "mentioned"),
    ("Đoàn đề nghị Sở Nội vụ tham mưu UBND tỉnh xử lý.", "Sở Nội vụ", "mentioned"),
    ("Kiểm tra việc kiểm soát TTHC ở các đơn vị trực thuộc Sở Tư pháp Hà Nội", "Sở Tư pháp Hà Nội", "mentioned"),
])
def test_role_follows_the_cue(text, unit, role):
    assert by_name(text)[unit].data["role"] == role


def test_inspector_role_wins_over_other_mentions():
    text = ("Sở Nội vụ đã tổ chức Đoàn kiểm tra tại Ban Tôn giáo. "
            "Kiểm tra tại các đơn vị trực thuộc Sở Nội vụ Hà Nội.")
    assert by_name(text)["Sở Nội vụ"].data["role"] == "inspector"


def test_roles_use_the_inspectors_given():
    text = "Đoàn giám sát số 2 của HĐND TP đã làm việc với huyện Thạch Thất."
    inspectors = extract_inspectors(text, split(text))
    units = {m.data["name"]: m.data["role"] for m in extract_units(text, split(text), inspectors)}
    assert units == {"HĐND TP": "mentioned", "huyện Thạch Thất": "inspected"}
    start = text.index("HĐND TP")
    acting = [Mention(start, start + 7, "inspector", {"spans": [[start, start + 7]]})]
    assert {m.data["name"]: m.data["role"] for m in extract_units(text, split(text), acting)}["HĐND TP"] == "inspector"


# ---------------------------------------------------------------- other provinces (invented paragraphs)

GENRE = [
    ("Ngày 12/3/2024, Tổ kiểm tra công vụ của Sở Nội vụ tỉnh Quảng Ninh do ông Lê Văn Hải, Chánh Thanh tra "
     "Sở, làm Tổ trưởng đã kiểm tra đột xuất tại UBND xã Hải Lạng, huyện Tiên Yên; UBND phường Hồng Gai, "
     "thành phố Hạ Long.",
     {"Ủy ban nhân dân xã Hải Lạng", "Ủy ban nhân dân phường Hồng Gai"}, "Quảng Ninh"),
    ("Ban Pháp chế HĐND tỉnh Nghệ An đã giám sát việc giải quyết thủ tục hành chính tại UBND thị xã Cửa Lò "
     "và Sở Tư pháp.",
     {"Ủy ban nhân dân thị xã Cửa Lò", "Sở Tư pháp Nghệ An"}, "Nghệ An"),
    ("Chiều 18/9, Đoàn công tác của UBND thành phố Hải Phòng do Phó Chủ tịch UBND thành phố Vũ Đình Lâm dẫn "
     "đầu đã có buổi kiểm tra Trung tâm Phục vụ hành chính công của thành phố. Tại quận Lê Chân, Đoàn ghi nhận "
     "vẫn còn hồ sơ trễ hạn.",
     {"Trung tâm Phục vụ hành chính công", "quận Lê Chân"}, "Hải Phòng"),
    ("Tổ công tác của Sở Nội vụ TP.HCM kiểm tra đột xuất UBND phường Bến Thành, Quận 1 và phát hiện "
     "3 công chức đi muộn.",
     {"Ủy ban nhân dân phường Bến Thành"}, "Hồ Chí Minh"),
    ("Thực hiện Kế hoạch số 12/KH-UBND, Đoàn kiểm tra liên ngành huyện Krông Pắc đã kiểm tra tại Trạm Y tế "
     "xã Ea Phê và Phòng Tài chính - Kế hoạch huyện. Đoàn yêu cầu Phòng Nội vụ huyện tham mưu xử lý.",
     {"Trạm Y tế xã Ea Phê", "Phòng Tài chính - Kế hoạch huyện Krông Pắc"}, "Đắk Lắk"),
    ("BIÊN BẢN KIỂM TRA\n\nĐơn vị được kiểm tra: UBND phường Hòa Khánh Bắc, quận Liên Chiểu.\n\nThành phần "
     "Đoàn kiểm tra công vụ thành phố Đà Nẵng gồm: ông Trần Văn Minh, Phó Giám đốc Sở Nội vụ, Trưởng đoàn.",
     {"Ủy ban nhân dân phường Hòa Khánh Bắc"}, "Đà Nẵng"),
    ("UBND tỉnh Lâm Đồng ban hành Chỉ thị số 05/CT-UBND yêu cầu Sở Y tế và các huyện tăng cường phòng "
     "chống dịch.", set(), "Lâm Đồng"),
]


@pytest.mark.parametrize("text, expected, province", GENRE)
def test_genre_paragraphs_from_other_provinces(text, expected, province):
    units = units_of(text)
    assert {m.data["canonical"] for m in units if m.data["role"] == "inspected"} == expected
    assert all(m.data["province"] == province for m in units if m.data["role"] == "inspected")


# ---------------------------------------------------------------- the seeds' gold


def load_seeds():
    if not (SHARED / "seeds").is_dir() or not (SHARED / "gold").is_dir():
        return []
    out = []
    for gold_path in sorted((SHARED / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text_path = (gold_path.parent / gold["text_file"]).resolve()
        text = unicodedata.normalize("NFC", text_path.read_text(encoding="utf-8"))
        out.append((gold["id"], text, gold))
    return out


def score(predicted: list[dict], gold: list[list[str]]) -> tuple[int, int, int]:
    """(true positives, predictions, gold entries); a prediction matches an entry when its name
    or canonical name normalises to any of the entry's spellings."""
    keys = [{normalise_name(s) for s in entry} for entry in gold]
    matched, tp = set(), 0
    for p in predicted:
        mine = {normalise_name(p["name"]), normalise_name(p["canonical"])}
        hit = next((i for i, k in enumerate(keys) if i not in matched and mine & k), None)
        if hit is not None:
            matched.add(hit)
            tp += 1
    return tp, len(predicted), len(gold)


@pytest.mark.skipif(not load_seeds(), reason="shared seeds absent")
def test_seed_units_match_gold():
    totals = [0, 0, 0]
    for doc_id, text, gold in load_seeds():
        units = [m.data for m in units_of(text) if m.data["role"] == "inspected"]
        tp, n_pred, n_gold = score(units, gold["units"])
        print(f"{doc_id}: P={tp}/{n_pred} R={tp}/{n_gold}")
        totals = [a + b for a, b in zip(totals, (tp, n_pred, n_gold))]
        assert tp >= n_gold - 1, doc_id
    precision, recall = totals[0] / totals[1], totals[0] / totals[2]
    assert 2 * precision * recall / (precision + recall) >= 0.9


# ---------------------------------------------------------------- data file


def test_unit_types_data_file_is_valid():
    data = load_data("unit_types.yaml")
    for key in ("localities", "organs", "agencies", "place_only_heads", "title_words", "one_stop_heads",
                "one_stop_fillers", "name_stopwords", "province_aliases", "generic_exclude", "role_cues",
                "person_surnames", "place_name_stopwords", "place_blocked_after", "city_provinces", "suffix_links", "enumeration_leads", "ordinal_words"):
        assert key in data, key
    from extractors import gazetteer
    assert all(gazetteer.canonical_province(c) == c for c in data["city_provinces"])
    assert {item["level"] for item in data["localities"]} <= LEVELS
    heads = set()
    for agency in data["agencies"]:
        assert {"head", "level", "generic", "names"} <= set(agency) <= {"head", "level", "generic", "names",
                                                                        "nested_heads", "nested_places",
                                                                        "name_leads", "place_bound_names", "any_case", "lower_leads",
                                                                        "capital_name", "named_by_place"}, agency
        assert agency["level"] in LEVELS and agency["head"][0].isupper() and agency["head"] not in heads
        heads.add(agency["head"])
        assert len(agency["names"]) == len(set(agency["names"])), agency["head"]
        assert all(isinstance(n, str) and (not n or n[0].isupper()) for n in agency["names"]), agency["head"]
    assert set(data["place_only_heads"]) - {"Trung tâm Y tế"} <= heads
    assert all(set(a.get("nested_heads", [])) <= heads for a in data["agencies"])
    for name, cue_list in data["role_cues"].items():
        assert cue_list and all(isinstance(c, str) and c for c in cue_list), name
    all_phrases = [w for item in data["localities"] + data["organs"] for w in item["words"]]
    assert all(w == w.lower() for w in all_phrases)
    assert load_vocabulary()["head"].pattern


# ---------------------------------------------------------------- robustness

FRAGMENTS = ["Đoàn kiểm tra", "công vụ", "của", "UBND", "xã", "Hợp Tiến", "huyện", "Thạch Thất", "tại", "Sở",
             "TN&MT", "Hà Nội", "TP.", ", ", "; ", ". ", "\n\n", "Bộ phận một cửa", "và", "Ban", "Tôn giáo",
             "kiểm tra đột xuất", "do", "Phó Giám đốc", "Nguyễn Văn A", "chủ trì", "Chi nhánh", "tỉnh", "đơn vị được kiểm tra:"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=6), max_size=30),
       st.lists(st.tuples(st.integers(0, 300), st.integers(0, 300)), max_size=5))
def test_units_never_raise_and_spans_lie_in_the_text(parts, raw_spans):
    text = " ".join(parts)
    for sentences in (split(text), [(min(a, b), max(a, b)) for a, b in raw_spans]):
        for m in extract_units(text, sentences):
            assert 0 <= m.start < m.end <= len(text)
            assert m.data["role"] in {"inspected", "inspector", "mentioned"} and m.data["level"] in LEVELS
            assert all(0 <= s < e <= len(text) for s, e in m.data["spans"])


# ---------------------------------------------------------------- regressions: parents, headers, broken names

@pytest.mark.parametrize("text, unit", [
    ("Sáng 12/3, đoàn kiểm tra công vụ của UBND tỉnh Bắc Kạn bất ngờ kiểm tra tại Trung tâm Phục vụ hành chính công "
     "TP. Bắc Kạn.", "UBND tỉnh Bắc Kạn"),
    ("Đoàn kiểm tra công vụ tỉnh Thanh Hóa đã kiểm tra đột xuất tại UBND xã Xuân Khang.", "tỉnh Thanh Hóa"),
    ("Đoàn giám sát của HĐND huyện Diễn Châu đã làm việc với UBND xã Diễn Thịnh.", "HĐND huyện Diễn Châu"),
    ("Đoàn kiểm tra công vụ thành phố Đà Nẵng đã kiểm tra tại UBND phường Phước Mỹ.", "thành phố Đà Nẵng"),
    ("Tổ kiểm tra công vụ của Sở Nội vụ tỉnh Quảng Nam tiến hành kiểm tra tại Ban Dân tộc tỉnh.",
     "Sở Nội vụ tỉnh Quảng Nam"),
    ("UBND TỈNH NGHỆ AN ĐOÀN KIỂM TRA CÔNG VỤ Số: 12/BB-ĐKT\n\nĐoàn kiểm tra công vụ tỉnh Nghệ An đã kiểm tra "
     "tại UBND xã Nghi Phong.", "tỉnh Nghệ An"),
])
def test_the_parent_or_issuer_of_a_body_is_mentioned_not_an_inspector(text, unit):
    units = by_name(text)
    assert units[unit].data["role"] == "mentioned"
    assert [m.data["name"] for m in units.values() if m.data["role"] == "inspector"] == []


def test_an_acting_agency_is_the_inspector_under_its_fullest_acting_name():
    text = ("Sở Nội vụ Bắc Giang kiểm tra đột xuất tại hai sở\n\n"
            "Sáng 13/3, tổ kiểm tra công vụ của Sở Nội vụ tỉnh Bắc Giang đã kiểm tra tại Sở Công Thương. "
            "Kết quả báo cáo về Sở Nội vụ.")
    unit = by_name(text)["Sở Nội vụ tỉnh Bắc Giang"]
    start = text.index("Sở Nội vụ tỉnh")
    assert unit.data["role"] == "inspector" and (unit.start, unit.end) == (start, start + len("Sở Nội vụ tỉnh Bắc Giang"))
    assert len(unit.data["spans"]) == 3


def test_header_and_signature_words_do_not_make_places():
    text = ("UBND TỈNH LONG AN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM THANH TRA TỈNH Độc lập - Tự do - Hạnh phúc\n\n"
            "Đoàn kiểm tra của Thanh tra tỉnh Long An đã kiểm tra tại UBND thị trấn Cần Giuộc.\n\n"
            "ĐẠI DIỆN UBND THỊ TRẤN TRƯỞNG ĐOÀN\n\nĐẠI DIỆN BAN QUẢN LÝ TRƯỞNG ĐOÀN")
    names = {m.data["name"]: m.data for m in units_of(text)}
    assert not any("HỘI CHỦ NGHĨA" in n or "Độc lập" in n or "TRƯỞNG" in n for n in names), names
    assert names["Thanh tra tỉnh Long An"]["canonical"] == "Thanh tra tỉnh Long An"


def test_a_generic_name_stops_before_do():
    assert "Phòng Quản lý đê điều" in by_name("Bảng chấm công của Phòng Quản lý đê điều do Trưởng phòng ký xác nhận.")


def test_a_trailing_parent_qualifies_every_item_of_a_list():
    text = ("Đoàn kiểm tra công vụ tỉnh Thanh Hóa đã kiểm tra đột xuất tại UBND các xã Xuân Khang, Hải Long và "
            "Yên Thọ, huyện Như Thanh.")
    units = by_name(text)
    assert "huyện Như Thanh" not in units
    assert [units[n].data["role"] for n in ("xã Xuân Khang", "Hải Long", "Yên Thọ")] == ["inspected"] * 3
    assert units["Yên Thọ"].data["province"] == "Thanh Hóa"


def test_a_name_broken_by_a_line_joins_the_full_name():
    text = ("Kết luận kiểm tra tại UBND phường Trung\n\nSơn\n\n"
            "Ngày 11/3/2021, tổ kiểm tra của Phòng Nội vụ đã kiểm tra đột xuất tại UBND phường Trung Sơn.")
    found = [m for m in units_of(text) if m.data["level"] == "phuong"]
    assert len(found) == 1
    assert found[0].data["name"] == "UBND phường Trung Sơn" and found[0].start == text.rindex("UBND phường Trung Sơn")
    assert found[0].data["spans"] == [[22, 39], [text.rindex("UBND"), len(text) - 1]]


def test_a_province_ends_a_generic_name_and_becomes_its_suffix():
    text = "Đoàn kiểm tra công vụ thành phố đã kiểm tra theo kế hoạch tại Ban Quản lý Khu kinh tế Hải Phòng."
    unit = by_name(text)["Ban Quản lý Khu kinh tế Hải Phòng"]
    assert unit.data["role"] == "inspected" and unit.data["canonical"] == "Ban Quản lý Khu kinh tế Hải Phòng"


def test_a_long_topic_between_verb_and_preposition_still_cues():
    text = ("Đoàn giám sát của huyện đã giám sát công tác tiếp nhận hồ sơ, trả kết quả và niêm yết công khai các "
            "thủ tục tại UBND thị trấn Phong Điền và UBND xã Mỹ Khánh.")
    units = by_name(text)
    assert [units[n].data["role"] for n in ("UBND thị trấn Phong Điền", "UBND xã Mỹ Khánh")] == ["inspected"] * 2


def test_a_commaed_topic_between_verb_and_preposition_still_cues():
    text = "Kiểm tra việc thực hiện nội quy, quy chế làm việc tại UBND xã Hương Vĩnh, huyện Hương Khê"
    assert by_name(text)["UBND xã Hương Vĩnh"].data["role"] == "inspected"


def test_a_capitalised_thanh_tra_is_an_agency_not_the_verb():
    text = "Ông Trần Quốc Việt, chuyên viên Thanh tra Sở Nội vụ, thư ký."
    assert by_name(text)["Thanh tra Sở Nội vụ"].data["role"] == "mentioned"


def test_the_inspectorate_of_a_so_is_one_inspecting_unit():
    text = ("Ngày 12/6/2023, Thanh tra Sở Nội vụ tỉnh Quảng Bình tiến hành kiểm tra đột xuất tại "
            "UBND xã Quảng Phú.")
    inspectors = extract_inspectors(text, split(text))
    assert [m.data["name"] for m in inspectors] == ["Thanh tra Sở Nội vụ tỉnh Quảng Bình"]
    units = extract_units(text, split(text), inspectors)
    assert [(m.data["name"], m.data["role"]) for m in units] == [
        ("Thanh tra Sở Nội vụ tỉnh Quảng Bình", "inspector"), ("UBND xã Quảng Phú", "inspected")]


@pytest.mark.parametrize("text, unit", [
    ("Tổ công tác đã đến kiểm tra Văn phòng đăng ký đất đai chi nhánh thị xã Ba Đồn.",
     "Văn phòng đăng ký đất đai chi nhánh thị xã Ba Đồn"),
    ("Đoàn đã kiểm tra tại Ban Quản lý Vườn quốc gia Phong Nha - Kẻ Bàng.",
     "Ban Quản lý Vườn quốc gia Phong Nha - Kẻ Bàng"),
    ("Đoàn đã kiểm tra tại Văn phòng Sở Y tế tỉnh Gia Lai.", "Văn phòng Sở Y tế tỉnh Gia Lai"),
    ("Thanh tra tại Chi cục Kiểm lâm và Hạt Kiểm lâm huyện Con Cuông.", "Hạt Kiểm lâm huyện Con Cuông"),
    ("Đoàn đã kiểm tra tại Đội Quản lý thị trường số 2.", "Đội Quản lý thị trường số 2"),
    ("Đoàn đã kiểm tra tại Bệnh viện Đa khoa huyện Giồng Riềng.", "Bệnh viện Đa khoa huyện Giồng Riềng"),
])
def test_long_and_branch_names_stay_whole(text, unit):
    assert by_name(text)[unit].data["role"] == "inspected"


def test_the_unit_a_report_keeps_naming_is_inspected_when_no_cue_says_so():
    text = ("Mộc Châu: Bốn cán bộ, công chức xã Chiềng Hắc nghỉ không phép sau kiểm tra công vụ\n\n"
            "Chủ tịch UBND huyện Mộc Châu đã ký quyết định với bốn công chức UBND xã Chiềng Hắc.\n\n"
            "Trước đó, tổ kiểm tra công vụ huyện Mộc Châu nhận được phản ánh của người dân.")
    units = by_name(text)
    assert units["xã Chiềng Hắc"].data["role"] == "inspected"
    assert units["UBND huyện Mộc Châu"].data["role"] == "mentioned"
    # never without an inspecting body
    assert all(m.data["role"] != "inspected" for m in extract_units(text, split(text), []))


@pytest.mark.parametrize("text, unit", [
    ("UBND tỉnh vừa phê bình Chủ tịch UBND các huyện Ba Tơ, Sơn Hà vì chậm báo cáo.", "Sơn Hà"),
    ("Thị xã đã kiểm điểm nghiêm khắc Chủ tịch UBND xã Cẩm Lĩnh vì để công chức bỏ vị trí.", "UBND xã Cẩm Lĩnh"),
    ("Thành phố đã kiểm điểm nghiêm khắc một số viên chức liên quan tại Phòng Quản lý đô thị.",
     "Phòng Quản lý đô thị"),
    ("UBND thị xã đề nghị xử lý hành chính đối với ba công chức xã Tân Phước.", "xã Tân Phước"),
    ("UBND huyện kỷ luật cảnh cáo ông Nguyễn Văn A, nguyên Chủ tịch UBND xã Bình Minh.", "UBND xã Bình Minh"),
    ("Thị xã vừa kỷ luật ông Lê Minh Đạt (trưởng Công an xã Phước Hưng) bằng hình thức khiển trách.",
     "Công an xã Phước Hưng"),
])
def test_the_unit_whose_people_are_reprimanded_is_inspected(text, unit):
    assert by_name(text)[unit].data["role"] == "inspected"


def test_the_unit_whose_people_received_a_sanction_is_inspected_but_not_who_applied_it(tmp_path):
    from pipeline.jobs.process import process_file  # the whole chain: sanctions promote units after findings
    path = tmp_path / "sanction.txt"
    path.write_text("Kỷ luật cán bộ\n\nQua kiểm tra công vụ, Sở Nội vụ cho biết: nhiều viên chức ở Sở Tư pháp "
                    "tỉnh Bình Thuận đã bị khiển trách. UBND tỉnh Lâm Đồng đã kỷ luật 2 cán bộ.", "utf-8")
    out = process_file(path)
    roles = {u["name"]: u["role"] for u in out["units"]}
    assert roles["Sở Tư pháp tỉnh Bình Thuận"] == "inspected"
    assert roles["UBND tỉnh Lâm Đồng"] != "inspected"


def test_a_bare_thanh_pho_outside_the_central_cities_is_the_city_the_report_names():
    text = ("Ban Văn hóa - Xã hội HĐND tỉnh Gia Lai vừa giám sát tại UBND thành phố Pleiku. "
            "Theo lãnh đạo UBND thành phố, trong năm đơn vị đã nhận 9.315 hồ sơ.")
    units = units_of(text)
    cities = [m for m in units if m.data["level"] == "thanh_pho"]
    assert [(m.data["canonical"], len(m.data["spans"])) for m in cities] == [("Ủy ban nhân dân thành phố Pleiku", 2)]


def test_a_council_committee_keeps_its_council():
    text = "Ban Pháp chế HĐND tỉnh đã giám sát tại UBND xã Ea Phê."
    assert by_name(text)["Ban Pháp chế HĐND tỉnh"].data["level"] == "ban"


def test_places_listed_after_a_counted_level_are_units_of_that_level():
    for written in ("UBND 5 xã:", "năm xã gồm:"):
        text = (f"Đoàn kiểm tra đã kiểm tra đột xuất tại {written} Cẩm Bình, Cẩm Vịnh, Cẩm Thành, Cẩm Quang và "
                "Cẩm Hà. Có 3 xã: chưa niêm yết.")
        units = units_of(text)
        assert [(m.data["canonical"], m.data["role"]) for m in units] == [
            (f"xã {n}", "inspected") for n in ("Cẩm Bình", "Cẩm Vịnh", "Cẩm Thành", "Cẩm Quang", "Cẩm Hà")]


def test_an_inspected_one_stop_shop_names_its_unit():
    text = ("Sở Nội vụ kiểm tra công vụ tại huyện Tuy An\n\n"
            "Đoàn kiểm tra đã kiểm tra tại UBND thị trấn Chí Thạnh và Bộ phận Một cửa huyện Tuy An.")
    unit = next(m for m in units_of(text) if m.data["canonical"] == "huyện Tuy An")
    assert unit.data["name"] == "Bộ phận Một cửa huyện Tuy An" and unit.start == text.index("Bộ phận")
    assert len(unit.data["spans"]) == 2


def test_a_letterhead_in_capitals_does_not_name_the_unit():
    text = ("UBND HUYỆN TAM ĐƯỜNG\n\nĐoàn kiểm tra đã kiểm tra tại UBND huyện Tam Đường.")
    (unit,) = [m for m in units_of(text) if m.data["level"] == "huyen"]
    assert (unit.data["name"], unit.data["canonical"]) == ("UBND huyện Tam Đường", "Ủy ban nhân dân huyện Tam Đường")


def test_units_in_the_unit_column_of_a_results_table_are_inspected():
    text = ("Kết quả kiểm tra:\n\nSTT | Đơn vị | Đi muộn | Không đeo thẻ\n1 | UBND huyện Gia Viễn | 3 | 0\n"
            "2 | Sở Tài nguyên và Môi trường | 5 | 0\n\nGhi chú | Sở Nội vụ tổng hợp\nUBND tỉnh | theo dõi")
    roles = {m.data["name"]: m.data["role"] for m in units_of(text)}
    assert roles["UBND huyện Gia Viễn"] == roles["Sở Tài nguyên và Môi trường"] == "inspected"
    assert roles["UBND tỉnh"] == "mentioned"  # a table whose first column is not a unit column


def test_party_committees_of_a_place_and_their_inspection_committee():
    text = ("UBKT Tỉnh ủy Sóc Trăng đã họp và xem xét kết quả kiểm tra những dấu hiệu sai phạm của "
            "Phó Giám đốc Sở Tài chính. Huyện ủy Mỹ Tú phải tổ chức kiểm điểm.")
    assert [m.data["name"] for m in extract_inspectors(text, split(text))] == ["UBKT Tỉnh ủy Sóc Trăng"]
    found = by_name(text)
    assert found["Tỉnh ủy Sóc Trăng"].data["province"] == "Sóc Trăng"
    assert found["Huyện ủy Mỹ Tú"].data["level"] == "huyen"


def test_a_unit_named_before_a_violation_is_the_one_found_wanting():
    from extractors.counts import extract_counts
    from extractors.findings import extract_findings
    from extractors.units import promote_finding_subjects

    text = ("Đoàn kiểm tra công vụ của Sở Nội vụ đã kiểm tra tại UBND xã An Bình. "
            "Riêng UBND phường Tân Hòa có 6 công chức đi muộn. "
            "Đề nghị UBND huyện Châu Thành chấn chỉnh tình trạng đi muộn.")
    sentences = split(text)
    units = units_of(text)
    findings = extract_findings(text, sentences, units, extract_counts(text))
    promote_finding_subjects(text, units, findings)
    roles = {m.data["name"]: m.data["role"] for m in units}
    assert roles["UBND phường Tân Hòa"] == "inspected"
    assert roles["UBND huyện Châu Thành"] != "inspected"  # asked to act, not found wanting


def test_places_listed_after_a_plural_level_and_names_with_a_dash_for_va():
    text = "Chủ tịch UBND tỉnh nhắc nhở Chủ tịch UBND các huyện: Ba Tơ, Minh Long và Tư Nghĩa do nộp báo cáo muộn."
    assert {"Ba Tơ", "Minh Long", "Tư Nghĩa"} <= {n for n, m in by_name(text).items() if m.data["role"] == "inspected"}
    text = "Đại diện UBND các tỉnh: Sơn La, Điện Biên, Lai Châu cùng tham dự hội nghị."
    assert {"Sơn La", "Điện Biên", "Lai Châu"} <= set(by_name(text))
    text = "Tỉnh yêu cầu Sở LĐ-TB-XH cùng Sở Tài nguyên - Môi trường rút kinh nghiệm."
    assert {"Sở Tài nguyên - Môi trường", "Sở LĐ-TB-XH"} <= set(by_name(text))


def test_the_fatherland_front_committee_of_a_place_is_a_unit_that_supervises():
    from extractors.inspectors import extract_inspectors
    text = "Ngày 14/4/2023, UBMTTQVN phường Hòa Cường Bắc tiến hành giám sát chuyên đề về cải cách hành chính tại UBND phường."
    assert [m.data["name"] for m in extract_inspectors(text, split(text))] == ["UBMTTQVN phường Hòa Cường Bắc"]
    text = "Ban Thường trực Ủy ban MTTQ huyện giám sát tại xã A."
    assert "Ban Thường trực Ủy ban MTTQ huyện" in by_name(text)


def test_the_actor_a_qualifier_or_a_whole_province_is_not_found_wanting(tmp_path):
    from pipeline.jobs.process import process_file
    path = tmp_path / "actors.txt"
    path.write_text("Kỷ luật cán bộ đi muộn\n\nQua kiểm tra công vụ, UBND huyện Yên Thành (Nghệ An) vừa ban hành "
                    "quyết định kỷ luật công chức xã Bắc Thành vì đi muộn nhiều lần. Giám đốc Sở Nội vụ tỉnh Hà Tĩnh "
                    "Lê Văn Bình cho biết 3 công chức Sở Tư pháp đi muộn. Toàn tỉnh Gia Lai có 99 hồ sơ quá hạn. "
                    "Một viên chức Chi cục Kiểm lâm (thuộc Sở Nông nghiệp và Môi trường) đã nhiều lần tự ý rời vị trí làm việc.",
                    "utf-8")
    roles = {u["name"]: u["role"] for u in process_file(path)["units"]}
    assert roles["xã Bắc Thành"] == roles["Sở Tư pháp"] == roles["Chi cục Kiểm lâm"] == "inspected"
    assert "inspected" not in {roles["UBND huyện Yên Thành"], roles["Sở Nội vụ tỉnh Hà Tĩnh"], roles["tỉnh Gia Lai"],
                               roles["Sở Nông nghiệp và Môi trường"]}


def test_party_organisations_are_named_with_their_unit():
    text = ("Ủy ban Kiểm tra Trung ương cũng kỷ luật Ban cán sự đảng UBND tỉnh Kon Tum, Ban Cán sự đảng "
            "Bộ Công Thương cùng Đảng ủy Sở Xây dựng, Đảng ủy Bệnh viện Nhi, Chi ủy Chi bộ Trung tâm Y tế huyện Ba Vì. "
            "Đảng ủy xã Tản Lĩnh cũng đã nhóm họp.")
    found = by_name(text)
    for name in ("Ban cán sự đảng UBND tỉnh Kon Tum", "Ban Cán sự đảng Bộ Công Thương", "Đảng ủy Sở Xây dựng",
                 "Đảng ủy Bệnh viện Nhi", "Chi ủy Chi bộ Trung tâm Y tế huyện Ba Vì"):
        assert found[name].data["role"] == "inspected", name
    # a place's party committee is a body of its own, not the place's people's committee (corpora/README.md)
    assert found["xã Tản Lĩnh"].data["canonical"] == "Đảng ủy xã Tản Lĩnh"
    both = by_name("Đoàn kiểm tra làm việc với Ban Thường vụ Đảng ủy xã Hòa Bình và UBND xã Hòa Bình.")
    assert {m.data["canonical"] for m in both.values()} == {"Ban Thường vụ Đảng ủy xã Hòa Bình", "Ủy ban nhân dân xã Hòa Bình"}


def test_the_city_named_after_its_province_is_not_the_province():
    text = "UBND tỉnh đã phê bình Chủ tịch UBND các huyện: Vũ Thư, Kiến Xương và TP Thái Bình do giải ngân chậm. UBND TP. Hà Nội cũng họp."
    found = by_name(text)
    assert found["TP Thái Bình"].data["canonical"] == "thành phố Thái Bình"
    assert found["TP Thái Bình"].data["role"] == "inspected"
    assert found["UBND TP. Hà Nội"].data["canonical"] == "Ủy ban nhân dân thành phố Hà Nội"


def test_a_dashed_place_name_and_a_units_own_tally():
    text = ("Tổ kiểm tra ghi nhận nhiều công chức đến cơ quan muộn. Cao nhất là UBND huyện Thuận Bắc: 27 người, "
            "tiếp đến UBND TP Phan Rang - Tháp Chàm: 19 người, Sở Xây dựng: 8 người.")
    found = by_name(text)
    assert found["UBND TP Phan Rang - Tháp Chàm"].data["canonical"] == "Ủy ban nhân dân thành phố Phan Rang - Tháp Chàm"
    assert {n for n, m in found.items() if m.data["role"] == "inspected"} == {
        "UBND huyện Thuận Bắc", "UBND TP Phan Rang - Tháp Chàm", "Sở Xây dựng"}


def test_one_letter_level_abbreviations_need_a_known_name():
    text = "Tỉnh ủy kỷ luật Chủ tịch UBND H.Tuy An; kiểm tra tại UBND P.Phạm Ngũ Lão và UBND Q.1. Ảnh: H.Anh, P.Nam."
    found = by_name(text)
    assert found["UBND H.Tuy An"].data["canonical"] == "Ủy ban nhân dân huyện Tuy An"
    assert {"UBND P.Phạm Ngũ Lão", "UBND Q.1"} <= set(found)
    assert not {"H.Anh", "P.Nam"} & set(found)


def test_apostrophes_in_place_names_and_council_committees_without_a_name():
    text = ("Đoàn công tác của tỉnh làm việc với UBND huyện Đắk R'Lấp. Giám đốc Trung tâm Khuyến nông trình bày báo cáo "
            "tự kiểm điểm. Thường trực HĐND cũng kiểm tra hoạt động của các Ban HĐND các xã.")
    found = by_name(text)
    assert {"UBND huyện Đắk R'Lấp", "Trung tâm Khuyến nông"} <= set(found)
    assert not any(n.startswith("Ban HĐND") for n in found)


def test_the_units_where_a_violation_happened_are_inspected(tmp_path):
    from pipeline.jobs.process import process_file
    path = tmp_path / "sites.txt"
    path.write_text("Hồ sơ chậm trả\n\nKiểm tra ngẫu nhiên 820 hồ sơ, Đoàn phát hiện 57 hồ sơ trễ hạn tại các đơn vị Sở Tư pháp, "
                    "Sở Công Thương và UBND huyện Bù Đăng. Vi phạm khi mua sắm thiết bị của một công ty cổ phần ở "
                    "thị xã Phước Long.", "utf-8")
    roles = {u["name"]: u["role"] for u in process_file(path)["units"]}
    assert roles["Sở Tư pháp"] == roles["Sở Công Thương"] == roles["UBND huyện Bù Đăng"] == "inspected"
    assert roles["thị xã Phước Long"] != "inspected"


def test_a_breakdown_by_unit_names_the_units():
    text = ("Năm qua có 60 cán bộ bị xử lý. Cụ thể, tại Sở Giao thông vận tải: khiển trách 5 người; "
            "tại UBND huyện Đồng Phú: cảnh cáo 2 người.")
    found = by_name(text)
    assert found["Sở Giao thông vận tải"].data["role"] == found["UBND huyện Đồng Phú"].data["role"] == "inspected"


def test_a_list_goes_on_past_an_item_the_scan_did_not_read():
    text = ("UBKT kiểm tra dấu hiệu vi phạm đối với 4 tổ chức đảng, gồm: Đảng ủy Sở Tư pháp, Đảng ủy cơ quan "
            "Quỹ Đầu tư, Đảng ủy Bệnh viện Nhi, Hội Nông dân xã Yên Lạc, Đảng ủy Sở Xây dựng.")
    found = by_name(text)
    for name in ("Đảng ủy Sở Tư pháp", "Đảng ủy Bệnh viện Nhi", "Đảng ủy Sở Xây dựng"):
        assert found[name].data["role"] == "inspected", name


def test_a_few_words_may_describe_the_places_of_an_enumeration():
    text = "Tổ công tác đã làm việc với 3 tỉnh miền núi: Lào Cai, Yên Bái và Hà Giang."
    found = by_name(text)
    assert all(found[n].data["role"] == "inspected" for n in ("Lào Cai", "Yên Bái", "Hà Giang"))


def test_the_unit_where_wrongdoing_was_found_is_inspected():
    text = "Thị xã đã chuyển vụ việc sang cơ quan công an do phát hiện sai phạm tại UBND xã Ninh Thọ."
    assert by_name(text)["UBND xã Ninh Thọ"].data["role"] == "inspected"


def test_branches_after_a_dash_banks_departments_and_stations():
    text = ("UBND tỉnh phê bình người đứng đầu các cơ quan gồm: Đài Phát thanh và Truyền hình Long An; Cục Thuế Long An; "
            "Ngân hàng Chính sách xã hội - Chi nhánh Long An. Tổ công tác kiểm tra tại Trung tâm Phục vụ "
            "hành chính công Hà Nội - Chi nhánh số 12.")
    found = by_name(text)
    for name in ("Cục Thuế Long An", "Ngân hàng Chính sách xã hội - Chi nhánh Long An",
                 "Đài Phát thanh và Truyền hình Long An",
                 "Trung tâm Phục vụ hành chính công Hà Nội - Chi nhánh số 12"):
        assert found[name].data["role"] == "inspected", name


def test_the_parent_after_thuoc_is_not_inspected():
    text = "UBKT Tỉnh ủy đã cảnh cáo hai đảng viên công tác tại Trung tâm Bảo trợ xã hội, thuộc Sở Lao động, Thương binh và Xã hội."
    found = by_name(text)
    assert found["Trung tâm Bảo trợ xã hội"].data["role"] == "inspected"
    assert found["Sở Lao động, Thương binh và Xã hội"].data["role"] == "mentioned"


def test_the_actor_after_a_cue_is_not_inspected_but_a_speaker_is():
    text = ("Đoàn kiểm tra, giám sát cải cách hành chính của UBND TP Cần Thơ vừa ban hành thông báo kết luận. "
            "Đoàn đã làm việc với UBND huyện Phong Điền. Đại diện lãnh đạo UBND xã Tân Thới cho biết đã chấn chỉnh.")
    roles = {n: m.data["role"] for n, m in by_name(text).items()}
    assert roles["UBND TP Cần Thơ"] != "inspected"
    assert roles["UBND huyện Phong Điền"] == roles["UBND xã Tân Thới"] == "inspected"


def test_a_source_a_disciplining_body_and_a_speakers_agency_are_not_found_wanting(tmp_path):
    from pipeline.jobs.process import process_file
    path = tmp_path / "sources.txt"
    path.write_text("Cán bộ đi muộn\n\nTheo đánh giá của Thanh tra tỉnh Hà Nam, nhiều công chức đi muộn. "
                    "Hội đồng kỷ luật huyện Kim Bảng đã kiểm điểm 2 công chức đi muộn. Ông Lê Văn Hải, giám đốc "
                    "Sở Nội vụ Hà Nam, nói 3 công chức xã Thanh Hà đi muộn.", "utf-8")
    roles = {u["name"]: u["role"] for u in process_file(path)["units"]}
    assert "inspected" not in {roles["Thanh tra tỉnh Hà Nam"], roles["huyện Kim Bảng"], roles["Sở Nội vụ Hà Nam"]}
    assert roles["xã Thanh Hà"] == "inspected"


def test_the_workplace_of_a_person_disciplined_is_inspected():
    text = ("UBND tỉnh đã kỷ luật cảnh cáo các ông: Đỗ Văn Minh - Phó Giám đốc Sở Tài chính; Lý Văn Tâm-Phó Chủ tịch "
            "UBND huyện Đông Anh. Ủy ban Kiểm tra đề nghị khai trừ ông Hà Văn Phúc (nguyên Tỉnh ủy viên, nguyên Bí thư "
            "Huyện ủy Đắk Song) vì nhiều vi phạm. Ông Phan Văn Dũng - nguyên Giám đốc Sở Giao thông vận tải tỉnh Bạc Liêu "
            "cũng bị khiển trách.")
    roles = {n: m.data["role"] for n, m in by_name(text).items()}
    assert roles["Sở Tài chính"] == roles["UBND huyện Đông Anh"] == roles["Huyện ủy Đắk Song"] == "inspected"
    assert roles["Sở Giao thông vận tải tỉnh Bạc Liêu"] == "inspected"


def test_a_speaker_leader_or_province_beside_a_sanction_is_not_a_workplace():
    text = ("Theo ông Đỗ Văn Minh, Giám đốc Sở Nội vụ, huyện đã kỷ luật 3 người. Ông Lý Văn Tâm - Bí thư Huyện ủy "
            "Sơn Hòa - xác nhận 4 cán bộ bị khiển trách. Đoàn do ông Hà Văn Phúc, Phó Giám đốc Sở Xây dựng làm "
            "trưởng đoàn; 2 người bị kỷ luật. Bị cảnh cáo có ông Phan Văn Dũng (Phó Chủ tịch UBND tỉnh Hà Giang). Ông "
            "Bùi Văn Nam, Phó Chủ tịch UBND quận Hải An, Trưởng đoàn, nhấn mạnh 2 công chức bị kỷ luật.")
    roles = {n: m.data["role"] for n, m in by_name(text).items()}
    assert "inspected" not in {roles["Sở Nội vụ"], roles["Huyện ủy Sơn Hòa"], roles["Sở Xây dựng"],
                               roles["UBND tỉnh Hà Giang"], roles["UBND quận Hải An"]}


def test_a_unit_that_let_a_wrongdoing_happen_is_found_wanting_not_a_persons_body():
    text = ("Qua kiểm tra cho thấy Đảng ủy xã Tân Lập đã để xảy ra việc thu tiền sai quy định. Ông Đỗ Văn Minh - nguyên "
            "Trưởng ban Dân vận Huyện ủy Bình Liêu có vi phạm khi xây nhà trên đất công. Yêu cầu UBND huyện Tiên Yên "
            "không để xảy ra tình trạng này.")
    roles = {n: m.data["role"] for n, m in by_name(text).items()}
    assert roles["xã Tân Lập"] == "inspected"
    assert roles["ban Dân vận Huyện ủy Bình Liêu"] == roles["UBND huyện Tiên Yên"] == "mentioned"


def test_places_listed_after_a_counted_level_and_gom_without_a_colon():
    text = "Báo cáo cho thấy có 3 tỉnh gồm Bắc Ninh, Đồng Nai và Nghệ An không có số liệu tiếp công dân."
    names = {m.data["canonical"] for m in units_of(text)}
    assert {"tỉnh Bắc Ninh", "tỉnh Đồng Nai", "tỉnh Nghệ An"} <= names


def test_a_members_title_and_a_board_of_no_committee_are_no_units():
    text = ("Ông Lò Văn Sinh, Ủy viên Ban Thường vụ Huyện ủy, Chủ tịch UBND huyện Mường La bị cảnh cáo. "
            "Tỉnh ủy còn kỷ luật Ban Thường vụ Đảng ủy, cùng nhiều cán bộ. Khiển trách Ban Thường vụ Huyện ủy Tương Dương.")
    names = set(by_name(text))
    assert not any(n.startswith("Ban Thường vụ") and n != "Ban Thường vụ Huyện ủy Tương Dương" for n in names)
    assert by_name(text)["Ban Thường vụ Huyện ủy Tương Dương"].data["role"] == "inspected"


def test_an_addressee_with_its_leader_an_inspection_committees_party_and_an_inspectorate_are_not_inspected(
        tmp_path):
    from pipeline.jobs.process import process_file
    path = tmp_path / "addressees.txt"
    path.write_text("Thừa cấp phó\n\nQua kiểm tra, Bộ Nội vụ báo cáo Sở Xây dựng tỉnh Tuyên Quang đã bổ nhiệm cấp phó "
                    "vượt số lượng cho phép. Thủ tướng yêu cầu Chủ tịch UBND tỉnh Tuyên Quang tổ chức kiểm điểm những người "
                    "có trách nhiệm trong việc bổ nhiệm này. Ngoài ra, Ủy ban Kiểm tra Tỉnh ủy "
                    "Hà Nam đã họp và cảnh cáo ông Lê Văn Bình vì sai phạm. Theo kết luận của thanh tra tỉnh "
                    "Ninh Bình, Sở Tư pháp trả chậm 12 hồ sơ.", "utf-8")
    roles = {u["name"]: u["role"] for u in process_file(path)["units"]}
    assert roles["Sở Xây dựng tỉnh Tuyên Quang"] == "inspected"
    assert "inspected" not in {r for n, r in roles.items() if "Tuyên Quang" in n and n.startswith("UBND")}
    assert "inspected" not in {r for n, r in roles.items() if "Hà Nam" in n or "Ninh Bình" in n}


def test_a_special_zone_is_a_place_and_a_breakdown_after_trong_do_names_the_site(tmp_path):
    from pipeline.jobs.process import process_file
    path = tmp_path / "zone.txt"
    path.write_text("Hồ sơ quá hạn\n\nQua kiểm tra, tỉnh Khánh Hòa còn 120 hồ sơ xử lý quá hạn, trong đó, đặc khu "
                    "Trường Sa có 40 hồ sơ.", "utf-8")
    roles = {u["name"]: u["role"] for u in process_file(path)["units"]}
    assert roles["đặc khu Trường Sa"] == "inspected"


def test_agencies_listed_by_name_after_a_counted_head_share_it():
    text = ("Đoàn công tác đã làm việc tại 03 Sở ngành: Tư pháp, Kế hoạch và Đầu tư và Giao thông vận tải. "
            "Các Sở đã báo cáo đầy đủ.")
    units = by_name(text)
    assert {units[n].data["canonical"] for n in ("Tư pháp", "Kế hoạch và Đầu tư", "Giao thông vận tải")} == {
        "Sở Tư pháp", "Sở Kế hoạch và Đầu tư", "Sở Giao thông vận tải"}
    assert {units[n].data["role"] for n in ("Tư pháp", "Kế hoạch và Đầu tư", "Giao thông vận tải")} == {"inspected"}
    assert len(units) == 3


def test_bv_is_the_short_form_of_a_hospital():
    text = "Người bệnh chờ lâu tại BV đa khoa tỉnh Phú Thọ. BV sẽ trả lời sau."
    assert [m.data["name"] for m in units_of(text)] == ["BV đa khoa tỉnh Phú Thọ"]


def test_a_health_station_in_lower_case_is_a_unit_with_its_place():
    text = "Đoàn đã kiểm tra trạm y tế xã Ea Kao. Các trạm y tế còn lại được nhắc nhở."
    units = units_of(text)
    assert [(m.data["name"], m.data["role"]) for m in units] == [("trạm y tế xã Ea Kao", "inspected")]


def test_where_counted_things_lie_is_no_site_but_a_body_after_them_is(tmp_path):
    from pipeline.jobs.process import process_file
    path = tmp_path / "land.txt"
    path.write_text("Kê khai tài sản\n\nQua kiểm tra công vụ, 3 cán bộ đi muộn. Ông Lê Văn An không kê khai theo quy định 2 thửa đất ở xã Tân "
                    "Phú. Qua kiểm tra, còn 12 hồ sơ trễ hạn tại UBND xã Tân Hưng.", "utf-8")
    roles = {u["name"]: u["role"] for u in process_file(path)["units"]}
    assert roles["xã Tân Phú"] != "inspected"
    assert roles["UBND xã Tân Hưng"] == "inspected"


def test_a_district_given_its_rate_is_assessed_but_not_a_province():
    text = ("Huyện Kỳ Sơn đứng thứ nhất với tỷ lệ hồ sơ chậm 0,5%. Tỉnh Gia Lai có tỷ lệ 2%. "
            "Huyện Tam Nông đã tổ chức hội nghị.")
    roles = {n: m.data["role"] for n, m in by_name(text).items()}
    assert roles["Huyện Kỳ Sơn"] == "inspected"
    assert roles["Tỉnh Gia Lai"] == roles["Huyện Tam Nông"] == "mentioned"


@pytest.mark.parametrize("text, unit, role", [
    ("Tổ công tác có mặt từ 7 giờ 30. Xã Ân Phong, huyện Hoài Ân có tới 9/18 cán bộ, công chức vắng mặt không lý do.",
     "Xã Ân Phong", "inspected"),
    ("Qua kiểm tra, Sở Xây dựng có 12 hồ sơ trễ hạn.", "Sở Xây dựng", "inspected"),
    ("Qua kiểm tra, Sở Xây dựng có 12 hồ sơ được giải quyết đúng hạn.", "Sở Xây dựng", "mentioned"),
    ("Qua kiểm tra, tỉnh Bình Định có 120 hồ sơ trễ hạn.", "tỉnh Bình Định", "mentioned"),  # a whole province
])
def test_a_unit_counting_its_own_faults_is_found_wanting(text, unit, role):
    assert by_name(text)[unit].data["role"] == role


@pytest.mark.parametrize("written, acts", [
    ("Bộ trưởng Bộ Y tế bất ngờ kiểm tra một bệnh viện tuyến huyện lúc sáng sớm.", True),   # inspects in person: not at fault
    ("Sở Nội vụ đột xuất kiểm tra tại UBND xã.", True),
    ("Sở Nội vụ có 3 hồ sơ trễ hạn.", False),
])
def test_a_unit_that_inspects_in_person_acts(written, acts):
    from extractors.units import _acts
    end = written.index("Bộ Y tế") + len("Bộ Y tế") if "Bộ Y tế" in written else len("Sở Nội vụ")
    assert _acts(written, end) is acts


def test_units_listed_with_their_own_figures_after_one_found_wanting(tmp_path):
    from pipeline.jobs.process import process_file
    path = tmp_path / "figures.txt"
    path.write_text("Chậm trả hồ sơ\n\nKết luận của Thanh tra tỉnh Tây Ninh nêu 3 địa phương để hồ sơ trễ hạn "
                    "nhiều nhất gồm: TX.Hòa Thành có 52/410 hồ sơ (12,7%); H.Tân Biên có 37/296 hồ sơ (12,5%); "
                    "H.Gò Dầu 21/188 hồ sơ (11,2%).", "utf-8")
    roles = {u["name"]: u["role"] for u in process_file(path)["units"]}
    assert roles["TX.Hòa Thành"] == roles["H.Tân Biên"] == roles["H.Gò Dầu"] == "inspected"


def test_the_unit_of_an_acting_leader_is_not_found_wanting_elsewhere(tmp_path):
    from pipeline.jobs.process import process_file
    path = tmp_path / "leader.txt"
    path.write_text("Cảnh cáo một giám đốc\n\nSáng 21/10, Chủ tịch UBND tỉnh Tuyên Quang ký quyết định kỷ luật cảnh cáo "
                    "ông Lê Văn Hùng, Giám đốc Trung tâm Y tế TP.Tuyên Quang vì sai phạm trong quản lý. "
                    "UBND tỉnh Tuyên Quang cho biết sẽ xử lý nghiêm mọi tập thể, cá nhân có vi phạm.", "utf-8")
    roles = {u["canonical"]: u["role"] for u in process_file(path)["units"]}
    assert roles["Ủy ban nhân dân tỉnh Tuyên Quang"] != "inspected"


@pytest.mark.parametrize("text, unit, role", [
    ("Thanh tra “bắt lỗi” một Trung tâm Phát triển quỹ đất tại Tp.HCM vì làm sai quy trình.", "Tp.HCM", "mentioned"),
    ("Đoàn đã kiểm tra Trường THCS Hòa Bình ở xã Tân Lập.", "xã Tân Lập", "mentioned"),
    ("Đoàn đã kiểm tra tại xã Tân Lập.", "xã Tân Lập", "inspected"),
])
def test_a_place_right_after_a_unit_is_its_address(text, unit, role):
    assert by_name(text)[unit].data["role"] == role


def test_a_commune_stays_a_unit_beside_its_acting_party_committee():
    from extractors.inspectors import extract_inspectors
    text = "Đảng ủy xã Long Điền, huyện Đông Hải (Bạc Liêu) đang làm rõ việc ba công chức uống rượu trong giờ hành chính."
    units = extract_units(text, split(text), inspectors=extract_inspectors(text, split(text)))
    assert not any(u.data["issuer"] for u in units if u.data["name"] == "xã Long Điền")


def test_a_province_named_bare_then_by_its_committee_goes_by_the_committee():
    text = ("Kỷ luật lãnh đạo tỉnh Bắc Kạn.\n"
            "Thủ tướng đã ký quyết định khiển trách ông Lê Minh Hòa, "
            "Chủ tịch UBND tỉnh Bắc Kạn.")
    names = [m.data["canonical"] for m in units_of(text) if "Bắc Kạn" in m.data["canonical"]]
    assert names == ["Ủy ban nhân dân tỉnh Bắc Kạn"]


def test_a_party_committee_does_not_yield_to_the_peoples_committee():
    text = ("Tỉnh ủy Vĩnh Phúc nhận hình thức kỷ luật. Ông Lương Văn Tiến, Phó Bí thư Tỉnh ủy kiêm Chủ tịch UBND tỉnh "
            "Vĩnh Phúc chịu một phần trách nhiệm.")
    names = [m.data["name"] for m in units_of(text) if "Vĩnh Phúc" in m.data["canonical"]]
    # the party committee is a unit of its own, named as written; the people's committee stays apart
    assert "Tỉnh ủy Vĩnh Phúc" in names
    assert by_name(text)["Tỉnh ủy Vĩnh Phúc"].data["canonical"] == "Tỉnh ủy Vĩnh Phúc"


def test_agency_head_broken_across_lines_is_found_not_a_crash():
    """An agency head split by a paragraph break (a page's layout) was a KeyError for the whole document."""
    from extractors.lexicon import fold
    from extractors.unit_scan import scan_units

    text = "Kết luận của Thanh\n\ntra Chính phủ về UBND tỉnh Hà Giang."
    assert [text[u.start:u.end] for u in scan_units(text, fold(text))] == ["Thanh\n\ntra Chính phủ", "UBND tỉnh Hà Giang"]


# ---------------------------------------------------------------- workplaces of people disciplined (batch 6)


def test_a_party_committee_between_title_and_commune_keeps_the_workplace():
    text = ("Ban Thường vụ Tỉnh ủy Cao Bằng đã kỷ luật ông Hoàng Văn Tú - Phó Bí thư Thường trực "
            "Đảng ủy xã Quang Trung, hình thức khiển trách.")
    assert inspected(text) == {"Đảng ủy xã Quang Trung"}  # the commune's party committee, a unit of its own
    assert "xã Quang Trung" in by_name(text)  # named as scanned, so either spelling of the workplace matches


def test_the_body_that_manages_party_members_is_no_unit_at_fault():
    text = ("Ban Thường vụ Huyện ủy Tam Dương vừa có các quyết định kỷ luật đối với một số cán bộ "
            "thuộc diện Ban Thường vụ Huyện ủy theo dõi.")
    assert not any("Ban Thường vụ" in name for name in inspected(text))


def test_a_person_after_a_bare_level_is_no_place_name():
    text = ("Ban Thường vụ Tỉnh ủy vừa xử lý kỷ luật một số cán bộ huyện Yên Lập. Trong đó, với Chủ tịch "
            "UBND huyện Nguyễn Văn A: kỷ luật khiển trách.")
    names = {m.data["name"] for m in units_of(text)}
    assert not any("Nguyễn" in name for name in names)
    assert any(name.endswith("huyện Yên Lập") for name in inspected(text))


def test_a_unit_labelled_with_a_sanction_is_at_fault():
    text = "Riêng tập thể Ban Thường vụ Huyện ủy Cẩm Khê: kỷ luật khiển trách."
    assert any("Cẩm Khê" in name for name in inspected(text))


def test_a_place_party_committee_is_a_unit_of_its_own():
    text = ("Ban Thường vụ Tỉnh ủy kỷ luật ông A - Bí thư Huyện ủy Duyên Hải. "
            "UBND huyện Duyên Hải đã báo cáo.")
    names = {m.data["canonical"] for m in units_of(text)}
    assert "Huyện ủy Duyên Hải" in names and "Ủy ban nhân dân huyện Duyên Hải" in names


def test_a_units_party_body_before_its_name_keeps_the_cue():
    text = ("Ủy ban Kiểm tra Huyện ủy đã làm rõ các vi phạm đối với Chi ủy Chi bộ Phòng Tài nguyên và Môi trường "
            "huyện Chợ Gạo trong năm 2022.")
    assert any(name.startswith("Phòng Tài nguyên và Môi trường") for name in inspected(text))


def test_a_list_may_name_its_next_item_by_the_office_of_its_head():
    text = ("Chủ tịch UBND tỉnh đã phê bình Giám đốc Sở Xây dựng, Chủ tịch UBND huyện Đồi Mây "
            "và Chủ tịch UBND xã Suối Ngọc vì chậm trả lời đơn của dân.")
    found = inspected(text)
    assert any("Đồi Mây" in name for name in found) and any("Suối Ngọc" in name for name in found)


def test_an_office_with_its_holders_name_opens_the_next_clause():
    text = ("Đoàn đã kiểm tra công vụ tại UBND xã Suối Ngọc, Chủ tịch UBND huyện Đồi Mây Lê Văn Tám "
            "nhắc cán bộ giữ kỷ cương.")
    found = inspected(text)
    assert any("Suối Ngọc" in name for name in found) and not any("Đồi Mây" in name for name in found)


def test_a_heads_responsibility_examined_names_the_unit():
    text = ("Kết luận nêu rõ trách nhiệm của Chủ tịch UBND huyện Đồi Mây trong việc để hồ sơ trễ hạn kéo dài. "
            "UBND xã Suối Ngọc đã báo cáo đầy đủ.")
    assert any("Đồi Mây" in name for name in inspected(text))
    text = "Từng tổ trưởng thôn sẽ trả lời, nhận trách nhiệm trước Chủ tịch UBND huyện Đồi Mây về sổ sách."
    assert not any("Đồi Mây" in name for name in inspected(text))


def test_a_unit_with_its_own_count_of_people_sanctioned_is_at_fault():
    text = ("Sau thanh tra, đã kiểm điểm 9 tổ chức, 20 cá nhân; trong đó UBND huyện Đồi Mây kiểm điểm 2 tổ chức, "
            "5 cá nhân; UBND xã Suối Ngọc 1 người bị khiển trách.")
    found = inspected(text)
    assert any("Đồi Mây" in name for name in found) and any("Suối Ngọc" in name for name in found)


@pytest.mark.parametrize("name", ["Ban chỉ huy Quân sự huyện Đồi Mây", "Liên đoàn Lao động tỉnh Hòa Bình",
                                  "Hội nông dân xã Suối Ngọc", "Ban Tuyên giáo Tỉnh ủy Hòa Bình"])
def test_more_kinds_of_public_bodies_are_units(name):
    text = f"Qua kiểm tra, ông Lê Văn Tám - cán bộ {name} bị kỷ luật khiển trách vì vắng mặt nhiều ngày."
    assert name in by_name(text)


def test_a_mass_organisation_without_a_place_stays_an_office():
    assert not units_of("Bà Lê Thị Na, Chủ tịch Hội phụ nữ phường, đã báo cáo.")



def test_the_subject_after_a_conclusions_opener_is_inspected():
    text = "Kết quả kiểm tra cho thấy, UBND xã Suối Ngọc chưa niêm yết công khai thủ tục hành chính."
    assert any("Suối Ngọc" in name for name in inspected(text))
    text = "Kết quả thanh tra cho thấy: trong năm 2023, UBND xã Suối Ngọc đã lập đủ sổ sách."
    assert any("Suối Ngọc" in name for name in inspected(text))
    text = "Kết quả kiểm tra cho thấy, Phó Giám đốc Sở Xây dựng Lê Văn Tám ghi nhận nhiều cố gắng."
    assert not inspected(text)
    text = "Thời kỳ thanh tra, Chủ tịch UBND huyện Đồi Mây đã quan tâm chỉ đạo công tác tiếp dân."
    assert any("Đồi Mây" in name for name in inspected(text))
    text = "Kết quả kiểm tra cho thấy, UBND huyện Đồi Mây yêu cầu các xã chấn chỉnh ngay."
    assert not any("Đồi Mây" in name for name in inspected(text))


@pytest.mark.parametrize("text, name", [
    ("Kỷ luật bà Lê Thị Na, chuyên viên Phòng Quản lý Rừng vì chậm trình hồ sơ.", "Phòng Quản lý Rừng"),
    ("Bệnh viện Đồi Mây nhiệm kỳ 2020-2025 bị khiển trách.", "Bệnh viện Đồi Mây"),
    ("Trung tâm Dịch vụ Việc làm Đồi Mây xác nhận đã nhận công văn.", "Trung tâm Dịch vụ Việc làm Đồi Mây"),
])
def test_a_generic_name_stops_at_a_reason_a_term_or_a_sources_verb(text, name):
    assert name in by_name(text)


def test_a_deputy_heads_title_is_no_unit():
    assert not units_of("Ông Lê Văn Tám, Chi cục Phó, đã ký biên bản.")


def test_a_unit_whose_head_must_review_their_own_conduct_is_at_fault():
    text = "Ủy ban Kiểm tra yêu cầu Bí thư Huyện ủy và Chủ tịch UBND huyện Đồi Mây kiểm điểm nghiêm túc."
    assert any("Đồi Mây" in name for name in inspected(text))
    text = "Sau đó, Chủ tịch UBND tỉnh Hòa Bình kiểm điểm trách nhiệm đối với ông Lê Văn Tám."
    assert not inspected(text)


@pytest.mark.parametrize("text, unit", [
    ("Theo thông báo, Phó Giám đốc Sở Du lịch Hà Văn Lực bị khiển trách vì đi họp trễ.", "Sở Du lịch"),
    ("Kết quả, Chủ tịch UBND xã Suối Ngọc phải nhận hình thức kỷ luật cảnh cáo.", "UBND xã Suối Ngọc"),
    ("Trưởng phòng Kinh tế huyện Cầu Gỗ Mai Thị Duyên phải tự kiểm điểm, rút kinh nghiệm về việc chậm trả lời dân.",
     "phòng Kinh tế huyện Cầu Gỗ"),
    ("Cũng trong kỳ họp, Đảng ủy xã Suối Tre bị kỷ luật khiển trách.", "xã Suối Tre"),
])
def test_a_unit_whose_head_is_sanctioned_or_reviews_their_conduct_is_at_fault(text, unit):
    assert by_name(text)[unit].data["role"] == "inspected"


def test_a_head_who_acts_or_reviews_others_leaves_the_unit_mentioned():
    assert not inspected("Giám đốc Sở Du lịch Hà Văn Lực phát biểu tại hội nghị về việc tiếp khách.")
    assert not inspected("Chủ tịch UBND huyện Cầu Gỗ kiểm điểm trách nhiệm đối với bà Mai Thị Duyên.")


@pytest.mark.parametrize("board", ["Ban quản lý dự án huyện Cầu Gỗ", "Ban Bồi thường, giải phóng mặt bằng thị xã Đồi Mây",
                                   "Ban Quản lý dự án giao thông tỉnh Gia Lai"])
def test_project_and_land_clearance_boards_are_units(board):
    text = f"Tổ công tác của Sở Nội vụ kiểm tra đột xuất tại {board} lúc 8 giờ."
    assert board in by_name(text) and by_name(text)[board].data["role"] == "inspected"


@pytest.mark.parametrize("address", [", huyện Bố Trạch, Quảng Bình", ", huyện Bố Trạch, tỉnh Quảng Bình",
                                     " (H.Bố Trạch, Quảng Bình)", ", TP Đồng Hới, tỉnh Quảng Bình"])
def test_the_province_closing_an_address_chain_is_no_unit(address):
    text = f"Ông Lê Văn Tám, Phó Chủ tịch UBND xã Lộc Ninh{address}, đã bị kỷ luật khiển trách."
    assert inspected(text) == {"Ủy ban nhân dân xã Lộc Ninh"}
    assert by_name(text)["UBND xã Lộc Ninh"].data["province"] == "Quảng Bình"


def test_units_listed_after_a_plural_a_fault_is_said_of_are_at_fault():
    found = inspected("Các đơn vị đầu tiên bị nhắc nhở là UBND xã Suối Ngọc, UBND huyện Đồi Mây.")
    assert any("Suối Ngọc" in name for name in found) and any("Đồi Mây" in name for name in found)
    assert inspected("Một số đơn vị còn chậm trả hồ sơ, như Sở Xây dựng, Sở Tư pháp.") == {"Sở Xây dựng", "Sở Tư pháp"}
    assert not inspected("Các đơn vị tham dự gồm Sở Xây dựng, Sở Tư pháp.")


def test_the_units_of_people_absent_at_a_roll_call_are_at_fault():
    found = inspected("Tại buổi họp, vắng mặt hai lãnh đạo huyện Đồi Mây, huyện Suối Ngọc và huyện Cầu Gỗ.")
    assert found == {"huyện Đồi Mây", "huyện Suối Ngọc", "huyện Cầu Gỗ"}
    assert inspected("Lúc 8 giờ, vắng 3 công chức xã Suối Ngọc.") == {"xã Suối Ngọc"}


@pytest.mark.parametrize("text, unit", [
    ("UBKT Tỉnh ủy Hòa Bình kết luận: những sai phạm của UBND xã Suối Tre chưa đến mức kỷ luật.", "UBND xã Suối Tre"),
    ("Ông Lê Văn Tám chịu trách nhiệm về khuyết điểm của Ban Thường vụ Huyện ủy Lạc Thủy nhiệm kỳ trước.",
     "Ban Thường vụ Huyện ủy Lạc Thủy"),
])
def test_the_unit_a_wrongdoing_belongs_to_is_at_fault(text, unit):
    assert by_name(text)[unit].data["role"] == "inspected"


def test_a_rule_maker_after_a_breach_is_no_unit_at_fault():
    text = "Đoàn kiểm tra phát hiện xã Suối Tre vi phạm quy định của UBND tỉnh Hòa Bình về thu phí."
    assert "UBND tỉnh Hòa Bình" not in {m.data["name"] for m in units_of(text) if m.data["role"] == "inspected"}


def test_a_disciplined_persons_titles_joined_by_a_dash_still_name_the_workplace():
    text = ("Hai đảng viên bị kỷ luật cảnh cáo là ông Lê Văn Tám (phó bí thư - chủ tịch UBND xã Suối Tre) "
            "và bà Trần Thị Na, đảng ủy viên - phó chủ tịch UBND xã Đồi Mây.")
    assert inspected(text) == {"Ủy ban nhân dân xã Suối Tre", "Ủy ban nhân dân xã Đồi Mây"}


def test_a_provinces_disease_control_centre_by_its_short_form_is_a_unit():
    text = "Khiển trách ông Lê Văn Tám, Phó Giám đốc CDC Phú Thọ, vì sai phạm trong mua sắm."
    assert {m.data["name"] for m in units_of(text) if m.data["role"] == "inspected"} == {"CDC Phú Thọ"}
    assert "Trung tâm Kiểm soát bệnh tật tỉnh Phú Thọ" in by_name(
        "Đoàn đã kiểm tra tại Trung tâm Kiểm soát bệnh tật tỉnh Phú Thọ.")
    assert not units_of("Ông Lê Văn Tám nói CDC sẽ báo cáo sau.")


def test_a_cooperative_is_no_commune():
    assert not any(m.data["level"] == "xa" for m in units_of("Sai phạm tại Hợp tác xã Suối Tre đã được làm rõ."))


def test_the_body_whose_responsibility_is_inspected_is_the_unit():
    text = "Năm ngoái, đoàn của Bộ đã thanh tra trách nhiệm của UBND tỉnh Phú Thọ về giữ rừng đầu nguồn."
    assert inspected(text) == {"Ủy ban nhân dân tỉnh Phú Thọ"}
    text = "Sở đã kiểm tra trách nhiệm để xảy ra chậm trễ trong cấp sổ tại UBND phường Đồi Mây."
    assert inspected(text) == {"Ủy ban nhân dân phường Đồi Mây"}
    assert not inspected("Đoàn thanh tra trách nhiệm quản lý đất đai trên địa bàn tỉnh Phú Thọ.")


@pytest.mark.parametrize("text, unit", [
    ("Kỷ luật khiển trách ông Lê Văn Tám, Trưởng phòng Tư pháp huyện Đồi Mây, vì chậm trình hồ sơ.",
     "phòng Tư pháp huyện Đồi Mây"),
    ("Cảnh cáo bà Trần Thị Na, nguyên Phó trưởng ban Dân vận Huyện ủy Suối Tre.", "ban Dân vận Huyện ủy Suối Tre"),
    ("Khiển trách ông Lê Văn Tám, Phó phòng Nội vụ huyện Đồi Mây.", "phòng Nội vụ huyện Đồi Mây"),
    ("Kỷ luật bà Trần Thị Na, chuyên viên Phòng Kinh tế xã Suối Tre.", "Phòng Kinh tế xã Suối Tre"),
])
def test_the_office_a_disciplined_person_heads_is_the_unit_even_in_lower_case(text, unit):
    assert by_name(text)[unit].data["role"] == "inspected"


def test_a_lower_case_head_after_a_title_needs_a_known_name():
    assert not units_of("Ông Lê Văn Tám, Trưởng ban chỉ đạo phong trào, phát biểu.")
    assert not units_of("Bà Trần Thị Na, trưởng phòng họp báo.")


def test_units_listed_with_their_own_figures_after_a_plural_are_named_with_a_result():
    text = ("Một số đơn vị có lượng hồ sơ trực tuyến lớn gồm: UBND huyện Đồi Mây (1.204 hồ sơ), "
            "UBND huyện Suối Tre (987 hồ sơ); UBND huyện Cầu Gỗ (640 hồ sơ).")
    assert inspected(text) == {"Ủy ban nhân dân huyện Đồi Mây", "Ủy ban nhân dân huyện Suối Tre",
                               "Ủy ban nhân dân huyện Cầu Gỗ"}
    assert not inspected("Các đơn vị tham dự gồm: UBND huyện Đồi Mây, UBND huyện Suối Tre.")


def test_a_fault_said_after_a_list_opened_by_a_plural_covers_its_items():
    text = "Rà soát cho thấy còn một số các phòng như: Phòng Tư pháp, Phòng Nội vụ vẫn để hồ sơ chậm trả."
    assert inspected(text) == {"Phòng Tư pháp", "Phòng Nội vụ"}


def test_a_fault_list_may_name_the_fault_at_length_before_its_units():
    text = ("Có một số đơn vị chưa thực hiện việc nhận và xử lý hồ sơ của người dân qua hệ thống dịch vụ công "
            "trực tuyến dùng chung của tỉnh như: Sở Tư pháp, Sở Xây dựng.")
    assert inspected(text) == {"Sở Tư pháp", "Sở Xây dựng"}


def test_a_sanction_received_after_another_sanction_still_names_the_unit(tmp_path):
    from pipeline.jobs.process import process_file
    path = tmp_path / "sanction.txt"
    path.write_text("Kỷ luật cán bộ xã\n\nHuyện Đồi Mây cho biết hai cán bộ ở xã Suối Tre đã bị kỷ luật Đảng và "
                    "cách chức vì giữ lại tiền hỗ trợ.", "utf-8")
    roles = {u["name"]: u["role"] for u in process_file(path)["units"]}
    assert roles["xã Suối Tre"] == "inspected"


def test_units_given_their_share_of_a_total_just_stated_are_named_with_a_result():
    text = "Qua thanh tra đã phát hiện 6 vụ sai phạm về đất; trong đó, huyện Đồi Mây có 4 vụ, huyện Suối Tre có 2 vụ."
    assert inspected(text) == {"huyện Đồi Mây", "huyện Suối Tre"}
    assert not inspected("Năm nay toàn tỉnh có 6 trường mới; trong đó, tỉnh Phú Thọ có 4 trường.")


def test_a_plural_head_written_once_carries_over_its_abbreviated_names():
    names = {m.data["canonical"] for m in units_of("Hồ sơ còn thiếu tại các sở TN&MT, GTVT và Tư pháp.")}
    assert {"Sở Tài nguyên và Môi trường", "Sở Giao thông vận tải", "Sở Tư pháp"} <= names
    names = {m.data["canonical"] for m in units_of("Phê bình cá nhân thuộc sở: KH-ĐT, Xây dựng.")}
    assert {"Sở Kế hoạch và Đầu tư", "Sở Xây dựng"} <= names
    assert not units_of("Các sở đã báo cáo đầy đủ.")


def test_an_agency_of_a_bare_place_is_the_one_place_of_that_level_the_report_names():
    text = ("Đoàn kiểm tra tại phường Suối Tre. Kỷ luật ông Lê Văn Tám, Trưởng Công an phường, vì bỏ vị trí.")
    assert "Công an phường Suối Tre" in inspected(text)
    text = "Đoàn kiểm tra tại phường Suối Tre và phường Đồi Mây. Ông Lê Văn Tám, Trưởng Công an phường, vắng mặt."
    assert not any(name.endswith("Suối Tre") and name.startswith("Công an") for name in inspected(text))


@pytest.mark.parametrize("text, unit", [
    ("Khiển trách ông Lê Văn Tám, Phó Chủ tịch UBMTTQ Việt Nam tỉnh Phú Thọ.", "UBMTTQ Việt Nam tỉnh Phú Thọ"),
    ("Cảnh cáo bà Trần Thị Na (Phó Chủ tịch Liên hiệp các Hội Văn học nghệ thuật tỉnh Phú Thọ) vì tham ô.",
     "Liên hiệp các Hội Văn học nghệ thuật tỉnh Phú Thọ"),
    ("Kết luận Chi ủy chi bộ Hội LHPN tỉnh Phú Thọ đã vi phạm quy chế làm việc.", "Hội LHPN tỉnh Phú Thọ"),
])
def test_mass_organisations_of_a_province_are_units_not_the_province(text, unit):
    units = by_name(text)
    assert units[unit].data["role"] == "inspected"
    assert "tỉnh Phú Thọ" not in units


def test_the_items_of_a_bulleted_list_under_a_disciplining_header_name_workplaces():
    text = ("Ủy ban Kiểm tra quyết định kỷ luật khiển trách các đồng chí:\n\n"
            "- Lê Văn Tám, Bí thư Đảng ủy, Giám đốc Sở Tư pháp;\n\n"
            "- Trần Thị Na, Phó Chủ tịch UBND huyện Đồi Mây.\n\n"
            "Ông Hồ Văn Ba, Giám đốc Sở Xây dựng, dự họp.")
    assert inspected(text) == {"Sở Tư pháp", "Ủy ban nhân dân huyện Đồi Mây"}
    assert not inspected("Thành phần dự họp gồm:\n\n- Lê Văn Tám, Giám đốc Sở Tư pháp;\n- Trần Thị Na, Phó Chủ tịch "
                         "UBND huyện Đồi Mây.")


@pytest.mark.parametrize("text, unit", [
    # a former office holder disciplined: the office names the unit
    ("Thủ tướng vừa thi hành kỷ luật đối với ba nguyên Phó Chủ tịch UBND tỉnh Phú Thọ.", "Ủy ban nhân dân tỉnh Phú Thọ"),
    # the office struck from its former holder
    ("Quyết định kỷ luật bằng hình thức xóa tư cách chức vụ Chủ tịch UBND huyện Sông Mây giai đoạn 2011 - 2016 "
     "đối với ông Lê Văn Tám.", "Ủy ban nhân dân huyện Sông Mây"),
    # a conclusion addressed to the head of a body
    ("Cuối quý, Sở Nội vụ gửi hai kết luận kiểm tra đối với Chủ tịch UBND huyện Sông Mây.",
     "Ủy ban nhân dân huyện Sông Mây"),
])
def test_offices_disciplined_or_addressed_name_their_unit(text, unit):
    assert unit in inspected(text)


def test_a_body_written_with_its_term_still_lets_the_fault_happen():
    text = "Ban Thường vụ Huyện ủy Đồi Mây nhiệm kỳ 2010-2015 và 2015-2020 đã để xảy ra nhiều sai phạm."
    assert any("Đồi Mây" in u for u in inspected(text))
    assert not inspected("Ban Thường vụ Huyện ủy Đồi Mây nhiệm kỳ 2015-2020 đã họp thường kỳ.")


@pytest.mark.parametrize("text, unit", [
    ("Đoàn liên ngành đã làm việc tại BHXH huyện Đồi Mây.", "BHXH huyện Đồi Mây"),
    ("Đoàn liên ngành đã làm việc tại KBNN huyện Đồi Mây.", "KBNN huyện Đồi Mây"),
    ("Đoàn liên ngành đã làm việc tại Tỉnh đoàn Phú Thọ.", "Tỉnh đoàn Phú Thọ"),
])
def test_agencies_by_initials_and_youth_unions_are_units(text, unit):
    assert by_name(text)[unit].data["role"] == "inspected"


@pytest.mark.parametrize("text, unit", [
    ("Thanh tra nêu sai phạm ở ba con đường do UBND xã Sông Mây làm chủ đầu tư.", "UBND xã Sông Mây"),
    ("Hai cây cầu mà Ban Quản lý dự án huyện Đồi Mây là chủ đầu tư đều chậm tiến độ.",
     "Ban Quản lý dự án huyện Đồi Mây"),
])
def test_the_investor_of_the_works_is_the_unit(text, unit):
    assert by_name(text)[unit].data["role"] == "inspected"


@pytest.mark.parametrize("text, unit", [
    ("Qua thanh tra, đoàn đã phát hiện UBND huyện Đồi Mây cấp kinh phí hỗ trợ cho 9 hộ không đúng đối tượng.",
     "UBND huyện Đồi Mây"),
    ("Tổ xác minh của huyện phát hiện Phòng Tài chính - Kế hoạch lập dự toán thiếu căn cứ.",
     "Phòng Tài chính - Kế hoạch"),
])
def test_a_unit_the_inspection_found_doing_something_is_inspected(text, unit):
    assert by_name(text)[unit].data["role"] == "inspected"


@pytest.mark.parametrize("text, unit, canonical", [
    ("Hội nghị quyết định kỷ luật khiển trách tập thể Ban cán sự đảng UBND tỉnh Quảng Bình nhiệm kỳ 2016-2021.",
     "Ban cán sự đảng UBND tỉnh Quảng Bình", "Ban cán sự đảng Ủy ban nhân dân tỉnh Quảng Bình"),
    # the province unwritten: the report's province names the board
    ("Tỉnh Khánh Hòa: cấp trên đã khiển trách Ban cán sự đảng UBND tỉnh do buông lỏng quản lý đất.",
     "Ban cán sự đảng UBND tỉnh", "Ban cán sự đảng Ủy ban nhân dân tỉnh Khánh Hòa"),
])
def test_the_party_board_of_a_provincial_committee_is_a_unit(text, unit, canonical):
    found = by_name(text)[unit]
    assert found.data["canonical"] == canonical
    assert found.data["role"] == "inspected"
    assert "UBND tỉnh" not in by_name(text)  # the committee is the board's name here, no unit of its own


def test_later_items_of_a_list_of_offices_may_be_written_in_lower_case():
    text = ("Đoàn thanh tra đã làm việc tại Văn phòng UBND huyện Đồi Mây, phòng Tư pháp, phòng Nội vụ và "
            "Trung tâm Y tế huyện.")
    names = by_name(text)
    assert names["phòng Tư pháp"].data["role"] == "inspected"
    assert names["phòng Nội vụ"].data["role"] == "inspected"
    # an unknown name in lower case, or a room, is still no unit
    assert not any(n.startswith("phòng") for n in by_name("Cán bộ ngồi trong phòng làm việc, phòng họp đều vắng."))


def test_a_place_s_party_organisation_written_before_it_is_a_unit_of_its_own():
    text = ("Ban Chấp hành Đảng bộ xã Sông Mây đã để xảy ra nhiều sai phạm khi giao đất. "
            "Đoàn cũng làm việc với UBND xã Sông Mây.")
    canonicals = {m.data["canonical"]: m.data["role"] for m in units_of(text)}
    assert canonicals["Ban Chấp hành Đảng bộ xã Sông Mây"] == "inspected"
    assert "Ủy ban nhân dân xã Sông Mây" in canonicals  # the people's committee keeps its own entry
    members = units_of("Trong năm, bảy đảng viên của Đảng bộ huyện Đồi Mây phải nhận kỷ luật.")
    assert [m.data["canonical"] for m in members] == ["Đảng bộ huyện Đồi Mây"]


def test_a_surname_ending_a_place_name_is_part_of_it():
    text = "Tổ công tác kiểm tra đột xuất UBND xã Sông Lâm (huyện Đồi Mây) và UBND xã Hạ Mai."
    names = by_name(text)
    assert names["UBND xã Sông Lâm"].data["role"] == "inspected"
    assert names["UBND xã Hạ Mai"].data["role"] == "inspected"
    # a surname that opens a person's full name still ends the place
    assert "UBND xã Sông Mây" in by_name("Chủ tịch UBND xã Sông Mây Lê Văn Tám cho biết sẽ chấn chỉnh ngay.")


@pytest.mark.parametrize("text, unit", [
    ("Báo cáo nêu Chủ tịch UBND huyện Đồi Mây không tuân thủ hướng dẫn về phòng dịch khi tổ chức lễ hội.",
     "UBND huyện Đồi Mây"),
    ("Theo đoàn, Phòng Nội vụ huyện Sông Mây chưa thực hiện đúng trình tự tiếp nhận hồ sơ.",
     "Phòng Nội vụ huyện Sông Mây"),
])
def test_a_unit_that_failed_to_follow_a_rule_is_inspected(text, unit):
    assert by_name(text)[unit].data["role"] == "inspected"
    assert by_name(text.replace("không tuân thủ", "đã tuân thủ").replace("chưa thực hiện đúng", "đã thực hiện đúng"))[
        unit].data["role"] == "mentioned"


def test_a_district_named_as_the_area_the_units_lie_in_is_no_unit():
    text = ("Sáng thứ Hai, tổ công tác của Sở Nội vụ kiểm tra đột xuất 2 đơn vị trên địa bàn huyện Đồi Mây: "
            "UBND xã Sông Lâm và UBND thị trấn Đồi Mây.")
    roles = {m.data["canonical"]: m.data["role"] for m in units_of(text)}
    assert roles["Ủy ban nhân dân xã Sông Lâm"] == roles["Ủy ban nhân dân thị trấn Đồi Mây"] == "inspected"
    assert roles["huyện Đồi Mây"] == "mentioned"


def test_the_board_of_a_party_committee_keeps_the_committee_in_its_name():
    text = "Ban Thường vụ Huyện ủy Đồi Mây đã để xảy ra nhiều sai phạm trong giao đất."
    assert inspected(text) == {"Ban Thường vụ Huyện ủy Đồi Mây"}
    bare = by_name("Tỉnh Quảng Bình: kỷ luật khiển trách Ban Thường vụ Tỉnh ủy vì buông lỏng lãnh đạo.")
    assert bare["Ban Thường vụ Tỉnh ủy"].data["canonical"] == "Ban Thường vụ Tỉnh ủy Quảng Bình"


def test_a_school_s_kind_may_be_written_in_lower_case():
    text = "Phòng Giáo dục huyện đã cách chức ông Lê Văn Tám - Hiệu trưởng Trường tiểu học 2 Sông Lâm (huyện Đồi Mây)."
    assert by_name(text)["Trường tiểu học 2 Sông Lâm"].data["role"] == "inspected"
    assert not any(n.lower().startswith("trường") for n in by_name("Các trường tiểu học trong huyện đều được nhắc nhở."))


def test_a_board_of_management_written_bql_is_named_with_its_proper_name():
    text = ("Đoàn kiểm tra yêu cầu các đơn vị sau tổ chức kiểm điểm: Sở Xây dựng, BQL khu kinh tế Hòn Mây, "
            "UBND huyện Đồi Cát.")
    found = by_name(text)
    assert found["BQL khu kinh tế Hòn Mây"].data["level"] == "ban"
    other = by_name("Thanh tra nhắc BQL các khu công nghiệp Quảng Trị gửi báo cáo.")
    assert other["BQL các khu công nghiệp Quảng Trị"].data["level"] == "ban"


def test_the_first_office_after_a_list_s_lead_word_may_be_lower_case():
    text = ("Tổ công tác đã làm việc với 3 phòng thuộc UBND huyện Đồi Mây, gồm phòng Tài chính kế hoạch, "
            "phòng Công thương, phòng Tư pháp.")
    names = set(by_name(text))
    assert {"phòng Tài chính kế hoạch", "phòng Công thương", "phòng Tư pháp"} <= names
    assert not any(n.startswith("phòng") for n in by_name("Cán bộ đến gồm phòng họp nhỏ của xã Sông Lâm."))


def test_a_province_holding_many_bodies_at_fault_is_only_where_they_lie():
    from extractors.counts import extract_counts
    from extractors.findings import extract_findings
    from extractors.units import promote_finding_subjects

    def roles(text):
        units = units_of(text)
        promote_finding_subjects(text, units, extract_findings(text, split(text), units, extract_counts(text)))
        return {m.data["name"]: m.data["role"] for m in units}

    many = "Qua kiểm tra, 5 công chức của các cơ quan cấp xã trên địa bàn tỉnh Quảng Trị đi làm muộn."
    assert roles(many)["tỉnh Quảng Trị"] == "mentioned"
    assert roles(many.replace("của các cơ quan cấp xã trên địa bàn", "của"))["tỉnh Quảng Trị"] == "inspected"


def test_a_fault_list_reads_past_an_abbreviated_place_and_qualified_figures():
    text = ("Vài địa phương thuộc TP.Hòn Mây cũng chậm báo cáo và bị nhắc tên, như xã Sông Lâm (chỉ gần 12%), "
            "phường Đồi Cát (hơn 20%), phường Bến Mây (khoảng 25%).")
    text = text.replace("Vài địa phương", "Một số địa phương")
    roles = {m.data["name"]: m.data["role"] for m in units_of(text)}
    assert roles["xã Sông Lâm"] == roles["phường Đồi Cát"] == roles["phường Bến Mây"] == "inspected"


def test_two_schools_sharing_the_head_after_va_are_two_units():
    text = "Phòng Giáo dục kiểm tra Trường TH Lê Lai và THCS Hòa Mây về việc thu các khoản đầu năm."
    names = set(by_name(text))
    assert {"Trường TH Lê Lai", "THCS Hòa Mây"} <= names
    assert "Trường TH Lê Lai và THCS Hòa Mây" not in names


@pytest.mark.parametrize("text, unit", [
    ("Theo kết luận, việc UBND huyện Đồi Mây cấp 14 giấy phép xây dựng sau thời hạn là không đúng quy định.",
     "UBND huyện Đồi Mây"),
    ("Thanh tra tỉnh nêu rõ việc HĐND và UBND xã Sông Lâm giao thêm chỉ tiêu hợp đồng là chưa đúng.",
     "UBND xã Sông Lâm"),
    ("Ngoài ra, việc Sở Nội vụ ra văn bản hướng dẫn thi nâng ngạch trái thẩm quyền.", "Sở Nội vụ"),
])
def test_a_unit_whose_act_is_judged_wrong_is_at_fault(text, unit):
    assert by_name(text)[unit].data["role"] == "inspected"
    fine = text.replace("không đúng quy định", "đúng quy định").replace("chưa đúng", "đúng").replace(
        "trái thẩm quyền", "đúng thẩm quyền")
    assert by_name(fine)[unit].data["role"] == "mentioned"


def test_a_person_s_present_post_in_brackets_is_not_the_unit_at_fault():
    text = ("Ủy ban Kiểm tra Tỉnh ủy cảnh cáo ông Lê Văn Tám, nguyên Phó Chủ tịch UBND huyện Đồi Mây "
            "(hiện là Bí thư Đảng ủy xã Sông Lâm), vì sai phạm khi giao đất.")
    roles = {m.data["canonical"]: m.data["role"] for m in units_of(text)}
    assert roles["Ủy ban nhân dân huyện Đồi Mây"] == "inspected"
    assert all(r != "inspected" for c, r in roles.items() if "Sông Lâm" in c)


def test_a_list_runs_on_past_an_item_s_own_short_form_in_brackets():
    text = ("Đoàn kiểm tra đã làm việc với 3 phòng thuộc huyện Đồi Mây, gồm phòng Tư pháp, phòng Y tế (PYT), "
            "Văn phòng UBND huyện, Thanh tra huyện.")
    roles = {m.data["name"]: m.data["role"] for m in units_of(text)}
    assert roles["phòng Y tế"] == roles["Văn phòng UBND huyện"] == roles["Thanh tra huyện"] == "inspected"


@pytest.mark.parametrize("school", ["Trường Mầm non thị trấn Sông Lâm", "trường tiểu học xã Đồi Mây",
                                    "Trường THPT Thị xã Bến Lau"])
def test_a_school_named_by_its_place_keeps_the_place_in_its_name(school):
    text = f"Tổ công tác của Phòng Giáo dục vừa kiểm tra đột xuất {school} và nhắc nhở hai giáo viên đến muộn."
    units = by_name(text)
    assert units[school].data["role"] == "inspected"
    assert not any(n != school and n.lower().startswith(("thị trấn", "xã", "thị xã")) for n in units)


def test_a_plural_of_schools_by_place_names_no_school():
    text = "Phòng Giáo dục nhắc nhở các trường THCS xã Đồi Mây chậm nộp báo cáo."
    assert not any(n.lower().startswith("trường") for n in by_name(text))


def test_a_head_word_inside_a_school_s_proper_name_does_not_cut_it():
    text = "Đoàn kiểm tra làm việc tại Trường TH&THCS Phước Hội và ghi nhận nhiều hồ sơ thiếu chữ ký."
    assert "Trường TH&THCS Phước Hội" in by_name(text)
    both = by_name("Đoàn đến Trường THCS Phước Hội, Hội Nông dân xã Đồi Mây để khảo sát.")
    assert {"Trường THCS Phước Hội", "Hội Nông dân xã Đồi Mây"} <= set(both)


@pytest.mark.parametrize("text", [
    "Theo kết luận của thanh tra tỉnh Quảng Trị, Phòng Tư pháp huyện Đồi Mây chậm trả 12 hồ sơ.",
    "Sau vụ việc, CA tỉnh Quảng Trị đình chỉ hai cán bộ vì vi phạm quy định về quản lý cơ sở kinh doanh.",
    "Cơ quan chức năng tỉnh Quảng Trị phát hiện 9 đơn vị sai phạm trong đấu thầu."])
def test_a_province_written_after_a_body_the_scan_did_not_read_is_its_place(text):
    from extractors.counts import extract_counts
    from extractors.findings import extract_findings
    from extractors.units import promote_finding_subjects

    units = units_of(text)
    promote_finding_subjects(text, units, extract_findings(text, split(text), units, extract_counts(text)))
    roles = {m.data["name"]: m.data["role"] for m in units}
    assert roles["tỉnh Quảng Trị"] == "mentioned"
    subject = "Rà soát cho thấy, tỉnh Quảng Trị có 240 hồ sơ quá hạn."  # a province opening its clause may be at fault
    units = units_of(subject)
    promote_finding_subjects(subject, units, extract_findings(subject, split(subject), units, extract_counts(subject)))
    assert {m.data["name"]: m.data["role"] for m in units}["tỉnh Quảng Trị"] == "inspected"


def test_a_general_hospital_by_its_press_short_form_or_as_a_regional_hospital():
    text = ("Sở Y tế kiểm tra BVĐK huyện Sông Lâm, BVĐK Quảng Trị và Bệnh viện Đa khoa khu vực huyện Đồi Mây "
            "về việc mua sắm vật tư.")
    names = set(by_name(text))
    assert {"BVĐK huyện Sông Lâm", "BVĐK Quảng Trị", "Bệnh viện Đa khoa khu vực huyện Đồi Mây"} <= names
    assert "huyện Đồi Mây" not in names
    assert not by_name("Các BVĐK đều được nhắc nhở.")


def test_an_agency_s_short_form_in_brackets_does_not_part_it_from_its_place():
    text = ("Đoàn thanh tra làm việc với Phòng Giáo dục và Đào tạo (GD-ĐT) huyện Sông Lâm và Ban Quản lý dự án đầu tư "
            "xây dựng (QLDA) huyện Đồi Mây.")
    names = set(by_name(text))
    assert {"Phòng Giáo dục và Đào tạo (GD-ĐT) huyện Sông Lâm",
            "Ban Quản lý dự án đầu tư xây dựng (QLDA) huyện Đồi Mây"} <= names
    assert not names & {"huyện Sông Lâm", "huyện Đồi Mây"}
    assert "Sở Y tế" in by_name("Sở Y tế (SYT) cho biết sẽ kiểm tra lại.")


def test_a_board_of_an_economic_zone_is_named_by_its_zone_or_place():
    text = ("Đoàn giám sát làm việc với Ban Quản lý Khu kinh tế mở Sông Lâm, Ban quản lý KKT Đồi Mây và "
            "Ban Quản lý các khu công nghiệp tỉnh Quảng Trị.")
    names = set(by_name(text))
    assert {"Ban Quản lý Khu kinh tế mở Sông Lâm", "Ban quản lý KKT Đồi Mây",
            "Ban Quản lý các khu công nghiệp tỉnh Quảng Trị"} <= names
    assert "Ban Quản lý các khu công nghiệp" in by_name("Đoàn đến Ban Quản lý các khu công nghiệp để khảo sát.")
    assert "Ban Quản lý dự án giao thông huyện Đồi Mây" in by_name(
        "Tổ công tác hỏi Ban Quản lý dự án giao thông huyện Đồi Mây về tiến độ con đường.")


def test_a_unit_given_the_reason_of_a_sanction_is_the_one_blamed():
    text = ("Tỉnh ủy khiển trách Chủ tịch UBND huyện Sông Lâm Trần Văn Bảy và Chủ tịch UBND huyện Đồi Mây Lê Thị Tư "
            "vì để dịch bệnh lan rộng.")
    roles = {m.data["name"]: m.data["role"] for m in units_of(text)}
    assert roles["UBND huyện Đồi Mây"] == "inspected"
    calm = "Chủ tịch UBND huyện Đồi Mây xin lùi buổi họp sang tuần sau vì bận công tác."  # no sanction: no blame
    assert {m.data["name"]: m.data["role"] for m in units_of(calm)}["UBND huyện Đồi Mây"] == "mentioned"
    owed = ("Huyện ủy kỷ luật khiển trách ông Lê Văn Tám và yêu cầu ông tự kiểm điểm trước Ban Thường vụ "
            "Huyện ủy Sông Lâm vì chậm chấn chỉnh.")
    assert {m.data["name"]: m.data["role"] for m in units_of(owed)}["Ban Thường vụ Huyện ủy Sông Lâm"] != "inspected"
