"""Ingest speed on the corpus: one process, N local processes, a 2-worker local Dask cluster, one run.

Each way ingests the whole corpus into a fresh store in /tmp through Store.ingest_many, the call
`python -m geo ingest` makes (hash checks, analysis, batched writes; the local pool's start and
its workers' gazetteers included). This process analyses a few articles first (lexicons loaded,
as the forked pool inherits them); the Dask cluster is started and its workers do one small task
before the clock, as a cluster in use would have (a cold worker spends ~3 s importing the package
and building its gazetteer, once). Each store is checked to hold exactly the rows of the
one-process store. Prints articles/s, the ratio over one process (bar: ≥ 1.7× on 2 cores), the
CPU seconds of this process and of the workers, and the load average: other work on the machine
takes cores from the parallel runs, and the CPU seconds show what each way costs regardless.

Usage: python bench/ingest_scale.py [--workers N] [--limit K]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import tempfile
import time
from pathlib import Path

import psutil
from _corpus import CORPUS, ROOT

BAR = 1.7  # issue 10: both parallel paths at least this much faster than one process on 2 cores
WARM = 5  # articles analysed before the clock: every matcher and lexicon loaded once


def store_rows(db: Path) -> dict:
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        out = {}
        for table in ("articles", "mentions", "events"):
            cols = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall() if r[0] != "ingested_at"]
            out[table] = con.execute(
                f"SELECT {', '.join(map(repr, cols))} FROM {table} ORDER BY ALL"
            ).fetchall()
        return out
    finally:
        con.close()


def _cpu(who) -> float:
    r = resource.getrusage(who)
    return r.ru_utime + r.ru_stime


def _worker_cpu(client) -> float:
    if client is None:
        return 0.0
    times = client.run(lambda: sum(psutil.Process().cpu_times()[:2]))
    return sum(times.values())


def timed_ingest(articles: list, db: Path, analyser, client=None) -> tuple[float, float, float]:
    """Wall seconds, this process's CPU seconds, the workers' CPU seconds (pool children or Dask)."""
    from geo.store import Store

    store = Store(db)
    own, kids, remote = _cpu(resource.RUSAGE_SELF), _cpu(resource.RUSAGE_CHILDREN), _worker_cpu(client)
    t0 = time.perf_counter()
    results = store.ingest_many(articles, analyser=analyser)
    seconds = time.perf_counter() - t0
    assert all(r.status == "added" for r in results), {r.status for r in results}
    workers = _cpu(resource.RUSAGE_CHILDREN) - kids + _worker_cpu(client) - remote
    return seconds, _cpu(resource.RUSAGE_SELF) - own, workers


def main() -> None:
    from geo import parallel

    ap = argparse.ArgumentParser()
    ap.add_argument("--workers", type=int, default=parallel.default_workers())
    ap.add_argument("--limit", type=int, default=0, help="only the first K corpus articles")
    args = ap.parse_args()

    from distributed import Client, LocalCluster

    from geo.model import Article
    from geo.reader import read_paths

    articles = [a for a in read_paths([CORPUS]) if isinstance(a, Article)]
    articles = articles[: args.limit] if args.limit else articles
    tmp = Path(tempfile.mkdtemp(prefix="ingest_scale_", dir="/tmp"))
    os.environ["PYTHONPATH"] = str(ROOT)  # the Dask scheduler and workers import geo
    print(f"corpus: {len(articles)} articles; {os.cpu_count()} cores; load average before {os.getloadavg()}")

    from geo import gazetteer
    from geo.pipeline import analyse

    gaz = gazetteer.load()
    for a in articles[:WARM]:
        analyse(a, gaz)
    one = timed_ingest(articles, tmp / "one.duckdb", None)
    want = store_rows(tmp / "one.duckdb")
    rows = [("1 process", one)]
    local = timed_ingest(articles, tmp / "local.duckdb", parallel.local(args.workers))
    assert store_rows(tmp / "local.duckdb") == want, "the local pool's store differs from one process's"
    rows.append((f"{args.workers} processes", local))
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, host="127.0.0.1"
        ) as cluster,
        Client(cluster) as client,
    ):
        client.wait_for_workers(2)
        client.gather(
            client.map(parallel.analyse_task, [articles[:WARM], articles[WARM : 2 * WARM]], pure=False)
        )
        dask = timed_ingest(
            articles, tmp / "dask.duckdb", parallel.dask(cluster.scheduler_address, client=client), client
        )
    assert store_rows(tmp / "dask.duckdb") == want, "the Dask store differs from one process's"
    rows.append(("Dask, 2 workers", dask))

    n_events = len(want["events"])
    print(
        f"stores identical: {len(want['articles'])} articles, {len(want['mentions'])} mentions, {n_events} events"
    )
    print("(CPU: this process + workers; on idle cores a run's wall time nears its busiest process's CPU)")
    for name, (seconds, parent, workers) in rows:
        ratio = one[0] / seconds
        verdict = (
            "" if name == "1 process" else ("  meets the bar" if ratio >= BAR else f"  BELOW the {BAR}× bar")
        )
        print(
            f"{name:>16}: {seconds:6.2f} s  {len(articles) / seconds:6.1f} articles/s  {ratio:4.2f}×{verdict}"
            f"   CPU {parent:5.2f} s + {workers:5.2f} s"
        )
    print(f"load average after {os.getloadavg()}")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
