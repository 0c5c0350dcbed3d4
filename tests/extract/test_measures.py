"""What figures count: measures read from the governing words (sentences written for tests)."""

from datetime import date

import pytest

from claimledger.extract.figures import article_totals, find_figures


@pytest.mark.parametrize("text, span, measure, subject", [
    ("The army has deployed about 8,000 troops to the border.", "about 8,000", "deployed", "troops"),
    ("Police arrested 25 protesters on Monday.", "25", "arrested", "protesters"),
    ("At least 300 people remain missing.", "At least 300", "missing", "people"),
    ("More than 2 million people have fled the country.", "More than 2 million", "displaced", "people"),
    ("Rebels captured 40 soldiers near the town.", "40", "captured", "soldiers"),
    ("Twelve sailors were taken prisoner.", "Twelve", "captured", "sailors"),
    ("The ministry said 120 people were hospitalized.", "120", "injured", "people"),
    ("Some 150 villagers were abducted by the militia.", "Some 150", "captured", "villagers"),
    ("Officials said 3,400 people were displaced by the floods.", "3,400", "displaced", "people"),
    ("The death toll has climbed to 87, officials said.", "87", "killed", None),
    ("The blast left 5 dead and 12 wounded.", "12", "injured", None),
    ("Police detained 14 people and seized 3 rifles.", "3", "other", "rifles"),
    ("Two gunmen opened fire on the crowd.", "Two", "other", "gunmen"),
    ("Five others sustained injuries in the blast.", "Five", "injured", "others"),
    ("Thirty people were in critical condition after the attack.", "Thirty", "injured", "people"),
    ("The attack killed 15 people and wounded over 50.", "over 50", "injured", None),
    ("The victim suffered six gunshot wounds.", "six", "other", "gunshot wounds"),
])
def test_measures(nlp, text, span, measure, subject):
    figs = find_figures(nlp(text), date(2024, 5, 10))
    f = next(f for f in figs if f.span.text == span)
    assert f.measure == measure
    assert (f.subject.text if f.subject else None) == subject


def test_percent_of_a_figure_is_a_ratio(nlp):
    figs = find_figures(nlp("About 40 per cent of the 5,000 residents fled."), None)
    ratio = next(f for f in figs if f.ratio is not None)
    assert ratio.ratio == pytest.approx(0.4)
    assert figs[ratio.of_figure].low == 5000


def test_running_tally_is_not_the_event(nlp):
    doc = nlp("Air strikes killed 27 people on Monday, bringing the toll to 1,200.")
    assert article_totals(find_figures(doc, None), doc).killed == 27


def test_negated_and_hypothetical_events_count_nothing(nlp):
    for text in ("The two officers were not injured.", "He threatened to kill five people.",
                 "The driver could have been killed."):
        doc = nlp(text)
        totals = article_totals(find_figures(doc, None), doc)
        assert (totals.killed, totals.injured) == (None, None), text
