"""Data flows one way, and every module says so.

- Each top-level module or package of ``harmledger`` may import only the units its row of
  ``ALLOWED`` names; a new module must be given a row.
- The stages (documents, extract, places, incidents) import only the shared modules. Outer layers
  (the web, Spark, the CLI, eval) use a stage through its package's API, never its submodules;
  only ``pipeline``, the wiring module, reaches inside.
- The database engine is touched only inside ``store``.
- No import circle, at module level or inside functions.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).parent.parent / "src" / "harmledger"
STAGES = ("documents", "extract", "places", "incidents")

# unit → the harmledger units it may import (besides itself).
ALLOWED: dict[str, set[str]] = {
    "harmledger": set(),
    "settings": set(),
    "records": set(),
    "errors": set(),
    "nlp": {"errors"},
    "documents": {"errors", "records"},
    "extract": {"records"},
    "places": {"errors", "nlp", "records"},
    "incidents": {"records"},
    "store": {"errors", "records"},
    "export": {"records", "store"},
    "export_claims": {"export", "records", "store"},
    "pipeline": {"documents", "errors", "export_claims", "extract", "incidents", "places", "records", "store"},
    "intake": {"documents", "errors", "pipeline", "records", "store"},
    "evaluate": {"documents", "errors", "pipeline", "places", "records", "store"},
    "spark": {"documents", "errors", "incidents", "pipeline", "records", "store"},
    "web": {"documents", "errors", "export", "export_claims", "incidents", "intake", "pipeline", "records", "store"},
    "cli_common": {"errors", "store"},
    "cli_analyst": {"cli_common", "records", "store", "web"},
    "cli": {
        "cli_analyst",
        "cli_common",
        "documents",
        "errors",
        "evaluate",
        "export",
        "pipeline",
        "places",
        "records",
        "spark",
        "store",
        "web",
    },
    "__main__": {"cli"},
}
# Imported by anything: the settings table.
SHARED_BY_ALL = {"settings"}
# Units that may reach inside a stage (import its submodules, not only its package).
WIRING = {"pipeline"}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in PACKAGE.rglob("*.py")}


def unit_of(module: str) -> str:
    """``harmledger.web.api`` → ``web`` (the package's own ``__init__`` → ``harmledger``)."""
    return module.split(".")[1] if "." in module else module


def _binds(module: str, name: str) -> bool:
    """Whether ``module``'s own text defines or imports ``name`` (so ``from module import name``
    takes that, not a submodule of the same name)."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.ImportFrom):
            # ``from harmledger.incidents import rules`` in the package binds the submodule itself.
            if any(
                (alias.asname or alias.name) == name and f"{node.module}.{alias.name}" != f"{module}.{name}"
                for alias in node.names
            ):
                return True
        elif isinstance(node, ast.Import):
            if any((alias.asname or alias.name).split(".")[0] == name for alias in node.names):
                return True
        elif isinstance(node, ast.FunctionDef | ast.ClassDef) and node.name == name:
            return True
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id == name for t in targets):
                return True
    return False


def _existing(name: str) -> str:
    """The longest prefix of ``name`` that is a module ("" when none)."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name


def imports_of(module: str, source: str | None = None) -> Iterator[str]:
    """Every harmledger module ``module`` imports (module level or inside functions), resolved to
    a module that exists; ``source`` stands in for the file's text."""
    path = MODULES[module]
    tree = ast.parse(source if source is not None else path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    for node in ast.walk(tree):
        targets: list[str] = []
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1] + ([base] if base else []))
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                targets.append(sub if sub in MODULES and not (base in MODULES and _binds(base, alias.name)) else base)
        elif isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        for target in targets:
            found = _existing(target) if target.startswith("harmledger") else ""
            if found and found != module:
                yield found


def graph(overrides: dict[str, str] | None = None) -> dict[str, set[str]]:
    """Module → the modules it imports; ``overrides`` replaces some files' text (for the tests
    that show each check failing)."""
    overrides = overrides or {}
    return {m: set(imports_of(m, overrides.get(m))) for m in MODULES}


def layer_offences(edges: dict[str, set[str]]) -> list[str]:
    out = []
    for module, targets in sorted(edges.items()):
        unit = unit_of(module)
        for target in sorted(targets):
            other = unit_of(target)
            if other == unit:
                continue
            if other not in ALLOWED.get(unit, set()) | SHARED_BY_ALL:
                out.append(f"{module} imports {target}: {unit} may not import {other}")
            elif other in STAGES and unit not in WIRING and target != f"harmledger.{other}":
                out.append(f"{module} imports {target}: use the {other} package's API (harmledger.{other})")
    return out


def circles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in edges.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def engine_users(overrides: dict[str, str] | None = None) -> list[str]:
    """Modules outside ``store`` that touch ``<something>.engine``."""
    overrides = overrides or {}
    out = []
    for module, path in MODULES.items():
        if unit_of(module) == "store":
            continue
        tree = ast.parse(overrides.get(module) or path.read_text(encoding="utf-8"))
        if any(isinstance(n, ast.Attribute) and n.attr == "engine" for n in ast.walk(tree)):
            out.append(module)
    return sorted(out)


def test_every_unit_has_a_row() -> None:
    units = {unit_of(m) for m in MODULES}
    assert units - set(ALLOWED) == set()


def test_imports_follow_the_layers() -> None:
    assert layer_offences(graph()) == []


def test_no_import_circle() -> None:
    assert circles(graph()) == []


def test_only_the_store_touches_the_engine() -> None:
    assert engine_users() == []


# -- each check fails when it should (a throwaway change to one file's text) --------------------


def test_a_stage_importing_another_stage_is_caught() -> None:
    text = (
        MODULES["harmledger.extract.counts"].read_text(encoding="utf-8")
        + "\nfrom harmledger.places import find_places\n"
    )
    assert any("extract may not import places" in o for o in layer_offences(graph({"harmledger.extract.counts": text})))


def test_the_web_reaching_inside_a_stage_is_caught() -> None:
    text = MODULES["harmledger.web.api"].read_text(encoding="utf-8") + "\nfrom harmledger.incidents.link import km\n"
    offences = layer_offences(graph({"harmledger.web.api": text}))
    assert any("harmledger.incidents.link: use the incidents package's API" in o for o in offences)


def test_a_circle_inside_a_function_is_caught() -> None:
    text = (
        MODULES["harmledger.store"].read_text(encoding="utf-8")
        + "\ndef _late():\n    from harmledger import pipeline\n"
    )
    found = circles(graph({"harmledger.store": text}))
    assert any("harmledger.store" in group and "harmledger.pipeline" in group for group in found)


def test_the_engine_outside_the_store_is_caught() -> None:
    text = MODULES["harmledger.export"].read_text(encoding="utf-8") + "\ndef _raw(ledger):\n    return ledger.engine\n"
    assert "harmledger.export" in engine_users({"harmledger.export": text})
