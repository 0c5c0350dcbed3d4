"""The Python API mirrors the CLI: claimledger.extract(text, published=...), Ledger(path)."""

from __future__ import annotations

from pathlib import Path

import claimledger


def test_extract_function_stays_callable_after_the_stage_package_loads() -> None:
    ex = claimledger.extract("Police said on Tuesday that 3 people were killed.", published="2025-03-13")
    assert [(f.low, f.measure, f.date) for f in ex.figures] == [(3, "killed", "2025-03-11")]
    import claimledger.extract.attribution.finder as claims_module  # the stage package is reachable too

    assert callable(claims_module.find_claims)
    again = claimledger.extract("Officials said four people were injured.")
    assert [(f.low, f.measure) for f in again.figures] == [(4, "injured")]


def test_ledger_from_the_package(tmp_path: Path) -> None:
    ledger = claimledger.Ledger(tmp_path / "x.db")
    assert ledger.count("articles") == 0
