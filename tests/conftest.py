"""Shared fixtures: one spaCy pipeline per session, temporary ledgers, the ../shared folder."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SAMPLES = ROOT / "samples"


@pytest.fixture(scope="session")
def nlp():
    from claimledger.config import Settings
    from claimledger.extract.nlp import build_nlp

    return build_nlp(Settings().models)


@pytest.fixture(scope="session")
def service():
    from claimledger.service import Service

    return Service()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "seed" / "seed_article.txt").exists():
        pytest.skip("../shared is absent (a user's clone has none): evaluation data not available")
    return SHARED
