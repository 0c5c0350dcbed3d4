"""Word lists for attribution: reporting verbs and nouns, source-less cues, hedge words.

Lists only (immutable); the rules that use them live in ``claims.py``.
"""

from __future__ import annotations

# Verbs whose subject is a source and whose complement is what the source claims.
# Lemmas as spaCy's English lemmatizer gives them.
REPORTING_VERBS: frozenset[str] = frozenset({
    "accuse", "acknowledge", "add", "admit", "affirm", "agree", "allege", "announce",
    "apologise", "apologize", "applaud", "argue", "ask", "assail", "assert", "assure",
    "believe", "blame", "blast", "boast", "brief", "call", "caution", "chant", "characterise",
    "characterize", "charge", "cite", "claim", "comment", "complain", "concede", "conclude",
    "concur", "confirm", "congratulate", "contend", "continue", "corroborate", "counter",
    "credit", "criticise", "criticize", "declare", "decline", "decry", "deem", "defend",
    "demand", "denounce", "deny", "describe", "detail", "disclose", "dismiss", "echo", "email",
    "emphasise", "emphasize", "endorse", "estimate", "expect", "explain", "express", "fear",
    "find", "forecast", "highlight", "hint", "hope", "imply", "indicate", "inform", "insist",
    "invoke", "joke", "label", "lament", "list", "maintain", "mention", "mock", "note",
    "notify", "observe", "order", "outline", "pledge", "point", "portray", "post", "praise",
    "predict", "promise", "propose", "question", "quote", "rail", "recall", "recommend",
    "recount", "reference", "refuse", "reiterate", "reject", "remark", "repeat", "reply",
    "report", "respond", "retort", "reveal", "say", "shout", "show", "signal", "slam",
    "speculate", "state", "stress", "suggest", "tell", "testify", "text", "thank", "think",
    "tout", "tweet", "underscore", "urge", "voice", "vow", "warn", "worry", "write",
})

# Reporting verbs that need a clausal complement ("he thinks that ...") to count.
NEEDS_CLAUSE: frozenset[str] = frozenset({
    "believe", "think", "fear", "worry", "hope", "expect", "find", "show", "continue",
    "agree", "order", "demand", "signal", "post", "text", "list",
})

# Verbs that leave the source unnamed when passive without "by ..." ("is said to").
PASSIVE_NO_SOURCE: frozenset[str] = frozenset({
    "say", "report", "believe", "think", "expect", "claim", "allege", "rumor", "rumour",
    "understand", "know", "consider", "estimate", "suspect", "fear", "predict",
})

# Raising verbs: "X appears to ...", "X seems to ...": a claim with no source.
RAISING_VERBS: frozenset[str] = frozenset({"appear", "seem"})

# Adverbs that attribute a claim to nobody in particular.
SOURCELESS_ADVERBS: frozenset[str] = frozenset({
    "reportedly", "allegedly", "purportedly", "supposedly", "apparently", "seemingly",
    "ostensibly",
})

# Hedge words and phrases searched for in a claim's cue and content (lower case).
HEDGE_ADVERBS: frozenset[str] = frozenset({
    "reportedly", "allegedly", "purportedly", "supposedly", "apparently", "seemingly",
    "possibly", "probably", "perhaps", "maybe", "likely", "unlikely", "presumably",
    "ostensibly", "reputedly",
})
HEDGE_MODALS: frozenset[str] = frozenset({"may", "might", "could"})
HEDGE_PHRASES: tuple[str, ...] = (
    "it remains unclear", "remains unclear", "it is unclear", "it was unclear", "not clear",
    "unconfirmed", "could not be verified", "could not be independently verified",
    "cannot be verified", "unverified",
)
