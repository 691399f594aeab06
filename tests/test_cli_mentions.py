"""`python -m geo mentions` as a user runs it: JSON Lines, offsets that slice, bad input handled."""

import json
import re
import subprocess
import sys

import pytest

from geo.gazetteer import distance_km as km
from tests.conftest import ROOT


def run_cli(*args, cwd=ROOT):
    return subprocess.run(
        [sys.executable, "-m", "geo", *args], cwd=cwd, capture_output=True, text=True, timeout=300
    )


@pytest.fixture(scope="module")
def seed_mentions():
    res = run_cli("mentions", "seeds/")
    assert res.returncode == 0, res.stderr
    return [json.loads(line) for line in res.stdout.splitlines()]


def test_offsets_slice_the_text(seed_mentions, seed_articles):
    assert seed_mentions
    for m in seed_mentions:
        assert seed_articles[m["article"]].text[m["start"] : m["end"]] == m["surface"]


# GeoNames / Who's On First points of the places the product card names.
EXPECTED = {
    "الرقة": (35.9528, 39.0079),
    "تدمر": (34.5601, 38.2673),
    "السخنة": (34.8867, 38.8721),
    "التنف": (33.4883, 38.6570),
    "دير الزور": (35.3359, 40.1408),
}


@pytest.mark.parametrize("name", EXPECTED)
def test_seed_places_resolve_within_10_km(seed_mentions, name):
    lat, lon = EXPECTED[name]
    # The name itself, clitics allowed («بالرقة»), not names that contain it («جبال التدمرية»).
    pattern = re.compile(r"[وفبلك]{0,3}" + name)
    hits = [m for m in seed_mentions if pattern.fullmatch(m["surface"]) and m["lat"] is not None]
    # «ريف دير الزور», «محافظة الرقة» name the governorate, whose point is its centroid
    hits = [m for m in hits if m["kind"] != "governorate"]
    assert hits, f"{name} not found"
    assert all(km(lat, lon, m["lat"], m["lon"]) <= 10 for m in hits), [
        (m["surface"], m["name_en"], m["lat"], m["lon"]) for m in hits
    ]


def test_clitics_stay_in_the_surface(seed_mentions):
    surfaces = {m["surface"] for m in seed_mentions}
    assert "بالرقة" in surfaces
    assert any(s.startswith("بريف") or s == "حمص" or s.endswith("حمص") for s in surfaces)


def test_schema_of_each_line(seed_mentions):
    keys = {"article", "surface", "start", "end", "name_ar", "name_en", "lat", "lon", "kind", "admin1"}
    keys |= {"country", "place_id", "confidence"}
    for m in seed_mentions:
        assert keys <= m.keys()
        assert 0 <= m["confidence"] <= 1


def test_bad_inputs_one_line_each_others_processed(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blob.txt").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "english.txt").write_text("Nothing Arabic here at all.", encoding="utf-8")
    (tmp_path / "legacy.txt").write_bytes("قصفت الطائرات مدينة إدلب أمس.".encode("cp1256"))
    res = run_cli("mentions", str(tmp_path), str(tmp_path / "nope.txt"), "--published", "2018-02-01")
    assert res.returncode == 1
    assert "Traceback" not in res.stderr
    errors = [line for line in res.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 4, res.stderr
    out = [json.loads(line) for line in res.stdout.splitlines()]
    assert any(m["article"] == "legacy" and m["name_en"] and "Idl" in m["name_en"] for m in out), out


def test_nothing_readable_is_a_failure():
    res = run_cli("mentions", "does-not-exist.txt")
    assert res.returncode == 1 and "no such file" in res.stderr and "Traceback" not in res.stderr


def test_malformed_published_date_is_a_clear_usage_error():
    res = run_cli("mentions", "seeds/", "--published", "2017-13-45")
    assert res.returncode == 2 and "malformed date" in res.stderr and "Traceback" not in res.stderr


def test_countryside_of_a_governorate_capital_is_the_governorate(seed_mentions):
    rural = [m for m in seed_mentions if m["kind"] == "governorate" and m["surface"].endswith("دير الزور")]
    assert rural and {(m["name_en"], m["geo_precision"]) for m in rural} == {("Deir ez-Zor", 3)}


def test_a_quarter_with_no_english_name_has_no_arabic_in_name_en():
    """«حي صلاح الدين في حلب»: a quarter no source names was written «صلاح الدين (Aleppo)» in name_en."""
    from geo.commands.mentions import mention_record
    from geo.gazetteer import quarter_id, quarter_of
    from geo.model import Located, Mention, Place

    aleppo = Place("gn:170063", "حلب", "Aleppo", "city", 36.2, 37.16, admin1="SY02", admin1_en="Aleppo")
    quarter = quarter_of({aleppo.place_id: aleppo}, quarter_id(aleppo.place_id, "صلاح الدين"))
    mention = Mention("x1", 7, 17, "صلاح الدين", "صلاح الدين", (quarter.place_id,), trigger="حي")
    record = mention_record(Located(mention, quarter, 0.8, 2))
    assert record["name_en"] == "quarter of Aleppo" and record["name_ar"] == "صلاح الدين"
