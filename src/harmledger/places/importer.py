"""`harmledger gazetteer import FILE`: load a GeoNames dump or a CSV of places into the gazetteer."""

from __future__ import annotations

import csv
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from harmledger.errors import GazetteerError, UnreadableInput
from harmledger.places.build import Row
from harmledger.places.gazetteer import default_path, get_gazetteer, reset_shared
from harmledger.places.index import write_index
from harmledger.places.normalise import is_latin, strict_key

GEONAMES_COLUMNS = 19
# GeoNames feature classes worth a place lookup: A admin divisions, P populated places,
# L areas/regions, T mountains/hills, H water bodies (wadis, lakes), S spots (camps, airports).
KEEP_CLASSES = frozenset("APLTHS")
BATCH = 20_000


def _geonames_rows(path: Path) -> Iterator[Row]:
    """Rows of a GeoNames dump (``SY.txt``, ``allCountries.txt``: 19 tab-separated columns)."""
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, start=1):
            cols = line.rstrip("\n").split("\t")
            if len(cols) != GEONAMES_COLUMNS:
                raise GazetteerError(
                    f"{path}:{lineno}: expected {GEONAMES_COLUMNS} tab-separated GeoNames columns, found {len(cols)}"
                )
            if cols[6] not in KEEP_CLASSES:
                continue
            feature = cols[7] or cols[6]
            if cols[6] == "L" and feature != "CONT":
                feature = "RGN"
            elif feature.startswith("PCL"):
                feature = "PCLI"
            elif feature.startswith("PPL"):
                feature = "PPLC" if feature == "PPLC" else "PPL"
            cc = cols[8] or None
            alternates = {a for a in cols[3].split(",") if a and is_latin(a) and len(a) >= 3}
            try:
                row = Row(
                    name=cols[1],
                    lat=float(cols[4]),
                    lon=float(cols[5]),
                    country=cc,
                    feature=feature,
                    source=f"import:{path.name}",
                    geonameid=int(cols[0]),
                    admin1=f"{cc}.{cols[10]}" if cc and cols[10] else None,
                    admin2=cols[11] or None,
                    population=int(cols[14] or 0),
                    names={cols[1], cols[2], *alternates},
                )
            except ValueError as exc:
                raise GazetteerError(f"{path}:{lineno}: bad GeoNames number ({exc})") from exc
            yield row


def _csv_rows(path: Path) -> Iterator[Row]:
    """Rows of a CSV with a header: name, lat, lon, country[, aliases, admin1, feature]."""
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(line for line in fh if not line.startswith("#"))
        missing = {"name", "lat", "lon", "country"} - set(reader.fieldnames or ())
        if missing:
            raise GazetteerError(
                f"{path}: CSV header lacks {', '.join(sorted(missing))} "
                "(need name, lat, lon, country[, aliases, admin1, feature])"
            )
        for lineno, rec in enumerate(reader, start=2):
            try:
                lat, lon = float(rec["lat"]), float(rec["lon"])
            except ValueError as exc:
                raise GazetteerError(f"{path}:{lineno}: bad coordinates ({exc})") from exc
            aliases = {a.strip() for a in (rec.get("aliases") or "").split("|") if a.strip()}
            yield Row(
                name=rec["name"].strip(),
                lat=lat,
                lon=lon,
                country=(rec.get("country") or "").strip().upper() or None,
                feature=(rec.get("feature") or "PPL").strip(),
                source=f"import:{path.name}",
                admin1=(rec.get("admin1") or "").strip() or None,
                names={rec["name"], *aliases},
            )


def _is_geonames(path: Path) -> bool:
    with open(path, encoding="utf-8") as fh:
        first = fh.readline()
    return first.count("\t") == GEONAMES_COLUMNS - 1


def import_places(path: str | Path, gazetteer_path: str | Path | None = None) -> int:
    """Add the places in ``path`` to the gazetteer file; returns how many were added.

    A GeoNames row replaces a stored place with the same geonameid; CSV rows are added.
    """
    path = Path(path)
    if not path.is_file():
        raise UnreadableInput(str(path), "no such file to import into the gazetteer")
    target = Path(gazetteer_path) if gazetteer_path is not None else default_path()
    if not target.exists():
        get_gazetteer(target)  # builds the shipped gazetteer first
    rows = _geonames_rows(path) if _is_geonames(path) else _csv_rows(path)
    reset_shared()
    con = sqlite3.connect(target)
    try:
        next_id = (con.execute("SELECT COALESCE(MAX(id), 0) FROM places").fetchone()[0]) + 1
        count = 0
        batch_places: list[tuple[object, ...]] = []
        batch_names: list[tuple[str, int, int]] = []
        for row in rows:
            if row.geonameid is not None:
                old = [r[0] for r in con.execute("SELECT id FROM places WHERE geonameid = ?", (row.geonameid,))]
                for pid in old:
                    con.execute("DELETE FROM names WHERE place_id = ?", (pid,))
                    con.execute("DELETE FROM places WHERE id = ?", (pid,))
            batch_places.append(
                (
                    next_id,
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
                )
            )
            primary = strict_key(row.name)
            batch_names.extend((k, next_id, int(k == primary)) for k in {strict_key(n) for n in row.names} if k)
            next_id += 1
            count += 1
            if len(batch_places) >= BATCH:
                _flush(con, batch_places, batch_names)
        _flush(con, batch_places, batch_names)
        write_index(con)
        con.commit()
    finally:
        con.close()
    return count


def _flush(con: sqlite3.Connection, places: list[tuple[object, ...]], names: list[tuple[str, int, int]]) -> None:
    con.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)", places)
    con.executemany("INSERT INTO names VALUES (?,?,?)", names)
    places.clear()
    names.clear()
