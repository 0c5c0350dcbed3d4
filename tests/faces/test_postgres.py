"""The query layer and the stored event views on PostgreSQL (full text through to_tsvector):
the same answers as computing every event, every resource's page and its filters valid SQL."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from claimledger.config import Settings
from claimledger.events import view_events
from claimledger.records import EventQuery, Query
from claimledger.service import Service
from tests.faces.conftest import ROWS, write_jsonl

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def pg_service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    url = os.environ.get("CLAIMLEDGER_TEST_PG_URL")
    if not url:
        pytest.skip("no PostgreSQL server: export CLAIMLEDGER_TEST_PG_URL=$(scripts/start-postgres.sh)")
    name = f"cl_faces_{secrets.token_hex(6)}"
    admin = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f"CREATE DATABASE {name}"))
    service = Service(Settings.from_options(db=url.rsplit("/", 1)[0] + "/" + name))
    tmp: Path = tmp_path_factory.mktemp("pg")
    assert {o.status for o in service.ingest([write_jsonl(tmp / "in.jsonl", ROWS)])} <= {"stored", "copy"}
    yield service
    service.ledger.engine.dispose()
    with admin.connect() as conn:
        conn.execute(sa.text(f"DROP DATABASE {name}"))
    admin.dispose()


def test_stored_views_match_computing_on_postgresql(pg_service: Service) -> None:
    first = pg_service.events()[0]
    pg_service.decide(first.id, "set_best", {"measure": "killed", "value": 9}, "check", "ana")
    for query in (EventQuery(), EventQuery(place="KE"), EventQuery(measure="injured"), EventQuery(as_of="2024-04-01")):
        computed = view_events(pg_service.ledger.event_members(), pg_service.ledger.decisions(), query)
        assert [e.to_dict() for e in pg_service.events(query)] == [e.to_dict() for e in computed]


@pytest.mark.parametrize("resource", ["events", "figures", "claims", "claimants", "articles", "places", "flags"])
def test_every_resource_pages_and_filters_on_postgresql(pg_service: Service, resource: str) -> None:
    whole = pg_service.page(resource, Query(limit=1000)).rows
    assert whole
    rows, query = [], Query(limit=2)
    while True:
        page = pg_service.page(resource, query)
        rows += page.rows
        if page.next is None:
            break
        query = Query(limit=2, after=page.next)
    assert rows == whole
    for q in (Query(q="warehouse"), Query(place="us"), Query(outlet="WBAL"), Query(claimant="police"),
              Query(since="2024-03-01", until="2024-06-30"), Query(measure="killed", sort=None, desc=True)):
        pg_service.page(resource, q)  # valid SQL on PostgreSQL
    if resource == "articles":
        hits = pg_service.page("articles", Query(q="warehouse")).rows
        assert hits and all("Pratt" in (pg_service.ledger.article(r["id"]) or {})["text"] for r in hits)
