"""Place search as users type it: Arabic or English, with or without the article, small misspellings,
and a city's quarters under the city.

`PlaceSearch(query).ids(places)` gives the ids of the places (of the events on hand) the query names:
1. a folded name contains the folded query (gazetteer.fold, then the article dropped from each word:
   «الرقة» → «رقه», "Ar Raqqah" → "raqqah", "al-Bab" → "bab");
2. or a word of a name is within FUZZY_MIN (rapidfuzz ratio) of the query ("raqa" → "raqqah");
3. or the place is a quarter (kind "neighbourhood") whose parent, or nearest city or town within
   QUARTER_KM in the same governorate, matched by 1 or 2 («حي البريد» under «الرقة»);
4. or the place is a facility (FACILITY_KINDS) whose own name (Arabic or English, not a descriptive alias)
   calls it after the query, a whole word of it, within FACILITY_KM of a city or town matched by 1 or 2
   ("Aleppo" → Aleppo International Airport).

Hits of 1 and 2 are ranked, and only the best tier (within RANK_MARGIN of the best) is kept: the
name itself (100) before a name of more words holding it (WORD_PENALTY per extra word), and a near
spelling by its similarity, so "raqa" finds Raqqa (89) and not Saraqib or Raqqat Samrah, whose
names only hold or nearly spell it inside a longer word (73, 80).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from functools import lru_cache

from rapidfuzz import fuzz

from geo.gazetteer import distance_km, fold

# Similarity (0-100, rapidfuzz.fuzz.ratio) of a query and a name's word that still counts as the
# same name: "raqa"/"raqqah" is 80, "homs"/"hama" is 50, "idlib"/"idleb" 80.
FUZZY_MIN = 80
# Queries shorter than this are matched literally: three letters are within one edit of too much.
FUZZY_MIN_CHARS = 4
# A quarter lies within this distance of its city's point (Aleppo's farthest quarters: ~7 km).
QUARTER_KM = 8.0
QUARTER_KINDS = ("neighbourhood",)
# Score lost per word a name has beyond the query's ("Raqqa" in "Baath Dam upstream of Raqqa").
WORD_PENALTY = 5
# Hits scoring this much below the best hit are dropped (a word more, or a letter's difference).
RANK_MARGIN = 4
CITY_KINDS = ("city", "town")
# Places named after the city they serve («مطار حلب الدولي»): found with it when this close to it (Aleppo's
# airport lies ~9 km from the city's point; the Baath Dam, "upstream of Raqqa", 22 km from Raqqa's).
FACILITY_KINDS = ("airport",)
FACILITY_KM = 15.0

# Articles at the start of a word: Arabic «ال» (with «و»/«ب»/«ل» before it: وال، بال، لل) and the
# transliterated forms (al-, el-, ar-, as-, ash-, ad-, at-, az-, an-, "the").
_AR_ARTICLE = re.compile(r"(?:^|(?<=\s))(?:[وب]?ال|لل)(?=\w{2,})")
_LETTER_DIGIT = re.compile(r"(?<=\b[a-z])[\s-]+(?=\d)")
_EN_ARTICLE = re.compile(r"(?:^|(?<=\s))(?:al|el|ar|as|ash|ad|at|az|an|the)\s+(?=\w{3,})")


@lru_cache(maxsize=65536)
def key(name: str) -> str:
    """The search key of a name or a query: folded, hyphens as spaces, articles dropped."""
    text = fold(name.replace("'", "").replace("’", ""))
    text = _LETTER_DIGIT.sub("", text).replace("-", " ")  # "T-4", "T 4" and "T4" are one name
    text = _EN_ARTICLE.sub("", text)
    return " ".join(_AR_ARTICLE.sub("", text).split())


def _names(p) -> tuple[str, ...]:
    return tuple(dict.fromkeys((p.name_ar, p.name_en, *p.names_ar, *p.names_en)))


class PlaceSearch:
    """One query, prepared once for many places."""

    def __init__(self, query: str) -> None:
        self.query = key(query or "")
        self.fuzzy = len(self.query.replace(" ", "")) >= FUZZY_MIN_CHARS

    def __bool__(self) -> bool:
        return bool(self.query)

    def _unit_score(self, unit: str) -> float:
        q = self.query
        if q == unit:
            return 100.0
        if q in unit:  # held inside a longer word or name: by how much of it the query is
            return max(fuzz.ratio(q, unit), 1.0)
        score = fuzz.ratio(q, unit) if self.fuzzy else 0.0
        return score if score >= FUZZY_MIN else 0.0

    def score(self, p) -> float:
        """Rules 1 and 2 ranked (0: no match): the best of the place's names, each scored on the
        whole name and on its words less WORD_PENALTY per word the name has beyond the query's."""
        return self._best(p)[0]

    def _best(self, p) -> tuple[float, str, bool]:
        """(score, the name or word scored, whether it is of the place's own name_ar/name_en)."""
        best, n_query = (0.0, "", False), len(self.query.split())
        own = {p.name_ar, p.name_en}
        for name in _names(p):
            k = key(name)
            words = k.split()
            extra = max(0, len(words) - n_query)
            units = [(k, 0)] + [(w, extra) for w in words if w != k]
            if n_query > 1 and f" {self.query} " in f" {k} ":
                units.append((self.query, extra))
            for unit, penalty in units:
                s = self._unit_score(unit)
                if s and (s - WORD_PENALTY * penalty, name in own) > best[::2]:
                    best = (s - WORD_PENALTY * penalty, unit, name in own)
        return best

    def names_match(self, p) -> bool:
        """Rule 1 or 2: one of the place's names is the query, contains it, or nearly spells it."""
        return self.score(p) > 0

    def ids(self, places: Iterable, corrected: bool = False) -> set[str]:
        """Ids of the places this query names (the best tier), quarters of a named city included."""
        if not self.query:
            return set()
        pool = {p.place_id: p for p in places if p is not None}
        best = {pid: self._best(p) for pid, p in pool.items()}
        top = max((b[0] for b in best.values()), default=0.0)
        hit = {pid for pid, b in best.items() if b[0] > 0 and b[0] >= top - RANK_MARGIN}
        if top < 100 and self.fuzzy and not corrected:  # no name is the query: read a slip as the place's
            # own name it nearly spells ("doma" → "douma", not also Damascus's exonym "Domás")
            own = {best[pid][1] for pid in hit if best[pid][2] and best[pid][1] != self.query}
            if own:
                return set().union(*(PlaceSearch(w).ids(pool.values(), corrected=True) for w in own))
        cities = [pool[pid] for pid in hit if pool[pid].kind in CITY_KINDS]
        near = {
            pid
            for pid, p in pool.items()
            if (p.kind in QUARTER_KINDS and _under(p, hit, cities, pool))
            or (p.kind in FACILITY_KINDS and self._serves(p, cities))
        }
        return hit | near

    def _serves(self, facility, cities: list) -> bool:
        """Rule 4: a name of the facility holds the query as whole words, and a found city is near."""
        if not any(f" {self.query} " in f" {key(name)} " for name in (facility.name_ar, facility.name_en)):
            return False
        return any(distance_km(facility.lat, facility.lon, c.lat, c.lon) <= FACILITY_KM for c in cities)


def _under(quarter, hit: set[str], cities: list, pool: dict) -> bool:
    if quarter.parent_id in pool:
        return quarter.parent_id in hit
    near = [
        c
        for c in pool.values()
        if c.kind in CITY_KINDS
        and c.admin1 == quarter.admin1
        and math.isfinite(c.lat)
        and distance_km(quarter.lat, quarter.lon, c.lat, c.lon) <= QUARTER_KM
    ]
    if not near:
        return False
    nearest = min(near, key=lambda c: distance_km(quarter.lat, quarter.lon, c.lat, c.lon))
    return nearest in cities
