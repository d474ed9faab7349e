"""Spec for reconciling a large ledger in bounded memory (issue 15): documents read without their
text, texts read a few at a time when reconciliation needs them, claims read back sharing their
repeated parts, with incidents unchanged."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date
from itertools import combinations

from harmledger.incidents import reconcile, rules
from harmledger.incidents.link import build_features, document_cues
from harmledger.incidents.syndication import Syndication, jaccard, shingles
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


def test_claims_read_back_share_their_repeated_parts_and_equal_what_was_stored(ledger: Ledger) -> None:
    docs, claims = wire_reports()
    for d in docs.values():
        ledger.add_document(d, [c for c in claims if c.document_id == d.id])
    read = {c.id: c for c in ledger.claims()}
    assert read == {c.id: c for c in claims}
    a, b, c = (read[x.id] for x in claims[:3])  # three outlets' claims of Misrata on one day
    assert a.place == b.place == c.place and a.place is b.place is c.place
    assert a.date is b.date and a.kind is b.kind and a.outcome is c.outcome
    assert a.document_id != b.document_id


def test_documents_read_back_share_their_repeated_fields(ledger: Ledger) -> None:
    docs, _ = wire_reports()
    for d in docs.values():
        ledger.add_document(d, [])
    a, b, *_ = ledger.documents(with_text=False)
    assert (a.origin, a.published) == (b.origin, b.published)
    assert a.origin is b.origin and a.published is b.published and a.language is b.language


def every_pair_copies(texts: dict[str, str], order: list[str]) -> list[tuple[str, str, float]]:
    """The reference: each document against every earlier one, the first at the threshold wins."""
    found, root = [], {}
    for pos, doc_id in enumerate(order):
        mine = shingles(texts[doc_id])
        for earlier in order[:pos]:
            sim = jaccard(mine, shingles(texts[earlier]))
            if mine and sim >= rules.COPY_JACCARD:
                root[doc_id] = root.get(earlier, earlier)
                found.append((doc_id, root[doc_id], round(sim, 2)))
                break
    return found


def test_copies_found_through_shared_shingles_are_those_every_pair_would_give() -> None:
    rnd = random.Random(15)
    words = [f"w{n}" for n in range(30)]
    base = [" ".join(rnd.choices(words, k=40)) for _ in range(4)]
    texts: dict[str, str] = {}
    for n in range(40):  # rewrites of four stories: some near copies, some not, some empty
        story = base[n % 4].split()
        for _ in range(rnd.choice((0, 1, 3, 8, 20))):
            story[rnd.randrange(len(story))] = rnd.choice(words)
        texts[f"d{n:02d}"] = " ".join(story[: rnd.choice((0, 2, 40, 40))])
    docs = {i: doc(i, t, published=date(2016, 7, 1 + n % 5)) for n, (i, t) in enumerate(texts.items())}
    syndication = Syndication(without_text(docs), RecordingLoader(docs))
    ids = list(texts)
    order = sorted(ids, key=lambda i: (docs[i].published.isoformat(), i))  # type: ignore[union-attr]
    found = [(c.copy, c.original, c.similarity) for c in syndication.copies(ids)]
    assert found == every_pair_copies(texts, order)
    assert len(found) >= 10 and len({original for _, original, _ in found}) >= 3
    near = {
        frozenset((a, b))
        for a, b in combinations(ids, 2)
        if 0 < jaccard(shingles(texts[a]), shingles(texts[b])) < rules.COPY_JACCARD
    }
    assert near  # some pairs share shingles without being copies
