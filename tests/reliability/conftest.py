"""One clean ingest of the invented corpus, shared by the crash and concurrency suites."""

from __future__ import annotations

import pytest
from corpus import ARTICLES, SEED, CleanRun, ingest, snapshot, write_corpus


@pytest.fixture(scope="session")
def clean_run(tmp_path_factory: pytest.TempPathFactory) -> CleanRun:
    folder = tmp_path_factory.mktemp("corpus")
    corpus = write_corpus(folder, ARTICLES, SEED)
    run = ingest(corpus, folder / "clean.db")
    assert run.code == 0 and len(run.outcomes) == ARTICLES, run.outcomes[-3:]
    assert {o["status"] for o in run.outcomes} == {"stored", "copy"}
    return CleanRun(corpus, run, snapshot(folder / "clean.db"))
