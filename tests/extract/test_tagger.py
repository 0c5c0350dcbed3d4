"""The attribution tagger: tags to claims on texts written for these tests, and the shipped model."""

from __future__ import annotations

import numpy as np

from claimledger.extract.attribution._features import nearest
from claimledger.extract.attribution._quotes import find_quotes
from claimledger.extract.attribution.tagger import Tagger, claims_from_tags, merge, model_dir, runs
from claimledger.records import Claim, Span


def _tags(doc, pieces: dict[str, str]) -> list[str]:
    """BIO tags from {'the governor': 'SRC', ...} (each phrase's first occurrence)."""
    tags = ["O"] * len(doc)
    for phrase, role in pieces.items():
        start = doc.text.index(phrase)
        span = doc.char_span(start, start + len(phrase))
        for k, tok in enumerate(span):
            tags[tok.i] = ("B-" if k == 0 else "I-") + role
    return tags


def test_runs_split_at_a_new_piece():
    assert runs(["B-CON", "I-CON", "B-CON", "O", "I-CON"], "CON") == [(0, 1), (2, 2), (4, 4)]


def test_each_cue_gets_its_sentence_source_and_content(nlp):
    text = "The governor said that the road was closed. Police told reporters that two men were held."
    doc = nlp(text)
    tags = _tags(doc, {"The governor": "SRC", "said": "CUE", "that the road was closed": "CON",
                       "Police": "SRC", "told reporters": "CUE", "that two men were held": "CON"})
    claims = claims_from_tags(doc, text, tags, find_quotes(text))
    got = [(c.source.text if c.source else None, c.cue.text if c.cue else None, [p.text for p in c.content])
           for c in claims]
    assert got == [("The governor", "said", ["that the road was closed"]),
                   ("Police", "told reporters", ["that two men were held"])]


def test_a_quotation_after_the_cue_sentence_is_its_content(nlp):
    text = "“The bridge is gone,” the mayor said. “We will rebuild it.”"
    doc = nlp(text)
    tags = _tags(doc, {"“The bridge is gone,”": "CON", "the mayor": "SRC", "said": "CUE",
                       "“We will rebuild it.”": "CON"})
    (claim,) = claims_from_tags(doc, text, tags, find_quotes(text))
    assert [p.text for p in claim.content] == ["“The bridge is gone,”", "“We will rebuild it.”"]


def test_a_cue_without_content_is_no_claim(nlp):
    text = "The governor said nothing."
    doc = nlp(text)
    assert claims_from_tags(doc, text, _tags(doc, {"The governor": "SRC", "said": "CUE"}), find_quotes(text)) == []


def test_the_shipped_model_says_what_it_was_trained_on():
    tagger = Tagger.load()
    assert "PolNeAR train" in tagger.meta["trained_on"] and tagger.cue_lemmas
    assert (model_dir() / "attribution.crfsuite").stat().st_size < 30_000_000


def _claim(text: str, cue: str, content: str) -> Claim:
    c, t = text.index(cue), text.index(content)
    return Claim(None, Span.of(text, c, c + len(cue)), (Span.of(text, t, t + len(content)),))


def test_merge_keeps_believed_rules_and_adds_only_uncovered_believed_tagged_claims():
    text = "Police said that two men were held. Officials noted that roads were shut. Aides hinted that talks stalled."
    rule = _claim(text, "said", "that two men were held")
    doubted = _claim(text, "noted", "that roads were shut")
    same_cue = _claim(text, "said", "two men were held")
    new = _claim(text, "hinted", "that talks stalled")
    belief = {"said": 0.9, "noted": 0.01, "hinted": 0.7}
    got = merge([rule, doubted], [same_cue, new], lambda span: belief[span.text], (0.05, 0.5))
    assert got == [rule, new]
    assert merge([rule, doubted], [same_cue, new], lambda span: belief[span.text], (0.05, 0.8)) == [rule]
    assert merge([rule, doubted], [same_cue, new]) == [rule, doubted, new]


def test_nearest_centroid_of_each_token_vector(nlp):
    doc = nlp.make_doc("two words")
    doc.tensor = np.array([[0.0, 1.0], [5.0, 5.0]], dtype=np.float32)
    centres = (np.array([[0.0, 0.0], [4.0, 4.0]], dtype=np.float32),)
    assert nearest(doc, centres) == [["k2=0"], ["k2=1"]]
    assert nearest(doc, ()) == [[], []]
