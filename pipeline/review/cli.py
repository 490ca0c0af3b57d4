"""`findings review` (serve the workbench), `findings review export-gold DIR` and `findings review bench`."""

from __future__ import annotations

import getpass
import os
import sys

from pipeline.register.cli import _guard, add_db_options, open_cli_register, resolve_cli_db

DEFAULT_HOST, DEFAULT_PORT = "127.0.0.1", 8765


def add_command(subparsers) -> None:
    p = subparsers.add_parser("review", help="the analyst workbench: browse, read with evidence, review, export gold")
    add_db_options(p, retry=False)  # the server opens its register per request
    p.add_argument("--host", default=DEFAULT_HOST, help=f"address to listen on (default {DEFAULT_HOST}; any other "
                                                        "needs FINDINGS_REVIEW_TOKEN)")
    p.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT})")
    p.add_argument("--reviewer", default="", help="default reviewer name (default: the login name)")
    p.set_defaults(handler=run_serve)
    sub = p.add_subparsers(dest="review_command", metavar="COMMAND")

    g = sub.add_parser("export-gold", help="write reviewed documents as gold files (gold-format.md) with texts")
    add_db_options(g)
    g.add_argument("out_dir", metavar="DIR")
    g.add_argument("--all", action="store_true", help="also documents still in review, not only those marked reviewed")
    g.set_defaults(handler=run_export_gold)

    b = sub.add_parser("bench", help="time the workbench pages on a synthetic register")
    b.add_argument("--docs", type=int, default=100_000, help="documents in the synthetic register (default 100000)")
    b.add_argument("--db", metavar="URL", help="build it here (default: a temporary SQLite file); must be empty")
    b.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    b.set_defaults(handler=run_bench)


@_guard
def run_serve(args) -> int:
    import uvicorn

    from .app import create_app
    from .security import TOKEN_ENV, UnsafeBind, check_bind, is_loopback

    token = os.environ.get(TOKEN_ENV) or None
    try:
        check_bind(args.host, token)
    except UnsafeBind as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    db_url = resolve_cli_db(args)
    app = create_app(db_url, token=token, loopback_only=is_loopback(args.host),
                     reviewer=args.reviewer or _login_name())
    print(f"findings review: http://{args.host}:{args.port}/  (register {db_url.split('@')[-1]}; Ctrl-C stops)",
          file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0


def _login_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


@_guard
def run_export_gold(args) -> int:
    from .export import export_gold

    with open_cli_register(args) as reg:
        written = export_gold(reg.db, args.out_dir, state=None if args.all else "reviewed")
    print(f"wrote {len(written)} gold documents to {args.out_dir}", file=sys.stderr)
    return 0


def run_bench(args) -> int:
    from .bench import format_figures, run_benchmark

    figures = run_benchmark(args.docs, args.db)
    print(format_figures(figures))
    if args.json:
        import json

        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(figures, fh, indent=2)
    return 0


