"""The application: middleware, static files, templates, error envelope and the two routers.

API errors are always ``{"ok": false, "error": "...", "status": N}``; page errors are an HTML page
with the same message. Every response carries a Content-Security-Policy that allows only local
scripts, so even a script tag that slipped through escaping could not run.
"""

from __future__ import annotations

import json
import secrets
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from harmledger.errors import HarmledgerError
from harmledger.settings import env as read_setting
from harmledger.store import Ledger
from harmledger.store.sessions import LoginFailures, Sessions
from harmledger.store.users import Users
from harmledger.web.auth import LoginLimiter, SessionMiddleware
from harmledger.web.cache import ReadCache
from harmledger.web.deps import cached, ledger_of, users_of
from harmledger.web.limits import BodyLimit, WebSettings

HERE = Path(__file__).parent
SECURITY_HEADERS: dict[str, str] = {
    "content-security-policy": (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    ),
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "same-origin",
}
API_DESCRIPTION = """Read incidents, claims, documents and aggregates; export; and (with an API token of an
analyst) record review decisions. Every JSON answer is `{"ok": true, ...}`; list answers carry
`rows` and `next` (a cursor to pass back as `cursor`, null on the last page); errors are
`{"ok": false, "error": "...", "status": N}`; a decision on an incident merged away since its id
was read is refused with 409, naming the incident now holding its claims. Send tokens as
`Authorization: Bearer hl_...` (create one with `harmledger user token NAME`)."""


class SecurityHeaders:
    """Add the security headers to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _templates() -> Environment:
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(["html", "svg"], default_for_string=True, default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    from harmledger.export import country_name
    from harmledger.records import OUTCOMES
    from harmledger.web.corrections import QUALIFIERS, VICTIM_TYPES
    from harmledger.web.present import figure_text, file_name, web_link

    env.globals.update(
        country_name=country_name,
        figure=figure_text,
        file_name=file_name,
        outcomes=OUTCOMES,
        qualifiers=QUALIFIERS,
        victim_types=VICTIM_TYPES,
        web_link=web_link,
    )
    # The audit trail as its analysts wrote it ("ü", "—", "<b>" as typed, HTML-escaped by the
    # page), not JSON's \u escapes that ``tojson`` gives for script blocks.
    env.filters["readable_json"] = lambda value: json.dumps(value, ensure_ascii=False, sort_keys=True)
    return env


def _error_message(exc: Exception) -> tuple[int, str]:
    if isinstance(exc, StarletteHTTPException):
        return exc.status_code, str(exc.detail)
    if isinstance(exc, RequestValidationError):
        parts = []
        for err in exc.errors():
            where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("body", "query", "path"))
            parts.append(f"{where}: {err.get('msg')}" if where else str(err.get("msg")))
        return 422, "; ".join(parts) or "the request is not valid"
    if isinstance(exc, HarmledgerError):
        return 400, str(exc)
    return 500, "internal error; the server log has the details"


def create_app(
    ledger: Ledger,
    *,
    secret: str | None = None,
    login_limiter: LoginLimiter | None = None,
    settings: WebSettings | None = None,
) -> FastAPI:
    """The harmledger web UI and REST API over ``ledger``.

    ``secret`` signs session cookies (default: ``HARMLEDGER_SECRET``, else a random one, so
    sessions end when the server restarts). ``settings`` holds body caps, session lifetimes and
    the login limits (default: ``WebSettings.from_env()``).
    """
    settings = settings or WebSettings.from_env()
    from harmledger.web.api import router as api_router
    from harmledger.web.suggestions import api as suggestions_api
    from harmledger.web.suggestions import pages as suggestions_pages
    from harmledger.web.views import router as page_router

    app = FastAPI(
        title="harmledger",
        summary="An auditable ledger of civilian harm reported in the news",
        description=API_DESCRIPTION,
        version="1",
        docs_url=None,  # Swagger UI loads from a CDN; /api/docs is a local page instead
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.ledger = ledger
    app.state.users = Users(ledger)
    app.state.settings = settings
    app.state.sessions = Sessions(ledger, idle=settings.session_idle_seconds, absolute=settings.session_max_seconds)
    app.state.limiter = login_limiter or LoginLimiter(
        LoginFailures(ledger, window=settings.login_window_seconds),
        max_failures=settings.login_max_failures,
        max_per_address=settings.login_max_failures_per_address,
    )
    app.state.templates = _templates()
    app.state.cache = ReadCache(ledger)

    async def on_error(request: Request, exc: Exception) -> Response:
        status, message = _error_message(exc)
        headers = getattr(exc, "headers", None)
        if request.url.path.startswith("/api/"):
            return JSONResponse({"ok": False, "error": message, "status": status}, status_code=status, headers=headers)
        from harmledger.web.detail import IncidentMoved
        from harmledger.web.views import render

        # a decision refused because its incident moved: the page offers the one to review instead
        now_in = exc.now_in if isinstance(exc, IncidentMoved) else None
        return render(
            request,
            "error.html",
            {"status": status, "message": message, "now_in": now_in},
            status=status,
            headers=headers,
        )

    for exc_type in (StarletteHTTPException, HTTPException, RequestValidationError, HarmledgerError):
        app.add_exception_handler(exc_type, on_error)

    app.include_router(api_router)
    app.include_router(suggestions_api)
    app.include_router(page_router)
    app.include_router(suggestions_pages)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.add_middleware(
        SessionMiddleware,
        secret=secret or read_setting("HARMLEDGER_SECRET") or secrets.token_urlsafe(32),
        max_age=settings.session_max_seconds,
    )
    # Outside the session middleware, so an oversized body is refused before anything else runs.
    app.add_middleware(BodyLimit, settings=settings)
    app.add_middleware(SecurityHeaders)
    return app


__all__: list[Any] = ["cached", "create_app", "ledger_of", "users_of"]
