"""Analyst queries over current versions: stats, export, show."""

from __future__ import annotations

import csv
import json
from datetime import date
from typing import TextIO

from .db import Database

UNKNOWN = "(unknown)"
EXPORT_COLUMNS = ("document_id", "extractor_version", "published", "title", "source_uri", "idx", "code",
                  "status", "unit", "provinces", "count", "sentence")
_CURRENT = ("JOIN document_versions v ON v.document_id = {t}.document_id "
            "AND v.extractor_version = {t}.extractor_version AND v.is_current = 1")


def _count(db: Database, sql: str, params: tuple = ()) -> int:
    return int(db.fetch_one(sql, params)[0])


def _grouped(db: Database, sql: str) -> dict:
    return {(k if k is not None else UNKNOWN): int(n) for k, n in db.fetch_all(sql)}


def read_stats(db: Database) -> dict:
    """documents and findings totals, findings by code x status, by province and by month (published).

    Set-aside counts are distinct source files (a file set aside in several runs counts once).

    A finding counts once for each province it is attributed to (its unit's, else the inspected units'),
    so the province breakdown can sum to more than `findings`.
    """
    f_current = "FROM findings f " + _CURRENT.format(t="f")
    by_code: dict[str, dict[str, int]] = {}
    for code, status, n in db.fetch_all(f"SELECT f.code, f.status, COUNT(*) {f_current} "
                                        "GROUP BY f.code, f.status ORDER BY f.code, f.status"):
        by_code.setdefault(code, {})[status] = int(n)
    by_province = _grouped(db, "SELECT p.province, COUNT(*) FROM finding_provinces p "
                           + _CURRENT.format(t="p") + " GROUP BY p.province ORDER BY p.province")
    unattributed = _count(db, f"SELECT COUNT(*) {f_current} WHERE NOT EXISTS (SELECT 1 FROM finding_provinces p "
                              "WHERE p.document_id = f.document_id AND p.extractor_version = f.extractor_version "
                              "AND p.idx = f.idx)")
    if unattributed:
        by_province[UNKNOWN] = unattributed
    findings_by_month = _grouped(db, f"SELECT substr(v.published, 1, 7) AS m, COUNT(*) {f_current} "
                                     "GROUP BY m ORDER BY m")
    documents_by_month = _grouped(db, "SELECT substr(published, 1, 7) AS m, COUNT(*) FROM document_versions "
                                      "WHERE is_current = 1 GROUP BY m ORDER BY m")
    return {
        "documents": _count(db, "SELECT COUNT(*) FROM document_versions WHERE is_current = 1"),
        "documents_relevant": _count(db, "SELECT COUNT(*) FROM document_versions WHERE is_current = 1 "
                                         "AND relevant = 1"),
        "versions": _count(db, "SELECT COUNT(*) FROM document_versions"),
        "superseded_versions": _count(db, "SELECT COUNT(*) FROM document_versions WHERE is_current = 0"),
        "findings": _count(db, f"SELECT COUNT(*) {f_current}"),
        "findings_by_status": _grouped(db, f"SELECT f.status, COUNT(*) {f_current} GROUP BY f.status "
                                           "ORDER BY f.status"),
        "findings_by_code": by_code,
        "findings_by_province": by_province,
        "findings_by_month": findings_by_month,
        "documents_by_month": documents_by_month,
        "sanctions": _count(db, "SELECT COUNT(*) FROM sanctions s " + _CURRENT.format(t="s")),
        "recommendations": _count(db, "SELECT COUNT(*) FROM recommendations r " + _CURRENT.format(t="r")),
        "set_aside": _count(db, "SELECT COUNT(DISTINCT source_uri) FROM set_aside"),
        "set_aside_by_reason": _grouped(db, "SELECT reason, COUNT(DISTINCT source_uri) FROM set_aside "
                                            "GROUP BY reason ORDER BY reason"),
        "runs": _count(db, "SELECT COUNT(*) FROM runs"),
        "deliveries": _read_delivery_counts(db),
    }


def _read_delivery_counts(db: Database) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for endpoint, state, n in db.fetch_all("SELECT endpoint, state, COUNT(*) FROM deliveries "
                                           "GROUP BY endpoint, state ORDER BY endpoint, state"):
        out.setdefault(endpoint, {})[state] = int(n)
    return out


def iter_export_rows(db: Database, since: date | str | None):
    """Current findings with their document context, oldest published first."""
    sql = ("SELECT f.document_id, f.extractor_version, v.published, v.title, v.source_uri, f.idx, f.code, "
           "f.status, f.unit, f.count, f.sentence FROM findings f " + _CURRENT.format(t="f"))
    params: tuple = ()
    if since is not None:
        since = since if isinstance(since, date) else date.fromisoformat(str(since))
        sql += " WHERE v.published >= ?"
        params = (since.isoformat(),)
    sql += " ORDER BY v.published, f.document_id, f.idx"
    provinces: dict[tuple, list[str]] = {}
    for doc, ver, idx, province in db.fetch_all(
            "SELECT p.document_id, p.extractor_version, p.idx, p.province FROM finding_provinces p "
            + _CURRENT.format(t="p") + " ORDER BY p.province"):
        provinces.setdefault((doc, ver, int(idx)), []).append(province)
    for row in db.fetch_all(sql, params):
        doc, ver, published, title, uri, idx, code, status, unit, count, sentence = row
        yield {"document_id": doc, "extractor_version": ver, "published": published, "title": title,
               "source_uri": uri, "idx": int(idx), "code": code, "status": status, "unit": unit,
               "provinces": provinces.get((doc, ver, int(idx)), []), "count": count, "sentence": sentence}


def write_export(db: Database, since: date | str | None, fmt: str, out: TextIO) -> int:
    return write_rows(iter_export_rows(db, since), fmt, out)


def write_rows(rows, fmt: str, out: TextIO, columns: tuple[str, ...] = EXPORT_COLUMNS) -> int:
    """Export rows as jsonl or csv (with `columns`); returns how many."""
    if fmt not in ("jsonl", "csv"):
        raise ValueError(f"unknown export format: {fmt} (jsonl or csv)")
    writer = None
    if fmt == "csv":
        writer = csv.writer(out)
        writer.writerow(columns)
    n = 0
    for row in rows:
        if writer is not None:
            writer.writerow([";".join(row[c]) if c == "provinces" else row[c] for c in columns])
        else:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
        n += 1
    return n


def resolve_document_id(db: Database, document_id: str) -> str | None:
    """An exact id, or the single id that starts with the given prefix."""
    if db.fetch_one("SELECT 1 FROM documents WHERE document_id = ?", (document_id,)):
        return document_id
    if len(document_id) < 6:
        return None
    matches = db.fetch_all("SELECT document_id FROM documents WHERE substr(document_id, 1, ?) = ? LIMIT 2",
                           (len(document_id), document_id))
    return matches[0][0] if len(matches) == 1 else None


def read_document(db: Database, document_id: str) -> dict | None:
    doc_id = resolve_document_id(db, document_id)
    if doc_id is None:
        return None
    versions = db.fetch_dicts(
        "SELECT extractor_name, extractor_version, is_current, recorded_at, superseded_at, superseded_by, run_id, "
        "source_uri, source_sha256, title, published, relevant, payload_sha256 FROM document_versions "
        "WHERE document_id = ? ORDER BY recorded_at", (doc_id,))
    for v in versions:
        v["current"] = bool(v.pop("is_current"))
        v["findings"] = _read_children(db, "findings", doc_id, v["extractor_version"])
    current = next((v for v in versions if v["current"]), None)
    out = {"document_id": doc_id, "current_version": current["extractor_version"] if current else None,
           "title": current["title"] if current else None,
           "published": current["published"] if current else None,
           "source_uri": current["source_uri"] if current else None,
           "versions": versions}
    if current is not None:
        for table in ("units", "counts", "sanctions", "recommendations"):
            out[table] = _read_children(db, table, doc_id, current["extractor_version"])
    out["deliveries"] = db.fetch_dicts(
        "SELECT endpoint, extractor_version, state, attempts, last_status, last_error, delivered_at "
        "FROM deliveries WHERE document_id = ? ORDER BY endpoint, extractor_version", (doc_id,))
    sha = current["source_sha256"] if current else None
    out["set_aside"] = db.fetch_dicts("SELECT run_id, source_uri, reason, detail, recorded_at FROM set_aside "
                                      "WHERE source_sha256 = ? ORDER BY recorded_at", (sha,)) if sha else []
    return out


_CHILD_COLUMNS = {
    "findings": "idx, extractor_version, code, status, unit, count, sentence, span_start, span_end",
    "units": "idx, extractor_version, name, canonical, level, role, province",
    "counts": "idx, extractor_version, value, total, noun, code, span_start, span_end",
    "sanctions": "idx, extractor_version, kind, count, unit, sentence, span_start, span_end",
    "recommendations": "idx, extractor_version, text, deadline, unit, kind, span_start, span_end",
}


def _read_children(db: Database, table: str, document_id: str, extractor_version: str) -> list[dict]:
    return db.fetch_dicts(f"SELECT {_CHILD_COLUMNS[table]} FROM {table} WHERE document_id = ? "
                          "AND extractor_version = ? ORDER BY idx", (document_id, extractor_version))
