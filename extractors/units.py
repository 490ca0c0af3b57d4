"""Units named in a report (sở, ban, phòng, huyện, xã, one-stop shops ...): merged, given a role.

`extractors.unit_scan` finds every unit mention; `extract_units` merges mentions of one unit,
attaches the province and decides whether the unit was inspected, inspected others or was only
mentioned.
"""

from __future__ import annotations

import bisect
import re

from extractors import gazetteer
from extractors.abbreviations import expand, fold_tones, normalise_name
from extractors.base import Mention
from extractors.inspectors import after_person, extract_inspectors, load_cues
from extractors.lexicon import load_data
from extractors.unit_scan import (BARE_DISTRICT_LEVELS, LEVEL_WORD, RawUnit, load_vocabulary, parse_place,
                                  phrase_pattern, rank_document_province, scan_units, skip_spaces)

ORGAN_NAME = {"committee": "Ủy ban nhân dân", "council": "Hội đồng nhân dân"}
ROLE_RANK = {"issuer": 0, "mentioned": 1, "inspected": 2, "inspector": 3}
# Agencies of a province: their canonical name carries the province ("Sở Nội vụ Hà Nội").
PROVINCIAL_LEVELS = frozenset({"so", "ban", "chi_cuc"})
_CLAUSE_BREAK = re.compile(r"[;.!?\n]")
_SENTENCE_BREAK = re.compile(r"[.!?\n]")
_TALLY = re.compile(r"[ \t]*:[ \t]*\d")  # "UBND huyện Ninh Hải: 35 người đi làm trễ": a unit's own tally
_LABEL = re.compile(r"[ \t]*:")  # "...; tại Sở Xây dựng: kiểm điểm 42 người": a breakdown by unit
_COUNTED_THING = re.compile(r"(?<![\w.,])\d+\s+[^\W\d_]+")
_OF = re.compile(r"(?<![^\W_])của\s+$")
_PROVINCE_AFTER = re.compile(r"[ \t]*,[ \t]*(?:tỉnh|thành phố|tp\.?)[ \t]*")  # folded: "..., tỉnh Quảng Trị"
_ASIDE = re.compile(r"\s*\([^()\n]{0,60}\)")  # "UBND huyện Nghi Xuân (Hà Tĩnh)"

# ---------------------------------------------------------------- province, keys, names


def _place_province(raw: RawUnit, doc_province: str | None) -> dict:
    if raw.place_level in ("tinh", "thanh_pho"):
        province = gazetteer.canonical_province(raw.place_name) if raw.place_name else doc_province
        if province or raw.place_level == "tinh":
            return {"province": province, "candidates": [province] if province else [],
                    "successor": gazetteer.successor_province(province)}
    if not raw.place_name:
        return {"province": doc_province, "candidates": [], "successor": gazetteer.successor_province(doc_province)}
    hint = raw.province or doc_province
    found = gazetteer.resolve_locality(raw.place_name, raw.place_level, hint_province=hint, parent=raw.parent)
    if not found["candidates"] and hint:  # unknown to the gazetteer (renamed, merged): trust the context
        found = {"province": hint, "candidates": [], "successor": gazetteer.successor_province(hint)}
    return found


def _is_province_place(raw: RawUnit) -> bool:
    """'tỉnh X', 'TP. Hà Nội'; not 'TP Quảng Ngãi', the city of a province that is no city itself."""
    return raw.place_level == "tinh" or (raw.place_level == "thanh_pho" and (
        not raw.place_name or gazetteer.is_city_province(gazetteer.canonical_province(raw.place_name))))


def _whole_province(raw: RawUnit) -> bool:
    """A province named as a place with no agency head ("tỉnh X", "TP. Hà Nội"): a total, not a unit at fault."""
    return bool(raw.place_level and not raw.head and _is_province_place(raw))


def _bare_province_committee(core: str) -> bool:
    """Whether an agency's name is a province's committee with the province unwritten ("UBND tỉnh", "UBND TP")."""
    if not core:
        return False
    place = parse_place(core, fold_tones(core), 0)
    return bool(place and place.end == len(core) and place.organ == "committee" and not place.place_name
                and place.place_level in ("tinh", "thanh_pho"))


def describe_unit(raw: RawUnit, doc_province: str | None) -> dict:
    """Key (for merging), canonical name, level and province of one scanned mention."""
    where = _place_province(raw, doc_province) if raw.place_level else {
        "province": raw.province or doc_province, "candidates": [], "successor": None}
    province = where["province"]
    where["successor"] = where["successor"] or gazetteer.successor_province(province)
    province_place = _is_province_place(raw) if raw.place_level else False
    place_text = ""
    if raw.place_level and not province_place and raw.place_name:
        place_text = f"{LEVEL_WORD[raw.place_level]} {raw.place_name}"
    elif raw.place_level and province_place:
        place_text = f"{LEVEL_WORD[raw.place_level]} {province or raw.place_name}".strip()
    elif raw.place_level and not raw.core:  # "Thanh tra huyện": a bare head named by the level alone
        place_text = LEVEL_WORD[raw.place_level]
    tier_key = ("province|" + gazetteer.place_key(province or raw.place_name)) if province_place else (
        ("ward|" if raw.place_level in gazetteer.WARD_LEVELS else "district|") + gazetteer.place_key(raw.place_name))
    if raw.head:
        base = expand(f"{raw.head} {raw.core}".strip())
        key = "agency|" + normalise_name(base)
        canonical = base
        if place_text and (not province_place or not raw.core):
            # "Thanh tra tỉnh Bình Phước", "Công an huyện Y": a bare head is named by its place
            key += "|" + tier_key
            canonical = f"{base} {place_text}"
        elif province and (raw.level in PROVINCIAL_LEVELS or _bare_province_committee(raw.core)):
            canonical = f"{base} {province}"  # "Ban cán sự đảng UBND tỉnh": of the report's province
    else:
        key = ("council|" if raw.organ == "council" else "place|") + tier_key
        organ = ORGAN_NAME[raw.organ] + " " if raw.organ and not raw.one_stop else ""
        canonical = organ + place_text
    return {"key": key, "canonical": canonical, "province": province,
            "candidates": where["candidates"], "successor": where["successor"]}


# ---------------------------------------------------------------- roles


def _sentence_bounds(text: str, sentences, pos: int, starts: list[int]) -> tuple[int, int]:
    i = bisect.bisect_right(starts, pos) - 1
    if i >= 0 and sentences[i][0] <= pos < sentences[i][1]:
        return sentences[i]
    left = max(text.rfind("\n", 0, pos), text.rfind(". ", 0, pos) + 1)
    right = text.find("\n", pos)
    return left + 1 if left >= 0 else 0, right if right >= 0 else len(text)


def _inspector_spans(inspectors) -> list[tuple[int, int]]:
    spans = []
    for m in inspectors or []:
        data = getattr(m, "data", None) or {}
        spans.extend(tuple(s) for s in data.get("spans", [[m.start, m.end]]))
    return spans


def _direct_cue(text: str, folded: str, ss: int, pos: int) -> bool:
    """'kiểm tra đột xuất UBND xã X', not 'chuyên viên Thanh tra Sở Nội vụ' (a capitalised agency name)."""
    m = load_vocabulary()["cue_direct"].search(folded, ss, pos)
    if m and _OF.search(folded, max(ss, m.start() - 6), m.start()):
        return False  # "kết luận của thanh tra tỉnh X": the province's inspectorate, a noun
    return bool(m) and not (text[m.start()].isupper() and folded[ss:m.start()].strip(" \t\n-–•*\"“(0123456789.)"))


def _table_rows(folded: str) -> dict[int, int]:
    """Start of every table row line (" | " cells) -> start of its table's first (header) line."""
    rows, header, previous_end = {}, None, -2
    for line in re.finditer(r"[^\n]+", folded):
        if " | " not in line.group() or line.start() != previous_end + 1:
            header = None  # a table is consecutive lines of cells
        if " | " in line.group():
            header = line.start() if header is None else header
            rows[line.start()] = header
        previous_end = line.end()
    return rows


def _in_unit_column(folded: str, pos: int, rows: dict[int, int]) -> bool:
    """Whether pos opens the unit cell of a results table row ("UBND huyện Gia Viễn | 3 | 0") under a
    header such as "Đơn vị | Đi muộn | ..."."""
    row_start = folded.rfind("\n", 0, pos) + 1
    header_start = rows.get(row_start)
    if header_start is None or header_start == row_start:
        return False  # not in a table, or in its header row
    cell_start = row_start
    for cell in folded[row_start:folded.find("\n", row_start) % (len(folded) + 1)].split(" | "):
        if not cell.strip().isdigit():  # index cells ("1", "2") come first
            break
        cell_start += len(cell) + 3
    if pos != cell_start + len(cell) - len(cell.lstrip()):
        return False
    vocab = load_vocabulary()
    header = folded[header_start:folded.find("\n", header_start) % (len(folded) + 1)]
    names = [h.strip() for h in header.split(" | ") if h.strip() not in vocab["table_index_columns"]]
    return bool(names) and names[0] in vocab["table_unit_columns"]


def _cued(text: str, folded: str, raw: RawUnit, bounds: tuple[int, int], regions, table_rows) -> bool:
    """Whether a cue in its sentence makes the unit inspected; not a parent after "thuộc" or a bracket, nor
    the actor ("UBND TP X vừa ban hành kết luận") unless it speaks for the unit ("Lãnh đạo xã X cho biết")."""
    vocab = load_vocabulary()
    ss, se = bounds
    pre = folded[ss:raw.start]
    speaker = bool(vocab["cue_speaker"].search(pre) and vocab["speaker_verbs"].search(folded[raw.end:se]))
    if vocab["responsible"].search(pre[-110:]) and not _acts(text, raw.end):
        return True  # "trách nhiệm chính thuộc UBND huyện X"
    if vocab["current_post"].search(pre[-70:]):
        return False  # "nguyên Phó Chủ tịch UBND huyện X (hiện là Bí thư Đảng ủy phường Y)": where the person is now
    if vocab["act_of"].search(pre[-30:]):  # "việc UBND X giao ... là không đúng quy định": its act judged wrong
        judged = vocab["act_judged"].search(folded, raw.end, se)
        if judged and not _CLAUSE_BREAK.search(text, raw.end, judged.start()):
            return True
    if vocab["qualifier"].search(pre[-24:]) or (_acts(text, raw.end) and not speaker):
        return False
    if vocab["area"].search(pre[-24:]) and raw.place_level and not raw.head and not raw.organ \
            and not _is_province_place(raw):
        return False  # "... tại 3 đơn vị trên địa bàn huyện X": the area the units lie in
    if vocab["area_of_many"].search(pre[-80:]) and _whole_province(raw):
        return False  # "cán bộ tại các cơ quan cấp xã trên địa bàn tỉnh X": where many bodies lie
    return bool(speaker or any(a <= raw.start < b for a, b in regions) or vocab["cue_after_prep"].search(pre)
                or _direct_cue(text, folded, ss, raw.start) or vocab["cue_opener"].match(pre)
                or vocab["cue_table"].search(pre) or vocab["cue_enumeration"].search(pre)
                or vocab["cue_list_opener"].search(pre) or _in_unit_column(folded, raw.start, table_rows)
                or vocab["cue_target"].search(pre[-90:]) or vocab["cue_fault"].search(pre[-90:])
                or vocab["cue_fault_of"].search(pre[-60:])
                or vocab["cue_accountable"].search(pre[-60:]) or _duty_inspected(pre, raw) or _concluded(text, pre, raw)
                or (_has_list_lead(pre) and (vocab["cue_fault_list"].search(pre[-300:])
                                                       or _listed_result(text, folded, pre, raw, se)))
                or _workplace(text, folded, bounds, raw) or _lets_fault_happen(text, folded, bounds, raw)
                or _TALLY.match(text, raw.tail_end) or _rated(folded, raw) or _tallied(folded, raw)
                or _reviews_itself(text, folded, pre, raw) or _breakdown(text, pre, raw)
                or (_LABEL.match(text, raw.tail_end) and vocab["cue_label"].search(pre))
                or _sentenced(text, folded, raw) or bool(vocab["investor"].match(folded, raw.tail_end))
                or _blamed(text, folded, bounds, raw))


def _blamed(text: str, folded: str, bounds: tuple[int, int], raw: RawUnit) -> bool:
    """A unit, or its head named after it, given the reason of a sanction in a disciplinary sentence ("khiển trách
    Chủ tịch UBND huyện X Nguyễn Văn A vì ..."); not a whole province."""
    vocab = load_vocabulary()
    if _whole_province(raw) or not vocab["discipline"].search(folded, bounds[0], bounds[1]) \
            or folded[raw.start:raw.end].startswith(vocab["overseers"]) \
            or vocab["reason_owed"].search(folded, max(0, raw.start - 12), raw.start):
        return False  # "kiểm điểm trước Ban Thường vụ Huyện ủy vì ...": the body before which one answers
    end = after_person(text, raw.tail_end)
    end = end - 1 if end > raw.tail_end and text[end - 1] == "," else end
    return bool(vocab["reason_after"].match(folded, end))


def _listed_result(text: str, folded: str, pre: str, raw: RawUnit, se: int) -> bool:
    """The first unit of a list opened by a plural ("một số đơn vị ... gồm:", "nhiều địa phương như:") given its own
    figure in brackets ("UBND huyện X (4.772 hồ sơ)"), or followed in its sentence by the fault the list is said of
    ("... như: Phòng A, Phòng B vẫn có hồ sơ chậm"); the list's other items follow it (assign_roles)."""
    vocab = load_vocabulary()
    if not vocab["cue_list_open"].search(pre[-220:]):
        return False
    return bool(vocab["figure_after"].match(text, raw.tail_end) or vocab["fault_later"].search(folded, raw.tail_end, se))


def _breakdown(text: str, pre: str, raw: RawUnit) -> bool:
    """A unit given its share of a total just stated ("phát hiện 5 vụ tiêu cực; trong đó, huyện A có 3 vụ"); not a
    whole province."""
    return bool(_BREAKDOWN.search(pre[-16:]) and _HAS_FIGURE.match(text, raw.tail_end)) and not _whole_province(raw)


_DUTY_WORDS = tuple(fold_tones(w) for w in load_data("unit_types.yaml")["role_cues"]["accountable_nouns"])


def _duty_inspected(pre: str, raw: RawUnit) -> bool:
    """The body whose responsibility an inspection examines ("thanh tra trách nhiệm của UBND tỉnh X trong ..."); a
    province as a mere place is none ("... trên địa bàn tỉnh X")."""
    window = pre[-200:]
    return any(w in window for w in _DUTY_WORDS) and bool(load_vocabulary()["cue_duty_inspected"].search(window)) \
        and not (raw.place_level and not raw.head and not raw.organ and _is_province_place(raw))


def _concluded(text: str, pre: str, raw: RawUnit) -> bool:
    """The subject of a conclusion's finding ("Qua kiểm tra, UBND xã X chưa ..."); not an office holder named after
    it, who speaks ("Qua kiểm tra, Phó Giám đốc Sở X Nguyễn Văn A ghi nhận ..."), nor a whole province."""
    return bool(load_vocabulary()["cue_conclusion"].match(pre)) and after_person(text, raw.tail_end) == raw.tail_end \
        and not _whole_province(raw)


def _sentenced(text: str, folded: str, raw: RawUnit) -> bool:
    """A unit, or a person of it, labelled with the sanction given ("đối với Phó Chủ tịch UBND huyện | Nguyễn Văn
    A: kỷ luật cách chức", "đối với tập thể Ban Thường vụ Huyện ủy X: kỷ luật cảnh cáo")."""
    end = after_person(text, raw.tail_end)
    label = _LABEL.match(text, end)
    return bool(label) and bool(load_vocabulary()["discipline"].match(folded, skip_spaces(text, label.end())))


def _reviews_itself(text: str, folded: str, pre: str, raw: RawUnit) -> bool:
    """An addressee asked to review its own conduct ("yêu cầu UBND xã X nghiêm túc kiểm điểm"), or a unit whose head
    is to ("... và Chủ tịch UBND tỉnh Y kiểm điểm nghiêm túc")."""
    vocab = load_vocabulary()
    review = vocab["self_review"].match(folded, raw.tail_end)
    if review and vocab["addressee"].search(pre[-40:]):
        return True
    if not vocab["office_before"].search(pre[-40:]):
        return bool(vocab["sanctioned_after"].match(folded, raw.tail_end))  # "Đảng ủy xã X bị kỷ luật cảnh cáo"
    # the head, named or not, is sanctioned ("Phó Chủ tịch UBND xã X Nguyễn Văn A bị khiển trách") or reviews their
    # own conduct, not others' ("Chủ tịch UBND tỉnh kiểm điểm trách nhiệm đối với ông A")
    end = after_person(text, raw.tail_end)
    if vocab["sanctioned_after"].match(folded, end):
        return True
    review = vocab["self_review"].match(folded, end)
    return bool(review and vocab["review_ends"].match(folded, review.end()))


def _rated(folded: str, raw: RawUnit) -> bool:
    """A district or commune given its rate in its own clause ("huyện X ... với tỷ lệ quá hạn 0,33%")."""
    return bool(raw.place_level and raw.place_name and not raw.head and not _is_province_place(raw)
                and load_vocabulary()["rated"].match(folded, raw.tail_end))


def _tallied(folded: str, raw: RawUnit) -> bool:
    """A unit given its own count of people or files at fault ("Xã X, huyện Y có đến 16/21 cán bộ vắng mặt",
    "Sở Z có 12 hồ sơ trễ hạn") or of people sanctioned ("...; UBND huyện X kiểm điểm 2 tổ chức, 5 cá nhân; huyện Y
    1 người bị khiển trách"); not a whole province's total."""
    vocab = load_vocabulary()
    return not _whole_province(raw) and bool(vocab["tallied"].match(folded, raw.tail_end)
                                             or vocab["sanction_tallied"].match(folded, raw.tail_end))


def _lets_fault_happen(text: str, folded: str, bounds: tuple[int, int], raw: RawUnit) -> bool:
    """'Đảng ủy xã X (đã) để xảy ra ...', 'Chủ tịch UBND tỉnh Y có nhiều sai phạm'; not a named person's own
    fault ("ông A - Trưởng ban Dân vận Huyện ủy X có vi phạm")."""
    aside = _ASIDE.match(text, raw.tail_end)
    end = after_person(text, aside.end() if aside else raw.tail_end)
    term = _TERM.match(fold_tones(text[end:end + 60]))  # "Ban Thường vụ Huyện ủy X nhiệm kỳ 2015-2020 để xảy ra"
    end += term.end() if term else 0
    return bool(load_vocabulary()["fault_after"].match(fold_tones(text[end:end + 60]))) \
        and _person_before(text, folded, bounds[0], raw.start, "cue_workplace_loose") is None


# the term of office written after a body ("nhiệm kỳ 2010-2015 và 2015-2020", "giai đoạn 2016 - 2021")
_TERM = re.compile(r"[ \t]*,?[ \t]*(?:nhiệm kỳ|giai đoạn)[ \t]+\d{4}[ \t]*[-–][ \t]*\d{4}"
                   r"(?:[ \t]*(?:,|và)[ \t]*\d{4}[ \t]*[-–][ \t]*\d{4})*[ \t]*,?")
_NAME_BEFORE = re.compile(r"((?:[^\W\d_]+[ \t]+){1,3}[^\W\d_]+)[ \t]*$")


def _person_before(text: str, folded: str, ss: int, pos: int, cue: str = "cue_workplace") -> int | None:
    """Start of the person's name in "Nguyễn Văn A - (nguyên) Phó Giám đốc | UNIT", else None."""
    vocab = load_vocabulary()
    lo = max(ss, pos - 90)
    for sep in re.finditer(r"[,(:;–-]", folded[lo:pos]):
        at = lo + sep.start()
        if not vocab[cue].match(folded[at:pos]):
            continue
        name = _NAME_BEFORE.search(text, max(ss, at - 40), at)
        words = list(re.finditer(r"[^\W\d_]+", name.group(1))) if name else []
        for k in range(min(4, len(words)), 1, -1):
            person = [w.group() for w in words[-k:]]
            if person[0] in vocab["surnames"] and all(w[0].isupper() for w in person):
                return name.start(1) + words[-k].start()
    return None


def _workplace(text: str, folded: str, bounds: tuple[int, int], raw: RawUnit) -> bool:
    """Whether the unit is the workplace of a person named in a disciplinary sentence ("kỷ luật ... ông
    Nguyễn Văn A - Phó Giám đốc Sở X", "Trần Văn B (nguyên Bí thư Huyện ủy Y) bị khai trừ"); not a whole
    province, nor a person who speaks or leads ("ông A - Bí thư Huyện ủy Y - cho biết", "..., Trưởng đoàn")."""
    vocab = load_vocabulary()
    ss, se = bounds
    after = folded[raw.tail_end:raw.tail_end + 60].lstrip(" -–,)")
    if not (vocab["discipline"].search(folded, ss, se) or _disciplined_list_item(folded, ss)) or _whole_province(raw) \
            or any(vocab[k].match(after) for k in ("agent", "speaker_verbs", "workplace_lead")):
        return False
    start = _person_before(text, folded, ss, raw.start)
    return start is not None and not vocab["workplace_blocker"].search(folded[ss:start])


_BULLET = re.compile(r"[ \t]*[-–•+*][ \t]")


def _disciplined_list_item(folded: str, ss: int) -> bool:
    """Whether the sentence at ss is an item of a bulleted list whose header line, ending with a colon, disciplines
    ("... kỷ luật cảnh cáo các đồng chí:" then "- Nguyễn Văn A, Giám đốc Sở X;" on lines of their own)."""
    start = folded.rfind("\n", 0, ss) + 1
    if not _BULLET.match(folded, start):
        return False
    for _ in range(30):  # up over the list's earlier items and blank lines to its header
        if start == 0:
            return False
        prev_start = folded.rfind("\n", 0, start - 1) + 1
        line = folded[prev_start:start - 1]
        start = prev_start
        if not line.strip() or _BULLET.match(line):
            continue
        return line.rstrip().endswith(":") and bool(load_vocabulary()["discipline"].search(line))
    return False


def assign_roles(text: str, folded: str, sentences, raws: list[RawUnit], inspectors) -> list[str]:
    """'inspector', 'inspected', 'mentioned' or 'issuer' for each scanned mention.

    A unit written as the whole of an inspector span (an organiser, an agency acting in its own
    name) inspects. A unit written inside a body's name ("Đoàn kiểm tra công vụ của UBND tỉnh X",
    "Đoàn kiểm tra công vụ tỉnh X") is its parent or issuer: 'issuer', reported as mentioned.
    """
    vocab = load_vocabulary()
    sentences = sorted(tuple(s) for s in sentences or [])
    starts = [s for s, _ in sentences]
    spans = _inspector_spans(inspectors)
    roles = ["mentioned"] * len(raws)
    table_rows = _table_rows(folded)
    bounds = [_sentence_bounds(text, sentences, r.start, starts) for r in raws]
    regions = []
    for s, e in spans:
        ss, se = _sentence_bounds(text, sentences, s, starts)
        tail = folded[e:se]
        trigger, stop = vocab["region_trigger"].search(tail), vocab["region_stop"].search(tail)
        if trigger and (not stop or trigger.start() < stop.start()):
            after = vocab["region_stop"].search(tail, trigger.end())
            regions.append((e + trigger.end(), e + after.start() if after else se))
    for i, raw in enumerate(raws):
        ss, se = bounds[i]
        inside = [(s, e) for s, e in spans if s <= raw.start and raw.end <= e]
        if i and raw.place_level and not raw.head and not raw.organ \
                and _ADDRESS.fullmatch(folded, raws[i - 1].tail_end, raw.start):
            continue  # "một Văn phòng đăng ký đất đai tại Tp.HCM": where the unit before it stands, its address
        if any(s == raw.start and e == raw.end for s, e in inside) or (vocab["organiser"].match(folded[raw.tail_end:se])
                                                                      and not any(s < raw.start for s, _ in inside)):
            # not the issuer inside a body's name ("Ủy ban Kiểm tra | Tỉnh ủy X | đã thành lập Đoàn ...")
            roles[i] = "inspector"
        elif inside and not (raw.place_level and not raw.head and not raw.organ and all(
                _PARTY_ORGAN.match(folded, s) for s, _ in inside)):  # "Đảng ủy | xã X": the commune stays a unit
            roles[i] = "issuer"
        elif _cued(text, folded, raw, (ss, se), regions, table_rows):
            roles[i] = "inspected"
    for i in range(1, len(raws)):  # a list continues the role of its first item
        prev = raws[i - 1]
        if roles[i - 1] == "inspected" and roles[i] == "mentioned" and (bounds[i] == bounds[i - 1] and (
                _list_gap(text, folded, prev, raws[i])
                or vocab["bracket_group"].fullmatch(folded, prev.tail_end, raws[i].start)
                or _skipped_item(text[prev.tail_end:raws[i].start], text[prev.start:prev.end]))
                or _FIGURE_GAP.fullmatch(text, prev.tail_end, raws[i].start)  # a splitter may cut at "TX."
                or _BRACKET_FIGURE_GAP.fullmatch(text, prev.tail_end, raws[i].start)
                or (_HAS_FIGURE_GAP.fullmatch(text, prev.tail_end, raws[i].start) and _HAS_FIGURE.match(text, raws[i].tail_end))):
            roles[i] = "inspected"
    return roles


def _list_gap(text: str, folded: str, prev: RawUnit, raw: RawUnit) -> bool:
    """Whether only a separator stands between two items of a list, or a separator and the office of the next
    item's head ("phê bình Giám đốc Sở A, Chủ tịch | UBND huyện B"); an office followed by its holder's name or
    an act, or a province's, opens the next clause ("..., Chủ tịch UBND tỉnh X Nguyễn Văn A nhấn mạnh")."""
    gap = folded[prev.tail_end:raw.start]
    short = _SHORT_FORM.match(gap)  # "phòng Giáo dục và Đào tạo (GD&ĐT), Văn phòng ...": the item's own short form
    m = load_vocabulary()["list_gap"].match(gap[short.end():] if short else gap)
    if not m or not m.group(1):
        return bool(m)
    return not (after_person(text, raw.tail_end) != raw.tail_end or _acts(text, raw.tail_end)
                or _whole_province(raw))


_SHORT_FORM = re.compile(r"[ \t]*\([ \t]*[^\W\d_][^\W_]*(?:[ \t]*[&-][ \t]*[^\W_]+)*[ \t]*\)")
# "TX. A có 75/283 hồ sơ (26,5%); H. B có 48/300 hồ sơ": the previous item's own figure, then the next item
_FIGURE_GAP = re.compile(r"[ \t]*(?:có[ \t]+)?(?:đến[ \t]+)?\d[\d.,/]*[ \t]+[^;.!?:\n()]{0,40}?"
                         r"(?:\([^()\n]{0,30}\))?[ \t]*;[ \t]*")
# "gồm: A (4.772 hồ sơ), B (2.991 hồ sơ); C": the previous item's own figure in brackets, then the next item; a
# word or two may qualify the figure ("A (chỉ hơn 13%), B (hơn 19%)")
_BRACKET_FIGURE_GAP = re.compile(r"[ \t]*\([ \t]*(?:[^\W\d_]+[ \t]+){0,2}\d[^()\n]{0,30}\)[ \t]*[,;][ \t]*(?:và[ \t]+)?")
# "trong đó, huyện A có 3 vụ, huyện B có 1 vụ": each item with its own share of the total, after its own "có N"
_HAS_FIGURE = re.compile(r"[ \t]*(?:có|:)[ \t]*(?:đến[ \t]+|tới[ \t]+)?\d")
_HAS_FIGURE_GAP = re.compile(r"[ \t]*có[ \t]+\d[\d.,/]*[ \t]+[^\W\d_]+(?:[ \t]+[^\W\d_]+){0,2}?[ \t]*(?:,|;|, và|và)[ \t]*")
_LIST_LEAD = re.compile(r"(?<![^\W_])(?:là|gồm|có|như)\s*:?\s*(?:[^\W\d_]+\s+){0,6}$")  # a list's lead word, cheaply
_LEAD_WORDS = ("gồm", "như", "là", "có")


def _has_list_lead(pre: str) -> bool:
    tail = pre[-60:]
    return any(w in tail for w in _LEAD_WORDS) and bool(_LIST_LEAD.search(tail))


_BREAKDOWN = re.compile(r"(?<![^\W_])trong đó[ \t]*[,:]?[ \t]*$")
_PARTY_ORGAN = re.compile(rf"(?:{fold_tones('đảng ủy')}|{fold_tones('ban chấp hành')}(?:\s+{fold_tones('đảng bộ')})?)\s+(?=\S)")
_ADDRESS = re.compile(r"[ \t]+(?:tại|ở|đóng tại|trên địa bàn)[ \t]+")
_ITEM_GAP = re.compile(r"\s*[,;]\s*([^,.;:!?()\n]{1,60}?)\s*(?:([,;])\s*)?")


def _skipped_item(gap: str, previous: str) -> bool:
    """Whether the gap between two units of a list is one more item the scan did not read, or the start of
    the next one, written with the previous item's head ("Đảng ủy Sở Y tế, | Đảng ủy bộ phận | Trung tâm X")."""
    m = _ITEM_GAP.fullmatch(gap)
    if not m or not m.group(1)[0].isupper():
        return False
    return bool(m.group(2)) or fold_tones(m.group(1)).startswith(" ".join(fold_tones(previous).split()[:2]) + " ")


# ---------------------------------------------------------------- merging


def _short_form_target(key: str, keys: dict) -> str | None:
    """'Chi nhánh huyện Ứng Hòa' -> the unit 'Chi nhánh Văn phòng ... huyện Ứng Hòa' already seen."""
    parts = key.split("|")
    if parts[0] != "agency" or len(parts) < 4:
        return None
    head_word = parts[1].split()[0]
    for other in keys:
        o = other.split("|")
        if other != key and o[0] == "agency" and o[2:] == parts[2:] and o[1].startswith(parts[1] + " ") \
                and o[1].split()[0] == head_word:
            return other
    return None


_LINE_BREAK = re.compile(r"[ \t]*\r?\n")


def _broken_name_target(key: str, keys: set[str]) -> str | None:
    """'UBND phường Trung' cut by a line break ("Trung\\nSơn") -> the one unit 'phường Trung Sơn' named in full."""
    longer = [k for k in keys if k.startswith(key + " ")]
    return longer[0] if len(longer) == 1 else None


def _shouted(text: str, raw: RawUnit) -> bool:
    """An all-caps mention ("UBND HUYỆN TAM ĐƯỜNG" in a letterhead)."""
    return text[raw.start:raw.end].isupper()


_PARTY_WORDS = {w: level for w, level in load_vocabulary()["level_words"].items() if w.endswith(" " + fold_tones("ủy"))}
_PARTY_COMMITTEE = re.compile(  # a province's party committee: "Tỉnh ủy X", "Thành ủy Y"
    "(?:" + "|".join(w for w, level in _PARTY_WORDS.items() if level in ("tinh", "thanh_pho")) + r")\b")


def _organ_of_place(text: str, first: RawUnit, raw: RawUnit) -> bool:
    """Whether raw names the committee of the province first names bare ("lãnh đạo tỉnh X" in a title, then
    "Chủ tịch UBND tỉnh X"): the committee, the body at fault, names the unit; not a party committee
    ("Tỉnh ủy X"), a unit of its own."""
    return bool(raw.organ == "committee" and not raw.one_stop and not raw.head
                and not first.head and not first.organ and first.place_level and _is_province_place(first)
                and not _PARTY_COMMITTEE.match(fold_tones(text[first.start:first.end])))


def _named_city(raws: list[RawUnit], infos: list[dict], doc_province: str | None) -> tuple[str, dict] | None:
    """(key, description) of the one district-level city a report names, outside the centrally governed
    cities, where a bare "thành phố" refers back to it."""
    if gazetteer.is_city_province(doc_province):
        return None
    cities = {info["key"]: info for raw, info in zip(raws, infos)
              if raw.place_level == "thanh_pho" and raw.place_name and not raw.head and not _is_province_place(raw)}
    return next(iter(cities.items())) if len(cities) == 1 else None


def _bare_referents(raws: list[RawUnit], bare: list[RawUnit]) -> list[RawUnit]:
    """'UBND huyện' in a report that names one huyện is that huyện's committee: each bare mention, as a
    mention of the named place (same key); bare mentions of a level the report names not once, or
    several times over, are dropped."""
    named: dict[str, set[str]] = {}
    for raw in raws:
        if raw.place_level in BARE_DISTRICT_LEVELS and raw.place_name:
            named.setdefault(raw.place_level, set()).add(gazetteer.place_key(raw.place_name))
    out = []
    for raw in bare:
        places = named.get(raw.level, set())
        if len(places) == 1:
            name = next(r.place_name for r in raws if r.place_level == raw.level and r.place_name)
            out.append(RawUnit(raw.start, raw.end, raw.level, core=name, place_level=raw.level, place_name=name,
                               organ="committee", tail_end=raw.tail_end))
    return out


_BARE_AGENCY_LEVELS = BARE_DISTRICT_LEVELS | gazetteer.WARD_LEVELS


def _name_bare_agency_places(raws: list[RawUnit]) -> None:
    """'Trưởng Công an phường', 'Phòng Nội vụ huyện' in a report that names one phường or one huyện: the agency of
    that place (in place); with none or several named, the place stays bare."""
    if not any(raw.head and raw.place_level in _BARE_AGENCY_LEVELS and not raw.place_name for raw in raws):
        return
    named: dict[str, set[str]] = {}
    first: dict[str, str] = {}
    for raw in raws:
        if raw.place_level in _BARE_AGENCY_LEVELS and raw.place_name:
            named.setdefault(raw.place_level, set()).add(gazetteer.place_key(raw.place_name))
            first.setdefault(raw.place_level, raw.place_name)
    for raw in raws:
        if raw.head and raw.place_level in _BARE_AGENCY_LEVELS and not raw.place_name \
                and len(named.get(raw.place_level, ())) == 1:
            raw.place_name = first[raw.place_level]


def _sole_inspected(units: dict[str, dict], inspectors) -> None:
    """A report of an inspection that names no inspected unit by a cue: the unit it keeps coming
    back to is the one inspected ("Kỷ luật bốn công chức xã X sau kiểm tra công vụ ... xã X ...").

    Only below the province, never the inspector's own issuer, and only a clear favourite
    (written at least twice, more often than any other candidate).
    """
    if not inspectors or any(u["role"] == "inspected" for u in units.values()):
        return
    inspecting = load_cues()["acting_agencies"]
    candidates = [u for u in units.values() if u["role"] == "mentioned" and not u["acting"]
                  and not fold_tones(u["info"]["canonical"]).startswith(load_vocabulary()["overseers"])
                  and not (u["first"].place_level and _is_province_place(u["first"]))
                  and not (u["first"].head and normalise_name(f"{u['first'].head} {u['first'].core}").startswith(
                      inspecting))]
    counts = sorted((len(u["spans"]) for u in candidates), reverse=True)
    if counts and counts[0] >= 2 and (len(counts) == 1 or counts[0] > counts[1]):
        next(u for u in candidates if len(u["spans"]) == counts[0])["role"] = "inspected"


_PARTY_PLACE = re.compile("|".join(w + r"\s" for w in _PARTY_WORDS))
_PARTY_IN_NAME = re.compile(r"(?<![^\W_])(?:" + "|".join(_PARTY_WORDS) + r")(?![^\W_])")


# "Đảng ủy | xã Y", "Ban Chấp hành Đảng bộ | xã Z": the place's party committee or organisation, written before it
_PARTY_BEFORE = re.compile(rf"(?<![^\W_])(?:{phrase_pattern(load_data('unit_types.yaml')['place_party_bodies'])})\s+$")


def _party_committee(text: str, folded: str, raw: RawUnit, info: dict) -> dict:
    """A place's party committee ("Huyện ủy X", scanned from its place word; "Đảng ủy xã Y", written before it) is
    a unit of its own, not the place's people's committee: its own key, named as written."""
    if raw.head and raw.place_level and not raw.organ:
        party = _PARTY_IN_NAME.search(folded, raw.start, raw.end)
        if party:  # "Ban Thường vụ Tỉnh ủy X": the board of the party committee, named with it
            name = _SPACES.sub(" ", text[raw.start:raw.end])
            province = info["province"] if not raw.place_name and _is_province_place(raw) else None
            return {**info, "canonical": f"{name} {province}" if province else name}
        return info
    if raw.head or raw.organ or not raw.place_name:
        return info
    if _PARTY_PLACE.match(folded, raw.start):
        return {**info, "key": "party|" + info["key"], "canonical": _SPACES.sub(" ", text[raw.start:raw.end])}
    before = _PARTY_BEFORE.search(folded, max(0, raw.start - 40), raw.start)
    if before:
        return {**info, "key": "party|" + info["key"], "canonical": _SPACES.sub(" ", text[before.start():raw.end])}
    return info


_SPACES = re.compile(r"\s+")


def extract_units(text: str, sentences, inspectors=None) -> list[Mention]:
    """Units named in text, one Mention per unit (all its mentions in data["spans"]), sorted by start."""
    folded = fold_tones(text)
    bare: list[RawUnit] = []
    raws = scan_units(text, folded, bare)
    if not raws:
        return []
    _name_bare_agency_places(raws)
    referred = _bare_referents(raws, bare)
    referred_ids = {id(r) for r in referred}
    raws = sorted(raws + referred, key=lambda r: r.start)
    if inspectors is None:
        inspectors = extract_inspectors(text, sentences)
    doc_province = rank_document_province(text, folded, raws)
    roles = assign_roles(text, folded, sentences, raws, inspectors)
    units: dict[str, dict] = {}
    infos = [_party_committee(text, folded, raw, describe_unit(raw, doc_province)) for raw in raws]
    all_keys = {info["key"] for info in infos}
    city = _named_city(raws, infos, doc_province)
    for raw, role, info in zip(raws, roles, infos):
        key = info["key"]
        if city and raw.place_level == "thanh_pho" and not raw.place_name and not raw.head:
            key, info = city  # "UBND thành phố" in Đắk Lắk: the city the report names, not the province
        if raw.head and not raw.core:
            key = _short_form_target(key, units) or key
        broken = bool(_LINE_BREAK.match(text, raw.end)) and _broken_name_target(key, all_keys)
        key = broken or key
        weak = bool(broken) or id(raw) in referred_ids  # cut by a line break, or a bare "UBND huyện"
        unit = units.get(key)
        if unit is None:
            unit = units[key] = {"first": raw, "info": info, "spans": [], "role": role, "acting": [],
                                 "inspected": [], "broken": weak}
        elif unit["broken"] and not weak or (_shouted(text, unit["first"]) and not _shouted(text, raw)):
            unit.update(first=raw, info=info, broken=False)  # the name in full and in normal case names it
        elif _organ_of_place(text, unit["first"], raw) and info["province"]:
            unit["info"] = info  # "lãnh đạo tỉnh X", then "Chủ tịch UBND tỉnh X": the committee is the unit
        unit["spans"].append([raw.start, raw.end])
        if role in ("inspector", "issuer"):
            unit["acting"].append(raw)
        elif role == "inspected":
            unit["inspected"].append(raw)
        if ROLE_RANK[role] > ROLE_RANK[unit["role"]]:
            unit["role"] = role
    _sole_inspected(units, inspectors)
    out = []
    for unit in units.values():
        first, info = unit["first"], unit["info"]
        role = "mentioned" if unit["role"] == "issuer" else unit["role"]
        if role == "inspector":  # an inspecting agency goes by its fullest name where it inspects
            first = max(unit["acting"], key=lambda r: (r.end - r.start, -r.start))
        elif role == "inspected" and not first.one_stop:  # the one-stop shop inspected names the unit
            first = next((r for r in unit["inspected"] if r.one_stop), first)  # "Bộ phận Một cửa huyện X"
        out.append(Mention(first.start, first.end, "unit", {
            "name": text[first.start:first.end], "canonical": info["canonical"], "level": first.level,
            "role": role, "issuer": unit["role"] == "issuer", "acts": bool(unit["acting"]), "province": info["province"],
            "province_candidates": info["candidates"], "successor_province": info["successor"],
            "spans": sorted(unit["spans"])}))
    return sorted(out, key=lambda m: (m.start, m.end))


def _acts(text: str, end: int) -> bool:
    """Whether the unit written up to `end` is the subject that acts ("UBND huyện X (tỉnh Y) vừa ban hành
    quyết định kỷ luật ...", "Chủ tịch UBND tỉnh X Nguyễn Văn A yêu cầu ..."), not the one found wanting."""
    aside = _ASIDE.match(text, end)
    verb = after_person(text, _past_province(text, aside.end() if aside else end))
    if "\n" in text[end:verb + 1]:
        return False  # the next line's subject acts, not this unit ("... lãnh đạo của Sở X TP.\nUBND TP yêu cầu")
    return bool(load_vocabulary()["agent"].match(fold_tones(text[verb:verb + 60])))


def _past_province(text: str, end: int) -> int:
    """End of the province written after a unit ("UBND huyện X, tỉnh Y | đã ..."), else `end`."""
    window = fold_tones(text[end:end + 48])
    m = _PROVINCE_AFTER.match(window)
    province = gazetteer.province_pattern().match(window, m.end()) if m else None
    return end + province.end() if province else end


def promote_finding_subjects(text: str, units: list[Mention], found: list[Mention]) -> None:
    """A mentioned unit named before a violation or a sanction in its sentence is the unit found wanting
    ("Riêng UBND phường X có 6 công chức chưa có mặt", "cán bộ ở Sở Y bị kiểm điểm"): its role becomes
    inspected (in place). Not the addressee of a request, the actor ("UBND huyện X vừa ban hành ..."), a
    qualifier ("(thuộc Sở Y)") or a whole province's total ("toàn tỉnh X có ...")."""
    cues = [(f.data["evidence"]["span"][0], f.start, f.end) for f in found
            if f.data.get("status", "violation") == "violation"]
    if not cues:
        return
    vocab = load_vocabulary()
    addressed, qualifier = vocab["addressee"], vocab["qualifier"]
    spans = [tuple(span) for unit in units for span in unit.data["spans"]]
    for unit in units:
        if unit.data["role"] != "mentioned" or unit.data.get("issuer") or unit.data.get("acts") \
                or fold_tones(unit.data["name"]).startswith(load_vocabulary()["overseers"]):
            continue  # party committees and councils oversee, an inspector's own unit acts: not found wanting here
        for a, b in unit.data["spans"]:
            pre = fold_tones(text[max(0, a - 40):a])  # "yêu cầu Phó Chủ tịch | UBND tỉnh X"
            if vocab["current_post"].search(fold_tones(text[max(0, a - 70):a])):
                continue  # a person's present post, not the unit at fault
            if vocab["area_of_many"].search(fold_tones(text[max(0, a - 80):a])) and \
                    unit.data["level"] == "tinh" and fold_tones(unit.data["name"]).split()[0] == LEVEL_WORD["tinh"]:
                continue  # "các cơ quan cấp xã trên địa bàn tỉnh X": the province only holds the bodies at fault
            # a whole province written right after a body the scan did not read is that body's place ("thanh tra
            # tỉnh X kết luận ... vi phạm", "CA tỉnh X đình chỉ ...", "cơ quan chức năng tỉnh X phát hiện ..."), not
            # the unit at fault; one that opens the clause or follows a link ("5 công chức của tỉnh X đi muộn",
            # "tỉnh X có 998 hồ sơ quá hạn") may be, and so may its committee (canonical, or after an office)
            whole = unit.data["level"] == "tinh" and all(fold_tones(unit.data[k]).split()[0] == LEVEL_WORD["tinh"]
                                                         for k in ("name", "canonical"))
            tail_of_body = whole and not (vocab["province_link"].search(pre) or vocab["office_before"].search(pre))
            before = not tail_of_body and any(s <= a < cue and not _CLAUSE_BREAK.search(text, a, cue) for s, cue, _ in cues) \
                and not addressed.search(pre) and not _acts(text, b) and not qualifier.search(pre[-24:])
            if before or any(0 <= a - end <= 200 and _site_of(text, end, a, spans) for _, _, end in cues):
                unit.data["role"] = "inspected"
                break
    _continue_figure_lists(text, units)


def _continue_figure_lists(text: str, units: list[Mention]) -> None:
    """Units listed with their own figures after a unit found wanting are found wanting too ("gồm: TX. A có 75/283
    hồ sơ (26,5%); H. B có 48/300 hồ sơ (16%); H. C 46/305 hồ sơ")."""
    written = sorted((a, b, unit) for unit in units for a, b in unit.data["spans"])
    for (_, end, prev), (start, _, unit) in zip(written, written[1:]):
        if prev.data["role"] == "inspected" and unit.data["role"] == "mentioned" and not unit.data.get("issuer") \
                and _FIGURE_GAP.fullmatch(text, end, start):
            unit.data["role"] = "inspected"


def _site_of(text: str, cue_end: int, pos: int, spans) -> bool:
    """Whether the unit at pos is where the violation ending at cue_end happened: "359 hồ sơ trễ hạn tại các
    đơn vị Sở Tư pháp, Sở Y tế", "trễ hạn nhiều nhất gồm: A, B" (other units of the list, with their figures
    in brackets, may stand between)."""
    colon = text.find(":", cue_end, pos)  # a list opened by a colon may run on after semicolons
    if _CLAUSE_BREAK.search(text, cue_end, pos) and (colon < 0 or _SENTENCE_BREAK.search(text, cue_end, pos)
                                                      or _CLAUSE_BREAK.search(text, cue_end, colon)):
        return False
    gap = list(fold_tones(text[cue_end:pos]))
    for s, e in spans:  # the list's earlier items
        if cue_end <= s and e <= pos:
            gap[s - cue_end:e - cue_end] = " " * (e - s)
    gap = _ASIDE.sub(lambda m: " " * len(m.group()), "".join(gap))  # "như: A (hơn 22%); B"
    place = load_vocabulary()["locality"].match(fold_tones(text[pos:pos + 40]))
    if _COUNTED_THING.search(gap) and place and not place.group(1):
        return False  # "không kê khai 3 thửa đất ở TP X": where the things counted lie, not a body at fault
    return len(re.findall(r"[^\W_]+", gap)) <= 6 and bool(load_vocabulary()["site_lead"].search(gap))


