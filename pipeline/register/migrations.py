"""Versioned schema migrations, recorded in schema_migrations. The DDL runs unchanged on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import datetime, timezone

from .db import Database

_VERSION_KEY = "document_id TEXT NOT NULL, extractor_version TEXT NOT NULL, idx BIGINT NOT NULL"
_VERSION_FK = ("FOREIGN KEY (document_id, extractor_version) "
               "REFERENCES document_versions (document_id, extractor_version)")

MIGRATIONS: list[tuple[int, str, list[str]]] = [
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


def applied_versions(db: Database) -> list[int]:
    return [int(r[0]) for r in db.fetch_all("SELECT version FROM schema_migrations ORDER BY version")]


def apply_migrations(db: Database, upto: int | None = None) -> list[int]:
    """Apply pending migrations in order, each in its own transaction; return the versions applied now."""
    with db.transaction():
        db.lock_migrations()
        db.execute("CREATE TABLE IF NOT EXISTS schema_migrations ("
                   "version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)")
    done: list[int] = []
    for version, name, statements in MIGRATIONS:
        if upto is not None and version > upto:
            break
        with db.transaction():
            db.lock_migrations()
            if db.fetch_one("SELECT 1 FROM schema_migrations WHERE version = ?", (version,)):
                continue
            for statement in statements:
                db.execute(statement)
            db.execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                       (version, name, now_iso()))
        done.append(version)
        if db.dialect.name == "sqlite":  # DDL leaves a WAL several times the schema's size: fold it in
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return done
