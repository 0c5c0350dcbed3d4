"""Attribution drafts (token ids) turned into character spans, with whole quotations."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from claimledger.extract.attribution._quotes import Quotes
from claimledger.extract.attribution.hedges import find_hedges, phrase_hedges
from claimledger.records import Claim, Span

MASK_RUN = 4  # spaces in a row that can only be a blanked stretch, not typing

@dataclass(frozen=True)
class Draft:
    """A claim as token indices, before it becomes character spans.

    ``head`` is the cue's main token; ``quotable`` marks a speech verb whose content may be a
    quotation next to it rather than a dependent of it.
    """

    source: tuple[int, ...]
    cue: tuple[int, ...]
    content: frozenset[int]
    head: int = -1
    quotable: bool = False


def is_edge_punct(tok: Token) -> bool:
    """Spaces and punctuation other than quote marks, trimmed from the ends of spans."""
    return tok.is_space or (tok.is_punct and not tok.is_quote)


def _runs(ids: frozenset[int] | tuple[int, ...]) -> list[tuple[int, int]]:
    """Contiguous runs of token ids as (first, last) pairs."""
    runs: list[tuple[int, int]] = []
    for i in sorted(ids):
        if runs and i == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    return runs


def _span(doc: Doc, text: str, first: int, last: int) -> Span | None:
    """Tokens first..last as a span, edge punctuation and a dangling "and" trimmed."""
    if first == last and doc[first].text == ":":
        return Span.of(text, doc[first].idx, doc[first].idx + 1)
    while first <= last and is_edge_punct(doc[first]):
        first += 1
    while last >= first and (is_edge_punct(doc[last]) or doc[last].dep_ == "cc"):
        if doc[last].text == ")" and any(t.text == "(" for t in doc[first:last]):
            break  # "Special Operations Forces (SSO)" keeps its bracket
        last -= 1
    if first > last or not any(t.is_alpha or t.like_num for t in doc[first:last + 1]):
        return None
    start, end = doc[first].idx, doc[last].idx + len(doc[last])
    return Span.of(text, start, end)


def _spans(doc: Doc, text: str, ids: frozenset[int] | tuple[int, ...]) -> tuple[Span, ...]:
    """Contiguous pieces; a long run of spaces (blanked boilerplate) splits them, so no piece
    covers text that was masked out."""
    kept = tuple(i for i in ids if not (doc[i].is_space and len(doc[i].text) >= MASK_RUN))
    return tuple(s for a, b in _runs(kept) if (s := _span(doc, text, a, b)) is not None)


def _widen(piece: Span, quotes: Quotes, text: str, keep_out: tuple[int, int]) -> Span:
    """Stretch a content piece that starts or ends inside a quotation to the whole quotation."""
    start, end = piece.start, piece.end
    inner = quotes.containing(start)
    if inner is not None:
        start = inner[0]
    inner = quotes.containing(end - 1)
    if inner is not None:
        end = inner[1]
    if start < keep_out[1] and keep_out[0] < end:
        return piece
    return Span.of(text, start, end)


def _quoted_content(doc: Doc, text: str, draft: Draft, content: tuple[Span, ...],
                    quotes: Quotes) -> tuple[Span, ...]:
    """Whole quotations for a speech verb: before it ('"...," he said') and right after it."""
    ids = [*draft.source, *draft.cue]
    keep_out = (doc[min(ids)].idx, doc[max(ids)].idx + len(doc[max(ids)]))
    if not content and draft.quotable:
        near = quotes.ending_before(keep_out[0], text) or quotes.starting_after(
            _phrase_end(doc[draft.head]), text, gap=" \t,:")
        content = (Span.of(text, *near),) if near else ()
    content = tuple(_widen(p, quotes, text, keep_out) for p in content)
    if draft.quotable and content and all(p.end <= keep_out[0] for p in content):
        after = quotes.next_sentence(keep_out[1], text)
        if after is not None and not _closes_with_comma(text, after):
            content = (*content, Span.of(text, *after))
    return content


def _phrase_end(verb: Token) -> int:
    """Where the verb's own words end ('told Palo Alto Weekly', not its trailing marks)."""
    last = verb.right_edge.i
    while last > verb.i and verb.doc[last].is_punct:
        last -= 1
    return verb.doc[last].idx + len(verb.doc[last])


def _closes_with_comma(text: str, quote: tuple[int, int]) -> bool:
    """'"...," she added': a quotation that another cue right after it claims."""
    inner = text[quote[0]:quote[1]].rstrip("”\"'")
    return inner.endswith(",")


def to_claim(doc: Doc, text: str, draft: Draft, quotes: Quotes) -> Claim:
    """Character spans for a draft, quotations made whole, hedges found."""
    sources = _spans(doc, text, draft.source)
    cues = _spans(doc, text, draft.cue)
    content = _spans(doc, text, draft.content)
    if draft.head >= 0:
        content = _quoted_content(doc, text, draft, content, quotes)
    hedges = find_hedges(doc, [*draft.cue, *draft.content])
    if draft.cue and doc.has_annotation("SENT_START"):  # "..., a figure that could not be
        # independently verified."
        sentence = doc[draft.cue[0]].sent.text
        hedges += tuple(h for h in phrase_hedges(sentence) if h not in hedges)
    return Claim(
        source=sources[0] if sources else None,
        cue=cues[0] if cues else None,
        content=content,
        hedged=bool(hedges),
        hedges=hedges,
    )
