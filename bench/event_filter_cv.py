"""Does the event filter help on text it was not trained on? Cross-validation grouped by draw, and its cost.

For each draw of bench/train_event_filter.DRAWS, the filter is trained on the other draws and applied to
the held-out draw's unfiltered pipeline output; its splits are scored with bench/events_eval's figures
(strict recall, loose recall, loose precision over the annotated types) without and with the filter.
A sweep of thresholds gives the pooled out-of-draw trade; the threshold picked is the highest one whose
pooled strict recall falls by at most MAX_STRICT_COST and loose recall by at most MAX_LOOSE_COST (points),
and the filter is worth enabling only if that raises pooled loose precision by at least MIN_GAIN.

--speed: the CPU cost of the filter (features and scoring) against the whole pipeline, over the articles of
the tuning splits (time.process_time, best of --repeat, both in this process).

Usage: python bench/event_filter_cv.py [--c C ...] [--speed] [--repeat K]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import train_event_filter as tr  # noqa: E402

from geo import eventfilter  # noqa: E402

THRESHOLDS = (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5)
# The trade accepted, in points of pooled out-of-draw recall: the filter is for precision, and a reader
# misses a lost event more than a spurious one is noticed, so at most one point of strict recall.
MAX_STRICT_COST = 1.0
MAX_LOOSE_COST = 1.5
# Below this gain in pooled loose precision (points) the filter is not worth a model in the pipeline.
MIN_GAIN = 2.0


def figures(split: tr.Split, dropped: set[int]) -> tuple[int, int, int, int, int, int]:
    """(strict found, gold, loose found, gold, loose in gold, scored) of a split's events minus `dropped`
    (ids of Row objects), as bench/events_eval.evaluate counts them."""
    import events_eval as ee

    from geo.eval.gold import score

    rows = [r for r in split.rows if id(r) not in dropped]
    events = [r.event for r in rows]
    scored = [r.event for r in rows if r.label is not None]
    strict = score(events, split.gold)["found"]
    loose = sum(any(ee.loose_matches(ev, g) for ev in events) for g in split.gold)
    right = sum(any(ee.loose_matches(ev, g) for g in split.gold) for ev in scored)
    n = len(split.gold)
    return strict, n, loose, n, right, len(scored)


def out_of_draw(
    splits: list[tr.Split], c: float
) -> dict[str, list[tuple[tr.Split, list[tuple[tr.Row, float]]]]]:
    """Per draw: its splits, each with the probability every droppable row gets from a model trained
    on the other draws."""
    by_name = {s.name: s for s in splits}
    out = {}
    for draw, names in tr.DRAWS.items():
        train = [r for s in splits if s.name not in names for r in s.rows]
        model = tr.model_of(tr.fit(train, c), threshold=0.0, enabled=True)
        out[draw] = [(by_name[n], _scored(by_name[n], model)) for n in names]
    return out


def _scored(split: tr.Split, model) -> list[tuple[tr.Row, float]]:
    return [
        (r, model.probability(r.features))
        for r in split.rows
        if r.event.extra.get("type_key", "") not in eventfilter.NEVER_DROPPED
    ]


def _sum(rows):
    return tuple(map(sum, zip(*rows, strict=True)))


def draw_figures(parts, threshold: float) -> tuple[tuple, tuple]:
    """(without, with) pooled over a draw's splits."""
    without, with_ = [], []
    for split, probs in parts:
        without.append(figures(split, set()))
        with_.append(figures(split, {id(r) for r, p in probs if p < threshold}))
    return _sum(without), _sum(with_)


def _pts(f) -> tuple[float, float, float]:
    s, n, lo, n2, right, scored = f
    return 100 * s / n, 100 * lo / n2, 100 * right / scored if scored else 0.0


def _line(label: str, f) -> str:
    s, n, lo, _, right, scored = f
    sr, lr, lp = _pts(f)
    return f"{label:10s} strict R {s:3d}/{n:3d} {sr:5.1f}  loose R {lo:3d}/{n:3d} {lr:5.1f}  loose P {right:3d}/{scored:3d} {lp:5.1f}"


def sweep(cv) -> list[tuple[float, tuple, tuple]]:
    out = []
    for t in THRESHOLDS:
        per = [draw_figures(parts, t) for parts in cv.values()]
        out.append((t, _sum([w for w, _ in per]), _sum([f for _, f in per])))
    return out


def choose(rows) -> float | None:
    """The highest threshold within the recall costs that gains at least MIN_GAIN points of precision."""
    best = None
    for t, without, with_ in rows:
        (s0, l0, p0), (s1, l1, p1) = _pts(without), _pts(with_)
        if s0 - s1 <= MAX_STRICT_COST and l0 - l1 <= MAX_LOOSE_COST and p1 - p0 >= MIN_GAIN:
            best = t
    return best


def report_cv(splits, c: float) -> float | None:
    cv = out_of_draw(splits, c)
    rows = sweep(cv)
    print(f"== C={c}: pooled out-of-draw figures by threshold (drop when P < threshold)")
    print(_line("without", rows[0][1]))
    for t, _, with_ in rows:
        print(_line(f"t={t}", with_))
    chosen = choose(rows)
    print(f"   chosen threshold: {chosen}")
    if chosen is not None:
        print(f"   per draw, without / with the filter at t={chosen} (model trained on the other draws):")
        for draw, parts in cv.items():
            without, with_ = draw_figures(parts, chosen)
            print("   " + _line(draw, without) + "\n   " + _line("  +filter", with_))
    return chosen


def speed(repeat: int) -> None:
    """CPU seconds of the pipeline with the filter on and off, and of the filter alone, same process."""
    import events_eval as ee

    from geo import gazetteer as gz
    from geo.doc import Doc
    from geo.pipeline import analyse, analyse_many

    gaz = gz.load()
    arts = [a for name in tr.TUNING for a in ee.load_split(name)[0]]
    analyse(arts[0], gaz)  # the matchers built before any clock runs

    def run_off():
        with eventfilter.off():
            return [analyse(a, gaz) for a in arts]

    def run_on():
        return [analyse(a, gaz) for a in arts]

    def batched_off():
        with eventfilter.off():
            return list(analyse_many(arts, gaz))

    def batched_on():
        return list(analyse_many(arts, gaz))

    results = run_off()
    docs = [Doc.of(a) for a in arts]

    def filter_only():
        model = eventfilter.load()
        for res, doc in zip(results, docs, strict=True):
            for feats in eventfilter.article_features(res.events, doc, res.located):
                model.probability(feats)

    times = {run_off: [], run_on: [], batched_off: [], batched_on: [], filter_only: []}
    for _ in range(repeat):  # alternated, so that a busy spell of the machine falls on both sides
        for fn, got in times.items():
            got.append(_cpu(fn))
    t_off, t_on, b_off, b_on, t_f = (min(got) for got in times.values())
    n = len(arts)
    print(f"== speed over {n} tuning articles, CPU s best of {repeat}")
    print(f"   pipeline, filter off {t_off:.3f} ({1000 * t_off / n:.2f} ms/article)")
    print(f"   pipeline, filter on  {t_on:.3f} ({1000 * t_on / n:.2f} ms/article): ratio {t_on / t_off:.3f}")
    print(f"   analyse_many, filter off {b_off:.3f}, on {b_on:.3f}: ratio {b_on / b_off:.3f}")
    print(
        f"   the filter alone     {t_f:.3f} ({1000 * t_f / n:.3f} ms/article): {100 * t_f / t_off:.1f}% of the pipeline"
    )


def _cpu(fn) -> float:
    c0 = time.process_time()
    fn()
    return time.process_time() - c0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--c", type=float, nargs="*", default=[tr.C])
    ap.add_argument("--speed", action="store_true")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    if args.speed:
        speed(args.repeat)
        return 0
    splits = tr.collect()
    for c in args.c:
        report_cv(splits, c)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
