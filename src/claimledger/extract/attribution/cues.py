"""Word lists for attribution: reporting verbs, source-less cues, hedge words.

Lists only (immutable); the rules that use them live in ``finder.py``. The stance verbs
beyond plain verbs of saying were kept when, used by those rules on PolNeAR's train split,
at least about four in ten of their claims matched an annotated cue.
"""

from __future__ import annotations

# Verbs whose subject is a source and whose complement is what the source claims: verbs of
# saying, and of stance when PolNeAR-style annotation counts them ("opposes X", "prefers X").
# Lemmas as spaCy's English lemmatizer gives them ("hop" is its lemma for "hopes").
REPORTING_VERBS: frozenset[str] = frozenset({
    "accept", "accuse", "acknowledge", "add", "admit", "agree", "aim", "allege", "announce",
    "answer", "apologise", "apologize", "applaud", "appoint", "argue", "articulate", "ask",
    "assail", "assert", "assure", "attack", "attribute", "bash", "believe", "bemoan", "blame",
    "blast", "boast", "brief", "brush", "calculate", "call", "caution", "challenge", "chant",
    "characterise", "characterize", "charge", "chide", "cite", "claim", "clarify", "comment",
    "compare", "complain", "concede", "conclude", "concur", "condemn", "confirm",
    "congratulate", "consider", "contemplate", "contend", "continue", "contradict", "contrast",
    "corroborate", "credit", "criticise", "criticize", "decide", "declare", "decline", "decry",
    "deem", "defend", "demand", "denounce", "deny", "describe", "detail", "disavow", "disclose",
    "discuss", "dismiss", "dispute", "doubt", "downplay", "echo", "email", "embrace",
    "emphasise", "emphasize", "endorse", "estimate", "expect", "explain", "expose", "express",
    "favor", "fear", "find", "forecast", "guess", "hail", "highlight", "hint", "hop", "hope",
    "identify", "ignore", "imply", "indicate", "inform", "insist", "insult", "intend", "invoke",
    "joke", "knock", "know", "label", "lambast", "lament", "lay", "learn", "like", "liken",
    "list", "love", "mention", "mock", "name", "nominate", "note", "notify", "observe", "offer",
    "oppose", "order", "outline", "paint", "plan", "pledge", "point", "portray", "post",
    "praise", "predict", "prefer", "pressure", "proclaim", "promise", "promote", "propose",
    "question", "quote", "rail", "read", "reaffirm", "realize", "rebuke", "rebut", "recall",
    "recite", "recognize", "recommend", "recount", "reference", "refuse", "reiterate", "reject",
    "relish", "remark", "remind", "repeat", "reply", "report", "repudiate", "request", "resist",
    "respond", "retort", "retweet", "retweete", "reveal", "ridicule", "rip", "rule", "savage",
    "say", "see", "seek", "shout", "show", "shrug", "sign", "signal", "slam", "speculate",
    "state", "stress", "suggest", "support", "suspect", "talk", "tell", "testify", "text",
    "thank", "think", "threaten", "tout", "tweet", "understand", "urge", "view", "vow", "want",
    "warn", "welcome", "wish", "wonder", "worry", "write",
})

# Reporting verbs that need a clausal complement ("he thinks that ...") to count.
NEEDS_CLAUSE: frozenset[str] = frozenset({
    "believe", "think", "fear", "worry", "hope", "expect", "find", "show", "continue",
    "agree", "order", "demand", "signal", "post", "text", "list",
})

# Documents that speak for their authors: "a new poll found X", "records show X".
DOCUMENT_NOUNS: frozenset[str] = frozenset({
    "poll", "survey", "study", "report", "analysis", "audit", "census", "record", "data",
    "figure", "statistic", "document", "filing", "research", "review", "investigation",
})

# Verbs that leave the source unnamed when passive without "by ..." ("is said to").
PASSIVE_NO_SOURCE: frozenset[str] = frozenset({
    "say", "report", "believe", "think", "expect", "claim", "allege", "rumor", "rumour",
    "understand", "consider", "estimate", "suspect", "fear", "predict",
})

# Raising verbs: "X appears to ...", "X seems to ...": a claim with no source.
RAISING_VERBS: frozenset[str] = frozenset({"appear", "seem"})

# Adverbs that attribute a claim to nobody in particular ("apparently", "seemingly" only
# hedge: news coders seldom read them as attribution).
SOURCELESS_ADVERBS: frozenset[str] = frozenset({"reportedly", "allegedly", "reputedly"})

# Hedge words and phrases searched for in a claim's cue and content (lower case).
HEDGE_ADVERBS: frozenset[str] = frozenset({
    "reportedly", "allegedly", "purportedly", "supposedly", "apparently", "seemingly",
    "possibly", "probably", "perhaps", "maybe", "likely", "unlikely", "presumably",
    "ostensibly", "reputedly",
})
HEDGE_MODALS: frozenset[str] = frozenset({"may", "might", "could"})
# Phrases saying nobody could check a claim ("could not be independently verified").
VERIFICATION_HEDGES: tuple[str, ...] = (
    "could not be independently verified", "could not be independently confirmed",
    "cannot be independently verified", "could not immediately be verified",
    "could not independently verify", "could not independently confirm",
    "was unable to verify", "were unable to verify", "was not able to verify",
    "could not be verified", "could not be confirmed", "cannot be verified",
    "not independently verified", "unconfirmed", "unverified",
)
# Longest first within each group: a phrase inside one already found is not reported again.
HEDGE_PHRASES: tuple[str, ...] = (
    *VERIFICATION_HEDGES,
    "it remains unclear", "remains unclear", "it is unclear", "it was unclear", "not clear",
)
# First words of a sentence that points back at the claim before it ("The figures ...").
POINTING_BACK: frozenset[str] = frozenset({
    "the", "this", "these", "that", "those", "it", "they", "neither", "none", "such",
})
# A sentence this short that only says "could not be verified" doubts the one before it.
SHORT_DISCLAIMER_WORDS = 12

# Verbs whose content follows a preposition that belongs to the cue ("called for X",
# "pointed to X", "talked about X"): lemma -> prepositions.
PREPOSITIONAL_CUES: dict[str, frozenset[str]] = {
    lemma: frozenset(preps.split()) for lemma, preps in (
        ("refer", "to"), ("call", "for on"), ("talk", "about"), ("point", "to"),
        ("focus", "on"), ("respond", "to"), ("vote", "for against"), ("ask", "about for"),
        ("speak", "about of to"), ("rail", "against"), ("agree", "with on"), ("push", "for"),
        ("comment", "on"), ("worry", "about"), ("accuse", "of"), ("advocate", "for"),
        ("think", "about of"), ("apologize", "for"), ("apologise", "for"), ("write", "about"),
        ("warn", "of against"), ("hint", "at"), ("believe", "in"), ("boast", "of about"),
        ("vouch", "for"), ("side", "with"), ("care", "about"), ("balk", "at"),
        ("allude", "to"), ("argue", "for against"), ("complain", "about of"),
        ("testify", "about"), ("joke", "about"), ("insist", "on"), ("campaign", "for against"),
        ("lash", "out"), ("weigh", "in"), ("object", "to"), ("elaborate", "on"),
    )
}

# Verbs of speech: their content may be a quotation next to them ('"...," he said').
SPEECH_VERBS = frozenset({
    "say", "tell", "add", "write", "continue", "explain", "note", "state", "declare", "insist",
    "argue", "reply", "respond", "recall", "remark", "joke", "warn", "ask", "tweet", "post",
    "conclude", "concede", "acknowledge", "admit", "claim", "predict", "quip", "shout",
    "complain", "caution", "counter", "retort", "suggest", "observe", "emphasize", "stress",
})
# Verbs whose direct object is the person addressed, not what is said.
ADDRESSEE_VERBS = frozenset({"tell", "ask", "inform", "assure", "remind", "notify", "brief"})
# Prepositions that belong to a verb's content after its object ("X as Y", "X of Y").
OBJECT_PREPS = frozenset({"as", "of", "for", "to", "about", "with", "against", "into", "on", "at"})
# "Officials put the death toll at 45": verbs that give a count as their object.
TOLL_VERBS = frozenset({"put", "place", "set", "give", "raise", "revise", "lower"})
TOLL_NOUNS = frozenset({"toll", "tally", "count", "number", "figure", "total", "estimate"})
# 'Name: ...' lines: words that mark no speaker.
NOT_A_SPEAKER = frozenset({
    "read", "related", "note", "editor", "update", "updated", "source", "sources", "photo",
    "video", "watch", "see", "follow", "click", "subscribe", "advertisement", "correction",
})
# Verbs of asking: as a bare participle ("Asked about X, ...") they name no source.
QUESTION_VERBS = frozenset({"ask", "question"})
