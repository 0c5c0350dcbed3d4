"""Reconcile figures: group by measure/subject/place/time, compare intervals, raise flags."""

from __future__ import annotations

from collections.abc import Sequence

from claimledger.records import Claim, Figure, Flag


def article_flags(claims: Sequence[Claim], figures: Sequence[Figure], text: str) -> list[Flag]:
    return []
