"""Shared by the event trainers and experiments: the longtail dev corpus as eval_events.py builds
it (same ids, order and outlets), extracted once and cached in a pickle outside the repository.

The texts are read from ../shared/data at run time and never written into the repository.
"""

from __future__ import annotations

import json
import os
import pickle
import random
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CACHE = Path(os.environ.get("CLAIMLEDGER_TRAIN_CACHE", "/tmp/claimledger-train"))


def longtail(seed: int = 13) -> tuple[list[dict], list[dict], dict[str, set[str]]]:
    """(incidents, corpus rows, article id -> gold incident ids), as eval_events.py builds them."""
    sys.path.insert(0, str(SHARED / "eval"))
    from eval_events import build_corpus  # noqa: PLC0415 - the scorer's own code

    incidents = [json.loads(x) for x in (SHARED / "data/longtail/dev.jsonl").open(encoding="utf-8")]
    random.Random(seed).shuffle(incidents)
    incidents = [i for i in incidents if i["articles"]]
    corpus, gold_of = build_corpus(incidents, seed)
    return incidents, corpus, gold_of


def extract_corpus(rows: list[dict], name: str) -> list:
    """Clean and extract every row (text, title, published, outlet) once; cached by ``name``."""
    path = CACHE / f"{name}.pkl"
    if path.exists():
        return pickle.loads(path.read_bytes())
    from claimledger.clean import OutletLines, clean_article
    from claimledger.config import Settings
    from claimledger.records import RawArticle
    from claimledger.service import Service

    svc = Service(Settings())
    lines = OutletLines()
    arts = []
    for row in rows:
        raw = RawArticle(uri=row["id"], content=row["text"], media_type="text", outlet=row.get("outlet"),
                         published=date.fromisoformat(row["published"]) if row.get("published") else None,
                         url=row.get("url"), title=row.get("title"))
        art = clean_article(raw, svc.settings, lines)
        lines.learn(art.outlet, art.text)
        arts.append(art)
    out = list(svc.extract_articles(arts))
    CACHE.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pickle.dumps(out))
    return out
