"""Unit mentions as written: a small hand-written scanner over the tone-folded text (same offsets
as the text) for agencies (sở, ban, chi cục ...), places (huyện, xã ... and their UBND / HĐND),
one-stop shops, lists with shared heads and place qualifiers. `extractors.units` merges them.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from extractors import gazetteer
from extractors.abbreviations import fold_tones, load_abbreviations, normalise_name
from extractors.lexicon import load_data
from extractors.numerals import number_pattern


LEVEL_WORD = {"tinh": "tỉnh", "thanh_pho": "thành phố", "huyen": "huyện", "quan": "quận", "thi_xa": "thị xã",
              "xa": "xã", "phuong": "phường", "thi_tran": "thị trấn"}
BARE_DISTRICT_LEVELS = frozenset({"huyen", "quan", "thi_xa"})  # "UBND huyện": the one district a report names
_GENERIC_NAME_WORDS = 10  # "Ban Quản lý Vườn quốc gia Phong Nha - Kẻ Bàng"
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")  # "Ia H'Drai"
_GAP_SPACES = re.compile(r"[ \t\u00a0]+")
_DASH = re.compile(r"[ \t]*[-–][ \t]*")
_TWO_WORDS = re.compile(r"([^\W_]+)[ \t]+([^\W_]+)")
# Between a place and the place it belongs to: "xã A, huyện B", "xã A (huyện B)", "xã A thuộc huyện B".
_PARENT_SEP = re.compile(r"[ \t]*(,|\(|[-–]|thuộc)?[ \t]*")


@dataclass(slots=True)
class RawUnit:
    """One mention of a unit as scanned, before merging."""

    start: int
    end: int
    level: str
    head: str = ""                 # agency head as written ("Sở"); "" for a place
    core: str = ""                 # agency name as written ("TN&MT"), or the place's own name
    place_level: str | None = None  # level of the place the unit is, or is attached to
    place_name: str = ""           # that place's name ("Thạch Thất"); "" when bare ("UBND tỉnh")
    organ: str | None = None       # committee / council of the place
    province: str | None = None    # a province written right after an agency ("Sở TN&MT Hà Nội")
    parent: str | None = None      # the huyện written after a xã ("xã A, huyện B")
    one_stop: bool = False         # the one-stop shop of the place or agency
    tail_end: int = 0              # end including a consumed parent qualifier


# ---------------------------------------------------------------- vocabulary


def phrase_pattern(phrases) -> str:
    """Folded phrases as one alternation, longest first, spaces matching any run of spaces."""
    folded = sorted({fold_tones(p) for p in phrases if p}, key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in folded)


def agency_info(head: str) -> dict:
    """The vocabulary entry of an agency head as matched in the text (any run of spaces or line breaks)."""
    return load_vocabulary()["agencies"][" ".join(fold_tones(head).split())]


def _name_pattern(name: str) -> str:
    """A known name with free separators: "Lao động, Thương binh" also as "Lao động - Thương binh",
    "Tài nguyên và Môi trường" also as "Tài nguyên - Môi trường"."""
    sep = r"(?:\s*[,\-–]\s*|\s+)"
    out = ""
    for word in (w for w in re.split(r"[\s,\-–]+", fold_tones(name)) if w):
        if word == "và" and out:
            out += rf"(?:{sep}và)?"
        else:
            out += (sep if out else "") + re.escape(word).replace(r"\&", r"\s*&\s*")
    return out


def _punctuated(phrases) -> list[str]:
    return [p for p in phrases if not p.replace(" ", "").isalpha()]


def _lead_pattern(leads) -> re.Pattern | None:
    return re.compile(rf"(?:{phrase_pattern(leads)})(?![^\W_])") if leads else None


# the dot of an abbreviated level glued to its name ("TP.Đà Nẵng", "P.Hải Vân"): no sentence ends there
_ABBREVIATION_DOT = r"(?<=[^\W\d_])\.(?=[^\W\d_])"


@lru_cache(maxsize=1)
def load_vocabulary() -> dict:
    """The unit data file with its regexes compiled once."""
    data = load_data("unit_types.yaml")
    abbreviations = load_abbreviations()
    level_of = {fold_tones(w): item["level"] for item in data["localities"] for w in item["words"]}
    organ_of = {fold_tones(w): item["kind"] for item in data["organs"] for w in item["words"]}
    agencies = {}
    for item in data["agencies"]:
        names = [n for n in item["names"] if n]
        keys = {normalise_name(n) for n in names}
        aliases = [a for a, e, _ in abbreviations if normalise_name(e) in keys]
        patterns = sorted((_name_pattern(n) for n in names + aliases), key=len, reverse=True)
        agencies[fold_tones(item["head"])] = {
            "head": item["head"], "level": item["level"], "generic": item["generic"],
            "names": re.compile(rf"(?:{'|'.join(patterns)})(?![^\W_])") if patterns else None,
            "bare_ok": "" in item["names"] or item["head"] in data["place_only_heads"],
            "nested": frozenset(fold_tones(h) for h in item.get("nested_heads", [])),
            "nested_places": item.get("nested_places", False),
            "place_only": item["head"] in data["place_only_heads"],
            "any_case": item.get("any_case", False),
            "lower_leads": item.get("lower_leads", False),
            "capital_name": item.get("capital_name", False),
            "named_by_place": item.get("named_by_place", False),
            "place_bound": frozenset(fold_tones(n) for n in item.get("place_bound_names", [])),
            "leads": _lead_pattern(item.get("name_leads"))}
    # a head with name_leads is one only before a lead ("Trường | THCS X"), in any case
    head_alt = "|".join([rf"{re.escape(h)}(?=\s+{a['leads'].pattern})" for h, a in agencies.items() if a["leads"]]
                        + [phrase_pattern(h for h, a in agencies.items() if not a["leads"])])
    cues = data["role_cues"]
    verbs, preps, mods, introducers = (phrase_pattern(cues[k]) for k in ("verbs", "prepositions", "verb_modifiers",
                                                                          "list_introducers"))
    return {
        "level_of": level_of, "organ_of": organ_of, "agencies": agencies,
        # level words written out ("tỉnh", "huyện ủy"; not "tp.", "h."), and the party committees among them
        "level_words": {w: level for w, level in level_of.items() if "." not in w and len(w) > 2},
        "place_only": {fold_tones(h) for h in data["place_only_heads"]},
        "known_names_only": frozenset(fold_tones(w) for w in data["known_names_only"]),
        # "5 xã gồm:", "4 tỉnh gồm A, B", "5 tỉnh Tây Nguyên:" (a few words may describe the places)
        "enumeration": re.compile(rf"(?:[ \t]+[^\W\d_]+){{0,3}}[ \t]*(?:(?<![^\W_])(?:{phrase_pattern(data['enumeration_leads'])})(?![^\W_])"
                                  rf"[ \t]*:?|:)[ \t]*"),
        # "..., gồm phòng Tư pháp, phòng Y tế": the first item of a list, after its lead word
        "lead_before": re.compile(rf"(?<![^\W_])(?:{phrase_pattern(data['enumeration_leads'])})[ \t]*:?[ \t]*$"),
        "counted": re.compile(rf"(?:{number_pattern()}|(?<![^\W_])các)[ \t]+$", re.IGNORECASE),
        "ordinal": re.compile(rf"[ \t]+(?:{phrase_pattern(data['ordinal_words'])})[ \t]+\d{{1,2}}(?![\w/]|[.-]\d)"),
        "branch": re.compile(rf"[ \t]*[-–][ \t]*(?:{phrase_pattern(data['branch_words'])})"
                             rf"(?:[ \t]+(?:số[ \t]+)?\d+)?(?![^\W_])"),
        "suffix_link": re.compile(rf"(?:{phrase_pattern(data['suffix_links'])})[ \t]+"),
        "title_words": tuple(fold_tones(w) + " " for w in data["title_words"]),
        "head_title": re.compile(rf"(?<![^\W_])(?:{phrase_pattern(data['head_titles'])})[ \t]+$"),
        "stopwords": {fold_tones(w) for w in data["name_stopwords"]},
        "province_link": re.compile(rf"(?:^|[,;:.!?()\n\"“”-]|(?<![^\W_])(?:{phrase_pattern(data['province_links'])}))"
                                    r"[ \t]*$"),
        "reason_after": re.compile(rf"[ \t]*,?[ \t]*(?:{phrase_pattern(cues['reason_words'])})(?![^\W_])"),
        "reason_owed": re.compile(rf"(?<![^\W_])(?:{phrase_pattern(cues['reason_owed_to'])})[ \t]+$"),
        "plural_before": re.compile(rf"(?<![^\W_])(?:{phrase_pattern(data['plural_before_head'])})[ \t]+$"),
        # stopwords written with punctuation ("số:"), which the word sets above cannot hold
        "name_stop": re.compile(rf"(?:{phrase_pattern(_punctuated(data['name_stopwords']))})(?![^\W_])"),
        "surnames": frozenset(data["person_surnames"]),
        "generic_exclude": re.compile(rf"(?:{phrase_pattern(data['generic_exclude'])})(?![^\W_])"),
        "overseers": tuple(fold_tones(w) for w in data["overseers"]),
        "place_stop": re.compile(rf"(?:{phrase_pattern(data['place_name_stopwords'])})(?![^\W_])"),
        "not_place": re.compile(rf"(?:{phrase_pattern(data['name_words_not_places'])})(?![^\W_])"),
        "place_blocked": re.compile(rf"(?<![^\W_])(?:{phrase_pattern(data['place_blocked_after'])})\s+$"),
        "fillers": re.compile(rf"(?:{phrase_pattern(data['one_stop_fillers'])}|[\s,\"“”()]+)+"),
        "locality": re.compile(rf"(?<![^\W_])(?:({phrase_pattern(organ_of)})\s+)?"
                               rf"({phrase_pattern(w for w in level_of if w.endswith('.'))}"
                               rf"|(?:{phrase_pattern(w for w in level_of if not w.endswith('.'))})(?![^\W_]))"),
        "head": re.compile(rf"(?<![^\W_])({head_alt})(?![^\W_])"),
        "one_stop": re.compile(rf"(?<![^\W_])(?:{phrase_pattern(data['one_stop_heads'])})"),
        "trigger": re.compile(rf"(?<![^\W_])(?:{phrase_pattern(data['one_stop_heads'])}|{head_alt}"
                              rf"|{phrase_pattern(organ_of)}|{phrase_pattern(level_of)})"),
        # "tại UBND các xã A, B": the organ may stand before a plural list of places
        # "kiểm tra khi có dấu hiệu vi phạm đối với Chi ủy Chi bộ | Hội X": a unit's party bodies may stand between
        "cue_after_prep": re.compile(rf"(?:{verbs})(?:,?\s+[^\s,.;:!?()]+){{0,16}}?\s+(?:{preps})"
                                     rf"(?:\s+(?:{phrase_pattern(cues['party_prefixes'])}))*"
                                     rf"(?:\s+(?:{phrase_pattern(organ_of)}))?(?:\s+(?:{mods}))?\s*$"),
        "cue_fault": re.compile(rf"(?<![^\W_])(?:{phrase_pattern(cues['fault_nouns'])})(?:\s+[^\s,.;:!?()]+){{0,4}}?"
                                rf"\s+(?:{phrase_pattern(cues['sentence_openers'])})"
                                rf"(?:\s+(?:{phrase_pattern(organ_of)}))?(?:\s+(?:{mods}))?\s*$"),
        # "sai phạm của (Ban Thường vụ) Huyện ủy X", "khuyết điểm của UBND xã Y": the unit the wrongdoing belongs to
        "cue_fault_of": re.compile(rf"(?<![^\W_])(?:{phrase_pattern(cues['fault_nouns'])})"
                                   rf"(?:\s+(?:{phrase_pattern(cues['fault_owner_quantifiers'])}))?"
                                   rf"\s+(?:{phrase_pattern(cues['fault_owner_links'])})"
                                   rf"(?:\s+(?:{phrase_pattern(cues['party_prefixes'])}))?"
                                   rf"(?:\s+(?:{phrase_pattern(organ_of)}))?\s*$"),
        "fault_after": re.compile(rf"[\s,]*(?:(?:{phrase_pattern(cues['fault_after_adverbs'])})\s+)*"
                                  rf"(?:{phrase_pattern(cues['fault_after'])})(?![^\W_])"),
        "cue_direct": re.compile(rf"(?<![^\W_])(?:{phrase_pattern(cues['direct_verbs'])})"
                                 rf"(?:\s+(?:{mods}|\d+|{phrase_pattern(organ_of)}))*\s*$"),
        "cue_opener": re.compile(rf"^\W*(?:{phrase_pattern(cues['sentence_openers'])})\s+$"),
        # "Kết quả thanh tra cho thấy, (từ năm 2020 đến nay,) (Chủ tịch) | UBND huyện X ...": the subject of a finding
        # (the time phrase has a number: "Qua kiểm tra, Phó Giám đốc Sở X" names who speaks, see _concluded)
        "cue_conclusion": re.compile(rf"^\W*(?:{phrase_pattern(cues['conclusion_openers'])})"
                                     rf"(?:\s+(?:{phrase_pattern(cues['conclusion_verbs'])}))?\s*[,:]?\s*"
                                     rf"(?:[^,.;:!?()\n]{{0,30}}\d[^,.;:!?()\n]{{0,12}},\s*)?(?:(?:nguyên\s+)?(?:{phrase_pattern(cues['target_people'])})\s+)?$"),
        # "Các đơn vị bị nhắc nhở là: A, B", "một số đơn vị còn chậm, như A, B": a list of units a fault is said of
        "cue_fault_list": re.compile(rf"(?<![^\W_])(?:{phrase_pattern(cues['fault_list_quantifiers'])}|\d+)\s+"
                                     rf"(?:{phrase_pattern(cues['fault_list_nouns'])})"
                                     rf"(?![^\W_])(?:[^.;!?:]|{_ABBREVIATION_DOT}){{0,100}}?(?<![^\W_])(?:{phrase_pattern(cues['fault_list_words'])})"
                                     rf"(?![^\W_])(?:[^.;!?:]|{_ABBREVIATION_DOT}){{0,140}}?(?<![^\W_])(?:{introducers})"
                                     rf"\s*:?\s*(?:{phrase_pattern(cues['party_prefixes'])}\s+)?$"),
        # "Một số đơn vị có nhiều hồ sơ gồm: | A (4.772 hồ sơ), B ...", "một số các phòng như: | A, B vẫn còn chậm": a list
        # of units opened by a plural, each given its own figure or the fault said after the list (see _listed_result)
        "cue_list_open": re.compile(rf"(?<![^\W_])(?:{phrase_pattern(cues['list_open_quantifiers'])}|\d+)(?:\s+các)?\s+"
                                    rf"(?:{phrase_pattern(cues['fault_list_nouns'])})(?![^\W_])[^.;!?:]{{0,140}}?"
                                    rf"(?<![^\W_])(?:{introducers})\s*:?\s*$"),
        "figure_after": re.compile(r"[ \t]*\([ \t]*(?:có[ \t]+)?\d[\d.,/]*[ \t]*(?:%|[^\W\d_]+)"),
        "fault_later": re.compile(rf"(?<![^\W_])(?:{phrase_pattern(cues['fault_list_words'])})(?![^\W_])"),
        "cue_label": re.compile(rf"(?<![^\W_])(?:{phrase_pattern(cues['sentence_openers'])})\s+$"),
        "cue_speaker": re.compile(rf"(?<![^\W_])(?:{phrase_pattern(cues['speaker_heads'])})"
                                  rf"(?:\s+(?:ubnd|ủy ban nhân dân))?\s*$"),
        "speaker_verbs": re.compile(rf"(?<![^\W_])(?:{phrase_pattern(cues['speaker_verbs'])})(?![^\W_])"),
        "cue_table": re.compile(rf"(?:{phrase_pattern(cues['table_heads'])})\s*:?\s*(?:\d+[.)]\s*)?$"),
        "table_unit_columns": frozenset(fold_tones(w) for w in cues["table_unit_columns"]),
        "table_index_columns": frozenset(fold_tones(w) for w in cues["table_index_columns"]),
        "cue_list_opener": re.compile(rf"(?:{verbs}|{preps})[^.;!?]{{0,80}}?(?<![^\W_])"
                                      rf"(?:{phrase_pattern(cues['list_openers'])})\s*:?\s*$"),
        "cue_enumeration": re.compile(rf"(?:{verbs}|{preps})[^.;!?]{{0,80}}?(?<![^\W_])(?:{number_pattern()})\s+"
                                      rf"[^:.;]{{0,60}}:\s*$"),
        "cue_target": re.compile(rf"(?<![^\W_])(?:{phrase_pattern(cues['target_verbs'] + cues['absence_verbs'] + cues['conclusion_addressed'])})"
                                 rf"(?:\s+(?:{phrase_pattern(cues['target_modifiers'])}|\d+))*"
                                 # "kỷ luật ông Nguyễn Văn A, nguyên Chủ tịch UBND xã X"
                                 rf"(?:\s+(?:ông|bà|đồng chí|đ/c)(?:\s+[^\W\d_]+){{1,4}}\s*[,(–-]\s*(?:nguyên\s+)?)?"
                                 # "kiểm điểm tập thể, cán bộ, lãnh đạo của Sở X": people listed, then links
                                 rf"(?:\s*(?:(?<![^\W_])(?:{phrase_pattern(cues['target_people'] + cues['party_prefixes'])})"
                                 rf"|{phrase_pattern(cues['target_links'])}|[,:]))*\s*$"),
        # "..., nguyên Bí thư " before the unit; the person's name before the separator is checked on the text
        # (titles held together may be joined by a dash: "Phó Bí thư - Chủ tịch UBND xã X")
        "cue_workplace": re.compile(rf"[,(:;–-]\s*(?:[^\W\d_]+(?:[ \t,]+|[ \t]*[–-][ \t]*)){{0,8}}?"
                                    rf"(?<![^\W_])(?:{phrase_pattern(cues['workplace_titles'])})"
                                    rf"(?:\s+(?:{phrase_pattern(cues['workplace_organs'])}))?\s*$"),
        # the same with a body's name after the title ("Trưởng ban Dân vận | Huyện ủy X")
        "cue_workplace_loose": re.compile(rf"[,(:;–-]\s*(?:[^\W\d_]+(?:[ \t,]+|[ \t]*[–-][ \t]*)){{0,8}}?"
                                          rf"(?<![^\W_])(?:{phrase_pattern(cues['workplace_titles'])})"
                                          rf"(?:[ \t]+[^\W\d_]+){{0,3}}\s*$"),
        "investor": re.compile(rf"[ \t]*(?:\([^()\n]{{0,60}}\)[ \t]*)?(?:{phrase_pattern(cues['investor_words'])})(?![^\W_])"),
        "rated": re.compile(rf"[^;.!?\n]{{0,80}}?(?<![^\W_])(?:{phrase_pattern(cues['rate_words'])})(?![^\W_])"
                            rf"[^;.!?\n]{{0,60}}?\d+(?:[.,]\d+)?[ \t]*%"),
        # "Xã X, huyện Y có đến 16/21 cán bộ, công chức vắng mặt": the unit's own count of people or files at fault
        "tallied": re.compile(rf"[ \t]*,?[ \t]*(?:(?:{phrase_pattern(cues['fault_after_adverbs'])})[ \t]+)*có[ \t]+"
                              rf"(?:(?:{phrase_pattern(cues['tally_modifiers'])})[ \t]+)?\d+(?:[/.]\d+)?[ \t]"
                              rf"[^;.!?\n]{{0,80}}?(?<![^\W_])(?:{phrase_pattern(cues['tally_faults'])})(?![^\W_])"),
        # "thanh tra trách nhiệm của Chủ tịch | UBND tỉnh X": the body whose head is held to account
        "cue_accountable": re.compile(rf"(?<![^\W_])(?<!giao\s)(?:{phrase_pattern(cues['accountable_nouns'])})\s+(?:của\s+)?"
                                      rf"(?:(?:nguyên|các)\s+)?(?:{phrase_pattern(cues['target_people'])})\s+$"),
        # "thanh tra trách nhiệm của | UBND tỉnh X", "kiểm tra trách nhiệm để xảy ra chậm trễ tại | UBND phường Y"
        "cue_duty_inspected": re.compile(rf"(?<![^\W_])(?:{phrase_pattern(cues['accountable_verbs'])})\s+"
                                         rf"(?:{phrase_pattern(cues['accountable_nouns'])})(?:\s+[^\s.;:!?()]+){{0,14}}?\s+"
                                         rf"(?:{phrase_pattern(cues['accountable_links'])})\s*$"),
        # "...; UBND huyện X kiểm điểm 1 tổ chức, 6 cá nhân; Sở Y 2 người bị khiển trách": a unit's own count of
        # people sanctioned, in a breakdown by unit
        "sanction_tallied": re.compile(rf"[ \t]*(?::[ \t]*)?(?:có[ \t]+)?(?:\d+[ \t]+[^;.!?:\n\d]{{0,30}}?"
                                       rf"(?<![^\W_])(?:{phrase_pattern(cues['tally_sanctions'])})"
                                       rf"|(?:{phrase_pattern(cues['tally_sanctions'])})[ \t]+\d+)(?![^\W_])"),
        "discipline": re.compile(rf"(?<![^\W_])(?:{phrase_pattern(cues['target_verbs'] + cues['workplace_verbs'])})"
                                 rf"(?![^\W_])"),
        "workplace_blocker": re.compile(rf"(?<![^\W_])(?:{phrase_pattern(cues['workplace_blockers'])})"
                                        rf"(?:\s+(?:ông|bà|đồng chí|đ/c))?\s*$"),
        "workplace_lead": re.compile(rf"(?:{phrase_pattern(cues['workplace_leads'])})(?![^\W_])"),
        "addressee": re.compile(rf"(?<![^\W_])(?:{phrase_pattern(cues['addressee_cues'])})"
                                rf"(?:\s+(?:các|cho|với))?(?:\s+(?:{phrase_pattern(cues['target_people'])}))?\s*$"),
        # the office of a unit's head written right before it ("Chủ tịch | UBND huyện X")
        "head_before": re.compile(rf"(?<![^\W_])(?:nguyên\s+)?(?:{phrase_pattern(cues['list_item_titles'])})\s+$"),
        "review_ends": re.compile(r"[ \t]*(?:(?:nghiêm túc|sâu sắc|nghiêm khắc)[ \t]*)?(?:[,.;:!?\n]|và[ \t]+rút|$"
                                  rf"|(?:rút\s+kinh\s+nghiệm\s+)?(?:{phrase_pattern(cues['self_review_reasons'])})(?![^\W_]))"),
        # "(Phó) Chủ tịch | UBND xã X" or "công chức | xã Y": a person's office right before the unit
        "office_before": re.compile(rf"(?<![^\W_])(?:nguyên\s+)?(?:{phrase_pattern(cues['list_item_titles'] + cues['workplace_titles'])})"
                                    rf"(?:\s+(?:{phrase_pattern(cues['workplace_organs'])}))?\s+$"),
        "sanctioned_after": re.compile(rf"[ \t]*(?:(?:{phrase_pattern(cues['fault_after_adverbs'])})[ \t]+)*"
                                       rf"(?:{phrase_pattern(cues['sanctioned_after'])})(?![^\W_])"),
        "self_review": re.compile(rf"[ \t]*(?:(?:{phrase_pattern(cues['self_review_modifiers'])})[ \t]+)*"
                                  rf"(?:{phrase_pattern(cues['self_review'])})(?![^\W_])"),
        "responsible": re.compile(rf"(?<![^\W_])(?:{phrase_pattern(cues['responsibility_nouns'])})(?:\s+[^\s,.;:]+){{0,2}}?"
                                  rf"\s+(?:{phrase_pattern(cues['responsibility_links'])})(?![^\W_])[^.;:!?()]{{0,60}}$"),
        "bracket_group": re.compile(rf"[^.;:()\n]{{0,80}}?(?<![^\W_])(?:{phrase_pattern(cues['group_leads'])})[ \t]"
                                    rf"[^.;:()\n]{{1,60}}\([ \t]*$"),
        "agent": re.compile(rf"[\s,]*(?:(?:{phrase_pattern(cues['agent_modifiers'])})\s+)*"
                            rf"(?:{phrase_pattern(cues['agent_verbs'])})(?![^\W_])"),
        "act_of": re.compile(rf"(?<![^\W_])(?:{phrase_pattern(cues['act_nominalisers'])})\s+"
                             rf"(?:(?:hđnd|hội\s+đồng\s+nhân\s+dân)\s+và\s+)?$"),
        "act_judged": re.compile(rf"(?<![^\W_])(?:{phrase_pattern(cues['act_judgements'])})(?![^\W_])"),
        "current_post": re.compile(rf"\(\s*(?:{phrase_pattern(cues['current_post_leads'])})\s+[^()]{{0,40}}?"
                                   rf"(?<![^\W_])(?:{phrase_pattern(cues['workplace_titles'])})(?![^\W_])"
                                   rf"(?:\s+(?:{phrase_pattern(cues['workplace_organs'])}))?\s*$"),
        "area": re.compile(rf"(?<![^\W_])(?:{phrase_pattern(cues['area_words'])})\s*$"),
        # "các cơ quan cấp xã, phường | trên địa bàn | tỉnh X": many bodies the area holds, the province only where they lie
        "area_of_many": re.compile(rf"(?<![^\W_])(?:{phrase_pattern(cues['area_plural_leads'])})\s+[^.;:!?()\n]{{1,50}}?"
                                   rf"(?<![^\W_])(?:{phrase_pattern(cues['area_words'])})\s*$"),
        "qualifier": re.compile(rf"(?:\(|(?<![^\W_])(?:{phrase_pattern(cues['qualifier_cues'])}))\s*$"),
        "site_lead": re.compile(rf"(?<![^\W_])(?:{phrase_pattern(cues['site_leads'])})\s*:?\s*"
                                rf"(?:(?:{phrase_pattern(cues['site_nouns'])})\s*)?(?:[\s,;]|và)*$"),
        "region_trigger": re.compile(rf"(?<![^\W_])(?:{verbs}|{preps})(?![^\W_])"),
        "region_stop": re.compile(rf"(?<![^\W_])(?:{phrase_pattern(cues['region_stops'])})(?![^\W_])"),
        # "..., Chủ tịch | UBND huyện Y": the next item named by the office of its head
        "list_gap": re.compile(rf"^\s*(?:(?:{'|'.join(re.escape(s) for s in sorted(cues['list_separators'], key=len, reverse=True))})"
                               rf"\s*(?:((?:{phrase_pattern(cues['list_item_titles'])}))\s+)?)?\s*$"),
        "organiser": re.compile(r"^\s*(?:đã\s+|vừa\s+|sẽ\s+)?(?:tổ chức|thành lập|chủ trì|phối hợp tổ chức)"
                                r"(?:\s+các)?\s+(?:đoàn|tổ)(?![^\W_])"),
    }


# ---------------------------------------------------------------- scanning


def skip_spaces(text: str, pos: int) -> int:
    m = _GAP_SPACES.match(text, pos)
    return m.end() if m else pos


def _tokens(text: str, pos: int, limit: int) -> list[tuple[int, int]]:
    """Up to `limit` words from pos, separated by spaces only (a line break or comma ends them)."""
    out = []
    while len(out) < limit:
        m = _WORD.match(text, pos)
        if not m:
            break
        out.append((m.start(), m.end()))
        nxt = skip_spaces(text, m.end())
        if nxt == m.end():
            break
        pos = nxt
    return out


def _is_capital(text: str, start: int) -> bool:
    return text[start].isupper() or text[start].isdigit()


def _capital_runs_on(text: str, folded: str, toks: list[tuple[int, int]]) -> bool:
    """The word after the first is capitalised and begins no province: the name goes on."""
    return len(toks) > 1 and text[toks[1][0]].isupper() and not gazetteer.province_pattern().match(folded, toks[1][0])


def _place_name_end(text: str, folded: str, pos: int, level: str) -> int | None:
    """End of the place name starting at pos, preferring names the gazetteer knows."""
    if level in ("tinh", "thanh_pho"):
        m = gazetteer.province_pattern().match(folded, pos)
        if m:
            return m.end()
    vocab = load_vocabulary()
    toks = _tokens(text, pos, 4)
    stop = next((i for i, (s, _) in enumerate(toks) if vocab["place_stop"].match(folded, s)), len(toks))
    toks = toks[:stop]  # "TỈNH | Độc lập", "PHƯỜNG | TRƯỞNG ĐOÀN": a header or signature runs on
    if not toks or not _is_capital(text, toks[0][0]):
        return None
    if text[toks[0][0]].isdigit():
        return toks[0][1]
    fits = {"tinh": {"tinh"}, "thanh_pho": {"tinh", "thanh_pho"}}.get(level)
    dash = _DASH.match(text, toks[-1][1])
    for k in range(len(_tokens(text, dash.end(), 3)) if dash else 0, 0, -1):  # "Phan Rang - Tháp Chàm"
        end = _tokens(text, dash.end(), 3)[k - 1][1]
        levels = gazetteer.known_levels(text[pos:end])
        if levels and (fits is None or levels & fits):
            return end
    for k in range(len(toks), 0, -1):
        levels = gazetteer.known_levels(text[pos:toks[k - 1][1]])
        if levels and (fits is None or levels & fits):
            if k == 1 and fits is None and _capital_runs_on(text, folded, toks):
                break  # "xã Thanh | Chi": a known one-word name inside a longer unknown one
            return toks[k - 1][1]
    if level in ("tinh", "thanh_pho"):
        return None  # provinces and cities are all known: an unknown run is something else
    caps = [t for t in toks[:3] if text[t[0]].isupper()]
    if len(caps) == 3 and caps == toks[:3] and text[toks[0][0]:toks[0][1]] in vocab["surnames"] \
            and all(text[b[0] - 1] == " " for b in toks[1:3]):
        return None  # "Chủ tịch UBND huyện | Lê Văn Hiền": an unknown run that opens with a surname is a person
    end = None
    for i, (s, e) in enumerate(toks[:3]):
        word = folded[s:e]
        if not text[s].isupper() or word in vocab["organ_of"] or (word in vocab["agencies"] and not vocab[
                "agencies"][word]["leads"]) or (i and text[s:e] in vocab["surnames"] and _name_follows(text, toks, i)) \
                or vocab["place_stop"].match(folded, s):
            break
        end = e
    return end


def _name_follows(text: str, toks: list[tuple[int, int]], i: int) -> bool:
    """Whether the surname at toks[i] opens a person's name: a capitalised word follows it after a space ("xã Tân
    Lập | Lê Văn A"); a surname ending the run is the place's last word ("xã Gio Châu (huyện Gio Linh)")."""
    return i + 1 < len(toks) and text[toks[i + 1][0]].isupper() and text[toks[i][1]:toks[i + 1][0]] == " "


def parse_place(text: str, folded: str, pos: int) -> RawUnit | None:
    """'huyện Thạch Thất', 'UBND xã Hợp Tiến', 'TP. Hà Nội', bare 'UBND tỉnh' at pos."""
    vocab = load_vocabulary()
    alias = gazetteer.province_pattern().match(folded, pos) if folded.startswith("tp", pos) else None
    if alias:  # "TP.HCM" is one word for a city
        return RawUnit(pos, alias.end(), "thanh_pho", core=text[pos:alias.end()], place_level="thanh_pho",
                       place_name=text[pos:alias.end()], tail_end=alias.end())
    m = vocab["locality"].match(folded, pos)
    if not m or vocab["place_blocked"].search(folded, max(0, pos - 20), pos):
        return None  # "CỘNG HÒA XÃ HỘI CHỦ NGHĨA": not a xã
    organ = vocab["organ_of"].get(re.sub(r"\s+", " ", m.group(1))) if m.group(1) else None
    type_word = re.sub(r"\s+", " ", m.group(2))
    level = vocab["level_of"][type_word]
    if organ and not text[pos].isupper():
        return None  # "ủy ban nhân dân" in running text is generic
    name_start = skip_spaces(text, m.end())
    end = _place_name_end(text, folded, name_start, level) if name_start < len(text) else None
    if type_word in vocab["known_names_only"] and (end is None or not (
            text[name_start].isdigit() or level in gazetteer.known_levels(text[name_start:end]))):
        return None
    if end is None:
        return RawUnit(pos, m.end(), level, organ=organ, place_level=level, tail_end=m.end())
    return RawUnit(pos, end, level, core=text[name_start:end], place_level=level,
                   place_name=text[name_start:end], organ=organ, tail_end=end)


def _generic_name_end(text: str, folded: str, pos: int, proper_from: int | None = None,
                      lower_lead: bool = False, leads: re.Pattern | None = None, by_place: bool = False) -> int | None:
    """End of an unlisted agency name: capitalised start, cut at stopwords, places and commas. From
    `proper_from` on (after a school's kind) the name is a proper name: a lower-case word after a
    capitalised one ends it ("Trường TH Vĩnh Bình A | xây dựng kế hoạch"). `by_place`: a kind with a named
    place right after it and no proper name of its own is named by that place ("Trường Mầm non | thị trấn X"),
    which the caller attaches as the suffix."""
    vocab = load_vocabulary()
    first = _WORD.match(text, pos)
    if not first or not (text[pos].isupper() or lower_lead) or vocab["generic_exclude"].match(folded, pos):
        return None
    end, cur, count = first.end(), first.end(), 1
    proper = False
    while count < _GENERIC_NAME_WORDS:
        sep = re.match(r"\s*[-–&]\s*|[ \t]+", text[cur:cur + 5])
        if not sep:
            break
        nxt = cur + sep.end()
        tok = _WORD.match(text, nxt)
        if not tok:
            break
        word = folded[tok.start():tok.end()]
        two = two_words(folded, nxt)
        if word in vocab["stopwords"] or two in vocab["stopwords"]:
            if word == "và" and "-" not in sep.group() and _continues_name(text, folded, tok.end()) and not (
                    leads and leads.match(folded, skip_spaces(text, tok.end()))):  # "Trường TH A và TH B": two schools
                cur, count = tok.end(), count + 1
                continue
            break
        place = vocab["locality"].match(folded, nxt) and not (text[nxt].islower() and vocab["not_place"].match(folded, nxt))
        if place and by_place and not proper and proper_from is not None and end >= proper_from:
            named_place = parse_place(text, folded, nxt)
            return end if named_place and named_place.place_name else None
        if proper and text[nxt].isupper() and not place and _head_in_proper_name(text, folded, nxt):
            end = cur = tok.end()  # "Trường TH&THCS Tân Hội": a head word that is part of the school's own name
            count += 1
            continue
        if vocab["name_stop"].match(folded, nxt) or place or (text[nxt].isupper() and (
                vocab["head"].match(folded, nxt) or gazetteer.province_pattern().match(folded, nxt))):
            break  # "Ban Quản lý Khu kinh tế | Hải Phòng": the province is the suffix, not the name
        if proper_from is not None and nxt >= proper_from:
            if proper and not text[nxt].isupper() and not text[nxt].isdigit():
                break
            proper = proper or text[nxt].isupper()
        end = cur = tok.end()
        count += 1
    if proper_from is not None and not proper and not gazetteer.province_pattern().match(folded, skip_spaces(text, end)):
        return None  # "các trường THCS": a kind of school, no school named ("Trường THCS Hòa Bình" is one)
    return end


def _head_in_proper_name(text: str, folded: str, pos: int) -> bool:
    """Whether the head word at pos ("Hội") belongs to the proper name before it: a head that needs one of its known
    names ("Hội Nông dân") with none after it opens no agency ("Trường THCS Tân Hội | và ...")."""
    m = load_vocabulary()["head"].match(folded, pos)
    if not m:
        return False
    info = agency_info(m.group(1))
    if info["generic"] or info["bare_ok"] or info["leads"] or info["nested"] or info["nested_places"]:
        return False
    names = info["names"]
    return not (names and names.match(folded, skip_spaces(text, m.end())))


def two_words(folded: str, pos: int) -> str:
    """The two words at pos, space-joined (for two-word stopwords)."""
    m = _TWO_WORDS.match(folded, pos)
    return f"{m.group(1)} {m.group(2)}" if m else ""


def _continues_name(text: str, folded: str, pos: int) -> bool:
    nxt = skip_spaces(text, pos)
    vocab = load_vocabulary()
    return (nxt < len(text) and text[nxt].isupper() and not vocab["head"].match(folded, nxt)
            and not vocab["locality"].match(folded, nxt))


def parse_agency(text: str, folded: str, pos: int) -> RawUnit | None:
    """'Sở TN&MT Hà Nội', 'Chi cục Văn thư - Lưu trữ', 'Phòng Nội vụ huyện X' at pos."""
    named = _agency_name(text, folded, pos)
    if named is None:
        return None
    head_end, info, name_start, end = named
    ordinal = load_vocabulary()["ordinal"].match(folded, end) if end else None
    if ordinal:  # "Đội Quản lý thị trường số 2"
        end = ordinal.end()
    core = text[name_start:end] if end else ""
    if end is None:
        if not info["bare_ok"]:
            return None
        end = head_end
    raw = RawUnit(pos, end, info["level"], head=text[pos:head_end], core=core, tail_end=end)
    _attach_suffix(text, folded, raw)
    _attach_branch(text, folded, raw)
    if not raw.core and not raw.place_name and not ((raw.place_level or raw.province) and info["place_only"]):
        return None  # "Thanh tra huyện" is the district's inspectorate; a bare "Sở" is nothing
    if not text[pos].isupper() and not info["leads"] and not raw.place_name and not (
            raw.core and info["names"] and _list_item_before(folded, pos)):
        return None  # "trạm y tế xã X" is one in lower case too, "các trạm y tế" none; "..., phòng Tư pháp" is one
    if info["capital_name"] and (not (raw.core[:1].isupper() or raw.place_name) or (raw.place_level and not raw.place_name)):
        return None  # "Hội Nông dân xã X", "Hội nông dân xã X", "Hội Dioxin"; not "Hội phụ nữ phường", "Hội Nông dân phường"
    if not raw.place_level and fold_tones(raw.core) in info["place_bound"]:
        return None  # "kỷ luật Ban Thường vụ Đảng ủy": a board of no committee the scan can tell
    return raw


_LIST_ITEM_BEFORE = re.compile(r"[,;(][ \t]*$")


def _list_item_before(folded: str, pos: int) -> bool:
    """Whether pos opens an item of a list: after a comma, a semicolon, a bracket or the list's lead word."""
    return bool(_LIST_ITEM_BEFORE.search(folded, max(0, pos - 3), pos)
                or load_vocabulary()["lead_before"].search(folded, max(0, pos - 12), pos))


def _agency_name(text: str, folded: str, pos: int) -> tuple[int, dict, int, int | None] | None:
    """(head end, head info, name start, name end or None) of the agency head at pos."""
    vocab = load_vocabulary()
    m = vocab["head"].match(folded, pos)
    if not m or folded[max(0, pos - 12):pos].endswith(vocab["title_words"]):
        return None
    info = agency_info(m.group(1))
    # "Trưởng phòng Tư pháp": the office a person heads, written in lower case after the title (a known name only)
    # "..., phòng Giáo dục và Đào tạo, phòng Tư pháp": a later item of a list of units, its head in lower case
    # (a known name only, as after a title)
    titled = not text[pos].isupper() and bool(info["names"]) and bool(
        vocab["head_title"].search(folded, max(0, pos - 14), pos) or _list_item_before(folded, pos))
    if not text[pos].isupper() and not info["leads"] and not info["any_case"] and not titled:
        return None
    name_start = skip_spaces(text, m.end())
    if titled:
        known = info["names"].match(folded, name_start)
        return (m.end(), info, name_start, known.end()) if known and text[name_start].isupper() else None
    end = None
    if info["nested"]:  # "Thanh tra | Sở Nội vụ": an agency's own body named after it
        inner = vocab["head"].match(folded, name_start)
        if inner and re.sub(r"\s+", " ", inner.group(1)) in info["nested"]:
            named = _agency_name(text, folded, name_start)
            end = named[3] if named else None
    if end is None and info["nested_places"]:  # "Ban cán sự đảng | UBND tỉnh Lào Cai"
        place = parse_place(text, folded, name_start)
        # the board of the province's own committee, its province unwritten ("Ban cán sự đảng | UBND tỉnh")
        end = place.end if place and (place.place_name or (place.organ == "committee" and place.place_level in (
            "tinh", "thanh_pho"))) else None
    if end is None and info["names"] and not info["leads"]:
        known = info["names"].match(folded, name_start)
        end = known.end() if known else None
    if end is None and info["generic"] and info["leads"]:  # "Trường | THCS | Ân Thạnh"
        lead = info["leads"].match(folded, name_start)
        by_place = info["named_by_place"] and not vocab["plural_before"].search(folded, max(0, pos - 12), pos)
        end = _generic_name_end(text, folded, name_start, lead.end(), info["lower_leads"], info["leads"],
                                by_place) if lead else None
        known = info["names"].match(folded, name_start) if end is None and info["names"] else None
        end = known.end() if known else end  # a kind with no proper name after it, by its known name
    elif end is None and info["generic"]:
        end = _generic_name_end(text, folded, name_start)
    return m.end(), info, name_start, end


# an agency's short form in brackets: capitals, "&", "-" or a space ("(TN&MT)", "(QLDA ĐTXD)", "(GD-ĐT)")
_BRACKET_SHORT_FORM = re.compile(r"[ \t]*\([ \t]*[A-ZĐ][A-ZĐ&\- ]{0,14}[ \t]*\)[ \t]*")


def _attach_suffix(text: str, folded: str, raw: RawUnit) -> None:
    """Extend an agency over the place or province written after it, past the agency's own short form in brackets
    ("Sở Tài nguyên và Môi trường (TN&MT) | tỉnh X", "Ban Quản lý dự án (QLDA) | huyện Y")."""
    pos = skip_spaces(text, raw.end)
    short = _BRACKET_SHORT_FORM.match(text, raw.end)
    if short and (gazetteer.province_pattern().match(folded, short.end()) or (
            (after := parse_place(text, folded, short.end())) and after.place_name and not after.organ)):
        pos = short.end()
    link = load_vocabulary()["suffix_link"].match(folded, pos)
    if link and parse_place(text, folded, link.end()):
        pos = link.end()
    m = gazetteer.province_pattern().match(folded, pos)
    if m:
        raw.province = gazetteer.canonical_province(text[m.start():m.end()])
        raw.end = raw.tail_end = m.end()
        return
    place = parse_place(text, folded, pos)
    council_committee = place and place.organ == "council" and raw.level == "ban"  # "Ban Pháp chế HĐND tỉnh"
    if place and (place.place_name or not place.organ or council_committee):
        raw.place_level, raw.place_name, raw.end = place.level, place.place_name, place.end
        if place.level in ("tinh", "thanh_pho"):
            raw.province = gazetteer.canonical_province(place.place_name) if place.place_name else None
        raw.tail_end = raw.end


def _attach_branch(text: str, folded: str, raw: RawUnit) -> None:
    """Extend an agency over its branch written after a dash, and the branch's province."""
    branch = load_vocabulary()["branch"].match(folded, raw.end)
    if not branch:
        return
    raw.end = raw.tail_end = branch.end()
    m = gazetteer.province_pattern().match(folded, skip_spaces(text, raw.end))
    if m:
        raw.province = raw.province or gazetteer.canonical_province(text[m.start():m.end()])
        raw.end = raw.tail_end = m.end()


def parse_one_stop(text: str, folded: str, pos: int) -> RawUnit | None:
    """'Bộ phận một cửa, một cửa liên thông xã Hợp Tiến': the one-stop shop of a named unit."""
    vocab = load_vocabulary()
    m = vocab["one_stop"].match(folded, pos)
    if not m:
        return None
    cur = m.end()
    filler = vocab["fillers"].match(folded, cur)
    if filler and "\n" not in filler.group():
        cur = filler.end()
    if cur - m.end() > 80:
        return None
    owner = parse_agency(text, folded, cur) or parse_place(text, folded, cur)
    if not owner or not owner.place_name and not owner.core:
        return None
    owner.start, owner.one_stop = pos, True
    owner.level = "bo_phan_mot_cua"
    return owner


def _parent_after(text: str, folded: str, raw: RawUnit) -> None:
    """'xã A, huyện B', 'Trường THCS A, huyện B': B qualifies A; it is consumed, not a unit of its own."""
    school = bool(raw.head) and raw.place_level is None and agency_info(raw.head)["leads"]
    if not school and (raw.place_level is None or not raw.place_name):
        return
    m = _PARENT_SEP.match(text, raw.tail_end)
    parent = parse_place(text, folded, m.end())
    if not parent or not parent.place_name or parent.organ:
        return
    tiers = {"xa": 0, "phuong": 0, "thi_tran": 0, "huyen": 1, "quan": 1, "thi_xa": 1, "thanh_pho": 1, "tinh": 2}
    end, province = parent.end, None
    if parent.level != "tinh":  # "xã A, huyện B, (tỉnh) C", "xã A (H.B, C)": the province of the parent too
        province = _province_after(text, folded, end, tiers[parent.level])
        end = province[0] if province else end
    if m.group(1) == "(":
        close = re.compile(r"[ \t]*\)").match(text, end)
        if not close:
            return
        end = close.end()
    if school or tiers[parent.level] > tiers[raw.place_level]:
        raw.parent = f"{LEVEL_WORD[parent.level]} {parent.place_name}"
        raw.tail_end = end
        if parent.level == "tinh":
            raw.province = gazetteer.canonical_province(parent.place_name)
        elif province:
            raw.province = raw.province or province[1]


_COMMA = re.compile(r"[ \t]*,[ \t]*")


def _province_after(text: str, folded: str, pos: int, tier: int) -> tuple[int, str] | None:
    """(end, province) of the province written after a parent place (", tỉnh C", ", C", ", TP. Hà Nội"), else None."""
    comma = _COMMA.match(text, pos)
    if not comma:
        return None
    top = parse_place(text, folded, comma.end())
    if top and top.place_name and not top.organ and top.level in ("tinh", "thanh_pho") and tier < 2:
        province = gazetteer.canonical_province(top.place_name)
        if top.level == "tinh" or (province and gazetteer.is_city_province(province)):
            return (top.end, province) if province else None
        return None
    if top:
        return None
    bare = gazetteer.province_pattern().match(folded, comma.end())
    province = gazetteer.canonical_province(text[bare.start():bare.end()]) if bare else None
    return (bare.end(), province) if province else None


def _shared_head_items(text: str, folded: str, raw: RawUnit) -> list[RawUnit]:
    """'huyện Việt Yên, Hiệp Hòa' and 'Sở Nội vụ, Tư pháp': later names share the head."""
    vocab = load_vocabulary()
    out, last = [], raw
    while True:
        sep = re.match(r"[ \t]*(?:,|;|và|, và)[ \t]*", text[last.tail_end:last.tail_end + 8])
        if not sep:
            return out
        pos = last.tail_end + sep.end()
        if pos >= len(text) or vocab["trigger"].match(folded, pos) and (
                parse_agency(text, folded, pos) or parse_place(text, folded, pos)):
            return out
        item = None
        if raw.head:
            info = agency_info(raw.head)
            known = info["names"].match(folded, pos) if info["names"] else None
            lead = info["leads"].match(folded, pos) if info["leads"] and not known and text[pos].isupper() else None
            end = _generic_name_end(text, folded, pos, lead.end(), False, info["leads"]) if lead else None
            if known and text[pos].isupper():
                item = RawUnit(pos, known.end(), raw.level, head=raw.head, core=text[pos:known.end()],
                               tail_end=known.end())
            elif end:  # "Trường TH A và TH B": the second school's kind and name, the head written once
                item = RawUnit(pos, end, raw.level, head=raw.head, core=text[pos:end], tail_end=end)
        elif raw.place_level:
            item = _sibling_place(text, pos, raw)
        if not item:
            return out
        out.append(item)
        last = item


def _enumerated_places(text: str, folded: str, raw: RawUnit) -> list[RawUnit]:
    """The places listed after a counted or plural bare level ("5 xã: A, B và C", "các huyện: A, B"),
    each with that level."""
    vocab = load_vocabulary()
    head = vocab["enumeration"].match(folded, raw.tail_end)
    if raw.place_level not in LEVEL_WORD or not head or not vocab["counted"].search(folded, max(0, raw.start - 24),
                                                                                     raw.start):
        return []
    items, pos = [], head.end()
    while True:
        if vocab["trigger"].match(folded, pos) and (parse_place(text, folded, pos) or parse_agency(text, folded, pos)):
            return items  # "các huyện: A, B và TP C", "3 xã: A, B, Phòng X ...": an item with its own head is scanned on its own
        item = _sibling_place(text, pos, raw) or _capitalised_place(text, folded, pos, raw.place_level)
        if item is None:
            return items
        items.append(item)
        sep = re.match(r"[ \t]*(?:,|;|và|, và)[ \t]*", text[item.end:item.end + 8])
        if not sep:
            return items
        pos = item.end + sep.end()


_COLON = re.compile(r"[ \t]*:")


def _enumerated_agencies(text: str, folded: str, pos: int) -> list[RawUnit]:
    """The agencies listed by name after a counted or plural head ("04 Sở ngành: Tài chính, Y tế",
    "các Sở: Nội vụ, Tư pháp"), each with that head; only names the data knows."""
    vocab = load_vocabulary()
    m = vocab["head"].match(folded, pos)
    info = agency_info(m.group(1)) if m else None
    if not info or not info["names"]:
        return []
    counted = bool(vocab["counted"].search(folded, max(0, pos - 24), pos))
    if not counted and not _COLON.match(text, m.end()):  # "thuộc sở: KH-ĐT, Xây dựng": the head, then its names
        return []
    lead = vocab["enumeration"].match(folded, m.end())
    # "các sở TN&MT, GTVT": the plural head written once before the names
    items, at = [], lead.end() if lead else (skip_spaces(text, m.end()) if counted else None)
    while at is not None and at < len(text) and text[at].isupper():
        known = info["names"].match(folded, at)
        if not known:
            break
        items.append(RawUnit(at, known.end(), info["level"], head=info["head"], core=text[at:known.end()],
                             tail_end=known.end()))
        sep = re.match(r"[ \t]*(?:,|;|và|, và)[ \t]*", text[known.end():known.end() + 8])
        at = known.end() + sep.end() if sep else None
    return items


def _capitalised_place(text: str, folded: str, pos: int, level: str) -> RawUnit | None:
    """A place name the gazetteer does not know: up to three capitalised words."""
    end = _place_name_end(text, folded, pos, level) if pos < len(text) and text[pos].isupper() else None
    if end is None:
        return None
    return RawUnit(pos, end, level, core=text[pos:end], place_level=level, place_name=text[pos:end], tail_end=end)


def _sibling_place(text: str, pos: int, raw: RawUnit) -> RawUnit | None:
    toks = _tokens(text, pos, 4)
    if not toks or not text[pos].isupper():
        return None
    tier = gazetteer.WARD_LEVELS if raw.place_level in gazetteer.WARD_LEVELS else gazetteer.DISTRICT_LEVELS
    province = raw.place_level == "tinh"  # "các tỉnh: Cao Bằng, Bắc Kạn"
    for k in range(len(toks), 0, -1):
        name = text[pos:toks[k - 1][1]]
        if gazetteer.canonical_province(name) if province else gazetteer.known_levels(name) & tier:
            end = toks[k - 1][1]
            return RawUnit(pos, end, raw.level, core=name, place_level=raw.place_level, place_name=name,
                           one_stop=raw.one_stop, tail_end=end)
    return None


def scan_units(text: str, folded: str | None = None, bare: list[RawUnit] | None = None) -> list[RawUnit]:
    """Every unit mention in text, left to right, not overlapping; the committees of a bare district level
    ("UBND huyện"), which name no unit by themselves, go to `bare` when given."""
    folded = folded if folded is not None else fold_tones(text)
    vocab = load_vocabulary()
    out: list[RawUnit] = []
    cursor = 0
    for m in vocab["trigger"].finditer(folded):
        pos = m.start()
        if pos < cursor:
            continue
        raw = (parse_one_stop(text, folded, pos) or parse_agency(text, folded, pos)
               or parse_place(text, folded, pos))
        if raw is None:
            listed = _enumerated_agencies(text, folded, pos)  # "tại 04 Sở ngành: Tài chính, Y tế"
            out.extend(listed)
            cursor = listed[-1].tail_end if listed else cursor
            continue
        if not raw.head and not raw.place_name and not (raw.organ and raw.level in ("tinh", "thanh_pho")):
            listed = _enumerated_places(text, folded, raw)
            out.extend(listed)  # "tại UBND 5 xã: Cẩm Bình, Cẩm Vịnh và Cẩm Hà"
            cursor = listed[-1].tail_end if listed else cursor
            if bare is not None and not listed and raw.organ == "committee" and raw.level in BARE_DISTRICT_LEVELS:
                bare.append(raw)
            continue  # bare "huyện", "UBND xã": no unit named
        _parent_after(text, folded, raw)
        items = [raw] + _shared_head_items(text, folded, raw)
        last = items[-1]
        if len(items) > 1 and last.parent is None and not raw.parent:
            _parent_after(text, folded, last)  # "các xã A, B và C, huyện D": D qualifies every item
            for item in items[:-1]:
                if last.parent:
                    item.parent, item.province = last.parent, item.province or last.province
        out.extend(items)
        cursor = max(r.tail_end for r in items)
    return out


def rank_document_province(text: str, folded: str, raws: list[RawUnit]) -> str | None:
    """The document's province: written provinces weigh most, uniquely placed huyện/xã count too."""
    votes: Counter = Counter()
    for _, _, province in gazetteer.find_provinces(folded):
        votes[province] += 1
    for raw in raws:
        if raw.province:
            votes[raw.province] += 3
        elif raw.place_name and raw.place_level in ("tinh", "thanh_pho"):
            province = gazetteer.canonical_province(raw.place_name)
            if province:
                votes[province] += 3
        elif raw.place_name and raw.place_level:
            found = gazetteer.resolve_locality(raw.place_name, raw.place_level, parent=raw.parent)
            if found["province"]:
                votes[found["province"]] += 1
    return votes.most_common(1)[0][0] if votes else None
