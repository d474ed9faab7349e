"""The ledger store (SQLite by default, PostgreSQL for teams)."""

from harmledger.store.ledger import Ledger, Problem, resolve_url

__all__ = ["Ledger", "Problem", "resolve_url"]
