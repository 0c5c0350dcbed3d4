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


def _dominant(places: Sequence[Place]) -> int | None:
    """The index of the first mention of the article's most-mentioned country."""
    counts: dict[str, int] = {}
    for p in places:
        if p.country and p.kind != "demonym":
            counts[p.country] = counts.get(p.country, 0) + 1
    if not counts:
        return None
    top = max(counts, key=lambda c: (counts[c], -min(i for i, p in enumerate(places) if p.country == c)))
    return next(i for i, p in enumerate(places) if p.country == top)


_SPECIFIC = {"city": 0, "admin2": 1, "admin1": 2}  # lower is more specific


def _specific(p: Place) -> bool:
    """A resolved place below country level, with the ISO 3166-2 key the ledger groups by."""
    return p.kind not in ("country", "demonym") and p.iso3166_2 is not None and p.lat is not None


def _fallback(places: Sequence[Place]) -> int | None:
    """The article's most-mentioned resolved place, as specific as the article allows.

    Within the most-mentioned country, the sub-national area (ISO 3166-2) mentioned most
    (ties: first mentioned), represented by its most specific mention (city before admin1);
    the country itself when the article names nothing finer there."""
    country = _dominant(places)
    if country is None:
        return None
    home = places[country].country
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    for i, p in enumerate(places):
        if p.country == home and _specific(p):
            key = p.iso3166_2 or ""
            counts[key] = counts.get(key, 0) + 1
            first.setdefault(key, i)
    if not counts:
        return country
    top = max(counts, key=lambda k: (counts[k], -first[k]))
    mentions = [i for i, p in enumerate(places) if p.country == home and _specific(p) and p.iso3166_2 == top]
    return min(mentions, key=lambda i: (_SPECIFIC.get(places[i].kind or "", len(_SPECIFIC)), i))


def link_places(figures: Sequence[Figure], places: Sequence[Place]) -> list[Figure]:
    """Each figure's places: those in its sentence (most specific first), else the article's
    most-mentioned place at the finest level it names (see `_fallback`), so figures of one
    story group together across articles under as fine a place key as the article allows."""
    fallback = _fallback(places)
    out = []
    for f in figures:
        here = [i for i, p in enumerate(places)
                if f.sentence is not None and f.sentence.start <= p.span.start and p.span.end <= f.sentence.end
                and p.lat is not None and p.kind != "demonym"]
        here.sort(key=lambda i: places[i].kind == "country")
        if not here and fallback is not None:
            here = [fallback]
        out.append(replace(f, places=tuple(here)))
    return out
