"""The core object, like Datasette's app.py: settings, model, gazetteer and ledger in one place.

Every face (CLI, Python API, REST API, web UI, Spark job) calls these methods; this is the only
module that knows the order of the stages.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimledger.clean import OutletLines, clean_article, with_outlet_lines
from claimledger.config import Settings
from claimledger.errors import AdjudicationError, ClaimLedgerError, ExtractionFailed, QueryError, from_message
from claimledger.ingest import ingest, read_file, vetted, vetted_failure
from claimledger.limits import bounded
from claimledger.recent import Recent
from claimledger.records import (
    CleanArticle,
    Event,
    EventCandidate,
    EventChoice,
    EventKey,
    EventQuery,
    EventViewer,
    Extraction,
    Failure,
    Page,
    Query,
    RawArticle,
    Reconciliation,
    Removal,
    source_hash,
)

if TYPE_CHECKING:
    from claimledger.clean.syndication import SyndicationIndex
    from claimledger.events import Lexicon
    from claimledger.extract import Extractor
    from claimledger.ledger import Ledger


class Service:
    """One per run. The spaCy model and gazetteer load on first use, once."""

    batch_size = 32  # articles parsed together; ``load`` replays ``ingest``'s batches

    def __init__(self, settings: Settings | None = None, *, create_ledger: bool = True) -> None:
        """``create_ledger=False`` (report, serve) refuses a SQLite ledger that does not exist."""
        self.settings = settings or Settings()
        self.create_ledger = create_ledger

    @cached_property
    def ledger(self) -> Ledger:
        from claimledger.ledger import Ledger

        return Ledger(self.settings.db_url, create=self.create_ledger)

    @cached_property
    def syndication(self) -> SyndicationIndex:
        """Near-copy index over the ledger's original articles (built on first ingest)."""
        from claimledger.clean.syndication import SyndicationIndex

        index = SyndicationIndex()
        for article_id, body in self.ledger.bodies():
            index.add(str(article_id), body)
        return index

    @cached_property
    def outlet_lines(self) -> OutletLines:
        """Per-outlet furniture lines, learned from the ledger's articles and from this run's."""
        memory = OutletLines()
        for outlet, text in self.ledger.outlet_texts():
            memory.learn(outlet, text)
        return memory

    def _copy_of(self, body: str) -> tuple[int, float] | None:
        found = self.syndication.find(body, within=True)
        return (int(found[0][0]), found[0][1]) if found else None

    @cached_property
    def extractor(self) -> Extractor:
        from claimledger.extract import Extractor, Gazetteer, build_nlp

        return Extractor(build_nlp(self.settings.models), Gazetteer.load())

    # -- stages over local files -------------------------------------------------------------
    def read(self, path: str | Path, stdin: bytes | None = None) -> RawArticle:
        """One local file as read (``-``: ``stdin``, HTML or plain text by its first characters)."""
        if str(path) == STDIN and stdin is not None:
            return vetted(_stdin_article(stdin, self.settings.max_bytes))
        return read_file(Path(path), self.settings.max_bytes)

    def clean_raw(self, raw: RawArticle, published: date | None = None, outlet: str | None = None
                  ) -> CleanArticle:
        """Clean one input; ``published`` and ``outlet`` fill in only what the input (its own
        fields, an HTML page's markup) does not say."""
        return with_defaults(clean_article(raw, self.settings), published, outlet)

    def clean_paths(self, paths: Iterable[str | Path], published: date | None = None,
                    stdin: bytes | None = None) -> Iterator[CleanArticle | Failure]:
        """Clean each path in order (``-`` reads ``stdin``); a bad input yields a Failure and the run goes on."""
        for path in paths:
            try:
                yield self.clean_raw(self.read(path, stdin), published)
            except ClaimLedgerError as exc:
                yield vetted_failure(Failure(str(path), str(exc)))  # a path may hold a lone surrogate

    def extract_articles(self, items: Iterable[CleanArticle | Failure]
                         ) -> Iterator[Extraction | Failure]:
        """Extract from clean articles in batches, passing failures through in order."""
        pending: list[CleanArticle | Failure] = []
        for item in items:
            pending.append(item)
            if len(pending) >= self.batch_size:
                yield from self._extract_batch(pending)
                pending = []
        yield from self._extract_batch(pending)

    def _extract_batch(self, batch: list[CleanArticle | Failure]) -> Iterator[Extraction | Failure]:
        """Parse the batch's articles together; anything else passes through in its place."""
        arts = [a for a in batch if isinstance(a, CleanArticle)]
        # each article within the work bounds of settings.extract_limits (claimledger.limits)
        done = bounded(self.extractor, arts, self.settings.extract_limits, self._finish) if arts else iter(())
        for item in batch:
            yield next(done) if isinstance(item, CleanArticle) else item

    @cached_property
    def lexicon(self) -> Lexicon:
        from claimledger.events import Lexicon

        return Lexicon()

    def _finish(self, item: Extraction | Failure) -> Extraction | Failure:
        """Add the flags within one article (reconcile stage) and its main happening (events stage)."""
        if isinstance(item, Failure):
            return item
        from claimledger.events import article_event
        from claimledger.reconcile import article_flags

        extra = article_flags(item.claims, item.figures, item.article.text)
        item = replace(item, flags=item.flags + tuple(extra))
        try:
            return replace(item, event=article_event(item, self.lexicon))
        except Exception as exc:  # noqa: BLE001 - one bad article must not stop a corpus run
            return Failure(item.article.uri, f"[{ExtractionFailed.code}] {item.article.uri}: events failed "
                                             f"({type(exc).__name__}: {str(exc)[:120]})")

    def extract_one(self, article: CleanArticle) -> Extraction | Failure:
        """Extract from one clean article (flags inside the article included)."""
        return next(self._extract_batch([article]))

    def extract_paths(self, paths: Iterable[str | Path], published: date | None = None,
                      stdin: bytes | None = None) -> Iterator[Extraction | Failure]:
        return self.extract_articles(self.clean_paths(paths, published, stdin))

    # -- the main job: sources -> ledger ------------------------------------------------------
    def raw_articles(self, specs: Iterable[str], stdin: bytes | None = None) -> Iterator[RawArticle | Failure]:
        """Every article in the given files, folders, URLs, feeds, WARCs and JSONL files, as
        read (``-``: ``stdin``, as JSONL, a feed, HTML or plain text by its first characters)."""
        for spec in specs:
            if str(spec) == STDIN and stdin is not None:  # vetted at the boundary, as ingest() vets its own
                yield from (vetted(x) if isinstance(x, RawArticle) else vetted_failure(x)
                            for x in _stdin_articles(stdin, self.settings))
            else:
                yield from ingest(str(spec), self.settings)

    def count_articles(self, specs: Iterable[str]) -> int | None:
        """About how many articles ``ingest`` will read from ``specs`` (for a progress bar's
        total); None when a spec cannot be counted without fetching it (a URL, stdin)."""
        from claimledger.ingest.counting import count_articles

        total = 0
        for spec in specs:
            n = count_articles(str(spec)) if spec != STDIN else None
            if n is None:
                return None
            total += n
        return total

    def ingest(self, specs: Iterable[str], published: date | None = None, outlet: str | None = None,
               stdin: bytes | None = None) -> Iterator[IngestOutcome]:
        """Read, clean, extract and append every article; one outcome per article or failure.
        ``published`` and ``outlet`` fill in only what an input does not say itself."""
        def cleaned() -> Iterator[CleanArticle | Failure]:
            for item in self.raw_articles(specs, stdin):
                if isinstance(item, Failure):
                    yield item
                    continue
                key = input_identity(item, outlet)
                known = self.ledger.find_hash(key)
                if known is not None:
                    yield IngestOutcome(item.uri, "already stored", known)  # type: ignore[misc]
                    continue
                art = self.clean_input(item, self.outlet_lines, published, outlet)
                yield art if isinstance(art, Failure) else replace(art, source_hash=key)

        for item in self.extract_articles(cleaned()):  # type: ignore[arg-type]
            if isinstance(item, IngestOutcome):
                yield item
            elif isinstance(item, Failure):
                yield IngestOutcome(item.uri, "failed", error=item.error)
            else:
                yield self.store(item)

    def clean_input(self, raw: RawArticle, outlet_lines: OutletLines | None = None, published: date | None = None,
                    outlet: str | None = None) -> CleanArticle | Failure:
        """Clean one input as ``ingest`` does (``spark extract`` too): the run's ``published``
        and ``outlet`` where the input says none, then the outlet's furniture; a failure is
        returned, never raised."""
        try:
            art = self.clean_raw(raw, published, outlet)
            return with_outlet_lines(art, outlet_lines) if outlet_lines is not None else art
        except ClaimLedgerError as exc:
            return Failure(raw.uri, str(exc))
        except Exception as exc:  # noqa: BLE001 - one bad input must not end the run
            return Failure(raw.uri, f"[CL008] {raw.uri}: cleaning failed ({type(exc).__name__}: {exc})"[:300])

    def store(self, item: Extraction) -> IngestOutcome:
        """Append one extraction to the ledger and file it in its event (a copy joins its
        original's); what ``ingest`` does after extraction, for any face that extracts elsewhere."""
        if item.event is None:
            finished = self._finish(item)
            if isinstance(finished, Failure):
                return IngestOutcome(finished.uri, "failed", error=finished.error)
            item = finished
        try:
            res = self.ledger.append(item, copy_of=self._copy_of, keys=self._event_keys(item),
                                     choose=self._choose_event(item), viewer=self.viewer)
        except ClaimLedgerError as exc:
            return IngestOutcome(item.article.uri, "failed", error=str(exc))
        stored = res.status == "stored"
        if stored:
            self.syndication.add(str(res.article_id), item.article.body)
            self.outlet_lines.learn(item.article.outlet, item.article.text)
        original = self.ledger.article_meta(res.duplicate_of) if res.status == "copy" and res.duplicate_of else None
        return IngestOutcome(item.article.uri, res.status, res.article_id, res.duplicate_of,
                             claims=len(item.claims) if stored else 0,
                             figures=len(item.figures) if stored else 0,
                             outlet=item.article.outlet if res.status == "copy" else None,
                             original_outlet=original["outlet"] if original else None)

    def load(self, items: Iterable[Prepared | Failure]) -> Iterator[IngestOutcome]:
        """Store extractions made elsewhere (``claimledger spark extract``) as ``ingest`` would
        have stored the same inputs, in input order, one outcome per item.

        Nothing is extracted again except an article whose outlet furniture differs from what
        ``ingest`` would have learned by then (from the originals stored in earlier batches,
        this ledger's included): that one is re-extracted with ``ingest``'s removals."""
        for batch in _ingest_batches(items, self.batch_size):
            ready = [self._as_ingest_cleans(p) if isinstance(p, Prepared) else p for p in batch]
            for item in self._extract_batch(ready):  # type: ignore[arg-type]
                yield (IngestOutcome(item.uri, "failed", error=item.error) if isinstance(item, Failure)
                       else self.store(item))

    def _as_ingest_cleans(self, prepared: Prepared) -> Extraction | CleanArticle:
        """The prepared extraction if ``ingest`` would have cleaned its article the same way
        now, else the article as ``ingest`` would have cleaned it (to extract again)."""
        art = prepared.extraction.article
        expected = with_outlet_lines(replace(art, removed=prepared.clean_removed), self.outlet_lines)
        return prepared.extraction if expected.removed == art.removed else expected

    # -- events ----------------------------------------------------------------------------------
    @staticmethod
    def _event_keys(item: Extraction) -> list[EventKey]:
        from claimledger.events import index_keys

        return index_keys(item.event) if item.event is not None else []

    @staticmethod
    def _choose_event(item: Extraction) -> Callable[[list[EventCandidate]], EventChoice]:
        from claimledger.events import best_match

        def choose(candidates: list[EventCandidate]) -> EventChoice:
            return best_match(item.event, candidates) if item.event is not None else EventChoice(None, 0.0)

        return choose

    @cached_property
    def viewer(self) -> EventViewer:
        """How the ledger makes an event's stored view (the events stage's reconciliation)."""
        from claimledger.events import VIEW_VERSION, machine_view

        return EventViewer(VIEW_VERSION, machine_view)

    @cached_property
    def views_ready(self) -> int:
        """Bring the stored event views up to this code's version (events filed before revision
        0006, or viewed by other code, are viewed now, once); returns how many were written."""
        stale = self.ledger.stale_events(self.viewer.version)
        return self.ledger.write_views(self.viewer, stale) if stale else 0

    def _touched(self, decisions: Sequence[Mapping[str, Any]]) -> set[int]:
        """The machine events analysts' decisions can change (computed at read time; every
        other event is its stored view)."""
        from claimledger.events import decision_refs

        events, articles = decision_refs(decisions)
        return events | set(self.ledger.events_of(sorted(articles)).values())

    def _computed(self, decisions: list[dict[str, Any]], query: EventQuery, scope: set[int] | None
                  ) -> list[Event]:
        """Events computed from their members (``scope``: these machine events; None: all)."""
        from claimledger.events import view_events

        if scope is not None and not scope:
            return []
        members = self.ledger.event_members(sorted(scope) if scope is not None else None)
        return view_events(members, decisions, query)

    def events(self, query: EventQuery | None = None) -> list[Event]:
        """The events the query selects, as every stored report (and every analyst's decision)
        tells them, as of the query's date, in event order. Events no decision touches are read
        from their stored views; the others, and every event as of a past day, are computed."""
        from claimledger.events import selected

        query = query or EventQuery()
        decisions = [] if query.machine else self.ledger.decisions()
        if query.as_of is not None:
            return self._computed(decisions, query, None)
        self.views_ready  # noqa: B018
        touched = self._touched(decisions)
        views = self.ledger.event_views(exclude=sorted(touched))
        stored = [e for v in views if selected(e := Event.from_dict(v), query)]
        return sorted(stored + self._computed(decisions, query, touched), key=lambda e: event_order(e.id))

    def event(self, event_id: str, as_of: str | None = None) -> Event | None:
        """One event (adjudicated view) as of a date, or None when there is no such event."""
        head = event_id.split(".")[0]
        if not head.isdigit():
            return None
        self.views_ready  # noqa: B018
        decisions = self.ledger.decisions()
        touched = self._touched(decisions)
        if as_of is None and event_id == head and int(head) not in touched:
            view = self.ledger.event_view(int(head))
            return Event.from_dict(view) if view is not None else None
        found = self._computed(decisions, EventQuery(as_of=as_of), touched | {int(head)})
        return next((e for e in found if e.id == event_id), None)

    # -- the query layer: one data function per resource, every face renders it -----------------
    PAGES_KEPT = 512  # pages kept in memory, while the ledger stays as it was when they were read

    @cached_property
    def _pages(self) -> Recent[Page]:
        return Recent(self.PAGES_KEPT)

    def page(self, resource: str, query: Query | None = None) -> Page:
        """One keyset page of a resource (events, figures, claims, claimants, articles, places,
        flags) with the query's filters and sort: what the API returns as JSON, CSV or HTML.
        The ledger only grows, so a page asked again before anything is appended is the page
        kept from the last time (one read of the ledger's high-water marks, not the query)."""
        query = query or Query()
        state = self.ledger.state()
        kept = self._pages.get((resource, query), state)
        if kept is None:
            kept = self._page(resource, query)
            self._pages.put((resource, query), kept, state)
        return kept

    def _page(self, resource: str, query: Query) -> Page:
        if resource == "events":
            return self._events_page(query)
        if resource == "flags":
            return self._flags_page(query)
        rows, cursor = self.ledger.page(resource, query)
        return Page(resource, rows, cursor, query)

    def rows(self, resource: str, query: Query | None = None) -> Iterator[dict[str, Any]]:
        """Every row of a resource the query selects, page after page (exports)."""
        query = replace(query or Query(), limit=1000)
        while True:
            page = self._page(resource, query)  # read, not kept: an export's pages are read once
            yield from page.rows
            if page.next is None:
                return
            query = replace(query, after=page.next)

    def _page_events(self, query: Query, decisions: list[dict[str, Any]], touched: set[int]) -> list[Event]:
        """The computed events a page may show: every event as of a past day, else those the
        decisions touch; filtered as the stored views are."""
        eq = EventQuery(as_of=query.as_of, measure=query.measure, place=query.place, since=query.since,
                        until=query.until)
        found = self._computed(decisions, eq, None if query.as_of else touched)
        if query.kind:
            found = [e for e in found if e.kind == query.kind]
        if query.flag:
            found = [e for e in found if any(f.kind == query.flag for f in e.flags)]
        if found and (query.outlet or query.claimant or query.q):
            hits = self.ledger.matching_articles(query, sorted({a for e in found for a in e.article_ids}))
            found = [e for e in found if hits & set(e.article_ids)]
        return found

    def _events_page(self, query: Query) -> Page:
        from claimledger.ledger.query import EVENT_SORTS, decode_cursor, encode_cursor

        sort = query.sort or "id"
        if sort not in EVENT_SORTS:
            raise QueryError(f"events: cannot sort by {sort!r} (one of {', '.join(EVENT_SORTS)})")
        self.views_ready  # noqa: B018
        cursor = decode_cursor(query.after)
        decisions = self.ledger.decisions()
        touched = self._touched(decisions)
        computed = self._page_events(query, decisions, touched)
        stored = [] if query.as_of else self.ledger.event_view_page(query, exclude=sorted(touched), cursor=cursor)
        rows: list[tuple[Any, str, Any]] = [(None if sort == "id" else key, str(event_id), view)
                                            for key, event_id, view in stored]
        rows += [(sort_value(e, sort), e.id, e.to_dict()) for e in computed]
        rank = lambda r: (_low_first(r[0]), event_order(r[1]))  # noqa: E731
        if cursor is not None:
            mark = rank((cursor[0], str(cursor[1])))
            rows = [r for r in rows if (rank(r) < mark if query.desc else rank(r) > mark)]
        rows.sort(key=rank, reverse=query.desc)
        limit = max(1, min(query.limit, 1000))
        more = len(rows) > limit
        rows = rows[:limit]
        nxt = encode_cursor(rows[-1][0], rows[-1][1]) if more else None
        return Page("events", [r[2] for r in rows], nxt, query)

    def _flags_page(self, query: Query) -> Page:
        """Event flags (the flags board), event by event: filters as events, plus flag kind and status."""
        from claimledger.ledger.query import decode_cursor, encode_cursor

        self.views_ready  # noqa: B018
        limit = max(1, min(query.limit, 1000))
        cursor = decode_cursor(query.after)
        start = (event_order(str(cursor[0])), int(cursor[1])) if cursor else None
        decisions = self.ledger.decisions()
        touched_set = self._touched(decisions)
        computed = [e.to_dict() for e in self._page_events(replace(query, flag=None), decisions, touched_set)]
        touched = [] if query.as_of else sorted(touched_set)
        rows: list[tuple[tuple[tuple[int, ...], int], dict[str, Any]]] = []
        after_event = int(str(cursor[0]).split(".")[0]) if cursor else None
        while True:
            batch = [] if query.as_of or query.status not in (None, "open") else self.ledger.flagged_views(
                replace(query, flag=None), touched, after_event, limit + 2)
            events = sorted(batch + [e for e in computed if after_event is None or
                                     event_order(e["id"]) >= (after_event,)], key=lambda e: event_order(e["id"]))
            computed = []  # merged once
            for ev in events:
                for i, fl in enumerate(ev["flags"]):
                    at = (event_order(ev["id"]), i)
                    if (start is None or at > start) and _flag_selected(fl, query) and all(at != r[0] for r in rows):
                        rows.append((at, _flag_row(ev, fl)))
            rows.sort(key=lambda r: r[0])
            if len(rows) > limit or len(batch) < limit + 2:
                break
            after_event = int(str(batch[-1]["id"])) + 1
        more = len(rows) > limit
        rows = rows[:limit]
        nxt = encode_cursor(rows[-1][1]["event"], rows[-1][0][1]) if more else None
        return Page("flags", [r[1] for r in rows], nxt, query)

    def decide(self, event_id: str, action: str, target: dict[str, Any], note: str, author: str) -> int:
        """Append an analyst's decision about an event; returns its id. Refused (with the
        reason) when the event, an article or a flag it names does not exist."""
        from claimledger.events import check_decision

        problem = check_decision(action, target)
        if problem is None and not note.strip():
            problem = "a decision needs a note"
        if problem is None and not author.strip():
            problem = "a decision needs an author"
        ev = self.event(event_id) if problem is None else None
        if problem is None and ev is None:
            problem = f"no event {event_id}"
        if problem is None and ev is not None:
            problem = _target_problem(self, ev, action, target)
        if problem:
            raise AdjudicationError(f"event {event_id}: {problem}")
        return self.ledger.decide(action, event_id, dict(target), note.strip(), author.strip())

    def report(self) -> Reconciliation:
        """The report: every event (reports side by side, flags) and the syndicated copies."""
        ledger = self.ledger
        copies = {orig: [{"article_id": c["id"], "outlet": c["outlet"], "uri": c["uri"]} for c in cs]
                  for orig, cs in ledger.copies().items()}
        return Reconciliation(events=tuple(self.events()), articles=ledger.count("articles"), copies=copies)

    def report_page(self, query: Query | None = None) -> tuple[Reconciliation, str | None]:
        """A page of the report: a page of events (as ``page("events")``), their flags, the
        copies of their articles, and the next page's cursor."""
        page = self.page("events", query or Query())
        events = tuple(Event.from_dict(r) for r in page.rows)
        originals = [a for e in events for a in e.article_ids]
        copies = {orig: [{"article_id": c["id"], "outlet": c["outlet"], "uri": c["uri"]} for c in cs]
                  for orig, cs in self.ledger.copies_among(originals).items()}
        return Reconciliation(events=events, articles=self.ledger.count("articles"), copies=copies), page.next

    ARTICLES_KEPT = 1024  # stored articles kept in memory: their rows never change (append-only)

    @cached_property
    def _articles(self) -> tuple[OrderedDict[int, dict[str, Any]], threading.Lock]:
        return OrderedDict(), threading.Lock()

    def article(self, article_id: int) -> dict[str, Any] | None:
        """One stored article with its claims and figures (offsets into its text), places,
        flags, copies, original and event, or None: the data the API returns as JSON and the web
        UI renders as a page. What an article's rows hold never changes, so the last articles
        read are kept; only its copies (later articles may copy it) are read each time."""
        kept, lock = self._articles
        with lock:
            fixed = kept.get(article_id)
        fixed = fixed or self._article_rows(article_id)
        if fixed is None:
            return None
        with lock:
            kept[article_id] = fixed
            kept.move_to_end(article_id)
            while len(kept) > self.ARTICLES_KEPT:
                kept.popitem(last=False)
        return fixed | {"copies": self.ledger.copies_of(article_id)}

    def _article_rows(self, article_id: int) -> dict[str, Any] | None:
        from claimledger.ledger import figure_entry

        ledger = self.ledger
        art = ledger.article(article_id)
        if art is None:
            return None
        art["claims"] = ledger.claims(article_id)
        art["figures"] = [figure_entry(r).to_dict() | {"idx": r["idx"]} for r in ledger.figure_rows(article_id)]
        art["places"] = ledger.places(article_id)
        art["flags"] = ledger.flags(article_id)
        art["original"] = ledger.article_meta(art["duplicate_of"]) if art["duplicate_of"] else None
        art["event_id"] = ledger.events_of([article_id]).get(article_id)
        return art

    def extract_text(self, text: str, published: date | None = None, uri: str = "<text>",
                     media_type: str = "text") -> Extraction:
        raw = vetted(RawArticle(uri=uri, content=text, media_type=media_type, published=published))  # type: ignore[arg-type]
        result = self.extract_one(self.clean_raw(raw))
        if isinstance(result, Failure):
            raise from_message(result.error)
        return result


STDIN = "-"


def with_defaults(art: CleanArticle, published: date | None, outlet: str | None) -> CleanArticle:
    """The run's --published and --outlet fill in what the input itself does not say (its own
    fields, or for HTML the page's markup: the cleaned article knows both)."""
    return replace(art, published=art.published or published, outlet=art.outlet or outlet)


def input_identity(raw: RawArticle, outlet: str | None = None) -> str:
    """The :func:`source_hash` an input is stored under: address, outlet (the input's own, else
    the run's --outlet) and content."""
    return source_hash(raw.uri, raw.outlet or outlet, raw.content)


def _sniff(data: bytes) -> str:
    head = data[:2048].lstrip().lower()
    if head.startswith(b"warc/"):
        return "warc"
    if head.startswith(b"{"):
        return "jsonl"
    if head.startswith((b"<rss", b"<feed")) or (head.startswith(b"<?xml") and (b"<rss" in head or b"<feed" in head)):
        return "feed"
    return "html" if head.startswith(b"<") else "text"


def _stdin_article(data: bytes, max_bytes: int) -> RawArticle:
    """Standard input as one article: HTML when it starts with a tag, else plain text."""
    from claimledger.errors import InputError
    from claimledger.ingest import decode

    if len(data) > max_bytes:
        raise InputError(f"{STDIN}: larger than the {max_bytes:,}-byte limit", source=STDIN)
    kind = "html" if _sniff(data) in ("html", "feed") else "text"
    return RawArticle(uri=STDIN, content=decode(data, STDIN, kind), media_type=kind)  # type: ignore[arg-type]


def _stdin_articles(data: bytes, settings: Settings) -> Iterator[RawArticle | Failure]:
    """Standard input for ``ingest -``: JSONL (``-:N`` per line, ``-#id`` with an id), a feed,
    a WARC, or one HTML page or plain text."""
    import tempfile

    from claimledger.ingest.containers import iter_feed, iter_warc, jsonl_record

    kind = _sniff(data)
    try:
        if kind == "jsonl":
            for n, line in enumerate(data.splitlines(), 1):
                if line.strip():
                    yield jsonl_record(f"{STDIN}:{n}", STDIN, line.removeprefix(b"\xef\xbb\xbf"), settings.max_bytes)
        elif kind == "feed":
            yield from iter_feed(data, STDIN)
        elif kind == "warc":
            with tempfile.NamedTemporaryFile(suffix=".warc") as fh:
                fh.write(data)
                fh.flush()
                yield from iter_warc(Path(fh.name), settings.max_bytes)
        else:
            yield _stdin_article(data, settings.max_bytes)
    except ClaimLedgerError as exc:
        yield Failure(STDIN, str(exc).replace(tempfile.gettempdir(), "").replace("//", "/"))
    except Exception as exc:  # noqa: BLE001 - a bad input must never stop the run
        yield Failure(STDIN, f"[{ExtractionFailed.code}] {STDIN}: ingest failed ({type(exc).__name__})")


def event_order(event_id: str) -> tuple[int, ...]:
    """Events in id order: 3 < 3.12 (split from 3) < 4."""
    return tuple(int(x) for x in event_id.split(".") if x.isdigit())


def sort_value(ev: Event, sort: str) -> Any:
    """An event's value for a sort of the events table (None: no value, sorted lowest)."""
    if sort in ("killed", "injured"):
        m = ev.measures.get(sort)
        return m.best if m is not None else None
    if sort == "reports":
        return len(ev.articles)
    if sort == "place":
        return ev.place.name if ev.place else None
    return ev.date if sort == "date" else None


def _low_first(value: Any) -> tuple[Any, ...]:
    return (0,) if value is None else (1, value)


def _flag_selected(flag: dict[str, Any], query: Query) -> bool:
    return (query.flag is None or flag["kind"] == query.flag) and (query.status is None or
                                                                   flag["status"] == query.status)


def _flag_row(ev: dict[str, Any], flag: dict[str, Any]) -> dict[str, Any]:
    place = ev.get("place") or {}
    return {"event": ev["id"], "event_date": ev.get("date"), "event_kind": ev.get("kind"),
            "event_place": place.get("name"), **flag}


def _target_problem(service: Service, ev: Event, action: str, target: dict[str, Any]) -> str | None:
    """Why the decision's target does not fit the event, or None."""
    if action == "merge":
        other = str(target["event"])
        if other == ev.id:
            return "cannot merge an event into itself"
        return None if service.event(other) is not None else f"no event {other} to merge"
    if action in ("split", "detach"):
        ids = target["articles"] if action == "split" else [target["article"]]
        stray = [a for a in ids if not isinstance(a, int) or a not in ev.article_ids]
        return f"article(s) {', '.join(map(str, stray))} not in this event" if stray else None
    if action in ("accept_flag", "dismiss_flag"):
        return None if any(f.key == target["flag"] for f in ev.flags) else f"no flag {target['flag']!r}"
    return None


def _ingest_batches(items: Iterable[Prepared | Failure], size: int) -> Iterator[list[Prepared | Failure]]:
    """Consecutive items grouped as ``ingest`` batched them: by ``order // size``."""
    batch: list[Prepared | Failure] = []
    current = None
    for item in items:
        if isinstance(item, Prepared) and item.order // size != current:
            if batch:
                yield batch
            batch, current = [], item.order // size
        batch.append(item)
    if batch:
        yield batch


def extract_text(text: str, published: date | str | None = None, settings: Settings | None = None
                 ) -> Extraction:
    """Python API: ``claimledger.extract(text, published="2024-12-24")`` -> Extraction.

    Builds a Service each call; hold a :class:`Service` yourself to reuse the loaded model.
    """
    if isinstance(published, str):
        published = date.fromisoformat(published)
    return Service(settings).extract_text(text, published)


@dataclass(frozen=True)
class IngestOutcome:
    """What happened to one input: stored, already stored, a copy of another, or failed."""

    uri: str
    status: str
    article_id: int | None = None
    duplicate_of: int | None = None
    error: str | None = None
    claims: int = 0
    figures: int = 0
    outlet: str | None = None  # a copy's: the outlet that carried it ...
    original_outlet: str | None = None  # ... and its original's

    def to_dict(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if v is not None}


@dataclass(frozen=True)
class Prepared:
    """An extraction made elsewhere (Spark) for :meth:`Service.load`.

    ``clean_removed`` are the removals cleaning found before any outlet furniture was added;
    ``order`` is the article's place among all the run's inputs, failures counted (0-based),
    as ``ingest`` would have read them."""

    extraction: Extraction
    clean_removed: tuple[Removal, ...]
    order: int
