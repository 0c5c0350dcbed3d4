"""Attribution: who claims what (source, cue, content spans) and whether it is hedged.

Rules over spaCy's dependency parse, following PolNeAR's span conventions:
- source: the whole noun phrase of the speaker (determiners, titles, appositions kept);
- cue: the reporting word with its auxiliaries and adverbs ("has also said", "according to",
  "called for", "to endorse");
- content: the complement clause, "that" included; what surrounds the cue when the quote
  comes first ("...," he said) or the cue is an adverb ("X is reportedly Y"), in pieces;
  whole quotations, and a quotation that goes on in the next sentence.
Cues inside quotations, and claims cued inside another claim's content, are not reported:
the outer speaker is the one making the claim. Word lists live in ``cues.py``; spans and
quotations in ``_spans.py``/``_quotes.py``; speakers (who "he" or
"the ministry" is) in ``_speaker.py``; hedges in ``hedges.py``.
"""

from __future__ import annotations

import bisect

from spacy.tokens import Doc, Token

from claimledger.extract.attribution._quotes import find_quotes
from claimledger.extract.attribution._spans import Draft, is_edge_punct, to_claim
from claimledger.extract.attribution._speaker import LOOKBACK, resolve_speakers
from claimledger.extract.attribution._words import WORDS
from claimledger.extract.attribution.cues import (
    ADDRESSEE_VERBS,
    DOCUMENT_NOUNS,
    NEEDS_CLAUSE,
    NOT_A_SPEAKER,
    OBJECT_PREPS,
    PASSIVE_NO_SOURCE,
    PREPOSITIONAL_CUES,
    QUESTION_VERBS,
    RAISING_VERBS,
    REPORTING_VERBS,
    SOURCELESS_ADVERBS,
    SPEECH_VERBS,
    TOLL_NOUNS,
    TOLL_VERBS,
)
from claimledger.extract.attribution.hedges import disclaimed_after
from claimledger.records import Claim

DASHES = WORDS.words("dashes")
VERBAL = frozenset({"VERB", "AUX"})
CUE_LEFT_DEPS = frozenset({"aux", "auxpass", "neg", "advmod"})
# Words before a verb that are not part of its cue ("when he said", "however said"); an
# infinitive "to" is part of it ("plans to endorse X" -> cue "to endorse").
NOT_IN_CUE = SOURCELESS_ADVERBS | WORDS.words("not_in_cue")
SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
# Dependents that carry a verb's object-like content: "described X as Y", "accused X of Y".
OBJECT_TAIL_DEPS = frozenset({"dobj", "dative", "prep", "oprd", "xcomp", "acomp", "ccomp"})
# 'Name: ...' lines: the longest name taken as a speaker (the component's max_colon_source).
MAX_COLON_SOURCE = 8
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Dependents that make up a clause's core (subject, verb group, complements).
CORE_DEPS = frozenset({
    "nsubj", "nsubjpass", "csubj", "expl", "aux", "auxpass", "neg", "dobj", "dative", "xcomp",
    "ccomp", "attr", "acomp", "oprd", "prt", "agent",
})
# "call" also means to telephone ("can call the hotline"): no claim then.
NAMING_VERBS = WORDS.words("naming_verbs")
# Heads through which a subjectless verb inherits its subject ("..., saying ...").
INHERIT_DEPS = frozenset({"conj", "xcomp", "advcl", "acl", "pcomp"})
NOMINAL = frozenset({"NOUN", "PROPN"})


def find_claims(doc: Doc, *, max_colon_source: int = MAX_COLON_SOURCE,
                speaker_lookback: int = LOOKBACK) -> list[Claim]:
    """Every attributed or hedged claim in ``doc`` (figures/places left empty; linked later).

    ``max_colon_source``: the most words of a 'Name: ...' line's speaker; ``speaker_lookback``:
    how many earlier names a short source ('he', 'the ministry') is resolved among."""
    text = doc.text  # built on every access: read once
    quotes = find_quotes(text)
    claims = []
    for tok in doc:
        if quotes.containing(tok.idx) is not None:
            continue
        draft = _draft_for(tok, max_colon_source)
        if draft is not None and (draft.content or draft.quotable):
            claim = to_claim(doc, text, draft, quotes)
            if claim.content and claim.cue is not None:
                claims.append(claim)
    return resolve_speakers(doc, disclaimed_after(doc, _outermost(claims)), speaker_lookback)


def _outermost(claims: list[Claim]) -> list[Claim]:
    """Drop claims cued inside another claim's content ("X said Y believes Z"): the reported
    speech is X's claim, and news coders annotate the outer attribution only."""
    pieces = sorted((p.start, p.end, i) for i, c in enumerate(claims) for p in c.content)
    starts = [s for s, _, _ in pieces]
    # reach[k]: the two furthest piece ends (with owners, distinct) among pieces[:k + 1]
    reach: list[tuple[int, int, int]] = []
    best, owner, second = -1, -1, -1
    for _, end, i in pieces:
        if end > best:
            if i != owner:
                second = best
            best, owner = end, i
        elif end > second and i != owner:
            second = end
        reach.append((best, owner, second))
    kept = []
    for i, c in enumerate(claims):
        cue = c.cue
        assert cue is not None  # find_claims keeps only claims with a cue
        k = bisect.bisect_right(starts, cue.start) - 1
        if k >= 0:
            best, owner, second = reach[k]
            if (best if owner != i else second) >= cue.end:
                continue
        kept.append(c)
    return kept


def _draft_for(tok: Token, max_colon_source: int) -> Draft | None:
    """The claim a token cues, if it is a cue."""
    low = tok.lower_
    if low == ":":
        return _colon(tok, max_colon_source)
    if low == "according":
        return _according(tok)
    if low in SOURCELESS_ADVERBS and tok.dep_ == "advmod":
        return _sourceless_adverb(tok)
    if tok.pos_ not in VERBAL:
        return None
    lemma = tok.lemma_.lower()
    if lemma in RAISING_VERBS:
        return _raising(tok)
    if lemma in PASSIVE_NO_SOURCE and _passive_without_agent(tok):
        return _passive_no_source(tok)
    if lemma in QUESTION_VERBS and _bare_participle(tok):
        return _asked(tok)
    if lemma in PREPOSITIONAL_CUES and _cue_preposition(tok, lemma) is not None:
        return _prepositional(tok, lemma)
    if lemma in NAMING_VERBS and _phone_call(tok):
        return None
    if lemma in REPORTING_VERBS or (lemma in TOLL_VERBS and _states_a_toll(tok)):
        return _reporting_verb(tok, lemma)
    return None


def _phone_call(verb: Token) -> bool:
    """'Anyone with information can call 555-0100', 'is asked to call police': no naming
    ("called him a liar") and a modal or an infinitive."""
    deps = [c.dep_ for c in verb.children]
    if deps.count("dobj") > 1 or any(d in ("oprd", "xcomp", "ccomp", "attr") for d in deps):
        return False
    modal = any(c.dep_ == "aux" and c.lower_ in ("can", "may", "should", "could", "to")
                for c in verb.children)
    return modal or verb.dep_ == "xcomp"


# -- cues ----------------------------------------------------------------------------------


def _cue_tokens(verb: Token) -> tuple[int, ...]:
    """The verb with the auxiliaries, negation and adverbs right before it, and a particle."""
    ids = [verb.i]
    i = verb.i - 1
    while i >= 0:
        left = verb.doc[i]
        if left.head != verb or left.dep_ not in CUE_LEFT_DEPS or left.lower_ in NOT_IN_CUE:
            break
        ids.insert(0, i)
        i -= 1
    nxt = verb.i + 1
    if nxt < len(verb.doc) and verb.doc[nxt].head == verb and (
            verb.doc[nxt].dep_ == "prt" or _manner_adverb(verb.doc[nxt])):
        ids.append(nxt)
    return tuple(ids)


def _manner_adverb(tok: Token) -> bool:
    """'said sarcastically', 'wrote recently': an -ly adverb right after the verb."""
    return tok.dep_ == "advmod" and tok.lower_.endswith("ly") and tok.lower_ not in NOT_IN_CUE



# -- sources -------------------------------------------------------------------------------


def _subject(verb: Token) -> Token | None:
    """The verb's subject (the nearest, when a dateline was parsed as a second one), or the
    object of its "by" phrase."""
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    if subjects:
        return min(subjects, key=lambda c: abs(c.i - verb.i))
    for child in verb.children:
        if child.dep_ == "agent":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def _source_token(verb: Token) -> Token | None:
    """The subject of the verb, or of the verb it hangs from ("..., saying that ...")."""
    tok = verb
    for _ in range(3):
        subj = _subject(tok)
        if subj is not None:
            return subj
        if tok.dep_ not in INHERIT_DEPS or tok.head == tok:
            return None
        tok = tok.head
        if tok.dep_ == "prep" or (tok.pos_ in NOMINAL and tok.dep_ in ("dobj", "pobj")):
            tok = tok.head  # "by saying ...", "endorsed the plan, saying ..."
    return None


def _phrase(tok: Token) -> tuple[int, ...]:
    """Token ids of the subtree of ``tok`` (a noun phrase), edge punctuation dropped.

    A dateline or heading before a dash ("CITY (Agency) - Name") and a stray leading
    conjunction ("While X") are cut off.
    """
    doc = tok.doc
    cut = {t.i for c in tok.rights if c.dep_ == "acl" and _after_comma(c) for t in c.subtree}
    ids = [t.i for t in tok.subtree if t.i not in cut]
    dash = next((i for i in range(tok.i - 1, ids[0] - 1, -1) if _is_dash(doc[i])), None)
    if dash is not None:
        ids = [i for i in ids if i > dash]
    while ids and (is_edge_punct(doc[ids[0]]) or doc[ids[0]].dep_ in ("mark", "cc")):
        ids.pop(0)
    while ids and is_edge_punct(doc[ids[-1]]) and not _closes_bracket(doc, ids):
        ids.pop()
    return tuple(ids)


# -- contents ------------------------------------------------------------------------------


def _subtree_ids(tok: Token) -> set[int]:
    return {t.i for t in tok.subtree}


def _leading_participles(clause: Token) -> set[int]:
    """'reported, citing officials, that ...': the participle phrase is not what was reported."""
    out: set[int] = set()
    doc = clause.doc
    for child in clause.lefts:
        end = child.right_edge.i + 1
        if child.dep_ == "advcl" and child.tag_ == "VBG" and end < len(doc) and doc[end].text == ",":
            out |= _subtree_ids(child) | {end}
    return out


def _across_semicolon(verb: Token, clause: Token) -> bool:
    """'Medics said X; the army disputed it': a parser link over a semicolon is no complement."""
    lo, hi = sorted((verb.i, clause.i))
    return any(t.text == ";" for t in verb.doc[lo:hi])


def _after_comma(tok: Token) -> bool:
    first = tok.left_edge.i
    return first > 0 and tok.doc[first - 1].text == ","


def _core_clause(verb: Token) -> set[int]:
    """The verb's clause without the adverbials before its subject or set off by a comma
    after it ("Indeed, X appears to Y, despite Z" -> "X appears to Y")."""
    ids = _subtree_ids(verb)
    subject = next((c for c in verb.lefts if c.dep_ in SUBJECT_DEPS | {"nsubjpass"}), None)
    for child in verb.lefts:
        if child.dep_ not in CORE_DEPS and (subject is None or child.i < subject.i):
            ids -= _subtree_ids(child)
    for child in verb.rights:
        if child.dep_ not in CORE_DEPS | {"conj", "cc"} and _after_comma(child):
            ids -= {i for i in ids if i >= child.left_edge.i - 1}
            break
    return ids


def _object_content(verb: Token, obj: Token) -> set[int]:
    """The object and what follows it in the verb phrase ("X as Y", "X of Y")."""
    ids = _subtree_ids(obj)
    for child in verb.rights:
        if child.i <= obj.i:
            continue
        if child.dep_ == "prep" and child.lower_ not in OBJECT_PREPS:
            break
        if child.dep_ not in OBJECT_TAIL_DEPS:
            break
        ids |= _subtree_ids(child)
    return ids


def _quote_first_content(verb: Token) -> set[int]:
    """'"...," he said' or 'The plan, he said, will fail': the head clause around the cue."""
    head = verb.head
    if head == verb or head.pos_ not in VERBAL:
        return set()
    if verb.dep_ == "parataxis" or _trailing_cue(verb) or _as_clause(verb):
        return _subtree_ids(head) - _subtree_ids(verb)
    return set()


def _trailing_cue(verb: Token) -> bool:
    """'Y thinks Z, X said': a speech verb parsed as a complement of the clause it reports."""
    return verb.dep_ == "ccomp" and verb.i > verb.head.i and _after_punct(verb) and any(
        c.dep_ in SUBJECT_DEPS for c in verb.children)


def _as_clause(verb: Token) -> bool:
    """'As X told reporters, "..."': the main clause is what X said."""
    return verb.dep_ == "advcl" and verb.i < verb.head.i and any(
        c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)


def _after_punct(verb: Token) -> bool:
    first = verb.left_edge.i
    return first > 0 and verb.doc[first - 1].is_punct


def _complement_content(verb: Token, needs_clause: bool) -> set[int]:
    """What the verb reports: its clause, the quote around it, or its object ("describe X")."""
    clauses = [c for c in verb.children if c.dep_ == "ccomp" and not (
        c.lemma_.lower() in SPEECH_VERBS and _trailing_cue(c)) and not _across_semicolon(verb, c)]
    ids: set[int] = set()
    for clause in clauses:
        ids |= _subtree_ids(clause) - _leading_participles(clause)
    ids |= _quote_first_content(verb)
    if ids or needs_clause:
        return ids
    obj = next((c for c in verb.children if c.dep_ in ("dobj", "dative")), None)
    if obj is not None and obj.i > verb.i and verb.lemma_.lower() not in ADDRESSEE_VERBS:
        return _object_content(verb, obj)
    xcomp = next((c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i), None)
    if xcomp is not None:
        return _subtree_ids(xcomp)
    return set()


def _content(ids: set[int], *exclude: tuple[int, ...]) -> frozenset[int]:
    for part in exclude:
        ids -= set(part)
    return frozenset(ids)


# -- claim builders ------------------------------------------------------------------------


def _cue_preposition(verb: Token, lemma: str) -> Token | None:
    """The preposition right after the verb that belongs to its cue ("called for")."""
    nxt = verb.i + 1
    if nxt >= len(verb.doc):
        return None
    prep = verb.doc[nxt]
    if prep.head != verb or prep.dep_ not in ("prep", "prt"):
        return None
    return prep if prep.lower_ in PREPOSITIONAL_CUES[lemma] else None


def _prepositional(verb: Token, lemma: str) -> Draft | None:
    """'X called for Y', 'X pointed to Y': cue verb + preposition, content its object."""
    subj = _source_token(verb)
    prep = _cue_preposition(verb, lemma)
    if subj is None or prep is None:
        return None
    cue = (*_cue_tokens(verb), prep.i)
    objects = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
    if not objects and prep.dep_ == "prt":
        objects = [c for c in verb.rights if c.i > prep.i and c.dep_ in ("prep", "dobj")]
    content = {t.i for c in objects for t in c.subtree}
    for child in verb.rights:  # "called on X to do Y": the infinitive is content too
        if child.dep_ in ("xcomp", "ccomp") and child.i > prep.i:
            content |= _subtree_ids(child)
    source = _phrase(subj)
    return Draft(source, tuple(dict.fromkeys(cue)), _content(content, source), verb.i)


def _states_a_toll(verb: Token) -> bool:
    """'X put the death toll at 45': a count given by its source."""
    return any(c.dep_ == "dobj" and c.lemma_.lower() in TOLL_NOUNS for c in verb.children)


def _reporting_verb(verb: Token, lemma: str) -> Draft | None:
    subj = _source_token(verb)
    if subj is None:
        return None
    cue = _cue_tokens(verb)
    source = _phrase(subj)
    needs_clause = lemma in NEEDS_CLAUSE and subj.lemma_.lower() not in DOCUMENT_NOUNS
    content = _complement_content(verb, needs_clause)
    return Draft(source, cue, _content(content, source, cue), verb.i, lemma in SPEECH_VERBS)


def _according(tok: Token) -> Draft | None:
    """'according to X': source X; content the clause the phrase hangs from."""
    doc = tok.doc
    if tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to":
        return None
    to = doc[tok.i + 1]
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    head = tok.head
    while head.pos_ not in VERBAL and head.head != head:
        head = head.head
    if head == tok:
        return None
    content = _subtree_ids(head) - _subtree_ids(tok)
    return Draft(_phrase(pobj), (tok.i, to.i), frozenset(content))


def _line_start(tok: Token) -> int:
    """Index of the first token of ``tok``'s line, or after a dash before it on the line."""
    i = tok.i
    while i > 0:
        prev = tok.doc[i - 1]
        if "\n" in prev.text_with_ws or _is_dash(prev):
            break
        i -= 1
    return i


def _line_end(tok: Token) -> int:
    """Index of the last token of ``tok``'s line."""
    i = tok.i
    doc = tok.doc
    while i + 1 < len(doc) and "\n" not in doc[i].text_with_ws:
        i += 1
    return i


def _colon(colon: Token, max_words: int) -> Draft | None:
    """'Name: words' at the start of a line (headlines, transcripts): the name says the words."""
    doc = colon.doc
    first = _line_start(colon)
    words = doc[first:colon.i]
    if not 0 < len(words) <= max_words or not any(t.pos_ == "PROPN" for t in words):
        return None
    if any(t.pos_ in VERBAL or t.lower_ in NOT_A_SPEAKER for t in words):
        return None
    cut = next((t.i for t in words if t.lower_ == "on" and t.i > first), colon.i)
    if all(doc[i].ent_type_ in PLACE_LABELS for i in range(first, cut) if doc[i].pos_ == "PROPN"):
        return None  # "Gaza: 20 killed in strike" is a dateline, not a speaker
    source = tuple(range(first, cut))
    content = frozenset(range(colon.i + 1, _line_end(colon) + 1))
    return Draft(source, (colon.i,), content)


def _sourceless_adverb(adv: Token) -> Draft | None:
    """'X is reportedly Y': no source; content the clause around the adverb."""
    head = adv.head
    if head.pos_ not in VERBAL:
        return None
    content = _core_clause(head) - {adv.i}
    return Draft((), (adv.i,), frozenset(content))


def _raising(verb: Token) -> Draft | None:
    """'X appears to Y': no source; content X and 'to Y'."""
    if not any(c.dep_ in ("xcomp", "oprd", "acomp") for c in verb.children):
        return None
    cue = tuple(i for i in _cue_tokens(verb) if verb.doc[i].dep_ != "advmod")
    return Draft((), cue, _content(_core_clause(verb), cue))


def _bare_participle(verb: Token) -> bool:
    """'Asked about X, she said ...': a past participle with no subject of its own."""
    return verb.tag_ == "VBN" and verb.dep_ in ("advcl", "xcomp", "acl") and not any(
        c.dep_ in ("nsubj", "nsubjpass", "auxpass", "aux") for c in verb.children)


def _asked(verb: Token) -> Draft | None:
    """'Asked about X' (cue takes 'about', content X), 'asked whether ...' (content the clause)."""
    cue = [verb.i]
    about = next((c for c in verb.rights if c.dep_ == "prep" and c.lower_ == "about"), None)
    if about is not None and about.i == verb.i + 1:
        cue.append(about.i)
        content = {t.i for c in about.children if c.dep_ in ("pobj", "pcomp") for t in c.subtree}
    else:
        content = {t.i for c in verb.rights if c.dep_ in ("advcl", "ccomp", "xcomp")
                   for t in c.subtree}
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    pobj = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent else None
    source = _phrase(pobj) if pobj is not None else ()
    return Draft(source, tuple(cue), _content(content, source))


def _passive_without_agent(verb: Token) -> bool:
    """'X is said to Y', 'it is believed that Y': passive, no 'by ...', a clause after."""
    deps = {c.dep_ for c in verb.children}
    return "auxpass" in deps and "agent" not in deps and bool(deps & {"xcomp", "ccomp"})


def _passive_no_source(verb: Token) -> Draft | None:
    """'X is said to Y', 'it is believed that Y': no source."""
    cue = _cue_tokens(verb)
    return Draft((), cue, _content(_core_clause(verb), cue))


def _closes_bracket(doc: Doc, ids: list[int]) -> bool:
    """The last token is a ")" whose "(" is in the phrase."""
    return doc[ids[-1]].text == ")" and any(doc[i].text == "(" for i in ids)


def _is_dash(tok: Token) -> bool:
    """A free-standing dash (" - ", " — "), not a hyphen inside a word ("El-Erian")."""
    return tok.text in DASHES and bool(tok.whitespace_) and (
        tok.i == 0 or bool(tok.doc[tok.i - 1].whitespace_))
