"""The core object, like Datasette's app.py: settings, model, gazetteer and ledger in one place.

Every face (CLI, Python API, REST API, web UI, Spark job) calls these methods; this is the only
module that knows the order of the stages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimledger.clean import OutletLines, clean_article, with_outlet_lines
from claimledger.config import Settings
from claimledger.errors import AdjudicationError, ClaimLedgerError, ExtractionFailed, from_message
from claimledger.ingest import ingest, read_file, vetted, vetted_failure
from claimledger.limits import bounded
from claimledger.records import (
    CleanArticle,
    Event,
    EventCandidate,
    EventChoice,
    EventKey,
    EventQuery,
    Extraction,
    Failure,
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
    def read(self, path: str | Path, published: date | None = None, outlet: str | None = None
             ) -> RawArticle:
        raw = read_file(Path(path), self.settings.max_bytes)
        return _with_defaults(raw, published, outlet)

    def clean_raw(self, raw: RawArticle) -> CleanArticle:
        return clean_article(raw, self.settings)

    def clean_paths(self, paths: Iterable[str | Path], published: date | None = None
                    ) -> Iterator[CleanArticle | Failure]:
        """Clean each path in order; a bad input yields a Failure and the run goes on."""
        for path in paths:
            try:
                yield self.clean_raw(self.read(path, published))
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

    def extract_paths(self, paths: Iterable[str | Path], published: date | None = None
                      ) -> Iterator[Extraction | Failure]:
        return self.extract_articles(self.clean_paths(paths, published))

    # -- the main job: sources -> ledger ------------------------------------------------------
    def raw_articles(self, specs: Iterable[str], published: date | None = None,
                     outlet: str | None = None) -> Iterator[RawArticle | Failure]:
        """Every article in the given files, folders, URLs, feeds, WARCs and JSONL files."""
        for spec in specs:
            for item in ingest(str(spec), self.settings):
                if isinstance(item, RawArticle):
                    item = _with_defaults(item, published, outlet)
                yield item

    def ingest(self, specs: Iterable[str], published: date | None = None, outlet: str | None = None
               ) -> Iterator[IngestOutcome]:
        """Read, clean, extract and append every article; one outcome per article or failure."""
        def cleaned() -> Iterator[CleanArticle | Failure]:
            for item in self.raw_articles(specs, published, outlet):
                if isinstance(item, Failure):
                    yield item
                    continue
                key = source_hash(item.uri, item.outlet, item.content)
                known = self.ledger.find_hash(key)
                if known is not None:
                    yield IngestOutcome(item.uri, "already stored", known)  # type: ignore[misc]
                    continue
                art = self.clean_input(item, self.outlet_lines)
                yield art if isinstance(art, Failure) else replace(art, source_hash=key)

        for item in self.extract_articles(cleaned()):  # type: ignore[arg-type]
            if isinstance(item, IngestOutcome):
                yield item
            elif isinstance(item, Failure):
                yield IngestOutcome(item.uri, "failed", error=item.error)
            else:
                yield self.store(item)

    def clean_input(self, raw: RawArticle, outlet_lines: OutletLines | None = None) -> CleanArticle | Failure:
        """Clean one input as ``ingest`` does (``spark extract`` too): a failure is returned, never raised."""
        try:
            return clean_article(raw, self.settings, outlet_lines)
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
                                     choose=self._choose_event(item))
        except ClaimLedgerError as exc:
            return IngestOutcome(item.article.uri, "failed", error=str(exc))
        stored = res.status == "stored"
        if stored:
            self.syndication.add(str(res.article_id), item.article.body)
            self.outlet_lines.learn(item.article.outlet, item.article.text)
        return IngestOutcome(item.article.uri, res.status, res.article_id, res.duplicate_of,
                             claims=len(item.claims) if stored else 0,
                             figures=len(item.figures) if stored else 0)

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

    def events(self, query: EventQuery | None = None) -> list[Event]:
        """The events the query selects, as every stored report (and every analyst's decision)
        tells them, as of the query's date."""
        from claimledger.events import view_events

        query = query or EventQuery()
        return view_events(self.ledger.event_members(), self.ledger.decisions(), query)

    def event(self, event_id: str, as_of: str | None = None) -> Event | None:
        """One event (adjudicated view) as of a date, or None when there is no such event."""
        return next((e for e in self.events(EventQuery(as_of=as_of)) if e.id == event_id), None)

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
        copies = {orig: [c["outlet"] or c["uri"] for c in cs] for orig, cs in ledger.copies().items()}
        return Reconciliation(events=tuple(self.events()), articles=ledger.count("articles"), copies=copies)

    def article(self, article_id: int) -> dict[str, Any] | None:
        """One stored article with its claims and figures (offsets into its text), or None:
        the data the API returns as JSON and the web UI renders as a page."""
        art = self.ledger.article(article_id)
        if art is None:
            return None
        art["claims"] = self.ledger.claims(article_id)
        art["figures"] = [f.to_dict() for f in self.ledger.figure_entries(article_id)]
        return art

    def extract_text(self, text: str, published: date | None = None, uri: str = "<text>",
                     media_type: str = "text") -> Extraction:
        raw = vetted(RawArticle(uri=uri, content=text, media_type=media_type, published=published))  # type: ignore[arg-type]
        result = self.extract_one(self.clean_raw(raw))
        if isinstance(result, Failure):
            raise from_message(result.error)
        return result


def _with_defaults(raw: RawArticle, published: date | None, outlet: str | None) -> RawArticle:
    """The run's --published and --outlet fill in what the input itself does not say."""
    return replace(raw, published=raw.published or published, outlet=raw.outlet or outlet)


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
