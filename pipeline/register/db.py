"""Database URLs, connections and the tiny dialect shim shared by SQLite and PostgreSQL.

SQL in this package is written once, with `?` placeholders, and only ever
receives values as parameters. The shim rewrites placeholders for psycopg
and supplies the few clauses that differ (row locks, migration locks).
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence
from urllib.parse import urlsplit, urlunsplit

DEFAULT_DB_URL = "sqlite:///outputs/findings.sqlite"
MIGRATION_LOCK_ID = 0x46494E44  # "FIND": pg advisory lock key for migrations


class RegisterError(Exception):
    """A register operation failed; the message never carries credentials."""


@dataclass(frozen=True, slots=True)
class Dialect:
    name: str  # sqlite | postgresql
    lock_row: str  # appended to a SELECT to lock the rows it reads inside a transaction

    def sql(self, text: str) -> str:
        """Rewrite `?` placeholders for the driver (our SQL holds no other `?` or `%`)."""
        return text if self.name == "sqlite" else text.replace("?", "%s")


SQLITE = Dialect("sqlite", "")
POSTGRESQL = Dialect("postgresql", " FOR UPDATE")


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
    """Open a SQLite file or a PostgreSQL server by URL."""
    scheme = url.split("://", 1)[0].lower() if "://" in url else "sqlite"
    if scheme in ("postgresql", "postgres"):
        return Database(connect_postgresql(url), POSTGRESQL)
    if scheme == "sqlite":
        return Database(connect_sqlite(sqlite_path(url)), SQLITE)
    raise RegisterError(f"unsupported database URL: {redact_url(url)} (use sqlite:///path or postgresql://...)")


def connect_sqlite(path: str) -> sqlite3.Connection:
    if path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, isolation_level=None, timeout=30.0)
    conn.execute("PRAGMA foreign_keys = ON")
    if path != ":memory:":
        conn.execute("PRAGMA journal_mode = WAL")
    return conn


def connect_postgresql(url: str):
    import psycopg

    try:
        return psycopg.connect(url, autocommit=True, connect_timeout=30)
    except psycopg.Error as exc:
        raise RegisterError(f"cannot connect to {redact_url(url)}: {type(exc).__name__}") from None


def driver_errors() -> tuple[type[BaseException], ...]:
    """DB-API error classes of both drivers (psycopg only if importable)."""
    errors: list[type[BaseException]] = [sqlite3.Error]
    try:
        import psycopg

        errors.append(psycopg.Error)
    except ImportError:  # pragma: no cover - psycopg is a declared dependency
        pass
    return tuple(errors)


class Database:
    """One DB-API connection in autocommit mode; writes go through `transaction()`."""

    def __init__(self, conn, dialect: Dialect):
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
            if self.dialect.name == "sqlite":
                self.conn.execute("BEGIN IMMEDIATE")
                try:
                    yield
                except BaseException:
                    self.conn.execute("ROLLBACK")
                    raise
                self.conn.execute("COMMIT")
            else:
                with self.conn.transaction():
                    yield
        finally:
            self._in_tx = False

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        cur = self.conn.cursor()
        cur.execute(self.dialect.sql(sql), tuple(params))
        return cur

    def execute_many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        rows = [tuple(r) for r in rows]
        if rows:
            self.conn.cursor().executemany(self.dialect.sql(sql), rows)

    def fetch_all(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        return [tuple(r) for r in self.execute(sql, params).fetchall()]

    def fetch_one(self, sql: str, params: Sequence[Any] = ()) -> tuple | None:
        row = self.execute(sql, params).fetchone()
        return tuple(row) if row is not None else None

    def fetch_dicts(self, sql: str, params: Sequence[Any] = ()) -> list[dict]:
        cur = self.execute(sql, params)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row)) for row in cur.fetchall()]

    def lock_migrations(self) -> None:
        """Serialise concurrent migrators (SQLite: BEGIN IMMEDIATE already does)."""
        if self.dialect.name == "postgresql":
            self.execute("SELECT pg_advisory_xact_lock(CAST(? AS BIGINT))", (MIGRATION_LOCK_ID,))

    def close(self) -> None:
        self.conn.close()
