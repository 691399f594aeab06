"""`python -m geo events | control | ingest` as a user runs them."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from datetime import date

import pandas as pd
import pytest

from geo import pipeline
from geo.cli import main
from geo.export import MENTION_COLUMNS, SCHEMA
from geo.model import EVENT_TYPES, Event, Located, Mention, Place

ROOT = __import__("pathlib").Path(__file__).resolve().parents[1]
SEED_004 = ROOT / "seeds" / "004_21178bc9de1c0135.txt"
OMAR = Place("t:omar", "حقل العمر", "al-Omar oil field", "oil_field", 35.15167, 40.57583, admin1="SY09")


def geo(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "geo", *args], cwd=ROOT, capture_output=True, timeout=600)


def toy_analyse(article, gazetteer=None):
    """One 'SDF takes al-Omar' event per article that names the field, dated the day before publication."""
    i = article.text.find("حقل العمر")
    if i < 0:
        return pipeline.Analysis(article, (), (), (), ())
    m = Mention(article.article_id, i, i + 9, "حقل العمر", "حقل العمر", (OMAR.place_id,))
    day = date.fromordinal(article.published.toordinal() - 1)
    ev = Event(
        f"{article.article_id}-e1", article.article_id, *EVENT_TYPES["nsa_overtakes"], "happened", day, 1,
        "SDF", "Islamic State", OMAR, 1, "=SUM(A1) " + article.text[i : i + 40], i, i, i + 9, article.published,
    )  # fmt: skip
    return pipeline.Analysis(article, (m,), (Located(m, OMAR, 0.9),), (), (ev,))


@pytest.fixture
def toy(monkeypatch):
    monkeypatch.setattr(pipeline, "analyse", toy_analyse)
    monkeypatch.setattr(
        pipeline, "analyse_many", lambda arts, gazetteer=None: ((a, toy_analyse(a)) for a in arts)
    )


def run_main(capsysbinary, *argv):
    code = main(list(argv))
    out, err = capsysbinary.readouterr()
    return code, out, err.decode("utf-8")


def test_events_csv_with_an_unreadable_input(toy, tmp_path, capsysbinary):
    bad = tmp_path / "photo.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00binary")
    code, out, err = run_main(capsysbinary, "events", str(SEED_004), str(bad))
    assert code == 1  # one input could not be read; the other is still processed
    assert "photo.txt" in err and len(err.strip().splitlines()) == 1
    df = pd.read_csv(io.BytesIO(out), encoding="utf-8-sig")
    assert list(df.columns) == list(
        SCHEMA
    )  # ACLED's columns in ACLED's order, then ours; one row per incident
    assert list(df["name_ar"]) == ["حقل العمر"] and list(df["location"]) == ["al-Omar oil field"]
    assert (df.loc[0, "latitude"], df.loc[0, "longitude"]) == (35.15167, 40.57583)
    assert df.loc[0, "event_id_cnty"] == df.loc[0, "incident_id"] and df.loc[0, "year"] == 2017
    assert df.loc[0, "inter1"] == "Rebel group" and df.loc[0, "fatalities"] == 0
    assert list(df["reports"]) == [1] and list(df["article_ids"]) == ["004_21178bc9de1c0135"]
    assert list(df["event_date"]) == ["2017-10-22"]  # seeds.csv gives 004 its date
    assert df.loc[0, "quote"].startswith("'=SUM") and df.loc[0, "notes"].startswith("'=SUM")
    assert df["timestamp"].dtype.kind == "i"  # Unix seconds of the export, as ACLED's timestamp


def test_events_nothing_readable_exits_1(toy, tmp_path, capsysbinary):
    code, out, err = run_main(capsysbinary, "events", str(tmp_path / "missing.txt"))
    assert code == 1 and "missing.txt" in err


def test_events_geojson_and_jsonl(toy, capsysbinary):
    code, out, _ = run_main(capsysbinary, "events", str(SEED_004), "--format", "geojson")
    assert code == 0
    gj = json.loads(out.decode("utf-8"))
    (feat,) = gj["features"]
    assert feat["geometry"]["coordinates"] == [40.57583, 35.15167]
    assert feat["properties"]["incident_id"] == "inc-004_21178bc9de1c0135-e1"
    assert feat["properties"]["article_ids"] == ["004_21178bc9de1c0135"]
    assert "حقل العمر" in out.decode("utf-8")  # not \\u-escaped
    code, out, _ = run_main(
        capsysbinary, "events", str(SEED_004), "--format", "jsonl", "--published", "2017-11-01"
    )
    (line,) = out.decode("utf-8").splitlines()
    row = json.loads(line)
    assert list(row) == list(MENTION_COLUMNS) and row["event_date"] == "2017-10-31"
    assert row["incident_id"] == "inc-" + row["event_id"] and row["article_id"] == "004_21178bc9de1c0135"


def test_control_bad_date_is_a_one_line_error():
    res = geo("control", "--date", "2017-13-45", "seeds/")
    assert res.returncode == 2
    err = res.stderr.decode("utf-8").strip().splitlines()
    assert "2017-13-45" in err[-1] and err[-1].startswith("python -m geo control: error:")


def test_control_jsonl(toy, capsysbinary):
    code, out, _ = run_main(capsysbinary, "control", "--date", "2017-10-23", str(SEED_004))
    assert code == 0
    (rec,) = [json.loads(x) for x in out.decode("utf-8").splitlines()]
    state = {
        k: rec.pop(k)
        for k in ("controller_ar", "last_confirmed", "confidence", "contested", "stale", "kind", "evidence")
    }
    assert rec == {
        "place_id": "t:omar", "name_ar": "حقل العمر", "name_en": "al-Omar oil field", "lat": 35.15167,
        "lon": 40.57583, "controller": "SDF", "since": "2017-10-22", "event_id": "004_21178bc9de1c0135-e1",
    }  # fmt: skip
    assert state["controller_ar"] == "قوات سوريا الديمقراطية" and state["last_confirmed"] == "2017-10-22"
    assert (
        state["evidence"] == ["004_21178bc9de1c0135-e1"]
        and not state["contested"]
        and 0 < state["confidence"] < 1
    )
    code, out, _ = run_main(capsysbinary, "control", "--date", "2017-10-21", str(SEED_004))
    assert code == 0 and out == b""


def test_ingest_lines_and_summary(toy, tmp_path, capsysbinary):
    db = tmp_path / "x.duckdb"
    code, out, _ = run_main(capsysbinary, "ingest", "--db", str(db), str(ROOT / "seeds"))
    lines = out.decode("utf-8").splitlines()
    assert code == 0
    assert "added 004_21178bc9de1c0135 (1 event)" in lines
    assert sum(x.startswith("added ") for x in lines) == 5
    assert lines[-1].startswith("5 added, 0 unchanged, 0 failed, 0 unreadable; 1 events added")
    bad = tmp_path / "empty.txt"
    bad.write_text("")
    code, out, err = run_main(capsysbinary, "ingest", "--db", str(db), str(SEED_004), str(bad))
    assert code == 1 and "empty.txt" in err
    assert out.decode("utf-8").splitlines()[-1].startswith("0 added, 1 unchanged, 0 failed, 1 unreadable")


# --------------------------------------------------------------------------- the done-criteria


def test_seed_events_csv_end_to_end():
    res = geo("events", "seeds/", "--format", "csv")
    assert res.returncode == 0, res.stderr.decode("utf-8")
    assert res.stdout.startswith(b"\xef\xbb\xbf")
    df = pd.read_csv(io.BytesIO(res.stdout), encoding="utf-8-sig", dtype=str)
    assert list(df.columns) == list(SCHEMA)
    assert df["incident_id"].is_unique and (df["reports"].astype(int) >= 1).all()
    s004 = df[df["article_ids"].str.contains("004_21178bc9de1c0135")]
    omar = s004[(s004["name_en"] == "al-Omar oil field") & (s004["actor1"] == "SDF")]
    assert "Non-state actor overtakes territory" in set(omar["sub_event_type"])
    assert "2017-10-22" in set(omar["event_date"])
    khsham = s004[(s004["name_ar"] == "خشام") & (s004["sub_event_type"] == "Government regains territory")]
    assert "2017-10-22" in set(khsham["event_date"])
    for col in ("quote", "notes", "source", "location", "name_ar", "actor1", "actor2"):
        assert not df[col].dropna().str.match(r"[=+\-@\t\r]").any()


def seed_control(day: str) -> list[dict]:
    res = geo("control", "--date", day, "seeds/")
    assert res.returncode == 0, res.stderr.decode("utf-8")
    return [json.loads(x) for x in res.stdout.decode("utf-8").splitlines()]


def test_seed_control_after_the_october_fighting():
    late = seed_control("2017-10-23")
    by_name: dict[str, set[str]] = {}
    for rec in late:
        by_name.setdefault(rec["name_ar"], set()).add(rec["controller"])
    assert by_name.get("حقل العمر") == {"SDF"}
    assert by_name.get("خشام") == {"Syrian government"}
    assert all(rec["since"] <= "2017-10-23" for rec in late)


def test_seed_control_raqqa_in_june_is_the_islamic_states():
    june = seed_control("2017-06-15")
    raqqa = [r for r in june if r["name_ar"] == "الرقة" and not r["place_id"].startswith("ocha:")]
    assert raqqa and {r["controller"] for r in raqqa} == {"Islamic State"}
    assert all(r["since"] <= "2017-06-15" for r in june)


# Texts written for the QA pass (items 3, 6–9), told as a reporter would; place names from the gazetteer.
QA_TEXTS = {
    "teens": "قتل ثلاثة عشر مدنياً، بينهم أربعة أطفال، الثلاثاء الماضي، في غارات جوية شنتها طائرات حربية روسية "
    "على مدينة معرة النعمان في ريف إدلب الجنوبي.",
    "repelled": "صدت فصائل المعارضة المسلحة، أمس، هجوماً لقوات النظام على بلدة اللطامنة في ريف حماة الشمالي، "
    "وقتل خلال الاشتباكات خمسة عناصر من القوات المهاجمة.",
    "infiltration": "فشلت محاولة تسلل لعناصر هيئة تحرير الشام باتجاه مواقع قوات النظام في بلدة أبو الظهور بريف "
    "إدلب الشرقي فجر اليوم، وقتل عشرات المهاجمين.",
    "carbomb": "انفجرت سيارة مفخخة أمس في مدينة اعزاز بريف حلب الشمالي، ما أدى إلى مقتل ثمانية أشخاص.",
    "ambush": "قتل أحد عشر عنصراً من قوات النظام في كمين لتنظيم الدولة قرب بلدة السخنة.",
}
QA_EXPECTED = {  # (sub_event_type, status, actor1, name_en, event_date, fatalities)
    "teens": ("Air/drone strike", "happened", "Russia", "Ma`arrat an Nu`man", "2018-03-13", 13),
    "repelled": ("Armed clash", "failed", "Syrian government", "Al Lataminah", "2018-03-13", 5),
    "infiltration": ("Armed clash", "failed", "Hayat Tahrir al-Sham", "Abu az Zuhur", "2018-03-14", 10),
    "carbomb": ("Remote explosive/landmine/IED", "happened", "", "Azaz", "2018-03-13", 8),
    "ambush": ("Armed clash", "happened", "Islamic State", "As Sukhnah", "2018-03-13", 11),
}


def test_qa_texts_read_as_a_user_expects(tmp_path):
    """`events --published 2018-03-14` on the QA texts: one row each, with the type, status, actor1,
    place, day and death toll a reader of the text would code."""
    for name, text in QA_TEXTS.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    res = geo(
        "events", "--format", "jsonl", "--published", "2018-03-14", *sorted(map(str, tmp_path.glob("*.txt")))
    )
    assert res.returncode == 0, res.stderr.decode("utf-8")
    rows = [json.loads(line) for line in res.stdout.decode("utf-8").splitlines()]
    got = {
        r["article_id"]: (
            r["sub_event_type"],
            r["status"],
            r["actor1"],
            r["name_en"],
            r["event_date"],
            r["fatalities"],
        )
        for r in rows
    }
    assert got == QA_EXPECTED
    assert len(rows) == len(QA_EXPECTED)


def test_the_events_the_filter_leaves_out_are_counted_and_kept_on_request(tmp_path):
    # a long article: short texts are never filtered (geo.eventfilter.MIN_SENTENCES)
    src = ROOT / "tests" / "gold" / "articles_heldout19.jsonl"
    filtered, unfiltered = (
        geo("events", str(src), "--format", "jsonl"),
        geo("events", str(src), "--format", "jsonl", "--unfiltered"),
    )
    assert filtered.returncode == unfiltered.returncode == 0
    note = [line for line in filtered.stderr.decode().splitlines() if "event filter left out" in line]
    assert len(note) == 1 and "--unfiltered" in note[0]
    left_out = int(note[0].split("left out ")[1].split()[0])
    assert left_out > 0
    rows = [len(p.stdout.decode().splitlines()) for p in (filtered, unfiltered)]
    assert rows[1] == rows[0] + left_out
    assert "event filter" not in unfiltered.stderr.decode()


@pytest.mark.parametrize("fmt", ["csv", "geojson", "jsonl"])
def test_out_writes_the_same_rows_as_the_standard_output_into_the_file(toy, tmp_path, capsysbinary, fmt):
    out = tmp_path / f"events.{fmt}"
    code, printed, err = run_main(capsysbinary, "events", str(SEED_004), "--format", fmt, "--out", str(out))
    assert code == 0 and printed == b""  # nothing on the standard output: it all went into the file
    assert f"written to {out}" in err
    assert not out.with_name(out.name + ".part").exists()
    text = out.read_text(encoding="utf-8-sig")
    if fmt == "csv":
        row = pd.read_csv(io.StringIO(text)).iloc[0]
        assert (row["location"], row["actor1"]) == ("al-Omar oil field", "SDF")
    elif fmt == "geojson":
        (feature,) = json.loads(text)["features"]
        assert feature["geometry"]["coordinates"] == [40.57583, 35.15167]
    else:
        (line,) = text.splitlines()
        assert json.loads(line)["name_en"] == "al-Omar oil field"


def test_out_in_a_missing_folder_is_one_line_before_any_work_and_makes_no_folder(toy, tmp_path, capsysbinary):
    out = tmp_path / "no-such-folder" / "events.csv"
    code, printed, err = run_main(capsysbinary, "events", str(SEED_004), "--out", str(out))
    assert code == 1 and printed == b""  # as `geo snapshot` exits for the same error
    assert err.strip().splitlines() == [f"error: the folder {out.parent} does not exist; create it first or give --out a file in an existing folder"]
    assert not out.parent.exists()
