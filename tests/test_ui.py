"""The label catalogue (geo/labels.py) and the view ↔ query string (geo/ui.py)."""

from __future__ import annotations

import json
import re
import shutil
import string
import subprocess
from datetime import date
from pathlib import Path

import folium
import pytest

from geo import labels, mapview, ui
from geo.reader import UnreadableText, decode_bytes

ROOT = Path(__file__).resolve().parents[1]
ARABIC = re.compile(r"[\u0600-\u06ff]")
# Latin words an Arabic label may hold: names of formats, programs and sources, and the window's
# own example numbers; anything else in Latin letters is an untranslated label.
LATIN_OK = {"CSV", "GeoJSON", "HTML", "PNG", "Chromium", "usr", "bin", "chromium", "UTF", "Windows", "OCHA",
            "COD", "AB", "CC", "BY", "IGO", "Natural", "Earth", "OpenStreetMap", "TXT"}  # fmt: skip


def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


@pytest.mark.parametrize("key", sorted(labels.LABELS))
def test_every_label_has_both_languages_with_their_own_script_and_punctuation(key):
    ar, en = labels.LABELS[key]
    assert ar.strip() and en.strip()
    assert _fields(ar) == _fields(en), "both languages fill the same blanks"
    if key != "lang_name":
        assert not ARABIC.search(en), en
    assert not re.search("[،؛«»]", en), f"Arabic punctuation in English: {en}"
    latin = set(re.findall(r"[A-Za-z]+", re.sub(r"\{\w+\}", "", ar))) - LATIN_OK
    assert not latin, f"untranslated words in Arabic: {latin}"


def test_lists_join_with_the_language_comma():
    assert labels.join(["أ", "ب"], "ar") == "أ، ب"
    assert labels.join(["a", "b"], "en") == "a, b"


def test_every_key_the_app_and_the_maps_use_is_in_the_catalogue():
    used = set()
    for path in [ROOT / "dashboard.py", *sorted((ROOT / "geo" / "app").glob("*.py"))]:
        used |= set(re.findall(r"""\bt\(\s*["']([a-z0-9_]+)["']""", path.read_text(encoding="utf-8")))
    page = (ROOT / "geo" / "mapview.py").read_text(encoding="utf-8")
    used |= set(re.findall(r"""ui\[["']([a-z0-9_]+)["']\]""", page)) | set(
        re.findall(r"meta\.ui\.([a-z0-9_]+)", page)
    )
    assert used and not used - set(labels.LABELS), used - set(labels.LABELS)
    assert mapview.UI["en"] == labels.table("en") and mapview.UI["ar"] == labels.table("ar")


@pytest.mark.parametrize(
    ("data", "arabic"),
    [
        (b"", "ملف فارغ"),
        (bytes(range(256)) * 20, "بيانات ثنائية وليست نصاً"),
        (b"Just some English words, no Arabic at all.", "لا نص عربياً فيه (هذه الأداة تقرأ الأخبار العربية)"),
    ],
)
def test_the_readers_messages_are_translated_for_the_arabic_interface(data, arabic):
    with pytest.raises(UnreadableText) as exc:
        decode_bytes(data, "x.txt")
    assert labels.upload_problem(str(exc.value), "ar") == arabic
    assert labels.upload_problem(str(exc.value), "en") == str(exc.value)


def test_a_range_goes_into_the_link_as_a_number_of_days_and_back():
    view = mapview.View(day=date(2018, 4, 30), window="30", zoom=10, centre=(35.33, 40.14), language="en")
    params = ui.view_to_params(view)
    assert params["window"] == "30" and params["zoom"] == "10" and params["center"] == "35.3300,40.1400"
    back = ui.view_from_params(params, date(2013, 1, 1), date(2018, 10, 20))
    assert back == view and back.first_day == date(2018, 4, 1)


@pytest.mark.parametrize("window", ["0", "-3", "99999", "year", "7.5"])
def test_a_garbled_window_falls_back_to_a_week(window):
    assert ui.view_from_params({"window": window}, date(2018, 1, 1), date(2018, 2, 1)).window == "week"


# ---------------------------------------------------------------------------------- maps handed out

OMAR = mapview.Place(
    "wof:1", "حقل العمر", "al-Omar oil field", "oil_field", 35.03, 40.52, "SY09", "Deir-ez-Zor"
)


def _event(eid: str, day: date, kind: str = "nsa_overtakes", quote: str = "سيطرت قسد على حقل العمر أمس"):
    from geo.model import EVENT_TYPES, Event

    etype, sub = EVENT_TYPES[kind]
    i = quote.find("حقل العمر")
    return Event(eid, f"art-{eid}", etype, sub, "happened", day, 1, "SDF", "Islamic State", OMAR, 1, quote, 0,
                 i, i + 9, published=day, source="desk", fatalities=3)  # fmt: skip


def test_legend_lists_only_what_is_drawn():
    view = mapview.View(day=date(2017, 10, 23), language="en")
    m = mapview.build_map([_event("e1", date(2017, 10, 22))], [], {}, None, view, tiles=False)
    legend = next(el for el in mapview._walk(m) if isinstance(el, mapview.HtmlControl))
    text = json.loads(legend.markup_json)
    assert (
        mapview.type_label("nsa_overtakes", "en") in text
        and mapview.type_label("armed_clash", "en") not in text
    )
    assert "Control" not in text and "Planned or postponed" not in text  # no control, nothing planned
    assert legend.position == "bottomright"  # the desert corner, away from the west and the Euphrates
    assert "<details open data-fold>" in text  # open; the page folds it when it would cover too much


def test_map_reads_without_tiles_rivers_borders_and_city_names():
    context = mapview.load_context()
    cities = [("دير الزور", "Deir ez-Zor", 35.33, 40.14)]
    view = mapview.View(day=date(2017, 10, 23), language="ar")
    m = mapview.build_map([], [], {}, None, view, tiles=False, incidents=[], context=context, cities=cities)
    rivers = [g for g in mapview._walk(m) if isinstance(g, folium.GeoJson) and g.data.get("features")
              and g.data["features"][0]["properties"].get("layer") == "ne_10m_rivers_lake_centerlines"]  # fmt: skip
    assert rivers and any(f["properties"]["name"] == "Euphrates" for f in rivers[0].data["features"])
    names = [d.options["html"] for d in mapview._walk(m) if isinstance(d, folium.DivIcon)]
    assert any("دير الزور" in n for n in names) and not any("Deir ez-Zor" in n for n in names)
    assert not [t for t in mapview._walk(m) if isinstance(t, folium.TileLayer)]


def test_png_page_explains_itself_and_has_no_controls():
    from geo.incidents import group_incidents

    evs = [_event("e1", date(2017, 10, 22))]
    view = mapview.View(day=date(2017, 10, 23), window="week", event_types=("nsa_overtakes",), language="en")
    page = mapview.png_html(group_incidents(evs), [], {}, None, view, context=mapview.load_context())
    page = page.replace("\\u003c", "<").replace("\\u003e", ">")
    assert "Syria war events map" in page and "2017-10-17 – 2017-10-23" in page
    assert "Filters: <span" in page and f"Type: {mapview.type_label('nsa_overtakes', 'en')}" in page
    assert "OCHA COD-AB" in page and "Natural Earth" in page  # attribution
    legend = re.search(r'"geo-legend"\);\s*div\.dir = "\w+";\s*div\.innerHTML = ("(?:[^"\\]|\\.)*")', page)
    assert "Natural Earth" in legend.group(1) and "OpenStreetMap" not in legend.group(1)  # no tiles drawn
    assert '"zoomControl": false' in page and "L.control.layers" not in page
    assert 'class="geo-export"' in page


def test_snapshot_bakes_control_for_each_day_and_steps_by_days():
    evs = [_event("e1", date(2017, 10, 20))]
    days = mapview.control_timeline(evs, date(2017, 10, 18), date(2017, 10, 23))
    (row,) = days["rows"]  # one stretch: SDF holds al-Omar from the 20th to the end of the span
    assert row[4] == "SDF" and (row[6], row[7]) == ((date(2017, 10, 20) - date(1970, 1, 1)).days,
                                                    (date(2017, 10, 23) - date(1970, 1, 1)).days)  # fmt: skip
    view = mapview.View(day=date(2017, 10, 23), language="en")
    page = mapview.snapshot_html(evs, [], {}, None, view, control_days=days)
    assert "input.step = String(DAY)" in page and "geoControlFollower" in page


def test_acled_csv_has_acleds_columns_in_order_then_ours_and_safe_cells():
    import csv
    import io

    from geo import export

    evs = [_event("e1", date(2017, 10, 22), quote="=HYPERLINK(1) سيطرت قسد على حقل العمر")]
    rows = list(csv.reader(io.StringIO(export.csv_bytes(evs).decode("utf-8-sig"))))
    head, row = rows[0], dict(zip(rows[0], rows[1], strict=True))
    assert head[:31] == list(export.ACLED_COLUMNS) and head[0] == "event_id_cnty" and head[30] == "timestamp"
    assert head[31:] == list(export.OWN_COLUMNS)
    assert row["year"] == "2017" and row["disorder_type"] == "Political violence"
    assert row["inter1"] == "Rebel group" and row["interaction"] == "Rebel group only" or row["inter2"]
    assert row["iso"] == "760" and row["country"] == "Syria" and row["region"] == "Middle East"
    assert row["location"] == "al-Omar oil field" and row["name_ar"] == "حقل العمر"
    assert row["fatalities"] == "3" and row["notes"].startswith("'=") and row["incident_id"]


@pytest.mark.parametrize(
    ("n", "ar", "en"),
    [(1, "يوم واحد", "1 day"), (2, "يومان", "2 days"), (7, "7 أيام", "7 days"), (10, "10 أيام", "10 days"),
     (30, "30 يوماً", "30 days"), (100, "100 يوم", "100 days"), (200, "200 يوم", "200 days"),
     (105, "105 أيام", "105 days"), (3650, "3650 يوماً", "3650 days")],
)  # fmt: skip
def test_a_number_of_days_reads_as_the_language_counts(n, ar, en):
    assert labels.days(n, "ar") == ar and labels.days(n, "en") == en


def test_articles_are_counted_as_arabic_counts_them():
    assert [labels.counted(n, "n_articles", "ar") for n in (1, 2, 6, 12, 300)] == [
        "مقال واحد", "مقالان", "6 مقالات", "12 مقالاً", "300 مقال",
    ]  # fmt: skip
    assert labels.counted(6, "n_articles", "en") == "6 articles"


@pytest.mark.parametrize(
    ("n", "noun", "ar", "en"),
    [(6, "n_incidents", "6 حوادث", "6 incidents"), (1, "n_incidents", "حادثة واحدة", "1 incident"),
     (12, "n_incidents", "12 حادثةً", "12 incidents"), (8, "n_rows", "8 صفوف", "8 event mentions"),
     (1, "n_rows", "صف واحد", "1 event mention"), (1, "n_mentions", "موضع واحد", "1 mention"),
     (5, "n_names", "5 أسماء", "5 names"), (8, "n_mentions", "8 مواضع", "8 mentions"),
     (2, "n_reports", "تقريران", "2 reports"), (11, "n_reports", "11 تقريراً", "11 reports"),
     (200, "n_reports", "200 تقرير", "200 reports"), (1, "n_events", "حدث واحد", "1 event")],
)  # fmt: skip
def test_counted_nouns_agree_with_their_number(n, noun, ar, en):
    assert labels.counted(n, noun, "ar") == ar and labels.counted(n, noun, "en") == en


@pytest.mark.skipif(not shutil.which("node"), reason="Node.js not installed")
def test_the_maps_count_in_the_browser_as_the_catalogue_does():
    """Tooltips and popups count in the page (geoCount): the same forms as labels.counted."""
    cases = [(n, noun, lang) for n in (0, 1, 2, 3, 10, 11, 99, 100, 102, 103, 111) for noun in labels.PLURAL_NOUNS
             for lang in labels.LANGUAGES]  # fmt: skip
    calls = [[n, labels.plural_forms(noun, lang)] for n, noun, lang in cases]
    script = (
        mapview.COUNT_JS
        + f"\nprocess.stdout.write(JSON.stringify({json.dumps(calls)}.map(c => geoCount(c[0], c[1]))));"
    )
    res = subprocess.run(["node", "-e", script], capture_output=True, text=True, timeout=60)
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout) == [labels.counted(n, noun, lang) for n, noun, lang in cases]


def test_ids_and_dates_in_arabic_text_are_isolated_left_to_right():
    assert labels.isolated("003_09aba34875456dd7") == "\u2066003_09aba34875456dd7\u2069"
    view = mapview.View(day=date(2018, 3, 14), window="week", language="ar")
    head = mapview.header_html(view, 6, 2)
    # QA11 N20: the PNG's and snapshot's text (copied, or read by a tool that drops the markup) keeps
    # the dates in order, as the page writes them: «(⁦2018-03-08 – 2018-03-14⁩)», not «(14-03-2018 – …)»
    assert '<bdi class="geo-window" dir="ltr">(\u20662018-03-08 – 2018-03-14\u2069)</bdi>' in head
    assert head.count('<bdi class="geo-day" dir="ltr">\u20662018-03-14\u2069</bdi>') == 2
    assert "6 حوادث" in head and "(تقريران)" in head


@pytest.mark.parametrize(
    ("message", "arabic"),
    [
        ("too large (38.2 MB; the limit is 5 MB)", "ملف كبير جداً (38.2 ميغابايت، والحد 5 ميغابايت للملف)"),
        ("3 byte(s) not valid UTF-8 (a damaged or truncated file?) read as U+FFFD",
         "فيه 3 بايتات غير صالحة بترميز UTF-8 (ملف تالف أو مقطوع؟) قُرئت علامةً بديلة"),
        ("same text as cp1256-a9c820d5d8", "النص نفسه في \u2066cp1256-a9c820d5d8\u2069"),
        ("analysis failed: RuntimeError: boom", "فشل تحليل النص"),
    ],
)  # fmt: skip
def test_the_readers_caveats_and_the_stores_notes_read_in_arabic_with_their_figures(message, arabic):
    """QA 23/24: the limit's figures and «same text as …» in the Arabic page's own words."""
    assert labels.upload_problem(message, "ar") == arabic
    assert labels.upload_problem(message, "en") == message


def test_every_caveat_the_reader_gives_has_its_arabic_line():
    from geo import reader

    caveats = [reader.HTML_CLEANED, reader.UTF8_REPAIRED.format(n=1), reader.UTF16_NO_BOM.format(order="LE")]
    assert all(labels.upload_problem(c, "ar") != labels.t("bad_other", "ar") for c in caveats)


def test_the_add_pages_result_line_counts_its_events_as_arabic_does():
    from geo.store import IngestResult

    line = lambda n, msg="": ui.result_line(IngestResult("a1", "added", n, msg), "ar")  # noqa: E731
    assert [line(n) for n in (0, 1, 2, 5, 11)] == [
        "a1: أضيف · لا أحداث", "a1: أضيف · حدث واحد", "a1: أضيف · حدثان", "a1: أضيف · 5 أحداث", "a1: أضيف · 11 حدثاً",
    ]  # fmt: skip
    assert ui.result_line(IngestResult("a1", "added", 1), "en") == "a1: added · 1 event"
