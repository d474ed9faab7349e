"""Backups round-trip on SQLite and PostgreSQL: every row and every original byte comes back."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from harmledger.errors import StoreError
from harmledger.store import Ledger
from harmledger.store.backup import backup, restore
from tests.test_store import STRIKE, make_claim


def test_backup_then_restore_gives_an_identical_ledger(ledger, ledger_url: str, tmp_path: Path, request) -> None:
    ledger.add_document(STRIKE, [make_claim(STRIKE, "at least 56", 56)])
    ledger.record_decision("note", "x", {"text": "checked"}, "ana", target_kind="incident")
    dump = backup(ledger_url, tmp_path / "ledger.backup")
    if ledger.dialect == "sqlite":
        target = f"sqlite:///{tmp_path / 'restored.db'}"
    else:
        from tests.conftest import _new_pg_database

        target = _new_pg_database(request.getfixturevalue("postgres_server"))
    restore(dump, target)
    restored = Ledger(target)
    assert restored.counts() == ledger.counts()
    assert restored.get_document(STRIKE.id).original == STRIKE.original
    assert restored.verify() == []
    restored.close()


def test_restore_refuses_to_overwrite_an_existing_sqlite_ledger(sqlite_ledger, tmp_path: Path) -> None:
    sqlite_ledger.add_document(STRIKE, [])
    dump = backup(sqlite_ledger.url, tmp_path / "copy.db")
    with pytest.raises(StoreError, match="refusing to overwrite"):
        restore(dump, sqlite_ledger.url)
    assert os.path.getsize(dump) > 0
