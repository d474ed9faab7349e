"""One incident with everything its page and its API answer show, read in one place.

``GET /api/incidents/{id}`` and the incident page both start from ``incident_detail``, so they
agree on which claims belong (its own, and those reviewed on its page that reconciliation has
moved out), on the tolls beside it, on its audit trail, and on the 404 for an unknown id.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from fastapi import HTTPException

from harmledger.incidents import Decisions
from harmledger.pipeline import decisions_from_ledger
from harmledger.records import Claim, Incident
from harmledger.store import Ledger
from harmledger.web.present import incident_audit, rejected_elsewhere
from harmledger.web.queries import tolls_beside


@dataclass(frozen=True, slots=True)
class Split:
    """A split the incident page links: one made on this incident, or the one this incident came out of."""

    at: datetime
    username: str
    others: tuple[str, ...]  # the incidents now holding the split's other claims
    here: bool  # made on this incident (else this one holds claims split off another)


@dataclass(frozen=True, slots=True)
class IncidentDetail:
    incident: Incident
    claims: list[Claim]  # its own, then those reviewed on its page that now sit elsewhere
    tolls: list[Incident]  # the cumulative tolls reconciliation placed beside it
    audit: list[dict[str, Any]]  # entries about it, its claims and their documents, oldest first
    status: dict[str, str]  # claim id → auto, confirmed or rejected
    decisions: Decisions  # the analysts' decisions (claim and incident corrections among them)
    splits: list[Split]  # splits that made it, oldest first, with where their other claims are now


def no_incident(incident_id: str) -> HTTPException:
    """The one 404 for an incident id the ledger does not hold (pages, API and analyst actions)."""
    return HTTPException(404, f"no incident {incident_id!r}; it may have been merged or re-derived")


class IncidentMoved(HTTPException):
    """409 for a decision on an incident an analyst has merged (or split) away since the page or
    script took its id: nothing is recorded, since the decision was made on claims that are now
    part of another incident. ``now_in`` is that incident, to review instead."""

    def __init__(self, incident_id: str, now_in: str, action: str) -> None:
        moved = (
            f"merged into incident {now_in[:12]}"
            if action == "merge"
            else f"split: its claims are now in incident {now_in[:12]}"
        )
        super().__init__(
            409, f"incident {incident_id[:12]} was {moved}; nothing was recorded: review that one and decide again"
        )
        self.now_in = now_in


def incident_or_404(ledger: Ledger, incident_id: str) -> Incident:
    """The incident ``incident_id`` names (a full id or a unique prefix), or a 404 naming it."""
    incident = ledger.get_incident(ledger.expand_id("incident", incident_id))
    if incident is None:
        raise no_incident(incident_id)
    return incident


def incident_detail(ledger: Ledger, incident_id: str) -> IncidentDetail:
    incident = incident_or_404(ledger, incident_id)
    entries = ledger.audit_entries()
    moved = rejected_elsewhere(entries, incident)
    audit = incident_audit(entries, incident, moved)
    return IncidentDetail(
        incident=incident,
        claims=ledger.claims(ids=[*incident.claim_ids, *moved]),
        tolls=tolls_beside(ledger, incident.id),
        audit=audit,
        status=ledger.claim_status(),
        decisions=decisions_from_ledger(ledger),
        splits=splits_of(ledger, audit, incident),
    )


def splits_of(ledger: Ledger, audit: list[dict[str, Any]], incident: Incident) -> list[Split]:
    """The splits among ``audit`` (the incident's entries) with the incidents their groups of claims
    form now, other than this one: where the claims an analyst moved out went, and, on an incident
    made by a split, where the rest stayed. Reconciliation gives a split-off group a new id (or the
    old one, to the larger group), so only the claims say which incident is which.

    A split whose claims are all back in this incident (merged again since) is left out.
    """
    found = []
    for entry in audit:
        after = entry.get("after")
        if entry["action"] != "split" or not isinstance(after, dict):
            continue
        holders = [i for group in after.get("groups") or () for i in ledger.incidents_holding([str(c) for c in group])]
        others = tuple(i for i in dict.fromkeys(holders) if i != incident.id)
        if others:
            found.append(Split(entry["at"], str(entry["username"]), others, entry["target_id"] == incident.id))
    return found
