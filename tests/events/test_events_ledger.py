"""Events across articles, end to end: ingest invented reports, read the events back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from claimledger.cli import app
from claimledger.config import Settings
from claimledger.records import EventQuery
from claimledger.service import Service

DALTON_1 = ("DALTON, Ga. — Two men were killed and three other people were wounded in a shooting outside "
            "the Crescent Lounge on Walnut Avenue early Saturday, Dalton police said.\n"
            "Police Chief Marla Benning said officers found the victims in the parking lot. The wounded "
            "were taken to Hamilton Medical Center.\n"
            "The victims were identified as Darnell Okafor, 24, and Luis Membreno, 31.")
DALTON_2 = ("Dalton police on Sunday identified the two men killed in a shooting at the Crescent Lounge "
            "on Walnut Avenue as Darnell Okafor and Luis Membreno.\n"
            "Three other people were wounded in the shooting early Saturday, Chief Marla Benning said. "
            "No arrests have been made.")
DALTON_LATER = ("DALTON, Ga. — A man was shot and killed Thursday night in a home on Tibbs Road, Dalton "
                "police said.\nOfficers found Kevin Strand, 45, inside the house. Police said a suspect, "
                "Ray Pettit, was arrested at the scene.")
ROME_SAME_DAY = ("ROME, Ga. — One man was killed and two others were wounded in a shooting on Saturday "
                 "at a gas station on Shorter Avenue, Rome police said.\nThe victim was identified as "
                 "Terrence Vail, 29.")
PARTS = ("MIAMI — Eight people were shot at a park on Monday, Miami police said.\n"
         "Fire rescue crews took six people with gunshot wounds to the hospital. Two others were treated "
         "on the scene and released. One victim, a 17-year-old girl, was critically injured.")
TOLL_1 = ("BALTIMORE — Four people were killed in a shooting at a warehouse on Pratt Street on Monday "
          "morning, police said.")
TOLL_2 = ("BALTIMORE — The death toll in Monday's shooting at a warehouse on Pratt Street rose to "
          "seven, police said on Tuesday.")


def _jsonl(path: Path, rows: list[dict]) -> str:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return str(path)


def _ingest(tmp_path: Path, rows: list[dict], name: str = "ledger.db") -> Service:
    service = Service(Settings.from_options(db=str(tmp_path / name)))
    outcomes = list(service.ingest([_jsonl(tmp_path / f"{name}.jsonl", rows)]))
    assert all(o.status in ("stored", "copy", "already stored") for o in outcomes), outcomes
    return service


def _events_of(service: Service, query: EventQuery | None = None) -> dict[str, set[str]]:
    return {e.id: {a.rsplit("#", 1)[-1] for a in e.articles} for e in service.events(query)}


@pytest.fixture(scope="module")
def dalton(tmp_path_factory: pytest.TempPathFactory) -> Service:
    rows = [
        {"id": "d1", "text": DALTON_1, "published": "2024-06-08", "outlet": "Dalton Daily Citizen"},
        {"id": "r1", "text": ROME_SAME_DAY, "published": "2024-06-08", "outlet": "Rome News-Tribune"},
        {"id": "d2", "text": DALTON_2, "published": "2024-06-09", "outlet": "WRCB Channel 3"},
        {"id": "d3", "text": DALTON_LATER, "published": "2024-06-21", "outlet": "Dalton Daily Citizen"},
    ]
    return _ingest(tmp_path_factory.mktemp("dalton"), rows)


def test_one_event_told_by_two_outlets(dalton: Service) -> None:
    groups = sorted(_events_of(dalton).values(), key=sorted)
    assert {"d1", "d2"} in groups
    ev = next(e for e in dalton.events() if len(e.articles) == 2)
    assert ev.place is not None and ev.place.name == "Dalton" and ev.place.iso3166_2 == "US-GA"
    assert ev.date == "2024-06-08"  # 'early Saturday' against a Saturday publication
    killed = ev.measures["killed"]
    assert (killed.low, killed.best, killed.high) == (2, 2, 2)
    assert killed.sources == 2 and killed.grade == "corroborated"
    assert ev.measures["injured"].best == 3


def test_two_shootings_in_one_city_on_different_days_are_two_events(dalton: Service) -> None:
    groups = _events_of(dalton).values()
    assert {"d3"} in groups


def test_the_same_day_in_two_cities_is_two_events(dalton: Service) -> None:
    groups = _events_of(dalton).values()
    assert {"r1"} in groups
    rome = next(e for e in dalton.events() if any(a.endswith("#r1") for a in e.articles))
    assert rome.place is not None and rome.place.name == "Rome"


def test_partial_counts_are_not_flagged(tmp_path: Path) -> None:
    service = _ingest(tmp_path, [{"id": "p", "text": PARTS, "published": "2024-01-16", "outlet": "WSVN"}])
    (ev,) = service.events()
    assert ev.measures["injured"].best == 8
    assert not [f for f in ev.flags if f.kind == "contradiction"]


def test_a_rising_toll_is_an_update_not_a_contradiction(tmp_path: Path) -> None:
    rows = [{"id": "t1", "text": TOLL_1, "published": "2024-03-04", "outlet": "Baltimore Sun"},
            {"id": "t2", "text": TOLL_2, "published": "2024-03-05", "outlet": "WBAL"}]
    service = _ingest(tmp_path, rows)
    (ev,) = service.events()
    killed = ev.measures["killed"]
    assert (killed.low, killed.best, killed.high) == (4, 7, 7)
    kinds = [f.kind for f in ev.flags]
    assert "update" in kinds and "contradiction" not in kinds


def test_as_of_shows_what_the_ledger_knew_then(tmp_path: Path) -> None:
    rows = [{"id": "t1", "text": TOLL_1, "published": "2024-03-04", "outlet": "Baltimore Sun"},
            {"id": "t2", "text": TOLL_2, "published": "2024-03-05", "outlet": "WBAL"}]
    service = _ingest(tmp_path, rows)
    (then,) = service.events(EventQuery(as_of="2024-03-04"))
    assert then.measures["killed"].best == 4 and len(then.articles) == 1
    assert service.events(EventQuery(as_of="2024-03-01")) == []
    res = CliRunner().invoke(app, ["events", "--db", str(tmp_path / "ledger.db"), "--jsonl", "--as-of", "2024-03-04"])
    assert res.exit_code == 0, res.output
    (line,) = [json.loads(x) for x in res.stdout.splitlines() if x.startswith("{")]
    assert line["measures"]["killed"]["best"] == 4


def test_a_decision_survives_reingest(tmp_path: Path) -> None:
    rows = [{"id": "t1", "text": TOLL_1, "published": "2024-03-04", "outlet": "Baltimore Sun"}]
    service = _ingest(tmp_path, rows)
    (ev,) = service.events()
    service.decide(ev.id, "set_best", {"measure": "killed", "value": 5}, "coroner's list", "analyst")
    more = rows + [{"id": "t2", "text": TOLL_2, "published": "2024-03-05", "outlet": "WBAL"}]
    again = _ingest(tmp_path, more)
    (ev2,) = again.events()
    assert ev2.id == ev.id and len(ev2.articles) == 2
    assert ev2.measures["killed"].best == 5 and ev2.measures["killed"].adjudicated
    assert ev2.machine is not None and ev2.machine["measures"]["killed"]["best"] == 7


def test_detach_and_merge(dalton: Service, tmp_path: Path) -> None:
    rows = [{"id": "t1", "text": TOLL_1, "published": "2024-03-04", "outlet": "Baltimore Sun"},
            {"id": "t2", "text": TOLL_2, "published": "2024-03-05", "outlet": "WBAL"}]
    service = _ingest(tmp_path, rows)
    (ev,) = service.events()
    service.decide(ev.id, "detach", {"article": ev.article_ids[1]}, "a different warehouse", "analyst")
    assert len(service.events()) == 2
    a, b = service.events()
    service.decide(a.id, "merge", {"event": b.id}, "it was the same warehouse after all", "analyst")
    (merged,) = service.events()
    assert len(merged.articles) == 2


def test_rest_writes_need_the_token(tmp_path: Path) -> None:
    rows = [{"id": "t1", "text": TOLL_1, "published": "2024-03-04", "outlet": "Baltimore Sun"}]
    _ingest(tmp_path, rows)
    body = {"action": "set_best", "target": {"measure": "killed", "value": 5}, "note": "n", "author": "a"}
    from claimledger.api.app import create_app

    open_settings = Settings.from_options(db=str(tmp_path / "ledger.db"))
    closed = TestClient(create_app(open_settings, Service(open_settings, create_ledger=False)))
    assert closed.post("/api/events/1/decisions", json=body).status_code == 403  # no token configured
    settings = Settings.from_options(db=str(tmp_path / "ledger.db"), token="s3cret")
    client = TestClient(create_app(settings, Service(settings, create_ledger=False)))
    assert client.post("/api/events/1/decisions", json=body).status_code == 401
    assert client.post("/api/events/1/decisions", json=body,
                       headers={"Authorization": "Bearer wrong"}).status_code == 401
    ok = client.post("/api/events/1/decisions", json=body, headers={"Authorization": "Bearer s3cret"})
    assert ok.status_code == 201
    assert client.get("/api/events/1").json()["measures"]["killed"]["best"] == 5
    listed = client.get("/api/events", params={"measure": "killed"}).json()
    assert listed["next"] is None and [e["id"] for e in listed["events"]] == ["1"]
