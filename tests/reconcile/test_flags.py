"""Flags inside one article and across the ledger."""

from __future__ import annotations

from claimledger.reconcile import article_flags, describe, disjoint, reconcile, subject_key
from claimledger.reconcile.ledger import group_figures
from claimledger.records import Claim, Figure, FigureEntry, Span

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


def _entry(i: int, low: int, who: str, published: str, outlet: str) -> FigureEntry:
    return FigureEntry(id=i, article_id=i, measure="killed", low=low, high=low, qualifier="exact",
                       span_text=str(low), start=0, end=2, subject="people", source=who,
                       published=published, outlet=outlet, country="TZ")


def test_ledger_update_and_contradiction() -> None:
    entries = [_entry(1, 37, "police", "2025-03-13", "Herald"), _entry(2, 41, "Red Cross", "2025-03-14", "Wire"),
               _entry(3, 52, "police", "2025-03-16", "Herald")]
    (group,) = group_figures(entries)
    assert [f.id for f in group.figures] == [1, 2, 3]
    rec = reconcile(entries, articles=3)
    kinds = sorted((f.kind, f.figure_ids) for f in rec.flags)
    assert ("update", (1, 3)) in kinds
    assert ("contradiction", (1, 2)) in kinds
    assert all(len(f.reason.split()) >= 4 for f in rec.flags)
