"""`python -m geo …`: one module per subcommand under geo/commands, registered here in one list."""

from __future__ import annotations

import argparse
import importlib
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
