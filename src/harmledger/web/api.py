"""The REST API under ``/api/`` (OpenAPI at ``/api/openapi.json``, docs at ``/api/docs``).

Reads are open to anyone who can reach the server; review actions need an analyst, user
administration an admin (Bearer token, or a session plus the X-CSRF-Token header).
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Body, Depends, HTTPException, Path, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from harmledger.export import MEDIA_TYPES, RENDERERS, incident_summary, render
from harmledger.export_claims import CLAIM_FORMATS
from harmledger.incidents import correct_claim as corrected  # the route below is named correct_claim
from harmledger.pipeline import claims_export, decisions_from_ledger
from harmledger.records import GRADES, to_jsonable
from harmledger.store.users import ROLES, User, UserError
from harmledger.web.auth import current_user, require
from harmledger.web.deps import cached, ledger_of, users_of
from harmledger.web.detail import incident_detail, incident_or_404
from harmledger.web.intake import read_intake, run_intake
from harmledger.web.present import file_name
from harmledger.web.queries import (
    GROUPINGS,
    MAX_PAGE,
    SORTS,
    IncidentFilters,
    aggregate,
    check_sort,
    decode_cursor,
    document_list,
    encode_cursor,
    incident_filters,
    map_features,
    page_of_incidents,
)
from harmledger.web.review import add_claim, apply_review
from harmledger.web.search import results

router = APIRouter(prefix="/api", tags=["api"])


def _page(rows: list[Any], offset: int, limit: int) -> dict[str, Any]:
    """The list envelope; ``rows`` holds up to ``limit + 1`` items (the extra one says there is more)."""
    more = len(rows) > limit
    return {"ok": True, "rows": rows[:limit], "next": encode_cursor(offset + limit) if more else None}


def _json(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _claim_json(claim: Any, status: dict[str, str], fixes: Any = None) -> dict[str, Any]:
    """A claim as the analysts left it; a corrected one also carries ``correction`` and the ``machine`` reading."""
    fix = (fixes or {}).get(claim.id)
    if fix is None:
        return {**to_jsonable(claim), "status": status.get(claim.id, "auto"), "correction": None}
    return {
        **to_jsonable(corrected(claim, fix)),
        "status": status.get(claim.id, "auto"),
        "correction": {"values": dict(fix.values), "by": dict(fix.by)},
        "machine": to_jsonable(claim),
    }


@router.get("/incidents", summary="List incidents (filters, sorting, cursor pagination)")
def list_incidents(
    request: Request,
    filters: IncidentFilters = Depends(incident_filters),
    kind: str = Query(
        "incident", pattern="^(incident|aggregate)$", description="incident, or aggregate for cumulative tolls"
    ),
    sort: str = Query("-deaths", description=f"one of {', '.join(SORTS)}"),
    limit: int = Query(50, ge=1, le=MAX_PAGE),
    cursor: str | None = Query(None, description="the `next` value of the previous page"),
) -> Response:
    """Rows are flat incident summaries (id, place, country, lat, lon, dates, event_type, perpetrator,
    victims, deaths_low/best/high, injured_low/best/high, grade, n_sources, n_claims,
    child_deaths_low/best/high, women_deaths_low/best/high)."""
    offset, sort = decode_cursor(cursor), check_sort(sort)

    def build() -> bytes:
        found = page_of_incidents(ledger_of(request), filters, kind=kind, sort=sort, limit=limit + 1, offset=offset)
        return _json(_page([incident_summary(i) for i in found], offset, limit))

    return Response(cached(request, build), media_type="application/json")


_NUMBER = {"type": ["integer", "null"]}
_FIGURES = {
    "type": "object",
    "description": "low / best / high and the rule that set them",
    "properties": {"low": _NUMBER, "best": _NUMBER, "high": _NUMBER, "rule": {"type": "string"}},
}
# The figures of an incident and of a claim, documented here because the routes return plain dicts.
_INCIDENT_SCHEMA = {
    "type": "object",
    "properties": {
        "ok": {"type": "boolean"},
        "row": {
            "type": "object",
            "properties": {
                "incident": {
                    "type": "object",
                    "properties": {
                        "id": {"type": "string"},
                        "deaths": _FIGURES,
                        "injured": _FIGURES,
                        "civilian_deaths": _FIGURES,
                        "child_deaths": {**_FIGURES, "description": "children among the dead, reconciled as deaths"},
                        "women_deaths": {**_FIGURES, "description": "women among the dead, reconciled as deaths"},
                    },
                },
                "claims": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {
                            "id": {"type": "string"},
                            "children": {**_NUMBER, "description": "children the text counts among the figure"},
                            "women": {**_NUMBER, "description": "women the text counts among the figure"},
                        },
                    },
                },
            },
        },
    },
}


@router.get(
    "/incidents/{incident_id}",
    summary="One incident with its claims, tolls beside it and audit log",
    responses={200: {"content": {"application/json": {"schema": _INCIDENT_SCHEMA}}}},
)
def get_incident(request: Request, incident_id: str) -> dict[str, Any]:
    """``incident_id`` may be a unique prefix of 8 or more characters (as the CLI prints them).
    The incident carries ``child_deaths`` and ``women_deaths`` (children and women among the dead,
    low / best / high) beside ``deaths`` and ``civilian_deaths``; each claim ``children`` and
    ``women``: how many of its figure the text says were children or women (null: not said)."""
    detail = incident_detail(ledger_of(request), incident_id)
    fixes = detail.decisions.claim_fixes
    return {
        "ok": True,
        "row": {
            "incident": to_jsonable(detail.incident),
            "claims": [_claim_json(c, detail.status, fixes) for c in detail.claims],
            "aggregates": [incident_summary(t) for t in detail.tolls],
            "audit": to_jsonable(detail.audit),
        },
    }


@router.get("/claims", summary="Claims of an incident, of a document, or by id")
def list_claims(
    request: Request,
    incident_id: str | None = None,
    document_id: str | None = None,
    ids: list[str] | None = Query(None, description="claim ids (repeat the parameter)"),
) -> dict[str, Any]:
    ledger = ledger_of(request)
    if incident_id:
        ids = list(incident_or_404(ledger, incident_id).claim_ids)
    if ids is None and document_id is None:
        raise HTTPException(400, "give incident_id, document_id or ids")
    status = ledger.claim_status()
    fixes = decisions_from_ledger(ledger).claim_fixes
    claims = ledger.claims(document_id=document_id, ids=ids)
    return {"ok": True, "rows": [_claim_json(c, status, fixes) for c in claims], "next": None}


@router.get("/documents", summary="List documents (metadata, no text)")
def list_documents(
    request: Request, limit: int = Query(50, ge=1, le=MAX_PAGE), cursor: str | None = None
) -> dict[str, Any]:
    offset = decode_cursor(cursor)
    rows = document_list(ledger_of(request), offset, limit + 1)
    if current_user(request) is None:  # anonymous readers see file names, never the server's folders
        rows = [{**r, "origin": file_name(r["origin"])} for r in rows]
    return _page(rows, offset, limit)


@router.get("/documents/{document_id}", summary="One document: metadata, normalised text and its claims")
def get_document(request: Request, document_id: str) -> dict[str, Any]:
    ledger = ledger_of(request)
    doc = ledger.get_document(document_id)
    if doc is None:
        raise HTTPException(404, f"no document {document_id!r}")
    status = ledger.claim_status()
    fixes = decisions_from_ledger(ledger).claim_fixes
    claims = ledger.claims(document_id=document_id)
    data = to_jsonable(doc)
    if current_user(request) is None:
        data["origin"] = file_name(doc.origin)
    return {"ok": True, "row": {"document": data, "claims": [_claim_json(c, status, fixes) for c in claims]}}


@router.get("/aggregates", summary="Incidents and deaths grouped by country, perpetrator, month …")
def get_aggregates(
    request: Request,
    by: str = Query("country", description=f"one of {', '.join(GROUPINGS)}"),
    kind: str = Query("incident", pattern="^(incident|aggregate)$"),
    filters: IncidentFilters = Depends(incident_filters),
) -> Response:
    """Rows: key, incidents, deaths_low (sum of lows), deaths (sum of best-else-low), deaths_high, injured."""
    body = cached(
        request, lambda: _json({"ok": True, "rows": aggregate(ledger_of(request), by, filters, kind), "next": None})
    )
    return Response(body, media_type="application/json")


@router.get("/map", summary="Incidents with coordinates as GeoJSON (most deaths first)")
def get_map(
    request: Request,
    filters: IncidentFilters = Depends(incident_filters),
    limit: int = Query(5000, ge=1, le=20_000),
    format: str = Query(  # noqa: A002 - the public name
        "geojson", pattern="^(geojson|compact)$", description="geojson, or compact: `columns` and one list a row"
    ),
) -> Response:
    """A FeatureCollection plus `total` (incidents matching), `located` (with coordinates), `truncated`;
    with `format=compact`, `columns` (id, lon, lat, place, country, date, event_type, grade, deaths_low,
    deaths, deaths_high) and `rows` (one list per incident in that order) instead of `features`."""
    compact = format == "compact"
    # Plain JSON types already: skip FastAPI's per-value encoder, which dominates for 5,000 points.
    body = cached(
        request, lambda: _json({"ok": True, **map_features(ledger_of(request), filters, limit, compact=compact)})
    )
    return Response(body, media_type="application/json")


@router.get("/export", summary="Export incidents: ucdp, acled, geojson, json or csv", response_class=Response)
def export(
    request: Request,
    format: str = Query("ucdp", description=f"one of {', '.join(RENDERERS)}"),  # noqa: A002 - the public name
    filters: IncidentFilters = Depends(incident_filters),
) -> Response:
    if format not in RENDERERS:
        raise HTTPException(400, f"format {format!r} is not one of {', '.join(RENDERERS)}")
    ledger = ledger_of(request)
    kwargs = filters.ledger_kwargs()
    body = render(format, ledger.incidents(**kwargs), ledger, grade_asked=kwargs.get("grade"))
    suffix = {"ucdp": "csv", "acled": "csv", "csv": "csv"}.get(format, format)
    return Response(
        body,
        media_type=MEDIA_TYPES[format],
        headers={"content-disposition": f'attachment; filename="harmledger-{format}.{suffix}"'},
    )


@router.get("/search", summary="Full-text search over documents and claims, with highlighted snippets")
def search_api(
    request: Request,
    q: str = Query(..., min_length=1, max_length=500, description='words (all must occur) and "quoted phrases"'),
    limit: int = Query(20, ge=1, le=100, description="at most this many documents and this many claims"),
) -> dict[str, Any]:
    """Rows: documents then claims, each with `kind`, `document_id`, `title`, `outlet`, `url`, `published`,
    `snippet` (plain) and `snippet_html` (escaped, the matched words in `<mark>`); claims also carry
    `claim_id`, `outcome`, `figure`, `source` and `incident_id`."""
    found = results(ledger_of(request), q, limit)
    rows = [{k: v for k, v in r.items() if k != "pieces"} for r in found["documents"] + found["claims"]]
    return {"ok": True, "rows": rows, "next": None}


@router.get("/export/claims", summary="Export claims (one row per claim): csv or json", response_class=Response)
def export_claims(
    request: Request,
    format: str = Query("csv", description=f"one of {', '.join(CLAIM_FORMATS)}"),  # noqa: A002 - the public name
    filters: IncidentFilters = Depends(incident_filters),
    kind: str = Query("incident", pattern="^(incident|aggregate)$"),
) -> Response:
    """The claims of the incidents the filters select: figure, qualifier, outcome, victims, children, women,
    source, quote, span, document hash, url (or file name) and incident id; corrected claims as corrected."""
    if format not in CLAIM_FORMATS:
        raise HTTPException(400, f"format {format!r} is not one of {', '.join(CLAIM_FORMATS)}")
    ledger = ledger_of(request)
    body = claims_export(ledger, ledger.incidents(kind=kind, **filters.ledger_kwargs()), format)
    return Response(
        body,
        media_type=CLAIM_FORMATS[format],
        headers={"content-disposition": f'attachment; filename="harmledger-claims.{format}"'},
    )


@router.get("/me", summary="Who the request is authenticated as")
def me(request: Request) -> dict[str, Any]:
    user = current_user(request)
    return {"ok": True, "row": {"username": user.username, "role": user.role} if user else None}


# -- review actions (analyst) ----------------------------------------------------------------


class ReasonBody(BaseModel):
    reason: str | None = Field(default=None, max_length=5000, description="why (kept in the audit log)")
    incident: str | None = Field(default=None, description="the incident page the decision was taken on")


class MergeBody(BaseModel):
    with_: list[str] = Field(..., alias="with", min_length=1, description="ids of the incidents to merge into this one")


class SplitBody(BaseModel):
    groups: list[list[str]] = Field(..., min_length=2, description="claim ids, one list per new incident")


class GradeBody(BaseModel):
    grade: str = Field(..., description=f"one of {', '.join(GRADES)}")


class NoteBody(BaseModel):
    text: str = Field(..., min_length=1, max_length=5000)


class PublishedBody(BaseModel):
    published: str = Field(..., description="YYYY-MM-DD")


def _done(
    request: Request, user: User, action: str, target: str, payload: dict[str, Any], context: str | None = None
) -> dict[str, Any]:
    result = apply_review(ledger_of(request), user, action, target, payload, context=context)
    return {"ok": True, "row": result.to_json()}


analyst = Depends(require("analyst"))
admin = Depends(require("admin"))


@router.post("/claims/{claim_id}/confirm", summary="Confirm a claim (analyst)")
def confirm_claim(
    request: Request, claim_id: str, body: ReasonBody | None = None, user: User = analyst
) -> dict[str, Any]:
    body = body or ReasonBody()
    return _done(request, user, "confirm", claim_id, {"reason": body.reason}, body.incident)


@router.post("/claims/{claim_id}/reject", summary="Reject a claim; it stays visible as rejected (analyst)")
def reject_claim(
    request: Request, claim_id: str, body: ReasonBody | None = None, user: User = analyst
) -> dict[str, Any]:
    body = body or ReasonBody()
    return _done(request, user, "reject", claim_id, {"reason": body.reason}, body.incident)


@router.post("/incidents/{incident_id}/merge", summary="Merge other incidents into this one (analyst)")
def merge_incidents(request: Request, incident_id: str, body: MergeBody, user: User = analyst) -> dict[str, Any]:
    return _done(request, user, "merge", incident_id, {"with": body.with_})


@router.post("/incidents/{incident_id}/split", summary="Split an incident into groups of claims (analyst)")
def split_incident(request: Request, incident_id: str, body: SplitBody, user: User = analyst) -> dict[str, Any]:
    return _done(request, user, "split", incident_id, {"groups": body.groups})


@router.post("/incidents/{incident_id}/grade", summary="Set an incident's grade (analyst)")
def grade_incident(request: Request, incident_id: str, body: GradeBody, user: User = analyst) -> dict[str, Any]:
    return _done(request, user, "grade", incident_id, {"grade": body.grade})


@router.post("/incidents/{incident_id}/notes", summary="Add a note to an incident (analyst)")
def note_incident(request: Request, incident_id: str, body: NoteBody, user: User = analyst) -> dict[str, Any]:
    return _done(request, user, "note", incident_id, {"text": body.text})


@router.post("/incidents/{incident_id}/reviewed", summary="Mark an incident reviewed as it is (analyst)")
def mark_reviewed(request: Request, incident_id: str, user: User = analyst) -> dict[str, Any]:
    """Takes the incident off the review queue; the audit log says who looked at it and when."""
    return _done(request, user, "reviewed", incident_id, {})


@router.post("/documents/{document_id}/published", summary="Set a document's publication date (analyst)")
def set_published(request: Request, document_id: str, body: PublishedBody, user: User = analyst) -> dict[str, Any]:
    return _done(request, user, "publish_date", document_id, {"published": body.published})


CLAIM_FIX_DOC = (
    "Any of: low, best, high, qualifier (the figure, set as a whole), outcome, victims, source "
    "(null: the writer), date (YYYY-MM-DD), place (a name or {name, lat, lon, country}); and "
    "optionally incident, the incident page it was done on. Replayed on every reconciliation."
)


@router.post(
    "/claims/{claim_id}/correct",
    summary="Correct a claim's figure, outcome, victims, source, date or place (analyst)",
    description=CLAIM_FIX_DOC,
)
def correct_claim(
    request: Request, claim_id: str, body: dict[str, Any] = Body(..., examples=[{"best": 9}]), user: User = analyst
) -> dict[str, Any]:
    values = {k: v for k, v in body.items() if k not in ("incident", "reason")}
    context = str(body["incident"]) if body.get("incident") else None
    return _done(request, user, "correct_claim", claim_id, {"values": values, "reason": body.get("reason")}, context)


@router.post(
    "/incidents/{incident_id}/correct",
    summary="Correct an incident's place, date, perpetrator, event type or victims (analyst)",
    description="Any of: place (a name or {name, lat, lon, country}), date (YYYY-MM-DD), perpetrator, "
    "event_type, victims; an empty value clears the field; `reason` (why) is kept in the audit log. "
    "Replayed on every reconciliation.",
)
def correct_incident(
    request: Request,
    incident_id: str,
    body: dict[str, Any] = Body(..., examples=[{"perpetrator": "X"}]),
    user: User = analyst,
) -> dict[str, Any]:
    values = {k: v for k, v in body.items() if k != "reason"}
    return _done(request, user, "correct_incident", incident_id, {"values": values, "reason": body.get("reason")})


@router.post(
    "/claims",
    summary="Add a claim the machine missed (analyst)",
    status_code=201,
    description="The figure (low/best/high/qualifier), outcome, victims, source, optionally place, date and "
    "incident; and either document_id with quote (or start/end), or outside: {text, url, outlet, "
    "published} for a source outside the ledger.",
)
def add_claim_route(request: Request, body: dict[str, Any] = Body(...), user: User = analyst) -> dict[str, Any]:
    return {"ok": True, "row": add_claim(ledger_of(request), user, body).to_json()}


@router.post(
    "/documents",
    summary="Add documents: paste a text or upload files (analyst)",
    status_code=201,
    description="multipart/form-data with files (txt, html, jsonl, warc, or a gzip of these) and/or text, "
    "url, outlet, title, published (YYYY-MM-DD); or JSON {text, url, outlet, title, published} "
    "or {files: [{name, content | base64}]}. Each document is stored with its SHA-256 and who "
    "added it (audit log), analysed and reconciled. Rows: added and skipped document ids, "
    "claims, errors (each naming its file), incidents holding the new claims. 400 when "
    "nothing could be added.",
)
async def add_documents(request: Request, user: User = analyst) -> JSONResponse:
    uploads, pasted, fields = await read_intake(request)
    report = await run_intake(ledger_of(request), user.username, uploads, pasted, fields)
    if report.errors and not report.added and not report.skipped:
        return JSONResponse(
            {"ok": False, "error": "; ".join(report.errors), "status": 400, "row": report.to_json()}, status_code=400
        )
    return JSONResponse({"ok": True, "row": report.to_json()}, status_code=201)


# -- users and tokens (admin) ------------------------------------------------------------------


class NewUser(BaseModel):
    username: str
    password: str = Field(..., min_length=8)
    role: str = Field("viewer", description=f"one of {', '.join(ROLES)}")


class NewToken(BaseModel):
    label: str | None = None


@router.get("/users", summary="List users (admin)")
def list_users(request: Request, user: User = admin) -> dict[str, Any]:
    return {
        "ok": True,
        "rows": [{"username": u.username, "role": u.role} for u in users_of(request).all()],
        "next": None,
    }


@router.post("/users", summary="Create a user (admin)", status_code=201)
def add_user(request: Request, body: NewUser, user: User = admin) -> dict[str, Any]:
    try:
        new = users_of(request).add(body.username, body.password, body.role, by=user.username)
    except UserError as exc:
        raise HTTPException(400, str(exc)) from None
    return {"ok": True, "row": {"username": new.username, "role": new.role}}


@router.post("/users/{username}/tokens", summary="Issue an API token; shown once (admin)", status_code=201)
def add_token(request: Request, username: str, body: NewToken | None = None, user: User = admin) -> dict[str, Any]:
    try:
        token = users_of(request).issue_token(username, (body or NewToken()).label, by=user.username)
    except UserError as exc:
        raise HTTPException(404, str(exc)) from None
    return {"ok": True, "row": {"username": username, "token": token}}


def _token_json(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": row["id"],
        "label": row["label"],
        "created_at": _iso(row["created_at"]),
        "revoked_at": _iso(row["revoked_at"]),
        "active": row["revoked_at"] is None,
    }


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


@router.get("/users/{username}/tokens", summary="List a user's API tokens, never the tokens themselves (admin)")
def list_tokens(request: Request, username: str, user: User = admin) -> dict[str, Any]:
    if users_of(request).get(username) is None:
        raise HTTPException(404, f"no user {username!r}")
    return {"ok": True, "rows": [_token_json(t) for t in users_of(request).tokens(username)], "next": None}


@router.delete("/users/{username}/tokens/{token_id}", summary="Revoke an API token; it stops working at once (admin)")
def revoke_token(
    request: Request,
    username: str,
    token_id: int = Path(..., ge=1, le=2**63 - 1, description="the token's id (`GET …/tokens`)"),
    user: User = admin,
) -> dict[str, Any]:
    try:
        row = users_of(request).revoke_token(username, token_id, by=user.username)
    except UserError as exc:
        raise HTTPException(404, str(exc)) from None
    return {"ok": True, "row": _token_json(row)}


class RoleBody(BaseModel):
    role: str = Field(..., description=f"one of {', '.join(ROLES)}")


@router.post("/users/{username}/role", summary="Change a user's role; the last admin stays one (admin)")
def set_role(request: Request, username: str, body: RoleBody, user: User = admin) -> dict[str, Any]:
    users = users_of(request)
    if users.get(username) is None:
        raise HTTPException(404, f"no user {username!r}")
    try:
        changed = users.set_role(username, body.role, by=user.username)
    except UserError as exc:
        raise HTTPException(409 if "last admin" in str(exc) else 400, str(exc)) from None
    return {"ok": True, "row": {"username": changed.username, "role": changed.role}}
