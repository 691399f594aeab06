"""The place-mention gold is only worth its figures if every line points at the text it claims."""

from __future__ import annotations

import csv
import importlib.util
import json
import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from geo.model import PLACE_KINDS

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "gold"
SOURCES = ROOT.parent / "shared" / "data" / "gazetteer-sources"
SPLITS = (
    "dev", "heldout", "heldout2", "heldout9", "heldout11", "heldout13", "heldout15", "heldout16", "heldout17", "heldout18",
    "heldout19", "heldout20", "heldout21", "heldout22",
    "heldout23", "heldout24", "heldout25", "heldout26",
    "heldout27", "heldout28", "heldout29", "heldout30",
    "heldout31", "heldout32", "heldout33", "heldout34",
    "heldout35", "heldout36", "heldout37", "heldout38",
    "heldout39", "heldout40", "heldout41", "heldout42",
    "heldout43", "heldout44", "heldout45", "heldout46",
    "heldout47", "heldout48", "heldout49", "heldout50",
    "heldout51", "heldout52", "heldout53", "heldout54",
    "heldout55", "heldout56", "heldout57", "heldout58",
)
# Untouched splits (no system output on them seen; tests/gold/README.md): their form is checked here, their
# scores are read once per release by the lead, so they have no floor yet.
FORM_ONLY = tuple(f"heldout{n}" for n in range(59, 63))
COORD_SOURCE = re.compile(r"^(wof:\d+|gn:\d+|ocha:SY\d{2,8}|overlay_cited:.+|approx:.+|none)$")


def _load_eval():
    spec = importlib.util.spec_from_file_location("geoparse_eval", ROOT / "bench" / "geoparse_eval.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


EVAL = _load_eval()


def _jsonl(name: str) -> list[dict]:
    return [json.loads(x) for x in (GOLD / name).read_text(encoding="utf-8").splitlines() if x.strip()]


@pytest.fixture(scope="module", params=SPLITS + FORM_ONLY)
def split(request):
    articles, mentions = EVAL.load_split(request.param)
    return request.param, {a["id"]: a for a in articles}, mentions


def test_every_surface_is_the_text_slice(split):
    _, arts, mentions = split
    assert mentions
    for m in mentions:
        assert arts[m["article"]]["text"][m["start"] : m["end"]] == m["surface"], m


def test_surfaces_are_whole_words_with_their_clitics(split):
    # a span cut inside a word («لرقة» for «للرقة») would reward a tokeniser that splits wrongly
    _, arts, mentions = split
    letter = re.compile(r"[\u0621-\u064a]")
    for m in mentions:
        text = arts[m["article"]]["text"]
        before = text[m["start"] - 1] if m["start"] else " "
        after = text[m["end"]] if m["end"] < len(text) else " "
        assert not letter.match(before) and not letter.match(after), m


def test_no_overlapping_spans_within_an_article(split):
    _, _, mentions = split
    by_art: dict[str, list[dict]] = {}
    for m in mentions:
        by_art.setdefault(m["article"], []).append(m)
    for ms in by_art.values():
        ms.sort(key=lambda m: m["start"])
        for a, b in zip(ms, ms[1:], strict=False):
            assert a["end"] <= b["start"], (a, b)


def test_fields_and_coordinates_are_well_formed(split):
    _, _, mentions = split
    for m in mentions:
        assert m["kind"] in PLACE_KINDS, m
        assert re.fullmatch(r"[A-Z]{2}", m["country"]), m
        assert COORD_SOURCE.match(m["coord_source"]), m
        if m["coord_source"] == "none":
            assert m["lat"] is None and m["lon"] is None and not m["in_gazetteer_scope"], m
        else:
            assert -90 <= m["lat"] <= 90 and -180 <= m["lon"] <= 180, m
        if m["country"] == "SY" and m["lat"] is not None and m["kind"] != "country":
            # the Syrian Desert point of the cited overlay lies a few km over the border
            assert 32.0 <= m["lat"] <= 37.5 and 35.5 <= m["lon"] <= 42.5, m
        if m["coord_source"].startswith("approx:"):
            assert not m["in_gazetteer_scope"], m
        for alt in m.get("alt_sources", ()):
            assert -90 <= alt["lat"] <= 90 and -180 <= alt["lon"] <= 180, m


def test_every_article_is_annotated_and_dev_and_heldout_are_disjoint():
    dev = {a["id"] for a in _jsonl("articles_dev.jsonl")}
    held = {a["id"] for a in _jsonl("articles_heldout.jsonl")}
    assert not dev & held
    assert len(held) >= 7 and len(dev) >= 12
    assert {p.stem for p in (ROOT / "seeds").glob("*.txt")} <= dev
    for name, ids in (("dev", dev), ("heldout", held)):
        assert {m["article"] for m in _jsonl(f"mentions_{name}.jsonl")} == ids


def test_coordinates_are_those_of_the_cited_source_row():
    if not SOURCES.is_dir():
        pytest.skip(f"gazetteer sources not found at {SOURCES} (they live in ../shared beside the checkout)")
    rows = {}
    with (SOURCES / "wof_sy_places.csv").open(encoding="utf-8") as fh:
        rows |= {f"wof:{r['wof_id']}": (r["latitude"], r["longitude"]) for r in csv.DictReader(fh)}
    with (SOURCES / "wof_countries_sy_neighbours.csv").open(encoding="utf-8") as fh:
        rows |= {f"wof:{r['wof_id']}": (r["latitude"], r["longitude"]) for r in csv.DictReader(fh)}
    with (SOURCES / "geonames_cities500_sy_plus_foreign.csv").open(encoding="utf-8") as fh:
        rows |= {f"gn:{r['geonameid']}": (r["latitude"], r["longitude"]) for r in csv.DictReader(fh)}
    with (SOURCES / "opensyria_admin1_3.csv").open(encoding="utf-8") as fh:
        rows |= {f"ocha:{r['ocha_pcode']}": (r["latitude"], r["longitude"]) for r in csv.DictReader(fh)}
    with (SOURCES / "overlay_cited.csv").open(encoding="utf-8") as fh:
        rows |= {f"overlay_cited:{r['name_ar']}": (r["lat"], r["lon"]) for r in csv.DictReader(fh)}
    checked = 0
    for name in SPLITS + FORM_ONLY:
        for m in _jsonl(f"mentions_{name}.jsonl"):
            src = m["coord_source"]
            if src == "none" or src.startswith("approx:"):
                continue
            lat, lon = rows[src]
            assert (m["lat"], m["lon"]) == pytest.approx((float(lat), float(lon)), abs=1e-6), m
            checked += 1
    assert checked > 300


def test_homonyms_are_resolved_to_the_governorate_the_text_means():
    by_surface = {(m["article"], m["surface"]): m for m in _jsonl("mentions_dev.jsonl")}
    sukhnah = by_surface[("003_09aba34875456dd7", "السخنة")]  # the Homs one, not Aleppo's
    assert sukhnah["lat"] == pytest.approx(34.885, abs=0.01)
    maskanah = by_surface[("000_8df6f48f5ac7b80d", "مسكنة")]  # the Aleppo one on the Euphrates
    assert maskanah["lon"] == pytest.approx(38.04, abs=0.01)


def _loc(start, end, lat=35.0, lon=38.0):
    place = SimpleNamespace(lat=lat, lon=lon, place_id="t:1", name_en="t")
    return SimpleNamespace(mention=SimpleNamespace(start=start, end=end, surface="x"), place=place)


def test_scoring_counts_overlaps_one_to_one_and_distance():
    arts = [{"id": "a", "text": "x" * 100}]
    gold = [
        {
            "article": "a",
            "start": 0,
            "end": 5,
            "surface": "",
            "name_en": "g",
            "in_gazetteer_scope": True,
            "lat": 35.0,
            "lon": 38.0,
        },
        {
            "article": "a",
            "start": 10,
            "end": 15,
            "surface": "",
            "name_en": "g",
            "in_gazetteer_scope": True,
            "lat": 36.0,
            "lon": 38.0,
        },
        {
            "article": "a",
            "start": 40,
            "end": 45,
            "surface": "",
            "name_en": "g",
            "in_gazetteer_scope": False,
            "lat": None,
            "lon": None,
        },
    ]
    # two predictions overlap the first gold span: only one may count; the third is 111 km off
    preds = [_loc(1, 5), _loc(0, 3), _loc(12, 20), _loc(60, 62)]
    res = EVAL.score(arts, gold, {"a": preds})
    assert (res["tp"], res["predicted"], res["gold"]) == (2, 4, 3)
    assert res["precision"] == pytest.approx(0.5) and res["recall"] == pytest.approx(2 / 3)
    assert (res["geo_scored"], res["within_10km"]) == (2, 1)
    assert res["recall_in_scope"] == pytest.approx(1.0)
    assert [m[1] for m in res["misses"]] == [40]


def test_alt_source_points_are_accepted_for_the_distance():
    arts = [{"id": "a", "text": "x" * 20}]
    gold = [
        {
            "article": "a",
            "start": 0,
            "end": 5,
            "surface": "",
            "name_en": "g",
            "in_gazetteer_scope": True,
            "lat": 36.0,
            "lon": 38.0,
            "alt_sources": [{"source": "wof:1", "lat": 35.0, "lon": 38.0}],
        }
    ]
    res = EVAL.score(arts, gold, {"a": [_loc(0, 5, 35.01, 38.0)]})
    assert res["within_10km"] == 1


def test_unresolved_predictions_are_not_counted_as_places():
    arts = [{"id": "a", "text": "x" * 20}]
    unresolved = SimpleNamespace(mention=SimpleNamespace(start=0, end=5, surface="x"), place=None)
    gold = [
        {
            "article": "a",
            "start": 0,
            "end": 5,
            "surface": "",
            "name_en": "g",
            "in_gazetteer_scope": True,
            "lat": None,
            "lon": None,
        }
    ]
    res = EVAL.score(arts, gold, {"a": [unresolved]})
    assert (res["tp"], res["predicted"], res["unresolved"]) == (0, 0, 1)


def test_eval_reports_a_missing_geoparser_and_still_exits_0(monkeypatch, capsys):
    def broken(articles):
        raise ModuleNotFoundError("No module named 'geo.toponyms'")

    monkeypatch.setattr(EVAL, "_run_geoparser", broken)
    res = EVAL.evaluate("dev")
    assert res["gold"] > 0 and "toponyms" in res["error"]
    assert EVAL.main(["--split", "dev"]) == 0
    assert "geoparser not available: ModuleNotFoundError" in capsys.readouterr().out


def test_eval_refuses_a_gold_line_whose_surface_is_not_the_text(monkeypatch, tmp_path, capsys):
    (tmp_path / "articles_dev.jsonl").write_text(
        json.dumps({"id": "a", "text": "قصف على حلب", "published": "2018-01-01"}) + "\n", encoding="utf-8"
    )
    line = {
        "article": "a",
        "start": 0,
        "end": 3,
        "surface": "حلب",
        "name_en": "Aleppo",
        "kind": "city",
        "lat": 36.2,
        "lon": 37.2,
        "coord_source": "wof:1",
        "country": "SY",
        "in_gazetteer_scope": True,
    }
    (tmp_path / "mentions_dev.jsonl").write_text(
        json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    monkeypatch.setattr(EVAL, "GOLD", tmp_path)
    with pytest.raises(EVAL.GoldError, match="is not text"):
        EVAL.load_split("dev")
    assert EVAL.main(["--split", "dev"]) == 2
    assert "malformed gold" in capsys.readouterr().err


# Geoparser precision and recall per gold split as measured at the release that scored the thirteenth draw
# (each draw scored once untouched, then kept here as a tuning split): a change that loses places fails CI.
PLACES_FLOOR = {
    "dev": (1, 0.994),
    "heldout": (1, 0.986),
    "heldout2": (1, 0.969),
    "heldout9": (1, 0.99),
    "heldout11": (1, 0.995),
    "heldout13": (1, 0.923),
    "heldout15": (0.99, 0.986),
    "heldout16": (1, 0.973),
    "heldout17": (1, 0.974),
    "heldout18": (0.995, 0.974),
    # the tenth draw, scored once untouched at the release before this one, from then on tuning splits
    "heldout19": (0.995, 0.973),
    "heldout20": (0.988, 0.971),
    "heldout21": (0.991, 0.969),
    "heldout22": (0.987, 0.944),
    # the eleventh draw, scored once untouched at this release (after), from then on tuning splits
    "heldout23": (0.982, 0.953),
    "heldout24": (0.99, 0.986),
    "heldout25": (1, 0.984),
    "heldout26": (1, 0.975),
    # the twelfth draw, scored once untouched at this release (before and after alike), from then on tuning splits
    "heldout27": (1, 0.96),
    "heldout28": (1, 0.975),
    "heldout29": (0.992, 0.992),
    "heldout30": (0.987, 0.969),
    # the thirteenth draw, scored once untouched at this release (after), from then on tuning splits
    "heldout31": (0.973, 0.98),
    "heldout32": (0.984, 0.984),
    "heldout33": (0.99, 0.915),
    "heldout34": (0.989, 0.979),
    # the fourteenth draw, scored once untouched at this release (before and after), from then on tuning splits
    "heldout35": (0.974, 0.934),
    "heldout36": (1.0, 0.995),
    "heldout37": (0.984, 0.973),
    "heldout38": (0.995, 0.981),
    # the fifteenth draw, scored once untouched at stop 21 (before and after alike), rounded down
    "heldout39": (0.994, 0.988),
    "heldout40": (0.972, 0.988),
    "heldout41": (0.978, 0.962),
    "heldout42": (1.0, 0.984),
    # the sixteenth draw, scored once untouched at stop 24 (before and after alike), rounded down
    "heldout43": (0.986, 0.973),
    "heldout44": (0.989, 0.994),
    "heldout45": (0.994, 0.960),
    "heldout46": (0.994, 0.973),
    # the seventeenth draw, scored once untouched at stop 25 (before da2dc10 and after d6e5c78 alike), rounded down
    "heldout47": (0.995, 0.981),
    "heldout48": (0.988, 0.971),
    "heldout49": (1, 0.994),
    "heldout50": (1, 0.994),
    # the eighteenth draw, scored once untouched at stop 26 (before f069a70 and after ab490b9 alike), rounded down
    "heldout51": (1, 0.984),
    "heldout52": (0.977, 0.994),
    "heldout53": (0.979, 0.994),
    "heldout54": (0.993, 0.962),
    # the nineteenth draw, scored once untouched at stop 27 (before ad31489 and after 6f3814d alike), rounded down
    "heldout55": (0.983, 0.935),
    "heldout56": (1, 0.978),
    "heldout57": (0.991, 0.958),
    "heldout58": (0.993, 0.986),
}


@pytest.fixture(scope="module")
def geoparse_eval():
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    import geoparse_eval as ge

    return ge


@pytest.mark.parametrize("split", PLACES_FLOOR)
def test_places_do_not_fall_below_the_floor(split, geoparse_eval):
    res = geoparse_eval.evaluate(split)
    precision, recall = PLACES_FLOOR[split]
    assert round(res["precision"], 3) >= precision, f"precision {res['tp']}/{res['predicted']}"
    assert round(res["recall"], 3) >= recall, f"recall {res['tp']}/{res['gold']}"


def test_every_place_split_has_a_floor():
    assert set(PLACES_FLOOR) == set(SPLITS)
