"""Sanctions: disciplinary measures stated in the text, with how many people they hit."""

from __future__ import annotations

import re
from functools import lru_cache

from extractors.base import Mention
from extractors.lexicon import compile_alternatives, fold, load_data, phrase_to_regex

_CLAUSE = re.compile(r"[;.\n]")


@lru_cache(maxsize=1)
def _patterns() -> tuple[list[tuple[str, re.Pattern]], re.Pattern, re.Pattern, tuple[str, ...]]:
    data = load_data("sanctions.yaml")
    kinds = [(kind, re.compile(phrase_to_regex(p))) for kind, phrases in data["kinds"].items() for p in phrases]
    kinds += [("ky_luat", re.compile(phrase_to_regex(p))) for p in data["ky_luat"]]
    return (kinds, compile_alternatives(data["not_applied"]), compile_alternatives(data["passive_markers"]),
            tuple(data["person_words"]))


def extract_sanctions(text: str, sentences: list[tuple[int, int]],
                      counts: list[Mention] | None = None) -> list[Mention]:
    """One Mention per stated measure: data {kind, count, evidence}."""
    kinds, not_applied, passive, person_words = _patterns()
    folded = fold(text)
    people = [c for c in counts or () if any(w in (c.data.get("noun") or "").lower() for w in person_words)]
    found: list[Mention] = []
    for s, e in sentences:
        sentence = folded[s:e]
        hits = _non_overlapping((m.start(), m.end(), kind) for kind, p in kinds for m in p.finditer(sentence))
        for i, (a, b, kind) in enumerate(hits):
            clause_start = _clause_start(sentence, a)
            if not_applied.search(sentence[clause_start:a]):
                continue
            if kind == "ky_luat" and any(k not in ("ky_luat", "kiem_diem") and _same_clause(sentence, a, x)
                                         for x, _, k in hits):
                continue  # "kỷ luật bằng hình thức khiển trách": the specific form is the sanction
            next_hit = hits[i + 1][0] if i + 1 < len(hits) else len(sentence)
            count = _count_for(passive, folded, s + a, s + b, s + min(next_hit, _clause_end(sentence, b)),
                               s + clause_start, people)
            found.append(Mention(s + a, s + b, "sanction", {
                "kind": kind, "count": count.data["value"] if count else None,
                "count_span": [count.start, count.end] if count else None,
                "evidence": {"sentence": text[s:e], "span": [s, e]}}))
    return _drop_covered_totals(_drop_procedural_reviews(_drop_uncounted_repeats(found)))


def _non_overlapping(hits) -> list[tuple[int, int, str]]:
    kept: list[tuple[int, int, str]] = []
    for a, b, kind in sorted(hits, key=lambda h: (-(h[1] - h[0]), h[0])):
        if all(b <= x or a >= y for x, y, _ in kept):
            kept.append((a, b, kind))
    return sorted(kept)


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


def _count_for(passive: re.Pattern, folded: str, start: int, end: int, limit: int, clause_start: int,
               people: list[Mention]) -> Mention | None:
    """The people count after the measure ("đối với 4 viên chức"), else right before it; before it first
    when the measure is passive ("3 công chức bị khiển trách, 4 công chức bị cảnh cáo")."""
    before = [c for c in people if clause_start <= c.start and c.end <= start]
    nearest = max(before, key=lambda c: c.start) if before else None
    if nearest is not None and passive.search(folded, nearest.end, start):
        return nearest
    after = [c for c in people if end <= c.start < limit]
    return min(after, key=lambda c: c.start) if after else nearest


def _drop_uncounted_repeats(found: list[Mention]) -> list[Mention]:
    counted = {m.data["kind"] for m in found if m.data["count"] is not None}
    return [m for m in found if m.data["count"] is not None or m.data["kind"] not in counted]


def _drop_procedural_reviews(found: list[Mention]) -> list[Mention]:
    """An uncounted "kiểm điểm" beside a stated measure is the review that led to it, not a sanction."""
    if not any(m.data["kind"] != "kiem_diem" for m in found):
        return found
    return [m for m in found if m.data["kind"] != "kiem_diem" or m.data["count"] is not None]


def _drop_covered_totals(found: list[Mention]) -> list[Mention]:
    """ "Kỷ luật 7 công chức": 3 khiển trách, 2 cảnh cáo ...: the generic total adds nothing once the
    stated forms cover it (kept when it counts more people than they do, or no form is stated)."""
    formal = [m for m in found if m.data["kind"] not in ("ky_luat", "kiem_diem")]
    if not formal:
        return found
    covered = sum(m.data["count"] or 0 for m in formal)
    return [m for m in found if m.data["kind"] != "ky_luat"
            or (m.data["count"] is not None and m.data["count"] > covered)]
