"""Events key sources by claimant identity: one official named two ways is one source."""

from __future__ import annotations

from dataclasses import replace

from claimledger.events.reconcile import measure_flags
from claimledger.records import EventReport


def _r(article: int, value: int, when: str, claimant: str, claimant_id: str | None) -> EventReport:
    return EventReport(article_id=article, uri=f"a{article}", outlet=f"Outlet {article}", published=when,
                       claimant=claimant, low=value, high=value, best=value, figure_idx=(0,),
                       evidence=(f"{value} people were killed.",), explicit=True, subject="people", plain=True,
                       when=when, headline_agrees=True, claimant_id=claimant_id)


def test_one_official_named_two_ways_is_one_source() -> None:
    a = _r(1, 4, "2024-03-04", "Synehubov, government official", "person:oleh synehubov")
    b = _r(2, 9, "2024-03-04", "Oleh Synehubov, government official", "person:oleh synehubov")
    assert not [f for f in measure_flags("killed", [a, b]) if f.kind == "contradiction"]
    later = replace(b, published="2024-03-05", when="2024-03-05")
    assert [f.kind for f in measure_flags("killed", [a, later])] == ["update"]


def test_two_claimants_still_contradict() -> None:
    a = _r(1, 4, "2024-03-04", "Synehubov, government official", "person:oleh synehubov")
    b = _r(2, 9, "2024-03-04", "the coroner", "group:coroner")
    flags = measure_flags("killed", [a, b])
    assert [f.kind for f in flags] == ["contradiction"]
    assert "government official" in flags[0].reason
