"""Claimants across the ledger: a surname joins the one full name it can mean, never another person."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimledger.ledger import Ledger
from claimledger.records import Claim, CleanArticle, Extraction, Span, Totals


def _article(uri: str, source: str, key: str, kind: str) -> Extraction:
    text = f"{source} said that the road to {uri} was closed."
    name = source.split(",")[0]
    claim = Claim(Span.of(text, 0, len(source)), Span.of(text, len(source) + 1, len(source) + 5),
                  (Span.of(text, len(source) + 6, len(text) - 1),), speaker=name, claimant_id=key,
                  claimant_type=kind)
    return Extraction(CleanArticle(uri=uri, text=text, outlet="Herald"), (claim,), (), (), (), Totals())


@pytest.fixture
def ledger(tmp_path: Path) -> Ledger:
    return Ledger(tmp_path / "ledger.db")


def _claimant(ledger: Ledger, uri: str, source: str, key: str, kind: str) -> int:
    ex = _article(uri, source, key, kind)
    res = ledger.append(ex, ex.article.text)
    (row,) = ledger.claims(res.article_id)
    assert row["claimant_key"] == key and row["claimant_type"] == kind
    return row["claimant_id"]


def test_two_people_with_one_surname_in_two_articles_are_not_merged(ledger: Ledger) -> None:
    john = _claimant(ledger, "a.txt", "John Smith, a witness", "person:john smith", "witness_relative")
    mary = _claimant(ledger, "b.txt", "Police Chief Mary Smith", "person:mary smith", "police")
    assert john != mary
    # a surname alone, now that two Smiths are known, joins neither
    smith = _claimant(ledger, "c.txt", "Smith", "person:smith", "other")
    assert smith not in (john, mary)


def test_a_surname_and_the_full_name_in_two_articles_are_one_claimant(ledger: Ledger) -> None:
    first = _claimant(ledger, "a.txt", "Governor Synehubov", "person:synehubov", "government_official")
    full = _claimant(ledger, "b.txt", "Oleh Synehubov", "person:oleh synehubov", "government_official")
    again = _claimant(ledger, "c.txt", "Synehubov", "person:synehubov", "government_official")
    assert first == full == again


def test_types_that_disagree_keep_people_apart(ledger: Ledger) -> None:
    officer = _claimant(ledger, "a.txt", "Officer Jones", "person:jones", "police")
    witness = _claimant(ledger, "b.txt", "Ann Jones, a neighbour", "person:ann jones", "witness_relative")
    assert officer != witness


def test_organisations_join_by_name(ledger: Ledger) -> None:
    a = _claimant(ledger, "a.txt", "The Ministry of Defence", "org:ministry of defence", "government_official")
    b = _claimant(ledger, "b.txt", "The Ministry of Defence", "org:ministry of defence", "government_official")
    assert a == b and ledger.count("claimants") == 1


def test_a_surname_read_as_an_organisation_joins_the_one_person_of_that_surname(ledger: Ledger) -> None:
    full = _claimant(ledger, "a.txt", "Oleh Synehubov", "person:oleh synehubov", "government_official")
    lone = _claimant(ledger, "b.txt", "Synehubov", "org:synehubov", "other")
    typed = _claimant(ledger, "c.txt", "Interfax", "org:interfax", "media")
    assert lone == full and typed != full
