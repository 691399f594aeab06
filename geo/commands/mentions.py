"""`python -m geo mentions PATH...`: JSON Lines, one object per place mention."""

from __future__ import annotations

import json
import sys

from geo import labels
from geo.commands.common import InputReport, add_inputs, load_gazetteer_or_exit
from geo.model import Located


def add_parser(sub) -> None:
    p = sub.add_parser("mentions", help="place mentions with coordinates, as JSON Lines")
    add_inputs(p)
    p.set_defaults(func=run)


def mention_record(loc: Located) -> dict:
    m, place = loc.mention, loc.place
    return {
        "article": m.article_id,
        "surface": m.surface,
        "start": m.start,
        "end": m.end,
        "name_ar": place.name_ar if place else None,
        "name_en": labels.place_name_en(place) if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "kind": place.kind if place else None,
        "admin1": place.admin1 if place else None,
        "country": place.country if place else None,
        "place_id": place.place_id if place else None,
        "confidence": round(loc.confidence, 3),
        "geo_precision": loc.geo_precision if place else None,
    }


def run(args) -> int:
    from geo.pipeline import geoparse

    gaz = load_gazetteer_or_exit()
    report = InputReport()
    out = sys.stdout
    for article in report.articles(args.paths, args.published):
        try:
            located = geoparse(article, gaz)
        except Exception as exc:  # one bad article must not stop the others
            report.failed += 1
            print(
                f"error: {article.article_id}: analysis failed: {type(exc).__name__}: {exc}", file=sys.stderr
            )
            continue
        for loc in located:
            out.write(json.dumps(mention_record(loc), ensure_ascii=False) + "\n")
    out.flush()
    return report.exit_code()
