"""How long the dashboard's map takes to build and how big it is, at 1k / 10k / 100k events.

Events are synthetic (random real gazetteer places in Syria, types, actors, dates over 2017), each
with its own quoted sentence naming its place, so nothing is shared between events except places:
the worst case for the payload. Beside it, the naive build (one folium.Marker with a Popup per
event) is timed in the same run; at 100k that baseline is capped at 10k markers and scaled.

Payload: the page as rendered (`m.get_root().render()`), split into inlined assets (the data: URIs
of Leaflet and its CSS, the same for every map) and the rest (events, outlines, legend, code).

    .venv/bin/python bench/dashboard_render.py [--sizes 1000,10000,100000] [--repeat 3]

With --store: the offline snapshot of stored events as the dashboard's download builds it (the
view's filters, control and areas baked for every day of its span), its size and CPU time:

    .venv/bin/python bench/dashboard_render.py --store STORE.duckdb [--day 2018-04-15] [--window week]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import folium  # noqa: E402

from geo import gazetteer, mapview  # noqa: E402
from geo.model import ACTORS, EVENT_TYPES, Event  # noqa: E402

TEMPLATES = (
    "أفادت مصادر محلية بأن اشتباكات عنيفة اندلعت في {p} بين الطرفين صباح اليوم رقم {n}",
    "شنت طائرات حربية غارات على {p} ومحيطها ما أدى إلى سقوط ضحايا بحسب المرصد في التقرير {n}",
    "قال ناشطون إن القوات تقدمت باتجاه {p} بعد معارك استمرت عدة أيام في الحادثة {n}",
    "تعرضت {p} لقصف مدفعي وصاروخي مكثف خلال الليلة الماضية وفق ما نقلت الوكالة في الخبر {n}",
)
SETTLEMENTS = {"city", "town", "village", "neighbourhood", "oil_field", "base", "dam", "airport"}
CAP_BASELINE = 10_000


def synthetic_events(n: int, seed: int = 7) -> list[Event]:
    rnd = random.Random(seed)
    gaz = gazetteer.load()
    places = [p for p in gaz.places.values() if p.country == "SY" and p.kind in SETTLEMENTS and p.name_ar]
    kinds, actors = list(EVENT_TYPES), list(ACTORS)
    day0 = date(2017, 1, 1)
    out = []
    for i in range(n):
        p = rnd.choice(places)
        etype, sub = EVENT_TYPES[rnd.choice(kinds)]
        quote = rnd.choice(TEMPLATES).format(p=p.name_ar, n=i)
        start = quote.index(p.name_ar)
        out.append(
            Event(
                event_id=f"ev{i}",
                article_id=f"art{i // 4}",
                event_type=etype,
                sub_event_type=sub,
                status=rnd.choice(("happened", "happened", "happened", "planned", "postponed")),
                event_date=day0 + timedelta(days=rnd.randrange(365)),
                time_precision=rnd.choice((1, 1, 2, 3)),
                actor1=rnd.choice(actors),
                actor2=rnd.choice(actors),
                place=p,
                geo_precision=1,
                quote=quote,
                quote_start=1000,
                place_start=1000 + start,
                place_end=1000 + start + len(p.name_ar),
            )
        )
    return out


def ours(events, outlines, view) -> tuple[float, float, str]:
    t0 = time.perf_counter()
    m = mapview.build_map(events, [], {}, outlines, view)
    t1 = time.perf_counter()
    page = mapview.map_html(m)
    return t1 - t0, time.perf_counter() - t1, page


def baseline(events, view) -> tuple[float, str]:
    """One folium.Marker + Popup per event: what a first attempt at the dashboard does."""
    t0 = time.perf_counter()
    m = folium.Map(location=list(view.centre), zoom_start=view.zoom)
    for ev in events:
        folium.Marker([ev.place.lat, ev.place.lon], popup=folium.Popup(ev.quote, max_width=300)).add_to(m)
    page = m.get_root().render()
    return time.perf_counter() - t0, page


def asset_bytes(page: str) -> int:
    return sum(len(u) for u in re.findall(r'(?:src|href)="(data:[^"]+)"', page))


def best(fn, repeat):
    runs = [fn() for _ in range(repeat)]
    return min(runs, key=lambda r: r[0] + (r[1] if isinstance(r[1], float) else 0))


def snapshot_of_store(path: str, day: date, window: str) -> int:
    """Size and CPU time of a stored corpus's snapshot (geo/app/exports.py's steps, without Streamlit)."""
    from geo import gazetteer as gz
    from geo.store import Store
    from geo.views import StoreView

    t0 = time.process_time()
    events = StoreView.load(Store(path, read_only=True))
    view = mapview.View(day=day, window=window, language="ar")
    t1 = time.process_time()
    span = mapview.baked_span(events, view)
    control_days, area_days = mapview.bake_control(events, *span)
    t2 = time.process_time()
    controls = events.controls(view.day)
    page = mapview.snapshot_html(
        mapview.select(events, view, by_date=False), controls, mapview.control_shading_safe(controls, view.day),
        mapview.load_outlines(), view, context=mapview.load_context(),
        cities=mapview.main_cities(gz.load().places.values()), control_days=control_days, area_days=area_days,
        span=span,
    )  # fmt: skip
    t3 = time.process_time()
    area_bytes = len(mapview._script_json(area_days.payload))
    print(
        f"store {path}: {sum(1 for _ in events.select(view, by_date=False))} events pass the view, span {span[0]} … {span[1]}"
    )
    print(f"  snapshot {len(page.encode('utf-8')) / 1e6:.2f} MB (areas {area_bytes / 1e6:.2f} MB for "
          f"{len(area_days.payload['row'])} days they change, {len(area_days.payload['cells'])} cells; "
          f"control rows {len(control_days['rows'])})")  # fmt: skip
    print(f"  CPU s: load {t1 - t0:.2f}, bake control {t2 - t1:.2f}, page {t3 - t2:.2f}")
    return 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--store", help="a store file: time and size its snapshot instead")
    ap.add_argument("--day", type=date.fromisoformat, default=date(2018, 4, 15))
    ap.add_argument("--window", default="week")
    args = ap.parse_args(argv)
    if args.store:
        return snapshot_of_store(args.store, args.day, args.window)
    sizes = [int(s) for s in args.sizes.split(",")]
    outlines = mapview.load_outlines()
    view = mapview.View(day=date(2017, 12, 31), window="365")
    pool = synthetic_events(max(sizes))
    print(f"{'events':>8} {'build s':>8} {'render s':>9} {'total s':>8} {'page MB':>8} {'assets MB':>9} "
          f"{'data MB':>8} | {'markers s':>9} {'markers MB':>10} {'x time':>7} {'x size':>7}")  # fmt: skip
    for n in sizes:
        events = pool[:n]
        build_s, render_s, page = best(lambda ev=events: ours(ev, outlines, view), args.repeat)
        assets = asset_bytes(page)
        k = min(n, CAP_BASELINE)
        base_s, base_page = best(lambda ev=events[:k]: baseline(ev, view), 1 if k > 2000 else args.repeat)
        scale = n / k
        base_s, base_mb = base_s * scale, len(base_page.encode("utf-8")) * scale / 1e6
        ours_s, page_mb = build_s + render_s, len(page.encode("utf-8")) / 1e6
        note = f"  (markers: {k} built, x{scale:.0f} extrapolated)" if scale > 1 else ""
        print(
            f"{n:>8} {build_s:>8.3f} {render_s:>9.3f} {ours_s:>8.3f} {page_mb:>8.2f} {assets / 1e6:>9.2f} "
            f"{page_mb - assets / 1e6:>8.2f} | {base_s:>9.3f} {base_mb:>10.2f} {base_s / ours_s:>6.1f}x "
            f"{base_mb / page_mb:>6.1f}x{note}"
        )
    print("x time / x size: the Marker-per-event page divided by ours (higher is better for ours).")
    print("Marker pages link Leaflet etc. from CDNs (not counted); ours inline Leaflet (the assets column).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
