"""kill -9 at a random point of ``claimledger ingest``, then the same ingest again: the ledger
holds exactly what a clean run stores, nothing lost, duplicated or partial. Each trial kills
the ingest at a random moment after a random one of its outcome lines (up to two articles'
time later), or during its first article.

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


def killed_after(corpus: Path, db: Path, outcomes: int, seconds: float) -> int:
    """Start an ingest and SIGKILL it ``seconds`` after its ``outcomes``-th outcome line (0: after
    its start); how many outcomes it had printed by then."""
    proc = subprocess.Popen(cli("ingest", str(corpus), "--db", str(db), "--jsonl"), stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    timer = threading.Timer(seconds, proc.kill)  # Popen.kill is SIGKILL on POSIX
    if outcomes == 0:
        timer.start()
    assert proc.stdout is not None
    printed = 0
    for _ in proc.stdout:
        printed += 1
        if printed == outcomes:
            timer.start()
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
        gap = (clean.times[-1] - clean.times[0]) / max(len(clean.times) - 1, 1)  # seconds per article
        after, at = rng.randrange(len(clean.times)), rng.uniform(0, 2 * gap)
        points.append(killed_after(corpus, db, after, at if after else clean.times[0] + at))
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
