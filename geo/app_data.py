"""The dashboard's data: the store, its version, and the cached reads every page shares.

Each read is cached under the store's version (data_version), so a page never shows stale events
and a rerun that changes only a widget reads nothing again.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import streamlit as st

from geo import mapview, ui

ROOT = Path(__file__).resolve().parents[1]


def store_path() -> str:
    return os.environ.get("GEO_DB") or str(ROOT / "data" / "geo.duckdb")


@st.cache_resource(show_spinner="Loading the seed articles… تحميل المقالات الأولى")
def get_store(path: str):
    from geo.store import Store

    store = Store(path)
    ui.seed_store(store)
    return store


def data_version(store) -> tuple:
    """Changes whenever the store does (any process), so cached events are never stale."""
    counts = tuple(sorted(store.counts().items()))
    mtimes = tuple(p.stat().st_mtime_ns for p in (store.path, Path(f"{store.path}.wal")) if p.exists())
    return counts, mtimes


@st.cache_resource
def last_versions() -> dict:
    """Store path → the last version read, shared by all sessions (the cached data under it stays)."""
    return {}


# Two versions at most: the one shown and the one being read (each holds the events' columns).
@st.cache_resource(max_entries=2, show_spinner="Reading the store… قراءة قاعدة البيانات")
def load_view(path: str, version: tuple):
    """The store's events as columns, with incidents and control derived once (geo/views.py).

    What it holds lives as long as its version is shown, so it is moved out of the garbage
    collector's way (gc.freeze): Streamlit collects after every rerun, and walking the view's
    objects each time was a third of a slider move's server time (0.1 s at 10,000 events). The
    objects frozen with the version before are unfrozen first, so they are collected once evicted.
    """
    import gc

    from geo.views import StoreView

    gc.unfreeze()
    view = StoreView.load(get_store(path))
    gc.collect()
    gc.freeze()
    return view


def load_events(path: str, version: tuple):
    """The stored events: a geo.views.StoreView. mapview.select and event_span read its columns and
    build records only for what a view shows; iterating it yields every Event (a chunk at a time)."""
    return load_view(path, version)


def load_incidents(path: str, version: tuple):
    """Incidents of all stored events (geo/incidents.py, grouped once per store version), with the
    articles' addresses: a geo.views.IncidentsView that mapview.select_incidents reads as columns."""
    return load_view(path, version).all_incidents()


# A day's control areas are geometry (tens to hundreds of kB): enough days for a played week or two.
CONTROL_DAYS_KEPT = 32


@st.cache_resource(max_entries=CONTROL_DAYS_KEPT)
def control_bundle(path: str, version: tuple, day: date):
    """Control as of `day` from the timeline derived once per version, and the areas it implies."""
    controls = load_view(path, version).controls(day)
    # The areas depend on who holds what and which evidence is old, not on the day as such: most
    # consecutive days share them, so a slider move usually reuses the shading of the day before.
    return controls, _shading(path, version, mapview.shading_key(controls, day), day, controls)


@st.cache_resource(max_entries=CONTROL_DAYS_KEPT)
def _shading(path: str, version: tuple, key: tuple, _day: date, _controls: list):
    return mapview.control_shading_safe(_controls, _day)


# A snapshot bakes control for every day of its span (a few seconds over the corpus): the last two
# spans asked for are kept, so a second download of the same view is immediate.
@st.cache_resource(max_entries=2, show_spinner=False)
def baked_control(path: str, version: tuple, first: date, last: date) -> tuple:
    """(control_timeline, area_timeline) from `first` to `last`: who holds what and the areas, per day."""
    return mapview.bake_control(load_view(path, version), first, last)


@st.cache_resource
def outlines():
    return mapview.load_outlines()


@st.cache_resource(max_entries=4)
def gazetteer(path: str, version: tuple):
    return get_store(path).gazetteer()


@st.cache_resource(max_entries=4)
def gazetteer_keys(path: str, version: tuple) -> frozenset[str]:
    """The search key of every Arabic name the gazetteer holds (~12,700 names, 0.2 s once)."""
    from geo.search import key

    return frozenset(key(n) for p in gazetteer(path, version) for n in (p.name_ar, *p.names_ar) if n)


def event_span(events, view: mapview.View | None = None) -> tuple[date | None, date | None]:
    """Days the slider covers (mapview.event_span)."""
    return mapview.event_span(events, view)
