"""Where an event happened and its best count, from its reports (issue #10: city and counts)."""

from __future__ import annotations

from claimledger.events.article import _finest_within
from claimledger.events.profile import event_place
from claimledger.events.reconcile import later_deaths, measure_view
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


def _count(article: int, measure: str, value: int, day: str) -> tuple[str, EventReport]:
    return measure, EventReport(article_id=article, uri=f"a{article}", outlet=f"outlet{article}", published=day,
                                claimant=None, low=value, high=value, best=value, figure_idx=(0,),
                                evidence=(f"{value} {measure}.",), explicit=True, plain=True, when=day)


def _by_measure(*pairs: tuple[str, EventReport]) -> dict[str, list[EventReport]]:
    out: dict[str, list[EventReport]] = {}
    for measure, r in pairs:
        out.setdefault(measure, []).append(r)
    return out


def test_a_wounded_victim_who_died_later_is_no_longer_injured() -> None:
    bm = _by_measure(_count(1, "injured", 1, "2024-05-04"), _count(2, "killed", 1, "2024-05-06"))
    died = later_deaths(bm)
    assert died == {1: 1}
    assert measure_view("injured", bm["injured"], died=died).best == 0


def test_the_same_dead_told_again_later_take_no_one_from_the_injured() -> None:
    bm = _by_measure(_count(1, "killed", 1, "2024-05-04"), _count(1, "injured", 2, "2024-05-04"),
                     _count(2, "killed", 1, "2024-05-06"), _count(3, "killed", 3, "2024-05-03"))
    assert later_deaths(bm) == {}  # the later report gives no more dead; the earlier one is not later
