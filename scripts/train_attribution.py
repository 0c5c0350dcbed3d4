#!/usr/bin/env python3
"""Train the attribution tagger (a linear-chain CRF) on PolNeAR train; score it on dev.

Usage (from the project root, with the dev extras installed):
    nice .venv/bin/python scripts/train_attribution.py [--train ../shared/data/polnear/train.jsonl]
        [--dev ../shared/data/polnear/dev.jsonl] [--cache /tmp/claimledger-attribution]
        [--out src/claimledger/extract/attribution/model] [--c1 1.0] [--c2 0.01] [--iterations 120]
        [--minfreq 5] [--no-clusters] [--choose-only]

Steps: parse every text once with the shipped pipeline's model (cached with its tok2vec vectors
under ``--cache``, keyed by the data file), label each token with the role of the gold span it
falls in (BIO over source / cue / content: PolNeAR's spans of one role never nest), cluster the
tok2vec vectors of training tokens (k-means, seed 0), turn tokens into the component's features
(``extract/attribution/_features.py``: the parse, word lists, quotes, clusters and the rules' own
claims), train CRFsuite (L-BFGS, elastic net), then choose on dev the two cue-probability
thresholds with which ``tagger.merge`` joins the rules' claims and the tagger's (kept only when,
chosen on one half of dev, they beat no thresholds on the other half), and print exact
F1 on dev computed the way ``../shared/eval/eval_attribution.py`` does. Nothing of the data is
written to ``--out``: only the weights, the cue lemmas and centroids, and ``model.json`` (what it
was trained on, the options, the thresholds and dev scores).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
import pycrfsuite
from spacy.tokens import Doc, DocBin

from claimledger.config import Settings
from claimledger.extract.attribution import _features as features
from claimledger.extract.attribution import tagger
from claimledger.extract.attribution._quotes import find_quotes
from claimledger.extract.attribution.finder import find_claims
from claimledger.extract.nlp import build_nlp
from claimledger.records import Claim

ROLES = ("source", "cue", "content")
KEEP_GRID = (0.0, 0.05, 0.1, 0.2, 0.3)
CLUSTER_SIZES = (32, 128)
ADD_GRID = (0.0, 0.5, 0.6, 0.7, 0.8)
TAG = {"source": "SRC", "cue": "CUE", "content": "CON"}


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def parsed(nlp, docs: list[dict], data: Path, cache: Path) -> list[Doc]:
    """Every text parsed by ``nlp`` (the extract components off), with its tok2vec tensors,
    cached by the data's digest."""
    digest = hashlib.sha1(data.read_bytes()).hexdigest()[:12]
    where = cache / f"{data.stem}-{digest}.spacy"
    tensors = cache / f"{data.stem}-{digest}-tensors.npz"
    if where.exists() and tensors.exists():
        out = list(DocBin().from_disk(where).get_docs(nlp.vocab))
        with np.load(tensors) as got:
            for k, doc in enumerate(out):
                doc.tensor = got[f"d{k}"]
        return out
    names = [n for n in nlp.pipe_names if n.startswith("claimledger_") and n != "claimledger_line_breaks"]
    with nlp.select_pipes(disable=names):
        out = list(nlp.pipe((d["text"] for d in docs), batch_size=32))
    cache.mkdir(parents=True, exist_ok=True)
    bin_ = DocBin(store_user_data=False)
    for doc in out:
        bin_.add(doc)
    bin_.to_disk(where)
    np.savez(tensors, **{f"d{k}": doc.tensor for k, doc in enumerate(out)})
    return out


def clusters(docs: list[Doc], sizes: tuple[int, ...] = CLUSTER_SIZES, sample: int = 200_000,
             seed: int = 0) -> list[list[list[float]]]:
    """k-means centroids of the parser's tok2vec vectors over a sample of training tokens, one
    set per size: a token's nearest centroid is a feature (word clusters from the parse's own
    context vectors)."""
    from sklearn.cluster import MiniBatchKMeans  # noqa: PLC0415 - training only (dev extra)

    vectors = np.concatenate([doc.tensor for doc in docs if len(doc)])
    rng = np.random.default_rng(seed)
    pick = vectors[rng.choice(len(vectors), size=min(sample, len(vectors)), replace=False)]
    out = []
    for k in sizes:
        km = MiniBatchKMeans(n_clusters=k, random_state=seed, n_init=3, batch_size=4096).fit(pick)
        out.append([[round(float(x), 4) for x in row] for row in km.cluster_centers_])
    return out


def labels(doc: Doc, att: list[dict]) -> list[str]:
    """BIO label of each token: the role of the gold piece it overlaps, B on a piece's first token."""
    out = ["O"] * len(doc)
    for a in att:
        for role in ROLES:
            for s, e in a.get(role) or []:
                first = True
                for t in doc:
                    if t.idx >= e:
                        break
                    if t.idx + len(t.text) <= s or t.is_space:
                        continue
                    out[t.i] = ("B-" if first else "I-") + TAG[role]
                    first = False
    return out


def cue_lemmas(docs: list[Doc], gold: list[list[str]], least: int = 5, rate: float = 0.15) -> list[str]:
    """Lemmas that are part of a cue often enough on the training split."""
    seen: Counter[str] = Counter()
    cued: Counter[str] = Counter()
    for doc, tags in zip(docs, gold, strict=True):
        for tok, tag in zip(doc, tags, strict=True):
            lemma = tok.lemma_.lower()
            seen[lemma] += 1
            if tag.endswith("CUE") and not tok.is_space:
                cued[lemma] += 1
    return sorted(w for w, n in cued.items() if n >= least and n / seen[w] >= rate)


def featurized(doc: Doc, cues: frozenset[str], centroids: list[np.ndarray]) -> list[list[str]]:
    rules = find_claims(doc)
    return features.doc_features(doc, rules, find_quotes(doc.text), cues, features.nearest(doc, centroids))


def _shared_scorer():
    sys.path.insert(0, str(Path("../shared/eval").resolve()))
    import eval_attribution  # noqa: PLC0415 - the shared scorer, read at training time only

    return eval_attribution


def score(claims_per_doc: list[list[Claim]], docs: list[dict]) -> dict[str, float]:
    """Exact F1 per role as ../shared/eval/eval_attribution.py computes it."""
    ev = _shared_scorer()
    n = {r: [0, 0, 0] for r in ROLES}
    for claims, gold in zip(claims_per_doc, docs, strict=True):
        g = ev.gold_pieces(gold)
        p = ev.pred_pieces(gold["text"], {"claims": [c.to_dict() for c in claims]})
        for role in ROLES:
            n[role][0] += len(g[role] & p[role])
            n[role][1] += len(p[role])
            n[role][2] += len(g[role])
    out = {}
    for role, (tp, np_, ng) in n.items():
        prec, rec = tp / max(np_, 1), tp / max(ng, 1)
        out[role] = round(2 * prec * rec / max(prec + rec, 1e-9), 4)
    return out


def _merge_parts(parsed_docs: list[Doc], model: tagger.Tagger) -> list[tuple]:
    """Per document, what ``tagger.merge`` joins: the rules' claims, the tagged ones, the cue belief."""
    parts = []
    for doc in parsed_docs:
        quotes = find_quotes(doc.text)
        rules = find_claims(doc)
        tags, odds = model.tags(doc, rules, quotes)
        parts.append((rules, tagger.claims_from_tags(doc, doc.text, tags, quotes), tagger._cue_belief(doc, odds)))
    return parts


def _scored(parts: list[tuple], docs: list[dict], pick: list[int], keep: float, add: float) -> dict[str, float]:
    return score([tagger.merge(*parts[k], (keep, add)) for k in pick], [docs[k] for k in pick])


def _mean(got: dict[str, float]) -> float:
    return sum(got.values()) / len(got)


def _best(parts: list[tuple], docs: list[dict], pick: list[int]) -> tuple[float, float]:
    """The (keep, add) of the grid with the best mean exact F1 on the documents ``pick``."""
    grid = [(keep, add) for keep in KEEP_GRID for add in ADD_GRID]
    return max(grid, key=lambda th: _mean(_scored(parts, docs, pick, *th)))


def choose_thresholds(parsed_docs: list[Doc], docs: list[dict], model: tagger.Tagger
                      ) -> tuple[dict[str, float], dict[str, float], dict[str, float]]:
    """The (keep, add) cue-probability thresholds of ``tagger.merge``, chosen on dev, kept only
    when they carry over: chosen on one half of dev and scored on the other (both ways), they
    must beat no thresholds (0, 0); else (0, 0). Returns the thresholds, the dev exact F1 with
    them, and the mean held-out-half F1 with and without chosen thresholds."""
    parts = _merge_parts(parsed_docs, model)
    every = list(range(len(docs)))
    halves = [every[0::2], every[1::2]]
    held = [_mean(_scored(parts, docs, halves[1 - h], *_best(parts, docs, halves[h]))) for h in (0, 1)]
    zero = [_mean(_scored(parts, docs, halves[1 - h], 0.0, 0.0)) for h in (0, 1)]
    check = {"chosen_on_half_scored_on_other": round(sum(held) / 2, 4), "none": round(sum(zero) / 2, 4)}
    keep, add = _best(parts, docs, every) if sum(held) > sum(zero) else (0.0, 0.0)
    return {"keep": keep, "add": add}, _scored(parts, docs, every, keep, add), check


def train(items: list[tuple[list[list[str]], list[str]]], where: Path, options: dict[str, float]) -> None:
    """CRFsuite L-BFGS with elastic net (``c1`` L1 prunes weights to zero) over the features seen
    at least ``minfreq`` times: both keep the model file small."""
    trainer = pycrfsuite.Trainer(verbose=False)
    for xseq, yseq in items:
        trainer.append(xseq, yseq)
    trainer.set_params({"c1": options["c1"], "c2": options["c2"], "max_iterations": int(options["iterations"]),
                        "feature.minfreq": options["minfreq"], "feature.possible_transitions": True})
    trainer.train(str(where))


def retrain_command(options: dict[str, float], clustered: bool) -> str:
    """The command that trains these weights again (into the package's model folder)."""
    flags = " ".join(f"--{k} {v:g}" for k, v in options.items())
    return f".venv/bin/python scripts/train_attribution.py {flags}" + ("" if clustered else " --no-clusters")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--train", type=Path, default=Path("../shared/data/polnear/train.jsonl"))
    ap.add_argument("--dev", type=Path, default=Path("../shared/data/polnear/dev.jsonl"))
    ap.add_argument("--cache", type=Path, default=Path("/tmp/claimledger-attribution"))
    ap.add_argument("--out", type=Path, default=tagger.model_dir())
    ap.add_argument("--c1", type=float, default=1.0)
    ap.add_argument("--c2", type=float, default=0.01)
    ap.add_argument("--iterations", type=int, default=120)
    ap.add_argument("--minfreq", type=float, default=5, help="drop features seen fewer times in training")
    ap.add_argument("--no-clusters", action="store_true", help="no tok2vec cluster features")
    ap.add_argument("--limit", type=int, help="train on the first N training documents only")
    ap.add_argument("--parse-only", action="store_true")
    ap.add_argument("--choose-only", action="store_true", help="keep the weights in --out, choose thresholds again")
    args = ap.parse_args()
    nlp = build_nlp(Settings().models, {"claimledger_attribution": {"method": "rules"}})
    t0 = time.perf_counter()

    def say(what: str) -> None:
        print(f"[{time.perf_counter() - t0:6.0f} s] {what}", file=sys.stderr, flush=True)

    train_docs, dev_docs = read_jsonl(args.train), read_jsonl(args.dev)
    train_parsed = parsed(nlp, train_docs, args.train, args.cache)
    dev_parsed = parsed(nlp, dev_docs, args.dev, args.cache)
    say(f"parsed {len(train_parsed)} train, {len(dev_parsed)} dev documents")
    if args.parse_only:
        return 0
    if args.choose_only:
        meta = json.loads((args.out / tagger.META_FILE).read_text(encoding="utf-8"))
        meta["thresholds"], meta["dev_exact_f1"], meta["threshold_check"] = choose_thresholds(
            dev_parsed, dev_docs, tagger.Tagger.load(args.out))
        (args.out / tagger.META_FILE).write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
        say(f"thresholds {meta['thresholds']} dev exact F1 {meta['dev_exact_f1']} check {meta['threshold_check']}")
        return 0
    train_docs, train_parsed = train_docs[: args.limit], train_parsed[: args.limit]
    gold = [labels(doc, d["attributions"]) for doc, d in zip(train_parsed, train_docs, strict=True)]
    cues = frozenset(cue_lemmas(train_parsed, gold))
    centres = [] if args.no_clusters else clusters(train_parsed)
    arrays = [np.asarray(c, dtype=np.float32) for c in centres]
    say(f"clustered tok2vec vectors ({', '.join(str(len(c)) for c in centres)} centroids)")
    items = [(featurized(doc, cues, arrays), tags) for doc, tags in zip(train_parsed, gold, strict=True)]
    say(f"featurized; {len(cues)} cue lemmas")
    args.out.mkdir(parents=True, exist_ok=True)
    options = {"c1": args.c1, "c2": args.c2, "iterations": args.iterations, "minfreq": args.minfreq}
    train(items, args.out / tagger.MODEL_FILE, options)
    say("trained")
    meta = {
        "trained_on": f"{args.train.name} (PolNeAR train split, {len(train_docs)} documents; "
                      f"sha1 {hashlib.sha1(args.train.read_bytes()).hexdigest()[:12]})",
        "chosen_on": f"{args.dev.name} (PolNeAR dev split)",
        "model": ", ".join(Settings().models),
        "options": options,
        "retrain": retrain_command(options, clustered=bool(centres)),
        "cue_lemmas": sorted(cues),
        "clusters": centres,
    }
    (args.out / tagger.META_FILE).write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    thresholds, dev, check = choose_thresholds(dev_parsed, dev_docs, tagger.Tagger.load(args.out))
    meta["thresholds"], meta["dev_exact_f1"], meta["threshold_check"] = thresholds, dev, check
    (args.out / tagger.META_FILE).write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    say(f"thresholds {thresholds} dev exact F1 {dev} check {check}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
