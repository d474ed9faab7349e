"""Hand-built claims and documents for the incidents tests."""

from __future__ import annotations

import itertools
from datetime import date

from harmledger.records import Claim, Count, DateRef, Document, PlaceRef, Source, Span

_offsets = itertools.count(1)

PLACES = {
    "manbij": PlaceRef("Manbij", "Manbij", 36.5281, 37.9549, "SY", "Aleppo", precision=1),
    # "the outskirts of Manbij": the name as written is Manbij's, the point a little off
    "manbij-outskirts": PlaceRef("Manbij", "Manbij", 36.55, 37.99, "SY", "Aleppo", precision=2),
    "aleppo-province": PlaceRef("Aleppo", "Aleppo", 36.2, 37.16, "SY", "Aleppo", precision=4),
    "ghouta": PlaceRef("Ghouta", "Ghouta", 33.52, 36.4, "SY", "Rif Dimashq", precision=2),
    "syria": PlaceRef("Syria", "Syria", 35.0, 38.0, "SY", None, precision=6),
    "misrata": PlaceRef("Misrata", "Misrata", 32.375, 15.09, "LY", "Misratah", precision=1),
    "libya": PlaceRef("Libya", "Libya", 27.0, 17.0, "LY", None, precision=6),
    "kabul": PlaceRef("Kabul", "Kabul", 34.53, 69.17, "AF", "Kabul", precision=1),
    "kandahar": PlaceRef("Kandahar", "Kandahar", 31.61, 65.71, "AF", "Kandahar", precision=1),
    "raqqa": PlaceRef("Raqqa", "Ar Raqqah", 35.95, 39.01, "SY", "Raqqa", precision=1),
    "deir-ez-zor": PlaceRef("Deir ez-Zor", "Deir ez-Zor", 35.34, 40.14, "SY", "Deir ez-Zor", precision=1),
}


def doc(
    doc_id: str,
    text: str = "",
    published: date | None = date(2016, 7, 20),
    outlet: str | None = None,
    genre: str = "news",
) -> Document:
    """A document with the given text (defaults to its id, so no two are copies)."""
    text = text or f"report {doc_id}"
    return Document(
        id=doc_id,
        original=text.encode(),
        text=text,
        origin="test",
        published=published,
        outlet=outlet or f"outlet-{doc_id}",
        genre=genre,
    )  # type: ignore[arg-type]


def claim(
    doc_id: str,
    outcome: str = "killed",
    low: int | None = None,
    high: int | None = None,
    best: int | None = None,
    qualifier: str = "exact",
    *,
    scope: str | None = "incident",
    place: str | None = None,
    day: date | None = None,
    event: str | None = None,
    perpetrator: str | None = None,
    victims: str | None = "people",
    kind: str = "casualty",
    stance: str | None = None,
    party: str | None = None,
    source: str | None = None,
    source_kind: str | None = None,
    hedged: bool = False,
    negated: bool = False,
    period: str | None = None,
    quote: str | None = None,
    genre: str = "news",
    identity: tuple[str, ...] = (),
) -> Claim:
    """A claim with only the fields a test cares about; the rest take neutral values."""
    start = next(_offsets) * 10
    span = Span(start, start + 5)
    if kind == "casualty" and low is None and high is None and best is None:
        raise ValueError("a casualty claim needs a figure")
    count = Count(low, high, best, qualifier) if kind == "casualty" else None  # type: ignore[arg-type]
    return Claim(
        id=Claim.make_id(doc_id, span, kind, outcome if kind == "casualty" else None),
        document_id=doc_id,
        kind=kind,  # type: ignore[arg-type]
        outcome=outcome if kind == "casualty" else None,  # type: ignore[arg-type]
        count=count,
        victims=victims,
        span=span,
        sentence=span,  # type: ignore[arg-type]
        quote=quote or f"claim at {start}",
        event_type=event,
        perpetrator=perpetrator,
        source=Source(source, kind=source_kind) if source else None,
        scope=scope,
        period=period,
        hedged=hedged,
        negated=negated,  # type: ignore[arg-type]
        place=PLACES[place] if place else None,
        date=DateRef(day.isoformat(), day, day, "day") if day else None,
        genre=genre,
        party=party,
        stance=stance,  # type: ignore[arg-type]
        identity=identity,
    )
