"""Reconciliation per event: low / best / high per measure, sources, grade, and flags.

Conventions (see ../shared/CODING.md): UCDP's low/best/high, Iraq Body Count's min/max, and the
single-source vs corroborated grading of Airwars. A toll that rises over time is an update, not
a contradiction; only whole-event counts of the same time that cannot both hold are flagged.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from claimledger.events.lexicon import Lexicon
from claimledger.events.match import Member, days_between
from claimledger.events.profile import event_day, event_place
from claimledger.records import Event, EventFlag, EventMeasure, EventReport

SAME_TIME_DAYS = 1  # reports this close in time count the same moment


def reconcile_event(event_id: str, members: Sequence[Member]) -> Event:
    """The event as its members report it (members in any order; copies count once)."""
    members = sorted(members, key=_order)
    originals = [m for m in members if m.copy_of is None]
    reports = [_reports(m) for m in originals]
    by_measure: dict[str, list[EventReport]] = {}
    for rs in reports:
        for r in rs:
            by_measure.setdefault(r[0], []).append(r[1])
    lexicon = Lexicon()
    died = later_deaths(by_measure)
    measures = {k: measure_view(k, v, lexicon, died if k == "injured" else None) for k, v in by_measure.items()}
    flags = [f for k, v in by_measure.items() for f in measure_flags(k, v)]
    flags += [f for m in originals for f in lifted_flags(m)]
    dated = [m.published for m in members if m.published]
    return Event(
        id=event_id,
        kind=_kind(originals),
        date=event_day(originals),
        place=event_place(originals),
        articles=tuple(m.uri for m in members),
        article_ids=tuple(m.article_id for m in members),
        outlets=tuple(dict.fromkeys(m.outlet for m in members if m.outlet)),
        measures=measures,
        flags=tuple(flags),
        first_reported=min(dated) if dated else None,
        last_reported=max(dated) if dated else None,
        title=next((m.title for m in members if m.title), None),
    )


def _order(m: Member) -> tuple[str, str, int]:
    return (m.published or "9999", m.ingested_at or "", m.article_id)


def _reports(m: Member) -> list[tuple[str, EventReport]]:
    return [(r.measure, EventReport(
        article_id=m.article_id, uri=m.uri, outlet=m.outlet, published=m.published, claimant=r.claimant,
        low=r.low, high=r.high, best=r.best, hedged=r.hedged, figure_idx=r.figures,
        evidence=tuple(e.text for e in r.evidence) or ((f"(headline) {r.headline}",) if r.headline else ()),
        explicit=r.explicit, subject=r.subject, plain=r.plain, when=r.when or m.published,
        headline_agrees=r.headline_agrees, claimant_id=r.claimant_id)) for r in m.event.reports]


# -- where, when, what ---------------------------------------------------------------------------

def _kind(members: Sequence[Member]) -> str | None:
    counts: dict[str, int] = {}
    for m in members:
        if m.event.kind:
            counts[m.event.kind] = counts.get(m.event.kind, 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else None


# -- counts ------------------------------------------------------------------------------------------

def measure_view(measure: str, reports: Sequence[EventReport], lexicon: Lexicon | None = None,
                 died: dict[int, int] | None = None) -> EventMeasure:
    """low / best / high over the reports, the independent outlets, the grade; ``best`` from
    the reports that count this happening alone when there are any (not a roundup's count),
    each less the victims later reports say have died since (``died``: article id -> count)."""
    credible = [r for r in reports if not r.hedged] or list(reports)
    if died:
        credible = [replace(r, best=max(0, r.best - died.get(r.article_id, 0))) if r.best is not None else r
                    for r in credible]
    lows = [v for r in credible if (v := r.low if r.low is not None else r.best) is not None]
    highs = [v for r in credible if (v := r.high if r.high is not None else
                                     max((x for x in (r.low, r.best) if x is not None), default=None)) is not None]
    best, basis = best_value(_one_happening(credible, lexicon or Lexicon()) or credible)
    outlets = {r.outlet or r.uri for r in reports}
    agree = {r.best for r in _latest(credible)}
    if len(agree) > 1:
        grade = "contested"  # the latest reports disagree
    elif len(outlets) < 2:
        grade = "single_source"
    else:
        grade = "corroborated"
    return EventMeasure(measure, min(lows) if lows else None, best, max(highs) if highs else None,
                        tuple(reports), len(outlets), grade, basis)


def later_deaths(by_measure: dict[str, list[EventReport]]) -> dict[int, int]:
    """Per article with an injured count: how many more dead later reports give than the
    article itself (a victim in critical condition who died: no longer among the injured)."""
    killed = [r for r in by_measure.get("killed", ()) if r.best is not None and r.published]
    own = {r.article_id: r.best or 0 for r in killed}
    out: dict[int, int] = {}
    for r in by_measure.get("injured", ()):
        later = [k.best or 0 for k in killed if r.published and (k.published or "")[:10] > r.published[:10]]
        extra = max(later, default=0) - own.get(r.article_id, 0)
        if extra > 0:
            out[r.article_id] = extra
    return out


def _one_happening(reports: Sequence[EventReport], lexicon: Lexicon) -> list[EventReport]:
    """The reports whose evidence counts this happening alone (not a roundup or a tally)."""
    return [r for r in reports if not any(lexicon.roundup(e) for e in r.evidence)]


def _latest(reports: Sequence[EventReport]) -> list[EventReport]:
    """The reports of the most recent publication day (undated reports count as the latest)."""
    dated = [r.published for r in reports if r.published]
    if not dated:
        return list(reports)
    last = max(dated)
    return [r for r in reports if not r.published or (days_between(r.published, last) or 0) <= 0]


def best_value(reports: Sequence[EventReport]) -> tuple[int | None, str]:
    """What the most recent, best-corroborated reports support: among the latest day's reports
    the value most outlets give; ties go to the higher (tolls rise as victims die)."""
    latest = [r for r in _latest(reports) if r.best is not None]
    if not latest:
        return None, "no figure"
    support: dict[int, set[str]] = {}
    for r in latest:
        assert r.best is not None
        support.setdefault(r.best, set()).add(r.outlet or r.uri)
    value = max(support, key=lambda v: (len(support[v]), v))
    n = len(support[value])
    return value, f"{'latest report' if len(latest) == 1 else f'{n} of {len(latest)} latest reports'}"


# -- flags --------------------------------------------------------------------------------------------

def measure_flags(measure: str, reports: Sequence[EventReport]) -> list[EventFlag]:
    """Updates: a source's successive counts (every step), and a toll that rises across
    reports over time. Contradictions: two sources' whole counts of the same time that
    cannot both hold; across articles, each count must be backed (by another report of the
    same value, or by its own headline), so one misread sentence does not raise a flag. One flag
    per pair of sources and kind."""
    flags = _revisions(measure, reports)
    backing: dict[int | None, int] = {}
    for r in reports:
        backing[r.best] = backing.get(r.best, 0) + 1
    taken = {frozenset((f.reports[0].article_id, f.reports[1].article_id)) for f in flags}
    best: dict[tuple[str, str, str], tuple[int, EventReport, EventReport]] = {}
    for j, b in enumerate(reports):
        for a in reports[:j]:
            if not _disjoint(a, b) or _source(a) == _source(b) or not _same_kind_of_people(a.subject, b.subject):
                continue
            if frozenset((a.article_id, b.article_id)) in taken and a.article_id != b.article_id:
                continue
            apart = days_between(a.when, b.when)
            if a.when and b.when and b.when < a.when:
                a, b = b, a
            kind = _pair_kind(a, b, apart)
            if kind == "contradiction" and not _grounded(a, b, backing):
                continue
            if kind is None:
                continue
            first, second = sorted((_source(a), _source(b)))
            key = (kind, first, second)
            closeness = apart if apart is not None else 0
            if key not in best or closeness < best[key][0]:
                best[key] = (closeness, a, b)
    for (kind, _, _), (_, a, b) in best.items():
        flags.append(_flag(kind, measure, a, b))
    return flags


def _pair_kind(a: EventReport, b: EventReport, apart: int | None) -> str | None:
    """``a`` is not later than ``b``. A rise from an earlier report is an update; whole counts
    of the same time that cannot both hold, a contradiction (see :func:`contradicts`); counts
    days apart, nothing."""
    later = apart is not None and apart > 0
    if a.article_id != b.article_id and later and _value(b) > _value(a) and all(
            r.explicit and r.plain for r in (a, b)):
        return "update"
    if (apart is None or apart <= SAME_TIME_DAYS) and contradicts(a, b):
        return "contradiction"
    return None


PART_SUBJECTS = frozenset({"others", "other", "another", "more", "he", "she", "him", "her", "they", "them",
                           "man", "woman", "boy", "girl", "child", "teen", "teenager", "victim", "suspect"})
GENERAL_SUBJECTS = frozenset({"people", "persons", "person", "victims", "individuals", "civilians"})
_CLAIMANT_NOISE = re.compile(r"[\d—(]|^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", re.I)


def contradicts(a: EventReport, b: EventReport) -> bool:
    """Two counts a coder would not reconcile: each given by a named source, stated as a
    number, not hedged, not from the headline alone, in a sentence that tells one happening's
    whole count (no tally, roundup, revision or part), counting the same kind of people; the
    sources differ."""
    for r in (a, b):
        if r.hedged or not r.explicit or not r.plain or not r.claimant or r.figure_idx == ():
            return False
        if _CLAIMANT_NOISE.search(r.claimant) or r.claimant.isupper():
            return False
        if r.subject and PART_SUBJECTS & set(r.subject.lower().split()):
            return False
    return _source(a) != _source(b) and _same_kind_of_people(a.subject, b.subject)


def _same_kind_of_people(a: str | None, b: str | None) -> bool:
    """'officers' and 'officers', or a general word ('people') on either side."""
    ha = (a or "people").lower().split()[-1]
    hb = (b or "people").lower().split()[-1]
    return ha == hb or ha in GENERAL_SUBJECTS or hb in GENERAL_SUBJECTS


def _grounded(a: EventReport, b: EventReport, backing: dict[int | None, int]) -> bool:
    """A contradiction needs more than two sentences' figures: in one article, the text sets the
    counts against each other; across articles, each count is backed."""
    if a.article_id == b.article_id:
        lexicon = Lexicon()
        return any(lexicon.disagreement(e) for r in (a, b) for e in r.evidence)
    return _backed(a, backing) and _backed(b, backing)


def _backed(r: EventReport, backing: dict[int | None, int]) -> bool:
    return r.headline_agrees or backing.get(r.best, 0) >= 2


def _revisions(measure: str, reports: Sequence[EventReport]) -> list[EventFlag]:
    """One source's run of counts over time (18 -> 25 -> 26): a flag for every step."""
    runs: dict[str, list[EventReport]] = {}
    for r in reports:
        if r.claimant:
            runs.setdefault(_source(r), []).append(r)
    flags = []
    for run in runs.values():
        steps = sorted((r for r in run if r.when and r.explicit), key=lambda r: (r.when or "", r.article_id))
        for a, b in zip(steps, steps[1:], strict=False):
            if a.article_id != b.article_id and _disjoint(a, b) and (days_between(a.when, b.when) or 0) > 0:
                flags.append(_flag("update", measure, a, b))
    return flags


def _source(r: EventReport) -> str:
    """Who a report's count is from: its claimant's identity (one per person or organisation
    across the ledger), else its claimant as written (reports stored before claimants had ids),
    else the outlet (the article's own voice)."""
    if r.claimant_id:
        return "claimant:" + r.claimant_id
    if r.claimant:
        return "claimant:" + " ".join(r.claimant.lower().split()).removeprefix("the ")
    return "outlet:" + (r.outlet or r.uri)


def _value(r: EventReport) -> int:
    v = r.best if r.best is not None else r.low if r.low is not None else r.high
    return v or 0


def _disjoint(a: EventReport, b: EventReport) -> bool:
    if a.high is not None and b.low is not None and a.high < b.low:
        return True
    return b.high is not None and a.low is not None and b.high < a.low


def _describe(r: EventReport) -> str:
    if r.low is not None and r.high is not None:
        return f"exactly {r.low:,}" if r.low == r.high else f"{r.low:,} to {r.high:,}"
    if r.low is not None:
        return f"at least {r.low:,}"
    if r.high is not None:
        return f"at most {r.high:,}"
    return "an unknown number"


def _who(r: EventReport) -> str:
    who = r.claimant or "the report"
    where = ", ".join(x for x in (r.outlet or r.uri, r.when or r.published) if x)
    return f"{who} ({where})"


def _flag(kind: str, measure: str, a: EventReport, b: EventReport) -> EventFlag:
    if kind == "update":
        reason = (f"{measure.capitalize()} rose from {_describe(a)} ({_who(a)}) to {_describe(b)} ({_who(b)})"
                  if _value(b) > _value(a) else
                  f"{measure.capitalize()} revised from {_describe(a)} ({_who(a)}) to {_describe(b)} ({_who(b)})")
        reason += ": a later count, not a contradiction."
    else:
        reason = (f"According to {_who(a)}, {_describe(a)} {measure}; according to {_who(b)}, "
                  f"{_describe(b)}. Whole-event counts of the same time that cannot both hold.")
    key = f"{kind}:{measure}:{a.article_id}.{'-'.join(map(str, a.figure_idx))}:" \
          f"{b.article_id}.{'-'.join(map(str, b.figure_idx))}"
    return EventFlag(kind, measure, (a, b), reason, key)


def with_status(flags: Sequence[EventFlag], status: dict[str, str]) -> tuple[EventFlag, ...]:
    """Flags with an analyst's accept/dismiss decisions applied."""
    return tuple(replace(f, status=status.get(f.key, f.status)) for f in flags)


def lifted_flags(m: Member) -> list[EventFlag]:
    """The article's own corroboration and ratio flags on its whole counts, kept on the event."""
    out = []
    for fl in m.event.flags:
        rep = next((r for r in m.event.reports if set(fl.figures) & set(r.figures)), None)
        measure = rep.measure if rep else "other"
        key = f"{fl.kind}:{measure}:{m.article_id}.{'-'.join(map(str, fl.figures))}"
        report = EventReport(m.article_id, m.uri, m.outlet, m.published, rep.claimant if rep else None,
                             rep.low if rep else None, rep.high if rep else None, rep.best if rep else None,
                             figure_idx=fl.figures, evidence=tuple(e.text for e in rep.evidence) if rep else (),
                             claimant_id=rep.claimant_id if rep else None)
        out.append(EventFlag(fl.kind, measure, (report,), fl.reason, key))
    return out
