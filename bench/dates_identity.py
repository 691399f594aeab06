"""Does a change to geo/dates.py keep its output? Dump every span of the corpus once, then compare.

Each corpus article is read twice: against its publication date and against a date SHIFT_DAYS later
(so the relative and year-less rules are exercised against a second calendar position too). Usage:

    python bench/dates_identity.py --dump /tmp/dates_before.jsonl     # with the code before the change
    python bench/dates_identity.py --check /tmp/dates_before.jsonl    # after: prints the differences
"""

from __future__ import annotations

import argparse
import json
import time
from datetime import timedelta

from _corpus import load_corpus

# Far enough from the publication date to move a bare month across a year boundary for a third of the
# articles, and not a multiple of 7, so weekday arithmetic lands on other days.
SHIFT_DAYS = 137


def _rows():
    from geo.dates import find_time_spans

    for art in load_corpus():
        if art.published is None:
            continue
        for shift in (0, SHIFT_DAYS):
            spans = find_time_spans(art.text, art.published + timedelta(days=shift))
            cells = [
                [s.start, s.end, s.surface, str(s.first), str(s.last), s.precision, s.note] for s in spans
            ]
            yield {"id": art.article_id, "shift": shift, "spans": cells}


def main() -> None:
    ap = argparse.ArgumentParser()
    mode = ap.add_mutually_exclusive_group(required=True)
    mode.add_argument("--dump", metavar="FILE")
    mode.add_argument("--check", metavar="FILE")
    args = ap.parse_args()
    t0 = time.process_time()
    rows = list(_rows())
    cpu = time.process_time() - t0
    n_spans = sum(len(r["spans"]) for r in rows)
    if args.dump:
        with open(args.dump, "w", encoding="utf-8") as fh:
            fh.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
        print(f"{len(rows)} readings, {n_spans} spans written to {args.dump} ({cpu:.2f} s CPU)")
        return
    with open(args.check, encoding="utf-8") as fh:
        before = {(r["id"], r["shift"]): r["spans"] for r in map(json.loads, fh)}
    differ = [r for r in rows if before.get((r["id"], r["shift"])) != r["spans"]]
    missing = len(before) - len({(r["id"], r["shift"]) for r in rows} & set(before))
    for r in differ[:10]:
        print(f"{r['id']} +{r['shift']} d: before {before.get((r['id'], r['shift']))}\n   now {r['spans']}")
    print(f"{len(rows)} readings, {n_spans} spans ({cpu:.2f} s CPU): {len(differ)} differ, {missing} missing")
    if differ or missing:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
