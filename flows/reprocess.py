"""The archive reprocessing flow: batches as Prefect tasks on a Dask cluster, or a local process pool."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from prefect import flow, task
from prefect.cache_policies import NO_CACHE
from prefect.futures import as_completed

from pipeline.jobs.reprocess import BATCH_SIZE, dispatch_local, reprocess_archive
from pipeline.jobs.work import Job, WorkItem, process_batch
from pipeline.register.retry import DEFAULT_RETRY_SECONDS


@task(name="process_batch", cache_policy=NO_CACHE)
def process_batch_task(items: list[WorkItem], job: Job) -> list[dict]:
    """One batch on whichever worker the task runner picks; results are small (ids, statuses)."""
    return process_batch(items, job)


def dispatch_tasks(batches: list[list[WorkItem]], job: Job) -> Iterator[list[dict]]:
    """Submit every batch to the flow's task runner; the cluster's worker threads bound concurrency."""
    futures = [process_batch_task.submit(batch, job) for batch in batches]
    for future in as_completed(futures):
        yield future.result()


@flow(name="reprocess-archive")
def reprocess_flow(archive: str, out: str, db: str | None = None, workers: int = 2, batch_size: int = BATCH_SIZE,
                   limit: int | None = None, use_task_runner: bool = False,
                   db_retry: float = DEFAULT_RETRY_SECONDS) -> dict:
    """Reprocess an archive: batches go to the task runner (use_task_runner, e.g. Dask) or a local pool."""
    dispatch = dispatch_tasks if use_task_runner else dispatch_local(workers)
    return reprocess_archive(Path(archive), Path(out), db_url=db, workers=workers, batch_size=batch_size,
                             limit=limit, dispatch=dispatch, progress=False, db_retry=db_retry)


def reprocess_on_dask(address: str, **parameters) -> dict:
    """Run reprocess_flow with prefect-dask's DaskTaskRunner against a running scheduler."""
    from prefect_dask import DaskTaskRunner

    runner = DaskTaskRunner(address=address)
    return reprocess_flow.with_options(task_runner=runner)(use_task_runner=True, **parameters)
