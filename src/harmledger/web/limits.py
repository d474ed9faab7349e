"""The web server's limits and lifetimes (``WebSettings``), and the request body cap.

Each setting has a default, an environment variable and a line on why it has that value.
``BodyLimit`` refuses an oversized body before any route parses it: at once (413) when
``Content-Length`` says so, else as soon as the bytes received pass the cap, so a 200 MB POST
costs the server no more memory than a small one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from typing import Any

from fastapi import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from harmledger.errors import SettingsError
from harmledger.settings import env as read_setting

MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class WebSettings:
    """Limits and lifetimes of `harmledger serve` (env ``HARMLEDGER_<NAME>``, e.g. HARMLEDGER_MAX_BODY_BYTES)."""

    max_body_bytes: int = 1 * MB
    """Largest request body anywhere but upload routes: review forms and JSON bodies are a few kB."""

    max_upload_bytes: int = 50 * MB
    """Largest body on an upload route (``upload_paths``); matches the readers' max_record_bytes."""

    upload_paths: tuple[str, ...] = ("/api/documents", "/add")
    """Path prefixes of routes that take uploaded files, and so get ``max_upload_bytes`` (comma-separated in env)."""

    session_idle_seconds: int = 2 * 3600
    """A signed-in session ends after this long without a request."""

    session_max_seconds: int = 12 * 3600
    """A session ends this long after login whatever happens (one working day)."""

    login_max_failures: int = 5
    """Failed logins allowed per client address and user name together inside ``login_window_seconds``."""

    login_max_failures_per_address: int = 50
    """Failed logins allowed from one address over all user names (password spraying) in the window."""

    login_window_seconds: int = 300
    """The sliding window failed logins are counted in."""

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides: Any) -> WebSettings:
        """Defaults, then ``HARMLEDGER_<NAME>`` variables, then ``overrides``; a bad value names the variable."""
        values: dict[str, Any] = {}
        for field in fields(cls):
            name = f"HARMLEDGER_{field.name.upper()}"
            raw = read_setting(name, environ)
            if raw is None:
                continue
            if field.name == "upload_paths":
                values[field.name] = tuple(p.strip() for p in raw.split(",") if p.strip())
                continue
            try:
                values[field.name] = int(raw)
            except ValueError:
                raise SettingsError(f"{name}={raw!r} is not a whole number") from None
        values.update({k: v for k, v in overrides.items() if v is not None})
        settings = cls(**values)
        for field in fields(cls):
            value = getattr(settings, field.name)
            if isinstance(value, int) and value <= 0:
                raise SettingsError(f"{field.name} must be positive, not {value}")
        return settings

    def body_limit(self, path: str) -> int:
        """The body cap for a request to ``path``."""
        if any(path == p or path.startswith(p.rstrip("/") + "/") for p in self.upload_paths):
            return self.max_upload_bytes
        return self.max_body_bytes


class BodyTooLarge(HTTPException):
    def __init__(self, limit: int) -> None:
        super().__init__(413, f"the request body is larger than the {_size(limit)} this server accepts")


def _size(n: int) -> str:
    return f"{n // MB} MB" if n >= MB and n % MB == 0 else f"{n} bytes"


class BodyLimit:
    """Cap request bodies before anything parses them (see the module docstring)."""

    def __init__(self, app: ASGIApp, settings: WebSettings) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.settings.body_limit(scope["path"])
        declared = next((v for k, v in scope.get("headers", []) if k == b"content-length"), None)
        if declared is not None:
            try:
                too_large = int(declared) > limit
            except ValueError:
                await _refuse(scope, send, 400, "the Content-Length header is not a number")
                return
            if too_large:
                await _refuse(scope, send, 413, BodyTooLarge(limit).detail)
                return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
            return message

        await self.app(scope, counted, send)


async def _refuse(scope: Scope, send: Send, status: int, message: str) -> None:
    """Answer without reading the body: the JSON error envelope under /api/, plain text elsewhere."""
    if scope["path"].startswith("/api/"):
        body = json.dumps({"ok": False, "error": message, "status": status}).encode()
        media = b"application/json"
    else:
        body = f"{status}: {message}\n".encode()
        media = b"text/plain; charset=utf-8"
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", media),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
