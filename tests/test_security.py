"""Secrets and outputs: tokens and database passwords never leak, outputs carry no absolute paths,
register SQL is parameterised.

Already covered elsewhere and not repeated here: the endpoint token during `findings publish` (stdout,
stderr, log, register; tests/test_publish.py), credentials in register open errors and hostile titles
through the Register API (tests/test_register.py).
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from flow_fakes import write_broken, write_reports  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "tok-SECURITY-9d1e77-never-print"
PASSWORD = "S3cr3t-pw-e8c1"
HOSTILE = "'); DROP TABLE documents;-- \" ? %s $1 \\x00 <script>alert(1)</script> Hội đồng"


def run(args: list[str], cwd: Path, env: dict | None = None, timeout: int = 120) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if not k.startswith("FINDINGS_")}
    base["PYTHONPATH"] = os.pathsep.join([str(ROOT / "tests"), str(ROOT)])
    base["XDG_STATE_HOME"] = str(cwd / "state")  # crash logs of failed runs land here
    return subprocess.run([sys.executable, "-m", "pipeline.cli", *args], cwd=cwd, env={**base, **(env or {})},
                          capture_output=True, text=True, timeout=timeout)


def all_bytes(*roots: Path) -> bytes:
    return b"".join(p.read_bytes() for root in roots for p in sorted(root.rglob("*")) if p.is_file())


# --- tokens --------------------------------------------------------------------------------------------

class EchoingReceiver:
    """A loopback endpoint that rejects every batch and echoes the Authorization header back in its body."""

    def __init__(self):
        self.authorizations: list[str] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                self.rfile.read(int(self.headers.get("Content-Length", 0)))
                auth = self.headers.get("Authorization", "")
                receiver.authorizations.append(auth)
                body = f"rejected: you sent {auth!r}; token={auth.removeprefix('Bearer ')}".encode()
                self.send_response(400)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/import"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def test_endpoint_token_never_leaves_the_environment_during_a_nightly_publish(tmp_path):
    """The endpoint echoes the token in its error body: it must not reach stdout, stderr, logs, run files
    or the register (where the error is stored)."""
    receiver = EchoingReceiver()
    try:
        inbox = tmp_path / "inbox"
        write_reports(inbox, 2)
        config = tmp_path / "findings.toml"
        config.write_text(f'[[endpoints]]\nname = "bo"\nurl = "{receiver.url}"\nformat = "jsonl"\nbatch_size = 10\n'
                          f'[publish]\nmax_attempts = 1\n', encoding="utf-8")
        done = run(["run", "nightly", "--no-prefect", "--inbox", "inbox", "--out", "out", "--db", "sqlite:///reg.sqlite"],
                   tmp_path, {"FINDINGS_ENDPOINT_TOKEN": TOKEN, "FINDINGS_CONFIG": str(config),
                              "FINDINGS_PROCESSOR": "flow_fakes:fake_process"})
    finally:
        receiver.close()
    assert done.returncode == 0, done.stderr
    assert receiver.authorizations and set(receiver.authorizations) == {f"Bearer {TOKEN}"}  # it was used
    assert TOKEN not in done.stdout + done.stderr
    assert TOKEN.encode() not in all_bytes(tmp_path / "out", inbox) + (tmp_path / "reg.sqlite").read_bytes()
    with sqlite3.connect(tmp_path / "reg.sqlite") as conn:
        errors = [row[0] for row in conn.execute("SELECT last_error FROM deliveries")]
    assert errors and all(e.startswith("HTTP 400") and "***" in e for e in errors)  # stored, redacted


# --- database credentials ------------------------------------------------------------------------------

@pytest.mark.parametrize("url", [
    f"postgresql://findings:{PASSWORD}@127.0.0.1:1/register",
    f"postgres://findings:{PASSWORD}@127.0.0.1:1/register?sslmode=disable",
    f"postgresql://findings@127.0.0.1:1/register?password={PASSWORD}",
    f"postgresql://findings:{PASSWORD}@127.0.0.1:notaport/register",
    f"mysql://findings:{PASSWORD}@127.0.0.1/register",
], ids=["password", "postgres-scheme", "query-password", "bad-port", "unsupported"])
def test_database_password_never_appears_in_register_commands(tmp_path, url):
    for args, env in ((["register", "stats", "--db", url], {}), (["register", "stats", "--json"], {"FINDINGS_DB_URL": url})):
        done = run(args, tmp_path, env, timeout=60)
        assert done.returncode == 3, done.stdout + done.stderr  # the run failed: the register
        assert "register database failed" in done.stderr and "Traceback" not in done.stderr
        assert PASSWORD not in done.stdout + done.stderr
        assert PASSWORD.encode() not in all_bytes(tmp_path / "state")  # nor in the crash log


def test_database_password_never_appears_when_a_run_cannot_start(tmp_path):
    (tmp_path / "inbox").mkdir()
    url = f"postgresql://findings:{PASSWORD}@127.0.0.1:1/register"
    for args in (["run", "nightly", "--no-prefect", "--no-publish", "--inbox", "inbox", "--db", url],
                 ["reprocess", "inbox", "--db", url, "--workers", "0"]):
        done = run(args, tmp_path, {"FINDINGS_PROCESSOR": "flow_fakes:fake_process"}, timeout=60)
        assert done.returncode == 3 and "127.0.0.1" in done.stderr, done.stderr
        assert PASSWORD not in done.stdout + done.stderr and "Traceback" not in done.stderr
        assert PASSWORD.encode() not in all_bytes(tmp_path / "state")


# --- no absolute paths in outputs ----------------------------------------------------------------------

def test_outputs_carry_no_absolute_paths(tmp_path):
    """Absolute input and output paths, run from another directory: nothing written names the tmp dir."""
    docs, inbox = tmp_path / "tai-lieu", tmp_path / "inbox"
    write_reports(docs, 2)
    write_broken(docs / "hong")
    os.symlink(tmp_path / "tai-lieu" / "bao-cao-000.txt", docs / "lien-ket.txt")
    write_reports(inbox, 2)
    write_broken(inbox)
    cwd = tmp_path / "elsewhere"
    cwd.mkdir()
    (tmp_path / "empty.toml").write_text("")
    env = {"FINDINGS_PROCESSOR": "flow_fakes:fake_process", "FINDINGS_CONFIG": str(tmp_path / "empty.toml")}
    extract = run(["extract", str(docs), "--out", str(tmp_path / "extract-out")], cwd, env)
    assert extract.returncode == 1, extract.stderr
    nightly = run(["run", "nightly", "--no-prefect", "--no-publish", "--inbox", str(inbox),
                   "--out", str(tmp_path / "nightly-out"), "--db", f"sqlite:///{tmp_path}/reg.sqlite"], cwd, env)
    assert nightly.returncode == 1, nightly.stderr
    outputs = [p for root in (tmp_path / "extract-out", tmp_path / "nightly-out", inbox / "quarantine")
               for p in root.rglob("*") if p.is_file()]
    assert {p.name for p in outputs} >= {"manifest.json", "report.html", "bao-cao-000.json", "hong.pdf.reason.txt"}
    for path in outputs:
        if path.suffix in (".json", ".html", ".txt"):
            text = path.read_text(encoding="utf-8")
            assert str(tmp_path) not in text and str(tmp_path.resolve()) not in text, path
    manifest = json.loads((tmp_path / "extract-out" / "manifest.json").read_text(encoding="utf-8"))
    assert {e["input"] for e in manifest["entries"]} >= {"tai-lieu/bao-cao-000.txt", "tai-lieu/lien-ket.txt"}


# --- parameterised SQL through the commands ----------------------------------------------------------

def test_hostile_strings_round_trip_through_load_show_and_export(tmp_path):
    """An output JSON whose title, units and findings are SQL/HTML injection attempts goes through
    `register load`, `show`, `export` and `stats` unchanged, and every table survives."""
    from pipeline.jobs.sink import dump_json

    text = f"Thanh tra {HOSTILE} chi sai mục đích"
    output = {
        "schema_version": "1.0", "document_id": "d" * 64,
        "source": {"uri": f"tin/{HOSTILE}.html", "format": "html", "kind": "news", "sha256": "a" * 64},
        "title": HOSTILE, "published": "2024-03-12", "relevant": True,
        "relevance": {"score": 1.0, "reason": HOSTILE}, "text": text, "inspections": [],
        "units": [{"name": HOSTILE, "canonical": HOSTILE, "level": "xa", "role": "inspected", "province": HOSTILE,
                   "spans": [[10, 10 + len(HOSTILE)]]}],
        "dates": [], "doc_refs": [], "counts": [], "sanctions": [], "recommendations": [],
        "findings": [{"code": "chi_sai_muc_dich", "status": "violation", "unit": HOSTILE, "count": None,
                      "evidence": {"sentence": text, "span": [0, len(text)]}}],
        "extractor": {"name": "findings", "version": "1.0.0", "components": []},
    }
    out = tmp_path / "out"
    out.mkdir()
    (out / "doc.json").write_text(dump_json(output), encoding="utf-8")
    db = f"sqlite:///{tmp_path}/reg.sqlite"
    loaded = run(["register", "load", str(out), "--db", db], tmp_path)
    assert loaded.returncode == 0 and json.loads(loaded.stdout)["inserted"] == 1, loaded.stderr
    shown = json.loads(run(["register", "show", "d" * 12, "--db", db], tmp_path).stdout)
    assert shown["title"] == HOSTILE and shown["versions"][0]["findings"][0]["unit"] == HOSTILE
    exported = run(["register", "export", "--db", db], tmp_path)
    rows = [json.loads(line) for line in exported.stdout.splitlines()]
    assert len(rows) == 1 and rows[0]["title"] == HOSTILE and rows[0]["unit"] == HOSTILE
    stats = json.loads(run(["register", "stats", "--json", "--db", db], tmp_path).stdout)
    assert stats["documents"] == 1 and stats["findings"] == 1
    with sqlite3.connect(tmp_path / "reg.sqlite") as conn:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert {"documents", "document_versions", "findings", "units", "runs", "set_aside"} <= tables
        assert conn.execute("SELECT title FROM document_versions").fetchone()[0] == HOSTILE


# --- the CI dependency audit's verdict -----------------------------------------------------------------

def load_audit_check():
    import importlib.util

    spec = importlib.util.spec_from_file_location("pip_audit_check", ROOT / ".ci" / "pip_audit_check.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_audit_check_fails_on_unignored_vulnerabilities_and_warns_when_unreachable(tmp_path, capsys, monkeypatch):
    check = load_audit_check()
    monkeypatch.setattr(check, "PYPI", "http://127.0.0.1:1/pypi/{name}/json")  # nothing listens there
    requirements = tmp_path / "requirements.txt"
    requirements.write_text("lxml==6.1.3\nsetuptools==65.5.0\n")
    vuln = {"id": "GHSA-cx63-2mw6-8hw5", "aliases": ["CVE-2024-6345"], "fix_versions": ["70.0.0"], "description": "x"}
    report = tmp_path / "report.json"
    report.write_text(json.dumps({"dependencies": [{"name": "lxml", "version": "6.1.3", "vulns": []},
                                                   {"name": "setuptools", "version": "65.5.0", "vulns": [vuln]}]}))
    ignores = tmp_path / "ignore.txt"
    ignores.write_text("# none\n")
    assert check.main(str(report), str(requirements), str(ignores)) == 1
    assert "VULNERABLE: setuptools==65.5.0 GHSA-cx63-2mw6-8hw5" in capsys.readouterr().out
    ignores.write_text("CVE-2024-6345  build-time only: package_index is never used by the pipeline\n")
    assert check.main(str(report), str(requirements), str(ignores)) == 0
    assert "IGNORED (build-time only" in capsys.readouterr().out
    ignores.write_text("CVE-2024-6345\n")
    with pytest.raises(SystemExit, match="needs a reason"):
        check.main(str(report), str(requirements), str(ignores))
    # Every dependency skipped by pip-audit and the fallback unreachable: a loud warning, not a failure.
    report.write_text(json.dumps({"dependencies": [{"name": "lxml", "skip_reason": "Dependency not found on PyPI"},
                                                   {"name": "setuptools", "skip_reason": "Dependency not found"}]}))
    assert check.main(str(report), str(requirements), str(tmp_path / "none.txt")) == 0
    out = capsys.readouterr().out
    assert "NOTHING WAS AUDITED" in out and "not audited (unreachable): 2" in out
