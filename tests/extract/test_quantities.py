"""Number expressions: what counts, what does not (sentences written for these tests)."""

import pytest

from claimledger.extract.figures import find_figures


def spans(nlp, text):
    return [f.span.text for f in find_figures(nlp(text), None)]


@pytest.mark.parametrize("text, expected", [
    ("Seventeen people were hurt.", ["Seventeen"]),
    ("Twenty-five people were hurt.", ["Twenty-five"]),
    ("About 1.2 million people fled.", ["About 1.2 million"]),
    ("Two or three men were arrested.", ["Two or three"]),
    ("Tens of thousands of people marched.", ["Tens of thousands"]),
    ("Half a dozen homes burned.", ["Half a dozen"]),
    ("A few hundred people gathered.", ["A few hundred"]),
    ("20 or more people were hurt.", ["20 or more"]),
    ("Both men were arrested.", ["Both"]),
    ("One of the men was wounded.", ["One"]),
])
def test_counts_are_found(nlp, text, expected):
    assert spans(nlp, text) == expected


@pytest.mark.parametrize("text", [
    "No one was hurt in the crash.",
    "Route 66 and Channel 7 were closed.",
    "He lives at 2810 Oak Street.",
    "The case number is 44848.",
    "Call (212) 555-0199.",
    "Image 3 of 12 shows the scene.",
    "The boy, 14, and his sister, 12, were at home.",
    "A boy of 14 was at home.",
    "It happened in 2015 at 8:30 a.m.",
    "He was shot with a .38 caliber pistol, 30 percent of the time.",
])
def test_non_counts_are_skipped(nlp, text):
    assert [s for s in spans(nlp, text) if any(c.isdigit() for c in s)] == []


def test_ranges_and_qualifiers_span_the_whole_expression(nlp):
    figs = find_figures(nlp("Between 10 and 15 people and more than 2,000 others fled."), None)
    by_text = {f.span.text: f for f in figs}
    assert (by_text["Between 10 and 15"].low, by_text["Between 10 and 15"].high) == (10, 15)
    assert by_text["more than 2,000"].low == 2001
