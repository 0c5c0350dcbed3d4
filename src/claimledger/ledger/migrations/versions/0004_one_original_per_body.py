"""At most one original article per normalised body, so two concurrent ingests of one story
cannot both store it as an original (the second insert fails and is retried as a copy).

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    where = sa.text("duplicate_of IS NULL")
    op.create_index("ix_articles_original_body", "articles", ["body_hash"], unique=True,
                    sqlite_where=where, postgresql_where=where)


def downgrade() -> None:
    op.drop_index("ix_articles_original_body", table_name="articles")
