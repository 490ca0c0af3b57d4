"""End to end against a real Prefect server started as the README documents it: `findings serve` (the
nightly deployment), runs triggered through the API and through Prefect's own CLI, the register
afterwards, and the UI's runs page with the API settings it is served."""

from __future__ import annotations

import json
import os
import re
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
FINDINGS = Path(sys.executable).parent / "findings"


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


def create_run(api: str, deployment: str, attempts: int = 5) -> str:
    """Create a run of a deployment through the API; a busy server (5xx, its SQLite locked by the
    worker's own writes) is asked again, anything else fails with the server's answer."""
    for attempt in range(attempts):
        answer = httpx.post(f"{api}/deployments/{deployment}/create_flow_run", json={}, timeout=30)
        if answer.status_code < 500:
            break
        time.sleep(1 + attempt)
    assert answer.status_code in (200, 201), f"create_flow_run: {answer.status_code} {answer.text[:2000]}"
    return answer.json()["id"]


def run_state(api: str, run: str) -> str | None:
    """The state type of a flow run, None while the server cannot answer."""
    answer = httpx.get(f"{api}/flow_runs/{run}", timeout=10)
    return answer.json()["state"]["type"] if answer.status_code == 200 else None


@pytest.fixture
def prefect_server(tmp_path):
    """A real Prefect server with the README's settings (telemetry off, UI on, a port that is not the
    default, so PREFECT_UI_API_URL is set), on 127.0.0.1 with its own PREFECT_HOME and SQLite database."""
    port = free_port()
    api = f"http://127.0.0.1:{port}/api"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(PREFECT_HOME=str(tmp_path / "prefect-home"),
               PREFECT_API_DATABASE_CONNECTION_URL=f"sqlite+aiosqlite:///{tmp_path}/prefect.db",
               PREFECT_SERVER_ANALYTICS_ENABLED="false", DO_NOT_TRACK="1",
               PREFECT_SERVER_API_HOST="127.0.0.1", PREFECT_SERVER_API_PORT=str(port), PREFECT_UI_API_URL=api)
    proc = subprocess.Popen([str(PREFECT), "server", "start"],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        wait_for(lambda: healthy(api), 120, "prefect server /api/health", [proc])
        yield api, env
    finally:
        stop(proc)


def findings_env(server_env: dict, api: str, tmp_path: Path) -> dict:
    """Environment of a `findings` process against the server: the fast fake processor, an empty config."""
    (tmp_path / "findings.toml").write_text("")
    return {**server_env, "PREFECT_API_URL": api, "FINDINGS_PROCESSOR": "flow_fakes:fake_process",
            "FINDINGS_CONFIG": str(tmp_path / "findings.toml"),
            "PYTHONPATH": os.pathsep.join([str(ROOT / "tests"), str(ROOT)])}


def check_register_and_inbox(db: Path, inbox: Path, out: Path) -> None:
    """One nightly run over write_reports(inbox, 3) + write_broken(inbox) left these traces."""
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


def test_served_nightly_deployment_runs_through_the_api(prefect_server, tmp_path):
    api, server_env = prefect_server
    inbox, out, db = tmp_path / "inbox", tmp_path / "out", tmp_path / "reg.sqlite"
    write_reports(inbox, 3)
    write_broken(inbox)
    env = findings_env(server_env, api, tmp_path)
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

    check_register_and_inbox(db, inbox, out)


def prefect_cli(env: dict, *args: str, cwd: Path | None = None) -> str:
    """Run Prefect's own CLI; fail with its output unless it exits 0."""
    result = subprocess.run([str(PREFECT), *args], env={**env, "COLUMNS": "200"}, cwd=cwd, capture_output=True,
                            text=True, timeout=240)
    assert result.returncode == 0, f"prefect {' '.join(args)} exited {result.returncode}:\n" \
        f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result.stdout


def test_prefect_cli_runs_the_served_deployment_and_the_ui_shows_it(prefect_server, tmp_path):
    api, server_env = prefect_server
    inbox, out, db = tmp_path / "inbox", tmp_path / "out", tmp_path / "reg.sqlite"
    write_reports(inbox, 3)
    write_broken(inbox)
    env = findings_env(server_env, api, tmp_path)
    # The list commands that failed with 422 ('limit': None) under fastapi >= 0.151.
    assert json.loads(prefect_cli(env, "deployment", "ls", "-o", "json")) == []
    assert json.loads(prefect_cli(env, "flow-run", "ls", "-o", "json")) == []

    serve = subprocess.Popen([str(FINDINGS), "serve", "--inbox", str(inbox), "--out", str(out),
                              "--db", f"sqlite:///{db}"], cwd=tmp_path, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        wait_for(lambda: deployment_exists(api, "nightly-ingest/nightly"), 90, "the served deployment", [serve])
        (deployment,) = json.loads(prefect_cli(env, "deployment", "ls", "-o", "json"))
        assert deployment["name"] == "nightly"
        ran = prefect_cli(env, "deployment", "run", "nightly-ingest/nightly",
                          "--watch", "--watch-interval", "1", "--watch-timeout", "180")
        assert "Flow run finished successfully in 'Completed'" in ran, ran
    finally:
        stop(serve)
    (flow_run,) = json.loads(prefect_cli(env, "flow-run", "ls", "-o", "json"))
    assert (flow_run["deployment_id"], flow_run["state_type"]) == (deployment["id"], "COMPLETED")
    check_register_and_inbox(db, inbox, out)

    # The UI: served with the API address set by PREFECT_UI_API_URL, which answers; its runs page
    # (v2 is the default UI, v1 the other) loads with its script, and the runs query it makes lists the run.
    base = api.removesuffix("/api")
    settings = httpx.get(f"{base}/ui-settings", timeout=10).json()
    assert settings["api_url"] == api and settings["default_ui"] == "v2"
    assert httpx.get(f"{settings['api_url']}/health", timeout=10).json() is True
    for page in ("/v2/runs", "/runs"):
        html = httpx.get(base + page, headers={"Accept": "text/html"}, timeout=10)
        assert html.status_code == 200 and html.headers["content-type"].startswith("text/html"), page
        scripts = re.findall(r'<script[^>]+src="([^"]+\.js)"', html.text)
        assert scripts, html.text[:500]
        for script in scripts:
            asset = httpx.get(httpx.URL(base + page).join(script), timeout=10)
            assert asset.status_code == 200 and "javascript" in asset.headers["content-type"], script
    runs = httpx.post(f"{settings['api_url']}/flow_runs/paginate", timeout=10,
                      json={"page": 1, "limit": 100, "sort": "START_TIME_DESC"}).json()
    assert [(r["id"], r["state_type"]) for r in runs["results"]] == [(flow_run["id"], "COMPLETED")]


def test_prefect_yaml_deploys_and_a_worker_runs_nightly(prefect_server, tmp_path):
    """The work-pool route of prefect.yaml (paths of the target machine swapped for this checkout)."""
    api, server_env = prefect_server
    inbox, out, db = tmp_path / "inbox", tmp_path / "out", tmp_path / "reg.sqlite"
    write_reports(inbox, 3)
    write_broken(inbox)
    env = findings_env(server_env, api, tmp_path)
    spec = (ROOT / "prefect.yaml").read_text()
    assert "directory: /opt/findings" in spec and "FINDINGS_CONFIG: /etc/findings/findings.toml" in spec
    (tmp_path / "prefect.yaml").write_text(
        spec.replace("directory: /opt/findings", f"directory: {ROOT}")
        .replace("FINDINGS_CONFIG: /etc/findings/findings.toml", f"FINDINGS_CONFIG: {env['FINDINGS_CONFIG']}"))
    prefect_cli(env, "work-pool", "create", "findings", "--type", "process")
    prefect_cli(env, "--no-prompt", "deploy", "--all", "--prefect-file", str(tmp_path / "prefect.yaml"), cwd=ROOT)
    deployments = json.loads(prefect_cli(env, "deployment", "ls", "-o", "json"))
    assert sorted(d["name"] for d in deployments) == ["nightly", "reprocess"]

    worker = subprocess.Popen([str(PREFECT), "worker", "start", "--pool", "findings"], cwd=tmp_path, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        params = {"inbox": str(inbox), "out": str(out), "feeds": None, "db": f"sqlite:///{db}"}
        ran = prefect_cli(env, "deployment", "run", "nightly-ingest/nightly", "--params", json.dumps(params),
                          "--watch", "--watch-interval", "1", "--watch-timeout", "240")
        assert "Flow run finished successfully in 'Completed'" in ran, ran
    finally:
        stop(worker)
    check_register_and_inbox(db, inbox, out)
