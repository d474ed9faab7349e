"""Checking what an analyst sends to correct a claim or an incident, or to add a missed claim.

Shared by the pages, the API and the CLI: each check returns the values to store (JSON) or
raises ``HTTPException(400)`` with a message naming the field and what it accepts.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from fastapi import HTTPException

from harmledger.incidents import (
    CLAIM_FIELDS,
    FIGURE_FIELDS,
    INCIDENT_FIELDS,
    correct_claim,
    correct_incident,
    corrected_count,
    qualifier_for,
)
from harmledger.records import OUTCOMES, Claim, DateRef, Document, Incident, PlaceRef, Source, Span

QUALIFIERS: tuple[str, ...] = ("exact", "at_least", "more_than", "up_to", "approximately", "range", "vague")
VICTIM_TYPES: tuple[str, ...] = ("civilians", "combatants", "people")
MAX_TEXT = 200
MAX_FIGURE = 10_000_000  # more than any single incident; a typo guard, not a belief about wars


def _bad(message: str) -> HTTPException:
    return HTTPException(400, message)


def _figure(name: str, value: Any) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = int(str(value).strip())
    except ValueError:
        raise _bad(f"{name} {value!r} is not a whole number; give a figure such as 9, or leave it empty") from None
    if not 0 <= number <= MAX_FIGURE:
        raise _bad(f"{name} {number} is out of range; a figure is between 0 and {MAX_FIGURE:,}")
    return number


def _text(name: str, value: Any) -> str | None:
    text = " ".join(str(value or "").split())
    if len(text) > MAX_TEXT:
        raise _bad(f"{name} holds at most {MAX_TEXT} characters, this one has {len(text)}")
    return text or None


def _choice(name: str, value: Any, allowed: tuple[str, ...]) -> str:
    text = str(value or "").strip()
    if text not in allowed:
        raise _bad(f"{name} {text!r} is not one of {', '.join(allowed)}")
    return text


def _day(value: Any) -> str | None:
    text = str(value or "").strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise _bad(f"date {text!r} is not a date; use YYYY-MM-DD, e.g. 2024-03-05") from None


def _place(value: Any) -> dict[str, Any] | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        value = {"name": value}
    if not isinstance(value, Mapping):
        raise _bad('place must be a name or {"name", "lat", "lon", "country"}')
    name = _text("place name", value.get("name"))
    if not name:
        raise _bad("a place needs a name")
    lat: Any = value.get("lat")  # JSON: anything a client sent
    lon: Any = value.get("lon")
    if (lat in (None, "")) != (lon in (None, "")):
        raise _bad("give both lat and lon, or neither")
    out: dict[str, Any] = {
        "name": name,
        "lat": None,
        "lon": None,
        "country": (_text("country", value.get("country")) or "").upper() or None,
    }
    if lat not in (None, ""):
        try:
            out["lat"], out["lon"] = float(lat), float(lon)
        except (TypeError, ValueError):
            raise _bad(f"lat {lat!r} / lon {lon!r} are not numbers") from None
        if not (-90 <= out["lat"] <= 90 and -180 <= out["lon"] <= 180):
            raise _bad(f"lat {out['lat']} / lon {out['lon']} are not on the globe")
    if out["country"] and len(out["country"]) != 2:
        raise _bad(f"country {out['country']!r} is not an ISO 3166-1 alpha-2 code such as SY")
    return out


def check_figure(values: Mapping[str, Any]) -> dict[str, Any]:
    """low / best / high / qualifier, as a whole: consistent, and with at least one number."""
    low, best, high = (_figure(n, values.get(n)) for n in ("low", "best", "high"))
    if low is None and best is None and high is None:
        raise _bad("a corrected figure needs low, best or high; to drop the claim, reject it")
    qualifier = _choice("qualifier", values.get("qualifier"), QUALIFIERS) if values.get("qualifier") else None
    if low is not None and high is not None and low > high:
        raise _bad(f"low {low} is above high {high}")
    if best is not None and not (low or 0) <= best <= (high if high is not None else best):
        raise _bad(f"best {best} is outside low {low} – high {high}")
    if qualifier == "range" and (low is None or high is None or low == high):
        raise _bad("a range needs a low and a higher high")
    # Stored explicitly, so the audit log says what the figure means ("9" alone is exact).
    return {"low": low, "best": best, "high": high, "qualifier": qualifier or qualifier_for(low, best, high)}


def check_claim_values(values: Mapping[str, Any]) -> dict[str, Any]:
    """The claim fields an analyst set (only the keys given), checked."""
    unknown = set(values) - set(CLAIM_FIELDS)
    if unknown:
        raise _bad(f"cannot correct {', '.join(sorted(unknown))} on a claim; choose from {', '.join(CLAIM_FIELDS)}")
    if not values:
        raise _bad(f"nothing to correct; set one of {', '.join(CLAIM_FIELDS)}")
    out: dict[str, Any] = {}
    if FIGURE_FIELDS & set(values):
        out.update(check_figure(values))
    if "outcome" in values:
        out["outcome"] = _choice("outcome", values["outcome"], OUTCOMES)
    if "victims" in values:
        out["victims"] = _choice("victims", values["victims"], VICTIM_TYPES)
    if "source" in values:
        out["source"] = _text("source", values["source"])
    if "date" in values:
        out["date"] = _day(values["date"])
    if "place" in values:
        out["place"] = _place(values["place"])
    return out


def check_incident_values(values: Mapping[str, Any]) -> dict[str, Any]:
    """The incident fields an analyst set, checked (an empty value clears the field)."""
    unknown = set(values) - set(INCIDENT_FIELDS)
    if unknown:
        raise _bad(
            f"cannot correct {', '.join(sorted(unknown))} on an incident; choose from {', '.join(INCIDENT_FIELDS)}"
        )
    if not values:
        raise _bad(f"nothing to correct; set one of {', '.join(INCIDENT_FIELDS)}")
    out: dict[str, Any] = {}
    if "place" in values:
        out["place"] = _place(values["place"])
    if "date" in values:
        out["date"] = _day(values["date"])
    for name in ("perpetrator", "event_type"):
        if name in values:
            out[name] = _text(name.replace("_", " "), values[name])
    if "victims" in values:
        out["victims"] = _choice("victims", values["victims"], VICTIM_TYPES) if values["victims"] else None
    return out


def claim_reading(claim: Claim) -> dict[str, Any]:
    """The correctable fields of a claim as JSON (the before/after of the audit log)."""
    count = claim.count
    place = claim.place
    return {
        "low": count.low if count else None,
        "best": count.best if count else None,
        "high": count.high if count else None,
        "qualifier": count.qualifier if count else None,
        "outcome": claim.outcome,
        "victims": claim.victims,
        "source": claim.source.name if claim.source else None,
        "date": claim.date.start.isoformat() if claim.date and claim.date.start else None,
        "place": {"name": place.name or place.text, "lat": place.lat, "lon": place.lon, "country": place.country}
        if place
        else None,
    }


def incident_reading(incident: Incident) -> dict[str, Any]:
    place = incident.place
    return {
        "place": {"name": place.name or place.text, "lat": place.lat, "lon": place.lon, "country": place.country}
        if place
        else None,
        "date": incident.date_start.isoformat() if incident.date_start else None,
        "perpetrator": incident.perpetrator,
        "event_type": incident.event_type,
        "victims": incident.victims,
    }


def before_after(reading: Mapping[str, Any], values: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Of a reading, the fields ``values`` sets (before) and the reading with them set (after)."""
    keys = set(values) | (FIGURE_FIELDS if FIGURE_FIELDS & set(values) else set())
    before = {k: reading.get(k) for k in sorted(keys)}
    return before, {k: values.get(k) for k in sorted(keys)}


def applied_to_claim(claim: Claim, values: Mapping[str, Any], by: str) -> Claim:
    """The claim with ``values`` applied, as reconciliation will see it."""
    from harmledger.incidents import Correction

    return correct_claim(claim, Correction(values, {k: by for k in values}))


def applied_to_incident(incident: Incident, values: Mapping[str, Any], by: str) -> Incident:
    from harmledger.incidents import Correction

    return correct_incident(incident, Correction(values, {k: by for k in values}))


def new_claim(doc: Document, span: Span, values: Mapping[str, Any], *, by: str, like: Incident | None = None) -> Claim:
    """A casualty claim an analyst adds on ``span`` of ``doc``.

    Beside an incident (``like``), it takes that incident's place, date, perpetrator and event
    unless the analyst set them, so reconciliation links it to the same incident on every run.
    """
    figure = check_figure(values)
    outcome = _choice("outcome", values.get("outcome") or "killed", OUTCOMES)
    victims = _choice("victims", values.get("victims") or "people", VICTIM_TYPES)
    source = _text("source", values.get("source"))
    place = _place(values.get("place")) if values.get("place") else None
    day = _day(values.get("date"))
    claim = Claim(
        id=Claim.make_id(doc.id, span, "casualty", outcome),
        document_id=doc.id,
        kind="casualty",
        outcome=outcome,  # type: ignore[arg-type]
        count=corrected_count(figure, None),
        victims=victims,  # type: ignore[arg-type]
        span=span,
        sentence=span,
        quote=span.slice(doc.text),
        source=Source(source, kind=None) if source else None,
        scope="incident",
        extractor=f"analyst:{by}",
    )
    if like is not None:
        claim = _like(claim, like, by)
    if place is not None:
        claim = applied_to_claim(claim, {"place": place}, by)
    if day is not None:
        claim = applied_to_claim(claim, {"date": day}, by)
    return claim


def _like(claim: Claim, incident: Incident, by: str) -> Claim:
    from dataclasses import replace

    place = incident.place
    day = incident.date_start
    return replace(
        claim,
        perpetrator=incident.perpetrator,
        event_type=incident.event_type,
        place=PlaceRef(**{**_fields(place), "span": None, "reason": f"the incident's place, set by {by}"})
        if place
        else None,
        date=DateRef(
            text=day.isoformat(),
            start=day,
            end=incident.date_end or day,
            precision=incident.date_precision or "day",
            reason=f"the incident's date, set by {by}",
        )
        if day
        else None,
    )


def _fields(place: PlaceRef) -> dict[str, Any]:
    return {name: getattr(place, name) for name in PlaceRef.__dataclass_fields__}
