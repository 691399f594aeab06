"""`python -m geo events PATH...`: the events of the articles, as CSV, GeoJSON or JSON Lines."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator

from geo.commands.common import InputReport, add_inputs, load_gazetteer_or_exit
from geo.model import Event


def add_parser(sub) -> None:
    p = sub.add_parser("events", help="dated, geocoded events in the export schema")
    add_inputs(p)
    p.add_argument(
        "--format",
        choices=("csv", "geojson", "jsonl"),
        default="csv",
        help="csv (UTF-8 with BOM, default), geojson (FeatureCollection), jsonl (one export row per line)",
    )
    p.set_defaults(func=run)


def analysed_events(report: InputReport, paths, published=None) -> Iterator[Event]:
    """Events of every readable article; an article whose analysis fails is reported and skipped."""
    from geo.pipeline import analyse

    gaz = load_gazetteer_or_exit()
    for article in report.articles(paths, published):
        try:
            yield from analyse(article, gaz).events
        except Exception as exc:  # one bad article must not stop the others
            report.failed += 1
            print(
                f"error: {article.article_id}: analysis failed: {type(exc).__name__}: {exc}", file=sys.stderr
            )


def run(args) -> int:
    from geo import export

    report = InputReport()
    events = list(analysed_events(report, args.paths, args.published))
    if args.format == "csv":
        sys.stdout.flush()
        export.write_csv(events, sys.stdout.buffer)
        sys.stdout.buffer.flush()
    elif args.format == "geojson":
        sys.stdout.write(json.dumps(export.to_geojson(events), ensure_ascii=False) + "\n")
    else:
        for row in export.event_rows(events):
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
    sys.stdout.flush()
    return report.exit_code()
