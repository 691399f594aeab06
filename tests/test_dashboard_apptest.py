"""The dashboard driven through Streamlit's AppTest: what a user sees change when they touch a widget."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1 import app_test as app_test_module

from geo import mapview
from geo.export import LIST_SEPARATOR, SCHEMA
from geo.model import EXPORT_COLUMNS

APP = str(Path(__file__).resolve().parents[1] / "dashboard.py")
# Arabic, in Windows-1256 as an Arabic Windows editor saves it.
CP1256_ARTICLE = "سيطرت قوات سوريا الديمقراطية أمس على بلدة الحسكة بعد اشتباكات مع تنظيم الدولة.".encode(
    "cp1256"
)


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return tmp_path_factory.mktemp("dash") / "geo.duckdb"


@pytest.fixture
def app(db, monkeypatch):
    monkeypatch.setenv("GEO_DB", str(db))

    def make(**params):
        at = AppTest.from_file(APP, default_timeout=300)
        for k, v in params.items():
            at.query_params[k] = v
        return at.run()

    return make


@pytest.fixture
def media(monkeypatch):
    """Every in-memory media store AppTest creates, so a download button's bytes can be read back."""
    stores = []
    real = app_test_module.MemoryMediaFileStorage

    class Recording(real):
        def __init__(self, *a, **kw):
            super().__init__(*a, **kw)
            stores.append(self)

    monkeypatch.setattr(app_test_module, "MemoryMediaFileStorage", Recording)

    def read(url: str) -> bytes:
        name = url.rsplit("/", 1)[-1]
        for store in reversed(stores):
            try:
                return store.get_file(name).content
            except Exception:
                continue
        raise KeyError(url)

    return read


def table(at):
    (df,) = at.dataframe
    return df.value


def query(at) -> dict[str, str]:
    return {k: (v[-1] if isinstance(v, list) else v) for k, v in dict(at.query_params).items()}


def no_exception(at):
    assert not at.exception, [e.message for e in at.exception]


def test_fresh_store_is_seeded_and_mapped(app):
    at = app()
    no_exception(at)
    df = table(at)
    assert list(df.columns) == list(EXPORT_COLUMNS)
    assert len(df) > 0, "the seeds give events on first start"
    last = at.slider(key="day").value
    assert last >= date(2017, 10, 22)  # the span reaches the al-Omar article
    # every row is inside the week ending on the slider's day
    days = {date.fromisoformat(d) for d in df["event_date"]}
    assert all((last - d).days < 7 and d <= last for d in days)


def test_moving_the_slider_changes_the_events_shown(app):
    at = app()
    at.slider(key="day").set_value(date(2017, 6, 15)).run()
    no_exception(at)
    june = table(at)
    at.slider(key="day").set_value(date(2017, 10, 23)).run()
    october = table(at)
    assert set(june["event_id"]).isdisjoint(october["event_id"])
    assert any("Omar" in str(x) for x in october["location_en"]), october["location_en"].tolist()
    assert not any("Omar" in str(x) for x in june["location_en"])
    assert query(at)["date"] == "2017-10-23"


def test_filters_narrow_the_table(app):
    at = app(date="2017-06-18", window="month", lang="en")
    everything = table(at)
    assert everything["sub_event_type"].nunique() > 1
    at.multiselect(key="types").set_value(["talks"]).run()
    talks = table(at)
    assert len(talks) > 0 and set(talks["sub_event_type"]) == {"Talks"}
    at.multiselect(key="types").set_value([]).run()
    at.multiselect(key="actors").set_value(["SDF"]).run()
    sdf = table(at)
    assert len(sdf) > 0 and all("SDF" in (a, b) for a, b in zip(sdf["actor1"], sdf["actor2"], strict=True))
    at.multiselect(key="actors").set_value([]).run()
    at.checkbox(key="abroad").check().run()
    home = table(at)
    assert not ((home["sub_event_type"] == "Talks") & (home["country"] != "SY")).any()
    assert len(home) < len(everything)
    at.checkbox(key="abroad").uncheck().run()
    at.text_input(key="q").input("الرقة").run()
    raqqa = table(at)
    assert len(raqqa) > 0 and all("Raqq" in x for x in raqqa["admin1"]), raqqa["admin1"].tolist()
    # the same events whatever the user types: English, no article, a quarter under its city, a slip
    for typed in ("Raqqa", "رقة", "raqa"):
        at.text_input(key="q").input(typed).run()
        assert sorted(table(at)["event_id"]) == sorted(raqqa["event_id"]), typed


def _map_args(at) -> dict:
    (map_component,) = at.get("component_instance")
    return json.loads(map_component.proto.json_args)


def test_a_slider_move_keeps_the_map_and_replaces_only_its_layers(app):
    """The map's own script (and so its component) stays the same when the day moves: the browser
    keeps the mounted map, its camera and no extra rerun follows; only the view's layers change."""
    at = app(date="2017-10-23", window="week", lang="en")
    before = _map_args(at)
    at.slider(key="day").set_value(date(2017, 10, 20)).run()
    after = _map_args(at)
    assert after["key"] == before["key"] and after["script"] == before["script"]
    assert after["feature_group"] != before["feature_group"]
    assert "geoEventLayer" in after["feature_group"] and "geo-gov-label" not in after["feature_group"]
    assert after["script"].count("geo-gov-label") == 14  # the governorates' names, once, in the base


def test_query_string_round_trips(app):
    params = {
        "date": "2017-07-05",
        "window": "month",
        "types": "nsa_overtakes,advance",
        "q": "Raqqa",
        "lang": "en",
    }
    at = app(**params, center="35.9500,39.0100", zoom="9")
    no_exception(at)
    assert at.slider(key="day").value == date(2017, 7, 5)
    assert at.selectbox(key="mode").value == "month"
    assert at.multiselect(key="types").value == ["nsa_overtakes", "advance"]
    assert at.text_input(key="q").value == "Raqqa"
    assert at.session_state["zoom"] == 9 and at.session_state["centre"] == (35.95, 39.01)
    assert at.subheader[0].value == "Syria war events map"  # English labels
    shared = query(at)
    assert shared == {**params, "center": "35.9500,39.0100", "zoom": "9"}
    link = next(c.value for c in at.code)
    assert "date=2017-07-05" in link and "types=nsa_overtakes%2Cadvance" in link
    # a garbled link falls back to defaults instead of failing
    bad = app(date="2017-13-40", window="year", types="bogus", zoom="x", center="a,b")
    no_exception(bad)
    assert bad.selectbox(key="mode").value == "week" and bad.multiselect(key="types").value == []


def test_csv_download_is_the_table(app, media):
    at = app(date="2017-06-18", window="month")
    shown = table(at)
    (button,) = [b for b in at.get("download_button") if b.proto.id.endswith("-dl_csv")]
    data = media(button.proto.url)
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM for spreadsheets
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert list(rows[0]) == list(SCHEMA)  # ACLED's columns in ACLED's order, then ours
    assert list(rows[0])[:3] == ["event_id_cnty", "event_date", "year"] and list(rows[0])[30] == "timestamp"
    # one row per incident: the mentions of the table are behind the rows, each counted once; `reports` is
    # the number of articles that tell the incident (ACLED's sources), never more than its mentions
    mentions = [e for r in rows for e in r["event_ids"].split(LIST_SEPARATOR)]
    assert len(mentions) == len(set(mentions))
    assert [int(r["reports"]) for r in rows] == [
        len(set(r["article_ids"].split(LIST_SEPARATOR))) for r in rows
    ]
    assert all(int(r["reports"]) <= len(r["event_ids"].split(LIST_SEPARATOR)) for r in rows)
    # a mention the table lists but no row holds is one dated only loosely («في مايو»): the incident it joined
    # took its better-supported day from another report («في الرابع من مايو»), outside this window
    apart = shown[~shown["event_id"].isin(set(mentions))]
    assert (apart["time_precision"].astype(int) > 1).all(), apart[["event_id", "event_date", "time_precision"]]
    assert len(rows) <= len(shown)
    assert len({r["incident_id"] for r in rows}) == len(rows)
    quotes = {q if q[:1] not in "=+-@" else "'" + q for q in shown["quote"]}
    assert {r["quote"] for r in rows} <= quotes and {r["name_ar"] for r in rows} <= set(shown["location"])
    assert {r["year"] for r in rows} == {"2017"} and {r["country"] for r in rows} <= {
        "Syria",
        "Kazakhstan",
        "Switzerland",
    }


def _add_page(app, **params):
    at = app(**params)
    at.switch_page("geo/app/add_page.py").run()
    no_exception(at)
    return at


def _submit(at):
    (submit,) = [b for b in at.button if b.proto.is_form_submitter]
    return submit.click().run()


def test_bad_uploads_get_a_message_and_leave_the_store_alone(app, db):
    from geo.store import Store

    bad = [
        ("empty.txt", b"", "text/plain"),
        ("binary.txt", bytes(range(256)) * 20, "text/plain"),
        ("huge.txt", "ا".encode() * 2_600_000, "text/plain"),
        ("english.txt", b"Just some English words, no Arabic at all.", "text/plain"),
    ]
    app()  # the first start seeds the store: counted after it, so the test stands alone too
    before = Store(db).counts()
    at = _add_page(app, lang="en")
    at.date_input(key="published").set_value(date(2017, 10, 23))
    at.file_uploader(key="files").set_value(bad)
    at = _submit(at)
    errors = " | ".join(e.value for e in at.error)
    assert "empty.txt: empty" in errors
    assert "binary.txt: binary" in errors
    assert "huge.txt: too large" in errors
    assert "english.txt: no Arabic" in errors
    assert Store(db).counts() == before
    # the Arabic interface says the same in Arabic, with nothing left in English
    at = _add_page(app, lang="ar")
    at.date_input(key="published").set_value(date(2017, 10, 23))
    at.file_uploader(key="files").set_value(bad)
    errors = [e.value for e in _submit(at).error]
    assert "binary.txt: بيانات ثنائية وليست نصاً" in errors and "empty.txt: ملف فارغ" in errors
    assert not any(re.search(r"[a-z]{4,}", e.split(": ", 1)[1]) for e in errors), errors
    assert Store(db).counts() == before


def test_windows_1256_upload_is_stored_and_mapped(app, db):
    from geo.store import Store

    at = _add_page(app)
    before = Store(db).counts()["articles"]
    at.date_input(key="published").set_value(date(2017, 10, 23))
    at.text_input(key="source").input("test desk")
    at.file_uploader(key="files").upload("report.txt", CP1256_ARTICLE, "text/plain")
    at = _submit(at)
    no_exception(at)
    assert not at.error, [e.value for e in at.error]
    assert any("report" in s.value for s in at.success)
    store = Store(db)
    assert store.counts()["articles"] == before + 1
    art = next(a for a in store.articles() if a.article_id.startswith("report-"))
    assert "قوات سوريا الديمقراطية" in art.text and art.source == "test desk"


def test_broken_utf16_upload_leaves_the_pasted_text_and_good_upload_to_be_added(app, db):
    """Issue 12 §1: one upload the reader cannot decode must not take the others down with it."""
    from geo.store import Store

    at = _add_page(app, lang="en")
    before = Store(db).counts()["articles"]
    at.date_input(key="published").set_value(date(2017, 10, 23))
    at.text_area(key="paste").input("قصفت طائرات حربية مدينة معرة النعمان في ريف إدلب الجنوبي أمس.")
    broken = "\ufeffسيطرت قوات النظام على بلدة مسكنة".encode("utf-16-le")[:-1]  # an odd byte count
    good = "دخلت فصائل المعارضة قرية الراعي في ريف حلب الشمالي.".encode("utf-16")
    at.file_uploader(key="files").set_value(
        [("broken.txt", broken, "text/plain"), ("good16.txt", good, "text/plain")]
    )
    at = _submit(at)
    no_exception(at)
    errors = [e.value for e in at.error]
    assert len(errors) == 1 and "broken.txt: malformed UTF-16" in errors[0]
    assert Store(db).counts()["articles"] == before + 2
    assert any("good16" in s.value for s in at.success) and any("paste" in s.value for s in at.success)


def test_article_page_marks_places_and_escapes_text(app, db):
    from geo.store import Store

    store = Store(db)
    app()  # seeds on first start if this test runs alone
    art = next(a for a in store.articles() if store.mentions(a.article_id))
    at = app(article=art.article_id)
    no_exception(at)
    # st.html, never Markdown: Markdown would read the text after a blank line as links and maths
    assert not any("<mark" in m.value for m in at.markdown)
    body = next(h.proto.body for h in at.get("html") if "<mark" in h.proto.body)
    assert 'dir="rtl"' in body and "text-align:right" in body
    first = next(m for m in store.mentions(art.article_id) if m["place_id"])
    assert f">{first['surface']}</mark>" in body
    at.button(key="back").click().run()  # back to the map page
    no_exception(at)
    assert at.slider(key="day") is not None and len(table(at)) > 0


def _review_page(app, **params):
    at = app(**params)
    at.switch_page("geo/app/review_page.py").run()
    no_exception(at)
    return at


def test_review_lists_doubtful_names_grouped_by_name_on_the_seeds(app, db):
    from geo import labels
    from geo.app.review_page import REVIEW_THRESHOLD, open_groups
    from geo.search import key
    from geo.store import Store

    at = _review_page(app)
    rows = Store(db).unresolved(REVIEW_THRESHOLD)
    assert rows, "the seeds have names below the default threshold"
    (names,) = [r for r in at.radio if r.key == "review_name"]
    # one entry per name, a form with «و/ب/ل…» read as the same place joined to its bare name
    assert len(names.options) == len(open_groups(Store(db), REVIEW_THRESHOLD))
    assert len(names.options) <= len({key(r["surface"]) for r in rows})
    n = sum(key(r["surface"]) == key(rows[0]["surface"]) for r in rows)
    assert any(labels.counted(n, "n_mentions", "ar") in o for o in names.options), names.options
    # the article id and date of each sentence shown read left to right inside the Arabic line
    articles = {r["article_id"].replace("_", "\\_") for r in rows}  # as Markdown-escaped text
    ids = [c.value for c in at.caption if any(a in c.value for a in articles)]
    assert ids and all(
        re.fullmatch(r"\u2066[^\u2066\u2069]+\u2069( · \u2066[\d-]+\u2069)?", x) for x in ids
    ), ids


class _DoubtfulStore:
    """A store's two answers the review page reads: doubtful mentions and saved corrections."""

    def __init__(self, rows, aliases=()):
        self.rows, self._aliases = rows, list(aliases)

    def unresolved(self, threshold):
        return self.rows

    def aliases(self):
        return self._aliases


def _mention(surface, place_id, k):
    return {"surface": surface, "place_id": place_id, "article_id": f"a{k}", "start": k}


def test_review_joins_a_name_written_with_a_clitic_to_its_bare_form(app):
    from geo.app.review_page import open_groups
    from geo.search import key

    rows = [
        _mention("بريف دمشق", "ocha:SY03", 1),
        _mention("ريف دمشق", "ocha:SY03", 2),
        _mention("ريف دمشق", "ocha:SY03", 3),
        _mention("برزة", "wof:1", 4),  # its «ب» is the name's own: no «رزة» to join
        _mention("وحلب", "wof:2", 5),  # read as another place: still the name «حلب», one entry (QA 34)
        _mention("حلب", "wof:3", 6),
        _mention("والزهراء", "wof:4", 7),  # no bare «الزهراء» doubtful: the gazetteer knows the name
        _mention("وادي بردى", "wof:5", 8),  # «و» of «وادي» is the name's own
    ]
    groups = dict(open_groups(_DoubtfulStore(rows), 0.8, frozenset({"زهراء", key("وادي بردى")})))
    assert [r["start"] for r in groups["ريف دمشق"]] == [2, 3, 1]  # the bare spelling first: the alias saved
    assert [r["start"] for r in groups["حلب"]] == [6, 5]
    assert [r["start"] for r in groups["زهراء"]] == [7]
    assert [r["start"] for r in groups[key("وادي بردى")]] == [8]
    assert set(groups) == {"ريف دمشق", key("برزة"), "حلب", "زهراء", key("وادي بردى")}
    fixed = _DoubtfulStore(rows, aliases=[("ريف دمشق", "ocha:SY03")])  # saved: both spellings leave
    assert "ريف دمشق" not in dict(open_groups(fixed, 0.8))


def _correct_first_doubtful_name(app, db):
    """Through the review page: pick the first name, search it, pick another place, save."""
    from geo.app.review_page import REVIEW_THRESHOLD, mention_id, open_groups
    from geo.store import Store

    store = Store(db)
    at = _review_page(app)
    _k, rows = open_groups(store, REVIEW_THRESHOLD)[0]
    target, mid = rows[0], mention_id(rows[0])
    assert at.radio(key="review_name").value == mid  # widgets keyed by the mention, not the row
    query = target["surface"].split()[-1]
    at.text_input(key=f"rq-{mid}").input(query).run()
    choice = next(p for p in store.gazetteer().search(query, limit=12) if p.place_id != target["place_id"])
    at.selectbox(key=f"rp-{mid}").set_value(choice.place_id).run()
    at.button(key=f"rb-{mid}").click().run()
    no_exception(at)
    return at, store, target, choice, mid


def test_review_correction_confirms_moves_the_mention_and_leaves_the_list(app, db):
    at, store, target, choice, mid = _correct_first_doubtful_name(app, db)
    assert at.success and choice.place_id in at.success[0].value
    assert re.search(
        r"أعيد تحليل (مقال واحد|مقالان|\d+ مقال)", at.success[0].value
    )  # articles re-analysed, counted
    assert (target["surface"], choice.place_id) in [tuple(a) for a in store.aliases()]
    moved = [m for m in store.mentions(target["article_id"]) if m["start"] == target["start"]]
    assert moved and moved[0]["place_id"] == choice.place_id
    names = at.radio(key="review_name").options if [r for r in at.radio if r.key == "review_name"] else []
    assert mid not in names  # the corrected name left the list, and stays out on a new visit
    again = _review_page(app)
    assert (
        mid
        not in ([r for r in again.radio if r.key == "review_name"] or [type("R", (), {"options": []})])[
            0
        ].options
    )
    # its events moved at once: the stored event of that sentence now sits at the chosen place
    evs = [
        e for e in store.events() if e.article_id == target["article_id"] and e.place_start == target["start"]
    ]
    assert all(e.place.place_id == choice.place_id for e in evs)


def test_play_steps_week_by_week_until_the_last_day(app):
    import time

    at = app(date="2017-10-01", window="week")
    last = (datetime(1970, 1, 1) + timedelta(microseconds=at.slider(key="day").max)).date()
    at.sidebar.selectbox(key="speed").set_value("fast").run()
    at.button(key="play").click().run()
    no_exception(at)
    assert at.session_state["playing"] is True
    seen = [at.slider(key="day").value]
    for _ in range(10):
        time.sleep(1.0)  # the fragment's timer: one step per interval, never more
        at.run()
        seen.append(at.slider(key="day").value)
        if not at.session_state["playing"]:
            break
    steps = {(b - a).days for a, b in zip(seen, seen[1:], strict=False) if b != a}
    assert seen[-1] == last and at.session_state["playing"] is False
    assert max(steps) <= 7 and 7 in steps, seen  # a week at a time (the last step may be shorter)
    assert query(at)["date"] == last.isoformat()


def test_english_interface_has_no_arabic_labels_and_arabic_no_english(app):
    en = app(lang="en")
    labels = [w.label for w in [*en.sidebar.multiselect, *en.selectbox, *en.sidebar.selectbox]]
    assert labels and not any(re.search(r"[\u0600-\u06ff]", x) for x in labels), labels
    options = en.selectbox(key="mode").options + en.sidebar.selectbox(key="focus").options[:3]
    assert not any(re.search(r"[\u0600-\u06ff]", x) for x in options), options
    ar = app(lang="ar")
    options = ar.selectbox(key="mode").options + ar.sidebar.multiselect(key="actors").options
    assert not any(re.search(r"[A-Za-z]{3,}", x) for x in options), options
    shown = table(ar)  # the table's type and status read in Arabic too (the CSV keeps ACLED's English)
    assert all(re.search(r"[\u0600-\u06ff]", x) for x in [*shown["sub_event_type"], *shown["status"]])


def test_range_mode_and_date_box(app):
    at = app(date="2017-06-18", window="week")
    at.selectbox(key="mode").set_value("range").run()
    at.slider(key="range").set_value((date(2017, 6, 1), date(2017, 6, 20))).run()
    no_exception(at)
    days = {date.fromisoformat(d) for d in table(at)["event_date"]}
    assert days and all(date(2017, 6, 1) <= d <= date(2017, 6, 20) for d in days)
    assert query(at)["window"] == "20" and query(at)["date"] == "2017-06-20"
    at.date_input(key="jump").set_value(date(2017, 10, 23)).run()
    assert at.slider(key="range").value == (date(2017, 10, 4), date(2017, 10, 23))
    at.selectbox(key="mode").set_value("all").run()
    assert len(table(at)) > len(table(app(date="2017-10-23", window="month")))


def test_article_markup_escapes_text_and_marks_places():
    from geo import ui

    text = "قصف <script>alert(1)</script> على الرقة أمس"
    i = text.index("الرقة")
    page = ui.marked_article_html(
        text, [{"start": i, "end": i + 5, "place_id": "wof:1", "name_ar": "<b>الرقة</b>", "name_en": "Raqqa"}]
    )
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert '<mark title="&lt;b&gt;الرقة&lt;/b&gt; · Raqqa · wof:1">الرقة</mark>' in page
    assert page.startswith('<div dir="rtl"') and "text-align:right" in page


def test_the_slider_span_follows_the_filtered_data(app):
    def span(at):
        sl = at.slider(key="day")
        to_day = lambda us: (datetime(1970, 1, 1) + timedelta(microseconds=us)).date()  # noqa: E731
        return to_day(sl.min), to_day(sl.max)

    at = app(date="2017-10-23", window="week", lang="en")
    full = span(at)
    at.multiselect(key="types").set_value(["advance"]).run()
    no_exception(at)
    advances = span(at)
    assert full[0] <= advances[0] and advances[1] <= full[1] and advances != full
    # the day shown stays (QA11 N18: a filter or search must not move the user's date) inside the span
    assert at.slider(key="day").value == date(2017, 10, 23) and advances[0] <= date(2017, 10, 23) <= advances[1]
    assert query(at)["date"] == "2017-10-23"
    assert set(table(at)["sub_event_type"]) <= {"Advance"}
    at.multiselect(key="types").set_value([]).run()
    assert span(at) == full
    at = app(date="2017-10-23", window="month", lang="en")  # a place search leaves the day too
    at.text_input(key="q").input("Raqqa").run()
    no_exception(at)
    assert query(at)["date"] == "2017-10-23" and at.slider(key="day").value == date(2017, 10, 23)


def test_counts_in_the_captions_agree_with_their_numbers(app):
    from geo import labels

    for lang in labels.LANGUAGES:
        at = app(date="2017-10-23", window="week", lang=lang)
        no_exception(at)
        caption = next(c.value for c in at.caption if labels.t("incident_caption", lang)[-8:] in c.value)
        assert labels.counted(len(table(at)), "n_rows", lang) in caption, caption
        assert not re.search(r"\b1 (incidents|event mentions|reports)\b|\b[3-9] حادثة|\b\d+ ذكراً", caption)
        assert caption.startswith("\u20662017-10-17 – 2017-10-23\u2069")  # the dates isolated left to right


def test_the_timeline_chart_spans_the_events_and_marks_the_window(app):
    at = app(date="2017-10-23", window="week", lang="en")
    (chart,) = at.get("vega_lite_chart")
    spec = json.loads(chart.proto.spec)
    bars, band = spec["layer"]  # the window drawn over the bars, translucent
    assert band["data"]["values"] == [{"start": "2017-10-17", "end": "2017-10-24"}]
    assert band["mark"]["opacity"] < 1
    lo, hi = bars["encoding"]["x"]["scale"]["domain"]
    assert lo <= "2017-10-17" and hi >= "2017-10-24"
    # QA: bars a few pixels high. Each bar rises from 0 to its count (a bar mark given x and x2 is a
    # horizontal range drawn at the count's height), and the count axis labels whole numbers.
    enc = bars["encoding"]
    assert bars["mark"]["type"] == "rect" and enc["y"]["field"] == "n" and enc["y2"] == {"datum": 0}
    assert enc["y"]["scale"]["domainMin"] == 0 and enc["y"]["axis"]["format"] == "d"


# ---------------------------------------------------------------------------------- QA round 10: the add page


def _messages(at) -> list[tuple[str, str]]:
    return [(kind, e.value) for kind in ("error", "warning", "info", "success") for e in getattr(at, kind)]


def test_articles_of_a_reimported_model_class_are_added_with_no_traceback(app, db, monkeypatch):
    """QA 21: Streamlit re-imported changed modules under a running dashboard; the add page's
    Articles were of another class than the store's, and the page showed an AttributeError."""
    import importlib.util
    import sys

    from geo import ui
    from geo.store import Store

    spec = importlib.util.spec_from_file_location(
        "geo._model_reimported", Path(ui.__file__).with_name("model.py")
    )
    stale = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, stale)
    spec.loader.exec_module(stale)
    monkeypatch.setattr(ui, "Article", stale.Article)  # the add page builds its articles of the other class
    at = _add_page(app, lang="ar")
    before = Store(db).counts()["articles"]
    at.date_input(key="published").set_value(date(2018, 1, 25))
    at.text_area(key="paste").input("قتل سبعة مدنيين بقصف مدفعي على مدينة دوما في الغوطة الشرقية صباح اليوم.")
    at.file_uploader(key="files").set_value([("empty.txt", b"", "text/plain")])
    at = _submit(at)
    no_exception(at)
    assert [e.value for e in at.error] == ["empty.txt: ملف فارغ"]
    (added,) = [s.value for s in at.success]
    assert added.startswith("paste-") and "أضيف" in added
    assert Store(db).counts()["articles"] == before + 1


def test_the_add_page_counts_events_in_arabic_and_says_a_duplicate_in_arabic(app, db):
    """QA 24: «1 أحداث», «0 أحداث» and «(same text as …)» inside the Arabic page."""
    text = "قتل سبعة مدنيين بقصف مدفعي على مدينة حرستا في الغوطة الشرقية صباح اليوم."
    at = _add_page(app, lang="ar")
    at.date_input(key="published").set_value(date(2018, 2, 20))
    at.text_area(key="paste").input(text)
    at.file_uploader(key="files").set_value([("copy.txt", text.encode("cp1256"), "text/plain")])
    at = _submit(at)
    no_exception(at)
    lines = [v for _, v in _messages(at)]
    assert len(lines) == 2, lines
    for line in lines:
        words = re.sub("\u2066[^\u2069]*\u2069", "", line.split(": ", 1)[1])  # but the isolated ids
        assert not re.search(r"\b[01] أحداث|[A-Za-z]{3,}", words), line
    (added,) = [s.value for s in at.success]
    assert re.search(r"أضيف · (حدث واحد|حدثان|لا أحداث|\d+ أحداث)$", added), added
    (dup,) = [i.value for i in at.info]
    assert "موجود سابقاً" in dup and "النص نفسه في \u2066paste-" in dup, dup


def test_an_html_upload_gets_its_warning_line_and_a_footer_is_not_read(app, db):
    """QA 25: the CLI warned of an HTML page, the add page did not; the footer's «إدلب» was a mention."""
    from geo.store import Store

    page = (
        "<html><body><nav><a href='/'>الرئيسية</a></nav><article><h1>قتلى بقصف على بلدة سقبا</h1>"
        "<p>قتل تسعة مدنيين جراء قصف مدفعي استهدف بلدة سقبا في الغوطة الشرقية صباح اليوم.</p></article>"
        "<footer>جميع الحقوق محفوظة — اتصل بنا | إدلب</footer></body></html>"
    )
    for lang, words in (("ar", "صفحة HTML"), ("en", "an HTML page")):
        at = _add_page(app, lang=lang)
        at.date_input(key="published").set_value(date(2018, 2, 21))
        at.file_uploader(key="files").set_value([(f"page-{lang}.txt", page.encode(), "text/plain")])
        at = _submit(at)
        no_exception(at)
        (warning,) = [w.value for w in at.warning]
        assert warning.startswith(f"page-{lang}.txt: {words}"), warning
    art = next(a for a in Store(db).articles() if a.article_id.startswith("page-ar-"))
    assert "سقبا" in art.text and "إدلب" not in art.text and "الرئيسية" not in art.text


def test_a_truncated_utf8_upload_is_read_as_utf8_with_a_warning(app, db):
    """QA 22: a UTF-8 file with its last letter cut in half was stored as Windows-1256 mojibake."""
    from geo.store import Store

    text = (
        "صدت قوات النظام هجوماً شنه مقاتلو هيئة تحرير الشام على بلدة أبو الظهور، وقتل اثنا عشر من المهاجمين."
    )
    at = _add_page(app, lang="ar")
    at.date_input(key="published").set_value(date(2018, 1, 25))
    at.file_uploader(key="files").set_value([("trunc.txt", text.encode()[:-4], "text/plain")])
    at = _submit(at)
    no_exception(at)
    (warning,) = [w.value for w in at.warning]
    assert warning == "trunc.txt: فيه بايت واحد غير صالحة بترميز UTF-8 (ملف تالف أو مقطوع؟) قُرئت علامةً بديلة"
    art = next(a for a in Store(db).articles() if a.article_id.startswith("trunc-"))
    assert art.text.startswith("صدت قوات النظام") and "طµ" not in art.text


def test_the_upload_box_and_a_too_large_file_state_the_real_limit(app):
    """QA 23: the box promised 200 MB while the reader refuses files over 5 MB."""
    import tomllib

    from geo.reader import MAX_BYTES

    config = tomllib.loads((Path(APP).parent / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    limit_mb = config["server"]["maxUploadSize"]
    assert limit_mb == round(MAX_BYTES / 1e6) and limit_mb * 2**20 >= MAX_BYTES
    at = _add_page(app, lang="ar")
    style = " ".join(h.proto.body for h in at.get("html"))
    assert f'content: "حتى {limit_mb} ميغابايت للملف · نص TXT أو HTML"' in style and "200" not in style
    at.date_input(key="published").set_value(date(2018, 1, 25))
    at.file_uploader(key="files").set_value([("huge.txt", "ا".encode() * 2_600_000, "text/plain")])
    errors = [e.value for e in _submit(at).error]
    assert errors == ["huge.txt: ملف كبير جداً (5.2 ميغابايت، والحد 5 ميغابايت للملف)"], errors


def test_a_weeks_map_leaves_out_what_is_dated_only_to_a_month_unless_asked(app):
    """QA 9: the seeds' early-June Astana talks (1–10 June) sat on every June week's map; now the week's map
    leaves them out and says so; the table keeps them."""

    def caption(at) -> str:
        return next(c.value for c in at.caption if "on the map" in c.value)

    def on_map(at) -> int:
        return int(re.search(r"(\d+) incidents? on the map", caption(at)).group(1))

    at = app(date="2017-06-07", window="week", lang="en")
    no_exception(at)
    said = re.search(r"not drawn on the map: (\d+) incidents? dated only to a month or a year", caption(at))
    assert said and int(said.group(1)) >= 1, caption(at)
    rows, drawn = table(at), on_map(at)
    assert "Ar Raqqah" in set(table(at)["location_en"])  # the table keeps the month-dated taking
    # and so do the files, whose buttons say so (QA: the CSV held rows the map did not draw)
    (csv_button,) = [b for b in at.get("download_button") if b.proto.id.endswith("-dl_csv")]
    left_out = re.search(r"not drawn on the map, dated only to a month or a year .*: (\d+) incidents?$", csv_button.proto.help)
    assert left_out and int(left_out.group(1)) == int(said.group(1)), csv_button.proto.help
    at.checkbox(key="vague").check().run()
    no_exception(at)
    assert "not drawn on the map" not in caption(at) and on_map(at) > drawn
    assert table(at).equals(rows) and query(at)["vague"] == "draw"
    again = app(date="2017-06-07", window="week", lang="ar", vague="draw")  # the shared link keeps it
    assert again.checkbox(key="vague").value is True
    assert not any("لم تُرسم على الخريطة" in c.value for c in again.caption)
    arabic = app(date="2017-06-07", window="week", lang="ar")
    assert any("لم تُرسم على الخريطة" in c.value for c in arabic.caption)
    (csv_button,) = [b for b in arabic.get("download_button") if b.proto.id.endswith("-dl_csv")]
    assert "مؤرخ بالشهر أو السنة فقط" in csv_button.proto.help


def test_an_unexpected_failure_while_adding_is_one_line_not_a_traceback(app, monkeypatch):
    from geo import labels
    from geo.store import Store

    def broken(self, *a, **kw):
        raise AttributeError("'Article' object has no attribute 'path'")

    app()  # the seeds go in on first start, before the store breaks
    monkeypatch.setattr(Store, "ingest_many", broken)
    for lang in labels.LANGUAGES:
        at = _add_page(app, lang=lang)
        at.date_input(key="published").set_value(date(2018, 1, 25))
        at.text_area(key="paste").input("قتل سبعة مدنيين بقصف مدفعي على مدينة دوما صباح اليوم.")
        at = _submit(at)
        no_exception(at)
        assert [e.value for e in at.error] == [labels.t("add_crashed", lang)]


def test_share_link_carries_the_camera_only_after_the_user_moves_the_map(app):
    """QA 35: the map reports its centre back off by a fraction of a pixel; that is not a move."""
    at = app(date="2017-10-23", window="week", lang="en")
    (lat, lng), zoom = mapview.SYRIA_CENTRE, mapview.View(day=date.min).zoom
    # Leaflet's echo of the default camera: 35.0030, 38.4961 for 35.0, 38.5 (0.3 and 0.4 px off at zoom 7)
    at.session_state["map"] = {"center": {"lat": lat + 0.0030, "lng": lng - 0.0039}, "zoom": zoom}
    at.run()
    no_exception(at)
    link = next(c.value for c in at.code)
    assert "center=" not in link and "zoom=" not in link, link
    assert "center" not in query(at)
    at.session_state["map"] = {"center": {"lat": 36.2, "lng": 37.15}, "zoom": 9}
    at.run()
    link = next(c.value for c in at.code)
    assert "center=36.2000%2C37.1500" in link and "zoom=9" in link, link


def test_review_in_english_isolates_each_arabic_run_and_shows_the_forms_seen(app):
    """QA 44 + 34: «والزهراء» and «الزهراء» are one entry naming both forms, and in an English line
    each Arabic run sits in U+2068 … U+2069, so the count and "mentions" stay in their order."""
    from geo.app.review_page import _group_label, open_groups

    rows = [_mention("الزهراء", None, 1), _mention("والزهراء", "wof:4", 2), _mention("والزهراء", "wof:4", 3)]
    rows[1] |= {"name_ar": "نغاولة", "name_en": "Nghawleh", "confidence": 0.5}
    ((_k, group),) = open_groups(_DoubtfulStore(rows), 0.8)
    label = _group_label((_k, group), "en")
    assert label.startswith("\u2068والزهراء\u2069 / \u2068الزهراء\u2069 · 3 mentions · "), label
    at = _review_page(app, lang="en")
    options = at.radio(key="review_name").options  # as the user reads them
    outside = [re.sub("\u2068[^\u2069]*\u2069", "", o) for o in options]
    assert options and not [o for o in outside if re.search("[\u0600-\u06ff]", o)], outside[:3]
    assert all(re.search(r"· \d+ mentions? ·", o) for o in outside), outside[:3]


def test_undated_events_are_counted_under_the_map_and_listed_on_request(tmp_path, monkeypatch):
    """QA 42: an event with no date (none in the text, no publication day) is on no map; the caption
    says how many, in the interface's language, and the table lists them when the user asks."""
    from geo import labels, ui
    from geo.model import Article
    from geo.store import Store

    db = tmp_path / "undated.duckdb"
    store = Store(db)
    ui.seed_store(store)  # the seeds' dated events, as on a first start
    store.ingest(Article("undated1", "قصفت طائرات حربية مدينة سراقب في ريف إدلب وقتل خمسة مدنيين."))
    undated = [e.event_id for e in store.events() if e.event_date is None and e.place]
    assert undated, "the text gives a placed event with no date"
    del store
    monkeypatch.setenv("GEO_DB", str(db))
    at = AppTest.from_file(APP, default_timeout=300)
    at.query_params["lang"] = "en"
    at.run()
    no_exception(at)
    n = len(undated)
    assert any(f"{n} event{'s' if n > 1 else ''} with no date, not on the map" in c.value for c in at.caption)
    assert not set(undated) & set(table(at)["event_id"])
    at.checkbox(key="undated").check().run()
    assert set(undated) <= set(table(at)["event_id"])
    ar = AppTest.from_file(APP, default_timeout=300).run()  # Arabic: the noun counted as Arabic has it
    line = labels.t("undated_not_drawn", "ar").format(n=labels.counted(n, "n_events", "ar"))
    assert any(line in c.value for c in ar.caption), [c.value for c in ar.caption]


def test_a_page_script_changed_under_the_running_dashboard_asks_for_a_restart(app, monkeypatch):
    """QA 21, 46: after a `git pull` under a running dashboard, the page re-reads its new script over
    the old modules; it says in one line, in the page's language, to restart, and runs nothing else."""
    from geo import labels
    from geo.app import code_version

    app()  # started (and seeded) on the code as it is
    page_script = code_version.ROOT / "geo" / "app" / "map_page.py"
    monkeypatch.setitem(code_version.LOADED, page_script, (0, 0))  # the file is not what was loaded
    for lang in labels.LANGUAGES:
        at = app(lang=lang)
        no_exception(at)
        line = labels.t("code_updated", lang).format(cmd=labels.isolated("./scripts/dashboard.sh"))
        assert [e.value for e in at.error] == [line]
        assert not at.dataframe and not at.code  # no half-loaded map, table or link


def test_a_change_to_another_page_waits_until_that_page_is_opened(app, monkeypatch):
    """QA11 N21: an edit of the review page's script does not stop the map a user is reading; the
    review page, opened, asks for the restart."""
    from geo import labels
    from geo.app import code_version

    app()
    review_script = code_version.ROOT / "geo" / "app" / "review_page.py"
    monkeypatch.setitem(code_version.LOADED, review_script, (0, 0))
    at = app(lang="en")
    no_exception(at)
    assert not at.error and at.dataframe  # the map page runs whole
    review = _review_page(app, lang="en")
    line = labels.t("code_updated", "en").format(cmd=labels.isolated("./scripts/dashboard.sh"))
    assert [e.value for e in review.error] == [line]


def test_a_changed_module_still_loaded_runs_on_and_a_dropped_one_asks_for_a_restart(monkeypatch):
    """An edited module the process still holds is no mix (the old code runs whole); one a file
    watcher dropped from sys.modules would be read anew beside the old: that needs the restart."""
    import sys

    from geo.app import code_version

    events_py = code_version.ROOT / "geo" / "events.py"
    import geo.events  # noqa: F401  (held, as the running dashboard holds it)

    monkeypatch.setitem(code_version.LOADED, events_py, (0, 0))
    assert events_py not in code_version.changed_files()
    monkeypatch.delitem(sys.modules, "geo.events")
    assert events_py in code_version.changed_files()


def test_an_unexpected_failure_on_the_map_is_one_line_not_a_traceback(app, monkeypatch):
    """QA 46: whatever breaks while the map is built, the page shows one line in its language."""
    from geo import labels, views

    def broken(*a, **kw):
        raise AttributeError("'View' object has no attribute 'include_vague'")

    app()
    monkeypatch.setattr(views, "drawn_on_map", broken)
    for lang in labels.LANGUAGES:
        at = app(date="2017-10-23", window="week", lang=lang)
        no_exception(at)
        assert labels.t("page_crashed", lang) in [e.value for e in at.error]
        assert not [e for e in at.error if "Traceback" in e.value or "include_vague" in e.value]


def test_review_lists_one_name_once_whatever_its_clitic_or_descriptor(app):
    """QA 34: «ولندن» is «و» + «لندن» (not «ول» + the key «ندن» of «للندن»), and «منطقة عفرين» read as
    Afrin joins «عفرين»: one entry each; a name read as no place stays its own entry."""
    from geo.app.review_page import open_groups
    from geo.search import key

    rows = [
        _mention("لندن", "gn:london", 1),
        _mention("للندن", "gn:london", 2),
        _mention("ولندن", "gn:london", 3),
        _mention("عفرين", "wof:afrin", 4),
        _mention("عفرين", "wof:afrin", 5),
        _mention("منطقة عفرين", "wof:afrin", 6),
        _mention("ومنطقة عفرين", "wof:afrin", 7),
        _mention("وبيت سوا", None, 8),
        _mention("المرج", None, 9),
    ]
    names = frozenset({"لندن", "عفرين", key("منطقة عفرين"), key("بيت سوا")})
    groups = dict(open_groups(_DoubtfulStore(rows), 0.8, names))
    assert set(groups) == {"لندن", "عفرين", key("بيت سوا"), key("المرج")}, set(groups)
    assert [r["start"] for r in groups["لندن"]] == [1, 2, 3]
    assert [r["start"] for r in groups["عفرين"]] == [4, 5, 6, 7]  # the bare spelling first: the alias saved


def test_review_offers_candidates_for_a_name_written_with_a_clitic(app, db):
    """QA 44: an unresolved name seen only as «وبيت سوا» is searched as «بيت سوا» (the box shows it),
    and a query typed with its clitic still finds the place; the places its mentions are read as come first."""
    from geo.app.review_page import candidates, written_bare
    from geo.search import key
    from geo.store import Store

    app()  # the store exists, seeded
    gaz = Store(db).gazetteer()
    assert written_bare("وبيت سوا", key("بيت سوا")) == "بيت سوا"
    assert written_bare("برزة", key("برزة")) == "برزة"
    aleppo = gaz.search("حلب", limit=1)[0]
    found = candidates(gaz, "وحلب", [{"place_id": None}])
    assert found and found[0].place_id == aleppo.place_id  # the query without its «و»
    read = gaz.search("دمشق", limit=1)[0]
    first = candidates(gaz, "حلب", [{"place_id": read.place_id}])
    assert [p.place_id for p in first[:2]] == [read.place_id, aleppo.place_id]


def test_an_article_with_no_publication_date_is_added_with_one_warning(app, db):
    """QA11 N19: the add page refused a text with no date where the command line reads it with one
    warning line; now it is read the same way: added, its events undated."""
    from geo import labels
    from geo.store import Store

    at = _add_page(app, lang="en")
    at.text_area(key="paste").input("قصفت طائرات حربية مدينة سراقب في ريف إدلب وقتل خمسة مدنيين.")
    at = _submit(at)
    no_exception(at)
    assert [w.value for w in at.warning] == [labels.t("need_date", "en")]
    (added,) = [s.value for s in at.success]
    art_id = added.split(":", 1)[0].replace("\\", "")
    art = next(a for a in Store(db).articles() if a.article_id == art_id)
    assert art.published is None
    assert all(e.event_date is None for e in Store(db).events() if e.article_id == art_id)


def test_an_old_map_link_lands_on_the_map_with_its_query_kept(app):
    """`/map?…` (the default page's url_path, which Streamlit ignores) is a hidden page that switches to the
    map at the root with the link's query: before, it opened «Page not found» (dashboard QA 15 #11)."""
    at = app(lang="en")  # a first run registers the pages
    at.switch_page("geo/app/map_link_page.py")
    params = {"date": "2017-07-05", "window": "month", "q": "Raqqa", "lang": "en"}
    for k, v in params.items():
        at.query_params[k] = v
    del at.session_state["_init"]  # as a new session opening the old link: the view starts from the query
    at.run()
    no_exception(at)
    assert at.slider(key="day").value == date(2017, 7, 5)
    assert at.selectbox(key="mode").value == "month" and at.text_input(key="q").value == "Raqqa"
    assert query(at) == params


def test_no_date_warning_when_every_input_is_refused(app, db):
    """Dashboard QA 15 #13: with no date and only bad inputs, each input gets its line and nothing else: the
    long «No publication date…» warning is for texts that are read."""
    from geo import labels
    from geo.store import Store

    app()  # the first start seeds the store
    before = Store(db).counts()
    at = _add_page(app, lang="en")
    at.text_area(key="paste").input("Just some English words, no Arabic at all.")
    at.file_uploader(key="files").set_value(
        [("binary.txt", bytes(range(256)) * 20, "text/plain"), ("empty.txt", b"", "text/plain")]
    )
    at = _submit(at)
    no_exception(at)
    lines = [m.value for m in [*at.error, *at.warning]]
    assert labels.t("need_date", "en") not in lines, lines
    assert any("binary.txt" in v for v in lines) and any("empty.txt" in v for v in lines), lines
    assert Store(db).counts() == before
