"""A register as the pre-Alembic code made it, for the in-place upgrade tests.

LEGACY_MIGRATIONS is the numbered-migration list exactly as it stood before the register moved to Alembic
(pipeline/register/migrations.py at that time). build_legacy_register() replays it the way that runner did,
through the drivers directly (sqlite3 / psycopg), recording each version in `schema_migrations`, and writes
one row or more into every table. Kept frozen: it stands for registers already out there.
"""

from __future__ import annotations

import sqlite3

_VERSION_KEY = "document_id TEXT NOT NULL, extractor_version TEXT NOT NULL, idx BIGINT NOT NULL"
_VERSION_FK = ("FOREIGN KEY (document_id, extractor_version) "
               "REFERENCES document_versions (document_id, extractor_version)")

LEGACY_MIGRATIONS: list[tuple[int, str, list[str]]] = [
    (1, "register", [
        """CREATE TABLE runs (
            run_id TEXT PRIMARY KEY, kind TEXT NOT NULL, params TEXT NOT NULL, status TEXT NOT NULL,
            started_at TEXT NOT NULL, finished_at TEXT, summary TEXT)""",
        """CREATE TABLE documents (
            document_id TEXT PRIMARY KEY, first_seen_at TEXT NOT NULL, updated_at TEXT NOT NULL,
            current_version TEXT)""",
        """CREATE TABLE document_versions (
            document_id TEXT NOT NULL REFERENCES documents (document_id),
            extractor_version TEXT NOT NULL, extractor_name TEXT NOT NULL, schema_version TEXT,
            run_id TEXT REFERENCES runs (run_id), is_current BIGINT NOT NULL,
            recorded_at TEXT NOT NULL, superseded_at TEXT, superseded_by TEXT,
            source_uri TEXT, source_format TEXT, source_kind TEXT, source_sha256 TEXT,
            title TEXT, published TEXT, relevant BIGINT,
            payload TEXT NOT NULL, payload_sha256 TEXT NOT NULL,
            PRIMARY KEY (document_id, extractor_version))""",
        "CREATE UNIQUE INDEX document_versions_one_current ON document_versions (document_id) WHERE is_current = 1",
        "CREATE INDEX document_versions_published ON document_versions (published)",
        "CREATE INDEX document_versions_recorded ON document_versions (recorded_at, document_id)",
        f"""CREATE TABLE units ({_VERSION_KEY}, name TEXT, canonical TEXT, level TEXT, role TEXT,
            province TEXT, PRIMARY KEY (document_id, extractor_version, idx), {_VERSION_FK})""",
        f"""CREATE TABLE findings ({_VERSION_KEY}, code TEXT NOT NULL, status TEXT NOT NULL, unit TEXT,
            count BIGINT, sentence TEXT, span_start BIGINT, span_end BIGINT,
            PRIMARY KEY (document_id, extractor_version, idx), {_VERSION_FK})""",
        f"""CREATE TABLE finding_provinces ({_VERSION_KEY}, province TEXT NOT NULL,
            PRIMARY KEY (document_id, extractor_version, idx, province), {_VERSION_FK})""",
        f"""CREATE TABLE counts ({_VERSION_KEY}, value DOUBLE PRECISION, total DOUBLE PRECISION, noun TEXT,
            code TEXT, span_start BIGINT, span_end BIGINT,
            PRIMARY KEY (document_id, extractor_version, idx), {_VERSION_FK})""",
        f"""CREATE TABLE sanctions ({_VERSION_KEY}, kind TEXT NOT NULL, count BIGINT, unit TEXT, sentence TEXT,
            span_start BIGINT, span_end BIGINT, PRIMARY KEY (document_id, extractor_version, idx), {_VERSION_FK})""",
        f"""CREATE TABLE recommendations ({_VERSION_KEY}, text TEXT, deadline TEXT, unit TEXT, kind TEXT,
            span_start BIGINT, span_end BIGINT, item TEXT NOT NULL,
            PRIMARY KEY (document_id, extractor_version, idx), {_VERSION_FK})""",
        """CREATE TABLE set_aside (
            entry_id TEXT PRIMARY KEY, run_id TEXT REFERENCES runs (run_id), source_uri TEXT NOT NULL,
            source_sha256 TEXT, reason TEXT NOT NULL, detail TEXT, recorded_at TEXT NOT NULL)""",
        "CREATE INDEX set_aside_sha ON set_aside (source_sha256)",
    ]),
    (2, "outbox", [
        f"""CREATE TABLE deliveries (
            document_id TEXT NOT NULL, extractor_version TEXT NOT NULL, endpoint TEXT NOT NULL,
            state TEXT NOT NULL, attempts BIGINT NOT NULL, last_status BIGINT, last_error TEXT,
            queued_at TEXT NOT NULL, updated_at TEXT NOT NULL, delivered_at TEXT,
            PRIMARY KEY (document_id, extractor_version, endpoint), {_VERSION_FK})""",
        "CREATE INDEX deliveries_endpoint_state ON deliveries (endpoint, state)",
    ]),
    (3, "run owner", [
        "ALTER TABLE runs ADD COLUMN host TEXT",
        "ALTER TABLE runs ADD COLUMN pid BIGINT",
        "CREATE INDEX runs_status ON runs (status)",
    ]),
    # Analyst review (pipeline/review/): corrections never touch machine rows; plus the indexes the
    # workbench's overview, filtered list and run pages need on a large register.
    (4, "review", [
        f"""CREATE TABLE review_corrections (
            correction_id TEXT PRIMARY KEY, document_id TEXT NOT NULL, extractor_version TEXT NOT NULL,
            item TEXT NOT NULL, action TEXT NOT NULL, detail TEXT NOT NULL, reviewer TEXT NOT NULL,
            created_at TEXT NOT NULL, {_VERSION_FK})""",
        "CREATE INDEX review_corrections_version ON review_corrections (document_id, extractor_version, created_at)",
        f"""CREATE TABLE review_documents (
            document_id TEXT NOT NULL, extractor_version TEXT NOT NULL, state TEXT NOT NULL,
            reviewer TEXT NOT NULL, updated_at TEXT NOT NULL,
            PRIMARY KEY (document_id, extractor_version), {_VERSION_FK})""",
        "CREATE INDEX review_documents_state ON review_documents (state, document_id)",
        # covering: filters and joins on current versions never read the (large) payload rows
        "CREATE INDEX document_versions_current ON document_versions "
        "(is_current, published, document_id, extractor_version, relevant, run_id)",
        "CREATE INDEX document_versions_run ON document_versions (run_id)",
        "CREATE INDEX document_versions_superseded_by ON document_versions (superseded_by)",
        "CREATE INDEX findings_version_status ON findings (document_id, extractor_version, status)",
        "CREATE INDEX findings_code_status ON findings (code, status, document_id, extractor_version)",
        "CREATE INDEX units_province ON units (province, document_id, extractor_version)",
        "CREATE INDEX documents_updated ON documents (updated_at)",
        # the overview's charts: one row per current finding and province (province NULL when it has none;
        # `first` = 1 on one row per finding), rebuilt from the register by pipeline/review/facts.py
        """CREATE TABLE review_facts (
            document_id TEXT NOT NULL, extractor_version TEXT NOT NULL, idx BIGINT NOT NULL, code TEXT,
            status TEXT, province TEXT, first BIGINT NOT NULL, published TEXT, relevant BIGINT, run_id TEXT)""",
        "CREATE INDEX review_facts_document ON review_facts (document_id)",
        "CREATE INDEX review_facts_charts ON review_facts (first, code, status, published, relevant, province)",
        "CREATE TABLE review_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
    ]),
]


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")

DOC, OLD, NEW = "d" * 64, "1.0.0", "1.1.0"
T0, T1 = "2024-03-01T02:00:00.000000+00:00", "2024-03-02T02:00:00.000000+00:00"
# (legacy version that created the table, table, rows written right after it); runs gain host and pid in 3
LEGACY_ROWS = [
    (1, "runs", [("run-1", "extract", '{"corpus": "corpora"}', "ok", T0, T1, '{"documents": 1}')]),
    (1, "documents", [(DOC, T0, T1, NEW)]),
    (1, "document_versions", [
        (DOC, OLD, "findings", "1.0", "run-1", 0, T0, T1, NEW, "corpora/a.pdf", "pdf", "minutes", "ab" * 32,
         "Kiểm tra công vụ", "2024-02-27", 1, '{"old": true}', "cd" * 32),
        (DOC, NEW, "findings", "1.0", "run-1", 1, T1, None, None, "corpora/a.pdf", "pdf", "minutes", "ab" * 32,
         "Kiểm tra công vụ đột xuất", "2024-02-27", 1, '{"new": true}', "ef" * 32)]),
    (1, "units", [(DOC, v, 0, "Sở Nội vụ", "Sở Nội vụ Hà Nội", "so", "inspected", "Hà Nội") for v in (OLD, NEW)]),
    (1, "findings", [(DOC, NEW, 0, "absent_without_reason", "violation", "Sở Nội vụ Hà Nội", 3,
                      "3 cán bộ vắng mặt không lý do.", 10, 40)]),
    (1, "finding_provinces", [(DOC, NEW, 0, "Hà Nội")]),
    (1, "counts", [(DOC, NEW, 0, 3.0, 45.0, "cán bộ", "absent_without_reason", 10, 40)]),
    (1, "sanctions", [(DOC, NEW, 0, "khien_trach", 1, "Sở Nội vụ Hà Nội", "Khiển trách 1 người.", 50, 70)]),
    (1, "recommendations", [(DOC, NEW, 0, "Chấn chỉnh kỷ luật", "2024-04-30", None, None, 80, 100, "1")]),
    (1, "set_aside", [("entry-1", "run-1", "inbox/scan.pdf", "12" * 32, "needs_ocr", "no text layer", T0)]),
    (4, "review_corrections", [("corr-1", DOC, NEW, "findings/0", "reject", '{"why": "not a finding"}', "an",
                                T1)]),
    (4, "review_documents", [(DOC, NEW, "reviewed", "an", T1)]),
    (4, "review_facts", [(DOC, NEW, 0, "absent_without_reason", "violation", "Hà Nội", 1, "2024-02-27", 1,
                          "run-1")]),
    (4, "review_meta", [("facts_built_at", T1)]),
    (2, "deliveries", [(DOC, OLD, "http://import.example/api", "superseded", 1, 200, None, T0, T1, T0),
                       (DOC, NEW, "http://import.example/api", "pending", 0, None, None, T1, T1, None)]),
]


def build_legacy_register(url: str, upto: int = 4) -> None:
    """Apply legacy migrations 1..upto as the old runner did and fill every table they created."""
    if url.startswith("sqlite:///"):
        conn, mark = sqlite3.connect(url[len("sqlite:///"):], isolation_level=None), "?"
        conn.execute("PRAGMA foreign_keys = ON")
    else:
        import psycopg

        conn, mark = psycopg.connect(url, autocommit=True), "%s"
    try:
        cur = conn.cursor()
        cur.execute("CREATE TABLE IF NOT EXISTS schema_migrations ("
                    "version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)")
        for version, name, statements in LEGACY_MIGRATIONS[:upto]:
            for statement in statements:
                cur.execute(statement)
            cur.execute(f"INSERT INTO schema_migrations (version, name, applied_at) VALUES ({mark}, {mark}, {mark})",
                        (version, name, T0))
            for table, rows in (entry[1:] for entry in LEGACY_ROWS if entry[0] == version):
                cur.executemany(f"INSERT INTO {table} VALUES ({', '.join([mark] * len(rows[0]))})", rows)
            if version == 3:
                cur.execute(f"UPDATE runs SET host = {mark}, pid = {mark}", ("legacy-host", 4242))
    finally:
        conn.close()
