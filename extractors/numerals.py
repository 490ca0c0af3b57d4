"""Vietnamese numbers: digits with dot thousands and comma decimals, scale words, number words."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extractors.lexicon import load_data

# "1.100" and "1.100.000" are thousands; "1,5" is a decimal; "07" is seven.
DIGITS = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_DIGITS = re.compile(rf"(?:{DIGITS})")
_MAX_NUMBER_WORDS = 12  # "một triệu hai trăm ba mươi tư nghìn năm trăm sáu mươi bảy"


@dataclass(frozen=True, slots=True)
class Numerals:
    digits: dict[str, int]
    after_tens_only: frozenset[str]
    ten: frozenset[str]
    tens: frozenset[str]
    hundred: frozenset[str]
    zero_tens: frozenset[str]
    scales: dict[str, int]
    count_alone: frozenset[str]

    @property
    def words(self) -> list[str]:
        """Every number word, longest first (for regex alternation)."""
        all_words = {*self.digits, *self.ten, *self.tens, *self.hundred, *self.zero_tens, *self.scales}
        return sorted(all_words, key=len, reverse=True)


@lru_cache(maxsize=1)
def load_numerals() -> Numerals:
    """numerals.yaml as a typed record."""
    raw = load_data("numerals.yaml")
    return Numerals(
        digits={k.lower(): int(v) for k, v in raw["digits"].items()},
        after_tens_only=frozenset(raw["after_tens_only"]),
        ten=frozenset(raw["ten"]),
        tens=frozenset(raw["tens"]),
        hundred=frozenset(raw["hundred"]),
        zero_tens=frozenset(raw["zero_tens"]),
        scales={k.lower(): int(v) for k, v in raw["scales"].items()},
        count_alone=frozenset(raw["count_alone"]),
    )


def number_pattern() -> str:
    """Regex source for one number: digits with an optional scale word, or a run of number words."""
    num = load_numerals()
    scales = "|".join(map(re.escape, sorted(num.scales, key=len, reverse=True)))
    words = "|".join(map(re.escape, num.words))
    word = rf"(?:{words})(?![\w])"
    # Bounded: no real number needs more words, and an unbounded run makes "hai hai hai ..." quadratic.
    return rf"(?:(?:{DIGITS})(?:\s+(?:{scales})(?![\w]))?|{word}(?:\s+{word}){{0,{_MAX_NUMBER_WORDS - 1}}})"


def parse_number(surface: str) -> int | float | None:
    """The value of a number surface ("1.100", "1,5 triệu", "hai mươi lăm"), or None if it is not one."""
    tokens = surface.strip().lower().split()
    if not tokens:
        return None
    num = load_numerals()
    if _DIGITS.fullmatch(tokens[0]):
        value = _parse_digits(tokens[0])
        if len(tokens) == 1:
            return value
        if len(tokens) == 2 and tokens[1] in num.scales:
            return _tidy(value * num.scales[tokens[1]])
        return None
    return _parse_words(tokens, num)


def _parse_digits(token: str) -> int | float:
    whole, _, frac = token.replace(".", "").partition(",")
    return _tidy(float(f"{whole}.{frac}")) if frac else int(whole)


def _tidy(value: float) -> int | float:
    # 1,5 triệu is exactly 1500000: report it as an int so callers can keep whole counts.
    return int(round(value)) if abs(value - round(value)) < 1e-9 else value


def _parse_words(tokens: list[str], num: Numerals) -> int | None:
    """Words read group by group (hundreds, tens, units), each group closed by a scale word."""
    total = 0
    last_scale = None
    hundreds = tens = units = None
    for tok in tokens:
        if tok in num.digits:
            if units is not None:
                return None  # "hai ba" is not a number
            if tok in num.after_tens_only and not (tens is not None and (tens >= 1 or hundreds is not None)):
                return None
            units = num.digits[tok]
        elif tok in num.ten:
            if tens is not None or units is not None:
                return None
            tens = 1
        elif tok in num.tens:
            if units is None or units < 1 or tens is not None:
                return None
            tens, units = units, None
        elif tok in num.hundred:
            if units is None or hundreds is not None or tens is not None:
                return None
            hundreds, units = units, None
        elif tok in num.zero_tens:
            if hundreds is None or tens is not None or units is not None:
                return None
            tens = 0
        elif tok in num.scales:
            group = (hundreds or 0) * 100 + (tens or 0) * 10 + (units or 0)
            scale = num.scales[tok]
            if group == 0 or (last_scale is not None and scale >= last_scale):
                return None
            total += group * scale
            last_scale = scale
            hundreds = tens = units = None
        else:
            return None
    if tens == 0 and units is None:
        return None  # "một trăm linh" is unfinished
    return total + (hundreds or 0) * 100 + (tens or 0) * 10 + (units or 0)
