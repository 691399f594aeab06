"""CSV and GeoJSON as a user gets them: columns, BOM, Arabic, formula-safe cells."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pandas as pd
import pytest

from geo.export import (
    csv_bytes,
    event_rows,
    frame_to_geojson,
    safe_cell,
    to_geojson,
    write_csv,
    write_csv_frame,
)
from geo.model import EVENT_TYPES, EXPORT_COLUMNS, Event, Place

OMAR = Place(
    "ovl:omar", "حقل العمر", "al-Omar oil field", "oil_field", 35.151666, 40.575833,
    admin1="SY09", admin1_en="Deir-ez-Zor",
)  # fmt: skip
WEST = Place("gn:9", "مكان", "West place", "village", 35.1234567, -0.1234567, admin1="SY02")


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


def test_csv_bom_columns_arabic_and_formulas(tmp_path):
    events = [
        make_event(),
        make_event("e2", place=WEST, quote="=cmd|' /C calc'!A0", actor1="-SDF"),
        make_event("e3", place=None, quote="بلا مكان"),
    ]
    path = tmp_path / "events.csv"
    write_csv(events, path)
    table = _read(path.read_bytes())
    assert table[0] == list(EXPORT_COLUMNS)
    rows = [dict(zip(table[0], r, strict=True)) for r in table[1:]]
    assert rows[0]["quote"] == "سيطرت «قسد» على حقل العمر"
    assert rows[0]["location"] == "حقل العمر"
    assert rows[1]["quote"] == "'=cmd|' /C calc'!A0"
    assert rows[1]["actor1"] == "'-SDF"
    assert rows[1]["longitude"] == "-0.12346"  # a number, not prefixed
    assert rows[2]["latitude"] == rows[2]["longitude"] == ""
    for r in rows:
        for cell in r.values():
            assert not cell.startswith(("=", "+", "@", "\t", "\r")) and not (
                cell.startswith("-") and not cell[1:2].isdigit()
            )

    df = pd.read_csv(path, encoding="utf-8-sig")
    assert list(df.columns) == list(EXPORT_COLUMNS)
    assert df.loc[0, "location"] == "حقل العمر"
    assert df.loc[1, "longitude"] == pytest.approx(-0.12346)
    assert pd.isna(df.loc[2, "latitude"])


def test_csv_to_text_and_binary_streams_agree():
    events = [make_event()]
    text = io.StringIO()
    write_csv(events, text)
    assert text.getvalue().encode("utf-8") == csv_bytes(events)


def test_frame_and_events_give_the_same_csv_and_geojson():
    events = [make_event(), make_event("e2", place=None)]
    df = pd.DataFrame(event_rows(events))
    df["event_date"] = pd.to_datetime(df["event_date"])  # as a store frame has them
    buf = io.BytesIO()
    write_csv_frame(df, buf)
    assert buf.getvalue() == csv_bytes(events)
    assert frame_to_geojson(df) == to_geojson(events)
    filtered = df[df["actor1"] == "nobody"]
    assert _read(csv_bytes(filtered)) == [list(EXPORT_COLUMNS)]


def test_geojson_points_and_properties():
    events = [make_event(), make_event("e2", place=None), make_event("e3", place=WEST)]
    gj = json.loads(json.dumps(to_geojson(events), ensure_ascii=False))
    assert gj["type"] == "FeatureCollection"
    assert [f["properties"]["event_id"] for f in gj["features"]] == ["004-e1", "e3"]
    first = gj["features"][0]
    assert first["type"] == "Feature"
    assert first["geometry"] == {"type": "Point", "coordinates": [40.57583, 35.15167]}
    assert list(first["properties"]) == list(EXPORT_COLUMNS)
    assert first["properties"]["quote"] == "سيطرت «قسد» على حقل العمر"
    assert gj["features"][1]["geometry"]["coordinates"] == [-0.12346, 35.12346]


# --------------------------------------------------------------------------- incidents: one row each


def _three_reports():
    from geo.incidents import group_incidents

    events = [
        make_event("a1-e1", article_id="a1", source="Al-Bayan", published=date(2017, 10, 23)),
        make_event("a2-e1", article_id="a2", source="=HYPERLINK(1)", published=date(2017, 10, 24)),
        make_event("a3-e1", article_id="a3", source="Al-Bayan", published=date(2017, 10, 24), quote="-قسد"),
        make_event("b1-e1", article_id="b1", place=WEST, quote="=cmd|' /C calc'!A0"),
        make_event("c1-e1", article_id="c1", place=None),
    ]
    return events, group_incidents(events)


def test_incident_csv_has_one_row_per_happening_with_its_sources_and_articles():
    from geo.export import INCIDENT_COLUMNS, incidents_csv_bytes

    _events, incidents = _three_reports()
    table = _read(incidents_csv_bytes(incidents))
    assert table[0] == list(INCIDENT_COLUMNS)
    rows = {r[0]: dict(zip(table[0], r, strict=True)) for r in table[1:]}
    assert len(rows) == 3  # three reports of al-Omar, one elsewhere, one without a place
    omar = rows["inc-a1-e1"]
    assert (omar["reports"], omar["article_ids"], omar["event_ids"]) == (
        "3",
        "a1; a2; a3",
        "a1-e1; a2-e1; a3-e1",
    )
    assert omar["sources"] == "Al-Bayan; =HYPERLINK(1)"  # one cell, starting with a name, not a formula
    assert (omar["location"], omar["latitude"], omar["event_date"]) == ("حقل العمر", "35.15167", "2017-10-22")
    assert (omar["actor1"], omar["actor2"], omar["first_published"]) == ("SDF", "Islamic State", "2017-10-23")
    assert rows["inc-b1-e1"]["quote"] == "'=cmd|' /C calc'!A0"
    assert rows["inc-b1-e1"]["longitude"] == "-0.12346"
    assert rows["inc-c1-e1"]["latitude"] == ""
    for r in rows.values():
        assert all(not c.startswith(("=", "+", "@", "\t", "\r")) for c in r.values())


def test_incident_geojson_and_mentions_with_their_incident_id():
    from geo.export import incidents_geojson, mention_rows

    events, incidents = _three_reports()
    gj = json.loads(json.dumps(incidents_geojson(incidents), ensure_ascii=False))
    assert [f["properties"]["incident_id"] for f in gj["features"]] == ["inc-a1-e1", "inc-b1-e1"]
    omar = gj["features"][0]
    assert omar["geometry"]["coordinates"] == [40.57583, 35.15167]
    assert omar["properties"]["reports"] == 3 and omar["properties"]["article_ids"] == ["a1", "a2", "a3"]
    assert omar["properties"]["sources"] == ["Al-Bayan", "=HYPERLINK(1)"]  # JSON keeps the text as is
    rows = mention_rows(events, incidents)
    assert [(r["event_id"], r["article_id"], r["incident_id"]) for r in rows] == [
        ("a1-e1", "a1", "inc-a1-e1"),
        ("a2-e1", "a2", "inc-a1-e1"),
        ("a3-e1", "a3", "inc-a1-e1"),
        ("b1-e1", "b1", "inc-b1-e1"),
        ("c1-e1", "c1", "inc-c1-e1"),
    ]
    assert list(rows[0]) == [*EXPORT_COLUMNS, "incident_id"]
