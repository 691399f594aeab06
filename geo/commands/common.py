"""Options and input handling shared by the subcommands."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

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


def int_in_range(low: int, high: int, what: str):
    """argparse type: an integer within [low, high], else a one-line error naming the range."""

    def parse(value: str) -> int:
        try:
            n = int(value.strip())
        except ValueError:
            raise argparse.ArgumentTypeError(f"{what} must be a whole number, not {value[:40]!r}") from None
        if not low <= n <= high:
            raise argparse.ArgumentTypeError(f"{what} must be between {low} and {high}, not {n}")
        return n

    return parse


def output_file(value: str) -> Path:
    """argparse type: a file we can write, checked before any work is done (not a folder, not under
    a file, and where we may write). A folder that does not exist is not made: the command says so
    (missing_folder says so)."""
    path = Path(value)
    if not value.strip():
        raise argparse.ArgumentTypeError("empty file name")
    if path.is_dir():
        raise argparse.ArgumentTypeError(f"{value} is a folder; give a file name such as {path / 'map.html'}")
    if path.exists() and not os.access(path, os.W_OK):
        raise argparse.ArgumentTypeError(f"{value} cannot be written (permission denied)")
    folder = next((p for p in path.absolute().parents if p.exists()), None)
    if folder is not None and not folder.is_dir():
        raise argparse.ArgumentTypeError(f"{folder} is a file, so {value} cannot be made inside it")
    if folder is not None and not os.access(folder, os.W_OK | os.X_OK):
        raise argparse.ArgumentTypeError(f"cannot write in {folder} (permission denied)")
    return path


def missing_folder(out: Path) -> str:
    """The error line for an --out whose folder does not exist, or "": the folder is not made, so
    that a typo in a path makes no directories (QA 43)."""
    folder = out.absolute().parent
    if folder.is_dir():
        return ""
    return f"the folder {folder} does not exist; create it first or give --out a file in an existing folder"


def store_error_line(exc: Exception, lang: str = "en") -> str:
    """One line for a store that cannot be used now (busy, damaged), whatever raised it."""
    message = getattr(exc, "message", None)
    if callable(message):
        return message(lang)
    first = (str(exc).splitlines() or [""])[0][:200]
    return (
        f"the store cannot be opened or read ({type(exc).__name__}: {first}); "
        "if it is damaged, move it aside and ingest the articles again"
    )


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


def add_unfiltered(p) -> None:
    p.add_argument(
        "--unfiltered",
        action="store_true",
        help="keep the extracted events the learned event filter would leave out (geo/eventfilter.py)",
    )


class InputReport:
    """Counts what was read so a command can exit non-zero when an input could not be."""

    def __init__(self) -> None:
        self.read = 0
        self.failed = 0
        self.dropped = 0  # events the learned event filter left out (geo/eventfilter.py)

    def articles(self, paths, published=None) -> Iterator[Article]:
        for item in read_paths(paths, published):
            if isinstance(item, ReadError):
                print(f"{'error' if item.fatal else 'warning'}: {item}", file=sys.stderr)
                self.failed += item.fatal
                continue
            self.read += 1
            yield item

    def note_dropped(self) -> None:
        """One line saying how many extracted events the event filter left out, and how to keep them."""
        if self.dropped:
            print(
                f"note: the event filter left out {self.dropped} extracted event"
                f"{'s' if self.dropped != 1 else ''} (geo/eventfilter.py); --unfiltered keeps them",
                file=sys.stderr,
            )

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
