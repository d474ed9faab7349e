"""Read-side queries the pages and the API share: filters, map points, timeline and totals.

The incident list goes through ``Ledger.incidents``; the map, timeline and aggregates read the
indexed copy columns of the ``incidents`` table directly (SQLAlchemy Core, bound parameters) so
they stay fast with 100,000 incidents and never decode each incident's JSON.
"""

from __future__ import annotations

import base64
import json
from datetime import date
from typing import Any

import sqlalchemy as sa
from fastapi import HTTPException, Query

from harmledger.records import GRADES, Incident
from harmledger.store import IncidentFilters, Ledger, codec, incident_order
from harmledger.store.schema import DEATHS_ORDER as SCHEMA_DEATHS_ORDER
from harmledger.store.schema import documents, incidents

SORTS: tuple[str, ...] = ("-deaths", "deaths", "-date", "date", "grade", "-grade", "place", "-place")
VICTIMS: tuple[str, ...] = ("civilians", "combatants", "people")
GROUPINGS: dict[str, Any] = {
    "country": incidents.c.country,
    "perpetrator": incidents.c.perpetrator,
    "event_type": incidents.c.event_type,
    "grade": incidents.c.grade,
    "victims": incidents.c.victims,
    # ISO dates sort and cut the same way as text on SQLite and PostgreSQL.
    "month": sa.func.substr(sa.cast(incidents.c.date_start, sa.String), 1, 7),
    "year": sa.func.substr(sa.cast(incidents.c.date_start, sa.String), 1, 4),
}
DEATHS = sa.func.coalesce(incidents.c.deaths_best, incidents.c.deaths_low, incidents.c.deaths_high)
# The order `Ledger.incidents(sort="-deaths")` uses (best, else low), so one index serves both.
DEATHS_ORDER = SCHEMA_DEATHS_ORDER
MAX_PAGE = 500
MAX_MAP_POINTS = 20_000


def page_of_incidents(
    ledger: Ledger,
    filters: IncidentFilters,
    *,
    kind: str = "incident",
    sort: str = "-deaths",
    limit: int = 50,
    offset: int = 0,
) -> list[Incident]:
    """One page of incidents, in the order and with the filters of ``Ledger.incidents``.

    The sort and offset run over ids only and the JSON is read for the page's rows alone, so a
    deep page does not drag every skipped row's JSON through the sorter.
    """
    page = (
        sa.select(incidents.c.id)
        .where(incidents.c.kind == kind, *filters.conditions())
        .order_by(incident_order(sort), incidents.c.id)
        .offset(offset)
        .limit(limit)
    )
    with ledger.reading() as conn:
        ids = [row.id for row in conn.execute(page)]
        if not ids:
            return []
        data = {
            row.id: row.data
            for row in conn.execute(sa.select(incidents.c.id, incidents.c.data).where(incidents.c.id.in_(ids)))
        }
    return [codec.incident_from_json(data[i]) for i in ids if i in data]


def tolls_beside(ledger: Ledger, incident_id: str) -> list[Incident]:
    """The cumulative tolls (aggregates) reconciliation placed beside ``incident_id``."""
    related = incidents.c.data["related_incident_id"].as_string()
    query = sa.select(incidents.c.data).where(incidents.c.kind == "aggregate", related == incident_id)
    with ledger.reading() as conn:
        return [codec.incident_from_json(row.data) for row in conn.execute(query.order_by(incidents.c.id))]


def _blank(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def _date(name: str, value: str | None) -> date | None:
    value = _blank(value)
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise HTTPException(400, f"{name} {value!r} is not a date; use YYYY-MM-DD, e.g. 2016-07-19") from None


def _choice(name: str, value: str | None, allowed: tuple[str, ...]) -> str | None:
    value = _blank(value)
    if value is not None and value not in allowed:
        raise HTTPException(400, f"{name} {value!r} is not one of {', '.join(allowed)}")
    return value


def incident_filters(
    country: str | None = Query(None, description="ISO 3166-1 alpha-2 code, e.g. SY"),
    place: str | None = Query(None, description="place name contains this text"),
    perpetrator: str | None = Query(None, description="perpetrator contains this text"),
    event_type: str | None = Query(None, description="event type, e.g. airstrike"),
    grade: str | None = Query(None, description=f"one of {', '.join(GRADES)}"),
    victims: str | None = Query(None, description=f"one of {', '.join(VICTIMS)}"),
    date_from: str | None = Query(None, description="incidents on or after this day (YYYY-MM-DD)"),
    date_to: str | None = Query(None, description="incidents on or before this day (YYYY-MM-DD)"),
) -> IncidentFilters:
    """Parse the filter query parameters (empty form fields mean no filter)."""
    return IncidentFilters(
        country=_blank(country),
        place=_blank(place),
        perpetrator=_blank(perpetrator),
        event_type=_blank(event_type),
        grade=_choice("grade", grade, GRADES),
        victims=_choice("victims", victims, VICTIMS),
        date_from=_date("date_from", date_from),
        date_to=_date("date_to", date_to),
    )


def check_sort(sort: str | None) -> str:
    return _choice("sort", sort, SORTS) or "-deaths"


def encode_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(json.dumps({"o": offset}).encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> int:
    """The offset a ``next`` cursor stands for (400 for a cursor we did not hand out)."""
    if not cursor:
        return 0
    try:
        data = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        offset = int(data["o"])
    except (ValueError, KeyError, TypeError):
        raise HTTPException(400, f"cursor {cursor!r} is not one this API returned; start again without it") from None
    if not 0 <= offset <= MAX_OFFSET:
        raise HTTPException(400, f"cursor {cursor!r} is not one this API returned; start again without it")
    return offset


MAX_OFFSET = 2**53  # a forged cursor past SQLite's integers was a 500


# The columns of the compact map data, in the order of each row (``/api/map?format=compact``).
MAP_COLUMNS = (
    "id",
    "lon",
    "lat",
    "place",
    "country",
    "date",
    "event_type",
    "grade",
    "deaths_low",
    "deaths",
    "deaths_high",
)


def map_features(
    ledger: Ledger, filters: IncidentFilters, limit: int = 5000, *, compact: bool = False
) -> dict[str, Any]:
    """Incidents with coordinates, most deaths first: a GeoJSON FeatureCollection, or with ``compact``
    one list per incident in the order of ``columns`` (a third of the bytes, and no dict per point)."""
    limit = max(1, min(limit, MAX_MAP_POINTS))
    deaths = DEATHS.label("deaths")
    cols = (
        incidents.c.id,
        incidents.c.lon,
        incidents.c.lat,
        incidents.c.place_name,
        incidents.c.country,
        sa.cast(incidents.c.date_start, sa.String).label("date"),
        incidents.c.event_type,
        incidents.c.grade,
        incidents.c.deaths_low,
        deaths,
        incidents.c.deaths_high,
    )
    base = [incidents.c.kind == "incident", *filters.conditions()]
    where = [*base, incidents.c.lat.is_not(None), incidents.c.lon.is_not(None)]
    with ledger.reading() as conn:
        rows = conn.execute(
            sa.select(*cols).where(*where).order_by(DEATHS_ORDER.desc(), incidents.c.id).limit(limit)
        ).all()
        # One pass counts both: every match, and those with coordinates.
        total, located = conn.execute(
            sa.select(sa.func.count(), sa.func.count(incidents.c.lat)).select_from(incidents).where(*base)
        ).one()
    counts = {"total": total, "located": located, "truncated": located > len(rows)}
    if compact:
        return {"columns": list(MAP_COLUMNS), "rows": [list(r) for r in rows], **counts}
    # Plain tuples, no per-row ORM work: this loop is most of the cost for thousands of points.
    features = [
        {
            "type": "Feature",
            "id": i,
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": {
                "id": i,
                "place": place,
                "country": country,
                "date": day,
                "event_type": event,
                "grade": grade,
                "deaths_low": low,
                "deaths": best,
                "deaths_high": high,
            },
        }
        for i, lon, lat, place, country, day, event, grade, low, best, high in map(tuple, rows)
    ]
    return {"type": "FeatureCollection", "features": features, **counts}


def aggregate(ledger: Ledger, by: str, filters: IncidentFilters, kind: str = "incident") -> list[dict[str, Any]]:
    """Incidents and deaths (sums of low, best-or-low, high) grouped by ``by``."""
    if by not in GROUPINGS:
        raise HTTPException(400, f"cannot group by {by!r}; choose one of {', '.join(GROUPINGS)}")
    key = GROUPINGS[by].label("key")
    query = (
        sa.select(
            key,
            sa.func.count().label("incidents"),
            sa.func.sum(incidents.c.deaths_low).label("deaths_low"),
            sa.func.sum(DEATHS).label("deaths"),
            sa.func.sum(incidents.c.deaths_high).label("deaths_high"),
            sa.func.sum(sa.func.coalesce(incidents.c.injured_best, incidents.c.injured_low)).label("injured"),
        )
        .where(incidents.c.kind == kind, *filters.conditions())
        .group_by(key)
    )
    query = query.order_by(key) if by in ("month", "year") else query.order_by(sa.desc("deaths"), key)
    with ledger.reading() as conn:
        return [
            {k: (int(v) if isinstance(v, (int, float)) and k != "key" else v) for k, v in r._mapping.items()}
            for r in conn.execute(query)
        ]


def document_meta(ledger: Ledger, ids: list[str]) -> dict[str, dict[str, Any]]:
    """Title, outlet, url, publication date and text of the given documents (no original bytes)."""
    if not ids:
        return {}
    query = sa.select(
        documents.c.id,
        documents.c.title,
        documents.c.outlet,
        documents.c.url,
        documents.c.origin,
        documents.c.published,
        documents.c.text,
    ).where(documents.c.id.in_(ids))
    with ledger.reading() as conn:
        return {r.id: dict(r._mapping) for r in conn.execute(query)}


def document_list(ledger: Ledger, offset: int, limit: int) -> list[dict[str, Any]]:
    query = (
        sa.select(
            documents.c.id,
            documents.c.title,
            documents.c.outlet,
            documents.c.url,
            documents.c.origin,
            documents.c.published,
            documents.c.genre,
            documents.c.language,
        )
        .order_by(documents.c.ingested_at, documents.c.id)
        .offset(offset)
        .limit(limit)
    )
    with ledger.reading() as conn:
        rows = [dict(r._mapping) for r in conn.execute(query)]
    for row in rows:
        row["published"] = row["published"].isoformat() if row["published"] else None
    return rows
