"""Wires the stages together; the only module that imports more than one stage.

Per-document work is a map (``analyse_document``: extract claims, then place and date them);
cross-document work is one reduce (``reconcile``). The local runner and the Spark runner map the
same ``analyse_document`` function.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from harmledger.records import Claim, Document, Incident, PlaceRef


@dataclass(slots=True)
class DocumentAnalysis:
    """What the per-document stages found in one document."""

    document: Document
    claims: list[Claim]
    places: list[PlaceRef] = field(default_factory=list)  # every toponym found in the text


@dataclass(slots=True)
class Analysis:
    """Everything the pipeline made from a batch of documents."""

    documents: list[Document]
    claims: list[Claim]
    places: dict[str, list[PlaceRef]]
    incidents: list[Incident]


def analyse_document(doc: Document) -> DocumentAnalysis:
    """Run the per-document stages: claims, then places and dates for them."""
    from harmledger.extract import extract_claims
    from harmledger.places import find_places, locate_claims

    claims = extract_claims(doc)
    places = find_places(doc)
    claims = locate_claims(doc, claims, places)
    return DocumentAnalysis(document=doc, claims=claims, places=places)


def analyse(documents: Iterable[Document]) -> Analysis:
    """Run the whole pipeline in memory over ``documents`` (used by eval and tests)."""
    from harmledger.incidents import reconcile

    docs: list[Document] = []
    claims: list[Claim] = []
    places: dict[str, list[PlaceRef]] = {}
    for doc in documents:
        result = analyse_document(doc)
        docs.append(doc)
        claims.extend(result.claims)
        places[doc.id] = result.places
    incidents = reconcile(claims, {d.id: d for d in docs})
    return Analysis(documents=docs, claims=claims, places=places, incidents=incidents)
