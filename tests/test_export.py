"""Exports as a user gets them: ACLED's columns in ACLED's order then ours, one row per incident,
BOM, Arabic, formula-safe cells; JSON Lines mentions with their incident_id (docs/EXPORT.md)."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pandas as pd
import pytest

from geo import eventtypes, export
from geo.export import (
    MENTION_COLUMNS,
    SCHEMA,
    csv_bytes,
    event_rows,
    export_rows,
    mention_rows,
    safe_cell,
    to_geojson,
    write_csv,
)
from geo.incidents import group_incidents
from geo.model import EVENT_TYPES, EXPORT_COLUMNS, Article, Event, Place

OMAR = Place(
    "ovl:omar", "حقل العمر", "al-Omar oil field", "oil_field", 35.151666, 40.575833,
    admin1="SY09", admin1_en="Deir-ez-Zor",
)  # fmt: skip
WEST = Place("gn:9", "مكان", "West place", "village", 35.1234567, -0.1234567, admin1="SY02")


# ACLED's 31 columns in ACLED's order (its codebook), then ours, as the issue (11 §7, 9 §1) lists them.
ACLED_ORDER = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
]
OURS_FIRST = [
    "incident_id",
    "reports",
    "article_ids",
    "event_ids",
    "outlets",
    "quote",
    "status",
    "confidence",
    "place_id",
    "name_ar",
]
STAMP = 1_700_000_000  # a fixed export time, so two writes of one file compare equal


def make_event(eid="004-e1", place=OMAR, quote="سيطرت «قسد» على حقل العمر", **kw) -> Event:
    etype, sub = EVENT_TYPES["nsa_overtakes"]
    fields = dict(
        event_id=eid, article_id="004", event_type=etype, sub_event_type=sub, status="happened",
        event_date=date(2017, 10, 22), time_precision=1, actor1="SDF", actor2="Islamic State", place=place,
        geo_precision=1, quote=quote, quote_start=10, published=date(2017, 10, 23), source="Al-Bayan",
        confidence=0.876,
    )  # fmt: skip
    fields.update(kw)
    return Event(**fields)


def test_event_rows_follow_the_schema():
    (row,) = event_rows([make_event()])
    assert tuple(row) == EXPORT_COLUMNS
    assert row["location"] == "حقل العمر" and row["location_en"] == "al-Omar oil field"
    assert row["admin1"] == "Deir-ez-Zor" and row["country"] == "SY"
    assert (row["latitude"], row["longitude"]) == (35.15167, 40.57583)
    assert row["event_date"] == "2017-10-22" and row["published"] == "2017-10-23"
    assert row["confidence"] == 0.88
    # without an English governorate name the P-code stands in
    assert event_rows([make_event(place=WEST)])[0]["admin1"] == "SY02"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("x")', '\'=HYPERLINK("x")'),
        ("+1", "'+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("دمشق", "دمشق"),
        ("a=b", "a=b"),
        (-36.25, -36.25),
        (3, 3),
        (None, ""),
    ],
)
def test_safe_cell(value, expected):
    assert safe_cell(value) == expected


def _read(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def _table(data: bytes) -> dict[str, dict]:
    table = _read(data)
    assert table[0] == list(SCHEMA)
    return {r[0]: dict(zip(table[0], r, strict=True)) for r in table[1:]}


def _reports():
    """Three outlets' reports of one taking of al-Omar (one gives 7 dead, one 4), one event elsewhere,
    one without a place."""
    return [
        make_event("a1-e1", article_id="a1", source="Sky News Arabia", fatalities=7),
        make_event(
            "a2-e1", article_id="a2", source="=HYPERLINK(1)", published=date(2017, 10, 24), fatalities=4
        ),
        make_event("a3-e1", article_id="a3", source="BBC Arabic", published=date(2017, 10, 24), quote="-قسد"),
        make_event("b1-e1", article_id="b1", place=WEST, quote="=cmd|' /C calc'!A0", actor1="-SDF"),
        make_event("c1-e1", article_id="c1", place=None, quote="بلا مكان"),
    ]


def test_schema_is_acleds_columns_in_acleds_order_then_ours():
    assert SCHEMA[:31] == tuple(ACLED_ORDER) and SCHEMA[31 : 31 + len(OURS_FIRST)] == tuple(OURS_FIRST)
    assert len(set(SCHEMA)) == len(SCHEMA) and MENTION_COLUMNS[: len(SCHEMA)] == SCHEMA


def test_csv_is_one_row_per_incident_with_its_reports(tmp_path):
    path = tmp_path / "events.csv"
    write_csv(_reports(), path, STAMP)
    rows = _table(path.read_bytes())
    assert list(rows) == ["inc-a1-e1", "inc-b1-e1", "inc-c1-e1"]  # three reports of al-Omar are one row
    omar = rows["inc-a1-e1"]
    assert (omar["event_date"], omar["year"], omar["time_precision"]) == ("2017-10-22", "2017", "1")
    assert (omar["latitude"], omar["longitude"], omar["geo_precision"]) == ("35.15167", "40.57583", "1")
    assert omar["fatalities"] == "4"  # ACLED's rule: the lowest figure a report gives
    assert (omar["reports"], omar["article_ids"], omar["event_ids"]) == (
        "3",
        "a1; a2; a3",
        "a1-e1; a2-e1; a3-e1",
    )
    assert (
        omar["source"] == omar["outlets"] == "Sky News Arabia; =HYPERLINK(1); BBC Arabic"
    )  # starts with a name
    assert omar["source_scale"] == "Regional-International"  # the known outlets' scales, ACLED's order
    assert (
        omar["notes"] == "سيطرت «قسد» على حقل العمر | -قسد" and omar["quote"] == "سيطرت «قسد» على حقل العمر"
    )
    assert (omar["location"], omar["name_ar"], omar["name_en"]) == (
        "al-Omar oil field",
        "حقل العمر",
        "al-Omar oil field",
    )
    assert (omar["country"], omar["iso"], omar["region"], omar["admin1"]) == (
        "Syria",
        "760",
        "Middle East",
        "Deir-ez-Zor",
    )
    assert (omar["actor1"], omar["inter1"], omar["actor2"], omar["inter2"]) == (
        "SDF", "Rebel group", "Islamic State", "Rebel group",
    )  # fmt: skip
    assert omar["interaction"] == "Rebel group-Rebel group" and omar["disorder_type"] == "Political violence"
    assert omar["event_id_cnty"] == omar["incident_id"] and omar["confidence"] == "1.0"
    assert omar["timestamp"] == str(STAMP) and omar["assoc_actor_1"] == omar["tags"] == ""
    west = rows["inc-b1-e1"]
    assert west["notes"] == "'=cmd|' /C calc'!A0" and west["actor1"] == "'-SDF" and west["inter1"] == ""
    assert west["longitude"] == "-0.12346"  # a number, not prefixed
    assert rows["inc-c1-e1"]["latitude"] == rows["inc-c1-e1"]["longitude"] == ""
    for r in rows.values():
        for cell in r.values():
            assert not cell.startswith(("=", "+", "@", "\t", "\r")) and not (
                cell.startswith("-") and not cell[1:2].isdigit()
            )
    df = pd.read_csv(path, encoding="utf-8-sig")
    assert list(df.columns) == list(SCHEMA) and len(df) == 3
    assert df.loc[1, "longitude"] == pytest.approx(-0.12346) and pd.isna(df.loc[2, "latitude"])


def test_timestamp_is_the_export_time_as_an_integer():
    import time

    before = int(time.time())
    (row,) = export_rows([make_event()])
    assert isinstance(row["timestamp"], int) and before <= row["timestamp"] <= int(time.time())


def test_events_and_their_incidents_give_the_same_file_and_streams_agree():
    events = _reports()
    assert csv_bytes(events, STAMP) == csv_bytes(group_incidents(events), STAMP)
    text = io.StringIO()
    write_csv(events, text, STAMP)
    assert text.getvalue().encode("utf-8") == csv_bytes(events, STAMP)
    assert _read(csv_bytes([], STAMP)) == [list(SCHEMA)]


def test_geojson_one_point_per_placed_incident():
    gj = json.loads(json.dumps(to_geojson(_reports(), STAMP), ensure_ascii=False))
    assert gj["type"] == "FeatureCollection"
    assert [f["properties"]["incident_id"] for f in gj["features"]] == ["inc-a1-e1", "inc-b1-e1"]
    omar = gj["features"][0]
    assert omar["geometry"] == {"type": "Point", "coordinates": [40.57583, 35.15167]}
    assert list(omar["properties"]) == list(SCHEMA)
    assert omar["properties"]["reports"] == 3 and omar["properties"]["article_ids"] == ["a1", "a2", "a3"]
    assert omar["properties"]["outlets"] == ["Sky News Arabia", "=HYPERLINK(1)", "BBC Arabic"]  # JSON: as is
    assert gj["features"][1]["geometry"]["coordinates"] == [-0.12346, 35.12346]


def test_mentions_carry_their_article_and_incident():
    events = _reports()
    rows = mention_rows(events, group_incidents(events), STAMP)
    assert [(r["event_id"], r["article_id"], r["incident_id"], r["reports"]) for r in rows] == [
        ("a1-e1", "a1", "inc-a1-e1", 3),
        ("a2-e1", "a2", "inc-a1-e1", 3),
        ("a3-e1", "a3", "inc-a1-e1", 3),
        ("b1-e1", "b1", "inc-b1-e1", 1),
        ("c1-e1", "c1", "inc-c1-e1", 1),
    ]
    assert all(list(r) == list(MENTION_COLUMNS) for r in rows)
    a2 = rows[1]
    assert (a2["fatalities"], a2["published"], a2["source"]) == (4, "2017-10-24", "=HYPERLINK(1)")
    assert (a2["event_date"], a2["latitude"], a2["confidence"]) == ("2017-10-22", 35.15167, 0.88)


def _one_article_twice():
    """One article telling the taking of al-Omar in two sentences, and a second outlet's report of it."""
    return [
        make_event("a1-e1", article_id="a1", source="Sky News Arabia"),
        make_event("a1-e2", article_id="a1", source="Sky News Arabia", quote="وأكدت «قسد» سيطرتها على الحقل"),
        make_event("a2-e1", article_id="a2", source="BBC Arabic", published=date(2017, 10, 24)),
    ]


def test_reports_counts_the_articles_and_every_mention_stays_listed(tmp_path):
    # QA 10: one article's two sentences about one happening are one report (ACLED's sources), not two
    events = _one_article_twice()
    path = tmp_path / "events.csv"
    write_csv(events, path, STAMP)
    (omar,) = _table(path.read_bytes()).values()
    assert (omar["reports"], omar["article_ids"]) == ("2", "a1; a2")
    assert omar["event_ids"] == "a1-e1; a1-e2; a2-e1"  # the mentions behind the count, each listed
    assert pd.read_csv(path, encoding="utf-8-sig").loc[0, "reports"] == 2
    (feature,) = to_geojson(events, STAMP)["features"]
    assert feature["properties"]["reports"] == 2 and len(feature["properties"]["event_ids"]) == 3
    rows = mention_rows(events, group_incidents(events), STAMP)
    assert [(r["event_id"], r["incident_id"], r["reports"]) for r in rows] == [
        ("a1-e1", "inc-a1-e1", 2),
        ("a1-e2", "inc-a1-e1", 2),
        ("a2-e1", "inc-a1-e1", 2),
    ]  # JSON Lines keeps every mention, each with the incident's report count


@pytest.mark.parametrize(
    ("inter1", "inter2", "expected"),
    [
        ("State forces", "Rebel group", "State forces-Rebel group"),
        ("Rebel group", "State forces", "State forces-Rebel group"),  # the codebook's order, not the row's
        ("External/Other forces", "", "External/Other forces only"),
        ("", "Rebel group", ""),
    ],
)
def test_interaction_as_acled_defines_it(inter1, inter2, expected):
    assert export.interaction(inter1, inter2) == expected


def test_civilian_targeting_needs_the_text_to_say_civilians_were_the_target():
    strike = dict(event_type="Explosions/Remote violence", sub_event_type="Air/drone strike", actor1="Russia")
    hit = make_event("x1", quote="غارات على مدينة دوما استهدفت المدنيين", **strike)
    killed = make_event("x2", quote="قتل خمسة مدنيين في غارة على مدينة دوما", place=WEST, **strike)
    deal = make_event(
        "x3",
        quote="اتفاق يمنع استهداف المدنيين",
        event_type="Strategic developments",
        sub_event_type="Agreement",
    )
    # a strike on the government's sites that names an earlier attack «ضد المدنيين» (read on the corpus)
    reply = make_event(
        "x4", quote="ضربات على مواقع النظام ردا على هجمات كيماوية ضد المدنيين", place=DOUMA_WOF, **strike
    )
    got = {
        r["event_id_cnty"]: r["civilian_targeting"] for r in export_rows([hit, killed, deal, reply], STAMP)
    }
    assert got == {"inc-x1": "Civilian targeting", "inc-x2": "", "inc-x3": "", "inc-x4": ""}


DOUMA_DISTRICT = Place("ocha:SY0302", "دوما", "Douma", "district", 33.57, 36.4, admin1="SY03")
DUMA_SUB = Place("ocha:SY030200", "مركز دوما", "Duma", "subdistrict", 33.57, 36.4, admin1="SY03")
# Who's On First's row for the town (wof_sy_places.csv: county «Duma», «منطقة دوما»).
DOUMA_WOF = Place("wof:890442375", "دوما", "Douma", "city", 33.57175, 36.4027, admin1="SY03")


def test_admin2_and_admin3_come_from_the_gazetteer_where_it_has_them():
    assert export.admin2_3(DOUMA_DISTRICT) == ("Douma", "")  # OCHA's P-codes: SY03 02 (00)
    assert export.admin2_3(DUMA_SUB) == ("Douma", "Duma")
    assert export.admin2_3(DOUMA_WOF) == ("Douma", "")  # WOF's county, named as OCHA names the district
    assert export.admin2_3(WEST) == ("", "")  # a GeoNames point carries no district
    assert export.admin2_3(None) == ("", "")


# --------------------------------------------------------------------------- the rule tables, row by row


@pytest.fixture(scope="module")
def analyse():
    from geo import gazetteer
    from geo.pipeline import analyse as run

    gaz = gazetteer.load()
    return lambda text: run(Article("rule", text, date(2018, 5, 1)), gaz).events


@pytest.mark.parametrize("row", eventtypes.read_jsonl(export.ACTOR_TYPES_FILE), ids=lambda r: r["actor"])
def test_actor_type_row(row, analyse):
    rows = export_rows(analyse(row["example"]), STAMP)
    assert row["inter"] in export.INTER_ORDER
    assert (row["actor"], row["inter"]) in {(r["actor1"], r["inter1"]) for r in rows}


def test_every_actor_the_event_stage_names_has_a_category():
    from geo.actors import RULES_PATH

    named = {r["actor"] for r in eventtypes.read_jsonl(RULES_PATH) if r.get("kind") == "name"}
    assert named <= set(export.actor_types())


@pytest.mark.parametrize("row", eventtypes.read_jsonl(export.CIVILIAN_CUES_FILE), ids=lambda r: r["cue"])
def test_civilian_targeting_row(row, analyse):
    assert row["cue"] in row["example"]
    rows = export_rows(analyse(row["example"]), STAMP)
    assert rows and {r["civilian_targeting"] for r in rows} == {"Civilian targeting"}


@pytest.mark.parametrize("row", eventtypes.read_jsonl(export.OUTLET_SCALES_FILE), ids=lambda r: r["outlet"])
def test_outlet_scale_row(row):
    assert row["scale"] in export.SCALE_ORDER
    assert row["example"] in (row["outlet"], *row.get("names", ()))
    for name in (row["outlet"], *row.get("names", ()), f"  {row['outlet'].upper()} "):
        (got,) = export_rows([make_event(source=name)], STAMP)
        assert got["source_scale"] == row["scale"], name


def test_an_unknown_outlet_has_no_scale_rather_than_a_guess():
    (got,) = export_rows([make_event(source="نشرة محلية لا يعرفها أحد")], STAMP)
    assert got["source_scale"] == ""


ASSOC_ROWS = eventtypes.read_jsonl(export.ASSOC_CUES_FILE)


@pytest.mark.parametrize("row", [r for r in ASSOC_ROWS if "cue" in r], ids=lambda r: r["cue"])
def test_assoc_cue_row(row):
    assert row["cue"] in row["example"]
    assert export.assoc_actors(row["backed"], "", [row["example"]]) == ([row["backer"]], [])
    assert export.assoc_actors("", row["backed"], [row["example"]]) == ([], [row["backer"]])


@pytest.mark.parametrize("row", [r for r in ASSOC_ROWS if "object_word" in r], ids=lambda r: r["object_word"])
def test_assoc_object_word_row(row):
    """The side after such a word is acted on: no backer is associated with it."""
    assert row["object_word"] in row["example"].split()
    assert export.assoc_actors(row["backed"], "", [row["example"]]) == ([], [])
    unmarked = row["example"].replace(row["object_word"] + " ", "")  # the same sentence without it
    assert export.assoc_actors(row["backed"], "", [unmarked])[0], "the word is what keeps the backer off"


def test_assoc_actors_fill_the_csv_where_the_sentence_names_a_backer(analyse):
    text = (
        "سيطرت فصائل المعارضة المدعومة من تركيا على قرية قسطل مقداد.\n"
        "وتقدمت قوات النظام بغطاء جوي روسي نحو مدينة خان شيخون."
    )
    rows = export_rows(analyse(text), STAMP)
    got = {(r["actor1"], r["assoc_actor_1"]) for r in rows}
    assert ("Syrian opposition", "Turkey") in got and ("Syrian government", "Russia") in got
    cells = list(csv.DictReader(io.StringIO(export.csv_bytes(analyse(text), STAMP).decode("utf-8-sig"))))
    assert {c["assoc_actor_1"] for c in cells} == {"Turkey", "Russia"}


def test_no_assoc_actor_without_a_cue_or_when_the_backer_is_already_a_side():
    plain = "قصفت طائرات روسية مواقع فصائل المعارضة في ريف إدلب"
    assert export.assoc_actors("Russia", "Syrian opposition", [plain]) == ([], [])
    both = "سيطرت قوات سوريا الديمقراطية بالتعاون مع التحالف الدولي على سد الفرات"
    assert export.assoc_actors("SDF", "US-led coalition", [both]) == ([], [])
    far = "تقدمت قوات النظام في ريف حماة الشمالي وسط قصف مكثف على مناطق عدة بدعم روسي"
    assert export.assoc_actors("Syrian government", "", [far]) == ([], [])
    no_actor = (
        "توصلت هيئة تحرير الشام المدعومة من قطر وممثلون عن إيران إلى اتفاق"  # Qatar is no actor of ours
    )
    assert export.assoc_actors("Hayat Tahrir al-Sham", "", [no_actor]) == ([], [])


@pytest.mark.parametrize(
    "code, name, iso",
    [("IQ", "Iraq", 368), ("TR", "Turkey", 792), ("LB", "Lebanon", 422), ("JO", "Jordan", 400), ("RU", "Russia", 643),
     ("IT", "Italy", 380)],
)
def test_country_is_a_name_for_the_neighbours_too(tmp_path, code, name, iso):
    """QA11 N11: ACLED's `country` is the country's name; the neighbours came out as ISO codes ("IQ")."""
    abroad = Place(f"gn:{code}", "مكان", f"A town in {name}", "town", 36.0, 43.0, country=code)
    path = tmp_path / "e.csv"
    write_csv([make_event("x1-e1", article_id="x1", place=abroad)], path, STAMP)
    (row,) = _table(path.read_bytes()).values()
    assert row["country"] == name and row["iso"] == str(iso)  # QA15 12: Florence and The Hague had no iso


def test_a_quarter_with_no_english_name_has_no_arabic_in_its_english_cells(tmp_path):
    """«حي صلاح الدين في حلب», a quarter no source gives: its English label was «صلاح الدين (Aleppo)»."""
    from geo.gazetteer import quarter_id, quarter_of

    aleppo = Place("gn:170063", "حلب", "Aleppo", "city", 36.2, 37.16, admin1="SY02", admin1_en="Aleppo")
    quarter = quarter_of({aleppo.place_id: aleppo}, quarter_id(aleppo.place_id, "صلاح الدين"))
    ev = make_event("x2-e1", article_id="x2", place=quarter, quote="قصف على حي صلاح الدين في حلب")
    assert export.event_row(ev)["location_en"] == "quarter of Aleppo"
    assert export.event_row(ev)["location"] == "صلاح الدين"  # the Arabic name stays in the Arabic cell
    path = tmp_path / "q.csv"
    write_csv([ev], path, STAMP)
    (row,) = _table(path.read_bytes()).values()
    assert row["location"] == "quarter of Aleppo" and row["name_ar"] == "صلاح الدين"
    assert row["name_en"] == "quarter of Aleppo"
