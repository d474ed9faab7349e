"""The server-rendered pages: incidents, map, timeline, aggregates, incident, document, login, admin."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from harmledger.pipeline import decisions_from_ledger
from harmledger.records import GRADES
from harmledger.store.users import ROLES, User, UserError
from harmledger.web import timeline
from harmledger.web.auth import check_csrf, csrf_token, current_user, log_in, log_out
from harmledger.web.deps import cached, ledger_of, users_of
from harmledger.web.detail import incident_detail
from harmledger.web.intake import read_intake, run_intake
from harmledger.web.present import (
    claim_rows,
    highlight,
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
)
from harmledger.web.queue import review_queue, suggestion_rows
from harmledger.web.review import ACTIONS, add_claim, apply_review, incident_holding, successor
from harmledger.web.search import results

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50
MAX_PAGE = 1_000_000  # deeper pages hold nothing; past SQLite's integers they were a 500


def render(
    request: Request,
    template: str,
    context: dict[str, Any],
    *,
    status: int = 200,
    headers: dict[str, str] | None = None,
) -> HTMLResponse:
    """Render a page with the signed-in user, a lazy CSRF token and the current path."""
    try:
        user = current_user(request)
    except HTTPException:
        user = None
    env = request.app.state.templates
    html = env.get_template(template).render(
        request=request, user=user, csrf=lambda: csrf_token(request), path=request.url.path, **context
    )
    if user is not None:
        # A signed-in page holds the user's name and edit forms: after logging out, Back must not
        # show it again from the browser's cache.
        headers = {**(headers or {}), "Cache-Control": "no-store"}
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


@router.api_route("/", methods=["GET", "HEAD"], response_class=HTMLResponse)
def incidents_page(
    request: Request,
    filters: IncidentFilters = Depends(incident_filters),
    sort: str | None = None,
    kind: str = Query("incident", pattern="^(incident|aggregate)$"),
    page: int = Query(1, ge=1, le=MAX_PAGE),
) -> HTMLResponse:
    ledger = ledger_of(request)
    sort = check_sort(sort)
    offset = (page - 1) * PAGE_SIZE
    rows, total = cached(
        request,
        lambda: (
            page_of_incidents(ledger, filters, kind=kind, sort=sort, limit=PAGE_SIZE + 1, offset=offset),
            ledger.count_incidents(kind=kind),
        ),
        prefix="page:",
    )
    query = filters.query_pairs() + [("sort", sort), ("kind", kind)]
    return render(
        request,
        "incidents.html",
        {
            "incidents": rows[:PAGE_SIZE],
            "filters": filters,
            "sort": sort,
            "sorts": SORTS,
            "kind": kind,
            "grades": GRADES,
            "victims": VICTIMS,
            "page": page,
            "offset": offset,
            "prev_url": f"/?{urlencode(query + [('page', page - 1)])}" if page > 1 else None,
            "next_url": f"/?{urlencode(query + [('page', page + 1)])}" if len(rows) > PAGE_SIZE else None,
            "export_query": urlencode(filters.query_pairs()),
            "total": total,
        },
    )


@router.get("/incidents")
def incidents_path(request: Request) -> RedirectResponse:
    """``/incidents`` (the API's path, and where a user guesses the list is) is the list at ``/``."""
    query = request.url.query
    return RedirectResponse("/" + (f"?{query}" if query else ""), status_code=307)


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request, filters: IncidentFilters = Depends(incident_filters)) -> HTMLResponse:
    return render(
        request,
        "map.html",
        {
            "filters": filters,
            "grades": GRADES,
            "victims": VICTIMS,
            "data_url": "/api/map?" + urlencode([*filters.query_pairs(), ("format", "compact")]),
        },
    )


@router.get("/timeline", response_class=HTMLResponse)
def timeline_page(request: Request, filters: IncidentFilters = Depends(incident_filters)) -> HTMLResponse:
    ledger = ledger_of(request)
    rows = aggregate(ledger, "month", filters)
    undated = next((r for r in rows if not r["key"]), None)
    cols = timeline.columns(timeline.monthly(ledger, filters))
    return render(
        request,
        "timeline.html",
        {
            "columns": cols,
            "ticks": timeline.ticks(cols),
            "rows": [r for r in rows if r["key"]],
            "undated": undated,
            "stack": [(v, timeline.STACK_LABELS[v]) for v in timeline.STACK],
            "countries": timeline.breakdown(aggregate(ledger, "country", filters)),
            "perpetrators": timeline.breakdown(aggregate(ledger, "perpetrator", filters)),
            "filters": filters,
            "grades": GRADES,
            "victims": VICTIMS,
            "w": timeline.CHART_W,
            "h": timeline.CHART_H,
            "pad": timeline.CHART_PAD,
        },
    )


@router.get("/aggregates", response_class=HTMLResponse)
def aggregates_page(request: Request, filters: IncidentFilters = Depends(incident_filters)) -> HTMLResponse:
    ledger = ledger_of(request)
    groups = {by: aggregate(ledger, by, filters) for by in ("country", "perpetrator", "event_type", "grade", "year")}
    tolls = ledger.incidents(kind="aggregate", **filters.ledger_kwargs())
    return render(
        request,
        "aggregates.html",
        {"groups": groups, "tolls": tolls, "filters": filters, "grades": GRADES, "victims": VICTIMS},
    )


@router.get("/incidents/{incident_id}", response_class=HTMLResponse)
def incident_page(request: Request, incident_id: str, done: str | None = None, moved: str | None = None) -> Response:
    ledger = ledger_of(request)
    full = ledger.expand_id("incident", incident_id)
    if full != incident_id:  # a short id: the page lives at the full one
        return RedirectResponse(
            f"/incidents/{full}" + (f"?{request.url.query}" if request.url.query else ""), status_code=307
        )
    went = successor(ledger, full) if ledger.get_incident(full) is None else None
    if went is not None:  # merged away: a bookmark or a shared link leads to where its claims are
        return RedirectResponse(f"/incidents/{went.incident}?moved={full}", status_code=303)
    detail = incident_detail(ledger, incident_id)
    incident, tolls, status, fixes = detail.incident, detail.tolls, detail.status, detail.decisions.claim_fixes
    claims = claim_rows(ledger, detail.claims, status, fixes)
    identity = sorted(
        {tuple(cue.split(":", 1)) for c in detail.claims if c.id in incident.claim_ids for cue in c.identity}
    )
    toll_claims = claim_rows(ledger, ledger.claims(ids=[c for t in tolls for c in t.claim_ids]), status, fixes)
    notes = [d for d in ledger.decision_rows() if d["action"] == "note" and d["target"] == incident.id]
    fix = detail.decisions.incident_fixes.get(incident.id)
    return render(
        request,
        "incident.html",
        {
            "incident": incident,
            "claims": claims,
            "tolls": tolls,
            "toll_claims": toll_claims,
            "notes": notes,
            "audit": detail.audit,
            "grades": GRADES,
            "done": done if done in (*ACTIONS, "add_claim") else None,
            "moved": moved if moved and all(ch in "0123456789abcdef" for ch in moved) else None,
            "fixed_by": dict(fix.by) if fix else {},
            "documents": _incident_documents(claims),
            "identity": identity,
            "suggested": ledger.suggestions(incident_id=incident.id),
            "splits": detail.splits,
        },
    )


def _incident_documents(rows: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """(id, title) of the documents an incident's claims come from, for the add-a-claim form."""
    return list(dict.fromkeys((r["document_id"], r["document_title"]) for r in rows))


def _form_values(form: Any, names: tuple[str, ...]) -> dict[str, Any]:
    """The correction fields a form filled in (empty ones are left as the machine read them)."""
    values: dict[str, Any] = {}
    for name in names:
        value = str(form.get(name) or "").strip()
        if value:
            values[name] = value
    if str(form.get("place") or "").strip():
        values["place"] = {
            "name": str(form.get("place")).strip(),
            "lat": str(form.get("lat") or "").strip() or None,
            "lon": str(form.get("lon") or "").strip() or None,
            "country": str(form.get("country") or "").strip() or None,
        }
    return values


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
        if incident and not (moved and rest):
            raise HTTPException(400, "tick the claims to move to a new incident, leaving at least one in this one")
        payload = {"groups": [moved, rest]}
    elif action == "correct_claim":
        target = str(form.get("claim") or "")
        payload = {
            "values": _form_values(form, ("low", "best", "high", "qualifier", "outcome", "victims", "source", "date"))
        }
    elif action == "correct_incident":
        payload = {"values": _form_values(form, ("date", "perpetrator", "event_type", "victims"))}
    if action == "add_claim":
        body: dict[str, Any] = {
            **_form_values(form, ("low", "best", "high", "qualifier", "outcome", "victims", "source", "date")),
            "incident": incident_id,
        }
        if str(form.get("outside") or "").strip():
            body["outside"] = {
                "text": str(form.get("outside")),
                "url": str(form.get("url") or "").strip() or None,
                "outlet": str(form.get("outlet") or "").strip() or None,
            }
        else:
            body.update(document_id=str(form.get("document_id") or ""), quote=str(form.get("quote") or "").strip())
        result = add_claim(ledger_of(request), user, body)
    else:
        result = apply_review(ledger_of(request), user, action, target, payload, context=incident_id)
    where = result.incident or incident_id
    if action == "split":
        # The page split stays with the claims left unticked: reconciliation gives the incident's
        # id to the larger part, which may be the ticked one. Its page links the part moved out.
        where = incident_holding(ledger_of(request), payload["groups"][1]) or where
    if str(form.get("back") or "") == "/review":
        return RedirectResponse(f"/review?{urlencode({'done': action})}", status_code=303)
    if ledger_of(request).get_incident(where) is None:
        return RedirectResponse(f"/?{urlencode({'done': action})}", status_code=303)
    return RedirectResponse(f"/incidents/{where}?{urlencode({'done': action})}#review", status_code=303)


@router.get("/documents", response_class=HTMLResponse)
def documents_page(request: Request, page: int = Query(1, ge=1, le=MAX_PAGE)) -> HTMLResponse:
    offset = (page - 1) * PAGE_SIZE
    rows = document_list(ledger_of(request), offset, PAGE_SIZE + 1)
    return render(
        request,
        "documents.html",
        {
            "documents": rows[:PAGE_SIZE],
            "page": page,
            "prev_url": f"/documents?page={page - 1}" if page > 1 else None,
            "next_url": f"/documents?page={page + 1}" if len(rows) > PAGE_SIZE else None,
        },
    )


@router.get("/documents/{document_id}", response_class=HTMLResponse)
def document_page(request: Request, document_id: str, done: str | None = None) -> HTMLResponse:
    ledger = ledger_of(request)
    doc = ledger.get_document(document_id)
    if doc is None:
        raise HTTPException(404, f"no document {document_id!r}")
    status = ledger.claim_status()
    claims = ledger.claims(document_id=document_id)
    rows = claim_rows(ledger, claims, status, decisions_from_ledger(ledger).claim_fixes)
    spans = [
        (c.span.start, c.span.end, c.id, r["figure_text"] or r["figure"]) for c, r in zip(claims, rows, strict=True)
    ]
    return render(
        request,
        "document.html",
        {
            "incidents": ledger.incidents_holding([c.id for c in claims]),
            "doc": doc,
            "pieces": highlight(doc.text, spans),
            "claims": rows,
            "status": status,
            "audit": ledger.audit_entries(document_id),
            "done": done if done in (*ACTIONS, "add_document") else None,
        },
    )


@router.post("/documents/{document_id}/published")
async def document_published(request: Request, document_id: str) -> Response:
    form = await request.form()
    check_csrf(request, str(form.get("csrf") or ""))
    user = _signed_in(request, "analyst")
    apply_review(ledger_of(request), user, "publish_date", document_id, {"published": str(form.get("published") or "")})
    return RedirectResponse(f"/documents/{document_id}?done=publish_date", status_code=303)


REVIEW_SUGGESTIONS = 10  # the strongest possible duplicates shown on the queue; the rest on /suggestions


@router.get("/review", response_class=HTMLResponse)
def review_page(request: Request, done: str | None = None) -> HTMLResponse:
    """The review queue (analyst): unreviewed incidents by deaths, doubtful claims, merging by ticking."""
    _signed_in(request, "analyst")
    ledger = ledger_of(request)
    queue = review_queue(ledger)
    status = ledger.claim_status()
    doubts = claim_rows(ledger, [d.claim for d in queue["doubts"]], status, decisions_from_ledger(ledger).claim_fixes)
    return render(
        request,
        "review.html",
        {
            **queue,
            "doubt_rows": list(zip(queue["doubts"], doubts, strict=True)),
            "done": done if done in (*ACTIONS, "merge") else None,
            "suggestions": suggestion_rows(ledger, ledger.suggestions(limit=REVIEW_SUGGESTIONS)),
        },
    )


@router.post("/review")
async def review_post(request: Request) -> Response:
    """Merge the ticked incidents (the first ticked keeps its id), or mark one reviewed."""
    form = await request.form()
    check_csrf(request, str(form.get("csrf") or ""))
    user = _signed_in(request, "analyst")
    action = str(form.get("action") or "")
    if action == "merge":
        picked = list(dict.fromkeys(str(v) for v in form.getlist("pick")))
        if len(picked) < 2:
            raise HTTPException(400, "tick at least two incidents to merge")
        result = apply_review(ledger_of(request), user, "merge", picked[0], {"with": picked[1:]})
        return RedirectResponse(f"/incidents/{result.incident or picked[0]}?done=merge", status_code=303)
    if action == "reviewed":
        apply_review(ledger_of(request), user, "reviewed", str(form.get("incident") or ""), {})
        return RedirectResponse("/review?done=reviewed", status_code=303)
    raise HTTPException(400, f"unknown action {action!r}; the review page merges or marks reviewed")


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, q: str = "") -> HTMLResponse:
    found = results(ledger_of(request), q) if q.strip() else {"documents": [], "claims": []}
    return render(request, "search.html", {"q": q, **found})


@router.get("/add", response_class=HTMLResponse)
def add_page(request: Request) -> HTMLResponse:
    _signed_in(request, "analyst")
    return render(request, "add.html", {"report": None})


@router.post("/add", response_class=HTMLResponse)
async def add_post(request: Request) -> Response:
    """Paste or upload reports (analyst); the analysis runs off the event loop."""
    user = _signed_in(request, "analyst")
    uploads, pasted, fields = await read_intake(request)
    check_csrf(request, str(fields.get("csrf") or ""))
    report = await run_intake(ledger_of(request), user.username, uploads, pasted, fields)
    if len(report.added) == 1 and not report.errors:
        return RedirectResponse(f"/documents/{report.added[0]}?done=add_document", status_code=303)
    return render(request, "add.html", {"report": report}, status=400 if report.errors and not report.added else 200)


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
        return render(
            request,
            "login.html",
            {"next": target, "error": f"Too many failed logins; try again in {wait} s."},
            status=429,
            headers={"retry-after": str(wait)},
        )
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
    return render(
        request,
        "admin.html",
        {
            "users": users.all(),
            "roles": ROLES,
            "tokens": {u.username: users.tokens(u.username) for u in users.all()},
            "new_token": None,
            "error": None,
        },
    )


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
    return render(
        request,
        "admin.html",
        {
            "users": users.all(),
            "roles": ROLES,
            "tokens": {u.username: users.tokens(u.username) for u in users.all()},
            "new_token": new_token,
            "error": error,
        },
        status=400 if error else 200,
    )


@router.get("/api/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    """The API reference, rendered locally from the OpenAPI schema (no CDN-hosted Swagger UI)."""
    schema = request.app.openapi()
    routes = [
        {
            "method": method.upper(),
            "path": path,
            "summary": op.get("summary", ""),
            "doc": op.get("description", ""),
            "params": [(p["name"], p["in"], p.get("description", "")) for p in op.get("parameters", [])],
            "body": bool(op.get("requestBody")),
            "auth": any(tag for tag in ("analyst", "admin") if tag in op.get("summary", "")),
        }
        for path, ops in schema["paths"].items()
        for method, op in ops.items()
    ]
    return render(request, "api_docs.html", {"routes": routes, "description": schema["info"].get("description", "")})
