"""Subcommands `findings register ...` and `findings publish`; the main CLI calls add_commands(subparsers).

Every subcommand sets `handler` (as pipeline.cli expects): a callable taking the parsed args, returning an exit code.
"""

from __future__ import annotations

import argparse
import functools
import json
import logging
import sys
from datetime import date

from ..config import FORMATS, configured_db_url, ConfigError, Endpoint, endpoint_from_url, load_config
from ..exits import FAILED, run_handler, SET_ASIDE, USAGE, UsageError, document_exit_codes
from .db import DEFAULT_DB_URL, connect_database, redact_url
from .load import load_directory
from .retry import DEFAULT_RETRY_SECONDS
from .store import _wrap_errors, open_register


def add_commands(subparsers) -> None:
    """Add `register {stats,export,show,load,migrate}` and `publish` to an argparse subparsers object."""
    reg = subparsers.add_parser("register", help="query the findings register or load outputs into it")
    sub = reg.add_subparsers(dest="register_command", required=True, metavar="COMMAND")

    p = sub.add_parser("stats", help="documents and findings by code, status, province and month")
    add_db_options(p)
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=run_stats)

    p = sub.add_parser("export", help="one row per current finding")
    add_db_options(p)
    p.add_argument("--since", type=date.fromisoformat, metavar="DATE", help="published on or after (YYYY-MM-DD)")
    p.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    p.add_argument("--out", metavar="FILE", help="write here instead of stdout")
    p.add_argument("--reviewed", action="store_true",
                   help="the corrected view: analysts' corrections applied, with each document's review state")
    p.set_defaults(handler=run_export)

    p = sub.add_parser("show", help="a document's versions, findings and delivery states (JSON)")
    add_db_options(p)
    p.add_argument("document_id", metavar="DOCUMENT_ID", help="full id or a unique prefix")
    p.set_defaults(handler=run_show)

    p = sub.add_parser("load", help="record the output JSON files of an extract output directory")
    add_db_options(p)
    document_exit_codes(p)
    p.add_argument("out_dir", metavar="OUT_DIR")
    p.set_defaults(handler=run_load)

    p = sub.add_parser("migrate", help="the register schema (Alembic revisions): upgrade, downgrade, current, history")
    add_db_options(p, retry=False)
    p.add_argument("action", choices=("upgrade", "downgrade", "current", "history"))
    p.add_argument("revision", nargs="?",
                   help="upgrade: target (default head); downgrade: target such as 0002, -1 or base")
    p.set_defaults(handler=run_migrate)

    p = subparsers.add_parser("publish", help="send undelivered documents to the import endpoints")
    add_db_options(p)
    document_exit_codes(p)
    p.add_argument("--endpoint", action="append", default=[], metavar="URL|NAME",
                   help="endpoint URL, or the name of a configured endpoint (repeatable; default: all configured)")
    p.add_argument("--retry-dead", action="store_true", help="also re-send dead-lettered documents")
    p.add_argument("--format", choices=FORMATS, help="format for --endpoint URLs (default json)")
    p.add_argument("--batch-size", type=int, help="batch size for --endpoint URLs (default 1)")
    p.add_argument("--timeout", type=float, help="request timeout in seconds for --endpoint URLs")
    p.add_argument("--token-env", metavar="VAR", help="environment variable holding the token for --endpoint URLs")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.set_defaults(handler=run_publish)


def add_db_options(parser: argparse.ArgumentParser, retry: bool = True) -> None:
    """--db URL and (with `retry`) --db-retry SECONDS."""
    parser.add_argument("--db", metavar="URL", default=None,
                        help="sqlite:///path or postgresql://... "
                             f"(default: $FINDINGS_DB_URL, then findings.toml, then {DEFAULT_DB_URL})")
    if not retry:
        return
    parser.add_argument("--db-retry", type=float, metavar="SECONDS", default=None,
                        help="ride out a lost database connection or server restart this long "
                             f"(default: findings.toml [register] retry_seconds, else {DEFAULT_RETRY_SECONDS:g})")


def _guard(func):
    """Turn usage errors into a one-line message and exit code 2 (failures of the run itself reach
    pipeline.exits: exit 3)."""
    @functools.wraps(func)
    def wrapper(args) -> int:
        try:
            return func(args)
        except (ConfigError, ValueError, FileNotFoundError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            return USAGE
    return wrapper


def resolve_cli_db(args) -> str:
    """--db, else FINDINGS_DB_URL, else the config file's [register] db, else the default."""
    return configured_db_url(args.db)


def resolve_db_retry(args) -> float:
    """--db-retry, else the config file's [register] retry_seconds, else the default."""
    if args.db_retry is not None:
        if args.db_retry < 0:
            raise UsageError("--db-retry must be >= 0 seconds")
        return args.db_retry
    return load_config().db_retry_seconds


def open_cli_register(args):
    return open_register(resolve_cli_db(args), retry_seconds=resolve_db_retry(args))


@_guard
def run_stats(args) -> int:
    with open_cli_register(args) as reg:
        stats = reg.stats()
    print(json.dumps(stats, ensure_ascii=False, indent=2) if args.json else format_stats(stats))
    return 0


def format_stats(stats: dict) -> str:
    lines = [f"documents: {stats['documents']} ({stats['documents_relevant']} relevant, "
             f"{stats['superseded_versions']} superseded versions)",
             f"findings: {stats['findings']}  " + "  ".join(f"{k}={v}" for k, v in stats["findings_by_status"].items()),
             f"sanctions: {stats['sanctions']}  recommendations: {stats['recommendations']}  "
             f"set aside: {stats['set_aside']}", "", "by code:"]
    for code, by_status in stats["findings_by_code"].items():
        lines.append(f"  {code:32} " + "  ".join(f"{k}={v}" for k, v in by_status.items()))
    lines += ["", "by province:"] + [f"  {k:32} {v}" for k, v in stats["findings_by_province"].items()]
    lines += ["", "by month (published):"]
    for month, n in stats["documents_by_month"].items():
        lines.append(f"  {month:10} documents={n} findings={stats['findings_by_month'].get(month, 0)}")
    if stats["set_aside_by_reason"]:
        lines += ["", "set aside by reason:"] + [f"  {k:32} {v}" for k, v in stats["set_aside_by_reason"].items()]
    for endpoint, states in stats["deliveries"].items():
        lines.append(f"deliveries to {endpoint}: " + "  ".join(f"{k}={v}" for k, v in states.items()))
    return "\n".join(lines)


@_guard
def run_export(args) -> int:
    with open_cli_register(args) as reg:
        export = reg.export
        if args.reviewed:
            from ..review.export import write_reviewed_export

            export = functools.partial(write_reviewed_export, reg.db)
        if args.out:
            with open(args.out, "w", encoding="utf-8", newline="") as out:
                n = export(args.since, args.format, out)
        else:
            n = export(args.since, args.format, sys.stdout)
    print(f"exported {n} findings", file=sys.stderr)
    return 0


@_guard
def run_show(args) -> int:
    with open_cli_register(args) as reg:
        doc = reg.show(args.document_id)
    if doc is None:
        print(f"error: no document {args.document_id} (or the prefix is ambiguous)", file=sys.stderr)
        return 1
    print(json.dumps(doc, ensure_ascii=False, indent=2))
    return 0


@_guard
def run_load(args) -> int:
    with open_cli_register(args) as reg:
        run_id = reg.start_run("load", {"out_dir": args.out_dir})
        try:
            summary = load_directory(reg, args.out_dir, run_id=run_id)
        except BaseException:
            reg.finish_run(run_id, {}, status="failed")
            raise
        reg.finish_run(run_id, summary, status="ok" if not summary["failed"] else "incomplete")
    print(json.dumps({k: v for k, v in summary.items() if k != "errors"}, ensure_ascii=False))
    for err in summary["errors"]:
        print(f"failed: {err['file']}: {err['error']}", file=sys.stderr)
    return 0 if not summary["failed"] else SET_ASIDE


@_guard
def run_migrate(args) -> int:
    from alembic import command

    from . import migrations

    if args.action == "history":
        command.history(migrations.alembic_config())
        return 0
    if args.action == "downgrade" and not args.revision:
        raise ValueError("downgrade needs a target revision (for example 0002, -1 or base)")
    url = resolve_cli_db(args)
    db = connect_database(url)
    try:
        with _wrap_errors(f"migrating {redact_url(url)}"):
            before = migrations.current_revision(db)
            if args.action == "upgrade":
                migrations.apply_migrations(db, args.revision or "head")
            elif args.action == "downgrade":
                migrations.downgrade(db, args.revision)
            after = migrations.current_revision(db)
    finally:
        db.close()
    change = f"{before or 'base'} -> {after or 'base'}" if args.action != "current" else f"at {after or 'base'}"
    print(f"{redact_url(url)}: {change} (head {migrations.head_revision()})")
    return 0


def select_endpoints(args, configured: tuple[Endpoint, ...]) -> list[Endpoint]:
    """--endpoint values (configured names or URLs), else every configured endpoint."""
    if not args.endpoint:
        return list(configured)
    by_name = {e.name: e for e in configured}
    by_url = {e.url: e for e in configured}
    chosen = []
    for value in args.endpoint:
        found = by_name.get(value) or by_url.get(value)
        if found is None and "://" not in value:
            raise ConfigError(f"no configured endpoint named {value!r}")
        chosen.append(found or endpoint_from_url(value, format=args.format, batch_size=args.batch_size,
                                                 timeout=args.timeout, token_env=args.token_env))
    return chosen


@_guard
def run_publish(args) -> int:
    from ..publisher import publish

    config = load_config()
    endpoints = select_endpoints(args, config.endpoints)
    if not endpoints:
        raise ConfigError("no endpoints: pass --endpoint URL or configure [[endpoints]] in findings.toml")
    with open_cli_register(args) as reg:
        summary = publish(reg, endpoints, retry_dead=args.retry_dead, policy=config.retry)
    if args.json:
        print(json.dumps(summary, ensure_ascii=False))
    else:
        for r in summary["endpoints"]:
            print(f"{r['endpoint']}: delivered {r['delivered']}, dead {r['dead']}, failed {r['failed']} "
                  f"({r['requests']} requests); now " + ", ".join(f"{k}={v}" for k, v in sorted(r["states"].items())))
    if summary["failed"]:
        down = [r for r in summary["endpoints"] if r["failed"]]
        pending = sum(r["states"].get("pending", 0) for r in down)
        print(f"findings: publishing failed: endpoint unavailable after retries: "
              f"{', '.join(r['endpoint'] for r in down)}; {pending} document(s) stay pending in the outbox; "
              f"run `findings publish` again later",
              file=sys.stderr)
        return FAILED
    return SET_ASIDE if summary["dead"] else 0


def main(argv: list[str] | None = None) -> int:
    """Stand-alone entry point: `python -m pipeline.register.cli register stats`."""
    parser = argparse.ArgumentParser(prog="findings")
    add_commands(parser.add_subparsers(dest="command", required=True, metavar="COMMAND"))
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    return run_handler(args.handler, args, argv)


if __name__ == "__main__":
    sys.exit(main())
