"""Shared fixtures. Append new fixtures; do not rewrite others'."""

from __future__ import annotations

import os
import shutil
import tempfile

import pytest


@pytest.fixture(scope="session")
def prefect_harness():
    """A temporary Prefect server and database for the session (prefect_test_harness; ~10-15 s to start).
    Yields the API URL; the environment is restored afterwards."""
    from prefect.settings import PREFECT_API_URL
    from prefect.testing.utilities import prefect_test_harness

    saved = {k: os.environ.get(k) for k in ("PREFECT_SERVER_ANALYTICS_ENABLED", "PREFECT_HOME")}
    home = tempfile.mkdtemp(prefix="prefect-home-")
    os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
    os.environ["PREFECT_HOME"] = home
    try:
        with prefect_test_harness(server_startup_timeout=90):
            yield PREFECT_API_URL.value()
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        shutil.rmtree(home, ignore_errors=True)
