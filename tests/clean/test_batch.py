"""Cleaning many articles across processes keeps input order and passes refusals through."""

from __future__ import annotations

import pytest

from claimledger.clean import clean_article
from claimledger.clean.batch import CleanFailure, clean_articles, default_workers
from claimledger.config import Settings
from claimledger.records import RawArticle

TEXT = ("Officials said on Tuesday that at least 40 people were killed when floodwaters swept "
        "through three villages overnight.\nREAD: Storm Season Brings Record Rainfall\n"
        "Subscribe to our newsletter for the latest headlines.")


def raws() -> list[RawArticle]:
    out = [RawArticle(uri=f"{i}.txt", content=TEXT + f"\nStory number {i}.", media_type="text")
           for i in range(6)]
    out.insert(3, RawArticle(uri="bad.html", content="no markup here", media_type="html"))
    return out


@pytest.mark.parametrize("workers", [1, 2])
def test_order_results_and_failures(workers):
    settings = Settings()
    items = list(clean_articles(raws(), settings, workers=workers, window=2))
    assert [i.uri for i in items] == [r.uri for r in raws()]
    failure = items[3]
    assert isinstance(failure, CleanFailure) and failure.kind == "ParseError" and "bad.html" in failure.error
    for raw, item in zip(raws(), items, strict=True):
        if raw.uri != "bad.html":
            assert item == clean_article(raw, settings)


def test_default_workers_is_a_small_positive_number():
    assert 1 <= default_workers() <= 8
