"""Stored event state (``event_views``): what the service reads from stored views is exactly what
computing every event from the ledger gives, decisions and ``as_of`` included; pages in every
sort are the whole list in order; stale and missing views are computed again."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlalchemy as sa

from claimledger.config import Settings
from claimledger.events import view_events
from claimledger.ledger import schema
from claimledger.records import EventQuery, EventViewer, Query
from claimledger.service import Service, event_order, sort_value

ROWS = [
    {"id": "d1", "published": "2024-06-08", "outlet": "Dalton Daily Citizen",
     "text": "DALTON, Ga. — Two men were killed and three other people were wounded in a shooting outside the "
             "Crescent Lounge on Walnut Avenue early Saturday, Dalton police said."},
    {"id": "r1", "published": "2024-06-08", "outlet": "Rome News-Tribune",
     "text": "ROME, Ga. — One man was killed and two others were wounded in a shooting on Saturday at a gas "
             "station on Shorter Avenue, Rome police said."},
    {"id": "d2", "published": "2024-06-09", "outlet": "WRCB Channel 3",
     "text": "Dalton police on Sunday identified the two men killed in a shooting at the Crescent Lounge on "
             "Walnut Avenue.\nThree other people were wounded in the shooting early Saturday, Chief Marla "
             "Benning said."},
    {"id": "t1", "published": "2024-03-04", "outlet": "Baltimore Sun",
     "text": "BALTIMORE — Four people were killed in a shooting at a warehouse on Pratt Street on Monday "
             "morning, police said."},
    {"id": "t2", "published": "2024-03-05", "outlet": "WBAL",
     "text": "BALTIMORE — The death toll in Monday's shooting at a warehouse on Pratt Street rose to seven, "
             "police said on Tuesday."},
    {"id": "t2copy", "published": "2024-03-05", "outlet": "Wire Service",
     "text": "BALTIMORE — The death toll in Monday's shooting at a warehouse on Pratt Street rose to seven, "
             "police said on Tuesday.\nFollow us for more news."},
    {"id": "m1", "published": "2024-01-16", "outlet": "WSVN",
     "text": "MIAMI — Eight people were shot at a park on Monday, Miami police said. Two others were treated "
             "on the scene and released."},
    {"id": "k1", "published": "2024-05-02",
     "text": "A bus overturned near Kisumu on Wednesday, killing 12 passengers, police said."},
]

QUERIES = [EventQuery(), EventQuery(measure="killed"), EventQuery(measure="injured"), EventQuery(place="US-GA"),
           EventQuery(place="dalton"), EventQuery(place="US"), EventQuery(since="2024-03-01"),
           EventQuery(until="2024-06-08", since="2024-03-04"), EventQuery(machine=True),
           EventQuery(as_of="2024-03-04"), EventQuery(as_of="2024-06-08", measure="killed")]


def _write(path: Path, rows: list[dict]) -> str:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return str(path)


def _computed(service: Service, query: EventQuery) -> list[dict]:
    """Every event computed from the ledger on this call (what Service.events did before stored views)."""
    decisions = [] if query.machine else service.ledger.decisions()
    return [e.to_dict() for e in view_events(service.ledger.event_members(), decisions, query)]


@pytest.fixture(scope="module")
def ledger_service(tmp_path_factory: pytest.TempPathFactory) -> Service:
    tmp = tmp_path_factory.mktemp("views")
    service = Service(Settings.from_options(db=str(tmp / "l.db")))
    outcomes = list(service.ingest([_write(tmp / "in.jsonl", ROWS)]))
    assert {o.status for o in outcomes} <= {"stored", "copy"}, outcomes
    assert any(o.status == "copy" for o in outcomes)
    return service


def _decide(service: Service) -> None:
    evs = service.events()
    toll = next(e for e in evs if any(a.endswith("#t1") for a in e.articles))
    dalton = next(e for e in evs if any(a.endswith("#d1") for a in e.articles))
    rome = next(e for e in evs if any(a.endswith("#r1") for a in e.articles))
    service.decide(toll.id, "set_best", {"measure": "killed", "value": 6}, "coroner", "ana")
    if toll.flags:
        service.decide(toll.id, "dismiss_flag", {"flag": toll.flags[0].key}, "not a dispute", "ana")
    if len(dalton.article_ids) > 1:
        service.decide(dalton.id, "detach", {"article": dalton.article_ids[-1]}, "another lounge", "ana")
    service.decide(dalton.id, "merge", {"event": rome.id}, "one spree", "ana")


@pytest.mark.parametrize("decided", [False, True], ids=["machine", "decisions"])
def test_stored_views_give_what_computing_gives(ledger_service: Service, decided: bool) -> None:
    if decided and not ledger_service.ledger.decisions():
        _decide(ledger_service)
    for query in QUERIES:
        assert [e.to_dict() for e in ledger_service.events(query)] == _computed(ledger_service, query), query
    for ev in _computed(ledger_service, EventQuery()):
        got = ledger_service.event(ev["id"])
        assert got is not None and got.to_dict() == ev
        then = ledger_service.event(ev["id"], as_of="2024-03-04")
        old = next((e for e in _computed(ledger_service, EventQuery(as_of="2024-03-04")) if e["id"] == ev["id"]), None)
        assert (then.to_dict() if then else None) == old


@pytest.mark.parametrize("sort", ["id", "date", "killed", "injured", "reports", "place"])
@pytest.mark.parametrize("desc", [False, True])
def test_pages_in_every_sort_are_the_whole_list_in_order(ledger_service: Service, sort: str, desc: bool) -> None:
    if not ledger_service.ledger.decisions():
        _decide(ledger_service)
    whole = ledger_service.events()
    expected = sorted(whole, key=lambda e: ((0,) if (v := sort_value(e, sort)) is None else (1, v),
                                            event_order(e.id)), reverse=desc)
    got, query = [], Query(sort=sort, desc=desc, limit=2)
    while True:
        page = ledger_service.page("events", query)
        got += page.rows
        if page.next is None:
            break
        query = Query(sort=sort, desc=desc, limit=2, after=page.next)
    assert got == [e.to_dict() for e in expected]


def test_filters_of_the_query_layer(ledger_service: Service) -> None:
    def ids(**kw: object) -> list[str]:
        return [e["id"] for e in ledger_service.page("events", Query(limit=100, **kw)).rows]  # type: ignore[arg-type]

    everything = ledger_service.events()
    assert ids() == [e.id for e in everything]
    assert ids(kind="shooting") == [e.id for e in everything if e.kind == "shooting"]
    assert ids(outlet="wbal") == [e.id for e in everything if "WBAL" in e.outlets]
    assert ids(q="warehouse Pratt") == [e.id for e in everything if any("#t" in a for a in e.articles)]
    assert ids(q="nonexistentword") == []
    assert ids(measure="killed", place="US") == [e.id for e in everything if e.place and e.place.country == "US"
                                                  and "killed" in e.measures and e.measures["killed"].best is not None]


def test_flags_board_pages(ledger_service: Service) -> None:
    every = [(e.id, f.key) for e in ledger_service.events() for f in e.flags]
    got, query = [], Query(limit=1)
    while True:
        page = ledger_service.page("flags", query)
        got += [(r["event"], r["key"]) for r in page.rows]
        if page.next is None:
            break
        query = Query(limit=1, after=page.next)
    assert got == every
    dismissed = ledger_service.page("flags", Query(status="dismissed")).rows
    assert all(r["status"] == "dismissed" for r in dismissed)


def test_views_are_appended_with_the_filing(tmp_path: Path) -> None:
    service = Service(Settings.from_options(db=str(tmp_path / "l.db")))
    list(service.ingest([_write(tmp_path / "in.jsonl", ROWS[3:6])]))
    led = service.ledger
    assert led.count("event_views") == 3  # one per article filed (the copy too): the newest is current
    with led.engine.begin() as conn, pytest.raises(sa.exc.DBAPIError):
        conn.execute(sa.text("UPDATE event_views SET articles = 0"))


def test_stale_or_missing_views_are_computed_on_first_read(tmp_path: Path) -> None:
    db = str(tmp_path / "l.db")
    service = Service(Settings.from_options(db=db))
    # an older version's views, and none at all for a ledger filed without them (before revision 0006)
    service.viewer = EventViewer("old", service.viewer.view)  # type: ignore[misc]
    list(service.ingest([_write(tmp_path / "in.jsonl", ROWS[:3])]))
    for ex in [r for r in ROWS[6:7]]:
        list(Service(Settings.from_options(db=db)).ingest([_write(tmp_path / "more.jsonl", [ex])]))
    fresh = Service(Settings.from_options(db=db))
    assert set(fresh.ledger.stale_events(fresh.viewer.version)) >= {1}
    assert [e.to_dict() for e in fresh.events()] == _computed(fresh, EventQuery())
    assert fresh.views_ready > 0 and fresh.ledger.stale_events(fresh.viewer.version) == []
    with fresh.ledger.engine.connect() as conn:
        versions = {r[0] for r in conn.execute(sa.select(schema.event_views.c.version))}
    assert versions == {"old", fresh.viewer.version}
