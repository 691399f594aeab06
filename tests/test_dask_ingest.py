"""Ingest on a real Dask cluster (LocalCluster on loopback): the same store, and a lost worker loses nothing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

# the session fixtures shared with the local-pool tests (one reference ingest for both files)
from tests.test_ingest_parallel import ROOT, cli, store_rows
from tests.test_ingest_parallel import corpus_slice as corpus_slice  # noqa: F401
from tests.test_ingest_parallel import reference as reference  # noqa: F401

distributed = pytest.importorskip("distributed", reason="dask.distributed is not installed")

WAIT_S = 120  # for a task to start or a run to end on a loaded machine; a hang fails, it does not block


@pytest.fixture(scope="module")
def cluster():
    """Two worker processes, one thread each; the scheduler (in this process) and workers import geo."""
    old = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = str(ROOT) + (os.pathsep + old if old else "")
    try:
        with (
            distributed.LocalCluster(
                n_workers=2,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                host="127.0.0.1",
            ) as c,
            distributed.Client(c) as client,
        ):
            yield c, client
    finally:
        if old is None:
            os.environ.pop("PYTHONPATH", None)
        else:
            os.environ["PYTHONPATH"] = old


def _scheduler_ingest(c, db, seeds_dir, corpus_slice) -> list[str]:
    """The command line of an ingest of the seeds and the corpus slice on the test cluster."""
    return [
        "ingest",
        "--quiet",
        "--scheduler",
        c.scheduler_address,
        "--db",
        str(db),
        str(seeds_dir),
        str(corpus_slice),
    ]


def test_scheduler_ingest_gives_exactly_the_store_of_a_plain_one(
    cluster, reference, corpus_slice, seeds_dir, tmp_path
):
    c, _ = cluster
    db = tmp_path / "geo.duckdb"
    args = _scheduler_ingest(c, db, seeds_dir, corpus_slice)
    done = cli(*args)
    assert done.returncode == 0, done.stderr
    assert store_rows(db) == store_rows(reference)
    again = cli(*args)
    assert again.returncode == 0 and again.stdout.startswith(
        f"0 added, {len(store_rows(db)['articles'])} unchanged"
    )


def _busy(c) -> bool:
    return any(ts.state == "processing" for ts in list(c.scheduler.tasks.values()))


def test_killing_a_worker_mid_run_loses_nothing_once_the_run_is_repeated(
    cluster, reference, corpus_slice, seeds_dir, tmp_path
):
    c, client = cluster
    db = tmp_path / "geo.duckdb"
    args = _scheduler_ingest(c, db, seeds_dir, corpus_slice)
    client.wait_for_workers(2, timeout=WAIT_S)
    pids = client.run(os.getpid)
    run = subprocess.Popen(
        [sys.executable, "-m", "geo", *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + WAIT_S
    while not _busy(c) and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert run.poll() is None, "the run ended before a worker could be killed"
    victim = sorted(pids.values())[0]
    os.kill(victim, signal.SIGKILL)  # mid-run: tasks are on the workers
    out, err = run.communicate(timeout=WAIT_S)
    assert "Traceback" not in err
    assert run.returncode in (0, 1), err  # Dask may rerun the lost tasks, or give up on them
    if run.returncode == 1:
        assert "run the same command again" in err
    client.wait_for_workers(2, timeout=WAIT_S)  # the nanny restarts the killed worker
    again = cli(*args)
    assert again.returncode == 0, again.stderr
    assert store_rows(db) == store_rows(reference)
    assert victim not in client.run(os.getpid).values()


def test_an_absent_scheduler_is_one_line(seeds_dir, tmp_path):
    done = cli(
        "ingest", "--scheduler", "tcp://127.0.0.1:9", "--db", str(tmp_path / "geo.duckdb"), str(seeds_dir)
    )
    assert done.returncode == 1
    lines = [line for line in done.stderr.splitlines() if line.startswith("error")]
    assert len(lines) == 1 and "run the same command again" in lines[0]
    assert "Traceback" not in done.stderr


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_lost_scheduler_is_one_line_and_a_rerun_completes(
    cluster, reference, corpus_slice, seeds_dir, tmp_path
):
    """`dask scheduler` + `dask worker` processes; the scheduler killed mid-run; then a rerun elsewhere."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    spawn = [sys.executable, "-m"]
    quiet = {"env": env, "stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    sched = subprocess.Popen(
        [
            *spawn,
            "distributed.cli.dask_scheduler",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--no-dashboard",
        ],
        **quiet,
    )
    worker = subprocess.Popen(
        [*spawn, "distributed.cli.dask_worker", address, "--nthreads", "1", "--no-dashboard"], **quiet
    )
    db = tmp_path / "geo.duckdb"
    try:
        with distributed.Client(address, timeout=WAIT_S) as client:
            client.wait_for_workers(1, timeout=WAIT_S)
            run = subprocess.Popen(
                [*spawn, "geo", "ingest", "--quiet", "--scheduler", address, "--db", str(db), str(seeds_dir), str(corpus_slice)],
                cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            )  # fmt: skip
            deadline = time.monotonic() + WAIT_S
            while (
                not client.processing().get(next(iter(client.scheduler_info()["workers"])))
                and time.monotonic() < deadline
            ):
                time.sleep(0.02)
            sched.kill()  # mid-run: the worker holds tasks
            out, err = run.communicate(timeout=WAIT_S)
    finally:
        for p in (worker, sched):
            p.kill()
            p.wait(timeout=30)
    assert run.returncode == 1 and "Traceback" not in err
    (line,) = [x for x in err.splitlines() if x.strip()]
    assert line.startswith("error: the analysis workers failed") and "run the same command again" in line
    c, _ = cluster
    again = cli(*_scheduler_ingest(c, db, seeds_dir, corpus_slice))
    assert again.returncode == 0, again.stderr
    assert store_rows(db) == store_rows(reference)
