"""Clean many articles on several processes, in input order, a bounded window at a time.

HTML extraction is CPU-bound Python, so threads do not help; worker processes do. Each worker
runs :func:`claimledger.clean.clean_article` in its main thread, so the page deadline (SIGALRM)
still applies there. A failed article comes back as a :class:`CleanFailure` in its place and the
run goes on.

    for item in clean_articles(raws, settings):
        ...  # CleanArticle or CleanFailure, in the order of ``raws``
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass

from claimledger.config import Settings
from claimledger.errors import ClaimLedgerError
from claimledger.records import CleanArticle, RawArticle


@dataclass(frozen=True)
class CleanFailure:
    """An article the clean stage refused, with the error's class name and one-line message."""

    uri: str
    error: str
    kind: str = "ClaimLedgerError"


def default_workers() -> int:
    """CPUs this process may use (at most 8)."""
    try:
        n = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        n = os.cpu_count() or 1
    return max(1, min(n, 8))


def clean_one(raw: RawArticle, settings: Settings) -> CleanArticle | CleanFailure:
    """:func:`clean_article`, with a refusal returned as a value (picklable across processes)."""
    from claimledger.clean import clean_article

    try:
        return clean_article(raw, settings)
    except ClaimLedgerError as exc:
        return CleanFailure(raw.uri, str(exc), type(exc).__name__)


def clean_articles(raws: Iterable[RawArticle], settings: Settings, workers: int | None = None,
                   window: int = 16) -> Iterator[CleanArticle | CleanFailure]:
    """Clean ``raws`` in order. ``workers`` <= 1 (or one CPU) runs in this process.

    At most ``window`` articles per worker are in flight, so a long input is never all in memory.
    """
    workers = default_workers() if workers is None else workers
    if workers <= 1:
        for raw in raws:
            yield clean_one(raw, settings)
        return
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods()
                                          else None)
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        pending: deque[Future] = deque()
        for raw in raws:
            pending.append(pool.submit(clean_one, raw, settings))
            if len(pending) >= workers * window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
