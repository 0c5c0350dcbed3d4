"""The learned recognition filter: whether a gazetteer match outside spaCy's place entities
('Mansfield' tagged as a person, 'Hartford' inside an organisation's name) is a place mention.

The recogniser's rules (``_recognise``) propose gazetteer matches; this logistic model, trained by
``scripts/train_place_filter.py`` on the geoparsing corpora (``data/place_filter.json`` says
which), scores each proposal from its surroundings and its resolution, and proposals scoring under
the model's threshold are dropped. spaCy's own place entities, demonyms and state abbreviations
are not filtered.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from spacy.tokens import Doc

from claimledger.extract.places._rank import read_model
from claimledger.extract.places._recognise import (
    Mention,
    entity_bounds,
    in_compound,
    institution_follows,
    looks_like_org,
    person_context,
    strong_place,
)
from claimledger.extract.places._resolve import Resolution
from claimledger.extract.places._words import BROAD_KINDS
from claimledger.logistic import sigmoid

MODEL_FILE = "place_filter.json"
MODEL_ENV = "CLAIMLEDGER_PLACE_FILTER"  # another filter file (a held-out model, for measuring)

FEATURES = (
    "bias", "src_gaz", "src_org", "src_person", "src_other", "locative", "designator",
    "one_word", "upper", "sent_start", "cap_before", "cap_after", "whole_entity", "entity_longer",
    "kind_country", "kind_admin1", "kind_admin2", "kind_city", "kind_broad", "log_pop",
    "confidence", "alternate", "candidates_log", "propn_share",
    # the recogniser's rule signals, weighed by the model instead of deciding alone
    "rule_person", "rule_strong", "rule_compound", "rule_org", "rule_institution", "adjective_tag",
    "surname",
)


def filtered(m: Mention) -> bool:
    """Whether the filter judges this mention: a gazetteer match outside place entities."""
    return m.source.startswith("GAZ")


def mention_features(doc: Doc, m: Mention, r: Resolution, name_parts: frozenset[str] = frozenset()) -> list[float]:
    """One row of FEATURES for a gazetteer match and its resolution (``name_parts``: surnames of
    the text's full personal names)."""
    span = doc[m.start:m.end]
    label = m.source[4:] if m.source.startswith("GAZ-") else ""
    before = doc[m.start - 1] if m.start > 0 else None
    after = doc[m.end] if m.end < len(doc) else None
    c = r.pick
    kind = c.kind if c is not None else ""
    ent_len = _entity_length(doc, m.start) if label else 0
    f = {
        "bias": 1.0, "src_gaz": float(not label), "src_org": float(label == "ORG"),
        "src_person": float(label == "PERSON"),
        "src_other": float(bool(label) and label not in ("ORG", "PERSON")),
        "locative": float(m.locative), "designator": float(bool(m.designator)),
        "one_word": float(len(span) == 1), "upper": float(span.text.isupper()),
        "sent_start": float(doc[m.start].is_sent_start or False),
        "cap_before": float(before is not None and before.text[:1].isupper() and not before.is_sent_start),
        "cap_after": float(after is not None and after.text[:1].isupper()),
        "whole_entity": float(bool(label) and ent_len == len(span)),
        "entity_longer": float(ent_len > len(span)),
        "kind_country": float(kind == "country"), "kind_admin1": float(kind == "admin1"),
        "kind_admin2": float(kind == "admin2"), "kind_city": float(kind == "city"),
        "kind_broad": float(kind in BROAD_KINDS and kind not in ("country", "admin1")),
        "log_pop": math.log10((c.population if c is not None else 0) + 1) / 7.0,
        "confidence": r.confidence, "alternate": float(c is not None and c.alternate),
        "candidates_log": math.log10(len(m.candidates) + 1),
        "propn_share": sum(t.pos_ == "PROPN" for t in span) / len(span),
        "rule_person": float(person_context(doc, m, m.candidates, name_parts)),
        "rule_strong": float(any(strong_place(o) for o in m.candidates)),
        "rule_compound": float(in_compound(doc, m)),
        "rule_org": float(looks_like_org(doc, m.start)),
        "rule_institution": float(institution_follows(doc, m)),
        "adjective_tag": float(any(t.tag_ in ("JJ", "NNPS") for t in span)),
        "surname": float(len(span) == 1 and span.text in name_parts),
    }
    return [f[n] for n in FEATURES]


def _entity_length(doc: Doc, i: int) -> int:
    """Tokens in the spaCy entity around token ``i``."""
    start, end = entity_bounds(doc, i)
    return end - start


@dataclass(frozen=True)
class Filter:
    """Logistic weights over FEATURES and the probability under which a match is dropped."""

    weights: tuple[float, ...]
    threshold: float
    note: str = ""

    @classmethod
    def load(cls, path: str | None = None) -> Filter:
        """The filter in ``path``, else in ``$CLAIMLEDGER_PLACE_FILTER``, else the shipped one."""
        data = read_model(path, MODEL_ENV, MODEL_FILE, FEATURES, "scripts/train_place_filter.py")
        return cls(tuple(data["weights"]), float(data["threshold"]), data.get("note", ""))

    def probability(self, row: list[float]) -> float:
        s = sum(w * x for w, x in zip(self.weights, row, strict=True))
        return sigmoid(s)

    def keep(self, doc: Doc, m: Mention, r: Resolution, name_parts: frozenset[str] = frozenset()) -> bool:
        if self.threshold <= 0.0 or not filtered(m):
            return True
        return self.probability(mention_features(doc, m, r, name_parts)) >= self.threshold
