"""The overview's chart table `review_facts`: current findings flattened with their document's filter columns.

Charts over a large register then scan one narrow table instead of joining findings to versions. It is
refreshed incrementally before each overview: documents updated since the last refresh get their rows
replaced. Machine output only; corrections do not change it.
"""

from __future__ import annotations

from pipeline.register.db import Database

_KEY = "facts_mark"
_SELECT_FACTS = """
SELECT f.document_id, f.extractor_version, f.idx, f.code, f.status, p.province,
       CASE WHEN p.province IS NULL OR p.province = (SELECT MIN(q.province) FROM finding_provinces q
            WHERE q.document_id = f.document_id AND q.extractor_version = f.extractor_version AND q.idx = f.idx)
            THEN 1 ELSE 0 END,
       v.published, v.relevant, v.run_id
FROM documents d
JOIN document_versions v ON v.document_id = d.document_id AND v.extractor_version = d.current_version
JOIN findings f ON f.document_id = v.document_id AND f.extractor_version = v.extractor_version
LEFT JOIN finding_provinces p ON p.document_id = f.document_id AND p.extractor_version = f.extractor_version
     AND p.idx = f.idx
WHERE d.updated_at >= ?"""


def refresh_facts(db: Database) -> bool:
    """Bring review_facts up to date in one transaction; False when the register has not changed.

    The mark is the documents' (count, newest updated_at): documents updated at or after the previous
    newest are re-flattened.
    """
    count, newest = db.fetch_one("SELECT COUNT(*), MAX(updated_at) FROM documents")
    mark = f"{int(count)} {newest or ''}"
    row = db.fetch_one("SELECT value FROM review_meta WHERE name = ?", (_KEY,))
    if row and row[0] == mark:
        return False
    since = row[0].split(" ", 1)[1] if row else ""
    with db.transaction():
        db.execute("DELETE FROM review_facts WHERE document_id IN "
                   "(SELECT document_id FROM documents WHERE updated_at >= ?)", (since,))
        db.execute("INSERT INTO review_facts (document_id, extractor_version, idx, code, status, province, first, "
                   "published, relevant, run_id)" + _SELECT_FACTS, (since,))
        db.execute("INSERT INTO review_meta (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET "
                   "value = excluded.value", (_KEY, mark))
    before = int(row[0].split(" ", 1)[0]) if row else 0
    if db.dialect.name == "sqlite" and count >= 2 * before + 100:
        # SQLite has no autovacuum statistics: without them a selective filter (one unit's documents)
        # is planned as a scan of every fact. Refreshed when the register has doubled since.
        db.execute("ANALYZE")
    return True
