"""Flags inside one article (across articles, flags belong to events: tests/events)."""

from __future__ import annotations

from claimledger.reconcile import article_flags, describe, disjoint, subject_key
from claimledger.records import Claim, Figure, Span

TEXT = ("The ministry reported that over 500 soldiers were killed. "
        "The army corroborated this, saying that 120 soldiers were killed.")


def _fig(text: str, num: str, low: int | None, high: int | None, qual: str, claim: int) -> Figure:
    s = text.index(num)
    subj = text.index("soldiers", s)
    return Figure(Span.of(text, s, s + len(num)), "killed", low, high, qual,
                  subject=Span.of(text, subj, subj + 8), claim=claim)


def _claims(text: str) -> list[Claim]:
    return [Claim(Span.of(text, 0, 12), Span.of(text, 13, 21), (Span.of(text, 27, 57),)),
            Claim(Span.of(text, 58, 66), Span.of(text, 86, 92), (Span.of(text, 98, 124),))]


def test_interval_helpers() -> None:
    assert disjoint(501, None, 120, 120)
    assert not disjoint(100, 200, 150, None)
    assert describe(3001, None) == "at least 3,001" and describe(5, 5) == "exactly 5"
    assert subject_key("the North Korean soldiers") == subject_key("North Korean troops")


def test_contradiction_and_corroboration_mismatch() -> None:
    figs = [_fig(TEXT, "over 500", 501, None, "over", 0), _fig(TEXT, "120", 120, 120, "exact", 1)]
    kinds = {f.kind: f for f in article_flags(_claims(TEXT), figs, TEXT)}
    assert set(kinds) == {"contradiction", "corroboration_mismatch"}
    assert kinds["contradiction"].figures == (0, 1)
    assert "the ministry" in kinds["contradiction"].reason and "the army" in kinds["contradiction"].reason


def test_overlapping_figures_raise_nothing() -> None:
    figs = [_fig(TEXT, "over 500", 501, None, "over", 0), _fig(TEXT, "120", 600, 600, "exact", 1)]
    assert article_flags(_claims(TEXT), figs, TEXT) == []
