"""The ledger store (SQLite by default, PostgreSQL for teams)."""

from harmledger.store.ledger import Ledger, Problem, resolve_url
from harmledger.store.query import SORT_COLUMNS, IncidentFilters, incident_order

__all__ = ["SORT_COLUMNS", "IncidentFilters", "Ledger", "Problem", "incident_order", "resolve_url"]
