"""`python -m geo control --date D PATH...`: who holds each place on that day, as JSON Lines."""

from __future__ import annotations

import json
import sys

from geo.commands.common import InputReport, add_inputs, iso_date
from geo.commands.events import analysed_events


def add_parser(sub) -> None:
    p = sub.add_parser("control", help="controller of each place as of a day, as JSON Lines")
    p.add_argument("--date", type=iso_date, required=True, metavar="YYYY-MM-DD", help="the day to report")
    add_inputs(p)
    p.set_defaults(func=run)


def control_record(c) -> dict:
    p = c.place
    return {
        "place_id": p.place_id,
        "name_ar": p.name_ar,
        "name_en": p.name_en,
        "lat": p.lat,
        "lon": p.lon,
        "controller": c.controller,
        "since": c.since.isoformat(),
        "event_id": c.event_id,
    }


def run(args) -> int:
    from geo.territory import control_as_of

    report = InputReport()
    events = list(analysed_events(report, args.paths, args.published))
    for c in control_as_of(events, args.date):
        sys.stdout.write(json.dumps(control_record(c), ensure_ascii=False) + "\n")
    sys.stdout.flush()
    return report.exit_code()
