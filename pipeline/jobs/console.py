"""What `findings run nightly`, `serve` and `reprocess` print on the terminal.

- default: our own lines only: progress, the run's summary and what was set aside, and the messages of
  our loggers (`pipeline.*`, `flows.*`). Prefect's console logs (also those of its temporary server),
  HTTP request lines and other libraries' messages stay off the terminal. Prefect still sends flow and
  task logs to its API, so the UI shows them.
- `-v`: Prefect's logs and other libraries' warnings (and Python warnings) as well.
- `-vv`: every HTTP request too (httpx, httpcore).

Telemetry is off (DO_NOT_TRACK for the Prefect client, PREFECT_SERVER_ANALYTICS_ENABLED=false for a
temporary server) unless the environment says otherwise. Call `configure` before Prefect is imported:
Prefect reads its logging settings from the environment once, and its temporary server inherits them.
"""

from __future__ import annotations

import logging
import os
import sys

OURS = ("pipeline", "flows")
TELEMETRY_OFF = {"DO_NOT_TRACK": "1", "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
# Prefect's console handlers (its logging.yml: `console` on the root logger, `debug` for its internals)
PREFECT_QUIET = {"PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL": "CRITICAL",
                 "PREFECT_LOGGING_HANDLERS_DEBUG_LEVEL": "CRITICAL"}
HTTP_LOGGERS = ("httpx", "httpcore")


def configure(verbosity: int = 0) -> None:
    """Set the environment and logging for a long-running command at `verbosity` (0, 1 or 2)."""
    for key, value in TELEMETRY_OFF.items():
        os.environ.setdefault(key, value)
    for key, value in PREFECT_QUIET.items():
        if verbosity == 0:
            os.environ.setdefault(key, value)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    for name in OURS:
        logger = logging.getLogger(name)
        logger.handlers = [handler]
        logger.setLevel(logging.INFO)
        logger.propagate = False  # printed once, by our handler, whatever Prefect does with the root
    root = logging.getLogger()
    if not root.handlers:  # no "last resort" printing of other libraries' warnings by default
        root.addHandler(logging.StreamHandler(sys.stderr) if verbosity else logging.NullHandler())
    logging.captureWarnings(verbosity == 0)  # Python warnings of libraries (Prefect's shutdown) as logs
    for name in HTTP_LOGGERS:
        logging.getLogger(name).setLevel(logging.INFO if verbosity >= 2 else logging.WARNING)
