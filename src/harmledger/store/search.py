"""Full-text search over documents and claims: SQLite FTS5, or PostgreSQL's text search.

The query language is the one people type into a search box: words (all must occur) and
"quoted phrases" (in that order). It is never passed through as FTS5 syntax, so a stray
``"``, ``*`` or ``NEAR`` cannot make a query fail. Snippets come back with the matched words
between ``MARK_START`` and ``MARK_END`` (control characters no article keeps) for the caller to
turn into markup after escaping.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import sqlalchemy as sa

from harmledger.errors import StoreError
from harmledger.store.ledger import Ledger

MARK_START, MARK_END = "\x02", "\x03"
SNIPPET_WORDS = 24
MAX_QUERY = 500
WORD = re.compile(r"\w+", re.UNICODE)
PHRASE_OR_WORD = re.compile(r'"([^"]*)"?|([^\s"]+)')


class SearchError(StoreError):
    """A query with nothing to search for."""


@dataclass(frozen=True, slots=True)
class Hit:
    """One match: a document (``claim_id`` None) or a claim, with its marked snippet."""

    document_id: str
    claim_id: str | None
    snippet: str


def terms(query: str) -> list[str]:
    """The words and phrases of a typed query: ``strike "wedding party"`` → ["strike", "wedding party"]."""
    out: list[str] = []
    for phrase, word in PHRASE_OR_WORD.findall(query[:MAX_QUERY]):
        words = WORD.findall(phrase if phrase else word)
        if words:
            out.append(" ".join(words))
    return out


def fts5_query(query: str) -> str:
    """The typed query as an FTS5 expression: every term a quoted string, all of them required."""
    found = terms(query)
    if not found:
        raise SearchError(f'nothing to search for in {query[:80]!r}; type words, or a "quoted phrase"')
    return " ".join('"' + t.replace('"', '""') + '"' for t in found)


def web_query(query: str) -> str:
    """The typed query for PostgreSQL's ``websearch_to_tsquery`` (the same words and phrases)."""
    found = terms(query)
    if not found:
        raise SearchError(f'nothing to search for in {query[:80]!r}; type words, or a "quoted phrase"')
    return " ".join(f'"{t}"' if " " in t else t for t in found)


def search(ledger: Ledger, query: str, *, limit: int = 20) -> tuple[list[Hit], list[Hit]]:
    """Documents and claims matching ``query``, best first (at most ``limit`` of each)."""
    if ledger.dialect == "sqlite":
        return _sqlite(ledger, fts5_query(query), limit)
    return _postgres(ledger, web_query(query), limit)


def _sqlite(ledger: Ledger, match: str, limit: int) -> tuple[list[Hit], list[Hit]]:
    docs = sa.text(
        "SELECT document_id, snippet(search_documents, 2, :a, :b, '…', :n) AS snippet "
        "FROM search_documents WHERE search_documents MATCH :q ORDER BY rank LIMIT :limit"
    )
    claims = sa.text(
        "SELECT c.document_id, s.claim_id, snippet(search_claims, 1, :a, :b, '…', :n) AS snippet "
        "FROM search_claims s JOIN claims c ON c.id = s.claim_id "
        "WHERE search_claims MATCH :q ORDER BY s.rank LIMIT :limit"
    )
    params = {"a": MARK_START, "b": MARK_END, "n": SNIPPET_WORDS, "q": match, "limit": limit}
    with ledger.engine.connect() as conn:
        found_docs = [Hit(r.document_id, None, r.snippet) for r in conn.execute(docs, params)]
        found_claims = [Hit(r.document_id, r.claim_id, r.snippet) for r in conn.execute(claims, params)]
    return found_docs, found_claims


PG_DOC_VECTOR = "to_tsvector('english', coalesce(title, '') || ' ' || text)"
PG_CLAIM_VECTOR = "to_tsvector('english', coalesce(data->>'quote', '') || ' ' || coalesce(data->'source'->>'name', ''))"


def _postgres(ledger: Ledger, query: str, limit: int) -> tuple[list[Hit], list[Hit]]:
    options = f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords={SNIPPET_WORDS}, MinWords=8, MaxFragments=2"
    docs = sa.text(
        f"SELECT id, ts_headline('english', text, q, :options) AS snippet FROM documents, "
        f"websearch_to_tsquery('english', :q) q WHERE {PG_DOC_VECTOR} @@ q "
        f"ORDER BY ts_rank({PG_DOC_VECTOR}, q) DESC, id LIMIT :limit"
    )
    claims = sa.text(
        f"SELECT document_id, id, ts_headline('english', data->>'quote', q, :options) AS snippet FROM claims, "
        f"websearch_to_tsquery('english', :q) q WHERE {PG_CLAIM_VECTOR} @@ q "
        f"ORDER BY ts_rank({PG_CLAIM_VECTOR}, q) DESC, id LIMIT :limit"
    )
    params = {"q": query, "options": options, "limit": limit}
    with ledger.engine.connect() as conn:
        found_docs = [Hit(r.id, None, r.snippet) for r in conn.execute(docs, params)]
        found_claims = [Hit(r.document_id, r.id, r.snippet) for r in conn.execute(claims, params)]
    return found_docs, found_claims
