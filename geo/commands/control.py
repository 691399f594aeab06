"""`python -m geo control --date D PATH...`: who holds each place on that day, as JSON Lines.

One line per place with evidence by that day: its controller (English key and Arabic label), since
when, when last confirmed, the confidence (0–1), whether it is contested, whether the evidence is
stale (older than geo.territory.STALE_DAYS, or only inferred), how the state was known (event: taken;
statement: a holding told as current; retold: a past taking retold; prior: the loser of a later fall, or
the holder the first reports tell, before them; first_report: the holder one first report tells, before it;
contained: its city's; area: inferred from the places around it) and the ids of the events behind it."""

from __future__ import annotations

import json
import sys

from geo.commands.common import InputReport, add_inputs, add_unfiltered, iso_date
from geo.commands.events import analysed_events


def add_parser(sub) -> None:
    p = sub.add_parser("control", help="controller of each place as of a day, as JSON Lines")
    p.add_argument("--date", type=iso_date, required=True, metavar="YYYY-MM-DD", help="the day to report")
    add_inputs(p)
    add_unfiltered(p)
    p.set_defaults(func=run)


def control_record(c, day=None) -> dict:
    from geo.model import ACTORS
    from geo.territory import is_stale

    p = c.place
    return {
        "place_id": p.place_id,
        "name_ar": p.name_ar,
        "name_en": p.name_en,
        "lat": p.lat,
        "lon": p.lon,
        "controller": c.controller,
        "controller_ar": ACTORS.get(c.controller, c.controller),
        "since": c.since.isoformat(),
        "last_confirmed": (c.last_confirmed or c.since).isoformat(),
        "confidence": c.confidence,
        "contested": c.contested,
        "stale": is_stale(c, day) if day else False,
        "kind": c.kind,
        "event_id": c.event_id,
        "evidence": list(c.evidence),
    }


def run(args) -> int:
    from geo.territory import control_as_of

    report = InputReport()
    events = list(analysed_events(report, args.paths, args.published, unfiltered=args.unfiltered))
    for c in control_as_of(events, args.date):
        sys.stdout.write(json.dumps(control_record(c, args.date), ensure_ascii=False) + "\n")
    sys.stdout.flush()
    return report.exit_code()
