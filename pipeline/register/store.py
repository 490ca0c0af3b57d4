"""The Register: documents, their versions and extracted records, runs and set-aside files."""

from __future__ import annotations

import json
import os
import socket
import uuid
from contextlib import contextmanager
from datetime import date
from typing import Iterator, TextIO

from ..errors import REASONS
from . import outbox, queries
from .db import Database, RegisterError, connect_database, driver_errors, redact_url, resolve_db_url
from .migrations import apply_migrations, now_iso
from .retry import RetryingDatabase, retrying_subclass
from .rows import DocumentRows, build_rows

_CHILD_INSERTS = {
    "units": "INSERT INTO units (document_id, extractor_version, idx, name, canonical, level, role, province) "
             "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    "findings": "INSERT INTO findings (document_id, extractor_version, idx, code, status, unit, count, sentence, "
                "span_start, span_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "finding_provinces": "INSERT INTO finding_provinces (document_id, extractor_version, idx, province) "
                         "VALUES (?, ?, ?, ?)",
    "counts": "INSERT INTO counts (document_id, extractor_version, idx, value, total, noun, code, span_start, "
              "span_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "sanctions": "INSERT INTO sanctions (document_id, extractor_version, idx, kind, count, unit, sentence, "
                 "span_start, span_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "recommendations": "INSERT INTO recommendations (document_id, extractor_version, idx, text, deadline, unit, "
                       "kind, span_start, span_end, item) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
}
_VERSION_COLUMNS = ("schema_version", "source_uri", "source_format", "source_kind", "source_sha256", "title",
                    "published", "relevant", "payload_sha256")


def open_register(url: str | None = None, *, retry_seconds: float = 0) -> "Register":
    """Connect by URL (sqlite:///path, postgresql://...; default FINDINGS_DB_URL, then outputs/findings.sqlite)
    and bring the schema up to date. retry_seconds > 0: ride out dropped connections (see retry.py)."""
    url = resolve_db_url(url)
    if retry_seconds > 0:
        db, cls = RetryingDatabase(url, retry_seconds), RetryingRegister
    else:
        db, cls = connect_database(url), Register
    try:
        with _wrap_errors(f"migrating {redact_url(url)}"):
            apply_migrations(db)
    except BaseException:
        db.close()
        raise
    return cls(db, redact_url(url))


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextmanager
def _wrap_errors(what: str) -> Iterator[None]:
    """Re-raise driver errors as RegisterError (driver messages name values, not credentials)."""
    try:
        yield
    except driver_errors() as exc:
        first_line = (str(exc).strip().splitlines() or [""])[0]
        raise RegisterError(f"{what}: {type(exc).__name__}: {first_line}") from exc


class Register:
    """Use as a context manager or call close(). Each write method is one transaction."""

    def __init__(self, db: Database, label: str = ""):
        self.db = db
        self.label = label

    def __enter__(self) -> "Register":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    # -- documents -----------------------------------------------------------------------------------------
    def record_document(self, output: dict, *, run_id: str | None = None) -> str:
        """Store one output document: 'inserted' (new), 'superseded' (new extractor version replaces the
        current one, which stays as history) or 'unchanged' (this extractor version is already recorded)."""
        rows = build_rows(output)
        with _wrap_errors(f"recording document {rows.document_id}"), self.db.transaction():
            return self._write_document(rows, run_id)

    def _write_document(self, rows: DocumentRows, run_id: str | None) -> str:
        db, now = self.db, now_iso()
        db.execute("INSERT INTO documents (document_id, first_seen_at, updated_at) VALUES (?, ?, ?) "
                   "ON CONFLICT (document_id) DO NOTHING", (rows.document_id, now, now))
        (current,) = db.fetch_one("SELECT current_version FROM documents WHERE document_id = ?"
                                  + db.dialect.lock_row, (rows.document_id,))
        if self._has_version(rows.document_id, rows.extractor_version):
            return "unchanged"
        if current is not None:
            db.execute("UPDATE document_versions SET is_current = 0, superseded_at = ?, superseded_by = ? "
                       "WHERE document_id = ? AND is_current = 1", (now, rows.extractor_version, rows.document_id))
            outbox.retire_deliveries(db, rows.document_id, current, now)
        values = [rows.version[c] for c in _VERSION_COLUMNS]
        db.execute("INSERT INTO document_versions (document_id, extractor_version, extractor_name, run_id, "
                   "is_current, recorded_at, payload, " + ", ".join(_VERSION_COLUMNS) + ") VALUES ("
                   + ", ".join("?" * (7 + len(_VERSION_COLUMNS))) + ")",
                   [rows.document_id, rows.extractor_version, rows.extractor_name, run_id, 1, now, rows.payload,
                    *values])
        for table, sql in _CHILD_INSERTS.items():
            db.execute_many(sql, getattr(rows, table))
        db.execute("UPDATE documents SET current_version = ?, updated_at = ? WHERE document_id = ?",
                   (rows.extractor_version, now, rows.document_id))
        return "inserted" if current is None else "superseded"

    def _has_version(self, document_id: str, extractor_version: str) -> bool:
        return self.db.fetch_one("SELECT 1 FROM document_versions WHERE document_id = ? AND extractor_version = ?",
                                 (document_id, extractor_version)) is not None

    def has(self, document_id: str, extractor_version: str) -> bool:
        """Whether this document was already recorded by this extractor version."""
        with _wrap_errors("reading the register"):
            return self._has_version(document_id, extractor_version)

    def payload(self, document_id: str, extractor_version: str | None = None) -> str | None:
        """The stored JSON text of a version (default: the current one)."""
        sql = "SELECT payload FROM document_versions WHERE document_id = ? AND "
        params: tuple = (document_id,)
        if extractor_version is None:
            sql += "is_current = 1"
        else:
            sql += "extractor_version = ?"
            params += (extractor_version,)
        with _wrap_errors("reading the register"):
            row = self.db.fetch_one(sql, params)
        return row[0] if row else None

    def record_set_aside(self, source_uri: str, sha256: str | None, reason: str, detail: str = "", *,
                         run_id: str | None = None) -> str:
        """Account for a file that was set aside (reason: a code from pipeline.errors.REASONS); returns its id."""
        if reason not in REASONS:
            raise ValueError(f"unknown set-aside reason: {reason}")
        entry_id = uuid.uuid4().hex
        with _wrap_errors(f"recording set-aside {source_uri}"), self.db.transaction():
            self.db.execute("INSERT INTO set_aside (entry_id, run_id, source_uri, source_sha256, reason, detail, "
                            "recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                            (entry_id, run_id, source_uri, sha256, reason, detail or REASONS[reason], now_iso()))
        return entry_id

    # -- runs ----------------------------------------------------------------------------------------------
    def start_run(self, kind: str, params: dict | None = None) -> str:
        """Open a run (extract, load, publish, ...) owned by this process and return its id. Runs left
        `running` by a process of this host that no longer exists are closed as `interrupted` first."""
        run_id, host = uuid.uuid4().hex, socket.gethostname()
        with _wrap_errors("starting a run"), self.db.transaction():
            self._close_orphaned_runs(host)
            self.db.execute("INSERT INTO runs (run_id, kind, params, status, started_at, host, pid) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?)",
                            (run_id, kind, json.dumps(params or {}, ensure_ascii=False, default=str), "running",
                             now_iso(), host, os.getpid()))
        return run_id

    def _close_orphaned_runs(self, host: str) -> None:
        for run_id, pid in self.db.fetch_all("SELECT run_id, pid FROM runs WHERE status = 'running' AND host = ?",
                                             (host,)):
            if pid is None or _process_alive(int(pid)):
                continue
            summary = {"interrupted": f"process {pid} on {host} ended without finishing the run"}
            self.db.execute("UPDATE runs SET status = 'interrupted', finished_at = ?, summary = ? "
                            "WHERE run_id = ? AND status = 'running'", (now_iso(), json.dumps(summary), run_id))

    def finish_run(self, run_id: str, summary: dict | None = None, *, status: str = "ok") -> None:
        """Close a run with its summary and a status (ok | failed)."""
        with _wrap_errors("finishing a run"), self.db.transaction():
            cur = self.db.execute("UPDATE runs SET status = ?, finished_at = ?, summary = ? WHERE run_id = ?",
                                  (status, now_iso(), json.dumps(summary or {}, ensure_ascii=False, default=str),
                                   run_id))
            if cur.rowcount != 1:
                raise RegisterError(f"no such run: {run_id}")

    def run(self, run_id: str) -> dict | None:
        """One run with params and summary decoded."""
        with _wrap_errors("reading the register"):
            rows = self.db.fetch_dicts("SELECT * FROM runs WHERE run_id = ?", (run_id,))
        if not rows:
            return None
        row = rows[0]
        row["params"] = json.loads(row["params"])
        row["summary"] = json.loads(row["summary"]) if row["summary"] else None
        return row

    # -- analyst queries -----------------------------------------------------------------------------------
    def stats(self) -> dict:
        """Totals and breakdowns over current versions (see queries.read_stats)."""
        with _wrap_errors("reading the register"):
            return queries.read_stats(self.db)

    def export(self, since: date | str | None, fmt: str, out: TextIO) -> int:
        """Write one row per current finding (published on/after `since`) as jsonl or csv; return the count."""
        with _wrap_errors("exporting the register"):
            return queries.write_export(self.db, since, fmt, out)

    def show(self, document_id: str) -> dict | None:
        """A document's versions (history), current records and delivery states; accepts a unique id prefix."""
        with _wrap_errors("reading the register"):
            return queries.read_document(self.db, document_id)

    # -- outbox (publisher) --------------------------------------------------------------------------------
    def enqueue_deliveries(self, endpoint: str) -> int:
        """Queue every current version not yet queued for `endpoint`; return how many were queued."""
        with _wrap_errors("queueing deliveries"), self.db.transaction():
            return outbox.enqueue_current(self.db, endpoint, now_iso())

    def fetch_pending(self, endpoint: str, limit: int, *, after: tuple[str, str] | None = None,
                      include_dead: bool = False) -> list[outbox.Pending]:
        """The next `limit` deliveries to send, in a stable order, after the (recorded_at, document_id) cursor."""
        with _wrap_errors("reading the outbox"):
            return outbox.fetch_pending(self.db, endpoint, limit, after, include_dead)

    def mark_deliveries(self, endpoint: str, keys: list[tuple[str, str]], *, state: str | None,
                        status: int | None, error: str | None, attempts: int) -> None:
        """Update one batch's delivery rows in their own transaction (state None keeps the state)."""
        with _wrap_errors("updating the outbox"), self.db.transaction():
            outbox.mark(self.db, endpoint, keys, state, status, error, attempts, now_iso())

    def delivery_states(self, endpoint: str | None = None) -> dict[tuple[str, str, str], str]:
        """{(document_id, extractor_version, endpoint): state}."""
        with _wrap_errors("reading the outbox"):
            return outbox.read_states(self.db, endpoint)

    def delivery_counts(self, endpoint: str) -> dict[str, int]:
        """{state: number of document versions} for one endpoint."""
        with _wrap_errors("reading the outbox"):
            return outbox.count_states(self.db, endpoint)


# Register methods that are one transaction each (or read only), re-run whole after a lost connection.
RetryingRegister = retrying_subclass(Register, (
    "record_document", "has", "payload", "record_set_aside", "start_run", "finish_run", "run", "stats", "show",
    "enqueue_deliveries", "fetch_pending", "mark_deliveries", "delivery_states", "delivery_counts"))
