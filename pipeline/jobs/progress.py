"""The progress bar of a batch run on stderr (rich.progress: bar, done/total, docs/s, elapsed, ETA);
silent when stderr is not a terminal."""

from __future__ import annotations

import sys
from typing import TextIO

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, ProgressColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.progress import Progress as RichProgress
from rich.text import Text


class RateColumn(ProgressColumn):
    """Documents per second over the run so far."""

    def render(self, task) -> Text:
        elapsed = task.finished_time if task.finished else task.elapsed
        rate = task.completed / elapsed if elapsed else 0.0
        return Text(f"{rate:.1f} docs/s")


class Progress:
    def __init__(self, total: int, stream: TextIO | None = None, enabled: bool | None = None,
                 description: str = "documents"):
        stream = stream or sys.stderr
        self.enabled = stream.isatty() if enabled is None else enabled
        console = Console(file=stream, force_terminal=self.enabled or None)
        self._bar = RichProgress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                                 RateColumn(), TimeElapsedColumn(), "ETA", TimeRemainingColumn(),
                                 console=console, disable=not self.enabled, refresh_per_second=5)
        self._task = self._bar.add_task(description, total=total)
        if self.enabled and total:
            self._bar.start()

    @property
    def done(self) -> int:
        return int(self._bar.tasks[0].completed)

    def advance(self, n: int = 1) -> None:
        self._bar.advance(self._task, n)

    def close(self) -> None:
        self._bar.stop()
