"""The places component: ``nlp.add_pipe("claimledger_places", config={"gazetteer_dir": ...})``."""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from claimledger.extract.extensions import PLACES
from claimledger.extract.places.finder import find_places
from claimledger.extract.places.gazetteer import Gazetteer


class Places:
    """Writes ``doc._.claimledger_places``: every place mention, resolved where the gazetteer
    knows it. The gazetteer loads on first use (from ``gazetteer_dir``, else the default cache)
    unless one is handed over with :meth:`use`."""

    def __init__(self, name: str = "claimledger_places", *, gazetteer_dir: str | None = None) -> None:
        self.name = name
        self.gazetteer_dir = gazetteer_dir
        self._gazetteer: Gazetteer | None = None

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            self._gazetteer = Gazetteer.load(Path(self.gazetteer_dir) if self.gazetteer_dir else None)
        return self._gazetteer

    def use(self, gazetteer: Gazetteer) -> None:
        """Use an already loaded gazetteer (one per run)."""
        self._gazetteer = gazetteer

    def __call__(self, doc: Doc) -> Doc:
        doc._.set(PLACES, find_places(doc, self.gazetteer))
        return doc


@Language.factory(
    "claimledger_places",
    assigns=[f"doc._.{PLACES}"],
    requires=["doc.ents", "token.dep", "token.tag"],
    default_config={"gazetteer_dir": None},
)
def make_places(nlp: Language, name: str, *, gazetteer_dir: str | None) -> Places:
    """``gazetteer_dir``: where the built gazetteer is cached (None: ``$CLAIMLEDGER_CACHE``,
    ``$XDG_CACHE_HOME/claimledger`` or ``~/.cache/claimledger``)."""
    return Places(name, gazetteer_dir=gazetteer_dir)
