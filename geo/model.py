"""Records that pass between the stages of the flow.

text → Mention → Located → Event → Control, each stage reading the records of the one
before it and never importing anything downstream. All are frozen so that a stage
cannot quietly change what an earlier one decided.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from geo import eventtypes

# Place kinds used across the gazetteer, the resolver and the map legend.
PLACE_KINDS = (
    "country",
    "governorate",
    "district",
    "subdistrict",
    "city",
    "town",
    "village",
    "neighbourhood",
    "base",
    "oil_field",
    "dam",
    "well",
    "mountains",
    "river",
    "lake",
    "region",
    "border_crossing",
    "airport",
    "archaeological_site",
    "landmark",
)

# Canonical actors: the keys every stage agrees on (the Arabic press names for them live
# in geo/actors.py). English key first, Arabic label second.
ACTORS = {
    "Syrian government": "النظام السوري",
    "SDF": "قوات سوريا الديمقراطية",
    "Islamic State": "تنظيم الدولة (داعش)",
    "US-led coalition": "التحالف الدولي",
    "United States": "الولايات المتحدة",
    "Russia": "روسيا",
    "Turkey": "تركيا",
    "Turkey-backed opposition": "فصائل المعارضة المدعومة من تركيا",
    "Iran": "إيران",
    "Syrian opposition": "فصائل المعارضة",
    "Hayat Tahrir al-Sham": "هيئة تحرير الشام",
    "Hezbollah": "حزب الله",
    "Israel": "إسرائيل",
    "United Nations": "الأمم المتحدة",
}

# (event_type, sub_event_type) pairs, following ACLED where it has a category; labels and colours beside
# them. One registry for extraction, exports, map and legend: geo/rules/event_types.jsonl (geo/eventtypes.py).
# control_statement: «معقل داعش», «تحت سيطرة التنظيم»: who holds a place, said rather than done (territory).
EVENT_TYPES = eventtypes.acled_pairs()

# happened, planned, postponed, failed (repelled), claimed, denied: geo/rules/event_statuses.jsonl.
STATUSES = tuple(s.key for s in eventtypes.statuses())

EXPORT_COLUMNS = (
    "event_id",
    "event_date",
    "time_precision",
    "event_type",
    "sub_event_type",
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
    "article_id",
    "published",
    "source",
    "quote",
    "place_id",
    "confidence",
)


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer row. `geo_precision` 2 marks a point borrowed from an enclosing place."""

    place_id: str  # "<source>:<source_id>", e.g. "wof:101751765", "gn:170063", "ocha:SY02", "ovl:division-17"
    name_ar: str
    name_en: str
    kind: str  # one of PLACE_KINDS
    lat: float
    lon: float
    admin1: str = ""  # OCHA governorate P-code (SY01..SY14), "" outside Syria
    admin1_en: str = ""
    country: str = "SY"  # ISO 3166 alpha-2
    population: int = 0
    geo_precision: int = 1
    source: str = ""  # "wof", "geonames", "opensyria", "ocha", "overlay_cited", "overlay_project"
    source_id: str = ""
    names_ar: tuple[str, ...] = ()  # every Arabic spelling, preferred first
    names_en: tuple[str, ...] = ()
    parent_id: str = ""  # the enclosing place whose point a geo_precision-2 row borrows


@dataclass(frozen=True, slots=True)
class Article:
    """An article as read: `text` is exactly what offsets refer to."""

    article_id: str
    text: str
    published: date | None = None
    source: str = ""
    title: str = ""
    url: str = ""


@dataclass(frozen=True, slots=True)
class Mention:
    """A span that may name a place, with every gazetteer row it could name."""

    article_id: str
    start: int
    end: int
    surface: str  # text[start:end], clitics included
    key: str  # the normalised name that matched
    candidates: tuple[str, ...]  # place_ids
    trigger: str = ""  # context word before it: ريف، حي، مدينة، محافظة، حقل …
    context_admin1: str = ""  # governorate P-code stated around it («بريف حمص»), if any


@dataclass(frozen=True, slots=True)
class Located:
    """A mention resolved to one place (or to none, with the reason kept for review)."""

    mention: Mention
    place: Place | None
    confidence: float
    geo_precision: int = 1
    reason: str = ""


@dataclass(frozen=True, slots=True)
class TimeSpan:
    """A temporal expression resolved against the publication date."""

    start: int
    end: int
    surface: str
    first: date
    last: date
    precision: int  # 1 day, 2 week or stated range, 3 month
    note: str = ""  # e.g. a weekday that disagrees with the date


class FrozenDict(dict):
    """A dict that cannot change after it is made: Event.extra. Reads, equality and json.dumps as a dict."""

    __slots__ = ()

    def _frozen(self, *args, **kwargs):
        raise TypeError("Event.extra is frozen; build the Event with the values it needs")

    __setitem__ = __delitem__ = clear = pop = popitem = setdefault = update = __ior__ = _frozen

    def __hash__(self) -> int:
        return hash(tuple(sorted(self.items(), key=repr)))


@dataclass(frozen=True, slots=True)
class Event:
    event_id: str
    article_id: str
    event_type: str
    sub_event_type: str
    status: str  # one of STATUSES
    event_date: date | None
    time_precision: int
    actor1: str
    actor2: str
    place: Place | None
    geo_precision: int
    quote: str  # the sentence, as in the text
    quote_start: int  # offset of the sentence in the article
    place_start: int = -1  # offsets of the place mention in the article (for highlighting)
    place_end: int = -1
    published: date | None = None
    source: str = ""
    confidence: float = 0.5
    date_last: date | None = None
    extra: Mapping = field(default_factory=lambda: FrozenDict(), compare=False, hash=False)
    fatalities: int = 0  # ACLED's conservative count: the lowest figure the text gives (geo/events.py)

    def __post_init__(self) -> None:
        if not isinstance(self.extra, FrozenDict):  # a dict from a caller or the store: frozen here
            object.__setattr__(self, "extra", FrozenDict(self.extra or {}))


@dataclass(frozen=True, slots=True)
class Control:
    """A state of one place: who holds it from `since`, on what evidence, how surely, as of a day."""

    place: Place
    controller: str  # key of ACTORS
    since: date
    event_id: str  # the latest piece of evidence
    kind: str = "event"  # "event" (taken), "statement" («تحت سيطرة»), "retold" (a past taking), "contained"
    last_confirmed: date | None = None  # day of the latest evidence for this holder
    confidence: float = 0.5  # 0–1, from the evidence (lower when contested or old)
    evidence: tuple[str, ...] = ()  # event ids, oldest first
    contested: bool = False  # recent conflicting evidence


@dataclass(frozen=True, slots=True)
class Report:
    """One event mention behind an incident: which article told it, in which sentence, dated how."""

    event_id: str
    article_id: str
    quote: str
    quote_start: int
    event_date: date | None
    date_basis: str = ""  # clause/sentence/previous_sentence/report (see geo/events.py)
    published: date | None = None
    source: str = ""  # the outlet
    url: str = ""  # the article's address, when known
    event_type: str = ""  # the mention's own type key (an incident may join takings and withdrawals)
    place_id: str = ""
    place_start: int = -1
    place_end: int = -1
    date_last: date | None = None
    fatalities: int = 0


@dataclass(frozen=True, slots=True)
class Incident:
    """One happening (geo/incidents.py), with every report of it; the ACLED row of the exports."""

    incident_id: str  # "inc-" + the event_id of its earliest report (by published, then event_id)
    event_type: str
    sub_event_type: str
    family: str  # a family of geo/rules/incident_families.jsonl
    event_date: date | None
    date_last: date | None
    time_precision: int
    place: Place | None
    geo_precision: int
    actor1: str
    actor2: str
    fatalities: int
    status: str
    reports: tuple[Report, ...]
