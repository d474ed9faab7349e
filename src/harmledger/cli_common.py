"""What every `harmledger` command module shares: the exit codes, ``--db``, opening the ledger,
and ``--by`` naming the analyst a command acts for."""

from __future__ import annotations

import sys
from collections.abc import Callable
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
    help="Ledger URL or SQLite path (default ./harmledger.db, created by `ingest`; env HARMLEDGER_DB). "
    "PostgreSQL: postgresql://user@host:port/dbname",
)


def by_option(*, required: bool = True, old_name: str | None = None) -> Callable[[Any], Any]:
    """``--by ANALYST``: who a command acts for (an analyst of the ledger), as in every command that
    records a decision. ``old_name`` is a spelling the command once used (``--as``): still accepted
    so scripts go on working, but left out of ``--help``; the command reads it with ``by_or_alias``."""

    def decorate(fn: Any) -> Any:
        if old_name:
            fn = click.option(old_name, "by_alias", hidden=True, metavar="ANALYST")(fn)
        return click.option(
            "--by", "by", required=required, metavar="ANALYST", help="Your user name (an analyst of the ledger)."
        )(fn)

    return decorate


def by_or_alias(by: str | None, alias: str | None, old_name: str) -> str | None:
    """The analyst named by ``--by`` or by its old spelling; both at once must agree."""
    if by and alias and by != alias:
        raise click.UsageError(f"--by {by} and {old_name} {alias} name different analysts; give --by only")
    return by or alias


def analyst_named(ledger: Any, name: str) -> Any:
    """The user ``name`` when they are an analyst of ``ledger``; else a usage error saying how to add one."""
    from harmledger.store.users import Users

    user = Users(ledger).get(name)
    if user is None or not user.can("analyst"):
        raise click.BadParameter(
            f"{name!r} is not an analyst of this ledger; add one with `harmledger user add {name} --role analyst`",
            param_hint="--by",
        )
    return user


def open_ledger(db: str | None, *, create: bool = False, hint: str = "") -> Any:
    """The ledger at ``db``; exit 3 with the reason when it cannot be opened or migrated.

    Only commands that store new data (``ingest``, ``user add``, ``gazetteer add``) pass ``create``:
    any other command run where no ledger is (the wrong folder, a mistyped ``--db``) would
    otherwise leave an empty one behind and answer from it as if it were the ledger. ``hint`` adds
    another way to create one to the message.
    """
    from harmledger.store import Ledger
    from harmledger.store.ledger import missing_ledger

    absent = None if create else missing_ledger(db)
    if absent is not None:
        click.echo(
            f"error: no ledger at {absent.absolute()}; run `harmledger ingest PATHS` there first to create one"
            f"{' ' + hint if hint else ''}, or pass --db (or set HARMLEDGER_DB) to the ledger you mean",
            err=True,
        )
        sys.exit(EXIT_STORE)
    try:
        return Ledger(db)
    except StoreError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_STORE)
