"""The in-process runner gives the same ledger with one worker or a pool of two."""

from __future__ import annotations

import pytest

from harmledger.pipeline import ingest
from harmledger.store import Ledger
from tests.scaling import inprocess

CORPORA = ["samples", "generated"]


@pytest.mark.parametrize("name", CORPORA)
def test_two_workers_store_the_same_claims_as_one(name: str) -> None:
    one, two = inprocess(name, 1), inprocess(name, 2)
    assert one.claims, "the corpus should yield claims"
    assert [c.id for c in two.claims] == [c.id for c in one.claims]
    assert two.claims == one.claims


@pytest.mark.parametrize("name", CORPORA)
def test_two_workers_reconcile_the_same_incidents_as_one(name: str) -> None:
    one, two = inprocess(name, 1), inprocess(name, 2)
    assert one.incidents, "the corpus should yield incidents"
    assert two.incidents == one.incidents


@pytest.mark.parametrize("name", CORPORA)
def test_two_workers_report_the_same_counts_as_one(name: str) -> None:
    one, two = inprocess(name, 1), inprocess(name, 2)
    assert (two.report.added, two.report.claims, two.report.errors) == (
        one.report.added,
        one.report.claims,
        one.report.errors,
    )
    assert two.document_ids == one.document_ids


def stored_genres(url: str) -> dict[str, str | None]:
    with Ledger(url) as ledger:
        return {d.id: d.genre for d in ledger.documents()}


@pytest.mark.parametrize("name", CORPORA)
def test_two_workers_store_every_document_with_the_genre_one_decides(name: str) -> None:
    # Reading leaves the genre undecided; the workers decide it, and that is what is stored (issue 15).
    one, two = stored_genres(inprocess(name, 1).ledger_url), stored_genres(inprocess(name, 2).ledger_url)
    assert one, "the corpus should store documents"
    assert set(one.values()) <= {"news", "opinion"}
    assert two == one


def test_a_second_two_worker_run_adds_nothing() -> None:
    first = inprocess("generated", 2)
    with Ledger(first.ledger_url) as ledger:
        before = ledger.counts()
        report = ingest(ledger, [str(p) for p in _paths("generated")], workers=2)
        assert (report.added, report.claims, report.skipped) == (0, 0, first.report.added)
        assert ledger.counts() == before


def _paths(name: str) -> list[object]:
    from tests.scaling import corpus

    return [corpus(name)]


def test_a_long_in_process_batch_gives_back_what_analysis_grew_and_later_batches_analyse_alike(
    tmp_path, monkeypatch
) -> None:
    import harmledger.pipeline as pipeline
    from harmledger.nlp import load_pipeline
    from harmledger.places import gazetteer

    monkeypatch.setattr(pipeline, "RELEASE_AFTER_DOCUMENTS", 2)  # the samples are a "long" batch
    with Ledger(f"sqlite:///{tmp_path / 'ledger.db'}") as ledger:
        first = ingest(ledger, [str(p) for p in _paths("samples")])
        assert first.added >= 2
        # Released before the closing reconcile: spaCy and the gazetteer load again on next use.
        assert load_pipeline.cache_info().currsize == 0
        assert gazetteer._SHARED == {}
        ingest(ledger, [str(p) for p in _paths("generated")])
        stored = {c.id: c for c in ledger.claims()}
    expected = {c.id: c for name in ("samples", "generated") for c in inprocess(name, 1).claims}
    assert expected and stored == expected
