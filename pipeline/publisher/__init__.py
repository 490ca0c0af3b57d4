"""Publisher: at-least-once delivery of register documents to HTTP endpoints."""

from .batch import derive_batch_key, derive_document_key
from .policy import RetryPolicy, parse_retry_after
from .redact import redact_text
from .run import publish, publish_endpoint

__all__ = ["RetryPolicy", "derive_batch_key", "derive_document_key", "parse_retry_after", "publish",
           "publish_endpoint", "redact_text"]
