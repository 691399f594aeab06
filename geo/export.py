"""Events in the export schema: CSV a spreadsheet opens safely, and GeoJSON.

One row builder serves every input (Event records, export-row dicts, or a pandas DataFrame of
export rows such as the dashboard's filtered table), so the CSV of a view and of the CLI agree.
`admin1` is the governorate's English name (as ACLED's admin1 is a name), falling back to the
OCHA P-code when the gazetteer has no English name for it.
"""

from __future__ import annotations

import csv
import io
import json
import math
import numbers
import re
import unicodedata
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime
from functools import lru_cache
from pathlib import Path

from geo.model import EXPORT_COLUMNS, Event

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Quote marks a reader (or a spreadsheet's import) may drop before it looks at the first character.
_QUOTES = frozenset("\"'`´‘’‚‛“”„‟«»‹›")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_INT_COLUMNS = ("time_precision", "geo_precision")  # a frame with gaps holds them as floats


def _iso(d) -> str | None:
    return d.isoformat() if d is not None else None


def event_row(ev: Event) -> dict:
    p = ev.place
    return {
        "event_id": ev.event_id,
        "event_date": _iso(ev.event_date),
        "time_precision": ev.time_precision,
        "event_type": ev.event_type,
        "sub_event_type": ev.sub_event_type,
        "status": ev.status,
        "actor1": ev.actor1,
        "actor2": ev.actor2,
        "location": p.name_ar if p else "",
        "location_en": p.name_en if p else "",
        "admin1": (p.admin1_en or p.admin1) if p else "",
        "country": p.country if p else "",
        "latitude": round(p.lat, 5) if p else None,
        "longitude": round(p.lon, 5) if p else None,
        "geo_precision": ev.geo_precision,
        "article_id": ev.article_id,
        "published": _iso(ev.published),
        "source": ev.source,
        "quote": ev.quote,
        "place_id": p.place_id if p else "",
        "confidence": round(ev.confidence, 2),
    }


def event_rows(events: Iterable[Event]) -> list[dict]:
    """Export rows (dicts keyed by EXPORT_COLUMNS, in order) of Event records."""
    return [event_row(ev) for ev in events]


def _plain(value):
    """A frame cell as a plain JSON-able Python value: NaN/NA → None, dates → ISO, numpy → Python."""
    kind = type(value)
    if kind is str or kind is int:
        return value
    if kind is float:
        return None if math.isnan(value) else value
    if value is None or kind.__name__ in ("NAType", "NaTType"):
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item() if getattr(value, "ndim", 0) == 0 else value
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def _frame_records(df) -> list[dict]:
    """Rows of a frame, with date columns as ISO text and gaps as None (vectorised: a frame can be big)."""
    missing = [c for c in EXPORT_COLUMNS if c not in df.columns]
    if missing:
        raise ValueError(f"frame lacks export columns: {', '.join(missing)}")
    sub = df[list(EXPORT_COLUMNS)].copy()
    for c in sub.columns:
        if str(sub[c].dtype).startswith("datetime64"):
            sub[c] = sub[c].dt.strftime("%Y-%m-%d")
    return sub.astype(object).where(sub.notna(), None).to_dict("records")


def rows(data) -> Iterator[dict]:
    """Export rows from Events, from row dicts, or from a DataFrame with the export columns."""
    if hasattr(data, "to_dict") and hasattr(data, "columns"):
        records = ({c: _plain(rec[c]) for c in EXPORT_COLUMNS} for rec in _frame_records(data))
    else:
        records = (
            event_row(x) if isinstance(x, Event) else {c: _plain(x.get(c)) for c in EXPORT_COLUMNS}
            for x in data
        )
    for row in records:
        for c in _INT_COLUMNS:
            if isinstance(row[c], float) and row[c].is_integer():
                row[c] = int(row[c])
        yield row


def formula_lead(text: str) -> str:
    """The first character of `text` a spreadsheet could act on, or "": leading whitespace (NBSP and
    newlines too), invisible format characters (RLM, LRM, ALM, BOM, zero-width), other control
    characters and quote marks are skipped, and compatibility forms are folded by NFKC («＝» → «=»).
    Tab and CR count as formula starts themselves (OWASP's list), so they are returned, not skipped."""
    for ch in text:
        if ch in "\t\r":
            return ch
        for f in unicodedata.normalize("NFKC", ch):
            if f.isspace() or f in _QUOTES or unicodedata.category(f) in ("Cf", "Cc"):
                continue
            return f
    return ""


def safe_cell(value):
    """A cell a spreadsheet will not run: text whose formula_lead is = + - @ tab or CR gets a leading
    apostrophe (the spreadsheet's own mark for "this is text"), whatever blanks, bidi marks or quotes
    stand before it; a lone surrogate becomes U+FFFD. Numbers stay numbers (a negative longitude is a
    number, not a formula); None is empty.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, numbers.Number):
        return value
    text = _LONE_SURROGATE.sub("\ufffd", str(value))  # UTF-8 cannot hold one: the writer would fail
    return "'" + text if formula_lead(text) in _FORMULA_STARTS else text


def _write_rows(data, fp) -> None:
    writer = csv.writer(fp, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(EXPORT_COLUMNS)
    for row in rows(data):
        writer.writerow([safe_cell(row[c]) for c in EXPORT_COLUMNS])


def write_csv(data, fp) -> None:
    """CSV with exactly EXPORT_COLUMNS, UTF-8 with a BOM (so Excel reads the Arabic).

    `fp` is a path, a binary stream, or a text stream (the BOM is then written as U+FEFF).
    """
    if isinstance(fp, (str, Path)):
        with open(fp, "w", encoding="utf-8-sig", newline="") as out:
            _write_rows(data, out)
    elif isinstance(fp, io.TextIOBase) or hasattr(fp, "encoding"):
        fp.write("\ufeff")
        _write_rows(data, fp)
    else:
        text = io.TextIOWrapper(fp, encoding="utf-8-sig", newline="")
        _write_rows(data, text)
        text.flush()
        text.detach()


def csv_bytes(data) -> bytes:
    """The CSV as bytes, e.g. for a download button."""
    buf = io.BytesIO()
    write_csv(data, buf)
    return buf.getvalue()


def write_csv_frame(df, fp) -> None:
    """The dashboard's filtered table as CSV (same writer as the events)."""
    write_csv(df, fp)


def _feature(row: dict) -> dict | None:
    lat, lon = row.get("latitude"), row.get("longitude")
    if not isinstance(lat, numbers.Real) or not isinstance(lon, numbers.Real):
        return None
    if not (math.isfinite(lat) and math.isfinite(lon)):
        return None
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]}, "properties": row}


def to_geojson(data) -> dict:
    """FeatureCollection of Point features [lon, lat]; events without coordinates are left out."""
    feats = [f for f in map(_feature, rows(data)) if f is not None]
    return {"type": "FeatureCollection", "features": feats}


def frame_to_geojson(df) -> dict:
    return to_geojson(df)


def geojson_text(data) -> str:
    return json.dumps(to_geojson(data), ensure_ascii=False)


# ---------------------------------------------------------------------------------- incidents
# One row per incident (geo/incidents.py), as ACLED publishes one row per event: the place, date,
# actors and fatalities the reports best support, how many reports there are, every outlet and the ids
# of the articles and event mentions behind it. The JSON Lines export keeps the mentions instead.

INCIDENT_COLUMNS = (
    "incident_id",
    "event_date",
    "date_last",
    "time_precision",
    "event_type",
    "sub_event_type",
    "family",
    "status",
    "actor1",
    "actor2",
    "location",
    "location_en",
    "admin1",
    "country",
    "latitude",
    "longitude",
    "geo_precision",
    "region_level",
    "fatalities",
    "reports",
    "sources",
    "article_ids",
    "event_ids",
    "first_published",
    "quote",
    "place_id",
)
LIST_SEPARATOR = "; "  # joins sources and ids in a CSV cell (ids and outlet names hold no «;»)


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


def incident_row(inc) -> dict:
    """An incident as a dict keyed by INCIDENT_COLUMNS; sources and ids are lists (in report order)."""
    from geo.incidents import region_level

    p, reps = inc.place, inc.reports
    return {
        "incident_id": inc.incident_id,
        "event_date": _iso(inc.event_date),
        "date_last": _iso(inc.date_last),
        "time_precision": inc.time_precision,
        "event_type": inc.event_type,
        "sub_event_type": inc.sub_event_type,
        "family": inc.family,
        "status": inc.status,
        "actor1": inc.actor1,
        "actor2": inc.actor2,
        "location": p.name_ar if p else "",
        "location_en": p.name_en if p else "",
        "admin1": (p.admin1_en or p.admin1) if p else "",
        "country": p.country if p else "",
        "latitude": round(p.lat, 5) if p else None,
        "longitude": round(p.lon, 5) if p else None,
        "geo_precision": inc.geo_precision,
        "region_level": region_level(p, inc.geo_precision),
        "fatalities": inc.fatalities,
        "reports": len(reps),
        "sources": _unique(r.source for r in reps),
        "article_ids": _unique(r.article_id for r in reps),
        "event_ids": [r.event_id for r in reps],
        "first_published": _iso(min((r.published for r in reps if r.published), default=None)),
        "quote": reps[0].quote if reps else "",
        "place_id": p.place_id if p else "",
    }


def incident_rows(incidents) -> list[dict]:
    return [incident_row(i) for i in incidents]


def _csv_cell(value):
    if isinstance(value, list):
        value = LIST_SEPARATOR.join(map(str, value))
    return safe_cell(value)


def _with_text_stream(fp, write) -> None:
    """Call write(text_stream) on a path, a binary stream or a text stream, UTF-8 with a BOM."""
    if isinstance(fp, (str, Path)):
        with open(fp, "w", encoding="utf-8-sig", newline="") as out:
            write(out)
    elif isinstance(fp, io.TextIOBase) or hasattr(fp, "encoding"):
        fp.write("\ufeff")
        write(fp)
    else:
        text = io.TextIOWrapper(fp, encoding="utf-8-sig", newline="")
        write(text)
        text.flush()
        text.detach()


def write_incidents_csv(incidents, fp) -> None:
    """One row per incident, INCIDENT_COLUMNS, formula-safe cells; lists joined with LIST_SEPARATOR."""

    def write(out) -> None:
        writer = csv.writer(out, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
        writer.writerow(INCIDENT_COLUMNS)
        for row in incident_rows(incidents):
            writer.writerow([_csv_cell(row[c]) for c in INCIDENT_COLUMNS])

    _with_text_stream(fp, write)


def incidents_csv_bytes(incidents) -> bytes:
    buf = io.BytesIO()
    write_incidents_csv(incidents, buf)
    return buf.getvalue()


def incidents_geojson(incidents) -> dict:
    """FeatureCollection, one Point per placed incident; `sources`, `article_ids`, `event_ids` are arrays."""
    feats = [f for f in map(_feature, incident_rows(incidents)) if f is not None]
    return {"type": "FeatureCollection", "features": feats}


def mention_rows(events, incidents) -> list[dict]:
    """Event mentions in the export schema, each with the `incident_id` it was grouped into."""
    from geo.incidents import incident_of

    of = incident_of(incidents)
    return [{**row, "incident_id": of.get(row["event_id"], "")} for row in rows(events)]


# ---------------------------------------------------------------------------------- ACLED's columns
# The CSV the dashboard hands out: ACLED's full column set in ACLED's order, then ours (docs/EXPORT.md
# says what each column means and how it is filled). ACLED's own codebook: acleddata.com.

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
)  # fmt: skip
OWN_COLUMNS = (
    "event_id", "incident_id", "reports", "quote", "status", "confidence", "date_last", "article_id",
    "published", "place_id", "location_ar", "location_en",
)  # fmt: skip
ACLED_EXPORT_COLUMNS = ACLED_COLUMNS + OWN_COLUMNS

# ACLED's disorder type of each event type ("Diplomacy" is ours: talks are no ACLED event).
DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Political violence; Demonstrations",
    "Strategic developments": "Strategic developments",
}
# ACLED's actor category (inter1/inter2) of each actor key of geo.model.ACTORS.
INTER = {
    "Syrian government": "State forces",
    "SDF": "Rebel group",
    "Islamic State": "Rebel group",
    "US-led coalition": "External/Other forces",
    "United States": "External/Other forces",
    "Russia": "External/Other forces",
    "Turkey": "External/Other forces",
    "Turkey-backed opposition": "Rebel group",
    "Iran": "External/Other forces",
    "Syrian opposition": "Rebel group",
    "Hayat Tahrir al-Sham": "Rebel group",
    "Hezbollah": "Political militia",
    "Israel": "External/Other forces",
    "United Nations": "External/Other forces",
}
# ISO 3166 numeric codes, ACLED's `iso`, of the countries the corpus reports events in.
ISO_NUMERIC = {
    "SY": 760, "TR": 792, "IQ": 368, "LB": 422, "JO": 400, "IL": 376, "PS": 275, "IR": 364,
    "RU": 643, "US": 840, "CH": 756, "KZ": 398, "SA": 682, "EG": 818, "FR": 250, "GB": 826,
    "DE": 276, "BE": 56, "AT": 40, "QA": 634, "AE": 784, "CY": 196,
}  # fmt: skip
REGION = "Middle East"


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    path = Path(__file__).resolve().parents[1] / "data" / "sources" / "iso3166_countries_ar.csv"
    if not path.is_file():
        return {"SY": "Syria"}
    with open(path, encoding="utf-8", newline="") as f:
        names = {r["iso2"]: r["name_en"] for r in csv.DictReader(f)}
    return names | {"SY": "Syria"}


def _interaction(inter1: str, inter2: str) -> str:
    """ACLED's interaction: the two categories joined by «-», in the codebook's order; one alone with
    "only" (e.g. "Rebel group only")."""
    if not inter1:
        return ""
    if not inter2:
        return f"{inter1} only"
    order = list(dict.fromkeys(INTER.values()))
    pair = sorted((inter1, inter2), key=lambda c: order.index(c) if c in order else len(order))
    return "-".join(pair)


def _timestamp(day: date | None) -> int | None:
    return int(datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp()) if day else None


def acled_row(ev: Event, incident_id: str = "", reports: int = 1) -> dict:
    """An event mention in ACLED's columns then ours (see docs/EXPORT.md)."""
    p = ev.place
    inter1, inter2 = INTER.get(ev.actor1, ""), INTER.get(ev.actor2, "")
    country = p.country if p else ""
    return {
        "event_id_cnty": ev.event_id,
        "event_date": _iso(ev.event_date),
        "year": ev.event_date.year if ev.event_date else None,
        "time_precision": ev.time_precision,
        "disorder_type": DISORDER.get(ev.event_type, ""),
        "event_type": ev.event_type,
        "sub_event_type": ev.sub_event_type,
        "actor1": ev.actor1,
        "assoc_actor_1": "",
        "inter1": inter1,
        "actor2": ev.actor2,
        "assoc_actor_2": "",
        "inter2": inter2,
        "interaction": _interaction(inter1, inter2),
        "civilian_targeting": "Civilian targeting" if ev.event_type == "Violence against civilians" else "",
        "iso": ISO_NUMERIC.get(country),
        "region": REGION if country in ISO_NUMERIC else "",
        "country": _country_names().get(country, country),
        "admin1": (p.admin1_en or p.admin1) if p else "",
        "admin2": "",
        "admin3": "",
        "location": (p.name_en or p.name_ar) if p else "",
        "latitude": round(p.lat, 5) if p else None,
        "longitude": round(p.lon, 5) if p else None,
        "geo_precision": ev.geo_precision,
        "source": ev.source,
        "source_scale": "",
        "notes": ev.quote,
        "fatalities": int(ev.fatalities or 0),
        "tags": "",
        "timestamp": _timestamp(ev.published),
        "event_id": ev.event_id,
        "incident_id": incident_id,
        "reports": reports,
        "quote": ev.quote,
        "status": ev.status,
        "confidence": round(ev.confidence, 2),
        "date_last": _iso(ev.date_last),
        "article_id": ev.article_id,
        "published": _iso(ev.published),
        "place_id": p.place_id if p else "",
        "location_ar": p.name_ar if p else "",
        "location_en": p.name_en if p else "",
    }


def acled_rows(events: Iterable[Event]) -> list[dict]:
    """ACLED rows of event mentions, each with the incident it was grouped into and its report count."""
    from geo.incidents import group_incidents

    events = list(events)
    of, size = {}, {}
    for inc in group_incidents(events):
        for r in inc.reports:
            of[r.event_id], size[r.event_id] = inc.incident_id, len(inc.reports)
    return [acled_row(ev, of.get(ev.event_id, ""), size.get(ev.event_id, 1)) for ev in events]


def write_acled_csv(events: Iterable[Event], fp) -> None:
    """ACLED_EXPORT_COLUMNS, formula-safe cells, UTF-8 with a BOM."""

    def write(out) -> None:
        writer = csv.writer(out, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
        writer.writerow(ACLED_EXPORT_COLUMNS)
        for row in acled_rows(events):
            writer.writerow([safe_cell(row[c]) for c in ACLED_EXPORT_COLUMNS])

    _with_text_stream(fp, write)


def acled_csv_bytes(events: Iterable[Event]) -> bytes:
    buf = io.BytesIO()
    write_acled_csv(events, buf)
    return buf.getvalue()
