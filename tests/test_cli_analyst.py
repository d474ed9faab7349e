"""The analyst's commands from a shell: who acts is named the same way everywhere, and a decision
on an incident that has been merged away is refused, saying where its claims went.

The ledger is the dense city of ``test_incidents_dense`` (reports written for the tests), ingested
once through the command line and copied for each spec.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner, Result

from harmledger.cli import main
from harmledger.store import Ledger
from tests.test_incidents_dense import PUBLISHED, REPORTS


def run(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The dense city's reports, ingested, with the analyst ana: a ledger file to copy."""
    folder = tmp_path_factory.mktemp("reports")
    for name, text in REPORTS.items():
        (folder / name).write_text(text + "\n", encoding="utf-8")
    db = tmp_path_factory.mktemp("ledger") / "ledger.db"
    assert run("ingest", str(folder), "--db", str(db), "--published", PUBLISHED.isoformat(), "-q").exit_code == 0
    added = run("user", "add", "ana", "--role", "analyst", "--password-stdin", "--db", str(db), input="a long pass\n")
    assert added.exit_code == 0, added.output
    return db


@pytest.fixture
def db(ingested: Path, tmp_path: Path) -> str:
    copy = tmp_path / "ledger.db"
    with sqlite3.connect(ingested) as source, sqlite3.connect(copy) as target:
        source.backup(target)  # with what the write-ahead log holds
    return str(copy)


def suggested(db: str) -> list[dict[str, Any]]:
    listed = run("suggestions", "--json", "--db", db)
    assert listed.exit_code == 0, listed.output
    return [json.loads(line) for line in listed.output.splitlines()]


def commands(group: click.Group, prefix: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], click.Command]]:
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            yield from commands(command, (*prefix, name))
        else:
            yield (*prefix, name), command


def test_every_command_that_acts_for_an_analyst_names_them_with_by() -> None:
    acting = {}
    for path, command in commands(main):
        names = {name for param in command.params for name in getattr(param, "opts", ())}
        if names & {"--by", "--as"}:
            acting[path] = run(*path, "--help").output
    assert set(acting) >= {("suggestions",), ("correct", "claim"), ("correct", "incident"), ("correct", "add-claim")}
    for path, help_text in acting.items():
        assert "--by ANALYST" in help_text, path
        assert "--as" not in help_text, path  # an old spelling is accepted, not advertised


def test_suggestions_are_decided_by_the_analyst_named_with_by_and_the_old_as_still_works(db: str) -> None:
    first, second, *_ = suggested(db)
    done = run("suggestions", "--keep-apart", first["id"][:12], "--by", "ana", "--db", db)
    assert done.exit_code == 0, done.output
    assert done.output.startswith("kept apart:")
    # the spelling scripts written before still use
    old = run("suggestions", "--keep-apart", second["id"][:12], "--as", "ana", "--db", db)
    assert old.exit_code == 0, old.output
    ledger = Ledger(db)
    assert [(d["action"], d["username"]) for d in ledger.decision_rows()] == [("keep_apart", "ana")] * 2
    ledger.close()


def test_deciding_a_suggestion_needs_one_analyst_named(db: str) -> None:
    pair = suggested(db)[0]["id"][:12]
    nobody = run("suggestions", "--merge", pair, "--db", db)
    assert nobody.exit_code == 2 and "--by NAME" in nobody.output
    two = run("suggestions", "--merge", pair, "--by", "ana", "--as", "bob", "--db", db)
    assert two.exit_code == 2 and "name different analysts" in two.output
    stranger = run("suggestions", "--merge", pair, "--by", "bob", "--db", db)
    assert stranger.exit_code == 2 and "'bob' is not an analyst" in stranger.output
    ledger = Ledger(db)
    assert ledger.decision_rows() == []
    ledger.close()


def test_correcting_an_incident_merged_away_is_refused_naming_the_one_holding_its_claims(db: str) -> None:
    pair = suggested(db)[0]
    assert run("suggestions", "--merge", pair["id"][:12], "--by", "ana", "--db", db).exit_code == 0
    ledger = Ledger(db)
    gone = next(i for i in (pair["incident_a"], pair["incident_b"]) if ledger.get_incident(i) is None)
    kept = next(i for i in (pair["incident_a"], pair["incident_b"]) if i != gone)
    decided = len(ledger.decision_rows())

    refused = run("correct", "incident", gone[:10], "--perpetrator", "Israeli army", "--by", "ana", "--db", db)
    assert refused.exit_code == 2
    assert f"incident {gone[:10]} was merged into incident {kept[:12]}" in refused.output
    assert "nothing was recorded" in refused.output
    added = run(
        "correct",
        "add-claim",
        "--incident",
        gone,
        "--outside",
        "Medics: 17 dead",
        "--best",
        "17",
        "--by",
        "ana",
        "--db",
        db,
    )
    assert added.exit_code == 2 and f"merged into incident {kept[:12]}" in added.output
    assert len(ledger.decision_rows()) == decided
    # the incident it went into takes the correction
    done = run("correct", "incident", kept[:10], "--perpetrator", "Israeli army", "--by", "ana", "--db", db)
    assert done.exit_code == 0, done.output
    ledger.close()
