"""Full-text search over documents and claims, on SQLite (FTS5) and on a real PostgreSQL server."""

from __future__ import annotations

from typing import Any

import pytest

from harmledger.store.search import MARK_END, MARK_START, SearchError, fts5_query, search, terms
from tests.test_web_seed import build_seed

# (typed query, the terms searched for)
TERMS = [
    ("sarin", ["sarin"]),
    ('"wedding party" Marib', ["wedding party", "Marib"]),
    ('"unclosed phrase', ["unclosed phrase"]),
    ("NEAR(a b) OR *", ["NEAR a", "b", "OR"]),  # a hyphenated or bracketed word is a phrase of its parts
    ("al-Sahel", ["al Sahel"]),
    ('"" *** ""', []),
]


@pytest.mark.parametrize(("query", "expected"), TERMS)
def test_a_typed_query_becomes_plain_words_and_phrases(query: str, expected: list[str]) -> None:
    assert terms(query) == expected


def test_an_empty_query_says_what_to_type() -> None:
    with pytest.raises(SearchError, match="type words, or a"):
        fts5_query('"" ***')


def test_documents_and_claims_are_found_with_the_match_marked(ledger: Any) -> None:
    ids = build_seed(ledger)
    docs, claims = search(ledger, '"as many as 200"')
    assert [h.claim_id for h in claims] == [ids["jazeera"]]
    assert [h.document_id for h in docs] == [ids["document"]]
    assert f"{MARK_START}" in docs[0].snippet and MARK_END in claims[0].snippet
    # A phrase must occur in order: the same words apart do not match.
    assert search(ledger, '"200 as many"') == ([], [])
    assert search(ledger, "Manbij Jazeera")[0] != []
    assert search(ledger, "zzzunknownword") == ([], [])


def test_a_document_added_later_is_searchable_at_once(ledger: Any) -> None:
    from tests.test_web_seed import seed_document

    build_seed(ledger)
    doc = seed_document("Floods cut the road to Kassala on Friday.", title="Floods near Kassala")
    ledger.add_document(doc, [])
    docs, _ = search(ledger, "Kassala")
    assert [h.document_id for h in docs] == [doc.id]


def test_the_search_api_and_page_show_highlighted_snippets(client: Any, seeded: Any) -> None:
    _ledger, ids = seeded
    body = client.get('/api/search?q="as many as 200"').json()
    kinds = [(r["kind"], r.get("claim_id")) for r in body["rows"]]
    assert ("claim", ids["jazeera"]) in kinds and ("document", None) in kinds
    claim = next(r for r in body["rows"] if r["kind"] == "claim")
    assert "<mark>" in claim["snippet_html"] and claim["incident_id"] == ids["manbij"]
    assert "\x02" not in claim["snippet"]
    page = client.get("/search", params={"q": '"as many as 200"'}).text
    assert "<mark>" in page and f"/incidents/{ids['manbij']}" in page
    assert client.get("/api/search?q=%22%22").status_code == 400
    # Every page carries the search box.
    assert 'action="/search"' in client.get("/map").text


def test_search_snippets_escape_the_text_they_quote(client: Any, seeded: Any) -> None:
    ledger, _ids = seeded
    from tests.test_web_seed import seed_document

    doc = seed_document("The <script>alert(1)</script> mortar shell hit Kafranbel.", title="Mortar")
    ledger.add_document(doc, [])
    row = client.get("/api/search?q=mortar").json()["rows"][0]
    assert "<script>" not in row["snippet_html"] and "&lt;script&gt;" in row["snippet_html"]
    assert "<script>alert" not in client.get("/search?q=mortar").text
