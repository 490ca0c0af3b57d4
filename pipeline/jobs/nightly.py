"""Nightly ingestion: inbox files and news-feed items -> outputs, register, publication, report.

A run writes <out>/<UTC stamp>-<run id>/ with documents/<document_id>.json, manifest.json (every input
and its outcome: processed, duplicate or set aside) and report.html. Inbox files end in
<inbox>/processed/ or, when set aside, in <inbox>/quarantine/ next to <name>.reason.txt.
The register is written before files move, so a crash in between only causes duplicates next night.
"""

from __future__ import annotations

import logging
import os
import shutil
import time
from contextlib import ExitStack
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from pipeline.jobs import ledger
from pipeline.ingest.feeds import FeedError, FetchLimits, make_client, read_feed, read_feed_list, save_item
from pipeline.ingest.limits import Limits
from pipeline.jobs.sink import dump_json, write_atomic
from pipeline.register.retry import DEFAULT_RETRY_SECONDS
from pipeline.jobs.work import Job, WorkItem, hash_or_none, load_processor, lock_directory, read_extractor_version, \
    resolve_processor_name, run_item

log = logging.getLogger("pipeline.jobs.nightly")

PROCESSED, QUARANTINE = "processed", "quarantine"
PARTIAL_SUFFIXES = (".tmp", ".part", ".partial", ".crdownload", ".reason.txt")
Wrap = Callable[[Callable], Callable]


def list_inbox(inbox: Path) -> list[dict]:
    """Files waiting in the inbox (not processed/, quarantine/, hidden or partial files), sorted. Symbolic
    links that leave the inbox, and linked directories, come back refused."""
    root = inbox.resolve()
    found: list[dict] = []
    for dirpath, dirnames, filenames in os.walk(inbox, followlinks=False):
        here = Path(dirpath)
        if here == inbox:
            dirnames[:] = [d for d in dirnames if d not in (PROCESSED, QUARANTINE)]
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        linked = [d for d in dirnames if (here / d).is_symlink()]
        dirnames[:] = [d for d in dirnames if d not in linked]
        for name in sorted(filenames) + linked:
            path = here / name
            if name.startswith(".") or name.lower().endswith(PARTIAL_SUFFIXES):
                continue
            entry = {"path": str(path), "source_uri": f"inbox/{path.relative_to(inbox).as_posix()}",
                     "origin": "inbox"}
            if path.is_symlink():
                target = path.resolve()
                if target.is_dir() or not target.is_relative_to(root) or \
                        target.relative_to(root).parts[:1] in ((PROCESSED,), (QUARANTINE,)):
                    entry["refused"] = "symbolic link pointing out of the inbox"
            found.append(entry)
    return found


def collect_feed_items(feeds_file: Path, fetch_dir: Path, db_url: str, version: str,
                       limits: FetchLimits | None = None,
                       db_retry: float = DEFAULT_RETRY_SECONDS) -> tuple[list[dict], list[dict]]:
    """(inputs, fetch errors): new item pages fetched into fetch_dir; links already registered at this
    version come back as duplicates without being fetched."""
    from pipeline.register import open_register

    limits = limits or FetchLimits()
    inputs, errors, seen = [], [], set()
    with make_client(limits) as client, open_register(db_url, retry_seconds=db_retry) as register:
        for feed in read_feed_list(feeds_file):
            try:
                links = [u for u in read_feed(client, feed, limits) if u not in seen]
            except (FeedError, OSError) as exc:
                errors.append({"feed": feed, "error": str(exc)})
                continue
            seen.update(links)
            known = ledger.find_known_uris(register.db, links, version)
            for url in links:
                if url in known:
                    inputs.append({"source_uri": url, "origin": "feed", "known": True})
                    continue
                try:
                    inputs.append({"path": str(save_item(client, url, fetch_dir, limits)), "source_uri": url,
                                   "origin": "feed"})
                except FeedError as exc:
                    errors.append({"feed": feed, "item": url, "error": str(exc)})
    return inputs, errors


def ingest_inputs(inputs: list[dict], job: Job) -> list[dict]:
    """Dedupe (raw sha256 at this version, then document_id), extract, write and record every input;
    returns one manifest entry per input."""
    from pipeline.register import open_register

    process = load_processor(job.processor)
    entries = []
    with open_register(job.db_url, retry_seconds=job.db_retry) as register:
        for item in inputs:
            entry = {k: item[k] for k in ("source_uri", "origin", "path") if k in item}
            if item.get("known"):
                entries.append({**entry, "status": "duplicate", "detail": "link already registered"})
                continue
            if item.get("refused"):
                register.record_set_aside(item["source_uri"], None, "unsafe", item["refused"], run_id=job.run_id)
                entries.append({**entry, "status": "set_aside", "reason": "unsafe", "detail": item["refused"]})
                continue
            too_large = _size_over(Path(item["path"]), job.limits.max_bytes)
            if too_large:  # refused by size before a byte is read, not even to hash it
                register.record_set_aside(item["source_uri"], None, "too_large", too_large, run_id=job.run_id)
                entries.append({**entry, "status": "set_aside", "reason": "too_large", "detail": too_large})
                continue
            sha = hash_or_none(Path(item["path"]))
            done = ledger.find_done(register.db, [sha], job.version).get(sha) if sha else None
            if done and done["status"] == "processed":
                entries.append({**entry, "sha256": sha, "status": "duplicate", "document_id": done["document_id"]})
            elif done:
                entries.append({**entry, "sha256": sha, "status": "set_aside", "reason": done["reason"],
                                "detail": f"set aside before: {done['detail']}"})
            else:
                result = run_item(WorkItem(item["path"], item["source_uri"], sha or ""), job, register, process)
                entries.append({**entry, **result.to_json()})
    return entries


def _size_over(path: Path, limit: int) -> str | None:
    """The set-aside detail when the file is larger than `limit` bytes, else None."""
    try:
        size = path.stat().st_size
    except OSError:
        return None
    return f"{size} bytes > limit {limit}" if size > limit else None


def settle_inbox(inbox: Path, entries: list[dict], run_id: str) -> None:
    """Move handled inbox files to processed/, set-aside ones to quarantine/ with <name>.reason.txt."""
    for entry in entries:
        if entry.get("origin") != "inbox" or "path" not in entry:
            continue
        path = Path(entry["path"])
        if not (path.exists() or path.is_symlink()):
            continue
        relative = path.relative_to(inbox)
        folder = QUARANTINE if entry["status"] == "set_aside" else PROCESSED
        target = free_path(inbox / folder / relative)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(path, target)
        entry["moved_to"] = target.relative_to(inbox).as_posix()
        if folder == QUARANTINE:
            write_atomic(target.with_name(target.name + ".reason.txt"),
                         f"reason: {entry['reason']}\ndetail: {entry.get('detail') or ''}\n"
                         f"source: {entry['source_uri']}\nsha256: {entry.get('sha256') or ''}\nrun: {run_id}\n")


def free_path(path: Path) -> Path:
    """`path`, or path with .1, .2 ... before the suffix when taken."""
    candidate, n = path, 0
    while candidate.exists() or candidate.is_symlink():
        n += 1
        candidate = path.with_name(f"{path.stem}.{n}{path.suffix}")
    return candidate


def publish_documents(db_url: str, db_retry: float = DEFAULT_RETRY_SECONDS) -> dict:
    """Send undelivered documents to the configured endpoints (none configured: nothing to do); a failure is
    reported, not raised: the outbox keeps the documents for the next run."""
    from pipeline.config import load_config
    from pipeline.publisher import publish
    from pipeline.register import open_register

    try:
        config = load_config()
        if not config.endpoints:
            return {"endpoints": [], "skipped": "no endpoints configured"}
        with open_register(db_url, retry_seconds=db_retry) as register:
            return publish(register, config.endpoints, policy=config.retry)
    except Exception as exc:  # noqa: BLE001 — undelivered documents stay in the outbox for the next run
        log.warning("publishing failed: %s", exc)
        return {"error": f"{type(exc).__name__}: {exc}"[:300]}


def write_run_outputs(run_dir: Path, summary: dict) -> None:
    """manifest.json and report.html of the run. Entries name inputs by source_uri (and moved_to): the
    absolute paths the run worked with stay out of what it publishes."""
    from pipeline.jobs.report import write_nightly_report

    summary = {**summary, "entries": [{k: v for k, v in e.items() if k != "path"} for e in summary["entries"]]}
    write_atomic(run_dir / "manifest.json", dump_json(summary))
    documents = run_dir / "documents"
    outputs = [_read_json(documents / e["output"]) for e in summary["entries"] if e.get("output")]
    write_nightly_report(run_dir / "report.html", summary, outputs)


def _read_json(path: Path) -> dict:
    import json

    return json.loads(path.read_text(encoding="utf-8"))


def summarise_entries(entries: list[dict]) -> dict:
    status = Counter(e["status"] for e in entries)
    return {"inputs": len(entries), "processed": status["processed"], "duplicates": status["duplicate"],
            "set_aside": status["set_aside"],
            "set_aside_by_reason": dict(sorted(Counter(e["reason"] for e in entries
                                                       if e["status"] == "set_aside").items()))}


def run_nightly(*, inbox: Path | None, feeds: Path | None, out: Path, db_url: str | None = None,
                processor: str | None = None, limits: Limits | None = None, publish: bool = True,
                fetch_limits: FetchLimits | None = None, wrap: Wrap = lambda fn: fn,
                db_retry: float = DEFAULT_RETRY_SECONDS) -> dict:
    """One nightly run; `wrap` turns each step into something else (the flow makes them Prefect tasks).
    A lost database connection is retried for up to db_retry seconds."""
    from pipeline.register import resolve_db_url

    db_url = resolve_db_url(db_url)
    processor = resolve_processor_name(processor)
    version = read_extractor_version(processor)
    with ExitStack() as stack:
        if inbox:
            stack.enter_context(lock_directory(inbox, ".nightly.lock"))  # one run per inbox at a time
        return _run_locked(inbox, feeds, out, db_url, processor, version, limits, publish, fetch_limits, wrap,
                           db_retry)


def _run_locked(inbox, feeds, out, db_url, processor, version, limits, publish, fetch_limits, wrap,
                db_retry) -> dict:
    from pipeline.register import open_register

    with open_register(db_url, retry_seconds=db_retry) as register:
        run_id = register.start_run("nightly", {"inbox": str(inbox) if inbox else None,
                                                "feeds": str(feeds) if feeds else None,
                                                "extractor_version": version})
    now = time.time()  # milliseconds in the name: run folders sort in start order
    started = time.strftime("%Y%m%dT%H%M%S", time.gmtime(now)) + f".{int(now * 1000) % 1000:03d}Z"
    run_dir = out / f"{started}-{run_id[:8]}"
    job = Job(db_url, str(run_dir / "documents"), version, run_id, processor, limits or Limits.from_env(),
              db_retry)
    summary: dict = {"run_id": run_id, "started_at": started, "extractor_version": version}
    try:
        inputs = wrap(list_inbox)(inbox) if inbox else []
        fetch_errors: list[dict] = []
        if feeds:
            items, fetch_errors = wrap(collect_feed_items)(feeds, run_dir / "fetched", db_url, version, fetch_limits,
                                                           db_retry)
            inputs += items
        entries = wrap(ingest_inputs)(inputs, job)
        if inbox:
            wrap(settle_inbox)(inbox, entries, run_id)
        summary.update(summarise_entries(entries), fetch_errors=fetch_errors, entries=entries)
        summary["publish"] = wrap(publish_documents)(db_url, db_retry) if publish else {"skipped": "disabled"}
        wrap(write_run_outputs)(run_dir, summary)
    except BaseException as exc:
        try:
            _finish(db_url, run_id, {**summary, "error": f"{type(exc).__name__}: {exc}"[:300]}, "failed", db_retry)
        except Exception as finish_error:  # noqa: BLE001 — the register may be what failed; keep the first error
            log.warning("could not record run %s as failed: %s", run_id, finish_error)
        raise
    _finish(db_url, run_id, {k: v for k, v in summary.items() if k != "entries"}, "ok", db_retry)
    summary["run_dir"] = str(run_dir)
    return summary


def _finish(db_url: str, run_id: str, summary: dict, status: str, db_retry: float) -> None:
    from pipeline.register import open_register

    with open_register(db_url, retry_seconds=db_retry) as register:
        register.finish_run(run_id, {k: v for k, v in summary.items() if k != "entries"}, status=status)


def format_nightly(summary: dict) -> str:
    lines = [f"{summary['inputs']} inputs: {summary['processed']} processed, {summary['duplicates']} duplicates, "
             f"{summary['set_aside']} set aside -> {summary.get('run_dir', '')}"]
    lines += [f"  set aside {reason}: {n}" for reason, n in summary["set_aside_by_reason"].items()]
    lines += [f"  fetch error: {e.get('item') or e['feed']}: {e['error']}" for e in summary.get("fetch_errors", [])]
    return "\n".join(lines)
