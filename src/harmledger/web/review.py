"""Analyst review actions, shared by the pages and the API.

Each action is validated, then recorded with ``Ledger.record_decision`` (the decision and a
hash-chained audit entry in one transaction, with before and after). Actions that change how
claims group or count re-derive the incidents at once so the pages show the result.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from fastapi import HTTPException

from harmledger.records import GRADES
from harmledger.store import Ledger
from harmledger.store.schema import incident_claims
from harmledger.store.users import User


# action → the kind of thing it targets
ACTIONS: dict[str, str] = {
    "confirm": "claim",
    "reject": "claim",
    "merge": "incident",
    "keep_apart": "incident",
    "split": "incident",
    "grade": "incident",
    "note": "incident",
    "publish_date": "document",
}
# Actions after which incidents are re-derived from claims and decisions.
REBUILDS = frozenset({"confirm", "reject", "merge", "keep_apart", "split", "grade", "publish_date"})
MAX_NOTE = 5000


@dataclass(frozen=True, slots=True)
class ReviewResult:
    """What an action did: the decision, and where the incident it touched is now."""

    action: str
    target: str
    before: Any
    after: Any
    incident: str | None
    rebuilt: bool

    def to_json(self) -> dict[str, Any]:
        return {"action": self.action, "target": self.target, "before": self.before, "after": self.after,
                "incident": self.incident, "rebuilt": self.rebuilt}


def _bad(message: str) -> HTTPException:
    return HTTPException(400, message)


def _incident_or_404(ledger: Ledger, incident_id: str) -> Any:
    incident = ledger.get_incident(incident_id)
    if incident is None:
        raise HTTPException(404, f"no incident {incident_id!r}")
    return incident


def _check(ledger: Ledger, action: str, target: str, payload: dict[str, Any],
           context: str | None) -> tuple[dict[str, Any], Any, Any]:
    """Validate one action; returns the payload to store and the before/after for the audit log."""
    if action in ("confirm", "reject"):
        found = ledger.claims(ids=[target])
        if not found:
            raise HTTPException(404, f"no claim {target!r}")
        before = {"status": ledger.claim_status().get(target, "auto")}
        reason = str(payload.get("reason") or "")[:MAX_NOTE]
        after = {"status": "confirmed" if action == "confirm" else "rejected", "incident": context}
        return {"reason": reason, "incident": context}, before, after
    if action == "publish_date":
        doc = ledger.get_document(target)
        if doc is None:
            raise HTTPException(404, f"no document {target!r}")
        raw = str(payload.get("published") or "").strip()
        try:
            published = date.fromisoformat(raw)
        except ValueError:
            raise _bad(f"published {raw!r} is not a date; use YYYY-MM-DD, e.g. 2016-07-20") from None
        before = {"published": doc.published.isoformat() if doc.published else None}
        return {"published": published.isoformat()}, before, {"published": published.isoformat()}
    incident = _incident_or_404(ledger, target)
    if action == "grade":
        grade = str(payload.get("grade") or "")
        if grade not in GRADES:
            raise _bad(f"grade {grade!r} is not one of {', '.join(GRADES)}")
        return {"grade": grade}, {"grade": incident.grade}, {"grade": grade}
    if action == "note":
        text = str(payload.get("text") or "").strip()
        if not text:
            raise _bad("a note needs some text")
        if len(text) > MAX_NOTE:
            raise _bad(f"a note holds at most {MAX_NOTE} characters, this one has {len(text)}")
        return {"text": text}, None, {"text": text}
    if action == "merge":
        others = [str(i).strip() for i in payload.get("with") or [] if str(i).strip()]
        others = [i for i in dict.fromkeys(others) if i != target]
        if not others:
            raise _bad("merge needs the ids of the other incidents in 'with'")
        for other in others:
            _incident_or_404(ledger, other)
        return {"with": others}, {"claims": list(incident.claim_ids)}, {"with": others}
    if action == "keep_apart":
        # A suggested pair judged to be two events: the claims of each side are remembered, so
        # the decision holds whatever ids later reconciliations give the two incidents.
        other_id = str(payload.get("with") or "").strip()
        if isinstance(payload.get("with"), list):
            other_id = str((payload["with"] or [""])[0]).strip()
        if not other_id or other_id == target:
            raise _bad("keep_apart needs the id of the other incident in 'with'")
        other = _incident_or_404(ledger, other_id)
        groups = [list(incident.claim_ids), list(other.claim_ids)]
        return {"with": other_id, "groups": groups}, None, {"with": other_id}
    if action == "split":
        groups = [[str(c) for c in g if str(c)] for g in payload.get("groups") or []]
        groups = [g for g in groups if g]
        if len(groups) < 2:
            raise _bad("split needs at least two non-empty groups of claim ids in 'groups'")
        seen: set[str] = set()
        for claim_id in (c for g in groups for c in g):
            if claim_id not in incident.claim_ids:
                raise _bad(f"claim {claim_id!r} is not part of incident {target!r}")
            if claim_id in seen:
                raise _bad(f"claim {claim_id!r} is in more than one group")
            seen.add(claim_id)
        return {"groups": groups}, {"claims": list(incident.claim_ids)}, {"groups": groups}
    raise _bad(f"unknown review action {action!r}; choose one of {', '.join(ACTIONS)}")


def rebuild(ledger: Ledger) -> bool:
    """Re-derive incidents so they respect every recorded decision."""
    from harmledger.pipeline import rebuild_incidents

    rebuild_incidents(ledger)
    return True


def incident_holding(ledger: Ledger, claim_ids: list[str]) -> str | None:
    """The stored incident that now holds any of ``claim_ids``."""
    if not claim_ids:
        return None
    with ledger.engine.connect() as conn:
        row = conn.execute(
            sa.select(incident_claims.c.incident_id).where(incident_claims.c.claim_id.in_(claim_ids)).limit(1)
        ).first()
    return row.incident_id if row else None


def apply_review(ledger: Ledger, user: User, action: str, target: str, payload: dict[str, Any],
                 *, context: str | None = None) -> ReviewResult:
    """Validate, record and apply one review action by ``user`` (who must be an analyst)."""
    if not user.can("analyst"):
        raise HTTPException(403, f"user {user.username!r} is a {user.role}; review needs the analyst role")
    if action not in ACTIONS:
        raise _bad(f"unknown review action {action!r}; choose one of {', '.join(ACTIONS)}")
    kind = ACTIONS[action]
    if kind == "incident":
        context = target
    stored, before, after = _check(ledger, action, target, payload, context)
    previous = ledger.get_incident(context) if context else None
    ledger.record_decision(action, target, stored, user.username, target_kind=kind, before=before, after=after)
    rebuilt = rebuild(ledger) if action in REBUILDS else False
    where = context
    if context and ledger.get_incident(context) is None:
        claims = list(previous.claim_ids) if previous else []
        where = incident_holding(ledger, [target, *claims] if kind == "claim" else claims)
    return ReviewResult(action, target, before, after, where, rebuilt)
