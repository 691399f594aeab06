"""Ingest in N local processes: the same store as one process, batched checks, failures, Parquet, progress."""

from __future__ import annotations

import fcntl
import json
import multiprocessing
import os
import re
import select
import struct
import subprocess
import sys
import termios
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from geo import parallel, pipeline
from geo.store import Store

ROOT = Path(__file__).resolve().parents[1]
SLICE = 200  # corpus articles: enough for several write batches of 64, a few seconds to analyse


def store_rows(db: Path) -> dict[str, list[tuple]]:
    """Every row of the three tables but the ingest time, sorted: two stores equal iff these do."""
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


def cli(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "geo", *args], cwd=ROOT, capture_output=True, text=True, timeout=600, **kw
    )


@pytest.fixture(scope="session")
def corpus_slice(corpus_path, tmp_path_factory) -> Path:
    """The first SLICE corpus articles as their own .jsonl."""
    path = tmp_path_factory.mktemp("slice") / "slice.jsonl"
    with corpus_path.open(encoding="utf-8") as src:
        lines = [line for _, line in zip(range(SLICE), src, strict=False)]
    path.write_text("".join(lines), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def reference(corpus_slice, seeds_dir, tmp_path_factory) -> Path:
    """The seeds, then the slice, ingested by one process: what every other way must reproduce."""
    db = tmp_path_factory.mktemp("ref") / "ref.duckdb"
    done = cli("ingest", "--workers", "1", "--quiet", "--db", str(db), str(seeds_dir), str(corpus_slice))
    assert done.returncode == 0, done.stderr
    return db


def test_two_processes_give_exactly_the_store_of_one(reference, corpus_slice, seeds_dir, tmp_path):
    db = tmp_path / "geo.duckdb"
    done = cli("ingest", "--workers", "2", "--db", str(db), str(seeds_dir), str(corpus_slice))
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    want = store_rows(reference)
    assert store_rows(db) == want
    assert len(want["articles"]) == SLICE + 5 and len(want["events"]) > SLICE
    # the rows hold the stored values (ids, texts, places), not only how many there are
    slice_ids = {json.loads(line)["id"] for line in corpus_slice.read_text(encoding="utf-8").splitlines()}
    assert slice_ids <= {row[0] for row in want["articles"]}
    assert {row[0] for row in want["mentions"]} <= {row[0] for row in want["articles"]}
    assert sum(1 for row in want["mentions"] if row[4]) > SLICE  # place ids, resolved
    assert f"{SLICE + 5} added, 0 unchanged, 0 failed" in done.stdout
    # run again: every text is known, nothing is added twice
    again = cli("ingest", "--workers", "2", "--quiet", "--db", str(db), str(seeds_dir), str(corpus_slice))
    assert f"0 added, {SLICE + 5} unchanged" in again.stdout, again.stdout
    assert store_rows(db) == want


def test_one_hash_query_per_batch_and_known_texts_are_not_analysed(corpus_slice, tmp_path, monkeypatch):
    from geo.reader import read_paths

    store = Store(tmp_path / "geo.duckdb")
    checks, analysed = [], []
    real_check = Store._check

    def counting_check(self, slots, force, run):
        checks.append(len(slots))
        return real_check(self, slots, force, run)

    def counting(chunks):
        for chunk in store_analyser(chunks):
            analysed.extend(r.article.article_id for r in chunk)
            yield chunk

    store_analyser = parallel.local(2)
    monkeypatch.setattr(Store, "_check", counting_check)
    arts = list(read_paths([corpus_slice]))
    first = store.ingest_many(arts, batch_size=64, analyser=counting)
    assert [r.status for r in first] == ["added"] * SLICE
    assert checks == [64, 64, 64, SLICE - 192]  # one query per batch of 64, not one per article
    assert sorted(analysed) == sorted(a.article_id for a in arts)

    checks.clear(), analysed.clear()
    store_analyser = parallel.local(2)
    second = store.ingest_many(arts, batch_size=64, analyser=counting)
    assert {r.status for r in second} == {"unchanged"}
    assert len(checks) == 4 and analysed == []  # known texts never reach a worker


@pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="needs fork to patch workers"
)
def test_an_article_failing_in_a_worker_leaves_the_others_in(seed_articles, tmp_path, monkeypatch):
    real = pipeline.analyse
    bad = "002_c99f9a7222258e8a"

    def flaky(article, gazetteer=None):
        if article.article_id == bad:
            raise RuntimeError("resolver exploded")
        return real(article, gazetteer)

    monkeypatch.setattr(pipeline, "analyse", flaky)  # forked workers inherit it
    store = Store(tmp_path / "geo.duckdb")
    results = store.ingest_many(seed_articles.values(), analyser=parallel.local(2))
    assert [(r.article_id, r.status) for r in results] == [
        (aid, "failed" if aid == bad else "added") for aid in seed_articles
    ]
    assert "analysis failed: RuntimeError: resolver exploded" in results[2].message
    assert sorted(a.article_id for a in store.articles()) == sorted(a for a in seed_articles if a != bad)
    assert store.mentions(bad) == [] and all(e.article_id != bad for e in store.events())
    assert store.counts()["events"] == sum(r.events for r in results) > 0


def test_parquet_results_land_as_the_same_store(reference, corpus_slice, seeds_dir, tmp_path):
    out = tmp_path / "results.parquet"
    made = cli("events", str(seeds_dir), str(corpus_slice), "--format", "parquet", "--out", str(out))
    assert made.returncode == 0, made.stderr
    table = pq.read_table(out)
    assert table.num_rows == SLICE + 5
    assert {"article_id", "text", "published", "mentions", "events"} <= set(table.column_names)
    want = store_rows(reference)
    assert sum(len(evs) for evs in table.column("events").to_pylist()) == len(want["events"])

    # a Parquet file that is not analysis results is refused in one line; the good file beside it goes in
    other = tmp_path / "other.parquet"
    pq.write_table(table.select(["article_id"]), other)
    db = tmp_path / "geo.duckdb"
    done = cli("ingest", "--db", str(db), str(out), str(other))
    assert done.returncode == 1
    assert [line for line in done.stderr.splitlines() if line.strip()] == [
        f"error: {other}: a Parquet file, but not analysis results from `python -m geo events`"
    ]
    assert store_rows(db) == want


def test_parquet_needs_an_output_file(seeds_dir):
    done = cli("events", str(seeds_dir), "--format", "parquet")
    assert done.returncode == 2 and "needs --out FILE" in done.stderr and not done.stdout


def _run_on_a_tty(args: list[str]) -> str:
    """Run the CLI with stderr on a pseudo-terminal; what the terminal showed."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))  # a terminal has a size
    proc = subprocess.Popen(
        [sys.executable, "-m", "geo", *args], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=slave
    )
    os.close(slave)
    chunks = []
    while True:
        ready, _, _ = select.select([master], [], [], 1.0)
        if ready:
            try:
                data = os.read(master, 65536)
            except OSError:  # the other end closed
                break
            if not data:
                break
            chunks.append(data)
        elif proc.poll() is not None:
            break
    proc.wait(timeout=300)
    os.close(master)
    return b"".join(chunks).decode("utf-8", "replace")


def test_progress_bar_on_a_terminal_only(corpus_slice, tmp_path):
    sixty = tmp_path / "sixty.jsonl"
    sixty.write_text(
        "".join(corpus_slice.read_text(encoding="utf-8").splitlines(True)[:60]), encoding="utf-8"
    )
    db = str(tmp_path / "geo.duckdb")
    shown = _run_on_a_tty(["ingest", "--workers", "1", "--db", db, str(sixty)])
    assert re.search(r"60/60 \[[0-9:]+<[0-9:]+, +[0-9.]+art/s\]", shown), shown[-500:]
    quiet = _run_on_a_tty(["ingest", "--quiet", "--db", db, str(sixty)])
    assert "art/s" not in quiet
    piped = cli("ingest", "--db", db, str(sixty))
    assert "art/s" not in piped.stderr and "60 unchanged" in piped.stdout


def test_a_record_per_line_is_what_the_bar_counts(tmp_path):
    from geo.progress import count_inputs

    f = tmp_path / "a.jsonl"
    f.write_text(
        "\n".join(json.dumps({"id": str(i), "text": "x"}) for i in range(7)) + "\n\n", encoding="utf-8"
    )
    (tmp_path / "d").mkdir()
    for i in range(3):
        (tmp_path / "d" / f"{i}.txt").write_text("x", encoding="utf-8")
    assert count_inputs([f, tmp_path / "d"]) == 10


def test_the_file_is_closed_whenever_the_parent_waits_for_workers(corpus_slice, tmp_path, monkeypatch):
    """Readers get in while workers analyse: no connection is open while the parent waits on them."""
    from geo.reader import read_paths

    store = Store(tmp_path / "geo.duckdb")
    real_gather, waits = parallel._gather, []

    def gather(futures):
        waits.append(getattr(store._local, "kept", None))
        return real_gather(futures)

    monkeypatch.setattr(parallel, "_gather", gather)
    results = store.ingest_many(read_paths([corpus_slice]), batch_size=32, analyser=parallel.local(2))
    assert [r.status for r in results] == ["added"] * SLICE
    assert len(waits) == 7 and waits == [None] * 7  # 200 articles in batches of 32


@pytest.mark.skipif(parallel.START_METHOD != "fork", reason="the reader process needs fork")
def test_the_reader_process_hands_over_everything_in_order_and_is_gone_after():
    counted = {"read": 0}

    def produce():
        for i in range(1000):  # more than the reader may keep waiting (READ_AHEAD_BLOCKS blocks)
            counted["read"] += 1
            yield i

    summaries = []
    items = parallel.read_ahead(produce, lambda: counted["read"], summaries.append)
    assert list(items) == list(range(1000))
    assert summaries == [1000] and counted["read"] == 0  # counted in the reader, handed over here
    assert multiprocessing.active_children() == []


@pytest.mark.skipif(parallel.START_METHOD != "fork", reason="the reader process needs fork")
def test_a_reader_stopped_early_or_failing_is_gone_with_one_line():
    def endless():
        i = 0
        while True:
            yield i
            i += 1

    items = parallel.read_ahead(endless, lambda: None, lambda _: None)
    assert [next(items) for _ in range(10)] == list(range(10))
    items.close()  # the ingest stopped (an error, Ctrl-C): the reader must not stay behind
    assert multiprocessing.active_children() == []

    def broken():
        yield 1
        raise ValueError("disk\nvanished")

    items = parallel.read_ahead(broken, lambda: None, lambda _: None)
    assert next(items) == 1
    with pytest.raises(parallel.ReaderError, match="^ValueError: disk vanished$"):
        next(items)
    assert multiprocessing.active_children() == []


def test_unreadable_inputs_read_by_the_reader_are_counted(corpus_slice, tmp_path):
    done = cli(
        "ingest",
        "--workers",
        "2",
        "--quiet",
        "--db",
        str(tmp_path / "geo.duckdb"),
        str(corpus_slice),
        str(tmp_path / "missing.txt"),
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert f"{SLICE} added, 0 unchanged, 0 failed, 1 unreadable" in done.stdout
    assert "missing.txt" in done.stderr
