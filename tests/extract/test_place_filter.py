"""The learned recognition filter (extract/places/_filter.py) on sentences written for these tests."""

from __future__ import annotations

import json

import pytest

from claimledger.extract.places._filter import FEATURES, MODEL_ENV, Filter, filtered, mention_features
from claimledger.extract.places._recognise import Mention
from claimledger.extract.places._resolve import Resolution


def _weights(**named: float) -> tuple[float, ...]:
    return tuple(named.get(n, 0.0) for n in FEATURES)


def test_only_gazetteer_matches_outside_place_entities_are_judged(nlp):
    doc = nlp("Officials in Mansfield said the bridge would reopen.")
    gaz = Mention(2, 3, "mansfield", "GAZ-PERSON", locative=True)
    ent = Mention(2, 3, "mansfield", "GPE", locative=True)
    never = Filter(_weights(bias=-20.0), threshold=0.5)
    assert filtered(gaz) and not filtered(ent)
    assert not never.keep(doc, gaz, Resolution(None)) and never.keep(doc, ent, Resolution(None))
    assert Filter(never.weights, threshold=0.0).keep(doc, gaz, Resolution(None))  # threshold 0: keep all


def test_the_features_read_the_surroundings(nlp):
    doc = nlp("Officials in Mansfield said the bridge would reopen.")
    row = dict(zip(FEATURES, mention_features(doc, Mention(2, 3, "mansfield", "GAZ", locative=True),
                                              Resolution(None)), strict=True))
    assert row["bias"] == 1.0 and row["src_gaz"] == 1.0 and row["locative"] == 1.0
    assert row["one_word"] == 1.0 and row["confidence"] == 0.0 and row["kind_city"] == 0.0
    by_locative = Filter(_weights(bias=-1.0, locative=3.0), threshold=0.5)
    assert by_locative.keep(doc, Mention(2, 3, "mansfield", "GAZ", locative=True), Resolution(None))
    assert not by_locative.keep(doc, Mention(2, 3, "mansfield", "GAZ", locative=False), Resolution(None))


def test_a_filter_file_can_stand_in_for_the_shipped_one(tmp_path, monkeypatch):
    shipped = Filter.load()
    assert len(shipped.weights) == len(FEATURES) and 0.0 <= shipped.threshold < 1.0
    path = tmp_path / "filter.json"
    path.write_text(json.dumps({"features": list(FEATURES), "weights": [0.5] * len(FEATURES), "threshold": 0.3}))
    monkeypatch.setenv(MODEL_ENV, str(path))
    assert Filter.load().threshold == 0.3 and Filter.load().weights == (0.5,) * len(FEATURES)
    path.write_text(json.dumps({"features": ["bias"], "weights": [0.5], "threshold": 0.3}))
    with pytest.raises(ValueError):
        Filter.load(str(path))
