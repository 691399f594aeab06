"""Every label, option and message of the dashboard and its maps, in Arabic and English: one catalogue.

`t(key, lang)` picks the language; `table(lang)` is the whole catalogue in one language (the maps
send it to the browser for popups and tooltips). Keys are the only thing code refers to, so a
label is changed here once for the app, the popups, the PNG and the snapshot.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

LANGUAGES = ("ar", "en")

LABELS: dict[str, tuple[str, str]] = {
    # ---- the app's frame
    "title": ("خريطة أحداث الحرب في سوريا", "Syria war events map"),
    "map": ("الخريطة", "Map"),
    "add": ("إضافة مقالات", "Add articles"),
    "review": ("مراجعة الأسماء", "Review names"),
    "article": ("المقال", "Article"),
    "language": ("اللغة", "Language"),
    "lang_name": ("العربية", "English"),
    # ---- timeline
    "day": ("اليوم", "Day"),
    "range": ("من – إلى", "From – to"),
    "jump": ("اذهب إلى تاريخ", "Go to a date"),
    "mode": ("الفترة", "Period"),
    "play": ("▶ تشغيل", "▶ Play"),
    "pause": ("⏸ إيقاف", "⏸ Pause"),
    "speed": ("سرعة التشغيل", "Play speed"),
    "speed_slow": ("بطيء (خطوة كل 3 ثوانٍ)", "slow (a step every 3 s)"),
    "speed_normal": ("عادي (خطوة كل ثانيتين)", "normal (a step every 2 s)"),
    "speed_fast": ("سريع (خطوة كل ثانية)", "fast (a step every second)"),
    "window": ("النافذة", "Window"),
    "win_day": ("يوم", "day"),
    "win_week": ("أسبوع", "week"),
    "win_month": ("شهر", "month"),
    "win_range": ("فترة مخصصة", "custom range"),
    "win_all": ("كل الفترة", "whole span"),
    "per_day": ("أحداث في اليوم", "events per day"),
    "per_week": ("أحداث في الأسبوع", "events per week"),
    "chart_before": ("{n} قبل {day} خارج الرسم", "{n} before {day} not drawn"),
    "chart_after": ("{n} بعد {day} خارج الرسم", "{n} after {day} not drawn"),
    "chart_date": ("التاريخ", "Date"),
    "chart_count": ("عدد الأحداث", "Events"),
    # ---- filters
    "types": ("نوع الحدث", "Event type"),
    "actors": ("الأطراف", "Actors"),
    "admin1": ("المحافظة", "Governorate"),
    "statuses": ("الحالة", "Status"),
    "abroad": ("إخفاء المحادثات والاتفاقات خارج سوريا", "Hide talks and agreements abroad"),
    # a window's map leaves out what is dated only to a month or a year (geo/views.py too_vague)
    "vague": ("ارسم الأحداث المؤرخة بشهر أو سنة فقط", "Draw events dated only to a month or a year"),
    "vague_drawn": ("مرسومة", "drawn"),
    "vague_not_drawn": (
        "لم تُرسم على الخريطة {n} بتاريخ أوسع من النافذة (شهر أو سنة فقط)",
        "not drawn on the map: {n} dated only to a month or a year, longer than the window",
    ),
    # events with no date at all (none in the text, no publication day) are on no map (QA 42)
    "undated_not_drawn": ("{n} بلا تاريخ، خارج الخريطة", "{n} with no date, not on the map"),
    "undated_in_table": ("اعرض الأحداث بلا تاريخ في الجدول", "List the events with no date in the table"),
    "query": ("بحث عن مكان (عربي أو إنكليزي)", "Place search (Arabic or English)"),
    "any": ("الكل", "All"),
    "focus": ("تركيز الخريطة", "Focus"),
    "syria": ("سوريا كلها", "All of Syria"),
    "zoom": ("التكبير", "Zoom"),
    "search_hits": ("أماكن مطابقة", "matching places"),
    "search_none": ("لا مكان بهذا الاسم في الأحداث.", "No place of that name among the events."),
    # ---- map page
    "shown": ("{n} على الخريطة", "{n} on the map"),
    "incident_caption": (
        "{region} على مستوى محافظة أو منطقة (في القائمة) · {mentions} للأحداث في الجدول",
        "{region} governorate/region-level (listed) · {mentions} in the table",
    ),
    "region_level_n": ("{n} على مستوى محافظة أو منطقة", "{n} governorate/region-level"),
    "no_events": ("لا أحداث في هذه النافذة مع هذه المرشحات.", "No events in this window with these filters."),
    "empty_store": ("لا أحداث بعد: أضف مقالات.", "No events yet: add articles."),
    "row_hint": ("اختر صفاً لتنتقل الخريطة إلى مكانه.", "Pick a row to fly the map to it."),
    "csv_shown": ("CSV لما هو معروض", "CSV of what is shown"),
    "files_shown_help": ("صف لكل حادثة في هذا العرض: {n}", "One row per incident of this view: {n}"),
    "files_shown_vague": (
        "؛ منها ما لا يُرسم على الخريطة لأنه مؤرخ بالشهر أو السنة فقط: {n}",
        "; of them not drawn on the map, dated only to a month or a year (time_precision 3): {n}",
    ),
    "csv_all": ("CSV لكل الأحداث", "CSV of all events"),
    "geojson": ("GeoJSON لما هو معروض", "GeoJSON of what is shown"),
    "snapshot": ("لقطة HTML مستقلة", "Snapshot (one HTML file)"),
    "png": ("صورة PNG للعرض", "PNG of the view"),
    "png_missing": (
        "صورة PNG غير متاحة: متصفح Chromium غير مثبت في /usr/bin/chromium",
        "PNG unavailable: Chromium is not installed at /usr/bin/chromium",
    ),
    "share": ("رابط المشاركة (يعيد هذا العرض)", "Share link (reopens this view)"),
    "downloads": ("تنزيل", "Downloads"),
    "table": ("الأحداث المعروضة", "Events shown"),
    # ---- table columns
    "col_event_date": ("التاريخ", "Date"),
    "col_sub_event_type": ("النوع", "Type"),
    "col_status": ("الحالة", "Status"),
    "col_actor1": ("الطرف الأول", "Actor 1"),
    "col_actor2": ("الطرف الثاني", "Actor 2"),
    "col_location": ("المكان", "Place"),
    "col_location_en": ("المكان بالإنكليزية", "Place (English)"),
    "col_admin1": ("المحافظة", "Governorate"),
    "col_quote": ("الجملة", "Sentence"),
    "col_article_id": ("المقال", "Article"),
    "col_event_id": ("المعرف", "Id"),
    # ---- article page
    "article_missing": ("لا يوجد مقال بهذا المعرف.", "No article with this id."),
    "article_pick": ("اختر مقالاً", "Pick an article"),
    "back": ("العودة إلى الخريطة", "Back to the map"),
    # ---- add page
    "paste": ("ألصق نص مقال", "Paste an article's text"),
    # No brackets around the Latin names: right to left they would face the wrong way.
    "upload": (
        "أو ارفع ملفات نصية أو صفحات HTML بترميز UTF-8 أو Windows-1256",
        "or upload text files or HTML pages (UTF-8 or Windows-1256)",
    ),
    # Streamlit's own words on the upload box (Arabic interface only: the page style replaces them)
    "upload_button": ("رفع ملفات", "Upload"),
    "upload_limit": ("حتى {n} ميغابايت للملف · نص TXT أو HTML", "{n} MB per file • TXT, HTML"),
    "published": ("تاريخ النشر", "Publication date"),
    "source": ("المصدر", "Source"),
    "need_date": (
        "لا تاريخ نشر: تُقرأ المقالات بلا تاريخ، فتبقى أحداثها بلا تاريخ ما لم يذكر النص التاريخ كاملاً"
        " (أدخل تاريخ النشر لتُحسب منه التواريخ النسبية مثل «أمس»).",
        "No publication date: the articles are read undated, so their events stay undated unless the text"
        " gives the full date (enter the publication date to count relative dates such as “yesterday” from it).",
    ),
    "submit": ("أضف وحلّل", "Add and map"),
    "nothing": ("لا نص ولا ملفات.", "No text and no files."),
    "pasted_text": ("النص الملصق", "pasted text"),
    "added": ("أضيف", "added"),
    "unchanged": ("موجود سابقاً", "already stored"),
    "failed": ("فشل", "failed"),
    "events_none": ("لا أحداث", "no events"),
    "add_crashed": (
        "تعذرت إضافة المقالات: أعد تحميل الصفحة (أو أعد تشغيل لوحة التحكم إن تغيرت الشيفرة) ثم أعد المحاولة.",
        "The articles could not be added: reload the page (or restart the dashboard if its code changed) and try again.",
    ),
    # the dashboard's own failures (dashboard.py): one line, never a traceback (QA 21, 46)
    "code_updated": (
        "تغيّرت شيفرة البرنامج منذ تشغيل لوحة التحكم (تحديث): أعد تشغيلها ({cmd}) لتعمل بالنسخة الجديدة.",
        "The program's code changed since the dashboard started (an update): restart it ({cmd}) to use the new version.",
    ),
    "page_crashed": (
        "تعذر عرض هذه الصفحة بسبب خطأ غير متوقع (التفاصيل في سجل الخادم): أعد تحميل الصفحة.",
        "This page could not be shown because of an unexpected error (the details are in the server's log): reload the page.",
    ),
    # what the store says of one input (geo/store.py IngestResult.message), matched like the upload problems
    "same_text_as": ("النص نفسه في {id}", "same text as {id}"),
    "analysis_failed": ("فشل تحليل النص", "analysis failed"),
    "store_failed": ("تعذر حفظ النص", "could not store"),
    "not_an_article": ("ليس مقالاً", "not an article"),
    # upload problems and caveats (geo/reader.py), matched by the start of the English message
    "bad_empty": ("ملف فارغ", "empty"),
    "bad_binary": ("بيانات ثنائية وليست نصاً", "binary data, not text"),
    "bad_large": (
        "ملف كبير جداً ({size} ميغابايت، والحد {limit} ميغابايت للملف)",
        "too large ({size} MB; the limit is {limit} MB)",
    ),
    "bad_large_plain": ("ملف كبير جداً", "too large"),
    "html_cleaned": (
        "صفحة HTML: قُرئ نصها الظاهر وحده (دون النصوص البرمجية والتنسيق والتعليقات والقوائم)",
        "an HTML page: read its visible text (scripts, styles, comments and menus left out)",
    ),
    "bad_utf8_bytes": (
        "فيه {bytes} غير صالحة بترميز UTF-8 (ملف تالف أو مقطوع؟) قُرئت علامةً بديلة",
        "{bytes} not valid UTF-8 (a damaged or truncated file?) read as a replacement mark",
    ),
    "utf16_no_bom": (
        "نص UTF-16 بلا علامة ترتيب البايتات: قُرئ على أنه UTF-16، والحفظ بترميز UTF-8 أسلم",
        "UTF-16 with no byte-order mark: read as UTF-16; UTF-8 is the safer way to save it",
    ),
    "bad_no_arabic": ("لا نص عربياً فيه (هذه الأداة تقرأ الأخبار العربية)", "no Arabic text found"),
    "bad_utf16": ("نص UTF-16 تالف", "malformed UTF-16"),
    "bad_encoding": ("ليس نصاً بترميز UTF-8 أو Windows-1256", "not UTF-8 or Windows-1256 text"),
    "bad_other": ("تعذرت قراءة الملف", "unreadable"),
    # ---- review page
    "threshold": ("حد الثقة", "Confidence threshold"),
    "no_review": ("لا أسماء تحتاج مراجعة.", "No names need review."),
    "review_intro": (
        "{names} في {mentions}: غير محلولة أو ثقتها دون الحد.",
        "{names} in {mentions}: unresolved or below the threshold.",
    ),
    "search_place": ("ابحث في المعجم الجغرافي", "Search the gazetteer"),
    "pick": ("المكان الصحيح", "The right place"),
    "alias": ("الاسم كما يرد (اسم بديل)", "The name as written (alias)"),
    "apply": ("احفظ التصحيح وأعد التحليل", "Save the correction and re-analyse"),
    "moved": (
        "حُفظ التصحيح «{name}» → {place}؛ أعيد تحليل {articles}.",
        "Correction saved: “{name}” → {place}; {articles} re-analysed.",
    ),
    "moved_left": (
        " بقي {n} من مواضعه في القائمة: جملها لا تقرؤه بهذا المكان بعد إعادة التحليل.",
        " {n} of its mentions stay listed: their sentences still read it otherwise after re-analysis.",
    ),
    "no_candidates": ("لا نتائج في المعجم لهذا البحث.", "Nothing in the gazetteer for this search."),
    "resolved_as": ("الحل الحالي", "Currently"),
    "unresolved": ("غير محلول", "unresolved"),
    "seeding": ("تحميل المقالات الأولى…", "Loading the seed articles…"),
    "more_sentences": ("لم تُعرض {n}", "{n} not shown"),  # {n}: counted "n_sentences"
    # ---- maps: popups, tooltips, legend, layers (sent to the browser)
    "type": ("النوع", "Type"),
    "status": ("الحالة", "Status"),
    "date": ("التاريخ", "Date"),
    "open_article": ("فتح المقال", "Open the article"),
    "events": ("الأحداث", "Events"),
    "control": ("السيطرة", "Control"),
    "areas": ("مناطق السيطرة", "Control areas"),
    "governorates": ("المحافظات", "Governorates"),
    "context": ("الأنهار والحدود والمدن", "Rivers, borders, cities"),
    "planned": ("مخطط له أو مؤجل", "Planned or postponed"),  # its swatch: a hollow dashed circle
    "legend": ("دليل الخريطة", "Legend"),
    "filters": ("المرشحات", "Filters"),
    "none": ("بلا", "none"),
    "control_as_of": ("السيطرة في", "Control as of"),
    "since": ("منذ", "since"),
    "last_confirmed": ("آخر تأكيد", "last confirmed"),
    "confidence": ("الثقة", "confidence"),
    # a control state no report of that day tells (geo.territory kinds "area" and "prior"): said in its tooltip
    "inferred_area": ("مستنتج من الأماكن المجاورة", "inferred from nearby places"),
    "inferred_prior": ("مستنتج من تقرير لاحق", "inferred from a later report"),
    "inferred_first": ("مستنتج من أول تقرير عن المكان", "inferred from the place's first report"),
    "contested": (
        "متنازع عليها (أدلة متعارضة حديثة، إطار متقطع)",
        "Contested (recent conflicting evidence, dashed ring)",
    ),
    "stale": ("أدلة قديمة (تظليل باهت)", "Old evidence (paler shading)"),
    "fronts": ("خطوط التماس", "Front lines"),
    "boundaries": ("الحدود الإدارية: OCHA COD-AB ‏(CC BY 3.0 IGO)", "Boundaries: OCHA COD-AB (CC BY 3.0 IGO)"),
    "attribution": (
        "الحدود: OCHA COD-AB ‏(CC BY 3.0 IGO) · الأنهار والدول: Natural Earth · الخلفية: © OpenStreetMap",
        "Boundaries: OCHA COD-AB (CC BY 3.0 IGO) · rivers, countries: Natural Earth · tiles: © OpenStreetMap",
    ),
    "attribution_no_tiles": (  # a PNG: drawn without the tile background
        "الحدود: OCHA COD-AB ‏(CC BY 3.0 IGO) · الأنهار والدول: Natural Earth",
        "Boundaries: OCHA COD-AB (CC BY 3.0 IGO) · rivers, countries: Natural Earth",
    ),
    "reports": ("التقارير", "Reports"),
    "report_day": ("مؤرخ بيوم النشر", "dated by the report day"),
    "fatalities": ("القتلى", "Fatalities"),
    "region_level": (
        "حوادث على مستوى محافظة أو منطقة أو البلاد",
        "Governorate-, region- or country-level incidents",
    ),
    "country_wide": ("على مستوى البلاد", "country-wide"),
    "sized": ("الحجم: عدد التقارير", "Size: number of reports"),
    "region_badge": ("حوادث محافظة أو منطقة (العدد)", "Governorate/region incidents (count)"),
    "incidents_on_slider": ("{n} على شريط الزمن", "{n} on the time slider"),
    "slider_days": ("أيام شريط الزمن", "Days on the time slider"),
    "talks_abroad_hidden": ("المحادثات والاتفاقات خارج سوريا مخفية", "talks and agreements abroad hidden"),
    "place_search": ("المكان", "Place"),
    "river": ("نهر", "river"),
    "list_sep": ("، ", ", "),
    "clause_sep": ("؛ ", "; "),
}


# Counted nouns: Arabic (1, 2, 3–10, 11–99, round hundreds) and English (1, other) forms. Each noun
# becomes the keys counted() reads: noun_1, noun_2, noun_few, noun (11–99) and noun_round.
PLURAL_NOUNS: dict[str, tuple[tuple[str, str, str, str, str], tuple[str, str]]] = {
    # forms for 1, 2, 3–10 (plural), 11–99 (singular, accusative) and round hundreds (singular, genitive)
    "n_days": (("يوم واحد", "يومان", "{n} أيام", "{n} يوماً", "{n} يوم"), ("1 day", "{n} days")),
    "n_articles": (("مقال واحد", "مقالان", "{n} مقالات", "{n} مقالاً", "{n} مقال"), ("1 article", "{n} articles")),
    "n_events": (("حدث واحد", "حدثان", "{n} أحداث", "{n} حدثاً", "{n} حدث"), ("1 event", "{n} events")),
    "n_incidents": (
        ("حادثة واحدة", "حادثتان", "{n} حوادث", "{n} حادثةً", "{n} حادثة"),
        ("1 incident", "{n} incidents"),
    ),
    "n_reports": (("تقرير واحد", "تقريران", "{n} تقارير", "{n} تقريراً", "{n} تقرير"), ("1 report", "{n} reports")),
    "n_rows": (("صف واحد", "صفان", "{n} صفوف", "{n} صفاً", "{n} صف"), ("1 event mention", "{n} event mentions")),
    "n_names": (("اسم واحد", "اسمان", "{n} أسماء", "{n} اسماً", "{n} اسم"), ("1 name", "{n} names")),
    "n_bytes": (("بايت واحد", "بايتان", "{n} بايتات", "{n} بايتاً", "{n} بايت"), ("1 byte", "{n} bytes")),
    "n_sentences": (("جملة واحدة", "جملتان", "{n} جمل", "{n} جملة", "{n} جملة"), ("1 sentence", "{n} sentences")),
    "n_mentions": (("موضع واحد", "موضعان", "{n} مواضع", "{n} موضعاً", "{n} موضع"), ("1 mention", "{n} mentions")),
    "n_here": (
        ("حدث واحد في هذا المكان", "حدثان في هذا المكان", "{n} أحداث في هذا المكان", "{n} حدثاً في هذا المكان",
         "{n} حدث في هذا المكان"),
        ("1 event at this place", "{n} events at this place"),
    ),
    "n_region": (
        ("حادثة واحدة بلا نقطة محددة", "حادثتان بلا نقطة محددة", "{n} حوادث بلا نقطة محددة",
         "{n} حادثةً بلا نقطة محددة", "{n} حادثة بلا نقطة محددة"),
        ("1 incident without a precise point", "{n} incidents without a precise point"),
    ),
}  # fmt: skip
_FORMS = ("_1", "_2", "_few", "", "_round")
for _noun, (_ar, (_one, _other)) in PLURAL_NOUNS.items():
    for _suffix, _form, _en in zip(
        _FORMS, _ar, (_one, _other.format(n=2), _other, _other, _other), strict=True
    ):
        LABELS[_noun + _suffix] = (_form, _en)


def plural_forms(noun: str, lang: str) -> list[str]:
    """The five forms of a counted noun in `lang` (1, 2, 3–10, 11–99, round hundreds; "{n}" for the
    number), for the maps' script, which counts in the browser (geoCount)."""
    return [t(noun + suffix, lang) for suffix in _FORMS]


def isolated(text: str) -> str:
    """Left-to-right text (an id, a date, a range of dates) isolated inside a line of either
    direction (U+2066 LRI … U+2069 PDI), so the Arabic around it cannot reorder its parts."""
    return f"\u2066{text}\u2069"


# geo.gazetteer.quarter_of: a city quarter no source names, named by the text and placed at its city's
# point; its name_en is «صلاح الدين (Aleppo)», the Arabic name and the city's English one.
QUARTER_SOURCE = "quarter_of_city"
_QUARTER_EN = re.compile(r"^.*\((?P<city>[^()]+)\)$")
_ARABIC_LETTER = re.compile("[\u0600-\u06ff]")


def place_name_en(place) -> str:
    """The place's English name, with no Arabic in it: a quarter that has no English name reads
    «quarter of Aleppo» (its Arabic name is in the Arabic label beside it)."""
    if place is None:
        return ""
    name = place.name_en or ""
    if getattr(place, "source", "") != QUARTER_SOURCE or not _ARABIC_LETTER.search(name):
        return name
    m = _QUARTER_EN.match(name)
    city = m["city"].strip() if m else ""
    return f"quarter of {city}" if city and not _ARABIC_LETTER.search(city) else "quarter"


def isolated_any(text: str) -> str:
    """Text of its own direction (an Arabic name in an English line, or the reverse) isolated with
    U+2068 FSI … U+2069 PDI: it reads in its order and leaves the line's parts around it in theirs."""
    return f"\u2068{text}\u2069"


def t(key: str, lang: str) -> str:
    """The label `key` in `lang` ("ar" or "en"; anything else reads as Arabic)."""
    ar, en = LABELS[key]
    return en if lang == "en" else ar


def table(lang: str, keys: Iterable[str] | None = None) -> dict[str, str]:
    """The catalogue (or the given keys) in one language."""
    return {k: t(k, lang) for k in (LABELS if keys is None else keys)}


def counted(n: int, noun: str, lang: str) -> str:
    """A number of a noun ("n_days", "n_articles"), the noun agreeing with the number as Arabic has
    it («7 أيام», «30 يوماً», «6 مقالات»): 1, 2, 3–10, 11–99 and the round hundreds have their forms
    (none reads as a round hundred: «0 حادثة»)."""
    if n in (1, 2):
        return t(f"{noun}_{n}", lang)
    rest = n % 100
    hundreds = n >= 100 and rest <= 2
    key = f"{noun}_round" if hundreds or n == 0 else f"{noun}_few" if 3 <= rest <= 10 else noun
    return t(key, lang).format(n=n)


def days(n: int, lang: str) -> str:
    return counted(n, "n_days", lang)


def join(items: Iterable[str], lang: str) -> str:
    """Items joined with the language's list comma («،» in Arabic, «,» in English)."""
    return t("list_sep", lang).join(items)


# upload problems and caveats (geo/reader.py) and the store's notes on an input (geo/store.py): a
# pattern the English message starts with → the catalogue key; its named parts fill the label's blanks.
_UPLOAD_PROBLEMS = tuple(
    (re.compile(pattern, re.IGNORECASE), key)
    for pattern, key in (
        (r"empty", "bad_empty"),
        (r"binary", "bad_binary"),
        (r"too large \((?P<size>[\d.]+) MB; the limit is (?P<limit>[\d.]+) MB\)", "bad_large"),
        (r"(?:text )?too large", "bad_large_plain"),
        (r"no arabic", "bad_no_arabic"),
        (r"malformed utf-16", "bad_utf16"),
        (r"not utf-8", "bad_encoding"),
        (r"an html page", "html_cleaned"),
        (r"(?P<bytes>\d+) byte\(s\) not valid utf-8", "bad_utf8_bytes"),
        (r"utf-16 with no byte-order mark", "utf16_no_bom"),
        (r"same text as (?P<id>\S+)", "same_text_as"),
        (r"analysis failed", "analysis_failed"),
        (r"could not store", "store_failed"),
        (r"not an article", "not_an_article"),
    )
)


def upload_problem(message: str, lang: str) -> str:
    """The reader's (or the store's) message in the user's language (English keeps its own detail)."""
    if lang == "en":
        return message
    for pattern, key in _UPLOAD_PROBLEMS:
        found = pattern.match(message)
        if found:
            parts = found.groupdict()
            if "bytes" in parts:
                parts["bytes"] = counted(int(parts["bytes"]), "n_bytes", lang)
            if "id" in parts:
                parts["id"] = isolated(parts["id"])
            return t(key, lang).format(**parts)
    return t("bad_other", lang)
