"""The figures component: ``nlp.add_pipe("claimledger_figures")``."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from claimledger.extract.extensions import FIGURE_MENTIONS, FIGURES, PUBLISHED
from claimledger.extract.figures.finder import figures_and_mentions


class Figures:
    """Writes ``doc._.claimledger_figures`` (every counted figure, dates resolved against
    ``doc._.claimledger_published``) and the parse notes the article totals read."""

    def __init__(self, name: str = "claimledger_figures") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        figures, mentions = figures_and_mentions(doc, doc._.get(PUBLISHED))
        doc._.set(FIGURES, figures)
        doc._.set(FIGURE_MENTIONS, mentions)
        return doc


@Language.factory(
    "claimledger_figures",
    assigns=[f"doc._.{FIGURES}", f"doc._.{FIGURE_MENTIONS}"],
    requires=["token.dep", "token.lemma", "token.tag", "doc.sents", "doc.ents"],
    default_config={},
)
def make_figures(nlp: Language, name: str) -> Figures:
    return Figures(name)
