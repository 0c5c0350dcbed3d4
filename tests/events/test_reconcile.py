"""Reconciliation of one event's reports: low / best / high, grade, and which pairs are flagged."""

from __future__ import annotations

from claimledger.events.reconcile import measure_flags, measure_view
from claimledger.records import EventReport


def _r(article: int, value: int, when: str, claimant: str | None = "police", outlet: str = "Herald",
       subject: str = "people", plain: bool = True, high: int | None = -1, headline: bool = True) -> EventReport:
    return EventReport(article_id=article, uri=f"a{article}", outlet=outlet, published=when, claimant=claimant,
                       low=value, high=value if high == -1 else high, best=value, figure_idx=(0,),
                       evidence=(f"{value} {subject} were killed.",), explicit=True, subject=subject, plain=plain,
                       when=when, headline_agrees=headline)


def test_low_best_high_follow_the_latest_reports() -> None:
    m = measure_view("killed", [_r(1, 4, "2024-03-04"), _r(2, 7, "2024-03-05", outlet="WBAL"),
                                _r(3, 7, "2024-03-05", outlet="Sun", claimant="officials")])
    assert (m.low, m.best, m.high) == (4, 7, 7)
    assert m.sources == 3 and m.grade == "corroborated"


def test_one_outlet_is_a_single_source_and_disagreeing_latest_reports_are_contested() -> None:
    assert measure_view("killed", [_r(1, 4, "2024-03-04")]).grade == "single_source"
    m = measure_view("killed", [_r(1, 4, "2024-03-04"), _r(2, 6, "2024-03-04", outlet="WBAL", claimant="mayor")])
    assert m.grade == "contested"


def test_an_open_count_keeps_its_lower_bound_as_high() -> None:
    m = measure_view("casualties", [_r(1, 3001, "2024-12-23", high=None), _r(2, 1100, "2024-12-23", outlet="W")])
    assert (m.low, m.high) == (1100, 3001)


def test_named_sources_at_the_same_time_contradict() -> None:
    flags = measure_flags("killed", [_r(1, 4, "2024-03-04"), _r(2, 9, "2024-03-04", claimant="the coroner")])
    assert [f.kind for f in flags] == ["contradiction"]
    assert "police" in flags[0].reason and "the coroner" in flags[0].reason


def test_one_unbacked_report_across_articles_is_not_a_contradiction() -> None:
    # a count no other report and not its own headline gives is more likely a misreading
    flags = measure_flags("killed", [_r(1, 4, "2024-03-04"), _r(2, 9, "2024-03-04", claimant="the coroner",
                                                                 headline=False)])
    assert not [f for f in flags if f.kind == "contradiction"]


def test_what_a_coder_would_not_call_a_contradiction() -> None:
    same_day = "2024-03-04"
    unattributed = [_r(1, 4, same_day), _r(2, 9, same_day, claimant=None, outlet="Wire")]
    part = [_r(1, 8, same_day), _r(2, 2, same_day, claimant="medics", subject="others")]
    tally = [_r(1, 4, same_day), _r(2, 30, same_day, claimant="the mayor", plain=False)]
    other_people = [_r(1, 3, same_day, subject="officers"), _r(2, 9, same_day, claimant="medics", subject="patrons")]
    for reports in (unattributed, part, tally, other_people):
        assert not [f for f in measure_flags("killed", reports) if f.kind == "contradiction"], reports


def test_a_rising_toll_is_an_update() -> None:
    flags = measure_flags("killed", [_r(1, 4, "2024-03-04"), _r(2, 12, "2024-03-05", claimant="the FBI")])
    assert [f.kind for f in flags] == ["update"]


def test_a_run_of_revisions_shows_every_step() -> None:
    run = [_r(1, 18, "2024-05-01"), _r(2, 25, "2024-05-02"), _r(3, 26, "2024-05-03")]
    steps = sorted((f.reports[0].best, f.reports[1].best) for f in measure_flags("killed", run) if f.kind == "update")
    assert (18, 25) in steps and (25, 26) in steps


def test_in_one_article_the_text_must_set_the_counts_against_each_other() -> None:
    zelensky = _r(1, 3001, "2024-12-23", claimant="Zelenskyy", high=None, headline=False)
    chiefs = EventReport(**{**_r(1, 1100, "2024-12-23", claimant="the Joint Chiefs", headline=False).__dict__,
                            "evidence": ("The Joint Chiefs corroborated this figure, stating that 1,100 troops "
                                         "were killed or injured.",)})
    assert [f.kind for f in measure_flags("casualties", [zelensky, chiefs])] == ["contradiction"]
    plain = _r(1, 1100, "2024-12-23", claimant="the Joint Chiefs", headline=False)
    assert measure_flags("casualties", [zelensky, plain]) == []
