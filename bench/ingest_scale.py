"""Ingest speed on the corpus: one process, N local processes, a 2-worker local Dask cluster, one run.

Each way is the user's own command, `python -m geo ingest --quiet ... CORPUS` in a fresh process,
into a fresh store in /tmp: `--workers 1`, `--workers N`, and `--scheduler` to a LocalCluster on
loopback (2 worker processes, 1 thread each) started before the clock and given one small task
first, as a cluster in use would have been (a cold worker spends ~3 s importing the package and
building its gazetteer, once). The time is the whole command: start-up, reading, hash checks,
analysis, batched writes. Each store is checked to hold exactly the rows of the one-process store.

Prints articles/s, the ratio over one process (bar: ≥ 1.7× on 2 cores), the CPU seconds of the
command (with its pool's processes), of the Dask workers and of this process (which hosts the
LocalCluster's scheduler: on 2 cores it shares them), and the load average: other work on
the machine takes cores from the parallel runs, and the CPU seconds show what each way costs
regardless.

On a shared machine one run can be disturbed: `--rounds R` runs the three ways in turn R times
(each round's ratios are its own, against its own one-process run) and then reports each way's
best time, the run least disturbed by others.

Usage: python bench/ingest_scale.py [--workers N] [--limit K] [--rounds R]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil
from _corpus import CORPUS, ROOT

BAR = 1.7  # issue 10: both parallel paths at least this much faster than one process on 2 cores
WARM = 5  # articles each Dask worker analyses before the clock: its matcher and word lists built


def store_rows(db: Path) -> dict:
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        out = {}
        for table in ("articles", "mentions", "events"):
            # quoted as identifiers: repr() would make 'name' a string literal, comparing only row counts
            cols = [f'"{r[0]}"' for r in con.execute(f"DESCRIBE {table}").fetchall() if r[0] != "ingested_at"]
            out[table] = con.execute(f"SELECT {', '.join(cols)} FROM {table} ORDER BY ALL").fetchall()
        return out
    finally:
        con.close()


def _children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def _dask_cpu(client) -> float:
    if client is None:
        return 0.0
    return sum(client.run(lambda: sum(psutil.Process().cpu_times()[:2])).values())


def timed_ingest(corpus: Path, db: Path, how: list[str], client=None) -> tuple[float, float, float, float]:
    """Wall seconds of the command, its CPU seconds (pool included), the Dask workers' CPU seconds
    and this process's (the LocalCluster's scheduler runs here)."""
    cmd = [sys.executable, "-m", "geo", "ingest", "--quiet", *how, "--db", str(db), str(corpus)]
    kids, remote = _children_cpu(), _dask_cpu(client)
    here = time.process_time()
    t0 = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    here = time.process_time() - here
    assert done.returncode == 0, done.stderr[-2000:]
    return seconds, _children_cpu() - kids, _dask_cpu(client) - remote, here


def _round(corpus: Path, tmp: Path, workers: int, r: int) -> list[tuple[str, tuple, float]]:
    """One run of each way, in turn; each store checked against the one-process store."""
    from distributed import Client, LocalCluster

    from geo import parallel
    from geo.reader import read_paths

    one = timed_ingest(corpus, tmp / f"one{r}.duckdb", ["--workers", "1"])
    want = store_rows(tmp / f"one{r}.duckdb")
    rows = [("1 process", one, os.getloadavg()[0])]
    local = timed_ingest(corpus, tmp / f"local{r}.duckdb", ["--workers", str(workers)])
    assert store_rows(tmp / f"local{r}.duckdb") == want, "the local pool's store differs from one process's"
    rows.append((f"{workers} processes", local, os.getloadavg()[0]))
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, host="127.0.0.1"
        ) as cluster,
        Client(cluster) as client,
    ):
        client.wait_for_workers(2)
        sample = [a for _, a in zip(range(2 * WARM), read_paths([corpus]), strict=False)]
        client.gather(client.map(parallel.analyse_task, [sample[:WARM], sample[WARM:]], pure=False))
        dask = timed_ingest(
            corpus, tmp / f"dask{r}.duckdb", ["--scheduler", cluster.scheduler_address], client
        )
    assert store_rows(tmp / f"dask{r}.duckdb") == want, "the Dask store differs from one process's"
    rows.append(("Dask, 2 workers", dask, os.getloadavg()[0]))
    print(
        f"round {r + 1}: stores identical: {len(want['articles'])} articles, {len(want['mentions'])} mentions, "
        f"{len(want['events'])} events",
        flush=True,
    )
    return rows


def _report(n: int, rows: list[tuple[str, tuple]]) -> None:
    one = rows[0][1]
    for name, (seconds, command_cpu, dask_cpu, scheduler_cpu) in rows:
        ratio = one[0] / seconds
        verdict = (
            "" if name == "1 process" else ("  meets the bar" if ratio >= BAR else f"  BELOW the {BAR}× bar")
        )
        print(
            f"{name:>16}: {seconds:6.2f} s  {n / seconds:6.1f} articles/s  {ratio:4.2f}×{verdict}"
            f"   CPU: command {command_cpu:5.2f} s, Dask workers {dask_cpu:5.2f} s, "
            f"scheduler {scheduler_cpu:4.2f} s"
        )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--limit", type=int, default=0, help="only the first K corpus articles")
    ap.add_argument(
        "--rounds", type=int, default=1, help="run each way R times in turn; also report each way's best"
    )
    args = ap.parse_args()

    from geo.model import Article
    from geo.reader import read_paths

    if not CORPUS.is_file():
        raise SystemExit(f"corpus not found at {CORPUS}: it lives in ../shared beside the checkout")
    tmp = Path(tempfile.mkdtemp(prefix="ingest_scale_", dir="/tmp"))
    corpus = CORPUS
    if args.limit:
        corpus = tmp / "corpus.jsonl"
        with CORPUS.open(encoding="utf-8") as src:
            corpus.write_text("".join(line for _, line in zip(range(args.limit), src, strict=False)), "utf-8")
    n = sum(1 for a in read_paths([corpus]) if isinstance(a, Article))
    os.environ["PYTHONPATH"] = str(ROOT)  # the Dask scheduler and workers import geo
    print(f"corpus: {n} articles; {os.cpu_count()} cores; load average before {os.getloadavg()}")

    rounds = [_round(corpus, tmp, args.workers, r) for r in range(args.rounds)]
    for r, rows in enumerate(rounds, 1):
        loads = ", ".join(f"{load:.2f}" for _, _, load in rows)
        print(f"round {r} of {args.rounds} (1-minute load average after each way: {loads}):")
        _report(n, [(name, result) for name, result, _ in rows])
    if args.rounds > 1:
        print(f"best of {args.rounds} rounds each (the least disturbed run of each way):")
        best = [min((rows[i] for rows in rounds), key=lambda row: row[1][0]) for i in range(3)]
        _report(n, [(name, result) for name, result, _ in best])
    print(f"load average after {os.getloadavg()}")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
