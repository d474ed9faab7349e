"""Spec for the settings table: one place lists every environment variable harmledger reads."""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path

import pytest

from harmledger.settings import BY_NAME, SETTINGS, env
from harmledger.web.limits import WebSettings

ROOT = Path(__file__).parent.parent
NAME = re.compile(r"\bHARMLEDGER_[A-Z0-9_]+\b")


def test_every_variable_the_code_names_is_in_the_table() -> None:
    named = {m for path in (ROOT / "src" / "harmledger").rglob("*.py") for m in NAME.findall(path.read_text())}
    named -= {"HARMLEDGER_"}  # the prefix, used to build WebSettings' names
    assert named - set(BY_NAME) == set()


def test_every_setting_is_in_the_readme_configuration() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Configuration") :]
    section = section[: section.index("\n## ", 3)]
    assert [s.name for s in SETTINGS if s.name not in section] == []


def test_the_web_settings_defaults_are_the_tables() -> None:
    defaults = WebSettings()
    for field in fields(WebSettings):
        documented = BY_NAME[f"HARMLEDGER_{field.name.upper()}"].default
        value = getattr(defaults, field.name)
        assert (",".join(value) if isinstance(value, tuple) else str(value)) == documented


def test_reading_a_setting_not_in_the_table_is_refused() -> None:
    with pytest.raises(KeyError, match="not a harmledger setting"):
        env("HARMLEDGER_NO_SUCH_THING", {})
    assert env("HARMLEDGER_DB", {"HARMLEDGER_DB": "x.db"}) == "x.db"
    assert env("HARMLEDGER_DB", {"HARMLEDGER_DB": ""}) is None
