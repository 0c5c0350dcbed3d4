"""Claims record their certainty: asserted, hedged or unattributed.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("claims", sa.Column("certainty", sa.String(12)))


def downgrade() -> None:
    bind = op.get_bind()
    with op.batch_alter_table("claims") as batch:
        batch.drop_column("certainty")
    if bind.dialect.name == "sqlite":  # the batch copy of the table lost its append-only triggers
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER IF NOT EXISTS claims_no_{verb.lower()} BEFORE {verb} ON claims "
                f"BEGIN SELECT RAISE(ABORT, 'claimledger ledger is append-only: {verb} refused'); END"
            )
