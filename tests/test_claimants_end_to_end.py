"""Claimants from text to ledger: articles written for these tests, extracted and stored."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimledger.config import Settings
from claimledger.service import Service


@pytest.fixture
def service(tmp_path: Path) -> Service:
    return Service(Settings.from_options(db=str(tmp_path / "ledger.db")))


def _store(service: Service, uri: str, text: str) -> dict[str, int]:
    """Extract and append one article; its claims' source text -> ledger claimant id."""
    outcome = service.store(service.extract_text(text, uri=uri))
    assert outcome.status == "stored", outcome
    assert outcome.article_id is not None
    rows = service.ledger.claims(outcome.article_id)
    got = {row["source_text"]: row["claimant_id"] for row in rows if row["source_text"]}
    assert got, rows
    return got


def test_two_people_with_one_surname_in_two_articles_are_not_merged(service: Service) -> None:
    first = _store(service, "a.txt", "Police Chief Mary Smith said that three men were arrested in Dornik.\n")
    second = _store(service, "b.txt", "John Smith, a farmer, said that his barn in Velka burned down.\n")
    mary = first["Police Chief Mary Smith"]
    john = next(v for k, v in second.items() if k.startswith("John Smith"))
    assert mary != john


def test_one_official_named_three_ways_in_three_articles_is_one_claimant(service: Service) -> None:
    full = _store(service, "a.txt", "Governor Oleh Synehubov said that nine people were killed in Dornik.\n")
    surname = _store(service, "b.txt", "Synehubov said that rescuers were still searching the building.\n")
    titled = _store(service, "c.txt", "Kharkiv Governor Synehubov said that the count would rise.\n")
    ids = {full["Governor Oleh Synehubov"], surname["Synehubov"], titled["Kharkiv Governor Synehubov"]}
    assert len(ids) == 1
