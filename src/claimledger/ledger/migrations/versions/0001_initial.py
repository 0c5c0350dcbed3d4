"""Initial ledger: articles, claims, places, figures, flags; append-only triggers.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TABLES = ("articles", "claims", "places", "figures", "flags")


def _span(prefix: str) -> list[sa.Column]:
    return [sa.Column(f"{prefix}_text", sa.Text), sa.Column(f"{prefix}_start", sa.Integer),
            sa.Column(f"{prefix}_end", sa.Integer)]


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("raw_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("body_hash", sa.String(64), nullable=False, index=True),
        sa.Column("uri", sa.Text, nullable=False),
        sa.Column("url", sa.Text), sa.Column("outlet", sa.Text), sa.Column("title", sa.Text),
        sa.Column("author", sa.Text), sa.Column("published", sa.String(10)),
        sa.Column("text", sa.Text, nullable=False), sa.Column("removed", sa.JSON, nullable=False),
        sa.Column("killed", sa.Integer), sa.Column("injured", sa.Integer),
        sa.Column("duplicate_of", sa.Integer, sa.ForeignKey("articles.id")),
        sa.Column("containment", sa.Float),
        sa.Column("ingested_at", sa.String(32), nullable=False),
    )
    op.create_table(
        "claims",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id"), nullable=False, index=True),
        sa.Column("idx", sa.Integer, nullable=False),
        *_span("source"), *_span("cue"),
        sa.Column("content", sa.JSON, nullable=False),
        sa.Column("hedged", sa.Boolean, nullable=False),
        sa.Column("hedges", sa.JSON, nullable=False),
        sa.Column("speaker", sa.Text),
    )
    op.create_table(
        "places",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id"), nullable=False, index=True),
        sa.Column("idx", sa.Integer, nullable=False),
        sa.Column("span_text", sa.Text, nullable=False), sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("name", sa.Text), sa.Column("country", sa.String(2)), sa.Column("iso3166_2", sa.String(10)),
        sa.Column("lat", sa.Float), sa.Column("lon", sa.Float), sa.Column("geonames_id", sa.Integer),
        sa.Column("kind", sa.String(20)),
    )
    op.create_table(
        "figures",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id"), nullable=False, index=True),
        sa.Column("idx", sa.Integer, nullable=False),
        sa.Column("claim_id", sa.Integer, sa.ForeignKey("claims.id")),
        sa.Column("span_text", sa.Text, nullable=False), sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("measure", sa.String(20), nullable=False, index=True),
        sa.Column("low", sa.Integer), sa.Column("high", sa.Integer), sa.Column("point", sa.Integer),
        sa.Column("qualifier", sa.String(20), nullable=False),
        *_span("subject"),
        sa.Column("date", sa.String(10)),
        *_span("sentence"),
        sa.Column("place_id", sa.Integer, sa.ForeignKey("places.id")),
        sa.Column("ratio", sa.Float),
    )
    op.create_table(
        "flags",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id"), index=True),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("figure_ids", sa.JSON, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
    )
    _append_only(op.get_bind().dialect.name)


def _append_only(dialect: str) -> None:
    """Refuse UPDATE and DELETE at the database itself, whatever client writes to it."""
    if dialect == "sqlite":
        for t in TABLES:
            for verb in ("UPDATE", "DELETE"):
                op.execute(
                    f"CREATE TRIGGER {t}_no_{verb.lower()} BEFORE {verb} ON {t} "
                    f"BEGIN SELECT RAISE(ABORT, 'claimledger ledger is append-only: {verb} refused'); END"
                )
    elif dialect == "postgresql":
        op.execute(
            "CREATE FUNCTION claimledger_append_only() RETURNS trigger AS $$ BEGIN "
            "RAISE EXCEPTION 'claimledger ledger is append-only: % refused', TG_OP; END $$ LANGUAGE plpgsql"
        )
        for t in TABLES:
            op.execute(
                f"CREATE TRIGGER {t}_append_only BEFORE UPDATE OR DELETE ON {t} "
                "FOR EACH ROW EXECUTE FUNCTION claimledger_append_only()"
            )


def downgrade() -> None:
    for t in reversed(TABLES):
        op.drop_table(t)
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS claimledger_append_only()")
