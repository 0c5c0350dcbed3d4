"""Figures, totals and ratio flags on short sentences written for these tests."""

from datetime import date

import pytest

from claimledger.extract.figures import article_totals, find_figures, ratio_flags


@pytest.fixture(scope="module")
def run(nlp):
    def _run(text, published=None):
        doc = nlp(text)
        figs = find_figures(doc, published)
        return doc, figs

    return _run


def _by_text(figs, text):
    hits = [f for f in figs if f.span.text == text]
    assert hits, f"no figure {text!r} in {[f.span.text for f in figs]}"
    return hits[0]


def test_over_figure_with_subject_measure_and_date(run):
    text = ("The minister said on March 4 that more than 2,500 enemy soldiers have been killed "
            "or wounded near the river, about a fifth of the 12,500 soldiers sent to the front.")
    doc, figs = run(text, date(2023, 3, 10))
    f = _by_text(figs, "more than 2,500")
    assert (f.low, f.high, f.qualifier, f.point) == (2501, None, "over", 2500)
    assert f.measure == "casualties"
    assert f.subject is not None and f.subject.text == "enemy soldiers"
    assert f.date == "2023-03-04"
    whole = _by_text(figs, "12,500")
    assert (whole.low, whole.high, whole.qualifier, whole.measure) == (12500, 12500, "exact", "deployed")
    for fig in figs:
        assert text[fig.span.start:fig.span.end] == fig.span.text
    ratio = [g for g in figs if g.ratio is not None]
    assert ratio and ratio[0].of_figure == figs.index(whole)
    assert ratio_flags(figs) == []


def test_ratio_mismatch_is_flagged(run):
    text = "Officials said 900 workers were arrested, roughly half of the 6,000 workers at the plant."
    doc, figs = run(text)
    flags = ratio_flags(figs)
    assert len(flags) == 1 and flags[0].kind == "ratio_mismatch"
    assert len(flags[0].reason.split()) >= 4


def test_date_without_publication_keeps_month_and_day(run):
    doc, figs = run("Rebels killed 14 villagers on 2 June, the army said.")
    f = _by_text(figs, "14")
    assert f.measure == "killed" and f.date == "--06-02"


@pytest.mark.parametrize("text, span, low, high, qualifier", [
    ("At least 7 people were killed in the crash.", "At least 7", 7, None, "at_least"),
    ("Up to 30 people were injured.", "Up to 30", None, 30, "up_to"),
    ("Between 10 and 15 people were hurt.", "Between 10 and 15", 10, 15, "range"),
    ("Nearly 50 houses burned.", "Nearly 50", 45, 49, "under"),
    ("Seventeen students were wounded.", "Seventeen", 17, 17, "exact"),
    ("Two dozen protesters were detained.", "Two dozen", 24, 24, "exact"),
    ("Some 1.2 million people fled the floods.", "Some 1.2 million", 1_080_000, 1_320_000, "about"),
])
def test_intervals(run, text, span, low, high, qualifier):
    doc, figs = run(text)
    f = _by_text(figs, span)
    assert (f.low, f.high, f.qualifier) == (low, high, qualifier)


def test_vague_quantities_have_a_conservative_point(run):
    doc, figs = run("Dozens of people were wounded and hundreds fled.")
    dozens = _by_text(figs, "Dozens")
    assert dozens.qualifier == "vague" and dozens.point == 24 and dozens.measure == "injured"
    assert _by_text(figs, "hundreds").measure == "displaced"


@pytest.mark.parametrize("text", [
    "The 5-year-old boy was taken home at 7 p.m.",
    "In 2019 the firm paid $2,500 and 40 percent of its staff left.",
    "He lived in the 1000 block of Elm Street and was 25 years old.",
    "Call 555-1234 or (212) 555-0199 with information.",
    "Jane Doe, 34, was the first to arrive.",
    "Police found a .40 caliber handgun and 9 mm rounds.",
])
def test_non_counts_are_skipped(run, text):
    doc, figs = run(text)
    numeric = [f for f in figs if any(c.isdigit() for c in f.span.text)]
    assert numeric == [], [f.span.text for f in numeric]


@pytest.mark.parametrize("text, killed, injured", [
    ("A man was shot and killed on Friday night, police said.", 1, None),
    ("A man and his two sons were killed when the house collapsed.", 3, None),
    ("Two men were killed and a woman was wounded in the attack.", 2, 1),
    ("Gunmen killed 12 villagers and wounded nine others on Sunday.", 12, 9),
    ("Three people were shot, and one of them died at the hospital.", 1, 2),
    ("The death toll rose to 12 on Monday. Earlier, officials had said 8 people died.", 12, None),
    ("At least 20 people, including 4 children, were killed in the blast.", 20, None),
    ("A woman was shot in the leg. She is in stable condition.", None, 1),
    ("Nobody was hurt in the fire.", None, None),
])
def test_totals(run, text, killed, injured):
    doc, figs = run(text)
    totals = article_totals(figs, doc)
    assert (totals.killed, totals.injured) == (killed, injured)


def test_past_events_do_not_count(run):
    text = ("A gunman killed two people at a store on Main Street on Tuesday.\n"
            "The city saw its worst attack in 2009, when a shooting killed 13 people.")
    doc, figs = run(text)
    assert article_totals(figs, doc).killed == 2


def test_weekday_resolves_with_publication(run):
    doc, figs = run("Four people were injured on Tuesday.", date(2024, 12, 26))
    assert _by_text(figs, "Four").date == "2024-12-24"
    doc, figs = run("Four people were injured on Tuesday.")
    assert _by_text(figs, "Four").date is None


@pytest.mark.parametrize("text, killed, injured", [
    # the subject of an active killing verb is the attacker, not a victim
    ("Three gunmen killed a farmer near the market on Sunday.", 1, None),
    # a part of a counted group does not add to it
    ("Four of the five people killed were brothers. Five people were killed on Friday.", 5, None),
    ("Two of their drivers and two officials were killed by the blast.", 4, None),
    # victims named with 'along with' and 'also'
    ("The mayor was killed along with his driver.", 2, None),
    ("A teacher was shot dead at the school. Her colleague was also killed.", 2, None),
    ("The flood claimed the lives of at least a dozen villagers.", 12, None),
    ("Police confirmed the killing of six farmers.", 6, None),
    ("Six villagers were killed and at least 15 houses burned.", 6, None),
    # a wounded person reported later to have died is no longer injured
    ("Two people were wounded in the shooting.\nThe older victim died at the hospital.", 1, 1),
    ("A gunman killed his wife and two sons before killing himself.", 4, None),
    ("Police are investigating a double homicide in the park.", 2, None),
    ("An elderly couple was found dead in their home.", 2, None),
    ("Smith's body was taken to the county morgue.", 1, None),
    ("The woman was shot in the neck and the man was shot in the back.", None, 2),
    ("A woman shot her husband. Police said she shot her husband by mistake.", None, 1),
    ("A priest and four customs officers were killed in the attack.", 5, None),
])
def test_totals_victims(run, text, killed, injured):
    doc, figs = run(text)
    totals = article_totals(figs, doc)
    assert (totals.killed, totals.injured) == (killed, injured)


@pytest.mark.parametrize("text, killed", [
    ("A blast killed nine people, including five civilians.", 5),
    ("Eleven civilians and four soldiers were killed in the raid.", 11),
    ("Militants killed 15 people, including three soldiers.", 12),
    ("A teacher and two soldiers were killed in the ambush.", 1),
    ("Troops killed 40 militants. The militants had killed six villagers.", 6),
])
def test_totals_count_non_combatants(run, text, killed):
    doc, figs = run(text)
    assert article_totals(figs, doc).killed == killed


def test_headline_without_separator(run):
    doc, figs = run("Woman shot, killed in downtown parkingA woman was shot twice on Main Street.")
    totals = article_totals(figs, doc)
    assert totals.killed == 1 and totals.injured is None


def test_fraction_of_a_whole_counts_the_part(run):
    doc, figs = run("Two-thirds of the 900 troops were wounded.")
    part = next(f for f in figs if f.ratio is not None)
    whole = figs[part.of_figure]
    assert part.measure == "injured" and part.point == 600
    assert whole.measure == "other" and whole.low == 900
    assert article_totals(figs, doc).injured == 600


@pytest.mark.parametrize("text, killed", [
    ("The sister of the two boys died from cancer last year.", None),
    ("The mother of three children was shot dead on Friday.", 1),
    ("The shooting was one of two that were fatal this month.", None),
])
def test_owners_and_natural_deaths_are_not_victims(run, text, killed):
    doc, figs = run(text)
    assert article_totals(figs, doc).killed == killed
