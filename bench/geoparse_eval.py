"""Geoparser quality against the hand-annotated place-mention gold in tests/gold/.

Prints, per split, precision / recall / F1 of place mentions and the share of matched mentions
whose predicted point lies within 10 km of the gold point. The gold was annotated by reading the
texts, independently of the geoparser; its rules are in tests/gold/README.md.

Matching: a predicted mention matches a gold mention when their character spans overlap; pairs are
taken greedily by largest overlap (then smallest start difference), each mention used at most once.
A prediction counts only if the resolver gave it a place (`Located.place` not None); unresolved
candidates are reported apart. The 10 km score covers matched pairs where both points are known and
accepts the gold point or any of its `alt_sources` (e.g. the city for «ريف حلب»).

Usage: python bench/geoparse_eval.py [--split dev|heldout|all] [--verbose]
Exit status 0, or 2 when a gold file is malformed.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "gold"
SPLITS = (
    "dev", "heldout", "heldout2", "heldout9", "heldout11", "heldout13", "heldout15", "heldout16", "heldout17", "heldout18",
    "heldout19", "heldout20", "heldout21", "heldout22",
    "heldout23", "heldout24", "heldout25", "heldout26",
    "heldout27", "heldout28", "heldout29", "heldout30",
    "heldout31", "heldout32", "heldout33", "heldout34",
    "heldout35", "heldout36", "heldout37", "heldout38",
    "heldout39", "heldout40", "heldout41", "heldout42",
    "heldout43", "heldout44", "heldout45", "heldout46",
    "heldout47", "heldout48", "heldout49", "heldout50",
    "heldout51", "heldout52", "heldout53", "heldout54",
    "heldout55", "heldout56", "heldout57", "heldout58",
)
KM = 10.0
REQUIRED = {
    "article": str,
    "start": int,
    "end": int,
    "surface": str,
    "name_en": str,
    "kind": str,
    "coord_source": str,
    "country": str,
    "in_gazetteer_scope": bool,
}


class GoldError(ValueError):
    """A gold file that cannot be trusted: scoring against it would mislead."""


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(min(1.0, a)))


def _jsonl(path: Path) -> list[dict]:
    if not path.is_file():
        raise GoldError(f"missing gold file {path}")
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as exc:
            raise GoldError(f"{path.name}:{n}: not JSON ({exc})") from exc
    return rows


def _seed_dates() -> dict[str, str]:
    path = ROOT / "seeds" / "seeds.csv"
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8") as fh:
        return {Path(r["file"]).stem: r["published"] for r in csv.DictReader(fh)}


def load_split(split: str) -> tuple[list[dict], list[dict]]:
    """Articles (id, text, published, outlet) and gold mentions of one split, checked."""
    seeds = _seed_dates()
    articles = []
    for rec in _jsonl(GOLD / f"articles_{split}.jsonl"):
        text = rec.get("text")
        if text is None:
            path = ROOT / rec.get("path", "")
            if not path.is_file():
                raise GoldError(f"article {rec.get('id')}: text file {path} not found")
            text = path.read_text(encoding="utf-8")
        published = seeds.get(rec["id"]) or rec.get("published")
        articles.append(
            {"id": rec["id"], "text": text, "published": published, "outlet": rec.get("outlet", "")}
        )
    texts = {a["id"]: a["text"] for a in articles}
    mentions = _jsonl(GOLD / f"mentions_{split}.jsonl")
    for n, m in enumerate(mentions, 1):
        where = f"mentions_{split}.jsonl:{n}"
        for key, typ in REQUIRED.items():
            if not isinstance(m.get(key), typ):
                raise GoldError(f"{where}: field {key!r} missing or not {typ.__name__}")
        if m["article"] not in texts:
            raise GoldError(f"{where}: article {m['article']} not in articles_{split}.jsonl")
        if texts[m["article"]][m["start"] : m["end"]] != m["surface"]:
            raise GoldError(f"{where}: surface {m['surface']!r} is not text[{m['start']}:{m['end']}]")
        if (m.get("lat") is None) != (m.get("lon") is None):
            raise GoldError(f"{where}: lat and lon must both be set or both null")
    return articles, mentions


def match(gold: list[dict], pred: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """One-to-one (gold index, prediction index) pairs of overlapping spans, largest overlap first."""
    pairs = []
    for gi, g in enumerate(gold):
        for pi, (ps, pe) in enumerate(pred):
            ov = min(g["end"], pe) - max(g["start"], ps)
            if ov > 0:
                pairs.append((-ov, abs(g["start"] - ps), gi, pi))
    pairs.sort()
    used_g, used_p, out = set(), set(), []
    for _, _, gi, pi in pairs:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            out.append((gi, pi))
    return out


def _near(g: dict, lat: float, lon: float) -> tuple[bool, float]:
    points = [(g["lat"], g["lon"])] + [(a["lat"], a["lon"]) for a in g.get("alt_sources", ())]
    dist = min(haversine_km(la, lo, lat, lon) for la, lo in points)
    return dist <= KM, dist


def score(articles: list[dict], gold: list[dict], predictions: dict[str, list]) -> dict:
    """Figures for one split; `predictions` maps article id to a list of geo.model.Located."""
    by_art: dict[str, list[dict]] = {}
    for m in gold:
        by_art.setdefault(m["article"], []).append(m)
    tp = n_pred = unresolved = geo_n = geo_ok = 0
    scope_gold = scope_tp = 0
    misses, false_pos, far = [], [], []
    for art in articles:
        aid = art["id"]
        gl = sorted(by_art.get(aid, []), key=lambda m: m["start"])
        located = predictions.get(aid, [])
        resolved = [loc for loc in located if loc.place is not None]
        unresolved += len(located) - len(resolved)
        n_pred += len(resolved)
        spans = [(loc.mention.start, loc.mention.end) for loc in resolved]
        pairs = match(gl, spans)
        tp += len(pairs)
        hit_g = {gi for gi, _ in pairs}
        hit_p = {pi for _, pi in pairs}
        scope_gold += sum(m["in_gazetteer_scope"] for m in gl)
        scope_tp += sum(gl[gi]["in_gazetteer_scope"] for gi in hit_g)
        for gi, pi in pairs:
            g, place = gl[gi], resolved[pi].place
            if g.get("lat") is None or place.lat is None or place.lon is None:
                continue
            geo_n += 1
            ok, dist = _near(g, place.lat, place.lon)
            geo_ok += ok
            if not ok:
                far.append((aid, g["start"], g["surface"], g["name_en"], place.place_id, place.name_en, dist))
        misses += [
            (aid, g["start"], g["surface"], g["name_en"]) for gi, g in enumerate(gl) if gi not in hit_g
        ]
        false_pos += [
            (aid, loc.mention.start, loc.mention.surface, loc.place.place_id, loc.place.name_en)
            for pi, loc in enumerate(resolved)
            if pi not in hit_p
        ]
    p = tp / n_pred if n_pred else 0.0
    r = tp / len(gold) if gold else 0.0
    return {
        "articles": len(articles),
        "gold": len(gold),
        "predicted": n_pred,
        "unresolved": unresolved,
        "tp": tp,
        "precision": p,
        "recall": r,
        "f1": 2 * p * r / (p + r) if p + r else 0.0,
        "gold_in_scope": scope_gold,
        "recall_in_scope": scope_tp / scope_gold if scope_gold else 0.0,
        "geo_scored": geo_n,
        "within_10km": geo_ok,
        "share_10km": geo_ok / geo_n if geo_n else 0.0,
        "misses": misses,
        "false_positives": false_pos,
        "far": far,
    }


def _run_geoparser(articles: list[dict]) -> dict[str, list]:
    from geo import gazetteer
    from geo.model import Article
    from geo.pipeline import geoparse

    gaz = gazetteer.load()
    out = {}
    for a in articles:
        pub = date.fromisoformat(a["published"][:10]) if a.get("published") else None
        art = Article(article_id=a["id"], text=a["text"], published=pub, source=a.get("outlet", ""))
        out[a["id"]] = list(geoparse(art, gaz))
    return out


def evaluate(split: str) -> dict:
    """Score the geoparser on one gold split ("all" pools both). Raises GoldError on a malformed gold file.

    When the geoparser cannot run, the dict carries `error` and no figures.
    """
    if split == "all":
        loaded = [load_split(s) for s in SPLITS]
        articles = [a for arts, _ in loaded for a in arts]
        gold = [m for _, ms in loaded for m in ms]
    elif split in SPLITS:
        articles, gold = load_split(split)
    else:
        raise ValueError(f"split must be one of {SPLITS} or 'all', not {split!r}")
    base = {"split": split, "articles": len(articles), "gold": len(gold)}
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    try:
        predictions = _run_geoparser(articles)
    except Exception as exc:  # the geoparser is built in parallel; report, don't crash
        return {**base, "error": f"{type(exc).__name__}: {exc}"}
    return {**base, **score(articles, gold, predictions)}


def _print(res: dict, verbose: bool) -> None:
    print(f"== {res['split']}: {res['articles']} articles, {res['gold']} gold mentions")
    if "error" in res:
        print(f"geoparser not available: {res['error']}")
        return
    print(
        f"predicted {res['predicted']} (+{res['unresolved']} unresolved)  true positives {res['tp']}\n"
        f"precision {res['precision']:.3f}  recall {res['recall']:.3f}  F1 {res['f1']:.3f}  "
        f"recall on in-gazetteer-scope gold {res['recall_in_scope']:.3f} ({res['gold_in_scope']})\n"
        f"within {KM:g} km: {res['within_10km']}/{res['geo_scored']} = {res['share_10km']:.3f}"
    )
    if verbose:
        print(f"-- misses ({len(res['misses'])})")
        for aid, start, surface, name in res["misses"]:
            print(f"   {aid} @{start} {surface} ({name})")
        print(f"-- false positives ({len(res['false_positives'])})")
        for aid, start, surface, pid, name in res["false_positives"]:
            print(f"   {aid} @{start} {surface} -> {pid} {name}")
        print(f"-- matched but farther than {KM:g} km ({len(res['far'])})")
        for aid, start, surface, gname, pid, pname, dist in res["far"]:
            print(f"   {aid} @{start} {surface} gold {gname} -> {pid} {pname}: {dist:.0f} km")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=(*SPLITS, "all"), default="all")
    ap.add_argument("--verbose", action="store_true", help="list misses, false positives and far matches")
    args = ap.parse_args(argv)
    for split in SPLITS if args.split == "all" else (args.split,):
        try:
            res = evaluate(split)
        except GoldError as exc:
            print(f"malformed gold ({split}): {exc}", file=sys.stderr)
            return 2
        _print(res, args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
