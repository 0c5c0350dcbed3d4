"""Train the event matcher (src/claimledger/events/data/match_model.json) and measure it held out.

    .venv/bin/python scripts/train_event_matcher.py [--folds 2] [--write]

Data: ../shared/data/longtail/dev.jsonl (the only corpus with several reports per incident),
extracted once (cached under $CLAIMLEDGER_TRAIN_CACHE, default /tmp/claimledger-train).
Pairs: each article, in the order eval_events.py ingests them, against the gold events formed so
far that the ledger's index would return as candidates (teacher forcing); label = the same
incident. Held-out: incidents are split into folds; each fold is clustered online with a model
trained on the other folds and scored with B-cubed. ``--write`` trains on every incident and
writes the model with a note of what it was trained on.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from events_data import ROOT, SHARED, extract_corpus, longtail  # noqa: E402

from claimledger.events import Lexicon, MemoryEvents, article_event  # noqa: E402
from claimledger.events.match import MODEL_PATH, MatchModel, Member, index_keys, pair_features  # noqa: E402
from claimledger.records import Extraction  # noqa: E402

THRESHOLDS = (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6)


def members_of(extractions: list, rows: list[dict]) -> list[Member]:
    lex = Lexicon()
    out = []
    for n, (ex, row) in enumerate(zip(extractions, rows, strict=True)):
        if not isinstance(ex, Extraction):
            continue
        out.append(Member(n, article_event(ex, lex), uri=row["id"], outlet=row.get("outlet"),
                          published=row.get("published"), title=row.get("title")))
    return out


def fold_of(incident: str, folds: int) -> int:
    return int(hashlib.sha256(incident.encode()).hexdigest(), 16) % folds


def pairs(members: list[Member], gold: dict[str, str]) -> tuple[list[dict[str, float]], list[int]]:
    """Teacher-forced pairs: the article against every candidate gold event the index returns."""
    index = MemoryEvents()
    clusters: dict[str, int] = {}
    xs, ys = [], []
    for m in members:
        for cand in index.candidates(m):
            xs.append(pair_features(m.event, cand.members, m.outlet))
            ys.append(int(cand.event_id == clusters.get(gold[m.uri])))
        event_id = clusters.setdefault(gold[m.uri], len(clusters) + 1)
        index.members.setdefault(event_id, []).append(m)
        index.event_of[m.article_id] = event_id
        for key in index_keys(m.event):
            index.keys.setdefault(key.key, []).append((event_id, m))
    return xs, ys


def fit(xs: list[dict[str, float]], ys: list[int]) -> MatchModel:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer(sparse=False)
    x = vec.fit_transform(xs)
    lr = LogisticRegression(C=1.0, max_iter=2000, class_weight=None)
    lr.fit(x, ys)
    weights = {name: round(float(w), 4) for name, w in zip(vec.feature_names_, lr.coef_[0], strict=True)}
    return MatchModel(weights, round(float(lr.intercept_[0]), 4), 0.5)


def bcubed(assign: dict[str, int], gold: dict[str, str]) -> tuple[float, float]:
    by_pred: dict[int, list[str]] = {}
    by_gold: dict[str, list[str]] = {}
    for a, e in assign.items():
        by_pred.setdefault(e, []).append(a)
        by_gold.setdefault(gold[a], []).append(a)
    p = sum(sum(gold[b] == gold[a] for b in by_pred[assign[a]]) / len(by_pred[assign[a]]) for a in assign)
    r = sum(sum(assign[b] == assign[a] for b in by_gold[gold[a]]) / len(by_gold[gold[a]]) for a in assign)
    return p / len(assign), r / len(assign)


def cluster(members: list[Member], model: MatchModel) -> dict[str, int]:
    index = MemoryEvents(model=model)
    for m in members:
        index.add(m)
    return {m.uri: index.event_of[m.article_id] for m in members}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--folds", type=int, default=2)
    ap.add_argument("--write", action="store_true", help="train on all incidents and write the model")
    args = ap.parse_args()
    incidents, rows, gold_of = longtail()
    extractions = extract_corpus(rows, "longtail")
    gold = {a: sorted(ids)[0] for a, ids in gold_of.items()}
    members = members_of(extractions, rows)
    print(f"articles {len(members)} incidents {len(incidents)}")
    by_threshold: dict[float, list[tuple[float, float, float]]] = {t: [] for t in THRESHOLDS}
    for k in range(args.folds):
        train = [m for m in members if fold_of(gold[m.uri], args.folds) != k]
        test = [m for m in members if fold_of(gold[m.uri], args.folds) == k]
        model = fit(*pairs(train, gold))
        for t in THRESHOLDS:
            p, r = bcubed(cluster(test, replace(model, threshold=t)), gold)
            by_threshold[t].append((p, r, 2 * p * r / (p + r)))
    for t, scores in by_threshold.items():
        mean = [sum(s[i] for s in scores) / len(scores) for i in range(3)]
        print(f"threshold {t:.2f}: held-out B-cubed P {mean[0]:.3f} R {mean[1]:.3f} F1 {mean[2]:.3f}"
              f" (folds: {', '.join(f'{s[2]:.3f}' for s in scores)})")
    chosen = max(THRESHOLDS, key=lambda t: sum(s[2] for s in by_threshold[t]))
    mean = [sum(s[i] for s in by_threshold[chosen]) / args.folds for i in range(3)]
    print(f"chosen threshold {chosen:.2f}: held-out mean B-cubed P {mean[0]:.3f} R {mean[1]:.3f} F1 {mean[2]:.3f}")
    if args.write:
        xs, ys = pairs(members, gold)
        model = replace(fit(xs, ys), threshold=chosen)
        MODEL_PATH.write_text(json.dumps({
            "weights": model.weights, "bias": model.bias, "threshold": model.threshold,
            "trained_on": "../shared/data/longtail/dev.jsonl (all incidents; teacher-forced candidate pairs)",
            "pairs": len(ys), "positives": sum(ys), "trained": date.today().isoformat(),
            "held_out": {"folds": args.folds, "bcubed_p": round(mean[0], 3), "bcubed_r": round(mean[1], 3),
                         "bcubed_f1": round(mean[2], 3)},
            "script": "scripts/train_event_matcher.py --write",
        }, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {MODEL_PATH.relative_to(ROOT)} ({len(ys)} pairs, {sum(ys)} positive); {SHARED} read only")
    return 0


if __name__ == "__main__":
    sys.exit(main())
