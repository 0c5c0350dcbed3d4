"""Places: recognise location mentions and resolve them offline with the gazetteer."""

from __future__ import annotations

from spacy.tokens import Doc

from claimledger.extract.gazetteer import Gazetteer
from claimledger.records import Place


def find_places(doc: Doc, gazetteer: Gazetteer) -> list[Place]:
    """Every place mention in ``doc``, resolved where the gazetteer knows it."""
    return []
