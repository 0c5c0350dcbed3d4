"""Flags inside one article: contradiction, update, corroboration_mismatch."""

from __future__ import annotations

import re
from collections.abc import Sequence

from claimledger.reconcile.intervals import (
    COMPARED,
    SAME_TIME_DAYS,
    days_apart,
    describe,
    disjoint,
    mid_sentence,
    source_key,
    subjects_match,
)
from claimledger.records import Claim, Figure, Flag

CORROBORATION = re.compile(
    r"\b(corroborat\w*|confirm\w*|match(?:ed|es|ing)?|verif\w*|back(?:ed|s)? up|echo\w*|"
    r"in line with|consistent with|agree[sd]? with)\b", re.I)


def _who(claims: Sequence[Claim], f: Figure) -> str | None:
    """The source as written: the resolved speaker, else the source span's text."""
    if f.claim is None:
        return None
    c = claims[f.claim]
    return c.speaker or (c.source.text if c.source else None)


def _name(who: str | None) -> str:
    """A source as it reads mid-sentence: 'the ministry', 'Police in Mwanza', 'the article'."""
    return mid_sentence(who) if who else "the article"


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _comparable(a: Figure, b: Figure) -> bool:
    return (a.measure == b.measure and a.measure in COMPARED and a.ratio is None and b.ratio is None
            and a.of_figure is None and b.of_figure is None)


def _sentence_text(f: Figure, text: str) -> str:
    if f.sentence is not None:
        return f.sentence.text
    start = text.rfind("\n", 0, f.span.start) + 1
    end = text.find("\n", f.span.end)
    return text[start:end if end >= 0 else len(text)]


def _earlier_first(a: Figure, b: Figure) -> bool:
    """True when a's date is not after b's (both dates known)."""
    assert a.date and b.date
    if a.date.startswith("--") or b.date.startswith("--"):
        return a.date[-5:] <= b.date[-5:]
    return a.date <= b.date


def article_flags(claims: Sequence[Claim], figures: Sequence[Figure], text: str) -> list[Flag]:
    """Pairs of figures for the same measure and subject whose intervals cannot both hold.

    Same source (compared lower-case, without a leading 'the'): an update, earlier date first
    when both are known. Different sources at two known dates more than SAME_TIME_DAYS apart:
    nothing (they count different moments). Otherwise a contradiction, and a
    corroboration_mismatch when the later figure's sentence says it corroborates the earlier
    one and the sources differ."""
    flags: list[Flag] = []
    for j, b in enumerate(figures):
        for i in range(j):
            a = figures[i]
            if not _comparable(a, b) or not disjoint(a.low, a.high, b.low, b.high):
                continue
            both_subjects = a.subject is not None and b.subject is not None
            if a.subject is not None and b.subject is not None and not subjects_match(a.subject.text, b.subject.text):
                continue
            who_a, who_b = _who(claims, a), _who(claims, b)
            key_a, key_b = source_key(who_a), source_key(who_b)
            different_sources = bool(key_a and key_b and key_a != key_b)
            if not both_subjects and not different_sources:
                continue
            same_source = key_a is not None and key_a == key_b
            if same_source:  # one source, two figures in one report: it revised its count
                flags.append(_update(a, b, i, j, who_b or who_a))
                continue
            apart = days_apart(a.date, b.date)
            if apart is not None and apart > SAME_TIME_DAYS:
                continue  # different sources counting at different times
            flags.append(_contradiction(a, b, i, j, who_a, who_b))
            if key_a != key_b and CORROBORATION.search(_sentence_text(b, text)):
                flags.append(_mismatch(a, b, i, j, who_a, who_b))
    return flags


def _update(a: Figure, b: Figure, i: int, j: int, who: str | None) -> Flag:
    if a.date and b.date and not _earlier_first(a, b):
        a, b, i, j = b, a, j, i
    subject = a.subject.text if a.subject else "the same group"
    when_a = f" ({a.date})" if a.date else ""
    when_b = f" ({b.date})" if b.date else ""
    return Flag("update", (i, j), _sentence(
        f"{_name(who)} revised {a.measure} for {subject} from {describe(a.low, a.high)}{when_a} "
        f"to {describe(b.low, b.high)}{when_b}."))


def _contradiction(a: Figure, b: Figure, i: int, j: int, who_a: str | None, who_b: str | None) -> Flag:
    subject = a.subject.text if a.subject else "the same group"
    if who_a is None and who_b is None:
        return Flag("contradiction", (i, j), (
            f"The article gives {describe(a.low, a.high)} {a.measure} ('{a.span.text}') for {subject} "
            f"and also {describe(b.low, b.high)} ('{b.span.text}'); the two cannot both hold."))
    return Flag("contradiction", (i, j), _sentence(
        f"according to {_name(who_a)}, {describe(a.low, a.high)} {a.measure} ('{a.span.text}') "
        f"for {subject}; according to {_name(who_b)}, {describe(b.low, b.high)} ('{b.span.text}'). "
        f"The two cannot both hold."))


def _mismatch(a: Figure, b: Figure, i: int, j: int, who_a: str | None, who_b: str | None) -> Flag:
    return Flag("corroboration_mismatch", (i, j), _sentence(
        f"the figure from {_name(who_b)}, said to corroborate the earlier figure of "
        f"{describe(a.low, a.high)} {a.measure} from {_name(who_a)}, is {describe(b.low, b.high)} "
        f"('{b.span.text}' vs '{a.span.text}')."))
