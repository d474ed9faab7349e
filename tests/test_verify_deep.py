"""`verify --deep` re-derives documents, claims and incidents, so even an edit whose seal was
recomputed (by someone who read store/integrity.py) is named."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from harmledger.cli import main
from harmledger.pipeline import ingest, verify_deep
from harmledger.store import Ledger
from harmledger.store.integrity import row_digest
from harmledger.store.schema import claims, documents, incidents
from tests.conftest import SEED_FILE

FEED = "".join(
    json.dumps(record) + "\n"
    for record in [
        {
            "text": "Artillery fire hit a crowded bus station in the town of Kafr Nabl on Sunday, killing at least 9 "
            "civilians and wounding 23, the local council said.",
            "url": "https://example.org/kafr-nabl",
            "published": "2019-05-12",
        },
        {
            "text": "Two days after the shelling of the bus station in Kafr Nabl that killed 9 people, rescuers said the "
            "toll had risen to 11.",
            "url": "https://example.org/kafr-nabl-2",
            "published": "2019-05-14",
        },
    ]
)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("deep")
    (folder / "feed.jsonl").write_text(FEED, encoding="utf-8")
    path = folder / "template.db"
    with Ledger(f"sqlite:///{path}") as ledger:
        report = ingest(ledger, [SEED_FILE, folder / "feed.jsonl"])
        assert report.errors == [] and report.claims > 0
    return path


@pytest.fixture
def ledger(template: Path, tmp_path: Path) -> Any:
    copy = tmp_path / "ledger.db"
    shutil.copy(template, copy)
    with Ledger(f"sqlite:///{copy}") as store:
        yield store


def reseal(ledger: Ledger, table: sa.Table, row_id: str, change: Callable[[dict[str, Any]], None]) -> None:
    """Edit a row and recompute its seal, so the plain `verify` cannot tell."""
    with ledger.engine.begin() as conn:
        row = dict(conn.execute(sa.select(table).where(table.c.id == row_id)).one()._mapping)
        change(row)
        row["digest"] = row_digest(table, row)
        conn.execute(table.update().where(table.c.id == row_id).values(**row))


def test_a_clean_ledger_re_derives_exactly(ledger: Ledger) -> None:
    assert verify_deep(ledger) == []
    result = CliRunner().invoke(main, ["verify", "--deep", "--db", ledger.url])
    assert result.exit_code == 0 and "checked and re-derived" in result.output


def test_resealed_text_is_caught_by_reading_the_original_again(ledger: Ledger) -> None:
    doc = next(d for d in ledger.documents() if "Kafr Nabl on Sunday" in d.text)

    def change(row: dict[str, Any]) -> None:
        row["text"] = row["text"].replace("at least 9 civilians", "at least 90 civilians")

    reseal(ledger, documents, doc.id, change)
    assert ledger.verify() == []
    problems = verify_deep(ledger)
    assert (problems[0].kind, problems[0].target) == ("document", doc.id)
    assert "text differs from what its original yields" in problems[0].detail
    assert "least 90 civilians" in problems[0].detail and "least 9 civilians" in problems[0].detail


def test_a_resealed_claim_figure_is_caught_by_extracting_again(ledger: Ledger) -> None:
    claim = next(c for c in ledger.claims() if c.count and c.count.low == 9)

    def change(row: dict[str, Any]) -> None:
        row["low"] = 90
        row["data"] = {**row["data"], "count": {**row["data"]["count"], "low": 90}}

    reseal(ledger, claims, claim.id, change)
    assert ledger.verify() == []
    [problem] = [p for p in verify_deep(ledger) if p.kind == "claim"]
    assert problem.target == claim.id and "count: stored" in problem.detail and "90" in problem.detail


def test_a_resealed_incident_is_caught_by_reconciling_again(ledger: Ledger) -> None:
    incident = ledger.incidents()[0]

    def change(row: dict[str, Any]) -> None:
        row["deaths_high"] = 500
        row["data"] = {**row["data"], "deaths": {**row["data"]["deaths"], "high": 500}}

    reseal(ledger, incidents, incident.id, change)
    assert ledger.verify() == []
    result = CliRunner().invoke(main, ["verify", "--deep", "--db", ledger.url])
    assert result.exit_code == 1
    assert f"MISMATCH incident {incident.id}: differs from what is derived again (deaths:" in result.output
