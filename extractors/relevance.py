"""Relevance: is this an inspection, supervision or discipline report at all?"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

from extractors.lexicon import compile_alternatives, fold, load_data


# Cue lists looked for in the title and the opening (`<weight>_cues`, each with its weight), and the
# reason given for each. Results and discipline inside an announcement ("nếu phát hiện ...") do not count.
RESULT_CUES = {"outcome": "states a result", "counted": "counts people or tasks at fault", "discipline": "states discipline",
               "shortfall": "states a shortfall"}
ANNOUNCEMENT = "prospective"
OTHER_GENRE = "other_genre"  # the opening tells another genre: a directive issued, an anniversary
WRONGDOING = "wrongdoing_title"  # the heading names wrongdoing: news of it, whatever field it is in
COMMENTARY = "commentary"  # the opening is a study or a commentary on the rules: an abstract, an article's analysis


@lru_cache(maxsize=1)
def _config() -> tuple[dict, re.Pattern, re.Pattern, re.Pattern, re.Pattern, dict]:
    data = load_data("relevance.yaml")
    starts = re.compile(rf"^\W*(?:{compile_alternatives(data['off_topic_title_starts']).pattern})")
    opening = {weight: compile_alternatives(data[f"{weight}_cues"])
               for weight in (*RESULT_CUES, ANNOUNCEMENT, OTHER_GENRE, COMMENTARY)}
    opening[WRONGDOING] = compile_alternatives(data["wrongdoing_title_cues"])
    return (data, compile_alternatives(data["topic_cues"]), starts,
            compile_alternatives(data["off_topic_title_cues"]), compile_alternatives(data["title_start_exceptions"]),
            opening)


def score_relevance(text: str, title: str | None, *, inspectors: int, findings: int,
                    sanctions: int, inspected_units: int, document_number: str | None = None,
                    report_probability: float | None = None) -> dict:
    """{"relevant": bool, "score": float, "reason": str} from the extracted signals."""
    data, topic, off_start, off_cue, exception, opening = _config()
    foreign = foreign_language(text, data["language"])
    if foreign:
        return {"relevant": False, "score": 0.0, "reason": f"not an inspection report: {foreign}"}
    w = data["weights"]
    start = article_start(text, data["prose_line_chars"], data["headline_chars"])
    head = fold((title or "") + "\n" + text[start: start + data["opening_chars"]])
    signals: list[tuple[float, str]] = []
    if inspectors:
        signals.append((w["inspector"], "inspecting body named"))
    cue = topic.search(head)
    if cue:
        signals.append((w["topic_cue"], f"topic '{cue.group()}'"))
    signals += _opening_signals(head, opening, w)
    for weight, label in ((OTHER_GENRE, "opening tells another genre"), (COMMENTARY, "opening is a study or a commentary")):
        found = opening[weight].search(head)
        if found:
            signals.append((w[weight], f"{label} ('{found.group()}')"))
    if findings:
        signals.append((w["finding"], f"{findings} finding(s)"))
    if findings >= 3:
        signals.append((w["findings_3"], "several findings"))
    if sanctions:
        signals.append((w["sanction"], f"{sanctions} sanction(s)"))
    if inspected_units:
        signals.append((w["inspected_unit"], "inspected unit named"))
    heading = fold(((title or "") + "\n" + text[:160]).strip())  # a page's title may be a site's name
    # "Kết luận thanh tra việc tuyển dụng"; not "Ai sẽ phát hiện cán bộ vi phạm?"
    heading_line = fold(title or text[:120])
    states_result = _unannounced(opening["outcome"], heading_line, list(opening[ANNOUNCEMENT].finditer(heading_line)))
    # "Bất thường trong tuyển dụng ...": wrongdoing in a field another genre names (recruitment, training)
    off = None if states_result else (None if opening[WRONGDOING].search(heading) else off_cue.search(heading)) or (
        None if exception.search(heading) else off_start.search(heading))
    if off and not (off_cue.search(heading_line) or off_start.search(heading_line)) and _unannounced(
            opening["outcome"], head, list(opening[ANNOUNCEMENT].finditer(head))):
        # the cue is in the lead's first lines, not the title: the field where a check found faults ("Qua thanh tra,
        # ... phát hiện nhiều vi phạm về tuyển dụng"), which the opening states as a result; a title that names another
        # genre still counts
        off = None
    if off:
        signals.append((w["off_topic"], f"title names another genre ('{off.group()}')"))
    announced = None if states_result else opening[ANNOUNCEMENT].search(heading)
    if announced:  # a plan's heading: "Quý I, Phó chủ tịch sẽ kiểm tra tại bốn sở"
        signals.append((w["prospective_title"], f"the heading only announces a check ('{announced.group()}')"))
    if report_probability is not None:  # the trained model's vote (extractors/relevance_model.py)
        signals.append((round(w["model"] * (report_probability - data["model_centre"]), 3), f"trained model {report_probability:.2f}"))
    own_type = _type_code(document_number)
    if own_type in data["off_topic_own_types"]:
        signals.append((w["off_topic"], f"the document itself is a {own_type} ('{document_number}')"))
    score = round(max(0.0, min(1.0, sum(v for v, _ in signals))), 2)
    relevant = score >= data["threshold"]
    reason = ("inspection report: " if relevant else "not an inspection report: ") + (
        ", ".join(r for _, r in signals) or "no inspection signals")
    return {"relevant": relevant, "score": score, "reason": reason}


def foreign_language(text: str, cfg: dict) -> str | None:
    """Why a text is not in Vietnamese (few letters with Vietnamese marks, many foreign function words), or None."""
    sample = text[: cfg["sample_chars"]]
    letters = {c: n for c, n in Counter(sample).items() if c.isalpha()}  # each distinct letter judged once
    total = sum(letters.values())
    if total < cfg["min_letters"]:
        return None
    marked = sum(n for c, n in letters.items() if c in "đĐ" or len(unicodedata.normalize("NFD", c)) > 1) / total
    words = re.findall(r"\w+", sample.lower())
    listed = set(cfg["foreign_words"])
    foreign = sum(word in listed for word in words) / max(1, len(words))
    if marked <= cfg["max_marked_share"] and foreign >= cfg["min_foreign_share"]:
        return f"the text is not in Vietnamese ({marked:.0%} of letters carry Vietnamese marks, {foreign:.0%} of words are foreign function words)"
    return None


def article_start(text: str, prose_line_chars: int, headline_chars: int) -> int:
    """Where the opening begins: `headline_chars` before the first prose line (room for the headline and a
    caption), so that a page's menu and teaser headlines do not fill it; 0 when no line is prose."""
    offset = 0
    for line in text.split("\n"):
        if len(line) >= prose_line_chars:
            return max(0, offset - headline_chars)
        offset += len(line) + 1
    return 0


def _opening_signals(head: str, opening: dict, w: dict) -> list[tuple[float, str]]:
    """Result, discipline and announcement cues of the opening; a cue inside an announcement
    ("nếu phát hiện cán bộ ...") is no result."""
    announced = list(opening[ANNOUNCEMENT].finditer(head))
    signals = []
    for weight, label in RESULT_CUES.items():
        found = _unannounced(opening[weight], head, announced)
        if found:
            signals.append((w[weight], f"{label} ('{found.group()}')"))
    if announced:
        signals.append((w[ANNOUNCEMENT], f"only announces a check ('{announced[0].group()}')"))
    return signals


def _unannounced(cue: re.Pattern, text: str, announced: list[re.Match]) -> re.Match | None:
    """The first match of `cue` in `text` that does not start inside one of the `announced` matches."""
    return next((m for m in cue.finditer(text) if not any(a.start() <= m.start() < a.end() for a in announced)), None)


def _type_code(number: str | None) -> str | None:
    """ "2310/KH-SNV" -> "KH": the type code heading a number's symbol."""
    if not number or "/" not in number:
        return None
    return number.split("/")[-1].split("-")[0] or None
