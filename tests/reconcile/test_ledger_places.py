"""Ledger-wide grouping by the finest known place, and no self-contradiction without dates."""

from __future__ import annotations

from claimledger.reconcile import reconcile
from claimledger.reconcile.ledger import group_figures
from claimledger.records import FigureEntry


def _entry(i: int, low: int, who: str, published: str | None, *, country: str = "NG",
           place: str | None = None, iso: str | None = None, article: int | None = None,
           subject: str = "people") -> FigureEntry:
    return FigureEntry(id=i, article_id=article if article is not None else i, measure="killed",
                       low=low, high=low, qualifier="exact", span_text=str(low), start=0, end=2,
                       subject=subject, source=who, published=published, outlet=f"Outlet {i}",
                       place=place, country=country, place_iso=iso)


def test_events_in_two_places_of_one_country_do_not_contradict() -> None:
    bus = _entry(1, 5, "Police", "2025-05-02", place="Kano", iso="NG-KN")
    fire = _entry(2, 12, "Police", "2025-05-02", place="Lagos", iso="NG-LA")
    groups = group_figures([bus, fire])
    assert sorted(g.place for g in groups) == ["NG-KN", "NG-LA"]
    assert reconcile([bus, fire]).flags == ()


def test_a_country_level_figure_joins_the_one_place_of_its_story() -> None:
    police = _entry(1, 37, "Police", "2025-03-13", country="TZ", place="Mwanza", iso="TZ-18")
    red_cross = _entry(2, 41, "Red Cross", "2025-03-13", country="TZ", place="Tanzania")
    (group,) = group_figures([police, red_cross])
    assert group.place == "TZ-18"
    assert [f.kind for f in reconcile([police, red_cross]).flags] == ["contradiction"]


def test_a_country_level_figure_follows_its_own_article() -> None:
    kano = _entry(1, 5, "Police", "2025-05-02", place="Kano", iso="NG-KN")
    lagos = _entry(2, 12, "Police", "2025-05-02", place="Lagos", iso="NG-LA")
    kano_other = _entry(3, 30, "Police", "2025-05-02", place="Kano", iso="NG-KN", article=4,
                        subject="passengers")
    vague = _entry(4, 7, "Red Cross", "2025-05-02", place="Nigeria", article=4)
    groups = {(g.subject, g.place): [f.id for f in g.figures]
              for g in group_figures([kano, lagos, kano_other, vague])}
    assert groups[("people", "NG-KN")] == [1, 4] and groups[("people", "NG-LA")] == [2]


def test_an_ambiguous_country_level_figure_stays_at_country_level() -> None:
    kano = _entry(1, 5, "Police", "2025-05-02", place="Kano", iso="NG-KN")
    lagos = _entry(2, 12, "Police", "2025-05-02", place="Lagos", iso="NG-LA")
    vague = _entry(3, 9, "Red Cross", "2025-05-02", place="Nigeria")
    groups = {g.place: [f.id for f in g.figures] for g in group_figures([kano, lagos, vague])}
    assert groups == {"NG-KN": [1], "NG-LA": [2], "NG": [3]}


def test_without_a_finer_place_the_country_still_groups() -> None:
    a = _entry(1, 37, "Police", "2025-03-13", country="TZ")
    b = _entry(2, 41, "Red Cross", "2025-03-13", country="TZ")
    (group,) = group_figures([a, b])
    assert group.place == "TZ"


def test_one_source_without_dates_does_not_contradict_itself() -> None:
    a = _entry(1, 37, "Police", None, country="TZ")
    b = _entry(2, 52, "the police", None, country="TZ")
    assert reconcile([a, b]).flags == ()


def test_different_sources_without_dates_still_contradict() -> None:
    a = _entry(1, 37, "Police", None, country="TZ")
    b = _entry(2, 52, "Red Cross", None, country="TZ")
    (flag,) = reconcile([a, b]).flags
    assert flag.kind == "contradiction"
    assert flag.reason.startswith("According to Police (Outlet 1), exactly 37 killed for people;")


def test_one_flag_per_source_pair_closest_in_time() -> None:
    entries = [_entry(1, 37, "Police", "2025-03-13", country="TZ"),
               _entry(2, 41, "Red Cross", "2025-03-14", country="TZ"),
               _entry(3, 44, "Red Cross", "2025-03-13", country="TZ"),
               _entry(4, 52, "Police", "2025-03-20", country="TZ")]
    flags = reconcile(entries).flags
    contradictions = [f.figure_ids for f in flags if f.kind == "contradiction"]
    assert contradictions == [(1, 3)]
    assert ("update", (1, 4)) in [(f.kind, f.figure_ids) for f in flags]
    assert all(f.reason[0].isupper() for f in flags)
