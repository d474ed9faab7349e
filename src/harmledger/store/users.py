"""Users, roles and API tokens over the ledger's ``users`` and ``api_tokens`` tables.

Passwords are hashed with argon2id; API tokens are random and only their SHA-256 is stored, so a
copy of the database yields neither. Creating a user or a token is written to the audit log.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from harmledger.errors import StoreError
from harmledger.records import sha256_hex
from harmledger.store.schema import api_tokens, sessions, users

if TYPE_CHECKING:
    from harmledger.store.ledger import Ledger

ROLES: tuple[str, ...] = ("viewer", "analyst", "admin")
# What each role may do; a higher role holds every right of the lower ones.
ROLE_RANK: dict[str, int] = {role: rank for rank, role in enumerate(ROLES)}
USERNAME_PATTERN = re.compile(r"^[A-Za-z0-9_.@-]{1,64}$")
MIN_PASSWORD_LENGTH = 8
TOKEN_PREFIX = "hl_"

_hasher = PasswordHasher()
# Verifying against this keeps a login for an unknown user as slow as one for a known user.
_DUMMY_HASH = _hasher.hash("not a password of anyone")


class UserError(StoreError):
    """A user or token operation was refused (unknown user, bad role, weak password…)."""


@dataclass(frozen=True, slots=True)
class User:
    """Someone who can log in: their name and role."""

    id: int
    username: str
    role: str

    def can(self, role: str) -> bool:
        """True when this user holds ``role`` or a higher one."""
        return ROLE_RANK.get(self.role, -1) >= ROLE_RANK[role]


def _now() -> datetime:
    return datetime.now(UTC)


class Users:
    """The user accounts and API tokens of one ledger."""

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self.engine = ledger.engine

    def add(self, username: str, password: str, role: str, *, by: str = "cli") -> User:
        """Create a user; raises ``UserError`` for a taken name, unknown role or short password."""
        if not USERNAME_PATTERN.match(username):
            raise UserError(f"user name {username!r} must be 1-64 letters, digits or _ . @ -")
        if role not in ROLES:
            raise UserError(f"role {role!r} is not one of {', '.join(ROLES)}")
        if len(password) < MIN_PASSWORD_LENGTH:
            raise UserError(f"the password for {username!r} must have at least {MIN_PASSWORD_LENGTH} characters")
        with self.engine.begin() as conn:
            if conn.execute(sa.select(users.c.id).where(users.c.username == username)).first():
                raise UserError(f"user {username!r} already exists")
            result = conn.execute(
                users.insert()
                .values(username=username, password_hash=_hasher.hash(password), role=role, created_at=_now())
                .returning(users.c.id)
            )
            user_id = int(result.scalar_one())
            self.ledger.append_audit(conn, by, "add_user", "user", username, None, {"role": role})
        return User(user_id, username, role)

    def get(self, username: str) -> User | None:
        with self.engine.connect() as conn:
            row = conn.execute(
                sa.select(users.c.id, users.c.username, users.c.role).where(users.c.username == username)
            ).first()
        return User(row.id, row.username, row.role) if row else None

    def all(self) -> list[User]:
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(users.c.id, users.c.username, users.c.role).order_by(users.c.username))
            return [User(r.id, r.username, r.role) for r in rows]

    def count(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(sa.select(sa.func.count()).select_from(users)).scalar_one())

    def authenticate(self, username: str, password: str) -> User | None:
        """The user when ``password`` is theirs, else None (same work either way)."""
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(users).where(users.c.username == username)).first()
        stored = row.password_hash if row else _DUMMY_HASH
        try:
            _hasher.verify(stored, password)
        except (VerificationError, InvalidHashError):
            return None
        if row is None:
            return None
        if _hasher.check_needs_rehash(stored):
            with self.engine.begin() as conn:
                conn.execute(users.update().where(users.c.id == row.id).values(password_hash=_hasher.hash(password)))
        return User(row.id, row.username, row.role)

    def set_role(self, username: str, role: str, *, by: str) -> User:
        """Change a user's role (audited); the last admin cannot stop being one."""
        if role not in ROLES:
            raise UserError(f"role {role!r} is not one of {', '.join(ROLES)}")
        user = self._existing(username)
        if user.role == role:
            return user
        with self.engine.begin() as conn:
            if user.role == "admin":
                self._keep_an_admin(conn, user, f"make {username!r} a {role}")
            conn.execute(users.update().where(users.c.id == user.id).values(role=role))
            self.ledger.append_audit(conn, by, "set_role", "user", username, {"role": user.role}, {"role": role})
        return User(user.id, username, role)

    def remove(self, username: str, *, by: str) -> None:
        """Delete a user with their sessions and tokens (audited); never the last admin."""
        user = self._existing(username)
        with self.engine.begin() as conn:
            if user.role == "admin":
                self._keep_an_admin(conn, user, f"remove {username!r}")
            conn.execute(sessions.delete().where(sessions.c.user_id == user.id))
            conn.execute(api_tokens.delete().where(api_tokens.c.user_id == user.id))
            conn.execute(users.delete().where(users.c.id == user.id))
            self.ledger.append_audit(conn, by, "remove_user", "user", username, {"role": user.role}, None)

    def _existing(self, username: str) -> User:
        user = self.get(username)
        if user is None:
            raise UserError(f"no user {username!r}; list them with `harmledger user list`")
        return user

    def _keep_an_admin(self, conn: sa.Connection, user: User, what: str) -> None:
        if self.ledger.dialect == "postgresql":
            # Two admins demoting each other at once must not both succeed.
            conn.execute(sa.text("LOCK TABLE users IN EXCLUSIVE MODE"))
        admins = conn.execute(sa.select(sa.func.count()).select_from(users).where(users.c.role == "admin")).scalar_one()
        if admins <= 1:
            raise UserError(
                f"cannot {what}: {user.username!r} is the last admin; make another user an admin first "
                f"(`harmledger user role NAME admin`)"
            )

    def issue_token(self, username: str, label: str | None = None, *, by: str = "cli") -> str:
        """A new API token for ``username``; shown once, only its hash is stored."""
        user = self.get(username)
        if user is None:
            raise UserError(f"no user {username!r}; create it first with `harmledger user add {username}`")
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        with self.engine.begin() as conn:
            conn.execute(
                api_tokens.insert().values(
                    user_id=user.id, token_hash=sha256_hex(token), label=label, created_at=_now()
                )
            )
            self.ledger.append_audit(conn, by, "issue_token", "user", username, None, {"label": label})
        return token

    def user_for_token(self, token: str) -> User | None:
        """The owner of an API token, or None for an unknown token."""
        if not token.startswith(TOKEN_PREFIX):
            return None
        with self.engine.connect() as conn:
            row = conn.execute(
                sa.select(users.c.id, users.c.username, users.c.role)
                .join(api_tokens, api_tokens.c.user_id == users.c.id)
                .where(api_tokens.c.token_hash == sha256_hex(token), api_tokens.c.revoked_at.is_(None))
            ).first()
        return User(row.id, row.username, row.role) if row else None

    def tokens(self, username: str) -> list[dict[str, object]]:
        """The ids, labels, creation and revocation times of a user's tokens (never the tokens)."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(api_tokens.c.id, api_tokens.c.label, api_tokens.c.created_at, api_tokens.c.revoked_at)
                .join(users, users.c.id == api_tokens.c.user_id)
                .where(users.c.username == username)
                .order_by(api_tokens.c.id)
            )
            return [dict(r._mapping) for r in rows]

    def revoke_token(self, username: str, token_id: int, *, by: str) -> dict[str, object]:
        """Revoke one of ``username``'s tokens by its id (audited); it stops working at once."""
        user = self._existing(username)
        if not 0 < token_id < 2**63:  # the database's integers: no token has another id
            raise UserError(f"{username!r} has no token {token_id}; list them with `harmledger user tokens {username}`")
        with self.engine.begin() as conn:
            row = conn.execute(
                sa.select(api_tokens).where(api_tokens.c.id == token_id, api_tokens.c.user_id == user.id)
            ).first()
            if row is None:
                raise UserError(
                    f"{username!r} has no token {token_id}; list them with `harmledger user tokens {username}`"
                )
            if row.revoked_at is None:
                conn.execute(api_tokens.update().where(api_tokens.c.id == token_id).values(revoked_at=_now()))
                self.ledger.append_audit(
                    conn, by, "revoke_token", "user", username, None, {"token": token_id, "label": row.label}
                )
        [revoked] = [t for t in self.tokens(username) if t["id"] == token_id]
        return revoked


__all__ = ["ROLES", "User", "UserError", "Users"]
