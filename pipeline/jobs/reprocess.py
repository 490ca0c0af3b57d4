"""Reprocess an archive (directory, .zip, .tar.gz) with the current extractor, resumably.

Work is keyed on (raw sha256, extractor version): files the register already holds at this version
(processed or set aside) are skipped, so a killed run resumes where it stopped and a repeated run is
a no-op. Pending files go to worker processes in batches; `dispatch` decides where batches run
(a local process pool here, Dask through flows/reprocess.py).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.jobs import ledger
from pipeline.jobs.archive import ArchiveLimits, clear_staging, list_archive_inputs
from pipeline.ingest.limits import Limits
from pipeline.jobs.progress import Progress
from pipeline.jobs.sink import dump_json, write_atomic
from pipeline.jobs.work import Job, RunLocked, WorkItem, hash_file, lock_directory, process_batch, \
    read_extractor_version, resolve_processor_name, warm_worker
from pipeline.register.retry import DEFAULT_RETRY_SECONDS

__all__ = ["BATCH_SIZE", "Plan", "RunLocked", "dispatch_local", "format_summary", "lock_output", "plan_reprocess",
           "reprocess_archive", "summarise_run"]

BATCH_SIZE = 50
Dispatch = Callable[[list[list[WorkItem]], Job], Iterable[list[dict]]]


@dataclass(slots=True)
class Plan:
    """What a run will do: pending batches, and the results decided without processing."""

    job: Job
    batches: list[list[WorkItem]]
    decided: list[dict] = field(default_factory=list)  # skipped, duplicate within the archive, refused members

    @property
    def pending(self) -> int:
        return sum(len(b) for b in self.batches)


def lock_output(out_dir: Path):
    """One reprocess per output directory at a time."""
    return lock_directory(out_dir, ".reprocess.lock")


def plan_reprocess(archive: Path, job: Job, db, staging: Path, *, batch_size: int = BATCH_SIZE,
                   limit: int | None = None, archive_limits: ArchiveLimits | None = None) -> Plan:
    """Read the archive, hash every input, and split the inputs not yet done at this version into batches."""
    decided: list[dict] = []
    items: list[WorkItem] = []
    seen: dict[str, str] = {}
    for entry in list_archive_inputs(archive, staging, archive_limits):
        if entry.refused:
            decided.append({"source_uri": entry.source_uri, "status": "set_aside", "reason": "unsafe",
                            "detail": entry.refused})
            continue
        sha = hash_file(entry.path)
        if sha in seen:
            decided.append({"source_uri": entry.source_uri, "sha256": sha, "status": "duplicate",
                            "detail": f"same bytes as {seen[sha]}"})
            continue
        seen[sha] = entry.source_uri
        items.append(WorkItem(str(entry.path), entry.source_uri, sha))
    done = ledger.find_done(db, [i.sha256 for i in items], job.version)
    pending = []
    for item in items:
        if item.sha256 in done:
            previous = done[item.sha256]
            decided.append({"source_uri": item.source_uri, "sha256": item.sha256, "status": "skipped",
                            "previous": previous["status"],
                            **({"reason": previous["reason"]} if "reason" in previous else {}),
                            **({"document_id": previous["document_id"]} if "document_id" in previous else {})})
        elif limit is None or len(pending) < limit:
            pending.append(item)
        else:
            decided.append({"source_uri": item.source_uri, "sha256": item.sha256, "status": "deferred",
                            "detail": f"beyond --limit {limit}"})
    batches = [pending[i:i + batch_size] for i in range(0, len(pending), batch_size)]
    return Plan(job, batches, decided)


def dispatch_local(workers: int) -> Dispatch:
    """Batches on a process pool created once (spawned workers warm the NLP), at most 2 batches per worker
    in flight; workers=0 runs them in this process."""

    def run(batches: list[list[WorkItem]], job: Job) -> Iterator[list[dict]]:
        if workers <= 0 or not batches:
            for batch in batches:
                yield process_batch(batch, job)
            return
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(workers, mp_context=context, initializer=warm_worker,
                                 initargs=(job.processor, os.getpid())) as pool:
            queue, in_flight = iter(batches), set()
            while True:
                while len(in_flight) < 2 * workers and (batch := next(queue, None)) is not None:
                    in_flight.add(pool.submit(process_batch, batch, job))
                if not in_flight:
                    return
                finished, in_flight = wait(in_flight, return_when=FIRST_COMPLETED)
                for future in finished:
                    yield future.result()

    return run


def summarise_run(results: list[dict], changes: dict | None = None) -> dict:
    """Counts by status, set-aside reasons, findings written, and the change against the previous version."""
    status = Counter(r["status"] for r in results)
    return {
        "inputs": len(results),
        "processed": status["processed"],
        "skipped": status["skipped"],
        "deferred": status["deferred"],
        "duplicates": status["duplicate"],
        "set_aside": status["set_aside"],
        "set_aside_by_reason": dict(sorted(Counter(r["reason"] for r in results
                                                   if r["status"] == "set_aside").items())),
        "findings": sum(r.get("findings", 0) for r in results if r["status"] == "processed"),
        **({"changes": changes} if changes is not None else {}),
    }


def reprocess_archive(archive: Path, out_dir: Path, *, db_url: str | None = None, workers: int = 2,
                      batch_size: int = BATCH_SIZE, limit: int | None = None, processor: str | None = None,
                      limits: Limits | None = None, dispatch: Dispatch | None = None,
                      progress: bool | None = None, db_retry: float = DEFAULT_RETRY_SECONDS) -> dict:
    """Reprocess every pending document of `archive`; writes <out>/documents/*.json, manifest.json and
    report.html, records the run in the register and returns the summary. A lost database connection is
    retried for up to db_retry seconds."""
    from pipeline.register import open_register, resolve_db_url
    from pipeline.jobs.report import write_reprocess_report

    started = time.monotonic()
    db_url = resolve_db_url(db_url)
    processor = resolve_processor_name(processor)
    version = read_extractor_version(processor)
    dispatch = dispatch or dispatch_local(workers)
    with lock_output(out_dir), open_register(db_url, retry_seconds=db_retry) as register:
        staging = out_dir / ".staging"
        clear_staging(staging)
        run_id = register.start_run("reprocess", {"archive": str(archive), "extractor_version": version,
                                                  "workers": workers, "limit": limit})
        job = Job(db_url, str(out_dir / "documents"), version, run_id, processor, limits or Limits.from_env(),
                  db_retry)
        results: list[dict] = []
        try:
            plan = plan_reprocess(archive, job, register.db, staging, batch_size=batch_size, limit=limit)
            results.extend(plan.decided)
            bar = Progress(plan.pending, enabled=progress)
            for batch_results in dispatch(plan.batches, job):
                results.extend(batch_results)
                bar.advance(len(batch_results))
            bar.close()
        except BaseException:
            close_failed_run(register, run_id, summarise_run(results))
            raise
        finally:
            clear_staging(staging)
        summary = {"run_id": run_id, "archive": str(archive), "extractor_version": version,
                   **summarise_run(results, ledger.read_version_changes(register.db, version)),
                   "seconds": round(time.monotonic() - started, 3)}
        write_atomic(out_dir / "manifest.json", dump_json({"summary": summary, "entries": results}))
        write_reprocess_report(out_dir / "report.html", summary, register.stats())
        register.finish_run(run_id, summary)
    return summary


def close_failed_run(register, run_id: str, summary: dict) -> None:
    """Record the run as failed if the register still can (it may be the thing that failed: then the next
    run closes it as interrupted); never hides the error that ended the run."""
    try:
        register.finish_run(run_id, summary, status="failed")
    except Exception as exc:  # noqa: BLE001
        logging.getLogger("pipeline.jobs").warning("could not record run %s as failed: %s", run_id, exc)


def format_summary(summary: dict) -> str:
    """The end-of-run summary for the terminal."""
    lines = [f"{summary['inputs']} inputs: {summary['processed']} processed, {summary['skipped']} skipped "
             f"(already done at {summary['extractor_version']}), {summary['duplicates']} duplicates, "
             f"{summary['set_aside']} set aside in {summary['seconds']:.1f} s"]
    if summary.get("deferred"):
        lines.append(f"  deferred (beyond --limit): {summary['deferred']}")
    for reason, n in summary["set_aside_by_reason"].items():
        lines.append(f"  set aside {reason}: {n}")
    changes = summary.get("changes") or {}
    if changes.get("documents"):
        lines.append(f"change against the previous extractor version over {changes['documents']} documents:")
        for code, row in changes["codes"].items():
            lines.append(f"  {code}: +{row['added']} -{row['removed']} ({row['before']} -> {row['after']})")
    return "\n".join(lines)
