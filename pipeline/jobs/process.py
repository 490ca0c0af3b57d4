"""One document from file to output JSON, and the walk over inputs.

Library code: raises SetAside for bad input; the CLI and the flows turn that into
records, messages and quarantine.
"""

from __future__ import annotations

import ctypes
import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import SetAside
from pipeline.ingest.limits import Limits

DOCUMENT_SUFFIXES = {".txt", ".text", ".html", ".htm", ".xhtml", ".pdf", ".docx"}


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one input: processed (with its output) or set aside (with the reason)."""

    path: Path
    source_uri: str
    output: dict | None = None
    reason: str | None = None
    detail: str | None = None

    @property
    def ok(self) -> bool:
        return self.output is not None


def iter_inputs(paths: list[Path]) -> Iterator[tuple[Path, Path, str | None]]:
    """(file, root, refused) triples: files as given; directories walked in sorted order, only document
    suffixes taken. Symbolic links met while walking (and a linked directory given as a root) are not
    followed: they come back with the reason they are refused, so the run still accounts for them."""
    for root in paths:
        if root.is_symlink() and root.is_dir():
            yield root, root.parent, "symbolic link to a directory not followed"
            continue
        if root.is_dir():
            for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
                dirnames.sort()
                for name in sorted(filenames):
                    file = Path(dirpath) / name
                    if file.suffix.lower() in DOCUMENT_SUFFIXES:
                        yield file, root, ("symbolic link not followed" if file.is_symlink() else None)
        else:
            yield root, root.parent, None


def source_uri_for(path: Path, root: Path) -> str:
    """A relative URI: under the working directory when possible, else under the input root's name.
    A symbolic link is named by its own path, never its target's."""
    here = path.parent.resolve() / path.name
    try:
        return here.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        try:
            return (Path(root.resolve().name) / here.relative_to(root.resolve())).as_posix()
        except ValueError:
            return path.name


def process_file(path: Path, limits: Limits | None = None, source_uri: str | None = None) -> dict:
    """Load, normalise and extract one file; raises SetAside with a reason code."""
    from extractors.engine import extract
    from pipeline.ingest.load import load_document

    limits = limits or Limits.from_env()
    with time_limit(limits.max_seconds):
        try:
            size = path.stat().st_size
        except OSError as exc:
            raise SetAside("corrupt", f"cannot read file: {exc.strerror}") from None
        if size > limits.max_bytes:
            raise SetAside("too_large", f"{size} bytes > limit {limits.max_bytes}")
        document = load_document(path, source_uri=source_uri or path.name, limits=limits)
        return extract(document)


def run_inputs(paths: list[Path], limits: Limits | None = None) -> Iterator[Outcome]:
    """Process every input; bad ones come back set aside, never as exceptions."""
    for path, root, refused in iter_inputs(paths):
        uri = source_uri_for(path, root)
        if refused:
            yield Outcome(path, uri, reason="unsafe", detail=refused)
            continue
        try:
            yield Outcome(path, uri, output=process_file(path, limits, uri))
        except SetAside as exc:
            yield Outcome(path, uri, reason=exc.code, detail=exc.detail)
        except MemoryError:
            yield Outcome(path, uri, reason="too_large", detail="out of memory while processing")
        except RecursionError:
            yield Outcome(path, uri, reason="corrupt", detail="structure nested too deeply")
        except Exception as exc:  # noqa: BLE001 — a bug on one file must not stop the batch
            yield Outcome(path, uri, reason="internal_error", detail=f"{type(exc).__name__}: {exc}".splitlines()[0])


class _Timeout(BaseException):
    """Raised inside the worker by the alarm; BaseException so library code cannot swallow it."""


@contextmanager
def time_limit(seconds: float):
    """Set the document aside as 'timeout' after `seconds`. The main thread uses SIGALRM; other threads
    (Dask workers) get the exception delivered asynchronously. Either way it lands between Python
    bytecodes, so a single long C call (one regex, one pdfium call) finishes before it does."""
    if seconds <= 0:
        yield
        return
    stop = _alarm(seconds) if threading.current_thread() is threading.main_thread() else _thread_alarm(seconds)
    try:
        try:
            yield
        finally:
            stop()
    except _Timeout:
        raise SetAside("timeout", f"exceeded {seconds:g} s") from None


def _alarm(seconds: float):
    def on_alarm(signum, frame):
        raise _Timeout()

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)

    def stop() -> None:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    return stop


def _thread_alarm(seconds: float):
    """A timer thread that raises _Timeout in this thread, unless stopped first."""
    target, lock, armed = threading.get_ident(), threading.Lock(), [True]

    def fire() -> None:
        with lock:
            if armed[0]:
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(target), ctypes.py_object(_Timeout))

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    timer.start()

    def stop() -> None:
        with lock:
            armed[0] = False
        timer.cancel()
    return stop
