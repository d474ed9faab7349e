"""Crash safety: an ingest killed with SIGKILL at random points, then re-run, ends like one clean run;
a reconciliation killed inside its transaction leaves the incidents it found, and a re-run ends like
a clean one."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from harmledger.store import Ledger

TEMPLATES = [
    "An airstrike killed at least {n} civilians in {place} on {day}, the {org} said.",
    "Shelling of {place} killed {n} people and wounded {m} others, according to local officials.",
    "A car bomb exploded in a market in {place}, killing {n} and injuring {m}, police said.",
    "Gunmen attacked a checkpoint near {place}, killing {n} soldiers, the army said on {day}.",
]
PLACES = ["Aleppo", "Idlib", "Mosul", "Raqqa", "Homs", "Kirkuk", "Deir ez-Zor", "Fallujah"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
ORGS = ["Syrian Observatory for Human Rights", "UN", "Red Crescent"]


def write_corpus(folder: Path, n_docs: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    folder.mkdir()
    for i in range(n_docs):
        lines = [
            rng.choice(TEMPLATES).format(
                n=rng.randint(2, 90),
                m=rng.randint(1, 40),
                place=rng.choice(PLACES),
                day=rng.choice(DAYS),
                org=rng.choice(ORGS),
            )
            for _ in range(3)
        ]
        (folder / f"report-{i:03d}.txt").write_text("\n\n".join(lines) + f"\n\nReport number {i}.\n", encoding="utf-8")


def ingest_command(folder: Path, db: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "harmledger.cli",
        "ingest",
        str(folder),
        "--db",
        db,
        "--quiet",
        "--published",
        "2017-03-10",
    ]


def snapshot(db: str) -> dict[str, object]:
    ledger = Ledger(db)
    try:
        with ledger.engine.connect() as conn:
            orphans = conn.execute(
                sa.text("SELECT count(*) FROM claims WHERE document_id NOT IN (SELECT id FROM documents)")
            ).scalar_one()
        return {
            "documents": sorted(d.id for d in ledger.documents()),
            "claims": sorted(c.id for c in ledger.claims()),
            "incidents": sorted(tuple(sorted(ids)) for ids in ledger.incident_claim_ids().values()),
            "orphans": orphans,
            "verify": [str(p) for p in ledger.verify()],
        }
    finally:
        ledger.close()


def stored_documents(path: Path) -> int:
    """How many documents the ledger at ``path`` holds now (0 before it has its tables)."""
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5) as conn:
            return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
    except sqlite3.Error:
        return 0


def _wait_for_documents(path: Path, at_least: int, proc: subprocess.Popen[bytes], timeout: float = 120.0) -> bool:
    """Whether the run stored ``at_least`` documents while still running (False once it ended)."""
    deadline = time.monotonic() + timeout
    while proc.poll() is None and time.monotonic() < deadline:
        if stored_documents(path) >= at_least:
            return proc.poll() is None
        time.sleep(0.01)
    return False


@pytest.mark.slow
def test_an_ingest_killed_several_times_then_rerun_ends_like_a_clean_run(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 60)
    clean_db = f"sqlite:///{tmp_path / 'clean.db'}"
    subprocess.run(ingest_command(corpus, clean_db), check=True, capture_output=True)
    expected = snapshot(clean_db)
    assert expected["documents"] and expected["claims"] and expected["incidents"]

    crashed_path = tmp_path / "crashed.db"
    crashed_db = f"sqlite:///{crashed_path}"
    rng = random.Random(11)
    kills = 0
    for _ in range(4):
        proc = subprocess.Popen(
            ingest_command(corpus, crashed_db),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env={**os.environ, "PYTHONHASHSEED": "0"},
        )
        # Killed at a random point of its progress, not of the clock: a fast machine would
        # otherwise finish the corpus before the first kill.
        if _wait_for_documents(crashed_path, stored_documents(crashed_path) + rng.randint(1, 12), proc):
            proc.send_signal(signal.SIGKILL)
            kills += 1
        proc.wait()
    subprocess.run(ingest_command(corpus, crashed_db), check=True, capture_output=True)
    assert kills >= 1, "no run was killed: the corpus ingests too fast for this test to mean anything"
    assert snapshot(crashed_db) == expected


# Runs the CLI with a SQLAlchemy hook that SIGKILLs the process just before it sends a statement
# starting with argv[1]: a real kill at an exact point inside reconciliation's transaction.
KILL_BEFORE = """
import os, signal, sys
from sqlalchemy import event
from sqlalchemy.engine import Engine

PREFIX = sys.argv[1]

@event.listens_for(Engine, "before_cursor_execute")
def _kill(conn, cursor, statement, parameters, context, executemany):
    if statement.lstrip().upper().startswith(PREFIX):
        os.kill(os.getpid(), signal.SIGKILL)

sys.argv = ["harmledger", *sys.argv[2:]]
from harmledger.cli import run
run()
"""


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A ledger file holding a small reconciled corpus (ingested once for these tests)."""
    folder = tmp_path_factory.mktemp("reconcile-crash")
    write_corpus(folder / "corpus", 40, seed=5)
    db = folder / "ingested.db"
    subprocess.run(ingest_command(folder / "corpus", f"sqlite:///{db}"), check=True, capture_output=True)
    return db


def copy_ledger(src: Path, dst: Path) -> str:
    with sqlite3.connect(src) as a, sqlite3.connect(dst) as b:
        a.backup(b)
    return f"sqlite:///{dst}"


def merge_two_incidents(db: str) -> None:
    """An analyst's merge, recorded without reconciling (as a crash right after it would leave it)."""
    ledger = Ledger(db)
    try:
        first, second = sorted(ledger.incident_claim_ids())[:2]
        ledger.record_decision("merge", first, {"with": [second]}, "ana", target_kind="incident")
    finally:
        ledger.close()


@pytest.mark.slow
@pytest.mark.parametrize(
    "statement",
    ["DELETE FROM INCIDENT_CLAIMS", "INSERT INTO INCIDENTS ", "INSERT INTO INCIDENT_CLAIMS", "INSERT INTO LEDGER_META"],
)
def test_a_reconcile_killed_inside_its_transaction_keeps_the_old_incidents(
    ingested: Path, tmp_path: Path, statement: str
) -> None:
    crashed, clean = copy_ledger(ingested, tmp_path / "crashed.db"), copy_ledger(ingested, tmp_path / "clean.db")
    for db in (crashed, clean):
        merge_two_incidents(db)
    before = snapshot(crashed)
    assert len(before["incidents"]) >= 2

    killed = subprocess.run(
        [sys.executable, "-c", KILL_BEFORE, statement, "reconcile", "--db", crashed], capture_output=True
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr.decode()[-2000:]
    assert snapshot(crashed) == before  # the swap is one transaction: all of it or none

    for db in (crashed, clean):
        subprocess.run(
            [sys.executable, "-m", "harmledger.cli", "reconcile", "--db", db], check=True, capture_output=True
        )
    after = snapshot(crashed)
    assert after == snapshot(clean)
    assert after["incidents"] != before["incidents"], "the merge should change the incidents"
