"""kill -9 at a random point of ``claimledger ingest``, then the same ingest again: the ledger
holds exactly what a clean run stores, nothing lost, duplicated or partial.

``make test`` runs one trial over a few dozen invented articles; ``scripts/reliability.sh crash``
runs 20 trials over 300 (CLAIMLEDGER_CRASH_TRIALS, CLAIMLEDGER_CRASH_ARTICLES).
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import threading
from collections import Counter
from pathlib import Path

import pytest
from corpus import ARTICLES, SEED, CleanRun, cli, compare, ingest, snapshot

TRIALS = int(os.environ.get("CLAIMLEDGER_CRASH_TRIALS", "1"))
REPORT = os.environ.get("CLAIMLEDGER_RELIABILITY_REPORT")


def killed_at(corpus: Path, db: Path, seconds: float) -> int:
    """Start an ingest, SIGKILL it ``seconds`` after the start; how many outcomes it printed."""
    proc = subprocess.Popen(cli("ingest", str(corpus), "--db", str(db), "--jsonl"), stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    timer = threading.Timer(seconds, proc.kill)  # Popen.kill is SIGKILL on POSIX
    timer.start()
    assert proc.stdout is not None
    printed = sum(1 for _ in proc.stdout)
    proc.wait()
    timer.cancel()
    return printed


@pytest.mark.slow
def test_kill_9_at_random_points_then_rerun_equals_a_clean_run(tmp_path: Path, clean_run: CleanRun) -> None:
    corpus, clean, want = clean_run.corpus, clean_run.run, clean_run.stored
    rng = random.Random(SEED)
    totals: Counter = Counter()
    points = []
    for trial in range(TRIALS):
        db = tmp_path / f"trial{trial}.db"
        at = rng.uniform(max(clean.times[0] - 1.0, 0.0), clean.times[-1])
        points.append(killed_at(corpus, db, at))
        rerun = ingest(corpus, db)
        assert rerun.code == 0 and len(rerun.outcomes) == ARTICLES
        diff = compare(want, snapshot(db))
        totals.update(diff)
        assert diff == {"lost": 0, "extra": 0, "different": 0, "duplicated": 0}, (trial, at, diff)
    if REPORT:
        with open(REPORT, "a", encoding="utf-8") as fh:
            fh.write(json.dumps({"suite": "crash", "trials": TRIALS, "articles": ARTICLES,
                                 "stored_before_kill": points, **{k: totals[k] for k in
                                                                  ("lost", "extra", "different", "duplicated")}})
                     + "\n")
