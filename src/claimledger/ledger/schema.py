"""Ledger tables (SQLAlchemy Core). Rows are only ever inserted; see ``store.Ledger``."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

articles = Table(
    "articles", metadata,
    Column("id", Integer, primary_key=True),
    Column("raw_hash", String(64), nullable=False, unique=True),  # sha256 of the input as read
    Column("body_hash", String(64), nullable=False, index=True),  # sha256 of the normalised body
    Column("uri", Text, nullable=False),
    Column("url", Text),
    Column("outlet", Text),
    Column("title", Text),
    Column("author", Text),
    Column("published", String(10)),
    Column("text", Text, nullable=False),
    Column("removed", JSON, nullable=False),
    Column("killed", Integer),
    Column("injured", Integer),
    Column("duplicate_of", Integer, ForeignKey("articles.id")),
    Column("containment", Float),  # share of the shorter text found in the original
    Column("ingested_at", String(32), nullable=False),
)

Index("ix_articles_original_body", articles.c.body_hash, unique=True,
      sqlite_where=articles.c.duplicate_of.is_(None), postgresql_where=articles.c.duplicate_of.is_(None))

claims = Table(
    "claims", metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", Integer, ForeignKey("articles.id"), nullable=False, index=True),
    Column("idx", Integer, nullable=False),
    Column("source_text", Text), Column("source_start", Integer), Column("source_end", Integer),
    Column("cue_text", Text), Column("cue_start", Integer), Column("cue_end", Integer),
    Column("content", JSON, nullable=False),  # [{"text", "start", "end"}, ...]
    Column("hedged", Boolean, nullable=False),
    Column("hedges", JSON, nullable=False),
    Column("speaker", Text),
    Column("certainty", String(12)),  # asserted | hedged | unattributed (revision 0002)
)

places = Table(
    "places", metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", Integer, ForeignKey("articles.id"), nullable=False, index=True),
    Column("idx", Integer, nullable=False),
    Column("span_text", Text, nullable=False), Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("name", Text), Column("country", String(2)), Column("iso3166_2", String(10)),
    Column("lat", Float), Column("lon", Float), Column("geonames_id", Integer), Column("kind", String(20)),
)

figures = Table(
    "figures", metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", Integer, ForeignKey("articles.id"), nullable=False, index=True),
    Column("idx", Integer, nullable=False),
    Column("claim_id", Integer, ForeignKey("claims.id")),
    Column("span_text", Text, nullable=False), Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("measure", String(20), nullable=False, index=True),
    Column("low", Integer), Column("high", Integer), Column("point", Integer),
    Column("qualifier", String(20), nullable=False),
    Column("subject_text", Text), Column("subject_start", Integer), Column("subject_end", Integer),
    Column("date", String(10)),
    Column("sentence_text", Text), Column("sentence_start", Integer), Column("sentence_end", Integer),
    Column("place_id", Integer, ForeignKey("places.id")),
    Column("ratio", Float),
)

flags = Table(
    "flags", metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", Integer, ForeignKey("articles.id"), index=True),
    Column("kind", String(40), nullable=False),
    Column("figure_ids", JSON, nullable=False),
    Column("reason", Text, nullable=False),
)

APPEND_ONLY_TABLES = ("articles", "claims", "places", "figures", "flags")
