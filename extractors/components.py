"""spaCy components: each runs one extractor and writes its own span group.

Mentions (with their structured data) are kept beside the spans in
`doc.user_data[("findings", group)]`; later components read earlier groups from there.
"""

from __future__ import annotations

import re

from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc

from extractors.base import Mention
from extractors.counts import extract_counts
from extractors.dates import extract_dates
from extractors.doc_refs import extract_doc_refs
from extractors.findings import discipline_findings, extract_findings
from extractors.inspectors import extract_inspectors
from extractors.recommendations import extract_recommendations
from extractors.sanctions import extract_sanctions
from extractors.units import extract_units, promote_finding_subjects

# (factory name, span group, function of (text, sentences, doc context) -> mentions), in run order.
Run = Callable[[Doc], list[Mention]]


def mentions(doc: Doc, group: str) -> list[Mention]:
    return doc.user_data.get(("findings", group), [])


def _sentences(doc: Doc) -> list[tuple[int, int]]:
    return doc.user_data["sentences"]


def _text(doc: Doc) -> str:
    """The input text, kept by the tokenizer (doc.text would rebuild it on every access)."""
    return doc.user_data["text"]


def _findings(doc: Doc) -> list[Mention]:
    """Findings, then the units they were found at: a unit named before a violation is inspected."""
    found = extract_findings(_text(doc), _sentences(doc), mentions(doc, "units"), mentions(doc, "counts"))
    promote_finding_subjects(_text(doc), mentions(doc, "units"), found)
    return found


_PASSIVE = re.compile(r"(?<![^\W_])bị(?:\s+[^\W\d_]+){0,4}\s*$")  # "bị kỷ luật Đảng và | cách chức"


def _sanctions(doc: Doc) -> list[Mention]:
    """Sanctions, then the units whose people received one ("cán bộ ở Sở Y bị kiểm điểm"): only a
    passive sanction, since the subject of an active one is who applied it."""
    text = _text(doc)
    found = extract_sanctions(text, _sentences(doc), mentions(doc, "counts"))
    received = [m for m in found if _PASSIVE.search(text, max(0, m.start - 40), m.start)]
    promote_finding_subjects(text, mentions(doc, "units"), received)
    findings = mentions(doc, "findings")  # a discipline with no violation named adds 'other' to the findings
    findings.extend(discipline_findings(findings, found, text, _sentences(doc)))
    return found


STAGES: list[tuple[str, str, Run]] = [
    ("findings_inspectors_v1", "inspectors", lambda d: extract_inspectors(_text(d), _sentences(d))),
    ("findings_units_v1", "units",
     lambda d: extract_units(_text(d), _sentences(d), inspectors=mentions(d, "inspectors"))),
    ("findings_dates_v1", "dates", lambda d: extract_dates(_text(d), d.user_data.get("published"))),
    ("findings_doc_refs_v1", "doc_refs", lambda d: extract_doc_refs(_text(d), d.user_data.get("published"))),
    ("findings_counts_v1", "counts", lambda d: extract_counts(_text(d))),
    ("findings_findings_v1", "findings", _findings),
    ("findings_sanctions_v1", "sanctions", _sanctions),
    ("findings_recommendations_v1", "recommendations",
     lambda d: extract_recommendations(_text(d), _sentences(d), mentions(d, "dates"))),
]


class MentionComponent:
    """Runs one extractor over a Doc and stores its mentions and spans."""

    def __init__(self, name: str, group: str, run: Run):
        self.name = name
        self.group = group
        self.run = run

    def __call__(self, doc: Doc) -> Doc:
        found = self.run(doc)
        doc.user_data[("findings", self.group)] = found
        spans = []
        for m in found:
            span = doc.char_span(m.start, m.end, label=m.label, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans[self.group] = spans
        return doc


def _register(factory: str, group: str, run: Run) -> None:
    Language.factory(factory, default_config={"group": group},
                     func=lambda nlp, name, group, _run=run: MentionComponent(name, group, _run))


for _factory, _group, _run in STAGES:
    _register(_factory, _group, _run)
