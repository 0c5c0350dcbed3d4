"""Seconds per added article as the ledger grows: at about 1,000 and about 20,000 stored articles.

    .venv/bin/python scripts/bench_events.py [--sizes 1000 20000] [--probe 200] [--db /tmp/bench-events.db]

Volume: the longtail dev corpus (../shared/data, extracted once and cached outside the repository)
repeated under new ids, each repetition seven years later (so its events are new events, not
updates of the first ones) and with its body words in another order (so it is not a syndicated
copy of the first). Prefilling stores the cached extractions through ``Service.store`` — the
same path as ``ingest`` after extraction: the append, syndication, and matching against the
candidate index. At each size the next ``--probe`` articles are timed one by one; parsing is
left out because its cost does not depend on the ledger.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from events_data import extract_corpus, longtail  # noqa: E402

from claimledger.config import Settings  # noqa: E402
from claimledger.records import Extraction  # noqa: E402
from claimledger.service import Service  # noqa: E402

SHIFT_DAYS = 7 * 365


def _shift(day: str | None, reps: int) -> str | None:
    if not day or day.startswith("--"):
        return day
    try:
        return (date.fromisoformat(day) + timedelta(days=SHIFT_DAYS * reps)).isoformat()
    except ValueError:
        return day


def repeated(ex: Extraction, rep: int) -> Extraction:
    """The extraction as a new article: a new id, dates ``rep`` x seven years later, words reordered."""
    if rep == 0:
        return ex
    art = ex.article
    words = art.text.split(" ")
    random.Random(f"{art.uri}/{rep}").shuffle(words)
    text = " ".join(words)
    published = art.published + timedelta(days=SHIFT_DAYS * rep) if art.published else None
    article = replace(art, uri=f"{art.uri}/r{rep}", text=text, removed=(), published=published, source_hash=None)
    event = ex.event
    if event is not None:
        event = replace(event, date=_shift(event.date, rep))
    return replace(ex, article=article, event=event)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 20000])
    ap.add_argument("--probe", type=int, default=200)
    ap.add_argument("--db", default="/tmp/claimledger-bench-events.db")
    args = ap.parse_args()
    for suffix in ("", "-wal", "-shm"):
        Path(args.db + suffix).unlink(missing_ok=True)
    _, rows, _ = longtail()
    base = [e for e in extract_corpus(rows, "longtail") if isinstance(e, Extraction)]
    service = Service(Settings.from_options(db=args.db))
    base = [service._finish(e) for e in base]  # noqa: SLF001 - the article's event, as ingest computes it
    stream = (repeated(ex, rep) for rep in range(10_000) for ex in base)
    stored = 0
    results = []
    for size in sorted(args.sizes):
        t0 = time.perf_counter()
        while stored < size:
            service.store(next(stream))  # type: ignore[arg-type]
            stored += 1
        fill = time.perf_counter() - t0
        times = []
        for _ in range(args.probe):
            t = time.perf_counter()
            service.store(next(stream))  # type: ignore[arg-type]
            times.append(time.perf_counter() - t)
            stored += 1
        times.sort()
        mean = statistics.mean(times)
        results.append((size, mean))
        print(f"at {size:,} stored articles ({service.ledger.count('events'):,} events; prefill {fill:.0f} s): "
              f"{mean * 1000:.1f} ms per added article (median {statistics.median(times) * 1000:.1f} ms, "
              f"p95 {times[int(0.95 * len(times))] * 1000:.1f} ms, {args.probe} articles)")
    if len(results) >= 2:
        print(f"events ratio {results[-1][1] / results[0][1]:.2f} "
              f"(seconds per added article at {results[-1][0]:,} / at {results[0][0]:,})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
