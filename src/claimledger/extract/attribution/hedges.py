"""Hedges: the words that make a claim less than a flat assertion ("reportedly", "may", ...)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from claimledger.extract.attribution.cues import (
    HEDGE_ADVERBS,
    HEDGE_MODALS,
    HEDGE_PHRASES,
    PASSIVE_NO_SOURCE,
    POINTING_BACK,
    RAISING_VERBS,
    SHORT_DISCLAIMER_WORDS,
    VERIFICATION_HEDGES,
)
from claimledger.records import Claim


def _raising(tok: Token) -> str | None:
    """'appears to', 'seemed to': a raising verb with an infinitive complement."""
    if tok.lemma_.lower() not in RAISING_VERBS:
        return None
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and nxt.lower_ == "to":
        return f"{tok.lower_} to"
    return None


def _passive_report(tok: Token) -> str | None:
    """'is said to', 'was believed to', 'are reported to'."""
    if tok.lemma_.lower() not in PASSIVE_NO_SOURCE or tok.tag_ != "VBN":
        return None
    aux = [c for c in tok.children if c.dep_ == "auxpass"]
    if not aux or any(c.dep_ == "agent" for c in tok.children):
        return None
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and nxt.lower_ == "to":
        return f"{aux[-1].lower_} {tok.lower_} to"
    return None


def token_hedges(tokens: Iterable[Token]) -> list[str]:
    """Hedge words among ``tokens`` (in text order, each once)."""
    found: list[str] = []
    for tok in tokens:
        low = tok.lower_
        hedge = None
        if low in HEDGE_ADVERBS and tok.pos_ in ("ADV", "ADJ"):
            hedge = low
        elif low in HEDGE_MODALS and tok.tag_ == "MD":
            hedge = low
        else:
            hedge = _raising(tok) or _passive_report(tok)
        if hedge and hedge not in found:
            found.append(hedge)
    return found


def phrase_hedges(text: str) -> list[str]:
    """Multi-word hedges ("it remains unclear") found in ``text``."""
    low = text.lower()
    found: list[str] = []
    for phrase in HEDGE_PHRASES:
        if phrase in low and not any(phrase in f or f in phrase for f in found):
            found.append(phrase)
    return found


def find_hedges(doc: Doc, token_ids: Iterable[int]) -> tuple[str, ...]:
    """Every hedge among the tokens ``token_ids`` of ``doc`` and in their sentences' text."""
    ids = sorted(set(token_ids))
    toks = [doc[i] for i in ids]
    found = token_hedges(toks)
    if toks:
        text = doc[ids[0]:ids[-1] + 1].text
        found += [p for p in phrase_hedges(text) if p not in found]
    return tuple(found)


def _disclaimer(sentence: SpacySpan) -> str | None:
    """'The figures could not be independently verified.': a sentence that only doubts the
    one before it (it starts with a word pointing back, or is short)."""
    words = sentence.text.split()
    if not words or (words[0].lower() not in POINTING_BACK
                     and len(words) > SHORT_DISCLAIMER_WORDS):
        return None
    found = phrase_hedges(sentence.text)
    return next((h for h in found if h in VERIFICATION_HEDGES), None)


def disclaimed_after(doc: Doc, claims: list[Claim]) -> list[Claim]:
    """Hedge the claims whose sentence is followed by a verification disclaimer."""
    if not doc.has_annotation("SENT_START"):
        return claims
    out = []
    for claim in claims:
        cue = doc.char_span(claim.cue.start, claim.cue.end, alignment_mode="expand") if (
            claim.cue is not None) else None
        if cue is None or len(cue) == 0:
            out.append(claim)
            continue
        sent = cue[0].sent
        nxt = doc[sent.end].sent if sent.end < len(doc) else None
        hedge = _disclaimer(nxt) if nxt is not None else None
        if hedge and hedge not in claim.hedges:
            claim = replace(claim, hedged=True, hedges=(*claim.hedges, hedge))
        out.append(claim)
    return out
