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
    Column("claimant_key", String(300)),  # the claimant as the article names it (revision 0007)
    Column("claimant_id", Integer),  # claimants.id of the claimant it stands for (revision 0007)
    Column("claimant_type", String(24)),  # government_official | police | ... (revision 0007)
)

claimants = Table(  # every claimant key seen, joined (same_as) to the claimant it stands for
    "claimants", metadata,
    Column("id", Integer, primary_key=True),
    Column("key", String(300), nullable=False, unique=True),  # person:oleh synehubov | org:... | group:...
    Column("name", Text, nullable=False),
    Column("kind", String(8), nullable=False),  # person | org | group
    Column("type", String(24), nullable=False),
    Column("surname", Text, index=True),  # people only, lower case
    Column("given", Text),  # people named with a first name, lower case
    Column("same_as", Integer, ForeignKey("claimants.id")),  # None: this row is the claimant itself
    Column("first_article_id", Integer, ForeignKey("articles.id"), nullable=False),
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

# -- events (revision 0005) -------------------------------------------------------------------

article_events = Table(  # each stored article's main happening, as the events stage read it
    "article_events", metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", Integer, ForeignKey("articles.id"), nullable=False, unique=True),
    Column("summary", JSON, nullable=False),  # ArticleEvent.to_dict()
    Column("date", String(10), index=True),
    Column("region", String(12)),
    Column("kind", String(20)),
    Column("created_at", String(32), nullable=False),
)

events = Table(  # one row per event the machine opened
    "events", metadata,
    Column("id", Integer, primary_key=True),
    Column("first_article_id", Integer, ForeignKey("articles.id"), nullable=False),
    Column("created_at", String(32), nullable=False),
)

event_links = Table(  # the machine's assignment of an article to an event (newest row wins)
    "event_links", metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", Integer, ForeignKey("articles.id"), nullable=False, index=True),
    Column("event_id", Integer, ForeignKey("events.id"), nullable=False, index=True),
    Column("score", Float),
    Column("basis", String(12), nullable=False),  # match | new | copy
    Column("features", JSON),
    Column("created_at", String(32), nullable=False),
)

event_keys = Table(  # the candidate index: region and name keys with the report's event date
    "event_keys", metadata,
    Column("id", Integer, primary_key=True),
    Column("key", String(200), nullable=False),
    Column("date", String(10)),
    Column("event_id", Integer, ForeignKey("events.id"), nullable=False),
    Column("article_id", Integer, ForeignKey("articles.id"), nullable=False),
)

Index("ix_event_keys_key_date", event_keys.c.key, event_keys.c.date)

decisions = Table(  # an analyst's adjudication, appended beside the machine's output
    "decisions", metadata,
    Column("id", Integer, primary_key=True),
    Column("action", String(20), nullable=False),  # merge | split | detach | set_best | accept_flag | dismiss_flag
    Column("event_id", String(40), nullable=False, index=True),
    Column("target", JSON, nullable=False),  # {"event": id} | {"articles": [...]} | {"measure", "value"} | {"flag"}
    Column("note", Text, nullable=False),
    Column("author", Text, nullable=False),
    Column("created_at", String(32), nullable=False),
)

# -- stored event state (revision 0006) -----------------------------------------------------------

event_views = Table(  # an event's machine view, appended each time an article joins it; the newest row is current
    "event_views", metadata,
    Column("id", Integer, primary_key=True),
    Column("event_id", Integer, ForeignKey("events.id"), nullable=False),
    Column("version", String(16), nullable=False),  # the events code that computed it (events.VIEW_VERSION)
    Column("articles", Integer, nullable=False),  # reports, copies included
    Column("outlets", Integer, nullable=False),
    Column("date", String(10)),
    Column("kind", String(20)),
    Column("place_name", Text), Column("country", String(2)), Column("region", String(12)),  # ISO 3166-2
    Column("lat", Float), Column("lon", Float),
    Column("place_keys", Text, nullable=False),  # "|country|region|name|" lower-cased: what a place filter matches
    Column("killed", Integer), Column("injured", Integer),  # best counts
    Column("measures", Text, nullable=False),  # "|killed|injured|": the measures with a best count
    Column("flags", Integer, nullable=False),
    Column("flag_kinds", Text, nullable=False),  # "|update|contradiction|"
    Column("known_from", String(10)), Column("known_until", String(10)),  # first and last day a report was known
    Column("view", JSON, nullable=False),  # Event.to_dict() of the machine's view
    Column("created_at", String(32), nullable=False),
)

Index("ix_event_views_current", event_views.c.event_id, event_views.c.id)
for _col in ("date", "killed", "injured", "articles", "place_name"):
    Index(f"ix_event_views_{_col}", event_views.c[_col], event_views.c.event_id)
Index("ix_event_views_country_date", event_views.c.country, event_views.c.date)
Index("ix_event_views_flags", event_views.c.flags, event_views.c.event_id)
Index("ix_articles_published", articles.c.published)
Index("ix_articles_outlet", articles.c.outlet)
Index("ix_articles_duplicate_of", articles.c.duplicate_of)  # an article's copies
Index("ix_figures_measure_article", figures.c.measure, figures.c.article_id, figures.c.date, figures.c.place_id,
      figures.c.claim_id)  # covers a figure page's filters and joins: its ids are found without the wide rows

FTS_TABLE = "articles_fts"  # SQLite FTS5 index of articles' title and text (PostgreSQL: a GIN index)

EVENT_TABLES = ("article_events", "events", "event_links", "event_keys", "decisions")
APPEND_ONLY_TABLES = ("articles", "claims", "places", "figures", "flags", *EVENT_TABLES, "event_views", "claimants")
