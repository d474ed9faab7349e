"""Possible duplicates: the suggestions page, its API and the keep-apart action.

Reconciliation never joins two reports on thin evidence; it lists the pairs of incidents that
scored close to a join (``Ledger.suggestions``). An analyst reads the two side by side with the
evidence for and against, then merges them (the existing merge decision) or keeps them apart (a
``keep_apart`` decision, replayed on every later reconciliation). Both need the analyst role.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, Field

from harmledger.store.users import User
from harmledger.web.auth import check_csrf, require
from harmledger.web.deps import ledger_of
from harmledger.web.queue import suggestion_rows
from harmledger.web.review import apply_review

api = APIRouter(prefix="/api", tags=["api"])
pages = APIRouter(include_in_schema=False)
analyst = Depends(require("analyst"))
MAX_LIMIT = 500


@api.get("/suggestions", summary="Pairs of incidents that may be one event, strongest first (analyst)")
def list_suggestions(
    request: Request,
    incident_id: str | None = Query(None, description="only the suggestions touching this incident"),
    limit: int = Query(50, ge=1, le=MAX_LIMIT),
    user: User = analyst,
) -> dict[str, Any]:
    """Rows: `id`, `score`, `incident_a`/`incident_b` with their summaries `a`/`b`, the claims that
    scored (`claim_a`, `claim_b`, `quote_a`, `quote_b`), `evidence_for` and `evidence_against`."""
    ledger = ledger_of(request)
    return {
        "ok": True,
        "rows": suggestion_rows(ledger, ledger.suggestions(incident_id=incident_id, limit=limit)),
        "next": None,
    }


class KeepApartBody(BaseModel):
    with_: str = Field(..., alias="with", min_length=1, description="the id of the other incident")


@api.post("/incidents/{incident_id}/keep-apart", summary="Keep two incidents apart for good (analyst)")
def keep_apart(request: Request, incident_id: str, body: KeepApartBody, user: User = analyst) -> dict[str, Any]:
    result = apply_review(ledger_of(request), user, "keep_apart", incident_id, {"with": body.with_})
    return {"ok": True, "row": result.to_json()}


@pages.get("/suggestions", response_class=HTMLResponse)
def suggestions_page(request: Request, done: str | None = None, user: User = analyst) -> HTMLResponse:
    from harmledger.web.views import render

    ledger = ledger_of(request)
    return render(
        request,
        "suggestions.html",
        {
            "rows": suggestion_rows(ledger, ledger.suggestions(limit=MAX_LIMIT)),
            "done": done if done in ("merge", "keep_apart") else None,
        },
    )


@pages.post("/suggestions/{suggestion_id}")
async def decide_suggestion(request: Request, suggestion_id: str) -> Response:
    """One form post from the suggestions page: merge the pair, or keep it apart."""
    from harmledger.web.views import _signed_in

    form = await request.form()
    check_csrf(request, str(form.get("csrf") or ""))
    user = _signed_in(request, "analyst")
    action = str(form.get("action") or "")
    if action not in ("merge", "keep_apart"):
        raise HTTPException(400, f"unknown action {action!r}; choose merge or keep_apart")
    ledger = ledger_of(request)
    found = next((s for s in ledger.suggestions() if s.id == suggestion_id), None)
    if found is None:
        raise HTTPException(404, f"no suggestion {suggestion_id!r}; it may have been decided already")
    other: Any = [found.incident_b] if action == "merge" else found.incident_b
    apply_review(ledger, user, action, found.incident_a, {"with": other})
    return RedirectResponse(f"/suggestions?{urlencode({'done': action})}", status_code=303)
