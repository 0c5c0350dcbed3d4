"""The attribution package's word lists, read once from ``words.csv``."""

from claimledger.extract.lexicon import Lexicon

WORDS = Lexicon.read(__package__ or "claimledger.extract.attribution")
