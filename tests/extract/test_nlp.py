"""The pipeline builder: line breaks end sentences, glued quotes are split."""

from __future__ import annotations


def test_glued_opening_quote_is_its_own_token(nlp) -> None:
    toks = [t.text for t in nlp("He said,“Look at this.” Then 3,000 more came. U.S. troops left.")]
    assert toks[:5] == ["He", "said", ",", "“", "Look"]
    assert "3,000" in toks and "U.S." in toks


def test_line_break_ends_a_sentence(nlp) -> None:
    doc = nlp("READ: A Headline Without A Stop\nPolice said two people died.")
    assert [s.text.strip() for s in doc.sents] == ["READ: A Headline Without A Stop", "Police said two people died."]
