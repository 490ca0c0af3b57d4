"""Vietnamese number parsing: digits, scale words, number words, and numerals.yaml."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractors.lexicon import load_data
from extractors.numerals import load_numerals, number_pattern, parse_number


@pytest.mark.parametrize("surface, value", [
    ("07", 7),
    ("1.100", 1100),
    ("1.100.000", 1100000),
    ("95,5", 95.5),
    ("450 nghìn", 450000),
    ("450 ngàn", 450000),
    ("1,5 triệu", 1500000),
    ("2 tỷ", 2000000000),
])
def test_parse_digits(surface, value):
    assert parse_number(surface) == value


@pytest.mark.parametrize("surface, value", [
    ("hai", 2),
    ("mười", 10),
    ("mười hai", 12),
    ("mười lăm", 15),
    ("hai mươi", 20),
    ("hai mươi mốt", 21),
    ("ba mươi tư", 34),
    ("hai mươi lăm", 25),
    ("Hai Mươi Nhăm", 25),
    ("một trăm", 100),
    ("một trăm linh năm", 105),
    ("hai trăm lẻ tư", 204),
    ("ba trăm mười", 310),
    ("một nghìn", 1000),
    ("hai nghìn không trăm hai mươi", 2020),
    ("một triệu hai trăm nghìn", 1200000),
    ("ba chục", 30),
])
def test_parse_words(surface, value):
    assert parse_number(surface) == value


@pytest.mark.parametrize("surface", [
    "", "hai ba", "lăm", "tư", "mốt", "mươi", "trăm", "nghìn", "một trăm linh",
    "nghìn triệu", "hai nghìn ba triệu", "cán bộ", "1.10", "12a", "2 người",
])
def test_parse_rejects_non_numbers(surface):
    assert parse_number(surface) is None


def test_number_pattern_matches_digit_and_word_forms():
    rx = re.compile(number_pattern(), re.IGNORECASE)
    for surface in ("1.100", "450 nghìn", "hai mươi lăm", "07"):
        assert rx.fullmatch(surface), surface


def test_numerals_yaml_is_well_formed():
    raw = load_data("numerals.yaml")
    assert raw["version"] == 1
    assert all(isinstance(k, str) and isinstance(v, int) and 0 <= v <= 9 for k, v in raw["digits"].items())
    assert all(isinstance(v, int) and v >= 1000 for v in raw["scales"].values())
    for key in ("after_tens_only", "ten", "tens", "hundred", "zero_tens", "count_alone"):
        assert isinstance(raw[key], list) and all(isinstance(w, str) and w for w in raw[key]), key
    num = load_numerals()
    assert num.after_tens_only <= set(num.digits)
    assert not num.count_alone & num.after_tens_only  # "lăm cán bộ" is no count
    assert all(parse_number(w) is not None for w in num.count_alone)


@given(st.text(max_size=60))
def test_parse_never_raises(surface):
    value = parse_number(surface)
    assert value is None or isinstance(value, (int, float))


@given(st.integers(min_value=0, max_value=10**9))
def test_dotted_digits_round_trip(n):
    assert parse_number(f"{n:,}".replace(",", ".")) == n
