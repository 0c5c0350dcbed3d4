"""Speakers: who a short or pronoun source ("he", "the ministry") stands for."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from claimledger.extract.attribution._words import WORDS
from claimledger.records import Claim, Span

PERSON_PRONOUNS = WORDS.words("person_pronouns")
GROUP_PRONOUNS = WORDS.words("group_pronouns")
DETERMINERS = WORDS.words("determiners")
RELATIVE_PRONOUNS = WORDS.words("relative_pronouns")
NAME_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
LOOKBACK = 200  # names searched back from a short source (the component's speaker_lookback)


def _words(text: str) -> list[str]:
    return [w.strip(".,’'\"“”()").lower() for w in text.split() if w.strip(".,’'\"“”()")]


Candidate = tuple[int, str, str, frozenset[str]]  # start offset, text, kind, lower-case words


def _candidates(doc: Doc, claims: Sequence[Claim]) -> list[Candidate]:
    """Named things that can be antecedents, in text order."""
    out = [_with_modifiers(doc, e) for e in doc.ents if e.label_ in NAME_LABELS]
    for c in claims:
        kind = _named_kind(doc, c.source) if c.source is not None else None
        if kind is not None and c.source is not None:
            out.append((c.source.start, c.source.text, kind))
    return sorted((start, text, kind, frozenset(_words(text))) for start, text, kind in out)


def _with_modifiers(doc: Doc, ent: SpacySpan) -> tuple[int, str, str]:
    """A name with the words before it in its noun phrase ("Canada’s" + "Safety Board")."""
    first = min(ent.root.left_edge.i, ent.start)
    if doc[first].is_punct:
        first = ent.start
    return doc[first].idx, doc[first:ent.end].text, ent.label_


def _named_kind(doc: Doc, span: Span) -> str | None:
    """"PERSON" for a source naming a person, "SOURCE" for another name, None for no name."""
    sp = doc.char_span(span.start, span.end, alignment_mode="expand")
    if sp is None or not any(t.pos_ == "PROPN" for t in sp):
        return None
    return "PERSON" if sp.root.ent_type_ == "PERSON" else "SOURCE"


def _antecedent(source: Span, candidates: Sequence[Candidate], lookback: int = LOOKBACK) -> str | None:
    """The nearest earlier name a pronoun or a short "the X" source can stand for."""
    words = _words(source.text)
    if not words:
        return None
    k = bisect.bisect_left(candidates, (source.start,))
    before = candidates[max(0, k - lookback):k]
    if len(words) == 1 and words[0] in PERSON_PRONOUNS:
        return next((text for _, text, kind, _ in reversed(before) if kind == "PERSON"), None)
    if len(words) == 1 and words[0] in GROUP_PRONOUNS:
        return None
    if words[0] not in DETERMINERS:
        return None
    content_words = [w for w in words[1:] if w not in DETERMINERS]
    if not content_words:
        return None
    for _, text, _kind, cand in reversed(before):
        if len(cand) > len(content_words) and all(w in cand for w in content_words):
            return text
    return None


def resolve_speakers(doc: Doc, claims: Sequence[Claim], lookback: int = LOOKBACK) -> list[Claim]:
    """Give every claim a speaker: the antecedent of a short source, else the source text."""
    candidates = _candidates(doc, claims)
    text = doc.text  # built on every access: read once
    out = []
    for c in claims:
        if c.source is None:
            out.append(c)
            continue
        relative = _relative_antecedent(doc, text, c.source)
        if relative is not None:
            named = _antecedent(relative, candidates, lookback) if _is_short(relative) else None
            speaker = named or relative.text
        else:
            speaker = _antecedent(c.source, candidates, lookback) or c.source.text
        out.append(replace(c, speaker=speaker))
    return out


def _is_short(span: Span) -> bool:
    return len(span.text.split()) <= 3


def _relative_antecedent(doc: Doc, text: str, source: Span) -> Span | None:
    """'the ministry, which said ...': the noun phrase a relative-pronoun source stands for."""
    if source.text.lower() not in RELATIVE_PRONOUNS:
        return None
    sp = doc.char_span(source.start, source.end, alignment_mode="expand")
    if sp is None:
        return None
    clause = sp.root.head
    if clause.dep_ != "relcl":
        return None
    noun = clause.head
    inside = {t.i for t in clause.subtree}
    ids = [t.i for t in noun.subtree if t.i not in inside and t.i <= noun.i]
    ids = ids[next((k for k, i in enumerate(ids) if not doc[i].is_punct), 0):]
    if not ids:
        return None
    first, last = doc[ids[0]], doc[ids[-1]]
    return Span.of(text, first.idx, last.idx + len(last))
