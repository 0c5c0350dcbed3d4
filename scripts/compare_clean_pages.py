#!/usr/bin/env python3
"""Page-by-page comparison of our cleaning with trafilatura's default extraction.

Scores every page as ``../shared/eval/eval_clean.py`` does (word 4-gram shingles) and prints
per-page F1 side by side: the pages we lose most on, how the second opinion was used, and the
issue #14 safety check (no page under 0.10 where trafilatura scores over 0.50).

Usage (from the project root):
    .venv/bin/python scripts/compare_clean_pages.py --data ../shared/data/wcxb [--show 20]
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import Counter
from pathlib import Path

import trafilatura

from claimledger.clean import clean_article
from claimledger.clean.html import extract_main, parse_html
from claimledger.config import Settings
from claimledger.errors import ClaimLedgerError
from claimledger.records import RawArticle


def page_f1(counts: tuple[float, float, float]) -> float:
    tp, fp, fn = counts
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="../shared/data/wcxb")
    ap.add_argument("--show", type=int, default=15)
    args = ap.parse_args()
    eval_dir = Path(__file__).resolve().parents[1] / ".." / "shared" / "eval"
    if not (eval_dir / "eval_clean.py").exists():
        print(f"skipped: {eval_dir} not found (the scorer lives in ../shared/eval)")
        return 0
    sys.path.insert(0, str(eval_dir))
    from eval_clean import page_counts, score  # noqa: PLC0415 - the shared scorer, found at run time

    truth = json.loads(Path(args.data, "ground-truth.json").read_text(encoding="utf-8"))
    settings = Settings()
    rows, ours_all, theirs_all, sources = [], [], [], Counter()
    for page_id in sorted(truth):
        html = gzip.open(Path(args.data, "html", f"{page_id}.html.gz"), "rt", encoding="utf-8",
                         errors="replace").read()
        try:
            ours = clean_article(RawArticle(uri=page_id, content=html, media_type="html"), settings).body
            sources[extract_main(parse_html(html)).source] += 1
        except ClaimLedgerError:
            ours = ""
        theirs = trafilatura.extract(html, include_comments=False) or ""
        gold = truth[page_id]["articleBody"]
        a, b = page_counts(gold, ours), page_counts(gold, theirs)
        ours_all.append(a)
        theirs_all.append(b)
        rows.append((page_f1(a) - page_f1(b), page_id, page_f1(a), page_f1(b), truth[page_id].get("url", "")))
    rows.sort()
    for diff, page_id, f_ours, f_theirs, url in rows[:args.show]:
        print(f"lose {diff:+.2f}  {page_id[:12]}  ours {f_ours:.2f}  trafilatura {f_theirs:.2f}  {url[:60]}")
    bad = [r for r in rows if r[2] < 0.10 and r[3] > 0.50]
    for _, page_id, f_ours, f_theirs, url in bad:
        print(f"page under 0.10 where trafilatura is over 0.50: {page_id[:12]} {f_ours:.2f} {f_theirs:.2f} {url[:60]}")
    p, r, f = score(ours_all)
    bp, br, bf = score(theirs_all)
    print("main text from:", ", ".join(f"{k} {v}" for k, v in sources.most_common()))
    print(f"pages {len(rows)} ours F1 {f:.3f} (P {p:.3f} R {r:.3f}) trafilatura F1 {bf:.3f} (P {bp:.3f} R {br:.3f}) "
          f"won {sum(d > 0.01 for d, *_ in rows)} lost {sum(d < -0.01 for d, *_ in rows)} "
          f"under 0.10 where trafilatura > 0.50: {len(bad)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
