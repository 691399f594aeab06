"""`python -m geo snapshot` with bad options, bad paths and a busy or damaged store: one line, no traceback."""

import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT


def run_cli(*args, db=None, timeout=300):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    if db is not None:
        env["GEO_DB"] = str(db)
    return subprocess.run(
        [sys.executable, "-m", "geo", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
    )


def last_line(res) -> str:
    assert "Traceback" not in res.stderr, res.stderr
    lines = res.stderr.strip().splitlines()
    assert lines, "a refusal must say why"
    return lines[-1]


@pytest.mark.parametrize(
    "option, expected",
    [
        (["--window-days", "1000000"], "--window-days must be between 1 and 36525, not 1000000"),
        (["--window-days", "0"], "--window-days must be between 1 and"),
        (["--window-days", "lots"], "--window-days must be a whole number"),
        (["--date", "9999-12-31"], "date 9999-12-31 out of range (1900-01-01 to 2100-12-31)"),
        (["--date", "0001-01-01"], "out of range"),
        (["--date", "2017-02-30"], "malformed date"),
    ],
)
def test_out_of_range_options_are_refused_in_one_line(tmp_path, option, expected):
    args = ["snapshot", "--date", "2017-06-15", "--out", str(tmp_path / "m.html"), *option, "seeds/"]
    res = run_cli(*args)
    assert res.returncode == 2
    assert expected in last_line(res)
    assert not (tmp_path / "m.html").exists()


def test_out_that_is_a_folder_is_refused_before_any_work(tmp_path):
    res = run_cli("snapshot", "--date", "2017-06-15", "--out", str(tmp_path), "seeds/")
    assert res.returncode == 2 and "is a folder" in last_line(res)


def test_out_inside_a_file_is_refused(tmp_path):
    (tmp_path / "afile").write_text("x")
    res = run_cli("snapshot", "--date", "2017-06-15", "--out", str(tmp_path / "afile" / "m.html"), "seeds/")
    assert res.returncode == 2 and "is a file" in last_line(res)


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_out_in_a_read_only_folder_is_refused(tmp_path):
    locked = tmp_path / "ro"
    locked.mkdir(mode=0o500)
    res = run_cli("snapshot", "--date", "2017-06-15", "--out", str(locked / "m.html"), "seeds/")
    assert res.returncode == 2 and "permission denied" in last_line(res)


def test_out_that_cannot_be_made_at_write_time_is_one_line(tmp_path):
    # /proc refuses new files even to root, which the argparse check cannot foresee
    res = run_cli("snapshot", "--date", "2017-06-15", "--out", "/proc/geo-map.html", "seeds/")
    assert res.returncode == 1 and last_line(res).startswith("error: cannot write /proc/geo-map.html")


def test_good_snapshot_still_writes_and_its_line_counts_what_its_header_counts(tmp_path):
    """QA 32: the page's header and the CLI's line count the same things in the same units."""
    import html
    import re

    out = tmp_path / "m.html"
    res = run_cli("snapshot", "--date", "2017-06-15", "--window-days", "36525", "--out", str(out),
                  "--lang", "en", "seeds/")  # fmt: skip
    assert res.returncode == 0, res.stderr
    assert out.stat().st_size > 10_000 and "wrote" in last_line(res)
    header = html.unescape(out.read_text(encoding="utf-8"))
    counted = re.search(
        r"\d+ incidents? on the time slider \(\d+ reports?\)( · \d+ incidents? governorate/region-level)?", header
    ).group(0)
    assert counted in last_line(res), (counted, last_line(res))
    assert "event" not in last_line(res)


def test_out_in_a_missing_folder_is_one_line_and_makes_no_folder(tmp_path):
    """QA 43: a typo in --out's folder is refused before any work; no directory is made."""
    out = tmp_path / "no-such-dir" / "deeper" / "m.html"
    res = run_cli("snapshot", "--date", "2017-06-15", "--out", str(out), "seeds/")
    assert res.returncode == 1
    line = last_line(res)
    assert line.startswith("error: the folder ") and "does not exist" in line, line
    assert len(res.stderr.strip().splitlines()) == 1, res.stderr  # no reading or analysing first
    assert not (tmp_path / "no-such-dir").exists()
    res = run_cli("snapshot", "--date", "2017-06-15", "--out", str(tmp_path / "m.html"), "seeds/")
    assert res.returncode == 0 and (tmp_path / "m.html").is_file()  # an existing folder works


@pytest.fixture()
def small_store(tmp_path):
    db = tmp_path / "s.duckdb"
    res = run_cli("ingest", "seeds/", "--db", str(db))
    assert res.returncode == 0, res.stderr
    return db


def test_store_busy_with_a_writer_gives_one_line_in_the_chosen_language(tmp_path, small_store):
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb, time; c = duckdb.connect({str(small_store)!r}); print(1, flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
    )
    try:
        holder.stdout.readline()  # the lock is held from here on
        out = tmp_path / "m.html"
        res = run_cli("snapshot", "--date", "2017-06-15", "--out", str(out), "--lang", "ar", db=small_store)
        assert res.returncode == 1
        line = last_line(res)
        assert line.startswith("error: ") and "مشغولة" in line
        res = run_cli("snapshot", "--date", "2017-06-15", "--out", str(out), "--lang", "en", db=small_store)
        assert "busy" in last_line(res) and not out.exists()
    finally:
        holder.kill()
        holder.wait()


@pytest.mark.parametrize("damage", ["truncated", "junk"])
def test_damaged_store_says_move_it_aside(tmp_path, small_store, damage):
    data = small_store.read_bytes()
    small_store.write_bytes(data[:5000] if damage == "truncated" else os.urandom(len(data)))
    res = run_cli(
        "snapshot", "--date", "2017-06-15", "--out", str(tmp_path / "m.html"), "--lang", "en", db=small_store
    )
    assert res.returncode == 1
    line = last_line(res)
    assert "move it aside" in line and "ingest" in line


def test_the_slider_ends_at_the_last_report_and_control_lasts_to_its_end(tmp_path, monkeypatch):
    """QA 32: an event dated «this year» (to 31 December) no longer stretches the slider past the last
    report and its window, and every day the slider reaches has its control rows."""
    import json
    import re
    from argparse import Namespace
    from dataclasses import replace
    from datetime import date, timedelta

    from geo import ui
    from geo.commands import snapshot
    from geo.store import Store

    store = Store(tmp_path / "s.duckdb")
    ui.seed_store(store)
    events = store.events()
    last_report = max(e.published for e in events if e.published and e.place)
    dated = max((e for e in events if e.place and e.event_date), key=lambda e: e.event_date)
    year = {"event_id": "year-long", "event_date": last_report, "date_last": date(last_report.year, 12, 31)}
    events.append(replace(dated, **year))
    monkeypatch.setattr(snapshot, "_events_from_paths", lambda args: (events, 0))
    out = tmp_path / "snap.html"
    args = Namespace(paths=["x"], date=last_report, window_days=7, lang="en", out=out, published=None)
    assert snapshot.run(args) == 0
    page = out.read_text(encoding="utf-8")
    end_ms = int(re.search(r"start: \d+, end: (\d+)", page).group(1))
    slider_end = date(1970, 1, 1) + timedelta(days=end_ms // 86_400_000)
    assert slider_end == last_report + timedelta(days=7), slider_end  # was 2018-01-07
    (baked,) = [json.loads(b) for b in re.findall(r"var baked = (\{\"rows\".*?\}), meta = ", page)]
    last_row_day = max(r[7] for r in baked["rows"])
    assert date(1970, 1, 1) + timedelta(days=last_row_day) >= slider_end  # control on its last day too
