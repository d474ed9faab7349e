"""Ranked gazetteer candidates for an analyst's place string ("Al-Fatih, Jableh District")."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from harmledger.places.gazetteer import Entry, Gazetteer, get_gazetteer
from harmledger.places.geo import BEARINGS, haversine_km
from harmledger.places.normalise import loose_key
from harmledger.places.resolve import Scored, precision_of, score_candidates
from harmledger.places.vocab import PLACE_HEADS
from harmledger.records import WHERE_PREC_ADM1, WHERE_PREC_ADM2, WHERE_PREC_EXACT, WHERE_PREC_NEAR

_BEARING_WORDS = "|".join(sorted((re.escape(k) for k in BEARINGS), key=len, reverse=True))
_PREFIX_RE = re.compile(
    rf"^(?:(?:the|a)\s+)?(?:(?P<dir>{_BEARING_WORDS})\s+(?:of\s+)?)?(?:(?P<kind>countryside|outskirts|"
    r"suburbs|vicinity|province|governorate|district|region|city|town|village|area|"
    r"neighbou?rhood)\s+(?:of\s+)?)?(?:(?P<near>near|outside(?: of)?|around|close to)\s+)?"
    r"(?:(?:the\s+)?(?:city|town|village|province)\s+of\s+)?",
    re.IGNORECASE,
)
_HEAD_RE = re.compile(r"\s+(?P<head>" + "|".join(PLACE_HEADS) + r")$", re.IGNORECASE)
AREA_KM = 150.0
_PREFER_PRECISION = {"ADM": WHERE_PREC_ADM1, "STATE": WHERE_PREC_ADM1, "ADM2": WHERE_PREC_ADM2}


@dataclass(frozen=True, slots=True)
class Candidate:
    """One ranked answer for a place query."""

    name: str
    lat: float
    lon: float
    precision: int
    country: str | None
    admin1: str | None
    score: float
    why: tuple[str, ...] = ()
    admin2: str | None = None
    feature: str | None = None
    geonameid: int | None = None
    bearing: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The JSON shape the CLI prints: name, lat, lon, precision, country, admin1, score, why."""
        return {
            "name": self.name,
            "lat": self.lat,
            "lon": self.lon,
            "precision": self.precision,
            "country": self.country,
            "admin1": self.admin1,
            "score": self.score,
            "why": list(self.why),
        }


@dataclass(slots=True)
class Query:
    """A place string taken apart: the core name, its modifiers and the context parts."""

    core: str
    context: list[str] = field(default_factory=list)
    bearing: str | None = None
    near: bool = False
    prefer: str = ""


def parse_query(text: str) -> Query:
    """Split "southern countryside of Aleppo" / "Al-Fatih, Jableh District" into its parts."""
    parts = [p.strip() for p in re.split(r"[,;]", text) if p.strip()]
    if not parts:
        return Query(core="")
    first = parts[0]
    q = Query(core=first, context=parts[1:])
    m = _PREFIX_RE.match(first)
    if m and m.end() < len(first):
        q.core = first[m.end() :].strip()
        if m.group("dir"):
            q.bearing = BEARINGS.get(m.group("dir").lower())
            q.near = True
        kind = (m.group("kind") or "").lower()
        if kind in PLACE_HEADS and PLACE_HEADS[kind] != "NEAR":
            q.prefer = PLACE_HEADS[kind]
        if kind in ("countryside", "outskirts", "suburbs", "vicinity", "area") or m.group("near"):
            q.near = True
    head = _HEAD_RE.search(q.core)
    if head and head.start() > 0:
        kind = PLACE_HEADS[head.group("head").lower()]
        q.near = q.near or kind == "NEAR"
        q.prefer = q.prefer or ("" if kind == "NEAR" else kind)
    return q


def _lookup(gaz: Gazetteer, name: str) -> tuple[tuple[Entry, ...], str]:
    """Exact or loose matches; a trailing place noun is dropped if the full name is unknown."""
    found, how = gaz.find(name)
    if not found:
        head = _HEAD_RE.search(name)
        if head and head.start() > 0:
            found, how = gaz.find(name[: head.start()])
    return found, how


def _fuzzy(gaz: Gazetteer, name: str) -> tuple[tuple[Entry, ...], str]:
    hits = gaz.fuzzy(name, limit=5)
    found = tuple(e for key, _ in hits for e in gaz.by_key(key))
    return found, "fuzzy" if found else ""


def _context_bonus(scored: list[Scored], context: list[str]) -> list[Scored]:
    """Candidates whose admin1/admin2/country matches a context part ("Jableh District") rise."""
    keys = {loose_key(_HEAD_RE.sub("", c)) for c in context}
    for s in scored:
        e = s.entry
        for label in (e.admin1, e.admin2):
            if label and loose_key(_HEAD_RE.sub("", label)) in keys:
                s.score += 3.0
                s.why = (*s.why, f"in {label} as the query says")
                break
    scored.sort(key=lambda s: -s.score)
    return scored


def geocode_query(
    text: str, country: str | None = None, limit: int = 10, gazetteer: Gazetteer | None = None
) -> list[Candidate]:
    """Ranked candidates for a place string, best first; empty when nothing matches."""
    gaz = gazetteer or get_gazetteer()
    q = parse_query(text)
    if not q.core:
        return []
    context_entries: list[Entry] = []
    for part in q.context:
        hits, _ = _lookup(gaz, part)
        context_entries.extend(hits[:20])
    whole = text.split(",")[0].split(";")[0].strip()
    found, how = gaz.find(whole)
    if found and whole != q.core:
        # The string is itself a name ("Northern Ireland", "Eastern Ghouta"): no modifiers.
        q = Query(core=whole, context=q.context)
    else:
        found, how = _lookup(gaz, q.core)
    if country:
        # The analyst named the country: candidates elsewhere are not answers.
        found = tuple(e for e in found if e.country == country.upper())
    if not found:
        found, how = _fuzzy(gaz, q.core)
        if country:
            found = tuple(e for e in found if e.country == country.upper())
    if not found and q.context:
        # The village is unknown: answer with the place the query says it lies in.
        note = f"{q.core!r} not in the gazetteer; answering with {q.context[0]!r}"
        sub = geocode_query(", ".join(q.context), country, limit, gaz)
        return [replace(c, why=(note, *c.why)) for c in sub]
    focus: dict[str, float] = {}
    countries = [e.country for e in context_entries if e.feature == "PCLI" and e.country]
    if countries:
        focus = {countries[0]: 1.0}
    scored = score_candidates(found, match=how, focus=focus, context=context_entries, prefer=q.prefer, country=country)
    scored = _context_bonus(scored, q.context)
    out = []
    areas = [e for e in context_entries if e.feature != "PCLI"]
    if areas and scored and not any(_within(s.entry, areas) for s in scored):
        # No candidate lies in the area the query names ("Al-Fatih, Jableh District" but the
        # only Fatih is in Istanbul): the named area answers first.
        note = f"no {q.core!r} near {q.context[0]!r}; answering with {q.context[0]!r}"
        sub = geocode_query(", ".join(q.context), country, limit, gaz)
        out = [replace(c, why=(note, *c.why)) for c in sub]
    for s in scored[:limit]:
        e = s.entry
        precision = precision_of(e)
        if q.prefer in _PREFER_PRECISION and precision == WHERE_PREC_EXACT:
            precision = _PREFER_PRECISION[q.prefer]  # a division answered by its seat town
        if q.near and precision == WHERE_PREC_EXACT:
            precision = WHERE_PREC_NEAR
        why = s.why + ((f"bearing {q.bearing}",) if q.bearing else ())
        if len(out) >= limit:
            break
        out.append(
            Candidate(
                name=e.name,
                lat=e.lat,
                lon=e.lon,
                precision=precision,
                country=e.country,
                admin1=e.admin1,
                score=round(s.score, 2),
                why=why,
                admin2=e.admin2,
                feature=e.feature,
                geonameid=e.geonameid,
                bearing=q.bearing,
            )
        )
    return out


def _within(entry: Entry, areas: list[Entry], km: float = AREA_KM) -> bool:
    return any(haversine_km(entry.lat, entry.lon, a.lat, a.lon) < km for a in areas)


def geocode_json(
    text: str, country: str | None = None, limit: int = 10, gazetteer: Gazetteer | None = None
) -> dict[str, Any]:
    """One line of `harmledger geocode --json`: the query and its candidates, best first."""
    return {"query": text, "candidates": [c.to_json() for c in geocode_query(text, country, limit, gazetteer)]}
