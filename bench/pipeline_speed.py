"""Whole pipeline (mentions → places → dates → events) against the geoparser alone, same run.

Usage: python bench/pipeline_speed.py [--repeat K]
"""

from __future__ import annotations

import argparse
import time

from _corpus import load_corpus


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args()

    from geo import gazetteer
    from geo.pipeline import analyse, geoparse

    gaz = gazetteer.load()
    arts = load_corpus()
    analyse(arts[0], gaz)  # warm-up: matcher, lexicons
    mb = sum(len(a.text.encode("utf-8")) for a in arts) / 1e6

    def best_of(fn):
        best = float("inf")
        out = 0
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            out = fn()
            best = min(best, time.perf_counter() - t0)
        return best, out

    t_geo, n_loc = best_of(lambda: sum(len(geoparse(a, gaz)) for a in arts))
    t_all, n_ev = best_of(lambda: sum(len(analyse(a, gaz).events) for a in arts))
    print(f"corpus: {len(arts)} articles, {mb:.2f} MB")
    print(f"geoparser alone: {len(arts) / t_geo:,.0f} articles/s ({n_loc} located mentions)")
    print(f"whole pipeline:  {len(arts) / t_all:,.0f} articles/s ({n_ev} events)")
    print(f"pipeline cost / geoparser cost: {t_all / t_geo:.2f}x")


if __name__ == "__main__":
    main()
