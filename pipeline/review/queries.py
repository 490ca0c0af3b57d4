"""Reads behind the workbench pages: the filtered overview and document list, versions, runs and their changes.

Every filter is a parameterised clause on the current version `v`; charts count the findings of the
selected documents (only the filtered code / status when those filters are set).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, fields
from datetime import date

from pipeline.register.db import Database
from pipeline.register.queries import UNKNOWN

from .facts import refresh_facts

PAGE_SIZE = 50
_FINDING_KEY = "f.document_id = v.document_id AND f.extractor_version = v.extractor_version"


@dataclass(frozen=True, slots=True)
class Filters:
    province: str = ""
    code: str = ""
    status: str = ""
    date_from: str = ""
    date_to: str = ""
    unit: str = ""
    version: str = ""
    relevant: str = ""  # "" | "yes" | "no"
    review: str = ""  # "" | unreviewed | in_review | reviewed
    run: str = ""

    @classmethod
    def from_params(cls, params) -> "Filters":
        """From query parameters; malformed dates and choices are ignored rather than failing the page."""
        values = {f.name: str(params.get(f.name, "") or "").strip()[:200] for f in fields(cls)}
        for key in ("date_from", "date_to"):
            try:
                date.fromisoformat(values[key])
            except ValueError:
                values[key] = ""
        if values["relevant"] not in ("yes", "no"):
            values["relevant"] = ""
        if values["status"] not in ("violation", "compliant"):
            values["status"] = ""
        if values["review"] not in ("unreviewed", "in_review", "reviewed"):
            values["review"] = ""
        return cls(**values)

    def query(self, **override) -> dict:
        """The non-empty filters as query parameters (for links that keep them)."""
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        values.update(override)
        return {k: v for k, v in values.items() if v not in ("", None)}

    def document_clause(self, dialect: str, alias: str = "v", current: bool = True) -> tuple[str, list]:
        """WHERE clause selecting documents, on a table `alias` with document_id, extractor_version,
        published, relevant and run_id (current versions `v`, or the chart table)."""
        a = alias
        where, params = ([f"{a}.is_current = 1"] if current else ["1 = 1"]), []
        for column, value in (("published >=", self.date_from), ("published <=", self.date_to),
                              ("extractor_version =", self.version), ("run_id =", self.run)):
            if value:
                where.append(f"{a}.{column} ?")
                params.append(value)
        if self.relevant:
            where.append(f"{a}.relevant = ?")
            params.append(1 if self.relevant == "yes" else 0)
        version = f"({a}.document_id, {a}.extractor_version)"
        if self.province:
            where.append(f"{version} IN (SELECT document_id, extractor_version FROM units WHERE province = ?)")
            params.append(self.province)
        if self.unit:
            clause, values = unit_name_clause(dialect, self.unit)
            where.append(f"{version} IN (SELECT document_id, extractor_version FROM units WHERE {clause})")
            params += values
        if self.code or self.status:
            clause, values = self.finding_clause("findings")
            where.append(f"{version} IN (SELECT document_id, extractor_version FROM findings WHERE {clause})")
            params += values
        if self.review == "unreviewed":
            where.append(f"{version} NOT IN (SELECT document_id, extractor_version FROM review_documents)")
        elif self.review:
            where.append(f"{version} IN (SELECT document_id, extractor_version FROM review_documents "
                         "WHERE state = ?)")
            params.append(self.review)
        return " AND ".join(where), params

    def finding_clause(self, table: str) -> tuple[str, list]:
        """WHERE clause on a table with code and status columns."""
        where, params = ["1 = 1"], []
        if self.code:
            where.append(f"{table}.code = ?")
            params.append(self.code)
        if self.status:
            where.append(f"{table}.status = ?")
            params.append(self.status)
        return " AND ".join(where), params


def unit_name_clause(dialect: str, text: str) -> tuple[str, list]:
    """Units whose name or canonical name holds `text`, by index (register revision 0005): SQLite's
    trigram index needs 3 characters, shorter text is matched by a scan."""
    needle = text.lower().replace("%", "").replace("_", "")
    if dialect == "sqlite" and len(needle) >= 3:
        phrase = '"' + needle.replace('"', '""') + '"'  # one FTS5 phrase: the text as typed
        return "rowid IN (SELECT rowid FROM unit_search WHERE unit_search MATCH ?)", [phrase]
    pattern = f"%{needle}%"
    return "LOWER(name) LIKE ? OR LOWER(canonical) LIKE ?", [pattern, pattern]


def read_overview(db: Database, filters: Filters) -> dict:
    """Chart data: findings by code x status, by province, by month, and the totals (see facts.py)."""
    refresh_facts(db)
    docs, doc_params = filters.document_clause(db.dialect.name, "x", current=False)
    found, found_params = filters.finding_clause("x")
    base = f"FROM review_facts x WHERE {docs} AND {found}"
    params = doc_params + found_params
    by_code: dict[str, dict[str, int]] = {}
    for code, status, n in db.fetch_all(f"SELECT code, status, COUNT(*) {base} AND first = 1 GROUP BY code, status",
                                        params):
        by_code.setdefault(code or UNKNOWN, {})[status] = int(n)
    by_month = {(m or UNKNOWN): int(n) for m, n in db.fetch_all(
        f"SELECT substr(published, 1, 7) AS m, COUNT(*) {base} AND first = 1 GROUP BY substr(published, 1, 7) "
        "ORDER BY m", params)}
    by_province = {(p or UNKNOWN): int(n) for p, n in db.fetch_all(
        f"SELECT province, COUNT(*) {base} GROUP BY province", params)}
    docs, doc_params = filters.document_clause(db.dialect.name)
    return {
        "documents": int(db.fetch_one(f"SELECT COUNT(*) FROM document_versions v WHERE {docs}", doc_params)[0]),
        "findings": sum(sum(s.values()) for s in by_code.values()),
        "by_code": dict(sorted(by_code.items(), key=lambda kv: -sum(kv[1].values()))),
        "by_province": dict(sorted(by_province.items(), key=lambda kv: -kv[1])),
        "by_month": by_month,
    }


def read_document_list(db: Database, filters: Filters, page: int) -> dict:
    """One page of the selected documents, newest published first, with finding counts and review state."""
    docs, params = filters.document_clause(db.dialect.name)
    page = max(1, page)
    rows = db.fetch_dicts(
        "SELECT v.document_id, v.extractor_version, v.title, v.published, v.relevant, v.source_uri, "
        f"(SELECT COUNT(*) FROM findings f WHERE {_FINDING_KEY} AND f.status = 'violation') AS violations, "
        f"(SELECT COUNT(*) FROM findings f WHERE {_FINDING_KEY} AND f.status = 'compliant') AS compliant, "
        "(SELECT MIN(u.province) FROM units u WHERE u.document_id = v.document_id "
        "AND u.extractor_version = v.extractor_version AND u.role = 'inspected') AS province, "
        "(SELECT r.state FROM review_documents r WHERE r.document_id = v.document_id "
        "AND r.extractor_version = v.extractor_version) AS review "
        "FROM (SELECT v.document_id, v.extractor_version FROM document_versions v "
        f"WHERE {docs} ORDER BY v.published DESC, v.document_id LIMIT ? OFFSET ?) page "
        "JOIN document_versions v ON v.document_id = page.document_id "
        "AND v.extractor_version = page.extractor_version ORDER BY v.published DESC, v.document_id",
        params + [PAGE_SIZE, (page - 1) * PAGE_SIZE])
    for row in rows:
        row["review"] = row["review"] or "unreviewed"
    total = int(db.fetch_one(f"SELECT COUNT(*) FROM document_versions v WHERE {docs}", params)[0])
    return {"rows": rows, "page": page, "pages": max(1, -(-total // PAGE_SIZE)), "total": total}


def read_choices(db: Database) -> dict:
    """Values offered by the filter form (provinces, codes, extractor versions)."""
    return {
        "provinces": [p for (p,) in db.fetch_all("SELECT DISTINCT province FROM units WHERE province IS NOT NULL "
                                                 "ORDER BY province")],
        "versions": sorted((v for (v,) in db.fetch_all("SELECT DISTINCT extractor_version FROM document_versions v "
                                                       "WHERE is_current = 1")), key=_version_key),
    }


def _version_key(version: str) -> tuple:
    """ "1.10.0" after "1.9.0": numeric parts compare as numbers."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in version.split("."))


def read_versions(db: Database, document_id: str) -> list[dict]:
    """The versions of a document, oldest first (no payloads)."""
    rows = db.fetch_dicts(
        "SELECT extractor_version, extractor_name, is_current, recorded_at, superseded_at, superseded_by, run_id "
        "FROM document_versions WHERE document_id = ? ORDER BY recorded_at", (document_id,))
    for row in rows:
        row["current"] = bool(row.pop("is_current"))
    return rows


def read_payload(db: Database, document_id: str, extractor_version: str | None) -> tuple[str, dict] | None:
    """(extractor version, decoded output) of a version, default the current one."""
    if extractor_version:
        row = db.fetch_one("SELECT extractor_version, payload FROM document_versions WHERE document_id = ? "
                           "AND extractor_version = ?", (document_id, extractor_version))
    else:
        row = db.fetch_one("SELECT extractor_version, payload FROM document_versions WHERE document_id = ? "
                           "AND is_current = 1", (document_id,))
    return (row[0], json.loads(row[1])) if row else None


def read_runs(db: Database, limit: int = 100) -> list[dict]:
    rows = db.fetch_dicts("SELECT run_id, kind, status, started_at, finished_at, params FROM runs "
                          "ORDER BY started_at DESC LIMIT ?", (limit,))
    for row in rows:
        row["params"] = json.loads(row["params"] or "{}")
    return rows


def read_run_changes(db: Database, run_id: str) -> dict:
    """The documents a run recorded: new ones, and those whose findings differ from the version they
    superseded, with per-code (violation/compliant) counts before and after."""
    after = _findings_by_document(db, "v.run_id = ?", run_id)
    before = _findings_by_document(
        db, "EXISTS (SELECT 1 FROM document_versions n WHERE n.document_id = v.document_id "
            "AND n.extractor_version = v.superseded_by AND n.run_id = ?)", run_id)
    titles = {d: (t, p, ver) for d, t, p, ver in db.fetch_all(
        "SELECT document_id, title, published, extractor_version FROM document_versions WHERE run_id = ?",
        (run_id,))}
    previous = {d: ver for d, ver in db.fetch_all(
        "SELECT o.document_id, o.extractor_version FROM document_versions o JOIN document_versions n "
        "ON n.document_id = o.document_id AND n.extractor_version = o.superseded_by WHERE n.run_id = ?", (run_id,))}
    changed, new, unchanged, codes = [], [], 0, {}
    for doc, (title, published, version) in sorted(titles.items(), key=lambda kv: (kv[1][1] or "", kv[0])):
        now = after.get(doc, Counter())
        if doc not in previous:
            new.append({"document_id": doc, "title": title, "published": published, "findings": sum(now.values())})
            continue
        was = before.get(doc, Counter())
        if was == now:
            unchanged += 1
            continue
        rows = []
        for key in sorted(set(was) | set(now)):
            if was[key] != now[key]:
                rows.append({"code": key[0], "status": key[1], "before": was[key], "after": now[key]})
                total = codes.setdefault(key, {"code": key[0], "status": key[1], "before": 0, "after": 0,
                                               "documents": 0})
                total["before"] += was[key]
                total["after"] += now[key]
                total["documents"] += 1
        changed.append({"document_id": doc, "title": title, "published": published, "from": previous[doc],
                        "to": version, "codes": rows})
    return {"changed": changed, "new": new, "unchanged": unchanged,
            "codes": sorted(codes.values(), key=lambda r: (r["code"], r["status"]))}


def _findings_by_document(db: Database, where: str, param: str) -> dict[str, Counter]:
    out: dict[str, Counter] = {}
    for doc, code, status, n in db.fetch_all(
            "SELECT v.document_id, f.code, f.status, COUNT(*) FROM document_versions v JOIN findings f "
            f"ON {_FINDING_KEY} WHERE {where} GROUP BY v.document_id, f.code, f.status", (param,)):
        out.setdefault(doc, Counter())[(code, status)] = int(n)
    return out
