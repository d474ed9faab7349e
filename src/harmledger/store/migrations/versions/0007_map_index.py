"""map index: the map's columns in the map's order, so the map query never reads table rows

Revision ID: 0007_map_index
Revises: 0002_security
"""

import sqlalchemy as sa
from alembic import op

# Spelled out, not imported from schema.py: a migration must not change when the schema module does.
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

revision = "0007_map_index"
down_revision = "0002_security"
branch_labels = None
depends_on = None


def upgrade() -> None:
    names = ("kind", "deaths_best", "deaths_low", "deaths_high", "id", *MAP_INDEX_COLUMNS)
    incidents = sa.table("incidents", *(sa.column(name) for name in dict.fromkeys(names)))
    c = incidents.c
    deaths = sa.func.coalesce(c.deaths_best, c.deaths_low, c.deaths_high, 0)
    op.create_index(
        "ix_incidents_map", "incidents", [c.kind, deaths.desc(), c.id, *(c[name] for name in MAP_INDEX_COLUMNS)]
    )


def downgrade() -> None:
    op.drop_index("ix_incidents_map", table_name="incidents")
