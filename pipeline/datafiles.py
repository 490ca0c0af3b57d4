"""Language data shipped as YAML beside the code (pipeline/data/*.yaml)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

DATA_DIR = Path(__file__).parent / "data"


@cache
def read_yaml(path: Path) -> dict:
    """A parsed YAML data file, read once per process (treat as read-only)."""
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def load_data(name: str) -> dict:
    """The parsed YAML file pipeline/data/<name>.yaml."""
    return read_yaml(DATA_DIR / f"{name}.yaml")
