"""Claimants: one identity per person or organisation, with a type, on texts written for these tests."""

from __future__ import annotations

import pytest

from claimledger.extract.attribution.claimants import claimant_type
from claimledger.records import Claim


@pytest.fixture(scope="module")
def claims_of(nlp):
    def run(text: str) -> list[Claim]:
        return list(nlp(text)._.claimledger_claims)

    return run


def _by_source(claims: list[Claim], source: str) -> Claim:
    found = [c for c in claims if c.source is not None and c.source.text == source]
    assert found, [c.source.text for c in claims if c.source]
    return found[0]


def test_one_claimant_named_three_ways(claims_of):
    text = ("Kharkiv Governor Oleh Synehubov said on Monday that nine people were killed in the strike.\n"
            "Synehubov said that rescuers were still searching the building.\n"
            "He said that the count would rise.")
    claims = claims_of(text)
    ids = {_by_source(claims, s).claimant_id for s in ("Kharkiv Governor Oleh Synehubov", "Synehubov", "He")}
    assert ids == {"person:oleh synehubov"}
    assert _by_source(claims, "Synehubov").claimant_type == "government_official"
    assert _by_source(claims, "He").speaker == "Oleh Synehubov"


def test_the_ministry_is_the_ministry_named_before(claims_of):
    text = ("The Ministry of Defence said that 30 soldiers were wounded.\n"
            "The ministry said later that the wounded had been moved to Lviv.")
    claims = claims_of(text)
    assert _by_source(claims, "The ministry").claimant_id == _by_source(
        claims, "The Ministry of Defence").claimant_id == "org:ministry of defence"


def test_two_people_with_one_surname_in_one_article_stay_apart(claims_of):
    text = ("Mayor Anna Kovac said that the school would reopen.\n"
            "Her brother, Marko Kovac, said that the school had been shelled twice.")
    claims = claims_of(text)
    a = _by_source(claims, "Mayor Anna Kovac")
    assert a.claimant_id == "person:anna kovac"
    b = next(c for c in claims if c.claimant_id == "person:marko kovac")
    assert b.claimant_id != a.claimant_id


@pytest.mark.parametrize(("text", "source", "kind"), [
    ("Defence Minister Anna Berg said that the border was closed.", "Defence Minister Anna Berg",
     "government_official"),
    ("The army said that two drones were shot down.", "The army", "military"),
    ("Police said that three men were arrested.", "Police", "police"),
    ("The United Nations said that 4,000 people had fled.", "The United Nations", "ngo_un"),
    ("A witness said that the car exploded near the market.", "A witness", "witness_relative"),
    ("Reuters reported that the airport was closed.", "Reuters", "media"),
    ("A senior official said that talks would resume.", "A senior official", "anonymous_official"),
])
def test_each_claimant_type(claims_of, text, source, kind):
    assert _by_source(claims_of(text), source).claimant_type == kind


def test_a_claim_without_source_is_unattributed(claims_of):
    claims = claims_of("The convoy was reportedly hit near the bridge.")
    assert claims and all(c.source is None and c.claimant_type == "unattributed" and c.claimant_id is None
                          for c in claims)


def test_type_words():
    assert claimant_type(["attorney", "general"], named=True) == "government_official"
    assert claimant_type(["a", "senior", "administration", "official"], named=False) == "anonymous_official"
    assert claimant_type(["a", "police", "spokesman"], named=True) == "police"
    assert claimant_type(["a", "local", "farmer"], named=True) == "other"


def test_a_shorter_name_is_the_organisation_named_in_full(claims_of):
    text = ("The Joint Chiefs of Staff said that 200 troops had crossed the border.\n"
            "The Joint Chiefs said that the troops had withdrawn by noon.")
    claims = claims_of(text)
    first, second = _by_source(claims, "The Joint Chiefs of Staff"), _by_source(claims, "The Joint Chiefs")
    assert first.claimant_id == second.claimant_id == "org:joint chiefs of staff"
    assert first.claimant_type == "military"


def test_a_surname_the_ner_does_not_read_as_a_person_is_the_person_named_before(claims_of):
    text = "Mayor Anna Kovac said that the school was hit.\nKovac said that the school would reopen."
    claims = claims_of(text)
    assert _by_source(claims, "Kovac").claimant_id == "person:anna kovac"
    assert _by_source(claims, "Kovac").claimant_type == "government_official"
