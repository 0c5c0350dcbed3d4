"""Refuse overwriting a row by insertion (INSERT OR REPLACE, REPLACE INTO) and TRUNCATE.

Revision ID: 0003
Revises: 0002
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

TABLES = ("articles", "claims", "places", "figures", "flags")


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for t in TABLES:
            op.execute(
                f"CREATE TRIGGER {t}_no_replace BEFORE INSERT ON {t} "
                f"WHEN EXISTS (SELECT 1 FROM {t} WHERE id = NEW.id) "
                "BEGIN SELECT RAISE(ABORT, 'claimledger ledger is append-only: REPLACE refused'); END"
            )
    elif dialect == "postgresql":
        for t in TABLES:
            op.execute(f"CREATE TRIGGER {t}_no_truncate BEFORE TRUNCATE ON {t} "
                       "FOR EACH STATEMENT EXECUTE FUNCTION claimledger_append_only()")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for t in TABLES:
        if dialect == "sqlite":
            op.execute(f"DROP TRIGGER IF EXISTS {t}_no_replace")
        elif dialect == "postgresql":
            op.execute(f"DROP TRIGGER IF EXISTS {t}_no_truncate ON {t}")
