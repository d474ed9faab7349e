"""`verify` catches every edit to what a reader sees, on SQLite and PostgreSQL, and names the row.

Each test edits the database behind harmledger's back, as someone with write access to the file or
the server could, and expects `verify` to name what changed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from harmledger.cli import main
from harmledger.records import Claim, Count, Document, Figures, Incident, PlaceRef, Source, Span, sha256_hex
from harmledger.store import Ledger
from harmledger.store.schema import audit_log, claims, decisions, documents, incident_claims, incidents, ledger_meta


def make_doc(text: str) -> Document:
    original = text.encode("utf-8")
    return Document(
        id=sha256_hex(original),
        original=original,
        text=text,
        origin="strike.txt",
        published=date(2019, 3, 2),
        url="https://example.org/strike",
        genre="news",
    )


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
        source=Source("the provincial governor", "reported"),
        place=PlaceRef("Kunduz", name="Kunduz", lat=36.73, lon=68.86, country="AF", precision=1),
    )


DOC = make_doc("The provincial governor said a rocket attack killed at least 12 civilians in Kunduz on Friday.")
CLAIM = make_claim(DOC, "at least 12", 12)
INCIDENT = Incident(
    id="inc-kunduz",
    kind="incident",
    claim_ids=(CLAIM.id,),
    deaths=Figures(12, 12, None, "rule"),
    place=CLAIM.place,
    date_start=date(2019, 3, 1),
    event_type="shelling",
    grade="weak",
    n_sources=1,
)


@pytest.fixture
def filled(ledger: Ledger) -> Ledger:
    """A ledger with a document, its claim, an incident and three decisions (so three audit entries)."""
    ledger.add_document(DOC, [CLAIM])
    ledger.replace_incidents([INCIDENT])
    ledger.record_decision("grade", INCIDENT.id, {"grade": "fair"}, "ana", target_kind="incident")
    ledger.record_decision("reject", CLAIM.id, {"reason": "counted twice"}, "ana", target_kind="claim")
    ledger.record_decision("note", INCIDENT.id, {"text": "checked with the hospital"}, "ana", target_kind="incident")
    assert ledger.verify() == []
    return ledger


def edit(ledger: Ledger, statement: Any) -> None:
    with ledger.engine.begin() as conn:
        conn.execute(statement)


def _data(ledger: Ledger, table: sa.Table, key: Any) -> dict[str, Any]:
    with ledger.engine.connect() as conn:
        return dict(conn.execute(sa.select(table.c.data).where(key)).scalar_one())


def edit_text(ledger: Ledger) -> None:
    edit(
        ledger,
        documents.update().where(documents.c.id == DOC.id).values(text=DOC.text.replace("at least 12", "at least 42")),
    )


def edit_claim_column(ledger: Ledger) -> None:
    edit(ledger, claims.update().where(claims.c.id == CLAIM.id).values(low=120))


def edit_claim_record(ledger: Ledger) -> None:
    data = _data(ledger, claims, claims.c.id == CLAIM.id)
    data["count"]["low"] = 120
    edit(ledger, claims.update().where(claims.c.id == CLAIM.id).values(data=data))


def edit_incident(ledger: Ledger) -> None:
    data = _data(ledger, incidents, incidents.c.id == INCIDENT.id)
    data["deaths"]["low"] = 3
    edit(ledger, incidents.update().where(incidents.c.id == INCIDENT.id).values(deaths_low=3, data=data))


def edit_decision_payload(ledger: Ledger) -> None:
    edit(ledger, decisions.update().where(decisions.c.action == "grade").values(payload={"grade": "confirmed"}))


def delete_last_audit_entry(ledger: Ledger) -> None:
    with ledger.engine.begin() as conn:
        last = conn.execute(sa.select(sa.func.max(audit_log.c.id))).scalar_one()
        conn.execute(audit_log.delete().where(audit_log.c.id == last))


def unreject_claim(ledger: Ledger) -> None:
    edit(ledger, claims.update().where(claims.c.id == CLAIM.id).values(status="auto"))


def move_claim_link(ledger: Ledger) -> None:
    edit(ledger, incident_claims.delete().where(incident_claims.c.incident_id == INCIDENT.id))


def delete_decision(ledger: Ledger) -> None:
    edit(ledger, decisions.delete().where(decisions.c.action == "note"))


def insert_decision(ledger: Ledger) -> None:
    from datetime import UTC, datetime

    edit(
        ledger,
        decisions.insert().values(
            action="grade",
            target=INCIDENT.id,
            payload={"grade": "discounted"},
            username="mallory",
            at=datetime.now(UTC),
        ),
    )


# (tamper, kind of row named, the row named, words the message must hold)
TAMPERS: list[tuple[Callable[[Ledger], None], str, str | None, str]] = [
    (edit_text, "document", DOC.id, "text"),
    (edit_claim_column, "claim", CLAIM.id, "figures"),
    (edit_claim_record, "claim", CLAIM.id, "figures"),
    (edit_incident, "incident", INCIDENT.id, "figures"),
    (edit_decision_payload, "decision", None, "payload"),
    # The deleted entry sealed the note decision, which now has none: both are named.
    (delete_last_audit_entry, "audit+decision", "head", "deleted"),
    (unreject_claim, "claim", CLAIM.id, "'rejected'"),
    (move_claim_link, "incident", INCIDENT.id, "claim links"),
    (delete_decision, "decision", None, "deleted"),
    (insert_decision, "decision", None, "no audit entry"),
]


@pytest.mark.parametrize(("tamper", "kind", "target", "words"), TAMPERS, ids=[t[0].__name__ for t in TAMPERS])
def test_verify_names_each_edit_made_behind_harmledgers_back(
    filled: Ledger, tamper: Callable[[Ledger], None], kind: str, target: str | None, words: str
) -> None:
    tamper(filled)
    problems = filled.verify()
    assert [p.kind for p in problems] == kind.split("+"), problems
    if target is not None:
        assert problems[0].target == target
    assert words in problems[0].detail


def test_verify_still_passes_after_harmledger_itself_changes_things(filled: Ledger) -> None:
    filled.record_decision("confirm", CLAIM.id, {"reason": "second source"}, "ben", target_kind="claim")
    filled.replace_incidents([dataclasses.replace(INCIDENT, grade="fair", deaths=Figures(12, 14, 15, "rule"))])
    assert filled.verify() == []
    _problems, summary = filled.verify_report()
    assert (summary.documents, summary.claims, summary.incidents, summary.decisions, summary.audit_entries) == (
        1,
        1,
        1,
        4,
        4,
    )


def test_a_deleted_tail_and_its_rewritten_head_are_caught_by_the_head_printed_earlier(filled: Ledger) -> None:
    # The last entry records a new user: no decision or place points back to it.
    from harmledger.store.users import Users

    Users(filled).add("ben", "a long enough password", "viewer", by="ana")
    _problems, before = filled.verify_report()
    delete_last_audit_entry(filled)
    with filled.engine.begin() as conn:
        last, length = conn.execute(
            sa.select(sa.func.max(audit_log.c.id), sa.func.count()).select_from(audit_log)
        ).one()
        last_hash = conn.execute(sa.select(audit_log.c.hash).where(audit_log.c.id == last)).scalar_one()
        conn.execute(
            ledger_meta.update()
            .where(ledger_meta.c.key == "audit_head")
            .values(value=f'{{"length": {length}, "hash": "{last_hash}"}}')
        )
    # A consistent rewrite of the head hides the deletion from the ledger itself ...
    problems, after = filled.verify_report()
    assert problems == [] and after.head != before.head
    # ... but not from a head noted down (or published) before it.
    result = CliRunner().invoke(main, ["verify", "--db", filled.url, "--expect-head", before.head])
    assert result.exit_code == 1
    assert "head" in result.output and before.head[:12] in result.output


@pytest.fixture
def sqlite_filled(tmp_path: Path) -> Ledger:
    ledger = Ledger(f"sqlite:///{tmp_path / 'ledger.db'}")
    ledger.add_document(DOC, [CLAIM])
    ledger.replace_incidents([INCIDENT])
    for n in range(3):
        ledger.record_decision("note", INCIDENT.id, {"text": f"note {n}"}, "ana", target_kind="incident")
    return ledger


@pytest.mark.parametrize(
    ("table", "column", "value"),
    [
        ("audit_log", "after", "{not json"),
        ("audit_log", "at", "yesterday-ish"),
        ("decisions", "payload", "[1, 2"),
        ("claims", "data", "{"),
    ],
)
def test_a_malformed_row_is_named_and_the_rest_is_still_checked(
    sqlite_filled: Ledger, table: str, column: str, value: str
) -> None:
    # PostgreSQL refuses malformed JSON and dates outright; SQLite stores whatever it is given.
    with sqlite_filled.engine.begin() as conn:
        row_id = conn.execute(sa.text(f"SELECT id FROM {table} ORDER BY id LIMIT 1")).scalar_one()
        conn.execute(sa.text(f'UPDATE {table} SET "{column}" = :v WHERE id = :id'), {"v": value, "id": row_id})
    result = CliRunner().invoke(main, ["verify", "--db", sqlite_filled.url])
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit), result.exception
    kind = {"audit_log": "audit", "decisions": "decision", "claims": "claim"}[table]
    assert f"MISMATCH {kind} {row_id}: the row cannot be read" in result.output


def test_the_cli_says_what_a_clean_verify_covered_and_prints_the_head(filled: Ledger) -> None:
    result = CliRunner().invoke(main, ["verify", "--db", filled.url])
    assert result.exit_code == 0, result.output
    assert "1 documents, 1 claims, 1 incidents" in result.output
    assert "3 decisions" in result.output and "3 audit entries" in result.output
    _problems, summary = filled.verify_report()
    assert summary.head in result.output


def test_an_analysts_place_moved_behind_harmledgers_back_is_named(filled: Ledger) -> None:
    from harmledger.store.schema import gazetteer_places

    filled.add_place("Chardara", 36.70, 68.73, country="AF", aliases=["Char Dara"], username="ana")
    assert filled.verify() == []
    edit(filled, gazetteer_places.update().values(lat=34.0))
    [problem] = filled.verify()
    assert (problem.kind, problem.detail) == (
        "place",
        "'Chardara' differs from what its add_place audit entry recorded, or was added outside harmledger",
    )


def test_deep_verify_on_unreadable_rows_names_them_and_stops_without_a_traceback(sqlite_filled: Ledger) -> None:
    with sqlite_filled.engine.begin() as conn:
        conn.execute(sa.text("UPDATE documents SET data = '{broken'"))
    result = CliRunner().invoke(main, ["verify", "--deep", "--db", sqlite_filled.url])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert f"MISMATCH document {DOC.id}: the row cannot be read" in result.output
    assert "MISMATCH ledger deep: not re-derived" in result.output
