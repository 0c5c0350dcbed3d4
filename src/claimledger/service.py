"""The core object, like Datasette's app.py: settings, model, gazetteer and ledger in one place.

Every face (CLI, Python API, REST API, web UI, Spark job) calls these methods; this is the only
module that knows the order of the stages.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from claimledger.clean import OutletLines, clean_article
from claimledger.config import Settings
from claimledger.errors import ClaimLedgerError, from_message
from claimledger.ingest import ingest, read_file, vetted
from claimledger.limits import bounded
from claimledger.records import CleanArticle, Extraction, Failure, RawArticle, Reconciliation, source_hash

if TYPE_CHECKING:
    from claimledger.clean.syndication import SyndicationIndex
    from claimledger.extract import Extractor
    from claimledger.ledger import Ledger


class Service:
    """One per run. The spaCy model and gazetteer load on first use, once."""

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
                yield Failure(str(path), str(exc))

    def extract_articles(self, items: Iterable[CleanArticle | Failure]
                         ) -> Iterator[Extraction | Failure]:
        """Extract from clean articles in batches, passing failures through in order."""
        pending: list[CleanArticle | Failure] = []
        for item in items:
            pending.append(item)
            if len(pending) >= 32:
                yield from self._extract_batch(pending)
                pending = []
        yield from self._extract_batch(pending)

    def _extract_batch(self, batch: list[CleanArticle | Failure]) -> Iterator[Extraction | Failure]:
        """Parse the batch's articles together; anything else passes through in its place."""
        arts = [a for a in batch if isinstance(a, CleanArticle)]
        # each article within the work bounds of settings.extract_limits (claimledger.limits)
        done = bounded(self.extractor, arts, self.settings.extract_limits, _with_article_flags) if arts else iter(())
        for item in batch:
            yield next(done) if isinstance(item, CleanArticle) else item

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
                try:
                    art = clean_article(item, self.settings, self.outlet_lines)
                except ClaimLedgerError as exc:
                    yield Failure(item.uri, str(exc))
                    continue
                except Exception as exc:  # noqa: BLE001 - one bad input must not end the run
                    yield Failure(item.uri, f"[CL008] {item.uri}: cleaning failed ({type(exc).__name__}: {exc})"[:300])
                    continue
                yield replace(art, source_hash=key)

        for item in self.extract_articles(cleaned()):  # type: ignore[arg-type]
            if isinstance(item, IngestOutcome):
                yield item
                continue
            if isinstance(item, Failure):
                yield IngestOutcome(item.uri, "failed", error=item.error)
                continue
            try:
                res = self.ledger.append(item, copy_of=self._copy_of)
            except ClaimLedgerError as exc:
                yield IngestOutcome(item.article.uri, "failed", error=str(exc))
                continue
            stored = res.status == "stored"
            if stored:
                self.syndication.add(str(res.article_id), item.article.body)
                self.outlet_lines.learn(item.article.outlet, item.article.text)
            yield IngestOutcome(item.article.uri, res.status, res.article_id, res.duplicate_of,
                                claims=len(item.claims) if stored else 0,
                                figures=len(item.figures) if stored else 0)

    def report(self) -> Reconciliation:
        """Figures grouped across the ledger, with flags and syndicated copies."""
        from claimledger.reconcile import reconcile

        ledger = self.ledger
        copies = {orig: [c["outlet"] or c["uri"] for c in cs] for orig, cs in ledger.copies().items()}
        return reconcile(ledger.figure_entries(), ledger.stored_flags(), copies,
                         articles=ledger.count("articles"))

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


def _with_article_flags(item: Extraction | Failure) -> Extraction | Failure:
    """Add the reconcile stage's flags within one article (contradiction, update, mismatch)."""
    if isinstance(item, Failure):
        return item
    from claimledger.reconcile import article_flags

    extra = article_flags(item.claims, item.figures, item.article.text)
    return replace(item, flags=item.flags + tuple(extra))


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
