"""Spec for reconciling without holding every text: documents read without their text, texts
read a few at a time when reconciliation needs them (issue 15), with incidents unchanged."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date

from harmledger.incidents import reconcile
from harmledger.incidents.link import build_features, document_cues
from harmledger.incidents.syndication import Syndication
from harmledger.pipeline import rebuild_incidents
from harmledger.records import Claim, Document, Incident
from harmledger.store import Ledger
from tests.test_incidents_builder import claim, doc

D = date(2016, 7, 19)
WIRE = "Four dead in suicide bombing in Libya's Misrata on Wednesday, security sources said"


class RecordingLoader:
    """A text loader over documents in memory that remembers which ids it was asked for."""

    def __init__(self, documents: Mapping[str, Document]) -> None:
        self.documents = documents
        self.asked: list[list[str]] = []

    def __call__(self, ids: Sequence[str]) -> dict[str, str]:
        self.asked.append(list(ids))
        return {i: self.documents[i].text for i in ids if i in self.documents}


def without_text(documents: Mapping[str, Document]) -> dict[str, Document]:
    return {i: replace(d, text="") for i, d in documents.items()}


def wire_reports() -> tuple[dict[str, Document], list[Claim]]:
    """Two outlets running one wire story (a copy), a third telling it its own way, and a
    report of one strike in a series (its text, not its claim, says so)."""
    docs = {
        "a": doc("a", WIRE, outlet="AFP"),
        "b": doc("b", WIRE + ".", outlet="Yahoo"),
        "c": doc("c", "Islamic State attacks Misrata court", outlet="AP"),
        "d": doc("d", "The strike on Kabul was one of three air strikes that day. Seven died.", outlet="BBC"),
    }
    claims = [claim(d, low=4, high=4, best=4, place="misrata", day=D) for d in "abc"]
    claims.append(claim("d", low=7, high=7, best=7, place="kabul", day=D))
    return docs, claims


def by_id(incidents: Sequence[Incident]) -> dict[str, Incident]:
    return {i.id: i for i in incidents}


def test_documents_read_without_text_keep_every_other_field(ledger: Ledger) -> None:
    docs, claims = wire_reports()
    for d in docs.values():
        ledger.add_document(d, [c for c in claims if c.document_id == d.id])
    full = list(ledger.documents())
    light = list(ledger.documents(with_text=False))
    assert [d.text for d in light] == [""] * len(docs)
    assert light == [replace(d, text="") for d in full]
    assert [d.text for d in full] == [docs[d.id].text for d in full]
    with_originals = list(ledger.documents(with_original=True, with_text=False))
    assert [d.original for d in with_originals] == [docs[d.id].original for d in with_originals]
    assert [d.text for d in with_originals] == [""] * len(docs)


def test_texts_are_read_for_the_ids_asked_in_batches_and_unknown_ids_are_left_out(ledger: Ledger, monkeypatch) -> None:
    import harmledger.store.ledger as ledger_module

    monkeypatch.setattr(ledger_module, "TEXT_BATCH", 2)  # four ids take two queries
    docs, _ = wire_reports()
    for d in docs.values():
        ledger.add_document(d, [])
    assert ledger.texts(["a", "c", "d", "unknown"]) == {i: docs[i].text for i in "acd"}
    assert ledger.texts([]) == {}


def test_syndication_loads_texts_only_for_an_incident_with_several_documents() -> None:
    docs, _ = wire_reports()
    texts = RecordingLoader(docs)
    syndication = Syndication(without_text(docs), texts)
    assert syndication.copies(["a", "a"]) == []
    assert texts.asked == []
    [copy] = syndication.copies(["b", "a", "c"])
    assert (copy.copy, copy.original) == ("b", "a")  # same day: the first listed id is the original
    assert texts.asked == [["a", "b", "c"]]  # one load for the incident, in publication order


def test_syndication_orders_documents_by_publication_whatever_their_text() -> None:
    docs = {
        "early": doc("early", WIRE + ".", published=date(2016, 7, 18)),
        "late": doc("late", WIRE, published=date(2016, 7, 20)),
    }
    [copy] = Syndication(without_text(docs), RecordingLoader(docs)).copies(["late", "early"])
    assert (copy.copy, copy.original) == ("late", "early")


def test_what_linking_reads_of_a_text_comes_from_the_loader() -> None:
    docs, claims = wire_reports()
    cues = document_cues(docs, RecordingLoader(docs))
    feats = build_features(claims, without_text(docs), cues)
    assert feats == build_features(claims, docs)
    assert [f.series for f in feats] == [False, False, False, True]
    assert feats[0].lead == WIRE


def test_reconciling_documents_without_text_through_a_loader_gives_the_same_incidents() -> None:
    docs, claims = wire_reports()
    held = reconcile(claims, docs)
    loaded = reconcile(claims, without_text(docs), texts=RecordingLoader(docs))
    assert loaded == held
    assert any(line.startswith("copy: document b") for inc in loaded for line in inc.explanation)


def test_rebuilding_a_ledger_finds_syndicated_copies_with_texts_read_on_demand(ledger: Ledger) -> None:
    docs, claims = wire_reports()
    for d in docs.values():
        ledger.add_document(d, [c for c in claims if c.document_id == d.id])
    rebuild_incidents(ledger)
    stored = ledger.incidents(kind=None)
    assert by_id(stored) == by_id(reconcile(claims, docs))
    [wire] = [i for i in stored if len(i.claim_ids) == 3]
    assert wire.n_sources == 2
    assert any(line.startswith("copy: document b") for line in wire.explanation)


def test_documents_asked_for_by_id_come_in_batches_and_in_ingest_order(ledger: Ledger, monkeypatch) -> None:
    import harmledger.store.ledger as ledger_module

    monkeypatch.setattr(ledger_module, "TEXT_BATCH", 2)  # five ids take three queries
    docs, _ = wire_reports()
    for d in docs.values():
        ledger.add_document(d, [])
    every = [d.id for d in ledger.documents()]
    asked = [d.id for d in ledger.documents(ids=["d", "a", "unknown", "c", "a"], with_text=False)]
    assert asked == [i for i in every if i in {"a", "c", "d"}]
