"""What ``harmledger verify`` checks, and the row seals and chain head it checks against.

Everything a reader sees comes from a row of ``originals``, ``documents``, ``claims``,
``incidents``, ``decisions`` or ``audit_log``. ``verify`` (this module) checks each kind:

- originals: the bytes hash to their id;
- documents, claims, incidents: each row carries ``digest``, the SHA-256 of its other columns
  (``row_digest``), written with the row, so an edit to a text, a figure or a place shows;
- claim status: it equals what the analysts' confirm/reject decisions say, replayed in order;
- incident links: ``incident_claims`` holds exactly the claim ids of each incident's record;
- decisions: each one is sealed by the audit entry written with it (``decision_digest``);
- analysts' places: each equals the ``add_place`` audit entry that recorded it;
- the audit log: every entry hashes to its ``hash`` and links to the one before, and the chain's
  length and last hash equal the head stored in ``ledger_meta`` on every append, so a deleted
  tail shows.

A row that cannot even be read (malformed JSON, a date that is not one) is named, never a
traceback. A seal only shows edits made without recomputing it; ``verify --deep``
(``pipeline.verify_deep``) re-derives what it can, and ``docs/reliability.md`` says what
neither can catch.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Row

from harmledger.records import sha256_hex
from harmledger.store.schema import (
    audit_log,
    claims,
    decisions,
    documents,
    gazetteer_places,
    incident_claims,
    incidents,
    ledger_meta,
    originals,
)

GENESIS_HASH = "0" * 64
HEAD_KEY = "audit_head"
# Decisions with a smaller id were recorded before decisions were sealed (migration 0002_security).
SEALED_FROM_KEY = "sealed_decisions_from"
# Columns a seal leaves out: the seal itself, and a claim's status (checked against decisions).
UNSEALED = frozenset({"digest", "status"})
BATCH = 500


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing `verify` found wrong: what kind of row, which one, and what."""

    kind: str
    target: str
    detail: str

    def __str__(self) -> str:
        return f"{self.kind} {self.target}: {self.detail}"


@dataclass(frozen=True, slots=True)
class Summary:
    """What a clean `verify` covered, for its closing line."""

    originals: int
    documents: int
    claims: int
    incidents: int
    decisions: int
    audit_entries: int
    head: str


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        # SQLite hands back naive datetimes; they were written as UTC.
        value = value if value.tzinfo else value.replace(tzinfo=UTC)
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (bytes, memoryview)):
        return bytes(value).hex()
    return value


def row_digest(table: sa.Table, values: Mapping[Any, Any]) -> str:  # a dict or a RowMapping
    """SHA-256 of a row's sealed columns as canonical JSON (the same before writing and after reading)."""
    body = {c.name: _plain(values.get(c.name)) for c in table.columns if c.name not in UNSEALED}
    return sha256_hex(json.dumps(body, sort_keys=True, separators=(",", ":"), default=str))


def sealed(table: sa.Table, values: dict[str, Any]) -> dict[str, Any]:
    """``values`` with its ``digest`` set."""
    return {**values, "digest": row_digest(table, values)}


def audit_entry(row: Mapping[str, Any]) -> dict[str, Any]:
    """The part of an audit row its hash covers (decision fields only when the row has them)."""
    entry = {
        "at": _plain(row["at"]),
        "username": row["username"],
        "action": row["action"],
        "target_kind": row["target_kind"],
        "target_id": row["target_id"],
        "before": row["before"],
        "after": row["after"],
    }
    if row.get("decision_id") is not None:
        entry["decision_id"] = row["decision_id"]
        entry["decision_digest"] = row["decision_digest"]
    return entry


def audit_hash(prev_hash: str, entry: dict[str, Any]) -> str:
    """The hash chaining one audit entry to the one before (canonical JSON)."""
    body = json.dumps(entry, sort_keys=True, default=str, separators=(",", ":"))
    return sha256_hex(prev_hash + body)


def head_value(length: int, last_hash: str) -> str:
    return json.dumps({"length": length, "hash": last_hash})


def set_meta(conn: Connection, key: str, value: str) -> None:
    conn.execute(ledger_meta.delete().where(ledger_meta.c.key == key))
    conn.execute(ledger_meta.insert(), [{"key": key, "value": value}])


def get_meta(conn: Connection, key: str) -> str | None:
    row = conn.execute(sa.select(ledger_meta.c.value).where(ledger_meta.c.key == key)).first()
    return None if row is None else str(row.value)


def read_rows(conn: Connection, table: sa.Table, kind: str) -> Iterator[Row[Any] | Problem]:
    """Every row of ``table`` in key order; a row that cannot be read becomes a ``Problem``.

    Rows are fetched by key in batches; when a batch fails (a malformed value raises while the
    driver converts it) its rows are fetched one by one, so the bad one is named and the rest read.
    """
    key = next(iter(table.primary_key.columns))
    ids = list(conn.execute(sa.select(key).order_by(key)).scalars())
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        try:
            rows = conn.execute(sa.select(table).where(key.in_(chunk)).order_by(key)).all()
        except (ValueError, TypeError, sa.exc.StatementError):
            rows = None
        if rows is not None:
            yield from rows
            continue
        for one in chunk:
            try:
                yield conn.execute(sa.select(table).where(key == one)).one()
            except (ValueError, TypeError, sa.exc.StatementError) as exc:
                reason = exc.orig if isinstance(exc, sa.exc.StatementError) else exc
                yield Problem(
                    kind,
                    str(one),
                    f"the row cannot be read ({type(reason).__name__}: {reason}); it was edited outside harmledger",
                )


def verify(conn: Connection) -> tuple[list[Problem], Summary]:
    """Check everything listed in the module docstring; returns the problems and what was covered."""
    problems: list[Problem] = []
    n_originals = _check_originals(conn, problems)
    counts = {}
    claim_ids_of: dict[str, list[str]] = {}
    statuses: dict[str, str] = {}
    for table, kind in ((documents, "document"), (claims, "claim"), (incidents, "incident")):
        counts[kind] = 0
        for row in read_rows(conn, table, kind):
            if isinstance(row, Problem):
                problems.append(row)
                continue
            counts[kind] += 1
            values = row._mapping
            if values["digest"] is None or values["digest"] != row_digest(table, values):
                what = "has no seal" if values["digest"] is None else "differs from what was written"
                problems.append(Problem(kind, str(row.id), f"{what} ({_sealed_fields(kind)})"))
            if kind == "claim":
                statuses[row.id] = row.status
            if kind == "incident":
                ids = values["data"].get("claim_ids") if isinstance(values["data"], dict) else None
                claim_ids_of[row.id] = [str(c) for c in ids or []]
    decision_rows = [r for r in read_rows(conn, decisions, "decision")]
    problems.extend(r for r in decision_rows if isinstance(r, Problem))
    good_decisions = [r for r in decision_rows if not isinstance(r, Problem)]
    problems.extend(_check_statuses(statuses, good_decisions))
    problems.extend(_check_links(conn, claim_ids_of))
    chain_problems, sealed_by, n_entries, head = _check_chain(conn)
    problems.extend(chain_problems)
    problems.extend(_check_decisions(conn, good_decisions, sealed_by))
    problems.extend(_check_places(conn))
    summary = Summary(
        n_originals, counts["document"], counts["claim"], counts["incident"], len(decision_rows), n_entries, head
    )
    return problems, summary


def _sealed_fields(kind: str) -> str:
    return {
        "document": "its text, metadata or record was changed after ingest",
        "claim": "its figures, span or record were changed after extraction",
        "incident": "its figures, place, dates or record were changed after reconciliation",
    }[kind]


def _check_originals(conn: Connection, problems: list[Problem]) -> int:
    n = 0
    for row in conn.execution_options(yield_per=BATCH).execute(sa.select(originals.c.id, originals.c.data)):
        n += 1
        actual = sha256_hex(bytes(row.data))
        if actual != row.id:
            problems.append(Problem("original", row.id, f"stored bytes hash to {actual}"))
    orphans = conn.execute(
        sa.select(documents.c.id).outerjoin(originals, originals.c.id == documents.c.id).where(originals.c.id.is_(None))
    ).all()
    problems.extend(Problem("document", r.id, "its original bytes are missing") for r in orphans)
    return n


def _check_statuses(statuses: dict[str, str], decision_rows: list[Row[Any]]) -> list[Problem]:
    """A claim's status must be what its last confirm/reject (or add_claim) decision made it."""
    expected: dict[str, str] = {}
    for row in decision_rows:
        if row.action in ("confirm", "reject", "add_claim"):
            # A claim an analyst added is stored confirmed; later confirm/reject decisions apply.
            expected[row.target] = "rejected" if row.action == "reject" else "confirmed"
    return [
        Problem(
            "claim",
            claim_id,
            f"status is {status!r} but the analysts' decisions make it {expected.get(claim_id, 'auto')!r}",
        )
        for claim_id, status in statuses.items()
        if status != expected.get(claim_id, "auto")
    ]


def _check_links(conn: Connection, claim_ids_of: dict[str, list[str]]) -> list[Problem]:
    linked: dict[str, set[str]] = {}
    for row in conn.execute(sa.select(incident_claims)):
        linked.setdefault(row.incident_id, set()).add(row.claim_id)
    problems = []
    for incident_id in sorted(set(linked) | set(claim_ids_of)):
        if linked.get(incident_id, set()) != set(claim_ids_of.get(incident_id, [])):
            problems.append(
                Problem("incident", incident_id, "its claim links (incident_claims) differ from its record")
            )
    return problems


def _check_chain(conn: Connection) -> tuple[list[Problem], dict[int, tuple[int, str | None]], int, str]:
    """Walk the audit chain; returns problems, decision id → (entry id, digest), length, last hash."""
    problems: list[Problem] = []
    sealed_by: dict[int, tuple[int, str | None]] = {}
    prev_hash = GENESIS_HASH
    n = 0
    for row in read_rows(conn, audit_log, "audit"):
        n += 1
        if isinstance(row, Problem):
            problems.append(row)
            # Keep walking from the stored hash, so one unreadable entry does not hide the rest.
            hashes = conn.execute(
                sa.select(audit_log.c.prev_hash, audit_log.c.hash).where(audit_log.c.id == int(row.target))
            ).one()
            if hashes.prev_hash != prev_hash:
                problems.append(
                    Problem(
                        "audit",
                        row.target,
                        "does not link to the entry before it (an entry before it was deleted or altered)",
                    )
                )
            prev_hash = hashes.hash
            continue
        values = dict(row._mapping)
        if row.prev_hash != prev_hash:
            problems.append(
                Problem(
                    "audit",
                    str(row.id),
                    "does not link to the entry before it (an entry before it was deleted or altered)",
                )
            )
        if audit_hash(row.prev_hash, audit_entry(values)) != row.hash:
            problems.append(
                Problem(
                    "audit",
                    str(row.id),
                    f"{row.action} by {row.username} on {row.target_kind} "
                    f"{row.target_id} was altered after it was written",
                )
            )
        if row.decision_id is not None:
            sealed_by[int(row.decision_id)] = (int(row.id), row.decision_digest)
        prev_hash = row.hash
    head = get_meta(conn, HEAD_KEY)
    problems.extend(_check_head(head, n, prev_hash))
    return problems, sealed_by, n, prev_hash


def _check_head(head: str | None, length: int, last_hash: str) -> list[Problem]:
    if head is None:
        if length == 0:
            return []
        return [Problem("audit", "head", f"the stored chain head is missing ({length} entries in the log)")]
    try:
        stored = json.loads(head)
        stored_length, stored_hash = int(stored["length"]), str(stored["hash"])
    except (ValueError, KeyError, TypeError):
        return [Problem("audit", "head", f"the stored chain head {head!r} cannot be read")]
    if stored_length > length:
        gone = stored_length - length
        return [
            Problem(
                "audit",
                "head",
                f"the log has {length} entries but {stored_length} were written: "
                f"the last {'entry was' if gone == 1 else f'{gone} entries were'} deleted",
            )
        ]
    if stored_length < length:
        return [
            Problem(
                "audit",
                "head",
                f"the log has {length} entries but only {stored_length} were written "
                "through harmledger: entries were added outside it",
            )
        ]
    if stored_hash != last_hash:
        return [Problem("audit", "head", "the last entry is not the one written last (it was replaced)")]
    return []


def _check_decisions(
    conn: Connection, decision_rows: list[Row[Any]], sealed_by: dict[int, tuple[int, str | None]]
) -> list[Problem]:
    """Each decision equals what its audit entry sealed; no sealed decision is missing."""
    sealed_from = int(get_meta(conn, SEALED_FROM_KEY) or 0)
    problems = []
    present = set()
    for row in decision_rows:
        present.add(int(row.id))
        seal = sealed_by.get(int(row.id))
        if seal is None:
            if row.id >= sealed_from:
                problems.append(
                    Problem(
                        "decision",
                        str(row.id),
                        f"{row.action} on {row.target} has no audit entry: it was added outside harmledger",
                    )
                )
            continue
        if row_digest(decisions, row._mapping) != seal[1]:
            problems.append(
                Problem(
                    "decision",
                    str(row.id),
                    f"{row.action} on {row.target} differs from what audit "
                    f"entry {seal[0]} sealed (its payload, target or author "
                    "was changed)",
                )
            )
    for decision_id, (entry_id, _digest) in sorted(sealed_by.items()):
        if decision_id not in present:
            problems.append(Problem("decision", str(decision_id), f"was deleted (audit entry {entry_id} records it)"))
    return problems


PLACE_FIELDS = ("name", "aliases", "lat", "lon", "country", "admin1", "feature", "username")


def _check_places(conn: Connection) -> list[Problem]:
    """Each analyst place equals what its ``add_place`` audit entry recorded (they steer geocoding)."""
    recorded: list[dict[str, Any]] = []
    for entry in conn.execute(sa.select(audit_log.c.after).where(audit_log.c.action == "add_place")):
        try:
            recorded.append(dict(entry.after))
        except (TypeError, ValueError):
            continue  # an unreadable entry is named by the chain check
    problems = []
    for row in read_rows(conn, gazetteer_places, "place"):
        if isinstance(row, Problem):
            problems.append(row)
            continue
        values = {k: _plain(row._mapping[k]) for k in PLACE_FIELDS}
        match = next(
            (i for i, after in enumerate(recorded) if all(after.get(k) == values[k] for k in PLACE_FIELDS)), None
        )
        if match is None:
            problems.append(
                Problem(
                    "place",
                    str(row.id),
                    f"{row.name!r} differs from what its add_place audit entry "
                    "recorded, or was added outside harmledger",
                )
            )
        else:
            recorded.pop(match)
    return problems
