"""The ledger: append-only storage of extractions with provenance to the character.

``Ledger`` exposes ``append`` and read queries only. Every write goes through ``_write`` (one
transaction), the way Datasette funnels writes through ``execute_write_fn``. The database
itself refuses UPDATE and DELETE (triggers created by the first migration).
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, create_engine, event, func, insert, select
from sqlalchemy import text as sql_text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, SQLAlchemyError

from claimledger.errors import LedgerError, QueryError
from claimledger.ledger import claimants
from claimledger.ledger import query as lq
from claimledger.ledger import schema as s
from claimledger.ledger.query import is_current
from claimledger.records import (
    ArticleEvent,
    CleanArticle,
    Event,
    EventCandidate,
    EventChoice,
    EventKey,
    EventMember,
    EventViewer,
    Extraction,
    FigureEntry,
    Query,
    Removal,
    Span,
    source_hash,  # noqa: F401 - re-exported
)

Chooser = Callable[[list[EventCandidate]], EventChoice]
MAX_CANDIDATES = 200  # events considered for one article, newest first

T = TypeVar("T")
MIGRATIONS = Path(__file__).with_name("migrations")


def normalise_body(text: str) -> str:
    """Lower-case words only: what two copies of one story share despite layout and footers."""
    return " ".join(re.findall(r"\w+", text.lower()))


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


SHORT_BODY_WORDS = 25  # a body this short ('You are the owner of this article.') names no story alone


def body_identity(article: CleanArticle) -> str:
    """What makes two stored articles one story: the normalised body, and for a body too short
    to tell stories apart, the title with it (two stub pages are not copies of each other)."""
    body = normalise_body(article.body)
    if len(body.split()) < SHORT_BODY_WORDS:
        body = normalise_body(article.title or "") + " | " + body
    return sha256(body)




@dataclass(frozen=True)
class AppendResult:
    article_id: int
    status: str  # "stored" | "already stored" | "copy"
    duplicate_of: int | None = None


SQLITE_MMAP_BYTES = 1 << 30  # address space, not memory: pages are read on demand


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA busy_timeout=10000")  # first: a racing first open holds the file while it sets WAL
    _set_wal(cur)
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA recursive_triggers=ON")  # REPLACE's implicit delete fires the DELETE trigger
    # reads map the file (shared through the OS page cache by every connection and worker) instead
    # of copying each page into a small per-connection cache: a page of a large ledger costs no syscalls
    cur.execute(f"PRAGMA mmap_size={SQLITE_MMAP_BYTES}")
    cur.close()


WAL_WAIT_SECONDS = 10.0  # as long as busy_timeout: how long a first open waits for another to set WAL


def _set_wal(cur: Any) -> None:
    """WAL mode, once per file. Changing the journal mode answers "database is locked" at once,
    without the busy handler, while another process opening the same new file holds it (it is
    setting WAL itself, or migrating): wait and look again, as busy_timeout would."""
    waited = 0.0
    while True:
        try:
            if cur.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                cur.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or waited >= WAL_WAIT_SECONDS:
                raise
            time.sleep(0.05)
            waited += 0.05


def make_engine(url: str) -> Engine:
    """An engine for a ledger URL or a plain SQLite path."""
    if "://" not in url:
        url = f"sqlite:///{url}"
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


class Ledger:
    """An append-only ledger in SQLite (default) or PostgreSQL. Migrates itself on open."""

    def __init__(self, url: str | Path = "claimledger.db", *, engine: Engine | None = None,
                 create: bool = True) -> None:
        """Open (and migrate) the ledger. ``create=False`` refuses a SQLite file that does not exist."""
        url = str(url)
        shown = _shown(url)
        if not create and engine is None and (path := _sqlite_path(url)) is not None and not path.exists():
            raise LedgerError(f"{shown}: no ledger there (run `claimledger ingest` first)")
        try:
            self.engine = engine or make_engine(url)
            self.migrate()
        except (SQLAlchemyError, OSError, ValueError) as exc:
            first = str(getattr(exc, "orig", None) or exc).splitlines()[0][:160]
            raise LedgerError(f"{shown}: cannot open the ledger ({first})") from None

    # -- schema ------------------------------------------------------------------------------
    def migrate(self) -> None:
        """Bring the schema to the newest Alembic revision.

        Safe when several processes open a new ledger at once: a ledger already at the newest
        revision is only read; otherwise the migration holds a lock (SQLite: the write lock,
        ``BEGIN IMMEDIATE``; PostgreSQL: a transaction advisory lock) and reads the revision
        again under it, so the second process waits for the first and finds nothing to do."""
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        if self._at_head(cfg):
            return
        with self.engine.begin() as conn:
            _migration_lock(conn)
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")

    def _at_head(self, cfg: Config) -> bool:
        from alembic.runtime.migration import MigrationContext
        from alembic.script import ScriptDirectory

        with self.engine.connect() as conn:
            current = set(MigrationContext.configure(conn).get_current_heads())
        return current == set(ScriptDirectory.from_config(cfg).get_heads())

    # -- the one write path --------------------------------------------------------------------
    def _write(self, fn: Callable[[Connection], T]) -> T:
        try:
            with self.engine.begin() as conn:
                return fn(conn)
        except DBAPIError as exc:
            raise LedgerError(f"ledger write refused: {str(exc.orig).splitlines()[0]}") from None

    def append(self, extraction: Extraction, raw_text: str | None = None,
               copy_of: Callable[[str], tuple[int, float] | None] | None = None,
               keys: Sequence[EventKey] = (), choose: Chooser | None = None,
               viewer: EventViewer | None = None) -> AppendResult:
        """Store one extraction. The same input twice is stored once; a copy of a stored story
        (same body, another outlet) is stored as a pointer to it with no claims of its own.
        ``copy_of(body)`` may find near copies (syndication) and return (article id, containment).
        The input's identity is ``article.source_hash``, else :func:`source_hash` of ``raw_text``.
        With ``choose``, the article is filed in an event in the same transaction: the stored
        events under ``keys`` are its candidates and ``choose`` picks one (or a new event); a
        copy joins its original's event. With ``viewer``, the event's new view (its
        reconciliation over every member) is appended in the same transaction.
        """
        art = extraction.article
        raw_hash = art.source_hash or source_hash(art.uri, art.outlet, raw_text if raw_text is not None else art.text)
        body_hash = body_identity(art)
        def write(conn: Connection) -> AppendResult:
            res, stored = self._append(conn, extraction, raw_hash, body_hash, copy_of)
            event_id = None
            if choose is not None and res.status == "copy" and res.duplicate_of is not None:
                event_id = self._link_copy(conn, res.article_id, res.duplicate_of)
            elif choose is not None and res.status == "stored" and stored.event is not None:
                event_id = self._file_event(conn, res.article_id, stored.event, keys, choose)
            if res.status != "already stored":
                _index_text(conn, res.article_id, art.title, art.text)
            if viewer is not None and event_id is not None:
                _append_views(conn, viewer, [event_id])
            return res

        try:
            return self._write(write)
        except LedgerError:
            known = self.find_hash(raw_hash)  # another process stored the same input meanwhile
            if known is not None:
                return AppendResult(known, "already stored")
            return self._write(write)  # or the same story as an original: now it is a copy

    def _append(self, conn: Connection, extraction: Extraction, raw_hash: str, body_hash: str,
                copy_of: Callable[[str], tuple[int, float] | None] | None) -> tuple[AppendResult, Extraction]:
        """The result, and the extraction as stored (claimants joined to the ledger's)."""
        art = extraction.article
        a = s.articles.c
        found = conn.execute(select(a.id).where(a.raw_hash == raw_hash)).first()
        if found:
            return AppendResult(found.id, "already stored"), extraction
        original = conn.execute(
            select(a.id, a.uri).where(a.body_hash == body_hash, a.duplicate_of.is_(None)).order_by(a.id).limit(1)
        ).first()
        if original and original.uri == art.uri:  # the same page fetched again (a new nonce, say)
            return AppendResult(original.id, "already stored"), extraction
        dup, containment = (original.id, 1.0) if original else (None, None)
        if dup is None and copy_of is not None:
            near = copy_of(art.body)
            if near:
                dup, containment = near
        article_id = self._insert_article(conn, extraction, raw_hash, body_hash, dup, containment)
        if dup is not None:
            return AppendResult(article_id, "copy", dup), extraction
        known = claimants.resolve(conn, article_id, extraction.claims)
        self._insert_children(conn, article_id, extraction, known)
        return AppendResult(article_id, "stored"), claimants.as_stored(extraction, known)

    @staticmethod
    def _insert_article(conn: Connection, ex: Extraction, raw_hash: str, body_hash: str,
                        dup: int | None, containment: float | None) -> int:
        a = ex.article
        res = conn.execute(insert(s.articles).values(
            raw_hash=raw_hash, body_hash=body_hash, uri=a.uri, url=a.url, outlet=a.outlet,
            title=a.title, author=a.author, published=a.published.isoformat() if a.published else None,
            text=a.text, removed=[r.to_dict() for r in a.removed],
            killed=ex.totals.killed, injured=ex.totals.injured, duplicate_of=dup,
            containment=containment, ingested_at=datetime.now(UTC).isoformat(timespec="seconds"),
        ))
        return int(res.inserted_primary_key[0])  # type: ignore[index]

    @staticmethod
    def _insert_children(conn: Connection, article_id: int, ex: Extraction,
                         known: Mapping[str, claimants.Known]) -> None:
        claim_ids: list[int] = []
        for i, c in enumerate(ex.claims):
            who = known.get(c.claimant_id) if c.claimant_id else None
            res = conn.execute(insert(s.claims).values(
                article_id=article_id, idx=i, **_span_cols("source", c.source), **_span_cols("cue", c.cue),
                content=[p.to_dict() for p in c.content], hedged=c.hedged, hedges=list(c.hedges),
                speaker=c.speaker, certainty=c.certainty, claimant_key=c.claimant_id,
                claimant_id=who.claimant_id if who else None, claimant_type=c.claimant_type,
            ))
            claim_ids.append(int(res.inserted_primary_key[0]))  # type: ignore[index]
        place_ids: list[int] = []
        for i, p in enumerate(ex.places):
            res = conn.execute(insert(s.places).values(
                article_id=article_id, idx=i, span_text=p.span.text, start=p.span.start, end=p.span.end,
                name=p.name, country=p.country, iso3166_2=p.iso3166_2, lat=p.lat, lon=p.lon,
                geonames_id=p.geonames_id, kind=p.kind,
            ))
            place_ids.append(int(res.inserted_primary_key[0]))  # type: ignore[index]
        fig_ids: list[int] = []
        for i, f in enumerate(ex.figures):
            res = conn.execute(insert(s.figures).values(
                article_id=article_id, idx=i,
                claim_id=claim_ids[f.claim] if f.claim is not None else None,
                span_text=f.span.text, start=f.span.start, end=f.span.end, measure=f.measure,
                low=f.low, high=f.high, point=f.point, qualifier=f.qualifier,
                **_span_cols("subject", f.subject), date=f.date, **_span_cols("sentence", f.sentence),
                place_id=place_ids[f.places[0]] if f.places else None, ratio=f.ratio,
            ))
            fig_ids.append(int(res.inserted_primary_key[0]))  # type: ignore[index]
        for fl in ex.flags:
            conn.execute(insert(s.flags).values(
                article_id=article_id, kind=fl.kind, figure_ids=[fig_ids[k] for k in fl.figures],
                reason=fl.reason,
            ))

    # -- events --------------------------------------------------------------------------------
    def _file_event(self, conn: Connection, article_id: int, ev: ArticleEvent, keys: Sequence[EventKey],
                    choose: Chooser) -> int:
        ids = _candidate_ids(conn, keys)
        members = _members(conn, ids)
        choice = choose([EventCandidate(e, tuple(members.get(e, ()))) for e in ids if members.get(e)])
        now = _now()
        place = ev.place_detail
        conn.execute(insert(s.article_events).values(
            article_id=article_id, summary=ev.to_dict(), date=ev.date,
            region=(place.iso3166_2 or place.country) if place else None, kind=ev.kind, created_at=now))
        event_id = choice.event_id
        if event_id is None:
            event_id = int(conn.execute(insert(s.events).values(first_article_id=article_id, created_at=now))
                           .inserted_primary_key[0])  # type: ignore[index]
        conn.execute(insert(s.event_links).values(
            article_id=article_id, event_id=event_id, score=_finite(choice.score),
            basis="match" if choice.event_id is not None else "new",
            features={k: _finite(v) for k, v in choice.features.items()}, created_at=now))
        for k in keys:
            conn.execute(insert(s.event_keys).values(key=k.key, date=k.date, event_id=event_id, article_id=article_id))
        return event_id

    @staticmethod
    def _link_copy(conn: Connection, article_id: int, original: int) -> int | None:
        el = s.event_links.c
        row = conn.execute(select(el.event_id).where(el.article_id == original).order_by(el.id.desc()).limit(1)).first()
        if row is None:
            return None
        conn.execute(insert(s.event_links).values(article_id=article_id, event_id=row.event_id, score=None,
                                                  basis="copy", features={}, created_at=_now()))
        return int(row.event_id)

    # -- stored event state ------------------------------------------------------------------------
    def stale_events(self, version: str) -> list[int]:
        """Events whose current view is missing or was made by another version of the code."""
        e, v = s.events.c, s.event_views.c
        current = select(v.event_id).where(v.version == version, is_current(s.event_views))
        with self.engine.connect() as conn:
            return [r.id for r in conn.execute(select(e.id).where(e.id.not_in(current)).order_by(e.id))]

    def event_views(self, exclude: Sequence[int] = ()) -> list[dict[str, Any]]:
        """Every event's current stored view (``Event.to_dict()``) but those in ``exclude``, in event order."""
        with self.engine.connect() as conn:
            return lq.all_event_views(conn, exclude)

    def event_view(self, event_id: int) -> dict[str, Any] | None:
        """One event's current stored view, or None."""
        v = s.event_views.c
        with self.engine.connect() as conn:
            row = conn.execute(select(v.view).where(v.event_id == event_id).order_by(v.id.desc()).limit(1)).first()
            return row.view if row else None

    def event_view_page(self, query: Query, exclude: Sequence[int] = (), cursor: tuple[Any, Any] | None = None
                        ) -> list[tuple[Any, int, str]]:
        """(sort value, event id, view as JSON text) of a page of events after ``cursor``, one more than the page."""
        with self.engine.connect() as conn:
            return lq.event_view_page(conn, query, exclude, cursor)

    def flagged_views(self, query: Query, exclude: Sequence[int], after_event: int | None, limit: int
                      ) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            return lq.flagged_views(conn, query, exclude, after_event, limit)

    def claims_of_figures(self, figures: set[tuple[int, int]]) -> dict[tuple[int, int], int | None]:
        """(article id, figure index) -> the id of the claim that figure belongs to."""
        f = s.figures.c
        articles = sorted({a for a, _ in figures})
        if not articles:
            return {}
        with self.engine.connect() as conn:
            rows = conn.execute(select(f.article_id, f.idx, f.claim_id).where(f.article_id.in_(articles)))
            return {(r.article_id, r.idx): r.claim_id for r in rows if (r.article_id, r.idx) in figures}

    def events_of(self, article_ids: Sequence[int]) -> dict[int, int]:
        """Article id -> the event the machine filed it in (its newest link)."""
        el = s.event_links.c
        if not article_ids:
            return {}
        with self.engine.connect() as conn:
            rows = conn.execute(select(el.article_id, el.event_id).where(el.article_id.in_(list(article_ids)))
                                .order_by(el.id))
            return {r.article_id: r.event_id for r in rows}

    def matching_articles(self, query: Query, among: Sequence[int]) -> set[int]:
        """Which of ``among`` match the query's article-level filters (outlet, claimant, text)."""
        with self.engine.connect() as conn:
            sub = lq.matching_articles(conn, query)
            if sub is None:
                return set(among)
            a = s.articles.c
            return {r.id for r in conn.execute(select(a.id).where(a.id.in_(list(among)), a.id.in_(sub)))}

    def page(self, resource: str, query: Query) -> tuple[list[dict[str, Any]], str | None]:
        """A keyset page of figures, claims, claimants, articles or places (see ``ledger.query``)."""
        pages = {"figures": lq.figures_page, "claims": lq.claims_page, "claimants": lq.claimants_page,
                 "articles": lq.articles_page, "places": lq.places_page}
        if resource not in pages:
            raise QueryError(f"no resource {resource!r} in the ledger's tables (one of {', '.join(pages)})")
        with self.engine.connect() as conn:
            return pages[resource](conn, query)

    def write_views(self, viewer: EventViewer, event_ids: Sequence[int], chunk: int = 500) -> int:
        """Append the current view of each of ``event_ids`` (a transaction per ``chunk``)."""
        for i in range(0, len(event_ids), chunk):
            part = list(event_ids[i:i + chunk])
            self._write(lambda conn, part=part: _append_views(conn, viewer, part))  # type: ignore[misc]
        return len(event_ids)

    def event_members(self, event_ids: Sequence[int] | None = None) -> dict[int, list[EventMember]]:
        """Event id -> its members (every event when ``event_ids`` is None), oldest first."""
        with self.engine.connect() as conn:
            return _members(conn, event_ids)

    def event_ids(self) -> list[int]:
        with self.engine.connect() as conn:
            return [r.id for r in conn.execute(select(s.events.c.id).order_by(s.events.c.id))]

    def decide(self, action: str, event_id: str, target: dict[str, Any], note: str, author: str) -> int:
        """Append an analyst's decision; returns its id."""
        row = {"action": action, "event_id": event_id, "target": target, "note": note, "author": author,
               "created_at": _now()}
        return self._write(lambda conn: int(conn.execute(insert(s.decisions).values(**row)).inserted_primary_key[0]))  # type: ignore[index]  # noqa: E501

    def decisions(self) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(select(s.decisions).order_by(s.decisions.c.id))]

    # -- reads ---------------------------------------------------------------------------------
    def find_hash(self, raw_hash: str) -> int | None:
        """The id of the article stored from the input with this :func:`source_hash`, if any."""
        with self.engine.connect() as conn:
            row = conn.execute(select(s.articles.c.id).where(s.articles.c.raw_hash == raw_hash)).first()
            return row.id if row else None

    def state(self) -> tuple[int, int, int]:
        """The ledger's high-water marks: the newest article, event view and decision ids. Every
        append moves one (an article's claims, figures, places, flags and event links are filed
        with it), so a page read at one state is the same page while the state stays."""
        newest = [select(func.max(t.c.id)).scalar_subquery() for t in (s.articles, s.event_views, s.decisions)]
        with self.engine.connect() as conn:
            row = conn.execute(select(*newest)).one()
        return (int(row[0] or 0), int(row[1] or 0), int(row[2] or 0))

    def count(self, table: str) -> int:
        t = s.metadata.tables[table]
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(t)).scalar_one())

    def articles(self) -> list[dict[str, Any]]:
        """Every stored article (without its text), oldest first."""
        cols = [c for c in s.articles.c if c.name not in ("text", "removed")]
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(select(*cols).order_by(s.articles.c.id))]

    def article_meta(self, article_id: int) -> dict[str, Any] | None:
        """One article's metadata (no text), or None."""
        cols = [c for c in s.articles.c if c.name not in ("text", "removed")]
        with self.engine.connect() as conn:
            row = conn.execute(select(*cols).where(s.articles.c.id == article_id)).first()
            return dict(row._mapping) if row else None

    def article(self, article_id: int) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(s.articles).where(s.articles.c.id == article_id)).first()
            return dict(row._mapping) if row else None

    def claims(self, article_id: int | None = None) -> list[dict[str, Any]]:
        q = select(s.claims, s.articles.c.outlet, s.articles.c.published, s.articles.c.uri).join(
            s.articles, s.claims.c.article_id == s.articles.c.id).order_by(s.claims.c.id)
        if article_id is not None:
            q = q.where(s.claims.c.article_id == article_id)
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(q)]

    def figure_rows(self, article_id: int | None = None) -> list[dict[str, Any]]:
        """Every figure (of one article, if given), with its claim, article and place."""
        f, c, a, p = s.figures, s.claims, s.articles, s.places
        q = (
            select(
                f, c.c.source_text, c.c.speaker, c.c.cue_text, c.c.hedged,
                a.c.outlet, a.c.published, a.c.uri, a.c.title,
                p.c.name.label("place_name"), p.c.country.label("place_country"),
                p.c.iso3166_2.label("place_iso"),
            )
            .join(a, f.c.article_id == a.c.id)
            .outerjoin(c, f.c.claim_id == c.c.id)
            .outerjoin(p, f.c.place_id == p.c.id)
            .order_by(f.c.id)
        )
        if article_id is not None:
            q = q.where(f.c.article_id == article_id)
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(q)]

    def figure_entries(self, article_id: int | None = None) -> list[FigureEntry]:
        """Every stored figure (of one article, if given) as a typed entry with its provenance."""
        return [figure_entry(r) for r in self.figure_rows(article_id)]

    def copies(self) -> dict[int, list[dict[str, Any]]]:
        """Original article id -> the stored copies of it (syndication)."""
        out: dict[int, list[dict[str, Any]]] = {}
        for row in self.articles():
            if row["duplicate_of"] is not None:
                out.setdefault(row["duplicate_of"], []).append(row)
        return out

    def flags(self, article_id: int | None = None) -> list[dict[str, Any]]:
        """The articles' own flags (of one article, if given)."""
        q = select(s.flags).order_by(s.flags.c.id)
        if article_id is not None:
            q = q.where(s.flags.c.article_id == article_id)
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(q)]

    def places(self, article_id: int) -> list[dict[str, Any]]:
        """The places one article names, in text order."""
        p = s.places
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(select(p).where(p.c.article_id == article_id)
                                                             .order_by(p.c.idx))]

    def copies_among(self, originals: Sequence[int]) -> dict[int, list[dict[str, Any]]]:
        """Original article id -> its stored copies, for these originals."""
        cols = [c for c in s.articles.c if c.name not in ("text", "removed")]
        out: dict[int, list[dict[str, Any]]] = {}
        if not originals:
            return out
        with self.engine.connect() as conn:
            rows = conn.execute(select(*cols).where(s.articles.c.duplicate_of.in_(list(originals)))
                                .order_by(s.articles.c.id))
            for r in rows:
                out.setdefault(r.duplicate_of, []).append(dict(r._mapping))
        return out

    def copies_of(self, article_id: int) -> list[dict[str, Any]]:
        """The stored copies of one article (metadata only)."""
        cols = [c for c in s.articles.c if c.name not in ("text", "removed")]
        with self.engine.connect() as conn:
            rows = conn.execute(select(*cols).where(s.articles.c.duplicate_of == article_id).order_by(s.articles.c.id))
            return [dict(r._mapping) for r in rows]

    def outlet_texts(self) -> list[tuple[str, str]]:
        """(outlet, text) of every stored article that names its outlet, oldest first."""
        a = s.articles
        with self.engine.connect() as conn:
            rows = conn.execute(select(a.c.outlet, a.c.text)
                                .where(a.c.outlet.is_not(None), a.c.duplicate_of.is_(None)).order_by(a.c.id))
            return [(r.outlet, r.text) for r in rows]

    def bodies(self) -> list[tuple[int, str]]:
        """(id, body) of original articles (removed stretches cut), for syndication indexes."""
        a = s.articles
        with self.engine.connect() as conn:
            rows = conn.execute(select(a.c.id, a.c.text, a.c.removed).where(a.c.duplicate_of.is_(None))
                                .order_by(a.c.id))
            return [(r.id, _body(r.text, r.removed)) for r in rows]


def figure_entry(r: dict[str, Any]) -> FigureEntry:
    """A row of :meth:`Ledger.figure_rows` as a typed entry."""
    return FigureEntry(
        id=r["id"], article_id=r["article_id"], measure=r["measure"], low=r["low"], high=r["high"],
        qualifier=r["qualifier"], span_text=r["span_text"], start=r["start"], end=r["end"],
        point=r["point"], subject=r["subject_text"], date=r["date"], source=r["source_text"],
        speaker=r["speaker"], hedged=bool(r["hedged"]), outlet=r["outlet"],
        published=r["published"], uri=r["uri"], title=r["title"], place=r["place_name"],
        country=r["place_country"], sentence=r["sentence_text"], ratio=r["ratio"],
        place_iso=r["place_iso"],
    )


MIGRATION_LOCK = 0x636C6D67  # PostgreSQL advisory lock key held while migrating ("clmg")


def _migration_lock(conn: Connection) -> None:
    """Hold the database's migration lock until ``conn``'s transaction ends."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("BEGIN IMMEDIATE")  # waits up to busy_timeout for another writer
    elif conn.dialect.name == "postgresql":
        conn.execute(sql_text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def _append_views(conn: Connection, viewer: EventViewer, event_ids: Sequence[int]) -> None:
    members = _members(conn, list(event_ids))
    now = _now()
    for event_id in event_ids:
        if members.get(event_id):
            ev = viewer.view(event_id, members[event_id])
            conn.execute(insert(s.event_views).values(**view_columns(ev, members[event_id]), event_id=event_id,
                                                      version=viewer.version, created_at=now))


def view_columns(ev: Event, members: Sequence[EventMember]) -> dict[str, Any]:
    """The indexed columns of an event's view: what filters and sorts read without the JSON."""
    place = ev.place
    keys = [place.country, place.iso3166_2, place.name] if place else []
    best = {k: m.best for k, m in ev.measures.items()}
    known = sorted(d for m in members if (d := m.published or (m.ingested_at or "")[:10]))
    return {
        "articles": len(ev.articles), "outlets": len(ev.outlets), "date": ev.date, "kind": ev.kind,
        "place_name": place.name if place else None, "country": place.country if place else None,
        "region": place.iso3166_2 if place else None, "lat": place.lat if place else None,
        "lon": place.lon if place else None, "place_keys": _keys(k.lower() for k in keys if k),
        "killed": best.get("killed"), "injured": best.get("injured"),
        "measures": _keys(k for k, b in best.items() if b is not None), "flags": len(ev.flags),
        "flag_kinds": _keys(f.kind for f in ev.flags), "known_from": known[0] if known else None,
        "known_until": known[-1] if known else None, "view": ev.to_dict(),
    }


def _keys(values: Any) -> str:
    return "|" + "".join(f"{v}|" for v in dict.fromkeys(values))


def _index_text(conn: Connection, article_id: int, title: str | None, text: str) -> None:
    """The article in the full-text index (SQLite FTS5; PostgreSQL indexes the table itself)."""
    if conn.dialect.name == "sqlite":
        conn.execute(sql_text(f"INSERT INTO {s.FTS_TABLE}(rowid, title, text) VALUES (:id, :title, :text)"),
                     {"id": article_id, "title": title or "", "text": text})


def _finite(x: float | None) -> float | None:
    return x if x is not None and abs(x) != float("inf") and x == x else None


def _shift(day: str | None, days: int) -> str | None:
    from datetime import date, timedelta

    try:
        return (date.fromisoformat(day) + timedelta(days=days)).isoformat() if day else None
    except ValueError:
        return None


def _candidate_ids(conn: Connection, keys: Sequence[EventKey]) -> list[int]:
    """Events filed under any of ``keys`` within its date window, newest first (bounded)."""
    k = s.event_keys.c
    found: dict[int, None] = {}
    for key in keys:
        q = select(k.event_id).where(k.key == key.key)
        lo, hi = _shift(key.date, -key.window), _shift(key.date, key.window)
        if lo and hi:
            q = q.where(k.date.between(lo, hi))
        for r in conn.execute(q.order_by(k.id.desc()).limit(MAX_CANDIDATES)):
            found.setdefault(r.event_id, None)
    return sorted(found, reverse=True)[:MAX_CANDIDATES]


def _members(conn: Connection, event_ids: Sequence[int] | None) -> dict[int, list[EventMember]]:
    el, a, ae = s.event_links.c, s.articles.c, s.article_events.c
    latest = select(func.max(el.id)).group_by(el.article_id)
    q = (select(el.event_id, a.id, a.uri, a.outlet, a.published, a.ingested_at, a.title, a.duplicate_of,
                ae.summary)
         .select_from(s.event_links.join(s.articles, el.article_id == a.id)
                      .outerjoin(s.article_events, ae.article_id == a.id))
         .where(el.id.in_(latest)).order_by(a.id))
    if event_ids is not None:
        if not event_ids:
            return {}
        q = q.where(el.event_id.in_(list(event_ids)))
    out: dict[int, list[EventMember]] = {}
    for r in conn.execute(q):
        ev = ArticleEvent.from_dict(r.summary) if r.summary else ArticleEvent()
        out.setdefault(r.event_id, []).append(EventMember(
            article_id=r.id, event=ev, uri=r.uri, outlet=r.outlet, published=r.published,
            ingested_at=r.ingested_at, title=r.title, copy_of=r.duplicate_of))
    return out


def _body(text: str, removed: list[dict[str, Any]]) -> str:
    spans = tuple(Removal(r["start"], r["end"], r["reason"]) for r in removed)
    return CleanArticle(uri="", text=text, removed=spans).body


def _shown(url: str) -> str:
    """The URL as messages may show it: never its password."""
    try:
        return make_url(url).render_as_string(hide_password=True) if "://" in url else url
    except ArgumentError:
        return "<ledger URL>"


def _sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL or plain path; None for other databases and in-memory SQLite."""
    if "://" not in url:
        return Path(url)
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        return Path(url.removeprefix("sqlite:///"))
    return None


def _span_cols(prefix: str, span: Span | None) -> dict[str, Any]:
    if span is None:
        return {f"{prefix}_text": None, f"{prefix}_start": None, f"{prefix}_end": None}
    return {f"{prefix}_text": span.text, f"{prefix}_start": span.start, f"{prefix}_end": span.end}
