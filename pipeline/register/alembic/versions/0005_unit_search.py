"""unit search: the workbench's unit-name filter by index (SQLite FTS5 trigram, PostgreSQL pg_trgm)."""

from alembic import op

revision = "0005"
down_revision = "0004"

# SQLite: an external-content trigram index over units, kept in step by triggers.
SQLITE_UPGRADE = [
    "CREATE VIRTUAL TABLE unit_search USING fts5(name, canonical, content='units', content_rowid='rowid', "
    "tokenize='trigram')",
    "CREATE TRIGGER units_search_insert AFTER INSERT ON units BEGIN "
    "INSERT INTO unit_search (rowid, name, canonical) VALUES (new.rowid, new.name, new.canonical); END",
    "CREATE TRIGGER units_search_delete AFTER DELETE ON units BEGIN "
    "INSERT INTO unit_search (unit_search, rowid, name, canonical) "
    "VALUES ('delete', old.rowid, old.name, old.canonical); END",
    "CREATE TRIGGER units_search_update AFTER UPDATE ON units BEGIN "
    "INSERT INTO unit_search (unit_search, rowid, name, canonical) "
    "VALUES ('delete', old.rowid, old.name, old.canonical); "
    "INSERT INTO unit_search (rowid, name, canonical) VALUES (new.rowid, new.name, new.canonical); END",
    "INSERT INTO unit_search (unit_search) VALUES ('rebuild')",
]
SQLITE_DOWNGRADE = [
    "DROP TRIGGER units_search_update",
    "DROP TRIGGER units_search_delete",
    "DROP TRIGGER units_search_insert",
    "DROP TABLE unit_search",
]
# PostgreSQL: trigram indexes that LOWER(name) LIKE '%...%' uses (pg_trgm ships with PostgreSQL).
POSTGRESQL_UPGRADE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX units_name_trgm ON units USING gin (LOWER(name) gin_trgm_ops)",
    "CREATE INDEX units_canonical_trgm ON units USING gin (LOWER(canonical) gin_trgm_ops)",
]
POSTGRESQL_DOWNGRADE = [
    "DROP INDEX units_canonical_trgm",
    "DROP INDEX units_name_trgm",
]
UPGRADE = {"sqlite": SQLITE_UPGRADE, "postgresql": POSTGRESQL_UPGRADE}
DOWNGRADE = {"sqlite": SQLITE_DOWNGRADE, "postgresql": POSTGRESQL_DOWNGRADE}


def upgrade() -> None:
    for statement in UPGRADE[op.get_context().dialect.name]:
        op.execute(statement)


def downgrade() -> None:
    for statement in DOWNGRADE[op.get_context().dialect.name]:
        op.execute(statement)
