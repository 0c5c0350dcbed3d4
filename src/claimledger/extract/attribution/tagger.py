"""The trained attribution tagger: a linear-chain CRF over the parse that tags every token as
part of a source, a cue or a content (BIO), and the claims built from those tags.

The weights (``model/attribution.crfsuite``) and what they were trained on (``model/model.json``)
ship with the package; ``scripts/train_attribution.py`` retrains them. The rules' claims are
features of the tagger (``_features.py``), so the tagger keeps what they get right.

From tags to claims: every cue is a claim; a source goes to the nearest cue of its sentence
(the cue whose subject it is first), a content piece to the nearest cue of its sentence, else to
the nearest cue of the sentences around it (a quotation going on after "he said.").
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import pycrfsuite
from spacy.tokens import Doc

from claimledger.errors import ModelError
from claimledger.extract.attribution._features import doc_features, nearest
from claimledger.extract.attribution._quotes import Quotes, find_quotes
from claimledger.extract.attribution._spans import Draft, to_claim
from claimledger.extract.attribution._speaker import LOOKBACK, resolve_speakers
from claimledger.extract.attribution.finder import MAX_COLON_SOURCE, find_claims
from claimledger.extract.attribution.hedges import disclaimed_after
from claimledger.records import Claim, Span

MODEL_FILE = "attribution.crfsuite"
META_FILE = "model.json"
NEAR_SENTENCES = 2  # how many sentences away a content piece may be from its cue

Run = tuple[int, int]  # first and last token id


def model_dir() -> Path:
    """The shipped model's folder (inside the installed package)."""
    return Path(str(resources.files("claimledger.extract.attribution").joinpath("model")))


@dataclass
class Tagger:
    """A loaded CRF model and the cue lemmas its features need."""

    crf: Any
    cue_lemmas: frozenset[str]
    meta: dict[str, Any]
    centroids: tuple[np.ndarray, ...] = ()

    @classmethod
    def load(cls, folder: Path | None = None) -> Tagger:
        folder = folder or model_dir()
        try:
            meta = json.loads((folder / META_FILE).read_text(encoding="utf-8"))
            crf = pycrfsuite.Tagger()
            crf.open(str(folder / MODEL_FILE))
        except (OSError, ValueError) as exc:
            raise ModelError(f"attribution model in {folder} could not be read: {exc}") from exc
        centroids = tuple(np.asarray(c, dtype=np.float32) for c in meta.get("clusters") or ())
        return cls(crf, frozenset(meta["cue_lemmas"]), meta, centroids)

    def claims(self, doc: Doc, *, max_colon_source: int = MAX_COLON_SOURCE,
               speaker_lookback: int = LOOKBACK) -> list[Claim]:
        """The claims of ``doc``: the rules' claims are features, the tags make the claims."""
        text = doc.text
        quotes = find_quotes(text)
        rules = find_claims(doc, max_colon_source=max_colon_source, speaker_lookback=speaker_lookback)
        tags, cue_odds = self.tags(doc, rules, quotes)
        tagged = claims_from_tags(doc, text, tags, quotes)
        kept = merge(rules, tagged, _cue_belief(doc, cue_odds), self.thresholds)
        return resolve_speakers(doc, disclaimed_after(doc, kept), speaker_lookback)

    @property
    def thresholds(self) -> tuple[float, float]:
        """(keep, add): the least cue probability for a rule's claim to stay and for a tagged
        claim the rules lack to be added (chosen on dev, kept in model.json)."""
        got = self.meta.get("thresholds") or {}
        return float(got.get("keep", 0.0)), float(got.get("add", 0.0))

    def tags(self, doc: Doc, rules: Sequence[Claim], quotes: Quotes) -> tuple[list[str], list[float]]:
        """A BIO tag per token (B-SRC, I-CUE, O ...) and the probability that it is in a cue."""
        if not len(doc):
            return [], []
        clusters = nearest(doc, self.centroids) if self.centroids else None
        tags = list(self.crf.tag(doc_features(doc, rules, quotes, self.cue_lemmas, clusters)))
        labels = set(self.crf.labels())
        cue = [lab for lab in ("B-CUE", "I-CUE") if lab in labels]
        odds = [sum(self.crf.marginal(lab, i) for lab in cue) for i in range(len(tags))]
        return tags, odds


def _cue_belief(doc: Doc, odds: Sequence[float]) -> Callable[[Span], float]:
    """A cue span -> the mean probability the tagger gives its tokens of being in a cue."""
    def belief(span: Span) -> float:
        sp = doc.char_span(span.start, span.end, alignment_mode="expand")
        if sp is None or not len(sp):
            return 0.0
        return sum(odds[t.i] for t in sp) / len(sp)

    return belief


def _overlap(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def merge(rules: Sequence[Claim], tagged: Sequence[Claim], belief: Callable[[Span], float] | None = None,
          thresholds: tuple[float, float] = (0.0, 0.0)) -> list[Claim]:
    """The rules' claims whose cue the tagger believes in, and the tagger's claims that none of
    them covers (no shared cue, no shared content) and whose cue it believes in enough: the
    rules are the more precise where they fire, the tagger finds cues they have no rule for.
    In text order."""
    keep, add = thresholds
    sure = belief or (lambda _span: 1.0)
    kept = [r for r in rules if r.cue is None or sure(r.cue) >= keep]
    for claim in tagged:
        if claim.cue is None or sure(claim.cue) < add:
            continue
        if any(r.cue is not None and _overlap(r.cue, claim.cue) for r in rules):
            continue
        if any(_overlap(p, q) for r in rules for p in r.content for q in claim.content):
            continue
        kept.append(claim)
    return sorted(kept, key=lambda c: c.cue.start if c.cue is not None else 0)


def runs(tags: Sequence[str], role: str) -> list[Run]:
    """The (first, last) token ids of each tagged piece of ``role`` ('SRC', 'CUE', 'CON')."""
    out: list[Run] = []
    for i, tag in enumerate(tags):
        if tag == f"B-{role}" or (tag == f"I-{role}" and (not out or out[-1][1] != i - 1)):
            out.append((i, i))
        elif tag == f"I-{role}":
            out[-1] = (out[-1][0], i)
    return out


def _gap(a: Run, b: Run) -> int:
    """Tokens between two runs (0 when they touch or overlap)."""
    return max(0, max(a[0], b[0]) - min(a[1], b[1]))


def _subject_of(doc: Doc, source: Run, cue: Run) -> bool:
    """The source's root hangs from a token of the cue (its subject, 'according to' object...)."""
    cue_ids = set(range(cue[0], cue[1] + 1))
    tok = doc[source[0]:source[1] + 1].root
    return any(a.i in cue_ids for a in [tok.head, tok.head.head])


def _nearest(doc: Doc, piece: Run, cues: Sequence[Run], sent_of: Sequence[int], reach: int) -> int | None:
    """Index of the cue nearest ``piece``: same sentence first, then up to ``reach`` sentences away."""
    here = sent_of[piece[0]]
    best = None
    for k, cue in enumerate(cues):
        apart = abs(sent_of[cue[0]] - here)
        if apart > reach:
            continue
        key = (apart, _gap(piece, cue))
        if best is None or key < best[0]:
            best = (key, k)
    return None if best is None else best[1]


def claims_from_tags(doc: Doc, text: str, tags: Sequence[str], quotes: Quotes) -> list[Claim]:
    """Claims (one per tagged cue) with their sources and contents, in text order."""
    cues = runs(tags, "CUE")
    if not cues:
        return []
    sent_of = [0] * len(doc)
    for k, sent in enumerate(doc.sents):
        for tok in sent:
            sent_of[tok.i] = k
    sources: dict[int, Run] = {}
    orphans = []
    for src in runs(tags, "SRC"):
        owners = [k for k, cue in enumerate(cues) if sent_of[cue[0]] == sent_of[src[0]] and _subject_of(doc, src, cue)]
        owner = owners[0] if owners else _nearest(doc, src, cues, sent_of, 0)
        if owner is not None and owner not in sources:
            sources[owner] = src
        else:
            orphans.append(src)
    for src in orphans:  # a source the next sentence's cue goes with ("Smith, the mayor. She said ...")
        free = [cue for k, cue in enumerate(cues) if k not in sources]
        near = _nearest(doc, src, free, sent_of, 1)
        if near is not None:
            sources[cues.index(free[near])] = src
    contents: dict[int, list[Run]] = {}
    for con in runs(tags, "CON"):
        near = _nearest(doc, con, cues, sent_of, NEAR_SENTENCES)
        if near is not None:
            contents.setdefault(near, []).append(con)
    out = []
    for k, cue in enumerate(cues):
        got = sources.get(k)
        draft = Draft(
            source=tuple(range(got[0], got[1] + 1)) if got else (),
            cue=tuple(range(cue[0], cue[1] + 1)),
            content=frozenset(i for a, b in contents.get(k, []) for i in range(a, b + 1)),
        )
        claim = to_claim(doc, text, draft, quotes)
        if claim.cue is not None and claim.content:
            out.append(claim)
    return out
