"""Draw flags of one kind at random from a ledger, for judging by hand (flag precision).

    .venv/bin/python scripts/sample_flags.py --db LEDGER [--kind contradiction] [--n 50] [--seed 1]

Prints each flag with its event, its reason and both reports' evidence sentences, numbered, so a
person can write a verdict (kept / not kept) beside each in BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import random
import sys

from claimledger.config import Settings
from claimledger.service import Service


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True)
    ap.add_argument("--kind", default="contradiction")
    ap.add_argument("--n", type=int, default=50)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    service = Service(Settings.from_options(db=args.db), create_ledger=False)
    flags = [(ev, f) for ev in service.events() for f in ev.flags if f.kind == args.kind]
    picked = random.Random(args.seed).sample(flags, min(args.n, len(flags)))
    print(f"{len(flags)} {args.kind} flags in {sum(1 for _ in service.ledger.event_ids())} events; "
          f"showing {len(picked)} (seed {args.seed})")
    for n, (ev, f) in enumerate(picked, 1):
        print(f"\n{n}. event {ev.id} ({ev.kind}, {ev.place.name if ev.place else '?'}, {ev.date}): {f.reason}")
        for r in f.reports:
            print(f"   - {r.claimant or '(the report)'} | {r.outlet} {r.when} | {r.low}-{r.high} | "
                  f"{' … '.join(r.evidence)[:300]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
