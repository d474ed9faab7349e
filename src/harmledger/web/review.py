"""Analyst review actions, shared by the pages and the API.

Each action is validated, then recorded with ``Ledger.record_decision`` (the decision and a
hash-chained audit entry in one transaction, with before and after). Actions that change how
claims group or count re-derive the incidents at once so the pages show the result.
"""

from __future__ import annotations

import threading
import weakref
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from fastapi import HTTPException

from harmledger.incidents import correct_claim
from harmledger.pipeline import decisions_from_ledger
from harmledger.records import GRADES, Document, Span, sha256_hex
from harmledger.store import Ledger
from harmledger.store.ledger import MIN_PREFIX
from harmledger.store.schema import incident_claims
from harmledger.store.users import User
from harmledger.web import corrections
from harmledger.web.detail import IncidentMoved, no_incident
from harmledger.web.present import others_named

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
    "correct_claim": "claim",
    "correct_incident": "incident",
    "reviewed": "incident",  # looked at and left as it is (takes it off the review queue)
}
# Actions after which incidents are re-derived from claims and decisions.
REBUILDS = frozenset(
    {
        "confirm",
        "reject",
        "merge",
        "keep_apart",
        "split",
        "grade",
        "publish_date",
        "correct_claim",
        "correct_incident",
        "add_claim",
    }
)
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
        return {
            "action": self.action,
            "target": self.target,
            "before": self.before,
            "after": self.after,
            "incident": self.incident,
            "rebuilt": self.rebuilt,
        }


def _reason(payload: dict[str, Any]) -> str:
    """The analyst's why, as given (kept in the decision and in its audit entry)."""
    return str(payload.get("reason") or "").strip()[:MAX_NOTE]


def _why(payload: dict[str, Any]) -> dict[str, str]:
    """``{"reason": …}`` when the analyst gave one, else nothing."""
    reason = _reason(payload)
    return {"reason": reason} if reason else {}


def _bad(message: str) -> HTTPException:
    return HTTPException(400, message)


def _current_incident(ledger: Ledger, incident_id: str) -> Any:
    """The incident ``incident_id`` names, which a decision is about to be recorded on.

    An id an analyst merged or split away since it was read (a page left open, a script's list)
    is refused with 409 naming where its claims went, never applied to that incident instead.
    """
    incident = ledger.get_incident(incident_id)
    if incident is None:
        moved = successor(ledger, incident_id)
        raise IncidentMoved(incident_id, moved.incident, moved.action) if moved else no_incident(incident_id)
    return incident


def _check(
    ledger: Ledger, action: str, target: str, payload: dict[str, Any], context: str | None
) -> tuple[dict[str, Any], Any, Any]:
    """Validate one action; returns the payload to store and the before/after for the audit log."""
    if action in ("confirm", "reject"):
        found = ledger.claims(ids=[target])
        if not found:
            raise HTTPException(404, f"no claim {target!r}")
        before: dict[str, str | None] = {"status": ledger.claim_status().get(target, "auto")}
        reason = _reason(payload)
        after = {"status": "confirmed" if action == "confirm" else "rejected", "incident": context}
        return {"reason": reason, "incident": context}, before, {**after, **_why(payload)}
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
    if action == "correct_claim":
        found = ledger.claims(ids=[target])
        if not found:
            raise HTTPException(404, f"no claim {target!r}")
        values = corrections.check_claim_values(payload.get("values") or {})
        fixes = decisions_from_ledger(ledger).claim_fixes
        current = corrections.claim_reading(correct_claim(found[0], fixes[target]) if target in fixes else found[0])
        before, after = corrections.before_after(current, values)
        why = _why(payload)
        return {"values": values, "incident": context, **why}, before, {**after, "incident": context, **why}
    incident = _current_incident(ledger, target)
    if action == "correct_incident":
        values = corrections.check_incident_values(payload.get("values") or {})
        before, after = corrections.before_after(corrections.incident_reading(incident), values)
        why = _why(payload)
        return {"values": values, **why}, before, {**after, **why}
    if action == "grade":
        grade = str(payload.get("grade") or "")
        if grade not in GRADES:
            raise _bad(f"grade {grade!r} is not one of {', '.join(GRADES)}")
        return {"grade": grade}, {"grade": incident.grade}, {"grade": grade}
    if action == "reviewed":
        return {}, None, {"reviewed": True}
    if action == "note":
        text = str(payload.get("text") or "").strip()
        if not text:
            raise _bad("a note needs some text")
        if len(text) > MAX_NOTE:
            raise _bad(f"a note holds at most {MAX_NOTE} characters, this one has {len(text)}")
        return {"text": text}, None, {"text": text}
    if action == "merge":
        given = [ledger.expand_id("incident", str(i)) for i in payload.get("with") or [] if str(i).strip()]
        others = [i for i in dict.fromkeys(given) if i != target]
        if not others:
            raise _bad(
                f"incident {target[:12]} cannot be merged with itself; give the ids of the other incidents"
                if given
                else "merge needs the ids of the other incidents in 'with'"
            )
        for other in others:
            _current_incident(ledger, other)
        return {"with": others}, {"claims": list(incident.claim_ids)}, {"with": others}
    if action == "keep_apart":
        # A suggested pair judged to be two events: the claims of each side are remembered, so
        # the decision holds whatever ids later reconciliations give the two incidents.
        other_id = str(payload.get("with") or "").strip()
        if isinstance(payload.get("with"), list):
            other_id = str((payload["with"] or [""])[0]).strip()
        other_id = ledger.expand_id("incident", other_id) if other_id else other_id
        if not other_id or other_id == target:
            raise _bad("keep_apart needs the id of the other incident in 'with'")
        other = _current_incident(ledger, other_id)
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


class _Rebuilds:
    """The incident rebuilds of one ledger, one at a time in this process.

    Each decision asks for a rebuild once it is recorded. Run side by side, rebuilds made each
    other stale (each read the decisions before another landed, and was refused its write): under
    a burst of decisions some requests answered 400 although their decision was stored. A request
    that arrives while a rebuild runs now waits for the next one, which reads its decision too.
    """

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._asked = 0  # rebuilds asked for, numbered in order of asking
        self._done = 0  # the stored incidents reflect the decisions of every request up to this number
        self._running = False

    def run(self, ledger: Ledger) -> bool:
        """Rebuild, or wait for a rebuild that started after this call; False only when other
        processes kept writing through every attempt (the decision stays recorded either way)."""
        from harmledger.pipeline import rebuild_incidents
        from harmledger.store.ledger import StaleIncidents

        with self._cond:
            self._asked += 1
            mine = self._asked
            while self._running and self._done < mine:
                self._cond.wait()
            if self._done >= mine:
                return True
            self._running, covers = True, self._asked
        rebuilt = False
        try:
            rebuild_incidents(ledger)
            rebuilt = True
        except StaleIncidents:
            pass  # another process (an ingest, a reconcile) wrote throughout: its rebuild reads this decision
        finally:
            with self._cond:
                self._running = False
                if rebuilt:
                    self._done = max(self._done, covers)
                self._cond.notify_all()
        return rebuilt


_REBUILDS: weakref.WeakKeyDictionary[Ledger, _Rebuilds] = weakref.WeakKeyDictionary()
_REBUILDS_LOCK = threading.Lock()


def rebuild(ledger: Ledger) -> bool:
    """Re-derive incidents so they respect every recorded decision (see ``_Rebuilds``)."""
    with _REBUILDS_LOCK:
        rebuilds = _REBUILDS.setdefault(ledger, _Rebuilds())
    return rebuilds.run(ledger)


@dataclass(frozen=True, slots=True)
class Successor:
    """Where the claims of an incident no longer stored are now, and the decision that moved them."""

    incident: str
    action: str  # "merge" or "split"


def successor(ledger: Ledger, incident_id: str) -> Successor | None:
    """The incident now holding the claims of one no longer stored: those it held when an analyst
    last split or merged it, or those of the incident it was merged into, else None.

    ``incident_id`` may be short (a prefix of ``MIN_PREFIX`` or more characters), as the audit
    log and the CLI print it: ``Ledger.expand_id`` cannot expand the id of an incident gone."""

    def names_it(some_id: str) -> bool:
        return some_id == incident_id or (len(incident_id) >= MIN_PREFIX and some_id.startswith(incident_id))

    for entry in reversed(ledger.audit_entries()):
        before, after = entry.get("before"), entry.get("after")
        named = names_it(str(entry.get("target_id"))) or (
            isinstance(after, dict) and any(names_it(i) for i in others_named(after))
        )
        claims = before.get("claims") if isinstance(before, dict) and named else None
        if claims:
            now_in = incident_holding(ledger, [str(c) for c in claims])
            return Successor(now_in, str(entry["action"])) if now_in else None
    return None


def incident_holding(ledger: Ledger, claim_ids: list[str]) -> str | None:
    """The stored incident that now holds any of ``claim_ids``."""
    if not claim_ids:
        return None
    with ledger.reading() as conn:
        row = conn.execute(
            sa.select(incident_claims.c.incident_id).where(incident_claims.c.claim_id.in_(claim_ids)).limit(1)
        ).first()
    return row.incident_id if row else None


def apply_review(
    ledger: Ledger, user: User, action: str, target: str, payload: dict[str, Any], *, context: str | None = None
) -> ReviewResult:
    """Validate, record and apply one review action by ``user`` (who must be an analyst)."""
    if not user.can("analyst"):
        raise HTTPException(403, f"user {user.username!r} is a {user.role}; review needs the analyst role")
    if action not in ACTIONS:
        raise _bad(f"unknown review action {action!r}; choose one of {', '.join(ACTIONS)}")
    kind = ACTIONS[action]
    if kind in ("incident", "claim"):
        target = ledger.expand_id(kind, target)
    if kind == "incident":
        context = target
    elif kind == "claim" and context:
        # A claim reviewed on an incident's page: the decision was read against that incident's
        # other claims, so it is not recorded once the incident is merged or split away.
        context = ledger.expand_id("incident", context)
        _current_incident(ledger, context)
    stored, before, after = _check(ledger, action, target, payload, context)
    if action in ("confirm", "reject") and before == {"status": after["status"]} and not stored["reason"]:
        # The claim is already so (a double click, a second tab): nothing to record again.
        return ReviewResult(action, target, before, before, incident_holding(ledger, [target]), False)
    previous = ledger.get_incident(context) if context else None
    ledger.record_decision(action, target, stored, user.username, target_kind=kind, before=before, after=after)
    rebuilt = rebuild(ledger) if action in REBUILDS else False
    where = context
    if context and ledger.get_incident(context) is None:
        claims = list(previous.claim_ids) if previous else []
        where = incident_holding(ledger, [target, *claims] if kind == "claim" else claims)
    if where is None and kind == "claim":
        where = incident_holding(ledger, [target])
    return ReviewResult(action, target, before, after, where, rebuilt)


def add_claim(ledger: Ledger, user: User, body: dict[str, Any]) -> ReviewResult:
    """Add a claim the machine missed: on a quote of a stored document, or from a source outside the ledger.

    ``body`` holds the figure (``low``/``best``/``high``/``qualifier``), ``outcome``, ``victims``,
    ``source``, optionally ``place``/``date`` and ``incident`` (the incident it belongs to), and either
    ``document_id`` with ``quote`` (or ``start``/``end``), or ``outside`` with the source's words
    (``text``) and optionally its ``url``, ``outlet`` and ``published`` date.
    """
    if not user.can("analyst"):
        raise HTTPException(403, f"user {user.username!r} is a {user.role}; adding a claim needs the analyst role")
    incident = (
        _current_incident(ledger, ledger.expand_id("incident", str(body["incident"]))) if body.get("incident") else None
    )
    note: Document | None = None
    if body.get("outside"):
        note = _outside_document(body["outside"], user.username)
        doc, span = note, Span(0, len(note.text))
    else:
        doc_id = str(body.get("document_id") or "")
        stored = ledger.get_document(doc_id) if doc_id else None
        if stored is None:
            raise HTTPException(
                404 if doc_id else 400,
                f"no document {doc_id!r}"
                if doc_id
                else "give document_id and the quote holding the figure, or outside (a source outside the ledger)",
            )
        doc, span = stored, _span_of(stored, body)
    claim = corrections.new_claim(doc, span, body, by=user.username, like=incident)
    if ledger.claims(ids=[claim.id]):
        raise _bad(f"claim {claim.id} is already in the ledger on that span; correct it instead")
    after = {
        **corrections.claim_reading(claim),
        "document": doc.id,
        "quote": claim.quote,
        "incident": incident.id if incident else None,
    }
    payload = {k: v for k, v in body.items() if k != "outside"} | ({"outside": True} if note else {})
    if incident is not None:
        # One claim of the incident anchors the new one to it on every later run.
        payload["join"] = [_anchor(ledger, incident)]
    ledger.add_analyst_claim(claim, user.username, payload, document=note, after=after)
    rebuilt = rebuild(ledger)
    return ReviewResult("add_claim", claim.id, None, after, incident_holding(ledger, [claim.id]), rebuilt)


def _span_of(doc: Document, body: dict[str, Any]) -> Span:
    """The span ``body`` names: its ``quote`` (found once in the text) or ``start``/``end`` offsets."""
    quote = str(body.get("quote") or "")
    if quote:
        at = doc.text.find(quote)
        if at < 0:
            raise _bad(f"the quote {quote[:80]!r} is not in document {doc.id[:12]}; copy it from the document page")
        if doc.text.find(quote, at + 1) >= 0:
            raise _bad(f"the quote {quote[:80]!r} occurs more than once in document {doc.id[:12]}; quote more of it")
        return Span(at, at + len(quote))
    try:
        start, end = int(body["start"]), int(body["end"])
    except (KeyError, TypeError, ValueError):
        raise _bad("give the quote holding the figure (or its start and end offsets)") from None
    if not 0 <= start < end <= len(doc.text):
        raise _bad(f"span {start}–{end} is not inside document {doc.id[:12]} (0–{len(doc.text)})")
    return Span(start, end)


def _outside_document(outside: Any, username: str) -> Document:
    """A note document holding the words of a source outside the ledger, as the analyst entered them."""
    from harmledger.documents import normalise

    if not isinstance(outside, dict):
        outside = {"text": str(outside)}
    text = " ".join(str(outside.get("text") or "").split())
    if not text:
        raise _bad("a claim from outside the ledger needs the source's words in outside.text")
    if len(text) > MAX_NOTE:
        raise _bad(f"outside.text holds at most {MAX_NOTE} characters")
    published = str(outside.get("published") or "").strip()
    try:
        day = date.fromisoformat(published) if published else None
    except ValueError:
        raise _bad(f"outside.published {published!r} is not a date; use YYYY-MM-DD") from None
    raw = text.encode("utf-8")
    return Document(
        id=sha256_hex(raw),
        original=raw,
        text=normalise(text).text,
        origin=f"entered by {username}",
        title=str(outside.get("title") or "") or None,
        outlet=str(outside.get("outlet") or "") or None,
        url=str(outside.get("url") or "") or None,
        published=day,
        published_source="analyst" if day else None,
        genre="news",  # an analyst's note of an outside source is not judged; news, as it always was
    )


def _anchor(ledger: Ledger, incident: Any) -> str:
    """The claim of ``incident`` an added claim is tied to: its first casualty claim that still counts."""
    status = ledger.claim_status()
    claims = ledger.claims(ids=list(incident.claim_ids))
    live = [c for c in claims if c.kind == "casualty" and status.get(c.id) != "rejected"]
    return (live or claims)[0].id
