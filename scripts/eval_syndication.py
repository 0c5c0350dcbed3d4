#!/usr/bin/env python3
"""Measure syndication detection: false matches among the article-extraction benchmark's
ground-truth bodies (all distinct articles, so every match is false), and copies found among
variants made from each body (cut to its first third of paragraphs and at least 50 words, re-footed, lightly
edited, retitled).

Usage (from the project root): .venv/bin/python scripts/eval_syndication.py [--data ../shared/data/aeb]
Last line: 'syndication false matches <n> of <pairs> pairs, copies found <k> of <m>'.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

from claimledger.clean.syndication import SyndicationIndex


def variants(body: str, rng: random.Random) -> dict[str, str]:
    """Copies of ``body`` the way other outlets print a wire story."""
    paras = [p for p in body.split("\n") if p.strip()]
    words = body.split()
    edited = list(words)
    for i in rng.sample(range(len(words)), k=max(1, len(words) // 50)):
        edited[i] = edited[i].upper() if rng.random() < 0.5 else "the"
    keep = max(1, len(paras) // 3)
    while keep < len(paras) and len(" ".join(paras[:keep]).split()) < 50:
        keep += 1  # a wire copy cut short still carries its first 50 words or so
    return {
        "truncated": "\n".join(paras[:keep]),
        "refooted": body + "\nFollow us on social media and subscribe to our newsletter for more stories.",
        "edited": " ".join(edited),
        "retitled": "A different headline for the same story\n" + body,
    }


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="../shared/data/aeb")
    args = ap.parse_args()
    truth = json.loads(Path(args.data, "ground-truth.json").read_text(encoding="utf-8"))
    bodies = {k: v["articleBody"] for k, v in sorted(truth.items())}
    index = SyndicationIndex()
    indexed = [k for k, body in bodies.items() if index.add(k, body)]
    false = sum(1 for k in indexed for other, _ in index.find(bodies[k], exclude=k) if other != k)
    pairs = len(indexed) * (len(indexed) - 1) // 2
    rng = random.Random(0)
    found = total = 0
    misses: dict[str, int] = {}
    for k in indexed:
        for kind, text in variants(bodies[k], rng).items():
            total += 1
            hit = any(key == k for key, _ in index.find(text))
            found += hit
            if not hit:
                misses[kind] = misses.get(kind, 0) + 1
    print(f"articles {len(bodies)} indexed {len(indexed)} (the rest are too short to call copies)")
    print(f"misses by kind: {misses or 'none'}")
    print(f"syndication false matches {false // 2} of {pairs} pairs, copies found {found} of {total}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
