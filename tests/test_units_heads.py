"""Units: heads named by a kind or form (companies, care establishments), addressees, lists (invented sentences)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_units import by_name, split  # noqa: E402

from extractors.units import extract_units  # noqa: E402


def test_a_company_is_a_unit_after_its_legal_form_and_trade():
    text = ("Đoàn thanh tra phát hiện sai phạm tại Công ty TNHH MTV Lâm nghiệp Sông Đà và Công ty CP Chè "
            "Hồng Sơn.")
    found = by_name(text)
    assert found["Công ty TNHH MTV Lâm nghiệp Sông Đà"].data["role"] == "inspected"
    assert found["Công ty CP Chè Hồng Sơn"].data["role"] == "inspected"


def test_a_care_establishment_is_a_unit_with_its_province():
    text = "Đoàn đã kiểm tra tại Cơ sở Cai nghiện ma túy Quảng Trị."
    assert by_name(text)["Cơ sở Cai nghiện ma túy Quảng Trị"].data["role"] == "inspected"


def test_no_company_or_establishment_without_a_form_or_kind():
    text = "Trên cơ sở kết quả kiểm tra, công ty con của tập đoàn đã nộp báo cáo cho xã Tân An."
    assert [m.data["name"] for m in extract_units(text, split(text))] == ["xã Tân An"]


def test_a_known_one_word_place_inside_a_longer_unknown_name_gives_way():
    text = "Đoàn thanh tra phát hiện sai phạm tại xã Thanh Lư, huyện Thanh Chương."
    found = by_name(text)
    assert "xã Thanh Lư" in found and "xã Thanh" not in found


def test_an_addressee_asked_to_review_itself_is_inspected_not_one_asked_to_organise_a_review():
    text = "Thanh tra huyện yêu cầu UBND xã Tân Lập nghiêm túc kiểm điểm, rút kinh nghiệm."
    assert by_name(text)["UBND xã Tân Lập"].data["role"] == "inspected"
    text = "Thủ tướng đề nghị Chủ tịch UBND tỉnh Điện Biên tổ chức kiểm điểm những người có trách nhiệm."
    assert by_name(text)["UBND tỉnh Điện Biên"].data["role"] != "inspected"


def test_the_units_a_responsibility_is_laid_on_are_inspected_with_a_bracketed_group():
    text = ("Trách nhiệm chủ yếu thuộc UBND huyện Đông Hải, lãnh đạo huyện cùng các phòng, ban có liên quan "
            "(Phòng Kinh tế - Hạ tầng, Ban Quản lý Dự án huyện) trong từng giai đoạn.")
    found = by_name(text)
    assert {found[n].data["role"] for n in ("UBND huyện Đông Hải", "Phòng Kinh tế - Hạ tầng", "Ban Quản lý Dự án huyện")} \
        == {"inspected"}
    text = ("Để xảy ra sai phạm, trách nhiệm thuộc về Chủ tịch xã và công chức địa chính xã Hòa Phong, "
            "Đội Quản lý trật tự đô thị huyện Hòa Vang.")
    found = by_name(text)
    assert found["xã Hòa Phong"].data["role"] == found["Đội Quản lý trật tự đô thị huyện Hòa Vang"].data["role"] \
        == "inspected"


def test_a_bracketed_list_after_a_group_of_a_mentioned_unit_stays_mentioned():
    text = "UBND tỉnh Hòa Bình đã giao các sở, ngành (Sở Tài chính, Sở Xây dựng) rà soát quy hoạch."
    found = by_name(text)
    assert found["Sở Tài chính"].data["role"] != "inspected"


def test_every_ministry_is_known_by_name():
    text = "Thanh tra Chính phủ phát hiện sai phạm tại Bộ Công thương và Bộ Kế hoạch và Đầu tư."
    found = by_name(text)
    assert found["Bộ Công thương"].data["role"] == found["Bộ Kế hoạch và Đầu tư"].data["role"] == "inspected"


def test_a_district_acting_with_its_province_after_a_comma_is_not_at_fault(tmp_path):
    from pipeline.jobs.process import process_file
    path = tmp_path / "acts.txt"
    path.write_text("Hai lãnh đạo xã bị kỷ luật\n\nUBND huyện Gio Linh, tỉnh Quảng Trị vừa ra quyết định kỷ luật hai lãnh "
                    "đạo UBND xã Gio Mỹ vì sai phạm khi giao đất.", "utf-8")
    roles = {u["name"]: u["role"] for u in process_file(path)["units"]}
    assert roles["UBND xã Gio Mỹ"] == "inspected" and roles.get("UBND huyện Gio Linh") != "inspected"


def test_the_author_of_a_conclusion_acts(tmp_path):
    from pipeline.jobs.process import process_file
    path = tmp_path / "author.txt"
    path.write_text("Sai phạm đất đai\n\nKết luận thanh tra của UBND huyện Cam Lộ cũng xác định các văn bản của "
                    "UBND xã Cam Tuyền đều ký không đúng thẩm quyền.", "utf-8")
    roles = {u["name"]: u["role"] for u in process_file(path)["units"]}
    assert roles.get("UBND huyện Cam Lộ") != "inspected"


def test_the_unit_an_inspector_assesses_is_inspected():
    text = "Phát biểu kết luận, Trưởng đoàn kiểm tra đánh giá tỉnh Lai Châu đã có nhiều đổi mới trong cải cách."
    assert by_name(text)["tỉnh Lai Châu"].data["role"] == "inspected"


def test_funds_and_associations_of_known_kinds_are_units_but_not_a_ward_office():
    text = "Đoàn kiểm tra tại Quỹ Phát triển đất tỉnh Long An và Hội Nông dân xã Tân An."
    found = by_name(text)
    assert found["Quỹ Phát triển đất tỉnh Long An"].data["role"] == found["Hội Nông dân xã Tân An"].data["role"] \
        == "inspected"
    text = "Đoàn kiểm tra ở phường Tân An: Chủ tịch Hội phụ nữ phường và Chủ tịch Hội Nông dân phường vắng mặt."
    assert not any(name.startswith("Hội") for name in by_name(text))
