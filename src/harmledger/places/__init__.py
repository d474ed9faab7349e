"""Places and dates: offline geocoding with precision; dates resolved against publication."""

from __future__ import annotations

from harmledger.records import Claim, Document, PlaceRef


def find_places(doc: Document) -> list[PlaceRef]:
    """Every toponym in ``doc.text``, resolved where possible, with its span."""
    raise NotImplementedError("being built: see issue 6")


def locate_claims(doc: Document, claims: list[Claim], places: list[PlaceRef]) -> list[Claim]:
    """``claims`` with ``place`` and ``date`` filled in (unresolved mentions keep their text)."""
    raise NotImplementedError("being built: see issue 6")
