"""Flags inside one article: contradiction, update, corroboration_mismatch."""

from __future__ import annotations

import re
from collections.abc import Sequence

from claimledger.reconcile.intervals import describe, disjoint, subjects_match
from claimledger.records import Claim, Figure, Flag

CORROBORATION = re.compile(
    r"\b(corroborat\w*|confirm\w*|match(?:ed|es|ing)?|verif\w*|back(?:ed|s)? up|echo\w*|"
    r"in line with|consistent with|agree[sd]? with)\b", re.I)
COMPARED = frozenset({"killed", "injured", "casualties", "deployed", "captured", "missing",
                      "displaced", "arrested"})


def _who(claims: Sequence[Claim], f: Figure) -> str | None:
    if f.claim is None:
        return None
    c = claims[f.claim]
    return c.speaker or (c.source.text if c.source else None)


def _label(claims: Sequence[Claim], f: Figure) -> str:
    who = _who(claims, f)
    return f"{who} says" if who else "the article says"


def _comparable(a: Figure, b: Figure) -> bool:
    return (a.measure == b.measure and a.measure in COMPARED and a.ratio is None and b.ratio is None
            and a.of_figure is None and b.of_figure is None)


def _sentence_text(f: Figure, text: str) -> str:
    if f.sentence is not None:
        return f.sentence.text
    start = text.rfind("\n", 0, f.span.start) + 1
    end = text.find("\n", f.span.end)
    return text[start:end if end >= 0 else len(text)]


def article_flags(claims: Sequence[Claim], figures: Sequence[Figure], text: str) -> list[Flag]:
    """Pairs of figures for the same measure and subject whose intervals cannot both hold."""
    flags: list[Flag] = []
    for j, b in enumerate(figures):
        for i in range(j):
            a = figures[i]
            if not _comparable(a, b) or not disjoint(a.low, a.high, b.low, b.high):
                continue
            both_subjects = a.subject is not None and b.subject is not None
            if both_subjects and not subjects_match(a.subject.text, b.subject.text):
                continue
            who_a, who_b = _who(claims, a), _who(claims, b)
            if not both_subjects and not (who_a and who_b and who_a != who_b):
                continue
            flags.append(_pair_flag(claims, a, b, i, j, who_a, who_b))
            if CORROBORATION.search(_sentence_text(b, text)):
                flags.append(Flag(
                    "corroboration_mismatch", (i, j),
                    f"{_label(claims, b).removesuffix(' says')} is said to corroborate the earlier "
                    f"figure of {describe(a.low, a.high)} {a.measure}, but gives "
                    f"{describe(b.low, b.high)} ('{b.span.text}' vs '{a.span.text}').",
                ))
    return flags


def _pair_flag(claims: Sequence[Claim], a: Figure, b: Figure, i: int, j: int,
               who_a: str | None, who_b: str | None) -> Flag:
    subject = a.subject.text if a.subject else "the same group"
    if who_a and who_a == who_b and a.date != b.date:
        return Flag("update", (i, j),
                    f"{who_a} revised {a.measure} for {subject} from {describe(a.low, a.high)} "
                    f"to {describe(b.low, b.high)}.")
    return Flag("contradiction", (i, j),
                f"{_label(claims, a).capitalize() if not who_a else _label(claims, a)} "
                f"{describe(a.low, a.high)} {a.measure} ('{a.span.text}') for {subject}, but "
                f"{_label(claims, b)} {describe(b.low, b.high)} ('{b.span.text}'); the two cannot both hold.")
