"""Prefect settings for one-off runs started from the command line."""

from __future__ import annotations

import inspect
import logging
from contextlib import contextmanager
from typing import Iterator

log = logging.getLogger("flows")


@contextmanager
def one_off_settings() -> Iterator[None]:
    """No flow-run heartbeat thread (it costs a second per run; crash detection matters for served
    deployments only); on the way out, flush queued events and logs so the task-run records of a run
    reach the server before the process exits."""
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

    try:
        with temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
            yield
    finally:
        flush_prefect_workers()


def flush_prefect_workers() -> None:
    """Drain Prefect's background event and log senders (best effort)."""
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker
    from prefect.utilities.asyncutils import run_coro_as_sync

    async def drain() -> None:
        for result in (APILogWorker.instance().drain(), EventsWorker.drain_all()):
            if inspect.isawaitable(result):
                await result

    try:
        run_coro_as_sync(drain())
    except Exception as exc:  # noqa: BLE001 — never turn a finished run into a failure
        log.debug("could not flush Prefect workers: %s", exc)
