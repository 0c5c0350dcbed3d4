"""A loopback load test: the server under a steady request rate, p50 / p95 / p99 per route.

    .venv/bin/python scripts/load_test.py [--db /tmp/claimledger-pages.db] [--articles 5000]
        [--rate 200] [--seconds 30] [--workers 2]

Fills (or reuses) a ledger of at least ``--articles`` articles (scripts/page_ledger.py), starts
``uvicorn --workers N`` on 127.0.0.1 and sends ``rate x seconds`` requests (at most 20,000) at a
fixed rate whatever the answers take (an open loop: a slow answer does not slow the sending),
round-robin over three routes: ``/api/events`` (the first page), a filtered ``/api/figures``
page (the commonest country's killed figures) and an article page (``/articles/{id}``, a
random stored article). Latency is timed from when a request was due to be sent, so time spent
queued behind a slow answer counts. Only 127.0.0.1 is ever a target; the run stops by itself
(every request is given up at ``--timeout`` seconds; the whole run at seconds + timeout + 10).
Exit status 1 when any request failed or p99 is not under ``--bar`` ms.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from page_ledger import HOST, fill, percentile, serve  # noqa: E402

MAX_REQUESTS = 20_000


def routes(db: str, seed: int = 12) -> list[tuple[str, object]]:
    """(name, path maker) of the three routes, with the ledger's own values."""
    import sqlalchemy as sa

    from claimledger.ledger import Ledger

    led = Ledger(db, create=False)
    with led.engine.connect() as conn:
        country = conn.execute(sa.text("SELECT country FROM places WHERE country IS NOT NULL GROUP BY country "
                                       "ORDER BY count(*) DESC LIMIT 1")).scalar_one()
        top = int(conn.execute(sa.text("SELECT max(id) FROM articles")).scalar_one())
    rng = random.Random(seed)
    return [("/api/events", lambda: "/api/events"),
            ("/api/figures?measure=killed&place=..", lambda: f"/api/figures?measure=killed&place={country}&limit=50"),
            ("/articles/{id}", lambda: f"/articles/{rng.randint(1, top)}")]


async def run(base: str, rate: float, seconds: float, timeout: float, db: str) -> dict[str, list[float | None]]:
    import httpx

    assert base.startswith(f"http://{HOST}:"), "loopback only"
    n = min(int(rate * seconds), MAX_REQUESTS)
    plan = routes(db)
    results: dict[str, list[float | None]] = {name: [] for name, _ in plan}
    limits = httpx.Limits(max_connections=256, max_keepalive_connections=256)
    async with httpx.AsyncClient(base_url=base, timeout=timeout, limits=limits) as client:
        start = time.perf_counter() + 0.5

        async def one(i: int) -> None:
            name, path = plan[i % len(plan)]
            due = start + i / rate
            await asyncio.sleep(max(0.0, due - time.perf_counter()))
            try:
                resp = await client.get(path())  # type: ignore[operator]
                ok = resp.status_code == 200
            except httpx.HTTPError:
                ok = False
            results[name].append(time.perf_counter() - due if ok else None)

        await asyncio.wait_for(asyncio.gather(*(one(i) for i in range(n))), timeout=seconds + timeout + 10)
    return results


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", default="/tmp/claimledger-pages.db")
    ap.add_argument("--articles", type=int, default=5_000)
    ap.add_argument("--rate", type=float, default=200.0, help="requests per second")
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=10.0)
    ap.add_argument("--bar", type=float, default=100.0, help="p99 bar in ms")
    args = ap.parse_args()
    held = fill(args.db, args.articles)
    with serve(args.db, args.workers) as base:
        import httpx

        for _ in range(30):  # warm every worker's caches (stored views checked, templates loaded)
            for path in ("/api/events", "/api/figures?measure=killed&limit=50", "/articles/1"):
                httpx.get(base + path, timeout=30)
        t0 = time.perf_counter()
        results = asyncio.run(run(base, args.rate, args.seconds, args.timeout, args.db))
        wall = time.perf_counter() - t0
    total = sum(len(v) for v in results.values())
    errors = sum(v is None for vs in results.values() for v in vs)
    print(f"load test: {held:,} articles, {args.workers} workers, {total:,} requests at {args.rate:g}/s over "
          f"{args.seconds:g} s (took {wall:.1f} s): {errors} errors")
    worst = 0.0
    every: list[float] = []
    for name, vs in results.items():
        ms = [v * 1000 for v in vs if v is not None]
        every += ms
        if ms:
            worst = max(worst, percentile(ms, 99))
            print(f"  {name}: {len(vs):,} requests, p50 {percentile(ms, 50):.1f} ms, p95 {percentile(ms, 95):.1f} ms, "
                  f"p99 {percentile(ms, 99):.1f} ms, max {max(ms):.1f} ms")
    if every:
        print(f"  all: p50 {percentile(every, 50):.1f} ms, p95 {percentile(every, 95):.1f} ms, "
              f"p99 {percentile(every, 99):.1f} ms")
    ok = errors == 0 and worst < args.bar
    print(f"bar (0 errors, p99 < {args.bar:g} ms on every route): {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
