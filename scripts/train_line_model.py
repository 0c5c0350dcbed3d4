#!/usr/bin/env python3
"""Train the learned line classifier (src/claimledger/clean/data/line_model.json) and score it held out.

    .venv/bin/python scripts/train_line_model.py [--folds 5] [--write] [--limit N]

Data: ../shared/data/aeb and ../shared/data/wcxb (HTML pages with their ground-truth article
bodies), read at run time; the lines the rules keep and their features are cached under
$CLAIMLEDGER_CACHE (default /tmp/claimledger-train). A line's label is "furniture" when under
half of its word 4-grams are in the ground truth. Scores use the shared scorer's metric
(``eval_clean.page_counts`` / ``score``) on the text the ``clean`` command would print.

Held-out results printed:
- WCXB, k folds by site (a site's pages never straddle folds): each fold scored by a model
  trained on the other folds of WCXB plus all of AEB, and by one trained on the WCXB folds alone;
- cross-corpus: trained on AEB only, scored on WCXB; trained on WCXB only, scored on AEB.
The threshold of each model is chosen by an inner site-grouped split of its own training pages.
``--write`` trains on both corpora and writes the model with a note of what it was trained on.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import math
import os
import pickle
import re
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlparse

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from claimledger.clean.blocks import MODEL_PATH, LineModel, choose_removals, line_features
from claimledger.clean.html import parse_html, ruled_page
from claimledger.errors import ClaimLedgerError
from claimledger.records import CleanArticle, Removal

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT / ".." / "shared"
THRESHOLDS = (0.8, 0.85, 0.9, 0.95)
MIN_SITES = 8  # a token feature is kept when it occurs on pages of this many sites in the training data
C = 0.5
WORD = re.compile(r"\w+")


@dataclass
class PageRows:
    """One page: its id, site, the text and removals the rules give, and its kept lines."""

    page_id: str
    site: str
    gold: str
    text: str
    removed: tuple[Removal, ...]
    rows: list  # (Line, features)
    labels: list[int]


def shingle_set(text: str, n: int = 4) -> set[tuple[str, ...]]:
    toks = WORD.findall(text)
    return {tuple(toks[i:i + n]) for i in range(max(1, len(toks) - n + 1))}


def furniture_label(line_text: str, gold_grams: set, gold_flat: str) -> int:
    """1 when under half of the line's 4-grams are in the ground truth (short lines: the words in order)."""
    toks = WORD.findall(line_text)
    if len(toks) < 4:
        return int(f" {' '.join(toks)} " not in gold_flat)
    grams = shingle_set(line_text)
    return int(sum(g in gold_grams for g in grams) < 0.5 * len(grams))


def site_of(url: str) -> str:
    host = urlparse(url or "").netloc.lower()
    return host[4:] if host.startswith("www.") else host or "unknown"


def load_corpus(name: str, limit: int | None) -> list[PageRows]:
    data = SHARED / "data" / name
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(truth)[:limit] if limit else sorted(truth)
    src = hashlib.sha1((ROOT / "src/claimledger/clean/blocks.py").read_bytes()
                       + (ROOT / "src/claimledger/clean/lines.py").read_bytes()
                       + (ROOT / "src/claimledger/clean/html.py").read_bytes()).hexdigest()[:10]
    cache = Path(os.environ.get("CLAIMLEDGER_CACHE", "/tmp/claimledger-train")) / f"lines-{name}-{len(ids)}-{src}.pkl"
    if cache.exists():
        return pickle.loads(cache.read_bytes())
    pages = []
    for page_id in ids:
        html = gzip.open(data / "html" / f"{page_id}.html.gz", "rt", encoding="utf-8", errors="replace").read()
        gold = truth[page_id]["articleBody"]
        try:
            tree = parse_html(html, page_id)
            page = ruled_page(tree, page_id)
        except (ClaimLedgerError, ValueError):
            pages.append(PageRows(page_id, site_of(truth[page_id].get("url", "")), gold, "", (), [], []))
            continue
        rows = line_features(tree, page.text, page.removed, page.headings, page.link_texts)
        grams, flat = shingle_set(gold), f" {' '.join(WORD.findall(gold))} "
        labels = [furniture_label(line.text, grams, flat) for line, _ in rows]
        pages.append(PageRows(page_id, site_of(truth[page_id].get("url", "")), gold, page.text, page.removed,
                              rows, labels))
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_bytes(pickle.dumps(pages))
    return pages


def vocabulary(pages: list[PageRows]) -> set[str]:
    """Token features (name with '=') seen on pages of MIN_SITES sites or more."""
    sites: dict[str, set[str]] = {}
    for p in pages:
        for _, feats in p.rows:
            for k in feats:
                if "=" in k:
                    sites.setdefault(k, set()).add(p.site)
    return {k for k, s in sites.items() if len(s) >= MIN_SITES}


def fit(pages: list[PageRows], threshold: float = 0.5) -> LineModel:
    vocab = vocabulary(pages)
    feats = [_filtered(f, vocab) for p in pages for _, f in p.rows]
    y = np.array([lab for p in pages for lab in p.labels])
    weight = np.array([math.sqrt(max(len(line.words), 1)) for p in pages for line, _ in p.rows])
    vec = DictVectorizer()
    x = vec.fit_transform(feats)
    clf = LogisticRegression(C=C, max_iter=500)
    clf.fit(x, y, sample_weight=weight)
    weights = {name: round(float(w), 4) for name, w in zip(vec.feature_names_, clf.coef_[0], strict=True)
               if abs(w) >= 1e-4}
    return LineModel(weights, round(float(clf.intercept_[0]), 4), threshold)


def _filtered(feats: dict[str, float], vocab: set[str]) -> dict[str, float]:
    return {k: v for k, v in feats.items() if "=" not in k or k in vocab}


def body_of(p: PageRows, extra: list[Removal]) -> str:
    art = CleanArticle(uri=p.page_id, text=p.text, removed=tuple(sorted(p.removed + tuple(extra),
                                                                        key=lambda r: r.start)))
    return art.body


def evaluate(pages: list[PageRows], model: LineModel | None, scorer) -> tuple[float, float, float]:
    page_counts, score = scorer
    pairs = [page_counts(p.gold, body_of(p, choose_removals(p.rows, model) if model and p.text else []))
             for p in pages]
    return score(pairs)


def choose_threshold(pages: list[PageRows], scorer, folds: int = 2) -> float:
    """The threshold with the best F1 over an inner site-grouped split of ``pages``."""
    groups = [p.site for p in pages]
    per: dict[float, list[tuple[float, float, float]]] = {t: [] for t in THRESHOLDS}
    for tr, te in GroupKFold(n_splits=folds).split(pages, groups=groups):
        model = fit([pages[i] for i in tr])
        held = [pages[i] for i in te]
        for t in THRESHOLDS:
            m = LineModel(model.weights, model.bias, t)
            per[t].extend(scorer[0](p.gold, body_of(p, choose_removals(p.rows, m) if p.text else []))
                          for p in held)
    return max(THRESHOLDS, key=lambda t: scorer[1](per[t])[2])


def fit_tuned(pages: list[PageRows], scorer) -> LineModel:
    t = choose_threshold(pages, scorer)
    m = fit(pages)
    return LineModel(m.weights, m.bias, t)


def kfold(wcxb: list[PageRows], aeb: list[PageRows], folds: int, scorer) -> None:
    groups = [p.site for p in wcxb]
    counts: dict[str, list] = {"none": [], "wcxb+aeb": []}
    for n, (tr, te) in enumerate(GroupKFold(n_splits=folds).split(wcxb, groups=groups)):
        train = [wcxb[i] for i in tr]
        held = [wcxb[i] for i in te]
        for name, pages in (("wcxb+aeb", train + aeb),):
            model = fit_tuned(pages, scorer)
            counts[name].extend(_pairs(held, model, scorer))
            print(f"fold {n} {name:9s} threshold {model.threshold} F1 "
                  f"{scorer[1](_pairs(held, model, scorer))[2]:.4f}", flush=True)
        counts["none"].extend(_pairs(held, None, scorer))
    for name, pairs in counts.items():
        p, r, f = scorer[1](pairs)
        print(f"WCXB {folds}-fold by site, model trained on {name:9s}: P {p:.4f} R {r:.4f} F1 {f:.4f}")


def _pairs(pages: list[PageRows], model: LineModel | None, scorer) -> list:
    return [scorer[0](p.gold, body_of(p, choose_removals(p.rows, model) if model and p.text else []))
            for p in pages]


def describe(pages: list[PageRows]) -> str:
    n = sum(len(p.labels) for p in pages)
    pos = sum(sum(p.labels) for p in pages)
    return f"{len(pages)} pages, {len({p.site for p in pages})} sites, {n} lines, {pos} furniture"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args()
    if not (SHARED / "eval" / "eval_clean.py").exists():
        print(f"skipped: {SHARED / 'eval'} not found")
        return 0
    sys.path.insert(0, str(SHARED / "eval"))
    from eval_clean import page_counts, score  # noqa: PLC0415 - the shared scorer, found at run time

    scorer = (page_counts, score)
    aeb, wcxb = load_corpus("aeb", args.limit), load_corpus("wcxb", args.limit)
    print(f"aeb: {describe(aeb)}\nwcxb: {describe(wcxb)}")
    for name, pages in (("AEB", aeb), ("WCXB", wcxb)):
        p, r, f = evaluate(pages, None, scorer)
        print(f"{name} rules only: P {p:.4f} R {r:.4f} F1 {f:.4f}")
    for train_name, train, test_name, test in (("AEB", aeb, "WCXB", wcxb), ("WCXB", wcxb, "AEB", aeb)):
        model = fit_tuned(train, scorer)
        p, r, f = evaluate(test, model, scorer)
        print(f"trained on {train_name} only (threshold {model.threshold}), scored on {test_name}: "
              f"P {p:.4f} R {r:.4f} F1 {f:.4f}", flush=True)
    if args.folds > 1:
        kfold(wcxb, aeb, args.folds, scorer)
    if args.write:
        model = fit_tuned(wcxb + aeb, scorer)
        write(model, aeb, wcxb)
    return 0


def write(model: LineModel, aeb: list[PageRows], wcxb: list[PageRows]) -> None:
    data = {
        "trained": date.today().isoformat(),
        "trained_on": "../shared/data/aeb (119 pages) and ../shared/data/wcxb (791 pages): all pages; "
                      "label = under half of a kept line's word 4-grams in the ground truth",
        "script": "scripts/train_line_model.py --write",
        "lines": {"aeb": describe(aeb), "wcxb": describe(wcxb)},
        "bias": model.bias, "threshold": model.threshold, "max_share": model.max_share,
        "weights": dict(sorted(model.weights.items())),
    }
    MODEL_PATH.parent.mkdir(parents=True, exist_ok=True)
    MODEL_PATH.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {MODEL_PATH} ({len(model.weights)} weights, threshold {model.threshold})")


if __name__ == "__main__":
    sys.exit(main())
