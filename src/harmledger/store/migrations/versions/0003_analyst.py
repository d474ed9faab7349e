"""full-text search over documents and claims; the deaths sort on best (else low)

SQLite: two FTS5 tables kept in step with ``documents`` and ``claims`` by triggers (the claim's
quote and source are read from its JSON). PostgreSQL: GIN indexes on the same text as tsvectors,
queried with ``websearch_to_tsquery``. Both are derived data: dropping them loses nothing.

Revision ID: 0003_analyst
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_analyst"
down_revision = "0003"
branch_labels = None
depends_on = None

SQLITE = [
    # The index keeps its own copy of the text: an external-content index follows rowids, which a
    # VACUUM may renumber in a table whose key is not an integer.
    "CREATE VIRTUAL TABLE search_documents USING fts5(document_id UNINDEXED, title, text, "
    "tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER search_documents_ai AFTER INSERT ON documents BEGIN "
    "INSERT INTO search_documents(document_id, title, text) VALUES (new.id, new.title, new.text); END",
    "CREATE TRIGGER search_documents_ad AFTER DELETE ON documents BEGIN "
    "DELETE FROM search_documents WHERE document_id = old.id; END",
    "CREATE TRIGGER search_documents_au AFTER UPDATE OF title, text ON documents BEGIN "
    "UPDATE search_documents SET title = new.title, text = new.text WHERE document_id = new.id; END",
    "INSERT INTO search_documents(document_id, title, text) SELECT id, title, text FROM documents",
    "CREATE VIRTUAL TABLE search_claims USING fts5(claim_id UNINDEXED, quote, source, "
    "tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER search_claims_ai AFTER INSERT ON claims BEGIN "
    "INSERT INTO search_claims(claim_id, quote, source) VALUES "
    "(new.id, json_extract(new.data, '$.quote'), json_extract(new.data, '$.source.name')); END",
    "CREATE TRIGGER search_claims_ad AFTER DELETE ON claims BEGIN "
    "DELETE FROM search_claims WHERE claim_id = old.id; END",
    "INSERT INTO search_claims(claim_id, quote, source) "
    "SELECT id, json_extract(data, '$.quote'), json_extract(data, '$.source.name') FROM claims",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS search_claims_ad",
    "DROP TRIGGER IF EXISTS search_claims_ai",
    "DROP TABLE IF EXISTS search_claims",
    "DROP TRIGGER IF EXISTS search_documents_au",
    "DROP TRIGGER IF EXISTS search_documents_ad",
    "DROP TRIGGER IF EXISTS search_documents_ai",
    "DROP TABLE IF EXISTS search_documents",
]
POSTGRES = [
    "CREATE INDEX ix_search_documents ON documents USING gin "
    "(to_tsvector('english', coalesce(title, '') || ' ' || text))",
    "CREATE INDEX ix_search_claims ON claims USING gin "
    "(to_tsvector('english', coalesce(data->>'quote', '') || ' ' || coalesce(data->'source'->>'name', '')))",
]
POSTGRES_DOWN = ["DROP INDEX IF EXISTS ix_search_claims", "DROP INDEX IF EXISTS ix_search_documents"]


def _deaths_index(*order: str) -> None:
    incidents = sa.table(
        "incidents",
        sa.column("kind"),
        sa.column("deaths_high"),
        sa.column("deaths_best"),
        sa.column("deaths_low"),
        sa.column("id"),
    )
    columns = [getattr(incidents.c, name) for name in order]
    name = "ix_incidents_kind_deaths_best" if order[0] == "deaths_best" else "ix_incidents_kind_deaths"
    op.create_index(name, "incidents", [incidents.c.kind, sa.func.coalesce(*columns, 0).desc(), incidents.c.id])


def upgrade() -> None:
    for statement in SQLITE if op.get_bind().dialect.name == "sqlite" else POSTGRES:
        op.execute(statement)
    # "Most deaths" is the best figure, else the floor (it was the ceiling first).
    op.drop_index("ix_incidents_kind_deaths", table_name="incidents")
    _deaths_index("deaths_best", "deaths_low", "deaths_high")


def downgrade() -> None:
    op.drop_index("ix_incidents_kind_deaths_best", table_name="incidents")
    _deaths_index("deaths_high", "deaths_best", "deaths_low")
    for statement in SQLITE_DOWN if op.get_bind().dialect.name == "sqlite" else POSTGRES_DOWN:
        op.execute(statement)
