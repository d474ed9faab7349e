"""Syndicated copies: near-duplicate texts (word-shingle Jaccard) count as one source.

Copies only matter among the documents of one incident, so the comparison is exact Jaccard over
word shingles inside each incident (a handful of documents), not a global MinHash index.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from harmledger.incidents import rules
from harmledger.records import Document

_WORD = re.compile(r"\w+")


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
    """Finds copies among the documents of one incident at a time (shingles are not kept after)."""

    def __init__(self, documents: Mapping[str, Document]) -> None:
        self.documents = documents

    def copies(self, doc_ids: Sequence[str]) -> list[Copy]:
        """Each document that copies an earlier one, with the earliest original it copies."""
        if len(set(doc_ids)) < 2:
            return []
        cache: dict[str, frozenset[str]] = {}

        def shingles_of(doc_id: str) -> frozenset[str]:
            if doc_id not in cache:
                doc = self.documents.get(doc_id)
                cache[doc_id] = shingles(doc.text) if doc is not None else frozenset()
            return cache[doc_id]

        def order(doc_id: str) -> tuple[str, str]:
            doc = self.documents.get(doc_id)
            published = doc.published.isoformat() if doc is not None and doc.published else "9999"
            return (published, doc_id)

        ordered = sorted(set(doc_ids), key=order)
        found: list[Copy] = []
        originals: dict[str, str] = {}
        for pos, doc_id in enumerate(ordered):
            mine = shingles_of(doc_id)
            if not mine:
                continue
            for earlier in ordered[:pos]:
                sim = jaccard(mine, shingles_of(earlier))
                if sim >= rules.COPY_JACCARD:
                    root = originals.get(earlier, earlier)
                    originals[doc_id] = root
                    found.append(Copy(doc_id, root, round(sim, 2)))
                    break
        return found
