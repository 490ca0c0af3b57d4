"""One unit of work: a file in, its output JSON written and recorded in the register, a small result out.

Shared by the nightly ingestion and archive reprocessing, in the calling process or in worker
processes (ProcessPoolExecutor, Dask). Everything passed between processes is small and picklable:
paths, hashes, settings; never document bodies.
"""

from __future__ import annotations

import fcntl
import hashlib
import importlib
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable

from pipeline.errors import SetAside
from pipeline.ingest.limits import Limits
from pipeline.jobs.sink import dump_json, write_atomic
from pipeline.register.retry import DEFAULT_RETRY_SECONDS

PROCESSOR_ENV = "FINDINGS_PROCESSOR"
DEFAULT_PROCESSOR = "pipeline.jobs.process:process_file"

Processor = Callable[[Path, Limits, str], dict]


@dataclass(frozen=True, slots=True)
class Job:
    """Settings every item of a run shares."""

    db_url: str
    out_dir: str  # output JSON files go to <out_dir>/<document_id>.json
    version: str
    run_id: str
    processor: str = DEFAULT_PROCESSOR
    limits: Limits = field(default_factory=Limits)
    db_retry: float = DEFAULT_RETRY_SECONDS  # seconds to ride out a lost database connection


@dataclass(frozen=True, slots=True)
class WorkItem:
    path: str
    source_uri: str
    sha256: str


@dataclass(frozen=True, slots=True)
class ItemResult:
    """status: processed | duplicate (the register already holds this document at this version) | set_aside."""

    source_uri: str
    sha256: str
    status: str
    document_id: str | None = None
    output: str | None = None  # file name under Job.out_dir
    findings: int = 0
    reason: str | None = None
    detail: str | None = None

    def to_json(self) -> dict:
        return {k: v for k, v in asdict(self).items() if v is not None}


class RunLocked(Exception):
    """Another run holds the directory."""


class StagedInputChanged(Exception):
    """An input's bytes are no longer those the run planned (deleted or rewritten under it)."""


@contextmanager
def lock_directory(directory: Path, name: str) -> Iterator[None]:
    """An exclusive lock file in `directory` for the length of a run (released by the OS even on SIGKILL)."""
    directory.mkdir(parents=True, exist_ok=True)
    with open(directory / name, "w") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise RunLocked(f"another run is using {directory}") from None
        yield


def hash_file(path: Path, chunk: int = 1 << 20) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(chunk):
            digest.update(block)
    return digest.hexdigest()


def resolve_processor_name(name: str | None = None) -> str:
    """An explicit "module:function", else $FINDINGS_PROCESSOR, else the extraction engine's process_file."""
    return name or os.environ.get(PROCESSOR_ENV) or DEFAULT_PROCESSOR


def load_processor(name: str) -> Processor:
    module, _, attr = name.partition(":")
    if not module or not attr:
        raise ValueError(f"processor must be 'module:function', not {name!r}")
    return getattr(importlib.import_module(module), attr)


def read_extractor_version(name: str) -> str:
    """The version a processor stamps: its `extractor_version` attribute, else the engine's EXTRACTOR_VERSION.
    Imports the engine, so a broken engine fails the run before any input is touched."""
    version = getattr(load_processor(name), "extractor_version", None)
    if version:
        return str(version)
    from extractors.engine import EXTRACTOR_VERSION

    return EXTRACTOR_VERSION


def warm_worker(processor: str, parent_pid: int | None = None) -> None:
    """Process-pool initializer: die with the parent (parent_pid), import the processor and build the NLP
    pipeline once per worker."""
    if parent_pid is not None:
        die_with_parent(parent_pid)
    func = load_processor(processor)
    warm = getattr(func, "warm", None)
    if warm is not None:
        warm()
    elif processor == DEFAULT_PROCESSOR:
        from extractors.engine import build_pipeline

        build_pipeline()


def die_with_parent(parent_pid: int) -> None:
    """SIGKILL this process when its parent dies (Linux PR_SET_PDEATHSIG). A pool worker left running by a
    killed run would go on processing its queued batches next to the rerun."""
    import ctypes
    import signal

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: the staged-input check in run_item still holds
        pass
    if os.getppid() != parent_pid:  # the parent died before prctl took effect
        os.kill(os.getpid(), signal.SIGKILL)


def process_safely(process: Processor, path: Path, limits: Limits, uri: str) -> tuple[dict | None, str | None, str]:
    """(output, None, "") or (None, reason, detail); bugs on one file become internal_error, never exceptions."""
    try:
        return process(path, limits, uri), None, ""
    except SetAside as exc:
        return None, exc.code, exc.detail
    except MemoryError:
        return None, "too_large", "out of memory while processing"
    except RecursionError:
        return None, "corrupt", "structure nested too deeply"
    except Exception as exc:  # noqa: BLE001
        return None, "internal_error", f"{type(exc).__name__}: {exc}".splitlines()[0][:300]


def run_item(item: WorkItem, job: Job, register, process: Processor) -> ItemResult:
    """Process one file, write its JSON (atomically) and record it; set-asides are recorded with the reason.
    Nothing is recorded for a file whose bytes are not the planned ones (StagedInputChanged): a set-aside
    or a document recorded under the planned sha256 would mark that input done at this version."""
    output, reason, detail = process_safely(process, Path(item.path), job.limits, item.source_uri)
    if item.sha256:
        read = output.get("source", {}).get("sha256") if output is not None else hash_or_none(Path(item.path))
        if read != item.sha256:
            raise StagedInputChanged(f"{item.source_uri} changed or vanished during the run ({item.path})")
    if output is None:
        register.record_set_aside(item.source_uri, item.sha256 or None, reason, detail, run_id=job.run_id)
        return ItemResult(item.source_uri, item.sha256, "set_aside", reason=reason, detail=detail)
    document_id = output["document_id"]
    findings = len(output.get("findings") or [])
    if register.has(document_id, job.version):
        return ItemResult(item.source_uri, item.sha256, "duplicate", document_id=document_id, findings=findings)
    name = f"{document_id}.json"
    write_atomic(Path(job.out_dir) / name, dump_json(output))
    state = register.record_document(output, run_id=job.run_id)
    status = "duplicate" if state == "unchanged" else "processed"
    return ItemResult(item.source_uri, item.sha256, status, document_id=document_id, output=name, findings=findings)


def hash_or_none(path: Path) -> str | None:
    """The file's sha256, None when it cannot be read."""
    try:
        return hash_file(path)
    except OSError:
        return None


_LOCAL = threading.local()


def worker_register(db_url: str, db_retry: float = DEFAULT_RETRY_SECONDS):
    """One register connection per worker thread and database (SQLite connections are thread-bound),
    kept for the worker's life."""
    registers = _LOCAL.__dict__.setdefault("registers", {})
    if db_url not in registers:
        from pipeline.register import open_register

        registers[db_url] = open_register(db_url, retry_seconds=db_retry)
    return registers[db_url]


def process_batch(items: list[WorkItem], job: Job) -> list[dict]:
    """Run a batch in this process (a pool or Dask worker); returns each item's result as JSON."""
    register = worker_register(job.db_url, job.db_retry)
    process = load_processor(job.processor)
    return [run_item(item, job, register, process).to_json() for item in items]
