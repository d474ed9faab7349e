"""Loading a gold set: its documents (``documents.jsonl`` or raw files) and its answer files."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from harmledger.errors import RecordError, UnreadableInput

# The answer files a gold set may hold, each one JSON object a line (see shared/data/README.md).
ANSWER_FILES: tuple[str, ...] = ("claims", "negatives", "segments", "incidents", "places", "events")


@dataclass(frozen=True, slots=True)
class GoldDocument:
    """One gold input: a ``documents.jsonl`` line (``text`` set) or a raw file (``path`` set)."""

    id: str
    text: str | None = None
    path: Path | None = None
    published: str | None = None
    outlet: str | None = None
    url: str | None = None
    title: str | None = None


@dataclass(slots=True)
class GoldSet:
    """A gold set as read from disk: documents plus whichever answer files are present."""

    root: Path
    documents: list[GoldDocument]
    claims: list[dict[str, Any]] | None = None
    negatives: list[dict[str, Any]] | None = None
    segments: list[dict[str, Any]] | None = None
    incidents: list[dict[str, Any]] | None = None
    places: list[dict[str, Any]] | None = None
    events: list[dict[str, Any]] | None = None
    source: str = ""  # where the documents came from, for messages
    missing: list[str] = field(default_factory=list)  # gold doc ids named but not found

    def answers(self, name: str) -> list[dict[str, Any]] | None:
        """The lines of answer file ``name`` (``None`` when the set does not have it)."""
        value: list[dict[str, Any]] | None = getattr(self, name)
        return value


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """Every object in a JSON Lines file; a bad line raises ``RecordError`` naming it."""
    rows: list[dict[str, Any]] = []
    try:
        # JSON Lines ends records at "\n" only: str.splitlines() would also split inside a
        # JSON string at U+0085, U+2028 or a form feed, which JSON allows unescaped.
        lines = path.read_text(encoding="utf-8").split("\n")
    except OSError as exc:
        raise UnreadableInput(str(path), f"cannot read the gold file ({exc.strerror})") from exc
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise RecordError(f"{path}:{number}", f"not valid JSON ({exc.msg})") from exc
        if not isinstance(row, dict):
            raise RecordError(f"{path}:{number}", "each line must be a JSON object")
        rows.append(row)
    return rows


def _referenced_names(gold: GoldSet) -> list[str]:
    """Document names the answer files refer to, in first-seen order."""
    seen: dict[str, None] = {}
    for name in ANSWER_FILES:
        for row in gold.answers(name) or []:
            doc = row.get("doc")
            if isinstance(doc, str):
                seen.setdefault(doc, None)
            for d in row.get("docs") or []:
                seen.setdefault(str(d), None)
    return list(seen)


def _files_folder(root: Path, names: list[str], files_dir: Path | None) -> Path | None:
    """The folder holding the raw files a set refers to.

    ``files/`` inside the set is the documented place. A set may instead point at a folder of
    its own name higher up (``data/seed`` → ``seed/``, as the shared README describes) or at a
    project's ``samples/`` folder (the test fixtures' copy of the seed set).
    """
    candidates: list[Path] = [files_dir] if files_dir is not None else []
    candidates += [root / "files", root]
    for ancestor in list(root.resolve().parents)[:4]:
        candidates += [ancestor / root.name, ancestor / "samples"]
    for folder in candidates:
        if folder.is_dir() and names and all((folder / n).is_file() for n in names):
            return folder
    for folder in candidates:
        if folder.is_dir() and any((folder / n).is_file() for n in names):
            return folder
    return None


def load_gold(gold_dir: Path, *, files_dir: Path | None = None) -> GoldSet:
    """Read the gold set in ``gold_dir`` (``files_dir`` overrides where raw files are looked for)."""
    root = Path(gold_dir)
    if not root.is_dir():
        raise UnreadableInput(str(root), "not a folder: give the folder holding the gold .jsonl files")
    gold = GoldSet(root=root, documents=[])
    for name in ANSWER_FILES:
        path = root / f"{name}.jsonl"
        if path.is_file():
            setattr(gold, name, read_jsonl(path))
    docs_path = root / "documents.jsonl"
    if docs_path.is_file():
        gold.source = str(docs_path)
        for number, row in enumerate(read_jsonl(docs_path), start=1):
            if not isinstance(row.get("id"), str) or not isinstance(row.get("text"), str):
                raise RecordError(f"{docs_path}:{number}", "a document needs a string 'id' and 'text'")
            gold.documents.append(
                GoldDocument(
                    id=row["id"],
                    text=row["text"],
                    published=row.get("published"),
                    outlet=row.get("outlet"),
                    url=row.get("url"),
                    title=row.get("title"),
                )
            )
        return gold
    names = _referenced_names(gold)
    folder = _files_folder(root, names, files_dir)
    if folder is None:
        raise UnreadableInput(
            str(root),
            "no documents.jsonl and no files/ folder holding the documents the answers name "
            f"({', '.join(names[:3]) or 'none named'})",
        )
    gold.source = str(folder)
    if folder == root / "files":
        # Every file under files/ is an input, annotated or not (precision counts them all).
        names = sorted({*names, *(p.name for p in folder.iterdir() if p.is_file())})
    for name in names:
        path = folder / name
        if path.is_file():
            gold.documents.append(GoldDocument(id=name, path=path))
        else:
            gold.missing.append(name)
    return gold
