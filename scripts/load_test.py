"""A loopback load test: the server under a steady request rate, p50 / p95 / p99 per route.

    .venv/bin/python scripts/load_test.py [--db /tmp/claimledger-pages.db] [--articles 5000]
        [--rate 200] [--seconds 30] [--workers 2]

Fills (or reuses) a ledger of at least ``--articles`` articles (scripts/page_ledger.py), starts
``uvicorn --workers N`` on 127.0.0.1 and sends ``rate x seconds`` requests (at most 20,000) at a
fixed rate whatever the answers take (an open loop: a slow answer does not slow the sending;
64 keep-alive connections over plain asyncio streams),
round-robin over three routes: ``/api/events`` (the first page), a filtered ``/api/figures``
page (the commonest country's killed figures) and an article page (``/articles/{id}``, a
random stored article). Latency is timed from when a request was due to be sent, so time spent
queued behind a slow answer counts. Only 127.0.0.1 is ever a target; the run stops by itself
(a request unanswered ``--timeout`` seconds after it was due is an error, so the whole run
ends by seconds + timeout).
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
CONNECTIONS = 64  # keep-alive connections, one sender each


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
    """Latency (s) per request by route, None for an error. Requests are due at a fixed rate and
    queued when due; ``CONNECTIONS`` senders, each with its own keep-alive connection, take them
    in turn. A request still unanswered ``timeout`` s after it was due is an error (one that
    waited that long in the queue is not sent), so the run ends by ``seconds + timeout``."""
    assert base.startswith(f"http://{HOST}:"), "loopback only"
    port = int(base.rsplit(":", 1)[1])
    n = min(int(rate * seconds), MAX_REQUESTS)
    plan = routes(db)
    results: dict[str, list[float | None]] = {name: [] for name, _ in plan}
    queue: asyncio.Queue[tuple[int, float] | None] = asyncio.Queue()
    start = time.perf_counter() + 0.5

    async def produce() -> None:
        for i in range(n):
            due = start + i / rate
            await asyncio.sleep(max(0.0, due - time.perf_counter()))
            queue.put_nowait((i, due))
        for _ in range(CONNECTIONS):
            queue.put_nowait(None)

    async def send() -> None:
        conn = Connection(port)
        while (item := await queue.get()) is not None:
            i, due = item
            name, path = plan[i % len(plan)]
            results[name].append(await _timed(conn, path(), due, timeout))  # type: ignore[operator]
        conn.close()

    await asyncio.gather(produce(), *(send() for _ in range(CONNECTIONS)))
    return results


class Connection:
    """One keep-alive HTTP/1.1 connection to 127.0.0.1 (GET only; opened again after an error).
    A few lines of asyncio streams rather than an HTTP client library, so the load generator
    spends little CPU per request on the machine it shares with the server."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.streams: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def get(self, path: str) -> int:
        """The status of ``GET path`` (the body is read and dropped)."""
        if self.streams is None:
            self.streams = await asyncio.open_connection(HOST, self.port)
        reader, writer = self.streams
        writer.write(f"GET {path} HTTP/1.1\r\nHost: {HOST}\r\n\r\n".encode())
        await writer.drain()
        head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").lower()
        status = int(head.split(" ", 2)[1])
        if "transfer-encoding: chunked" in head:
            while size := int((await reader.readuntil(b"\r\n")).strip(), 16):
                await reader.readexactly(size + 2)
            await reader.readuntil(b"\r\n")
        else:
            lengths = [line.split(":", 1)[1] for line in head.split("\r\n") if line.startswith("content-length:")]
            await reader.readexactly(int(lengths[0]) if lengths else 0)
        return status

    def close(self) -> None:
        if self.streams is not None:
            self.streams[1].close()
            self.streams = None


async def _timed(conn: Connection, path: str, due: float, timeout: float) -> float | None:
    """Seconds from ``due`` to the answer, or None (an error, or no answer ``timeout`` s after due)."""
    left = due + timeout - time.perf_counter()
    if left <= 0:
        return None
    try:
        async with asyncio.timeout(left):
            status = await conn.get(path)
    except (OSError, ValueError, IndexError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, TimeoutError):
        conn.close()  # the connection is in an unknown state: a new one for the next request
        return None
    return time.perf_counter() - due if status == 200 else None


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
