"""In-article flags: dates, source names and readable reasons (short texts written for these tests)."""

from __future__ import annotations

from claimledger.reconcile import article_flags
from claimledger.records import Claim, Figure, Span


def _span(text: str, piece: str, after: int = 0) -> Span:
    s = text.index(piece, after)
    return Span.of(text, s, s + len(piece))


def _fig(text: str, num: str, value: int, claim: int | None, date: str | None,
         subject: str = "people", after: int = 0) -> Figure:
    span = _span(text, num, after)
    return Figure(span, "killed", value, value, "exact", subject=_span(text, subject, span.end),
                  date=date, claim=claim)


def _claim(text: str, source: str, cue: str, content: str, speaker: str | None = None) -> Claim:
    return Claim(_span(text, source), _span(text, cue), (_span(text, content),), speaker=speaker)


def _kinds(flags) -> list[str]:
    return sorted(f.kind for f in flags)


def test_unattributed_figures_on_different_days_are_not_a_contradiction() -> None:
    text = "3 people were killed on 2025-03-10. 10 people were killed on 2025-03-12."
    figs = [_fig(text, "3", 3, None, "2025-03-10"), _fig(text, "10", 10, None, "2025-03-12")]
    assert article_flags([], figs, text) == []


def test_different_sources_on_different_days_raise_nothing() -> None:
    text = ("The mayor said 3 people were killed on 2025-03-10. "
            "The governor said 10 people were killed on 2025-03-12.")
    claims = [_claim(text, "The mayor", "said", "3 people were killed on 2025-03-10"),
              _claim(text, "The governor", "said", "10 people were killed on 2025-03-12")]
    figs = [_fig(text, "3", 3, 0, "2025-03-10"), _fig(text, "10", 10, 1, "2025-03-12")]
    assert article_flags(claims, figs, text) == []


def test_same_source_on_different_days_is_an_update() -> None:
    text = ("The mayor said 3 people were killed on 2025-03-10. "
            "The mayor said 10 people were killed on 2025-03-12.")
    second = text.index("The mayor", 5)
    claims = [_claim(text, "The mayor", "said", "3 people were killed on 2025-03-10"),
              Claim(Span.of(text, second, second + 9), _span(text, "said", second),
                    (_span(text, "10 people were killed on 2025-03-12"),))]
    figs = [_fig(text, "3", 3, 0, "2025-03-10"), _fig(text, "10", 10, 1, "2025-03-12")]
    (flag,) = article_flags(claims, figs, text)
    assert flag.kind == "update" and flag.figures == (0, 1)
    assert flag.reason.startswith("The mayor revised killed")
    assert flag.reason.index("exactly 3") < flag.reason.index("exactly 10")


def test_source_names_compare_without_case_or_leading_the() -> None:
    text = "Police said 37 people were killed on Monday. On Wednesday police confirmed 52 people were killed."
    claims = [_claim(text, "Police", "said", "37 people were killed on Monday"),
              _claim(text, "police", "confirmed", "52 people were killed")]
    figs = [_fig(text, "37", 37, 0, "2025-03-10"), _fig(text, "52", 52, 1, "2025-03-12")]
    flags = article_flags(claims, figs, text)
    assert _kinds(flags) == ["update"]
    assert flags[0].reason.startswith("Police revised killed for people from exactly 37")


def test_same_source_without_dates_is_an_update_not_a_mismatch() -> None:
    text = "The Police said 37 people were killed. Police later confirmed 52 people were killed."
    claims = [_claim(text, "The Police", "said", "37 people were killed"),
              _claim(text, "Police later", "confirmed", "52 people were killed")]
    claims[1] = Claim(_span(text, "Police", 20), claims[1].cue, claims[1].content)
    figs = [_fig(text, "37", 37, 0, None), _fig(text, "52", 52, 1, None)]
    assert _kinds(article_flags(claims, figs, text)) == ["update"]


def test_speaker_is_the_source_when_present() -> None:
    text = "Police said 37 people were killed. He later said 52 people were killed."
    claims = [_claim(text, "Police", "said", "37 people were killed"),
              _claim(text, "He", "said", "52 people were killed", speaker="Police")]
    figs = [_fig(text, "37", 37, 0, None), _fig(text, "52", 52, 1, None)]
    assert _kinds(article_flags(claims, figs, text)) == ["update"]


def test_sources_at_the_same_time_still_contradict_and_mismatch() -> None:
    text = ("Hospital officials said on Monday that 37 people were killed. "
            "The Red Cross confirmed this on Tuesday, saying 41 people were killed.")
    claims = [_claim(text, "Hospital officials", "said", "that 37 people were killed"),
              _claim(text, "The Red Cross", "saying", "41 people were killed")]
    figs = [_fig(text, "37", 37, 0, "2025-03-10"), _fig(text, "41", 41, 1, "2025-03-11")]
    flags = {f.kind: f for f in article_flags(claims, figs, text)}
    assert set(flags) == {"contradiction", "corroboration_mismatch"}
    for f in flags.values():
        assert f.reason[0].isupper()
        assert " says" not in f.reason and " is said" not in f.reason
    assert flags["contradiction"].reason.startswith("According to Hospital officials, exactly 37")
    assert "according to the Red Cross, exactly 41" in flags["contradiction"].reason


def test_unknown_date_on_one_side_still_contradicts() -> None:
    text = ("The ministry said on 2024-12-23 that over 500 soldiers were killed. "
            "The army corroborated this, saying that 120 soldiers were killed.")
    claims = [_claim(text, "The ministry", "said", "that over 500 soldiers were killed"),
              _claim(text, "The army", "saying", "that 120 soldiers were killed")]
    over = _span(text, "over 500")
    figs = [Figure(over, "killed", 501, None, "over", subject=_span(text, "soldiers"), date="--12-23", claim=0),
            _fig(text, "120", 120, 1, None, subject="soldiers")]
    assert _kinds(article_flags(claims, figs, text)) == ["contradiction", "corroboration_mismatch"]


def test_unattributed_reason_is_a_capitalised_sentence() -> None:
    text = "3 people were killed. 10 people were killed."
    figs = [_fig(text, "3", 3, None, None), _fig(text, "10", 10, None, None)]
    (flag,) = article_flags([], figs, text)
    assert flag.kind == "contradiction" and flag.reason.startswith("The article gives exactly 3 killed")
