#!/usr/bin/env python3
"""Gazetteer load time and memory, and place finding time per 1,000 words beyond parsing.

Usage (from the project root): .venv/bin/python scripts/bench_gazetteer.py [--data ../shared/data/geo/gwn_dev.jsonl]
"""

from __future__ import annotations

import argparse
import json
import resource
import time

from claimledger.config import Settings
from claimledger.extract.nlp import build_nlp
from claimledger.extract.places import Gazetteer, find_places


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="../shared/data/geo/gwn_dev.jsonl")
    args = ap.parse_args()
    nlp = build_nlp(Settings().models)
    before = rss_mb()
    t0 = time.perf_counter()
    gaz = Gazetteer.load()
    load = time.perf_counter() - t0
    grown = rss_mb() - before
    texts = [json.loads(line)["text"] for line in open(args.data, encoding="utf-8")]
    docs = list(nlp.pipe(texts))
    words = sum(len(t.split()) for t in texts)
    t0 = time.perf_counter()
    n = sum(len(find_places(doc, gaz)) for doc in docs)
    secs = time.perf_counter() - t0
    print(f"documents {len(docs)} words {words} places {n}")
    print(f"gazetteer load {load:.2f} s, peak resident grew {grown:.0f} MB (process peak {rss_mb():.0f} MB)")
    print(f"place finding {1000 * secs / words * 1000:.1f} ms per 1,000 words beyond parsing")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
