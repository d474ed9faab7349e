"""The ledger's tables, shared by SQLite and PostgreSQL (SQLAlchemy Core).

Nothing is ever deleted: a rejected claim keeps its row with ``status='rejected'``; analyst
decisions and the audit log are append-only. Each record's full content is kept as JSON in
``data``; the other columns are copies for filtering and indexing.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

# Every original byte string, verbatim: whole files and the articles split out of them.
originals = sa.Table(
    "originals",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True, comment="SHA-256 of data"),
    sa.Column("data", sa.LargeBinary, nullable=False),
    sa.Column("size", sa.Integer, nullable=False),
    sa.Column("origin", sa.Text, nullable=False, comment="path, URL or stdin"),
    sa.Column("record_id", sa.Text, comment="WARC-Record-ID, JSONL line …"),
    sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
)

documents = sa.Table(
    "documents",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True, comment="SHA-256 of the original bytes"),
    sa.Column("parent_id", sa.String(64), index=True),
    sa.Column("offset_in_parent", sa.Integer),
    sa.Column("origin", sa.Text, nullable=False),
    sa.Column("title", sa.Text),
    sa.Column("outlet", sa.Text),
    sa.Column("url", sa.Text),
    sa.Column("language", sa.String(16)),
    sa.Column("published", sa.Date, index=True),
    sa.Column("published_precision", sa.String(8)),
    sa.Column("genre", sa.String(16)),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("data", sa.JSON, nullable=False),
    sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("digest", sa.String(64), comment="SHA-256 of the other columns (store/integrity.py)"),
)

claims = sa.Table(
    "claims",
    metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("document_id", sa.String(64), sa.ForeignKey("documents.id"), nullable=False, index=True),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("outcome", sa.String(16)),
    sa.Column("scope", sa.String(16)),
    sa.Column("low", sa.BigInteger),
    sa.Column("best", sa.BigInteger),
    sa.Column("high", sa.BigInteger),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("status", sa.String(16), nullable=False, server_default="auto", comment="auto, confirmed, rejected"),
    sa.Column("data", sa.JSON, nullable=False),
    sa.Column("digest", sa.String(64), comment="SHA-256 of the other columns but status (store/integrity.py)"),
)

# Figures nothing filters or sorts on (civilian, child and women deaths; a claim's children and
# women) live in ``data`` only: a new column would change the seal (``row_digest`` covers every
# column) of each row an earlier version wrote, and ``codec`` reads their absence as "not reported".
incidents = sa.Table(
    "incidents",
    metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("kind", sa.String(16), nullable=False, index=True, comment="incident or aggregate"),
    sa.Column("deaths_low", sa.BigInteger),
    sa.Column("deaths_best", sa.BigInteger),
    sa.Column("deaths_high", sa.BigInteger),
    sa.Column("injured_low", sa.BigInteger),
    sa.Column("injured_best", sa.BigInteger),
    sa.Column("injured_high", sa.BigInteger),
    sa.Column("place_name", sa.Text),
    sa.Column("country", sa.String(8), index=True),
    sa.Column("lat", sa.Float),
    sa.Column("lon", sa.Float),
    sa.Column("date_start", sa.Date, index=True),
    sa.Column("date_end", sa.Date),
    sa.Column("event_type", sa.String(64)),
    sa.Column("perpetrator", sa.Text),
    sa.Column("victims", sa.String(16)),
    sa.Column("grade", sa.String(16)),
    sa.Column("n_sources", sa.Integer),
    sa.Column("data", sa.JSON, nullable=False),
    sa.Column("version", sa.Integer, nullable=False, server_default="1"),
    sa.Column("digest", sa.String(64), comment="SHA-256 of the other columns (store/integrity.py)"),
)

# "Most deaths first" means the best figure, else the floor, else the ceiling: an incident put at
# "as many as 2,000" by one report and 9 by the rest does not lead the list on its ceiling.
DEATHS_ORDER = sa.func.coalesce(incidents.c.deaths_best, incidents.c.deaths_low, incidents.c.deaths_high, 0)

# The incident list and the map sort by deaths: without this index every page reads the whole table
# (measured at 100k incidents: map query ~270 ms → ~40 ms; first list page < 1 ms).
sa.Index("ix_incidents_kind_deaths_best", incidents.c.kind, DEATHS_ORDER.desc(), incidents.c.id)

# What the map reads and filters on, in the map's order, so its query and its counts are answered
# from this index alone: the table's rows carry each incident's JSON and cost a page read apiece
# (measured at 100k incidents: the 5,000-point query ~66 ms → ~20 ms, the counts ~41 ms → ~10 ms).
# The perpetrator (free text, and rarely a map filter) is left out to keep the entries small.
MAP_INDEX_COLUMNS = (
    "lat",
    "lon",
    "deaths_low",
    "deaths_best",
    "deaths_high",
    "date_start",
    "date_end",
    "country",
    "grade",
    "event_type",
    "victims",
    "place_name",
)
sa.Index(
    "ix_incidents_map",
    incidents.c.kind,
    DEATHS_ORDER.desc(),
    incidents.c.id,
    *(incidents.c[name] for name in MAP_INDEX_COLUMNS),
)

incident_claims = sa.Table(
    "incident_claims",
    metadata,
    sa.Column("incident_id", sa.String(32), sa.ForeignKey("incidents.id"), primary_key=True),
    sa.Column("claim_id", sa.String(32), sa.ForeignKey("claims.id"), primary_key=True, index=True),
)

# Analyst decisions that reconciliation must respect on every later run (append-only).
decisions = sa.Table(
    "decisions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column(
        "action", sa.String(32), nullable=False, comment="reject, confirm, merge, split, grade, note, publish_date"
    ),
    sa.Column("target", sa.Text, nullable=False),
    sa.Column("payload", sa.JSON, nullable=False),
    sa.Column("username", sa.String(64), nullable=False),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
)

users = sa.Table(
    "users",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("username", sa.String(64), nullable=False, unique=True),
    sa.Column("password_hash", sa.Text, nullable=False),
    sa.Column("role", sa.String(16), nullable=False, comment="viewer, analyst, admin"),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)

api_tokens = sa.Table(
    "api_tokens",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id"), nullable=False),
    sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("label", sa.Text),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("revoked_at", sa.DateTime(timezone=True), comment="set when revoked; the row is kept"),
)

# Signed-in browser sessions. The cookie holds a random session key; only its SHA-256 is stored,
# and logging out deletes the row, so a cookie copied before logout is worthless after it.
sessions = sa.Table(
    "sessions",
    metadata,
    sa.Column("key_hash", sa.String(64), primary_key=True),
    sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id"), nullable=False, index=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
)

# Failed logins, kept so the lockout survives a restart. ``key`` is the client address and the
# user name together ("203.0.113.9|ana"), or the address alone ("203.0.113.9|").
login_failures = sa.Table(
    "login_failures",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("key", sa.String(200), nullable=False, index=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
)

# Hash-chained: each entry carries the hash of the one before, so a silent edit breaks the chain.
audit_log = sa.Table(
    "audit_log",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("username", sa.String(64), nullable=False),
    sa.Column("action", sa.String(32), nullable=False),
    sa.Column("target_kind", sa.String(16), nullable=False),
    sa.Column("target_id", sa.Text, nullable=False, index=True),
    sa.Column("before", sa.JSON),
    sa.Column("after", sa.JSON),
    sa.Column("prev_hash", sa.String(64), nullable=False),
    sa.Column("hash", sa.String(64), nullable=False),
    # An analyst decision's id and the SHA-256 of its row, so its payload is covered by the chain.
    sa.Column("decision_id", sa.Integer),
    sa.Column("decision_digest", sa.String(64)),
)

# Places an analyst adds; they win over the shipped gazetteer.
gazetteer_places = sa.Table(
    "gazetteer_places",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("aliases", sa.JSON, nullable=False),
    sa.Column("lat", sa.Float, nullable=False),
    sa.Column("lon", sa.Float, nullable=False),
    sa.Column("country", sa.String(8)),
    sa.Column("admin1", sa.Text),
    sa.Column("feature", sa.String(16)),
    sa.Column("username", sa.String(64), nullable=False),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
)

# Pairs of incidents that may be one event, for analysts; derived like incidents, replaced with them.
suggestions = sa.Table(
    "suggestions",
    metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("incident_a", sa.String(32), nullable=False, index=True),
    sa.Column("incident_b", sa.String(32), nullable=False, index=True),
    sa.Column("score", sa.Float, nullable=False),
    sa.Column("data", sa.JSON, nullable=False),
)

# Small key/value facts about the ledger itself, e.g. which documents the incidents were derived from.
ledger_meta = sa.Table(
    "ledger_meta",
    metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)
