"""Configuration file: findings.toml in the working directory, or the path in FINDINGS_CONFIG.

    [register]
    db = "postgresql://findings@db.internal/findings"   # credentials: PGPASSWORD or ~/.pgpass
    retry_seconds = 60      # ride out a lost connection / server restart this long (0: fail at once)

    [publish]                                             # all optional
    max_attempts = 5
    backoff_base = 0.5
    backoff_max = 30
    retry_after_cap = 120

    [[endpoints]]
    name = "ministry"
    url = "https://import.example.vn/findings"
    format = "jsonl"               # json | jsonl
    batch_size = 50
    token_env = "MINISTRY_TOKEN"   # the token itself is never written in this file
    timeout = 30

Tokens live only in the environment; the file names the variable.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from urllib.parse import urlsplit

from .publisher.policy import RetryPolicy
from .register.db import DEFAULT_DB_URL
from .register.retry import DEFAULT_RETRY_SECONDS

CONFIG_ENV = "FINDINGS_CONFIG"
DEFAULT_CONFIG = "findings.toml"
DEFAULT_TOKEN_ENV = "FINDINGS_ENDPOINT_TOKEN"
FORMATS = ("json", "jsonl")


class ConfigError(ValueError):
    """The configuration file or an endpoint is invalid."""


@dataclass(frozen=True, slots=True)
class Endpoint:
    """A receiver of documents. Holds the *name* of the token variable, never a token."""

    name: str
    url: str
    format: str = "json"
    batch_size: int = 1
    token_env: str = DEFAULT_TOKEN_ENV
    timeout: float = 30.0

    def __post_init__(self):
        validate_endpoint(self)

    def read_token(self) -> str | None:
        """The bearer token from the environment, if set."""
        return os.environ.get(self.token_env) or None


@dataclass(frozen=True, slots=True)
class Config:
    db_url: str | None = None
    endpoints: tuple[Endpoint, ...] = ()
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    path: str | None = None
    db_retry_seconds: float = DEFAULT_RETRY_SECONDS


def configured_db_url(explicit: str | None = None) -> str:
    """An explicit URL (--db), else FINDINGS_DB_URL, else the config file's [register] db, else the default."""
    return explicit or os.environ.get("FINDINGS_DB_URL") or load_config().db_url or DEFAULT_DB_URL


def validate_endpoint(ep: Endpoint) -> None:
    parts = urlsplit(ep.url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(f"endpoint {ep.name!r}: url must be http(s)://host/...")
    if parts.username or parts.password:
        raise ConfigError(f"endpoint {ep.name!r}: credentials in the URL are not allowed; "
                          f"put the token in the environment variable named by token_env")
    if ep.format not in FORMATS:
        raise ConfigError(f"endpoint {ep.name!r}: format must be json or jsonl")
    if not isinstance(ep.batch_size, int) or isinstance(ep.batch_size, bool) or ep.batch_size < 1:
        raise ConfigError(f"endpoint {ep.name!r}: batch_size must be a positive integer")
    if not isinstance(ep.timeout, (int, float)) or ep.timeout <= 0:
        raise ConfigError(f"endpoint {ep.name!r}: timeout must be a positive number of seconds")
    if not ep.token_env or not ep.token_env.replace("_", "").isalnum():
        raise ConfigError(f"endpoint {ep.name!r}: token_env must be an environment variable name")


def endpoint_from_url(url: str, **overrides) -> Endpoint:
    """An endpoint given on the command line; its name is the URL without query string."""
    parts = urlsplit(url)
    name = f"{parts.scheme}://{parts.netloc.rsplit('@', 1)[-1]}{parts.path}"
    return Endpoint(name=name, url=url, **{k: v for k, v in overrides.items() if v is not None})


def find_config_path(path: str | Path | None = None) -> Path | None:
    """An explicit path, else FINDINGS_CONFIG, else ./findings.toml if it exists."""
    if path:
        return Path(path)
    if os.environ.get(CONFIG_ENV):
        return Path(os.environ[CONFIG_ENV])
    default = Path(DEFAULT_CONFIG)
    return default if default.is_file() else None


def load_config(path: str | Path | None = None) -> Config:
    """Read and validate the configuration; an absent default file gives an empty Config."""
    found = find_config_path(path)
    if found is None:
        return Config()
    try:
        data = tomllib.loads(found.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read config {found}: {exc}") from None
    _check_keys(data, {"register", "publish", "endpoints"}, "top level")
    register = data.get("register", {})
    _check_keys(register, {"db", "retry_seconds"}, "[register]")
    db_retry = register.get("retry_seconds", DEFAULT_RETRY_SECONDS)
    if not isinstance(db_retry, (int, float)) or isinstance(db_retry, bool) or db_retry < 0:
        raise ConfigError("[register] retry_seconds must be a number of seconds >= 0")
    publish = data.get("publish", {})
    _check_keys(publish, {f.name for f in fields(RetryPolicy)}, "[publish]")
    try:
        retry = RetryPolicy(**publish)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"[publish]: {exc}") from None
    endpoints = tuple(read_endpoint(i, raw) for i, raw in enumerate(data.get("endpoints", [])))
    names = [e.name for e in endpoints]
    if len(set(names)) != len(names):
        raise ConfigError("endpoint names must be unique")
    return Config(db_url=register.get("db"), endpoints=endpoints, retry=retry, path=str(found),
                  db_retry_seconds=float(db_retry))


def read_endpoint(index: int, raw: dict) -> Endpoint:
    where = f"[[endpoints]] #{index + 1}"
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: must be a table")
    if {"token", "password", "authorization", "secret"} & set(raw):
        raise ConfigError(f"{where}: tokens must not be written in the config; "
                          f"set token_env to the name of an environment variable instead")
    _check_keys(raw, {f.name for f in fields(Endpoint)}, where)
    if "name" not in raw or "url" not in raw:
        raise ConfigError(f"{where}: name and url are required")
    try:
        return Endpoint(**raw)
    except TypeError as exc:
        raise ConfigError(f"{where}: {exc}") from None


def _check_keys(table, allowed: set[str], where: str) -> None:
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: must be a table")
    unknown = set(table) - allowed
    if unknown:
        raise ConfigError(f"{where}: unknown keys {sorted(unknown)}")
