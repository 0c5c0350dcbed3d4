"""Train the place ranker (src/claimledger/extract/places/data/ranker.json) and measure it held out.

    .venv/bin/python scripts/train_place_ranker.py                 # leave-one-corpus-out scores
    .venv/bin/python scripts/train_place_ranker.py --out-dir /tmp  # ... and write the three models
    .venv/bin/python scripts/train_place_ranker.py --write         # train on all three, write the model
    .venv/bin/python scripts/train_place_ranker.py --without lgl --out /tmp/ranker-no-lgl.json
        # train on the other two only; score with it through the CLI:
        # CLAIMLEDGER_PLACE_RANKER=/tmp/ranker-no-lgl.json \
        #     python3 ../shared/eval/eval_places.py --data ../shared/data/geo/lgl.jsonl

Data: the geoparsing corpora in ../shared/data/geo (GeoWebNews dev, LGL, GeoVirus), parsed once
(scripts/places_data.py, cached under $CLAIMLEDGER_TRAIN_CACHE). For each name the recogniser
finds that overlaps a gold toponym with coordinates, its gazetteer candidates within 161 km of the
gold point are the right ones. Two conditional logit models over each name's candidates (softmax,
L2-regularised, fitted with L-BFGS): the prior stage without context features, then the context
stage on the context that the prior stage's choices give. Held out: each corpus is scored by the
full pipeline with a ranker trained on the other two, exactly as eval_places.py scores it.
Deterministic: the same data and code give the same weights.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

sys.path.insert(0, str(Path(__file__).resolve().parent))
from places_data import CORPORA, gold, km, parsed, score  # noqa: E402

from claimledger.extract.places import Gazetteer, find_places  # noqa: E402
from claimledger.extract.places._rank import FEATURES, MODEL_FILE, Ranker  # noqa: E402
from claimledger.extract.places._recognise import recognise  # noqa: E402
from claimledger.extract.places._resolve import context_rows, prepare  # noqa: E402

MODEL_PATH = Path(__file__).resolve().parent.parent / "src/claimledger/extract/places/data" / MODEL_FILE
L2 = 1.0  # on the summed log-likelihood of a few thousand names


def examples(docs, gazetteer):
    """Per document: its Prepared groups and, per group, (weight, positive mask) or None. Each
    name of a document weighs one, however often it is repeated (a name named eight times is
    one decision, and would otherwise outweigh the rest of its article)."""
    out = []
    for row, doc in docs:
        mentions = recognise(doc, gazetteer)
        prep = prepare(doc, mentions, gazetteer)
        targets = gold(row)
        labels = []
        for ks, cands in zip(prep.groups, prep.cands, strict=True):
            hits = [g for k in ks for g in _overlapping(doc, mentions[k], targets)]
            if not hits or not cands:
                labels.append(None)
                continue
            g = hits[0]
            pos = [c.lat is not None and km(c.lat, c.lon, g["lat"], g["lon"]) <= 161 for c in cands]
            labels.append((1.0, pos) if any(pos) and not all(pos) else None)  # one vote per name
        out.append((prep, labels))
    return out


def _overlapping(doc, m, targets):
    start, end = doc[m.start].idx, doc[m.end - 1].idx + len(doc[m.end - 1])
    return [g for g in targets if start < g["end"] and g["start"] < end]


def fit(groups: list[tuple[list[list[float]], float, list[bool]]]) -> list[float]:
    """Conditional logit: maximise sum_g w_g log(sum_pos exp(s) / sum_all exp(s)) - L2 |w|^2 / 2."""
    x = np.array([r for rows, _, _ in groups for r in rows], dtype=float)
    pos = np.array([p for _, _, mask in groups for p in mask], dtype=bool)
    sizes = np.array([len(rows) for rows, _, _ in groups])
    weight = np.array([w for _, w, _ in groups], dtype=float)
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    owner = np.repeat(np.arange(len(groups)), sizes)

    def loss(w):
        s = x @ w
        top = np.maximum.reduceat(s, starts)
        e = np.exp(s - top[owner])
        z_all = np.add.reduceat(e, starts)
        z_pos = np.add.reduceat(np.where(pos, e, 0.0), starts)
        nll = -np.sum(weight * (np.log(z_pos) - np.log(z_all))) + L2 * w @ w / 2
        p_all = e / z_all[owner]
        p_pos = np.where(pos, e, 0.0) / z_pos[owner]
        grad = (weight[owner] * (p_all - p_pos)) @ x + L2 * w
        return nll, grad

    res = minimize(loss, np.zeros(x.shape[1]), jac=True, method="L-BFGS-B", options={"maxiter": 2000})
    return [round(float(v), 5) for v in res.x]


def train(data) -> Ranker:
    """The prior stage on base rows; the context stage on base + context rows, the context
    being what the trained prior stage's choices give."""
    prior_groups = [(rows, lab[0], lab[1]) for prep, labels in data
                    for rows, lab in zip(prep.prior_rows, labels, strict=True) if lab is not None]
    prior = fit(prior_groups)
    half = Ranker({"prior": prior, "context": prior + [0.0] * (len(FEATURES) - len(prior))})
    context_groups = []
    for prep, labels in data:
        probs = [half.prior_probabilities(rows) if len(rows) > 1 else [1.0] * len(rows)
                 for rows in prep.prior_rows]
        for base, ctx, lab in zip(prep.prior_rows, context_rows(prep, probs), labels, strict=True):
            if lab is not None:
                context_groups.append(([b + c for b, c in zip(base, ctx, strict=True)], lab[0], lab[1]))
    return Ranker({"prior": prior, "context": fit(context_groups)})


def held_out(corpora, gazetteer, out_dir: Path | None = None) -> None:
    data = {name: examples(docs, gazetteer) for name, docs in corpora.items()}
    for name, docs in corpora.items():
        ranker = train([ex for other in corpora if other != name for ex in data[other]])
        if out_dir is not None:
            write_model(out_dir / f"ranker-without-{name}.json", ranker, [o for o in corpora if o != name])
        got = score([(row, find_places(doc, gazetteer, ranker)) for row, doc in docs])
        print(f"{name:9s} trained on {'+'.join(o for o in corpora if o != name):16s} "
              f"recall {got['recall']:.3f} acc@161 {got['acc161']:.3f} (precision {got['precision']:.3f})")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--write", action="store_true", help="train on all three corpora and write the model")
    ap.add_argument("--without", choices=CORPORA, help="train on the other corpora only (with --out)")
    ap.add_argument("--out", type=Path, help="where to write the model trained --without a corpus")
    ap.add_argument("--out-dir", type=Path, help="leave-one-out mode: also write ranker-without-<corpus>.json here")
    args = ap.parse_args()
    gazetteer = Gazetteer.load()
    if args.without:
        if not args.out:
            ap.error("--without needs --out")
        names = [n for n in CORPORA if n != args.without]
        write_model(args.out, train([ex for n in names for ex in examples(parsed(n), gazetteer)]), names)
        return 0
    corpora = {name: parsed(name) for name in CORPORA}
    if not args.write:
        held_out(corpora, gazetteer, args.out_dir)
        return 0
    ranker = train([ex for docs in corpora.values() for ex in examples(docs, gazetteer)])
    write_model(MODEL_PATH, ranker, list(CORPORA))
    return 0


NAMES = {"gwn_dev": "GeoWebNews dev", "lgl": "LGL", "geovirus": "GeoVirus"}


def write_model(path: Path, ranker: Ranker, names: list[str]) -> None:
    note = (f"Trained by scripts/train_place_ranker.py on {', '.join(NAMES[n] for n in names)} "
            "(../shared/data/geo): every name the recogniser finds that overlaps a gold toponym "
            "with coordinates; right candidates lie within 161 km of the gold point.")
    path.write_text(json.dumps({"note": note, "features": list(FEATURES),
                                "weights": {"prior": ranker.prior, "context": ranker.context}},
                               indent=1) + "\n", encoding="utf-8")
    print(f"wrote {path}")


if __name__ == "__main__":
    raise SystemExit(main())
