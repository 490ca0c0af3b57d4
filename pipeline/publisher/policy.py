"""Retry policy: which outcomes to retry, exponential backoff with jitter, and Retry-After."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime

RETRY_STATUSES = frozenset({408, 425, 429})
SPLIT_STATUSES = frozenset({400, 413, 422})  # a batch rejected with these is retried one document at a time


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """Attempts per batch and delays in seconds; tests pass tiny values."""

    max_attempts: int = 5
    backoff_base: float = 0.5
    backoff_max: float = 30.0
    retry_after_cap: float = 120.0
    body_limit: int = 2000  # characters of a rejecting response body kept in the dead-letter row

    def __post_init__(self):
        if self.max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")
        if min(self.backoff_base, self.backoff_max, self.retry_after_cap) < 0 or self.body_limit < 0:
            raise ValueError("delays and body_limit must not be negative")


def is_retryable_status(status: int) -> bool:
    return status >= 500 or status in RETRY_STATUSES


def compute_backoff(policy: RetryPolicy, attempt: int, rng: random.Random | None = None) -> float:
    """Delay before retry number `attempt` (1-based): base * 2^(attempt-1), capped, with equal jitter."""
    ceiling = min(policy.backoff_max, policy.backoff_base * (2 ** (attempt - 1)))
    return ceiling / 2 + (rng or random).uniform(0, ceiling / 2)


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP-date); None if absent or invalid."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - (now or datetime.now(timezone.utc))).total_seconds())


def compute_delay(policy: RetryPolicy, attempt: int, retry_after: str | None,
                  rng: random.Random | None = None) -> float:
    """Retry-After when the server gives one (capped), else the backoff."""
    hinted = parse_retry_after(retry_after)
    if hinted is not None:
        return min(hinted, policy.retry_after_cap)
    return compute_backoff(policy, attempt, rng)
