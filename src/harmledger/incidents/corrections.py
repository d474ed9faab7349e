"""Analysts' corrections, replayed on every reconciliation.

A correction never edits a stored claim or incident: the machine's reading stays in the ledger
and the correction is a decision laid over it each time incidents are derived. Claim fixes are
applied before ``reconcile`` (so a corrected figure, place or date changes what links and what
counts); incident fixes after it (they set what the analyst saw, whatever the claims say).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from harmledger.incidents.decisions import FIGURE_FIELDS, Correction
from harmledger.records import Claim, Count, DateRef, Incident, PlaceRef, Qualifier, Source


def qualifier_for(low: int | None, best: int | None, high: int | None) -> Qualifier:
    """The qualifier a figure implies when the analyst gives none ("at least" for a floor alone)."""
    if low is not None and high is not None and low != high:
        return "range"
    if low is not None and high is None and best is None:
        return "at_least"
    if high is not None and low is None and best is None:
        return "up_to"
    return "exact"


def corrected_count(values: Mapping[str, Any], old: Count | None) -> Count:
    """The count an analyst set; an exact figure given as one number fills low, best and high."""
    low, best, high = values.get("low"), values.get("best"), values.get("high")
    qualifier: Qualifier = values.get("qualifier") or qualifier_for(low, best, high)
    if qualifier == "exact":
        point = best if best is not None else low if low is not None else high
        low = low if low is not None else point
        high = high if high is not None else point
        best = point
    return Count(
        low=low, high=high, best=best, qualifier=qualifier, vague=False, text=old.text if old is not None else ""
    )


def place_ref(value: Mapping[str, Any] | None, by: str) -> PlaceRef | None:
    """A place an analyst named (with coordinates when given) as a resolved or unresolved mention."""
    if not value:
        return None
    name = str(value.get("name") or "")
    lat, lon = value.get("lat"), value.get("lon")
    located = lat is not None and lon is not None
    return PlaceRef(
        text=name,
        name=name,
        lat=lat,
        lon=lon,
        country=value.get("country"),
        admin1=value.get("admin1"),
        precision=1 if located else None,
        reason=f"set by {by}",
    )


def date_ref(value: str | None, by: str) -> DateRef | None:
    if not value:
        return None
    day = date.fromisoformat(value)
    return DateRef(text=value, start=day, end=day, precision="day", reason=f"set by {by}")


def correct_claim(claim: Claim, fix: Correction) -> Claim:
    """``claim`` as the analyst corrected it; a corrected figure counts even if the text hedged it."""
    values = fix.values
    changes: dict[str, Any] = {}
    if FIGURE_FIELDS & set(values):
        changes.update(count=corrected_count(values, claim.count), hedged=False, negated=False)
    for name in ("outcome", "victims"):
        if name in values:
            changes[name] = values[name]
    if "source" in values:
        name = values["source"]
        old = claim.source
        changes["source"] = (
            None
            if not name
            else Source(
                name=name,
                stance=old.stance if old else "reported",
                kind=old.kind if old is not None and old.name == name else None,
            )
        )
    if "place" in values:
        changes["place"] = place_ref(values["place"], fix.by["place"])
    if "date" in values:
        changes["date"] = date_ref(values["date"], fix.by["date"])
    return replace(claim, **changes)


def correct_claims(claims: Sequence[Claim], fixes: Mapping[str, Correction]) -> list[Claim]:
    """Every claim, with the analysts' corrections applied to those they corrected."""
    return [correct_claim(c, fixes[c.id]) if c.id in fixes else c for c in claims]


def correct_incident(incident: Incident, fix: Correction) -> Incident:
    """``incident`` with the fields an analyst set, each named in its explanation."""
    values = fix.values
    changes: dict[str, Any] = {}
    lines = []
    if "place" in values:
        changes["place"] = place_ref(values["place"], fix.by["place"])
        lines.append(f"place set to {(values['place'] or {}).get('name') or 'none'} by {fix.by['place']}")
    if "date" in values:
        day = date.fromisoformat(values["date"]) if values["date"] else None
        changes.update(date_start=day, date_end=day, date_precision="day" if day else None)
        lines.append(f"date set to {values['date'] or 'none'} by {fix.by['date']}")
    for name in ("perpetrator", "event_type", "victims"):
        if name in values:
            changes[name] = values[name] or None
            lines.append(f"{name.replace('_', ' ')} set to {values[name] or 'none'} by {fix.by[name]}")
    return replace(incident, **changes, explanation=incident.explanation + tuple(lines))


def correct_incidents(incidents: Sequence[Incident], fixes: Mapping[str, Correction]) -> list[Incident]:
    return [correct_incident(i, fixes[i.id]) if i.id in fixes else i for i in incidents]
