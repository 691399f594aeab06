"""`python -m geo events PATH...`: the incidents of the articles as CSV or GeoJSON, or their mentions.

CSV and GeoJSON give one row per incident (geo/incidents.py: the mentions that report one happening,
grouped as ACLED codes one event) in geo.export.SCHEMA — ACLED's columns in ACLED's order, then ours
(report count, outlets, article ids); JSON Lines gives every event mention in the same columns
(geo.export.MENTION_COLUMNS) with the `incident_id` it was grouped into. docs/EXPORT.md.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from contextlib import nullcontext
from pathlib import Path

from geo.commands.common import (
    InputReport,
    add_inputs,
    add_unfiltered,
    load_gazetteer_or_exit,
    missing_folder,
    output_file,
)
from geo.model import Event


def add_parser(sub) -> None:
    p = sub.add_parser("events", help="dated, geocoded events in the export schema")
    add_inputs(p)
    p.add_argument(
        "--format",
        choices=("csv", "geojson", "jsonl", "parquet"),
        default="csv",
        help="csv (one incident a row, UTF-8 with BOM, default), geojson (one incident a feature), "
        "jsonl (one event mention a line, with its incident_id)",
    )
    p.add_argument(
        "--out",
        type=output_file,
        metavar="FILE",
        help="write to FILE instead of the standard output (needed for --format parquet, geo/columnar.py); "
        "the file appears only once whole",
    )
    add_unfiltered(p)
    p.set_defaults(func=run)


def analysed_events(
    report: InputReport, paths, published=None, urls: dict | None = None, unfiltered: bool = False
) -> Iterator[Event]:
    """Events of every readable article; an article whose analysis fails is reported and skipped.

    `urls`, if given, is filled with article id → address (for the incidents' reports). The articles go
    through the stages in batches (geo.pipeline.analyse_many: the same events, less CPU time). The events
    the learned filter leaves out are counted in one line at the end; `unfiltered` keeps them.
    """
    from geo import eventfilter
    from geo.pipeline import analyse_many

    gaz = load_gazetteer_or_exit()
    with eventfilter.off() if unfiltered else nullcontext():
        yield from _events_of(
            analyse_many(_noting_urls(report.articles(paths, published), urls), gaz), report
        )
    report.note_dropped()


def _events_of(results, report: InputReport) -> Iterator[Event]:
    for article, result in results:
        if isinstance(result, Exception):  # one bad article must not stop the others
            report.failed += 1
            print(
                f"error: {article.article_id}: analysis failed: {type(result).__name__}: {result}",
                file=sys.stderr,
            )
            continue
        report.dropped += len(result.dropped)
        yield from result.events


def _noting_urls(articles, urls: dict | None):
    for article in articles:
        if urls is not None and article.url:
            urls[article.article_id] = article.url
        yield article


def run(args) -> int:
    from geo import export
    from geo.incidents import group_incidents

    if args.out is not None and (problem := missing_folder(args.out)):
        print(f"error: {problem}", file=sys.stderr)
        return 1  # as snapshot: an output that cannot be written
    report, urls = InputReport(), {}
    if args.format == "parquet":  # analysis results an ingest can take in (geo/columnar.py)
        from geo.columnar import write_command

        return write_command(report, args)
    events = list(analysed_events(report, args.paths, args.published, urls, args.unfiltered))
    incidents = group_incidents(events, urls=urls)
    stamp = export.export_time()  # one timestamp for every row of the file
    if args.out is None:
        sys.stdout.flush()
        _write(args.format, events, incidents, stamp, sys.stdout.buffer)
        sys.stdout.buffer.flush()
    elif problem := _write_file(args.out, args.format, events, incidents, stamp):
        print(f"error: {problem}", file=sys.stderr)
        return 1
    else:
        what = f"{len(events)} event mentions" if args.format == "jsonl" else f"{len(incidents)} incidents"
        print(f"{what} written to {args.out}", file=sys.stderr)
    return report.exit_code()


def _write(fmt: str, events, incidents, stamp: int, stream) -> None:
    """The rows of one format into a binary stream: CSV (UTF-8 with BOM), GeoJSON or JSON Lines."""
    from geo import export

    if fmt == "csv":
        export.write_csv(incidents, stream, stamp)
    elif fmt == "geojson":
        stream.write((export.geojson_text(incidents, stamp) + "\n").encode("utf-8"))
    else:
        for row in export.mention_rows(events, incidents, stamp):
            stream.write((json.dumps(row, ensure_ascii=False) + "\n").encode("utf-8"))


def _write_file(out: Path, fmt: str, events, incidents, stamp: int) -> str:
    """Write beside `out` and rename when whole (a reader never sees half a file); the reason it could not
    be written, or ""."""
    part = out.with_name(out.name + ".part")
    try:
        with part.open("wb") as stream:
            _write(fmt, events, incidents, stamp, stream)
        os.replace(part, out)
    except OSError as exc:
        part.unlink(missing_ok=True)
        return f"cannot write {out}: {exc.strerror or exc}"
    return ""
