"""The ledger: append-only storage of extractions with provenance to the character.

``Ledger`` exposes ``append`` and read queries only. Every write goes through ``_write`` (one
transaction), the way Datasette funnels writes through ``execute_write_fn``. The database
itself refuses UPDATE and DELETE (triggers created by the first migration).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
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

from claimledger.errors import LedgerError
from claimledger.ledger import schema as s
from claimledger.records import (
    ArticleEvent,
    CleanArticle,
    EventCandidate,
    EventChoice,
    EventKey,
    EventMember,
    Extraction,
    FigureEntry,
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


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA busy_timeout=10000")  # first: a racing first open holds the file while it sets WAL
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA recursive_triggers=ON")  # REPLACE's implicit delete fires the DELETE trigger
    cur.close()


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
               keys: Sequence[EventKey] = (), choose: Chooser | None = None) -> AppendResult:
        """Store one extraction. The same input twice is stored once; a copy of a stored story
        (same body, another outlet) is stored as a pointer to it with no claims of its own.
        ``copy_of(body)`` may find near copies (syndication) and return (article id, containment).
        The input's identity is ``article.source_hash``, else :func:`source_hash` of ``raw_text``.
        With ``choose``, the article is filed in an event in the same transaction: the stored
        events under ``keys`` are its candidates and ``choose`` picks one (or a new event); a
        copy joins its original's event.
        """
        art = extraction.article
        raw_hash = art.source_hash or source_hash(art.uri, art.outlet, raw_text if raw_text is not None else art.text)
        body_hash = body_identity(art)
        def write(conn: Connection) -> AppendResult:
            res = self._append(conn, extraction, raw_hash, body_hash, copy_of)
            if choose is not None and res.status == "copy" and res.duplicate_of is not None:
                self._link_copy(conn, res.article_id, res.duplicate_of)
            elif choose is not None and res.status == "stored" and extraction.event is not None:
                self._file_event(conn, res.article_id, extraction.event, keys, choose)
            return res

        try:
            return self._write(write)
        except LedgerError:
            known = self.find_hash(raw_hash)  # another process stored the same input meanwhile
            if known is not None:
                return AppendResult(known, "already stored")
            return self._write(write)  # or the same story as an original: now it is a copy

    def _append(self, conn: Connection, extraction: Extraction, raw_hash: str, body_hash: str,
                copy_of: Callable[[str], tuple[int, float] | None] | None) -> AppendResult:
        art = extraction.article
        a = s.articles.c
        found = conn.execute(select(a.id).where(a.raw_hash == raw_hash)).first()
        if found:
            return AppendResult(found.id, "already stored")
        original = conn.execute(
            select(a.id, a.uri).where(a.body_hash == body_hash, a.duplicate_of.is_(None)).order_by(a.id).limit(1)
        ).first()
        if original and original.uri == art.uri:  # the same page fetched again (a new nonce, say)
            return AppendResult(original.id, "already stored")
        dup, containment = (original.id, 1.0) if original else (None, None)
        if dup is None and copy_of is not None:
            near = copy_of(art.body)
            if near:
                dup, containment = near
        article_id = self._insert_article(conn, extraction, raw_hash, body_hash, dup, containment)
        if dup is not None:
            return AppendResult(article_id, "copy", dup)
        self._insert_children(conn, article_id, extraction)
        return AppendResult(article_id, "stored")

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
    def _insert_children(conn: Connection, article_id: int, ex: Extraction) -> None:
        claim_ids: list[int] = []
        for i, c in enumerate(ex.claims):
            res = conn.execute(insert(s.claims).values(
                article_id=article_id, idx=i, **_span_cols("source", c.source), **_span_cols("cue", c.cue),
                content=[p.to_dict() for p in c.content], hedged=c.hedged, hedges=list(c.hedges),
                speaker=c.speaker, certainty=c.certainty,
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
                    choose: Chooser) -> None:
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

    @staticmethod
    def _link_copy(conn: Connection, article_id: int, original: int) -> None:
        el = s.event_links.c
        row = conn.execute(select(el.event_id).where(el.article_id == original).order_by(el.id.desc()).limit(1)).first()
        if row is not None:
            conn.execute(insert(s.event_links).values(article_id=article_id, event_id=row.event_id, score=None,
                                                      basis="copy", features={}, created_at=_now()))

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

    def count(self, table: str) -> int:
        t = s.metadata.tables[table]
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(t)).scalar_one())

    def articles(self) -> list[dict[str, Any]]:
        """Every stored article (without its text), oldest first."""
        cols = [c for c in s.articles.c if c.name not in ("text", "removed")]
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(select(*cols).order_by(s.articles.c.id))]

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
        return [
            FigureEntry(
                id=r["id"], article_id=r["article_id"], measure=r["measure"], low=r["low"], high=r["high"],
                qualifier=r["qualifier"], span_text=r["span_text"], start=r["start"], end=r["end"],
                point=r["point"], subject=r["subject_text"], date=r["date"], source=r["source_text"],
                speaker=r["speaker"], hedged=bool(r["hedged"]), outlet=r["outlet"],
                published=r["published"], uri=r["uri"], title=r["title"], place=r["place_name"],
                country=r["place_country"], sentence=r["sentence_text"], ratio=r["ratio"],
                place_iso=r["place_iso"],
            )
            for r in self.figure_rows(article_id)
        ]

    def copies(self) -> dict[int, list[dict[str, Any]]]:
        """Original article id -> the stored copies of it (syndication)."""
        out: dict[int, list[dict[str, Any]]] = {}
        for row in self.articles():
            if row["duplicate_of"] is not None:
                out.setdefault(row["duplicate_of"], []).append(row)
        return out

    def flags(self) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(select(s.flags).order_by(s.flags.c.id))]

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


MIGRATION_LOCK = 0x636C6D67  # PostgreSQL advisory lock key held while migrating ("clmg")


def _migration_lock(conn: Connection) -> None:
    """Hold the database's migration lock until ``conn``'s transaction ends."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("BEGIN IMMEDIATE")  # waits up to busy_timeout for another writer
    elif conn.dialect.name == "postgresql":
        conn.execute(sql_text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


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
