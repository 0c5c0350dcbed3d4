"""The attribution component: ``nlp.add_pipe("claimledger_attribution")``."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from claimledger.extract.attribution._speaker import LOOKBACK
from claimledger.extract.attribution.finder import MAX_COLON_SOURCE, find_claims
from claimledger.extract.extensions import CLAIMS


class Attribution:
    """Writes ``doc._.claimledger_claims``: every attributed or hedged claim in the doc."""

    def __init__(self, name: str = "claimledger_attribution", *, max_colon_source: int = MAX_COLON_SOURCE,
                 speaker_lookback: int = LOOKBACK) -> None:
        self.name = name
        self.max_colon_source = max_colon_source
        self.speaker_lookback = speaker_lookback

    def __call__(self, doc: Doc) -> Doc:
        doc._.set(CLAIMS, find_claims(doc, max_colon_source=self.max_colon_source,
                                      speaker_lookback=self.speaker_lookback))
        return doc


@Language.factory(
    "claimledger_attribution",
    assigns=[f"doc._.{CLAIMS}"],
    requires=["token.dep", "token.lemma", "token.tag", "doc.sents", "doc.ents"],
    default_config={"max_colon_source": MAX_COLON_SOURCE, "speaker_lookback": LOOKBACK},
)
def make_attribution(nlp: Language, name: str, *, max_colon_source: int, speaker_lookback: int) -> Attribution:
    """``max_colon_source``: the most words a 'Name: ...' line's speaker may have;
    ``speaker_lookback``: how many earlier names a short source ('he', 'the ministry') is
    resolved among."""
    return Attribution(name, max_colon_source=max_colon_source, speaker_lookback=speaker_lookback)
