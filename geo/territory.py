"""Who holds what: a control timeline per place from dated events, and the areas it implies.

Evidence is kept per `place_id`. A neighbourhood that borrows its city's point (a geo_precision-2
gazetteer row such as Raqqa's al-Bareed quarter) has its own id, so the SDF taking a neighbourhood
does not erase what is known of the city itself; both entries exist. For the same
reason an event reported only *around* a place («ريف الرقة», «غرب مدينة الرقة»: the event's
geo_precision is coarser than its place's) says nothing about the place itself and is skipped,
and so is one placed at a whole country, governorate, river, lake, range or region: one sentence
does not hand over a governorate, and a river is not held.

An event known only to a week or a month (time_precision 2 or 3) counts from the last day it can
have happened (`date_last`), so "as of" a day never claims a change that may not have happened yet.
"""

from __future__ import annotations

import json
import math
import warnings
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from pathlib import Path

import shapely
from pyproj import Transformer
from shapely.geometry import MultiPoint, Point, shape

from geo.model import EVENT_TYPES, Control, Event

GOVERNMENT = "Syrian government"
OUTLINE_PATH = Path(__file__).resolve().parents[1] / "data" / "sources" / "syr_admin0_outline.geojson"

_GOV_REGAINS = EVENT_TYPES["gov_regains"]
_NSA_OVERTAKES = EVENT_TYPES["nsa_overtakes"]
_WITHDRAWAL = EVENT_TYPES["withdrawal"]
# On the same day an event outranks a statement: «تحت سيطرة» describes, «سيطرت» changes.
_RANK = {"statement": 0, "event": 1}
_NOT_HELD = frozenset({"country", "governorate", "river", "lake", "mountains", "region"})
# In Syria the US-led coalition fought from the air: ground it is credited with taking («تحرير
# الرقة» in a Pentagon statement) was taken and held by its partner on the ground, the SDF.
_GROUND_PARTNER = {"US-led coalition": "SDF", "United States": "SDF"}


def _controller(ev: Event) -> tuple[str, str] | None:
    """(holder, kind) if this event sets control of its place, else None."""
    pair = (ev.event_type, ev.sub_event_type)
    if ev.extra.get("control_statement"):
        return (ev.actor1, "statement") if ev.actor1 else None
    if pair == _GOV_REGAINS:
        return GOVERNMENT, "event"
    if pair == _NSA_OVERTAKES:
        return (_GROUND_PARTNER.get(ev.actor1, ev.actor1), "event") if ev.actor1 else None
    if pair == _WITHDRAWAL:
        # The side that withdraws is actor1; the place passes to actor2 if the text names one.
        return (ev.actor2, "event") if ev.actor2 else None
    return None


def control_timeline(events: Iterable[Event]) -> dict[str, list[Control]]:
    """Every change of control per place_id, oldest first (statements before events on one day)."""
    by_place: dict[str, list[tuple[date, int, int, Control]]] = defaultdict(list)
    for order, ev in enumerate(events):
        if ev.status != "happened" or ev.place is None or ev.event_date is None:
            continue
        if ev.geo_precision > ev.place.geo_precision or ev.place.kind in _NOT_HELD:
            continue
        if ev.place.country != "SY":  # a map of Syria: Mosul's fate is background here
            continue
        if ev.place.geo_precision >= 3:  # a village no source locates: no point to colour
            continue
        found = _controller(ev)
        if found is None:
            continue
        holder, kind = found
        since = ev.date_last if ev.time_precision > 1 and ev.date_last else ev.event_date
        ctl = Control(place=ev.place, controller=holder, since=since, event_id=ev.event_id, kind=kind)
        by_place[ev.place.place_id].append((since, _RANK[kind], order, ctl))
    return {pid: [c for *_, c in sorted(items, key=lambda t: t[:3])] for pid, items in by_place.items()}


def latest_as_of(timeline: dict[str, list[Control]], day: date) -> list[Control]:
    """The last Control with since <= day for each place; places with no evidence yet are absent."""
    out = []
    for items in timeline.values():
        known = [c for c in items if c.since <= day]
        if known:
            out.append(known[-1])
    return sorted(out, key=lambda c: (c.place.name_en or c.place.name_ar, c.place.place_id))


def control_as_of(events: Iterable[Event], day: date) -> list[Control]:
    """Who holds each place on `day`, as far as the events tell."""
    return latest_as_of(control_timeline(events), day)


# --------------------------------------------------------------------------- areas


@lru_cache(maxsize=4)
def _read_outline(path: Path):
    with path.open(encoding="utf-8") as fp:
        data = json.load(fp)
    feats = data.get("features") if data.get("type") == "FeatureCollection" else [data]
    geoms = [shape(f.get("geometry", f)) for f in feats]
    return shapely.make_valid(shapely.union_all(geoms))


def load_outline(path: str | Path | None = None):
    """The Syria outline (lon/lat) from data/sources/, read once per process."""
    return _read_outline(Path(path).resolve() if path else OUTLINE_PATH)


def _projection(lon0: float, lat0: float):
    """Forward/back transforms of an azimuthal equidistant projection centred on the area.

    Within Syria (≤ ~500 km from the centre) its scale error stays under 0.2 %, so a buffer
    of radius_km there is a true-size disk, unlike one in Web Mercator (+20 % at 35°N).
    """
    crs = f"+proj=aeqd +lat_0={lat0:.5f} +lon_0={lon0:.5f} +datum=WGS84 +units=m"
    fwd = Transformer.from_crs("EPSG:4326", crs, always_xy=True)
    back = Transformer.from_crs(crs, "EPSG:4326", always_xy=True)
    return fwd, back


def _pick(controls: list[Control]) -> Control:
    """Several places at one point: the most recent evidence wins (ties: by place id, for stable maps)."""
    return min(controls, key=lambda c: (-c.since.toordinal(), c.place.place_id))


def control_areas(controls: Iterable[Control], outline=None, radius_km: float = 25) -> dict[str, object]:
    """Shaded areas per controller (shapely geometries in lon/lat).

    Each controlled point gets its Voronoi cell, cut to a disk of `radius_km` around it (so a lone
    point does not claim half the country) and to the Syria outline, then cells are unioned per
    controller. `outline` is a shapely geometry, a GeoJSON path, or None for the default file;
    if the default file is missing the areas are not clipped. Points outside it are dropped, and so
    are places whose point is borrowed (geo_precision 2, e.g. a neighbourhood at its city's point):
    shading their city's surroundings in their colour would claim more than the evidence says.
    """
    if outline is None or isinstance(outline, (str, Path)):
        try:
            outline = load_outline(outline)
        except FileNotFoundError:
            warnings.warn(
                f"Syria outline not found at {OUTLINE_PATH}; control areas are not clipped", stacklevel=2
            )
            outline = None

    at_point: dict[tuple[float, float], list[Control]] = defaultdict(list)
    for c in controls:
        lon, lat = c.place.lon, c.place.lat
        if c.place.geo_precision > 1 or not (math.isfinite(lon) and math.isfinite(lat)):
            continue
        if outline is not None and not outline.covers(Point(lon, lat)):
            continue
        at_point[(round(lon, 6), round(lat, 6))].append(c)
    if not at_point:
        return {}

    points = list(at_point)
    if outline is not None:
        centre = outline.centroid
        lon0, lat0 = centre.x, centre.y
    else:
        lon0 = sum(p[0] for p in points) / len(points)
        lat0 = sum(p[1] for p in points) / len(points)
    fwd, back = _projection(lon0, lat0)
    xs, ys = fwd.transform([p[0] for p in points], [p[1] for p in points])
    radius = radius_km * 1000.0
    disks = [Point(x, y).buffer(radius, quad_segs=16) for x, y in zip(xs, ys, strict=True)]

    if len(points) == 1:
        cells = disks
    else:
        extent = shapely.union_all(disks).envelope.buffer(radius)
        vor = shapely.voronoi_polygons(
            MultiPoint(list(zip(xs, ys, strict=True))), extend_to=extent, ordered=True
        )
        cells = [cell.intersection(disk) for cell, disk in zip(vor.geoms, disks, strict=True)]

    clip = shapely.transform(outline, fwd.transform, interleaved=False) if outline is not None else None
    per_actor: dict[str, list] = defaultdict(list)
    for key, cell in zip(points, cells, strict=True):
        if clip is not None:
            cell = cell.intersection(clip)
        if not cell.is_empty:
            per_actor[_pick(at_point[key]).controller].append(cell)
    return {
        actor: shapely.transform(shapely.union_all(parts), back.transform, interleaved=False)
        for actor, parts in sorted(per_actor.items())
    }
