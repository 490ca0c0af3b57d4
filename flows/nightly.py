"""The nightly ingestion flow, and serving it on its schedule (02:00 Asia/Ho_Chi_Minh)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Callable

from prefect import flow, get_run_logger, runtime, task
from prefect.cache_policies import NO_CACHE

from pipeline.jobs.nightly import format_nightly, run_nightly
from pipeline.register.retry import DEFAULT_RETRY_SECONDS

CRON = "0 2 * * *"
TIMEZONE = "Asia/Ho_Chi_Minh"
DEPLOYMENT = "nightly"


def as_task(fn: Callable) -> Callable:
    """A library step as a Prefect task (never cached: each night's inputs differ)."""
    return task(fn, name=fn.__name__, cache_policy=NO_CACHE)


@flow(name="nightly-ingest")
def nightly_flow(inbox: str | None = None, feeds: str | None = None, out: str = "outputs/nightly",
                 db: str | None = None, db_retry: float = DEFAULT_RETRY_SECONDS) -> dict:
    """Ingest the inbox and the news feeds once; returns the run summary without the per-input entries."""
    summary = run_nightly(inbox=Path(inbox) if inbox else None, feeds=Path(feeds) if feeds else None,
                          out=Path(out), db_url=db, wrap=as_task, db_retry=db_retry)
    report = format_nightly(summary)
    get_run_logger().info(report)
    if runtime.deployment.id:  # a served or deployed run has no command line to print its summary
        print(report, file=sys.stderr, flush=True)
    return {k: v for k, v in summary.items() if k != "entries"}


def build_nightly_deployment(parameters: dict, *, cron: str = CRON, timezone: str = TIMEZONE,
                             name: str = DEPLOYMENT):
    """The served deployment: the nightly flow with fixed parameters on a cron schedule in `timezone`."""
    from prefect.schedules import Cron

    return nightly_flow.to_deployment(name=name, schedule=Cron(cron, timezone=timezone), parameters=parameters,
                                      description="Nightly ingestion of the inbox and news feeds",
                                      tags=["findings"])


def serve_nightly(parameters: dict, *, cron: str = CRON, timezone: str = TIMEZONE, name: str = DEPLOYMENT,
                  verbose: bool = True) -> None:
    """Register the deployment and run its scheduled (and manually triggered) runs until interrupted;
    Prefect's own starting message only when verbose."""
    from prefect import serve

    serve(build_nightly_deployment(parameters, cron=cron, timezone=timezone, name=name),
          print_starting_message=verbose)
