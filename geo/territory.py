"""Who holds what: a timeline of states per place, built from dated evidence, and the areas it implies.

A **state** (`geo.model.Control`) says who holds a place from `since`, when that was last confirmed,
on what evidence (event ids), how confident we are, and whether the place is contested. It lasts
until contrary evidence. The rules, in the order they are applied (the word lists and mappings are
data in geo/rules/territory_*.jsonl, each row with an example that tests/test_territory.py checks):

- Only forces on the ground hold ground (territory_controllers.jsonl): Russia, Iran, Hezbollah and
  allied militias hold for the Syrian government; the SDF holds what the US-led coalition is
  credited with; Turkey and the factions it backs are one controller, "Turkey-backed opposition"
  (the opposition counts as such where its sentence names Turkey in a taking, or its article has
  Turkey-backed evidence). Israel, the UN or any actor not listed never becomes a controller.
- Evidence comes only from an event that happened, dated to the day or the week (a date known only
  to the month or the year is no taking: no "2012-12-31"), whose object is the place itself, named
  close after the trigger (or just before it): taken (gov_regains, nsa_overtakes; for an expelling
  verb «طرد» the side named after it is the loser, territory_triggers.jsonl), handed over (withdrawal:
  actor1 leaves; only the government side receives by deal; an opposition evacuated with no receiver
  named leaves its town to the government, weighed as a statement, or as a retelling where the event
  stage only guessed who left, GUESSED_BASES), or a holding statement told as
  current (extra["control_statement"], or any report whose sentence describes the place with a holding
  phrase, territory_statements.jsonl: «دوما الخاضعة لسيطرة المعارضة», «إدلب التي تسيطر عليها الفصائل»,
  «مناطق سيطرة النظام في نبل», «مقر قيادة داعش في هجين» — a side's positions in a city are only a
  quarter of it, DIVIDED_KINDS; only linking words may stand between the place and the phrase, so
  «التي كانت خاضعة» says nothing, and a phrase in the sentence of a taking tells the state before it).
  A reported seat of government (territory_seats.jsonl) is confirmed as its government's by every
  dated report placed there.
- A taking retold as background (a past, retelling or relative cue: «منذ سيطرتها على», «التي انتهت
  بالسيطرة على»), or dated only to its month («في نوفمبر 2017 سيطر النظام على البوكمال»: by the
  month's end), is weak evidence: its taker held the place by then. Told by CORROBORATING_ARTICLES
  articles it may tell a place's first holder, or replace a holder that is not established or was
  unconfirmed for STALE_DAYS; it confirms a holder; otherwise it only makes a conflict. A retelling
  whose own sentence dates it to the day («وكانت قسد قد سيطرت على الرقة في 17 تشرين الأول 2017») tells
  the change itself, from that day, as a taking does.
- Not evidence: a cue governing the trigger (territory_cues.jsonl: «كان», «منذ», «لو», «قرب سيطرتها»,
  «مفاوضات بشأن», a relative «التي» before it, «السابق» after it), a taking undone later in its sentence
  («… قبل أن يستعيدها الجيش», «لم تدم»), a place named as near, a part or of something else («قرب دمشق»,
  «الغوطة الشرقية لدمشق», «ريف حماة», «قسم من حي …», «قرى تابعة لمدينة …»; checked before a retelling's
  cue) or in another clause than the trigger («بينما فر السكان إلى دوما», «بعد انسحاب المسلحين من …»), a
  taker named only after the place («الرقة معقل داعش»; unless the event stage took it from outside the
  clause and its other side is named before the verb: that side took it, OUTSIDE_BASES), a stronghold said of
  the bare name a governorate shares («دير الزور، المعقل الأخير للتنظيم»: the province), or a flag the event
  stage sets (BACKGROUND_FLAGS). An entry («دخلت», territory_triggers.jsonl "enters") into a place another
  side withdraws from in the same sentence is a taking.
- The event must be placed at the place, not around it (its geo_precision no coarser than the
  place's), in Syria, and at a place one can hold: a country, governorate, region, river, lake or
  range named in a sentence hands over nothing by itself.
- A pocket taken whole hands over its members (territory_pockets.jsonl, each with its public source:
  Eastern Ghouta, the Yarmouk Basin, Eastern Qalamoun, Wadi Barada by their listed places; the Afrin
  district, «منطقة عفرين», by its Who's On First county's localities): a taking of the region itself with
  no word of a part («في المئة من مساحة», «بلدتين جنوب»), an exception («باستثناء دوما») or an aim
  («تسعى إلى فرض سيطرتها»). A member nothing else tells takes it as its own taking; one its own reports
  tell, as a retelling (never overturning a holder they establish: Douma). Its loser (named, or the
  district town's holder before) held the members before, as a prior holder that lends no area. A
  governorate taken, even «كامل محافظة درعا», hands over nothing. A holding told of the opposition and
  one of HTS at the same place are one side as the press tells it (TOLD_AS_ONE), no conflict.
- Evidence for the holder confirms the state. A taking by another side starts a new state, unless
  the holder is established (told by ESTABLISHED_ARTICLES articles within STALE_DAYS): then one
  article against it only makes it contested, and a second within CONTEST_WINDOW_DAYS makes the
  change (from the first one's day). A holding statement for another side within CONTEST_WINDOW_DAYS
  of a taking does not overturn it (the press retells who held a town for weeks after it fell) but
  makes the place contested. Two changes within the window also make it contested.
- Before a place's first evidence: the loser of its first change (the side that withdrew or was
  named as the taking's other side), told by CORROBORATING_ARTICLES articles, held it for up to
  PRIOR_HOLDER_DAYS (kind "prior", shaded as stale: no report of that day tells it; a city's is
  contested, DIVIDED_KINDS: the loser may have held only a part); where its first reports tell a
  holding as current instead (no change), told by CORROBORATING_ARTICLES articles, that holder did.
  Told by one article only, that holder did for up to FIRST_REPORT_DAYS (kind "first_report", weaker,
  lending no area), unless a report before it, retold or not, tells another holder, or a change of the
  place names another loser.
- A holding told only in articles that report another side advancing on the place or fighting there
  («استمرار العمليات العسكرية باتجاه بلدة السخنة … والتي يسيطر عليها التنظيم») is a front town's: once
  its last confirmation is STALE_DAYS old, who holds it is unknown (no state), not the old holder.
- Containment: a quarter (a gazetteer row whose `parent_id` is its city) takes its city's state
  when the city changed hands after the quarter's own last evidence. A subdistrict or district and the town it
  is named after (SEAT_KM) are one place, the town.
- A holding told only while another side advanced on the place or fought there is contested; a state weighed
  below WEAK_CONFIDENCE is shaded paler (is_stale).
- Areas: each controlled point's Voronoi cell within its OCHA governorate among the gazetteer's places
  (SITE_KINDS: a held place shades its own ground, a place whose holder nothing tells stays unshaded), at
  most AREA_RADIUS_KM from it; front lines where cells of different controllers meet; the cells of states last
  confirmed more than STALE_DAYS ago are marked stale (the map shades them paler). A place the events
  name with no evidence of its own, or a town, city, seat of a unit or site of the gazetteer (TARGET_KINDS),
  takes a holder from the places around it only where they surround it (`area_state`, kind "area", shaded paler and shown as inferred): the lending states of one holder
  within AREA_INFERENCE_KM span a polygon it lies in (SURROUND_SLACK_KM), no other holder's place
  stands in it (the polygon of its SURROUND_LENDERS nearest lenders, or of three of them), and no other
  holder's or contested place is within FRONT_MARGIN times the nearest
  lender's distance; beside one holder's places but not among them it stays unknown (a front may run
  there). Neither crosses a barrier (territory_barriers.jsonl: the Euphrates, the line between the SDF and
  the government in Deir ez-Zor): cells are cut along it, and a place more than RIVER_BANK_KM off it takes no
  holder from a place off it on the other bank. Only Syrian places take one. A village of the gazetteer no report
  names (POCKET_KINDS) takes one only inside a pocket (pocket_states, kind "area", paler: in a triangle of one holder's
  lending places that holds no other holder's place, with no other side's ground within POCKET_WIDTH_KM), never its
  governorate's. Where none surrounds it, a place
  takes the holder its governorate is told held by («محافظة إدلب التي تسيطر عليها فصائل المعارضة»: province_holder,
  CORROBORATING_ARTICLES articles within STALE_DAYS, one holder), unless another side's place or a contested one
  stands within PROVINCE_FRONT_KM (a front or an enclave), or its own first report tells another side, or any
  names another loser; before the province is first so told, that holder held it for up to PRIOR_HOLDER_DAYS
  (weaker, unconfirmed, as a prior holder). bench/control_eval.py measures the inferred states apart. control_cells
  keeps the cells of its last CELLS_CACHE_SIZE sets of points (a cell depends on the points, not on their holders).
"""

from __future__ import annotations

import bisect
import json
import math
import re
import warnings
from collections import OrderedDict, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

import numpy as np
import shapely
import shapely.ops
from pyproj import Geod, Transformer
from shapely.geometry import MultiPoint, Point, shape

from geo.eventtypes import read_jsonl
from geo.model import EVENT_TYPES, Control, Event

GOVERNMENT = "Syrian government"
ROOT = Path(__file__).resolve().parents[1]
OUTLINE_PATH = ROOT / "data" / "sources" / "syr_admin0_outline.geojson"
ADMIN1_PATH = ROOT / "data" / "sources" / "ocha_syr_admin1_simplified.geojson"
RULES = Path(__file__).resolve().parent / "rules"
CONTROLLERS_PATH = RULES / "territory_controllers.jsonl"
CUES_PATH = RULES / "territory_cues.jsonl"
TRIGGERS_PATH = RULES / "territory_triggers.jsonl"
SEATS_PATH = RULES / "territory_seats.jsonl"
STATEMENTS_PATH = RULES / "territory_statements.jsonl"
OBJECTS_PATH = RULES / "territory_objects.jsonl"
KIND_WORDS_PATH = RULES / "territory_kind_words.jsonl"
BARRIERS_PATH = RULES / "territory_barriers.jsonl"
POCKETS_PATH = RULES / "territory_pockets.jsonl"
WOF_PLACES_PATH = ROOT / "data" / "sources" / "wof_sy_places.csv"  # Who's On First: each locality's county (district)
CONTEXT_PATH = ROOT / "data" / "sources" / "ne_syria_context.geojson"  # Natural Earth rivers (mapview draws them)

# Conflicting evidence this recent makes a place contested: the press tells a battle for a town for
# two to three weeks before one side is reported holding it, and retells the old holder as long.
CONTEST_WINDOW_DAYS = 21
# Evidence older than this is shaded paler: fronts in 2017–2018 moved within a season.
STALE_DAYS = 120
# A town or village told held only while another side advanced on it or fought there is a front town: the offensives
# of 2017–2018 took such a place within weeks (al-Sukhnah, told IS-held on 17 June 2017 with the army advancing on it,
# fell on 6 August: QA13 C3b), so after two contest windows with no news who holds it is unknown. A city under
# siege held out for months (Raqqa: June to October 2017) and keeps STALE_DAYS (DIVIDED_KINDS).
FRONT_TOWN_DAYS = 2 * CONTEST_WINDOW_DAYS
# A holder outlives its pocket no longer than its neighbours: once another side takes a place this close from it
# (after the place was last told its) and no report tells that holder anywhere this close since, who holds the
# place is unknown (the Yarmouk basin's IS villages after the pocket fell in July 2018, al-Qadam after southern
# Damascus in May 2018: a pocket of 2017–2018 was some 5–20 km across, and its villages' own falls went untold).
OUTLIVED_KM = 20.0
# Dates known to the day (1) or the week (2) count; a month (3) or a year does not.
MAX_TIME_PRECISION = 2
MONTH_ONLY = "date known only to the month or year"
# A span of dates this long or shorter is one month («في نوفمبر 2017»); longer is a year or more.
MONTH_SPAN_DAYS = 31
# A cue governs the trigger it stands this close before (a few words, within one clause).
CUE_REACH_CHARS = 40
# A taking's object follows its verb closely («سيطرت على مدينة عفرين»: 80 % of takings name the
# place within 60 characters) or stands just before it in a relative clause.
OBJECT_REACH_AFTER = 80
OBJECT_REACH_BEFORE = 40
# Further on, the object is what the verb's own preposition introduces («سيطر … على», «طرد … من»,
# territory_objects.jsonl) past an apposition of the taker, within one sentence of this length: two
# appositions of a side («قوات سوريا الديمقراطية، وهي تحالف …، في أكتوبر الماضي،») run to ~120 characters.
OBJECT_PREPOSITION_REACH = 160
# A state told by this many articles is established: one article against it (often a misplaced
# homonym or a loser read as the taker) makes it contested; a second within CONTEST_WINDOW_DAYS
# is needed to overturn it.
ESTABLISHED_ARTICLES = 3
CORROBORATING_ARTICLES = 2
# Confidence: each piece of evidence adds its weight (noisy-or); a taking says more than a statement.
KIND_WEIGHT = {"taking": 0.8, "statement": 0.5, "retold": 0.3}
CONTESTED_FACTOR = 0.5
STALE_FACTOR = 0.7
# A holding phrase describes the place it follows closely («دوما الخاضعة لسيطرة المعارضة», «إدلب، التي
# لا تزال تحت سيطرة …»): the place, a few linking words, then the phrase, then its holder within a few
# words («لسيطرة قوات سوريا الديمقراطية»). Further on, the phrase describes another place.
STATEMENT_REACH_CHARS = 70
HOLDER_REACH_CHARS = 25
# «التابع لقوات النظام»: a phrase that says only "belonging to" names its holder in the very next word (a
# proclitic «ل» and «قوات» aside); further on it belongs to a unit («التابعة لإدلب») and the side is another's.
ADJACENT_HOLDER_CHARS = 3
# «مناطق سيطرة النظام في نبل»: the held areas named at most this far before the place.
HELD_AREAS_REACH_CHARS = 60
# A side's areas or positions in a city are a part of it: the cities were where fronts ran through
# (Homs's al-Waer to 2017, Daraa al-Balad to 2018, Qamishli and Hasakah shared by the government and
# the SDF), so «مقرات الفصائل في مدينة حمص» says who holds a quarter, not the city.
DIVIDED_KINDS = frozenset({"city"})
# A taking from a named loser (or a withdrawal of its leaver) tells who held the place before it: back
# to the place's previous evidence, and at most this far. The fronts of 2017–2018 fell as pockets and
# sieges that had stood for years (Eastern Ghouta, Daraa, northern Homs since 2012–2013); a year back
# stays within one phase of the war, where a place rarely changed hands twice.
PRIOR_HOLDER_DAYS = 365
# Extra flags the event stage may set that make an event background rather than news.
BACKGROUND_FLAGS = ("background", "retelling", "retold", "conditional", "past", "hypothetical")

_TAKING_TYPES = {EVENT_TYPES["gov_regains"]: "gov_regains", EVENT_TYPES["nsa_overtakes"]: "nsa_overtakes"}
_WITHDRAWAL = EVENT_TYPES["withdrawal"]
_CHANGES = frozenset({*_TAKING_TYPES, _WITHDRAWAL})
_NOT_HELD = frozenset({"country", "governorate", "river", "lake", "mountains", "region"})
_RANK = {"retold": 0, "statement": 1, "taking": 2}  # on one day a statement describes, a taking changes
# A taking retold as background («منذ سيطرتها على», «التي انتهت بالسيطرة على») says its taker held
# the place by the report: it confirms a holder or tells a place's first one, and overturns nothing.
RETOLD_CUES = ("cue: past", "cue: retelling", "cue: relative")
_SENTENCE_BREAK = re.compile(r"[.!?؟\n؛;]")
_CLAUSE_BREAK = re.compile(r"[،,؛;:.!?\n«»\"()]")
_OPENING_QUOTES = " \"«“"


# --------------------------------------------------------------------------- rules (data)


@dataclass(frozen=True, slots=True)
class Rules:
    holder: Mapping[str, str | None]  # actor → who holds ground it is credited with (None: never)
    evacuated_to: Mapping[str, str]  # actor → who gains a town it is evacuated from, none named
    joins: Mapping[
        str, str
    ]  # controller → the one it counts as where the same article has evidence of that one
    no_withdrawals: frozenset[str]  # actors a withdrawal never hands a place to (air powers)
    expels: frozenset[str]  # normalised triggers whose object is the loser («طرد»)
    seats: Mapping[tuple[str, str], str]  # (normalised Arabic name, kind) of a seat of government → holder
    cues: tuple[tuple[str, str, str], ...]  # (normalised cue, kind, "before" or "after" the trigger)
    holds: tuple[tuple[str, frozenset[str]], ...] = ()  # holding phrases after a place («الخاضعة لسيطرة»),
    # longest first, each with the words that must not follow it («بيد أن»: however)
    adjacent: frozenset[str] = frozenset()  # holding phrases whose holder is the very next word («التابع ل»)
    holds_before: tuple[str, ...] = ()  # held-area phrases before a place («مناطق سيطرة»)
    links: tuple[str, ...] = ()  # words that may stand between a place and its holding phrase
    holder_names: Mapping[str, str] = field(default_factory=dict)  # names the actor finder leaves to context
    objects: tuple[tuple[str, str, bool], ...] = ()  # (trigger stem, its object's preposition, first one only)
    finite_expels: frozenset[str] = frozenset()  # expelling verbs that may have their subject after them
    expelled_words: frozenset[str] = frozenset()  # «مقاتلي», «المسلحين»: the expelled, after a subject
    kind_words: Mapping[str, str] = field(default_factory=dict)  # role → «(?:مدينه|بلده|…)» (territory_kind_words)
    holds_own: Mapping[str, str] = field(default_factory=dict)  # actor → who holds what a holding phrase tells it holds
    province_sense: frozenset[str] = frozenset()  # holding phrases said of provinces too («معقل»: a stronghold)
    enters: frozenset[str] = frozenset()  # normalised entering triggers («دخلت»): a taking where the loser withdrew
    besieged: frozenset[str] = frozenset()  # holding phrases that name the besieger («المحاصرة من قبل», «يحاصرها»)
    besieged_holder: Mapping[str, str] = field(default_factory=dict)  # besieger → who holds what it besieges


@lru_cache(maxsize=1)
def rules() -> Rules:
    from geo.text import normalize

    holder: dict[str, str | None] = {}
    evacuated: dict[str, str] = {}
    joins: dict[str, str] = {}
    no_withdrawals: set[str] = set()
    holds_own: dict[str, str] = {}
    for row in read_jsonl(CONTROLLERS_PATH):
        if row.get("holds_own"):
            holds_own[row["actor"]] = row["holds_own"]
        if row.get("receives_withdrawals") is False:
            no_withdrawals.add(row["actor"])
        holder[row["actor"]] = row["holder"]
        if row.get("evacuated_to"):
            evacuated[row["actor"]] = row["evacuated_to"]
        if row.get("joins") and row["holder"]:
            joins[row["holder"]] = row["joins"]
    cues = tuple(
        (normalize(r["cue"]), r["kind"], r.get("position", "before")) for r in read_jsonl(CUES_PATH)
    )
    triggers = read_jsonl(TRIGGERS_PATH)
    expels = frozenset(normalize(r["trigger"]) for r in triggers if r["role"] == "expels")
    finite = frozenset(normalize(r["trigger"]) for r in triggers if r["role"] == "expels" and r.get("finite"))
    expelled = frozenset(normalize(r["word"]) for r in triggers if r["role"] == "expelled_word")
    seats = {(normalize(r["place_ar"]), r["kind"]): r["holder"] for r in read_jsonl(SEATS_PATH)}
    statements = read_jsonl(STATEMENTS_PATH)

    def phrases(role: str) -> tuple[str, ...]:
        return tuple(
            sorted({normalize(r["phrase"]) for r in statements if r["role"] == role}, key=len, reverse=True)
        )

    names = {normalize(r["phrase"]): r["holder"] for r in statements if r["role"] == "holder_name"}
    unless = {
        normalize(r["phrase"]): frozenset(map(normalize, r.get("not_followed_by", ())))
        for r in statements
        if r["role"] == "holds"
    }
    holds = tuple((h, unless.get(h, frozenset())) for h in phrases("holds"))
    objects = tuple(
        (normalize(r["stem"]), normalize(r["preposition"]), bool(r["first"])) for r in read_jsonl(OBJECTS_PATH)
    )
    adjacent = frozenset(normalize(r["phrase"]) for r in statements if r["role"] == "holds" and r.get("adjacent"))
    kinds: dict[str, list[str]] = {}
    for r in read_jsonl(KIND_WORDS_PATH):
        kinds.setdefault(r["role"], []).append(re.escape(normalize(r["word"])))
    kind_words = {role: "(?:" + "|".join(words) + ")" for role, words in kinds.items()}
    return Rules(
        holder, evacuated, joins, frozenset(no_withdrawals), expels, seats, cues,
        holds, adjacent, phrases("holds_before"), phrases("link"), names, objects, finite, expelled, kind_words,
        holds_own, frozenset(normalize(r["phrase"]) for r in statements if r.get("province_sense")),
        frozenset(normalize(r["trigger"]) for r in triggers if r["role"] == "enters"),
        frozenset(normalize(r["phrase"]) for r in statements if r["role"] == "holds" and r.get("besieged")),
        {r["phrase"]: r["holder"] for r in statements if r["role"] == "besieger"},
    )  # fmt: skip


def holder_of(actor: str) -> str | None:
    """Who holds ground credited to `actor`: a controller key, or None (air force, mediator, unknown)."""
    return rules().holder.get(actor) if actor else None


def _holding_of(actor: str) -> str | None:
    """Who holds a place a holding phrase says `actor` holds: its own garrison for the coalition («قاعدة التنف
    التي يسيطر عليها التحالف الدولي», territory_controllers.jsonl holds_own), else holder_of."""
    return rules().holds_own.get(actor) or holder_of(actor)


def _trigger_span(ev: Event) -> tuple[int, int] | None:
    """(start, end) of the event's trigger within its quote, if the event stage says where it is."""
    extra = ev.extra or {}
    quote, trigger = ev.quote or "", extra.get("trigger") or ""
    start = extra.get("trigger_start")
    if isinstance(start, int) and 0 <= start - ev.quote_start <= len(quote):
        i = start - ev.quote_start
    else:
        i = quote.find(trigger) if trigger else -1
        if i < 0:
            return None
    return i, min(len(quote), i + len(trigger))


def _words(text: str) -> str:
    from geo.text import normalize

    return " " + re.sub(r"\s+", " ", normalize(text)).strip() + " "


def cue_before_trigger(ev: Event) -> str:
    """The kind of cue («كان», «منذ», «لو» … before, «السابق» after) governing the trigger, or ''."""
    span = _trigger_span(ev)
    if span is None:
        return ""
    quote = ev.quote or ""
    # a quotation opened at the trigger («إلى أن يجري "تطهير منبج"») quotes it; it does not end the clause before
    lead = quote[: span[0]].rstrip(_OPENING_QUOTES)
    before = _words(_CLAUSE_BREAK.split(lead[-CUE_REACH_CHARS:])[-1])
    after = _words(_CLAUSE_BREAK.split(quote[span[1] :][:CUE_REACH_CHARS])[0])
    place_end = ev.place_end - ev.quote_start
    if ev.place_start >= 0 and span[1] <= place_end <= len(quote):  # and right after its object
        after += _words(_CLAUSE_BREAK.split(quote[place_end:][:CUE_REACH_CHARS])[0])
    sentence = _words(_PUNCT.sub(" ", _SENTENCE_BREAK.split(lead)[-1]))  # «ويتضمن الاقتراح …، … وسيطرة …»
    rest = _words(_PUNCT.sub(" ", _SENTENCE_BREAK.split(quote[span[1] :])[0]))  # «… قبل أن يسترجع …»
    for position, text in (("sentence_after", rest), ("before", before), ("after", after), ("sentence", sentence)):
        pattern, kinds = _cue_pattern(position)
        found = [kinds[m.group(1)] for m in pattern.finditer(text)] if pattern else []
        if found:  # a goal or a pledge denies the deed even told in the past («وكان الهدف من السيطرة على عفرين»)
            return next((k for k in found if k in FORWARD_KINDS), found[0])
    return _forward_cue_across_apposition(quote[: span[0]])


# A pledge, demand or condition governs its verb across a name in apposition («تعهد الرئيس التركي، رجب
# طيب أردوغان، بالسيطرة على …»): for these kinds the clause before the trigger's own is read too.
FORWARD_KINDS = frozenset({"intent", "demand", "deal", "conditional"})


def _forward_cue_across_apposition(before: str) -> str:
    parts = _CLAUSE_BREAK.split(before[-2 * CUE_REACH_CHARS :])
    if len(parts) < 3 or parts[-2].strip().count(" ") > 3:  # an apposition is a short name
        return ""
    pattern, kinds = _cue_pattern("before")
    found = pattern.search(_words(parts[-3])) if pattern else None
    kind = kinds[found.group(1)] if found else ""
    return kind if kind in FORWARD_KINDS else ""


# A cue as a word, with a conjunction (و ف), a preposition (ب ل) and the article before it.
_CUE_WORD = {
    "between": r" [وف]?({})(?= )",
    "sentence": r" [وف]?({})(?= )",  # the terms of a proposal or deal: anywhere in the sentence before
    # a taking undone later in its sentence («… قبل أن يسترجعها الجيش»): the verb may carry its object pronoun
    "sentence_after": r" [وف]?({})(?=(?:ها|هما|هم|ه|وا|وها)? )",
    "before": r" [وف]?[بل]?(?:ال)?({})(?= )",
    "evacuees": r" [وف]?(?:من )?(?:ال)?({})(?= )",  # «من الحالات الطبية», «حالات طبية»
    "partial": r" [وف]?(?:ال)?({})(?= )",  # «مجموعة من المقاتلين … غادرت دوما», «الدفعة الأولى من مقاتلي المعارضة»
    # a count of leavers: «خروج 1146 من جيش الإسلام», «3600 مسلح وأسرهم غادروا دوما»
    "partial_count": r"(?:^| )[\d٠-٩]+ ({})(?= )",
    # a relative or «since» clause after the taken place: «… عفرين وذلك ضمن العمليات التي أطلقها في الـ20 من يناير»
    "other_clause": r"(?:^|\s)[وف]?({})(?=\s)",
    "remnants": r" [وفل]?(?:ال)?({}) $",
    "ally": r" [وف]?[بل]?(?:ال)?({})(?= )",  # «الموالية لأنقرة», «المدعومة من تركيا»  # «لطرد "فلول" تنظيم الدولة»: right before the side's name
    "after": r" [وف]?[بل]?(?:ال)?({})(?= )",
    # at most one word between cue and place; a share's sign may follow its number («80% من»)
    "before_place": r"(?: |(?<=\d))[وف]?(?:ب|ل)?({})(?: [^ ]+)? $",
}


@lru_cache(maxsize=8)
def _cue_pattern(position: str) -> tuple[re.Pattern | None, dict[str, str]]:
    """One regex for every cue of a position (longest first), and the kind of each cue."""
    kinds: dict[str, str] = {}
    for cue, kind, pos in rules().cues:
        if pos == position:
            kinds.setdefault(cue, kind)
    if not kinds:
        return None, kinds
    alternatives = "|".join(re.escape(c) for c in sorted(kinds, key=len, reverse=True))
    return re.compile(_CUE_WORD[position].format(alternatives)), kinds


def cue_before_place(ev: Event) -> str:
    """The kind of cue («قرب», «محيط» …) just before the place mention, or ''."""
    at = ev.place_start - ev.quote_start
    if ev.place_start < 0 or not 0 <= at <= len(ev.quote or ""):
        return ""
    before = _words((ev.quote or "")[:at][-CUE_REACH_CHARS:])
    pattern, kinds = _cue_pattern("before_place")
    found = pattern.search(before) if pattern else None
    if found and before[found.end(1) :].strip() and _coordinated(ev):
        return ""  # «قرب دمشق والرستن»: the cue's word is its object; the place after «و» is the list's next item
    return kinds[found.group(1)] if found else ""


def _near_right_before(ev: Event) -> bool:
    """True if a near cue stands right before the place, no word between («القريبة من دمشق»; not «ريف العاصمة
    دمشق», a chain of locators whose holding is the located place's: statement_words.jsonl chain_link)."""
    at = ev.place_start - ev.quote_start
    if ev.place_start < 0 or not 0 <= at <= len(ev.quote or ""):
        return False
    before = _words((ev.quote or "")[:at][-CUE_REACH_CHARS:])
    pattern, kinds = _cue_pattern("before_place")
    found = pattern.search(before) if pattern else None
    return bool(found) and kinds[found.group(1)] == "near" and not before[found.end(1) :].strip()


def _coordinated(ev: Event) -> bool:
    """True if the place's mention opens with the conjunction «و» its name does not begin with («والرستن»)."""
    mention = (ev.quote or "")[ev.place_start - ev.quote_start : ev.place_end - ev.quote_start]
    name = (ev.place.name_ar if ev.place else "") or ""
    return mention.startswith("و") and not name.startswith("و")


def place_is_object(ev: Event) -> bool:
    """True if the place is named close after the trigger (its object), or just before it («عفرين التي
    سيطرت عليها»); a place further away is where the sentence is, not what was taken."""
    span = _trigger_span(ev)
    if span is None or ev.place_start < 0:
        return True  # nothing to check against: trust the event stage
    at = ev.place_start - ev.quote_start
    if span[1] <= at <= span[1] + OBJECT_REACH_AFTER:
        return not _new_clause(ev.quote[span[1] : at])
    if span[1] < at <= span[1] + OBJECT_PREPOSITION_REACH:
        return _introduced_by_object_preposition(ev, ev.quote[span[1] : at])
    end = max(at, ev.place_end - ev.quote_start)
    # «… من مدينة دوما في الغوطة الشرقية، في حين خرج فصيل جيش الإسلام لينفي الاتفاق»: another clause's verb
    return span[0] - OBJECT_REACH_BEFORE <= at < span[0] and not _new_clause(ev.quote[end : span[0]]) or _pronoun_object(ev)


# A taking whose object is its pronoun («حتى استعادتها») looks back to the place its sentence opened on, past a
# relative clause describing it («وكانت الرقة العاصمة الفعلية التي أعلنها تنظيم داعش حتى استعادتها …»: ~60 characters).
PRONOUN_REACH_BEFORE = 80
_OBJECT_PRONOUN = re.compile(r"(?:ها|ه)$")


def _pronoun_object(ev: Event) -> bool:
    """True if a taking's trigger carries its object as a pronoun («استعادتها», «سيطرت عليها» is the verb's own
    preposition, not this) and the event's place, which the event stage found in the sentence but not in the
    trigger's clause, is the first thing its sentence names before it within PRONOUN_REACH_BEFORE, in one clause: the
    pronoun is the place (QA14, a0768: Raqqa «حتى استعادتها قوات سوريا الديمقراطية … في أكتوبر الماضي»)."""
    span, extra = _trigger_span(ev), ev.extra or {}
    if span is None or extra.get("place_basis") != "sentence" or (ev.event_type, ev.sub_event_type) not in _CHANGES:
        return False
    if not _OBJECT_PRONOUN.search((extra.get("trigger") or "").strip()):
        return False
    at, end = ev.place_start - ev.quote_start, ev.place_end - ev.quote_start
    quote = ev.quote or ""
    if ev.place_start < 0 or not span[0] - PRONOUN_REACH_BEFORE <= at < end <= span[0]:
        return False
    opening = _SENTENCE_BREAK.split(quote[:at])[-1]
    return len(opening.split()) <= 2 and not _new_clause(quote[end : span[0]])  # «وكانت الرقة»: the sentence's topic


# The place right after the preposition: «على مدينة الرقة», «من بلدة …» (a kind word, territory_kind_words.jsonl
# role "object", may stand between).
_PREPOSITION_AT_PLACE = r" [وف]?{}(?: {})? $"


def _introduced_by_object_preposition(ev: Event, between: str) -> bool:
    """True if the trigger's own preposition (territory_objects.jsonl) stands right before the place,
    within its sentence and clause («سيطرت قوات سوريا الديمقراطية، وهي تحالف …، على مدينة الرقة»)."""
    from geo.text import normalize

    if _new_clause(between):
        return False
    trigger = normalize((ev.extra or {}).get("trigger") or "")
    words = _words(between)
    for stem, prep, first in rules().objects:
        if stem not in trigger:
            continue
        if not re.search(_PREPOSITION_AT_PLACE.format(re.escape(prep), rules().kind_words["object"]), words):
            return False
        return not first or len(re.findall(rf" [وف]?{re.escape(prep)}(?= )", words)) == 1
    return False


def _new_clause(between: str) -> bool:
    """True if a sentence break or a clause-opening word («بينما فر السكان إلى دوما», «بعد انسحاب …
    من دوما») stands between a trigger and a place: the place is another clause's, not the object."""
    if _SENTENCE_BREAK.search(between):
        return True
    pattern, _kinds = _cue_pattern("between")
    return bool(pattern and pattern.search(_words(between)))


# --------------------------------------------------------------------------- holding statements

_CLOSING_QUOTES = frozenset("\"»”'")
_HOLDER_BREAK = re.compile(r"[،,.!?؟\n؛;:()]")
_PARENTHESIS = re.compile(r"\([^)]*\)")
_PUNCT = re.compile(r"[،,\"«»“”'-]")


def _holding_phrase_at(words: list[str], i: int) -> tuple[int, int]:
    """(Number of words of the holding phrase starting at words[i] (with «ال», «و», «وال» before it), or 0;
    how far after it its holder may be named)."""
    for phrase, unless in rules().holds:
        parts = phrase.split(" ")
        first = re.sub(r"^(?:وال|ال|و)(?=..)", "", words[i]) if i < len(words) else ""
        if [first, *words[i + 1 : i + len(parts)]] == parts or words[i : i + len(parts)] == parts:
            following = words[i + len(parts)] if i + len(parts) < len(words) else ""
            reach = ADJACENT_HOLDER_CHARS if phrase in rules().adjacent else HOLDER_REACH_CHARS
            return (0 if following in unless else len(parts)), reach
    return 0, 0


def _link_at(words: list[str], i: int) -> int:
    for link in rules().links:
        parts = link.split(" ")
        if words[i : i + len(parts)] == parts:
            return len(parts)
    return 0


def _holder_in(text: str, reach: int = HOLDER_REACH_CHARS) -> str | None:
    """The controller named first within `reach` characters of the start of `text` (one clause)."""
    from geo.actors import find_actors

    clause = _HOLDER_BREAK.split(text)[0]
    try:
        found = [(at, -end, _holding_of(key)) for at, end, key in find_actors(clause) if at <= reach]
    except Exception:  # the actor finder is another stage's; never let it take the map down
        found = []
    for who in dict.fromkeys(rules().holder_names.values()):  # each holder once, in the rules' order
        pattern = _bare_names(who)
        m = pattern.search(clause) if pattern else None
        if m and m.start() <= reach:
            found.append((m.start(), -m.end(), who))
    if not found:
        return None
    # the first named; of two names there, the longer («التحالف الجهادي هيئة تحرير الشام» is no coalition)
    holder = min(found, key=lambda f: f[:2])[2]  # None: a side that holds no Syrian ground (Israel)
    ally = rules().joins.get(holder or "")
    if ally and ally in {who for _at, _end, who in found}:
        holder = ally  # «فصائل المعارضة المدعومة من تركيا»: the opposition Turkey backs
    return holder


def _told_as_former(text: str) -> bool:
    """True if a past or indirect cue («السابق», «غير المباشرة») follows the holder: not a holding now."""
    pattern, kinds = _cue_pattern("after")
    found = pattern.search(_words(text[: HOLDER_REACH_CHARS * 2])) if pattern else None
    return bool(found) and kinds[found.group(1)] in {"past", "indirect"}


def stated_holder(ev: Event) -> str | None:
    """The side a holding phrase says holds the event's place as the sentence is told («دوما الخاضعة
    لسيطرة المعارضة», «مناطق سيطرة النظام في نبل»), or None. Only linking words may stand between the
    place and the phrase (territory_statements.jsonl), so «التي كانت خاضعة» (a past) says nothing."""
    from geo.text import normalize

    quote = ev.quote or ""
    start = ev.place_start - ev.quote_start
    told = _holding_after(ev)
    if told is not None:
        return told[1]
    divided = ev.place is not None and ev.place.kind in DIVIDED_KINDS
    before = normalize(quote[max(0, start - HELD_AREAS_REACH_CHARS) : start])
    in_place, lists_place = _held_place_ends()
    return _held_areas_before(before, (lists_place,) if divided else (in_place, lists_place))


def _holding_after(ev: Event) -> tuple[int, str | None] | None:
    """(how far after its phrase the holder may be named, the holder or None) where a holding phrase follows the
    event's place (across linking words) or the place cannot hold one; None where none follows."""
    told = _phrase_after(ev)
    return None if told is None else told[:2]


def besieger_of(ev: Event) -> str | None:
    """The side a besieging phrase after the event's place names («الفوعة المحاصرة من قبل فصائل المعارضة»:
    the Syrian opposition), or None."""
    told = _phrase_after(ev)
    return told[2] if told is not None else None


def _besieged(words: list[str]) -> bool:
    """True if the holding phrase `words` names a besieger (territory_statements.jsonl rows "besieged")."""
    joined = " ".join(words)
    return bool({joined, joined.removeprefix("و"), "ال" + joined.removeprefix("و").removeprefix("ال")} & rules().besieged)


def _phrase_after(ev: Event) -> tuple[int, str | None, str | None] | None:
    """_holding_after, and the besieger where the phrase is a besieging one («المحاصرة من قبل X», «التي يحاصرها
    X»: the place is held against X, by the side X besieges, rules().besieged_holder; unknown for another X: the
    government besieged both the opposition's Eastern Ghouta and IS's Yarmouk camp)."""
    from geo.text import normalize

    quote = ev.quote or ""
    start, end = ev.place_start - ev.quote_start, ev.place_end - ev.quote_start
    if ev.place_start < 0 or not 0 <= start <= end <= len(quote):
        return 0, None, None
    if _last_of_governorates(quote[:start], quote[start:end]):
        return 0, None, None
    after = _SENTENCE_BREAK.split(quote[end : end + STATEMENT_REACH_CHARS])[0]
    if after.lstrip()[:1] in "،," and _near_right_before(ev):
        return 0, None, None  # «الغوطة الشرقية القريبة من دمشق، الخاضعة لسيطرة المعارضة»: the holding is the Ghouta's
    words = normalize(_PUNCT.sub(" ", _PARENTHESIS.sub(" ", after))).split()
    i = 0
    while i < len(words):
        n, reach = _holding_phrase_at(words, i)
        if n and reach == ADJACENT_HOLDER_CHARS and after.lstrip()[:1] in _CLOSING_QUOTES:
            return reach, None, None  # «"فرع الأمن العسكري في حماة"، التابع لقوات النظام»: what belongs is the quoted name
        phrase = " ".join(words[i : i + n]).removeprefix("و").removeprefix("ال")
        if n and phrase in rules().province_sense and _names_its_province(ev, quote[:start], quote[start:end]):
            return reach, None, None  # «في دير الزور، وهي المعقل الأخير للتنظيم»: the province, not the city
        if n:
            rest = " ".join(words[i + n :])
            holder = None if _told_as_former(rest) else _holder_in(rest, reach)
            if _besieged(words[i : i + n]):
                # a city besieged may be partly the besieger's (Deir ez-Zor until 2017); a governorate or region is
                # never besieged whole («البلدتين الواقعتين في محافظة إدلب تحاصرهما …»: the towns are)
                whole = ev.place is not None and ev.place.kind in (DIVIDED_KINDS | _NOT_HELD)
                return reach, None if whole else rules().besieged_holder.get(holder or ""), holder
            return reach, holder, None
        step = _link_at(words, i)
        if not step:
            break
        i += step
    return None


def province_holder(ev: Event) -> str | None:
    """The side a holding phrase right after a governorate's name says holds the province («محافظة إدلب التي تسيطر
    عليها فصائل المعارضة»), or None: not what belongs to a body named before it («المجلس المحلي في محافظة درعا
    التابع للمعارضة»: an adjacent phrase), nor a side's positions in it («مواقع للقوات الحكومية في محافظة حماة»)."""
    place = ev.place
    if place is None or place.kind != "governorate" or place.country != "SY":
        return None
    told = _holding_after(ev)
    return told[1] if told is not None and told[0] != ADJACENT_HOLDER_CHARS else None


_PROVINCE_PROCLITICS = re.compile(r"^(?:و|ف)?(?:ب|ل)?")


@lru_cache(maxsize=1)
def _province_names() -> Mapping[str, str]:
    """OCHA governorate P-code → its normalised Arabic name (data/sources), {} if the file is absent."""
    from geo.text import normalize

    try:
        return {str(p.get("ADM1_PCODE")): normalize(p.get("ADM1_AR") or "") for p, _g in _read_geojson(ADMIN1_PATH)}
    except FileNotFoundError:
        return {}


def _names_its_province(ev: Event, before: str, mention: str) -> bool:
    """True if the mention is the bare name its governorate shares («دير الزور», not «مدينة دير الزور»): a
    stronghold said of it (rules: province_sense) is the province's (the press of 2018 called the province of
    Deir ez-Zor IS's last stronghold while the army held the city), not a holding of the town."""
    from geo.text import normalize

    place = ev.place
    province = _province_names().get(place.admin1 if place is not None else "", "")
    name = normalize(mention)
    if not province or place.kind in _NOT_HELD or province not in (name, _PROVINCE_PROCLITICS.sub("", name)):
        return False
    last = normalize(_CLAUSE_BREAK.split(before)[-1]).split()[-1:]
    city = rules().kind_words.get("city_named")
    return not (city and last and re.fullmatch(r"[وفب]?(?:ال)?" + city, last[0]))


# «في محافظة حلب وحماة واللاذقية الخاضعة لسيطرة الفصائل»: a name joined by «و» to a list that «محافظة»
# opens, a few words back in its clause, is a governorate; the phrase after the list tells of the areas in
# them, not of the city of that name. The words that open such a list are territory_kind_words.jsonl role
# "governorate_list" («محافظة», «محافظات», «محافظتي», «محافظتا»).
@lru_cache(maxsize=1)
def _governorate_list() -> re.Pattern:
    return re.compile(r"(?:^| )[وفب]?(?:ال)?" + rules().kind_words["governorate_list"] + r"(?: [^ ]+){1,4} و$")


def _last_of_governorates(before: str, mention: str) -> bool:
    """True if the mention is joined by «و» to a list that «محافظة» opens in its clause."""
    from geo.text import normalize

    clause = normalize(_CLAUSE_BREAK.split(before)[-1])
    joined = mention.startswith("و") or clause.endswith(" و") or clause.endswith("و") and not before.endswith(" ")
    return joined and bool(_governorate_list().search(clause.removesuffix("و").rstrip() + " و"))


# «… في نبل», «… بنبل», «… في منطقة هجين»: the held areas or positions end where the place begins;
# «مناطق سيطرة الفصائل، أبرزها مدينة الباب»: or list it, whole (so a city too; the listing words are
# territory_kind_words.jsonl role "held_list"). A kind word
# (territory_kind_words.jsonl role "held_area") may stand before the place.
@lru_cache(maxsize=1)
def _held_place_ends() -> tuple[re.Pattern, re.Pattern]:
    """(The held areas end «في»/«ب» the place, they list it «أبرزها»/«منها»: territory_kind_words.jsonl role
    "held_list"), each with a kind word or none."""
    kind_word = r"(?: " + rules().kind_words["held_area"] + r")? ?$"
    return re.compile(r" (?:في|ب)" + kind_word), re.compile(r" " + rules().kind_words["held_list"] + kind_word)


def _held_areas_before(before: str, ends: tuple[re.Pattern, ...]) -> str | None:
    """«بمناطق سيطرة قوات النظام في نبل», «مقر قيادة داعش في منطقة هجين»: the holder of the held areas
    or positions named just before the place."""
    for phrase in rules().holds_before:
        at = before.rfind(phrase)
        if at < 0:
            continue
        rest = before[at + len(phrase) :]
        at_place = any(end.search(rest) for end in ends)
        if _SENTENCE_BREAK.search(rest) or not at_place or len(rest) > 2 * HOLDER_REACH_CHARS:
            continue
        return _holder_in(rest)
    return None


# --------------------------------------------------------------------------- evidence


@dataclass(frozen=True, slots=True)
class Evidence:
    """One event read as evidence of who holds its place from its day."""

    day: date
    controller: str
    kind: str  # "taking" or "statement"
    event_id: str
    confidence: float
    order: int = 0  # input order, to keep same-day evidence stable
    article: str = ""
    loser: str = ""  # who held the place until this taking, where the event names it
    span_days: int = 0  # how uncertain `day` is: a month-dated retelling's is the month's end
    pressed: bool = False  # a holding told in an article that reports another side advancing on the place
    besieger: str = ""  # of a statement told by a besieging phrase («المحاصرة من قبل X»): X's holder key


def _gainer(ev: Event) -> tuple[str, str] | None:
    """(controller, kind) this event gives its place to, or None."""
    pair = (ev.event_type, ev.sub_event_type)
    if ev.extra.get("control_statement"):
        # where the sentence is known, its holding phrase must name the holder of this very place
        # («عفرين باتجاه مناطق سيطرة قوات النظام» says nothing of Afrin)
        who = holder_of(ev.actor1) if ev.place_start < 0 else stated_holder(ev)
        return (who, "statement") if who else None
    if pair in _TAKING_TYPES:
        if _TAKING_TYPES[pair] == "gov_regains":
            return GOVERNMENT, "taking"
        if _taker_is_actor2(ev):  # «قالت إن القوات الحكومية سيطرت على بلدتي الحراك … وإن مقاتلي المعارضة …»
            return (who, "taking") if (who := holder_of(ev.actor2)) else None
        who = holder_of(ev.actor1)
        if _remnants_named(ev):  # «بعد تطهير بلدتي باغوز ودشيشة» after «لطرد "فلول" تنظيم الدولة»: the remnants lost
            return (who, "taking") if (who := holder_of(ev.actor2)) and who != holder_of(ev.actor1) else None
        if _expelled(ev):  # «طرد الوحدات الكردية من عفرين»: actor1 is who was expelled
            other = holder_of(ev.actor2) if _named_before_trigger(ev, ev.actor2) else None
            who = other if other != who else None
        return (who, "taking") if who else None
    if pair == _WITHDRAWAL and ev.actor1:
        leaver = holder_of(ev.actor1)
        gainer = None if ev.actor2 in rules().no_withdrawals else holder_of(ev.actor2)
        kind = "taking"
        if gainer is None or gainer == leaver:
            # an evacuation with no receiver named: often a first convoy, not the handover, so it
            # weighs as a statement (it cannot overturn a taking told within CONTEST_WINDOW_DAYS)
            gainer, kind = rules().evacuated_to.get(ev.actor1), "statement"
        return (gainer, kind) if gainer and gainer != leaver else None
    return None


def _loser(ev: Event, gainer: str) -> str:
    """Who held the place until this change: the side that withdrew, was expelled, or was named as the
    taking's other side; '' if the event names none (or names the gainer itself)."""
    pair = (ev.event_type, ev.sub_event_type)
    if pair == _WITHDRAWAL or (pair in _TAKING_TYPES and (_expelled(ev) or _taker_is_actor2(ev) or _remnants_named(ev))):
        side = ev.actor1
    elif pair in _TAKING_TYPES:
        side = ev.actor2
    else:
        return ""
    who = holder_of(side) or ""
    return who if who != gainer else ""


def _actor_offsets(ev: Event, actor: str) -> list[int]:
    """Offsets within the quote where `actor` is named (geo.actors, or a bare name the actor finder leaves
    to context that names its holder: «التنظيم» for the Islamic State); [] if it cannot be found."""
    from geo.actors import find_actors
    from geo.text import NormText

    quote = ev.quote or ""
    try:
        found = [s for s, _e, key in find_actors(quote) if key == actor]
    except Exception:  # the actor finder is another stage's; never let it take the map down
        found = []
    pattern = _bare_names(holder_of(actor) or "")
    if pattern is not None:
        norm = NormText(quote)
        found += [norm.orig_span(m.start(), m.end())[0] for m in pattern.finditer(norm.norm)]
    return sorted(found)


@lru_cache(maxsize=32)
def _bare_names(holder: str) -> re.Pattern | None:
    """One regex for the bare names (territory_statements.jsonl holder_name) that name `holder`."""
    names = [n for n, who in rules().holder_names.items() if holder and who == holder]
    if not names:
        return None
    return re.compile(r"(?:^|(?<= ))[وبل]?(?:ل|ال)?(?:" + "|".join(map(re.escape, names)) + r")(?= |$)")


def taker_named_after_place(ev: Event) -> bool:
    """True if actor1 is named only after the place: it describes the place («الرقة معقل داعش»,
    «منبج التي تسيطر عليها الوحدات»), it did not take it (Arabic tells the taker before the object)."""
    at = ev.place_start - ev.quote_start
    offsets = _actor_offsets(ev, ev.actor1) if ev.actor1 and ev.place_start >= 0 else []
    return bool(offsets) and min(offsets) > at


def _taker_is_actor2(ev: Event) -> bool:
    """True for a taking whose actor1 the event stage took from outside its clause (OUTSIDE_BASES) and which is
    named only after the place, while its actor2 is named before the trigger («إن القوات الحكومية سيطرت على بلدتي
    الحراك ورخم وإن مقاتلي المعارضة …»): Arabic tells the taker before the verb, so actor2 took the place."""
    if (ev.event_type, ev.sub_event_type) not in _TAKING_TYPES or not ev.actor2 or _expelled(ev):
        return False
    if (ev.extra or {}).get("actor1_basis") not in OUTSIDE_BASES:
        return False  # the event stage read actor1 in the clause itself («من أيدي تنظيم الدولة»: an agent)
    return taker_named_after_place(ev) and _named_before_trigger(ev, ev.actor2)


# actor1 taken from outside the trigger's clause (an earlier sentence, or by default): the side the clause names
# before the verb may be the taker instead.
OUTSIDE_BASES = frozenset({"previous", "default"})


def _remnants_named(ev: Event) -> bool:
    """True for a taking whose actor1 its sentence calls remnants («فلول», «بقايا», territory_cues.jsonl position
    "remnants") while its actor2 is named before the trigger: the remnants are who was driven out (QA13 C11: «وبدأ
    مقاتلو قوات سوريا الديمقراطية العملية، لطرد "فلول" تنظيم الدولة …، بعد تطهير بلدتي باغوز ودشيشة» gave
    al-Dashishah to the Islamic State)."""
    if (ev.event_type, ev.sub_event_type) not in _TAKING_TYPES or not ev.actor1 or not ev.actor2:
        return False
    pattern, _kinds = _cue_pattern("remnants")
    if pattern is None or not _named_before_trigger(ev, ev.actor2):
        return False
    quote = ev.quote or ""
    return any(pattern.search(_words(_QUOTE_MARKS.sub(" ", quote[max(0, o - CUE_REACH_CHARS) : o]))) for o in _actor_offsets(ev, ev.actor1))


_QUOTE_MARKS = re.compile(r"[\"«»“”']")


def _named_before_trigger(ev: Event, actor: str) -> bool:
    span = _trigger_span(ev)
    return span is not None and any(o < span[0] for o in _actor_offsets(ev, actor))


def _expelled(ev: Event) -> bool:
    """True if the trigger expels («طرد») and actor1 was named after it: actor1 is its object."""
    from geo.text import normalize

    extra = ev.extra or {}
    trigger = normalize(extra.get("trigger") or "").strip()
    if trigger not in rules().expels or extra.get("actor1_basis") != "after":
        return False
    return not (trigger in rules().finite_expels and _subject_after_verb(ev))


def _subject_after_verb(ev: Event) -> bool:
    """True if actor1 is the first side named after a finite expelling verb and another side, or a word
    for the expelled fighters, follows it before the place: verb–subject–object («طردت قوات سوريا
    الديمقراطية، …، الجهاديين من الرقة»), so actor1 expelled, it was not expelled."""
    from geo.actors import find_actors
    from geo.text import normalize

    span, quote = _trigger_span(ev), ev.quote or ""
    place_at = ev.place_start - ev.quote_start
    if span is None or ev.place_start < 0 or place_at <= span[1]:
        return False
    try:
        sides = [(s, e, key) for s, e, key in find_actors(quote) if span[1] <= s < place_at]
    except Exception:  # the actor finder is another stage's; never let it take the map down
        return False
    if not sides or sides[0][2] != ev.actor1:
        return False
    if any(holder_of(key) != holder_of(ev.actor1) for _s, _e, key in sides[1:]):
        return True
    words = {re.sub(r"^(?:و|ف)", "", w) for w in normalize(quote[sides[0][1] : place_at]).split()}
    return bool(words & rules().expelled_words)


def why_not_evidence(ev: Event) -> str:
    """'' if the event is evidence of control, else the reason it is not (for review and tests)."""
    place = ev.place
    if ev.status != "happened":
        return f"status {ev.status}"
    if place is None or ev.event_date is None:
        return "no place or no date"
    if ev.time_precision > MAX_TIME_PRECISION:
        return MONTH_ONLY
    if place.country != "SY" or place.kind in _NOT_HELD or place.geo_precision >= 3:
        return f"not a place one holds ({place.kind}, {place.country})"
    if ev.geo_precision > place.geo_precision and not _pronoun_object(ev):
        return "placed around the place, not at it"
    if not (ev.extra or {}).get("control_statement") and not place_is_object(ev):
        return "the place is not the object of the trigger"
    if (ev.event_type, ev.sub_event_type) == _WITHDRAWAL and _civilians_left(ev):
        return "cue: civilians"
    nsa = (ev.event_type, ev.sub_event_type) == EVENT_TYPES["nsa_overtakes"]
    if nsa and taker_named_after_place(ev) and not _taker_is_actor2(ev) and not _pronoun_object(ev):
        return "the taker is named after the place"
    extra = ev.extra or {}
    flags = [f for f in BACKGROUND_FLAGS if extra.get(f)]
    if flags:
        return f"flagged {flags[0]}"
    # a place named as near, a part or what belongs to it, or a taking undone later in its sentence, is none
    # even where a past cue makes it a retelling («وكان النظام قد أعلن سيطرته على قرى تابعة لمدينة دير الزور»)
    cue = cue_before_place(ev) or cue_before_trigger(ev)
    if cue:
        return f"cue: {cue}"
    if _gainer(ev) is None:
        return NO_GAINER
    return ""


NO_GAINER = "no ground force gains the place"


def _civilians_left(ev: Event) -> bool:
    """True if the ones a withdrawal tells leaving are the sick, the wounded or civilians (territory_cues.jsonl
    position "evacuees", named between the trigger and the place) and no fighters are named with them: «خرجت دفعة
    ثانية من الحالات الطبية من مدينة دوما» evacuates patients under a truce; the town changes no hands."""
    span = _trigger_span(ev)
    at = ev.place_start - ev.quote_start
    if span is None or ev.place_start < 0 or not span[1] <= at <= len(ev.quote or ""):
        return False
    between = _words(_PUNCT.sub(" ", ev.quote[span[1] : at]))
    pattern, _kinds = _cue_pattern("evacuees")
    if not (pattern and pattern.search(between)):
        return False
    fighters = _fighters_pattern()
    return not (fighters and fighters.search(between))


@lru_cache(maxsize=1)
def _fighters_pattern() -> re.Pattern | None:
    """The fighters a withdrawal may name leaving (rules().expelled_words, longest first), as one compiled pattern."""
    fighters = "|".join(re.escape(w) for w in sorted(rules().expelled_words, key=len, reverse=True))
    return re.compile(rf" [وف]?(?:ب|ل)?(?:ال)?(?:{fighters})") if fighters else None


def seat_holder(ev: Event) -> str | None:
    """The government seated at the event's place (rules), if the event is a dated report from there."""
    from geo.text import normalize

    p = ev.place
    if p is None or ev.status != "happened" or ev.event_date is None or p.country != "SY":
        return None
    if ev.time_precision > MAX_TIME_PRECISION or ev.geo_precision > p.geo_precision:
        return None
    return rules().seats.get((normalize(p.name_ar), p.kind))


def evidence_of(ev: Event, order: int = 0) -> Evidence | None:
    seat = seat_holder(ev)
    if seat and not _gainer(ev):
        day = ev.date_last if ev.time_precision > 1 and ev.date_last else ev.event_date
        return Evidence(
            day, seat, "statement", ev.event_id, float(ev.confidence or 0.5), order, ev.article_id
        )
    why = why_not_evidence(ev)
    if not why and _dated_in_another_clause(ev):
        why = "cue: relative"  # a taking dated by another clause's day: its taker held the place by the report
    month = why == MONTH_ONLY and _month_dated_retelling(ev)
    if (why in RETOLD_CUES or month) and not (ev.extra or {}).get("control_statement") and _gainer(ev):
        who = _gainer(ev)[0]  # type: ignore[index]
        day = _retold_day(ev)
        if month and ev.date_last:  # held by the end of that month (or by the report, if sooner)
            day = min(ev.date_last, day) if day else ev.date_last
        conf = float(ev.confidence or 0.5)
        span = (ev.date_last - ev.event_date).days if month and ev.date_last and ev.event_date else 0
        kind = "taking" if not month and _dated_to_its_day(ev) else "retold"  # «قد سيطرت على الرقة في 17 …»
        return Evidence(day, who, kind, ev.event_id, conf, order, ev.article_id, _loser(ev, who), span)
    if why:
        return _statement_evidence(ev, order)
    who, kind = _gainer(ev)  # type: ignore[misc]
    if kind == "statement" and (ev.extra or {}).get("actor1_basis") in GUESSED_BASES:
        kind = "retold"  # «خروج كامل الحافلات من كفريا والفوعة»: who left is not told; a second article must tell it
    if (ev.event_type, ev.sub_event_type) == _WITHDRAWAL and _partial_leavers(ev):
        kind = "retold"  # «مجموعة من المقاتلين … غادرت دوما»: a part left; the town is not yet handed over
    day = ev.date_last if ev.time_precision > 1 and ev.date_last else ev.event_date
    conf = float(ev.confidence or 0.5)
    siege = (besieger_of(ev) or "") if (ev.extra or {}).get("control_statement") and ev.place_start >= 0 else ""
    return Evidence(day, who, kind, ev.event_id, conf, order, ev.article_id, _loser(ev, who), besieger=siege)


# The event stage marks a side it named nowhere near the trigger, by default, so. An evacuation with no
# receiver hands a town to the government only on the word of who left (the opposition's fighters); when
# that side is only the default, the evacuees may be the government's own (the pro-government towns
# al-Fu'ah and Kafriya, emptied in July 2018 to HTS), so it counts as a retelling: two articles, or none.
GUESSED_BASES = frozenset({"default"})


# A retelling dated in its own sentence («منذ سيطرتها على بلدة مسكنة في 4 يونيو») tells that day.
OWN_DATE_BASES = frozenset({"clause", "sentence"})


# The leavers are told before a withdrawal's verb within this reach of it (the subject and its apposition).
LEAVERS_REACH_CHARS = 90


def _partial_leavers(ev: Event) -> bool:
    """True if a withdrawal tells only a part of the fighters leaving (territory_cues.jsonl positions "partial": «مجموعة
    من», «الدفعة الأولى», and "partial_count": a count), named in the trigger's sentence before it or between it and the place: a batch,
    not the handover (QA13 C5: «مجموعة من المقاتلين … هي فيلق الرحمن، غادرت دوما» gave Douma to the government on
    1 April, eleven days before Jaysh al-Islam's last fighters left)."""
    span = _trigger_span(ev)
    if span is None:
        return False
    quote = ev.quote or ""
    at = ev.place_start - ev.quote_start
    lead = _SENTENCE_BREAK.split(quote[: span[0]][-LEAVERS_REACH_CHARS:])[-1]
    between = quote[span[1] : at] if ev.place_start >= 0 and span[1] <= at <= len(quote) else ""
    text = _words(_PUNCT.sub(" ", lead + " " + between))
    # a number of leavers (position "partial_count": «خروج 1146 من جيش الإسلام») says how many left, not that all did
    return any(p.search(text) for position in ("partial", "partial_count") if (p := _cue_pattern(position)[0]))


def _dated_in_another_clause(ev: Event) -> bool:
    """True if a taking dated to the day is dated only by a date in a relative or «منذ» clause after the place
    (territory_cues.jsonl position "other_clause"), not by one in the trigger's own words: the day is that
    clause's (QA13 C4: «أعلن الجيش التركي، مساء السبت، فرض السيطرة الكاملة على مدينة عفرين وذلك ضمن العمليات التي
    أطلقها في الـ20 من يناير» dated Afrin's fall to the operation's launch, two months early). The dating spans are
    geo.dates' time spans of the sentence that fall on the event's day: a number in the clause that is no date
    («التي يقطنها 1 ألف نسمة») is none, a day in words is one."""
    if ev.event_date is None or ev.time_precision != 1 or ev.place_start < 0 or ev.published is None:
        return False
    quote = ev.quote or ""
    span = _trigger_span(ev)
    end = max(ev.place_end - ev.quote_start, span[1] if span else 0)
    if not 0 <= end <= len(quote):
        return False
    lead = len(quote[:end]) - len(_SENTENCE_BREAK.split(quote[:end])[-1])
    after = _SENTENCE_BREAK.split(quote[end:])[0]
    pattern, _kinds = _cue_pattern("other_clause")
    clause = pattern.search(after) if pattern else None
    if clause is None:
        return False
    dating = [sp for sp in _time_spans(quote, ev.published) if sp.first == ev.event_date and lead <= sp.start]
    inside = [sp for sp in dating if end + clause.end() <= sp.start < end + len(after)]
    return bool(inside) and all(sp in inside or sp.start >= end + len(after) for sp in dating)


@lru_cache(maxsize=256)
def _time_spans(text: str, published: date) -> tuple:
    """geo.dates' time spans of a sentence (several events share one sentence)."""
    from geo.dates import find_time_spans

    return tuple(find_time_spans(text, published))


def _dated_to_its_day(ev: Event) -> bool:
    """True if the event's own sentence dates it to the day, on or before the report («وكانت قوات سوريا
    الديمقراطية قد سيطرت على الرقة في 17 تشرين الأول 2017»): a retelling that says when the place changed
    hands tells the change itself, from that day."""
    own = ev.time_precision == 1 and (ev.extra or {}).get("date_basis") in OWN_DATE_BASES
    if own and _dated_in_another_clause(ev):
        return False
    return bool(own and ev.event_date and (ev.published is None or ev.event_date <= ev.published))


def _retold_day(ev: Event) -> date | None:
    """The day a retold taking tells its taker held the place from: its own day where its sentence dates
    it to the day, else the report's (a retelling with no date of its own says only "by now")."""
    return ev.event_date if _dated_to_its_day(ev) else ev.published or ev.event_date


def _month_dated_retelling(ev: Event) -> bool:
    """True for a taking dated only to its month («في نوفمبر 2017 سيطر النظام على البوكمال») that is
    otherwise evidence: it tells who held the place by the month's end, as a retelling does."""
    if ev.event_date is None or ev.date_last is None or (ev.date_last - ev.event_date).days > MONTH_SPAN_DAYS:
        return False
    return why_not_evidence(replace(ev, time_precision=1)) in ("", *RETOLD_CUES)


def _statement_evidence(ev: Event, order: int) -> Evidence | None:
    """A holding phrase about the event's place, as evidence at the event's day (a date known only to
    the month or year tells a past, so the phrase may describe that past: no evidence)."""
    place = ev.place
    if place is None or place.country != "SY" or place.kind in _NOT_HELD or place.geo_precision >= 3:
        return None
    if (ev.event_type, ev.sub_event_type) in _CHANGES:
        return None  # «توسعت سيطرة الأكراد لتشمل الرقة معقل التنظيم»: the phrase tells the state before
    if ev.event_date is not None and ev.time_precision > MAX_TIME_PRECISION:
        return None
    day = ev.event_date if ev.status == "happened" and ev.event_date else ev.published
    who = stated_holder(ev) if day else None
    if not who:
        return None
    siege = besieger_of(ev) or ""
    return Evidence(day, who, "statement", ev.event_id, float(ev.confidence or 0.5), order, ev.article_id, besieger=siege)


# --------------------------------------------------------------------------- states


@dataclass(slots=True)
class _Run:
    """The state being built while evidence is read in date order."""

    controller: str
    since: date
    kind: str
    last: date
    last_taking: date | None
    ids: list[str]
    weights: list[float]
    articles: dict[str, date]  # article → day of its latest evidence for this holder
    prev_lasted: int | None  # days the previous state lasted (None: no previous state)
    conflicts: list[date] = field(default_factory=list)
    pending: dict[str, list[Evidence]] = field(default_factory=dict)  # claims of others, not yet enough
    pressed: bool = True  # every piece of its evidence was told while another side pressed on the place
    contrary_day: date | None = None  # the day it was taken on which another side was told taking the place


def _evidence_day(e: Evidence) -> date:
    return e.day


def _front_days(place) -> int:
    """How long a front town's holder is kept with no news (FRONT_TOWN_DAYS; a city's STALE_DAYS)."""
    return STALE_DAYS if place.kind in DIVIDED_KINDS else FRONT_TOWN_DAYS


def _start(items: list[Evidence], prev: _Run | None) -> _Run:
    first = items[0]
    run = _Run(
        controller=first.controller,
        since=first.day,
        kind=first.kind,
        last=first.day,
        last_taking=None,
        ids=[],
        weights=[],
        articles={},
        prev_lasted=None if prev is None else (first.day - prev.since).days,
        contrary_day=first.day if _taken_on_one_day(prev, items) else None,
    )
    for e in items:
        _confirm(run, e)
    return run


def _taken_on_one_day(prev: _Run | None, items: list[Evidence]) -> bool:
    """True if a taking starts this state on the day another side's taking started or confirmed the one before: two
    sides told taking a place on one day (QA14 C2: SANA's army «تحرير أربع قرى شرق نهر الفرات» of 29 April 2018 and
    the SDF's retaking the same evening), so who holds it is told by nothing but the order the reports were read in."""
    return prev is not None and prev.last_taking == items[0].day and any(e.kind == "taking" for e in items)


def _confirm(run: _Run, e: Evidence) -> None:
    run.last = max(run.last, e.day)
    run.pressed = run.pressed and e.pressed
    run.ids.append(e.event_id)
    run.weights.append(KIND_WEIGHT[e.kind] * e.confidence)
    key = e.article or e.event_id
    run.articles[key] = max(run.articles.get(key, e.day), e.day)
    if e.kind == "taking":
        run.kind, run.last_taking = "taking", e.day


def _claims(run: _Run, e: Evidence) -> list[Evidence]:
    """Recent claims for e's controller, e included, while the current state is established."""
    recent = [p for p in run.pending.get(e.controller, []) if _within_window(p, e)]
    run.pending[e.controller] = recent + [e]
    return run.pending[e.controller]


def _within_window(earlier: Evidence, later: Evidence) -> bool:
    """True if two claims stand within CONTEST_WINDOW_DAYS, widened by the uncertainty of their days (two
    retellings dated to November and to December 2017 may tell one taking: their days are month ends)."""
    slack = max(earlier.span_days, later.span_days)
    return (later.day - earlier.day).days < CONTEST_WINDOW_DAYS + slack


def _first_claims(unconfirmed: dict[str, list[Evidence]], e: Evidence) -> list[Evidence]:
    """The evidence that starts a place's first state: any news, or retellings told by
    CORROBORATING_ARTICLES articles within CONTEST_WINDOW_DAYS (one retelling may have the wrong side:
    «هجوم داعش الأعنف منذ استعادة البوكمال» is no taking by IS)."""
    if e.kind != "retold":
        return [e]
    recent = [p for p in unconfirmed[e.controller] if _within_window(p, e)] + [e]
    unconfirmed[e.controller] = recent
    return recent if _corroborated(recent) else []


def _established(run: _Run, day: date) -> bool:
    """Told by ESTABLISHED_ARTICLES articles within STALE_DAYS before `day`."""
    recent = [d for d in run.articles.values() if (day - d).days <= STALE_DAYS]
    return len(recent) >= ESTABLISHED_ARTICLES


def _read(evidence: Iterable[Evidence]) -> list[_Run]:
    """Every state in order; the last one is current."""
    runs: list[_Run] = []
    unconfirmed: dict[str, list[Evidence]] = defaultdict(list)  # retellings before any state
    for e in evidence:
        cur = runs[-1] if runs else None
        if cur is None:
            first = _first_claims(unconfirmed, e)
            if first:
                runs.append(_start(first, None))
        elif e.controller == cur.controller or _one_side(e.controller, cur.controller):
            _confirm(cur, e)
        elif (new := _against(cur, e)) is not None:
            runs.append(new)
        else:
            cur.conflicts.append(e.day)
    return runs


# The press calls the factions of the north-west «المعارضة» whether HTS or another holds a town («إدلب التي تسيطر
# عليها المعارضة» of the HTS-run city, Wikipedia 'Idlib'): a holding told of the opposition confirms HTS's and the
# reverse; it is no conflict. Each pair is (the generic holder, the faction it covers).
TOLD_AS_ONE = frozenset({frozenset({"Syrian opposition", "Hayat Tahrir al-Sham"})})


def _one_side(a: str, b: str) -> bool:
    return frozenset({a, b}) in TOLD_AS_ONE


def _corroborated(claims: list[Evidence]) -> bool:
    return len({c.article or c.event_id for c in claims}) >= CORROBORATING_ARTICLES


def _against(cur: _Run, e: Evidence) -> _Run | None:
    """The new state evidence for another side starts, or None (then it is only a conflict)."""
    if e.kind == "retold":  # several retellings replace a thin or old state; one overturns nothing
        open_to_change = (e.day - cur.last).days > STALE_DAYS or not _established(cur, e.day)
        claims = _claims(cur, e) if open_to_change and e.day > cur.last else []
        return _start(claims, cur) if _corroborated(claims) else None
    if e.kind == "statement" and cur.last_taking and (e.day - cur.last_taking).days < CONTEST_WINDOW_DAYS:
        return None  # the old holder retold just after a taking
    if _established(cur, e.day):
        claims = _claims(cur, e)
        return _start(claims, cur) if _corroborated(claims) else None
    return _start([e], cur)


def _contested(run: _Run, day: date) -> bool:
    """Recent conflicting evidence, a change within CONTEST_WINDOW_DAYS of the one before, or a holding told only
    while another side advanced on the place or fought there (a front town: «… باتجاه بلدة السخنة … والتي يسيطر
    عليها التنظيم», Raqqa in June 2017 while the SDF fought inside it)."""
    recent_conflict = any((day - c).days < CONTEST_WINDOW_DAYS for c in run.conflicts)
    flip = run.prev_lasted is not None and run.prev_lasted < CONTEST_WINDOW_DAYS
    # two sides' takings told of one day stay contested until a later report tells the holder (_taken_on_one_day)
    undecided = run.contrary_day is not None and run.last <= run.contrary_day
    return recent_conflict or (flip and (day - run.since).days < CONTEST_WINDOW_DAYS) or run.pressed or undecided


def _confidence(run: _Run, day: date, contested: bool) -> float:
    doubt = 1.0
    for w in run.weights:
        doubt *= 1.0 - min(max(w, 0.0), 0.99)
    conf = 1.0 - doubt
    if contested:
        conf *= CONTESTED_FACTOR
    if (day - run.last).days > STALE_DAYS:
        conf *= STALE_FACTOR
    return round(conf, 3)


def _state(place, run: _Run, day: date) -> Control:
    contested = _contested(run, day)
    return Control(
        place=place,
        controller=run.controller,
        since=run.since,
        event_id=run.ids[-1],
        kind={"taking": "event"}.get(run.kind, run.kind),
        last_confirmed=run.last,
        confidence=_confidence(run, day, contested),
        evidence=tuple(run.ids),
        contested=contested,
    )


@dataclass(frozen=True)
class ProvinceHolding:
    """Who a governorate is told held by as of a day (Timeline.province_holders): the holdings told, whether they
    tell it only from later reports (prior), and the places of it whose own first report tells another side."""

    holder: str
    told: tuple[Evidence, ...]
    prior: bool = False
    other_sides: frozenset[str] = frozenset()


def _one_corroborated_holder(told: tuple[Evidence, ...]) -> bool:
    return len({e.controller for e in told}) == 1 and len({e.article for e in told}) >= CORROBORATING_ARTICLES


def _first_corroborated(items: tuple[Evidence, ...]) -> tuple[Evidence, ...]:
    """The first holdings of a province that CORROBORATING_ARTICLES articles tell within STALE_DAYS, naming one holder."""
    for i, e in enumerate(items):
        window = tuple(x for x in items[: i + 1] if (e.day - x.day).days <= STALE_DAYS)
        if _one_corroborated_holder(window):
            return window
    return ()


@dataclass(frozen=True)
class Timeline:
    """Evidence per place_id (sorted), and the places themselves; `named`: the Syrian places with no evidence of
    their own that may take a holder from the places around them: those the events name, and the gazetteer's towns,
    cities, seats of units and sites (_gazetteer_targets; their ids also in `unnamed`)."""

    evidence: Mapping[str, tuple[Evidence, ...]]
    places: Mapping[str, object]
    named: Mapping[str, object] = field(default_factory=dict)
    _inferred: dict = field(default_factory=dict, compare=False, repr=False)  # (admin1, lenders) → states
    provinces: Mapping[str, tuple[Evidence, ...]] = field(default_factory=dict)  # admin1 → its holdings told, oldest first
    near: Mapping[str, tuple[tuple[str, Evidence], ...]] = field(default_factory=dict)  # place → (other, its evidence) within OUTLIVED_KM
    unnamed: frozenset[str] = frozenset()  # of `named`, the gazetteer's targets no event names (TARGET_KINDS, seats)
    pocket_events: frozenset[str] = frozenset()  # ids of the events that handed a pocket's members over (_pocket_handovers)
    siege_events: frozenset[str] = frozenset()  # ids of the statements that tell a place besieged, and of its siege's end
    villages: Mapping[str, tuple] = field(default_factory=dict)  # admin1 → its villages no report tells (pocket_states)
    _runs: dict = field(default_factory=dict, compare=False, repr=False)  # (place, evidence told by a day) → its runs
    _priors: dict = field(default_factory=dict, compare=False, repr=False)  # place → what its prior state rests on

    def province_holders(self, day: date) -> dict[str, ProvinceHolding]:
        """admin1 → who its governorate is told held by on `day` (province_holder: «محافظة إدلب التي تسيطر عليها
        الفصائل»): the holdings told within STALE_DAYS before it, where they name one holder and CORROBORATING_ARTICLES
        articles tell it; else, before the first such, the holder it tells, for up to PRIOR_HOLDER_DAYS (prior),
        where every holding told of the province names that one."""
        out = {}
        for admin1, items in self.provinces.items():
            told = tuple(e for e in items if 0 <= (day - e.day).days <= STALE_DAYS)
            prior = False
            if not _one_corroborated_holder(told):
                told, prior = _first_corroborated(items), True
                same = told and all(e.controller == told[0].controller for e in items)
                if not same or not 0 < (told[0].day - day).days <= PRIOR_HOLDER_DAYS:
                    continue
            holder = told[0].controller
            key = ("other sides", admin1, holder)
            if key not in self._inferred:
                self._inferred[key] = self._told_other_sides(admin1, holder)
            out[admin1] = ProvinceHolding(holder, told, prior, self._inferred[key])
        return out

    def _told_other_sides(self, admin1: str, holder: str) -> frozenset[str]:
        """The places of a governorate whose own first report tells another holder than `holder`, or any of whose
        reports (retold too) names another loser: their province's holder tells nothing of them (an enclave: al-Fu'ah
        and Kafriya in Idlib, evacuated by the government's side in July 2018)."""
        out = set()
        for pid, items in self.evidence.items():
            if self.places[pid].admin1 != admin1 or not items:
                continue
            if items[0].controller != holder or any(e.loser and e.loser != holder for e in items):
                out.add(pid)
        return frozenset(out)

    def states(self, place_id: str) -> list[Control]:
        """Every state of one place, oldest first, each as known at the end of the evidence."""
        items = self.evidence.get(place_id, ())
        runs = _read(items)
        ends = [r.last for r in runs]
        return [_state(self.places[place_id], r, end) for r, end in zip(runs, ends, strict=True)]

    def runs_by(self, place_id: str, day: date) -> list:
        """_read of the place's evidence told by `day`. That evidence is a prefix of the place's (sorted by day), and
        a place has a few prefixes against the ~2,100 days a snapshot bakes: each prefix is read once (the runs are
        only read after _read, never changed)."""
        items = self.evidence.get(place_id, ())
        k = bisect.bisect_right(items, day, key=_evidence_day)
        runs = self._runs.get((place_id, k))
        if runs is None:
            runs = self._runs[place_id, k] = _read(items[:k]) if k else []
        return runs

    def own_state(self, place_id: str, day: date) -> Control | None:
        runs = self.runs_by(place_id, day)
        if not runs:
            return self.prior_state(place_id, day)
        if runs[-1].pressed and (day - runs[-1].last).days > _front_days(self.places[place_id]):
            return None  # a front town told only under attack, long ago: who holds it now is unknown
        if self.outlived(place_id, runs[-1].controller, runs[-1].last, day):
            return None
        return _state(self.places[place_id], runs[-1], day)

    def outlived(self, place_id: str, holder: str, last: date, day: date) -> bool:
        """True if, after `last` and by `day`, another side took a place within OUTLIVED_KM from `holder` (and
        holds it still) and no report told `holder` there since the latest such taking (its pocket fell; the
        place's own fall went untold)."""
        near = self.near.get(place_id, ())
        falls = [
            e.day for q, e in near if last < e.day <= day and e.loser == holder and self._kept(q, e, day)
        ]
        return bool(falls) and not any(falls[-1] < e.day <= day and e.controller == holder for _q, e in near)

    def _kept(self, place_id: str, taking: Evidence, day: date) -> bool:
        """True if the taker still holds the place it took on `day` by that place's own evidence (a misread
        taking, overturned by later reports, takes no pocket with it)."""
        runs = self.runs_by(place_id, day)
        return bool(runs) and runs[-1].controller == taking.controller

    def prior_state(self, place_id: str, day: date) -> Control | None:
        """Before a place's first state (the caller asks only then): the loser of its first change, or
        else the holder its first reports tell as current, within PRIOR_HOLDER_DAYS before it, if
        articles corroborate it (_first_fall, _first_holding: one misread report must not paint a year
        of the map)."""
        fall, first, kind, reach = self._prior_basis(place_id)
        if first is None or not 0 < (first.day - day).days <= reach:
            return None
        divided = fall is not None and self.places[place_id].kind in DIVIDED_KINDS  # the loser may have held a part
        return Control(
            place=self.places[place_id],
            controller=fall.loser if fall else first.controller,
            since=first.day - timedelta(days=reach),
            event_id=first.event_id,
            kind=kind,
            last_confirmed=None,
            confidence=round(KIND_WEIGHT["retold"] * first.confidence * (FIRST_REPORT_FACTOR if kind == "first_report" else 1), 3),
            evidence=(first.event_id,),
            contested=divided,
        )

    def _prior_basis(self, place_id: str) -> tuple:
        """(first fall, the evidence a prior state rests on, its kind, its reach in days) of prior_state: they depend
        on the place's evidence alone, not on the day asked, so they are found once per place."""
        basis = self._priors.get(place_id)
        if basis is None:
            items = self.evidence.get(place_id, ())
            fall = _first_fall(items)
            first = fall or _first_holding(items)
            kind, reach = "prior", PRIOR_HOLDER_DAYS
            if first is None and (first := _first_told_once(items)) is not None:
                kind, reach = "first_report", FIRST_REPORT_DAYS
            basis = self._priors[place_id] = (fall, first, kind, reach)
        return basis

    def state(self, place, day: date) -> Control | None:
        """Who holds `place` on `day`: its own evidence, or its city's if the city changed hands later."""
        own = self.own_state(place.place_id, day)
        parent = self.own_state(place.parent_id, day) if place.parent_id else None
        if parent is not None and (own is None or parent.since > own.since):
            return replace(parent, place=place, kind="contained")
        return own

    def as_of(self, day: date, inferred: bool = True) -> list[Control]:
        """The state of every place with evidence by `day`, and (`inferred`) of every named place the places
        around it surround (area_state, kind "area"), sorted by name."""
        out = [s for pid in self.evidence if (s := self.state(self.places[pid], day)) is not None]
        if inferred:
            have = {c.place.place_id for c in out}
            out += self.inferred(out, day, [self.places[pid] for pid in self.evidence if pid not in have])
        return sorted(out, key=lambda c: (c.place.name_en or c.place.name_ar, c.place.place_id))

    def _pocket_prior(self, c: Control) -> bool:
        """True for a pocket member's holder before its pocket's fall, told by nothing but that fall: it lends no
        area (a pocket's edge is a front: the Afrin villages' YPG beside Turkey-backed Azaz); and for a state told by
        nothing but a siege or its end (siege_events: al-Fu'ah's government among Idlib's opposition towns)."""
        if c.kind == "prior" and set(c.evidence) <= self.pocket_events:
            return True
        # a besieged place is an enclave: its holder, told by the siege or by the siege's end, lends no area around it
        return bool(self.siege_events) and set(c.evidence) <= self.siege_events

    def inferred(self, controls: list[Control], day: date, unknown: Iterable = ()) -> list[Control]:
        """area_state of each named place, and of each place with evidence but no state on `day` (`unknown`: its
        evidence is later, or outlived), from `controls` (the states of `day`). The states that may lend an area
        change seldom from one day to the next: the answers are kept per governorate, lenders and targets."""
        by_admin1: dict[str, list[object]] = defaultdict(list)
        for place in (*self.named.values(), *unknown):
            by_admin1[place.admin1].append(place)
        out = []
        provinces = self.province_holders(day)
        points = [c for c in controls if _at_point(c, c.place.admin1) and not self._pocket_prior(c)]
        for admin1, targets in by_admin1.items():
            near = [c for c in points if c.place.admin1 == admin1]
            told = provinces.get(admin1)
            if not near and not told:
                continue
            front = points if told else near  # a province's holding is checked against every side's places near
            sides = tuple(sorted((c.place.place_id, c.controller, c.contested) for c in points)) if told else ()
            told_key = (told.holder, told.prior, tuple(e.event_id for e in told.told)) if told else ()
            extra = tuple(sorted(p.place_id for p in targets if p.place_id not in self.named))
            key = (admin1, tuple(sorted(_lender_key(c, day) for c in near)), sides, told_key, extra)
            if key not in self._inferred:
                found = (area_state(p, front, day, provinces) for p in targets)
                self._inferred[key] = [s for s in found if s is not None]
            out += self._inferred[key]
        return out + self._pocket_villages(points, day)

    def _pocket_villages(self, points: list[Control], day: date) -> list[Control]:
        """pocket_states of each governorate's villages (`villages`) from its point states among `points` of `day`,
        kept per governorate and what of its states the answer reads (_lender_key)."""
        by_admin1: dict[str, list[Control]] = defaultdict(list)
        for c in points:
            by_admin1[c.place.admin1].append(c)
        out = []
        for admin1, near in by_admin1.items():
            villages = self.villages.get(admin1)
            if not villages:
                continue
            key = ("villages", admin1, tuple(sorted(_lender_key(c, day) for c in near)))
            if key not in self._inferred:
                self._inferred[key] = pocket_states(villages, near, day, self._inferred)
            out += self._inferred[key]
        return out


# --------------------------------------------------------------------------- area inference

# A place with no evidence of its own may take a holder from the places around it (kind "area"), only where
# they surround it: the fronts of 2017–2018 ran between places of which the press often told only one side
# (al-Bab's Turkey-backed factions 2 km from government-held Tadef; Abu Kamal across the Euphrates from
# IS-held al-Susah), so a place beside one holder's places, past their edge, may well be the other side's,
# while a village among them was held with them (the Eastern Ghouta pocket, the Daraa countryside after
# July 2018). Only places this close lend it: about the spread of one pocket or one governorate's countryside
# (Eastern Ghouta ~20 km across, the northern Homs pocket ~40 km, the Daraa countryside ~60 km); the polygon
# and front tests below, not this reach, keep a place beside the pocket unknown …
AREA_INFERENCE_KM = 60
# … and only if the place lies within the polygon (convex hull) their points span, or this close outside
# it: a gazetteer point is a village's centre, its lands and its neighbours' reach a few km beyond.
SURROUND_SLACK_KM = 5
# Never at a front: the nearest place of any other holder, or any contested place, must be at least this
# many times as far as the nearest lender (the line between them runs well away from the place), and none
# may stand inside the polygon.
FRONT_MARGIN = 2.0
# A state lends its area while it was confirmed within this many days (or is a place's prior holder, told
# by the loser of its later fall): a pocket or a countryside held stayed held for a year or more in
# 2017–2018 unless a report tells its fall, which would then be the place's own or a lender's evidence.
AREA_SOURCE_MAX_DAYS = 365
# An inferred state is weaker than the evidence of the places it comes from.
AREA_FACTOR = 0.5
# Points that stand for an area (an admin unit's centroid) or name no holding lend no area; a subdistrict's
# or district's point (its seat) may take one, as a village's does.
_NO_AREA_KINDS = frozenset({*_NOT_HELD, "district", "subdistrict", "neighbourhood"})
_NO_AREA_TARGETS = frozenset({*_NOT_HELD, "neighbourhood"})
_GEOD = Geod(ellps="WGS84")
_KM_PER_DEGREE = 111.32


def _at_point(c: Control, admin1: str) -> bool:
    p = c.place
    return p.admin1 == admin1 and p.kind not in _NO_AREA_KINDS and p.geo_precision <= 1 and (
        math.isfinite(p.lat) and math.isfinite(p.lon)
    )


def _lends_area(c: Control, day: date) -> bool:
    """A state that may lend its area: uncontested, told by evidence (its own, its city's, or a later fall's
    loser), confirmed within AREA_SOURCE_MAX_DAYS."""
    if c.contested or c.kind in ("area", "first_report"):
        return False
    return c.kind == "prior" or (day - (c.last_confirmed or c.since)).days <= AREA_SOURCE_MAX_DAYS


def _local_km(place, lat0: float, lon0: float) -> tuple[float, float]:
    """A point in km east and north of (lat0, lon0): flat within AREA_INFERENCE_KM (under 0.1 % off)."""
    return ((place.lon - lon0) * _KM_PER_DEGREE * math.cos(math.radians(lat0)), (place.lat - lat0) * _KM_PER_DEGREE)


# Surrounded means by the lenders near it: the polygon of the SURROUND_LENDERS nearest (or of some three of them)
# must hold the place and no other holder's place. The convex hull of every lender of a pocket spans its
# concave edges and the other side's places in them (the hull of Eastern Ghouta's towns held the government's
# al-Wafidin camp beside Douma, so no village of the pocket was inferred).
SURROUND_LENDERS = 6


def _surrounded_by(place, lenders: list[Control], others: list[Control]) -> bool:
    """True if `place` lies within SURROUND_SLACK_KM of the polygon that some three of its SURROUND_LENDERS nearest
    lenders (`lenders`, nearest first) span, or all of them (two, where there are two), with no place of another
    holder inside it."""
    from itertools import combinations

    pts = list(dict.fromkeys(_local_km(c.place, place.lat, place.lon) for c in lenders))[:SURROUND_LENDERS]
    if len(pts) < 2:
        return False
    blockers = [Point(_local_km(c.place, place.lat, place.lon)) for c in others]
    here = Point(0.0, 0.0)
    for group in (pts, *combinations(pts, 3)):  # two lenders only where there are no more: a line is no pocket
        area = MultiPoint(sorted(group)).convex_hull.buffer(SURROUND_SLACK_KM)
        if area.contains(here) and not any(area.contains(b) for b in blockers):
            return True
    return False


def _by_distance(place, controls: list[Control]) -> list[tuple[float, Control]]:
    n = len(controls)
    _az, _back, metres = _GEOD.inv([place.lon] * n, [place.lat] * n, [c.place.lon for c in controls],
                                   [c.place.lat for c in controls])  # fmt: skip
    return sorted(zip((m / 1000.0 for m in metres), controls, strict=True), key=lambda t: (t[0], t[1].place.place_id))


@lru_cache(maxsize=1)
def barriers():
    """The lines no inference crosses (territory_barriers.jsonl: the Euphrates), as one prepared shapely geometry
    in lon/lat from Natural Earth (data/sources/), or None if the file is absent."""
    names = {n for row in read_jsonl(BARRIERS_PATH) for n in row["names"]}
    try:
        parts = [g for props, g in _read_geojson(CONTEXT_PATH) if props.get("name") in names]
    except FileNotFoundError:
        warnings.warn(f"rivers not found at {CONTEXT_PATH}; area inference may cross them", stacklevel=2)
        return None
    if not parts:
        return None
    line = shapely.union_all(parts)
    shapely.prepare(line)
    return line


# A place this close to a barrier stands on the river, its bank not told by the line: Natural Earth's 1:10m Euphrates
# runs within 1–2 km of the valley towns on either bank (Deir ez-Zor city 1.5 km, Mayadin 1.0, Hajin 0.2, Khusham
# 1.8). Measured in degrees of latitude (at 35°N a degree of longitude is 0.82 of that: 2.5–3 km).
RIVER_BANK_KM = 3.0


def across_barrier(place, others: list) -> list[bool]:
    """For each of `others` (places): True if the straight line from `place` to it crosses a barrier (barriers():
    the two stand on opposite banks) and neither stands on the river (RIVER_BANK_KM)."""
    line = barriers()
    if line is None or not others:
        return [False] * len(others)
    bank = RIVER_BANK_KM / _KM_PER_DEGREE
    if shapely.dwithin(Point(place.lon, place.lat), line, bank):
        return [False] * len(others)
    segments = shapely.linestrings([[(place.lon, place.lat), (o.lon, o.lat)] for o in others])
    far = ~shapely.dwithin(shapely.points([(o.lon, o.lat) for o in others]), line, bank)
    return [bool(x) for x in shapely.intersects(segments, line) & far]


# A governorate told held by one side (province_holder, CORROBORATING_ARTICLES articles within STALE_DAYS: «محافظة إدلب
# التي تسيطر عليها الفصائل») lends that holder to a place in it with no state of its own only where no place of
# another side, nor a contested one, stands within this distance of it: the fronts and enclaves inside a province
# a report calls held (the government's salient at Abu al-Duhur in Idlib, its enclaves al-Fu'ah and Kafriya) run
# within about this of the other side's known places: the press names the places on a front, so a front town's
# neighbours a few km off are told of, and a village two or three villages' lands (~3 km each) beyond the nearest
# place told held by another side is behind the line. 30 km left unlent a disk of ~2,800 km² around each place of
# another side told (Idlib governorate is ~6,100 km²), far beyond any front.
PROVINCE_FRONT_KM = 10


def _province_state(place, controls: list[Control], day: date, provinces: Mapping) -> Control | None:
    """The holder its governorate is told held by (Timeline.province_holders), for a place whose own first report does
    not tell another side, with no other side's nor a contested place within PROVINCE_FRONT_KM (kind "area", weaker
    than the statements it comes from; from later reports only, as a prior holder is: weaker still, unconfirmed)."""
    told = provinces.get(place.admin1)
    if told is None or place.place_id in told.other_sides:
        return None
    others = [c for c in controls if c.place.place_id != place.place_id and (c.controller != told.holder or c.contested)]
    if others and _by_distance(place, others)[0][0] < PROVINCE_FRONT_KM:
        return None
    weight = KIND_WEIGHT["retold" if told.prior else "statement"]
    first, last = told.told[0], told.told[-1]
    return Control(
        place=place, controller=told.holder, event_id=last.event_id, kind="area",
        since=first.day - timedelta(days=PRIOR_HOLDER_DAYS) if told.prior else first.day,
        last_confirmed=None if told.prior else last.day,
        confidence=round(AREA_FACTOR * weight * max(e.confidence for e in told.told), 3),
        evidence=tuple(e.event_id for e in told.told),
    )  # fmt: skip


def area_state(place, controls: Iterable[Control], day: date, provinces: Mapping | None = None) -> Control | None:
    """The holder the places around `place` tell as of `day` (kind "area"), from the states `controls` of
    that day: the nearest lending state of its governorate within AREA_INFERENCE_KM on its bank of a barrier
    (across_barrier), if the lending places of that holder surround it (_surrounded_by) and no place of another
    holder, nor a contested one, is within FRONT_MARGIN times that distance; None otherwise (unknown: maybe a
    front). Only Syrian places take one. Failing that, the holder its governorate is told held by (`provinces`,
    Timeline.province_holders of that day; _province_state)."""
    if place.kind in _NO_AREA_TARGETS or place.geo_precision > 1 or not place.admin1 or place.country != "SY":
        return None
    if not (math.isfinite(place.lat) and math.isfinite(place.lon)):
        return None
    controls = list(controls)
    found = _surrounded_state(place, controls, day)
    return found if found is not None or not provinces else _province_state(place, controls, day, provinces)


def _surrounded_state(place, controls: list[Control], day: date) -> Control | None:
    near = [c for c in controls if c.place.place_id != place.place_id and _at_point(c, place.admin1)]
    ranked = _by_distance(place, near) if near else []
    lending = [(km, c) for km, c in ranked if km <= AREA_INFERENCE_KM and _lends_area(c, day)]
    crossing = across_barrier(place, [c.place for _km, c in lending])
    lending = [pair for pair, across in zip(lending, crossing, strict=True) if not across]
    if not lending:
        return None
    km, src = lending[0]
    if any((c.controller != src.controller or c.contested) and d < FRONT_MARGIN * km for d, c in ranked):
        return None
    lenders = [c for _d, c in lending if c.controller == src.controller]
    if not _surrounded_by(place, lenders, [c for _d, c in ranked if c.controller != src.controller]):
        return None
    conf = round(AREA_FACTOR * src.confidence, 3)
    return replace(src, place=place, kind="area", confidence=conf, contested=False)


# --------------------------------------------------------------------------- villages inside a pocket

# The gazetteer's villages no report names (some 10,000; POCKET_KINDS) take a holder only from inside a pocket held by
# one side: they lie in a triangle of that holder's lending places (Delaunay, in one governorate, edges at most
# AREA_INFERENCE_KM, crossing no barrier) that holds no other holder's place nor a contested one, and all the ground
# within POCKET_WIDTH_KM of the village is nearer that holder's places than any other side's (the front, where the
# Voronoi cells of the two sides' places meet, runs at least that far off). A village's lands reach 1–3 km from its
# centre (SITE_KINDS' cells): a village within that of the midline between two sides' places may be either's (the
# edge of Eastern Ghouta, Idlib's southern front), one deeper in was held with its pocket (the Ghouta's villages
# between Douma and Harasta, the Daraa countryside after July 2018). Kind "area": shaded paler, shown as inferred.
# A village takes no governorate's told holder (_province_state): the press tells a province held long after the
# other side took a corner of it, and of a corner's villages none is named (lent Idlib's opposition, the villages
# around Abu al-Duhur, taken by the army in January 2018, were shown opposition-held into September on the
# tuning reference heldout7: agreement 1.00 → .60 on 2018-02-15); the towns and seats (TARGET_KINDS) still do.
POCKET_WIDTH_KM = 3.0
POCKET_KINDS = frozenset({"village"})
# The plane pockets are drawn in: an azimuthal equidistant projection centred on Syria (its scale error stays under
# 0.2 % within 500 km of the centre, as control_cells' is).
_PLANE_CENTRE = (38.5, 35.0)


@lru_cache(maxsize=1)
def _plane():
    return _projection(*_PLANE_CENTRE)[0]


def _km_xy(lons, lats) -> np.ndarray:
    xs, ys = _plane().transform(np.asarray(lons, dtype=float), np.asarray(lats, dtype=float))
    return np.column_stack([np.asarray(xs) / 1000.0, np.asarray(ys) / 1000.0])


@lru_cache(maxsize=1)
def _barrier_km():
    """barriers() in the pockets' plane (km), prepared; None if there is none."""
    line = barriers()
    if line is None:
        return None
    out = shapely.transform(line, lambda xy: _km_xy(xy[:, 0], xy[:, 1]))
    shapely.prepare(out)
    return out


def _sides_at(controls: list[Control]) -> dict[tuple[float, float], frozenset]:
    """Each point's holders (a contested state counts as the side "contested": it is no one's pocket)."""
    at: dict[tuple[float, float], set] = defaultdict(set)
    for c in controls:
        at[(round(c.place.lon, 6), round(c.place.lat, 6))].add("contested" if c.contested else c.controller)
    return {p: frozenset(v) for p, v in at.items()}


def _pocket_triangles(lenders: np.ndarray, blockers: np.ndarray):
    """The union of the Delaunay triangles of one holder's lending points (km) with edges at most AREA_INFERENCE_KM
    that hold or touch no blocker and cross no barrier; None if none is left."""
    tris = shapely.get_parts(shapely.delaunay_triangles(shapely.multipoints(np.asarray(lenders, dtype=float))))
    if not len(tris):
        return None
    ring = shapely.get_coordinates(shapely.get_exterior_ring(tris)).reshape(len(tris), 4, 2)
    edges = np.linalg.norm(np.diff(ring, axis=1), axis=2).max(axis=1)
    keep = edges <= AREA_INFERENCE_KM
    if len(blockers):
        hit = shapely.STRtree(tris).query(shapely.points(blockers), predicate="intersects")[1]
        keep[hit] = False
    line = _barrier_km()
    if line is not None:
        keep &= ~shapely.intersects(tris, line)
    return shapely.union_all(tris[keep]) if keep.any() else None


def _front_zone(points: np.ndarray, holder_of_point: list[bool]):
    """The ground within POCKET_WIDTH_KM of the Voronoi cells of the points (km) that are not the holder's
    (`holder_of_point` False), or None where every point is the holder's."""
    if all(holder_of_point):
        return None
    if len(points) == 1:
        return None
    frame = shapely.box(*points.min(axis=0), *points.max(axis=0)).buffer(2 * AREA_INFERENCE_KM)
    cells = list(shapely.voronoi_polygons(shapely.multipoints(np.asarray(points, dtype=float)), extend_to=frame, ordered=True).geoms)
    other = shapely.union_all([cell for cell, mine in zip(cells, holder_of_point, strict=True) if not mine])
    return other.buffer(POCKET_WIDTH_KM)


def pocket_holders(villages: np.ndarray, controls: list[Control], day: date) -> dict[int, str]:
    """{index of a village (its km point in `villages`): holder} for the villages inside a pocket of `controls` (the
    point states of one governorate on `day`; see POCKET_WIDTH_KM)."""
    sides = _sides_at(controls)
    lending = {(round(c.place.lon, 6), round(c.place.lat, 6)) for c in controls if _lends_area(c, day)}
    keys = list(sides)
    xy = _km_xy([k[0] for k in keys], [k[1] for k in keys])
    out: dict[int, str] = {}
    holders = sorted({h for v in sides.values() for h in v if h != "contested"})
    for holder in holders:
        mine = [sides[k] == {holder} for k in keys]
        lenders = xy[[m and k in lending for m, k in zip(mine, keys, strict=True)]]
        if len(lenders) < 3:
            continue
        pocket = _pocket_triangles(lenders, xy[[not m for m in mine]])
        if pocket is None:
            continue
        inside = shapely.contains_xy(pocket, villages[:, 0], villages[:, 1])
        front = _front_zone(xy, mine)
        if front is not None:
            inside &= ~shapely.intersects_xy(front, villages[:, 0], villages[:, 1])
        out.update((int(i), holder) for i in np.flatnonzero(inside))
    return out


def pocket_states(villages: tuple, controls: list[Control], day: date, kept: dict | None = None) -> list[Control]:
    """The states of the `villages` (places of one governorate with no state of their own) inside a pocket of
    `controls` (its point states on `day`): kind "area", from the pocket's nearest lending place of that holder,
    weaker than it (AREA_FACTOR). `kept`: a dict to keep the villages' km points in (per tuple of villages)."""
    if not villages or not controls:
        return []
    kept = {} if kept is None else kept
    key = ("village points", id(villages))
    if key not in kept:
        kept[key] = (villages, _km_xy([p.lon for p in villages], [p.lat for p in villages]))
    vxy = kept[key][1]
    found = pocket_holders(vxy, controls, day)
    if not found:
        return []
    out = []
    for holder in sorted(set(found.values())):
        lenders = [c for c in controls if c.controller == holder and not c.contested and _lends_area(c, day)]
        lxy = _km_xy([c.place.lon for c in lenders], [c.place.lat for c in lenders])
        for i in sorted(i for i, h in found.items() if h == holder):
            src = lenders[int(np.argmin(np.linalg.norm(lxy - vxy[i], axis=1)))]
            conf = round(AREA_FACTOR * src.confidence, 3)
            out.append(replace(src, place=villages[i], kind="area", confidence=conf, contested=False))
    return out


def _first_holding(items: tuple[Evidence, ...]) -> Evidence | None:
    """The place's first report if it tells a holding as current (a statement, not a change; retellings
    aside) and CORROBORATING_ARTICLES articles tell that holder before any report of another side: the
    side told holding a town in the first report of it held it before (a holding told as current is
    rarely a day old; a change is told as one), as far back as the loser of a change did."""
    told = [e for e in items if e.kind != "retold"]
    if not told or told[0].kind != "statement":
        return None
    articles = set()
    for e in told:
        if e.controller != told[0].controller:
            break
        articles.add(e.article or e.event_id)
    return told[0] if len(articles) >= CORROBORATING_ARTICLES else None


# Before its first report, the holder one article tells as current held the place this far back (kind
# "first_report", shaded paler, lending no area): a town told held in passing («نبل والزهراء الخاضعتين لسيطرة
# النظام») had mostly been so for long, but one article may misread it, so it reaches back less than a
# corroborated prior holder does.
FIRST_REPORT_DAYS = 365
# … and is weighed half as much as a prior holder two articles tell.
FIRST_REPORT_FACTOR = 0.5


def _first_told_once(items: tuple[Evidence, ...]) -> Evidence | None:
    """The place's first report if it tells a holding as current in a holding phrase (a statement that
    names no loser: not an evacuation weighed as one), no report before it, retold or not, tells another
    holder, and no change names another loser."""
    told = [e for e in items if e.kind != "retold"]
    if not told or told[0].kind != "statement" or told[0].loser:
        return None
    first = told[0]
    earlier = [e for e in items if (e.day, e.order) < (first.day, first.order)]
    if any(e.controller != first.controller for e in earlier):
        return None
    return None if any(e.loser and e.loser != first.controller for e in items) else first


def _first_fall(items: tuple[Evidence, ...]) -> Evidence | None:
    """The place's first change from a loser that CORROBORATING_ARTICLES articles name in the
    CONTEST_WINDOW_DAYS after the first change with any loser, or told holding it before (no other
    loser named as often), if
    every earlier report of the place tells that same holder (retellings, and takings in the same
    battle, aside)."""
    at = next((i for i, e in enumerate(items) if e.loser), None)
    if at is None:
        return None
    window = [e for e in items[at:] if (e.day - items[at].day).days < CONTEST_WINDOW_DAYS]
    articles: dict[str, set[str]] = defaultdict(set)
    for e in window:
        if e.loser:
            articles[e.loser].add(e.article or e.event_id)
    for e in items[:at]:  # an article that told a loser holding the place before its fall tells it too
        if e.kind == "statement" and e.controller in articles:
            articles[e.controller].add(e.article or e.event_id)
    counts = sorted((len(a), who) for who, a in articles.items())
    if counts[-1][0] < CORROBORATING_ARTICLES or (len(counts) > 1 and counts[-2][0] == counts[-1][0]):
        return None
    loser = counts[-1][1]
    start = items[at].day
    for e in items[:at]:  # a statement for another side, or a taking long before, is another story
        battle = e.kind == "taking" and (start - e.day).days < CONTEST_WINDOW_DAYS
        if e.kind != "retold" and e.controller != loser and not battle:
            return None
    return next(e for e in window if e.loser == loser)


def _named_in_quote(ev: Event) -> set[str]:
    """Controllers whose actors the event's sentence names (geo.actors)."""
    from geo.actors import find_actors

    try:
        return {h for _s, _e, key in find_actors(ev.quote or "") if (h := holder_of(key))}
    except Exception:  # the actor finder is another stage's; never let it take the map down
        return set()


def _names_ally(ev: Event, ally: str) -> bool:
    """True if the event's sentence names `ally` by an actor (geo.actors) or a word of territory_cues.jsonl position
    "ally" whose kind is it («الفصائل السورية الموالية لأنقرة»: Ankara, which the actor finder leaves alone)."""
    if ally in _named_in_quote(ev):
        return True
    pattern, kinds = _cue_pattern("ally")
    return bool(pattern) and any(kinds[m.group(1)] == ally for m in pattern.finditer(_words(_PUNCT.sub(" ", ev.quote or ""))))


def _join_allies(items: list[tuple[Event, Evidence]]) -> list[tuple[Event, Evidence]]:
    """A controller that `joins` another (rules) counts as that one where its sentence names that
    one (_names_ally), or its article has evidence of it: the opposition in a report of Turkey's operations is
    the opposition Turkey backs (QA13 C11: «الفصائل السورية الموالية لأنقرة … والسيطرة على حيي الأشرفية والجميلية»)."""
    joins = rules().joins
    present: dict[str, set[str]] = defaultdict(set)
    for ev, e in items:
        present[ev.article_id].add(e.controller)
    out = []
    for ev, e in items:
        ally = joins.get(e.controller)
        named = bool(ally) and e.kind == "taking" and _names_ally(ev, ally)  # «القوات التركية وحلفاؤها من الجيش الحر»
        if ally and (ally in present[ev.article_id] or named):
            e = replace(e, controller=ally)
        if e.loser and (e.controller in (e.loser, joins.get(e.loser)) or joins.get(e.controller) == e.loser):
            e = replace(e, loser="")  # «سيطرت الفصائل بدعم تركي»: Turkey is the taker's ally, no loser
        out.append((ev, e))
    return out


def _lender_key(c: Control, day: date) -> tuple:
    """What of a state on `day` its area inference reads (area_state): the same key, the same answer."""
    return (c.place.place_id, c.controller, c.contested, c.kind, c.since, c.last_confirmed, c.confidence,
            _lends_area(c, day))  # fmt: skip


# --------------------------------------------------------------------------- pockets taken whole

# A region the press names as a whole («الغوطة الشرقية», «حوض اليرموك», «القلمون الشرقي») is no place one holds,
# but its taking as a whole hands over its member places (territory_pockets.jsonl, each pocket with its public
# source): a taking (gov_regains, nsa_overtakes; a departure from a region is often one convoy, not the handover)
# at the region that would be evidence were the region a town, with no word of a part between the trigger and
# the region («48 في المئة من مساحة», «بلدتين جنوب», «معظم»), no exception after it («باستثناء دوما») and no word
# of an aim just before the trigger («تسعى إلى فرض سيطرتها»). A member nothing else tells by that day takes it as its
# own taking; one its own reports tell takes it as a retelling (kind "retold"): told by CORROBORATING_ARTICLES articles
# within CONTEST_WINDOW_DAYS it replaces a thin or old holder, but never overturns one those reports establish
# (Douma, held by Jaysh al-Islam until its own deal of 8–12 April 2018 though the press called the Ghouta taken from
# 31 March). Either weighs less than a town taken by name. Its loser, where named, held the members before (the
# pocket's members are the places it held until the fall: a prior holder, as for a town, where two articles name it).
POCKET_FACTOR = 0.8
# How far before the trigger a word of an aim governs it: its subject and an apposition may stand between («وتسعى
# القوات الحكومية السورية، مدعومة من روسيا، إلى فرض سيطرتها»: 55 characters).
INTENT_REACH_CHARS = 60


@dataclass(frozen=True, slots=True)
class Pocket:
    region: str  # place_id of the region in the gazetteer (or of the town a district is named after)
    members: tuple[str, ...]  # normalised Arabic names of its places
    reach_km: float  # a member is the row of that name nearest the region's point, within this
    before_name: str = ""  # the word that makes the town's name the district's («منطقة عفرين»), normalised
    wof_county: str = ""  # its members are also the localities of this Who's On First county


@dataclass(frozen=True, slots=True)
class PocketRules:
    pockets: Mapping[str, Pocket]  # region place_id → its pocket
    partial: tuple[re.Pattern, ...]  # a part of the region, between the trigger and it
    after: tuple[re.Pattern, ...]  # an exception, after the region in its sentence
    intent: tuple[re.Pattern, ...]  # an aim, just before the trigger


def _word_pattern(word: str) -> re.Pattern:
    from geo.text import normalize

    w = re.escape(normalize(word))
    return re.compile(w if not word[:1].isalpha() else rf"(?:^| )(?:[وف])?(?:ب|ل)?(?:ال)?{w}(?= |$)")


@lru_cache(maxsize=1)
def pocket_rules() -> PocketRules:
    from geo.text import normalize

    rows = read_jsonl(POCKETS_PATH)
    pockets = {
        r["region"]: Pocket(r["region"], tuple(normalize(m) for m in r["members_ar"]), float(r["reach_km"]),
                            normalize(r.get("before_name", "")), r.get("members_wof_county", ""))
        for r in rows if r["role"] == "pocket"
    }  # fmt: skip

    def words(role: str, after: bool | None = None) -> tuple[re.Pattern, ...]:
        return tuple(_word_pattern(r["word"]) for r in rows
                     if r["role"] == role and (after is None or bool(r.get("after")) == after))  # fmt: skip

    return PocketRules(pockets, words("partial"), words("partial", True), words("intent"))


_POCKET_MEMBER_KINDS = frozenset({"village", "town", "city", "neighbourhood"})


def pocket_members(pocket: Pocket, region, gazetteer: Iterable) -> tuple:
    """The gazetteer places of a pocket: per member name, its Syrian row nearest the region's point within reach."""
    from geo.text import normalize

    by_name: dict[str, list] = defaultdict(list)
    for p in gazetteer:
        if p.country == "SY" and p.geo_precision <= 1 and p.kind in _POCKET_MEMBER_KINDS:
            for n in {p.name_ar, *p.names_ar}:
                by_name[normalize(n)].append(p)
    out = {}
    for name in pocket.members:
        near = sorted((_km(p, region), p.place_id, p) for p in by_name.get(name, ()))
        if near and near[0][0] <= pocket.reach_km:
            out[near[0][1]] = near[0][2]
    county = _wof_county_members().get(pocket.wof_county, frozenset()) if pocket.wof_county else frozenset()
    for p in gazetteer:
        ids = {p.place_id.removeprefix("wof:"), *p.source_id.split(";")}
        if county and p.country == "SY" and p.kind in _POCKET_MEMBER_KINDS and ids & county and _km(p, region) <= pocket.reach_km:
            out.setdefault(p.place_id, p)
    out.pop(region.place_id, None)  # the town a district is named after tells its own story
    return tuple(out.values())


@lru_cache(maxsize=1)
def _wof_county_members() -> dict[str, frozenset[str]]:
    """Who's On First county id → the ids of its localities (data/sources/wof_sy_places.csv; «wof:»-less)."""
    import csv

    out: dict[str, set[str]] = defaultdict(set)
    try:
        with WOF_PLACES_PATH.open(encoding="utf-8", newline="") as fp:
            for row in csv.DictReader(fp):
                if row.get("wof_county_id") and row.get("placetype") == "locality":
                    out[row["wof_county_id"]].add(row["wof_id"])
    except FileNotFoundError:
        warnings.warn(f"Who's On First places not found at {WOF_PLACES_PATH}; a district taken whole hands over only its listed places", stacklevel=2)
    return {k: frozenset(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def _default_pocket_members() -> dict[str, tuple]:
    """region place_id → its member places in the default gazetteer (data/gazetteer.csv.gz)."""
    from geo import gazetteer as gz

    try:
        gaz = gz.load()
    except (FileNotFoundError, OSError):
        warnings.warn("gazetteer not found; a pocket taken whole hands over none of its places", stacklevel=4)
        return {}
    pockets = pocket_rules().pockets
    regions = {p.place_id: p for p in gaz if p.place_id in pockets}
    return {pid: pocket_members(pockets[pid], regions[pid], gaz) for pid in pockets if pid in regions}


def _as_town(ev: Event) -> Event:
    """The event as if its region were a town named at its own point (the event stage places a region's events
    at region precision): what evidence_of would read of it."""
    return replace(ev, place=replace(ev.place, kind="town", geo_precision=1), geo_precision=1)


def _named_as_pocket(ev: Event, pocket: Pocket) -> bool:
    """True if the mention names the pocket: a region, or a town's name with the word that makes it its district
    («منطقة عفرين», the word in the mention or just before it; not «مدينة عفرين»)."""
    if not pocket.before_name:
        return True
    from geo.text import normalize

    at, end = ev.place_start - ev.quote_start, ev.place_end - ev.quote_start
    if ev.place_start < 0 or not 0 <= at <= end <= len(ev.quote):
        return False
    words = normalize(ev.quote[max(0, at - 12) : end]).split()
    name = normalize(ev.place.name_ar)
    i = next((k for k in range(len(words) - 1, -1, -1) if words[k] == name or words[k].endswith(name)), -1)
    return i > 0 and re.sub(r"^(?:و|ف)?(?:ب|ل)?(?:ال)?", "", words[i - 1]) in {pocket.before_name, f"ل{pocket.before_name}"}


def taken_whole(ev: Event) -> bool:
    """True if the event takes a pocket region with no word of a part, an exception or an aim (see above)."""
    place = ev.place
    if place is None or place.place_id not in pocket_rules().pockets or (ev.event_type, ev.sub_event_type) not in _TAKING_TYPES:
        return False
    if not _named_as_pocket(ev, pocket_rules().pockets[place.place_id]):
        return False
    if (ev.extra or {}).get("control_statement") or why_not_evidence(_as_town(ev)):
        return False
    span, at = _trigger_span(ev), ev.place_start - ev.quote_start
    if span is None or ev.place_start < 0 or not span[1] <= at <= len(ev.quote):
        return False
    from geo.text import normalize

    def norm(text: str) -> str:
        return normalize(_PUNCT.sub(" ", text))

    r = pocket_rules()
    told = norm(ev.quote[span[1] : at])
    rest = norm(_SENTENCE_BREAK.split(ev.quote[max(at, ev.place_end - ev.quote_start) :], maxsplit=1)[0])
    before = norm(ev.quote[max(0, span[0] - INTENT_REACH_CHARS) : span[0]])
    return not (any(p.search(told) for p in r.partial) or any(p.search(rest) for p in r.after)
                or any(p.search(before) for p in r.intent))  # fmt: skip


def _town_holder_before(ev: Event, e: Evidence, own: Mapping[str, list[Evidence]]) -> str:
    """Of a district named after its town («منطقة عفرين»), the side the town's own latest report of another side
    than the taker, within STALE_DAYS before the taking, tells holding it (a statement, not a retelling): the
    district's loser where the taking names none ('' otherwise)."""
    if not pocket_rules().pockets[ev.place.place_id].before_name:
        return ""
    before = [o for o in own.get(ev.place.place_id, ()) if o.kind == "statement" and o.controller != e.controller
              and 0 < (e.day - o.day).days <= STALE_DAYS]  # fmt: skip
    last = max(before, key=lambda o: (o.day, o.order), default=None)
    return last.controller if last is not None else ""


def _pocket_handovers(events: Iterable[Event], members: Mapping[str, tuple] | None = None,
                      own: Iterable[tuple[Event, Evidence]] = ()) -> list[tuple[Event, Evidence]]:  # fmt: skip
    """(the event at a member, its evidence) for every member of every pocket a taking hands over whole
    (taken_whole); `members`: region place_id → its places (default: the default gazetteer's). For a member nothing
    else tells by that day (`own`: the (event, evidence) of the places themselves) the pocket's taking is its taking;
    for one its own reports tell, a retelling (kind "retold"), which never overturns a holder they establish. The
    loser stays: the members are the places the loser held until the fall."""
    places = _default_pocket_members() if members is None else members
    first: dict[str, date] = {}
    by_place: dict[str, list[Evidence]] = defaultdict(list)
    for ev, e in own:
        first[ev.place.place_id] = min(first.get(ev.place.place_id, e.day), e.day)
        by_place[ev.place.place_id].append(e)
    out = []
    for order, ev in enumerate(events):
        e = evidence_of(_as_town(ev), order) if taken_whole(ev) else None
        if e is None or e.kind != "taking":
            continue
        e = replace(e, loser=e.loser or _town_holder_before(ev, e, by_place), confidence=round(e.confidence * POCKET_FACTOR, 3))
        for m in places.get(ev.place.place_id, ()):
            told = m.place_id in first and first[m.place_id] <= e.day
            out.append((replace(ev, place=m), replace(e, kind="retold") if told else e))
    return out


def build_timeline(events: Iterable[Event], targets: Iterable | None = None, villages: Iterable | None = None) -> Timeline:
    """The control timeline of `events`. `targets`: the places a holder is inferred at though no report names them
    (gazetteer_targets of the gazetteer the events were geoparsed with; default the default gazetteer's, `()` for
    none); `villages`: the villages that take a holder only inside a pocket (gazetteer_villages of that gazetteer;
    default the default gazetteer's where `targets` is not given either, else none)."""
    events = list(events)
    by_place: dict[str, list[Evidence]] = defaultdict(list)
    places: dict[str, object] = {}
    found = [(ev, e) for order, ev in enumerate(events) if (e := evidence_of(ev, order)) is not None]
    found += _entries(events)
    found, sieges = _sieges_lifted(found)
    pockets = _pocket_handovers(events, own=found)
    found += pockets
    pressing = _pressing(events)
    for ev, e in _join_allies(found):
        if e.kind == "statement" and pressing.get((ev.place.place_id, e.article), set()) - {e.controller}:
            e = replace(e, pressed=True)  # «… باتجاه بلدة السخنة … والتي يسيطر عليها التنظيم»
        by_place[ev.place.place_id].append(e)
        places[ev.place.place_id] = ev.place
    seats = _seats(events)
    for unit, seat in seats.items():
        if unit in by_place:
            by_place[seat.place_id] += by_place.pop(unit)
            places.pop(unit)
            places[seat.place_id] = seat
    evidence = {
        pid: tuple(sorted(items, key=lambda e: (e.day, _RANK[e.kind], e.order)))
        for pid, items in by_place.items()
    }
    named = {pid: p for pid, p in _named_places(events, evidence).items() if pid not in seats}
    unnamed = {p.place_id: p for p in _unnamed_targets(evidence, places, named, targets)}
    if villages is None:
        villages = _gazetteer_villages() if targets is None else ()
    return Timeline(
        evidence, places, {**named, **unnamed}, provinces=_province_holdings(events),
        near=_neighbours(evidence, places), unnamed=frozenset(unnamed),
        pocket_events=frozenset(e.event_id for _ev, e in pockets), siege_events=sieges,
        villages=_untold_villages(villages, evidence, places, {**named, **unnamed}),
    )  # fmt: skip


def _sieges_lifted(found: list[tuple[Event, Evidence]]) -> tuple[list[tuple[Event, Evidence]], frozenset[str]]:
    """An evacuation of a place told besieged within CONTEST_WINDOW_DAYS of it («المحاصرتين من الجماعات المسلحة»), read
    as the besieger leaving and the besieged side gaining it, is the reverse: the besieged side left and the besieger
    took the place (the besieger holds no ground inside the siege to leave). QA of issue 9: «خروج كامل الحافلات من كفريا
    والفوعة», its leavers untold, gave the government al-Fu'ah and Kafriya on the day the government's side left them to
    HTS (Wikipedia, 'Siege of al-Fu'ah and Kafriya', 18–19 July 2018). A batch leaving (_partial_leavers) stays a
    retelling. A place listed with a besieged one under its phrase («الفوعة وكفريا اللتين يحاصرهما …»: a statement of
    the same sentence and holder) is besieged by the same side. Also the ids of those statements and of the lifted
    sieges (Timeline.siege_events: an enclave lends no area)."""
    by_sentence = {(ev.article_id, ev.quote_start, e.controller): e.besieger for ev, e in found if e.besieger}
    sieges: dict[str, list[Evidence]] = defaultdict(list)
    for ev, e in found:
        besieger = e.besieger or by_sentence.get((ev.article_id, ev.quote_start, e.controller), "")
        if besieger and e.kind == "statement":
            sieges[ev.place.place_id].append(replace(e, besieger=besieger))
    if not sieges:
        return found, frozenset()
    ids = {e.event_id for told in sieges.values() for e in told}
    out = []
    for ev, e in found:
        told = sieges.get(ev.place.place_id, ()) if (ev.event_type, ev.sub_event_type) == _WITHDRAWAL else ()
        lifted = [s for s in told if abs((s.day - e.day).days) < CONTEST_WINDOW_DAYS
                  and s.controller == e.controller and e.loser in ("", s.besieger)]  # fmt: skip
        if lifted:
            kind = e.kind if _partial_leavers(ev) else "taking"
            e = replace(e, controller=lifted[-1].besieger, loser=e.controller, kind=kind)
            ids.add(e.event_id)
        out.append((ev, e))
    return out, frozenset(ids)


def _one_place(a, b) -> bool:
    return a.place_id == b.place_id or a.parent_id == b.place_id or b.parent_id == a.place_id


def _neighbours(
    evidence: Mapping[str, tuple[Evidence, ...]], places: Mapping[str, object]
) -> dict[str, tuple]:
    """place → (other place, its evidence) within OUTLIVED_KM, by day (one distance matrix); a place's own
    quarters, or the city it is a quarter of, are no other place (a quarter taken is a battle for the city)."""
    ids = list(evidence)
    if not ids:
        return {}
    lat = np.array([places[p].lat for p in ids], dtype=float)
    lon = np.array([places[p].lon for p in ids], dtype=float)
    # candidates from an STRtree within OUTLIVED_KM in degrees of longitude at the northernmost place (wider
    # than the km anywhere south of it), then the geodesic on the WGS84 ellipsoid for those pairs only
    reach = OUTLIVED_KM / (_KM_PER_DEGREE * np.cos(np.radians(np.abs(lat).max())))
    points = shapely.points(lon, lat)
    left, right = shapely.STRtree(points).query(points, predicate="dwithin", distance=reach)
    _az, _back, metres = _GEOD.inv(lon[left], lat[left], lon[right], lat[right])
    within = np.asarray(metres) <= OUTLIVED_KM * 1000.0
    close_pairs: dict[int, list[int]] = {}
    for i, j in zip(left[within].tolist(), right[within].tolist(), strict=True):
        close_pairs.setdefault(i, []).append(j)
    out = {}
    for i, pid in enumerate(ids):
        close = [ids[j] for j in sorted(close_pairs.get(i, ())) if not _one_place(places[pid], places[ids[j]])]
        found = ((q, e) for q in close for e in evidence[q])
        out[pid] = tuple(sorted(found, key=lambda qe: (qe[1].day, qe[1].order)))
    return out


def _province_holdings(events: list[Event]) -> dict[str, tuple[Evidence, ...]]:
    """admin1 → the holdings told of that governorate (province_holder), as statements on their day, oldest first."""
    out: dict[str, list[Evidence]] = defaultdict(list)
    for order, ev in enumerate(events):
        if ev.place is None or ev.place.kind != "governorate" or (ev.event_type, ev.sub_event_type) in _CHANGES:
            continue
        if ev.event_date is not None and ev.time_precision > MAX_TIME_PRECISION:
            continue
        day = ev.event_date if ev.status == "happened" and ev.event_date else ev.published
        if day and (who := province_holder(ev)):
            out[ev.place.admin1].append(Evidence(day, who, "statement", ev.event_id, float(ev.confidence or 0.5), order, ev.article_id))
    return {a: tuple(sorted(items, key=lambda e: (e.day, e.order))) for a, items in out.items()}


# A subdistrict or district is named after its seat and its gazetteer point stands at or near it («الحجر
# الأسود»: the subdistrict ocha:SY030902 400 m from the town): on the control layer the two are one place, the
# seat. A homonym farther away is another place.
SEAT_KM = 3.0
_UNIT_KINDS = frozenset({"subdistrict", "district"})
_SEAT_KINDS = frozenset({"city", "town", "village"})


def _seats(events: list[Event]) -> dict[str, object]:
    """place_id of each subdistrict or district the events name → the seat it is named after (a city, town or
    village the events name, of the same Arabic name and governorate, within SEAT_KM), if there is one."""
    from geo.text import normalize

    units: dict[str, object] = {}
    named: dict[tuple[str, str], dict[str, object]] = defaultdict(dict)
    for ev in events:
        p = ev.place
        if p is None or p.country != "SY" or p.geo_precision > 1:
            continue
        if p.kind in _UNIT_KINDS:
            units[p.place_id] = p
        elif p.kind in _SEAT_KINDS:
            named[(normalize(p.name_ar), p.admin1)][p.place_id] = p
    out = {}
    for unit in units.values():
        seats = named.get((normalize(unit.name_ar), unit.admin1), {}).values()
        near = sorted((km, p.place_id, p) for p in seats if (km := _km(unit, p)) <= SEAT_KM)
        if near:
            out[unit.place_id] = near[0][2]
    return out


def _km(a, b) -> float:
    _az, _back, metres = _GEOD.inv(a.lon, a.lat, b.lon, b.lat)
    return metres / 1000.0


_ENTRY = EVENT_TYPES["advance"]


def _entries(events: list[Event]) -> list[tuple[Event, Evidence]]:
    """An entry into a place («دخلت فصائل درع الفرات بلدة راجو», an advance whose trigger enters:
    territory_triggers.jsonl role "enters") in a sentence that tells another side's withdrawal from that same
    place («… إثر انسحاب مقاتلي الوحدات الكردية منها») is a taking by the side that entered, from the loser
    that withdrew; an entry alone («دخلت قوات موالية للحكومة منطقة عفرين») takes nothing."""
    from geo.text import normalize

    left: dict[tuple[str, int, str], set[str]] = defaultdict(set)  # (article, sentence, place) → leavers
    for ev in events:
        withdrawal = (ev.event_type, ev.sub_event_type) == _WITHDRAWAL and ev.status == "happened"
        if withdrawal and ev.place is not None and (leaver := holder_of(ev.actor1)):
            left[(ev.article_id, ev.quote_start, ev.place.place_id)].add(leaver)
    out = []
    for order, ev in enumerate(events):
        if (ev.event_type, ev.sub_event_type) != _ENTRY or ev.place is None or not (who := holder_of(ev.actor1)):
            continue
        trigger = normalize((ev.extra or {}).get("trigger") or "").strip()
        losers = left.get((ev.article_id, ev.quote_start, ev.place.place_id), set()) - {who}
        if trigger not in rules().enters or len(losers) != 1 or why_not_evidence(ev) != NO_GAINER:
            continue  # (every other test passed: only an advance gains nothing by itself)
        day = ev.date_last if ev.time_precision > 1 and ev.date_last else ev.event_date
        conf = float(ev.confidence or 0.5)
        out.append((ev, Evidence(day, who, "taking", ev.event_id, conf, order, ev.article_id, losers.pop())))
    return out


# An advance on a place or a fight for it («استمرار العمليات العسكرية … باتجاه بلدة السخنة») tells a front
# there, in whatever words it places the fight (towards the place, around it).
_PRESSING = frozenset({EVENT_TYPES["advance"], EVENT_TYPES["armed_clash"]})


def _pressing(events: list[Event]) -> dict[tuple[str, str], set[str]]:
    """(place_id, article) → the controllers an article reports advancing on or fighting at the place (as
    it was told, whether or not it is evidence; a planned offensive too: it was on its way)."""
    out: dict[tuple[str, str], set[str]] = defaultdict(set)
    for ev in events:
        if ev.place is not None and (ev.event_type, ev.sub_event_type) in _PRESSING and (who := holder_of(ev.actor1)):
            out[(ev.place.place_id, ev.article_id)].add(who)
    return out


def _named_places(events: list[Event], evidence: Mapping[str, object]) -> dict[str, object]:
    """The Syrian places events are placed at (at their own point) that have no evidence of their own."""
    out = {}
    for ev in events:
        p = ev.place
        if p is None or p.place_id in evidence or p.country != "SY" or p.kind in _NO_AREA_TARGETS:
            continue
        if p.geo_precision <= 1 and p.admin1 and ev.geo_precision <= p.geo_precision:
            out.setdefault(p.place_id, p)
    return out


# Besides the places the events name, these places of the gazetteer take a holder from the places around them where
# they surround it (area_state: shown paler, as inferred, with the place it came from): the towns and cities, the
# seats of the subdistricts and districts (the village or town a unit is named after, SEAT_KM), and the sites a
# reader looks for (bases, airports, crossings). They are the smallest units the map has: a holder told of the places
# around a nāḥiya's seat tells its seat's, where no front runs between (area_state's tests); the 10,000 villages the
# press never names are left to their seats (one area_state per target and day: ~500 targets, not 11,000).
TARGET_KINDS = frozenset({"city", "town", "base", "airport", "border_crossing"})


def gazetteer_targets(gazetteer: Iterable) -> tuple:
    """TARGET_KINDS places of a gazetteer and the seats of its units, in Syria at their own point: the places
    build_timeline infers a holder at (its `targets`), from the gazetteer the caller geoparsed with."""
    from geo.text import normalize

    places = [p for p in gazetteer if p.country == "SY" and p.geo_precision <= 1 and p.admin1
              and math.isfinite(p.lat) and math.isfinite(p.lon)]  # fmt: skip
    units = defaultdict(list)
    for u in places:
        if u.kind in _UNIT_KINDS:
            units[(normalize(u.name_ar), u.admin1)].append(u)

    def seat(p) -> bool:
        return p.kind in _SEAT_KINDS and any(_km(u, p) <= SEAT_KM for u in units.get((normalize(p.name_ar), p.admin1), ()))

    return tuple(p for p in places if p.kind in TARGET_KINDS or seat(p))


@lru_cache(maxsize=1)
def _gazetteer_targets() -> tuple:
    """gazetteer_targets of the default gazetteer (data/gazetteer.csv.gz): build_timeline's, given no targets."""
    from geo import gazetteer as gz

    try:
        return gazetteer_targets(gz.load())
    except (FileNotFoundError, OSError):
        warnings.warn("gazetteer not found; the map infers no holder at the towns the reports do not name", stacklevel=4)
        return ()


def _unnamed_targets(evidence: Mapping, places: Mapping, named: Mapping, targets: Iterable | None = None) -> list:
    """The gazetteer targets (`targets`, default the default gazetteer's) with no evidence, not named, and not at a
    place with evidence (SITE_MERGE_KM: another source's row of that place)."""
    targets = [p for p in (_gazetteer_targets() if targets is None else targets)
               if p.place_id not in evidence and p.place_id not in named]  # fmt: skip
    told = [places[pid] for pid in evidence if places[pid].geo_precision <= 1 and math.isfinite(places[pid].lat)]
    if not targets or not told:
        return targets
    tree = shapely.STRtree(shapely.points([(p.lon, p.lat) for p in told]))
    near = tree.query(shapely.points([(p.lon, p.lat) for p in targets]), predicate="dwithin",
                      distance=SITE_MERGE_KM / _KM_PER_DEGREE)  # fmt: skip
    at_told = set(near[0].tolist())
    return [p for i, p in enumerate(targets) if i not in at_told]


def gazetteer_villages(gazetteer: Iterable) -> tuple:
    """POCKET_KINDS places of a gazetteer in Syria at their own point: the villages build_timeline infers a holder at
    only inside a pocket (its `villages`; pocket_states)."""
    return tuple(p for p in gazetteer if p.country == "SY" and p.kind in POCKET_KINDS and p.geo_precision <= 1
                 and p.admin1 and math.isfinite(p.lat) and math.isfinite(p.lon))  # fmt: skip


@lru_cache(maxsize=1)
def _gazetteer_villages() -> tuple:
    """gazetteer_villages of the default gazetteer: build_timeline's, given neither targets nor villages."""
    from geo import gazetteer as gz

    try:
        return gazetteer_villages(gz.load())
    except (FileNotFoundError, OSError):
        return ()


def _untold_villages(villages: Iterable, evidence: Mapping, places: Mapping, named: Mapping) -> dict[str, tuple]:
    """admin1 → its villages with no evidence, not named nor a target, and not at a place with evidence
    (_unnamed_targets' test), in gazetteer order."""
    villages = [p for p in villages if p.place_id not in evidence and p.place_id not in named]
    left = _unnamed_targets(evidence, places, {}, villages) if villages else []
    out: dict[str, list] = defaultdict(list)
    for p in left:
        out[p.admin1].append(p)
    return {a: tuple(v) for a, v in out.items()}


def control_timeline(events: Iterable[Event]) -> dict[str, list[Control]]:
    """Every state per place_id, oldest first."""
    tl = build_timeline(events)
    return {pid: tl.states(pid) for pid in tl.evidence}


# The timeline of the last list of events asked about: callers that ask for day after day (the
# snapshot's slider) build it once. The cache keeps the events themselves and compares them by
# identity, so a different list (or one changed in place) is never mistaken for it.
_LAST_TIMELINE: list = [(), None]


def _timeline_of(events: Iterable[Event]) -> Timeline:
    if not isinstance(events, (list, tuple)):
        return build_timeline(events)
    seen, timeline = _LAST_TIMELINE
    same = len(seen) == len(events) and all(a is b for a, b in zip(seen, events, strict=True))
    if timeline is None or not same:
        timeline = build_timeline(events)
        _LAST_TIMELINE[:] = [tuple(events), timeline]
    return timeline


def control_as_of(events: Iterable[Event], day: date) -> list[Control]:
    """Who holds each place on `day`, as far as the evidence tells; places with none yet are absent."""
    return _timeline_of(events).as_of(day)


# States no report of the day tells: a later fall's loser or a corroborated first holder ("prior"), the one
# first report's holder ("first_report"), the places around ("area").
INFERRED_KINDS = frozenset({"prior", "first_report", "area"})


# A state weighed below this is shaded paler too: a user reads a solid disc as established. One report of a
# taking weighs ~0.4 (0.8 × its confidence ~0.5), of a holding ~0.3, halved where contested (0.2, 0.15); below
# that is a report whose place itself is in doubt (its location confidence near the floor).
WEAK_CONFIDENCE = 0.15


def is_stale(c: Control, day: date) -> bool:
    """True when the state was last confirmed more than STALE_DAYS before `day`, is only inferred (kind
    "prior": from a later change, no report of that day tells it; kind "area": from the places around it), or
    is weighed below WEAK_CONFIDENCE: the map shades all of them paler."""
    if c.kind in INFERRED_KINDS or c.confidence < WEAK_CONFIDENCE:
        return True
    last = c.last_confirmed or c.since
    return (day - last).days > STALE_DAYS


# --------------------------------------------------------------------------- areas


@lru_cache(maxsize=4)
def _read_geojson(path: Path) -> tuple:
    with path.open(encoding="utf-8") as fp:
        data = json.load(fp)
    feats = data.get("features") if data.get("type") == "FeatureCollection" else [data]
    return tuple((f.get("properties") or {}, shapely.make_valid(shape(f.get("geometry", f)))) for f in feats)


def load_outline(path: str | Path | None = None):
    """The Syria outline (lon/lat) from data/sources/, read once per process (the same object each time: control_cells
    keeps cells per outline)."""
    return _outline_at(Path(path).resolve() if path else OUTLINE_PATH)


@lru_cache(maxsize=4)
def _outline_at(path: Path):
    return shapely.make_valid(shapely.union_all([g for _, g in _read_geojson(path)]))


def load_admin1(path: str | Path | None = None) -> Mapping[str, object]:
    """OCHA governorate polygons {P-code: geometry} (lon/lat), read once per process (the same mapping each time,
    read-only)."""
    return _admin1_at(Path(path).resolve() if path else ADMIN1_PATH)


@lru_cache(maxsize=4)
def _admin1_at(path: Path) -> Mapping[str, object]:
    return MappingProxyType({str(p.get("ADM1_PCODE", i)): g for i, (p, g) in enumerate(_read_geojson(path))})


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
    return min(controls, key=lambda c: (-(c.last_confirmed or c.since).toordinal(), c.place.place_id))


# A point's cell reaches at most this far (within its governorate): about the reach of a front town
# over the villages around it; one town in the desert does not claim a whole governorate.
AREA_RADIUS_KM = 50


@dataclass(frozen=True)
class Shading:
    """Control areas as shapely geometries (lon/lat): per controller, the stale and contested parts,
    and the front lines where cells of different controllers meet."""

    areas: Mapping[str, object]  # controller → geometry
    stale: Mapping[str, object] = field(default_factory=dict)  # controller → part with old evidence
    contested: object = None  # cells of contested places
    fronts: object = None  # (Multi)LineString

    def __bool__(self) -> bool:
        return bool(self.areas)

    def items(self):
        return self.areas.items()


def _points(controls: Iterable[Control], outline) -> dict[tuple[float, float], list[Control]]:
    at_point: dict[tuple[float, float], list[Control]] = defaultdict(list)
    for c in controls:
        lon, lat = c.place.lon, c.place.lat
        if c.place.geo_precision > 1 or not (math.isfinite(lon) and math.isfinite(lat)):
            continue
        at_point[(round(lon, 6), round(lat, 6))].append(c)
    if outline is not None and at_point:
        keys = list(at_point)
        inside = _covers_xy(outline, keys)
        at_point = {k: at_point[k] for k, ok in zip(keys, inside, strict=True) if ok}
    return at_point


def _covers_xy(region, pts: list[tuple[float, float]]) -> np.ndarray:
    """region.covers(Point(p)) for each of `pts`, at once (a point covered is in it or on its edge)."""
    return shapely.intersects_xy(region, np.fromiter((p[0] for p in pts), float, len(pts)),
                                 np.fromiter((p[1] for p in pts), float, len(pts)))  # fmt: skip


def _extent(xy: list[tuple[float, float]], radius: float):
    """The envelope of the disks of `radius` around `xy`, widened by `radius` (the Voronoi diagram's frame)."""
    xs, ys = [p[0] for p in xy], [p[1] for p in xy]
    return shapely.box(min(xs) - radius, min(ys) - radius, max(xs) + radius, max(ys) + radius).buffer(radius)


def _cells(xy: list[tuple[float, float]], radius: float, others=None) -> list:
    """The Voronoi cell of each point of `xy` among `xy` and `others` (sites, an (n, 2) array), cut to a disk."""
    disks = shapely.buffer(shapely.points(xy), radius, quad_segs=16)
    extent = _extent(xy, radius)
    if others is not None and len(others):
        others = others[shapely.contains_xy(extent, others[:, 0], others[:, 1])]
    pts = np.asarray(xy, dtype=float).reshape(-1, 2)
    if others is not None and len(others):
        pts = np.concatenate([pts, np.asarray(others, dtype=float).reshape(-1, 2)])
    if len(pts) == 1:
        return list(disks)
    vor = shapely.voronoi_polygons(shapely.multipoints(pts), extend_to=extent, ordered=True)
    return list(shapely.intersection(np.array(list(vor.geoms)[: len(xy)], dtype=object), disks))


def _region_sites(site_lonlat: np.ndarray, site_xy, region, held: np.ndarray):
    """The sites of `region` (projected), less those at a held point (SITE_MERGE_KM). `site_lonlat`: their (n, 2)
    lon/lat."""
    if site_xy is None or not len(site_xy):
        return None
    inside = (shapely.contains_xy(region, site_lonlat[:, 0], site_lonlat[:, 1]) if region is not None
              else np.ones(len(site_lonlat), dtype=bool))  # fmt: skip
    return _free_sites(site_xy[inside], held)


def _regions(outline, admin1) -> list:
    """Clip regions: governorates (each point's cell stays in its governorate) cut along the barriers (a cell
    stays on its bank of the Euphrates), else the outline."""
    if admin1:
        return [bank for region in admin1.values() for bank in _banks(region)]
    return [outline] if outline is not None else [None]


@lru_cache(maxsize=64)
def _banks(region) -> tuple:
    """The parts of a region the barriers cut it into (the region itself where none crosses it)."""
    line = barriers()
    if line is None or not region.intersects(line):
        return (region,)
    return tuple(g for g in shapely.ops.split(region, line).geoms if not g.is_empty)


def _resolve_outline(outline):
    if outline is None or isinstance(outline, (str, Path)):
        try:
            return load_outline(outline)
        except FileNotFoundError:
            warnings.warn(f"Syria outline not found at {OUTLINE_PATH}; areas are not clipped", stacklevel=3)
            return None
    return outline


def _resolve_admin1(admin1):
    if admin1 is False:
        return {}
    if admin1 is None or isinstance(admin1, (str, Path)):
        try:
            return load_admin1(admin1)
        except FileNotFoundError:
            return {}
    return admin1


# The places that own ground on the map (SITE_KINDS, gazetteer points): a held place shades its own ground, the
# Voronoi cell it has among them, not the villages around it whose holder no report tells (on 2018-08-01 a 50 km
# cell of government-held Nubl and al-Zahraa shaded opposition-held Anadan and al-Atarib; of IS-held al-Hajar
# al-Aswad, opposition-held Babbila and Beit Sahm). A village's cell among its neighbours is some 1–3 km across:
# its lands. Quarters are not sites: a city's cell carries them (a city taken carries its quarters).
SITE_KINDS = frozenset({"village", "town", "city", "base", "airport", "dam", "border_crossing", "oil_field"})
# Cells are drawn to this grid (degrees, ~100 m): no finer than the gazetteer's points (a village's centre), and what
# the map's snapshot sends (mapview.AREA_GRID), so that a village's cell of a few km² is drawn as computed.
CELL_GRID_DEG = 1e-3
# A site this close to a held place is that place under another source's point (WOF and GeoNames rows of one
# village stand up to a few hundred metres apart): it does not split the place's cell.
SITE_MERGE_KM = 0.5


@lru_cache(maxsize=1)
def _gazetteer_sites() -> tuple:
    from geo import gazetteer as gz

    try:
        places = gz.load()
    except (FileNotFoundError, OSError):
        warnings.warn("gazetteer not found; control cells are not cut by the places around them", stacklevel=3)
        return ()
    return _site_points(p for p in places if p.country == "SY")


def _site_points(places: Iterable) -> tuple:
    """(lon, lat) of the places that own ground (SITE_KINDS, at their own point)."""
    return tuple(sorted({(round(p.lon, 6), round(p.lat, 6)) for p in places if p.kind in SITE_KINDS
                         and p.geo_precision <= 1 and math.isfinite(p.lat) and math.isfinite(p.lon)}))  # fmt: skip


def _free_sites(sites: np.ndarray, held: np.ndarray) -> np.ndarray:
    """The sites (projected, metres) farther than SITE_MERGE_KM from every held point."""
    if not len(sites) or not len(held):
        return sites
    tree = shapely.STRtree(shapely.points(held))
    near = tree.query(shapely.points(sites), predicate="dwithin", distance=SITE_MERGE_KM * 1000.0)
    keep = np.ones(len(sites), dtype=bool)
    keep[near[0]] = False
    return sites[keep]


# control_cells keeps the cells of this many point sets (least recently used dropped first): a cell depends only on the
# held points, the outline, the governorates, the radius and the sites, and the points change far less often than the
# days (a snapshot's span of ~2,100 days has ~150 distinct point sets, and the day it opens on is asked again for its
# own shading); each set's cells weigh some 1–3 MB.
CELLS_CACHE_SIZE = 64
_CELLS_CACHE: OrderedDict = OrderedDict()  # key → (outline, admin1, [(point, cell)]): outline and admin1 kept alive


def _cells_key(points, outline, admin1, radius_km: float, site_ll: tuple) -> tuple:
    """What a call's cells depend on: the held points, which outline and governorates (by identity: the entry keeps
    them, so no other object takes their id while it lives), the radius and the sites."""
    return (frozenset(points), id(outline), id(admin1) if admin1 else 0, float(radius_km), hash(site_ll))


def clear_cells_cache() -> None:
    _CELLS_CACHE.clear()


def control_cells(controls: Iterable[Control], outline=None, admin1=None, radius_km: float = AREA_RADIUS_KM,
                  sites=None, cache: bool = True):  # fmt: skip
    """[(Control, cell geometry in lon/lat)]: the Voronoi cell of each controlled point.

    Cells are computed per governorate (OCHA admin1 polygons; `admin1=False` for none), so a
    point's cell never crosses into another governorate, and cut to a disk of `radius_km`. Places
    at a borrowed point (geo_precision 2) or outside the outline get no cell. `sites`: the places that
    own ground (default: the gazetteer's Syrian SITE_KINDS; `()` for none) take part in the Voronoi
    diagram, so that a held point's cell is its own ground: a site with no state stays unshaded.
    The cells of a set of points are kept (CELLS_CACHE_SIZE sets; `cache=False` computes them afresh): who holds
    a point does not change its cell.
    """
    outline = _resolve_outline(outline)
    admin1 = _resolve_admin1(admin1)
    at_point = _points(controls, outline)
    if not at_point:
        return []
    site_ll = _gazetteer_sites() if sites is None else _site_points(sites)
    key = _cells_key(at_point, outline, admin1, radius_km, site_ll) if cache else None
    hit = _CELLS_CACHE.get(key) if cache else None
    if hit is not None and hit[0] is outline and hit[1] is admin1:
        _CELLS_CACHE.move_to_end(key)
        cells = hit[2]
    else:
        cells = _point_cells(list(at_point), outline, admin1, radius_km, site_ll)
        if cache:
            _CELLS_CACHE[key] = (outline, admin1, cells)
            while len(_CELLS_CACHE) > CELLS_CACHE_SIZE:
                _CELLS_CACHE.popitem(last=False)
    return [(_pick(at_point[p]), cell) for p, cell in cells]


def _point_cells(points: list[tuple[float, float]], outline, admin1, radius_km: float, site_ll: tuple) -> list:
    """[(point, cell in lon/lat)] of control_cells, disjoint, in the order of the regions and of `points`."""
    centre = outline.centroid if outline is not None else None
    lon0 = centre.x if centre is not None else sum(p[0] for p in points) / len(points)
    lat0 = centre.y if centre is not None else sum(p[1] for p in points) / len(points)
    fwd, back = _projection(lon0, lat0)
    site_lonlat = np.array(site_ll, dtype=float).reshape(-1, 2)
    site_xy = np.column_stack(fwd.transform(site_lonlat[:, 0], site_lonlat[:, 1])) if site_ll else None
    out = []
    remaining = list(points)
    outline_xy = shapely.transform(outline, fwd.transform, interleaved=False) if outline is not None else None
    for region in _regions(outline, admin1):
        mask = _covers_xy(region, remaining) if region is not None else np.ones(len(remaining), dtype=bool)
        inside = [p for p, ok in zip(remaining, mask, strict=True) if ok]
        if not inside:
            continue
        remaining = [p for p, ok in zip(remaining, mask, strict=True) if not ok]
        xs, ys = fwd.transform([p[0] for p in inside], [p[1] for p in inside])
        held = list(zip(xs, ys, strict=True))
        others = _region_sites(site_lonlat, site_xy, region, np.array(held))
        cells = np.array(_cells(held, radius_km * 1000.0, others), dtype=object)
        clip = shapely.transform(region, fwd.transform, interleaved=False) if region is not None else None
        if clip is not None and outline is not None and region is not outline:
            clip = clip.intersection(outline_xy)
        if clip is not None:
            cells = shapely.intersection(cells, clip)
        geoms = shapely.set_precision(shapely.transform(cells, back.transform, interleaved=False), CELL_GRID_DEG)
        out += [(p, g) for p, g in zip(inside, geoms, strict=True) if not g.is_empty]
    return _disjoint(out)


def _disjoint(cells: list) -> list:
    """The cells less what earlier ones cover: two neighbours snapped to CELL_GRID_DEG each may overlap by a sliver
    along their shared edge (where one has a vertex the other lacks). Cells that only touch are left as they are."""
    if len(cells) < 2:
        return cells
    geoms = [g for _c, g in cells]
    tree = shapely.STRtree(geoms)
    pairs = tree.query(geoms, predicate="intersects")
    later, earlier = pairs[0], pairs[1]
    keep = earlier < later
    later, earlier = later[keep], earlier[keep]
    overlap = shapely.relate_pattern(np.array(geoms, dtype=object)[later], np.array(geoms, dtype=object)[earlier],
                                     "T********")  # fmt: skip
    over: dict[int, list[int]] = defaultdict(list)
    for i, j in zip(later[overlap].tolist(), earlier[overlap].tolist(), strict=True):
        over[i].append(j)
    out = []
    for i, (c, g) in enumerate(cells):
        if i in over:
            g = geoms[i] = g.difference(shapely.union_all([geoms[j] for j in sorted(over[i])]))
        if not g.is_empty and g.area > 0:
            out.append((c, g))
    return out


def control_areas(
    controls: Iterable[Control], outline=None, radius_km: float = AREA_RADIUS_KM, admin1=None, sites=None
) -> dict[str, object]:
    """Shaded areas per controller (shapely geometries in lon/lat): the union of its cells."""
    per: dict[str, list] = defaultdict(list)
    for c, cell in control_cells(controls, outline, admin1, radius_km, sites):
        per[c.controller].append(cell)
    return {actor: shapely.union_all(parts) for actor, parts in sorted(per.items())}


# Areas closer than this (degrees) touch: cells cut from one Voronoi diagram share edges, each snapped to
# CELL_GRID_DEG, so two neighbours' edges may stand up to a grid step apart where one has a vertex the other lacks.
_TOUCH_DEG = CELL_GRID_DEG


def front_lines(areas: Mapping[str, object]):
    """Where areas of different controllers touch, as lines (lon/lat); None if they nowhere do."""
    names = sorted(areas)
    lines = []
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            shared = areas[a].boundary.intersection(areas[b].buffer(_TOUCH_DEG))
            if not shared.is_empty and shared.length > 0:
                lines.append(shared)
    return shapely.line_merge(shapely.union_all(lines)) if lines else None


def control_shading(
    controls: Iterable[Control], day: date, outline=None, admin1=None, radius_km: float = AREA_RADIUS_KM, sites=None
) -> Shading:
    """Areas per controller, their stale parts (evidence older than STALE_DAYS), contested cells, fronts."""
    cells = control_cells(controls, outline, admin1, radius_km, sites)
    per: dict[str, list] = defaultdict(list)
    stale: dict[str, list] = defaultdict(list)
    contested = []
    for c, cell in cells:
        per[c.controller].append(cell)
        if is_stale(c, day):
            stale[c.controller].append(cell)
        if c.contested:
            contested.append(cell)
    areas = {a: shapely.union_all(parts) for a, parts in sorted(per.items())}
    return Shading(
        areas=areas,
        stale={a: shapely.union_all(parts) for a, parts in sorted(stale.items())},
        contested=shapely.union_all(contested) if contested else None,
        fronts=front_lines(areas),
    )
