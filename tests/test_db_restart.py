"""Transient database faults against a real PostgreSQL: `pg_ctl restart -m fast` in the middle of a reprocess
and of a nightly run is ridden out (each document written once, the run goes on and ends ok); a server that
stays down past --db-retry fails the run with exit 3, and the rerun after it is back completes the work.

A cluster of its own (tests/pg.py), so restarting it never disturbs the session's shared one.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from flow_fakes import write_reports  # noqa: E402
from pg import PgCluster, find_pg_bindir  # noqa: E402

from pipeline.register.retry import DatabaseUnavailable, is_transient, retry_call  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DOCS = 40


@pytest.fixture(scope="module")
def cluster():
    bindir = find_pg_bindir()
    if bindir is None:
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl, postgres) not found")
    own = PgCluster(bindir)
    try:
        own.start()
        yield own
    finally:
        own.stop()


def start(args: list[str], tmp: Path, delay: float) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FINDINGS_")}
    env.update(PYTHONPATH=os.pathsep.join([str(ROOT / "tests"), str(ROOT)]), FINDINGS_CONFIG=os.devnull,
               FINDINGS_PROCESSOR="flow_fakes:fake_process", FAKE_DELAY=str(delay), XDG_STATE_HOME=str(tmp / "state"))
    return subprocess.Popen([sys.executable, "-m", "pipeline.cli", *args], cwd=tmp, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def count(url: str, sql: str) -> int | None:
    """A count, or None while the server is unreachable or the tables are not there yet."""
    import psycopg

    try:
        with psycopg.connect(url, connect_timeout=5) as conn:
            return conn.execute(sql).fetchone()[0]
    except psycopg.Error:
        return None


def wait_for_documents(url: str, proc: subprocess.Popen, n: int) -> int:
    deadline = time.monotonic() + 120
    while (done := count(url, "SELECT COUNT(*) FROM document_versions") or 0) < n:
        assert proc.poll() is None, proc.communicate()[1]
        assert time.monotonic() < deadline, "the run made no progress"
        time.sleep(0.05)
    return done


def assert_each_document_once(url: str) -> None:
    assert count(url, "SELECT COUNT(*) FROM document_versions") == DOCS
    assert count(url, "SELECT COUNT(DISTINCT document_id) FROM document_versions") == DOCS
    assert count(url, "SELECT COUNT(DISTINCT source_sha256) FROM document_versions") == DOCS
    assert count(url, "SELECT COUNT(*) FROM documents") == DOCS
    assert count(url, "SELECT COUNT(*) FROM set_aside") == 0


def restart_mid_run(cluster: PgCluster, url: str, proc: subprocess.Popen) -> None:
    at_restart = wait_for_documents(url, proc, 6)
    cluster.pg_ctl("restart", "-m", "fast")
    assert at_restart < DOCS and proc.poll() is None  # the restart landed in the middle of the run
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    assert "Traceback" not in err and "retrying" in err  # it met the restart and rode it out


def test_reprocess_rides_out_a_server_restart(cluster, tmp_path):
    url = cluster.create_database()
    write_reports(tmp_path / "archive", DOCS)
    proc = start(["reprocess", "archive", "--out", "out", "--db", url, "--workers", "2", "--batch-size", "4"],
                 tmp_path, delay=0.1)
    restart_mid_run(cluster, url, proc)
    assert_each_document_once(url)
    assert count(url, "SELECT COUNT(*) FROM runs WHERE status = 'ok'") == count(url, "SELECT COUNT(*) FROM runs") == 1
    assert len(list((tmp_path / "out" / "documents").glob("*.json"))) == DOCS


def test_nightly_rides_out_a_server_restart(cluster, tmp_path):
    url = cluster.create_database()
    write_reports(tmp_path / "inbox", DOCS)
    proc = start(["run", "nightly", "--no-prefect", "--no-publish", "--inbox", "inbox", "--out", "out", "--db", url],
                 tmp_path, delay=0.1)
    restart_mid_run(cluster, url, proc)
    assert_each_document_once(url)
    assert count(url, "SELECT COUNT(*) FROM runs WHERE status = 'ok'") == count(url, "SELECT COUNT(*) FROM runs") == 1
    assert len(list((tmp_path / "inbox" / "processed").iterdir())) == DOCS


def test_a_server_down_past_the_limit_fails_the_run_and_the_rerun_completes(cluster, tmp_path):
    url = cluster.create_database()
    write_reports(tmp_path / "archive", DOCS)
    args = ["reprocess", "archive", "--out", "out", "--db", url, "--workers", "2", "--batch-size", "4",
            "--db-retry", "3"]
    proc = start(args, tmp_path, delay=0.1)
    at_stop = wait_for_documents(url, proc, 6)
    cluster.pg_ctl("stop", "-m", "fast")
    try:
        _, err = proc.communicate(timeout=120)
    finally:
        cluster.pg_ctl("start")
    assert proc.returncode == 3, err
    lines = [line for line in err.splitlines() if line.startswith("findings:")]
    assert len(lines) == 1 and "Traceback" not in err, err
    assert "register database failed" in lines[0] and "unreachable for 3 s" in lines[0], lines[0]
    assert at_stop <= count(url, "SELECT COUNT(*) FROM document_versions") < DOCS

    proc = start(args, tmp_path, delay=0)
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    assert_each_document_once(url)


def test_retry_call_backs_off_until_the_limit_then_gives_up():
    import psycopg

    clock, sleeps, reconnects = [0.0], [], []

    def sleep(seconds):
        sleeps.append(seconds)
        clock[0] += seconds

    def lost():
        raise psycopg.OperationalError("server closed the connection unexpectedly")

    with pytest.raises(DatabaseUnavailable, match="unreachable for 10 s"):
        retry_call(lost, limit=10, reconnect=lambda: reconnects.append(1), sleep=sleep, clock=lambda: clock[0])
    assert sleeps[:5] == [0.25, 0.5, 1.0, 2.0, 4.0] and max(sleeps) <= 5.0 and sum(sleeps) == pytest.approx(10)
    assert len(reconnects) == len(sleeps)

    answers = iter([lost, lost, lambda: "done"])
    assert retry_call(lambda: next(answers)(), limit=10, reconnect=lambda: None, sleep=sleep,
                      clock=lambda: clock[0]) == "done"
    assert not is_transient(ValueError("not a database fault"))
    assert not is_transient(DatabaseUnavailable("gave up"))
    import sqlite3
    assert not is_transient(sqlite3.OperationalError("database or disk is full"))  # a full disk is not retried
