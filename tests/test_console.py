"""The console of `run nightly`, `reprocess` and `serve`: by default only our own lines (summary, set-aside
reasons); -v adds Prefect's logs, -vv HTTP requests. Real CLI subprocesses, real Prefect servers."""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from flow_fakes import write_broken, write_reports  # noqa: E402
from test_prefect_server import (create_run, deployment_exists, prefect_server, run_state, stop,  # noqa: E402,F401
                                 wait_for)

from pipeline.jobs import console  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SUMMARY = re.compile(r"5 inputs: 3 processed, 0 duplicates, 2 set aside -> \S+")
SET_ASIDE = ["  set aside corrupt: 1", "  set aside empty: 1"]


def cli_env(tmp_path: Path, **extra: str) -> dict:
    """No PREFECT_* from the outside (so a temporary server starts), a fresh PREFECT_HOME, the fake extractor."""
    (tmp_path / "findings.toml").write_text("")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_") and k != "DO_NOT_TRACK"}
    env.update(PREFECT_HOME=str(tmp_path / "prefect-home"), PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS="180",
               FINDINGS_PROCESSOR="flow_fakes:fake_process", FINDINGS_CONFIG=str(tmp_path / "findings.toml"),
               PYTHONPATH=os.pathsep.join([str(ROOT / "tests"), str(ROOT)]), **extra)
    return env


def run_nightly(tmp_path: Path, *flags: str) -> subprocess.CompletedProcess:
    inbox = tmp_path / "inbox"
    write_reports(inbox, 3)
    write_broken(inbox)
    return subprocess.run([sys.executable, "-m", "pipeline.cli", "run", "nightly", "--inbox", str(inbox),
                           "--out", str(tmp_path / "out"), "--db", f"sqlite:///{tmp_path}/reg.sqlite", *flags],
                          cwd=tmp_path, env=cli_env(tmp_path), capture_output=True, text=True, timeout=400)


def test_nightly_default_output_holds_only_our_lines(tmp_path):
    done = run_nightly(tmp_path)
    assert done.returncode == 1, done.stderr
    lines = done.stderr.splitlines()
    assert done.stdout == "" and SUMMARY.fullmatch(lines[0]) and lines[1:] == SET_ASIDE, done.stderr
    assert (tmp_path / "prefect-home").is_dir()  # the run did go through a temporary Prefect server


def test_nightly_verbose_shows_prefect_logs_then_http(tmp_path):
    done = run_nightly(tmp_path, "-vv")
    assert done.returncode == 1, done.stderr
    assert "Beginning flow run" in done.stderr and "Starting temporary server" in done.stderr
    assert "HTTP Request: POST" in done.stderr
    assert "telemetry" not in done.stderr.lower()
    assert any(SUMMARY.fullmatch(line) for line in done.stderr.splitlines())


def test_verbosity_levels(monkeypatch):
    for key in (*console.TELEMETRY_OFF, *console.PREFECT_QUIET):
        monkeypatch.delenv(key, raising=False)
    saved = {name: logging.getLogger(name).level for name in console.HTTP_LOGGERS}
    try:
        console.configure(1)
        assert not any(key in os.environ for key in console.PREFECT_QUIET)
        assert logging.getLogger("httpx").level == logging.WARNING
        assert os.environ["DO_NOT_TRACK"] == "1" and os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] == "false"
        console.configure(2)
        assert logging.getLogger("httpx").level == logging.INFO
        console.configure(0)
        assert os.environ["PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL"] == "CRITICAL"
        monkeypatch.setenv("PREFECT_SERVER_ANALYTICS_ENABLED", "true")
        console.configure(0)
        assert os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] == "true"  # the operator's choice stands
    finally:
        for name, level in saved.items():
            logging.getLogger(name).setLevel(level)
        for name in console.OURS:
            logging.getLogger(name).handlers, logging.getLogger(name).propagate = [], True
        logging.captureWarnings(False)


def test_reprocess_default_output_holds_only_our_lines(tmp_path):
    corpus = tmp_path / "archive"
    write_reports(corpus, 3)
    write_broken(corpus)
    done = subprocess.run([sys.executable, "-m", "pipeline.cli", "reprocess", str(corpus), "--out",
                           str(tmp_path / "out"), "--db", f"sqlite:///{tmp_path}/reg.sqlite", "--workers", "0"],
                          cwd=tmp_path, env=cli_env(tmp_path), capture_output=True, text=True, timeout=300)
    assert done.returncode == 1, done.stderr
    lines = done.stderr.splitlines()
    assert done.stdout == "" and re.fullmatch(r"5 inputs: 3 processed, 0 skipped \(already done at \S+\), "
                                              r"0 duplicates, 2 set aside in [\d.]+ s", lines[0]), done.stderr
    assert lines[1:] == SET_ASIDE, done.stderr


def test_served_run_prints_only_our_lines(prefect_server, tmp_path):  # noqa: F811
    api, server_env = prefect_server
    inbox = tmp_path / "inbox"
    write_reports(inbox, 3)
    write_broken(inbox)
    env = {**cli_env(tmp_path), **{k: v for k, v in server_env.items() if k.startswith("PREFECT_")},
           "PREFECT_API_URL": api}
    env.pop("PREFECT_SERVER_ANALYTICS_ENABLED")  # the server's own setting; the client sets its defaults
    log = tmp_path / "serve.log"
    with open(log, "wb") as sink:
        serve = subprocess.Popen([sys.executable, "-m", "pipeline.cli", "serve", "--inbox", str(inbox), "--out",
                                  str(tmp_path / "out"), "--db", f"sqlite:///{tmp_path}/reg.sqlite", "--name", "quiet"],
                                 cwd=tmp_path, env=env, stdout=sink, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            wait_for(lambda: deployment_exists(api, "nightly-ingest/quiet"), 120, "the served deployment", [])
            deployment = httpx.get(f"{api}/deployments/name/nightly-ingest/quiet").json()
            run = create_run(api, deployment["id"])
            wait_for(lambda: run_state(api, run) == "COMPLETED", 180, "the served run", [])
            wait_for(lambda: "set aside empty" in log.read_text(errors="replace"), 30, "the run's summary", [])
        finally:
            stop(serve)
    lines = [line for line in log.read_text(errors="replace").splitlines() if line.strip()]
    assert lines[0].startswith("serving nightly-ingest/quiet: cron '0 2 * * *' (Asia/Ho_Chi_Minh)"), lines
    assert SUMMARY.fullmatch(lines[1]) and lines[2:4] == SET_ASIDE, lines
    assert len(lines) == 4, lines
