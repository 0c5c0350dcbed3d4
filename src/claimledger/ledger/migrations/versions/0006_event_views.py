"""Stored event state and the query layer's indexes: ``event_views`` (an event's machine view,
appended whenever an article joins it; the newest row per event is current), indexes for the
filters and sorts (one covering a figure page's filters) and for an article's copies, and
full-text search over articles (SQLite FTS5; PostgreSQL a GIN index).

Views of events filed before this revision are computed by the service on first read (the
ledger does not import the events stage).

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

SORTED = ("date", "killed", "injured", "articles", "place_name")
PG_FTS = "to_tsvector('english', coalesce(title, '') || ' ' || text)"


def upgrade() -> None:
    op.create_table(
        "event_views",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id"), nullable=False),
        sa.Column("version", sa.String(16), nullable=False),
        sa.Column("articles", sa.Integer, nullable=False),
        sa.Column("outlets", sa.Integer, nullable=False),
        sa.Column("date", sa.String(10)),
        sa.Column("kind", sa.String(20)),
        sa.Column("place_name", sa.Text), sa.Column("country", sa.String(2)), sa.Column("region", sa.String(12)),
        sa.Column("lat", sa.Float), sa.Column("lon", sa.Float),
        sa.Column("place_keys", sa.Text, nullable=False),
        sa.Column("killed", sa.Integer), sa.Column("injured", sa.Integer),
        sa.Column("measures", sa.Text, nullable=False),
        sa.Column("flags", sa.Integer, nullable=False),
        sa.Column("flag_kinds", sa.Text, nullable=False),
        sa.Column("known_from", sa.String(10)), sa.Column("known_until", sa.String(10)),
        sa.Column("view", sa.JSON, nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
    )
    op.create_index("ix_event_views_current", "event_views", ["event_id", "id"])
    for col in SORTED:
        op.create_index(f"ix_event_views_{col}", "event_views", [col, "event_id"])
    op.create_index("ix_event_views_country_date", "event_views", ["country", "date"])
    op.create_index("ix_event_views_flags", "event_views", ["flags", "event_id"])
    op.create_index("ix_articles_published", "articles", ["published"])
    op.create_index("ix_articles_outlet", "articles", ["outlet"])
    op.create_index("ix_articles_duplicate_of", "articles", ["duplicate_of"])
    op.create_index("ix_figures_measure_article", "figures", ["measure", "article_id", "date", "place_id", "claim_id"])
    dialect = op.get_bind().dialect.name
    _append_only(dialect)
    _full_text(dialect)


def _append_only(dialect: str) -> None:
    """The same guards as every ledger table: no UPDATE, DELETE, REPLACE or TRUNCATE."""
    t = "event_views"
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


def _full_text(dialect: str) -> None:
    """An index of every article's title and text; the stored articles are indexed now."""
    if dialect == "sqlite":
        op.execute("CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', "
                   "content_rowid='id', tokenize='unicode61 remove_diacritics 2')")
        op.execute("INSERT INTO articles_fts(rowid, title, text) SELECT id, coalesce(title, ''), text FROM articles")
    elif dialect == "postgresql":
        op.execute(f"CREATE INDEX ix_articles_fts ON articles USING gin ({PG_FTS})")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute("DROP TABLE IF EXISTS articles_fts")
    elif dialect == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_articles_fts")
    op.drop_index("ix_figures_measure_article", table_name="figures")
    for name in ("ix_articles_duplicate_of", "ix_articles_outlet", "ix_articles_published"):
        op.drop_index(name, table_name="articles")
    op.drop_table("event_views")
