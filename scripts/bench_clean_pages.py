#!/usr/bin/env python3
"""Per-page cleaning time on the article-extraction benchmark: the slowest pages and any error.

Usage (from the project root): .venv/bin/python scripts/bench_clean_pages.py [--data ../shared/data/aeb]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from claimledger.config import Settings
from claimledger.errors import ClaimLedgerError
from claimledger.service import Service


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="../shared/data/aeb")
    args = ap.parse_args()
    service = Service(Settings())
    times, errors = [], []
    for path in sorted(Path(args.data, "html").glob("*.html.gz")):
        t0 = time.perf_counter()
        try:
            service.clean_raw(service.read(path))
        except ClaimLedgerError as exc:
            errors.append(str(exc))
        times.append((time.perf_counter() - t0, path.name))
    times.sort(reverse=True)
    print("slowest:", ", ".join(f"{name[:12]} {secs:.3f} s" for secs, name in times[:3]))
    print(f"pages {len(times)} errors {len(errors)} over 2 s {sum(s > 2 for s, _ in times)} "
          f"slowest {times[0][0]:.3f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
