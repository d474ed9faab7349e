"""Data flows one way: stage packages import only the shared modules, never each other."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).parent.parent / "src" / "harmledger"
STAGES = ("documents", "extract", "places", "incidents")
SHARED = {"records", "errors", "nlp", "settings"}


def imported_harmledger_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("harmledger."):
            names.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            names.update(a.name.split(".")[1] for a in node.names if a.name.startswith("harmledger."))
    return names


def test_stage_packages_import_only_shared_modules_and_themselves() -> None:
    offenders = []
    for stage in STAGES:
        for path in (PACKAGE / stage).rglob("*.py"):
            bad = imported_harmledger_modules(path) - SHARED - {stage}
            if bad:
                offenders.append(f"{path.relative_to(PACKAGE)} imports {sorted(bad)}")
    assert offenders == []


def test_the_store_and_exports_never_import_a_stage() -> None:
    offenders = []
    for path in [*(PACKAGE / "store").rglob("*.py"), PACKAGE / "export.py"]:
        bad = imported_harmledger_modules(path) & set(STAGES)
        if bad:
            offenders.append(f"{path.relative_to(PACKAGE)} imports {sorted(bad)}")
    assert offenders == []
