"""`python -m geo snapshot --date YYYY-MM-DD [--window-days N] --out FILE.html [PATH...]`: the map as one file."""

from __future__ import annotations

import sys
from pathlib import Path

from geo.commands.common import InputReport, add_inputs, iso_date, load_gazetteer_or_exit


def add_parser(sub) -> None:
    p = sub.add_parser("snapshot", help="self-contained HTML map of one day (works offline)")
    p.add_argument("--date", type=iso_date, required=True, metavar="YYYY-MM-DD", help="the day shown")
    p.add_argument(
        "--window-days", type=int, default=7, metavar="N", help="events of the N days up to --date"
    )
    p.add_argument("--out", required=True, metavar="FILE.html", help="where to write the page")
    p.add_argument("--lang", choices=("ar", "en"), default="ar", help="labels in Arabic (default) or English")
    add_inputs(p, required=False)
    p.set_defaults(func=run)


def _events_from_paths(args) -> tuple[list, int]:
    from geo.pipeline import analyse

    gaz = load_gazetteer_or_exit()
    report = InputReport()
    events = [ev for art in report.articles(args.paths, args.published) for ev in analyse(art, gaz).events]
    return events, report.exit_code()


def run(args) -> int:
    from geo import mapview

    if args.window_days < 1:
        print("error: --window-days must be at least 1", file=sys.stderr)
        return 2
    if args.paths:
        events, code = _events_from_paths(args)
        if code and not events:
            return code
    else:
        from geo.store import Store

        try:
            events = Store(read_only=True).events()
        except FileNotFoundError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        code = 0
    view = mapview.View(day=args.date, window=str(args.window_days), language=args.lang)
    b = mapview.bundle(events, view, by_date=False)
    page = mapview.snapshot_html(b.shown, b.controls, b.areas, mapview.load_outlines(), view)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")
    in_window = len(mapview.select(b.shown, view))
    print(
        f"wrote {out} ({len(page) / 1e6:.2f} MB): {len(b.shown)} events on the slider, "
        f"{in_window} in the window, {len(b.controls)} controlled places",
        file=sys.stderr,
    )
    return code
