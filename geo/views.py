"""The columnar view core: the stored events as columns, a view's selection vectorised, records only
for what is drawn.

`StoreView.load(store)` reads the events table once (DuckDB → Arrow → pandas, one query, no Python
object per event) and the distinct places once (a Place per place, not per event). What needs the
record-level logic of other stages — the incidents (geo/incidents.py) and the control timeline
(geo/territory.py) — is derived once per store version from the store's own `events()` in a child
process (`isolate=True`), so the tens of thousands of Event objects that takes never live in the
dashboard's server; what comes back is columnar (an incident frame, its members as event rows) plus
the timeline's evidence, which is small.

A view (mapview.View) then selects rows with numpy masks: its day window, types, actors,
governorates, statuses, «talks abroad», and the place query (matched once per distinct place).
`events(rows)` and `incidents(rows)` build Event / Incident records only for the selected rows, so
popups, the table and the exports are built only for what is shown. The records equal those of
the object path (`mapview.select(store.events(), view)`, `group_incidents(store.events())`): the
tests compare them on the seeds and a corpus slice.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
from collections.abc import Iterator, Sequence
from contextlib import suppress
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

from geo.model import EVENT_TYPES, Control, Event, Incident, Place

EPOCH = date(1970, 1, 1)
# The slider keeps to a year before the first report and two months after the last
# (mapview.event_span: background dates such as «في عام 1915» stay out of it).
SPAN_BEFORE_DAYS = 365
SPAN_AFTER_DAYS = 61
# A snapshot's slider reaches this many days before the view's window and after its day (within the
# span above): control is baked for every day of it, and over a 2013–2018 store the whole span took
# two minutes to bake (dashboard QA 15 #5); two months either side: 124 -> 20 CPU s (the Douma week).
SNAPSHOT_REACH_DAYS = 61

# Reads of the store before giving up when an ingest keeps changing it between frame and derivation.
LOAD_ATTEMPTS = 3
# Records built per step when a caller iterates over all of them (bounded memory per step).
ITER_CHUNK = 2000
_TYPE_OF_PAIR = {pair: key for key, pair in EVENT_TYPES.items()}
# The diplomacy "Hide talks abroad" hides when held outside Syria: talks, and the agreements they make
# (QA10 F41 / QA11 B8: agreements at The Hague, Suez and Washington stayed drawn with the box ticked).
ABROAD_DIPLOMACY = ("talks", "agreement")
# Event columns read into the frame: all of the table but the per-event place JSON (places are
# read once per place instead), plus day numbers for vectorised date tests.
# Event columns read into the frame: the record's fields (dates as day numbers, for vectorised
# tests and a quarter of the memory), its place id and extras; not the per-event place JSON (places
# are read once per place) nor the export-only copies of the place's fields.
_DATE_FIELDS = {"event_date": "_day", "published": "_pub", "date_last": "_dlast"}


def _day_sql(expr: str) -> str:
    return f"date_diff('day', DATE '1970-01-01', {expr})::INTEGER"


def _event_sql() -> str:
    from geo.store import _EVENT_FIELDS

    plain = [f'"{f}"' for f in _EVENT_FIELDS if f not in _DATE_FIELDS]
    days = [f"{_day_sql(f)} AS {col}" for f, col in _DATE_FIELDS.items()]
    return (
        f"SELECT {', '.join(plain)}, place_id, {_KEY_SQL} AS place_key, extra_json, {', '.join(days)}, "
        f"{_day_sql('coalesce(date_last, event_date)')} AS _last FROM events "
        "ORDER BY event_date NULLS LAST, article_id, quote_start, event_id"
    )


# A place is read once per way the events write it: one place id may carry the name each report
# wrote («قاعدة الشعيرات الجوية», «مطار الشعيرات»; geo.resolve labels a place with the alias used), so
# the rows point at their place's exact record by a key of its JSON, not by its id.
_KEY_SQL = "left(md5(place_json), 16)"
_PLACE_SQL = f"""
SELECT {_KEY_SQL} AS place_key, any_value(place_json) AS place_json FROM events
WHERE place_id IS NOT NULL AND place_json IS NOT NULL GROUP BY place_key ORDER BY place_key
"""


def place_key(text: str) -> str:
    """_KEY_SQL's key of a place's JSON, computed here (incidents' places)."""
    return hashlib.md5(text.encode("utf-8")).hexdigest()[:16]
_URL_SQL = "SELECT article_id, url FROM articles WHERE url IS NOT NULL AND url <> ''"


def _day(d: date | None) -> int | None:
    return None if d is None else (d - EPOCH).days


def _date(n) -> date | None:
    return None if n is None or pd.isna(n) else EPOCH + timedelta(days=int(n))


def _nullable(v):
    return None if v is None or (not isinstance(v, str) and pd.isna(v)) else v


def _py(v):
    return v.item() if hasattr(v, "item") else v


# ---------------------------------------------------------------------------------- what a map draws

# A window's map shows what is dated within it (QA 9): an incident whose dates span more days than the
# window, and more than DRAWN_SPAN_MIN_DAYS, is dated only to a month or a year («هذا العام» gives the
# whole year), and is not drawn on that window's map: it would sit on every week of its span as if it
# happened that week. It stays in the table and the exports, the map says how many it leaves out, and
# View.include_vague draws them all the same. A date of a few days (the report day or the day before,
# «مطلع الأسبوع») is drawn in any window, a day's too.
DRAWN_SPAN_MIN_DAYS = 7


def span_days(first: date | None, last: date | None) -> int:
    """How many days a date range covers (one for a single day; 0 for no date)."""
    if first is None:
        return 0
    return ((last or first) - first).days + 1


def too_vague(first: date | None, last: date | None, view) -> bool:
    """Whether a record dated first..last is left off the map of `view` (see DRAWN_SPAN_MIN_DAYS)."""
    if getattr(view, "include_vague", False):
        return False
    return span_days(first, last) > max(view.window_days, DRAWN_SPAN_MIN_DAYS)


def drawn_on_map(incidents: Sequence[Incident], view) -> tuple[list[Incident], int]:
    """The incidents `view`'s map draws, and how many of the others it leaves out as too vaguely
    dated for its window (the same rule on the live map, the snapshot and the PNG)."""
    drawn = [i for i in incidents if not too_vague(i.event_date, i.date_last, view)]
    return drawn, len(incidents) - len(drawn)


def snapshot_span(events, view) -> tuple[date, date, date]:
    """(first, last, control's last day) of a snapshot: mapview.baked_span ended at the last report
    (QA 32: a date_last in December must not stretch the slider), and control baked to the slider's
    end (the last day and the window), so every day the slider reaches shows who holds what; both kept
    within SNAPSHOT_REACH_DAYS of the view."""
    from geo import mapview

    first, last = mapview.baked_span(events, view)
    if hasattr(events, "last_report"):
        report = events.last_report()
    else:
        report = max((e.published for e in events if e.published and e.place), default=None)
    last = max(min(last, report or last), view.day)
    reach = timedelta(days=SNAPSHOT_REACH_DAYS)
    first, last = max(first, view.first_day - reach), min(last, view.day + reach)
    return first, last, last + timedelta(days=view.window_days)


# ---------------------------------------------------------------------------------- derivation


@dataclass(frozen=True)
class Derived:
    """What needs whole-store record logic, computed once per store version (see module docstring)."""

    incidents: pd.DataFrame  # one row per incident, in group_incidents' order
    places: tuple[str, ...]  # the incidents' places as JSON, once per record (see _KEY_SQL)
    member_rows: np.ndarray  # the reports' event rows (frame order), incident after incident
    member_ends: np.ndarray  # where each incident's reports end in member_rows
    order: str  # order_key of the frame the rows refer to
    timeline: object  # geo.territory.Timeline (evidence per place; small)


_INCIDENT_FIELDS = (
    "incident_id", "event_type", "sub_event_type", "family", "event_date", "date_last", "time_precision",
    "geo_precision", "actor1", "actor2", "fatalities", "status",
)  # fmt: skip


def derive(path: str) -> Derived:
    """Incidents and the control timeline of the store at `path`: the record logic, run once."""
    from geo import territory
    from geo.incidents import group_incidents
    from geo.store import Store

    with Store(path, read_only=True)._connect() as con:
        frame, places, _urls = _read(con)
    events = events_of(frame, _Places(places), range(len(frame)))
    order, row_of = order_key(frame), {eid: i for i, eid in enumerate(frame["event_id"])}
    del frame
    incidents = group_incidents(events)
    places = {i.place: _place_json(i.place) for i in incidents if i.place}
    rows = [
        {**{f: getattr(i, f) for f in _INCIDENT_FIELDS}, "place_id": i.place.place_id if i.place else None,
         "place_key": place_key(places[i.place]) if i.place else None}
        for i in incidents
    ]  # fmt: skip
    frame = pd.DataFrame(rows, columns=[*_INCIDENT_FIELDS, "place_id", "place_key"])
    rows = np.array([row_of[r.event_id] for i in incidents for r in i.reports], np.int32)
    ends = np.cumsum([len(i.reports) for i in incidents], dtype=np.int64)
    return Derived(frame, tuple(dict.fromkeys(places.values())), rows, ends, order, territory.build_timeline(events))


def order_key(frame: pd.DataFrame) -> str:
    """A digest of the frame's event ids in order: a derivation's rows fit a frame with the same key."""
    return hashlib.sha256("\n".join(frame["event_id"].tolist()).encode("utf-8")).hexdigest()[:32]


def _read(con) -> tuple[pd.DataFrame, list[tuple[str, Place]], dict[str, str]]:
    """The events frame (one query, Arrow → pandas), the distinct places, the articles' addresses."""
    events = con.sql(_event_sql()).to_arrow_table().to_pandas()
    places = [(k, place_from_json(t)) for k, t in con.execute(_PLACE_SQL).fetchall()]
    return events, places, dict(con.execute(_URL_SQL).fetchall())


# What the derivation depends on besides the stored rows: a change to any of these files (the
# grouping and control rules and their code) makes a cached derivation stale.
_DERIVE_SOURCES = (
    "views.py",
    "incidents.py",
    "territory.py",
    "rules/incident_*.jsonl",
    "rules/territory_*.jsonl",
)
_FINGERPRINT_SQL = """
SELECT (SELECT count(*) FROM articles), (SELECT bit_xor(hash(article_id, content_hash, ingested_at)) FROM articles),
       (SELECT count(*) FROM events), (SELECT count(*) FROM aliases),
       (SELECT bit_xor(hash(alias_ar, place_id, created_at)) FROM aliases)
"""


def fingerprint(con) -> str:
    """A key for the store's content and the derivation's code: equal keys, equal derivations."""
    h = hashlib.sha256(repr(con.execute(_FINGERPRINT_SQL).fetchone()).encode())
    here = Path(__file__).resolve().parent
    for pattern in _DERIVE_SOURCES:
        for f in sorted(here.glob(pattern)):
            h.update(f.read_bytes())
    return h.hexdigest()[:32]


def cache_dir() -> Path:
    """$GEO_VIEW_CACHE, else ~/.cache/geo-views: derivations kept across server restarts."""
    return Path(os.environ.get("GEO_VIEW_CACHE") or Path.home() / ".cache" / "geo-views")


def cached_derive(path: str, key: str, isolate: bool = True) -> Derived:
    """The derivation under `key` from the cache, else computed (in a child if `isolate`) and kept."""
    file = cache_dir() / f"{key}.pickle"
    with (
        suppress(OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError),
        file.open("rb") as fp,
    ):
        return pickle.load(fp)  # our own cache file, written below
    derived = derive_isolated(path) if isolate else derive(path)
    with suppress(OSError):
        file.parent.mkdir(parents=True, exist_ok=True)
        tmp = file.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as fp:
            pickle.dump(derived, fp, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(file)
    return derived


def _place_json(p: Place | None) -> str | None:
    if p is None:
        return None
    from dataclasses import asdict

    return json.dumps(asdict(p), ensure_ascii=False)


def derive_isolated(path: str) -> Derived:
    """`derive` in a fresh Python process (`python -m geo.views STORE OUT`): its tens of thousands of
    transient records never count in this process's memory; the result comes back pickled."""
    import subprocess
    import sys
    import tempfile

    root = str(Path(__file__).resolve().parents[1])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")]))}
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "derived.pickle"
        done = subprocess.run(
            [sys.executable, "-m", "geo.views", path, str(out)], env=env, capture_output=True, text=True
        )
        if done.returncode != 0 or not out.exists():
            raise RuntimeError(f"deriving incidents failed: {(done.stderr or '').strip().splitlines()[-1:]}")
        with out.open("rb") as fp:
            return pickle.load(fp)  # written just now by our own child


# ---------------------------------------------------------------------------------- places


class _Places:
    """The distinct place records (one per way a place is written: see _KEY_SQL), by their key, and
    columns a view tests per record."""

    def __init__(self, keyed: Sequence[tuple[str, Place]]) -> None:
        self.keyed = list(keyed)
        self.places = [p for _k, p in self.keyed]
        self.index = {k: i for i, (k, _p) in enumerate(self.keyed)}
        self.abroad = np.array([p.country != "SY" for p in self.places], bool)

    def add(self, key: str, p: Place) -> int:
        i = self.index.get(key)
        if i is None:  # a place of an incident that no event row names (kept consistent anyway)
            self.__init__([*self.keyed, (key, p)])
            i = self.index[key]
        return i

    def ok(self, view, present: np.ndarray) -> np.ndarray:
        """Per place: drawable and passing the view's place filters (governorate, place query).

        The test is mapview's own (_Filters.passes on the place, every other filter off), so the
        columnar path cannot drift from the record path; it runs once per distinct place.
        """
        from dataclasses import replace

        from geo import mapview

        only = replace(view, event_types=(), actors=(), statuses=(), hide_talks_abroad=False)
        f = mapview._Filters(only)
        if hasattr(f, "prepare"):  # a search among the places the rows name (as mapview.select)
            f.prepare([p for p, here in zip(self.places, present, strict=True) if here])
        return np.array([f.passes(p, EPOCH, None, "", (), "", False) for p in self.places], bool)


def place_from_json(text: str) -> Place:
    d = json.loads(text)
    d["names_ar"] = tuple(d.get("names_ar") or ())
    d["names_en"] = tuple(d.get("names_en") or ())
    return Place(**d)


def _pix(place_ids: pd.Series, index: dict[str, int]) -> np.ndarray:
    return place_ids.map(index).fillna(-1).astype(np.int32).to_numpy()


class _Codes:
    """A text column as small integer codes (no Python string per row) and its distinct values."""

    def __init__(self, values: pd.Series) -> None:
        cat = pd.Categorical(values.fillna("").astype(str))
        self.codes = cat.codes.astype(np.int32)
        self.values = list(cat.categories)

    def isin(self, wanted) -> np.ndarray:
        wanted = set(wanted)
        return np.isin(self.codes, [i for i, v in enumerate(self.values) if v in wanted])


def _keys(types: pd.Series, subs: pd.Series) -> _Codes:
    """The map's type key of each (event_type, sub_event_type) pair ("" when it has none), as codes."""
    pairs = _Codes(types.fillna("").astype(str) + "\x1f" + subs.fillna("").astype(str))
    keys = [_TYPE_OF_PAIR.get(tuple(v.split("\x1f", 1)), "") for v in pairs.values]
    out = _Codes(pd.Series(["", *keys]))  # the key of each pair, as codes of their own
    pairs.codes = out.codes[1:][pairs.codes] if keys else pairs.codes
    pairs.values = out.values
    return pairs


class _Rows:
    """Columns a view's filters test, for events or incidents alike."""

    def __init__(self, frame: pd.DataFrame, pix: np.ndarray, day, last) -> None:
        self.pix = pix
        self.has_day = ~pd.isna(day)
        self.day = np.where(self.has_day, day, 0).astype(np.int64)
        self.last = np.where(pd.isna(last), self.day, last).astype(np.int64)
        self.key = _keys(frame["event_type"], frame["sub_event_type"])
        self.actor1, self.actor2 = _Codes(frame["actor1"]), _Codes(frame["actor2"])
        self.status = _Codes(frame["status"])

    def mask(self, view, places: _Places, by_date: bool, undated: bool = False) -> np.ndarray:
        """mapview._Filters.passes, vectorised; `undated`: the placed rows with no date instead (no
        map draws them, whatever its window), passing the other filters."""
        present = np.zeros(len(places.places), bool)
        present[self.pix[self.pix >= 0]] = True
        ok_place = places.ok(view, present)
        m = (self.pix >= 0) & (~self.has_day if undated else self.has_day)
        m[m] = ok_place[self.pix[m]]
        if by_date and not undated:
            m &= (self.day <= _day(view.day)) & (self.last >= _day(view.first_day))
        if view.event_types:
            m &= self.key.isin(view.event_types)
        if view.actors:
            m &= self.actor1.isin(view.actors) | self.actor2.isin(view.actors)
        if view.statuses:
            m &= self.status.isin(view.statuses)
        if view.hide_talks_abroad:
            abroad = np.zeros(len(m), bool)
            abroad[m] = places.abroad[self.pix[m]]
            m &= ~(self.key.isin(ABROAD_DIPLOMACY) & abroad)
        return m


def events_of(frame: pd.DataFrame, places: _Places, rows) -> list[Event]:
    """Event records of some rows of an events frame, each sharing its Place with the others."""
    from geo.store import _EVENT_FIELDS

    rows = np.asarray(rows, dtype=np.int64)
    if not len(rows):
        return []
    part = frame.take(rows)
    cols = {}
    for f in _EVENT_FIELDS:
        if f in _DATE_FIELDS:
            cols[f] = [_date(d) for d in part[_DATE_FIELDS[f]].astype("float64").tolist()]
        else:
            cols[f] = [_nullable(v) for v in part[f].tolist()]
    index, table = places.index, places.places
    pids = [_nullable(v) for v in part["place_key"].tolist()]
    extras = [json.loads(x) if isinstance(x, str) and x else {} for x in part["extra_json"].tolist()]
    out = []
    for k in range(len(rows)):
        fields = {f: cols[f][k] for f in _EVENT_FIELDS}
        pid = pids[k]
        place = table[index[pid]] if pid in index else None
        out.append(Event(**fields, place=place, extra=extras[k]))
    return out


class StaleDerivation(RuntimeError):
    """A derivation read from rows other than the frame's (an ingest landed between the two reads)."""


def _give_back_memory() -> None:
    """Return the heap freed after reading (DuckDB's and Arrow's buffers) to the system (glibc)."""
    import ctypes
    import ctypes.util

    import pyarrow as pa

    with suppress(AttributeError, NotImplementedError):
        pa.default_memory_pool().release_unused()
    with suppress(OSError, AttributeError, TypeError):
        ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim(0)


class IncidentsView:
    """The incidents of a StoreView: iterates as Incident records; mapview.select_incidents takes it as is."""

    def __init__(self, view: StoreView) -> None:
        self.view = view

    def __len__(self) -> int:
        return len(self.view.incident_frame)

    def view_incidents(self, view, by_date: bool = True) -> list[Incident]:
        return self.view.view_incidents(view, by_date)

    def __iter__(self) -> Iterator[Incident]:
        n = len(self)
        for start in range(0, n, ITER_CHUNK):
            yield from self.view.incidents(range(start, min(start + ITER_CHUNK, n)))


class StoreView:
    """The stored events as columns, with the incidents and control timeline derived from them."""

    def __init__(self, events: pd.DataFrame, places: Sequence[Place], urls: dict, derived: Derived) -> None:
        self.frame = events.reset_index(drop=True)
        self.places = _Places(places)
        self.urls = urls
        self._ev = _Rows(self.frame, _pix(self.frame["place_key"], self.places.index), self.frame["_day"],
                         self.frame["_last"])  # fmt: skip
        inc = derived.incidents.reset_index(drop=True)
        for text in derived.places:
            if place_key(text) not in self.places.index:
                self.places.add(place_key(text), place_from_json(text))
        self.incident_frame = inc
        days = [_day(d) if d is not None and not pd.isna(d) else np.nan for d in inc["event_date"]]
        lasts = [_day(d) if d is not None and not pd.isna(d) else np.nan for d in inc["date_last"]]
        self._inc = _Rows(inc, _pix(inc["place_key"], self.places.index), np.array(days, float),
                          np.array(lasts, float))  # fmt: skip
        if derived.order != order_key(self.frame):
            raise StaleDerivation("the derivation was made from other rows (the store changed meanwhile)")
        self.member_rows, self.member_ends = derived.member_rows, derived.member_ends
        self.timeline = derived.timeline

    # ------------------------------------------------------------------ loading

    @classmethod
    def load(cls, store, isolate: bool = True) -> StoreView:
        """Read `store` (a geo.store.Store) columnar; derive incidents/timeline (in a child if `isolate`)."""
        for _attempt in range(LOAD_ATTEMPTS):
            with store._connect() as con:
                events, places, urls = _read(con)
                key = fingerprint(con)
            try:
                view = cls(events, places, urls, cached_derive(str(store.path), key, isolate))
            except StaleDerivation:
                continue
            _give_back_memory()
            return view
        raise StaleDerivation(f"the store changed during each of {LOAD_ATTEMPTS} reads")

    def __len__(self) -> int:
        return len(self.frame)

    def __iter__(self) -> Iterator[Event]:
        """Every stored event as a record, built a chunk at a time (for callers that need them all)."""
        for start in range(0, len(self.frame), ITER_CHUNK):
            yield from self.events(range(start, min(start + ITER_CHUNK, len(self.frame))))

    def all_incidents(self) -> IncidentsView:
        return IncidentsView(self)

    # ------------------------------------------------------------------ events

    def span(self, view=None) -> tuple[date | None, date | None]:
        """The days a slider covers (see mapview.event_span): the same answer, from the columns;
        with a view, over the events passing its filters (not its window)."""
        placed = self._ev.pix >= 0
        if view is not None:
            placed &= self._ev.mask(view, self.places, by_date=False)
        pub = self.frame["_pub"].to_numpy(dtype=float, na_value=np.nan)[placed]
        pub = pub[~np.isnan(pub)]
        days = self._ev.day[placed & self._ev.has_day].astype(float)
        if len(pub):
            lo, hi = pub.min() - SPAN_BEFORE_DAYS, pub.max() + SPAN_AFTER_DAYS
            days = np.concatenate([days[(days >= lo) & (days <= hi)], pub])
        if not len(days):
            return None, None
        return _date(days.min()), _date(days.max())

    def last_report(self) -> date | None:
        """The publication day of the latest placed report."""
        pub = self.frame["_pub"].to_numpy(dtype=float, na_value=np.nan)[self._ev.pix >= 0]
        pub = pub[~np.isnan(pub)]
        return _date(pub.max()) if len(pub) else None

    def days(self, view, first: date, last: date) -> list[date]:
        """Dates of the events passing the view's filters (not its window) within [first, last]."""
        rows = self.select(view, by_date=False)
        d = self._ev.day[rows]
        d = d[(d >= _day(first)) & (d <= _day(last))]
        return [_date(x) for x in d.tolist()]

    def select(self, view, by_date: bool = True) -> np.ndarray:
        """Row numbers of the events the view shows (mapview.select's answer), in store order."""
        return np.flatnonzero(self._ev.mask(view, self.places, by_date))

    def undated(self, view) -> list[Event]:
        """The placed events passing the view's filters that have no date (no publication day and
        none in the text): on no map, listed in the table when the user asks (QA 42)."""
        return self.events(np.flatnonzero(self._ev.mask(view, self.places, False, undated=True)))

    def events(self, rows: Sequence[int] | np.ndarray) -> list[Event]:
        """Event records of these rows (only what is drawn or exported is ever built)."""
        return events_of(self.frame, self.places, rows)

    def select_events(self, view, by_date: bool = True) -> list[Event]:
        return self.events(self.select(view, by_date))

    # ------------------------------------------------------------------ incidents

    def select_incidents(self, view, by_date: bool = True) -> np.ndarray:
        """Row numbers of the incidents the view shows (mapview.select_incidents' answer)."""
        return np.flatnonzero(self._inc.mask(view, self.places, by_date))

    def incidents(self, rows: Sequence[int] | np.ndarray) -> list[Incident]:
        """Incident records of these rows, their reports built from the member events' rows."""
        from geo.incidents import _report, _single

        rows = [int(i) for i in rows]
        members = [
            self.member_rows[(self.member_ends[i - 1] if i else 0) : self.member_ends[i]] for i in rows
        ]
        flat = self.events(np.concatenate(members) if members else [])
        out, at = [], 0
        for r, mine in zip(self.incident_frame.iloc[rows].to_dict("records"), members, strict=True):
            evs, at = flat[at : at + len(mine)], at + len(mine)
            reports = tuple(_report(_single(ev), self.urls) for ev in evs)
            fields = {f: _nullable(r[f]) for f in _INCIDENT_FIELDS}
            fields["actor1"], fields["actor2"] = fields["actor1"] or "", fields["actor2"] or ""
            key = _nullable(r["place_key"])
            place = self.places.places[self.places.index[key]] if key is not None else None
            out.append(Incident(**fields, place=place, reports=reports))
        return out

    def view_incidents(self, view, by_date: bool = True) -> list[Incident]:
        return self.incidents(self.select_incidents(view, by_date))

    # ------------------------------------------------------------------ control

    def controls(self, day: date) -> list[Control]:
        """Who holds each place on `day` (territory.control_as_of over all events, from the timeline)."""
        return self.timeline.as_of(day)


if __name__ == "__main__":  # the child of derive_isolated: python -m geo.views STORE OUT
    import sys

    import geo.views as _module  # so the pickle names geo.views.Derived, not __main__.Derived

    with open(sys.argv[2], "wb") as _fp:
        pickle.dump(_module.derive(sys.argv[1]), _fp, protocol=pickle.HIGHEST_PROTOCOL)
