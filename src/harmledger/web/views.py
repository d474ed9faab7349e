"""The server-rendered pages: incidents, map, timeline, aggregates, incident, document, login, admin."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from harmledger.records import GRADES
from harmledger.store.users import ROLES, User, UserError
from harmledger.web.app import cached, ledger_of, users_of
from harmledger.web.auth import check_csrf, csrf_token, current_user, log_in, log_out
from harmledger.web.present import (
    CHART_H,
    CHART_PAD,
    CHART_W,
    claim_rows,
    highlight,
    incident_audit,
    rejected_elsewhere,
    timeline_bars,
)
from harmledger.web.queries import (
    SORTS,
    VICTIMS,
    IncidentFilters,
    aggregate,
    check_sort,
    document_list,
    incident_filters,
    page_of_incidents,
    tolls_beside,
)
from harmledger.web.review import ACTIONS, apply_review

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50


def render(request: Request, template: str, context: dict[str, Any], *, status: int = 200,
           headers: dict[str, str] | None = None) -> HTMLResponse:
    """Render a page with the signed-in user, a lazy CSRF token and the current path."""
    try:
        user = current_user(request)
    except HTTPException:
        user = None
    env = request.app.state.templates
    html = env.get_template(template).render(
        request=request, user=user, csrf=lambda: csrf_token(request), path=request.url.path, **context
    )
    return HTMLResponse(html, status_code=status, headers=headers)


def _signed_in(request: Request, role: str) -> User:
    """The signed-in user holding ``role``, else 401/403 (form posts check their CSRF token first)."""
    user = current_user(request)
    if user is None:
        raise HTTPException(401, f"log in as {role} or above to do this")
    if not user.can(role):
        raise HTTPException(403, f"user {user.username!r} is a {user.role}; this needs the {role} role")
    return user


def _local(target: str | None) -> str:
    """Only same-site paths are followed after login (no open redirect)."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


@router.get("/", response_class=HTMLResponse)
def incidents_page(
    request: Request,
    filters: IncidentFilters = Depends(incident_filters),
    sort: str | None = None,
    kind: str = Query("incident", pattern="^(incident|aggregate)$"),
    page: int = Query(1, ge=1),
) -> HTMLResponse:
    ledger = ledger_of(request)
    sort = check_sort(sort)
    offset = (page - 1) * PAGE_SIZE
    rows, total = cached(request, lambda: (
        page_of_incidents(ledger, filters, kind=kind, sort=sort, limit=PAGE_SIZE + 1, offset=offset),
        ledger.count_incidents(kind=kind)), prefix="page:")
    query = filters.query_pairs() + [("sort", sort), ("kind", kind)]
    return render(request, "incidents.html", {
        "incidents": rows[:PAGE_SIZE], "filters": filters, "sort": sort, "sorts": SORTS, "kind": kind,
        "grades": GRADES, "victims": VICTIMS, "page": page, "offset": offset,
        "prev_url": f"/?{urlencode(query + [('page', page - 1)])}" if page > 1 else None,
        "next_url": f"/?{urlencode(query + [('page', page + 1)])}" if len(rows) > PAGE_SIZE else None,
        "export_query": urlencode(filters.query_pairs()), "total": total,
    })


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request, filters: IncidentFilters = Depends(incident_filters)) -> HTMLResponse:
    return render(request, "map.html", {"filters": filters, "grades": GRADES, "victims": VICTIMS,
                                        "data_url": "/api/map?" + urlencode(filters.query_pairs())})


@router.get("/timeline", response_class=HTMLResponse)
def timeline_page(request: Request, filters: IncidentFilters = Depends(incident_filters)) -> HTMLResponse:
    rows = aggregate(ledger_of(request), "month", filters)
    undated = next((r for r in rows if not r["key"]), None)
    return render(request, "timeline.html", {
        "bars": timeline_bars(rows), "rows": [r for r in rows if r["key"]], "undated": undated,
        "filters": filters, "grades": GRADES, "victims": VICTIMS, "w": CHART_W, "h": CHART_H, "pad": CHART_PAD,
    })


@router.get("/aggregates", response_class=HTMLResponse)
def aggregates_page(request: Request, filters: IncidentFilters = Depends(incident_filters)) -> HTMLResponse:
    ledger = ledger_of(request)
    groups = {by: aggregate(ledger, by, filters) for by in ("country", "perpetrator", "event_type", "grade", "year")}
    tolls = ledger.incidents(kind="aggregate", **filters.ledger_kwargs())
    return render(request, "aggregates.html", {"groups": groups, "tolls": tolls, "filters": filters,
                                               "grades": GRADES, "victims": VICTIMS})


@router.get("/incidents/{incident_id}", response_class=HTMLResponse)
def incident_page(request: Request, incident_id: str, done: str | None = None) -> HTMLResponse:
    ledger = ledger_of(request)
    incident = ledger.get_incident(incident_id)
    if incident is None:
        raise HTTPException(404, f"no incident {incident_id!r}; it may have been merged or re-derived")
    status = ledger.claim_status()
    entries = ledger.audit_entries()
    moved = rejected_elsewhere(entries, incident)
    claims = claim_rows(ledger, ledger.claims(ids=[*incident.claim_ids, *moved]), status)
    tolls = tolls_beside(ledger, incident.id)
    toll_claims = claim_rows(ledger, ledger.claims(ids=[c for t in tolls for c in t.claim_ids]), status)
    notes = [d for d in ledger.decision_rows() if d["action"] == "note" and d["target"] == incident.id]
    return render(request, "incident.html", {
        "incident": incident, "claims": claims, "tolls": tolls, "toll_claims": toll_claims, "notes": notes,
        "audit": incident_audit(entries, incident, moved), "grades": GRADES,
        "done": done if done in ACTIONS else None,
    })


@router.post("/incidents/{incident_id}/review")
async def incident_review(request: Request, incident_id: str) -> Response:
    """One review form post: confirm/reject a claim, grade, note, merge or split."""
    form = await request.form()
    check_csrf(request, str(form.get("csrf") or ""))
    user = _signed_in(request, "analyst")
    action = str(form.get("action") or "")
    target = incident_id
    payload: dict[str, Any] = {}
    if action in ("confirm", "reject"):
        target = str(form.get("claim") or "")
        payload = {"reason": str(form.get("reason") or "")}
    elif action == "grade":
        payload = {"grade": str(form.get("grade") or "")}
    elif action == "note":
        payload = {"text": str(form.get("text") or "")}
    elif action == "merge":
        payload = {"with": str(form.get("with") or "").replace(",", " ").split()}
    elif action == "split":
        moved = [str(v) for v in form.getlist("split")]
        incident = ledger_of(request).get_incident(incident_id)
        rest = [c for c in (incident.claim_ids if incident else ()) if c not in moved]
        payload = {"groups": [moved, rest]}
    result = apply_review(ledger_of(request), user, action, target, payload, context=incident_id)
    where = result.incident or incident_id
    if ledger_of(request).get_incident(where) is None:
        return RedirectResponse(f"/?{urlencode({'done': action})}", status_code=303)
    return RedirectResponse(f"/incidents/{where}?{urlencode({'done': action})}#review", status_code=303)


@router.get("/documents", response_class=HTMLResponse)
def documents_page(request: Request, page: int = Query(1, ge=1)) -> HTMLResponse:
    offset = (page - 1) * PAGE_SIZE
    rows = document_list(ledger_of(request), offset, PAGE_SIZE + 1)
    return render(request, "documents.html", {
        "documents": rows[:PAGE_SIZE], "page": page,
        "prev_url": f"/documents?page={page - 1}" if page > 1 else None,
        "next_url": f"/documents?page={page + 1}" if len(rows) > PAGE_SIZE else None,
    })


@router.get("/documents/{document_id}", response_class=HTMLResponse)
def document_page(request: Request, document_id: str, done: str | None = None) -> HTMLResponse:
    ledger = ledger_of(request)
    doc = ledger.get_document(document_id)
    if doc is None:
        raise HTTPException(404, f"no document {document_id!r}")
    status = ledger.claim_status()
    claims = ledger.claims(document_id=document_id)
    rows = claim_rows(ledger, claims, status)
    spans = [(c.span.start, c.span.end, c.id, r["figure_text"] or r["figure"]) for c, r in zip(claims, rows, strict=True)]
    return render(request, "document.html", {
        "doc": doc, "pieces": highlight(doc.text, spans), "claims": rows, "status": status,
        "audit": ledger.audit_entries(document_id), "done": done if done in ACTIONS else None,
    })


@router.post("/documents/{document_id}/published")
async def document_published(request: Request, document_id: str) -> Response:
    form = await request.form()
    check_csrf(request, str(form.get("csrf") or ""))
    user = _signed_in(request, "analyst")
    apply_review(ledger_of(request), user, "publish_date", document_id, {"published": str(form.get("published") or "")})
    return RedirectResponse(f"/documents/{document_id}?done=publish_date", status_code=303)


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str | None = None) -> HTMLResponse:  # noqa: A002 - the usual name
    return render(request, "login.html", {"next": _local(next), "error": None})


@router.post("/login")
async def login(request: Request) -> Response:
    form = await request.form()
    check_csrf(request, str(form.get("csrf") or ""))
    username = str(form.get("username") or "").strip()
    password = str(form.get("password") or "")
    target = _local(str(form.get("next") or "/"))
    limiter = request.app.state.limiter
    keys = (request.client.host if request.client else "-", username)
    wait = limiter.retry_after(*keys)
    if wait is not None:
        return render(request, "login.html", {"next": target, "error": f"Too many failed logins; try again in {wait} s."},
                      status=429, headers={"retry-after": str(wait)})
    user = users_of(request).authenticate(username, password)
    if user is None:
        limiter.failed(*keys)
        return render(request, "login.html", {"next": target, "error": "Wrong user name or password."}, status=401)
    limiter.succeeded(*keys)
    log_in(request, user)
    return RedirectResponse(target, status_code=303)


@router.post("/logout")
async def logout(request: Request) -> Response:
    form = await request.form()
    check_csrf(request, str(form.get("csrf") or ""))
    log_out(request)
    return RedirectResponse("/", status_code=303)


@router.get("/admin/users", response_class=HTMLResponse)
def admin_page(request: Request) -> HTMLResponse:
    _signed_in(request, "admin")
    users = users_of(request)
    return render(request, "admin.html", {"users": users.all(), "roles": ROLES, "tokens": {
        u.username: users.tokens(u.username) for u in users.all()}, "new_token": None, "error": None})


@router.post("/admin/users", response_class=HTMLResponse)
async def admin_post(request: Request) -> HTMLResponse:
    """Create a user, change a role, issue or revoke a token (admin)."""
    form = await request.form()
    check_csrf(request, str(form.get("csrf") or ""))
    admin = _signed_in(request, "admin")
    users = users_of(request)
    action, username = str(form.get("action") or ""), str(form.get("username") or "").strip()
    new_token, error = None, None
    try:
        if action == "add":
            users.add(username, str(form.get("password") or ""), str(form.get("role") or ""), by=admin.username)
        elif action == "role":
            users.set_role(username, str(form.get("role") or ""), by=admin.username)
        elif action == "token":
            new_token = (username, users.issue_token(username, str(form.get("label") or "") or None, by=admin.username))
        elif action == "revoke":
            token_id = str(form.get("token") or "")
            if not token_id.isdigit():
                raise UserError(f"token {token_id!r} is not a token id")
            users.revoke_token(username, int(token_id), by=admin.username)
        else:
            error = f"unknown action {action!r}"
    except UserError as exc:
        error = str(exc)
    return render(request, "admin.html", {"users": users.all(), "roles": ROLES, "tokens": {
        u.username: users.tokens(u.username) for u in users.all()}, "new_token": new_token, "error": error},
        status=400 if error else 200)


@router.get("/api/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    """The API reference, rendered locally from the OpenAPI schema (no CDN-hosted Swagger UI)."""
    schema = request.app.openapi()
    routes = [
        {"method": method.upper(), "path": path, "summary": op.get("summary", ""), "doc": op.get("description", ""),
         "params": [(p["name"], p["in"], p.get("description", "")) for p in op.get("parameters", [])],
         "body": bool(op.get("requestBody")), "auth": any(tag for tag in ("analyst", "admin") if tag in op.get("summary", ""))}
        for path, ops in schema["paths"].items() for method, op in ops.items()
    ]
    return render(request, "api_docs.html", {"routes": routes, "description": schema["info"].get("description", "")})
