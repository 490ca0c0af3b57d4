"""Publish current document versions to endpoints through the register's outbox (at-least-once)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import httpx

from ..register import Register
from .batch import Batch, make_batch
from .policy import SPLIT_STATUSES, RetryPolicy
from .transport import send_batch

if TYPE_CHECKING:
    from ..config import Endpoint

log = logging.getLogger("pipeline.publisher")


def publish(register: Register, endpoints: list[Endpoint] | tuple[Endpoint, ...], *, retry_dead: bool = False,
            policy: RetryPolicy | None = None) -> dict:
    """Send every undelivered current version to every endpoint; recorded as a 'publish' run.

    Each batch's delivery states are committed right after its response, so a killed publisher resumes
    where it stopped; an endpoint whose batch exhausts its retries is left for the next publish.
    """
    policy = policy or RetryPolicy()
    run_id = register.start_run("publish", {"endpoints": [e.name for e in endpoints], "retry_dead": retry_dead})
    results = []
    try:
        for endpoint in endpoints:
            results.append(publish_endpoint(register, endpoint, policy, retry_dead=retry_dead))
    except BaseException:
        try:
            register.finish_run(run_id, {"endpoints": results}, status="failed")
        except Exception:  # the original error matters more
            log.exception("could not close publish run %s", run_id)
        raise
    summary = {"run_id": run_id, "endpoints": results,
               **{k: sum(r[k] for r in results) for k in ("requests", "delivered", "dead", "failed")}}
    register.finish_run(run_id, summary, status="ok" if not summary["failed"] else "incomplete")
    return summary


def publish_endpoint(register: Register, endpoint: Endpoint, policy: RetryPolicy, *,
                     retry_dead: bool = False) -> dict:
    """Publish to one endpoint; returns counts for this call and the endpoint's states afterwards."""
    token = endpoint.read_token()
    if token is None:
        log.warning("endpoint %s: %s is not set; sending without Authorization", endpoint.name, endpoint.token_env)
    stats = {"endpoint": endpoint.name, "queued": register.enqueue_deliveries(endpoint.name),
             "requests": 0, "delivered": 0, "dead": 0, "failed": 0}
    after = None
    with httpx.Client(timeout=httpx.Timeout(endpoint.timeout), follow_redirects=False) as client:
        while True:
            items = register.fetch_pending(endpoint.name, endpoint.batch_size, after=after,
                                           include_dead=retry_dead)
            if not items:
                break
            after = items[-1].cursor
            if not deliver_batch(register, client, endpoint, make_batch(endpoint, items), token, policy, stats):
                log.warning("endpoint %s: unavailable; remaining documents stay pending", endpoint.name)
                break
    stats["states"] = register.delivery_counts(endpoint.name)
    return stats


def deliver_batch(register: Register, client: httpx.Client, endpoint: Endpoint, batch: Batch, token: str | None,
                  policy: RetryPolicy, stats: dict) -> bool:
    """Send one batch and commit its members' states; False if the endpoint stayed unavailable."""
    outcome = send_batch(client, endpoint, batch, token, policy)
    stats["requests"] += outcome.attempts
    n = len(batch.items)
    if outcome.kind == "delivered":
        register.mark_deliveries(endpoint.name, batch.keys, state="delivered", status=outcome.status, error=None,
                                 attempts=outcome.attempts)
        stats["delivered"] += n
        log.info("endpoint %s: delivered %d document(s) [%s]", endpoint.name, n, batch.idempotency_key[:12])
        return True
    if outcome.kind == "rejected" and n > 1 and outcome.status in SPLIT_STATUSES:
        log.warning("endpoint %s: batch rejected with HTTP %s; sending its %d documents one by one",
                    endpoint.name, outcome.status, n)
        register.mark_deliveries(endpoint.name, batch.keys, state=None, status=outcome.status,
                                 error=outcome.detail, attempts=outcome.attempts)
        return all(deliver_batch(register, client, endpoint, Batch((item,), batch.as_array), token, policy, stats)
                   for item in batch.items)
    if outcome.kind == "rejected":
        register.mark_deliveries(endpoint.name, batch.keys, state="dead", status=outcome.status,
                                 error=outcome.detail, attempts=outcome.attempts)
        stats["dead"] += n
        log.warning("endpoint %s: HTTP %s, %d document(s) dead-lettered", endpoint.name, outcome.status, n)
        return True
    register.mark_deliveries(endpoint.name, batch.keys, state=None, status=outcome.status, error=outcome.detail,
                             attempts=outcome.attempts)
    stats["failed"] += n
    return False
