"""Does the cost of one article grow with its length, and no faster? (issue 12 §6)

Articles of about 0.1, 1 and 5 MB (UTF-8; the reader's limit is 5 MB) are built by repeating real
corpus paragraphs in corpus order, each paragraph once before any repeats, and go through the whole
per-article analysis (geo.pipeline.analyse) in this one process. Printed: CPU seconds per MB for each
(process time, so other work on a shared machine disturbs it less than wall time would), and
the growth of seconds per MB per doubling of the length, (s/MB at L2 ÷ s/MB at L1) ** (1 / log2(L2/L1)),
against the smallest size (the baseline) and against the size before: 1.0 is linear; the bar is 1.5.

Usage: python bench/text_scaling.py [--sizes 0.1,1,5] [--repeat 2] [--profile]
  --profile: cProfile of the largest size, top entries by own time (where the time goes).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import math
import pstats
import time

from _corpus import load_corpus

BAR_PER_DOUBLING = 1.5  # issue 12: cost per MB may grow at most 1.5× each time the text doubles


def build_text(paragraphs: list[str], megabytes: float) -> str:
    """Corpus paragraphs, in order and repeated as needed, up to `megabytes` of UTF-8."""
    target = int(megabytes * 1e6)
    out, size, i = [], 0, 0
    while size < target:
        p = paragraphs[i % len(paragraphs)]
        out.append(p)
        size += len(p.encode("utf-8")) + 1
        i += 1
    return "\n".join(out)


def paragraphs_of_corpus() -> list[str]:
    return [p.strip() for a in load_corpus() for p in a.text.split("\n") if len(p.strip()) > 40]


def time_one(text: str, gaz, published) -> tuple[float, int]:
    from geo.model import Article
    from geo.pipeline import analyse

    t0 = time.process_time()  # CPU seconds of this process: the machine is shared, wall time is noisy
    result = analyse(Article("scaling", text, published, "bench"), gaz)
    return time.process_time() - t0, len(result.events)


def _growth(small: tuple, large: tuple) -> str:
    """Growth of seconds per MB per doubling of the length, from `small` to `large` (1.00× is linear)."""
    (mb1, s1, *_), (mb2, s2, *_) = small, large
    return f"{((s2 / mb2) / (s1 / mb1)) ** (1 / math.log2(mb2 / mb1)):.2f}×"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="0.1,1,5", help="megabytes, comma-separated, smallest first")
    ap.add_argument("--repeat", type=int, default=2, help="best of N runs per size (the machine is shared)")
    ap.add_argument("--profile", action="store_true", help="cProfile the largest size")
    args = ap.parse_args()
    sizes = [float(s) for s in args.sizes.split(",")]

    from datetime import date

    from geo import gazetteer

    gaz = gazetteer.load()
    paras = paragraphs_of_corpus()
    time_one(paras[0], gaz, date(2017, 6, 15))  # warm-up: matcher, lexicons, caches
    rows = []
    for mb in sizes:
        text = build_text(paras, mb)
        real_mb = len(text.encode("utf-8")) / 1e6
        runs = [time_one(text, gaz, date(2017, 6, 15)) for _ in range(max(1, args.repeat))]
        seconds, events = min(runs)
        rows.append((real_mb, seconds, events, len(text)))
    print(
        f"{'MB':>6} {'chars':>10} {'CPU s':>9} {'s/MB':>8} {'events':>7} {'vs first':>9} {'vs previous':>12}"
    )
    worst = 1.0
    for i, (real_mb, seconds, events, chars) in enumerate(rows):
        cells = ["baseline", ""] if i == 0 else [_growth(rows[0], rows[i]), _growth(rows[i - 1], rows[i])]
        if i:
            worst = max(worst, *(float(c.rstrip("×")) for c in cells))
        print(
            f"{real_mb:6.2f} {chars:10,} {seconds:9.2f} {seconds / real_mb:8.2f} {events:7,} {cells[0]:>9} {cells[1]:>12}"
        )
    verdict = "meets" if worst <= BAR_PER_DOUBLING else "FAILS"
    print(
        f"worst growth of s/MB per doubling (either column): {worst:.2f}× ({verdict} the bar of {BAR_PER_DOUBLING}×)"
    )
    if args.profile:
        profile_largest(paras, sizes[-1], gaz)


def profile_largest(paras: list[str], mb: float, gaz) -> None:
    from datetime import date

    text = build_text(paras, mb)
    prof = cProfile.Profile()
    prof.enable()
    time_one(text, gaz, date(2017, 6, 15))
    prof.disable()
    out = io.StringIO()
    pstats.Stats(prof, stream=out).sort_stats("tottime").print_stats(15)
    print(f"\ncProfile of the {mb} MB article, by own time:")
    print("\n".join(line for line in out.getvalue().splitlines() if line.strip())[:6000])


if __name__ == "__main__":
    main()
