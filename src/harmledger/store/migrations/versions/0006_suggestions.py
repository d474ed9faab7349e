"""suggestions: pairs of incidents that may be one event

Revision ID: 0006_suggestions
Revises: 0003_analyst
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_suggestions"
down_revision = "0003_analyst"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "suggestions",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("incident_a", sa.String(32), nullable=False),
        sa.Column("incident_b", sa.String(32), nullable=False),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
    )
    op.create_index("ix_suggestions_incident_a", "suggestions", ["incident_a"])
    op.create_index("ix_suggestions_incident_b", "suggestions", ["incident_b"])


def downgrade() -> None:
    op.drop_table("suggestions")
