"""Claims: every casualty figure in a document, with qualifier, outcome, victims, source, scope."""

from __future__ import annotations

from harmledger.records import Claim, Document


def extract_claims(doc: Document) -> list[Claim]:
    """Every casualty claim and belligerent statement in ``doc``, in text order."""
    raise NotImplementedError("being built: see issue 3")
