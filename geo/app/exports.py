"""The snapshot and the PNG of a view, built from the cached data (called by the download buttons)."""

from __future__ import annotations

from datetime import timedelta

from geo import mapview, ui
from geo.app_data import control_bundle, event_span, gazetteer, load_events, load_incidents, outlines

# Control is baked for every day of a snapshot's span up to this many days; a longer span is baked
# every few days (the stride that keeps it to this many computations), so the file stays small.
MAX_CONTROL_DAYS = 400


def _cities(path: str, version: tuple) -> list:
    gaz = gazetteer(path, version)
    return mapview.main_cities(gaz.places.values()) if gaz else []


def snapshot_bytes(path: str, version: tuple, view: mapview.View, link: str) -> bytes:
    events = load_events(path, version)
    chosen = mapview.select(events, view, by_date=False)
    controls, areas = control_bundle(path, version, view.day)
    first, last = event_span(events)
    first, last = first or view.day, max(last or view.day, view.day)
    step = max(1, -(-((last - first).days + 1) // MAX_CONTROL_DAYS))
    days = mapview.control_timeline(events, first, last + timedelta(days=0), step)
    page = mapview.snapshot_html(
        chosen,
        controls,
        areas,
        outlines(),
        view,
        link_base=link,
        context=mapview.load_context(),
        cities=_cities(path, version),
        control_days=days,
    )
    return page.encode("utf-8")


def png_bytes(path: str, version: tuple, view: mapview.View) -> bytes:
    incidents = mapview.select_incidents(load_incidents(path, version), view)
    controls, areas = control_bundle(path, version, view.day)
    page = mapview.png_html(
        incidents,
        controls,
        areas,
        outlines(),
        view,
        context=mapview.load_context(),
        cities=_cities(path, version),
    )
    return ui.html_to_png(page, width=1280, height=800)
