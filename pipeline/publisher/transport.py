"""Send one batch over HTTP with retries; classify the result."""

from __future__ import annotations

import logging
import random
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

import httpx

from .. import __version__
from .batch import CONTENT_TYPES, Batch
from .policy import RetryPolicy, compute_delay, is_retryable_status
from .redact import redact_text

if TYPE_CHECKING:
    from ..config import Endpoint

log = logging.getLogger("pipeline.publisher")


@dataclass(frozen=True, slots=True)
class Outcome:
    """delivered (2xx), rejected (4xx, not retried) or failed (retries exhausted)."""

    kind: str
    status: int | None
    detail: str | None
    attempts: int


def build_headers(endpoint: Endpoint, batch: Batch, token: str | None) -> dict[str, str]:
    headers = {"Content-Type": f"{CONTENT_TYPES[endpoint.format]}; charset=utf-8",
               "Idempotency-Key": batch.idempotency_key,
               "User-Agent": f"findings-publisher/{__version__}",
               "X-Findings-Count": str(len(batch.items))}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    return headers


def send_batch(client: httpx.Client, endpoint: Endpoint, batch: Batch, token: str | None, policy: RetryPolicy,
               *, rng: random.Random | None = None) -> Outcome:
    """POST the batch until it is accepted, rejected, or policy.max_attempts is spent."""
    body, headers = batch.render_body(endpoint.format), build_headers(endpoint, batch, token)
    detail, status = None, None
    for attempt in range(1, policy.max_attempts + 1):
        retry_after = None
        try:
            response = client.post(endpoint.url, content=body, headers=headers)
        except httpx.TransportError as exc:
            status, detail = None, redact_text(f"{type(exc).__name__}: {exc}", [token])
        else:
            status = response.status_code
            if 200 <= status < 300:
                return Outcome("delivered", status, None, attempt)
            detail = read_detail(response, token, policy.body_limit)
            if not is_retryable_status(status):
                return Outcome("rejected", status, detail, attempt)
            retry_after = response.headers.get("Retry-After")
        if attempt == policy.max_attempts:
            break
        delay = compute_delay(policy, attempt, retry_after, rng)
        log.info("endpoint %s: batch %s attempt %d failed (%s); retrying in %.2fs", endpoint.name,
                 batch.idempotency_key[:12], attempt, (detail or "")[:120], delay)
        time.sleep(delay)
    return Outcome("failed", status, detail, policy.max_attempts)


def read_detail(response: httpx.Response, token: str | None, limit: int) -> str:
    """'HTTP <status>: <body>', secrets masked before truncating to `limit` characters."""
    body = response.text[: max(65536, 4 * limit)]
    return redact_text(f"HTTP {response.status_code}: {body}", [token])[:limit]
