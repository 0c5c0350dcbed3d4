"""HTTP hardening: security headers everywhere, body size limit, token and rate limit on the
CPU-heavy extraction route (claimledger.api.security)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from claimledger.api.app import create_app
from claimledger.api.security import Policy, SecurityMiddleware
from claimledger.config import Settings
from claimledger.ledger import Ledger
from claimledger.service import Service

TEXT = "Police said 3 people were killed in Leeds on Monday."


@pytest.fixture
def app_client(tmp_path: Path, service: Service, monkeypatch: pytest.MonkeyPatch) -> TestClient:
    monkeypatch.delenv("CLAIMLEDGER_TOKEN", raising=False)
    settings = Settings.from_options(db=str(tmp_path / "l.db"))
    Ledger(settings.db_url)
    svc = Service(settings)
    svc.__dict__["extractor"] = service.extractor
    return TestClient(create_app(settings, svc))


def _echo_app(policy: Policy) -> TestClient:
    async def echo(request: Request) -> JSONResponse:
        return JSONResponse({"bytes": len(await request.body())})

    app = Starlette(routes=[Route("/api/extract", echo, methods=["POST"]), Route("/other", echo, methods=["POST"])])
    app.add_middleware(SecurityMiddleware, policy=policy)
    return TestClient(app)


def test_the_app_asks_for_the_ledger_token_on_extract(tmp_path: Path) -> None:
    settings = Settings.from_options(db=str(tmp_path / "l.db"), token="s3cret")
    Ledger(settings.db_url)
    client = TestClient(create_app(settings, Service(settings)))
    assert client.post("/api/extract", json={"text": TEXT}).status_code == 401


@pytest.mark.parametrize("method, path", [("GET", "/"), ("GET", "/api/report"), ("GET", "/api/articles/7"),
                                          ("GET", "/articles/7"), ("POST", "/api/extract"), ("GET", "/nowhere")])
def test_every_response_carries_the_security_headers(app_client: TestClient, method: str, path: str) -> None:
    resp = app_client.request(method, path, json={} if method == "POST" else None)
    csp = resp.headers["content-security-policy"]
    script = next(d for d in csp.split(";") if d.strip().startswith("script-src"))
    assert script.split() == ["script-src", "'self'"]  # no inline script, no other origin
    assert "frame-ancestors 'none'" in csp
    assert resp.headers["x-content-type-options"] == "nosniff" and resp.headers["x-frame-options"] == "DENY"


def test_posted_text_over_the_extraction_bounds_is_a_coded_refusal(app_client: TestClient) -> None:
    resp = app_client.post("/api/extract", json={"text": "7 died\n" * 6_000})
    assert resp.status_code == 400 and resp.json()["error"] == "CL012"


def test_posted_text_with_a_lone_surrogate_is_no_server_error(app_client: TestClient) -> None:
    resp = app_client.post("/api/extract", content=b'{"text": "Police said 3 died.\\ud800"}',
                           headers={"content-type": "application/json"})
    assert resp.status_code == 422 and resp.json()["detail"][0]["loc"] == ["body", "text"]


def test_body_over_the_limit_is_refused_before_the_route(app_client: TestClient) -> None:
    resp = app_client.post("/api/extract", json={"text": "x" * 600_000})
    assert resp.status_code == 413 and resp.json()["error"] == "CL012"
    assert "request body over the 524,288-byte limit" in resp.json()["detail"]


def test_streamed_body_over_the_limit_is_refused() -> None:
    client = _echo_app(Policy(max_body=100))

    def chunks():
        for _ in range(10):
            yield b"x" * 50

    assert client.post("/other", content=chunks()).status_code == 413
    assert client.post("/other", content=b"x" * 100).json() == {"bytes": 100}


def test_token_is_required_when_configured() -> None:
    client = _echo_app(Policy(token="s3cret"))
    assert client.post("/api/extract", content=b"{}").status_code == 401
    assert client.post("/api/extract", content=b"{}", headers={"authorization": "Bearer wrong"}).status_code == 401
    assert client.post("/api/extract", content=b"{}", headers={"authorization": "Bearer s3cret"}).status_code == 200
    assert client.post("/other", content=b"{}").status_code == 200  # only the heavy route asks


def test_rate_limit_per_client_answers_429_with_retry_after() -> None:
    client = _echo_app(Policy(rate=0.01, burst=2))
    codes = [client.post("/api/extract", content=b"{}").status_code for _ in range(4)]
    assert codes == [200, 200, 429, 429]
    refused = client.post("/api/extract", content=b"{}")
    assert refused.json()["error"] == "CL012" and int(refused.headers["retry-after"]) >= 1
    assert client.post("/other", content=b"{}").status_code == 200


def test_requests_in_flight_are_capped() -> None:
    release = asyncio.Event()
    statuses: list[int] = []

    async def slow(scope, receive, send):
        await release.wait()
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    middleware = SecurityMiddleware(slow, Policy(in_flight=1, burst=10))

    async def request(client: str) -> None:
        scope = {"type": "http", "method": "POST", "path": "/api/extract", "headers": [],
                 "client": (client, 1)}

        async def receive():
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message):
            if message["type"] == "http.response.start":
                statuses.append(message["status"])
        await middleware(scope, receive, send)

    async def main() -> None:
        first = asyncio.create_task(request("a"))
        await asyncio.sleep(0.05)
        await request("b")  # refused at once while the first runs
        release.set()
        await first
        await request("c")  # the first is done: room again

    asyncio.run(main())
    assert statuses == [429, 200, 200]
