"""The query layer's SQL: each resource's filters, sorts and keyset pages, in the database.

A page costs what its rows cost, not what the ledger holds: filters are SQL predicates, sorts
follow indexes, and a page starts after the previous page's last row (a keyset cursor: the sort
value and the row's id), never at an offset. Rows are plain dicts, as JSON shows them.

Resources: ``figures``, ``claims``, ``claimants``, ``articles``, ``places`` here; ``events`` and
``flags`` read the stored event views (:func:`event_view_page`); the service adds what analysts'
decisions change.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    String,
    Text,
    and_,
    case,
    cast,
    column,
    func,
    literal,
    literal_column,
    or_,
    select,
    table,
    true,
)

from claimledger.errors import QueryError
from claimledger.ledger import schema as s
from claimledger.records import Query

MAX_LIMIT = 1000


# -- cursors ---------------------------------------------------------------------------------------

def encode_cursor(key: Any, tie: Any) -> str:
    """An opaque, URL-safe cursor for the row with sort value ``key`` and id ``tie``."""
    raw = json.dumps([key, tie], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> tuple[Any, Any] | None:
    if not cursor:
        return None
    try:
        key, tie = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (ValueError, TypeError) as exc:
        raise QueryError(f"after={cursor[:40]!r}: not a cursor this ledger gave") from exc
    return key, tie


# -- keyset pages ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Sort:
    """A resource's sort: the column and the unique id that breaks ties."""

    key: Any
    tie: Any
    nullable: bool = True


def beyond(key: Any, kv: Any, desc: bool, nullable: bool = True) -> ColumnElement[bool]:
    """Rows whose sort value comes strictly after ``kv`` (empty values sort lowest)."""
    if kv is None:
        return false_() if desc else (key.is_not(None) if nullable else true())
    if desc:
        return or_(key < kv, key.is_(None)) if nullable else key < kv
    return key > kv


def same(key: Any, kv: Any) -> ColumnElement[bool]:
    return key.is_(None) if kv is None else key == kv


def after(key: Any, tie: Any, desc: bool, cursor: tuple[Any, Any] | None, nullable: bool = True
          ) -> ColumnElement[bool]:
    """Rows after the cursor's row in ``key, tie`` order."""
    if cursor is None:
        return true()
    kv, tv = cursor
    next_tie = (tie < tv) if desc else (tie > tv)
    if key is tie:
        return next_tie
    return or_(beyond(key, kv, desc, nullable), and_(same(key, kv), next_tie))


def is_current(views: Any) -> ColumnElement[bool]:
    """The row is its event's newest view (no later row for the same event): an index probe."""
    newer = views.alias("newer")
    return ~select(newer.c.id).where(newer.c.event_id == views.c.event_id, newer.c.id > views.c.id).exists()


def ordered(q: Select, sort: Sort, desc: bool) -> Select:
    if sort.key is sort.tie:
        return q.order_by(sort.tie.desc() if desc else sort.tie.asc())
    key = sort.key.desc().nulls_last() if desc else sort.key.asc().nulls_first()
    return q.order_by(key, sort.tie.desc() if desc else sort.tie.asc())


def keyset_page(conn: Connection, q: Select, sort: Sort, query: Query) -> tuple[list[dict[str, Any]], str | None]:
    """The page of ``q`` the query asks for, and the cursor of the page after it (or None).

    When the tie is a table's primary key the page is found in two steps (a deferred join): the
    sort keys and ids of the page's rows first, then the whole rows of those ids only. A filter
    that keeps many rows then sorts narrow (key, id) pairs, not every wide row with its
    correlated columns (the figure's event, sentence, claim)."""
    limit = max(1, min(query.limit, MAX_LIMIT))
    q = q.where(after(sort.key, sort.tie, query.desc, decode_cursor(query.after), sort.nullable))
    deferred = bool(getattr(sort.tie, "primary_key", False))
    more = False
    if deferred:
        ids, more = page_ids(conn, q, sort, query.desc, limit)
        if not ids:
            return [], None
        q = q.where(sort.tie.in_(ids))
    q = ordered(q.add_columns(sort.key.label("_key"), sort.tie.label("_tie")), sort, query.desc).limit(limit + 1)
    rows = [dict(r._mapping) for r in conn.execute(q)]
    more = more if deferred else len(rows) > limit
    rows = rows[:limit]
    cursor = encode_cursor(rows[-1]["_key"], rows[-1]["_tie"]) if more and rows else None
    for r in rows:
        r.pop("_key")
        r.pop("_tie")
    return rows, cursor


def page_ids(conn: Connection, q: Select, sort: Sort, desc: bool, limit: int) -> tuple[list[Any], bool]:
    """The ids of the page's rows (``q``'s filters and joins, only the sort key and id selected)
    and whether more rows follow."""
    keys = q.with_only_columns(sort.key.label("_key"), sort.tie.label("_tie"), maintain_column_froms=True)
    found = conn.execute(ordered(keys, sort, desc).limit(limit + 1)).all()
    return [r._tie for r in found[:limit]], len(found) > limit


def sort_of(resource: str, sorts: dict[str, Sort], query: Query, default: str) -> Sort:
    name = query.sort or default
    if name not in sorts:
        raise QueryError(f"{resource}: cannot sort by {name!r} (one of {', '.join(sorts)})")
    return sorts[name]


# -- filters shared by the resources ---------------------------------------------------------------

def fts_phrase(text: str) -> str:
    """Words of a search as an FTS5 query: each word quoted, all required (no query syntax)."""
    words = re.findall(r"\w+", text)
    return " ".join('"' + w.replace('"', '""') + '"' for w in words)


def matching_text(conn: Connection, text: str) -> Any:
    """Article ids whose title or text holds every word of ``text`` (a subquery)."""
    a = s.articles.c
    if conn.dialect.name == "sqlite":
        phrase = fts_phrase(text)
        if not phrase:
            return select(a.id).where(false_())
        fts = table(s.FTS_TABLE, column("rowid"))
        return select(fts.c.rowid).where(literal_column(s.FTS_TABLE).op("MATCH")(phrase))
    vector = func.to_tsvector("english", func.coalesce(a.title, "") + " " + a.text)
    return select(a.id).where(vector.op("@@")(func.websearch_to_tsquery("english", text)))


def false_() -> ColumnElement[bool]:
    return literal(1) == literal(0)


def place_match(country: Any, iso: Any, name: Any, place: str) -> ColumnElement[bool]:
    """A place column set that is ``place`` or lies inside it: its country code, ISO 3166-2 code or name."""
    want = place.strip().lower()
    return or_(func.lower(country) == want, func.lower(iso) == want, func.lower(name) == want,
               name == place.strip())


def contains(col: Any, words: str) -> ColumnElement[bool]:
    return func.lower(col).contains(words.strip().lower(), autoescape=True)


def claimant_col(c: Any) -> Any:
    return func.coalesce(c.speaker, c.source_text)


def article_filters(conn: Connection, query: Query, a: Any, kind_of: Any | None = None) -> list[ColumnElement[bool]]:
    """The filters every article-backed resource shares: outlet, publication dates, text, kind."""
    out: list[ColumnElement[bool]] = []
    if query.outlet:
        out.append(func.lower(a.outlet) == query.outlet.strip().lower())
    if query.q:
        out.append(a.id.in_(matching_text(conn, query.q)))
    if query.kind and kind_of is not None:
        out.append(kind_of == query.kind)
    return out


def dated(col: Any, query: Query) -> list[ColumnElement[bool]]:
    out: list[ColumnElement[bool]] = []
    if query.since:
        out.append(col >= query.since)
    if query.until:
        out.append(col <= query.until)
    return out


def latest_event() -> Any:
    """An article's event (the machine's newest link), as a correlated scalar."""
    el = s.event_links.c
    return (select(el.event_id).where(el.article_id == s.articles.c.id).order_by(el.id.desc()).limit(1)
            .correlate(s.articles).scalar_subquery())


# -- figures ---------------------------------------------------------------------------------------

def figures_page(conn: Connection, query: Query) -> tuple[list[dict[str, Any]], str | None]:
    """Figures with their claim, article, place and event: filters measure, place (sub-places
    included), claimant, outlet, kind, dates (when the figure holds), text."""
    f, c, a, p, ae = s.figures, s.claims, s.articles, s.places, s.article_events
    when = case((and_(f.c.date.is_not(None), ~f.c.date.startswith("--")), f.c.date), else_=a.c.published)
    q = (select(f.c.id, f.c.article_id, f.c.idx, f.c.measure, f.c.low, f.c.high, f.c.point, f.c.qualifier,
                f.c.span_text, f.c.start, f.c.end, f.c.subject_text.label("subject"), f.c.date, when.label("when"),
                c.c.source_text.label("source"), c.c.speaker, claimant_col(c.c).label("who"), c.c.hedged,
                a.c.outlet, a.c.published, a.c.uri, a.c.url, a.c.title, p.c.name.label("place"),
                p.c.country, p.c.iso3166_2.label("place_iso"), p.c.lat, p.c.lon,
                f.c.sentence_text.label("sentence"), f.c.ratio, latest_event().label("event_id"))
         .select_from(f.join(a, f.c.article_id == a.c.id).outerjoin(c, f.c.claim_id == c.c.id)
                      .outerjoin(p, f.c.place_id == p.c.id).outerjoin(ae, ae.c.article_id == a.c.id)))
    where = article_filters(conn, query, a.c, ae.c.kind) + dated(when, query)
    if query.measure:
        where.append(f.c.measure == query.measure)
    if query.place:
        where.append(place_match(p.c.country, p.c.iso3166_2, p.c.name, query.place))
    if query.claimant:
        where.append(contains(claimant_col(c.c), query.claimant))
    sorts = {"id": Sort(f.c.id, f.c.id), "measure": Sort(f.c.measure, f.c.id, nullable=False),
             "low": Sort(f.c.low, f.c.id), "high": Sort(f.c.high, f.c.id), "published": Sort(a.c.published, f.c.id),
             "outlet": Sort(a.c.outlet, f.c.id)}
    rows, cursor = keyset_page(conn, q.where(*where), sort_of("figures", sorts, query, "id"), query)
    for r in rows:
        r["who"] = r["who"] or "(unattributed)"
        r["hedged"] = bool(r["hedged"])
    return rows, cursor


# -- claims and claimants --------------------------------------------------------------------------

def claims_page(conn: Connection, query: Query) -> tuple[list[dict[str, Any]], str | None]:
    """Claims with their article: filters claimant, outlet, kind, publication dates, text."""
    c, a, ae = s.claims, s.articles, s.article_events
    q = (select(c.c.id, c.c.article_id, c.c.idx, claimant_col(c.c).label("claimant"), c.c.source_text,
                c.c.speaker, c.c.cue_text, c.c.content, c.c.hedged, c.c.hedges, c.c.certainty, a.c.outlet,
                a.c.published, a.c.uri, a.c.url, a.c.title, latest_event().label("event_id"))
         .select_from(c.join(a, c.c.article_id == a.c.id).outerjoin(ae, ae.c.article_id == a.c.id)))
    where = article_filters(conn, query, a.c, ae.c.kind) + dated(a.c.published, query)
    if query.claimant:
        where.append(contains(claimant_col(c.c), query.claimant))
    if query.measure:
        f = s.figures.c
        where.append(c.c.id.in_(select(f.claim_id).where(f.measure == query.measure)))
    sorts = {"id": Sort(c.c.id, c.c.id), "published": Sort(a.c.published, c.c.id),
             "claimant": Sort(claimant_col(c.c), c.c.id)}
    rows, cursor = keyset_page(conn, q.where(*where), sort_of("claims", sorts, query, "id"), query)
    for r in rows:
        r["hedged"] = bool(r["hedged"])
        r["content_text"] = " … ".join(p["text"] for p in r["content"] or ())
    return rows, cursor


def claimants_page(conn: Connection, query: Query) -> tuple[list[dict[str, Any]], str | None]:
    """Who is quoted: each claimant's claims, figures, articles and outlets, first and last dates."""
    c, a, f = s.claims, s.articles, s.figures
    who = claimant_col(c.c)
    base = select(c.c.id, c.c.article_id, who.label("claimant"), a.c.outlet, a.c.published).select_from(
        c.join(a, c.c.article_id == a.c.id)).where(who.is_not(None))
    where = article_filters(conn, query, a.c) + dated(a.c.published, query)
    if query.claimant:
        where.append(contains(who, query.claimant))
    inner = base.where(*where).subquery()
    figs = select(func.count()).where(f.c.claim_id == inner.c.id).scalar_subquery()
    grouped = (select(inner.c.claimant, func.count().label("claims"),
                      func.sum(figs).label("figures"),
                      func.count(inner.c.article_id.distinct()).label("articles"),
                      func.count(inner.c.outlet.distinct()).label("outlets"),
                      func.min(inner.c.published).label("first_published"),
                      func.max(inner.c.published).label("last_published"))
               .group_by(inner.c.claimant).subquery())
    g = grouped.c
    sorts = {"claims": Sort(g.claims, g.claimant, nullable=False), "claimant": Sort(g.claimant, g.claimant),
             "last_published": Sort(g.last_published, g.claimant)}
    q = select(g.claimant, g.claims, g.figures, g.articles, g.outlets, g.first_published, g.last_published)
    default_desc = query if query.sort else Query(**{**query.__dict__, "desc": True})
    rows, cursor = keyset_page(conn, q, sort_of("claimants", sorts, query, "claims"), default_desc)
    for r in rows:
        r["figures"] = int(r["figures"] or 0)
    return rows, cursor


# -- articles and places ---------------------------------------------------------------------------

def articles_page(conn: Connection, query: Query) -> tuple[list[dict[str, Any]], str | None]:
    """Stored articles (no text): filters outlet, kind, place, claimant, publication dates, text."""
    a, ae = s.articles, s.article_events
    cols = [col for col in a.c if col.name not in ("text", "removed", "raw_hash", "body_hash")]
    q = select(*cols, ae.c.kind, ae.c.date.label("event_date"), latest_event().label("event_id")).select_from(
        a.outerjoin(ae, ae.c.article_id == a.c.id))
    where = article_filters(conn, query, a.c, ae.c.kind) + dated(a.c.published, query)
    if query.place:
        p = s.places.c
        where.append(a.c.id.in_(select(p.article_id).where(place_match(p.country, p.iso3166_2, p.name,
                                                                        query.place))))
    if query.claimant:
        c = s.claims.c
        where.append(a.c.id.in_(select(c.article_id).where(contains(claimant_col(c), query.claimant))))
    if query.measure:
        f = s.figures.c
        where.append(a.c.id.in_(select(f.article_id).where(f.measure == query.measure)))
    sorts = {"id": Sort(a.c.id, a.c.id), "published": Sort(a.c.published, a.c.id), "outlet": Sort(a.c.outlet, a.c.id),
             "title": Sort(a.c.title, a.c.id)}
    return keyset_page(conn, q.where(*where), sort_of("articles", sorts, query, "id"), query)


def places_page(conn: Connection, query: Query) -> tuple[list[dict[str, Any]], str | None]:
    """Places the articles name (resolved ones), each with its mentions and articles."""
    p, a = s.places, s.articles
    key = func.coalesce(cast(p.c.geonames_id, String), p.c.name + "|" + func.coalesce(p.c.country, ""))
    base = select(p.c.id, p.c.article_id, p.c.name, p.c.country, p.c.iso3166_2, p.c.lat, p.c.lon, p.c.kind,
                  p.c.geonames_id, key.label("place_key")).select_from(p.join(a, p.c.article_id == a.c.id))
    where = [p.c.name.is_not(None)] + article_filters(conn, query, a.c) + dated(a.c.published, query)
    if query.place:
        where.append(place_match(p.c.country, p.c.iso3166_2, p.c.name, query.place))
    inner = base.where(*where).subquery()
    i = inner.c
    grouped = (select(i.place_key, func.min(i.name).label("name"), func.min(i.country).label("country"),
                      func.min(i.iso3166_2).label("iso3166_2"), func.avg(i.lat).label("lat"),
                      func.avg(i.lon).label("lon"), func.min(i.kind).label("kind"),
                      func.min(i.geonames_id).label("geonames_id"), func.count().label("mentions"),
                      func.count(i.article_id.distinct()).label("articles"))
               .group_by(i.place_key).subquery())
    g = grouped.c
    sorts = {"mentions": Sort(g.mentions, g.place_key, nullable=False), "name": Sort(g.name, g.place_key)}
    q = select(g.place_key, g.name, g.country, g.iso3166_2, g.lat, g.lon, g.kind, g.geonames_id, g.mentions,
               g.articles)
    default_desc = query if query.sort else Query(**{**query.__dict__, "desc": True})
    return keyset_page(conn, q, sort_of("places", sorts, query, "mentions"), default_desc)


# -- events: the stored views --------------------------------------------------------------------------

EVENT_SORTS = ("id", "date", "killed", "injured", "reports", "place")


def _event_sort(v: Any, name: str) -> Sort:
    cols = {"id": v.event_id, "date": v.date, "killed": v.killed, "injured": v.injured, "reports": v.articles,
            "place": v.place_name}
    if name not in cols:
        raise QueryError(f"events: cannot sort by {name!r} (one of {', '.join(EVENT_SORTS)})")
    return Sort(cols[name], v.event_id, nullable=name not in ("id", "reports"))


def event_filters(conn: Connection, query: Query, v: Any) -> list[ColumnElement[bool]]:
    """What the stored views answer directly, and the article-level filters through their links."""
    out: list[ColumnElement[bool]] = dated(v.date, query)
    if query.measure:
        out.append(v.measures.contains(f"|{query.measure}|", autoescape=True))
    if query.place:
        out.append(v.place_keys.contains(f"|{query.place.strip().lower()}|", autoescape=True))
    if query.kind:
        out.append(v.kind == query.kind)
    if query.flag:
        out.append(v.flag_kinds.contains(f"|{query.flag}|", autoescape=True))
    articles = matching_articles(conn, query)
    if articles is not None:
        el = s.event_links.c
        # "+ 0": not an index lookup per linked event (a common word links most events, whose rows
        # would then all be sorted), but a membership test while the sort's index is walked
        out.append((v.event_id + 0).in_(select(el.event_id).where(el.article_id.in_(articles))))
    return out


def matching_articles(conn: Connection, query: Query) -> Any | None:
    """Articles matching the query's article-level filters (outlet, claimant, text), a subquery;
    None when it has none: an event matches when any of its articles does."""
    if not (query.outlet or query.claimant or query.q):
        return None
    if query.q and not (query.outlet or query.claimant):
        return matching_text(conn, query.q)  # the text index's ids themselves
    a = s.articles.c
    where = article_filters(conn, Query(outlet=query.outlet, q=query.q), a)
    if query.claimant:
        c = s.claims.c
        where.append(a.id.in_(select(c.article_id).where(contains(claimant_col(c), query.claimant))))
    return select(a.id).where(*where)


def current_views(exclude: Sequence[int]) -> tuple[Any, Select]:
    """The current views but those in ``exclude``."""
    v = s.event_views
    q = select(v.c.event_id, v.c.view).where(is_current(v))
    if exclude:
        q = q.where(v.c.event_id.not_in(list(exclude)))
    return v.c, q


def event_view_page(conn: Connection, query: Query, exclude: Sequence[int], cursor: tuple[Any, Any] | None
                    ) -> list[tuple[Any, int, str]]:
    """(sort value, event id, stored view as JSON text) of the page's events after ``cursor``
    (sort value, event id; ids of split events, '3.12', sort after 3), one row more than the
    page: events in ``exclude`` (those analysts' decisions touch) are left to the service."""
    v, q = current_views(exclude)
    sort = _event_sort(v, query.sort or "id")
    limit = max(1, min(query.limit, MAX_LIMIT))
    q = q.with_only_columns(v.id, v.event_id, sort.key.label("_key")).where(*event_filters(conn, query, v))
    if cursor is not None:
        key, tie = cursor
        first, split = int(str(tie).split(".")[0]), "." in str(tie)
        # (e,) comes after the cursor's id: e > first ascending; e < first, or e == first under a
        # split id ('3.12' sorts after 3), descending
        tie_after = or_(v.event_id < first, and_(v.event_id == first, literal(split))) if query.desc \
            else v.event_id > first
        if sort.key is sort.tie:
            q = q.where(tie_after)
        else:
            q = q.where(or_(beyond(sort.key, key, query.desc, sort.nullable), and_(same(sort.key, key), tie_after)))
    found = conn.execute(ordered(q, sort, query.desc).limit(limit + 1)).all()
    views = stored_views(conn, [r.id for r in found])  # a deferred join: the wide views of the page's rows only
    return [(r._key, r.event_id, views[r.id]) for r in found]


def stored_views(conn: Connection, ids: Sequence[int]) -> dict[int, str]:
    """Stored views by their row id, as their JSON text."""
    v = s.event_views.c
    if not ids:
        return {}
    return {r.id: r.view for r in conn.execute(select(v.id, cast(v.view, Text).label("view")).where(v.id.in_(ids)))}


def all_event_views(conn: Connection, exclude: Sequence[int]) -> list[dict[str, Any]]:
    """Every stored current view but those in ``exclude``, in event order."""
    v, q = current_views(exclude)
    return [r.view for r in conn.execute(q.order_by(v.event_id))]


def flagged_views(conn: Connection, query: Query, exclude: Sequence[int], after_event: int | None, limit: int
                  ) -> list[dict[str, Any]]:
    """Stored views of events with flags (filtered as events are), in event order after ``after_event``."""
    v, q = current_views(exclude)
    q = q.where(v.flags > 0, *event_filters(conn, query, v))
    if after_event is not None:
        q = q.where(v.event_id >= after_event)
    return [r.view for r in conn.execute(q.order_by(v.event_id).limit(limit))]
