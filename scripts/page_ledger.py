"""A large ledger for the page benchmark and the load test, and a server over it on loopback.

``fill(db, n)`` stores ``n`` articles through ``Service.store`` (the path ``ingest`` takes after
extraction: append, syndication, event matching, the event's stored view): the longtail dev
corpus (../shared/data, extracted once and cached outside the repository, see events_data.py)
repeated under new ids, each repetition seven years later with its words reordered
(bench_events.repeated), so it files new events rather than copies. A ledger that already holds
``n`` articles is reused.

``serve(db, workers)`` starts ``uvicorn --factory claimledger.api.app:app_from_env`` on
127.0.0.1 (only) and waits until it answers; the caller stops it.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

HOST = "127.0.0.1"


def fill(db: str, n: int, say=print) -> int:
    """A ledger of at least ``n`` articles at ``db``; returns how many it holds."""
    from bench_events import repeated
    from events_data import extract_corpus, longtail

    from claimledger.config import Settings
    from claimledger.records import Extraction
    from claimledger.service import Service

    service = Service(Settings.from_options(db=db))
    have = service.ledger.count("articles")
    if have >= n:
        say(f"ledger {db}: {have:,} articles already; {ready_views(service):,} stale event views viewed again")
        return have
    _, rows, _ = longtail()
    base = [e for e in extract_corpus(rows, "longtail") if isinstance(e, Extraction)]
    base = [service._finish(e) for e in base]  # noqa: SLF001 - the article's event, as ingest computes it
    stream = (repeated(ex, rep) for rep in range(10_000) for ex in base)
    for _ in range(have):  # the ones stored by an earlier, interrupted fill
        next(stream)
    t0 = time.perf_counter()
    stored = have
    while stored < n:
        service.store(next(stream))  # type: ignore[arg-type]
        stored += 1
        if stored % 1000 == 0:
            say(f"  {stored:,} articles ({time.perf_counter() - t0:.0f} s)")
    say(f"ledger {db}: {stored:,} articles, {service.ledger.count('events'):,} events "
        f"(filled in {time.perf_counter() - t0:.0f} s); {ready_views(service):,} stale event views viewed again")
    return stored


def ready_views(service: Any) -> int:
    """Bring the stored event views up to this code's version before a server reads them (views
    stored by other code, e.g. a ledger filled before a change to events/, are viewed again
    once: timed here, not in the first requests)."""
    return int(service.views_ready)


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


@contextmanager
def serve(db: str, workers: int = 1, port: int | None = None) -> Iterator[str]:
    """A server over ``db`` on loopback; yields its base URL."""
    import httpx

    port = port or free_port()
    env = {**os.environ, "CLAIMLEDGER_DB": db}
    cmd = [sys.executable, "-m", "uvicorn", "--factory", "claimledger.api.app:app_from_env", "--host", HOST,
           "--port", str(port), "--workers", str(workers), "--log-level", "warning", "--no-access-log"]
    proc = subprocess.Popen(cmd, env=env)
    base = f"http://{HOST}:{port}"
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                if httpx.get(base + "/api/events?limit=1", timeout=30).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        else:
            raise RuntimeError(f"the server on {base} did not answer within 120 s")
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()


def percentile(values: list[float], p: float) -> float:
    """The p-th percentile (nearest rank) of ``values``."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(round(p / 100 * len(ordered) + 0.5)) - 1))]
