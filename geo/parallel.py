"""The analysis spread over processes: a local pool or a Dask cluster; the store is written by the caller.

Both give an `analyser` for Store.ingest_many: it takes an iterator of article lists (one per write
batch) and yields, in the same order, each list's ArticleRows. Workers only analyse — they never
open the store — and send back only what the caller lacks: each article's mention and event rows
as plain tuples (`Compact`), not its text, which the caller still holds and pairs with them again.
They have the gazetteer (with the store's alias corrections) and its matcher
built once per process: the local pool's in its initializer (with fork, built once in the parent
before the fork and inherited), a Dask worker's on its first task (a per-process cache keyed by
the aliases). A worker's exception for one article becomes that article's error (store.article_rows);
a lost worker is the executor's business (Dask reruns its tasks elsewhere); a run that still
fails can simply be run again, since ingest is idempotent.

`read_ahead` reads and decodes the inputs in a forked reader process. While this one builds the
matcher it forks to its workers (~0.9 s on one core), or connects to a cluster, the other core
would idle; the reader fills it, so the inputs are ready when the workers start, and the parent
keeps only the hash checks and the writes while they analyse.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor

from geo.model import Article
from geo.store import ArticleRows, article_rows

# Articles per task sent to a worker. Smaller tasks balance the last batch over the workers (a
# write batch of 256 is 16 tasks); larger ones cost fewer round trips. A corpus article takes
# ~4 CPU-ms to analyse (bench/ingest_scale.py), so a task of 16 is ~65 ms of work against about
# a millisecond of pickling.
TASK_ARTICLES = 16
# On Dask each task also costs the scheduler, the worker's event loop and the client a few ms of
# CPU on the same machines that analyse: 64 articles (~0.25 s of work) a task, 4 a write batch.
DASK_TASK_ARTICLES = 64
# Write batches handed out ahead of the one being written: enough that the workers never wait
# for the parent's write, few enough that a huge input is never all in memory at once.
BATCHES_AHEAD = 2
# The reader sends inputs in blocks (one pickle and pipe write per block, not per article) and
# keeps at most READ_AHEAD_BLOCKS of them waiting: 64 × 64 corpus articles are ~16 MB of text,
# past the first batches the parent takes at start-up yet bounded for a huge input.
READ_BLOCK = 64
READ_AHEAD_BLOCKS = 64
READER_POLL_S = 1.0  # how often a side waiting on the other checks that it is still there

# Fork where the platform has it: a worker starts with this process's modules imported and its
# gazetteer, matcher and word lists built (spawn would redo all that, ~1.5 s of CPU a worker). Safe here because workers never touch DuckDB, and
# the pool starts its processes on the first task, when the store's connection is closed.
START_METHOD = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"

Aliases = tuple[tuple[str, str], ...]
Analyser = Callable[[Iterator[list[Article]]], Iterator[list[ArticleRows]]]
Compact = tuple[tuple[tuple, ...], tuple[tuple, ...], str]  # one article's mentions, events, error

_GAZETTEERS: dict[Aliases, object] = {}  # per worker process: built once, reused by every task


def worker_errors() -> tuple[type[BaseException], ...]:
    """What a lost process or cluster raises at the caller (a local pool's or Dask's)."""
    from concurrent.futures import CancelledError
    from concurrent.futures.process import BrokenProcessPool

    # CancelledError: a scheduler that went away cancels what it held; OSError covers lost comms
    errors: list[type[BaseException]] = [BrokenProcessPool, CancelledError, OSError, TimeoutError]
    try:
        from distributed.scheduler import KilledWorker

        errors.append(KilledWorker)
    except ImportError:
        pass
    return tuple(errors)


def _gazetteer(aliases: Aliases):
    gaz = _GAZETTEERS.get(aliases)
    if gaz is None:
        from geo import gazetteer as gz

        base = gz.load()
        gaz = base.with_aliases(aliases) if aliases else base
        _GAZETTEERS.clear()
        _GAZETTEERS[aliases] = gaz
    return gaz


# One sentence analysed when a worker starts, so its matcher (the Aho-Corasick automaton over the
# gazetteer), word lists and rules are built in the initializer rather than in its first task.
WARM_UP_TEXT = "سيطرت قوات سوريا الديمقراطية أمس على حقل العمر في ريف دير الزور."


def _init_worker(aliases: Aliases) -> None:
    from datetime import date

    from geo import pipeline

    pipeline.analyse(Article("warm-up", WARM_UP_TEXT, date(2017, 10, 23)), _gazetteer(aliases))


def analyse_task(articles: list[Article], aliases: Aliases = ()) -> list[Compact]:
    """One task: each article's rows (a failure is that article's error, not the task's)."""
    gaz = _gazetteer(aliases)
    return [_compact(article_rows(a, gaz)) for a in articles]


def _compact(rows: ArticleRows) -> Compact:
    return rows.mentions, rows.events, rows.error


def _attach(chunk: list[Article], compact: list[Compact]) -> list[ArticleRows]:
    """The caller's articles paired again with the rows the workers sent back for them."""
    return [ArticleRows(a, m, e, err) for a, (m, e, err) in zip(chunk, compact, strict=True)]


def _tasks(chunk: list[Article], size: int = TASK_ARTICLES) -> list[list[Article]]:
    return [chunk[i : i + size] for i in range(0, len(chunk), size)]


def default_workers() -> int:
    return os.cpu_count() or 1


def local(workers: int, aliases: Aliases = ()) -> Analyser:
    """Analysis in `workers` local processes (concurrent.futures), results in input order."""

    def run(chunks: Iterator[list[Article]]) -> Iterator[list[ArticleRows]]:
        if START_METHOD == "fork":  # build it once here: every forked worker starts with it built
            _init_worker(aliases)
        ctx = multiprocessing.get_context(START_METHOD)
        pool = ProcessPoolExecutor(workers, mp_context=ctx, initializer=_init_worker, initargs=(aliases,))

        def submit(chunk: list[Article]) -> list:
            return [pool.submit(analyse_task, t, aliases) for t in _tasks(chunk)]

        try:
            yield from _ordered(chunks, submit, _gather)
        finally:  # an early stop (an error, Ctrl-C) drops the tasks not yet started
            pool.shutdown(wait=True, cancel_futures=True)

    return run


def dask(address: str, aliases: Aliases = (), client=None) -> Analyser:
    """Analysis on the Dask cluster whose scheduler is at `address` (e.g. tcp://10.0.0.5:8786).

    Each task is a partition of articles (client.map over a batch's partitions); the results come
    back to this process, which writes them. The scheduler and the workers need this package
    importable (the same checkout on PYTHONPATH).
    """

    def run(chunks: Iterator[list[Article]]) -> Iterator[list[ArticleRows]]:
        from distributed import Client

        own = client is None
        try:
            cli = client or Client(address, timeout=CONNECT_TIMEOUT_S)
        except (OSError, TimeoutError) as exc:
            raise OSError(f"cannot reach the Dask scheduler at {address} ({exc})") from None
        try:
            yield from _ordered(chunks, lambda chunk: _dask_submit(cli, chunk, aliases), cli.gather)
        finally:
            if own:
                cli.close()

    return run


def quiet_dask_logs() -> None:
    """Silence distributed's loggers (each has its own level from Dask's config), for a CLI run."""
    import logging

    import distributed  # noqa: F401  (sets up its loggers)

    names = [n for n in logging.root.manager.loggerDict if n == "distributed" or n.startswith("distributed.")]
    for name in names:
        logging.getLogger(name).setLevel(logging.CRITICAL + 1)


CONNECT_TIMEOUT_S = 10  # a scheduler that does not answer in this long is not there


def _dask_submit(cli, chunk: list[Article], aliases: Aliases) -> list:
    # pure=False: the same partition sent twice (a rerun) is work to do again, not a cache hit
    return cli.map(analyse_task, _tasks(chunk, DASK_TASK_ARTICLES), aliases=aliases, pure=False)


def _ordered(chunks: Iterator[list[Article]], submit, gather) -> Iterator[list[ArticleRows]]:
    """Submit each chunk's tasks, BATCHES_AHEAD chunks ahead; yield each chunk's rows in order.

    `submit(chunk)` gives the chunk's futures, `gather(futures)` their results (lists of Compact).
    """
    ahead: deque[tuple[list[Article], list]] = deque()
    for chunk in chunks:
        ahead.append((chunk, submit(chunk) if chunk else []))
        if len(ahead) > BATCHES_AHEAD:
            yield _landed(*ahead.popleft(), gather)
    while ahead:
        yield _landed(*ahead.popleft(), gather)


def _landed(chunk: list[Article], futures: list, gather) -> list[ArticleRows]:
    return _attach(chunk, [rows for task in gather(futures) for rows in task] if futures else [])


def _gather(futures: list) -> list[list[Compact]]:
    """A local pool's results, in order."""
    return [fut.result() for fut in futures]


class ReaderError(RuntimeError):
    """The reader process failed or vanished (one line); what was written before stays."""


def read_ahead(produce: Callable[[], Iterable], summary: Callable[[], object], on_summary) -> Iterator:
    """The items of produce(), made in a forked reader process, in order; then on_summary(summary()).

    produce() runs in the reader (its messages to stderr too); summary() is what it counted there
    (e.g. unreadable inputs), handed to on_summary here once all items are through. The reader
    starts at once. Without fork, produce() simply runs here as it is iterated.
    """
    if START_METHOD != "fork":
        return _inline(produce, summary, on_summary)
    ctx = multiprocessing.get_context("fork")
    channel = ctx.Queue(maxsize=READ_AHEAD_BLOCKS)
    reader = ctx.Process(target=_read_into, args=(produce, summary, channel, os.getpid()), daemon=True)
    reader.start()
    return _drain(reader, channel, on_summary)


def _inline(produce, summary, on_summary) -> Iterator:
    yield from produce()
    on_summary(summary())


def _read_into(produce, summary, channel, parent: int) -> None:
    """The reader: blocks of items, then ("done", summary) or ("failed", one line)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's: it stops the reader

    def send(message) -> None:
        while True:
            try:
                channel.put(message, timeout=READER_POLL_S)
                return
            except queue.Full:
                if os.getppid() != parent:  # the parent is gone: nobody will read the rest
                    os._exit(1)

    block: list = []
    try:
        for item in produce():
            block.append(item)
            if len(block) >= READ_BLOCK:
                send(("items", block))
                block = []
    except Exception as exc:  # the items before it still go in; the parent stops there
        send(("items", block))
        send(("failed", f"{type(exc).__name__}: {' '.join(str(exc).split())}"))
        return
    send(("items", block))
    send(("done", summary()))


def _drain(reader, channel, on_summary) -> Iterator:
    try:
        while True:
            try:
                kind, payload = channel.get(timeout=READER_POLL_S)
            except queue.Empty:
                if not reader.is_alive():
                    raise ReaderError(f"the input reader stopped (exit code {reader.exitcode})") from None
                continue
            if kind == "failed":
                raise ReaderError(payload)
            if kind == "done":
                on_summary(payload)
                return
            yield from payload
    finally:  # done, or stopped early (an error, Ctrl-C): the reader goes too
        if reader.is_alive():
            reader.terminate()
        reader.join()
        channel.close()
