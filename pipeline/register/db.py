"""Database URLs, connections and the one SQL layer (SQLAlchemy Core) shared by SQLite and PostgreSQL.

SQL in this package is written once, with `?` placeholders, and only ever receives values as parameters.
`Database.sql` turns it into a SQLAlchemy text clause with named binds, so each driver gets its own
paramstyle; our SQL holds no other `?` and no `:name` outside parameters. The few clauses that differ
(row locks, migration locks, BEGIN) live in `Dialect`.
"""

from __future__ import annotations

import os
import re
import sqlite3
import time
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence
from urllib.parse import urlsplit, urlunsplit

import sqlalchemy as sa
from sqlalchemy.engine import Connection, CursorResult
from sqlalchemy.pool import NullPool

DEFAULT_DB_URL = "sqlite:///outputs/findings.sqlite"
MIGRATION_LOCK_ID = 0x46494E44  # "FIND": pg advisory lock key for migrations


class RegisterError(Exception):
    """A register operation failed; the message never carries credentials."""


@dataclass(frozen=True, slots=True)
class Dialect:
    name: str  # sqlite | postgresql
    lock_row: str  # appended to a SELECT to lock the rows it reads inside a transaction
    begin: str  # opens a write transaction (SQLite takes the write lock up front)


SQLITE = Dialect("sqlite", "", "BEGIN IMMEDIATE")
POSTGRESQL = Dialect("postgresql", " FOR UPDATE", "BEGIN")


def redact_url(url: str) -> str:
    """The URL with any password (and query string) removed, safe for logs and errors."""
    try:
        parts = urlsplit(url)
        netloc = parts.hostname or ""
        if parts.port:
            netloc = f"{netloc}:{parts.port}"
    except ValueError:
        return url.split("://", 1)[0] + "://***"
    if parts.username:
        netloc = f"{parts.username}@{netloc}"
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


def sqlite_path(url: str) -> str:
    """The file path of a sqlite URL: sqlite:///rel/path, sqlite:////abs/path, sqlite:///:memory: or a bare path."""
    if "://" not in url:
        return url
    if not url.startswith("sqlite:///"):
        raise RegisterError(f"not a sqlite URL: {redact_url(url)} (use sqlite:///path)")
    return url[len("sqlite:///"):]


def resolve_db_url(url: str | None = None) -> str:
    """An explicit URL, else FINDINGS_DB_URL, else the embedded default."""
    return url or os.environ.get("FINDINGS_DB_URL") or DEFAULT_DB_URL


def connect_database(url: str) -> "Database":
    """Open a SQLite file or a PostgreSQL server by URL (libpq reads PostgreSQL URLs, as with psql)."""
    scheme = url.split("://", 1)[0].lower() if "://" in url else "sqlite"
    if scheme in ("postgresql", "postgres"):
        return _connect(url, "postgresql+psycopg://", lambda: connect_postgresql(url), POSTGRESQL)
    if scheme == "sqlite":
        path = sqlite_path(url)
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        return _connect(url, "sqlite://", lambda: connect_sqlite(path), SQLITE)
    raise RegisterError(f"unsupported database URL: {redact_url(url)} (use sqlite:///path or postgresql://...)")


def _connect(url: str, sa_url: str, creator, dialect: Dialect) -> "Database":
    """One engine per Database, no pool: close() really closes the connection."""
    engine = sa.create_engine(sa_url, creator=creator, poolclass=NullPool, hide_parameters=True)
    try:
        conn = engine.connect().execution_options(isolation_level="AUTOCOMMIT")
    except sa.exc.DBAPIError as exc:
        engine.dispose()
        raise RegisterError(f"cannot connect to {redact_url(url)}: {type(exc.orig).__name__}") from None
    return Database(conn, dialect)


def connect_sqlite(path: str, timeout: float = 30.0) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None, timeout=timeout)
    conn.execute("PRAGMA foreign_keys = ON")
    if path != ":memory:":
        _set_wal(conn, time.monotonic() + timeout)
    return conn


def _set_wal(conn: sqlite3.Connection, deadline: float) -> None:
    """WAL mode; switching a fresh file to it takes an exclusive lock that SQLite's busy timeout does not
    always wait for when several processes open the register at once, so wait here."""
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def connect_postgresql(url: str):
    import psycopg

    return psycopg.connect(url, autocommit=True, connect_timeout=30)


def driver_errors() -> tuple[type[BaseException], ...]:
    """Error classes a register operation can raise: both drivers' (psycopg only if importable) and
    SQLAlchemy's (Database re-raises the driver's error, so SQLAlchemy's show up only from elsewhere)."""
    errors: list[type[BaseException]] = [sqlite3.Error, sa.exc.SQLAlchemyError]
    try:
        import psycopg

        errors.append(psycopg.Error)
    except ImportError:  # pragma: no cover - psycopg is a declared dependency
        pass
    return tuple(errors)


@contextmanager
def _driver_errors() -> Iterator[None]:
    """Raise the driver's own error (sqlite3 / psycopg) that SQLAlchemy wrapped, as before the port."""
    try:
        yield
    except sa.exc.DBAPIError as exc:
        if isinstance(exc.orig, BaseException):
            raise exc.orig from exc
        raise


_PLACEHOLDER = re.compile(r"\?")


@lru_cache(maxsize=512)
def _text_clause(sql: str) -> tuple[sa.TextClause, int]:
    count = 0

    def bind(_match: re.Match) -> str:
        nonlocal count
        count += 1
        return f":p{count - 1}"

    return sa.text(_PLACEHOLDER.sub(bind, sql)), count


def _bind(params: Sequence[Any]) -> dict[str, Any]:
    return {f"p{i}": value for i, value in enumerate(params)}


class Database:
    """One SQLAlchemy connection in autocommit mode; writes go through `transaction()`."""

    def __init__(self, conn: Connection, dialect: Dialect):
        self.conn = conn
        self.dialect = dialect
        self._in_tx = False

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All statements inside commit together or not at all."""
        if self._in_tx:
            raise RegisterError("nested transactions are not supported")
        self._in_tx = True
        try:
            with _driver_errors():
                self.conn.exec_driver_sql(self.dialect.begin)
            try:
                yield
            except BaseException:
                # the first error is the one to report: a lost connection or a transaction the database
                # already rolled back (SQLite does on some errors) cannot be rolled back again
                with suppress(*driver_errors()):
                    self.conn.exec_driver_sql("ROLLBACK")
                raise
            with _driver_errors():
                self.conn.exec_driver_sql("COMMIT")
        finally:
            self._in_tx = False

    def sql(self, sql: str) -> sa.TextClause:
        """The SQLAlchemy statement for SQL written with `?` placeholders."""
        return _text_clause(sql)[0]

    def execute(self, sql: str, params: Sequence[Any] = ()) -> CursorResult:
        statement, expected = _text_clause(sql)
        params = tuple(params)
        if len(params) != expected:
            raise RegisterError(f"{expected} placeholders but {len(params)} values")
        with _driver_errors():
            return self.conn.execute(statement, _bind(params))

    def execute_many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        rows = [_bind(r) for r in rows]
        if rows:
            with _driver_errors():
                self.conn.execute(self.sql(sql), rows)

    def fetch_all(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        return [tuple(r) for r in self.execute(sql, params).fetchall()]

    def fetch_one(self, sql: str, params: Sequence[Any] = ()) -> tuple | None:
        row = self.execute(sql, params).fetchone()
        return tuple(row) if row is not None else None

    def fetch_dicts(self, sql: str, params: Sequence[Any] = ()) -> list[dict]:
        return [dict(row) for row in self.execute(sql, params).mappings().fetchall()]

    def lock_migrations(self) -> None:
        """Serialise concurrent migrators inside a transaction (SQLite: BEGIN IMMEDIATE already does)."""
        if self.dialect.name == "postgresql":
            self.execute("SELECT pg_advisory_xact_lock(CAST(? AS BIGINT))", (MIGRATION_LOCK_ID,))

    def close(self) -> None:
        engine = self.conn.engine
        self.conn.close()
        engine.dispose()
