"""Patient flow columns for the dashboard's aggregates.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STAY_COLUMNS = [f"r{role}_{end}" for role in range(1, 5) for end in ("in", "out")]


def upgrade() -> None:
    with op.batch_alter_table("patients") as batch:
        # Existing rows predate flow tracking: an empty path marks them.
        batch.add_column(sa.Column("path", sa.String(length=40), nullable=False, server_default=""))
        batch.add_column(sa.Column("first_treatment_s", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("first_mtf_s", sa.Integer(), nullable=True))
        for name in STAY_COLUMNS:
            batch.add_column(sa.Column(name, sa.BigInteger(), nullable=True))
    with op.batch_alter_table("patients") as batch:
        batch.alter_column("path", server_default=None)


def downgrade() -> None:
    with op.batch_alter_table("patients") as batch:
        for name in reversed(STAY_COLUMNS):
            batch.drop_column(name)
        batch.drop_column("first_mtf_s")
        batch.drop_column("first_treatment_s")
        batch.drop_column("path")
