"""Geoparsing corpora parsed once for training and measuring the place components.

``parsed(name)`` gives ``[(row, doc)]`` for ``../shared/data/geo/<name>.jsonl``: each text cleaned
as ``claimledger extract`` cleans a text file, then parsed by the project's spaCy pipeline up to
(not including) the claimledger components. Parsed docs are cached as a spaCy DocBin under
``$CLAIMLEDGER_TRAIN_CACHE`` (default /tmp/claimledger-train), keyed by the data file's digest and
the model. Nothing from the corpora is written into the repository.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
from pathlib import Path

from spacy.tokens import Doc, DocBin

from claimledger.config import Settings
from claimledger.extract.nlp import COMPONENTS, build_nlp
from claimledger.records import RawArticle

ROOT = Path(__file__).resolve().parent.parent
GEO = ROOT.parent / "shared" / "data" / "geo"
CORPORA = ("gwn_dev", "lgl", "geovirus")


def cache_root() -> Path:
    return Path(os.environ.get("CLAIMLEDGER_TRAIN_CACHE", "/tmp/claimledger-train"))


def rows(name: str) -> list[dict]:
    with (GEO / f"{name}.jsonl").open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def gold(row: dict) -> list[dict]:
    """The toponyms eval_places.py scores: those with coordinates."""
    return [t for t in row["toponyms"] if t.get("lat") is not None and t.get("lon") is not None]


def parsed(name: str, nlp=None) -> list[tuple[dict, Doc]]:
    """Every row of corpus ``name`` with its parsed doc (claimledger components not run)."""
    data = rows(name)
    settings = Settings()
    digest = hashlib.sha1((GEO / f"{name}.jsonl").read_bytes()).hexdigest()[:12]
    path = cache_root() / f"geo-{name}-{digest}-{'-'.join(settings.models)}.spacy"
    nlp = nlp or build_nlp(settings.models)
    if path.exists():
        docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
        if len(docs) == len(data):
            return list(zip(data, docs, strict=True))
    from claimledger.clean import clean_article

    texts = [clean_article(RawArticle(uri=r["id"], content=r["text"], media_type="text"), settings).masked
             for r in data]
    disabled = [n for n in COMPONENTS if n in nlp.pipe_names]
    docs = list(nlp.pipe(texts, disable=disabled, batch_size=32))
    path.parent.mkdir(parents=True, exist_ok=True)
    DocBin(store_user_data=False, docs=docs).to_disk(path)
    return list(zip(data, docs, strict=True))


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def score(pairs: list[tuple[dict, list]]) -> dict[str, float]:
    """eval_places.py's figures for ``[(row, places)]`` (places with .span.start/.end/.lat/.lon)."""
    n_pred = n_gold = n_match = 0
    dists: list[float] = []
    for row, places in pairs:
        g_all = gold(row)
        n_pred += len(places)
        n_gold += len(g_all)
        used: set[int] = set()
        for g in g_all:
            for k, p in enumerate(places):
                if k in used or not (p.span.start < g["end"] and g["start"] < p.span.end):
                    continue
                used.add(k)
                n_match += 1
                dists.append(20039.0 if p.lat is None else km(p.lat, p.lon, g["lat"], g["lon"]))
                break
    prec = n_match / n_pred if n_pred else 0.0
    rec = n_match / n_gold if n_gold else 0.0
    a161 = sum(d <= 161 for d in dists) / len(dists) if dists else 0.0
    return {"precision": prec, "recall": rec, "acc161": a161, "matched": n_match, "gold": n_gold}
