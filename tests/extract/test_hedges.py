"""Hedge words found among a claim's tokens."""

from __future__ import annotations

from claimledger.extract.attribution.hedges import find_hedges, phrase_hedges


def test_modal_and_adverb(nlp):
    doc = nlp("The bridge may possibly collapse.")
    assert find_hedges(doc, range(len(doc))) == ("may", "possibly")


def test_appears_to(nlp):
    doc = nlp("The storm appears to be weakening.")
    assert "appears to" in find_hedges(doc, range(len(doc)))


def test_is_said_to(nlp):
    doc = nlp("The minister is said to be angry.")
    assert "is said to" in find_hedges(doc, range(len(doc)))


def test_plain_statement_has_no_hedge(nlp):
    doc = nlp("The minister resigned on Friday.")
    assert find_hedges(doc, range(len(doc))) == ()


def test_phrase():
    assert phrase_hedges("It remains unclear whether the plant will reopen.") == [
        "it remains unclear"]


def test_verification_disclaimer_in_the_sentence_hedges_the_claim(nlp):
    from claimledger.extract.attribution import find_claims

    doc = nlp("The agency said 300 people had died, a figure that could not be independently "
              "verified.")
    claims = find_claims(doc)
    assert claims and claims[0].hedged
    assert "could not be independently verified" in claims[0].hedges


def test_disclaimer_in_the_next_sentence_hedges_the_claim(nlp):
    from claimledger.extract.attribution import find_claims

    doc = nlp("Officials said 30 people died. Reporters could not independently verify the toll.")
    assert find_claims(doc)[0].hedges == ("could not independently verify",)
    doc = nlp("Officials said 30 people died. The army denied it.")
    assert not find_claims(doc)[0].hedged
