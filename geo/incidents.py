"""Event mentions → incidents: one record per happening, with every report of it behind it.

The event stage makes one Event per mention: the same air raid told by five outlets, and retold for
a week, is many events. `group_incidents` joins the mentions that report one happening:

- Same family (geo/rules/incident_families.jsonl), never across families: ACLED's Battles (an advance,
  a clash and a taking at one place on one day are one battle); air strikes and shelling; chemical
  attacks; agreements; talks; deployments; withdrawals and handovers; statements of who holds a place.
- Same place: the same gazetteer row; or a point within NEAR_KM of the incident's first precise place
  that is not another settlement or quarter of another name (an airfield by a town, a town's row in a
  second gazetteer; two villages 2 km apart, or a quarter and the town beside it, are two places); or a
  quarter and its own town (`parent_id`); or, for a deal (a family marked "area"), a twin town within
  NEAR_KM that a report names with it as a pair («بلدتي الفوعة وكفريا», see _twins). One sentence listing several provinces or regions for one type
  («تعرض مواقع عسكرية في ريفي حماة وحلب لضربات») tells one happening over them: its lines join one
  incident, and such a line is no one town's (see _mark_lists). A
  region-level mention (a country, governorate or region, or geo_precision 3) joins only mentions of
  that same region: «strikes on the towns of the Ghouta» sums the towns' lines and is none of them —
  save that a strike wave's country line and its provinces' lines are one (both sum the same sites:
  «ضربات على قواعد إيرانية في سوريا» beside «مواقع عسكرية في ريفي حماة وحلب»; see _wave).
  A governorate and its namesake settlement («درعا», «القنيطرة») are one place when a mention names
  it bare — the geocoder's pick between the two rows is a guess — but «مدينة درعا» and «محافظة درعا»
  stay apart (geo/rules/incident_place_words.jsonl).
  A rare happening (a family marked "once": chemical attacks) is the exception: «the chemical attack
  in the Ghouta» is Douma's, a region within REGION_KM (or its governorate) holding the town. So is a
  deal (a family marked "area": made for an area), but only a region's: «وقف إطلاق النار في الغوطة
  الشرقية» is Arbin's ceasefire, while a governorate's deal is not one town's reconciliation in it.
  A battle (a family marked "tied") told for a region is the one town inside it that its article
  fights at on those days («تقدم الجيش في الغوطة الشرقية الأربعاء» beside «تقدم في بلدة النشابية»),
  and that day's region lines of other reports join it; with two such towns it sums them and stays apart.
  So is a strike (any untied family) told for a governorate («قصف على ريف درعا الغربي» beside «قصف
  استهدف مدينة نوى»), for its own article only (TIE_WIDE_KINDS).
- Overlapping dates: two precisely dated single days overlap within DATE_SLACK_DAYS (a span of two
  days or more already holds the overnight, so it takes no slack). A mention dated only
  by its report day («date_basis» "report": [published − 1, published], no slack on top) may join an
  incident of the days before up to its family's `retold_days` (14 for chemical attacks, 7 for deals,
  talks, deployments and handovers), or up to RETELL_CUE_DAYS when its sentence carries a retelling cue
  (geo/rules/incident_retell_cues.jsonl: «الأخيرة», «إثر», «المزعوم» …); battles and strikes recur
  daily, so theirs reach back only with a cue — and a share of ground told as a state («أكثر من 90 في
  المئة من محافظة درعا … إثر عملية عسكرية», geo/rules/incident_share_cues.jsonl) is that day's, cue or not. In a "once" family any mention reaches back its
  `retold_days`, for a retelling's clause is often dated by the telling («ترامب، الاثنين، …»); so
  does, with no slack on top, a mention dated on the day it was told («في صحف اليوم: اتفاق …») —
  in a daily family only with a retelling cue («إثر قصف تركي»), and never a deal the sentence
  announces as made («أعلن …، الجمعة، التوصل إلى اتفاق», «وتوصلت دمشق الى اتفاق»,
  geo/rules/incident_news_cues.jsonl), told that day or dated by the report. A line not dated by its
  own text that tells a habit or a past with no day («لكنها سبق أن نفذت ضربات», «نادرا ما يشتبك»,
  geo/rules/incident_background_cues.jsonl, the cue governing its trigger) joins no incident and none
  joins it. A line of renewal dated over the days since a pause («تجدد القصف … بعد توقفه منذ يوم الجمعة»,
  geo/rules/incident_renewal_cues.jsonl) tells its last day's happening; an undated line telling a deal's
  violation («بانتهاك وقف إطلاق النار», geo/rules/incident_standing_cues.jsonl) tells a standing deal,
  background as a past with no day is. Once an incident has a precise
  date, a newcomer is dated
  against its most reported precise span (else against its first report), never against any member,
  so daily reports cannot chain — save that an article's report-dated line and its precisely dated
  line on days the other holds are one telling, wherever the anchor lies; a precise date beats a
  report day. A campaign told «since» a named
  day is its launch on that day. A campaign told as one with no date of its own («قتل 400 في القصف
  المتواصل», «خلال سبعة أيام من القصف»; geo/rules/incident_campaign_cues.jsonl) reaches back
  CAMPAIGN_DAYS to the incident whose text dates its launch, before the day's bombardment; a start
  told roughly («منذ شهر ونصف») joins the one start of its type inside its span. One article's lines
  dated to two different days are two happenings: the slack is for two outlets' days, not one text's
  (unless a line tells a night or a toll, geo/rules/incident_day_cues.jsonl: «غارات ليل الأحد» and
  «الاثنين» may be one strike). A launch is a start its text dates before its telling.
  A mention spanning more than VAGUE_SPAN_DAYS joins only mentions of
  the same span — or, if it is a calendar month the text names («في يناير»), the one incident dated
  inside that month at that very place (none when there are several); in a retold family that may be
  the one its own article's lines retell on their telling days («اتفقت واشنطن وأنقرة، الشهر الحالي»
  beside «بدأت أنقرة الاثنين تسيير دوريات في إطار الاتفاق»), whichever of them was filed first.
- Coherent as it grows: a day-dated newcomer lies within DATE_SLACK_DAYS of every day-dated member
  (not only of the anchor: Sunday, Monday, Tuesday do not chain); the anchor is a day the text names
  before a span of «recent days», and a telling day is no anchor; today's report-dated line does not
  join an incident dated only by «recent days» (it may be a new day's), two such spans join only when
  one holds the other, and a line dated over weeks vouches for no report-dated line of its article. A
  region holding a town is one loose link, reaching a week back another: a deal takes one, not both.
  A mention reaches back beyond the slack only to an incident some report dates by its text: a
  retelling points to a dated happening, not to another day's report-dated line ("once" excepted);
  and a line its text dates joins the retellings filed before it that reach back to its day.
  A statement of who holds a place is not retold by a cue (family `cue_days` 0). A Security Council
  or nationwide truce is not a place's own deal (geo/rules/incident_deal_scopes.jsonl).
- Compatible actors, compared by side (geo/rules/incident_sides.jsonl): each type gives its actor1 a
  role (winner, attacker, one side of a clash …); two sides as doers in one role, one side in opposite
  roles, or a third side in a battle are two happenings («قسد» taking a village ≠ «داعش» retaking it).
  Only actor1 named in the sentence counts: actor2 (a target, a loser) is mostly inferred from who
  holds the place, an actor1 carried over from an earlier sentence is a guess, and one the sentence
  only accuses, denies or guesses («اتهمت روسيا إسرائيل», «نفت واشنطن», «يرجح أنها أميركية»,
  geo/rules/incident_attribution_cues.jsonl) is no doer: one strike told with two accused air forces;
  nor is one that only speaks of it or reacts («دان الكرملين الضربات», «ونددت موسكو»,
  geo/rules/incident_speaker_cues.jsonl), save in battles and handovers (flag speakers_act).
  A side that reports of SUSPECT_ARTICLES articles accuse of the incident, or guess at, is one its
  reports may name as the doer on its days even beside another named side (a speaker taken for the
  doer): «اتهمت دمشق إسرائيل» and «الغارة الإسرائيلية» on T4 are the strike «الروسي» commented on.

- Its own time and place. A line its clause does not date (the report's days, the sentence before's) whose
  sentence names a time before the year it was told in («في أبريل/ نيسان عام 2017», «العام الماضي»; not
  «منذ 2011», a state's length) or a time ago («بعد مرور عام على ضربة», geo/rules/incident_past_cues.jsonl)
  retells that time's happening, dated to it (time_precision 3): the Shayrat strike of April 2017 retold in
  April 2018 is no 2018 incident; so is a dated line whose trigger stands by such a time («وكان ترامب شن
  العام الماضي ضربات … وحذر السبت»). In a family marked "folds" (strikes), a line drawn at a place that is
  not its happening's joins the best-supported incident of its family on its days, with sides that agree,
  when that one has FOLD_RATIO times the support of the line's place (see _fold_outliers): a town or
  province named for a base («قاعدة جوية عسكرية قرب مدينة حمص», geo/rules/incident_site_words.jsonl) is
  the base's strike in that province; the article's place, guessed for a sentence naming none, or a place
  told as another happening's («ردا على الهجوم في دوما», «بعد أسبوع من هجوم كيميائي على بلدة دوما»,
  «متجهة نحو ميناء طرطوس، قبل أيام من الضربة»; geo/rules/incident_reason_cues.jsonl, save where a target
  noun makes the chemical words the target's: «منشأة لتخزين الأسلحة الكيماوية غربي حمص») is the country's
  wave («ضربات على سوريا», region-level).

Mentions are taken in one canonical order — published, then event_id — and each joins the best
compatible incident formed so far (closest place; for a mention reaching back, one its own article
told; then closest date; then the older incident), else
starts one. An incident each of whose reports fits an older incident as a newcomer would is then that
incident (the order had filed them before what lets them join: the side a later report accuses, a
dated line; see _join_late), and incidents that end up dated by their texts to one day at one place, in
one family and with sides that agree, are one (see _join_same_days). So the result does not
depend on the input order, and an article published later than those already grouped only adds
reports: it moves no earlier mention, save when it dates two such incidents to one day or lets a younger
one fit an older one (the younger joins the older, whose id stays). The incident id is
"inc-" + the event_id of the first report in that order, so it stays put when later reports arrive.
Incidents are derived from the stored events, so re-ingesting (idempotent in the store) gives the
same incidents. Candidates come from an index by (family, place cell, week): no all-pairs loop.

The incident takes the most reported type of its family, the best-supported precise date (else the
first report's day), the most reported precise place (else the region), the actors most often given
in the type's roles (actor1 from the reports naming it as the doer, when some do), the most reported status (happened first on a tie) and — ACLED's rule — the
lowest positive fatality figure any report gives. Its report count (`article_count`) is of the
articles telling it; `reports` keeps every mention.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from geo.eventtypes import read_jsonl
from geo.gazetteer import distance_km
from geo.model import EVENT_TYPES, Event, Incident, Place, Report

RULES = Path(__file__).resolve().parent / "rules"
FAMILIES_FILE = RULES / "incident_families.jsonl"
RETELL_FILE = RULES / "incident_retell_cues.jsonl"
SIDES_FILE = RULES / "incident_sides.jsonl"
PLACE_WORDS_FILE = RULES / "incident_place_words.jsonl"
SCOPES_FILE = RULES / "incident_deal_scopes.jsonl"
ATTRIBUTION_FILE = RULES / "incident_attribution_cues.jsonl"
NEWS_FILE = RULES / "incident_news_cues.jsonl"
CAMPAIGN_FILE = RULES / "incident_campaign_cues.jsonl"
DAY_FILE = RULES / "incident_day_cues.jsonl"
SPEAKER_FILE = RULES / "incident_speaker_cues.jsonl"
TARGET_FILE = RULES / "incident_target_cues.jsonl"
TARGET_BETWEEN_FILE = RULES / "incident_target_between.jsonl"
BACKGROUND_FILE = RULES / "incident_background_cues.jsonl"
RENEWAL_FILE = RULES / "incident_renewal_cues.jsonl"
START_FILE = RULES / "incident_start_cues.jsonl"
STANDING_FILE = RULES / "incident_standing_cues.jsonl"
SHARE_FILE = RULES / "incident_share_cues.jsonl"
PAST_FILE = RULES / "incident_past_cues.jsonl"
SITE_WORDS_FILE = RULES / "incident_site_words.jsonl"
REASON_FILE = RULES / "incident_reason_cues.jsonl"
REASON_TARGET_FILE = RULES / "incident_reason_targets.jsonl"

# A town's point in two gazetteers, or an airfield or crossing by a town, lie within this; ACLED codes
# villages 3+ km apart as separate locations, so a wider radius would merge neighbouring villages' fights.
NEAR_KM = 3.0
# A named region («الغوطة الشرقية») holds the towns this far from its point (for rare happenings only).
REGION_KM = 20.0
# «overnight», «yesterday» vs «today» and time zones: two outlets' days for one happening differ by one.
DATE_SLACK_DAYS = 1
# A report-dated mention spans [published − this, published] (geo/events.py: «yesterday» or today); a
# mention the text dates inside that span is dated on its telling day (see _told_that_day).
REPORT_SPAN_DAYS = 1
# How far back a report-dated mention of a recurring family reaches when its sentence retells.
RETELL_CUE_DAYS = 7
# «ليل السبت - الأحد»: a night spans two calendar days and is still one day's happening (see _fixed_day).
NIGHT_DAYS = 1
# A mention spanning more than this (a month-precise date) says too little to join other mentions.
VAGUE_SPAN_DAYS = 14
# Index cells: CELL_DEG (≈5.5 km) exceeds NEAR_KM, so a 3×3 block holds every near neighbour.
# Weeks bucket dates.
CELL_DEG = 0.05
BUCKET_DAYS = 7
# How far back a campaign told as a whole («حملة القصف», «خلال سبعة أيام من القصف») reaches to its launch:
# an offensive's bombardment is retold with its toll for weeks (Eastern Ghouta's from 18 February 2018).
CAMPAIGN_DAYS = 21
# Sites named after the settlement they serve or stand by («مطار حلب الدولي», «قاعدة الشعيرات الجوية»): a
# strike on the site and one on the town are told of one place when the site lies this close (Aleppo's
# airport is 9 km from the city's point; geo/search.py finds such facilities with their city alike).
SITE_KINDS = frozenset({"airport", "base"})
SITE_KM = 15.0
# Words of a site's name a settlement's name is looked for in (see _site_keys): «قاعدة حميميم الجوية».
SITE_NAME_WORDS = 3
# Place kinds that name an area rather than a point (drawn apart on the map, see region_level).
COARSE_KINDS = frozenset({"country", "governorate", "region"})
# Place kinds that hold every happening of the war («في سوريا»): a mention of one reaches no day back,
# for a week of a country's strikes or deals is many strikes and deals (see _mention).
WHOLE_KINDS = frozenset({"country"})
# Place kinds too wide to sum an article's towns («قتلى في قصف على ريف درعا الغربي»): a line placed at one
# of them, in an article telling its family's happening of those days at one town inside it, is that
# town's (see _tie_regions); a named region («الغوطة الشرقية») sums its towns' bombardments (the first gold).
# Not the country: tried, «ضربات على سوريا» of 14 April 2018 followed the one town of 46 articles, and the
# event stage places that strike at Douma («ردا على الهجوم الكيميائي في دوما»): the map drew it there.
TIE_WIDE_KINDS = frozenset({"governorate"})
# Region-level kinds a sentence may list as the ground of one happening («مواقع عسكرية في ريفي حماة وحلب»,
# «في محافظتي حماة وحلب»): the event stage makes one event per place, the sentence tells one strike over
# both (see _mark_lists). Not the country: «سوريا» beside a province is the country's background, not a list.
LISTED_KINDS = frozenset({"governorate", "region"})
# What a dual region word makes a place name name (geo/rules/incident_place_words.jsonl: «محافظتي», «ريفي»).
SEVERAL = "governorates"
# Places people live in: two of them of different names are two places, however close (see _near).
SETTLEMENT_KINDS = frozenset({"city", "town", "village", "subdistrict", "district"})
# Quarters of a city: one by a settlement of another name is another place to fight over (al-Qadam, a quarter
# of Damascus, and the town of al-Hajar al-Aswad beside it); a quarter and its own town meet by parent_id.
QUARTER_KINDS = frozenset({"neighbourhood"})
# A governorate named after its capital («درعا», «القنيطرة», «إدلب»): the bare name is either, and which
# row the geocoder gave a mention is a guess (see _namesake).
NAMESAKE_KINDS = frozenset({"governorate"})
# Articles that must accuse a side of an incident (or guess at it) before a report naming that side as the
# doer joins it (see _accused_that_day): in «اتهم نتانياهو إيران» the event stage may take the accuser for
# the accused, so one sentence is not enough; T4's strike was laid at Israel by a dozen outlets.
SUSPECT_ARTICLES = 2
# How the event stage found an actor1 when it only guessed it (geo/events.py: carried from before).
GUESSED_ACTOR_BASES = frozenset({"previous"})
# Words a verb of saying or reacting may stand before its subject's name: «أعلنت قيادة الجيش السوري»,
# «أوضح وزير الخارجية الروسي» (a verb, a body, its owner); further back the name is another clause's.
SPEAKER_REACH = 3
# Words after a name its verb may follow in (SVO): «موسكو تدين», «القيادة العامة للجيش السوري قالت».
SVO_REACH = 2
# Words after a speaker's name that may hold «أنه/إنها» telling its own deed («قال الجيش في بيان الأربعاء إنه»).
OWN_REACH = 4
# Words put after a sentence read alone, to read it as the report on Syria it comes from (see _named_at).
ON_SYRIA = " سوري"
# How the event stage found a place when the sentence names none (geo/events.py): the article's main place, a
# guess («ونفذت بريطانيا وفرنسا والولايات المتحدة ضربات منسقة» in an article on Douma is not Douma's strike).
GUESSED_PLACE_BASES = frozenset({"article"})
# How the event stage found an actor1 named after the trigger (geo/events.py): see speaks.
AFTER_BASES = frozenset({"after", "clause"})
# The role of a strike's actor2 (geo/rules/incident_families.jsonl): families whose types have it strike.
TARGET_ROLE = "target"
# Words of geo/rules/incident_target_between.jsonl that may stand between a target noun and its owner:
# one («مواقع عسكرية للنظام»); with more, «مواقع قصفها أمس النظام» would read a doer as struck.
TARGET_GAP = 1
# Words that may stand between a background cue and the trigger it governs: «سبق أن نفذت ضربات» (one), «منذ عام
# 2015» after «تشن هجمات في سوريا» (three); further off, the cue is another clause's («والتي سبق أن سيطر عليها»
# after «المعارك التي تجري في محافظة دير الزور» is the province's past, not the fighting's).
BACKGROUND_REACH = 3
# Words that may stand between a renewal cue and the trigger it governs: «تجدد القصف» (none), «تجدد القصف
# الجوي» (the trigger may be the adjective's noun), «استأنفت الطائرات غاراتها» (one, the doer).
RENEWAL_REACH = 2
# Words before the trigger a start word may stand («بدأت عملية إجلاء»: the process noun between).
START_REACH = 2
# Date bases (geo/events.py) of a line dated by another sentence («ونادرا ما تؤكد إسرائيل …» after a dated
# lead): its day is not its own text's, so a background cue in it tells no happening of that day.
BORROWED_BASES = frozenset({"previous_sentence"})
# A span «ago» (geo/rules/incident_past_cues.jsonl: «بعد مرور عام على ضربة») is about so long ago: this many
# days either side (a month: «a year» is said of eleven months or thirteen).
AGO_SLACK_DAYS = 31
# Words before a past time a «since» cue may stand and still govern it: «منذ بدء الصراع السوري في 2011» (three).
SINCE_REACH = 4
# Words that may stand between a dated line's trigger and a past time that is its own: «شن العام الماضي ضربات»
# (none), «في 1 أكتوبر من عام 1918 تمكنت القوات» (none), «ضربات أخرى في 16 تشرين الثاني 2017» (two); further
# off, the time is another clause's («منذ بدء التدخل الروسي في أيلول 2015 لدعم النظام، تحطمت طائرة»).
PAST_TRIGGER_GAP = 2
# geo/dates.py's note on a span it read after «منذ» («منذ بدء الصراع السوري في 2011»).
SINCE_NOTE = "since"
# Statuses of a happening told as past: a visit planned «حول الاتفاق النووي المبرم عام 2015» retells none.
PAST_STATUSES = frozenset({"happened", "claimed", "failed", "denied"})
# What time_precision an incident re-dated to a past time gets (see _past_span): ACLED's 3, a month or more.
PAST_PRECISION = 3
# Words before a place a cue of another happening may stand and still own it: «ردا على الهجوم الكيميائي
# المفترض في الغوطة الشرقية» (five), «بعد الهجوم الكيميائي المفترض، الذي وقع مطلع الأسبوع في مدينة دوما»
# (seven); further back, the place is the clause's own again.
REASON_REACH = 8
# Words before a family's cue a target noun may stand and make the cue its description: «مخزن حيم شينشار
# لتخزين الأسلحة الكيميائية» (five); further back, «لضربات ضد أهداف بسوريا على خلفية تقارير عن هجوم كيميائي»
# is the strikes' targets and another happening's chemical attack.
TARGET_REACH = 5
# How many times the support (articles naming its place) of the incident a line of weak place is folded
# into must exceed that of the place the line was drawn at: 62 articles tell the strikes of 14 April 2018 on
# «سوريا», one names Douma as theirs; two outlets' Douma against three of another place is no outlier.
FOLD_RATIO = 3
# ACLED's geo_precision of a line folded into a country's incident (see _fold_into): only the region is known.
REGION_PRECISION = 3
# A tie between statuses goes to the first in this order.
STATUS_ORDER = ("happened", "claimed", "failed", "denied", "planned", "postponed")

_TYPE_OF_PAIR = {pair: key for key, pair in EVENT_TYPES.items()}


@dataclass(frozen=True, slots=True)
class Family:
    name: str
    roles: Mapping[str, tuple[str, str]]  # type key → roles of (actor1, actor2)
    retold_days: int  # days a report-dated mention reaches back without a retelling cue
    once: bool = False  # a rare happening (see _place_rank, _mention): not one a day at one place
    cue_days: int = RETELL_CUE_DAYS  # days a retelling cue lets a report-dated mention reach back
    area: bool = False  # made for an area: a region's mention is its towns' («وقف إطلاق النار في الغوطة»)
    tied: frozenset[str] = frozenset()  # types whose region line is its article's town's (see _tie_regions)
    speakers_act: bool = False  # who announces it is its doer («أعلن الجيش سيطرته»; see speaks)
    folds: bool = False  # a line of weak place joins the best-supported incident (see _fold_outliers)

    @property
    def regional(self) -> bool:
        """A region's mention may join the happening of a town inside it (see _inside)."""
        return self.once or self.area


@lru_cache(maxsize=1)
def families() -> dict[str, Family]:
    """Type key → its family, from geo/rules/incident_families.jsonl."""
    out: dict[str, Family] = {}
    for row in read_jsonl(FAMILIES_FILE):
        roles = {k: tuple(v) for k, v in row["types"].items()}
        once, area = (bool(row.get(k, False)) for k in ("once", "area"))
        cue, tied = int(row.get("cue_days", RETELL_CUE_DAYS)), frozenset(row.get("tied", ()))
        fam = Family(row["family"], roles, int(row["retold_days"]), once, cue, area, tied)
        fam = replace(fam, speakers_act=bool(row.get("speakers_act", False)), folds=bool(row.get("folds", False)))
        for key in row["types"]:
            out[key] = fam
    return out


@lru_cache(maxsize=1)
def retell_cues() -> tuple[str, ...]:
    from geo.text import normalize

    return tuple(normalize(r["cue"]) for r in read_jsonl(RETELL_FILE))


@lru_cache(maxsize=1)
def sides() -> dict[str, str]:
    """Actor → the side it fights on (geo/rules/incident_sides.jsonl); an actor not listed is its own side."""
    return {r["actor"]: r["side"] for r in read_jsonl(SIDES_FILE)}


@lru_cache(maxsize=1)
def place_words() -> dict[str, str]:
    """A word before a place name → what it makes the name name: "settlement" or "governorate"."""
    from geo.text import normalize

    return {normalize(r["word"]): r["names"] for r in read_jsonl(PLACE_WORDS_FILE)}


@lru_cache(maxsize=1)
def deal_scopes() -> tuple[tuple[str, str], ...]:
    """(cue, scope) of geo/rules/incident_deal_scopes.jsonl: words that make a deal another kind of deal."""
    from geo.text import normalize

    return tuple((normalize(r["cue"]), r["scope"]) for r in read_jsonl(SCOPES_FILE))


# Sentences kept normalised: a sentence's several events (a strike and a shelling) share one quote,
# and each cue list reads it (see _padded).
NORM_CACHE = 4096


@lru_cache(maxsize=NORM_CACHE)
def _padded(quote: str) -> str:
    """The sentence normalised, with a space at each end and for each opening mark (cues match from a
    word's start: «"يفترض أن …» quoted is a word's start too)."""
    from geo.text import normalize

    return f" {normalize(quote).translate(_OPENING_MARKS)} "


# Marks a quoted or bracketed word opens with; _padded reads each as a space.
_OPENING_MARKS = str.maketrans({c: " " for c in "\"«“„(["})


# The scope of a deal whose sentence has no cue of geo/rules/incident_deal_scopes.jsonl.
LOCAL_SCOPE = "local"


def deal_scope(quote: str) -> str:
    """«international» for a Security Council or nationwide truce, else LOCAL_SCOPE (a place's own deal)."""
    norm = _padded(quote)
    return next((scope for cue, scope in deal_scopes() if f" {cue}" in norm), LOCAL_SCOPE)


# named_as of a place named outside the event's sentence.
UNSEEN = "unseen"
# One-letter proclitics a place word carries («بمدينة», «لمحافظة», «وريف»).
_PROCLITICS = "وبلف"


def named_as(ev) -> str:
    """What the text's words make the place name name («مدينة درعا»: "settlement"); "" when bare.

    Read from the word before the place and the place's own words but its last
    (geo/rules/incident_place_words.jsonl). A place named outside the event's sentence (carried
    from an earlier one) is UNSEEN: its words are not at hand, so it is no evidence of a bare name.
    """
    from geo.text import normalize

    quote, start = ev.quote or "", getattr(ev, "place_start", -1)
    s, t = start - ev.quote_start, getattr(ev, "place_end", -1) - ev.quote_start
    if start < 0 or not 0 <= s < t <= len(quote):
        return UNSEEN
    words = quote[:s].split()[-1:] + quote[s:t].split()[:-1]
    known = place_words()
    for word in (normalize(w) for w in reversed(words)):
        for form in (word, word[1:] if word[:1] in _PROCLITICS else word):
            if form in known:
                return known[form]
    return ""


def side(actor: str) -> str:
    return sides().get(actor, actor)


def type_key(ev) -> str:
    extra = getattr(ev, "extra", None) or {}
    key = extra.get("type_key") if hasattr(extra, "get") else None
    return (
        key or _TYPE_OF_PAIR.get((ev.event_type, ev.sub_event_type)) or f"{ev.event_type}/{ev.sub_event_type}"
    )


def family_of(key: str) -> Family:
    return families().get(key) or Family(key, {key: ("actor1", "actor2")}, 0)


def region_level(place: Place | None, geo_precision: int) -> bool:
    """A country, governorate or region, or a point only known to the region: not a point to draw."""
    return place is not None and (place.kind in COARSE_KINDS or geo_precision >= 3)


@lru_cache(maxsize=1)
def attribution_cues() -> tuple[str, ...]:
    from geo.text import normalize

    return tuple(normalize(r["cue"]) for r in read_jsonl(ATTRIBUTION_FILE))


def disputes_doer(quote: str) -> bool:
    """The sentence names its doer by accusation, denial or guess (geo/rules/incident_attribution_cues.jsonl)."""
    norm = _padded(quote)
    return any(f" {pre}{cue}" in norm for cue in attribution_cues() for pre in ("", *_CONJUNCTIONS))


# Conjunctions a verb carries at a sentence's or clause's start («ونفى», «ويرجح»).
_CONJUNCTIONS = ("و", "ف")


def retells(quote: str) -> bool:
    norm = _padded(quote)
    return any(f" {cue}" in norm for cue in retell_cues())


@lru_cache(maxsize=1)
def news_cues() -> tuple[tuple[str, str], ...]:
    """(verb, news) of geo/rules/incident_news_cues.jsonl: «أعلن … التوصل إلى اتفاق» announces a deal."""
    from geo.text import normalize

    return tuple((normalize(r["verb"]), normalize(r["news"])) for r in read_jsonl(NEWS_FILE))


def announces(quote: str) -> bool:
    """The sentence announces its deal as made («أعلن متحدث، الجمعة، التوصل إلى اتفاق»): a verb of
    announcing (with «و/ف» at a clause's start), and after it the noun of making the deal."""
    norm = _padded(quote)
    for verb, news in news_cues():
        at = min((i for pre in ("", *_CONJUNCTIONS) if (i := norm.find(f" {pre}{verb} ")) >= 0), default=-1)
        if at >= 0 and f" {news} " in norm[at:]:
            return True
    return False


@lru_cache(maxsize=1)
def campaign_cues() -> dict[str, tuple[tuple[str, bool], ...]]:
    """kind → (cue, needs a toll) of geo/rules/incident_campaign_cues.jsonl: "launch" tells a
    campaign's start («بدأت … حملة», «منذ الأحد»), "campaign" its days as one («حملة القصف»)."""
    from geo.text import normalize

    out: dict[str, list[tuple[str, bool]]] = {}
    for r in read_jsonl(CAMPAIGN_FILE):
        out.setdefault(r["kind"], []).append((normalize(r["cue"]), bool(r.get("toll", False))))
    return {k: tuple(v) for k, v in out.items()}


def campaign_cue(quote: str, kind: str, toll: int = 0) -> bool:
    """The sentence has a cue of that kind (a verb may carry «و/ف»: «وبدأت», «ومنذ»); a cue that
    needs a toll («القصف المتواصل») counts only when the sentence gives one (`toll` > 0)."""
    norm = _padded(quote)
    return any(
        f" {pre}{cue}" in norm and (toll > 0 or not needs)
        for cue, needs in campaign_cues().get(kind, ())
        for pre in ("", *_CONJUNCTIONS)
    )


@lru_cache(maxsize=1)
def day_cues() -> frozenset[str]:
    """Words of geo/rules/incident_day_cues.jsonl: a line telling a night or a toll."""
    from geo.text import normalize

    return frozenset(normalize(r["cue"]) for r in read_jsonl(DAY_FILE))


def day_cue(quote: str) -> bool:
    """A word of the sentence (bare or after «و/ب/ف/ل») is a night or toll cue."""
    cues = day_cues()
    return any(w in cues or (w[:1] in _PROCLITICS and w[1:] in cues) for w in _padded(quote).split())


@lru_cache(maxsize=1)
def speaker_cues() -> dict[str, frozenset[str]]:
    """kind → words of geo/rules/incident_speaker_cues.jsonl: "verb" of saying or reacting («دان»,
    «رحبت», «أعلن»), "own" («أنه»: the speaker's own deed), "impersonal" («تم» after «أنه»), "that"."""
    from geo.text import normalize

    out: dict[str, set[str]] = {}
    for r in read_jsonl(SPEAKER_FILE):
        out.setdefault(r["kind"], set()).add(normalize(r["cue"]))
    return {k: frozenset(v) for k, v in out.items()}


# Marks a word may carry in a sentence («الكرملين،», «"العدوان»).
_PUNCT = "،,.:;!?\"'«»()[]-–—"


def _words(raw: list[str]) -> list[str]:
    """The words normalised, bare marks dropped."""
    from geo.text import normalize

    return [w for w in (normalize(x.strip(_PUNCT)) for x in raw) if w]


# Sentence ends and starts kept read: each cue list reads the words before or after one trigger (see
# is_background: one read per reach, not per cue).
WORDS_CACHE = 4096


@lru_cache(maxsize=WORDS_CACHE)
def _last_words(text: str, n: int) -> tuple[str, ...]:
    return tuple(_words(text.split()[-2 * n :])[-n:])  # twice as many raw tokens: a bare mark is no word


@lru_cache(maxsize=WORDS_CACHE)
def _first_words(text: str, n: int) -> tuple[str, ...]:
    return tuple(_words(text.split()[: 2 * n])[:n])


def _is_cue(word: str, cues: frozenset[str]) -> bool:
    return word in cues or (word[:1] in _CONJUNCTIONS and word[1:] in cues)


def speaks(ev) -> bool:
    """actor1 is named in the sentence only as who speaks of the happening or reacts to it: the subject
    of a verb of saying, condemning or welcoming (geo/rules/incident_speaker_cues.jsonl) before it
    («دان الكرملين الضربات», «أعلنت قيادة الجيش السوري أنه تم إطلاق …») or right after it («موسكو
    تدين»), and not telling its own deed («أعلن الجيش الروسي أنه قصف …»). Such a speaker is no doer."""
    span = _actor_span(ev)
    return span is not None and _speaker_at(ev.quote, *span)


def struck(ev) -> bool:
    """actor1 is named in the sentence as the side struck: right after a word of
    geo/rules/incident_target_cues.jsonl («ضربات ضد النظام السوري», «الترسانة التابعة للنظام»)."""
    span = _actor_span(ev)
    if span is None:
        return False
    before = _last_words(ev.quote[: span[0]], 2 + TARGET_GAP)
    if before and len(before[-1]) <= len("لل") and set(before[-1]) <= set(_PROCLITICS):
        before = before[:-1]  # «تابعة ل|قوات النظام»: the name's proclitic left outside its span
    between = target_between()
    gap = 0
    while gap < TARGET_GAP and len(before) > gap + 1 and before[-1 - gap] in between:
        gap += 1  # «مواقع عسكرية للنظام السوري»: an adjective of the target noun between it and the side
    return len(before) > gap and _is_cue(before[-1 - gap], target_cues())


@lru_cache(maxsize=1)
def target_cues() -> frozenset[str]:
    from geo.text import normalize

    return frozenset(normalize(r["cue"]) for r in read_jsonl(TARGET_FILE))


@lru_cache(maxsize=1)
def target_between() -> frozenset[str]:
    """Words that may stand between a target noun and the side that owns it (see struck)."""
    from geo.text import normalize

    return frozenset(normalize(r["word"]) for r in read_jsonl(TARGET_BETWEEN_FILE))


def _actor_span(ev) -> tuple[int, int] | None:
    """Where the sentence names actor1 as the event stage took it: the name after the trigger when it
    says so («قصفت طائرات روسية …»), else the nearest before it; the first when the trigger is unknown."""
    quote = ev.quote or ""
    if not ev.actor1 or not quote:
        return None
    spans = _named_at(quote, ev.actor1)
    at = _trigger_at(ev)
    if at is not None and _actor_basis(ev) in AFTER_BASES:
        spans = [sp for sp in spans if sp[0] >= at] or spans
    elif at is not None:
        spans = [sp for sp in spans if sp[1] <= at][-1:] or spans
    return spans[0] if spans else None


@lru_cache(maxsize=NORM_CACHE)
def _named_at(quote: str, actor: str) -> tuple[tuple[int, int], ...]:
    """Where the sentence names the actor (a sentence's several events, and speaks and struck, share it)."""
    from geo.actors import find_actors

    spans = tuple((s, e) for s, e, key in find_actors(quote) if key == actor)
    if spans:
        return spans
    # the event stage read the name in its article: bare «النظام» (in «للنظام») names the government only
    # in a report on Syria (geo/actors.py), which one sentence alone does not say
    return tuple((s, e) for s, e, key in find_actors(quote + ON_SYRIA) if key == actor and e <= len(quote))


def _trigger_at(ev) -> int | None:
    """The trigger word's offset in the sentence, when the event stage gave it."""
    extra = getattr(ev, "extra", None) or {}
    start = extra.get("trigger_start") if hasattr(extra, "get") else None
    return start - ev.quote_start if isinstance(start, int) and start >= ev.quote_start else None


def _speaker_at(quote: str, start: int, end: int) -> bool:
    cues = speaker_cues()
    before, after = _last_words(quote[:start], SPEAKER_REACH), _first_words(quote[end:], OWN_REACH + 1)
    verb = next((i for i in range(len(before) - 1, -1, -1) if _is_cue(before[i], cues["verb"])), None)
    said = verb is not None and not any(w in cues["that"] for w in before[verb + 1 :])
    if not (said or any(_is_cue(w, cues["verb"]) for w in after[:SVO_REACH])):
        return False
    for i, word in enumerate(after[:OWN_REACH]):
        if word in cues["impersonal"]:
            break  # «أنه تم إطلاق …»: a deed of nobody named
        following = after[i + 1] if i + 1 < len(after) else ""
        if word in cues["own"] and following not in cues["impersonal"]:
            return False  # «أعلن الجيش الروسي أنه قصف»: its own deed
    return True


# ------------------------------------------------------------------------------- one mention


@dataclass(slots=True)
class _Mention:
    ev: Event
    key: str
    family: Family
    first: date
    last: date
    report_dated: bool
    reach: int  # days a report-dated mention may reach back
    coarse: bool
    order: tuple
    named: str = ""  # what the text's words make the place name name (see named_as)
    told_day: bool = False  # dated on its telling day and reaching back like a report-dated mention
    scope: str = ""  # a deal's scope (see deal_scope): a Security Council truce is not a town's deal
    disputed: bool = False  # its doer is an accusation, a denial or a guess (see disputes_doer)
    campaign: bool = False  # undated by its text, it tells a campaign's days as one (see _campaign_gap)
    launch: bool = False  # it tells a campaign's start («بدأت … حملة», «منذ الأحد»)
    tie: Place | None = None  # a region's line: the one town its article fights at (see _tie_regions)
    day_loose: bool = False  # it tells a night or a toll (see _other_day_of_its_article)
    spoken: bool = False  # its actor1 only speaks of it, reacts to it (see speaks) or is struck (see struck)
    listed: bool = False  # its sentence lists it with other regions of one happening (see _mark_lists)
    hit: bool = False  # its actor1 is named as the side struck (see struck)
    background: bool = False  # undated, it tells a habit or a past with no day (see is_background)
    precision: int = 0  # time_precision when _past_span re-dated it (0: the event's own)

    @property
    def place(self) -> Place:
        return self.tie or self.ev.place

    @property
    def vague(self) -> bool:
        return (self.last - self.first).days > VAGUE_SPAN_DAYS

    def roles(self) -> list[tuple[str, str]]:
        r1, r2 = self.family.roles.get(self.key, ("actor1", "actor2"))
        return [(r, a) for r, a in ((r1, self.ev.actor1), (r2, self.ev.actor2)) if a]

    def doer(self) -> list[tuple[str, str]]:
        """(role, side) of the actor the sentence names as doing it: what splits two happenings.

        actor2 (a strike's target, a taking's loser) is mostly inferred from who holds the place, and
        an actor1 carried over from an earlier sentence (actor1_basis «previous») is the event stage's
        guess: neither is evidence enough to split reports that agree on place, day and family.
        """
        if not self.ev.actor1 or self.disputed or self.spoken or _actor_basis(self.ev) in GUESSED_ACTOR_BASES:
            return []  # …nor is a doer the sentence only accuses, denies or guesses, nor a speaker
        r1, _ = self.family.roles.get(self.key, ("actor1", "actor2"))
        return [(r1, side(self.ev.actor1))]

    def struck_side(self) -> list[tuple[str, str]]:
        """(role, side) of the actor the sentence names as struck («مواقع عسكرية للنظام السوري»), in the
        role a doer of the strike would hold: a report naming that side as the doer took the struck for it."""
        if not (self.ev.actor1 and self.hit) or _actor_basis(self.ev) in GUESSED_ACTOR_BASES:
            return []
        r1, _ = self.family.roles.get(self.key, ("actor1", "actor2"))
        return [(r1, side(self.ev.actor1))]

    def suspect(self) -> list[tuple[str, str]]:
        """(role, side) of the actor the sentence accuses of it or guesses at («اتهمت روسيا إسرائيل»,
        «صواريخ يعتقد أنها أميركية»): the happening is the one a report naming that side as its doer
        tells, at that place and on those days (see _actors_ok)."""
        if not (self.ev.actor1 and self.disputed) or self.spoken or _actor_basis(self.ev) in GUESSED_ACTOR_BASES:
            return []
        r1, _ = self.family.roles.get(self.key, ("actor1", "actor2"))
        return [(r1, side(self.ev.actor1))]


@lru_cache(maxsize=1)
def background_cues() -> tuple[tuple[tuple[str, ...], str], ...]:
    """(cue words, "before" or "after" the trigger, or "relative": a pronoun that makes a «before» cue a
    noun's description) of geo/rules/incident_background_cues.jsonl."""
    from geo.text import normalize

    return tuple((tuple(normalize(r["cue"]).split()), r["where"]) for r in read_jsonl(BACKGROUND_FILE))


def _relatives() -> frozenset[str]:
    return frozenset(cue[0] for cue, where in background_cues() if where == "relative")


def is_background(ev) -> bool:
    """The trigger is governed by a background cue within BACKGROUND_REACH words: «لكنها سبق أن نفذت ضربات»,
    «الذي نفذ في الماضي ضربات», «التي تشن هجمات في سوريا منذ عام 2015» — a habit or a past with no day."""
    at = _trigger_at(ev)
    if at is None:
        return False
    quote = ev.quote or ""
    for cue, where in background_cues():
        reach = BACKGROUND_REACH + len(cue)
        if where == "before" and _governs(quote, at, cue):
            return True
        elif where == "after" and _run_at(_first_words(quote[at:], reach + 1)[1:], cue) is not None:
            return True  # (the trigger word itself left out)
    return False


def _governs(quote: str, at: int, cue: tuple[str, ...]) -> bool:
    """The cue stands within BACKGROUND_REACH words before the trigger at `at`, not as a noun's description
    (a relative pronoun before it)."""
    words = _last_words(quote[:at], BACKGROUND_REACH + len(cue) + 1)  # one more: the word before the cue
    found = _run_at(words, cue)
    return found is not None and not (found > 0 and _is_cue(words[found - 1], _relatives()))


@lru_cache(maxsize=1)
def standing_cues() -> dict[str, tuple[tuple[str, ...], ...]]:
    """family → cue words of geo/rules/incident_standing_cues.jsonl («انتهاك», «خرق» before a deal)."""
    from geo.text import normalize

    out: dict[str, list[tuple[str, ...]]] = {}
    for r in read_jsonl(STANDING_FILE):
        first, *rest = normalize(r["cue"]).split()
        # a noun after a preposition: «اتهمها بخرق الهدنة», «لانتهاك»
        out.setdefault(r["family"], []).extend((pre + first, *rest) for pre in _NOUN_PROCLITICS)
    return {k: tuple(v) for k, v in out.items()}


# Prepositions a noun cue may carry (and «و/ف» on top, see _is_cue).
_NOUN_PROCLITICS = ("", "ب", "ل")


def stands(ev, family: str) -> bool:
    """The trigger is governed by a cue telling the happening as standing before (geo/rules/
    incident_standing_cues.jsonl): «انتهاك وقف إطلاق النار», «خرق اتفاق التهدئة» tell a deal's violation,
    not its making; undated, such a line is background as a habit or a past is (see is_background)."""
    at = _trigger_at(ev)
    return at is not None and any(_governs(ev.quote or "", at, cue) for cue in standing_cues().get(family, ()))


@lru_cache(maxsize=1)
def renewal_cues() -> frozenset[str]:
    from geo.text import normalize

    return frozenset(normalize(r["cue"]) for r in read_jsonl(RENEWAL_FILE))


def renews(ev) -> bool:
    """The trigger is governed by a word of renewal within RENEWAL_REACH words before it («ويأتي تجدد
    القصف», «استأنفت الطائرات غاراتها», geo/rules/incident_renewal_cues.jsonl): a happening resumed after
    a pause, whose span of days the text dates from the pause («بعد توقفه منذ يوم الجمعة») is its last day's."""
    at = _trigger_at(ev)
    if at is None:
        return False
    cues = renewal_cues()
    return any(_is_cue(w, cues) for w in _last_words((ev.quote or "")[:at], RENEWAL_REACH + 1))


@lru_cache(maxsize=1)
def start_cues() -> frozenset[str]:
    from geo.text import normalize

    return frozenset(normalize(r["cue"]) for r in read_jsonl(START_FILE))


def starts(ev) -> bool:
    """The trigger is governed by a word of starting within START_REACH words before it («بدأت عملية
    إجلاء», «انطلقت الحافلات»; geo/rules/incident_start_cues.jsonl): a line dated on its telling day
    that tells a start tells that day's happening, as a deal announced is (see announces)."""
    at = _trigger_at(ev)
    if at is None:
        return False
    cues = start_cues()
    return any(_is_cue(w, cues) for w in _last_words((ev.quote or "")[:at], START_REACH + 1))


def _run_at(words: Sequence[str], cue: tuple[str, ...]) -> int | None:
    """Where the cue's words stand in a row among `words`, or None: its first may carry «و/ف» («ومرارا»),
    its last may go on («منذ عام 20» in «منذ عام 2015»)."""
    n = len(cue)
    for i in range(len(words) - n + 1):
        run = words[i : i + n]
        if tuple(run[1:-1]) == cue[1:-1] and _is_cue(run[0], frozenset({cue[0]})) and run[-1].startswith(cue[-1]):
            return i
    return None


def _actor_basis(ev) -> str:
    extra = getattr(ev, "extra", None) or {}
    return str(extra.get("actor1_basis", "")) if hasattr(extra, "get") else ""


def _basis(ev) -> str:
    extra = getattr(ev, "extra", None) or {}
    return str(extra.get("date_basis", "")) if hasattr(extra, "get") else ""


def _mention(ev: Event) -> _Mention:
    key = type_key(ev)
    fam = family_of(key)
    report = _basis(ev) == "report"
    first = ev.event_date
    last = max(ev.date_last or first, first)
    past = _past_span(ev)
    if past is not None:  # «في أبريل/ نيسان عام 2017», «بعد مرور عام على ضربة»: a retelling of that time's
        first, last, report = past[0], past[1], False
    reach, told_day = 0, False
    if report and not announces(ev.quote or ""):  # «وتوصلت دمشق الى اتفاق»: the day's deal, not one retold
        reach = fam.retold_days or (fam.cue_days if retells(ev.quote or "") else 0)
    elif fam.once:  # a retelling's clause is often dated by the telling («ترامب، الاثنين، … الهجوم الكيماوي»)
        reach = fam.retold_days
    elif _told_that_day(ev, first) and not (announces(ev.quote or "") or starts(ev)):
        # «في صحف اليوم: اتفاق … في درعا»: dated as a report-dated one; a deal announced as made that
        # day («أعلن …، الجمعة، التوصل إلى اتفاق») or a start told that day («بدأت عملية إجلاء … الأحد»,
        # told on Sunday) is that day's, not last week's retold
        reach = fam.retold_days or (fam.cue_days if retells(ev.quote or "") else 0)
        told_day = reach > 0
    if reach and not fam.retold_days and tells_share(ev.quote or "", fam.name):
        # «واستعادت قوات النظام أخيرا أكثر من 90 في المئة من محافظة درعا … إثر عملية عسكرية»: a share of
        # ground told as a state is that day's, however the sentence says how it came (heldout6's rule)
        reach, told_day = 0, False
    if ev.place is not None and ev.place.kind in WHOLE_KINDS:
        # «اتفاق في سوريا» told a week on is any deal in the country; «الضربات الأخيرة على سوريا» retells one
        reach = fam.cue_days if reach and retells(ev.quote or "") else 0
        told_day = told_day and reach > 0
    if ev.time_precision == 1 and (last - first).days > VAGUE_SPAN_DAYS and past is None:
        last = first  # «منذ 18 شباط»: a campaign told since its day is its launch on that day
    if not report and (last - first).days > NIGHT_DAYS and renews(ev):
        first = last  # «تجدد القصف … بعد توقفه منذ يوم الجمعة»: the pause ran since Friday, the strikes are today's
    coarse = region_level(ev.place, ev.geo_precision)
    order = (ev.published or date.max, ev.event_id)
    scope = deal_scope(ev.quote or "") if fam.area else ""
    disputed = bool(ev.actor1) and disputes_doer(ev.quote or "")
    named = named_as(ev)
    undated = report or _told_that_day(ev, first)
    toll = getattr(ev, "fatalities", 0) or ev.extra.get("period_toll", 0)  # a campaign's toll so far
    campaign = undated and campaign_cue(ev.quote or "", "campaign", toll)
    launch = campaign_cue(ev.quote or "", "launch")
    out = _Mention(ev, key, fam, first, last, report, reach, coarse, order, named, told_day, scope, disputed)
    out.campaign, out.launch = campaign, launch
    out.day_loose = day_cue(ev.quote or "")
    told_undated = undated or _basis(ev) in BORROWED_BASES
    out.background = told_undated and (is_background(ev) or stands(ev, fam.name))
    # a side named as struck is no doer where the family's types have a target (strikes, chemical attacks);
    # in a battle «هجوم ضد الوحدات الكردية» names the other side of the clash, a doer of it
    hits = any(role == TARGET_ROLE for _, role in fam.roles.values())
    out.hit = hits and struck(ev)
    out.spoken = (not fam.speakers_act and speaks(ev)) or out.hit
    out.precision = PAST_PRECISION if past is not None else 0
    return out


@lru_cache(maxsize=1)
def past_cues() -> dict[str, tuple[tuple[str, int], ...]]:
    """kind → (cue, days) of geo/rules/incident_past_cues.jsonl: "ago" («مرور عام»: that many days before
    the telling), "since" («منذ 2011»: the time a state has lasted since, no date of a happening)."""
    from geo.text import normalize

    out: dict[str, list[tuple[str, int]]] = {}
    for r in read_jsonl(PAST_FILE):
        out.setdefault(r["kind"], []).append((normalize(r["cue"]), int(r.get("days", 0))))
    return {k: tuple(v) for k, v in out.items()}


def _past_span(ev) -> tuple[date, date] | None:
    """The past time a line retells, from its sentence: a time before the year it was told in («في أبريل/
    نيسان عام 2017», «العام الماضي», read by geo/dates.py; not «منذ 2011»: a state's length), else an «ago»
    cue («بعد مرور عام على ضربة أمريكية»). Read for a line its clause does not date (the event stage kept
    the report's days or the previous sentence's), and for one dated to the year it was told whose nearest
    time to its trigger is that past one («وكان ترامب شن العام الماضي ضربات … وحذر السبت»). None when it
    names none: a 2017 strike retold in 2018 would otherwise be drawn as 2018's."""
    published, quote, basis = ev.published, ev.quote or "", _basis(ev)
    if published is None or not quote or ev.status not in PAST_STATUSES or ev.event_date is None:
        return None
    if basis == "report" or basis in BORROWED_BASES:
        return _past_of(quote, published, None)
    at = _trigger_at(ev)
    if basis in OWN_DATE_BASES and at is not None and ev.event_date.year >= published.year:
        return _past_of(quote, published, at)
    return None


def _words_between(quote: str, at: int, sp) -> int:
    """Words between the trigger at `at` and the span (the trigger word itself not counted)."""
    if sp.start > at:
        return max(0, len(quote[at : sp.start].split()) - 1)
    return len(quote[sp.end : at].split()) if sp.end <= at else 0


# Date bases (geo/events.py) of a line its own clause or sentence dates.
OWN_DATE_BASES = frozenset({"clause", "sentence"})


# A year of the calendar written in digits («2017», «عام 2016»): a sentence naming a past year has one.
_YEAR_DIGITS = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def _names_past(quote: str) -> bool:
    """The sentence may name a time of a past year: a year in digits, or a word of geo/rules/
    incident_past_cues.jsonl ("past": «العام الماضي», «السنة المنصرمة»). Only then is geo/dates.py read."""
    norm = _padded(quote)
    return _YEAR_DIGITS.search(quote) is not None or any(f" {w} " in norm for w, _ in past_cues().get("past", ()))


@lru_cache(maxsize=NORM_CACHE)
def _past_of(quote: str, published: date, at: int | None) -> tuple[date, date] | None:
    """The past span of the sentence (the one nearest `at`, the trigger, when given), else its «ago» cue's."""
    from geo.dates import find_time_spans
    from geo.text import normalize

    cues = past_cues()
    since = [cue for cue, _ in cues.get("since", ())]
    spans = find_time_spans(quote, published) if _names_past(quote) else []
    if at is not None:  # a dated line: only a past time right by its trigger is its own
        spans = [sp for sp in spans if _words_between(quote, at, sp) <= PAST_TRIGGER_GAP][:1]
    for sp in spans:
        before = _last_words(quote[: sp.start], SINCE_REACH)
        led = normalize(sp.surface).split()[:1]  # «منذ العام 2013» read with its «منذ»
        read_since = SINCE_NOTE in sp.note.split("; ")  # geo/dates.py read «منذ» before it
        since_cue = any(_is_cue(w, frozenset(since)) for w in (*before, *led))
        if sp.last.year < published.year and not (read_since or since_cue):
            return sp.first, sp.last
    if at is not None:
        return None  # a dated line's «ago» may be another clause's
    norm = _padded(quote)
    for cue, days in cues.get("ago", ()):
        if f" {cue} " in norm or any(f" {pre}{cue} " in norm for pre in ("ب", "ل", *_CONJUNCTIONS)):
            told = published - timedelta(days=days)
            slack = timedelta(days=AGO_SLACK_DAYS)
            return told - slack, told + slack
    return None


@lru_cache(maxsize=1)
def share_cues() -> dict[str, tuple[str, ...]]:
    """family → words of geo/rules/incident_share_cues.jsonl («في المئة», «%»): a share told as a state."""
    from geo.text import normalize

    out: dict[str, list[str]] = {}
    for r in read_jsonl(SHARE_FILE):
        out.setdefault(r["family"], []).append(normalize(r["cue"]))
    return {k: tuple(v) for k, v in out.items()}


def tells_share(quote: str, family: str) -> bool:
    """The sentence tells a share of ground («أكثر من 90 في المئة من محافظة درعا», «80%»): in a family
    with share cues, that day's state, which no retelling cue makes a taking of the days before."""
    norm = _padded(quote)
    return any(cue in norm for cue in share_cues().get(family, ()))


def _told_that_day(ev, first: date) -> bool:
    """Dated on the day it was told (or the day before): what a retelling's clause gets dated by."""
    published = ev.published
    return published is not None and published - timedelta(days=REPORT_SPAN_DAYS) <= first <= published


def _span(m: _Mention) -> tuple[date, date, int, bool, bool]:
    """(first, last, reach, vague, holds_yesterday): a report day, or a telling day that reaches back."""
    return (m.first, m.last, m.reach, m.vague, m.report_dated or m.told_day)


def _day_gap(a: tuple, b: tuple) -> int | None:
    """Days between two spans (first, last, reach, vague); None when they cannot be one happening."""
    a_first, a_last, a_reach, a_vague, a_report = a
    b_first, b_last, b_reach, b_vague, b_report = b
    if a_vague or b_vague:
        return 0 if (a_first, a_last) == (b_first, b_last) else None
    gap_ab = (b_first - a_last).days  # b after a
    gap_ba = (a_first - b_last).days  # a after b
    # a report day's span, or any span of two days or more, already holds «yesterday»: no slack on top
    one_day = a_first == a_last and b_first == b_last
    slack = DATE_SLACK_DAYS if one_day and not (a_report or b_report) else 0
    # b lies before a: allowed back to a's reach (if a is report-dated), and symmetrically.
    if gap_ba > slack + a_reach or gap_ab > slack + b_reach:
        return None
    return max(0, gap_ab, gap_ba)


# ------------------------------------------------------------------------------- one incident


@dataclass(slots=True)
class _Group:
    index: int
    members: list[_Mention] = field(default_factory=list)
    anchor: Place | None = None  # the first precise place
    fine: dict[str, Place] = field(default_factory=dict)
    coarse: dict[str, Place] = field(default_factory=dict)
    bare: set[str] = field(default_factory=set)  # places some member named by the bare name alone
    unlisted: set[str] = field(default_factory=set)  # places some member named outside a list of regions
    articles: set[str] = field(default_factory=set)
    roles: dict[str, set[str]] = field(default_factory=dict)  # role → sides its doers were named in
    suspected: dict[tuple[str, str], set[str]] = field(
        default_factory=dict
    )  # (role, side) accused → articles
    hits: dict[tuple[str, str], set[str]] = field(default_factory=dict)  # (role, side) named struck → articles
    precise: Counter = field(default_factory=Counter)  # spans of precisely dated members → count
    anchor_span: tuple | None = None  # what newcomers are dated against (see _anchor)
    lo: date = date.max  # earliest day a member reaches back to
    hi: date = date.min
    dated: bool = False  # some member is dated by its text, not only by its report day
    launches: set[str] = field(default_factory=set)  # types of members whose text dates a campaign's start
    day_lo: date = date.max  # first and last day of the members dated to a day or a night (see _fixed_day)
    day_hi: date = date.min
    lists: set[tuple[str, int]] = field(default_factory=set)  # sentences of its listed members (see _mark_lists)

    def add(self, m: _Mention) -> None:
        self.members.append(m)
        self.articles.add(m.ev.article_id)
        p = m.place
        if not m.named:
            self.bare.add(p.place_id)
        if not m.listed:  # a province listed with another («ريفي حماة وحلب») is no capital (see _place_rank)
            self.unlisted.add(p.place_id)
        if m.tie is not None and m.key in m.family.tied:  # the region's later battle lines of that day
            self.coarse.setdefault(m.ev.place.place_id, m.ev.place)  # are this town's too (not a province's)
        if m.listed:
            self.lists.add(_sentence(m))
        if m.coarse:
            self.coarse.setdefault(p.place_id, p)
        else:
            self.fine.setdefault(p.place_id, p)
            if self.anchor is None:
                self.anchor = p
        for role, who in m.doer():
            self.roles.setdefault(role, set()).add(who)
        for role, who in m.suspect():
            self.suspected.setdefault((role, who), set()).add(m.ev.article_id)
        for role, who in m.struck_side():
            self.hits.setdefault((role, who), set()).add(m.ev.article_id)
        if not (m.report_dated or m.told_day):  # a precise date of the happening, not of its telling
            self.precise[(m.first, m.last, 0, m.vague, False)] += 1
        self.dated = self.dated or not m.report_dated
        if _dates_a_launch(m):
            self.launches.add(m.key)
        if _fixed_day(m):
            self.day_lo, self.day_hi = min(self.day_lo, m.first), max(self.day_hi, m.last)
        self.anchor_span = self._anchor()
        lo, hi = _reach(m)
        self.lo, self.hi = min(self.lo, lo), max(self.hi, hi)

    def precise_days(self) -> set[tuple[date, date]]:
        """The (first, last) spans its members' texts date it to."""
        return {sp[:2] for sp in self.precise}

    def _anchor(self) -> tuple:
        """The most reported precise span (a tie: the first reported), else the first report's span.

        Newcomers are dated against it alone, never against any member: otherwise daily reports of a
        week-long bombardment would chain, a day at a time, into one month-long incident.
        """
        if self.precise:
            days = {sp: n for sp, n in self.precise.items() if (sp[1] - sp[0]).days <= NIGHT_DAYS}
            pool = days or self.precise  # a day the text names beats «في الأيام الأخيرة»
            top = max(pool.values())
            return next(sp for sp, n in pool.items() if n == top)
        return _span(self.members[0])


def _dates_a_launch(m: _Mention) -> bool:
    """m's text dates a campaign's start to a day before its telling («ومنذ الأحد» told on Friday):
    «منذ الساعة التاسعة» or «بدأت اليوم» told that day is the day's news, not a launch retold."""
    told = m.ev.published
    before = told is not None and m.first < told - timedelta(days=REPORT_SPAN_DAYS)
    return m.launch and before and not (m.report_dated or m.told_day or m.vague)


def _reach(m: _Mention) -> tuple[date, date]:
    """Days a mention can meet others on (a vague one only meets its own span: filed by its first day)."""
    if m.vague:  # a start told roughly is found by a start dated inside its span (see _starts_inside)
        if m.launch:
            return _launch_window(m)
        # a month the text names is found by the retellings told inside it (see _month_holds_retelling)
        return (m.first, m.last) if _calendar_month(m) and m.family.retold_days > 0 else (m.first, m.first)
    back = max(m.reach, CAMPAIGN_DAYS if m.campaign else 0)
    return m.first - timedelta(days=back + DATE_SLACK_DAYS), m.last + timedelta(days=DATE_SLACK_DAYS)


def _fixed_day(m: _Mention) -> bool:
    """Dated by its own text to one day or one night («الاثنين», «ليل السبت - الأحد»), not by its telling:
    what an incident's days are made of (a rare happening's clauses are often dated by the telling)."""
    return not (m.report_dated or m.told_day or m.family.once) and (m.last - m.first).days <= NIGHT_DAYS


def _keeps_its_days(m: _Mention, g: _Group) -> bool:
    """A newcomer dated to a day lies within DATE_SLACK_DAYS of every day-dated member, not only of the
    anchor: Monday's bombardment joins Sunday's night, Tuesday's then joins neither (no chain of days)."""
    if not _fixed_day(m) or g.day_lo > g.day_hi:
        return True
    slack = timedelta(days=DATE_SLACK_DAYS)
    if not (m.first <= g.day_lo + slack and m.last >= g.day_hi - slack):
        return False
    return not any(_other_day_of_its_article(m, x) for x in g.members)


def _other_day_of_its_article(m: _Mention, x: _Mention) -> bool:
    """x is a line of m's article dated by the text to another day: one text telling «الجمعة» and
    «السبت» tells two days' happenings (the slack is for two outlets' days, not for one text's) —
    unless a line tells a night or a toll (geo/rules/incident_day_cues.jsonl): «غارات ليل الأحد»
    and «الاثنين» may be one strike, and «ارتفعت الحصيلة … الخميس» counts Wednesday's attack."""
    apart = x.last < m.first or m.last < x.first
    same = x.ev.article_id == m.ev.article_id and _fixed_day(x) and apart
    return same and not (m.day_loose or x.day_loose)


def _near(a: Place, b: Place) -> bool:
    """The same place, or a point within NEAR_KM that is not another settlement of another name.

    Two villages 2 km apart are two places to fight over (Saqba and Kafr Batna), and so are a quarter and a
    town of another name beside it (al-Qadam and al-Hajar al-Aswad); a town's row in two gazetteers, or an
    airport or crossing by a town, is where the town's happening is (a quarter and its town: see _place_rank).
    """
    if a.place_id == b.place_id:
        return True
    if distance_km(a.lat, a.lon, b.lat, b.lon) > NEAR_KM:
        return False
    named = SETTLEMENT_KINDS | QUARTER_KINDS
    if a.kind in named and b.kind in named:
        return bool(_names(a) & _names(b))
    return True


def _twins(m: _Mention, g: _Group) -> bool:
    """m's place and the incident's first precise place lie within NEAR_KM and a report of either names
    the two as a pair («بلدتي الفوعة وكفريا», «كفريا والفوعة»): twin towns one deal is made for (an area's
    family, see Family.area), though two villages of other names are two places to fight over (see
    _near). Two deals of one day a few km apart, each told of its own place, stay apart even where one
    sentence names the other place («الاتفاق في محيط يلدا … على الأطراف الشرقية لليرموك»)."""
    a, b = g.anchor, m.place
    if distance_km(a.lat, a.lon, b.lat, b.lon) > NEAR_KM:
        return False
    return any(_paired(x.ev.quote, a, b) for x in (m, *g.members))


def _paired(quote: str | None, a: Place, b: Place) -> bool:
    """The sentence names the two places joined by «و» («الفوعة وكفريا», «كفريا والفوعة»)."""
    norm = _padded(quote or "").translate(_MARKS_AS_SPACES)
    pairs = ((x, y) for p, q in ((a, b), (b, a)) for x in _ar_names(p) for y in _ar_names(q))
    return any(f" {x} و{y} " in norm for x, y in pairs if x and y)


# Marks read as spaces where names are looked for in a sentence («وكفريا،», «(الفوعة)»).
_MARKS_AS_SPACES = str.maketrans({c: " " for c in "،,.:;!?\"'«»()[]-–—"})


def _names(p: Place) -> set[str]:
    from geo.text import normalize

    return {normalize(n) for n in (p.name_ar, *p.names_ar) if n} | {
        n.casefold() for n in (p.name_en, *p.names_en) if n
    }


def _namesake(a: Place, b: Place) -> bool:
    """A governorate and a settlement in it that bears its name: «قصف على درعا» is the city or the province.

    A bare name cannot tell them apart, so the geocoder's pick between the two rows says nothing
    (see _place_rank for the words that do tell them apart). A governorate and another town stay apart.
    """
    if a.kind in NAMESAKE_KINDS:
        a, b = b, a
    if b.kind not in NAMESAKE_KINDS or a.kind not in SETTLEMENT_KINDS:
        return False
    return bool(b.admin1) and a.admin1 == b.admin1 and bool(_ar_names(a) & _ar_names(b))


def _ar_names(p: Place) -> set[str]:
    from geo.text import normalize

    return {normalize(n) for n in (p.name_ar, *p.names_ar) if n}


def _place_rank(m: _Mention, g: _Group) -> int | None:
    """0 same place, 1 near (or namesakes), 2 one inside the other; None when the places differ."""
    p = m.place
    if p.place_id in g.fine or p.place_id in g.coarse or (m.listed and _sentence(m) in g.lists):
        return 0  # …or another region its sentence lists with this one («في ريفي حماة وحلب»)
    if any(
        _namesake(p, q) and (not m.named or q.place_id in g.bare) and (m.coarse or q.place_id in g.unlisted)
        for q in (*g.fine.values(), *g.coarse.values())
    ):  # «مدينة درعا» and «محافظة درعا» are told apart by the text; a bare «درعا» is either; but a city's line
        # does not make a strike told over «ريفي حمص وحلب» the city's (its point would draw the provinces' strike)
        return 1
    if m.coarse and g.anchor is None and _wave(m, g):
        return INSIDE_RANK
    if m.coarse or g.anchor is None:  # a region's line sums its towns' lines: never one of them…
        return _inside(m, g) if m.family.regional else None  # …unless a rare one or an area's
    if _near(p, g.anchor) or (m.family.area and _twins(m, g)):
        return 1
    kin = any(
        p.parent_id == f.place_id or f.parent_id == p.place_id or _named_after(p, f) or _named_after(f, p)
        for f in g.fine.values()
    )
    return 1 if kin else None


def _wave(m: _Mention, g: _Group) -> bool:
    """m and an incident told only region-level are one strike wave: one of them is the country's line,
    the other its provinces' or regions' («ضربات على قواعد إيرانية في سوريا» beside «مواقع عسكرية في ريفي
    حماة وحلب»): both sum the same sites."""
    if m.family.regional or m.family.tied:
        return False
    places = [m.place, *g.coarse.values()]
    countries = [p for p in places if p.kind in WHOLE_KINDS]
    return len(countries) >= 1 and len(countries) < len(places) and all(
        p.kind in WHOLE_KINDS or (p.kind in TIE_WIDE_KINDS and any(_holds_town(c, p) for c in countries))
        for p in places
    )


def _named_after(site: Place, town: Place) -> bool:
    """A base or airport that bears the name of a settlement within SITE_KM («مطار حلب الدولي» and حلب,
    «قاعدة الشعيرات الجوية» and the village of الشعيرات): a strike told at either is at one place."""
    if site.kind not in SITE_KINDS or town.kind not in SETTLEMENT_KINDS:
        return False
    names = [f" {n} " for n in _ar_names(site)]
    if not any(f" {t} " in n for t in _ar_names(town) for n in names):
        return False
    return distance_km(site.lat, site.lon, town.lat, town.lon) <= SITE_KM


def _site_keys(p: Place) -> set[tuple]:
    """Index keys a site and the settlement it is named after share: the settlement's names, and the runs
    of up to SITE_NAME_WORDS words of the site's names."""
    if p.kind in SETTLEMENT_KINDS:
        return {("w", n) for n in _ar_names(p)}
    if p.kind not in SITE_KINDS:
        return set()
    keys = set()
    for name in _ar_names(p):
        words = name.split()
        for i in range(len(words)):
            keys |= {("w", " ".join(words[i:j])) for j in range(i + 1, min(len(words), i + SITE_NAME_WORDS) + 1)}
    return keys


# _place_rank of a region and a town inside it (the loosest place link), and of the very place.
INSIDE_RANK = 2
SAME_PLACE_RANK = 0


def _inside(m: _Mention, g: _Group) -> int | None:
    """2 when a region holds the other's town («الهجوم الكيماوي على الغوطة» and Douma's), else None."""
    wide = m.family.once  # a rare attack's governorate holds its town; an area's deal is a region's
    if m.coarse and g.anchor is not None:
        return INSIDE_RANK if _contains(m.place, g.anchor, wide) else None
    if not m.coarse and g.anchor is None:
        return INSIDE_RANK if any(_contains(c, m.place, wide) for c in g.coarse.values()) else None
    return None


def _contains(area: Place, p: Place, wide: bool = True) -> bool:
    """A region within REGION_KM holds a town; so does its governorate when `wide`; a country never.

    A governorate's deal («اتفاق حول محافظة درعا») is not one town's reconciliation inside it, but the
    one chemical attack in a governorate is its town's.
    """
    if area.kind == "country" or (area.admin1 and p.admin1 and area.admin1 != p.admin1):
        return False  # «في سوريا» holds nothing
    if area.kind == "governorate":
        return wide and bool(area.admin1) and area.admin1 == p.admin1
    return distance_km(area.lat, area.lon, p.lat, p.lon) <= REGION_KM


_UNORDERED = frozenset({"side", "party"})


def _actors_ok(m: _Mention, g: _Group) -> bool:
    """Compared by side (geo/rules/incident_sides.jsonl): Russian or Syrian jets are one attacker."""
    mine = m.doer()
    for role, actor in mine:
        if role in _UNORDERED:
            continue
        held = g.roles.get(role)
        if held and actor not in held and not (_accused_that_day(m, g, role, actor) or _hit_that_day(m, g, role, actor)):
            return False
        if any(actor in actors for r, actors in g.roles.items() if r != role and r not in _UNORDERED):
            return False
    for role in _UNORDERED:
        sides = {a for r, a in mine if r == role}
        if sides and len(sides | g.roles.get(role, set())) > 2:
            return False
    if any(r == "side" for r, _ in mine) or "side" in g.roles:
        # a clash beside a taking (one battle): its two sides are the winner and the loser, no third
        named = {a for _, a in mine}.union(*g.roles.values())
        return len(named) <= 2
    return True


def _accused_that_day(m: _Mention, g: _Group, role: str, actor: str) -> bool:
    """Reports of SUSPECT_ARTICLES articles in the incident accuse that side of it or guess at it
    («اتهمت دمشق إسرائيل»), and m tells the incident's very days:
    the doer one report names and the doer others only suspect are one strike's. A day on, they may be
    the next day's strike."""
    if len(g.suspected.get((role, actor), ())) < SUSPECT_ARTICLES:
        return False
    first, last = g.anchor_span[:2]
    return m.first <= last and first <= m.last


def _hit_that_day(m: _Mention, g: _Group, role: str, actor: str) -> bool:
    """Reports of SUSPECT_ARTICLES articles in the incident name that side as the one struck («الترسانة
    التابعة للنظام», «مواقع عسكرية للنظام»), and m, naming it as the doer, tells the incident's very days:
    the event stage took the struck side for the doer («اعتبرت إسرائيل أن الضربات على سوريا مبررة، قائلة
    إن النظام السوري يواصل …»). A day on, it may be that side's own strike."""
    if len(g.hits.get((role, actor), ())) < SUSPECT_ARTICLES:
        return False
    first, last = g.anchor_span[:2]
    return m.first <= last and first <= m.last


def _told_by_its_article(m: _Mention, g: _Group) -> bool:
    """m's own article tells the incident on m's days, one of the two dated only by the report day.

    «600 ضربة جوية» (dated by the report: yesterday or today) and «مئات الضربات … اليوم» in one
    article are one telling of one bombardment, wherever the incident's anchor lies; two precise
    dates of one article are compared as any two are.
    """
    return any(
        x.ev.article_id == m.ev.article_id
        and (x.report_dated or m.report_dated)
        and ((_holds(x, m) and _short(x)) or (_holds(m, x) and _short(m)))
        for x in g.members
    )


def _short(m: _Mention) -> bool:
    """No longer than a report day's span: a line dated «since 18 February» up to its telling holds
    every day of those weeks, and says nothing of which one a report-dated line of its article told."""
    return (m.last - m.first).days <= REPORT_SPAN_DAYS


def _holds(a: _Mention, b: _Mention) -> bool:
    """a's days hold b's."""
    return a.first <= b.first and b.last <= a.last


def _date_gap(m: _Mention, g: _Group) -> int | None:
    first, last = g.anchor_span[:2]
    if m.report_dated and not m.reach and (last - first).days > REPORT_SPAN_DAYS:
        return None  # today's report is not inside «the bombardment of recent days»: it may be a new day's
    if _several_days(m) and (last - first).days > REPORT_SPAN_DAYS and not (m.vague or g.anchor_span[3]):
        # two «recent days» spans that only overlap would chain week to week: one must hold the other
        slack = timedelta(days=DATE_SLACK_DAYS)
        held = m.first - slack <= first and last <= m.last + slack
        return 0 if held or (first - slack <= m.first and m.last <= last + slack) else None
    return _day_gap(_span(m), g.anchor_span)


def _several_days(m: _Mention) -> bool:
    """Dated to more days than a report's «yesterday or today» («خلال الأيام الماضية», «الأسبوع الماضي»)."""
    return (m.last - m.first).days > REPORT_SPAN_DAYS


def _within(m: _Mention, g: _Group) -> bool:
    """A month-dated mention («أطلقت في يناير عملية») and an incident precisely dated inside that month."""
    first, last, _, vague, _ = g.anchor_span
    # a report day is when it was told, not a day inside the month it happened; but m's own article's lines
    # retelling a deal on their telling day («بدأت أنقرة الاثنين تسيير دوريات في إطار الاتفاق») point back
    # to the one it dates to the month («واتفقت الولايات المتحدة وتركيا، الشهر الحالي، على خارطة طريق»)
    dated = bool(g.precise) or _retold_by_its_article(m, g)
    return dated and _calendar_month(m) and not vague and m.first <= first and last <= m.last


def _month_holds_retelling(m: _Mention, g: _Group) -> bool:
    """The other way round (see _within), in a family told once and retold (retold_days > 0: deals, talks,
    deployments, handovers, chemical attacks): an incident whose texts date it only to a calendar month
    holding m's days, and m dated by its own text («في 11 أبريل 2017، توصلت …» after «في أبريل نيسان 2017
    تم إجلاء …»), or m a line reaching back from its telling day in the month line's own article: the
    order that filed the month line first does not keep them apart."""
    if not (m.family.retold_days > 0 and g.precise) or m.vague:
        return False  # strikes and battles recur: April's strike at a town is not that of the 7th
    months = all(sp[3] and _is_month(sp[0], sp[1]) and sp[0] <= m.first and m.last <= sp[1] for sp in g.precise)
    if not months:
        return False
    if _dated_by_text(m):
        return True
    return m.reach > 0 and all(x.ev.article_id == m.ev.article_id for x in g.members)


def _retold_by_its_article(m: _Mention, g: _Group) -> bool:
    """Every report of g is a line of m's article reaching back (a retold family's, report-dated or dated
    on its telling day): the retellings of a happening m's text dates, in a family told once and retold."""
    return m.family.retold_days > 0 and all(x.ev.article_id == m.ev.article_id and x.reach > 0 for x in g.members)


def _campaign_gap(m: _Mention, g: _Group) -> int | None:
    """Days back from a campaign told as one («حملة القصف المستمرة», «خلال سبعة أيام من القصف») to
    an incident whose text dates its launch («ومنذ الأحد يستهدف النظام الغوطة»), within CAMPAIGN_DAYS."""
    if not (m.campaign and g.launches) or g.anchor_span[3]:
        return None
    first = g.anchor_span[0]
    back = (m.first - first).days
    return back if 0 <= back <= CAMPAIGN_DAYS else None


def _launched_inside(m: _Mention, g: _Group) -> bool:
    """A start told roughly («بدأ الهجوم قبل شهر», «المستمر منذ شهر ونصف») and an incident whose text
    dates a start of the same type inside that span: the launch it tells (joined when it is the only
    one). A span running up to its telling («منذ منتصف نوفمبر») tells a start near its first day."""
    first, last, _, vague, _ = g.anchor_span
    if not (m.vague and m.launch and m.key in g.launches) or vague:
        return False
    lo, hi = _launch_window(m)
    return lo <= first and last <= hi


def _starts_inside(m: _Mention, g: _Group) -> bool:
    """The other way round: a start dated by its text and an incident of starts told only roughly, of
    its type, whose every span holds it (the rough retellings came first)."""
    if not _dates_a_launch(m) or not g.anchor_span[3]:
        return False
    rough = all(x.vague and x.launch and x.key == m.key for x in g.members)
    return rough and all(_holds_day(_launch_window(x), m) for x in g.members)


def _holds_day(window: tuple[date, date], m: _Mention) -> bool:
    return window[0] <= m.first and m.last <= window[1]


def _launch_window(m: _Mention) -> tuple[date, date]:
    """Days a start told roughly may lie on: its span, or near the first day of a span running up to
    its telling («منذ منتصف نوفمبر»)."""
    since = m.ev.published is not None and m.last >= m.ev.published - timedelta(days=REPORT_SPAN_DAYS)
    return m.first, m.first + timedelta(days=VAGUE_SPAN_DAYS) if since else m.last


def _calendar_month(m: _Mention) -> bool:
    """A month the text names («في يناير»), not a fuzzy «about two months ago» span."""
    return _is_month(m.first, m.last)


def _is_month(first: date, last: date) -> bool:
    after = last + timedelta(days=1)
    return first.day == 1 and after.day == 1 and (after - first).days <= 31


# ------------------------------------------------------------------------------- the index


def _cell(p: Place, size: float) -> tuple[int, int]:
    return (math.floor(p.lat / size), math.floor(p.lon / size))


def _weeks(lo: date, hi: date) -> range:
    return range(lo.toordinal() // BUCKET_DAYS, hi.toordinal() // BUCKET_DAYS + 1)


def _namesake_keys(p: Place) -> set[tuple]:
    """Keys a governorate and the settlements bearing its name share (see _namesake)."""
    if not p.admin1 or (p.kind not in NAMESAKE_KINDS and p.kind not in SETTLEMENT_KINDS):
        return set()
    return {("n", p.admin1, n) for n in _ar_names(p)}


def _group_keys(g: _Group) -> set[tuple]:
    keys: set[tuple] = set()
    for p in (*g.fine.values(), *g.coarse.values()):
        keys.add(("p", p.place_id))
        keys |= _namesake_keys(p)
        if p.place_id in g.fine:
            keys |= _site_keys(p)
        if p.parent_id:  # a quarter's incident is found from its town
            keys.add(("p", p.parent_id))
    keys |= {("s", *line) for line in g.lists}
    if g.anchor is not None:
        keys.add(("c", _cell(g.anchor, CELL_DEG)))
    if g.members and g.members[0].family.regional:  # a region and its towns meet (see _inside)
        keys |= {("a", p.admin1) for p in (*g.fine.values(), *g.coarse.values()) if p.admin1}
    if g.anchor is None:  # a country's line and its provinces' meet (see _wave)
        keys |= {("k", p.country) for p in g.coarse.values() if p.country}
    return keys


def _around(cell: tuple[int, int]) -> list[tuple[int, int]]:
    return [(cell[0] + i, cell[1] + j) for i in (-1, 0, 1) for j in (-1, 0, 1)]


def _lookup_keys(m: _Mention) -> list[tuple]:
    p = m.place
    keys: list[tuple] = [("p", p.place_id), *sorted(_namesake_keys(p))]
    if m.family.regional and p.admin1:
        keys.append(("a", p.admin1))
    if m.listed:
        keys.append(("s", *_sentence(m)))
    if m.coarse and p.country:
        keys.append(("k", p.country))
    if m.coarse:  # a region's mention joins only that region's
        return keys
    if p.parent_id:
        keys.append(("p", p.parent_id))
    keys += sorted(_site_keys(p))
    keys += [("c", c) for c in _around(_cell(p, CELL_DEG))]
    return keys


class _Index:
    def __init__(self) -> None:
        self.buckets: dict[tuple, list[int]] = {}
        self.filed: dict[int, set[tuple]] = {}
        self.kinds: set[tuple[str, str]] = set()  # (family, key kind) filed so far: others need no lookup

    def file(self, g: _Group, family: str) -> None:
        done = self.filed.setdefault(g.index, set())
        for key in _group_keys(g):
            for week in _weeks(g.lo, g.hi):
                k = (family, key, week)
                if k not in done:
                    done.add(k)
                    self.kinds.add((family, key[0]))
                    self.buckets.setdefault(k, []).append(g.index)

    def candidates(self, m: _Mention) -> set[int]:
        lo, hi = (m.first, m.last) if m.vague else _reach(m)
        found: set[int] = set()
        fam, weeks = m.family.name, _weeks(lo, hi)
        for key in _lookup_keys(m):
            if (fam, key[0]) not in self.kinds:
                continue
            for week in weeks:
                found.update(self.buckets.get((fam, key, week), ()))
        return found


# ------------------------------------------------------------------------------- grouping


def _best(m: _Mention, groups: list[_Group], candidates: Iterable[int]) -> _Group | None:
    """The closest compatible incident; a month-dated mention with no incident of its own span joins
    the one precisely dated incident inside its month at its very place, and none when there are several."""
    best, best_score, inside = None, None, []
    if m.background:  # a habit or a past with no day is no report of a happening of those days
        return None
    for i in sorted(candidates):
        g = groups[i]
        score = _fit(m, g)
        if score == INSIDE:
            inside.append(g)
        elif score is not None and (best_score is None or score < best_score):
            best, best_score = g, score
    if best is None and len(inside) == 1:
        return inside[0]
    return best


# What _fit says of a mention that may join an incident only as the one inside its span (see _best).
INSIDE = ()


def _fit(m: _Mention, g: _Group) -> tuple | None:
    """How closely m fits incident g (lower is closer), INSIDE when only as the one incident inside its
    span, None when it cannot be a report of it."""
    if m.background or g.members[0].background:
        return None
    rank = _place_rank(m, g)
    if m.scope != g.members[0].scope:  # every member has its first's scope
        return None
    if rank is None or not _actors_ok(m, g) or not _keeps_its_days(m, g):
        return None
    gap = _date_gap(m, g)
    if gap is None and _told_by_its_article(m, g):
        gap = 0
    if gap is None:
        gap = _campaign_gap(m, g)
    if gap is None:
        # a month says little of the day: it joins only at the very place («في يوليو 2018، أبرم اتفاق
        # شمل مناطق بريف درعا الشرقي» is not the deal of a bare «درعا» that may be the city)
        if (_within(m, g) or _month_holds_retelling(m, g)) and rank == SAME_PLACE_RANK:
            return INSIDE
        if _launched_inside(m, g) or _starts_inside(m, g):
            return INSIDE
        return None
    if gap > DATE_SLACK_DAYS and not (g.dated or m.family.once or _dated_by_text(m)):
        return None  # a retelling points back to a dated happening, not to another day's report
    if rank == INSIDE_RANK and gap > DATE_SLACK_DAYS and not m.family.once:
        return None  # a region holding a town, and a week back: two loose links are two deals
    # a retelling points first to what its own article told («إثر قصف تركي» after «قتلت في 15 آذار»)
    elsewhere = not (m.reach and m.ev.article_id in g.articles)
    # a campaign's toll («قتل 400 في القصف المتواصل») is its launch's, not the day's bombardment
    return (rank, m.campaign and not g.launches, elsewhere, gap, g.index)


def _dated_by_text(m: _Mention) -> bool:
    """m's own text dates it (not its report day, nor the day it was told): the happening an incident of
    report-dated retellings reaching back to its day points to, though the canonical order filed them
    first («وكان الإعلام السوري قد أفاد، الأربعاء الماضي، أنه تم التوصل إلى اتفاق» after «الاتفاق يشمل …»)."""
    return not (m.report_dated or m.told_day)


def _groups(mentions: list[_Mention]) -> list[_Group]:
    groups: list[_Group] = []
    index = _Index()
    for m in mentions:
        g = _best(m, groups, index.candidates(m))
        if g is None:
            g = _Group(len(groups))
            groups.append(g)
        g.add(m)
        index.file(g, m.family.name)
    return _fold_outliers(_join_same_days(_join_late(groups, index)))


# ------------------------------------------------------------------------------- outlier places


@lru_cache(maxsize=1)
def site_words() -> frozenset[str]:
    """Words of geo/rules/incident_site_words.jsonl («قاعدة», «مطار»): the sentence tells a site struck."""
    from geo.text import normalize

    return frozenset(normalize(r["cue"]) for r in read_jsonl(SITE_WORDS_FILE))


@lru_cache(maxsize=1)
def reason_cues() -> tuple[tuple[tuple[str, ...], str, str], ...]:
    """(cue words, kind, family) of geo/rules/incident_reason_cues.jsonl. Before a place, "answered" and
    "other" cues make it the place of another happening: the one answered («ردا على هجوم دوما») or one of
    that family («هجوم كيميائي على بلدة دوما», "chemical"); right before the trigger, a "when" cue makes the
    happening a time the sentence's own news is dated by («متجهة نحو ميناء طرطوس، قبل أيام من الضربة»)."""
    from geo.text import normalize

    return tuple(
        (tuple(normalize(r["cue"]).split()), r["kind"], r["family"]) for r in read_jsonl(REASON_FILE)
    )


@lru_cache(maxsize=1)
def target_nouns() -> frozenset[str]:
    """Nouns of geo/rules/incident_reason_targets.jsonl («منشأة», «مخزن»): a target a family's words describe."""
    from geo.text import normalize

    return frozenset(normalize(r["cue"]) for r in read_jsonl(REASON_TARGET_FILE))


def names_site(quote: str) -> bool:
    """A word of the sentence (bare, after «و/ب/ل/ف», or in a hashtag: «#مطار_التيفور») is a site word."""
    from geo.text import normalize

    words = normalize(quote).replace("#", " ").replace("_", " ").split()
    cues = site_words()
    return any(_noun_is(w.strip(_PUNCT), cues) for w in words)


# The alif an indefinite noun takes in the accusative («مستودعا», «مهبطا»).
_ACCUSATIVE = "ا"


def _noun_is(word: str, cues: frozenset[str]) -> bool:
    """The word is one of the nouns, bare or after a proclitic («ولمطار»), or with its accusative alif."""
    forms = {word, word[1:] if word[:1] in _PROCLITICS else word}
    forms |= {f[: -len(_ACCUSATIVE)] for f in forms if f.endswith(_ACCUSATIVE)}
    return bool(forms & cues)


def told_as_reason(ev, family: str) -> bool:
    """The event's place is named as another happening's: a cue of another family right before it («بعد
    أسبوع من هجوم كيميائي مزعوم على بلدة دوما» for a strike), or a cue of what was answered between the
    trigger and the place («ونفذت … ضربات … ردا على الهجوم في دوما»; after «ردا على» the trigger is itself
    the answered happening). Within REASON_REACH words before the place. Or the trigger is a time the
    sentence's news is dated by, told after the place («متجهة نحو ميناء طرطوس، قبل أيام من الضربة»)."""
    quote, at = ev.quote or "", ev.place_start - ev.quote_start
    if ev.place_start < 0 or not 0 <= at <= len(quote):
        return False
    trigger = _trigger_at(ev)
    targets = target_nouns()
    for cue, kind, fam in reason_cues():
        if kind == "when":
            if trigger is not None and at < trigger and _dates_news(quote, trigger, cue):
                return True  # the place is the news the strike dates, told before «قبل أيام من الضربة»
            continue
        words = _last_words(quote[:at], REASON_REACH + len(cue))
        found = _run_at(words, cue)
        if found is None or (fam and fam == family):
            continue
        back = len(words) - found  # words from the cue's start to the place
        if fam and any(_noun_is(w, targets) for w in _last_words(quote[:at], TARGET_REACH + back)[:TARGET_REACH]):
            continue  # «منشأة لتخزين الأسلحة الكيماوية غربي حمص»: the chemical words name the target struck
        if fam or (trigger is not None and trigger < _cue_offset(quote, at, back)):
            return True
    return False


def _dates_news(quote: str, trigger: int, cue: tuple[str, ...]) -> bool:
    """The "when" cue stands right before the trigger («قبل أيام من الضربة»; one word may sit between)."""
    return _run_at(_last_words(quote[:trigger], len(cue) + 1), cue) is not None


def _cue_offset(quote: str, at: int, back: int) -> int:
    """Offset of the word `back` words before `at` (1: the word right before the place)."""
    starts = [i for i in range(at) if not quote[i].isspace() and (i == 0 or quote[i - 1].isspace())]
    return starts[-back] if 0 < back <= len(starts) else 0


def _weak_place(m: _Mention) -> str:
    """Why m's place may be another happening's: "site" (a town or province the sentence names for a base
    it tells struck: «قاعدة جوية عسكرية قرب مدينة حمص»), "reason" (the article's place, guessed for a
    sentence that names none, or told as the place of the happening answered: see told_as_reason), or ""."""
    p, ev = m.place, m.ev
    if m.tie is not None or not m.family.folds:
        return ""
    if (p.kind in SETTLEMENT_KINDS or p.kind in TIE_WIDE_KINDS) and names_site(ev.quote or ""):
        return "site"
    if p.kind in WHOLE_KINDS:
        return ""  # already the country's line
    if _place_basis(ev) in GUESSED_PLACE_BASES or told_as_reason(ev, m.family.name):
        return "reason"
    return ""


def _place_basis(ev) -> str:
    extra = getattr(ev, "extra", None) or {}
    return str(extra.get("place_basis", "")) if hasattr(extra, "get") else ""


def _fold_outliers(groups: list[_Group]) -> list[_Group]:
    """A line drawn at a place that is not its happening's joins the best-supported incident of its family
    on its days, with sides that agree, when that one has FOLD_RATIO times the support of the line's own
    place (articles naming it as the happening's): «قاعدة جوية قرب مدينة حمص» is the T4 airbase's strike
    its other reports name, on one day in Homs province; «ضربات على سوريا ردا على الهجوم في دوما» and a
    line given the article's Douma for want of a place are the country's strikes of 14 April, not Douma's."""
    weak = {id(m): _weak_place(m) for g in groups for m in g.members}
    support = {g.index: len({m.ev.article_id for m in g.members if not weak[id(m)]}) for g in groups}
    hosts: dict[str, list[_Group]] = {}  # family → incidents a line may fold into, best-supported first
    for g in sorted(groups, key=lambda g: (-support[g.index], g.index)):
        if support[g.index] >= FOLD_RATIO and g.members[0].family.folds and not g.members[0].background:
            hosts.setdefault(g.members[0].family.name, []).append(g)
    moves = [
        (x, m, y)
        for x in groups
        for m in x.members
        if weak[id(m)] and (y := _fold_target(m, weak[id(m)], x, hosts.get(m.family.name, []), support))
    ]  # found before any moves: a line folded in is not weighed again
    moved: dict[int, list[_Mention]] = {}
    for x, m, y in moves:
        moved.setdefault(x.index, []).append(m)
        _fold_into(m, weak[id(m)], y)
    out = []
    for g in groups:
        gone = {id(m) for m in moved.get(g.index, ())}
        if not gone:
            out.append(g)
        elif len(gone) < len(g.members):
            out.append(_regroup(g.index, [m for m in g.members if id(m) not in gone]))
    return out


def _fold_target(m: _Mention, why: str, x: _Group, hosts: list[_Group], support: dict[int, int]) -> _Group | None:
    """The best-supported of `hosts` (its family's, best first) m's line belongs to instead of x, or None."""
    need = FOLD_RATIO * max(1, support[x.index])
    for y in hosts:
        if support[y.index] < need:
            return None
        if y is x or not (_site_of(y, m.place) if why == "site" else _country_of(y, m.place)):
            continue
        if m.scope == y.members[0].scope and _actors_ok(m, y) and _date_gap(m, y) is not None:
            return y
    return None


def _site_of(y: _Group, p: Place) -> bool:
    """y is drawn at a base or airport in p's governorate (T4 «قرب مدينة حمص», in «محافظة حمص»)."""
    a = y.anchor
    return a is not None and a.kind in SITE_KINDS and bool(a.admin1) and a.admin1 == p.admin1


def _country_of(y: _Group, p: Place) -> bool:
    """y is told only at the country holding p («ضربات على سوريا»)."""
    return y.anchor is None and any(c.kind in WHOLE_KINDS and _holds_town(c, p) for c in y.coarse.values())


def _fold_into(m: _Mention, why: str, y: _Group) -> None:
    """m joins y at y's place: the base (a precise place), or the country (region-level)."""
    if why == "site":
        m.tie, m.coarse = y.anchor, False
    else:
        m.tie = next(c for c in y.coarse.values() if c.kind in WHOLE_KINDS and _holds_town(c, m.place))
        m.coarse = True
    y.add(m)


def _regroup(index: int, members: list[_Mention]) -> _Group:
    g = _Group(index)
    for m in sorted(members, key=lambda m: m.order):
        g.add(m)
    return g


def _join_late(groups: list[_Group], index: _Index) -> list[_Group]:
    """A younger incident each of whose reports fits an older one as a newcomer would (see _fit) is that
    incident: the canonical order filed its reports before the older one held what lets them join (the
    side a later report names, a dated line). It joins the older it fits most loosely best."""
    gone: set[int] = set()
    for young in groups:
        found = set().union(*(index.candidates(m) for m in young.members))
        best, best_score = None, None
        for i in sorted(found):
            old = groups[i]
            if i >= young.index or i in gone:
                continue
            fits = [_fit(m, old) for m in young.members]
            if all(f not in (None, INSIDE) for f in fits) and (best_score is None or max(fits) < best_score):
                best, best_score = old, max(fits)
        if best is not None:
            for m in young.members:
                best.add(m)
            index.file(best, best.members[0].family.name)
            gone.add(young.index)
    return [g for g in groups if g.index not in gone]


def _join_same_days(groups: list[_Group]) -> list[_Group]:
    """Incidents that end up dated by their texts to one day (or night), at one place, in one family,
    with sides that agree, are one happening the canonical order split: a report-dated line of the 15th
    opened one before another outlet's «الجمعة» dated the first to the 16th. The younger joins the older
    (whose id stays); each of its reports must fit the older as a newcomer would (sides, days)."""
    by_day: dict[tuple, list[_Group]] = {}
    for g in groups:
        span = g.anchor_span
        if g.members[0].background:
            continue  # a habit or a past told with another sentence's day is no report of that day's
        if g.precise and not span[3] and (span[1] - span[0]).days <= NIGHT_DAYS and span[:2] in g.precise_days():
            by_day.setdefault((g.members[0].family.name, span[0], span[1]), []).append(g)
    gone: set[int] = set()
    for same in by_day.values():
        for i, older in enumerate(same):
            for younger in same[i + 1 :]:
                if older.index not in gone and younger.index not in gone and _one_happening(older, younger):
                    for m in younger.members:
                        older.add(m)
                    gone.add(younger.index)
    return [g for g in groups if g.index not in gone]


def _one_happening(older: _Group, younger: _Group) -> bool:
    """The younger incident's every report could have joined the older one at one place (see _best)."""
    if older.members[0].scope != younger.members[0].scope:
        return False
    return all(
        _place_rank(m, older) in (0, 1) and _actors_ok(m, older) and _keeps_its_days(m, older)
        for m in younger.members
    )


def group_incidents(
    events: Iterable[Event], gazetteer=None, urls: Mapping[str, str] | None = None
) -> list[Incident]:
    """Incidents of the events (see the module docstring), sorted by date then incident_id.

    `urls` maps article ids to their addresses (for the reports); `gazetteer` is accepted for callers
    that hold one and is not needed: places carry their admin1 and parent_id.
    """
    placed, alone = [], []
    for ev in events:
        if ev.place is not None and ev.event_date is not None:
            placed.append(_mention(ev))
        else:
            alone.append(ev)
    placed.sort(key=lambda m: m.order)
    _mark_lists(placed)
    _tie_regions(placed)
    out = [_incident(g.members, urls or {}) for g in _groups(placed)]
    out += [_incident([_single(ev)], urls or {}) for ev in alone]
    return sorted(out, key=lambda i: (i.event_date or date.max, i.incident_id))


def _sentence(m: _Mention) -> tuple[str, int]:
    return (m.ev.article_id, m.ev.quote_start)


def _mark_lists(mentions: list[_Mention]) -> None:
    """Lines of one sentence, of one type, at two regions or more of LISTED_KINDS («تعرض مواقع عسكرية في
    ريفي حلب وحماة لضربات»): one happening told over the regions it lists, so they join one incident, and a
    line that sums several regions is no one town's (see _tie_regions). Of two types, the sentence tells two
    happenings («بدأت هجوما في محافظة القنيطرة بعدما استعادت 90 في المئة من محافظة درعا»)."""
    by_line: dict[tuple, list[_Mention]] = {}
    for m in mentions:
        if m.coarse and m.ev.place.kind in LISTED_KINDS:
            by_line.setdefault((*_sentence(m), m.key), []).append(m)
    for same in by_line.values():
        several = len({m.ev.place.place_id for m in same}) > 1
        for m in same:  # a dual («في محافظتي حماة وحلب») names two provinces where the event stage found one
            m.listed = several or m.named == SEVERAL


def _tie_regions(mentions: list[_Mention]) -> None:
    """A region's line takes the one town inside the region its article tells a happening of its family
    at on those days. A named region's advance or clash (a family's `tied` types): «تقدم الجيش في الغوطة
    الشرقية الأربعاء» and «تقدمت القوات في بلدة النشابية» of one report are one battle. A country's or a
    governorate's line in an untied family (TIE_WIDE_KINDS): «شنت الولايات المتحدة ضربات على سوريا» beside
    its strikes on Damascus (a province's battle line is not one town's: its fronts are many). With two towns that day the region's line sums them and stays apart; a region's
    taking is a share of its ground, the region's own state; a named region's bombardment sums its towns'.
    Deals and rare attacks meet their towns anyway (see _inside)."""
    by_article: dict[tuple[str, str], list[_Mention]] = {}
    for m in mentions:
        if not m.family.regional:
            by_article.setdefault((m.ev.article_id, m.family.name), []).append(m)
    for group in by_article.values():
        towns = [m for m in group if not m.coarse]
        for m in group if towns else ():
            if not (m.coarse and _ties(m)) or m.listed or m.background:
                continue
            held = {t.place.place_id: t.place for t in towns if _holds_that_day(m, t)}
            if len(held) == 1:
                m.tie, m.coarse = next(iter(held.values())), False


def _ties(m: _Mention) -> bool:
    """m's region line may be its article's one town's (see _tie_regions)."""
    if m.family.tied:  # «استعاد نصف الغوطة»: a share of the region's ground; a province's fronts are many
        return m.key in m.family.tied and m.place.kind not in COARSE_KINDS - {"region"}
    return m.place.kind in TIE_WIDE_KINDS


def _holds_that_day(region: _Mention, town: _Mention) -> bool:
    """The town lies inside the region and the region's line tells a day («خلال الأسبوع الماضي» sums
    a week of its towns' fights), one that meets the town line's days."""
    short = not _several_days(region)
    return short and _same_days(region, town) and _holds_town(region.place, town.place)


def _holds_town(area: Place, p: Place) -> bool:
    """A country holds its places, a governorate its admin1's, a named region those within REGION_KM."""
    if area.kind == "country":
        return bool(area.country) and p.country == area.country
    if area.kind == "governorate":
        return bool(area.admin1) and p.admin1 == area.admin1
    return _contains(area, p, False)


def _same_days(a: _Mention, b: _Mention) -> bool:
    """Their spans meet within DATE_SLACK_DAYS (one report's «الأربعاء» and its report-dated line)."""
    slack = timedelta(days=DATE_SLACK_DAYS)
    return not (a.vague or b.vague) and a.first <= b.last + slack and b.first <= a.last + slack


def _single(ev: Event) -> _Mention:
    key = type_key(ev)
    day = ev.event_date or date.min
    order = (ev.published or date.max, ev.event_id)
    return _Mention(
        ev, key, family_of(key), day, ev.date_last or day, _basis(ev) == "report", 0, False, order
    )


def incident_of(incidents: Iterable[Incident]) -> dict[str, str]:
    """event_id → incident_id."""
    return {r.event_id: inc.incident_id for inc in incidents for r in inc.reports}


def article_count(inc: Incident) -> int:
    """How many articles report the incident (ACLED's sources): one article's two sentences about one
    happening are one report, while `inc.reports` keeps every mention. A mention with no article id
    counts alone."""
    return len({r.article_id or f"event:{r.event_id}" for r in inc.reports})


# ------------------------------------------------------------------------------- the record


def _most(values: list, tie=None):
    """The most frequent value; ties go to the lowest `tie(value)`, then to the first seen."""
    if len(values) == 1:
        return values[0]
    counts = Counter(values)
    first = {v: i for i, v in reversed(list(enumerate(values)))}
    return min(counts, key=lambda v: (-counts[v], tie(v) if tie else 0, first[v]))


def _pick_type(members: list[_Mention]) -> str:
    order = list(members[0].family.roles)
    return _most([m.key for m in members], tie=lambda k: order.index(k) if k in order else len(order))


def _pick_date(members: list[_Mention]) -> tuple[date | None, date | None, int]:
    """The span most precisely dated reports give (a tie: the narrower, then the earlier); else the first's."""
    if members[0].ev.event_date is None:  # an undated event stands alone
        return None, None, members[0].ev.time_precision
    precise = [m for m in members if not m.report_dated] or members[:1]
    best = _most([(m.first, m.last) for m in precise], tie=lambda s: ((s[1] - s[0]).days, s[0]))
    tp = min(m.precision or m.ev.time_precision for m in precise if (m.first, m.last) == best)
    return best[0], best[1], tp


def _pick_place(members: list[_Mention]) -> tuple[Place | None, int]:
    pool = [m for m in members if not m.coarse] or members
    pid = _most([m.place.place_id if m.place else "" for m in pool])
    at = [m for m in pool if (m.place.place_id if m.place else "") == pid]
    return at[0].place, min(REGION_PRECISION if m.coarse and m.tie is not None else m.ev.geo_precision for m in at)


def _pick_actors(members: list[_Mention], key: str) -> tuple[str, str]:
    """The actors most often given in the type's roles; actor1 from the reports that name it as the doer
    (see _Mention.doer) when some do: ten reports telling «نفت واشنطن» or «يعتقد أنها أميركية» and
    eight telling «الغارة الإسرائيلية» are Israel's strike."""
    r1, r2 = members[0].family.roles.get(key, ("actor1", "actor2"))
    # the reports of the incident's own type tell its sides first: a coalition air strike grouped with a
    # shelling by its ground partner is the coalition's («غارات للتحالف» beside «قصف من قبل قوات غضب الفرات»)
    members = [m for m in members if m.key == key and m.roles()] or members
    by_role: dict[str, list[str]] = {}
    for m in members:
        for role, actor in m.roles():
            by_role.setdefault(role, []).append(actor)
    named = [m.ev.actor1 for m in members if m.doer()]
    if r1 != r2 and named:
        by_role[r1] = named
    if r1 == r2:  # unordered sides: the two most named
        named = by_role.get(r1, [])
        top = sorted(Counter(named), key=lambda a: (-named.count(a), named.index(a)))[:2]
        return (top + ["", ""])[0], (top + ["", ""])[1]
    return tuple(_most(by_role[r]) if by_role.get(r) else "" for r in (r1, r2))  # type: ignore[return-value]


def _fatalities(members: list[_Mention]) -> int:
    figures = [n for m in members if isinstance(n := getattr(m.ev, "fatalities", 0), int) and n > 0]
    return min(figures) if figures else 0


def _report(m: _Mention, urls: Mapping[str, str]) -> Report:
    ev = m.ev
    # a listed place's holding statement has no offsets of its own (territory reads the -1); its mention's
    # offsets are in extra["list_member"], which the popup's quote marks
    start, end = (ev.place_start, ev.place_end)
    if start < 0 and ev.extra.get("list_member"):
        start, end = ev.extra["list_member"]
    return Report(
        event_id=ev.event_id,
        article_id=ev.article_id,
        quote=ev.quote,
        quote_start=ev.quote_start,
        event_date=ev.event_date,
        date_basis=_basis(ev),
        published=ev.published,
        source=ev.source,
        url=urls.get(ev.article_id, ""),
        event_type=m.key,
        place_id=ev.place.place_id if ev.place else "",
        place_start=start,
        place_end=end,
        date_last=ev.date_last,
        fatalities=getattr(ev, "fatalities", 0) or 0,
    )


def _incident(members: list[_Mention], urls: Mapping[str, str]) -> Incident:
    members = sorted(members, key=lambda m: m.order)
    key = _pick_type(members)
    etype, sub = next((m.ev.event_type, m.ev.sub_event_type) for m in members if m.key == key)
    first, last, tp = _pick_date(members)
    place, gp = _pick_place(members)
    actor1, actor2 = _pick_actors(members, key)
    rank = {s: i for i, s in enumerate(STATUS_ORDER)}
    status = _most([m.ev.status for m in members], tie=lambda s: rank.get(s, len(rank)))
    return Incident(
        incident_id=f"inc-{members[0].ev.event_id}",
        event_type=etype,
        sub_event_type=sub,
        family=members[0].family.name,
        event_date=first,
        date_last=last,
        time_precision=tp,
        place=place,
        geo_precision=gp,
        actor1=actor1,
        actor2=actor2,
        fatalities=_fatalities(members),
        status=status,
        reports=tuple(_report(m, urls) for m in members),
    )
