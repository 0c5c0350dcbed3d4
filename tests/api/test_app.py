"""REST API and web UI, in process (TestClient), over a temporary ledger."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from claimledger.api.app import create_app
from claimledger.config import Settings
from claimledger.ledger import Ledger
from claimledger.records import Claim, CleanArticle, Extraction, Figure, Span, Totals
from claimledger.service import Service

HOSTILE = 'Officials said <script>alert("x")</script> 4 people were killed.'


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    settings = Settings.from_options(db=str(tmp_path / "l.db"))
    s = HOSTILE.index("4")
    fig = Figure(Span.of(HOSTILE, s, s + 1), "killed", 4, 4, "exact", subject=Span.of(HOSTILE, s + 2, s + 8), claim=0)
    claim = Claim(Span.of(HOSTILE, 0, 9), Span.of(HOSTILE, 10, 14), (Span.of(HOSTILE, 15, len(HOSTILE)),), figures=(0,))
    ex = Extraction(CleanArticle(uri="<h>", text=HOSTILE, title="<b>bold</b>", outlet="Wire"), (claim,), (fig,),
                    totals=Totals(killed=4, figures={"killed": (0,)}))
    service = Service(settings)
    assert service.store(ex).status == "stored"
    return TestClient(create_app(settings, service))


def test_report_json(client: TestClient) -> None:
    rep = client.get("/api/report").json()
    assert rep["articles"] == 1
    (event,) = rep["events"]
    (report,) = event["measures"]["killed"]["reports"]
    assert report["claimant"] == "Officials" and report["best"] == 4


def test_article_and_figures(client: TestClient) -> None:
    art = client.get("/api/articles/1").json()
    f = art["figures"][0]
    assert art["text"][f["start"]:f["end"]] == "4"
    assert client.get("/api/figures", params={"measure": "injured"}).json()["figures"] == []
    assert client.get("/api/articles/42").status_code == 404


def test_untrusted_text_is_escaped(client: TestClient) -> None:
    for path in ("/", "/articles/1", "/articles", "/claims", "/figures", "/events/1", "/flags"):
        html = client.get(path).text
        assert "<script>" not in html and "<b>bold</b>" not in html, path
    assert "&lt;script&gt;" in client.get("/articles/1").text


def test_csv_export(client: TestClient) -> None:
    resp = client.get("/export/figures.csv")
    assert resp.status_code == 200 and resp.text.splitlines()[0].startswith("id,article_id,idx,measure")
    assert len(resp.text.strip().splitlines()) == 2


def test_csv_cells_never_start_a_formula(tmp_path: Path) -> None:
    settings = Settings.from_options(db=str(tmp_path / "f.db"))
    text = "=HYPERLINK(1) said 4 people were killed."
    s = text.index("4")
    fig = Figure(Span.of(text, s, s + 1), "killed", 4, 4, "exact", claim=0)
    claim = Claim(Span.of(text, 0, 13), Span.of(text, 14, 18), (Span.of(text, 19, len(text)),), figures=(0,))
    ex = Extraction(CleanArticle(uri="<f>", text=text, outlet="@evil"), (claim,), (fig,))
    Ledger(settings.db_url).append(ex, text)
    body = TestClient(create_app(settings, Service(settings))).get("/export/figures.csv").text
    assert ",=" not in body and ",@" not in body and "'=HYPERLINK(1)" in body and "'@evil" in body


def test_absurd_ids_are_client_errors(client: TestClient) -> None:
    for path in ("/api/articles/99999999999999999999999", "/articles/99999999999999999999999", "/api/articles/0"):
        assert client.get(path).status_code == 422


def test_the_page_and_the_json_read_the_same_article_data(client: TestClient) -> None:
    service = client.app.state.service
    assert service.article(42) is None and client.get("/articles/42").status_code == 404
    assert client.get("/api/articles/1").json()["claims"] == service.article(1)["claims"]
    assert "Officials" in client.get("/articles/1").text
