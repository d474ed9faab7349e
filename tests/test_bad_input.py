"""The bad-input corpus ingested into a real ledger: bad records reported by name, good ones stored.

Also a pathological 1 MB line through ``extract_claims`` and ``find_places``: it must finish
(the time is printed, not asserted; a hang would stop the suite).
"""

from __future__ import annotations

import time
from typing import Any

import pytest
import sqlalchemy as sa

from harmledger.errors import InputError
from harmledger.extract import extract_claims
from harmledger.extract.counts import MAX_FIGURE
from harmledger.pipeline import IngestReport, ingest
from harmledger.places import find_places
from harmledger.records import Document, sha256_hex
from harmledger.store import Ledger
from harmledger.store.schema import claims, documents, incident_claims, incidents, originals
from tests.badinput import OPTIONS, Corpus, build_corpus


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    return build_corpus(tmp_path_factory.mktemp("bad-input"))


@pytest.fixture(scope="module")
def ingested(corpus: Corpus, tmp_path_factory: pytest.TempPathFactory) -> tuple[Ledger, IngestReport, IngestReport]:
    """The corpus ingested twice into one SQLite ledger (the second run must add nothing)."""
    ledger = Ledger(f"sqlite:///{tmp_path_factory.mktemp('ledger') / 'ledger.db'}")
    first = ingest(ledger, corpus.paths, OPTIONS)
    counts_after_first = ledger.counts()
    second = ingest(ledger, corpus.paths, OPTIONS)
    assert ledger.counts() == counts_after_first
    return ledger, first, second


def stored_texts(ledger: Ledger) -> list[str]:
    return [doc.text for doc in ledger.documents()]


def test_each_bad_record_is_reported_once_naming_its_file_and_line(corpus: Corpus, ingested: Any) -> None:
    _, report, _ = ingested
    for words, _kind in corpus.errors:
        named = [e for e in report.errors if words in e]
        assert len(named) == 1, f"{words!r} reported {len(named)} times in {report.errors}"
    assert len(report.errors) == len(corpus.errors), report.errors


def test_every_good_record_is_stored(corpus: Corpus, ingested: Any) -> None:
    texts = stored_texts(ingested[0])
    missing = [phrase for phrase in corpus.good if not any(phrase in t for t in texts)]
    assert missing == []


def test_scripts_and_event_handlers_never_reach_stored_text(corpus: Corpus, ingested: Any) -> None:
    for text in stored_texts(ingested[0]):
        for word in corpus.forbidden:
            assert word not in text


def test_absurd_figures_become_no_claim_and_real_ones_beside_them_are_kept(ingested: Any) -> None:
    ledger = ingested[0]
    figures = [c.count for c in ledger.claims() if c.count is not None]
    assert all(v <= MAX_FIGURE + 1 for c in figures for v in (c.low, c.best, c.high) if v is not None)
    doc = next(d for d in ledger.documents() if "10,000,000,000 dead" in d.text)
    assert {c.count.text for c in ledger.claims(document_id=doc.id) if c.count} >= {"2"}


def test_the_ledger_is_consistent_and_verifies(ingested: Any) -> None:
    ledger, report, _ = ingested
    assert ledger.verify() == []
    with ledger.engine.connect() as conn:

        def scalar(query: Any) -> int:
            return conn.execute(query).scalar_one()

        n_docs = scalar(sa.select(sa.func.count()).select_from(documents))
        assert n_docs == report.added
        assert scalar(sa.select(sa.func.count()).select_from(claims)) == report.claims
        orphan_claims = (
            sa.select(sa.func.count())
            .select_from(claims.outerjoin(documents, claims.c.document_id == documents.c.id))
            .where(documents.c.id.is_(None))
        )
        assert scalar(orphan_claims) == 0
        dangling_links = (
            sa.select(sa.func.count())
            .select_from(incident_claims.outerjoin(claims, incident_claims.c.claim_id == claims.c.id))
            .where(claims.c.id.is_(None))
        )
        assert scalar(dangling_links) == 0
        empty_incidents = (
            sa.select(sa.func.count())
            .select_from(incidents.outerjoin(incident_claims, incident_claims.c.incident_id == incidents.c.id))
            .where(incident_claims.c.claim_id.is_(None))
        )
        assert scalar(empty_incidents) == 0
        for row in conn.execute(sa.select(originals.c.id, originals.c.data)):
            assert sha256_hex(bytes(row.data)) == row.id


def test_a_second_run_adds_nothing_and_reports_the_same_errors(ingested: Any) -> None:
    _, first, second = ingested
    assert (second.added, second.claims) == (0, 0)
    # notes.txt.gz is named and also inside the folder: read twice, stored once.
    assert second.skipped == first.added + first.skipped
    assert second.errors == first.errors


# -- a pathological line -------------------------------------------------------------------------

# One line of about 1 MB with no sentence end, each a worst case for a different rule.
PATHOLOGICAL = {
    "harm words and figures": "killed 5 civilians in Aleppo wounded 12 " * 26_000,
    "digits and separators": "1,000,000.000,000 " * 60_000,
    "qualifiers without figures": "at least more than up to between " * 32_000,
    "capitalised place names": "Aleppo Northern Ireland Al-Fatih Jableh District near Idlib " * 18_000,
    "one word": "a" * 1_000_000,
    "punctuation": "(((,,,---...'''\"\"\") " * 50_000,
}
# find_places reads every character with spaCy's NER (about 15,000 characters a second on a
# busy 2-core machine): the whole megabyte once, the first 50 KB of the others.
FULL_PLACES = "capitalised place names"
PLACES_CHARS = 50_000


@pytest.mark.parametrize("kind", PATHOLOGICAL)
def test_a_one_megabyte_line_finishes_in_extract_and_find_places(kind: str) -> None:
    text = PATHOLOGICAL[kind]
    doc = Document(id=sha256_hex(text), original=text.encode(), text=text, origin=f"pathological {kind}", genre="news")
    started = time.perf_counter()
    found = extract_claims(doc)
    extracted = time.perf_counter() - started
    assert all(0 <= c.span.start < c.span.end <= len(text) for c in found)
    if kind != FULL_PLACES:
        text = text[:PLACES_CHARS]
        doc = Document(
            id=sha256_hex(text), original=text.encode(), text=text, origin=f"pathological {kind}", genre="news"
        )
    started = time.perf_counter()
    places = find_places(doc)
    located = time.perf_counter() - started
    print(
        f"\n{kind}: extract_claims on {len(PATHOLOGICAL[kind]):,} chars: {len(found)} claims in {extracted:.1f} s;"
        f" find_places on {len(text):,} chars: {len(places)} places in {located:.1f} s"
    )
    assert all(p.span is not None and 0 <= p.span.start < p.span.end <= len(text) for p in places)


def test_each_bad_record_is_the_input_error_class_that_says_why(corpus: Corpus) -> None:
    from harmledger.documents import read_sources

    for item in read_sources([str(p) for p in corpus.paths], OPTIONS):
        if isinstance(item, InputError):
            (kind,) = [k for words, k in corpus.errors if words in str(item)]
            assert type(item) is kind, str(item)


def test_a_record_whose_analysis_fails_is_named_by_its_file_and_line_and_the_rest_are_stored(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # No real text is known to break analysis: a fault is injected for the record that says so.
    import json

    from harmledger import pipeline

    real = pipeline._claims_and_windows

    def failing(doc: Document) -> Any:
        if "BREAKS ANALYSIS" in doc.text:
            raise RuntimeError("injected fault")
        return real(doc)

    monkeypatch.setattr(pipeline, "_claims_and_windows", failing)
    rows = [
        {"text": "A strike killed 4 people in Idlib on Monday.", "published": "2024-01-08"},
        {"text": "BREAKS ANALYSIS. Shelling killed 3 people in Homs.", "published": "2024-01-08"},
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    ledger = Ledger(f"sqlite:///{tmp_path / 'ledger.db'}")
    report = ingest(ledger, [path])
    ledger.close()
    assert report.added == 1
    [error] = report.errors
    assert str(path) in error and "line 2" in error and "injected fault" in error, error
