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

from claimledger.clean import clean_article
from claimledger.config import Settings
from claimledger.errors import ClaimLedgerError
from claimledger.ingest import read_file
from claimledger.records import CleanArticle, Extraction, RawArticle


@dataclass(frozen=True)
class Failure:
    """An input that could not be processed, and the one-line reason."""

    uri: str
    error: str

    def to_dict(self) -> dict[str, str]:
        return {"path": self.uri, "error": self.error}


class Service:
    """One per run. The spaCy model and gazetteer load on first use, once."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()

    @cached_property
    def extractor(self):
        from claimledger.extract import Extractor, Gazetteer, build_nlp

        return Extractor(build_nlp(self.settings.models), Gazetteer.load())

    # -- stages over local files -------------------------------------------------------------
    def read(self, path: str | Path, published: date | None = None, outlet: str | None = None
             ) -> RawArticle:
        raw = read_file(Path(path), self.settings.max_bytes)
        return replace(raw, published=raw.published or published, outlet=raw.outlet or outlet)

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
        arts = [a for a in batch if isinstance(a, CleanArticle)]
        done = iter(self.extractor(arts)) if arts else iter(())
        for item in batch:
            yield item if isinstance(item, Failure) else next(done)

    def extract_paths(self, paths: Iterable[str | Path], published: date | None = None
                      ) -> Iterator[Extraction | Failure]:
        return self.extract_articles(self.clean_paths(paths, published))

    def extract_text(self, text: str, published: date | None = None, uri: str = "<text>",
                     media_type: str = "text") -> Extraction:
        raw = RawArticle(uri=uri, content=text, media_type=media_type, published=published)  # type: ignore[arg-type]
        return self.extractor.one(self.clean_raw(raw))


def extract_text(text: str, published: date | str | None = None, settings: Settings | None = None
                 ) -> Extraction:
    """Python API: ``claimledger.extract(text, published="2024-12-24")`` -> Extraction.

    Builds a Service each call; hold a :class:`Service` yourself to reuse the loaded model.
    """
    if isinstance(published, str):
        published = date.fromisoformat(published)
    return Service(settings).extract_text(text, published)
