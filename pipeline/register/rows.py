"""Flatten one output document (output.md) into register rows; pure functions, no database."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field


@dataclass(slots=True)
class DocumentRows:
    """Everything the register stores for one document version."""

    document_id: str
    extractor_name: str
    extractor_version: str
    payload: str
    version: dict  # document_versions columns other than the key, run and timestamps
    units: list[tuple] = field(default_factory=list)
    findings: list[tuple] = field(default_factory=list)
    finding_provinces: list[tuple] = field(default_factory=list)
    counts: list[tuple] = field(default_factory=list)
    sanctions: list[tuple] = field(default_factory=list)
    recommendations: list[tuple] = field(default_factory=list)


def serialise_output(output: dict) -> str:
    """The exact JSON text the register stores and the publisher re-sends."""
    return json.dumps(output, ensure_ascii=False)


def read_identity(output: dict) -> tuple[str, str, str]:
    """(document_id, extractor name, extractor version); ValueError if the contract keys are missing."""
    if not isinstance(output, dict):
        raise ValueError("an output document must be a JSON object")
    document_id = output.get("document_id")
    extractor = output.get("extractor") or {}
    version = extractor.get("version") if isinstance(extractor, dict) else None
    if not isinstance(document_id, str) or not document_id:
        raise ValueError("output document has no document_id")
    if not isinstance(version, str) or not version:
        raise ValueError(f"output document {document_id} has no extractor.version")
    return document_id, str(extractor.get("name") or ""), version


def build_rows(output: dict) -> DocumentRows:
    """All rows of one document version; child rows carry (document_id, extractor_version) as lineage."""
    document_id, name, version = read_identity(output)
    payload = serialise_output(output)
    source = output.get("source") or {}
    key = (document_id, version)
    rows = DocumentRows(document_id, name, version, payload, {
        "schema_version": _text(output.get("schema_version")),
        "source_uri": _text(source.get("uri")),
        "source_format": _text(source.get("format")),
        "source_kind": _text(source.get("kind")),
        "source_sha256": _text(source.get("sha256")),
        "title": _text(output.get("title")),
        "published": _text(output.get("published")),
        "relevant": None if output.get("relevant") is None else int(bool(output.get("relevant"))),
        "payload_sha256": hashlib.sha256(payload.encode("utf-8")).hexdigest(),
    })
    units = [u for u in output.get("units") or [] if isinstance(u, dict)]
    for i, u in enumerate(units):
        rows.units.append(key + (i, _text(u.get("name")), _text(u.get("canonical")), _text(u.get("level")),
                                 _text(u.get("role")), _text(u.get("province"))))
    for i, f in enumerate(_items(output.get("findings"))):
        start, end = _span(f.get("evidence"))
        rows.findings.append(key + (i, f.get("code"), f.get("status"), _unit_name(f.get("unit")),
                                    _integer(f.get("count")), _sentence(f.get("evidence")), start, end))
        for province in resolve_provinces(_unit_name(f.get("unit")), units):
            rows.finding_provinces.append(key + (i, province))
    for i, c in enumerate(_items(output.get("counts"))):
        start, end = _span(c)
        rows.counts.append(key + (i, _number(c.get("value")), _number(c.get("total")), _text(c.get("noun")),
                                  _text(c.get("code")), start, end))
    for i, s in enumerate(_items(output.get("sanctions"))):
        rows.sanctions.append(key + (i, s.get("kind"), _integer(s.get("count")), _unit_name(s.get("unit")),
                                     _sentence(s.get("evidence")), *_item_span(s)))
    for i, r in enumerate(_items(output.get("recommendations"))):
        text = r.get("text") or _sentence(r.get("evidence"))
        rows.recommendations.append(key + (i, _text(text), _text(r.get("deadline")), _unit_name(r.get("unit")),
                                           _text(r.get("kind")), *_item_span(r), json.dumps(r, ensure_ascii=False)))
    return rows


def resolve_provinces(unit: str | None, units: list[dict]) -> list[str]:
    """The finding's unit's province if the unit is known, else the provinces of the inspected units."""
    if unit:
        wanted = unit.strip().casefold()
        for u in units:
            names = {(u.get("name") or "").strip().casefold(), (u.get("canonical") or "").strip().casefold()}
            if wanted in names and u.get("province"):
                return [str(u["province"])]
    found = []
    for u in units:
        province = u.get("province")
        if u.get("role") == "inspected" and province and province not in found:
            found.append(str(province))
    return found


def _items(value) -> list[dict]:
    return [v for v in value or [] if isinstance(v, dict)]


def _text(value) -> str | None:
    return None if value is None else str(value)


def _unit_name(value) -> str | None:
    if isinstance(value, dict):
        value = value.get("canonical") or value.get("name")
    return _text(value)


def _sentence(evidence) -> str | None:
    return _text(evidence.get("sentence")) if isinstance(evidence, dict) else None


def _span(holder) -> tuple[int | None, int | None]:
    span = holder.get("span") if isinstance(holder, dict) else None
    if isinstance(span, (list, tuple)) and len(span) == 2:
        return _integer(span[0]), _integer(span[1])
    return None, None


def _item_span(item: dict) -> tuple[int | None, int | None]:
    """An item's own span, else its evidence span."""
    span = _span(item)
    return span if span != (None, None) else _span(item.get("evidence"))


def _integer(value) -> int | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def _number(value) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)
