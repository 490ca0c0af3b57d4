"""Record the JSON files of an extract output directory."""

from __future__ import annotations

import json
import logging
from pathlib import Path

from .db import RegisterError
from .store import Register

log = logging.getLogger(__name__)


def load_directory(register: Register, out_dir: str | Path, *, run_id: str | None = None) -> dict:
    """Record every output document (*.json with document_id and extractor) under out_dir, each in its own
    transaction, and the set-aside entries of manifest files ({"entries": [{"status": "set_aside", "input",
    "reason", "detail"}]}); other JSON files are skipped. Returns counts per outcome and the failures."""
    summary = {"inserted": 0, "superseded": 0, "unchanged": 0, "set_aside": 0, "skipped": 0, "failed": 0,
               "errors": []}
    root = Path(out_dir)
    if not root.is_dir():
        raise FileNotFoundError(f"not a directory: {root}")
    for path in sorted(root.rglob("*.json")):
        try:
            output = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            _count_failure(summary, path, f"unreadable JSON: {exc}")
            continue
        if isinstance(output, dict) and isinstance(output.get("entries"), list):
            record_manifest(register, path, output["entries"], summary, run_id)
            continue
        if not (isinstance(output, dict) and "document_id" in output and "extractor" in output):
            summary["skipped"] += 1
            continue
        try:
            summary[register.record_document(output, run_id=run_id)] += 1
        except (ValueError, RegisterError) as exc:
            _count_failure(summary, path, str(exc))
    return summary


def record_manifest(register: Register, path: Path, entries: list, summary: dict, run_id: str | None) -> None:
    """Account for the inputs an extract run set aside."""
    for entry in entries:
        if not (isinstance(entry, dict) and entry.get("status") == "set_aside"):
            continue
        try:
            register.record_set_aside(str(entry.get("input") or entry.get("source_uri") or ""),
                                      entry.get("sha256"), str(entry.get("reason")), str(entry.get("detail") or ""),
                                      run_id=run_id)
            summary["set_aside"] += 1
        except (ValueError, RegisterError) as exc:
            _count_failure(summary, path, f"set-aside entry {entry.get('input')}: {exc}")


def _count_failure(summary: dict, path: Path, detail: str) -> None:
    log.warning("cannot record %s: %s", path, detail)
    summary["failed"] += 1
    summary["errors"].append({"file": str(path), "error": detail[:300]})
