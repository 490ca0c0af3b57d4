"""Work-tracking lookups over the register's tables (read-only, parameterised SQL).

The register keys documents by document_id, which is only known after extraction; runs and
reprocessing key work by the raw file's sha256 and the extractor version, answered here from the
stored document versions and set-aside rows.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable

from pipeline.register.db import Database

CHUNK = 500  # values per IN (...) list


def _chunks(values: Iterable[str]) -> Iterable[list[str]]:
    values = sorted(set(values))
    for i in range(0, len(values), CHUNK):
        yield values[i:i + CHUNK]


def find_done(db: Database, sha256s: Iterable[str], version: str) -> dict[str, dict]:
    """{sha256: {"status": "processed", "document_id"} | {"status": "set_aside", "reason", "detail"}} for the
    raw files already handled by this extractor version."""
    done: dict[str, dict] = {}
    for chunk in _chunks(sha256s):
        marks = ", ".join("?" * len(chunk))
        for sha, document_id in db.fetch_all(
                f"SELECT source_sha256, document_id FROM document_versions WHERE extractor_version = ? "
                f"AND source_sha256 IN ({marks})", (version, *chunk)):
            done[sha] = {"status": "processed", "document_id": document_id}
        for sha, reason, detail, params in db.fetch_all(
                f"SELECT s.source_sha256, s.reason, s.detail, r.params FROM set_aside s "
                f"JOIN runs r ON r.run_id = s.run_id WHERE s.source_sha256 IN ({marks}) "
                f"ORDER BY s.recorded_at", tuple(chunk)):
            if sha not in done and _run_version(params) == version:
                done[sha] = {"status": "set_aside", "reason": reason, "detail": detail}
    return done


def find_known_uris(db: Database, uris: Iterable[str], version: str) -> set[str]:
    """The source URIs (e.g. feed item links) already recorded or set aside by this extractor version."""
    known: set[str] = set()
    for chunk in _chunks(uris):
        marks = ", ".join("?" * len(chunk))
        known.update(u for (u,) in db.fetch_all(
            f"SELECT source_uri FROM document_versions WHERE extractor_version = ? AND source_uri IN ({marks})",
            (version, *chunk)))
        for uri, params in db.fetch_all(f"SELECT s.source_uri, r.params FROM set_aside s JOIN runs r "
                                        f"ON r.run_id = s.run_id WHERE s.source_uri IN ({marks})", tuple(chunk)):
            if _run_version(params) == version:
                known.add(uri)
    return known


def _run_version(params: str | None) -> str | None:
    try:
        value = json.loads(params or "{}").get("extractor_version")
    except (ValueError, AttributeError):
        return None
    return value if isinstance(value, str) else None


def read_version_changes(db: Database, version: str) -> dict:
    """Findings added/removed per code by `version` against the versions it superseded, over the documents
    that have both: {"documents": n, "codes": {code: {"before": b, "after": a, "added": x, "removed": y}}}."""
    old = _count_findings(db, "v.superseded_by = ?", version)
    new = _count_findings(db, "v.extractor_version = ?", version)
    documents = set(old) & set(new)
    codes: dict[str, dict[str, int]] = {}
    for doc in documents:
        for code in set(old[doc]) | set(new[doc]):
            before, after = old[doc].get(code, 0), new[doc].get(code, 0)
            row = codes.setdefault(code, {"before": 0, "after": 0, "added": 0, "removed": 0})
            row["before"] += before
            row["after"] += after
            row["added"] += max(0, after - before)
            row["removed"] += max(0, before - after)
    return {"documents": len(documents), "codes": dict(sorted(codes.items()))}


def _count_findings(db: Database, where: str, version: str) -> dict[str, Counter]:
    """{document_id: Counter(code)} for the versions selected by `where`; documents without findings included."""
    out: dict[str, Counter] = {}
    for doc, code, n in db.fetch_all(
            "SELECT v.document_id, f.code, COUNT(f.code) FROM document_versions v LEFT JOIN findings f "
            "ON f.document_id = v.document_id AND f.extractor_version = v.extractor_version "
            f"WHERE {where} GROUP BY v.document_id, f.code", (version,)):
        counter = out.setdefault(doc, Counter())
        if code is not None:
            counter[code] += int(n)
    return out
