"""Faults from outside: `kill -9` of a real ingest at random moments, and store files that are damaged.

After each kill the store must open, hold no article half-written (an article's row, its mentions and
its events land in one transaction), and a resumed run must end with exactly what a clean run gives.
A damaged store must get one line saying what to do, never a traceback.
"""

from __future__ import annotations

import contextlib
import os
import queue
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import pytest

from tests.conftest import ROOT

CORPUS_ARTICLES = 800  # four write batches (geo.store.WRITE_BATCH): room to be killed between them
KILLS = 4
SEED = 20261201  # the kill moments are random but the same on every run


def _ingest_cmd(inputs: list[Path], db: Path, quiet: bool = True) -> list[str]:
    cmd = [sys.executable, "-m", "geo", "ingest", *map(str, inputs), "--db", str(db)]
    return [*cmd, "--quiet"] if quiet else cmd


def _env() -> dict:
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def _ingest(inputs: list[Path], db: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        _ingest_cmd(inputs, db), cwd=ROOT, env=_env(), capture_output=True, text=True, timeout=600
    )


def _kill_during_ingest(inputs: list[Path], db: Path, first_line: bool, after: float) -> None:
    """Start an ingest and kill -9 it `after` seconds in, counted from its start or (first_line) from
    the first line it prints (a batch has been written by then, so the kill lands in a later one)."""
    proc = subprocess.Popen(
        _ingest_cmd(inputs, db, quiet=False),
        cwd=ROOT,
        env=_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        start_new_session=True,  # its analysis workers are in its group, so none outlives the test
    )
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=lambda: [lines.put(ln) for ln in proc.stdout], daemon=True).start()
    try:
        if first_line:
            with contextlib.suppress(queue.Empty):
                lines.get(timeout=600)
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=after)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)  # the ingest and any analysis worker of it
        proc.wait()


def _per_article(db: Path) -> dict[str, tuple]:
    """article_id → (content hash, mentions, events); also checks nothing is orphaned."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        for table in ("mentions", "events"):
            orphans = con.execute(
                f"SELECT count(*) FROM {table} WHERE article_id NOT IN (SELECT article_id FROM articles)"
            ).fetchone()[0]
            assert orphans == 0, f"{orphans} {table} rows without their article"
        dup = con.execute("SELECT count(*) - count(DISTINCT article_id) FROM articles").fetchone()[0]
        assert dup == 0, "an article stored twice"
        rows = con.execute(
            """SELECT a.article_id, a.content_hash,
                      (SELECT count(*) FROM mentions m WHERE m.article_id = a.article_id),
                      (SELECT count(*) FROM events e WHERE e.article_id = a.article_id)
               FROM articles a"""
        ).fetchall()
        return {r[0]: tuple(r[1:]) for r in rows}
    finally:
        con.close()


def _event_ids(db: Path) -> set[str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {r[0] for r in con.execute("SELECT event_id FROM events").fetchall()}
    finally:
        con.close()


@pytest.fixture(scope="module")
def inputs(tmp_path_factory, corpus_path) -> list[Path]:
    folder = tmp_path_factory.mktemp("faults")
    part = folder / "corpus_part.jsonl"
    with corpus_path.open(encoding="utf-8") as src, part.open("w", encoding="utf-8") as out:
        for _, line in zip(range(CORPUS_ARTICLES), src, strict=False):
            out.write(line)
    return [ROOT / "seeds", part]


@pytest.fixture(scope="module")
def clean(inputs, tmp_path_factory) -> tuple[Path, float, float]:
    """A clean run's store, its length, and how long it printed lines for (first batch written → end)."""
    db = tmp_path_factory.mktemp("clean") / "clean.duckdb"
    t0 = time.monotonic()
    proc = subprocess.Popen(
        _ingest_cmd(inputs, db, quiet=False), cwd=ROOT, env=_env(), stdout=subprocess.PIPE
    )
    first = None
    for _ in proc.stdout:
        first = first or time.monotonic()
    assert proc.wait(timeout=600) == 0
    end = time.monotonic()
    return db, end - t0, end - (first or t0)


@pytest.mark.corpus
def test_kill_9_during_ingest_loses_nothing_and_a_resumed_run_matches_a_clean_one(inputs, clean, tmp_path):
    clean_db, clean_seconds, writing_seconds = clean
    reference = _per_article(clean_db)
    assert len(reference) == 5 + CORPUS_ARTICLES
    db = tmp_path / "killed.duckdb"
    rng = random.Random(SEED)
    landed = []  # articles stored after each kill
    for _ in range(KILLS):
        first_line = rng.random() < 0.75
        after = (
            rng.uniform(0, writing_seconds + 0.5 * clean_seconds)
            if first_line
            else rng.uniform(0.2, 1.0) * clean_seconds
        )
        _kill_during_ingest(inputs, db, first_line, after)
        stored = _per_article(db) if db.exists() else {}  # opens, and nothing is orphaned
        for article_id, got in stored.items():
            assert got == reference[article_id], (
                f"{article_id} is half there: {got} vs {reference[article_id]}"
            )
        landed.append(len(stored))
        if len(stored) == len(reference):  # the run finished before the kill: start the next one afresh
            for f in tmp_path.glob("killed.duckdb*"):
                f.unlink()
    print(f"articles stored after each kill -9: {landed} of {len(reference)}")
    assert any(0 < n < len(reference) for n in landed), f"no kill landed mid-ingest: {landed}"
    res = _ingest(inputs, db)
    assert res.returncode == 0, res.stderr
    assert _per_article(db) == reference
    assert _event_ids(db) == _event_ids(clean_db)


# ------------------------------------------------------------------------------ damaged store files


def _damage(db: Path, how: str) -> None:
    data = db.read_bytes()
    if how == "truncated":
        db.write_bytes(data[: len(data) // 3])
    elif how == "junk":
        db.write_bytes(random.Random(SEED).randbytes(len(data)))
    elif how == "empty":
        db.write_bytes(b"")
    elif how == "text":
        db.write_text("سيطرت قوات النظام على مسكنة\n" * 500, encoding="utf-8")


@pytest.fixture()
def seed_store(tmp_path) -> Path:
    db = tmp_path / "store.duckdb"
    res = _ingest([ROOT / "seeds"], db)
    assert res.returncode == 0, res.stderr
    return db


@pytest.mark.parametrize("how", ["truncated", "junk", "empty", "text"])
def test_damaged_store_gets_one_line_saying_what_to_do(seed_store, tmp_path, how):
    _damage(seed_store, how)
    runs = {
        "ingest": _ingest([ROOT / "seeds"], seed_store),
        "snapshot": subprocess.run(
            [sys.executable, "-m", "geo", "snapshot", "--date", "2017-06-15", "--lang", "en"]
            + ["--out", str(tmp_path / "m.html")],
            cwd=ROOT,
            env={**_env(), "GEO_DB": str(seed_store)},
            capture_output=True,
            text=True,
            timeout=300,
        ),
    }
    for name, res in runs.items():
        assert res.returncode != 0, name
        assert "Traceback" not in res.stderr, f"{name}: {res.stderr}"
        errors = [ln for ln in res.stderr.splitlines() if ln.startswith("error:")]
        assert len(errors) == 1, f"{name}: {res.stderr}"
        assert "move it aside" in errors[0] and "ingest" in errors[0], f"{name}: {errors[0]}"
    assert not (tmp_path / "m.html").exists()
