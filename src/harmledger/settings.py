"""Every setting harmledger reads from the environment, in one table.

Each row names the variable, its default as a user would write it, and what it sets. Code reads a
variable only through ``env`` (which refuses a name not in the table), and a test checks the
table against the README's Configuration section, so a new setting cannot go undocumented.
Command-line flags override these (``--db`` over ``HARMLEDGER_DB``).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Setting:
    name: str  # the environment variable
    default: str  # as documented ("" when computed: see meaning)
    meaning: str


SETTINGS: tuple[Setting, ...] = (
    Setting("HARMLEDGER_DB", "./harmledger.db", "the ledger: a SQLite path or a postgresql:// URL (`--db` wins)"),
    Setting("HARMLEDGER_GAZETTEER", "", "the gazetteer file; default the package's data/gazetteer.sqlite"),
    Setting("HARMLEDGER_SECRET", "", "key signing session cookies; default random at each start"),
    # The web server's limits and lifetimes: ``web.limits.WebSettings`` holds their defaults.
    Setting("HARMLEDGER_MAX_BODY_BYTES", "1048576", "largest request body outside upload routes"),
    Setting("HARMLEDGER_MAX_UPLOAD_BYTES", "52428800", "largest body on an upload route"),
    Setting("HARMLEDGER_UPLOAD_PATHS", "/api/documents,/add", "path prefixes of upload routes"),
    Setting("HARMLEDGER_SESSION_IDLE_SECONDS", "7200", "a session ends after this long idle"),
    Setting("HARMLEDGER_SESSION_MAX_SECONDS", "43200", "a session ends this long after login"),
    Setting("HARMLEDGER_LOGIN_MAX_FAILURES", "5", "failed logins per address and user name in the window"),
    Setting("HARMLEDGER_LOGIN_MAX_FAILURES_PER_ADDRESS", "50", "failed logins per address in the window"),
    Setting("HARMLEDGER_LOGIN_WINDOW_SECONDS", "300", "the window failed logins are counted in"),
)
BY_NAME: dict[str, Setting] = {s.name: s for s in SETTINGS}


def env(name: str, environ: Mapping[str, str] | None = None) -> str | None:
    """The value of setting ``name`` in the environment (``environ``, default ``os.environ``), or
    None when unset or empty."""
    if name not in BY_NAME:
        raise KeyError(f"{name} is not a harmledger setting; add it to harmledger.settings.SETTINGS")
    value = (os.environ if environ is None else environ).get(name)
    return value or None
