"""Findings: taxonomy cues in each sentence, with polarity decided by the words around them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extractors.base import Mention
from extractors.lexicon import compile_alternatives, fold, load_data, phrase_needles, phrase_to_regex

_CLAUSE_BREAK = re.compile(r"[;:]")  # where a clause ends inside a sentence
_SEGMENT_END = re.compile(r"[,;:()\"“”]")
_LIST_ITEM = re.compile(r"^\s*(?:\d{1,2}[.)]|[-+•*–])\s*")
_WORDS = re.compile(r"\S+")
NEGATOR_WINDOW = 8  # words before a norm cue that a negator may stand in
VIOLATION_NEGATOR_WINDOW = 3  # "không có trường hợp đi muộn" is handled by no-finding frames


@dataclass(frozen=True, slots=True)
class Cue:
    code: str
    kind: str  # violation | norm
    pattern: re.Pattern
    needles: tuple[tuple[str, ...], ...]  # words the phrase cannot match without (one of each tuple)
    umbrella: bool = False  # names a breach but not which: yields to a coded violation in its sentence
    vague: bool = False  # shortcomings said to be found, none named: yields to any violation in the document
    required: frozenset[str] = frozenset()  # the needles without alternatives, as a set
    options: tuple[frozenset[str], ...] = ()  # the needles with alternatives (one of each set)

    def possible(self, present: set[str]) -> bool:
        """Whether a sentence holding the `present` needles can match this cue (cheapest test first: hot path)."""
        return self.required <= present and (not self.options or all(not present.isdisjoint(a) for a in self.options))


@dataclass(frozen=True, slots=True)
class Lexicon:
    cues: tuple[Cue, ...]
    cue_groups: dict[str, tuple[int, tuple[Cue, ...]]]  # the cues by their longest needle ("" for none), in order
    needles: tuple[str, ...]  # every cue's needles, each looked for once per sentence
    negators: re.Pattern
    breaches: re.Pattern
    no_finding: re.Pattern
    deficiencies: re.Pattern
    problems: re.Pattern
    contrastive: re.Pattern
    qualifiers: re.Pattern
    recommendations: re.Pattern
    trailing: re.Pattern
    noun_frames: re.Pattern
    scope_breakers: re.Pattern
    commitments: re.Pattern
    person_list: re.Pattern
    topic_label: re.Pattern
    topic_frames: re.Pattern
    prohibitions: re.Pattern
    rate_after: re.Pattern
    tally_after: re.Pattern
    tally_before: re.Pattern
    share: re.Pattern
    zero_after: re.Pattern
    violation_only: frozenset[str]
    obeying: re.Pattern
    clause_deficiencies: re.Pattern
    imperatives: re.Pattern
    tasks: re.Pattern
    allegations: re.Pattern
    goals: re.Pattern
    goal_breakers: re.Pattern
    self_reports: re.Pattern
    topic_results: re.Pattern
    topic_outcome_leads: re.Pattern
    uncounted: re.Pattern
    confirmed: re.Pattern


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    taxonomy = load_data("taxonomy.yaml")["codes"]
    polarity = load_data("polarity.yaml")
    cues = tuple(
        Cue(code, "norm" if kind == "norm" else "violation", re.compile(phrase_to_regex(phrase)),
            needles, kind == "umbrella", kind == "vague", frozenset(a[0] for a in needles if len(a) == 1),
            tuple(frozenset(a) for a in needles if len(a) > 1))
        for code, entry in taxonomy.items()
        for kind in ("violation", "norm", "umbrella", "vague")
        for phrase in entry.get(kind) or ()
        for needles in [phrase_needles(phrase)]
    )
    nouns = "|".join(re.escape(n) for n in sorted(polarity["person_nouns"], key=len, reverse=True))
    groups: dict[str, list[Cue]] = {}
    for cue in cues:
        words = [alts[0] for alts in cue.needles if len(alts) == 1]
        groups.setdefault(max(words, key=len) if words else "", []).append(cue)  # the rarest
    return Lexicon(
        cues=cues,
        cue_groups={needle: (i, tuple(group)) for i, (needle, group) in enumerate(groups.items())},
        needles=tuple({n for cue in cues for alts in cue.needles for n in alts} | set(groups)),
        negators=compile_alternatives(polarity["negators"]),
        breaches=compile_alternatives(polarity["breach_words"]),
        no_finding=compile_alternatives(polarity["no_finding_frames"]),
        deficiencies=compile_alternatives(polarity["deficiencies"]),
        problems=compile_alternatives(polarity["problem_markers"]),
        contrastive=re.compile(r"^(?:" + compile_alternatives(polarity["contrastive_markers"]).pattern + ")$"),
        qualifiers=compile_alternatives(polarity["positive_qualifiers"]),
        recommendations=compile_alternatives(polarity["recommendation_frames"]),
        noun_frames=re.compile(r"(?:" + compile_alternatives(polarity["not_recommendation_after"]).pattern
                               + r")[\s,]*$"),
        scope_breakers=compile_alternatives(polarity["recommendation_scope_breakers"]),
        trailing=re.compile(r"\s*(?:(?:" + compile_alternatives(polarity["trailing_deficiency_leads"]).pattern
                            + r")\s+)?(?:" + compile_alternatives(polarity["trailing_deficiencies"]).pattern + ")"),
        commitments=compile_alternatives(polarity["commitment_frames"]),
        person_list=re.compile(rf"(?:{nouns})(?=,\s*(?:{nouns}))"),
        topic_frames=compile_alternatives(polarity["topic_frames"]),
        prohibitions=compile_alternatives(polarity["prohibitions"]),
        violation_only=frozenset(polarity["violation_only_codes"]),
        obeying=compile_alternatives(polarity["obeying_before_commitment"]),
        clause_deficiencies=compile_alternatives(polarity["clause_deficiencies"]),
        allegations=compile_alternatives(polarity["allegation_frames"]),
        goals=compile_alternatives(polarity["goal_frames"]),
        goal_breakers=compile_alternatives(polarity["goal_scope_breakers"]),
        self_reports=compile_alternatives(polarity["self_report_frames"]),
        topic_results=re.compile(compile_alternatives(polarity["topic_results"]).pattern + "|%"),
        topic_outcome_leads=re.compile(r"(?:" + compile_alternatives(polarity["topic_outcome_leads"]).pattern
                                       + r")\s*$"),
        uncounted=compile_alternatives(polarity["uncounted_cues"]),
        confirmed=compile_alternatives(polarity["allegation_confirmed"]),
        imperatives=re.compile(r"\s*(?:" + compile_alternatives(polarity["imperative_starts"]).pattern + ")"),
        tasks=re.compile(r"\s*(?:[-+•*–]\s*)?(?:" + compile_alternatives(polarity["task_starts"]).pattern + ")"),
        rate_after=re.compile(r"[\s,(]*(?:[^\s;:]+\s+){0,6}?\(?(?:" + compile_alternatives(polarity["rate_words"]).pattern
                              + r")\s+(?:[^\s\d]+\s+)?(\d+(?:[.,]\d+)?)\s*%"),  # "..., chiếm 96,2%"
        tally_after=re.compile(r"\s*(?::\s*\d[\d.,]*(?![\d.,]*\s*%)|\d[\d.,]*\s+(?:"  # "đúng hạn: 14.068"
                               + compile_alternatives(polarity["tally_nouns"]).pattern + "))"),
        tally_before=re.compile(r"(?<![\d.,/])\d[\d.,]*\s+(?:"  # "tổ chức 177 lượt tiếp công dân định kỳ"
                                + compile_alternatives(polarity["tally_nouns"]).pattern + r")\s*$"),
        share=re.compile(r"(?<![\d/.,])(\d{1,6})/(\d{1,6})\s+(?:"  # "4/104 hồ sơ"
                         + compile_alternatives(polarity["share_nouns"]).pattern + ")"),
        zero_after=re.compile(r"\s*(?:(?:" + compile_alternatives(polarity["zero_leads"]).pattern
                              + r")\s*)?0+(?![\d/]|[.,]\d)"),  # "... trễ hạn là 0 hồ sơ"
        topic_label=re.compile(r"^\s*(?:\d{1,2}[.)]\s*|[-+•*–]\s*)?(?:"
                               + compile_alternatives(polarity["topic_label_starts"]).pattern
                               + r")[^:;.]{0,80}(?::|\s*$)"),  # "1. Việc chấp hành thời giờ làm việc" as a line
    )


def finding_codes() -> dict[str, str]:
    """code -> Vietnamese label, from the taxonomy data."""
    return {code: entry["label"] for code, entry in load_data("taxonomy.yaml")["codes"].items()}


def extract_findings(text: str, sentences: list[tuple[int, int]],
                     units: list[Mention] | None = None,
                     counts: list[Mention] | None = None) -> list[Mention]:
    """One Mention per cue occurrence with its status; counts that state a violation get its code.

    Recommendations (a sentence "đề nghị ...", the list after "đề nghị ...:", a section headed
    "KIẾN NGHỊ") yield no findings. Table header rows are not findings; a positive number under
    a violation column is. Counts are updated in place (`data["code"]`) because the finding is
    what gives a number its meaning.
    """
    lex = load_lexicon()
    folded = _neutralise_lists(fold(text), lex)
    inspected = [u for u in units or () if u.data.get("role") == "inspected"]
    state = _Flow()
    out: list[Mention] = []
    restated: list[Mention] = []  # violations named inside recommendations: no findings, but they code counts
    umbrellas: set[int] = set()  # indexes in `out` of findings from umbrella cues
    vague: set[int] = set()  # ... and from vague ones

    def add(start: int, end: int, cue: Cue, status: str, s: int, e: int, **extra) -> None:
        if cue.umbrella:
            umbrellas.add(len(out))
        if cue.vague:
            vague.add(len(out))
        out.append(Mention(start, end, "finding", {
            "code": cue.code, "status": status, "cue": cue.kind,
            "unit": _unit_for(start, s, inspected, text),
            "evidence": {"sentence": text[s:e], "span": [s, e]}, **extra}))

    for s, e in sentences:
        raw, sentence = text[s:e], folded[s:e]
        if state.update(raw, sentence, lex) or raw.rstrip().endswith("?"):  # a question finds nothing
            if state.recommending and not _is_heading(raw):
                restated += _restated(sentence, s, lex)
            continue  # heading, table header, or inside a recommendation
        if state.columns:
            for start, end, cue, value in _table_violations(raw, s, state.columns):
                add(start, end, cue, "violation", s, e, count=value)
        problem_at = 0 if state.problems else _problem_start(sentence, state.last_status, lex)
        recommend_at = recommendation_start(sentence, lex)
        limit, cause = len(sentence), (0, 0)
        if recommend_at is not None and (problem_at is None or recommend_at < problem_at):
            state.open_list = sentence.rstrip().endswith(":")
            limit = recommend_at
            cause = _cause_span(sentence, limit, lex)
            state.told = cause == (0, 0)  # the next sentence may go on with the list of tasks
        previous_end = 0
        label = lex.topic_label.match(sentence)
        label_end = label.end() if label else 0
        matches = _best_matches(sentence, lex)
        for i, (start, end, cue) in enumerate(matches):
            # an umbrella next ("..., như vậy không đúng với quy định") leaves the deficiency to this cue
            next_start = next((a for a, _, c in matches[i + 1:] if not c.umbrella), len(sentence))
            recommended = start >= limit and not cause[0] <= start < cause[1]
            if recommended and start >= label_end and \
                    _decide_status(sentence, start, end, cue, None, previous_end, lex) == "violation":
                restated.append(_restatement(s + start, s + end, cue))
            status = None if recommended or start < label_end else _decide_status(
                sentence, start, end, cue, problem_at, previous_end, lex, next_start)
            previous_end = end
            if status == "compliant" and cue.code in lex.violation_only:
                status = None
            if status is not None:
                add(s + start, s + end, cue, status, s, e)
                state.last_status = status
        if problem_at is not None and sentence.rstrip().endswith(":"):
            state.open_problems = True  # "3. Tồn tại, hạn chế:" — the list below states problems
    if any(m.data["status"] == "violation" for i, m in enumerate(out) if i not in vague):
        out = [m for i, m in enumerate(out) if i not in vague]  # "chỉ ra những tồn tại, hạn chế" sums them up
        umbrellas = {sum(1 for j in range(i) if j not in vague) for i in umbrellas if i not in vague}
    out = _drop_partial_compliance(_drop_umbrellas(out, umbrellas))
    if counts:
        _link_counts(out + restated, counts, text)
    return out


def discipline_findings(findings: list[Mention], sanctions: list[Mention], text: str | None = None,
                        sentences: list[tuple[int, int]] | None = None) -> list[Mention]:
    """A discipline taken (a form beyond kiểm điểm) where no violation was found states a wrong the taxonomy does
    not name ("Ủy ban Kiểm tra khai trừ 4 đảng viên", "2 cán bộ bị cảnh cáo"): one 'other' at its first sentence.
    So does, with no discipline taken, an inspection's conclusion or a review of someone's responsibility
    (`unnamed_wrong_frames`: "kết luận thanh tra", "kiểm điểm trách nhiệm"), at the first sentence naming one."""
    if any(m.data["status"] == "violation" for m in findings):
        return []
    taken = [m for m in sanctions if m.data["kind"] != "kiem_diem"]
    if not taken:
        return _unnamed_wrong(text, sentences) if text and sentences else []
    first = min(taken, key=lambda m: m.start)
    ev = first.data["evidence"]
    return [Mention(first.start, first.end, "finding", {
        "code": "other", "status": "violation", "cue": "discipline", "unit": None,
        "evidence": {"sentence": ev["sentence"], "span": list(ev["span"])}})]


@lru_cache(maxsize=1)
def _unnamed_wrong_frames() -> re.Pattern:
    return compile_alternatives(load_data("polarity.yaml")["unnamed_wrong_frames"])


def _unnamed_wrong(text: str, sentences: list[tuple[int, int]]) -> list[Mention]:
    frames = _unnamed_wrong_frames()
    folded = fold(text)
    for s, e in sentences:
        hit = frames.search(folded, s, e)
        if hit:
            return [Mention(hit.start(), hit.end(), "finding", {
                "code": "other", "status": "violation", "cue": "unnamed_wrong", "unit": None,
                "evidence": {"sentence": text[s:e], "span": [s, e]}})]
    return []


def _restated(sentence: str, offset: int, lex: Lexicon) -> list[Mention]:
    """Violations a recommendation sentence names ("kiểm điểm 3 công chức đến muộn"), for count codes only."""
    out, previous_end = [], 0
    for a, b, cue in _best_matches(sentence, lex):
        if _decide_status(sentence, a, b, cue, None, previous_end, lex) == "violation":
            out.append(_restatement(offset + a, offset + b, cue))
        previous_end = b
    return out


def _restatement(start: int, end: int, cue: Cue) -> Mention:
    return Mention(start, end, "finding", {"code": cue.code, "status": "violation"})


def _drop_umbrellas(found: list[Mention], umbrellas: set[int]) -> list[Mention]:
    """"có vi phạm khoản 1 ...: thái độ hách dịch" names one breach: the umbrella adds no 'other'."""
    coded = {m.data["evidence"]["span"][0] for m in found
             if m.data["status"] == "violation" and m.data["code"] != "other"}
    return [m for i, m in enumerate(found) if i not in umbrellas or m.data["evidence"]["span"][0] not in coded]


def _drop_partial_compliance(found: list[Mention]) -> list[Mention]:
    """"27/30 hồ sơ đúng hạn, 3/30 trễ hạn" is a violation, not also a compliance."""
    violated = {(m.data["evidence"]["span"][0], m.data["code"]) for m in found if m.data["status"] == "violation"}
    return [m for m in found if m.data["status"] == "violation"
            or (m.data["evidence"]["span"][0], m.data["code"]) not in violated]


_TABLE_ROW = re.compile(r" \| ")
_NUMBER_CELL = re.compile(r"^\s*(\d{1,6})\s*$")


class _Flow:
    """Reading state across sentences: recommendation lists and sections, and tables."""

    def __init__(self):
        self.open_list = False  # after "đề nghị ...:", list items are recommendations
        self.open_problems = False  # after "Tồn tại, hạn chế:", list items are problems
        self.problem_section = False  # under a heading such as "II. TỒN TẠI, HẠN CHẾ"
        self.last_status: str | None = None
        self.section = False  # under a heading such as "III. KIẾN NGHỊ"
        self.columns: list[tuple[int, Cue]] | None = None  # violation columns of the current table
        self.in_table = False
        self.told = False  # the last sentence was a recommendation: "Duy trì ..." goes on with it

    def update(self, raw: str, folded: str, lex: Lexicon) -> bool:
        """Advance over one sentence; True when it must not be read for findings."""
        if _is_heading(raw):
            self.section = recommendation_start(folded, lex) is not None
            self.problem_section = not self.section and bool(lex.problems.search(folded))
            self.open_list = self.open_problems = self.told = False
            self.in_table = False
            self.columns = None
            return True
        if not _LIST_ITEM.match(raw):
            self.open_list = self.open_problems = False
        self.told = self.told and bool(lex.imperatives.match(folded))
        if self.told:
            return True  # "Đề nghị xã ... . Duy trì tốt lịch tiếp dân, ..."
        is_row = bool(_TABLE_ROW.search(raw))
        if is_row and not self.in_table:
            self.in_table = True
            self.columns = _violation_columns(folded, lex)
            return True  # the header row names what is counted, it finds nothing
        if not is_row:
            self.in_table = False
            self.columns = None
        return self.section or self.open_list

    @property
    def recommending(self) -> bool:
        return self.section or self.open_list or self.told

    @property
    def problems(self) -> bool:
        return self.open_problems or self.problem_section


def _problem_start(sentence: str, last_status: str | None, lex: Lexicon) -> int | None:
    """Where the sentence starts listing problems. A contrastive "tuy nhiên" right after a
    violation turns to the good side instead."""
    for m in lex.problems.finditer(sentence):
        if lex.contrastive.match(m.group()):
            before = [st for a, b, cue in _best_matches(sentence[:m.start()], lex)
                      if (st := _decide_status(sentence, a, b, cue, None, 0, lex))]
            prior = before[-1] if before else (last_status if m.start() < 3 else None)
            if prior == "violation":
                continue
        return m.start()
    return None


def _is_heading(raw: str) -> bool:
    letters = [c for c in raw if c.isalpha()]
    return 3 <= len(letters) and len(raw) <= 90 and not any(c.islower() for c in letters) and " | " not in raw


def _violation_columns(header: str, lex: Lexicon) -> list[tuple[int, Cue]]:
    """Columns whose header is a violation phrase ("Trễ hạn", "Không đeo thẻ", "Đi muộn")."""
    columns = []
    for i, cell in enumerate(header.split(" | ")):
        for start, end, cue in _best_matches(cell, lex):
            negated = bool(lex.negators.search(cell[:start]))
            if (cue.kind == "violation") != negated:
                columns.append((i, cue))
                break
    return columns


def _table_violations(row: str, row_start: int, columns: list[tuple[int, Cue]]):
    """(start, end, cue, value) for each positive number under a violation column."""
    cells, offset = [], 0
    for cell in row.split(" | "):
        cells.append((offset, cell))
        offset += len(cell) + 3
    for i, cue in columns:
        if i < len(cells):
            at, cell = cells[i]
            m = _NUMBER_CELL.match(cell)
            if m and int(m.group(1)) > 0:
                yield row_start + at + m.start(1), row_start + at + m.end(1), cue, int(m.group(1))


def _neutralise_lists(folded: str, lex: Lexicon) -> str:
    """Replace commas inside 'cán bộ, công chức, viên chức' so they do not split segments."""
    chars = list(folded)
    for m in lex.person_list.finditer(folded):
        comma = folded.index(",", m.end())
        chars[comma] = "·"
    return "".join(chars)


def recommendation_start(folded_sentence: str, lex: Lexicon | None = None) -> int | None:
    """Where a recommendation frame ("đề nghị Sở ...") begins in a folded sentence, if any."""
    lex = lex or load_lexicon()
    for m in lex.recommendations.finditer(folded_sentence):
        if not lex.noun_frames.search(folded_sentence[max(0, m.start() - 20):m.start()]):
            return m.start()
    return None


def _cause_span(sentence: str, limit: int, lex: Lexicon) -> tuple[int, int]:
    """The cause a recommendation gives ("kiểm điểm ông A vì đi muộn; ..."): from the breaker to the clause end."""
    m = lex.scope_breakers.search(sentence, limit)
    return (m.start(), _next_boundary(_CLAUSE_BREAK, sentence, m.end())) if m else (0, 0)


def _best_matches(sentence: str, lex: Lexicon) -> list[tuple[int, int, Cue]]:
    """All cue matches, each tightened to its shortest form, longest first, without overlaps."""
    present = {n for n in lex.needles if n in sentence}
    groups = sorted(lex.cue_groups[n] for n in present if n in lex.cue_groups)  # in the taxonomy's order
    found = [(_tighten(cue.pattern, sentence, m), m.end(), cue)
             for _, group in groups
             for cue in group if cue.possible(present)
             for m in cue.pattern.finditer(sentence)]
    found.sort(key=lambda x: (-(x[1] - x[0]), x[0]))
    kept: list[tuple[int, int, Cue]] = []
    for start, end, cue in found:
        if all(end <= a or start >= b for a, b, _ in kept):
            kept.append((start, end, cue))
    kept.sort(key=lambda x: x[0])
    return kept


def _tighten(pattern: re.Pattern, s: str, m: re.Match) -> int:
    """The latest start from which the pattern still ends where `m` ends: "hồ sơ đúng hạn và
    14 hồ sơ quá hạn" is tightened to "hồ sơ quá hạn"."""
    start = m.start()
    while True:
        inner = pattern.search(s, start + 1, m.end())
        if not inner or inner.end() != m.end():
            return start
        start = inner.start()


def _decide_status(sentence: str, start: int, end: int, cue: Cue, problem_at: int | None,
                   previous_end: int, lex: Lexicon, next_start: int | None = None) -> str | None:
    clause_start = _last_boundary(_CLAUSE_BREAK, sentence, start)
    segment_start = max(_last_boundary(_SEGMENT_END, sentence, start), previous_end)
    before_clause = sentence[clause_start:start]
    if cue.code != "commitment_not_signed" and _committed(before_clause, lex):
        # what people commit to is no observation, unless the inspectors checked it
        return "compliant" if lex.no_finding.search(sentence[end:]) else None
    if cue.kind == "norm" and lex.tasks.match(sentence):
        return None  # "Tập trung soạn thảo ..., bảo đảm đúng tiến độ": a task set, not a compliance found
    if cue.kind == "norm" and lex.self_reports.search(before_clause):
        return None  # "Chi nhánh báo cáo đã giải quyết đúng hạn 100%": the unit's own claim, not a check
    if cue.kind == "norm" and _in_topic_scope(sentence, start, lex):
        return None  # "Đoàn kiểm tra việc chấp hành giờ giấc, đeo thẻ, niêm yết TTHC": the list of what was checked
    alleged = [m for m in lex.allegations.finditer(before_clause)]
    if alleged and not lex.confirmed.search(before_clause, alleged[-1].end()):
        return None  # "theo phản ánh của người dân, cán bộ xã thường vắng": alleged, not found
    if _aimed_at(sentence[_last_boundary(_SENTENCE_PART, sentence, start):start], lex):
        return None  # "nhằm đảm bảo 100% hồ sơ được giải quyết đúng hạn", "người nào vi phạm ...": no result
    words = NEGATOR_WINDOW if cue.kind == "norm" else VIOLATION_NEGATOR_WINDOW
    window = _last_words(sentence[segment_start:start], words)
    negated = bool(lex.negators.search(window)) or (
        cue.kind == "norm" and bool(lex.negators.search(sentence[start:end])))
    if cue.kind == "violation":
        if lex.no_finding.search(before_clause) or lex.zero_after.match(sentence, end) \
                or _ZERO.search(sentence, start, end):
            return "compliant"  # "... trễ hạn là 0 hồ sơ", "trễ hạn 0 hồ sơ"
        if lex.prohibitions.search(window):
            return None  # "không được uống rượu": a rule stated, not a check made
        return "compliant" if negated else "violation"
    if lex.topic_frames.search(sentence[segment_start:start]):
        return None  # "kiểm tra việc chấp hành giờ giấc": what was checked, not what was found
    # the breach word may be a cue of its own just before ("vi phạm việc"), so look past previous_end
    part_start = _last_boundary(_SEGMENT_END, sentence, start)
    around = _last_words(sentence[part_start:start], NEGATOR_WINDOW)
    breach = _last_match(lex.breaches, around, len(around))
    if breach is not None:  # "2 công chức vi phạm quy định về đeo thẻ"; "không có ai vi phạm giờ giấc"
        at = start - len(around) + breach.start()
        denied = lex.negators.search(_last_words(sentence[part_start:at], 6)) or \
            lex.no_finding.search(sentence, clause_start, at)
        return "compliant" if denied else "violation"
    segment_end = _next_boundary(_SEGMENT_END, sentence, end)
    deficient = bool(lex.deficiencies.search(sentence[end:segment_end])) or (
        sentence[segment_end:segment_end + 1] == "," and bool(lex.trailing.match(sentence, segment_end + 1)))
    clause_end = _next_boundary(_CLAUSE_BREAK, sentence, end)
    if next_start is not None and lex.clause_deficiencies.search(sentence, segment_end, min(clause_end, next_start)):
        deficient = True  # "Tiếp dân định kỳ của lãnh đạo phường, các trưởng ban không đủ số buổi"
    if negated or deficient:
        return "violation"
    if problem_at is not None and problem_at < start and not lex.qualifiers.search(sentence, start, segment_end):
        return "violation"  # within the problems listed, unless plainly said to be in order
    share_start = max(_last_boundary(_SHARE_END, sentence, start), previous_end)  # "92% hồ sơ (TTHC) được ..."
    if lex.tally_after.match(sentence, end) or lex.tally_before.search(sentence, segment_start, start) \
            or _partial_share(sentence, share_start, start, end, clause_end, lex):
        return None  # a statistic: "giải quyết đúng hạn 1.200 hồ sơ", "30 lượt tiếp công dân", "96% hồ sơ đúng hạn"
    return "compliant"


_SHARE_END = re.compile(r"[,;:\"“”]")  # a rate before a bracket still governs the cue after it
_ZERO = re.compile(r"(?<![\w.,/])0+(?![\w/]|[.,]\d)")
_PERCENT = re.compile(r"(\d+(?:[.,]\d+)?)\s*%")


def _partial_share(sentence: str, segment_start: int, start: int, end: int, clause_end: int,
                   lex: Lexicon) -> bool:
    """A norm met by a rate below 100% ("96% hồ sơ đúng hạn", "hồ sơ đúng hạn đạt 98%", "4/104 hồ sơ") is a
    statistic, not a compliance ("58/60 có mặt, 2 đi công tác" may still be one)."""
    before = sentence[segment_start:start]
    if any(_rate(p) < 100 for p in _PERCENT.findall(before)):
        return True
    if any(int(n) < int(d) for n, d in lex.share.findall(before)):
        return True  # "có 4/104 hồ sơ giải quyết đúng hạn"
    m = lex.rate_after.match(sentence, end, clause_end)
    return bool(m) and _rate(m.group(1)) < 100


def _rate(number: str) -> float:
    return float(number.replace(",", "."))


_SENTENCE_PART = re.compile(r"[;:()]")
_DONE = re.compile(r"(?<!\w)(?:đã|đều|đang)(?!\w)")


def _in_topic_scope(sentence: str, start: int, lex: Lexicon) -> bool:
    """A topic frame earlier in the sentence ("kiểm tra việc", "nội dung giám sát") still governs the cue: nothing
    between says what was found ("cho thấy", "đều", "không", a rate), and it is not "qua kiểm tra việc ..., "."""
    last = _last_match(lex.topic_frames, sentence, start)
    if last is None or lex.topic_results.search(sentence, last.end(), start):
        return False
    return not lex.topic_outcome_leads.search(sentence, max(0, last.start() - 15), last.start())


def _aimed_at(before: str, lex: Lexicon) -> bool:
    """A goal or condition frame stands before the cue in its clause with nothing said done after it:
    "nhằm bảo đảm 100% hồ sơ ... giải quyết đúng hạn", "trường hợp phát hiện hồ sơ chưa đồng bộ"; nor a turn to
    what was found ("phù hợp với mục tiêu đầu tư, tuy nhiên vẫn còn những thiếu sót, vi phạm")."""
    last = _last_match(lex.goals, before, len(before))
    return last is not None and not _DONE.search(before, last.end()) \
        and not lex.goal_breakers.search(before, last.end())


def _committed(before: str, lex: Lexicon) -> bool:
    """A commitment frame stands before the cue, not one that was kept ("đã chấp hành nội quy, ...")."""
    return any(not lex.obeying.search(before, max(0, m.start() - 30), m.start())
               for m in lex.commitments.finditer(before))


def _last_match(pattern: re.Pattern, s: str, pos: int) -> re.Match | None:
    """The last match of `pattern` in s[:pos]."""
    last = None
    for last in pattern.finditer(s, 0, pos):
        pass
    return last


def _last_boundary(pattern: re.Pattern, s: str, pos: int) -> int:
    last = _last_match(pattern, s, pos)
    return last.end() if last else 0


def _next_boundary(pattern: re.Pattern, s: str, pos: int) -> int:
    m = pattern.search(s, pos)
    return m.start() if m else len(s)


def _last_words(s: str, n: int) -> str:
    words = list(_WORDS.finditer(s))
    if len(words) <= n:
        return s
    return s[words[-n].start():]


def _unit_for(pos: int, sentence_start: int, inspected: list[Mention], text: str) -> str | None:
    """The inspected unit the text ties this finding to: named earlier in the same sentence,
    or introduced ("Tại X, ...") earlier in the same paragraph."""
    paragraph_start = text.rfind("\n", 0, pos) + 1
    best: tuple[int, str] | None = None
    for unit in inspected:
        for a, b in unit.data.get("spans") or [[unit.start, unit.end]]:
            if a >= pos:
                continue
            in_sentence = a >= sentence_start
            introduced = a >= paragraph_start and text[max(paragraph_start, a - 12):a].strip().lower() in (
                "tại", "đối với", "ở")
            if (in_sentence or introduced) and (best is None or a > best[0]):
                best = (a, unit.data.get("canonical") or unit.data.get("name"))
    return best[1] if best else None


def _link_counts(findings: list[Mention], counts: list[Mention], text: str) -> None:
    """A number under a violation column, or standing right before (else shortly after) a
    violation cue in its clause, counts that violation."""
    lex = load_lexicon()
    used: set[int] = set()
    cues = sorted((f.start, f.end) for f in findings)
    violations = [f for f in findings if f.data["status"] == "violation"]
    for f in violations:  # table cells first: the column says exactly what the number counts
        if f.data.get("count") is not None:
            for i, c in enumerate(counts):
                if i not in used and c.start == f.start:
                    used.add(i)
                    c.data["code"] = f.data["code"]
    # A number before its cue is the usual order ("5 công chức chưa đeo thẻ"); only numbers left over
    # go to a cue they follow ("đi muộn: 3 người").
    for side in ("before", "after"):
        for f in violations:
            if f.data.get("count") is not None or lex.uncounted.match(fold(text[f.start:f.end])):
                continue  # "đã kiến nghị thu hồi 11 tỷ đồng", "kỷ luật 3 cán bộ do vi phạm": no number counted
            pick = _count_for(f, side, counts, used, cues, text, lex)
            if pick is not None:
                used.add(pick)
                if _listed_with_other_codes(f, violations, text):
                    continue  # "11 lượt đi muộn, về sớm": the number counts a mix, it gets no code
                counts[pick].data["code"] = f.data["code"]
                f.data["count"] = counts[pick].data.get("value")
                if side == "before" and f.start <= counts[pick].start:
                    # a cue that takes its numbers in ("phát hiện 61 cá nhân và 17 tổ chức có vi phạm") counts each
                    for j, c in enumerate(counts):
                        if j not in used and f.start <= c.start and c.end <= f.end:
                            used.add(j)
                            c.data["code"] = f.data["code"]


_LIST_GAP = re.compile(r"\s*(?:,|/|\(|và|hoặc)?\s*$")


def _listed_with_other_codes(f: Mention, violations: list[Mention], text: str) -> bool:
    """Whether f stands in a list with a violation of another code ("đến trễ, về sớm", "(đi muộn, về sớm)")."""
    for g in violations:
        if g.data["code"] in (f.data["code"], "other"):  # "trễ hạn, chưa xin lỗi": a consequence, not a mix
            continue
        a, b = (f.end, g.start) if f.end <= g.start else (g.end, f.start)
        if 0 <= b - a <= 12 and _LIST_GAP.match(text[a:b]):
            return True
    return False


# Where a clause ends: a dot between digits is a thousands separator ("4.930 hồ sơ"), not a full stop.
_CLAUSE_MARK = re.compile(r"[;\n:|]|(?<!\d)\.|\.(?!\d)")
_COUNT_CLAUSE_END = re.compile(r"[;\n|]|(?<!\d)\.|\.(?!\d)")


def _count_for(f: Mention, side: str, counts: list[Mention], used: set[int], cues: list[tuple[int, int]],
               text: str, lex: Lexicon) -> int | None:
    """Index of the free count in f's clause right before (or after) its cue, with no other cue between."""
    def clear(a: int, b: int) -> bool:
        between = fold(text[a:b])
        return (len(_WORDS.findall(between)) <= 12 and not lex.scope_breakers.search(between)
                and not any(a <= s < b for s, _ in cues if s != f.start))

    if side == "before":
        # a cue that takes its number in ("phát hiện 29 đơn vị có sai phạm") counts that number
        inside = [i for i, c in enumerate(counts) if i not in used and f.start <= c.start and c.end <= f.end]
        if inside:
            return min(inside, key=lambda j: counts[j].start)
        window = max(0, f.start - 400)
        clause_start = max((m.end() for m in _CLAUSE_MARK.finditer(text, window, f.start)), default=window)
        before = [i for i, c in enumerate(counts) if i not in used and clause_start <= c.start < f.start
                  and clear(c.end, f.start)]
        return max(before, key=lambda j: counts[j].start) if before else None
    end = _COUNT_CLAUSE_END.search(text, f.end)
    clause_end = end.start() if end else len(text)
    after = [i for i, c in enumerate(counts) if i not in used and f.end <= c.start < clause_end
             and len(_WORDS.findall(text[f.end:c.start])) <= 4 and clear(f.end, c.start)]
    return min(after, key=lambda j: counts[j].start) if after else None
