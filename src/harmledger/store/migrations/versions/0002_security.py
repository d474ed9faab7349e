"""integrity and security: row seals, sealed decisions, the audit chain head, sessions, token
revocation and persisted login failures

Rows already stored are sealed as they are now (a ledger edited before this upgrade is sealed in
its edited state; `verify --deep` re-derives them), the current end of the audit chain becomes
its head, and decisions recorded before this revision are marked as unsealed.

Revision ID: 0002_security
Revises: 0006_suggestions
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_security"
down_revision = "0006_suggestions"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table, covers in (
        ("documents", "the other columns"),
        ("claims", "the other columns but status"),
        ("incidents", "the other columns"),
    ):
        with op.batch_alter_table(table) as batch:
            batch.add_column(
                sa.Column("digest", sa.String(64), nullable=True, comment=f"SHA-256 of {covers} (store/integrity.py)")
            )
    with op.batch_alter_table("api_tokens") as batch:
        batch.add_column(
            sa.Column(
                "revoked_at", sa.DateTime(timezone=True), nullable=True, comment="set when revoked; the row is kept"
            )
        )
    with op.batch_alter_table("audit_log") as batch:
        batch.add_column(sa.Column("decision_id", sa.Integer, nullable=True))
        batch.add_column(sa.Column("decision_digest", sa.String(64), nullable=True))
    op.create_table(
        "sessions",
        sa.Column("key_hash", sa.String(64), nullable=False),
        sa.Column("user_id", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("key_hash"),
    )
    op.create_index("ix_sessions_user_id", "sessions", ["user_id"])
    op.create_table(
        "login_failures",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_login_failures_key", "login_failures", ["key"])
    _seal_existing_rows(op.get_bind())


def _seal_existing_rows(conn: sa.engine.Connection) -> None:
    from harmledger.store import integrity, schema

    for table in (schema.documents, schema.claims, schema.incidents):
        key = table.c.id
        ids = list(conn.execute(sa.select(key)).scalars())
        for start in range(0, len(ids), integrity.BATCH):
            rows = conn.execute(sa.select(table).where(key.in_(ids[start : start + integrity.BATCH]))).all()
            for row in rows:
                digest = integrity.row_digest(table, row._mapping)
                conn.execute(table.update().where(key == row.id).values(digest=digest))
    log = schema.audit_log
    length = conn.execute(sa.select(sa.func.count()).select_from(log)).scalar_one()
    if length:
        last = conn.execute(sa.select(log.c.hash).order_by(log.c.id.desc()).limit(1)).scalar_one()
        integrity.set_meta(conn, integrity.HEAD_KEY, integrity.head_value(length, last))
    next_decision = conn.execute(sa.select(sa.func.coalesce(sa.func.max(schema.decisions.c.id), 0))).scalar_one() + 1
    integrity.set_meta(conn, integrity.SEALED_FROM_KEY, str(next_decision))


def downgrade() -> None:
    op.drop_index("ix_login_failures_key", table_name="login_failures")
    op.drop_table("login_failures")
    op.drop_index("ix_sessions_user_id", table_name="sessions")
    op.drop_table("sessions")
    with op.batch_alter_table("audit_log") as batch:
        batch.drop_column("decision_digest")
        batch.drop_column("decision_id")
    with op.batch_alter_table("api_tokens") as batch:
        batch.drop_column("revoked_at")
    for table in ("documents", "claims", "incidents"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("digest")
