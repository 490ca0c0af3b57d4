"""Abbreviation expansion, the name-matching key, and the abbreviations data file."""

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.lexicon import load_data
from extractors.abbreviations import expand, fold_tones, load_abbreviations, normalise_name


@pytest.mark.parametrize("short, full", [
    ("Sở LĐTB&XH", "Sở Lao động, Thương binh và Xã hội"),
    ("Sở TN&MT Hà Nội", "Sở Tài nguyên và Môi trường Hà Nội"),
    ("Sở NN&PTNT", "Sở Nông nghiệp và Phát triển nông thôn"),
    ("Sở KH&ĐT", "Sở Kế hoạch và Đầu tư"),
    ("Sở GD&ĐT", "Sở Giáo dục và Đào tạo"),
    ("Sở VH-TT&DL", "Sở Văn hóa, Thể thao và Du lịch"),
    ("UBND huyện Mỹ Đức", "Ủy ban nhân dân huyện Mỹ Đức"),
    ("Đoàn giám sát số 2 của HĐND TP", "Đoàn giám sát số 2 của Hội đồng nhân dân thành phố"),
    ("kiểm soát TTHC", "kiểm soát thủ tục hành chính"),
    ("TP. Hà Nội", "thành phố Hà Nội"),
    ("TP.Hà Nội", "thành phố Hà Nội"),
    ("TP.HCM", "Thành phố Hồ Chí Minh"),
    ("Sở Tài nguyên & Môi trường", "Sở Tài nguyên và Môi trường"),
])
def test_expand_writes_out_abbreviations(short, full):
    assert expand(short) == full


def test_expand_leaves_words_containing_an_abbreviation_alone():
    assert expand("TPHCMX và ATP") == "TPHCMX và ATP"
    assert expand("Tp Hà Nội") == "thành phố Hà Nội"
    assert expand("TT. Hợp Hòa, tt Hợp Hòa") == "thị trấn Hợp Hòa, tt Hợp Hòa"  # "TT." only in capitals


@pytest.mark.parametrize("a, b", [
    ("Sở TN&MT Hà Nội", "Sở Tài nguyên và Môi trường Hà Nội"),
    ("Sở LĐTB&XH", "Sở Lao động, Thương binh và Xã hội"),
    ("Đoàn Kiểm tra công vụ TP. Hà Nội", "Đoàn kiểm tra công vụ thành phố Hà Nội"),
    ("Ban Thi đua - Khen thưởng", "Ban Thi đua – Khen thưởng"),
    ("huyện Ứng Hòa", "Huyện Ứng Hoà"),
    ("Thủy lợi", "Thuỷ lợi"),
    ("Đoàn giám sát việc niêm yết TTHC", "Đoàn giám sát việc niêm yết thủ tục hành chính"),
    ("Chi nhánh  Văn phòng\nĐăng ký đất đai", "chi nhánh văn phòng đăng ký đất đai"),
])
def test_normalise_name_equates_spellings_of_one_name(a, b):
    assert normalise_name(a) == normalise_name(b)


@pytest.mark.parametrize("a, b", [
    ("xã Hợp Tiến", "xã Hợp Tiền"),   # a different tone is a different name
    ("Sở Nội vụ", "Sở Ngoại vụ"),
    ("huyện Thạch Thất", "huyện Thạch Thật"),
])
def test_normalise_name_keeps_different_names_apart(a, b):
    assert normalise_name(a) != normalise_name(b)


def test_normalise_name_matches_the_gold_spec_example():
    assert normalise_name("Sở LĐTB&XH") == "sở lao động thương binh và xã hội"
    assert normalise_name("  ") == ""


@pytest.mark.parametrize("old, new", [("hòa", "hoà"), ("thủy", "thuỷ"), ("khóa", "khoá"), ("Hóa", "hoá")])
def test_fold_tones_puts_tone_marks_in_one_place(old, new):
    assert fold_tones(old) == fold_tones(new) == new.lower()


@pytest.mark.parametrize("word", ["của", "người", "quý", "giá", "gì", "mái", "chuyển", "thuở"])
def test_fold_tones_keeps_standard_spellings(word):
    assert fold_tones(word) == word


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_fold_tones_keeps_length_so_offsets_carry_over(s):
    s = unicodedata.normalize("NFC", s)
    assert len(fold_tones(s)) == len(s)


@settings(max_examples=100, deadline=None)
@given(st.text())
def test_normalise_name_is_idempotent(s):
    once = normalise_name(s)
    assert normalise_name(once) == once


def test_abbreviations_data_file_is_valid():
    rows = load_data("abbreviations.yaml")["abbreviations"]
    seen = set()
    for row in rows:
        assert set(row) <= {"abbr", "expansion", "case_sensitive"}, row
        assert isinstance(row["abbr"], str) and row["abbr"].strip() == row["abbr"] and row["abbr"], row
        assert isinstance(row["expansion"], str) and row["expansion"].strip(), row
        assert unicodedata.is_normalized("NFC", row["abbr"] + row["expansion"]), row
        assert row["abbr"] not in seen, f"duplicate {row['abbr']}"
        seen.add(row["abbr"])
        assert normalise_name(row["expansion"]) == normalise_name(expand(row["expansion"])), row
    assert len(load_abbreviations()) == len(rows)
