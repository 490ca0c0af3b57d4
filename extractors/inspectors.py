"""Inspecting bodies (Đoàn kiểm tra, đoàn giám sát, tổ công tác, Sở Nội vụ acting ...), one Mention each.

A body's name is its head noun, a topic, a number and an issuer, cut before the verb
("Đoàn Kiểm tra công vụ TP. Hà Nội | kiểm tra đột xuất"). Mentions of one body, down to
a bare "Đoàn", are merged; its leader and its mode (đột xuất, theo kế hoạch, giám sát)
are read from the sentences that mention it.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache


from extractors import gazetteer
from extractors.abbreviations import expand, fold_tones, normalise_name
from extractors.base import Mention
from extractors.lexicon import load_data
from extractors.numerals import number_pattern
from extractors.unit_scan import RawUnit, load_vocabulary, phrase_pattern, rank_document_province, scan_units

_WORD = re.compile(r"[^\W_]+")
_ACRONYM = re.compile(r"\s*\(\s*[A-ZĐ][A-ZĐ0-9&]{1,9}\s*\)")
_SPACES = re.compile(r"[ \t\u00a0]+")
_LEADER_ROLE = re.compile(r"(?<![^\W_])(?:trưởng đoàn|tổ trưởng)(?![^\W_])")
_LEADER_WORD = re.compile(r"[ \t]+([^\W\d_]+)")
_NUMBER = re.compile(r"số\s+(\d+)(?![^\W_])")


@dataclass(slots=True)
class BodyMention:
    """One written mention of an inspecting body."""

    start: int
    end: int
    kind: str | None                 # None for a bare back-reference "Đoàn"
    topic: str = ""
    number: str | None = None
    issuer: str = ""                 # as written
    issuer_raw: RawUnit | None = None
    issuer_bare: bool = False        # "của tỉnh", "Thành phố": the document's own province
    shouting: bool = False           # written in capitals (a minutes header)
    acronym: str = ""                # "(UBKT)" written right after the head, left out of the name
    title_end: int | None = None     # a leader's title ends here, the person's name follows ("Thủ tướng | <name>")
    signs_for: str = ""              # the leader a deputy signs a decision for ("Phó Thủ tướng ký quyết định ...")


@dataclass
class Body:
    mentions: list[BodyMention] = field(default_factory=list)
    organisers: list[RawUnit] = field(default_factory=list)


@lru_cache(maxsize=1)
def load_cues() -> dict:
    """The inspector data file with its regexes compiled once."""
    data = load_data("inspector_cues.yaml")
    kind_of = {fold_tones(w): b["kind"] for b in data["bodies"] for w in b["words"]}
    leader = data["leader"]
    hon = phrase_pattern(leader["honorifics"])
    roles = phrase_pattern(leader["roles"])
    aux_run = rf"[ \t]*(?:(?:{phrase_pattern(data['acting_auxiliaries'])})(?:\s*,)?\s+)*"  # "đã, đang | kết luận"
    return {
        "kind_of": kind_of,
        "body": re.compile(rf"(?<![^\W_])({phrase_pattern(kind_of)})(?![^\W_])"),
        "member_title": re.compile(rf"(?<![^\W_])(?:{phrase_pattern(data['member_titles'])})\s+$"),
        "capital_bare": frozenset(fold_tones(w) for w in data["capital_bare_issuers"]),
        "plural": re.compile(rf"(?<![^\W_])(?:{phrase_pattern(data['plural_quantifiers'] + data['team_parts'])})\s+$"),
        "possessor": re.compile(rf"(?<![^\W_])(?:{phrase_pattern(data['team_possessors'])})\s+$"),
        "credit": re.compile(rf"(?<![^\W_])(?:{phrase_pattern(data['credit_cues'])})\s*:\s*$"),
        "created": re.compile(rf"(?:{phrase_pattern(data['created_cues'])})\s*$"),
        "counted": re.compile(rf"(?<![^\W_])(?:{phrase_pattern(data['counted_body_verbs'])})\s+"
                              rf"(?:{number_pattern()}|các)\s+$"),
        "stop": re.compile(rf"(?:{phrase_pattern(data['name_stopwords'])})(?![^\W_])"),
        "verb_head": re.compile(rf"(?<![^\W_])(?:{phrase_pattern(data['verb_heads'])})$"),
        "opener": re.compile(rf"(?:{phrase_pattern(data['topic_openers'])})(?![^\W_])"),
        "verb_topic": re.compile(rf"(?:{phrase_pattern(data['verb_heads'])})\s+"
                                 rf"(?=(?:{phrase_pattern(data['topic_openers'])})(?![^\W_]))"),
        "issuer_prefix": re.compile(rf"(?:{phrase_pattern(data['issuer_prefixes'])})\s+"),
        # the later items of a list of bodies asked to act ("đề nghị Ban Chấp hành Trung ương, Bộ Chính trị, | Ban Bí
        # thư thi hành kỷ luật ..."): addressees, not the bodies that acted; "(trên cơ sở) đề nghị của X, Y ..." is a
        # noun, X proposed and Y may act
        "addressed_list": re.compile(rf"(?<![^\W_])(?:{phrase_pattern(data['addressee_verbs'])})(?!\s+của(?![^\W_]))"
                                     rf"\s+[^.;:!?\n,]{{3,60}}"
                                     rf"(?:,\s*[^.;:!?\n,]{{3,60}})*(?:,|\s+và)\s*$"),
        "review": re.compile(rf"(?<![^\W_])(?:{phrase_pattern(data['review_words'])})(?![^\W_])"),
        "accountability": re.compile(rf"(?<![^\W_])(?:{phrase_pattern(data['accountability_words'])})(?![^\W_])"),
        "acting_verb_set": frozenset(fold_tones(w) for w in data["acting_verbs"]),
        "acting_blocked": re.compile(rf"(?<![^\W_])(?:{phrase_pattern(data['acting_blocked_after'])})\s*$"),
        "max_topic": int(data["max_topic_words"]),
        "bare_issuer": re.compile(rf"(?:(?:ubnd|ủy ban nhân dân|hđnd|hội đồng nhân dân)\s+)?"
                                  rf"(?:{phrase_pattern(data['bare_issuers'] + data['leader_issuers'])})(?![^\W_])"),
        "party_organs": tuple(fold_tones(w) for w in data["party_organs"]),
        # the quick test for a text that may name an inspector: any acting or designated verb, or a report
        "acting_verb_words": tuple(fold_tones(w) for w in data["acting_verbs"] + data["designated_verbs"] + ["báo cáo"]),
        "at_work": re.compile(rf"\s*,?\s*(?:{phrase_pattern(data['at_work'])})(?![^\W_])"),
        "organ_before": re.compile(rf"(?<![^\W_])(?:{phrase_pattern(data['standing_organs'])})\s+$"),
        "discipline_acts": frozenset(fold_tones(w) for w in data["discipline_acts"] + data["conclusion_acts"]),
        "direct_bare": re.compile(rf"(?:{phrase_pattern(data['direct_bare_issuers'])})(?![^\W_])"),
        "back_ref": re.compile(r"(?<![^\W_])Đoàn(?![^\W_])"),
        "back_excl": re.compile(rf"\s+(?:{phrase_pattern(data['back_reference_exclusions'])})(?![^\W_])"),
        "organiser": re.compile(rf"^\s*(?:đã\s+|vừa\s+|sẽ\s+)?(?:{phrase_pattern(data['organiser_verbs'])})"
                                rf"(?:\s+các)?\s+$"),
        "acting": re.compile(aux_run +
                             rf"(?:(?:{phrase_pattern(data['counted_body_verbs'])})\s+(?:(?:{number_pattern()}|{_quantifiers(data)})\s+)?"
                             rf"(?:{phrase_pattern(data['acting_counters'])})\s+"
                             rf"|(?:{number_pattern()}|{_quantifiers(data)})\s+(?:{phrase_pattern(data['acting_counters'])})\s+"
                             rf"|{_issuing_lead(data)})?"
                             rf"({phrase_pattern(data['acting_verbs'])})(?![^\W_])"),
        "acting_agencies": tuple(normalise_name(a) for a in data["acting_agencies"]),
        # "báo cáo của", "Báo cáo số 1140/BC-VPCP ngày 13/2/2019 của" before the unit
        "reported_by": re.compile(r"(?<![^\W_])báo cáo(?:\s+số\s+[\w./-]*\d[\w./-]*)?"
                                  r"(?:\s+ngày\s+\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?)?\s+của\s+$"),
        "reported_source": re.compile(rf"(?:^|(?<=[\s,.:;(]))(?:{phrase_pattern(data['report_sources'])})"
                                      rf"(?:\s+(?:số\s+)?[\w./-]*\d[\w./-]*)?\s+của\s+$"),
        "source_break": re.compile(rf"(?<![^\W_])(?:{phrase_pattern(data['source_name_breaks'])})(?![^\W_])"),
        "report_source_words": tuple(fold_tones(w) for w in data["report_sources"]),
        "reported_check": re.compile(rf"\s+(?:{phrase_pattern(data['reported_checks'])})(?![^\W_])"),
        "standing_agencies": tuple(normalise_name(a) for a in data["standing_agencies"]),
        "term": re.compile(rf"\s+(?:{phrase_pattern(data['term_words'])})\s+[ivxlc\d]+$"),
        "passive": re.compile(rf"(?<![^\W_])(?:{phrase_pattern(data['passive_markers'])})\s+"
                              rf"((?:(?:{phrase_pattern(data['standing_titles'])})\s+)?"
                              rf"(?:{phrase_pattern(data['standing_organs'])})\s+"
                              rf"|(?:{phrase_pattern(data['standing_titles'])})\s+)?$"),
        "standing_titles": frozenset(fold_tones(t) for t in data["standing_titles"]),
        "standing_office": re.compile(rf"(?<![^\W_])(?:(?:{phrase_pattern(data['standing_titles'])})\s+"
                                      rf"(?:{phrase_pattern(data['standing_organs'])})|"
                                      rf"(?:{phrase_pattern(data['party_councils'])}))"
                                      rf"(?:\s+(?:{phrase_pattern(data['bare_issuers'])}))?(?![^\W_])"),
        "meeting": re.compile(rf"(?<![^\W_])(?:{phrase_pattern(data['meeting_cues'])})\s+$"),
        "purpose": re.compile(rf"\s*(?:{phrase_pattern(data['purpose_words'])})(?![^\W_])"),
        "anaphor": re.compile(rf"(?:(?<![^\W_])cho (?:biết|hay)\s*,?|,)\s*({phrase_pattern(data['reported_anaphors'])})"
                              rf"\s+(?=(?:đã|vừa)\s)"),
        "people_committee": tuple(fold_tones(w) for w in data["people_committees"]),
        "anaphor_levels": {fold_tones(k): v for k, v in data["reported_anaphor_levels"].items()},
        "reported_acting": re.compile(aux_run +
                                      rf"(?:{phrase_pattern(data['acting_verbs'] + data['reported_verbs'])})"
                                      rf"(?![^\W_])"),
        "review_proposal": re.compile(aux_run + rf"({phrase_pattern(data['review_proposals'])})(?![^\W_])"),
        "designated_acting": re.compile(aux_run +
                                        rf"({phrase_pattern(data['designated_verbs'])})(?![^\W_])"),
        "coordinated": re.compile(r"(?:\s*,\s*|\s+và\s+)[^.;:!?()\n]{2,80}?(?=\s+(?:đã|đang|vừa)\s)"),
        "group": re.compile(rf"(?<![^\W_])(?:{phrase_pattern(data['group_inspectorates'])})"
                            rf"(?:(?:\s*,\s*|\s+và\s+)(?:{phrase_pattern(data['group_places'])})(?![^\W_]))*"),
        "attributed": re.compile(rf"(?<![^\W_])(?:{phrase_pattern(data['attribution_cues'])})\s+$"),
        "sector": re.compile(rf"(?:^|(?<=[\s,.:;(]))(?:{phrase_pattern(data['sector_words'])})\s+$"),
        "sector_subject": re.compile(rf"\s+(?:{phrase_pattern(data['acting_auxiliaries'])})(?![^\W_])"),
        "attributed_agencies": tuple(normalise_name(a) for a in data["attributed_agencies"]),
        "actor_title": re.compile(rf"(?:^|(?<=[\s,.:;(]))(?:({phrase_pattern(data['actor_titles_named'])})|"
                                  rf"(?:{phrase_pattern(data['actor_titles'])}))\s+$"),
        "leader_title": re.compile(rf"(?<![^\W_])(?:{phrase_pattern(data['leader_titles'])})(?![^\W_])"),
        "ministry_title": re.compile(rf"(?:{phrase_pattern(data['ministry_titles'])})"),
        "leader_joiner": re.compile(rf"\s*(?:,\s*|(?:{phrase_pattern(data['leader_joiners'])})\s+)?"),
        "time_lead": re.compile(rf"(?:^|[\n.,;:|])\s*(?:{phrase_pattern(data['time_leads'])})\s+\d{{1,2}}[/-]\d{{1,2}}\s+$"),
        "signed_for": re.compile(rf"(?<![^\W_])(?:{phrase_pattern(data['issuing_verbs'])})\s+(?:(?:{number_pattern()}|các)\s+)?"
                                 rf"(?:{phrase_pattern(data['issued_documents'])})(?:\s+số)?(?:\s+[\w./-]*\d[\w./-]*)?"
                                 rf"\s+(?:{phrase_pattern(data['signed_for_joiners'])})\s+$"
                                 rf"|(?<![^\W_])(?:{phrase_pattern(data['signed_on_behalf'])})\s+$"),
        "deputy_for": {" ".join(fold_tones(k).split()): v for k, v in data["deputies_signing_for"].items()},
        "decision_subject": re.compile(rf"\s*,?\s*(?:{phrase_pattern(data['decision_subject_leads'])})\s+"),
        "issued_decision": re.compile(rf"(?<![^\W_])(?:{phrase_pattern(data['issued_documents'])})(?![^\W_])"),
        "council_chairs": frozenset(fold_tones(w) for w in data["people_committee_chairs"]),
        "visit_verbs": frozenset(fold_tones(v) for v in data["visit_verbs"]),
        "named_titles": tuple(normalise_name(t) for t in data["actor_titles_named"]),
        "addressed_body": re.compile(rf"(?<![^\W_])(?:{phrase_pattern(data['addressed_body_cues'])})\s+"
                                     rf"(?:(?:đoàn|tổ)[^,.;:\n]{{0,25}}?\s+của\s+)?$"),
        "speaks_for": re.compile(rf"(?<![^\W_])(?:{phrase_pattern(data['speaks_for_cues'])})\s+"),
        "advisory": tuple(fold_tones(w) for w in data["advisory_bodies"]),
        "collective": re.compile(rf"(?<![^\W_])(?:{phrase_pattern(data['collective_markers'])})(?![^\W_])"
                                 rf"|^(?:{phrase_pattern(data['collective_level_heads'])})\s+"
                                 rf"(?:{phrase_pattern(data['collective_levels'])})$"),
        "leader_discipline_verbs": frozenset(fold_tones(v) for v in data["leader_discipline_verbs"]),
        "concluded_by": re.compile(rf"(?<![^\W_])(?:{phrase_pattern(data['concluded_by'])})"
                                   rf"(?:\s+(?:số\s+)?[\w./-]*\d[\w./-]*)?(?:\s+ngày\s+\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}})?"
                                   rf"\s+của\s+"
                                   rf"(?:(?:{phrase_pattern(data['actor_titles_named'])})\s+)?$"),
        "led_by": re.compile(rf"\s*,?\s*do\s+[^;.()\n]{{3,150}}?\s+(?:{phrase_pattern(leader['verbs'])})(?![^\W_])\s*,?"),
        "conclusion_followup": re.compile(rf"(?<![^\W_])(?:{phrase_pattern(data['conclusion_followups'])})\s+$"),
        "leader_do": re.compile(rf"(?<![^\W_])do\s+(?:(?:{hon})\s+)?([^;.()\n]{{3,150}}?)\s+"
                                rf"(?:{phrase_pattern(leader['verbs'])})(?![^\W_])"),
        "leader_named": re.compile(rf"(?<![^\W_])(?:{hon})\s+([^,;.()\n]{{3,60}}?)\s*,\s*([^,;.()\n]{{3,100}}?)"
                                   rf"\s*,\s*(?:làm\s+)?(?:{roles})(?![^\W_])"),
        "leader_is": re.compile(rf"(?<![^\W_])(?:{roles})\s*(?:là|:)\s*(?:(?:{hon})\s+)?([^;.()\n]{{3,150}})"),
        "coupled_organ": re.compile(rf"(?<![^\W_])({phrase_pattern(data['party_organs'] + ['đảng ủy'])})"
                                    rf"\s*(?:,|và)\s*$"),
        "bare_inspectorate": re.compile(rf"(?<![^\W_])thanh tra\s+({phrase_pattern(data['bare_inspectorate_levels'])})"
                                        rf"(?![^\W_])"),
        "alias": re.compile(rf"([^.;:!?()\n]{{0,200}}?)\s*\(\s*(?:{phrase_pattern(data['alias_cues'])})\s*:?\s*"
                            rf"([^()\n]{{2,40}}?)\s*\)"),
        # what a speaker tells opens a clause of its own ("ông A cho biết: | Chủ tịch UBND tỉnh vừa ký ...")
        "speech_colon": re.compile(rf"(?<![^\W_])(?:{phrase_pattern(data['speech_verbs'])})\s*:\s*$"),
        # a source that tells ("Thanh tra tỉnh cho biết, ...")
        "source_says": re.compile(rf"\s*,?\s*(?:{phrase_pattern(data['source_verbs'])})(?![^\W_])"),
        "chief": re.compile(rf"(?<![^\W_])(?:phó\s+)?chánh\s+(thanh tra(?:\s+nhà nước)?)\s+"
                            rf"(?=[^\W\d_])"),
        "chief_acting": re.compile(aux_run +
                                   rf"({phrase_pattern(data['chief_verbs'])})(?![^\W_])"),
        "modes": {mode: re.compile(rf"(?<![^\W_])(?:{phrase_pattern(words)})(?![^\W_])")
                  for mode, words in data["modes"].items()},
    }


def _quantifiers(data: dict) -> str:
    """Words that stand for a number of checks or teams ("các", "nhiều cuộc giám sát")."""
    return f"(?:{phrase_pattern(data['counted_quantifiers'])})"


def _issuing_lead(data: dict) -> str:
    """A document issued on the way to the act, before the acting verb: "ban hành các Quyết định số 1677-QĐ/HU,
    1678-QĐ/HU về việc | thi hành kỷ luật", "có Quyết định số 473/QĐ/HU | thi hành kỷ luật", "ký quyết định ngày
    31/1/2013, | thi hành kỷ luật", "ban hành 1 | kết luận thanh tra"."""
    ref = r"[\w./-]*\d[\w./-]*"
    issuing = phrase_pattern(data["issuing_verbs"])
    return (rf"(?:{issuing})\s+(?:(?:{number_pattern()}|các)\s+)?"
            rf"(?:{phrase_pattern(data['issued_documents'])})(?:\s+số)?(?:\s+{ref}(?:\s*[,;]\s*(?:số\s+)?{ref})*)?"
            rf"(?:\s+ngày\s+\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}})?\s*,?\s+(?:(?:về việc|v/v)\s+)?"
            rf"(?=(?:{phrase_pattern(data['discipline_acts'])})(?![^\W_]))"  # a decision: only one that disciplines
            rf"|(?:{issuing})\s+(?:{number_pattern()}|các)\s+(?=(?:{phrase_pattern(data['concluded_by'])})(?![^\W_]))")


# ---------------------------------------------------------------- body mentions


def _issuer_at(text: str, folded: str, pos: int, units: dict[int, RawUnit], after_cua: bool,
               has_topic: bool) -> tuple[int, RawUnit | None, bool] | None:
    """(end, unit, bare) of the issuer written at pos, if one is.

    After "của" any unit is the issuer. Written straight after the head, only a province,
    an organ of a province, or (after a topic) any unit is: "Đoàn kiểm tra Ban Tôn giáo"
    more often means the Đoàn inspected that Ban.
    """
    cues = load_cues()
    raw = units.get(pos)
    if raw is not None and raw.level != "bo_phan_mot_cua":
        province_level = raw.place_level in ("tinh", "thanh_pho") and not raw.head and (
            not raw.place_name or gazetteer.canonical_province(raw.place_name))
        designated = raw.head and normalise_name(f"{raw.head} {raw.core}").startswith(cues["acting_agencies"])
        party = folded.startswith(cues["party_organs"], raw.start)
        council = raw.organ == "council" and not raw.head  # "Đoàn giám sát HĐND huyện X": councils supervise
        if after_cua or has_topic or province_level or designated or party or council:
            return raw.end, raw, not raw.place_name and not raw.head
    bare = (cues["bare_issuer"] if after_cua else cues["direct_bare"]).match(folded, pos)
    if bare:
        nxt = _skip(text, bare.end())
        capital = bare.group() in cues["capital_bare"] and not text[bare.start():bare.end()].isupper()
        if not text[nxt:nxt + 1].isupper() and not capital:  # "tỉnh Vĩnh Phúc" is a named place, handled above
            return bare.end(), None, True
    return None


def _skip(text: str, pos: int) -> int:
    m = _SPACES.match(text, pos)
    return m.end() if m else pos


def parse_body(text: str, folded: str, start: int, head_end: int, kind: str,
               units: dict[int, RawUnit]) -> BodyMention:
    """The body's full name from its head noun: topic, number and issuer, stopping at a verb."""
    cues = load_cues()
    body = BodyMention(start, head_end, kind)
    topic: list[str] = []
    verb_head = bool(cues["verb_head"].search(folded, start, head_end))
    pos = head_end
    while True:
        if topic and (acronym := _ACRONYM.match(text, pos)):
            pos = acronym.end()  # "Đoàn kiểm tra công tác giải quyết thủ tục hành chính (TTHC) của TP"
        elif pos == head_end and (acronym := _ACRONYM.match(text, pos)):
            body.acronym, pos = acronym.group(), acronym.end()  # "Ủy ban Kiểm tra (UBKT) Huyện ủy X"
        p = _skip(text, pos)
        if topic and text.startswith(",", p) and cues["opener"].match(folded, _skip(text, p + 1)):
            p = _skip(text, p + 1)  # "Đoàn kiểm tra cải cách hành chính, công vụ huyện X": the topic goes on
        elif p == pos and p < len(text) and _WORD.match(text, p) is None and not text.startswith(".", p):
            break
        number = _NUMBER.match(folded, p)
        if number and body.number is None:
            if text.startswith("/", _skip(text, number.end())):
                break  # "Số 12/BB-ĐKT": the minutes' own number, not "Đoàn giám sát số 2"
            body.number, pos = number.group(1), number.end()
            continue
        if folded.startswith("của", p) and not _WORD.match(text, p + 3):
            q = _skip(text, p + 3)
            prefix = cues["issuer_prefix"].match(folded, q)  # "của Thường trực HĐND thị xã"
            issuer = _issuer_at(text, folded, prefix.end() if prefix else q, units, True, bool(topic))
            if issuer:
                pos = _set_issuer(body, text, q, issuer)
            break
        issuer = _issuer_at(text, folded, p, units, False, bool(topic))
        if issuer:
            pos = _set_issuer(body, text, p, issuer)
            break
        verb_topic = None if verb_head or topic else cues["verb_topic"].match(folded, p)
        if verb_topic:  # "Tổ công tác | kiểm tra công vụ": a noun head's topic may open with the verb
            topic += [w.group() for w in _WORD.finditer(text, p, verb_topic.end())]
            pos = verb_topic.end()
            continue
        tok = _WORD.match(text, p)
        if not tok or len(topic) >= cues["max_topic"] or tok.group().isdigit() \
                or (cues["stop"].match(folded, p) and not cues["opener"].match(folded, p)):
            break  # "Tổ công tác | giữ 02 bản": a number is never part of a topic
        if verb_head and not topic and body.number is None:
            if not cues["opener"].match(folded, p):
                break  # "Đoàn kiểm tra | xác suất 140 hồ sơ", "Tổ kiểm tra | phát hiện ..."
        if text[p].isupper() and (text[p:tok.end()] in load_vocabulary()["surnames"] or
                                  load_vocabulary()["head"].match(folded, p)):
            break
        topic.append(text[p:tok.end()])
        pos = tok.end()
    body.end = pos if body.issuer or body.number or topic else head_end
    if topic and not body.issuer and body.number is None:
        body.end = _last_topic_end(text, head_end, topic)
    body.topic = fold_tones(" ".join(topic))
    body.shouting = text[start:body.end].isupper()
    return body


def _last_topic_end(text: str, head_end: int, topic: list[str]) -> int:
    pos = head_end
    for word in topic:
        pos = text.index(word, pos) + len(word)
    return pos


def _set_issuer(body: BodyMention, text: str, pos: int, issuer) -> int:
    end, raw, bare = issuer
    body.issuer, body.issuer_raw, body.issuer_bare = text[pos:end], raw, bare
    return end


def find_body_mentions(text: str, folded: str, units: dict[int, RawUnit]) -> list[BodyMention]:
    """Every mention of an inspecting body, bare "Đoàn" back-references included."""
    cues = load_cues()
    out, covered = [], []
    for m in cues["body"].finditer(folded):
        head = re.sub(r"\s+", " ", m.group(1))
        if text[m.start()].islower() and (cues["created"].search(folded[max(0, m.start() - 40):m.start()])
                                          or cues["counted"].search(folded, max(0, m.start() - 40), m.start())):
            continue  # "Sở thành lập đoàn kiểm tra", "Tỉnh ủy đã thành lập 4 đoàn kiểm tra": the setter acts
        member = cues["member_title"].search(folded, max(0, m.start() - 30), m.start())
        if folded.startswith("đoàn", m.start()) or folded.startswith("tổ", m.start()):
            if cues["plural"].search(folded, max(0, m.start() - 16), m.start()):
                continue  # "các đoàn thanh tra", "thành viên đoàn thanh tra": many teams, or a part of one
        if text[m.start()].islower() and cues["possessor"].search(folded, max(0, m.start() - 16), m.start()):
            continue  # "văn bản của trưởng đoàn thanh tra": a post in some team, not the team at work
        if cues["credit"].search(folded, max(0, m.start() - 16), m.start()):
            continue  # "Ảnh: UB Kiểm tra Trung ương": a photo's source, not a body at work
        body = parse_body(text, folded, m.start(), m.end(), cues["kind_of"][head], units)
        if member and not _speaks_for(text, folded, body.end):
            continue  # "Chủ nhiệm Ủy ban Kiểm tra Huyện ủy": a person's post, not the body at work
        _run_to_alias(text, folded, body, head, m.end())
        out.append(body)
        covered.append((body.start, body.end))
    for m in cues["back_ref"].finditer(text):
        nxt = _skip(text, m.end())
        if any(s <= m.start() < e for s, e in covered) or cues["back_excl"].match(folded, m.end()) \
                or text[nxt:nxt + 1].isupper():
            continue
        out.append(BodyMention(m.start(), m.end(), None))
    return sorted(out, key=lambda b: b.start)


def _speaks_for(text: str, folded: str, end: int) -> bool:
    """Whether the officer whose post ends at `end` acts or speaks for the body of that post ("Phó Chủ nhiệm Ủy ban
    Kiểm tra Tỉnh ủy X <name> đã công bố quyết định kỷ luật", "... cho biết, cơ quan này vừa ra quyết định kỷ luật"),
    as a Chánh Thanh tra or a Giám đốc Sở does for theirs: the body is then at work."""
    cues = load_cues()
    pos = after_person(text, end)
    if cues["acting"].match(folded, pos):
        return True
    reported = cues["anaphor"].match(folded, _skip(text, pos))
    return bool(reported and cues["reported_acting"].match(folded, reported.end()))


def _run_to_alias(text: str, folded: str, body: BodyMention, head: str, head_end: int) -> None:
    """A body given a short name in brackets ("Tổ công tác <long topic ... place> (gọi tắt là Tổ công tác)") is named by
    everything written before the brackets: its long name is one name, whatever words stop a name inside it."""
    alias = load_cues()["alias"].match(folded, body.end)
    if alias and " ".join(alias.group(2).split()) == head and not body.issuer:
        body.end = body.end + len(alias.group(1).rstrip())
        body.topic = fold_tones(" ".join(w.group() for w in _WORD.finditer(text, head_end, body.end)))


# ---------------------------------------------------------------- clustering


def _contained(a: str, b: str) -> bool:
    a, b = f" {a} ", f" {b} "
    return a.strip() == "" or b.strip() == "" or a in b or b in a


def _issuer_key(body: BodyMention) -> str:
    return normalise_name(body.issuer)


def _compatible(body: BodyMention, other: BodyMention) -> bool:
    if body.kind and other.kind and body.kind != other.kind and "cong_tac" not in (body.kind, other.kind):
        return False
    if body.number and other.number and body.number != other.number:
        return False
    return _contained(_issuer_key(body), _issuer_key(other)) and _contained(body.topic, other.topic)


def _explicit(body: BodyMention) -> bool:
    return bool(body.topic or body.number or body.issuer)


def cluster_bodies(mentions: list[BodyMention]) -> list[Body]:
    """Mentions of one body together: named ones by compatibility, bare ones to the latest body."""
    bodies: list[Body] = []
    for m in (m for m in mentions if m.kind and _explicit(m)):
        home = next((b for b in bodies if all(_compatible(m, o) for o in b.mentions)), None)
        if home is None:
            home = Body()
            bodies.append(home)
        home.mentions.append(m)
    loose = [m for m in mentions if not (m.kind and _explicit(m))]
    if not bodies and any(m.kind for m in loose):
        bodies.append(Body())
    for m in loose:
        if not bodies:
            break
        before = [b for b in bodies if b.mentions and min(x.start for x in b.mentions) <= m.start]
        pool = [b for b in before if not m.kind or any(_compatible(m, x) for x in b.mentions)] or before or bodies
        target = max(pool, key=lambda b: max((x.start for x in b.mentions if x.start <= m.start), default=-1))
        target.mentions.append(m)
    for b in bodies:
        b.mentions.sort(key=lambda x: x.start)
    return [b for b in bodies if any(x.kind for x in b.mentions)]


def _planned(folded: str, body: Body) -> bool:
    """A team only set up or planned ("Quyết định ... về việc thành lập Đoàn kiểm tra ...", "Đoàn kiểm tra có nhiệm
    vụ ..."): written after a setting-up cue and never seen at work ("Đoàn kiểm tra đã ...", "... ghi nhận ...")."""
    cues = load_cues()
    created = any(cues["created"].search(folded[max(0, m.start - 40):m.start]) for m in body.mentions if m.kind)
    return created and not any(cues["at_work"].match(folded, m.end) for m in body.mentions)


# ---------------------------------------------------------------- organisers, acting units


def _only_addressed(folded: str, body: Body) -> bool:
    """A body only reported to, asked, attended for or appealed to ("báo cáo với đoàn công tác của Ủy ban Kiểm tra
    Trung ương", "đề nghị Ủy ban Kiểm tra Thị ủy X xem xét", "Đại diện Ủy ban Kiểm tra Tỉnh ủy tham dự", "khiếu nại
    lên Ủy ban Kiểm tra"): never at work. One who speaks for it ("theo đại diện đoàn kiểm tra") is the body at work."""
    cues = load_cues()
    named = [m for m in body.mentions if m.kind]
    return all((cue := cues["addressed_body"].search(folded, max(0, m.start - 60), m.start))
               and not cues["speaks_for"].search(folded, max(0, cue.start() - 10), cue.end()) for m in named)


# A person's name after a title and its unit ("Phó Tổng Thanh tra Chính phủ Đặng Công Huẩn vừa ký").
_NAME_WORD = re.compile(r"\s*,?\s+([^\W\d_]+)")


def after_person(text: str, pos: int) -> int:
    """Where a person's name (2–4 capitalised words, commas around it allowed) from `pos` ends, else `pos`."""
    end, words = pos, 0
    while words < 4 and (m := _NAME_WORD.match(text, end)) and m.group(1)[0].isupper():
        end, words = m.end(), words + 1
    return (end + 1 if text.startswith(",", end) else end) if words >= 2 else pos


def attach_organisers(text: str, folded: str, raws: list[RawUnit], bodies: list[Body]) -> None:
    """'Sở Nội vụ đã tổ chức Đoàn Kiểm tra ...': the unit becomes the body's organiser."""
    cues = load_cues()
    named = [(m.start, m.end) for b in bodies for m in b.mentions if m.kind]
    for raw in raws:
        if any(s < raw.start < e for s, e in named):
            continue  # the issuer inside a body's name ("Ủy ban Kiểm tra | Tỉnh ủy X | đã thành lập Đoàn ..."): the body organises
        for body in bodies:
            if any(m.kind and 0 <= m.start - raw.tail_end <= 40 and cues["organiser"].match(folded[raw.tail_end:m.start])
                   for m in body.mentions):
                body.organisers.append(raw)


def acting_units(text: str, folded: str, raws: list[RawUnit], bodies: list[Body],
                 sentence_starts: set[int]) -> list[Body]:
    """Units that inspect, conclude or discipline in their own name ("Sở Nội vụ tiến hành kiểm tra tại ...",
    "Chủ tịch UBND tỉnh X vừa phê bình ...", "Theo Thanh tra tỉnh, ...")."""
    cues = load_cues()
    found: dict[str, Body] = {}
    spans = [(m.start, m.end) for b in bodies for m in b.mentions]
    for raw in _organs_with_places(text, folded, raws):
        if any(s <= raw.start < e for s, e in spans):
            continue
        key = normalise_name(f"{raw.head} {raw.core}") if raw.head else normalise_name(raw.place_name)
        standing = bool(raw.head) and key.startswith(cues["standing_agencies"])
        if standing and cues["member_title"].search(folded, max(0, raw.start - 20), raw.start):
            continue  # "Ủy viên Ban Thường vụ Tỉnh ủy": a person's post
        title = cues["actor_title"].search(folded, max(0, raw.start - 30), raw.start)
        office = bool(title and title.group(1) and " ".join(title.group(1).split()) in cues["standing_titles"])
        standing = standing or office
        designated = standing or bool(raw.head) and key.startswith(cues["acting_agencies"])
        attributed = key.startswith(cues["attributed_agencies"]) and (
            (text.startswith(",", raw.tail_end) or cues["source_says"].match(folded, raw.tail_end))
            and cues["attributed"].search(folded, max(0, raw.start - 20), raw.start)
            or cues["sector_subject"].match(folded, raw.tail_end)
            and cues["sector"].search(folded, max(0, raw.start - 12), raw.start))  # "Theo Thanh tra tỉnh, ..."
        organ = None if raw.head or raw.organ or not raw.place_level else \
            cues["organ_before"].search(folded, max(0, raw.start - 12), raw.start)  # "Đảng ủy | xã X"
        organ = organ if organ and text[organ.start()].isupper() else None
        begin = (title or attributed).start() if title or attributed else organ.start() if organ else raw.start
        source_end = _clause_end(text, folded, raw.tail_end)
        concluded = _concluded_by(folded, raw.start) or (
            cues["reported_by"].search(folded, max(0, raw.start - 60), raw.start)
            and (cues["reported_check"].match(folded, raw.tail_end)  # "báo cáo của X về kết quả kiểm tra"
                 or key.startswith(cues["attributed_agencies"]))) or (  # "báo cáo của Thanh tra tỉnh X về việc ..."
            source_end is not None
            and cues["reported_source"].search(folded, max(0, raw.start - 50), raw.start))  # "Theo báo cáo của X, ..."
        acting = _verb_after(text, folded, raw.tail_end, bool(title), designated)
        if not acting and title and title.group(1):
            acting = _demands_account(text, folded, raw.tail_end)  # "Chủ tịch UBND tỉnh X yêu cầu ... báo cáo"
        elif not acting and designated:
            acting = _proposes_review(text, folded, raw.tail_end)  # "Thanh tra X đề nghị UBND tỉnh Y tổ chức kiểm điểm"
        elif not acting and not raw.head and raw.place_name and folded.startswith(cues["people_committee"], raw.start):
            acting = _demands_review(text, folded, raw.tail_end)  # "UBND huyện X yêu cầu các cá nhân ... kiểm điểm"
        if not (acting or concluded or attributed) \
                or (not concluded and (cues["acting_blocked"].search(folded, max(0, begin - 20), begin)
                                       or cues["addressed_list"].search(folded, max(0, begin - 160), begin))):
            continue  # "Kế hoạch ... của Sở Nội vụ về kiểm tra ...": a possessor, not the subject
        at_start = concluded or begin in sentence_starts or _clause_head(folded, begin)
        # a body ("Huyện ủy X", "Đảng ủy | xã X"), not a bare place
        disciplines = bool(acting) and bool(raw.head or raw.organ or organ
                                            or folded.startswith(cues["party_organs"], raw.start)) \
            and " ".join(acting.group(1).split()) in cues["discipline_acts"]
        if not ((designated and (not attributed or at_start)) or ((not bodies or disciplines) and at_start)):
            continue
        if bodies and designated and not standing:
            bodies[0].organisers.append(raw)
            continue
        if office and issues_a_body(text[title.start():raw.end], bodies):
            continue  # "Thường trực HĐND X giám sát ..." beside "Đoàn giám sát của Thường trực HĐND X"
        named = title.start() if title and title.group(1) else organ.start() if organ else raw.start  # "Chủ tịch UBND tỉnh X"
        body = found.setdefault(key, Body())
        term = cues["term"].search(folded, raw.start, raw.end)  # "HĐND huyện | Khóa XI"
        end = term.start() if term else raw.end
        if not acting and source_end is not None and concluded and cues["reported_source"].search(
                folded, max(0, raw.start - 50), raw.start):
            end = source_end  # "Theo báo cáo của Trung tâm X và Xúc tiến đầu tư tỉnh Y, ...": the name runs on
        kind = "giam_sat" if acting and acting.group(1) == "giám sát" else "kiem_tra"
        body.mentions.append(BodyMention(named, end, kind,
                                         issuer=text[raw.start:raw.end], issuer_raw=raw))
    return list(found.values())


def _organs_with_places(text: str, folded: str, raws: list[RawUnit]) -> list[RawUnit]:
    """The units, a party committee's standing body scanned apart from the place written after its organ ("Ban Thường
    vụ Thành ủy | TP Hội An", "Ban Thường vụ Huyện ủy | huyện X") joined to that place: one body, named in full."""
    party = re.compile(rf"(?:{phrase_pattern(load_cues()['party_organs'])})$")
    ordered = sorted(raws, key=lambda r: r.start)
    out, skip = [], set()
    for i, raw in enumerate(ordered):
        if i in skip:
            continue
        nxt = ordered[i + 1] if i + 1 < len(ordered) else None
        if raw.head and nxt is not None and not nxt.head and nxt.place_name and nxt.place_level \
                and _skip(text, raw.end) == nxt.start and party.search(folded, raw.start, raw.end):
            out.append(replace(raw, end=nxt.end, tail_end=nxt.tail_end))
            skip.add(i + 1)
            continue
        out.append(raw)
    return out


_CLAUSE_STOP = re.compile(r"[.;!?\n]")
_LEAD_DASH = re.compile(r"(?:\)\s*[-–—]|--)\s*$")


def _clause_head(folded: str, pos: int) -> bool:
    """Whether `pos` opens a clause: after a comma, an ellipsis or a space only, after a news item's byline dash ("(BĐ)- ",
    "VietTimes -- "), or after a speaker's colon ("... cho biết: | ...")."""
    return not folded[max(0, pos - 2):pos].strip(" ,…") or bool(_LEAD_DASH.search(folded, max(0, pos - 4), pos)) \
        or bool(load_cues()["speech_colon"].search(folded, max(0, pos - 30), pos))


def _demands_account(text: str, folded: str, pos: int) -> re.Match | None:
    """A titled leader who demands that a unit account for itself ("Chủ tịch UBND tỉnh X đã yêu cầu lãnh đạo UBND
    huyện Y báo cáo sự việc", "... có công văn đề nghị Giám đốc Sở Z rút kinh nghiệm"): the designated verb, when
    its clause asks for an account, a review or a correction."""
    demand = _verb_after(text, folded, pos, True, True)
    if demand is None or demand.group(1) in load_cues()["acting_verb_set"]:
        return demand
    return demand if _in_clause(load_cues()["accountability"], text, folded, demand.end()) else None


def _demands_review(text: str, folded: str, pos: int) -> re.Match | None:
    """A people's committee that demands, right after its name, that named people review their conduct ("UBND huyện X
    yêu cầu các cá nhân nêu trên kiểm điểm, rút kinh nghiệm"), not one that directs its offices to correct their work
    (a directive's "yêu cầu các sở chấn chỉnh ...")."""
    cues = load_cues()
    demand = cues["designated_acting"].match(folded, pos)
    return demand if demand and _in_clause(cues["review"], text, folded, demand.end()) else None


def _proposes_review(text: str, folded: str, pos: int) -> re.Match | None:
    """An inspecting agency that proposes, right after its name, that a unit review or account for its conduct
    ("Thanh tra tỉnh X đề nghị UBND huyện Y tổ chức kiểm điểm, làm rõ trách nhiệm ..."): the inspection's
    recommendation, not a request for documents or figures."""
    cues = load_cues()
    proposal = cues["review_proposal"].match(folded, pos)
    return proposal if proposal and _in_clause(cues["accountability"], text, folded, proposal.end()) else None


def _in_clause(cue: re.Pattern, text: str, folded: str, pos: int) -> bool:
    """Whether `cue` is found from `pos` to the end of its clause."""
    stop = _CLAUSE_STOP.search(text, pos)
    return bool(cue.search(folded, pos, stop.start() if stop else len(text)))


def reported_units(text: str, folded: str, raws: list[RawUnit], bodies: list[Body]) -> list[Body]:
    """A source that tells what it did through an anaphor ("UBND huyện X cho biết, đơn vị đã yêu cầu ...",
    "Theo thông tin từ UBND TP. X, cơ quan này đã ra quyết định kỷ luật"): the last unit of the clause
    before the anaphor, not one in brackets, an agency or a people's committee (of the anaphor's level if
    it is a place word), not a bare place."""
    cues = load_cues()
    found: dict[str, Body] = {}
    taken = taken_spans(bodies)
    for m in cues["anaphor"].finditer(folded):
        if not cues["reported_acting"].match(folded, m.end()):
            continue
        level = cues["anaphor_levels"].get(" ".join(m.group(1).split()))
        prior = [r for r in raws if m.start() - 200 <= r.start and r.tail_end <= m.start()
                 and not text[:r.start].rstrip().endswith("(") and not raw_taken(r, taken)]
        raw = prior[-1] if prior else None
        organ = None if raw is None or raw.head or raw.organ or not raw.place_level else \
            cues["organ_before"].search(folded, max(0, raw.start - 12), raw.start)  # "Đảng ủy | xã X (huyện Y)"
        organ = organ if organ and text[organ.start()].isupper() else None
        if raw is None or re.search(r"[.!?]\s|\n", text[raw.tail_end:m.start()]) \
                or not (raw.head or organ or folded.startswith(cues["people_committee"], raw.start)) \
                or (level and (raw.head or organ or raw.place_level != level)):
            continue
        start = organ.start() if organ else raw.start
        body = found.setdefault(normalise_name(text[start:raw.end]), Body())
        body.mentions.append(BodyMention(start, raw.end, "kiem_tra", issuer=text[raw.start:raw.end], issuer_raw=raw))
    return list(found.values())


def standing_offices(text: str, folded: str, bodies: list[Body], raws: list[RawUnit] = ()) -> list[Body]:
    """A standing office written with a bare organ ("Thường trực Tỉnh ủy tổ chức 14 đoàn công tác kiểm tra"),
    or a party committee in full ("Ban Chấp hành Đảng bộ tỉnh X kỷ luật ...", "Bộ Chính trị thi hành kỷ luật"),
    that acts, where no unit was found. A place scanned from its last word runs its name on ("Ban Chấp hành Đảng
    bộ | tỉnh Quảng Ninh", "Ban Chấp hành | Tỉnh ủy X")."""
    cues = load_cues()
    found: dict[str, Body] = {}
    taken = taken_spans(bodies)
    for m in cues["standing_office"].finditer(folded):
        end = m.end()
        place = next((r for r in raws if m.start() < r.start <= end < r.end and not r.head and r.place_level), None)
        end = place.end if place else end
        name = _SPACES.sub(" ", text[m.start():end])
        if text[m.start()].isupper() and not any(s <= m.start() < e or m.start() <= s < end for s, e in taken) \
                and not cues["member_title"].search(folded, max(0, m.start() - 20), m.start()) \
                and not cues["acting_blocked"].search(folded, max(0, m.start() - 20), m.start()) \
                and not cues["addressed_list"].search(folded, max(0, m.start() - 160), m.start()) \
                and not issues_a_body(name, bodies) and _verb_after(text, folded, _met_for(folded, m.start(), _chain_end(folded, end)),
                                                                    False, True):
            found.setdefault(normalise_name(name), Body()).mentions.append(
                BodyMention(m.start(), end, "kiem_tra", issuer=name))
    return list(found.values())


def _met_for(folded: str, start: int, end: int) -> int:
    """Past the purpose word after a body that meets to act ("họp Ban Bí thư | để | xem xét, thi hành kỷ luật"), else
    `end`."""
    cues = load_cues()
    purpose = cues["purpose"].match(folded, end)
    return purpose.end() if purpose and cues["meeting"].search(folded, max(0, start - 20), start) else end


def _chain_end(folded: str, end: int) -> int:
    """The end of the central or standing bodies written in a list with the one ending at `end` ("Ban Chấp hành
    Trung ương, | Bộ Chính trị, Ban Bí thư | thi hành kỷ luật ..."): they act together by the verb after the list."""
    cues = load_cues()
    while (joint := _JOIN.match(folded, end)) and (nxt := cues["standing_office"].match(folded, joint.end())):
        end = nxt.end()
    return end


def issues_a_body(name: str, bodies: list[Body]) -> bool:
    """Whether `name` is written as the issuer of one of the bodies ("Đoàn giám sát của <name>"). A bare level word
    issues no named body ("Ủy ban Kiểm tra | Trung ương" beside "Ban Chấp hành Trung ương Đảng kỷ luật ...")."""
    key = normalise_name(name)
    return any(m.issuer and not _bare_word(m.issuer) and _contained(normalise_name(m.issuer), key)
               for b in bodies for m in b.mentions)


def _bare_word(issuer: str) -> bool:
    folded = fold_tones(issuer.strip())
    return bool(load_cues()["direct_bare"].fullmatch(folded))


_JOIN = re.compile(r"\s*,\s*|\s+và\s+")


def passive_agents(text: str, folded: str, raws: list[RawUnit], bodies: list[Body]) -> list[Body]:
    """Units by whom someone is disciplined or checked ("bị UBND huyện X kỷ luật", "bị Đảng ủy xã X, UBND xã Y
    xử lý kỷ luật"), each one, a party organ before a place included, unless already found."""
    cues = load_cues()
    found: dict[str, Body] = {}
    taken = taken_spans(bodies)
    known = None
    for i, raw in enumerate(raws):
        passive = cues["passive"].search(folded, max(0, raw.start - 30), raw.start)
        if raw_taken(raw, taken) or not passive:
            continue
        chain = [raw]
        for nxt in raws[i + 1:]:
            if nxt.start <= chain[-1].tail_end or not _JOIN.fullmatch(text, chain[-1].tail_end, nxt.start):
                break
            chain.append(nxt)
        if not cues["acting"].match(folded, chain[-1].tail_end):
            continue
        if known is None:
            known = {normalise_name(text[m.start:m.end]) for b in bodies for m in b.mentions}
        for k, r in enumerate(chain):
            start = passive.start(1) if k == 0 and passive.group(1) else r.start  # "bị | Đảng ủy xã X"
            name = text[start:r.end]
            if normalise_name(name) not in known:
                found.setdefault(normalise_name(name), Body()).mentions.append(
                    BodyMention(start, r.end, "kiem_tra", issuer=name, issuer_raw=r))
    return list(found.values())


def coupled_organs(text: str, folded: str, bodies: list[Body]) -> list[Body]:
    """A place's party committee written bare before the people's committee that acts with it ("Huyện ủy, UBND huyện
    X vừa ban hành quyết định kỷ luật ...", "bị Tỉnh ủy và UBND tỉnh Y kỷ luật"): the party committee of that place,
    a body of its own (corpora/README.md: two bodies, never one entry)."""
    cues = load_cues()
    found: dict[str, Body] = {}
    taken = taken_spans(bodies)
    for body in bodies:
        for m in body.mentions:
            raw = m.issuer_raw
            if raw is None or m.start != raw.start or not raw.place_name or raw.head \
                    or not folded.startswith(cues["people_committee"], raw.start):
                continue
            organ = cues["coupled_organ"].search(folded, max(0, raw.start - 20), raw.start)
            if organ is None or not text[organ.start()].isupper() \
                    or within(organ.start(), taken):
                continue
            name = f"{text[organ.start():organ.end(1)]} {raw.place_name}"
            found.setdefault(normalise_name(name), Body()).mentions.append(
                BodyMention(organ.start(), organ.end(1), "kiem_tra", issuer=text[organ.start():organ.end(1)],
                            issuer_bare=True))
            taken.append((organ.start(), organ.end(1)))
    return list(found.values())


def taken_spans(bodies: list[Body]) -> list[tuple[int, int]]:
    """Where the bodies found so far are written."""
    return [(m.start, m.end) for b in bodies for m in b.mentions]


def within(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in spans)


def raw_taken(raw: RawUnit, spans: list[tuple[int, int]]) -> bool:
    return within(raw.start, spans)


_CLAUSE = re.compile(r"(?:[^,;:!?()\n.\d]|\.(?!\s))*?(?=,)")


def _clause_end(text: str, folded: str, pos: int) -> int | None:
    """Where the comma closing a unit's clause stands, if the words before it may go on with its name
    (a unit scanned short: "Phòng X | Công an tỉnh Y, ...")."""
    m = _CLAUSE.match(text, pos, pos + 80)
    return m.end() if m and not load_cues()["source_break"].search(folded, pos, m.end()) else None


def _concluded_by(folded: str, pos: int) -> re.Match | None:
    """"Kết luận thanh tra số N ngày D của | X": X wrote the conclusion; not in "báo cáo thực hiện kết luận của
    | X", where X reports on carrying it out."""
    cues = load_cues()
    found = cues["concluded_by"].search(folded, max(0, pos - 80), pos)
    if found and cues["conclusion_followup"].search(folded, max(0, found.start() - 20), found.start()):
        return None
    return found


def _verb_after(text: str, folded: str, pos: int, titled: bool, designated: bool) -> re.Match | None:
    """The acting verb after a unit at `pos`: straight after it, after a titled person's name ("Phó Tổng
    Thanh tra Chính phủ <name>, đã ký"), or after the units coordinated with it ("Thanh tra tỉnh và Thanh
    tra các sở, ngành đã thực hiện 34 cuộc thanh tra"). An inspecting agency also acts by reporting,
    requesting or writing ("Sở Nội vụ yêu cầu ..."). A leader written between is skipped ("X do ông A làm
    Trưởng đoàn có buổi làm việc")."""
    cues = load_cues()
    pos = _past_place_aside(text, folded, pos)  # "Ban Thường vụ Huyện ủy X (Hải Dương) | đã quyết định ..."
    if titled:
        pos = after_person(text, pos)
        pos += len(text[pos:pos + 3]) - len(text[pos:pos + 3].lstrip(" ,"))
    verbs = (cues["acting"], cues["designated_acting"]) if designated else (cues["acting"],)
    if led := cues["led_by"].match(folded, pos):
        pos = led.end()  # "Ban Pháp chế HĐND tỉnh do ông A làm Trưởng đoàn | có buổi làm việc"
    coordinated = cues["coordinated"].match(folded, pos)
    for at in (pos, coordinated.end()) if coordinated else (pos,):
        for verb in verbs:
            if m := verb.match(folded, at):
                return m
    return None


_ASIDE_OPEN = re.compile(r"[ \t]*\([ \t]*")
_ASIDE_CLOSE = re.compile(r"[ \t]*\)")


def _past_place_aside(text: str, folded: str, pos: int) -> int:
    """End of a province written in brackets after a unit ("Huyện ủy Tứ Kỳ (Hải Dương)"), else `pos`."""
    opened = _ASIDE_OPEN.match(text, pos)
    province = gazetteer.province_pattern().match(folded, opened.end()) if opened else None
    closed = _ASIDE_CLOSE.match(text, province.end()) if province else None
    return closed.end() if closed else pos


def bare_inspectorates(text: str, folded: str, raws: list[RawUnit], bodies: list[Body],
                       sentence_starts: set[int]) -> list[Body]:
    """An inspectorate written with a bare level word, its place left to the reader ("Thanh tra tỉnh đã tiến hành 57
    cuộc thanh tra", "Theo Thanh tra huyện, ...", "Thanh tra tỉnh cho biết, ..."), at the head of its clause: the
    inspectorate of the document's place. The unit scan reads no unit there, so the name is read here."""
    cues = load_cues()
    found: dict[str, Body] = {}
    taken = taken_spans(bodies)
    for m in cues["bare_inspectorate"].finditer(folded):
        start, end = m.start(), m.end()
        if not text[start].isupper() or within(start, taken):
            continue
        nxt = _skip(text, end)
        if text[nxt:nxt + 1].isupper() or cues["group"].match(folded, start):  # "Thanh tra sở, ngành": a collective
            continue  # "Thanh tra tỉnh Bình Định": a named place, read by the unit scan
        attributed = bool(cues["attributed"].search(folded, max(0, start - 20), start)) \
            and (text.startswith(",", end) or bool(cues["source_says"].match(folded, end)))
        at_start = start in sentence_starts or _clause_head(folded, start) \
            or bool(cues["time_lead"].search(folded, max(0, start - 30), start))
        if not (attributed or at_start) or cues["addressed_list"].search(folded, max(0, start - 160), start):
            continue
        if not (attributed or cues["source_says"].match(folded, end) or _verb_after(text, folded, end, False, True)):
            continue
        found.setdefault(normalise_name(text[start:end]), Body()).mentions.append(
            BodyMention(start, end, "thanh_tra", issuer=text[m.start(1):end], issuer_bare=True))
    return list(found.values())


_SEPARATORS = re.compile(r"[ ,]{0,3}")  # "Chánh Thanh tra tỉnh X, Nguyễn Văn A, | kết luận"


def chief_inspectors(text: str, folded: str, raws: list[RawUnit], bodies: list[Body]) -> list[Body]:
    """The inspectorate whose chief concludes, proposes or signs ("Chánh Thanh tra tỉnh X <name> vừa kết luận ...",
    "Kết luận số N của Chánh thanh tra tỉnh", "Phó Chánh thanh tra huyện Y đề nghị ..."): "Thanh tra" with the place
    or agency after the title. The unit scan reads no unit after a title word, so the title is read here."""
    cues = load_cues()
    found: dict[str, Body] = {}
    taken = taken_spans(bodies)
    by_start = {r.start: r for r in raws}
    for m in cues["chief"].finditer(folded):
        head, pos = m.start(1), m.end()
        if within(m.start(), taken) or within(head, taken):
            continue
        raw = by_start.get(pos)
        bare = None if raw else cues["direct_bare"].match(folded, pos)
        if raw:
            end = raw.end
        elif bare:
            end = bare.end()  # "Chánh Thanh tra tỉnh": the document's province
        else:
            continue
        concluded = _concluded_by(folded, m.start())
        acting = _verb_after(text, folded, end, True, True)
        if not acting:
            after = _SEPARATORS.match(text, after_person(text, end)).end()
            acting = cues["chief_acting"].match(folded, after)
        if not (acting or concluded) or (not concluded and (
                cues["acting_blocked"].search(folded, max(0, m.start() - 20), m.start())
                or cues["addressed_list"].search(folded, max(0, m.start() - 160), m.start()))):
            continue
        key = normalise_name(text[head:end])
        body = found.setdefault(key, Body())
        body.mentions.append(BodyMention(head, end, "thanh_tra", issuer=text[pos:end], issuer_raw=raw,
                                         issuer_bare=raw is None))
        taken.append((m.start(), end))
    return list(found.values())


def acting_leaders(text: str, folded: str, sentence_starts: set[int], bodies: list[Body]) -> list[Body]:
    """Leaders who inspect or discipline in person ("Phó Thủ tướng Vũ Đức Đam bất ngờ kiểm tra ..."), several
    written together each one ("Phó Thủ tướng A cùng Bộ trưởng Y tế B kiểm tra"). Beside a named body, only a
    leader's own visit counts (a decision signed on a body's conclusion does not)."""
    cues = load_cues()
    found: dict[str, Body] = {}
    taken = taken_spans(bodies)
    for m in cues["leader_title"].finditer(folded):
        at_start = m.start() in sentence_starts or _clause_head(folded, m.start()) \
            or cues["time_lead"].search(folded, max(0, m.start() - 30), m.start())  # "Trưa 7/8 Phó Thủ tướng"
        signed_for = not at_start and cues["signed_for"].search(folded, max(0, m.start() - 60), m.start())
        if not (at_start or signed_for) or within(m.start(), taken):
            continue
        chain = [(m, _leader_end(text, folded, m))]
        while (joiner := cues["leader_joiner"].match(folded, chain[-1][1])) and \
                (nxt := cues["leader_title"].match(folded, joiner.end())):
            chain.append((nxt, _leader_end(text, folded, nxt)))
        end = chain[-1][1]
        if signed_for and (subject := cues["decision_subject"].match(folded, end)):
            end = subject.end()  # "quyết định của Thủ tướng | về việc | thi hành kỷ luật": the decision's subject
        verb = cues["acting"].match(folded, end + len(text[end:end + 3]) - len(text[end:end + 3].lstrip(" ,")))
        if not verb or (bodies and " ".join(verb.group(1).split()) not in cues["visit_verbs"]
                        and " ".join(verb.group(1).split()) not in cues["leader_discipline_verbs"]):
            continue
        if signed_for and " ".join(verb.group(1).split()) not in cues["leader_discipline_verbs"]:
            continue  # "ký quyết định của Thủ tướng | thi hành kỷ luật": only a decision that disciplines
        # a deputy who signs a decision to discipline signs it for the leader ("Phó Thủ tướng <name> ký Quyết định thi
        # hành kỷ luật ..."): the leader decided
        signed = verb.group(1) and " ".join(verb.group(1).split()) in cues["leader_discipline_verbs"] \
            and cues["issued_decision"].search(folded, verb.start(), verb.start(1))
        for title, end in chain:
            if within(title.start(), taken):
                continue  # already an acting unit ("Bộ trưởng Bộ Y tế")
            signs_for = cues["deputy_for"].get(" ".join(title.group().split()), "") if signed else ""
            body = found.setdefault(normalise_name(signs_for or text[title.start():title.end()]), Body())
            body.mentions.append(BodyMention(title.start(), end, "kiem_tra", issuer=text[title.start():end],
                                             title_end=_office_end(text, title, end), signs_for=signs_for))
            taken.append((title.start(), end))
    return list(found.values())


def _leader_end(text: str, folded: str, title: re.Match) -> int:
    """Where a leader written from `title` ends: after the person's name (a surname and up to three more
    capitalised words), the ministry of a minister's title standing between ("Bộ trưởng Bộ Y tế <name>",
    "Bộ trưởng Y tế <name>"); else after the title."""
    surnames = load_vocabulary()["surnames"]
    words = list(itertools.islice(_LEADER_WORD.finditer(text, title.end()), 10))
    skip = 6 if load_cues()["ministry_title"].fullmatch(title.group()) else 1
    for i, word in enumerate(words[:skip]):
        if word.start() != (words[i - 1].end() if i else title.end()):
            break  # punctuation between: the name is over
        if word.group(1) in surnames:
            name = [w for w in words[i:i + 4] if w.group(1)[0].isupper()]
            name = name[:next((k for k in range(1, len(name)) if name[k].start() != name[k - 1].end()), len(name))]
            if len(name) >= 2:
                return name[-1].end()
    return title.end()


def _office_end(text: str, title: re.Match, end: int) -> int:
    """Where the office of a leader written from `title` to `end` ends: before the person's name ("Bộ trưởng Bộ Y tế |
    <name>"), else at `end`."""
    words = [w for w in _LEADER_WORD.finditer(text, title.end(), end)]
    surnames = load_vocabulary()["surnames"]
    first = next((i for i, w in enumerate(words) if w.group(1) in surnames and 2 <= len(words) - i <= 4
                  and all(x.group(1)[0].isupper() for x in words[i:])), None)
    return words[first].start() if first is not None else end


# ---------------------------------------------------------------- leader, mode, naming


def split_title_name(words: str) -> dict | None:
    """{"name", "title"} from "Phó Giám đốc Sở Nội vụ Hà Nội Đinh Mạnh Hùng" or "Trần Văn A, Chánh Thanh tra"."""
    surnames = load_vocabulary()["surnames"]
    words = words.strip(" ,:")
    if "," in words:
        left, right = (p.strip() for p in words.split(",", 1))
        if _is_person(left.split(), surnames):
            return {"name": left, "title": right.split(",")[0].strip()}
        words = left
    toks = words.split()
    for i in range(1, len(toks) - 1):
        rest = toks[i:]
        if 2 <= len(rest) <= 4 and _is_person(rest, surnames):
            if i + 2 < len(toks) and gazetteer.known_levels(" ".join(toks[i:i + 2])) and len(rest) > 3:
                continue  # "tỉnh Hà Tĩnh Hồ An": the place comes first
            return {"name": " ".join(rest), "title": " ".join(toks[:i])}
    if _is_person(toks, surnames) and 2 <= len(toks) <= 4:
        return {"name": words, "title": None}
    return None


def _is_person(toks: list[str], surnames) -> bool:
    return bool(toks) and toks[0] in surnames and all(t[:1].isupper() for t in toks) and 2 <= len(toks) <= 5


def find_leader(text: str, folded: str, windows: list[tuple[int, int]]) -> dict | None:
    """The head of the body, from the sentences that mention it."""
    cues = load_cues()
    for s, e in windows:
        for key in ("leader_do", "leader_named", "leader_is"):
            # Match on folded text (case and tone placement free), read the words from the text.
            for m in cues[key].finditer(folded, s, e):
                if key == "leader_named":
                    name, title = text[m.start(1):m.end(1)].strip(), text[m.start(2):m.end(2)].strip()
                    if _is_person(name.split(), load_vocabulary()["surnames"]):
                        return {"name": name, "title": title}
                    continue
                found = split_title_name(text[m.start(1):m.end(1)])
                if found:
                    return found
    return None


def find_mode(folded: str, kind: str | None) -> str | None:
    """giam_sat for supervision; else dot_xuat / theo_ke_hoach when the text says so."""
    if kind == "giam_sat":
        return "giam_sat"
    modes = load_cues()["modes"]
    if modes["dot_xuat"].search(folded):
        return "dot_xuat"
    if modes["theo_ke_hoach"].search(folded):
        return "theo_ke_hoach"
    return None


def _richest(mentions: list[BodyMention]) -> BodyMention:
    def score(m: BodyMention):
        named_issuer = bool(m.issuer) and not m.issuer_bare
        # a minutes header in capitals: the same name written in running text reads better
        return (named_issuer, bool(m.issuer), bool(m.topic), bool(m.number), not m.shouting, len(m.topic), -m.start)

    return max((m for m in mentions if m.kind), key=score)


def _local_place(raws, level: str) -> str | None:
    """The one place of `level` the document names ("Lạng Giang" for a bare "huyện"), if one stands out."""
    names = Counter(gazetteer.place_key(r.place_name) for r in raws
                    if r.place_level == level and r.place_name and not r.head
                    and not (level == "thanh_pho" and gazetteer.is_city_province(
                        gazetteer.canonical_province(r.place_name))))
    ranked = names.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    spellings = [r.place_name for r in raws if r.place_name and gazetteer.place_key(r.place_name) == ranked[0][0]]
    return next((n for n in spellings if not n.isupper()), spellings[0].title())


# A bare issuer and the level of the place it stands for, from the place words of the unit data; a place's party
# committee written bare ("Ủy ban Kiểm tra Tỉnh ủy") is completed like the place ("Ủy ban Kiểm tra Tỉnh ủy Nghệ An").
_BARE_LEVELS = {w: level for w, level in load_vocabulary()["level_words"].items()
                if level in ("tinh", "thanh_pho", "huyen", "quan", "thi_xa")}
_BARE_LEVEL = re.compile(rf"(?<![^\W_])(?:{'|'.join(sorted(_BARE_LEVELS, key=len, reverse=True))})$")


def name_body(text: str, body: Body, doc_province: str | None, raws=()) -> tuple[str, str | None]:
    """(canonical name, province) of a body: its fullest mention, abbreviations expanded, a bare
    "tỉnh"/"thành phố"/"huyện" issuer completed with the document's province or local place."""
    best = _richest(body.mentions)
    canonical = expand(_written(text, best))
    province = doc_province
    if best.signs_for:
        return best.signs_for, province
    if best.title_end is not None:
        return _leader_office(text[best.start:best.title_end], doc_province, raws), province
    raw = best.issuer_raw
    if raw is not None and raw.place_name and raw.place_level:
        found = gazetteer.resolve_locality(raw.place_name, raw.place_level, hint_province=doc_province)
        province = found["province"] or doc_province
    bare = best.issuer_bare and _BARE_LEVEL.search(fold_tones(expand(best.issuer)))
    if bare:
        level = _BARE_LEVELS[bare.group()]
        if level == "tinh" or (level == "thanh_pho" and gazetteer.is_city_province(doc_province)):
            place = doc_province
        else:  # "thành phố" in a tỉnh, "huyện", "quận": the district-level place the document is about
            place = _local_place(raws, level)
        if place and not fold_tones(canonical).endswith(fold_tones(place)):
            canonical = f"{canonical} {place}"
    if not best.issuer and body.organisers:
        organiser = body.organisers[0]
        canonical = f"{canonical} của {expand(f'{organiser.head} {organiser.core}'.strip() or text[organiser.start:organiser.end])}"
    return canonical, province


def _leader_office(title: str, doc_province: str | None, raws) -> str:
    """The office a leader holds, without the person's name: "Thủ tướng", "Chủ tịch tỉnh" read as the chairman of the
    people's committee of the document's province ("Chủ tịch UBND tỉnh Bình Phước"), "Chủ tịch huyện" of its local
    district."""
    title = _SPACES.sub(" ", title.strip())
    folded = fold_tones(title.lower())
    level_word = _BARE_LEVEL.search(folded)
    head = folded[:level_word.start()].strip() if level_word else ""
    if not level_word or head not in load_cues()["council_chairs"]:
        return title
    level = _BARE_LEVELS[level_word.group()]
    if level == "tinh" or (level == "thanh_pho" and gazetteer.is_city_province(doc_province)):
        place = doc_province
    else:
        place = _local_place(raws, level)
    office = f"{title[:len(head)]} UBND {title[len(head):].strip()}"
    return f"{office} {place}" if place else office


# ---------------------------------------------------------------- entry point


def extract_inspectors(text: str, sentences) -> list[Mention]:
    """Inspecting bodies in text, one Mention per body, sorted by start."""
    folded = fold_tones(text)
    cues = load_cues()
    if not cues["body"].search(folded) and not any(verb in folded for verb in cues["acting_verb_words"]) \
            and not any(cue in folded for cue in cues["report_source_words"]) and not cues["anaphor"].search(folded):
        return []
    raws = scan_units(text, folded)
    by_start = {r.start: r for r in raws}
    mentions = find_body_mentions(text, folded, by_start)
    bodies = [b for b in cluster_bodies(mentions) if not _planned(folded, b) and not _only_addressed(folded, b)]
    attach_organisers(text, folded, raws, bodies)
    sentences = sorted(tuple(s) for s in sentences or [])
    sentence_starts = {s for s, _ in sentences}
    bodies += acting_units(text, folded, raws, bodies, sentence_starts)
    bodies += reported_units(text, folded, raws, bodies)
    bodies += standing_offices(text, folded, bodies, raws)
    bodies += passive_agents(text, folded, sorted(raws, key=lambda r: r.start), bodies)
    bodies += coupled_organs(text, folded, bodies)
    bodies += chief_inspectors(text, folded, raws, bodies)
    bodies += bare_inspectorates(text, folded, raws, bodies, sentence_starts)
    bodies += acting_leaders(text, folded, sentence_starts, bodies)
    doc_province = rank_document_province(text, folded, raws) if bodies else None
    starts = [s for s, _ in sentences]
    advisory = [b for b in bodies if folded.startswith(cues["advisory"], min(m.start for m in b.mentions if m.kind))]
    if len(advisory) < len(bodies):
        bodies = [b for b in bodies if b not in advisory]  # the deciding body is found: the council only advised it
        for raw in (r for b in advisory for r in b.organisers):  # "UBND huyện X đã thành lập Hội đồng ..."
            if not raw_taken(raw, taken_spans(bodies)):
                bodies.append(Body([BodyMention(raw.start, raw.end, "kiem_tra", issuer=text[raw.start:raw.end],
                                                issuer_raw=raw)]))
    out = []
    for body in bodies:
        named = [m for m in body.mentions if m.kind]
        first = next((m for m in named if not text[m.start:m.end].isupper()), named[0])  # not a letterhead
        if cues["collective"].search(fold_tones(_written(text, first))):
            continue  # "Ủy ban Kiểm tra các cấp": many bodies, no one inspector
        canonical, province = name_body(text, body, doc_province, raws)
        spans = sorted({(m.start, m.end) for m in body.mentions} | {(r.start, r.end) for r in body.organisers})
        # A sentence splitter may cut after "TP.": look one sentence further too.
        windows = set()
        for s, _ in spans:
            here = _window(text, sentences, starts, s)
            windows |= {here, _window(text, sentences, starts, here[1] + 1)}
        windows = sorted(windows)
        if len(bodies) == 1:  # "Trưởng đoàn là ..." may stand in a sentence of its own
            windows += [_window(text, sentences, starts, m.start()) for m in _LEADER_ROLE.finditer(folded)]
        out.append(Mention(first.start, first.end, "inspector", {
            "name": _written(text, first), "canonical": canonical,
            "leader": find_leader(text, folded, windows), "mode": find_mode(folded, _richest(named).kind),
            "province": province, "kind": _richest(named).kind,
            "organiser": text[body.organisers[0].start:body.organisers[0].end] if body.organisers else None,
            "spans": [list(s) for s in spans]}))
    return sorted(_merge_titled(out), key=lambda m: (m.start, m.end))


def _merge_titled(found: list[Mention]) -> list[Mention]:
    """A leader written with the title before the body ("Chủ tịch UBND tỉnh", "Kết luận số N của Chủ tịch UBND
    tỉnh") beside that body found acting itself ("UBND tỉnh X ban hành Kết luận ..."): one inspector, the body."""
    titles = sorted(load_cues()["named_titles"], key=len, reverse=True)
    keys = [normalise_name(m.data["canonical"]) for m in found]
    out = []
    for m, key in zip(found, keys):
        title = next((t for t in titles if key.startswith(t + " ")), None)
        rest = key[len(title):].strip() if title else ""
        home = next((o for o, k in zip(found, keys) if o is not m and k != key and not k.startswith(title or "\0")
                     and (k.startswith(rest) or rest.startswith(k))), None) if rest else None
        if home is None:
            out.append(m)
        else:
            home.data["spans"] = sorted(home.data["spans"] + m.data["spans"])
    return out


def _written(text: str, mention: BodyMention) -> str:
    """A mention as written, less an acronym right after its head ("Ủy ban Kiểm tra (UBKT) Tỉnh ủy")."""
    written = text[mention.start:mention.end]
    return _SPACES.sub(" ", written.replace(mention.acronym, "", 1)) if mention.acronym else written


def _window(text: str, sentences, starts: list[int], pos: int) -> tuple[int, int]:
    pos = min(pos, len(text))
    i = bisect.bisect_right(starts, pos) - 1
    if i >= 0 and sentences[i][0] <= pos < sentences[i][1]:
        return sentences[i]
    left = text.rfind("\n", 0, pos) + 1
    right = text.find("\n", pos)
    return left, right if right >= 0 else len(text)
