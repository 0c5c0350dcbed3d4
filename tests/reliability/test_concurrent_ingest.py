"""Two ``claimledger ingest`` processes at once, same inputs, one new ledger (its first open
raced too): every input stored once, as a clean run stores it; neither process fails."""

from __future__ import annotations

import json
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from corpus import CleanRun, compare, ingest, snapshot

REPORT = os.environ.get("CLAIMLEDGER_RELIABILITY_REPORT")
ROUNDS = int(os.environ.get("CLAIMLEDGER_CONCURRENT_ROUNDS", "1"))


@pytest.mark.slow
def test_two_ingests_at_once_store_each_input_once(tmp_path: Path, clean_run: CleanRun) -> None:
    totals = {"lost": 0, "extra": 0, "different": 0, "duplicated": 0, "failed": 0}
    for n in range(ROUNDS):
        db = tmp_path / f"shared{n}.db"
        with ThreadPoolExecutor(2) as pool:
            runs = list(pool.map(ingest, [clean_run.corpus] * 2, [db] * 2))
        failed = [o for r in runs for o in r.outcomes if o["status"] == "failed"]
        assert [r.code for r in runs] == [0, 0] and not failed, failed[:3]
        assert all(len(r.outcomes) == len(clean_run.run.outcomes) for r in runs)
        diff = compare(clean_run.stored, snapshot(db))
        assert diff == {"lost": 0, "extra": 0, "different": 0, "duplicated": 0}, diff
        for key, value in diff.items():
            totals[key] += value
    if REPORT:
        with open(REPORT, "a", encoding="utf-8") as fh:
            fh.write(json.dumps({"suite": "concurrent-ingest", "rounds": ROUNDS,
                                 "articles": len(clean_run.run.outcomes), **totals}) + "\n")
