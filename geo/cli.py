"""`python -m geo …`: one module per subcommand under geo/commands, registered here in one list."""

from __future__ import annotations

import argparse
import importlib
import os
import sys

COMMANDS = ("mentions", "events", "control", "ingest", "snapshot", "build_gazetteer")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m geo",
        description="Arabic war reporting on Syria → place mentions, dated events, control and maps.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"geo.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"geo.commands.{name}":
                raise
            continue
        module.add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return 0
    except Exception as exc:  # the last line of defence: one line, never a traceback
        if os.environ.get("GEO_DEBUG"):
            raise
        print(f"error: {_one_line(exc, getattr(args, 'lang', 'en'))}", file=sys.stderr)
        return 2


def _one_line(exc: Exception, lang: str) -> str:
    """What went wrong in one line: a store's own message, else the exception's first line."""
    from geo.commands.common import store_error_line

    if callable(getattr(exc, "message", None)) or type(exc).__module__.startswith(("duckdb", "_duckdb")):
        return store_error_line(exc, lang)
    first = (str(exc).splitlines() or [""])[0][:300]
    return f"{type(exc).__name__}: {first} (run again with GEO_DEBUG=1 for the details)"
