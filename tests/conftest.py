"""Shared fixtures: fresh ledgers on SQLite and on a real PostgreSQL server, the seed fixture."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

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


# -- fixtures the web and browser tests share (their helpers live in test_web_seed.py) -------

# Script payloads for the escaping tests: in an article, a title, an outlet and a place.
XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture
def seeded(tmp_path: Path) -> Iterator[tuple[Any, dict[str, Any]]]:
    """A SQLite ledger in tmp_path holding the hand-built seed, with its ids."""
    from harmledger.store import Ledger
    from tests.test_web_seed import build_seed

    ledger = Ledger(f"sqlite:///{tmp_path / 'ledger.db'}")
    ids = build_seed(ledger)
    yield ledger, ids
    ledger.close()


@pytest.fixture
def client(seeded: tuple[Any, dict[str, Any]]) -> Iterator[Any]:
    """The app over the ``seeded`` ledger, in process."""
    from fastapi.testclient import TestClient

    from harmledger.web import create_app

    with TestClient(create_app(seeded[0], secret="test secret")) as test_client:
        yield test_client


@pytest.fixture
def hostile(tmp_path: Path) -> Iterator[tuple[Any, dict[str, str]]]:
    """A ledger whose article, title, outlet and place carry script payloads."""
    from harmledger.records import Count, Figures, Incident, PlaceRef
    from harmledger.store import Ledger
    from tests.test_web_seed import MANBIJ, make_claim, seed_document

    ledger = Ledger(f"sqlite:///{tmp_path / 'hostile.db'}")
    text = f"Breaking {XSS}. Shelling killed 12 people in the town {XSS} on Monday.\n"
    doc = seed_document(text, outlet=XSS, title=f"Title {XSS}")
    claim = make_claim(
        doc,
        f"Shelling killed 12 people in the town {XSS} on Monday.",
        "12",
        "killed",
        Count(12, 12, 12, "exact", text="12"),
        "incident",
        XSS,
        XSS,
        "shelling",
        MANBIJ,
    )
    ledger.add_document(doc, [claim])
    place = PlaceRef(text=XSS, name=XSS, lat=36.5, lon=37.9, country="SY")
    incident = Incident(
        id=Incident.make_id([claim.id]),
        kind="incident",
        claim_ids=(claim.id,),
        deaths=Figures(12, 12, 12),
        place=place,
        perpetrator=XSS,
        event_type=XSS,
        explanation=(XSS,),
    )
    ledger.replace_incidents([incident])
    yield ledger, {"document": doc.id, "incident": incident.id}
    ledger.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium, headless, one per test module."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh tab; the test fails if the page tries to reach anything but the loopback server."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    outside: list[str] = []
    tab.on(
        "request", lambda req: None if req.url.startswith(("http://127.0.0.1", "data:")) else outside.append(req.url)
    )
    yield tab
    context.close()
    assert outside == [], f"the page tried to reach {outside}"
