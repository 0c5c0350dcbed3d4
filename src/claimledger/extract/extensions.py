"""The ``Doc._`` extensions claimledger's components read and write, registered once.

spaCy extensions are global and a second registration of a name raises, so every name is
registered here, behind ``has_extension``, when this module is first imported. Components
declare the ones they write in ``assigns`` (``doc._.claimledger_claims`` ...). Values are
claimledger records (``claimledger.records``), the only thing the extract packages share.
"""

from __future__ import annotations

from spacy.tokens import Doc

# Set by the Extractor before parsing: the article's publication date (date | None), against
# which figures resolve "on Tuesday" and "December 23".
PUBLISHED = "claimledger_published"
# Written by claimledger_attribution: list[Claim] (figures and places not linked yet).
CLAIMS = "claimledger_claims"
# Written by claimledger_figures: list[Figure] (claims and places not linked yet) and the
# parse notes the article totals read (list[figures.totals.Mention]); the notes hold tokens,
# so ``article_totals`` takes them off the doc again.
FIGURES = "claimledger_figures"
FIGURE_MENTIONS = "claimledger_figure_mentions"
# Written by claimledger_places: list[Place], in text order.
PLACES = "claimledger_places"

NAMES = (PUBLISHED, CLAIMS, FIGURES, FIGURE_MENTIONS, PLACES)


def register() -> None:
    """Register every name (a no-op for names already registered)."""
    for name in NAMES:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


register()
