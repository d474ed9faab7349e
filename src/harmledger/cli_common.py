"""What every `harmledger` command module shares: the exit codes, ``--db`` and opening the ledger."""

from __future__ import annotations

import sys
from typing import Any

import click

from harmledger.errors import StoreError

EXIT_CHECK_FAILED = 1
EXIT_STORE = 3

db_option = click.option(
    "--db",
    envvar="HARMLEDGER_DB",
    default=None,
    metavar="URL",
    help="Ledger URL or SQLite path (default ./harmledger.db; env HARMLEDGER_DB). "
    "PostgreSQL: postgresql://user@host:port/dbname",
)


def open_ledger(db: str | None) -> Any:
    """The ledger at ``db``; exit 3 with the reason when it cannot be opened or migrated."""
    from harmledger.store import Ledger

    try:
        return Ledger(db)
    except StoreError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_STORE)
