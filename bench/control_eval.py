"""Control from the seeds and the shared corpus, measured against tests/gold/control_reference.csv.

    .venv/bin/python bench/control_eval.py [--reference tuning|heldout|heldout3|…|heldout10|PATH] [--exclude IDS] [--no-cache]

Two references: "tuning" (tests/gold/control_reference.csv), the one the territory rules may be tuned
on, and "heldout" (tests/gold/control_reference_heldout.csv), other places at the same dates, written
from the public record before the rules were changed and scored only to report, never to tune.

The corpus analysis is cached under /tmp (keyed by the code, rules, gazetteer and corpus it came
from), so a second run only rebuilds the timeline. Per reference date it prints coverage (the share
of reference places we give a controller) and agreement (the share of those whose controller is one
the reference allows) four times, so that no inference hides in a figure: told by the day (the
place's own evidence on or before it, or its city's); also the holder before a place's first report
(geo.territory kinds "prior" and "first_report", inferred back from later reports); also area inference
at every reference place (geo.territory.area_state, whether or not the map marks the place: what inference
could give); and **as the map shows it**, the figure to read: what a user sees at the place, its marker
(Timeline.as_of: own evidence, its city's, or inferred for the places the events name and the gazetteer's
towns, cities and seats, and for its villages inside a pocket) or else the shaded cell its point lies in (geo.territory.control_cells: a held
place's own ground among the gazetteer's places), nothing more (map_state). "stale" counts the covered places
whose state was last confirmed more than geo.territory.STALE_DAYS before the day, or is inferred (the map
shades them paler); "by area" counts the inferred ones (inferred markers, and cells of another place), "area
agree" those that agree. Then the disagreements of the last table. `--exclude FILE` leaves out the articles whose ids FILE lists (untouched held-out text).
`--uncovered` adds the reachable table: for each place the map shows nothing at on its day, why (not in the gazetteer,
never named in the corpus, named with no event at it, events but none territorial, evidence only later) and the
nearest place with a state, whether its holder is the reference's (what nearest-holder inference would give).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import pickle
import sys
import tempfile
from collections import defaultdict
from dataclasses import fields
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from _corpus import CORPUS, load_corpus  # noqa: E402

REFERENCE = ROOT / "tests" / "gold" / "control_reference.csv"
REFERENCES = {
    "tuning": REFERENCE,
    "heldout": ROOT / "tests" / "gold" / "control_reference_heldout.csv",
    "heldout3": ROOT / "tests" / "gold" / "control_reference3.csv",
    "heldout4": ROOT / "tests" / "gold" / "control_reference4.csv",
    "heldout5": ROOT / "tests" / "gold" / "control_reference5.csv",
    "heldout6": ROOT / "tests" / "gold" / "control_reference6.csv",
    "heldout7": ROOT / "tests" / "gold" / "control_reference7.csv",  # scored once untouched at stop 24
    "heldout8": ROOT / "tests" / "gold" / "control_reference8.csv",  # scored once untouched at stop 25
    "heldout9": ROOT / "tests" / "gold" / "control_reference9.csv",  # scored once untouched at stop 26
    "heldout10": ROOT / "tests" / "gold" / "control_reference10.csv",  # scored once untouched at stop 27
}
SEEDS = ROOT / "seeds"
CACHE_DIR = Path(tempfile.gettempdir()) / "geo-control-cache"


def _fingerprint(corpus: Path) -> str:
    """Hash of everything the events depend on: code, rules, gazetteer, event filter model, corpus size and time (geo/
    territory.py and its rules too: the statements stage reads its holding phrases and holders)."""
    h = hashlib.sha256()
    for path in sorted((ROOT / "geo").rglob("*")):
        if path.is_file() and path.suffix in {".py", ".jsonl", ".csv", ".json", ".txt"}:
            h.update(str(path.relative_to(ROOT)).encode())
            h.update(path.read_bytes())
    for path in sorted([*(ROOT / "data").glob("gazetteer*"), *(ROOT / "data").glob("event_filter*")]):
        h.update(f"{path.name}:{path.stat().st_size}:{path.stat().st_mtime_ns}".encode())
    for path in (corpus, *sorted(SEEDS.iterdir())):
        if path.is_file():
            h.update(f"{path.name}:{path.stat().st_size}:{path.stat().st_mtime_ns}".encode())
    return h.hexdigest()[:20]


def read_ids(path: Path | None) -> frozenset[str]:
    """Article ids listed in a file (words like a0123; other words, such as a comment, are skipped)."""
    if path is None:
        return frozenset()
    return frozenset(w for w in path.read_text(encoding="utf-8").split() if w[:1] == "a" and w[1:].isdigit())


def _analyse_all(corpus: Path, exclude: frozenset[str] = frozenset()) -> list:
    from geo import gazetteer as gz
    from geo.commands.common import InputReport
    from geo.pipeline import analyse

    gaz = gz.load()
    articles = list(InputReport().articles([str(SEEDS)]))
    if corpus.is_file():
        articles += [a for a in load_corpus(corpus) if a.article_id not in exclude]
    events = []
    for i, article in enumerate(articles):
        try:
            events.extend(analyse(article, gaz).events)
        except Exception as exc:  # one bad article must not stop the others
            print(f"error: {article.article_id}: {type(exc).__name__}: {exc}", file=sys.stderr)
        if i % 250 == 0:
            print(f"  analysed {i}/{len(articles)} articles", file=sys.stderr)
    return events


def _plain(ev) -> dict:
    """An Event as plain values (extra as a dict), so that pickling never depends on its types."""
    out = {f.name: getattr(ev, f.name) for f in fields(ev)}
    out["extra"] = dict(out.get("extra") or {})
    return out


def read_events(path: Path) -> list:
    """Events from a pickle written by corpus_events (to score two versions of the rules on one event set)."""
    from geo.model import Event

    with path.open("rb") as fp:
        return [Event(**d) for d in pickle.load(fp)]


def corpus_events(corpus: Path = CORPUS, cache: bool = True, exclude: frozenset[str] = frozenset()) -> list:
    """Events of the seeds and the corpus (the corpus only if present, less the `exclude` articles: untouched
    held-out text no code may read), cached in /tmp."""
    from geo.model import Event

    skip = hashlib.sha256(" ".join(sorted(exclude)).encode()).hexdigest()[:8] if exclude else "all"
    path = CACHE_DIR / f"events-{_fingerprint(corpus)}-{skip}.pickle"
    if cache and path.is_file():
        try:
            with path.open("rb") as fp:
                return [Event(**d) for d in pickle.load(fp)]
        except Exception as exc:  # a cache from another version of the records: rebuild it
            print(f"note: cache not read ({exc}); analysing again", file=sys.stderr)
    events = _analyse_all(corpus, exclude)
    if cache:
        try:
            CACHE_DIR.mkdir(exist_ok=True)
            tmp = path.with_suffix(".tmp")
            tmp.write_bytes(pickle.dumps([_plain(e) for e in events], protocol=pickle.HIGHEST_PROTOCOL))
            tmp.replace(path)
        except (TypeError, pickle.PicklingError, OSError) as exc:
            print(f"note: events not cached: {exc}", file=sys.stderr)
    return events


def read_reference(path: Path = REFERENCE) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as fp:
        return [r for r in csv.DictReader(fp) if r.get("place_ar") or r.get("place_en")]


def _index(gaz) -> tuple[dict, dict]:
    """Syrian places by normalised Arabic name and by folded English name."""
    from geo.text import normalize

    by_ar, by_en = defaultdict(list), defaultdict(list)
    for p in gaz:
        if p.country != "SY":
            continue
        for n in {p.name_ar, *p.names_ar}:
            by_ar[normalize(n)].append(p)
        for n in {p.name_en, *p.names_en}:
            by_en[n.casefold()].append(p)
    return by_ar, by_en


def _candidates(row: dict, by_ar: dict, by_en: dict) -> list:
    from geo.text import normalize

    found = by_ar.get(normalize(row.get("place_ar", "")), []) or by_en.get(
        row.get("place_en", "").casefold(), []
    )
    en = row.get("place_en", "").casefold()
    same_en = [p for p in found if en and en in {n.casefold() for n in (p.name_en, *p.names_en)}]
    # the English name picks the governorate of a homonym; every row of the Arabic name there is the
    # place (the town and the subdistrict it is the seat of: «عربين» is both)
    return [p for p in found if p.admin1 in {q.admin1 for q in same_en}] if same_en else found


def our_state(tl, row: dict, day: date, by_ar: dict, by_en: dict):
    """Our state for a reference row: the candidate place with evidence (most evidence first)."""
    states = [s for p in _candidates(row, by_ar, by_en) if (s := tl.state(p, day)) is not None]
    return max(states, key=lambda s: (len(s.evidence), s.since), default=None)


def area_inferred(row: dict, day: date, controls: list, by_ar: dict, by_en: dict, provinces=None, told=()):
    """For a row with no state of its own: the holder of the area the map shades around it
    (geo.territory.area_state; `provinces`: Timeline.province_holders of the day), if every candidate place
    that gets one gets the same holder. Of homonyms the English name does not tell apart, those with evidence
    of their own (`told`: place ids) are the row's place, where any has: the one the press reports on («كفريا»
    beside al-Fu'ah, not the village of that name 50 km south)."""
    from geo.territory import area_state

    places = _candidates(row, by_ar, by_en)
    places = [p for p in places if p.place_id in told] or places
    if len({p.admin1 for p in places}) != 1:  # homonyms in several governorates: which one is meant?
        return None
    states = [s for p in places if (s := area_state(p, controls, day, provinces)) is not None]
    return states[0] if states and len({s.controller for s in states}) == 1 else None


def map_view(tl, day: date, sites=None) -> tuple[dict, list]:
    """What the map draws on `day`: its markers (place_id → state: own evidence, its city's, inferred, as
    Timeline.as_of gives them) and its shaded cells (geo.territory.control_cells of those markers, cut by `sites`:
    the Syrian places of the gazetteer the events came from, syrian_sites)."""
    from geo.territory import control_cells

    controls = tl.as_of(day)
    return {c.place.place_id: c for c in controls}, control_cells(controls, sites=sites)


def syrian_sites(gaz) -> tuple:
    """The gazetteer's places in Syria: control_cells' sites (it keeps those that own ground)."""
    return tuple(p for p in gaz if p.country == "SY")


def map_state(row: dict, view: tuple[dict, list], by_ar: dict, by_en: dict, told=()):
    """(state, by_cell) a user reads off the map for a reference row: the marker of its place (of a homonym
    the English name does not tell apart, one told of, `told`, or an inferred one only where all stand in one
    governorate), else the state of the shaded cell its point lies in (by_cell True); (None, False) if the map
    shows nothing there."""
    markers, cells = view
    places = _candidates(row, by_ar, by_en)
    marked = [markers[p.place_id] for p in places if p.place_id in markers]
    marked += [markers[p.parent_id] for p in places if p.geo_precision > 1 and p.parent_id in markers]  # its city's
    own = [s for s in marked if s.kind != "area" or s.place.place_id in told]
    one_unit = len({p.admin1 for p in places}) == 1
    if own or (marked and one_unit):
        return max(own or marked, key=lambda s: (len(s.evidence), s.since)), False
    import geo.territory as territory

    pts = [p for p in places if p.kind != "governorate" and p.geo_precision <= 1]
    sites = getattr(territory, "SITE_KINDS", ())
    pts = [p for p in pts if p.kind in sites] or pts  # the place's own point, not its unit's centre
    if not pts or not one_unit:
        return None, False
    from shapely.geometry import Point

    found = [c for p in pts for c, cell in cells if cell.covers(Point(p.lon, p.lat))]
    if not found or len({c.controller for c in found}) != 1:
        return None, False
    return found[0], True


def agrees(state, reference: str) -> bool:
    allowed = {a.strip() for a in reference.split("|")}
    return state.controller in allowed or (state.contested and "contested" in allowed)


def evaluate(tl, reference: list[dict], gaz, areas: bool = False, prior: bool = True, shown: bool = False) -> dict[str, dict]:
    """Per reference date: places, covered, agree, contested and the disagreements. Without `prior`, a
    state inferred back from a later report (kind "prior") counts as none; with `areas`, a place with
    no state of its own may take the holder of its area (kind "area", counted apart); with `shown`, only what
    the map draws counts: the place's marker, or the shaded cell it lies in (map_state; "by area" counts the
    cells and the inferred markers)."""
    from geo.territory import is_stale

    by_ar, by_en = _index(gaz)
    out: dict[str, dict] = {}
    days = {row["date"] for row in reference}
    controls = {d: tl.as_of(date.fromisoformat(d), inferred=False) for d in days} if areas else {}
    sites = syrian_sites(gaz) if shown else ()
    views = {d: map_view(tl, date.fromisoformat(d), sites) for d in days} if shown else {}
    for row in reference:
        day = date.fromisoformat(row["date"])
        r = out.setdefault(
            row["date"],
            {"places": 0, "covered": 0, "agree": 0, "contested": 0, "area": 0, "area_agree": 0, "stale": 0, "wrong": []},
        )
        r["places"] += 1
        if shown:
            state, by_cell = map_state(row, views[row["date"]], by_ar, by_en, tl.evidence)
            if state is not None:
                _count(r, state, row, day, by_cell or state.kind == "area")
            continue
        state = our_state(tl, row, day, by_ar, by_en)
        if state is not None and state.kind in ("prior", "first_report") and not prior:
            state = None
        if state is None and areas:
            state = area_inferred(row, day, controls[row["date"]], by_ar, by_en, tl.province_holders(day), tl.evidence)
            r["area"] += state is not None
        if state is None:
            continue
        r["covered"] += 1
        r["contested"] += state.contested
        r["stale"] += is_stale(state, day)
        if agrees(state, row["controller"]):
            r["agree"] += 1
            r["area_agree"] += state.kind == "area"
        else:
            r["wrong"].append((row["place_en"], row["place_ar"], row["controller"], state))
    return dict(sorted(out.items()))


def _count(r: dict, state, row: dict, day: date, inferred: bool) -> None:
    """Count one covered row of map_state in `r` (inferred: a cell of another place, or an inferred marker)."""
    from dataclasses import replace

    from geo.territory import is_stale

    if inferred and state.kind != "area":  # the cell of another place: shown as that place's, paler
        state = replace(state, kind="area")
    r["covered"] += 1
    r["area"] += inferred
    r["contested"] += state.contested
    r["stale"] += inferred or is_stale(state, day)
    if agrees(state, row["controller"]):
        r["agree"] += 1
        r["area_agree"] += inferred
    else:
        r["wrong"].append((row["place_en"], row["place_ar"], row["controller"], state))


def table(results: dict[str, dict], title: str) -> None:
    print(title)
    head = f"{'date':<12}{'places':>7}{'covered':>9}{'by area':>9}{'stale':>7}{'coverage':>10}{'agree':>7}"
    print(head + f"{'agreement':>11}{'area agree':>12}")
    for day, r in results.items():
        cov = r["covered"] / r["places"] if r["places"] else 0.0
        agr = r["agree"] / r["covered"] if r["covered"] else 0.0
        print(
            f"{day:<12}{r['places']:>7}{r['covered']:>9}{r['area']:>9}{r['stale']:>7}{cov:>10.2f}"
            f"{r['agree']:>7}{agr:>11.2f}{r['area_agree']:>8}/{r['area']:<3}"
        )


def report(results: dict[str, dict], with_areas: dict[str, dict] | None = None, told: dict | None = None,
           shown: dict[str, dict] | None = None) -> None:  # fmt: skip
    if told is not None:
        table(told, "told by the day (the place's own events and statements, or its city's):")
        print()
    table(results, "own evidence, and the holder before a place's first report (a later fall's loser, or the first holder told):")
    if with_areas is not None:
        print()
        table(with_areas, "also area inference at every reference place (area_state; the map marks it only where the corpus names the place):")
    if shown is not None:
        print()
        table(shown, "as the map shows it: the place's marker (own, its city's, or inferred, paler) or the shaded cell it lies in (by area):")
    print("\ndisagreements of the last table (reference → ours, since, last confirmed, evidence; [area]: inferred):")
    for day, r in (shown or with_areas or results).items():
        for en, ar, ref, s in r["wrong"]:
            flag = " contested" if s.contested else ""
            basis = f" [area, from {s.place.name_en}, {s.event_id}]" if s.kind == "area" else ""
            print(
                f"  {day} {en} ({ar}): {ref} → {s.controller}{flag}{basis}, since {s.since}, "
                f"last {s.last_confirmed}, {len(s.evidence)} events"
            )


# Nearest-state distance the reachable table counts as "near": about the reach of area inference's pockets.
NEAR_KM = 30


def _why_uncovered(tl, places: list, names: int) -> str:
    if not places:
        return "not in the gazetteer"
    if any(p.place_id in tl.evidence for p in places):
        return "evidence, but none by that day"
    if any(p.place_id in tl.named and p.place_id not in tl.unnamed for p in places):
        return "events at it, none territorial"
    return "named in the text only" if names else "never named in the corpus"


def reachable(tl, reference: list[dict], gaz, texts: list[str]) -> tuple[dict, list[str]]:
    """The reference places with no state on their day (not even inferred): per date, how many are not in the
    gazetteer, never named in the corpus text, named with no event at them, with events but no territorial
    evidence, or with evidence only later; and how far the nearest place with a state stands and whether its
    holder is one the reference allows (what nearest-holder inference would give). With the rows' lines."""
    from collections import Counter

    from geo.territory import _by_distance
    from geo.text import normalize

    by_ar, by_en = _index(gaz)
    days = {row["date"] for row in reference}
    controls = {d: tl.as_of(date.fromisoformat(d), inferred=False) for d in days}
    sites = syrian_sites(gaz)
    views = {d: map_view(tl, date.fromisoformat(d), sites) for d in days}
    out: dict[str, Counter] = defaultdict(Counter)
    lines = []
    for row in sorted(reference, key=lambda r: (r["date"], r["place_en"])):
        counts = out[row["date"]]
        counts["places"] += 1
        states = controls[row["date"]]
        if map_state(row, views[row["date"]], by_ar, by_en, tl.evidence)[0] is not None:
            continue
        places = sorted((p for p in _candidates(row, by_ar, by_en) if p.kind != "governorate"),
                        key=lambda p: p.kind in ("district", "subdistrict"))  # its own point first, not a unit's centre
        name = normalize(row["place_ar"])
        why = _why_uncovered(tl, places, sum(name in t for t in texts))
        counts[why] += 1
        counts["uncovered"] += 1
        pts = [c for c in states if c.place.geo_precision <= 1 and all(c.place.place_id != p.place_id for p in places)]
        near = _by_distance(places[0], pts)[0] if places and pts else None
        if near is None:
            lines.append(f"  {row['date']} {row['place_en']}: {why}")
            continue
        ok = agrees(near[1], row["controller"])
        counts[f"nearest ≤ {NEAR_KM} km"] += near[0] <= NEAR_KM
        counts[f"nearest ≤ {NEAR_KM} km agrees"] += near[0] <= NEAR_KM and ok
        counts["nearest agrees"] += ok
        lines.append(
            f"  {row['date']} {row['place_en']}: {why}; nearest state {near[0]:.0f} km, {near[1].place.name_en} "
            f"{near[1].controller} ({near[1].kind}) {'= reference' if ok else '≠ ' + row['controller']}"
        )
    return dict(sorted(out.items())), lines


def print_reachable(tl, reference: list[dict], gaz, skip: frozenset[str]) -> None:
    from geo.text import normalize

    texts = [normalize(a.text) for a in load_corpus(CORPUS) if a.article_id not in skip] if CORPUS.is_file() else []
    counts, lines = reachable(tl, reference, gaz, texts)
    print("\nuncovered as the map shows it, why, and the nearest place with a state:")
    order = ("not in the gazetteer", "never named in the corpus", "named in the text only",
             "events at it, none territorial", "evidence, but none by that day", "nearest agrees",
             f"nearest ≤ {NEAR_KM} km", f"nearest ≤ {NEAR_KM} km agrees")  # fmt: skip
    for day, c in counts.items():
        rest = ", ".join(f"{k} {c[k]}" for k in order)
        print(f"  {day}: {c['uncovered']} of {c['places']} uncovered: {rest}")
    print("\n".join(lines))


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-cache", action="store_true", help="re-run the pipeline on the corpus")
    ap.add_argument("--events", type=Path, help="read the events from this pickle (a copy of a cache file)")
    ap.add_argument(
        "--reference", default="tuning", help=f"which reference to score: {', '.join(REFERENCES)}, or a CSV path"
    )
    ap.add_argument("--exclude", type=Path, help="skip the articles whose ids this file lists (untouched text)")
    ap.add_argument("--uncovered", action="store_true", help="also the reachable table: why the map shows nothing at a place")
    args = ap.parse_args()
    from geo import gazetteer as gz
    from geo.territory import build_timeline, gazetteer_targets, gazetteer_villages

    reference = REFERENCES.get(args.reference) or Path(args.reference).resolve()
    if not reference.is_file():
        raise SystemExit(f"reference not found at {reference}")
    skip = read_ids(args.exclude)
    evs = read_events(args.events) if args.events else corpus_events(cache=not args.no_cache, exclude=skip)
    evs = [e for e in evs if e.article_id not in skip]
    gaz = gz.load()  # the events' gazetteer (corpus_events): territory infers at its towns and cuts cells by its sites
    tl = build_timeline(evs, targets=gazetteer_targets(gaz), villages=gazetteer_villages(gaz))
    print(f"{len(evs)} events; {len(tl.evidence)} places with evidence of control")
    print(f"reference: {args.reference} ({reference})\n")
    rows = read_reference(reference)
    report(evaluate(tl, rows, gaz), evaluate(tl, rows, gaz, areas=True), evaluate(tl, rows, gaz, prior=False),
           evaluate(tl, rows, gaz, shown=True))  # fmt: skip
    if args.uncovered:
        print_reachable(tl, rows, gaz, skip)
