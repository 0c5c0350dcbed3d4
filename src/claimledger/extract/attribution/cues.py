"""Word lists for attribution: reporting verbs, source-less cues, hedge words.

Lists only (immutable), read from ``words.csv`` (each row with its origin); the rules that use
them live in ``finder.py``. The stance verbs beyond plain verbs of saying were kept when, used
by those rules on PolNeAR's train split, at least about four in ten of their claims matched an
annotated cue (origin ``corpus:polnear-train``).
"""

from __future__ import annotations

from claimledger.extract.attribution._words import WORDS
from claimledger.extract.lexicon import word_set

# Verbs whose subject is a source and whose complement is what the source claims: verbs of
# saying, and of stance when PolNeAR-style annotation counts them ("opposes X", "prefers X").
# Lemmas as spaCy's English lemmatizer gives them ("hop" is its lemma for "hopes").
REPORTING_VERBS: frozenset[str] = WORDS.words("reporting_verbs")

# Reporting verbs that need a clausal complement ("he thinks that ...") to count.
NEEDS_CLAUSE: frozenset[str] = WORDS.words("needs_clause")

# Documents that speak for their authors: "a new poll found X", "records show X".
DOCUMENT_NOUNS: frozenset[str] = WORDS.words("document_nouns")

# Verbs that leave the source unnamed when passive without "by ..." ("is said to").
PASSIVE_NO_SOURCE: frozenset[str] = WORDS.words("passive_no_source")

# Raising verbs: "X appears to ...", "X seems to ...": a claim with no source.
RAISING_VERBS: frozenset[str] = WORDS.words("raising_verbs")

# Adverbs that attribute a claim to nobody in particular ("apparently", "seemingly" only
# hedge: news coders seldom read them as attribution).
SOURCELESS_ADVERBS: frozenset[str] = WORDS.words("sourceless_adverbs")

# Hedge words and phrases searched for in a claim's cue and content (lower case).
HEDGE_ADVERBS: frozenset[str] = WORDS.words("hedge_adverbs")
HEDGE_MODALS: frozenset[str] = WORDS.words("hedge_modals")
# Phrases saying nobody could check a claim ("could not be independently verified").
VERIFICATION_HEDGES: tuple[str, ...] = WORDS.ordered("verification_hedges")
# Longest first within each group: a phrase inside one already found is not reported again.
HEDGE_PHRASES: tuple[str, ...] = (*VERIFICATION_HEDGES, *WORDS.ordered("unclear_hedges"))
# First words of a sentence that points back at the claim before it ("The figures ...").
POINTING_BACK: frozenset[str] = WORDS.words("pointing_back")
# A sentence this short that only says "could not be verified" doubts the one before it.
SHORT_DISCLAIMER_WORDS = 12

# Verbs whose content follows a preposition that belongs to the cue ("called for X",
# "pointed to X", "talked about X"): lemma -> prepositions.
PREPOSITIONAL_CUES = WORDS.table("prepositional_cues", word_set)

# Verbs of speech: their content may be a quotation next to them ('"...," he said').
SPEECH_VERBS = WORDS.words("speech_verbs")
# Verbs whose direct object is the person addressed, not what is said.
ADDRESSEE_VERBS = WORDS.words("addressee_verbs")
# Prepositions that belong to a verb's content after its object ("X as Y", "X of Y").
OBJECT_PREPS = WORDS.words("object_preps")
# "Officials put the death toll at 45": verbs that give a count as their object.
TOLL_VERBS = WORDS.words("toll_verbs")
TOLL_NOUNS = WORDS.words("toll_nouns")
# 'Name: ...' lines: words that mark no speaker.
NOT_A_SPEAKER = WORDS.words("not_a_speaker")
# Verbs of asking: as a bare participle ("Asked about X, ...") they name no source.
QUESTION_VERBS = WORDS.words("question_verbs")
