"""Exports in one schema (SCHEMA: ACLED's 31 columns in ACLED's order, then ours; docs/EXPORT.md).

CSV and GeoJSON, from the CLI and from every dashboard download, are one row per incident
(geo/incidents.py); JSON Lines (`mention_rows`) is one row per event mention with its incident_id.
Every CSV cell is formula-safe (`safe_cell`). `event_row`/`rows` are the store's and the dashboard
table's per-mention columns (geo.model.EXPORT_COLUMNS), not an export file.
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
from functools import cache, lru_cache
from pathlib import Path

import pycountry

from geo import labels
from geo.eventtypes import read_jsonl
from geo.model import EXPORT_COLUMNS, Event, Place

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
        "location_en": labels.place_name_en(p),
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


def _feature(row: dict) -> dict | None:
    lat, lon = row.get("latitude"), row.get("longitude")
    if not isinstance(lat, numbers.Real) or not isinstance(lon, numbers.Real):
        return None
    if not (math.isfinite(lat) and math.isfinite(lon)):
        return None
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]}, "properties": row}


# ---------------------------------------------------------------------------------- the one schema
# Every export file (the CLI's CSV and GeoJSON, every dashboard download) is one row per incident
# (geo/incidents.py), as ACLED publishes one row per event: ACLED's 31 columns in ACLED's order, then
# ours. The JSON Lines export keeps the event mentions, in the same columns, each with its incident_id.
# docs/EXPORT.md says what each column means, how it is filled and what stays empty.

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
)  # fmt: skip
OWN_COLUMNS = (
    "incident_id", "reports", "article_ids", "event_ids", "outlets", "quote", "status", "confidence",
    "place_id", "name_ar", "name_en", "date_last", "family", "region_level", "first_published",
)  # fmt: skip
SCHEMA = ACLED_COLUMNS + OWN_COLUMNS
# A mention (JSON Lines) is one report: its own event and article id beside the incident it joined.
MENTION_COLUMNS = SCHEMA + ("event_id", "article_id", "published")
LIST_SEPARATOR = "; "  # joins outlets, ids and quotes in a CSV cell (ids and outlet names hold no «;»)
QUOTE_SEPARATOR = " | "  # joins the reports' sentences in `notes` (a sentence may hold «;»)

RULES = Path(__file__).resolve().parent / "rules"
ACTOR_TYPES_FILE = RULES / "export_actor_types.jsonl"
CIVILIAN_CUES_FILE = RULES / "export_civilian_targeting.jsonl"
OUTLET_SCALES_FILE = RULES / "export_outlet_scales.jsonl"
ASSOC_CUES_FILE = RULES / "export_assoc_cues.jsonl"
# An associated actor is named right by its cue («قوات النظام المدعومة بالطيران الروسي»): the side
# backed ends at most this many characters before the cue (a word such as «السوري» between), the
# backer has fewer than this many words between the cue and its name («بمقاتلي الجيش الحر», «من مقاتلين في المعارضة»;
# not «المدعومة من قطر وممثلون عن إيران», where the backer is no actor of ours).
ASSOC_BEFORE_CHARS = 12
ASSOC_AFTER_WORDS = 3
SOURCES = Path(__file__).resolve().parents[1] / "data" / "sources"

# ACLED's disorder type of each event type ("Diplomacy" is ours: talks are no ACLED event).
DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Political violence; Demonstrations",
    "Strategic developments": "Strategic developments",
}
# ACLED's actor categories in its codebook's order (its former codes 1–8): `interaction` names the
# two categories of an event in this order, joined by «-», or one with " only".
INTER_ORDER = (
    "State forces", "Rebel group", "Political militia", "Identity militia", "Rioters", "Protesters",
    "Civilians", "External/Other forces",
)  # fmt: skip
# ACLED's source scales in its codebook's order; an incident told by several scales joins them by «-».
SCALE_ORDER = ("Local", "Subnational", "National", "Regional", "International", "New media", "Other")
# ACLED's region of the Middle East countries above; other countries' regions are left empty.
MIDDLE_EAST = frozenset({"SY", "TR", "IQ", "LB", "JO", "IL", "PS", "IR", "SA", "QA", "AE", "CY", "EG"})
REGION = "Middle East"


@cache
def iso_numeric(country: str) -> int | None:
    """ACLED's `iso`: the ISO 3166-1 numeric code of an alpha-2 code (pycountry's ISO list), None if unknown.
    A table of the countries seen once left Italy and the Netherlands (Florence, The Hague) empty (QA15 12)."""
    found = pycountry.countries.get(alpha_2=country) if country else None
    return int(found.numeric) if found else None


@lru_cache(maxsize=1)
def actor_types() -> dict[str, str]:
    """Actor key → ACLED's category of it (geo/rules/export_actor_types.jsonl)."""
    return {r["actor"]: r["inter"] for r in read_jsonl(ACTOR_TYPES_FILE)}


@lru_cache(maxsize=1)
def civilian_cues() -> tuple[str, ...]:
    from geo.text import normalize

    return tuple(normalize(r["cue"]) for r in read_jsonl(CIVILIAN_CUES_FILE))


@lru_cache(maxsize=1)
def assoc_cues() -> tuple[str, ...]:
    """The cues of a backer (geo/rules/export_assoc_cues.jsonl), longest first (the «بدعم من» of a
    sentence, not its «بدعم»)."""
    cues = (r["cue"] for r in read_jsonl(ASSOC_CUES_FILE) if "cue" in r)
    return tuple(sorted(cues, key=len, reverse=True))


@lru_cache(maxsize=1)
def assoc_object_words() -> frozenset[str]:
    """Words before a side that make it the one acted on («من أيدي المعارضة», «معاقل المعارضة»)."""
    return frozenset(r["object_word"] for r in read_jsonl(ASSOC_CUES_FILE) if "object_word" in r)


def _backed_before(quote: str, hits: list, at: int):
    """The side a cue at `at` backs: the actor named right before it (one word between at most, no
    punctuation), unless a word before that name makes it the side acted on."""
    before = [h for h in hits if 0 <= at - h[1] <= ASSOC_BEFORE_CHARS]
    if not before:
        return None
    start, end, actor = before[-1]
    gap = quote[end:at].split()
    if len(gap) > 1 or any(not w.isalpha() for w in gap) or re.search(r"[^\w\s]", quote[end:at]):
        return None
    words = quote[:start].split()
    return None if words and words[-1] in assoc_object_words() else actor


def _backings(quote: str) -> list[tuple[str, str]]:
    """(backed, backer) actor keys named around each backing cue of a sentence (geo.actors)."""
    from geo.actors import find_actors

    hits = find_actors(quote)
    out, taken = [], set()
    for cue in assoc_cues():
        for m in re.finditer(re.escape(cue), quote):
            if m.start() in taken:
                continue
            taken.update(range(m.start(), m.end()))
            backed = _backed_before(quote, hits, m.start())
            after = [
                h for h in hits if h[0] >= m.end() and len(quote[m.end() : h[0]].split()) < ASSOC_AFTER_WORDS
            ]
            if backed and after and backed != after[0][2]:
                out.append((backed, after[0][2]))
    return out


def assoc_actors(actor1: str, actor2: str, quotes: Iterable[str]) -> tuple[list[str], list[str]]:
    """ACLED's assoc_actor_1 / assoc_actor_2: the actors a sentence names as backing actor1 or actor2
    («فصائل المعارضة المدعومة من تركيا»), neither of the two themselves; in the order first told."""
    assoc: tuple[list[str], list[str]] = ([], [])
    for q in quotes:
        for backed, backer in _backings(q):
            for side, actor in ((0, actor1), (1, actor2)):
                if actor and backed == actor and backer not in (actor1, actor2) and backer not in assoc[side]:
                    assoc[side].append(backer)
    return assoc


@lru_cache(maxsize=1)
def outlet_scales() -> dict[str, str]:
    """Outlet name (English, or any of its other spellings, in _outlet_key form) → ACLED source scale."""
    return {
        _outlet_key(name): r["scale"]
        for r in read_jsonl(OUTLET_SCALES_FILE)
        for name in (r["outlet"], *r.get("names", ()))
    }


def _outlet_key(name: str) -> str:
    """An outlet's name as a user may type it: case, spaces and Arabic spelling variants folded."""
    from geo.text import normalize

    return " ".join(normalize(name).casefold().split())


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    """ISO code → the country's English name (ACLED's `country` is a name): the iso3166 list, and the
    Who's On First rows of Syria's neighbours, which that list leaves out (QA11 N11: "IQ", "TR")."""
    names = {r["iso2"]: r["name_eng"] or r["name"] for r in _read_rows("wof_countries_sy_neighbours.csv")}
    names |= {r["iso2"]: r["name_en"] for r in _read_rows("iso3166_countries_ar.csv") if r.get("name_en")}
    return names | {"SY": "Syria"}


def _read_rows(name: str) -> list[dict]:
    path = SOURCES / name
    if not path.is_file():
        return []
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


_COUNTY_WORD = "منطقة "  # WOF's Arabic county names read «منطقة دوما»; OCHA's district is «دوما»


@lru_cache(maxsize=1)
def _districts() -> tuple[dict[str, str], dict[str, str]]:
    """(OCHA P-code → English name of its district or sub-district, WOF id → its county as OCHA names
    that district: matched by Arabic name within the governorate, else WOF's own English name)."""
    rows = _read_rows("opensyria_admin1_3.csv")
    ocha = {r["ocha_pcode"]: r["name_en"] for r in rows}
    by_ar = {(r["ocha_pcode"][:4], r["name_ar"]): r["name_en"] for r in rows if r["admin_level"] == "2"}
    wof = {}
    for r in _read_rows("wof_sy_places.csv"):
        if r["wof_county_name"]:
            ar = r["wof_county_name_ara"].removeprefix(_COUNTY_WORD).strip()
            wof[r["wof_id"]] = by_ar.get((r["adm1_pcode_pip"], ar), r["wof_county_name"])
    return ocha, wof


def admin2_3(p: Place | None) -> tuple[str, str]:
    """The district and sub-district the gazetteer gives a place: an OCHA district or sub-district row
    has its own P-code (SYxxxx, SYxxxxxx); a Who's On First place its county (WOF's district); else ""."""
    if p is None:
        return "", ""
    ocha, wof = _districts()
    if p.place_id.startswith("ocha:"):
        code = p.place_id[5:]
        sub = ocha.get(code, "") if len(code) == 8 else ""
        return (ocha.get(code[:6], "") if len(code) >= 6 else ""), sub
    if p.place_id.startswith("wof:"):
        return wof.get(p.place_id[4:], ""), ""
    return "", ""


def interaction(inter1: str, inter2: str) -> str:
    """ACLED's interaction: the two categories in the codebook's order joined by «-», one alone with
    " only" ("Rebel group only"), "" when actor1 has no category."""
    if not inter1:
        return ""
    if not inter2:
        return f"{inter1} only"
    rank = {c: i for i, c in enumerate(INTER_ORDER)}
    return "-".join(sorted((inter1, inter2), key=lambda c: rank.get(c, len(rank))))


def targets_civilians(event_type: str, quotes: Iterable[str]) -> bool:
    """ACLED's civilian_targeting: violence whose sentence says civilians were the target."""
    if event_type == "Violence against civilians":
        return True
    if DISORDER.get(event_type) != "Political violence":
        return False
    from geo.text import normalize

    return any(cue in normalize(q) for q in quotes for cue in civilian_cues())


def source_scale(outlets: Iterable[str]) -> str:
    scales = {outlet_scales().get(_outlet_key(o), "") for o in outlets if o} - {""}
    return "-".join(s for s in SCALE_ORDER if s in scales)


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


def _place_cells(p: Place | None) -> dict:
    admin2, admin3 = admin2_3(p)
    country = p.country if p else ""
    return {
        "iso": iso_numeric(country),
        "region": REGION if country in MIDDLE_EAST else "",
        "country": _country_names().get(country, country),
        "admin1": (p.admin1_en or p.admin1) if p else "",
        "admin2": admin2,
        "admin3": admin3,
        "location": (labels.place_name_en(p) or p.name_ar) if p else "",
        "latitude": round(p.lat, 5) if p else None,
        "longitude": round(p.lon, 5) if p else None,
        "place_id": p.place_id if p else "",
        "name_ar": p.name_ar if p else "",
        "name_en": labels.place_name_en(p),
    }


# ACLED's Violence against civilians is done to civilians: its inter2 is theirs when no side is named hit.
CIVILIANS = "Civilians"


def _coded(event_type: str, actor1: str, actor2: str, quotes: list[str]) -> dict:
    inter1, inter2 = actor_types().get(actor1, ""), actor_types().get(actor2, "") if actor2 else ""
    if event_type == "Violence against civilians" and not actor2:
        inter2 = CIVILIANS
    return {
        "disorder_type": DISORDER.get(event_type, ""),
        "inter1": inter1,
        "inter2": inter2,
        "interaction": interaction(inter1, inter2),
        "civilian_targeting": "Civilian targeting" if targets_civilians(event_type, quotes) else "",
    }


def _assoc(actor1: str, actor2: str, quotes: list[str]) -> dict:
    one, two = assoc_actors(actor1, actor2, quotes)
    return {"assoc_actor_1": LIST_SEPARATOR.join(one), "assoc_actor_2": LIST_SEPARATOR.join(two)}


def export_time() -> int:
    """ACLED's timestamp: when the row was written, in Unix seconds."""
    return int(datetime.now(UTC).timestamp())


def incident_row(inc, timestamp: int | None = None) -> dict:
    """An incident in SCHEMA; outlets and ids are lists (in report order), notes joins the quotes.
    `reports` counts the articles that tell it; `event_ids` lists every mention (one article may give two)."""
    from geo.incidents import article_count, region_level

    p, reps = inc.place, inc.reports
    quotes = _unique(r.quote for r in reps)
    outlets = _unique(r.source for r in reps)
    pid = p.place_id if p else ""
    row = {
        "event_id_cnty": inc.incident_id,
        "event_date": _iso(inc.event_date),
        "year": inc.event_date.year if inc.event_date else None,
        "time_precision": inc.time_precision,
        "event_type": inc.event_type,
        "sub_event_type": inc.sub_event_type,
        "actor1": inc.actor1,
        "actor2": inc.actor2,
        **_assoc(inc.actor1, inc.actor2, quotes),
        **_coded(inc.event_type, inc.actor1, inc.actor2, quotes),
        **_place_cells(p),
        "geo_precision": inc.geo_precision,
        "source": LIST_SEPARATOR.join(outlets),
        "source_scale": source_scale(outlets),
        "notes": QUOTE_SEPARATOR.join(quotes),
        "fatalities": int(inc.fatalities or 0),
        "tags": "",
        "timestamp": export_time() if timestamp is None else timestamp,
        "incident_id": inc.incident_id,
        "reports": article_count(inc),
        "article_ids": _unique(r.article_id for r in reps),
        "event_ids": [r.event_id for r in reps],
        "outlets": outlets,
        "quote": reps[0].quote if reps else "",
        "status": inc.status,
        "confidence": round(sum(r.place_id == pid for r in reps) / len(reps), 2) if reps else None,
        "date_last": _iso(inc.date_last),
        "family": inc.family,
        "region_level": region_level(p, inc.geo_precision),
        "first_published": _iso(min((r.published for r in reps if r.published), default=None)),
    }
    return {c: row[c] for c in SCHEMA}


def _incidents(data) -> list:
    """Incidents of `data`: Incident records as they are; Event records grouped (geo/incidents.py)."""
    from geo.incidents import group_incidents

    data = list(data)
    events = [x for x in data if isinstance(x, Event)]
    return [x for x in data if not isinstance(x, (Event, dict))] + (group_incidents(events) if events else [])


def export_rows(data, timestamp: int | None = None) -> list[dict]:
    """SCHEMA rows of Incidents, of Events (grouped into incidents), or of dicts keyed by SCHEMA."""
    data = list(data)
    stamp = export_time() if timestamp is None else timestamp
    out = [{c: _plain(x.get(c)) for c in SCHEMA} for x in data if isinstance(x, dict)]
    return out + [incident_row(i, stamp) for i in _incidents(x for x in data if not isinstance(x, dict))]


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


def write_csv(data, fp, timestamp: int | None = None) -> None:
    """One row per incident in SCHEMA, formula-safe cells, lists joined by LIST_SEPARATOR, UTF-8 with a
    BOM (so Excel reads the Arabic). `fp` is a path, a binary stream or a text stream."""

    def write(out) -> None:
        writer = csv.writer(out, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
        writer.writerow(SCHEMA)
        for row in export_rows(data, timestamp):
            writer.writerow([_csv_cell(row[c]) for c in SCHEMA])

    _with_text_stream(fp, write)


def csv_bytes(data, timestamp: int | None = None) -> bytes:
    """The CSV as bytes, e.g. for a download button."""
    buf = io.BytesIO()
    write_csv(data, buf, timestamp)
    return buf.getvalue()


def to_geojson(data, timestamp: int | None = None) -> dict:
    """FeatureCollection, one Point [lon, lat] per placed incident, SCHEMA properties (ids as arrays)."""
    feats = [f for f in map(_feature, export_rows(data, timestamp)) if f is not None]
    return {"type": "FeatureCollection", "features": feats}


def geojson_text(data, timestamp: int | None = None) -> str:
    return json.dumps(to_geojson(data, timestamp), ensure_ascii=False)


def mention_row(ev: Event, inc, timestamp: int) -> dict:
    """One event mention in MENTION_COLUMNS: ACLED's columns filled from the mention itself, with the
    incident it was grouped into, that incident's report count (its articles), and the mention's own ids."""
    from geo.incidents import article_count, region_level

    quote = [ev.quote] if ev.quote else []
    row = {
        "incident_id": inc.incident_id if inc else "",
        "reports": article_count(inc) if inc else None,
        "family": inc.family if inc else "",
        "event_id_cnty": ev.event_id,
        "event_date": _iso(ev.event_date),
        "year": ev.event_date.year if ev.event_date else None,
        "time_precision": ev.time_precision,
        "event_type": ev.event_type,
        "sub_event_type": ev.sub_event_type,
        "actor1": ev.actor1,
        "actor2": ev.actor2,
        **_assoc(ev.actor1, ev.actor2, quote),
        **_coded(ev.event_type, ev.actor1, ev.actor2, quote),
        **_place_cells(ev.place),
        "geo_precision": ev.geo_precision,
        "source": ev.source,
        "source_scale": source_scale([ev.source]),
        "notes": ev.quote,
        "fatalities": int(ev.fatalities or 0),
        "tags": "",
        "timestamp": timestamp,
        "article_ids": [ev.article_id],
        "event_ids": [ev.event_id],
        "outlets": _unique([ev.source]),
        "quote": ev.quote,
        "status": ev.status,
        "confidence": round(ev.confidence, 2),
        "date_last": _iso(ev.date_last),
        "region_level": region_level(ev.place, ev.geo_precision),
        "first_published": _iso(ev.published),
        "event_id": ev.event_id,
        "article_id": ev.article_id,
        "published": _iso(ev.published),
    }
    return {c: row[c] for c in MENTION_COLUMNS}


def mention_rows(events, incidents, timestamp: int | None = None) -> list[dict]:
    """Event mentions in MENTION_COLUMNS, each with the `incident_id` it was grouped into."""
    stamp = export_time() if timestamp is None else timestamp
    of = {r.event_id: inc for inc in incidents for r in inc.reports}
    return [mention_row(ev, of.get(ev.event_id), stamp) for ev in events]
