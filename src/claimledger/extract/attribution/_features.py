"""Token features for the attribution tagger: the parse, the word lists, quotes and the rules.

Each token becomes a list of feature strings (CRFsuite's binary attributes). What a token says
about itself (its word, lemma, tags, dependency, entity, quote state, word-list memberships, its
role in the rules' claims) is joined with the same of its neighbours, and with where it hangs in
the parse relative to the nearest cue-like word (a lemma that is often a cue on the training
split, kept in the model's ``model.json``): under it as its subject, its complement, its
parataxis ... The rules' claims (``finder.find_claims``) are features, not the answer: the
tagger learns where to trust them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import numpy as np
from spacy.tokens import Doc, Token

from claimledger.extract.attribution._quotes import Quotes
from claimledger.extract.attribution._words import WORDS
from claimledger.records import Claim

# word lists whose membership is a feature (by lemma, lower case)
LEXICON_LISTS = ("reporting_verbs", "speech_verbs", "needs_clause", "document_nouns", "passive_no_source",
                 "raising_verbs", "sourceless_adverbs", "hedge_adverbs", "person_pronouns", "group_pronouns",
                 "addressee_verbs", "question_verbs", "toll_verbs", "not_in_cue")
KEY_CHILD_DEPS = frozenset({"nsubj", "nsubjpass", "ccomp", "xcomp", "dobj", "agent", "mark", "parataxis",
                            "advcl", "prep", "aux", "auxpass", "neg", "dative", "attr", "acomp", "prt"})
ANCESTOR_STEPS = 8
WINDOW = (-2, -1, 1, 2)
ROLE_TAGS = (("source", "SRC"), ("cue", "CUE"), ("content", "CON"))


def _lexicon() -> dict[str, tuple[str, ...]]:
    member: dict[str, list[str]] = {}
    for name in LEXICON_LISTS:
        for word in WORDS.words(name):
            member.setdefault(word, []).append(name)
    return {w: tuple(v) for w, v in member.items()}


LEXICON = _lexicon()


def _bucket(n: int) -> str:
    a = abs(n)
    size = str(a) if a <= 3 else "4-6" if a <= 6 else "7-12" if a <= 12 else "far"
    return ("-" if n < 0 else "+") + size


def _shape(text: str) -> str:
    if text.isdigit():
        return "d"
    if text.isupper() and len(text) > 1:
        return "XX"
    if text[:1].isupper():
        return "Xx"
    if text.isalpha():
        return "x"
    return "p"


def rule_tags(doc: Doc, claims: Iterable[Claim]) -> list[str]:
    """'B-CUE', 'I-SRC' ... for the tokens of the rules' claims, 'O' elsewhere."""
    tags = ["O"] * len(doc)
    for claim in claims:
        for role, tag in ROLE_TAGS:
            value = getattr(claim, role)
            pieces = value if isinstance(value, tuple) else (value,) if value is not None else ()
            for piece in pieces:
                span = doc.char_span(piece.start, piece.end, alignment_mode="expand")
                if span is None:
                    continue
                for k, tok in enumerate(span):
                    tags[tok.i] = ("B-" if k == 0 else "I-") + tag
    return tags


def _ancestor(tok: Token, cue_like: Callable[[Token], bool]) -> list[str]:
    """Where ``tok`` hangs under the nearest cue-like ancestor (the dependency of the child on
    the path, the side, the depth) and under the outermost one of its sentence (annotators
    mark the outer attribution: "X said Y thinks Z" is X's claim)."""
    child, steps = tok, 0
    feats: list[str] = []
    top = ""
    while child.head is not child and steps < ANCESTOR_STEPS:
        parent = child.head
        steps += 1
        if cue_like(parent):
            side = "<" if tok.i < parent.i else ">"
            if not feats:
                feats = [f"anc={child.dep_}{side}", f"ancd={min(steps, 4)}", f"ancl={parent.lemma_.lower()}",
                         f"anc={child.dep_}{side}|{min(steps, 3)}"]
            top = f"top={child.dep_}{side}"
        child = parent
    return [*(feats or ["anc=none"]), top or "top=none"]


def _own(tok: Token, quotes: Quotes, cue_like: Callable[[Token], bool]) -> list[str]:
    """What a token says about itself (also read by its neighbours)."""
    low = tok.lower_
    lemma = tok.lemma_.lower()
    feats = [f"w={low}", f"l={lemma}", f"p={tok.pos_}", f"t={tok.tag_}", f"d={tok.dep_}", f"s={_shape(tok.text)}"]
    if tok.ent_type_:
        feats.append(f"e={tok.ent_iob_}{tok.ent_type_}")
    if tok.is_quote:
        feats.append("quote")
    elif (inside := quotes.containing(tok.idx)) is not None:
        feats.append("inq")
        if tok.idx - inside[0] <= 1:
            feats.append("qfirst")
        if inside[1] - (tok.idx + len(tok.text)) <= 1:
            feats.append("qlast")
    for name in LEXICON.get(lemma, ()):
        feats.append(f"lex={name}")
    if cue_like(tok):
        feats.append("cuelike")
    return feats


def _head(tok: Token) -> list[str]:
    head = tok.head
    feats = [f"hd={tok.dep_}|{head.pos_}", f"hl={tok.dep_}|{head.lemma_.lower()}",
             f"ld={tok.lemma_.lower()}|{tok.dep_}"]
    feats.extend(f"ch={c.dep_}" for c in tok.children if c.dep_ in KEY_CHILD_DEPS)
    if tok.is_sent_start:
        feats.append("sent0")
    if tok.i > 0 and "\n" in tok.doc[tok.i - 1].text_with_ws:
        feats.append("line0")
    return feats


def _nearest_cue(doc: Doc, cue_like: Callable[[Token], bool]) -> list[str]:
    """Signed distance (bucketed) from each token to the nearest cue-like word of its sentence."""
    out = ["cd=none"] * len(doc)
    for sent in doc.sents:
        cues = [t.i for t in sent if cue_like(t)]
        if not cues:
            continue
        for tok in sent:
            near = min(cues, key=lambda c: abs(c - tok.i))
            out[tok.i] = "cd=" + _bucket(tok.i - near)
    return out


def nearest(doc: Doc, centroids: Sequence[np.ndarray]) -> list[list[str]]:
    """Per token, the nearest centroid of each set (``k32=7``, ``k128=90``) of its tok2vec
    vector (the parser's own context vector, ``doc.tensor``); nothing when the doc has none."""
    tensor = getattr(doc, "tensor", None)
    if not centroids or tensor is None or len(tensor) != len(doc) or not len(doc):
        return [[] for _ in doc]
    vectors = np.asarray(tensor, dtype=np.float32)
    out: list[list[str]] = [[] for _ in doc]
    for centres in centroids:
        dist = (vectors * vectors).sum(1)[:, None] - 2 * vectors @ centres.T + (centres * centres).sum(1)[None, :]
        for i, k in enumerate(dist.argmin(1)):
            out[i].append(f"k{len(centres)}={k}")
    return out


def doc_features(doc: Doc, rules: Sequence[Claim], quotes: Quotes, cue_lemmas: frozenset[str],
                 clusters: Sequence[Sequence[str]] | None = None) -> list[list[str]]:
    """One list of feature strings per token of ``doc``; ``clusters``: each token's cluster
    features (:func:`nearest`), also read for its neighbours."""

    def cue_like(tok: Token) -> bool:
        return tok.lemma_.lower() in cue_lemmas or tok.lower_ in cue_lemmas

    own = [_own(t, quotes, cue_like) for t in doc]
    shared = 4  # the first features of a token its neighbours read: word, lemma, tags, clusters
    if clusters is not None:
        for feats, extra in zip(own, clusters, strict=True):
            feats[4:4] = extra
        shared += len(clusters[0]) if clusters else 0
    tags = rule_tags(doc, rules)
    near = _nearest_cue(doc, cue_like)
    out = []
    n = len(doc)
    for tok in doc:
        i = tok.i
        feats = ["bias", *own[i], *_head(tok), *_ancestor(tok, cue_like), near[i], f"r={tags[i]}"]
        for k in WINDOW:
            j = i + k
            if 0 <= j < n:
                feats.extend(f"{k}{f}" for f in own[j][:shared])
                feats.append(f"{k}r={tags[j]}")
            else:
                feats.append(f"{k}edge")
        prev = own[i - 1][0] if i else "w=^"
        feats.append(f"bi={prev}|{own[i][0]}")
        feats.append(f"rr={tags[i - 1] if i else '^'}|{tags[i]}")
        out.append(feats)
    return out
