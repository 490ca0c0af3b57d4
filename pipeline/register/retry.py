"""Riding out transient database faults: a dropped connection or a server restart (PostgreSQL) is retried,
reconnecting with exponential backoff, for up to a time limit; past it the run fails with
DatabaseUnavailable and a rerun resumes.

Built on the `Database` interface only. Single statements outside a transaction are retried by
RetryingDatabase; a transaction cannot be resumed half-way, so the register made by retrying_subclass re-runs
the whole Register method (each is one transaction, and recording a document again at the same extractor version
changes nothing, so the document in flight is written once). The first connection is not retried: a
register that cannot be reached at all fails the run at once.
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from .db import Database, RegisterError, connect_database, redact_url

log = logging.getLogger("pipeline.register")

DEFAULT_RETRY_SECONDS = 60.0
BACKOFF_BASE, BACKOFF_CAP = 0.25, 5.0
T = TypeVar("T")


class DatabaseUnavailable(RegisterError):
    """The database stayed unreachable for longer than the retry limit."""


def is_transient(exc: BaseException) -> bool:
    """A lost connection or a server going away (psycopg OperationalError / InterfaceError) anywhere in the
    exception's chain; never SQLite errors (a full disk is not transient) nor an exhausted retry."""
    try:
        import psycopg
    except ImportError:  # pragma: no cover - psycopg is a declared dependency
        return False
    seen = set()
    while exc is not None and id(exc) not in seen and not isinstance(exc, DatabaseUnavailable):
        if isinstance(exc, (psycopg.OperationalError, psycopg.InterfaceError)):
            return True
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return False


def retry_call(fn: Callable[[], T], *, limit: float, reconnect: Callable[[], None], what: str = "the database",
               sleep: Callable[[float], None] = time.sleep, clock: Callable[[], float] = time.monotonic) -> T:
    """fn(), retried after transient faults (reconnect() first) with backoff until `limit` seconds have passed
    since the first fault."""
    deadline, attempt, broken = None, 0, False
    while True:
        try:
            if broken:
                reconnect()
                broken = False
            return fn()
        except Exception as exc:
            if limit <= 0 or not is_transient(exc):
                raise
            now = clock()
            deadline = deadline if deadline is not None else now + limit
            if now >= deadline:
                first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
                raise DatabaseUnavailable(f"{what} unreachable for {limit:g} s: {first}") from exc
            delay = min(BACKOFF_CAP, BACKOFF_BASE * 2 ** attempt, deadline - now)
            log.warning("%s: %s; retrying in %.2f s", what, type(exc).__name__, delay)
            sleep(delay)
            attempt, broken = attempt + 1, True


class RetryingDatabase:
    """The `Database` interface over a connection that is replaced when it breaks."""

    def __init__(self, url: str, limit: float):
        self.url, self.limit = url, limit
        self.inner: Database = connect_database(url)
        self._in_tx = False

    @property
    def dialect(self):
        return self.inner.dialect

    @property
    def conn(self):
        """The current connection (SQLAlchemy), for the schema migrations run when the register opens."""
        return self.inner.conn

    def reconnect(self) -> None:
        try:
            self.inner.close()
        except Exception:  # noqa: BLE001 — the old connection is gone anyway
            pass
        self.inner = connect_database(self.url)

    def retry(self, fn: Callable[[], T]) -> T:
        return retry_call(fn, limit=self.limit, reconnect=self.reconnect, what=f"register {redact_url(self.url)}")

    def _call(self, name: str, *args) -> Any:
        if self._in_tx:  # inside a transaction the caller redoes the whole transaction
            return getattr(self.inner, name)(*args)
        return self.retry(lambda: getattr(self.inner, name)(*args))

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self.inner.transaction():
            self._in_tx = True
            try:
                yield
            finally:
                self._in_tx = False

    def execute(self, sql, params=()):
        return self._call("execute", sql, params)

    def execute_many(self, sql, rows) -> None:
        self._call("execute_many", sql, list(rows))

    def fetch_all(self, sql, params=()) -> list[tuple]:
        return self._call("fetch_all", sql, params)

    def fetch_one(self, sql, params=()):
        return self._call("fetch_one", sql, params)

    def fetch_dicts(self, sql, params=()) -> list[dict]:
        return self._call("fetch_dicts", sql, params)

    def lock_migrations(self) -> None:
        self.inner.lock_migrations()

    def close(self) -> None:
        self.inner.close()


def retrying_subclass(cls: type, methods: tuple[str, ...]) -> type:
    """A subclass of a register class (its `db` a RetryingDatabase) whose `methods`, each one transaction, are
    re-run whole after a transient fault."""
    def retried(method: Callable) -> Callable:
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            return self.db.retry(lambda: method(self, *args, **kwargs))
        return wrapper

    return type(f"Retrying{cls.__name__}", (cls,), {name: retried(getattr(cls, name)) for name in methods})
