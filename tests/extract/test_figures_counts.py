"""Victim counts on short invented shooting reports (issue #10: how an article's killed and
injured totals are read): age lists, 'two fatally', victims set apart from the dead, victims
carried to hospital or found with wounds, one count per person."""

import pytest

from claimledger.extract.figures import article_totals, find_figures


@pytest.fixture(scope="module")
def totals(nlp):
    def _totals(text):
        doc = nlp(text)
        t = article_totals(find_figures(doc, None), doc)
        return t.killed, t.injured

    return _totals


@pytest.mark.parametrize("text, killed, injured", [
    # every number of an age list is an age
    ("Two teens, ages 14 and 16, were shot on Elm Street.", None, 2),
    ("Three men, aged 19, 22 and 31, were wounded in the shooting.", None, 3),
    ("Three teen boys, all 16 or younger, were wounded on Monday.", None, 3),
    # 'two fatally': the dead among the shot
    ("Five people were shot, two fatally, outside a bar on Friday.", 2, 3),
    ("Three men were shot Saturday night, one fatally.", 1, 2),
    # victims set apart from the dead are injured beyond them
    ("A man was killed in the shooting. Two others were wounded.", 1, 2),
    ("A woman was shot and killed. Another man was also shot and taken to the hospital.", 1, 1),
])
def test_counts_of_the_shot(totals, text, killed, injured):
    assert totals(text) == (killed, injured)


@pytest.mark.parametrize("text, killed, injured", [
    # carried to hospital: a victim (injured, not dead)
    ("The victim was rushed to a local hospital after the shooting on Oak Avenue.", None, 1),
    # a suspect's check-up before jail is not a victim
    ("The suspect was taken to a hospital and placed under arrest.", None, None),
    # found with wounds
    ("Officers arrived and the man was found with gunshot wounds.", None, 1),
    ("Two men were found with gunshot wounds in the parking lot.", None, 2),
    ("Three people were found with stab wounds.", None, 3),
    ("Police said Jones is recovering from a gunshot wound.", None, 1),
    # one count per person across what is said of them
    ("A man was shot in the chest. He was taken to the hospital in critical condition.", None, 1),
])
def test_one_victim_across_what_is_said(totals, text, killed, injured):
    assert totals(text) == (killed, injured)


def test_a_numbered_street_address_is_not_a_count(totals):
    text = "The teen was struck in the head at the Harrison Apartments, 8311 83rd St. SW."
    assert totals(text) == (None, 1)


def test_hit_is_a_person_only_when_plainly_one(totals):
    assert totals("The car hit a barrier on the highway.") == (None, None)
