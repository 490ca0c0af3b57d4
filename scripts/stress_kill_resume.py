"""Stress check of kill and resume: SIGKILL a reprocess at random points, resume it, and check the register.

    .venv/bin/python scripts/stress_kill_resume.py                  # 20 cycles, 300 documents, under load
    .venv/bin/python scripts/stress_kill_resume.py --cycles 2 --docs 40 --no-load

Each cycle builds a fresh register and output directory, starts `findings reprocess` on a .zip of distinct
texts, SIGKILLs it once a random number of documents is registered (alternately the main process alone,
which leaves its pool workers to the kernel, and its whole process group), resumes it at once, and checks:
the resume exits 0, every document is registered exactly once and nothing is set aside; once the killed
run's processes are gone, a final rerun is a no-op. Meanwhile a second reprocess loops on another register
to load the CPU. The fast fake processor of tests/flow_fakes.py (FINDINGS_PROCESSOR) keeps cycles short.
Prints one line per cycle and a verdict; exits 0 when every cycle passed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from flow_fakes import write_reports  # noqa: E402


def build_archive(directory: Path, docs: int, tag: str = "") -> Path:
    """A .zip of `docs` distinct report texts."""
    texts = write_reports(directory / "texts", docs, tag)
    archive = directory / f"archive{tag}.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in texts:
            zf.write(path, f"reports/{path.name}")
    return archive


def start_reprocess(archive: Path, out: Path, db: Path, delay: float) -> subprocess.Popen:
    env = {**os.environ, "FINDINGS_PROCESSOR": "flow_fakes:fake_process", "FAKE_DELAY": str(delay),
           "FINDINGS_CONFIG": os.devnull, "PYTHONPATH": os.pathsep.join([str(ROOT / "tests"), str(ROOT)])}
    return subprocess.Popen([sys.executable, "-m", "pipeline.cli", "reprocess", str(archive), "--out", str(out),
                             "--db", f"sqlite:///{db}", "--workers", "2"],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)


def query(db: Path, sql: str) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(db, timeout=30) as conn:
            return conn.execute(sql).fetchone()[0]
    except sqlite3.OperationalError:  # tables not there yet
        return 0


def register_counts(db: Path) -> dict:
    return {name: query(db, sql) for name, sql in (
        ("versions", "SELECT COUNT(*) FROM document_versions"),
        ("documents", "SELECT COUNT(DISTINCT document_id) FROM document_versions"),
        ("sources", "SELECT COUNT(DISTINCT source_sha256) FROM document_versions"),
        ("set_aside", "SELECT COUNT(*) FROM set_aside"))}


def children(pid: int) -> list[int]:
    """Process ids whose parent is `pid` (from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def wait_gone(pids: list[int], timeout: float) -> list[int]:
    """Wait until none of `pids` exists (zombies count as gone); returns the ones still alive."""
    deadline = time.monotonic() + timeout
    alive = pids
    while alive and time.monotonic() < deadline:
        alive = [p for p in alive if Path(f"/proc/{p}").exists() and " Z " not in _stat(p)]
        time.sleep(0.05)
    return alive


def _stat(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return " Z "


def kill_part_way(proc: subprocess.Popen, db: Path, target: int, whole_group: bool) -> tuple[int, list[int]]:
    """SIGKILL the run once the register holds `target` documents; (documents then, its child pids)."""
    deadline = time.monotonic() + 120
    while query(db, "SELECT COUNT(*) FROM document_versions") < target:
        if proc.poll() is not None:
            raise RuntimeError(f"the run ended before the kill: {proc.stderr.read().decode()[-2000:]}")
        if time.monotonic() > deadline:
            raise RuntimeError("the run made no progress")
        time.sleep(0.01)
    kids = children(proc.pid)
    if whole_group:
        os.killpg(proc.pid, signal.SIGKILL)
    else:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    return query(db, "SELECT COUNT(*) FROM document_versions"), kids


def run_to_end(proc: subprocess.Popen, timeout: float = 600) -> tuple[int, str]:
    _, err = proc.communicate(timeout=timeout)
    return proc.returncode, err.decode(errors="replace")


def cycle(n: int, workdir: Path, archive: Path, docs: int, rng: random.Random, delay: float) -> dict:
    """One kill, resume, rerun cycle; returns what was seen and the problems found."""
    here = workdir / f"cycle-{n:02d}"
    out, db = here / "out", here / "register.sqlite"
    target = rng.randint(1, int(docs * 0.9))
    whole_group = n % 2 == 0
    problems = []
    at_kill, kids = kill_part_way(start_reprocess(archive, out, db, delay), db, target, whole_group)
    started = time.monotonic()
    code, err = run_to_end(start_reprocess(archive, out, db, delay))  # the resume, at once
    resume_seconds = time.monotonic() - started
    after_resume = register_counts(db)
    if code != 0:
        problems.append(f"resume exited {code}: {err.strip().splitlines()[-1:] }")
    if after_resume != {"versions": docs, "documents": docs, "sources": docs, "set_aside": 0}:
        problems.append(f"after the resume: {after_resume}")
    left = wait_gone(kids, 60)  # the killed run's workers, if any survived it
    if left:
        problems.append(f"processes of the killed run still alive a minute later: {left}")
        for pid in left:  # this cycle's own leftovers, so that the next cycle starts clean
            os.kill(pid, signal.SIGKILL)
    code, err = run_to_end(start_reprocess(archive, out, db, delay))
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["summary"]
    final = register_counts(db)
    if code != 0 or manifest["processed"] or manifest["skipped"] != docs:
        problems.append(f"final rerun not a no-op: exit {code}, processed {manifest['processed']}, "
                        f"skipped {manifest['skipped']}")
    if final != after_resume:
        problems.append(f"register changed after the resume: {final}")
    return {"cycle": n, "kill": "group" if whole_group else "main only", "target": target, "at_kill": at_kill,
            "resume_seconds": round(resume_seconds, 1), "problems": problems}


class Load(threading.Thread):
    """Reprocess runs on another register, one after another, until stopped."""

    def __init__(self, workdir: Path, docs: int):
        super().__init__(daemon=True)
        self.workdir, self.docs, self.stop, self.runs = workdir, docs, threading.Event(), 0
        self.proc: subprocess.Popen | None = None

    def run(self) -> None:
        archive = build_archive(self.workdir, self.docs, tag="-load")
        while not self.stop.is_set():
            here = self.workdir / f"load-{self.runs}"
            self.proc = start_reprocess(archive, here / "out", here / "register.sqlite", 0)
            self.proc.communicate()
            self.runs += 1

    def finish(self) -> None:
        self.stop.set()
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.join(timeout=60)


def run_cycles(cycles: int, docs: int, workdir: Path, *, seed: int, delay: float, load: bool,
               report=print) -> list[dict]:
    rng = random.Random(seed)
    archive = build_archive(workdir, docs)
    loader = Load(workdir, docs) if load else None
    if loader:
        loader.start()
    results = []
    try:
        for n in range(1, cycles + 1):
            result = cycle(n, workdir, archive, docs, rng, delay)
            results.append(result)
            verdict = "ok" if not result["problems"] else "FAILED: " + "; ".join(result["problems"])
            report(f"cycle {n:2d}/{cycles}: SIGKILL ({result['kill']}) at {result['at_kill']:3d}/{docs} registered, "
                   f"resumed in {result['resume_seconds']:.1f} s: {verdict}")
    finally:
        if loader:
            loader.finish()
            report(f"load: {loader.runs} reprocess runs of {docs} documents on another register")
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cycles", type=int, default=20)
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    parser.add_argument("--delay", type=float, default=0.05, help="seconds per document in the fake processor")
    parser.add_argument("--no-load", action="store_true", help="no second run loading the CPU")
    parser.add_argument("--keep", action="store_true", help="keep the work directory")
    args = parser.parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="findings-stress-"))
    print(f"seed {args.seed}, {args.cycles} cycles of {args.docs} documents, work dir {workdir}")
    started = time.monotonic()
    try:
        results = run_cycles(args.cycles, args.docs, workdir, seed=args.seed, delay=args.delay,
                             load=not args.no_load)
    finally:
        if not args.keep:
            subprocess.run(["rm", "-rf", str(workdir)], check=False)
    passed = sum(not r["problems"] for r in results)
    print(f"{passed}/{len(results)} cycles passed in {time.monotonic() - started:.0f} s")
    return 0 if passed == len(results) == args.cycles else 1


if __name__ == "__main__":
    sys.exit(main())
