"""End to end against a real Prefect server: `prefect server start`, `findings serve` (the nightly
deployment), a run triggered through the API, and the register afterwards."""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from flow_fakes import write_broken, write_reports  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
PREFECT = Path(sys.executable).parent / "prefect"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop(proc: subprocess.Popen) -> None:
    """Stop a process group this test started: SIGTERM, then SIGKILL."""
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=5)


def wait_for(check, timeout: float, what: str, procs=()) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for proc in procs:
            if proc.poll() is not None:
                raise AssertionError(f"{what}: process exited with {proc.returncode}: "
                                     f"{proc.stdout.read().decode(errors='replace')[-3000:]}")
        if check():
            return
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}")


def healthy(api: str) -> bool:
    try:
        return httpx.get(f"{api}/health", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


def deployment_exists(api: str, name: str) -> bool:
    return httpx.get(f"{api}/deployments/name/{name}", timeout=5).status_code == 200


@pytest.fixture
def prefect_server(tmp_path):
    """A real Prefect server on 127.0.0.1 with its own PREFECT_HOME and SQLite database."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(PREFECT_HOME=str(tmp_path / "prefect-home"),
               PREFECT_API_DATABASE_CONNECTION_URL=f"sqlite+aiosqlite:///{tmp_path}/prefect.db",
               PREFECT_SERVER_ANALYTICS_ENABLED="false", PREFECT_UI_ENABLED="false")
    proc = subprocess.Popen([str(PREFECT), "server", "start", "--host", "127.0.0.1", "--port", str(port)],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    api = f"http://127.0.0.1:{port}/api"
    try:
        wait_for(lambda: healthy(api), 120, "prefect server /api/health", [proc])
        yield api, env
    finally:
        stop(proc)


def test_served_nightly_deployment_runs_through_the_api(prefect_server, tmp_path):
    api, server_env = prefect_server
    inbox, out, db = tmp_path / "inbox", tmp_path / "out", tmp_path / "reg.sqlite"
    write_reports(inbox, 3)
    write_broken(inbox)
    (tmp_path / "findings.toml").write_text("")
    env = {**server_env, "PREFECT_API_URL": api, "FINDINGS_PROCESSOR": "flow_fakes:fake_process",
           "FINDINGS_CONFIG": str(tmp_path / "findings.toml"),
           "PYTHONPATH": os.pathsep.join([str(ROOT / "tests"), str(ROOT)])}
    serve = subprocess.Popen([sys.executable, "-m", "pipeline.runs_cli", "serve", "--inbox", str(inbox),
                              "--out", str(out), "--db", f"sqlite:///{db}", "--name", "e2e"],
                             cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             start_new_session=True)
    try:
        wait_for(lambda: deployment_exists(api, "nightly-ingest/e2e"), 90, "the served deployment", [serve])
        schedules = httpx.get(f"{api}/deployments/name/nightly-ingest/e2e").json()["schedules"]
        assert [(s["schedule"]["cron"], s["schedule"]["timezone"]) for s in schedules] == \
            [("0 2 * * *", "Asia/Ho_Chi_Minh")]

        from prefect.deployments import run_deployment
        from prefect.settings import PREFECT_API_URL, temporary_settings

        with temporary_settings(updates={PREFECT_API_URL: api}):
            flow_run = run_deployment("nightly-ingest/e2e", timeout=120, poll_interval=1, as_subflow=False)
        assert flow_run.state.is_completed(), flow_run.state
    finally:
        stop(serve)

    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*), COUNT(DISTINCT document_id) FROM document_versions").fetchone() \
            == (3, 3)
        assert sorted(r for (r,) in conn.execute("SELECT reason FROM set_aside")) == ["corrupt", "empty"]
        assert conn.execute("SELECT kind, status FROM runs").fetchall() == [("nightly", "ok")]
    assert len(list((inbox / "processed").iterdir())) == 3
    assert sorted(p.name for p in (inbox / "quarantine").iterdir()) == [
        "hong.pdf", "hong.pdf.reason.txt", "rong.docx", "rong.docx.reason.txt"]
    (run_dir,) = out.iterdir()
    assert (run_dir / "report.html").exists() and (run_dir / "manifest.json").exists()
