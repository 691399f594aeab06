"""Options and input handling shared by the subcommands."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from datetime import date

from geo.model import Article
from geo.reader import ReadError, parse_date, read_paths


def iso_date(value: str) -> date:
    """argparse type: a clear one-line error for anything but YYYY-MM-DD."""
    try:
        day = parse_date(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    if day is None:
        raise argparse.ArgumentTypeError("empty date (expected YYYY-MM-DD)")
    return day


def add_inputs(parser: argparse.ArgumentParser, required: bool = True) -> None:
    parser.add_argument(
        "paths",
        nargs="+" if required else "*",
        metavar="PATH",
        help="article .txt file (UTF-8 or Windows-1256), folder of them, or .jsonl of {id, text, published}",
    )
    parser.add_argument(
        "--published",
        type=iso_date,
        metavar="YYYY-MM-DD",
        help="publication date for every input (default: seeds.csv beside the files, or the record's own)",
    )


class InputReport:
    """Counts what was read so a command can exit non-zero when an input could not be."""

    def __init__(self) -> None:
        self.read = 0
        self.failed = 0

    def articles(self, paths, published=None) -> Iterator[Article]:
        for item in read_paths(paths, published):
            if isinstance(item, ReadError):
                print(f"{'error' if item.fatal else 'warning'}: {item}", file=sys.stderr)
                self.failed += item.fatal
                continue
            self.read += 1
            yield item

    def exit_code(self) -> int:
        if self.read == 0:
            if not self.failed:
                print("error: no articles in the given paths", file=sys.stderr)
            return 1
        return 1 if self.failed else 0


def load_gazetteer_or_exit():
    from geo import gazetteer

    try:
        return gazetteer.load()
    except (OSError, ValueError) as exc:
        print(f"error: cannot load the gazetteer: {exc}", file=sys.stderr)
        raise SystemExit(2) from None
