"""The ledger: documents, claims, incidents, analyst decisions and the audit log.

SQLite (WAL) by default, PostgreSQL through the same URL. Writes are per-document
transactions, so a run killed half-way and run again ends with exactly one clean run's rows.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from harmledger.errors import StoreError
from harmledger.records import Claim, Document, Incident, Suggestion, incident_fields, sha256_hex, to_jsonable
from harmledger.settings import env as read_setting
from harmledger.store import codec, integrity
from harmledger.store.integrity import GENESIS_HASH, Problem, Summary, audit_hash, sealed
from harmledger.store.query import IncidentFilters, incident_order
from harmledger.store.schema import (
    audit_log,
    claims,
    decisions,
    documents,
    gazetteer_places,
    incident_claims,
    incidents,
    ledger_meta,
    metadata,
    originals,
    suggestions,
)

DEFAULT_URL = "sqlite:///harmledger.db"
INSERT_BATCH = 5_000  # incident rows written in one statement while incidents are replaced
TEXT_BATCH = 1_000  # document ids asked for in one query (``Ledger.texts``, ``Ledger.documents``)
MIN_PREFIX = 8  # short ids: the CLI prints 10–12 characters; 8 hex digits are unique among ~65k ids


def resolve_url(url: str | None = None) -> str:
    """The ledger URL: the argument, else ``HARMLEDGER_DB``, else ``./harmledger.db``.

    A bare path (``ledger.db``) means a SQLite file; ``postgresql://…`` uses psycopg 3.
    """
    url = url or read_setting("HARMLEDGER_DB") or DEFAULT_URL
    if "://" not in url:
        url = f"sqlite:///{Path(url)}"
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def missing_ledger(url: str | None = None) -> Path | None:
    """The file of the SQLite ledger ``url`` names (see ``resolve_url``) when it does not exist yet,
    else None: opening it would create an empty ledger there. A PostgreSQL URL is never missing
    here (its database is made with ``createdb``; a wrong one fails to connect, with the reason)."""
    resolved = sa.engine.make_url(resolve_url(url))
    if resolved.get_backend_name() != "sqlite" or resolved.database in (None, "", ":memory:"):
        return None
    path = Path(resolved.database)
    return None if path.exists() else path


def _now() -> datetime:
    return datetime.now(UTC)


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def _content_digest(data: Any) -> bytes:
    """A digest of a JSON value that is equal exactly when the values are (keys in any order)."""
    return hashlib.blake2b(json.dumps(data, sort_keys=True).encode("utf-8"), digest_size=16).digest()


def _insert_rows(conn: Connection, rows: list[dict[str, Any]], links: list[dict[str, str]]) -> None:
    """Insert the incident rows and their claim links gathered so far, and empty both lists."""
    if rows:
        conn.execute(incidents.insert(), rows)
    if links:
        conn.execute(incident_claims.insert(), links)
    rows.clear()
    links.clear()


class StaleIncidents(StoreError):
    """Incidents were derived from documents or decisions that have changed since; derive again."""


class Ledger:
    """The store every stage writes to and the web app and exports read from."""

    def __init__(self, url: str | None = None, *, migrate: bool = True) -> None:
        self.url = resolve_url(url)
        try:
            self.engine: Engine = sa.create_engine(self.url, future=True)
        except Exception as exc:  # noqa: BLE001 - turn any driver error into a clear message
            raise StoreError(f"cannot open ledger {self.url!r}: {exc}") from exc
        if self.engine.dialect.name == "sqlite":
            sa.event.listen(self.engine, "connect", _sqlite_pragmas)
        if migrate:
            self.migrate()

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @property
    def sqlite_file(self) -> str | None:
        """The database file of a file-backed SQLite ledger (None for PostgreSQL or in memory)."""
        database = self.engine.url.database
        return database if self.dialect == "sqlite" and database and database != ":memory:" else None

    def reading(self) -> AbstractContextManager[Connection]:
        """A connection for read-only queries composed outside the store (the web's lists, search
        and timeline, which build their SQL from the page's filters): ``with ledger.reading() as conn``."""
        return self.engine.connect()

    def document_ids(self) -> frozenset[str]:
        """The id of every stored document."""
        with self.engine.connect() as conn:
            return frozenset(conn.execute(sa.select(documents.c.id)).scalars())

    def migrate(self) -> None:
        """Bring the schema to the newest Alembic revision."""
        from harmledger.store.migrate import upgrade

        try:
            upgrade(self.engine)
        except sa.exc.OperationalError as exc:
            raise StoreError(
                f"cannot open ledger {self.url!r}: {exc.orig}. Check the path or URL "
                "(--db / HARMLEDGER_DB) and that the database server is running."
            ) from exc

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing ---------------------------------------------------------------------------

    def _insert_ignore(self, conn: Connection, table: sa.Table, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        if self.dialect == "postgresql":
            from sqlalchemy.dialects.postgresql import insert as pg_insert

            conn.execute(pg_insert(table).on_conflict_do_nothing(), rows)
        else:
            from sqlalchemy.dialects.sqlite import insert as sqlite_insert

            conn.execute(sqlite_insert(table).on_conflict_do_nothing(), rows)

    def has_document(self, doc_id: str) -> bool:
        with self.engine.connect() as conn:
            return conn.execute(sa.select(documents.c.id).where(documents.c.id == doc_id)).first() is not None

    def add_original(self, data: bytes, origin: str, record_id: str | None = None) -> str:
        """Keep ``data`` verbatim (idempotent); returns its SHA-256."""
        digest = sha256_hex(data)
        with self.engine.begin() as conn:
            self._insert_ignore(conn, originals, [self._original_row(digest, data, origin, record_id)])
        return digest

    @staticmethod
    def _original_row(digest: str, data: bytes, origin: str, record_id: str | None) -> dict[str, Any]:
        return {
            "id": digest,
            "data": data,
            "size": len(data),
            "origin": origin,
            "record_id": record_id,
            "ingested_at": _now(),
        }

    def add_document(self, doc: Document, doc_claims: Sequence[Claim], *, added_by: str | None = None) -> bool:
        """Store ``doc`` (with its original bytes) and its claims in one transaction.

        Returns False, changing nothing, when a document with the same id is already stored.
        ``added_by`` (a user who pasted or uploaded it) gets an audit entry with the document's hash.
        ``doc`` must have its genre decided (``pipeline.analyse_document`` does; reading does not):
        a ValueError otherwise, so no stored document lacks one.
        """
        with self.engine.begin() as conn:
            if not self._insert_document(conn, doc):
                return False
            self._insert_ignore(conn, claims, [self._claim_row(c) for c in doc_claims])
            if added_by is not None:
                self.append_audit(
                    conn,
                    added_by,
                    "add_document",
                    "document",
                    doc.id,
                    None,
                    {
                        "sha256": doc.id,
                        "origin": doc.origin,
                        "url": doc.url,
                        "outlet": doc.outlet,
                        "title": doc.title,
                        "size": len(doc.original),
                        "claims": len(doc_claims),
                    },
                )
        return True

    def _insert_document(self, conn: Connection, doc: Document) -> bool:
        """Insert ``doc`` and its original; False (nothing written) when it is already stored."""
        if doc.genre is None:
            raise ValueError(f"{doc.origin}: the genre is not decided; store the document analysis returns")
        exists = conn.execute(sa.select(documents.c.id).where(documents.c.id == doc.id)).first()
        if exists:
            return False
        self._insert_ignore(conn, originals, [self._original_row(doc.id, doc.original, doc.origin, doc.record_id)])
        conn.execute(
            documents.insert(),
            [
                sealed(
                    documents,
                    {
                        "id": doc.id,
                        "parent_id": doc.parent_id,
                        "offset_in_parent": doc.offset_in_parent,
                        "origin": doc.origin,
                        "title": doc.title,
                        "outlet": doc.outlet,
                        "url": doc.url,
                        "language": doc.language,
                        "published": doc.published,
                        "published_precision": doc.published_precision,
                        "genre": doc.genre,
                        "text": doc.text,
                        "data": codec.document_to_json(doc),
                        "ingested_at": _now(),
                    },
                )
            ],
        )
        return True

    def add_analyst_claim(
        self,
        claim: Claim,
        username: str,
        payload: dict[str, Any],
        *,
        document: Document | None = None,
        after: Any = None,
    ) -> None:
        """Store a claim an analyst added (and the note document it quotes, if new) with its decision."""
        with self.engine.begin() as conn:
            if document is not None:
                self._insert_document(conn, document)
            row = {**self._claim_row(claim), "status": "confirmed"}
            self._insert_ignore(conn, claims, [row])
            self.record_decision(
                "add_claim", claim.id, payload, username, target_kind="claim", before=None, after=after, conn=conn
            )

    @staticmethod
    def _claim_row(claim: Claim) -> dict[str, Any]:
        count = claim.count
        return sealed(
            claims,
            {
                "id": claim.id,
                "document_id": claim.document_id,
                "kind": claim.kind,
                "outcome": claim.outcome,
                "scope": claim.scope,
                "low": count.low if count else None,
                "best": count.best if count else None,
                "high": count.high if count else None,
                "start": claim.span.start,
                "end": claim.span.end,
                "status": "auto",
                "data": codec.claim_to_json(claim),
            },
        )

    def basis(self) -> tuple[int, int]:
        """What incidents are derived from: (number of documents, number of decisions)."""
        with self.engine.connect() as conn:
            return self._basis(conn)

    @staticmethod
    def _basis(conn: Connection) -> tuple[int, int]:
        return (
            conn.execute(sa.select(sa.func.count()).select_from(documents)).scalar_one(),
            conn.execute(sa.select(sa.func.count()).select_from(decisions)).scalar_one(),
        )

    def replace_incidents(
        self, new: Iterable[Incident], *, basis: tuple[int, int] | None = None, suggested: Iterable[Suggestion] = ()
    ) -> int:
        """Swap in a freshly reconciled set of incidents atomically; returns their number.

        Incidents are derived from claims and decisions, which are never deleted, so
        re-deriving them loses nothing. Rows whose content did not change keep their version.
        ``basis`` is what :meth:`basis` said before the incidents were derived: if a document or
        an analyst's decision arrived since, nothing is written and :class:`StaleIncidents` is
        raised, so a concurrent ingest can never overwrite incidents that respect a newer decision.
        ``suggested`` pairs of incidents replace the stored suggestions in the same transaction.
        """
        new = list(new)
        suggested = list(suggested)
        with self.engine.begin() as conn:
            if self.dialect == "postgresql":
                # Hold new documents and decisions back until these incidents are in.
                conn.execute(sa.text("LOCK TABLE documents, decisions IN SHARE MODE"))
            # On SQLite the DELETE takes the write lock, so the basis read after it is current.
            conn.execute(incident_claims.delete())
            if basis is not None and self._basis(conn) != basis:
                raise StaleIncidents("documents or decisions changed while incidents were derived")
            # Each old row's version and a digest of its content, not the content itself: a
            # ledger's every incident held twice (old and new) was most of a rebuild's memory.
            old_versions = {
                row.id: (row.version, _content_digest(row.data))
                for row in conn.execute(sa.select(incidents.c.id, incidents.c.version, incidents.c.data))
            }
            conn.execute(incidents.delete())
            rows: list[dict[str, Any]] = []
            links: list[dict[str, str]] = []
            for inc in new:
                data = codec.incident_to_json(inc)
                version = 1
                if inc.id in old_versions:
                    old_version, old_digest = old_versions[inc.id]
                    version = old_version if old_digest == _content_digest(data) else old_version + 1
                rows.append(self._incident_row(inc, data, version))
                links.extend({"incident_id": inc.id, "claim_id": cid} for cid in dict.fromkeys(inc.claim_ids))
                if len(rows) >= INSERT_BATCH:
                    _insert_rows(conn, rows, links)
            _insert_rows(conn, rows, links)
            conn.execute(suggestions.delete())
            if suggested:
                conn.execute(
                    suggestions.insert(),
                    [
                        {
                            "id": s.id,
                            "incident_a": s.incident_a,
                            "incident_b": s.incident_b,
                            "score": s.score,
                            "data": to_jsonable(s),
                        }
                        for s in suggested
                    ],
                )
            self._set_meta(conn, "reconciled_documents", str(self._document_count(conn)))
        return len(new)

    @staticmethod
    def _document_count(conn: Connection) -> int:
        return conn.execute(sa.select(sa.func.count()).select_from(documents)).scalar_one()

    def _set_meta(self, conn: Connection, key: str, value: str) -> None:
        integrity.set_meta(conn, key, value)

    def incidents_stale(self) -> bool:
        """True when documents were added after incidents were last derived (e.g. a killed run)."""
        with self.engine.connect() as conn:
            row = conn.execute(
                sa.select(ledger_meta.c.value).where(ledger_meta.c.key == "reconciled_documents")
            ).first()
            n_docs = self._document_count(conn)
        return n_docs > 0 and (row is None or int(row.value) != n_docs)

    @staticmethod
    def _incident_row(inc: Incident, data: dict[str, Any], version: int) -> dict[str, Any]:
        row = incident_fields(inc)
        row["place_name"] = row.pop("place")
        return sealed(incidents, {**row, "data": data, "version": version})

    # -- reading ---------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """Row counts of the main tables (used by tests and `harmledger status`)."""
        with self.engine.connect() as conn:
            return {
                t.name: conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one()
                for t in (originals, documents, claims, incidents, audit_log, decisions)
            }

    def documents(
        self, *, with_original: bool = False, with_text: bool = True, ids: Sequence[str] | None = None
    ) -> Iterator[Document]:
        """Stored documents in ingest order (only ``ids`` when given); originals only on request.

        ``with_text=False`` leaves each text out (``text=""``, every other field as stored): what
        reconciling a whole ledger holds, reading texts a few at a time with :meth:`texts`.
        """
        columns = [c for c in documents.c if with_text or c.name != "text"]
        query = sa.select(*columns)
        if with_original:
            query = query.add_columns(originals.c.data.label("original")).join(
                originals, originals.c.id == documents.c.id
            )
        query = query.order_by(documents.c.ingested_at, documents.c.id)
        with self.engine.connect() as conn:
            if ids is None:
                rows: Iterable[Any] = conn.execute(query)
            else:
                # In batches (SQLite's cap on bound parameters), then back in ingest order.
                wanted = list(dict.fromkeys(ids))
                batches = (wanted[n : n + TEXT_BATCH] for n in range(0, len(wanted), TEXT_BATCH))
                rows = sorted(
                    (row for batch in batches for row in conn.execute(query.where(documents.c.id.in_(batch)))),
                    key=lambda row: (row.ingested_at, row.id),
                )
            shared = codec.Shared()
            for row in rows:
                original = row.original if with_original else b""
                yield codec.document_from_row(row, original, with_text=with_text, shared=shared)

    def texts(self, ids: Sequence[str]) -> dict[str, str]:
        """The text of each stored document among ``ids`` (an unknown id is left out)."""
        found: dict[str, str] = {}
        wanted = list(dict.fromkeys(ids))
        with self.engine.connect() as conn:
            # In batches: SQLite takes at most 32,766 bound parameters in one statement.
            for n in range(0, len(wanted), TEXT_BATCH):
                query = sa.select(documents.c.id, documents.c.text).where(
                    documents.c.id.in_(wanted[n : n + TEXT_BATCH])
                )
                found.update((row.id, row.text) for row in conn.execute(query))
        return found

    def get_document(self, doc_id: str) -> Document | None:
        with self.engine.connect() as conn:
            row = conn.execute(
                sa.select(documents, originals.c.data.label("original"))
                .join(originals, originals.c.id == documents.c.id)
                .where(documents.c.id == doc_id)
            ).first()
        return codec.document_from_row(row, row.original) if row else None

    def claims(self, *, document_id: str | None = None, ids: Sequence[str] | None = None) -> list[Claim]:
        query = sa.select(claims.c.data).order_by(claims.c.document_id, claims.c.start, claims.c.id)
        if document_id is not None:
            query = query.where(claims.c.document_id == document_id)
        if ids is not None:
            query = query.where(claims.c.id.in_(list(ids)))
        shared = codec.Shared()
        with self.engine.connect() as conn:
            return [codec.claim_from_json(row.data, shared) for row in conn.execute(query)]

    def claim_status(self) -> dict[str, str]:
        """Claim id → status (auto, confirmed, rejected) for every claim not left at auto."""
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(claims.c.id, claims.c.status).where(claims.c.status != "auto"))
            return {r.id: r.status for r in rows}

    def incident_claim_ids(self) -> dict[str, list[str]]:
        """Incident id → its claim ids, as currently stored (the `previous` for reconcile)."""
        out: dict[str, list[str]] = {}
        with self.engine.connect() as conn:
            for row in conn.execute(sa.select(incident_claims).order_by(incident_claims.c.incident_id)):
                out.setdefault(row.incident_id, []).append(row.claim_id)
        return out

    def incidents(
        self,
        *,
        kind: str | None = "incident",
        country: str | None = None,
        place: str | None = None,
        perpetrator: str | None = None,
        event_type: str | None = None,
        grade: str | None = None,
        victims: str | None = None,
        date_from: date | None = None,
        date_to: date | None = None,
        sort: str = "-deaths",
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Incident]:
        """Stored incidents matching every given filter (None means no filter; see ``IncidentFilters``)."""
        filters = IncidentFilters(
            country=country,
            place=place,
            perpetrator=perpetrator,
            event_type=event_type,
            grade=grade,
            victims=victims,
            date_from=date_from,
            date_to=date_to,
        )
        conditions = filters.conditions()
        if kind:
            conditions.insert(0, incidents.c.kind == kind)
        query = sa.select(incidents.c.data)
        if conditions:
            query = query.where(sa.and_(*conditions))
        query = query.order_by(incident_order(sort), incidents.c.id).offset(offset)
        if limit is not None:
            query = query.limit(limit)
        with self.engine.connect() as conn:
            return [codec.incident_from_json(row.data) for row in conn.execute(query)]

    def suggestions(self, *, incident_id: str | None = None, limit: int | None = None) -> list[Suggestion]:
        """Pairs of incidents that may be one event, strongest first (those touching ``incident_id``)."""
        query = sa.select(suggestions.c.data).order_by(suggestions.c.score.desc(), suggestions.c.id)
        if incident_id is not None:
            query = query.where(
                sa.or_(suggestions.c.incident_a == incident_id, suggestions.c.incident_b == incident_id)
            )
        if limit is not None:
            query = query.limit(limit)
        with self.engine.connect() as conn:
            rows = conn.execute(query).all()
        return [codec.suggestion_from_json(row.data) for row in rows]

    def count_incidents(self, *, kind: str = "incident") -> int:
        with self.engine.connect() as conn:
            return conn.execute(
                sa.select(sa.func.count()).select_from(incidents).where(incidents.c.kind == kind)
            ).scalar_one()

    def expand_id(self, kind: str, given: str) -> str:
        """The full id of the incident or claim ``given`` names: itself, or the one id it is a prefix of.

        A prefix must have at least ``MIN_PREFIX`` characters (what the CLI prints is longer); an
        unknown or ambiguous one comes back unchanged, so the caller's "no such id" message names it.
        """
        table = {"incident": incidents, "claim": claims}[kind]
        given = given.strip()
        if len(given) < MIN_PREFIX or not all(ch in "0123456789abcdef" for ch in given):
            return given
        with self.engine.connect() as conn:
            if conn.execute(sa.select(table.c.id).where(table.c.id == given)).first():
                return given
            found = conn.execute(sa.select(table.c.id).where(table.c.id.startswith(given)).limit(2)).all()
        return found[0].id if len(found) == 1 else given

    def incidents_holding(self, claim_ids: Sequence[str]) -> list[str]:
        """Ids of the stored incidents (and aggregates) that hold any of ``claim_ids``."""
        if not claim_ids:
            return []
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(incident_claims.c.incident_id)
                .distinct()
                .where(incident_claims.c.claim_id.in_(list(claim_ids)))
            )
            return sorted(r.incident_id for r in rows)

    def get_incident(self, incident_id: str) -> Incident | None:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(incidents.c.data).where(incidents.c.id == incident_id)).first()
        return codec.incident_from_json(row.data) if row else None

    # -- analyst decisions and the audit log -------------------------------------------------

    def record_decision(
        self,
        action: str,
        target: str,
        payload: dict[str, Any],
        username: str,
        *,
        target_kind: str,
        before: Any = None,
        after: Any = None,
        conn: Connection | None = None,
    ) -> None:
        """Append an analyst decision and its audit entry (one transaction)."""
        if conn is None:
            with self.engine.begin() as own:
                self.record_decision(
                    action, target, payload, username, target_kind=target_kind, before=before, after=after, conn=own
                )
            return
        at = _now()
        row = {
            "action": action,
            "target": target,
            "payload": json.loads(json.dumps(payload, default=str)),
            "username": username,
            "at": at,
        }
        decision_id = int(conn.execute(decisions.insert().values(**row).returning(decisions.c.id)).scalar_one())
        # The audit entry seals the decision row, so an edit to its payload breaks the chain.
        seal = {
            "decision_id": decision_id,
            "decision_digest": integrity.row_digest(decisions, {**row, "id": decision_id}),
        }
        if action == "reject" and target_kind == "claim":
            conn.execute(claims.update().where(claims.c.id == target).values(status="rejected"))
        elif action == "confirm" and target_kind == "claim":
            conn.execute(claims.update().where(claims.c.id == target).values(status="confirmed"))
        self.append_audit(conn, username, action, target_kind, target, before, after, at=at, decision=seal)

    def decision_rows(self) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(decisions).order_by(decisions.c.id))
            return [dict(r._mapping) for r in rows]

    def append_audit(
        self,
        conn: Connection,
        username: str,
        action: str,
        target_kind: str,
        target_id: str,
        before: Any,
        after: Any,
        *,
        at: datetime | None = None,
        decision: dict[str, Any] | None = None,
    ) -> None:
        """Append one hash-chained audit entry inside the caller's transaction.

        ``decision`` (``decision_id``, ``decision_digest``) seals the decision row recorded with it.
        The chain's new length and last hash are stored as its head, so a deleted tail shows.
        """
        if self.dialect == "postgresql":
            # Serialise writers of the chain so two entries never share a predecessor.
            conn.execute(sa.text("LOCK TABLE audit_log IN EXCLUSIVE MODE"))
        last = conn.execute(sa.select(audit_log.c.hash).order_by(audit_log.c.id.desc()).limit(1)).first()
        prev_hash = last.hash if last else GENESIS_HASH
        at = at or _now()
        entry = {
            "at": at.isoformat(),
            "username": username,
            "action": action,
            "target_kind": target_kind,
            "target_id": target_id,
            "before": before,
            "after": after,
        }
        entry = json.loads(json.dumps(entry, default=str))
        if decision is not None:
            entry.update(decision)
        new_hash = audit_hash(prev_hash, entry)
        conn.execute(audit_log.insert(), [{**entry, "at": at, "prev_hash": prev_hash, "hash": new_hash}])
        length = conn.execute(sa.select(sa.func.count()).select_from(audit_log)).scalar_one()
        integrity.set_meta(conn, integrity.HEAD_KEY, integrity.head_value(length, new_hash))

    def audit_entries(self, target_id: str | None = None) -> list[dict[str, Any]]:
        query = sa.select(audit_log).order_by(audit_log.c.id)
        if target_id is not None:
            query = query.where(audit_log.c.target_id == target_id)
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(query)]

    # -- analyst gazetteer -----------------------------------------------------------------

    def add_place(
        self,
        name: str,
        lat: float,
        lon: float,
        *,
        aliases: Sequence[str] = (),
        country: str | None = None,
        admin1: str | None = None,
        feature: str | None = None,
        username: str = "cli",
    ) -> None:
        row = {
            "name": name,
            "aliases": list(aliases),
            "lat": lat,
            "lon": lon,
            "country": country,
            "admin1": admin1,
            "feature": feature,
            "username": username,
            "at": _now(),
        }
        with self.engine.begin() as conn:
            conn.execute(gazetteer_places.insert(), [row])
            self.append_audit(
                conn, username, "add_place", "place", name, None, {k: v for k, v in row.items() if k != "at"}
            )

    def places(self) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(sa.select(gazetteer_places).order_by(gazetteer_places.c.id))]

    # -- integrity ------------------------------------------------------------------------

    def verify(self) -> list[Problem]:
        """Check originals, row seals, decisions and the audit chain (``store/integrity.py``)."""
        return self.verify_report()[0]

    def verify_report(self) -> tuple[list[Problem], Summary]:
        """The problems `verify` finds and what it covered."""
        with self.engine.connect() as conn:
            return integrity.verify(conn)


def _iso(value: datetime) -> str:
    # SQLite returns naive datetimes; they were written as UTC.
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).isoformat()


__all__ = ["GENESIS_HASH", "Ledger", "Problem", "StaleIncidents", "Summary", "audit_hash", "resolve_url", "metadata"]
