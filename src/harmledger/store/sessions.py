"""Server-side browser sessions and persisted login failures.

A session is a random key in the browser's cookie and the key's SHA-256 in the ``sessions``
table: logging out deletes the row, so a cookie copied before logout is refused after it, and a
session ends after ``idle`` seconds without a request or ``absolute`` seconds after login.
Failed logins are rows of ``login_failures``, so a lockout survives a server restart.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import sqlalchemy as sa

from harmledger.records import sha256_hex
from harmledger.store.schema import login_failures, sessions, users
from harmledger.store.users import User

if TYPE_CHECKING:
    from harmledger.store.ledger import Ledger

# Writing seen_at on every request would make each page view a write; a minute is fine-grained
# enough for idle lifetimes measured in tens of minutes.
TOUCH_EVERY = timedelta(seconds=60)


def _now() -> datetime:
    return datetime.now(UTC)


def _aware(value: datetime) -> datetime:
    # SQLite hands back naive datetimes; they were written as UTC.
    return value if value.tzinfo else value.replace(tzinfo=UTC)


class Sessions:
    """Start, look up and end signed-in sessions of one ledger."""

    def __init__(self, ledger: Ledger, *, idle: int, absolute: int, clock: Callable[[], datetime] = _now) -> None:
        self.engine = ledger.engine
        self.idle = timedelta(seconds=idle)
        self.absolute = timedelta(seconds=absolute)
        self.clock = clock

    def start(self, user: User) -> str:
        """A new session key for ``user`` (only its hash is stored); expired sessions are swept."""
        key = secrets.token_urlsafe(32)
        now = self.clock()
        with self.engine.begin() as conn:
            conn.execute(
                sessions.delete().where(
                    sa.or_(sessions.c.seen_at < now - self.idle, sessions.c.created_at < now - self.absolute)
                )
            )
            conn.execute(
                sessions.insert().values(key_hash=sha256_hex(key), user_id=user.id, created_at=now, seen_at=now)
            )
        return key

    def user(self, key: str) -> User | None:
        """The user of a live session, or None when it ended, expired or never existed."""
        now = self.clock()
        key_hash = sha256_hex(key)
        with self.engine.connect() as conn:
            row = conn.execute(
                sa.select(users.c.id, users.c.username, users.c.role, sessions.c.created_at, sessions.c.seen_at)
                .join(users, users.c.id == sessions.c.user_id)
                .where(sessions.c.key_hash == key_hash)
            ).first()
        if row is None:
            return None
        seen, created = _aware(row.seen_at), _aware(row.created_at)
        if now - seen > self.idle or now - created > self.absolute:
            self.end(key)
            return None
        if now - seen > TOUCH_EVERY:
            with self.engine.begin() as conn:
                conn.execute(sessions.update().where(sessions.c.key_hash == key_hash).values(seen_at=now))
        return User(row.id, row.username, row.role)

    def end(self, key: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(sessions.delete().where(sessions.c.key_hash == sha256_hex(key)))

    def count(self, user: User) -> int:
        with self.engine.connect() as conn:
            return int(
                conn.execute(
                    sa.select(sa.func.count()).select_from(sessions).where(sessions.c.user_id == user.id)
                ).scalar_one()
            )


class LoginFailures:
    """Failed logins per key within a sliding window, kept in the ledger."""

    def __init__(self, ledger: Ledger, *, window: float, clock: Callable[[], datetime] = _now) -> None:
        self.engine = ledger.engine
        self.window = timedelta(seconds=window)
        self.clock = clock

    def recent(self, key: str) -> list[datetime]:
        """Times of the failures for ``key`` inside the window, oldest first."""
        since = self.clock() - self.window
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(login_failures.c.at)
                .where(login_failures.c.key == key, login_failures.c.at >= since)
                .order_by(login_failures.c.at)
            )
            return [_aware(r.at) for r in rows]

    def add(self, *keys: str) -> None:
        now = self.clock()
        with self.engine.begin() as conn:
            conn.execute(login_failures.delete().where(login_failures.c.at < now - self.window))
            conn.execute(login_failures.insert(), [{"key": k, "at": now} for k in keys])

    def clear(self, *keys: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(login_failures.delete().where(login_failures.c.key.in_(keys)))
