"""Alembic environment of the findings register.

Used by open_register() and `findings register migrate` (which pass their open Database), and by the
Alembic CLI: `alembic -c pipeline/register/alembic.ini [-x db=URL] upgrade head`, where the URL defaults
to FINDINGS_DB_URL, then sqlite:///outputs/findings.sqlite. `--sql` prints the DDL without connecting.
"""

from logging.config import fileConfig

from alembic import context

from pipeline.register.db import connect_database, resolve_db_url
from pipeline.register.migrations import migration_lock

config = context.config


def record_applied(ctx, step, heads, run_args) -> None:
    if step.is_upgrade:
        config.attributes.setdefault("applied", []).append(step.up_revision_id)


def run_online(db) -> None:
    with migration_lock(db):
        context.configure(connection=db.conn, on_version_apply=record_applied)
        context.run_migrations()


def main() -> None:
    url = context.get_x_argument(as_dictionary=True).get("db")
    db = config.attributes.get("database")
    if context.is_offline_mode():
        dialect = "postgresql" if resolve_db_url(url).startswith("postgres") else "sqlite"
        context.configure(dialect_name=dialect, literal_binds=True)
        with context.begin_transaction():
            context.run_migrations()
    elif db is not None:
        run_online(db)
    else:
        if config.config_file_name:
            fileConfig(config.config_file_name, disable_existing_loggers=False)
        db = connect_database(resolve_db_url(url))
        try:
            run_online(db)
        finally:
            db.close()


main()
