"""The extract components as registered spaCy factories: what they declare, read and write."""

from __future__ import annotations

from datetime import date

import pytest
import spacy
from thinc.api import ConfigValidationError

from claimledger.extract.attribution import Attribution
from claimledger.extract.extensions import CLAIMS, FIGURE_MENTIONS, FIGURES, PLACES, PUBLISHED
from claimledger.extract.figures import article_totals
from claimledger.records import Claim, Figure, Place

NAMES = ("claimledger_attribution", "claimledger_figures", "claimledger_places")


def test_the_pipeline_ends_with_the_three_components(nlp) -> None:
    assert tuple(nlp.pipe_names[-3:]) == NAMES
    assert nlp.get_pipe_meta("claimledger_attribution").assigns == [f"doc._.{CLAIMS}"]
    assert nlp.get_pipe_meta("claimledger_places").assigns == [f"doc._.{PLACES}"]


def test_every_requirement_is_met_by_an_earlier_component(nlp) -> None:
    problems = nlp.analyze_pipes()["problems"]
    assert all(not missing for missing in problems.values()), problems


def test_results_travel_on_doc_extensions_not_user_data(nlp) -> None:
    doc = nlp("Police said two people were killed in Kyiv on Tuesday.")
    assert all(isinstance(c, Claim) for c in doc._.get(CLAIMS)) and doc._.get(CLAIMS)
    assert [f.low for f in doc._.get(FIGURES)] == [2]
    assert [p.name for p in doc._.get(PLACES)] == ["Kyiv"]
    assert all(isinstance(key, tuple) and key[0] == "._." for key in doc.user_data)


def test_figures_read_the_publication_date_from_the_doc(nlp) -> None:
    doc = nlp.make_doc("Police said three people were killed on Tuesday.")
    doc._.set(PUBLISHED, date(2025, 3, 13))
    figures: list[Figure] = nlp(doc)._.get(FIGURES)
    assert [f.date for f in figures] == ["2025-03-11"]
    assert nlp("Police said three people were killed on Tuesday.")._.get(FIGURES)[0].date is None


def test_the_totals_take_their_parse_notes_off_the_doc(nlp) -> None:
    doc = nlp("Two men were shot dead and a woman was wounded.")
    assert doc._.get(FIGURE_MENTIONS)
    totals = article_totals(doc._.get(FIGURES), doc)
    assert (totals.killed, totals.injured) == (2, 1)
    assert doc._.get(FIGURE_MENTIONS) is None


def test_attribution_settings_come_from_its_config(nlp) -> None:
    doc = Attribution(method="rules")(nlp("John Smith: we will rebuild the bridge.\n"))
    assert [c.source.text for c in doc._.get(CLAIMS) if c.source] == ["John Smith"]
    Attribution(max_colon_source=1, method="rules")(doc)
    assert [c.source for c in doc._.get(CLAIMS)] == []


def test_a_bad_setting_is_refused_by_spacy() -> None:
    blank = spacy.blank("en")
    with pytest.raises(ConfigValidationError):
        blank.add_pipe("claimledger_attribution", config={"max_colon_source": "many"})


def test_places_use_the_gazetteer_they_are_given(nlp) -> None:
    places = nlp.get_pipe("claimledger_places")
    assert places.gazetteer is places.gazetteer  # loaded once
    found: list[Place] = nlp("Aid reached Odesa.")._.get(PLACES)
    assert [p.country for p in found] == ["UA"]
