"""The `findings` command line. Exit codes (pipeline/exits.py): 0 everything processed, 1 some inputs set
aside, 2 usage error, 3 the run failed (one line on stderr, the traceback in a crash log)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from pipeline import __version__
from pipeline.exits import USAGE, document_exit_codes, run_handler
from pipeline.ingest.limits import Limits
from pipeline.jobs.sink import JsonDirectorySink, write_manifest


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help(sys.stderr)
        return USAGE
    return run_handler(args.handler, args, argv)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="findings", description="Findings pipeline for Vietnamese public-service inspection reports.")
    document_exit_codes(parser)
    parser.add_argument("--version", action="version", version=f"findings {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    ex = sub.add_parser("extract", help="extract findings from files or directories into JSON")
    ex.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    target = ex.add_mutually_exclusive_group(required=True)
    target.add_argument("--out", type=Path, metavar="DIR", help="write DIR/<stem>.json per input and a manifest")
    target.add_argument("--jsonl", action="store_true", help="stream one JSON object per line to stdout")
    add_limit_flags(ex)
    document_exit_codes(ex)
    ex.set_defaults(handler=run_extract)

    sc = sub.add_parser("schema", help="print the JSON Schema of the output document")
    sc.set_defaults(handler=run_schema)

    from pipeline.quality.evaluate import add_command as add_eval
    from pipeline.jobs.process import process_file
    from pipeline.register.cli import add_commands as add_register_commands
    from pipeline.quality.bench import add_command as add_bench
    from pipeline.runs_cli import add_commands as add_run_commands
    from pipeline.review.cli import add_command as add_review
    from pipeline.quality.train import add_command as add_train
    add_eval(sub, process_file)
    add_train(sub)
    add_register_commands(sub)
    add_run_commands(sub)
    add_bench(sub)
    add_review(sub)
    return parser


def add_limit_flags(p: argparse.ArgumentParser) -> None:
    d = Limits()
    p.add_argument("--max-bytes", type=int, help=f"largest file accepted (default {d.max_bytes})")
    p.add_argument("--max-pages", type=int, help=f"most PDF pages (default {d.max_pages})")
    p.add_argument("--max-decompressed", type=int,
                   help=f"largest uncompressed DOCX content (default {d.max_decompressed})")
    p.add_argument("--max-seconds", type=float, help=f"time per document (default {d.max_seconds:g})")


def limits_from_args(args: argparse.Namespace) -> Limits:
    return Limits.from_env(max_bytes=args.max_bytes, max_pages=args.max_pages,
                           max_decompressed=args.max_decompressed, max_seconds=args.max_seconds)


def run_extract(args: argparse.Namespace) -> int:
    from pipeline.jobs.process import run_inputs

    missing = [p for p in args.paths if not p.exists()]
    if missing:
        print(f"findings: no such file or directory: {missing[0]}", file=sys.stderr)
        return USAGE
    sink = JsonDirectorySink(args.out) if args.out else None
    entries, set_aside = [], 0
    for outcome in run_inputs(args.paths, limits_from_args(args)):
        entry = {"input": outcome.source_uri}
        if outcome.ok:
            if sink:
                entry["output"] = sink.write(outcome.path, outcome.output)
            else:
                sys.stdout.write(json.dumps(outcome.output, ensure_ascii=False) + "\n")
                sys.stdout.flush()
            entry.update(status="processed", document_id=outcome.output["document_id"],
                         relevant=outcome.output["relevant"])
        else:
            set_aside += 1
            entry.update(status="set_aside", reason=outcome.reason, detail=outcome.detail)
            print(f"set aside: {outcome.source_uri}: {outcome.reason}: {outcome.detail}", file=sys.stderr)
        entries.append(entry)
    if sink:
        write_manifest(args.out, entries)
    processed = len(entries) - set_aside
    print(f"{processed} processed, {set_aside} set aside", file=sys.stderr)
    return 1 if set_aside else 0


def run_schema(args: argparse.Namespace) -> int:
    from extractors.engine import output_schema

    print(json.dumps(output_schema(), ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
