"""p50 / p95 of filtered, paginated pages of /api/figures and /api/events on a large ledger.

    .venv/bin/python scripts/bench_pages.py [--articles 20000] [--db /tmp/claimledger-pages.db] [--rounds 20]

Fills (or reuses) a ledger of ``--articles`` articles (scripts/page_ledger.py: the longtail dev
corpus repeated under new ids through Service.store), starts the server on 127.0.0.1 (one
uvicorn worker), and requests, one after another, each query below and the four pages after it
(following the ``next`` cursors), ``--rounds`` times; prints the latencies per resource. The
filters are the ledger's own commonest values (a measure, a country, a state, an outlet, a
claimant, a word), so the pages are full.

The server keeps the pages it served while the ledger does not change (Service.page), so a page
asked again is answered from memory. ``--cold`` asks no page twice (round r asks pages of
``--limit`` - r rows; the warm-up asks pages of one row more), so every request runs its queries: the figure
the issue's bar is about. Without it, rounds after the first measure the kept pages.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from page_ledger import fill, percentile, serve  # noqa: E402

PAGES = 5  # a query's first page and the four after it


def queries(db: str) -> dict[str, list[dict[str, str]]]:
    """Filtered queries per resource, built from the ledger's commonest values."""
    import sqlalchemy as sa

    from claimledger.ledger import Ledger

    led = Ledger(db, create=False)
    with led.engine.connect() as conn:
        def top(sql: str) -> str:
            return str(conn.execute(sa.text(sql + " LIMIT 1")).scalar_one())

        country = top("SELECT country FROM places WHERE country IS NOT NULL GROUP BY country ORDER BY count(*) DESC")
        region = top("SELECT iso3166_2 FROM places WHERE iso3166_2 IS NOT NULL GROUP BY iso3166_2 "
                     "ORDER BY count(*) DESC")
        outlet = top("SELECT outlet FROM articles WHERE outlet IS NOT NULL GROUP BY outlet ORDER BY count(*) DESC")
    figures = [{"measure": "killed", "place": country}, {"measure": "injured", "place": region},
               {"measure": "killed", "outlet": outlet}, {"claimant": "police", "measure": "killed"},
               {"q": "shooting", "measure": "injured"}, {"since": "2030-01-01", "until": "2040-12-31",
                                                         "measure": "killed", "sort": "published", "desc": "true"}]
    events = [{"measure": "killed"}, {"place": region, "sort": "date", "desc": "true"},
              {"measure": "injured", "place": country, "sort": "killed", "desc": "true"},
              {"kind": "shooting", "sort": "reports", "desc": "true"}, {"q": "police", "sort": "injured"},
              {"since": "2030-01-01", "until": "2040-12-31", "sort": "date"}]
    return {"figures": figures, "events": events}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=20_000)
    ap.add_argument("--db", default="/tmp/claimledger-pages.db")
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--limit", type=int, default=50)
    ap.add_argument("--cold", action="store_true", help="ask no page twice (no page answered from memory)")
    args = ap.parse_args()
    if args.cold and args.rounds >= args.limit:
        ap.error("--cold needs --rounds below --limit (round r asks pages of limit - r rows)")
    import httpx

    fill(args.db, args.articles)
    asked = queries(args.db)
    with serve(args.db) as base, httpx.Client(base_url=base, timeout=60) as client:
        times: dict[str, list[float]] = {r: [] for r in asked}
        rows: dict[str, int] = {r: 0 for r in asked}
        for resource, qs in asked.items():  # warm up: each query once (cold: a page size never asked again)
            for q in qs:
                client.get(f"/api/{resource}", params={**q, "limit": args.limit + 1 if args.cold else args.limit}
                           ).raise_for_status()
        for rnd in range(args.rounds):
            limit = args.limit - rnd if args.cold else args.limit
            for resource, qs in asked.items():
                for q in qs:
                    params = {**q, "limit": str(limit)}
                    for _ in range(PAGES):
                        t = time.perf_counter()
                        resp = client.get(f"/api/{resource}", params=params)
                        times[resource].append(time.perf_counter() - t)
                        resp.raise_for_status()
                        page = resp.json()
                        rows[resource] += len(page[resource])
                        if page["next"] is None:
                            break
                        params = {**params, "after": page["next"]}
    for resource, ts in times.items():
        ms = [t * 1000 for t in ts]
        size = f"{args.limit - args.rounds + 1}-{args.limit}, none asked twice" if args.cold else f"{args.limit}"
        print(f"/api/{resource}: {len(ms):,} filtered pages of up to {size} ({rows[resource] / len(ms):.1f} rows "
              f"on average): p50 {percentile(ms, 50):.1f} ms, p95 {percentile(ms, 95):.1f} ms, "
              f"max {max(ms):.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
