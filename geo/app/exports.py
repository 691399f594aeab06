"""The snapshot and the PNG of a view, built from the cached data (called by the download buttons)."""

from __future__ import annotations

from geo import mapview, ui, views
from geo.app_data import baked_control, control_bundle, gazetteer, load_events, load_incidents, outlines


def _cities(path: str, version: tuple) -> list:
    gaz = gazetteer(path, version)
    return mapview.main_cities(gaz.places.values()) if gaz else []


def snapshot_bytes(path: str, version: tuple, view: mapview.View, link: str) -> bytes:
    """The snapshot of the view: its filtered events on a day slider, control and areas baked for
    every day of its span (only the days they change are stored)."""
    events = load_events(path, version)
    chosen = mapview.select(events, view, by_date=False)
    controls, areas = control_bundle(path, version, view.day)
    first, last, control_last = views.snapshot_span(events, view)  # the slider ends at the last report
    span = (first, last)
    control_days, area_days = baked_control(path, version, first, control_last)
    page = mapview.snapshot_html(
        chosen,
        controls,
        areas,
        outlines(),
        view,
        link_base=link,
        context=mapview.load_context(),
        cities=_cities(path, version),
        control_days=control_days,
        area_days=area_days,
        span=span,
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
