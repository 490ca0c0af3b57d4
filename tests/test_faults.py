"""Faults an operator meets: exit codes, the one-line failure with its crash log, a full disk (a real tmpfs of
300 KB) under the outputs and under the SQLite register, and file modes that follow the umask.

The real command runs in a subprocess (`python -m pipeline.cli`) with the fast fake processor of flow_fakes.
"""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from flow_fakes import REPORTS  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def findings(args: list[str], tmp: Path, *, env: dict | None = None, umask: int = 0o022,
             timeout: float = 300) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if not k.startswith("FINDINGS_")}
    base.update(PYTHONPATH=os.pathsep.join([str(ROOT / "tests"), str(ROOT)]), FINDINGS_CONFIG=os.devnull,
                FINDINGS_PROCESSOR="flow_fakes:fake_process", XDG_STATE_HOME=str(tmp / "state"))
    return subprocess.run([sys.executable, "-m", "pipeline.cli", *args], cwd=tmp, env={**base, **(env or {})},
                          capture_output=True, text=True, timeout=timeout, preexec_fn=lambda: os.umask(umask))


def failure_line(stderr: str) -> str:
    """The one line a failed run prints (checked to be the only `findings:` line, and no traceback)."""
    lines = [line for line in stderr.splitlines() if line.startswith("findings:")]
    assert len(lines) == 1 and "Traceback" not in stderr, stderr
    return lines[0]


def crash_log(line: str) -> Path:
    path = Path(line.rsplit("(crash log: ", 1)[1].rstrip(")"))
    assert path.is_file() and "Traceback (most recent call last)" in path.read_text(encoding="utf-8")
    return path


def write_corpus(directory: Path, n: int, pad: int = 0) -> None:
    """n distinct report texts (padded with `pad` lines, so they weigh more)."""
    directory.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        dateline, sentence = REPORTS[i % len(REPORTS)]
        filler = "".join(f"Đoạn {j} của báo cáo số {i}: nội dung kiểm tra.\n" for j in range(pad))
        (directory / f"bao-cao-{i:03d}.txt").write_text(f"KẾT LUẬN THANH TRA số {i}\n{dateline}\n{sentence}\n{filler}",
                                                        encoding="utf-8")


def query(db: Path, sql: str):
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


# --- exit codes ----------------------------------------------------------------------------------------

def test_help_documents_the_exit_codes(tmp_path):
    for args in (["--help"], ["extract", "--help"], ["reprocess", "--help"], ["run", "nightly", "--help"],
                 ["register", "load", "--help"], ["publish", "--help"]):
        done = findings(args, tmp_path)
        assert done.returncode == 0
        assert "exit codes:" in done.stdout and "3  the run failed" in done.stdout, args


def test_usage_errors_exit_2_without_a_crash_log(tmp_path):
    (tmp_path / "bad.toml").write_text("[register]\nretry_seconds = -1\n")
    for args, env in ((["extract", "nothing-here.txt", "--out", "o"], {}), (["extract", "x.txt"], {}),
                      (["reprocess", "missing.zip"], {}), (["reprocess", ".", "--db-retry", "-1"], {}),
                      (["register", "stats"], {"FINDINGS_CONFIG": str(tmp_path / "bad.toml")})):
        done = findings(args, tmp_path, env=env)
        assert done.returncode == 2, (args, done.stderr)
        assert "Traceback" not in done.stderr
    assert not (tmp_path / "state").exists()


def test_a_bug_exits_3_with_one_line_and_a_crash_log(tmp_path):
    write_corpus(tmp_path / "in", 2)
    done = findings(["reprocess", "in", "--db", f"sqlite:///{tmp_path}/r.sqlite"], tmp_path,
                    env={"FINDINGS_PROCESSOR": "no_such_module:process"})
    assert done.returncode == 3
    line = failure_line(done.stderr)
    assert "internal error: ModuleNotFoundError" in line and "run the same command again" in line
    log = crash_log(line)
    assert log.parent == tmp_path / "state" / "findings"
    assert "no_such_module" in log.read_text(encoding="utf-8")


def test_an_unreachable_register_exits_3(tmp_path):
    write_corpus(tmp_path / "in", 1)
    done = findings(["reprocess", "in", "--db", "postgresql://findings@127.0.0.1:1/register"], tmp_path)
    assert done.returncode == 3
    line = failure_line(done.stderr)
    assert "register database failed" in line and "127.0.0.1:1" in line and "check that the database is up" in line
    crash_log(line)


# --- umask -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o027, 0o640)])
def test_outputs_and_register_follow_the_umask(tmp_path, umask, mode):
    write_corpus(tmp_path / "in", 3)
    (tmp_path / "in" / "rong.docx").write_bytes(b"")  # set aside: the manifest names it
    done = findings(["reprocess", "in", "--out", "out", "--workers", "0", "--db", "sqlite:///reg/r.sqlite"],
                    tmp_path, umask=umask)
    assert done.returncode == 1, done.stderr
    files = [*(tmp_path / "out" / "documents").glob("*.json"), tmp_path / "out" / "manifest.json",
             tmp_path / "out" / "report.html", tmp_path / "reg" / "r.sqlite"]
    assert len(files) == 6
    assert {oct(stat.S_IMODE(p.stat().st_mode)) for p in files} == {oct(mode)}


# --- a full disk -----------------------------------------------------------------------------------------

@pytest.fixture
def tiny_fs(tmp_path):
    """mount(name, size): a real tmpfs of `size` at tmp_path/name (skips when mounting is not permitted);
    grow(path, size) remounts it bigger. Unmounted afterwards."""
    mounted: list[Path] = []

    def mount(name: str, size: str = "300k") -> Path:
        target = tmp_path / name
        target.mkdir()
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(target)],
                              capture_output=True, text=True)
        if done.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
        mounted.append(target)
        return target

    def grow(target: Path, size: str) -> None:
        subprocess.run(["mount", "-o", f"remount,size={size}", str(target)], check=True)

    yield mount, grow
    for target in mounted:
        subprocess.run(["umount", "-l", str(target)], check=False)


def empty_register_bytes(tmp_path: Path) -> int:
    """Size of a freshly migrated SQLite register (it grows with the schema)."""
    from pipeline.register import open_register

    path = tmp_path / "empty.sqlite"
    with open_register(f"sqlite:///{path}"):
        pass
    return path.stat().st_size


def check_outputs_whole(out: Path) -> set[str]:
    """No temporary files left; every JSON output parses; returns the document ids written."""
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]
    for path in out.rglob("*.json"):
        json.loads(path.read_text(encoding="utf-8"))
    return {p.stem for p in (out / "documents").glob("*.json")}


def check_register_consistent(db: Path) -> set[str]:
    """Integrity, one current version per document, each version with its document row; returns the ids."""
    assert query(db, "PRAGMA integrity_check") == [("ok",)]
    versions = query(db, "SELECT document_id FROM document_versions")
    ids = {d for (d,) in versions}
    assert len(ids) == len(versions)
    assert ids == {d for (d,) in query(db, "SELECT document_id FROM documents WHERE current_version IS NOT NULL")}
    return ids


def test_full_output_disk_exits_3_keeps_what_is_done_and_the_rerun_completes(tmp_path, tiny_fs):
    mount, grow = tiny_fs
    out = mount("out")
    write_corpus(tmp_path / "in", 120)
    db = tmp_path / "r.sqlite"
    args = ["reprocess", "in", "--out", str(out), "--db", f"sqlite:///{db}", "--workers", "2", "--batch-size", "10"]
    # The crash log's usual place is on the full disk too: it falls back to the temp directory.
    env = {"XDG_STATE_HOME": str(out / "state"), "TMPDIR": str(tmp_path / "tmp")}
    (tmp_path / "tmp").mkdir()

    done = findings(args, tmp_path, env=env)
    assert done.returncode == 3, done.stderr
    line = failure_line(done.stderr)
    assert "disk full writing " + str(out / "documents") in line and "free space" in line, line
    assert crash_log(line).parent == tmp_path / "tmp"
    written = check_outputs_whole(out)
    registered = check_register_consistent(db)
    assert 0 < len(registered) < 120 and registered <= written  # a document is registered after its file
    assert query(db, "SELECT status FROM runs") == [("failed",)]

    grow(out, "8m")
    done = findings(args, tmp_path, env=env)
    assert done.returncode == 0, done.stderr
    assert check_register_consistent(db) == check_outputs_whole(out)
    assert len(check_register_consistent(db)) == 120
    summary = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["summary"]
    assert summary["processed"] == 120 - len(registered) and summary["skipped"] == len(registered)


def test_full_register_disk_exits_3_keeps_the_register_consistent_and_the_rerun_completes(tmp_path, tiny_fs):
    mount, grow = tiny_fs
    # the schema is written through the WAL first (about its own size again), then room for some documents
    reg = mount("reg", f"{2 * empty_register_bytes(tmp_path) // 1024 + 100}k")
    write_corpus(tmp_path / "in", 150, pad=12)
    db = reg / "r.sqlite"
    args = ["reprocess", "in", "--out", "out", "--db", f"sqlite:///{db}", "--workers", "2", "--batch-size", "10"]

    done = findings(args, tmp_path)
    assert done.returncode == 3, done.stderr
    line = failure_line(done.stderr)
    assert "disk full" in line and "free space" in line, line
    crash_log(line)
    registered = check_register_consistent(db)
    assert 0 < len(registered) < 150
    check_outputs_whole(tmp_path / "out")

    grow(reg, "16m")
    done = findings(args, tmp_path)
    assert done.returncode == 0, done.stderr
    assert len(check_register_consistent(db)) == 150
    assert query(db, "SELECT COUNT(*) FROM set_aside") == [(0,)]
    statuses = sorted(s for (s,) in query(db, "SELECT status FROM runs"))
    assert statuses[-1] == "ok" and len(statuses) == 2  # the failed (or interrupted) run, then the rerun
