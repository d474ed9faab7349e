"""The web UI and REST API: ``create_app(ledger)`` returns the FastAPI application."""

from harmledger.web.app import create_app

__all__ = ["create_app"]
