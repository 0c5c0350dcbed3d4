"""The attribution component: ``nlp.add_pipe("claimledger_attribution")``."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from claimledger.errors import ModelError
from claimledger.extract.attribution._speaker import LOOKBACK
from claimledger.extract.attribution.claimants import assign_claimants
from claimledger.extract.attribution.finder import MAX_COLON_SOURCE, find_claims
from claimledger.extract.attribution.tagger import Tagger
from claimledger.extract.extensions import CLAIMS

METHODS = ("tagger", "rules")


class Attribution:
    """Writes ``doc._.claimledger_claims``: every attributed or hedged claim in the doc, each
    with its claimant. ``method`` "tagger" (the trained CRF over the parse, with the rules'
    claims as features) or "rules" (the rules alone)."""

    def __init__(self, name: str = "claimledger_attribution", *, max_colon_source: int = MAX_COLON_SOURCE,
                 speaker_lookback: int = LOOKBACK, method: str = "tagger") -> None:
        if method not in METHODS:
            raise ModelError(f"claimledger_attribution: method {method!r} is not one of {', '.join(METHODS)}")
        self.name = name
        self.max_colon_source = max_colon_source
        self.speaker_lookback = speaker_lookback
        self.tagger = Tagger.load() if method == "tagger" else None

    def __call__(self, doc: Doc) -> Doc:
        if self.tagger is not None:
            claims = self.tagger.claims(doc, max_colon_source=self.max_colon_source,
                                        speaker_lookback=self.speaker_lookback)
        else:
            claims = find_claims(doc, max_colon_source=self.max_colon_source, speaker_lookback=self.speaker_lookback)
        doc._.set(CLAIMS, assign_claimants(doc, claims))
        return doc


@Language.factory(
    "claimledger_attribution",
    assigns=[f"doc._.{CLAIMS}"],
    requires=["token.dep", "token.lemma", "token.tag", "doc.sents", "doc.ents"],
    default_config={"max_colon_source": MAX_COLON_SOURCE, "speaker_lookback": LOOKBACK, "method": "tagger"},
)
def make_attribution(nlp: Language, name: str, *, max_colon_source: int, speaker_lookback: int,
                     method: str) -> Attribution:
    """``max_colon_source``: the most words a 'Name: ...' line's speaker may have;
    ``speaker_lookback``: how many earlier names a short source ('he', 'the ministry') is
    resolved among; ``method``: "tagger" (trained, the default) or "rules"."""
    return Attribution(name, max_colon_source=max_colon_source, speaker_lookback=speaker_lookback, method=method)
