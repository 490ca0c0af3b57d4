"""The lost-documents race of a killed reprocess (issue 15, item 4), and its fix.

A reprocess killed with its main process alone left its pool workers running; they went on with their
queued batches while the rerun cleared and re-extracted the staging directory, so their files vanished
under them and were recorded as set aside ("corrupt") under the planned sha256: every later run skipped
them as done. Now workers die with their run (PR_SET_PDEATHSIG) and run_item records nothing for a file
whose bytes are not the planned ones. The short cycle here is scripts/stress_kill_resume.py in small.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
from flow_fakes import fake_process, write_reports  # noqa: E402
from stress_kill_resume import run_cycles  # noqa: E402

from pipeline.jobs.work import Job, StagedInputChanged, WorkItem, hash_file, run_item  # noqa: E402
from pipeline.register import open_register  # noqa: E402


def test_kill_and_resume_cycles_register_each_document_once(tmp_path):
    lines: list[str] = []
    results = run_cycles(2, 60, tmp_path, seed=3, delay=0.05, load=False, report=lines.append)
    assert [r["kill"] for r in results] == ["main only", "group"]
    assert all(not r["problems"] for r in results), lines


@pytest.mark.parametrize("change", ["vanished", "rewritten"])
def test_nothing_is_recorded_for_an_input_changed_under_the_run(tmp_path, change):
    path = write_reports(tmp_path / "staging", 1)[0]
    item = WorkItem(str(path), "archive.zip/bao-cao-000.txt", hash_file(path))
    if change == "vanished":
        path.unlink()
    else:
        path.write_text("KẾT LUẬN THANH TRA\nmột nội dung khác\n", encoding="utf-8")
    url = f"sqlite:///{tmp_path}/r.sqlite"
    with open_register(url) as register:
        job = Job(url, str(tmp_path / "out"), "test-1", register.start_run("reprocess", {}))
        with pytest.raises(StagedInputChanged, match="changed or vanished"):
            run_item(item, job, register, fake_process)
        assert register.stats()["set_aside"] == 0 and register.stats()["documents"] == 0
    assert not (tmp_path / "out").exists()


def test_a_pool_worker_dies_with_its_run(tmp_path):
    """The parent starts a worker the way dispatch_local does (spawn, warm_worker with its pid) and is
    SIGKILLed alone: the worker goes with it."""
    script = tmp_path / "parent.py"
    script.write_text(
        "import multiprocessing, os, sys, time\n"
        "from concurrent.futures import ProcessPoolExecutor\n"
        "from pipeline.jobs.work import warm_worker\n"
        "if __name__ == '__main__':\n"
        "    pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context('spawn'),\n"
        "                               initializer=warm_worker, initargs=('flow_fakes:fake_process', os.getpid()))\n"
        "    print(pool.submit(os.getpid).result(), flush=True)\n"
        "    pool.submit(time.sleep, 600)\n"
        "    time.sleep(600)\n", encoding="utf-8")
    root = Path(__file__).resolve().parents[1]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(root / "tests"), str(root)])}
    parent = subprocess.Popen([sys.executable, str(script)], env=env, stdout=subprocess.PIPE, text=True)
    worker = int(parent.stdout.readline())
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait(timeout=10)
    deadline = time.monotonic() + 10
    while Path(f"/proc/{worker}").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    gone = not Path(f"/proc/{worker}").exists()
    if not gone:
        os.kill(worker, signal.SIGKILL)
    assert gone, "the pool worker outlived its killed run"
