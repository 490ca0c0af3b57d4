"""Schema migrations: Alembic revisions in alembic/versions/NNNN_*.py, each a list of plain SQL statements
that runs unchanged on SQLite and PostgreSQL.

open_register() upgrades to head. Operators run Alembic's commands through `findings register migrate`
or `alembic -c pipeline/register/alembic.ini`. Every online migration runs in one transaction holding the
migration lock, so concurrent openers of a fresh register never both run DDL. A register made before
Alembic (numbered migrations recorded in `schema_migrations`) is first stamped at the matching revision
(version N -> revision 000N), then upgraded; `schema_migrations` stays as a record and is no longer written.
"""

from __future__ import annotations

import logging
import sys
import threading
from contextlib import contextmanager
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Iterator, TextIO

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.script.revision import RevisionError
from alembic.util import CommandError

from .db import Database, RegisterError

SCRIPT_LOCATION = Path(__file__).with_name("alembic")
LEGACY_TABLE = "schema_migrations"
VERSION_TABLE = "alembic_version"
log = logging.getLogger(__name__)
_ALEMBIC_ERRORS = (CommandError, RevisionError)
_ALEMBIC = threading.Lock()  # Alembic's `context` and `op` are module-global: one command per process at a time


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


@lru_cache(maxsize=1)
def script_directory() -> ScriptDirectory:
    return ScriptDirectory(str(SCRIPT_LOCATION))


def alembic_config(db: Database | None = None, stdout: TextIO | None = None) -> Config:
    """An Alembic config for our revisions (printing to `stdout`, default sys.stdout); with `db`, commands
    run on that open connection."""
    config = Config(stdout=stdout or sys.stdout)
    config.set_main_option("script_location", str(SCRIPT_LOCATION))
    if db is not None:
        config.attributes["database"] = db
    return config


def current_revision(db: Database) -> str | None:
    """The revision the register is at (None: empty, or made before Alembic and not yet stamped)."""
    if not sa.inspect(db.conn).has_table(VERSION_TABLE):
        return None
    row = db.fetch_one(f"SELECT version_num FROM {VERSION_TABLE}")
    return row[0] if row else None


def head_revision() -> str:
    return script_directory().get_current_head()


@contextmanager
def migration_lock(db: Database) -> Iterator[None]:
    """One transaction holding the migration lock, with a pre-Alembic register stamped at its revision."""
    with db.transaction():
        db.lock_migrations()
        adopt_legacy_register(db)
        yield


def adopt_legacy_register(db: Database) -> None:
    """Stamp a register made by the numbered-migration runner at the revision of its last migration."""
    inspector = sa.inspect(db.conn)
    if inspector.has_table(VERSION_TABLE) or not inspector.has_table(LEGACY_TABLE):
        return
    (version,) = db.fetch_one(f"SELECT MAX(version) FROM {LEGACY_TABLE}")
    if version is None:
        return
    revision = f"{int(version):04d}"
    try:
        script_directory().get_revision(revision)
    except _ALEMBIC_ERRORS:
        raise RegisterError(f"the register is at numbered migration {version}, "
                            "which this version of findings does not know") from None
    MigrationContext.configure(db.conn).stamp(script_directory(), revision)


@contextmanager
def _alembic_command() -> Iterator[None]:
    """Serialise Alembic commands within this process, keep Alembic's INFO lines (context, each revision)
    off the console, and turn its errors into RegisterError."""
    alembic_log = logging.getLogger("alembic")
    try:
        with _ALEMBIC:
            level = alembic_log.level
            alembic_log.setLevel(logging.WARNING)
            try:
                yield
            finally:
                alembic_log.setLevel(level)
    except _ALEMBIC_ERRORS as exc:
        raise RegisterError(f"cannot migrate the register: {exc}") from None


def apply_migrations(db: Database, upto: str = "head") -> list[str]:
    """Upgrade the register to `upto` (default head) and return the revisions applied now.
    A register already there is only read, without taking the lock."""
    with _alembic_command():
        if upto == "head" and current_revision(db) == head_revision():
            return []
        config = alembic_config(db)
        command.upgrade(config, upto)
    applied = config.attributes.get("applied", [])
    if applied and db.dialect.name == "sqlite":  # DDL leaves a WAL several times the schema's size: fold it in
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    if applied:  # a new register is no news; an existing one upgraded is
        created = applied[0] == script_directory().get_base()
        log.log(logging.DEBUG if created else logging.INFO, "register schema %s %s (applied %s)",
                "created at" if created else "upgraded to", applied[-1], ", ".join(applied))
    return applied


def downgrade(db: Database, target: str) -> None:
    """Undo revisions down to `target` (a revision id, -N or base), for going back to an older findings."""
    with _alembic_command():
        command.downgrade(alembic_config(db), target)
