"""Syndicated copies: near-duplicate texts (word-shingle Jaccard) count as one source.

Copies only matter among the documents of one incident, so the comparison is exact Jaccard over
word shingles inside each incident (a handful of documents), not a global MinHash index. Texts
come from a ``TextLoader`` (the ledger's, a query per incident), so a reconcile never holds every
text at once.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from harmledger.incidents import rules
from harmledger.records import Document

_WORD = re.compile(r"\w+")

# Document ids -> the text of each (an id it does not know is left out): ``Ledger.texts``, or
# ``texts_from`` for documents held with their text.
TextLoader = Callable[[Sequence[str]], Mapping[str, str]]


def texts_from(documents: Mapping[str, Document]) -> TextLoader:
    """A loader reading the text of documents already in memory (eval, ``analyse``, tests)."""

    def load(ids: Sequence[str]) -> dict[str, str]:
        return {i: documents[i].text for i in ids if i in documents}

    return load


def shingles(text: str, k: int = rules.SHINGLE_WORDS) -> frozenset[str]:
    """The set of k-word shingles of ``text`` (lower-cased); short texts give their words."""
    words = _WORD.findall(text.lower())
    if len(words) < k:
        return frozenset(words)
    return frozenset(" ".join(words[i : i + k]) for i in range(len(words) - k + 1))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """|a ∩ b| / |a ∪ b| (0 for two empty sets)."""
    union = len(a | b)
    return len(a & b) / union if union else 0.0


@dataclass(frozen=True, slots=True)
class Copy:
    """``copy`` is a near-duplicate of ``original`` (the earlier or first-listed document)."""

    copy: str
    original: str
    similarity: float


class Syndication:
    """Finds copies among the documents of one incident at a time.

    ``documents`` give the publication dates; ``texts`` loads the texts of one incident's
    documents (by default from ``documents``), shingled and dropped before the next incident.
    """

    def __init__(self, documents: Mapping[str, Document], texts: TextLoader | None = None) -> None:
        self.documents = documents
        self.texts = texts if texts is not None else texts_from(documents)

    def copies(self, doc_ids: Sequence[str]) -> list[Copy]:
        """Each document that copies an earlier one, with the earliest original it copies."""
        if len(set(doc_ids)) < 2:
            return []

        def order(doc_id: str) -> tuple[str, str]:
            doc = self.documents.get(doc_id)
            published = doc.published.isoformat() if doc is not None and doc.published else "9999"
            return (published, doc_id)

        ordered = sorted(set(doc_ids), key=order)
        shingled = self._shingles([d for d in ordered if d in self.documents])
        found: list[Copy] = []
        originals: dict[str, str] = {}
        # Which earlier documents hold each shingle: a document is compared only with those it
        # shares a shingle with (an aggregate of a long war gathers hundreds of reports).
        holders: dict[str, list[int]] = {}
        for pos, doc_id in enumerate(ordered):
            mine = shingled.get(doc_id, frozenset())
            if not mine:
                continue
            shared = Counter(earlier for shingle in mine for earlier in holders.get(shingle, ()))
            for earlier in sorted(shared):  # the earliest copied document wins, as in reading order
                theirs = shingled[ordered[earlier]]
                sim = shared[earlier] / (len(mine) + len(theirs) - shared[earlier])
                if sim >= rules.COPY_JACCARD:
                    root = originals.get(ordered[earlier], ordered[earlier])
                    originals[doc_id] = root
                    found.append(Copy(doc_id, root, round(sim, 2)))
                    break
            for shingle in mine:
                holders.setdefault(shingle, []).append(pos)
        return found

    def _shingles(self, doc_ids: Sequence[str]) -> dict[str, frozenset[str]]:
        # One load for the incident's documents; only their shingles outlive this call.
        return {doc_id: shingles(text) for doc_id, text in self.texts(doc_ids).items()}
