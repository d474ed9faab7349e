"""What a route needs from the app it runs in: the ledger, its users and the read cache.

Routes import these from here, never from ``web.app`` (which imports the routes).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from fastapi import Request

from harmledger.store import Ledger
from harmledger.store.users import Users

T = TypeVar("T")


def ledger_of(request: Request) -> Ledger:
    return request.app.state.ledger


def cached(request: Request, build: Callable[[], T], prefix: str = "") -> T:
    """``build()`` for this request's URL, from the read cache while the ledger is unchanged."""
    key = f"{prefix}{request.url.path}?{request.url.query}"
    return request.app.state.cache.get(key, build)


def users_of(request: Request) -> Users:
    return request.app.state.users
