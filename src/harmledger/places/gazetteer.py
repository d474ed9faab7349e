"""The offline gazetteer: an indexed SQLite file of places and names, plus analyst overrides."""

from __future__ import annotations

import re
import sqlite3
import sys
import threading
from collections import defaultdict
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from harmledger.errors import GazetteerError
from harmledger.places.index import KeyIndex, PlaceRow, PlaceRows, load_blobs
from harmledger.places.normalise import loose_key, strict_key
from harmledger.settings import env as read_setting

ENV_VAR = "HARMLEDGER_GAZETTEER"


class Entry(NamedTuple):
    """One gazetteer place as a lookup returns it; ``primary`` when the key is its main name.

    A NamedTuple rather than a frozen dataclass: lookups build many and this is ~5× cheaper.
    """

    id: int
    geonameid: int | None
    name: str
    lat: float
    lon: float
    country: str | None
    admin1: str | None
    admin2: str | None
    feature: str
    population: int
    source: str
    primary: bool = False


class CountryStats(NamedTuple):
    """How many places of one country the gazetteer holds, by kind and by origin."""

    country: str | None
    places: int
    settlements: int  # populated places (PPL*)
    divisions: int  # administrative divisions (ADM*)
    imported: int  # rows added by `harmledger gazetteer import`
    curated: int  # rows from the curated alias tables


# Wire abbreviations of a name's first word, read only when the name as written is unknown.
_ABBREVIATED_WORDS: dict[str, str] = {"C": "Central", "N": "North", "S": "South", "E": "East", "W": "West"}
_ABBREVIATED_WORD_RE = re.compile(r"\b([CNSEW])\.\s+(?=[A-Z][a-z])")
# A compass name written as one word ("Northwest Region") is looked up as two as well.
_CLOSED_COMPASS_RE = re.compile(r"^(north|south)(east|west)\b", re.IGNORECASE)


def default_path() -> Path:
    """``$HARMLEDGER_GAZETTEER`` if set, else ``harmledger/data/gazetteer.sqlite``."""
    env = read_setting(ENV_VAR)
    if env:
        return Path(env)
    return Path(__file__).resolve().parent.parent / "data" / "gazetteer.sqlite"


class Gazetteer:
    """Name → places lookups over the gazetteer file; analyst overrides win over shipped data."""

    def __init__(self, path: Path | str | None = None, *, build_if_missing: bool = True) -> None:
        self.path = Path(path) if path is not None else default_path()
        if not self.path.exists():
            if not build_if_missing:
                raise GazetteerError(f"{self.path}: gazetteer file missing; run `python scripts/build_gazetteer.py`")
            from harmledger.places.build import build

            print(f"harmledger: building the gazetteer at {self.path} (first use, ~1 min)…", file=sys.stderr)
            build(self.path)
        con = None
        try:
            con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            con.execute("SELECT 1 FROM names LIMIT 1").fetchall()
            blobs = load_blobs(con)
        except sqlite3.DatabaseError as exc:
            if con is not None:
                con.close()
            raise GazetteerError(
                f"{self.path}: not a readable gazetteer ({exc}); rebuild it with `python scripts/build_gazetteer.py`"
            ) from exc
        if not blobs:
            con.close()
            raise GazetteerError(
                f"{self.path}: gazetteer has no name index (an old file); "
                "rebuild it with `python scripts/build_gazetteer.py`"
            )
        self._con = con
        self._lock = threading.Lock()
        self._index = {c: KeyIndex(blobs, c) for c in ("strict", "loose")}
        self._rows = PlaceRows(blobs)
        self._overrides: dict[str, list[Entry]] = defaultdict(list)
        self._overrides_loose: dict[str, list[Entry]] = defaultdict(list)
        self._next_override_id = -1
        self._keys: list[str] | None = None
        self.lookup = lru_cache(maxsize=100_000)(self._lookup)
        self.lookup_loose = lru_cache(maxsize=100_000)(self._lookup_loose)
        self._countries: dict[str, Entry] | None = None  # by ISO code, loaded at first use
        self._capitals: dict[str, Entry] | None = None

    # -- lookups -------------------------------------------------------------------------
    def _query(self, column: str, key: str) -> list[Entry]:
        codes = self._index[column].get(key)
        if not codes:
            return []
        get_row = self._rows.get
        seen: dict[int, Entry] = {}
        for code in codes:
            row = get_row(code >> 1)
            if row is not None and (code & 1 or row[0] not in seen):
                seen[row[0]] = Entry(*row, bool(code & 1))
        return list(seen.values())

    def _lookup(self, name: str) -> tuple[Entry, ...]:
        """Places whose name or alternate name has the same strict key (overrides first)."""
        key = strict_key(name)
        if not key:
            return ()
        return tuple(self._overrides.get(key, ())) + tuple(self._query("strict", key))

    def _lookup_loose(self, name: str) -> tuple[Entry, ...]:
        """Places matching the transliteration-tolerant key (al-/el-, doubled letters, vowels)."""
        key = loose_key(name)
        if len(key) < 4:
            return ()
        return tuple(self._overrides_loose.get(key, ())) + tuple(self._query("loose", key))

    def find(self, name: str) -> tuple[tuple[Entry, ...], str]:
        """Strict matches, else loose ones; with how they matched ("exact", "loose" or "")."""
        found = self.lookup(name)
        spaced = _CLOSED_COMPASS_RE.sub(r"\1 \2", name)
        if spaced != name:
            # "Northwest" is also written "North West", "North-West": Cameroon's region is under those
            found = tuple({e.id: e for e in (*found, *self.lookup(spaced))}.values())
        if found:
            return found, "exact"
        found = self.lookup_loose(name)
        if found:
            return found, "loose"
        expanded = _ABBREVIATED_WORD_RE.sub(lambda m: _ABBREVIATED_WORDS[m.group(1)] + " ", name)
        if expanded != name:
            # "C. African Republic", "N. Kivu": wire copy shortens the first word of a name.
            found = self.lookup(expanded)
            if found:
                return found, "exact"
        return (), ""

    def fuzzy(self, name: str, limit: int = 5, cutoff: float = 88.0) -> list[tuple[str, float]]:
        """Closest stored strict keys by rapidfuzz ratio (the last resort; ~0.3 s per call)."""
        from rapidfuzz import fuzz, process

        if self._keys is None:
            self._keys = self._index["strict"].all_keys()
            self._keys.extend(self._overrides)
        key = strict_key(name)
        hits = process.extract(key, self._keys, scorer=fuzz.ratio, limit=limit, score_cutoff=cutoff)
        return [(k, float(score)) for k, score, _ in hits]

    def by_key(self, key: str) -> tuple[Entry, ...]:
        """Places stored under an exact strict key (as :meth:`fuzzy` returns them)."""
        return tuple(self._overrides.get(key, ())) + tuple(self._query("strict", key))

    # -- analyst places ------------------------------------------------------------------
    def add_override(
        self,
        name: str,
        aliases: tuple[str, ...] | list[str] = (),
        *,
        lat: float,
        lon: float,
        country: str | None = None,
        admin1: str | None = None,
        admin2: str | None = None,
        feature: str = "PPL",
        population: int = 0,
    ) -> Entry:
        """Add an analyst's place (in memory); it is returned before shipped data for its names."""
        if not -90 <= lat <= 90 or not -180 <= lon <= 180:
            raise GazetteerError(f"override {name!r}: coordinates ({lat}, {lon}) out of range")
        entry = Entry(
            self._next_override_id,
            None,
            name,
            float(lat),
            float(lon),
            country.upper() if country else None,
            admin1,
            admin2,
            feature,
            population,
            "analyst",
            primary=True,
        )
        self._next_override_id -= 1
        for alias in (name, *aliases):
            if strict_key(alias):
                self._overrides[strict_key(alias)].append(entry)
                self._overrides_loose[loose_key(alias)].append(entry)
        self.lookup.cache_clear()
        self.lookup_loose.cache_clear()
        self._keys = None
        return entry

    def country(self, iso2: str) -> Entry | None:
        """The country entry (feature PCL*) for an ISO 3166-1 alpha-2 code."""
        if self._countries is None:
            self._countries = self._largest_by_country("feature LIKE 'PCL%'")
        return self._countries.get(iso2.upper())

    def capital(self, iso2: str) -> Entry | None:
        """The country's capital (feature PPLC), the most populous where GeoNames lists several."""
        if self._capitals is None:
            self._capitals = self._largest_by_country("feature = 'PPLC'")
        return self._capitals.get(iso2.upper())

    def division(self, country: str | None, admin1: str | None) -> Entry | None:
        """The first-level division a place's ``admin1`` names in its ``country`` ("Benue", NG),
        where the gazetteer holds one."""
        if not admin1:
            return None
        return next((e for e in self.find(admin1)[0] if e.feature == "ADM1" and e.country == country), None)

    def _largest_by_country(self, where: str) -> dict[str, Entry]:
        """The most populous entry of each country among those ``where`` selects, in one scan of
        the table (a query per code scans it each time: ~15 ms)."""
        with self._lock:
            rows: list[PlaceRow] = self._con.execute(
                "SELECT id, geonameid, name, lat, lon, country, admin1, admin2, feature, population, source "
                f"FROM places WHERE {where} ORDER BY population DESC"  # ``where`` is ours, never input
            ).fetchall()
        out: dict[str, Entry] = {}
        for row in rows:
            if row[5] is not None:
                out.setdefault(row[5], Entry(*row, True))
        return out

    def stats(self) -> dict[str, int]:
        """Row counts of the file (places, names) and the number of analyst overrides."""
        with self._lock:
            places = self._con.execute("SELECT COUNT(*) FROM places").fetchone()[0]
            names = self._con.execute("SELECT COUNT(*) FROM names").fetchone()[0]
        return {"places": places, "names": names, "overrides": len({e.id for v in self._overrides.values() for e in v})}

    def stats_by_country(self) -> list[CountryStats]:
        """What the file holds per country (places, settlements, divisions, imported rows),
        most places first; rows without a country (continents, regions) come under ``None``."""
        with self._lock:
            rows = self._con.execute(
                "SELECT country, COUNT(*), SUM(feature LIKE 'PPL%'), SUM(feature LIKE 'ADM%'), "
                "SUM(source LIKE 'import:%'), SUM(source LIKE 'curated%') "
                "FROM places GROUP BY country ORDER BY COUNT(*) DESC, country"
            ).fetchall()
        return [CountryStats(*row) for row in rows]

    def close(self) -> None:
        """Close the underlying SQLite connection."""
        self._con.close()


_SHARED: dict[Path, Gazetteer] = {}
_SHARED_LOCK = threading.Lock()


def get_gazetteer(path: Path | str | None = None) -> Gazetteer:
    """The process-wide gazetteer for ``path`` (default: :func:`default_path`)."""
    key = Path(path) if path is not None else default_path()
    with _SHARED_LOCK:
        if key not in _SHARED:
            _SHARED[key] = Gazetteer(key)
        return _SHARED[key]


def reset_shared() -> None:
    """Forget process-wide gazetteers (after an import changed the file)."""
    with _SHARED_LOCK:
        for gaz in _SHARED.values():
            gaz.close()
        _SHARED.clear()


def release_shared() -> None:
    """Forget the process-wide gazetteers and their caches without closing them (a thread still
    reading one keeps it until done); the next ``get_gazetteer`` opens the file again."""
    with _SHARED_LOCK:
        _SHARED.clear()
