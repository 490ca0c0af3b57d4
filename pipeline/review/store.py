"""Review corrections and document review states in the register (tables of register revision 0004)."""

from __future__ import annotations

import json
import uuid

from pipeline.register.db import Database
from pipeline.register.migrations import now_iso

from .items import ACTIONS, CorrectionError

STATES = ("unreviewed", "in_review", "reviewed")


def require_version(db: Database, document_id: str, extractor_version: str) -> str:
    """The stored payload of this document version; CorrectionError if there is none."""
    row = db.fetch_one("SELECT payload FROM document_versions WHERE document_id = ? AND extractor_version = ?",
                       (document_id, extractor_version))
    if row is None:
        raise CorrectionError(f"no version {extractor_version} of document {document_id}")
    return row[0]


def record_correction(db: Database, document_id: str, extractor_version: str, item: str, action: str,
                      detail: dict, reviewer: str) -> str:
    """Store one correction (and mark the document in review) in one transaction; returns its id."""
    if action not in ACTIONS:
        raise CorrectionError(f"unknown action: {action}")
    if not reviewer.strip():
        raise CorrectionError("a correction needs the reviewer's name")
    correction_id = uuid.uuid4().hex[:16]
    if action == "add":
        item = f"add:{correction_id}"
    now = now_iso()
    with db.transaction():
        db.execute("INSERT INTO review_corrections (correction_id, document_id, extractor_version, item, action, "
                   "detail, reviewer, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                   (correction_id, document_id, extractor_version, item, action,
                    json.dumps(detail, ensure_ascii=False), reviewer.strip(), now))
        _upsert_state(db, document_id, extractor_version, "in_review", reviewer.strip(), now, keep_reviewed=True)
    return correction_id


def set_state(db: Database, document_id: str, extractor_version: str, state: str, reviewer: str) -> None:
    """Mark a document version reviewed, or back in review."""
    if state not in ("in_review", "reviewed"):
        raise CorrectionError(f"unknown review state: {state}")
    if not reviewer.strip():
        raise CorrectionError("marking a document needs the reviewer's name")
    with db.transaction():
        _upsert_state(db, document_id, extractor_version, state, reviewer.strip(), now_iso(), keep_reviewed=False)


def _upsert_state(db: Database, document_id: str, extractor_version: str, state: str, reviewer: str, now: str,
                  *, keep_reviewed: bool) -> None:
    keep = " WHERE review_documents.state <> 'reviewed'" if keep_reviewed else ""
    db.execute("INSERT INTO review_documents (document_id, extractor_version, state, reviewer, updated_at) "
               "VALUES (?, ?, ?, ?, ?) ON CONFLICT (document_id, extractor_version) DO UPDATE SET "
               "state = excluded.state, reviewer = excluded.reviewer, updated_at = excluded.updated_at" + keep,
               (document_id, extractor_version, state, reviewer, now))


def read_corrections(db: Database, document_id: str, extractor_version: str) -> list[dict]:
    """Corrections of one document version, oldest first, with `detail` decoded."""
    rows = db.fetch_dicts("SELECT correction_id, item, action, detail, reviewer, created_at FROM review_corrections "
                          "WHERE document_id = ? AND extractor_version = ? ORDER BY created_at, correction_id",
                          (document_id, extractor_version))
    for row in rows:
        row["detail"] = json.loads(row["detail"])
    return rows


def read_state(db: Database, document_id: str, extractor_version: str) -> dict:
    row = db.fetch_dicts("SELECT state, reviewer, updated_at FROM review_documents WHERE document_id = ? "
                         "AND extractor_version = ?", (document_id, extractor_version))
    return row[0] if row else {"state": "unreviewed", "reviewer": None, "updated_at": None}


def corrected_versions(db: Database, state: str | None = None) -> list[tuple[str, str]]:
    """(document_id, extractor_version) of current versions under review (or in `state`)."""
    sql = ("SELECT r.document_id, r.extractor_version FROM review_documents r JOIN document_versions v "
           "ON v.document_id = r.document_id AND v.extractor_version = r.extractor_version AND v.is_current = 1")
    params: tuple = ()
    if state is not None:
        sql += " WHERE r.state = ?"
        params = (state,)
    return [(d, v) for d, v in db.fetch_all(sql + " ORDER BY r.document_id", params)]


