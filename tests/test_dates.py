"""Temporal expressions resolved against the publication date, and what dateparser alone makes of them.

TABLE rows: (published, sentence, expression, first, last, precision, dateparser_alone). The last column
is `dateparser.parse(expression, languages=["ar"], RELATIVE_BASE=published, PREFER_DATES_FROM="past")`
as observed with dateparser 1.5; `test_dateparser_alone` keeps it true, so the gain stays visible.
The first 34 rows come from the seed articles (seeds/seeds.csv gives their publication dates);
bench/dates_vs_dateparser.py prints the tally of both columns.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import dateparser
import pytest

from geo.dates import find_time_spans

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

TABLE = [
    (
        "2017-06-15",
        "توقع مبعوث الأمم المتحدة، أمس، عقد جولة جديدة من المحادثات.",
        "أمس",
        "2017-06-14",
        "2017-06-14",
        1,
        "2017-06-14",
    ),
    (
        "2017-06-15",
        "منذ سيطرتها على بلدة مسكنة في 4 يونيو الجاري، تسعى قوات النظام إلى التقدم.",
        "4 يونيو الجاري",
        "2017-06-04",
        "2017-06-04",
        1,
        None,
    ),
    (
        "2017-06-15",
        "اتفقت روسيا وإيران وتركيا، في الرابع من مايو الماضي، على إنشاء أربع مناطق.",
        "الرابع من مايو الماضي",
        "2017-05-04",
        "2017-05-04",
        1,
        None,
    ),
    (
        "2017-06-15",
        "توقع عقد جولة جديدة من محادثات السلام بجنيف في يوليو المقبل.",
        "يوليو المقبل",
        "2017-07-01",
        "2017-07-31",
        3,
        None,
    ),
    (
        "2017-06-15",
        "منذ دخول قوات النظام في الـ6 من هذا الشهر وحتى أمس.",
        "الـ6 من هذا الشهر",
        "2017-06-06",
        "2017-06-06",
        1,
        None,
    ),
    (
        "2017-06-15",
        "قبل لقاء مجموعة العشرين في هامبورغ، في 7 و8 يوليو.",
        "7 و8 يوليو",
        "2017-07-07",
        "2017-07-08",
        2,
        None,
    ),
    (
        "2017-06-15",
        "بعد رمضان الذي ينتهي في 25 يونيو الجاري.",
        "25 يونيو الجاري",
        "2017-06-25",
        "2017-06-25",
        1,
        None,
    ),
    (
        "2017-06-08",
        "محادثات السلام المقررة في 12 و13 يونيو تأجلت إلى أجل غير مسمى.",
        "12 و13 يونيو",
        "2017-06-12",
        "2017-06-13",
        2,
        None,
    ),
    (
        "2017-06-08",
        "أعلن عن هذه الجولة الجديدة من المحادثات في مطلع يونيو الحالي.",
        "مطلع يونيو الحالي",
        "2017-06-01",
        "2017-06-10",
        2,
        None,
    ),
    (
        "2017-06-08",
        "ذكر نشطاء أن معارك عنيفة تدور منذ البارحة في مدينة الرقة.",
        "البارحة",
        "2017-06-07",
        "2017-06-07",
        1,
        None,
    ),
    (
        "2017-06-08",
        "إلا أن النشطاء ذكروا امس، أن القوات لا تزال تراوح مكانها.",
        "امس",
        "2017-06-07",
        "2017-06-07",
        1,
        "2017-06-07",
    ),
    (
        "2017-07-05",
        "اخترقت قوات سورية الديمقراطية، أمس، سور المدينة القديمة في الرقة.",
        "أمس",
        "2017-07-04",
        "2017-07-04",
        1,
        "2017-07-04",
    ),
    (
        "2017-07-05",
        "تقدمت من ثلاثة محاور من شرق سور المدينة القديمة فجر أمس.",
        "فجر أمس",
        "2017-07-04",
        "2017-07-04",
        1,
        None,
    ),
    (
        "2017-07-05",
        "منذ بدء هجومها داخل المدينة في السادس من يونيو الماضي، بدعم من التحالف.",
        "السادس من يونيو الماضي",
        "2017-06-06",
        "2017-06-06",
        1,
        None,
    ),
    (
        "2017-07-05",
        "وكانت القوات قد ذكرت الأسبوع الماضي، أنها طوقت المدينة تماماً.",
        "الأسبوع الماضي",
        "2017-06-28",
        "2017-07-04",
        2,
        "2017-06-28",
    ),
    (
        "2017-07-05",
        "قبل جولة سابعة من المفاوضات السياسية المرتقبة في 10 يوليو في جنيف.",
        "10 يوليو",
        "2017-07-10",
        "2017-07-10",
        1,
        "2016-07-10",
    ),
    (
        "2017-07-05",
        "وأطلقت القوات عملية لتحرير المدينة من سيطرة «داعش» في نوفمبر.",
        "نوفمبر",
        "2016-11-01",
        "2016-11-30",
        3,
        "2016-11-05",
    ),
    (
        "2017-07-05",
        "وكان «داعش» قد سيطر على المدينة في عام 2014.",
        "عام 2014",
        "2014-01-01",
        "2014-12-31",
        3,
        "2014-07-05",
    ),
    (
        "2017-06-18",
        "وسيطرت قوات النظام السوري الثلاثاء الماضي على حقل آرك النفطي.",
        "الثلاثاء الماضي",
        "2017-06-13",
        "2017-06-13",
        1,
        None,
    ),
    (
        "2017-06-18",
        "أعلن المبعوث الخاص، أمس، أن الجولة السابعة ستبدأ في 10 يوليو.",
        "أمس",
        "2017-06-17",
        "2017-06-17",
        1,
        "2017-06-17",
    ),
    (
        "2017-06-18",
        "أعلن المبعوث، أمس، أن الجولة السابعة ستبدأ في 10 يوليو.",
        "10 يوليو",
        "2017-07-10",
        "2017-07-10",
        1,
        "2016-07-10",
    ),
    (
        "2017-06-18",
        "وصول الوفود مقرر يوم 9 يوليو على أن تنطلق المفاوضات في العاشر منه.",
        "يوم 9 يوليو",
        "2017-07-09",
        "2017-07-09",
        1,
        None,
    ),
    (
        "2017-06-18",
        "وصول الوفود مقرر يوم 9 يوليو على أن تنطلق المفاوضات في العاشر منه.",
        "العاشر منه",
        "2017-07-10",
        "2017-07-10",
        1,
        None,
    ),
    (
        "2017-06-18",
        "وكانت الجولة السادسة اختتمت في 19 مايو الماضي، دون تحقيق تقدم.",
        "19 مايو الماضي",
        "2017-05-19",
        "2017-05-19",
        1,
        None,
    ),
    (
        "2017-06-18",
        "وقف العمليات القتالية اعتباراً من الساعة 12 ظهر السبت في مدينة درعا.",
        "ظهر السبت",
        "2017-06-17",
        "2017-06-17",
        1,
        None,
    ),
    (
        "2017-10-23",
        "قال المتحدث باسم الأمين العام في إيجاز صحافي أمس إن الوقت حان.",
        "أمس",
        "2017-10-22",
        "2017-10-22",
        1,
        "2017-10-22",
    ),
    (
        "2017-10-23",
        "ولفت إلى لقائه أوّل أمس وزير الخارجية الروسي.",
        "أوّل أمس",
        "2017-10-21",
        "2017-10-21",
        1,
        None,
    ),
    (
        "2017-10-23",
        "سيناقش مع الأمين العام مباحثاته في روسيا اليوم الاثنين.",
        "اليوم الاثنين",
        "2017-10-23",
        "2017-10-23",
        1,
        None,
    ),
    (
        "2017-10-23",
        "وكان لافروف أكد خلال لقائه المبعوث، يوم الجمعة الماضي في موسكو، أن الوضع يتحسن.",
        "يوم الجمعة الماضي",
        "2017-10-20",
        "2017-10-20",
        1,
        None,
    ),
    (
        "2017-10-23",
        "مجلس الأمن سيعقد اجتماعاً لبحث الوضع في سورية يوم الأربعاء المقبل.",
        "يوم الأربعاء المقبل",
        "2017-10-25",
        "2017-10-25",
        1,
        None,
    ),
    (
        "2017-10-23",
        "أعرب عن أمله في استئناف الحوار في تشرين الثاني المقبل.",
        "تشرين الثاني المقبل",
        "2017-11-01",
        "2017-11-30",
        3,
        None,
    ),
    (
        "2017-10-23",
        "واختتمت الأخيرة في الرابع عشر من تموز الماضي.",
        "الرابع عشر من تموز الماضي",
        "2017-07-14",
        "2017-07-14",
        1,
        None,
    ),
    (
        "2017-10-23",
        "اجتماع أستانة 7 في العاصمة الكازاخية أواخر الشهر الحالي.",
        "أواخر الشهر الحالي",
        "2017-10-21",
        "2017-10-31",
        2,
        None,
    ),
    (
        "2017-10-23",
        "سيطرت القوات على حقل العمر النفطي صباح أمس الأحد.",
        "صباح أمس الأحد",
        "2017-10-22",
        "2017-10-22",
        1,
        None,
    ),
    ("2017-06-15", "التقى الوزيران أول من أمس في موسكو.", "أول من أمس", "2017-06-13", "2017-06-13", 1, None),
    (
        "2017-06-15",
        "وقال المرصد السبت إن الغارات استهدفت ريف إدلب.",
        "السبت",
        "2017-06-10",
        "2017-06-10",
        1,
        "2017-06-10",
    ),
    (
        "2017-06-15",
        "يلتقي الوفدان الخميس المقبل في أستانا.",
        "الخميس المقبل",
        "2017-06-22",
        "2017-06-22",
        1,
        None,
    ),
    (
        "2017-06-15",
        "وقع الهجوم قبل ثلاثة أيام في ريف حماة.",
        "قبل ثلاثة أيام",
        "2017-06-12",
        "2017-06-12",
        1,
        None,
    ),
    (
        "2017-06-15",
        "أقر مجلس الأمن القرار قبل أسبوعين.",
        "قبل أسبوعين",
        "2017-05-29",
        "2017-06-04",
        2,
        "2017-06-01",
    ),
    (
        "2017-06-15",
        "تصل المساعدات إلى المدينة غداً صباحاً.",
        "غداً",
        "2017-06-16",
        "2017-06-16",
        1,
        "2017-06-16",
    ),
    (
        "2017-06-20",
        "عقد الاجتماع في 12 حزيران 2017 في جنيف.",
        "12 حزيران 2017",
        "2017-06-12",
        "2017-06-12",
        1,
        None,
    ),
    (
        "2017-06-20",
        "وصلت التعزيزات في ١٢ حزيران إلى مطار دير الزور.",
        "١٢ حزيران",
        "2017-06-12",
        "2017-06-12",
        1,
        None,
    ),
    (
        "2017-06-20",
        "بدأت المعركة في حزيران (يونيو) 2016 في منبج.",
        "حزيران (يونيو) 2016",
        "2016-06-01",
        "2016-06-30",
        3,
        None,
    ),
    (
        "2017-08-10",
        "وشهدت المدينة معارك عنيفة في تموز/يوليو بين الطرفين.",
        "تموز/يوليو",
        "2017-07-01",
        "2017-07-31",
        3,
        None,
    ),
    (
        "2017-10-01",
        "دخلت القوات المدينة في الحادي والعشرين من آب الماضي.",
        "الحادي والعشرين من آب الماضي",
        "2017-08-21",
        "2017-08-21",
        1,
        None,
    ),
    (
        "2017-06-20",
        "نفذ التحالف غارات على المدينة في 18 شباط/فبراير الماضي.",
        "18 شباط/فبراير الماضي",
        "2017-02-18",
        "2017-02-18",
        1,
        None,
    ),
    (
        "2017-06-20",
        "سقط النظام التونسي يوم 14 جانفي 2011 بعد احتجاجات واسعة.",
        "14 جانفي 2011",
        "2011-01-14",
        "2011-01-14",
        1,
        None,
    ),
    (
        "2017-09-01",
        "غادر المقاتلون التونسيون نحو سوريا في 25 جويلية الماضي.",
        "25 جويلية الماضي",
        "2017-07-25",
        "2017-07-25",
        1,
        None,
    ),
    ("2017-06-20", "تعمل الشبكة في سوريا منذ أفريل 2015.", "أفريل 2015", "2015-04-01", "2015-04-30", 3, None),
    (
        "2017-06-20",
        "أعلنت الحكومة التونسية في فيفري الماضي عن خطة جديدة.",
        "فيفري الماضي",
        "2017-02-01",
        "2017-02-28",
        3,
        None,
    ),
    (
        "2017-06-20",
        "وكان التنظيم قد سيطر على المدينة عام ٢٠١٤.",
        "عام ٢٠١٤",
        "2014-01-01",
        "2014-12-31",
        3,
        "2014-06-20",
    ),
    (
        "2017-06-15",
        "تراجعت حدة المعارك منذ منتصف آذار الماضي.",
        "منتصف آذار الماضي",
        "2017-03-11",
        "2017-03-20",
        2,
        None,
    ),
    ("2017-06-15", "انسحب المقاتلون من الحي نهاية أيار.", "نهاية أيار", "2017-05-21", "2017-05-31", 2, None),
    (
        "2017-06-15",
        "قتل العشرات في الغارات الشهر الماضي.",
        "الشهر الماضي",
        "2017-05-01",
        "2017-05-31",
        3,
        "2017-05-15",
    ),
    (
        "2017-06-15",
        "وكان مقرراً إجراء محادثات جديدة هذا الأسبوع.",
        "هذا الأسبوع",
        "2017-06-12",
        "2017-06-18",
        2,
        "2017-06-15",
    ),
    (
        "2017-06-15",
        "يتوقع أن تصل القوافل خلال الأيام المقبلة.",
        "الأيام المقبلة",
        "2017-06-16",
        "2017-06-22",
        2,
        None,
    ),
    (
        "2017-06-15",
        "تضاعف عدد النازحين مقارنة بالعام الماضي.",
        "العام الماضي",
        "2016-01-01",
        "2016-12-31",
        3,
        None,
    ),
    (
        "2017-06-15",
        "بدأت المفاوضات في مايو من العام الماضي.",
        "مايو من العام الماضي",
        "2016-05-01",
        "2016-05-31",
        3,
        None,
    ),
    (
        "2018-05-19",
        "وكانت قوات النظام قد شنت حملة عسكرية قبل نحو شهر.",
        "قبل نحو شهر",
        "2018-04-04",
        "2018-05-04",
        3,
        None,
    ),
    (
        "2016-12-08",
        "نقل جثث قتلوا خلال المعارك التي شهدتها المنطقة قبل أيام.",
        "قبل أيام",
        "2016-12-01",
        "2016-12-07",
        2,
        None,
    ),
    (
        "2018-03-10",
        "استعادت القوات خلال الأسبوعين الأخيرين كل مناطق الريف.",
        "الأسبوعين الأخيرين",
        "2018-02-24",
        "2018-03-10",
        2,
        None,
    ),
    (
        "2018-04-27",
        "قتل أكثر من 80 شخصا في هجوم وقع أبريل/نيسان العام الماضي.",
        "أبريل/نيسان العام الماضي",
        "2017-04-01",
        "2017-04-30",
        3,
        None,
    ),
    (
        "2017-03-10",
        "دارت اشتباكات بين 3 و5 آذار/مارس في محيط تدمر.",
        "3 و5 آذار/مارس",
        "2017-03-03",
        "2017-03-05",
        2,
        None,
    ),
    (
        "2017-06-20",
        "صدر البيان بتاريخ 15/6/2017 عن القيادة العامة.",
        "15/6/2017",
        "2017-06-15",
        "2017-06-15",
        1,
        "2017-06-15",
    ),
    (
        "2017-08-15",
        "استمرت المعارك من 28 حزيران إلى 3 تموز الماضي.",
        "28 حزيران إلى 3 تموز الماضي",
        "2017-06-28",
        "2017-07-03",
        2,
        None,
    ),
    (
        "2018-04-20",
        "وفي ليل السادس والسابع من أبريل، قصفت الطائرات المدينة.",
        "السادس والسابع من أبريل",
        "2018-04-06",
        "2018-04-07",
        2,
        None,
    ),
    ("2018-04-20", "قتل آلاف المدنيين بين 2011 و2017.", "2011 و2017", "2011-01-01", "2017-12-31", 3, None),
    (
        "2018-09-25",
        "شهدت الأحواز حادثة دموية، السبت قبل الماضي.",
        "السبت قبل الماضي",
        "2018-09-15",
        "2018-09-15",
        1,
        None,
    ),
    (
        "2018-03-25",
        "أخليت المدينة في مارس 2016، كما شهد شهر مايو من العام ذاته خروج مقاتلين.",
        "شهر مايو من العام ذاته",
        "2016-05-01",
        "2016-05-31",
        3,
        None,
    ),
    (
        "2018-03-13",
        "وأسفر القصف خلال الساعات الـ 48 الماضية عن عشرات القتلى.",
        "الساعات الـ 48 الماضية",
        "2018-03-11",
        "2018-03-13",
        2,
        None,
    ),
    (
        "2018-04-17",
        "دخل الخبراء دوما للتحقيق في هجوم وقع قبل عشرة أيام.",
        "قبل عشرة أيام",
        "2018-04-07",
        "2018-04-07",
        1,
        None,
    ),
    (
        "2018-04-07",
        "توجها إلى سوريا من 28 أيار/مايو إلى 12 آب/أغسطس 2013 عبر تركيا.",
        "28 أيار/مايو إلى 12 آب/أغسطس 2013",
        "2013-05-28",
        "2013-08-12",
        2,
        None,
    ),
    (
        "2018-04-20",
        "تتواصل الاشتباكات منذ الثلاثاء الماضي وحتى أمس في محيط المدينة.",
        "الثلاثاء الماضي وحتى أمس",
        "2018-04-17",
        "2018-04-19",
        2,
        None,
    ),
]


def _iso(s: str | None) -> date | None:
    return date.fromisoformat(s) if s else None


def _spans_at(sentence: str, expression: str, published: date):
    i = sentence.index(expression)
    j = i + len(expression)
    return [s for s in find_time_spans(sentence, published) if s.start < j and s.end > i]


def dateparser_alone(expression: str, published: date) -> date | None:
    base = datetime(published.year, published.month, published.day)
    got = dateparser.parse(
        expression, languages=["ar"], settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"}
    )
    return got.date() if got else None


@pytest.mark.parametrize(("published", "sentence", "expression", "first", "last", "precision", "dp"), TABLE)
def test_table(published, sentence, expression, first, last, precision, dp):
    spans = _spans_at(sentence, expression, _iso(published))
    assert len(spans) == 1, spans
    span = spans[0]
    assert sentence[span.start : span.end] == span.surface
    assert (span.first, span.last, span.precision) == (_iso(first), _iso(last), precision)


@pytest.mark.parametrize(("published", "sentence", "expression", "first", "last", "precision", "dp"), TABLE)
def test_dateparser_alone(published, sentence, expression, first, last, precision, dp):
    assert dateparser_alone(expression, _iso(published)) == _iso(dp)


def test_weekday_that_disagrees_is_noted():
    monday = date(2017, 10, 23)
    (wrong,) = find_time_spans("قال المتحدث أول من أمس الاثنين إن الوفد وصل.", monday)
    assert wrong.first == date(2017, 10, 21)  # the Monday before that Saturday is a week back: ignored
    assert "Monday" in wrong.note and "Saturday" in wrong.note and "ignored" in wrong.note
    (right,) = find_time_spans("سيطرت القوات على الحقل أمس الأحد.", monday)
    assert (right.first, right.note) == (date(2017, 10, 22), "")
    (dated,) = find_time_spans("عقد الاجتماع يوم الخميس 8 يونيو 2017 في أستانا.", monday)
    assert (dated.first, dated.note) == (date(2017, 6, 8), "")
    (misdated,) = find_time_spans("عقد الاجتماع يوم الجمعة 8 يونيو 2017 في أستانا.", monday)
    assert misdated.first == date(2017, 6, 8) and "Friday" in misdated.note


WEDNESDAY, THURSDAY = date(2018, 3, 14), date(2018, 3, 15)


@pytest.mark.parametrize(
    ("sentence", "expression", "day"),
    [
        ("قصفت طائرات روسية مدينة سراقب فجر اليوم.", "فجر اليوم", WEDNESDAY),
        ("قصفت طائرات روسية مدينة سراقب صباح اليوم.", "صباح اليوم", WEDNESDAY),
        ("قصفت طائرات روسية مدينة سراقب ظهر اليوم.", "ظهر اليوم", WEDNESDAY),
        ("قصفت طائرات روسية مدينة سراقب مساء اليوم.", "مساء اليوم", WEDNESDAY),
        ("قصفت طائرات روسية مدينة سراقب ليل اليوم.", "ليل اليوم", WEDNESDAY),
        ("قصفت طائرات روسية مدينة سراقب اليوم.", "اليوم", WEDNESDAY),
        ("قصفت طائرات روسية مدينة سراقب فجر أمس.", "فجر أمس", date(2018, 3, 13)),
        ("قصفت طائرات روسية مدينة سراقب مساء أمس.", "مساء أمس", date(2018, 3, 13)),
        ("قصفت طائرات روسية مدينة سراقب ليلة أمس.", "ليلة أمس", date(2018, 3, 13)),
    ],
)
def test_time_of_day_keeps_the_day(sentence, expression, day):
    """«فجر اليوم» is the publication day itself (precision 1), not the report's two days."""
    (span,) = find_time_spans(sentence, WEDNESDAY)
    assert (span.surface, span.first, span.last, span.precision) == (expression, day, day, 1)


@pytest.mark.parametrize(
    ("published", "sentence", "day"),
    [
        # wire copy told on Wednesday, published on Thursday
        (THURSDAY, "قصفت طائرات روسية مدينة سراقب اليوم الأربعاء.", WEDNESDAY),
        (THURSDAY, "قصفت طائرات روسية مدينة سراقب فجر اليوم الأربعاء.", WEDNESDAY),
        (THURSDAY, "قصفت طائرات روسية مدينة سراقب أمس الثلاثاء.", date(2018, 3, 13)),
        (THURSDAY, "قصفت طائرات روسية مدينة سراقب الثلاثاء الماضي.", date(2018, 3, 13)),
        (date(2018, 3, 13), "قصفت طائرات روسية مدينة سراقب الثلاثاء الماضي.", date(2018, 3, 6)),
        (THURSDAY, "قصفت طائرات روسية مدينة سراقب اليوم الخميس.", THURSDAY),
        (THURSDAY, "قصفت طائرات روسية مدينة سراقب أمس الأربعاء.", WEDNESDAY),
        # a report filed after 21:00 GMT is dated the day before it is in Syria (UTC+3)
        (date(2018, 4, 7), "قصفت المدينة بغاز سام عصر أمس السبت.", date(2018, 4, 7)),
        (date(2018, 6, 17), "قال مصدر عسكري اليوم الاثنين إن طائرات قصفت موقعا.", date(2018, 6, 18)),
    ],
)
def test_weekday_named_after_today_or_yesterday_is_the_day_told(published, sentence, day):
    (span,) = find_time_spans(sentence, published)
    assert (span.first, span.last, span.precision) == (day, day, 1)


def test_weekday_named_more_than_six_days_off_is_ignored():
    """«أول من أمس الخميس» on a Thursday: that Thursday is a week back, so the two days before stand."""
    (span,) = find_time_spans("قصفت طائرات روسية مدينة سراقب أول من أمس الخميس.", THURSDAY)
    assert (span.first, span.precision) == (date(2018, 3, 13), 1)
    assert "7 days off: ignored" in span.note
    (named,) = find_time_spans("قصفت طائرات روسية مدينة سراقب أول من أمس الأربعاء.", THURSDAY)
    assert (named.first, named.note) == (WEDNESDAY, "the Wednesday named, 1 day before publication")


def test_weekday_after_tomorrow_is_not_moved():
    (span,) = find_time_spans("تبدأ الجولة غدا الجمعة في أستانا.", WEDNESDAY)
    assert span.first == date(2018, 3, 15) and "Friday" in span.note


@pytest.mark.parametrize(
    "sentence",
    [
        "أعلن الجيش في 31 فبراير 2017 عن هدنة.",
        "وصلت القوات في 30 شباط الماضي.",
        "انتهت الجولة في 29 فبراير 2017.",
        "انطلقت العملية في 45 مايو.",
    ],
)
def test_impossible_dates_are_skipped(sentence):
    assert find_time_spans(sentence, date(2017, 6, 15)) == []


def test_leap_day_is_a_date():
    (span,) = find_time_spans("انتهت الجولة في 29 فبراير 2016.", date(2017, 6, 15))
    assert span.first == date(2016, 2, 29)


@pytest.mark.parametrize(
    "sentence",
    [
        "التقى الحريري بقيادات قوى 14 آذار في بيروت.",
        "قال في مقابلة مع قناة روسيا اليوم إن الحل سياسي.",
        "مارس الضغط على الفصائل للانسحاب.",
        "أرسل النظام نحو 2000 مقاتل إلى الجبهة.",
        "وفي اليوم التالي انسحبت القوات.",
        "تبنى مجلس الأمن القرار 2254 بالإجماع.",
        "وأصيب أحد عناصر الشرطة في الخامس من الحي.",
        "أدين بدعم منفذي أحداث الحادي عشر من سبتمبر.",
    ],
)
def test_not_dates(sentence):
    assert find_time_spans(sentence, date(2017, 6, 15)) == []


def test_bare_month_is_the_latest_unless_the_clause_looks_ahead():
    july = date(2017, 7, 5)
    (past,) = find_time_spans("أطلقت القوات العملية في نوفمبر.", july)
    assert (past.first, past.last, past.precision) == (date(2016, 11, 1), date(2016, 11, 30), 3)
    (ahead,) = find_time_spans("ستعقد الجولة المقبلة من المحادثات في نوفمبر.", july)
    assert ahead.first == date(2017, 11, 1)
    (nearest,) = find_time_spans("تبدأ المحادثات في 10 يوليو بجنيف.", july)
    assert nearest.first == date(2017, 7, 10)


def test_anaphoric_day_follows_the_last_month_named():
    text = "تبدأ الجولة في آذار المقبل، وتنتهي في العشرين منه."
    spans = find_time_spans(text, date(2017, 1, 10))
    assert [s.first for s in spans] == [date(2017, 3, 1), date(2017, 3, 20)]
    assert find_time_spans("وتنتهي المحادثات في العشرين منه.", date(2017, 1, 10)) == []


SEED_EXPECTED = {
    "000_8df6f48f5ac7b80d": {
        "يوليو المقبل": ("2017-07-01", "2017-07-31", 3),
        "الرابع من مايو الماضي": ("2017-05-04", "2017-05-04", 1),
        "مطلع الشهر نفسه": ("2017-07-01", "2017-07-10", 2),
        "7 و8 يوليو": ("2017-07-07", "2017-07-08", 2),
        "الـ6 من هذا الشهر": ("2017-06-06", "2017-06-06", 1),
    },
    "001_9852bb077076bb57": {
        "12 و13 يونيو": ("2017-06-12", "2017-06-13", 2),
        "البارحة": ("2017-06-07", "2017-06-07", 1),
        "امس": ("2017-06-07", "2017-06-07", 1),
    },
    "002_c99f9a7222258e8a": {
        "فجر أمس": ("2017-07-04", "2017-07-04", 1),
        "نوفمبر": ("2016-11-01", "2016-11-30", 3),
        "10 يوليو": ("2017-07-10", "2017-07-10", 1),
    },
    "003_09aba34875456dd7": {
        "العاشر منه": ("2017-07-10", "2017-07-10", 1),
        "الثلاثاء الماضي": ("2017-06-13", "2017-06-13", 1),
        "ظهر السبت": ("2017-06-17", "2017-06-17", 1),
        "أغسطس": ("2017-08-01", "2017-08-31", 3),
    },
    "004_21178bc9de1c0135": {
        "أوّل أمس": ("2017-10-21", "2017-10-21", 1),
        "اليوم الاثنين": ("2017-10-23", "2017-10-23", 1),
        "تشرين الثاني المقبل": ("2017-11-01", "2017-11-30", 3),
        "أواخر الشهر الحالي": ("2017-10-21", "2017-10-31", 2),
    },
}


def _well_formed(text: str, spans) -> None:
    for a, b in zip(spans, spans[1:], strict=False):
        assert a.end <= b.start
    for s in spans:
        assert text[s.start : s.end] == s.surface
        assert s.first <= s.last and s.precision in (1, 2, 3)


@pytest.mark.parametrize("stem", sorted(SEED_EXPECTED))
def test_seed_articles(stem, seed_dates):
    text = (ROOT / "seeds" / f"{stem}.txt").read_text(encoding="utf-8")
    spans = find_time_spans(text, seed_dates[stem])
    _well_formed(text, spans)
    by_surface = {}
    for s in spans:
        by_surface.setdefault(s.surface, s)
    for surface, (first, last, precision) in SEED_EXPECTED[stem].items():
        s = by_surface[surface]
        assert (s.first, s.last, s.precision) == (_iso(first), _iso(last), precision), surface


def test_empty_text():
    assert find_time_spans("", date(2017, 6, 15)) == []


@pytest.mark.corpus
def test_corpus_spans_are_well_formed():
    path = SHARED / "data" / "corpus" / "articles.jsonl"
    if not path.is_file():
        pytest.skip(f"news corpus not found at {path} (it lives in ../shared beside the checkout)")
    found = 0
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if n >= 300:
                break
            rec = json.loads(line)
            spans = find_time_spans(rec["text"], date.fromisoformat(rec["published"]))
            _well_formed(rec["text"], spans)
            found += len(spans)
    assert found > 300


# ------------------------------------------------------------------ issue 12: limits that say so

PUB = date(2017, 6, 15)


@pytest.mark.parametrize(
    "sentence, first, last",
    [
        ("قتل خلال الـ 800000 يوما الماضية", "2007-06-15", "2017-06-15"),
        ("قصف خلال الساعات الـ 99999999999 الماضية", "2007-06-15", "2017-06-15"),
        ("هدنة خلال الأسابيع الـ 7016 المقبلة", "2017-06-16", "2027-06-16"),
    ],
)
def test_huge_counts_in_vague_spans_are_capped_at_the_reach(sentence, first, last):
    (span,) = find_time_spans(sentence, PUB)
    assert (span.first.isoformat(), span.last.isoformat()) == (first, last)
    assert span.note == "vague"


def test_modest_counts_are_not_touched_by_the_cap():
    (span,) = find_time_spans("قتل خلال الـ 30 يوما الماضية", PUB)
    assert (span.first, span.last) == (date(2017, 5, 16), date(2017, 6, 15))  # up to the report


TOUCHY = (
    "في 5 حزيران الماضي وأمس والأسبوع المقبل ويوم السبت المقبل وقبل 3 أيام والشهر المقبل والعام المقبل "
    "وخلال الأيام المقبلة واليومين المقبلين ومطلع الشهر الماضي وغدا وبعد غد و12 آب المقبل والعام الماضي"
)


@pytest.mark.parametrize("published", [date.min, date(1, 1, 2), date(9999, 12, 30), date.max])
def test_any_publication_date_gives_spans_not_a_crash(published):
    from geo.dates import sane_bounds

    spans = find_time_spans(TOUCHY, published)
    lo, hi = sane_bounds(published)
    assert spans, "what the calendar can hold is still resolved"
    assert all(lo <= s.first <= s.last <= hi for s in spans)
    if published == date.max:  # the day after the calendar ends is simply not there
        assert "غدا" not in [s.surface for s in spans]
        assert "أمس" in [s.surface for s in spans]


# ------------------------------------------------------------------ issue 8 §5: the scan that skips text

# Texts where a stretch boundary could go wrong: dates beside every barrier, across a line break, glued
# month names, month names inside words, digits of other scripts, numeric dates in runs of digits.
EDGES = [
    "قال: في 12 يونيو 2017. وفي 13\nحزيران الماضي؛ وأمس! «الأحد» 'السبت' \"اليوم\" غدا؟",
    "يوم الأحد ،\n\n  الموافق   12   من شهر   كانون\nالثاني 2017 والإرهاب والكتاب وآب الماضي",
    "في 3 فبرايرشباط 2016 وفي 4 يونيو(حزيران) وفي مايو/أيار، والعاشر منه",
    "في ١٥/٦/٢٠١٧ و15.6.2017 و2017-06-15 و1.5.2017.3 و12/12/2017/ و3-4-2015- وعام ２０١٧ وسنة 2013",
    "منذ 2011.قبل 3 أيام.الأسبوع الماضي:خلال اليومين الأخيرين؛الساعات الـ24 الماضية«مطلع الشهر نفسه»",
]


def _texts_to_check(seed_dates) -> list[str]:
    seeds = [(ROOT / "seeds" / f"{stem}.txt").read_text(encoding="utf-8") for stem in sorted(seed_dates)]
    return seeds + [row[1] for row in TABLE] + EDGES


def _full_scan(norm: str):
    from geo.dates import _COMPILED

    return [(kind, m.span(), m.groupdict()) for kind, rx in _COMPILED.items() for m in rx.finditer(norm)]


def test_scanning_only_the_stretches_finds_what_a_whole_text_scan_finds(seed_dates):
    from geo.dates import _scan
    from geo.text import NormText

    found = 0
    for text in _texts_to_check(seed_dates):
        norm = NormText(text).norm
        fast = [(kind, m.span(), m.groupdict()) for kind, m in _scan(norm)]
        assert fast == _full_scan(norm), text[:60]
        found += len(fast)
    assert found > 150


@pytest.mark.corpus
def test_stretch_scan_matches_the_whole_text_scan_on_the_corpus(corpus_path):
    from geo.dates import _scan
    from geo.text import NormText

    with corpus_path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if n >= 300:
                break
            norm = NormText(json.loads(line)["text"]).norm
            assert [(k, m.span(), m.groupdict()) for k, m in _scan(norm)] == _full_scan(norm), n


def _consumes(op, av, ch: str) -> bool:
    """Whether a parsed regex node can read `ch` anywhere inside it (match, lookahead or lookbehind)."""
    from re import _constants as c

    if op in (c.LITERAL, c.NOT_LITERAL):
        return (chr(av) == ch) == (op is c.LITERAL)
    if op is c.ANY:
        return ch != "\n"
    if op is c.IN:
        return _in_set(av, ch)
    if op is c.AT:
        return False
    if op is c.SUBPATTERN:
        return _seq_consumes(av[3], ch)
    if op is c.BRANCH:
        return any(_seq_consumes(alt, ch) for alt in av[1])
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        return _seq_consumes(av[2], ch)
    if op in (c.ASSERT, c.ASSERT_NOT):
        return _seq_consumes(av[1], ch)
    raise AssertionError(f"regex construct {op} not covered: extend the barrier check")


def _seq_consumes(seq, ch: str) -> bool:
    return any(_consumes(op, av, ch) for op, av in seq)


def _in_set(items, ch: str) -> bool:
    import re
    from re import _constants as c

    category = {c.CATEGORY_DIGIT: r"\d", c.CATEGORY_NOT_DIGIT: r"\D", c.CATEGORY_SPACE: r"\s"}
    category |= {c.CATEGORY_NOT_SPACE: r"\S", c.CATEGORY_WORD: r"\w", c.CATEGORY_NOT_WORD: r"\W"}
    negate, hit = False, False
    for op, av in items:
        if op is c.NEGATE:
            negate = True
        elif op is c.LITERAL:
            hit |= chr(av) == ch
        elif op is c.RANGE:
            hit |= av[0] <= ord(ch) <= av[1]
        elif op is c.CATEGORY:
            hit |= re.fullmatch(category[av], ch) is not None
        else:
            raise AssertionError(f"character set item {op} not covered")
    return hit != negate


def test_no_pattern_but_numeric_reads_a_barrier_character():
    from re import _parser

    from geo.dates import _BARRIERS, _PATTERNS

    for kind, pattern in _PATTERNS.items():
        if kind == "numeric":  # scanned over its runs of digits and «/.-» instead
            continue
        tree = _parser.parse(pattern)
        for ch in _BARRIERS:
            assert not _seq_consumes(tree.data, ch), (kind, ch)
    assert _seq_consumes(_parser.parse(_PATTERNS["daymonth"]).data, "،")  # the check can fail


def test_the_pipeline_document_gives_the_same_spans(seed_articles, seed_dates):
    from geo.doc import Doc

    for aid, art in seed_articles.items():
        published = art.published or seed_dates[aid]
        alone = find_time_spans(art.text, published)
        assert alone and find_time_spans(art.text, published, Doc.of(art)) == alone


@pytest.mark.parametrize("base", [date(2016, 2, 29), date(2017, 3, 1), date(2018, 12, 31), date(2019, 1, 1)])
def test_relative_days_shifted_from_one_base_are_what_dateparser_says_on_the_day(base):
    from geo.dates import _dp, _dp_relative

    for canonical in ("امس", "اليوم", "غدا", "قبل يومين", "قبل 3 أيام", "قبل 2 أسابيع", "قبل 2 أشهر"):
        assert _dp_relative(canonical, base) == _dp(canonical, base), canonical


def test_weekday_named_at_the_calendars_start_keeps_the_word_day():
    """The Sunday before 3 January of year 1 is no date: «اليوم الأحد» stays that day, not dropped."""
    (span,) = find_time_spans("قصفت الطائرات البلدة اليوم الأحد.", date(1, 1, 3))
    assert span.first == date(1, 1, 3) and "Sunday" in span.note


@pytest.mark.parametrize("year", [1890, 2000, 2110])
def test_days_made_by_date_are_what_dateparser_reads(year):
    """Within DATEPARSER_AGREES_YEARS a day is made by `date`, not asked of dateparser: every day number of
    every month of the first, a leap and the last of those years reads the same both ways (31 April: none)."""
    from geo.dates import _CANON_MONTH, DATEPARSER_AGREES_YEARS, _day_date, _dp

    assert DATEPARSER_AGREES_YEARS[0] <= year <= DATEPARSER_AGREES_YEARS[1]
    for m in range(1, 13):
        for d in range(1, 32):
            assert _day_date(year, m, d) == _dp(f"{d} {_CANON_MONTH[m]} {year}"), (year, m, d)
    assert _day_date(2000, 2, 29) == date(2000, 2, 29) and _day_date(2017, 4, 31) is None


def test_days_outside_the_checked_years_are_still_asked_of_dateparser():
    from geo.dates import _CANON_MONTH, _day_date, _dp

    for y, m, d in ((1700, 3, 5), (2500, 2, 29), (9000, 12, 31)):
        assert _day_date(y, m, d) == _dp(f"{d} {_CANON_MONTH[m]} {y}")


def test_a_month_name_inside_a_word_is_no_anchor_but_every_match_is_still_found():
    """«آب» ending «الإرهاب» or «الشباب» starts no scan; a name after a clitic, a day number or its glued
    paired name still does, so the stretch scan finds what the whole-text scan finds."""
    from geo.dates import _month_may_start, _scan
    from geo.text import normalize

    norm = normalize("ضرب الإرهاب والشباب")
    assert not _month_may_start(norm, norm.index("اب"))
    for text in ("في 5آب 2017", "في حزيرانيونيو 2017", "وبآب 2016", "فآب الماضي", "مطلع آب", "(آب)"):
        norm = normalize(text)
        assert [(k, m.span(), m.groupdict()) for k, m in _scan(norm)] == _full_scan(norm), text
        assert _full_scan(norm), text  # each is a date the patterns read


# ------------------------------------------------------------------ round 13: the day an event happened


def _cue_rows():
    from geo.dates import read_cues

    return read_cues()


@pytest.mark.parametrize("row", _cue_rows(), ids=lambda r: f"{r['role']}:{r['word']}")
def test_date_cue_rows_read_as_their_example_says(row):
    """Every row of geo/rules/date_cues.jsonl: its example sentence gives the span, the days and the note."""
    spans = find_time_spans(row["example"], date.fromisoformat(row["published"]))
    got = [(s.first.isoformat(), s.last.isoformat(), s.note) for s in spans if s.surface == row["expression"]]
    assert got == [(row["first"], row["last"], row["note"])]


@pytest.mark.parametrize(
    ("published", "sentence", "expression", "day"),
    [
        # the night from Tuesday into Wednesday is the Wednesday (the gold guide's reading), one span
        (
            date(2018, 5, 11),
            "قتل تسعة مقاتلين ليل الثلاثاء الأربعاء جراء قصف صاروخي.",
            "ليل الثلاثاء الأربعاء",
            date(2018, 5, 9),
        ),
        (
            date(2018, 6, 26),
            "سيطرت القوات خلال ليل الاثنين الثلاثاء على بلدتين.",
            "ليل الاثنين الثلاثاء",
            date(2018, 6, 26),
        ),
        (
            date(2018, 3, 5),
            "واصلت قوات النظام ليل الأحد الاثنين غاراتها.",
            "ليل الأحد الاثنين",
            date(2018, 3, 5),
        ),
        (
            date(2018, 4, 17),
            "ضربات ليل الاثنين/الثلاثاء على قاعدة.",
            "ليل الاثنين/الثلاثاء",
            date(2018, 4, 17),
        ),
        (
            date(2018, 4, 14),
            "وخرجت دفعة أخرى ليلة الجمعة - السبت من المدينة.",
            "ليلة الجمعة - السبت",
            date(2018, 4, 14),
        ),
        (
            date(2018, 3, 18),
            "قصف عنيف ليل الخميس إلى الجمعة على المدينة.",
            "ليل الخميس إلى الجمعة",
            date(2018, 3, 16),
        ),
        # «ليل السبت» alone is Saturday; «في وقت متأخر (من مساء) السبت» told on Sunday is Saturday too
        (date(2018, 8, 9), "أطلقت الدفاعات الجوية ليل الخميس صواريخ.", "ليل الخميس", date(2018, 8, 9)),
        (date(2018, 4, 22), "قتلت عائلة في وقت متأخر السبت إثر قصف.", "السبت", date(2018, 4, 21)),
        (
            date(2018, 4, 22),
            "قتلت عائلة في وقت متأخر من مساء السبت إثر قصف.",
            "مساء السبت",
            date(2018, 4, 21),
        ),
        (date(2018, 3, 24), "غادرت قافلة في ساعة متأخرة من السبت الغوطة.", "السبت", date(2018, 3, 24)),
        (date(2018, 3, 14), "قصفت الطائرات المدينة صباح أمس.", "صباح أمس", date(2018, 3, 13)),
        (date(2018, 3, 14), "قصفت الطائرات المدينة فجر اليوم.", "فجر اليوم", date(2018, 3, 14)),
    ],
)
def test_nights_and_times_of_day(published, sentence, expression, day):
    (span,) = find_time_spans(sentence, published)
    assert (span.surface, span.first, span.last, span.precision) == (expression, day, day, 1)


def test_two_weekdays_that_are_no_one_night_are_read_apart():
    """«ليل السبت الاثنين» skips a day: it is no night, so each weekday is read alone."""
    spans = find_time_spans("قصف ليل السبت الاثنين على المدينة.", date(2018, 3, 18))
    assert [(s.surface, s.first) for s in spans] == [
        ("ليل السبت", date(2018, 3, 17)),
        ("الاثنين", date(2018, 3, 12)),
    ]


def test_a_day_number_glued_to_the_word_before_is_still_a_day():
    """«منذ19 حزيران» (a missing space) is 19 June, not the whole of June; and it opens a duration."""
    (span,) = find_time_spans("وتشن قوات النظام منذ19 حزيران/يونيو عملية عسكرية.", date(2018, 7, 6))
    assert (span.surface, span.first, span.last, span.precision) == (
        "19 حزيران/يونيو",
        date(2018, 6, 19),
        date(2018, 6, 19),
        1,
    )
    assert span.note == "since"


def test_a_supposed_past_is_no_future():
    """«الذي يفترض أنه وقع في 7 أبريل» is supposed, not due: the date stays in the past."""
    (span,) = find_time_spans("الهجوم الذي يفترض أنه وقع في 7 ابريل.", date(2018, 8, 31))
    assert span.first == date(2018, 4, 7)


def test_the_past_days_reach_the_report():
    """«نزح الآلاف في الأيام الماضية» told on 18 March counts up to the 18th itself."""
    (span,) = find_time_spans("نزح الآلاف في الأيام القليلة الماضية.", date(2018, 3, 18))
    assert (span.first, span.last, span.precision) == (date(2018, 3, 11), date(2018, 3, 18), 2)


def test_a_span_that_only_follows_since_in_another_clause_is_no_start():
    """«منذ» belongs to its clause: a date after a comma is told for itself."""
    spans = find_time_spans("ارتفعت الحصيلة منذ اندلاع المعارك، وقتل 20 شخصا في 5 حزيران.", date(2018, 6, 10))
    assert [(s.surface, s.note) for s in spans] == [("5 حزيران", "")]


def test_bare_month_takes_the_latest_year_not_after_the_report():
    """«في منتصف آذار» without a year in a report of July 2018 is March 2018, not 2011."""
    (span,) = find_time_spans("اندلعت الاشتباكات في منتصف آذار في المدينة.", date(2018, 7, 2))
    assert (span.first, span.last) == (date(2018, 3, 11), date(2018, 3, 20))


@pytest.mark.parametrize(
    ("sentence", "day"),
    [
        ("إن التنظيم خطف 36 سيدة وطفلا أثناء هجومه الأربعاء.", date(2018, 7, 25)),
        ("وقالت سيدة في مخيم لوكالة فرانس برس يوم الأحد إنها فقدت منزلها.", date(2018, 7, 29)),
        ("وأكد مسؤولان تقريرا لصحيفة وول ستريت جورنال يوم الأحد عن القرار.", date(2018, 7, 29)),
        ("وقال إن الوفد سيزور المدينة الأحد.", date(2018, 8, 5)),
    ],
)
def test_a_noun_that_looks_like_a_future_verb_is_no_future_cue(sentence, day):
    """«سيدة» (a woman) and «ستريت» are no «سـ» future: the weekday before publication (Tuesday 31 July) stands."""
    (span,) = find_time_spans(sentence, date(2018, 7, 31))
    assert span.first == day


@pytest.mark.parametrize(
    ("sentence", "day"),
    [
        ("ومن المتوقع أن تجري، السبت، عملية إخراج دفعات جديدة من ريف دمشق الجنوبي.", date(2018, 5, 5)),
        ("وقالت متحدثة باسم الحكومة إنه سيعاد، السبت، فتح المعبر الحدودي.", date(2018, 5, 5)),
        ("وقال المتحدث باسم الجيش، السبت، إن القوات سيطرت على البلدة.", date(2018, 4, 28)),
    ],
)
def test_a_weekday_set_off_by_commas_reads_the_future_of_the_clause_before_them(sentence, day):
    """«ومن المتوقع أن تجري، السبت، عملية» told on Friday 4 May is the next day, not a week back; with no future
    before the commas («وقال المتحدث، السبت،») the last Saturday stands."""
    (span,) = find_time_spans(sentence, date(2018, 5, 4))
    assert (span.surface, span.first, span.last) == ("السبت", day, day)


@pytest.mark.parametrize(
    ("sentence", "day"),
    [
        (
            "وسيعقد قادة الدول الأعضاء في الحلف قمة في عاصمة بلجيكا، بروكسل، الأربعاء والخميس.",
            date(2018, 7, 11),
        ),
        (
            "ستشمل المرحلة الأولى فك الحصار عن البلدتين، على أن يبدأ تنفيذها الأربعاء وتستكمل قبل رمضان.",
            date(2018, 7, 11),
        ),
        ("وتبنى التنظيم الأربعاء مسؤولية الهجوم الواسع على القرى.", date(2018, 7, 4)),
    ],
)
def test_the_day_after_publication_with_a_future_in_its_clause_is_tomorrow(sentence, day):
    """Told on Tuesday 10 July, «وسيعقد القادة قمة … الأربعاء» is the next day, not six days back; with no
    future in the clause («وتبنى التنظيم الأربعاء») the last Wednesday stands."""
    span = find_time_spans(sentence, date(2018, 7, 10))[0]
    assert (span.surface, span.first) == ("الأربعاء", day)


@pytest.mark.parametrize(
    ("sentence", "day"),
    [
        ("وسوف يعقد الرئيسان الروسي والتركي قمة في أنقرة الجمعة يحضرها الرئيس الإيراني.", date(2018, 9, 7)),
        ("فسوف تبدأ الجولة الجديدة من المحادثات في جنيف الجمعة.", date(2018, 9, 7)),
        ("وعقد الرئيسان الروسي والتركي قمة في أنقرة الجمعة.", date(2018, 8, 31)),
    ],
)
def test_a_future_with_a_conjunction_before_it_still_looks_ahead(sentence, day):
    """«وسوف يعقد … الجمعة» told on Thursday 6 September is the next day: «سوف» joined to its «و» is the future
    still; with no future («وعقد … الجمعة») the last Friday stands."""
    span = find_time_spans(sentence, date(2018, 9, 6))[0]
    assert (span.surface, span.first) == ("الجمعة", day)


def test_names_month_tells_a_day_of_the_calendar_from_a_day_counted_from_the_report():
    """events.py re-dates a past deed told «السادس والسابع من أبريل» after its report to the year before, never
    «أمس» or «السبت» (counted from the report)."""
    from geo.dates import names_month

    assert names_month("ليل السادس والسابع من أبريل") and names_month("4 تموز") and names_month("أبريل/ نيسان")
    assert not names_month("أمس") and not names_month("السبت") and not names_month("العام الماضي")


@pytest.mark.parametrize(
    ("published", "sentence", "expression", "first", "last"),
    [
        # heldout38-like: «الأسبوع الثاني من شهر شباط» is days 8–14, not the 2nd of February
        ("2018-02-20", "وشهدت الغوطة الشرقية في الأسبوع الثاني من شهر شباط/فبراير الحالي تصعيدا عنيفا.",
         "الأسبوع الثاني من شهر شباط/فبراير الحالي", "2018-02-08", "2018-02-14"),
        ("2018-04-20", "وقتل العشرات في الأسبوع الأخير من آذار.", "الأسبوع الأخير من آذار", "2018-03-25", "2018-03-31"),
        ("2018-04-20", "وتقدمت القوات في الأسبوع الأول من نيسان.", "الأسبوع الأول من نيسان", "2018-04-01", "2018-04-07"),
    ],
)
def test_a_week_of_a_month_is_its_seven_days(published, sentence, expression, first, last):
    """«الأسبوع <ordinal> من <month>»: the k-th seven days of the month (precision 2), never the k-th day
    that «الثاني من شباط» alone would be."""
    spans = [s for s in find_time_spans(sentence, date.fromisoformat(published)) if sentence[s.start : s.end] == expression]
    assert [(s.first.isoformat(), s.last.isoformat(), s.precision) for s in spans] == [(first, last, 2)]


@pytest.mark.parametrize(
    ("published", "sentence", "first", "last"),
    [
        # a Monday report: the weekend just gone, Friday to Sunday (heldout50's «غاراتها … خلال نهاية الأسبوع»)
        ("2018-04-16", "وقالت السفارة إن غاراتها على ثلاث منشآت في سوريا خلال نهاية الأسبوع كانت محاولة.",
         "2018-04-13", "2018-04-15"),
        # a Wednesday report
        ("2018-03-14", "وكثف الجيش السوري هجماته على المنطقة خلال نهاية الأسبوع.", "2018-03-09", "2018-03-11"),
        # a Saturday report: the weekend under way, up to the report
        ("2018-04-14", "وقصفت الطائرات البلدة في عطلة نهاية الأسبوع.", "2018-04-13", "2018-04-14"),
        # a future cue: the coming weekend
        ("2018-04-18", "ومن المقرر أن يجتمع الوزراء في نهاية الأسبوع.", "2018-04-20", "2018-04-22"),
    ],
)
def test_the_weekend_is_friday_to_sunday_of_the_report_s_week(published, sentence, first, last):
    """«نهاية الأسبوع» with no qualifier is the weekend (both conventions: Friday–Saturday and Saturday–Sunday),
    not left undated; «نهاية الأسبوع الماضي» stays the late part of last week (relunit)."""
    spans = [s for s in find_time_spans(sentence, date.fromisoformat(published)) if "الأسبوع" in sentence[s.start : s.end]]
    assert [(s.first.isoformat(), s.last.isoformat(), s.precision) for s in spans] == [(first, last, 2)]
