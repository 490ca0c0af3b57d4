"""The output document as a typed model (shared/spec/output.md); `to_json` gives the contract."""

from __future__ import annotations

from dataclasses import dataclass, field, fields

SCHEMA_VERSION = "1.0"

Span = list[int]  # [start, end) into Output.text


@dataclass(slots=True)
class Evidence:
    sentence: str
    span: Span


@dataclass(slots=True)
class Leader:
    name: str | None
    title: str | None


@dataclass(slots=True)
class Inspection:
    inspector: str
    canonical: str
    leader: Leader | None
    mode: str | None  # dot_xuat | theo_ke_hoach | giam_sat
    dates: list[str]
    basis: list[str]
    units: list[str]
    spans: list[Span]


@dataclass(slots=True)
class Unit:
    name: str
    canonical: str
    level: str
    role: str  # inspected | inspector | mentioned
    province: str | None
    province_candidates: list[str]
    successor_province: str | None
    spans: list[Span]
    evidence: Evidence


@dataclass(slots=True)
class DateItem:
    value: str | None
    text: str
    role: str
    span: Span | None  # None only for a publication date the source states outside the text (HTML meta)
    evidence: Evidence | None


@dataclass(slots=True)
class DocRef:
    number: str
    type: str | None
    date: str | None
    issuer: str | None
    span: Span
    evidence: Evidence


@dataclass(slots=True)
class Count:
    value: int
    total: int | None
    noun: str | None
    code: str | None
    span: Span
    evidence: Evidence


@dataclass(slots=True)
class Finding:
    status: str  # violation | compliant
    code: str
    label: str
    unit: str | None
    count: int | None
    evidence: Evidence
    cue_spans: list[Span]


@dataclass(slots=True)
class Sanction:
    kind: str
    count: int | None
    unit: str | None
    span: Span
    evidence: Evidence


@dataclass(slots=True)
class Recommendation:
    text: str
    deadline: str | None
    span: Span


@dataclass(slots=True)
class Source:
    uri: str
    format: str
    kind: str
    sha256: str


@dataclass(slots=True)
class Relevance:
    score: float
    reason: str


@dataclass(slots=True)
class Extractor:
    name: str
    version: str
    components: list[str]


@dataclass(slots=True)
class Output:
    document_id: str
    source: Source
    title: str | None
    published: str | None
    document_number: str | None
    relevant: bool
    relevance: Relevance
    text: str
    extractor: Extractor
    inspections: list[Inspection] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    dates: list[DateItem] = field(default_factory=list)
    doc_refs: list[DocRef] = field(default_factory=list)
    counts: list[Count] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    sanctions: list[Sanction] = field(default_factory=list)
    recommendations: list[Recommendation] = field(default_factory=list)
    blocks: list[dict] = field(default_factory=list)
    schema_version: str = SCHEMA_VERSION

    def to_json(self) -> dict:
        return _plain(self)


def _plain(value):
    """A dataclass tree as JSON values, copied (what `dataclasses.asdict` gives, without its deep copies)."""
    names = _FIELDS.get(type(value))
    if names is None and hasattr(value, "__dataclass_fields__"):
        names = _FIELDS[type(value)] = tuple(f.name for f in fields(value))
    if names is not None:
        return {name: _plain(getattr(value, name)) for name in names}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


_FIELDS: dict[type, tuple[str, ...]] = {}
