"""Items added, removed or changed between two outputs of one document (two extractor versions)."""

from __future__ import annotations

import json

from extractors.abbreviations import normalise_name

from .items import LISTS, item_kind, item_label

_IGNORED = ("evidence", "cue_spans", "spans", "span", "label")  # where an item sits, not what it says


def _identity(list_name: str, data: dict):
    """What makes two items 'the same fact' whose details may differ."""
    if list_name == "units":
        return normalise_name(str(data.get("canonical") or data.get("name") or ""))
    key = {"dates": "value", "doc_refs": "number", "counts": "value", "findings": "code", "sanctions": "kind",
           "recommendations": "text"}[list_name]
    return data.get(key)


def _content(data: dict) -> str:
    return json.dumps({k: v for k, v in data.items() if k not in _IGNORED}, sort_keys=True, ensure_ascii=False)


def _entry(list_name: str, data: dict) -> dict:
    return {"list": list_name, "kind": item_kind(list_name, data), "label": item_label(list_name, data),
            "data": data}


def diff_outputs(old: dict, new: dict) -> dict:
    """{"added": [...], "removed": [...], "changed": [{"old", "new", "fields"}], "unchanged": n}.

    Per list: items equal in content pair first, then items with the same identity (a finding's code, a
    unit's name, ...) pair as changed, in order; the rest are added or removed.
    """
    out = {"added": [], "removed": [], "changed": [], "unchanged": 0}
    for list_name in LISTS:
        before = [d for d in old.get(list_name) or [] if isinstance(d, dict)]
        after = [d for d in new.get(list_name) or [] if isinstance(d, dict)]
        left = []
        for data in before:
            match = next((i for i, other in enumerate(after) if _content(other) == _content(data)), None)
            if match is None:
                left.append(data)
            else:
                after.pop(match)
                out["unchanged"] += 1
        for data in left:
            match = next((i for i, other in enumerate(after)
                          if _identity(list_name, other) == _identity(list_name, data)), None)
            if match is None:
                out["removed"].append(_entry(list_name, data))
                continue
            other = after.pop(match)
            fields = sorted(k for k in set(data) | set(other)
                            if k not in _IGNORED and data.get(k) != other.get(k))
            out["changed"].append({"old": _entry(list_name, data), "new": _entry(list_name, other),
                                   "fields": fields})
        out["added"].extend(_entry(list_name, data) for data in after)
    return out
