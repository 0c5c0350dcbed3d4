"""Line-level boilerplate: promo headlines, donation/subscribe footers, repeated paragraphs."""

from __future__ import annotations

from claimledger.records import Removal


def find_removals(text: str) -> list[Removal]:
    """Stretches of ``text`` that are not article body, with a reason each."""
    return []
