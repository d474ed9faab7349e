"""Sessions, CSRF tokens, roles, API tokens and the login rate limit.

The cookie is signed (itsdangerous): HttpOnly, SameSite=Lax, and Secure whenever the request came
over https. It carries the CSRF token and, once signed in, a random session key whose hash is a
row of the ledger's ``sessions`` table (``store/sessions.py``): logging out deletes the row, so
a copy of the cookie is refused after logout. Every state-changing form carries the session's
CSRF token; API clients send a Bearer token instead (browsers never attach it on their own, so
it needs no CSRF token).
"""

from __future__ import annotations

import hmac
import json
import secrets
from collections.abc import Callable
from datetime import datetime
from typing import Any

from fastapi import HTTPException, Request
from itsdangerous import BadSignature, URLSafeTimedSerializer
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from harmledger.store.sessions import LoginFailures, Sessions
from harmledger.store.users import User, Users

SESSION_COOKIE = "harmledger_session"
SESSION_MAX_AGE = 12 * 3600  # seconds; the cookie's own lifetime (WebSettings.session_max_seconds)
SESSION_KEY = "sid"
CSRF_FIELD = "csrf"
CSRF_HEADER = "x-csrf-token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class SessionMiddleware:
    """Keep ``scope["session"]`` in a signed cookie; write the cookie only when the session changed."""

    def __init__(self, app: ASGIApp, secret: str, *, max_age: int = SESSION_MAX_AGE) -> None:
        self.app = app
        self.max_age = max_age
        self.signer = URLSafeTimedSerializer(secret, salt="harmledger.session")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        session: dict[str, Any] = {}
        for name, value in scope.get("headers", []):
            if name == b"cookie":
                session = self._load(value.decode("latin-1")) or session
        scope["session"] = session
        initial = json.dumps(session, sort_keys=True)

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start":
                current = scope["session"]
                if json.dumps(current, sort_keys=True) != initial:
                    MutableHeaders(scope=message).append("set-cookie", self._cookie(current, scope))
            await send(message)

        await self.app(scope, receive, send_with_cookie)

    def _load(self, header: str) -> dict[str, Any] | None:
        for part in header.split(";"):
            name, _, value = part.strip().partition("=")
            if name == SESSION_COOKIE and value:
                try:
                    data = self.signer.loads(value, max_age=self.max_age)
                except BadSignature:
                    return None
                return data if isinstance(data, dict) else None
        return None

    def _cookie(self, session: dict[str, Any], scope: Scope) -> str:
        secure = "; Secure" if scope.get("scheme") == "https" else ""
        if not session:
            return f"{SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax{secure}"
        value = self.signer.dumps(session)
        return f"{SESSION_COOKIE}={value}; Path=/; Max-Age={self.max_age}; HttpOnly; SameSite=Lax{secure}"


def csrf_token(request: Request) -> str:
    """The session's CSRF token, created on first use (which also starts the session cookie)."""
    token = request.session.get(CSRF_FIELD)
    if not token:
        token = secrets.token_urlsafe(24)
        request.session[CSRF_FIELD] = token
    return str(token)


def check_csrf(request: Request, submitted: str | None) -> None:
    """Refuse (403) a state-changing request whose CSRF token does not match the session's."""
    expected = request.session.get(CSRF_FIELD)
    if not expected or not submitted or not hmac.compare_digest(str(expected), str(submitted)):
        raise HTTPException(403, "the form's CSRF token is missing or stale; reload the page and try again")


def log_in(request: Request, user: User) -> None:
    """Start a fresh server-side session for ``user`` (and a new CSRF token, so a planted session is useless)."""
    sessions: Sessions = request.app.state.sessions
    request.session.clear()
    request.session[SESSION_KEY] = sessions.start(user)
    request.session[CSRF_FIELD] = secrets.token_urlsafe(24)


def log_out(request: Request) -> None:
    """End the session on the server, so the cookie is worthless even if a copy was kept."""
    key = request.session.get(SESSION_KEY)
    if key:
        request.app.state.sessions.end(str(key))
    request.session.clear()


def bearer_token(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def current_user(request: Request) -> User | None:
    """The user behind this request: by Bearer token, else by session (None when anonymous).

    The role is read from the database on each request, so a changed role takes effect at once.
    """
    if "user" in request.scope.get("state", {}):
        return request.state.user
    users: Users = request.app.state.users
    token = bearer_token(request)
    user = None
    if token is not None:
        user = users.user_for_token(token)
        if user is None:
            raise HTTPException(401, "the API token is unknown or revoked; issue one with `harmledger user token NAME`")
        request.state.via_token = True
    elif request.session.get(SESSION_KEY):
        user = request.app.state.sessions.user(str(request.session[SESSION_KEY]))
        if user is None:
            request.session.clear()  # ended or expired: drop the cookie too
    request.state.user = user
    return user


def require(role: str) -> Callable[[Request], User]:
    """A dependency that lets through users holding ``role`` (401 anonymous, 403 too low).

    Session-authenticated writes must also carry the CSRF token (form field or X-CSRF-Token).
    """

    def dependency(request: Request) -> User:
        user = current_user(request)
        if user is None:
            raise HTTPException(401, f"log in (or send an API token) as {role} or above to do this")
        if not user.can(role):
            raise HTTPException(403, f"user {user.username!r} is a {user.role}; this needs the {role} role")
        if request.method not in SAFE_METHODS and not getattr(request.state, "via_token", False):
            check_csrf(request, request.headers.get(CSRF_HEADER))
        return user

    dependency.__name__ = f"require_{role}"
    return dependency


class LoginLimiter:
    """Refuse logins after too many failures for one client address and user name together.

    Counting per address *and* name means nobody can lock an analyst out from elsewhere; a looser
    cap per address alone slows one machine guessing many names. Failures are kept in the ledger
    (``store/sessions.py``), so a restart does not reset them.
    """

    def __init__(self, failures: LoginFailures, *, max_failures: int = 5, max_per_address: int = 50) -> None:
        self.failures = failures
        self.limits = {"pair": max_failures, "address": max_per_address}

    @staticmethod
    def _keys(address: str, username: str) -> dict[str, str]:
        return {"pair": f"{address}|{username.strip().lower()}", "address": f"{address}|"}

    def retry_after(self, address: str, username: str) -> int | None:
        """Seconds until another attempt is allowed, or None when one is allowed now."""
        waits = []
        now: datetime = self.failures.clock()
        for kind, key in self._keys(address, username).items():
            times = self.failures.recent(key)
            if len(times) >= self.limits[kind]:
                reopens = times[-self.limits[kind]] + self.failures.window
                waits.append(int((reopens - now).total_seconds()) + 1)
        return max(waits) if waits else None

    def failed(self, address: str, username: str) -> None:
        self.failures.add(*self._keys(address, username).values())

    def succeeded(self, address: str, username: str) -> None:
        self.failures.clear(self._keys(address, username)["pair"])
