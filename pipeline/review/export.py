"""The corrected view out of the register: export rows (`register export --reviewed`) and gold files."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

from pipeline.jobs.sink import write_atomic
from pipeline.quality.evaluate import predictions_to_facts
from pipeline.register.db import Database
from pipeline.register.queries import EXPORT_COLUMNS, iter_export_rows, write_rows
from pipeline.register.rows import build_rows

from . import store
from .items import corrected_output
from .queries import read_payload


def read_corrected(db: Database, document_id: str, extractor_version: str) -> dict:
    """A stored version with its corrections applied."""
    _, output = read_payload(db, document_id, extractor_version)
    return corrected_output(output, store.read_corrections(db, document_id, extractor_version))


def iter_reviewed_rows(db: Database, since: date | str | None):
    """Export rows of current findings, corrected where analysts reviewed the document; each row says
    its document's review state (`review`: unreviewed, in_review or reviewed)."""
    states = {(d, v): store.read_state(db, d, v)["state"] for d, v in store.corrected_versions(db)}
    rows = [dict(r, review="unreviewed") for r in iter_export_rows(db, since)
            if (r["document_id"], r["extractor_version"]) not in states]
    since_text = str(since) if since is not None else None
    for (doc, version), state in states.items():
        corrected = read_corrected(db, doc, version)
        published = corrected.get("published")
        if since_text and not (published and published >= since_text):
            continue
        built = build_rows(corrected)
        provinces: dict[int, list[str]] = {}
        for *_, idx, province in built.finding_provinces:
            provinces.setdefault(idx, []).append(province)
        for _, _, idx, code, status, unit, count, sentence, _, _ in built.findings:
            rows.append({"document_id": doc, "extractor_version": version, "published": published,
                         "title": corrected.get("title"), "source_uri": (corrected.get("source") or {}).get("uri"),
                         "idx": idx, "code": code, "status": status, "unit": unit,
                         "provinces": sorted(provinces.get(idx, [])), "count": count, "sentence": sentence,
                         "review": state})
    rows.sort(key=lambda r: (r["published"] or "", r["document_id"], r["idx"]))
    return rows


def write_reviewed_export(db: Database, since: date | str | None, fmt: str, out) -> int:
    """`findings register export --reviewed`: the export's columns plus `review`."""
    return write_rows(iter_reviewed_rows(db, since), fmt, out, EXPORT_COLUMNS + ("review",))


def gold_name(output: dict, document_id: str) -> str:
    """A file stem for a reviewed document: its source file's stem when safe, plus the id's start."""
    stem = Path(str((output.get("source") or {}).get("uri") or "")).stem
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "_", stem).strip("._")[:60]
    return f"{stem}_{document_id[:12]}" if stem else document_id[:24]


def export_gold(db: Database, out_dir: str | Path, *, state: str = "reviewed") -> list[Path]:
    """Write <name>.txt (the normalised text) and <name>.json (gold-format.md) for every current version in
    review state `state` (None: every document with corrections); returns the gold files written."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for doc, version in store.corrected_versions(db, state):
        corrected = read_corrected(db, doc, version)
        name = gold_name(corrected, doc)
        facts = predictions_to_facts(corrected)
        review = store.read_state(db, doc, version)
        gold = {"id": name, "text_file": f"{name}.txt", **facts,
                "notes": f"reviewed by {review['reviewer']} on {review['updated_at']} "
                         f"against extractor {version}; document {doc}"}
        write_atomic(out / f"{name}.txt", corrected.get("text") or "")
        write_atomic(out / f"{name}.json", json.dumps(gold, ensure_ascii=False, indent=1))
        written.append(out / f"{name}.json")
    return written
