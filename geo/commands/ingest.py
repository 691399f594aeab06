"""`python -m geo ingest PATH... [--db FILE] [--workers N | --scheduler ADDR] [--quiet]`.

Adds articles (and their mentions and events) to the store, one line per article. The analysis runs
in N local processes (default: the machine's cores) or on a Dask cluster; this process writes the
store in batches (geo.store.WRITE_BATCH). A `.parquet` input is analysis results from
`python -m geo events --format parquet`: those articles go in without being analysed again.
When others analyse, a reader process reads the inputs meanwhile (geo.parallel.read_ahead); on a
cluster this process does not load the gazetteer at all (the workers load theirs).
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from geo import labels
from geo.commands.common import InputReport, add_inputs, load_gazetteer_or_exit

# Fewer articles than this are analysed here unless --workers asks for a pool: one process is done
# with them (~5 ms each) before a pool's workers have built their gazetteers (~0.3 s).
POOL_MIN_ARTICLES = 32


def add_parser(sub) -> None:
    p = sub.add_parser(
        "ingest",
        help="add articles (and their mentions and events) to the DuckDB store",
        description="A PATH may also be a .parquet file of results from `events --format parquet`.",
    )
    add_inputs(p)
    p.add_argument("--db", type=Path, default=None, help="store file (default: $GEO_DB or data/geo.duckdb)")
    spread = p.add_mutually_exclusive_group()
    spread.add_argument(
        "--workers",
        type=_positive,
        default=None,
        metavar="N",
        help="local processes for the analysis (default: the machine's cores; 1 = this process)",
    )
    spread.add_argument(
        "--scheduler",
        metavar="ADDR",
        help="run the analysis on the Dask cluster with this scheduler (e.g. tcp://10.0.0.5:8786)",
    )
    p.add_argument("--quiet", action="store_true", help="no progress bar and no line per added article")
    p.set_defaults(func=run)


def _positive(value: str) -> int:
    import argparse

    try:
        n = int(value)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of processes ≥ 1, got {value!r}")
    return n


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())


def _inputs(report: InputReport, args):
    """Articles of the text inputs, then the analysed articles of the Parquet ones (errors reported)."""
    parquet = [p for p in args.paths if str(p).lower().endswith(".parquet")]
    texts = [p for p in args.paths if p not in parquet]
    if texts:
        yield from report.articles(texts, args.published)
    if not parquet:
        return
    from geo import columnar  # pyarrow: ~0.1 s of start-up that a text-only ingest does without

    for path in parquet:
        try:
            for rows in columnar.read(path):
                report.read += 1
                yield rows
        except columnar.ColumnarError as exc:
            print(f"error: {exc}", file=sys.stderr)
            report.failed += 1


def _items(report: InputReport, args, workers: int):
    """The inputs: read here for a run in this process, else by a reader process started now."""
    if workers == 1:
        return _inputs(report, args)
    from geo import parallel

    def counted() -> tuple[int, int]:
        return report.read, report.failed

    def absorb(counts: tuple[int, int]) -> None:
        report.read, report.failed = counts

    return parallel.read_ahead(lambda: _inputs(report, args), counted, absorb)


def _workers(args, total: int | None) -> int:
    """Local processes that analyse: 1 is this process; 0 means a Dask cluster does."""
    from geo import parallel

    if args.scheduler:
        return 0
    if args.workers is None and total is not None and total < POOL_MIN_ARTICLES:
        return 1
    return args.workers or parallel.default_workers()


def _analyser(args, store, workers: int):
    from geo import parallel

    if workers == 1:
        return None  # this process
    aliases = tuple(store.aliases())
    if args.scheduler:
        parallel.quiet_dask_logs()  # a lost cluster gets our one line, not Dask's tracebacks
        return parallel.dask(args.scheduler, aliases)
    return parallel.local(workers, aliases)


def run(args) -> int:
    import duckdb

    from geo import parallel, progress
    from geo.store import WRITER_LOCK_TIMEOUT, Store, StoreError

    report = InputReport()
    if not args.scheduler:  # a cluster's workers load their own: this process analyses nothing
        load_gazetteer_or_exit()
    counts: Counter[str] = Counter()
    n_events = 0
    total = progress.count_inputs(args.paths)
    bar = progress.bar(total, quiet=args.quiet)

    def show(res) -> None:
        nonlocal n_events
        counts[res.status] += 1
        n_events += res.events
        bar.update(1)
        if args.quiet and res.status != "failed":
            return
        detail = f" ({labels.counted(res.events, 'n_events', 'en')})" if res.status == "added" else ""
        note = f": {res.message}" if res.message else ""
        bar.write(f"{res.status} {res.article_id}{detail}{note}", file=sys.stdout)

    try:
        store = Store(args.db, lock_timeout=WRITER_LOCK_TIMEOUT)
    except (OSError, duckdb.Error) as exc:  # a folder we may not write, a disk that is full…
        bar.close()
        print(
            f"error: cannot open the store {args.db or 'data/geo.duckdb'}: {_one_line(exc)}", file=sys.stderr
        )
        return 1
    except StoreError as exc:
        bar.close()
        print(f"error: {exc}", file=sys.stderr)
        return 1
    try:
        workers = _workers(args, total)
        items = _items(report, args, workers)  # the reader starts before Dask is even imported
        store.ingest_many(items, on_result=show, analyser=_analyser(args, store, workers))
    except StoreError as exc:
        bar.close()
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except duckdb.Error as exc:  # the store failed while writing (disk full, …): written batches stay
        bar.close()
        print(f"error: cannot write the store {store.path}: {_one_line(exc)}", file=sys.stderr)
        return 1
    except parallel.ReaderError as exc:
        bar.close()
        print(
            f"error: reading the inputs failed ({_one_line(exc)}); the articles written so far are kept "
            "— run the same command again to add the rest",
            file=sys.stderr,
        )
        return 1
    except parallel.worker_errors() as exc:  # a pool or cluster that failed under us
        bar.close()
        print(
            f"error: the analysis workers failed ({type(exc).__name__}: {_one_line(exc)}); "
            "the articles written so far "
            "are kept — run the same command again to add the rest",
            file=sys.stderr,
        )
        return 1
    bar.close()
    print(
        f"{counts['added']} added, {counts['unchanged']} unchanged, {counts['failed']} failed, "
        f"{report.failed} unreadable; {n_events} events added; store {store.path}"
    )
    if counts["failed"]:
        return 1
    return report.exit_code()
