"""Writing outputs: atomically (temp name, then rename), so a crash never leaves half a file."""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path


def write_atomic(path: Path, data: str) -> None:
    """Write `data` to `path` via a temporary file in the same directory and an atomic rename. The file's
    mode follows the umask (0644 under 022), as any file the process creates; a failure (a full disk)
    leaves the previous file, if any, and no temporary file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = _create_temporary(path)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError) and exc.filename is None:  # a failed write names no file: name it
            raise OSError(exc.errno, exc.strerror, str(path)) from exc
        raise


def _create_temporary(path: Path) -> tuple[int, Path]:
    """A new file next to `path`, created 0666 minus the umask (mkstemp would make it 0600)."""
    while True:
        tmp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666), tmp
        except FileExistsError:
            continue


def dump_json(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


class JsonDirectorySink:
    """One JSON per input at DIR/<stem>.json; a second input with the same stem gets
    DIR/<stem>.<suffix>.json so nothing is overwritten within a run."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.used: set[str] = set()

    def write(self, source: Path, output: dict) -> str:
        name = f"{source.stem}.json"
        if name in self.used:
            name = f"{source.stem}{source.suffix}.json"
        self.used.add(name)
        write_atomic(self.directory / name, dump_json(output))
        return name


def write_manifest(directory: Path, entries: list[dict]) -> None:
    """Every input of the run and its outcome."""
    summary = {
        "inputs": len(entries),
        "processed": sum(e["status"] == "processed" for e in entries),
        "set_aside": sum(e["status"] == "set_aside" for e in entries),
    }
    write_atomic(directory / "manifest.json", dump_json({"summary": summary, "entries": entries}))
