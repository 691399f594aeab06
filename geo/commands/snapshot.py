"""`python -m geo snapshot --date YYYY-MM-DD [--window-days N] --out FILE.html [PATH...]`: the map as one file."""

from __future__ import annotations

import sys

from geo.commands.common import (
    InputReport,
    add_inputs,
    add_unfiltered,
    int_in_range,
    iso_date,
    missing_folder,
    output_file,
    store_error_line,
)

# The widest window: a century is wider than any reporting the tool reads, and keeps every date the
# page computes (the window's first day, the slider's last) inside the calendar.
MAX_WINDOW_DAYS = 36_525


def add_parser(sub) -> None:
    p = sub.add_parser("snapshot", help="self-contained HTML map of one day (works offline)")
    p.add_argument("--date", type=iso_date, required=True, metavar="YYYY-MM-DD", help="the day shown")
    p.add_argument(
        "--window-days",
        type=int_in_range(1, MAX_WINDOW_DAYS, "--window-days"),
        default=7,
        metavar="N",
        help=f"events of the N days up to --date (1 to {MAX_WINDOW_DAYS})",
    )
    p.add_argument(
        "--out", type=output_file, required=True, metavar="FILE.html", help="where to write the page"
    )
    p.add_argument("--lang", choices=("ar", "en"), default="ar", help="labels in Arabic (default) or English")
    add_inputs(p, required=False)
    add_unfiltered(p)
    p.set_defaults(func=run)


def _events_from_paths(args) -> tuple[list, int]:
    from geo.commands.events import analysed_events

    report = InputReport()
    events = list(analysed_events(report, args.paths, args.published, unfiltered=args.unfiltered))
    return events, report.exit_code()


def _events_from_store(args) -> list | None:
    """The stored events, or None after a one-line message (no store, a busy one, a damaged one)."""
    import duckdb

    from geo.store import Store, StoreError

    try:
        return Store(read_only=True).events()
    except FileNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
    except (StoreError, duckdb.Error) as exc:
        print(f"error: {store_error_line(exc, args.lang)}", file=sys.stderr)
    return None


def _write(out, page: str) -> str:
    """Write the page; the reason it could not be written, or ""."""
    try:
        out.write_text(page, encoding="utf-8")
    except OSError as exc:
        return f"cannot write {out}: {exc.strerror or exc}"
    return ""


def run(args) -> int:
    from geo import mapview, views

    missing = missing_folder(args.out)
    if missing:  # before any work: nothing is read or analysed for a page that cannot be written
        print(f"error: {missing}", file=sys.stderr)
        return 1
    if args.paths:
        events, code = _events_from_paths(args)
        if code and not events:
            return code
    else:
        events, code = _events_from_store(args), 0
        if events is None:
            return 1
    view = mapview.View(day=args.date, window=str(args.window_days), language=args.lang)
    b = mapview.bundle(events, view, by_date=False)
    first, last, control_last = views.snapshot_span(events, view)  # the slider ends at the last report
    control_days, area_days = mapview.bake_control(events, first, control_last)  # they follow the slider
    page = mapview.snapshot_page(
        b.shown, b.controls, b.areas, mapview.load_outlines(), view,
        control_days=control_days, area_days=area_days, span=(first, last),
    )  # fmt: skip
    why = _write(args.out, page.html)
    if why:
        print(f"error: {why}", file=sys.stderr)
        return 1
    print(f"wrote {args.out} ({len(page.html) / 1e6:.2f} MB): {_counts_line(page, b)}", file=sys.stderr)
    return code


def _counts_line(page, b) -> str:
    """What the page's header counts, in its units: incidents (and the reports behind them), as the
    map draws them (QA 32: the header said incidents and reports, this line said events)."""
    from geo import labels

    incidents = labels.counted(page.incidents, "n_incidents", "en")
    reports = labels.counted(page.reports, "n_reports", "en")
    region = labels.counted(page.region, "n_incidents", "en")
    apart = " · " + labels.t("region_level_n", "en").format(n=region) if page.region else ""
    return (
        f"{incidents} on the time slider ({reports}){apart}, {page.in_window} in the window, "
        f"{len(b.controls)} controlled places"
    )
