"""Tie figures and places to the claim whose content (or sentence) holds them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from claimledger.records import Claim, Figure, Place, Span


def _inside(span: Span, pieces: Sequence[Span]) -> bool:
    return any(p.start <= span.start and span.end <= p.end for p in pieces)


def link_claims(
    claims: Sequence[Claim], figures: Sequence[Figure], places: Sequence[Place]
) -> tuple[list[Claim], list[Figure]]:
    """Give each figure the first claim whose content contains it; list indices on claims."""
    fig_claim: list[int | None] = []
    for f in figures:
        owner = next((i for i, c in enumerate(claims) if _inside(f.span, c.content)), None)
        fig_claim.append(owner)
    out_claims = []
    for i, c in enumerate(claims):
        figs = tuple(k for k, owner in enumerate(fig_claim) if owner == i)
        plcs = tuple(k for k, p in enumerate(places) if _inside(p.span, c.content))
        out_claims.append(replace(c, figures=figs, places=plcs))
    out_figs = [replace(f, claim=owner) for f, owner in zip(figures, fig_claim, strict=True)]
    return out_claims, out_figs
