"""Invented articles for the crash and concurrency suites, and a ledger snapshot to compare runs.

The articles are made up from the word lists below (no dataset text). Every sentence carries a
name and a number of its own, so no two articles share a line (outlet furniture is not learned
from them) and extraction does not depend on the order they are stored in; every 10th article
is a verbatim copy of an earlier one under another outlet, so copies are exercised too.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa

FIRST = ("Amina", "Boris", "Chen", "Dara", "Elif", "Femi", "Goran", "Hana", "Ivo", "Jana", "Kofi", "Lena")
LAST = ("Okafor", "Petrov", "Quispe", "Rahman", "Silva", "Tanaka", "Umar", "Vega", "Weiss", "Yilmaz")
ROLES = ("police spokesman", "health minister", "regional governor", "hospital director", "army colonel")
PLACES = ("Leeds", "Mwanza", "Kharkiv", "Austin", "Lagos", "Odesa", "Quito", "Dhaka", "Lyon", "Perth")
EVENTS = ("were killed", "were injured", "died", "were arrested", "are missing", "were displaced")
CUES = ("said", "told reporters", "confirmed", "said on Monday", "claimed")
OUTLETS = ("Northern Wire", "Lake Herald", "Steppe Daily", "River Post", "Coast Times")
ARTICLES = int(os.environ.get("CLAIMLEDGER_CRASH_ARTICLES", "24"))  # the corpus the suites ingest
SEED = int(os.environ.get("CLAIMLEDGER_CRASH_SEED", "12"))


def invented_articles(n: int, seed: int = 12) -> list[dict[str, Any]]:
    """``n`` JSONL records {id, outlet, published, title, text}."""
    rng = random.Random(seed)
    out: list[dict[str, Any]] = []
    for i in range(n):
        if i % 10 == 9 and out:
            src = out[rng.randrange(len(out))]
            outlet = next(o for o in OUTLETS if o != src["outlet"])
            out.append({**src, "id": f"a{i:05d}", "outlet": outlet})
            continue
        paras = [" ".join(_sentence(rng, i, k, j) for j in range(rng.randint(1, 3))) for k in range(rng.randint(2, 6))]
        out.append({"id": f"a{i:05d}", "outlet": rng.choice(OUTLETS),
                    "published": f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}",
                    "title": f"Report {i} from {rng.choice(PLACES)}", "text": "\n\n".join(paras)})
    return out


def _sentence(rng: random.Random, i: int, k: int, j: int) -> str:
    who = f"{rng.choice(FIRST)} {rng.choice(LAST)}-{i}-{k}-{j}"
    return (f"{who}, the {rng.choice(ROLES)}, {rng.choice(CUES)} that {rng.randint(2, 900)} people "
            f"{rng.choice(EVENTS)} in {rng.choice(PLACES)}.")


def write_corpus(folder: Path, n: int, seed: int = 12) -> Path:
    path = folder / f"corpus-{n}-{seed}.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in invented_articles(n, seed)), encoding="utf-8")
    return path


def cli(*args: str) -> list[str]:
    """The command line of ``claimledger`` in this interpreter's environment."""
    return [sys.executable, "-c", "from claimledger.cli import main; main()", *args]


@dataclass
class Run:
    """One finished ingest: exit code, outcomes (JSON lines) and when each came, from the start."""

    code: int
    outcomes: list[dict[str, Any]]
    times: list[float]


def ingest(corpus: Path, db: Path, env: dict[str, str] | None = None) -> Run:
    """``claimledger ingest corpus --db db --jsonl`` to the end, timing each outcome."""
    started = time.monotonic()
    proc = subprocess.Popen(cli("ingest", str(corpus), "--db", str(db), "--jsonl"), stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True, env={**os.environ, **(env or {})})
    outcomes, times = [], []
    assert proc.stdout is not None
    for line in proc.stdout:
        outcomes.append(json.loads(line))
        times.append(time.monotonic() - started)
    return Run(proc.wait(), outcomes, times)


@dataclass
class CleanRun:
    """The corpus, its clean ingest, and the snapshot of the ledger that ingest made."""

    corpus: Path
    run: Run
    stored: dict[str, dict[str, Any]]


def snapshot(db: Path) -> dict[str, dict[str, Any]]:
    """Everything stored, keyed by input identity (raw_hash), without ids or ingest times: two
    ledgers holding the same inputs the same way give equal snapshots."""
    engine = sa.create_engine(f"sqlite:///{db}")
    with engine.connect() as conn:
        arts = [dict(r._mapping) for r in conn.execute(sa.text("SELECT * FROM articles ORDER BY id"))]
        by_id = {a["id"]: a["raw_hash"] for a in arts}
        children = {t: _rows(conn, t) for t in ("claims", "figures", "places", "flags")}
    engine.dispose()
    out: dict[str, dict[str, Any]] = {}
    for a in arts:
        key = a["raw_hash"]
        assert key not in out, f"input stored twice: {a['uri']}"
        row = {k: v for k, v in a.items() if k not in ("id", "ingested_at", "duplicate_of")}
        row["copy_of"] = by_id.get(a["duplicate_of"])
        for table, rows in children.items():
            row[table] = [{k: v for k, v in r.items() if k != "article_id"} for r in rows if r["article_id"] == a["id"]]
        out[key] = row
    return out


def _rows(conn: sa.Connection, table: str) -> list[dict[str, Any]]:
    """A table's rows without the ids that differ between runs (article, claim and place ids
    are replaced by positions; figure ids in flags by positions in the article)."""
    rows = [dict(r._mapping) for r in conn.execute(sa.text(f"SELECT * FROM {table} ORDER BY id"))]  # noqa: S608
    if table == "figures":
        claims = {r.id: r.idx for r in conn.execute(sa.text("SELECT id, idx FROM claims"))}
        places = {r.id: r.idx for r in conn.execute(sa.text("SELECT id, idx FROM places"))}
        for r in rows:
            r["claim_id"], r["place_id"] = claims.get(r["claim_id"]), places.get(r["place_id"])
    if table == "flags":
        figures = {r.id: r.idx for r in conn.execute(sa.text("SELECT id, idx FROM figures"))}
        for r in rows:
            r["figure_ids"] = [figures.get(f) for f in json.loads(r["figure_ids"])]
    for r in rows:
        r.pop("id", None)
    return rows


def compare(clean: dict[str, dict[str, Any]], other: dict[str, dict[str, Any]]) -> dict[str, int]:
    """Inputs lost, added, and stored differently (partial or otherwise) against the clean run;
    plus story bodies stored as more than one original."""
    originals: dict[str, int] = {}
    for row in other.values():
        if row["copy_of"] is None:
            originals[row["body_hash"]] = originals.get(row["body_hash"], 0) + 1
    return {
        "lost": len(clean.keys() - other.keys()),
        "extra": len(other.keys() - clean.keys()),
        "different": sum(1 for k in clean.keys() & other.keys() if clean[k] != other[k]),
        "duplicated": sum(n - 1 for n in originals.values() if n > 1),
    }
