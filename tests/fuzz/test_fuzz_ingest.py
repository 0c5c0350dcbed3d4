"""Property: whatever one input file holds, ``Service.ingest`` gives each article it holds one
outcome (stored, already stored, a copy, or one coded error), never an exception, never an
internal-error code, and every stored article is in the ledger afterwards.

``make test`` draws 20 inputs per format and 3 large ones (derandomised, so CI is
reproducible); ``scripts/reliability.sh fuzz`` draws 10,000 per format and 100 large ones and
prints each format's slowest input and the peak memory.
"""

from __future__ import annotations

import json
import os
import re
import resource
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from formats import FORMATS
from hypothesis import HealthCheck, given, settings

from claimledger.config import Settings
from claimledger.service import Service

FULL = os.environ.get("CLAIMLEDGER_FUZZ_EXAMPLES")
EXAMPLES = int(FULL) if FULL else 20
LARGE = int(os.environ.get("CLAIMLEDGER_FUZZ_LARGE", "3"))  # 10 KB - 1 MB inputs: up to a deadline each
REPORT = os.environ.get("CLAIMLEDGER_FUZZ_REPORT")
CODED = re.compile(r"\[CL(\d{3})\] [^\n\r]*")
INTERNAL = {"000", "008"}  # the base class, and a component that failed (a bug)
STATUSES = {"stored", "already stored", "copy", "failed"}


@dataclass
class Stats:
    """What one format's run met: inputs, outcomes, error codes, slowest input, peak memory."""

    inputs: int = 0
    outcomes: Counter = field(default_factory=Counter)
    codes: Counter = field(default_factory=Counter)
    slowest: float = 0.0
    slowest_bytes: int = 0
    largest_bytes: int = 0

    def line(self, fmt: str, rss_at_start_mb: int) -> str:
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
        return json.dumps({"format": fmt, "inputs": self.inputs, "outcomes": dict(self.outcomes),
                           "codes": dict(self.codes), "slowest_s": round(self.slowest, 2),
                           "slowest_input_bytes": self.slowest_bytes, "largest_input_bytes": self.largest_bytes,
                           "rss_at_start_mb": rss_at_start_mb, "peak_rss_mb": peak_mb})


def rss_mb() -> int:
    """This process's resident memory now (Linux), in MB."""
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * resource.getpagesize() // 2**20
    except OSError:
        return 0


@pytest.fixture
def fuzz_service(tmp_path_factory, service) -> Service:
    """A service over a fresh ledger for each format, sharing the session's loaded model."""
    db = tmp_path_factory.mktemp("fuzz") / "fuzz.db"
    fuzz = Service(Settings(db_url=f"sqlite:///{db}"))
    fuzz.__dict__["extractor"] = service.extractor  # the cached model: load it once per session
    return fuzz


def check_outcomes(service: Service, outcomes: list, stats: Stats) -> None:
    """Each outcome is a known status; a failure is one coded line, never an internal error;
    a stored article is in the ledger with its text."""
    assert outcomes, "an input gave no outcome at all"
    for out in outcomes:
        assert out.status in STATUSES, out
        json.dumps(out.to_dict(), ensure_ascii=False).encode("utf-8")  # what the CLI prints
        stats.outcomes[out.status] += 1
        if out.status == "failed":
            m = CODED.fullmatch(out.error or "")
            assert m, f"not one coded line: {out.error!r}"
            stats.codes[f"CL{m.group(1)}"] += 1
            assert m.group(1) not in INTERNAL, out.error
        else:
            stored = service.ledger.article(out.article_id)
            assert stored is not None and stored["text"], out


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_input_gets_one_outcome_per_article(fmt, fuzz_service, tmp_path_factory):
    folder = tmp_path_factory.mktemp(f"inputs-{fmt}")
    stats = Stats()
    examples = LARGE if fmt == "large" else EXAMPLES
    at_start = rss_mb()

    @settings(max_examples=examples, deadline=None, derandomize=not FULL, database=None,
              suppress_health_check=list(HealthCheck))
    @given(FORMATS[fmt])
    def one_input(case: tuple[str, bytes]) -> None:
        suffix, data = case
        path = Path(folder) / f"in{stats.inputs}{suffix}"
        path.write_bytes(data)
        started = time.perf_counter()
        outcomes = list(fuzz_service.ingest([str(path)]))
        took = time.perf_counter() - started
        stats.inputs += 1
        stats.largest_bytes = max(stats.largest_bytes, len(data))
        if took > stats.slowest:
            stats.slowest, stats.slowest_bytes = took, len(data)
        path.unlink()
        check_outcomes(fuzz_service, outcomes, stats)

    one_input()
    if REPORT:
        with open(REPORT, "a", encoding="utf-8") as fh:
            fh.write(stats.line(fmt, at_start) + "\n")
    assert stats.inputs >= examples // 2
