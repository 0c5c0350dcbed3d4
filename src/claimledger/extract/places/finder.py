"""Places: recognise location mentions and resolve them offline with the gazetteer.

1. Recognition (``_recognise``): spaCy GPE/LOC/FAC entities, trimmed of 'the' and
   possessives and split at commas ('Dover, Delaware'), plus capitalised names the gazetteer knows
   that the small model missed or mislabelled ('Kursk' as PRODUCT), accepted by their surroundings.
   Demonyms, people named like towns ('coach Ripley') and armed groups are not places.
2. Resolution (``_resolve``): each name's candidates ranked by feature level and size, then
   with the article's other places as context and with explicit containers ('Paris, Tex.').
3. Approximations: US counties without a point take their towns' or state's; streets and
   buildings take the article's town (kind 'feature'). Unresolvable names are kept without
   coordinates.

Each mention gives one :class:`~claimledger.records.Place`, in text order.
"""

from __future__ import annotations

import functools

from spacy.tokens import Doc

from claimledger.extract.places._filter import Filter
from claimledger.extract.places._rank import Ranker
from claimledger.extract.places._recognise import Mention, name_parts_of, recognise
from claimledger.extract.places._resolve import (
    Resolution,
    distance_km,
    locate_counties,
    locate_districts,
    locate_features,
    resolve,
)
from claimledger.extract.places._words import ADMIN_KINDS, DEMONYM, DOTTED, PLACE_LABELS
from claimledger.extract.places.gazetteer import Candidate, Gazetteer
from claimledger.records import Place, PlaceReading, Span

__all__ = ["find_places", "recognise", "resolve", "distance_km", "Mention"]


def find_places(doc: Doc, gazetteer: Gazetteer, ranker: Ranker | None = None,
                place_filter: Filter | None = None) -> list[Place]:
    """Every place mention in ``doc``, resolved where the gazetteer knows it (``ranker`` and
    ``place_filter``: the shipped models unless given)."""
    mentions = recognise(doc, gazetteer)
    resolutions = resolve(doc, mentions, gazetteer, ranker or default_ranker())
    keep, names = place_filter or default_filter(), name_parts_of(list(doc.ents))
    kept = [k for k, (m, r) in enumerate(zip(mentions, resolutions, strict=True)) if keep.keep(doc, m, r, names)]
    mentions, resolutions = [mentions[k] for k in kept], [resolutions[k] for k in kept]
    picks = [r.pick for r in resolutions]
    picks = locate_counties(mentions, picks, gazetteer)
    picks = locate_features(doc, mentions, picks)
    picks = locate_districts(doc, mentions, picks)
    text = doc.text
    return [_place(doc, text, m, c, r) for m, c, r in zip(mentions, picks, resolutions, strict=True)
            if _keep(doc, m, c)]


@functools.cache
def default_ranker() -> Ranker:
    """The shipped ranker (read-only after loading: safe to share)."""
    return Ranker.load()


@functools.cache
def default_filter() -> Filter:
    """The shipped recognition filter (read-only after loading: safe to share)."""
    return Filter.load()


def _keep(doc: Doc, m: Mention, c: Candidate | None) -> bool:
    """Unresolved names are kept (null coordinates) unless they look like demonyms ('Sri
    Lankan') or are not proper names."""
    if c is not None:
        return True
    if m.source not in PLACE_LABELS or m.source == "FAC":
        return False
    span = doc[m.start:m.end]
    if not span.text[:1].isupper() or not any(t.pos_ == "PROPN" for t in span):
        return False
    if DOTTED.match(span.text):
        return False  # unknown initials ('I.R.S.') are agencies, not places
    if len(span) == 1:
        return not (span[0].tag_ in ("JJ", "NNPS") or DEMONYM.search(span.text))
    return not span[-1].text.endswith(("ian", "ese", "ish", "kan"))  # 'Sri Lankan', 'South Ossetian'


def _place(doc: Doc, text: str, m: Mention, c: Candidate | None, r: Resolution) -> Place:
    start, end = doc[m.start].idx, doc[m.end - 1].idx + len(doc[m.end - 1])
    span = Span.of(text, start, end)
    if c is None:
        return Place(span=span, name=span.text, country=None, kind=None)
    if m.source == "DEMONYM":  # 'Russian officials': the country's point, kind 'demonym'
        return Place(span=span, name=c.name, country=c.country or None, iso3166_2=_subdivision(c),
                     lat=_round(c.lat), lon=_round(c.lon), geonames_id=c.geonames_id, kind="demonym",
                     confidence=1.0)
    return Place(span=span, name=c.name, country=c.country or None, iso3166_2=_subdivision(c),
                 lat=_round(c.lat), lon=_round(c.lon), geonames_id=c.geonames_id, kind=c.kind,
                 confidence=round(r.confidence, 4) if c is r.pick else None,
                 readings=tuple(_reading(o, p) for o, p in r.ranked))


def _subdivision(c: Candidate) -> str | None:
    """A subdivision's own ISO 3166-2 code; for a town or a county without one, its state's."""
    if c.kind in ADMIN_KINDS:
        return c.iso or c.admin1 or None
    return c.admin1 or None if c.kind in ("city", "district") else None


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 5)


def _reading(c: Candidate, p: float) -> PlaceReading:
    return PlaceReading(name=c.name, kind=c.kind, country=c.country or None, iso3166_2=_subdivision(c),
                        lat=_round(c.lat), lon=_round(c.lon), geonames_id=c.geonames_id,
                        probability=round(p, 4))
