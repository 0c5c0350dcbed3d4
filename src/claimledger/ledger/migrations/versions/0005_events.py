"""Events: each article's main happening, the events, the machine's links, the candidate index
and analysts' decisions; append-only like the rest of the ledger.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

TABLES = ("article_events", "events", "event_links", "event_keys", "decisions")


def upgrade() -> None:
    op.create_table(
        "article_events",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id"), nullable=False, unique=True),
        sa.Column("summary", sa.JSON, nullable=False),
        sa.Column("date", sa.String(10), index=True),
        sa.Column("region", sa.String(12)),
        sa.Column("kind", sa.String(20)),
        sa.Column("created_at", sa.String(32), nullable=False),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("first_article_id", sa.Integer, sa.ForeignKey("articles.id"), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
    )
    op.create_table(
        "event_links",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id"), nullable=False, index=True),
        sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id"), nullable=False, index=True),
        sa.Column("score", sa.Float),
        sa.Column("basis", sa.String(12), nullable=False),
        sa.Column("features", sa.JSON),
        sa.Column("created_at", sa.String(32), nullable=False),
    )
    op.create_table(
        "event_keys",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("date", sa.String(10)),
        sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id"), nullable=False),
        sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id"), nullable=False),
    )
    op.create_index("ix_event_keys_key_date", "event_keys", ["key", "date"])
    op.create_table(
        "decisions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column("event_id", sa.String(40), nullable=False, index=True),
        sa.Column("target", sa.JSON, nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("author", sa.Text, nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
    )
    _append_only(op.get_bind().dialect.name)


def _append_only(dialect: str) -> None:
    """The same guards as the first tables: no UPDATE, DELETE, REPLACE or TRUNCATE."""
    for t in TABLES:
        if dialect == "sqlite":
            for verb in ("UPDATE", "DELETE"):
                op.execute(f"CREATE TRIGGER {t}_no_{verb.lower()} BEFORE {verb} ON {t} "
                           f"BEGIN SELECT RAISE(ABORT, 'claimledger ledger is append-only: {verb} refused'); END")
            op.execute(f"CREATE TRIGGER {t}_no_replace BEFORE INSERT ON {t} "
                       f"WHEN EXISTS (SELECT 1 FROM {t} WHERE id = NEW.id) "
                       "BEGIN SELECT RAISE(ABORT, 'claimledger ledger is append-only: REPLACE refused'); END")
        elif dialect == "postgresql":
            op.execute(f"CREATE TRIGGER {t}_append_only BEFORE UPDATE OR DELETE ON {t} "
                       "FOR EACH ROW EXECUTE FUNCTION claimledger_append_only()")
            op.execute(f"CREATE TRIGGER {t}_no_truncate BEFORE TRUNCATE ON {t} "
                       "FOR EACH STATEMENT EXECUTE FUNCTION claimledger_append_only()")


def downgrade() -> None:
    for t in reversed(TABLES):
        op.drop_table(t)
