"""The pipeline's output re-expressed in gold coordinates: by gold document id, offsets shifted."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from harmledger.evaluate.inputs import Inputs
from harmledger.pipeline import Analysis
from harmledger.records import Claim, Incident, PlaceRef, Span


@dataclass(frozen=True, slots=True)
class PlacedClaim:
    """A predicted claim with its figure and sentence spans in its gold document's text."""

    claim: Claim
    span: Span
    sentence: Span | None


@dataclass(slots=True)
class Predictions:
    """Everything predicted, indexed the ways the scorers look it up (no scan over documents)."""

    claims: dict[str, list[PlacedClaim]] = field(default_factory=dict)  # gold id → casualty claims
    places: dict[str, list[tuple[Span, PlaceRef]]] = field(default_factory=dict)  # gold id → mentions
    incidents: list[Incident] = field(default_factory=list)
    claim_doc: dict[str, str] = field(default_factory=dict)  # claim id → document id
    by_claim: dict[str, list[int]] = field(default_factory=dict)  # claim id → incident indexes
    by_document: dict[str, list[int]] = field(default_factory=dict)  # document id → incident indexes


def _shift(span: Span | None, offset: int) -> Span | None:
    """``span`` moved by ``offset`` characters."""
    return None if span is None else Span(span.start + offset, span.end + offset)


def index_predictions(analysis: Analysis, inputs: Inputs) -> Predictions:
    """Index ``analysis`` by gold document, shifting article offsets into whole-file offsets."""
    pred = Predictions()
    claims: defaultdict[str, list[PlacedClaim]] = defaultdict(list)
    for claim in analysis.claims:
        pred.claim_doc[claim.id] = claim.document_id
        if claim.kind != "casualty":
            continue
        for gold_id, offset in inputs.owners.get(claim.document_id, []):
            span = _shift(claim.span, offset)
            assert span is not None
            claims[gold_id].append(PlacedClaim(claim, span, _shift(claim.sentence, offset)))
    pred.claims = dict(claims)
    places: defaultdict[str, list[tuple[Span, PlaceRef]]] = defaultdict(list)
    for doc_id, refs in analysis.places.items():
        for gold_id, offset in inputs.owners.get(doc_id, []):
            for ref in refs:
                if ref.span is not None:
                    shifted = _shift(ref.span, offset)
                    assert shifted is not None
                    places[gold_id].append((shifted, ref))
    pred.places = dict(places)
    pred.incidents = list(analysis.incidents)
    by_claim: defaultdict[str, list[int]] = defaultdict(list)
    by_document: defaultdict[str, list[int]] = defaultdict(list)
    for i, incident in enumerate(pred.incidents):
        docs_seen: set[str] = set()
        for claim_id in incident.claim_ids:
            by_claim[claim_id].append(i)
            claim_doc = pred.claim_doc.get(claim_id)
            if claim_doc is not None and claim_doc not in docs_seen:
                docs_seen.add(claim_doc)
                by_document[claim_doc].append(i)
    pred.by_claim = dict(by_claim)
    pred.by_document = dict(by_document)
    return pred
