"""Exit codes a scheduler can trust, and how a failed command is reported.

    0  everything was processed
    1  some inputs were set aside (each named on stderr with its reason)
    2  usage error (arguments, configuration)
    3  the run failed (disk, database, permissions, a bug): one line on stderr says what, where and what to
       do; the traceback goes to a crash log whose path that line gives

Finished documents are kept and a rerun resumes, so the advice for a failed run is always "fix, run again".
"""

from __future__ import annotations

import errno
import os
import sys
import tempfile
import time
import traceback
from pathlib import Path

OK, SET_ASIDE, USAGE, FAILED = 0, 1, 2, 3
INTERRUPTED = 130
RERUN = "then run the same command again: finished work is kept and the rerun resumes"
_DISK_FULL = (errno.ENOSPC, errno.EDQUOT)
_DENIED = (errno.EACCES, errno.EPERM, errno.EROFS)


EXIT_CODES_HELP = """exit codes:
  0  everything was processed
  1  some inputs were set aside (each named on stderr with its reason)
  2  usage error (arguments, configuration)
  3  the run failed (disk, database, permissions, a bug): one line says what to do, the traceback
     goes to the crash log it names; finished work is kept and a rerun resumes"""


def document_exit_codes(parser) -> None:
    """Show the exit codes at the end of a parser's --help."""
    import argparse

    parser.epilog = EXIT_CODES_HELP
    parser.formatter_class = argparse.RawDescriptionHelpFormatter


class UsageError(Exception):
    """The command cannot run as given (exit 2)."""


def run_handler(handler, args, argv: list[str] | None = None) -> int:
    """Call a command handler and turn what escapes it into an exit code and one line on stderr."""
    from pipeline.config import ConfigError

    try:
        return int(handler(args) or 0)
    except KeyboardInterrupt:
        print("findings: interrupted; run the same command again to resume", file=sys.stderr)
        return INTERRUPTED
    except (UsageError, ConfigError) as exc:
        print(f"findings: {exc}", file=sys.stderr)
        return USAGE
    except Exception as exc:  # noqa: BLE001 — every failure becomes exit 3 and a crash log, never a traceback
        return report_failure(exc, argv if argv is not None else sys.argv[1:], _register_of(args))


def report_failure(exc: BaseException, argv: list[str], register: str | None = None) -> int:
    """Write the crash log, print the one-line summary, return FAILED."""
    log = write_crash_log(exc, argv)
    where = f"crash log: {log}" if log else "no crash log could be written"
    print(f"findings: {describe_failure(exc, register)} ({where})", file=sys.stderr)
    return FAILED


def _register_of(args) -> str | None:
    """The register a command with --db works on (password removed), if any."""
    if not hasattr(args, "db"):
        return None
    try:
        from pipeline.config import configured_db_url
        from pipeline.register import redact_url

        url = configured_db_url(args.db)
        return url if url.startswith("sqlite:") else redact_url(url)
    except Exception:  # noqa: BLE001 — only a hint for the message
        return None


def describe_failure(exc: BaseException, register: str | None = None) -> str:
    """What failed, where, and what to do, in one line (`register`: the URL the command used)."""
    from pipeline.jobs.work import RunLocked, StagedInputChanged
    from pipeline.register import RegisterError

    chain = _chain(exc)
    if register and any(isinstance(e, RegisterError) for e in chain):
        exc = RegisterError(f"register {register}: {_one_line(exc)}")
    os_error = next((e for e in chain if isinstance(e, OSError) and e.errno), None)
    text = " ".join(_one_line(e) for e in chain).lower()
    if (os_error is not None and os_error.errno in _DISK_FULL) or "disk is full" in text:
        where = f" writing {os_error.filename}" if os_error is not None and os_error.filename else ""
        return f"disk full{where}: {_one_line(exc)}; free space on that filesystem, {RERUN}"
    if os_error is not None and os_error.errno in _DENIED:
        return (f"permission denied: {os_error.filename or _one_line(os_error)}; give this account access "
                f"(or choose another directory), {RERUN}")
    if isinstance(exc, RunLocked):
        return f"{_one_line(exc)}; wait for that run to end, {RERUN}"
    if isinstance(exc, StagedInputChanged):
        return f"{_one_line(exc)}; make sure no other process writes there, {RERUN}"
    if isinstance(exc, RegisterError):
        return f"register database failed: {_one_line(exc)}; check that the database is up and reachable, {RERUN}"
    if os_error is not None:
        return f"{os_error.strerror or 'I/O error'}: {os_error.filename or _one_line(os_error)}; {RERUN}"
    return (f"internal error: {type(exc).__name__}: {_one_line(exc)}; please report it with the crash log; "
            f"{RERUN}")


def write_crash_log(exc: BaseException, argv: list[str]) -> Path | None:
    """The traceback in $XDG_STATE_HOME/findings/ (default ~/.local/state/findings/), else the temp directory
    (the first one that takes the whole file: the output disk may be the full one)."""
    from pipeline import __version__

    stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
    name = f"crash-{stamp}-{os.getpid()}.log"
    from pipeline.register import redact_url

    command = " ".join(_redact_argument(a, redact_url) for a in argv)
    text = (f"findings {__version__} at {stamp}Z, pid {os.getpid()}\ncommand: findings {command}\n\n"
            + "".join(traceback.format_exception(exc)))
    for directory in crash_log_dirs():
        path = directory / name
        try:
            directory.mkdir(parents=True, exist_ok=True)
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(text)
            return path
        except OSError:
            try:
                path.unlink(missing_ok=True)
            except OSError:
                pass
    return None


def _redact_argument(arg: str, redact_url) -> str:
    """A URL argument (or --flag=URL) without its password or query string."""
    if "://" not in arg:
        return arg
    flag, eq, value = arg.partition("=") if arg.startswith("-") else ("", "", arg)
    return f"{flag}{eq}{redact_url(value)}"


def crash_log_dirs() -> list[Path]:
    state = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return [Path(state) / "findings", Path(tempfile.gettempdir())]


def _chain(exc: BaseException) -> list[BaseException]:
    """The exception and its causes / contexts, outermost first."""
    seen: list[BaseException] = []
    while exc is not None and exc not in seen:
        seen.append(exc)
        exc = exc.__cause__ or exc.__context__
    return seen


def _one_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0][:300]
