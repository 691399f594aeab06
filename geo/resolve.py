"""One place per mention, with a confidence and the reason for it; never a silent guess.

Each candidate is scored on evidence a reader would use: Syria before foreign homonyms, the
trigger word agreeing with the kind of place, the governorate named around the mention, closeness
to the article's unambiguous places, size, and whether the place still exists. The margin between
the best and the runner-up sets the confidence.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace

from rapidfuzz import fuzz

from geo.gazetteer import distance_km
from geo.model import Article, Located, Mention, Place
from geo.text import normalize
from geo.toponyms import COMMON_ZIPF, nisba_countries, zipf

# Trigger word → kinds it names (the first is the most typical).
TRIGGER_KINDS = {
    "حي": ("neighbourhood",),
    "مدينة": ("city", "town"),
    "بلدة": ("town", "village", "city", "neighbourhood"),  # «بلدة جوبر»: a former town now a city quarter
    "قرية": ("village", "town"),
    "محافظة": ("governorate",),
    "حقل": ("oil_field",),
    "سد": ("dam",),
    "بئر": ("well",),
    "قاعدة": ("base", "airport"),  # «قاعدة حميميم»: the Russian air base at Bassel al-Assad airport
    "جبل": ("mountains",),
    "معبر": ("border_crossing",),
    "مطار": ("airport", "base"),
    "نهر": ("river",),
    # «ريف حمص»: the governorate; «ريف تدمر»: around the town (precision 2)
    "ريف": ("governorate", "city", "town"),
    "التابعة": ("governorate", "district", "subdistrict"),
    "ناحية": ("subdistrict", "town", "village"),
    "مركز": ("city", "town"),  # «مركز الرقة»: the centre of the city, though OCHA names a sub-district so
    # a name listed after a counted head («أربع قرى، وهي X وY»; geo/toponyms.py _LISTED_LABELS)
    "قرى": ("village", "town"),
    "بلدات": ("town", "village", "city"),
    "مدن": ("city", "town"),
    "أحياء": ("neighbourhood",),
}
COUNTRYSIDE = {"ريف", "شرق", "غرب", "شمال", "جنوب"}
# With no trigger, a bare name most likely means the settlement, then the governorate.
KIND_PRIOR = {
    "city": 1.5,
    "town": 1.2,
    "country": 1.2,
    "governorate": 1.0,
    "village": 0.8,
    "neighbourhood": 0.6,
    "district": 0.3,
    "subdistrict": 0.2,
}
AREAS = {"governorate", "region", "country", "district", "subdistrict", "river", "mountains"}
LOW_CONFIDENCE = 0.5
# «بلدة سنجار في ريف إدلب»: the text puts the name in a Syrian governorate, so a town abroad of the name (Sinjar of
# Iraq, which the press names far more often) loses as much as the namesake in that governorate gains
FOREIGN_IN_SYRIAN_CONTEXT = 3.0
# «القنيطرة» bare is the governorate or its seat, not the unpeopled hamlet of the name in Idlib that the article's
# Idlib places would pull it to: where a name is a governorate's, a village or quarter of another governorate with no
# known population loses as much as closeness to the article's places can give it (3.0), unless the text calls it a
# village or names its governorate around it.
GOVERNORATE_NAMESAKE = 3.0


def _km(a: Place, lat: float, lon: float) -> float:
    return distance_km(a.lat, a.lon, lat, lon)


# «عمليات عسكرية في سنجار شمال العراق»: a name abroad that the text once writes beside its country (within
# COUNTRY_WINDOW characters: «X شمال العراق», «X بالعراق», «العراق، ولا سيما X») is that country's place wherever the
# article names it (one sense per article), over a Syrian namesake the article's other places would pull it to; the
# bonus is as much as a governorate named around a Syrian name gains. The country is named beside it too by a place
# that lies only in it («سنجار وقنديل»: the Qandil mountains are Iraq's) and by its nisba («العملية العسكرية العراقية
# في منطقة سنجار»).
COUNTRY_WINDOW = 40
COUNTRY_NAMED_BONUS = 3.0


def _one_country(cs: list[Place]) -> set[str]:
    """The country of a mention that is a country, or that only places of one foreign country can be."""
    if len(cs) == 1:
        p = cs[0]
        return {p.country} if p.kind == "country" or p.country not in ("SY", "") else set()
    named = {p.country for p in cs}
    if cs and len(named) == 1 and (all(p.kind == "country" for p in cs) or not named & {"SY", ""}):
        return named
    return set()


def _countries_named_beside(
    mentions: list[Mention], cands: list[list[Place]], text: str = ""
) -> dict[tuple, frozenset[str]]:
    """Per candidate tuple, the countries other than Syria that the text names beside one of its mentions."""
    readings: dict[tuple, tuple[set[str], set[str]]] = {}  # a name repeated is read once
    for m, cs in zip(mentions, cands, strict=True):
        if m.candidates in readings:
            continue
        if len(cs) == 1:  # most names: one reading, nothing to choose between
            readings[m.candidates] = (_one_country(cs), set())
            continue
        abroad = {p.country for p in cs if p.country not in ("SY", "") and p.kind != "country"}
        # a name read in one country only has nothing to choose between
        readings[m.candidates] = (_one_country(cs), abroad if len({p.country for p in cs}) > 1 else set())
    countries = [(m, named) for m in mentions if (named := readings[m.candidates][0])]
    out: dict[tuple, frozenset[str]] = {}
    for m in mentions:
        foreign = readings[m.candidates][1]
        if not foreign:
            continue
        near = {
            c
            for n, named in countries
            if n is not m and max(n.start - m.end, m.start - n.end) <= COUNTRY_WINDOW
            for c in named & foreign
        }
        if text:
            around = text[max(0, m.start - COUNTRY_WINDOW) : m.start] + " " + text[m.end : m.end + COUNTRY_WINDOW]
            near |= nisba_countries(around) & foreign
        if near:
            out[m.candidates] = out.get(m.candidates, frozenset()) | near
    return out


def _places(m: Mention, gazetteer) -> list[Place]:
    get = gazetteer.get if hasattr(gazetteer, "get") else None
    out = []
    for pid in m.candidates:
        p = get(pid) if get else None
        if p is not None:
            out.append(p)
    return out


def _anchor(cands: list[Place]) -> Place | None:
    """A mention that can only mean one spot (all its Syrian settlement candidates within 25 km)."""
    pts = [p for p in cands if p.kind not in AREAS]
    if not pts or any(p.country != "SY" for p in pts):
        return None
    if any(_prominent(p) for p in pts):  # a city's namesake hamlets («دوما» of As-Sweida) leave it its spot
        pts = [p for p in pts if p.kind != "village" or p.population > 0]
    best = max(pts, key=lambda p: p.population)
    if all(_km(best, p.lat, p.lon) <= 25 for p in pts):
        return best
    return None


# A town this populous is what its name means beside an unpeopled hamlet of the name, as a city is («عفرين»: the town
# of 48,693, not the hamlet east of Aleppo; the sources call Afrin a town): the size of the smaller governorate seats.
PROMINENT_TOWN = 20_000


def _prominent(p: Place) -> bool:
    return p.kind == "city" or (p.kind == "town" and p.population >= PROMINENT_TOWN)


def _abandoned(gazetteer, pid: str) -> bool:
    check = getattr(gazetteer, "is_abandoned", None)
    return bool(check and check(pid))


_preferred_key = functools.lru_cache(maxsize=65536)(normalize)


def _nearest_km(p: Place, others: list[Place]) -> float | None:
    """Distance to the nearest other anchor place (equirectangular: ample for ranking within Syria)."""
    best = None
    k = math.cos(math.radians(p.lat))
    for a in others:
        if a.place_id != p.place_id:
            d2 = (a.lat - p.lat) ** 2 + ((a.lon - p.lon) * k) ** 2
            if best is None or d2 < best:
                best = d2
    return None if best is None else 111.2 * math.sqrt(best)


def _score(p: Place, m: Mention, others: list[Place], gazetteer, notes: list[str], listed: str = "") -> float:
    s = KIND_PRIOR.get(p.kind, 0.7)
    if p.country == "SY":
        s += 2.0
    elif p.population >= 100_000 or p.kind == "country":
        s += 4.0  # a foreign venue («جنيف», «أنقرة») beats a Syrian hamlet of that name
    kinds = TRIGGER_KINDS.get(m.trigger, ())
    if kinds:
        if p.kind in kinds:
            s += 10.0 if kinds.index(p.kind) == 0 else 3.0
        elif m.trigger not in ("ريف", "منطقة", "التابعة"):
            s -= 1.0
    if m.context_admin1 and p.admin1 == m.context_admin1:
        s += 3.0
        notes.append(f"in {m.context_admin1} named nearby")
    elif m.context_admin1 and p.country != "SY" and p.kind != "country":
        s -= FOREIGN_IN_SYRIAN_CONTEXT
    if listed and p.admin1 == listed:
        s += LISTED_BONUS
        notes.append(f"in {listed} like the places listed with it")
    d = _nearest_km(p, others) if p.country == "SY" and p.kind not in AREAS else None
    if d is not None:
        s += 3.0 * math.exp(-d / 80.0)
    if p.kind not in AREAS:  # an area's population is its residents', not a sign of prominence
        s += 0.4 * math.log10(p.population + 1)
    if _abandoned(gazetteer, p.place_id):
        s -= 3.0
    if _user_alias(p, m, gazetteer):
        s += 100.0
        notes.append("a user's correction")
    if _preferred_key(p.name_ar) == m.key:
        s += 0.3  # written as the place's preferred name rather than a variant
    return s


_CLITIC = re.compile(r"^(?:[وف]?[بلك]?)(?=ال)|^[وف](?=.)")


def _user_alias(p: Place, m: Mention, gazetteer) -> bool:
    """The mention is written as a name a user tied to this place (clitics aside)."""
    aliases = getattr(gazetteer, "user_aliases", {}).get(p.place_id)
    if not aliases:
        return False
    said = {m.key, normalize(m.surface)}
    said |= {_CLITIC.sub("", k) for k in said}
    for a in aliases:
        a = normalize(a)
        if a in said or _CLITIC.sub("", a) in said:
            return True
    return False


def resolve(article: Article, mentions: Iterable[Mention], gazetteer) -> list[Located]:
    """A Located for every mention, in the same order."""
    mentions = list(mentions)
    by_ids: dict[tuple[str, ...], tuple[list[Place], Place | None]] = {}  # a name repeated is looked up once
    for m in mentions:
        if m.candidates not in by_ids:
            places = _places(m, gazetteer)
            by_ids[m.candidates] = (places, _anchor(places))
    cands = [by_ids[m.candidates][0] for m in mentions]
    own = [by_ids[m.candidates][1] for m in mentions]
    count = Counter(a.place_id for a in own if a is not None)
    anchors = {a.place_id: a for a in own if a is not None}
    done: dict[tuple, tuple] = {}  # the same name in the same setting is decided once per article
    listed = _list_governorates(article.text, mentions, cands, own)
    abroad = _countries_named_beside(mentions, cands, article.text)
    out = []
    for m, cs, mine, gov in zip(mentions, cands, own, listed, strict=True):
        key = (m.candidates, m.trigger, m.context_admin1, gov)
        if key not in done:
            # a mention is not its own evidence: its anchor counts only if another mention gives it too
            others = [
                a for pid, a in anchors.items() if mine is None or pid != mine.place_id or count[pid] > 1
            ]
            done[key] = _decide(m, cs, others, gazetteer, gov, abroad.get(m.candidates, frozenset()))
        place, confidence, precision, reason = done[key]
        if place is not None and place.kind not in _KEPT_NAME_KINDS:  # the same place, written another way
            written = _as_written(place, m)
            if written is not place:
                place, reason = written, reason.replace(f"«{place.name_ar}»", f"«{written.name_ar}»", 1)
        out.append(Located(m, place, confidence, precision, reason))
    return out


# The gazetteer's preferred Arabic name of a place is at times another name of it altogether (GeoNames gives
# al-Zahraa as «نغاولة», Mamli as «أم الشهرايا», Jerusalem as «أورسالم»), or a spelling Arabic writers do not use
# («مونخ» for «ميونيخ», «دبى», «حمورة» for «حمورية»): a place the text names by another of its aliases is labelled as
# the text spelt it, on the map and the Review page (_writes_alias says when). Two names are spellings of one when
# rapidfuzz's ratio of the names without the article is at least SAME_NAME_RATIO («السويدة» of «السويداء»); an
# air base named after its village is «مطار حميميم», not «مطار باسل الأسد الدولي». Governorates and countries keep
# the name their sources agree on.
SAME_NAME_RATIO = 60
_KEPT_NAME_KINDS = frozenset({"country", "governorate"})
_RELABELLED_KINDS = frozenset({"village", "town", "neighbourhood", "airport", "base"})  # named by any alias
_written: dict[tuple[str, str], Place] = {}


def _as_written(p: Place, m: Mention) -> Place:
    """The place labelled with its alias the mention spells, when the report writes another name or spelling."""
    name, surface = p.name_ar, m.surface
    if name and surface.endswith(name) and surface[-len(name) - 2 : -len(name)] != "ال":
        return p
    out = _written.get((p.place_id, m.surface))
    if out is None:
        out = p
        alias = _alias_written(p, m)
        if (
            alias is not None
            and alias != p.name_ar
            and _writes_alias(alias, p.name_ar, _preferred_key(alias), p.kind)
        ):
            out = replace(p, name_ar=alias, names_ar=(alias, *(n for n in p.names_ar if n != alias)))
        if len(_written) > 65536:
            _written.clear()
        _written[(p.place_id, m.surface)] = out
    return out


def _alias_written(p: Place, m: Mention) -> str | None:
    """The alias the mention spells: the one its surface ends with among those of its key, else the first; the
    preferred name with the article the text gives it («والفوعة» of «فوعة») when an alias writes it so."""
    aliases = [n for n in p.names_ar if _preferred_key(n) == m.key]
    with_article = "ال" + p.name_ar
    if m.surface.endswith(with_article) and with_article in p.names_ar:
        aliases.insert(0, with_article)
    return next((n for n in aliases if m.surface.endswith(n)), aliases[0] if aliases else None)


def _writes_alias(alias: str, preferred: str, key: str, kind: str) -> bool:
    """Whether the report's alias is the better label: the preferred name's final «ى» dotted as Levantine writers
    do («دبي», not «دبى»); the report's article («الفوعة», not «فوعة»); a village's or quarter's other name; or one word Arabic text writes at least as often as
    a rarely written preferred one («القدس» for «أورسالم», «ميونيخ» for «مونخ»). Other letters the normalised key
    folds («حماه», «حماة») and a name that holds the other («الغوطة» of «الغوطة الشرقية») keep the preferred, so a
    place keeps one label across reports."""
    pref_key = _preferred_key(preferred)
    if pref_key == key:
        return f"{alias} " == f"{preferred} ".replace("ى ", "ي ")
    a, b = _bare(key), _bare(pref_key)
    if a == b:  # the article alone differs («الفوعة» of «فوعة»)
        return zipf(key) >= zipf(pref_key)
    short, long = sorted((a, b), key=len)
    if f" {short} " in f" {long} ":
        return False
    if kind in _RELABELLED_KINDS and fuzz.ratio(a, b) < SAME_NAME_RATIO:
        return True
    one_word = " " not in key and " " not in pref_key
    return one_word and zipf(pref_key) < COMMON_ZIPF and zipf(key) >= zipf(pref_key)


def _bare(key: str) -> str:
    return " ".join(w.removeprefix("ال") for w in key.split())


def _decide(
    m: Mention,
    cs: list[Place],
    others: list[Place],
    gazetteer,
    listed: tuple = ("", frozenset()),
    abroad: frozenset[str] = frozenset(),
) -> tuple:
    if not cs:
        return None, 0.0, 0, f"no gazetteer place for «{m.key}»"
    scored = []
    governorates = {p.admin1 for p in cs if p.kind == "governorate"}
    for p in cs:
        notes: list[str] = []
        score = _score(p, m, others, gazetteer, notes, listed[0])
        if governorates and _governorate_namesake(p, m, governorates):
            score -= GOVERNORATE_NAMESAKE
        if p.country in abroad:
            score += COUNTRY_NAMED_BONUS
            notes.append(f"{p.country} named beside it")
        scored.append((score, p, notes))
    scored.sort(key=lambda t: (-t[0], t[1].place_id))
    best_score, best, notes = scored[0]
    margin = best_score - scored[1][0] if len(scored) > 1 else 5.0
    # Several rows for one spot (city, its district, its sub-district) are not a real doubt.
    if len(scored) > 1 and _km(best, scored[1][1].lat, scored[1][1].lon) < 10:
        rivals = [t for t in scored[1:] if _km(best, t[1].lat, t[1].lon) >= 10]
        margin = best_score - rivals[0][0] if rivals else 5.0
    confidence = 0.5 + 0.45 * (1 - math.exp(-margin / 1.5))
    if best.kind == "village" and best.population == 0 and not m.trigger and len(scored) == 1:
        confidence = min(confidence, 0.75)
    if _abandoned(gazetteer, best.place_id):
        confidence = min(confidence, 0.4)
    if margin < 0.5:
        confidence = min(confidence, 0.45)
    if listed[0] and all(p.admin1 != listed[0] and p.admin1 not in listed[1] for _, p, _ in scored):
        astray = _astray(best, listed[0], others)
        if astray is not None:
            return None, 0.0, 0, astray
    if all(p.kind in ("village", "neighbourhood") and p.population == 0 for _, p, _ in scored):
        far = _far_hamlet(best, m, others)
        if far is not None:
            return None, 0.0, 0, f"only candidate «{best.name_ar}» ({best.admin1}) lies {far}"
    reason = [f"{best.kind} «{best.name_ar}» ({best.admin1 or best.country})"]
    if m.trigger:
        reason.append(f"trigger «{m.trigger}»")
    reason += notes
    if len(scored) > 1:
        reason.append(f"{len(scored)} candidates, margin {margin:.1f}")
    return best, round(confidence, 3), _precision(best, m), "; ".join(reason)


def _governorate_namesake(p: Place, m: Mention, governorates: set[str]) -> bool:
    """A hamlet that only shares the name of a governorate (GOVERNORATE_NAMESAKE)."""
    return (
        p.kind in ("village", "neighbourhood")
        and p.population == 0
        and p.admin1 not in governorates
        and p.admin1 != m.context_admin1
        and p.kind not in TRIGGER_KINDS.get(m.trigger, ())
    )


FAR_KM = 150.0


def _astray(best: Place, listed: str, others: list[Place]) -> str | None:
    """«هاجم قرى الشبكي والشريحي والمتونة ورامي»: a hamlet listed among places of one governorate whose only
    namesakes lie in another, far from them, where no other name of the list may lie («الفوعة وكفريا ومضايا
    والزبداني» names two towns of Idlib), is another village of the name outside the gazetteer: for review."""
    if best.population > 0 or best.kind not in ("village", "neighbourhood"):
        return None
    kin = [a for a in others if a.admin1 == listed]
    d = _nearest_km(best, kin)
    if len(kin) < ASTRAY_MIN or d is None or d <= FAR_KM:
        return None
    return f"listed with places of {listed}; the only «{best.name_ar}» ({best.admin1}) lies {d:.0f} km off"


# «قرى دوما وتيما والمتونة»: names joined by «و», «أو», a comma or a dash form one list (_LIST_JOINERS, read in the
# original text between two mentions). When at least LISTED_MIN of the other names of the list, and LISTED_SHARE of
# those that are unambiguous settlements, lie in one governorate, a candidate of that governorate gains LISTED_BONUS
# (as much as the governorate named nearby): the list is of that governorate's villages. A share, not all: one of
# them may be a namesake read wrong («ورامي» of Idlib among the villages of As-Sweida).
_LIST_JOINERS = frozenset({"", "،", ",", "-", "–", "—", "و", "او", "أو"})
_JOINER_GAP = 4  # « أو », the longest joiner with its spaces
LISTED_MIN = 2
ASTRAY_MIN = 3  # for review only when the article names three places of that governorate or more
LISTED_SHARE = 0.75
LISTED_BONUS = 3.0


def _list_governorates(
    text: str, mentions: list[Mention], cands: list[list[Place]], own: list[Place | None]
) -> list[tuple[str, frozenset[str]]]:
    """Per mention, the governorate the other unambiguous names of its list share (or ""), and the governorates
    any candidate of the list's other names lies in."""
    out: list[tuple[str, frozenset[str]]] = [("", frozenset())] * len(mentions)
    start = 0
    for i in range(1, len(mentions) + 1):
        if (
            i < len(mentions)
            and mentions[i].start - mentions[i - 1].end <= _JOINER_GAP
            and text[mentions[i - 1].end : mentions[i].start].strip() in _LIST_JOINERS
        ):
            continue
        if i - start > LISTED_MIN:  # a list [start, i) of at least LISTED_MIN + 1 names
            for k in range(start, i):
                govs = Counter(own[j].admin1 for j in range(start, i) if j != k and own[j] is not None)
                if govs:
                    gov, n = govs.most_common(1)[0]
                    if gov and n >= LISTED_MIN and n >= LISTED_SHARE * govs.total():
                        kin = {p.admin1 for j in range(start, i) if j != k for p in cands[j]}
                        out[k] = (gov, frozenset(kin - {gov}))
        start = i
    return out


# Words before a name that say which place is meant, however far it lies from the rest: a settlement head,
# or a base's or an airport's («ينتشر معظمهم في قاعدة حميميم»: the base by the village, 381 km from the story's
# other places). Not «حقل», «سد», «معبر»: an adjective often follows them («حقول نفطية», «معبر إنساني»).
NAMING_TRIGGERS = frozenset({"قرية", "بلدة", "مدينة", "حي", "قاعدة", "مطار"})


def _far_hamlet(best: Place, m: Mention, others: list[Place]) -> str | None:
    """A bare hamlet far from everything else the article names is more likely another place of the
    same name outside the gazetteer («القلمون الشرقي», «قره خان» in Hatay): leave it for review."""
    if (
        sum(a.place_id != best.place_id for a in others) < 2
        or best.population > 0
        or best.kind not in ("village", "neighbourhood")
    ):
        return None
    if m.trigger in NAMING_TRIGGERS or m.context_admin1 == best.admin1:
        return None
    d = _nearest_km(best, others)
    return f"{d:.0f} km from the nearest other place of the article" if d is not None and d > FAR_KM else None


def _precision(p: Place, m: Mention) -> int:
    if p.kind in ("governorate", "region", "country"):
        return 3
    if p.geo_precision >= 2 or m.trigger in COUNTRYSIDE:
        return max(2, p.geo_precision)
    return 1
