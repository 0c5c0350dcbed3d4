"""An article's main happening: what, where, when, its whole-event counts and each figure's role.

Pure functions over an :class:`~claimledger.records.Extraction`; no parse, no database. The
extract stage already decides which figures make the article's totals (``Totals.figures``) and
which are background (``Totals.background``); here each figure gets a role:

- ``whole``: the main event's whole toll for its measure (one report per claimant);
- ``part``: a subset of a whole ("two of them", "one critically", a named victim);
- ``history``: another, earlier happening or a running tally ("the 2015 attack that killed nine");
- ``other``: a different happening told in the same text ("in a separate shooting", a sidebar).
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property

from claimledger.events.lexicon import Lexicon
from claimledger.records import (
    CLAIMANT_TYPES,
    ArticleEvent,
    Claim,
    EventPlace,
    Extraction,
    Figure,
    MeasureReport,
    Place,
    Span,
)

WHOLE, PART, HISTORY, OTHER = "whole", "part", "history", "other"
LOCAL_KINDS = frozenset({"feature", "district"})  # placed at their town's point (extract/places)
NOT_WHERE = frozenset({"continent", "demonym"})  # places that never say where it happened ('Russian troops')
FINENESS = {"feature": 3, "district": 3, "city": 3, "admin2": 2, "admin1": 1, "region": 0.5, "country": 0.0,
            "continent": -1.0}
LEAD_SENTENCES = 3
LIFTED = ("corroboration_mismatch", "ratio_mismatch")  # article flags an event keeps
PUBLISHED_RANK = 6  # the publication date stands in for an unstated day
REPORTING_LAG_DAYS = 1
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])|\n+")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")
_NUMERAL = re.compile(r"\d|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|scores?|"
                      r"hundreds?|thousands?|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)\b", re.I)
_STREET = re.compile(
    r"\b(?:\d{1,5}\s+)?(?:[A-Z][a-z]+\.?\s){1,3}(?:Street|St|Avenue|Ave|Road|Rd|Drive|Dr|Boulevard|Blvd|"
    r"Lane|Ln|Way|Court|Ct|Place|Pl|Highway|Hwy|Parkway|Pkwy|Terrace|Circle|Trail|Pike)\b\.?")


@dataclass(frozen=True)
class _Text:
    """The article's text with its sentences, read once."""

    text: str
    sentences: tuple[tuple[int, int], ...]
    published: date | None

    @cached_property
    def _ends(self) -> list[int]:
        return [e for _, e in self.sentences]

    def sentence_of(self, pos: int) -> tuple[int, int]:
        n = self.index_of(pos)
        if n < len(self.sentences) and self.sentences[n][0] <= pos:
            return self.sentences[n]
        return pos, pos

    def index_of(self, pos: int) -> int:
        """The first sentence ending after ``pos`` (sentences are in text order)."""
        return bisect.bisect_right(self._ends, pos)


def article_event(ex: Extraction, lexicon: Lexicon) -> ArticleEvent:
    """The article's main happening, from its extraction alone."""
    t = _Text(ex.article.masked, ex.sentences or split_sentences(ex.article.masked), ex.article.published)
    roles = figure_roles(ex, lexicon)
    kind, kind_span = event_kind(ex, t, lexicon)
    wholes = [ex.figures[i] for i, r in enumerate(roles) if r == WHOLE]
    anchor_sentences = {t.sentence_of(f.span.start) for f in wholes}
    if kind_span is not None:
        anchor_sentences.add(t.sentence_of(kind_span.start))
    when, when_span, when_rank = event_date(ex, t, anchor_sentences, lexicon)
    place, confidence = event_place(ex, t, anchor_sentences)
    detail = _place_detail(ex.places[place]) if place is not None else headline_place(ex)
    reports = measure_reports(ex, roles, lexicon)
    reports += headline_reports(ex, {r.measure for r in reports})
    reports = [r for r in reports if not _shot_who_died(ex, r)]
    return ArticleEvent(
        kind=kind, kind_evidence=kind_span, date=when, date_evidence=when_span, date_rank=when_rank, place=place,
        place_detail=detail, place_confidence=round(confidence if place is not None else 0.25, 3),
        reports=tuple(reports), roles=tuple(roles),
        names=tuple(event_names(ex)), words=tuple(lead_words(ex, t, lexicon)),
        flags=tuple(f for f in ex.flags if f.kind in LIFTED and any(roles[i] == WHOLE for i in f.figures
                                                                       if 0 <= i < len(roles))),
    )


def split_sentences(text: str) -> tuple[tuple[int, int], ...]:
    """Sentences by punctuation and line breaks, for extractions that carry no parse."""
    out, pos = [], 0
    for m in _SENTENCE_END.finditer(text):
        if text[pos:m.start()].strip():
            out.append((pos, m.start()))
        pos = m.end()
    if text[pos:].strip():
        out.append((pos, len(text)))
    return tuple(out)


# -- roles ---------------------------------------------------------------------------------------

def figure_roles(ex: Extraction, lexicon: Lexicon) -> list[str]:
    """Each figure's role in the article's main event (see the module docstring)."""
    behind = {i for idx in ex.totals.figures.values() for i in idx}
    background = set(ex.totals.background)
    roles: list[str] = []
    for i, f in enumerate(ex.figures):
        if i in background:
            roles.append(HISTORY)
        elif f.sentence is not None and lexicon.separate(f.sentence.text):
            roles.append(OTHER)
        elif i in behind:
            roles.append(WHOLE)
        else:
            roles.append(PART)
    return _competing_wholes(ex, roles)


def _competing_wholes(ex: Extraction, roles: list[str]) -> list[str]:
    """A figure another claimant gives for the same measure and subject as the whole, which
    cannot hold with it, is that claimant's own whole count (the two are compared later)."""
    out = list(roles)
    for i, f in enumerate(ex.figures):
        if roles[i] != PART or f.ratio is not None or f.of_figure is not None:
            continue
        for j, g in enumerate(ex.figures):
            if roles[j] != WHOLE or g.measure != f.measure:
                continue
            who_f, who_g = claimant(ex.claims, f), claimant(ex.claims, g)
            if (who_f and who_g and _key(who_f) != _key(who_g) and _same_subject(f, g)
                    and _disjoint(f, g)):
                out[i] = WHOLE
                break
    return out


def _same_subject(a: Figure, b: Figure) -> bool:
    ka, kb = _subject_words(a), _subject_words(b)
    return bool(ka and kb and (ka <= kb or kb <= ka))


def _subject_words(f: Figure) -> set[str]:
    if f.subject is None:
        return set()
    return {w.lower() for w in _WORD.findall(f.subject.text)} - {"the", "a", "an", "of", "more", "than", "over"}


def _disjoint(a: Figure, b: Figure) -> bool:
    if a.high is not None and b.low is not None and a.high < b.low:
        return True
    return b.high is not None and a.low is not None and b.high < a.low


def claimant(claims: Sequence[Claim], f: Figure) -> str | None:
    """Who gives the figure, as one identity however the article names them: the claim's
    claimant id ("Synehubov" and "Kharkiv Governor Synehubov" are one), else (claims made
    before claimants had ids) its resolved speaker or source text."""
    if f.claim is None or not 0 <= f.claim < len(claims):
        return None
    c = claims[f.claim]
    return c.claimant_id or c.speaker or (c.source.text if c.source else None)


def claimant_label(claims: Sequence[Claim], f: Figure) -> str | None:
    """Who gives the figure as a report shows it: the claimant's name and type
    ("Oleh Synehubov, government official")."""
    if f.claim is None or not 0 <= f.claim < len(claims):
        return None
    c = claims[f.claim]
    name = c.speaker or (c.source.text if c.source else None)
    if name is None or c.claimant_type in ("other", "unattributed"):
        return name
    return f"{name}, {CLAIMANT_TYPES.get(c.claimant_type, c.claimant_type)}"


def _key(who: str) -> str:
    return " ".join(who.lower().split()).removeprefix("the ")


# -- reports ---------------------------------------------------------------------------------------

def measure_reports(ex: Extraction, roles: Sequence[str], lexicon: Lexicon) -> list[MeasureReport]:
    """Per measure, the article's whole count (first) and any competing claimant's count."""
    out: list[MeasureReport] = []
    own = {"killed": ex.totals.killed, "injured": ex.totals.injured}
    for measure in _measures(ex, roles):
        figs = [i for i, r in enumerate(roles) if r == WHOLE and ex.figures[i].measure == measure]
        behind = [i for i in ex.totals.figures.get(measure, ()) if i in figs]
        rest = [i for i in figs if i not in behind]
        if behind or own.get(measure):
            out.append(_report(ex, measure, behind, own.get(measure), lexicon))
        for who, group in _by_claimant(ex, rest).items():
            if who is not None:
                out.append(_report(ex, measure, group, None, lexicon))
    return out


def _measures(ex: Extraction, roles: Sequence[str]) -> list[str]:
    seen: list[str] = []
    for measure in ("killed", "injured"):
        if getattr(ex.totals, measure):
            seen.append(measure)
    for i, f in enumerate(ex.figures):
        if roles[i] == WHOLE and f.measure != "other" and f.measure not in seen:
            seen.append(f.measure)
    return seen


def _by_claimant(ex: Extraction, idx: Sequence[int]) -> dict[str | None, list[int]]:
    out: dict[str | None, list[int]] = {}
    for i in idx:
        who = claimant(ex.claims, ex.figures[i])
        out.setdefault(_key(who) if who else None, []).append(i)
    return out


def _report(ex: Extraction, measure: str, idx: Sequence[int], total: int | None, lexicon: Lexicon
            ) -> MeasureReport:
    """One report: the interval its figures assert (several figures that add up give their sum),
    with ``best`` the article's total when it has one."""
    figs = [ex.figures[i] for i in idx]
    if total is not None:
        low, high, best = _interval(figs, total)
    else:
        low, high, best = _interval(figs, None)
    whos = {claimant(ex.claims, f) for f in figs}
    who_id = next(iter(whos)) if len(whos) == 1 else None
    who = claimant_label(ex.claims, figs[0]) if who_id is not None else None
    hedged = bool(figs) and all(f.claim is not None and ex.claims[f.claim].hedged for f in figs)
    evidence = tuple(dict.fromkeys(f.sentence for f in figs if f.sentence is not None))
    explicit = bool(figs) and all(_NUMERAL.search(f.span.text) for f in figs)
    subject = next((f.subject.text for f in figs if f.subject is not None), None)
    plain = bool(figs) and not any(lexicon.not_whole(f.sentence.text) if f.sentence else False for f in figs) \
        and not any(lexicon.part(_phrase(ex.article.text, f)) for f in figs)
    days = {f.date for f in figs if f.date and not f.date.startswith("--")}
    headline = getattr(ex.title.totals, measure, None) if ex.title is not None else None
    return MeasureReport(measure, low, high, best, tuple(idx), who, hedged, evidence[:3], explicit=explicit,
                         subject=subject, plain=plain, when=days.pop() if len(days) == 1 else None,
                         headline_agrees=headline is not None and headline == best, claimant_id=who_id)


def _phrase(text: str, f: Figure) -> str:
    """The figure's own phrase: a few words before its number, through its subject."""
    start = max(0, text.rfind(" ", 0, max(0, f.span.start - 12)))
    end = f.subject.end if f.subject is not None and f.subject.end > f.span.end else f.span.end
    return text[start:end + 1]


def _interval(figs: Sequence[Figure], total: int | None) -> tuple[int | None, int | None, int | None]:
    if len(figs) == 1 and figs[0].ratio is None:
        f = figs[0]
        best = total if total is not None else (f.point if f.point is not None else f.low)
        if total is not None and not _inside(total, f.low, f.high):
            return total, total, total  # the total adds to the figure (a perpetrator, say)
        return f.low, f.high, best
    if total is not None:
        return total, total, total
    values = [f.point if f.point is not None else f.low for f in figs]
    known = [v for v in values if v is not None]
    best = sum(known) if known else None
    return best, best, best


def _inside(v: int, low: int | None, high: int | None) -> bool:
    return (low is None or low <= v) and (high is None or v <= high)


def headline_reports(ex: Extraction, known: set[str]) -> list[MeasureReport]:
    """The headline's killed/injured counts for measures the body does not count (a stub or a
    video page whose story is in its title)."""
    if ex.title is None:
        return []
    out = []
    for measure in ("killed", "injured"):
        value = getattr(ex.title.totals, measure)
        if value and measure not in known and not _maybe_the_dead(ex, measure, value):
            out.append(MeasureReport(measure, value, value, value, headline=ex.title.text))
    return out


def _shot_who_died(ex: Extraction, r: MeasureReport) -> bool:
    """The body's shot victims when only the headline tells a death ('Teen dies after
    shooting' over 'He was shot in the chest'): they may be the dead, so no injured count."""
    headline_killed = ex.title.totals.killed if ex.title is not None else None
    return r.measure == "injured" and r.headline is None and not ex.totals.killed \
        and bool(headline_killed) and (headline_killed or 0) >= (r.best or 0)


def _maybe_the_dead(ex: Extraction, measure: str, value: int) -> bool:
    """A headline's shot victims ('Man shot on Elm Street') who may be the body's dead: the
    headline counts no dead and no more victims than the body's killed."""
    return measure == "injured" and ex.title is not None and not ex.title.totals.killed \
        and (ex.totals.killed or 0) >= value


def headline_place(ex: Extraction) -> EventPlace | None:
    """The headline's finest resolved place, for a body that names none."""
    if ex.title is None:
        return None
    located = [p for p in ex.title.places if p.lat is not None and p.kind not in NOT_WHERE]
    if not located:
        return None
    return _place_detail(max(located, key=lambda p: FINENESS.get(p.kind or "", 0.0)))


# -- what happened ---------------------------------------------------------------------------------

def event_kind(ex: Extraction, t: _Text, lexicon: Lexicon) -> tuple[str | None, Span | None]:
    """The commonest kind of happening named in the title and the lead (title counts double)."""
    scores: dict[str, float] = {}
    first: dict[str, Span] = {}
    for kind, weight, _ in lexicon.find_kinds(ex.article.title or ""):
        scores[kind] = scores.get(kind, 0.0) + 2 * weight
    lead_end = t.sentences[min(LEAD_SENTENCES, len(t.sentences)) - 1][1] if t.sentences else 0
    for kind, weight, (s, e) in lexicon.find_kinds(t.text[:lead_end]):
        scores[kind] = scores.get(kind, 0.0) + weight
        first.setdefault(kind, Span.of(ex.article.text, s, e))
    if not scores:
        return None, None
    kind = max(scores, key=lambda k: (scores[k], -(first[k].start if k in first else 10**9)))
    return kind, first.get(kind)


# -- when ----------------------------------------------------------------------------------------

def event_date(ex: Extraction, t: _Text, anchors: set[tuple[int, int]], lexicon: Lexicon
               ) -> tuple[str | None, Span | None, int]:
    """The day it happened: a date stated in a sentence that tells the happening (its whole
    counts or its kind word), else the first in the lead; else the publication date.
    Dates after publication or long before it, and page furniture ('Posted: ...'), are not
    the happening's; nor are those of later steps (an arrest, a hearing) unless a kind word is
    next to them. Returns (day, the expression, its rank: 0 best .. PUBLISHED_RANK)."""
    pub = ex.article.published
    lead = {t.sentences[n] for n in range(min(LEAD_SENTENCES, len(t.sentences)))}
    kind_words = [(s, e) for _, _, (s, e) in lexicon.find_kinds(t.text)]
    ranked: list[tuple[int, int, str, Span]] = []
    for d in ex.dates:
        if not d.value or d.value.startswith("--") or not _plausible(d.value, pub):
            continue
        sent = t.sentence_of(d.span.start)
        if lexicon.furniture(t.text[sent[0]:sent[1]]):
            continue
        said = lexicon.speech_date(t.text[max(sent[0], d.span.start - 30):d.span.start],
                                   t.text[d.span.end:min(sent[1], d.span.end + 12)])
        near_kind = any(abs(d.span.start - e) < 25 or abs(s - d.span.end) < 25 for s, e in kind_words)
        later = lexicon.procedure(t.text[sent[0]:sent[1]])
        if near_kind and not said:
            rank = 0  # 'the Jan. 29 shooting', 'shot on Saturday'
        elif (sent in anchors or sent in lead) and not later:
            rank = (1 if sent in anchors else 2) + (2 if said else 0)
        else:
            rank = 5
        ranked.append((rank, d.span.start, d.value, d.span))
    if ranked:
        rank, _, value, span = min(ranked)
        return value, span, rank
    # unstated: news reports a happening on its day or after it, so the day before publication
    # is the day within a day of most happenings
    return ((pub - timedelta(days=REPORTING_LAG_DAYS)).isoformat() if pub else None), None, PUBLISHED_RANK


def _plausible(value: str, pub: date | None) -> bool:
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return False
    return pub is None or pub - timedelta(days=31) <= day <= pub


# -- where ---------------------------------------------------------------------------------------

def event_place(ex: Extraction, t: _Text, anchors: set[tuple[int, int]]) -> tuple[int | None, float]:
    """The finest place where it happened: resolved places scored by their level, where they
    are named (the dateline, the sentences that tell the happening, the lead), how often, and
    whether they agree with the article's main region. Returns (place index, confidence)."""
    located = [i for i, p in enumerate(ex.places) if p.lat is not None and p.kind not in NOT_WHERE]
    if not located:
        return None, 0.0
    region = _main_region(ex.places, located)
    counts: dict[str, int] = {}
    for i in located:
        counts[_place_key(ex.places[i])] = counts.get(_place_key(ex.places[i]), 0) + 1
    scores: dict[int, float] = {}
    for i in located:
        p = ex.places[i]
        key = _place_key(p)
        if any(_place_key(ex.places[j]) == key for j in scores):
            continue  # the first mention stands for the place
        scores[i] = _place_score(p, t, anchors, counts[key], region)
    ranked = sorted(scores, key=lambda i: (-scores[i], i))
    top = _finest_within(ex.places, ranked)
    rest = [scores[i] for i in ranked if i != top]
    margin = scores[top] - (rest[0] if rest else 0.0)
    return top, 1.0 - math.exp(-max(margin, 0.0))


def _finest_within(places: Sequence[Place], ranked: Sequence[int]) -> int:
    """The best-scored place, or a town inside it: when the winner is a county, a state or a
    street, the best-scored town of the same region named in the article (or, for a street,
    at the same point) is where it happened."""
    top = places[ranked[0]]
    local = top.kind in LOCAL_KINDS
    if top.kind in ("city", None) or top.iso3166_2 is None and not local:
        return ranked[0]
    for i in ranked[1:]:
        p = places[i]
        if p.kind != "city":
            continue
        if local and (p.lat, p.lon) == (top.lat, top.lon):
            return i
        if not local and p.iso3166_2 == top.iso3166_2:
            return i
    return ranked[0]


def _place_score(p: Place, t: _Text, anchors: set[tuple[int, int]], count: int,
                 region: str | None) -> float:
    sent = t.sentence_of(p.span.start)
    n = t.index_of(p.span.start)
    score = FINENESS.get(p.kind or "", 0.0)
    if p.kind in LOCAL_KINDS:
        score -= 0.5  # a street, building or neighbourhood: its town is the place, at the same point
    if p.span.start < 120 and n == 0:
        score += 1.5  # dateline or headline
    if sent in anchors:
        score += 1.5
    elif n < LEAD_SENTENCES:
        score += 0.75
    score += 0.5 * math.log1p(count - 1)
    if region is not None and _region(p) not in (None, region):
        score -= 2.0
    return score


def _place_key(p: Place) -> str:
    return str(p.geonames_id) if p.geonames_id else f"{p.name}|{p.country}|{p.kind}"


def _region(p: Place) -> str | None:
    """The first-level region a place lies in (ISO 3166-2), else its country."""
    return p.iso3166_2 or p.country


def _main_region(places: Sequence[Place], located: Sequence[int]) -> str | None:
    """The region most of the article's resolved places lie in (first-named wins ties)."""
    counts: dict[str, int] = {}
    for i in located:
        r = _region(places[i])
        if r and places[i].kind != "country":
            counts[r] = counts.get(r, 0) + 1
    if not counts:
        return None
    return max(counts, key=lambda r: counts[r])


def _place_detail(p: Place) -> EventPlace:
    return EventPlace(name=p.name, country=p.country, iso3166_2=p.iso3166_2, lat=p.lat, lon=p.lon,
                      kind=p.kind, geonames_id=p.geonames_id)


# -- names and words -----------------------------------------------------------------------------

def event_names(ex: Extraction) -> list[str]:
    """People (full names), streets and venues the article names: what identifies a happening
    across reports. Lower-case, in text order, each once."""
    seen: list[str] = []
    for e in ex.entities:
        if e.label == "PERSON":
            words = _WORD.findall(e.span.text)
            if len(words) >= 2:
                _add(seen, " ".join(w.lower() for w in words[:3]))
        elif e.label == "FAC":
            _add(seen, " ".join(w.lower() for w in _WORD.findall(e.span.text)))
    for m in _STREET.finditer(ex.article.masked):
        _add(seen, " ".join(w.lower().rstrip(".") for w in _WORD.findall(m.group(0))))
    return seen[:40]


def _add(seen: list[str], key: str) -> None:
    if key and key not in seen:
        seen.append(key)


def lead_words(ex: Extraction, t: _Text, lexicon: Lexicon) -> list[str]:
    """The title's and lead's words that are not common words: for text similarity."""
    lead_end = t.sentences[min(LEAD_SENTENCES, len(t.sentences)) - 1][1] if t.sentences else 0
    words: list[str] = []
    for w in _WORD.findall((ex.article.title or "") + " " + t.text[:lead_end]):
        lw = w.lower().strip("'’-")
        if len(lw) > 2 and not lexicon.common(lw):
            _add(words, lw)
    return words[:60]
