"""The register's SQL layer (SQLAlchemy Core under the Database interface), on SQLite and a real PostgreSQL."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import psycopg
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pg import pg_cluster, register_url  # noqa: E402,F401  (fixtures)

from pipeline.register import RegisterError, open_register  # noqa: E402
from pipeline.register.db import connect_database, driver_errors  # noqa: E402


@pytest.fixture
def db(register_url):
    database = connect_database(register_url)
    database.execute("CREATE TABLE notes (note_id TEXT PRIMARY KEY, body TEXT, n BIGINT)")
    yield database
    database.close()


def test_statements_take_question_mark_placeholders(db):
    with db.transaction():
        db.execute_many("INSERT INTO notes VALUES (?, ?, ?)", [("a", "50% at 10:30 ?", 1), ("b", None, 2)])
    assert db.fetch_all("SELECT note_id, body FROM notes WHERE n >= ? ORDER BY note_id", (1,)) == \
        [("a", "50% at 10:30 ?"), ("b", None)]
    assert db.fetch_one("SELECT n FROM notes WHERE note_id = ?", ("b",)) == (2,)
    assert db.fetch_one("SELECT n FROM notes WHERE note_id = ?", ("z",)) is None
    assert db.fetch_dicts("SELECT note_id, n FROM notes WHERE note_id = ?", ("a",)) == [{"note_id": "a", "n": 1}]
    assert db.execute("UPDATE notes SET n = n + 1").rowcount == 2
    assert db.conn.execute(db.sql("SELECT COUNT(*) FROM notes WHERE n > ?"), {"p0": 2}).scalar() == 1
    with pytest.raises(RegisterError, match="2 placeholders but 1 values"):
        db.execute("SELECT * FROM notes WHERE note_id = ? AND n = ?", ("a",))


def test_transaction_commits_all_or_nothing(db):
    with pytest.raises(ValueError):
        with db.transaction():
            db.execute("INSERT INTO notes VALUES (?, ?, ?)", ("a", "x", 1))
            raise ValueError("stop")
    assert db.fetch_all("SELECT * FROM notes") == []
    with pytest.raises(RegisterError, match="nested"):
        with db.transaction(), db.transaction():
            pass


def test_errors_are_the_drivers_own(db):
    db.execute("INSERT INTO notes VALUES (?, ?, ?)", ("a", "x", 1))
    driver_error = sqlite3.IntegrityError if db.dialect.name == "sqlite" else psycopg.errors.UniqueViolation
    with pytest.raises(driver_error):
        with db.transaction():
            db.execute("INSERT INTO notes VALUES (?, ?, ?)", ("b", "y", 2))
            db.execute("INSERT INTO notes VALUES (?, ?, ?)", ("a", "z", 3))
    assert db.fetch_all("SELECT note_id FROM notes") == [("a",)]
    assert issubclass(driver_error, driver_errors())


def test_lost_connection_reports_the_first_error(pg_cluster):
    url = pg_cluster.create_database()
    with open_register(url) as reg, open_register(url) as other:
        (pid,) = reg.db.fetch_one("SELECT pg_backend_pid()")
        with pytest.raises(psycopg.OperationalError):
            with reg.db.transaction():
                reg.db.execute("UPDATE runs SET status = ?", ("x",))
                other.db.execute("SELECT pg_terminate_backend(?)", (pid,))
                reg.db.execute("SELECT 1")
        with pytest.raises(RegisterError):  # the Database stays unusable; a new one connects
            reg.stats()
    with open_register(url) as reg:
        assert reg.stats()["runs"] == 0
