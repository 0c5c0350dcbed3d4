"""The figures package's word lists and tables, read once from ``words.csv``."""

from claimledger.extract.lexicon import Lexicon

WORDS = Lexicon.read(__package__ or "claimledger.extract.figures")
