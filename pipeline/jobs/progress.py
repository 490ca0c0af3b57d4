"""A one-line terminal progress bar on stderr (docs/s, ETA); silent when stderr is not a TTY."""

from __future__ import annotations

import sys
import time
from typing import TextIO


def format_duration(seconds: float) -> str:
    seconds = int(max(0, seconds))
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


class Progress:
    def __init__(self, total: int, stream: TextIO | None = None, enabled: bool | None = None, width: int = 28):
        self.total, self.done, self.width = total, 0, width
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.started = time.monotonic()
        self._last = 0.0

    def advance(self, n: int = 1) -> None:
        self.done += n
        now = time.monotonic()
        if self.enabled and (now - self._last >= 0.2 or self.done >= self.total):
            self._last = now
            self.stream.write("\r" + self.render(now - self.started))
            self.stream.flush()

    def render(self, elapsed: float) -> str:
        rate = self.done / elapsed if elapsed > 0 else 0.0
        fraction = self.done / self.total if self.total else 1.0
        filled = int(self.width * min(1.0, fraction))
        eta = format_duration((self.total - self.done) / rate) if rate > 0 else "?"
        return (f"[{'#' * filled}{'.' * (self.width - filled)}] {self.done}/{self.total} "
                f"{rate:.1f} docs/s ETA {eta}  ")

    def close(self) -> None:
        if self.enabled and self.total:
            self.stream.write("\n")
            self.stream.flush()
