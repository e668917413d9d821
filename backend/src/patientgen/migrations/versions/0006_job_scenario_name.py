"""The scenario's name as a column of its own, so job lists never read the snapshot.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("jobs") as batch:
        batch.add_column(
            sa.Column("scenario_name", sa.String(200), nullable=False, server_default="")
        )
    if op.get_bind().dialect.name == "postgresql":
        op.execute("UPDATE jobs SET scenario_name = left(scenario_snapshot->>'name', 200)")
    else:
        op.execute(
            "UPDATE jobs SET scenario_name ="
            " substr(json_extract(scenario_snapshot, '$.name'), 1, 200)"
        )


def downgrade() -> None:
    with op.batch_alter_table("jobs") as batch:
        batch.drop_column("scenario_name")
