"""Write data/sources/naturalearth_sy.csv: heights, mountains, lakes and Syria's neighbouring provinces from
Natural Earth (public domain, https://www.naturalearthdata.com).

Names (name_ar, name_en), ne_id and wikidataid come from Natural Earth's attribute tables, read from the
CSV conversion of its .dbf files in repository Raysphere24/NaturalEarthCsvTsv (commit NE_CSV_COMMIT,
folder csv_with_names/). Each row's point comes from Natural Earth as well:

* elevation points (mountains) and admin-1 label points carry their own latitude and longitude;
* a river takes the vertex of its centreline nearest to Syria (same file, below);
* lakes and mountain ranges take the representative point of the same-named polygon in
  data/sources/ne_syria_context.geojson (Natural Earth 10m, 2017 build, already copied here);
* the Golan Heights take the label point (LABEL_X, LABEL_Y) of Natural Earth's 50m admin-0 breakaway and
  disputed areas (PINNED below, read from nvkelso/natural-earth-vector; the CSV conversion predates those
  fields).

A point inside one of OCHA's 14 Syrian governorates (data/sources/ocha_syr_admin1_simplified.geojson) is
Syrian and takes that governorate; any other row takes its country from Natural Earth. A feature without an
Arabic name in Natural Earth is left out (no transliteration stands in for one).

Neighbouring provinces are the first-level units of Turkey, Iraq, Lebanon and Jordan that share a border
with Syria (BORDERING; Natural Earth's own names for them). Their Arabic names are Natural Earth's (a province named with an everyday word, North Lebanon's «محافظة الشمال», is
left out); the bare name under «محافظة» is added only when it is not an everyday
Arabic word («الشمال» is North Lebanon's), not the name of a Syrian place and not the name of a city of the
same country (Kilis the city keeps «كلس», Şanlıurfa «أورفة»).

It also writes data/sources/naturalearth_countries_ar.csv: Natural Earth's Arabic name of every country with
an ISO 3166 code (ne_10m_admin_0_countries), which the build adds to that country's row — the short names the
press uses where ISO's translations give only the official one («كوريا الشمالية», «فلسطين»).

The gazetteer build reads only the CSVs this writes. Regenerate (a checkout or `git archive` of
Raysphere24/NaturalEarthCsvTsv at NE_CSV_COMMIT):

    .venv/bin/python scripts/extract_naturalearth.py /path/to/NaturalEarthCsvTsv
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from shapely.geometry import Point, shape  # noqa: E402
from shapely.ops import nearest_points, unary_union  # noqa: E402

from geo import gazetteer as gz  # noqa: E402
from geo.text import normalize  # noqa: E402
from geo.toponyms import CITY_COMMON_ZIPF, COMMON_ZIPF, zipf  # noqa: E402

OUT = ROOT / "data" / "sources" / "naturalearth_sy.csv"
OUT_COUNTRIES = ROOT / "data" / "sources" / "naturalearth_countries_ar.csv"
COUNTRY_COLUMNS = ("iso2", "ne_name", "ne_type", "name_ar", "ne_id", "wikidataid", "source_commit")
SOURCES = ROOT / "data" / "sources"
NE_CSV_REPO = "Raysphere24/NaturalEarthCsvTsv"
NE_CSV_COMMIT = "7cc9ef2bd1e761f382238908066713be36dc30f0"
NE_VECTOR_REPO = "nvkelso/natural-earth-vector"
# Syria and its surroundings (lon 35–43, lat 32–37.5): features whose point falls here are kept.
BOX = (35.0, 32.0, 43.0, 37.5)
NEIGHBOURS = {"Turkey": "TR", "Iraq": "IQ", "Lebanon": "LB", "Jordan": "JO"}
# The neighbours' first-level units on Syria's border (Natural Earth's `name`): the provinces the war news
# names for refugees, shelling across the border and crossings. A label point cannot tell this: a large
# province's point lies far inside it (al-Anbar's ~110 km from the border, Mount Lebanon's 40 km).
BORDERING = {
    "TR": {"Hatay", "Kilis", "Gaziantep", "Sanliurfa", "Mardin", "Sirnak"},
    "IQ": {"Ninawa", "Al-Anbar", "Dihok"},
    "LB": {"North Lebanon", "Beqaa", "An Nabatiyah"},
    "JO": {"Irbid", "Mafraq"},
}
NATIONS = {"SY": "SY", "LB": "LB", "IL": "IL", "TR": "TR", "JO": "JO", "IQ": "IQ"}
# A river whose centreline passes within RIVER_KM of Syria's outline is one the Syrian news names (the Tigris
# is the border with Iraq for ~40 km; the Jordan ~10 km from the Golan); the Ceyhan (~90 km) is not.
RIVER_KM = 25.0
DEGREE_KM = 100.0  # one degree ≈ 100 km at Syria's latitude: enough for a threshold of tens of km
# Rivers the gazetteer has from another source (the Euphrates: overlay_cited), by Wikidata id.
KNOWN_RIVERS = {"Q34589"}
# Label points of Natural Earth polygons the CSV conversion has no coordinates for.
PINNED = {
    "1159320905": {  # Golan Heights
        "lat": 32.992228,
        "lon": 35.734303,
        "file": "geojson/ne_50m_admin_0_breakaway_disputed_areas.geojson",
        "commit": "117488dc884bad03366ff727eca013e434615127",
    },
}
# Polygons of data/sources/ne_syria_context.geojson (Natural Earth, 2017 build) by Natural Earth name.
CONTEXT_FILE = "data/sources/ne_syria_context.geojson"
COLUMNS = (
    "ne_id", "wikidataid", "layer", "featurecla", "kind", "name_en", "name_ar", "aliases_ar",
    "lat", "lon", "country", "admin1", "point_from", "source_file", "source_commit",
)  # fmt: skip


def _table(root: Path, layer: str) -> list[dict[str, str]]:
    sub = "10m_cultural" if "admin" in layer else "10m_physical"
    with open(root / "csv_with_names" / sub / f"{layer}.csv", encoding="utf-8", newline="") as f:
        return [{k.lower(): v.strip() for k, v in r.items()} for r in csv.DictReader(f)]


def _in_box(lat: float, lon: float) -> bool:
    return BOX[0] <= lon <= BOX[2] and BOX[1] <= lat <= BOX[3]


class _Where:
    """OCHA governorates for point-in-polygon, and the Natural Earth polygons of the context file."""

    def __init__(self) -> None:
        ocha = json.loads((SOURCES / "ocha_syr_admin1_simplified.geojson").read_text(encoding="utf-8"))
        self.governorates = [(f["properties"]["ADM1_PCODE"], shape(f["geometry"])) for f in ocha["features"]]
        context = json.loads((SOURCES / "ne_syria_context.geojson").read_text(encoding="utf-8"))
        self.polygons = {
            f["properties"]["name"]: shape(f["geometry"])
            for f in context["features"]
            if f["properties"].get("layer") in ("ne_10m_lakes", "ne_10m_geography_regions_polys")
        }
        lines: dict[str, list] = {}
        for f in context["features"]:
            if f["properties"].get("layer") == "ne_10m_rivers_lake_centerlines":
                lines.setdefault(f["properties"]["name"], []).append(shape(f["geometry"]))
        self.lines = {name: unary_union(parts) for name, parts in lines.items()}
        outline = json.loads((SOURCES / "syr_admin0_outline.geojson").read_text(encoding="utf-8"))
        self.syria = shape(outline["features"][0]["geometry"])

    def pcode(self, lat: float, lon: float) -> str:
        pt = Point(lon, lat)
        return next((code for code, poly in self.governorates if poly.contains(pt)), "")

    def polygon_point(self, name: str) -> tuple[float, float] | None:
        poly = self.polygons.get(name)
        if poly is None:
            return None
        pt = poly.representative_point()
        return round(pt.y, 5), round(pt.x, 5)


def _row(
    r: dict, layer: str, kind: str, lat: float, lon: float, where: _Where, country: str, point_from: str
):
    pcode = where.pcode(lat, lon)
    return {
        "ne_id": r["ne_id"],
        "wikidataid": r.get("wikidataid", ""),
        "layer": layer,
        "featurecla": r.get("featurecla", ""),
        "kind": kind,
        "name_en": r.get("name_en") or r.get("name", ""),
        "name_ar": r["name_ar"],
        "aliases_ar": "",
        "lat": f"{lat:.5f}",
        "lon": f"{lon:.5f}",
        "country": "SY" if pcode else country,
        "admin1": pcode,
        "point_from": point_from,
        "source_file": f"{NE_CSV_REPO}:csv_with_names/.../{layer}.csv",
        "source_commit": NE_CSV_COMMIT,
    }


def _mountains(root: Path, where: _Where) -> list[dict]:
    out = []
    for r in _table(root, "ne_10m_geography_regions_elevation_points"):
        lat, lon = float(r["lat_y"]), float(r["long_x"])
        if r["featurecla"] == "mountain" and r["name_ar"] and _in_box(lat, lon):
            nation = NATIONS.get(r["nation1"], "")
            out.append(_row(r, "ne_10m_geography_regions_elevation_points", "mountains", lat, lon, where, nation,
                            "lat_y/long_x of the elevation point"))  # fmt: skip
    return out


def _polygons(root: Path, where: _Where) -> list[dict]:
    out = []
    layers = (("ne_10m_lakes", "lake"), ("ne_10m_geography_regions_polys", "mountains"))
    for layer, kind in layers:
        for r in _table(root, layer):
            if kind == "mountains" and r["featurecla"] != "Range/mtn":
                continue
            point = where.polygon_point(r["name"]) if r["name_ar"] else None
            if point is None or not _in_box(*point):
                continue
            if where.polygons[r["name"]].bounds[2] >= 44.5 or where.polygons[r["name"]].bounds[1] <= 31.0:
                continue  # clipped to the context box: its point would not be the feature's
            row_kind = "dam" if r["name_ar"].startswith("سد ") else kind
            out.append(_row(r, layer, row_kind, *point, where, "", f"representative point of the polygon "
                            f"'{r['name']}' in {CONTEXT_FILE}"))  # fmt: skip
    return out


def _rivers(root: Path, where: _Where) -> list[dict]:
    """Rivers that reach Syria's surroundings but no source here has (the Tigris along the north-east border,
    the Jordan): at the vertex of the Natural Earth centreline nearest to Syria, named «نهر X» as well."""
    out, seen = [], set()
    for r in _table(root, "ne_10m_rivers_lake_centerlines"):
        line = where.lines.get(r["name"])
        if line is None or not r["name_ar"] or r["wikidataid"] in seen or r["wikidataid"] in KNOWN_RIVERS:
            continue
        pt = nearest_points(line, where.syria)[0]
        if where.syria.distance(pt) * DEGREE_KM > RIVER_KM:
            continue
        seen.add(r["wikidataid"])
        row = _row(r, "ne_10m_rivers_lake_centerlines", "river", round(pt.y, 5), round(pt.x, 5), where, "",
                   f"point of the centreline '{r['name']}' in {CONTEXT_FILE} nearest to Syria's outline")  # fmt: skip
        if not r["name_ar"].startswith("نهر "):
            row["aliases_ar"] = f"نهر {r['name_ar']}"
        out.append(row)
    return out


def _disputed(root: Path, where: _Where) -> list[dict]:
    out = []
    for r in _table(root, "ne_10m_admin_0_disputed_areas"):
        pin = PINNED.get(r["ne_id"])
        if pin and r["name_ar"]:
            row = _row(r, "ne_10m_admin_0_disputed_areas", "region", pin["lat"], pin["lon"], where, "",
                       f"LABEL_X/LABEL_Y of {NE_VECTOR_REPO}:{pin['file']} @ {pin['commit']}")  # fmt: skip
            row["name_en"] = r["name_en"] or r["brk_name"]
            out.append(row)
    return out


def _syrian_and_city_names() -> tuple[set[str], dict[str, set[str]]]:
    syrian, cities = set(), {}
    for p in gz.load():
        keys = {normalize(n) for n in p.names_ar}
        if p.country == "SY":
            syrian |= keys
        elif p.kind in ("city", "town"):
            cities.setdefault(p.country, set()).update(keys)
    return syrian, cities


def _province_names(name_ar: str, iso2: str, syrian: set[str], cities: dict[str, set[str]]) -> list[str]:
    head = "محافظة "
    bare = name_ar[len(head) :] if name_ar.startswith(head) else name_ar
    key = normalize(bare)
    city_words = {w for name in cities.get(iso2, set()) for w in name.split()}  # «أورفة» of «شانلي أورفة»
    keep_bare = zipf(key) < COMMON_ZIPF and key not in syrian and key not in city_words
    return [head + bare] + ([bare] if keep_bare else [])


def _everyday(name_ar: str) -> bool:
    """A province named with an everyday word: above CITY_COMMON_ZIPF, toponyms.py's own line between a city's
    name (حمص 4.5) and everyday Arabic («الشمال» 4.9). Such a row would only feed the matcher a frequent word."""
    bare = name_ar.removeprefix("محافظة ")
    return zipf(normalize(bare)) >= CITY_COMMON_ZIPF


def _provinces(root: Path, where: _Where) -> list[dict]:
    syrian, cities = _syrian_and_city_names()
    out = []
    for r in _table(root, "ne_10m_admin_1_label_points_details"):
        iso2 = NEIGHBOURS.get(r["admin"])
        lat, lon = float(r["latitude"]), float(r["longitude"])
        if not iso2 or not r["name_ar"] or r["name"] not in BORDERING[iso2]:
            continue
        row = _row(r, "ne_10m_admin_1_label_points_details", "region", lat, lon, where, iso2,
                   "latitude/longitude of the admin-1 label point")  # fmt: skip
        if _everyday(r["name_ar"]):
            continue  # «محافظة الشمال» (North Lebanon) reads as "the northern province"
        names = _province_names(r["name_ar"], iso2, syrian, cities)
        row.update(country=iso2, admin1="", name_en=f"{r['name']} ({r['type_en']}, {r['admin']})",
                   name_ar=names[0], aliases_ar="|".join(names[1:]))  # fmt: skip
        out.append(row)
    return out


def rows(root: Path) -> list[dict[str, str]]:
    where = _Where()
    table = (
        _disputed(root, where)
        + _mountains(root, where)
        + _polygons(root, where)
        + _rivers(root, where)
        + _provinces(root, where)
    )
    return sorted(table, key=lambda r: r["ne_id"])


def countries(root: Path) -> list[dict[str, str]]:
    """Natural Earth's Arabic country names, by ISO 3166 alpha-2 («-99»: no code of its own, e.g. Baikonur)."""
    out = []
    for r in _table(root, "ne_10m_admin_0_countries"):
        if r["iso_a2"] != "-99" and gz.is_arabic_name(r["name_ar"]):
            out.append(
                {
                    "iso2": r["iso_a2"],
                    "ne_name": r["name"],
                    "ne_type": r["type"],
                    "name_ar": r["name_ar"],
                    "ne_id": r["ne_id"],
                    "wikidataid": r["wikidataid"],
                    "source_commit": NE_CSV_COMMIT,
                }
            )
    return sorted(out, key=lambda r: r["iso2"])


def _write(path: Path, columns: tuple[str, ...], table: list[dict[str, str]]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=columns, lineterminator="\n")
        w.writeheader()
        w.writerows(table)


def main(argv: list[str]) -> None:
    if len(argv) != 1:
        raise SystemExit(__doc__)
    table = rows(Path(argv[0]))
    _write(OUT, COLUMNS, table)
    names = countries(Path(argv[0]))
    _write(OUT_COUNTRIES, COUNTRY_COLUMNS, names)
    print(f"{OUT_COUNTRIES.relative_to(ROOT)}: {len(names)} countries")
    kinds = ", ".join(f"{k} {sum(r['kind'] == k for r in table)}" for k in sorted({r["kind"] for r in table}))
    print(f"{OUT.relative_to(ROOT)}: {len(table)} features ({kinds})")


if __name__ == "__main__":
    main(sys.argv[1:])
