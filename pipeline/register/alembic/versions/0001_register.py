"""register: runs, documents, their versions and extracted records, set-aside files.

Each revision lists its DDL as plain SQL that runs unchanged on SQLite and PostgreSQL
(was numbered migration 1 before the register moved to Alembic).
"""

from alembic import op

revision = "0001"
down_revision = None

_VERSION_KEY = "document_id TEXT NOT NULL, extractor_version TEXT NOT NULL, idx BIGINT NOT NULL"
_VERSION_FK = ("FOREIGN KEY (document_id, extractor_version) "
               "REFERENCES document_versions (document_id, extractor_version)")

UPGRADE = [
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
]

DOWNGRADE = [f"DROP TABLE {table}" for table in (
    "set_aside", "recommendations", "sanctions", "counts", "finding_provinces", "findings", "units",
    "document_versions", "documents", "runs")]


def upgrade() -> None:
    for statement in UPGRADE:
        op.execute(statement)


def downgrade() -> None:
    for statement in DOWNGRADE:
        op.execute(statement)
