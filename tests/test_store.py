"""The DuckDB store: idempotent, atomic ingest; reads; alias corrections that move events."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from geo import pipeline
from geo.gazetteer import Gazetteer
from geo.model import EVENT_TYPES, EXPORT_COLUMNS, Article, Event, Located, Mention, Place
from geo.reader import ReadError
from geo.store import Store, StoreBusy, StoreCorrupt, StoreError, StoreLocked
from tests.test_ingest_parallel import corpus_slice as corpus_slice  # noqa: F401  (session fixtures)
from tests.test_ingest_parallel import reference as reference  # noqa: F401

KHSHAM = Place("t:khsham", "خشام", "Khsham", "village", 35.28, 40.30, admin1="SY09", admin1_en="Deir-ez-Zor")
OMAR = Place("t:omar", "حقل العمر", "al-Omar oil field", "oil_field", 35.15167, 40.57583, admin1="SY09")
TOY = Gazetteer({p.place_id: p for p in (KHSHAM, OMAR)})


def toy_analyse(article: Article, gazetteer=None) -> pipeline.Analysis:
    """A tiny analysis: every gazetteer name in the text is a mention and a 'taken by the SDF' event.

    It stands in for the real flow where a test must control the outcome (failures, counts).
    """
    gaz = gazetteer or TOY
    located, events = [], []
    for place in gaz:
        for name in place.names_ar or (place.name_ar,):
            i = article.text.find(name)
            if i < 0:
                continue
            m = Mention(article.article_id, i, i + len(name), name, name, (place.place_id,))
            located.append(Located(m, place, 0.9))
            etype, sub = EVENT_TYPES["nsa_overtakes"]
            events.append(
                Event(
                    f"{article.article_id}-{len(events)}",
                    article.article_id,
                    etype,
                    sub,
                    "happened",
                    article.published,
                    1,
                    "SDF",
                    "",
                    place,
                    1,
                    article.text,
                    0,
                    i,
                    i + len(name),
                    article.published,
                    article.source,
                    0.9,
                    extra={"control_statement": False},
                )  # fmt: skip
            )
            break
    return pipeline.Analysis(article, tuple(x.mention for x in located), tuple(located), (), tuple(events))


@pytest.fixture
def toy(monkeypatch):
    monkeypatch.setattr(pipeline, "analyse", toy_analyse)


@pytest.fixture
def store(tmp_path):
    return Store(tmp_path / "geo.duckdb")


def art(aid, text, day=date(2017, 10, 23)):
    return Article(aid, text, day, source="Al-Bayan", title="t " + aid, url="https://example.org/" + aid)


def test_ingest_is_idempotent_by_content(store, toy):
    a = art("004", "سيطرت قسد على حقل العمر أمس")
    first = store.ingest(a, TOY)
    assert (first.status, first.events) == ("added", 1)
    again = store.ingest(a, TOY)
    assert again.status == "unchanged"
    dup = store.ingest(art("copy-of-004", a.text), TOY)
    assert dup.status == "unchanged" and "004" in dup.message
    assert store.counts() == {"articles": 1, "mentions": 1, "events": 1, "aliases": 0}
    assert store.article("004") == a


def test_changed_text_replaces_the_article(store, toy):
    store.ingest(art("004", "سيطرت قسد على حقل العمر"), TOY)
    res = store.ingest(art("004", "استعاد الجيش قرية خشام"), TOY)
    assert res.status == "added"
    assert [e.place.name_en for e in store.events()] == ["Khsham"]
    assert [m["surface"] for m in store.mentions("004")] == ["خشام"]
    assert store.counts()["articles"] == 1


def test_a_failing_analysis_leaves_nothing_and_the_others_go_on(store, monkeypatch):
    def flaky(article, gazetteer=None):
        if article.article_id == "bad":
            raise RuntimeError("resolver exploded")
        return toy_analyse(article, gazetteer)

    monkeypatch.setattr(pipeline, "analyse", flaky)
    results = store.ingest_many(
        [
            art("good1", "حقل العمر"),
            art("bad", "خشام"),
            ReadError("broken.txt", "binary data, not text"),
            art("good2", "خشام"),
        ],
        TOY,
    )
    assert [(r.article_id, r.status) for r in results] == [
        ("good1", "added"),
        ("bad", "failed"),
        ("broken.txt", "failed"),
        ("good2", "added"),
    ]
    assert "resolver exploded" in results[1].message
    assert sorted(a.article_id for a in store.articles()) == ["good1", "good2"]
    assert store.mentions("bad") == [] and all(e.article_id != "bad" for e in store.events())


def test_a_failure_while_writing_rolls_back_the_whole_article(store, monkeypatch):
    old = art("004", "حقل العمر")
    monkeypatch.setattr(pipeline, "analyse", toy_analyse)
    store.ingest(old, TOY)

    def broken_rows(article, gazetteer=None):
        good = toy_analyse(article, gazetteer)
        if article.article_id != "004":
            return good
        bad = Located(
            Mention("004", 2**40, 2**40 + 1, "x", "x", ()), None, 0.0
        )  # too big for the INTEGER column
        return pipeline.Analysis(article, good.mentions, (*good.located, bad), (), good.events)

    monkeypatch.setattr(pipeline, "analyse", broken_rows)
    res = store.ingest(art("004", "خشام و حقل العمر"), TOY)
    assert res.status == "failed" and "could not store" in res.message
    # the previous version is intact, nothing of the new one is in
    assert store.article("004") == old
    assert [m["surface"] for m in store.mentions()] == ["حقل العمر"]
    assert [e.place.place_id for e in store.events()] == ["t:omar"]
    # in a batch, the others still go in
    results = store.ingest_many(
        [art("n1", "خشام"), art("004", "حقل العمر مرة أخرى"), art("n2", "خشام!")], TOY
    )
    assert [(r.article_id, r.status) for r in results] == [
        ("n1", "added"),
        ("004", "failed"),
        ("n2", "added"),
    ]
    assert sorted(a.article_id for a in store.articles()) == ["004", "n1", "n2"]
    assert store.article("004") == old
    assert sorted(e.article_id for e in store.events()) == ["004", "n1", "n2"]


def test_events_round_trip_and_frame(store, toy):
    store.ingest(art("a1", "خشام", date(2017, 10, 22)), TOY)
    store.ingest(art("a2", "حقل العمر", date(2017, 10, 23)), TOY)
    events = store.events()
    assert [e.event_id for e in events] == ["a1-0", "a2-0"]
    assert events[0].place == KHSHAM and events[0].event_date == date(2017, 10, 22)
    assert events[0].extra == {"control_statement": False}
    assert [e.article_id for e in store.events(start=date(2017, 10, 23))] == ["a2"]
    assert [e.article_id for e in store.events(end=date(2017, 10, 22))] == ["a1"]

    df = store.events_frame()
    assert list(df.columns) == list(EXPORT_COLUMNS)
    assert list(df["location_en"]) == ["Khsham", "al-Omar oil field"]
    assert list(df["admin1"]) == ["Deir-ez-Zor", "SY09"]
    assert pd.Timestamp(df.loc[0, "event_date"]).date() == date(2017, 10, 22)


def test_unresolved_mentions_come_with_their_sentence(store, monkeypatch):
    text = "هذه جملة أولى لا شيء فيها. واستعاد الجيش خشام أمس. جملة ثالثة."
    at = text.index("خشام")

    def weak(article, gazetteer=None):
        m = Mention(article.article_id, at, at + 4, "خشام", "خشام", ())
        loc = Located(m, None, 0.0, reason="no candidate")
        return pipeline.Analysis(article, (m,), (loc,), (), ())

    monkeypatch.setattr(pipeline, "analyse", weak)
    store.ingest(art("u1", text), TOY)
    (row,) = store.unresolved()
    assert row["surface"] == text[at : at + 4] and row["place_id"] is None
    assert "خشام" in row["sentence"] and "أولى" not in row["sentence"] and "ثالثة" not in row["sentence"]


def test_a_second_writer_process_gets_a_clear_error(tmp_path):
    import subprocess
    import sys

    db = tmp_path / "geo.duckdb"
    Store(db)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb,sys; c=duckdb.connect({str(db)!r}); print('ok', flush=True); sys.stdin.read()",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ok"
        from geo.store import StoreLocked

        with pytest.raises(StoreLocked, match="in use by another process"):
            Store(db, lock_timeout=0.3).articles()
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)


def test_alias_and_reanalyse_move_an_event_with_the_real_flow(tmp_path):
    from geo import gazetteer as gz

    gaz = gz.load()
    store = Store(tmp_path / "geo.duckdb")
    # a made-up village name the gazetteer cannot know; the user says it is Khsham
    text = "واستعاد الجيش السوري أمس السيطرة على قرية «خشامتون» بريف دير الزور من تنظيم «داعش»."
    store.ingest(art("x1", text, date(2017, 10, 23)), gaz)
    khsham = next(p for p in gaz.search("خشام") if p.kind == "village")
    before = [e for e in store.events() if e.sub_event_type == "Government regains territory"]
    assert before and all(e.place is None or e.place.place_id != khsham.place_id for e in before)

    store.add_alias("خشامتون", khsham.place_id)
    assert store.aliases() == [("خشامتون", khsham.place_id)]
    results = store.reanalyse()
    assert [(r.article_id, r.status) for r in results] == [("x1", "added")]
    after = store.events()
    regained = [e for e in after if e.sub_event_type == "Government regains territory"]
    assert regained and regained[0].place.place_id == khsham.place_id
    assert regained[0].event_date == date(2017, 10, 22)


def test_alias_and_reanalyse_move_an_event(store, toy, monkeypatch):
    from geo import gazetteer as gz

    monkeypatch.setattr(gz, "load", lambda path=None: TOY)
    store.ingest(art("n1", "استعاد الجيش قرية ذيبان أمس"))
    store.ingest(art("n2", "لا مكان هنا"))
    assert store.events() == []  # the toy gazetteer does not know «ذيبان»

    store.add_alias("ذيبان", "t:omar")
    store.add_alias("ذيبان", "t:khsham")  # a later correction of the same name wins
    assert store.aliases() == [("ذيبان", "t:khsham")]
    results = store.reanalyse()
    assert [(r.article_id, r.status, r.message) for r in results] == [("n1", "added", "reanalysed")]
    (event,) = store.events()
    assert event.place.place_id == "t:khsham" and "ذيبان" in event.place.names_ar
    assert store.article("n1").text == "استعاد الجيش قرية ذيبان أمس"


def test_seed_ingest_with_the_real_flow(tmp_path, seed_articles):
    store = Store(tmp_path / "geo.duckdb")
    results = store.ingest_many(seed_articles.values())
    assert [r.status for r in results] == ["added"] * 5
    counts = store.counts()
    assert counts["events"] == sum(r.events for r in results) > 0
    assert [r.status for r in store.ingest_many(seed_articles.values())] == ["unchanged"] * 5
    assert store.counts() == counts

    s004 = seed_articles["004_21178bc9de1c0135"]
    omar = [e for e in store.events() if e.place and e.place.name_en == "al-Omar oil field"]
    assert omar and {e.article_id for e in omar} == {s004.article_id}
    assert date(2017, 10, 22) in {e.event_date for e in omar}

    # the same article, edited: the paragraphs on al-Omar are gone, and so are their events
    cut = "\n".join(line for line in s004.text.splitlines() if "العمر" not in line)
    res = store.ingest(Article(s004.article_id, cut, s004.published))
    assert res.status == "added" and res.message == "replaced the previous text"
    assert not [e for e in store.events() if e.place and e.place.name_en == "al-Omar oil field"]
    assert store.article(s004.article_id).text == cut
    assert store.counts()["articles"] == 5


# ---------------------------------------------------------------------------------- store faults

ROOT = Path(__file__).resolve().parents[1]


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "geo", *args], cwd=ROOT, capture_output=True, text=True, timeout=600
    )


def _damage(db: Path, how: str) -> None:
    size = db.stat().st_size
    if how == "truncated":
        os.truncate(db, size // 2)
    elif how == "emptied":
        os.truncate(db, 0)
    elif how == "overwritten":  # a file copied over it, say
        db.write_bytes(b"not a database\n" * 1000)
    else:  # damaged blocks in the middle, the header intact
        with db.open("r+b") as fh:
            fh.seek(size // 3)
            fh.write(bytes(range(256)) * (size // 3 // 256))


@pytest.mark.parametrize("how", ["truncated", "emptied", "overwritten", "scribbled"])
def test_a_damaged_store_gives_one_line_that_says_what_to_do(tmp_path, seed_articles, how):
    db = tmp_path / "geo.duckdb"
    Store(db).ingest_many(seed_articles.values())
    _damage(db, how)
    damaged = db.read_bytes()
    with pytest.raises(StoreCorrupt) as caught:
        s = Store(db)
        s.counts(), s.events(), s.articles()
    exc = caught.value
    assert "move it aside" in str(exc) and "ingest the articles again" in str(exc) and "\n" not in str(exc)
    assert "انقله جانباً" in exc.message("ar") and exc.message("en") == str(exc) == exc.message_en
    assert isinstance(exc, StoreError)

    done = _cli("ingest", "--db", str(db), str(ROOT / "seeds"))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    (line,) = [x for x in done.stderr.splitlines() if x.strip()]
    assert line.startswith(f"error: the store {db} is damaged") and "move it aside" in line
    assert db.read_bytes() == damaged  # nothing written over the user's file


def test_the_dashboard_says_what_to_do_with_a_damaged_store(tmp_path, seed_articles, monkeypatch):
    from streamlit.testing.v1 import AppTest

    db = tmp_path / "geo.duckdb"
    Store(db).ingest_many(seed_articles.values())
    _damage(db, "truncated")
    monkeypatch.setenv("GEO_DB", str(db))
    for lang, words in (("en", "move it aside"), ("ar", "انقله جانباً")):
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=300)
        at.query_params["lang"] = lang
        at.run()
        assert not at.exception
        assert [e.value for e in at.error if words in e.value], [e.value for e in at.error]


def test_a_busy_store_says_so_in_both_languages(tmp_path, monkeypatch, capsys):
    import geo.store
    from geo.cli import main

    db = tmp_path / "geo.duckdb"
    Store(db)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb,sys; c=duckdb.connect({str(db)!r}); print('ok', flush=True); sys.stdin.read()",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ok"
        with pytest.raises(StoreBusy) as caught:
            Store(db, read_only=True, lock_timeout=0.2).counts()
        assert isinstance(caught.value, StoreLocked)
        assert "in use by another process" in caught.value.message("en")
        assert "مشغولة" in caught.value.message("ar")
        monkeypatch.setattr(geo.store, "WRITER_LOCK_TIMEOUT", 0.3)  # an ingest waits a minute, not a test
        code = main(["ingest", "--quiet", "--db", str(db), str(ROOT / "seeds")])
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
    err = capsys.readouterr().err
    assert code == 1 and [x for x in err.splitlines() if x.strip()] == [
        f"error: {caught.value.message('en')}"
    ]


def test_reading_while_a_real_ingest_writes(request, tmp_path, seed_articles, monkeypatch):
    """Readers and the dashboard during `python -m geo ingest`: old data, then new; never a traceback."""
    from streamlit.testing.v1 import AppTest

    corpus_slice, reference = request.getfixturevalue("corpus_slice"), request.getfixturevalue("reference")
    db = tmp_path / "geo.duckdb"
    store = Store(db)
    store.ingest_many(seed_articles.values())
    before = store.counts()
    monkeypatch.setenv("GEO_DB", str(db))

    def dashboard():
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=300)
        at.query_params["lang"] = "en"
        return at.run()

    old_last = dashboard().slider(key="day").value  # the slider starts on the last day
    assert old_last < date(2018, 1, 1)  # the seeds are of 2017

    ingest = subprocess.Popen(
        [sys.executable, "-m", "geo", "ingest", "--quiet", "--workers", "1", "--db", str(db), str(corpus_slice)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    seen, busy, pages, busy_pages = [], 0, 0, 0
    while ingest.poll() is None:
        try:
            seen.append(store.counts()["articles"])
        except StoreBusy:
            busy += 1
        if pages < 3:  # a dashboard opened during the ingest
            at = dashboard()
            assert not at.exception, at.exception
            notices = [w.value for w in at.warning if "in use by another process" in w.value]
            busy_pages += bool(notices)
            assert notices or at.slider(key="day").value >= old_last  # the data it had, at least
            pages += 1
        time.sleep(0.05)
    out, err = ingest.communicate()
    assert ingest.returncode == 0 and "Traceback" not in err, err
    assert seen and seen[0] >= before["articles"], "readers got in while the ingest ran"
    assert seen == sorted(seen)  # batches land whole, in order: counts only grow
    assert pages >= 1  # the dashboard was opened while the ingest ran
    print(
        f"reads during the ingest: {len(seen)} answered, {busy} busy; dashboard runs {pages}, {busy_pages} with the notice"
    )
    from tests.test_ingest_parallel import store_rows

    assert store_rows(db) == store_rows(reference)  # and in the end, all of it
    assert dashboard().slider(key="day").value >= date(2018, 1, 1)  # the new data, shown


def test_a_failure_report_is_one_line(store, monkeypatch):
    def explode(article, gazetteer=None):
        raise ValueError("first line\nsecond line\n")

    monkeypatch.setattr(pipeline, "analyse", explode)
    (res,) = store.ingest_many([art("x", "خشام")], TOY)
    assert (res.status, res.message) == ("failed", "analysis failed: ValueError: first line second line")


def test_the_add_page_shows_progress_as_an_upload_lands(tmp_path, monkeypatch):
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("GEO_DB", str(tmp_path / "geo.duckdb"))
    shown, real = [], st.progress

    class Bar:  # the real bar, with each step it is asked to show written down
        def __init__(self, value, text=None):
            shown.append((value, text))
            self.bar = real(value, text=text)

        def progress(self, value, text=None):
            shown.append((value, text))
            return self.bar.progress(value, text=text)

        def empty(self):
            return self.bar.empty()

    monkeypatch.setattr(st, "progress", Bar)
    towns = ["الحسكة", "الرقة", "دير الزور", "حلب", "إدلب", "درعا"]
    uploads = [
        (
            f"a{i}.txt",
            f"سيطرت قوات سوريا الديمقراطية أمس على بلدة قرب {town} بعد اشتباكات.".encode(),
            "text/plain",
        )
        for i, town in enumerate(towns)
    ]
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=300)
    at.query_params["lang"] = "en"
    at.run()
    at.switch_page("geo/app/add_page.py").run()
    at.date_input(key="published").set_value(date(2017, 10, 23))
    at.file_uploader(key="files").set_value(uploads)
    (submit,) = [b for b in at.button if b.proto.is_form_submitter]
    at = submit.click().run()
    assert not at.exception
    assert shown == [(0.0, "0 / 6"), *((i / 6, f"{i} / 6") for i in range(1, 7))]
    assert len(at.success) == 6


def test_a_store_path_that_cannot_be_a_store_is_one_line(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    for db, words in ((blocker / "geo.duckdb", "cannot open the store"), (tmp_path, "Is a directory")):
        done = _cli("ingest", "--db", str(db), str(ROOT / "seeds"))
        assert done.returncode == 1 and "Traceback" not in done.stderr
        (line,) = [x for x in done.stderr.splitlines() if x.strip()]
        assert line.startswith(f"error: cannot open the store {db}") and words in line


def test_the_dashboard_keeps_its_data_with_a_notice_while_the_store_is_held(
    tmp_path, seed_articles, monkeypatch
):
    """Another process holds the file longer than a reader waits: the map stays, with one line."""
    from streamlit.testing.v1 import AppTest

    db = tmp_path / "geo.duckdb"
    Store(db).ingest_many(seed_articles.values())
    monkeypatch.setenv("GEO_DB", str(db))

    def dashboard(lang):
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=300)
        at.query_params["lang"] = lang
        return at.run()

    before = dashboard("en").slider(key="day").value
    holder = subprocess.Popen(
        [sys.executable, "-c", f"import duckdb,sys; c=duckdb.connect({str(db)!r}); print('ok', flush=True); sys.stdin.read()"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout.readline().strip() == "ok"
        for lang, words in (("en", "in use by another process"), ("ar", "مشغولة")):
            at = dashboard(lang)
            assert not at.exception
            assert [w.value for w in at.warning if words in w.value], [w.value for w in at.warning]
            assert at.slider(key="day").value == before  # the map of the data it had
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
    at = dashboard("en")
    assert not at.exception and not [w.value for w in at.warning if "in use by another process" in w.value]


# ---------------------------------------------------------------------------------- every field kept

# A store file as written before the fatalities column (the events table as it was then).
_OLD_EVENTS = """CREATE TABLE events (
    event_id VARCHAR, article_id VARCHAR, event_type VARCHAR, sub_event_type VARCHAR, status VARCHAR,
    event_date DATE, time_precision INTEGER, actor1 VARCHAR, actor2 VARCHAR, geo_precision INTEGER,
    quote VARCHAR, quote_start INTEGER, place_start INTEGER, place_end INTEGER, published DATE,
    source VARCHAR, confidence DOUBLE, date_last DATE, place_id VARCHAR, place_json VARCHAR,
    extra_json VARCHAR, location VARCHAR, location_en VARCHAR, admin1 VARCHAR, country VARCHAR,
    latitude DOUBLE, longitude DOUBLE)"""
TOLL = "أفاد الدفاع المدني بمقتل 18 مدنياً أمس في غارات جوية روسية على مدينة سراقب في ريف إدلب."


def _every_field_set() -> Event:
    """An Event whose every field differs from its default, so a field the store drops shows."""
    etype, sub = EVENT_TYPES["air_strike"]
    return Event(
        "e1", "a1", etype, sub, "claimed", date(2018, 3, 13), 2, "Russia", "Syrian opposition", KHSHAM, 2,
        "quote", 7, 9, 14, date(2018, 3, 14), "Enab Baladi", 0.7, date(2018, 3, 14),
        extra={"date_basis": "report"}, fatalities=18,
    )  # fmt: skip


def test_every_event_field_comes_back_from_the_store_and_the_dashboard_view(store, monkeypatch):
    from geo import views

    ev = _every_field_set()
    defaults = Event("", "", "", "", "", None, 0, "", "", None, 0, "", 0)
    changed = {f.name for f in dataclasses.fields(Event) if getattr(ev, f.name) != getattr(defaults, f.name)}
    assert changed == {f.name for f in dataclasses.fields(Event)}  # the test covers every field
    monkeypatch.setattr(pipeline, "analyse", lambda a, g=None: pipeline.Analysis(a, (), (), (), (ev,)))
    store.ingest(art("a1", "نص"), TOY)
    (back,) = store.events()
    assert back == ev and back.extra == ev.extra and back.fatalities == 18
    (seen,) = list(views.StoreView.load(store, isolate=False))
    assert seen == ev and seen.fatalities == 18


def test_a_death_toll_survives_the_store_and_reaches_the_dashboard_csv(tmp_path):
    import csv
    import io

    from geo import export
    from geo import gazetteer as gz
    from geo.views import StoreView

    store = Store(tmp_path / "geo.duckdb")
    store.ingest(art("toll", TOLL, date(2018, 3, 14)), gz.load())
    assert [(e.sub_event_type, e.fatalities) for e in store.events()] == [("Air/drone strike", 18)]
    view = StoreView.load(store, isolate=False)
    rows = list(csv.DictReader(io.StringIO(export.csv_bytes(view.incidents([0])).decode("utf-8-sig"))))
    assert [(r["location"], r["fatalities"]) for r in rows] == [("Saraqib", "18")]


def test_an_old_store_file_is_migrated_keeps_its_rows_and_gets_its_tolls_on_the_next_ingest(
    tmp_path, store, toy, monkeypatch
):
    import duckdb

    db = tmp_path / "old.duckdb"
    old_text = "سيطرت قسد على حقل العمر أمس"
    store.ingest(art("004", old_text), TOY)  # rows to copy into the old layout
    with duckdb.connect(str(db)) as con:
        con.execute(_OLD_EVENTS)
        con.execute(f"ATTACH '{store.path}' AS new (READ_ONLY)")
        con.execute("CREATE TABLE articles AS SELECT * EXCLUDE (analysis_version) FROM new.articles")
        con.execute("CREATE TABLE mentions AS SELECT * FROM new.mentions")
        con.execute("CREATE TABLE aliases (alias_ar VARCHAR, place_id VARCHAR, created_at TIMESTAMP)")
        con.execute("INSERT INTO events SELECT * EXCLUDE (fatalities) FROM new.events")
    before = store.events()

    old = Store(db, read_only=True)  # a reader of a file never opened for writing since
    assert old.events() == before and old.events()[0].fatalities == 0

    migrated = Store(db)
    assert migrated.migrated == ["events.fatalities", "articles.analysis_version"]
    assert migrated.events() == before and migrated.article("004") == art("004", old_text)
    assert migrated.counts() == {"articles": 1, "mentions": 1, "events": 1, "aliases": 0}
    assert Store(db).migrated == []  # once

    def with_toll(article, gazetteer=None):  # the toy analysis, now counting 7 dead
        a = toy_analyse(article, gazetteer)
        return dataclasses.replace(a, events=tuple(dataclasses.replace(e, fatalities=7) for e in a.events))

    monkeypatch.setattr(pipeline, "analyse", with_toll)
    again = migrated.ingest(art("004", old_text), TOY)  # the same text: analysed again, not "unchanged"
    assert (again.status, again.message) == (
        "added",
        "reanalysed (stored by an older version of the analysis)",
    )
    assert [(e.event_id, e.fatalities) for e in migrated.events()] == [("004-0", 7)]
    assert migrated.ingest(art("004", old_text), TOY).status == "unchanged"
    assert migrated.ingest(art("copy", old_text), TOY).status == "unchanged"


def _reimported_article_class(monkeypatch):
    """geo.model's Article as a second class, as Streamlit makes when it re-imports a changed module."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "geo._model_reimported", Path(pipeline.__file__).with_name("model.py")
    )
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, module)
    spec.loader.exec_module(module)
    assert module.Article is not Article
    return module.Article


def test_articles_of_a_reimported_model_class_go_in_and_a_stranger_fails_in_one_line(store, toy, monkeypatch):
    """QA 21: after a code change under a running dashboard, `isinstance(item, Article)` was False for
    a real article, and the failed-input branch raised AttributeError on its missing `.path`."""
    Stale = _reimported_article_class(monkeypatch)
    items = [
        Stale("r1", "سيطرت قسد على حقل العمر أمس", date(2017, 10, 23)),
        ReadError("bad.txt", "empty"),
        42,
    ]
    results = store.ingest_many(items, TOY)
    assert [(r.article_id, r.status, r.events) for r in results] == [
        ("r1", "added", 1),
        ("bad.txt", "failed", 0),
        ("int", "failed", 0),
    ]
    assert results[1].message == "empty" and results[2].message == "not an article (int)"
    assert store.article("r1").text == "سيطرت قسد على حقل العمر أمس"
