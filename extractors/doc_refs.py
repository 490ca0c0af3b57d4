"""Cited documents: "Kế hoạch số 207/KH-UBND ngày 15/02/2019 của UBND huyện Mỹ Đức".

A reference is a number with a symbol (state style 207/KH-UBND, 112/2020/NĐ-CP; Party style
17-CT/TU), or a type word with a bare number ("Chỉ thị 27"). The type word may stand a few
words before "số"; the date and the issuer ("của ...") follow the number.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from extractors.base import Mention
from extractors.dates import extract_dates
from extractors.lexicon import load_data

_CAPS = "A-ZĐƯƠÂÊÔĂ"  # "30-QĐ/TƯ": Party symbols write Trung ương with its own capitals
_SYM = rf"[{_CAPS}][A-Za-zđ{_CAPS}0-9&]*(?:\.[{_CAPS}][A-Za-zđ{_CAPS}0-9&]*)*"  # "171/VP.UBND-KSTT"
_SYMBOL_NUMBER = re.compile(
    rf"(?<![\w/.\-])(?:(?P<num>\d{{1,6}}[a-z]?)(?:/(?P<year>(?:19|20)\d{{2}}))?(?:\s(?=/{_SYM}[-/]))?/(?:\s(?={_SYM}[-/]))?(?P<sym>{_SYM}(?:-{_SYM})*(?:/{_SYM})?)"
    rf"|(?P<pnum>\d{{1,6}})\s?-\s?(?P<psym>{_SYM})(?P<pissuer>(?:/{_SYM})+))(?![\w/\-])"  # "26/ CT-TTg", "1678 - QĐ/HU"
)
_NUMBER_LABEL = r"(?:[Ss]ố\s*:?\s*)"
_LEFT_CHARS = 120  # how far back a type word is looked for
_MAX_LISTED = 8  # numbers listed after the first under one "số" (bounded: stays linear)
_LETTERHEAD_CHARS = 1500  # where a minutes' own number can stand
_HEADER_LABEL = re.compile(r"(?<!\w)Số(?:\s+hiệu)?\s*:\s*$")
_DATE_GAP = re.compile(r"\s*,?\s*(?:(?:được\s+)?(?:ký|ban hành)\s+)?", re.IGNORECASE)
_ISSUER_LEAD = re.compile(r"\s*,?\s*của\s+", re.IGNORECASE)
_TOKEN = re.compile(r"[^\s,;:()\[\]\"“”'‘’]+|\S")
_COORDINATED = re.compile(r",\s*[A-ZĐ]\S*(?:\s+\S+)?\s+và\s+[A-ZĐ]")  # "Lao động, Thương binh và Xã hội"


@dataclass(frozen=True, slots=True)
class _DocTypes:
    symbol_ref: re.Pattern
    bare_ref: re.Pattern
    more_numbers: re.Pattern  # ", 15, 16 và 17" after a labelled number
    type_word: re.Pattern
    by_word: dict[str, str]
    by_code: dict[str, str]
    generic: frozenset[str]
    max_between: int
    stop_words: frozenset[str]
    admin_words: frozenset[str]
    abbreviations: frozenset[str]
    own_label: re.Pattern
    type_tail: re.Pattern  # between a type word and its number


def _alt(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def load_doc_types() -> _DocTypes:
    """Compile doc_types.yaml (once)."""
    data = load_data("doc_types.yaml")
    by_word, by_code, bare = {}, {}, []
    for t in data["types"]:
        for w in t["words"]:
            by_word[w.lower()] = t["name"]
            if t["bare_number"]:
                bare.append(w)
        for c in t["codes"]:
            by_code[c] = t["name"]
    # "Chỉ thị 27" must be followed by punctuation or a function word: "Báo cáo 6 tháng" is no citation.
    # "Chỉ thị 22 năm 2012", "Chỉ thị 27 ngày 3/5/2019": the date of issue may follow too ("quy định 15 ngày
    # làm việc" is a duration).
    follow = rf"(?=\s*(?:[,.;:()\n]|$|(?:{_alt(data['bare_number_followers'])})(?!\w)|năm\s+(?:19|20)\d\d(?!\d)|ngày\s+\d))"
    # Any type word with "số" cites ("quy định số 1051"), or with a zero-padded number ("Kế hoạch 02,"):
    # quantities are not written "02"; without either, only the bare_number types do.
    # With "số" the number may run on into the sentence ("Báo cáo số 178 gửi Thanh tra tỉnh", "Công văn số 88 chấn
    # chỉnh ..."), unless a counted noun follows (counts' nouns, time units): then it is a quantity.
    counted = [w for words in load_data("count_nouns.yaml")["nouns"].values() for w in words]
    runs_on = (rf"(?=\s+(?!(?:{_alt(counted + data['labelled_number_blockers'])})(?!\w))[^\W\d_])")
    labelled_follow = rf"(?:(?(label){runs_on}|(?!))|(?(llabel){runs_on}|(?!))|{follow})"
    bare_ref = (rf"(?<!\w)(?:(?P<type>{_alt(bare)})\s+(?P<label>{_NUMBER_LABEL})?"
                rf"|(?P<ltype>{_alt(by_word)})(?:\s+|\s*\(\s*)(?P<llabel>{_NUMBER_LABEL})"  # "Kết luận (số 6 ngày ...)"
                rf"|(?P<ztype>{_alt(by_word)})\s+(?=0\d))(?P<num>\d{{1,5}})"
                rf"(?![\w/\-]|[.,]\d){labelled_follow}")
    # "kết luận số 14, 15, 16 và 17 ngày 28.11.2025": more numbers under one labelled type word.
    more_numbers = rf"(?:\s*(?:,|;|và)\s*\d{{1,5}}(?![\w/\-]|[.,]\d)){{1,{_MAX_LISTED}}}{follow}"
    return _DocTypes(
        symbol_ref=_SYMBOL_NUMBER,
        bare_ref=re.compile(bare_ref, re.IGNORECASE),
        more_numbers=re.compile(more_numbers, re.IGNORECASE),
        type_word=re.compile(rf"(?<!\w)(?:{_alt(by_word)})(?!\w)", re.IGNORECASE),
        by_word=by_word,
        by_code=by_code,
        generic=frozenset({"Công văn"}),
        max_between=int(data["max_words_between"]),
        stop_words=frozenset(w.lower() for w in data["issuer_stop_words"]),
        admin_words=frozenset(w.lower() for w in data["issuer_admin_words"]),
        abbreviations=frozenset(data["issuer_abbreviations"]),
        type_tail=re.compile(
            rf"(?:\s+(?:[^\s\d.;:!?()\[\]“”\"/]+|(?:19|20)\d\d)){{0,{int(data['max_words_between'])}}}?"
            rf"\s+{_NUMBER_LABEL}?"
            rf"|\s*{_NUMBER_LABEL}?"
        ),
        own_label=re.compile(rf"(?:^|\n|\|)\s*(?:{_alt(data['own_number_labels'])})\s*:?\s*$", re.IGNORECASE),
    )


def extract_doc_refs(text: str, published: dt.date | None = None) -> list[Mention]:
    """Every cited document number, with type, date, issuer; the document's own number is marked own."""
    dt_ = load_doc_types()
    dates = {m.start: m for m in extract_dates(text, published)}
    mentions: list[Mention] = []
    for m in dt_.symbol_ref.finditer(text):
        number = "".join(m[0].split())
        if m["num"]:
            code, issuer_code = _split_state_symbol(m["sym"], dt_)
        else:
            code, issuer_code = m["psym"], m["pissuer"].lstrip("/")
        type_start, type_name = _find_type_word(text, m.start(), dt_)
        by_code = dt_.by_code.get(code) if code else None
        if type_name is None or (type_name in dt_.generic and by_code):
            type_name = by_code
        start = type_start if type_start is not None else _label_start(text, m.start())
        own = type_start is None and _is_own_number(text, m.start(), dt_)
        mentions.append(_mention(text, start, m.end(), number, type_name, issuer_code, own, dates))
    symbols = {_leading_number(m.data["number"]) for m in mentions}
    for m in dt_.bare_ref.finditer(text):
        labelled = m["label"] or m["llabel"]
        if not labelled and 1900 <= int(m["num"]) <= 2100:
            continue  # "Kế hoạch 2023" names a year, not a number
        if m["num"] in symbols:
            continue  # "Đề án số 05" restating the "05-ĐA/TU" cited in full
        type_name = dt_.by_word[" ".join((m["type"] or m["ltype"] or m["ztype"]).lower().split())]
        mentions.append(_mention(text, m.start(), m.end(), m["num"], type_name, None, False, dates))
        more = dt_.more_numbers.match(text, m.end()) if labelled else None
        if more:
            listed = [mentions[-1]] + [_mention(text, m.end() + n.start(), m.end() + n.end(), n[0], type_name,
                                                None, False, dates) for n in re.finditer(r"\d+", more[0])]
            for ref in listed[:-1]:  # the date and issuer after the list belong to every number in it
                ref.data.update(date=listed[-1].data["date"], issuer=listed[-1].data["issuer"])
            mentions.extend(ref for ref in listed[1:] if ref.data["number"] not in symbols)
    mentions.sort(key=lambda x: (x.start, x.end))
    return mentions


def _leading_number(number: str) -> str:
    """ "05" of 05-ĐA/TU and of 05/KH-UBND."""
    return re.match(r"\d+", number)[0]


def _split_state_symbol(symbol: str, dt_: _DocTypes) -> tuple[str | None, str | None]:
    """KH-UBND: type code KH, issuer UBND. UBND-NC (a công văn): no type code, issuer UBND.
    QĐ/HU (a Party symbol written after a slash): type code QĐ, issuer HU."""
    parts = re.split(r"[-/]", symbol, maxsplit=1)
    if parts[0] in dt_.by_code or parts[0].upper() in dt_.by_code:
        code = parts[0] if parts[0] in dt_.by_code else parts[0].upper()
        return code, parts[1] if len(parts) > 1 else None
    return None, parts[0]


def _find_type_word(text: str, number_start: int, dt_: _DocTypes) -> tuple[int | None, str | None]:
    """The nearest type word before the number, at most max_between words and no clause break away."""
    line_start = text.rfind("\n", max(0, number_start - _LEFT_CHARS), number_start) + 1
    window_start = max(line_start, number_start - _LEFT_CHARS)
    for tm in reversed(list(dt_.type_word.finditer(text, window_start, number_start))):
        if dt_.type_tail.fullmatch(text, tm.end(), number_start):
            return tm.start(), dt_.by_word[" ".join(tm[0].lower().split())]
    return None, None


def _label_start(text: str, number_start: int) -> int:
    """Include a directly preceding "số"/"Số:"/"Số hiệu:" in the span."""
    m = re.search(r"(?<!\w)[Ss]ố(?:\s+hiệu)?\s*:?\s*$", text[max(0, number_start - 12):number_start])
    return number_start - len(m[0]) if m else number_start


def _is_own_number(text: str, number_start: int, dt_: _DocTypes) -> bool:
    """ "Số: 12/BB-ĐKT" heading a line or cell, or anywhere in the letterhead, is the document's own number."""
    if dt_.own_label.search(text, max(0, number_start - 40), number_start):
        return True
    # Flattened letterheads ("UBND TỈNH NGHỆ AN ĐOÀN KIỂM TRA CÔNG VỤ Số: 12/BB-ĐKT | CỘNG HÒA ...")
    # keep the capitalised, colon-marked label; running text writes "số 207/KH-UBND".
    return number_start < _LETTERHEAD_CHARS and bool(_HEADER_LABEL.search(text, max(0, number_start - 12), number_start))


def _mention(text: str, start: int, end: int, number: str, type_name: str | None,
             issuer_code: str | None, own: bool, dates: dict[int, Mention]) -> Mention:
    date_value, after = None, end
    gap = _DATE_GAP.match(text, end)
    date = dates.get(gap.end()) if gap else None
    if date is not None:
        date_value, after = date.data["value"], date.end
    issuer = _read_issuer(text, after)
    data = {"number": number, "type": type_name, "date": date_value, "issuer": issuer,
            "issuer_code": issuer_code, "own": own}
    return Mention(start, end, "doc_ref", data)


def _read_issuer(text: str, pos: int) -> str | None:
    """The body after "của": capitalised words, their lower-case second syllables, admin words."""
    lead = _ISSUER_LEAD.match(text, pos)
    if not lead:
        return None
    dt_ = load_doc_types()
    tokens = list(_TOKEN.finditer(text, lead.end(), min(len(text), lead.end() + 160)))
    start = end = None
    prev_cap = False
    i = 0
    while i < len(tokens):
        tok = tokens[i][0]
        low = tok.lower()
        nxt = tokens[i + 1][0] if i + 1 < len(tokens) else ""
        pair = f"{low} {nxt.lower()}"
        if tok == "," or low == "và":
            if not (_joins_name(text, tokens[i].start(), nxt, dt_)):
                break
            prev_cap = False
        elif pair in dt_.admin_words:
            end, i, prev_cap = tokens[i + 1].end(), i + 2, False
            continue
        elif low in dt_.stop_words or pair in dt_.stop_words or dt_.type_word.fullmatch(pair):
            break
        elif not tok[0].isalnum():
            break  # ; : ( and quotes close the name
        elif tok[0].isupper():
            if tok.endswith(".") and not (tok in dt_.abbreviations and nxt[:1].isupper()):
                end = tokens[i].end() - 1
                start = tokens[i].start() if start is None else start
                break  # a sentence ends here
            start = tokens[i].start() if start is None else start
            end, prev_cap = tokens[i].end(), True
        elif low.rstrip(".") in dt_.admin_words or prev_cap:
            start = tokens[i].start() if start is None else start
            end, prev_cap = tokens[i].end(), False
            if tok.endswith("."):
                end -= 1
                break
        else:
            break
        i += 1
    return text[start:end] if start is not None and end > start else None


def _joins_name(text: str, pos: int, nxt: str, dt_: _DocTypes) -> bool:
    """ "và" / "," inside one body's name ("Sở Tài nguyên và Môi trường"), not between two."""
    if not nxt[:1].isupper() or dt_.type_word.match(nxt):
        return False
    if text[pos] == ",":
        return bool(_COORDINATED.match(text, pos))
    follow = text[pos + 2:pos + 40].lstrip()
    return not dt_.type_word.match(follow) and not re.match(r"(?:UBND|HĐND|Ủy ban|Sở|Bộ|Chủ tịch)\b", follow)
