"""Assembly: the span groups of an annotated Doc become the typed output model."""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc

from extractors.base import Mention
from extractors.findings import finding_codes
from extractors.model import (Count, DateItem, DocRef, Evidence, Extractor, Finding, Inspection, Leader,
                              Output, Recommendation, Relevance, Sanction, Source, Unit)
from extractors.counts import count_kind
from extractors.relevance import score_relevance
from extractors.relevance_model import report_probability
from extractors.unit_role_model import assign_roles, enabled as unit_roles_enabled
from pipeline.ingest.datelines import headline_span
from pipeline.ingest.record import Document

INSPECTION_DATE_ROLES = {"inspection", "period_start", "period_end"}


class Sentences:
    """Finds the sentence that holds an offset."""

    def __init__(self, text: str, spans: list[tuple[int, int]]):
        self.text = text
        self.spans = spans
        self.starts = [s for s, _ in spans]

    def evidence(self, start: int, end: int | None = None) -> Evidence:
        """The sentence holding `start`, stretched to `end` when an item crosses a boundary."""
        i = bisect_right(self.starts, start) - 1
        s, e = self.spans[i] if i >= 0 and start < self.spans[i][1] else (start, start)
        e = max(e, end if end is not None else start)
        return Evidence(sentence=self.text[s:e], span=[s, e])


def rule_units(document: Document, doc: Doc) -> list[Unit]:
    """The units as the rules found them, with their roles (what the unit-role model learns from)."""
    get = lambda group: doc.user_data.get(("findings", group), [])  # noqa: E731
    return _units(get("units"), get("inspectors"), Sentences(document.text, doc.user_data["sentences"]))


def assemble(document: Document, doc: Doc, extractor: tuple[str, str, list[str]]) -> Output:
    get = lambda group: doc.user_data.get(("findings", group), [])  # noqa: E731
    sentences = Sentences(document.text, doc.user_data["sentences"])
    inspectors, units, findings, sanctions = get("inspectors"), get("units"), get("findings"), get("sanctions")
    own_number = next((m.data["number"] for m in get("doc_refs") if m.data.get("own")), None)
    relevance = score_relevance(
        document.text, document.title,
        inspectors=len(inspectors),
        # an 'other' read off a conclusion or a proposal frame (findings.discipline_findings) is no evidence of a report
        findings=sum(1 for m in findings if m.data.get("cue") != "unnamed_wrong"),
        sanctions=sum(1 for m in sanctions if m.data.get("count") is not None),
        inspected_units=sum(1 for u in units if u.data.get("role") == "inspected"),
        document_number=own_number,
        report_probability=report_probability(document.text, document.title))
    out = Output(
        document_id=document.document_id,
        source=Source(document.source_uri, document.format, document.kind, document.sha256),
        title=document.title,
        published=document.published.isoformat() if document.published else None,
        document_number=own_number,
        relevant=relevance["relevant"],
        relevance=Relevance(relevance["score"], relevance["reason"]),
        text=document.text,
        extractor=Extractor(*extractor),
        blocks=[b.to_json() for b in document.blocks],
    )
    if not out.relevant:
        return out  # text and metadata only: nothing is registered from an unrelated item
    out.units = _units(units, inspectors, sentences)
    if unit_roles_enabled():
        assign_roles(out.units, document.text, document.title)
    out.dates = [DateItem(m.data.get("value"), m.data.get("text") or m.text_of(document.text),
                          m.data.get("role") or "other", [m.start, m.end], sentences.evidence(m.start, m.end))
                 for m in get("dates")]
    if out.published and all(d.value != out.published for d in out.dates):
        out.dates.insert(0, DateItem(out.published, "", "published", None, None))  # from page metadata
    refs = [m for m in get("doc_refs") if not m.data.get("own")]
    out.doc_refs = [DocRef(m.data["number"], m.data.get("type"), m.data.get("date"), m.data.get("issuer"),
                           [m.start, m.end], sentences.evidence(m.start, m.end)) for m in refs]
    out.counts = [Count(m.data["value"], m.data.get("total"), m.data.get("noun"), m.data.get("code"),
                        [m.start, m.end], sentences.evidence(m.start, m.end)) for m in _restated_dropped(get("counts"), document.text)]
    out.findings = _findings(findings)
    out.sanctions = _sanctions(sanctions, sentences)
    out.recommendations = [Recommendation(m.data["text"], m.data.get("deadline"), [m.start, m.end])
                           for m in get("recommendations")]
    out.inspections = _inspections(inspectors, out)
    return out


def _restated_dropped(counts: list[Mention], text: str) -> list[Mention]:
    """One fact per number said twice, once with a violation code: the headline's "6 công chức" beside the
    body's "6 cán bộ, công chức đi muộn" keeps the code. Restated means the same noun, or the same kind of
    thing (people, units, records, events) with one of the two in the headline. A number coded only
    `other` and also said bare mostly counts people disciplined, which carry no code: the bare one stays."""
    headline = headline_span(text)
    body = headline[1] if headline else len(text)
    key = {id(m): (m.data["value"], m.data.get("total"), count_kind(m.data.get("noun"))) for m in counts}
    noun = {id(m): " ".join((m.data.get("noun") or "").lower().split()) for m in counts}
    said: dict[tuple, list[Mention]] = {}
    for m in counts:
        said.setdefault(key[id(m)], []).append(m)

    def kept(m: Mention) -> bool:
        group = [o for o in said[key[id(m)]] if o is m or noun[id(o)] == noun[id(m)] or min(o.start, m.start) < body]
        codes = {o.data.get("code") for o in group}
        if None not in codes or len(codes) == 1:
            return True
        return m.data.get("code") is None if codes == {None, "other"} else m.data.get("code") is not None
    return [m for m in counts if kept(m)]


def _units(units: list[Mention], inspectors: list[Mention], sentences: Sentences) -> list[Unit]:
    out = []
    for m in units:
        d = m.data
        out.append(Unit(d.get("name") or sentences.text[m.start:m.end], d.get("canonical") or d.get("name"),
                        d.get("level") or "other", d.get("role") or "mentioned", d.get("province"),
                        list(d.get("province_candidates") or []), d.get("successor_province"),
                        [list(s) for s in d.get("spans") or [[m.start, m.end]]],
                        sentences.evidence(m.start, m.end)))
    known = {u.canonical for u in out}
    acting = {s[0] for u in out if u.role == "inspector" for s in u.spans}  # "Sở Nội vụ tiến hành kiểm tra"
    for m in inspectors:  # the inspecting body is also a unit with role "inspector"
        d = m.data
        canonical = d.get("canonical") or d.get("name")
        if canonical in known or m.start in acting:
            continue
        out.append(Unit(d.get("name") or sentences.text[m.start:m.end], canonical, "other", "inspector",
                        d.get("province"), [], None, [list(s) for s in d.get("spans") or [[m.start, m.end]]],
                        sentences.evidence(m.start, m.end)))
    return out


def _findings(findings: list[Mention]) -> list[Finding]:
    """One record per (unit, code, status); every cue occurrence stays as a span."""
    labels = finding_codes()
    merged: dict[tuple, Finding] = {}
    for m in findings:
        d = m.data
        key = (d.get("unit"), d["code"], d["status"])
        if key in merged:
            f = merged[key]
            f.cue_spans.append([m.start, m.end])
            if f.count is None and d.get("count") is not None:
                f.count = d["count"]
            continue
        ev = d["evidence"]
        merged[key] = Finding(d["status"], d["code"], labels.get(d["code"], d["code"]), d.get("unit"),
                              d.get("count"), Evidence(ev["sentence"], list(ev["span"])), [[m.start, m.end]])
    return list(merged.values())


def _sanctions(sanctions: list[Mention], sentences: Sentences) -> list[Sanction]:
    seen: set[tuple] = set()
    out = []
    for m in sanctions:
        key = (m.data["kind"], m.data.get("count"))
        if key in seen:
            continue
        seen.add(key)
        ev = m.data.get("evidence")
        out.append(Sanction(m.data["kind"], m.data.get("count"), m.data.get("unit"), [m.start, m.end],
                            Evidence(ev["sentence"], list(ev["span"])) if ev else sentences.evidence(m.start)))
    return out


def _inspections(inspectors: list[Mention], out: Output) -> list[Inspection]:
    dates = sorted({d.value for d in out.dates if d.value and d.role in INSPECTION_DATE_ROLES})
    basis = [r.number for r in out.doc_refs]
    inspected = [u.canonical for u in out.units if u.role == "inspected"]
    result = []
    for m in inspectors:
        d = m.data
        leader = d.get("leader")
        result.append(Inspection(
            inspector=d.get("name") or out.text[m.start:m.end],
            canonical=d.get("canonical") or d.get("name") or out.text[m.start:m.end],
            leader=Leader(leader.get("name"), leader.get("title")) if leader else None,
            mode=d.get("mode"), dates=dates, basis=basis, units=inspected,
            spans=[list(s) for s in d.get("spans") or [[m.start, m.end]]]))
    return result
