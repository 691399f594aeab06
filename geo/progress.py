"""A progress bar for long runs (tqdm): articles/s and an ETA on a terminal, silent otherwise."""

from __future__ import annotations

import sys
from pathlib import Path

from tqdm import tqdm

# Below this many articles a run takes a second or two: a bar would only flash.
MIN_ARTICLES = 50
MIN_INTERVAL_S = 0.5  # between redraws: a bar should not cost the run anything


def count_inputs(paths) -> int | None:
    """How many articles the inputs hold, cheaply (lines, files, Parquet rows); None if unknown."""
    total = 0
    for raw in paths:
        path = Path(raw)
        try:
            if path.is_dir():
                total += sum(1 for p in path.rglob("*.txt") if p.is_file())
            elif path.suffix.lower() == ".jsonl" and path.is_file():
                with path.open("rb") as fh:
                    total += sum(1 for line in fh if line.strip())
            elif path.suffix.lower() == ".parquet" and path.is_file():
                import pyarrow.parquet as pq

                total += pq.ParquetFile(str(path)).metadata.num_rows
            elif path.is_file():
                total += 1
        except Exception:  # unreadable or damaged: its reader reports it; the bar just has no total
            return None
    return total


def bar(total: int | None, quiet: bool = False, stream=None):
    """A tqdm bar on stderr, disabled under --quiet, when stderr is no terminal, or for a small run."""
    stream = stream or sys.stderr
    small = total is not None and total < MIN_ARTICLES
    disabled = quiet or small or not stream.isatty()
    return tqdm(
        total=total,
        unit="art",
        file=stream,
        disable=disabled,
        mininterval=MIN_INTERVAL_S,
        dynamic_ncols=True,
        desc="ingest",
    )
