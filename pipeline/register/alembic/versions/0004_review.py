"""review: analysts' corrections and review states, the overview's chart rows, and the indexes the
workbench's pages need on a large register (was numbered migration 4). Corrections never touch machine rows."""

from alembic import op

revision = "0004"
down_revision = "0003"

_VERSION_FK = ("FOREIGN KEY (document_id, extractor_version) "
               "REFERENCES document_versions (document_id, extractor_version)")

UPGRADE = [
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
]

DOWNGRADE = [
    "DROP TABLE review_meta",
    "DROP TABLE review_facts",
    "DROP INDEX documents_updated",
    "DROP INDEX units_province",
    "DROP INDEX findings_code_status",
    "DROP INDEX findings_version_status",
    "DROP INDEX document_versions_superseded_by",
    "DROP INDEX document_versions_run",
    "DROP INDEX document_versions_current",
    "DROP TABLE review_documents",
    "DROP TABLE review_corrections",
]


def upgrade() -> None:
    for statement in UPGRADE:
        op.execute(statement)


def downgrade() -> None:
    for statement in DOWNGRADE:
        op.execute(statement)
