"""Speakers: who a short or pronoun source ("he", "the ministry") stands for."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc

from claimledger.records import Claim, Span

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
GROUP_PRONOUNS = frozenset({"they", "it", "we", "them"})
DETERMINERS = frozenset({"the", "this", "that", "these", "those", "its", "their"})
NAME_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})


def _words(text: str) -> list[str]:
    return [w.strip(".,’'\"“”()").lower() for w in text.split() if w.strip(".,’'\"“”()")]


def _candidates(doc: Doc, claims: Sequence[Claim]) -> list[tuple[int, str, str]]:
    """Named things that can be antecedents: (start offset, text, kind) in text order."""
    out = [(e.start_char, e.text, e.label_) for e in doc.ents if e.label_ in NAME_LABELS]
    for c in claims:
        if c.source is not None and _is_named(doc, c.source):
            out.append((c.source.start, c.source.text, "SOURCE"))
    out.sort()
    return out


def _is_named(doc: Doc, span: Span) -> bool:
    sp = doc.char_span(span.start, span.end, alignment_mode="expand")
    return sp is not None and any(t.pos_ == "PROPN" for t in sp)


def _antecedent(source: Span, candidates: Sequence[tuple[int, str, str]]) -> str | None:
    words = _words(source.text)
    if not words:
        return None
    before = [c for c in candidates if c[0] < source.start]
    if len(words) == 1 and words[0] in PERSON_PRONOUNS:
        for _, text, kind in reversed(before):
            if kind in ("PERSON", "SOURCE") and len(text.split()) > 1 or kind == "PERSON":
                return text
        return None
    if len(words) == 1 and words[0] in GROUP_PRONOUNS:
        return None
    if words[0] not in DETERMINERS:
        return None
    content_words = [w for w in words[1:] if w not in DETERMINERS]
    if not content_words:
        return None
    for _, text, _kind in reversed(before):
        cand = _words(text)
        if len(cand) > len(content_words) and all(w in cand for w in content_words):
            return text
    return None


def resolve_speakers(doc: Doc, claims: Sequence[Claim]) -> list[Claim]:
    """Give every claim a speaker: the antecedent of a short source, else the source text."""
    candidates = _candidates(doc, claims)
    out = []
    for c in claims:
        if c.source is None:
            out.append(c)
            continue
        speaker = _antecedent(c.source, candidates) or c.source.text
        out.append(replace(c, speaker=speaker))
    return out
