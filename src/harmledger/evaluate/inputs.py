"""Gold documents as pipeline ``Document`` records, with the map back to gold ids and offsets.

A gold claim names its document by gold id (a ``documents.jsonl`` id or a file name) and holds a
quote of that document's text. A file split into several articles gives several ``Document``
records; each ``View`` keeps the text gold quotes are found in (the whole file's normalised text)
and, for every article, the offset of its text in that text, so predicted spans can be shifted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from harmledger.documents import decide_genre, make_document, read_sources
from harmledger.errors import InputError
from harmledger.evaluate.gold import GoldDocument, GoldSet
from harmledger.records import Document


@dataclass(slots=True)
class View:
    """One gold document as the evaluator sees it: its text and the documents made from it."""

    gold_id: str
    text: str
    parts: list[tuple[Document, int]] = field(default_factory=list)  # (document, offset in text)


@dataclass(slots=True)
class Inputs:
    """The documents to analyse (unique by id) and the views that map them back to gold ids."""

    documents: list[Document]
    views: dict[str, View]
    owners: dict[str, list[tuple[str, int]]]  # document id → [(gold id, offset)]
    errors: list[InputError] = field(default_factory=list)


def _parse_day(value: str | None) -> date | None:
    """A gold ``published`` day, or ``None`` when absent or malformed."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _make_document(original: bytes, origin: str, gold: GoldDocument) -> Document:
    """A ``Document`` made by the documents stage, with the gold's metadata."""
    published = _parse_day(gold.published)
    return make_document(
        original,
        origin,
        title=gold.title,
        outlet=gold.outlet,
        url=gold.url,
        published=published,
        published_precision="day" if published else None,
        published_source="metadata" if published else None,
    )


def _read_file(path: Path, gold: GoldDocument) -> tuple[str, list[Document], list[InputError]]:
    """A raw file's whole normalised text and the articles the documents stage splits it into."""
    original = path.read_bytes()
    whole = _make_document(original, str(path), gold)
    articles: list[Document] = []
    errors: list[InputError] = []
    for item in read_sources([path]):
        if isinstance(item, InputError):
            errors.append(item)
        else:
            articles.append(item)
    return whole.text, articles or [whole], errors


def _offset(text: str, doc: Document) -> int:
    """Where ``doc.text`` sits in ``text``: its ``offset_in_parent`` when that checks out."""
    off = doc.offset_in_parent
    if off is not None and text[off : off + len(doc.text)] == doc.text:
        return off
    head = doc.text[:200]
    found = text.find(head) if head else -1
    return found if found >= 0 else (off or 0)


def build_inputs(gold: GoldSet) -> Inputs:
    """Turn every gold document into pipeline documents and remember where each came from."""
    unique: dict[str, Document] = {}
    views: dict[str, View] = {}
    owners: dict[str, list[tuple[str, int]]] = {}
    errors: list[InputError] = []
    for number, gdoc in enumerate(gold.documents, start=1):
        if gdoc.path is not None:
            try:
                text, docs, errs = _read_file(gdoc.path, gdoc)
            except InputError as exc:  # unreadable file: its gold items all count as missed
                errors.append(exc)
                views[gdoc.id] = View(gold_id=gdoc.id, text="")
                continue
            errors.extend(errs)
            parts = [(d, _offset(text, d)) for d in docs]
        else:
            raw = (gdoc.text or "").encode("utf-8")
            try:
                doc = _make_document(raw, f"{gold.source}:{number}", gdoc)
            except InputError as exc:  # e.g. an empty text: scored as finding nothing
                errors.append(exc)
                views[gdoc.id] = View(gold_id=gdoc.id, text=gdoc.text or "")
                continue
            text, parts = doc.text, [(doc, 0)]
        # The genre decided once here (segmentation scores it per part); analysis keeps it.
        parts = [(decide_genre(doc), off) for doc, off in parts]
        views[gdoc.id] = View(gold_id=gdoc.id, text=text, parts=parts)
        for doc, off in parts:
            # Identical texts share an id: analyse once, credit every gold document holding it.
            unique.setdefault(doc.id, doc)
            owners.setdefault(doc.id, []).append((gdoc.id, off))
    return Inputs(documents=list(unique.values()), views=views, owners=owners, errors=errors)
