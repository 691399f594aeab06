"""How well geo/incidents.py groups event mentions into happenings, against a gold written by reading.

Gold (tests/gold/incidents_mentions.jsonl): one line per event mention a reader found, {"article",
"type", "place_en", "place_ar" ("|" alternatives), "date", "quote_contains" (a verbatim phrase of the
mention's sentence), "happening" (e.g. "H012": mentions of one happening share it)}; the articles are
tests/gold/articles_incidents.jsonl ({"id", "published", "outlet", "title", "text"}).

The pipeline runs on those articles and group_incidents groups all their events. Each gold mention is
matched to at most one system event — same article, a quote containing quote_contains (compared
normalised), a type in the same GOLD family and a place the gold names — one to one (a maximum
bipartite matching; a mention tries its very type first, then the nearest date). The gold families
are the gold's own (tests/gold/README.md, «Merging rule»: the Battles types are one, strikes and
shelling one, every other type its own), not the grouper's (geo/rules/incident_families.jsonl):
tuning the grouper's families must not change which mentions are scored. Over the matched mentions:

  B³ precision/recall   per mention, the share of its system incident that is its happening / of its
                        happening that is in its system incident, averaged over mentions
  pairwise P/R          over pairs of matched mentions: same incident and same happening, over pairs
                        in one incident (precision) or in one happening (recall); no pairs → 1.0

`matched` says how many gold mentions found an event at all: the grouping is scored only on those,
and the `unmatched` line counts why the others found none (no event in the sentence, none at that
place or of that family, or one event for two mentions): the event stage's recall, not the grouping's.

Usage: python bench/incidents_eval.py [--gold incidents|incidents2|incidents3|incidents4|incidents5|incidents6|incidents7|incidents8|incidents9|incidents10|incidents11|incidents12|incidents13] [--verbose]
       python bench/incidents_eval.py --mentions PATH --articles PATH [--happenings PATH]
       python bench/incidents_eval.py --store data/geo.duckdb --week-end 2018-04-15   (corpus figures)
       python bench/incidents_eval.py --corpus ../shared/data/corpus/articles.jsonl \
           --published 2018-04-01 2018-04-22 --week-end 2018-04-15 \
           --exclude /tmp/team/FORBIDDEN_IDS.txt   (the same, without a store, skipping held-out ids)
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from datetime import date, timedelta
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from geo.incidents import family_of, group_incidents, incident_of, region_level, type_key  # noqa: E402
from geo.text import normalize  # noqa: E402

GOLD_DIR = ROOT / "tests" / "gold"
# A gold split's name → its (mentions, articles, happenings) files, all in tests/gold/.
SPLITS = {
    "incidents": ("incidents_mentions.jsonl", "articles_incidents.jsonl", "incidents_happenings.jsonl"),
    "incidents2": ("incidents2_mentions.jsonl", "articles_incidents2.jsonl", "incidents2_happenings.jsonl"),
    "incidents3": ("incidents3_mentions.jsonl", "articles_incidents3.jsonl", "incidents3_happenings.jsonl"),
    "incidents4": ("incidents4_mentions.jsonl", "articles_incidents4.jsonl", "incidents4_happenings.jsonl"),
    "incidents5": ("incidents5_mentions.jsonl", "articles_incidents5.jsonl", "incidents5_happenings.jsonl"),
    "incidents6": ("incidents6_mentions.jsonl", "articles_incidents6.jsonl", "incidents6_happenings.jsonl"),
    "incidents7": ("incidents7_mentions.jsonl", "articles_incidents7.jsonl", "incidents7_happenings.jsonl"),
    "incidents8": ("incidents8_mentions.jsonl", "articles_incidents8.jsonl", "incidents8_happenings.jsonl"),
    "incidents9": ("incidents9_mentions.jsonl", "articles_incidents9.jsonl", "incidents9_happenings.jsonl"),
    "incidents10": ("incidents10_mentions.jsonl", "articles_incidents10.jsonl", "incidents10_happenings.jsonl"),
    "incidents11": ("incidents11_mentions.jsonl", "articles_incidents11.jsonl", "incidents11_happenings.jsonl"),
    "incidents12": ("incidents12_mentions.jsonl", "articles_incidents12.jsonl", "incidents12_happenings.jsonl"),
    "incidents13": ("incidents13_mentions.jsonl", "articles_incidents13.jsonl", "incidents13_happenings.jsonl"),
}
# The corpus figures list this many (family, place) rows of the week, most events first.
TOP_PLACES = 12
# The map draws an incident dated to no more than the window or a week (README: a span longer than both
# is listed under the map, not drawn); the corpus figures count the week's so.
DRAWN_SPAN_DAYS = 7
GOLD = GOLD_DIR / SPLITS["incidents"][0]
ARTICLES = GOLD_DIR / SPLITS["incidents"][1]
# The gold's families (tests/gold/README.md, «Merging rule»); a type not listed is its own family.
GOLD_FAMILIES = {
    "armed_clash": "battles",
    "advance": "battles",
    "gov_regains": "battles",
    "nsa_overtakes": "battles",
    "air_strike": "remote",
    "shelling": "remote",
}


def gold_family(key: str) -> str:
    return GOLD_FAMILIES.get(key, key)


def load_jsonl(path: Path) -> list[dict]:
    return [json.loads(x) for x in Path(path).read_text(encoding="utf-8").splitlines() if x.strip()]


def _alts(cell: str) -> list[str]:
    return [a.strip() for a in (cell or "").split("|") if a.strip()]


def place_matches(ev, gold: dict) -> bool:
    """A gold place (alternatives split on «|») names the event's place, in Arabic or English."""
    p = ev.place
    if p is None:
        return False
    ar = {normalize(n) for n in (p.name_ar, *p.names_ar) if n}
    en = {n.casefold() for n in (p.name_en, *p.names_en) if n}
    return any(normalize(a) in ar for a in _alts(gold.get("place_ar", ""))) or any(
        a.casefold() in en for a in _alts(gold.get("place_en", ""))
    )


def candidate(ev, gold: dict) -> bool:
    return (
        ev.article_id == gold["article"]
        and normalize(gold["quote_contains"]) in normalize(ev.quote or "")
        and gold_family(type_key(ev)) == gold_family(gold["type"])
        and place_matches(ev, gold)
    )


def _closeness(ev, gold: dict) -> tuple:
    """How well an event fits a gold mention beyond the must-haves: its very type, then its date."""
    try:
        gap = abs((ev.event_date - date.fromisoformat(gold.get("date", ""))).days)
    except (TypeError, ValueError):
        gap = 0
    return (type_key(ev) != gold["type"], gap)


def match(gold: list[dict], events: list) -> dict[int, str]:
    """Gold index → event_id, one to one, as many as possible (Kuhn's augmenting paths).

    Each mention tries its candidates best-fitting first (the same type, then the nearest date, then
    the earlier event), so where a sentence gives two events the mention is scored on the one it is.
    Mentions are seated best fit first: where a sentence tells two happenings of one family and the
    system made one event of them («بدأت عملياتها 20 يناير … السيطرة على عفرين الأحد»: only the
    taking), the event goes to the mention of its own type and date, not to whichever mention the file
    lists first. The number matched is the same in any order (a maximum matching).
    """
    by_article: dict[str, list] = defaultdict(list)
    for ev in events:
        by_article[ev.article_id].append(ev)
    fits = {
        i: sorted(
            (ev for ev in by_article.get(g["article"], ()) if candidate(ev, g)),
            key=lambda ev: _closeness(ev, g),
        )
        for i, g in enumerate(gold)
    }
    options = {i: [ev.event_id for ev in evs] for i, evs in fits.items()}
    seating = sorted(
        range(len(gold)), key=lambda i: (not fits[i], _closeness(fits[i][0], gold[i]) if fits[i] else (), i)
    )
    owner: dict[str, int] = {}

    def augment(i: int, seen: set[str]) -> bool:
        for eid in options[i]:
            if eid in seen:
                continue
            seen.add(eid)
            if eid not in owner or augment(owner[eid], seen):
                owner[eid] = i
                return True
        return False

    for i in seating:
        augment(i, set())
    return {i: eid for eid, i in owner.items()}


def b_cubed(gold_of: dict, sys_of: dict) -> tuple[float, float]:
    """B³ precision and recall of the clustering `sys_of` (item → cluster) against `gold_of`."""
    items = list(gold_of)
    if not items:
        return 1.0, 1.0
    by_gold, by_sys = defaultdict(set), defaultdict(set)
    for x in items:
        by_gold[gold_of[x]].add(x)
        by_sys[sys_of[x]].add(x)
    p = sum(len(by_sys[sys_of[x]] & by_gold[gold_of[x]]) / len(by_sys[sys_of[x]]) for x in items)
    r = sum(len(by_sys[sys_of[x]] & by_gold[gold_of[x]]) / len(by_gold[gold_of[x]]) for x in items)
    return p / len(items), r / len(items)


def pairwise(gold_of: dict, sys_of: dict) -> tuple[float, float]:
    """Pairwise precision and recall; with no predicted (or no gold) pairs the figure is 1.0."""
    both = same_sys = same_gold = 0
    for a, b in combinations(sorted(gold_of), 2):
        s, g = sys_of[a] == sys_of[b], gold_of[a] == gold_of[b]
        same_sys += s
        same_gold += g
        both += s and g
    return (both / same_sys if same_sys else 1.0), (both / same_gold if same_gold else 1.0)


def score(gold: list[dict], events: list, incidents: list) -> dict:
    """The figures above for gold mentions against the events and the incidents made of them."""
    hit = match(gold, events)
    of = incident_of(incidents)
    gold_of = {i: gold[i]["happening"] for i in hit}
    sys_of = {i: of[hit[i]] for i in hit}
    b3p, b3r = b_cubed(gold_of, sys_of)
    pp, pr = pairwise(gold_of, sys_of)
    return {
        "gold_mentions": len(gold),
        "matched": len(hit),
        "happenings": len(set(g["happening"] for g in gold)),
        "happenings_matched": len(set(gold_of.values())),
        "system_incidents_matched": len(set(sys_of.values())),
        "b3_precision": b3p,
        "b3_recall": b3r,
        "pairwise_precision": pp,
        "pairwise_recall": pr,
        "unmatched": [g for i, g in enumerate(gold) if i not in hit],
        "why_unmatched": [why_unmatched(g, events) for i, g in enumerate(gold) if i not in hit],
        "pairs": {i: (gold_of[i], sys_of[i]) for i in hit},
        "event_of": hit,
        "events": {ev.event_id: ev for ev in events},
        "gold": gold,
    }


def why_unmatched(gold: dict, events: list) -> str:
    """Whose miss it is: no event in the sentence (the event stage's recall), or none of its family/place."""
    said = [
        ev
        for ev in events
        if ev.article_id == gold["article"] and normalize(gold["quote_contains"]) in normalize(ev.quote or "")
    ]
    if not said:
        return "no event in that sentence"
    if not any(place_matches(ev, gold) for ev in said):
        return "no event at that place in it: " + ", ".join(sorted({_at(ev) for ev in said}))
    if not any(gold_family(type_key(ev)) == gold_family(gold["type"]) for ev in said):
        return "no event of that family in it: " + ", ".join(sorted({type_key(ev) for ev in said}))
    return "its events went to other gold mentions (one to one)"


def _at(ev) -> str:
    return ev.place.name_en if ev.place is not None else "—"


def grouping_errors(res: dict) -> tuple[dict, dict]:
    """Happenings split over several incidents, and incidents holding several happenings."""
    by_gold, by_sys = defaultdict(set), defaultdict(set)
    for h, inc in res["pairs"].values():
        by_gold[h].add(inc)
        by_sys[inc].add(h)
    split = {h: incs for h, incs in by_gold.items() if len(incs) > 1}
    merged = {inc: hs for inc, hs in by_sys.items() if len(hs) > 1}
    return split, merged


def run_pipeline(
    articles_path: Path, window: tuple[date, date] | None = None, exclude: frozenset[str] = frozenset()
) -> tuple[list, list]:
    """Events of the articles (those published within `window`, if given, and not in `exclude`:
    held-out ids no code may run on) and their incidents."""
    from geo import gazetteer as gz
    from geo.model import Article
    from geo.pipeline import analyse
    from geo.reader import read_paths

    gaz = gz.load()
    events, urls = [], {}
    for art in read_paths([articles_path]):
        if isinstance(art, Article):
            if window and not (art.published and window[0] <= art.published <= window[1]):
                continue
            if art.article_id in exclude:
                continue
            events.extend(analyse(art, gaz).events)
            urls[art.article_id] = art.url
    return events, group_incidents(events, urls=urls)


def corpus_figures(events: list, incidents: list, week_end: date) -> dict:
    """Events vs incidents overall, and in the week ending on `week_end` (as the map's week shows it)."""
    first = week_end - timedelta(days=6)

    def in_week(x) -> bool:
        return (
            x.place is not None
            and x.event_date is not None
            and first <= (x.date_last or x.event_date)
            and x.event_date <= week_end
        )

    wk_ev = [e for e in events if in_week(e)]
    wk_inc = [i for i in incidents if in_week(i)]
    # the week's events by family and place, and the incidents they went to (dated wherever their
    # reports point: a retelling of the 7th told on the 11th is in the 7th's incident)
    of = incident_of(incidents)
    by_place: dict[tuple[str, str], list[str]] = defaultdict(list)
    for e in wk_ev:
        by_place[(family_of(type_key(e)).name, e.place.name_en)].append(e.event_id)
    points = [i for i in wk_inc if not region_level(i.place, i.geo_precision)]
    return {
        "events": len(events),
        "incidents": len(incidents),
        "week": f"{first} – {week_end}",
        "week_events": len(wk_ev),
        "week_event_places": len({e.place.place_id for e in wk_ev}),
        "week_incidents": len(wk_inc),
        "week_point_incidents": len(points),
        "week_point_places": len({i.place.place_id for i in points}),
        "week_region_level_incidents": len(wk_inc) - len(points),
        "week_reports_per_incident": Counter(len(i.reports) for i in wk_inc).most_common(6),
        "week_incidents_sharing_day_family_place": _sharing(wk_inc),
        "week_events_by_family_place_and_their_incidents": [
            f"{fam} {place}: {len(evs)} events in {len({of[e] for e in evs})} incidents"
            for (fam, place), evs in sorted(by_place.items(), key=lambda kv: (-len(kv[1]), kv[0]))[
                :TOP_PLACES
            ]
        ],
        "week_events_and_drawn_incidents_by_place": _drawn_by_place(wk_ev, wk_inc),
        "week_largest_incidents": [
            f"{i.event_date} {i.family} {i.place.name_en} ({len(i.reports)} reports)"
            for i in sorted(wk_inc, key=lambda i: (-len(i.reports), i.incident_id))[:5]
        ],
    }


def _drawn_by_place(week_events: list, week_incidents: list) -> list[str]:
    """The week's events at each of its TOP_PLACES places beside the incidents the map draws there: points
    (not region-level) dated to DRAWN_SPAN_DAYS or less (README: a looser one is listed, not drawn)."""
    drawn = Counter(
        i.place.name_en
        for i in week_incidents
        if not region_level(i.place, i.geo_precision)
        and ((i.date_last or i.event_date) - i.event_date).days <= DRAWN_SPAN_DAYS
    )
    at = Counter(e.place.name_en for e in week_events)
    return [f"{p}: {n} events, {drawn[p]} incidents drawn" for p, n in at.most_common(TOP_PLACES)]


def _sharing(incidents: list) -> int:
    """Incidents that share their first day, family and place with another: what the map shows twice."""
    key = Counter((i.event_date, i.family, i.place.place_id) for i in incidents)
    return sum(1 for i in incidents if key[(i.event_date, i.family, i.place.place_id)] > 1)


def _why_counts(res: dict) -> str:
    """How many unmatched gold mentions each reason of why_unmatched covers (its text before any «:»)."""
    counts = Counter(why.split(":")[0] for why in res["why_unmatched"])
    return "; ".join(f"{why} {n}" for why, n in counts.most_common()) or "none"


def _print_score(res: dict, verbose: bool) -> None:
    print(
        f"gold mentions {res['gold_mentions']} in {res['happenings']} happenings; "
        f"matched {res['matched']} ({res['happenings_matched']} happenings, "
        f"{res['system_incidents_matched']} system incidents)"
    )
    print(
        f"unmatched {res['gold_mentions'] - res['matched']} (the event stage's misses, not the grouping's): {_why_counts(res)}"
    )
    print(f"B³        precision {res['b3_precision']:.3f}  recall {res['b3_recall']:.3f}")
    print(f"pairwise  precision {res['pairwise_precision']:.3f}  recall {res['pairwise_recall']:.3f}")
    if not verbose:
        return
    for g, why in zip(res["unmatched"], res["why_unmatched"], strict=True):
        print(f"  unmatched {g['article']} {g['type']} {g.get('place_en')} «{g['quote_contains']}»: {why}")
    split, merged = grouping_errors(res)
    for h, incs in sorted(split.items()):
        print(f"  split     {h} over {len(incs)} incidents: {', '.join(sorted(incs))}")
        _print_members(res, lambda hh, inc, h=h: hh == h)
    for inc, hs in sorted(merged.items()):
        print(f"  merged    {inc} holds {', '.join(sorted(hs))}")
        _print_members(res, lambda hh, ii, inc=inc: ii == inc)


def _print_members(res: dict, chosen) -> None:
    """The matched mentions a split or merged line is about: gold happening and date, the system
    incident, and the event's type, place, span, date basis, actor1 and quote (for --verbose)."""
    events = res.get("events", {})
    for i, (h, inc) in sorted(res["pairs"].items(), key=lambda kv: (kv[1][1], kv[1][0], kv[0])):
        if not chosen(h, inc):
            continue
        ev, g = events.get(res["event_of"][i]), res["gold"][i]
        if ev is None:
            continue
        span = f"{ev.event_date}" + (f"..{ev.date_last}" if ev.date_last and ev.date_last != ev.event_date else "")
        basis = (ev.extra or {}).get("date_basis", "")
        print(
            f"      {h} gold {g.get('date', '')} | {inc} {ev.article_id} pub {ev.published} {type_key(ev)} "
            f"{_at(ev)} [{ev.place.kind if ev.place else ''}] {span} {basis} tp{ev.time_precision} "
            f"a1={ev.actor1 or '-'} «{(ev.quote or '')[:110]}»"
        )


def _gold_files(args) -> tuple[Path, Path, Path | None]:
    mentions, articles, happenings = (GOLD_DIR / name for name in SPLITS[args.gold])
    if args.mentions or args.articles:
        return args.mentions or mentions, args.articles or articles, args.happenings
    return mentions, articles, happenings


def check_gold(gold: list[dict]) -> str:
    """'' when every mention has the fields the scorer reads; else what the first bad one lacks."""
    need = ("article", "type", "quote_contains", "happening")
    for n, g in enumerate(gold, 1):
        missing = [k for k in need if not isinstance(g, dict) or not g.get(k)]
        if missing:
            return f"mention {n} lacks {', '.join(missing)}"
    return ""


def stray_happenings(gold: list[dict], happenings: list[dict]) -> list[str]:
    """Happenings the mentions name that the happenings file does not list (a warning, not a stop)."""
    known = {h.get("happening") for h in happenings if isinstance(h, dict)}
    return sorted({g["happening"] for g in gold} - known)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--gold", choices=sorted(SPLITS), default="incidents", help="which gold split in tests/gold/"
    )
    ap.add_argument("--mentions", type=Path, help="a mentions file instead of the split's")
    ap.add_argument("--articles", type=Path, help="an articles file instead of the split's")
    ap.add_argument("--happenings", type=Path, help="a happenings file to check the mentions against")
    ap.add_argument("--store", type=Path, help="a store to measure events vs incidents on instead")
    ap.add_argument("--corpus", type=Path, help="articles to run the pipeline on for corpus figures")
    ap.add_argument("--published", nargs=2, type=date.fromisoformat, metavar=("FROM", "TO"),
                    help="with --corpus: only the articles published in these days (inclusive)")  # fmt: skip
    ap.add_argument("--week-end", type=date.fromisoformat, default=date(2018, 4, 15))
    ap.add_argument("--exclude", type=Path, help="with --corpus: a file of article ids (one a line) not to analyse; "
                    "the reader still parses their lines, so pre-filter the file to keep all code off them")  # fmt: skip
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args(argv)
    if args.store:
        from geo.store import Store

        store = Store(args.store, read_only=True)
        events = store.events()
        urls = {a.article_id: a.url for a in store.articles() if a.url}
        for k, v in corpus_figures(events, group_incidents(events, urls=urls), args.week_end).items():
            print(f"{k}: {v}")
        return 0
    if args.corpus:
        if not args.corpus.exists():
            print(f"incidents_eval: no such file: {args.corpus}", file=sys.stderr)
            return 2
        skip = frozenset(args.exclude.read_text(encoding="utf-8").split()) if args.exclude else frozenset()
        events, incidents = run_pipeline(args.corpus, tuple(args.published) if args.published else None, skip)
        for k, v in corpus_figures(events, incidents, args.week_end).items():
            print(f"{k}: {v}")
        return 0
    mentions, articles, happenings = _gold_files(args)
    for path in (mentions, articles):
        if not path.exists():
            print(f"incidents_eval: no such file: {path}", file=sys.stderr)
            return 2
    try:
        gold = load_jsonl(mentions)
        problem = check_gold(gold)
        listed = load_jsonl(happenings) if happenings is not None and happenings.exists() else None
    except (OSError, ValueError) as exc:
        print(f"incidents_eval: cannot read the gold: {exc}", file=sys.stderr)
        return 2
    if problem:
        print(f"incidents_eval: {mentions.name}: {problem}", file=sys.stderr)
        return 2
    if listed is None and happenings is not None:
        print(f"incidents_eval: note: no {happenings.name}; happenings not checked", file=sys.stderr)
    elif listed is not None and (stray := stray_happenings(gold, listed)):
        print(f"incidents_eval: note: not in {happenings.name}: {', '.join(stray[:5])}", file=sys.stderr)
    print(f"gold {mentions.name} on {articles.name}")
    events, incidents = run_pipeline(articles)
    _print_score(score(gold, events, incidents), args.verbose)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
