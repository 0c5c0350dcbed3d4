"""The ledger: append-only, idempotent, provenance kept, copies stored as pointers."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from claimledger.errors import LedgerError
from claimledger.ledger import Ledger
from claimledger.records import Claim, CleanArticle, Extraction, Figure, Flag, Span, Totals

TEXT = "Police said that 12 people were killed.\nOfficials said 15 people were killed."


def _extraction(text: str = TEXT, uri: str = "a.txt", outlet: str = "Herald") -> Extraction:
    f1 = Figure(Span.of(text, 17, 19), "killed", 12, 12, "exact", subject=Span.of(text, 20, 26), claim=0)
    f2 = Figure(Span.of(text, 55, 57), "killed", 15, 15, "exact", subject=Span.of(text, 58, 64), claim=1)
    claims = (
        Claim(Span.of(text, 0, 6), Span.of(text, 7, 11), (Span.of(text, 12, 38),), figures=(0,)),
        Claim(Span.of(text, 40, 49), Span.of(text, 50, 54), (Span.of(text, 55, 76),), figures=(1,)),
    )
    return Extraction(CleanArticle(uri=uri, text=text, outlet=outlet), claims, (f1, f2), (),
                      (Flag("contradiction", (0, 1), "Police and officials disagree on the toll."),),
                      Totals(killed=15))


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def ledger(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Ledger]:
    """The same tests on SQLite and, when a server is given, on a fresh PostgreSQL database."""
    if request.param == "sqlite":
        yield Ledger(tmp_path / "ledger.db")
        return
    url = os.environ.get("CLAIMLEDGER_TEST_PG_URL")
    if not url:
        pytest.skip("no PostgreSQL server: export CLAIMLEDGER_TEST_PG_URL=$(scripts/start-postgres.sh)")
    name = f"cl_test_{secrets.token_hex(6)}"
    admin = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f"CREATE DATABASE {name}"))
    led = Ledger(url.rsplit("/", 1)[0] + "/" + name)
    yield led
    led.engine.dispose()
    with admin.connect() as conn:
        conn.execute(sa.text(f"DROP DATABASE {name}"))
    admin.dispose()


def test_append_keeps_offsets_and_links(ledger: Ledger) -> None:
    res = ledger.append(_extraction(), TEXT)
    assert res.status == "stored"
    entries = ledger.figure_entries()
    assert [(e.low, e.source, e.outlet) for e in entries] == [(12, "Police", "Herald"), (15, "Officials", "Herald")]
    art = ledger.article(res.article_id)
    assert art is not None
    assert art["text"][entries[0].start:entries[0].end] == entries[0].span_text == "12"
    (flag,) = ledger.flags()
    assert set(flag["figure_ids"]) == {e.id for e in entries}


def test_same_input_twice_is_stored_once(ledger: Ledger) -> None:
    first = ledger.append(_extraction(), TEXT)
    again = ledger.append(_extraction(), TEXT)
    assert again.status == "already stored" and again.article_id == first.article_id
    assert ledger.count("articles") == 1 and ledger.count("figures") == 2


def test_copy_with_other_layout_points_at_original(ledger: Ledger) -> None:
    first = ledger.append(_extraction(), TEXT)
    other = TEXT.replace("\n", "\n\n")
    res = ledger.append(_extraction(other, uri="b.txt", outlet="Courier"), other)
    assert res.status == "copy" and res.duplicate_of == first.article_id
    assert ledger.count("figures") == 2  # the copy's claims count once
    assert [c["outlet"] for c in ledger.copies()[first.article_id]] == ["Courier"]


@pytest.mark.parametrize("sql", ["UPDATE figures SET low = 1", "DELETE FROM figures", "DELETE FROM articles",
                                 "UPDATE articles SET outlet = 'x'"])
def test_update_and_delete_are_refused(ledger: Ledger, sql: str) -> None:
    ledger.append(_extraction(), TEXT)
    with pytest.raises(sa.exc.DBAPIError, match="append-only"), ledger.engine.begin() as conn:
        conn.execute(sa.text(sql))
    assert ledger.count("figures") == 2 and ledger.count("articles") == 1


@pytest.mark.parametrize("sql", [
    "INSERT OR REPLACE INTO flags (id, article_id, kind, figure_ids, reason) VALUES (1, 1, 'x', '[]', 'rewritten')",
    "REPLACE INTO articles (id, raw_hash, body_hash, uri, text, removed, ingested_at) "
    "VALUES (1, 'h', 'b', 'u', 'FORGED', '[]', 'now')",
])
def test_replace_is_refused_on_sqlite(tmp_path: Path, sql: str) -> None:
    led = Ledger(tmp_path / "r.db")
    led.append(_extraction(), TEXT)
    with pytest.raises(sa.exc.DBAPIError, match="append-only"), led.engine.begin() as conn:
        conn.execute(sa.text(sql))
    assert led.article(1)["text"] == TEXT and [f["reason"] for f in led.flags()][0].startswith("Police")


def test_same_text_from_another_outlet_is_a_copy(ledger: Ledger) -> None:
    first = ledger.append(_extraction(), TEXT)
    res = ledger.append(_extraction(uri="courier.txt", outlet="Courier"), TEXT)
    assert res.status == "copy" and res.duplicate_of == first.article_id


def test_same_page_with_a_new_nonce_is_already_stored(ledger: Ledger) -> None:
    first = ledger.append(_extraction(), "<html>nonce 1 " + TEXT)
    again = ledger.append(_extraction(), "<html>nonce 2 " + TEXT)
    assert again.status == "already stored" and again.article_id == first.article_id
    assert ledger.count("articles") == 1


def test_missing_ledger_is_not_created_when_reading(tmp_path: Path) -> None:
    with pytest.raises(LedgerError, match="no ledger"):
        Ledger(tmp_path / "typo.db", create=False)
    assert not (tmp_path / "typo.db").exists()


def test_unopenable_ledger_is_a_one_line_error(tmp_path: Path) -> None:
    bad = tmp_path / "not.db"
    bad.write_bytes(b"this is not a database file at all" * 100)
    with pytest.raises(LedgerError, match="cannot open") as err:
        Ledger(bad)
    assert "\n" not in str(err.value)


def test_reopen_migrates_once(tmp_path: Path) -> None:
    Ledger(tmp_path / "l.db").append(_extraction(), TEXT)
    again = Ledger(tmp_path / "l.db")
    assert again.count("articles") == 1


def test_migrations_match_the_schema(tmp_path: Path) -> None:
    """The Alembic revisions build exactly the tables that schema.py declares."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from claimledger.ledger.schema import FTS_TABLE, metadata

    def ours(obj, name, type_, reflected, compare_to) -> bool:  # the FTS5 index and its shadow tables are derived
        return not (type_ == "table" and name.startswith(FTS_TABLE))

    led = Ledger(tmp_path / "m.db")
    with led.engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn, opts={"include_object": ours}), metadata)
    assert diffs == []


def test_claim_certainty_is_stored(ledger: Ledger) -> None:
    ledger.append(_extraction(), TEXT)
    assert [c["certainty"] for c in ledger.claims()] == ["asserted", "asserted"]


def test_upgrade_from_first_revision_keeps_rows(tmp_path: Path) -> None:
    from alembic import command
    from alembic.config import Config

    from claimledger.ledger.store import MIGRATIONS, make_engine

    engine = make_engine(str(tmp_path / "old.db"))
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
        conn.execute(sa.text("INSERT INTO articles (raw_hash, body_hash, uri, text, removed, ingested_at) "
                             "VALUES ('r', 'b', 'old.txt', 'x', '[]', 'now')"))
    led = Ledger(engine=engine)
    assert led.count("articles") == 1 and led.claims() == []
    led.append(_extraction(), TEXT)
    assert {c["certainty"] for c in led.claims()} == {"asserted"}


def test_one_original_per_body(ledger: Ledger) -> None:
    """What two racing ingests of one story would do: the second original insert is refused."""
    from claimledger.ledger.store import body_identity

    ex = _extraction()
    body = body_identity(ex.article)
    ledger._write(lambda conn: ledger._insert_article(conn, ex, "raw-1", body, None, None))
    with pytest.raises(LedgerError):
        ledger._write(lambda conn: ledger._insert_article(conn, ex, "raw-2", body, None, None))
    res = ledger.append(_extraction(uri="racer.txt", outlet="Other"), TEXT)
    assert res.status == "copy"


def test_stub_bodies_are_told_apart_by_their_titles(ledger: Ledger) -> None:
    """Two pages whose body is only furniture are two stories, not copies of each other."""
    stub = "You are the owner of this article."
    first = Extraction(CleanArticle(uri="a.html", text=stub, title="Man shot on Elm Street"))
    second = Extraction(CleanArticle(uri="b.html", text=stub, title="Two hurt in crash on Route 9"))
    assert ledger.append(first, stub).status == "stored"
    assert ledger.append(second, stub).status == "stored"
