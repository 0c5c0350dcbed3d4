"""The query layer: one data function per resource, its filters, sorts and keyset pages in SQL,
and one route rendering the same page as HTML, JSON and CSV."""

from __future__ import annotations

import csv
import io

import pytest
from fastapi.testclient import TestClient

from claimledger.api.app import create_app
from claimledger.records import Query
from claimledger.service import Service


@pytest.fixture(scope="module")
def client(faces_service: Service) -> TestClient:
    return TestClient(create_app(faces_service.settings, faces_service))


def _all(service: Service, resource: str, **kw: object) -> list[dict]:
    """Every row, a page of 2 at a time (following the cursors)."""
    rows, query = [], Query(limit=2, **kw)  # type: ignore[arg-type]
    while True:
        page = service.page(resource, query)
        rows += page.rows
        if page.next is None:
            return rows
        query = Query(limit=2, after=page.next, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(("resource", "sort"), [("figures", "id"), ("figures", "low"), ("figures", "outlet"),
                                                ("claims", "claimant"), ("articles", "published"),
                                                ("claimants", "claims"), ("places", "name")])
@pytest.mark.parametrize("desc", [False, True])
def test_keyset_pages_are_the_whole_sorted_list(faces_service: Service, resource: str, sort: str, desc: bool) -> None:
    whole = faces_service.page(resource, Query(limit=1000, sort=sort, desc=desc)).rows
    assert _all(faces_service, resource, sort=sort, desc=desc) == whole
    keys = [r.get(sort) for r in whole]
    present = [k for k in keys if k is not None]
    assert present == sorted(present, reverse=desc)
    if None in keys:  # empty values sort lowest: first ascending, last descending
        assert keys.index(None) == (len(keys) - keys.count(None) if desc else 0)


def test_figure_filters(faces_service: Service) -> None:
    every = _all(faces_service, "figures")
    assert {f["measure"] for f in _all(faces_service, "figures", measure="killed")} == {"killed"}
    kenya = _all(faces_service, "figures", place="KE")
    assert kenya and all(f["country"] == "KE" for f in kenya)
    assert _all(faces_service, "figures", place="us-md") == [f for f in every if f["place_iso"] == "US-MD"]
    benning = _all(faces_service, "figures", claimant="benning")
    assert benning and all("Benning" in f["who"] for f in benning)
    assert _all(faces_service, "figures", outlet="wbal") == [f for f in every if f["outlet"] == "WBAL"]
    dated = _all(faces_service, "figures", since="2024-05-01", until="2024-06-30")
    assert dated and all("2024-05-01" <= f["when"] <= "2024-06-30" for f in dated)
    assert {f["article_id"] for f in _all(faces_service, "figures", q="lounge")} == \
        {f["article_id"] for f in every if f["outlet"] in ("Dalton Daily Citizen", "WRCB Channel 3")}


def test_text_search_takes_words_not_syntax(faces_service: Service) -> None:
    assert _all(faces_service, "articles", q='"Pratt AND (') != []  # quotes and operators are only words
    assert _all(faces_service, "articles", q="zebra") == []


def test_claimants_count_their_claims(faces_service: Service) -> None:
    rows = _all(faces_service, "claimants")
    claims = _all(faces_service, "claims")
    assert sum(r["claims"] for r in rows) == sum(1 for c in claims if c["claimant"])
    assert [r["claims"] for r in rows] == sorted((r["claims"] for r in rows), reverse=True)


def test_articles_carry_kind_event_and_copy(faces_service: Service) -> None:
    rows = _all(faces_service, "articles")
    copy = next(r for r in rows if r["duplicate_of"])
    assert copy["event_id"] == next(r for r in rows if r["id"] == copy["duplicate_of"])["event_id"]
    assert {r["kind"] for r in _all(faces_service, "articles", kind="shooting")} == {"shooting"}


def test_one_route_three_renderings(client: TestClient) -> None:
    for resource in ("events", "figures", "claims", "claimants", "articles", "places", "flags"):
        page = client.get(f"/{resource}.json", params={"limit": 3}).json()
        assert page == client.get(f"/api/{resource}", params={"limit": 3}).json()
        rows = list(csv.DictReader(io.StringIO(client.get(f"/{resource}.csv", params={"limit": 3}).text)))
        assert len(rows) == len(page[resource])
        html = client.get(f"/{resource}", params={"limit": 3})
        assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
        if page["next"]:
            assert "after=" in html.text
    assert client.get("/events.xml").status_code == 404


def test_bad_queries_are_client_errors(client: TestClient) -> None:
    assert client.get("/api/figures", params={"sort": "nonsense"}).status_code == 422
    assert client.get("/api/figures", params={"after": "not-a-cursor"}).status_code == 422
    assert client.get("/api/events", params={"since": "March"}).status_code == 422
    assert client.get("/api/events", params={"limit": 5000}).status_code == 422
    assert client.get("/export/events.exe").status_code == 422


def test_event_page_and_api_read_the_same_event(client: TestClient, faces_events: list) -> None:
    ev = faces_events[0]
    assert client.get(f"/api/events/{ev.id}").json() == ev.to_dict()
    page = client.get(f"/events/{ev.id}").text
    assert 'id="sources"' in page and 'id="timeline"' in page
    assert client.get("/events/999999").status_code == 404


def test_article_page_shows_metadata_and_links_evidence(client: TestClient, faces_service: Service) -> None:
    copy = next(r for r in faces_service.rows("articles") if r["duplicate_of"])
    page = client.get(f"/articles/{copy['id']}").text
    assert "a copy of" in page and f'href="/articles/{copy["duplicate_of"]}"' in page
    original = client.get(f"/articles/{copy['duplicate_of']}").text
    assert "copies:" in original and 'id="fig-0"' in original
    art = client.get(f"/api/articles/{copy['duplicate_of']}").json()
    assert {"places", "flags", "copies", "event_id", "original"} <= set(art)


def test_no_inline_script_or_style_anywhere(client: TestClient, faces_events: list) -> None:
    import re

    for path in ("/", "/events", "/map", "/flags", "/figures", "/claims", "/articles", "/places", "/claimants",
                 "/docs", "/report", f"/events/{faces_events[0].id}", "/articles/1"):
        html = client.get(path).text
        assert "<style" not in html and " style=" not in html, path
        for tag in re.findall(r"<script[^>]*>", html):
            assert 'src="/static/' in tag, (path, tag)
        assert re.search(r"<[a-zA-Z][^>]*\son[a-z]+\s*=", html) is None, path  # no handler attributes


def test_report_pages_are_the_whole_report(client: TestClient, faces_service: Service) -> None:
    whole = faces_service.report()
    events, copies, params = [], {}, {"limit": 1}
    while True:
        page = client.get("/api/report", params=params).json()
        assert len(page["events"]) <= 1 and page["articles"] == whole.articles
        events += [e["id"] for e in page["events"]]
        copies |= page["copies"]
        if page["next"] is None:
            break
        params = {"limit": 1, "after": page["next"]}
    assert sorted(events) == sorted(e.id for e in whole.events)
    assert copies == {str(k): v for k, v in whole.copies.items()}
    html = client.get("/report", params={"after": client.get("/api/report?limit=1").json()["next"]})
    assert html.status_code == 200 and "Report" in html.text
    assert client.get("/report", params={"after": "not-a-cursor"}).status_code == 422
