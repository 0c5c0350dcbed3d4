"""Claimants: one row per claimant key the ledger has seen, joined to the claimant it stands for,
and each claim's claimant (its key in the article, the ledger's claimant, its type).

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

CLAIM_COLUMNS = ("claimant_key", "claimant_id", "claimant_type")


def upgrade() -> None:
    op.create_table(
        "claimants",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key", sa.String(300), nullable=False, unique=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("type", sa.String(24), nullable=False),
        sa.Column("surname", sa.Text, index=True),
        sa.Column("given", sa.Text),
        sa.Column("same_as", sa.Integer, sa.ForeignKey("claimants.id")),
        sa.Column("first_article_id", sa.Integer, sa.ForeignKey("articles.id"), nullable=False),
    )
    op.add_column("claims", sa.Column("claimant_key", sa.String(300)))
    op.add_column("claims", sa.Column("claimant_id", sa.Integer))
    op.add_column("claims", sa.Column("claimant_type", sa.String(24)))
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for verb in ("UPDATE", "DELETE"):
            op.execute(f"CREATE TRIGGER claimants_no_{verb.lower()} BEFORE {verb} ON claimants "
                       f"BEGIN SELECT RAISE(ABORT, 'claimledger ledger is append-only: {verb} refused'); END")
        op.execute("CREATE TRIGGER claimants_no_replace BEFORE INSERT ON claimants "
                   "WHEN EXISTS (SELECT 1 FROM claimants WHERE id = NEW.id) "
                   "BEGIN SELECT RAISE(ABORT, 'claimledger ledger is append-only: REPLACE refused'); END")
    elif dialect == "postgresql":
        op.execute("CREATE TRIGGER claimants_append_only BEFORE UPDATE OR DELETE ON claimants "
                   "FOR EACH ROW EXECUTE FUNCTION claimledger_append_only()")
        op.execute("CREATE TRIGGER claimants_no_truncate BEFORE TRUNCATE ON claimants "
                   "FOR EACH STATEMENT EXECUTE FUNCTION claimledger_append_only()")


def downgrade() -> None:
    bind = op.get_bind()
    with op.batch_alter_table("claims") as batch:
        for name in CLAIM_COLUMNS:
            batch.drop_column(name)
    if bind.dialect.name == "sqlite":  # the batch copy of the table lost its append-only triggers
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER IF NOT EXISTS claims_no_{verb.lower()} BEFORE {verb} ON claims "
                f"BEGIN SELECT RAISE(ABORT, 'claimledger ledger is append-only: {verb} refused'); END"
            )
        op.execute("CREATE TRIGGER IF NOT EXISTS claims_no_replace BEFORE INSERT ON claims "
                   "WHEN EXISTS (SELECT 1 FROM claims WHERE id = NEW.id) "
                   "BEGIN SELECT RAISE(ABORT, 'claimledger ledger is append-only: REPLACE refused'); END")
    op.drop_table("claimants")
