"""Attribution: who claims what (source, cue, content spans) and whether it is hedged."""

from __future__ import annotations

from spacy.tokens import Doc

from claimledger.records import Claim


def find_claims(doc: Doc) -> list[Claim]:
    """Every attributed or hedged claim in ``doc`` (figures/places left empty; linked later)."""
    return []
