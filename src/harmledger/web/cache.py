"""A small cache of read results, dropped the moment anything commits to the ledger.

Listing 100,000 incidents sorted by deaths means scanning the table on every request; but the
ledger changes only when someone ingests or reviews, while many people read. On SQLite,
``PRAGMA data_version`` on a connection of our own changes whenever any other connection (this
server's pool, or a ``harmledger ingest`` in another process) commits, so the check costs
microseconds and a cached answer is never stale. Other databases are not cached.
"""

from __future__ import annotations

import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar

from harmledger.store import Ledger

T = TypeVar("T")


class ReadCache:
    """Up to ``max_entries`` results keyed by request, valid while the database is unchanged."""

    def __init__(self, ledger: Ledger, max_entries: int = 256) -> None:
        self.max_entries = max_entries
        self.entries: OrderedDict[str, Any] = OrderedDict()
        self.lock = threading.Lock()
        self.version: int | None = None
        self.hits = 0
        self.misses = 0
        self._watch: sqlite3.Connection | None = None
        if ledger.sqlite_file is not None:
            self._watch = sqlite3.connect(ledger.sqlite_file, check_same_thread=False)

    def _data_version(self) -> int | None:
        if self._watch is None:
            return None
        return int(self._watch.execute("PRAGMA data_version").fetchone()[0])

    def get(self, key: str, build: Callable[[], T]) -> T:
        """The cached result for ``key``, or ``build()`` (stored when the database can be watched)."""
        with self.lock:
            version = self._data_version()
            if version is None:
                return build()
            if version != self.version:
                self.entries.clear()
                self.version = version
            elif key in self.entries:
                self.hits += 1
                self.entries.move_to_end(key)
                return self.entries[key]
        value = build()
        with self.lock:
            self.misses += 1
            # Only keep it if nothing committed while it was being built.
            if self._data_version() == version:
                self.entries[key] = value
                while len(self.entries) > self.max_entries:
                    self.entries.popitem(last=False)
        return value

    def close(self) -> None:
        if self._watch is not None:
            self._watch.close()
