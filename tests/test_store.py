"""The ledger, on SQLite and on a real PostgreSQL server: idempotent writes, nothing lost, verify."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa

from harmledger.errors import StoreError
from harmledger.records import Claim, Count, Document, Figures, Incident, PlaceRef, Source, Span, sha256_hex
from harmledger.store.schema import audit_log, originals


def make_doc(text: str, **meta: object) -> Document:
    original = text.encode("utf-8")
    return Document(
        id=sha256_hex(original), original=original, text=text, origin="test.txt", **{"genre": "news", **meta}
    )  # type: ignore[arg-type]


def make_claim(doc: Document, figure: str, low: int) -> Claim:
    start = doc.text.index(figure)
    span = Span(start, start + len(figure))
    return Claim(
        id=Claim.make_id(doc.id, span, "casualty", "killed"),
        document_id=doc.id,
        kind="casualty",
        outcome="killed",
        count=Count(low, None, None, "at_least", text=figure),
        victims="civilians",
        span=span,
        sentence=Span(0, len(doc.text)),
        quote=doc.text,
        source=Source("Amnesty International", "confirmed"),
        place=PlaceRef("Manbij", name="Manbij", lat=36.528, lon=37.955, country="SY", precision=1),
    )


STRIKE = make_doc("An airstrike killed at least 56 civilians near Manbij.", published=date(2016, 7, 20))


def test_a_document_and_its_claims_round_trip(ledger) -> None:
    claim = make_claim(STRIKE, "at least 56", 56)
    assert ledger.add_document(STRIKE, [claim]) is True
    stored = ledger.get_document(STRIKE.id)
    assert stored.original == STRIKE.original
    assert stored.text == STRIKE.text
    assert stored.published == date(2016, 7, 20)
    assert ledger.claims(document_id=STRIKE.id) == [claim]


def test_the_same_bytes_never_make_a_second_document(ledger) -> None:
    claim = make_claim(STRIKE, "at least 56", 56)
    ledger.add_document(STRIKE, [claim])
    assert ledger.add_document(STRIKE, [claim]) is False
    counts = ledger.counts()
    assert (counts["documents"], counts["claims"], counts["originals"]) == (1, 1, 1)


def test_incidents_are_replaced_atomically_and_filtered(ledger) -> None:
    claim = make_claim(STRIKE, "at least 56", 56)
    ledger.add_document(STRIKE, [claim])
    incident = Incident(
        id="inc1",
        kind="incident",
        claim_ids=(claim.id,),
        deaths=Figures(56, 56, 200, "rule"),
        place=claim.place,
        date_start=date(2016, 7, 19),
        perpetrator="International Anti-ISIS Coalition",
        event_type="airstrike",
        grade="fair",
        n_sources=1,
    )
    aggregate = Incident(id="agg1", kind="aggregate", claim_ids=(claim.id,), deaths=Figures(126, None, None, "r"))
    assert ledger.replace_incidents([incident, aggregate]) == 2
    assert ledger.incidents() == [incident]
    assert ledger.incidents(kind="aggregate") == [aggregate]
    assert ledger.incidents(country="sy", perpetrator="coalition") == [incident]
    assert ledger.incidents(country="IQ") == []
    assert ledger.incidents(date_from=date(2016, 7, 20)) == []
    assert ledger.incident_claim_ids() == {"inc1": [claim.id], "agg1": [claim.id]}
    ledger.replace_incidents([incident])
    assert ledger.count_incidents(kind="aggregate") == 0


def test_incidents_replaced_in_batches_keep_their_version_unless_their_content_changed(ledger, monkeypatch) -> None:
    import harmledger.store.ledger as ledger_module
    from harmledger.store.schema import incidents as incidents_table

    monkeypatch.setattr(ledger_module, "INSERT_BATCH", 2)  # three incidents take two inserts
    claim = make_claim(STRIKE, "at least 56", 56)
    ledger.add_document(STRIKE, [claim])
    first = [
        Incident(id=f"inc{n}", kind="incident", claim_ids=(claim.id,), deaths=Figures(n, n, n, "rule"))
        for n in (1, 2, 3)
    ]

    def versions() -> dict[str, int]:
        with ledger.engine.connect() as conn:
            return dict(conn.execute(sa.select(incidents_table.c.id, incidents_table.c.version)).all())

    ledger.replace_incidents(first)
    assert versions() == {"inc1": 1, "inc2": 1, "inc3": 1}
    changed = [
        first[0],
        Incident(id="inc2", kind="incident", claim_ids=(claim.id,), deaths=Figures(9, 9, 9, "r")),
        first[2],
    ]
    ledger.replace_incidents(changed)
    assert versions() == {"inc1": 1, "inc2": 2, "inc3": 1}
    assert sorted(ledger.incidents(), key=lambda i: i.id) == changed
    assert ledger.incident_claim_ids() == {f"inc{n}": [claim.id] for n in (1, 2, 3)}


def test_a_rejected_claim_stays_stored_and_the_decision_is_audited(ledger) -> None:
    claim = make_claim(STRIKE, "at least 56", 56)
    ledger.add_document(STRIKE, [claim])
    ledger.record_decision(
        "reject", claim.id, {"reason": "duplicate"}, "ana", target_kind="claim", before="auto", after="rejected"
    )
    assert ledger.claims(ids=[claim.id]) == [claim]
    assert ledger.claim_status() == {claim.id: "rejected"}
    [entry] = ledger.audit_entries(claim.id)
    assert (entry["username"], entry["action"], entry["after"]) == ("ana", "reject", "rejected")
    assert [row["action"] for row in ledger.decision_rows()] == ["reject"]


def test_verify_passes_on_a_fresh_ledger_and_names_an_altered_original(ledger) -> None:
    ledger.add_document(STRIKE, [])
    assert ledger.verify() == []
    with ledger.engine.begin() as conn:
        conn.execute(originals.update().where(originals.c.id == STRIKE.id).values(data=b"altered"))
    [problem] = ledger.verify()
    assert problem.kind == "original" and problem.target == STRIKE.id


def test_verify_names_the_first_broken_link_of_the_audit_chain(ledger) -> None:
    for n in range(3):
        ledger.record_decision("note", f"inc{n}", {"text": f"note {n}"}, "ana", target_kind="incident")
    assert ledger.verify() == []
    with ledger.engine.begin() as conn:
        second = conn.execute(sa.select(audit_log.c.id).order_by(audit_log.c.id).offset(1).limit(1)).scalar_one()
        conn.execute(audit_log.update().where(audit_log.c.id == second).values(username="mallory"))
    [problem] = ledger.verify()
    assert (problem.kind, problem.target) == ("audit", str(second))


def test_reopening_a_ledger_keeps_everything(ledger_url) -> None:
    from harmledger.store import Ledger

    first = Ledger(ledger_url)
    first.add_document(STRIKE, [make_claim(STRIKE, "at least 56", 56)])
    first.close()
    again = Ledger(ledger_url)
    assert again.counts()["claims"] == 1
    again.close()


@pytest.mark.filterwarnings("ignore:.*expression-based index")
def test_the_migrations_build_exactly_the_declared_schema(ledger) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from harmledger.store.schema import metadata

    with ledger.engine.connect() as conn:
        # The full-text indexes (FTS5 tables on SQLite, GIN indexes on PostgreSQL) are derived data
        # that SQLAlchemy cannot declare; they are checked by tests/test_search.py.
        context = MigrationContext.configure(
            conn,
            opts={"include_name": lambda name, _kind, _parent: not (name or "").startswith(("search_", "ix_search_"))},
        )
        diff = compare_metadata(context, metadata)
        # Expression indexes cannot be compared by autogenerate; check this one by name.
        catalogue = {
            "sqlite": "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'incidents'",
            "postgresql": "SELECT indexname FROM pg_indexes WHERE tablename = 'incidents'",
        }[ledger.dialect]
        index_names = set(conn.execute(sa.text(catalogue)).scalars())
    assert diff == []
    assert "ix_incidents_kind_deaths_best" in index_names


def test_incidents_are_stale_until_derived_from_every_document(ledger) -> None:
    assert ledger.incidents_stale() is False
    ledger.add_document(STRIKE, [])
    assert ledger.incidents_stale() is True
    ledger.replace_incidents([])
    assert ledger.incidents_stale() is False


def test_incidents_derived_before_an_analyst_decision_are_never_written_over_it(ledger) -> None:
    from harmledger.store.ledger import StaleIncidents

    claim = make_claim(STRIKE, "at least 56", 56)
    ledger.add_document(STRIKE, [claim])
    basis = ledger.basis()
    derived = [Incident(id="inc1", kind="incident", claim_ids=(claim.id,))]
    # An analyst rejects the claim while a concurrent ingest is still reconciling.
    ledger.record_decision("reject", claim.id, {}, "ana", target_kind="claim")
    with pytest.raises(StaleIncidents):
        ledger.replace_incidents(derived, basis=basis)
    assert ledger.incidents() == []
    assert ledger.replace_incidents(derived, basis=ledger.basis()) == 1


def test_rebuilding_after_a_decision_respects_it(ledger) -> None:
    from harmledger.pipeline import rebuild_incidents

    claim = make_claim(STRIKE, "at least 56", 56)
    ledger.add_document(STRIKE, [claim])
    rebuild_incidents(ledger)
    [incident] = ledger.incidents()
    assert incident.deaths.low == 56
    ledger.record_decision("reject", claim.id, {}, "ana", target_kind="claim")
    rebuild_incidents(ledger)
    assert all(i.deaths.low is None for i in ledger.incidents(kind=None))


def test_every_sort_the_web_offers_is_one_the_ledger_orders_by() -> None:
    from harmledger.store import SORT_COLUMNS, incident_order
    from harmledger.web.queries import SORTS

    assert {s.lstrip("-") for s in SORTS} == set(SORT_COLUMNS)
    assert {s for s in SORTS if s.startswith("-")} == {f"-{k}" for k in SORT_COLUMNS}
    for sort in SORTS:
        incident_order(sort)
    with pytest.raises(StoreError, match="cannot sort by 'size'"):
        incident_order("-size")
