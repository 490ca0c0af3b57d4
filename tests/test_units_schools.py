"""Units: schools named by their kind, listed reprimanded people, lists after "như:" (invented sentences)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_units import by_name, split  # noqa: E402

from extractors.units import extract_units  # noqa: E402


def test_a_school_is_a_unit_in_either_case_with_its_district_as_qualifier():
    text = ("Đoàn thanh tra phát hiện sai phạm tại trường THPT Lê Lợi, huyện Đông Sơn và Trường Tiểu học "
            "Kim Đồng.")
    found = by_name(text)
    assert found["trường THPT Lê Lợi"].data["role"] == found["Trường Tiểu học Kim Đồng"].data["role"] == "inspected"
    assert "huyện Đông Sơn" not in found  # where the school is, not a unit of its own


def test_a_school_name_is_a_proper_name_after_its_kind():
    text = "Trường Trung cấp nghề Bắc Sơn lập kế hoạch năm học. Trường THCS An Phú đã họp kiểm điểm."
    names = [m.data["name"] for m in extract_units(text, split(text))]
    assert names == ["Trường Trung cấp nghề Bắc Sơn", "Trường THCS An Phú"]


def test_no_school_without_a_kind_and_a_name():
    text = ("Trường hợp vi phạm ở xã Trường Xuân sẽ bị xử lý; các trường THCS trên địa bàn đã được nhắc. "
            "Ông Lê Văn Trường cho biết.")
    assert [m.data["name"] for m in extract_units(text, split(text))] == ["xã Trường Xuân"]


def test_the_unit_whose_listed_people_are_reprimanded_is_inspected():
    text = "UBND tỉnh yêu cầu kiểm điểm đối với tập thể, cán bộ, lãnh đạo của Sở Xây dựng."
    assert by_name(text)["Sở Xây dựng"].data["role"] == "inspected"


def test_units_listed_after_nhu_behind_a_violation_are_inspected(tmp_path):
    from pipeline.jobs.process import process_file
    path = tmp_path / "nhu.txt"
    path.write_text("Hồ sơ trễ hạn\n\nQua kiểm tra, nhiều hồ sơ giải quyết trễ hạn, như: Sở Công Thương, "
                    "UBND huyện Đồng Phú.", "utf-8")
    roles = {u["name"]: u["role"] for u in process_file(path)["units"]}
    assert roles["Sở Công Thương"] == roles["UBND huyện Đồng Phú"] == "inspected"


def test_units_listed_with_figures_in_brackets_after_a_colon_are_inspected(tmp_path):
    from pipeline.jobs.process import process_file
    path = tmp_path / "brackets.txt"
    path.write_text("Hồ sơ trễ hạn\n\nMột số cơ quan có nhiều hồ sơ trễ hạn, như: Sở Xây dựng (hơn 20%); "
                    "Sở Tư pháp (gần 9%). UBND huyện Đồng Phú đề nghị hỗ trợ.", "utf-8")
    roles = {u["name"]: u["role"] for u in process_file(path)["units"]}
    assert roles["Sở Xây dựng"] == roles["Sở Tư pháp"] == "inspected"
    assert roles["UBND huyện Đồng Phú"] != "inspected"


def test_lower_case_xa_hoi_inside_a_name_is_no_commune():
    text = "Đoàn đã kiểm tra tại Trung tâm Công tác xã hội Bình Định."
    assert by_name(text)["Trung tâm Công tác xã hội Bình Định"].data["role"] == "inspected"


def test_a_known_phong_name_with_a_stopword_stays_whole():
    text = "Đoàn đã làm việc với Phòng Người có công thuộc Sở."
    assert by_name(text)["Phòng Người có công"].data["role"] == "inspected"


def test_a_bare_ubnd_huyen_is_the_one_huyen_the_report_names():
    text = ("Thường trực HĐND huyện Hòa Thành giám sát việc giải quyết đơn thư. Đoàn giám sát làm việc với "
            "UBND huyện. UBND huyện còn chậm giải quyết đơn.")
    found = by_name(text)
    assert found["UBND huyện"].data["canonical"] == "Ủy ban nhân dân huyện Hòa Thành"
    assert found["UBND huyện"].data["role"] == "inspected" and len(found["UBND huyện"].data["spans"]) == 2
    # two huyện named: a bare "UBND huyện" could be either, so it names none
    text = "Thanh tra tỉnh kiểm tra tại UBND huyện Đức Hòa và UBND huyện Bến Lức. UBND huyện đã báo cáo."
    assert "UBND huyện" not in by_name(text)


def test_the_subject_of_the_next_line_does_not_make_a_unit_act():
    text = "Tỉnh thống nhất kiểm điểm đối với tập thể, lãnh đạo của Sở Xây dựng TP.\nUBND TP yêu cầu khắc phục."
    assert by_name(text)["Sở Xây dựng TP."].data["role"] == "inspected"


def test_a_generic_name_ends_before_noi():
    text = "Sở Y tế đã kiểm tra tại Bệnh viện Thành phố Thủ Đức nơi hai bác sĩ bỏ trực."
    assert "Bệnh viện Thành phố Thủ Đức" in by_name(text)
