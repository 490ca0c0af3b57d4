"""Reviewable items of one output document and the corrected view (pure functions, no database).

An item is addressed by `<list>:<index>` into the stored output (`findings:3`) or, when an analyst added
it, by `add:<correction id>`. Corrections are applied in the order they were made; the last accept or
reject of an item wins, changes merge field by field.
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass, field
from functools import cache

from extractors.abbreviations import normalise_name

LISTS = ("units", "dates", "doc_refs", "counts", "findings", "sanctions", "recommendations")
KINDS = ("inspector", "inspected", "mentioned", "date", "doc_ref", "count", "violation", "compliant", "sanction",
         "recommendation")
KIND_LABELS = {"inspector": "inspector", "inspected": "inspected unit", "mentioned": "mentioned unit",
               "date": "date", "doc_ref": "document reference", "count": "count", "violation": "violation",
               "compliant": "compliant", "sanction": "sanction", "recommendation": "recommendation"}
_FIXED_KIND = {"dates": "date", "doc_refs": "doc_ref", "counts": "count", "sanctions": "sanction",
               "recommendations": "recommendation"}
_SENTENCE_LISTS = ("findings", "sanctions", "recommendations")  # items whose evidence sentence is underlined
CHANGEABLE = {"findings": ("code", "status"), "units": ("role",)}
STATUSES = ("violation", "compliant")
ROLES = ("inspector", "inspected", "mentioned")
ACTIONS = ("accept", "reject", "change", "add")


class CorrectionError(ValueError):
    """A correction that does not fit the document (bad span, unknown code, ...)."""


@dataclass(slots=True)
class Item:
    ref: str
    kind: str
    label: str
    spans: list[tuple[int, int]]  # what the item names (cue, mention)
    context: tuple[int, int] | None  # the evidence sentence, when wider than the spans
    data: dict
    state: str = "machine"  # machine | accepted | rejected | changed | added
    changes: dict = field(default_factory=dict)


@cache
def finding_codes() -> dict[str, str]:
    """code -> label, from the extractors' taxonomy data."""
    from extractors.findings import finding_codes as read_codes

    return read_codes()


@cache
def sanction_kinds() -> tuple[str, ...]:
    """Sanction kinds of the output schema."""
    from extractors.engine import output_schema

    return tuple(output_schema()["properties"]["sanctions"]["items"]["properties"]["kind"]["enum"])


def item_kind(list_name: str, data: dict) -> str:
    if list_name == "units":
        return data.get("role") if data.get("role") in ROLES else "mentioned"
    if list_name == "findings":
        return data.get("status") if data.get("status") in STATUSES else "violation"
    return _FIXED_KIND[list_name]


def _pair(value) -> tuple[int, int] | None:
    if isinstance(value, (list, tuple)) and len(value) == 2 and all(isinstance(v, int) for v in value):
        return (value[0], value[1]) if 0 <= value[0] <= value[1] else None
    return None


def _evidence_span(data: dict) -> tuple[int, int] | None:
    evidence = data.get("evidence")
    return _pair(evidence.get("span")) if isinstance(evidence, dict) else None


def item_spans(list_name: str, data: dict) -> tuple[list[tuple[int, int]], tuple[int, int] | None]:
    """(highlight spans, evidence sentence span) of one item."""
    context = _evidence_span(data) if list_name in _SENTENCE_LISTS else None
    if list_name == "units":
        spans = [p for p in map(_pair, data.get("spans") or []) if p]
    elif list_name == "findings":
        spans = [p for p in map(_pair, data.get("cue_spans") or []) if p]
    else:
        spans = [p for p in [_pair(data.get("span"))] if p]
    if not spans and context:
        spans, context = [context], None
    if context in spans:
        context = None
    return spans, context


def item_label(list_name: str, data: dict) -> str:
    """A short line for the side panel."""
    if list_name == "units":
        return str(data.get("canonical") or data.get("name") or "")
    if list_name == "findings":
        label = finding_codes().get(data.get("code"), "")
        count = f" ×{data['count']}" if isinstance(data.get("count"), int) else ""
        return f"{data.get('code')}{count}" + (f" ({label})" if label else "")
    if list_name == "dates":
        return f"{data.get('value') or '?'} ({data.get('role') or 'other'})"
    if list_name == "doc_refs":
        return str(data.get("number") or "")
    if list_name == "counts":
        total = f"/{data['total']}" if data.get("total") is not None else ""
        return f"{data.get('value')}{total} {data.get('noun') or ''}".strip() + (
            f" [{data['code']}]" if data.get("code") else "")
    if list_name == "sanctions":
        return f"{data.get('kind')}" + (f" ×{data['count']}" if data.get("count") is not None else "")
    return str(data.get("text") or "")[:120]


def machine_items(output: dict) -> list[Item]:
    """Every reviewable item of a stored output, in list order."""
    items = []
    for list_name in LISTS:
        for i, data in enumerate(output.get(list_name) or []):
            if not isinstance(data, dict):
                continue
            spans, context = item_spans(list_name, data)
            items.append(Item(f"{list_name}:{i}", item_kind(list_name, data), item_label(list_name, data), spans,
                              context, data))
    return items


# -- corrections -------------------------------------------------------------------------------------------

def validate_change(item: Item, detail: dict) -> dict:
    """The allowed field changes of `detail` for `item`; CorrectionError on anything else."""
    list_name = item.ref.split(":", 1)[0]
    if list_name == "add":
        list_name = new_item_list(item.kind)
    allowed = CHANGEABLE.get(list_name, ())
    clean = {}
    for key, value in detail.items():
        if key not in allowed:
            raise CorrectionError(f"{key} cannot be changed on a {KIND_LABELS[item.kind]}")
        if key == "code" and value not in finding_codes():
            raise CorrectionError(f"unknown finding code: {value}")
        if key == "status" and value not in STATUSES:
            raise CorrectionError(f"status must be one of {', '.join(STATUSES)}")
        if key == "role" and value not in ROLES:
            raise CorrectionError(f"role must be one of {', '.join(ROLES)}")
        clean[key] = value
    if not clean:
        raise CorrectionError("nothing to change")
    return clean


def new_item_list(kind: str) -> str:
    if kind in ROLES:
        return "units"
    if kind in STATUSES:
        return "findings"
    return {v: k for k, v in _FIXED_KIND.items()}[kind]


def build_added_item(text: str, kind: str, start: int, end: int, value: str = "") -> dict:
    """The output item an analyst adds by selecting text[start:end] and choosing its kind (and value)."""
    if kind not in KINDS:
        raise CorrectionError(f"unknown kind: {kind}")
    if not (0 <= start < end <= len(text)):
        raise CorrectionError(f"span [{start}, {end}) is outside the text (0..{len(text)})")
    chosen = " ".join(text[start:end].split())
    if not chosen:
        raise CorrectionError("the selection holds only spaces")
    value = value.strip()
    span = [start, end]
    if kind in ROLES:
        return {"name": chosen, "canonical": value or chosen, "level": "other", "role": kind, "province": None,
                "spans": [span]}
    if kind in STATUSES:
        if value not in finding_codes():
            raise CorrectionError(f"choose a finding code (got {value!r})")
        return {"status": kind, "code": value, "label": finding_codes()[value], "unit": None, "count": None,
                "evidence": {"sentence": chosen, "span": span}, "cue_spans": [span]}
    if kind == "date":
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise CorrectionError("a date needs its ISO value (YYYY-MM-DD)")
        return {"value": value, "text": chosen, "role": "other", "span": span}
    if kind == "doc_ref":
        return {"number": value or chosen, "type": None, "date": None, "issuer": None, "span": span}
    if kind == "count":
        number = value or "".join(re.findall(r"\d", chosen))
        if not number.isdigit():
            raise CorrectionError("a count needs a whole number")
        return {"value": int(number), "total": None, "noun": None, "code": None, "span": span}
    if kind == "sanction":
        if value not in sanction_kinds():
            raise CorrectionError(f"choose a sanction kind: {', '.join(sanction_kinds())}")
        return {"kind": value, "count": None, "unit": None, "span": span}
    return {"text": chosen, "deadline": None, "span": span}


def reviewed_items(output: dict, corrections: list[dict]) -> list[Item]:
    """Machine items plus added ones, each with its review state and merged changes.

    `corrections`: dicts with correction_id, item, action, detail (dict), oldest first.
    """
    items = machine_items(output)
    by_ref = {item.ref: item for item in items}
    for c in corrections:
        if c["action"] == "add":
            data = c["detail"]["item"]
            list_name = new_item_list(c["detail"]["kind"])
            spans, context = item_spans(list_name, data)
            added = Item(f"add:{c['correction_id']}", item_kind(list_name, data), item_label(list_name, data),
                         spans, context, data, state="added")
            items.append(added)
            by_ref[added.ref] = added
            continue
        item = by_ref.get(c["item"])
        if item is None:
            continue  # a correction of another version's item list
        if c["action"] == "reject":
            item.state = "rejected"
        elif c["action"] == "accept":
            item.state = "added" if item.ref.startswith("add:") else ("changed" if item.changes else "accepted")
        elif c["action"] == "change":
            item.changes.update(c["detail"])
            if item.state != "rejected" and not item.ref.startswith("add:"):
                item.state = "changed"
    for item in items:
        if item.changes:
            item.data = {**item.data, **item.changes}
            list_name = item.ref.split(":", 1)[0]
            list_name = new_item_list(item.kind) if list_name == "add" else list_name
            item.kind = item_kind(list_name, item.data)
            item.label = item_label(list_name, item.data)
    return items


def corrected_output(output: dict, corrections: list[dict]) -> dict:
    """The output as the analysts corrected it: rejected items gone, changes applied, added items appended.

    An inspection whose inspector was rejected (or given another role) goes too, so the corrected
    view names no inspector the analysts removed.
    """
    corrected = copy.deepcopy(output)
    lists: dict[str, list] = {name: [] for name in LISTS}
    dropped_inspectors: set[str] = set()
    for item in reviewed_items(output, corrections):
        list_name, _, index = item.ref.partition(":")
        original = None
        if list_name == "add":
            list_name = new_item_list(item.kind)
        else:
            original = output[list_name][int(index)]
        if original is not None and list_name == "units" and original.get("role") == "inspector" and (
                item.state == "rejected" or item.data.get("role") != "inspector"):
            dropped_inspectors |= {normalise_name(str(original.get(k) or "")) for k in ("name", "canonical")}
        if item.state != "rejected":
            lists[list_name].append(copy.deepcopy(item.data))
    for name, values in lists.items():
        if name in corrected or values:
            corrected[name] = values
    dropped_inspectors.discard("")
    if dropped_inspectors:
        corrected["inspections"] = [
            i for i in corrected.get("inspections") or []
            if not ({normalise_name(str(i.get(k) or "")) for k in ("inspector", "canonical")} & dropped_inspectors)]
    return corrected


def decode_detail(text: str) -> dict:
    return json.loads(text) if text else {}
