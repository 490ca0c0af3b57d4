"""${message}"""

from alembic import op

revision = ${repr(up_revision)}
down_revision = ${repr(down_revision)}

# Plain SQL that runs unchanged on SQLite and PostgreSQL, values never inlined.
UPGRADE: list[str] = [
]

DOWNGRADE: list[str] = [
]


def upgrade() -> None:
    for statement in UPGRADE:
        op.execute(statement)


def downgrade() -> None:
    for statement in DOWNGRADE:
        op.execute(statement)
