"""Crash safety of the nightly run: SIGKILLed part-way (twice), then rerun, nothing is lost or doubled.

The real command (`findings run nightly --no-prefect --no-publish`) runs in a subprocess with the slow fake
processor of flow_fakes (real loaders, FAKE_DELAY seconds per document), so a kill lands mid-run.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from flow_fakes import write_broken, write_reports  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
REPORTS = 10


def count(db: Path, sql: str) -> int:
    if not db.exists():
        return 0
    with sqlite3.connect(db) as conn:
        try:
            return conn.execute(sql).fetchone()[0]
        except sqlite3.OperationalError:  # tables not created yet
            return 0


def start_nightly(tmp: Path, delay: float) -> subprocess.Popen:
    (tmp / "empty.toml").write_text("")
    env = {**os.environ, "FINDINGS_PROCESSOR": "flow_fakes:fake_process", "FAKE_DELAY": str(delay),
           "FINDINGS_CONFIG": str(tmp / "empty.toml"),
           "PYTHONPATH": os.pathsep.join([str(ROOT / "tests"), str(ROOT)])}
    return subprocess.Popen([sys.executable, "-m", "pipeline.runs_cli", "run", "nightly", "--no-prefect",
                             "--no-publish", "--inbox", str(tmp / "inbox"), "--out", str(tmp / "out"),
                             "--db", f"sqlite:///{tmp / 'reg.sqlite'}"],
                            cwd=tmp, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)


def kill_when(proc: subprocess.Popen, db: Path, documents: int) -> int:
    """SIGKILL the run (its whole process group) once the register holds `documents` documents."""
    deadline = time.monotonic() + 60
    while count(db, "SELECT COUNT(*) FROM document_versions") < documents:
        assert proc.poll() is None, proc.stderr.read().decode()
        assert time.monotonic() < deadline, "the run made no progress"
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL
    return count(db, "SELECT COUNT(*) FROM document_versions")


def settled_names(inbox: Path) -> Counter:
    """Inbox file names as they ended in processed/ and quarantine/ (free_path's .N suffixes removed)."""
    names: Counter = Counter()
    for folder in ("processed", "quarantine"):
        for path in (inbox / folder).rglob("*"):
            if path.is_file() and not path.name.endswith(".reason.txt"):
                names[(folder, path.relative_to(inbox / folder).as_posix())] += 1
    return names


def test_killed_nightly_runs_then_a_rerun_account_for_every_input_once(tmp_path):
    inbox, out, db = tmp_path / "inbox", tmp_path / "out", tmp_path / "reg.sqlite"
    reports = write_reports(inbox, REPORTS)
    shutil.copy(reports[0], inbox / "ban-sao.txt")  # same bytes under another name: a duplicate
    write_broken(inbox / "phong-ban")  # an empty .docx and a junk .pdf: set aside
    inputs = sorted(p.relative_to(inbox).as_posix() for p in inbox.rglob("*") if p.is_file())
    assert len(inputs) == REPORTS + 3

    first = kill_when(start_nightly(tmp_path, delay=0.3), db, 3)
    assert 3 <= first < REPORTS
    assert not (inbox / "processed").exists()  # files move only once the register holds them
    second = kill_when(start_nightly(tmp_path, delay=0.3), db, first + 2)
    assert first < second < REPORTS

    done = start_nightly(tmp_path, delay=0)
    _, err = done.communicate(timeout=120)
    assert done.returncode == 1, err.decode()  # exit 1: two inputs set aside
    assert "Traceback" not in err.decode()

    # Every inbox file ended exactly once in processed/ or quarantine/; none left, none invented.
    settled = settled_names(inbox)
    assert sorted(name for _, name in settled) == inputs and set(settled.values()) == {1}
    assert {name for folder, name in settled if folder == "quarantine"} == {"phong-ban/hong.pdf", "phong-ban/rong.docx"}
    assert [p.name for p in inbox.iterdir() if p.is_file()] == [".nightly.lock"]

    # The register holds each document once, each set-aside file once, and the three runs.
    assert count(db, "SELECT COUNT(*) FROM document_versions") == REPORTS
    assert count(db, "SELECT COUNT(DISTINCT document_id) FROM document_versions") == REPORTS
    assert count(db, "SELECT COUNT(*) FROM documents") == REPORTS
    assert count(db, "SELECT COUNT(*) FROM set_aside") == count(db, "SELECT COUNT(DISTINCT source_sha256) "
                                                                    "FROM set_aside") == 2
    assert count(db, "SELECT COUNT(*) FROM runs WHERE status = 'ok'") == 1
    assert count(db, "SELECT COUNT(*) FROM runs WHERE status = 'interrupted'") == 2  # the killed ones, closed

    # The last run's manifest accounts for every input: processed + duplicates + set aside.
    runs = sorted(out.iterdir())
    assert len(runs) == 3
    manifest = json.loads((runs[-1] / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["inputs"] == len(inputs) == len(manifest["entries"])
    assert manifest["processed"] + manifest["duplicates"] + manifest["set_aside"] == manifest["inputs"]
    assert manifest["processed"] == REPORTS - second and manifest["set_aside"] == 2
    assert sorted(e["source_uri"] for e in manifest["entries"]) == [f"inbox/{n}" for n in inputs]

    # No half-written outputs: every visible file of every run (killed ones too) is complete.
    outputs = [p for p in out.rglob("*") if p.is_file() and not p.name.startswith(".")]
    assert not [p for p in outputs if p.suffix in (".tmp", ".part")]
    for path in outputs:
        if path.suffix == ".json":
            json.loads(path.read_text(encoding="utf-8"))
    written = {p.stem for p in out.rglob("documents/*.json")}
    assert len(written) == REPORTS  # each document's JSON exists (killed runs wrote theirs before dying)

    again = start_nightly(tmp_path, delay=0)
    _, err = again.communicate(timeout=60)
    assert again.returncode == 0 and "0 inputs" in err.decode(), err.decode()
