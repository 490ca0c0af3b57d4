"""Subcommands `findings run nightly`, `findings serve` and `findings reprocess`; the main CLI calls
add_commands(subparsers). Exit codes (pipeline/exits.py): 0 all inputs processed, 1 some set aside, 2 usage
error, 3 the run failed. By default they print only our own lines; -v adds Prefect's logs, -vv HTTP requests
(pipeline/jobs/console.py)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipeline.exits import SET_ASIDE, USAGE, document_exit_codes, run_handler
from pipeline.register.cli import add_db_options, resolve_db_retry

NIGHTLY_OUT = Path("outputs/nightly")
REPROCESS_OUT = Path("outputs/reprocess")


def add_commands(subparsers) -> None:
    """Add `run nightly`, `serve` and `reprocess` to an argparse subparsers object."""
    run = subparsers.add_parser("run", help="run a scheduled flow once, now")
    run_sub = run.add_subparsers(dest="run_command", required=True, metavar="FLOW")
    p = run_sub.add_parser("nightly", help="ingest the inbox and the news feeds once")
    _add_nightly_options(p)
    p.add_argument("--no-prefect", action="store_true", help="run the steps directly, without a Prefect flow run")
    p.add_argument("--no-publish", action="store_true", help="do not send documents to the endpoints")
    document_exit_codes(p)
    _set_handler(p, run_nightly_command)

    p = subparsers.add_parser("serve", help="serve the nightly flow on its schedule (Prefect, until interrupted)")
    _add_nightly_options(p)
    p.add_argument("--cron", default="0 2 * * *", help="schedule (default: 0 2 * * *)")
    p.add_argument("--timezone", default="Asia/Ho_Chi_Minh", help="schedule time zone (default Asia/Ho_Chi_Minh)")
    p.add_argument("--name", default="nightly", help="deployment name (default nightly)")
    _set_handler(p, serve_command)

    p = subparsers.add_parser("reprocess", help="re-extract an archive (directory, .zip, .tar.gz), resumably")
    p.add_argument("archive", type=Path, metavar="ARCHIVE")
    add_db_options(p)
    p.add_argument("--out", type=Path, default=REPROCESS_OUT, metavar="DIR",
                   help=f"output directory (default {REPROCESS_OUT})")
    p.add_argument("--workers", type=int, default=2, metavar="N", help="worker processes (default 2; 0: in-process)")
    p.add_argument("--batch-size", type=int, default=50, metavar="N", help="documents per batch (default 50)")
    p.add_argument("--dask", metavar="ADDRESS", help="run the batches on this Dask scheduler (tcp://host:8786)")
    p.add_argument("--limit", type=int, metavar="N", help="process at most N pending documents")
    document_exit_codes(p)
    _set_handler(p, reprocess_command)


def _set_handler(parser: argparse.ArgumentParser, handler) -> None:
    parser.add_argument("-v", "--verbose", action="count", default=0,
                        help="-v: Prefect's logs too; -vv: HTTP requests as well")
    parser.set_defaults(handler=handler, func=handler)


def _add_nightly_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--inbox", type=Path, metavar="DIR", help="directory other systems drop files into")
    p.add_argument("--feeds", type=Path, metavar="FILE", help="file listing RSS/Atom feeds, one URL or path a line")
    p.add_argument("--out", type=Path, default=NIGHTLY_OUT, metavar="DIR",
                   help=f"runs are written to DIR/<stamp>-<run>/ (default {NIGHTLY_OUT})")
    add_db_options(p)


def _check_sources(args) -> str | None:
    if not args.inbox and not args.feeds:
        return "give --inbox DIR and/or --feeds FILE"
    if args.inbox and not args.inbox.is_dir():
        return f"not a directory: {args.inbox}"
    if args.feeds and not args.feeds.is_file():
        return f"no such file: {args.feeds}"
    return None


def _fail(message: str) -> int:
    print(f"findings: {message}", file=sys.stderr)
    return USAGE


def _usage_errors() -> tuple[type[BaseException], ...]:
    """Errors in what the command was given (exit 2); anything else fails the run (exit 3, pipeline.exits)."""
    from pipeline.jobs.archive import ArchiveError
    from pipeline.config import ConfigError

    return ArchiveError, ConfigError


def run_nightly_command(args) -> int:
    problem = _check_sources(args)
    if problem:
        return _fail(problem)
    from pipeline.jobs import console
    from pipeline.jobs.nightly import format_nightly, run_nightly

    console.configure(args.verbose)
    try:
        db_retry = resolve_db_retry(args)
        if args.no_prefect:
            summary = run_nightly(inbox=args.inbox, feeds=args.feeds, out=args.out, db_url=args.db,
                                  publish=not args.no_publish, db_retry=db_retry)
        else:
            if args.no_publish:
                return _fail("--no-publish needs --no-prefect (the deployed flow always publishes)")
            from flows.nightly import nightly_flow
            from flows.settings import one_off_settings

            with one_off_settings():
                summary = nightly_flow(inbox=_text(args.inbox), feeds=_text(args.feeds), out=str(args.out),
                                       db=args.db, db_retry=db_retry)
    except _usage_errors() as exc:
        return _fail(str(exc))
    print(format_nightly(summary), file=sys.stderr)
    return SET_ASIDE if summary["set_aside"] else 0


def serve_command(args) -> int:
    problem = _check_sources(args)
    if problem:
        return _fail(problem)
    from pipeline.jobs import console

    console.configure(args.verbose)
    from flows.nightly import serve_nightly

    parameters = {"inbox": _text(args.inbox, absolute=True), "feeds": _text(args.feeds, absolute=True),
                  "out": str(args.out.resolve()), "db": args.db, "db_retry": resolve_db_retry(args)}
    print(f"serving nightly-ingest/{args.name}: cron '{args.cron}' ({args.timezone}), runs written to "
          f"{parameters['out']}; Ctrl-C stops", file=sys.stderr, flush=True)
    serve_nightly(parameters, cron=args.cron, timezone=args.timezone, name=args.name, verbose=args.verbose > 0)
    return 0


def reprocess_command(args) -> int:
    if not args.archive.exists():
        return _fail(f"no such file or directory: {args.archive}")
    if args.workers < 0 or args.batch_size < 1 or (args.limit is not None and args.limit < 0):
        return _fail("--workers must be >= 0, --batch-size >= 1, --limit >= 0")
    from pipeline.jobs import console
    from pipeline.jobs.reprocess import format_summary, reprocess_archive

    console.configure(args.verbose)
    try:
        db_retry = resolve_db_retry(args)
        parameters = dict(db_url=args.db, workers=args.workers, batch_size=args.batch_size, limit=args.limit,
                          db_retry=db_retry)
        if args.dask:
            from flows.reprocess import reprocess_on_dask
            from flows.settings import one_off_settings

            with one_off_settings():
                summary = reprocess_on_dask(args.dask, archive=str(args.archive.resolve()),
                                            out=str(args.out.resolve()), db=args.db, batch_size=args.batch_size,
                                            limit=args.limit, db_retry=db_retry)
        else:
            summary = reprocess_archive(args.archive, args.out, **parameters)
    except _usage_errors() as exc:
        return _fail(str(exc))
    print(format_summary(summary), file=sys.stderr)
    return SET_ASIDE if summary["set_aside"] else 0


def _text(path: Path | None, absolute: bool = False) -> str | None:
    if path is None:
        return None
    return str(path.resolve() if absolute else path)


def main(argv: list[str] | None = None) -> int:
    """Standalone entry (python -m pipeline.runs_cli) until the main CLI wires these commands in."""
    parser = argparse.ArgumentParser(prog="findings")
    add_commands(parser.add_subparsers(dest="command", required=True, metavar="COMMAND"))
    args = parser.parse_args(argv)
    return run_handler(args.handler, args, argv)


if __name__ == "__main__":
    sys.exit(main())
