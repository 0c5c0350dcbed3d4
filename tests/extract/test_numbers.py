"""Number words, qualifiers and intervals (pure functions, no model)."""

from claimledger.extract.figures import numbers as nb
from claimledger.extract.figures.dates import find_dates


def test_digits_and_words():
    assert nb.parse_digits("3,000") == 3000
    assert nb.parse_digits("3,00") is None
    assert nb.words_to_number(["twenty", "-", "five"]) == 25
    assert nb.words_to_number(["two", "dozen"]) == 24
    assert nb.words_to_number(["a", "dozen"]) == 12
    assert nb.words_to_number(["1.2", "million"]) == 1_200_000
    assert nb.words_to_number(["one", "hundred", "and", "twenty"]) == 120
    assert nb.words_to_number(["seventeen"]) == 17
    assert nb.words_to_number(["people"]) is None


def test_ranges_reject_phone_numbers_and_scores():
    assert nb.parse_digit_range("10-15") == (10, 15)
    assert nb.parse_digit_range("555-1234") is None
    assert nb.parse_digit_range("3-2") is None


def test_qualifiers():
    assert nb.qualify(3000, "over") == nb.Interval(3001, None, "over", 3000)
    assert nb.qualify(5, "at_least") == nb.Interval(5, None, "at_least", 5)
    about = nb.qualify(200, "about")
    assert (about.low, about.high, about.qualifier) == (180, 220, "about")
    assert nb.qualify(30, "up_to") == nb.Interval(None, 30, "up_to", 30)
    nearly = nb.qualify(50, "under", ("nearly",))
    assert nearly.high == 49 and nearly.low == 45
    assert nb.qualify(50, "under", ("fewer", "than")).low is None
    assert nb.match_qualifier(["said", "more", "than"]) == ("over", 2)
    assert nb.match_qualifier(["killed", "at", "least"]) == ("at_least", 2)
    assert nb.match_qualifier(["killed"]) is None


def test_dates_resolve_against_publication():
    from datetime import date

    got = find_dates("He said on December 23 that", date(2024, 12, 26))
    assert [d.value for d in got] == ["2024-12-23"]
    assert [d.value for d in find_dates("on December 23", None)] == ["--12-23"]
    # a weekday is the latest such day on or before publication
    assert [d.value for d in find_dates("on Tuesday", date(2024, 12, 26))] == ["2024-12-24"]
    assert [d.value for d in find_dates("on Tuesday", None)] == [None]
    # a month after publication belongs to the year before
    assert [d.value for d in find_dates("on December 30", date(2025, 1, 2))] == ["2024-12-30"]
    assert [d.value for d in find_dates("on 5 May 2019", None)] == ["2019-05-05"]
    assert [d.value for d in find_dates("shot last night", date(2024, 12, 26))] == ["2024-12-25"]
    assert [d.value for d in find_dates("on Dec. 3", date(2024, 12, 26))] == ["2024-12-03"]
