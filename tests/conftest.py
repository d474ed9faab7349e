"""Shared fixtures: fresh ledgers on SQLite and on a real PostgreSQL server, the seed fixture."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
SEED_FILE = Path(__file__).parent.parent / "samples" / "000_211a3c4709587a4d.txt"

_db_counter = itertools.count()


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[object]:
    """A real PostgreSQL server for the session; HARMLEDGER_TEST_PG_URL points at an existing one.

    There is no skip: when the server cannot start the PostgreSQL tests fail, saying why.
    """
    if os.environ.get("HARMLEDGER_TEST_PG_URL"):
        yield os.environ["HARMLEDGER_TEST_PG_URL"]
        return
    from tests.pg import start_postgres

    try:
        server = start_postgres()
    except Exception as exc:  # noqa: BLE001
        pytest.fail(f"could not start PostgreSQL for the tests ({exc}); install it: apt-get install postgresql")
    yield server
    server.stop()


def _new_pg_database(server: object) -> str:
    import psycopg

    if isinstance(server, str):
        admin = server
        make_url = lambda name: server.rsplit("/", 1)[0] + "/" + name  # noqa: E731
    else:
        admin = server.admin_url  # type: ignore[attr-defined]
        make_url = server.url  # type: ignore[attr-defined]
    name = f"hl_test_{os.getpid()}_{next(_db_counter)}"
    with psycopg.connect(admin.replace("postgresql+psycopg://", "postgresql://"), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return make_url(name)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def ledger_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A URL of a fresh, empty ledger database on each backend."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'ledger.db'}"
    return _new_pg_database(request.getfixturevalue("postgres_server"))


@pytest.fixture
def ledger(ledger_url: str) -> Iterator[object]:
    from harmledger.store import Ledger

    store = Ledger(ledger_url)
    yield store
    store.close()


@pytest.fixture
def sqlite_ledger(tmp_path: Path) -> Iterator[object]:
    from harmledger.store import Ledger

    store = Ledger(f"sqlite:///{tmp_path / 'ledger.db'}")
    yield store
    store.close()
