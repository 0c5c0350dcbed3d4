"""Two processes opening one new ledger at the same moment both get a migrated ledger: the
migration is locked (SQLite: BEGIN IMMEDIATE; PostgreSQL: an advisory lock), never raced.

``make test`` runs a few pairs; ``scripts/reliability.sh race`` runs 20 (CLAIMLEDGER_RACE_PAIRS).
"""

from __future__ import annotations

import json
import multiprocessing as mp
import os
import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import sqlalchemy as sa

from claimledger.errors import LedgerError
from claimledger.ledger import Ledger

PAIRS = int(os.environ.get("CLAIMLEDGER_RACE_PAIRS", "4"))
REPORT = os.environ.get("CLAIMLEDGER_RELIABILITY_REPORT")


def _open(url: str, barrier, results) -> None:  # noqa: ANN001 - multiprocessing primitives
    barrier.wait()
    try:
        Ledger(url).count("articles")
        results.put("ok")
    except LedgerError as exc:
        results.put(str(exc))


def race(url: str) -> list[str]:
    """Open ``url`` from two forked processes released at once; what each said."""
    ctx = mp.get_context("fork")
    barrier, results = ctx.Barrier(2), ctx.Queue()
    procs = [ctx.Process(target=_open, args=(url, barrier, results)) for _ in range(2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    return [results.get(timeout=5) for _ in procs]


@contextmanager
def _sqlite(tmp_path: Path) -> Iterator[Callable[[int], str]]:
    yield lambda n: f"sqlite:///{tmp_path / f'new{n}.db'}"


@contextmanager
def _postgres(_: Path) -> Iterator[Callable[[int], str]]:
    url = os.environ.get("CLAIMLEDGER_TEST_PG_URL")
    if not url:
        pytest.skip("no PostgreSQL server: export CLAIMLEDGER_TEST_PG_URL=$(scripts/start-postgres.sh)")
    admin = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    names: list[str] = []

    def new(_: int) -> str:
        names.append(f"cl_race_{secrets.token_hex(6)}")
        with admin.connect() as conn:
            conn.execute(sa.text(f"CREATE DATABASE {names[-1]}"))
        return url.rsplit("/", 1)[0] + "/" + names[-1]

    try:
        yield new
    finally:
        with admin.connect() as conn:
            for name in names:
                conn.execute(sa.text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_concurrent_first_opens_never_fail(tmp_path: Path, backend: str) -> None:
    with (_sqlite if backend == "sqlite" else _postgres)(tmp_path) as new_url:
        failures = []
        for n in range(PAIRS):
            url = new_url(n)
            failures += [said for said in race(url) if said != "ok"]
            assert Ledger(url).count("articles") == 0
    if REPORT:
        with open(REPORT, "a", encoding="utf-8") as fh:
            fh.write(json.dumps({"suite": f"first-open-{backend}", "pairs": PAIRS, "failures": len(failures)}) + "\n")
    assert failures == []


def test_a_ledger_at_the_newest_revision_is_opened_without_the_write_lock(tmp_path: Path) -> None:
    """report and serve open a ledger an ingest may be writing to: no lock needed, none taken."""
    url = f"sqlite:///{tmp_path / 'l.db'}"
    Ledger(url)
    writer = sa.create_engine(url)
    with writer.connect() as conn:
        conn.exec_driver_sql("BEGIN IMMEDIATE")  # another process holds the write lock
        Ledger(url).count("articles")
        conn.rollback()
    writer.dispose()


def test_wal_is_set_once_the_other_opener_lets_go(tmp_path: Path) -> None:
    """A journal-mode change answers "locked" at once while another connection holds a new
    file; the first open waits for it instead of failing (the race above, made certain)."""
    import sqlite3
    import threading

    from claimledger.ledger.store import _set_wal

    path = tmp_path / "held.db"
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN EXCLUSIVE")
    other = sqlite3.connect(path, isolation_level=None, timeout=0)
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        other.execute("PRAGMA journal_mode=WAL")  # what a bare first open met
    threading.Timer(0.3, lambda: holder.execute("COMMIT")).start()
    _set_wal(other.cursor())
    assert other.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    holder.close()
    other.close()
