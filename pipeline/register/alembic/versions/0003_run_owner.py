"""run owner: the host and process id of each run (was numbered migration 3)."""

from alembic import op

revision = "0003"
down_revision = "0002"

UPGRADE = [
    "ALTER TABLE runs ADD COLUMN host TEXT",
    "ALTER TABLE runs ADD COLUMN pid BIGINT",
    "CREATE INDEX runs_status ON runs (status)",
]

DOWNGRADE = [
    "DROP INDEX runs_status",
    "ALTER TABLE runs DROP COLUMN pid",
    "ALTER TABLE runs DROP COLUMN host",
]


def upgrade() -> None:
    for statement in UPGRADE:
        op.execute(statement)


def downgrade() -> None:
    for statement in DOWNGRADE:
        op.execute(statement)
