"""Outbox rows: one delivery state per (document version, endpoint): pending, delivered, dead or superseded."""

from __future__ import annotations

from dataclasses import dataclass

from .db import Database

STATES = ("pending", "delivered", "dead", "superseded")


@dataclass(frozen=True, slots=True)
class Pending:
    """A delivery to make: the stored JSON of one document version."""

    document_id: str
    extractor_version: str
    recorded_at: str
    payload: str
    state: str
    attempts: int

    @property
    def key(self) -> tuple[str, str]:
        return self.document_id, self.extractor_version

    @property
    def cursor(self) -> tuple[str, str]:
        return self.recorded_at, self.document_id


def enqueue_current(db: Database, endpoint: str, now: str) -> int:
    cur = db.execute(
        "INSERT INTO deliveries (document_id, extractor_version, endpoint, state, attempts, queued_at, updated_at) "
        "SELECT document_id, extractor_version, CAST(? AS TEXT), 'pending', 0, CAST(? AS TEXT), CAST(? AS TEXT) "
        "FROM document_versions WHERE is_current = 1 "
        "ON CONFLICT (document_id, extractor_version, endpoint) DO NOTHING",
        (endpoint, now, now))
    return max(cur.rowcount, 0)


def retire_deliveries(db: Database, document_id: str, extractor_version: str, now: str) -> None:
    """A superseded version is no longer sent anywhere it has not reached yet."""
    db.execute("UPDATE deliveries SET state = 'superseded', updated_at = ? "
               "WHERE document_id = ? AND extractor_version = ? AND state = 'pending'",
               (now, document_id, extractor_version))


def fetch_pending(db: Database, endpoint: str, limit: int, after: tuple[str, str] | None,
                  include_dead: bool) -> list[Pending]:
    states = ("pending", "dead") if include_dead else ("pending", "pending")
    sql = ("SELECT d.document_id, d.extractor_version, v.recorded_at, v.payload, d.state, d.attempts "
           "FROM deliveries d JOIN document_versions v "
           "ON v.document_id = d.document_id AND v.extractor_version = d.extractor_version "
           "WHERE d.endpoint = ? AND v.is_current = 1 AND d.state IN (?, ?) ")
    params: list = [endpoint, *states]
    if after is not None:
        sql += "AND (v.recorded_at > ? OR (v.recorded_at = ? AND v.document_id > ?)) "
        params += [after[0], after[0], after[1]]
    sql += "ORDER BY v.recorded_at, v.document_id LIMIT ?"
    params.append(int(limit))
    return [Pending(r[0], r[1], r[2], r[3], r[4], int(r[5])) for r in db.fetch_all(sql, params)]


def mark(db: Database, endpoint: str, keys: list[tuple[str, str]], state: str | None, status: int | None,
         error: str | None, attempts: int, now: str) -> None:
    if state is not None and state not in STATES:
        raise ValueError(f"unknown delivery state: {state}")
    delivered_at = now if state == "delivered" else None
    db.execute_many(
        "UPDATE deliveries SET state = COALESCE(?, state), attempts = attempts + ?, last_status = ?, "
        "last_error = ?, delivered_at = COALESCE(?, delivered_at), updated_at = ? "
        "WHERE document_id = ? AND extractor_version = ? AND endpoint = ?",
        [(state, attempts, status, error, delivered_at, now, doc, ver, endpoint) for doc, ver in keys])


def read_states(db: Database, endpoint: str | None) -> dict[tuple[str, str, str], str]:
    sql = "SELECT document_id, extractor_version, endpoint, state FROM deliveries"
    params: tuple = ()
    if endpoint is not None:
        sql += " WHERE endpoint = ?"
        params = (endpoint,)
    return {(r[0], r[1], r[2]): r[3] for r in db.fetch_all(sql, params)}


def count_states(db: Database, endpoint: str) -> dict[str, int]:
    return {state: int(n) for state, n in db.fetch_all(
        "SELECT state, COUNT(*) FROM deliveries WHERE endpoint = ? GROUP BY state", (endpoint,))}
