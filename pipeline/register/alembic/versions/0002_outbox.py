"""outbox: one delivery row per (document version, endpoint) (was numbered migration 2)."""

from alembic import op

revision = "0002"
down_revision = "0001"

_VERSION_FK = ("FOREIGN KEY (document_id, extractor_version) "
               "REFERENCES document_versions (document_id, extractor_version)")

UPGRADE = [
    f"""CREATE TABLE deliveries (
        document_id TEXT NOT NULL, extractor_version TEXT NOT NULL, endpoint TEXT NOT NULL,
        state TEXT NOT NULL, attempts BIGINT NOT NULL, last_status BIGINT, last_error TEXT,
        queued_at TEXT NOT NULL, updated_at TEXT NOT NULL, delivered_at TEXT,
        PRIMARY KEY (document_id, extractor_version, endpoint), {_VERSION_FK})""",
    "CREATE INDEX deliveries_endpoint_state ON deliveries (endpoint, state)",
]

DOWNGRADE = ["DROP TABLE deliveries"]


def upgrade() -> None:
    for statement in UPGRADE:
        op.execute(statement)


def downgrade() -> None:
    for statement in DOWNGRADE:
        op.execute(statement)
