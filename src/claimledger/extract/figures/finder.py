"""Figures: numbers as intervals with qualifier, measure, subject and date; article totals.

Conventions (``low``/``high`` None = unbounded; ``point`` = the single value a coder records,
which is the number as stated):

    "1,100"              1100..1100  exact     point 1100
    "over 3,000"         3001..None  over      point 3000
    "at least 5"         5..None     at_least  point 5
    "about 200"          180..220    about     point 200   (+-10 %, at least 1)
    "nearly 50"          45..49      under     point 50
    "fewer than 50"      None..49    under     point 50
    "up to 30"           None..30    up_to     point 30
    "10-15", "between 10 and 15", "two or three"   range   point = the lower bound
    "dozens"             24..99      vague     point 24    (see numbers.py for the others)
    "a man was killed"   1..1        exact     point 1     (a count without a number)
    "a quarter of the 12,000"  ratio 0.25, of_figure -> the 12,000, point 3000, no bounds

Modules: quantities.py finds number expressions, victims.py counts without numbers,
measures.py reads what a figure counts, dates.py when it holds, totals.py the article's toll.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from claimledger.extract.extensions import FIGURE_MENTIONS
from claimledger.extract.figures.dates import DateMention, find_dates
from claimledger.extract.figures.measures import Governor, govern
from claimledger.extract.figures.quantities import NumberExpr, count_noun, find_numbers, subject_span
from claimledger.extract.figures.totals import Mention, find_totals
from claimledger.extract.figures.victims import implicit_victims
from claimledger.records import Figure, Flag, Span, Totals

PUBLIC_MEASURE = {"hit": "injured"}


@dataclass(frozen=True)
class _Found:
    """One figure before it becomes a record: the tokens that explain it."""

    start: int  # character offsets of the number expression
    end: int
    expr: NumberExpr | None
    noun: Token
    governor: Governor
    sentence: SpacySpan
    ratio: float | None = None
    whole: int | None = None  # index (into the found list) of the "of the 12,000" figure
    implicit: int = 0  # a count given without a number ('a man' = 1, 'double homicide' = 2)


def find_figures(doc: Doc, published: date | None) -> list[Figure]:
    """Every counted figure in ``doc`` (``claim`` left None; linked later)."""
    return figures_and_mentions(doc, published)[0]


def figures_and_mentions(doc: Doc, published: date | None) -> tuple[list[Figure], list[Mention]]:
    """The figures of ``doc`` and, for each, the parse notes the article totals read."""
    text = doc.text  # built anew on every access: read it once
    found = _find(doc, text)
    dates_by_sent: dict[int, list[DateMention]] = {}
    figures: list[Figure] = []
    mentions: list[Mention] = []
    for f in found:
        sent = f.sentence
        if sent.start not in dates_by_sent:
            dates_by_sent[sent.start] = find_dates(text[sent.start_char:sent.end_char], published,
                                                   base=sent.start_char)
        whole = found[f.whole] if f.whole is not None else None
        whole_value = whole.expr.point if whole is not None and whole.expr is not None else None
        fig = _to_figure(doc, text, f, dates_by_sent[sent.start], whole_value)
        figures.append(fig)
        mentions.append(Mention(figure=fig, governor=f.governor, noun=f.noun,
                                implicit=f.expr is None))
    for i, f in enumerate(found):
        if f.whole is not None:
            figures[i] = replace(figures[i], of_figure=f.whole)
            mentions[i] = replace(mentions[i], figure=figures[i])
    return figures, mentions


def _find(doc: Doc, text: str) -> list[_Found]:
    out: list[_Found] = []
    counted: set[int] = set()
    exprs = find_numbers(doc, text)
    for expr in exprs:
        if expr.ratio is not None:
            continue
        noun = count_noun(doc, expr)
        gov = govern(noun, doc[expr.head])
        out.append(_Found(doc[expr.start].idx, doc[expr.end - 1].idx + len(doc[expr.end - 1]),
                          expr, noun, gov, doc[expr.start].sent))
        counted.add(noun.i)
        counted.update(range(expr.start, expr.end))
    by_token = {f.expr.start: i for i, f in enumerate(out) if f.expr}
    for expr in exprs:
        if expr.ratio is None:
            continue
        whole = by_token.get(expr.whole_start) if expr.whole_start is not None else None
        noun = out[whole].noun if whole is not None else doc[expr.head]
        gov = govern(doc[expr.head], doc[expr.head])
        if whole is not None and out[whole].governor.role not in ("mod", "self"):
            # 'two-thirds of the 900 troops were wounded': the wounded are the part
            gov, out[whole] = out[whole].governor, replace(
                out[whole], governor=Governor("other", None, "", True))
        out.append(_Found(doc[expr.start].idx, doc[expr.end - 1].idx + len(doc[expr.end - 1]),
                          expr, noun, gov, doc[expr.start].sent, ratio=expr.ratio, whole=whole))
    for imp in implicit_victims(doc, counted):
        last = doc[imp.end - 1]
        out.append(_Found(doc[imp.start].idx, last.idx + len(last), None, imp.token,
                          imp.governor, imp.token.sent, implicit=imp.value))
    order = sorted(range(len(out)), key=lambda i: out[i].start)
    remap = {old: new for new, old in enumerate(order)}
    return [_renumbered(out[i], remap) for i in order]


def _renumbered(f: _Found, remap: dict[int, int]) -> _Found:
    return f if f.whole is None else replace(f, whole=remap[f.whole])


def _to_figure(doc: Doc, text: str, f: _Found, dates: list[DateMention],
               whole_value: int | None = None) -> Figure:
    measure = PUBLIC_MEASURE.get(f.governor.measure, f.governor.measure)
    low: int | None
    high: int | None
    point: int | None
    if f.expr is None:
        low = high = point = f.implicit or 1
        qualifier = "exact"
    elif f.ratio is not None:
        low = high = None
        point = round(f.ratio * whole_value) if whole_value else None  # implied count
        qualifier = f.expr.qualifier
    else:
        low, high, qualifier, point = f.expr.low, f.expr.high, f.expr.qualifier, f.expr.point
    subject = subject_span(doc, f.noun, f.expr)
    sent = f.sentence
    return Figure(
        span=Span.of(text, f.start, f.end),
        measure=measure,
        low=low,
        high=high,
        qualifier=qualifier,
        subject=Span.of(text, subject[0], subject[1]) if subject else None,
        date=_nearest_date(dates, f.start, f.end),
        sentence=Span.of(text, sent.start_char, sent.end_char),
        point=point,
        ratio=f.ratio,
    )


def _nearest_date(dates: list[DateMention], start: int, end: int) -> str | None:
    best, dist = None, None
    for d in dates:
        if d.value is None:
            continue
        gap = start - d.end if d.end <= start else d.start - end
        if dist is None or abs(gap) < dist:
            best, dist = d.value, abs(gap)
    return best


def article_totals(figures: Sequence[Figure], doc: Doc) -> Totals:
    """The killed/injured figures of the article's main event, as a coder would record them."""
    # the figures component left its parse notes (tokens) on the doc; take them off again so
    # the doc stays serialisable, and rebuild them when they are missing
    mentions: list[Mention] | None = doc._.get(FIGURE_MENTIONS)
    doc._.set(FIGURE_MENTIONS, None)
    if mentions is None:
        mentions = figures_and_mentions(doc, None)[1]
    by_span = {(m.figure.span.start, m.figure.span.end): m for m in mentions}
    chosen = [replace(by_span[(f.span.start, f.span.end)], figure=f)
              for f in figures if (f.span.start, f.span.end) in by_span]
    if len(chosen) < len(figures):
        chosen = list(mentions)
    found = find_totals(chosen, doc)
    index = {(f.span.start, f.span.end): i for i, f in enumerate(figures)}

    def indices(ms: Sequence[Mention]) -> tuple[int, ...]:
        return tuple(sorted({index[k] for m in ms if (k := (m.figure.span.start, m.figure.span.end)) in index}))

    return replace(found.totals, figures={measure: indices(ms) for measure, ms in found.behind.items()},
                   background=indices(found.background))


def ratio_flags(figures: Sequence[Figure]) -> list[Flag]:
    """``ratio_mismatch`` flags: "roughly a quarter of the 12,000" against the part it names."""
    flags: list[Flag] = []
    for i, f in enumerate(figures):
        if f.ratio is None or f.of_figure is None or not 0 <= f.of_figure < len(figures):
            continue
        whole = figures[f.of_figure]
        whole_value = whole.point or whole.low
        part_index = _part_of(figures, i)
        if part_index is None or not whole_value:
            continue
        part = figures[part_index]
        part_value = part.point if part.point is not None else part.low
        if part_value is None:
            continue
        stated = f.ratio
        actual = part_value / whole_value
        tol = _ratio_tolerance(f.qualifier, part.qualifier)
        if abs(actual - stated) > tol * stated:
            flags.append(Flag(
                kind="ratio_mismatch",
                figures=(part_index, i, f.of_figure),
                reason=(f"'{f.span.text}' of {whole.span.text} would be about "
                        f"{round(stated * whole_value):,}, but the same sentence gives "
                        f"{part.span.text} ({actual:.0%} of the whole)."),
            ))
    return flags


def _ratio_tolerance(ratio_qualifier: str, part_qualifier: str) -> float:
    """Relative slack: a stated fraction is rounded; 'roughly'/'over' figures more so."""
    tol = 0.15
    if ratio_qualifier in ("about", "under", "over"):
        tol += 0.1
    if part_qualifier not in ("exact", "range"):
        tol += 0.05
    return tol


def _part_of(figures: Sequence[Figure], i: int) -> int | None:
    """The figure the fraction describes: the nearest other count in the same sentence."""
    f = figures[i]
    if f.sentence is None:
        return None
    best, dist = None, None
    for j, g in enumerate(figures):
        if j in (i, f.of_figure) or g.sentence != f.sentence or g.ratio is not None:
            continue
        if g.point is None and g.low is None:
            continue
        gap = abs(f.span.start - g.span.end)
        bonus = 0 if g.span.start < f.span.start else 1000
        if dist is None or gap + bonus < dist:
            best, dist = j, gap + bonus
    return best


__all__ = ["find_figures", "article_totals", "ratio_flags"]
