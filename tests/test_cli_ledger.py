"""Which ledger a command opens, and that only commands storing new data ever create one.

Run where no ledger is (the wrong folder, a mistyped ``--db``), a command that reads or reviews
the ledger says so in one line and leaves nothing behind; it used to create an empty
``./harmledger.db`` and answer from it ("0 incidents") as if that were the ledger.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import harmledger
from harmledger.cli import main
from tests.conftest import _new_pg_database

SRC = Path(harmledger.__file__).parent.parent  # the package under test, for the server process
REPORT = (
    "Drone strike hits a fuel market in Bani Walid\n\n"
    "BANI WALID, Libya - A drone strike on a fuel market in Bani Walid on Saturday killed five "
    "people, including a boy, a municipal official said.\n"
)
# Commands that read the ledger or record an analyst's decision in it: none may create one.
NEEDS_A_LEDGER = [
    ("incidents",),
    ("incidents", "--aggregates"),
    ("show", "0123456789ab"),
    ("export", "--format", "csv"),
    ("verify",),
    ("reconcile",),
    ("suggestions",),
    ("correct", "incident", "0123456789ab", "--perpetrator", "Unknown", "--by", "ana"),
    ("correct", "claim", "0123456789ab", "--best", "4", "--by", "ana"),
    ("user", "list"),
    ("user", "token", "ana"),
    ("user", "role", "ana", "admin"),
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def nowhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder with no ledger in it, and no HARMLEDGER_DB pointing elsewhere."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("HARMLEDGER_DB", raising=False)
    return tmp_path


def run(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def said_no_ledger(result: Result, path: Path) -> bool:
    lines = result.stderr.splitlines()
    return (
        result.exit_code == 3
        and len(lines) == 1
        and lines[0].startswith(f"error: no ledger at {path};")
        and "harmledger ingest" in lines[0]
        and "--db" in lines[0]
    )


@pytest.mark.parametrize("args", NEEDS_A_LEDGER, ids=" ".join)
def test_a_command_run_where_no_ledger_is_says_so_and_creates_none(nowhere: Path, args: tuple[str, ...]) -> None:
    result = run(*args)
    assert said_no_ledger(result, nowhere / "harmledger.db"), result.output
    assert list(nowhere.iterdir()) == []


def test_a_mistyped_db_is_named_and_not_created(nowhere: Path) -> None:
    result = run("incidents", "--db", "ledgr.db")
    assert said_no_ledger(result, nowhere / "ledgr.db"), result.output
    # geocode needs no ledger (it only adds the places analysts put in one), but says it found none
    located = run("geocode", "Bani Walid", "--db", "sqlite:///ledgr.db")
    assert located.exit_code == 0 and "Bani Walid" in located.stdout
    assert located.stderr.startswith(f"warning: no ledger at {nowhere / 'ledgr.db'}: places analysts added")
    assert list(nowhere.iterdir()) == []


def test_ingest_creates_the_default_ledger_that_the_other_commands_then_read(nowhere: Path) -> None:
    (nowhere / "inbox").mkdir()
    (nowhere / "inbox" / "report.txt").write_text(REPORT, encoding="utf-8")
    ingested = run("ingest", "inbox", "--published", "2024-02-10", "-q")
    assert ingested.exit_code == 0, ingested.output
    assert (nowhere / "harmledger.db").exists()
    listed = run("incidents", "--format", "json")
    assert listed.exit_code == 0 and "Bani Walid" in listed.output


def test_commands_that_store_new_data_create_the_ledger(nowhere: Path) -> None:
    # the first admin of a ledger to be filled from the web's Add page, and a place for the gazetteer
    added = run("user", "add", "ana", "--role", "admin", "--password-stdin", input="a long password\n")
    assert added.exit_code == 0, added.output
    assert (nowhere / "harmledger.db").exists()
    place = run("gazetteer", "add", "Qasr Abu Hadi", "--lat", "31.05", "--lon", "16.66", "--db", "places.db")
    assert place.exit_code == 0 and (nowhere / "places.db").exists()


def test_geocode_without_a_ledger_answers_from_the_gazetteer_and_creates_none(nowhere: Path) -> None:
    result = run("geocode", "Bani Walid", "--json")
    assert result.exit_code == 0 and '"country": "LY"' in result.output
    assert list(nowhere.iterdir()) == []


def test_serve_refuses_a_missing_ledger_instead_of_serving_an_empty_one(nowhere: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "HARMLEDGER_DB"} | {"PYTHONPATH": str(SRC)}
    server = subprocess.Popen(
        [sys.executable, "-m", "harmledger", "serve", "--port", str(free_port())],
        cwd=nowhere,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        # Only a guard against the old behaviour (a server that runs until killed), not a measure.
        _out, err = server.communicate(timeout=120)
    finally:
        server.kill()
    assert server.returncode == 3, err
    assert f"error: no ledger at {nowhere / 'harmledger.db'};" in err and "user add" in err
    assert list(nowhere.iterdir()) == []


def test_a_postgresql_url_is_never_missing() -> None:
    from harmledger.store.ledger import missing_ledger

    assert missing_ledger("postgresql://harmledger@127.0.0.1:5432/harmledger") is None
    assert missing_ledger("sqlite://") is None  # in memory
    assert missing_ledger("sqlite:///:memory:") is None


@pytest.mark.postgres
def test_a_new_postgresql_database_opens_as_an_empty_ledger(nowhere: Path, postgres_server: object) -> None:
    url = _new_pg_database(postgres_server)  # created by the server's admin, no tables yet
    result = run("incidents", "--db", url)
    assert result.exit_code == 0, result.output
    assert "0 incidents" in result.output
