"""Figures: numbers as intervals with qualifier, measure, subject and date; article totals."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from spacy.tokens import Doc

from claimledger.records import Figure, Flag, Totals


def find_figures(doc: Doc, published: date | None) -> list[Figure]:
    """Every counted figure in ``doc`` (``claim`` left None; linked later)."""
    return []


def article_totals(figures: Sequence[Figure], doc: Doc) -> Totals:
    """The killed/injured figures of the article's main event, as a coder would record them."""
    return Totals()


def ratio_flags(figures: Sequence[Figure]) -> list[Flag]:
    """``ratio_mismatch`` flags: "roughly a quarter of the 12,000" against the part it names."""
    return []
