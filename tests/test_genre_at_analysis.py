"""The genre is analysis, not reading (issue 15): judged once, where a new document is analysed.

Reading leaves ``Document.genre`` None; ``analyse_document`` decides it; the ledger stores only
decided documents; a re-ingest (documents already stored) never judges a genre again.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import harmledger.documents.genre as genre_module
from harmledger.documents import classify_genre, decide_genre, make_document, read_sources
from harmledger.pipeline import analyse_document, ingest
from harmledger.records import Document
from harmledger.store import Ledger

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "samples" / "000_211a3c4709587a4d.txt"
SEGMENTS = [json.loads(line) for line in (ROOT / "tests" / "fixtures" / "seed" / "segments.jsonl").open()]
REPORT = "At least 12 civilians were killed on Tuesday when a shell hit the market in Manbij, officials said."


def test_decide_genre_judges_an_undecided_document_once() -> None:
    doc = make_document(REPORT, "t.txt")
    assert doc.genre is None
    decided = decide_genre(doc)
    assert decided.genre == classify_genre(doc.text) == "news"
    assert decide_genre(decided) is decided  # a decided genre is kept, never judged again
    assert (decided.id, decided.original, decided.text, decided.language) == (
        doc.id,
        doc.original,
        doc.text,
        doc.language,
    )


def test_analysis_decides_the_genre_and_claims_carry_it() -> None:
    articles = [i for i in read_sources([SEED]) if isinstance(i, Document)]
    assert [a.genre for a in articles] == [None] * len(SEGMENTS)
    for article, gold in zip(articles, SEGMENTS, strict=True):
        result = analyse_document(article)
        assert result.document.genre == gold["genre"]
        assert {c.genre for c in result.claims} <= {gold["genre"]}


def test_extraction_and_the_ledger_refuse_an_undecided_genre(tmp_path: Path) -> None:
    from harmledger.extract import extract_claims

    doc = make_document(REPORT, "t.txt")
    with pytest.raises(ValueError, match="genre"):
        extract_claims(doc)
    with Ledger(f"sqlite:///{tmp_path / 'l.db'}") as ledger:
        with pytest.raises(ValueError, match="genre"):
            ledger.add_document(doc, [])
        assert not ledger.has_document(doc.id)


def test_ingest_stores_decided_genres_and_a_reingest_judges_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    judged: list[str] = []
    real = genre_module.classify_genre

    def counting(text: str) -> str:
        judged.append(text[:40])
        return real(text)

    monkeypatch.setattr(genre_module, "classify_genre", counting)
    with Ledger(f"sqlite:///{tmp_path / 'l.db'}") as ledger:
        first = ingest(ledger, [SEED])
        assert first.added == len(SEGMENTS) and len(judged) == len(SEGMENTS)  # once per new document
        stored = sorted(ledger.documents(), key=lambda d: d.offset_in_parent or 0)
        assert [d.genre for d in stored] == [g["genre"] for g in SEGMENTS]
        assert {c.document_id: c.genre for c in ledger.claims()} == {
            d.id: d.genre for d in stored if any(c.document_id == d.id for c in ledger.claims())
        }
        again = ingest(ledger, [SEED])
        assert (again.added, again.skipped) == (0, len(SEGMENTS))
        assert len(judged) == len(SEGMENTS)  # nothing judged for documents already stored
