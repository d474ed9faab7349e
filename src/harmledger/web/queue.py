"""The review queue: what needs a person, most consequential first.

Three lists: incidents nobody has reviewed, by deaths; claims the machine is least sure of
(hedged, vague, or far from what other sources in the same incident say); and, from the
possible-duplicates suggestions (``/suggestions``), pairs that may be one incident.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from harmledger.export import incident_summary
from harmledger.records import Claim, Incident, Suggestion, to_jsonable
from harmledger.store import Ledger

# How many incidents (most deaths first) the queue reads: enough for a day's work, and it keeps
# the page quick on a ledger of 100,000 incidents.
SCAN_INCIDENTS = 300
QUEUE_SIZE = 50
# A claim whose figure is this many times above or below another source's figure for the same
# outcome in its incident is "conflicting": 56 against 200 is a disagreement worth a look, 56
# against 60 is not.
CONFLICT_RATIO = 2.0


@dataclass(frozen=True, slots=True)
class Doubt:
    """A claim worth a look, and why."""

    claim: Claim
    incident: Incident
    reasons: tuple[str, ...]


def _reviewed(ledger: Ledger) -> set[str]:
    """Ids of incidents and claims some decision (or note) was taken on."""
    return {row["target"] for row in ledger.decision_rows()}


def unreviewed_incidents(ledger: Ledger, scanned: list[Incident], reviewed: set[str]) -> list[Incident]:
    """Incidents no decision touched (neither they nor any of their claims), most deaths first."""
    return [i for i in scanned if i.id not in reviewed and not reviewed.intersection(i.claim_ids)][:QUEUE_SIZE]


def doubtful_claims(ledger: Ledger, scanned: list[Incident], reviewed: set[str]) -> list[Doubt]:
    """Claims nobody decided on that are hedged, vague, or conflict with another source in their incident."""
    wanted = [cid for inc in scanned for cid in inc.claim_ids if cid not in reviewed]
    claims = {c.id: c for c in ledger.claims(ids=wanted)} if wanted else {}
    out: list[Doubt] = []
    for incident in scanned:
        mine = [claims[c] for c in incident.claim_ids if c in claims and claims[c].kind == "casualty"]
        for claim in mine:
            reasons = _reasons(claim, mine)
            if reasons:
                out.append(Doubt(claim, incident, reasons))
        if len(out) >= QUEUE_SIZE:
            break
    return out[:QUEUE_SIZE]


def _reasons(claim: Claim, siblings: list[Claim]) -> tuple[str, ...]:
    reasons = []
    if claim.hedged:
        reasons.append("hedged in the text")
    count = claim.count
    if count is not None and (count.vague or count.qualifier == "vague"):
        reasons.append("vague figure")
    point = count.point if count else None
    if point:
        for other in siblings:
            theirs = other.count.point if other.count else None
            if other.id == claim.id or not theirs or other.outcome != claim.outcome:
                continue
            if other.document_id == claim.document_id and other.source == claim.source:
                continue
            if max(point, theirs) >= CONFLICT_RATIO * min(point, theirs) and point > theirs:
                who = other.source.name if other.source else "another report"
                reasons.append(f"conflicts with {theirs} from {who}")
                break
    return tuple(reasons)


def review_queue(ledger: Ledger) -> dict[str, Any]:
    """Everything the /review page lists."""
    scanned = ledger.incidents(kind="incident", sort="-deaths", limit=SCAN_INCIDENTS)
    reviewed = _reviewed(ledger)
    return {
        "incidents": unreviewed_incidents(ledger, scanned, reviewed),
        "doubts": doubtful_claims(ledger, scanned, reviewed),
    }


def suggestion_rows(ledger: Ledger, found: list[Suggestion]) -> list[dict[str, Any]]:
    """Each suggestion with both incidents' summaries and the quotes of the pair that scored."""
    quotes = {c.id: c.quote for c in ledger.claims(ids=[i for s in found for i in (s.claim_a, s.claim_b)])}
    rows = []
    for s in found:
        a, b = ledger.get_incident(s.incident_a), ledger.get_incident(s.incident_b)
        if a is None or b is None:  # re-derived since: the next reconciliation lists it afresh
            continue
        rows.append(
            {
                **to_jsonable(s),
                "a": incident_summary(a),
                "b": incident_summary(b),
                "quote_a": quotes.get(s.claim_a, ""),
                "quote_b": quotes.get(s.claim_b, ""),
            }
        )
    return rows
