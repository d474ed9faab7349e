"""Search: one box on every page (``/search``) and ``GET /api/search``, over ``store.search``.

Claims are shown as the analysts left them (a corrected figure, with who corrected it).
"""

from __future__ import annotations

from html import escape
from typing import Any

from fastapi import HTTPException

from harmledger.incidents import correct_claim
from harmledger.pipeline import decisions_from_ledger
from harmledger.store import Ledger
from harmledger.store.search import MARK_END, MARK_START, SearchError, search
from harmledger.web.present import Piece, count_text, file_name
from harmledger.web.queries import document_meta


def pieces(snippet: str) -> list[Piece]:
    """A marked snippet as plain-text pieces, the matched words marked (templates escape each piece)."""
    out: list[Piece] = []
    for n, part in enumerate(snippet.replace(MARK_END, MARK_START).split(MARK_START)):
        if part:
            out.append(Piece(part, "hit" if n % 2 else None))
    return out


def as_html(snippet: str) -> str:
    """The snippet escaped, with ``<mark>`` around the matched words."""
    return "".join(f"<mark>{escape(p.text)}</mark>" if p.mark else escape(p.text) for p in pieces(snippet))


def results(ledger: Ledger, query: str, limit: int = 20) -> dict[str, list[dict[str, Any]]]:
    """Matching documents and claims as rows for the page and the API (400 for an empty query)."""
    try:
        docs, claims = search(ledger, query, limit=limit)
    except SearchError as exc:
        raise HTTPException(400, str(exc)) from None
    meta = document_meta(ledger, sorted({h.document_id for h in docs + claims}))
    found = {c.id: c for c in ledger.claims(ids=[h.claim_id for h in claims if h.claim_id])} if claims else {}
    fixes = decisions_from_ledger(ledger).claim_fixes if found else {}
    found = {cid: correct_claim(c, fixes[cid]) if cid in fixes else c for cid, c in found.items()}
    holding = _incidents_of(ledger, list(found))

    def doc_fields(doc_id: str) -> dict[str, Any]:
        m = meta.get(doc_id, {})
        return {
            "document_id": doc_id,
            "title": m.get("title") or m.get("outlet") or file_name(m.get("origin")),
            "outlet": m.get("outlet"),
            "url": m.get("url"),
            "published": m["published"].isoformat() if m.get("published") else None,
        }

    doc_rows = [
        {
            "kind": "document",
            **doc_fields(h.document_id),
            "snippet": _plain(h.snippet),
            "snippet_html": as_html(h.snippet),
            "pieces": pieces(h.snippet),
        }
        for h in docs
    ]
    claim_rows = []
    for h in claims:
        claim = found.get(h.claim_id or "")
        if claim is None:
            continue
        count = claim.count
        claim_rows.append(
            {
                "kind": "claim",
                "claim_id": claim.id,
                **doc_fields(h.document_id),
                "outcome": claim.outcome,
                "figure": count_text(count),
                "source": claim.source.name if claim.source else "the writer",
                "incident_id": holding.get(claim.id),
                "corrected_by": sorted(set(fixes[claim.id].by.values())) if claim.id in fixes else [],
                "snippet": _plain(h.snippet),
                "snippet_html": as_html(h.snippet),
                "pieces": pieces(h.snippet),
            }
        )
    return {"documents": doc_rows, "claims": claim_rows}


def _plain(snippet: str) -> str:
    return snippet.replace(MARK_START, "").replace(MARK_END, "")


def _incidents_of(ledger: Ledger, claim_ids: list[str]) -> dict[str, str]:
    import sqlalchemy as sa

    from harmledger.store.schema import incident_claims

    if not claim_ids:
        return {}
    with ledger.reading() as conn:
        rows = conn.execute(sa.select(incident_claims).where(incident_claims.c.claim_id.in_(claim_ids)))
        return {r.claim_id: r.incident_id for r in rows}
