"""index the incident list's sort by deaths

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    incidents = sa.table(
        "incidents",
        sa.column("kind"),
        sa.column("deaths_high"),
        sa.column("deaths_best"),
        sa.column("deaths_low"),
        sa.column("id"),
    )
    op.create_index(
        "ix_incidents_kind_deaths",
        "incidents",
        [
            incidents.c.kind,
            sa.func.coalesce(incidents.c.deaths_high, incidents.c.deaths_best, incidents.c.deaths_low, 0).desc(),
            incidents.c.id,
        ],
    )


def downgrade() -> None:
    op.drop_index("ix_incidents_kind_deaths", table_name="incidents")
