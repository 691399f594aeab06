"""Write data/sources/airports_sy.csv: Syria's airfields and air bases from the `airportsdata` package.

`airportsdata` (Mike Borsetti, MIT licence, https://github.com/mborsetti/airportsdata) lists every ICAO
airfield with its name, governorate and point. It carries no Arabic names, so each airfield takes the Arabic
spelling of the gazetteer place it is named after: the settlement or governorate within NAME_RADIUS_KM whose
English name matches the airfield's name once «Air Base / Airport / International» are dropped (rapidfuzz,
at least NAME_MATCH), else the city it serves within CITY_RADIUS_KM. An airfield with no such place is kept with English names only.

The gazetteer build reads only the CSV this writes, so the package is not needed at run time. Regenerate:

    .venv/bin/pip install airportsdata==20260905
    .venv/bin/python scripts/extract_airports.py
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rapidfuzz import fuzz  # noqa: E402

from geo import gazetteer as gz  # noqa: E402

OUT = ROOT / "data" / "sources" / "airports_sy.csv"
# An airfield lies outside the town it is named after (Tabqa airbase is ~6 km from al-Thawrah, Shayrat ~5 km
# from its village, Dumayr ~8 km); beyond ~20 km the name belongs to some other place.
NAME_RADIUS_KM = 20.0
# The city an airport serves (its `city` field) may lie farther out: Damascus International is ~25 km
# from the city centre's point.
CITY_RADIUS_KM = 30.0
# Transliterations differ by a letter or two (Hamah/Hama, Shayrat/Sha`irat): 85 on rapidfuzz's 0–100
# ratio keeps those and drops a different village of similar letters (Jirah/Jafirah scores 83).
NAME_MATCH = 85
_GENERIC = re.compile(r"\b(air ?base|airport|international|military|airfield)\b", re.I)
# «Ash Shu'ayrat», «Al-Mazzah»: the article and the apostrophes of transliteration are not the name.
_ARTICLE = re.compile(r"^(a[lnrsdtz]h?|el)[- ]|['`’ʿʾ]", re.I)
_SETTLED = {"city", "town", "village", "neighbourhood"}
COLUMNS = ("icao", "iata", "name_en", "kind", "lat", "lon", "subd", "name_ar", "aliases_ar", "ar_from")


def _head(name: str) -> str:
    return _ARTICLE.sub("", " ".join(_GENERIC.sub(" ", name).split())).lower()


def _namesake(head: str, lat: float, lon: float, places, radius: float = NAME_RADIUS_KM) -> object | None:
    best, best_score = None, 0.0
    for p in places:
        if p.country != "SY" or p.kind not in _SETTLED or not p.name_ar:
            continue
        if gz.distance_km(lat, lon, p.lat, p.lon) > radius:
            continue
        score = max(fuzz.ratio(head, _head(n)) for n in (p.name_en, *p.names_en))
        if score > best_score:
            best, best_score = p, score
    return best if best_score >= NAME_MATCH else None


def _arabic(kind: str, name_ar: str) -> list[str]:
    """The names the press gives an airfield: «مطار X», «مطار X العسكري», «قاعدة X الجوية» …"""
    forms = [f"مطار {name_ar}", f"مطار {name_ar} العسكري", f"قاعدة {name_ar} الجوية", f"قاعدة {name_ar}"]
    if kind == "airport":
        forms.insert(1, f"مطار {name_ar} الدولي")
    return forms


def rows() -> list[dict[str, str]]:
    import airportsdata

    places = list(gz.load().places.values())
    out = []
    for icao, a in sorted(airportsdata.load("ICAO").items()):
        if a["country"] != "SY":
            continue
        kind = "base" if re.search(r"air ?base", a["name"], re.I) else "airport"
        lat, lon = float(a["lat"]), float(a["lon"])
        town = _namesake(_head(a["name"]), lat, lon, places) or (
            _namesake(_head(a["city"]), lat, lon, places, CITY_RADIUS_KM) if a["city"] else None
        )
        names = _arabic(kind, town.name_ar) if town else []
        out.append(
            {
                "icao": icao,
                "iata": a["iata"],
                "name_en": a["name"],
                "kind": kind,
                "lat": f"{lat:.4f}",
                "lon": f"{lon:.4f}",
                "subd": a["subd"],
                "name_ar": names[0] if names else "",
                "aliases_ar": "|".join(names[1:]),
                "ar_from": town.place_id if town else "",
            }
        )
    return out


def main() -> None:
    table = rows()
    with open(OUT, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerows(table)
    named = sum(1 for r in table if r["name_ar"])
    print(f"{OUT.relative_to(ROOT)}: {len(table)} airfields, {named} with an Arabic name")


if __name__ == "__main__":
    main()
