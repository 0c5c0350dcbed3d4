"""Train the recognition filter (src/claimledger/extract/places/data/place_filter.json) and
measure it held out.

    .venv/bin/python scripts/train_place_filter.py                 # leave-one-corpus-out scores
    .venv/bin/python scripts/train_place_filter.py --out-dir /tmp  # ... and write the three filters
    .venv/bin/python scripts/train_place_filter.py --write         # train on all three, write the model

Data: the geoparsing corpora in ../shared/data/geo (GeoWebNews dev, LGL, GeoVirus), parsed once
(scripts/places_data.py). Rows: every gazetteer match the recogniser proposes outside spaCy's place
entities (``_filter.filtered``), with its features (``_filter.mention_features``) after resolution
by a ranker trained on the same training corpora; label: the match overlaps a gold toponym with
coordinates (GeoWebNews gives coordinates to every kind of toponym and to no non-toponym).
L2-regularised logistic regression (scikit-learn, liblinear, deterministic). The threshold is the
one of THRESHOLDS that maximises F-beta (BETA = 2: recall first) of the filtered matches on the
training corpora themselves.
Held out: each corpus is scored by the full pipeline with a ranker and a filter trained on the
other two, as eval_places.py scores it (``CLAIMLEDGER_PLACE_RANKER``, ``CLAIMLEDGER_PLACE_FILTER``).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, str(Path(__file__).resolve().parent))
from places_data import CORPORA, gold, parsed, score  # noqa: E402
from train_place_ranker import NAMES, examples, train, write_model  # noqa: E402

from claimledger.extract.places import Gazetteer, find_places  # noqa: E402
from claimledger.extract.places._filter import FEATURES, MODEL_FILE, Filter, filtered, mention_features  # noqa: E402
from claimledger.extract.places._rank import Ranker  # noqa: E402
from claimledger.extract.places._recognise import name_parts_of, recognise  # noqa: E402
from claimledger.extract.places._resolve import resolve  # noqa: E402

MODEL_PATH = Path(__file__).resolve().parent.parent / "src/claimledger/extract/places/data" / MODEL_FILE
THRESHOLDS = (0.0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5)
BETA = 2.0  # recall weighs BETA times as much as precision: a missed place costs more than a spare one
C = 1.0


def rows(docs, gazetteer, ranker: Ranker) -> tuple[list[list[float]], list[int]]:
    """Feature rows and labels of every filtered mention in ``docs``."""
    x, y = [], []
    for row, doc in docs:
        mentions = recognise(doc, gazetteer)
        targets = gold(row)
        names = name_parts_of(list(doc.ents))
        for m, r in zip(mentions, resolve(doc, mentions, gazetteer, ranker), strict=True):
            if not filtered(m):
                continue
            start, end = doc[m.start].idx, doc[m.end - 1].idx + len(doc[m.end - 1])
            x.append(mention_features(doc, m, r, names))
            y.append(int(any(start < g["end"] and g["start"] < end for g in targets)))
    return x, y


def fit(x: list[list[float]], y: list[int]) -> Filter:
    """Logistic weights (the bias is the 'bias' feature) and the threshold best on (x, y)."""
    model = LogisticRegression(C=C, fit_intercept=False, solver="liblinear", max_iter=1000)
    model.fit(np.array(x), np.array(y))
    weights = tuple(round(float(v), 5) for v in model.coef_[0])
    probs = model.predict_proba(np.array(x))[:, 1]
    truth = np.array(y, dtype=bool)
    best = max(THRESHOLDS, key=lambda t: (_fbeta(probs >= t, truth), -t))
    return Filter(weights, best)


def _fbeta(kept: np.ndarray, truth: np.ndarray) -> float:
    tp = float(np.sum(kept & truth))
    b2 = BETA * BETA
    return 0.0 if tp == 0 else (1 + b2) * tp / (float(np.sum(kept)) + b2 * float(np.sum(truth)))


def trained(names: list[str], corpora, gazetteer) -> tuple[Ranker, Filter]:
    """A ranker and a filter trained on corpora ``names`` only."""
    ranker = train([ex for n in names for ex in examples(corpora[n], gazetteer)])
    x: list[list[float]] = []
    y: list[int] = []
    for n in names:
        xs, ys = rows(corpora[n], gazetteer, ranker)
        x += xs
        y += ys
    return ranker, fit(x, y)


def write_filter(path: Path, f: Filter, names: list[str]) -> None:
    note = (f"Trained by scripts/train_place_filter.py on {', '.join(NAMES[n] for n in names)} "
            "(../shared/data/geo): every gazetteer match outside spaCy's place entities, labelled by "
            "whether it overlaps a gold toponym with coordinates.")
    path.write_text(json.dumps({"note": note, "features": list(FEATURES), "weights": list(f.weights),
                                "threshold": f.threshold}, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {path}")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--write", action="store_true", help="train on all three corpora and write the filter")
    ap.add_argument("--out-dir", type=Path, help="also write filter- and ranker-without-<corpus>.json here")
    args = ap.parse_args()
    gazetteer = Gazetteer.load()
    corpora = {name: parsed(name) for name in CORPORA}
    if args.write:
        write_filter(MODEL_PATH, trained(list(CORPORA), corpora, gazetteer)[1], list(CORPORA))
        return 0
    for name, docs in corpora.items():
        others = [o for o in CORPORA if o != name]
        ranker, f = trained(others, corpora, gazetteer)
        if args.out_dir is not None:
            write_filter(args.out_dir / f"filter-without-{name}.json", f, others)
            write_model(args.out_dir / f"ranker-without-{name}.json", ranker, others)
        got = score([(row, find_places(doc, gazetteer, ranker, f)) for row, doc in docs])
        bare = score([(row, find_places(doc, gazetteer, ranker, Filter(f.weights, 0.0))) for row, doc in docs])
        print(f"{name:9s} trained on {'+'.join(others):16s} threshold {f.threshold:.2f} "
              f"recall {got['recall']:.3f} acc@161 {got['acc161']:.3f} precision {got['precision']:.3f} "
              f"(unfiltered: recall {bare['recall']:.3f} acc@161 {bare['acc161']:.3f} "
              f"precision {bare['precision']:.3f})", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
