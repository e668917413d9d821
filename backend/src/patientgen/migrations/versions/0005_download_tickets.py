"""Single-use download tickets.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "download_tickets",
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("job_id", sa.Uuid(), nullable=False),
        sa.Column("owner_key_id", sa.Uuid(), nullable=False),
        sa.Column("format", sa.String(20), nullable=False),
        sa.Column("archive", sa.String(10), nullable=False),
        sa.Column("sealed_password", sa.LargeBinary(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["job_id"], ["jobs.id"], name="fk_download_tickets_job_id_jobs", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["owner_key_id"],
            ["api_keys.id"],
            name="fk_download_tickets_owner_key_id_api_keys",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("token_hash", name="pk_download_tickets"),
    )
    op.create_index("ix_download_tickets_job_id", "download_tickets", ["job_id"])
    op.create_index("ix_download_tickets_expires_at", "download_tickets", ["expires_at"])


def downgrade() -> None:
    op.drop_index("ix_download_tickets_expires_at", table_name="download_tickets")
    op.drop_index("ix_download_tickets_job_id", table_name="download_tickets")
    op.drop_table("download_tickets")
