"""Recommendations (kiến nghị / đề nghị / yêu cầu) with their deadline when one is given."""

from __future__ import annotations

import re

from extractors.base import Mention
from extractors.findings import recommendation_start
from extractors.lexicon import fold

_LIST_ITEM = re.compile(r"^\s*(?:\d{1,2}[.)]|[-+•*–])\s*")


def extract_recommendations(text: str, sentences: list[tuple[int, int]],
                            dates: list[Mention] | None = None) -> list[Mention]:
    """One Mention per recommending sentence, and per list item that follows 'đề nghị ...:'."""
    deadlines = [d for d in dates or () if d.data.get("role") == "deadline"]
    out: list[Mention] = []
    in_list = False
    for s, e in sentences:
        sentence = text[s:e]
        start = recommendation_start(fold(sentence))
        if start is not None:
            in_list = sentence.rstrip().endswith(":")
            out.append(_mention(text, s + start, e, deadlines))
        elif in_list and _LIST_ITEM.match(sentence):
            lead = _LIST_ITEM.match(sentence).end()
            out.append(_mention(text, s + lead, e, deadlines))
        else:
            in_list = False
    return out


def _mention(text: str, start: int, end: int, deadlines: list[Mention]) -> Mention:
    deadline = next((d for d in deadlines if start <= d.start < end), None)
    return Mention(start, end, "recommendation", {
        "text": text[start:end],
        "deadline": deadline.data.get("value") if deadline else None,
        "deadline_span": [deadline.start, deadline.end] if deadline else None,
    })
