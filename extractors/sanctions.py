"""Sanctions: disciplinary measures stated in the text, with how many people they hit."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extractors.base import Mention
from extractors.lexicon import alternation, compile_alternatives, fold, load_data, phrase_to_regex
from extractors.numerals import number_pattern, parse_number

# a dot between digits is a thousands separator ("5.486 đảng viên bị khiển trách"), and one inside an abbreviation
# ("TP.HCM", "TT.Huế") no full stop either
_CLAUSE = re.compile(r"[;\n]|(?<!\d)\.(?![^\W\d_]{2})|\.(?![\d\w])")
_GENERIC, _EXPULSION = "ky_luat", "khai_tru"  # khai trừ is a stated form, reported as ky_luat
_YEAR = range(1900, 2100)
_BARE_BEFORE = re.compile(r"(?:^|[:;,(]|\svà)\s*(\d{1,3}(?:\.\d{3})+|\d+)\s+$")  # a bare number opening a list item
_LIST_GAP = re.compile(r"\s*(?:,|và|,\s*và)\s*")  # "8 tổ chức Đảng, 799 đảng viên"
_LISTED = re.compile(r"\s*,")  # "báo cáo, kiến nghị, tham mưu trình huyện kỷ luật": a duty listed, no proposal
_COMPANION = re.compile(r"(?<!đối )(?:cùng với|cùng|với)\s+$")  # a count after these is a companion, not a subject


@dataclass(frozen=True, slots=True)
class _Grammar:
    kinds: list[tuple[str, re.Pattern]]
    any_kind: re.Pattern       # all of `kinds` in one pattern: most sentences name no measure at all
    not_applied: re.Pattern
    not_applied_before: re.Pattern  # right before the measure: "chưa đến mức bị | xử lý kỷ luật"
    passive: re.Pattern
    leading_gap: re.Pattern    # "5 cá nhân | kỷ luật | cảnh cáo": a count and its form with only this between
    person_words: tuple[str, ...]
    form_link: re.Pattern      # the gap of "kỷ luật bằng hình thức | khiển trách": one measure
    breakdown: re.Pattern      # a sentence that splits a stated total ("Trong đó, huyện kỷ luật 8 ...")
    subset: re.Pattern         # "Trong số cán bộ bị kiểm điểm, ...": a measure naming the group split
    bare_count: re.Pattern     # "khiển trách 438;": a bare number right after a form
    own_count: re.Pattern      # "2 chi bộ", "3 chủ tịch xã": party bodies and titles, counted like people
    title_count: re.Pattern    # "2 nguyên bí thư": heads by title, counted from two up
    next_count: re.Pattern     # "kiểm điểm 112 tập thể | và | 115 cá nhân"
    range_from: re.Pattern     # "từ | khiển trách ... đến | cách chức": a range of possible measures
    range_to: re.Pattern
    review_before: re.Pattern  # "bản tự | kiểm điểm", "sau khi | kiểm điểm": the review procedure
    review_after: re.Pattern   # "kiểm điểm | và có hình thức kỷ luật"
    self_review: re.Pattern    # "tự | kiểm điểm", "xin | rút kinh nghiệm": one's own statement
    demand: re.Pattern         # "yêu cầu X ...; xử lý kỷ luật đối với cá nhân vi phạm": asked for, uncounted
    proposal: re.Pattern       # "kiến nghị kiểm điểm 3 cá nhân": proposed to another body, not taken
    demanded_form: re.Pattern  # "yêu cầu ... thi hành kỷ luật 2 đảng viên": a form asked of another body, not taken
    demanded_review: re.Pattern  # "đề nghị kiểm điểm rút kinh nghiệm đối với ...": a review proposed, not taken
    taken: re.Pattern          # "kiến nghị ... (đã kiểm điểm 2 cá nhân)": what was done since
    unnamed: re.Pattern        # "| đối với các cá nhân": said of people not yet known
    named: re.Pattern          # "ông A", "bà B": a form said of named people
    named_object: re.Pattern   # "kỷ luật đồng chí A", "hình thức kỷ luật đối với ông B": said of named people
    considered: re.Pattern     # "xem xét, | thi hành kỷ luật ông A": under consideration, uncounted
    reflection: re.Pattern     # "yêu cầu ông A nghiêm túc | kiểm điểm": a reflection demanded, uncounted


def _any(phrases: list[str], before: str = "", after: str = "") -> re.Pattern:
    return re.compile(rf"{before}(?:{alternation(phrases)}){after}")


@lru_cache(maxsize=1)
def _grammar() -> _Grammar:
    data = load_data("sanctions.yaml")
    named = [(kind, p) for kind, phrases in data["kinds"].items() for p in phrases]
    named += [(_EXPULSION, p) for p in data["expulsion"]] + [(_GENERIC, p) for p in data["ky_luat"]]
    kinds = [(kind, re.compile(phrase_to_regex(p))) for kind, p in named]
    at_end = r"\s*$"  # searched in the text before a measure
    return _Grammar(
        kinds, re.compile(alternation([p for _, p in named])), compile_alternatives(data["not_applied"]),
        _any(data["not_applied_before"], after=at_end),
        compile_alternatives(data["passive_markers"]), _any(data["leading_gaps"], r"\s*", r"\s*"),
        tuple(data["person_words"]),
        _any(data["form_links"], r"[\s,:]*(?:", r"[\s,:]*)?"),
        _any(data["breakdown_openers"], r"\s*", r"(?!\s*\d)"),
        _any(data["subset_openers"], r"\s*", r"(?!\s*\d)[^,;:]*$"),
        re.compile(r"[\s:]*(\d{1,3}(?:\.\d{3})+|\d+)(?=\s*(?:[,;.()\n]|và(?!\w)|$))"),
        _any(data["count_nouns"], rf"(?<![\w.,/-])({number_pattern()})[^\S\n]+(", ")"),  # not "2024-10\nÔng A"
        _any(data["title_nouns"], rf"(?<![\w.,/-])({number_pattern()})[^\S\n]+(", ")"),
        re.compile(r"[^,;.()\n]{0,20}?(?:,|\s+và)\s+(?:(?:hơn|gần|khoảng)\s+)?"),
        *(_any([w], r"\s*", at_end) for w in data["form_range"]),
        _any(data["review_frames"]["before"], after=at_end), _any(data["review_frames"]["after"], r"[\s,]*"),
        _any(data["self_review"], after=at_end),
        compile_alternatives(data["demands"]), compile_alternatives(data["proposals"]),
        compile_alternatives(data["demanded_forms"]), compile_alternatives(data["demanded_reviews"]),
        compile_alternatives(data["taken_since"]), _any(data["unnamed_objects"], r"\s*"),
        compile_alternatives(data["named_people"]),
        _any(data["named_objects"], r"[\s:]*(?:(?:đối\s+)?với\s+)?(?:cả\s+)?", r"\s+(?!\d)\w"),
        _any(data["considered"], after=at_end), _any(data["reflections"], after=at_end))


def extract_sanctions(text: str, sentences: list[tuple[int, int]],
                      counts: list[Mention] | None = None) -> list[Mention]:
    """One Mention per stated measure and count: data {kind, count, evidence}."""
    g = _grammar()
    folded = fold(text)
    people = _people(g, folded, counts or [])
    found: list[Mention] = []
    for s, e in sentences:
        measures = _measures(g, folded, s, e, people)
        if g.breakdown.match(folded, s):
            measures = _drop_split_totals(folded, s, measures, found)
        measures = _drop_split_generics(g, folded, s, e, measures)
        for a, b, kind, counted in measures:
            if len(counted) > 1 and all(c.data.get("value") == 1 for c in counted):
                # "khiển trách một chủ tịch HĐND, một chủ tịch UBND, một phó chủ tịch": people listed one by one
                counted = [Mention(counted[0].start, counted[-1].end, "count", {"value": len(counted)})]
            for count in counted or [None]:
                found.append(Mention(a, b, "sanction", {
                    "kind": _GENERIC if kind == _EXPULSION else kind, "generic": kind == _GENERIC,
                    "count": count.data["value"] if count else None,
                    "count_span": [count.start, count.end] if count else None,
                    "evidence": {"sentence": text[s:e], "span": [s, e]}}))
    found = _drop_uncounted_repeats(_drop_restated_forms(g, found))
    for m in found:
        del m.data["generic"]
    return found


def _drop_split_totals(folded: str, s: int, measures: list, found: list[Mention]) -> list:
    """A sentence opening "Trong đó, ..." that applies a measure stated with a count before to several places
    ("Trong đó, huyện A kiểm điểm 1 tổ chức, 6 cá nhân; huyện B kiểm điểm 3 tổ chức") splits that total: counts,
    not sanctions. Forms in brackets after a total ("80 tổ chức (khiển trách 57, cảnh cáo 23)") stay."""
    stated = {m.data["kind"] for m in found if m.data["count"] is not None}
    bare = [kind for a, _, kind, counted in measures if counted and folded.rfind("(", s, a) <= folded.rfind(")", s, a)]
    return [x for x in measures if not (x[2] in stated and bare.count(x[2]) >= 2)]


def _drop_split_generics(g: _Grammar, folded: str, s: int, e: int, measures: list) -> list:
    """"đã thi hành kỷ luật 123 đảng viên, trong đó cấp ủy kỷ luật 11 đảng viên; ủy ban kiểm tra kỷ luật 31 đảng
    viên": after a counted generic measure, a "trong đó" opens its split by body or level, and the generic measures
    counted after it are counts, not sanctions (the forms named there stay: "trong đó cảnh cáo 2, khiển trách 7")."""
    first = next((a for a, _, kind, counted in measures if kind == _GENERIC and counted), None)
    if first is None:
        return measures
    split = g.breakdown.search(folded, first, e)
    if split is None:
        return measures
    return [x for x in measures if not (x[2] == _GENERIC and x[3] and x[0] > split.start())]


def _hits(g: _Grammar, sentence: str) -> list[tuple[int, int, str]]:
    """The measures named in a sentence (offsets in it), minus those named but not applied."""
    if not g.any_kind.search(sentence) or sentence.rstrip().endswith("?"):
        return []  # "Công chức đi làm muộn có bị kỷ luật không?": a question states no measure
    hits = _non_overlapping((m.start(), m.end(), kind) for kind, p in g.kinds for m in p.finditer(sentence))
    hits = _drop_ranges(g, sentence, _drop_linked_generics(g, sentence, hits))
    return [h for h in hits if not g.not_applied_before.search(sentence, _clause_start(sentence, h[0]), h[0])]


def _measures(g: _Grammar, folded: str, s: int, e: int, people: list[Mention]):
    """(start, end, kind, counts) of each measure applied in the sentence folded[s:e]."""
    sentence = folded[s:e]
    hits = _hits(g, sentence)
    breakdown = bool(g.breakdown.match(sentence))
    starts = [s + max([_clause_start(sentence, a)] + [y for _, y, _ in hits[:i]]) for i, (a, _, _) in enumerate(hits)]
    leading = [_leading_count(g, folded, earlier, s + a, s + b, people) for earlier, (a, b, _) in zip(starts, hits)]
    owned = _objects_of_previous(g, folded, sentence, s, hits, leading, people)
    free = [c for c in people if c.start not in owned]
    measures = []
    for i, (a, b, kind) in enumerate(hits):
        clause_start = _clause_start(sentence, a)
        if g.not_applied.search(sentence, clause_start, a) or (kind == _GENERIC and breakdown) \
                or g.subset.match(sentence[:a]):
            continue
        limit = s + min(hits[i + 1][0] if i + 1 < len(hits) else len(sentence), _clause_end(sentence, b))
        taken = [c for c in leading[i + 1:] if c is not None]
        if leading[i]:
            counted = _leading_chain(g, folded, people, leading[i], starts[i])
        elif g.named_object.match(sentence, b):
            counted = []  # "kỷ luật đồng chí A": named people, no count from around it
        else:
            counted = _counts_after(g, folded, kind, s + b, limit, [c for c in people if c not in taken],
                                    _nearest_before(free, starts[i], s + a))
        demanded = bool(g.demand.search(sentence, 0, a))
        if _proposed(g, g.proposal, sentence, clause_start, a) or (
                (kind != "kiem_diem" or not counted) and _proposed(
                    g, g.demanded_form if kind != "kiem_diem" else g.demanded_review, sentence, clause_start, a)):
            continue  # proposed to the body that decides: not (yet) taken
        own = g.self_review.search(sentence, clause_start, a) and not demanded
        procedure = not counted and (g.review_before.search(sentence, clause_start, a)
                                     or g.review_after.match(sentence, b))
        if kind == "kiem_diem" and (own or procedure):
            continue  # one's own statement or the review procedure, not a measure
        if kind == "kiem_diem" and demanded and not counted and g.reflection.search(sentence, clause_start, a):
            continue  # "yêu cầu ông A nghiêm túc kiểm điểm": the reflection asked of someone, not a measure taken
        if not counted and not demanded and g.considered.search(sentence, clause_start, a):
            continue  # "họp xem xét thi hành kỷ luật ông A": not decided yet (a demand to consider: the rules below)
        if kind != "kiem_diem" and not counted and demanded and g.unnamed.match(sentence, b):
            continue  # demanded of someone else, nobody named or counted: not (yet) applied
        measures.append((a, b, kind, counted))
    measures = _drop_shared_counts(sentence, s, measures)
    # "kỷ luật 2 tổ chức đảng bằng hình thức cảnh cáo": the stated form is the sanction
    return [(s + a, s + b, kind, counted) for a, b, kind, counted in measures
            if kind != _GENERIC or not any(k not in (_GENERIC, "kiem_diem") and _same_clause(sentence, a, x)
                                           and (not counted or counted[0] in c) for x, _, k, c in measures)]


def _objects_of_previous(g: _Grammar, folded: str, sentence: str, s: int, hits: list, leading: list,
                         people: list[Mention]) -> set[int]:
    """Starts of the counts that are the object of a form said without a subject ("khai trừ 11 trường hợp,
    cảnh cáo ..."): the first count after it in its clause belongs to it, not to the next measure as a leading
    count (unless that one is passive: "khiển trách 5 người, 3 người bị cảnh cáo" keeps its own subject).
    The caller's `leading` list is updated in place."""
    owned: set[int] = set()
    for i in range(1, len(hits)):
        (_, pb, previous), (a, _, _) = hits[i - 1], hits[i]
        if previous == _GENERIC or leading[i - 1] is not None or not _same_clause(sentence, pb, a):
            # "thi hành kỷ luật 1 tổ chức đảng với hình thức khiển trách": the count between is the form's
            continue
        first = next((p for p in people if p.start >= s + pb), None)
        if first is None or first.end > s + a or g.passive.search(folded, first.end, s + a):
            continue
        owned.add(first.start)
        if leading[i] is not None and leading[i].start == first.start:
            leading[i] = None
    return owned


_JOINED = re.compile(r"\s*(?:,|và|hoặc)\s*")


def _drop_shared_counts(sentence: str, s: int, measures: list) -> list:
    """Two forms joined with one count after them ("cảnh cáo và khiển trách 41 trường hợp") split no total: the
    count is their sum, neither form's (corpora/README.md: forms without a split have a null count)."""
    out = list(measures)
    for i in range(1, len(out)):
        (a1, b1, k1, c1), (a2, b2, k2, c2) = out[i - 1], out[i]
        if not c1 and c2 and _GENERIC not in (k1, k2) and k1 != k2 and c2[0].start >= s + b2 \
                and _JOINED.fullmatch(sentence, b1, a2):
            out[i] = (a2, b2, k2, [])
    return out


def _proposed(g: _Grammar, cue: re.Pattern, sentence: str, start: int, a: int) -> bool:
    """A proposal cue in the measure's clause with nothing done since ("kiến nghị kiểm điểm 71 tập thể", not
    "kiến nghị xử lý 22 cá nhân (đã kiểm điểm 20 cá nhân)")."""
    cues = [m for m in cue.finditer(sentence, start, a) if not _LISTED.match(sentence, m.end())]
    return bool(cues) and "(" not in sentence[cues[-1].end():a] and not g.taken.search(sentence, cues[-1].end(), a)


def _people(g: _Grammar, folded: str, counts: list[Mention]) -> list[Mention]:
    """Counts of people (count nouns of person_words), party bodies and titles ("2 chi bộ"); no years."""
    out = [c for c in counts if c.data.get("value") not in _YEAR
           and any(w in (c.data.get("noun") or "").lower() for w in g.person_words)]
    seen = {c.start for c in out}
    for pattern, least in ((g.own_count, 1), (g.title_count, 2)):
        for m in pattern.finditer(folded):
            value = parse_number(m.group(1))
            if m.start() not in seen and isinstance(value, int) and least <= value and value not in _YEAR:
                seen.add(m.start())
                out.append(Mention(m.start(), m.end(), "count", {"value": value, "noun": m.group(2)}))
    return sorted(out, key=lambda c: c.start)


def _non_overlapping(hits) -> list[tuple[int, int, str]]:
    kept: list[tuple[int, int, str]] = []
    for a, b, kind in sorted(hits, key=lambda h: (-(h[1] - h[0]), h[0])):
        if all(b <= x or a >= y for x, y, _ in kept):
            kept.append((a, b, kind))
    return sorted(kept)


def _drop_linked_generics(g: _Grammar, sentence: str, hits: list[tuple[int, int, str]]):
    """ "thi hành kỷ luật bằng hình thức khiển trách" is one measure, the form."""
    return [(a, b, kind) for i, (a, b, kind) in enumerate(hits)  # kiểm điểm is a measure beside it, not its form
            if not (kind == _GENERIC and i + 1 < len(hits) and hits[i + 1][2] not in (_GENERIC, "kiem_diem")
                    and g.form_link.fullmatch(sentence, b, hits[i + 1][0])
                    and not g.bare_count.match(sentence, hits[i + 1][1]))]  # "với hình thức khiển trách 3, ..."


def _drop_ranges(g: _Grammar, sentence: str, hits: list[tuple[int, int, str]]):
    """ "kỷ luật từ khiển trách, cảnh cáo đến cách chức" names the measures possible, none applied."""
    def after(word: re.Pattern, a: int) -> bool:
        return bool(word.search(sentence, _clause_start(sentence, a), a))
    for i, (a, _, _) in enumerate(hits):
        if after(g.range_from, a):
            for j in range(i + 1, len(hits)):
                if _same_clause(sentence, a, hits[j][0]) and after(g.range_to, hits[j][0]):
                    first = i - 1 if i and hits[i - 1][2] == _GENERIC and g.range_from.fullmatch(
                        sentence, hits[i - 1][1], a) else i  # "hình thức kỷ luật từ ...": the range's name
                    return hits[:first] + _drop_ranges(g, sentence, hits[j + 1:])
    return hits


def _clause_start(s: str, pos: int) -> int:
    last = 0
    for m in _CLAUSE.finditer(s, 0, pos):
        last = m.end()
    return last


def _clause_end(s: str, pos: int) -> int:
    m = _CLAUSE.search(s, pos)
    return m.start() if m else len(s)


def _same_clause(s: str, a: int, b: int) -> bool:
    lo, hi = min(a, b), max(a, b)
    return not _CLAUSE.search(s, lo, hi)


def _nearest_before(people: list[Mention], earlier: int, start: int) -> Mention | None:
    before = [c for c in people if earlier <= c.start and c.end <= start]
    return before[-1] if before else None


def _leading_count(g: _Grammar, folded: str, earlier: int, start: int, end: int,
                   people: list[Mention]) -> Mention | None:
    """The count a measure is said of when it comes first: right before it ("42 trường hợp khiển trách")
    or its passive subject ("3 công chức bị khiển trách"), with no other measure between."""
    nearest = _nearest_before(people, earlier, start)
    if nearest is not None and _COMPANION.search(folded, max(0, nearest.start - 12), nearest.start) \
            and g.passive.search(folded, nearest.end, end):
        # "4 cá nhân khác đi cùng với hai cán bộ trên cũng bị kỷ luật": the subject stands before its companions
        nearest = _nearest_before(people, earlier, nearest.start) or nearest
    if nearest is None or folded[nearest.end:start].strip() and not g.passive.search(folded, nearest.end, end) \
            and not g.leading_gap.fullmatch(folded, nearest.end, start):
        bare = _BARE_BEFORE.search(folded, max(0, start - 20), start)
        value = parse_number(bare.group(1)) if bare and bare.start(1) >= earlier else None
        if isinstance(value, int) and value not in _YEAR:  # "với các hình thức: 17 khiển trách; 2 cảnh cáo"
            return Mention(bare.start(1), bare.end(1), "count", {"value": value})
        return None
    return nearest


def _leading_chain(g: _Grammar, folded: str, people: list[Mention], last: Mention, earlier: int) -> list[Mention]:
    """The counts listed before a passive measure: "8 tổ chức Đảng, 799 đảng viên bị thi hành kỷ luật"."""
    chain = [last]
    if "noun" not in last.data:
        return chain  # "khiển trách 5 người và 1 cách chức": a bare number counts its own form only
    for c in reversed([c for c in people if earlier <= c.start and c.end <= last.start]):
        if not _LIST_GAP.fullmatch(folded, c.end, chain[0].start):
            break
        chain.insert(0, c)
    return chain


def _counts_after(g: _Grammar, folded: str, kind: str, end: int, limit: int, people: list[Mention],
                  nearest: Mention | None) -> list[Mention]:
    """The people counts after the measure ("đối với 4 viên chức và 2 tập thể", "khiển trách 438;"),
    else the one before it with no other measure between ("kỷ luật 2 chi bộ bằng hình thức cảnh cáo")."""
    if (bracket := folded.find(")", end, limit)) >= 0:
        limit = bracket  # "3 cá nhân (kiểm điểm), ... 2 người": not past its bracket
    after = [c for c in people if end <= c.start < limit]
    bare = g.bare_count.match(folded, end) if kind != _GENERIC else None
    if bare and bare.end() <= limit and (not after or after[0].start > bare.start(1)):
        value = parse_number(bare.group(1))
        if value not in _YEAR:
            after = [Mention(bare.start(1), bare.end(), "count", {"value": value})]
    if not after:
        return [nearest] if nearest else []
    chain = [after[0]]
    for c in after[1:]:
        if not g.next_count.fullmatch(folded, chain[-1].end, c.start):
            break
        chain.append(c)
    return chain


def _drop_restated_forms(g: _Grammar, found: list[Mention]) -> list[Mention]:
    """A generic "kỷ luật" restates the stated forms when it has no count ("Giám đốc Sở bị kỷ luật" over
    "kỷ luật khiển trách ông A") or the count of one form ("kỷ luật 4 cán bộ ... 4 cán bộ bị khiển
    trách") or forms said only of named people ("kỷ luật 3 cán bộ ... cảnh cáo ông A"); a total over several
    counted forms stays ("kỷ luật 28 đảng viên: khiển trách 19, cảnh cáo 9")."""
    forms = [m for m in found if not m.data["generic"] and m.data["kind"] != "kiem_diem"]
    counts = {m.data["count"] for m in forms}
    if forms and counts == {None} and all(g.named.search(m.data["evidence"]["sentence"].lower()) for m in forms):
        # forms said of named people: a total up to their number restates them ("kỷ luật 104 đảng viên" does not)
        named = sum(len(g.named.findall(sentence.lower()))
                    for sentence in {m.data["evidence"]["sentence"] for m in forms})
        return [m for m in found if not m.data["generic"] or (m.data["count"] or 0) > named]
    return [m for m in found if not m.data["generic"]
            or (m.data["count"] not in counts if m.data["count"] is not None else not forms)]


def _drop_uncounted_repeats(found: list[Mention]) -> list[Mention]:
    counted = {m.data["kind"] for m in found if m.data["count"] is not None}
    return [m for m in found if m.data["count"] is not None or m.data["kind"] not in counted]

