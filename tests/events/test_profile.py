"""Where an event happened and its best count, from its reports (issue #10: city and counts)."""

from __future__ import annotations

from claimledger.events.article import _finest_within
from claimledger.events.profile import event_place
from claimledger.events.reconcile import measure_view
from claimledger.records import ArticleEvent, EventMember, EventPlace, EventReport, Place, Span

COUNTY = EventPlace("Dalton County", "US", "US-GA", 34.7, -84.9, "admin2", 11)
TOWN = EventPlace("Millbrook", "US", "US-GA", 34.8, -84.8, "city", 12)


def _member(n: int, place: EventPlace, confidence: float = 0.5) -> EventMember:
    return EventMember(n, ArticleEvent(place_detail=place, place_confidence=confidence), uri=f"a{n}")


def test_a_town_inside_the_region_wins_over_its_county() -> None:
    members = [_member(1, COUNTY, 0.9), _member(2, COUNTY, 0.9), _member(3, TOWN, 0.2)]
    assert event_place(members) == TOWN


def test_the_county_stands_when_no_report_names_a_town() -> None:
    assert event_place([_member(1, COUNTY), _member(2, COUNTY)]) == COUNTY


def _place(name: str, kind: str, start: int) -> Place:
    return Place(Span(name, start, start + len(name)), name, "US", "US-GA", 34.7, -84.9, None, kind)


def test_a_town_named_late_in_the_article_refines_its_county() -> None:
    places = [_place("Dalton County", "admin2", 0), _place("Atlanta", "city", 40), _place("Millbrook", "city", 900)]
    places[1] = Place(places[1].span, "Atlanta", "US", "US-AL", 33.7, -84.4, None, "city")  # another state
    assert _finest_within(places, [0, 1, 2]) == 2


def _report(article: int, value: int, sentence: str, outlet: str) -> EventReport:
    return EventReport(article_id=article, uri=f"a{article}", outlet=outlet, published="2024-05-06",
                       claimant=None, low=value, high=value, best=value, figure_idx=(0,), evidence=(sentence,),
                       explicit=True, plain=True, when="2024-05-06")


def test_a_roundup_count_is_not_the_events_best() -> None:
    reports = [_report(1, 1, "A man was shot dead on Elm Street early Sunday.", "Herald"),
               _report(2, 17, "At least 17 people were killed in shootings across the city over the weekend.",
                       "Sun"),
               _report(3, 17, "Seventeen people were killed in shootings this weekend.", "Post")]
    m = measure_view("killed", reports)
    assert m.best == 1
    assert (m.low, m.high) == (1, 17)  # the roundup's count still bounds the range


def test_roundups_alone_still_give_a_best() -> None:
    m = measure_view("killed", [_report(1, 5, "Five people were killed in shootings over the weekend.", "Sun")])
    assert m.best == 5
