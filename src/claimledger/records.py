"""Typed records that flow one way through the pipeline.

ingest -> RawArticle -> clean -> CleanArticle -> extract -> Extraction -> ledger -> reconcile.
This module imports nothing from claimledger.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any, Literal

MediaType = Literal["text", "html"]

def source_hash(uri: str, outlet: str | None, content: str) -> str:
    """Identity of one input: the same content from another address or outlet is another input
    (stored as a copy); the same input read again is not stored again."""
    return hashlib.sha256("\x00".join((uri, outlet or "", content)).encode("utf-8")).hexdigest()


MEASURES = (
    "killed", "injured", "casualties", "deployed", "captured",
    "missing", "displaced", "arrested", "other",
)


@dataclass(frozen=True)
class Span:
    """A piece of an article's text: ``article.text[start:end] == text``."""

    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        return cls(text[start:end], start, end)


@dataclass(frozen=True)
class RawArticle:
    """One input as read: decoded text or HTML, plus what is known about it."""

    uri: str
    content: str
    media_type: MediaType
    published: date | None = None
    outlet: str | None = None
    url: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class Removal:
    """A stretch of ``CleanArticle.text`` left out of extraction, and why."""

    start: int
    end: int
    reason: str  # promo | boilerplate | duplicate | ...

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "reason": self.reason}


@dataclass(frozen=True)
class CleanArticle:
    """Article text with what to skip marked, not cut: offsets stay valid against ``text``."""

    uri: str
    text: str
    removed: tuple[Removal, ...] = ()
    published: date | None = None
    outlet: str | None = None
    url: str | None = None
    title: str | None = None
    author: str | None = None
    source_hash: str | None = None  # identity of the input it came from (set at ingest)

    @cached_property
    def body(self) -> str:
        """The text with removed stretches cut out (the `clean` command's output)."""
        parts, pos = [], 0
        for r in sorted(self.removed, key=lambda r: r.start):
            if r.start > pos:
                parts.append(self.text[pos:r.start])
            pos = max(pos, r.end)
        parts.append(self.text[pos:])
        lines = [ln.rstrip() for ln in "".join(parts).split("\n")]
        return "\n".join(ln for ln in lines if ln.strip()).strip()

    @cached_property
    def masked(self) -> str:
        """The text with removed characters blanked (newlines kept), so offsets are unchanged."""
        chars = list(self.text)
        for r in self.removed:
            for i in range(r.start, min(r.end, len(chars))):
                if chars[i] != "\n":
                    chars[i] = " "
        return "".join(chars)


@dataclass(frozen=True)
class Claim:
    source: Span | None
    cue: Span | None
    content: tuple[Span, ...]
    hedged: bool = False
    hedges: tuple[str, ...] = ()
    speaker: str | None = None
    figures: tuple[int, ...] = ()
    places: tuple[int, ...] = ()

    @property
    def certainty(self) -> str:
        """``hedged`` (hedge words), ``unattributed`` (no source, no hedge) or ``asserted``."""
        if self.hedged:
            return "hedged"
        return "asserted" if self.source is not None else "unattributed"

    def to_dict(self) -> dict[str, Any]:
        return {
            "certainty": self.certainty,
            "source": self.source.to_dict() if self.source else None,
            "cue": self.cue.to_dict() if self.cue else None,
            "content": [c.to_dict() for c in self.content],
            "hedged": self.hedged,
            "hedges": list(self.hedges),
            "speaker": self.speaker,
            "figures": list(self.figures),
            "places": list(self.places),
        }


@dataclass(frozen=True)
class Figure:
    """A number the text asserts, as an interval: ``low``/``high`` None means unbounded."""

    span: Span
    measure: str
    low: int | None
    high: int | None
    qualifier: str
    subject: Span | None = None
    date: str | None = None  # YYYY-MM-DD or --MM-DD
    claim: int | None = None
    sentence: Span | None = None
    point: int | None = None  # the conservative single value a coder would record
    of_figure: int | None = None  # "a quarter of the 12,000": index of the whole
    ratio: float | None = None
    places: tuple[int, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "span": self.span.to_dict(),
            "measure": self.measure,
            "low": self.low,
            "high": self.high,
            "qualifier": self.qualifier,
            "point": self.point,
            "subject": self.subject.to_dict() if self.subject else None,
            "date": self.date,
            "claim": self.claim,
            "sentence": self.sentence.to_dict() if self.sentence else None,
            "of_figure": self.of_figure,
            "ratio": self.ratio,
            "places": list(self.places),
        }


@dataclass(frozen=True)
class Place:
    span: Span
    name: str
    country: str | None
    iso3166_2: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    kind: str | None = None  # country | admin1 | city | region | ...

    def to_dict(self) -> dict[str, Any]:
        return {
            "span": self.span.to_dict(),
            "name": self.name,
            "country": self.country,
            "iso3166_2": self.iso3166_2,
            "lat": self.lat,
            "lon": self.lon,
            "geonames_id": self.geonames_id,
            "kind": self.kind,
        }


@dataclass(frozen=True)
class Flag:
    kind: str  # contradiction | corroboration_mismatch | update | ratio_mismatch
    figures: tuple[int, ...]
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "figures": list(self.figures), "reason": self.reason}


@dataclass(frozen=True)
class Totals:
    killed: int | None = None
    injured: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"killed": self.killed, "injured": self.injured}


@dataclass(frozen=True)
class Extraction:
    """Everything `extract` finds in one article."""

    article: CleanArticle
    claims: tuple[Claim, ...] = ()
    figures: tuple[Figure, ...] = ()
    places: tuple[Place, ...] = ()
    flags: tuple[Flag, ...] = ()
    totals: Totals = field(default_factory=Totals)

    def to_dict(self) -> dict[str, Any]:
        a = self.article
        return {
            "path": a.uri,
            "text": a.text,
            "published": a.published.isoformat() if a.published else None,
            "title": a.title,
            "outlet": a.outlet,
            "url": a.url,
            "removed": [r.to_dict() for r in a.removed],
            "claims": [c.to_dict() for c in self.claims],
            "figures": [f.to_dict() for f in self.figures],
            "places": [p.to_dict() for p in self.places],
            "totals": self.totals.to_dict(),
            "flags": [f.to_dict() for f in self.flags],
        }


@dataclass(frozen=True)
class FigureEntry:
    """One stored figure with its provenance, as the ledger returns it for reconciliation."""

    id: int
    article_id: int
    measure: str
    low: int | None
    high: int | None
    qualifier: str
    span_text: str
    start: int
    end: int
    point: int | None = None
    subject: str | None = None
    date: str | None = None
    source: str | None = None
    speaker: str | None = None
    hedged: bool = False
    outlet: str | None = None
    published: str | None = None
    uri: str | None = None
    title: str | None = None
    place: str | None = None
    country: str | None = None
    sentence: str | None = None
    ratio: float | None = None
    place_iso: str | None = None  # ISO 3166-2 of the figure's place, when it is finer than a country

    @property
    def who(self) -> str:
        """The source as a report shows it: resolved speaker, source text, or unattributed."""
        return self.speaker or self.source or "(unattributed)"

    @property
    def when(self) -> str | None:
        """When the figure holds: its own date, else the article's publication date."""
        return self.date if self.date and not self.date.startswith("--") else self.published

    def to_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__} | {"who": self.who}


@dataclass(frozen=True)
class FigureGroup:
    """Figures that count the same thing: measure, subject, place."""

    measure: str
    subject: str
    place: str | None
    figures: tuple[FigureEntry, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"measure": self.measure, "subject": self.subject, "place": self.place,
                "figures": [f.to_dict() for f in self.figures]}


@dataclass(frozen=True)
class LedgerFlag:
    kind: str
    figure_ids: tuple[int, ...]
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "figure_ids": list(self.figure_ids), "reason": self.reason}


@dataclass(frozen=True)
class Reconciliation:
    """The report: groups of comparable figures, flags across the ledger, syndicated copies."""

    groups: tuple[FigureGroup, ...]
    flags: tuple[LedgerFlag, ...]
    articles: int = 0
    copies: dict[int, list[str]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"articles": self.articles, "groups": [g.to_dict() for g in self.groups],
                "flags": [f.to_dict() for f in self.flags],
                "copies": {str(k): v for k, v in self.copies.items()}}


@dataclass(frozen=True)
class Failure:
    """An input that could not be processed, and the one-line reason naming it."""

    uri: str
    error: str

    def to_dict(self) -> dict[str, str]:
        return {"path": self.uri, "error": self.error}
