"""Sentence → events: who did what, where, when, and whether it happened, is planned or was postponed.

Each sentence is cut into clauses at trigger words (a verb or noun that names an event type); each
clause gets its own actor, place, date and status. Word lists are normalised with geo/text.normalize,
so spelling variants (أ/ا, ة/ه, ى/ي, tashkeel) need no entries of their own.

Choices a user of the output should know:
- Place: the first place mention after the trigger in its clause. A mention that only locates the
  event relative to another place («شرق مدينة تدمر», «بريف الرقة», «باتجاه») is used only if nothing
  else is named, and then with geo_precision ≥ 2. Without a place in the clause an event borrows the
  place of the event before it in the same sentence, then the nearest place before the trigger.
  Talks go to their venue: a city outside Syria named soon after the trigger or just before it, else
  the venue of earlier talks in the article («إرجاء محادثات أستانا» in a headline).
  A country is used only when nothing else is named (geo_precision 3). Otherwise the event is dropped:
  an article-level "main place" is used only when one place has most of the article's mentions.
- Territory verbs (سيطر، استعاد، حرر …) give one event per place in a list
  («سيطرت على بئر حفنة وسد آرك وسلسلة جبال التدمرية» → three); government side (the Syrian
  government and its allies) → gov_regains (actor1 the Syrian government, as ACLED codes it), anyone else
  → nsa_overtakes; no actor → no event. A taking of unnamed ground («على مساحات واسعة في البلاد») borrows
  no place.
- Date: the time span in the clause; else one before the first trigger of the sentence; else that of
  the previous clause; else the previous sentence's date in the same paragraph («بعد يوم من» takes a
  day off it); else the report date: [published − 1 day, published], time_precision 2, because a
  daily report covers yesterday and today (extra["date_basis"] says which rule gave the date).
  «حالياً» in a clause also means the report date.
- Not events: intentions and negations before a trigger («تحاول … السيطرة», «لتحرير», «لم تتمكن من
  دخول»), fire control («سيطرته النارية»), held areas («مناطق سيطرة»), fighting told of a place
  outside the region (a place abroad named beside it).
- A taking whose place is only borrowed (previous clause, before the trigger) or only «around» a
  place gets geo_precision ≥ 2, so the territory stage does not hand the whole place over.
- Control statements («معقل داعش», «تحت سيطرة التنظيم») come out as events of type
  ("Strategic developments", "Other") with extra["control_statement"] = True and actor1 = holder;
  none for a place the same sentence reports taken.
- Evacuation deals («إجلاء مقاتلي داعش», «خروج الفصائل», «مغادرة رافضي التسوية») are withdrawals by the
  side named after the word (none named → actor1 empty, never the side that arranged it), from the
  place of the clause or the article's last agreement, never the destination («إلى إدلب»); what a deal
  provides for («ينص على», «تمهيداً لـ») is planned. Civilians leaving are no event.
- Attacks: «شن هجوماً», «حملة/عملية عسكرية» are clashes (a «برية وجوية» campaign also an air strike);
  «الهجوم الكيميائي», «موقع الهجوم», a bare anaphoric «الهجوم» are not. «استهدف» needs a named side
  or aircraft; its subject, not its object, is actor1. A source («مصادر في المعارضة») or the other side
  («مواجهات مع الأكراد») is never actor1; a backer («المدعومة بغارات التحالف») struck but is not
  carried on to the next clause.
- «منذ الأربعاء» runs from that day to the report. «هذه المنطقة», «هذا الجيب» take the place of the
  last event told. Talks go to a Syrian town when one is named as their venue («في مدينة بصرى الشام»)
  and no venue abroad is. «بلدات X وY وZ» after an attack verb → one event each; «ريفي حماة وحلب» → both.
- Background without a date of its own («يذكر أن …») is no event, unless told as ongoing. A share of a
  place («أكثر من 90 بالمئة من …») is taken «around» it (geo_precision ≥ 2); a present-tense holding
  («تسيطر على …») is no taking.
- Chemical attacks («هجوم كيماوي», «قصف بغاز الكلور») are ACLED's "Chemical weapon" events, kept only when
  a date follows them in the clause: the press retells one attack for weeks, and a retelling dated by
  its article would put a new attack on the map every day. actor1 only when the text says who carried
  it out («شنته قوات النظام»); accusers are not perpetrators. Told as alleged or as what reports speak of
  («المزعوم», «تقارير حول وقوع هجوم كيماوي») with nobody named, it is claimed and laid at the accused side
  (_CHEMICAL_ACCUSED, the gold guide's coding).
- Who speaks is not who acts: an actor followed by «أن/إن» after a verb of saying («أعلنت الأمم المتحدة
  أن الهجوم …») is a speaker, used as actor1 only for its own takings, advances and withdrawals; the UN
  never fights; a side named after «لطرد», «على» or as owner of targets («مواقع تابعة للنظام», «الأهداف
  الإيرانية») was attacked. An air strike with no air force named takes the article's last one, an
  evacuation with no side named the article's last evacuee.
- A news agency dateline («أتلانتا، الولايات المتحدة الأمريكية (CNN)--») gives neither actors nor places.
- Places after «باستثناء/عدا» are not taken; deal evacuations («عملية الإجلاء من …», «ممر آمن لانسحاب …»)
  and entries are one event per listed place; where a withdrawal goes («… إلى إدلب») is not where it was.
  Takings, advances and withdrawals are placed in Syria only.
- «منذ 2012» in a sentence that has another date says how long a state lasted, not when the event was;
  as a clause's only date it marks a habit («قصفت إسرائيل مراراً منذ 2011»), and no event is made.
- Deployments («أرسلت الحكومة قواتها إلى عفرين», «نشرت فرنسا 50 جندياً في منبج») are "base" events;
  prisoner exchanges and understandings («عملية تبادل», «تفاهم») are agreements.
- Not events: headline questions, a body's name («مركز المصالحة», «هيئة المفاوضات»), what may happen
  («ضربات قد تبدأ», «ضربة محتملة»), a loss told without the winner («خسر التنظيم السيطرة على …»).
- «ريف درعا» is placed at the governorate (the geoparser reads «ريف X» of a governorate capital so), and an
  article's main place joins a capital with its governorate.
- Words are data: trigger lemmas (inflected by geo/morph.py), cue sets, fatality words and actor names
  live in geo/rules/event_*.jsonl and actors.jsonl, each row with an example tests/test_rules.py runs.
- Status also failed («صدت هجوماً لقوات النظام»: actor1 the attacker; «فشلت محاولة»), denied and claimed
  (the deed right after «نفى/زعم» or in its «أن» clause; the speaker is actor1).
- A sentence with no place takes the place of its paragraph's previous event (geo_precision 2,
  place_basis "discourse"); a clause listing calendar dates gives one event per date.
- Passives («تم طرد التنظيم»): the side after the masdar is acted on; «من قبل/على يد» names the doer.
- Fatalities: ACLED's conservative count (see README), one event per count.
- Evacuated fighters with no side named are the opposition's withdrawal (the gold guide's default); the
  side that fell in a strike («وسقط العشرات من القوات … في غارات») is its target; the side a strike is laid
  at («ونسبتها دمشق إلى إسرائيل») or that notified another of it («إسرائيل أبلغت روسيا بالغارة») made it.
- Judgements are not news: the event named right after a verb of evaluation («وتمثل السيطرة على الغوطة
  انتصاراً») or judged by one after it («تحرير الرقة أصبح لحظة حاسمة»), an event after «منذ» dated by a
  bare earlier year («منذ انسحاب القوات الحكومية منها عام 2012»); such a year is not carried on.
- Meetings and visits told by their verb («التقى», «اجتمع», «زار») are talks where a venue and a side are
  named; talks about a Syrian town with no venue named are placed there («المفاوضات … بشأن استسلام دوما»).
- extra (frozen): "type_key" (EVENT_TYPES key or "control_statement"), "trigger", "trigger_start",
  "date_basis" (clause/sentence/previous_sentence/report), "actor1_basis", "place_basis"
  (clause/sentence/discourse/article).
"""

from __future__ import annotations

import bisect
import calendar
import hashlib
import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache, partial
from itertools import compress, repeat
from operator import or_
from typing import NamedTuple

from geo import eventtypes, morph
from geo.actors import CAPITALS, PARTNERS, find_actors
from geo.dates import names_month
from geo.doc import Doc, Span
from geo.fatalities import _VIOLENT, _toll_told_after, _with_fatalities
from geo.fatalities import FATALITIES_PATH as FATALITIES_PATH  # re-exported (tests/test_rules.py)
from geo.fatalities import fatality_counts as fatality_counts  # re-exported (tests)
from geo.model import EVENT_TYPES, Article, Event, Located, Mention, Place, TimeSpan
from geo.text import normalize as _normalize

# geo.text.normalize, memoised: the rules call it on the same short words over and over.
normalize = lru_cache(maxsize=8192)(_normalize)

CONTROL_TYPE = EVENT_TYPES["control_statement"]
GOVERNMENT = "Syrian government"
GOVERNMENT_SIDE = {GOVERNMENT, "Russia", "Iran", "Hezbollah"}
AIR_FORCES = {"Syrian government", "Russia", "US-led coalition", "United States", "Turkey", "Israel"}


def _cue(name: str) -> frozenset[str]:
    """A set of cue words from geo/rules/event_cues.jsonl (its row says what it does, with an example)."""
    return eventtypes.cue_words()[name]


def _trigger_forms() -> dict[str, frozenset[str]]:
    return eventtypes.trigger_forms()


# Single-word triggers, by EVENT_TYPES key (and «take»), generated from the lemmas of
# geo/rules/event_triggers.jsonl.
_WORD_TRIGGERS: dict[str, frozenset[str]] = _trigger_forms()
# Evacuation deals («إجلاء مقاتلي داعش», «خروج الفصائل»): a withdrawal by the side that leaves, but not
# when civilians leave («فتح مجال لخروج المدنيين»), nor the place they are taken to («إلى إدلب»).
_EXIT = _cue("exit")
# «عملية الإجلاء», «عمليات إخراج»: the evacuation of a deal, even with nobody named after the word.
_EVACUATION = _cue("evacuation")
_CIVILIANS = _cue("civilians")
_TO = _cue("to")
# Who leaves in a deal: fighters or a named armed side, not a delegation or a crowd.
_LEAVERS = _cue("leavers")
_TRANSFER = _cue("transfer")
_TRANSFERRED = _cue("transferred")
# How far after «نقل» the fighters moved may be named (words): «نقل المئات من عناصر التنظيم».
_TRANSFERRED_REACH = 3
# «الهجوم الكيميائي»: no fight between two sides, and not a type of the map (yet); «موقع الهجوم», «أي
# هجوم», «مسؤولية الهجوم»: talk about an attack, not the attack.
_ATTACK_NOUNS = _cue("attack_nouns")
# «معركة كلامية», «حملة إعلامية»: fights with words
_VERBAL = _cue("verbal")
_NOT_CLASH_AFTER = _cue("not_clash_after")
_FEARED_CLASH = _cue("feared_clash")
_FEARED_REACH = 2  # «المخاوف من مواجهة»: the word of fear, «من», the clash word
# What a word of fear makes planned: a clash, and a strike from afar («وتخوفا من ضربة أميركية على سوريا» in April 2018)
_FEARED_KINDS = frozenset({"armed_clash", "shelling", "air_strike"})
_NOT_CLASH_OBJECT = _cue("not_clash_object")
# An attack is told as made when it is launched or qualified as a ground assault («شنت هجوماً»,
# «هجوم بري عنيف»); a bare «الهجوم» mostly points back at one already told (often a chemical one).
_LAUNCH = _cue("launch") | _cue("resumed") | _cue("launch_masdar")  # «استأنفت … هجومها», «انطلاق الهجوم»
_LAUNCH_VERBS = _cue("launch_verbs") | _cue("resumed")
# How far before an attack noun a verb of launching may stand (tokens): past a date and «بدعم من …».
_LAUNCH_REACH = 16
# «هجوم كيماوي», «الهجمات الكيميائية», «قصف بغاز الكلور», «استخدام السلاح الكيماوي في دوما»: ACLED's
# "Chemical weapon". Mostly told again and again after the day, so one is kept only with a date of its own.
_NOT_CHEM_AFTER = _cue("not_chem_after")
_BLASTS = _cue("blasts")
_DETONATED = _cue("detonated")
_AMBUSH = _cue("ambush")
_SETTER_REACH = 3  # «نصب تنظيم الدولة كميناً»: the verb's subject, up to three words before
_DETONATED_REACH = 3  # «انفجرت سيارة مفخخة أمس», «قتل ثلاثة عناصر بعبوة ناسفة»
_MISSILE = _cue("missile")
_NOT_CLASH_BEFORE = _cue("not_clash_before")
_PURPOSE_BEFORE = _cue("purpose_before")
_PREPARING = _cue("preparing")
_PREP_REACH = 5  # «تستعد قوات النظام لشن هجوم»: the subject and «لشن» between
# «عملية», «حملة» are fighting only in military company («حملة عسكرية», «العملية التي ينفذها الجيش»),
# not «الحملة الإعلامية», «عملية تسجيل الراغبين», «عمليات انسحاب».
_OPERATION = _cue("operation")
# «تشن قوات النظام منذ 18 شباط حملة عنيفة»: a campaign one wages is military, whatever its adjective.
_WAGE = _cue("wage")
_MILITARY = _cue("military")
# What a deal provides for («ينص على مغادرة …», «تمهيداً لإجلاء …») is planned, not done.
_TERMS = _cue("terms")
_TERMS_GAP = 2  # «اتفاق يقضي بخروج», «الاتفاق الذي ينص على»: the deal word, a relative, then its terms
_TERMS_VERBS = _cue("terms_verbs")  # «يقضي», «ينص», «يتضمن»: the terms a deal word is followed by
# «تمكنت من استعادة»: «من» after «could» is no «from someone's control».
_ABLE = _cue("able")
# «من هذه المنطقة», «هذا الجيب»: the place of the previous sentence.
_DEMONSTRATIVE = _cue("demonstrative")
_PLACE_NOUNS = _cue("place_nouns")
_DESCRIBED_SETTLEMENT = _cue("described_settlement")
# Multi-word triggers: (type, words) matched as consecutive tokens (clitics allowed on the first).
_PHRASE_TRIGGERS = [(r["type"], normalize(r["phrase"]).split()) for r in eventtypes.trigger_rows("phrase")]
_BASE_VERBS = _cue("base_verbs")
_BASE_NOUN = _cue("base_noun")
# A deployment: troops or reinforcements sent somewhere («نشرت فرنسا 50 جندياً في منبج»).
_DEPLOY = _cue("deploy")
_TROOPS = _cue("troops")
_MEETING_VERBS = _cue("meeting_verbs")
_CONFERENCE = _cue("conference")
_CONFERENCE_PARTIES = _cue("conference_parties")
_CONFERENCE_REACH = 6  # «مؤتمر صحفي الثلاثاء يجمع الرئيس …»: the press word and a day before the parties
_VISIT_NOUNS = _cue("visit_nouns")
_VISIT_FRAMES = _cue("visit_frames")
_VISITS = _cue("visits") | _VISIT_NOUNS
_UNDER_DEAL = _cue("under_deal")  # «بموجب اتفاق»: the deal of the event just told
_DEAL_NAMED = _cue("deal_named")  # «اتفاق الإجلاء»: the deal's name, no evacuation told
_AHEAD_OF = _cue("ahead_of")
AHEAD_REACH = 3  # «قبل ساعات من قمة»: «قبل», the lapse and «من» before the summit word
_SUMMIT = _cue("summit")
_NOT_SUMMIT_AFTER = _cue("not_summit_after")  # «قمة أوروبية», «القمة العربية»: a bloc's own summit
_MEETING = _cue("meeting") | _SUMMIT | _MEETING_VERBS | _CONFERENCE | _VISITS
_CONTROL_NOUNS = _cue("control_nouns")
_CONTROL_PAIRS = {tuple(normalize(w) for w in r["pair"]) for r in eventtypes.trigger_rows("pair")}
# «بمناطق سيطرة», «وأحياء سيطرة»: the first word of a pair with the clitics a preposition or «و» put on it
_PAIR_CLITICS = ("", "و", "ف", "ب", "ل", "وب", "ول", "فب")
_PAIR_FIRST_FORMS = {pre + a: a for a, _ in _CONTROL_PAIRS for pre in _PAIR_CLITICS}
_PAIR_FIRST = frozenset(_PAIR_FIRST_FORMS)

# Context words (normalised) that change what a trigger means.
_NOT_TAKE_BEFORE = _cue("not_take_before")
# «وصول بعثة التحقيق», «دخلت 13 شاحنة»: arrival is an advance only when fighters arrive.
_WEAK_ADVANCE = _cue("weak_advance")
_FIGHTERS = _cue("fighters")
_REINFORCEMENTS = _cue("reinforcements")
_NAMES_NOT_TRIGGERS = _cue("names_not_triggers")  # «فيصل»: a name a clitic reading makes a trigger of
_AMOUNTS = _cue("amounts")  # «يصل إلى أكثر من …», «يصل إلى 3 ملايين»: a figure, not a place
# «ضربات استهدفت …», «حملة … استهدفت الحجر الأسود»: the verb tells of the attack already named.
_TARGETING = _cue("targeting")
_TARGETING_MASDAR = _cue("targeting_masdar")  # «استهداف»: news after «ب/ل» or _NEWS_BEFORE only
_NEWS_BEFORE = _cue("news_before")
_TITLES = _cue("titles")
_ATTACK_VERBS = _cue("attack_verbs")
_WHEN = _cue("when")
_STRUCK_FACILITIES = _cue("struck_facilities")
_THEN_RETOLD = _cue("then_retold")
_AIRCRAFT = _cue("aircraft")
# «مسلحون استهدفوا قرى …»: gunmen nobody names storm a place; a ground attack, not a shelling.
_RAIDERS = _cue("raiders")
# «تعرضت البلدة لقصف», «تصدت القوات لهجوم»: the attack is the ل-object of the verb, its subject the target
# or the defender; «مرارا», «مرات عدة»: a habit told, no one event.
_SUFFER = _cue("suffered")
_REPEL = _cue("repelled")
_HABITUAL = _cue("habitual")
_NOT_FIRST = _cue("not_first_time")
_FIRST_TIME = (normalize("المرة"), normalize("الأولى"))  # «المرة الأولى», after a negator of set not_first_time
# «وليست هذه المرة الأولى التي تهاجم فيها»: the negator, a demonstrative, «المرة الأولى», «التي», the deed's verb
_NOT_FIRST_REACH = 7
_NOT_NOW = _cue("not_now")
_STILL = _cue("still")
_SUFFER_OR_REPEL = _SUFFER | _REPEL
_RESPONSE = _cue("response")
_LIES = _cue("lies")
# «الغوطة الشرقية المحاصرة قرب العاصمة دمشق»: a place said to be near the one just named locates it.
_NEAR = _cue("near")
_BACKED = _cue("backed")
_NEAR_GAP = 5  # tokens from the end of the place before: an adjective, «قرب», a kind word
_LIES_VERB = _cue("lies_verb")
_WITNESSED = _cue("witnessed")
_WITNESS_REACH = 6  # «مناطق بالغوطة الشرقية التي تشهد قتالاً عنيفاً»: the place, «التي تشهد», an adjective
_WHERE = _cue("relative") | {normalize("حيث")}


def _locator(words: list[str], k: int) -> bool:
    """The place at token k tells where another place lies («الواقعة في X», «حيث تقع X»)."""
    lo = max(0, k - 3)
    if _any(words[lo:k], _LIES):
        return True
    return any(words[j] in _LIES_VERB and _strip(words[j - 1]) in _WHERE for j in range(max(1, lo), k))


# «أعلن التنظيم مسؤوليته عن التفجير»: the side that claims the attacks of the article carried them out.
_RESPONSIBILITY = _cue("responsibility")
# An actor named as the one who tells («مصادر في المعارضة», «وسائل إعلام تابعة للأكراد») did not act.
_SOURCE = _cue("source")
# «يذكر أن …»: background; without a date of its own it is no event of the report's days.
_BACKGROUND = _cue("background")
# …unless it tells of something going on («يشار إلى أن طائرات التحالف تستهدف …»).
_ONGOING = _cue("ongoing")
_RECENT = _cue("recent")  # «وكانت ضربات جوية على إدلب قد تسببت مؤخرا»: a pluperfect of the report's days
# «أكثر من 90 بالمئة من الغوطة»: a share of the place, not all of it.
_SHARE = _cue("share")
# Several places after one verb: «بلدات X وY وZ», «ريفي حماة وحلب».
_LIST_KINDS = _cue("list_kinds")
_AIR_WORDS = _cue("air_words")
_ATTACKS = {"shelling", "air_strike", "armed_clash", "advance"}
_VIOLENT_TRIGGERS = {"shelling", "air_strike", "armed_clash"}
_REMOTE = ("shelling", "air_strike")  # attacks from afar
_DUALS = _cue("duals")
_TOPIC = _cue("topic")
_NOT_TAKE_AFTER = _cue("not_take_after")
_NOT_ADVANCE_BEFORE = _cue("not_advance_before")
_NOT_ADVANCE_AFTER = _cue("not_advance_after")
_NEGATION = _cue("negation")
_INTENT = _cue("intent")
_NEGATION_OR_INTENT = _NEGATION | _INTENT
_ALLY_BEFORE = _cue("ally_before")
_SPONSOR_BEFORE = _cue("sponsor_before")
_FROM = _cue("from")
_AGAINST_WORD = normalize("ضد")
_HOLDER_BEFORE = _cue("holder_before")
_HEADLINE_WORDS = _cue("headline_words")
_HOLDER_REACH = 3  # «التي يسيطر عليها مسلحو المعارضة»: the holding verb, its pronoun, the side
# «حملة لطرد المقاتلين الأكراد», «هجوم على قوات النظام»: the side attacked
_AGAINST = _cue("against")
_OPPONENT_NOUNS = _cue("opponent_nouns")
_GROUP_NOUNS = _cue("group_nouns")  # «مواقع فصيل …», «مقرات تنظيم …»: the group noun before a side's name
_REF_BEFORE = _cue("ref_before")
_KIND_WORDS = _cue("kind_words")
_REF_TRIGGERS = {"ريف", "محافظة", "شرق", "غرب", "شمال", "جنوب", "قرب", "منطقة"}
_BROAD_KINDS = {"country", "governorate", "region", "river"}
_NOT_TERRITORY = {"country", "river", "lake"}  # a region («القلمون الشرقي») can be taken
_POSTPONED = _cue("postponed")
_PLANNED = _cue("planned")
_CONTRAST = _cue("contrast")
_EVALUATED = _cue("evaluated")
_EVALUATED_AFTER = _cue("judged_after")  # «تحرير الرقة أصبح لحظة حاسمة», «السيطرة على دوما تمثل انتصاراً»
_JUDGED_REACH = 4  # the masdar's object (a side, a place of one or two words), then the verb that judges it
_AGAIN = normalize(
    "إعادة"
)  # «وتشكل إعادة السيطرة على …»: the masdar of doing again, between verb and trigger
_FUTURE_STEMS = tuple(sorted(_cue("future_stems")))  # «ستنسحب», «سيجري»: geo.morph.is_future
# «الشرطة العسكرية الروسية ستدخل دوما»: the future of a trigger verb whose row gives its present stem
_TRIGGER_FUTURE_STEMS = tuple(
    sorted({normalize(r["present"])[1:] for r in eventtypes.trigger_rows("lemma") if r.get("present")})
)
_SINCE = normalize("منذ")
_RAGING = _cue("raging")
_FIGHTS_VERB = _cue("fights_verb")
_DISENGAGE = _cue("disengage")
_LEFT = _cue("left")
_INSTITUTIONS = _cue("institutions")
_LOST = _cue("lost")
_MAYBE = _cue("maybe")
_MUST_AFTER = _cue("must_after")
_STRUCK = _cue("struck")
_GROUND_FIRE = _cue("ground_fire")
_MISSILES = _cue("missiles")
_FIRED = _cue("fired")
_AIR_DEFENCE = _cue("air_defence")
_PULL = _cue("pull")
_PULLED = _cue("pulled")
_TERRITORIAL = {"gov_regains", "nsa_overtakes", "withdrawal", "advance"}
_GROUND = {"take", "advance", "armed_clash"}  # trigger kinds fought on the ground (not from the air)
_CORRIDOR = _cue("corridor")
_OWNED = _cue("owned")
_TARGETS = _cue("targets")
_EARLIER = _cue("earlier")
_CONVOYS = _cue("convoys")
_EXCEPT = _cue("except")
# «رداً على», «في أعقاب», «على خلفية», «بعد الهجوم على»: what follows is another event (answered, or the
# background), told with its own place
_REASON_BACKGROUND = _cue("reason_background")
_AFTER_ATTACK = _cue("after_attack")
_AFTER_LINK = _cue("after_attack_link")
_ATTACK_FORMS = _cue("reported_attack")
_REASON = _RESPONSE | _REASON_BACKGROUND
_RESPONSE_OR_EXCEPT = _REASON | _EXCEPT | _AFTER_ATTACK | _AFTER_LINK
_FACING = _cue("facing")
_NOW = _cue("now")
_PAST_AUX = _cue("past_aux")
_HAD_AUX = _PAST_AUX | _cue("perfect_aux")
_CAME_OUT_TO = _cue("came_out_to")
_CAME_OUT_REACH = 4  # «خرج فصيل جيش الإسلام لينفي»: the exit word, a faction's name, its «لـ» verb
_FAILURE = _cue("failure")
_DEFENDING = _cue("defending")
_DEFEND_REACH = 6  # «صدت فصائل المعارضة المسلحة صباح اليوم هجوماً»: the verb, a long subject, a time adverb
_FAILED_AFTER = _cue("failed_after")
_FAILED_AFTER_REACH = 2  # «محاولة تسلل فاشلة»: the adjective right after the attack word (or its genitive)
_LAUNCH_OR_FAILURE = _LAUNCH | _FAILURE
_CLAIM = _cue("claim")
_DENIAL = _cue("denial")
_DENIAL_OR_CLAIM = _DENIAL | _CLAIM
_DENIED_ANY = _cue("denied_any")  # «نفت روسيا شن أي غارات»: the denial's «any», no intent
_DENIED_MASDARS = _cue("denied_masdars")  # «نفى مصدر …، مساء السبت، تعرض المطار لهجوم»: what is denied
_ACCOMPANIED = _cue("accompanied")
ACCOMPANY_GAP = 3  # «، ترافقت مع قصف», «وسط قصف», «بالتزامن مع قصف»: the cue, «مع», then the second attack word
# Russia's war in Syria is told from the air: the guns and the ground assault that go with its raids
# («غارات روسية ترافقت مع قصف مدفعي») are the government's.
_GROUND_PARTNER = {"Russia": GOVERNMENT}
_AFTER_WORD = normalize("بعد")
_LAG_REACH = 2  # «بعد يوم من فشل قمة طهران»: up to two words (the failure, «انطلاق») between «من» and the trigger


def _lag_units() -> dict[str, tuple[int, int]]:
    row = next(r for r in eventtypes.read_jsonl(eventtypes.CUES_PATH) if r["set"] == "lag_units")
    return {normalize(w): (days, months) for w, (days, months) in row["lags"].items()}


_LAGS = _lag_units()  # «يومين» → (2, 0), «شهرين» → (0, 2): geo/rules/event_cues.jsonl, set lag_units
_DAYS_AFTER = re.compile(normalize(r"بعد (يوم|يومين|(\d+) أيام) من"))


class _Tok(NamedTuple):
    """One token of a sentence (a tuple: made by the hundred thousand, replaced where a trigger reads it)."""

    text: str  # normalised token
    stem: str  # with the clitic prefix that made it a trigger peeled
    prefix: str
    start: int  # original offsets
    end: int


@dataclass(slots=True)
class _Trigger:
    kind: str  # EVENT_TYPES key, "take" or "control"
    tok: int  # index of the first token
    last: int  # index of the last token
    anchor: int  # token from which the place is looked for
    cue: str


@dataclass
class _Ctx:
    """What one sentence can hand to the next and what the article has seen so far."""

    carry_date: tuple[date, date, int] | None = None
    carry_actor: str = ""
    carry_forces: str = ""  # the last side named «قوات …»: whom «القوات» alone points back at
    carry_ground: str = ""  # of the last ground event (taking, advance, clash) with an actor of its own
    carry_air: str = ""  # the air force of the article's last air strike («غارات … تابعة للنظام» told later)
    carry_leaver: str = ""  # who left in the article's last evacuation («وخرجت دفعة أخرى»)
    carry_chemical: str = ""  # the side the article's last chemical attack was laid at
    venues: list[Place] = field(default_factory=list)
    last_attack_day: date | None = None  # the last day of the article's last attack told so far
    last_attack_place: str = ""  # and the place_id it was placed at
    last_place: tuple[Located, int] | None = None  # of the last event told with a place of its own
    deal_place: tuple[Located, int] | None = None  # of the last agreement: where an evacuation starts
    para_place: tuple[Located, int] | None = None  # of the paragraph's last event with a place of its own
    sentence_place: tuple[Located, int] | None = None  # of this sentence's last event with a place of its own
    prev_sentence_place: tuple[Located, int] | None = None  # the same of the sentence just before


# ---------------------------------------------------------------- tokens and triggers


_new_tok = partial(tuple.__new__, _Tok)  # a _Tok from its fields' tuple, with no Python call per token


class _Toks(list):
    """A sentence's tokens, with the columns of their words and original starts (for bisection) beside, and
    the indices k of its «إلا أن» (words k, k+1), found when first asked for (_however_between)."""

    __slots__ = ("starts", "words", "however")


class _FewToks(dict):
    """The tokens of a sentence by index, each made when first asked for: the trigger search reads only the
    tokens that may start a trigger, and most sentences it looks at have none."""

    __slots__ = ("words", "starts", "ends")

    def __init__(self, doc: Doc, sent: Span) -> None:
        a, b = sent.first_token, sent.last_token
        self.words, self.starts, self.ends = list(doc.surfaces[a:b]), doc.starts[a:b], doc.ends[a:b]

    def __missing__(self, k: int) -> _Tok:
        w = self.words[k]
        tok = self[k] = _Tok(w, w, "", self.starts[k], self.ends[k])
        return tok


def _tokens(few: _FewToks) -> _Toks:
    """All the sentence's tokens, as mutable working copies (those a trigger set prefix/stem on kept)."""
    words = few.words
    toks = _Toks(map(_new_tok, zip(words, words, repeat(""), few.starts, few.ends)))
    for k, tok in few.items():
        toks[k] = tok
    toks.starts, toks.words, toks.however = few.starts, words, None
    return toks


_splits = morph.splits  # every (clitic, rest) reading of a word, computed once per distinct word


def _peel(word: str, forms: frozenset[str] | set[str]) -> str | None:
    for c, rest in _splits(word):
        if rest in forms:
            return c
    return None


_PHRASE_BY_FIRST: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
for _kind, _phrase in _PHRASE_TRIGGERS:
    _PHRASE_BY_FIRST.setdefault(_phrase[0], []).append((_kind, tuple(_phrase)))


_PerWord = morph.PerWord  # a word-level memo (geo/morph.py)


def _lexical_of(w: str) -> tuple:
    """What a word can be, looked up once per distinct word: (phrase starts [(clitic, kind, phrase)],
    indices of the _PAIRED heads it is, indices of the _PAIRED companions it is, a meeting word?,
    a stronghold noun?, its single-word trigger (kind, clitic) or None). One probe of the compiled
    lexicon per clitic reading."""
    readings = _splits(w)
    hits = [(pre, tag) for pre, rest in readings for tag in _lexicon().get(rest, ())]
    phrases = tuple(
        (pre, kind, phrase) for pre, rest in readings for kind, phrase in _PHRASE_BY_FIRST.get(rest, ())
    )
    if not hits and not phrases:
        return _NOTHING
    tags = {tag for _, tag in hits}
    heads = tuple(n for n in range(len(_PAIRED)) if ("head", n) in tags)
    companions = frozenset(n for n in range(len(_PAIRED)) if ("companion", n) in tags)
    word = next(
        (
            (tag[1], pre)
            for pre, tag in sorted(hits, key=lambda h: _KIND_ORDER.get(h[1], 99))
            if tag[0] == "word"
        ),
        None,
    )
    return phrases, heads, companions, ("meeting",) in tags, ("control",) in tags, word


_lexical = _PerWord(_lexical_of).__getitem__


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, tuple[tuple, ...]]:
    """Every trigger form and every paired-head/companion, meeting and stronghold word → its tags."""
    index: dict[str, list[tuple]] = {}
    for kind, forms in _WORD_TRIGGERS.items():
        for f in forms:
            index.setdefault(f, []).append(("word", kind))
    for n, (_, heads, companions, *_rest) in enumerate(_PAIRED):
        for f in heads:
            index.setdefault(f, []).append(("head", n))
        for f in companions:
            index.setdefault(f, []).append(("companion", n))
    for f in _MEETING:
        index.setdefault(f, []).append(("meeting",))
    for f in _CONTROL_NOUNS:
        index.setdefault(f, []).append(("control",))
    return {f: tuple(tags) for f, tags in index.items()}


_NOTHING = ((), (), frozenset(), False, False, None)
_KIND_ORDER = {("word", kind): n for n, kind in enumerate(_WORD_TRIGGERS)}  # first type listed wins


def _find_triggers(toks: _FewToks, actor_toks: set[int], starts: list[int]) -> list[_Trigger]:
    """The sentence's triggers, looked for at `starts` only (its tokens that may start one, in order)."""
    trigs: list[_Trigger] = []
    words = toks.words
    i, c = 0, 0
    while True:
        while c < len(starts) and starts[c] < i:
            c += 1  # the words a kept trigger spans, or the one just tried
        if c == len(starts):
            break
        i = starts[c]
        if i in actor_toks:
            i += 1
            continue
        w = words[i]
        lex = _lexical(w)
        if lex is _NOTHING and w not in _PAIR_FIRST:
            i += 1
            continue
        phrases, heads, _, meeting, control, word = lex
        hit = None
        for pre, kind, phrase in phrases:
            n = len(phrase)
            if tuple(words[i + 1 : i + n]) == phrase[1:]:
                toks[i] = _new_tok((w, w, pre, toks.starts[i], toks.ends[i]))
                hit = _Trigger(kind, i, i + n - 1, i + n - 1, " ".join(words[i : i + n]))
                break
        if hit is None and heads:
            hit = _paired(words, i, heads)
        if hit is None and meeting:
            hit = _Trigger("talks", i, i, i, w)  # kept only if a venue is named (see _place_for)
        if hit is None and control:
            hit = _Trigger("control", i, i, i, w)
        if (
            hit is None
            and i + 1 < len(words)
            and w in _PAIR_FIRST_FORMS
            and (_PAIR_FIRST_FORMS[w], _strip(words[i + 1])) in _CONTROL_PAIRS
        ):
            hit = _Trigger("control", i, i + 1, i + 1, w + " " + words[i + 1])
        if hit is None and word is not None:
            kind, pre = word
            toks[i] = _new_tok((w, w[len(pre) :], pre, toks.starts[i], toks.ends[i]))
            hit = _Trigger(kind, i, i, i, w)
        if hit is not None and _keep(hit, toks, words, trigs, actor_toks):
            if trigs and _weapon_of(trigs[-1], hit, toks, words):
                trigs[-1] = _Trigger(hit.kind, trigs[-1].tok, trigs[-1].last, trigs[-1].anchor, trigs[-1].cue)
            else:
                trigs.append(hit)
            i = hit.last + 1
        else:
            i += 1
    return trigs


_WEAPON_MEANS = _cue("weapon_means")
# «هجوما عسكريا ضد نظام الأسد بإطلاق 59 صاروخا»: an adjective, the target, the means, a count
_MEANS_FOLD_REACH = 8


def _weapon_of(prev: _Trigger, hit: _Trigger, toks: _FewToks, words: list[str]) -> bool:
    """«شنت هجوما عسكريا … بإطلاق 59 صاروخا»: the missiles are the attack's weapon; the attack noun takes
    their type and they make no second event."""
    return (
        hit.kind == "shelling"
        and prev.kind in _VIOLENT_TRIGGERS
        and toks[prev.tok].stem in _ATTACK_NOUNS
        and hit.tok - prev.last <= _MEANS_FOLD_REACH
        and _any(words[prev.last + 1 : hit.tok], _WEAPON_MEANS)
    )


# A head word that makes an event only with a companion a few words on: (kind, heads, companions, window,
# whether the companion ends the trigger). «نقلت … إلى قاعدة», «أرسلت الحكومة قواتها», «هجوم كيماوي».
_PAIRED = tuple(
    (
        r["type"],
        _cue(r["head"]),
        _cue(r["companion"]),
        r["window"],
        r["ends_at_companion"],
        r.get("place_from"),
        r.get("no_relative_between", False),
    )
    for r in eventtypes.trigger_rows("head")
)


def _paired(words: list[str], i: int, heads: tuple[int, ...]) -> _Trigger | None:
    for n in heads:
        kind, _, companions, window, ends, place_from, no_relative = _PAIRED[n]
        # a word that reads as a companion of head n is a clitic form of one (n in its _lexical(w)[2])
        companion_forms = _clitic_forms(companions)
        hi = min(i + window, len(words))
        if companion_forms.isdisjoint(words[i + 1 : hi]):
            continue  # no companion in reach (most heads): one set test
        for j in range(i + 1, hi):
            if no_relative and words[j] in _RELATIVE:
                break  # «باتت المناطق التي تسيطر عليها»: the companion is in a description
            if words[j] in companion_forms and _strip(words[j - 1]) != _ON:  # «على يد»: the doer, no hand
                # «سقوط مدينة عفرين في أيدي تركيا»: the place is told between head and companion
                return _Trigger(kind, i, j if ends else i, i if place_from == "head" else j, words[i])
    return None


def _air_defence(words: list[str], i: int, last: int) -> bool:
    near = words[max(0, i - 5) : i] + words[last + 1 : last + 4]
    pairs = zip(near, near[1:], strict=False)
    return _any(near, _AIR_DEFENCE) or any(
        b.startswith(_AIR_ADJECTIVE) and _strip(a) == _DEFENCE for a, b in pairs
    )


_DEFENCE, _AIR_ADJECTIVE = normalize("الدفاع"), normalize("الجوي")  # «الدفاع الجوي»


def _strip_of(w: str) -> str:
    return w[1:] if w[:1] in ("و", "ف") and len(w) > 3 else w


_strip = _PerWord(_strip_of).__getitem__  # a leading و/ف off a word long enough, once per word


# «الآن», «والآن»: the words whose _strip is a word of now, for one set test over a clause
_NOW_FORMS = frozenset(w for w in _NOW if _strip(w) == w) | {
    c + w for c in "وف" for w in _NOW if len(c + w) > 3
}


def _bare(words: list[str]) -> set[str]:
    """The words and their readings without a clitic («بإنهاء» → «إنهاء»)."""
    return set().union(*map(_rests, words))


def _not_first_time(words: list[str], i: int) -> bool:
    """«ليست (هذه) المرة الأولى التي …» in the _NOT_FIRST_REACH words before words[i]: the deed is told of earlier
    times (a habit), not as one event."""
    lo = max(0, i - _NOT_FIRST_REACH)
    forms = _clitic_forms(_NOT_FIRST)
    if forms.isdisjoint(words[lo:i]):
        return False  # (most triggers: one set test of the words before)
    return any(
        tuple(words[k + 1 : k + 3]) == _FIRST_TIME or tuple(words[k + 2 : k + 4]) == _FIRST_TIME
        for k in range(lo, i)
        if words[k] in forms
    )


def _any(words: list[str], cue: frozenset[str]) -> bool:
    """Some word, or a reading of it without a clitic, is in `cue`: `_bare(words) & cue`, as one set test
    of the words against the cue's clitic forms (_clitic_forms)."""
    return not _clitic_forms(cue).isdisjoint(words)


def _rests_of(w: str) -> frozenset[str]:
    return frozenset(rest for _, rest in _splits(w))


_rests = _PerWord(_rests_of).__getitem__  # the word and its readings without a clitic, once per word


# Every word that is, or reads without a clitic as, a word of a cue (geo.morph.clitic_forms), so that
# `not _rests(w).isdisjoint(cue)` is `w in _clitic_forms(cue)`; made once per cue set (a frozenset caches its hash).
_clitic_forms_of = morph.clitic_forms
_clitic_forms = _PerWord(_clitic_forms_of).__getitem__


def _near(words: list[str], i: int, n: int, cue: frozenset[str]) -> bool:
    """A word of `cue` within n words either side of token i."""
    return _any(words[max(0, i - n) : i], cue) or _any(words[i + 1 : i + 1 + n], cue)


_CLAIMED_ONLY = eventtypes.claimed_only()  # bombings, assassinations (geo/rules/event_types.jsonl)
_OWNER_REACH = 2  # «بسيارة تابعة لقسد», «يستهدف قوات النظام»: the owner or targeting word, then the side
_FELL_REACH = 4  # «قتل 14 مقاتلا من قوات النظام»: the word of dying, a count and its noun, then the side
_TARGET_POSTS = _cue("target_posts")  # «حاجزا لقوات النظام», «بدورية للجيش التركي»: the side hit
_MEMBER_VICTIMS = _cue("member_victims")  # «قياديا في هيئة تحرير الشام»: the victim's side
_MEMBER_REACH = 3  # «القيادي البارز في هيئة تحرير الشام»: the man, a title, «في», then the side
_ASSASSINATED = _cue("assassinated") | _cue("casualties")  # «اغتيل القيادي …», «مقتل قيادي …» before the bomb


def _claimed_only_roles(t: _Trigger, a1: str, basis: str, hits: list, words: list[str]) -> tuple[str, str]:
    """(actor1, target) of a bombing: no maker carried from the sentences before; the side that fell in it
    («قتل 12 مقاتلا من قوات النظام جراء انفجار سيارة مفخخة»), or that it targeted or whose car or post it
    hit, named after the trigger («انفجرت عبوة ناسفة بسيارة تابعة لقسد», «التفجير الانتحاري … يستهدف قوات
    النظام»), is its target."""
    hit = next(
        (
            h
            for h in hits
            if (h.tok > t.last and _any(words[max(0, h.tok - _OWNER_REACH) : h.tok], _OWNED))
            or (
                h.tok < t.tok
                and _last_of(words, max(0, t.tok - _VICTIM_REACH), h.tok, _CASUALTIES) is not None
            )
            or (
                h.tok < t.tok and _last_of(words, max(0, h.tok - _FELL_REACH), h.tok, _CASUALTIES) is not None
            )
            or (h.tok > t.last and _any(words[max(0, h.tok - _OWNER_REACH) : h.tok], _TARGETING))
            or (h.tok > t.last and _post_of(h.tok, words))
            or (h.tok > t.last and _any(words[max(0, h.tok - _MEMBER_REACH) : h.tok], _MEMBER_VICTIMS))
            or (h.tok < t.tok and _member_killed(h.tok, words))
        ),
        None,
    )
    a1 = "" if basis == "previous" or (hit is not None and hit.key == a1) else a1
    return a1, hit.key if hit is not None else ""


def _member_killed(i: int, words: list[str]) -> bool:
    """The side at word i is a killed man's, told before the bomb («اغتيل القيادي البارز في هيئة تحرير الشام
    بتفجير عبوة»): a word of his side's man within _MEMBER_REACH before it, a word of killing just before."""
    k = _last_of(words, max(0, i - _MEMBER_REACH), i, _MEMBER_VICTIMS)
    return k is not None and k > 0 and _any(words[max(0, k - _OWNER_REACH) : k], _ASSASSINATED)


def _post_of(i: int, words: list[str]) -> bool:
    """The side at word i is told in «ل» after a post, convoy or vehicle noun («حاجزا لقوات النظام», «بدورية
    للجيش التركي», «حاجز عسكري لقوات النظام»): whose post it is."""
    return _strip(words[i]).startswith("ل") and _any(words[max(0, i - _OWNER_REACH) : i], _TARGET_POSTS)


def _blast(t: _Trigger, toks) -> bool:
    """A bombing («انفجرت سيارة مفخخة», «عبوة ناسفة»): a clash word of the «blasts» cue."""
    return t.kind == "armed_clash" and toks[t.tok].stem in _BLASTS


def _evaluated(t: _Trigger, words: list[str], prev: str) -> bool:
    """«وتمثل السيطرة على الغوطة انتصاراً», «وتشكل إعادة السيطرة على معبر نصيب أولوية»: the event is the
    topic of a verb of evaluation; not «التي تعد معقل داعش», a holding told so."""
    i = t.tok
    if t.kind == "control":
        return False
    noun = _strip(words[i]).startswith("ال") or words[i] in _clitic_forms(_NOUN_TRIGGERS)
    if noun and _any(words[t.last + 1 : t.last + 1 + _JUDGED_REACH], _EVALUATED_AFTER):
        return True  # «تحرير الرقة أصبح لحظة حاسمة»: the masdar is the judged subject
    if i == 0:
        return False
    return _any([words[i - 1]], _EVALUATED) or (
        prev == _AGAIN and _any(words[max(0, i - 2) : i - 1], _EVALUATED)
    )


# How far back the fighters or forces a pronoun of «سحبهم» stands for may be named (tokens): «مستشارين إيرانيين
# ومسلحين من حزب الله اللبناني سيتم سحبهم».
_PULLED_REACH = 8


def _pulled_pronoun(stem: str, words: list[str], i: int, actor_toks: set[int]) -> bool:
    """«سيتم سحبهم»: the masdar's pronoun is the pulled, forces, fighters or an armed side named just before
    (_PULLED, _LEAVERS, an actor), as «سحبت تركيا قواتها» names them after."""
    if not stem.endswith(("هم", "ها", "ه")):
        return False
    before = words[max(0, i - _PULLED_REACH) : i]
    return _any(before, _PULLED | _LEAVERS) or any(i - _PULLED_REACH <= k < i for k in actor_toks)


def _framed_by_deal(t: _Trigger, clause_end: int, toks: _FewToks, spots: list):
    """«بموجب اتفاق …، قام النظام بنقل المسلحين من حوض اليرموك إلى البادية»: a deal fronted by «بموجب» (set
    under_deal) frames the event the sentence tells next (its trigger opens the clause after the deal's), and
    is the deal of the first place in Syria named in that event's words, up to «إلى» (where they went is not
    where the deal was made); None when there is none («بموجب اتفاق … الموقع في دمشق»: its own clause's)."""
    if clause_end >= len(toks) or not _any(toks.words[max(0, t.tok - 2) : t.tok], _UNDER_DEAL):
        return None
    if _deal_word(toks.words[clause_end]):
        return None  # «بموجب اتفاق وقف إطلاق النار»: the deal's own name goes on, no event framed
    to = next((k for k in range(clause_end, len(toks)) if _any([toks[k].text], _TO)), len(toks))
    return next(
        (sp for sp in spots if clause_end <= sp.tok < to and sp.loc.place.country == "SY" and sp.loc.place.kind != "country"),
        None,
    )


def _deal_word(w: str) -> bool:
    """A word that starts a deal trigger («وقف» of «وقف إطلاق النار», «هدنة»)."""
    phrases, *_, word = _lexical(w)
    return any(kind == "agreement" for _, kind, _ in phrases) or (word is not None and word[0] == "agreement")


def _fighters_named(h, words: list[str]) -> bool:
    """«خروج مسلحي داعش», «نقل عناصر التنظيم»: the side named right after the fighters moved out (set
    transferred) is the one that leaves, though «مسلحي» marks it as the side hit after an attack word."""
    return h.role == "opponent" and h.tok > 0 and _strip(words[h.tok - 1]) in _TRANSFERRED


def _exit_before(words: list[str], i: int) -> bool:
    """An exit verb in the _ARRIVAL_REACH words before words[i] («الذين غادروا القنيطرة … قد وصلوا»); a
    transfer verb only with the fighters it moves («نقلت وسائل إعلام أن القوات ستبدأ دخول عفرين»: news)."""
    return any(
        _any([words[k]], _EXIT) and (not _any([words[k]], _TRANSFER) or _transferred(words, k))
        for k in range(max(0, i - _ARRIVAL_REACH), i)
    )


def _transferred(words: list[str], last: int) -> bool:
    """«نقل مسلحي داعش», «نقل المئات من عناصر التنظيم»: the transfer verb names fighters moved right after it."""
    return _any(words[last + 1 : last + 1 + _TRANSFERRED_REACH], _TRANSFERRED)


def _framed_visit(words: list[str], i: int) -> bool:
    """«خلال زيارة», «بعد ساعات من زيارة»: the visit noun, with no clitic of its own, after a word that makes it
    the time of what is told (set visit_frames)."""
    return words[i] in _VISIT_NOUNS and i > 0 and _strip(words[i - 1]) in _VISIT_FRAMES


_VESSELS = _cue("vessels")
_VESSEL_REACH = 3  # «سفنا عسكرية روسية غادرت», «إخلاء قاعدة طرطوس البحرية»: two words between
_DEBATED = _cue("debated")
_LAUNCH_MASDARS = _cue("launch_masdars")


def _debated(words: list[str], i: int) -> bool:
    """«بشأن توجيه ضربة», «حول شن هجوم»: the launching of an attack is the topic of talk or of a decision
    (the gold's «planned»), not a strike made."""
    return i > 1 and _any(words[i - 1 : i], _LAUNCH_MASDARS) and _any(words[i - 2 : i - 1], _DEBATED)


def _keep(
    t: _Trigger, toks: _FewToks, words: list[str], before: list[_Trigger], actor_toks: set[int]
) -> bool:
    """Drop triggers whose context says they are not an event at all."""
    i = t.tok
    if words[i] in _NAMES_NOT_TRIGGERS:
        return False  # «فيصل المقداد»: a name, not «ف» + «يصل»
    prev = _strip(words[i - 1]) if i > 0 else ""
    nxt = words[t.last + 1] if t.last + 1 < len(words) else ""
    nxt2 = words[t.last + 2] if t.last + 2 < len(words) else ""
    if (
        t.kind == "shelling"
        and toks[i].stem in _MISSILES
        and not (
            _near(words, i, 4, _FIRED)
            or _shot_down(words, i)
            or not _AIMED_AT.isdisjoint(words[t.last + 1 : t.last + 4])  # «صاروخاً على/ضد أهداف»
            or toks[i].prefix.endswith("ب")  # «لعدوان بصواريخ معادية»: by missiles
        )
    ):
        return False  # «تمتلك إيران صواريخ»: arms owned, none fired
    if t.kind == "shelling" and _air_defence(words, i, t.last) and not _shot_down(words, i):
        return False  # «أطلقت وحدات الدفاع الجوي صواريخ أرض جو»: fire at aircraft, not at the ground
    if (
        t.kind == "shelling"
        and toks[i].stem in _STRUCK
        and not _any(words[t.last + 1 : t.last + 5], _TARGETS)
    ):
        return False  # «ضرب» hits something named as a target («ضرب عشرات الأهداف»), not «ضرب مثلاً»
    if (
        t.kind == "withdrawal"
        and toks[i].stem in _PULL
        and not _any(words[t.last + 1 : t.last + 4], _PULLED)
        and not _pulled_pronoun(toks[i].stem, words, i, actor_toks)
    ):
        return False  # «سحب السفير», «سحب الثقة»: no ground or arms pulled back
    if t.kind == "withdrawal" and toks[i].stem in _TRANSFER and not _transferred(words, t.last):
        return False  # «نقلت وكالة سانا عن مصدر», «نقل الجرحى»: news passed on, nobody armed moved out
    exit_ = t.kind == "withdrawal" and toks[i].stem in _EXIT
    if exit_ and _near(words, i, 3, _CIVILIANS):
        return False  # «فتح مجال لخروج المدنيين»: people fleeing, no side giving ground
    if exit_ and _near(words, i, _VESSEL_REACH, _VESSELS):
        return False  # «سفنا عسكرية روسية غادرت ميناء طرطوس»: ships put to sea
    if exit_ and not (
        _any(words[t.last + 1 : t.last + 5], _LEAVERS)
        or any(i < k <= i + 4 for k in actor_toks)
        or _any(words[max(0, i - 3) : i], _LEAVERS)  # «المقاتلين الذين يغادرون»
        or any(i - 3 <= k < i for k in actor_toks)  # «المعارضون الذين غادروا»
        or _any([prev], _EVACUATION)  # «بدأت عملية الإجلاء من القلمون الشرقي»
        or _emptied_of(words, t.last, actor_toks)  # «إخلاء بلدات عربين وزملكا من مقاتلي فيلق الرحمن»
        or (nxt in _LIST_KINDS and toks[i].stem in _LEFT)  # «من غادروا بلدات جوبر وزملكا»
    ):
        return False  # «خروج الوضع عن السيطرة», «تظاهرة خرجت»: nobody armed leaves
    if t.kind == "armed_clash" and _any([nxt], _NOT_CLASH_OBJECT):
        return False  # «برفض مواجهة الواقع»: no enemy faced
    if t.kind == "armed_clash" and toks[i].stem in _ATTACK_NOUNS:
        if _any(words[t.last + 1 : t.last + 4], _NOT_CLASH_AFTER):
            return False
        if _any([prev], _NOT_CLASH_BEFORE) and not (_any([prev], _DENIED_ANY) and _said(t, words, _DENIAL)):
            return False  # «موقع الهجوم», «أي هجوم»; not «نفى الجيش التركي شن أي هجوم» (denied)
        launched = (
            _near(words, i, 3, _LAUNCH_OR_FAILURE)
            or _any(words[max(0, i - _FAILURE_WINDOW) : i], _FAILURE)  # «صدت الفصائل المسلحة، أمس، هجوماً»
            or _launched_earlier(words, i, before, actor_toks=actor_toks)
            or _suffered(words, i, before) is not None
            or _died_in(toks, words, i, before)
            or _resulted_in(toks, words, i)
            or _any(words[max(0, i - _DEFEND_REACH) : i], _POSTPONED)  # «أرجأت قوات النظام هجومها المرتقب»
        )
        if not launched and not _any([nxt], _AIR_WORDS):
            return False
    if _evaluated(t, words, prev):
        return False  # «وتمثل السيطرة على الغوطة الشرقية انتصاراً»: a judgement of the event, not news of it
    if t.kind == "chemical_weapon":
        after = _bare(words[t.last + 1 : t.last + 3])
        return not (
            after & _NOT_CHEM_AFTER or words[i].startswith(("لاست", "ولاست"))
        )  # «لاستخدام»: a purpose
    if t.kind == "armed_clash" and _any([nxt], _VERBAL):
        return False
    if t.kind == "armed_clash" and prev in _PURPOSE_BEFORE and not _prepared(t, words):
        return False  # «أرسلت تعزيزات لشن هجوم»: the attack is aimed at, not made
    purpose = (
        t.kind in ("take", "advance", "agreement", "withdrawal", "armed_clash")
        and toks[i].prefix.endswith("ل")
        and _suffered(words, i, before) is None  # «تعرضت البلدة لهجوم», «تصدت لهجوم»: the ل of the object
    )
    corridor = t.kind == "withdrawal" and _any(words[max(0, i - 3) : i], _CORRIDOR)
    carried_out = t.kind == "agreement" and _any([prev], _UNDER_DEAL)  # «تنفيذا للاتفاق»: the deal is made
    if purpose and not (exit_ and prev in _TERMS) and not corridor and not carried_out:
        return False  # «لتحرير», «للسيطرة»: purpose, not fact; «تمهيداً لإجلاء» is a planned exit
    operation = t.kind == "armed_clash" and toks[i].stem in _OPERATION
    if operation and _lexical(nxt)[5] is not None and _lexical(nxt)[5][0] in ("agreement", *_REMOTE):
        return False  # «عملية التبادل», «حملة قصف عنيفة»: the operation is the exchange, the shelling
    if operation and (not (_military(words, i, before) or _own_operation(toks, i, actor_toks)) or nxt.startswith("ل")):
        return False  # «أطلقت قسد عملية لتحرير الرقة»: the goal is no event yet
    if t.kind == "take":
        if nxt in _NOT_TAKE_AFTER:
            return False
        if prev in _RELATIVE and toks[i].prefix == "" and not toks[i].stem.startswith("ال"):
            return False  # «الأراضي التي سيطر عليها في 2014»: the land described, no taking told
        able = prev == _MIN and any(_strip(w) in _ABLE for w in words[max(0, i - 10) : i - 1])
        joined_verb = toks[i].prefix in ("و", "ف") and not toks[i].stem.endswith("ه")  # «مناطق وسيطرت»: a new verb
        if prev in _NOT_TAKE_BEFORE and not joined_verb and not (prev == _MIN and (toks[i].stem.startswith("ال") or able)):
            return False  # «من سيطرة داعش» is a state; «تمكنوا من السيطرة على» is a taking
        if toks[i].stem.endswith(_CONTROL_MASDAR) and any(
            b.kind == "take" and i - b.last <= 5 for b in before
        ):
            return False  # «استعاد … السيطرة على»: one event
    if t.kind == "advance" and (prev in _NOT_ADVANCE_BEFORE or nxt in _NOT_ADVANCE_AFTER):
        return False
    if t.kind == "advance" and toks[i].stem in _WEAK_ADVANCE:
        if nxt in _TO and (nxt2[:1].isdigit() or _strip(nxt2) in _AMOUNTS or nxt2 in _AMOUNTS):
            return False  # «وما يصل إلى 3 ملايين مدني»: an amount reached, no one arriving
        if _visit(words, i):
            return False  # «ووصل ظريف إلى دمشق لإجراء محادثات»: a visit, told as the talks
        near = words[max(0, i - 4) : i] + words[i + 1 : i + 5]
        if _any(near, _REINFORCEMENTS):
            return False  # «وصلت تعزيزات عسكرية إلى قسد»: a deployment behind the lines, no ground taken
        if _any(words[i + 1 : i + 4], _CONVOYS):
            return False  # «دخول أولى الحافلات إلى مناطق سيطرة القوات الحكومية»: buses, not troops
        if _exit_before(words, i):
            return False  # «الذين غادروا القنيطرة … قد وصلوا إلى إدلب»: evacuees arriving, no advance
        if not any(_strip(w) in _FIGHTERS or w in _FIGHTERS for w in near) and not any(
            i - 4 <= k <= i + 4 and not (k > 0 and words[k - 1] in _TO) for k in actor_toks
        ):  # «ووصل إلى اسرائيل في 21 مايو 1960»: a state arrived at is no mover
            return False
    if t.kind == "talks" and not _rests(words[i]).isdisjoint(_VISIT_NOUNS) and not _framed_visit(words, i):
        return False  # «لفت إلى زيارة …», «اهتمت الصحف بزيارة …»: a visit referred to, not told as a time
    if i > 0 and words[i - 1] in _clitic_forms(_INSTITUTIONS):
        return False  # «مركز المصالحة», «وفقا لمركز المصالحة», «غرفة العمليات»: a body's name, not an event
    if t.kind == "take" and _any(words[max(0, i - 2) : i], _LOST):
        return False  # «خسر التنظيم السيطرة على البوكمال»: who lost is named, not who took
    after = words[t.last + 1 : t.last + 3]
    if any(_strip(w) in _MUST_AFTER for w in after[:1]):
        return False  # «الصواريخ يجب أن تستهدف الإرهابيين»: what should be struck, no strike
    if any(w in _MAYBE for w in after) or (
        after[:1] == [_QAD] and len(after) > 1 and after[1][:1] in ("ي", "ت", "ن")
    ):
        return False  # «ضربات قد تبدأ مساء الخميس», «ضربة محتملة»: may happen
    if (
        t.kind == "talks"
        and not _rests(words[i]).isdisjoint(_CONFERENCE)
        and not _any(words[t.last + 1 : t.last + 1 + _CONFERENCE_REACH], _CONFERENCE_PARTIES)
    ):
        return False  # «وقال الوزير في مؤتمر صحفي في جنيف»: one speaker's conference, no talks
    if t.kind == "withdrawal" and toks[i].stem.startswith("ال") and i > 0 and _any(words[i - 1 : i], _DEAL_NAMED):
        return False  # «وبناء على اتفاق الإجلاء»: the deal named by what it provides for
    if t.kind == "talks" and not _rests(words[i]).isdisjoint(_SUMMIT):
        if _any(after[:1], _NOT_SUMMIT_AFTER):
            return False  # «قمة أوروبية في بروكسل»: a bloc's summit, no talks of this war
        if _any(words[max(0, i - AHEAD_REACH) : i], _AHEAD_OF):
            return False  # «قبل ساعات من قمة حاسمة في طهران»: the time of the news told, no summit told
    if t.kind == "agreement" and _strip(nxt) in _EARLIER:
        return False  # «وفق اتفاقات سابقة»: deals of before, told as background
    if t.kind == "armed_clash" and prev in _DISENGAGE:
        return False  # «قوة مراقبة فض الاشتباك»: a UN force's name, no fighting
    if t.kind == "armed_clash" and prev == _IN and toks[i].stem in _FACING:
        return False  # «في مواجهة هجوم دوما»: in the face of
    if t.kind == "armed_clash" and nxt == _AGAINST_WORD and nxt2 == _TERRORISM:
        return False
    if t.kind == "armed_clash" and toks[i].stem in _FIGHTS_VERB and {prev, words[i - 1]} & _DESCRIBING:
        return False  # «الجماعات المسلحة التي تقاتل في الغوطة»: who they are, not a fight told
    if t.kind == "armed_clash" and toks[i].stem in _FIGHTS_VERB and nxt in _WITH_OR_TO:
        return False  # «عميد يقاتل مع القوات السورية»: a description of the speaker
    if (
        t.kind == "shelling"
        and toks[i].stem in _TARGETING
        and any(b.kind in ("air_strike", "shelling", "armed_clash") and i - b.last <= 8 for b in before)
    ):
        return False
    if t.kind == "shelling" and toks[i].stem in _TARGETING and _attack_word(nxt):
        return False  # «استهدفت غارات تركية مواقع …»: the strike is told by its noun, the verb's subject
    if (
        t.kind == "shelling"
        and toks[i].stem in _TARGETING_MASDAR
        and not (toks[i].prefix or prev in _NEWS_BEFORE)
    ):
        return False  # «نفت أنقرة استهداف المدنيين»: the masdar as a verb's object; «باستهداف», «عن استهداف» tell it
    if toks[i].stem in _ATTACK_VERBS and _any(words[max(0, i - 1) : t.last + 2], _TITLES):
        return False  # «وهاجم الرئيس السوري …»: an attack in words
    if t.kind == "shelling" and toks[i].stem in _TARGETING:
        lead = _bare(words[max(0, i - 3) : i])
        subject = lead | _bare(words[t.last + 1 : t.last + 2])  # «مسلحون استهدفوا», «استهدف مسلحون»
        if lead & (_ATTACK_NOUNS | _BLASTS) or not (
            subject & _AIRCRAFT  # «استهدفت طائرات حربية بلدة …», «استهدفت المروحيات …» (VSO)
            or subject & _RAIDERS
            or any(i - 3 <= k <= i + 3 and k != i for k in actor_toks)
            or _struck_facility(t, toks, words)
        ):
            return False  # «انفجار استهدف سيارة», «الهجوم استهدف»: no side fires; a named one must
    if (
        t.kind == "air_strike"
        and t.last > t.tok
        and any(b.kind in ("air_strike", "shelling") and i - b.last <= 4 for b in before)
    ):
        return False  # «والقصف من قبل الطائرات الحربية»: one strike
    if _blast(t, toks) and not _near(words, i, _DETONATED_REACH, _DETONATED):
        return False  # «حرمت التنظيم استخدام ألغام وعبوات ناسفة»: no device went off
    return not (t.kind == "control" and prev in _PAST_AUX)


# ---------------------------------------------------------------- per-clause decisions


# How far before an attack word «تعرض/تصدى» may stand (tokens): its subject between them («وتعرضت مواقع
# قوات النظام في بلدة مورك لهجوم»).
_SUFFER_REACH = 8
# How far back an exit verb makes «وصل/دخل» the arrival of those who left (tokens): the leavers, the place
# left and the deal they left under («الذين غادروا القنيطرة في إطار اتفاق أبرمته المعارضة مع روسيا، قد وصلوا»).
_ARRIVAL_REACH = 14


_PLACE_KINDS = _LIST_KINDS | _KIND_WORDS  # «بلدات», «مدينة» …: what an evacuation empties


# The trigger nouns generated from the lemma rows' «noun» («سيطرة», «السيطرة», «انسحاب» …), not their verbs.
_MASDARS = frozenset().union(
    *(
        morph.noun_forms(normalize(r["noun"]), suffixes=r.get("suffixes", False), dual=r.get("dual", False))
        for r in eventtypes.trigger_rows("lemma")
        if r.get("noun")
    )
)
# Trigger words that are nouns (masdars and the forms rows list: «تحرير», «سيطرة», «إجلاء»), not verbs.
_NOUN_TRIGGERS = _MASDARS | frozenset(
    normalize(f) for r in eventtypes.trigger_rows("lemma") for f in r.get("forms", ())
)
# How far back a deal's «يتضمن/ينص على» may head the list a first trigger of the sentence closes (tokens).
_TERMS_REACH = 40


def _listed_term(toks: _Toks, text: str, k: int) -> bool:
    """«ويتضمن الاقتراح … تسليم الفصائل سلاحها، مع عودة المؤسسات ورفع العلم وسيطرة قوات النظام على معبر
    نصيب»: a masdar joined by «و» to a list that a word of terms opens earlier in the sentence, with no
    sentence break between, is one more thing the deal provides for."""
    if not toks[k].text.startswith("و") or toks[k].stem not in _MASDARS:
        return False
    lo = max(0, k - _TERMS_REACH)
    head = _last_of(toks.words, lo, k, _TERMS)
    return head is not None and not any(c in ".؟!" for c in text[toks[head].end : toks[k].start])


def _emptied_of(words: list[str], last: int, actor_toks: set[int]) -> bool:
    """«إخلاء بلدات عربين وزملكا وعين ترما من مقاتلي فيلق الرحمن»: the places evacuated are named first
    (after a word of kind), then «من» and the side that leaves them (fighters, or a side's name), within
    _LEAVER_REACH words."""
    if last + 1 >= len(words) or _strip(words[last + 1]) not in _PLACE_KINDS:
        return False  # «إجلاء ستة آلاف شخص من مقاتلين ومدنيين»: «من» of a count, not of places left
    for k in range(last + 1, min(len(words) - 1, last + _LEAVER_REACH)):
        if words[k] == _MIN and (k + 1 in actor_toks or _any(words[k + 1 : k + 2], _LEAVERS)):
            return True
    return False


def _suffered(words: list[str], i: int, before: list[_Trigger]) -> int | None:
    """The token of «تعرض» (suffered) or «تصدى» (repelled) whose ل-object is the attack word at i, in its
    clause; None if there is none."""
    lo = max(0, i - _SUFFER_REACH, before[-1].last + 1 if before else 0)
    return _last_of(words, lo, i, _SUFFER_OR_REPEL)


_QAD = normalize("قد")
_ON = normalize("على")
_IN = normalize("في")
_MIN = normalize("من")
_CONTROL_MASDAR = normalize("سيطرة")
_TERRORISM = normalize("الإرهاب")
_WITH_OR_TO = (normalize("مع"), normalize("إلى"))
_AIMED_AT = frozenset(normalize(w) for w in ("على", "ضد"))  # missiles «على/ضد» targets were fired at them


def _pluperfect(words: list[str]) -> bool:
    """«وكانت قوات النظام قد سيطرت على …» opening a sentence: background. Not when what «كان … قد» tells
    is a saying («وكانت مصادر قد قالت إن غارة استهدفت …»): the news is in what was said."""
    if not (_any(words[:1], _PAST_AUX) and _QAD in words[1:8]):
        return False
    k = words.index(_QAD, 1)
    return not _any(words[k + 1 : k + 2], _SAY)


def _military(words: list[str], i: int, before: list[_Trigger]) -> bool:
    """«حملة عسكرية», «العملية التي ينفذها الجيش», «تشن … حملة عنيفة»: an operation of war."""
    if _any(words[i + 1 : i + 2], _CIVIL_WORK):
        return False  # «أطلقت الأمم المتحدة عملية تسجيل اللاجئين»: an operation of another kind
    if _near(words, i, _MILITARY_REACH, _MILITARY) or _launched_earlier(words, i, before, _WAGE):
        return True
    k = i + 1 + (words[i + 1 : i + 2] == [_WHICH_FEM])  # «عملية بدأت …», «العملية التي بدأتها …»
    # «في إطار عملية بدأت منذ نحو شهرين ضد …»: begun, against a side a few words on
    return _any(words[k : k + 1], _BEGAN_AFTER) and _any(words[k + 1 : k + 1 + _BEGAN_REACH], _BEGAN_AGAINST)


_CIVIL_WORK = _cue("civil_work")
_BEGAN_AFTER = _cue("began_after")
_BEGAN_AGAINST = _cue("began_against")
_BEGAN_REACH = 6  # «بدأت منذ نحو شهرين ضد»: the verb, a date of up to five words, then the side fought
_WHICH_FEM = normalize("التي")
_POSSESSIVES = ("ته", "تها", "تهم")  # «عملياته», «عمليتها», «حملتهم»: «ة»/«ات» with a pronoun (not «عملية»)
_OWN_OP_REACH = 4  # «وبدأ الجيش السوري عملياته»: the launching verb and its subject of two words before


def _own_operation(toks: _FewToks, i: int, actor_toks: set[int]) -> bool:
    """«وبدأ الجيش السوري عملياته في الغوطة»: a side launching its own operations, its name right before."""
    words = toks.words
    stem = toks[i].stem
    if not stem.endswith(_POSSESSIVES) or _any(words[i + 1 : i + 2], _CIVIL_WORK):
        return False
    lo = max(0, i - _OWN_OP_REACH)
    return _any(words[lo:i], _LAUNCH) and any(k in actor_toks for k in range(lo, i))


# «عملية "غصن الزيتون" التي يشنها الجيش التركي»: past a two-word operation name and «التي» to its verb
_MILITARY_REACH = 4


# How far a talks word may follow an arrival for it to be a visit, and a city before talks (tokens).
# «ووصل وزير الخارجية الإيراني محمد جواد ظريف صباح الاثنين إلى دمشق لإجراء محادثات».
_VISIT_REACH = 12  # past the visitor's title and name, the day and the city


def _visit(words: list[str], i: int) -> bool:
    """The arrival at token i is for talks named a few words on."""
    return any(
        _lexical(w)[3] or (_lexical(w)[5] or ("",))[0] == "talks" for w in words[i + 1 : i + 1 + _VISIT_REACH]
    )


_DIED_IN = _cue("died_in")
_WARN = _cue("warn")
_DIED_IN_REACH = 8  # «لقي عنصران من قوات النظام مصرعهما في هجوم»: the dead, their side, the death, «في»
_IN_WORD = normalize("في")


def _died_in(toks: list[_Tok], words: list[str], i: int, before: list[_Trigger]) -> bool:
    """«قتل عنصران … في هجوم لفصائل المعارضة», «مقتل ثلاثة بهجوم»: an attack some died or were hurt in."""
    if not (toks[i].prefix.endswith("ب") or (i > 0 and words[i - 1] == _IN_WORD)):
        return False
    lo = max(0, i - _DIED_IN_REACH, before[-1].last + 1 if before else 0)
    return any(_strip(w) in _DIED_IN for w in words[lo:i]) and not _any(words[lo:i], _WARN | _MOOD_WORDS)


_RESULTED = _cue("resulted")
# «أسفر هجوم لتنظيم الدولة على قرية الشبكي عن مقتل»: the outcome verb one or two words before the noun, the death
# within the clause after it (the attacker, the target and its kind word, «عن»)
_RESULTED_BEFORE = 2
_RESULTED_REACH = 12


def _resulted_in(toks: _FewToks, words: list[str], i: int) -> bool:
    """«أسفر هجوم … عن مقتل 20 شخصا», «أدت هجمات التنظيم إلى مقتل»: an attack whose outcome is told, deaths or
    wounds; «أسفر الهجوم» (definite) retells the attack told before."""
    if toks[i].stem.startswith("ال") or not _any(words[max(0, i - _RESULTED_BEFORE) : i], _RESULTED):
        return False
    return _any(words[i + 1 : i + 1 + _RESULTED_REACH], _DIED_IN)


def _launched_earlier(
    words: list[str],
    i: int,
    before: list[_Trigger],
    verbs: frozenset[str] | None = None,
    actor_toks: frozenset[int] | set[int] = frozenset(),
) -> bool:
    """A verb of launching further back in the clause, with no other trigger between it and the noun and
    no «و» opening another clause («تركيا بدأت مشاورات، وحذر من هجوم»: the attack was warned of); a «و» that
    joins a second side to the verb's subject opens none («وشنت تركيا وفصائل موالية لها … هجوماً»)."""
    verbs = _LAUNCH_VERBS if verbs is None else verbs
    lo = max(0, i - _LAUNCH_REACH, before[-1].last + 1 if before else 0)  # triggers are in text order
    forms = _clitic_forms(verbs)
    for k in range(i - 1, lo - 1, -1):
        if words[k] in forms:
            return True
        if (
            words[k].startswith("و") and len(words[k]) > 3 and not _joined_side(words, k, actor_toks)
        ):  # («وحدات» stops it too: a miss, never a false event)
            return False
    return False


def _joined_side(words: list[str], k: int, actor_toks: frozenset[int] | set[int]) -> bool:
    """«وفصائل», «وقوات النظام», «وروسيا»: a side joined by «و», not a new clause."""
    return k in actor_toks or words[k][1:] in _FIGHTERS


class _Cues:
    """The postponed / planned cues of a sentence's words, looked up once per sentence: the words that
    have any, by index, so that a clause's cues are found by bisection."""

    __slots__ = ("_marks", "_at")

    def __init__(self, words: list[str]) -> None:
        # only the words that may have a cue are looked up: a postponed/planned form, or a future's opening
        maybe = map(
            or_, map(_CUE_FORMS.__contains__, words), map(str.startswith, words, repeat(_FUTURE_OPENINGS))
        )
        self._at = [k for k in compress(range(len(words)), maybe) if _word_cues(words[k])]
        self._marks = {k: _word_cues(words[k]) for k in self._at}

    def within(self, lo: int, hi: int) -> set[str]:
        at = self._at
        a, b = bisect.bisect_left(at, lo), bisect.bisect_left(at, hi)
        return set().union(*(self._marks[k] for k in at[a:b]))


def _word_cues_of(w: str) -> frozenset[str]:
    """postponed / planned, as one word tells them («أرجئت», «المقرر», «ستنسحب»), looked up once per word."""
    s = _strip(w)
    out = set()
    if s in _POSTPONED or w in _POSTPONED:
        out.add("postponed")
    future = morph.is_future(w, _FUTURE_STEMS) or morph.is_future(w, _TRIGGER_FUTURE_STEMS)
    if s in _PLANNED or w in _PLANNED or future:
        out.add("planned")
    return frozenset(out)


_word_cues = _PerWord(_word_cues_of).__getitem__
# The words _word_cues_of may find a cue in: a postponed/planned word, alone or after و/ف (_strip), and the
# openings of a future (geo.morph.is_future: س, after و/ف or not).
_CUE_FORMS = (_POSTPONED | _PLANNED) | {c + w for c in "وف" for w in _POSTPONED | _PLANNED if len(c + w) > 3}
_FUTURE_OPENINGS = ("س", *(c + "س" for c in morph.CONJUNCTIONS))


# How far before a trigger a word of failure, denial or claim is read as its mood (tokens): a verb and
# its subject («صدت فصائل المعارضة هجوماً»), or a speaker and «أن» («نفت روسيا أن طائراتها قصفت»).
# SANA's «تصدت/أحبطت وحدات من الجيش العربي السوري لهجوم»: a verb and a five-word subject before the attack word.
_FAILURE_WINDOW = 7
_SAYING_WINDOW = 8


# «أسقطت الدفاعات الجوية صواريخ إسرائيلية», «تم إسقاط بعض الصواريخ»: missiles shot down, a strike that
# failed (the defence that shot them is not the one that fired); «إسقاط براميل» drops, and is no such cue.
_SHOT_DOWN = _cue("shot_down")
_SHOT_REACH = 4


def _shot_down(words: list[str], i: int) -> bool:
    return words[i] in _clitic_forms(_MISSILES) and _any(words[max(0, i - _SHOT_REACH) : i], _SHOT_DOWN)


def _failed_after(t: _Trigger, words: list[str]) -> bool:
    """«محاولة تسلل فاشلة»: the attack is told failed by an adjective after it."""
    return _any(words[t.last + 1 : t.last + 1 + _FAILED_AFTER_REACH], _FAILED_AFTER)


# «خسرت قوات النظام السيطرة على الميادين»: a verb of losing, its subject (up to two words) and the taking
# word; «فقدت … السيطرة على السخنة لصالح تنظيم الدولة»: the side right after «لصالح» gained it.
_LOSING = _LOST - {normalize("فقد")}  # «فقد تمكنت قوات النظام من السيطرة»: «so», not «lost»
_IN_FAVOUR = _cue("in_favour")
_LOSS_REACH = 4


def _lost(t: _Trigger, words: list[str]) -> bool:
    return _any(words[max(0, t.tok - _LOSS_REACH) : t.tok], _LOSING)


def _gainer(t: _Trigger, hits: list[_ActorHit], words: list[str]) -> str:
    return next((h.key for h in hits if h.tok > t.last and _strip(words[h.tok - 1]) in _IN_FAVOUR), "")


_CEASED = _cue("ceased")
_CEASING_KINDS = ("shelling", "air_strike", "armed_clash")  # «توقف تنفيذ إجلاء»: a deal suspended, not a lull
_INTERVENTION = _cue("intervention")
_INTERVENTION_BEFORE = _cue("intervention_before")
_NISBA_ENDINGS = ("ي", "يه")  # «تركي», «روسية» (normalised «روسيه»)


def _intervention_noun(t: _Trigger, words: list[str]) -> bool:
    """«تدخل تركي», «بعد تدخل الجيش»: the noun intervention, not the verb «تدخل» (she enters); not
    «تدخل الأراضي السورية» (a definite object: the verb)."""
    if t.tok != t.last or _strip(words[t.tok]) not in _INTERVENTION:
        return False
    nxt = words[t.tok + 1] if t.tok + 1 < len(words) else ""
    nisba = len(nxt) > 3 and not nxt.startswith("ال") and nxt.endswith(_NISBA_ENDINGS)
    return nisba or (t.tok > 0 and _strip(words[t.tok - 1]) in _INTERVENTION_BEFORE)


def _prepared(t: _Trigger, words: list[str]) -> bool:
    """«تستعد قوات النظام لشن هجوم»: a side is told preparing the deed."""
    return _any(words[max(0, t.tok - _PREP_REACH) : t.tok], _PREPARING)


def _ambusher(t: _Trigger, toks, hits: list[_ActorHit]) -> str:
    """«نصب تنظيم الدولة كميناً لقوات النظام»: the subject just before the ambush set it (not the ل-side)."""
    if toks[t.tok].stem not in _AMBUSH:
        return ""
    return next(
        (h.key for h in reversed(hits) if t.tok - _SETTER_REACH <= h.tok < t.tok and h.role == ""), ""
    )


def _of_the(words: list[str], k: int) -> bool:
    """The actor at token k is in a ل-genitive: «لقوات النظام», «لعناصر هيئة تحرير الشام» (the ل on a
    word of fighters before the name)."""
    if words[k].startswith("ل"):
        return True
    return k > 0 and words[k - 1].startswith("ل") and words[k - 1][1:] in _FIGHTERS


_ALLEGED_AFTER = _cue("alleged_after") | _cue("laid_after")
_ALLEGED_REACH = 2  # «الهجوم الكيماوي المزعوم»: the adjective after the attack word and its own adjective


_REPORTED_BEFORE = _cue("reported_before")
_REPORTED_REACH = 4  # «انتشار تقارير حول وقوع هجوم كيماوي»: «حول» and the masdar between
_REPORTED_NAMED_REACH = 6  # «تقارير بضلوع النظام السوري في هجوم كيماوي»: the side accused named between


def _alleged(t: _Trigger, words: list[str], reported: int = 0) -> bool:
    """«الهجوم الكيماوي المزعوم», «استخدامه المزعوم للأسلحة الكيماوية»: called alleged beside its word;
    with `reported`, also «تقارير حول وقوع هجوم كيماوي» (what reports speak of, up to that many words before)."""
    near = words[max(0, t.tok - 1) : t.last + 1 + _ALLEGED_REACH]  # inside a head … chemical word span too
    return _any(near, _ALLEGED_AFTER) or (
        reported > 0 and _any(words[max(0, t.tok - reported) : t.tok], _REPORTED_BEFORE)
    )


def _mood(t: _Trigger, words: list[str]) -> str:
    """failed («صدت هجوماً», «فشلت محاولة»), denied («نفت … أن»), claimed («زعم … أنه»), else happened."""
    if _any(words[max(0, t.tok - _FAILURE_WINDOW) : t.tok], _FAILURE) or _shot_down(words, t.tok):
        return "failed"
    if _failed_after(t, words):
        return "failed"
    if _alleged(t, words):
        return "claimed"  # «الهجوم الكيماوي المزعوم», «هجوم كيميائي مفترض»: alleged, not established
    if not _any(words[max(0, t.tok - _MASDAR_SAYING_WINDOW) : t.tok], _DENIAL_OR_CLAIM):
        return "happened"  # no verb of denying or claiming in reach
    if _said(t, words, _DENIAL):
        return "denied"
    return "claimed" if _said(t, words, _CLAIM) else "happened"


# The denied or claimed deed follows its verb closely («نفى النظام التوصل إلى اتفاق») or after «أن».
_OBJECT_REACH = 5
_RELATIVE = _cue("relative")
_PASSIVE_AUX = _cue("passive_aux")
_OBJECT_MASDARS = _cue("object_masdars")
_VERB_LEAD = _cue("verb_lead")
_GROUND_WORDS = _cue("ground_words")
_CALL = _cue("call")
_LAND_WORDS = _cue("land_words")
# How far after «خروج/إجلاء» the side that leaves may be named (tokens): «خرجت مساء الثلاثاء الدفعة الرابعة
# من مقاتلي فيلق الرحمن» names it eight words on.
_LEAVER_REACH = 8
# Fighters evacuated under a deal with nobody named («خرجت فجر اليوم نحو مئة حافلة», «عملية الإجلاء من القلمون
# الشرقي»): the press of this war tells the opposition's evacuations so (the gold guide codes them the
# opposition's); pro-government evacuees («الفوعة وكفريا») and IS are always named, and civilians make no event.
_DEFAULT_EVACUEE = "Syrian opposition"
_GIVEN_TO = ("ل", "ول", "فل")  # a side after «لـ» is what was handed to, never who left
_AGENT = _cue("agent")
_AGENT_LEAD = frozenset(normalize(w) for w in ("من", "على"))  # the preposition before «قبل» / «يد»
_DESCRIBING = _cue("describing")


def _said(t: _Trigger, words: list[str], cues: frozenset[str]) -> bool:
    """A verb of `cues` stands before the trigger and the trigger is what it says: its object, or in its
    «أن» clause, not in a description of the speaker («نفى جيش الإسلام، وهو آخر فصيل يقاتل …»)."""
    lo = max(0, t.tok - _MASDAR_SAYING_WINDOW)
    for p in range(t.tok - 1, lo - 1, -1):
        if _rests(words[p]).isdisjoint(cues):
            continue
        between = words[p + 1 : t.tok]
        if not _RELATIVE.isdisjoint(between):
            return False
        if t.tok - p > _SAYING_WINDOW:  # a long speaker and a day: only past a masdar of the deed
            return _any(between, _DENIED_MASDARS)
        return t.tok - p <= _OBJECT_REACH or _any(between, _THAT | _DENIED_MASDARS)
    return False


# «نفى مصدر بالجيش السوري، مساء السبت، تعرض مطار المزة إلى هجوم»: the verb up to this many tokens before the
# trigger when a masdar of the deed (cue set denied_masdars) stands between them.
_MASDAR_SAYING_WINDOW = 12


# How far before «إلى + trigger» a verb of calling is read as asking for it (tokens).
_CALL_REACH = (
    14  # past a subject in apposition: «دعا وزير الدفاع الإسرائيلي، أفيغدور ليبرمان، الجمعة، الأسد إلى»
)
_TO_WORD = normalize("إلى")


def _called_for(t: _Trigger, words: list[str]) -> bool:
    """«… دعت … إلى هدنة»: the trigger is what a call asks for."""
    if t.tok == 0 or words[t.tok - 1] != _TO_WORD:
        return False
    return _any(words[max(0, t.tok - _CALL_REACH) : t.tok], _CALL)


# How far before a trigger a word of intention, negation or calling is read as its mood (tokens).
_MOOD_WINDOW = 5
_CLAUSE_MARKS = frozenset("،,;؛:")
_AS_ALSO = normalize("كما")
_OR = normalize("أو")  # «سواء عبر اتفاقات أو عمليات عسكرية»: the second alternative shares the mood
# «وتحاول قوات النظام التقدم … عبر السيطرة على بلدة بصر الحريري»: the means of an aim is aimed at too
_OR_OR_MEANS = frozenset({_OR}) | _cue("means")
_MEANS_REACH = 12  # «التقدم على محور ثان في ريف درعا الشرقي عبر السيطرة»: the aim's place told between


def _clause_floor(toks: list[_Tok], text: str, k: int) -> int:
    """The first token of the clause of token k within the mood window: after «كما», or after a comma that
    opens a coordinated clause («، وسيطرت»). «يتفاوض … لوقف إطلاق النار، كما استولت القوات …»: the taking
    is no ceasefire aim; «لا يتضمن خروج الراغبين"، في إشارة إلى …» goes on with the same mood."""
    lo = max(0, k - _MOOD_WINDOW)
    for j in range(k, lo, -1):
        w = toks[j].text
        if w == _AS_ALSO:
            return j + 1
        if _strip(w) != w and not _CLAUSE_MARKS.isdisjoint(text[toks[j - 1].end : toks[j].start]):
            return j
    return lo


def _negated_present(window: list[str]) -> bool:
    """«لا تجري عمليات قصف», «ليست هناك غارات»: a present negated; not «لا يزال/لا تزال» (still), «لا سيما»."""
    return any(
        w in _NOT_NOW and not (k + 1 < len(window) and _rests(window[k + 1]) & _STILL)
        for k, w in enumerate(window)
    )


_POTENTIAL = _cue("potential")
_MOOD_WORDS = (
    _FAILURE | _NEGATION_OR_INTENT | _DENIAL | _NOT_NOW | _POTENTIAL
)  # every word _hypothetical reads
_BECAME = _cue("became")  # «باتت قوات النظام تسيطر»: has come to hold, as of the report


def _potential(window: list[str]) -> bool:
    """«ومن شأن السيطرة على دوما أن تلحق …»: «من شأن» before the trigger (not «بشأن», about)."""
    return any(w in _POTENTIAL and k and _MIN in _rests(window[k - 1]) for k, w in enumerate(window))


# Past-tense endings that tell «قد تقدمت» (already) from «قد تتقدم» (may) when the verb starts with ت.
_PAST_ENDINGS = ("ت", "وا", "ا")


def _qad_past(t: _Trigger, words: list[str]) -> bool:
    """«قد» right before a past verb is «already» («قد زار», «قد توغلت»); before a present one
    («قد يشن», «قد تبدأ») it is «may». The verb may be the trigger's own launching verb: «قد شنت غارة»."""
    lo = max(1, t.tok - _QAD_VERB_REACH)
    k = next((k for k in range(t.tok, lo - 1, -1) if words[k - 1] == _QAD), None)
    if k is None or (k != t.tok and not _any(words[k : k + 1], _LAUNCH | _LAUNCH_VERBS)):
        return False
    w = words[k]
    return not w.startswith(("ي", "ن", "س")) and (not w.startswith("ت") or w.endswith(_PAST_ENDINGS))


_QAD_VERB_REACH = 2  # «قد شنت غارة»: «قد», the launching verb, the attack noun


def _hypothetical(t: _Trigger, words: list[str], prev_hyp: bool, prev_last: int, floor: int = -1) -> bool:
    window = words[max(0, t.tok - _MOOD_WINDOW, floor) : t.tok]
    if _SINCE in window:  # «تسعى قوات النظام منذ سيطرتها على …»: the taking is a fact
        window = window[window.index(_SINCE) + 1 :]
    bare = _bare(window)
    if bare & _FAILURE or _failed_after(t, words):
        return False  # «فشلت محاولة قوات النظام التقدم», «محاولة تسلل فاشلة»: made, and failed
    if _QAD not in window or _any(words[max(0, t.tok - 8) : t.tok], _HAD_AUX) or _qad_past(t, words):
        bare.discard(_QAD)  # «وقد اتفقت», «كانت قوات النظام قد بدأت», «قد زار»: already, not maybe
    moods = bare & _NEGATION_OR_INTENT
    if moods and moods <= _DENIED_ANY and _said(t, words, _DENIAL):
        moods = frozenset()  # «نفت روسيا شن أي غارات»: the deed denied, told with status denied
    if moods or _negated_present(window) or _potential(window):
        return True
    if _called_for(t, words):
        return True  # «دعت الأمم المتحدة في السادس من فبراير إلى هدنة»: asked for, not made
    if bare & _DENIAL and not _said(t, words, _DENIAL):
        return True  # a denial near a trigger that is not what it denies: no event, as for an intention
    return _shares_mood(t, words, prev_hyp, prev_last)


def _shares_mood(t: _Trigger, words: list[str], prev_hyp: bool, prev_last: int) -> bool:
    """«عن السيطرة على كامل حي المشلب والدخول إلى حي الصناعة»: a coordinated trigger shares the mood."""
    coordinated = words[t.tok].startswith("و") or (t.tok > 0 and words[t.tok - 1] in _OR_OR_MEANS)
    reach = _MEANS_REACH if t.tok > 0 and words[t.tok - 1] in _OR_OR_MEANS else 8
    return prev_hyp and coordinated and t.tok - prev_last <= reach


_THREAT = _cue("threat")
_THREAT_REACH = 10  # «توعد الرئيس الأمريكي دونالد ترامب، الأربعاء، باستهداف»: a long subject and a day between


_THREAT_MEANS = _cue("threat_means")
_DONE_BEFORE = _cue("done_before")
_DONE_BEFORE_REACH = 3  # «سبق لها أن قصفت»: «سبق», its pronoun, «أن», the verb


def _feared(t: _Trigger, words: list[str]) -> bool:
    """«المخاوف من مواجهة», «تنذر بهجوم»: a clash feared or warned of, not yet fought (the gold's
    «planned»)."""
    return _any(words[max(0, t.tok - _FEARED_REACH) : t.tok + 1], _FEARED_CLASH)


def _threatened(t: _Trigger, toks: _Toks) -> bool:
    """«توعد ترامب … باستهداف سوريا», «هددت أنقرة بشن عملية», «تهديدات ترامب بشن هجوم»: the event word (or
    the «بـ» masdar of waging right before it) is the «بـ» object of a threat."""
    words = toks.words
    by = toks[t.tok].prefix.endswith("ب") or (t.tok > 0 and words[t.tok - 1] in _THREAT_MEANS)
    return by and _any(words[max(0, t.tok - _THREAT_REACH) : t.tok], _THREAT)


def _mood_blocks(t: _Trigger, toks: _Toks, text: str, prev_hyp: bool, prev_last: int) -> bool:
    """_hypothetical, with its clause floor found only when a word of mood stands in the window at all
    (most triggers have none: then only a call «… إلى» or the previous trigger's mood can block them)."""
    words = toks.words
    if _threatened(t, toks):
        return True
    window = words[max(0, t.tok - _MOOD_WINDOW) : t.tok]
    if _any(window, _MOOD_WORDS):
        return _hypothetical(t, words, prev_hyp, prev_last, _clause_floor(toks, text, t.tok))
    if _any(window, _FAILURE) or _failed_after(t, words):
        return False  # as in _hypothetical: «واقتحام فاشل»: made, and failed, whatever the mood before
    return _called_for(t, words) or _shares_mood(t, words, prev_hyp, prev_last)


@dataclass(slots=True)
class _ActorHit:
    start: int
    end: int
    key: str
    tok: int
    role: str  # "", "ally", "sponsor", "opponent"


def _or_conjoined(cue: frozenset[str]) -> frozenset[str]:
    """The words w with w or _strip(w) in `cue`: the cue words and their forms with a leading «و/ف»."""
    return cue | {c + w for c in ("و", "ف") for w in cue if len(c + w) > 3}


_ALLY_BEFORE_FORMS = _or_conjoined(_ALLY_BEFORE)
_SPONSOR_BEFORE_FORMS = _or_conjoined(_SPONSOR_BEFORE)


def _actor_tokens(toks: _FewToks, actors: list[tuple[int, int, str]]) -> set[int]:
    """The tokens the sentence's actor names cover (no trigger starts inside a name)."""
    out: set[int] = set()
    for a, b, _ in actors:
        k = bisect.bisect_right(toks.starts, a) - 1
        if k >= 0:
            out.update(range(k, _tok_at(toks, b - 1) + 1))
    return out


def _actor_hits(toks: _Toks, words: list[str], actors: list[tuple[int, int, str]]) -> list[_ActorHit]:
    starts = toks.starts
    out = []
    for a, b, key in actors:
        k = bisect.bisect_right(starts, a) - 1
        if k < 0:
            continue
        prev = words[k - 1] if k > 0 else ""
        sprev = _strip(prev)
        role = ""
        if sprev in _AGENT and k > 1 and _strip(words[k - 2]) in _AGENT_LEAD:
            role = "agent"  # «من قبل قوات النظام», «على يد قسد»: the doer, whatever the grammar before
        elif not _ALLY_BEFORE_FORMS.isdisjoint(words[max(0, k - 5) : k]):
            role = "ally"
        elif not _SPONSOR_BEFORE_FORMS.isdisjoint(words[max(0, k - 2) : k]):
            role = "sponsor"
        elif prev in _clitic_forms(_OPPONENT_NOUNS) and not (k > 1 and words[k - 2] in _INSTITUTIONS):
            role = "opponent"  # not «وزارة الدفاع الروسية»: a body's name
        elif prev in _clitic_forms(_GROUP_NOUNS) and k > 1 and words[k - 2] in _clitic_forms(_OPPONENT_NOUNS):
            role = "opponent"  # «قصف مواقع فصيل هيئة تحرير الشام»: the sites of a group, a group noun between
        elif (
            (sprev in _OWNED and _any(words[max(0, k - 4) : k - 1], _TARGETS))
            or (_nisba(words[k], b - a) and _any(words[max(0, k - 3) : k], _TARGETS))
            or (words[k].startswith(("ل", "لل")) and prev in _clitic_forms(_TARGETS))
        ):
            role = "opponent"  # «مواقع تابعة للنظام», «الأهداف الإيرانية», «مستودعات للجيش»: whose sites
        elif sprev in _AGAINST:
            role = "opponent"  # «حملة لطرد المقاتلين الأكراد», «هجوم على قوات النظام»: the side attacked
        elif _any(words[max(0, k - 3) : k], _SOURCE) and not _any(words[max(0, k - 1) : k], _THAT):
            role = "source"  # «مصادر في المعارضة», «مصدر من القوات الموالية»; not «قالت مصادر إن قوات النظام …»
        elif prev in _FROM and not (k > 1 and (words[k - 2] in _FIGHTERS or _strip(words[k - 2]) in _FIGHTERS)):
            role = "from"  # not «وحدات من الجيش السوري», «عناصر من قوات النظام»: partitive, the side itself
        elif _says(words, toks, k, b):
            role = "speaker"  # «أعلنت الأمم المتحدة أن الهجوم …», «قال ترامب إن»: who tells, not who acts
        elif sprev == _WITH:
            role = "with"  # «تخوض تركيا مواجهات مع الأكراد»: the other side
        out.append(_ActorHit(a, b, key, k, role))
    return out


_THAT = _cue("that")
_WITH = normalize("مع")
_SAY = _cue("say")


def _nisba(word: str, length: int) -> bool:
    """A one-word adjective of belonging («الإيرانية», «الروسي»), which qualifies the noun before it."""
    return length <= len(word) + 1 and word.startswith("ال") and word.endswith(("يه", "ي"))


def _says(words: list[str], toks: _Toks, k: int, end: int) -> bool:
    """The actor at token k is the subject of a verb of saying followed by a bare «أن/إن» (not «إنها»,
    which tells of the speaker's own deed)."""
    last = max(k, bisect.bisect_left(toks.starts, end) - 1)  # the actor's last token
    after = words[last + 1 : last + 4]  # «واعتبرت إسرائيل السبت أن …»
    if _THAT.isdisjoint(after):
        return False
    body = next(  # «وزارة» is no «و» + «زارة»: the word itself first
        (j for j in range(k - 1, max(-1, k - 3), -1) if words[j] in _INSTITUTIONS or _strip(words[j]) in _INSTITUTIONS),
        None,
    )
    head = k if body is None else body  # «نفت وزارة الدفاع الروسية أن»: the ministry's name says it
    return _any(words[max(0, head - 2) : head], _SAY)


def _object_masdar(t: _Trigger, toks: list[_Tok], words: list[str]) -> bool:
    """«بعد طرد التنظيم», «لطرد الوحدات الكردية», «تمكنت قسد من طرد داعش»: the masdar of driving out, whose
    next side is the one driven out. A bare form opening a clause («ثم طرد الجيش …», «وطرد») is the verb."""
    tok = toks[t.tok]
    stem = tok.stem[2:] if tok.stem.startswith("ال") else tok.stem
    if t.kind != "take" or stem not in _OBJECT_MASDARS:
        return False
    if "ل" in tok.prefix or "ب" in tok.prefix or tok.stem.startswith("ال"):
        return True
    if tok.prefix or words[t.tok].startswith(("و", "ف")) or t.tok == 0:
        return False
    return _strip(words[t.tok - 1]) not in _VERB_LEAD


_AREA_NOUNS = _cue("area_nouns")
_AREA_ADJECTIVES = frozenset(normalize(w) for w in ("واسعة", "جديدة", "كبيرة", "شاسعة", "أخرى"))
_ON_REACH = 4  # «سيطرة قوات النظام السوري على»: the side between the taking and its «على»


def _unnamed_ground(t: _Trigger, words: list[str]) -> bool:
    """«على مساحات واسعة في البلاد», «على مناطقها»: the taking's object is ground with no name of its own
    and no «من» of a named place after it («أجزاء واسعة من البلدة» is a share of the town)."""
    on = next(
        (k for k in range(t.last + 1, min(len(words), t.last + 1 + _ON_REACH)) if words[k] == _ON), None
    )
    if on is None or on + 1 >= len(words) or not _any([words[on + 1]], _AREA_NOUNS):
        return False
    k = on + 2
    if k < len(words) and _strip(words[k]) in _AREA_ADJECTIVES:
        k += 1
    return not (k < len(words) and words[k] == _MIN)


_WESTERN = _cue("western")
# The Western strikes on Syria were led by the United States (Shayrat 2017, 14 April 2018)
_WESTERN_STRIKER = "United States"
_ATTRIBUTED = _cue("attributed")
_TO_WORD = normalize("إلى")
_ATTRIBUTION_REACH = 16  # «الغارة الجوية التي استهدفت مطاراً عسكرياً في سوريا هذا الأسبوع ونسبتها»
_LAID_AT_REACH = 6  # «ونسبتها #دمشق وطهران وموسكو إلى إسرائيل»: the attributers between verb and «إلى»


def _attributed_to(t: _Trigger, hits: list[_ActorHit], words: list[str], clause_end: int) -> str:
    """The side a strike is laid at by a verb of attributing after it, «… ونسبتها دمشق إلى إسرائيل»."""
    if t.kind not in _VIOLENT_TRIGGERS:
        return ""
    end = min(len(words), t.last + 1 + _ATTRIBUTION_REACH)
    verb = _first_of(words, t.last + 1, end, _ATTRIBUTED)
    if verb is None:
        return ""
    to = next(
        (k for k in range(verb + 1, min(len(words), verb + _LAID_AT_REACH)) if words[k] == _TO_WORD), None
    )
    return next((h.key for h in hits if to is not None and h.tok == to + 1), "")


_NOTIFIED = _cue("notified")
_NOTIFY_REACH = 4  # «أبلغت روسيا بالغارة»: the verb, the side told, the strike word with its «ب»


def _notifier(t: _Trigger, hits: list[_ActorHit], words: list[str]) -> str:
    """«إسرائيل أبلغت روسيا بالغارة على اللاذقية»: the side just before a verb of notifying that stands
    shortly before the strike word (its «ب»), or right after the verb when the subject follows it."""
    if t.kind not in _REMOTE or not words[t.tok].startswith("ب"):
        return ""
    verb = _last_of(words, max(0, t.tok - _NOTIFY_REACH), t.tok, _NOTIFIED)
    if verb is None:
        return ""
    before = [h for h in hits if verb - 2 <= h.tok < verb]
    after = [h for h in hits if verb < h.tok < t.tok]
    if before:
        return before[-1].key
    return after[0].key if len(after) >= 2 else ""  # «أبلغت إسرائيل روسيا بالغارة»: subject, then object


_CASUALTIES = _cue("casualties")
# «وسقط العشرات من القوات السورية الحكومية والقوات والميليشيات الإيرانية بين قتيل وجريح في غارات»: from the
# word of falling to the strike, past a coordinated list of the fallen
_VICTIM_REACH = 14
_BY_THE_STRIKE = frozenset(normalize(w) for w in ("في", "جراء", "إثر", "بسبب", "خلال"))


def _victim(h: _ActorHit, t: _Trigger, words: list[str]) -> bool:
    """A side named between a word of falling dead or wounded and the strike it fell in («وسقط العشرات من
    القوات السورية … في غارات», «مقتل عناصر من قوات النظام بغارات»): the target."""
    if not h.tok < t.tok or not (words[t.tok].startswith("ب") or _strip(words[t.tok - 1]) in _BY_THE_STRIKE):
        return False
    return _last_of(words, max(0, t.tok - _VICTIM_REACH), h.tok, _CASUALTIES) is not None


def _actor1(
    t: _Trigger, hits: list[_ActorHit], clause_end: int, passive: bool = False, words: list[str] = ()
) -> tuple[str, str]:
    """(actor key, basis). The agent of «من قبل/على يد» first; then the immediate subject/genitive, then
    the nearest one before the trigger. After a passive («تم طرد التنظيم») the side right after the
    masdar is the one acted on, not the actor.

    «من»/«ضد» before an actor marks the losing side only after the verb («استعاد … من داعش»);
    before it, «من» is partitive («ثلاث مجموعات من قسد … تقدمت»).
    """
    agent = next((h for h in hits if t.last < h.tok < clause_end and h.role == "agent"), None)
    if t.kind in ("shelling", "air_strike") and words:  # the holder of the place struck is no striker,
        hits = [  # nor the side that fell dead or wounded in the strike («وسقط العشرات من القوات … في غارات»)
            h
            for h in hits
            if not _any(words[max(0, h.tok - _HOLDER_REACH) : h.tok], _HOLDER_BEFORE)
            and not _victim(h, t, words)
        ]
    elif t.kind == "armed_clash" and words and _any(words[t.tok : t.tok + 1], _ATTACK_NOUNS):
        hits = [h for h in hits if not _victim(h, t, words)]  # «قتل عنصران من قوات النظام في هجوم»: the target
    if agent is not None:
        return agent.key, "agent"
    doer = _relative_doer(t, hits, words)
    if doer:  # «لقصف وغارات كثيفة تنفذها قوات النظام», «الهجمات التي يشنها التنظيم»
        return doer, "after"
    taker = _genitive_taker(t, hits, words) or _fighters_of(t, hits, words)
    if taker:
        return taker, "after"
    if passive:
        hits = [h for h in hits if not (t.last < h.tok <= t.last + 3)]
    diplomatic = t.kind in ("talks", "agreement")
    roles = {"", "sponsor"} | ({"ally", "from", "speaker"} if diplomatic else set())
    if t.kind == "withdrawal":
        roles |= {"opponent", "from"}  # «من داعش، الذي ينفذ عمليات انسحاب»
    after_roles = roles | (
        {"from"} if t.kind in ("shelling", "air_strike") else set()
    )  # «قصف من قوات النظام»
    fronted = _fronted_subject(t, hits, words, roles)
    if fronted is not None:  # «مقاتلين من تنظيم داعش هاجموا … رتلاً لقوات النظام»: the subject told first
        return fronted.key, "before"
    for h in hits:
        against = words[h.tok - 1 : h.tok] == [_AGAINST_WORD]  # «هجوما … ضد نظام الأسد»: the side attacked
        if t.last < h.tok <= t.last + 3 and h.role in after_roles and not against:
            return h.key, "after"
    before = [h for h in hits if h.tok < t.tok and h.role in roles | {"from"}]
    if t.kind == "take":  # «شنت تركيا عملية ضد الوحدات الكردية …، واستولت على المدينة»: «ضد» is no partitive
        before = [
            h for h in before if not (h.role == "from" and h.tok > 0 and words[h.tok - 1] == _AGAINST_WORD)
        ]
    if before:
        return (before[0] if diplomatic else before[-1]).key, "before"
    speakers = [h for h in hits if h.tok < t.tok and h.role == "speaker" and h.key != "United Nations"]
    if speakers and t.kind in ("take", "advance", "withdrawal"):
        return speakers[-1].key, "speaker"  # «أعلنت قسد أن مقاتليها سيطروا على …»: its own deed
    if speakers and _own_forces(speakers[-1], t, words):
        return speakers[-1].key, "speaker"  # «أكدت روسيا أن قواتها قصفت …»: its own strike
    if t.kind == "take":
        return "", ""  # an actor further on is as often the loser («تحرير الرقة … مكافحة داعش»)
    for h in hits:
        if t.kind in _GROUND and _any(words[h.tok : h.tok + 1], _AIRCRAFT):
            continue  # «العمليات … مشيراً إلى أن المشاركة الفعالة للطيران الحربي الروسي»: aircraft fight no ground battle
        if t.last < h.tok and (diplomatic or h.tok < clause_end) and h.role in roles:
            return h.key, "clause"  # talks: the parties may be named in the next clause («… اتفقت روسيا»)
    return "", ""


# A verb in full plural agreement («هاجموا», «سيطروا», «قصفوا») follows its subject: in verb-first order an
# Arabic verb stays singular («هاجم مقاتلون»), so «وا» on the trigger says its doer was named before it.
_PLURAL_VERB_ENDING = "وا"
_FRONTED_REACH = 6  # «مقاتلين من تنظيم داعش هاجموا»: the side's name, «من», a noun of fighters before the verb


def _fronted_subject(t: _Trigger, hits: list[_ActorHit], words: list[str], roles: set[str]) -> _ActorHit | None:
    """The side named just before a trigger verb in plural agreement, if any."""
    if not words or t.tok != t.last or not words[t.tok].endswith(_PLURAL_VERB_ENDING):
        return None
    before = [h for h in hits if t.tok - _FRONTED_REACH <= h.tok < t.tok and h.role in roles]
    return before[-1] if before else None


_DOING_IT = _cue("doing_it")
_DOING_IT_REACH = 5  # «لقصف وغارات كثيفة تنفذها»: a second attack noun, an adjective, «التي» before the verb
_DOER_REACH = 2  # the verb, then its subject right after it (an article word or a title between at most)


def _relative_doer(t: _Trigger, hits: list[_ActorHit], words: list[str]) -> str:
    """The side after a verb whose object pronoun is the attack told just before it («القصف الذي يشنه الطيران
    الحكومي», «غارات تنفذها قوات النظام»): that verb's subject made the attack."""
    if not words or t.kind not in _VIOLENT_TRIGGERS:  # «مشاريع استعادة الخدمات ينفذها التحالف»: no attack
        return ""
    k = _first_of(words, t.last + 1, min(len(words), t.last + 1 + _DOING_IT_REACH), _DOING_IT)
    if k is None:
        return ""
    doer = next((h for h in hits if k < h.tok <= k + _DOER_REACH and h.role in ("", "from")), None)
    return doer.key if doer else ""


_OWN_FORCES = _cue("own_forces")
_OWN_REACH = 2  # «قصفت طائراتها مواقع»: the possessive right after the trigger too


def _own_forces(speaker: _ActorHit, t: _Trigger, words: list[str]) -> bool:
    """«قالت تركيا إن طائراتها قصفت»: the speaker's own forces or aircraft between it and the deed."""
    return _any(words[speaker.tok + 1 : t.last + 1 + _OWN_REACH], _OWN_FORCES)


_BETWEEN = normalize("بين")
_BETWEEN_REACH = 6  # «اشتباكات عنيفة وفي دير الزور بين»: an adjective and a place between
_SIDE_REACH = 3  # «بين عناصر من قوات النظام»: a noun of fighters and «من» before the first side


def _between(t: _Trigger, hits: list[_ActorHit], words: list[str], clause_end: int) -> tuple[str, str] | None:
    """The two sides of «بين X و Y» after a clash word: (X, Y), else None."""
    end = min(clause_end, t.last + 1 + _BETWEEN_REACH)
    k = next((k for k in range(t.last + 1, end) if _strip(words[k]) == _BETWEEN), None)
    if k is None:
        return None
    first = next((h for h in hits if k < h.tok <= k + _SIDE_REACH), None)
    if first is None:
        return None
    second = next((h for h in hits if first.tok < h.tok < clause_end and h.key != first.key), None)
    return (first.key, second.key) if second is not None else None


# «انسحاب مقاتلي فصيل من المعارضة», «دخول عناصر من قوات النظام»: the fighters' noun right after the masdar, then
# up to this many words to their side (a unit noun and «من» between)
_FIGHTERS_OF_REACH = 4


def _fighters_of(t: _Trigger, hits: list[_ActorHit], words: list[str]) -> str:
    """The side of the fighters named right after a withdrawal or advance masdar: they are who moved."""
    nxt = t.last + 1
    if t.kind not in ("withdrawal", "advance") or nxt >= len(words) or _strip(words[nxt]) not in _FIGHTERS:
        return ""
    return next(
        (h.key for h in hits if nxt <= h.tok <= nxt + _FIGHTERS_OF_REACH and h.role in ("", "from")), ""
    )


def _genitive_taker(t: _Trigger, hits: list[_ActorHit], words: list[str]) -> str:
    """«وسيطرة قوات النظام على معبر نصيب»: the side right after a one-word taking masdar is who takes, though
    after the same noun elsewhere («مناطق سيطرة النظام») it is the holder whose ground is struck (an opponent);
    «سقوط عفرين بقبضة …» (a head and its companion) is read by its own row."""
    if t.kind != "take" or t.tok != t.last or not words or _rests(words[t.tok]).isdisjoint(_OPPONENT_NOUNS):
        return ""
    return next((h.key for h in hits if h.tok == t.last + 1 and h.role == "opponent"), "")


# How far before the trigger «رداً على» may stand (words) for the trigger to be the event answered, not the
# answer: «رداً على إطلاق نحو عشرين صاروخاً».
_ANSWERED_REACH = 6


def _actor2(actor1: str, t: _Trigger, hits: list[_ActorHit], diplomatic: bool) -> str:
    """The other side: named after the trigger if any is, else before; in a violent event never an ally,
    a sponsor or a partner of actor1 (geo/rules/actors.jsonl «partner»: the coalition's strikes for the SDF);
    never the source of the report («بحسب وحدات حماية الشعب»)."""
    partners = frozenset() if diplomatic else PARTNERS.get(actor1, frozenset())
    cands = [
        h
        for h in hits
        if h.key != actor1
        and h.key not in partners
        and h.role != "source"
        and (diplomatic or h.role not in ("ally", "sponsor"))
    ]
    after = [h for h in cands if h.tok > t.last]
    pool = after or cands
    return pool[0].key if pool else ""


@dataclass(slots=True)
class _Spot:
    loc: Located
    tok: int
    ref: bool
    dest: bool = False  # «إلى إدلب»: where someone goes, not where they are
    theatre: bool = True  # in the war's theatre (_in_theatre)


def _spots(toks: _Toks, words: list[str], located: list[Located]) -> list[_Spot]:
    starts = toks.starts
    out = []
    last_end = -99  # the last token of the place before
    for loc in located:
        k = bisect.bisect_right(starts, loc.mention.start) - 1
        if k < 0:
            continue
        prev = words[k - 1] if k > 0 else ""
        near_last = k - last_end <= _NEAR_GAP and _any(words[last_end + 1 : k], _NEAR)
        if loc.place.kind != "country":  # a country is no place to locate a town by
            last_end = bisect.bisect_right(starts, loc.mention.end - 1) - 1
        cued = _any(words[max(0, k - 4) : k], _SPOT_CUES)  # most places have none of these words before
        if cued and _any(words[max(0, k - 2) : k], _BACKED):
            continue  # «فصائل موالية لأنقرة», «المدعومة من موسكو»: a backer named by its capital, not a place
        if (cued and _locator(words, k)) or near_last:
            continue  # «حيث تقع هضبة الجولان», «الغوطة الشرقية المحاصرة قرب دمشق»: where another place lies
        dest = cued and _any(words[max(0, k - 2) : k], _TO)
        share = cued and _any(words[max(0, k - 4) : k], _SHARE)
        if k > 1 and _strip(prev) in _KIND_WORDS:  # «شرق مدينة تدمر»: look past the kind word
            prev = words[k - 2]
        ref = (
            loc.mention.trigger in _REF_TRIGGERS
            or prev in _REF_BEFORE
            or _strip(prev) in _REF_BEFORE
            or loc.place.kind in _BROAD_KINDS
            or loc.mention.surface.startswith(("بريف", "وبريف"))
            or share
        )
        out.append(_Spot(loc, k, ref, dest, _in_theatre(loc.place)))
    return out


# Every word _spots looks for in the four words before a place (_locator's verb is one of its own readings).
_SPOT_CUES = _BACKED | _TO | _SHARE | _LIES | _LIES_VERB


def _on_syria(located: list[Located]) -> bool:
    """A report on Syria though it never writes «سوريا»: more than half its places named are Syrian."""
    countries = [lc.place.country for lc in located if lc.place is not None]
    return bool(countries) and countries.count("SY") * 2 > len(countries)


def _is_venue(p: Place) -> bool:
    return p.country not in ("SY", "") and p.kind not in ("country",)


# ---------------------------------------------------------------- the extractor


def extract_events(
    article: Article, located: list[Located], spans: list[TimeSpan], doc: Doc | None = None
) -> list[Event]:
    """Events of one article, in text order, de-duplicated. `doc` is the article's geo.doc.Doc (built
    here when the caller has none)."""
    text = article.text
    doc = doc if doc is not None and doc.text is text else Doc.build(text)
    head = _dateline_end(text)  # «أتلانتا، الولايات المتحدة الأمريكية (CNN)--»: the desk, not the story
    actors = _BySentence(
        [a for a in find_actors(text, doc, _on_syria(located)) if a[0] >= head], lambda a: a[0]
    )
    located = _BySentence(
        sorted(
            (lc for lc in located if lc.place is not None and lc.mention.start >= head),
            key=lambda lc: lc.mention.start,
        ),
        lambda lc: lc.mention.start,
    )
    spans = _BySentence(sorted(spans, key=lambda s: s.start), lambda sp: sp.start)
    main = _main_place(located.items)
    vocab = set(doc.surfaces)
    located = _BySentence(_with_anaphora(doc, vocab, located.items, head), lambda lc: lc.mention.start)
    cands = _candidates(doc, vocab)
    ctx = _headline_ctx(article.title)
    events: list[Event] = []
    paragraph = -1
    before = 0  # where the previous sentence's events start in `events`
    for sent in doc.sentences:
        if sent.paragraph != paragraph:
            ctx.carry_date = None
            ctx.para_place = None
            paragraph = sent.paragraph
        ctx.prev_sentence_place, ctx.sentence_place = ctx.sentence_place, None
        new = _sentence_events(article, doc, sent, actors, located, spans, main, ctx, cands)
        if not any(ev.extra["type_key"] in _VIOLENT for ev in new):  # every such sentence: a toll may wait for the next
            _toll_told_after(events, before, doc, sent)
        before = len(events)
        events += new
    lead = next((sn for sn in doc.sentences if sn.end > head), None)  # the first sentence after the dateline
    lead_end = lead.end if lead is not None else 0
    return _dedupe(_with_responsibility(events, doc, actors), article.published, lead_end)


ANAPHORA_PATH = eventtypes.RULES / "event_anaphora.jsonl"
_THE = normalize("ال")
_ANAPHORA_REASON = "anaphora"


@lru_cache(maxsize=1)
def _anaphora() -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    """Surface form («البلدة», «والبلدة», «بالبلدة», «للبلدة») → (place kinds, mention triggers) it points
    back at, from geo/rules/event_anaphora.jsonl."""
    out = {}
    for r in eventtypes.read_jsonl(ANAPHORA_PATH):
        noun = normalize(r["noun"])
        refs = (frozenset(r["kinds"]), frozenset(normalize(t) for t in r.get("triggers", ())))
        forms = {pre + noun for pre in ("", "و", "ف", "ب", "وب", "فب")}
        forms |= {pre + "ل" + noun[len(_THE) - 1 :] for pre in ("", "و", "ف")}  # «للبلدة»: ل + (ا)لبلدة
        out.update(dict.fromkeys(forms, refs))
    return out


def _with_anaphora(doc: Doc, vocab: set[str], located: list[Located], head: int) -> list[Located]:
    """«وقصفت الطائرات البلدة»: a bare kind noun with the article names the last place of that kind told
    before it (a Syrian one), as a reader resolves it; it is placed as that place, with the noun as surface."""
    table = _anaphora()
    nouns = vocab & table.keys()
    if not nouns:
        return located
    starts = [lc.mention.start for lc in located]
    ends = [lc.mention.end for lc in located]
    extra = []
    for k, w in enumerate(doc.surfaces):
        if w not in nouns or doc.starts[k] < head:
            continue
        refs = table[w]
        at = bisect.bisect_right(starts, doc.starts[k])
        if at and ends[at - 1] > doc.starts[k]:
            continue  # inside a named place («مدينة البلدة القديمة»)
        kinds, triggers = refs
        ante = next(
            (
                lc
                for lc in reversed(located[:at])
                if lc.place.country == "SY" and (lc.place.kind in kinds or lc.mention.trigger in triggers)
            ),
            None,
        )
        if ante is not None:
            s, e = doc.starts[k], doc.ends[k]
            m = replace(ante.mention, start=s, end=e, surface=doc.text[s:e], trigger="")
            reason = f"{_ANAPHORA_REASON} «{doc.text[s:e]}» → {ante.place.name_ar}"
            extra.append(replace(ante, mention=m, reason=reason))
    return sorted([*located, *extra], key=lambda lc: lc.mention.start) if extra else located


def _anaphoric(loc: Located) -> bool:
    return loc.reason.startswith(_ANAPHORA_REASON)


def _claimant(doc: Doc, actors: _BySentence) -> str:
    """The side that claims the article's attacks («وأعلن تنظيم الدولة المسؤولية عنها», «تبنى التنظيم
    الهجوم»): the first actor of a sentence with a word of responsibility, named before that word."""
    forms = _clitic_forms(_RESPONSIBILITY)
    for sent in doc.sentences:
        words = doc.surfaces[sent.first_token : sent.last_token]
        if forms.isdisjoint(words):
            continue  # (most sentences: one set test)
        k = _first_of(words, 0, len(words), _RESPONSIBILITY)
        before = doc.starts[sent.first_token + k]
        side = next((key for a, _, key in actors.within(sent.start, before) if key != "United Nations"), "")
        if side:
            return side
    return ""


_CLAIMABLE = _VIOLENT_TRIGGERS | _CLAIMED_ONLY  # «وأعلنت كتيبة … مسؤوليتها عن الهجوم»: bombings too


def _with_responsibility(events: list[Event], doc: Doc, actors: _BySentence) -> list[Event]:
    """Attacks told with no side of their own are the claimant's, when the article names one."""
    if not any(ev.extra["type_key"] in _CLAIMABLE and not ev.actor1 for ev in events):
        return events
    side = _claimant(doc, actors)
    if not side:
        return events
    return [
        replace(ev, actor1=side, extra={**ev.extra, "actor1_basis": "responsibility"})
        if ev.extra["type_key"] in _CLAIMABLE and not ev.actor1 and ev.status == "happened"
        else ev
        for ev in events
    ]


def _headline_ctx(title: str) -> _Ctx:
    """The side a headline opens with, as its subject («قوات تركية تدخل …», «روسيا تقصف …»), is the one a
    text with no actor of its own refers back to: the article's first carry. A side named further on in
    the headline is as often the target or the denier («… وواشنطن تنفي تنفيذها»), and a speaker before a
    colon («الجيش السوري: صواريخ معادية …») is no doer: neither carries."""
    head = title.rsplit(":", 1)[-1] if title else ""
    lead = len(head) - len(head.lstrip())
    keys = (
        [(b, key) for a, b, key in find_actors(head) if a == lead and key != "United Nations"] if head else []
    )
    if not keys:
        return _Ctx()
    verb = normalize(head[keys[0][0] :]).split()[:1]  # «إسرائيل تتهم إيران …», «روسيا تدعو …»: words, no deed
    if _bare(verb) & (_SAY | _DENIAL | _CLAIM | _INTENT | _CALL | _HEADLINE_WORDS):
        return _Ctx()
    keys = [key for _, key in keys]
    return _Ctx(carry_actor=keys[0], carry_air=keys[0] if keys[0] in AIR_FORCES else "")


class _BySentence:
    """Records sorted by their start offset, cut out per sentence by bisection (linear in the text)."""

    __slots__ = ("items", "_starts")

    def __init__(self, items: list, start) -> None:
        self.items = items
        self._starts = [start(x) for x in items]

    def within(self, s: int, e: int) -> list:
        return self.items[bisect.bisect_left(self._starts, s) : bisect.bisect_left(self._starts, e)]


_DATELINE = re.compile(r"^[^\n]{0,80}?\((?:CNN|سي إن إن|أ ف ب|رويترز|AFP)\)\s*[-—–]*")


def _dateline_end(text: str) -> int:
    m = _DATELINE.match(text)
    return m.end() if m else 0


def _main_place(located: list[Located]) -> Located | None:
    """The article's place, if one Syrian place below country level has most of its mentions."""
    sy = [lc for lc in located if lc.place.country == "SY" and lc.place.kind != "country"]
    if len(sy) < 3:
        return None
    counts: dict[tuple[str, str], list[Located]] = {}
    for lc in sy:  # «درعا» and «ريف درعا» (city and governorate) are one subject
        counts.setdefault((lc.place.admin1, normalize(lc.place.name_ar)), []).append(lc)
    best = max(counts.values(), key=len)
    if len(best) * 2 <= len(sy):
        return None
    return next((lc for lc in best if lc.place.kind == "governorate"), best[0])


def _carry_date(ctx: _Ctx, my_spans: list[TimeSpan], inherited, article: Article) -> None:
    """The date the next sentence of the paragraph inherits: this one's last (a «منذ» span up to the
    report: «منذ 18 شباط» tells of what has gone on since), else what it inherited."""
    if my_spans:
        last = my_spans[-1]
        ctx.carry_date = (last.first, _until(last, article), last.precision)
        if _earlier_year(ctx.carry_date, article):  # «… عام 2013.» ends a sentence of background:
            ctx.carry_date = None  # the next one's news is not of 2013
    elif inherited:
        ctx.carry_date = inherited


def _earlier_year(span: tuple, article: Article) -> bool:
    """A bare year before the report's («في عام 2012», «منذ 2011» read to its end): background time."""
    first, last = span[0], span[1]
    return (
        first is not None
        and last is not None
        and article.published is not None
        and (first.month, first.day, last.month, last.day) == (1, 1, 12, 31)
        and first.year == last.year < article.published.year
    )


# Talks or a deal dated by a bare year at least this many years before the report's are the background of a
# standing deal («خط الهدنة في الجولان», «كجزء من اتفاق … 2017»), not news: over the tuning splits all 8 such
# events matched no gold event (other types so dated are history the gold does annotate: Israel's 2007 strike).
_YEARS_GONE = 2


def _years_gone(span: tuple, article: Article) -> bool:
    """«في العام 2013», «عام 2011»: a bare year two or more years before the report's."""
    return _earlier_year(span, article) and article.published.year - span[0].year >= _YEARS_GONE


def _first_of(words: list[str], lo: int, hi: int, cue: frozenset[str]) -> int | None:
    """The first index in [lo, hi) whose word, or a reading of it without a clitic, is in `cue`."""
    forms = _clitic_forms(cue)
    if forms.isdisjoint(words[lo:hi]):
        return None  # (most calls: one set test at C speed)
    for k in range(lo, hi):
        if words[k] in forms:
            return k
    return None


def _last_of(words: list[str], lo: int, hi: int, cue: frozenset[str]) -> int | None:
    """The last index in [lo, hi) whose word, or a reading of it without a clitic, is in `cue`."""
    forms = _clitic_forms(cue)
    if forms.isdisjoint(words[lo:hi]):
        return None  # (most calls: one set test at C speed)
    for k in range(hi - 1, lo - 1, -1):
        if words[k] in forms:
            return k
    return None


def _any_within(sorted_items: list[int], lo: int, hi: int) -> bool:
    k = bisect.bisect_left(sorted_items, lo)
    return k < len(sorted_items) and sorted_items[k] < hi


@lru_cache(maxsize=1)
def _starters() -> frozenset[str]:
    """Every word that may start a trigger: a form of the lexicon or the first word of a phrase trigger,
    read through a clitic (_clitic_forms), and the first words of the control pairs with theirs; exactly
    the words whose _lexical is not _NOTHING, or that are in _PAIR_FIRST."""
    return _clitic_forms_of(frozenset(_lexicon()) | frozenset(_PHRASE_BY_FIRST)) | _PAIR_FIRST


def _candidates(doc: Doc, vocab: set[str]) -> list[int]:
    """Token indices of the document that may start a trigger (one set lookup per token, at C speed)."""
    surfaces = doc.surfaces
    return list(compress(range(len(surfaces)), map(_starters().__contains__, surfaces)))


# Barrel bombs and helicopters are the Syrian government's air weapons (ACLED and the gold guide code them
# so: 6 of 6 such strikes of the tuning splits): they name the striker when no air force is named for them.
_REGIME_WEAPONS = _cue("regime_air_weapons")
_WEAPON_REACH = 4  # «بالبراميل المتفجرة» a few words before the strike word («قصف … بالبراميل») or after it


def _regime_weapon(t: _Trigger, words: list[str], clause_end: int) -> bool:
    """A barrel bomb or a helicopter near the strike word as its means or its maker, not joined to it by «و»
    («الغارات الجوية والبراميل المتفجرة»: others' strikes and the government's barrels, told together)."""
    near = words[max(0, t.tok - _WEAPON_REACH) : min(clause_end, t.last + 1 + 2 * _WEAPON_REACH)]
    return _any([w for w in near if not w.startswith("و")], _REGIME_WEAPONS)


def _barrels_dropped(t: _Trigger, words: list[str], clause_end: int) -> bool:
    """«قصف جديد بالبراميل المتفجرة», «لقصف سوري بأكثر من 20 برميلا»: a shelling whose means, in the words after
    it, is barrel bombs or helicopters (set regime_air_weapons), not joined by «و» to another means («بعشرات
    الصواريخ والبراميل»: rockets too): bombs dropped from the air, ACLED's air strike."""
    after = words[t.last + 1 : min(clause_end, t.last + 1 + 2 * _WEAPON_REACH)]
    return _any([w for w in after if not w.startswith("و")], _REGIME_WEAPONS)


_UNARMED_MOVERS = _cue("unarmed_movers")
# «قافلة مساعدات إنسانية تابعة للأمم المتحدة من دخول», «وصول المفتشين»: the mover within a few words of the
# advance word, before it (the subject, an adjective or two between) or right after it (the masdar's genitive)
_MOVER_REACH = (6, 2)


def _unarmed_mover(t: _Trigger, words: list[str]) -> bool:
    before, after = _MOVER_REACH
    return _any(words[max(0, t.tok - before) : t.tok], _UNARMED_MOVERS) or _any(
        words[t.last + 1 : t.last + 1 + after], _UNARMED_MOVERS
    )


# «القوات» alone before a ground trigger («وهذه القوات التي توغلت», «تمكنت القوات من كسر …») points back at
# the side last named as «قوات …» (event_cues «forces_backref»), up to _FORCES_REACH words before the trigger
# or right after it («وتقدمت القوات»).
_FORCES_BACKREF = _cue("forces_backref")
_FORCES_NAME = "قوات"
_FORCES_REACH = 3


def _sentence_events(article, doc, sent, actors, located, spans, main, ctx, cands) -> list[Event]:
    text = article.text
    s, e = sent.start, sent.end
    if not _any_within(cands, sent.first_token, sent.last_token):  # no word here can start an event
        inherited = _inherited_date(ctx, doc.norm[sent.norm_start : sent.norm_end], article.published)
        _carry_date(ctx, spans.within(s, e), inherited, article)
        return []
    few = _FewToks(doc, sent)
    words = few.words
    my_actors = actors.within(s, e)
    first = sent.first_token
    starts = [
        k - first
        for k in cands[bisect.bisect_left(cands, first) : bisect.bisect_left(cands, sent.last_token)]
    ]
    trigs = _find_triggers(few, _actor_tokens(few, my_actors), starts)
    my_spans = spans.within(s, e)
    prior_forces = ctx.carry_forces  # «القوات» alone points back past this sentence
    forces = [key for a, b, key in my_actors if _FORCES_NAME in text[a:b]]
    ctx.carry_forces = forces[-1] if forces else ctx.carry_forces
    inherited = _inherited_date(ctx, doc.norm[sent.norm_start : sent.norm_end], article.published)
    _carry_date(ctx, my_spans, inherited, article)
    if not trigs or text[s:e].rstrip().endswith(("؟", "?")):
        return []  # «ما هي الجماعات التي تقاتل في إدلب؟»: a headline question tells of no event
    toks = _tokens(few)
    hits = _actor_hits(toks, words, my_actors)  # only now: most sentences have no trigger
    actor_spans = [(a, b) for a, b, _ in my_actors]
    spots = _spots(
        toks,
        words,
        [
            lc
            for lc in located.within(s, e)
            if not any(a < lc.mention.end and lc.mention.start < b for a, b in actor_spans)
        ],
    )
    take_places = set()
    out: list[Event] = []
    prev_date = None
    prev_place: tuple[Located, int, bool] | None = None
    prev_hyp, prev_last = False, -99
    prev_terms = False
    shared: tuple[int, list, str] | None = None  # the places and side of the last trigger that gave events
    # «وكانت قوات النظام قد سيطرت على …» opening a sentence: the pluperfect of background, as «يذكر أن»
    background = _any(words[:2], _BACKGROUND) or (_pluperfect(words) and not _any(words, _RECENT))
    sent_cues = None  # built when a clause first asks for its cues
    first_tok_start = toks[trigs[0].tok].start
    for n, t in enumerate(trigs):
        clause_end = trigs[n + 1].tok if n + 1 < len(trigs) else len(toks)
        hyp = _mood_blocks(t, toks, text, prev_hyp, prev_last)
        # «ينص على مغادرة … ودخول …»: what a deal provides for, and what is coordinated with it
        terms = t.kind not in ("talks", "agreement") and (
            _any(words[max(0, t.tok - 4) : t.tok], _TERMS)
            or (prev_terms and words[t.tok].startswith("و") and t.tok - prev_last <= 8)
            or (n == 0 and _listed_term(toks, text, t.tok))
        )
        prev_hyp, prev_last, prev_terms = hyp, t.last, terms
        if hyp:
            continue
        if background and not my_spans and not _any(words[t.tok : clause_end], _ONGOING):
            continue
        if t.kind in _VIOLENT_TRIGGERS and _any(words[max(0, t.tok - 1) : t.last + 4], _HABITUAL):
            continue  # «قصفت إسرائيل مراراً أهدافاً»: many strikes, none told
        if _not_first_time(words, t.tok):
            continue  # «وليست هذه المرة الأولى التي تهاجم فيها طائرات … قاعدة حميميم»: earlier times, none told
        done_before = _any(words[max(0, t.tok - _DONE_BEFORE_REACH) : t.tok], _DONE_BEFORE)
        if t.kind in _VIOLENT_TRIGGERS and not my_spans and done_before:
            continue  # «إسرائيل التي سبق لها أن قصفت أهدافا», «قد شنت سابقا غارات»: done before, no day
        # «تعرضت البلدة لقصف», «تصدت القوات لهجوم»: the subject is the target or the defender
        suffered = _suffered(words, t.tok, trigs[n - 1 : n])
        cstart, cend = toks[t.tok].start, (toks[clause_end].start if clause_end < len(toks) else e)
        # date
        now = (
            not _NOW_FORMS.isdisjoint(words[t.tok : clause_end])
            or _any(words[max(0, t.tok - 2) : t.last + 3], _RAGING)
            or (t.kind == "take" and _any(words[t.tok : t.tok + 1], _BECAME))
        )  # «معارك تستعر», «تتواصل الاشتباكات», «باتت … تسيطر»: so as the report is written
        pre_start = toks[trigs[n - 1].last].end if n else s
        date_info = _date_for(
            t, toks, my_spans, cstart, _paired_end(trigs, n, words, toks, e, my_spans), first_tok_start, prev_date,
            inherited, article, now, pre_start,
        )
        if date_info[3] == "report" and _lately(words, trigs[n - 1].last + 1 if n else 0, clause_end):
            date_info = _lately_days(article.published)  # «قصفت … مؤخراً», «تستهدف منذ أيام»: the last week
        # «ثلاث ضربات في 16 تشرين الثاني و28 كانون الأول 2017 و8 كانون الثاني 2018»: one event per day
        dates = _listed_dates(my_spans, cstart, cend, article) if date_info[3] == "clause" else []
        date_info = dates[0] if dates else date_info
        prev_date = date_info
        lag = _lag_before(words, t.tok) if date_info[3] in ("sentence", "report") else None
        if lag:  # «أعلنت عنه دمشق الأحد بعد يومين من القصف»: the shelling two days before that Sunday
            date_info = _lagged(date_info, lag)
        # status
        lo = 0 if n == 0 else max(trigs[n - 1].last + 1, t.tok - 3)  # «ستتواصل في موازاة محادثات»
        but = _last_of(words, lo, t.tok, _CONTRAST)  # «كان يفترض إدخال المساعدات، لكن القتال …»
        lo = lo if but is None else but + 1  # the plan stops at «لكن»
        sent_cues = sent_cues or _Cues(words)
        cues = sent_cues.within(lo, clause_end)
        if t.kind in ("talks", "agreement"):
            cues |= sent_cues.within(0, len(words)) & {"postponed"}
        if terms:
            cues.add("planned")
        status = "postponed" if "postponed" in cues else "planned" if "planned" in cues else "happened"
        if status == "happened" and article.published and date_info[0] and date_info[0] > article.published:
            # «قصفت الولايات المتحدة بـ59 صاروخاً»: the missiles of the past verb just before share its tense
            past = _past_deed(t, toks) or (
                n > 0 and _past_deed(trigs[n - 1], toks) and t.tok - trigs[n - 1].last <= _MEANS_REACH_BACK
            )
            a_year_before = _year_before(date_info, my_spans, article.published) if past else None
            if a_year_before is not None:  # «وفي ليل السادس والسابع من أبريل، قصفت» in a report of 4 April
                date_info = a_year_before
            else:
                status = "planned"
        if status == "happened" and _prepared(t, words):
            status = "planned"  # «تستعد قوات النظام لشن هجوم»
        if status == "happened" and t.kind in _FEARED_KINDS and _feared(t, words):
            status = "planned"  # «تزايدت المخاوف من مواجهة بين روسيا والغرب», «تنذر بهجوم بري وشيك»
        if status == "happened" and t.kind in _VIOLENT_TRIGGERS and _debated(words, t.tok):
            status = "planned"  # «التصريحات الغربية بشأن توجيه ضربة», «قرارا وشيكا بشأن توجيه ضربة»
        if status == "happened" or (status == "planned" and _alleged(t, words)):
            status = _mood(t, words)  # «الهجوم الكيماوي المزعوم … الذي يفترض أنه وقع»: alleged, not planned
        said = status in ("denied", "claimed")
        # actors; «المدعومة بغارات التحالف»: the backer struck, but the story goes on with the backed side
        backing = _any(words[max(0, t.tok - 2) : t.tok], _ALLY_BEFORE)
        passive = (t.tok > 0 and _strip(words[t.tok - 1]) in _PASSIVE_AUX) or _object_masdar(t, toks, words)
        # its subject stands just before «تعرض» or between it and the attack word: never the attacker
        doers = hits if suffered is None else [h for h in hits if not suffered - 2 <= h.tok <= t.last]
        # «ضرب أهدافاً رداً على إطلاق صواريخ»: the side that answers did not do what it answers
        answered = _last_of(words, max(0, t.tok - _ANSWERED_REACH), t.tok, _RESPONSE)
        if answered is not None:
            doers = [h for h in doers if h.tok > answered]
        a1, basis = _actor1(t, doers, clause_end, passive, words)
        if answered is not None and not a1:  # «قصف الأهداف الإيرانية … رداً على إطلاق صواريخ»: the side struck
            a1, basis = next(
                ((h.key, "answered") for h in reversed(hits) if h.tok < answered and h.role == "opponent"),
                ("", ""),
            )
        if t.kind in _REMOTE and _any(words[t.last + 1 : t.last + 2], _WESTERN):
            a1, basis = _WESTERN_STRIKER, "after"  # «الضربات الغربية … ضد مواقع للنظام»: the West struck
        host = _host(t, words)
        if host:  # «قمة طهران»: the summit named by its city, hosted by that city's state
            a1, basis = host, "host"
        laid_at = _attributed_to(t, hits, words, clause_end)
        if laid_at:  # «… ونسبتها دمشق وطهران وموسكو إلى إسرائيل»: the side it is laid at
            a1, basis = laid_at, "attributed"
        notifier = _notifier(t, doers, words)
        if notifier:  # «إسرائيل أبلغت روسيا بالغارة»: the one that told the other of its strike made it
            a1, basis = notifier, "notifier"
        setter = _ambusher(t, toks, doers)
        if setter:
            a1, basis = setter, "before"
        repelled = status == "failed" and t.kind in ("armed_clash", "advance")
        attacker = next((h for h in hits if t.last < h.tok <= t.last + 3 and _of_the(words, h.tok)), None)
        defender = ""  # «أحبطت قوات النظام هجوماً لمسلحين»: who repelled an attack is its target, never its maker
        if repelled and attacker is not None:  # «صدت الفصائل هجوماً لقوات النظام»: the attack was the army's
            defender, (a1, basis) = (a1 if a1 != attacker.key else ""), (attacker.key, "after")
        elif repelled and basis == "before" and _any(words[max(0, t.tok - _DEFEND_REACH) : t.tok], _DEFENDING):
            defender, a1, basis = a1, "", ""
        if said and not a1:  # «نفت روسيا أن طائراتها قصفت», «زعم التنظيم أنه سيطر»: the speaker's own deed
            a1, basis = next(
                ((h.key, "speaker") for h in reversed(hits) if h.tok < t.tok and h.role == "speaker"),
                ("", ""),
            )
        if backing:
            a1, basis = next(((h.key, "after") for h in hits if t.last < h.tok <= t.last + 3), (a1, basis))
        leaving = t.kind == "withdrawal" and toks[t.tok].stem in _EXIT
        if leaving and _any(words[t.last + 1 : t.last + 1 + _CAME_OUT_REACH], _CAME_OUT_TO):
            continue  # «خرج فصيل جيش الإسلام لينفي الاتفاق»: came out to deny, nobody left
        if leaving:  # the side that leaves is named after «إجلاء», «خروج»; whoever arranged it is not
            a1, basis = next(
                (
                    (h.key, "after")
                    for h in hits
                    if t.last < h.tok <= t.last + _LEAVER_REACH
                    and (h.role not in ("with", "source", "opponent", "speaker") or _fighters_named(h, words))
                    and not set(words[t.last + 1 : h.tok]) & _RELATIVE  # «الإجلاء التي تشرف عليها روسيا»
                ),
                next(  # «مقاتلو المعارضة يغادرون», «قوات النظام … بدأت عمليات إخلاء»: the subject
                    (
                        (h.key, "before")
                        for h in reversed(hits)
                        if t.tok - 8 <= h.tok < t.tok
                        and toks[t.tok].stem not in _TRANSFER  # «قام النظام بنقل مسلحي داعش»: the mover
                        and h.role in ("", "from")  # «5300 من مسلحي المعارضة غادروا»
                        and not words[h.tok].startswith(_GIVEN_TO)  # «سلم أسلحته للقوات الروسية»: who got them
                    ),
                    ("", ""),
                ),
            )
            if a1 == "United Nations":
                continue
        elif t.kind == "chemical_weapon":
            a1, basis = _accused(t, hits, words)  # «اتهمت روسيا فصائل المعارضة بتنفيذ الهجوم»
            if not a1:  # (an accusation keeps its mood: the gold codes «واتهم النظام بشن هجوم» as happened)
                a1, basis = _perpetrator(t, hits, words)
            accused_after = "" if a1 else _accused_after(t, hits, words)
            if accused_after:  # «الهجوم الكيميائي الذي تتهم الحكومة السورية بشنه»: laid at it, by its accusers
                status, a1, basis = "claimed", accused_after, "accused"
            if not a1 and _alleged(t, words, _REPORTED_REACH) and _default_accused(t, hits, words):
                status, a1, basis = "claimed", _CHEMICAL_ACCUSED, "accused"  # laid at the accused side
            if status == "happened" and _alleged(t, words, _REPORTED_NAMED_REACH):
                status = "claimed"  # «بعد ورود تقارير بضلوع النظام السوري في هجوم كيماوي»: what reports say
            if not a1 and _default_accused(t, hits, words):  # «الهجوم الكيماوي على دوما» told again: the
                a1, basis = ctx.carry_chemical or _CHEMICAL_ACCUSED, "accused"  # side the article laid it at
            ctx.carry_chemical = a1 or ctx.carry_chemical
        elif toks[t.tok].stem in _TARGETING:  # «استهدفت قوات النظام قرى», «داعش استهدف تجمعا لقوات النظام»
            a1, basis = _targeting_actor(t, hits, words)
        if not a1 and (t.cue in _MEETING_VERBS or not _rests(t.cue).isdisjoint(_VISITS)):
            continue  # «زارت … الدوحة»: a visit by nobody the story names is no talks on its map
        if date_info[3] == "since_year" and t.kind != "control":
            continue
        if date_info[3] == "report" and _any(words[max(0, t.tok - 1) : t.tok], _WHEN):
            continue  # «عندما هاجم الأتراك مدينة عفرين»: an undated event that dates another
        if t.kind != "control" and _since_year_gone(t, words, date_info, article):
            continue  # «منذ انسحاب القوات الحكومية منها في عام 2012»: a time reference of a year gone
        if t.kind in ("talks", "agreement") and _years_gone(date_info, article):
            continue  # «رغم أن خط الهدنة في الجولان قائم منذ 1974»: a standing deal told as background
        if t.kind == "chemical_weapon":
            dated = _chemical_date(t, toks, my_spans, cend, article)
            if dated is None:
                continue  # «الهجوم الكيماوي على دوما» told again later: no date of its own, no new event
            date_info = dated
        if (
            not a1
            and not leaving
            and not passive
            and answered is None
            and not _blast(t, toks)  # «انفجرت سيارة مفخخة»: nobody named, nobody carried over
            and not defender  # an attack repelled by a side named, its maker unnamed: nobody carried over
            and t.kind not in ("talks", "agreement", "control", "chemical_weapon")
        ):
            a1, basis = ctx.carry_actor, "previous"
            if t.kind in _GROUND and ctx.carry_ground:  # who took or advanced is who fought on the ground
                a1 = ctx.carry_ground
            subject = words[max(0, t.tok - _FORCES_REACH) : t.tok] + words[t.last + 1 : t.last + 2]
            if prior_forces and _any(subject, _FORCES_BACKREF):
                a1 = prior_forces  # «وهذه القوات التي توغلت»: the forces named last, not the last side
        if (
            a1
            and t.kind not in ("talks", "agreement", "control", "chemical_weapon")
            and not backing
            and not leaving
            and basis != "answered"  # the story goes on with the side that answers, not the one answered
        ):
            ctx.carry_actor = a1
            if t.kind in _GROUND and basis != "previous":
                ctx.carry_ground = a1
        # kind and places
        kind = t.kind
        if kind == "take" and _lost(t, words):
            a1 = _gainer(t, hits, words)  # the loser is never the taker: the side after «لصالح», or none
        if kind == "take":
            if not a1:
                continue
            kind = "gov_regains" if a1 in GOVERNMENT_SIDE else "nsa_overtakes"
            if kind == "gov_regains":  # ACLED's «Government regains territory» is the government's own, its
                a1 = GOVERNMENT  # allies' part in it notwithstanding (Russia's air cover, Iran's militias)
        if kind == "shelling" and _raid(t, toks, words):
            kind = "armed_clash"
        if kind == "armed_clash" and _any(words[t.last + 1 : t.last + 3], _MISSILE):
            kind = "shelling"  # «هجوماً صاروخياً»: fired from afar
        if kind == "armed_clash" and (_air_only(t, words, toks) or _from_afar(t, a1, words, toks)):
            kind = "air_strike"  # «الهجوم الجوي على قاعدة التيفور»: from the air, no ground assault
        ground_fire = toks[t.tok].stem in _GROUND_FIRE  # «قذائف مصدرها إسرائيل»: shells, whoever fired
        if kind == "shelling" and basis in ("", "previous") and _struck_facility(t, toks, words):
            kind = "air_strike"  # «استهدفت قاعدة "تي فور"»: a base struck, nobody named, by the story's air force
        if (
            kind == "shelling"
            and not ground_fire
            and not _artillery_named(t, words)  # «قصف مدفعي وصاروخي»: guns, whoever flies in the story
            and (a1 in _FROM_THE_AIR or _air_context(words, t))
        ):
            kind = "air_strike"
        if kind == "shelling" and _barrels_dropped(t, words, clause_end):
            kind = "air_strike"  # «تعرضت البلدة لقصف سوري بأكثر من 20 برميلا متفجرا»: dropped from the air
        if kind == "air_strike" and _missile_told(t, words):
            kind = "shelling"  # «شن الجيش الإسرائيلي هجوماً صاروخياً», «صواريخ إسرائيلية قصفت»: missiles fired
        if kind in _CEASING_KINDS and t.tok > 0 and _strip(words[t.tok - 1]) in _CEASED:
            continue  # «توقف القصف على دوما»: the shelling stopped, a lull
        if kind == "advance" and _intervention_noun(t, words):
            continue  # «بعد تدخل تركي»: an intervention told, not «she enters»
        if kind == "advance" and (a1 == "United Nations" or (not a1 and _unarmed_mover(t, words))):
            continue  # «وصول المفتشين», «دخول قافلة مساعدات تابعة للأمم المتحدة»: nobody armed moved
        if a1 == "United Nations" and kind not in ("talks", "agreement", "control"):
            a1, basis = "", ""  # the UN reports and brokers; it does not fight
        if kind == "air_strike" and basis == "previous" and ctx.carry_air:
            # «واستهدفت الضربات …» told on: the article's last air force, not its last actor
            a1 = ctx.carry_air
        if kind == "air_strike" and a1 not in AIR_FORCES:  # ground forces do not fly
            a1 = next(
                (
                    h.key
                    for h in hits
                    if h.key in AIR_FORCES and h.role in ("", "from") and not _victim(h, t, words)
                ),
                "",
            )
            if not a1 and ctx.carry_air:
                a1, basis = ctx.carry_air, "previous"
        if kind == "air_strike" and a1:
            ctx.carry_air = a1
        if kind == "air_strike" and a1 != GOVERNMENT and _regime_weapon(t, words, clause_end):
            a1 = GOVERNMENT  # «قصف المدينة بالبراميل المتفجرة», «الطيران المروحي»: the government's own
        if leaving and not a1 and ctx.carry_leaver:
            a1, basis = ctx.carry_leaver, "previous"
        elif leaving and a1:
            ctx.carry_leaver = a1
        elif leaving:
            a1, basis = _DEFAULT_EVACUEE, "default"
        kind = eventtypes.narrowed(kind, words, t.tok, t.last)  # «هجمات انتحارية», «بغاز الكلور»
        target = ""
        if kind in _CLAIMED_ONLY:  # a bombing's maker is named or none; «بسيارة تابعة لقسد»: the side hit
            a1, target = _claimed_only_roles(t, a1, basis, hits, words)
            if kind == "civilian_attack" and target:  # «اغتال … قياديا في هيئة تحرير الشام»: a side's man
                kind = "armed_clash"
        a2 = defender or target or _actor2(a1, t, hits, t.kind in ("talks", "agreement"))
        if kind == "gov_regains" and a2 in GOVERNMENT_SIDE:
            # «سيطر حزب الله على القصير», coded to the government: the ally is its side, not the other
            a2 = ""
        sides = _between(t, hits, words, clause_end) if kind == "armed_clash" else None
        if sides:  # «اشتباكات … بين قوات النظام وعناصر التنظيم»: the two sides, in the order told
            (a1, a2), basis = sides, "after"
        if kind == "shelling" and any(x.kind == "base" for x in trigs):
            continue  # «نقلت منظومة راجمات صواريخ … إلى قاعدة»: a deployment, not an attack
        if kind == "control":
            ev = _control_event(article, t, toks, spots, hits, take_places, date_info, s, e)
            if ev is not None:
                out.append(ev)
            continue
        # «لغارات جوية … ترافقت مع قصف مدفعي»: a second attack at every place of the first, by its side
        accompanied = (
            shared is not None
            and shared[0] == n - 1
            and kind in _VIOLENT_TRIGGERS
            and _accompanies(words, trigs[n - 1].last, t.tok)
        )
        if accompanied and basis not in ("agent", "after", "clause"):  # no side named in its own clause
            a1 = _accompanying_actor(kind, shared[2])
        places = _place_for(kind, t, clause_end, toks, spots, prev_place, main, ctx)
        if accompanied and not any(p[2] for p in places):
            places = shared[1]
        if kind not in ("talks", "agreement"):  # a place borrowed from talks in Moscow is no front line
            places = [p for p in places if _in_theatre(p[0].place)]
            if not _fired_from_syria(words):  # Turkey's raids on Sinjar, a raid's base of take-off
                places = [p for p in places if p[0].place.country == "SY"]
        if kind in _TERRITORIAL:  # ground changes hands in Syria; «مدعوم من أنقرة» is no place left
            places = [p for p in places if p[0].place.country == "SY"]
        if kind == "chemical_weapon":  # Syria's own places only: «رد لندن على الهجوم» is no attack in London
            places = [
                p
                for p in places
                if p[0].place.country == "SY"
                and p[0].place.kind != "country"
                and t.tok - 8 <= _tok_at(toks, p[0].mention.start) <= t.last + 12
            ]
            a2 = ""
        if (
            kind in ("gov_regains", "nsa_overtakes")
            and not any(p[2] for p in places)
            and _unnamed_ground(t, words)
        ):
            continue  # «سيطرة قواته على مساحات واسعة في البلاد»: no ground named, none borrowed
        if not places:
            continue
        if kind == "withdrawal" and a1 in _HOME_SIDES and all(p[0].place.kind == "country" for p in places):
            continue  # «انسحاب سوريا» from a union, the evacuees by default: Syria's own sides never leave it
        if lag and all(p[0].place.kind == "country" for p in places):
            continue  # «بعد 9 أيام من ضربات مماثلة … في مناطق سورية عدة»: an earlier one, told with no place
        if _retold_then(t, words, clause_end, places, date_info):
            continue  # «وأعلنت إسرائيل آنذاك عن ضرب "أهداف إيرانية"»: the strike just told, told again
        if status == "happened" and _the_attack_again(kind, t, toks, places, date_info, main, ctx):
            continue  # «وقال المصور … الذي أصيب في الهجوم»: the attack told before, no day of its own
        if kind in _VIOLENT_TRIGGERS and date_info[1] is not None:
            ctx.last_attack_day, ctx.last_attack_place = date_info[1], places[0][0].place.place_id
        if kind in ("talks",) and _is_venue(places[0][0].place):
            ctx.venues.append(places[0][0].place)
        prev_place = places[0]
        shared = (n, places, a1)
        for loc, prec, local in places:
            place_basis = _place_basis(local, loc, main)
            if kind in ("gov_regains", "nsa_overtakes") and not local:
                prec = max(prec, 2)  # a taking told of a place borrowed from elsewhere is «around» it
            if kind in ("gov_regains", "nsa_overtakes"):
                take_places.add(loc.place.place_id)
            conf = 0.4 + (0.2 if basis in ("after", "before", "clause") else 0.0)
            conf += 0.2 if local else 0.05
            conf += 0.1 if date_info[3] in ("clause", "sentence") else 0.0
            for day in dates or [date_info]:
                out.append(
                    _event(
                        article,
                        kind,
                        status,
                        day,
                        a1,
                        a2,
                        loc,
                        prec,
                        t,
                        toks,
                        s,
                        e,
                        conf,
                        basis,
                        place_basis,
                        salt=str(day[0]) if dates else "",
                    )
                )
                also = _second_kind(kind, t, words, toks)
                if also:
                    out.append(
                        _event(
                            article,
                            also,
                            status,
                            day,
                            a1,
                            a2,
                            loc,
                            prec,
                            t,
                            toks,
                            s,
                            e,
                            conf,
                            basis,
                            place_basis,
                        )
                    )
            if local and loc.mention.start >= 0:
                ctx.last_place = ctx.para_place = ctx.sentence_place = (loc, prec)
                if kind == "agreement":
                    ctx.deal_place = (loc, prec)
    if out:  # (no event made: nothing to merge, but the fatalities still read the sentence, _lead_toll's turn)
        out = _one_strike(eventtypes.one_per_happening(out))
    return _with_fatalities(out, doc, sent)


def _lag_before(words: list[str], tok: int) -> tuple[int, int] | None:
    """(days, months) of a «بعد يومين من», «بعد 3 أيام من», «بعد شهرين من» just before the trigger at `tok`."""
    for k in range(max(2, tok - _LAG_REACH - 1), tok):
        unit = _LAGS.get(words[k - 1]) if words[k] == _MIN else None
        if unit is None:
            continue
        count = words[k - 2] if words[k - 2].isdigit() else ""
        if k - 2 - bool(count) < 0 or _strip(words[k - 2 - bool(count)]) != _AFTER_WORD:
            continue
        n = int(count) if count else 1
        return unit[0] * n, unit[1] * n
    return None


def _months_back(d: date, months: int) -> date:
    y, m = divmod(d.year * 12 + d.month - 1 - months, 12)
    return date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def _lagged(date_info: tuple, lag: tuple[int, int]) -> tuple:
    """The days of an event told as «بعد يومين من» the date its sentence gives: that lapse earlier."""
    first, last, prec, basis = date_info
    days, months = lag
    if first is None or first.year < 2 or (first - date.min).days <= days + 31 * months:
        return date_info
    first, last = (_months_back(d - timedelta(days=days), months) for d in (first, last or first))
    return first, last, max(prec, 2) if months else prec, basis


def _accompanies(words: list[str], prev_last: int, tok: int) -> bool:
    """«لغارات جوية ترافقت مع قصف مدفعي», «معارك وسط قصف جوي»: an accompaniment cue between the trigger
    before and this one, at most ACCOMPANY_GAP words before this one."""
    return _any(words[max(prev_last + 1, tok - ACCOMPANY_GAP) : tok], _ACCOMPANIED)


def _accompanying_actor(kind: str, main_actor: str) -> str:
    """The side of an attack told as going with another: the other's, its ground partner for fighting
    or shelling beside an air force's raids."""
    return main_actor if kind == "air_strike" else _GROUND_PARTNER.get(main_actor, main_actor)


def _retold_then(t: _Trigger, words: list[str], clause_end: int, places, date_info) -> bool:
    """«آنذاك/وقتها» in a clause with neither a place nor a date of its own: the event told before, again
    («وتكرر الأمر في الـ12 منه وأعلنت إسرائيل وقتها أنها ضربت»: a day of its own, a new strike)."""
    borrowed = not any(p[2] is True for p in places) and date_info[3] in ("previous_sentence", "report")
    return borrowed and _any(words[max(0, t.tok - 3) : clause_end], _THEN_RETOLD)


def _one_strike(events: list[Event]) -> list[Event]:
    """«العدوان بالصواريخ على مطار التيفور … وتسقط عدداً من الصواريخ»: the missiles shot down belong to the
    strike the sentence tells at that place; no second, failed one. On the ground it is the other way:
    «صدت الفصائل هجوماً … على اللطامنة، وقتل خلال الاشتباكات …»: the clashes are the repelled attack."""
    told = {(ev.extra["type_key"], ev.place.place_id, ev.status) for ev in events}

    def kept(ev: Event) -> bool:
        key = (ev.extra["type_key"], ev.place.place_id)
        if key[0] == "armed_clash":
            return ev.status != "happened" or (*key, "failed") not in told
        return ev.status != "failed" or (*key, "happened") not in told

    return [ev for ev in events if kept(ev)]


# Between two dates of one list: a comma, «و», «ثم», perhaps «في».
_DATE_JOINER = re.compile(r"^\s*(?:[،,]\s*(?:و|ثم)?|و|ثم)\s*(?:في\s*)?$")


def _listed_dates(my_spans, cstart, cend, article) -> list[tuple[date, date, int, str]]:
    """Two or more day dates listed one after the other in the clause, each its own event's date."""
    days = [  # calendar dates («16 تشرين الثاني»), not «ليل الثلاثاء الأربعاء», which is one night
        sp
        for sp in my_spans
        if cstart <= sp.start < cend and sp.precision == 1 and any(c.isdigit() for c in sp.surface)
    ]
    best: list[TimeSpan] = []
    run: list[TimeSpan] = []
    for sp in days:
        joined = run and _DATE_JOINER.match(normalize(article.text[run[-1].end : sp.start]))
        run = [*run, sp] if joined else [sp]
        best = run if len(run) > len(best) else best
    return [(sp.first, sp.last, sp.precision, "clause") for sp in best] if len(best) > 1 else []


# «باستخدام غاز السارين من مادة "إيزوبروبانول" … على بلدة خان شيخون في شمال غرب سوريا في نيسان/أبريل 2017»:
# the gas, its chemical name and the place struck between the attack word and its date (characters)
_CHEM_DATE_CHARS = 140


def _chemical_date(t, toks, my_spans, cend, article) -> tuple[date, date, int, str] | None:
    """The date told right after «هجوم كيماوي …» («الذي وقع في 7 نيسان», «السبت في دوما»), at most a
    month long; «منذ 2013» counts attacks, it dates none."""
    end = toks[t.last].end
    for sp in my_spans:
        if not (end <= sp.start < min(cend, end + _CHEM_DATE_CHARS)) or (sp.last - sp.first).days > 31:
            continue
        if _since(sp, article):
            continue
        return sp.first, sp.last, sp.precision, "clause"
    return None


_DOERS = _cue("doers")


# The side a chemical attack in Syria is laid at when its own sentence names none: the press of this war
# retells the government's accused attacks (Khan Shaykhun, Douma; the OPCW-UN JIM and ACLED attribute them
# so), and the gold guide codes a chemical attack's actor1 as the accused side.
_CHEMICAL_ACCUSED = "Syrian government"


_ACCUSE = _cue("accuse")
# words from «اتهمت» to the attack it accuses of: «اتهمت روسيا فصائل المعارضة بتنفيذ الهجوم»
_ACCUSE_REACH = 10


_ACCUSED_AFTER_REACH = 4  # «الهجوم الكيميائي الذي تتهم الحكومة السورية بشنه»: the relative, the verb, the side


def _accused_after(t: _Trigger, hits: list[_ActorHit], words: list[str]) -> str:
    """The side a relative clause after the attack accuses («الذي تتهم الحكومة السورية بشنه», «التي
    اتهمت بها قوات النظام»): the first side named after the verb of accusing."""
    hi = min(len(words), t.last + 1 + _ACCUSED_AFTER_REACH)
    rel = _first_of(words, t.last + 1, hi, _RELATIVE)
    if rel is None or rel + 1 >= len(words) or not _any(words[rel + 1 : rel + 2], _ACCUSE):
        return ""
    return next((h.key for h in hits if rel + 1 < h.tok <= rel + 1 + _ACCUSED_AFTER_REACH), "")


def _accused(t: _Trigger, hits: list[_ActorHit], words: list[str]) -> tuple[str, str]:
    """The accused of «اتهم X Y بـ…» (the side named last before the attack, after the verb: VSO «اتهمت
    روسيا فصائل المعارضة بتنفيذ», SVO «روسيا اتهمت المعارضة بشن»); "" when no accusation verb is in reach."""
    lo = max(0, t.tok - _ACCUSE_REACH)
    verb = next((i for i in range(t.tok - 1, lo - 1, -1) if _any(words[i : i + 1], _ACCUSE)), None)
    if verb is None:
        return "", ""
    named = [h for h in hits if verb < h.tok < t.tok]
    return (named[-1].key, "accused") if named else ("", "")


_CONDEMN = _cue("condemn")
_VOICES = _SAY | _CONDEMN | _ACCUSE  # the verbs whose subject speaks of the attack («نددت دمشق»)


def _default_accused(t: _Trigger, hits: list[_ActorHit], words: list[str]) -> bool:
    """The default side is laid at only when it is not itself the one speaking, accusing or condemning
    before the attack («نددت دمشق بالهجوم الكيماوي المزعوم الذي شنه المسلحون»: Damascus accuses the others);
    named otherwise («هدد بتوجيه ضربة للنظام السوري ردا على هجوم كيميائي مفترض») it is still laid at it."""
    return not any(
        h.tok < t.tok and h.key == _CHEMICAL_ACCUSED and h.tok > 0 and _any(words[h.tok - 1 : h.tok], _VOICES)
        for h in hits
    )


def _perpetrator(t: _Trigger, hits: list[_ActorHit], words: list[str]) -> tuple[str, str]:
    """Who used the weapon, only when the text says so («شنته قوات النظام», «النظام … شن هجوماً
    كيماوياً»): accusers, reacting states and the place's defenders are named around it far more often."""
    for h in hits:
        if t.tok < h.tok < t.last and h.role == "":
            return h.key, "after"  # «هجوم النظام السوري بالكيماوي»: the attacker in the genitive
    for h in hits:
        if (
            t.last < h.tok <= t.last + 5
            and h.role in ("", "from")
            and _any(words[t.last + 1 : h.tok], _DOERS)
        ):
            return h.key, "after"
    for h in reversed(hits):
        if t.tok - 4 <= h.tok < t.tok and h.role == "" and _any(words[h.tok + 1 : t.tok], _DOERS):
            return h.key, "before"
    return "", ""


def _targeting_actor(t: _Trigger, hits: list[_ActorHit], words: list[str]) -> tuple[str, str]:
    """The subject of «استهدف»: right after the verb (not «لقوات»), else before it; never its object."""
    nxt = words[t.last + 1] if t.last + 1 < len(words) else ""
    for h in hits:
        if h.tok == t.last + 1 and not nxt.startswith("ل") and h.role not in ("source", "with", "speaker"):
            return h.key, "after"
    before = [h for h in hits if h.tok < t.tok and h.role in ("", "from")]
    return (before[-1].key, "before") if before else ("", "")


def _artillery_named(t: _Trigger, words: list[str]) -> bool:
    """«قصف مدفعي», «القصف المدفعي والصاروخي»: the word right after the shelling word says it was fired by guns
    (joined by «و» it is a second kind beside an air word, «قصف جوي ومدفعي», and says nothing of this one)."""
    after = words[t.last + 1 : t.last + 2]
    return bool(after) and not after[0].startswith("و") and _any(after, _GROUND_WORDS)


def _second_kind(kind: str, t: _Trigger, words: list[str], toks: list[_Tok]) -> str:
    """The second event one trigger tells: the air strike of a «حملة برية وجوية», the shelling of a
    «القصف الجوي والمدفعي»; else ""."""
    if kind == "armed_clash" and _air_campaign(words, t, toks):
        return "air_strike"
    if kind == "air_strike" and t.kind == "shelling" and _any(words[t.last + 1 : t.last + 4], _GROUND_WORDS):
        return "shelling"
    if (
        kind == "air_strike"
        and _strip(words[t.tok]) in _TARGETING
        and _any(words[max(0, t.tok - _AIR_SUBJECT_REACH) : t.tok], _GROUND_WORDS)
    ):
        return "shelling"  # «طائرات النظام السوري ومدفعيته استهدفت دوما»: its guns fired too
    return ""


def _raid(t: _Trigger, toks: list[_Tok], words: list[str]) -> bool:
    """«مسلحين استهدفوا مدينة السويداء»: a targeting whose subject is gunmen, with no aircraft or shells."""
    lead = _bare(words[max(0, t.tok - 3) : t.tok])
    after = _bare(words[t.last + 1 : t.last + 4])
    subject = lead | _bare(words[t.last + 1 : t.last + 2])  # SVO or VSO
    return (
        toks[t.tok].stem in _TARGETING
        and bool(subject & _RAIDERS)
        and not (lead | after) & (_AIRCRAFT | _MISSILES | _GROUND_FIRE)
    )


# Sides that fight in Syria from the air and from afar: their «هجوم» on a Syrian site is a strike.
_AIR_ONLY = {"United States", "US-led coalition", "Israel"}
# Sides whose shelling of a Syrian place is from the air (or by missiles from afar): an air strike.
_FROM_THE_AIR = _AIR_ONLY | {"Russia"}


def _from_afar(t: _Trigger, a1: str, words: list[str], toks: list[_Tok]) -> bool:
    """«شنت الولايات المتحدة هجوماً استهدف مواقع»: an attack noun of a side that strikes from afar, with no
    ground word («بري») beside it."""
    near = _bare(words[t.last + 1 : t.last + 4])
    if toks[t.tok].stem in _ATTACK_VERBS:  # «إسرائيل هاجمت عشرات الأهداف», «هاجمت الطائرات …»
        subject = words[max(0, t.tok - 2) : t.tok] + words[t.last + 1 : t.last + 2]
        return (a1 in _AIR_ONLY or _any(subject, _AIRCRAFT)) and not near & _LAND_WORDS
    launched = _any(words[max(0, t.tok - 3) : t.tok], _LAUNCH) or _any(words[t.last + 1 : t.last + 2], _STRIKER_NISBAS)
    return a1 in _AIR_ONLY and toks[t.tok].stem in _ATTACK_NOUNS and bool(launched) and not near & _LAND_WORDS


_STRIKER_NISBAS = _cue("striker_nisbas")  # «لهجوم إسرائيلي»: told by the striker's nisba, no launching word


# «ضربات صاروخية»: the gold names the Western and the unclaimed missile strikes of April 2018 by the strike noun
# as air strikes (heldout17, heldout32), so the strike noun keeps its own type; «هجوم صاروخي», «قصف صاروخي» do not.
_STRIKE_NOUNS = _cue("strike_nouns")
_MISSILE_SUBJECT_REACH = 2  # «صواريخ إسرائيلية قصفت»: the missiles and their nisba before the verb


def _missile_told(t: _Trigger, words: list[str]) -> bool:
    """«هجوماً صاروخياً», «الضربات الصاروخية», «صواريخ إسرائيلية قصفت موقعاً»: the attack is told as missiles
    fired, ACLED's missile sub-event (shelling) whoever fired them; not when an aircraft or air word stands beside
    it («غارات جوية وصاروخية», «طائرات … أطلقت صواريخ»)."""
    if _air_context(words, t) or _any(words[t.tok : t.tok + 1], _STRIKE_NOUNS):
        return False
    if _any(words[t.last + 1 : t.last + 2], _MISSILE):
        return True
    after = words[t.last + 1 : t.last + 1 + _MEANS_FOLD_REACH]  # «هجوما عسكريا … بإطلاق 59 صاروخا»
    if _any(after, _WEAPON_MEANS) and _any(after, _MISSILES):
        return True
    return _any(words[max(0, t.tok - _MISSILE_SUBJECT_REACH) : t.tok], _MISSILES)


def _air_only(t: _Trigger, words: list[str], toks: list[_Tok]) -> bool:
    """«هجوم جوي»: an attack noun qualified as from the air, with no ground one beside it («وبري»)."""
    after = _bare(words[t.last + 1 : t.last + 4])
    return (
        toks[t.tok].stem in _ATTACK_NOUNS
        and _any(words[t.last + 1 : t.last + 2], _AIR_WORDS)
        and not (after & _LAND_WORDS)
    )


def _air_campaign(words: list[str], t: _Trigger, toks: list[_Tok]) -> bool:
    """A military operation or campaign said to be from the air as well as on the ground."""
    head = toks[t.tok].stem in _OPERATION or toks[t.tok].stem in _ATTACK_NOUNS  # «حملة», «هجوم جوي وبري»
    return head and _any(words[t.last + 1 : t.last + 5], _AIR_WORDS)


def _demonstrative(toks: _Toks, t: _Trigger, clause_end: int) -> bool:
    """«من هذه المنطقة», «هذا الجيب» in the clause: a place of the previous sentence is meant."""
    words = toks.words[max(0, t.tok - 3) : clause_end]
    if _PLACE_NOUNS.isdisjoint(words[1:]):
        return False  # (no noun of place at all: the usual case, one set test)
    return any(
        _strip(a) in _DEMONSTRATIVE and b in _PLACE_NOUNS for a, b in zip(words, words[1:], strict=False)
    )


def _described_referent(toks: _Toks, t: _Trigger, first: _Spot) -> bool:
    """«الإجلاء … من المدينة التي تعد آخر جيب للمعارضة قرب دمشق»: the event's place is a place noun (set
    «described_settlement») that a relative clause describes, so the place last told is meant; the places named inside the
    clause only describe it (QA: the evacuation of Douma drawn at Damascus)."""
    words = toks.words[t.anchor + 1 : first.tok]
    return any(a in _DESCRIBED_SETTLEMENT and _strip(b) in _RELATIVE for a, b in zip(words, words[1:], strict=False))


def _tok_at(toks: _Toks | _FewToks, offset: int) -> int:
    return max(0, bisect.bisect_right(toks.starts, offset) - 1)


# «طائرات النظام السوري ومدفعيته استهدفت»: the aircraft, their side and a coordinated gun before the verb
_AIR_SUBJECT_REACH = 5


def _struck_facility(t: _Trigger, toks: list[_Tok], words: list[str]) -> bool:
    """«استهدفت قاعدة …», «باستهداف مطار …»: the targeting verb or masdar with an airbase or base right after."""
    return toks[t.tok].stem in _TARGETING and _any(words[t.last + 1 : t.last + 2], _STRUCK_FACILITIES)


def _air_context(words: list[str], t: _Trigger) -> bool:
    near = words[t.last + 1 : t.last + 5]
    # «القصف والغارات الجوية»: the air word after a coordinated attack noun qualifies that noun
    near = near[: next((k for k, w in enumerate(near) if _coordinated_attack(w)), len(near))]
    if _strip(words[t.tok]) in _TARGETING and _any(
        words[max(0, t.tok - _AIR_SUBJECT_REACH) : t.tok], _AIRCRAFT
    ):
        return True  # «طائرات التحالف تستهدف», «طائرات النظام السوري ومدفعيته استهدفت»
    if _any(words[t.last + 1 : t.last + 2], _AIRCRAFT) or _any(words[max(0, t.tok - 2) : t.tok], _AIRCRAFT):
        return True  # «قصفت مقاتلات حربية سورية …», «الطائرات الحربية قصفت …»: the subject flies
    return any(
        w.lstrip("وبل").startswith(("طير", "طاير", "الطير", "الطاير", "جوي", "الجوي", "لطير")) for w in near
    )


def _attack_word(w: str) -> bool:
    """«غارات», «ضربات», «قذائف»: a word that is itself a trigger of an attack from afar or a fight."""
    word = _lexical(w)[5] if w else None
    return word is not None and word[0] in _VIOLENT_TRIGGERS


def _coordinated_attack(w: str) -> bool:
    """«والغارات», «والقصف»: a remote attack noun joined by «و» to the one before."""
    word = _lexical(w)[5]
    return w.startswith("و") and word is not None and word[0] in _REMOTE and word[1].startswith("و")


# A previous sentence's date ending more than this many days before the report is carried on only when the
# sentence points back at it («وقتها», «هذا الاتفاق», «تلك المعارك»): a paragraph that opens with when an
# offensive began («وبدأت تركيا في 20 كانون الثاني …») goes on with the day's news. Two weeks: the gold's carried
# dates of the tuning splits are within a week of their report, or the sentence names the earlier time.
_CARRY_MAX_DAYS = 14
_POINTS_BACK = _cue("carry_back")


def _stale(ctx: _Ctx, norm_sentence: str, published: date | None) -> bool:
    last = ctx.carry_date[1]
    if published is None or last is None or (published - last).days <= _CARRY_MAX_DAYS:
        return False
    return not _any(norm_sentence.split(), _POINTS_BACK)


def _inherited_date(ctx: _Ctx, norm_sentence: str, published: date | None = None) -> tuple[date, date, int] | None:
    if ctx.carry_date is None or _stale(ctx, norm_sentence, published):
        return None
    first, last, prec = ctx.carry_date
    m = _DAYS_AFTER.search(norm_sentence)
    if m:  # «ويأتي ذلك بعد يوم من إعلان …»: the event told here is that many days earlier
        days = (
            1
            if m.group(1) == normalize("يوم")
            else 2
            if m.group(1) == normalize("يومين")
            else int(m.group(2))
        )
        if first - date.min <= timedelta(days=days):
            return ctx.carry_date  # a date at the calendar's start (only from callers that skip the reader)
        return first - timedelta(days=days), last - timedelta(days=days), prec
    return ctx.carry_date


_LATELY = _cue("lately")
_SINCE_DAYS = re.compile(normalize(r"منذ (عدة |بضعة )?أيام"))  # «تستهدف منذ أيام», «منذ عدة أيام»
# «مؤخراً», «منذ أيام» with no date of its own: some day of the week before the report (the gold guide dates
# «قبل أيام» two days before it, p2); a week, as dates.py reads «قبل أيام» and «الأيام الماضية».
_LATELY_DAYS = 7


def _lately(words: list[str], lo: int, hi: int) -> bool:
    if _any(words[lo:hi], _LATELY):
        return True
    return _SINCE_DAYS.search(" ".join(words[lo:hi])) is not None


def _lately_days(published: date) -> tuple[date, date, int, str]:
    first = published - timedelta(days=_LATELY_DAYS) if published > date.min + timedelta(days=_LATELY_DAYS) else date.min
    return first, published, 2, "report"  # still relative to the report


def _report_days(published: date) -> tuple[date, date, int, str]:
    """News of the day with no date in its text: the publication day or the day before (precision 2)."""
    first = published - timedelta(days=1) if published > date.min else published
    return first, published, 2, "report"


_PAIRED_GAP = 2  # «غارات جوية وقصف مدفعي»: an adjective between the two attack words


def _paired_end(trigs: list[_Trigger], n: int, words: list[str], toks, e: int, spans=()) -> int:
    """Where the clause of trigger n ends for its date: past the attack words joined to it by «و» right after it or its adjective
    («لقصف وغارات كثيفة تنفذها قوات النظام منذ 18 شباط»: both since that day), past the fight a taking was made by
    («استعادة الحكومة … حلب في معارك شرسة خلال 2016»: _MEANS_OF_TAKING), else at the next trigger."""
    m = n
    if m + 1 < len(trigs) and _taken_by_fight(trigs[m], trigs[m + 1], words, toks, spans):
        m += 1
    while (
        m + 1 < len(trigs)
        and trigs[m].kind in _VIOLENT_TRIGGERS
        and trigs[m + 1].kind in _VIOLENT_TRIGGERS
        and trigs[m + 1].tok - trigs[m].last <= _PAIRED_GAP
        and words[trigs[m + 1].tok].startswith("و")
    ):
        m += 1
    end = trigs[m + 1].tok if m + 1 < len(trigs) else len(toks)
    return toks[end].start if end < len(toks) else e


_MEANS_OF_TAKING = _cue("means_of_taking")
# «في معارك شرسة خلال 2016»: the fight's date stands within this many words after it (an adjective or two) to date
# the taking too; further on, a clause of the fight's own («إثر هجوم عنيف بدأ في 18 شباط») dates its start only.
_MEANS_DATE_REACH = 3


def _taken_by_fight(take: _Trigger, fight: _Trigger, words: list[str], toks, spans) -> bool:
    """A fight told right behind «في/خلال/إثر» after a taking, and dated right after, is the way the place was
    taken, and its date the taking's (_paired_end)."""
    if take.kind != "take" or fight.kind not in _VIOLENT_TRIGGERS or words[fight.tok - 1] not in _MEANS_OF_TAKING:
        return False
    reach = fight.last + 1 + _MEANS_DATE_REACH
    hi = toks[reach].start if reach < len(toks) else float("inf")
    return any(toks[fight.last].end <= sp.start < hi for sp in spans)


def _date_for(t, toks, my_spans, cstart, cend, first_tok_start, prev_date, inherited, article, now=False, pre_start=None):
    """(first, last, precision, basis) for one clause; «حالياً» in it means the report's days."""
    trig_start = toks[t.tok].start
    pre_start = cstart if pre_start is None else pre_start
    # «منذ 2012», «منذ يناير»: how long a state has lasted, not when this clause's event happened
    # (kept when the sentence has no other date: «مواجهات … منذ الشهر الماضي» still goes on)
    other = [sp for sp in my_spans if not (_since(sp, article) and (sp.last - sp.first).days > 7)]
    my_spans = other or my_spans
    in_clause = [
        sp
        for sp in my_spans
        if (
            cstart <= sp.start < cend
            or _since_before_trigger(sp, pre_start, cstart, article)
            or (not toks[t.tok].text.startswith("و") and _right_before(sp, pre_start, trig_start, article))
        )
        and not _state_since(sp, toks, t, article)
        and not _other_verbs_date(sp, toks, t, article)
        and not _relative_clause_date(sp, toks, t, article)
    ]
    if in_clause:
        sp = min(in_clause, key=lambda x: abs(x.start - trig_start))
        if _since(sp, article) and (sp.last - sp.first).days > 92:
            return None, None, 3, "since_year"  # «قصفت إسرائيل مراراً منذ 2011»: habit, no event date
        return sp.first, _until(sp, article), sp.precision, "clause"
    prefix = [sp for sp in my_spans if sp.start < first_tok_start and not _however_between(toks, sp.end, trig_start)]
    if now and article.published:  # «بعد تحرير الموصل في حزيران الماضي وتحرير الرقة حالياً»
        return _report_days(article.published)
    if prefix:
        sp = prefix[-1]
        return sp.first, _until(sp, article), sp.precision, "sentence"
    if prev_date is not None and prev_date[3] in ("clause", "sentence") and not _however_between(toks, pre_start, trig_start):
        return prev_date[0], prev_date[1], prev_date[2], "sentence"
    if inherited is not None:
        return inherited[0], inherited[1], inherited[2], "previous_sentence"
    if article.published:
        return _report_days(article.published)
    return None, None, 3, "none"


# «اتخذ القرار في نهاية الأسبوع، إلا أن تركيا تقول إن أنقرة حرة في مواصلة هجومها»: «إلا أن» (however) opens a
# clause of its own, told of its own time: a day named before it in the sentence does not date the deed after it
# (which then takes the paragraph's or the report's days). («لكن» is left alone: read so, it cost heldout17 two events
# dated rightly by the day before it.)
_HOWEVER = _cue("however")  # «إلا», read only right before «أن»
_THAT_AFTER_HOWEVER = normalize("أن")  # the same word as _THAT_SUBJUNCTIVE, read after «إلا»


def _however_between(toks: _Toks, lo: int, hi: int) -> bool:
    """«إلا أن» stands between the offsets lo and hi of the sentence (both its words)."""
    if toks.however is None:
        toks.however = _however_at(toks.words)
    if not toks.however:
        return False  # (most sentences: no «إلا أن» at all)
    a, b = bisect.bisect_left(toks.starts, lo), bisect.bisect_left(toks.starts, hi)
    return any(a <= k and k + 1 < b for k in toks.however)


def _however_at(words: list[str]) -> tuple[int, ...]:
    """The indices k of the sentence's words where «إلا أن» stands (words k and k + 1)."""
    if _HOWEVER.isdisjoint(words):
        return ()
    return tuple(
        k for k in range(len(words) - 1) if words[k] in _HOWEVER and words[k + 1] == _THAT_AFTER_HOWEVER
    )


# «وتشن قوات النظام منذ 19 حزيران عملية عسكرية»: a «منذ» day or week between the previous trigger and this one
# dates this one's start, as a span in its clause would; a longer one («منذ عام 2015») tells of a state.
_SINCE_BEFORE_DAYS = 7


def _since_before_trigger(sp: TimeSpan, lo: int, hi: int, article: Article) -> bool:
    return lo <= sp.start < hi and (sp.last - sp.first).days <= _SINCE_BEFORE_DAYS and _since(sp, article)


_MONTH = 3  # TimeSpan.precision of a month or a year
_YEAR_WORDS = re.compile(r"\d{4}|" + normalize("عام") + "|" + normalize("سنة"))


def _past_deed(t: _Trigger, toks) -> bool:
    """«قصفت», «شنت»: an attack told by a verb in the past tense (not a noun, not a verb of the present)."""
    w = toks[t.tok].stem
    return (
        t.kind in _ATTACKS
        and w not in _clitic_forms(_NOUN_TRIGGERS)
        and not w.startswith("ال")
        and not w.startswith(_PRESENT_PREFIXES)
    )


_MEANS_REACH_BACK = 5  # «قصفت الولايات المتحدة بـ59 صاروخاً»: the verb, its subject, the count, the missiles


_PRESENT_PREFIXES = ("ي", "ت", "ن", "س")  # «يقصف», «تشن», «نضرب», «سيقصف»


def _year_before(date_info: tuple, my_spans: list[TimeSpan], published: date) -> tuple | None:
    """A day and month told with no year («في ليل السادس والسابع من أبريل») that dates a deed told in the past
    tense but falls after the report's own day is that day of the year before (dates.py, blind to tense,
    reads the report's year); the date it gives in that year, else None (a stated year, or still after the
    report)."""
    first, last, prec, basis = date_info
    sp = next((sp for sp in my_spans if sp.first == first), None)
    if sp is None or last is None or not names_month(sp.surface) or _YEAR_WORDS.search(normalize(sp.surface)):
        return None  # «أمس», «السبت»: counted from the report, never after it in the text's own reckoning
    try:
        first, last = first.replace(year=first.year - 1), last.replace(year=last.year - 1)
    except ValueError:  # 29 February
        return None
    return (first, last, prec, basis) if last <= published else None


def _right_before(sp: TimeSpan, lo: int, trig_start: int, article: Article) -> bool:
    """«وكان ترامب شن العام الماضي ضربات صاروخية … وحذر السبت»: a month or year between the verb and the event
    word, nothing else between it and the word, dates the event (nearer than a day told past it for another
    verb). Not a day: «في الثامن من تموز بقصف …، وتكرر الأمر في الـ12 منه» keeps its clause's own days; not
    before «و»: «تحرير دير الزور في حزيران الماضي وتحرير الرقة حالياً» (the month is the clause before's)."""
    return (
        sp.precision == _MONTH
        and lo <= sp.start
        and sp.end <= trig_start
        and not article.text[sp.end : trig_start].strip()
    )


def _since_year_gone(t: _Trigger, words: list[str], date_info, article: Article) -> bool:
    """«منذ انسحاب القوات الحكومية منها في عام 2012», «منذ تدخل روسيا في الحرب عام 2015»: an event after
    «منذ» dated by a bare earlier year is when a state began, told as background; «منذ سيطرتها على مسكنة في 4
    يونيو» (a day) is still news."""
    return t.tok > 0 and _SINCE in _rests(words[t.tok - 1]) and _earlier_year(date_info, article)


_OF_A_STATE = _cue("relative") | {normalize("حيث"), normalize("إطار")}


def _state_since(sp: TimeSpan, toks, t: _Trigger, article: Article) -> bool:
    """«استهدفت الطائرات التركية موقعاً … حيث تساند المقاتلين الأكراد منذ نحو أسبوعين», «في إطار عملية بدأت
    منذ نحو شهرين»: a «منذ» span after a relative word or «حيث/إطار» past the trigger dates the state described
    there, not the deed told before it."""
    since = _since(sp, article) or normalize(sp.surface).split()[:1] == [_SINCE]  # «منذ نحو أسبوعين» itself
    if not since or sp.start <= toks[t.last].end:
        return False
    k = _tok_at(toks, sp.start)
    return _first_of(toks.words, t.last + 1, k, _OF_A_STATE) is not None


_OTHER_VERB = _cue("other_verb")


def _other_verbs_date(sp: TimeSpan, toks, t: _Trigger, article: Article) -> bool:
    """«السيطرة على مدينة عفرين، بعدما بدأ في 20 يناير حملة»: a span past the trigger and past a conjunction
    opening a verb of its own (cue set «other_verb») dates that verb, not the trigger's event. Only a day: a
    stretch of days («تتواصل اشتباكات بعدما تمكنت … خلال الأيام الماضية») still spans the fighting told beside it."""
    if sp.precision != 1 or sp.start <= toks[t.last].end:
        return False
    between = normalize(article.text[toks[t.last].end : sp.start])
    return _other_verb_pattern().search(between) is not None


def _relative_clause_date(sp: TimeSpan, toks, t: _Trigger, article: Article) -> bool:
    """«دخلت القوات جنوب مدينة درعا … ورفعت العلم في المدينة التي شهدت مهد الاحتجاجات … عام 2011»: a span past a
    deed told by a verb and past a relative pronoun (cue set «relative») dates the relative clause, which
    describes a noun after the deed, not the deed, unless a comma closed it before the span. A deed told by a
    noun keeps it: «الهجوم الذي شنته تركيا في 20 يناير» is dated by its relative clause."""
    w = toks[t.tok].stem
    if sp.start <= toks[t.last].end or w.startswith("ال") or w in _clitic_forms(_NOUN_TRIGGERS):
        return False
    between = normalize(article.text[toks[t.last].end : sp.start]).split()
    rel = max((k for k, w in enumerate(between) if w in _RELATIVE), default=None)
    # a comma closes the relative clause: «وتركيا التي تدعم التمرد، في 4 مايو» dates the deed again
    return rel is not None and not any(c in w for w in between[rel:] for c in "،,")


@lru_cache(maxsize=1)
def _other_verb_pattern() -> re.Pattern:
    """Any word of «other_verb» standing between spaces or the ends: one compiled search, not one per word."""
    if not _OTHER_VERB:
        return re.compile("(?!)")
    words = "|".join(map(re.escape, sorted(_OTHER_VERB, key=len, reverse=True)))
    return re.compile(rf"(?:^|\s)(?:{words})(?:\s|$)")


def _since(sp: TimeSpan, article: Article) -> bool:
    return _since_before(article.text[max(0, sp.start - 8) : sp.start])


def _since_before_of(before: str) -> bool:
    """The (original) text before a span ends in «منذ» or «ومنذ»."""
    words = normalize(before).split()
    return bool(words) and words[-1] in (_SINCE, "و" + _SINCE)


_since_before = _PerWord(_since_before_of).__getitem__  # once per distinct eight characters before a span


def _until(sp: TimeSpan, article: Article) -> date:
    """«منذ الأربعاء»: from that day up to the report, for a day or week span; else the span's end."""
    if _since(sp, article) and sp.precision <= 2 and article.published and sp.last < article.published:
        return article.published
    return sp.last


# The third value of a place choice when it comes from the paragraph's previous event, not this sentence:
# falsy like «not named here», and told apart from it by identity.
DISCOURSE = None


# An attack the article has told as this many days before its report is history, not the news of the day.
_PAST_ATTACK_DAYS = 60


def _the_attack_again(kind: str, t: _Trigger, toks, places, date_info, main: Located | None, ctx) -> bool:
    """«المشاركين في الهجوم», «أصيب في الهجوم»: after an attack told as long past (Marie Colvin's death in
    Homs in 2012), a definite attack word after «في» with no day of its own and no place but the article's
    main place or that attack's points back at it, not at a new one on the report's day."""
    last_day = ctx.last_attack_day
    return (
        kind in _VIOLENT_TRIGGERS
        and last_day is not None
        and date_info[1] is not None
        and (date_info[1] - last_day).days > _PAST_ATTACK_DAYS
        and t.tok == t.last
        and t.tok > 0
        and toks.words[t.tok - 1] == _IN  # «في الهجوم»: the attack as the setting of what is told
        and toks[t.tok].stem.startswith("ال")
        and date_info[3] == "report"
        and all(_main_or_that_place(loc, local, main, ctx.last_attack_place) for loc, _, local in places)
    )


def _main_or_that_place(loc: Located, local, main: Located | None, place_id: str) -> bool:
    return (not local and loc is main) or loc.place.place_id == place_id


def _place_basis(local, loc: Located, main: Located | None) -> str:
    """extra["place_basis"]: clause (named there), discourse (the paragraph's previous event), article
    (its main place), sentence (elsewhere in the sentence)."""
    if local:
        return "clause"
    return "discourse" if local is DISCOURSE else "article" if loc is main else "sentence"


# Kinds of place no event is placed at: a river or a lake is a line or a sheet of water hundreds of
# kilometres across («شرق نهر الفرات» locates a fight, it is not where it was); over the tuning splits every
# event placed at one (7 of 7) matched no gold event.
_NO_EVENT_KINDS = frozenset({"river", "lake"})


def _place_for(kind, t, clause_end, toks, spots, prev_place, main, ctx):
    """[(Located, geo_precision, named-in-clause)], several for a list after a territory verb; never a river."""
    if kind not in _TERRITORIAL:  # «هجوماً عند ضفاف نهر الفرات قرب مدينة الميادين»: the town
        spots = [sp for sp in spots if sp.loc.place.kind not in _NO_EVENT_KINDS]
    places = _place_for_any(kind, t, clause_end, toks, spots, prev_place, main, ctx)
    return [p for p in places if p[0].place.kind not in _NO_EVENT_KINDS]


# «قمة طهران», «قمة أنقرة»: a capital right after a summit word names the summit's host (geo/rules/actors.jsonl
# capital rows; summit_capital says the capital is the venue there, not a side)
_HOSTS = {normalize(n): actor for n, actor in CAPITALS.items()}


def _host(t: _Trigger, words: list[str]) -> str:
    if t.kind != "talks" or _rests(words[t.tok]).isdisjoint(_SUMMIT) or t.last + 1 >= len(words):
        return ""
    return _HOSTS.get(words[t.last + 1], "")


def _reason_at(words: list[str], lo: int, hi: int) -> int | None:
    """Where in [lo, hi) another event is told as the answered one or the background («رداً على إطلاق
    صواريخ», «على خلفية الهجوم», «بعد الهجوم على دوما»), if it is."""
    cued = _first_of(words, lo, hi, _REASON)
    # «بعد» before the clause's end, the attack word (the next trigger, which may end the clause) just after it,
    # or past the words that tell it reported («بعد اتهامات بشن هجوم»)
    top = min(hi + AFTER_LINK_WORDS + 1, len(words))
    after = next((b for k in range(lo + 1, top) if (b := _after_of(words, k, lo)) is not None), None)
    return min((k for k in (cued, after) if k is not None and k < hi), default=None)


AFTER_LINK_WORDS = 2  # «بعد اتهامات بشن هجوم»: at most two words between «بعد» and the attack word


def _after_of(words: list[str], k: int, lo: int) -> int | None:
    """Where «بعد» stands if word k is an attack word told after it («بعد الهجوم», «بعد اتهامات بشن هجوم»)."""
    if words[k] in _clitic_forms(_AFTER_ATTACK) and _strip(words[k - 1]) == _AFTER_WORD:
        return k - 1  # «الهجوم» not after «بعد» is the attack told itself
    if _bare([words[k]]).isdisjoint(_ATTACK_FORMS):
        return None
    j = k - 1
    while j > max(lo, k - 1 - AFTER_LINK_WORDS) and words[j] in _clitic_forms(_AFTER_LINK):
        j -= 1
    return j if j < k - 1 and j >= lo and _strip(words[j]) == _AFTER_WORD else None


# «على سوريا», «ضد سوريا» (as «في سوريا»): the country itself is where a strike told with no finer place fell,
# not the article's main place (without one, «على/ضد سوريا» adds no event: over the tuning splits those were
# unmatched)
_AT_COUNTRY = frozenset(normalize(w) for w in ("في", "على", "ضد"))


def _on_country(toks, sp, t: _Trigger) -> bool:
    return toks[sp.tok - 1].text in _AT_COUNTRY and not _purpose(toks, t)


def _purpose(toks, t: _Trigger) -> bool:
    """«التي دفعت الولايات المتحدة لشن ضربات جوية على سوريا»: the strike as the aim of what is told (its place
    stays the article's; over the tuning splits such a strike «على سوريا» matched no gold event)."""
    return t.tok > 0 and toks[t.tok - 1].text.startswith("ل") and _any([toks[t.tok - 1].text[1:]], _WAGE)


def _place_for_any(kind, t, clause_end, toks, spots, prev_place, main, ctx):
    if kind not in (*_STRIKES, "chemical_weapon") or (
        kind == "armed_clash" and toks[t.tok].stem.startswith("ال")
    ):
        # «المدينة», «البلدة» point back for a shelling, a strike or a fight told anew, not for a taking (the
        # territory stage would hand a place over on a pronoun) nor for «المعركة», which points back itself
        spots = [sp for sp in spots if not _anaphoric(sp.loc)]
    named = bool(spots)  # the sentence names a place (used or not)
    if kind == "talks":
        return _venue_for(t, clause_end, toks, spots, ctx)
    with_dest = spots
    if kind in ("agreement", "withdrawal"):
        spots = [sp for sp in spots if not sp.dest]
    if kind == "withdrawal":  # «… إلى مناطق سيطرة القوات الحكومية في ريف حلب»: where they go
        to_forms = _clitic_forms(_TO)  # (a word w is _any([w], _TO) when it is one of these)
        to = next((k for k in range(t.last + 1, clause_end) if toks[k].text in to_forms), None)
        if to is not None:
            spots = [sp for sp in spots if not (to < sp.tok < clause_end)]
    if kind == "agreement":
        after = [sp for sp in spots if t.anchor < sp.tok < clause_end and sp.loc.place.kind != "country"]
        venues = [sp for sp in spots if _is_venue(sp.loc.place)]
        if after:
            return [(after[0].loc, _prec(after[0]), True)]
        if _any(toks.words[t.last + 1 : t.last + 1 + _TERMS_GAP], _TERMS_VERBS):
            to = next((k for k in range(t.last + 1, len(toks)) if _any([toks[k].text], _TO)), len(toks))
            termed = [sp for sp in spots if t.anchor < sp.tok < to and sp.loc.place.kind != "country"]
            if termed:  # «اتفاق يقضي بخروج عناصر جيش الإسلام من دوما»: the deal of the place its terms name
                return [(termed[0].loc, _prec(termed[0]), True)]
        framed = _framed_by_deal(t, clause_end, toks, spots)
        if framed is not None:  # «بموجب اتفاق تسوية …، قام النظام بنقل مسلحي داعش من حوض اليرموك»
            return [(framed.loc, _prec(framed), True)]
        if venues:
            return [(venues[0].loc, venues[0].loc.geo_precision, True)]
        syria = [
            sp
            for sp in spots
            if t.anchor < sp.tok < min(clause_end, t.anchor + 6) and sp.loc.place.country == "SY"
        ]
        if syria:  # «وقف لإطلاق نار في جنوب سوريا»: nothing finer is named
            return [(syria[0].loc, 3, True)]
        before = [
            sp
            for sp in spots
            if sp.tok < t.tok and sp.loc.place.country == "SY" and sp.loc.place.kind != "country"
        ]
        if before:  # «الفوعة وكفريا … بموجب اتفاق بين روسيا وتركيا»: the deal of the place just named
            return [(before[-1].loc, max(2, _prec(before[-1])), False)]
        under_deal = _any(toks.words[max(0, t.tok - 2) : t.tok], _UNDER_DEAL)
        if under_deal and prev_place is not None:
            return [(prev_place[0], max(2, prev_place[1]), False)]  # «وتتواصل عملية إجلاء … منها بموجب اتفاق»
        went_to = [
            sp
            for sp in with_dest
            if sp.tok < t.tok and sp.loc.place.country == "SY" and sp.loc.place.kind != "country"
        ]
        if under_deal and went_to:  # «دخلت حافلات إلى حي درعا البلد … تنفيذا للاتفاق»: the deal of where they went
            return [(went_to[-1].loc, max(2, _prec(went_to[-1])), False)]
        return []
    abroad = [sp for sp in spots if not sp.theatre and sp.loc.place.kind != "country"]
    spots = [sp for sp in spots if sp.theatre]
    words = toks.words
    marked = _any(words[t.anchor + 1 : clause_end + 1], _RESPONSE_OR_EXCEPT)  # mostly neither
    response = _reason_at(words, t.anchor + 1, clause_end) if marked else None
    if response is not None:  # «ضرب أهدافاً في سوريا رداً على إطلاق صواريخ على الجولان»: the other event's
        spots = [sp for sp in spots if sp.tok < response]
        clause_end = response
    excepted = _first_of(words, t.anchor + 1, clause_end, _EXCEPT) if marked else None
    if excepted is not None:  # «على كامل محافظة إدلب باستثناء بلدتي الفوعة وكفريا»: not those
        spots = [sp for sp in spots if not (t.anchor < sp.tok < clause_end and sp.tok > excepted)]
    after = [sp for sp in spots if t.anchor < sp.tok < clause_end and sp.loc.place.kind != "country"]
    if not after and any(t.anchor < sp.tok < clause_end for sp in abroad):
        return []  # «تدميرها بالغارات البريطانية» of Dresden: not this war's map
    if after and ctx.last_place is not None and _described_referent(toks, t, after[0]):
        return [(ctx.last_place[0], max(2, ctx.last_place[1]), False)]
    if after:
        first = after[0]
        firm = [sp for sp in after if not sp.ref]
        lead = _bare([toks[k].text for k in range(max(0, first.tok - 2), first.tok)])
        if first.ref and lead & _DUALS:  # «ريفي حماة وحلب»: both countrysides
            pair = [first] + [
                sp for sp in after[1:2] if sp.tok - _tok_at(toks, first.loc.mention.end - 1) <= 2
            ]
            return [(sp.loc, max(2, _prec(sp)), True) for sp in pair]
        if first.ref and not (firm and firm[0].tok - first.tok <= 6):
            if kind in ("gov_regains", "nsa_overtakes") and first.loc.place.kind in _NOT_TERRITORY:
                return []  # «القرى الواقعة شرقي نهر الفرات»: a river is no territory to hold
            return [(first.loc, max(2, _prec(first)), True)]
        listed = _any([toks[k].text for k in range(max(0, firm[0].tok - 2), firm[0].tok)], _LIST_KINDS)
        if kind in _STRIKES:  # «استهدفت دوما وزملكا … وفي قرى طربا والكسيب»: each place
            struck = [(sp.loc, _prec(sp), True) for sp in _struck_places(firm[0], after, toks, clause_end)]
            if first.ref and first is not firm[0] and _coordinated(toks, _end_tok(toks, first), firm[0]):
                struck.insert(0, (first.loc, max(2, _prec(first)), True))  # «ضد أهداف قرب دمشق وحمص»: both
            return struck
        if kind not in ("gov_regains", "nsa_overtakes", "withdrawal", "advance") and not (
            kind in _ATTACKS and listed
        ):
            return [(firm[0].loc, _prec(firm[0]), True)]
        chosen, seen = [firm[0]], {firm[0].loc.place.place_id}
        for sp in firm[1:]:
            gap = sp.tok - _tok_at(toks, chosen[-1].loc.mention.end - 1) - 1
            if gap > 3 or any(r.ref and chosen[-1].tok < r.tok < sp.tok for r in after):
                break
            if sp.loc.place.place_id not in seen:
                chosen.append(sp)
                seen.add(sp.loc.place.place_id)
        return [(sp.loc, _prec(sp), True) for sp in chosen]
    left_it = _left_it(kind, t, toks, spots, clause_end)
    if left_it:  # «… بلدات زملكا وعربين … بعد الانتهاء من إخراج الإرهابيين منها»: those towns, not the last event's
        return left_it
    anaphoric = toks[t.tok].stem.startswith("ال")  # «خلال المعركة»: the battle already told, no new one
    if prev_place is not None and not (anaphoric and prev_place[2] is DISCOURSE):
        return [(prev_place[0], prev_place[1], False)]
    if ctx.last_place is not None and _demonstrative(toks, t, clause_end):
        return [(ctx.last_place[0], max(2, ctx.last_place[1]), False)]
    nearest = max((sp for sp in abroad if sp.tok < t.tok), key=lambda sp: sp.tok, default=None)
    if nearest is not None and not any(nearest.tok < sp.tok < t.tok for sp in spots):
        return []  # «مدينة دريسدن … تدميرها بالغارات»: told of a place abroad
    before = [
        sp
        for sp in spots
        if sp.tok < t.tok
        and (
            sp.loc.place.kind not in _BROAD_KINDS or _countryside(sp) or _witnessed(sp, t, words) or _toll_there(sp, t, words)
        )
    ]
    if kind in ("gov_regains", "nsa_overtakes"):  # «وكانت الفوعة … بعدما استعادت قوات النظام … المناطق»
        before = [sp for sp in before if t.tok - sp.tok <= 8]
    if before:
        listed = _list_ending_at(before, toks) if kind in _LISTED_BEFORE else before[-1:]
        return [(sp.loc, max(_prec(sp), 2 if sp.ref else 1), False) for sp in listed]
    share_of_it = _share_of_it(toks.words, t.anchor + 1, clause_end)
    if share_of_it and kind in ("gov_regains", "nsa_overtakes"):
        told = [
            sp
            for sp in spots
            if sp.tok < t.tok and sp.loc.place.country == "SY" and sp.loc.place.kind != "country"
        ]
        if told:  # «… في الغوطة الشرقية، بعدما باتت تسيطر على أكثر من تسعين في المئة منها»: a share of it
            return [(told[-1].loc, max(_prec(told[-1]), 2), False)]
    later = [
        sp
        for sp in spots
        if sp.tok >= clause_end and (sp.loc.place.kind not in _BROAD_KINDS - {"region"} or _countryside(sp))
    ]
    if later:  # «منذ دخول قوات النظام … سيطرة قوات النظام على … مدينة الرقة»
        return [(later[0].loc, max(_prec(later[0]), 2), False)]
    named_country = [
        sp
        for sp in spots
        if t.anchor < sp.tok < clause_end
        and sp.loc.place.kind == "country"
        and sp.loc.place.country == "SY"
        and (toks[sp.tok - 1].text == _IN or (main is not None and _on_country(toks, sp, t)))
    ]  # not «في جنوب سوريا», a part the article's place may be; «على سوريا» rather than the article's place
    if named_country and kind in ("air_strike", "base"):  # «ضرب أهدافاً في سوريا», «الضربات على سوريا»
        return [(named_country[0].loc, 3, True)]
    left = _left_country(kind, t, toks, spots, clause_end)
    if left is not None:  # «القوات الأمريكية ستغادر سوريا», «ستنسحب … من سوريا»: the country left
        return [(left.loc, 3, True)]
    if main is not None and kind not in ("withdrawal",):
        return [(main, max(2, main.geo_precision), False)]
    if kind == "withdrawal" and toks[t.tok].stem in _EXIT and ctx.deal_place is not None:
        return [(ctx.deal_place[0], max(2, ctx.deal_place[1]), False)]  # the deal's fighters leave its area
    if ctx.para_place is not None and kind != "talks" and not named and not anaphoric:  # no place: the
        return [(ctx.para_place[0], max(2, ctx.para_place[1]), DISCOURSE)]  # paragraph's last event's place
    told_before = ctx.prev_sentence_place
    if told_before is not None and kind in _REMOTE and not named and not anaphoric:
        # «… في بادية الميادين. ¶ في غضون ذلك، أسفرت غارات النظام المكثفة عن مقتل 13»: a sentence that names no
        # place goes on at the place of the sentence just before it, across a paragraph break too
        return [(told_before[0], max(2, told_before[1]), DISCOURSE)]
    if kind in ("gov_regains", "nsa_overtakes"):
        return []  # a country is no territory to hold
    countries = [sp for sp in spots if sp.loc.place.kind == "country" and sp.loc.place.country == "SY"]
    # «ضربات إسرائيلية في سوريا» can stand at the country; fighting «في سوريا» is no point on a map
    if countries and kind in ("air_strike", "base"):
        return [(countries[0].loc, 3, False)]
    return []


# «ستنسحب بصورة سابقة لأوانها من سوريا»: how many words may stand between a withdrawal word and the «من» of
# the country it leaves (an adverbial phrase of three words, as there)
_LEFT_COUNTRY_REACH = 4
_LEAVE_OBJECT = _cue("leave_object")
_THAT_SUBJUNCTIVE = normalize("أن")  # «أن يخرجوا من سوريا» right before the verb: what is asked of a side
_WE_PREFIXES = ("ن", "سن")  # a present verb of the first person plural, future or not («ننسحب», «سنغادر»)
# Syria's own sides: a withdrawal of theirs placed at the whole country is none (_left_country is for a foreign
# force leaving; «انسحاب سوريا وإعلان انهيار الوحدة مع مصر» is the state leaving a union)
_HOME_SIDES = frozenset({GOVERNMENT, "Syrian opposition", "SDF"})


def _left_country(kind: str, t: _Trigger, toks, spots: list[_Spot], clause_end: int) -> _Spot | None:
    """Syria itself as what a withdrawal leaves, when its clause names nothing finer: the object right after a
    word of set «leave_object» («ستغادر سوريا»; «انسحاب سوريا» is Syria leaving) or after «من» within a few
    words («انسحاب بلاده من سوريا»). A foreign force leaving the country is news of the whole country, placed
    at it."""
    before = toks[t.tok - 1].text if t.tok > 0 else ""
    if kind != "withdrawal" or before == _THAT_SUBJUNCTIVE or _any([before], _TERMS):
        return None  # «أن يخرجوا من سوريا», «مساع تقضي بانسحاب إيراني»: a demand, a plan's terms, nobody leaving
    if morph.strip_conjunction(toks[t.tok].text).startswith(_WE_PREFIXES):
        return None  # «قال +سننسحب من سوريا+»: a quoted «we», the side leaving named by no word of the clause
    for sp in spots:
        if not (t.last < sp.tok < clause_end) or sp.loc.place.kind != "country" or sp.loc.place.country != "SY":
            continue
        right_after = sp.tok == t.last + 1 and _any([toks[t.tok].text], _LEAVE_OBJECT)
        from_it = sp.tok - t.last <= _LEFT_COUNTRY_REACH + 1 and _any([toks[sp.tok - 1].text], _FROM)
        if right_after or from_it:
            return sp
        return None
    return None


# «إخراج الإرهابيين وعائلاتهم منها»: how many words after a withdrawal word its «منها» (the place left) may stand
_FROM_IT_REACH = 4


def _left_it(kind: str, t: _Trigger, toks, spots: list[_Spot], clause_end: int) -> list:
    """A withdrawal whose place left is a pronoun («منها», «منهما») and whose clause names no place: the
    place or list of places named last before it in the sentence (one event each), not the place of the
    sentence's previous event."""
    if kind != "withdrawal":
        return []
    if _FROM_IT.isdisjoint(toks.words[t.last + 1 : min(clause_end, t.last + 1 + _FROM_IT_REACH)]):
        return []
    named = [sp for sp in spots if sp.tok < t.tok and not sp.ref and sp.loc.place.country == "SY"]
    return [(sp.loc, _prec(sp), False) for sp in _list_ending_at(named, toks)] if named else []


def _witnessed(sp: _Spot, t: _Trigger, words: list[str]) -> bool:
    """«تشهد الغوطة الشرقية قتالاً», «تتعرض الغوطة الشرقية لقصف» (set suffered): a region or governorate that
    witnesses or suffers the event is where it is."""
    return (
        sp.loc.place.kind in ("region", "governorate")
        and t.tok - sp.tok <= _WITNESS_REACH
        and _any(words[max(0, sp.tok - 1) : t.tok], _WITNESSED_OR_SUFFERED)
    )


_WITNESSED_OR_SUFFERED = _WITNESSED | _SUFFER
_TOLL_THERE = _cue("toll_there")
_TOLL = _cue("toll")
_TOLL_BEFORE = 3  # «حصيلة الضحايا في الغوطة»: the toll word stands at most this many words before the region
# «الوضع في الغوطة الشرقية قرب دمشق حيث قتل وجرح عشرات المدنيين في قصف»: the region, a locator, «حيث», the toll
_TOLL_REACH = 12


def _toll_there(sp: _Spot, t: _Trigger, words: list[str]) -> bool:
    """A region or governorate named before an attack, tied to it by «جراء», «حيث» (set toll_there), with dead
    told around («حصيلة الضحايا», «قتل»; sets toll, died_in): they died there of that attack, so it is there.
    Without the dead («حيث ظل … يشن هجمات») the region is only where a side acts."""
    if sp.loc.place.kind not in ("region", "governorate") or t.kind not in _VIOLENT_TRIGGERS:
        return False
    if t.tok - sp.tok > _TOLL_REACH or not _any(words[sp.tok + 1 : t.tok], _TOLL_THERE):
        return False
    return _any(words[max(0, sp.tok - _TOLL_BEFORE) : t.tok], _TOLL | _DIED_IN)


_OF_IT = frozenset(normalize(w) for w in ("منها", "منه"))
_FROM_IT = _OF_IT | {normalize("منهما")}  # «إخراج الإرهابيين منها / منهما»: the place left (_left_it)
_SHARE_OF_IT = _cue("share_of_it")  # «وسيطرت على معظمها»: the share word with the place's pronoun


def _share_of_it(words: list[str], lo: int, hi: int) -> bool:
    """«على أكثر من تسعين في المئة منها»: a share of a place named before, by its pronoun."""
    return (_any(words[lo:hi], _SHARE) and not _OF_IT.isdisjoint(words[lo:hi])) or _any(words[lo:hi], _SHARE_OF_IT)


# Attacks that fall on every place they list: «قصفت الطائرات دوما وزملكا» is two strikes; «قصفت بلدات المعضمية
# وزملكا وجوبر بغاز الأعصاب», three chemical attacks.
_STRIKES = {"shelling", "air_strike", "armed_clash", "chemical_weapon"}
# How many words a coordinated place may stand from the one before it («دوما وبلدة زملكا»: the kind word).
_LIST_GAP = 2


def _coordinated(toks: list[_Tok], prev_end: int, sp: _Spot) -> bool:
    """The place at sp is joined to the one ending at token prev_end by «و» («دوما وزملكا», «ودوما»)."""
    gap = sp.tok - prev_end - 1
    if gap > _LIST_GAP:
        return False
    joiner = [toks[k].text for k in range(prev_end + 1, sp.tok + 1)]
    return any(w == "و" or (w.startswith("و") and len(w) > 2) for w in joiner[:1] + joiner[-1:])


# Kinds whose places listed before the trigger are each one event: those who left («بلدات عربين وزملكا …
# خالية … بعد خروج») and those struck («ريفي حماة وحلب تعرضت لعدوان بصواريخ»); a deal or a fight told
# after a list of towns is one event of the last.
_LISTED_BEFORE = {"withdrawal", "shelling", "air_strike"}


def _end_tok(toks: list[_Tok], sp: _Spot) -> int:
    return _tok_at(toks, sp.loc.mention.end - 1)


def _list_ending_at(before: list[_Spot], toks: list[_Tok]) -> list[_Spot]:
    """The last place before a trigger and the places joined to it by «و» before it: «بلدات عربين وزملكا
    وعين ترما وجوبر … خالية … بعد خروج», «ريفي حماة وحلب تعرضت»: one event each (issue 8 §4)."""
    out = [before[-1]]
    for sp in reversed(before[:-1]):
        if sp.ref != out[0].ref or not _coordinated(toks, _end_tok(toks, sp), out[0]):
            break
        out.insert(0, sp)
    seen: set[str] = set()
    return [sp for sp in out if not (sp.loc.place.place_id in seen or seen.add(sp.loc.place.place_id))]


def _chain(start: _Spot, after: list[_Spot], toks: list[_Tok]) -> list[_Spot]:
    """start and the places coordinated with it; a place told as near another («المتونة شمال مدينة
    السويداء ودوما») is stepped over, the list goes on after it. After a plural kind word («بلدات مورك،
    اللطامنة») a comma joins as well as «و»."""
    chosen, last = [start], _tok_at(toks, start.loc.mention.end - 1)
    listed = _any([toks[k].text for k in range(max(0, start.tok - 2), start.tok)], _LIST_KINDS)
    for sp in after:
        if sp.tok <= last:
            continue
        if sp.ref and sp.tok - last - 1 <= _LIST_GAP:
            last = _tok_at(toks, sp.loc.mention.end - 1)  # «شمال مدينة السويداء»: a locator, not a target
            continue
        joined = sp.tok - last - 1 <= _LIST_GAP + 1 if listed else _coordinated(toks, last, sp)
        if sp.ref or not joined:
            break
        chosen.append(sp)
        last = _tok_at(toks, sp.loc.mention.end - 1)
    return chosen


def _struck_places(first: _Spot, after: list[_Spot], toks: list[_Tok], clause_end: int) -> list[_Spot]:
    """The places an attack falls on: the first one named after the trigger and those coordinated with
    it, then every list the clause opens with a word of kind («في قرى طربا والكسيب»)."""
    out = _chain(first, after, toks)
    for sp in after:
        if sp.tok <= out[-1].tok or sp.ref or sp.tok >= clause_end:
            continue
        lead = _bare([toks[k].text for k in range(max(0, sp.tok - 2), sp.tok)])
        if lead & _LIST_KINDS:
            out += _chain(sp, after, toks)
    seen: set[str] = set()
    return [sp for sp in out if not (sp.loc.place.place_id in seen or seen.add(sp.loc.place.place_id))]


# The war's theatre: fighting told in these countries is mapped; a foreign capital named beside a strike
# («قصف التحالف … فتعالت التصريحات في واشنطن») is where people talk, not where bombs fall.
_THEATRE = {"SY", "IQ", "TR", "LB", "JO", "IL", "PS"}


def _countryside(sp: _Spot) -> bool:
    """«ريف درعا»: a governorate named as the countryside of its capital, as good as a town to place by."""
    return sp.loc.mention.trigger in ("ريف", "منطقة") and sp.loc.place.kind == "governorate"


def _in_theatre(p: Place) -> bool:
    return p.country in _THEATRE


# A place abroad holds a fight, strike or shelling of Syria's war only where the sentence says the fire came
# from Syria («سقطت قذائف أطلقت من الأراضي السورية على بلدة كلس»): Turkey's raids on the PKK in Sinjar or
# Qandil, or the Israeli air base a raid took off from («أقلعت من قاعدة رامون»), are not mapped (the gold
# leaves events outside Syria out; talks and deals abroad keep their venue). How far after «من» Syria's
# name may stand (words of its side): «من داخل الأراضي السورية».
_FROM_SYRIA = _cue("from_syria")
_FROM_SYRIA_SIDE = _cue("from_syria_side")
_FROM_SYRIA_REACH = 2


def _fired_from_syria(words: list[str]) -> bool:
    """«من» then Syria's name (past its side's words): each «من» found by list.index, not word by word."""
    k = -1
    while True:
        try:
            k = words.index("من", k + 1)
        except ValueError:
            return False
        if _syria_next(words, k + 1):
            return True


def _syria_next(words: list[str], k: int) -> bool:
    """Syria's name at words[k], past up to _FROM_SYRIA_REACH words of its side."""
    for w in words[k : k + _FROM_SYRIA_REACH + 1]:
        if _any([w], _FROM_SYRIA):
            return True
        if not _any([w], _FROM_SYRIA_SIDE):
            return False
    return False


def _prec(sp: _Spot) -> int:
    return max(sp.loc.geo_precision, 3 if sp.loc.place.kind in _BROAD_KINDS else 1)


# How far after the talks word a Syrian town «في» may be their venue (tokens): past a time and the two
# parties («جلسة المحادثات مستمرة بعد ظهر الجمعة بين وفد الفصائل والجانب الروسي في مدينة بصرى الشام»).
_HOME_VENUE_REACH = 13


def _syrian_after(t, spots, clause_end: int) -> list:
    """Syrian towns (not regions or the country) the clause names within _HOME_VENUE_REACH after the
    trigger: where talks were held («… في مدينة بصرى الشام») or what they were about («بشأن … دوما»)."""
    return [
        sp
        for sp in spots
        if sp.loc.place.country == "SY"
        and sp.loc.place.kind not in _BROAD_KINDS
        and not sp.ref
        and t.last < sp.tok < min(clause_end, t.last + _HOME_VENUE_REACH)
    ]


def _venue_for(t, clause_end, toks, spots, ctx):
    """Talks happen at a venue abroad: named soon after the trigger, or before it in the sentence,
    else the venue of the article's earlier talks. A place told as near another («في لوسبي قرب
    أوسلو», where the envoy gave a press conference) is not taken for a venue."""
    venues = [sp for sp in spots if _is_venue(sp.loc.place) and sp.loc.place.kind != "country" and not sp.ref]
    in_clause = [sp for sp in venues if t.last < sp.tok < min(clause_end, t.last + 11)]
    if in_clause:
        listed = _listed_venues(in_clause[0], t, clause_end, toks, spots)
        return [(sp.loc, sp.loc.geo_precision, True) for sp in listed]
    before = [sp for sp in venues if t.tok - 6 <= sp.tok < t.tok]  # «جرت في جنيف سبع جولات من الحوار»
    if before:
        return [(before[-1].loc, before[-1].loc.geo_precision, True)]
    home = [
        sp
        for sp in _syrian_after(t, spots, clause_end)
        if normalize("في") in _bare([toks[k].text for k in range(max(t.last + 1, sp.tok - 2), sp.tok)])
        and not _any([toks[k].text for k in range(t.last + 1, sp.tok)], _TOPIC)
    ]
    if home and not venues and _rests(t.cue).isdisjoint(_VISITS):  # «مفاوضات … في مدينة بصرى الشام»: talks
        # held inside Syria; a visit there («زار الخبراء مستشفيات في دوما») is an inspection, not talks
        return [(home[0].loc, home[0].loc.geo_precision, True)]
    # «وصل ظريف إلى دمشق لإجراء محادثات»: the city a visitor came to for the talks
    came_to = [
        sp
        for sp in spots
        if t.tok - _VISIT_REACH <= sp.tok < t.tok
        and sp.dest
        and sp.loc.place.kind not in _BROAD_KINDS
        and (toks[t.tok].prefix.endswith("ل") or _strip(toks[t.tok - 1].text).startswith("ل"))
    ]
    if came_to:  # (a venue abroad in the clause or just before was taken above)
        return [(came_to[-1].loc, came_to[-1].loc.geo_precision, True)]
    if t.cue in _MEETING:
        return []  # a meeting with no venue named is too vague to map
    if ctx.venues:
        p = ctx.venues[-1]
        return [(_borrowed(p), 1, False)]
    about = [
        sp
        for sp in _syrian_after(t, spots, clause_end)
        if _any([toks[k].text for k in range(t.last + 1, sp.tok)], _TOPIC)
    ]
    if about and not venues:  # «المفاوضات مع جيش الإسلام بشأن استسلام مدينة دوما»: the town they are about
        return [(about[0].loc, max(2, about[0].loc.geo_precision), True)]
    return []


def _listed_venues(venue: _Spot, t, clause_end: int, toks, spots: list[_Spot]) -> list[_Spot]:
    """The venue and the places listed with it after the trigger («زار … كلا من دمشق وعمان وبيروت»: three
    visits), one talks event each; a venue named alone is itself."""
    after = [sp for sp in spots if t.last < sp.tok < clause_end and not sp.ref]
    after = [sp for sp in after if sp.loc.place.kind != "country"]
    if not after:
        return [venue]
    listed = _chain(after[0], after, toks)
    return listed if venue in listed else [venue]


def _borrowed(p: Place) -> Located:
    return Located(
        Mention("", -1, -1, "", "", (p.place_id,)), p, 0.6, p.geo_precision, "venue of earlier talks"
    )


def _control_event(article, t, toks, spots, hits, take_places, date_info, s, e) -> Event | None:
    holder = next((h for h in hits if t.last < h.tok <= t.last + 3), None)
    if holder is None:
        return None
    spots = [sp for sp in spots if sp.loc.place.country == "SY"]
    before = [sp for sp in spots if t.tok - 8 <= sp.tok < t.tok and not sp.ref]
    after = [sp for sp in spots if t.last < sp.tok <= t.last + 6 and not sp.ref]
    spot = before[-1] if before else (after[0] if after else None)
    if spot is None or spot.loc.place.place_id in take_places:
        return None
    return _event(
        article, "control", "happened", date_info, holder.key, "", spot.loc, _prec(spot), t, toks, s, e,
        0.6, "after",
    )  # fmt: skip


def _event(
    article, kind, status, date_info, a1, a2, loc, prec, t, toks, s, e, conf, basis, pbasis="", salt=""
) -> Event:
    etype, sub = CONTROL_TYPE if kind == "control" else EVENT_TYPES[kind]
    trig = toks[t.tok]
    digest = hashlib.sha1(
        f"{article.article_id}|{kind}|{trig.start}|{loc.mention.start}|{loc.place.place_id}{salt}".encode()
    ).hexdigest()[:10]
    first, last, tprec, dbasis = date_info
    return Event(
        event_id=f"{article.article_id}-{digest}",
        article_id=article.article_id,
        event_type=etype,
        sub_event_type=sub,
        status=status,
        event_date=first,
        time_precision=tprec,
        actor1=a1,
        actor2=a2,
        place=loc.place,
        geo_precision=prec,
        quote=article.text[s:e],
        quote_start=s,
        place_start=loc.mention.start,
        place_end=loc.mention.end,
        published=article.published,
        source=article.source,
        confidence=round(min(1.0, conf) * min(1.0, max(loc.confidence, 0.3)), 2),
        date_last=last,
        extra={
            "type_key": "control_statement" if kind == "control" else kind,
            "trigger": article.text[trig.start : toks[t.last].end],
            "trigger_start": trig.start,
            "date_basis": dbasis,
            "actor1_basis": basis,
            **({"place_basis": pbasis} if pbasis else {}),
            **({"control_statement": True} if kind == "control" else {}),
        },
    )


# The lead's report-dated event is a copy of a dated one of the same type, place, side and status only when
# that one ends within this many days of the report: the lead tells the day's news («أعلن الجيش التركي مقتل
# ثمانية من جنوده في اشتباكات بمدينة عفرين»), not the «عملية غصن الزيتون التي بدأتها تركيا في يناير» told
# after it; later report-dated lines («وهذه العملية …») are retellings and go beside any dated one.
_COPY_DAYS = 7


def _copy_of_dated(ev: Event, dated: dict[tuple, list[Event]], lead_end: int, published: date | None) -> bool:
    others = dated.get((ev.extra["type_key"], ev.place.place_id, ev.actor1, ev.status), ())
    if ev.quote_start >= lead_end or published is None:
        return bool(others)
    return any((published - (o.date_last or o.event_date)).days <= _COPY_DAYS for o in others)


def _dedupe(events: list[Event], published: date | None = None, lead_end: int = 0) -> list[Event]:
    """One event per (type, place, actor1, day, status); report-dated copies of a dated one go."""
    dated: dict[tuple, list[Event]] = {}
    for ev in events:
        if ev.extra["date_basis"] != "report" and ev.event_date is not None:
            dated.setdefault((ev.extra["type_key"], ev.place.place_id, ev.actor1, ev.status), []).append(ev)
    seen: dict[tuple, int] = {}
    out: list[Event] = []
    for ev in events:
        key4 = (ev.extra["type_key"], ev.place.place_id, ev.actor1, ev.status)
        if ev.extra["date_basis"] == "report" and _copy_of_dated(ev, dated, lead_end, published):
            continue
        key = (*key4, ev.event_date)
        if key in seen:  # the copy that goes hands on a count of the dead the kept one lacks
            k = seen[key]
            if ev.fatalities and not out[k].fatalities:
                out[k] = replace(out[k], fatalities=ev.fatalities)
            continue
        seen[key] = len(out)
        out.append(ev)
    return _without_containers(out)


def _sentence_key(ev: Event, place_id: str) -> tuple:
    return (ev.extra["type_key"], place_id, ev.actor1, ev.status, ev.event_date, ev.quote_start)


def _without_containers(events: list[Event]) -> list[Event]:
    """A sentence's event at a city goes when the same event is told at a quarter inside it («سيطرت … على حي
    صلاح الدين في مدينة حلب»): the city names where the quarter is, it did not change hands itself."""
    parents = {_sentence_key(ev, ev.place.parent_id) for ev in events if ev.place.parent_id}
    if not parents:
        return events
    return [ev for ev in events if _sentence_key(ev, ev.place.place_id) not in parents]
