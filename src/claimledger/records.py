"""Typed records that flow one way through the pipeline.

ingest -> RawArticle -> clean -> CleanArticle -> extract -> Extraction -> ledger -> reconcile.
This module imports nothing from claimledger.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from types import MappingProxyType
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


# Claimant types, as a report names them (Claim.claimant_type -> words).
CLAIMANT_TYPES: Mapping[str, str] = MappingProxyType({
    "government_official": "government official", "military": "military", "police": "police",
    "ngo_un": "NGO / UN agency", "witness_relative": "witness or relative", "media": "media",
    "anonymous_official": "anonymous official", "other": "other", "unattributed": "unattributed",
})


@dataclass(frozen=True)
class Claim:
    source: Span | None
    cue: Span | None
    content: tuple[Span, ...]
    hedged: bool = False
    hedges: tuple[str, ...] = ()
    speaker: str | None = None  # the claimant's canonical name (the fullest form in the article)
    figures: tuple[int, ...] = ()
    places: tuple[int, ...] = ()
    claimant_id: str | None = None  # person:<name> | org:<name> | group:<description>; None = no source
    claimant_type: str = "unattributed"  # government_official | military | police | ngo_un | ...

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
            "claimant_id": self.claimant_id,
            "claimant_type": self.claimant_type,
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
class PlaceReading:
    """One gazetteer reading of a place name, with the ranker's probability for it."""

    name: str
    kind: str
    country: str | None
    iso3166_2: str | None
    lat: float | None
    lon: float | None
    geonames_id: int | None
    probability: float


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
    # the ranker's probability of this reading among the name's gazetteer candidates (None:
    # unresolved, or placed approximately), and its best-ranked readings, most probable first
    # (this one included), so a later stage can weigh a finer or another reading
    confidence: float | None = None
    readings: tuple[PlaceReading, ...] = ()

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
            "confidence": self.confidence,
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
    """The article's own killed/injured counts for its main event (CONTRACT ``totals``), the
    figures behind each measure's total, and the figures left out as background."""

    killed: int | None = None
    injured: int | None = None
    figures: dict[str, tuple[int, ...]] = field(default_factory=dict, compare=False)
    background: tuple[int, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"killed": self.killed, "injured": self.injured}


@dataclass(frozen=True)
class Entity:
    """A name the parser found: a person, organisation, facility (street, venue) or place."""

    span: Span
    label: str  # spaCy's label: PERSON, ORG, FAC, GPE, LOC, EVENT, ...

    def to_dict(self) -> dict[str, Any]:
        return {"span": self.span.to_dict(), "label": self.label}


@dataclass(frozen=True)
class DateRef:
    """A date expression in the text, resolved against publication ('Saturday' -> YYYY-MM-DD)."""

    span: Span
    value: str | None  # YYYY-MM-DD, --MM-DD, or None when it cannot be resolved

    def to_dict(self) -> dict[str, Any]:
        return {"span": self.span.to_dict(), "value": self.value}


@dataclass(frozen=True)
class TitleExtraction:
    """What the headline says on its own: a page whose body is a video playlist or a stub still
    tells its story in its title ('Boy, 5, shot in ankle'). Offsets are into the title."""

    text: str
    figures: tuple[Figure, ...] = ()
    places: tuple[Place, ...] = ()
    totals: Totals = field(default_factory=Totals)

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "figures": [f.to_dict() for f in self.figures],
                "places": [p.to_dict() for p in self.places], "totals": self.totals.to_dict()}


@dataclass(frozen=True)
class Extraction:
    """Everything `extract` finds in one article; ``event`` is its main happening (events stage)."""

    article: CleanArticle
    claims: tuple[Claim, ...] = ()
    figures: tuple[Figure, ...] = ()
    places: tuple[Place, ...] = ()
    flags: tuple[Flag, ...] = ()
    totals: Totals = field(default_factory=Totals)
    entities: tuple[Entity, ...] = ()
    dates: tuple[DateRef, ...] = ()
    sentences: tuple[tuple[int, int], ...] = ()  # the parser's sentences (start, end), not output
    title: TitleExtraction | None = None  # figures and places of the headline (offsets into the title)
    event: ArticleEvent | None = None

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
            "event": self.event.to_dict() if self.event else None,
            "title_extraction": self.title.to_dict() if self.title else None,
            "entities": [e.to_dict() for e in self.entities],
            "dates": [d.to_dict() for d in self.dates],
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
class Failure:
    """An input that could not be processed, and the one-line reason naming it."""

    uri: str
    error: str

    def to_dict(self) -> dict[str, str]:
        return {"path": self.uri, "error": self.error}


# -- events: one record per real-world happening ---------------------------------------------

@dataclass(frozen=True)
class MeasureReport:
    """One report's whole-event count for one measure: the interval it asserts, the single
    value a coder would take from it, the figures behind it and who gives it."""

    measure: str
    low: int | None
    high: int | None
    best: int | None
    figures: tuple[int, ...] = ()  # indices into the article's figures
    claimant: str | None = None  # speaker or source; None = the outlet's own voice
    hedged: bool = False
    evidence: tuple[Span, ...] = ()  # the sentences that give the figures
    headline: str | None = None  # set when the count comes from the title alone
    explicit: bool = False  # every figure behind it is a number as written ('four', '12'), not 'a man'
    subject: str | None = None  # what its figure counts ('people', 'officers', 'others')
    plain: bool = False  # told as one happening's whole count (no tally, roundup, revision or part)
    when: str | None = None  # the day the count holds, when the text states it (YYYY-MM-DD)
    headline_agrees: bool = False  # the article's headline gives the same count
    claimant_id: str | None = None  # the claimant's identity (Claim.claimant_id; the ledger's once stored)

    def to_dict(self) -> dict[str, Any]:
        return {"measure": self.measure, "low": self.low, "high": self.high, "best": self.best,
                "figures": list(self.figures), "claimant": self.claimant, "hedged": self.hedged,
                "evidence": [e.to_dict() for e in self.evidence], "headline": self.headline,
                "explicit": self.explicit, "subject": self.subject, "plain": self.plain, "when": self.when,
                "headline_agrees": self.headline_agrees, "claimant_id": self.claimant_id}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> MeasureReport:
        return cls(d["measure"], d.get("low"), d.get("high"), d.get("best"), tuple(d.get("figures") or ()),
                   d.get("claimant"), bool(d.get("hedged")),
                   tuple(Span(e["text"], e["start"], e["end"]) for e in d.get("evidence") or ()),
                   d.get("headline"), bool(d.get("explicit")), d.get("subject"), bool(d.get("plain")),
                   d.get("when"), bool(d.get("headline_agrees")), d.get("claimant_id"))


@dataclass(frozen=True)
class EventPlace:
    """Where a happening took place, at the finest level known."""

    name: str
    country: str | None
    iso3166_2: str | None = None
    lat: float | None = None
    lon: float | None = None
    kind: str | None = None  # city | admin2 | admin1 | country | feature | ...
    geonames_id: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "country": self.country, "iso3166_2": self.iso3166_2,
                "lat": self.lat, "lon": self.lon, "kind": self.kind, "geonames_id": self.geonames_id}

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> EventPlace | None:
        if not d:
            return None
        return cls(d["name"], d.get("country"), d.get("iso3166_2"), d.get("lat"), d.get("lon"),
                   d.get("kind"), d.get("geonames_id"))


@dataclass(frozen=True)
class ArticleEvent:
    """An article's main happening: what, where, when, its whole-event counts per measure
    (one report per claimant), each figure's role, and the names that identify it."""

    kind: str | None = None  # shooting | stabbing | bombing | airstrike | clash | accident | ...
    kind_evidence: Span | None = None
    date: str | None = None  # YYYY-MM-DD when it happened
    date_evidence: Span | None = None  # the expression it was read from; None = publication date
    date_rank: int = 6  # how directly the text ties the day to the happening: 0 ('the Jan. 29 shooting') .. 6
    place: int | None = None  # index into the article's places
    place_detail: EventPlace | None = None
    place_confidence: float = 0.0
    reports: tuple[MeasureReport, ...] = ()
    roles: tuple[str, ...] = ()  # per figure: whole | part | history | other | unrelated
    names: tuple[str, ...] = ()  # normalised people, streets and venues
    words: tuple[str, ...] = ()  # the lead's distinctive words, for text similarity
    flags: tuple[Flag, ...] = ()  # the article's own flags that concern its whole counts

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "kind_evidence": self.kind_evidence.to_dict() if self.kind_evidence else None,
            "date": self.date,
            "date_evidence": self.date_evidence.to_dict() if self.date_evidence else None,
            "date_rank": self.date_rank,
            "place": self.place,
            "place_detail": self.place_detail.to_dict() if self.place_detail else None,
            "place_confidence": self.place_confidence,
            "reports": [r.to_dict() for r in self.reports],
            "roles": list(self.roles),
            "names": list(self.names),
            "words": list(self.words),
            "flags": [f.to_dict() for f in self.flags],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ArticleEvent:
        def span(x: dict[str, Any] | None) -> Span | None:
            return Span(x["text"], x["start"], x["end"]) if x else None

        return cls(
            kind=d.get("kind"), kind_evidence=span(d.get("kind_evidence")), date=d.get("date"),
            date_evidence=span(d.get("date_evidence")), date_rank=int(d.get("date_rank", 6)), place=d.get("place"),
            place_detail=EventPlace.from_dict(d.get("place_detail")),
            place_confidence=float(d.get("place_confidence") or 0.0),
            reports=tuple(MeasureReport.from_dict(r) for r in d.get("reports") or ()),
            roles=tuple(d.get("roles") or ()), names=tuple(d.get("names") or ()),
            words=tuple(d.get("words") or ()),
            flags=tuple(Flag(f["kind"], tuple(f["figures"]), f["reason"]) for f in d.get("flags") or ()),
        )

    def report(self, measure: str) -> MeasureReport | None:
        """The article's own count for ``measure``: its first (main) report."""
        return next((r for r in self.reports if r.measure == measure), None)


@dataclass(frozen=True)
class EventReport:
    """One report of an event's measure: the interval one claimant gave in one article."""

    article_id: int
    uri: str
    outlet: str | None
    published: str | None
    claimant: str | None
    low: int | None
    high: int | None
    best: int | None
    hedged: bool = False
    figure_idx: tuple[int, ...] = ()  # indices into the article's figures
    evidence: tuple[str, ...] = ()
    explicit: bool = False
    subject: str | None = None
    plain: bool = False
    when: str | None = None  # the day the count holds: stated, else the publication date
    headline_agrees: bool = False
    claimant_id: str | None = None  # who gives it, as one identity across the ledger

    def to_dict(self) -> dict[str, Any]:
        return {"article_id": self.article_id, "article": self.uri, "outlet": self.outlet,
                "published": self.published, "when": self.when, "claimant": self.claimant, "low": self.low,
                "high": self.high, "best": self.best, "hedged": self.hedged, "figures": list(self.figure_idx),
                "evidence": list(self.evidence), "explicit": self.explicit, "subject": self.subject,
                "plain": self.plain, "headline_agrees": self.headline_agrees, "claimant_id": self.claimant_id}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> EventReport:
        return cls(d["article_id"], d["article"], d.get("outlet"), d.get("published"), d.get("claimant"),
                   d.get("low"), d.get("high"), d.get("best"), bool(d.get("hedged")), tuple(d.get("figures") or ()),
                   tuple(d.get("evidence") or ()), bool(d.get("explicit")), d.get("subject"), bool(d.get("plain")),
                   d.get("when"), bool(d.get("headline_agrees")), d.get("claimant_id"))


@dataclass(frozen=True)
class EventMeasure:
    """An event's count for one measure, coded as UCDP does: low / best / high, the reports
    behind it (claimants and outlets kept apart), independent outlets and a grade."""

    measure: str
    low: int | None
    best: int | None
    high: int | None
    reports: tuple[EventReport, ...]
    sources: int  # independent outlets with a figure (copies count once)
    grade: str  # single_source | corroborated | contested
    best_basis: str = ""  # why best is what it is
    adjudicated: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"low": self.low, "best": self.best, "high": self.high, "sources": self.sources,
                "grade": self.grade, "best_basis": self.best_basis, "adjudicated": self.adjudicated,
                "reports": [r.to_dict() for r in self.reports]}

    @classmethod
    def from_dict(cls, measure: str, d: dict[str, Any]) -> EventMeasure:
        return cls(measure, d.get("low"), d.get("best"), d.get("high"),
                   tuple(EventReport.from_dict(r) for r in d.get("reports") or ()), int(d.get("sources") or 0),
                   d.get("grade") or "", d.get("best_basis") or "", bool(d.get("adjudicated")))


@dataclass(frozen=True)
class EventFlag:
    """Where an event's reports disagree: kind, the reports compared, a reason and evidence."""

    kind: str  # contradiction | update | corroboration_mismatch | ratio_mismatch
    measure: str
    reports: tuple[EventReport, ...]
    reason: str
    key: str  # stable identity, for accepting or dismissing it
    status: str = "open"  # open | accepted | dismissed

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "measure": self.measure, "reason": self.reason, "key": self.key,
                "status": self.status, "reports": [r.to_dict() for r in self.reports],
                "evidence": [e for r in self.reports for e in r.evidence[:1]]}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> EventFlag:
        return cls(d["kind"], d["measure"], tuple(EventReport.from_dict(r) for r in d.get("reports") or ()),
                   d["reason"], d["key"], d.get("status") or "open")


@dataclass(frozen=True)
class Event:
    """One real-world happening as the ledger knows it from every stored report."""

    id: str
    kind: str | None
    date: str | None
    place: EventPlace | None
    articles: tuple[str, ...]  # input ids of the articles whose main event this is (copies included)
    article_ids: tuple[int, ...]
    outlets: tuple[str, ...]
    measures: dict[str, EventMeasure]
    flags: tuple[EventFlag, ...] = ()
    first_reported: str | None = None
    last_reported: str | None = None
    title: str | None = None
    decisions: tuple[dict[str, Any], ...] = ()
    machine: dict[str, Any] | None = None  # the machine's view where an analyst's decisions differ

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "kind": self.kind, "date": self.date, "machine": self.machine,
            "place": self.place.to_dict() if self.place else None,
            "articles": list(self.articles), "article_ids": list(self.article_ids),
            "outlets": list(self.outlets), "title": self.title,
            "first_reported": self.first_reported, "last_reported": self.last_reported,
            "measures": {k: m.to_dict() for k, m in self.measures.items()},
            "flags": [f.to_dict() for f in self.flags],
            "decisions": list(self.decisions),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Event:
        """The event :meth:`to_dict` gave (what the ledger stores as an event's view)."""
        return cls(
            id=d["id"], kind=d.get("kind"), date=d.get("date"), place=EventPlace.from_dict(d.get("place")),
            articles=tuple(d.get("articles") or ()), article_ids=tuple(d.get("article_ids") or ()),
            outlets=tuple(d.get("outlets") or ()),
            measures={k: EventMeasure.from_dict(k, m) for k, m in (d.get("measures") or {}).items()},
            flags=tuple(EventFlag.from_dict(f) for f in d.get("flags") or ()),
            first_reported=d.get("first_reported"), last_reported=d.get("last_reported"), title=d.get("title"),
            decisions=tuple(d.get("decisions") or ()), machine=d.get("machine"),
        )


@dataclass(frozen=True)
class EventMember:
    """One stored report of an event, as matching and reconciliation read it."""

    article_id: int
    event: ArticleEvent
    uri: str = ""
    outlet: str | None = None
    published: str | None = None
    ingested_at: str | None = None
    title: str | None = None
    copy_of: int | None = None


@dataclass(frozen=True)
class EventCandidate:
    """A stored event a new article may report, with its members so far."""

    event_id: int
    members: tuple[EventMember, ...]


@dataclass(frozen=True)
class EventKey:
    """One index key an article is filed under, with its event date and how far apart in days
    two reports under this key may be and still be candidates for one event."""

    key: str
    date: str | None
    window: int


@dataclass(frozen=True)
class EventChoice:
    """The matcher's decision for one article: the event it joins (None: a new one) and why."""

    event_id: int | None
    score: float
    features: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class EventQuery:
    """Which events to show, and as of when (dates YYYY-MM-DD; None = no limit)."""

    as_of: str | None = None
    measure: str | None = None
    place: str | None = None  # a place name, an ISO 3166-2 code or a country code
    since: str | None = None
    until: str | None = None
    machine: bool = False  # the machine's view only, without analysts' decisions


@dataclass(frozen=True)
class EventViewer:
    """How the ledger makes the view it stores of an event when an article joins it: ``view``
    (the events stage's reconciliation of the event's members) and the ``version`` of the
    code behind it (a stored view of another version is computed again)."""

    version: str
    view: Callable[[int, Sequence[EventMember]], Event]


@dataclass(frozen=True)
class Query:
    """What a face asks of a resource (events, figures, claims, claimants, articles, places,
    flags): filters, a sort, and a page. Pages are keyset pages: ``after`` is the cursor the
    previous page returned. Dates are YYYY-MM-DD; None = no filter."""

    measure: str | None = None
    kind: str | None = None  # the happening's kind (events, and the articles and figures that report one)
    place: str | None = None  # a country code, an ISO 3166-2 code or a place name; sub-places included
    claimant: str | None = None  # words of the source's name
    outlet: str | None = None
    since: str | None = None
    until: str | None = None
    q: str | None = None  # full-text search of the articles' titles and text
    as_of: str | None = None  # events as the ledger knew them that day
    flag: str | None = None  # a flag kind
    status: str | None = None  # flags: open | accepted | dismissed
    sort: str | None = None  # a resource's sort column (None: its default)
    desc: bool = False
    after: str | None = None
    limit: int = 50


@dataclass(frozen=True)
class Page:
    """One page of a resource: its items (plain dicts as JSON shows them, or a row's JSON text
    where the ledger stores it so: the events' views) and the next page's cursor."""

    resource: str
    items: list[Any]
    next: str | None
    query: Query

    @cached_property
    def rows(self) -> list[dict[str, Any]]:
        return [json.loads(x) if isinstance(x, str) else x for x in self.items]

    def to_dict(self) -> dict[str, Any]:
        return {self.resource: self.rows, "next": self.next, "limit": self.query.limit}

    def to_json(self) -> str:
        """:meth:`to_dict` as JSON, stored rows passed through as they are stored (not decoded)."""
        rows = ",".join(x if isinstance(x, str) else json.dumps(x, ensure_ascii=False, default=str)
                        for x in self.items)
        head = json.dumps(self.resource)
        return f'{{{head}: [{rows}], "next": {json.dumps(self.next)}, "limit": {self.query.limit}}}'


@dataclass(frozen=True)
class Reconciliation:
    """The report: the ledger's events (each with its reports and flags) and syndicated copies."""

    events: tuple[Event, ...]
    articles: int = 0
    copies: dict[int, list[dict[str, Any]]] = field(default_factory=dict)  # original -> {article_id, outlet, uri}

    @property
    def flags(self) -> tuple[tuple[str, EventFlag], ...]:
        """(event id, flag) for every event's flags."""
        return tuple((e.id, f) for e in self.events for f in e.flags)

    def to_dict(self) -> dict[str, Any]:
        return {"articles": self.articles, "events": [e.to_dict() for e in self.events],
                "flags": [{"event": e, **f.to_dict()} for e, f in self.flags],
                "copies": {str(k): v for k, v in self.copies.items()}}
