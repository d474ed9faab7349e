"""Incidents: claims reconciled across documents into graded incidents and aggregates."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from harmledger.records import Claim, Document, Incident


def reconcile(claims: Sequence[Claim], documents: Mapping[str, Document]) -> list[Incident]:
    """Group ``claims`` into incidents (and cumulative tolls into aggregates)."""
    raise NotImplementedError("being built: see issue 7")
