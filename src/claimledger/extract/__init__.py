"""The extract stage: CleanArticle -> Extraction (claims, figures, places, totals, flags).

spaCy parses the *masked* text (removed stretches blanked, offsets unchanged), so nothing is
extracted from promos, footers or repeated paragraphs.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import cast, overload

from spacy.language import Language
from spacy.tokens import Doc

from claimledger.errors import ExtractionFailed, InputError
from claimledger.extract.extensions import CLAIMS, FIGURES, PLACES, PUBLISHED
from claimledger.extract.figures import article_totals, find_dates, ratio_flags
from claimledger.extract.link import link_claims, link_places
from claimledger.extract.nlp import add_components, build_nlp
from claimledger.extract.places import Gazetteer, Places
from claimledger.records import (
    Claim,
    CleanArticle,
    DateRef,
    Entity,
    Extraction,
    Failure,
    Figure,
    Span,
    TitleExtraction,
)

__all__ = ["Extractor", "build_nlp", "Gazetteer"]


class Extractor:
    """Holds the loaded pipeline and gazetteer; call it on articles. Load once per run.

    The pipeline's components (``extract/nlp.py``, added here when missing) write claims,
    figures and places to ``doc._``; the Extractor ties them together into an Extraction.
    """

    def __init__(self, nlp: Language, gazetteer: Gazetteer | None = None, batch_size: int = 32) -> None:
        self.nlp = add_components(nlp)
        places = cast(Places, nlp.get_pipe("claimledger_places"))
        if gazetteer is not None:
            places.use(gazetteer)
        self.gazetteer = places.gazetteer
        self.batch_size = batch_size

    def __call__(self, articles: Iterable[CleanArticle]) -> Iterator[Extraction | Failure]:
        """One Extraction per article, in order. An article too long for the parser, or one a
        component fails on, gives a Failure for it and the rest go on."""
        batch = list(articles)
        fits = [a for a in batch if len(a.masked) <= self.nlp.max_length]
        docs: dict[int, Doc | Failure]
        try:
            docs = dict(zip(map(id, fits), self.nlp.pipe(map(self._doc, fits), batch_size=self.batch_size),
                            strict=True))
        except Exception:  # noqa: BLE001 - find the article that breaks the batch, keep the rest
            docs = {id(a): self._parse_one(a) for a in fits}
        for article in batch:
            doc = docs.get(id(article))
            if doc is None:  # only articles too long for the parser have no doc
                yield Failure(article.uri, f"[{InputError.code}] {article.uri}: text of {len(article.masked):,} "
                                           f"characters is over the parser's {self.nlp.max_length:,} limit")
            elif isinstance(doc, Failure):
                yield doc
            else:
                yield self._safe_from_doc(doc, article)

    def _doc(self, article: CleanArticle) -> Doc:
        """The article's masked text, tokenised, carrying its publication date."""
        doc = self.nlp.make_doc(article.masked)
        doc._.set(PUBLISHED, article.published)
        return doc

    def _parse_one(self, article: CleanArticle) -> Doc | Failure:
        try:
            return self.nlp(self._doc(article))
        except Exception as exc:  # noqa: BLE001
            return _failed(article, exc)

    def _safe_from_doc(self, doc: Doc, article: CleanArticle) -> Extraction | Failure:
        try:
            return self.from_doc(doc, article)
        except Exception as exc:  # noqa: BLE001 - one bad article must not stop a corpus run
            return _failed(article, exc)

    def from_doc(self, doc: Doc, article: CleanArticle) -> Extraction:
        """Tie together what the components found in one parsed article."""
        claims, figures, places = doc._.get(CLAIMS), doc._.get(FIGURES), doc._.get(PLACES)
        claims, figures = link_claims(claims, figures, places)
        figures = link_places(figures, places)
        claims = [_respan_claim(c, article.text) for c in claims]
        masked = doc.text  # built anew on every access: read it once
        figures = [_respan_figure(f, article.text, masked) for f in figures]
        places = [replace(p, span=_span(p.span, article.text)) for p in places]
        flags = ratio_flags(figures)
        return Extraction(
            article=article,
            claims=tuple(claims),
            figures=tuple(figures),
            places=tuple(places),
            flags=tuple(flags),
            totals=article_totals(figures, doc),
            entities=_entities(doc, article.text),
            dates=_dates(masked, article),
            sentences=tuple((s.start_char, s.end_char) for s in doc.sents if s.text.strip()),
            title=self._title(article),
        )

    def _title(self, article: CleanArticle) -> TitleExtraction | None:
        """The headline parsed on its own: its figures, totals and places."""
        title = " ".join((article.title or "").split())[:TITLE_MAX]
        if not title:
            return None
        doc = self.nlp.make_doc(title)
        doc._.set(PUBLISHED, article.published)
        doc = self.nlp(doc, disable=["claimledger_attribution"])
        figures = doc._.get(FIGURES)
        return TitleExtraction(title, tuple(figures), tuple(doc._.get(PLACES)), article_totals(figures, doc))


TITLE_MAX = 300  # characters of a headline worth parsing
NAME_LABELS = frozenset({"PERSON", "ORG", "FAC", "GPE", "LOC", "EVENT", "NORP"})


def _entities(doc: Doc, text: str) -> tuple[Entity, ...]:
    """The parser's named entities (people, organisations, streets and venues, places)."""
    return tuple(Entity(Span.of(text, e.start_char, e.end_char), e.label_) for e in doc.ents
                 if e.label_ in NAME_LABELS and e.text.strip())


def _dates(masked: str, article: CleanArticle) -> tuple[DateRef, ...]:
    """Every date expression outside the removed stretches, resolved against publication."""
    return tuple(DateRef(Span.of(article.text, d.start, d.end), d.value)
                 for d in find_dates(masked, article.published))


def _failed(article: CleanArticle, exc: Exception) -> Failure:
    return Failure(article.uri, f"[{ExtractionFailed.code}] {article.uri}: extraction failed "
                                f"({type(exc).__name__}: {str(exc).splitlines()[0][:120] if str(exc) else ''})")


@overload
def _span(span: Span, text: str) -> Span: ...


@overload
def _span(span: None, text: str) -> None: ...


def _span(span: Span | None, text: str) -> Span | None:
    """Finders read the masked text; re-read each span from the original so that
    ``text[start:end] == span.text`` holds whatever was blanked."""
    if span is None or text[span.start:span.end] == span.text:
        return span
    return Span.of(text, span.start, span.end)


def _respan_claim(claim: Claim, text: str) -> Claim:
    return replace(claim, source=_span(claim.source, text), cue=_span(claim.cue, text),
                   content=tuple(_span(c, text) for c in claim.content))


def _respan_figure(figure: Figure, text: str, masked: str) -> Figure:
    return replace(figure, span=_span(figure.span, text), subject=_span(figure.subject, text),
                   sentence=_trimmed(figure.sentence, text, masked))


def _trimmed(span: Span | None, text: str, masked: str) -> Span | None:
    """A sentence without the blanked stretches around it (a removed promo line after it reads
    as whitespace to the parser but not in the original text)."""
    if span is None:
        return None
    start, end = span.start, span.end
    while start < end and masked[start].isspace():
        start += 1
    while end > start and masked[end - 1].isspace():
        end -= 1
    return Span.of(text, start, end)
