"""Backups: SQLite's online backup API, or pg_dump / pg_restore for PostgreSQL."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy.engine import make_url

from harmledger.errors import StoreError
from harmledger.store.ledger import resolve_url


def _sqlite_path(url: str) -> Path:
    database = make_url(url).database
    if not database or database == ":memory:":
        raise StoreError(f"cannot back up {url!r}: it is not a SQLite file")
    return Path(database)


def _libpq_url(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def _pg_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise StoreError(f"{name} not found: install the PostgreSQL client (apt-get install postgresql-client)")
    return path


def backup(db: str | None, target: Path) -> Path:
    """Write a consistent copy of the ledger to ``target`` while it may be in use."""
    url = resolve_url(db)
    target.parent.mkdir(parents=True, exist_ok=True)
    if url.startswith("sqlite"):
        source_path = _sqlite_path(url)
        if not source_path.exists():
            raise StoreError(f"cannot back up {source_path}: no such ledger file")
        with sqlite3.connect(source_path) as source, sqlite3.connect(target) as copy:
            source.backup(copy)
        return target
    if url.startswith("postgresql"):
        result = subprocess.run(
            [_pg_tool("pg_dump"), "--format=custom", "--no-owner", f"--file={target}", _libpq_url(url)],
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise StoreError(f"pg_dump failed: {result.stderr.strip()}")
        return target
    raise StoreError(f"backups are supported for SQLite and PostgreSQL, not {url!r}")


def restore(backup_file: Path, db: str | None) -> None:
    """Restore ``backup_file`` into the ledger at ``db`` (which must be empty or absent)."""
    if not backup_file.exists():
        raise StoreError(f"cannot restore {backup_file}: no such file")
    url = resolve_url(db)
    if url.startswith("sqlite"):
        path = _sqlite_path(url)
        if path.exists() and path.stat().st_size > 0:
            raise StoreError(f"refusing to overwrite {path}: restore into a new path, then move it into place")
        with sqlite3.connect(backup_file) as source, sqlite3.connect(path) as dest:
            source.backup(dest)
        return
    if url.startswith("postgresql"):
        result = subprocess.run(
            [_pg_tool("pg_restore"), "--no-owner", "--exit-on-error", f"--dbname={_libpq_url(url)}", str(backup_file)],
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise StoreError(f"pg_restore failed: {result.stderr.strip()}")
        return
    raise StoreError(f"restores are supported for SQLite and PostgreSQL, not {url!r}")
