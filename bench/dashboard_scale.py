"""The dashboard at ~10,000 and ~100,000 events: server memory, slider-move time, bytes per move.

Stores are built THROUGH THE PROJECT'S OWN INGEST (`python -m geo ingest --workers 2`): the corpus is
written out COPIES times, copy k with ids "<id>-k<k>", a marker appended to its text (so the content
hash differs) and its publication date moved back by k × SHIFT_DAYS (so the copies are different
happenings on the time line, as a longer archive would be; back, because the reader refuses
publication dates after 2100 and 18 copies forward would pass it). The stores are cached in /tmp and reused.

Then the real Streamlit server is started on loopback (a subprocess on a free port) for each store,
once with the code of this checkout's HEAD and once with the code at BASELINE_COMMIT (git worktrees), and a
headless Chromium (Playwright, /usr/bin/chromium) opens the map page and moves the day slider
MOVES times with the keyboard. Measured, for each:
- the server's RSS (psutil, children included) after the first page and after the moves;
- the time of one move: from the key press to Streamlit's "script finished" message of the rerun
  it starts, and from the browser's rerun request (its websocket frame) to that message: the
  server-side time plus the loopback both ways, without what the browser does before asking;
- the server's CPU time (user + system, psutil) over one move and the frames that follow it: the
  work one move costs the server, which a loaded machine does not inflate as it does the time;
- the server-side time of one move: the wall time of the rerun it starts, timed inside the server
  by RERUN_HOOK (Streamlit's script thread), and how many reruns one move sets off;
- the bytes one move sends to the browser (websocket frames received, with a week window).

    .venv/bin/python bench/dashboard_scale.py [--sizes 10k,100k] [--moves 20] [--no-baseline | --baseline COMMIT]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from datetime import date, timedelta
from pathlib import Path

import psutil
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CORPUS = ROOT.parent / "shared" / "data" / "corpus" / "articles.jsonl"
CACHE = Path("/tmp/dashscale")
BASELINE_COMMIT = "6fe5b90"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
SERVER_START_S = 60
# The baseline reads 100k Event objects before its first map (13 s in issue 10, more on a busy machine).
PAGE_TIMEOUT_S = 600
MOVE_TIMEOUT_S = 120
# After a rerun: frames that follow it (the map component's own messages) and memory settling.
SETTLE_S = 1.0
# Copies of the corpus per store: one copy gives ~5,700 events (issue 10: 18 copies → 102,323).
COPIES = {"10k": 2, "100k": 18}
# Copies are moved this far apart in time: more than the corpus's span (2013-12 … 2018-10), so no
# copy's events fall in another's days and each copy is its own set of happenings (17 copies back
# reach 1928, inside the reader's 1900–2100).
SHIFT_DAYS = 1830


def copy_lines(k: int) -> list[str]:
    """Copy k of the corpus as JSON Lines: new ids, a marker in the text, dates moved by k×SHIFT_DAYS."""
    out = []
    for line in CORPUS.open(encoding="utf-8"):
        rec = json.loads(line)
        if k:
            rec["id"] = f"{rec['id']}-k{k}"
            rec["text"] = f"{rec['text']}\n[copy {k}]"
            day = date.fromisoformat(rec["published"][:10]) - timedelta(days=k * SHIFT_DAYS)
            rec["published"] = day.isoformat()
            rec.pop("published_raw", None)
        out.append(json.dumps(rec, ensure_ascii=False))
    return out


def ingest(db: Path, copies: range) -> None:
    src = CACHE / f"copies-{copies.start}-{copies.stop}.jsonl"
    src.write_text("\n".join(line for k in copies for line in copy_lines(k)) + "\n", encoding="utf-8")
    cmd = [sys.executable, "-m", "geo", "ingest", str(src), "--db", str(db), "--workers", "2", "--quiet"]
    print("$", " ".join(cmd), flush=True)
    subprocess.run(cmd, cwd=ROOT, check=False)
    src.unlink()


def build_store(size: str) -> Path:
    """The cached store of `size` ("10k" or "100k"); built by ingest on first use, the bigger from the smaller."""
    CACHE.mkdir(parents=True, exist_ok=True)
    db = CACHE / f"store-{size}.duckdb"
    if db.exists():
        return db
    part = db.with_suffix(".part")
    smaller = [s for s in COPIES if COPIES[s] < COPIES[size]]
    start = 0
    if smaller:
        base = build_store(smaller[-1])
        part.write_bytes(base.read_bytes())
        start = COPIES[smaller[-1]]
    ingest(part, range(start, COPIES[size]))
    part.rename(db)
    return db


# ---------------------------------------------------------------------------------- the server


# Put on the server's PYTHONPATH (as sitecustomize): each rerun's end (epoch s), wall and CPU time of
# Streamlit's script thread, one line a rerun. It patches Streamlit, not the app, so it times both
# codes alike: the server side of a move, whatever the browser does before and after.
RERUN_HOOK = """
import os, time


def _timed_reruns():
    from streamlit.runtime.scriptrunner import script_runner

    run, log = script_runner.ScriptRunner._run_script, os.environ["GEO_BENCH_RERUN_LOG"]

    def timed(self, *args, **kwargs):
        wall, cpu = time.perf_counter(), time.thread_time()
        try:
            return run(self, *args, **kwargs)
        finally:
            with open(log, "a") as out:
                out.write(f"{time.time():.4f} {time.perf_counter() - wall:.4f} {time.thread_time() - cpu:.4f}\\n")

    script_runner.ScriptRunner._run_script = timed


if os.environ.get("GEO_BENCH_RERUN_LOG"):
    _timed_reruns()
"""


def rerun_log(tag: str) -> Path:
    """A fresh log for the server `tag`, and the hook that writes it in CACHE/hook."""
    hook = CACHE / "hook"
    hook.mkdir(parents=True, exist_ok=True)
    (hook / "sitecustomize.py").write_text(RERUN_HOOK, encoding="utf-8")
    log = CACHE / f"reruns-{tag}.log"
    log.unlink(missing_ok=True)
    return log


def reruns_since(log: Path, since: float) -> list[tuple[float, float]]:
    """(wall, CPU) of the reruns that started after `since` (epoch s), in order."""
    out = []
    for line in log.read_text().splitlines() if log.exists() else []:
        end, wall, cpu = (float(x) for x in line.split())
        if end - wall >= since:
            out.append((wall, cpu))
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(code: Path, db: Path, log: Path, reruns: Path | None = None) -> tuple[subprocess.Popen, str]:
    """`streamlit run dashboard.py` of the checkout at `code`, on loopback, over the store `db`."""
    port = free_port()
    env = {
        **os.environ,
        "GEO_DB": str(db),
        "PYTHONPATH": str(code) + (f"{os.pathsep}{CACHE / 'hook'}" if reruns else ""),
        "GEO_BENCH_RERUN_LOG": str(reruns or ""),
        "GEO_VIEW_CACHE": str(CACHE / "view-cache"),
    }
    cmd = [
        sys.executable, "-m", "streamlit", "run", str(code / "dashboard.py"), "--server.headless", "true",
        "--server.address", "127.0.0.1", "--server.port", str(port), "--browser.gatherUsageStats", "false",
        "--server.fileWatcherType", "none",
    ]  # fmt: skip
    proc = subprocess.Popen(cmd, cwd=code, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + SERVER_START_S
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError):
            urllib.request.urlopen(url + "/_stcore/health", timeout=2).read()
            return proc, url
        time.sleep(0.3)
    proc.kill()
    raise SystemExit(f"the server did not start; see {log}")


def cpu_s(proc: subprocess.Popen) -> float:
    """CPU seconds (user + system) the server and its children have used so far."""
    p = psutil.Process(proc.pid)
    return sum(sum(q.cpu_times()[:2]) for q in [p, *p.children(recursive=True)])


def rss_mb(proc: subprocess.Popen) -> float:
    """Resident memory of the server and any children it has at the moment, in MB."""
    p = psutil.Process(proc.pid)
    return (p.memory_info().rss + sum(c.memory_info().rss for c in p.children(recursive=True))) / 1e6


# ---------------------------------------------------------------------------------- the browser


class Frames:
    """Websocket frames: bytes received, when Streamlit reports a rerun finished, when the browser
    asked for a rerun."""

    def __init__(self) -> None:
        self.bytes = 0
        self.finished: list[float] = []
        self.requested: list[float] = []

    def on_socket(self, ws) -> None:
        ws.on("framereceived", self.on_frame)
        ws.on("framesent", self.on_sent)

    def on_sent(self, payload) -> None:
        data = payload if isinstance(payload, bytes) else payload.encode("utf-8")
        with contextlib.suppress(Exception):
            if BackMsg.FromString(data).WhichOneof("type") == "rerun_script":
                self.requested.append(time.monotonic())

    def on_frame(self, payload) -> None:
        data = payload if isinstance(payload, bytes) else payload.encode("utf-8")
        self.bytes += len(data)
        with contextlib.suppress(Exception):
            if ForwardMsg.FromString(data).WhichOneof("type") == "script_finished":
                self.finished.append(time.monotonic())


def wait_finished(page, frames: Frames, count: int, timeout: float, after: float = 0.0) -> float:
    """Wait for the `count`-th finished rerun that came after `after`; the time it came. (Playwright's
    sync API delivers events only inside its own calls, hence page.wait_for_timeout, not time.sleep.)"""
    deadline = time.monotonic() + timeout
    while True:
        later = [t for t in frames.finished[count - 1 :] if t > after]
        if later:
            return later[0]
        if time.monotonic() > deadline:
            raise TimeoutError(f"no rerun finished within {timeout} s")
        page.wait_for_timeout(10)


def day_slider(page):
    """The day slider's thumb: the slider whose value reads as a date (the last thumb of a range)."""
    for thumb in reversed(page.locator('[data-testid="stSlider"] input[type="range"]').all()):
        text = thumb.get_attribute("aria-valuetext") or ""
        if len(text) >= 10 and text[4] == "-" and text[7] == "-":
            return thumb
    raise SystemExit("no day slider on the page")


def measure(code: Path, db: Path, moves: int, tag: str) -> dict:
    from playwright.sync_api import sync_playwright

    reruns = rerun_log(tag)
    proc, url = start_server(code, db, CACHE / f"server-{tag}.log", reruns)
    out: dict = {}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            frames = Frames()
            page.on("websocket", frames.on_socket)
            t0 = time.monotonic()
            page.goto(url, timeout=PAGE_TIMEOUT_S * 1000)
            thumb = None
            deadline = time.monotonic() + PAGE_TIMEOUT_S
            while thumb is None and time.monotonic() < deadline:
                with contextlib.suppress(SystemExit):
                    thumb = day_slider(page)
                page.wait_for_timeout(200)
            wait_finished(page, frames, 1, PAGE_TIMEOUT_S)
            page.frame_locator("iframe").first.locator(".leaflet-container").wait_for(
                timeout=PAGE_TIMEOUT_S * 1000
            )
            out["first_map_s"] = time.monotonic() - t0
            page.wait_for_timeout(SETTLE_S * 1000)
            out["rss_first_mb"] = rss_mb(proc)
            times, sizes, cpus, served, runs = [], [], [], [], []
            for _ in range(moves):
                thumb = day_slider(page)
                done, start_bytes, start_cpu = len(frames.finished), frames.bytes, cpu_s(proc)
                thumb.focus()
                pressed = time.time()
                t = time.monotonic()
                page.keyboard.press("ArrowLeft")
                finish = wait_finished(page, frames, done + 1, MOVE_TIMEOUT_S, after=t)
                times.append(finish - t)
                asked = [r for r in frames.requested if t <= r <= finish]
                served.append(finish - asked[0] if asked else float("nan"))
                # frames after the rerun (the map component's messages) count too
                page.wait_for_timeout(SETTLE_S * 1000)
                sizes.append(frames.bytes - start_bytes)
                cpus.append(cpu_s(proc) - start_cpu)
                runs.append(reruns_since(reruns, pressed))
            out["rss_moves_mb"] = rss_mb(proc)
            out["move_s"] = times
            out["move_cpu_s"] = cpus
            out["move_server_s"] = served
            out["move_runs"] = runs  # (wall, CPU) of each rerun a move started
            out["move_bytes"] = sizes
            browser.close()
    finally:
        proc.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(10)
        if proc.poll() is None:
            proc.kill()
    return out


def tree_at(commit: str, tree: Path) -> Path:
    """A git worktree of `commit` in /tmp (made once, moved to `commit` on later runs)."""
    if not (tree / "dashboard.py").exists():
        subprocess.run(["git", "worktree", "add", "--detach", str(tree), commit], cwd=ROOT, check=True)
    else:
        subprocess.run(["git", "checkout", "-q", "--detach", commit], cwd=tree, check=True)
    return tree


def baseline_tree(commit: str = BASELINE_COMMIT) -> Path:
    """The code to compare with (BASELINE_COMMIT unless --baseline names another)."""
    return tree_at(commit, Path("/tmp/dashscale-old"))


def head_tree() -> Path:
    """The committed code of this checkout (HEAD), not its working files: others may be mid-edit."""
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True)
    return tree_at(head.stdout.strip(), Path("/tmp/dashscale-new"))


def summary(r: dict) -> str:
    t, b, c = sorted(r["move_s"]), sorted(r["move_bytes"]), sorted(r["move_cpu_s"])
    served = sorted(r["move_server_s"])
    first = sorted(runs[0][0] for runs in r["move_runs"] if runs)
    count = statistics.median(len(runs) for runs in r["move_runs"])
    return (
        f"first map {r['first_map_s']:.1f} s · RSS {r['rss_first_mb']:.0f} MB after the first page, "
        f"{r['rss_moves_mb']:.0f} MB after {len(t)} moves · move median {statistics.median(t):.2f} s "
        f"(max {t[-1]:.2f}), from the browser's rerun request {statistics.median(served):.2f} s · "
        f"server CPU per move median {statistics.median(c):.2f} s · the move's rerun on the server "
        f"median {statistics.median(first):.2f} s (max {first[-1]:.2f}), {count:g} rerun(s) a move · "
        f"sent median {statistics.median(b) / 1e6:.3f} MB (max {b[-1] / 1e6:.3f})"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="10k,100k")
    ap.add_argument("--moves", type=int, default=20)
    ap.add_argument("--build-only", action="store_true")
    ap.add_argument("--no-baseline", action="store_true")
    ap.add_argument("--baseline", default=BASELINE_COMMIT, help="the commit to compare with")
    ap.add_argument("--working-tree", action="store_true", help="measure the working files, not HEAD")
    args = ap.parse_args()
    stores = {}
    for size in args.sizes.split(","):
        stores[size] = build_store(size)
        print(size, stores[size], flush=True)
    if args.build_only:
        return
    new = ROOT if args.working_tree else head_tree()
    old = {} if args.no_baseline else {f"old ({args.baseline[:7]})": baseline_tree(args.baseline)}
    codes = {"new": new} | old
    results = {}
    for size, db in stores.items():
        for name, code in codes.items():
            print(f"measuring {size} · {name} …", flush=True)
            results[(size, name)] = r = measure(code, db, args.moves, f"{size}-{name.split()[0]}")
            print(f"  {summary(r)}", flush=True)
            print(f"  raw: {json.dumps(r)}", flush=True)
    print("\nBars (issue 10 §1): RSS ≤ 500 MB; move ≤ 1 s at 100k, ≤ 0.3 s at 10k; ≤ 1 MB per move (week).")
    for (size, name), r in results.items():
        print(f"{size:>5} {name:<16} {summary(r)}")


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    main()
