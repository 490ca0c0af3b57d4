"""Archive reprocessing: resumable, idempotent per (raw sha256, extractor version), batched on processes."""

from __future__ import annotations

import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from flow_fakes import write_broken, write_reports  # noqa: E402

from pipeline.jobs.progress import Progress  # noqa: E402
from pipeline.register import open_register  # noqa: E402
from pipeline.jobs.reprocess import RunLocked, format_summary, lock_output, reprocess_archive  # noqa: E402
from pipeline.runs_cli import main as runs_main  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
FAKE, FAKE_V2 = "flow_fakes:fake_process", "flow_fakes:fake_process_v2"


def count(db: Path, sql: str):
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchone()[0]


def make_corpus(root: Path, n: int = 6) -> Path:
    write_reports(root / "2024", n)
    write_broken(root / "hong")
    return root


def test_reprocess_then_noop_then_new_version(tmp_path):
    corpus, out, db = make_corpus(tmp_path / "corpus"), tmp_path / "out", tmp_path / "reg.sqlite"
    url = f"sqlite:///{db}"
    first = reprocess_archive(corpus, out, db_url=url, workers=0, batch_size=4, processor=FAKE)
    assert (first["processed"], first["set_aside"], first["skipped"]) == (6, 2, 0)
    assert first["set_aside_by_reason"] == {"corrupt": 1, "empty": 1}
    assert len(list((out / "documents").glob("*.json"))) == 6
    manifest = json.loads((out / "manifest.json").read_text())
    assert len(manifest["entries"]) == 8 and manifest["summary"]["run_id"] == first["run_id"]

    again = reprocess_archive(corpus, out, db_url=url, workers=0, processor=FAKE)
    assert (again["processed"], again["skipped"], again["set_aside"]) == (0, 8, 0)
    assert count(db, "SELECT COUNT(*) FROM document_versions") == 6
    assert count(db, "SELECT COUNT(*) FROM set_aside") == 2

    upgraded = reprocess_archive(corpus, out, db_url=url, workers=0, processor=FAKE_V2)
    assert upgraded["processed"] == 6 and upgraded["extractor_version"] == "test-2"
    changes = upgraded["changes"]
    assert changes["documents"] == 6
    assert changes["codes"]["thu_sai_quy_dinh"] == {"before": 1, "after": 0, "added": 0, "removed": 1}
    assert changes["codes"]["ho_so_qua_han"]["added"] == 2 and changes["codes"]["ho_so_qua_han"]["removed"] == 0
    assert changes["codes"]["chi_sai_muc_dich"]["added"] == changes["codes"]["chi_sai_muc_dich"]["removed"] == 0
    assert count(db, "SELECT COUNT(*) FROM document_versions WHERE is_current = 0") == 6
    text = format_summary(upgraded)
    assert "thu_sai_quy_dinh: +0 -1" in text and "set aside corrupt: 1" in text
    report = (out / "report.html").read_text()
    assert "<svg" in report and "ho_so_qua_han" in report and "<script" not in report


def test_zip_on_a_process_pool_registers_each_document_once(tmp_path):
    corpus = make_corpus(tmp_path / "corpus", n=7)
    archive = tmp_path / "corpus.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in sorted(corpus.rglob("*")):
            if path.is_file():
                zf.write(path, path.relative_to(corpus).as_posix())
        zf.write(corpus / "2024" / "bao-cao-000.txt", "copy/same-bytes.txt")
        zf.writestr("../escape.txt", "x")
    out, db = tmp_path / "out", tmp_path / "reg.sqlite"
    summary = reprocess_archive(archive, out, db_url=f"sqlite:///{db}", workers=2, batch_size=2, processor=FAKE)
    assert (summary["processed"], summary["duplicates"], summary["set_aside"]) == (7, 1, 3)
    assert summary["set_aside_by_reason"] == {"corrupt": 1, "empty": 1, "unsafe": 1}
    assert count(db, "SELECT COUNT(*) FROM document_versions") == 7
    assert count(db, "SELECT COUNT(DISTINCT source_sha256) FROM document_versions") == 7
    assert not (out / ".staging").exists() and not (tmp_path / "escape.txt").exists()


def run_cli_reprocess(corpus: Path, out: Path, db: Path, delay: float) -> subprocess.Popen:
    env = {**os.environ, "FINDINGS_PROCESSOR": FAKE, "FAKE_DELAY": str(delay),
           "PYTHONPATH": os.pathsep.join([str(ROOT / "tests"), str(ROOT)])}
    return subprocess.Popen([sys.executable, "-m", "pipeline.runs_cli", "reprocess", str(corpus), "--out", str(out),
                             "--db", f"sqlite:///{db}", "--workers", "1", "--batch-size", "2"],
                            env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True)


def finish(proc: subprocess.Popen, codes: tuple[int, ...]) -> None:
    """Wait for the run; exit 0 when nothing was set aside in it, 1 when something was."""
    _, err = proc.communicate(timeout=120)
    assert proc.returncode in codes, err.decode()


def test_killed_run_resumes_and_a_repeat_is_a_fast_noop(tmp_path):
    corpus, out, db = make_corpus(tmp_path / "corpus", n=16), tmp_path / "out", tmp_path / "reg.sqlite"
    proc = run_cli_reprocess(corpus, out, db, delay=0.25)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if db.exists() and count(db, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'document_versions'") \
                and count(db, "SELECT COUNT(*) FROM document_versions") >= 3:
            break
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)  # the run and its workers, as a crash would
    proc.wait(timeout=10)
    killed_at = count(db, "SELECT COUNT(*) FROM document_versions")
    assert 3 <= killed_at < 16

    started = time.monotonic()
    finish(run_cli_reprocess(corpus, out, db, delay=0.25), (0, 1))
    resumed = time.monotonic() - started
    resumed_summary = json.loads((out / "manifest.json").read_text())["summary"]
    assert resumed_summary["skipped"] >= killed_at
    assert resumed_summary["processed"] == 16 - killed_at
    assert resumed_summary["processed"] + resumed_summary["skipped"] + resumed_summary["set_aside"] == 18
    assert count(db, "SELECT COUNT(*) FROM document_versions") == 16
    assert count(db, "SELECT COUNT(DISTINCT document_id) FROM document_versions") == 16
    assert count(db, "SELECT COUNT(DISTINCT source_sha256) FROM set_aside") == 2
    assert count(db, "SELECT COUNT(*) FROM set_aside") == 2
    assert count(db, "SELECT COUNT(*) FROM runs WHERE status = 'interrupted'") == 1  # the killed run, closed

    started = time.monotonic()
    finish(run_cli_reprocess(corpus, out, db, delay=0.25), (0,))
    repeat = time.monotonic() - started
    noop = json.loads((out / "manifest.json").read_text())["summary"]
    assert (noop["processed"], noop["skipped"]) == (0, 18)
    assert noop["seconds"] < resumed_summary["seconds"] / 4
    assert repeat < resumed
    assert count(db, "SELECT COUNT(*) FROM document_versions") == 16


def test_limit_defers_the_rest_to_the_next_run(tmp_path):
    corpus, out, url = make_corpus(tmp_path / "corpus", n=5), tmp_path / "out", f"sqlite:///{tmp_path}/r.sqlite"
    first = reprocess_archive(corpus, out, db_url=url, workers=0, limit=3, processor=FAKE)
    assert (first["processed"] + first["set_aside"], first["deferred"], first["inputs"]) == (3, 4, 7)
    rest = reprocess_archive(corpus, out, db_url=url, workers=0, processor=FAKE)
    assert (rest["skipped"], rest["processed"] + rest["set_aside"], rest["deferred"]) == (3, 4, 0)


def test_one_run_per_output_directory(tmp_path):
    out = tmp_path / "out"
    with lock_output(out):
        with pytest.raises(RunLocked):
            reprocess_archive(make_corpus(tmp_path / "c"), out, db_url=f"sqlite:///{tmp_path}/r.sqlite",
                              workers=0, processor=FAKE)
    with open_register(f"sqlite:///{tmp_path}/r.sqlite") as reg:
        assert reg.stats()["runs"] == 0


def test_progress_bar_only_on_a_terminal():
    class Tty(io.StringIO):
        def isatty(self):
            return True

    stream = Tty()
    bar = Progress(10, stream=stream)
    bar.advance(4)
    bar.advance(6)
    bar.close()
    shown = stream.getvalue()
    assert bar.done == 10 and "10/10" in shown and "docs/s" in shown and "ETA" in shown and "documents" in shown
    quiet = io.StringIO()
    bar = Progress(10, stream=quiet)
    bar.advance(5)
    bar.close()
    assert quiet.getvalue() == "" and bar.done == 5


def test_cli_rejects_missing_archive_and_bad_numbers(tmp_path, capsys):
    assert runs_main(["reprocess", str(tmp_path / "missing.zip")]) == 2
    assert "no such file" in capsys.readouterr().err
    assert runs_main(["reprocess", str(tmp_path), "--batch-size", "0"]) == 2
