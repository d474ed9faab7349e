"""Records to and from the JSON kept in the ledger's ``data`` columns."""

from __future__ import annotations

from collections.abc import Hashable
from datetime import date
from typing import Any, TypeVar

from harmledger.records import (
    Claim,
    Count,
    DateRef,
    Document,
    Figures,
    Incident,
    PlaceRef,
    Source,
    Span,
    Suggestion,
    to_jsonable,
)

H = TypeVar("H", bound=Hashable)

# A claim's fields that repeat across claims (its kind, outcome, place, date, source …): read
# back from JSON, each would otherwise be a fresh object in every claim.
_SHARED_CLAIM_FIELDS = (
    "document_id",
    "kind",
    "outcome",
    "victims",
    "event_type",
    "perpetrator",
    "scope",
    "period",
    "genre",
    "party",
    "stance",
    "extractor",
    "count",
    "source",
    "place",
    "date",
    "sentence",
    "victim_groups",
    "identity",
)

# ... and a document's (where it was read from, its outlet, language, day …).
_SHARED_DOCUMENT_FIELDS = (
    "origin",
    "outlet",
    "author",
    "language",
    "published",
    "published_precision",
    "published_source",
    "genre",
    "encoding",
    "notes",
)


class Shared:
    """One shared copy of each equal value read: a ledger's hundreds of thousands of claims repeat
    a few hundred places, dates, sources and category names, and JSON decoding would otherwise
    keep a copy of each in every claim (reconcile holds every claim at once)."""

    __slots__ = ("_seen",)

    def __init__(self) -> None:
        self._seen: dict[Hashable, Any] = {}

    def __call__(self, value: H) -> H:
        return self._seen.setdefault(value, value)  # type: ignore[no-any-return]


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _span(value: dict[str, int] | None) -> Span | None:
    return Span(value["start"], value["end"]) if value else None


def place_from_json(data: dict[str, Any] | None) -> PlaceRef | None:
    if not data:
        return None
    return PlaceRef(**{**data, "span": _span(data.get("span"))})


def date_from_json(data: dict[str, Any] | None) -> DateRef | None:
    if not data:
        return None
    return DateRef(
        **{
            **data,
            "start": _date(data.get("start")),
            "end": _date(data.get("end")),
            "span": _span(data.get("span")),
        }
    )


def claim_to_json(claim: Claim) -> dict[str, Any]:
    return to_jsonable(claim)  # type: ignore[no-any-return]


def claim_from_json(data: dict[str, Any], shared: Shared | None = None) -> Claim:
    """The claim in ``data``; with ``shared``, equal parts of the claims read with it are one object."""
    count = data.get("count")
    source = data.get("source")
    fields = {
        **data,
        "count": Count(**count) if count else None,
        "source": Source(**{**source, "span": _span(source.get("span"))}) if source else None,
        "span": _span(data["span"]),
        "sentence": _span(data["sentence"]),
        "victim_groups": tuple(data.get("victim_groups") or ()),
        "identity": tuple(data.get("identity") or ()),
        "place": place_from_json(data.get("place")),
        "date": date_from_json(data.get("date")),
    }
    if shared is not None:
        for name in _SHARED_CLAIM_FIELDS:
            if name in fields:
                fields[name] = shared(fields[name])
    return Claim(**fields)


def document_to_json(doc: Document) -> dict[str, Any]:
    return {k: v for k, v in to_jsonable(doc).items() if k != "text"}


def document_from_row(
    row: Any, original: bytes = b"", *, with_text: bool = True, shared: Shared | None = None
) -> Document:
    """The stored document in ``row``; without its text (``text=""``) for a row read without it.
    With ``shared``, equal field values of the documents read with it are one object."""
    data = dict(row.data)
    data.pop("original", None)
    data["published"] = _date(data.get("published"))
    data["notes"] = tuple(data.get("notes") or ())
    if shared is not None:
        for name in _SHARED_DOCUMENT_FIELDS:
            if name in data:
                data[name] = shared(data[name])
    return Document(original=original, text=row.text if with_text else "", **data)


def incident_to_json(incident: Incident) -> dict[str, Any]:
    return to_jsonable(incident)  # type: ignore[no-any-return]


def incident_from_json(data: dict[str, Any]) -> Incident:
    return Incident(
        **{
            **data,
            "claim_ids": tuple(data["claim_ids"]),
            "deaths": Figures(**data["deaths"]),
            "injured": Figures(**data["injured"]),
            "civilian_deaths": Figures(**data["civilian_deaths"]),
            # absent from incidents written before breakdowns were kept: nothing reported
            "child_deaths": Figures(**(data.get("child_deaths") or {})),
            "women_deaths": Figures(**(data.get("women_deaths") or {})),
            "place": place_from_json(data.get("place")),
            "date_start": _date(data.get("date_start")),
            "date_end": _date(data.get("date_end")),
            "explanation": tuple(data.get("explanation") or ()),
        }
    )


def suggestion_from_json(data: dict[str, Any]) -> Suggestion:
    return Suggestion(
        **{
            **data,
            "evidence_for": tuple(data.get("evidence_for") or ()),
            "evidence_against": tuple(data.get("evidence_against") or ()),
        }
    )
